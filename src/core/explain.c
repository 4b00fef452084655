/* explain.c: being written. */
#include "core.h"
