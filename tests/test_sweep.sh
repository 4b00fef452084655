#!/bin/sh
# Sweeps as a designer runs them: a 16-task sweep (4 seeds x 4 values of
# one knob, 5 years) planned, run with two jobs, collected; each task's
# summary equals `smugnet run` with the same settings; re-running is a
# no-op and resuming recreates a deleted result byte for byte; GNU
# parallel gives the same bytes as the fork pool, and so do batches of
# any size; a failing task is named and stops no other; collect names missing,
# duplicate, foreign and tampered results and exits 3; the Slurm script
# is valid shell; a folder and a program whose names need quoting run
# under both engines, the printed parallel line and the Slurm script;
# the fan chart is drawn; progress only on a terminal; a run with its
# standard input closed runs every task, and so does one with standard
# input and output closed, whose jobs stop when it is killed.
set -u
SMUGNET=${SMUGNET:-./smugnet}
# the cockpit's UTF-8 glyphs are under test: the locale is set here, not
# taken from the caller (where it is not UTF-8 the cockpit draws ASCII)
LC_ALL=C.UTF-8
export LC_ALL
tmp=$(mktemp -d)
# a cockpit left in tmux by a failed check goes with the server
trap '[ -S "$tmp/tmux.sock" ] && tmux -S "$tmp/tmux.sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
pass=0
fail() { echo "FAIL: $*"; echo "$pass passed, 1 failed"; exit 1; }
ok() { pass=$((pass + 1)); }
expect_rc() { want=$1; shift; "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; [ $rc -eq "$want" ] || fail "$* exited $rc, expected $want: $(cat "$tmp/err")"; ok; }
err_has() { grep -qF -- "$1" "$tmp/err" || fail "expected '$1' on stderr, got: $(cat "$tmp/err")"; }
# err_is LINE...: stderr of the last command is these lines and nothing else
err_is() { printf '%s\n' "$@" | cmp -s - "$tmp/err" || fail "expected on stderr: $*; got: $(cat "$tmp/err")"; }
# wait_first_result DIR: wait until the sweep DIR has a result (60 s at
# most; a sweep that never makes one is caught by the checks after)
wait_first_result() {
	i=0
	while [ -z "$(ls -A "$1/results" 2>/dev/null)" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
# running PATTERN: a process's command line matches the extended regular
# expression PATTERN, as pgrep -f's (read from /proc: pgrep, of procps, is
# not on every machine, and these checks passed unseen without it). The
# command lines are all read before the pattern is used, so the grep is
# not among them
running() {
	for c in /proc/[0-9]*/cmdline; do
		tr '\0' ' ' < "$c" && echo
	done > "$tmp/cmdlines" 2>/dev/null
	grep -Eq -- "$1" "$tmp/cmdlines"
}
# wait_no_process PATTERN: wait until no process's command line matches
# PATTERN, 30 s at most; false if one still does
wait_no_process() {
	end=$(($(date +%s) + 30))
	while running "$1"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.1
	done
}
# killed_run_stops CASE: SIGKILL the sweep run $runner of $tmp/stop
# (started with 100 tasks, --jobs 2); its workers and parallel end (30 s
# at most) and no task starts writing a result after it: a job looks at
# the lifeline just before it writes, so each of the 2 jobs may finish
# the one result it was writing at the kill (its fsync can take a while
# on a loaded machine), no more; sets got, the results at the kill
killed_run_stops() {
	kill -KILL $runner
	wait $runner
	got=$(ls "$tmp/stop/results" | wc -l)
	[ "$got" -lt 100 ] || fail "$1: the sweep ended before it was killed; the test needs longer tasks"
	wait_no_process "sweep run $tmp/stop|$tmp/stop/tmp/parallel" ||
		fail "$1: workers or parallel still run 30 s after the sweep run was killed"
	[ "$(ls "$tmp/stop/results" | wc -l)" -le $((got + 2)) ] ||
		fail "$1: results appeared after the sweep run was killed: $got, then $(ls "$tmp/stop/results" | wc -l)"
}

# `sweep --help` lists every option of every sweep command's own --help
for sub in plan run missing collect chart slurm parallel; do
	"$SMUGNET" sweep $sub --help > "$tmp/sub" || fail "sweep $sub --help failed"
	"$SMUGNET" sweep --help > "$tmp/all" || fail "sweep --help failed"
	for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/sub" | sort -u); do
		grep -q -- "$opt\([^a-z-]\|\$\)" "$tmp/all" || fail "sweep --help does not list sweep $sub's $opt"
	done
	ok
done

# the manifest's settings render as written: 'set (one "key=value" per
# key)' (a Dq took the rest of its line: 'set (one "key=value per key)"')
if command -v groff >/dev/null 2>&1; then
	groff -mandoc -Tascii -P-c -P-b -P-u "$SRCDIR/man/smugnet-sweep.1" 2>/dev/null > "$tmp/man.txt"
	grep -q 'set (one "key=value" per key))' "$tmp/man.txt" ||
		fail "smugnet-sweep(1) FILES, settings: $(grep 'key=value' "$tmp/man.txt")"
	ok
fi

# every long option a sweep verb's code takes is in its --help and in
# smugnet-sweep(1)'s SYNOPSIS (chart took --quiet, which neither listed)
for verb in plan run collect chart slurm parallel; do
	"$SMUGNET" sweep $verb --help > "$tmp/sub" || fail "sweep $verb --help failed"
	awk -v c=".Cm sweep $verb" '$0 == c { on = 1; next } /^\.(Nm|Sh)/ { on = 0 } on' \
		"$SRCDIR/man/smugnet-sweep.1" | sed 's/\\-/-/g' > "$tmp/syn"
	[ -s "$tmp/syn" ] || fail "smugnet-sweep(1) has no SYNOPSIS for sweep $verb"
	opts=$(grep -o '{"[a-z-]*", *[a-z_]*_argument' "$SRCDIR/src/cli/sweep_$verb.c" | sed 's/{"\([a-z-]*\)".*/\1/' |
		grep -v '^help$')
	[ -n "$opts" ] || fail "test bug: no options found in src/cli/sweep_$verb.c"
	for opt in $opts; do
		grep -q -- "--$opt\([^a-z-]\|\$\)" "$tmp/sub" || fail "sweep $verb --help does not list --$opt"
		grep -q -- "Fl -$opt\([^a-z-]\|\$\)" "$tmp/syn" || fail "smugnet-sweep(1) SYNOPSIS does not list sweep $verb's --$opt"
	done
	ok
done

S="$tmp/sw"
KNOB=smuggling.learning_rate
VALUES="0.05 0.15 0.3 0.6"
expect_rc 0 "$SMUGNET" sweep plan "$S" --seeds 11-14 --years 5 --set "$KNOB=0.05,0.15,0.3,0.6"
grep -q "16 tasks" "$tmp/out" || fail "plan did not announce 16 tasks: $(cat "$tmp/out")"
[ "$(ls "$S")" = manifest.json ] || fail "plan wrote more than the manifest: $(ls "$S")"
expect_rc 2 "$SMUGNET" sweep plan "$tmp/bad" --seeds 1-2 --days 5 --set smuggling.no_such_knob=1
grep -q "smuggling.no_such_knob: no such knob" "$tmp/err" || fail "bad --set key not named: $(cat "$tmp/err")"
[ ! -e "$tmp/bad" ] || fail "a refused plan left a folder behind"
expect_rc 2 "$SMUGNET" sweep plan "$tmp/bad" --seeds 3-1 --days 5
grep -qF -- "--seeds: expected a seed S or a range A-B of whole numbers in [0,9007199254740991] with A <= B, got '3-1'" "$tmp/err" ||
	fail "a reversed --seeds range is not told apart: $(cat "$tmp/err")"
[ ! -e "$tmp/bad" ] || fail "a refused plan left a folder behind"
# a seed is any whole number up to 2^53 - 1, alone as in a range; past it, the range is named
expect_rc 2 "$SMUGNET" sweep plan "$tmp/bad" --seeds 9007199254740992 --days 5
grep -qF -- "in [0,9007199254740991] with A <= B, got '9007199254740992'" "$tmp/err" ||
	fail "a seed past 2^53 - 1 does not name the range: $(cat "$tmp/err")"
[ ! -e "$tmp/bad" ] || fail "a refused plan left a folder behind"
expect_rc 0 "$SMUGNET" sweep plan "$tmp/single" --seeds 200000000000 --days 1
grep -qxF "$tmp/single/manifest.json: 1 task (1 seed x 1 setting), 1 day each" "$tmp/out" ||
	fail "a one-task plan says: $(cat "$tmp/out")"
grep -q '"seed":200000000000[,}]' "$tmp/single/manifest.json" || fail "--seeds 200000000000 did not plan that seed"
expect_rc 0 "$SMUGNET" sweep run "$tmp/single" --task 0
expect_rc 0 "$SMUGNET" run --days 1 --seed 200000000000
a=$(sed -n 's/.*"digest":"\([0-9a-f]*\)".*/\1/p' "$tmp/out" | tail -n 1)
grep -q "\"digest\":\"$a\"" "$tmp/single/results/0.json" || fail "task 0 of --seeds 200000000000 is not run --seed 200000000000 (digest $a)"
expect_rc 2 "$SMUGNET" sweep plan "$tmp/bad" --seeds 1-2 --days 0
err_has "--days: expected a whole number in [1,100000000], got '0'"
expect_rc 2 "$SMUGNET" sweep plan "$tmp/bad" --seeds 1-2 --days 5 --stride 0
err_has "--stride: expected a whole number in [1,100000000], got '0'"
expect_rc 2 "$SMUGNET" sweep plan "$tmp/bad" --seeds 1-2 --days 5 --set "$KNOB=0.1,7"
grep -q "learning_rate" "$tmp/err" || fail "out-of-range --set value not named: $(cat "$tmp/err")"
# every value between commas counts: an empty one is refused by a number
# knob (it was dropped, the sweep planned with one setting fewer) and taken
# by a text knob, as run --set takes it
for v in "0.1,,0.2" "0.1,0.2," ",0.1"; do
	expect_rc 2 "$SMUGNET" sweep plan "$tmp/bad" --seeds 1-2 --days 5 --set "$KNOB=$v"
	err_has "--set $KNOB: expected number in [1e-09,1], got ''"
done
expect_rc 0 "$SMUGNET" sweep plan "$tmp/salt" --seeds 3 --days 2 --set "smuggling.deterministic_salt=,pepper"
grep -qxF "$tmp/salt/manifest.json: 2 tasks (1 seed x 2 settings), 2 days each" "$tmp/out" ||
	fail "an empty salt and another: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" sweep run "$tmp/salt" --task 0
expect_rc 0 "$SMUGNET" run --days 2 --seed 3 --set "smuggling.deterministic_salt="
a=$(sed -n 's/.*"digest":"\([0-9a-f]*\)".*/\1/p' "$tmp/out" | tail -n 1)
grep -q "\"digest\":\"$a\"" "$tmp/salt/results/0.json" || fail "the empty-salt task is not run --set 'smuggling.deterministic_salt=' (digest $a)"
expect_rc 0 "$SMUGNET" sweep run "$tmp/salt" --task 1
# a --set value of any length is planned whole (one past 500 bytes was
# cut at 512 without a word): 0.1 with 5000 more digits, beside 0.2
long=0.1$(printf '%05000d' 1)
expect_rc 0 "$SMUGNET" sweep plan "$tmp/long" --seeds 3 --days 2 --set "$KNOB=$long,0.2"
grep -qxF "{\"id\":0,\"set\":[\"$KNOB=$long\"]}," "$tmp/long/manifest.json" ||
	fail "a 5003-byte --set value is not in the manifest whole: $(grep -o "\"$KNOB=[0-9.]*" "$tmp/long/manifest.json" | awk '{ print length($0) }')"
expect_rc 0 "$SMUGNET" sweep run "$tmp/long" --task 0
expect_rc 2 "$SMUGNET" sweep plan "$S" --seeds 1-2 --days 5
grep -q "another sweep" "$tmp/err" || fail "planning over another sweep was not refused"
# the same plan with its scenario named by another path (absolute, then
# relative from elsewhere) is this plan, and the manifest is left as it
# was; the same name holding another scenario is another sweep
"$SMUGNET" gen --wards 12 --seed 5 > "$tmp/paths.json" || fail "gen for the paths plan failed"
expect_rc 0 "$SMUGNET" sweep plan "$tmp/paths" --seeds 1-2 --days 3 --scenario "$tmp/paths.json"
cp "$tmp/paths/manifest.json" "$tmp/paths.manifest"
expect_rc 0 sh -c 'cd "$1" && "$2" sweep plan paths --seeds 1-2 --days 3 --scenario ./paths.json' sh "$tmp" "$SMUGNET"
err_is "smugnet sweep plan: paths already holds this plan"
cmp -s "$tmp/paths/manifest.json" "$tmp/paths.manifest" || fail "planning the same sweep again changed its manifest"
"$SMUGNET" gen --wards 12 --seed 6 > "$tmp/paths2.json" || fail "gen for the other scenario failed"
mkdir "$tmp/other" && cp "$tmp/paths2.json" "$tmp/other/paths.json"
expect_rc 2 "$SMUGNET" sweep plan "$tmp/paths" --seeds 1-2 --days 3 --scenario "$tmp/other/paths.json"
err_has "already holds another sweep"

# run with two jobs (the fork pool); no progress when stderr is not a terminal
expect_rc 0 "$SMUGNET" sweep run "$S" --jobs 2 --engine fork
[ ! -s "$tmp/err" ] || fail "sweep run wrote to a non-terminal stderr: $(cat "$tmp/err")"
[ "$(ls "$S/results" | wc -l)" -eq 16 ] || fail "expected 16 results, got $(ls "$S/results" | wc -l)"

# each task's summary equals `smugnet run` with the same settings
task=0
for v in $VALUES; do
	for seed in 11 12 13 14; do
		want=$("$SMUGNET" run --years 5 --seed $seed --set "$KNOB=$v" | tail -n 1)
		got=$(sed -n 's/^"summary":\(.*\),"check":"[0-9a-f]*"}$/\1/p' "$S/results/$task.json")
		[ -n "$got" ] && [ "$got" = "$want" ] || fail "task $task (seed $seed, $KNOB=$v): summary differs from smugnet run"
		task=$((task + 1))
	done
done
ok

# a manifest edited by hand reads the same: the task list with spaces,
# its members in another order and CRLF line ends runs each task with
# the seed and setting it had (its summary equals the planned one's)
E="$tmp/edited"
mkdir "$E"
sed -e 's/{"id":\([0-9]*\),"seed":\([0-9]*\),"setting":\([0-9]*\)}/{ "seed": \2, "id": \1,	"setting": \3 }/' \
	-e 's/$/\r/' "$S/manifest.json" > "$E/manifest.json"
grep -q '{ "seed": 12, "id": 1,	"setting": 0 }' "$E/manifest.json" || fail "the edit missed the task list"
expect_rc 0 "$SMUGNET" sweep run "$E" --task 1 6 15 --quiet
[ "$(ls "$E/results" | sort -n | tr '\n' ' ')" = "1.json 6.json 15.json " ] || fail "--task 1 6 15 ran: $(ls "$E/results")"
for t in 1 6 15; do
	want=$(sed -n 's/^"summary":\(.*\),"check":"[0-9a-f]*"}$/\1/p' "$S/results/$t.json")
	got=$(sed -n 's/^"summary":\(.*\),"check":"[0-9a-f]*"}$/\1/p' "$E/results/$t.json")
	[ -n "$got" ] && [ "$got" = "$want" ] || fail "task $t of the edited manifest differs from the planned one"
done

# a broken task list is refused with its place and the reason (exit 3)
broken() { # NAME SED-SCRIPT MESSAGE
	mkdir "$tmp/broken-$1"
	sed "$2" "$S/manifest.json" > "$tmp/broken-$1/manifest.json"
	cmp -s "$S/manifest.json" "$tmp/broken-$1/manifest.json" && fail "$1: the edit changed nothing"
	expect_rc 3 "$SMUGNET" sweep run "$tmp/broken-$1" --task 0 --quiet
	grep -qxF "$tmp/broken-$1/manifest.json: $3" "$tmp/err" || fail "$1: expected '$3', got: $(cat "$tmp/err")"
}
broken id 's/{"id":3,"seed"/{"id":7,"seed"/' 'tasks[3].id: expected a whole number in [3,3]'
broken seed 's/{"id":2,"seed":[0-9]*,/{"id":2,"seed":-1,/' 'tasks[2].seed: expected a whole number in [0,9007199254740991]'
broken setting 's/{"id":15,\("seed":[0-9]*\),"setting":3}/{"id":15,\1,"setting":4}/' \
	'tasks[15].setting: expected a whole number in [0,3]'
broken object 's/{"id":4,"seed":[0-9]*,"setting":[0-9]*}/[4]/' 'tasks[4]: expected an object'
broken comma 's/}]}$/},]}/' 'malformed JSON'
broken empty '/^{"id":[0-9]*,"seed"/d; s/^"tasks":\[$/"tasks":[]}/' 'tasks: expected a non-empty array'
# a key twice is refused by its path, in the header, in a task in the
# planner's form or in another, and for a second task list; nothing is run
broken dup-days 's/"days":\([0-9]*\),/"days":\1,"days":1,/' "days: duplicate key 'days'"
broken dup-task-seed 's/{"id":2,"seed":\([0-9]*\),"setting":\([0-9]*\)}/{"id":2,"seed":\1,"setting":\2,"seed":5}/' \
	"tasks[2].seed: duplicate key 'seed'"
broken dup-tasks 's/}]}$/}],"tasks":[{"id":0,"seed":1,"setting":0}]}/' "tasks: duplicate key 'tasks'"
for b in dup-days dup-task-seed dup-tasks; do
	[ ! -e "$tmp/broken-$b/results" ] || fail "$b: a manifest with a key twice ran a task"
done

# batches: one job running all 16 tasks in one process writes the bytes
# of two jobs running batches of two; a task that fails in a batch does
# not stop the others, and only it is reported (exit 1)
O="$tmp/one"
expect_rc 0 "$SMUGNET" sweep plan "$O" --seeds 11-14 --years 5 --set "$KNOB=0.05,0.15,0.3,0.6"
expect_rc 0 "$SMUGNET" sweep run "$O" --jobs 1 --engine fork
diff -r "$S/results" "$O/results" >/dev/null || fail "a batch of 16 tasks gave other bytes than batches of 2"
F="$tmp/fails"
expect_rc 0 "$SMUGNET" sweep plan "$F" --seeds 1-4 --days 20 --set "$KNOB=0.1,0.2,0.3"
sed -i "s/\"$KNOB=0.2\"/\"$KNOB=7\"/" "$F/manifest.json"
failing() { # ENGINE JOBS: tasks 4-7 (the edited setting) fail, the others have results
	rm -rf "$F/results"
	expect_rc 1 "$SMUGNET" sweep run "$F" --jobs "$2" --engine "$1" --quiet
	grep -qx "smugnet sweep run: 4 tasks failed: 4 5 6 7" "$tmp/err" || fail "$1: failed tasks not named: $(cat "$tmp/err")"
	# each by its place in the manifest, as bad input, without a usage hint
	[ "$(grep -cx "$F/manifest.json: settings\[1\].set\[0\]: $KNOB: expected number in \[1e-09,1\], got '7'" "$tmp/err")" -eq 4 ] ||
		fail "$1: the edited setting is not named in the manifest: $(cat "$tmp/err")"
	grep -q "Try 'smugnet" "$tmp/err" && fail "$1: a usage hint for a setting the manifest holds: $(cat "$tmp/err")"
	[ "$(ls "$F/results" | sort -n | tr '\n' ' ')" = "0.json 1.json 2.json 3.json 8.json 9.json 10.json 11.json " ] ||
		fail "$1: a failing task stopped its batch: $(ls "$F/results")"
}
failing fork 1
expect_rc 2 "$SMUGNET" sweep run "$F" --jobs 1 --batch 17
expect_rc 2 "$SMUGNET" sweep run "$F" --task 0 --batch 2
expect_rc 2 "$SMUGNET" sweep run "$F" 3
grep -q "unexpected argument '3'" "$tmp/err" || fail "a task number without --task: $(cat "$tmp/err")"

# collect: one CSV row per task, one per task per day at the stride
expect_rc 0 "$SMUGNET" sweep collect "$S"
[ "$(tail -n +2 "$S/collect/tasks.csv" | wc -l)" -eq 16 ] || fail "tasks.csv does not have 16 rows"
[ "$(tail -n +2 "$S/collect/days.csv" | wc -l)" -eq $((16 * 61)) ] || fail "days.csv does not have 16 x 61 rows"
grep -q "^0,0.05,delivered,4," "$S/collect/summary.csv" || fail "summary.csv has no delivered row for setting 0"
grep -q "bankrupt:syndicate" "$tmp/out" || fail "collect printed no bankruptcy share"
awk -F, 'NR > 1 && $5 != "" { if (length($5) != 16) bad = 1 } END { exit bad }' "$S/collect/tasks.csv" || fail "tasks.csv digests malformed"
# a knob that changes behaviour shows in the distributions
d1=$(awk -F, '$1 == 0 && $3 == "seized" {print $7}' "$S/collect/summary.csv")
d4=$(awk -F, '$1 == 3 && $3 == "seized" {print $7}' "$S/collect/summary.csv")
[ -n "$d1" ] && [ -n "$d4" ] && [ "$d1" != "$d4" ] || fail "seizure medians identical across learning rates"
ok

# re-running is a no-op; one task run twice gives the same bytes
touch "$tmp/marker"
sleep 1
expect_rc 0 "$SMUGNET" sweep run "$S" --jobs 2
[ -z "$(find "$S/results" -type f -newer "$tmp/marker")" ] || fail "re-running rewrote results"
cp "$S/results/3.json" "$tmp/3.json"
expect_rc 0 "$SMUGNET" sweep run "$S" --task 3
cmp -s "$S/results/3.json" "$tmp/3.json" || fail "running task 3 twice gave different bytes"

# resume: a deleted result is recreated byte for byte, and only it
cp "$S/results/5.json" "$tmp/5.json"
rm "$S/results/5.json"
expect_rc 0 "$SMUGNET" sweep missing "$S"
[ "$(cat "$tmp/out")" = 5 ] || fail "sweep missing did not list task 5: $(cat "$tmp/out")"
# an option it does not know is a usage error, not a folder to read
expect_rc 2 "$SMUGNET" sweep missing -x
err_is "smugnet sweep missing: unknown option '-x'" "Try 'smugnet sweep missing --help'."
# every verb tells a malformed option once, in smugnet's words: a missing
# value read "run: option '--jobs' requires an argument" (from getopt)
# and then "smugnet sweep run: invalid option"
for case in "plan;--seeds" "run;--jobs" "run;-j" "chart;--figure" "slurm;--time" "parallel;--sshlogin"; do
	verb=${case%%;*}; opt=${case#*;}
	expect_rc 2 "$SMUGNET" sweep "$verb" "$S" "$opt"
	err_is "smugnet sweep $verb: $opt: missing value" "Try 'smugnet sweep $verb --help'."
done
for verb in plan run missing collect chart slurm parallel; do
	expect_rc 2 "$SMUGNET" sweep "$verb" "$S" --nope
	err_is "smugnet sweep $verb: unknown option '--nope'" "Try 'smugnet sweep $verb --help'."
	expect_rc 2 "$SMUGNET" sweep "$verb" "$S" --help=1
	err_is "smugnet sweep $verb: --help: takes no value, got '1'" "Try 'smugnet sweep $verb --help'."
done
# an empty folder or file name is named by its place: an empty folder
# read "/manifest.json: cannot read" (plan: ": cannot create")
for case in "plan;--seeds 1-2 --days 1" "run;--jobs 1" "missing;" "collect;" "chart;--figure balance" \
	"slurm;" "parallel;--sshlogin x"; do
	verb=${case%%;*}; opts=${case#*;}
	# shellcheck disable=SC2086 # the words of the options
	expect_rc 2 "$SMUGNET" sweep "$verb" '' $opts
	err_is "smugnet sweep $verb: DIR: the name is empty" "Try 'smugnet sweep $verb --help'."
done
for case in "plan;--scenario;$tmp/empty-scenario;--seeds 1-2 --days 1" "chart;--output;$S;--figure balance" \
	"slurm;--output;$S;" "parallel;--sshlogin;$S;"; do
	verb=${case%%;*}; rest=${case#*;}; opt=${rest%%;*}; rest=${rest#*;}; dir=${rest%%;*}; opts=${rest#*;}
	# shellcheck disable=SC2086
	expect_rc 2 "$SMUGNET" sweep "$verb" "$dir" $opts "$opt" ''
	err_is "smugnet sweep $verb: $opt: the name is empty" "Try 'smugnet sweep $verb --help'."
done
[ -e "$tmp/empty-scenario" ] && fail "sweep plan --scenario '' made a sweep folder"
# -- ends its options, as every command's: the folder after it is read
# (it was refused as not one sweep folder), and a word after it in the
# other verbs is an argument, not their option
expect_rc 0 "$SMUGNET" sweep missing -- "$S"
[ "$(cat "$tmp/out")" = 5 ] || fail "sweep missing -- DIR did not list task 5: $(cat "$tmp/out")"
expect_rc 2 "$SMUGNET" sweep missing "$S" extra
err_has "smugnet sweep missing: unexpected argument 'extra'"
expect_rc 2 "$SMUGNET" sweep collect "$S" -- --quiet
err_has "smugnet sweep collect: unexpected argument '--quiet'"
expect_rc 2 "$SMUGNET" sweep run "$S" --jobs 2 -- --quiet
err_has "smugnet sweep run: unexpected argument '--quiet' (task numbers follow --task)"
touch "$tmp/marker"
sleep 1
expect_rc 0 "$SMUGNET" sweep run "$S" --jobs 2
cmp -s "$S/results/5.json" "$tmp/5.json" || fail "resumed task 5 differs"
[ "$(find "$S/results" -type f -newer "$tmp/marker" | wc -l)" -eq 1 ] || fail "resume ran more than the missing task"

# bankruptcy as a share of the starting balance: under 200% of it, every
# faction is bankrupt on day 1; under 1 credit, none is in 30 days
B="$tmp/bank"
expect_rc 0 "$SMUGNET" sweep plan "$B" --seeds 1-2 --days 30 --bankrupt-below 200%
expect_rc 0 "$SMUGNET" sweep run "$B" --jobs 2
expect_rc 0 "$SMUGNET" sweep collect "$B" --quiet
awk -F, 'NR > 1 && ($4 != 2 || $5 != "1.0000" || $6 != 1) { bad = 1 } END { exit bad }' "$B/collect/bankruptcy.csv" ||
	fail "200% threshold: not every faction bankrupt on day 1: $(cat "$B/collect/bankruptcy.csv")"
expect_rc 0 "$SMUGNET" sweep plan "$tmp/bank1" --seeds 1-2 --days 30
expect_rc 0 "$SMUGNET" sweep run "$tmp/bank1" --jobs 2
expect_rc 0 "$SMUGNET" sweep collect "$tmp/bank1" --quiet
awk -F, 'NR > 1 && $4 != 0 { bad = 1 } END { exit bad }' "$tmp/bank1/collect/bankruptcy.csv" || fail "bankrupt under 1 credit within 30 days"
expect_rc 2 "$SMUGNET" sweep plan "$tmp/bank2" --seeds 1-2 --days 30 --bankrupt-below 5%%

# a killed task leaves no result behind
K="$tmp/kill"
expect_rc 0 "$SMUGNET" sweep plan "$K" --seeds 1-1 --years 200
"$SMUGNET" sweep run "$K" --task 0 &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ ! -e "$K/results/0.json" ] || fail "a killed task left a result"
[ "$("$SMUGNET" sweep missing "$K")" = 0 ] || fail "a killed task is not missing"
ok

# GNU parallel gives identical results
if command -v parallel >/dev/null 2>&1; then
	P="$tmp/par"
	expect_rc 0 "$SMUGNET" sweep plan "$P" --seeds 11-14 --years 5 --set "$KNOB=0.05,0.15,0.3,0.6"
	cmp -s "$S/manifest.json" "$P/manifest.json" || fail "the same plan gave another manifest"
	expect_rc 0 "$SMUGNET" sweep run "$P" --jobs 2 --engine parallel
	diff -r "$S/results" "$P/results" >/dev/null || fail "GNU parallel results differ from the fork pool's"
	echo "GNU parallel: 16 results identical to the fork pool's"
	failing parallel 2
elif [ "${CI:-}" = true ]; then
	fail "GNU parallel is not installed in CI"
else
	echo "SKIP (part): GNU parallel is not installed; the parallel engine was not tried"
fi

# the Slurm script: valid shell, the array over the missing tasks
expect_rc 0 "$SMUGNET" sweep slurm "$S" --limit 4 --time 00:10:00 --mem 256M
grep -q "every task has a result" "$tmp/out" || fail "complete sweep should need no submission"
rm "$S/results/7.json" "$S/results/8.json" "$S/results/12.json"
expect_rc 0 "$SMUGNET" sweep slurm "$S" --limit 4 --time 00:10:00 --mem 256M
grep -q "sbatch $S/sweep.sbatch" "$tmp/out" || fail "slurm did not print how to submit: $(cat "$tmp/out")"
bash -n "$S/sweep.sbatch" || fail "the sbatch script is not valid bash"
grep -q '^#SBATCH --array=7-8,12%4$' "$S/sweep.sbatch" || fail "array is not the missing tasks: $(grep array "$S/sweep.sbatch")"
# its header counts what the array runs (it said '16 tasks ... as a Slurm
# job array of 16 chunks' over an array of 3)
sed -n 2,3p "$S/sweep.sbatch" > "$tmp/head"
printf '%s\n' "# smugnet sweep: the 3 of 16 tasks of $S without a result, as a Slurm job" \
	"# array of 3 of the 16 chunks of 1 task (written by smugnet sweep slurm; submit with sbatch)." | cmp -s - "$tmp/head" ||
	fail "the script's header: $(cat "$tmp/head")"
grep -q 'sweep run .* --task "\$SLURM_ARRAY_TASK_ID"' "$S/sweep.sbatch" || fail "array task does not call sweep run --task"
expect_rc 0 "$SMUGNET" sweep slurm "$S" --chunk-size 4 --output "$tmp/chunk.sbatch"
grep -q '^#SBATCH --array=1-3$' "$tmp/chunk.sbatch" && grep -q -- '--chunk-size 4' "$tmp/chunk.sbatch" || fail "chunked array wrong: $(grep -e array -e chunk "$tmp/chunk.sbatch")"
grep -qxF "# array of 3 of the 4 chunks of 4 tasks (written by smugnet sweep slurm; submit with sbatch)." "$tmp/chunk.sbatch" ||
	fail "the chunked script's header: $(sed -n 2,3p "$tmp/chunk.sbatch")"
# a chunk runs only its tasks without a result: an array task that
# Slurm stopped part-way (its --time) goes on where it stopped when the
# array is submitted again, where it ran every task again from the
# chunk's first (and one whose tasks take longer than --time together
# never ended); results/4.json stays the file it was (its inode)
ino4=$(ls -i "$S/results/4.json" | awk '{ print $1 }')
SLURM_ARRAY_TASK_ID=1 bash "$tmp/chunk.sbatch" || fail "chunk 1 of the script failed"
[ -e "$S/results/7.json" ] || fail "chunk 1 did not run tasks 4-7"
[ "$(ls -i "$S/results/4.json" | awk '{ print $1 }')" = "$ino4" ] ||
	fail "chunk 1 ran task 4 again, which had a result"
# more tasks than --max-array-size: chunks of the smallest size that fits
# (16 tasks in at most 5 array tasks: chunks of 4; tasks 8 and 12 missing:
# chunks 2 and 3); a chunk size that needs more array tasks, or a size of
# 0, is refused
expect_rc 0 "$SMUGNET" sweep slurm "$S" --max-array-size 5 --output "$tmp/max.sbatch"
grep -q '^#SBATCH --array=2-3$' "$tmp/max.sbatch" && grep -q -- '--chunk-size 4' "$tmp/max.sbatch" ||
	fail "--max-array-size 5 over 16 tasks: $(grep -e array -e chunk "$tmp/max.sbatch")"
expect_rc 2 "$SMUGNET" sweep slurm "$S" --max-array-size 5 --chunk-size 2 --output "$tmp/max.sbatch"
grep -q "8 chunks of 2 tasks exceed --max-array-size 5" "$tmp/err" || fail "chunks beyond --max-array-size: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" sweep slurm "$S" --max-array-size 0
grep -q -- "--max-array-size: expected a whole number in \[1,100000000\], got '0'" "$tmp/err" ||
	fail "--max-array-size 0: $(cat "$tmp/err")"
# once every task has a result, a script an earlier slurm wrote is
# removed: it was left in place ('nothing to submit'), and submitted it
# ran done tasks again (sweep run --task runs a task that has a result);
# a file slurm did not write is left alone
expect_rc 0 "$SMUGNET" sweep plan "$tmp/done" --seeds 1 --days 2
expect_rc 0 "$SMUGNET" sweep slurm "$tmp/done"
expect_rc 0 "$SMUGNET" sweep slurm "$tmp/done" --output "$tmp/done.sbatch"
echo 'my own notes' >"$tmp/done-notes.txt"
expect_rc 0 "$SMUGNET" sweep run "$tmp/done" --jobs 1 --quiet
expect_rc 0 "$SMUGNET" sweep slurm "$tmp/done"
grep -q "every task has a result; nothing to submit" "$tmp/out" && grep -q "sweep.sbatch: removed" "$tmp/out" ||
	fail "slurm of a done sweep: $(cat "$tmp/out")"
[ ! -e "$tmp/done/sweep.sbatch" ] || fail "a done sweep kept its stale sweep.sbatch: $(grep array "$tmp/done/sweep.sbatch")"
expect_rc 0 "$SMUGNET" sweep slurm "$tmp/done" --output "$tmp/done.sbatch"
[ ! -e "$tmp/done.sbatch" ] || fail "a done sweep kept its stale --output script"
expect_rc 0 "$SMUGNET" sweep slurm "$tmp/done" --output "$tmp/done-notes.txt"
[ "$(cat "$tmp/done-notes.txt")" = 'my own notes' ] && ! grep -q removed "$tmp/out" ||
	fail "slurm removed a file it did not write: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" sweep parallel "$S" --sshlogin "$tmp/hosts"
grep -q "parallel --will-cite --env SMUGNET_SWEEP_SELF --env SMUGNET_SWEEP_DIR --sshloginfile $tmp/hosts" "$tmp/out" && grep -q -- "--task {}" "$tmp/out" || fail "parallel command line: $(cat "$tmp/out")"
grep -q -- "--max-args 1 " "$tmp/out" || fail "16 tasks over 64 job slots are not one a job: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" sweep parallel "$S" --sshlogin "$tmp/hosts" --batch 5
grep -q -- "--max-args 5 " "$tmp/out" || fail "--batch 5 not passed to parallel: $(cat "$tmp/out")"
expect_rc 2 "$SMUGNET" sweep parallel "$S" --sshlogin "$tmp/hosts" --batch 0
grep -q -- "--batch: expected a number in \[1,[0-9]*\], got '0'" "$tmp/err" || fail "--batch 0: $(cat "$tmp/err")"
expect_rc 0 "$SMUGNET" sweep run "$S" --jobs 2

# A folder whose name has a space, both quotes, a '$', a '%', a '#' and
# letters beyond ASCII, run by a program whose path has a space and a
# quote: both engines run it and collect it as in a plain folder; the
# printed GNU parallel line runs it under sh (':' is this host); the
# Slurm script is valid bash, runs a task, and sbatch reads its
# directives. A folder and a program with '{' (a GNU parallel
# replacement string) run under the parallel engine and the printed line.
Q0="$tmp/plainq"
Q="$tmp/sp ace 'q\"\$x %j #é☃"
mkdir -p "$tmp/b in'q" && cp "$SMUGNET" "$tmp/b in'q/smugnet" || fail "cannot copy the program"
QS="$tmp/b in'q/smugnet"
expect_rc 0 "$SMUGNET" sweep plan "$Q0" --seeds 1-4 --days 20 --set "$KNOB=0.1,0.3"
expect_rc 0 "$SMUGNET" sweep run "$Q0" --jobs 2 --engine fork
expect_rc 0 "$SMUGNET" sweep collect "$Q0" --quiet
qengines=fork
command -v parallel >/dev/null 2>&1 && qengines="fork parallel"
for engine in $qengines; do
	for prog in "$SMUGNET" "$QS"; do
		rm -rf "$Q"
		expect_rc 0 "$prog" sweep plan "$Q" --seeds 1-4 --days 20 --set "$KNOB=0.1,0.3"
		expect_rc 0 "$prog" sweep run "$Q" --jobs 2 --engine $engine
		[ "$(ls "$Q/results" | wc -l)" -eq 8 ] || fail "$engine, $prog: a quoted folder got $(ls "$Q/results" | wc -l) of 8 results"
		expect_rc 0 "$prog" sweep collect "$Q" --quiet
		cmp -s "$Q0/collect/summary.csv" "$Q/collect/summary.csv" || fail "$engine, $prog: a quoted folder's summary.csv differs from a plain one's"
	done
done
echo "a quoted folder and program: $qengines collect as a plain folder"
if command -v parallel >/dev/null 2>&1; then
	QB="$tmp/b{}r{1}{.}{= \$_=7 =}"
	expect_rc 0 "$SMUGNET" sweep plan "$QB" --seeds 1-4 --days 20 --set "$KNOB=0.1,0.3"
	expect_rc 0 "$SMUGNET" sweep run "$QB" --jobs 2 --engine parallel --batch 3
	[ "$(ls "$QB/results" | wc -l)" -eq 8 ] || fail "parallel engine, a folder with braces got $(ls "$QB/results" | wc -l) of 8 results"
	# the printed line, piped to sh, runs every task on this host
	printf ':\n' > "$tmp/local-hosts"
	# ... and so it does for a folder and a program with braces, GNU
	# parallel's replacement strings (sweep parallel once refused them):
	# the paths reach the jobs in the environment, and over ssh too
	# (parallel's --env; a stand-in ssh runs the job here without them)
	QBB="$tmp/a{}b {1}"
	mkdir -p "$tmp/p{}g {1}" && cp "$SMUGNET" "$tmp/p{}g {1}/smugnet" || fail "cannot copy the program"
	expect_rc 0 "$SMUGNET" sweep plan "$QBB" --seeds 1-4 --days 20 --set "$KNOB=0.1,0.3"
	printf 'fakehost\n' > "$tmp/ssh-hosts"
	cat > "$tmp/fakessh" <<'EOF2'
#!/bin/sh
# ssh to any host, run here: options and host name go, the remote command
# gets what sshd gives a login (PATH, HOME, and SHELL, which GNU
# parallel's remote wrapper runs the job with) and nothing of this
# environment: the sweep's variables must come in the command
while [ $# -gt 0 ]; do case $1 in -S|-o|-l|-p) shift 2;; -*) shift;; *) shift; break;; esac; done
[ "${1:-}" = "--" ] && shift
exec env -i PATH="$PATH" HOME="${HOME:-/}" SHELL=/bin/sh sh -c "$*"
EOF2
	chmod +x "$tmp/fakessh"
	for hosts in local-hosts ssh-hosts; do
		rm -rf "$QBB/results" "$QBB/logs"
		expect_rc 0 "$tmp/p{}g {1}/smugnet" sweep parallel "$QBB" --sshlogin "$tmp/$hosts" --jobs 2 --batch 3
		PARALLEL_SSH="$tmp/fakessh" sh "$tmp/out" > "$tmp/sh.out" 2>&1 </dev/null ||
			fail "sweep parallel | sh, braces in the names, $hosts: $(cat "$tmp/sh.out")"
		[ "$(ls "$QBB/results" | wc -l)" -eq 8 ] ||
			fail "sweep parallel | sh, braces in the names, $hosts: $(ls "$QBB/results" | wc -l) of 8 results: $(cat "$tmp/sh.out" "$QBB/logs/"*)"
		expect_rc 0 "$SMUGNET" sweep collect "$QBB" --quiet
		cmp -s "$Q0/collect/summary.csv" "$QBB/collect/summary.csv" ||
			fail "sweep parallel | sh, braces in the names, $hosts: summary.csv differs from a plain folder's"
	done
	rm -r "$Q/results" "$Q/collect"
	expect_rc 0 "$SMUGNET" sweep parallel "$Q" --sshlogin "$tmp/local-hosts" --jobs 2 --batch 3
	sh "$tmp/out" > "$tmp/sh.out" 2>&1 </dev/null || fail "sweep parallel | sh in a quoted folder: $(cat "$tmp/sh.out")"
	[ "$(ls "$Q/results" | wc -l)" -eq 8 ] || fail "sweep parallel | sh in a quoted folder: $(cat "$tmp/sh.out")"
	expect_rc 0 "$SMUGNET" sweep collect "$Q" --quiet
	cmp -s "$Q0/collect/summary.csv" "$Q/collect/summary.csv" || fail "sweep parallel | sh: summary.csv differs from a plain folder's"
fi
rm "$Q/results/1.json" "$Q/results/6.json"
expect_rc 0 "$QS" sweep slurm "$Q" --partition sweep,debug.x-1_b --account a.b-c_d
bash -n "$Q/sweep.sbatch" || fail "the sbatch script of a quoted folder is not valid bash"
# the printed submit line, run by sh, gives sbatch the script's path as one word
mkdir -p "$tmp/fakebin"
printf '#!/bin/sh\nprintf "%%s\\n" "$#" "$1"\n' > "$tmp/fakebin/sbatch" && chmod +x "$tmp/fakebin/sbatch"
line=$(sed -n 's/^submit with: //p' "$tmp/out")
[ "$(printf '%s\n' "$line" | PATH="$tmp/fakebin:$PATH" sh 2>&1)" = "$(printf '1\n%s' "$Q/sweep.sbatch")" ] ||
	fail "submit with: $line does not give sbatch the script's path"
SLURM_ARRAY_TASK_ID=6 bash "$Q/sweep.sbatch" || fail "array task 6 of a quoted folder's script failed"
[ -e "$Q/results/6.json" ] || fail "array task 6 of a quoted folder's script wrote no result"
if command -v sbatch >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then
	# no cluster: sbatch -v lists the options it read before it looks
	# for a controller (it is stopped then)
	printf 'ClusterName=x\nSlurmctldHost=localhost\nNodeName=localhost CPUs=1 State=UNKNOWN\nPartitionName=p Nodes=localhost Default=YES\n' > "$tmp/slurm.conf"
	SLURM_CONF="$tmp/slurm.conf" timeout 3 sbatch -v --test-only "$Q/sweep.sbatch" > "$tmp/sbatch.err" 2>&1
	grep -qi -e invalid -e unmatched "$tmp/sbatch.err" && fail "sbatch refused a quoted folder's script: $(cat "$tmp/sbatch.err")"
	pct=$(printf '%s' "$Q" | sed 's/%/%%/g')
	grep -q "^sbatch: output  *: " "$tmp/sbatch.err" || fail "sbatch -v lists no output: $(cat "$tmp/sbatch.err")"
	[ "$(sed -n 's/^sbatch: output  *: //p' "$tmp/sbatch.err")" = "$pct/logs/slurm-%A_%a.out" ] ||
		fail "sbatch reads a quoted folder's --output as: $(grep output "$tmp/sbatch.err")"
	grep -q "^sbatch: partition  *: sweep,debug.x-1_b$" "$tmp/sbatch.err" && grep -q "^sbatch: account  *: a.b-c_d$" "$tmp/sbatch.err" ||
		fail "sbatch reads --partition/--account as: $(grep -e partition -e account "$tmp/sbatch.err")"
	ok
else
	echo "SKIP (part): sbatch is not installed; a quoted folder's #SBATCH lines were not parsed"
fi
# a folder a #SBATCH line cannot carry is refused, naming the character
expect_rc 0 "$SMUGNET" sweep plan "$tmp/back\\slash" --seeds 1 --days 2
expect_rc 2 "$SMUGNET" sweep slurm "$tmp/back\\slash"
err_has "has a backslash, which a #SBATCH --output line cannot carry"
[ ! -e "$tmp/back\\slash/sweep.sbatch" ] || fail "a refused folder got a script"
# values that are not Slurm's, and --jobs that is not parallel's, are usage errors
rm -f "$Q/sweep.sbatch"
expect_rc 2 "$SMUGNET" sweep slurm "$Q" --account "$(printf 'x\nrm -rf ~')"
err_has "--account: expected a Slurm name"
expect_rc 2 "$SMUGNET" sweep slurm "$Q" --partition 'a b'
err_has "--partition: expected a Slurm name"
expect_rc 2 "$SMUGNET" sweep slurm "$Q" --partition ''
expect_rc 2 "$SMUGNET" sweep slurm "$Q" --account 'a#b'
expect_rc 2 "$SMUGNET" sweep slurm "$Q" --mem ''
err_has "--mem: expected a size like 512M, got ''"
expect_rc 2 "$SMUGNET" sweep slurm "$Q" --time ''
[ ! -e "$Q/sweep.sbatch" ] || fail "a refused sweep slurm wrote a script"
for j in 0 abc 0% 4097 ''; do
	expect_rc 2 "$SMUGNET" sweep parallel "$Q" --sshlogin "$tmp/hosts" --jobs "$j"
	err_has "--jobs: expected N jobs a host in [1,4096]"
done
for j in 4 50% +1 -1; do
	expect_rc 0 "$SMUGNET" sweep parallel "$Q" --sshlogin "$tmp/hosts" --jobs "$j"
	grep -q -- "--jobs $j " "$tmp/out" || fail "--jobs $j not passed to parallel: $(cat "$tmp/out")"
done
expect_rc 2 "$SMUGNET" sweep collect "$Q" extra
err_has "unexpected argument 'extra'"

# collect names every bad result and exits 3
cp "$S/results/2.json" "$tmp/2.json"
sed -i '3s/"delivered":[0-9]*/"delivered":1/' "$S/results/2.json"
expect_rc 3 "$SMUGNET" sweep collect "$S"
grep -q "results/2.json: check: " "$tmp/err" || fail "tampered result not named: $(cat "$tmp/err")"
cp "$tmp/2.json" "$S/results/2.json"
# a collect whose last file cannot be put in place (a folder holds its
# name) says so, exits 4, leaves no temporary file behind and replaces
# none of the other three: no mix of old and new tables
rm -f "$S/collect/bankruptcy.csv" && mkdir -p "$S/collect/bankruptcy.csv/x" || fail "cannot make a folder of bankruptcy.csv's name"
for f in tasks days summary; do echo "old $f" >"$S/collect/$f.csv"; done
expect_rc 4 "$SMUGNET" sweep collect "$S" --quiet
grep -q "collect/bankruptcy.csv: cannot write: Is a directory$" "$tmp/err" || fail "collect into a folder's name: $(cat "$tmp/err")"
[ -z "$(ls -A "$S/tmp" 2>/dev/null)" ] || fail "a failed collect left temporary files: $(ls -A "$S/tmp")"
for f in tasks days summary; do
	[ "$(cat "$S/collect/$f.csv")" = "old $f" ] || fail "a failed collect replaced $f.csv: $(head -c 200 "$S/collect/$f.csv")"
done
rm -r "$S/collect/bankruptcy.csv"
# one bad result of the last setting: refused with nothing written and
# nothing printed, not the table of the settings read before it
last=$(sed -n 's/^{"id":\([0-9]*\),"seed":[0-9]*,"setting":\([0-9]*\)}.*/\2 \1/p' "$S/manifest.json" | sort -n | tail -n 1 | cut -d' ' -f2)
[ -n "$last" ] && [ "$last" != 2 ] || fail "no task of the last setting found in the manifest"
cp "$S/results/$last.json" "$tmp/last.json"
sed -i '3s/"delivered":[0-9]*/"delivered":1/' "$S/results/$last.json"
expect_rc 3 "$SMUGNET" sweep collect "$S"
grep -q "results/$last.json: check: " "$tmp/err" || fail "tampered result $last not named: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "a refused collect printed: $(head -n 3 "$tmp/out")"
cp "$tmp/last.json" "$S/results/$last.json"
# a result resealed by hand (its check sum recomputed) with numbers no run
# writes: named by path, nothing converted out of range (a day of 1e300
# was an undefined conversion to int)
RESEAL=${RESEAL:-./tests/reseal}
for edit in '"day":30,|"day":1e300,|series[0].day: expected a whole number in [1,100000000], got 1.0000000000000001e+300' \
	'"delivered":|"delivered":-1,"x":|series[0].delivered: expected a whole number in [0,9007199254740991], got -1' \
	'"bankrupt_day":[null|"bankrupt_day":[1e300|bankrupt_day[0]: expected a whole number in [1,100000000], got 1.0000000000000001e+300' \
	'"success_rate":|"success_rate":7,"y":|summary.factions[0]: expected a number in [0,1], got 7'; do
	find=${edit%%|*}
	rest=${edit#*|}
	repl=${rest%%|*}
	msg=${rest#*|} # not want: expect_rc sets it
	cp "$tmp/2.json" "$S/results/2.json"
	"$RESEAL" --result "$S/results/2.json" "$find" "$repl" || fail "reseal $find failed"
	expect_rc 3 "$SMUGNET" sweep collect "$S"
	grep -qF "results/2.json: $msg" "$tmp/err" || fail "a resealed result with $repl not refused by name: $(cat "$tmp/err")"
done
# a result with a key twice, resealed: named by path, nothing written
# (collect once read the first "seed" and took the result)
cp "$tmp/2.json" "$S/results/2.json"
"$RESEAL" --result "$S/results/2.json" '"seed":13,' '"seed":13,"seed":999,' || fail "reseal of a duplicate seed failed"
touch "$tmp/mark"
expect_rc 3 "$SMUGNET" sweep collect "$S"
grep -qF "results/2.json: seed: duplicate key 'seed'" "$tmp/err" || fail "a result with a key twice not refused by name: $(cat "$tmp/err")"
[ -z "$(find "$S/collect" -newer "$tmp/mark")" ] && [ -z "$(ls -A "$S/tmp")" ] && [ ! -s "$tmp/out" ] ||
	fail "collect of a result with a key twice wrote $(find "$S/collect" -newer "$tmp/mark") $(ls -A "$S/tmp") $(head -n 3 "$tmp/out")"
cp "$tmp/2.json" "$S/results/2.json"
cp "$S/results/1.json" "$S/results/01.json"
expect_rc 3 "$SMUGNET" sweep collect "$S"
grep -q "results/01.json: task: duplicate" "$tmp/err" || fail "duplicate not named: $(cat "$tmp/err")"
rm "$S/results/01.json"
expect_rc 0 "$SMUGNET" sweep plan "$tmp/other" --seeds 1-1 --days 30
expect_rc 0 "$SMUGNET" sweep run "$tmp/other" --task 0
cp "$tmp/other/results/0.json" "$S/results/0.json"
rm "$S/results/9.json"
expect_rc 3 "$SMUGNET" sweep collect "$S"
grep -q "results/0.json: manifest: made for another sweep" "$tmp/err" || fail "foreign result not named: $(cat "$tmp/err")"
grep -q "manifest.json: tasks\[9\]: no result" "$tmp/err" || fail "missing result not named: $(cat "$tmp/err")"
rm "$S/results/0.json"
expect_rc 0 "$SMUGNET" sweep run "$S" --jobs 2
expect_rc 0 "$SMUGNET" sweep collect "$S" --quiet
# a collect stopped by SIGTERM removes its temporary files in tmp/ at
# once; one killed outright leaves them (here held before its second
# file, collect/days.csv, a FIFO no one reads), a collect that starts
# while it lives leaves them alone (they are locked), and the next
# collect removes them: they stayed for ever (a million tasks' days.csv
# is 18 GB)
C="$tmp/killc"
expect_rc 0 "$SMUGNET" sweep plan "$C" --seeds 1-2 --days 3
expect_rc 0 "$SMUGNET" sweep run "$C" --jobs 1 --quiet
# (a collect refused for a missing result writes nothing: it made an
# empty collect/ all the same)
mv "$C/results/1.json" "$tmp/killc-1.json"
expect_rc 3 "$SMUGNET" sweep collect "$C"
[ ! -e "$C/collect" ] && [ -z "$(ls -A "$C/tmp" 2>/dev/null)" ] ||
	fail "a refused collect made $(ls -d "$C/collect" 2>/dev/null) $(ls -A "$C/tmp" 2>/dev/null)"
mv "$tmp/killc-1.json" "$C/results/1.json"
mkdir -p "$C/collect" && mkfifo "$C/collect/days.csv" || fail "cannot make a FIFO"
# held_collect N: start a collect of $C, wait until tmp/ holds N files
held_collect() {
	"$SMUGNET" sweep collect "$C" --quiet >/dev/null 2>&1 </dev/null &
	i=0
	while [ "$(ls -A "$C/tmp" 2>/dev/null | wc -l)" -lt "$1" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
held_collect 1
stopped=$!
kill -TERM $stopped
wait $stopped
rc=$?
[ $rc -eq 143 ] && [ -z "$(ls -A "$C/tmp")" ] ||
	fail "a collect stopped by SIGTERM (exit $rc) left in tmp/: $(ls -A "$C/tmp" | tr '\n' ' ')"
held_collect 1
first=$!
first_tmp=$(ls -A "$C/tmp")
held_collect 2
second=$!
[ -n "$first_tmp" ] && [ -e "$C/tmp/$first_tmp" ] && [ "$(ls -A "$C/tmp" | wc -l)" -eq 2 ] ||
	fail "a collect removed the temporary file of one still running: $first_tmp, now $(ls -A "$C/tmp" | tr '\n' ' ')"
kill -9 $first $second
wait $first $second 2>/dev/null
rm "$C/collect/days.csv"
expect_rc 0 "$SMUGNET" sweep collect "$C" --quiet
[ -z "$(ls -A "$C/tmp")" ] && [ -s "$C/collect/days.csv" ] ||
	fail "collect after one killed outright: tmp/ holds $(ls -A "$C/tmp" | tr '\n' ' ')"
# a GNU parallel that ends without running a job, with an exit status
# other than 127 or 255 (a stand-in that exits 3; GNU parallel under
# ulimit -n 8, its Perl modules not loaded, exits 24): the run fails and
# lists the tasks left without a result; it printed numbers from memory
# never written ('2 tasks failed: 0 93953078910733')
mkdir -p "$tmp/brokenpar"
printf '#!/bin/sh\ncat >/dev/null\nexit 3\n' > "$tmp/brokenpar/parallel" && chmod +x "$tmp/brokenpar/parallel" ||
	fail "cannot write the stand-in parallel"
expect_rc 0 "$SMUGNET" sweep plan "$tmp/bp" --seeds 1-3 --days 2
expect_rc 1 env PATH="$tmp/brokenpar:$PATH" "$SMUGNET" sweep run "$tmp/bp" --jobs 1 --engine parallel --quiet
grep -qx 'smugnet sweep run: 3 tasks failed: 0 1 2' "$tmp/err" || fail "a parallel that ran nothing: $(cat "$tmp/err")"
# no more jobs than batches: --jobs 4096 on 3 tasks handed GNU parallel
# --jobs 4096, and it spent ten minutes (three of CPU) on a loaded
# machine starting test processes before it ran the 3 tasks; a stand-in
# parallel records the --jobs it is given
mkdir -p "$tmp/jobspar"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "$PARALLEL_ARGS"\ncat >/dev/null\nexit 3\n' > "$tmp/jobspar/parallel" &&
	chmod +x "$tmp/jobspar/parallel" || fail "cannot write the stand-in parallel"
expect_rc 1 env PATH="$tmp/jobspar:$PATH" PARALLEL_ARGS="$tmp/jobspar/args" "$SMUGNET" sweep run "$tmp/bp" \
	--jobs 4096 --engine parallel --quiet
[ "$(sed -n '/^--jobs$/{n;p;}' "$tmp/jobspar/args")" = 3 ] ||
	fail "sweep run --jobs 4096 of 3 tasks gave parallel: $(tr '\n' ' ' < "$tmp/jobspar/args")"
# a GNU parallel job killed by a signal (SIGKILL, as the OOM killer or a
# kill by hand sends; here the job of task 1 kills its own shell): GNU
# parallel logs its exit value as 0 and the signal apart, and the run
# took it for done: exit 0, nothing said, task 1 without a result. It
# fails now and names the task, as the fork pool does
if command -v parallel >/dev/null 2>&1; then
	mkdir -p "$tmp/killpar"
	cat > "$tmp/killpar/parallel" <<'EOF' || fail "cannot write the stand-in parallel"
#!/bin/sh
# the real GNU parallel, its job command led by a kill of task 1's job
i=0
n=$#
for a do
	i=$((i + 1))
	[ $i -eq 1 ] && set --
	[ $i -eq $n ] && a="case ' {} ' in *' 1 '*) kill -KILL \$\$;; esac; $a"
	set -- "$@" "$a"
done
exec "$REAL_PARALLEL" "$@"
EOF
	chmod +x "$tmp/killpar/parallel"
	expect_rc 0 "$SMUGNET" sweep plan "$tmp/kp" --seeds 1-3 --days 2
	expect_rc 1 env PATH="$tmp/killpar:$PATH" REAL_PARALLEL="$(command -v parallel)" \
		"$SMUGNET" sweep run "$tmp/kp" --jobs 1 --batch 1 --engine parallel --quiet
	grep -qx 'smugnet sweep run: 1 task failed: 1' "$tmp/err" || fail "a GNU parallel job killed by a signal: $(cat "$tmp/err")"
	[ -s "$tmp/kp/results/0.json" ] && [ ! -e "$tmp/kp/results/1.json" ] && [ -s "$tmp/kp/results/2.json" ] ||
		fail "a GNU parallel job killed by a signal: results $(ls "$tmp/kp/results" | tr '\n' ' ')"
fi
# a FIFO where a result goes (no one writes into it): it is no result to
# missing, slurm and run, which waited on it for ever (each command runs
# under a guard here); run leaves it alone, names it and fails its task
# (exit 1), the other task runs; collect names it as before
F="$tmp/fifo"
expect_rc 0 "$SMUGNET" sweep plan "$F" --seeds 1-2 --days 3
mkdir -p "$F/results" && mkfifo "$F/results/1.json" || fail "cannot make a FIFO"
expect_rc 0 timeout 20 "$SMUGNET" sweep missing "$F"
[ "$(tr '\n' ' ' < "$tmp/out")" = "0 1 " ] || fail "sweep missing with a FIFO for task 1's result: $(cat "$tmp/out")"
expect_rc 0 timeout 20 "$SMUGNET" sweep slurm "$F"
grep -q '^#SBATCH --array=0-1$' "$F/sweep.sbatch" || fail "the Slurm array leaves out the task whose result is a FIFO: $(grep -- --array "$F/sweep.sbatch")"
expect_rc 1 timeout 20 "$SMUGNET" sweep run "$F" --jobs 1
err_has "$F/results/1.json: cannot write: it is not a regular file (left alone)"
[ -p "$F/results/1.json" ] && [ -s "$F/results/0.json" ] && [ -z "$(ls -A "$F/tmp")" ] ||
	fail "a run over a FIFO result: $(ls -lA "$F/results" "$F/tmp")"
expect_rc 3 timeout 20 "$SMUGNET" sweep collect "$F"
err_has "$F/results/1.json: not a regular file (a FIFO)"

# the fan chart
expect_rc 0 "$SMUGNET" sweep chart "$S" --figure balance --faction syndicate
svg="$S/charts/balance-syndicate.svg"
[ "$(grep -c '<polyline' "$svg")" -eq 4 ] || fail "chart has not one median line per setting"
[ "$(grep -c '<path' "$svg")" -eq 8 ] || fail "chart has not two bands per setting"
grep -q "$KNOB=0.6" "$svg" && tail -n 1 "$svg" | grep -q '</svg>' || fail "chart legend or end missing"
! grep -q -e 'href=' -e '<script' -e '@import' "$svg" || fail "chart is not self-contained"
# the value axis: at least two ticks, each a number with k, M or G for
# thousands, millions, billions, rising up the chart (balances here are
# about 10^5 credits: labels in k)
sed -n 's/^.*<text x="[0-9.]*" y="\([0-9.]*\)" text-anchor="end">\([^<]*\)<\/text>$/\1 \2/p' "$svg" > "$tmp/yticks"
awk '{ if ($2 !~ /^-?[0-9.]+[kMG]?$/) bad = 1
	v = $2 + 0; if ($2 ~ /k$/) v *= 1e3; if ($2 ~ /M$/) v *= 1e6; if ($2 ~ /G$/) v *= 1e9
	if (NR > 1 && !($1 < y && v > last)) bad = 1
	if ($2 ~ /k$/) k++
	y = $1; last = v }
	END { exit !(NR >= 2 && !bad && k > 0) }' "$tmp/yticks" ||
	fail "the chart's value axis: $(tr '\n' ' ' < "$tmp/yticks")"
# the day axis: its title, and at least three ticks rising from day 0
grep -q '<text [^>]*text-anchor="middle">day</text>' "$svg" || fail "the chart's day axis has no title"
sed -n 's/^.*<text x="[0-9.]*" y="[0-9]*" text-anchor="middle">\([0-9]*\)<\/text>$/\1/p' "$svg" > "$tmp/xticks"
[ "$(head -n 1 "$tmp/xticks")" = 0 ] && [ "$(wc -l < "$tmp/xticks")" -ge 3 ] && sort -n -c "$tmp/xticks" ||
	fail "the chart's day axis: $(tr '\n' ' ' < "$tmp/xticks")"
expect_rc 2 "$SMUGNET" sweep chart "$S" --figure balance
expect_rc 2 "$SMUGNET" sweep chart "$S" --figure nonsense
# a sweep of no more days than its stride (here 3 of 3; 30 days under the
# default stride of 30 the same) has one point a series: its chart showed axes and a legend but no data,
# a band of no width and a line of one point drawing nothing. Its bands
# are bars and its medians dots now, one of each a setting
P1="$tmp/onepoint"
expect_rc 0 "$SMUGNET" sweep plan "$P1" --seeds 1-2 --days 3 --stride 3 --set "$KNOB=0.1,0.3"
expect_rc 0 "$SMUGNET" sweep run "$P1" --jobs 2 --engine fork
expect_rc 0 "$SMUGNET" sweep chart "$P1" --figure delivered --quiet
svg1="$P1/charts/delivered.svg"
[ "$(grep -c '<circle [^>]* r="4" fill="#' "$svg1")" -eq 2 ] ||
	fail "a one-point chart has not one median dot per setting: $(grep -e '<circle' -e '<polyline' "$svg1")"
awk '/^<path / { match($0, /d="M[0-9.]+,/); x0 = substr($0, RSTART + 3, RLENGTH - 4)
	match($0, / L[0-9.]+,/); x1 = substr($0, RSTART + 2, RLENGTH - 3)
	n++; if (x1 - x0 < 4) bad = 1 }
	END { exit !(n == 4 && !bad) }' "$svg1" ||
	fail "a one-point chart's bands have no width: $(grep '<path' "$svg1")"
grep -q '>dot: median<' "$svg1" || fail "a one-point chart's legend does not say what the dot is"
# a sweep of many settings (21, then 30): the legend is inside the
# picture, an entry a setting as many as fit, then how many more there
# are, then the band key (it showed 24 entries whatever the room: from 22
# settings on the key, and "... 6 more settings", were below the
# picture's bottom edge, out of sight)
for n in 21 30; do
	ML="$tmp/many$n"
	expect_rc 0 "$SMUGNET" sweep plan "$ML" --seeds 1 --days 2 --set "$KNOB=$(seq -s, 1 $n | sed 's/[0-9][0-9]*/0.0&/g')"
	expect_rc 0 "$SMUGNET" sweep run "$ML" --jobs 2 --engine fork --quiet
	expect_rc 0 "$SMUGNET" sweep chart "$ML" --figure delivered --quiet
	svg1="$ML/charts/delivered.svg"
	h=$(sed -n 's/^<svg [^>]* height="\([0-9]*\)".*/\1/p' "$svg1")
	entries=$(grep -c "<g><title>$KNOB=" "$svg1")
	more=$(sed -n 's/^<text [^>]*>\.\.\. \([0-9]*\) more settings<\/text>$/\1/p' "$svg1")
	[ "$entries" -ge 20 ] && [ $((entries + ${more:-0})) -eq $n ] && { [ $n -eq 21 ] || [ -n "$more" ]; } ||
		fail "a legend of $n settings has $entries entries and ${more:-no} more"
	grep -q '>dot: median<' "$svg1" || fail "a legend of $n settings has no band key"
	sed -n 's/^.*<text x="[0-9.]*" y="\([0-9.]*\)"[^>]*>\([^<]*\)<\/text>.*$/\1 \2/p' "$svg1" |
		awk -v h="$h" '$1 + 0 > h - 4 { print; bad = 1 } END { exit bad }' > "$tmp/below" ||
		fail "a legend of $n settings runs below the ${h}-pixel picture: $(tr '\n' ' ' < "$tmp/below")"
	# no two entries look alike: colours come round after 8, the median
	# mark then is a square, then a diamond (0 and 8, 1 and 9 ... were
	# drawn and listed the same)
	sed -n 's/^<g><title>.*<\/title>\(.*\)<text .*$/\1/p' "$svg1" |
		sed 's/ \(x\|y\|x1\|x2\|y1\|y2\|cx\|cy\|d\)="[^"]*"//g' | sort | uniq -d > "$tmp/lookalike"
	[ ! -s "$tmp/lookalike" ] || fail "a legend of $n settings has entries that look alike: $(head -n 2 "$tmp/lookalike")"
done
# and so do the median lines of a 3x3 grid: solid, then dashed
G9="$tmp/grid9"
expect_rc 0 "$SMUGNET" sweep plan "$G9" --seeds 1 --days 4 --stride 2 --set "$KNOB=0.1,0.2,0.3" --set smuggling.route_topk=2,3,4
expect_rc 0 "$SMUGNET" sweep run "$G9" --jobs 2 --engine fork --quiet
expect_rc 0 "$SMUGNET" sweep chart "$G9" --figure delivered --quiet
sed -n 's/^<polyline \(.*\) points=.*$/\1/p' "$G9/charts/delivered.svg" > "$tmp/lines"
[ "$(wc -l < "$tmp/lines")" -eq 9 ] && [ "$(sort -u "$tmp/lines" | wc -l)" -eq 9 ] ||
	fail "the median lines of 9 settings do not look apart: $(sort "$tmp/lines" | uniq -d)"
sed -n 's/^<g><title>.*<\/title>\(.*\)<text .*$/\1/p' "$G9/charts/delivered.svg" |
	sed 's/ \(x\|y\|x1\|x2\|y1\|y2\)="[^"]*"//g' | sort | uniq -d > "$tmp/lookalike"
[ ! -s "$tmp/lookalike" ] || fail "the legend of 9 settings has entries that look alike: $(head -n 2 "$tmp/lookalike")"
# a sweep folder named with a slash at its end, as a shell completes it:
# the paths the commands print have one slash (they read
# "DIR//manifest.json", "DIR//collect/...", "DIR//results/1.json")
TS="$tmp/trail"
expect_rc 0 "$SMUGNET" sweep plan "$TS//" --seeds 1-2 --days 2
grep -qxF "$TS/manifest.json: 2 tasks (2 seeds x 1 setting), 2 days each" "$tmp/out" || fail "sweep plan DIR/ printed: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" sweep run "$TS/" --jobs 2 --engine fork --quiet
expect_rc 0 "$SMUGNET" sweep collect "$TS/" --quiet
expect_rc 0 "$SMUGNET" sweep chart "$TS/" --figure lost
grep -qxF "$TS/charts/lost.svg" "$tmp/out" || fail "sweep chart DIR/ printed: $(cat "$tmp/out")"
rm "$TS/results/1.json"
expect_rc 3 "$SMUGNET" sweep collect "$TS/" --quiet
err_has "$TS/manifest.json: tasks[1]: no result (results/1.json is missing)"
# a sweep shorter than its stride (2 days under the default 30) has one
# day record, of its 2 days: the chart's title read "delivered per 30 days"
P2="$tmp/shortsweep"
expect_rc 0 "$SMUGNET" sweep plan "$P2" --seeds 1 --days 2
expect_rc 0 "$SMUGNET" sweep run "$P2" --task 0
expect_rc 0 "$SMUGNET" sweep chart "$P2" --figure delivered --quiet
grep -q '^<title>delivered per 2 days</title>$' "$P2/charts/delivered.svg" ||
	fail "a 2-day sweep's chart: $(grep -m 1 '<title>' "$P2/charts/delivered.svg")"
# in_transit is the shipments in transit on the day of a record, as
# `run --every` gives it, not a count over the period: its title read
# "in_transit per 30 days"
expect_rc 0 "$SMUGNET" sweep chart "$P2" --figure in_transit --quiet
grep -q '^<title>in_transit (shipments on the day)</title>$' "$P2/charts/in_transit.svg" ||
	fail "the in_transit chart's title: $(grep -m 1 '<title>' "$P2/charts/in_transit.svg")"
# 31 days at the stride of 30: the last day record holds day 31 alone,
# and a flow's line falls there for no reason in the world; the title
# read "seized per 30 days" and now says what the last point covers
P3="$tmp/oddsweep"
expect_rc 0 "$SMUGNET" sweep plan "$P3" --seeds 1 --days 31
expect_rc 0 "$SMUGNET" sweep run "$P3" --task 0
expect_rc 0 "$SMUGNET" sweep chart "$P3" --figure seized --quiet
grep -q '^<title>seized per 30 days (the last point: 1 day)</title>$' "$P3/charts/seized.svg" ||
	fail "a 31-day sweep's chart: $(grep -m 1 '<title>' "$P3/charts/seized.svg")"
# only a balance is per faction: a day-record figure with --faction is
# refused, not drawn for all factions under the faction's file name
expect_rc 2 "$SMUGNET" sweep chart "$S" --figure delivered --faction syndicate
grep -q -- "--faction: only --figure balance is per faction; delivered is of all factions together" "$tmp/err" ||
	fail "--figure delivered --faction: $(cat "$tmp/err")"
[ ! -e "$S/charts/delivered-syndicate.svg" ] || fail "a chart named for a faction it does not show was written"
# an --output that names the sweep's manifest or a result, straight or
# through a link, is refused (exit 2) and the file stays as it was: chart
# and slurm put their SVG or script in its place, and the sweep was lost
# (slurm with a task missing, so that it has an array to write)
cp "$S/manifest.json" "$tmp/manifest.keep" && cp "$S/results/0.json" "$tmp/0.keep" &&
	ln -s "$S/manifest.json" "$tmp/manifest.link" || fail "cannot set up the --output checks"
for out in "$S/manifest.json" "$tmp/manifest.link" "$S/results/0.json"; do
	expect_rc 2 "$SMUGNET" sweep chart "$S" --figure delivered --output "$out"
done
err_has "smugnet sweep chart: --output: '$S/results/0.json' is in the results/ folder of the sweep in '"
mv "$S/results/5.json" "$tmp/5.keep"
for out in "$S/manifest.json" "$tmp/manifest.link" "$S/results/0.json" "$S/results/5.json"; do
	expect_rc 2 "$SMUGNET" sweep slurm "$S" --output "$out"
done
err_has "smugnet sweep slurm: --output: '$S/results/5.json' is in the results/ folder of the sweep in '"
cmp -s "$S/manifest.json" "$tmp/manifest.keep" && cmp -s "$S/results/0.json" "$tmp/0.keep" && [ ! -e "$S/results/5.json" ] ||
	fail "an --output of chart or slurm replaced the sweep's manifest or a result"
expect_rc 2 "$SMUGNET" sweep slurm "$S" --output "$tmp/manifest.link"
err_has "smugnet sweep slurm: --output: '$tmp/manifest.link' is the sweep's manifest; writing there would lose the sweep"
# nor another sweep's manifest or results/, nor the vault's seeds/ (here
# of SMUGNET_VAULT): a chart or script there was a foreign result that
# collect refused, a lost sweep, a seed whose journal no longer matched
# its manifest, an entry 'seeds' listed as an unreadable seed
"$SMUGNET" sweep plan "$tmp/dest" --seeds 1 --days 2 >/dev/null && "$SMUGNET" sweep run "$tmp/dest" --jobs 1 --quiet &&
	"$SMUGNET" run --days 2 --save a --vault "$tmp/vault" >/dev/null &&
	cp "$tmp/dest/manifest.json" "$tmp/dest.keep" && cp "$tmp/vault/seeds/a/journal.jsonl" "$tmp/a.keep" ||
	fail "cannot set up another sweep and a vault"
others="$tmp/dest/results/9.json $tmp/dest/manifest.json $tmp/vault/seeds/x.svg $tmp/vault/seeds/a/journal.jsonl"
for out in $others; do
	expect_rc 2 env SMUGNET_VAULT="$tmp/vault" "$SMUGNET" sweep slurm "$S" --output "$out"
done
err_has "smugnet sweep slurm: --output: '$tmp/vault/seeds/a/journal.jsonl' would replace a file of the seed or sweep"
# another sweep's Slurm script is refused too, for what it is: that
# sweep loads without it (the refusal said it 'would no longer load')
"$SMUGNET" sweep plan "$tmp/scripted" --seeds 1 --days 2 >/dev/null && "$SMUGNET" sweep slurm "$tmp/scripted" >/dev/null &&
	cp "$tmp/scripted/sweep.sbatch" "$tmp/scripted.keep" || fail "cannot set up another sweep's script"
for cmd in "slurm $S" "chart $S --figure delivered"; do
	expect_rc 2 "$SMUGNET" sweep $cmd --output "$tmp/scripted/sweep.sbatch"
	err_has "--output: '$tmp/scripted/sweep.sbatch' is the Slurm script of the sweep in '$tmp/scripted' (sweep slurm wrote it); writing there would replace it"
	! grep -q "no longer load" "$tmp/err" || fail "sweep $cmd: $(cat "$tmp/err")"
done
cmp -s "$tmp/scripted/sweep.sbatch" "$tmp/scripted.keep" || fail "another sweep's script was replaced"
# but what they wrote before in their own sweep they write again: the
# script beside the manifest, a chart in charts/
for i in 1 2; do
	expect_rc 0 "$SMUGNET" sweep slurm "$S" --output "$S/sweep.sbatch"
done
# a folder there where the script or chart goes is refused before any
# work, as every other --output is: in charts/ or logs/ or beside the
# manifest it passed the check, and failed when written (exit 4)
mkdir -p "$S/charts/x.svg" "$S/logs/x.sbatch" || fail "cannot make folders in charts/ and logs/"
for out in "$S/charts/x.svg" "$S/logs/x.sbatch" "$S/charts" "$S/results"; do
	expect_rc 2 "$SMUGNET" sweep slurm "$S" --output "$out"
	err_has "smugnet sweep slurm: --output: '$out' is a folder; give a file"
done
mv "$tmp/5.keep" "$S/results/5.json"
for i in 1 2; do
	expect_rc 0 "$SMUGNET" sweep chart "$S" --figure delivered --output "$S/charts/mine.svg"
done
for out in "$S/charts/x.svg" "$S/logs/x.sbatch" "$S/logs" "$S/results"; do
	expect_rc 2 "$SMUGNET" sweep chart "$S" --figure delivered --output "$out"
	err_has "smugnet sweep chart: --output: '$out' is a folder; give a file"
done
rmdir "$S/charts/x.svg" "$S/logs/x.sbatch"
# nor a file beside the manifest under the name of a folder the sweep
# makes when it first needs it: a chart written as collect stood where
# sweep collect makes collect/, and collect failed (exit 4)
expect_rc 2 "$SMUGNET" sweep chart "$tmp/dest" --figure delivered --output "$tmp/dest/collect"
err_has "smugnet sweep chart: --output: '$tmp/dest/collect' is where the sweep in '$tmp/dest' keeps its collect/ folder; give another name"
[ ! -e "$tmp/dest/collect" ] || fail "a chart was written where the sweep makes collect/"
for out in $others; do
	expect_rc 2 env SMUGNET_VAULT="$tmp/vault" "$SMUGNET" sweep chart "$S" --figure delivered --output "$out"
done
err_has "smugnet sweep chart: --output: '$tmp/vault/seeds/a/journal.jsonl' would replace a file of the seed or sweep"
cmp -s "$tmp/dest/manifest.json" "$tmp/dest.keep" && cmp -s "$tmp/vault/seeds/a/journal.jsonl" "$tmp/a.keep" &&
	[ ! -e "$tmp/dest/results/9.json" ] && [ ! -e "$tmp/vault/seeds/x.svg" ] ||
	fail "an --output of chart or slurm wrote into another sweep or the vault's seeds/"
expect_rc 0 "$SMUGNET" sweep collect "$tmp/dest" --quiet
expect_rc 0 "$SMUGNET" seeds --check --vault "$tmp/vault"
# and a sweep is not planned there either: in seeds/ it was listed as an
# unreadable seed, in another sweep's results/ a foreign result
for d in "$tmp/vault/seeds/pl" "$tmp/dest/results/pl"; do
	expect_rc 2 env SMUGNET_VAULT="$tmp/vault" "$SMUGNET" sweep plan "$d" --seeds 1 --days 2
	[ ! -e "$d" ] || fail "sweep plan made $d"
done
err_has "smugnet sweep plan: DIR: '$tmp/dest/results/pl' is in the results/ folder of the sweep in '"
# nor do collect's tables or chart's charts go through a link to what
# smugnet reads: with collect/tasks.csv a link to a seed's journal.jsonl,
# 'sweep collect' replaced the seed's journal (exit 0) and 'seeds --check'
# then found a hash mismatch; so did a chart in charts/. Refused before
# any work (exit 2), nothing written; so is a link to another sweep's
# manifest or collect/ table. A link to a file of the user's own is
# written through (FILES), and their own files are written again
D="$tmp/dest"
expect_rc 0 "$SMUGNET" sweep chart "$D" --figure delivered --quiet
[ -f "$D/collect/tasks.csv" ] && [ -f "$D/charts/delivered.svg" ] && [ -f "$S/collect/summary.csv" ] ||
	fail "test bug: no tables or chart to link in place of"
for target in "$tmp/vault/seeds/a/journal.jsonl" "$tmp/scripted/manifest.json" "$S/collect/summary.csv"; do
	rm "$D/collect/tasks.csv" "$D/charts/delivered.svg" && ln -s "$target" "$D/collect/tasks.csv" &&
		ln -s "$target" "$D/charts/delivered.svg" && cp "$target" "$tmp/target.keep" && touch "$tmp/mark" ||
		fail "cannot link to $target"
	expect_rc 2 "$SMUGNET" sweep collect "$D" --quiet
	case $target in
	*/journal.jsonl) err_has "smugnet sweep collect: DIR: '$D/collect/tasks.csv' would replace a file of the seed or sweep in '$tmp/vault/seeds/a', which would no longer load" ;;
	*/summary.csv) err_has "smugnet sweep collect: DIR: '$D/collect/tasks.csv' is in the collect/ folder of the sweep in '$S'" ;;
	esac
	expect_rc 2 "$SMUGNET" sweep chart "$D" --figure delivered --quiet
	case $target in
	*/journal.jsonl) err_has "smugnet sweep chart: DIR: '$D/charts/delivered.svg' would replace a file of the seed or sweep in '$tmp/vault/seeds/a', which would no longer load" ;;
	*/manifest.json) err_has "smugnet sweep chart: DIR: '$D/charts/delivered.svg' would replace a file of the seed or sweep in '$tmp/scripted'" ;;
	esac
	cmp -s "$target" "$tmp/target.keep" || fail "collect or chart replaced $target through a link"
	[ -z "$(find "$D" "$tmp/vault" "$tmp/scripted" "$S/collect" -newer "$tmp/mark")" ] ||
		fail "a refused collect or chart wrote $(find "$D" "$tmp/vault" "$tmp/scripted" "$S/collect" -newer "$tmp/mark")"
	rm "$D/collect/tasks.csv" "$D/charts/delivered.svg"
	touch "$D/collect/tasks.csv" "$D/charts/delivered.svg"
done
expect_rc 0 "$SMUGNET" seeds --check --vault "$tmp/vault"
rm "$D/collect/tasks.csv" "$D/charts/delivered.svg"
: > "$tmp/mine.csv" && : > "$tmp/mine.svg" && ln -s "$tmp/mine.csv" "$D/collect/tasks.csv" &&
	ln -s "$tmp/mine.svg" "$D/charts/delivered.svg" || fail "cannot link to a user's files"
for i in 1 2; do
	expect_rc 0 "$SMUGNET" sweep collect "$D" --quiet
	expect_rc 0 "$SMUGNET" sweep chart "$D" --figure delivered --quiet
	expect_rc 0 "$SMUGNET" sweep chart "$D" --figure seized --quiet
done
[ -L "$D/collect/tasks.csv" ] && head -n 1 "$tmp/mine.csv" | grep -q '^task,seed,setting,' &&
	[ -L "$D/charts/delivered.svg" ] && head -n 1 "$tmp/mine.svg" | grep -q '^<?xml' && [ -s "$D/charts/seized.svg" ] ||
	fail "collect or chart did not write through a link to a user's file, or their own again"

# a setting's label longer than the table's or the legend's room (a
# --set value of 703 digits; the table cut every label at 60 bytes and
# the chart at 511, both silently, so the four settings read the same):
# the table cuts it in the middle at '...' and says so, the legend at an
# ellipsis and holds it whole in the entry's <title>; the settings read
# apart (the value's last digit, the second key's value)
L="$tmp/longlabel"
z=$(printf '%0700d' 0)
expect_rc 0 "$SMUGNET" sweep plan "$L" --seeds 1 --days 2 --set "$KNOB=0.1${z}1,0.1${z}2" --set smuggling.route_topk=2,3
expect_rc 0 "$SMUGNET" sweep run "$L" --jobs 1 --engine fork --quiet
expect_rc 0 "$SMUGNET" sweep collect "$L"
sed -n 's/^\(.*[^ ]\)  *delivered  .*$/\1/p' "$tmp/out" > "$tmp/labels"
[ "$(sort -u "$tmp/labels" | wc -l)" -eq 4 ] && awk 'length($0) != 60 || !index($0, "...") { bad = 1 } END { exit bad }' "$tmp/labels" ||
	fail "collect's table does not show four settings apart, cut to 60 at '...': $(cat "$tmp/labels")"
grep -qx "$KNOB=0\.10*\.\.\.0*2 smuggling\.route_topk=3" "$tmp/labels" ||
	fail "a cut label does not keep its start and its end: $(cat "$tmp/labels")"
grep -qxF "(a setting's label of more than 60 characters is cut at '...'; the CSV files hold it whole)" "$tmp/out" ||
	fail "collect does not say a label was cut: $(grep -v '^smuggling' "$tmp/out")"
grep -qF ",0.1${z}2,3,delivered," "$L/collect/summary.csv" || fail "summary.csv does not hold the 703-digit value whole"
# settings whose labels differ only where the cut leaves them out (two
# salts of 37 characters, one letter apart in their middles, beside a
# second key), and a value planned twice: the table showed each pair as
# one setting; now every label leads with its setting's number, the CSV
# files' setting column, and a line says why
a18=aaaaaaaaaaaaaaaaaa
for grid in "smuggling.deterministic_salt=${a18}X${a18},${a18}Y${a18}|smuggling.learning_rate=0.1" \
	"smuggling.learning_rate=0.1,0.1|smuggling.route_topk=3"; do
	rm -rf "$tmp/alike"
	expect_rc 0 "$SMUGNET" sweep plan "$tmp/alike" --seeds 1 --days 2 --set "${grid%%|*}" --set "${grid#*|}"
	expect_rc 0 "$SMUGNET" sweep run "$tmp/alike" --jobs 1 --engine fork --quiet
	expect_rc 0 "$SMUGNET" sweep collect "$tmp/alike"
	sed -n 's/^\(.*[^ ]\)  *delivered  .*$/\1/p' "$tmp/out" > "$tmp/labels"
	[ "$(sort -u "$tmp/labels" | wc -l)" -eq 2 ] && grep -q '^#0 smuggling\.' "$tmp/labels" && grep -q '^#1 smuggling\.' "$tmp/labels" ||
		fail "collect's table does not tell two settings ($grid) apart by their numbers: $(cat "$tmp/labels")"
	grep -qxF "(some settings' labels read the same here: '#N' is a setting's number, the CSV files' setting column)" "$tmp/out" ||
		fail "collect does not say why its labels are numbered: $(grep -v '^#' "$tmp/out")"
	# and so does the chart's legend (its two entries read the same)
	expect_rc 0 "$SMUGNET" sweep chart "$tmp/alike" --figure delivered --quiet
	sed -n 's/^<g><title>.*<text [^>]*>\([^<]*\)<\/text><\/g>$/\1/p' "$tmp/alike/charts/delivered.svg" > "$tmp/labels"
	[ "$(sort -u "$tmp/labels" | wc -l)" -eq 2 ] && grep -q '^#0 smuggling\.' "$tmp/labels" && grep -q '^#1 smuggling\.' "$tmp/labels" ||
		fail "the chart's legend does not tell two settings ($grid) apart by their numbers: $(cat "$tmp/labels")"
done
# a legend whose entries read apart has no numbers
expect_rc 0 "$SMUGNET" sweep chart "$L" --figure seized --quiet
! grep -q '<text [^>]*>#[0-9]' "$L/charts/seized.svg" || fail "a legend of labels that read apart is numbered"
expect_rc 0 "$SMUGNET" sweep chart "$L" --figure delivered
svg="$L/charts/delivered.svg"
grep -qF "<title>$KNOB=0.1${z}2 smuggling.route_topk=3</title>" "$svg" || fail "the legend does not hold a long label whole"
[ "$(grep -o '<text [^>]*>smuggling[^<]*…[^<]*(n=1)</text>' "$svg" | sort -u | wc -l)" -eq 4 ] ||
	fail "the legend does not show four settings apart, cut at an ellipsis: $(grep -o '<text [^>]*>smuggling[^<]*' "$svg" | cut -c1-120)"
w=$(sed -n 's/^<svg [^>]* width="\([0-9]*\)".*/\1/p' "$svg")
[ "$w" -le 1300 ] || fail "a long label widens the chart to $w pixels"

# the cockpit on the sweep folder: fan charts in the terminal
if command -v tmux >/dev/null 2>&1; then
	sock="$tmp/tmux.sock"
	# shown TEXT: wait up to 60 s (a loaded machine) until the screen shows TEXT
	shown() {
		end=$(($(date +%s) + 60))
		until tmux -S "$sock" capture-pane -p 2>/dev/null | grep -q -- "$1"; do
			[ "$(date +%s)" -lt "$end" ] || return 1
			sleep 0.1
		done
	}
	tmux -S "$sock" new-session -d -x 120 -y 40 "$SMUGNET --sweep $S; echo EXITED; sleep 30"
	shown "sweep $S:"
	tmux -S "$sock" send-keys Tab Down
	shown "5-95% of $KNOB=0.15"
	tmux -S "$sock" capture-pane -p > "$tmp/screen"
	# Shift-Tab and Up wrap around: from the second figure and the
	# second setting, twice each, to the last figure (in_transit) and the
	# last setting; Up again, the setting above it
	tmux -S "$sock" send-keys BTab BTab Up Up
	shown "in_transit .*: medians, and 5-95% of $KNOB=0.6" ||
		fail "Shift-Tab, Up twice each from the second figure and setting: not the last ones: $(tmux -S "$sock" capture-pane -p | sed -n 2p)"
	tmux -S "$sock" send-keys Up
	shown "in_transit .*: medians, and 5-95% of $KNOB=0.3 " ||
		fail "Up from the last setting does not select the one above it: $(tmux -S "$sock" capture-pane -p | sed -n 2p)"
	tmux -S "$sock" send-keys q
	shown EXITED
	tmux -S "$sock" capture-pane -p > "$tmp/screen2"
	# (its session is left to end with its shell: killed, it was the
	# server's last, and a new session asked for at once, while that
	# server shut down, could fail to start)
	grep -q "sweep $S: 16 tasks, 4 settings" "$tmp/screen" || fail "sweep view title missing: $(cat "$tmp/screen")"
	grep -q "5-95% of $KNOB=0.15" "$tmp/screen" || fail "Down did not select the second setting's band"
	# the table: headed by the key, a row per setting that starts with its value
	grep -q "^$KNOB  *tasks  " "$tmp/screen" || fail "the sweep view's table is not headed by $KNOB: $(cat "$tmp/screen")"
	for v in 0.05 0.15 0.3 0.6; do
		grep -q "^$v  *4  " "$tmp/screen" || fail "the sweep view's table has no row for $v: $(cat "$tmp/screen")"
	done
	grep -q EXITED "$tmp/screen2" || fail "q did not leave the sweep view"
	# an empty value has a row of its own, shown as ""
	tmux -S "$sock" new-session -d -s salt -x 100 -y 30 "$SMUGNET --sweep $tmp/salt; sleep 30"
	shown_in() {
		end=$(($(date +%s) + 60))
		until tmux -S "$sock" capture-pane -p -t "$1" 2>/dev/null | grep -q -- "$2"; do
			[ "$(date +%s)" -lt "$end" ] || return 1
			sleep 0.1
		done
	}
	# one task of one day: "1 task", "1 day", as sweep plan says them
	tmux -S "$sock" new-session -d -s single -x 100 -y 30 "$SMUGNET --sweep $tmp/single; sleep 30"
	shown_in single "sweep $tmp/single: 1 task, 1 setting, 1 day, " ||
		fail "the one-task sweep's view title: $(tmux -S "$sock" capture-pane -p -t single | head -n 2)"
	shown_in salt "^pepper  *1  " || fail "the salt sweep's view has no row for pepper: $(tmux -S "$sock" capture-pane -p -t salt)"
	tmux -S "$sock" capture-pane -p -t salt | grep -q '^""  *1  ' ||
		fail "the salt sweep's view does not show the empty salt as \"\": $(tmux -S "$sock" capture-pane -p -t salt)"
	# its least size is 80x24: drawn whole there; a row or a column less
	# says what it needs
	for size in 80x24 80x23 79x24; do
		tmux -S "$sock" new-session -d -s "s$size" -x "${size%x*}" -y "${size#*x}" "$SMUGNET --sweep $S; sleep 30"
	done
	shown_in s80x24 "sweep $S: 16 tasks" || fail "the sweep view at 80x24 is not drawn: $(tmux -S "$sock" capture-pane -p -t s80x24)"
	shown_in s80x24 "Tab/f next figure" || fail "the sweep view at 80x24 has no key line"
	shown_in s80x23 "The sweep view needs 80x24 (this is 80x23)" || fail "the sweep view at 80x23 does not say it needs 80x24"
	shown_in s79x24 "The sweep view needs 80x24 (this is 79x24)" || fail "the sweep view at 79x24 does not say it needs 80x24"
	# on its first row, from the first column, where a small window shows it
	first=$(tmux -S "$sock" capture-pane -p -t s79x24 | head -n 1)
	case $first in
	"The sweep view needs 80x24 (this is 79x24)."*) ;;
	*) fail "at 79x24 the first row reads '$first', not the message from its first column" ;;
	esac
	# a terminal type curses does not know: said, and exit 1 as the cockpit
	tmux -S "$sock" new-session -d -s noterm -x 100 -y 30 "TERM=smugnet-no-such-term $SMUGNET --sweep $S; echo EXITED \$?; sleep 30"
	shown_in noterm "EXITED" || fail "the sweep view on an unknown TERM did not end"
	tmux -S "$sock" capture-pane -p -t noterm > "$tmp/noterm"
	grep -q "EXITED 1" "$tmp/noterm" || fail "the sweep view on an unknown TERM did not exit 1: $(cat "$tmp/noterm")"
	# a sweep still running shows what it has: 1 of 4 tasks run, the
	# setting with none has no values; a sweep with no result yet says so
	# (220 columns: the title holds the folder's path whole even under a
	# long TMPDIR, as make mutate's)
	R="$tmp/running"
	expect_rc 0 "$SMUGNET" sweep plan "$R" --seeds 1-2 --days 20 --set "$KNOB=0.1,0.3"
	# the view of the sweep with no result must have ended before task 0
	# runs: a view started late under load would find its result
	tmux -S "$sock" new-session -d -s run -x 220 -y 30 "$SMUGNET --sweep $R; echo EXITED \$?; sleep 30"
	shown_in run "EXITED" || fail "the sweep view of a sweep with no result did not end"
	expect_rc 0 "$SMUGNET" sweep run "$R" --task 0
	tmux -S "$sock" new-session -d -s run0 -x 220 -y 30 "$SMUGNET --sweep $R; echo EXITED \$?; sleep 30"
	tmux -S "$sock" capture-pane -p -J -t run > "$tmp/none"
	# the progress line counts the tasks read, none of which has a result
	# (it read '4/4 results' before the message that there is none)
	grep -q "^sweep view: 4/4 tasks, 4 without a result, " "$tmp/none" ||
		fail "the sweep view's progress line is not its own, or counts results that are not there: $(cat "$tmp/none")"
	grep -q "EXITED 3" "$tmp/none" && grep -q "$R: no task has a result yet; \`smugnet sweep run $R --jobs N\` runs them" "$tmp/none" ||
		fail "the sweep view of a sweep with no result does not say so and exit 3: $(cat "$tmp/none")"
	shown_in run0 "sweep $R: 1 of 4 tasks run so far, 2 settings, 20 days" ||
		fail "the sweep view of a running sweep does not show it: $(tmux -S "$sock" capture-pane -p -t run0)"
	tmux -S "$sock" capture-pane -p -t run0 > "$tmp/running.screen"
	grep -q "^0.1  *1  *[0-9]" "$tmp/running.screen" && grep -q "^0.3  *0  *-  *-  *-  *-  *-" "$tmp/running.screen" ||
		fail "the running sweep's table does not give setting 0.1 its one result and 0.3 none: $(cat "$tmp/running.screen")"
	tmux -S "$sock" send-keys -t run0 q
	shown_in run0 "EXITED 0" || fail "q did not leave the running sweep's view with 0"
	grep -q "smugnet: cannot initialise the terminal (TERM=smugnet-no-such-term)" "$tmp/noterm" ||
		fail "the sweep view on an unknown TERM does not say it cannot use the terminal: $(cat "$tmp/noterm")"
	tmux -S "$sock" kill-server 2>/dev/null
	ok
fi

# a crackdown schedule in a sweep starts on its day, as in `run`
"$SMUGNET" run --days 20 > "$tmp/b.jsonl" || fail "run --days 20 failed"
B=$(tail -n 1 "$tmp/b.jsonl" | tr '{' '\n' | sed -n 's/^"id":"\([^"]*\)","from".*"traffic":\([0-9]*\).*/\2 \1/p' | sort -rn | head -n 1 | cut -d' ' -f2)
[ -n "$B" ] || fail "no busiest border found"
C="$tmp/cs"
expect_rc 0 "$SMUGNET" sweep plan "$C" --seeds 5-5 --days 30 --crackdown "$B@11-20"
expect_rc 0 "$SMUGNET" sweep run "$C" --task 0
want=$("$SMUGNET" run --days 30 --seed 5 --crackdown "$B@11-20" | tail -n 1)
plain=$("$SMUGNET" run --days 30 --seed 5 | tail -n 1)
got=$(sed -n 's/^"summary":\(.*\),"check":"[0-9a-f]*"}$/\1/p' "$C/results/0.json")
[ "$want" != "$plain" ] || fail "the scheduled crackdown changed nothing in run"
[ -n "$got" ] && [ "$got" = "$want" ] || fail "a sweep task with crackdown $B@11-20 differs from run"
ok
# a crackdown starting after the tasks' last day would never be set (a
# task saves no seed): the plan refuses it, naming it, and writes nothing
expect_rc 2 "$SMUGNET" sweep plan "$tmp/cslate" --seeds 5-6 --days 30 --crackdown "$B@31-40"
err_has "smugnet sweep plan: --crackdown '$B@31-40': starts on day 31, after the tasks' last day, 30"
[ -e "$tmp/cslate" ] && fail "a refused late crackdown left $(ls -A "$tmp/cslate")"
expect_rc 0 "$SMUGNET" sweep plan "$tmp/cslate" --seeds 5-6 --days 30 --crackdown "$B@30-40"
# a crackdown the world refuses, edited into the manifest by hand: the
# task fails as bad input named by its place there, not as a usage error
C2="$tmp/cs2"
cp -r "$C" "$C2"
rm -rf "$C2/results"
sed -i "s/\"$B@11-20\"/\"n:nowhere|n:else@11-20\"/" "$C2/manifest.json"
expect_rc 3 "$SMUGNET" sweep run "$C2" --task 0
grep -q "^$C2/manifest.json: crackdowns\[0\]: unknown corridor 'n:nowhere|n:else'" "$tmp/err" ||
	fail "a refused crackdown is not named in the manifest: $(cat "$tmp/err")"
grep -q "Try 'smugnet" "$tmp/err" && fail "a usage hint for a crackdown the manifest holds: $(cat "$tmp/err")"
[ ! -e "$C2/results/0.json" ] || fail "a task whose crackdown was refused left a result"
ok

# a scenario the world refuses, edited into a default-world sweep's
# manifest by hand with its hash ('{}', whose XXH3 is 1349cde127705c16):
# run named it "default world" and collect "dosadi-36.json", a file
# nowhere; both name the manifest's scenario.text, where the bytes are
W="$tmp/edited-world"
expect_rc 0 "$SMUGNET" sweep plan "$W" --seeds 1-2 --days 2
sed -i 's/"hash":"[0-9a-f]*","text":null/"hash":"1349cde127705c16","text":"{}"/' "$W/manifest.json"
grep -q '"text":"{}"' "$W/manifest.json" || fail "cannot edit the manifest's scenario text"
expect_rc 3 "$SMUGNET" sweep run "$W" --task 0
err_is "$W/manifest.json: scenario.text: format: missing required key"
expect_rc 3 "$SMUGNET" sweep collect "$W"
err_is "$W/manifest.json: scenario.text: format: missing required key"

# progress: drawn on a terminal, never on stdout
if command -v script >/dev/null 2>&1; then
	script -qec "$SMUGNET run --days 200 > $tmp/tty.jsonl" /dev/null > "$tmp/tty.err" </dev/null
	grep -q "200/200 days" "$tmp/tty.err" || fail "no progress line on a terminal: $(cat "$tmp/tty.err")"
	"$SMUGNET" run --days 200 > "$tmp/plain.jsonl" 2>"$tmp/plain.err"
	cmp -s "$tmp/tty.jsonl" "$tmp/plain.jsonl" || fail "progress changed the JSON Lines"
	[ ! -s "$tmp/plain.err" ] || fail "progress drawn on a non-terminal"
	script -qec "$SMUGNET run --days 200 --quiet > /dev/null" /dev/null > "$tmp/tty.err" </dev/null
	[ ! -s "$tmp/tty.err" ] || fail "--quiet still drew progress"
	ok
	# the line is redrawn at most ten times a second, and goes on being
	# redrawn while the work lasts: a run whose output waits 2 s in a full
	# pipe (from its first days on) draws a count between its first day and
	# its last once it goes on, its rate below a day a second by then.
	# Every draw starts with a carriage return (one more ends the line:
	# the terminal's for the newline); the bound is ten a second of the
	# run's measured time (whole seconds, plus one) and five, so a slow
	# machine only raises it, and a line redrawn at every day (2,000)
	# passes it only if the run takes over three minutes.
	t0=$(date +%s)
	script -qec "$SMUGNET run --days 2000 --events | { sleep 2; cat > /dev/null; }" /dev/null > "$tmp/tty.err" </dev/null
	t1=$(date +%s)
	draws=$(tr -cd '\r' < "$tmp/tty.err" | wc -c)
	[ "$draws" -le $(((t1 - t0 + 1) * 10 + 5)) ] ||
		fail "the progress line was drawn $draws times in $((t1 - t0)) s (at most ten a second)"
	tr '\r' '\n' < "$tmp/tty.err" | sed -n 's|^run: \([0-9]*\)/2000 days, \([0-9.]*\)/s.*|\1 \2|p' |
		awk '$1 > 1 && $1 < 2000 && $2 < $1 { mid = 1 } END { exit !mid }' ||
		fail "no progress drawn after a run waited 2 s, before its last day: $(tr '\r' '\n' < "$tmp/tty.err")"
	ok
	# a problem named while the line is drawn starts a line of its own (the
	# progress line is cleared first and drawn again under it): a sweep of
	# 4 tasks with one result, collected and charted on a terminal
	P="$tmp/part"
	expect_rc 0 "$SMUGNET" sweep plan "$P" --seeds 1-4 --days 20
	expect_rc 0 "$SMUGNET" sweep run "$P" --task 0
	for what in "collect $P" "chart $P --figure delivered"; do
		script -qec "$SMUGNET sweep $what" /dev/null > "$tmp/tty.err" </dev/null
		tr '\r' '\n' < "$tmp/tty.err" | sed 's/\x1b\[K//g' > "$tmp/lines"
		grep -q "4/4 results" "$tmp/lines" || fail "sweep $what on a terminal: no progress line: $(cat "$tmp/lines")"
		[ "$(grep -c "^$P/manifest.json: tasks\[[123]\]: no result (results/[123].json is missing)\$" "$tmp/lines")" -eq 3 ] ||
			fail "sweep $what on a terminal: the missing results are not each on a line of their own: $(cat "$tmp/lines")"
		# and the line comes back at once under each message, before the
		# next one (not only when the tenth of a second is up)
		awk -v verb="sweep ${what%% *}: " 'waiting && $0 != "" { bad += index($0, verb) != 1; waiting = 0 }
			/: no result \(/ { waiting = 1; n++ }
			END { exit bad || n != 3 }' "$tmp/lines" ||
			fail "sweep $what on a terminal: a message is not followed by the progress line: $(cat "$tmp/lines")"
		ok
	done
	# so do a failing task's messages under `sweep run --jobs` with the
	# fork pool (a batch's messages are printed when it ends): a sweep
	# whose second setting is out of range, so that its 4 tasks fail
	F2="$tmp/failing"
	expect_rc 0 "$SMUGNET" sweep plan "$F2" --seeds 1-4 --days 20 --set "$KNOB=0.1,0.3"
	sed -i "s/\"$KNOB=0.3\"/\"$KNOB=7\"/" "$F2/manifest.json"
	# and under GNU parallel, whose messages (its jobs' stderr) wait in a
	# file and are printed under the line as whole lines
	engines=fork
	command -v parallel >/dev/null 2>&1 && engines="fork parallel"
	for engine in $engines; do
		rm -f "$F2"/results/*.json
		script -qec "$SMUGNET sweep run $F2 --jobs 2 --engine $engine" /dev/null > "$tmp/tty.err" </dev/null
		tr '\r' '\n' < "$tmp/tty.err" | sed 's/\x1b\[K//g' > "$tmp/lines"
		grep -q "8/8 tasks, .*4 failed" "$tmp/lines" ||
			fail "sweep run --jobs 2 --engine $engine on a terminal: no progress line: $(cat "$tmp/lines")"
		[ "$(grep -c "^$F2/manifest.json: settings\[1\].set\[0\]: $KNOB: expected number in \[1e-09,1\], got '7'\$" "$tmp/lines")" -eq 4 ] ||
			fail "sweep run --jobs 2 --engine $engine on a terminal: the failing tasks' messages are not each on a line of their own: $(cat "$tmp/lines")"
		ok
	done
fi
# memory running out while plan makes the manifest: exit 1, said so,
# nothing written and no folder made (a cut-off manifest was written,
# exit 0). ASan reserves terabytes of shadow memory, so ulimit -v stops it
# from starting: under it, its allocator refuses one large allocation.
O="$tmp/oom"
if grep -q __asan_init "$SMUGNET" 2>/dev/null; then
	expect_rc 1 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=32" \
		"$SMUGNET" sweep plan "$O" --seeds 1-2000000 --days 5
else
	expect_rc 1 sh -c 'ulimit -v 60000 && exec "$@"' sh "$SMUGNET" sweep plan "$O" --seeds 1-2000000 --days 5
fi
err_has "smugnet sweep plan: out of memory making the manifest; nothing written"
[ ! -e "$O" ] || fail "a plan out of memory left $(ls -R "$O")"
# counts past 64 bits: 1024 settings x 2^53 seeds, and 256^8 settings
# (2^64, 0 in 64 bits), are refused at once, not built until killed
v=$(awk 'BEGIN { for (i = 1; i <= 256; i++) printf "%s%.4f", (i > 1 ? "," : ""), 0.001 * i }')
expect_rc 2 timeout 20 "$SMUGNET" sweep plan "$O" --seeds 0-9007199254740991 --days 1 --set "$KNOB=$v" \
	--set customs.base_tariff_rate=0.01,0.02,0.03,0.04
err_has "at most 100000000 tasks"
set -- "$O" --seeds 1 --days 1
for k in learning_rate bribe_budget_fraction prior_drift travel_weight upkeep_fraction exploration_rate \
	hazard_loss_share; do set -- "$@" --set "smuggling.$k=$v"; done
set -- "$@" --set "customs.base_tariff_rate=$v"
expect_rc 2 timeout 20 "$SMUGNET" sweep plan "$@"
err_has "at most 100000000 tasks"
[ ! -e "$O" ] || fail "a plan of too many tasks left a folder behind"
# a manifest past the 268435456 bytes every reader takes is refused
# before it is made: 6294358 tasks of seeds 1 to 6294358 are 11 bytes too
# many (it was written, and no command would read it)
expect_rc 2 timeout 20 "$SMUGNET" sweep plan "$O" --seeds 1-6294358 --days 5
err_has "bytes, more than the limit of 268435456 bytes every sweep command reads; split the sweep, or plan fewer seeds or settings"
[ ! -e "$O" ] || fail "a plan too large for a manifest left a folder behind"
# one horizon: --days and --years together are refused (the last was kept)
expect_rc 2 "$SMUGNET" sweep plan "$O" --seeds 1 --days 5 --years 2
err_has "--days and --years: give one of them, not both"
[ ! -e "$O" ] || fail "a plan with two horizons left a folder behind"

# the percentiles of bankruptcy days interpolate, four decimals as in
# summary.csv (they were rounded to whole days): each faction's p5 and
# p95, computed here from tasks.csv, are bankruptcy.csv's
K="$tmp/bk"
expect_rc 0 "$SMUGNET" sweep plan "$K" --seeds 1-9 --days 600 --bankrupt-below 99%
expect_rc 0 "$SMUGNET" sweep run "$K" --jobs 2 --engine fork --quiet
expect_rc 0 "$SMUGNET" sweep collect "$K" --quiet
head -n 1 "$K/collect/tasks.csv" | tr , '\n' | grep -n '^bankrupt_day:' | tr : ' ' |
while read -r col _ faction; do
	want=$(tail -n +2 "$K/collect/tasks.csv" | cut -d, -f"$col" | grep . | sort -n |
		awk '{ v[NR - 1] = $1 } END {
			for (q = 0; q < 2; q++) {
				at = (q ? 0.95 : 0.05) * (NR - 1); lo = int(at)
				p = lo + 1 < NR ? v[lo] + (v[lo + 1] - v[lo]) * (at - lo) : v[lo]
				printf "%s%.4f", (q ? "," : ""), p
			} }')
	got=$(awk -F, -v f="$faction" '$2 == f { print $6 "," $10 }' "$K/collect/bankruptcy.csv")
	[ "$got" = "$want" ] || { echo "bankruptcy.csv: $faction day p5,p95 $got, expected $want"; exit 1; }
done || fail "bankruptcy day percentiles: $(cat "$K/collect/bankruptcy.csv")"
grep -q ',[0-9]*\.[0-9]*[1-9][0-9]*,' "$K/collect/bankruptcy.csv" ||
	fail "no bankruptcy day percentile between two days, the test sees no decimals: $(cat "$K/collect/bankruptcy.csv")"
ok
# the sample standard deviation of one task is undefined: empty in
# summary.csv, "-" in the table (it was 0.0000)
expect_rc 0 "$SMUGNET" sweep collect "$tmp/single"
awk -F, 'NR > 1 && $5 != "" { bad = 1 } END { exit bad }' "$tmp/single/collect/summary.csv" ||
	fail "a setting of one task has an sd: $(cat "$tmp/single/collect/summary.csv")"
grep -q '^all  *delivered  *1  *[0-9.-]*  *- ' "$tmp/out" || fail "the table shows an sd of one task: $(cat "$tmp/out")"
ok
# summary.csv's percentiles interpolate between the sorted task values,
# as computed here from tasks.csv for the whole-number figures: a setting
# of two tasks (each percentile between the two values) and a setting of
# one task (the value itself at every percentile)
T2="$tmp/two"
expect_rc 0 "$SMUGNET" sweep plan "$T2" --seeds 1-2 --days 30
expect_rc 0 "$SMUGNET" sweep run "$T2" --jobs 2 --engine fork --quiet
expect_rc 0 "$SMUGNET" sweep collect "$T2" --quiet
for D in "$T2" "$tmp/single"; do
	awk -F, 'BEGIN { split("0.05 0.25 0.50 0.75 0.95", qs, " ") }
		NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
		NR == FNR { for (c = 1; c <= NF; c++) val[$3, c, ++cnt[$3, c]] = $c; next }
		FNR == 1 || ($2 != "shipments_created" && $2 != "delivered" && $2 != "seized" &&
			     $2 != "lost" && $2 != "in_transit") { next }
		{
			c = col[$2]; n = cnt[$1, c]
			for (i = 0; i < n; i++) v[i] = val[$1, c, i + 1] + 0
			for (i = 1; i < n; i++)
				for (j = i; j > 0 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
			for (q = 1; q <= 5; q++) {
				at = qs[q] * (n - 1); lo = int(at)
				p = lo + 1 < n ? v[lo] + (v[lo + 1] - v[lo]) * (at - lo) : v[lo]
				if (sprintf("%.4f", p) != $(5 + q)) {
					printf "setting %s %s p%d: %s, expected %.4f\n", $1, $2, qs[q] * 100, $(5 + q), p
					bad = 1
				}
			}
			checked++
			if ($6 != $10) apart++
		}
		END { if (checked != 5) print checked + 0 " rows checked, expected 5"
		      exit bad || checked != 5 || (n > 1 && !apart) }' \
		"$D/collect/tasks.csv" "$D/collect/summary.csv" > "$tmp/pct" ||
		fail "$D: summary.csv's percentiles are not the task values' (or the two tasks are alike): $(cat "$tmp/pct")"
	ok
done
# a manifest re-spaced after its tasks ran: the results name the hash of
# its old bytes, so missing lists every task again, run makes them again
# and collect takes them (missing and run said nothing was missing, and
# collect refused every result as made for another sweep)
sed 's/^{"id"/ {"id"/' "$K/manifest.json" > "$tmp/respaced" && mv "$tmp/respaced" "$K/manifest.json"
expect_rc 0 "$SMUGNET" sweep missing "$K"
[ "$(tr '\n' ' ' < "$tmp/out")" = "0 1 2 3 4 5 6 7 8 " ] || fail "missing after a re-spaced manifest: $(cat "$tmp/out")"
expect_rc 3 "$SMUGNET" sweep collect "$K" --quiet
err_has "made for another sweep"
expect_rc 0 "$SMUGNET" sweep run "$K" --jobs 2 --engine fork --quiet
expect_rc 0 "$SMUGNET" sweep collect "$K" --quiet
# an empty result is missing to missing and run too, as collect refuses it
: > "$K/results/4.json"
# collect says what it is and what makes it again (it said the content
# did not match its check sum, "changed after it was written")
expect_rc 3 "$SMUGNET" sweep collect "$K" --quiet
err_has "results/4.json: check: not a whole result (empty, or cut short); sweep run makes it again"
expect_rc 0 "$SMUGNET" sweep missing "$K"
[ "$(cat "$tmp/out")" = 4 ] || fail "missing does not list an empty result: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" sweep run "$K" --jobs 1 --engine fork --quiet
[ -s "$K/results/4.json" ] || fail "run did not make an empty result again"
expect_rc 0 "$SMUGNET" sweep collect "$K" --quiet
# so is one cut short (a copy stopped part-way): it begins as a result of
# the task, and missing, run and slurm took it for one, while collect
# refused it, so the sweep could not be finished but by removing it by
# hand; run makes it again, byte for byte
cp "$K/results/5.json" "$tmp/whole5"
head -c 200 "$tmp/whole5" > "$K/results/5.json"
expect_rc 3 "$SMUGNET" sweep collect "$K" --quiet
err_has "results/5.json: check: not a whole result (empty, or cut short); sweep run makes it again"
expect_rc 0 "$SMUGNET" sweep missing "$K"
[ "$(cat "$tmp/out")" = 5 ] || fail "missing does not list a result cut short: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" sweep run "$K" --jobs 1 --engine fork --quiet
cmp -s "$K/results/5.json" "$tmp/whole5" || fail "run did not make a result cut short again"
expect_rc 0 "$SMUGNET" sweep collect "$K" --quiet
# a task stopped while it wrote its result (Ctrl-C on sweep run --task,
# Slurm's time limit on an array task) left its temporary file,
# tmp/.I.json.PID.tmp, there for good; the next sweep run --jobs removes
# those no writer holds (flock(1) holds one as a writer does), and
# leaves other names alone
mkdir -p "$K/tmp"
head -c 100 "$tmp/whole5" > "$K/tmp/.5.json.4194301.tmp"
: > "$K/tmp/.16.json.12.tmp"
: > "$K/tmp/.7.json.x.tmp"
if command -v flock >/dev/null 2>&1; then
	expect_rc 0 flock -n "$K/tmp/.8.json.13.tmp" "$SMUGNET" sweep run "$K" --jobs 1 --engine fork --quiet
	want=".7.json.x.tmp .8.json.13.tmp "
else
	expect_rc 0 "$SMUGNET" sweep run "$K" --jobs 1 --engine fork --quiet
	want=".7.json.x.tmp "
fi
[ "$(ls -A "$K/tmp" | tr '\n' ' ')" = "$want" ] ||
	fail "the next sweep run left in tmp/: $(ls -A "$K/tmp" | tr '\n' ' '), expected $want"
rm -f "$K/tmp/.7.json.x.tmp" "$K/tmp/.8.json.13.tmp"
# and so does sweep run --task or --chunk, all a Slurm array runs: a
# resubmitted array left its stopped tasks' temporary files for good
for how in "--task 3" "--chunk 1 --chunk-size 4"; do
	head -c 100 "$tmp/whole5" > "$K/tmp/.5.json.4194301.tmp"
	expect_rc 0 "$SMUGNET" sweep run "$K" --quiet $how
	[ -z "$(ls -A "$K/tmp")" ] || fail "sweep run $how left in tmp/: $(ls -A "$K/tmp" | tr '\n' ' ')"
done
# a sweep folder where no result can be written (here a file in tmp/'s
# place; a read-only folder below) is one write failure, said once
# before any task runs, exit 4 under either engine: the fork pool ran
# every task, failed each writing its result, and exited 1, while GNU
# parallel's run exited 4
RO="$tmp/ro"
expect_rc 0 "$SMUGNET" sweep plan "$RO" --seeds 1-3 --days 2
: > "$RO/tmp"
engines=fork
command -v parallel >/dev/null 2>&1 && engines="fork parallel"
for eng in $engines; do
	expect_rc 4 "$SMUGNET" sweep run "$RO" --jobs 2 --engine "$eng" --quiet
	err_is "$RO/tmp: cannot create: it exists and is not a folder"
done
rm "$RO/tmp"
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w "$RO"
	for eng in $engines; do
		expect_rc 4 "$SMUGNET" sweep run "$RO" --jobs 2 --engine "$eng" --quiet
		err_has "$RO/results: cannot create: "
	done
	chmod u+w "$RO"
fi
# two sweep run --jobs on one folder each ran every task missing when it
# began, the same tasks twice: now a task another run holds (its claim,
# tmp/.1.claim, held here by flock(1) while it puts the task's result in
# place after 3 s, as a run's worker would) is passed over, then waited
# for, and not run again once it has its result; the claim goes with it
if command -v flock >/dev/null 2>&1; then
	CL="$tmp/claim"
	expect_rc 0 "$SMUGNET" sweep plan "$CL" --seeds 1-4 --days 30
	expect_rc 0 "$SMUGNET" sweep run "$CL" --jobs 1 --engine fork --quiet
	cp "$CL/results/1.json" "$tmp/claim1" || fail "cannot copy a result"
	for eng in $engines; do
		rm -f "$CL/results/"* "$tmp/claim1-dup"
		flock "$CL/tmp/.1.claim" sh -c 'sleep 3; [ -e "$1/results/1.json" ] && echo ran > "$2-dup"
			cp "$2" "$1/tmp/one" && mv "$1/tmp/one" "$1/results/1.json" && ls -i "$1/results/1.json" > "$2-ino"' \
			holder "$CL" "$tmp/claim1" &
		holder=$!
		i=0
		while [ ! -e "$CL/tmp/.1.claim" ] && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		sleep 0.3
		expect_rc 0 "$SMUGNET" sweep run "$CL" --jobs 2 --engine "$eng" --quiet
		wait $holder
		[ ! -e "$tmp/claim1-dup" ] || fail "$eng: a task another run held was run again"
		[ "$(ls -i "$CL/results/1.json")" = "$(cat "$tmp/claim1-ino")" ] ||
			fail "$eng: the result another run wrote was written again"
		[ "$(ls "$CL/results" | wc -l)" -eq 4 ] && [ -z "$(ls -A "$CL/tmp")" ] ||
			fail "$eng: results $(ls "$CL/results" | tr '\n' ' '), tmp/ $(ls -A "$CL/tmp" | tr '\n' ' ')"
	done
	expect_rc 0 "$SMUGNET" sweep collect "$CL" --quiet
fi
# a sweep run stopped by SIGTERM stops its workers with it, on either
# engine: it dies of the signal, no result appears after it has gone, no
# worker is left and no job log stays in tmp/ (both engines once left
# their batches or GNU parallel's jobs writing results after the kill)
"$SMUGNET" sweep plan "$tmp/stop" --seeds 1-100 --days 2000 >/dev/null || fail "plan of the stopped sweep"
engines=fork
command -v parallel >/dev/null 2>&1 && engines="fork parallel"
for eng in $engines; do
	rm -rf "$tmp/stop/results"
	"$SMUGNET" sweep run "$tmp/stop" --jobs 2 --engine "$eng" --quiet 2>"$tmp/err" &
	runner=$!
	wait_first_result "$tmp/stop"
	kill -TERM $runner
	wait $runner
	rc=$?
	[ $rc -eq 143 ] || fail "$eng: a sweep run stopped by SIGTERM exited $rc, not 143: $(cat "$tmp/err")"
	got=$(ls "$tmp/stop/results" | wc -l)
	[ "$got" -lt 100 ] || fail "$eng: the sweep ended before it was stopped; the test needs longer tasks"
	sleep 2
	[ "$(ls "$tmp/stop/results" | wc -l)" -eq "$got" ] ||
		fail "$eng: results appeared after the sweep run was stopped: $got, then $(ls "$tmp/stop/results" | wc -l)"
	running "sweep run $tmp/stop" && fail "$eng: workers still run after the sweep run was stopped"
	[ -z "$(ls -A "$tmp/stop/tmp" 2>/dev/null | grep -v '^\.')" ] || fail "$eng: a stopped run left $(ls -A "$tmp/stop/tmp")"
	pass=$((pass + 1))
done
# a sweep run killed outright (SIGKILL) cannot stop GNU parallel itself:
# parallel gets one SIGTERM, which need not stop its jobs (20221122
# ignores it while it starts, then runs every job), yet the jobs stop
# with the run: no result appears after it has gone and no worker is
# left. Under the real parallel, and under a stand-in that takes a first
# SIGTERM as GNU parallel takes SIGHUP (no new job, the running ones
# finish), which makes the case certain (batches of 13 2000-day tasks
# went on writing results after the kill)
if command -v parallel >/dev/null 2>&1; then
	mkdir -p "$tmp/oldpar"
	{
		echo '#!/bin/sh'
		echo 'exec 9<&0'
		printf '"%s" "$@" <&9 9<&- &\n' "$(command -v parallel)"
		echo 'child=$!'
		echo "trap 'kill -HUP \$child' TERM"
		echo 'rc=0'
		echo 'while kill -0 $child 2>/dev/null; do wait $child; rc=$?; done'
		echo 'exit $rc'
	} > "$tmp/oldpar/parallel"
	chmod +x "$tmp/oldpar/parallel"
	for par in real stand-in; do
		rm -rf "$tmp/stop/results" "$tmp/stop/tmp"
		path=$PATH
		[ $par = stand-in ] && path="$tmp/oldpar:$PATH"
		PATH=$path "$SMUGNET" sweep run "$tmp/stop" --jobs 2 --engine parallel --quiet 2>"$tmp/err" &
		runner=$!
		wait_first_result "$tmp/stop"
		# the run holds a lock on its job log while it runs
		set -- "$tmp/stop/tmp/"parallel.*.log
		[ $# -eq 1 ] && [ -f "$1" ] || fail "$par: the running sweep has not one job log: $*"
		if command -v flock >/dev/null 2>&1; then
			flock -n "$1" true && fail "$par: a running sweep's job log is held by no one"
		fi
		killed_run_stops "$par"
		# its job log stays (nothing removes a file for a killed
		# process): kept for the next sweep run below
		[ -f "$1" ] || fail "$par: the killed sweep left no job log"
		mv "$1" "$tmp/stale-$par.log"
		pass=$((pass + 1))
	done
	# the next sweep run removes the job logs killed runs left (they
	# stayed in tmp/ for good), here in a sweep with nothing to run, and
	# never one a live run holds (flock(1) holds it as a run does)
	"$SMUGNET" sweep plan "$tmp/stale" --seeds 1-2 --days 2 >/dev/null || fail "plan of the stale-log sweep"
	expect_rc 0 "$SMUGNET" sweep run "$tmp/stale" --jobs 2 --engine parallel --quiet
	mv "$tmp/stale-real.log" "$tmp/stale/tmp/parallel.1.log"
	mv "$tmp/stale-stand-in.log" "$tmp/stale/tmp/parallel.2.3.log"
	: > "$tmp/stale/tmp/parallel.x.log"
	if command -v flock >/dev/null 2>&1; then
		expect_rc 0 flock -n "$tmp/stale/tmp/parallel.4.log" "$SMUGNET" sweep run "$tmp/stale" --jobs 2 --engine fork --quiet
		want="parallel.4.log parallel.x.log "
	else
		expect_rc 0 "$SMUGNET" sweep run "$tmp/stale" --jobs 2 --engine fork --quiet
		want="parallel.x.log "
	fi
	[ "$(ls -A "$tmp/stale/tmp" | tr '\n' ' ')" = "$want" ] ||
		fail "the next sweep run left in tmp/: $(ls -A "$tmp/stale/tmp" | tr '\n' ' '), expected $want"
fi
# a job of GNU parallel under sweep run --jobs (it has the run's lifeline,
# here a FIFO it holds open itself) leaves a job log no one holds in
# tmp/ to the runs: its own run cleaned tmp/ when it began, and a job
# parallel started after its run was killed outright removed that run's
# log, or not, by timing (the killed-run case above failed now and then).
# Without a lifeline (--task by hand, a Slurm array) it still goes
"$SMUGNET" sweep plan "$tmp/joblife" --seeds 1-2 --days 2 >/dev/null || fail "plan of the lifeline sweep"
mkdir -p "$tmp/joblife/tmp"
: > "$tmp/joblife/tmp/parallel.77.log"
mkfifo "$tmp/life" || fail "cannot make a FIFO"
SMUGNET_SWEEP_LIFELINE=8 "$SMUGNET" sweep run "$tmp/joblife" --quiet --task 0 >"$tmp/out" 2>"$tmp/err" 8<>"$tmp/life"
rc=$?
[ $rc -eq 0 ] && [ -f "$tmp/joblife/results/0.json" ] || fail "a job with a lifeline exited $rc: $(cat "$tmp/err")"
[ -f "$tmp/joblife/tmp/parallel.77.log" ] || fail "a job of a sweep run --jobs removed a job log from tmp/"
expect_rc 0 "$SMUGNET" sweep run "$tmp/joblife" --quiet --task 1
[ ! -e "$tmp/joblife/tmp/parallel.77.log" ] || fail "sweep run --task without a lifeline left a stale job log"
ok
# a sweep run started with SIGHUP ignored (under nohup) goes on through a
# hangup, and so do its workers: every task done, exit 0 (it stopped its
# workers and exited 1). The hangup reaches its whole process group, as a
# terminal's does.
"$SMUGNET" sweep plan "$tmp/hup" --seeds 1-20 --days 2000 >/dev/null || fail "plan of the hung-up sweep"
setsid sh -c 'trap "" HUP; exec "$@"' sh "$SMUGNET" sweep run "$tmp/hup" --jobs 2 --engine fork --quiet 2>"$tmp/err" &
runner=$!
wait_first_result "$tmp/hup"
kill -HUP -$runner || fail "the sweep ended before the hangup; the test needs longer tasks"
wait $runner
rc=$?
[ $rc -eq 0 ] || fail "a sweep run with SIGHUP ignored exited $rc on a hangup: $(cat "$tmp/err")"
[ "$(ls "$tmp/hup/results" | wc -l)" -eq 20 ] ||
	fail "a sweep run with SIGHUP ignored left $(ls "$tmp/hup/results" | wc -l) of 20 results after a hangup"
pass=$((pass + 1))
# a sweep whose tmp/ cannot be made (a file of that name) is refused by
# the GNU parallel engine before any task: exit 4, the path named, no
# result (the sanitized build saw it leak the failed-task list)
if command -v parallel >/dev/null 2>&1; then
	"$SMUGNET" sweep plan "$tmp/tmpfile" --seeds 1-2 --days 5 >/dev/null || fail "plan of the sweep without tmp/"
	rmdir "$tmp/tmpfile/tmp" 2>/dev/null
	: > "$tmp/tmpfile/tmp"
	expect_rc 4 "$SMUGNET" sweep run "$tmp/tmpfile" --jobs 2 --engine parallel --quiet
	grep -qxF "$tmp/tmpfile/tmp: cannot create: it exists and is not a folder" "$tmp/err" ||
		fail "sweep run --engine parallel without a tmp/ folder: $(cat "$tmp/err")"
	[ -z "$(ls -A "$tmp/tmpfile/results" 2>/dev/null)" ] || fail "sweep run --engine parallel without a tmp/ folder ran tasks"
fi
# a sweep run with its standard input closed (`<&-`, as some schedulers
# start jobs) runs every task under GNU parallel, exits 0 and leaves no
# job log in tmp/: the log it makes is then descriptor 0, a descriptor
# like any other (taken for a failure, the run stopped with exit 4 and
# left the log behind)
# closed_std_run DIR WHAT: a sweep of 8 tasks planned in $tmp/DIR, run
# under GNU parallel with standard WHAT ("input", "input and output")
# closed: it exits 0 with every result and leaves nothing in tmp/
closed_std_run() {
	"$SMUGNET" sweep plan "$tmp/$1" --seeds 1-4 --days 20 --set "$KNOB=0.05,0.15" >/dev/null ||
		fail "plan of the sweep run without standard $2"
	if [ "$2" = input ]; then
		"$SMUGNET" sweep run "$tmp/$1" --jobs 2 --engine parallel --quiet >"$tmp/out" 2>"$tmp/err" <&-
	else
		"$SMUGNET" sweep run "$tmp/$1" --jobs 2 --engine parallel --quiet 2>"$tmp/err" <&- >&-
	fi
	rc=$?
	[ $rc -eq 0 ] || fail "sweep run --engine parallel with standard $2 closed exited $rc: $(cat "$tmp/err")"
	[ "$(ls "$tmp/$1/results" 2>/dev/null | wc -l)" -eq 8 ] && [ -z "$("$SMUGNET" sweep missing "$tmp/$1")" ] ||
		fail "sweep run --engine parallel with standard $2 closed left tasks without a result: $("$SMUGNET" sweep missing "$tmp/$1" | tr '\n' ' ')"
	[ -z "$(ls -A "$tmp/$1/tmp" 2>/dev/null)" ] ||
		fail "sweep run --engine parallel with standard $2 closed left in tmp/: $(ls -A "$tmp/$1/tmp" | tr '\n' ' ')"
	ok
}
if command -v parallel >/dev/null 2>&1; then
	closed_std_run nostdin input
fi
# a sweep run with standard input and output closed (`<&- >&-`, as a
# careless cron line or a daemon manager starts it) runs every task
# under GNU parallel, and killed outright (SIGKILL) it stops its jobs
# all the same: no result appears after it has gone and no worker is
# left. Its pipes once took descriptors 0 and 1: parallel's output was
# the jobs' lifeline, which they then did not find, and they went on
# writing results (certain under the stand-in parallel above, which lets
# running jobs finish on parallel's SIGTERM)
if command -v parallel >/dev/null 2>&1; then
	closed_std_run nostdout "input and output"
	for par in real stand-in; do
		rm -rf "$tmp/stop/results" "$tmp/stop/tmp"
		path=$PATH
		[ $par = stand-in ] && path="$tmp/oldpar:$PATH"
		PATH=$path "$SMUGNET" sweep run "$tmp/stop" --jobs 2 --engine parallel --quiet 2>"$tmp/err" <&- >&- &
		runner=$!
		wait_first_result "$tmp/stop"
		killed_run_stops "$par, standard input and output closed"
		ok
	done
fi
echo "$pass passed, 0 failed"
