#!/bin/sh
# corpus.sh [--write]: the fuzz corpora, made from seeds that $SMUGNET
# (default ./smugnet) saves on data/tiny.json: days 0, 2 and 5, and 6
# days with a crackdown, automatic crackdowns and a knob set (so the
# journal holds commands). With --write (`make fuzz-corpus`) it writes
# $SRCDIR/tests/fuzz/corpus_{scenario,seed,seed_dir,journal}: the
# scenario, each snapshot.json, each seed folder as the seed_dir harness
# reads it (a mode byte 0, 3 or 7, then the files joined by
# "\n#FILE#\n") and each journal.jsonl.
#
# Without --write (`make check`) it writes nothing: it saves the same
# seeds and fails when a corpus file is not at the seed, snapshot and
# journal format versions the program writes now (a corpus of an older
# format stops every fuzzed input at the version check), or when a seed
# folder carries another hash of data/tiny.json than the program computes
# (the loader refuses such a seed before it reads its state), or when a
# seed of the corpus, saved by the program that wrote it, does not load.
set -eu
check=true
if [ "${1:-}" = --write ]; then
	check=false
fi
SMUGNET=${SMUGNET:-./smugnet}
SRCDIR=${SRCDIR:-.}
FUZZ=$SRCDIR/tests/fuzz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

save() { # NAME ARGS...: a seed of the tiny scenario in $tmp/vault
	name=$1
	shift
	"$SMUGNET" run --scenario "$SRCDIR/data/tiny.json" --save "$name" --vault "$tmp/vault" "$@" >/dev/null
}
save tiny-t0 --days 0
save tiny-t2 --days 2
save tiny-t5 --days 5
save tiny-tc --days 6 --crackdown 'n:b|n:d' --auto-crackdown --set smuggling.learning_rate=0.3

versions() { # FILE: the format versions a file carries, one a line
	grep -ao -e '"version_major":[[:space:]]*[0-9]*' -e '"format":[[:space:]]*"smugnet-[a-z]*",[[:space:]]*"version":[[:space:]]*[0-9]*' \
		"$1" | tr -d ' \t' | sort -u
}

scenario_hash() { # FILE: the first scenario_hash a file carries
	grep -ao '"scenario_hash":[[:space:]]*"[0-9a-f]*"' "$1" | head -n 1 | sed 's/.*"\([0-9a-f]*\)"$/\1/'
}

if $check; then
	want_seed=$( (versions "$tmp/vault/seeds/tiny-t5/manifest.json"; versions "$tmp/vault/seeds/tiny-t5/snapshot.json") | sort -u)
	want_journal=$(versions "$tmp/vault/seeds/tiny-t5/journal.jsonl")
	bad=0
	for f in "$FUZZ"/corpus_seed/* "$FUZZ"/corpus_seed_dir/* "$FUZZ"/corpus_journal/*; do
		case $f in
		*/corpus_seed/*) want=$(versions "$tmp/vault/seeds/tiny-t5/snapshot.json") ;;
		*/corpus_seed_dir/*) want="$want_seed
$want_journal" ;;
		*) want=$want_journal ;;
		esac
		want=$(echo "$want" | sort -u)
		got=$(versions "$f")
		if [ "$got" != "$want" ]; then
			echo "FAIL: ${f#"$SRCDIR"/} carries $(echo "$got" | tr '\n' ' ')but this program writes $(echo "$want" | tr '\n' ' ')(run make fuzz-corpus)"
			bad=1
		fi
	done
	want=$(scenario_hash "$tmp/vault/seeds/tiny-t5/manifest.json")
	for f in "$FUZZ"/corpus_seed_dir/*; do
		got=$(scenario_hash "$f")
		if [ "$got" != "$want" ]; then
			echo "FAIL: ${f#"$SRCDIR"/} carries scenario_hash $got, but this program hashes data/tiny.json as $want (run make fuzz-corpus)"
			bad=1
		fi
	done
	# the seeds of the corpus, saved by the program that wrote it, load:
	# the state is described as it was then (a field dropped from or added
	# to the description without a new format version changes the digest
	# of every seed saved before, and the loader refuses them all)
	for f in "$FUZZ"/corpus_seed_dir/*-mode0; do
		name=$(basename "$f" -mode0)
		mkdir -p "$tmp/old/seeds/$name"
		tail -c +2 "$f" | awk -v dir="$tmp/old/seeds/$name" 'BEGIN {
			RS = "\n#FILE#\n"; ORS = ""
			split("manifest.json snapshot.json smuggling.json ledger_accounts.json customs_borders.json journal.jsonl scenario.json", file, " ")
		} { print > (dir "/" file[NR]) }'
		if ! "$SMUGNET" run --load "$name" --vault "$tmp/old" --days 1 --quiet >/dev/null 2>"$tmp/err"; then
			echo "FAIL: the seed ${f#"$SRCDIR"/} does not load: $(cat "$tmp/err")"
			bad=1
		fi
	done
	[ $bad = 0 ] && echo "the fuzz corpora are at the formats this program writes, and their seeds load"
	exit $bad
fi

mkdir -p "$FUZZ/corpus_scenario" "$FUZZ/corpus_seed" "$FUZZ/corpus_seed_dir" "$FUZZ/corpus_journal"
cp "$SRCDIR/data/tiny.json" "$FUZZ/corpus_scenario/tiny.json"
for name in tiny-t0 tiny-t2 tiny-t5 tiny-tc; do
	d=$tmp/vault/seeds/$name
	cp "$d/snapshot.json" "$FUZZ/corpus_seed/$name.json"
	cp "$d/journal.jsonl" "$FUZZ/corpus_journal/$name.jsonl"
	for mode in 0 3 7; do
		out=$FUZZ/corpus_seed_dir/$name-mode$mode
		printf "\\00$mode" >"$out"
		sep=
		for file in manifest.json snapshot.json smuggling.json ledger_accounts.json customs_borders.json \
			journal.jsonl scenario.json; do
			printf "$sep" >>"$out"
			cat "$d/$file" >>"$out"
			sep='\n#FILE#\n'
		done
	done
done
echo "wrote the fuzz corpora in $FUZZ"
