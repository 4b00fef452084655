/* smuggling.c: being written. */
#include "core.h"
