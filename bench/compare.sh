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
#     366-3650), by differences of runs of 1, 365 and 3,650 days so that
#     loading and writing output are left out; and the ratios REF / this.
#     The runs go in rounds (each round runs both builds, one after the
#     other), and each round gives its own differences and ratio, so a
#     change of load between the builds' runs shows as a spread.
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

. "$src/bench/lib.sh"
once() { # $1 = binary, $2 = days, rest = run arguments: "cpu wall" in seconds
	local b=$1 days=$2; shift 2
	timed /dev/null "$b" run --days "$days" --every 100000 "$@"
}
# The runs are taken in rounds: in each round both builds run 1, 365 and
# 3,650 days back to back, so a round's per-day figures (differences of
# its own runs) and its speed-up (a ratio of two builds timed seconds
# apart) see the same load. Printed: medians over the rounds, and the
# least and most speed-up of a round, which show how noisy the run was.
echo
echo "per simulated day, us; CPU time (wall in brackets); medians of $RUNS rounds"
printf '%-9s %-10s %22s %22s\n' world build "days 2-365" "days 366-3650"
for w in default w360; do
	if [ $w = default ]; then set --; else set -- --scenario "$tmp/w360.json"; fi
	: > "$tmp/rounds"
	for r in $(seq "$RUNS"); do
		line=""
		for b in "$SMUGNET" "$REFBIN"; do
			for days in 1 365 3650; do
				line="$line $(once "$b" $days "$@")"
			done
		done
		echo "$line" >> "$tmp/rounds"
	done
	# a round: this (cpu wall) x 1, 365, 3650 days, then the reference the same
	awk -v w=$w -v ref="$REF" "$AWK_MEDIAN"'
	{
		for (k = 0; k < 2; k++) {
			o = 6 * k
			f[k, NR] = ($(o + 3) - $(o + 1)) * 1e6 / 364; fw[k, NR] = ($(o + 4) - $(o + 2)) * 1e6 / 364
			s[k, NR] = ($(o + 5) - $(o + 3)) * 1e6 / 3285; sw[k, NR] = ($(o + 6) - $(o + 4)) * 1e6 / 3285
		}
		# a round whose longer run took no more time than its shorter
		# one (load changed within it) gives no ratio
		if (f[0, NR] > 0 && f[1, NR] > 0) rf[++nf] = f[1, NR] / f[0, NR]
		if (s[0, NR] > 0 && s[1, NR] > 0) rs[++ns] = s[1, NR] / s[0, NR]
	}
	END {
		n = NR
		for (k = 0; k < 2; k++) {
			for (i = 1; i <= n; i++) { a[i] = f[k, i]; b[i] = fw[k, i]; c[i] = s[k, i]; d[i] = sw[k, i] }
			printf "%-9s %-10s %22s %22s\n", w, k ? ref : "this", sprintf("%.1f (%.1f)", med(a, n), med(b, n)),
				sprintf("%.1f (%.1f)", med(c, n), med(d, n))
		}
		printf "%-9s %-10s %22s %22s\n", w, "speed-up", ratio(rf, nf, n), ratio(rs, ns, n)
	}
	function ratio(r, k, n,   m, t) { # median (least-most)[, rounds used]
		if (k == 0)
			return "no round"
		m = med(r, k)
		t = sprintf("%.2fx (%.2f-%.2f)", m, r[1], r[k])
		return k < n ? t sprintf(" %d/%d", k, n) : t
	}' "$tmp/rounds"
done
echo "(speed-up: $REF's CPU time a day / this build's in the same round, the median and the"
echo " least and most of the $RUNS rounds (k/$RUNS: only k rounds gave both builds a positive"
echo " difference); above 1 this build is faster. $REF runs"
echo " its own model on the same scenario: the ratio compares a simulated day, not the same decisions)"
exit $bad
