/* digest.c: being written. */
#include "core.h"
