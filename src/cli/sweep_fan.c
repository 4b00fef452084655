/* Fan data for sweep charts: for a figure (a day-record figure, or a
 * faction's balance), per setting and per day of the series, the 5, 25,
 * 50, 75 and 95 percentiles over that setting's tasks. Several fans are
 * computed in one pass over the results; one setting's results are in
 * memory at a time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sweep.h"

static int figure_index(const char *figure)
{
	for (int fig = 0; fig < SWEEP_FIG_COUNT; fig++)
		if (strcmp(figure, sweep_figure_names[fig]) == 0)
			return fig;
	return strcmp(figure, "balance") == 0 ? SWEEP_FIG_COUNT : -1;
}

/* Which figure (and faction index for a balance) a fan shows. */
struct fan_pick {
	int fig, faction;
};

static int pick(const struct sweep_factions *fa, const char *figure, const char *faction,
		struct fan_pick *p, struct sweep_fan *fan, int period, int last)
{
	p->fig = figure_index(figure);
	p->faction = -1;
	if (p->fig < 0)
		return cli_usage_error("sweep chart", "--figure: expected balance, shipments_created, "
				       "delivered, seized, lost, bribes_spent, profit or in_transit, got '%s'", figure);
	for (int k = 0; faction && k < fa->n; k++)
		if (strcmp(fa->ids[k], faction) == 0)
			p->faction = k;
	if (p->fig != SWEEP_FIG_COUNT && faction)
		return cli_usage_error("sweep chart", "--faction: only --figure balance is per faction; %s is of "
				       "all factions together", figure);
	if (p->fig == SWEEP_FIG_COUNT && p->faction < 0)
		return cli_usage_error("sweep chart", faction ? "--faction: '%s' runs no network in this world"
						       : "--figure balance needs --faction ID%s", faction ? faction : "");
	if (p->fig == SWEEP_FIG_COUNT)
		snprintf(fan->title, sizeof fan->title, "balance of %s (credits)", faction);
	else if (p->fig == SWEEP_FIG_IN_TRANSIT) /* a count on the day, not a flow over the period */
		snprintf(fan->title, sizeof fan->title, "%s (shipments on the day)", figure);
	else if (period == 1)
		snprintf(fan->title, sizeof fan->title, "%s per day", figure);
	else
		snprintf(fan->title, sizeof fan->title, "%s per %d days", figure, period);
	/* a flow's last point over fewer days falls short of the others */
	if (last > 0 && p->fig != SWEEP_FIG_COUNT && p->fig != SWEEP_FIG_IN_TRANSIT) {
		size_t at = strlen(fan->title);

		snprintf(fan->title + at, sizeof fan->title - at, " (the last point: %d day%s)", last,
			 last == 1 ? "" : "s");
	}
	return EXIT_OK;
}

static double value_of(const struct sweep_result *r, const struct fan_pick *p, int point, int nf)
{
	if (p->fig == SWEEP_FIG_COUNT)
		return r->balances[(size_t)point * (size_t)nf + (size_t)p->faction];
	return r->series[(size_t)point * SWEEP_FIG_COUNT + (size_t)p->fig];
}

/* Percentiles of every fan for setting s from its loaded results. */
static void fill_setting(struct sweep_fan *fans, const struct fan_pick *picks, int n_fans, int s,
			 const struct sweep_result *res, long long got, int nf)
{
	double *v = malloc(((size_t)got + 1) * sizeof *v);

	for (int f = 0; f < n_fans; f++) {
		struct sweep_fan *fan = &fans[f];

		fan->n[s] = got;
		for (int p = 0; p < fan->n_points; p++) {
			double *q = &fan->q[((size_t)s * (size_t)fan->n_points + (size_t)p) * 5];
			struct sweep_stats st;

			for (long long i = 0; i < got; i++)
				v[i] = value_of(&res[i], &picks[f], p, nf);
			sweep_stats_of(v, got, &st);
			for (int k = 0; k < 5; k++)
				q[k] = got > 0 ? st.p[k] : NAN; /* no result: no value, not 0 */
		}
	}
	free(v);
}

int sweep_fans_compute(const struct sweep_manifest *m, int n_fans, const char *const *figures,
		       const char *const *factions, const char *what, bool quiet, struct sweep_fan *fans,
		       long long *missing)
{
	struct sweep_factions fa;
	struct progress prog;
	struct fan_pick *picks = calloc((size_t)n_fans + 1, sizeof *picks);
	long long problems, loaded = 0;
	int n_points = (int)(m->days / m->stride + (m->days % m->stride != 0)), rc;
	/* the days a day record covers: the stride, or all the days of a
	 * sweep shorter than it (its one record); and, when the days are not
	 * a whole number of strides, the fewer the last record covers */
	int period = m->days < m->stride ? (int)m->days : m->stride;
	int last = m->days > m->stride ? (int)(m->days % m->stride) : 0;

	memset(fans, 0, (size_t)n_fans * sizeof *fans);
	if (missing)
		*missing = 0;
	if ((rc = sweep_factions_load(m, &fa)) != EXIT_OK) {
		free(picks);
		return rc;
	}
	for (int f = 0; f < n_fans && rc == EXIT_OK; f++)
		rc = pick(&fa, figures[f], factions[f], &picks[f], &fans[f], period, last);
	if (rc != EXIT_OK) {
		sweep_factions_done(&fa);
		free(picks);
		return rc;
	}
	for (int f = 0; f < n_fans; f++) {
		fans[f].n_settings = m->n_settings;
		fans[f].n_points = n_points;
		fans[f].n = calloc((size_t)m->n_settings + 1, sizeof *fans[f].n);
		fans[f].days = calloc((size_t)n_points + 1, sizeof *fans[f].days);
		for (int p = 0; p < n_points; p++)
			fans[f].days[p] = p + 1 < n_points ? (p + 1) * m->stride : (int)m->days;
		fans[f].q = calloc((size_t)m->n_settings * (size_t)n_points * 5 + 1, sizeof *fans[f].q);
	}
	problems = sweep_results_check(m);
	/* the view counts tasks read, and those without a result yet apart:
	 * they are not results */
	progress_start(&prog, what, missing ? "tasks" : "results", (long)m->n_tasks, quiet);
	prog.missing_what = "without a result";
	for (int s = 0; s < m->n_settings; s++) {
		long long got = 0, cap = 16;
		struct sweep_result *res = calloc((size_t)cap, sizeof *res);

		for (long long i = 0; i < m->n_tasks; i++) {
			if (m->tasks[i].setting != s)
				continue;
			if (got == cap)
				res = realloc(res, (size_t)(cap *= 2) * sizeof *res);
			if (missing && !sweep_result_file_exists(m, i))
				prog.missing = (long)++*missing;
			else if (sweep_result_load(m, &fa, i, &res[got]))
				got++;
			else
				problems++;
			progress_update(&prog, (long)++loaded, (long)problems);
		}
		if (problems == 0)
			fill_setting(fans, picks, n_fans, s, res, got, fa.n);
		for (long long i = 0; i < got; i++)
			sweep_result_done(&res[i]);
		free(res);
	}
	progress_end(&prog);
	sweep_factions_done(&fa);
	free(picks);
	if (problems) {
		fprintf(stderr, "smugnet sweep: %lld problem%s in the results; no chart\n", problems,
			problems == 1 ? "" : "s");
		for (int f = 0; f < n_fans; f++)
			sweep_fan_done(&fans[f]);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}

int sweep_fan_compute(const struct sweep_manifest *m, const char *figure, const char *faction,
		      bool quiet, struct sweep_fan *fan)
{
	return sweep_fans_compute(m, 1, &figure, &faction, "sweep chart", quiet, fan, NULL);
}

void sweep_fan_done(struct sweep_fan *fan)
{
	free(fan->days);
	free(fan->n);
	free(fan->q);
	memset(fan, 0, sizeof *fan);
}
