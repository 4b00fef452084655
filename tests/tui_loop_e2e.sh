#!/bin/sh
# The designer's loop end to end in a real terminal: in a detached tmux
# session step 30 days, crack down on a border, set a knob in the config
# view, step, rewind two days, step on and save, stop a long step with
# Esc (keys typed during it act after it); then `smugnet replay`
# rebuilds the seed from its journal to the same digest, and a journal
# with one line changed fails naming that line's day. In a new cockpit,
# 70 keys typed with a long step: 64 act after it, the footer says the
# 6 past them were dropped. Last, a long seed
# loaded: a rewind before its first day counts the seed's days rebuilt
# and Esc stops it; left waiting or running, the cockpit rebuilds them
# ahead. Waits for screen states, never fixed sleeps. Skipped
# (exit 77) without tmux.
set -u
SMUGNET=${SMUGNET:-./smugnet}
# the cockpit's UTF-8 glyphs are under test: the locale is set here, not
# taken from the caller (where it is not UTF-8 the cockpit draws ASCII)
LC_ALL=C.UTF-8
export LC_ALL
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
sock="smugnet-loop-$$"
T="tmux -L $sock"
pass=0
cleanup() { $T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; echo "--- screen ---"; $T capture-pane -p -t loop 2>/dev/null; echo "$pass passed, 1 failed"; exit 1; }
ok() { pass=$((pass + 1)); echo "ok: $*"; }
# wait_for TEXT: poll the screen until it shows TEXT, for up to E2E_WAIT
# seconds (60: a loaded machine may starve the cockpit for seconds; a
# state that shows returns at once, so only a failure waits that long)
wait_for() {
	end=$(($(date +%s) + ${E2E_WAIT:-60}))
	until $T capture-pane -p -t loop 2>/dev/null | grep -q -- "$1"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# open_cockpit [ARG]: the cockpit started again in a new session, with
# smugnet's ARG (e.g. --load NAME). The old session goes once the new
# one is there: killed first, it was the server's last, and a new
# session asked for while that server shut down failed to start.
open_cockpit() {
	$T rename-session -t loop old 2>/dev/null # (gone if its shell has ended)
	$T new-session -d -s loop -x 160 -y 48 "TERM=xterm-256color $SMUGNET --vault $tmp/vault $*; echo EXITED \$?; sleep 30" ||
		fail "tmux did not start the cockpit again ($*)"
	$T kill-session -t old 2>/dev/null
}
# header_day: the day the header (the screen's first line) shows
header_day() {
	$T capture-pane -p -t loop | head -n 1 | sed -n 's/.* day \([0-9]*\) (.*/\1/p'
}

# open_longseed [KEY]: the cockpit started again on the 40,000-day seed,
# as loaded (its days before the load not rebuilt); KEY typed at once,
# while it loads, is read before the cockpit first waits for a key, so
# before it rebuilds any of those days ahead.
open_longseed() {
	open_cockpit --load longseed
	[ $# -eq 0 ] || $T send-keys -t loop "$1"
	wait_for "day 40000 " || fail "the long seed did not load"
}

$T new-session -d -s loop -x 160 -y 48 "TERM=xterm-256color $SMUGNET --vault $tmp/vault; echo EXITED \$?; sleep 30" || fail "tmux did not start"
wait_for "Factions" || fail "cockpit did not draw"
$T send-keys -t loop n
wait_for "Step how many days" || fail "no step prompt"
$T send-keys -t loop Enter
wait_for "day 30 " || fail "did not reach day 30"
ok "stepped to day 30"
$T send-keys -t loop 3 c
wait_for "until cleared" || fail "crackdown not confirmed"
ok "crackdown on the selected border"
$T send-keys -t loop C
wait_for "Configuration" || fail "config view did not open"
for _ in 1 2 3 4 5 6 7; do $T send-keys -t loop Down; done
$T send-keys -t loop Enter
wait_for "New value" || fail "no knob prompt"
$T send-keys -t loop 0.3 Enter
wait_for "smuggling.learning_rate = 0.3 from day 31" || fail "knob not set"
$T send-keys -t loop Escape
ok "knob set in the config view"
$T send-keys -t loop . . . . .
wait_for "day 35 " || fail "did not reach day 35"
$T send-keys -t loop [ [
wait_for "back to day 33" || fail "rewind not confirmed"
wait_for "day 33 " || fail "header not at day 33"
ok "rewound two days"
$T send-keys -t loop . . . .
wait_for "day 37 " || fail "did not step on to day 37"
$T send-keys -t loop s
wait_for "Save seed as" || fail "no save prompt"
$T send-keys -t loop loopseed Enter
wait_for "saved seed loopseed" || fail "save not confirmed"
ok "saved at day 37"
# a long step shows its progress and Esc stops it where it is
$T send-keys -t loop n
wait_for "Step how many days" || fail "no step prompt"
$T send-keys -t loop 100000 Enter
wait_for "stepping: day" || fail "a long step shows no progress"
$T send-keys -t loop Escape
wait_for "stopped at day" || fail "Esc did not stop the long step"
line=$($T capture-pane -p -t loop | grep -o "stopped at day [0-9]*: stepped [0-9]* of 100000 days (Esc)")
d=$(echo "$line" | sed 's/stopped at day \([0-9]*\).*/\1/')
n=$(echo "$line" | sed 's/.*stepped \([0-9]*\) of.*/\1/')
[ -n "$d" ] && [ -n "$n" ] && [ "$d" -eq $((37 + n)) ] && [ $((n % 64)) -eq 0 ] && [ "$n" -lt 100000 ] ||
	fail "the stopped step reads '$line'"
wait_for "day $d " || fail "header not at day $d"
ok "a long step showed its progress and Esc stopped it at day $d"
# keys typed during a long step act after it: two steps of a day, typed
# before Esc, leave the header at d + 64k + 2 (dropped, at d + 64k)
$T send-keys -t loop n
wait_for "Step how many days" || fail "no step prompt"
$T send-keys -t loop 100000 Enter
wait_for "stepping: day" || fail "the second long step shows no progress"
$T send-keys -t loop . .
$T send-keys -t loop Escape
end=$(($(date +%s) + ${E2E_WAIT:-60}))
while :; do
	h=$(header_day)
	[ -n "$h" ] && [ "$h" -gt $((d + 2)) ] && [ "$h" -lt $((d + 100000)) ] && [ $(((h - d - 2) % 64)) -eq 0 ] &&
		! $T capture-pane -p -t loop | grep -q "stepping: day" && break
	[ "$(date +%s)" -lt "$end" ] || fail "after the second long step the header is at day $h, not $d + 64k + 2"
	sleep 0.05
done
ok "the two steps typed during a long step followed it: day $h"
$T send-keys -t loop q
wait_for "Quit anyway" || fail "no question before quitting unsaved days"
$T send-keys -t loop y
wait_for "EXITED 0" || fail "cockpit did not quit"

out=$($SMUGNET replay loopseed --vault "$tmp/vault" 2>&1); rc=$?
[ $rc -eq 0 ] || fail "replay exited $rc: $out"
want=$(tr -d ' \t' < "$tmp/vault/seeds/loopseed/manifest.json" | sed -n 's/.*"digest":"\([0-9a-f]\{16\}\)".*/\1/p')
[ -n "$want" ] || fail "no digest in the seed's manifest"
echo "$out" | grep -q "ok: 37 days" || fail "replay did not rebuild 37 days: $out"
echo "$out" | grep -q "$want" || fail "replay digest is not the seed's $want: $out"
ok "the session replays to the seed's digest $want"
grep -q '"op":"set","key":"smuggling.learning_rate","value":"0.3"' "$tmp/vault/seeds/loopseed/journal.jsonl" || fail "knob not journaled"
grep -q '"op":"crackdown"' "$tmp/vault/seeds/loopseed/journal.jsonl" || fail "crackdown not journaled"
cp -r "$tmp/vault/seeds/loopseed" "$tmp/vault/seeds/tampered"
sed 's/"value":"0.3"/"value":"0.29"/' "$tmp/vault/seeds/loopseed/journal.jsonl" > "$tmp/vault/seeds/tampered/journal.jsonl"
out=$($SMUGNET replay tampered --vault "$tmp/vault" 2>/dev/null); rc=$?
[ $rc -eq 3 ] || fail "tampered replay exited $rc: $out"
echo "$out" | grep -q "diverged on day 30" || fail "tampered replay does not name day 30: $out"
ok "a tampered line is named by its day: $out"

# keys typed during a long step past the 64 it keeps are dropped, and
# once the kept ones have acted the footer says how many. In a cockpit
# just started, n, then 100000 Enter, 70 '.' and Esc typed at once: the
# step first looks at the keyboard after its first 64 days (it looks
# every 100 ms, and it has not looked before), where all 71 keys wait:
# Esc stops it there, at day S + 64 (Esc is the stop, not a key kept),
# the first 64 dots are kept and 6 dropped. The kept dots step 64 single
# days, to S + 128. (The step is not left to run first: the footer's
# "stopped at day" goes with the first kept key, at once, and the
# progress shown lags the day it stops at, so that day could not be
# read; typed with the step, the keys are there whatever the machine's
# speed.) Before, the 6 were dropped unsaid.
open_cockpit
wait_for "Factions" || fail "the new cockpit did not draw"
S=$(header_day)
[ -n "$S" ] || fail "no day in the new cockpit's header"
$T send-keys -t loop n
wait_for "Step how many days" || fail "no step prompt in the new cockpit"
dots=$(printf "%070d" 0 | tr 0 .) # 70 of them
$T send-keys -t loop 100000 Enter "$dots" Escape
wait_for "typed while the cockpit was busy" ||
	fail "70 keys typed during a long step: the footer does not say any dropped (header at day $(header_day), from $S)"
$T capture-pane -p -t loop | grep -qw "6 keys typed while the cockpit was busy were dropped: it keeps 64 to act after" ||
	fail "70 keys typed during a long step: the footer does not say 6 were dropped"
h=$(header_day)
[ "$h" = $((S + 128)) ] ||
	fail "the long step stopped at day $((S + 64)), then 64 kept dots: the header is at day $h, not $((S + 128))"
ok "70 dots and Esc typed with a long step: it stopped at day $((S + 64)), 64 dots stepped to day $h, 6 were said dropped"

# a rewind before a loaded seed's first day rebuilds the seed's days
# (about 1.5 s for these 40,000): the footer counts them, Esc stops it
# with the world as it was, and the next rewind goes through. `[` is
# typed as the seed loads: typed after, it would race the rebuild ahead
# (on a loaded machine that could leave too few days for Esc to stop)
$SMUGNET run --days 40000 --save longseed --vault "$tmp/vault" >/dev/null 2>&1 || fail "no 40000-day seed"
open_longseed [
wait_for "rewinding to day 39999: rebuilding the seed's days, day [0-9]* of 40000 (Esc stops)" ||
	fail "a rewind before the loaded seed's first day shows no progress"
$T send-keys -t loop Escape
wait_for "rewind to day 39999 stopped (Esc) with the seed's days rebuilt to day [0-9]* of 40000; still at day 40000" ||
	fail "Esc did not stop the rebuild"
wait_for "day 40000 " || fail "the header is not at the seed's day after the stop"
ok "Esc stopped the rebuild of the seed's days, the world at day 40000"
$T send-keys -t loop [
wait_for "back to day 39999 (from 40000)" || fail "the second rewind did not go through"
ok "the next rewind went back to day 39999"

# left waiting for a key, the cockpit rebuilds a loaded seed's days
# ahead and says when they are all rebuilt; a rewind then goes back at
# once, from the ring's copies
open_longseed
wait_for "the seed's days before day 40000 are rebuilt: a rewind there starts from copies" ||
	fail "the seed's days were not rebuilt while the cockpit waited"
$T send-keys -t loop [
wait_for "back to day 39999 (from 40000)" || fail "the rewind after the days were rebuilt did not go through"
ok "the seed's days were rebuilt while the cockpit waited; the rewind went back to day 39999"

# and running, between its days
open_longseed
$T send-keys -t loop Space
wait_for " RUN x" || fail "the cockpit does not run"
wait_for "the seed's days before day 40000 are rebuilt: a rewind there starts from copies" ||
	fail "the seed's days were not rebuilt while the cockpit ran"
# (a day a second while its days are rebuilt: day 40001 to 40999, however
# long the rebuild takes, e.g. in a sanitized build)
wait_for "day 4000[1-9] \\|day 400[1-9][0-9] \\|day 40[1-9][0-9][0-9] " || fail "the running cockpit did not step on"
$T send-keys -t loop Space
wait_for " PAUSED x" || fail "the cockpit does not pause"
$T send-keys -t loop '{'
wait_for "Rewind to day" || fail "no rewind prompt"
$T send-keys -t loop 39990 Enter
wait_for "back to day 39990 (from 400" || fail "the rewind after the days were rebuilt while running did not go through"
ok "the seed's days were rebuilt while the cockpit ran; the rewind went back to day 39990"
echo "$pass passed, 0 failed"
