/* routing.c: being written. */
#include "core.h"
