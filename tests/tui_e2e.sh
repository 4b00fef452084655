#!/bin/sh
# End to end in a real terminal: the cockpit in a detached tmux session.
# The cursor hidden while it runs, shown after. Step N days through the
# prompt (exactly N), open the why view, crack down on a border from the
# map, step 10 days and see the shaded period
# in the chart view, click with the mouse, save a seed and load it
# headless, shrink below 80x24 and back, quit after a resize and find
# the shell's screen clean, run monochrome ASCII, and refuse a terminal
# type curses does not know. Waits for screen states, never fixed
# sleeps. Skipped (exit 77) without tmux.
set -u
SMUGNET=${SMUGNET:-./smugnet}
# the cockpit's UTF-8 glyphs are under test: the locale is set here, not
# taken from the caller (where it is not UTF-8 the cockpit draws ASCII)
LC_ALL=C.UTF-8
export LC_ALL
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
sock="smugnet-e2e-$$"
T="tmux -L $sock -f /dev/null"
pass=0
S=e2e
cleanup() { $T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; echo "--- screen ---"; $T capture-pane -p -t $S 2>/dev/null; echo "$pass passed, 1 failed"; exit 1; }
ok() { pass=$((pass + 1)); echo "ok: $*"; }
screen() { $T capture-pane -p -t $S 2>/dev/null; }
# wait_until CMD...: poll until CMD succeeds, for up to E2E_WAIT seconds
# (60: a loaded machine may starve the cockpit for seconds; a state that
# shows returns at once, so only a failure waits that long)
wait_until() {
	end=$(($(date +%s) + ${E2E_WAIT:-60}))
	until "$@"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.05
	done
}
# shows SESSION TEXT: the session's screen shows TEXT
shows() { $T capture-pane -p -t "$1" 2>/dev/null | grep -q -- "$2"; }
# wait_for TEXT: wait until the screen shows TEXT
wait_for() { wait_until shows "$S" "$1"; }
# the day in the header
day() { screen | sed -n '1s/.* day \([0-9][0-9]*\) .*/\1/p'; }
# a left click at screen column x, row y (0-based), as xterm reports it
# in its SGR mouse mode (what TERM=xterm-256color announces)
click() {
	$T send-keys -t $S -l "$(printf '\033[<0;%d;%dM' $(($1 + 1)) $(($2 + 1)))"
	$T send-keys -t $S -l "$(printf '\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)))"
}

$T new-session -d -s $S -x 160 -y 48 "TERM=xterm-256color $SMUGNET --vault $tmp/vault; echo EXITED \$?; sleep 30" || fail "tmux did not start"
wait_for "Factions" || fail "cockpit did not draw its panes"
wait_for "Press Space to run" || fail "the first screen does not say what to press"
wait_for " day 0 " || fail "a fresh world is not at day 0"
# the terminal's cursor is hidden while the cockpit runs (it would blink
# on a pane) and shown again when it exits
cursor() { $T display -p -t $S '#{cursor_flag}'; }
[ "$(cursor)" = 0 ] || fail "the terminal's cursor shows on the cockpit"
# each pane fills its window from edge to edge: the first row of boxes
# opens at the screen's left column and closes at its right one
top=$(screen | sed -n 3p)
case "$top" in
"┌[1 Factions]"*┐) ;;
*) fail "the top row of boxes does not span the screen: '$top'" ;;
esac
ok "first screen"
$T send-keys -t $S n
wait_for "Step how many days" || fail "no step prompt"
$T send-keys -t $S 5 Enter
wait_for " day 5 " || fail "n, 5, Enter did not reach day 5"
[ "$(day)" = 5 ] || fail "day is $(day), expected 5"
$T send-keys -t $S n
wait_for "Step how many days" || fail "no step prompt"
$T send-keys -t $S 2 Enter
wait_for " day 7 " || fail "n, 2, Enter did not advance exactly 2 days"
ok "step N days replaces the pre-filled value"
$T send-keys -t $S 2 Enter
wait_for "WINNER" || fail "why view did not open"
wait_for "RUNNER-UP\|only candidate" || fail "why view has no comparison"
$T send-keys -t $S Escape
wait_for "Routes of" || fail "why view did not close"
ok "why view"
# crackdown from the map, ten days, the chart shows the shaded period
$T send-keys -t $S 4
wait_for "\[4 Map" || fail "the map pane did not take the focus"
$T send-keys -t $S Right c
wait_for "crackdown on n:.* from day 8" || fail "crackdown from the map not confirmed"
$T send-keys -t $S n
wait_for "Step how many days" || fail "no step prompt"
$T send-keys -t $S 10 Enter
wait_for " day 17 " || fail "did not step 10 days"
$T send-keys -t $S g
wait_for "Chart of the border" || fail "chart view did not open"
wait_for "crackdown (yours) from day 8" || fail "the chart does not name the crackdown"
screen | grep -q "╱╱╱╱" || fail "the chart shows no shaded period"
ok "crackdown on the map, 10 days, shaded in the chart"
$T send-keys -t $S Escape
wait_for "\[4 Map" || fail "chart view did not close"
# the mouse: a click on the Events pane focuses it
click 120 40
wait_for "\[5 Events" || fail "a click did not focus the Events pane"
click 10 5
wait_for "\[1 Factions" || fail "a click did not focus the Factions pane"
ok "mouse clicks focus"
# the wheel steps the focused pane's selection: down in the Factions
# pane selects the next faction (the Routes pane names it), up the one
# before again
wheel() { $T send-keys -t $S -l "$(printf '\033[<%d;%d;%dM' "$1" $(($2 + 1)) $(($3 + 1)))"; }
routes_of() { screen | sed -n 's/.*2 Routes of \([a-z]*\).*/\1/p'; }
routes_not() { [ "$(routes_of)" != "$1" ]; }
before=$(routes_of)
[ -n "$before" ] || fail "the Routes pane names no faction"
wheel 65 10 6
wait_until routes_not "$before" || fail "the wheel down left the Factions pane on $before"
after=$(routes_of)
wheel 64 10 6
wait_for "2 Routes of $before" || fail "the wheel up did not go back from $after to $before"
ok "the mouse wheel steps the selection ($before, $after, $before)"
$T send-keys -t $S s
wait_for "Save seed as" || fail "no save prompt"
$T send-keys -t $S e2eseed Enter
wait_for "saved seed e2eseed" || fail "save not confirmed"
ok "seed saved"
$T resize-window -t $S -x 70 -y 20 2>/dev/null || $T resize-pane -t $S -x 70 -y 20
wait_for "at least 80x24" || fail "no size message below 80x24"
$T resize-window -t $S -x 160 -y 48 2>/dev/null || $T resize-pane -t $S -x 160 -y 48
wait_for "Factions" || fail "cockpit did not recover after resize"
ok "resize below 80x24 and back"
# Space runs the days by itself at the chosen speed, Space again pauses
screen_day() { $T capture-pane -p -t $S | sed -n 's/.* day \([0-9]*\) (year.*/\1/p' | head -n 1; }
start=$(screen_day)
t0=$(date +%s%3N)
$T send-keys -t $S Space
wait_for "RUN x1 " || fail "Space did not start running"
$T send-keys -t $S + +
wait_for "RUN x5 " || fail "+ did not speed up"
days_past() { [ "$(screen_day)" -ge "$1" ]; }
wait_until days_past $((start + 3))
[ "$(screen_day)" -ge $((start + 3)) ] || fail "running did not advance the days (day $(screen_day))"
$T send-keys -t $S Space
wait_for "PAUSED x5 " || fail "Space did not pause"
t1=$(date +%s%3N)
d1=$(screen_day); sleep 1; d2=$(screen_day)
[ "$d1" = "$d2" ] || fail "days still advance when paused ($d1 -> $d2)"
# never faster than the speed shown: at most 5 days a second (x1, then
# x5) after the first day, which comes at once, and one for rounding; a
# slow machine only runs fewer (a bound from above: load cannot break it)
[ $((d1 - start)) -le $(((t1 - t0) * 5 / 1000 + 2)) ] ||
	fail "ran $((d1 - start)) days in $((t1 - t0)) ms at x1 and x5 (at most $(((t1 - t0) * 5 / 1000 + 2)))"
ok "run and pause"
$T send-keys -t $S q
wait_for "Quit anyway" || fail "q did not ask about the unsaved days"
$T send-keys -t $S y
wait_for "EXITED 0" || fail "cockpit did not quit cleanly"
[ "$(cursor)" = 1 ] || fail "the shell's cursor is still hidden after the cockpit quit"
ok "quit"
[ -f "$tmp/vault/seeds/e2eseed/snapshot.json" ] || fail "seed folder missing"
out=$($SMUGNET run --load e2eseed --vault "$tmp/vault" --days 1 2>&1 | tail -n 1)
echo "$out" | grep -q '"type":"summary","day":18' || fail "seed did not load headless: $out"
echo "$out" | grep -q '"crackdown":true' || fail "crackdown mark not in the loaded seed"
ok "seed loads with smugnet run --load"
# the cockpit opens the same seed with --load: its day and its crackdown
$T new-session -d -s load -x 160 -y 48 "TERM=xterm-256color $SMUGNET --load e2eseed --vault $tmp/vault; sleep 30" ||
	fail "tmux did not start the cockpit with --load"
wait_until shows load Factions || fail "cockpit --load did not draw its panes"
wait_until shows load " day 17 " || { $T capture-pane -p -t load; fail "cockpit --load e2eseed is not at day 17"; }
ok "cockpit --load opens the seed"
# the seed list opened after the help view shows the seeds on a blank
# page: the terminal keeps a view's window between views, so a view
# that did not clear it would show the help's lines below the seeds
$T send-keys -t load '?'
wait_until shows load "Keys (Esc to close" || fail "? did not open the help"
$T send-keys -t load Escape
wait_until shows load Factions || fail "Esc did not close the help"
$T send-keys -t load o
wait_until shows load "Load a seed" || fail "o did not open the seed list"
$T capture-pane -p -t load > "$tmp/load.txt"
grep -q "e2eseed  *day 17 " "$tmp/load.txt" || { cat "$tmp/load.txt"; fail "the seed list does not show e2eseed at day 17"; }
if grep -q "(all panes)" "$tmp/load.txt"; then cat "$tmp/load.txt"; fail "the seed list shows the help's lines below the seeds"; fi
$T send-keys -t load Escape
wait_until shows load Factions || fail "Esc did not close the seed list"
$T send-keys -t load q
ok "the seed list after the help view shows only the seeds"

# quit after a resize: the shell's screen is left clean
S=shell
$T new-session -d -s $S -x 80 -y 24 "sh" || fail "tmux did not start a shell"
$T send-keys -t $S "PS1='READY$ '; clear" Enter
# the prompt alone on a cleared screen (the typed line holds READY too,
# and the cockpit's command typed before the clear would stay above it)
prompt_only() { [ "$(screen | grep -c .)" -eq 1 ] && screen | grep -q '^READY\$'; }
wait_until prompt_only || fail "no shell prompt"
$T send-keys -t $S "TERM=xterm-256color $SMUGNET --vault $tmp/vault" Enter
wait_for "Factions" || fail "cockpit did not start from the shell"
$T resize-window -t $S -x 160 -y 48 2>/dev/null || $T resize-pane -t $S -x 160 -y 48
wait_for "Borders" || fail "cockpit did not redraw at 160x48"
$T send-keys -t $S q
few_lines() { [ "$(screen | grep -c .)" -le 2 ]; }
wait_until few_lines
left=$(screen | grep -v '^READY\$' | grep -c .)
[ "$left" -eq 0 ] || fail "the screen after quitting is not clean ($left lines besides the shell)"
ok "quit after a resize leaves the shell's screen clean"

# Ctrl-C is q's key, not an interrupt: with a day stepped (unsaved) it
# asks, n keeps the cockpit running, y quits with status 0 and the
# terminal restored
S=ctrlc
$T new-session -d -s $S -x 100 -y 30 "TERM=xterm-256color $SMUGNET --vault $tmp/vault; echo EXITED \$?; sleep 30" ||
	fail "tmux did not start"
wait_for "Factions" || fail "Ctrl-C: the cockpit did not start"
$T send-keys -t $S .
wait_for " day 1 " || fail "Ctrl-C: . did not step a day"
$T send-keys -t $S C-c
wait_for "Quit anyway" || fail "Ctrl-C did not ask about the unsaved day"
$T send-keys -t $S n
wait_for "quit cancelled" || fail "n at Ctrl-C's question did not keep the cockpit"
$T send-keys -t $S C-c
wait_for "Quit anyway" || fail "a second Ctrl-C did not ask"
$T send-keys -t $S y
wait_for "EXITED 0" || fail "y at Ctrl-C's question did not quit cleanly"
[ "$($T display -p -t $S '#{alternate_on}')" = 0 ] || fail "Ctrl-C: the terminal is left on the cockpit's screen"
$T kill-session -t $S
ok "Ctrl-C asks before unsaved changes are lost, as q does"

# a signal ends the cockpit and gives the terminal back: SIGINT, SIGTERM,
# SIGHUP, SIGSEGV and SIGABRT sent to it each kill the process by that
# signal (its shell sees 128 + the signal's number), and leave the
# terminal off the cockpit's alternate screen with its cursor shown. The
# shell around it outlives SIGINT (a trap) to say how the cockpit ended.
gone() { ! kill -0 "$1" 2>/dev/null; }
for sig in INT:130 TERM:143 HUP:129 SEGV:139 ABRT:134; do
	name=${sig%:*} status=${sig#*:} S=sig$name
	$T new-session -d -s $S -x 100 -y 30 "ulimit -c 0; trap true INT; sh -c 'echo \$\$ > $tmp/$S.pid; exec env TERM=xterm-256color $SMUGNET --vault $tmp/vault'; echo EXITED \$?; sleep 30" ||
		fail "tmux did not start"
	wait_for "Factions" || fail "SIG$name: the cockpit did not start"
	[ "$($T display -p -t $S '#{alternate_on}')" = 1 ] || fail "SIG$name: the cockpit does not draw on the alternate screen"
	kill -s "$name" "$(cat "$tmp/$S.pid")"
	wait_until gone "$(cat "$tmp/$S.pid")" || fail "SIG$name: the cockpit did not end"
	wait_for "EXITED [0-9]" || fail "SIG$name: the shell did not go on after the cockpit"
	[ "$($T display -p -t $S '#{alternate_on}')" = 0 ] || fail "SIG$name: the terminal is left on the cockpit's screen"
	[ "$($T display -p -t $S '#{cursor_flag}')" = 1 ] || fail "SIG$name: the terminal's cursor is left hidden"
	screen | grep -q "^EXITED $status\$" || fail "SIG$name: the cockpit did not die of the signal (want status $status)"
	$T kill-session -t $S
done
ok "SIGINT, SIGTERM, SIGHUP, SIGSEGV and SIGABRT end the cockpit and restore the terminal"

# monochrome: no colour escapes with NO_COLOR, nor with --no-color; no
# UTF-8 with --ascii. Each screen must first have drawn its panes.
# mono_check SESSION WHAT: the session's screen, drawn, has no colour
mono_check() {
	# both ends of the first frame: tmux may show a frame half drawn
	wait_until shows "$1" Factions
	wait_until shows "$1" Events
	$T capture-pane -p -e -t "$1" > "$tmp/$1.txt" 2>/dev/null
	grep -q Factions "$tmp/$1.txt" || { $T capture-pane -p -t "$1"; fail "$2: the cockpit never drew"; }
	grep -q "Events" "$tmp/$1.txt" || fail "$2: no Events pane"
	# colour SGR codes (30-38, 40-48, 90-97, 100-107); 39/49 only reset to the default
	if grep -Eq "$(printf '\033')\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]" "$tmp/$1.txt"; then fail "$2: colour escapes"; fi
}
$T new-session -d -s mono -x 100 -y 30 "NO_COLOR=1 TERM=xterm-256color $SMUGNET --ascii --vault $tmp/vault; sleep 30"
mono_check mono "NO_COLOR"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$tmp/mono.txt"; then fail "non-ASCII glyphs with --ascii"; fi
$T send-keys -t mono q
ok "NO_COLOR and --ascii"
$T new-session -d -s nocolor -x 100 -y 30 "TERM=xterm-256color $SMUGNET --no-color --vault $tmp/vault; sleep 30"
mono_check nocolor "--no-color"
$T send-keys -t nocolor q
# the same terminal does show colours without either
$T new-session -d -s color -x 100 -y 30 "TERM=xterm-256color $SMUGNET --vault $tmp/vault; sleep 30"
wait_until shows color Factions
$T capture-pane -p -e -t color > "$tmp/color.txt"
grep -Eq "$(printf '\033')\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]" "$tmp/color.txt" || fail "no colours without --no-color: the check above proves nothing"
$T send-keys -t color q
ok "--no-color"
# a locale that is not UTF-8 (LANG unset, C) gets the ASCII glyphs by
# itself: the totals keep their delivered/seized/lost marks, the boxes
# are drawn (curses drew the UTF-8 ones as "~T~PB" or nothing: "total
# 255  4  22", no corners)
$T new-session -d -s clocale -x 100 -y 30 "LC_ALL=C TERM=xterm-256color $SMUGNET --vault $tmp/vault; sleep 30"
wait_until shows clocale "Factions" || fail "the cockpit in the C locale did not draw"
$T capture-pane -p -t clocale > "$tmp/clocale.txt"
grep -q "^ today +0 x0 o0 .* | total +0 x0 o0 |" "$tmp/clocale.txt" ||
	fail "the C locale's header has no ASCII marks: $(sed -n 2p "$tmp/clocale.txt")"
[ "$(sed -n 3p "$tmp/clocale.txt" | cut -c1-14)" = "+[1 Factions]-" ] ||
	fail "the C locale's boxes are not drawn in ASCII: $(sed -n 3p "$tmp/clocale.txt")"
if LC_ALL=C grep -q "$(printf '[\200-\377]')\|~[A-Z]" "$tmp/clocale.txt"; then
	fail "the C locale's cockpit shows non-ASCII or curses' escapes: $(LC_ALL=C grep -n "$(printf '[\200-\377]')\|~[A-Z]" "$tmp/clocale.txt")"
fi
$T send-keys -t clocale q
ok "the C locale draws ASCII"
# a bad --scenario: the cockpit exits 3 with the file's name, before drawing
$T new-session -d -s bad -x 100 -y 30 "TERM=xterm-256color $SMUGNET --scenario $tmp/none.json --vault $tmp/vault; echo EXITED \$?; sleep 30"
wait_until shows bad EXITED
$T capture-pane -p -t bad > "$tmp/bad.txt"
grep -q "EXITED 3" "$tmp/bad.txt" || { cat "$tmp/bad.txt"; fail "bad --scenario: the cockpit did not exit 3"; }
grep -q "$tmp/none.json: cannot read" "$tmp/bad.txt" || fail "bad --scenario: the file is not named"
ok "bad --scenario exits 3"
# prompts in a UTF-8 terminal at 80 columns: the event filter keeps
# "Überfall" whole; a seed name refuses "é" aloud (the vault's names are
# ASCII); a long knob value scrolls so its end stays on the footer
if locale -a 2>/dev/null | grep -qix 'c.utf-\{0,1\}8'; then
	$T new-session -d -s utf -x 80 -y 24 "LC_ALL=C.UTF-8 TERM=xterm-256color $SMUGNET --vault $tmp/vault; sleep 30"
	wait_until shows utf Factions || fail "the UTF-8 cockpit did not draw"
	$T send-keys -t utf 5 /
	wait_until shows utf "Filter events" || fail "/ opened no filter prompt"
	$T send-keys -t utf -l "Überfall"
	wait_until shows utf "Filter events.*: Überfall" || fail "the filter prompt does not show 'Überfall': $(screen)"
	$T send-keys -t utf Enter
	wait_until shows utf "match 'Überfall'" || fail "the filter is not 'Überfall'"
	$T send-keys -t utf Escape s
	wait_until shows utf "Save seed as" || fail "s opened no save prompt"
	$T send-keys -t utf -l "café"
	wait_until shows utf "'é' cannot be in a seed name" || fail "the save prompt took or dropped 'é' unsaid"
	$T send-keys -t utf Escape C
	wait_until shows utf "smuggling.enabled" || fail "C opened no config view"
	$T send-keys -t utf Enter
	wait_until shows utf "New value" || fail "Enter in the config view opened no knob prompt"
	$T send-keys -t utf -l "abcdefghijklmnopqrstuvwxyz0123456789XYZ"
	wait_until shows utf "abcdefghijklmnopqrstuvwxyz0123456789XYZ" || fail "39 characters typed at 80 columns do not all show"
	$T send-keys -t utf Escape Escape q
	ok "UTF-8 prompts"
fi
# a terminal type curses does not know: the cockpit says so in its own
# words, naming TERM, and exits 1 (a runtime failure)
$T new-session -d -s noterm -x 100 -y 30 "TERM=smugnet-no-such-term $SMUGNET --vault $tmp/vault; echo EXITED \$?; sleep 30"
wait_until shows noterm EXITED
$T capture-pane -p -t noterm > "$tmp/noterm.txt"
grep -q "EXITED 1" "$tmp/noterm.txt" || { cat "$tmp/noterm.txt"; fail "unknown TERM: the cockpit did not exit 1"; }
grep -q "smugnet: cannot initialise the terminal (TERM=smugnet-no-such-term)" "$tmp/noterm.txt" ||
	{ cat "$tmp/noterm.txt"; fail "unknown TERM: the cockpit does not say it cannot use the terminal"; }
ok "an unknown terminal type exits 1 and says so"
echo "$pass passed, 0 failed"
