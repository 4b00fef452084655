#!/bin/bash
# Side by side with the previous release (a benchmark, not a test): builds
# the release REF (default: the newest tag, else ac0ffc5, the commit the
# first performance pass measured) and this checkout's committed HEAD at
# -O0 from `git archive` in a temporary folder, then
#   - checks that this build and the -O0 build print the same state
#     digests (default world 365 days, a generated 360-ward world 150 days);
#   - times `smugnet run` of this build and of REF on the same worlds: CPU
#     time (user + system) and wall time, medians of RUNS (5) runs, per
#     simulated day in the first year (days 2-365) and after it (days
#     366-1095), by differences of runs of 1, 365 and 1095 days so that
#     loading and writing output are left out; and the ratios REF / this.
# Usage: bench/compare.sh [SMUGNET] [REF]   (make bench runs it after bench/bench)
set -eu
SMUGNET=$(cd "$(dirname "${1:-./smugnet}")" && pwd)/$(basename "${1:-./smugnet}")
src=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
if ! git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
	echo "compare: not a git checkout; no previous release to compare with"
	exit 0
fi
REF=${2:-$(git -C "$src" describe --tags --abbrev=0 2>/dev/null || echo ac0ffc5)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

build() { # $1 = revision, $2 = folder, $3 = CFLAGS
	mkdir -p "$2"
	git -C "$src" archive "$1" | tar -x -C "$2"
	(cd "$2" && autoreconf -fi >/dev/null 2>&1 && ./configure -q CFLAGS="$3" >/dev/null &&
		nice -n 19 make -j2 smugnet >/dev/null 2>&1) || { echo "compare: cannot build $1" >&2; exit 1; }
}
echo "compare: building $REF (-O2) and HEAD $(git -C "$src" rev-parse --short HEAD) (-O0) in $tmp"
build "$REF" "$tmp/ref" "-g -O2"
build HEAD "$tmp/o0" "-g -O0"
REFBIN=$tmp/ref/smugnet
"$SMUGNET" gen --wards 360 --seed 42 > "$tmp/w360.json"

digest() { # $1 = binary, then run arguments
	local b=$1; shift
	"$b" run "$@" --every 100000 | tail -n 1 | sed -n 's/.*"digest":"\([0-9a-f]*\)".*/\1/p'
}
echo
bad=0
for w in default w360; do
	if [ $w = default ]; then args="--days 365"; else args="--days 150 --scenario $tmp/w360.json"; fi
	a=$(digest "$SMUGNET" $args)
	b=$(digest "$tmp/o0/smugnet" $args)
	if [ -n "$a" ] && [ "$a" = "$b" ]; then r="equal"; else r="DIFFER"; bad=1; fi
	printf 'digest %-8s %-40s this build %s, -O0 build %s: %s\n' "$w" "($args)" "$a" "$b" "$r" | sed "s|$tmp/||"
done

TIMEFORMAT='%3U %3S %3R'
cost() { # $1 = binary, $2 = days, rest = run arguments: "cpu wall" medians in seconds
	local b=$1 days=$2; shift 2
	for i in $(seq "$RUNS"); do
		{ time "$b" run --days "$days" --every 100000 "$@" > /dev/null; } 2>&1 | awk '{ print $1 + $2, $3 }'
	done | sort -n -k1 | awk '{ c[NR] = $1; w[NR] = $2 } END { m = int((NR + 1) / 2); print c[m], w[m] }'
}
echo
echo "per simulated day, us; CPU time (wall in brackets); medians of $RUNS runs"
printf '%-9s %-10s %22s %22s\n' world build "days 2-365" "days 366-1095"
declare -A first after
for w in default w360; do
	if [ $w = default ]; then set --; else set -- --scenario "$tmp/w360.json"; fi
	for which in this ref; do
		if [ $which = this ]; then b=$SMUGNET; else b=$REFBIN; fi
		read c0 w0 <<< "$(cost "$b" 1 "$@")"
		read c1 w1 <<< "$(cost "$b" 365 "$@")"
		read c2 w2 <<< "$(cost "$b" 1095 "$@")"
		f=$(awk -v a=$c0 -v b=$c1 'BEGIN { printf "%.1f", (b - a) * 1e6 / 364 }')
		s=$(awk -v a=$c1 -v b=$c2 'BEGIN { printf "%.1f", (b - a) * 1e6 / 730 }')
		fw=$(awk -v a=$w0 -v b=$w1 'BEGIN { printf "%.1f", (b - a) * 1e6 / 364 }')
		sw=$(awk -v a=$w1 -v b=$w2 'BEGIN { printf "%.1f", (b - a) * 1e6 / 730 }')
		first[$w$which]=$f
		after[$w$which]=$s
		label=$which
		[ $which = ref ] && label=$REF
		printf '%-9s %-10s %22s %22s\n' $w "$label" "$f ($fw)" "$s ($sw)"
	done
	awk -v w=$w -v f1="${first[${w}ref]}" -v f0="${first[${w}this]}" \
		-v s1="${after[${w}ref]}" -v s0="${after[${w}this]}" 'BEGIN {
		printf "%-9s %-10s %21.2fx %21.2fx\n", w, "speed-up", (f0 > 0 ? f1 / f0 : 0), (s0 > 0 ? s1 / s0 : 0) }'
done
echo "(speed-up: $REF's CPU time a day / this build's; above 1 this build is faster. $REF runs"
echo " its own model on the same scenario: the ratio compares a simulated day, not the same decisions)"
exit $bad
