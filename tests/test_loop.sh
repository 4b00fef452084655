#!/bin/sh
# The designer's loop from the command line: the knob table (config,
# --set, the man page's table), journals and replay (a tampered line is
# named by its day).
set -u
SMUGNET=${SMUGNET:-./smugnet}
SRCDIR=${SRCDIR:-.}
CHECK=${JSONL_CHECK:-./tests/jsonl_check}
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
# --mdoc prints the defaults: a world or settings given with it were
# ignored unsaid (the table of defaults printed, exit 0), even a --set
# the world would refuse
for opt in "--scenario $SRCDIR/data/tiny.json" "--load w0 --vault $tmp/vault" "--set customs.base_tariff_rate=0.05" "--set nosuch=1"; do
	expect_rc 2 "$SMUGNET" config --mdoc $opt
	grep -qxF "smugnet config: --mdoc prints the knobs with their defaults (smugnet-scenario(5) CONFIG); --scenario, --load and --set do not go with it" "$tmp/err" ||
		fail "config --mdoc $opt: $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && fail "config --mdoc $opt printed: $(head -c 200 "$tmp/out")"
done
# every whole-number knob's range is listed as --set takes it: both ends
# are accepted (max_checks_per_day read 0..1e+09, which --set refuses)
expect_rc 0 "$SMUGNET" config
awk '$2 == "int" { split($4, r, /\.\./); print $1, r[1], r[2] }' "$tmp/out" > "$tmp/int-knobs"
[ "$(wc -l < "$tmp/int-knobs")" -ge 10 ] || fail "config lists few whole-number knobs: $(cat "$tmp/int-knobs")"
while read -r key lo hi; do
	for v in "$lo" "$hi"; do
		"$SMUGNET" config --set "$key=$v" >/dev/null 2>"$tmp/err" </dev/null ||
			fail "config lists $key as $lo..$hi, but --set $key=$v is refused: $(cat "$tmp/err")"
	done
done < "$tmp/int-knobs"
pass=$((pass + 1))
expect_rc 0 "$SMUGNET" config --set customs.base_tariff_rate=0.05
grep -q "^customs.base_tariff_rate .* 0.05 *\*" "$tmp/out" || fail "config --set does not show the changed value"
# the mark is a column of its own: every meaning starts under MEANING, changed or not
col() { awk -v k="$1" -v m="$2" '$1 == k { print index($0, m) }' "$tmp/out"; }
head_at=$(col KEY MEANING)
changed_at=$(col customs.base_tariff_rate "$(sed -n 's/^customs\.base_tariff_rate .*[*] \(.\{10\}\).*/\1/p' "$tmp/out")")
same_at=$(col customs.max_checks_per_day "customs checks per day")
[ -n "$head_at" ] && [ "$head_at" = "$changed_at" ] && [ "$head_at" = "$same_at" ] ||
	fail "config: MEANING at column $head_at, a changed knob's meaning at $changed_at, an unchanged one's at $same_at"
# and so when a value is wider than 15 bytes (a salt naming an experiment,
# a real with 17 digits): it pushed its row's mark and meaning right
expect_rc 0 "$SMUGNET" config --set smuggling.deterministic_salt=experiment-2026-12-07 \
	--set customs.base_tariff_rate=0.123456789012345678
head_at=$(col KEY MEANING)
salt_at=$(col smuggling.deterministic_salt "salt of every keyed draw")
rate_at=$(col customs.base_tariff_rate "tariff as a share")
same_at=$(col customs.max_checks_per_day "customs checks per day")
[ -n "$head_at" ] && [ "$head_at" = "$salt_at" ] && [ "$head_at" = "$rate_at" ] && [ "$head_at" = "$same_at" ] ||
	fail "config with wide values: MEANING at column $head_at, the salt's meaning at $salt_at, the rate's at $rate_at, an unchanged one's at $same_at"
grep -q "^smuggling.deterministic_salt .* experiment-2026-12-07 \* salt" "$tmp/out" &&
	grep -q "^customs.base_tariff_rate .* 0.12345678901234568  *\* tariff" "$tmp/out" ||
	fail "config with wide values: $(grep -E 'salt|base_tariff' "$tmp/out")"
expect_rc 2 "$SMUGNET" run --days 1 --set smuggling.learning_rate=2
grep -q "smuggling.learning_rate: expected number in \[1e-09,1\], got '2'" "$tmp/err" || fail "bad --set value: $(cat "$tmp/err")"
# a whole-number knob takes decimal digits only: hex, an exponent or a
# fraction is refused with the knob's usual message, by config and run alike
for v in 0x10 1e1 5.0 ' 5' +5 ''; do
	for cmd in "config" "run --days 1"; do
		expect_rc 2 "$SMUGNET" $cmd --set "smuggling.max_shipments_per_day=$v"
		grep -qF "smuggling.max_shipments_per_day: expected whole number in [0,64], got '$v'" "$tmp/err" ||
			fail "$cmd --set smuggling.max_shipments_per_day=$v: $(cat "$tmp/err")"
	done
done
# a real knob takes a decimal number and nothing around it: ' 0.2' and
# the hexadecimal 0x1p-3 were read (strtod) while '0.2 ' was refused
for v in ' 0.2' '0.2 ' 0x1p-3 +0.2 inf nan . 1e ''; do
	expect_rc 2 "$SMUGNET" run --days 1 --set "smuggling.learning_rate=$v"
	grep -qF "smuggling.learning_rate: expected number in [1e-09,1], got '$v'" "$tmp/err" ||
		fail "run --set smuggling.learning_rate=$v: $(cat "$tmp/err")"
done
for v in 0.2 .2 2e-1 2E-1 20e-2; do
	expect_rc 0 "$SMUGNET" config --set "smuggling.learning_rate=$v"
	grep -q "^smuggling.learning_rate .* 0.2 *\*" "$tmp/out" || fail "config --set smuggling.learning_rate=$v does not show 0.2"
done
expect_rc 0 "$SMUGNET" config --set smuggling.max_shipments_per_day=16
grep -q "^smuggling.max_shipments_per_day .* 16 *\*" "$tmp/out" || fail "config --set ...=16 does not show 16"
expect_rc 0 "$SMUGNET" config --set smuggling.max_shipments_per_day=-0
expect_rc 2 "$SMUGNET" run --days 1 --set no.such=1
grep -q "no.such: no such knob (smugnet config lists them)" "$tmp/err" || fail "unknown --set key: $(cat "$tmp/err")"
# a mistyped key, or a key without its section, names the knob it most likely meant
for typo in smuggling.route_top smugling.route_topk route_topk; do
	expect_rc 2 "$SMUGNET" run --days 1 --set "$typo=3"
	grep -qF -- "--set $typo: no such knob; did you mean smuggling.route_topk? (smugnet config lists them)" "$tmp/err" ||
		fail "--set $typo does not suggest smuggling.route_topk: $(cat "$tmp/err")"
done
expect_rc 2 "$SMUGNET" sweep plan "$tmp/typo-sweep" --seeds 1-2 --days 5 --set "learning_rat=0.1,0.2"
grep -qF "learning_rat: no such knob; did you mean smuggling.learning_rate?" "$tmp/err" ||
	fail "sweep plan --set learning_rat does not suggest the knob: $(cat "$tmp/err")"
sed 's/"max_shipments_per_day": 4/"max_shipments_per_day": 4, "learning_rat": 0.3/' "$SRCDIR/data/tiny.json" > "$tmp/typo.json"
expect_rc 3 "$SMUGNET" validate "$tmp/typo.json"
grep -qF "typo.json: config.smuggling.learning_rat: unknown key (did you mean 'learning_rate'?)" "$tmp/err" ||
	fail "a scenario's mistyped knob does not suggest the key: $(cat "$tmp/err")"
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
# one of each is counted in the singular: it read '1 days, 1 commands, 1
# digests compared'
expect_rc 0 "$SMUGNET" run --days 1 --journal "$tmp/one.jsonl"
expect_rc 0 "$SMUGNET" replay "$tmp/one.jsonl"
grep -q "replay $tmp/one.jsonl: ok: 1 day, 1 command, 1 digest compared; day 1, digest " "$tmp/out" ||
	fail "replay of one day: $(cat "$tmp/out")"
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
line=$(grep -n '"value":"0.41"' "$tmp/vault/seeds/j3/journal.jsonl" | cut -d: -f1)
grep -q "journal line $line:" "$tmp/out" || fail "tampered replay does not name the changed line $line of journal.jsonl: $(cat "$tmp/out")"
grep -q "changed after the seed was saved" "$tmp/err" || fail "edited journal not reported"
# a seed folder by its path, out of any vault: replayed as the seed is,
# its last state checked against its snapshot
cp -r "$tmp/vault/seeds/j2" "$tmp/j2-copy"
expect_rc 0 "$SMUGNET" replay "$tmp/j2-copy" --json
grep -q "\"ok\":true,\"replayed\":\"$tmp/j2-copy\",\"days\":250" "$tmp/out" ||
	fail "a seed folder out of the vault does not replay: $(cat "$tmp/out") $(cat "$tmp/err")"
cp "$tmp/vault/seeds/j3/journal.jsonl" "$tmp/j2-copy/journal.jsonl"
expect_rc 3 "$SMUGNET" replay "$tmp/j2-copy"
grep -q "journal line $line:" "$tmp/out" || fail "the tampered journal of a seed folder is not named by its line: $(cat "$tmp/out")"
grep -q "changed after the seed was saved" "$tmp/err" || fail "the edited journal of a seed folder is not reported"
# its last state is compared with its snapshot: one more step day in the
# journal (its header's day with it, or the header refuses it first), with
# its checks gone
sed -e '/"type":"check"/d' -e 's/"op":"step","days":50}/"op":"step","days":51}/' -e '1s/"day":250,/"day":251,/' \
	"$tmp/vault/seeds/j2/journal.jsonl" > "$tmp/j2-copy/journal.jsonl"
grep -q '"day":251,' "$tmp/j2-copy/journal.jsonl" || fail "the journal's header day was not moved to 251"
expect_rc 3 "$SMUGNET" replay "$tmp/j2-copy"
grep -q "the replay ends at day 251, the snapshot is at day 250" "$tmp/out" ||
	fail "a seed folder's last state is not compared with its snapshot: $(cat "$tmp/out")"
mkdir "$tmp/not-a-seed"
expect_rc 3 "$SMUGNET" replay "$tmp/not-a-seed"
grep -qF "$tmp/not-a-seed: not a seed folder" "$tmp/err" || fail "replay of a plain folder: $(cat "$tmp/err")"
# every digest of the journal, when it is wrong, is named by its own day
# and line: the commands' checks, the first periodic check, the checks
# between commands, and those after the last command (the seed's end)
J2="$tmp/vault/seeds/j2/journal.jsonl"
last_cmd=$(grep -n '"type":"command"' "$J2" | tail -n 1 | cut -d: -f1)
[ "$last_cmd" -lt $(($(wc -l < "$J2") - 1)) ] || fail "j2's journal has fewer than two checks after its last command"
for n in $(grep -n '"digest":"' "$J2" | cut -d: -f1); do
	day=$(sed -n "${n}s/^{\"type\":\"[a-z]*\",\"day\":\([0-9]*\),.*/\1/p" "$J2")
	rm -rf "$tmp/vault/seeds/j4"
	cp -r "$tmp/vault/seeds/j2" "$tmp/vault/seeds/j4"
	sed "${n}s/\"digest\":\"[0-9a-f]*\"/\"digest\":\"0000000000000000\"/" "$J2" > "$tmp/vault/seeds/j4/journal.jsonl"
	cmp -s "$J2" "$tmp/vault/seeds/j4/journal.jsonl" && fail "line $n of the journal did not change"
	expect_rc 3 "$SMUGNET" replay j4 $V
	grep -Eq "diverged on day $day( \([^)]*\))?, journal line $n: state digest" "$tmp/out" ||
		fail "a wrong digest on line $n (day $day) of journal.jsonl is not named by its line and day: $(cat "$tmp/out")"
done
# a journal file with its scenario
expect_rc 0 "$SMUGNET" run --days 90 --scenario "$SRCDIR/data/tiny.json" --crackdown "n:a|n:b" --journal "$tmp/tiny.jsonl"
expect_rc 0 "$SMUGNET" replay "$tmp/tiny.jsonl" --scenario "$SRCDIR/data/tiny.json"
# a written journal keeps its periodic checks (days 30, 60 and 90), though
# a run that keeps no journal takes none
[ "$(grep -c '^{"type":"check","day":[369]0,"skip":' "$tmp/tiny.jsonl")" = 3 ] ||
	fail "the 90-day journal of run --journal does not hold the periodic checks of days 30, 60 and 90: $(grep -c '"type":"check"' "$tmp/tiny.jsonl") checks"
# a check edited to a day before the command above it diverges on that
# day, and no later day is called still identical (it read 'diverged on
# day 4 (still identical on day 5)')
expect_rc 0 "$SMUGNET" run --days 20 --scenario "$SRCDIR/data/tiny.json" --crackdown "n:a|n:b@6" --journal "$tmp/t20.jsonl"
sed 's/^{"type":"check","day":20,/{"type":"check","day":4,/' "$tmp/t20.jsonl" > "$tmp/t20-edited.jsonl"
expect_rc 3 "$SMUGNET" replay "$tmp/t20-edited.jsonl" --scenario "$SRCDIR/data/tiny.json"
grep -q "^replay $tmp/t20-edited.jsonl: diverged on day 4, journal line 5: the journal has a check for day 4, the replay is at day 6\$" "$tmp/out" ||
	fail "a check before the command above it: $(cat "$tmp/out")"
# a check line moved above a command of an earlier day is named with the
# command it came before (it read 'diverged on day 20 (still identical on
# day 6), journal line 4: the replay ends at day 20 before this check')
n_cd=$(grep -n '"op":"crackdown"' "$tmp/t20.jsonl" | cut -d: -f1)
n_ck=$(grep -n '^{"type":"check","day":20,' "$tmp/t20.jsonl" | cut -d: -f1)
[ -n "$n_cd" ] && [ -n "$n_ck" ] && [ "$n_cd" -lt "$n_ck" ] || fail "t20.jsonl: no crackdown line above the day-20 check"
{ sed -n "1,$((n_cd - 1))p" "$tmp/t20.jsonl"; sed -n "${n_ck}p" "$tmp/t20.jsonl"
  sed -n "${n_cd},$((n_ck - 1))p;$((n_ck + 1)),\$p" "$tmp/t20.jsonl"; } > "$tmp/t20-moved.jsonl"
expect_rc 3 "$SMUGNET" replay "$tmp/t20-moved.jsonl" --scenario "$SRCDIR/data/tiny.json"
grep -qxF "replay $tmp/t20-moved.jsonl: diverged on day 5, journal line $n_cd: the check for day 20 comes before line $((n_cd + 1)), a crackdown on day 5; a check follows the command that reaches its day (was the line moved?)" "$tmp/out" ||
	fail "a check moved above a crackdown of an earlier day: $(cat "$tmp/out")"
# an empty line (an editor's extra newline at the end of a hand-edited
# journal) is named so (it read 'line 6: malformed JSON')
{ cat "$tmp/t20.jsonl"; echo; } > "$tmp/t20-blank.jsonl"
n_blank=$(wc -l < "$tmp/t20-blank.jsonl")
expect_rc 3 "$SMUGNET" replay "$tmp/t20-blank.jsonl" --scenario "$SRCDIR/data/tiny.json"
grep -qxF "$tmp/t20-blank.jsonl: line $n_blank: an empty line (each line of a journal is one JSON object)" "$tmp/err" ||
	fail "replay of a journal with an empty line: $(cat "$tmp/err")"
# a run's output given to replay is named for what it is (it read only
# 'line 1: format: expected "smugnet-journal"')
expect_rc 0 "$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json"
cp "$tmp/out" "$tmp/tiny-run.jsonl"
expect_rc 3 "$SMUGNET" replay "$tmp/tiny-run.jsonl" --scenario "$SRCDIR/data/tiny.json"
grep -qxF "$tmp/tiny-run.jsonl: line 1: format: expected \"smugnet-journal\", got \"smugnet-run\" (the output of smugnet run; run --journal FILE or --save writes a journal)" "$tmp/err" ||
	fail "replay of a run's output: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" replay "$tmp/tiny.jsonl" --scenario "$SRCDIR/data/tiny.json" extra
expect_rc 3 "$SMUGNET" replay "$tmp/tiny.jsonl"
grep -q "is not the journal's" "$tmp/err" || fail "replay with the wrong scenario: $(cat "$tmp/err")"
# a generated world's journal replayed without --scenario names the world
# it was tried on and says to give --scenario: it read "dosadi-36.json:
# scenario dosadi-36 ... is not the journal's gen-36-2", a file that is not there
expect_rc 0 "$SMUGNET" gen --wards 36 --seed 2
mv "$tmp/out" "$tmp/gen36-2.json"
expect_rc 0 "$SMUGNET" run --days 5 --scenario "$tmp/gen36-2.json" --journal "$tmp/gen36-2.jsonl"
expect_rc 3 "$SMUGNET" replay "$tmp/gen36-2.jsonl"
grep -q "^the embedded default world: scenario dosadi-36 (hash [0-9a-f]*) is not the journal's gen-36-2 " "$tmp/err" &&
	grep -qx "smugnet replay: $tmp/gen36-2.jsonl was written from scenario gen-36-2, not the default world; give its scenario file with --scenario FILE" "$tmp/err" &&
	! grep -q "dosadi-36.json" "$tmp/err" || fail "replay of a generated world's journal on the default world: $(cat "$tmp/err")"
expect_rc 0 "$SMUGNET" replay "$tmp/gen36-2.jsonl" --scenario "$tmp/gen36-2.json"
expect_rc 3 "$SMUGNET" replay nosuch $V

# what-if branches: a crackdown on the busiest border, and a branch that changes nothing
expect_rc 0 "$SMUGNET" run --days 40 --save w0 $V
B=$(tail -n 1 "$tmp/out" | tr '{' '\n' | sed -n 's/^"id":"\([^"]*\)","from".*"traffic":\([0-9]*\).*/\2 \1/p' | sort -rn | head -n 1 | cut -d' ' -f2)
[ -n "$B" ] || fail "no busiest border found"
expect_rc 0 "$SMUGNET" run --load w0 $V --days 60 --branch "crackdown $B@41-100"
[ "$(grep -c '"type":"summary","branch"' "$tmp/out")" = 2 ] || fail "branch did not print both summaries"
# its output is JSON Lines: every line one whole object, the header first
# with the program that wrote it, then the two summaries and the delta
n=0
while IFS= read -r line; do
	n=$((n + 1))
	printf '%s\n' "$line" | "$CHECK" --document 2>/dev/null ||
		fail "run --branch: line $n is not one JSON object: $(printf '%s' "$line" | cut -c1-160)"
done < "$tmp/out"
[ $n -eq 4 ] || fail "run --branch wrote $n lines, expected a header, two summaries and a delta"
head -n 1 "$tmp/out" | grep -q '^{"type":"header","format":"smugnet-branch",.*"branch":\["crackdown [^"]*"\],"program":"smugnet [0-9][^"]*"}$' ||
	fail "run --branch's header: $(head -n 1 "$tmp/out")"
delta=$(tail -n 1 "$tmp/out")
echo "$delta" | grep -q '"type":"delta","day":100,"identical":false' || fail "crackdown branch identical to the base: $delta"
echo "$delta" | grep -q "\"id\":\"$B\",\"traffic\":-[0-9]*,.*\"crackdown_base\":false,\"crackdown_what_if\":true" || fail "the crackdown border's traffic did not fall in the branch: $delta"
# its commodities, largest change of deliveries first (smugnet(1)): |delivered| never rises down the list
echo "$delta" | sed 's/.*"commodities":\[//; s/\].*//' | tr '}' '\n' |
	sed -n 's/.*"commodity":"\([A-Z_]*\)",.*"delivered":-\{0,1\}\([0-9]*\),.*/\2 \1/p' > "$tmp/com"
[ "$(cut -d' ' -f1 "$tmp/com" | sort -u | wc -l)" -ge 3 ] || fail "the branch's deliveries change too little to show an order: $delta"
sort -s -k1,1nr "$tmp/com" | cmp -s - "$tmp/com" || fail "the branch's commodities are not ordered by the change of deliveries: $(tr '\n' ' ' < "$tmp/com")"
# and they count every faction's shipments: each column of the commodities adds up to the factions' change
fsum=$(echo "$delta" | sed 's/.*"factions":\[//; s/\],"borders".*//' | tr '}' '\n' |
	sed -n 's/.*"shipments":\(-\{0,1\}[0-9]*\),"delivered":\(-\{0,1\}[0-9]*\),"seized":\(-\{0,1\}[0-9]*\),"lost":\(-\{0,1\}[0-9]*\),.*/\1 \2 \3 \4/p' |
	awk '{ for (i = 1; i <= 4; i++) s[i] += $i } END { print s[1], s[2], s[3], s[4] }')
csum=$(echo "$delta" | sed 's/.*"commodities":\[//; s/\],"routes_changed".*//' | tr '}' '\n' |
	sed -n 's/.*"sent":\(-\{0,1\}[0-9]*\),"delivered":\(-\{0,1\}[0-9]*\),"seized":\(-\{0,1\}[0-9]*\),"lost":\(-\{0,1\}[0-9]*\),.*/\1 \2 \3 \4/p' |
	awk '{ for (i = 1; i <= 4; i++) s[i] += $i } END { print s[1], s[2], s[3], s[4] }')
[ "$fsum" != "0 0 0 0" ] && [ "$csum" = "$fsum" ] ||
	fail "the branch's commodities (sent, delivered, seized, lost: $csum) do not add up to its factions' ($fsum): $delta"
# its factions largest balance change first, its borders largest traffic change first
echo "$delta" | sed 's/.*"factions":\[//; s/\],"borders".*//' | tr '}' '\n' |
	sed -n 's/.*"id":"\([^"]*\)","balance":-\{0,1\}\([0-9.]*\),.*/\2 \1/p' > "$tmp/fac"
echo "$delta" | sed 's/.*"borders":\[//; s/\],"commodities".*//' | tr '}' '\n' |
	sed -n 's/.*"id":"\([^"]*\)","traffic":-\{0,1\}\([0-9]*\),.*/\2 \1/p' > "$tmp/bor"
for list in fac bor; do
	[ "$(cut -d' ' -f1 "$tmp/$list" | sort -u | wc -l)" -ge 3 ] || fail "the branch's $list list changes too little to show an order: $delta"
	sort -s -k1,1gr "$tmp/$list" | cmp -s - "$tmp/$list" || fail "the branch's $list list is not largest change first: $(tr '\n' ' ' < "$tmp/$list")"
done
# and only the borders that differ: none unchanged in all four columns
echo "$delta" | grep -Eq '"traffic":0,"seizures":0,"bribes":0.00,"crackdown_base":(false|true),"crackdown_what_if":\1' &&
	fail "the branch lists a border that did not change: $delta"
expect_rc 0 "$SMUGNET" run --load w0 $V --days 30 --branch "auto off"
tail -n 1 "$tmp/out" | grep -q '"identical":true' || fail "a branch that changes nothing differs"
tail -n 1 "$tmp/out" | grep -q '"borders":\[\],' || fail "a branch that changes nothing lists borders that differ: $(tail -n 1 "$tmp/out")"
expect_rc 2 "$SMUGNET" run --days 5 --branch "teleport x"
# a refused change names the --branch the designer typed and what it wants
expect_rc 2 "$SMUGNET" run --days 5 --branch "auto maybe"
grep -qF "smugnet run: --branch 'auto maybe': expected 'auto on' or 'auto off'" "$tmp/err" ||
	fail "a branch's bad auto value: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" run --days 5 --branch "set smuggling.route_topk=0"
grep -qF "smugnet run: --branch 'set smuggling.route_topk=0': smuggling.route_topk: expected whole number in [1,64], got '0'" "$tmp/err" ||
	fail "a branch's refused setting: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" run --days 5 --branch "set route_topk"
grep -qF "smugnet run: --branch 'set route_topk': 'route_topk': expected KEY=VALUE" "$tmp/err" ||
	fail "a branch's setting without a value: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" run --days 5 --set route_topk
grep -qF "smugnet run: --set 'route_topk': expected KEY=VALUE" "$tmp/err" ||
	fail "--set without a value: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" run --days 5 --branch "crackdown nowhere@3"
expect_rc 2 "$SMUGNET" run --load w0 $V --days 5 --branch "crackdown $B@3-9"
grep -q "day 3 has passed" "$tmp/err" || fail "a schedule in the past is not refused: $(cat "$tmp/err")"
# 'clear ID': a corridor that does not exist, or one with no crackdown,
# is a usage error naming the --branch typed (it read "--branch:
# crackdown: ...", as if a crackdown were the change); a crackdown the
# run starts later is left out of the what-if (it was refused as "no
# crackdown", so the what-if without it could not be asked for)
expect_rc 2 "$SMUGNET" run --days 5 --branch "clear nowhere"
grep -qF "smugnet run: --branch 'clear nowhere': unknown corridor 'nowhere'; nearest valid ids: " "$tmp/err" ||
	fail "a branch clearing an unknown corridor: $(cat "$tmp/err")"
expect_rc 2 "$SMUGNET" run --days 5 --branch "clear n:23.0|n:24.0"
grep -qxF "smugnet run: --branch 'clear n:23.0|n:24.0': no crackdown on 'n:23.0|n:24.0' on day 0, where the what-if starts, nor one the run starts on it later" "$tmp/err" ||
	fail "a branch clearing a corridor without a crackdown: $(cat "$tmp/err")"
expect_rc 0 "$SMUGNET" run --days 10 --crackdown 'n:23.0|n:24.0@4' --branch "clear n:23.0|n:24.0" --quiet
tail -n 1 "$tmp/out" | grep -q '"id":"n:23.0|n:24.0",[^}]*"crackdown_base":true,"crackdown_what_if":false' &&
	tail -n 1 "$tmp/out" | grep -q '"identical":false' ||
	fail "a branch clearing the run's later crackdown: $(tail -n 1 "$tmp/out" | cut -c1-300)"
expect_rc 0 "$SMUGNET" run --days 10 --branch "crackdown n:23.0|n:24.0@4" --branch "clear n:23.0|n:24.0" --quiet
tail -n 1 "$tmp/out" | grep -q '"identical":true' ||
	fail "a branch clearing its own later crackdown: $(tail -n 1 "$tmp/out" | cut -c1-300)"
expect_rc 2 "$SMUGNET" run --days 5 --crackdown "$B@9-3"
expect_rc 2 "$SMUGNET" run --days 5 --crackdown "$B:1.5"

# seed diff: identical seeds, and seeds parting on the day of one crackdown
expect_rc 0 "$SMUGNET" run --load w0 $V --days 30 --save d1
expect_rc 0 "$SMUGNET" run --load w0 $V --days 30 --save d2
expect_rc 0 "$SMUGNET" diff d1 d2 $V
grep -q "^identical" "$tmp/out" || fail "identical seeds not reported identical"
grep -q "divergence" "$tmp/out" && fail "identical seeds have a divergence: $(cat "$tmp/out")"
# in --json too: no first divergence, the seeds named as given, one whole
# JSON document; seeds of 30 days from day 0 end on a periodic check's day,
# and that check and the seed's last one differ by the telemetry the
# periodic one leaves out, not by the worlds (they were reported parting
# on day 30)
expect_rc 0 "$SMUGNET" run --days 30 --save i1 $V
expect_rc 0 "$SMUGNET" run --days 30 --save i2 $V
expect_rc 0 "$SMUGNET" diff i1 i2 $V --json
grep -q '"identical":true,"same_scenario":true,"a":"i1","b":"i2",' "$tmp/out" &&
	grep -q '"first_divergence":null,' "$tmp/out" || fail "diff --json of identical seeds: $(cat "$tmp/out")"
"$CHECK" --document <"$tmp/out" >/dev/null 2>&1 || fail "diff --json is not one JSON document: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" run --load w0 $V --days 30 --crackdown "$B@51" --save d3
expect_rc 1 "$SMUGNET" diff d1 d3 $V
grep -q "first divergence on day 50: A step on; B crackdown $B" "$tmp/out" || fail "diff does not find day 50: $(cat "$tmp/out")"
expect_rc 1 "$SMUGNET" diff d1 d3 $V --json
grep -q '"identical":false,"same_scenario":true' "$tmp/out" && grep -q '"first_divergence":{"day":50' "$tmp/out" || fail "diff --json: $(cat "$tmp/out")"
grep -q '"commodities":\[{"id":"[A-Z_]*","delivered":' "$tmp/out" || fail "diff --json has no commodity deltas: $(cat "$tmp/out")"
# seeds of two worlds part before their first day, whatever their
# journals hold: two 30-day runs of different scenarios (journals alike,
# and a check on day 30) read 'no divergence' or parted on day 30
"$SMUGNET" gen --wards 36 --seed 2 > "$tmp/gen36.json" || fail "gen --wards 36 failed"
expect_rc 0 "$SMUGNET" run --days 30 --scenario "$tmp/gen36.json" --save g30 $V
expect_rc 1 "$SMUGNET" diff i1 g30 $V
grep -q "^first divergence on day 0: A scenario dosadi-36 (hash [0-9a-f]\{16\}); B scenario gen-36-2 (hash [0-9a-f]\{16\})$" "$tmp/out" ||
	fail "diff of seeds of two scenarios: $(cat "$tmp/out")"
expect_rc 1 "$SMUGNET" diff g30 i1 $V --json
grep -q '"same_scenario":false,.*"first_divergence":{"day":0,"a":"scenario gen-36-2 (hash ' "$tmp/out" ||
	fail "diff --json of seeds of two scenarios: $(cat "$tmp/out")"
expect_rc 3 "$SMUGNET" diff d1 nosuch $V
expect_rc 2 "$SMUGNET" diff d1 $V
# run files
expect_rc 0 "$SMUGNET" run --days 60 --every 10
cp "$tmp/out" "$tmp/r1"
expect_rc 0 "$SMUGNET" run --days 60 --every 10 --crackdown "$B@31"
cp "$tmp/out" "$tmp/r2"
expect_rc 1 "$SMUGNET" diff "$tmp/r1" "$tmp/r2"
grep -q "first divergence on day 40: the day records of days 31-40 differ" "$tmp/out" || fail "run-file diff: $(cat "$tmp/out")"
# its faction table is B's summary less A's, column by column, for every
# faction (absent: no column changed), in --json and in the text's header
# fac_field FILE ID FIELD: FIELD of faction ID in FILE's last line's
# "factions" array, 0 when the faction is not there
fac_field() {
	v=$(tail -n 1 "$1" | grep -o '"factions":\[.*' | grep -o "{\"id\":\"$2\"[^}]*}" | grep -o "\"$3\":[-0-9.]*" | cut -d: -f2)
	echo "${v:-0}"
}
expect_rc 1 "$SMUGNET" diff "$tmp/r1" "$tmp/r2" --json
cp "$tmp/out" "$tmp/rdiff"
n_fac=0
for f in dustrunners raiders suitwrights syndicate; do
	for c in balance shipments delivered seized lost bribes; do
		a=$(fac_field "$tmp/r1" $f $c) b=$(fac_field "$tmp/r2" $f $c) d=$(fac_field "$tmp/rdiff" $f $c)
		awk -v a="$a" -v b="$b" -v d="$d" 'BEGIN { x = b - a - d; exit !(x < 0.005 && x > -0.005) }' ||
			fail "run-file diff --json: $f's $c is $d, B less A is $b - $a"
	done
	grep -q "{\"id\":\"$f\"" "$tmp/rdiff" && n_fac=$((n_fac + 1))
done
[ $n_fac -ge 2 ] || fail "run-file diff --json lists $n_fac factions that changed: $(cat "$tmp/rdiff")"
expect_rc 1 "$SMUGNET" diff "$tmp/r1" "$tmp/r2"
grep -q "^  id  *balance  *shipments  *delivered  *seized  *lost  *bribes\$" "$tmp/out" ||
	fail "run-file diff: the faction table's header: $(grep -m 1 "^  id " "$tmp/out")"
expect_rc 0 "$SMUGNET" diff "$tmp/r1" "$tmp/r1"
expect_rc 2 "$SMUGNET" diff "$tmp/r1" d1 $V
# runs that write their records every different number of days compare
# over the days both have a record on, the finer one's records summed: the
# same world every day against every 10 days read 'first divergence on
# day 10: the day records of days 1-10 differ'; a run from a seed starts
# where the other has a record
expect_rc 0 "$SMUGNET" run --days 45 --every 1
cp "$tmp/out" "$tmp/r1-daily"
expect_rc 1 "$SMUGNET" diff "$tmp/r1" "$tmp/r1-daily"
grep -q "^no divergence found before the end of the shorter history\$" "$tmp/out" || fail "every 10 against every day: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" run --days 60 --every 5
cp "$tmp/out" "$tmp/r1-5"
expect_rc 1 "$SMUGNET" diff "$tmp/r2" "$tmp/r1-5"
grep -q "first divergence on day 40: the day records of days 31-40 differ" "$tmp/out" || fail "every 10 against every 5: $(cat "$tmp/out")"
expect_rc 0 "$SMUGNET" run --load w0 $V --days 15 --every 5
cp "$tmp/out" "$tmp/w0-55"
expect_rc 1 "$SMUGNET" diff "$tmp/w0-55" "$tmp/r1"
grep -q "^no divergence found before the end of the shorter history\$" "$tmp/out" || fail "a run from a seed: $(cat "$tmp/out")"
expect_rc 1 "$SMUGNET" diff "$tmp/w0-55" "$tmp/r2"
grep -q "first divergence on day 50: the day records of days 41-50 differ" "$tmp/out" || fail "a run from a seed: $(cat "$tmp/out")"
# day records out of order are refused by line
{ grep -v '"day":[23]0,' "$tmp/r1" | head -n 2; grep '"day":30,' "$tmp/r1"; grep '"day":20,' "$tmp/r1"; grep -v '"day":[23]0,' "$tmp/r1" | tail -n +3; } > "$tmp/r3"
expect_rc 3 "$SMUGNET" diff "$tmp/r3" "$tmp/r2"
grep -q "^$tmp/r3: line 4: day: 20, not after the day record before it (day 30)\$" "$tmp/err" || fail "records out of order: $(cat "$tmp/err")"
# a day no run writes is refused by line before it is taken as an int
# (a day of 1e300 was an undefined conversion)
for e in 's/"day":40,/"day":1e300,/' 's/"day":40,/"day":-1,/' 's/"day":40,/"day":40.5,/' 's/"start_day":0/"start_day":1e300/'; do
	sed "$e" "$tmp/r1" > "$tmp/r3"
	expect_rc 3 "$SMUGNET" diff "$tmp/r3" "$tmp/r2"
	grep -q "^$tmp/r3: line [0-9]*: \(start_\)\{0,1\}day: expected a whole number in \[0,100000000\]\$" "$tmp/err" ||
		fail "run-file diff with $e: $(cat "$tmp/err")"
done

# CSV: the day rows equal the JSON Lines day records; per faction and border rows add up
expect_rc 0 "$SMUGNET" run --days 30 --every 1
grep '"type":"day"' "$tmp/out" > "$tmp/days.jsonl"
expect_rc 0 "$SMUGNET" run --days 30 --format csv
cp "$tmp/out" "$tmp/days.csv"
expect_rc 0 "$SMUGNET" run --days 30 --format csv --per faction
cp "$tmp/out" "$tmp/fac.csv"
expect_rc 0 "$SMUGNET" run --days 30 --format csv --per border --crackdown "$B@11-20"
cp "$tmp/out" "$tmp/bor.csv"
expect_rc 2 "$SMUGNET" run --days 3 --per faction
expect_rc 2 "$SMUGNET" run --days 3 --format xml
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp" "$B" <<'PY' || fail "CSV does not match the JSON Lines"
import csv, json, sys
tmp, border = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(tmp + "/days.csv", newline="")))
recs = [json.loads(l) for l in open(tmp + "/days.jsonl")]
assert len(rows) == 30 == len(recs), (len(rows), len(recs))
for r, j in zip(rows, recs):
    for k in r:
        assert float(r[k]) == float(j[k]), (k, r[k], j[k])
fac = list(csv.DictReader(open(tmp + "/fac.csv", newline="")))
assert fac and len(fac) % 30 == 0, len(fac)
assert sum(int(r["delivered"]) for r in fac) == sum(j["delivered"] for j in recs)
assert abs(sum(float(r["bribes_spent"]) for r in fac) - sum(j["bribes_spent"] for j in recs)) < 0.005
bor = list(csv.DictReader(open(tmp + "/bor.csv", newline="")))
on = sorted(int(r["day"]) for r in bor if r["border"] == border and r["crackdown"] == "1")
assert on == list(range(11, 21)), on
PY
	pass=$((pass + 1))
else
	awk -F, 'NR > 1 && NF != 8 { bad = 1 } END { exit bad }' "$tmp/days.csv" || fail "CSV rows have the wrong column count"
	pass=$((pass + 1))
fi
# export: every table parses, with its header
expect_rc 0 "$SMUGNET" export d3 --csv "$tmp/export" $V
for t in factions borders edge_stats history events ledger journal; do
	[ -s "$tmp/export/$t.csv" ] || fail "export wrote no $t.csv"
done
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp/export" <<'PY' || fail "exported CSV does not parse"
import csv, os, sys
d = sys.argv[1]
for name in os.listdir(d):
    rows = list(csv.reader(open(os.path.join(d, name), newline="")))
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), name
ev = list(csv.DictReader(open(os.path.join(d, "events.csv"), newline="")))
assert any("," in r["detail"] for r in ev), "no quoted field was exercised"
PY
	pass=$((pass + 1))
	# edge_stats.csv is the seed's edge statistics, one row each: they
	# are kept per direction, so a row names the node it is entered from
	# (a corridor crossed both ways had two rows no reader could tell apart)
	python3 - "$tmp/export/edge_stats.csv" "$tmp/vault/seeds/d3/smuggling.json" <<'PY' || fail "edge_stats.csv is not smuggling.json's edge_stats"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
nets = json.load(open(sys.argv[2]))["networks"]
want = [(n["faction_id"], e["edge_id"], e["from"], "%.6f" % e["risk_est"]) for n in nets for e in n["edge_stats"]]
assert "from" in rows[0], "no from column: %s" % list(rows[0])
got = [(r["faction"], r["corridor"], r["from"], "%.6f" % float(r["risk_est"])) for r in rows]
assert sorted(got) == sorted(want), (len(got), len(want))
keys = [g[:3] for g in got]
assert len(set(keys)) == len(keys), "two rows for one faction, corridor and direction"
assert len({k[:2] for k in keys}) < len(keys), "no corridor crossed both ways was exercised"
PY
	pass=$((pass + 1))
fi
# events.csv holds the seed's events: for a run from day 0, every event
# --events wrote, in order (day, kind, faction, corridor, shipment,
# commodity, amount; none: empty)
expect_rc 0 "$SMUGNET" run --days 20 --events --save ev20 $V
n='\(null\|"[^"]*"\)'
sed -n "s/^{\"type\":\"event\",\"day\":\([0-9]*\),\"kind\":\"\([A-Z_]*\)\",\"faction\":$n,\"corridor\":$n,\"shipment\":\(null\|[0-9]*\),\"commodity\":$n,\"amount\":\([-0-9.]*\),.*/\1,\2,\3,\4,\5,\6,\7/p" "$tmp/out" |
	sed 's/null//g; s/"//g' > "$tmp/ev.jsonl"
expect_rc 0 "$SMUGNET" export ev20 --csv "$tmp/export20" $V
awk -F, 'NR > 1 { print $1 "," $2 "," $3 "," $4 "," $5 "," $6 "," $7 }' "$tmp/export20/events.csv" > "$tmp/ev.csv"
[ "$(wc -l < "$tmp/ev.jsonl")" -gt 100 ] && cmp -s "$tmp/ev.jsonl" "$tmp/ev.csv" ||
	fail "events.csv of a 20-day seed is not the events run --events wrote ($(wc -l < "$tmp/ev.csv") rows, $(wc -l < "$tmp/ev.jsonl") events): $(diff "$tmp/ev.jsonl" "$tmp/ev.csv" | head -3)"
# a shipment's events carry its bribe map (spec 6: smuggling_bribe_map),
# what it offers at each border of its route, in route order, adding up
# to its bribe_total; only the total was there
if command -v python3 >/dev/null 2>&1; then
	expect_rc 0 "$SMUGNET" run --days 10 --events
	python3 - "$tmp/out" <<'PY' || fail "the events' bribe_map is not the shipment's bribes"
import json, sys
maps = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["type"] != "event":
        continue
    assert "bribe_map" in o, "an event without bribe_map: %s" % line
    if o["shipment"] is None:
        assert o["bribe_map"] is None, line
        continue
    m = o["bribe_map"]
    borders = [e["border"] for e in m]
    on_route = [c for c in o["route"] if c in borders]
    assert borders == on_route, "not the route's borders in route order: %s" % line
    assert all(e["amount"] > 0 for e in m), line
    assert round(sum(e["amount"] for e in m) * 100) == round(o["bribe_total"] * 100), line
    maps += len(m) > 1
assert maps > 0, "no shipment bribed two borders"
PY
	pass=$((pass + 1))
fi
# a new shipment's event names its source and demand wards as its detail
# does, the first ward of a world among them (the tiny world's source
# ward:a, gen 3's demand ward:01)
"$SMUGNET" gen --wards 3 > "$tmp/gen3.json" || fail "gen --wards 3 failed"
for w in "$SRCDIR/data/tiny.json:^ward:a " "$tmp/gen3.json: ward:01 "; do
	expect_rc 0 "$SMUGNET" run --days 10 --events --scenario "${w%%:*}"
	grep '"kind":"SMUGGLING_SHIPMENT_CREATED"' "$tmp/out" > "$tmp/created"
	sed -n 's/.*"source":"\([^"]*\)","demand":"\([^"]*\)".*"detail":"\([^"]*\)->\([^ ]*\) .*/\1 \2 \3 \4/p' "$tmp/created" > "$tmp/ends"
	[ -s "$tmp/ends" ] && [ "$(wc -l < "$tmp/ends")" -eq "$(wc -l < "$tmp/created")" ] &&
		awk '$1 != $3 || $2 != $4 { bad = 1 } END { exit bad }' "$tmp/ends" ||
		fail "${w%%:*}: a new shipment's source or demand is not its detail's: $({ awk '$1 != $3 || $2 != $4' "$tmp/ends"; grep -e '"source":null' -e '"demand":null' "$tmp/created"; } | head -n 1 | cut -c1-300)"
	grep -q "${w#*:}" "$tmp/ends" || fail "${w%%:*}: no shipment matching '${w#*:}' in 10 days: $(head -2 "$tmp/ends")"
done
# journal.csv: a crackdown's value is its intensity and its last day, or
# 'until cleared' for one with no end (it read 'until -1'); the intensity
# is the journal's exactly (0.123456789 read 0.123457)
expect_rc 0 "$SMUGNET" run --days 5 --crackdown 'n:23.0|n:24.0' --crackdown 'n:30.0|n:31.0@2-4:0.5' \
	--crackdown 'n:22.1|n:23.1@3:0.123456789' --save jc $V
expect_rc 0 "$SMUGNET" export jc --csv "$tmp/export-jc" $V
grep -q '^0,crackdown,,n:23.0|n:24.0,1 until cleared,[0-9a-f]\{16\}' "$tmp/export-jc/journal.csv" &&
	grep -q '^1,crackdown,,n:30.0|n:31.0,0.5 until 4,[0-9a-f]\{16\}' "$tmp/export-jc/journal.csv" &&
	grep -q '^2,crackdown,,n:22.1|n:23.1,0.123456789 until cleared,[0-9a-f]\{16\}' "$tmp/export-jc/journal.csv" ||
	fail "journal.csv's crackdown values: $(grep crackdown "$tmp/export-jc/journal.csv")"
expect_rc 2 "$SMUGNET" export d3 $V
# a --csv folder that is a file: refused by name, nothing written beside it
: > "$tmp/afile"
expect_rc 4 "$SMUGNET" export d3 --csv "$tmp/afile" $V
grep -qF "$tmp/afile: cannot create: it exists and is not a folder" "$tmp/err" ||
	fail "export into a file: $(cat "$tmp/err")"
[ ! -s "$tmp/afile" ] || fail "export wrote into the file named as its folder"
expect_rc 3 "$SMUGNET" export nosuch --csv "$tmp/x" $V
echo "$pass passed, 0 failed"
