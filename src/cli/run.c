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
#define MAX_BRANCH 16

static void id_or_null(struct jsonl_buf *b, const char *id)
{
	if (id)
		jb_string(b, id);
	else
		JB_LIT(b, "null");
}

/* ,"bribe_map":[{"border":ID,"amount":x}, ...]: what the shipment offers
 * at each border of its route (smuggling_bribe_map), in route order. */
static void bribe_map(struct jsonl_buf *b, const struct smug_world *w, const struct smug_shipment *s)
{
	bool first = true;

	JB_LIT(b, ",\"bribe_map\":[");
	for (int k = 0; k + 1 < s->n_nodes; k++)
		for (int j = 0; j < s->n_bribes; j++) {
			if (s->bribe_map[j].corridor != s->corridors[k])
				continue;
			if (!first)
				JB_LIT(b, ",");
			JB_LIT(b, "{\"border\":");
			jb_string(b, w->corridors[s->corridors[k]].id);
			JB_LIT(b, ",\"amount\":");
			jb_money(b, s->bribe_map[j].amount);
			JB_LIT(b, "}");
			first = false;
		}
	JB_LIT(b, "]");
}

static void print_events(const struct smug_world *w, uint64_t *seen)
{
	const struct smug_telemetry *t = &w->tel;
	uint64_t fresh = t->events_total - *seen;
	char text[SMUG_EVENT_TEXT_MAX];
	struct jsonl_buf b = {.f = stdout, .len = 0};

	if (fresh > (uint64_t)t->event_count)
		fresh = (uint64_t)t->event_count;
	for (int i = t->event_count - (int)fresh; i < t->event_count; i++) {
		const struct smug_event *e = smug_event_at(t, i);
		const struct smug_shipment *s;
		const char *kind;

		JB_LIT(&b, "{\"type\":\"event\",\"day\":");
		jb_int(&b, e->day);
		JB_LIT(&b, ",\"kind\":\"");
		kind = smug_event_kind_name(e->kind);
		jb_raw(&b, kind, strlen(kind));
		JB_LIT(&b, "\",\"faction\":");
		id_or_null(&b, e->faction >= 0 ? w->factions[e->faction].id : NULL);
		JB_LIT(&b, ",\"corridor\":");
		id_or_null(&b, e->corridor >= 0 ? w->corridors[e->corridor].id : NULL);
		JB_LIT(&b, ",\"shipment\":");
		if (e->shipment)
			jb_uint(&b, (unsigned long long)e->shipment);
		else
			JB_LIT(&b, "null");
		JB_LIT(&b, ",\"commodity\":");
		id_or_null(&b, e->commodity >= 0 ? smug_commodity_name((enum smug_commodity)e->commodity) : NULL);
		JB_LIT(&b, ",\"amount\":");
		jb_money(&b, e->amount);
		JB_LIT(&b, ",\"source\":");
		id_or_null(&b, e->src_ward >= 0 ? w->wards[e->src_ward].id : NULL);
		JB_LIT(&b, ",\"demand\":");
		id_or_null(&b, e->dst_ward >= 0 ? w->wards[e->dst_ward].id : NULL);
		s = e->shipment ? smug_shipment_find(w, e->shipment) : NULL;
		JB_LIT(&b, ",\"route\":");
		if (s) { /* printed the day it happened: the shipment is still known */
			JB_LIT(&b, "[");
			for (int k = 0; k + 1 < s->n_nodes; k++) {
				if (k)
					JB_LIT(&b, ",");
				jb_string(&b, w->corridors[s->corridors[k]].id);
			}
			JB_LIT(&b, "],\"bribe_total\":");
			jb_money(&b, s->bribe_budget_total);
			bribe_map(&b, w, s);
		} else {
			JB_LIT(&b, "null,\"bribe_total\":null,\"bribe_map\":null");
		}
		JB_LIT(&b, ",\"detail\":");
		jb_string(&b, smug_event_text(w, e, text, sizeof text));
		JB_LIT(&b, "}\n");
	}
	jb_flush(&b);
	*seen = t->events_total;
}

static void run_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet run (--days N | --years N) [--scenario FILE | --load NAME] [--seed S]\n"
		   "                   [--every N] [--crackdown ID[@FROM[-TO]][:I]]... [--clear-crackdown ID@DAY]...\n"
		   "                   [--auto-crackdown] [--events]\n"
		   "                   [--set KEY=V]... [--save NAME] [--vault DIR] [--journal FILE] [--quiet]\n"
		   "                   [--branch 'crackdown ID[@FROM[-TO]][:I]'|'clear ID'|'set KEY=V'|'auto on|off']...\n"
		   "                   [--format jsonl|csv] [--per faction|border]\n"
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
		{"vault", required_argument, NULL, 'v'},     {"set", required_argument, NULL, 'x'},
		{"quiet", no_argument, NULL, 'q'},	     {"journal", required_argument, NULL, 'J'},
		{"branch", required_argument, NULL, 'b'},   {"format", required_argument, NULL, 'f'},
		{"per", required_argument, NULL, 'p'},      {"clear-crackdown", required_argument, NULL, 'C'},
		{NULL, 0, NULL, 0},
	};
	const char *scenario = NULL, *crack[MAX_CRACKDOWNS], *clears[MAX_CRACKDOWNS], *sets[CLI_SETS_MAX], *save = NULL,
		   *load = NULL, *vault = NULL, *journal = NULL, *branch[MAX_BRANCH];
	char vault_buf[1024];
	long long days = -1, every = -1, seed = -1, v;
	bool csv = false;
	enum csv_per per = CSV_PER_DAY;
	struct csv_run *table = NULL;
	int n_crack = 0, n_clears = 0, n_sets = 0, n_branch = 0, c, rc;
	bool auto_crack = false, events = false, quiet = false, in_years = false;
	struct progress prog;
	struct cli_setup setup;
	struct smug_world *w = NULL;
	struct smug_counters period = {0}, run = {0};
	struct report_base start;
	struct smug_error err;
	uint64_t seen = 0;

	while ((c = cli_getopt("run", argc, argv, "hV", opts)) != -1) {
		switch (c) {
		case 'd':
			if (in_years) /* with both, one would be dropped unsaid */
				return cli_usage_error("run", "--days and --years: give one of them, not both");
			if (cli_int_option("run", "--days", optarg, 0, 100000000, &days) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'y':
			if (days >= 0 && !in_years)
				return cli_usage_error("run", "--days and --years: give one of them, not both");
			if (cli_int_option("run", "--years", optarg, 0, 100000, &v) != EXIT_OK)
				return EXIT_USAGE;
			days = v * 365;
			in_years = true;
			break;
		case 's': scenario = optarg; break;
		case 'S':
			if (cli_int_option("run", "--seed", optarg, 0, CLI_SEED_MAX, &seed) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'e':
			if (cli_int_option("run", "--every", optarg, 1, 100000000, &every) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'c':
			if (n_crack == MAX_CRACKDOWNS)
				return cli_usage_error("run", "at most %d --crackdown options", MAX_CRACKDOWNS);
			crack[n_crack++] = optarg;
			break;
		case 'C':
			if (n_clears == MAX_CRACKDOWNS)
				return cli_usage_error("run", "at most %d --clear-crackdown options", MAX_CRACKDOWNS);
			clears[n_clears++] = optarg;
			break;
		case 'x':
			if (n_sets == CLI_SETS_MAX)
				return cli_usage_error("run", "at most %d --set options", CLI_SETS_MAX);
			sets[n_sets++] = optarg;
			break;
		case 'q': quiet = true; break;
		case 'J': journal = optarg; break;
		case 'f':
			if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "jsonl") != 0)
				return cli_usage_error("run", "--format: expected jsonl or csv, got '%s'", optarg);
			csv = strcmp(optarg, "csv") == 0;
			break;
		case 'p':
			if (strcmp(optarg, "faction") == 0)
				per = CSV_PER_FACTION;
			else if (strcmp(optarg, "border") == 0)
				per = CSV_PER_BORDER;
			else
				return cli_usage_error("run", "--per: expected faction or border, got '%s'", optarg);
			break;
		case 'b':
			if (n_branch == MAX_BRANCH)
				return cli_usage_error("run", "at most %d --branch options", MAX_BRANCH);
			branch[n_branch++] = optarg;
			break;
		case 'a': auto_crack = true; break;
		case 'E': events = true; break;
		case 'w': save = optarg; break;
		case 'l': load = optarg; break;
		case 'v': vault = optarg; break;
		case 'h': run_usage(stdout); return jsonl_close_stdout();
		case 'V': printf("smugnet %s\n", smug_version()); return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error("run", "unexpected argument '%s'", argv[optind]);
	if (days < 0)
		return cli_usage_error("run", "--days N or --years N is required");
	if (cli_name_given("run", "--scenario", scenario) != EXIT_OK ||
	    cli_name_given("run", "--journal", journal) != EXIT_OK ||
	    cli_name_given("run", "--vault", vault) != EXIT_OK || cli_seed_name_given("run", "--load", load) != EXIT_OK ||
	    cli_seed_name_given("run", "--save", save) != EXIT_OK)
		return EXIT_USAGE;
	if (scenario && load)
		return cli_usage_error("run", "--scenario and --load cannot be used together");
	if (per != CSV_PER_DAY && !csv)
		return cli_usage_error("run", "--per goes with --format csv");
	if (csv && (events || n_branch))
		return cli_usage_error("run", "--format csv has no room for --events or --branch");
	if (every < 0)
		every = csv ? 1 : 30; /* CSV: one row per day unless asked otherwise */
	if (n_branch && (save || journal || events))
		return cli_usage_error("run", "--branch prints both outcomes; --save, --journal and --events "
				       "go with a run without --branch");
	if (journal && cli_output_spares("run", "--journal", journal, scenario) != EXIT_OK)
		return EXIT_USAGE;
	vault = cli_vault_root(vault, vault_buf, sizeof vault_buf);
	setup = (struct cli_setup){
		.cmd = "run", .scenario_file = scenario, .seed = seed, .sets = sets, .n_sets = n_sets,
		.crackdowns = crack, .n_crackdowns = n_crack, .clears = clears, .n_clears = n_clears,
		.auto_crackdown = auto_crack, .keeps_journal = save || journal,
	};
	if ((rc = cli_world_open(&setup, load, vault, &w, &seen)) != EXIT_OK)
		return rc;
	/* days count from the world's first day, also on a loaded seed; only
	 * a saved seed keeps what is set after the last day (a --branch run
	 * saves nothing) */
	if ((rc = cli_crackdowns_within(&setup, w, w->day + days, save ? CLI_KEEPS_SEED : CLI_KEEPS_NOTHING)) !=
	    EXIT_OK) {
		smug_world_free(w);
		return rc;
	}

	if (n_branch) {
		rc = cli_run_branch(&setup, w, branch, n_branch, days, quiet);
		smug_world_free(w);
		return rc != EXIT_OK ? rc : jsonl_close_stdout();
	}
	if (csv) {
		table = csv_run_start(w, per);
	} else {
		printf("{\"type\":\"header\",\"format\":\"smugnet-run\",\"version\":1,\"scenario\":");
		jsonl_string(stdout, w->scenario_id);
		printf(",\"seed\":%llu,\"start_day\":%d,\"days\":%lld,\"program\":\"smugnet %s\"}\n",
		       (unsigned long long)w->seed, w->day, days, smug_version());
	}
	report_base_take(&start, w);
	if (events)
		print_events(w, &seen); /* crackdowns set before day 1 */
	progress_start(&prog, "run", "days", (long)days, quiet);
	for (long long d = 1; d <= days; d++) {
		smug_cmd_step(w, 1);
		smug_counters_add(&period, &w->tel.today);
		smug_counters_add(&run, &w->tel.today);
		if (events)
			print_events(w, &seen);
		if (d % every == 0 || d == days) {
			if (table) {
				csv_run_row(table, w, &period);
			} else {
				report_day(stdout, w, &period);
				putchar('\n');
			}
			memset(&period, 0, sizeof period);
		}
		/* after the day's record, which shows the day as it was lived */
		if ((rc = cli_crackdowns_due(&setup, w)) != EXIT_OK) {
			csv_run_done(table);
			smug_world_free(w);
			return rc;
		}
		progress_update(&prog, (long)d, 0);
		if (ferror(stdout))
			break;
	}
	progress_end(&prog);
	if (events)
		print_events(w, &seen); /* schedules started after the last day */
	if (table) {
		csv_run_done(table);
	} else {
		report_summary(stdout, w, &run, &start);
		putchar('\n');
	}
	/* a run whose output failed stops there: its world is not the one
	 * asked for, so it replaces no seed and writes no journal */
	if ((save || journal) && jsonl_close_stdout() != EXIT_OK) {
		fprintf(stderr, "smugnet run: standard output failed after %d of %lld days: ", w->day - start.day, days);
		if (save)
			fprintf(stderr, "seed '%s' not saved%s", save, journal ? ", " : "\n");
		if (journal)
			fprintf(stderr, "journal '%s' not written\n", journal);
		smug_world_free(w);
		return EXIT_WRITE;
	}
	if (save) {
		enum smug_status st = smug_vault_save(w, vault, save, &err);

		if (st != SMUG_OK) {
			smug_world_free(w);
			jsonl_close_stdout();
			return cli_status_exit(st, err.msg);
		}
	}
	if (journal && (rc = cli_write_journal(w, journal)) != EXIT_OK) {
		smug_world_free(w);
		jsonl_close_stdout();
		return rc;
	}
	smug_world_free(w);
	return jsonl_close_stdout();
}
