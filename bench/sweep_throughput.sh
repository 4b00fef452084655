#!/bin/bash
# Sweep throughput (a benchmark, not a test): tasks per second per core
# for 10-, 50- and 200-year tasks on the default world and on a generated
# 400-ward world, from the CPU time (user + system) of one-job sweeps run
# under nice, and the size of one result on disk at the default stride.
# Usage: bench/sweep_throughput.sh [SMUGNET]   (make bench-sweep)
set -eu
SMUGNET=${1:-./smugnet}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
"$SMUGNET" gen --wards 400 --seed 3 > "$tmp/w400.json"
TIMEFORMAT='%U %S %R'
printf '%-14s %6s %6s %12s %12s %14s %14s\n' world years tasks "cpu s/task" "wall s/task" "tasks/s/core" "result bytes"
for world in default w400; do
	for years in 10 50 200; do
		case $years in 10) n=6 ;; 50) n=3 ;; 200) n=2 ;; esac
		dir="$tmp/$world-$years"
		if [ $world = default ]; then
			"$SMUGNET" sweep plan "$dir" --seeds 1-$n --years $years > /dev/null
		else
			"$SMUGNET" sweep plan "$dir" --seeds 1-$n --years $years --scenario "$tmp/w400.json" > /dev/null
		fi
		t=$( { time nice -n 19 "$SMUGNET" sweep run "$dir" --jobs 1 --engine fork --quiet; } 2>&1 )
		set -- $t
		bytes=$(du -b --apparent-size "$dir/results/0.json" | cut -f1)
		awk -v w=$world -v y=$years -v n=$n -v u=$1 -v s=$2 -v r=$3 -v b=$bytes 'BEGIN {
			c = (u + s) / n; printf "%-14s %6d %6d %12.3f %12.3f %14.3f %14d\n", w, y, n, c, r / n, 1 / c, b }'
	done
done
