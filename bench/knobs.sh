#!/bin/bash
# What a simulated day costs against the model's two work settings (a
# benchmark, not a test): the candidate routes scored per decision
# (smuggling.route_topk) and the shipments a faction may send a day
# (smuggling.max_shipments_per_day). For each pair, on the default world
# or SCENARIO: the CPU time (user + system) a day after the first year
# (days 366-3650, the difference of a 365- and a 3,650-day run; the
# median of RUNS rounds, 5 by default), the wall time beside it, and what
# the ten years did (shipments delivered, seized, lost; the factions'
# profit), so a designer sees what a cheaper setting costs the model.
# Usage: bench/knobs.sh [SMUGNET] [SCENARIO]   (make bench-knobs; seconds on the default world)
set -eu
SMUGNET=${1:-./smugnet}
RUNS=${RUNS:-5}
TOPK=${TOPK:-24 12 6 1}
SHIPS=${SHIPS:-12 6 3}
scenario=()
if [ -n "${2:-}" ]; then scenario=(--scenario "$2"); fi
# a world that does not load stops here, with smugnet's own message
"$SMUGNET" run --days 1 --every 100000 "${scenario[@]}" > /dev/null || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

. "$(dirname "$0")/lib.sh"
once() { # $1 = days, rest = run arguments: "cpu wall" in seconds; the summary in $tmp/out
	local days=$1; shift
	timed "$tmp/out" "$SMUGNET" run --days "$days" --every 100000 "${scenario[@]}" "$@"
}
printf 'per simulated day after the first year (days 366-3650), us; medians of %s rounds\n' "$RUNS"
printf '%5s %6s %14s %14s %10s %7s %6s %12s\n' topk ships "CPU a day" "wall a day" delivered seized lost profit
for k in $TOPK; do
	for s in $SHIPS; do
		set -- --set "smuggling.route_topk=$k" --set "smuggling.max_shipments_per_day=$s"
		: > "$tmp/rounds"
		for r in $(seq "$RUNS"); do
			echo "$(once 365 "$@") $(once 3650 "$@")" >> "$tmp/rounds"
		done
		tail -n 1 "$tmp/out" > "$tmp/summary"
		awk -v k="$k" -v s="$s" -v sum="$(cat "$tmp/summary")" "$AWK_MEDIAN"'
		function field(name,   m) { # a number of the summary line
			if (match(sum, "\"" name "\":-?[0-9.]+") == 0) return "?"
			m = substr(sum, RSTART, RLENGTH)
			sub(/.*:/, "", m)
			return m
		}
		{ c[NR] = ($3 - $1) * 1e6 / 3285; wl[NR] = ($4 - $2) * 1e6 / 3285 }
		END {
			printf "%5d %6d %14.1f %14.1f %10s %7s %6s %12.0f\n", k, s, med(c, NR), med(wl, NR),
				field("delivered"), field("seized"), field("lost"), field("profit")
		}' "$tmp/rounds"
	done
done
echo "(delivered, seized, lost and profit: the whole ten years of the last round's 3,650-day run)"
