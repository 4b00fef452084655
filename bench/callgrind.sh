#!/bin/bash
# Instructions per simulated day (a benchmark, not a test), counted by
# callgrind inside smug_cmd_step only (loading and output left out): the
# default world and a generated 360-ward world, days 1-365 and days
# 366-730 (by the difference of a 365-day and a 730-day run), and the
# functions that cost most in the second year (self cost, top 15).
# Usage: bench/callgrind.sh [SMUGNET]   (make bench-callgrind; about a minute)
set -eu
SMUGNET=${1:-./smugnet}
command -v valgrind >/dev/null || { echo "callgrind: valgrind is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
"$SMUGNET" gen --wards 360 --seed 42 > "$tmp/w360.json"
ir() { # $1 = output file, rest = run arguments: the instruction count
	local out=$1; shift
	nice -n 19 valgrind --tool=callgrind --toggle-collect=smug_cmd_step --callgrind-out-file="$out" \
		"$SMUGNET" run --every 100000 "$@" > /dev/null 2> "$out.log"
	sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$out.log"
}
printf '%-9s %18s %18s\n' world "Ir/day, days 1-365" "Ir/day, 366-730"
for w in default w360; do
	if [ $w = default ]; then set --; else set -- --scenario "$tmp/w360.json"; fi
	a=$(ir "$tmp/$w-1" --days 365 "$@")
	b=$(ir "$tmp/$w-2" --days 730 "$@")
	printf '%-9s %18.0f %18.0f\n' $w "$(echo "$a / 365" | bc -l)" "$(echo "($b - $a) / 365" | bc -l)"
done
echo
echo "default world, 730 days: the costliest functions (self, instructions inside smug_cmd_step)"
callgrind_annotate "$tmp/default-2" 2>/dev/null | grep -E '^ *[0-9,]+ +\(' | sed -n '1,16p' | sed "s|$(cd "$(dirname "$0")/.." && pwd)/||"
