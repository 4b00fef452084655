/* Fan data for sweep charts: for one figure (a day-record figure, or a
 * faction's balance), per setting and per day of the series, the 5, 25,
 * 50, 75 and 95 percentiles over that setting's tasks. One setting's
 * results are in memory at a time. */
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

int sweep_fan_compute(const struct sweep_manifest *m, const char *figure, const char *faction,
		      bool quiet, struct sweep_fan *fan)
{
	struct sweep_factions fa;
	struct progress prog;
	int fig = figure_index(figure), fk = -1, rc;
	long long problems, loaded = 0;
	double *v = NULL;

	memset(fan, 0, sizeof *fan);
	if (fig < 0)
		return cli_usage_error("sweep chart", "--figure: expected balance, shipments_created, "
				       "delivered, seized, lost, bribes_spent, profit or in_transit, got '%s'", figure);
	if ((rc = sweep_factions_load(m, &fa)) != EXIT_OK)
		return rc;
	for (int k = 0; faction && k < fa.n; k++)
		if (strcmp(fa.ids[k], faction) == 0)
			fk = k;
	if (fig == SWEEP_FIG_COUNT && fk < 0) {
		sweep_factions_done(&fa);
		return cli_usage_error("sweep chart", faction ? "--faction: '%s' runs no network in this world"
						       : "--figure balance needs --faction ID%s", faction ? faction : "");
	}
	if (fig == SWEEP_FIG_COUNT)
		snprintf(fan->title, sizeof fan->title, "balance of %s (credits)", faction);
	else
		snprintf(fan->title, sizeof fan->title, "%s per %d days", figure, m->stride);
	problems = sweep_results_check(m);
	fan->n_settings = m->n_settings;
	fan->n = calloc((size_t)m->n_settings + 1, sizeof *fan->n);
	progress_start(&prog, "sweep chart", "results", (long)m->n_tasks, quiet);
	for (int s = 0; s < m->n_settings; s++) {
		struct sweep_result *res = calloc((size_t)m->n_tasks / (size_t)m->n_settings + 2, sizeof *res);
		long long got = 0, cap = m->n_tasks / m->n_settings + 1;

		for (long long i = 0; i < m->n_tasks; i++) {
			if (m->tasks[i].setting != s)
				continue;
			if (got == cap) {
				res = realloc(res, (size_t)(cap *= 2) * sizeof *res);
			}
			if (sweep_result_load(m, &fa, i, &res[got])) {
				if (fan->n_points == 0) {
					fan->n_points = res[got].n_points;
					fan->days = malloc(((size_t)fan->n_points + 1) * sizeof *fan->days);
					memcpy(fan->days, res[got].days, (size_t)fan->n_points * sizeof *fan->days);
					fan->q = calloc((size_t)m->n_settings * (size_t)fan->n_points * 5 + 1,
							sizeof *fan->q);
				}
				got++;
			} else {
				problems++;
			}
			progress_update(&prog, (long)++loaded, (long)problems);
		}
		fan->n[s] = got;
		v = realloc(v, ((size_t)got + 1) * sizeof *v);
		for (int p = 0; problems == 0 && p < fan->n_points; p++) {
			struct sweep_stats st;

			for (long long i = 0; i < got; i++)
				v[i] = fig == SWEEP_FIG_COUNT
					       ? res[i].balances[(size_t)p * (size_t)fa.n + (size_t)fk]
					       : res[i].series[(size_t)p * SWEEP_FIG_COUNT + (size_t)fig];
			sweep_stats_of(v, got, &st);
			memcpy(&fan->q[((size_t)s * (size_t)fan->n_points + (size_t)p) * 5], st.p, sizeof st.p);
		}
		for (long long i = 0; i < got; i++)
			sweep_result_done(&res[i]);
		free(res);
	}
	progress_end(&prog);
	free(v);
	sweep_factions_done(&fa);
	if (problems) {
		fprintf(stderr, "smugnet sweep chart: %lld problem%s; no chart\n", problems,
			problems == 1 ? "" : "s");
		sweep_fan_done(fan);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}

void sweep_fan_done(struct sweep_fan *fan)
{
	free(fan->days);
	free(fan->n);
	free(fan->q);
	memset(fan, 0, sizeof *fan);
}
