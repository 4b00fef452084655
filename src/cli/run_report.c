/* The run report shared by `smugnet run` and `smugnet sweep run`: the
 * period counters, the day record and the summary object of the JSON
 * Lines contract (DESIGN §9). One writer, so a sweep task's summary is
 * byte for byte the summary `run` prints with the same settings. */
#include <stdio.h>

#include "cli/cli.h"

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

void report_summary(FILE *f, const struct smug_world *w, const struct smug_counters *c)
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
	fprintf(f, "},\"borders\":[");
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
