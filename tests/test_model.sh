#!/bin/sh
# The model's headless experiments as a designer runs them: a scheduled
# crackdown drives traffic off its border and it comes back once the
# crackdown ends (by schedule or by --clear-crackdown); crackdown events
# reach --events; shipment events name their wards, route and bribes;
# explain sees the same day as run, from a scenario or a loaded seed;
# no bribe budget means no bribes; the summary's health block adds up,
# its minted the ledger's from the world's first day, 0 from a seed.
set -u
SMUGNET=${SMUGNET:-./smugnet}
SRCDIR=${SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail() { echo "FAIL: $*"; echo "$pass passed, 1 failed"; exit 1; }
expect_rc() { want=$1; shift; "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; [ $rc -eq "$want" ] || fail "$* exited $rc, expected $want: $(cat "$tmp/err")"; pass=$((pass + 1)); }
py() { python3 - "$@" || fail "python check failed: $*"; pass=$((pass + 1)); }
V="--vault $tmp/vault"
# the checks read CSV and JSON with python3 (.ci/run installs it)
command -v python3 >/dev/null 2>&1 || { echo "SKIP: tests/test_model.sh needs python3"; exit 77; }

# the default world's busiest border over the first 90 days
expect_rc 0 "$SMUGNET" run --days 90 --format csv --per border --quiet
B=$(python3 -c '
import csv, sys, collections
t = collections.Counter()
for r in csv.DictReader(open(sys.argv[1])): t[r["border"]] += int(r["traffic"])
print(sorted(t.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])' "$tmp/out")
[ -n "$B" ] || fail "no busiest border"

# cat and mouse: the border's share of all crossings before, during and
# after a crackdown on days 91-180, scheduled or cleared from the CLI
share() { # csv border: the shares before/during/after, the crackdown days
	python3 - "$@" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]))); b = sys.argv[2]
tot = [0, 0, 0]; on = [0, 0, 0]; days = set()
for r in rows:
    d = int(r["day"]); p = 0 if d <= 90 else 1 if d <= 180 else 2
    tot[p] += int(r["traffic"])
    if r["border"] == b:
        on[p] += int(r["traffic"])
        if r["crackdown"] == "1": days.add(d)
s = [on[i] / tot[i] for i in range(3)]
print("%s: share before %.4f, during %.4f, after %.4f" % (sys.argv[3], s[0], s[1], s[2]), file=sys.stderr)
assert s[1] < 0.5 * s[0], "traffic did not fall during the crackdown: %r" % s
assert s[2] > 2 * s[1] and s[2] > 0.4 * s[0], "traffic did not come back after it: %r" % s
assert sorted(days) == list(range(91, 181)), "crackdown on days %d-%d (%d days)" % (min(days), max(days), len(days))
PY
}
expect_rc 0 "$SMUGNET" run --days 270 --format csv --per border --quiet --crackdown "$B@91-180"
share "$tmp/out" "$B" "scheduled @91-180" || fail "scheduled crackdown on $B"
pass=$((pass + 1))
expect_rc 0 "$SMUGNET" run --days 270 --format csv --per border --quiet --crackdown "$B@91" --clear-crackdown "$B@181"
share "$tmp/out" "$B" "@91 cleared @181" || fail "crackdown on $B cleared from the CLI"
pass=$((pass + 1))

# crackdown events reach --events: set before day 1, planned, cleared
expect_rc 0 "$SMUGNET" run --days 20 --events --quiet --crackdown "$B" --clear-crackdown "$B@11" --crackdown "$B@15-16"
py "$tmp/out" "$B" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if '"type":"event"' in l]
cr = [(e["day"], e["kind"]) for e in ev if e["kind"].startswith("CRACKDOWN") and e["corridor"] == sys.argv[2]]
assert cr[:3] == [(0, "CRACKDOWN_TARGET_ACTIVATED"), (10, "CRACKDOWN_TARGET_CLEARED"),
                  (14, "CRACKDOWN_TARGET_ACTIVATED")], cr
PY

# shipment events: source, demand, route and bribes, in credits
expect_rc 0 "$SMUGNET" run --days 60 --events --quiet
py "$tmp/out" <<'PY'
import json, re, sys
lines = [l for l in open(sys.argv[1]) if '"type":"event"' in l]
ev = [json.loads(l) for l in lines]
ship = [e for e in ev if e["kind"] in ("SMUGGLING_SHIPMENT_CREATED", "SMUGGLING_SHIPMENT_DELIVERED",
                                       "SMUGGLING_SHIPMENT_SEIZED", "SMUGGLING_SHIPMENT_LOST")]
assert len(ship) > 500 and any(e["kind"] == "SMUGGLING_SHIPMENT_SEIZED" for e in ship)
for e in ship:
    assert e["source"] and e["demand"] and e["source"] != e["demand"], e
    assert e["route"] and e["bribe_total"] is not None and e["bribe_total"] >= 0, e
    if e["kind"] == "SMUGGLING_SHIPMENT_CREATED":
        # the detail's "bribes X" is the same credits as bribe_total, and
        # "N hops" ("1 hop") the route's length
        m = re.search(r"(\d+) hops?, bribes ([0-9.]+)", e["detail"])
        assert m and int(m.group(1)) == len(e["route"]) and float(m.group(2)) == e["bribe_total"], e
    if e["kind"] == "SMUGGLING_SHIPMENT_SEIZED":
        assert e["corridor"] in e["route"], e
first = {}
for e in ship:
    first.setdefault(e["shipment"], e)
for e in ship:  # a shipment keeps its wards, route and bribes to the end
    f = first[e["shipment"]]
    assert (e["source"], e["demand"], e["route"], e["bribe_total"]) == \
        (f["source"], f["demand"], f["route"], f["bribe_total"]), (f, e)
# money in events is credits with two decimals, never minor units
for l in lines:
    for k in ("amount", "bribe_total"):
        m = re.search('"%s":(-?[0-9.]+)' % k, l)
        assert m is None or re.fullmatch(r"-?\d+\.\d\d", m.group(1)), l
PY

# explain sees the day run lives: from the scenario or from a seed, with
# the same schedule
expect_rc 0 "$SMUGNET" run --days 20 --quiet --save s20 $V
expect_rc 0 "$SMUGNET" explain --day 25 --json --crackdown "$B@22"
cp "$tmp/out" "$tmp/explain_scenario"
expect_rc 0 "$SMUGNET" explain --day 25 --json --load s20 $V --crackdown "$B@22"
cmp -s "$tmp/out" "$tmp/explain_scenario" || fail "explain --load differs from explain on the scenario"
expect_rc 0 "$SMUGNET" explain --day 25 --json
cmp -s "$tmp/out" "$tmp/explain_scenario" && fail "explain ignores --crackdown"
expect_rc 0 "$SMUGNET" explain --day 25 --json --load s20 $V --auto-crackdown --set crackdown.cooldown_days=3
# a day of the seed's past is shown as the seed lived it: no schedule
expect_rc 2 "$SMUGNET" explain --day 20 --load s20 $V --crackdown "$B@22"
expect_rc 2 "$SMUGNET" explain --day 30 --load s20 $V --scenario "$SRCDIR/data/tiny.json"
expect_rc 3 "$SMUGNET" explain --day 30 --load nope $V
expect_rc 2 "$SMUGNET" explain --day 30 --crackdown "$B@9-3"

# --clear-crackdown usage errors
expect_rc 2 "$SMUGNET" run --days 5 --clear-crackdown "$B"
expect_rc 2 "$SMUGNET" run --days 5 --clear-crackdown "nowhere@3"
expect_rc 2 "$SMUGNET" run --days 5 --load s20 $V --clear-crackdown "$B@20"

# no bribe budget, no bribes; the health block adds up
expect_rc 0 "$SMUGNET" run --days 120 --quiet --set smuggling.bribe_budget_fraction=0
tail -n 1 "$tmp/out" > "$tmp/nobribe"
expect_rc 0 "$SMUGNET" run --days 120 --quiet
tail -n 1 "$tmp/out" > "$tmp/bribe"
py "$tmp/nobribe" "$tmp/bribe" <<'PY'
import json, sys
no, yes = (json.load(open(p)) for p in sys.argv[1:3])
assert no["bribes_spent"] == 0 and all(b["bribes"] == 0 for b in no["borders"]), no["bribes_spent"]
assert yes["bribes_spent"] > 0
rate = lambda s: sum(b["seizures"] for b in s["borders"]) / sum(b["traffic"] for b in s["borders"])
assert rate(no) > rate(yes), (rate(no), rate(yes))
for s in (no, yes):
    h = s["health"]; d = h["decisions"]
    assert h["days"] == 120
    assert d["made"] > 0 and 0 < d["sent"] <= d["made"] and d["explored"] <= d["sent"]
    assert d["sent"] == s["shipments_created"]
    assert abs(sum(d["skipped"].values()) + d["sent"] / d["made"] - 1) < 0.001, d
    # a run from the world's first day counts the money the world was made
    # with: the health's minted is the ledger's, all of it the opening mint
    assert h["money"]["minted"] == s["ledger"]["minted"] == 2430000, (h["money"], s["ledger"])
    assert h["money"]["burned"] == 0
    assert [(r["reason"], r["amount"]) for r in h["money"]["by_reason"]] == [("INITIAL_BALANCE", 2430000)]
    assert [b["id"] for b in h["balances"]] == [f["id"] for f in s["factions"]]
    assert [b["end"] for b in h["balances"]] == [f["balance"] for f in s["factions"]]
    # the factions' balances move by the run's profit less upkeep, to the cent,
    # and the flows list holds every reason that moves money between accounts
    c = h["balance_change"]
    assert round(sum(b["end"] - b["start"] for b in h["balances"]), 2) == c["total"], c
    assert c["profit"] == s["profit"] and c["upkeep"] > 0, c
    assert round(c["profit"] - c["upkeep"], 2) == c["total"], c
    fl = {r["reason"]: r["amount"] for r in h["money"]["flows"]}
    assert fl["UPKEEP"] == c["upkeep"] and fl["CUSTOMS_BRIBE"] == s["bribes_spent"], fl
    assert round(fl["SMUGGLING_PROFIT"] - fl["CARGO_PURCHASE"] - fl["CUSTOMS_TARIFF"]
                 - fl["CUSTOMS_BRIBE"] - fl["SEIZURE_PENALTY"], 2) == c["profit"], (fl, c)
    assert 0 <= h["cap_binding_share"] <= 1 and 0 <= h["calibration"]["error"] < 0.1
    t = s["topk"]
    assert t["window_days"] == 30 and t["routes_window"] and t["borders_window"]
    assert sum(b["score"] for b in t["borders_window"]) < sum(b["score"] for b in t["borders_all"])
PY
# a run from a seed starts from the seed's balances
expect_rc 0 "$SMUGNET" run --days 10 --quiet --load s20 $V
py "$tmp/out" "$tmp/vault" <<'PY'
import json, sys
s = json.loads(open(sys.argv[1]).read().splitlines()[-1])
assert s["health"]["days"] == 10 and s["day"] == 30
# the opening mint was before this run: none in its health, all in the ledger
assert s["health"]["money"]["minted"] == 0 and s["ledger"]["minted"] == 2430000, (s["health"]["money"], s["ledger"])
assert any(b["start"] != b["end"] for b in s["health"]["balances"])
c = s["health"]["balance_change"]
assert round(sum(b["end"] - b["start"] for b in s["health"]["balances"]), 2) == c["total"]
assert round(c["profit"] - c["upkeep"], 2) == c["total"] and c["profit"] == s["profit"], c
PY
# the same under the crackdown planner, on a generated world
"$SMUGNET" gen --wards 120 --seed 5 > "$tmp/gen120.json" || fail "gen"
expect_rc 0 "$SMUGNET" run --days 200 --quiet --auto-crackdown --scenario "$tmp/gen120.json"
py "$tmp/out" <<'PY'
import json, sys
s = json.loads(open(sys.argv[1]).read().splitlines()[-1])
c = s["health"]["balance_change"]
assert s["shipments_created"] > 0 and c["upkeep"] > 0
assert round(sum(b["end"] - b["start"] for b in s["health"]["balances"]), 2) == c["total"], c
assert round(c["profit"] - c["upkeep"], 2) == c["total"] and c["profit"] == s["profit"], c
PY
echo "$pass passed, 0 failed"
