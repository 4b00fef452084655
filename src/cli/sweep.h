/* Sweeps (smugnet-sweep(1)): a manifest of independent tasks (seed x
 * setting), results written atomically one file per task, and the
 * helpers every sweep subcommand shares. A task's output depends only on
 * the manifest, so any engine (fork pool, GNU parallel, Slurm) may run
 * any task any number of times and get the same bytes. */
#ifndef SMUGNET_CLI_SWEEP_H
#define SMUGNET_CLI_SWEEP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"

#define SWEEP_FORMAT "smugnet-sweep"
#define SWEEP_RESULT_FORMAT "smugnet-sweep-result"
#define SWEEP_MAX_KEYS 16
#define SWEEP_MAX_VALUES 256
#define SWEEP_MAX_CRACKDOWNS 64
#define SWEEP_MAX_TASKS 100000000LL
/* The folders a sweep writes below its manifest (smugnet-sweep(1)),
 * named here once: the sweep's commands build their paths from these,
 * and cli_output_spares spares them. */
#define SWEEP_RESULTS "results" /* results/I.json, one per task */
#define SWEEP_TMP "tmp"		/* results and tables while they are written */
#define SWEEP_COLLECT "collect" /* collect's CSV tables */
#define SWEEP_CHARTS "charts"	/* chart's SVG files */
#define SWEEP_LOGS "logs"	/* the logs of slurm's and parallel's jobs */

struct sweep_setting {
	char **sets;   /* "KEY=V", one per grid key, in grid order */
	int n_sets;
};

struct sweep_task {
	long long seed;
	int setting; /* index into settings */
};

struct sweep_manifest {
	char *dir;		/* the sweep folder, as given */
	uint64_t hash;		/* XXH3 of manifest.json's bytes: results name it */
	char *program;		/* "smugnet VERSION" that planned it */
	char *scenario_file;	/* as given to plan, or NULL: default world */
	char *scenario_id;
	uint64_t scenario_hash;
	char *scenario_text;	/* embedded scenario, NULL for the default world */
	size_t scenario_len;
	long long days;
	int stride;
	int64_t bankrupt_below; /* minor units, when not a share */
	double bankrupt_share;	/* > 0: a share of each faction's starting balance */
	char **crackdowns;
	int n_crackdowns;
	bool auto_crackdown;
	char **keys;		/* grid keys */
	int n_keys;
	struct sweep_setting *settings;
	int n_settings;
	struct sweep_task *tasks;
	long long n_tasks;
};

/* ---- sweep_manifest.c ---- */
/* Paths inside a sweep folder. */
void sweep_path(char *buf, size_t size, const char *dir, const char *name);
/* dir without the slashes at its end ("/" stays): a shell completes a
 * folder's name as "sweep/", and the paths made of it read
 * "sweep//results/3.json". */
void sweep_dir_trim(char *dir);
void sweep_result_path(char *buf, size_t size, const char *dir, long long task);
/* Read and check DIR/manifest.json; prints "file: path: reason" and
 * returns EXIT_BAD_INPUT on a bad manifest. */
int sweep_manifest_load(const char *dir, struct sweep_manifest *m);
void sweep_manifest_done(struct sweep_manifest *m);
/* The value of grid key k in setting s ("0.3"). */
const char *sweep_setting_value(const struct sweep_manifest *m, int s, int k);
/* The label of setting s, "key=v key2=w" ("all" without a grid), and
 * its values in the grid keys' order ("0.3, 12"; "all"), whole however
 * long a value is: the caller frees them. Out of memory is fatal. */
char *sweep_setting_label(const struct sweep_manifest *m, int s);
char *sweep_setting_values(const struct sweep_manifest *m, int s);
/* The grid keys themselves ("key, key2"), or "setting". */
void sweep_keys_list(const struct sweep_manifest *m, char *buf, size_t size);
/* At most SWEEP_LABEL_COLS characters of a label where a line of output
 * lays it out (collect's table, chart's legend; text_cut_middle cuts it);
 * SWEEP_LABEL_FIT the bytes they and a mark take. */
#define SWEEP_LABEL_COLS 60
#define SWEEP_LABEL_FIT (SWEEP_LABEL_COLS * 4 + 8)
/* Whether task I is done: results/I.json begins as a result of this
 * manifest (its hash) and this task does, and ends with a check sum as
 * every result does. An empty file, one cut short, or a result of
 * another manifest (one edited since, even in its spacing), is not: run
 * makes it again, as collect would refuse it. */
bool sweep_result_exists(const struct sweep_manifest *m, long long task);
/* Whether results/I.json is there at all, whatever it holds. */
bool sweep_result_file_exists(const struct sweep_manifest *m, long long task);
/* The scenario every task's world is built from, and its name in
 * messages (written to name): the text the manifest embeds, named by its
 * place there ("DIR/manifest.json: scenario.text"), or, when it embeds
 * none, the program's default world, SMUG_DEFAULT_WORLD_NAME. */
const char *sweep_scenario(const struct sweep_manifest *m, size_t *len, char *name, size_t size);
/* Run task i and write its result atomically; prints errors and
 * returns an exit code. */
int sweep_task_run(const struct sweep_manifest *m, long long i);
/* In a job of GNU parallel under sweep run --jobs: has the run that
 * started it gone (then no result may be written)? false elsewhere. */
bool sweep_lifeline_cut(void);
/* Tasks one job runs in one process (sweep run --jobs, sweep parallel):
 * a task's own process costs about 9 ms of CPU to start (exec, the manifest
 * and scenario read, the event ring's first pages), paid once a batch.
 * With one job, SWEEP_BATCH_MAX; with more, small enough that each job
 * takes about four batches, so the last ones end together. */
#define SWEEP_BATCH_MAX 16
long long sweep_batch_size(long long n_tasks, long long jobs);
/* The path of this program, for scripts that call it back. */
void sweep_self_path(char *buf, size_t size, const char *argv0);
/* An absolute form of path (for scripts run elsewhere). */
void sweep_abs_path(char *buf, size_t size, const char *path);
/* s as one shell word: bare when safe, else in single quotes. */
void sweep_shell_word(FILE *f, const char *s);
/* An --output of cmd may not replace what the sweep reads: its manifest,
 * or a file in results/ (followed through links). A usage error naming
 * it, else EXIT_OK. */
int sweep_output_check(const struct sweep_manifest *m, const char *cmd, const char *output);
/* The one sweep folder after the options of cmd: a usage error when it
 * is missing or followed by another argument, else EXIT_OK. */
int sweep_dir_arg(const char *cmd, int argc, char **argv, int first);
/* Where the JSON value that starts at s[i] ends: after its closing
 * bracket or quote, or at the delimiter after a bare word; 0 when the
 * text ends first. Only the extent: the value's syntax is checked when
 * it is parsed. */
size_t sweep_json_value_end(const char *s, size_t i, size_t n);
/* Parse a bankruptcy threshold: credits ("1.00") or a share of the
 * starting balance ("50%"); false on junk. */
bool sweep_parse_threshold(const char *s, int64_t *minor, double *share);
/* Parse "A-B" or "A" into [lo, hi]; false on junk. */
bool sweep_parse_range(const char *s, long long *lo, long long *hi);

/* ---- sweep_results.c: reading results back ---- */
struct sweep_result {
	long long task;
	char digest[17];
	double totals[8];	  /* SWEEP_FIG_* of the whole run */
	int n_factions;
	double *balance_end;	  /* [n_factions] credits */
	double *success_rate;	  /* [n_factions] */
	int *bankrupt_day;	  /* [n_factions], -1 when never */
	int n_points;
	int *days;		  /* [n_points] */
	double *series;		  /* [n_points][8] per-period figures */
	double *balances;	  /* [n_points][n_factions] credits */
};

enum sweep_figure {
	SWEEP_FIG_SHIPMENTS, SWEEP_FIG_DELIVERED, SWEEP_FIG_SEIZED, SWEEP_FIG_LOST,
	SWEEP_FIG_BRIBES, SWEEP_FIG_PROFIT, SWEEP_FIG_IN_TRANSIT, SWEEP_FIG_COUNT
};
extern const char *const sweep_figure_names[SWEEP_FIG_COUNT];

/* The factions of the sweep's world that run networks, in id order. */
struct sweep_factions {
	char **ids;
	int n;
};
int sweep_factions_load(const struct sweep_manifest *m, struct sweep_factions *f);
void sweep_factions_done(struct sweep_factions *f);

/* Check every file in DIR/results against the manifest; names each
 * missing, duplicate, foreign or tampered result on stderr as
 * "file: path: reason". Returns the number of problems. */
long long sweep_results_check(const struct sweep_manifest *m);
/* Load and verify the result of task i into r (freed with
 * sweep_result_done); prints "file: path: reason" and returns false on
 * a bad result. */
bool sweep_result_load(const struct sweep_manifest *m, const struct sweep_factions *f,
		       long long i, struct sweep_result *r);
void sweep_result_done(struct sweep_result *r);

/* ---- sweep_stats.c ---- */
struct sweep_stats {
	long long n;
	double mean, sd, p[5]; /* p5 p25 p50 p75 p95 */
};
extern const double sweep_quantiles[5];
/* Stats of v[0..n) (sorted in place). */
void sweep_stats_of(double *v, long long n, struct sweep_stats *s);

/* ---- sweep_fan.c: percentile bands of one figure over days ---- */
struct sweep_fan {
	int n_settings, n_points;
	int *days;	  /* [n_points] */
	long long *n;	  /* [n_settings] tasks per setting with a result */
	double *q;	  /* [n_settings][n_points][5]: p5 p25 p50 p75 p95; NaN where n is 0 */
	char title[256];  /* "balance of syndicate" */
};
/* The fan of figure ("balance" needs faction) over every result; prints
 * "file: path: reason" for each bad result and returns EXIT_BAD_INPUT,
 * or EXIT_USAGE for an unknown figure or faction. */
int sweep_fan_compute(const struct sweep_manifest *m, const char *figure, const char *faction,
		      bool quiet, struct sweep_fan *fan);
/* n_fans fans in one pass over the results (figures[i], factions[i]);
 * `what` names the work on the progress line ("sweep chart"). With
 * missing non-NULL, tasks without a result yet (a sweep still
 * running) are left out and counted there instead of being problems; a
 * result that is there and bad is a problem either way. */
int sweep_fans_compute(const struct sweep_manifest *m, int n_fans, const char *const *figures,
		       const char *const *factions, const char *what, bool quiet, struct sweep_fan *fans,
		       long long *missing);
void sweep_fan_done(struct sweep_fan *fan);

/* ---- subcommands ---- */
int sweep_plan(int argc, char **argv);
int sweep_run(int argc, char **argv);
int sweep_missing(int argc, char **argv);
int sweep_collect(int argc, char **argv);
int sweep_chart(int argc, char **argv);
int sweep_slurm(int argc, char **argv);
int sweep_parallel(int argc, char **argv);
/* smugnet --sweep DIR: the cockpit's fan charts (sweep_cockpit.c). */
int cli_sweep_cockpit(const char *dir, const struct tui_options *opt);

#endif
