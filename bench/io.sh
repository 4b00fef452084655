#!/bin/bash
# What a designer waits for around the simulation (a benchmark, not a
# test): saving and loading seeds (validate, diff, replay, export, seeds
# --check, a 36,000-ward seed) and the event stream of run --events, as
# CPU time (user + system) and peak RSS, medians of 3. Peak RSS needs GNU
# time (/usr/bin/time); without it only CPU time is shown. With a second
# program, each line shows it first, then the first: OLD -> NEW.
# Usage: bench/io.sh [SMUGNET [OLD_SMUGNET]]   (make bench-io)
set -eu
NEW=$(realpath "${1:-./smugnet}")
OLD=${2:+$(realpath "$2")}
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp"
"$NEW" run --years 10 --every 100000 --save a --vault v > /dev/null
"$NEW" run --years 10 --seed 8 --every 100000 --save b --vault v > /dev/null
"$NEW" gen --wards 36000 --seed 5 > w36k.json
"$NEW" run --scenario w36k.json --days 3 --every 100000 --save big --vault v > /dev/null
gnu_time=$([ -x /usr/bin/time ] && echo yes || echo no)
one() { # PROGRAM ARGS...: "CPU-seconds peak-KB" of one run (peak 0 without GNU time)
	rm -rf vs ex
	if [ $gnu_time = yes ]; then
		/usr/bin/time -f '%U %S %M' "$@" > /dev/null 2> t.txt
		tail -n 1 t.txt | awk '{ print $1 + $2, $3 }'
	else
		echo "$(timed /dev/null "$@" | cut -d' ' -f1) 0"
	fi
}
med3() { for i in 1 2 3; do one "$@"; done | sort -n | sed -n 2p; }
show() { # CPU KB
	if [ "$2" = 0 ]; then printf '%6.2f s' "$1"; else printf '%6.2f s %5d MB' "$1" $(($2 / 1024)); fi
}
row() { # NAME ARGS...
	local name=$1 n o
	shift
	n=$(med3 "$NEW" "$@")
	printf '%-30s ' "$name"
	if [ -n "$OLD" ]; then
		o=$(med3 "$OLD" "$@")
		show $o
		printf ' -> '
	fi
	show $n
	echo
}
echo "CPU time (user + system) and peak RSS, medians of 3${OLD:+; $OLD -> $NEW}"
row "run 10 years" run --years 10 --every 100000
row "run 10 years, save" run --years 10 --every 100000 --save x --vault vs
row "36,000 wards 3 days" run --scenario w36k.json --days 3 --every 100000
row "36,000 wards 3 days, save" run --scenario w36k.json --days 3 --every 100000 --save x --vault vs
row "validate a 10-year seed" validate v/seeds/a
row "diff two 10-year seeds" diff a b --vault v
row "replay a 10-year seed" replay a --vault v
row "export a 10-year seed" export a --csv ex --vault v
row "seeds --check (3 seeds)" seeds --vault v --check
row "load the 36,000-ward seed" run --load big --vault v --days 1 --every 100000
row "run 20 years --events" run --years 20 --events
