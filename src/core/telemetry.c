/* telemetry.c: being written. */
#include "core.h"
