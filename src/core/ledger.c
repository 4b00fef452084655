/* ledger.c: being written. */
#include "core.h"
