/* logistics.c: being written. */
#include "core.h"
