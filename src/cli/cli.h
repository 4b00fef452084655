/* The command line: subcommands and their shared helpers. The CLI is a
 * host: it reads the world through const pointers and changes it only
 * through the command API. */
#ifndef SMUGNET_CLI_H
#define SMUGNET_CLI_H

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


int cmd_run(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_seeds(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_replay(int argc, char **argv);

#define CLI_SETS_MAX 64 /* --set options on one command line */
/* Apply KEY=VALUE settings to w as smug_config_set commands (journaled);
 * on a bad one print "smugnet CMD: --set KEY: reason" and return
 * EXIT_USAGE. */
int cli_apply_sets(struct smug_world *w, const char *cmd, const char *const *sets, int n);
/* A whole file, NUL-terminated; prints "FILE: cannot read: why" and
 * returns NULL on failure. Caller frees. */
char *cli_read_file(const char *file, size_t *len);
/* Write w's journal (journal.jsonl format) to path atomically: a
 * temporary file beside it, then a rename. EXIT_WRITE on failure. */
int cli_write_journal(const struct smug_world *w, const char *path);

/* The vault root: --vault, else $SMUGNET_VAULT, else $XDG_DATA_HOME/smugnet,
 * else ~/.local/share/smugnet. */
const char *cli_vault_root(const char *opt, char *buf, size_t size);
/* Print a core error and map its status to an exit code. */
int cli_status_exit(enum smug_status st, const char *msg);

/* Load FILE (or the default world when NULL); prints the error and
 * returns EXIT_BAD_INPUT on failure, EXIT_OK otherwise. */
int cli_load_world(const char *file, struct smug_world **out);
/* Parse a non-negative integer option value; false on junk. */
bool cli_parse_int(const char *s, long long max, long long *out);
/* Print a usage error for prog and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* JSON Lines helpers (jsonl.c): money as credits with 2 decimals. */
void jsonl_money(FILE *f, const char *key, int64_t minor, bool comma);
void jsonl_string(FILE *f, const char *s);
/* Finish stdout: flush and check for write errors; EXIT_WRITE on failure. */
int jsonl_close_stdout(void);

#endif
