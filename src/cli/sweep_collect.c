/* smugnet sweep collect: check every result against the manifest, then
 * write tidy CSV (collect/tasks.csv: one row per task; collect/days.csv:
 * one row per task per day at the stride) and the distributions per
 * setting (collect/summary.csv: mean, sd, 5/25/50/75/95 percentiles of
 * each figure; collect/bankruptcy.csv: the share of tasks in which each
 * faction went bankrupt and when), and print the summary as a table.
 * Any missing, duplicate, foreign or tampered result: exit 3, no output. */
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <unistd.h>
#include <xxhash.h>

#include "cli/sweep.h"

enum { OUT_TASKS, OUT_DAYS, OUT_SUMMARY, OUT_BANKRUPT, OUT_COUNT };
static const char *const out_names[OUT_COUNT] = {"tasks.csv", "days.csv", "summary.csv",
						 "bankruptcy.csv"};

/* A temporary file of one of the files collect writes (cli_tmp_remove_stale). */
static bool out_tmp(const char *entry, const char *name, size_t len, const void *arg)
{
	(void)entry;
	(void)arg;
	for (int o = 0; name != NULL && o < OUT_COUNT; o++)
		if (strlen(out_names[o]) == len && memcmp(out_names[o], name, len) == 0)
			return true;
	return false;
}

/* Stopped by SIGINT, SIGTERM or SIGHUP (one not ignored when it began),
 * collect removes the temporary files it is writing and dies of the same
 * signal; the signals wait while the files are put in place. */
static struct cli_atomic *volatile writing; /* OUT_COUNT files, or NULL */

static void on_stop(int sig)
{
	struct cli_atomic *out = writing;

	for (int o = 0; out != NULL && o < OUT_COUNT; o++)
		if (!out[o].direct && out[o].tmp[0] != '\0')
			unlink(out[o].tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_stops(struct cli_atomic *out, struct sigaction *old)
{
	writing = out;
	cli_stops_catch(on_stop, old);
}

static void release_stops(const struct sigaction *old)
{
	cli_stops_release(old);
	writing = NULL;
}

/* One CSV field, quoted as RFC 4180 asks when it must be. */
static void csv_field(FILE *f, const char *s, bool comma)
{
	if (comma)
		fputc(',', f);
	csv_quote(f, s);
}

static void csv_prefix_header(FILE *f, const struct sweep_manifest *m, bool task)
{
	fprintf(f, task ? "task,seed,setting" : "setting");
	for (int k = 0; k < m->n_keys; k++)
		csv_field(f, m->keys[k], true);
}

static void csv_prefix(FILE *f, const struct sweep_manifest *m, long long task, int s)
{
	if (task >= 0)
		fprintf(f, "%lld,%lld,", task, m->tasks[task].seed);
	fprintf(f, "%d", s);
	for (int k = 0; k < m->n_keys; k++)
		csv_field(f, sweep_setting_value(m, s, k), true);
}

static void write_headers(FILE **out, const struct sweep_manifest *m, const struct sweep_factions *fa)
{
	csv_prefix_header(out[OUT_TASKS], m, true);
	fprintf(out[OUT_TASKS], ",digest,day");
	csv_prefix_header(out[OUT_DAYS], m, true);
	fprintf(out[OUT_DAYS], ",day");
	for (int fig = 0; fig < SWEEP_FIG_COUNT; fig++) {
		fprintf(out[OUT_TASKS], ",%s", sweep_figure_names[fig]);
		fprintf(out[OUT_DAYS], ",%s", sweep_figure_names[fig]);
	}
	for (int k = 0; k < fa->n; k++) {
		fprintf(out[OUT_TASKS], ",balance:%s,success_rate:%s,bankrupt_day:%s", fa->ids[k],
			fa->ids[k], fa->ids[k]);
		fprintf(out[OUT_DAYS], ",balance:%s", fa->ids[k]);
	}
	fputc('\n', out[OUT_TASKS]);
	fputc('\n', out[OUT_DAYS]);
	csv_prefix_header(out[OUT_SUMMARY], m, false);
	fprintf(out[OUT_SUMMARY], ",figure,n,mean,sd,p5,p25,p50,p75,p95\n");
	csv_prefix_header(out[OUT_BANKRUPT], m, false);
	fprintf(out[OUT_BANKRUPT], ",faction,tasks,bankrupt,share,day_p5,day_p25,day_p50,day_p75,day_p95\n");
}

static void write_task_rows(FILE **out, const struct sweep_manifest *m, const struct sweep_result *r)
{
	int s = m->tasks[r->task].setting;
	int nf = r->n_factions;

	csv_prefix(out[OUT_TASKS], m, r->task, s);
	fprintf(out[OUT_TASKS], ",%s,%d", r->digest, r->n_points ? r->days[r->n_points - 1] : 0);
	for (int fig = 0; fig < SWEEP_FIG_COUNT; fig++)
		fprintf(out[OUT_TASKS], ",%.2f", r->totals[fig]);
	for (int k = 0; k < nf; k++) {
		fprintf(out[OUT_TASKS], ",%.2f,%.4f,", r->balance_end[k], r->success_rate[k]);
		if (r->bankrupt_day[k] >= 0)
			fprintf(out[OUT_TASKS], "%d", r->bankrupt_day[k]);
	}
	fputc('\n', out[OUT_TASKS]);
	for (int p = 0; p < r->n_points; p++) {
		csv_prefix(out[OUT_DAYS], m, r->task, s);
		fprintf(out[OUT_DAYS], ",%d", r->days[p]);
		for (int fig = 0; fig < SWEEP_FIG_COUNT; fig++)
			fprintf(out[OUT_DAYS], ",%.2f", r->series[(size_t)p * SWEEP_FIG_COUNT + (size_t)fig]);
		for (int k = 0; k < nf; k++)
			fprintf(out[OUT_DAYS], ",%.2f", r->balances[(size_t)p * (size_t)nf + (size_t)k]);
		fputc('\n', out[OUT_DAYS]);
	}
}

/* The printed table: its stream (NULL: none), the width of the setting
 * column in characters (the longest label as shown) and the label of
 * the setting being printed, as shown: a label of more than
 * SWEEP_LABEL_COLS characters (a long --set value) is cut in the middle
 * at "..." so the numbers stay in their columns; the CSV files hold it
 * whole. When two settings' labels read the same as shown (cut alike, or
 * a value planned twice), every label leads with its setting's number,
 * the CSV files' setting column ("#3 key=v"). */
struct table {
	FILE *f;
	int width;
	bool cut;      /* some setting's label is cut */
	bool numbered; /* labels lead with their setting's number */
	char label[SWEEP_LABEL_FIT + 16];
};

#define TABLE_CUT "..."

/* The table's setting cell: the label as shown, padded to the column. */
static void table_setting(const struct table *table)
{
	fputs(table->label, table->f);
	for (int c = text_cols(table->label); c < table->width; c++)
		fputc(' ', table->f);
}

static void stats_row(FILE *csv, const struct table *table, const struct sweep_manifest *m, int s,
		      const char *figure, double *v, long long n)
{
	struct sweep_stats st;

	sweep_stats_of(v, n, &st);
	csv_prefix(csv, m, -1, s);
	csv_field(csv, figure, true);
	/* the sample standard deviation (n - 1) of one value is undefined:
	 * empty, "-" in the table */
	fprintf(csv, ",%lld,%.4f,", st.n, st.mean);
	if (st.n > 1)
		fprintf(csv, "%.4f", st.sd);
	for (int q = 0; q < 5; q++)
		fprintf(csv, ",%.4f", st.p[q]);
	fputc('\n', csv);
	if (table->f == NULL)
		return;
	table_setting(table);
	fprintf(table->f, "  %-26.26s %6lld %12.2f", figure, st.n, st.mean);
	if (st.n > 1)
		fprintf(table->f, " %11.2f", st.sd);
	else
		fprintf(table->f, " %11s", "-");
	for (int q = 0; q < 5; q++) {
		char cents[320]; /* "%.2f" of any double */

		fmt_cents(cents, sizeof cents, st.p[q]); /* the cent the sweep view shows */
		fprintf(table->f, " %12s", cents);
	}
	fputc('\n', table->f);
}

/* The label of setting s as the table shows it (with its number when
 * numbered); true when it is cut. */
static bool table_label(const struct sweep_manifest *m, int s, bool numbered, char *buf, size_t size)
{
	char *label = sweep_setting_label(m, s);
	int at = numbered ? snprintf(buf, size, "#%d ", s) : 0;
	bool cut = text_cut_middle(label, SWEEP_LABEL_COLS, TABLE_CUT, buf + at, size - (size_t)at);

	free(label);
	return cut;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The table's setting column: whether a label is cut, whether two read
 * the same as shown (then they are numbered), and its width. Out of
 * memory for the labels' hashes: numbered, to be safe. */
static void table_layout(struct table *table, const struct sweep_manifest *m)
{
	uint64_t *seen = malloc(((size_t)m->n_settings + 1) * sizeof *seen);

	table->numbered = seen == NULL;
	for (int s = 0; s < m->n_settings; s++) {
		table->cut |= table_label(m, s, false, table->label, sizeof table->label);
		if (seen != NULL)
			seen[s] = XXH3_64bits(table->label, strlen(table->label));
	}
	if (seen != NULL && m->n_settings > 1) {
		qsort(seen, (size_t)m->n_settings, sizeof *seen, cmp_u64);
		for (int s = 1; s < m->n_settings && !table->numbered; s++)
			table->numbered = seen[s] == seen[s - 1];
	}
	free(seen);
	for (int s = 0; s < m->n_settings; s++) {
		table_label(m, s, table->numbered, table->label, sizeof table->label);
		if (text_cols(table->label) > table->width)
			table->width = text_cols(table->label);
	}
}

/* The distributions of one setting's results. */
static void setting_stats(FILE **out, struct table *table, const struct sweep_manifest *m, int s,
			  const struct sweep_factions *fa, struct sweep_result *res, long long n)
{
	double *v = malloc(((size_t)n + 1) * sizeof *v);
	char figure[300];

	if (table->f && s == 0)
		fprintf(table->f, "%-*s  %-26s %6s %12s %11s %12s %12s %12s %12s %12s\n", table->width,
			"setting", "figure", "n", "mean", "sd", "p5", "p25", "p50", "p75", "p95");
	if (table->f)
		table_label(m, s, table->numbered, table->label, sizeof table->label);

	for (int fig = 0; fig < SWEEP_FIG_COUNT; fig++) {
		for (long long i = 0; i < n; i++)
			v[i] = res[i].totals[fig];
		stats_row(out[OUT_SUMMARY], table, m, s, sweep_figure_names[fig], v, n);
	}
	for (int k = 0; k < fa->n; k++) {
		for (long long i = 0; i < n; i++)
			v[i] = res[i].balance_end[k];
		snprintf(figure, sizeof figure, "balance:%s", fa->ids[k]);
		stats_row(out[OUT_SUMMARY], table, m, s, figure, v, n);
		for (long long i = 0; i < n; i++)
			v[i] = res[i].success_rate[k];
		snprintf(figure, sizeof figure, "success_rate:%s", fa->ids[k]);
		stats_row(out[OUT_SUMMARY], table, m, s, figure, v, n);
	}
	for (int k = 0; k < fa->n; k++) {
		struct sweep_stats st;
		long long b = 0;

		for (long long i = 0; i < n; i++)
			if (res[i].bankrupt_day[k] >= 0)
				v[b++] = res[i].bankrupt_day[k];
		sweep_stats_of(v, b, &st);
		csv_prefix(out[OUT_BANKRUPT], m, -1, s);
		csv_field(out[OUT_BANKRUPT], fa->ids[k], true);
		fprintf(out[OUT_BANKRUPT], ",%lld,%lld,%.4f", n, b, n ? (double)b / (double)n : 0);
		for (int q = 0; q < 5; q++)
			if (b)
				fprintf(out[OUT_BANKRUPT], ",%.4f", st.p[q]);
			else
				fprintf(out[OUT_BANKRUPT], ",");
		fputc('\n', out[OUT_BANKRUPT]);
		if (table->f == NULL)
			continue;
		snprintf(figure, sizeof figure, "bankrupt:%s", fa->ids[k]);
		table_setting(table);
		fprintf(table->f, "  %-26.26s %6lld %11.1f%%", figure, n, n ? 100.0 * (double)b / (double)n : 0.0);
		if (b)
			fprintf(table->f, "  on day p5 %.2f, p50 %.2f, p95 %.2f", st.p[0], st.p[2], st.p[4]);
		fputc('\n', table->f);
	}
	free(v);
}

/* Task ids grouped by setting (a counting sort), so one setting's
 * results are in memory at a time. */
static long long *tasks_by_setting(const struct sweep_manifest *m, long long *start)
{
	long long *ids = malloc(((size_t)m->n_tasks + 1) * sizeof *ids);
	long long *fill = calloc((size_t)m->n_settings + 1, sizeof *fill);

	memset(start, 0, ((size_t)m->n_settings + 1) * sizeof *start);
	for (long long i = 0; i < m->n_tasks; i++)
		start[m->tasks[i].setting + 1]++;
	for (int s = 0; s < m->n_settings; s++)
		start[s + 1] += start[s];
	for (long long i = 0; i < m->n_tasks; i++) {
		int s = m->tasks[i].setting;

		ids[start[s] + fill[s]++] = i;
	}
	free(fill);
	return ids;
}

/* Each table's name spares what smugnet reads (cli_output_spares), as
 * export's do: a link collect/tasks.csv to a seed's journal.jsonl had
 * collect replace the seed's journal (exit 0), and the seed no longer
 * loaded. Its own files in its own collect/ are collect's to replace; a
 * folder in a table's place is refused when the tables are put in place
 * (exit 4, none replaced). A usage error naming it, else EXIT_OK. */
static int tables_spare(const struct sweep_manifest *m)
{
	char dir[4096], vault[1024];
	const char *root = cli_vault_root(NULL, vault, sizeof vault);

	sweep_path(dir, sizeof dir, m->dir, SWEEP_COLLECT);
	for (int o = 0; o < OUT_COUNT; o++)
		if (cli_output_in_spares((struct cli_output){.cmd = "sweep collect", .opt = "DIR", .vault = root,
							     .sweep = m->dir, .sub = SWEEP_COLLECT},
					 dir, out_names[o]) != EXIT_OK)
			return EXIT_USAGE;
	return EXIT_OK;
}

static int collect(const struct sweep_manifest *m, bool quiet)
{
	struct sweep_factions fa;
	struct cli_atomic out[OUT_COUNT] = {0};
	struct sigaction old[CLI_STOP_SIGNALS];
	sigset_t stops, before;
	struct stat st;
	FILE *files[OUT_COUNT];
	char dir[4096], tmp[4096], path[4200];
	long long problems, loaded = 0, *start, *ids;
	struct progress prog;
	struct table table = {.f = NULL, .width = 7, .cut = false, .numbered = false, .label = ""};
	char *shown = NULL; /* the table, printed once every result is read */
	size_t shown_len = 0;
	int rc;

	if ((rc = tables_spare(m)) != EXIT_OK)
		return rc;
	if (!quiet)
		table_layout(&table, m);

	if ((rc = sweep_factions_load(m, &fa)) != EXIT_OK)
		return rc;
	problems = sweep_results_check(m);
	sweep_path(dir, sizeof dir, m->dir, SWEEP_COLLECT);
	sweep_path(tmp, sizeof tmp, m->dir, SWEEP_TMP);
	/* collect/ is made only when its files go in (a refused collect makes
	 * nothing), but what stands in its way is named before any work */
	if ((stat(dir, &st) == 0 ? !S_ISDIR(st.st_mode) : lstat(dir, &st) == 0) && (rc = cli_mkdir(dir)) != EXIT_OK)
		goto out_factions;
	cli_tmp_remove_stale(tmp, out_tmp, NULL); /* a collect killed outright left them */
	catch_stops(out, old);
	for (int o = 0; o < OUT_COUNT; o++) {
		snprintf(path, sizeof path, "%s/%s", dir, out_names[o]);
		if ((rc = cli_atomic_open(&out[o], path, tmp)) != EXIT_OK)
			goto out_files;
		files[o] = out[o].f;
	}
	write_headers(files, m, &fa);
	if (!quiet && (table.f = open_memstream(&shown, &shown_len)) == NULL)
		table.f = stdout; /* no memory for it: printed as it is made */
	start = calloc((size_t)m->n_settings + 2, sizeof *start);
	ids = tasks_by_setting(m, start);
	progress_start(&prog, "sweep collect", "results", (long)m->n_tasks, quiet);
	for (int s = 0; s < m->n_settings; s++) {
		long long n = start[s + 1] - start[s], got = 0;
		struct sweep_result *res = calloc((size_t)n + 1, sizeof *res);

		for (long long i = 0; i < n; i++) {
			if (sweep_result_load(m, &fa, ids[start[s] + i], &res[got])) {
				write_task_rows(files, m, &res[got]);
				got++;
			} else {
				problems++;
			}
			progress_update(&prog, (long)++loaded, (long)problems);
		}
		if (problems == 0)
			setting_stats(files, &table, m, s, &fa, res, got);
		for (long long i = 0; i < got; i++)
			sweep_result_done(&res[i]);
		free(res);
	}
	progress_end(&prog);
	free(start);
	free(ids);
	if (problems) {
		fprintf(stderr, "smugnet sweep collect: %lld problem%s; nothing written\n", problems,
			problems == 1 ? "" : "s");
		rc = EXIT_BAD_INPUT;
		goto out_files;
	}
	if (table.f != NULL && table.cut)
		fprintf(table.f, "(a setting's label of more than %d characters is cut at '%s'; "
				 "the CSV files hold it whole)\n",
			SWEEP_LABEL_COLS, TABLE_CUT);
	if (table.f != NULL && table.numbered)
		fprintf(table.f, "(some settings' labels read the same here: '#N' is a setting's number, "
				 "the CSV files' setting column)\n");
	sigemptyset(&stops);
	for (int i = 0; i < CLI_STOP_SIGNALS; i++)
		sigaddset(&stops, cli_stop_signals[i]);
	sigprocmask(SIG_BLOCK, &stops, &before); /* all four in place, or none */
	if ((rc = cli_mkdir(dir)) == EXIT_OK)
		rc = cli_atomic_commit(out, OUT_COUNT);
	release_stops(old);
	sigprocmask(SIG_SETMASK, &before, NULL);
	if (rc == EXIT_OK && table.f != NULL && table.f != stdout && fflush(table.f) == 0)
		fwrite(shown, 1, shown_len, stdout);
	if (rc == EXIT_OK && !quiet)
		printf("wrote %s/{tasks,days,summary,bankruptcy}.csv (%lld tasks)\n", dir, m->n_tasks);
out_files:
	if (table.f != NULL && table.f != stdout)
		fclose(table.f);
	free(shown);
	for (int o = 0; o < OUT_COUNT; o++)
		cli_atomic_abort(&out[o]);
	release_stops(old);
out_factions:
	sweep_factions_done(&fa);
	return rc;
}

int sweep_collect(int argc, char **argv)
{
	static const struct option opts[] = {
		{"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	struct sweep_manifest m;
	bool quiet = false;
	int c, rc;

	while ((c = cli_getopt("sweep collect", argc, argv, "hq", opts)) != -1) {
		switch (c) {
		case 'q': quiet = true; break;
		case 'h':
			printf("Usage: smugnet sweep collect DIR [--quiet]\n"
			       "Check every result, write DIR/collect/*.csv, print the distributions.\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (sweep_dir_arg("sweep collect", argc, argv, optind) != EXIT_OK)
		return EXIT_USAGE;
	if ((rc = sweep_manifest_load(argv[optind], &m)) == EXIT_OK)
		rc = collect(&m, quiet);
	sweep_manifest_done(&m);
	return rc == EXIT_OK ? jsonl_close_stdout() : rc;
}
