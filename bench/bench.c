/* smugnet benchmarks (not tests): wall time and memory of long runs on the
 * default world and on generated worlds of growing size, and the cockpit's
 * step-and-redraw time. Each figure is the median of several runs (the
 * 36,000-ward world runs once); every run's digest is printed so a bench
 * build can be compared with an unoptimised one. Usage:
 *   bench [--quick | --cockpit | --loop]   (--quick: fewer runs and days,
 *   for a smoke check; --cockpit: the cockpit's step and redraw only;
 *   --loop: the ten-year replay and the rewind ring only) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "smugnet/smugnet.h"
#include "tui/tui.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Current resident set size in KiB, from /proc/self/statm. */
static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, resident = 0;

	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
		resident = -1;
	fclose(f);
	return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static long peak_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static struct smug_world *load_or_die(const char *json, size_t len, const char *name)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	if (smug_world_load_json(json, len, name, &w, &err) != SMUG_OK) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	return w;
}

static void bench_default(int runs, int days)
{
	size_t len;
	const char *json = smug_default_scenario(&len);
	double t[16];
	long long shipments = 0;
	uint64_t digest = 0;
	long rss_y1 = 0, rss_end = 0;

	for (int r = 0; r < runs; r++) {
		struct smug_world *w = load_or_die(json, len, "dosadi-36.json");
		double t0 = now_s();

		smug_cmd_step(w, days < 365 ? days : 365);
		rss_y1 = rss_kib();
		if (days > 365)
			smug_cmd_step(w, days - 365);
		t[r] = now_s() - t0;
		rss_end = rss_kib();
		shipments = w->tel.total.shipments_created;
		digest = smug_world_digest(w);
		smug_world_free(w);
	}
	{
		double m = median(t, runs);

		printf("default world, %d days: wall %.3f s, %.2f us/day, %.0f shipments/s, "
		       "peak RSS %ld KiB, digest %016llx\n",
		       days, m, m * 1e6 / days, (double)shipments / m, peak_rss_kib(),
		       (unsigned long long)digest);
		printf("default world RSS: after year 1 %ld KiB, after day %d %ld KiB (%+.2f%%)\n",
		       rss_y1, days, rss_end,
		       rss_y1 > 0 ? 100.0 * (double)(rss_end - rss_y1) / (double)rss_y1 : 0.0);
	}
}

/* Per-day cost over the whole run and over its steady part (after the
 * first year, when the route cache and the TopK ward lists have settled). */
static void bench_generated(int wards, int runs, int days)
{
	char *json = smug_scenario_generate(wards, 42, 6);
	double all[16], steady[16];
	uint64_t digest = 0;
	long rss = 0;
	long long shipments = 0;
	int first = days > 365 ? 365 : days / 2;

	if (json == NULL) {
		fprintf(stderr, "bench: cannot generate %d wards\n", wards);
		exit(1);
	}
	for (int r = 0; r < runs; r++) {
		struct smug_world *w = load_or_die(json, strlen(json), "generated");
		double t0 = now_s(), t1;

		smug_cmd_step(w, first);
		t1 = now_s();
		smug_cmd_step(w, days - first);
		all[r] = (now_s() - t0) * 1e6 / days;
		steady[r] = (now_s() - t1) * 1e6 / (days - first);
		rss = rss_kib();
		shipments = w->tel.total.shipments_created;
		digest = smug_world_digest(w);
		smug_world_free(w);
	}
	printf("generated %5d wards, %d days: %.1f us/day overall, %.1f us/day after day %d, "
	       "RSS %ld KiB, %lld shipments, digest %016llx\n",
	       wards, days, median(all, runs), median(steady, runs), first, rss, shipments,
	       (unsigned long long)digest);
	free(json);
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The cockpit after 30 days: one day stepped with the '.' key and the
 * whole screen drawn into an in-memory canvas, `steps` times; medians of
 * the step, of the redraw and of both (wall time), and the median CPU
 * time of a step + redraw. UTF-8 glyphs, colours off (drawing is the
 * same work). */
static void bench_cockpit_on(const char *what, struct smug_world *w, int rows, int cols, int steps,
			     const char *keys)
{
	struct tui_options opt = {.ascii = false, .no_color = true, .no_mouse = true, .vault_root = "/tmp"};
	struct tui_grid *g = grid_new(rows, cols);
	struct tui_app a;
	double *st = malloc(sizeof(double) * (size_t)steps), *dr = malloc(sizeof(double) * (size_t)steps);
	double *both = malloc(sizeof(double) * (size_t)steps), *cpu = malloc(sizeof(double) * (size_t)steps);

	if (st == NULL || dr == NULL || both == NULL || cpu == NULL)
		exit(1);
	tui_app_init(&a, w, &opt);
	for (const char *k = keys; *k; k++)
		tui_handle_key(&a, *k);
	for (int i = 0; i < steps; i++) {
		struct canvas screen = {&a.th, NULL, g, 0, 0, rows, cols};
		double c0 = cpu_s(), t0 = now_s(), t1;

		tui_handle_key(&a, '.');
		t1 = now_s();
		tui_render(&a, &screen);
		st[i] = (t1 - t0) * 1e3;
		dr[i] = (now_s() - t1) * 1e3;
		both[i] = st[i] + dr[i];
		cpu[i] = (cpu_s() - c0) * 1e3;
	}
	printf("cockpit %-22s %3dx%-3d step + redraw %.3f ms wall (step %.3f, redraw %.3f), %.3f ms cpu; "
	       "medians of %d days, day %d at the end\n",
	       what, cols, rows, median(both, steps), median(st, steps), median(dr, steps), median(cpu, steps), steps,
	       w->day);
	tui_app_done(&a);
	grid_free(g);
	free(st);
	free(dr);
	free(both);
	free(cpu);
}

static void bench_cockpit(int steps)
{
	size_t len;
	const char *json = smug_default_scenario(&len);
	char *gen = smug_scenario_generate(400, 3, 5);
	static const struct {
		const char *what, *keys;
	} views[] = {{"main view,", ""}, {"map view,", "M"}, {"chart view,", "3g"}};

	for (int v = 0; v < 3; v++)
		for (int sz = 0; sz < 2; sz++) {
			struct smug_world *w = load_or_die(json, len, "dosadi-36.json");
			char what[64];

			smug_cmd_step(w, 30);
			snprintf(what, sizeof what, "%s default", views[v].what);
			bench_cockpit_on(what, w, sz ? 48 : 24, sz ? 160 : 80, steps, views[v].keys);
			smug_world_free(w);
		}
	for (int v = 0; v < 3; v++)
		for (int sz = 0; sz < 2; sz++) {
			struct smug_world *w = load_or_die(gen, strlen(gen), "gen-400.json");
			char what[64];

			smug_cmd_step(w, 30);
			snprintf(what, sizeof what, "%s 400 wards", views[v].what);
			bench_cockpit_on(what, w, sz ? 48 : 24, sz ? 160 : 80, steps, views[v].keys);
			smug_world_free(w);
		}
	free(gen);
}

/* Replay of a ten-year journal of the default world: the planner on, a
 * knob change and a crackdown on the busiest border each year. */
static void bench_replay(int runs, int days)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	struct smug_journal_file f = {0};
	size_t len;
	const char *json = smug_default_scenario(&len);
	char *text;
	double wall[16], cpu[16];
	struct smug_replay_report r = {0};

	w = load_or_die(json, len, "dosadi-36.json");
	smug_cmd_auto_crackdown(w, true);
	for (int d = 0; d < days; d += 365) {
		int best = -1;

		for (int c = 0; c < w->n_corridors; c++)
			if (w->corridors[c].border &&
			    (best < 0 || w->border_stats[c].traffic > w->border_stats[best].traffic))
				best = c;
		smug_cmd_crackdown_set(w, w->corridors[best].id, 0.75, w->day + 59, &err);
		smug_config_set(w, "smuggling.learning_rate", d % 730 ? "0.15" : "0.2", &err);
		smug_cmd_step(w, days - d < 365 ? days - d : 365);
	}
	text = smug_journal_to_jsonl(w);
	if (smug_journal_parse(text, strlen(text), "journal.jsonl", &f, &err) != SMUG_OK) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	for (int i = 0; i < runs; i++) {
		double t0 = now_s(), c0 = cpu_s();

		smug_replay(json, len, "dosadi-36.json", &f, w, &r, &err);
		wall[i] = now_s() - t0;
		cpu[i] = cpu_s() - c0;
		if (!r.ok) {
			fprintf(stderr, "bench: replay diverged: %s\n", r.what);
			exit(1);
		}
		smug_world_free(r.world);
	}
	printf("replay, %d-day journal (%d commands, %d checks, %zu bytes)  %.3f s wall  %.3f s cpu\n", days,
	       w->journal.n_cmds, r.checks, strlen(text), median(wall, runs), median(cpu, runs));
	smug_journal_file_done(&f);
	free(text);
	smug_world_free(w);
}

/* The cockpit's rewind ring on a generated 400-ward world: its memory
 * against the 64 MB budget over ten years, and what a rewind costs. */
static void bench_rewind(int days)
{
	char *json = smug_scenario_generate(400, 3, 4);
	struct smug_world *w = load_or_die(json, strlen(json), "gen-400.json");
	struct smug_timeline *t = smug_timeline_new(SMUG_TIMELINE_BUDGET);
	size_t peak = 0;
	double cost[8], c0;
	int n = 0;
	long rss0 = rss_kib(), rss1;

	smug_timeline_reset(t, w);
	smug_cmd_auto_crackdown(w, true);
	for (int d = 0; d < days; d++) {
		smug_timeline_step(t, w, 1);
		if (smug_timeline_bytes(t) > peak)
			peak = smug_timeline_bytes(t);
	}
	rss1 = rss_kib();
	for (int back = 1; back <= 365 && n < 8; back *= 3) {
		struct smug_world *r = NULL;
		struct smug_error err;

		c0 = cpu_s();
		if (smug_timeline_rewind(t, w, w->day - back, &r, &err) != SMUG_OK) {
			fprintf(stderr, "bench: %s\n", err.msg);
			exit(1);
		}
		cost[n++] = cpu_s() - c0;
		smug_world_free(r);
	}
	printf("rewind ring, 400 wards, %d days: peak %.1f MB (budget %u MB, cap 64), %d copies every %d days, "
	       "%.1f KB a copy; the process grew %.1f MB (ring and world); rewind %.1f ms cpu (median of %d, 1 to 243 "
	       "days back)\n",
	       days, (double)peak / (1 << 20), SMUG_TIMELINE_BUDGET >> 20, smug_timeline_count(t), smug_timeline_every(t),
	       (double)smug_timeline_bytes(t) / smug_timeline_count(t) / 1024, (double)(rss1 - rss0) / 1024,
	       1000 * median(cost, n), n);
	smug_timeline_free(t);
	smug_world_free(w);
	free(json);
}

int main(int argc, char **argv)
{
	int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
	int cockpit_only = argc > 1 && strcmp(argv[1], "--cockpit") == 0;
	int loop_only = argc > 1 && strcmp(argv[1], "--loop") == 0;
	int runs = quick ? 1 : 3;

	setvbuf(stdout, NULL, _IOLBF, 0); /* each figure as soon as it is measured */

	printf("smugnet %s bench: %ld cores, CFLAGS %s\n", smug_version(),
	       sysconf(_SC_NPROCESSORS_ONLN), BENCH_CFLAGS);
	if (loop_only) {
		bench_replay(runs, 3650);
		bench_rewind(3650);
		return 0;
	}
	bench_cockpit(quick ? 200 : 1000);
	if (cockpit_only)
		return 0;
	bench_default(runs, quick ? 3650 : 73000);
	bench_generated(36, runs, quick ? 730 : 3650);
	bench_generated(360, runs, quick ? 730 : 3650);
	bench_generated(3600, quick ? 1 : runs, quick ? 730 : 3650);
	bench_generated(36000, 1, quick ? 100 : 3650);
	/* last: the ring's copies would inflate the RSS figures above */
	bench_replay(runs, quick ? 730 : 3650);
	bench_rewind(quick ? 365 : 3650);
	return 0;
}
