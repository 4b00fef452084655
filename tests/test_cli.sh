#!/bin/sh
# The command line as a user meets it: exit codes, help, version, bad
# files, the JSON Lines of a short run, explain, seeds and write errors.
set -u
SMUGNET=${SMUGNET:-./smugnet}
SRCDIR=${SRCDIR:-.}
CHECK=${JSONL_CHECK:-./tests/jsonl_check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail() { echo "FAIL: $*"; echo "$pass passed, 1 failed"; exit 1; }
expect_rc() { want=$1; shift; "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; [ $rc -eq "$want" ] || fail "$* exited $rc, expected $want: $(cat "$tmp/err")"; pass=$((pass + 1)); }

expect_rc 0 "$SMUGNET" --help
grep -q "run" "$tmp/out" && grep -q "explain" "$tmp/out" && grep -q "validate" "$tmp/out" || fail "--help does not list the commands"
expect_rc 0 "$SMUGNET" --version
grep -q "^smugnet [0-9]" "$tmp/out" || fail "--version prints no version"
expect_rc 1 "$SMUGNET"
grep -q "needs a terminal" "$tmp/err" || fail "no-terminal message missing"
expect_rc 2 "$SMUGNET" --bogus
expect_rc 2 "$SMUGNET" frobnicate
expect_rc 2 "$SMUGNET" run
expect_rc 2 "$SMUGNET" run --days x
expect_rc 2 "$SMUGNET" run --days 5 --crackdown no-such-corridor
grep -q "no-such-corridor" "$tmp/err" || fail "unknown crackdown corridor not named"
expect_rc 2 "$SMUGNET" run --days 5 --crackdown 'n:20.1|n:21.1'
grep -q "unknown corridor 'n:20.1|n:21.1'; nearest valid ids: 'n:[0-9.]*|n:[0-9.]*', " "$tmp/err" ||
	fail "an unknown corridor does not list the nearest valid ids: $(cat "$tmp/err")"
near=$(sed -n "s/.*nearest valid ids: '\([^']*\)'.*/\1/p" "$tmp/err")
expect_rc 0 "$SMUGNET" run --days 5 --crackdown "$near"
expect_rc 0 "$SMUGNET" validate "$SRCDIR/data/tiny.json"
grep -qx ok "$tmp/out" || fail "validate did not print ok"
printf '{"format":"smugnet-scenario","version":1,\n"id":"x",' > "$tmp/bad.json"
expect_rc 3 "$SMUGNET" validate "$tmp/bad.json"
grep -q "bad.json: line 2" "$tmp/err" || fail "malformed JSON error has no position: $(cat "$tmp/err")"
sed 's/"bribe_tolerance": 0.3, "enforcement_points": 5 } },/"bribe_tolerance": 1.7, "enforcement_points": 5 } },/' "$SRCDIR/data/tiny.json" > "$tmp/range.json"
expect_rc 3 "$SMUGNET" validate "$tmp/range.json"
grep -q "range.json: wards\[0\].customs.bribe_tolerance: expected number in \[0,1\], got 1.7" "$tmp/err" || fail "range error path wrong: $(cat "$tmp/err")"
expect_rc 3 "$SMUGNET" validate "$tmp/missing.json"
grep -q "missing.json: cannot read" "$tmp/err" || fail "missing file message"

# the JSON Lines contract
expect_rc 0 "$SMUGNET" run --days 65 --every 30
cp "$tmp/out" "$tmp/run1"
"$CHECK" < "$tmp/run1" > /dev/null || fail "run output breaks the JSON Lines contract"
[ "$(grep -c '"type":"day"' "$tmp/run1")" -eq 3 ] || fail "expected day records at 30, 60, 65"
grep -q '"type":"day","day":30,' "$tmp/run1" && grep -q '"type":"day","day":65,' "$tmp/run1" || fail "day records at the wrong days"
tail -n 1 "$tmp/run1" | grep -q '"digest":"[0-9a-f]\{16\}"' || fail "summary has no digest"
tail -n 1 "$tmp/run1" | grep -q '"borders":\[{"id"' || fail "summary has no borders"
tail -n 1 "$tmp/run1" | grep -q '"factions":\[{"id"' || fail "summary has no factions"
pass=$((pass + 1))
# the checker itself can fail
printf '{"type":"day"}\n' | "$CHECK" >/dev/null 2>&1 && fail "jsonl_check accepted a run without a header"
printf 'not json\n' | "$CHECK" >/dev/null 2>&1 && fail "jsonl_check accepted garbage"
pass=$((pass + 1))
expect_rc 0 "$SMUGNET" run --days 65 --every 30
cmp -s "$tmp/out" "$tmp/run1" || fail "two identical runs differ"
expect_rc 0 "$SMUGNET" run --days 30 --seed 1
d1=$(tail -n 1 "$tmp/out" | sed 's/.*"digest":"\([0-9a-f]*\)".*/\1/')
expect_rc 0 "$SMUGNET" run --days 30 --seed 2
d2=$(tail -n 1 "$tmp/out" | sed 's/.*"digest":"\([0-9a-f]*\)".*/\1/')
[ "$d1" != "$d2" ] || fail "different seeds gave the same digest"
expect_rc 0 "$SMUGNET" run --days 10 --events
grep -q '"type":"event","day":[0-9]*,"kind":"SMUGGLING_SHIPMENT_CREATED"' "$tmp/out" || fail "--events printed no creation events"
"$CHECK" < "$tmp/out" > /dev/null || fail "--events output breaks the contract"
if [ -w /dev/full ]; then
	"$SMUGNET" run --days 5 > /dev/full 2>"$tmp/err"; rc=$?
	[ $rc -eq 4 ] || fail "write failure exited $rc, expected 4"
	pass=$((pass + 1))
fi

# days count from 1: the first simulated day is day 1 everywhere
expect_rc 0 "$SMUGNET" run --days 1 --events --every 1
grep -q '"type":"header",.*"start_day":0,' "$tmp/out" || fail "a fresh world does not start at day 0"
grep -q '"type":"event","day":1,' "$tmp/out" || fail "the first day's events are not day 1"
grep -q '"type":"event","day":0,' "$tmp/out" && fail "an event of day 0"
grep -q '"type":"day","day":1,' "$tmp/out" || fail "the first day's record is not day 1"
expect_rc 0 "$SMUGNET" explain --day 1
grep -q "^Day 1 of dosadi-36: [1-9][0-9]* decisions" "$tmp/out" || fail "explain --day 1 shows no decisions of the first day"
expect_rc 2 "$SMUGNET" explain --day 0
grep -q "first simulated day is 1" "$tmp/err" || fail "explain --day 0 does not say where days start"

# explain
expect_rc 0 "$SMUGNET" explain --day 5
grep -q "risk_est" "$tmp/out" || fail "explain shows no terms"
expect_rc 0 "$SMUGNET" explain --day 5 --faction syndicate --json
printf '{"type":"header"}\n%s\n{"type":"summary"}\n' "$(sed 's/^{/{"type":"explain",/' "$tmp/out")" | "$CHECK" >/dev/null || fail "explain --json does not parse"
grep -q '"faction":"syndicate"' "$tmp/out" || fail "explain --json has no decisions of the faction"
expect_rc 2 "$SMUGNET" explain --day 5 --faction nobody

# the vault from the command line
expect_rc 0 "$SMUGNET" run --days 20 --save s20 --vault "$tmp/vault"
expect_rc 0 "$SMUGNET" run --days 20 --vault "$tmp/vault" --save s20b
expect_rc 0 "$SMUGNET" seeds --vault "$tmp/vault"
grep -q "^s20 " "$tmp/out" || fail "seeds does not list s20"
expect_rc 0 "$SMUGNET" validate "$tmp/vault/seeds/s20"
expect_rc 0 "$SMUGNET" run --load s20 --days 10 --vault "$tmp/vault"
tail -n 1 "$tmp/out" | grep -q '"day":30' || fail "loaded seed did not continue from day 20"
expect_rc 3 "$SMUGNET" run --load nosuch --days 1 --vault "$tmp/vault"
expect_rc 2 "$SMUGNET" run --days 1 --save "../evil" --vault "$tmp/vault"
printf 'x' >> "$tmp/vault/seeds/s20/smuggling.json"
expect_rc 3 "$SMUGNET" validate "$tmp/vault/seeds/s20"
grep -q "hash mismatch" "$tmp/err" || fail "tampered seed not reported as a hash mismatch"

# gen
expect_rc 0 "$SMUGNET" gen --wards 100 --seed 3
cp "$tmp/out" "$tmp/gen.json"
expect_rc 0 "$SMUGNET" validate "$tmp/gen.json"

# the README's examples run as written (from the source folder)
grep '^    smugnet ' "$SRCDIR/README" | sed 's/ *#.*$//; s/^    smugnet //' > "$tmp/examples"
[ -s "$tmp/examples" ] || fail "no examples found in the README"
while read -r args; do
	(cd "$SRCDIR" && eval "\"\$SMUGNET\" $args") > "$tmp/out" 2> "$tmp/err" </dev/null ||
		fail "README example 'smugnet $args' failed: $(cat "$tmp/err")"
	[ -s "$tmp/out" ] || fail "README example 'smugnet $args' printed nothing"
	pass=$((pass + 1))
done < "$tmp/examples"
echo "$pass passed, 0 failed"
