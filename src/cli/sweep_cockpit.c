/* smugnet --sweep DIR: the cockpit's fan charts of a sweep folder. The
 * results are read and checked here (problems are named on stderr before
 * the screen opens), every figure's percentiles computed in one pass,
 * then src/tui draws them. A sweep still running shows the results it
 * has so far: tasks without one are counted in the title. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sweep.h"

int cli_sweep_cockpit(const char *dir, const struct tui_options *opt)
{
	struct sweep_manifest m;
	struct sweep_factions fa = {0};
	struct sweep_fan *fans = NULL;
	struct tui_fan *tfans = NULL;
	const char **figures = NULL, **factions = NULL;
	char **labels = NULL, **values = NULL, title[512], done[64], keys[512] = "setting";
	long long missing = 0;
	int n_fans = 0, rc;

	if ((rc = sweep_manifest_load(dir, &m)) != EXIT_OK || (rc = sweep_factions_load(&m, &fa)) != EXIT_OK)
		goto out;
	figures = calloc((size_t)fa.n + SWEEP_FIG_COUNT, sizeof *figures);
	factions = calloc((size_t)fa.n + SWEEP_FIG_COUNT, sizeof *factions);
	for (int k = 0; k < fa.n; k++, n_fans++) {
		figures[n_fans] = "balance";
		factions[n_fans] = fa.ids[k];
	}
	for (int f = 0; f < SWEEP_FIG_COUNT; f++, n_fans++)
		figures[n_fans] = sweep_figure_names[f];
	fans = calloc((size_t)n_fans, sizeof *fans);
	if ((rc = sweep_fans_compute(&m, n_fans, figures, factions, "sweep view", false, fans, &missing)) != EXIT_OK)
		goto out;
	if (missing == m.n_tasks) {
		fprintf(stderr, "smugnet: %s: no task has a result yet; `smugnet sweep run %s --jobs N` runs them\n",
			dir, dir);
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	tfans = calloc((size_t)n_fans, sizeof *tfans);
	for (int f = 0; f < n_fans; f++)
		tfans[f] = (struct tui_fan){fans[f].title,
					    f < fa.n || strcmp(figures[f], "bribes_spent") == 0 ||
						    strcmp(figures[f], "profit") == 0,
					    fans[f].n_points, fans[f].days, fans[f].q};
	labels = calloc((size_t)m.n_settings, sizeof *labels);
	values = calloc((size_t)m.n_settings, sizeof *values);
	for (int s = 0; s < m.n_settings; s++) { /* whole: the view fits them to the screen */
		labels[s] = sweep_setting_label(&m, s);
		values[s] = sweep_setting_values(&m, s);
	}
	sweep_keys_list(&m, keys, sizeof keys);
	if (missing > 0)
		snprintf(done, sizeof done, "%lld of %lld tasks run so far", m.n_tasks - missing, m.n_tasks);
	else
		snprintf(done, sizeof done, "%lld task%s", m.n_tasks, m.n_tasks == 1 ? "" : "s");
	snprintf(title, sizeof title, "sweep %s: %s, %d setting%s, %lld day%s, %s", dir, done, m.n_settings,
		 m.n_settings == 1 ? "" : "s", m.days, m.days == 1 ? "" : "s", m.scenario_id);
	rc = tui_sweep_run(&(struct tui_sweep){title, m.n_settings, (const char *const *)labels, fans[0].n, n_fans,
					       tfans, keys, (const char *const *)values},
			   opt);
out:
	for (int f = 0; fans && f < n_fans; f++)
		sweep_fan_done(&fans[f]);
	for (int s = 0; labels && s < m.n_settings; s++)
		free(labels[s]);
	for (int s = 0; values && s < m.n_settings; s++)
		free(values[s]);
	free(labels);
	free(values);
	free(tfans);
	free(fans);
	free(figures);
	free(factions);
	sweep_factions_done(&fa);
	sweep_manifest_done(&m);
	return rc;
}
