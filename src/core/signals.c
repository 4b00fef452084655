/* signals.c: being written. */
#include "core.h"
