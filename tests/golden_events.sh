#!/bin/sh
# The event stream pinned byte for byte: `smugnet run --events` over 10
# days of the tiny world with a crackdown (shipments created, checked,
# delayed, delivered, lost and seized, a route update, the crackdown set
# and expired), with day records every 5 days and the summary. The
# program's version is left out of the header. tests/test_cli.sh compares
# it with tests/golden/events-tiny.jsonl; `make update-golden` rewrites
# that file.
set -e
"$SMUGNET" run --scenario "$SRCDIR/data/tiny.json" --days 10 --events --every 5 --crackdown 'n:b|n:d@3-8' |
	sed 's/,"program":"[^"]*"//'
