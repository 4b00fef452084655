/* sim.c: being written. */
#include "core.h"
