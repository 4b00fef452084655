/* scenario.c: being written. */
#include "core.h"
