/* smugnet benchmarks (not tests): CPU and wall time per simulated day and
 * peak memory of long runs on the default world and on generated worlds of
 * growing size, the cockpit's step-and-redraw time, replay and the rewind
 * ring. Each figure is the median of several runs (5 by default); the
 * warm-up year is measured apart from the days after it; every world's
 * digest is printed so a bench build can be compared with an unoptimised
 * one (bench/compare.sh does, and sets the figures beside the previous
 * release's). Usage: bench [--quick] [--runs N] [--big] [--cockpit | --loop] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "smugnet/smugnet.h"
#include "sort.h"
#include "tui/tui.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
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

static double median(double *v, int n)
{
	sort_doubles(v, (size_t)n);
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

/* One world, measured in a child process so that its peak RSS (the
 * child's ru_maxrss from wait4) is its own. Each of `runs` runs loads the
 * world, steps `warm` days (the warm-up: route caches and TopK ward lists
 * filling) and then `steady` days; CPU time (CLOCK_PROCESS_CPUTIME_ID)
 * and wall time are taken for each part, and the medians over the runs
 * are reported per simulated day. The warm-up never enters the steady
 * figure. */
struct world_result {
	double warm_cpu, warm_wall, steady_cpu, steady_wall; /* us per day, medians */
	double total_cpu, total_wall;			     /* s per run, medians */
	long rss_warm, rss_end, peak_rss;		     /* KiB */
	long long shipments;
	uint64_t digest;
	int ok;
};

static void measure_child(const char *json, size_t len, const char *name, int runs, int warm, int steady,
			  struct world_result *out)
{
	double wc[16], ww[16], sc[16], sw[16], tc[16], tw[16];

	for (int r = 0; r < runs; r++) {
		struct smug_world *w = load_or_die(json, len, name);
		double c0 = cpu_now(), w0 = now_s(), c1, w1, c2, w2;

		/* as `smugnet run` without --save or --journal steps: the
		 * journal's periodic whole-state digests are not taken */
		smug_journal_set_check_every(w, 0);

		smug_cmd_step(w, warm);
		c1 = cpu_now();
		w1 = now_s();
		out->rss_warm = rss_kib();
		smug_cmd_step(w, steady);
		c2 = cpu_now();
		w2 = now_s();
		out->rss_end = rss_kib();
		wc[r] = (c1 - c0) * 1e6 / warm;
		ww[r] = (w1 - w0) * 1e6 / warm;
		sc[r] = (c2 - c1) * 1e6 / steady;
		sw[r] = (w2 - w1) * 1e6 / steady;
		tc[r] = c2 - c0;
		tw[r] = w2 - w0;
		out->shipments = w->tel.total.shipments_created;
		out->digest = smug_world_digest(w);
		smug_world_free(w);
	}
	out->warm_cpu = median(wc, runs);
	out->warm_wall = median(ww, runs);
	out->steady_cpu = median(sc, runs);
	out->steady_wall = median(sw, runs);
	out->total_cpu = median(tc, runs);
	out->total_wall = median(tw, runs);
	out->ok = 1;
}

static struct world_result measure(const char *json, size_t len, const char *name, int runs, int warm,
				   int steady)
{
	struct world_result res = {0};
	int fd[2];
	pid_t pid;
	int status = 0;
	struct rusage ru;

	if (runs > 16)
		runs = 16;
	fflush(stdout);
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		perror("bench");
		exit(1);
	}
	if (pid == 0) {
		close(fd[0]);
		measure_child(json, len, name, runs, warm, steady, &res);
		if (write(fd[1], &res, sizeof res) != (ssize_t)sizeof res)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], &res, sizeof res) != (ssize_t)sizeof res)
		res.ok = 0;
	close(fd[0]);
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !res.ok) {
		fprintf(stderr, "bench: measuring %s failed\n", name);
		exit(1);
	}
	res.peak_rss = ru.ru_maxrss;
	return res;
}

static void print_header(void)
{
	printf("\nCPU time (wall time in brackets), medians; per simulated day; the warm-up (the first\n"
	       "days) and the days after it are measured apart. Peak RSS: the run's own process\n"
	       "(getrusage ru_maxrss); end RSS: resident at the last day.\n");
	printf("%-22s %4s %6s %22s %22s %9s %9s %9s %16s\n", "world", "runs", "days", "warm-up us/day",
	       "after warm-up us/day", "peak RSS", "end RSS", "ships", "digest");
}

static void print_row(const char *label, int runs, int warm, int steady, const struct world_result *r)
{
	char a[32], b[32];

	snprintf(a, sizeof a, "%.1f (%.1f)", r->warm_cpu, r->warm_wall);
	snprintf(b, sizeof b, "%.2f (%.2f)", r->steady_cpu, r->steady_wall);
	printf("%-22s %4d %3d+%-5d %19s %22s %6.1f MB %6.1f MB %9lld %016llx\n", label, runs, warm, steady, a, b,
	       (double)r->peak_rss / 1024, (double)r->rss_end / 1024, r->shipments,
	       (unsigned long long)r->digest);
}

static struct world_result bench_generated(int wards, int runs, int warm, int steady)
{
	char *json = smug_scenario_generate(wards, 42, 6);
	char label[48];
	struct world_result r;

	if (json == NULL) {
		fprintf(stderr, "bench: cannot generate %d wards\n", wards);
		exit(1);
	}
	snprintf(label, sizeof label, "generated %d wards", wards);
	r = measure(json, strlen(json), label, runs, warm, steady);
	print_row(label, runs, warm, steady, &r);
	free(json);
	return r;
}

/* What one of the journal's periodic checks costs (a digest of the
 * state, which the cockpit's world takes every SMUG_JOURNAL_CHECK_EVERY
 * days for its seeds): a world after 30 days and its clone without the
 * checks step `days` days each, alternated `rounds` times; the median of
 * the rounds' differences in CPU time, over the checks the one took. */
static void bench_check(const char *what, const char *json, size_t len, const char *name, int rounds, int days)
{
	struct smug_world *w = load_or_die(json, len, name), *plain;
	double *diff = malloc(sizeof(double) * (size_t)rounds);
	int checks = 0;

	if (diff == NULL)
		exit(1);
	smug_cmd_step(w, 30);
	plain = smug_world_clone(w);
	if (plain == NULL)
		exit(1);
	smug_journal_set_check_every(plain, 0);
	for (int r = 0; r < rounds; r++) {
		int before = w->journal.n_checks;
		double c0 = cpu_now(), c1, c2;

		smug_cmd_step(w, days);
		c1 = cpu_now();
		smug_cmd_step(plain, days);
		c2 = cpu_now();
		checks = w->journal.n_checks - before;
		diff[r] = checks > 0 ? ((c1 - c0) - (c2 - c1)) / checks * 1e3 : 0;
	}
	printf("periodic journal check (the cockpit's, every %d days), %-10s %.3f ms cpu a check "
	       "(median of %d rounds of %d days, %d checks each, with and without)\n",
	       w->journal.check_every, what, median(diff, rounds), rounds, days, checks);
	smug_world_free(plain);
	smug_world_free(w);
	free(diff);
}

/* The cockpit after 30 days: one day stepped with the '.' key and the
 * whole screen drawn into an in-memory canvas, `steps` times; medians of
 * the step, of the redraw and of both (wall time), and the median and
 * the mean CPU time of a step + redraw. The mean counts the days that
 * packed a copy of the state into the rewind ring, which the median
 * leaves out once the ring has thinned to a copy every few days (every
 * day before its first 256 copies: a run of 200 steps packs on each).
 * UTF-8 glyphs, colours off (drawing is the same work). */
static void bench_cockpit_on(const char *what, struct smug_world *w, int rows, int cols, int steps,
			     const char *keys)
{
	struct tui_options opt = {.ascii = false, .no_color = true, .no_mouse = true, .vault_root = "/tmp"};
	struct tui_grid *g = grid_new(rows, cols);
	struct tui_app a;
	double *st = malloc(sizeof(double) * (size_t)steps), *dr = malloc(sizeof(double) * (size_t)steps);
	double *both = malloc(sizeof(double) * (size_t)steps), *cpu = malloc(sizeof(double) * (size_t)steps);
	double mean = 0;

	if (st == NULL || dr == NULL || both == NULL || cpu == NULL)
		exit(1);
	tui_app_init(&a, w, &opt);
	for (const char *k = keys; *k; k++)
		tui_handle_key(&a, *k);
	for (int i = 0; i < steps; i++) {
		struct canvas screen = {&a.th, NULL, g, 0, 0, rows, cols};
		double c0 = cpu_now(), t0 = now_s(), t1;

		tui_handle_key(&a, '.');
		t1 = now_s();
		tui_render(&a, &screen);
		st[i] = (t1 - t0) * 1e3;
		dr[i] = (now_s() - t1) * 1e3;
		both[i] = st[i] + dr[i];
		cpu[i] = (cpu_now() - c0) * 1e3;
	}
	for (int i = 0; i < steps; i++)
		mean += cpu[i] / steps;
	printf("cockpit %-22s %3dx%-3d step + redraw %.3f ms wall (step %.3f, redraw %.3f), %.3f ms cpu; "
	       "medians of %d days, day %d at the end; mean %.3f ms cpu\n",
	       what, cols, rows, median(both, steps), median(st, steps), median(dr, steps), median(cpu, steps), steps,
	       w->day, mean);
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
	bench_check("default:", json, len, "dosadi-36.json", 9, 300);
	bench_check("400 wards:", gen, strlen(gen), "gen-400.json", 9, 300);
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
		double t0 = now_s(), c0 = cpu_now();

		smug_replay(json, len, "dosadi-36.json", &f, w, &r, &err);
		wall[i] = now_s() - t0;
		cpu[i] = cpu_now() - c0;
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

/* The same seed's days rebuilt ahead, as the cockpit does while it
 * waits for a key (smug_timeline_prepare, 4 days a call): what that
 * costs, then the first rewind a day back. */
static void bench_rewind_loaded_ahead(int days)
{
	size_t len;
	const char *json = smug_default_scenario(&len);
	struct smug_world *w = load_or_die(json, len, "dosadi-36.json"), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(SMUG_TIMELINE_BUDGET);
	struct smug_error err;
	double ahead, c0;
	long calls = 0;

	smug_cmd_step(w, days);
	smug_timeline_reset(t, w);
	c0 = cpu_now();
	while (smug_timeline_prepare(t, w, 4) > 0)
		calls++;
	ahead = cpu_now() - c0;
	c0 = cpu_now();
	if (smug_timeline_rewind(t, w, w->day - 1, &r, &err) != SMUG_OK) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(1);
	}
	printf("rewind before a loaded seed rebuilt ahead (4 days a call, as the cockpit waiting for a key): the "
	       "rebuild %.2f s cpu in %ld calls, then the first a day back %.1f ms cpu\n",
	       ahead, calls + 1, 1000 * (cpu_now() - c0));
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
}

/* The cockpit's ring starts at a loaded seed's day: the first rewind
 * before it rebuilds the seed's day from the scenario and the journal
 * (checked against the seed), refilling the ring on the way; the next
 * ones start from its copies. The default world stepped `days` days
 * stands for the seed. */
static void bench_rewind_loaded(int days)
{
	size_t len;
	const char *json = smug_default_scenario(&len);
	struct smug_world *w = load_or_die(json, len, "dosadi-36.json");
	struct smug_timeline *t = smug_timeline_new(SMUG_TIMELINE_BUDGET);
	double first = 0, next[4], c0;

	smug_cmd_step(w, days);
	smug_timeline_reset(t, w);
	for (int i = 0; i < 5; i++) {
		struct smug_world *r = NULL;
		struct smug_error err;

		c0 = cpu_now();
		if (smug_timeline_rewind(t, w, w->day - 1, &r, &err) != SMUG_OK) {
			fprintf(stderr, "bench: %s\n", err.msg);
			exit(1);
		}
		if (i == 0)
			first = cpu_now() - c0;
		else
			next[i - 1] = cpu_now() - c0;
		smug_world_free(w);
		w = r;
	}
	printf("rewind before a loaded seed, default world at day %d: the first a day back %.2f s cpu (rebuilt from "
	       "day 0 to the seed's day and checked, the ring refilled: %d copies every %d days), the next ones "
	       "%.1f ms cpu (median of 4)\n",
	       days, first, smug_timeline_count(t), smug_timeline_every(t), 1000 * median(next, 4));
	smug_timeline_free(t);
	smug_world_free(w);
	bench_rewind_loaded_ahead(days);
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

		c0 = cpu_now();
		if (smug_timeline_rewind(t, w, w->day - back, &r, &err) != SMUG_OK) {
			fprintf(stderr, "bench: %s\n", err.msg);
			exit(1);
		}
		cost[n++] = cpu_now() - c0;
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

/* A long step in the cockpit (`n`): the default world stepped `days`
 * days in slices of 64 as loop_step_long steps them, under the rewind
 * ring told where the step goes before each slice (smug_timeline_plan),
 * under the ring not told, and with no ring (the simulation alone); the
 * three interleaved in each of `runs` runs, medians. */
static void bench_long_step(int runs, int days)
{
	size_t len;
	const char *json = smug_default_scenario(&len);
	double cpu[3][16];
	int copies[3] = {0}, every[3] = {0};
	static const char *const how[3] = {"ring told where it goes", "ring not told", "no ring"};

	for (int r = 0; r < runs; r++)
		for (int m = 0; m < 3; m++) {
			struct smug_world *w = load_or_die(json, len, "dosadi-36.json");
			struct smug_timeline *t = smug_timeline_new(SMUG_TIMELINE_BUDGET);
			double c0 = cpu_now();

			smug_timeline_reset(t, w);
			for (int done = 0; done < days; done += 64) {
				int n = days - done < 64 ? days - done : 64;

				if (m == 0)
					smug_timeline_plan(t, w->day + days - done);
				if (m == 2)
					smug_cmd_step(w, n);
				else
					smug_timeline_step(t, w, n);
			}
			cpu[m][r] = cpu_now() - c0;
			copies[m] = smug_timeline_count(t);
			every[m] = smug_timeline_every(t);
			smug_timeline_free(t);
			smug_world_free(w);
		}
	printf("cockpit long step, default world %d days in 64-day slices (median of %d):", days, runs);
	for (int m = 0; m < 3; m++) {
		printf(" %s %.3f s cpu", how[m], median(cpu[m], runs));
		if (m < 2)
			printf(" (%d copies every %d days)", copies[m], every[m]);
		printf(m < 2 ? ";" : "\n");
	}
}

/* The 36,000-ward line's runs: the "at least 3". */
enum { BIG_RUNS = 3 };

static void usage(void)
{
	fprintf(stderr, "usage: bench [--quick] [--runs N] [--big] [--cockpit | --loop]\n"
			"  --quick  one run, short runs (a smoke check)\n"
			"  --runs N runs per figure (default 5, at most 16)\n"
			"  --big    also the 36,000-ward world (3 runs whatever --quick or\n"
			"           --runs say, 365 + 100 days)\n"
			"  --cockpit the cockpit's step and redraw only\n"
			"  --loop   the ten-year replay and the rewind ring only\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int quick = 0, big = 0, cockpit_only = 0, loop_only = 0, runs = 5;
	size_t len;
	const char *json = smug_default_scenario(&len);
	struct world_result d, g36, g360, g3600;
	int warm = 365, dsteady = 73000 - 365, gsteady = 3650 - 365;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0)
			quick = 1;
		else if (strcmp(argv[i], "--big") == 0)
			big = 1;
		else if (strcmp(argv[i], "--cockpit") == 0)
			cockpit_only = 1;
		else if (strcmp(argv[i], "--loop") == 0)
			loop_only = 1;
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else
			usage();
	}
	if (runs < 1 || runs > 16)
		usage();
	if (quick) {
		runs = 1;
		dsteady = 3650 - 365;
		gsteady = 365;
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each figure as soon as it is measured */

	printf("smugnet %s bench: %ld cores, CFLAGS %s\n", smug_version(),
	       sysconf(_SC_NPROCESSORS_ONLN), BENCH_CFLAGS);
	if (cockpit_only) {
		bench_cockpit(quick ? 200 : 1000);
		return 0;
	}
	if (loop_only) {
		bench_replay(3, 3650);
		bench_rewind(3650);
		bench_rewind_loaded(3650);
		bench_long_step(3, 73000);
		return 0;
	}
	print_header();
	d = measure(json, len, "dosadi-36.json", runs, warm, dsteady);
	print_row("default (36 wards)", runs, warm, dsteady, &d);
	g36 = bench_generated(36, runs, warm, gsteady);
	g360 = bench_generated(360, runs, warm, gsteady);
	g3600 = bench_generated(3600, runs, warm, gsteady);
	if (big) {
		/* BIG_RUNS runs whatever --quick or --runs say: a median of
		 * fewer is one run's noise, more cost a 36,000-ward world's
		 * making and 465 days each */
		struct world_result g = bench_generated(36000, BIG_RUNS, warm, 100);

		printf("36,000 / 36 wards after warm-up: %.1fx (target <= 30x)\n", g.steady_cpu / g36.steady_cpu);
	}
	printf("\ndefault world, %d days (%d years): %.3f s cpu (%.3f s wall) a run, %.2f us cpu a day "
	       "over the whole run, %.0f shipments per cpu second\n",
	       warm + dsteady, (warm + dsteady) / 365, d.total_cpu, d.total_wall,
	       d.total_cpu * 1e6 / (warm + dsteady), (double)d.shipments / d.total_cpu);
	printf("default world RSS: after day %d %ld KiB, after day %d %ld KiB (%+.2f%%), peak %ld KiB\n", warm,
	       d.rss_warm, warm + dsteady, d.rss_end,
	       d.rss_warm > 0 ? 100.0 * (double)(d.rss_end - d.rss_warm) / (double)d.rss_warm : 0.0, d.peak_rss);
	printf("cpu per day vs the generated 36-ward world (same generator):\n"
	       "  360 wards:   %5.1fx in the first year, %5.1fx after it\n"
	       "  3,600 wards: %5.1fx in the first year (target <= 10x), %5.1fx after it (target <= 3x)\n",
	       g360.warm_cpu / g36.warm_cpu, g360.steady_cpu / g36.steady_cpu, g3600.warm_cpu / g36.warm_cpu,
	       g3600.steady_cpu / g36.steady_cpu);
	printf("\n");
	bench_cockpit(quick ? 200 : 1000);
	/* last: the ring's copies would inflate the RSS figures above */
	bench_replay(quick ? 1 : 3, quick ? 730 : 3650);
	bench_rewind(quick ? 365 : 3650);
	bench_rewind_loaded(quick ? 365 : 3650);
	bench_long_step(quick ? 1 : 3, quick ? 7300 : 73000);
	return 0;
}
