#!/bin/bash
# Sweep throughput (a benchmark, not a test): tasks per second per core
# for 10-, 50- and 200-year tasks on the default world and on a generated
# 400-ward world, from the CPU time (user + system) of one-job sweeps run
# under nice (one process for all of a sweep's tasks, as `sweep run
# --jobs 1` batches them), and the size of one result on disk at the
# default stride.
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

# What a task pays to read its manifest, which grows with the sweep:
# GNU parallel's jobs (sweep run --jobs, sweep parallel) each read it
# once for one task, a Slurm array task once for its chunk. One task of
# a 1-day sweep of 1,000,000 tasks against one of a 1-task sweep, CPU
# time (user + system) medians of 3, and the peak RSS when GNU time is
# installed.
echo
"$SMUGNET" sweep plan "$tmp/m1" --seeds 1-1 --days 1 > /dev/null
"$SMUGNET" sweep plan "$tmp/m1e6" --seeds 1-1000000 --days 1 > /dev/null
read_cost() { # DIR: CPU seconds of one task, medians of 3
	for i in 1 2 3; do
		t=$( { time "$SMUGNET" sweep run "$1" --task 0 --quiet; } 2>&1 )
		set -- "$1" $t
		echo "$2 $3" | awk '{ print $1 + $2 }'
	done | sort -n | sed -n 2p
}
one=$(read_cost "$tmp/m1")
big=$(read_cost "$tmp/m1e6")
rss=n/a
if [ -x /usr/bin/time ]; then
	rss=$(/usr/bin/time -f %M "$SMUGNET" sweep run "$tmp/m1e6" --task 0 --quiet 2>&1 | tail -n 1)
	rss="$((rss / 1024)) MB"
fi
mbytes=$(du -b --apparent-size "$tmp/m1e6/manifest.json" | cut -f1)
awk -v one=$one -v big=$big -v b=$mbytes -v rss="$rss" 'BEGIN {
	printf "manifest of 1,000,000 tasks (%.1f MB): a task reads it in %.3f s of CPU (%.3f s against %.3f s with a 1-task manifest); peak RSS %s\n",
		b / 1e6, big - one, big, one, rss }'

# What a task's own process costs: 48 one-year tasks of the default
# world, one process a task (--batch 1) against batches of 16 (the
# default with one job), fork pool, CPU time (user + system) a task,
# medians of 3.
echo
batch_cost() { # [--batch 1]: CPU seconds a task, median of 3
	for i in 1 2 3; do
		rm -rf "$tmp/b"
		"$SMUGNET" sweep plan "$tmp/b" --seeds 1-48 --years 1 > /dev/null
		t=$( { time nice -n 19 "$SMUGNET" sweep run "$tmp/b" --jobs 1 --engine fork --quiet "$@"; } 2>&1 )
		echo "$t" | awk '{ printf "%.5f\n", ($1 + $2) / 48 }'
	done | sort -n | sed -n 2p
}
one=$(batch_cost --batch 1)
many=$(batch_cost)
awk -v one=$one -v many=$many 'BEGIN {
	printf "1-year tasks: %.1f ms of CPU a task one process a task (--batch 1), %.1f ms in batches of 16 (%+.0f%%)\n",
		one * 1000, many * 1000, (many / one - 1) * 100 }'
