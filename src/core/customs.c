/* customs.c: being written. */
#include "core.h"
