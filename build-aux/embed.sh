#!/bin/sh
# embed.sh FILE SYMBOL: print a C file defining SYMBOL as FILE's bytes
# (NUL-terminated) and SYMBOL_len as their count.
set -e
f="$1"; sym="$2"
n=$(wc -c < "$f" | tr -d ' ')
echo "/* Generated from $(basename "$f") by build-aux/embed.sh. Do not edit. */"
echo "#include <stddef.h>"
echo "extern const char ${sym}[];"
echo "extern const size_t ${sym}_len;"
echo "const size_t ${sym}_len = $n;"
echo "const char ${sym}[] = {"
od -An -v -tx1 "$f" | sed -e 's/  */ /g' -e 's/^ //' -e '/^$/d' -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
echo "0x00 };"
