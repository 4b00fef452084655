/* crackdown.c: being written. */
#include "core.h"
