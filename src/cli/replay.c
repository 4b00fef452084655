/* smugnet replay NAME|SEED_DIR|FILE: rebuild a world from its scenario and its
 * command journal and check the digest at every command and check the
 * journal recorded, and (for a seed) the final state field by field
 * against the saved snapshot. Exit 0 when it all matches, 3 on the first
 * mismatch (named by day, journal line and field groups or field) and on
 * bad input. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

int cli_write_journal(const struct smug_world *w, const char *path)
{
	char *text = smug_journal_to_jsonl(w);
	int rc = cli_write_atomic(path, NULL, text, strlen(text));

	free(text);
	return rc;
}

static void replay_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet replay NAME [--vault DIR] [--json]\n"
		   "       smugnet replay SEED_DIR [--json]\n"
		   "       smugnet replay FILE [--scenario FILE] [--json]\n"
		   "Rebuild a seed (a vault's, or a seed folder anywhere), or a journal.jsonl file,\n"
		   "from its scenario and command journal and compare the state wherever the\n"
		   "journal recorded its digest (and a seed's last state with its snapshot).\n"
		   "Exit status: 0 identical, 3 a mismatch or bad input.\n");
}

/* A journal file: FILE itself, its scenario from --scenario, else a
 * scenario.json beside it (a seed folder), else the default world
 * (*by_default set). */
static int load_journal_file(const char *path, const char *scenario, struct smug_journal_file *jf,
			     char **text, size_t *len, char *name, size_t name_size, bool *by_default)
{
	struct smug_error err;
	char *body, beside[1100];
	size_t n;
	const char *slash = strrchr(path, '/');
	enum smug_status st;

	int rc;

	if ((rc = cli_read_file(path, &body, &n)) != EXIT_OK)
		return rc;
	st = smug_journal_parse(body, n, path, jf, &err);
	free(body);
	if (st != SMUG_OK)
		return cli_status_exit(st, err.msg);
	if (scenario == NULL) {
		struct stat sb;

		snprintf(beside, sizeof beside, "%.*sscenario.json", slash ? (int)(slash - path + 1) : 0, path);
		if (stat(beside, &sb) == 0)
			scenario = beside;
	}
	if (scenario) {
		if ((rc = cli_read_file(scenario, text, len)) != EXIT_OK)
			return rc;
		snprintf(name, name_size, "%s", scenario);
	} else {
		const char *def = smug_default_scenario(len);

		*text = malloc(*len + 1);
		memcpy(*text, def, *len + 1);
		snprintf(name, name_size, "%s", SMUG_DEFAULT_WORLD_NAME);
		*by_default = true;
	}
	return EXIT_OK;
}

/* A journal file replayed on the default world (no --scenario, no
 * scenario.json beside it) that was written from another scenario: say
 * which one and how to give it. */
static void tell_journal_scenario(const char *path, const struct smug_journal_file *jf)
{
	struct smug_world *w;
	struct smug_error err;
	bool other;

	if (smug_world_load_default(&w, &err) != SMUG_OK)
		return;
	other = w->scenario_hash != jf->scenario_hash || strcmp(w->scenario_id, jf->scenario_id) != 0;
	smug_world_free(w);
	if (other)
		fprintf(stderr, "smugnet replay: %s was written from scenario %s, not the default world; "
				"give its scenario file with --scenario FILE\n", path, jf->scenario_id);
}

static void print_report(const struct smug_replay_report *r, const char *what, double seconds, bool json)
{
	uint64_t d = smug_world_digest(r->world);

	if (json) {
		printf("{\"ok\":%s,\"replayed\":", r->ok ? "true" : "false");
		jsonl_string(stdout, what);
		printf(",\"days\":%d,\"commands\":%d,\"checks\":%d,\"day\":%d,\"digest\":\"%016llx\","
		       "\"diverged_day\":%d,\"last_match_day\":%d,\"line\":%d,\"what\":",
		       r->days, r->commands, r->checks, r->world->day, (unsigned long long)d, r->diverged_day,
		       r->prev_match_day, r->line);
		jsonl_string(stdout, r->what);
		printf(",\"seconds\":%.3f}\n", seconds);
		return;
	}
	if (r->ok) {
		printf("replay %s: ok: %d day%s, %d command%s, %d digest%s compared; day %d, digest %016llx (%.3f s)\n",
		       what, r->days, r->days == 1 ? "" : "s", r->commands, r->commands == 1 ? "" : "s", r->checks,
		       r->checks == 1 ? "" : "s", r->world->day, (unsigned long long)d, seconds);
		return;
	}
	printf("replay %s: diverged on day %d", what, r->diverged_day);
	/* the last day that matched, never one after the divergence (a
	 * check edited to an earlier day diverges before it) */
	if (r->prev_match_day == r->diverged_day)
		printf(" (identical until this line)");
	else if (r->prev_match_day >= 0 && r->prev_match_day < r->diverged_day)
		printf(" (still identical on day %d)", r->prev_match_day);
	if (r->line > 0)
		printf(", journal line %d", r->line);
	printf(": %s\n", r->what);
}

int cmd_replay(int argc, char **argv)
{
	static const struct option opts[] = {
		{"scenario", required_argument, NULL, 's'}, {"vault", required_argument, NULL, 'v'},
		{"json", no_argument, NULL, 'j'},	    {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *scenario = NULL, *vault = NULL, *arg;
	char vault_buf[1024], name[1100];
	bool json = false, exists, is_file, is_dir, by_default = false;
	int c, rc;
	struct smug_journal_file jf = {0};
	struct smug_replay_report r = {0};
	struct smug_world *end = NULL;
	struct smug_error err;
	char *text = NULL;
	size_t len = 0;
	struct stat sb;
	enum smug_status st;
	clock_t t0;

	while ((c = cli_getopt("replay", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 's': scenario = optarg; break;
		case 'v': vault = optarg; break;
		case 'j': json = true; break;
		case 'h': replay_usage(stdout); return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("replay", "expected one seed name or journal file");
	arg = argv[optind];
	if (cli_name_given("replay", "NAME|SEED_DIR|FILE", arg) != EXIT_OK ||
	    cli_name_given("replay", "--scenario", scenario) != EXIT_OK ||
	    cli_name_given("replay", "--vault", vault) != EXIT_OK)
		return EXIT_USAGE;
	/* a path that exists is a seed folder or a journal file; otherwise a
	 * seed name is looked up in the vault */
	exists = stat(arg, &sb) == 0;
	is_dir = exists && S_ISDIR(sb.st_mode);
	is_file = !is_dir && (exists || strchr(arg, '/') != NULL || !smug_seed_name_valid(arg));
	if (is_file) {
		rc = load_journal_file(arg, scenario, &jf, &text, &len, name, sizeof name, &by_default);
		if (rc != EXIT_OK) {
			smug_journal_file_done(&jf);
			return rc;
		}
	} else {
		bool edited;

		if (scenario)
			return cli_usage_error("replay", "--scenario goes with a journal file; a seed has its own");
		if (is_dir) {
			st = smug_vault_load_dir_replay(arg, &end, &edited, &err);
		} else {
			vault = cli_vault_root(vault, vault_buf, sizeof vault_buf);
			st = smug_vault_load_replay(vault, arg, &end, &edited, &err);
			/* a journal file's name mistyped is no seed either */
			if (st == SMUG_ERR_NOT_FOUND && cli_no_file_nor_seed(arg, vault, st, &err))
				return EXIT_BAD_INPUT;
		}
		if (st != SMUG_OK)
			return cli_status_exit(st, err.msg);
		if (edited)
			fprintf(stderr, "smugnet replay: %s/journal.jsonl was changed after the seed was saved; "
					"replaying it as it is\n", arg);
		jf.j = end->journal; /* borrowed: end outlives the replay */
		snprintf(jf.scenario_id, sizeof jf.scenario_id, "%s", end->scenario_id);
		jf.scenario_hash = end->scenario_hash;
		jf.start_day = end->start_day;
		text = malloc(end->scenario_len + 1);
		memcpy(text, end->scenario_text, end->scenario_len + 1);
		len = end->scenario_len;
		snprintf(name, sizeof name, "%s/scenario.json", arg);
	}
	t0 = clock();
	st = smug_replay(text, len, name, &jf, end, &r, &err);
	free(text);
	if (end)
		memset(&jf.j, 0, sizeof jf.j); /* end owns it */
	if (st != SMUG_OK) {
		rc = cli_status_exit(st, err.msg);
		if (by_default)
			tell_journal_scenario(arg, &jf);
		smug_journal_file_done(&jf);
		smug_world_free(end);
		return rc;
	}
	smug_journal_file_done(&jf);
	print_report(&r, arg, (double)(clock() - t0) / CLOCKS_PER_SEC, json);
	rc = r.ok ? EXIT_OK : EXIT_BAD_INPUT;
	smug_world_free(r.world);
	smug_world_free(end);
	return jsonl_close_stdout() != EXIT_OK ? EXIT_WRITE : rc;
}
