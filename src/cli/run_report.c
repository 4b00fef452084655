/* The run report shared by `smugnet run` and `smugnet sweep run`: the
 * period counters, the day record and the summary object of the JSON
 * Lines contract (DESIGN §9), with its health block (what a designer
 * tuning a world reads first: calibration, why decisions sent nothing,
 * how often the caps bind, money made or destroyed, balances) and the
 * TopK lists over all time and the rolling window. One writer, so a
 * sweep task's summary is byte for byte the summary `run` prints with
 * the same settings. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#define CALIBRATION_MIN_CROSSINGS 30

void report_base_take(struct report_base *b, const struct smug_world *w)
{
	memset(b, 0, sizeof *b);
	b->day = w->day;
	b->plan = w->tel.plan;
	memcpy(b->by_reason, w->ledger.by_reason, sizeof b->by_reason);
	b->minted = w->ledger.minted;
	b->burned = w->ledger.burned;
	/* a run from the world's first day (none simulated yet) counts the
	 * money the world was made with: its health then reports the same
	 * minted total as the ledger, not 0 beside the ledger's figure */
	if (w->day == w->start_day) {
		b->minted -= b->by_reason[SMUG_TX_INITIAL_BALANCE];
		b->by_reason[SMUG_TX_INITIAL_BALANCE] = 0;
	}
	for (int f = 0; f < w->n_factions && f < SMUG_FACTIONS_MAX; f++)
		b->balance[f] = w->ledger.accounts[w->factions[f].account].balance;
}

static double share(int64_t part, int64_t whole)
{
	return whole > 0 ? (double)part / (double)whole : 0;
}

/* How the smuggling factions' balances moved over the run: their summed
 * change, and the two parts it is made of. profit is the run's trading
 * profit (sales less purchases, tariffs, bribes and seizure penalties: the
 * summary's profit); upkeep is what the factions paid their home wards'
 * crews. Nothing else moves a faction's money, so total = profit - upkeep
 * to the cent, and a designer reading a profit beside falling balances
 * sees where the difference went. */
static void report_balance_change(FILE *f, const struct smug_world *w, const struct report_base *b,
				  const struct smug_counters *c)
{
	int64_t total = 0;

	for (int i = 0; i < w->n_factions && i < SMUG_FACTIONS_MAX; i++)
		if (w->factions[i].runs_network)
			total += w->ledger.accounts[w->factions[i].account].balance - b->balance[i];
	fprintf(f, ",\"balance_change\":{");
	jsonl_money(f, "total", total, false);
	jsonl_money(f, "profit", c->profit, true);
	jsonl_money(f, "upkeep", w->ledger.by_reason[SMUG_TX_UPKEEP] - b->by_reason[SMUG_TX_UPKEEP], true);
	fprintf(f, "}");
}

static void report_health(FILE *f, const struct smug_world *w, const struct report_base *b,
			  const struct smug_counters *c)
{
	const struct smug_plan_counters *p = &w->tel.plan, *p0 = &b->plan;
	int64_t decisions = p->decisions - p0->decisions;
	double mae;
	int pairs;
	bool first = true;

	smug_calibration(w, CALIBRATION_MIN_CROSSINGS, &mae, &pairs);
	fprintf(f, ",\"health\":{\"days\":%d,\"calibration\":{\"error\":%.4f,\"pairs\":%d,"
		   "\"min_crossings\":%d}",
		w->day - b->day, mae, pairs, CALIBRATION_MIN_CROSSINGS);
	fprintf(f, ",\"decisions\":{\"made\":%lld,\"sent\":%lld,\"explored\":%lld,\"skipped\":{",
		(long long)decisions, (long long)(p->sent - p0->sent), (long long)(p->explored - p0->explored));
	for (int r = SMUG_SKIP_NONE + 1; r < SMUG_SKIP_COUNT; r++)
		fprintf(f, "%s\"%s\":%.4f", r > SMUG_SKIP_NONE + 1 ? "," : "", smug_skip_key((enum smug_skip)r),
			share(p->skipped[r] - p0->skipped[r], decisions));
	fprintf(f, "}},\"cap_binding_share\":%.4f,\"bribe_short_share\":%.4f",
		share(p->cap_days - p0->cap_days, p->days - p0->days),
		share(p->budget_short_days - p0->budget_short_days, p->budget_days - p0->budget_days));
	fprintf(f, ",\"money\":{");
	jsonl_money(f, "minted", w->ledger.minted - b->minted, false);
	jsonl_money(f, "burned", w->ledger.burned - b->burned, true);
	fprintf(f, ",\"by_reason\":[");
	for (int r = 0; r < SMUG_TX_REASON_COUNT; r++) {
		bool mint = smug_tx_reason_mints((enum smug_tx_reason)r);

		if (!mint && !smug_tx_reason_burns((enum smug_tx_reason)r))
			continue;
		fprintf(f, "%s{\"reason\":\"%s\",\"kind\":\"%s\"", first ? "" : ",",
			smug_tx_reason_name((enum smug_tx_reason)r), mint ? "mint" : "burn");
		jsonl_money(f, "amount", w->ledger.by_reason[r] - b->by_reason[r], true);
		fprintf(f, "}");
		first = false;
	}
	fprintf(f, "],\"flows\":[");
	first = true;
	for (int r = 0; r < SMUG_TX_REASON_COUNT; r++) {
		if (smug_tx_reason_mints((enum smug_tx_reason)r) || smug_tx_reason_burns((enum smug_tx_reason)r))
			continue;
		fprintf(f, "%s{\"reason\":\"%s\"", first ? "" : ",", smug_tx_reason_name((enum smug_tx_reason)r));
		jsonl_money(f, "amount", w->ledger.by_reason[r] - b->by_reason[r], true);
		fprintf(f, "}");
		first = false;
	}
	fprintf(f, "]},\"balances\":[");
	first = true;
	for (int i = 0; i < w->n_factions && i < SMUG_FACTIONS_MAX; i++) {
		if (!w->factions[i].runs_network)
			continue;
		fprintf(f, "%s{\"id\":", first ? "" : ",");
		jsonl_string(f, w->factions[i].id);
		jsonl_money(f, "start", b->balance[i], true);
		jsonl_money(f, "end", w->ledger.accounts[w->factions[i].account].balance, true);
		fprintf(f, "}");
		first = false;
	}
	fprintf(f, "]");
	report_balance_change(f, w, b, c);
	fprintf(f, "}");
}

static void report_topk_list(FILE *f, const char *name, const struct smug_topk *t, bool rate)
{
	fprintf(f, ",\"%s\":[", name);
	for (int i = 0; i < t->n; i++) {
		fprintf(f, "%s{\"key\":", i ? "," : "");
		jsonl_string(f, t->e[i].key);
		if (rate)
			fprintf(f, ",\"score\":%.4f}", t->e[i].score);
		else
			fprintf(f, ",\"score\":%.0f}", t->e[i].score);
	}
	fprintf(f, "]");
}

static void report_topk(FILE *f, const struct smug_world *w)
{
	static const struct {
		const char *all, *window;
		enum smug_topk_kind kind;
		bool rate;
	} lists[] = {
		{"routes_all", "routes_window", SMUG_TOPK_ROUTES, false},
		{"borders_all", "borders_window", SMUG_TOPK_BORDERS, false},
		{"factions_all", "factions_window", SMUG_TOPK_FACTIONS, true},
	};
	struct smug_topk list;
	int days = w->tel.n_topk_days;

	fprintf(f, ",\"topk\":{\"window_days\":%d", days);
	for (int l = 0; l < 3; l++) {
		smug_topk_all(w, lists[l].kind, &list);
		report_topk_list(f, lists[l].all, &list, lists[l].rate);
		smug_topk_window(w, lists[l].kind, days, &list);
		report_topk_list(f, lists[l].window, &list, lists[l].rate);
	}
	fprintf(f, "}");
}

void report_counts(FILE *f, const struct smug_counters *c)
{
	fprintf(f, ",\"shipments_created\":%lld,\"delivered\":%lld,\"seized\":%lld,\"lost\":%lld",
		(long long)c->shipments_created, (long long)c->delivered, (long long)c->seized,
		(long long)c->lost);
	jsonl_money(f, "bribes_spent", c->bribes_spent, true);
	jsonl_money(f, "profit", c->profit, true);
}

void report_day(FILE *f, const struct smug_world *w, const struct smug_counters *period)
{
	fprintf(f, "{\"type\":\"day\",\"day\":%d", w->day);
	report_counts(f, period);
	fprintf(f, ",\"in_transit\":%d}", w->n_shipments);
}

void report_summary(FILE *f, const struct smug_world *w, const struct smug_counters *c,
		    const struct report_base *base)
{
	bool first = true;

	fprintf(f, "{\"type\":\"summary\",\"day\":%d,\"digest\":\"%016llx\"", w->day,
		(unsigned long long)smug_world_digest(w));
	report_counts(f, c);
	fprintf(f, ",\"in_transit\":%d,\"ledger\":{\"conserved\":%s", w->n_shipments,
		smug_ledger_conserved(&w->ledger) ? "true" : "false");
	jsonl_money(f, "total", smug_ledger_total(&w->ledger), true);
	jsonl_money(f, "minted", w->ledger.minted, true);
	jsonl_money(f, "burned", w->ledger.burned, true);
	fprintf(f, "}");
	report_health(f, w, base, c);
	report_topk(f, w);
	fprintf(f, ",\"borders\":[");
	for (int i = 0; i < w->n_corridors; i++) {
		const struct smug_corridor *k = &w->corridors[i];
		const struct smug_border_stats *b = &w->border_stats[i];

		if (!k->border || b->traffic == 0)
			continue;
		fprintf(f, "%s{\"id\":", first ? "" : ",");
		jsonl_string(f, k->id);
		fprintf(f, ",\"from\":");
		jsonl_string(f, w->wards[w->nodes[k->a].ward].id);
		fprintf(f, ",\"to\":");
		jsonl_string(f, w->wards[w->nodes[k->b].ward].id);
		fprintf(f, ",\"traffic\":%lld,\"checks\":%lld,\"inspections\":%lld,\"seizures\":%lld",
			(long long)b->traffic, (long long)b->checks, (long long)b->inspections,
			(long long)b->seizures);
		jsonl_money(f, "bribes", b->bribes, true);
		jsonl_money(f, "tariffs", b->tariffs, true);
		fprintf(f, ",\"crackdown\":%s}", smug_world_crackdown_on(w, i) ? "true" : "false");
		first = false;
	}
	fprintf(f, "],\"factions\":[");
	first = true;
	for (int i = 0; i < w->n_factions; i++) {
		const struct smug_faction *fa = &w->factions[i];

		if (!fa->runs_network)
			continue;
		fprintf(f, "%s{\"id\":", first ? "" : ",");
		jsonl_string(f, fa->id);
		jsonl_money(f, "balance", w->ledger.accounts[fa->account].balance, true);
		fprintf(f, ",\"shipments\":%lld,\"delivered\":%lld,\"seized\":%lld,\"lost\":%lld",
			(long long)fa->net.shipments, (long long)fa->net.delivered,
			(long long)fa->net.seized, (long long)fa->net.lost);
		jsonl_money(f, "bribes", fa->net.bribes_spent, true);
		fprintf(f, ",\"success_rate\":%.4f}", smug_network_success_rate(&fa->net));
		first = false;
	}
	fprintf(f, "]}");
}
