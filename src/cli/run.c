/* smugnet run: headless simulation writing the JSON Lines contract of
 * DESIGN §9 — a header, a day record every --every days (counts over the
 * period), optional events, and a summary with the state digest, the
 * per-border customs stats and the per-faction results. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static const struct option run_options[] = {
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

/* What the options ask of a run. */
struct run_request {
	const char *scenario, *save, *load, *vault, *journal; /* NULL: not given */
	const char *crack[MAX_CRACKDOWNS], *clears[MAX_CRACKDOWNS], *sets[CLI_SETS_MAX], *branch[MAX_BRANCH];
	int n_crack, n_clears, n_sets, n_branch;
	/* the word right after each --branch value when it is no option: a
	 * value left unquoted ('--branch auto on') split there */
	const char *branch_next[MAX_BRANCH];
	long long days, every, seed; /* -1: not given */
	bool in_years;		     /* days came from --years */
	bool csv, auto_crack, events, quiet;
	enum csv_per per;
};

#define RUN_GO (-1) /* the options are read and the run goes ahead; else an exit status */

/* One more value of a repeatable option; past max, a usage error. */
static int run_list_add(const char **list, int *n, int max, const char *opt, const char *arg)
{
	if (*n == max)
		return cli_usage_error("run", "at most %d %s options", max, opt);
	list[(*n)++] = arg;
	return EXIT_OK;
}

/* --days N or --years N: one of them, not both (one would be dropped unsaid). */
static int run_days_option(struct run_request *r, int c, const char *arg)
{
	long long v;

	if (c == 'd') {
		if (r->in_years)
			return cli_usage_error("run", "--days and --years: give one of them, not both");
		return cli_int_option("run", "--days", arg, 0, 100000000, &r->days);
	}
	if (r->days >= 0 && !r->in_years)
		return cli_usage_error("run", "--days and --years: give one of them, not both");
	if (cli_int_option("run", "--years", arg, 0, 100000, &v) != EXIT_OK)
		return EXIT_USAGE;
	r->days = v * 365;
	r->in_years = true;
	return EXIT_OK;
}

/* One option c with its value arg into r: EXIT_OK, or a usage error said. */
static int run_option(struct run_request *r, int c, const char *arg)
{
	switch (c) {
	case 'd':
	case 'y': return run_days_option(r, c, arg);
	case 'S': return cli_int_option("run", "--seed", arg, 0, CLI_SEED_MAX, &r->seed);
	case 'e': return cli_int_option("run", "--every", arg, 1, 100000000, &r->every);
	case 'c': return run_list_add(r->crack, &r->n_crack, MAX_CRACKDOWNS, "--crackdown", arg);
	case 'C': return run_list_add(r->clears, &r->n_clears, MAX_CRACKDOWNS, "--clear-crackdown", arg);
	case 'x': return run_list_add(r->sets, &r->n_sets, CLI_SETS_MAX, "--set", arg);
	case 'b': return run_list_add(r->branch, &r->n_branch, MAX_BRANCH, "--branch", arg);
	case 'f':
		if (strcmp(arg, "csv") != 0 && strcmp(arg, "jsonl") != 0)
			return cli_usage_error("run", "--format: expected jsonl or csv, got '%s'", arg);
		r->csv = strcmp(arg, "csv") == 0;
		return EXIT_OK;
	case 'p':
		if (strcmp(arg, "faction") == 0)
			r->per = CSV_PER_FACTION;
		else if (strcmp(arg, "border") == 0)
			r->per = CSV_PER_BORDER;
		else
			return cli_usage_error("run", "--per: expected faction or border, got '%s'", arg);
		return EXIT_OK;
	case 's': r->scenario = arg; return EXIT_OK;
	case 'q': r->quiet = true; return EXIT_OK;
	case 'J': r->journal = arg; return EXIT_OK;
	case 'a': r->auto_crack = true; return EXIT_OK;
	case 'E': r->events = true; return EXIT_OK;
	case 'w': r->save = arg; return EXIT_OK;
	case 'l': r->load = arg; return EXIT_OK;
	case 'v': r->vault = arg; return EXIT_OK;
	default: return EXIT_USAGE; /* cli_getopt said why */
	}
}

/* The options together: what is required, names, and the ones that do
 * not go together. RUN_GO, or a usage error said. */
static int run_request_check(struct run_request *r, int argc, char **argv)
{
	if (optind < argc) {
		for (int i = 0; i < r->n_branch; i++)
			if (r->branch_next[i] == argv[optind])
				return cli_usage_error("run",
						       "unexpected argument '%s': --branch takes its change as one "
						       "argument; quote it, e.g. --branch '%s %s'",
						       argv[optind], r->branch[i], argv[optind]);
		return cli_usage_error("run", "unexpected argument '%s'", argv[optind]);
	}
	if (r->days < 0)
		return cli_usage_error("run", "--days N or --years N is required");
	if (cli_name_given("run", "--scenario", r->scenario) != EXIT_OK ||
	    cli_name_given("run", "--journal", r->journal) != EXIT_OK ||
	    cli_name_given("run", "--vault", r->vault) != EXIT_OK ||
	    cli_seed_name_given("run", "--load", r->load) != EXIT_OK ||
	    cli_seed_name_given("run", "--save", r->save) != EXIT_OK)
		return EXIT_USAGE;
	if (r->scenario && r->load)
		return cli_usage_error("run", "--scenario and --load cannot be used together");
	if (r->per != CSV_PER_DAY && !r->csv)
		return cli_usage_error("run", "--per goes with --format csv");
	if (r->csv && (r->events || r->n_branch))
		return cli_usage_error("run", "--format csv has no room for --events or --branch");
	if (r->n_branch && (r->save || r->journal || r->events))
		return cli_usage_error("run", "--branch prints both outcomes; --save, --journal and --events "
				       "go with a run without --branch");
	/* a --branch run prints no day records: --every was dropped unsaid */
	if (r->n_branch && r->every >= 0)
		return cli_usage_error("run", "--every sets how often a day record is printed; a --branch run "
				       "prints none (both summaries and the delta), so --every goes with a run "
				       "without --branch");
	if (r->every < 0)
		r->every = r->csv ? 1 : 30; /* CSV: one row per day unless asked otherwise */
	return RUN_GO;
}

/* The command line into r: RUN_GO, or the exit status of --help,
 * --version or a usage error. */
static int run_request_read(struct run_request *r, int argc, char **argv)
{
	int c, rc;

	while ((c = cli_getopt("run", argc, argv, "hV", run_options)) != -1) {
		if (c == 'h') {
			run_usage(stdout);
			return jsonl_close_stdout();
		}
		if (c == 'V') {
			printf("smugnet %s\n", smug_version());
			return jsonl_close_stdout();
		}
		if ((rc = run_option(r, c, optarg)) != EXIT_OK)
			return rc;
		/* getopt has not moved what follows yet: argv[optind] is the
		 * word typed after the value */
		if (c == 'b' && optind < argc && argv[optind][0] != '-')
			r->branch_next[r->n_branch - 1] = argv[optind];
	}
	return run_request_check(r, argc, argv);
}

/* The output's head: the JSON Lines header, or the CSV header row and
 * the table its rows go to (NULL for JSON Lines). */
static struct csv_run *run_output_start(const struct run_request *r, const struct smug_world *w)
{
	if (r->csv)
		return csv_run_start(w, r->per);
	printf("{\"type\":\"header\",\"format\":\"smugnet-run\",\"version\":1,\"scenario\":");
	jsonl_string(stdout, w->scenario_id);
	printf(",\"seed\":%llu,\"start_day\":%d,\"days\":%lld,\"program\":\"smugnet %s\"}\n",
	       (unsigned long long)w->seed, w->day, r->days, smug_version());
	return NULL;
}

/* The days of the run with their output: the header, a record every
 * r->every days and on the last, the events when asked, the summary.
 * The steering's schedules are applied after each day's record, which
 * shows the day as it was lived. EXIT_OK, or the exit status of a
 * schedule that failed (said). */
static int run_days(const struct run_request *r, const struct cli_setup *setup, struct smug_world *w,
		    uint64_t *seen)
{
	struct smug_counters period = {0}, run = {0};
	struct report_base start;
	struct progress prog;
	struct csv_run *table = run_output_start(r, w);
	int rc;

	report_base_take(&start, w);
	if (r->events)
		print_events(w, seen); /* crackdowns set before day 1 */
	progress_start(&prog, "run", "days", (long)r->days, r->quiet);
	for (long long d = 1; d <= r->days; d++) {
		smug_cmd_step(w, 1);
		smug_counters_add(&period, &w->tel.today);
		smug_counters_add(&run, &w->tel.today);
		if (r->events)
			print_events(w, seen);
		if (d % r->every == 0 || d == r->days) {
			if (table) {
				csv_run_row(table, w, &period);
			} else {
				report_day(stdout, w, &period);
				putchar('\n');
			}
			memset(&period, 0, sizeof period);
		}
		if ((rc = cli_crackdowns_due(setup, w)) != EXIT_OK) {
			csv_run_done(table);
			return rc;
		}
		progress_update(&prog, (long)d, 0);
		if (ferror(stdout))
			break;
	}
	progress_end(&prog);
	if (r->events)
		print_events(w, seen); /* schedules started after the last day */
	if (table) {
		csv_run_done(table);
	} else {
		report_summary(stdout, w, &run, &start);
		putchar('\n');
	}
	return EXIT_OK;
}

/* What the run keeps: the seed (--save) and the journal (--journal).
 * A run whose output failed stops before them: its world is not the one
 * asked for, so it replaces no seed and writes no journal. EXIT_OK, or
 * the exit status of what failed (said). */
static int run_keep(const struct run_request *r, const struct smug_world *w, const char *vault, int start_day)
{
	struct smug_error err;
	int rc;

	if ((r->save || r->journal) && jsonl_close_stdout() != EXIT_OK) {
		fprintf(stderr, "smugnet run: standard output failed after %d of %lld days: ", w->day - start_day,
			r->days);
		if (r->save)
			fprintf(stderr, "seed '%s' not saved%s", r->save, r->journal ? ", " : "\n");
		if (r->journal)
			fprintf(stderr, "journal '%s' not written\n", r->journal);
		return EXIT_WRITE;
	}
	if (r->save) {
		enum smug_status st = smug_vault_save(w, vault, r->save, &err);

		if (st != SMUG_OK) {
			jsonl_close_stdout();
			return cli_status_exit(st, err.msg);
		}
	}
	if (r->journal && (rc = cli_write_journal(w, r->journal)) != EXIT_OK) {
		jsonl_close_stdout();
		return rc;
	}
	return EXIT_OK;
}

/* The folder --journal writes in is there, now: a run of many days
 * wrote its journal at the end, then failed ("cannot write: No such
 * file or directory", exit 4), its days spent and a --save done. A
 * usage error naming the folder, else EXIT_OK. */
static int journal_folder_there(const char *journal)
{
	char folder[PATH_MAX + 1];
	struct stat st;

	if (journal[strlen(journal) - 1] == '/')
		return cli_usage_error("run", "--journal: '%s' names a folder; give a file", journal);
	cli_output_folder(journal, folder, sizeof folder);
	if (stat(folder, &st) != 0)
		return cli_usage_error("run", "--journal: '%s': its folder '%s' is not there", journal, folder);
	if (!S_ISDIR(st.st_mode))
		return cli_usage_error("run", "--journal: '%s': '%s' is not a folder", journal, folder);
	return EXIT_OK;
}

int cmd_run(int argc, char **argv)
{
	struct run_request r = {.days = -1, .every = -1, .seed = -1, .per = CSV_PER_DAY};
	char vault_buf[1024], other_buf[1024];
	const char *vault;
	struct cli_setup setup;
	struct smug_world *w = NULL;
	uint64_t seen = 0;
	int rc, start_day;

	if ((rc = run_request_read(&r, argc, argv)) != RUN_GO)
		return rc;
	vault = cli_vault_root(r.vault, vault_buf, sizeof vault_buf);
	if (r.journal && cli_output_spares(&(struct cli_output){.cmd = "run", .opt = "--journal", .path = r.journal,
								.input = r.scenario, .vault = vault}) != EXIT_OK)
		return EXIT_USAGE;
	if (r.journal && journal_folder_there(r.journal) != EXIT_OK)
		return EXIT_USAGE;
	/* a vault saved into is a folder the save writes in: not one in a
	 * sweep's results/, nor the default vault's seeds/ taken for a vault */
	if (r.save && r.vault &&
	    cli_output_spares(&(struct cli_output){.cmd = "run", .opt = "--vault", .path = r.vault, .folder = true,
						   .vault = cli_vault_root(NULL, other_buf, sizeof other_buf)}) != EXIT_OK)
		return EXIT_USAGE;
	setup = (struct cli_setup){
		.cmd = "run", .scenario_file = r.scenario, .seed = r.seed, .sets = r.sets, .n_sets = r.n_sets,
		.crackdowns = r.crack, .n_crackdowns = r.n_crack, .clears = r.clears, .n_clears = r.n_clears,
		.auto_crackdown = r.auto_crack, .keeps_journal = r.save || r.journal,
	};
	if ((rc = cli_world_open(&setup, r.load, vault, &w, &seen)) != EXIT_OK)
		return rc;
	/* days count from the world's first day, also on a loaded seed; only
	 * a saved seed keeps what is set after the last day (a --branch run
	 * saves nothing) */
	if ((rc = cli_crackdowns_within(&setup, w, w->day + r.days, r.save ? CLI_KEEPS_SEED : CLI_KEEPS_NOTHING)) !=
	    EXIT_OK) {
		smug_world_free(w);
		return rc;
	}
	start_day = w->day;
	if (r.n_branch)
		rc = cli_run_branch(&setup, w, r.branch, r.n_branch, r.days, r.quiet);
	else if ((rc = run_days(&r, &setup, w, &seen)) == EXIT_OK)
		rc = run_keep(&r, w, vault, start_day);
	smug_world_free(w);
	return rc != EXIT_OK ? rc : jsonl_close_stdout();
}
