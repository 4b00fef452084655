/* smugnet explain: run to a day and show every routing decision of that
 * day — the demand and source drivers, every candidate route with its
 * per-edge terms, the winner, its margin and the smallest change that
 * would flip it — as a text report or one JSON document. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* A route as text: every node id of the longest route and a '>' between
 * them, NUL included (512 bytes cut routes of long ids mid-id). */
#define ROUTE_TEXT_MAX (SMUG_ROUTE_MAX_NODES * SMUG_ID_MAX)

static void text_decision(const struct smug_world *w, const struct smug_decision *d,
			  const struct smug_explanation *x, int no)
{
	char money[32], budget[32], route[ROUTE_TEXT_MAX];
	int id_w = 26; /* the edges' id column: as wide as the decision's longest (long node ids pushed
			* their row's terms out of line) */

	for (int i = 0; i < x->n_cand; i++)
		for (int e = 0; e + 1 < x->cand[i].n_nodes; e++) {
			int k = (int)strlen(w->corridors[x->cand[i].edges[e].corridor].id);

			id_w = k > id_w ? k : id_w;
		}
	smug_money_format(d->value, money, sizeof money);
	smug_money_format(d->bribe_budget, budget, sizeof budget);
	printf("#%d  %s  %s  %s -> %s   cargo %s cr   bribe budget %s cr\n", no,
	       w->factions[d->faction].id, smug_commodity_name(d->commodity),
	       d->src_ward >= 0 ? w->wards[d->src_ward].id : "-",
	       d->dst_ward >= 0 ? w->wards[d->dst_ward].id : "-", money, budget);
	printf("    demand %.3f =", d->demand.score);
	for (int i = 0; i < SMUG_DEMAND_TERMS; i++)
		printf(" %s %.3f%s", smug_demand_term_names[i], d->demand.term[i], i + 1 < SMUG_DEMAND_TERMS ? " +" : "");
	printf("\n    source %.3f =", d->source.score);
	for (int i = 0; i < SMUG_SOURCE_TERMS; i++)
		printf(" %s %.3f%s", smug_source_term_names[i], d->source.term[i], i + 1 < SMUG_SOURCE_TERMS ? " +" : "");
	printf("\n    %-4s %10s %10s %10s %8s %4s  %s\n", "#", "score", "exp.loss", "exp.cost",
	       "travel", "days", "route");
	for (int i = 0; i < x->n_cand; i++) {
		const struct smug_explain_candidate *c = &x->cand[i];

		smug_route_format(w, c->nodes, c->n_nodes, route, sizeof route);
		/* '*' the winner; 'e' the exploration pick sent in its place */
		printf("  %s %-4d %10.2f %10.2f %10.2f %8.2f %4d  %s\n",
		       i == d->winner ? "*" : d->explore && i == d->chosen ? "e" : " ",
		       i + 1, c->score / 100, c->expected_loss / 100, c->expected_cost / 100,
		       c->travel_term / 100, c->travel_days, route);
		for (int e = 0; e + 1 < c->n_nodes; e++) {
			const struct smug_explain_edge *g = &c->edges[e];

			printf("         %-8s %-*s risk_est %.3f cost_est %.3f  loss %8.2f cost %8.2f  %s\n",
			       g->border ? "border" : "corridor", id_w, w->corridors[g->corridor].id,
			       g->risk_est, g->cost_est, g->expected_loss / 100, g->expected_cost / 100,
			       g->known ? "learned" : "prior");
		}
	}
	if (d->winner >= 0)
		printf("    winner #%d, margin %.2f cr over the runner-up; %s\n", d->winner + 1,
		       d->margin / 100, x->flip);
	if (d->skipped[0])
		printf("    no shipment: %s\n", d->skipped);
	else if (d->shipment && d->explore)
		/* not the winner's route: the pick's number and the score it was
		 * picked by (its stale edges at their prior) */
		printf("    shipment %llu sent on candidate #%d, the exploration pick%s (score %.2f with its stale "
		       "edges at their prior), with bribes %.2f cr\n", (unsigned long long)d->shipment, d->chosen + 1,
		       d->chosen == d->winner ? ", also the winner" : "", d->explore_score / 100,
		       (double)d->bribe_total / 100);
	else if (d->shipment)
		printf("    shipment %llu sent with bribes %.2f cr\n", (unsigned long long)d->shipment,
		       (double)d->bribe_total / 100);
	printf("\n");
}

static void json_num(const char *key, double v, bool comma)
{
	printf("%s\"%s\":%.6f", comma ? "," : "", key, v);
}

static void json_decision(const struct smug_world *w, const struct smug_decision *d,
			  const struct smug_explanation *ex)
{
	char route[ROUTE_TEXT_MAX];

	printf("{\"faction\":");
	jsonl_string(stdout, w->factions[d->faction].id);
	printf(",\"commodity\":\"%s\",\"source\":", smug_commodity_name(d->commodity));
	if (d->src_ward >= 0)
		jsonl_string(stdout, w->wards[d->src_ward].id);
	else
		printf("null");
	printf(",\"demand\":");
	if (d->dst_ward >= 0)
		jsonl_string(stdout, w->wards[d->dst_ward].id);
	else
		printf("null");
	printf(",\"demand_score\":{");
	json_num("score", d->demand.score, false);
	for (int i = 0; i < SMUG_DEMAND_TERMS; i++)
		json_num(smug_demand_term_names[i], d->demand.term[i], true);
	printf("},\"source_score\":{");
	json_num("score", d->source.score, false);
	for (int i = 0; i < SMUG_SOURCE_TERMS; i++)
		json_num(smug_source_term_names[i], d->source.term[i], true);
	printf("}");
	jsonl_money(stdout, "value", d->value, true);
	jsonl_money(stdout, "bribe_budget", d->bribe_budget, true);
	printf(",\"candidates\":[");
	for (int i = 0; i < ex->n_cand; i++) {
		const struct smug_explain_candidate *c = &ex->cand[i];

		smug_route_format(w, c->nodes, c->n_nodes, route, sizeof route);
		printf("%s{\"route\":", i ? "," : "");
		jsonl_string(stdout, route);
		json_num("score", c->score / 100, true);
		json_num("expected_loss", c->expected_loss / 100, true);
		json_num("expected_cost", c->expected_cost / 100, true);
		json_num("travel_term", c->travel_term / 100, true);
		printf(",\"travel_days\":%d,\"edges\":[", c->travel_days);
		for (int e = 0; e + 1 < c->n_nodes; e++) {
			const struct smug_explain_edge *x = &c->edges[e];

			printf("%s{\"id\":", e ? "," : "");
			jsonl_string(stdout, w->corridors[x->corridor].id);
			printf(",\"border\":%s,\"known\":%s", x->border ? "true" : "false",
			       x->known ? "true" : "false");
			json_num("risk_est", x->risk_est, true);
			json_num("cost_est", x->cost_est, true);
			json_num("expected_loss", x->expected_loss / 100, true);
			json_num("expected_cost", x->expected_cost / 100, true);
			printf("}");
		}
		printf("]}");
	}
	printf("],\"winner\":%d", d->winner);
	json_num("margin", d->margin / 100, true);
	/* the candidate sent (the winner, or the exploration pick) */
	printf(",\"chosen\":%d,\"explore\":%s,\"explore_score\":", d->chosen, d->explore ? "true" : "false");
	if (d->explore)
		printf("%.6f", d->explore_score / 100);
	else
		printf("null");
	printf(",\"flip\":");
	jsonl_string(stdout, ex->flip);
	printf(",\"skipped\":");
	if (d->skipped[0])
		jsonl_string(stdout, d->skipped);
	else
		printf("null");
	printf(",\"shipment\":");
	if (d->shipment)
		printf("%llu", (unsigned long long)d->shipment);
	else
		printf("null");
	jsonl_money(stdout, "bribe_total", d->bribe_total, true);
	printf("}");
}

#define EXPLAIN_MAX 64 /* --crackdown, --clear-crackdown and --set options each */

static void explain_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet explain --day N [--scenario FILE | --load NAME [--vault DIR]] [--seed S]\n"
		   "                       [--crackdown ID[@FROM[-TO]][:I]]... [--clear-crackdown ID@DAY]...\n"
		   "                       [--auto-crackdown] [--set KEY=V]... [--faction ID] [--json] [--quiet]\n"
		   "Run to day N (as smugnet run would) and show every routing decision of that day with its terms.\n"
		   "With --load, a day at or before the seed's is rebuilt from its scenario and journal.\n");
}

/* --day at or before a loaded seed's day: *w becomes the seed's world as
 * it stood the day before, rebuilt from its scenario and journal as the
 * cockpit's rewind rebuilds it (to the seed's day, which must be the
 * seed, then back from the copies kept on the way), so the day is
 * explained as the seed lived it. Steering options would start at the
 * seed's day, after the day asked: they are refused. On a terminal
 * (without --quiet) a progress line counts the seed's days rebuilt
 * (seconds on a long seed), erased before the decisions. */
static bool rebuild_told(void *ctx, int day, int to_day)
{
	struct progress *p = ctx;

	progress_update(p, p->total - (to_day - day), 0);
	return true;
}

static int seed_past(const struct cli_setup *s, const char *load, long long day, bool quiet,
		     struct smug_world **w)
{
	struct smug_world *r = NULL;
	struct smug_timeline *t;
	struct smug_error err;
	enum smug_status st;
	int first = (*w)->start_day + 1, at = (*w)->day;
	struct progress prog;
	char what[128];

	if (load == NULL || day < first) {
		smug_world_free(*w);
		return cli_usage_error("explain", "--day %lld: the first simulated day is %d", day, load ? first : at + 1);
	}
	if (s->n_sets || s->n_crackdowns || s->n_clears || s->auto_crackdown) {
		smug_world_free(*w);
		return cli_usage_error("explain",
				       "--day %lld is in seed '%s''s past (it is at day %d) and is shown as the seed "
				       "lived it: --set, --crackdown, --clear-crackdown and --auto-crackdown would "
				       "start at day %d; leave them out, or ask for a later day",
				       day, load, at, at + 1);
	}
	snprintf(what, sizeof what, "explain: rebuilding seed '%s' from its scenario and journal", load);
	progress_start(&prog, what, "days", at - (*w)->start_day, quiet);
	progress_update(&prog, 0, 0);
	t = smug_timeline_new(SMUG_TIMELINE_BUDGET);
	smug_timeline_reset(t, *w);
	smug_timeline_set_progress(t, rebuild_told, &prog);
	st = smug_timeline_rewind(t, *w, (int)day - 1, &r, &err);
	smug_timeline_free(t);
	progress_erase(&prog);
	smug_world_free(*w);
	*w = NULL;
	if (st != SMUG_OK) {
		fprintf(stderr, "smugnet explain: --day %lld: ", day);
		return cli_status_exit(st, err.msg);
	}
	*w = r;
	return EXIT_OK;
}

static const struct option explain_options[] = {
	{"day", required_argument, NULL, 'd'},	    {"scenario", required_argument, NULL, 's'},
	{"seed", required_argument, NULL, 'S'},	    {"faction", required_argument, NULL, 'f'},
	{"json", no_argument, NULL, 'j'},	    {"help", no_argument, NULL, 'h'},
	{"load", required_argument, NULL, 'l'},	    {"vault", required_argument, NULL, 'v'},
	{"crackdown", required_argument, NULL, 'c'}, {"clear-crackdown", required_argument, NULL, 'C'},
	{"auto-crackdown", no_argument, NULL, 'a'}, {"set", required_argument, NULL, 'x'},
	{"quiet", no_argument, NULL, 'q'},	    {NULL, 0, NULL, 0},
};

/* What the options ask of explain. */
struct explain_request {
	const char *scenario, *faction, *load, *vault; /* NULL: not given */
	const char *crack[EXPLAIN_MAX], *clears[EXPLAIN_MAX], *sets[EXPLAIN_MAX];
	int n_crack, n_clears, n_sets;
	long long day, seed; /* -1: not given */
	bool json, auto_crack, quiet;
};

#define EXPLAIN_GO (-1) /* the options are read and explain goes ahead; else an exit status */

/* One option c with its value arg into r: EXIT_OK, or a usage error said. */
static int explain_option(struct explain_request *r, int c, const char *arg)
{
	switch (c) {
	case 'd':
		/* days count from 1; 0 passes here so that seed_past
		 * can say where this world's days start */
		if (!cli_parse_int(arg, 100000000, &r->day))
			return cli_usage_error("explain", "--day: expected a whole number in [1,100000000], "
					       "got '%s'", arg);
		return EXIT_OK;
	case 'S': return cli_int_option("explain", "--seed", arg, 0, CLI_SEED_MAX, &r->seed);
	case 'c':
	case 'C':
	case 'x': {
		const char **list = c == 'c' ? r->crack : c == 'C' ? r->clears : r->sets;
		int *n = c == 'c' ? &r->n_crack : c == 'C' ? &r->n_clears : &r->n_sets;

		if (*n == EXPLAIN_MAX)
			return cli_usage_error("explain", "at most %d of each of --crackdown, "
					       "--clear-crackdown and --set", EXPLAIN_MAX);
		list[(*n)++] = arg;
		return EXIT_OK;
	}
	case 's': r->scenario = arg; return EXIT_OK;
	case 'f': r->faction = arg; return EXIT_OK;
	case 'j': r->json = true; return EXIT_OK;
	case 'l': r->load = arg; return EXIT_OK;
	case 'v': r->vault = arg; return EXIT_OK;
	case 'a': r->auto_crack = true; return EXIT_OK;
	case 'q': r->quiet = true; return EXIT_OK;
	default: return EXIT_USAGE; /* cli_getopt said why */
	}
}

/* The command line into r: EXPLAIN_GO, or the exit status of --help or
 * a usage error. */
static int explain_request_read(struct explain_request *r, int argc, char **argv)
{
	int c, rc;

	while ((c = cli_getopt("explain", argc, argv, "h", explain_options)) != -1) {
		if (c == 'h') {
			explain_usage(stdout);
			return jsonl_close_stdout();
		}
		if ((rc = explain_option(r, c, optarg)) != EXIT_OK)
			return rc;
	}
	if (optind < argc)
		return cli_usage_error("explain", "unexpected argument '%s'", argv[optind]);
	if (r->day < 0)
		return cli_usage_error("explain", "--day N is required");
	if (cli_name_given("explain", "--scenario", r->scenario) != EXIT_OK ||
	    cli_name_given("explain", "--vault", r->vault) != EXIT_OK ||
	    cli_seed_name_given("explain", "--load", r->load) != EXIT_OK)
		return EXIT_USAGE;
	if (r->scenario && r->load)
		return cli_usage_error("explain", "--scenario and --load cannot be used together");
	return EXPLAIN_GO;
}

/* *w from the day before r->day to the end of that day, as `smugnet run`
 * lives the days, schedules included; the progress line is erased before
 * the decisions are printed. EXIT_OK, or the exit status of a schedule
 * that failed (said). */
static int explain_run_to(const struct explain_request *r, const struct cli_setup *setup, struct smug_world *w)
{
	struct progress prog;
	int rc;

	progress_start(&prog, "explain", "days", (long)(r->day - w->day), r->quiet);
	for (long done = 1; w->day < r->day - 1; done++) {
		smug_cmd_step(w, 1);
		if ((rc = cli_crackdowns_due(setup, w)) != EXIT_OK) {
			progress_erase(&prog);
			return rc;
		}
		progress_update(&prog, done, 0);
	}
	smug_cmd_step(w, 1);
	progress_erase(&prog);
	return EXIT_OK;
}

/* The world at the end of day r->day, from the scenario or the seed (a
 * day in a seed's past rebuilt as it lived it); *fi is r->faction's
 * index, -1 for all. EXIT_OK with *w set, or an exit status (said) with
 * *w freed. */
static int explain_world(const struct explain_request *r, const struct cli_setup *setup, struct smug_world **w,
			 int *fi)
{
	int rc;

	if ((rc = cli_world_open(setup, r->load, r->vault, w, NULL)) != EXIT_OK)
		return rc;
	if (r->faction && (*fi = smug_world_find_faction(*w, r->faction)) < 0) {
		/* named, since no command lists a world's factions (an id of
		 * another world's, syndicate on a generated one, read only
		 * "unknown faction") */
		char ids[SMUG_FACTIONS_MAX * (SMUG_ID_MAX + 2)] = "";
		size_t at = 0;

		for (int i = 0; i < (*w)->n_factions && at < sizeof ids; i++)
			at += (size_t)snprintf(ids + at, sizeof ids - at, "%s%s", i ? ", " : "", (*w)->factions[i].id);
		rc = cli_usage_error("explain", "unknown faction '%s' (the factions of %s: %s)", r->faction,
				     (*w)->scenario_id, ids);
		smug_world_free(*w);
		return rc;
	}
	if (r->day <= (*w)->day && (rc = seed_past(setup, r->load, r->day, r->quiet, w)) != EXIT_OK)
		return rc;
	/* a schedule or clear after the day shown would change nothing */
	if ((rc = cli_crackdowns_within(setup, *w, r->day, CLI_KEEPS_EXPLAIN)) != EXIT_OK ||
	    (rc = explain_run_to(r, setup, *w)) != EXIT_OK) {
		smug_world_free(*w);
		return rc;
	}
	return EXIT_OK;
}

/* No decision shown: why, in the text report. */
static void explain_none(const struct smug_world *w, int fi)
{
	if (fi >= 0 && !w->factions[fi].runs_network)
		printf("No decisions for this faction: %s is a %s faction, which runs no smuggling network "
		       "and so makes no routing decisions.\n",
		       w->factions[fi].id, smug_faction_kind_name(w->factions[fi].kind));
	else
		printf("No decisions%s.\n", fi >= 0 ? " for this faction" : "");
}

/* Every decision of the day w has just lived (of faction fi, -1 for
 * all), as text or one JSON document. EXIT_OK, or EXIT_RUNTIME (said). */
static int explain_print(const struct explain_request *r, const struct smug_world *w, int fi)
{
	struct smug_explanation *ex = malloc(sizeof *ex);
	int shown = 0;

	if (r->json) {
		printf("{\"day\":%lld,\"scenario\":", r->day);
		jsonl_string(stdout, w->scenario_id);
		printf(",\"decisions\":[");
	} else {
		printf("Day %lld of %s: %d decisions\n\n", r->day, w->scenario_id, w->n_decisions);
	}
	if (ex == NULL) {
		fprintf(stderr, "smugnet explain: out of memory\n");
		return EXIT_RUNTIME;
	}
	for (int i = 0; i < w->n_decisions; i++) {
		if (fi >= 0 && w->decisions[i].faction != fi)
			continue;
		if (smug_explain_decision(w, i, ex) != SMUG_OK) {
			fprintf(stderr, "smugnet explain: decision %d cannot be rebuilt\n", i + 1);
			free(ex);
			return EXIT_RUNTIME;
		}
		if (r->json) {
			printf("%s", shown ? "," : "");
			json_decision(w, &w->decisions[i], ex);
		} else {
			text_decision(w, &w->decisions[i], ex, i + 1);
		}
		shown++;
	}
	if (r->json)
		printf("]}\n");
	else if (shown == 0)
		explain_none(w, fi);
	free(ex);
	return EXIT_OK;
}

int cmd_explain(int argc, char **argv)
{
	struct explain_request r = {.day = -1, .seed = -1};
	struct cli_setup setup;
	struct smug_world *w = NULL;
	int rc, fi = -1;

	if ((rc = explain_request_read(&r, argc, argv)) != EXPLAIN_GO)
		return rc;
	setup = (struct cli_setup){
		.cmd = "explain", .scenario_file = r.scenario, .seed = r.seed, .sets = r.sets, .n_sets = r.n_sets,
		.crackdowns = r.crack, .n_crackdowns = r.n_crack, .clears = r.clears, .n_clears = r.n_clears,
		.auto_crackdown = r.auto_crack,
	};
	if ((rc = explain_world(&r, &setup, &w, &fi)) != EXIT_OK)
		return rc;
	rc = explain_print(&r, w, fi);
	smug_world_free(w);
	return rc != EXIT_OK ? rc : jsonl_close_stdout();
}
