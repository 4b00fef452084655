#!/bin/sh
# A sweep's Slurm job array run for real: start a single-node Slurm
# (munged, slurmctld, slurmd from Debian's slurm-wlm) in a scratch folder
# with its own key, socket, ports, state and logs; check the generated
# script with `sbatch --test-only`; submit it and wait; the results must
# equal the fork pool's byte for byte and collect identically. A small
# array in a folder whose name needs quoting runs, each task logging to
# a file of its own. Every
# daemon started here is stopped and the scratch folder removed. When a
# cluster cannot be started here the test is skipped (exit 77) and says why.
set -u
SMUGNET=${SMUGNET:-./smugnet}
case "$SMUGNET" in /*) ;; *) SMUGNET="$(pwd)/$SMUGNET" ;; esac

skip() { echo "SKIP: Slurm array not run for real: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "starting munged and slurmd needs root"
for p in munged slurmctld slurmd sbatch sinfo squeue; do
	command -v $p >/dev/null 2>&1 || skip "$p is not installed (Debian packages slurm-wlm and munge)"
done
id munge >/dev/null 2>&1 || skip "there is no munge user"

scratch=$(mktemp -d /tmp/smugnet-slurm.XXXXXX)
chmod 755 "$scratch"
# All three are signalled at once and waited for together (up to 3 s),
# so a test runner that stops this script (SIGTERM, then SIGKILL a few
# seconds later) still finds every daemon gone.
stop_daemons() {
	pids=
	for f in "$scratch/slurmd.pid" "$scratch/slurmctld.pid" "$scratch/munge-run/munged.pid"; do
		[ -s "$f" ] && pids="$pids $(cat "$f")"
	done
	[ -n "$pids" ] || return 0
	# shellcheck disable=SC2086
	kill $pids 2>/dev/null
	i=0
	while [ $i -lt 30 ]; do
		alive=
		for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
		[ -n "$alive" ] || return 0
		sleep 0.1
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	kill -9 $pids 2>/dev/null
	return 0
}
cleanup() { stop_daemons; rm -rf "$scratch"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
pass=0
fail() { echo "FAIL: $*"; echo "$pass passed, 1 failed"; exit 1; }
cannot_start() {
	echo "--- $1 log:"; tail -n 15 "$2" 2>/dev/null
	skip "$1 did not start (log above)"
}

# munge: a key, a socket and a pid file of this test's own
mkdir -p "$scratch/munge" "$scratch/munge-run"
dd if=/dev/urandom of="$scratch/munge/munge.key" bs=1024 count=1 2>/dev/null
chown -R munge: "$scratch/munge" "$scratch/munge-run"
chmod 700 "$scratch/munge"
chmod 755 "$scratch/munge-run"
chmod 400 "$scratch/munge/munge.key"
sock="$scratch/munge-run/munge.socket"
runuser -u munge -- munged --key-file="$scratch/munge/munge.key" --socket="$sock" \
	--pid-file="$scratch/munge-run/munged.pid" --log-file="$scratch/munge/munged.log" \
	--seed-file="$scratch/munge/munged.seed" >/dev/null 2>&1 ||
	cannot_start munged "$scratch/munge/munged.log"
munge -S "$sock" -n | unmunge -S "$sock" 2>/dev/null | grep -q "STATUS: *Success" ||
	cannot_start "munge (credential round trip)" "$scratch/munge/munged.log"

# slurm.conf: this host as controller and only node, ports of our own
host=$(hostname -s)
port=$((20000 + $$ % 20000))
cpus=$(nproc 2>/dev/null || echo 1)
mkdir -p "$scratch/state" "$scratch/spool" "$scratch/logs"
cat > "$scratch/slurm.conf" <<CONF
ClusterName=smugnet-test
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$scratch/state
SlurmdSpoolDir=$scratch/spool
SlurmctldPidFile=$scratch/slurmctld.pid
SlurmdPidFile=$scratch/slurmd.pid
SlurmctldLogFile=$scratch/logs/slurmctld.log
SlurmdLogFile=$scratch/logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SchedulerType=sched/backfill
MaxArraySize=1001
NodeName=$host CPUs=$cpus RealMemory=1024 State=UNKNOWN
PartitionName=sweep Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
printf 'CgroupPlugin=autodetect\nIgnoreSystemd=yes\n' > "$scratch/cgroup.conf"
export SLURM_CONF="$scratch/slurm.conf"
slurmctld -c -f "$SLURM_CONF" >/dev/null 2>&1 || cannot_start slurmctld "$scratch/logs/slurmctld.log"
slurmd -f "$SLURM_CONF" >/dev/null 2>&1 || cannot_start slurmd "$scratch/logs/slurmd.log"
i=0
until sinfo -h -o %T 2>/dev/null | grep -q idle; do
	i=$((i + 1))
	[ $i -le 60 ] || cannot_start "slurmd (node never idle: $(sinfo -h -o %T 2>&1))" "$scratch/logs/slurmd.log"
	sleep 0.5
done
echo "single-node Slurm up: $(sinfo -h -o '%P %D %T %C' | head -n 1)"

# the same sweep run by the fork pool and by the Slurm array
L="$scratch/local"
A="$scratch/array"
"$SMUGNET" sweep plan "$L" --seeds 1-4 --years 1 --set smuggling.learning_rate=0.1,0.4 >/dev/null || fail "plan"
"$SMUGNET" sweep plan "$A" --seeds 1-4 --years 1 --set smuggling.learning_rate=0.1,0.4 >/dev/null || fail "plan"
"$SMUGNET" sweep run "$L" --jobs 2 --engine fork || fail "local run"
"$SMUGNET" sweep slurm "$A" --limit 2 --time 00:10:00 --mem 128M > "$scratch/out" || fail "sweep slurm"
bash -n "$A/sweep.sbatch" || fail "script is not valid bash"
sbatch --test-only "$A/sweep.sbatch" > "$scratch/test-only" 2>&1 || fail "sbatch --test-only: $(cat "$scratch/test-only")"
pass=$((pass + 1))
wait_job() {
	i=0
	while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
		i=$((i + 1))
		[ $i -le 600 ] || fail "array job $1 still queued after 300 s: $(squeue -j "$1")"
		sleep 0.5
	done
}
job=$(sbatch --parsable "$A/sweep.sbatch" 2>"$scratch/sbatch.err") || fail "sbatch: $(cat "$scratch/sbatch.err")"
wait_job "$job"
echo "ran for real: array job $job, $(ls "$A/logs" | grep -c slurm-) array tasks logged"
[ "$(ls "$A/results" | wc -l)" -eq 8 ] || fail "array wrote $(ls "$A/results" | wc -l) results, expected 8"
diff -r "$L/results" "$A/results" >/dev/null || fail "Slurm results differ from the fork pool's"
"$SMUGNET" sweep collect "$L" --quiet || fail "collect local"
"$SMUGNET" sweep collect "$A" --quiet || fail "collect array"
for f in tasks days summary bankruptcy; do
	cmp -s "$L/collect/$f.csv" "$A/collect/$f.csv" || fail "collect/$f.csv differs between engines"
done
pass=$((pass + 1))

# a folder whose name has a space, both quotes, a '$', a '%' and a '#':
# sbatch takes its script, and each array task runs and logs to a file
# of its own there (Slurm expands %A and %a, not the folder's %j)
Q="$scratch/sp ace 'q\"\$x %j #"
"$SMUGNET" sweep plan "$Q" --seeds 1-2 --days 5 >/dev/null || fail "plan (quoted folder)"
"$SMUGNET" sweep slurm "$Q" --time 00:10:00 --mem 128M > "$scratch/out" || fail "sweep slurm (quoted folder)"
job=$(sbatch --parsable "$Q/sweep.sbatch" 2>"$scratch/sbatch.err") || fail "sbatch (quoted folder): $(cat "$scratch/sbatch.err")"
wait_job "$job"
[ "$(ls "$Q/results" | wc -l)" -eq 2 ] || fail "array in a quoted folder wrote $(ls "$Q/results" | wc -l) results, expected 2"
[ -e "$Q/logs/slurm-${job}_0.out" ] && [ -e "$Q/logs/slurm-${job}_1.out" ] ||
	fail "array in a quoted folder: logs are $(ls "$Q/logs")"
echo "ran for real in a quoted folder: array job $job, logs $(ls "$Q/logs" | tr '\n' ' ')"
pass=$((pass + 1))
echo "$pass passed, 0 failed"
