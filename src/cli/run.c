/* smugnet run: headless simulation writing the JSON Lines contract of
 * DESIGN §9 — a header, a day record every --every days (counts over the
 * period), optional events, and a summary with the state digest, the
 * per-border customs stats and the per-faction results. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

#define MAX_CRACKDOWNS 64

static void print_counts(const struct smug_counters *c)
{
	printf(",\"shipments_created\":%lld,\"delivered\":%lld,\"seized\":%lld,\"lost\":%lld",
	       (long long)c->shipments_created, (long long)c->delivered, (long long)c->seized,
	       (long long)c->lost);
	jsonl_money(stdout, "bribes_spent", c->bribes_spent, true);
	jsonl_money(stdout, "profit", c->profit, true);
}

static void print_id_or_null(const char *key, const char *id)
{
	printf(",\"%s\":", key);
	if (id)
		jsonl_string(stdout, id);
	else
		printf("null");
}

static void print_events(const struct smug_world *w, uint64_t *seen)
{
	const struct smug_telemetry *t = &w->tel;
	uint64_t fresh = t->events_total - *seen;

	if (fresh > (uint64_t)t->event_count)
		fresh = (uint64_t)t->event_count;
	for (int i = t->event_count - (int)fresh; i < t->event_count; i++) {
		const struct smug_event *e = smug_event_at(t, i);

		printf("{\"type\":\"event\",\"day\":%d,\"kind\":\"%s\"", e->day,
		       smug_event_kind_name(e->kind));
		print_id_or_null("faction", e->faction >= 0 ? w->factions[e->faction].id : NULL);
		print_id_or_null("corridor", e->corridor >= 0 ? w->corridors[e->corridor].id : NULL);
		if (e->shipment)
			printf(",\"shipment\":%llu", (unsigned long long)e->shipment);
		else
			printf(",\"shipment\":null");
		print_id_or_null("commodity", e->commodity >= 0 ? smug_commodity_name((enum smug_commodity)e->commodity) : NULL);
		jsonl_money(stdout, "amount", e->amount, true);
		printf(",\"detail\":");
		jsonl_string(stdout, e->detail);
		printf("}\n");
	}
	*seen = t->events_total;
}

static void print_summary(const struct smug_world *w, const struct smug_counters *c)
{
	bool first = true;

	printf("{\"type\":\"summary\",\"day\":%d,\"digest\":\"%016llx\"", w->day,
	       (unsigned long long)smug_world_digest(w));
	print_counts(c);
	printf(",\"in_transit\":%d,\"ledger\":{\"conserved\":%s", w->n_shipments,
	       smug_ledger_conserved(&w->ledger) ? "true" : "false");
	jsonl_money(stdout, "total", smug_ledger_total(&w->ledger), true);
	jsonl_money(stdout, "minted", w->ledger.minted, true);
	jsonl_money(stdout, "burned", w->ledger.burned, true);
	printf("},\"borders\":[");
	for (int i = 0; i < w->n_corridors; i++) {
		const struct smug_corridor *k = &w->corridors[i];
		const struct smug_border_stats *b = &w->border_stats[i];

		if (!k->border || b->traffic == 0)
			continue;
		printf("%s{\"id\":", first ? "" : ",");
		jsonl_string(stdout, k->id);
		printf(",\"from\":");
		jsonl_string(stdout, w->wards[w->nodes[k->a].ward].id);
		printf(",\"to\":");
		jsonl_string(stdout, w->wards[w->nodes[k->b].ward].id);
		printf(",\"traffic\":%lld,\"checks\":%lld,\"inspections\":%lld,\"seizures\":%lld",
		       (long long)b->traffic, (long long)b->checks, (long long)b->inspections,
		       (long long)b->seizures);
		jsonl_money(stdout, "bribes", b->bribes, true);
		jsonl_money(stdout, "tariffs", b->tariffs, true);
		printf(",\"crackdown\":%s}", smug_world_crackdown_on(w, i) ? "true" : "false");
		first = false;
	}
	printf("],\"factions\":[");
	first = true;
	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_faction *fa = &w->factions[f];

		if (!fa->runs_network)
			continue;
		printf("%s{\"id\":", first ? "" : ",");
		jsonl_string(stdout, fa->id);
		jsonl_money(stdout, "balance", w->ledger.accounts[fa->account].balance, true);
		printf(",\"shipments\":%lld,\"delivered\":%lld,\"seized\":%lld,\"lost\":%lld",
		       (long long)fa->net.shipments, (long long)fa->net.delivered,
		       (long long)fa->net.seized, (long long)fa->net.lost);
		jsonl_money(stdout, "bribes", fa->net.bribes_spent, true);
		printf(",\"success_rate\":%.4f}", smug_network_success_rate(&fa->net));
		first = false;
	}
	printf("]}\n");
}

static void run_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet run (--days N | --years N) [--scenario FILE | --load NAME] [--seed S]\n"
		   "                   [--every N] [--crackdown CORRIDOR_ID]... [--auto-crackdown] [--events]\n"
		   "                   [--save NAME] [--vault DIR]\n"
		   "Run headless; JSON Lines on standard output (see smugnet(1)).\n");
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"days", required_argument, NULL, 'd'},	     {"years", required_argument, NULL, 'y'},
		{"scenario", required_argument, NULL, 's'},  {"seed", required_argument, NULL, 'S'},
		{"every", required_argument, NULL, 'e'},     {"crackdown", required_argument, NULL, 'c'},
		{"auto-crackdown", no_argument, NULL, 'a'},  {"events", no_argument, NULL, 'E'},
		{"help", no_argument, NULL, 'h'},	     {"version", no_argument, NULL, 'V'},
		{"save", required_argument, NULL, 'w'},	     {"load", required_argument, NULL, 'l'},
		{"vault", required_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	const char *scenario = NULL, *crack[MAX_CRACKDOWNS], *save = NULL, *load = NULL, *vault = NULL;
	char vault_buf[1024];
	long long days = -1, every = 30, seed = -1, v;
	int n_crack = 0, c, rc;
	bool auto_crack = false, events = false;
	struct smug_world *w = NULL;
	struct smug_counters period = {0}, run = {0};
	struct smug_error err;
	uint64_t seen;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!cli_parse_int(optarg, 100000000, &days))
				return cli_usage_error("run", "--days: expected a whole number, got '%s'", optarg);
			break;
		case 'y':
			if (!cli_parse_int(optarg, 100000, &v))
				return cli_usage_error("run", "--years: expected a whole number, got '%s'", optarg);
			days = v * 365;
			break;
		case 's': scenario = optarg; break;
		case 'S':
			if (!cli_parse_int(optarg, 9007199254740991LL, &seed))
				return cli_usage_error("run", "--seed: expected a whole number, got '%s'", optarg);
			break;
		case 'e':
			if (!cli_parse_int(optarg, 100000000, &every) || every < 1)
				return cli_usage_error("run", "--every: expected a positive number, got '%s'", optarg);
			break;
		case 'c':
			if (n_crack == MAX_CRACKDOWNS)
				return cli_usage_error("run", "at most %d --crackdown options", MAX_CRACKDOWNS);
			crack[n_crack++] = optarg;
			break;
		case 'a': auto_crack = true; break;
		case 'E': events = true; break;
		case 'w': save = optarg; break;
		case 'l': load = optarg; break;
		case 'v': vault = optarg; break;
		case 'h': run_usage(stdout); return jsonl_close_stdout();
		case 'V': printf("smugnet %s\n", smug_version()); return jsonl_close_stdout();
		default: return cli_usage_error("run", "invalid option");
		}
	}
	if (optind < argc)
		return cli_usage_error("run", "unexpected argument '%s'", argv[optind]);
	if (days < 0)
		return cli_usage_error("run", "--days N or --years N is required");
	if (scenario && load)
		return cli_usage_error("run", "--scenario and --load cannot be used together");
	if (save && !smug_seed_name_valid(save))
		return cli_usage_error("run", "--save: '%s' is not a valid seed name", save);
	vault = cli_vault_root(vault, vault_buf, sizeof vault_buf);
	if (load) {
		enum smug_status st = smug_vault_load(vault, load, &w, &err);

		if (st != SMUG_OK)
			return cli_status_exit(st, err.msg);
	} else if ((rc = cli_load_world(scenario, &w)) != EXIT_OK) {
		return rc;
	}
	if (seed >= 0 && smug_world_reseed(w, (uint64_t)seed, &err) != SMUG_OK) {
		fprintf(stderr, "smugnet run: %s\n", err.msg);
		smug_world_free(w);
		return EXIT_RUNTIME;
	}
	for (int i = 0; i < n_crack; i++)
		if (smug_cmd_crackdown_set(w, crack[i], 1.0, -1, &err) != SMUG_OK) {
			smug_world_free(w);
			return cli_usage_error("run", "%s", err.msg);
		}
	if (auto_crack)
		smug_cmd_auto_crackdown(w, true);

	printf("{\"type\":\"header\",\"format\":\"smugnet-run\",\"version\":1,\"scenario\":");
	jsonl_string(stdout, w->scenario_id);
	printf(",\"seed\":%llu,\"start_day\":%d,\"days\":%lld,\"program\":\"smugnet %s\"}\n",
	       (unsigned long long)w->seed, w->day, days, smug_version());
	seen = w->tel.events_total;
	for (long long d = 1; d <= days; d++) {
		smug_cmd_step(w, 1);
		smug_counters_add(&period, &w->tel.today);
		smug_counters_add(&run, &w->tel.today);
		if (events)
			print_events(w, &seen);
		if (d % every == 0 || d == days) {
			printf("{\"type\":\"day\",\"day\":%d", w->day);
			print_counts(&period);
			printf(",\"in_transit\":%d}\n", w->n_shipments);
			memset(&period, 0, sizeof period);
		}
		if (ferror(stdout))
			break;
	}
	print_summary(w, &run);
	if (save) {
		enum smug_status st = smug_vault_save(w, vault, save, &err);

		if (st != SMUG_OK) {
			smug_world_free(w);
			jsonl_close_stdout();
			return cli_status_exit(st, err.msg);
		}
	}
	smug_world_free(w);
	return jsonl_close_stdout();
}
