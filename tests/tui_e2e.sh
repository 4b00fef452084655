#!/bin/sh
# End to end in a real terminal: start the cockpit in a detached tmux
# session, step 30 days, open the why view, toggle a crackdown, save a
# seed, quit; then check the seed loads headless. Also shrink the window
# below 80x24 and back. Waits for screen states, never fixed sleeps.
# Skipped (exit 77) when tmux is not installed.
set -u
SMUGNET=${SMUGNET:-./smugnet}
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
sock="smugnet-e2e-$$"
T="tmux -L $sock"
pass=0
cleanup() { $T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; echo "--- screen ---"; $T capture-pane -p -t e2e 2>/dev/null; echo "0 passed, 1 failed"; exit 1; }
ok() { pass=$((pass + 1)); echo "ok: $*"; }
# wait_for TEXT: poll the screen up to ~10 s
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		if $T capture-pane -p -t e2e 2>/dev/null | grep -q -- "$1"; then return 0; fi
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}

$T new-session -d -s e2e -x 160 -y 48 "TERM=xterm-256color $SMUGNET --vault $tmp/vault; echo EXITED \$?; sleep 30" || fail "tmux did not start"
wait_for "Factions" || fail "cockpit did not draw its panes"
wait_for "Borders" || fail "no Borders pane"
wait_for "Events" || fail "no Events pane"
ok "panes present"
$T send-keys -t e2e n
wait_for "Step how many days" || fail "no step prompt"
$T send-keys -t e2e Enter
wait_for "day 30 " || fail "day did not advance to 30"
ok "stepped 30 days"
$T send-keys -t e2e Tab Enter
wait_for "Why this route" || fail "why view did not open"
wait_for "risk_est" || fail "why view shows no terms"
ok "why view"
$T send-keys -t e2e Escape
wait_for "Routes of" || fail "why view did not close"
$T send-keys -t e2e Tab c
wait_for "until cleared" || fail "crackdown not confirmed"
ok "crackdown toggled"
$T send-keys -t e2e s
wait_for "Save seed as" || fail "no save prompt"
$T send-keys -t e2e e2eseed Enter
wait_for "saved seed e2eseed" || fail "save not confirmed"
ok "seed saved"
$T resize-window -t e2e -x 70 -y 20 2>/dev/null || $T resize-pane -t e2e -x 70 -y 20
wait_for "at least 80x24" || fail "no size message below 80x24"
$T resize-window -t e2e -x 160 -y 48 2>/dev/null || $T resize-pane -t e2e -x 160 -y 48
wait_for "Factions" || fail "cockpit did not recover after resize"
ok "resize below 80x24 and back"
# Space runs the days by itself at the chosen speed, Space again pauses
screen_day() { $T capture-pane -p -t e2e | sed -n 's/.* day \([0-9]*\) (year.*/\1/p' | head -n 1; }
$T send-keys -t e2e Space
wait_for "RUN x1 " || fail "Space did not start running"
$T send-keys -t e2e + +
wait_for "RUN x5 " || fail "+ did not speed up"
i=0; while [ $i -lt 200 ] && [ "$(screen_day)" -lt 33 ]; do i=$((i + 1)); sleep 0.05; done
[ "$(screen_day)" -ge 33 ] || fail "running did not advance the days (day $(screen_day))"
$T send-keys -t e2e Space
wait_for "PAUSED x5 " || fail "Space did not pause"
d1=$(screen_day); sleep 1; d2=$(screen_day)
[ "$d1" = "$d2" ] || fail "days still advance when paused ($d1 -> $d2)"
ok "run and pause"
$T send-keys -t e2e q
wait_for "Quit anyway" || fail "q did not ask about the unsaved days"
$T send-keys -t e2e y
wait_for "EXITED 0" || fail "cockpit did not quit cleanly"
ok "quit"
[ -f "$tmp/vault/seeds/e2eseed/snapshot.json" ] || fail "seed folder missing"
out=$($SMUGNET run --load e2eseed --vault "$tmp/vault" --days 1 2>&1 | tail -n 1)
echo "$out" | grep -q '"type":"summary","day":31' || fail "seed did not load headless: $out"
echo "$out" | grep -q '"crackdown":true' || fail "crackdown mark not in the loaded seed"
ok "seed loads with smugnet run --load"
# monochrome: no colour escapes with NO_COLOR, nor with --no-color; no
# UTF-8 with --ascii. Each screen must first have drawn its panes.
# mono_check SESSION WHAT: the session's screen, drawn, has no colour
mono_check() {
	i=0
	while [ $i -lt 200 ] && ! $T capture-pane -p -t "$1" 2>/dev/null | grep -q Factions; do i=$((i+1)); sleep 0.05; done
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
i=0; while [ $i -lt 200 ] && ! $T capture-pane -p -t color | grep -q Factions; do i=$((i+1)); sleep 0.05; done
$T capture-pane -p -e -t color > "$tmp/color.txt"
grep -Eq "$(printf '\033')\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]" "$tmp/color.txt" || fail "no colours without --no-color: the check above proves nothing"
$T send-keys -t color q
ok "--no-color"
# a bad --scenario: the cockpit exits 3 with the file's name, before drawing
$T new-session -d -s bad -x 100 -y 30 "TERM=xterm-256color $SMUGNET --scenario $tmp/none.json --vault $tmp/vault; echo EXITED \$?; sleep 30"
i=0; while [ $i -lt 200 ] && ! $T capture-pane -p -t bad | grep -q EXITED; do i=$((i+1)); sleep 0.05; done
$T capture-pane -p -t bad > "$tmp/bad.txt"
grep -q "EXITED 3" "$tmp/bad.txt" || { cat "$tmp/bad.txt"; fail "bad --scenario: the cockpit did not exit 3"; }
grep -q "$tmp/none.json: cannot read" "$tmp/bad.txt" || fail "bad --scenario: the file is not named"
ok "bad --scenario exits 3"
echo "$pass passed, 0 failed"
