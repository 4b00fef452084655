#!/bin/sh
# Every entry of tests/mutants-equivalent.txt still names a mutant of the
# sources, once: a line changed under an entry leaves an argument about
# code that is gone, and `make mutate` would quietly stop excluding it.
# Not a behavioural test: tests/mutate.py leaves it out of its runs.
: "${SRCDIR:?SRCDIR is not set (run it through make check)}"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found: skipped"; exit 77; }
exec python3 "$SRCDIR/tests/mutate.py" --check-list "$SRCDIR"
