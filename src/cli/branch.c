/* smugnet run --branch SPEC: a what-if. The world is copied; the copy
 * gets the branch's commands (a crackdown schedule, a cleared crackdown,
 * a knob, the planner on or off); both run the same days; the output is
 * a header, both summaries (the run's summary record with "branch") and
 * one delta record: per faction and per border the change from the base
 * to the what-if, largest first, and the lanes whose route changed with
 * the estimates that explain it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define BRANCH_CRACKDOWNS 64

/* --branch 'clear ID' (spec) on the what-if world: the crackdown on
 * corridor id ends now, and the crackdowns the run would start on it
 * later (crack[0..n_crack)) are left out; a usage error when id is no
 * corridor, or has neither. */
static int branch_clear(struct smug_world *w, const char *spec, const char *id, const char **crack, int *n_crack)
{
	struct smug_error err;
	char what[1024];
	int c = smug_world_find_corridor(w, id), left_out = 0;

	if (c < 0) {
		snprintf(what, sizeof what, "--branch '%s'", spec);
		smug_world_unknown_corridor(w, what, id, &err);
		return cli_usage_error("run", "%s", err.msg);
	}
	for (int i = 0; i < *n_crack;) {
		struct cli_crackdown k;

		if (cli_crackdown_parse(w, crack[i], &k, &err) == SMUG_OK && smug_world_find_corridor(w, k.id) == c) {
			memmove(&crack[i], &crack[i + 1], (size_t)(*n_crack - i - 1) * sizeof crack[0]);
			(*n_crack)--;
			left_out++;
		} else {
			i++;
		}
	}
	if (smug_world_crackdown_on(w, c) != NULL) {
		if (smug_cmd_crackdown_clear(w, id, &err) != SMUG_OK)
			return cli_usage_error("run", "--branch '%s': %s", spec, err.msg);
	} else if (left_out == 0) {
		return cli_usage_error("run",
				       "--branch '%s': no crackdown on '%s' on day %d, where the what-if starts, nor one "
				       "the run starts on it later",
				       spec, id, w->day);
	}
	return EXIT_OK;
}

/* One --branch SPEC on the what-if world; crackdowns that start later
 * are added to its schedule, up to the run's last day (a what-if is
 * never saved: one starting after it would change nothing). */
static int branch_apply(struct smug_world *w, const char *spec, const char **crack, int *n_crack,
			long long last_day)
{
	struct smug_error err;
	const char *arg = strchr(spec, ' ');
	char verb[16];
	int rc;

	if (arg == NULL || (size_t)(arg - spec) >= sizeof verb)
		return cli_usage_error("run", "--branch '%s': expected 'crackdown ID[@FROM[-TO]][:I]', 'clear ID', "
				       "'set KEY=VALUE' or 'auto on|off'", spec);
	memcpy(verb, spec, (size_t)(arg - spec));
	verb[arg - spec] = '\0';
	while (*arg == ' ')
		arg++;
	if (strcmp(verb, "crackdown") == 0) {
		if ((rc = cli_crackdown_apply(w, arg, &err)) < 0)
			return cli_usage_error("run", "--branch: %s", err.msg);
		if (rc > 0) {
			struct cli_crackdown c;

			if (cli_crackdown_parse(w, arg, &c, &err) == SMUG_OK && c.from > last_day)
				return cli_usage_error("run",
						       "--branch '%s': starts on day %d, after the run's last day, %lld "
						       "(a what-if is not saved: it would change nothing)",
						       spec, c.from, last_day);
			if (*n_crack == BRANCH_CRACKDOWNS)
				return cli_usage_error("run", "--branch: at most %d crackdowns", BRANCH_CRACKDOWNS);
			crack[(*n_crack)++] = arg;
		}
		return EXIT_OK;
	}
	if (strcmp(verb, "clear") == 0)
		return branch_clear(w, spec, arg, crack, n_crack);
	if (strcmp(verb, "set") == 0) {
		if (cli_set_one(w, arg, &err) < 0)
			return cli_usage_error("run", "--branch '%s': %s", spec, err.msg);
		return EXIT_OK;
	}
	if (strcmp(verb, "auto") == 0) {
		if (strcmp(arg, "on") != 0 && strcmp(arg, "off") != 0)
			return cli_usage_error("run", "--branch '%s': expected 'auto on' or 'auto off'", spec);
		smug_cmd_auto_crackdown(w, strcmp(arg, "on") == 0);
		return EXIT_OK;
	}
	return cli_usage_error("run", "--branch '%s': unknown change '%s'", spec, verb);
}

/* The run's summary record, with "branch" after "type". */
static void branch_summary(const char *name, const struct smug_world *w, const struct smug_counters *c,
			   const struct report_base *b)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	const char *head = "{\"type\":\"summary\"";

	report_summary(f, w, c, b);
	fclose(f);
	if (strncmp(text, head, strlen(head)) == 0) {
		printf("%s,\"branch\":\"%s\"%s\n", head, name, text + strlen(head));
	} else {
		printf("%s\n", text);
	}
	free(text);
}

static void print_delta(const struct smug_comparison *c)
{
	printf("{\"type\":\"delta\",\"day\":%d,\"identical\":%s,\"digest_base\":\"%016llx\","
	       "\"digest_what_if\":\"%016llx\",\"factions\":[",
	       c->day[1], c->digest[0] == c->digest[1] ? "true" : "false", (unsigned long long)c->digest[0],
	       (unsigned long long)c->digest[1]);
	for (int i = 0; i < c->n_factions; i++) {
		const struct smug_cmp_faction *f = &c->factions[i];

		printf("%s{\"id\":", i ? "," : "");
		jsonl_string(stdout, f->id);
		jsonl_money(stdout, "balance", f->balance[1] - f->balance[0], true);
		printf(",\"shipments\":%lld,\"delivered\":%lld,\"seized\":%lld,\"lost\":%lld",
		       (long long)(f->shipments[1] - f->shipments[0]), (long long)(f->delivered[1] - f->delivered[0]),
		       (long long)(f->seized[1] - f->seized[0]), (long long)(f->lost[1] - f->lost[0]));
		jsonl_money(stdout, "bribes", f->bribes[1] - f->bribes[0], true);
		printf(",\"success_rate\":%.4f}", f->success[1] - f->success[0]);
	}
	printf("],\"borders\":[");
	for (int i = 0; i < c->n_borders; i++) {
		const struct smug_cmp_border *b = &c->borders[i];

		printf("%s{\"id\":", i ? "," : "");
		jsonl_string(stdout, b->id);
		printf(",\"traffic\":%lld,\"seizures\":%lld", (long long)(b->traffic[1] - b->traffic[0]),
		       (long long)(b->seizures[1] - b->seizures[0]));
		jsonl_money(stdout, "bribes", b->bribes[1] - b->bribes[0], true);
		printf(",\"crackdown_base\":%s,\"crackdown_what_if\":%s}", b->crackdown[0] ? "true" : "false",
		       b->crackdown[1] ? "true" : "false");
	}
	printf("],\"commodities\":[");
	for (int i = 0; i < SMUG_COMMODITY_COUNT; i++) {
		const struct smug_cmp_commodity *m = &c->commodities[i];

		printf("%s{\"commodity\":\"%s\",\"sent\":%lld,\"delivered\":%lld,\"seized\":%lld,\"lost\":%lld",
		       i ? "," : "", smug_commodity_name(m->commodity), (long long)(m->sent[1] - m->sent[0]),
		       (long long)(m->delivered[1] - m->delivered[0]), (long long)(m->seized[1] - m->seized[0]),
		       (long long)(m->lost[1] - m->lost[0]));
		jsonl_money(stdout, "value_delivered", m->value_delivered[1] - m->value_delivered[0], true);
		printf("}");
	}
	printf("],\"routes_changed\":%d,\"routes\":[", c->routes_total);
	for (int i = 0; i < c->n_routes; i++) {
		const struct smug_cmp_route *r = &c->routes[i];

		printf("%s{\"faction\":", i ? "," : "");
		jsonl_string(stdout, r->faction);
		printf(",\"commodity\":\"%s\",\"source\":", smug_commodity_name(r->commodity));
		jsonl_string(stdout, r->src);
		printf(",\"demand\":");
		jsonl_string(stdout, r->dst);
		printf(",\"base\":");
		jsonl_string(stdout, r->route[0]);
		printf(",\"what_if\":");
		jsonl_string(stdout, r->route[1]);
		printf(",\"why_base\":");
		jsonl_string(stdout, r->why[0]);
		printf(",\"why_what_if\":");
		jsonl_string(stdout, r->why[1]);
		printf("}");
	}
	printf("]}\n");
}

int cli_run_branch(const struct cli_setup *setup, struct smug_world *base, const char *const *specs, int n_specs,
		   long long days, bool quiet)
{
	const char *crack[BRANCH_CRACKDOWNS + 64];
	struct cli_setup bs = *setup;
	struct smug_world *what_if = smug_world_clone(base);
	struct smug_counters run[2] = {{0}};
	struct report_base start;
	struct smug_comparison *cmp;
	struct progress prog;
	int n_crack = 0, rc = EXIT_OK;

	for (int i = 0; i < setup->n_crackdowns && i < 64; i++)
		crack[n_crack++] = setup->crackdowns[i];
	for (int i = 0; i < n_specs && rc == EXIT_OK; i++)
		rc = branch_apply(what_if, specs[i], crack, &n_crack, base->day + days);
	if (rc != EXIT_OK) {
		smug_world_free(what_if);
		return rc;
	}
	bs.crackdowns = crack;
	bs.n_crackdowns = n_crack;
	printf("{\"type\":\"header\",\"format\":\"smugnet-branch\",\"version\":1,\"scenario\":");
	jsonl_string(stdout, base->scenario_id);
	printf(",\"seed\":%llu,\"start_day\":%d,\"days\":%lld,\"branch\":[", (unsigned long long)base->seed, base->day,
	       days);
	for (int i = 0; i < n_specs; i++) {
		printf("%s", i ? "," : "");
		jsonl_string(stdout, specs[i]);
	}
	printf("],\"program\":\"smugnet %s\"}\n", smug_version());
	report_base_take(&start, base); /* both worlds start from it */
	progress_start(&prog, "run --branch", "days", (long)days, quiet);
	for (long long d = 1; d <= days && rc == EXIT_OK; d++) {
		smug_cmd_step(base, 1);
		smug_cmd_step(what_if, 1);
		smug_counters_add(&run[0], &base->tel.today);
		smug_counters_add(&run[1], &what_if->tel.today);
		if ((rc = cli_crackdowns_due(setup, base)) == EXIT_OK)
			rc = cli_crackdowns_due(&bs, what_if);
		progress_update(&prog, (long)d, 0);
	}
	progress_end(&prog);
	if (rc == EXIT_OK) {
		branch_summary("base", base, &run[0], &start);
		branch_summary("what-if", what_if, &run[1], &start);
		cmp = calloc(1, sizeof *cmp);
		smug_compare(base, what_if, cmp);
		print_delta(cmp);
		smug_comparison_done(cmp);
		free(cmp);
	}
	smug_world_free(what_if);
	return rc;
}
