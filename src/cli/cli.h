/* The command line: subcommands and their shared helpers. The CLI is a
 * host: it reads the world through const pointers and changes it only
 * through the command API. */
#ifndef SMUGNET_CLI_H
#define SMUGNET_CLI_H

#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "smugnet/smugnet.h"
#include "tui/tui.h" /* struct tui_options, tui_run */

/* Exit codes (documented in smugnet(1)). */
enum {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,
	EXIT_USAGE = 2,
	EXIT_BAD_INPUT = 3,
	EXIT_WRITE = 4,
};

/* The commands: argv[0] is the command's name. Each reads its options
 * with the process's first getopt (main and cmd_sweep pick the command by
 * comparing words, and no command calls another), so optind is getopt's
 * initial 1 and none resets it; GNU getopt ends the options at "--". */
int cmd_run(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_seeds(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* CSV, RFC 4180 (csv.c): a field quoted when it must be; then the
 * fields of a row, each followed by ',' or, when last, CRLF. */
void csv_quote(FILE *f, const char *s);
void csv_text(FILE *f, const char *s, bool last);
void csv_int(FILE *f, long long v, bool last);
void csv_money(FILE *f, int64_t minor, bool last); /* credits, two decimals */
void csv_real(FILE *f, double v, bool last);
void csv_header(FILE *f, const char *cols);
/* The rows of run --format csv [--per faction|border] on stdout. */
enum csv_per { CSV_PER_DAY, CSV_PER_FACTION, CSV_PER_BORDER };
struct csv_run;
struct csv_run *csv_run_start(const struct smug_world *w, enum csv_per per); /* prints the header row */
void csv_run_row(struct csv_run *r, const struct smug_world *w, const struct smug_counters *period);
void csv_run_done(struct csv_run *r); /* NULL is a no-op */

#define CLI_SETS_MAX 64 /* --set options on one command line */
/* Apply KEY=VALUE settings to w as smug_config_set commands (journaled);
 * on a bad one print "smugnet CMD: --set KEY: reason" and return
 * EXIT_USAGE. */
int cli_apply_sets(struct smug_world *w, const char *cmd, const char *const *sets, int n);
/* One KEY=VALUE setting applied to w; -1 with err->msg ("KEY: reason", or
 * "'TEXT': expected KEY=VALUE ...") when it is refused. */
int cli_set_one(struct smug_world *w, const char *set, struct smug_error *err);
/* Whether a and b name the same file (through any link). */
bool cli_same_file(const char *a, const char *b);
/* The folder an output path is (or would be) in, through any link. */
void cli_output_folder(const char *path, char *buf, size_t size);
/* What an output option names, for cli_output_spares. */
struct cli_output {
	const char *cmd;   /* the command, "run" */
	const char *opt;   /* its option, "--journal" */
	const char *path;  /* as given */
	const char *input; /* the file the world is read from, or NULL */
	const char *vault; /* the vault root (cli_vault_root), or NULL */
	bool folder;	   /* path is a folder the command writes its files into */
	/* the sweep folder whose sub/ the command writes its own files in
	 * (sweep collect: collect/; sweep chart: charts/), or NULL: a file
	 * there is the command's to replace, through a link or not */
	const char *sweep;
	const char *sub;
};
/* The one check of where an output goes: it must spare what smugnet
 * reads. Refused: the input file; a folder or a link to nothing where a
 * file goes; the
 * regular file standard output goes
 * to (renamed over, it would take what the command prints with it); the
 * vault's seeds/ folder and anything in it (made yet or not), which
 * holds only seeds; a sweep's results/ folder and anything in it, which
 * holds only results; and a file already there that is a seed's or a
 * sweep's own (in a folder whose manifest.json is a seed's or a sweep's:
 * that manifest, the files a seed's manifest lists, a sweep's
 * sweep.sbatch) or in a folder a sweep
 * writes below its manifest (results/, tmp/, collect/, charts/, logs/),
 * but for o->sweep's o->sub/, the command's own.
 * The first three and the last are for a file only. Paths are compared by
 * their real names, through any link or "..". A usage error naming it,
 * else EXIT_OK. */
int cli_output_spares(const struct cli_output *o);
/* The check for one of the files a command writes into a folder under
 * names of its own (export's and collect's tables): dir/name as o's path
 * (o->path is ignored); a folder in its place is let pass here, refused
 * as the file is written (exit 4). A usage error naming it, else EXIT_OK. */
int cli_output_in_spares(struct cli_output o, const char *dir, const char *name);
/* Which of the folders a sweep writes below its manifest folder is
 * ("results", "tmp", "collect", "charts", "logs"; NULL: none), by its
 * real name ("." inside results/ is results/): one of those whose parent,
 * put in sweep, holds a sweep's manifest.json (smug_vault_manifest_names). */
const char *cli_sweep_subfolder(const char *folder, char *sweep, size_t size);
/* Write w's journal (journal.jsonl format) to path atomically: a
 * temporary file beside it, then a rename. EXIT_WRITE on failure. */
int cli_write_journal(const struct smug_world *w, const char *path);

/* The vault root: --vault, else $SMUGNET_VAULT, else $XDG_DATA_HOME/smugnet
 * (an absolute XDG_DATA_HOME only), else ~/.local/share/smugnet with ~
 * from $HOME (absolute) or the user's home in the password database. */
const char *cli_vault_root(const char *opt, char *buf, size_t size);
/* Print a core error and map its status to an exit code. */
int cli_status_exit(enum smug_status st, const char *msg);

/* An argument of a command that takes a file or a seed (diff, replay)
 * that could name either (no '/', a valid seed name), with no file of
 * that name and no seed of it in vault as the vault's look-up found (st,
 * err; a symbolic link to nothing is no file either): told that both
 * were looked for ("nosuch: no such file, and no seed 'nosuch' in VAULT",
 * "gone: a symbolic link to nothing, and ..."), true (the caller exits
 * EXIT_BAD_INPUT);
 * false for anything else, nothing printed. */
bool cli_no_file_nor_seed(const char *arg, const char *vault, enum smug_status st, const struct smug_error *err);
/* Load FILE (or the default world when NULL); prints the error and
 * returns EXIT_BAD_INPUT on failure, EXIT_OK otherwise. */
int cli_load_world(const char *file, struct smug_world **out);
/* Parse a whole-number option value from 0 to max: decimal digits alone
 * (no space, sign or other base); false on anything else. */
bool cli_parse_int(const char *s, long long max, long long *out);
/* getopt_long(argc, argv, shortopts, opts) for command cmd (NULL: the
 * cockpit), without getopt's own messages: a malformed option is a usage
 * error printed here ("--days: missing value", "unknown option '--nope'",
 * "--events: takes no value, got '3'", "ambiguous option '--s': ...")
 * and returns '?'; the caller returns EXIT_USAGE. */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts, const struct option *opts);
/* cli_getopt with hint (NULL: none) told after the reason of a malformed
 * option ("unknown option '--x'; HINT"). */
int cli_getopt_hint(const char *cmd, const char *hint, int argc, char **argv, const char *shortopts,
		    const struct option *opts);
/* A file or folder name given to cmd's option opt ("--scenario") or as
 * its argument (opt: the argument's name in the usage line, "FILE") may
 * be NULL (not given) but not empty: "OPT: the name is empty" is a usage
 * error (EXIT_USAGE), else EXIT_OK. */
int cli_name_given(const char *cmd, const char *opt, const char *name);
/* A seed name given to opt (--load, --save, NAME): EXIT_OK when absent or
 * valid, else a usage error with the rule. */
int cli_seed_name_given(const char *cmd, const char *opt, const char *name);
/* The signals that stop a long command: SIGINT, SIGTERM, SIGHUP. */
#define CLI_STOP_SIGNALS 3
extern const int cli_stop_signals[CLI_STOP_SIGNALS];
/* Catch each stop signal not ignored now with handler (no SA_RESTART: a
 * wait returns EINTR), the handlers before kept in old; one ignored when
 * the command began (nohup's SIGHUP) stays ignored. cli_stops_release
 * puts old back. */
void cli_stops_catch(void (*handler)(int), struct sigaction old[CLI_STOP_SIGNALS]);
void cli_stops_release(const struct sigaction old[CLI_STOP_SIGNALS]);

/* The first control character of s, a C0 one, DEL or a C1 one (UTF-8
 * C2 80..C2 9F), as its code point; -1 when it has none. Text read from
 * a file that smugnet prints must have none: it would act on the
 * terminal (an escape sequence). */
long cli_control_char(const char *s);
/* Print a usage error for prog and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The largest world seed: 2^53 - 1, exact in a JSON number
 * (smugnet-scenario(5)). */
#define CLI_SEED_MAX 9007199254740991LL

/* Option opt's argument s as a whole number in [lo, hi] into *out:
 * EXIT_OK; otherwise a usage error of cmd that names the range
 * ("--days: expected a whole number in [0,100000000], got '2e9'"):
 * EXIT_USAGE. */
int cli_int_option(const char *cmd, const char *opt, const char *s, long long lo, long long hi, long long *out);

/* Read a whole file into a NUL-terminated buffer the caller frees, with
 * the core's one input-file routine (smug_file_read: regular files only,
 * at most SMUG_FILE_MAX bytes); prints "FILE: reason" and returns
 * EXIT_BAD_INPUT on failure. */
int cli_read_file(const char *file, char **out, size_t *len);
/* Write bytes to path atomically: a temporary file in tmp_dir (created
 * if missing; NULL: path's folder), fsync, rename, fsync of the folder.
 * A link to a regular file replaces that file (the link stays); a
 * device, FIFO or socket is written into, never replaced; a folder or a
 * link to nothing is refused. Prints the error and returns EXIT_WRITE on
 * failure. */
int cli_write_atomic(const char *path, const char *tmp_dir, const char *bytes, size_t len);
/* The same for files written piece by piece through a->f: open, write,
 * then commit (fsync, rename) or abort (the temporary file goes).
 * cli_atomic_commit puts n files in place together: all of them are on
 * disk and no folder holds any of their names before the first rename,
 * so a refusal replaces none (only an I/O error between two renames
 * leaves the first in place, and says so). Every a[i].f is closed. */
struct cli_atomic {
	FILE *f;
	bool direct; /* a device, FIFO or socket: written into, no rename */
	char path[4096], tmp[4200];
};
int cli_atomic_open(struct cli_atomic *a, const char *path, const char *tmp_dir);
/* Whether cli_tmp_remove_stale removes entry, a name in its folder:
 * name is NAME (len bytes, not terminated) when entry is ".NAME.PID.tmp",
 * the temporary file cli_atomic_open makes for a file NAME, else NULL. */
typedef bool (*cli_tmp_stale_fn)(const char *entry, const char *name, size_t len, const void *arg);
/* Remove the files in tmp_dir that stale(entry, ..., arg) takes and that
 * no process holds a flock(2) on (cli_atomic_open locks its temporary
 * file while it writes, sweep run its job log): what a writer killed
 * outright left. */
void cli_tmp_remove_stale(const char *tmp_dir, cli_tmp_stale_fn stale, const void *arg);
/* Remove path if it is a regular file no process holds a flock(2) on;
 * true when path is free (removed, or not there). */
bool cli_unlink_unheld(const char *path);
/* Whether the file open at fd is the one path names now. */
bool cli_fd_named(int fd, const char *path);
int cli_atomic_commit(struct cli_atomic *a, int n);
void cli_atomic_abort(struct cli_atomic *a);
/* mkdir that accepts an existing folder (or a link to one), not an
 * existing file; prints and returns EXIT_WRITE. */
int cli_mkdir(const char *path);

/* The world a headless run starts from (run_setup.c). */
struct cli_setup {
	const char *cmd;	    /* subcommand named in error messages */
	const char *scenario_file;  /* NULL: the embedded default world */
	const char *scenario_text;  /* when set: these bytes instead of reading the file */
	size_t scenario_len;
	long long seed;		    /* -1: the scenario's seed */
	const char *const *sets;    /* KEY=V settings, applied in order */
	int n_sets;
	const char *const *crackdowns; /* --crackdown specs */
	int n_crackdowns;
	const char *const *clears; /* --clear-crackdown ID@DAY specs */
	int n_clears;
	bool auto_crackdown;
	/* when set (a sweep task: "DIR/manifest.json"), a setting or crackdown
	 * the world refuses is bad input named by its place there (exit code
	 * 3), not a usage error about an option: crackdowns[i], and
	 * sets_at[k] for a setting ("settings[1].set") */
	const char *origin, *sets_at;
	/* the command saves a seed or writes the journal, which read the
	 * journal's periodic checks (a whole-state digest every 30 days);
	 * any other command's world takes none */
	bool keeps_journal;
};
/* Build the world of s; prints the error and returns an exit code. */
int cli_world_setup(const struct cli_setup *s, struct smug_world **out);
/* The world a headless command starts from: the seed `load` of the vault
 * `vault` (NULL: the default vault) steered by s, or s's scenario. When
 * events_before is not NULL it gets the world's event count before the
 * steering commands (their events are the first the run shows). Prints
 * the error and returns an exit code. */
int cli_world_open(const struct cli_setup *s, const char *load, const char *vault, struct smug_world **out,
		   uint64_t *events_before);
/* Seed, settings, crackdowns and auto-crackdown of s on an existing
 * world (also a loaded seed); prints the error and returns an exit code. */
int cli_world_steer(const struct cli_setup *s, struct smug_world *w);
/* Split "KEY=V" into key and value (V may be empty: a text knob takes
 * it, the knob's parser refuses it for the others); false when it has
 * no '=', no key or a key of key_size bytes or more. */
bool cli_setting_split(const char *kv, char *key, size_t key_size, const char **value);
/* A --crackdown spec, ID[@FROM[-TO]][:INTENSITY]: the corridor, the
 * first and last simulated days (counted from 1; 0 / -1 when not given:
 * from now, until cleared) and the intensity (default 1). */
struct cli_crackdown {
	char id[SMUG_ID_MAX * 2];
	int from, to;
	double intensity;
};
enum smug_status cli_crackdown_parse(const struct smug_world *w, const char *spec, struct cli_crackdown *out,
				     struct smug_error *err);
/* Start c on w now (a journaled crackdown command); 0, or -1 with err. */
int cli_crackdown_start(struct smug_world *w, const struct cli_crackdown *c, struct smug_error *err);
/* Apply one --crackdown spec if it starts with the next day or has no
 * days: 0 applied, 1 later (cli_crackdowns_due starts it), -1 with err
 * filled (bad spec, unknown corridor, a day already simulated). */
int cli_crackdown_apply(struct smug_world *w, const char *spec, struct smug_error *err);
/* What keeps a world after the last day it simulates, which decides the
 * latest day a --crackdown may start or a --clear-crackdown name. */
enum cli_keeps {
	CLI_KEEPS_SEED,	   /* run --save: the seed carries the day after the last */
	CLI_KEEPS_NOTHING, /* run without --save (or with --branch): nothing */
	CLI_KEEPS_TASKS,   /* a sweep's tasks, which save no seed */
	CLI_KEEPS_EXPLAIN, /* explain: the last day is the one it shows */
};
/* The --crackdown and --clear-crackdown specs of s against a world whose
 * last simulated day is last_day: one whose day is after last_day + 1
 * (CLI_KEEPS_SEED), or after last_day (anything else), would never act
 * on a simulated day nor be kept, and is a usage error naming it and the
 * days; prints the error and returns an exit code. */
int cli_crackdowns_within(const struct cli_setup *s, const struct smug_world *w, long long last_day,
			  enum cli_keeps keeps);
/* run --branch (branch.c): copy w, apply the branch specs to the copy,
 * run both `days` days, print both summaries and the delta. */
int cli_run_branch(const struct cli_setup *setup, struct smug_world *w, const char *const *specs, int n_specs,
		   long long days, bool quiet);
/* A --clear-crackdown spec, ID@DAY: the corridor, and the day (counted
 * from 1) before which its crackdown ends; SMUG_OK or err filled. */
enum smug_status cli_clear_parse(const struct smug_world *w, const char *spec, char *id, size_t id_size,
				 int *day, struct smug_error *err);
/* After each simulated day: clear the --clear-crackdown specs of s whose
 * day is the next one (a border without a crackdown then is left alone),
 * then start the --crackdown specs whose first day is the next one.
 * Prints and returns an exit code. */
int cli_crackdowns_due(const struct cli_setup *s, struct smug_world *w);

/* The run report (run_report.c), shared by run and sweep: JSON objects
 * without the trailing newline. */
void report_counts(FILE *f, const struct smug_counters *c);
void report_day(FILE *f, const struct smug_world *w, const struct smug_counters *period);
/* What the summary's health block compares the end of a run with: the
 * world as the run started. */
struct report_base {
	int day;
	struct smug_plan_counters plan;
	int64_t by_reason[SMUG_TX_REASON_COUNT];
	int64_t minted, burned;
	int64_t balance[SMUG_FACTIONS_MAX]; /* minor units, per faction */
};
void report_base_take(struct report_base *b, const struct smug_world *w);
void report_summary(FILE *f, const struct smug_world *w, const struct smug_counters *c,
		    const struct report_base *base);

/* Progress on stderr (progress.c): drawn only when stderr is a terminal
 * and not quiet; one line redrawn in place. */
struct progress {
	bool on;
	const char *what, *unit;
	long total, done, failed;
	/* of the done, those with nothing to read (a task without a result),
	 * shown as ", N <missing_what>" when missing_what is set and N > 0 */
	long missing;
	const char *missing_what;
	double t0, last; /* seconds, monotonic clock */
	/* when the first unit was done, and how many were done then: the
	 * time left is estimated from the units after it (the first carries
	 * one-off work: a run's first day takes hundreds of later days' time) */
	double first_t;	 /* 0: no unit done yet */
	long first_done;
};
void progress_start(struct progress *p, const char *what, const char *unit, long total, bool quiet);
void progress_update(struct progress *p, long done, long failed);
void progress_end(struct progress *p);
/* Ends the line by erasing it, for a command whose own output follows on
 * the same terminal (explain). */
void progress_erase(struct progress *p);
/* Before a message on stderr while a progress line may be drawn: the line
 * is cleared, so the message starts at the left edge, and drawn again at
 * the next update. Nothing when no line is drawn. */
void progress_clear(void);

/* JSON Lines helpers (jsonl.c): money as credits with 2 decimals. */
void jsonl_money(FILE *f, const char *key, int64_t minor, bool comma);
void jsonl_string(FILE *f, const char *s);
/* The bytes jsonl_string writes for s. */
size_t jsonl_string_len(const char *s);
/* Text gathered in memory for f and written to it in large pieces (the
 * event stream writes thousands of lines a second): the same text as the
 * helpers above. Flush before anything else writes to f. */
struct jsonl_buf {
	FILE *f;
	size_t len;
	char p[16384];
};
void jb_raw(struct jsonl_buf *b, const char *s, size_t n);
#define JB_LIT(b, lit) jb_raw((b), (lit), sizeof(lit) - 1)
void jb_string(struct jsonl_buf *b, const char *s); /* quoted and escaped */
void jb_uint(struct jsonl_buf *b, unsigned long long v);
void jb_int(struct jsonl_buf *b, long long v);
void jb_money(struct jsonl_buf *b, int64_t minor); /* credits, 2 decimals */
void jb_flush(struct jsonl_buf *b);
/* Finish stdout: flush and check for write errors; EXIT_WRITE on failure. */
int jsonl_close_stdout(void);

#endif
