#!/bin/sh
# make fuzz's runner for one harness: FUZZ_WORKERS processes of the same
# libFuzzer binary on one corpus folder (libFuzzer picks up what the
# others add to it), so a long run uses every core.
#
# usage: run.sh BINARY WORKDIR SEEDCORPUS DICTIONARY
# FUZZ_RUNS=N     N executions in all, split evenly over the workers
#                 (rounded up, so the sum is at least N);
# FUZZ_SECONDS=S  otherwise, each worker runs S seconds (default 60);
# FUZZ_WORKERS=W  processes (default 1: the harness runs in the foreground).
# With more than one worker, each writes WORKDIR.workerK.log; at the end
# each worker's executions and the sum are printed. A crash, a failed
# oracle or undefined behaviour in any worker stops the others and fails
# the run (exit 1), naming the worker's log. Ctrl-C stops every worker;
# each still prints its final stats, and the sum is printed.
set -u
bin=$1 work=$2 seeds=$3 dict=$4
workers=${FUZZ_WORKERS:-1}
case $workers in
'' | *[!0-9]* | 0)
	echo "make fuzz: FUZZ_WORKERS must be a whole number from 1 (got '$workers')" >&2
	exit 2
	;;
esac
if [ -n "${FUZZ_RUNS:-}" ]; then
	case $FUZZ_RUNS in
	*[!0-9]* | 0)
		echo "make fuzz: FUZZ_RUNS must be a whole number from 1 (got '$FUZZ_RUNS')" >&2
		exit 2
		;;
	esac
	limit="-runs=$(((FUZZ_RUNS + workers - 1) / workers))"
else
	limit="-max_total_time=${FUZZ_SECONDS:-60}"
fi
if [ "$workers" -eq 1 ]; then
	exec "$bin" "$limit" -print_final_stats=1 -dict="$dict" "$work" "$seeds"
fi

# Background children of a non-interactive shell ignore SIGINT, but
# libFuzzer installs its own handler over an ignored one, so Ctrl-C still
# reaches every worker; this shell only has to outlive it to sum up.
trap 'interrupted=1' INT
interrupted=0
pids=
k=1
while [ "$k" -le "$workers" ]; do
	"$bin" "$limit" -print_final_stats=1 -dict="$dict" "$work" "$seeds" >"$work.worker$k.log" 2>&1 &
	pids="$pids $!"
	k=$((k + 1))
done
echo "fuzz: $workers workers, $limit each; logs $work.worker1.log to $work.worker$workers.log"

# wait for every worker; the first that fails stops the others
failed=
waited=0
left=$workers
while [ "$left" -gt 0 ]; do
	left=0
	k=1
	still=
	for p in $pids; do
		if [ "$p" != - ]; then
			if kill -0 "$p" 2>/dev/null; then
				left=$((left + 1))
			else
				wait "$p"
				rc=$?
				if [ "$rc" -ne 0 ] && [ "$interrupted" -eq 0 ] && [ -z "$failed" ]; then
					failed=$k
					echo "fuzz: worker $k stopped with status $rc; stopping the others" >&2
					for q in $pids; do
						[ "$q" = - ] || kill -INT "$q" 2>/dev/null
					done
				fi
				p=-
			fi
		fi
		still="$still $p"
		k=$((k + 1))
	done
	pids=$still
	if [ "$left" -gt 0 ]; then
		sleep 1
		# a stopped worker has printed its stats within a second or two;
		# one still there after 15 s hangs on its way out (libFuzzer can
		# deadlock exiting from its interrupt handler), so it is killed
		if [ "$interrupted" -ne 0 ] || [ -n "$failed" ]; then
			waited=$((waited + 1))
			if [ "$waited" -ge 15 ]; then
				for q in $pids; do
					[ "$q" = - ] || kill -KILL "$q" 2>/dev/null
				done
			fi
		fi
	fi
done

total=0
k=1
while [ "$k" -le "$workers" ]; do
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.worker$k.log" | tail -n 1)
	echo "worker $k: ${runs:-unknown} executions ($work.worker$k.log)"
	total=$((total + ${runs:-0}))
	k=$((k + 1))
done
echo "fuzz: $total executions in all"
if [ -n "$failed" ]; then
	echo "fuzz: worker $failed failed; its report:" >&2
	tail -n 40 "$work.worker$failed.log" >&2
	exit 1
fi
[ "$interrupted" -eq 0 ] || exit 130
exit 0
