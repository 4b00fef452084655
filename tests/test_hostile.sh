#!/bin/sh
# Hostile input files and vault trees, from the command line: every odd
# file (directory, FIFO, device, 1 GB sparse file) as a scenario and as
# each seed file, an empty scenario (refused as JSON, not for its size),
# trees of symbolic links in the vault, and resealed seeds whose meaning
# is wrong. Each case must end with the documented
# exit code and a "file: reason" message (a FIFO must not hang: each
# command runs under a 10 s guard), and files outside the vault that
# links point to must stay exactly as they were. The log holds the table
# of every case: command, exit code, milliseconds, message.
set -u
SMUGNET=${SMUGNET:-./smugnet}
SRCDIR=${SRCDIR:-.}
RESEAL=${RESEAL:-./tests/reseal}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail() { echo "FAIL: $*"; echo "$pass passed, 1 failed"; exit 1; }

now_ms() { date +%s%3N; }
# case WANT_RC PATTERN LABEL COMMAND...: run, print a table row, check.
case_() {
	c_want=$1 c_pat=$2 c_label=$3
	shift 3
	c_t0=$(now_ms)
	timeout 10 "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	c_rc=$?
	c_ms=$(($(now_ms) - c_t0))
	c_msg=$(head -n 1 "$tmp/err" | sed "s|$tmp/||g")
	[ -n "$c_msg" ] || c_msg=$(grep -m 1 -- "$c_pat" "$tmp/out" 2>/dev/null | sed "s|$tmp/||g; s/  */ /g" | cut -c 1-120)
	c_cmd=$(echo "$*" | sed "s|$SMUGNET|smugnet|; s|$tmp/||g")
	echo "| $c_label | \`$c_cmd\` | $c_rc | $c_ms | $c_msg |"
	[ "$c_rc" -eq "$c_want" ] || fail "$c_label: exit $c_rc, expected $c_want: $c_msg"
	grep -q -- "$c_pat" "$tmp/err" "$tmp/out" || fail "$c_label: no '$c_pat' in: $c_msg"
	pass=$((pass + 1))
}

# what links point to: must never change
mkdir -p "$tmp/outside/sub"
echo keep > "$tmp/outside/precious.txt"
echo keep > "$tmp/outside/sub/deeper.txt"
cp "$tmp/outside/precious.txt" "$tmp/outside/snapshot.json"
outside_sum() { (cd "$tmp/outside" && find . -print | sort && cat precious.txt sub/deeper.txt snapshot.json) | cksum; }
before=$(outside_sum)
untouched() {
	[ "$(outside_sum)" = "$before" ] || fail "$1: files outside the vault changed"
	pass=$((pass + 1))
}

echo "| case | command | exit | ms | message |"
echo "|---|---|---|---|---|"

# ---- odd files as a scenario ----
mkdir "$tmp/dir.json"
mkfifo "$tmp/fifo.json"
truncate -s 1G "$tmp/sparse.json"
: >"$tmp/empty.json"
for kind in dir fifo zero sparse empty; do
	case $kind in
	dir) f="$tmp/dir.json" pat="dir.json: not a regular file (a directory)" ;;
	fifo) f="$tmp/fifo.json" pat="fifo.json: not a regular file (a FIFO)" ;;
	zero) f=/dev/zero pat="/dev/zero: not a regular file (a character device)" ;;
	sparse) f="$tmp/sparse.json" pat="sparse.json: 1073741824 bytes, more than the limit of 268435456 bytes" ;;
	empty) f="$tmp/empty.json" pat="empty.json: line 1 byte 1 (offset 0): malformed JSON" ;;
	esac
	if [ $kind = dir ]; then # validate reads a folder as a seed folder
		case_ 3 "dir.json: not a seed folder (it has no manifest.json; smugnet-seed(5))" "scenario: $kind" \
			"$SMUGNET" validate "$f"
	else
		case_ 3 "$pat" "scenario: $kind" "$SMUGNET" validate "$f"
	fi
	case_ 3 "$pat" "scenario: $kind" "$SMUGNET" run --days 1 --scenario "$f"
	case_ 3 "$pat" "scenario: $kind" "$SMUGNET" explain --day 1 --scenario "$f"
done

# ---- a scenario that cJSON would read but is not strict JSON ----
# a raw tab inside a string (RFC 8259: control characters are escaped)
tab=$(printf '\t')
sed "s/\"Tiny: two/\"Tiny:${tab}two/" "$SRCDIR/data/tiny.json" >"$tmp/tab.json"
case_ 3 "tab.json: line 5 byte 17 (offset 82): control character U+0009 in a string" "scenario: a raw tab in a string" \
	"$SMUGNET" validate "$tmp/tab.json"

# ---- odd files as each file of a seed ----
V="$tmp/vault"
"$SMUGNET" run --days 20 --save h --vault "$V" >/dev/null || fail "cannot save the test seed"
cp -R "$V/seeds/h" "$tmp/pristine"
reset_seed() { rm -rf "$V/seeds/h" && cp -R "$tmp/pristine" "$V/seeds/h"; }
for file in manifest.json snapshot.json smuggling.json ledger_accounts.json customs_borders.json journal.jsonl \
	scenario.json; do
	for kind in dir fifo zero zero-link sparse; do
		reset_seed
		p="$V/seeds/h/$file"
		case $kind in
		dir) rm "$p" && mkdir "$p"; why="not a regular file (a directory)" ;;
		fifo) rm "$p" && mkfifo "$p"; why="not a regular file (a FIFO)" ;;
		zero)
			[ "$(id -u)" = 0 ] || continue # a device node needs root
			rm "$p" && mknod "$p" c 1 5 || continue
			why="not a regular file (a character device)" ;;
		zero-link) rm "$p" && ln -s /dev/zero "$p"; why="is a symbolic link (the vault never follows links)" ;;
		sparse) truncate -s 1G "$p"; why="1073741824 bytes, more than the limit of 268435456 bytes" ;;
		esac
		case_ 3 "seeds/h/$file: $why" "$file: $kind" "$SMUGNET" validate "$V/seeds/h"
		case_ 3 "seeds/h/$file: $why" "$file: $kind" "$SMUGNET" run --days 1 --load h --vault "$V"
		if [ "$file" = manifest.json ]; then
			case_ 0 "unreadable: .*$why" "$file: $kind" "$SMUGNET" seeds --vault "$V"
		else
			case_ 0 "^h  " "$file: $kind" "$SMUGNET" seeds --vault "$V"
		fi
	done
done
reset_seed

# a manifest whose scenario id holds an escape sequence (a seed copied
# from elsewhere) was listed by 'seeds' as it is, the escape printed raw
# to the terminal ('\u001b[2J' cleared the screen). Ids are printable
# ASCII: the entry is listed as unreadable, nothing of it printed
E="$tmp/esc"
"$SMUGNET" run --days 2 --save e --vault "$E" >/dev/null || fail "cannot save"
sed '/"scenario_id"/s/dosadi-36/do\\u001b[2Jsadi/' "$E/seeds/e/manifest.json" >"$tmp/m" && mv "$tmp/m" "$E/seeds/e/manifest.json"
grep -q 'u001b' "$E/seeds/e/manifest.json" || fail "test bug: the manifest's scenario_id is unchanged"
case_ 0 "^e .*unreadable: the scenario_id of its manifest.json holds control character U+001B" \
	"manifest: an escape in scenario_id" "$SMUGNET" seeds --vault "$E"
! grep -q "$(printf '\033')" "$tmp/out" || fail "seeds printed the escape: $(od -c "$tmp/out" | head -n 5)"
case_ 3 "^e .*unreadable: the scenario_id of its manifest.json holds control character U+001B" \
	"manifest: an escape in scenario_id" "$SMUGNET" seeds --check --vault "$E"
! grep -q "$(printf '\033')" "$tmp/out" || fail "seeds --check printed the escape: $(od -c "$tmp/out" | head -n 5)"

# ---- symbolic links in the vault ----
L="$tmp/links"
"$SMUGNET" run --days 5 --save real --vault "$L" >/dev/null || fail "cannot save"
ln -s "$tmp/outside" "$L/seeds/X"
case_ 4 "seeds/X: is a symbolic link; the vault never follows or deletes through links (left alone)" \
	"seeds/X is a link" "$SMUGNET" run --days 1 --save X --vault "$L"
untouched "seeds/X is a link"
[ -L "$L/seeds/X" ] || fail "the link seeds/X was removed"
case_ 3 "seeds/X: is a symbolic link (the vault never follows links)" "seeds/X is a link" \
	"$SMUGNET" run --days 1 --load X --vault "$L"
case_ 0 "^X .*unreadable: .*seeds/X: is a symbolic link" "seeds/X is a link" "$SMUGNET" seeds --vault "$L"
case_ 3 "seeds/X: not a seed folder (it has no manifest.json" "seeds/X is a link" "$SMUGNET" validate "$L/seeds/X"
untouched "seeds/X is a link"
rm "$L/seeds/X"

for entry in .real.partial .real.old.1 .real.old; do
	ln -s "$tmp/outside" "$L/seeds/$entry"
	case_ 4 "seeds/$entry: is a symbolic link; the vault never follows or deletes through links" \
		"seeds/$entry is a link" "$SMUGNET" run --days 1 --save real --vault "$L"
	untouched "seeds/$entry is a link"
	[ -L "$L/seeds/$entry" ] || fail "the link $entry was removed"
	case_ 0 '"type":"summary","day":6' "seeds/$entry is a link" "$SMUGNET" run --days 1 --load real --vault "$L"
	rm "$L/seeds/$entry"
done

# only a link where an interrupted save's generation would be: not followed
mkdir -p "$L/seeds"
ln -s "$tmp/outside" "$L/seeds/.gone.old.3"
case_ 3 "seeds/gone: no such seed" "seeds/.gone.old.3 is a link" "$SMUGNET" run --days 1 --load gone --vault "$L"
untouched "seeds/.gone.old.3 is a link"
rm "$L/seeds/.gone.old.3"

# a file inside a seed is a link
mv "$L/seeds/real/snapshot.json" "$tmp/real-snapshot.json"
ln -s "$tmp/outside/snapshot.json" "$L/seeds/real/snapshot.json"
case_ 4 "seeds/real/snapshot.json: is a symbolic link; the vault never follows or deletes through links" \
	"seeds/real/snapshot.json is a link" "$SMUGNET" run --days 1 --save real --vault "$L"
case_ 3 "seeds/real/snapshot.json: is a symbolic link (the vault never follows links)" \
	"seeds/real/snapshot.json is a link" "$SMUGNET" run --days 1 --load real --vault "$L"
case_ 3 "seeds/real/snapshot.json: is a symbolic link" "seeds/real/snapshot.json is a link" \
	"$SMUGNET" validate "$L/seeds/real"
untouched "seeds/real/snapshot.json is a link"
[ -L "$L/seeds/real/snapshot.json" ] || fail "the link snapshot.json was removed"
rm "$L/seeds/real/snapshot.json"
mv "$tmp/real-snapshot.json" "$L/seeds/real/snapshot.json"

# something else than a file inside a seed (a folder, a FIFO), or a file
# where an older generation's folder would be: the save stops, names it,
# and leaves it and the seed alone
mkdir "$L/seeds/real/extra"
case_ 4 "seeds/real/extra: not a file the vault wrote (a directory; left alone)" "seeds/real/extra is a folder" \
	"$SMUGNET" run --days 1 --save real --vault "$L"
[ -d "$L/seeds/real/extra" ] || fail "the folder seeds/real/extra was removed"
rmdir "$L/seeds/real/extra"
mkfifo "$L/seeds/real/pipe"
case_ 4 "seeds/real/pipe: not a file the vault wrote (a FIFO; left alone)" "seeds/real/pipe is a FIFO" \
	"$SMUGNET" run --days 1 --save real --vault "$L"
[ -p "$L/seeds/real/pipe" ] || fail "the FIFO seeds/real/pipe was removed"
rm "$L/seeds/real/pipe"
echo keep > "$L/seeds/.real.old"
case_ 4 "seeds/.real.old: not a seed folder (a regular file; left alone)" "seeds/.real.old is a file" \
	"$SMUGNET" run --days 1 --save real --vault "$L"
[ "$(cat "$L/seeds/.real.old")" = keep ] || fail "the file seeds/.real.old was changed"
rm "$L/seeds/.real.old"
case_ 0 '"type":"summary","day":6' "the seed refused three saves" "$SMUGNET" run --days 1 --load real --vault "$L"

# a folder of the seed's name that holds no seed (someone's notes, another
# program's manifest.json): a save would replace it whole, so it stops,
# names it and leaves every file as it was; an empty folder is replaced
mkdir "$L/seeds/notes"
echo keep > "$L/seeds/notes/plan.txt"
case_ 4 "seeds/notes: not a seed folder (no seed's manifest.json; its files are left alone)" \
	"seeds/notes holds a file" "$SMUGNET" run --days 1 --save notes --vault "$L"
[ "$(cat "$L/seeds/notes/plan.txt")" = keep ] && [ ! -e "$L/seeds/notes/manifest.json" ] ||
	fail "the folder seeds/notes was changed"
echo '{"format": "webapp"}' >"$L/seeds/notes/manifest.json"
case_ 4 "seeds/notes: not a seed folder (no seed's manifest.json" "seeds/notes holds a foreign manifest" \
	"$SMUGNET" run --days 1 --save notes --vault "$L"
[ "$(cat "$L/seeds/notes/plan.txt")" = keep ] && grep -q webapp "$L/seeds/notes/manifest.json" ||
	fail "the folder seeds/notes was changed"
mkdir "$L/seeds/blank"
case_ 0 '"type":"summary","day":1' "seeds/blank is an empty folder" "$SMUGNET" run --days 1 --save blank --vault "$L"
case_ 0 '"type":"summary","day":2' "seeds/blank became a seed" "$SMUGNET" run --days 1 --load blank --vault "$L"

# the seeds folder itself is a link
mkdir "$tmp/L2"
ln -s "$tmp/outside" "$tmp/L2/seeds"
case_ 4 "L2/seeds: is a symbolic link (the vault never follows links)" "vault/seeds is a link" \
	"$SMUGNET" run --days 1 --save Y --vault "$tmp/L2"
case_ 3 "L2/seeds: is a symbolic link" "vault/seeds is a link" "$SMUGNET" run --days 1 --load Y --vault "$tmp/L2"
case_ 3 "L2/seeds: is a symbolic link" "vault/seeds is a link" "$SMUGNET" seeds --vault "$tmp/L2"
untouched "vault/seeds is a link"

# the seeds folder is a file, not a link: told so, not as a link
mkdir "$tmp/L3"
echo keep > "$tmp/L3/seeds"
case_ 4 "L3/seeds: cannot open (Not a directory)" "vault/seeds is a file" \
	"$SMUGNET" run --days 1 --save Y --vault "$tmp/L3"
case_ 3 "L3/seeds: cannot open (Not a directory)" "vault/seeds is a file" \
	"$SMUGNET" run --days 1 --load Y --vault "$tmp/L3"
case_ 3 "L3/seeds: cannot open (Not a directory)" "vault/seeds is a file" "$SMUGNET" seeds --vault "$tmp/L3"
[ "$(cat "$tmp/L3/seeds")" = keep ] || fail "the file L3/seeds was changed"

# after all that, the real seed still saves and loads
case_ 0 '"type":"summary","day":6' "the vault still works" "$SMUGNET" run --days 1 --load real --save real --vault "$L"
case_ 0 '"type":"summary","day":7' "the vault still works" "$SMUGNET" run --days 1 --load real --vault "$L"

# ---- resealed seeds: every hash and the digest recomputed ----
R="$tmp/reseal"
"$SMUGNET" run --days 20 --save r --vault "$R" >/dev/null || fail "cannot save"
cp -R "$R/seeds/r" "$tmp/r-pristine"
resealed() {
	r_want=$1 r_pat=$2 edit=$3
	rm -rf "$R/seeds/r" && cp -R "$tmp/r-pristine" "$R/seeds/r"
	"$RESEAL" "$R/seeds/r" "$edit" || fail "reseal $edit"
	case_ "$r_want" "$r_pat" "resealed: $edit" "$SMUGNET" validate "$R/seeds/r"
	case_ "$r_want" "$r_pat" "resealed: $edit" "$SMUGNET" run --days 1 --load r --vault "$R"
}
resealed 0 "" none
resealed 3 "snapshot.json: state.shipments\[1\].id: [0-9]* duplicates shipments\[0\]" dup-shipment
resealed 3 "snapshot.json: state.factions\[0\].network.shipments: .* do not add up" delivered=1000000000000
resealed 3 "snapshot.json: state.telemetry.total.delivered: 1000000000000, but" total-delivered=1000000000000
resealed 3 "snapshot.json: state.factions\[[0-9]*\].network.in_transit: 99, but [0-9]* of its shipments are in transit" \
	in-transit=99
resealed 3 "snapshot.json: state.day: 1020 days simulated since day 0, but the daily history holds 20" day+=1000
resealed 3 "snapshot.json: state.ledger" balance+=100000
resealed 3 "manifest.json: day: 999, but the snapshot is at day 20" manifest-day=999
# the listing reads manifests only; --check loads each seed
case_ 0 "^r  *999 " "resealed: manifest-day=999" "$SMUGNET" seeds --vault "$R"
case_ 3 "^r  *999 .* bad: .*manifest.json: day: 999, but the snapshot is at day 20" "resealed: manifest-day=999" \
	"$SMUGNET" seeds --check --vault "$R"
resealed 3 "manifest.json: seed: 12, but the snapshot's is 7" manifest-seed=12
# a key twice: the first "day" agrees with the snapshot, cJSON kept both
resealed 3 "manifest.json: day: duplicate key 'day'" manifest-dup-day=121
resealed 3 "manifest.json: digest: the restored state is [0-9a-f]*, the manifest says 0123456789abcdef" \
	manifest-digest=0123456789abcdef
# a journal of another scenario: its header's scenario id, then its
# scenario hash, edited and the seed resealed
for j_edit in journal-scenario journal-scenario-hash; do
	case $j_edit in
	journal-scenario) j_sed='1s/"scenario":"dosadi-36"/"scenario":"dosadi-37"/' ;;
	*) j_sed='1s/"scenario_hash":"[0-9a-f]*"/"scenario_hash":"0123456789abcdef"/' ;;
	esac
	rm -rf "$R/seeds/r" && cp -R "$tmp/r-pristine" "$R/seeds/r"
	sed "$j_sed" "$tmp/r-pristine/journal.jsonl" >"$R/seeds/r/journal.jsonl"
	cmp -s "$tmp/r-pristine/journal.jsonl" "$R/seeds/r/journal.jsonl" && fail "$j_edit: the journal is unchanged"
	"$RESEAL" "$R/seeds/r" none || fail "reseal after $j_edit"
	j_pat="journal.jsonl: scenario: dosadi-3[67] .*is not the snapshot's dosadi-36"
	case_ 3 "$j_pat" "resealed: $j_edit" "$SMUGNET" validate "$R/seeds/r"
	case_ 3 "$j_pat" "resealed: $j_edit" "$SMUGNET" run --days 1 --load r --vault "$R"
done
# a journal header with a key twice (cJSON kept both and read the first)
rm -rf "$R/seeds/r" && cp -R "$tmp/r-pristine" "$R/seeds/r"
sed '1s/"commands":\([0-9]*\)/"commands":\1,"commands":4096/' "$tmp/r-pristine/journal.jsonl" >"$R/seeds/r/journal.jsonl"
cmp -s "$tmp/r-pristine/journal.jsonl" "$R/seeds/r/journal.jsonl" && fail "journal-dup-key: the journal is unchanged"
"$RESEAL" "$R/seeds/r" none || fail "reseal after journal-dup-key"
case_ 3 "journal.jsonl: line 1: commands: duplicate key 'commands'" "resealed: journal-dup-key" \
	"$SMUGNET" validate "$R/seeds/r"
case_ 3 "journal.jsonl: line 1: commands: duplicate key 'commands'" "resealed: journal-dup-key" \
	"$SMUGNET" run --days 1 --load r --vault "$R"
# a journal whose knob was edited, then resealed: the seed loads (its
# snapshot is whole), but its past is not the journal's to give
"$SMUGNET" run --days 20 --set smuggling.route_topk=6 --save k --vault "$R" >/dev/null || fail "cannot save k"
case_ 0 "^Day 10 of dosadi-36: " "explain of the pristine seed's past" "$SMUGNET" explain --load k --day 10 --vault "$R"
sed 's/"key":"smuggling.route_topk","value":"6"/"key":"smuggling.route_topk","value":"5"/' \
	"$R/seeds/k/journal.jsonl" >"$tmp/k-journal" && mv "$tmp/k-journal" "$R/seeds/k/journal.jsonl"
grep -q '"value":"5"' "$R/seeds/k/journal.jsonl" || fail "the knob in k's journal is unchanged"
"$RESEAL" "$R/seeds/k" none || fail "reseal k"
case_ 0 "" "resealed: a knob in the journal" "$SMUGNET" run --days 1 --load k --vault "$R"
case_ 3 "smugnet explain: --day 10: rewind: the journal does not rebuild this world (day 20 differs; smugnet replay names the first day that does)" \
	"resealed: a knob in the journal" "$SMUGNET" explain --load k --day 10 --vault "$R"

# output paths: a FIFO or device is written into, never replaced by a
# plain file (as root, --journal /dev/null once put a file in place of
# /dev/null); a link to a file replaces the file it names and stays a
# link; a link to nothing and a folder are refused; export writes all
# of its tables or none
O=$tmp/o
mkdir -p "$O"
"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/plain.jsonl" --save e --vault "$O/v" >/dev/null ||
	fail "a journal into a plain file"
mkfifo "$O/fifo" || fail "mkfifo"
timeout 10 cat "$O/fifo" >"$O/from-fifo" &
reader=$!
case_ 0 "" "output: a FIFO" "$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/fifo"
wait $reader
[ -p "$O/fifo" ] || fail "the FIFO was replaced: $(ls -l "$O/fifo")"
cmp -s "$O/plain.jsonl" "$O/from-fifo" || fail "the FIFO's reader did not get the journal: $(head -c 200 "$O/from-fifo")"
echo old >"$O/target.jsonl" && ln -s target.jsonl "$O/link.jsonl"
case_ 0 "" "output: a link to a file" "$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/link.jsonl"
[ -L "$O/link.jsonl" ] || fail "the link was replaced by a file: $(ls -l "$O/link.jsonl")"
cmp -s "$O/plain.jsonl" "$O/target.jsonl" || fail "the linked file is not the journal: $(head -c 200 "$O/target.jsonl")"
ln -s missing.jsonl "$O/dangling.jsonl" && mkdir "$O/folder.jsonl"
# a link to nothing and a folder where the journal goes are refused
# before the run (a usage error), not after it (exit 4: 'cannot write:
# it is a link to nothing' or 'Is a directory', the whole run's work
# thrown away)
case_ 2 "run: --journal: '.*/dangling.jsonl' is a link to nothing; give a file" "output: a link to nothing" \
	"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/dangling.jsonl"
[ -s "$tmp/out" ] && fail "a journal into a link to nothing was refused after the run: $(head -c 200 "$tmp/out")"
case_ 2 "run: --journal: '.*/folder.jsonl' is a folder; give a file" "output: a folder" \
	"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/folder.jsonl"
[ ! -e "$O/missing.jsonl" ] && [ -z "$(ls -A "$O/folder.jsonl")" ] || fail "a refused journal wrote something: $(ls -A "$O" "$O/folder.jsonl")"
# so is a journal in a folder that is not there, or in a file, or a name
# ending in '/': the run went on and failed at its end (exit 4, 'cannot
# write: No such file or directory'), its seed saved with no journal
case_ 2 "run: --journal: '.*/no-folder/j.jsonl': its folder '.*/no-folder' is not there" "output: no folder" \
	"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/no-folder/j.jsonl" --save nf --vault "$O/v"
[ -s "$tmp/out" ] || [ -e "$O/v/seeds/nf" ] && fail "a journal in no folder was refused after the run: $(ls "$O/v/seeds")"
case_ 2 "run: --journal: '.*/plain.jsonl/j.jsonl': '.*/plain.jsonl' is not a folder" "output: in a file" \
	"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/plain.jsonl/j.jsonl"
case_ 2 "run: --journal: '.*/no-folder/' names a folder; give a file" "output: a name ending in /" \
	"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --journal "$O/no-folder/"
[ ! -e "$O/no-folder" ] || fail "a refused journal made its folder"
# a folder to write into that is a link to nothing is named as such (it
# read 'it exists and is not a folder', and nothing exists there)
ln -s missing-folder "$O/dangling-folder"
case_ 4 "dangling-folder: cannot create: it is a link to nothing" "output: export into a link to nothing" \
	"$SMUGNET" export e --csv "$O/dangling-folder" --vault "$O/v"
[ ! -e "$O/missing-folder" ] || fail "an export into a link to nothing made its folder"
mkdir -p "$O/csv/journal.csv"
case_ 4 "csv/journal.csv: cannot write: Is a directory" "output: export, one table's name a folder" \
	"$SMUGNET" export e --csv "$O/csv" --vault "$O/v"
[ "$(ls -A "$O/csv")" = journal.csv ] || fail "a refused export wrote some tables: $(ls -A "$O/csv")"
# an export folder inside the vault's seeds/ is refused before anything
# is written: seeds/ itself (its seven CSV files were listed by 'seeds' as
# unreadable seeds), a seed's own folder (its next save deleted them), a
# new folder there (a seed without a manifest), one inside a seed (its
# next save refused), by any name (a link to seeds/, "..")
ls -A "$O/v/seeds" >"$O/seeds.before" && ls -A "$O/v/seeds/e" >"$O/seed.before" && ln -s v/seeds "$O/seeds.link" ||
	fail "listing the vault"
for d in seeds seeds/ seeds/e seeds/new seeds/e/sub seeds/e/../e; do
	case_ 2 "is .*the vault's seeds folder '.*/v/seeds', which holds only seeds" "output: export into v/$d" \
		"$SMUGNET" export e --csv "$O/v/$d" --vault "$O/v"
done
case_ 2 "seeds.link/e' is inside the vault's seeds folder" "output: export into a link to seeds/" \
	"$SMUGNET" export e --csv "$O/seeds.link/e" --vault "$O/v"
# and so is a journal there, the vault given by --vault or by
# $SMUGNET_VAULT: it was written as seeds/x.jsonl, which 'seeds' then
# listed as an unreadable seed, or into the folder --save makes for its
# seed
for j in seeds/x.jsonl seeds/n/journal.jsonl seeds; do
	case_ 2 "v/$j' is .*the vault's seeds folder '.*/v/seeds', which holds only seeds" "output: a journal into v/$j" \
		"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --save n --vault "$O/v" --journal "$O/v/$j"
done
case_ 2 "v/seeds/x.jsonl' is inside the vault's seeds folder" "output: a journal into seeds/ of \$SMUGNET_VAULT" \
	env SMUGNET_VAULT="$O/v" "$SMUGNET" run --days 3 --journal "$O/v/seeds/x.jsonl"
# also where the first save makes the vault's seeds/
case_ 2 "nv/seeds/a.jsonl' is inside the vault's seeds folder '.*/nv/seeds'" "output: a journal into seeds/ not made yet" \
	"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --save a --vault "$O/nv" --journal "$O/nv/seeds/a.jsonl"
[ ! -e "$O/nv" ] || fail "a refused run made its vault: $(ls -R "$O/nv")"
ls -A "$O/v/seeds" | cmp -s - "$O/seeds.before" && ls -A "$O/v/seeds/e" | cmp -s - "$O/seed.before" ||
	fail "a refused export wrote into the vault: $(ls -A "$O/v/seeds" "$O/v/seeds/e")"
case_ 0 " ok" "output: the vault after refused exports" "$SMUGNET" seeds --check --vault "$O/v"
[ -z "$(find "$O" -name '.*.tmp')" ] || fail "temporary files left: $(find "$O" -name '.*.tmp')"
# a journal written over what smugnet reads is refused before the run
# and the file stays as it was: the scenario given with --scenario (by
# its name or a link: replaced by the journal, the world was gone), a
# file of a seed (the seed no longer loaded: a hash mismatch) or a sweep's
# manifest (the sweep was lost)
cp "$SRCDIR/data/tiny.json" "$O/scenario.json" && ln -s scenario.json "$O/scenario.link" || fail "copy of tiny.json"
"$SMUGNET" sweep plan "$O/sweep" --seeds 1 --days 2 >/dev/null || fail "plan of a sweep"
cp "$O/sweep/manifest.json" "$O/manifest.keep" && cp "$O/v/seeds/e/journal.jsonl" "$O/journal.keep" || fail "copies"
case_ 2 "scenario.json' is the file the world is read from; writing there would replace it" "output: the scenario" \
	"$SMUGNET" run --days 3 --scenario "$O/scenario.json" --journal "$O/scenario.json"
case_ 2 "scenario.link' is the file the world is read from" "output: a link to the scenario" \
	"$SMUGNET" run --days 3 --scenario "$O/scenario.json" --journal "$O/scenario.link"
cmp -s "$O/scenario.json" "$SRCDIR/data/tiny.json" || fail "the scenario was replaced: $(head -c 200 "$O/scenario.json")"
case_ 2 "journal.jsonl' would replace a file of the seed or sweep in '.*/seeds/e', which would no longer load" \
	"output: a seed's journal" "$SMUGNET" run --days 3 --load e --vault "$O/v" --journal "$O/v/seeds/e/journal.jsonl"
case_ 2 "manifest.json' would replace a file of the seed or sweep" "output: a sweep's manifest" \
	"$SMUGNET" run --days 3 --journal "$O/sweep/manifest.json"
cmp -s "$O/v/seeds/e/journal.jsonl" "$O/journal.keep" && cmp -s "$O/sweep/manifest.json" "$O/manifest.keep" ||
	fail "a seed's journal or a sweep's manifest was replaced"
# a sweep's Slurm script is refused for what it is: the sweep loads
# without it (the refusal said the sweep 'would no longer load')
"$SMUGNET" sweep slurm "$O/sweep" >/dev/null && cp "$O/sweep/sweep.sbatch" "$O/sbatch.keep" || fail "slurm of a sweep"
case_ 2 "run: --journal: '$O/sweep/sweep.sbatch' is the Slurm script of the sweep in '.*/sweep' (sweep slurm wrote it); writing there would replace it$" \
	"output: a sweep's Slurm script" "$SMUGNET" run --days 3 --journal "$O/sweep/sweep.sbatch"
! grep -q "no longer load" "$tmp/err" || fail "a sweep's Slurm script: $(cat "$tmp/err")"
cmp -s "$O/sweep/sweep.sbatch" "$O/sbatch.keep" || fail "a sweep's Slurm script was replaced"
# but a file of the user's own beside them is no part of the seed or
# sweep and is written again: the second journal into sweep/notes.jsonl
# was refused, 'would replace a file of the seed or sweep ..., which would
# no longer load' (it read no file there); so in a seed folder outside the
# vault; the seed's own files there stay refused
cp -R "$O/v/seeds/e" "$O/seed-copy" || fail "copy of a seed"
for n in 1 2; do
	case_ 0 "" "output: a file beside a sweep's manifest ($n)" "$SMUGNET" run --days 3 --journal "$O/sweep/notes.jsonl"
	case_ 0 "" "output: a file beside a seed's outside the vault ($n)" \
		"$SMUGNET" run --days 3 --journal "$O/seed-copy/notes.jsonl"
done
case_ 2 "snapshot.json' would replace a file of the seed or sweep in '.*/seed-copy'" "output: a seed's file outside the vault" \
	"$SMUGNET" run --days 3 --journal "$O/seed-copy/snapshot.json"
case_ 0 "^ok" "output: the seed beside a user's file" "$SMUGNET" validate "$O/seed-copy"
case_ 0 " ok" "output: the seed after a refused journal" "$SMUGNET" seeds --check --vault "$O/v"
# nor may an export's table, through a link at its name: a link
# DIR/journal.csv to the seed's journal.jsonl had the export replace the
# seed's journal ('seeds --check' then found a hash mismatch); refused
# before anything is written, as the same link given to --journal is. A
# link to a file of the user's own is written through (FILES)
mkdir "$O/csv-link" && ln -s "$O/v/seeds/e/journal.jsonl" "$O/csv-link/journal.csv" || fail "a link for export"
case_ 2 "export: --csv: '.*csv-link/journal.csv' would replace a file of the seed or sweep in '.*/seeds/e'" \
	"output: an export's table linked to a seed's journal" "$SMUGNET" export e --csv "$O/csv-link" --vault "$O/v"
cmp -s "$O/v/seeds/e/journal.jsonl" "$O/journal.keep" || fail "an export replaced a seed's journal through a link"
[ "$(ls -A "$O/csv-link")" = journal.csv ] || fail "a refused export wrote: $(ls -A "$O/csv-link")"
case_ 0 " ok" "output: the seed after a refused export" "$SMUGNET" seeds --check --vault "$O/v"
rm "$O/csv-link/journal.csv" && echo mine >"$O/mine.csv" && ln -s ../mine.csv "$O/csv-link/journal.csv" || fail "a link"
"$SMUGNET" export e --csv "$O/csv-link" --vault "$O/v" || fail "export with a table linked to a user's file"
[ -L "$O/csv-link/journal.csv" ] && head -n 1 "$O/mine.csv" | grep -q "^day," ||
	fail "an export's table through a link to a user's file: $(ls -l "$O/csv-link"; head -c 200 "$O/mine.csv")"
# nor, through a link, may any file smugnet writes for itself where the
# early check does not look: a sweep's result results/0.json or its
# sweep.sbatch a link to the seed's journal had 'sweep run' and 'sweep
# slurm' replace the journal (exit 0; seeds --check: hash mismatch); the
# writer refuses a link to a seed's or sweep's own file (exit 4 at the
# write, nothing written through it)
"$SMUGNET" sweep plan "$O/sweep-link" --seeds 1-2 --days 2 >/dev/null && mkdir "$O/sweep-link/results" &&
	ln -s "$O/v/seeds/e/journal.jsonl" "$O/sweep-link/results/0.json" &&
	ln -s "$O/v/seeds/e/journal.jsonl" "$O/sweep-link/sweep.sbatch" || fail "a sweep with links"
case_ 4 "results/0.json: cannot write: it is a link to '.*/seeds/e/journal.jsonl', a file of the seed or sweep in" \
	"output: a sweep's result linked to a seed's journal" "$SMUGNET" sweep run "$O/sweep-link" --task 0
case_ 4 "sweep.sbatch: cannot write: it is a link to '.*/seeds/e/journal.jsonl', a file of the seed or sweep in" \
	"output: a sweep's script linked to a seed's journal" "$SMUGNET" sweep slurm "$O/sweep-link"
ln -s ../manifest.json "$O/sweep-link/results/1.json" && cp "$O/sweep-link/manifest.json" "$O/sweep-manifest.keep" ||
	fail "a result linked to its manifest"
case_ 4 "results/1.json: cannot write: it is a link to '.*/sweep-link/manifest.json', a file of the seed or sweep in" \
	"output: a sweep's result linked to its manifest" "$SMUGNET" sweep run "$O/sweep-link" --task 1
cmp -s "$O/v/seeds/e/journal.jsonl" "$O/journal.keep" && cmp -s "$O/sweep-link/manifest.json" "$O/sweep-manifest.keep" ||
	fail "a sweep's writer replaced a seed's journal or its manifest through a link"
case_ 0 " ok" "output: the seed after refused writes through links" "$SMUGNET" seeds --check --vault "$O/v"
# and so are the folders a sweep writes below its manifest: a journal
# over results/0.json replaced the result (collect then refused its check
# sum), a new file in results/ is a foreign result, collect/ holds its CSV
"$SMUGNET" sweep run "$O/sweep" --jobs 1 --quiet && "$SMUGNET" sweep collect "$O/sweep" --quiet >/dev/null ||
	fail "run and collect of a sweep"
cp "$O/sweep/results/0.json" "$O/result.keep" && cp "$O/sweep/collect/tasks.csv" "$O/tasks.keep" || fail "copies"
case_ 2 "0.json' is in the results/ folder of the sweep in '.*/sweep'" "output: a sweep's result" \
	"$SMUGNET" run --days 3 --journal "$O/sweep/results/0.json"
case_ 2 "7.json' is in the results/ folder of the sweep" "output: a new file in a sweep's results" \
	"$SMUGNET" run --days 3 --journal "$O/sweep/results/7.json"
case_ 2 "tasks.csv' is in the collect/ folder of the sweep" "output: a sweep's collected CSV" \
	"$SMUGNET" run --days 3 --journal "$O/sweep/collect/tasks.csv"
cmp -s "$O/sweep/results/0.json" "$O/result.keep" && cmp -s "$O/sweep/collect/tasks.csv" "$O/tasks.keep" &&
	[ ! -e "$O/sweep/results/7.json" ] || fail "a sweep's result or collected CSV was replaced"
# nor may an export's tables go there (seven foreign files to collect)
case_ 2 "sweep/results' is in the results/ folder of the sweep in '.*/sweep', which holds only results" \
	"output: export into a sweep's results" "$SMUGNET" export e --csv "$O/sweep/results" --vault "$O/v"
case_ 2 "results/new' is in the results/ folder of the sweep" "output: export into a new folder in a sweep's results" \
	"$SMUGNET" export e --csv "$O/sweep/results/new" --vault "$O/v"
# a vault a seed is saved into is an output folder too: in results/ its
# seeds/ was a foreign entry collect refused, in the seeds/ of
# $SMUGNET_VAULT (taken for the vault) one 'seeds' listed as unreadable
case_ 2 "run: --vault: '.*/sweep/results' is in the results/ folder of the sweep" "output: a vault in a sweep's results" \
	"$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --save r --vault "$O/sweep/results"
case_ 2 "run: --vault: '.*/v/seeds' is the vault's seeds folder" "output: a vault in seeds/ of \$SMUGNET_VAULT" \
	env SMUGNET_VAULT="$O/v" "$SMUGNET" run --days 3 --scenario "$SRCDIR/data/tiny.json" --save r --vault "$O/v/seeds"
ls -A "$O/v/seeds" | cmp -s - "$O/seeds.before" || fail "a refused save wrote into the vault: $(ls -A "$O/v/seeds")"
[ "$(ls -A "$O/sweep/results")" = 0.json ] || fail "a refused export wrote into results/: $(ls -A "$O/sweep/results")"
case_ 0 "wrote" "output: the sweep collects after refused journals" "$SMUGNET" sweep collect "$O/sweep"
# nor may a journal replace the file standard output goes to, by its
# name or as /dev/stdout: it did, and the run's records were lost (exit 0)
for j in "$O/both.jsonl" /dev/stdout; do
	"$SMUGNET" run --days 3 --scenario "$O/scenario.json" --journal "$j" >"$O/both.jsonl" 2>"$tmp/err"
	c_rc=$?
	[ $c_rc -eq 2 ] && grep -q "'$j' is the file standard output goes to" "$tmp/err" ||
		fail "a journal into standard output's file $j: exit $c_rc: $(cat "$tmp/err")"
	[ ! -s "$O/both.jsonl" ] || fail "a refused run wrote to $j: $(head -c 100 "$O/both.jsonl")"
	pass=$((pass + 1))
done
# another program's manifest.json beside a journal is none of smugnet's
mkdir -p "$O/web" && echo '{"name": "app", "start_url": "/"}' >"$O/web/manifest.json" && echo old >"$O/web/j.jsonl" ||
	fail "cannot make a folder with another manifest"
case_ 0 "" "output: a journal beside another program's manifest.json" \
	"$SMUGNET" run --days 3 --scenario "$O/scenario.json" --journal "$O/web/j.jsonl"
grep -q '"type":"header"' "$O/web/j.jsonl" || fail "the journal beside another manifest.json was not written: $(head -c 100 "$O/web/j.jsonl")"

# a world with more money than a seed holds exactly (here 100 wards'
# buyers of 1e12 credits each) is refused when loaded: it once ran with
# a wrapped 64-bit ledger (10,000 wards) or saved a seed no load accepted
"$SMUGNET" gen --wards 100 | sed 's/"treasury":\([^0-9]*\)2800000/"treasury":\12800000, "buyers": 1e12/' >"$tmp/rich.json"
grep -q '"buyers": 1e12' "$tmp/rich.json" || fail "no buyers put in the generated world: $(head -c 300 "$tmp/rich.json")"
case_ 3 "rich.json: ledger: the world starts with 100000005100000.00 credits .*, more than the 90071992547409.91 a seed holds" \
	"a world richer than a seed holds" "$SMUGNET" validate "$tmp/rich.json"

echo "$pass passed, 0 failed"
