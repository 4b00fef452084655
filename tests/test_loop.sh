#!/bin/sh
# The designer's loop from the command line: the knob table (config,
# --set, the man page's table), journals and replay (a tampered line is
# named by its day).
set -u
SMUGNET=${SMUGNET:-./smugnet}
SRCDIR=${SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail() { echo "FAIL: $*"; echo "$pass passed, 1 failed"; exit 1; }
expect_rc() { want=$1; shift; "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; [ $rc -eq "$want" ] || fail "$* exited $rc, expected $want: $(cat "$tmp/err")"; pass=$((pass + 1)); }
digest() { tail -n 1 "$1" | sed -n 's/.*"digest":"\([0-9a-f]*\)".*/\1/p'; }
V="--vault $tmp/vault"

# the knob table, the man page and --set
expect_rc 0 "$SMUGNET" config
grep -q "^smuggling.learning_rate  *real  *0.15  *\[1e-09,1\]" "$tmp/out" || fail "config does not list learning_rate with its default and range"
expect_rc 0 "$SMUGNET" config --mdoc
sed -n '/^\.\\" BEGIN KNOBS/,/^\.\\" END KNOBS/p' "$SRCDIR/man/smugnet-scenario.5" | sed '1d;$d' > "$tmp/man-knobs"
diff "$tmp/out" "$tmp/man-knobs" > "$tmp/diff" || fail "smugnet-scenario(5) CONFIG is not the knob table (make update-man): $(head -5 "$tmp/diff")"
expect_rc 0 "$SMUGNET" config --set customs.base_tariff_rate=0.05
grep -q "^customs.base_tariff_rate .* 0.05 *\*" "$tmp/out" || fail "config --set does not show the changed value"
expect_rc 2 "$SMUGNET" run --days 1 --set smuggling.learning_rate=2
grep -q "smuggling.learning_rate: expected number in \[1e-09,1\], got '2'" "$tmp/err" || fail "bad --set value: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" run --days 1 --set no.such=1
grep -q "no.such: no such knob" "$tmp/err" || fail "unknown --set key: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" run --days 1 --set learning_rate
sed 's/"max_shipments_per_day": 4/"max_shipments_per_day": 4, "learning_rate": 0.3/' "$SRCDIR/data/tiny.json" > "$tmp/lr.json"
expect_rc 0 "$SMUGNET" run --days 60 --scenario "$tmp/lr.json"
d_file=$(digest "$tmp/out")
expect_rc 0 "$SMUGNET" run --days 60 --scenario "$SRCDIR/data/tiny.json" --set smuggling.learning_rate=0.3
d_set=$(digest "$tmp/out")
expect_rc 0 "$SMUGNET" run --days 60 --scenario "$SRCDIR/data/tiny.json"
[ "$d_set" != "$(digest "$tmp/out")" ] || fail "--set learning_rate changed nothing"
# same config, same world (the scenario hash is part of the digest: compare runs of the same file)
expect_rc 0 "$SMUGNET" run --days 60 --scenario "$tmp/lr.json" --set smuggling.learning_rate=0.3
[ "$d_file" = "$(digest "$tmp/out")" ] || fail "--set to the scenario's own value changed the digest"

# journal and replay
expect_rc 0 "$SMUGNET" run --days 200 --auto-crackdown --set crackdown.cooldown_days=3 --save j1 $V
d_run=$(digest "$tmp/out")
expect_rc 0 "$SMUGNET" replay j1 $V
grep -q "replay j1: ok: 200 days" "$tmp/out" || fail "replay did not report ok: $(cat "$tmp/out")"
grep -q "$d_run" "$tmp/out" || fail "replay does not end on the run's digest"
expect_rc 0 "$SMUGNET" run --load j1 --days 50 --set customs.base_inspection_rate=0.4 --save j2 $V
expect_rc 0 "$SMUGNET" replay j2 $V --json
grep -q '"ok":true,"replayed":"j2","days":250' "$tmp/out" || fail "a continued seed does not replay: $(cat "$tmp/out")"
# a tampered line is found on its day
cp -r "$tmp/vault/seeds/j2" "$tmp/vault/seeds/j3"
sed 's/"key":"customs.base_inspection_rate","value":"0.4"/"key":"customs.base_inspection_rate","value":"0.41"/' \
	"$tmp/vault/seeds/j2/journal.jsonl" > "$tmp/vault/seeds/j3/journal.jsonl"
cmp -s "$tmp/vault/seeds/j2/journal.jsonl" "$tmp/vault/seeds/j3/journal.jsonl" && fail "the tamper did not change the journal"
expect_rc 3 "$SMUGNET" replay j3 $V
grep -q "diverged on day 200" "$tmp/out" || fail "tampered replay does not name day 200: $(cat "$tmp/out")"
grep -q "config" "$tmp/out" || fail "tampered replay does not name the config group"
grep -q "changed after the seed was saved" "$tmp/err" || fail "edited journal not reported"
# a journal file with its scenario
expect_rc 0 "$SMUGNET" run --days 90 --scenario "$SRCDIR/data/tiny.json" --crackdown "n:a|n:b" --journal "$tmp/tiny.jsonl"
expect_rc 0 "$SMUGNET" replay "$tmp/tiny.jsonl" --scenario "$SRCDIR/data/tiny.json"
expect_rc 2 "$SMUGNET" replay "$tmp/tiny.jsonl" --scenario "$SRCDIR/data/tiny.json" extra
expect_rc 3 "$SMUGNET" replay "$tmp/tiny.jsonl"
grep -q "is not the journal's" "$tmp/err" || fail "replay with the wrong scenario: $(cat "$tmp/err")"
expect_rc 3 "$SMUGNET" replay nosuch $V
echo "$pass passed, 0 failed"
