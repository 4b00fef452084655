/* Building the world a headless run starts from, shared by `smugnet run`
 * and every sweep task so both reach the same digest from the same
 * settings: the scenario (a file, or the embedded default), the seed,
 * `--set KEY=V` settings, `--crackdown` targets and auto-crackdown.
 * A setting is the core's smug_config_set command (the knob table is the
 * one list of keys and ranges), so it is journaled, applies as well to a
 * loaded seed, and leaves the scenario's bytes and hash alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

static void str_copy_cli(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool cli_setting_split(const char *kv, char *key, size_t key_size, const char **value)
{
	const char *eq = strchr(kv, '=');
	size_t n;

	if (eq == NULL || eq == kv)
		return false;
	n = (size_t)(eq - kv);
	if (n >= key_size)
		return false;
	memcpy(key, kv, n);
	key[n] = '\0';
	*value = eq + 1;
	return true;
}

/* A day: a whole number from 1 to 100000000. */
static bool parse_day(const char *s, size_t n, int *out)
{
	char buf[16];
	long long v;

	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!cli_parse_int(buf, 100000000, &v) || v < 1)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_intensity(const char *s, double *out)
{
	return smug_decimal_parse(s, out) && *out >= SMUG_INTENSITY_MIN && *out <= 1;
}

/* "FROM" or "FROM-TO" */
static bool parse_days(const char *s, struct cli_crackdown *c)
{
	const char *dash = strchr(s, '-');

	if (!parse_day(s, dash ? (size_t)(dash - s) : strlen(s), &c->from))
		return false;
	if (dash && !parse_day(dash + 1, strlen(dash + 1), &c->to))
		return false;
	return !dash || c->to >= c->from;
}

/* Names a corridor itself, or as ID@DAYS. */
static bool names_corridor(const struct smug_world *w, const char *s)
{
	char id[SMUG_ID_MAX * 2 + 64];
	char *at;

	if (smug_world_find_corridor(w, s) >= 0)
		return true;
	str_copy_cli(id, sizeof id, s);
	if ((at = strrchr(id, '@')) == NULL || at[1 + strspn(at + 1, "0123456789-")] != '\0')
		return false;
	*at = '\0';
	return smug_world_find_corridor(w, id) >= 0;
}

enum smug_status cli_crackdown_parse(const struct smug_world *w, const char *spec, struct cli_crackdown *out,
			struct smug_error *err)
{
	char id[SMUG_ID_MAX * 2 + 64];
	char *colon, *at;

	memset(out, 0, sizeof *out);
	out->intensity = 1.0;
	out->to = -1;
	if (strlen(spec) >= sizeof id)
		return smug_error_set(err, SMUG_ERR_ARG, "crackdown '%s': too long", spec);
	str_copy_cli(id, sizeof id, spec);
	/* node ids hold ':', so a ":I" suffix is an intensity only when what
	 * is left names a corridor */
	colon = strrchr(id, ':');
	if (!names_corridor(w, id) && colon) {
		*colon = '\0';
		if (!names_corridor(w, id))
			*colon = ':';
		else if (!parse_intensity(colon + 1, &out->intensity))
			return smug_error_set(err, SMUG_ERR_ARG, "crackdown '%s': intensity must be in [1e-09,1], got '%s'",
					      spec, colon + 1);
	}
	if (smug_world_find_corridor(w, id) < 0 && (at = strrchr(id, '@')) != NULL) {
		*at = '\0';
		if (smug_world_find_corridor(w, id) >= 0 && !parse_days(at + 1, out))
			return smug_error_set(err, SMUG_ERR_ARG,
					      "crackdown '%s': expected ID[@FROM[-TO]][:INTENSITY] (days count from 1, "
					      "TO >= FROM, intensity in [1e-09,1])", spec);
	}
	if (smug_world_find_corridor(w, id) < 0) {
		smug_world_unknown_corridor(w, "crackdown", id, err); /* names the nearest ids */
		return SMUG_ERR_NOT_FOUND;
	}
	str_copy_cli(out->id, sizeof out->id, id);
	return SMUG_OK;
}

int cli_crackdown_start(struct smug_world *w, const struct cli_crackdown *c, struct smug_error *err)
{
	int end = c->to < 0 ? -1 : smug_crackdown_end_day(c->to);

	return smug_cmd_crackdown_set(w, c->id, c->intensity, end, err) == SMUG_OK ? 0 : -1;
}

int cli_crackdown_apply(struct smug_world *w, const char *spec, struct smug_error *err)
{
	struct cli_crackdown c;

	if (cli_crackdown_parse(w, spec, &c, err) != SMUG_OK)
		return -1;
	if (c.from > w->day + 1)
		return 1; /* later: cli_crackdowns_due starts it the day before */
	if (c.from > 0 && c.from < w->day + 1) {
		smug_error_set(err, SMUG_ERR_ARG, "crackdown '%s': day %d has passed (the next day is %d)", spec,
			       c.from, w->day + 1);
		return -1;
	}
	return cli_crackdown_start(w, &c, err);
}

/* "ID@DAY" split into its corridor id and day; false when malformed. */
static bool clear_split(const char *spec, char *id, size_t id_size, int *day)
{
	const char *at = strrchr(spec, '@');
	size_t n = at ? (size_t)(at - spec) : 0;

	if (at == NULL || n == 0 || n >= id_size || !parse_day(at + 1, strlen(at + 1), day))
		return false;
	memcpy(id, spec, n);
	id[n] = '\0';
	return true;
}

enum smug_status cli_clear_parse(const struct smug_world *w, const char *spec, char *id, size_t id_size,
				 int *day, struct smug_error *err)
{
	if (!clear_split(spec, id, id_size, day))
		return smug_error_set(err, SMUG_ERR_ARG,
				      "clear-crackdown '%s': expected ID@DAY (days count from 1)", spec);
	if (smug_world_find_corridor(w, id) < 0) {
		smug_world_unknown_corridor(w, "clear-crackdown", id, err);
		return SMUG_ERR_NOT_FOUND;
	}
	if (*day <= w->day)
		return smug_error_set(err, SMUG_ERR_ARG,
				      "clear-crackdown '%s': day %d has passed (the next day is %d)", spec, *day,
				      w->day + 1);
	return SMUG_OK;
}

/* Where s has an origin (a sweep's manifest), a setting or crackdown the
 * world refused is bad input at its place there, "ORIGIN: AT[i]: reason"
 * (a crackdown's reason without its leading "crackdown: "). */
static int origin_refused(const struct cli_setup *s, const char *at, int i, const char *msg)
{
	if (strncmp(msg, "crackdown: ", 11) == 0)
		msg += 11;
	progress_clear();
	fprintf(stderr, "%s: %s[%d]: %s\n", s->origin, at, i, msg);
	return EXIT_BAD_INPUT;
}

/* A crackdown of s the world refused: a usage error, or bad input at
 * crackdowns[i] of s's origin. */
static int crackdown_refused(const struct cli_setup *s, int i, const char *msg)
{
	return s->origin ? origin_refused(s, "crackdowns", i, msg) : cli_usage_error(s->cmd, "%s", msg);
}

/* The settings of s: as --set options (a usage error names the option),
 * or where s has an origin, each refusal named at sets_at[k] there. */
static int apply_sets(const struct cli_setup *s, struct smug_world *w)
{
	if (s->origin == NULL)
		return cli_apply_sets(w, s->cmd, s->sets, s->n_sets);
	for (int k = 0; k < s->n_sets; k++) {
		char key[256];
		const char *v;
		struct smug_error err;

		if (!cli_setting_split(s->sets[k], key, sizeof key, &v))
			return origin_refused(s, s->sets_at, k, "expected KEY=VALUE");
		if (smug_config_set(w, key, v, &err) != SMUG_OK)
			return origin_refused(s, s->sets_at, k, err.msg);
	}
	return EXIT_OK;
}

/* The clears of s due before the next day (checked before day 1). */
static int clears_due(const struct cli_setup *s, struct smug_world *w)
{
	for (int i = 0; i < s->n_clears; i++) {
		char id[SMUG_ID_MAX * 2];
		int day;
		struct smug_error err;

		if (!clear_split(s->clears[i], id, sizeof id, &day) || day != w->day + 1 ||
		    !smug_world_crackdown_on(w, smug_world_find_corridor(w, id)))
			continue;
		if (smug_cmd_crackdown_clear(w, id, &err) != SMUG_OK)
			return cli_usage_error(s->cmd, "%s", err.msg);
	}
	return EXIT_OK;
}

int cli_crackdowns_due(const struct cli_setup *s, struct smug_world *w)
{
	int rc = clears_due(s, w);

	if (rc != EXIT_OK)
		return rc;
	for (int i = 0; i < s->n_crackdowns; i++) {
		struct cli_crackdown c;
		struct smug_error err;

		if (cli_crackdown_parse(w, s->crackdowns[i], &c, &err) != SMUG_OK)
			return crackdown_refused(s, i, err.msg);
		/* checked before the first day, it can still find the targets
		 * full on its own (the planner's and the others): the run
		 * stops there, a runtime failure that names it and the day */
		if (c.from == w->day + 1 && cli_crackdown_start(w, &c, &err) != 0) {
			if (s->origin)
				return crackdown_refused(s, i, err.msg);
			progress_clear();
			fprintf(stderr, "smugnet %s: crackdown '%s' could not start on day %d: %s\n", s->cmd,
				s->crackdowns[i], c.from, strncmp(err.msg, "crackdown: ", 11) ? err.msg : err.msg + 11);
			return EXIT_RUNTIME;
		}
	}
	return EXIT_OK;
}

/* Why a day after latest is refused, for a --crackdown (a schedule) or a
 * --clear-crackdown: what keeps the world after its last day. */
static void within_why(enum cli_keeps keeps, bool clear, long long latest, char *buf, size_t size)
{
	const char *what = clear ? "a clear may name" : "a schedule may start";

	buf[0] = '\0'; /* a sweep's tasks: their last day says it all */
	switch (keeps) {
	case CLI_KEEPS_SEED:
		snprintf(buf, size, " (%s up to day %lld, which a saved seed carries)", what, latest);
		break;
	case CLI_KEEPS_NOTHING:
		snprintf(buf, size, " (a run without --save keeps nothing after its last day: it would change "
				    "nothing)");
		break;
	case CLI_KEEPS_EXPLAIN:
		snprintf(buf, size, " (explain stops there: it would change nothing)");
		break;
	case CLI_KEEPS_TASKS: break;
	}
}

int cli_crackdowns_within(const struct cli_setup *s, const struct smug_world *w, long long last_day,
			  enum cli_keeps keeps)
{
	/* a run's saved seed carries what starts the day after its last */
	long long latest = keeps == CLI_KEEPS_SEED ? last_day + 1 : last_day;
	const char *whose = keeps == CLI_KEEPS_TASKS	 ? "the tasks' last day"
			    : keeps == CLI_KEEPS_EXPLAIN ? "the day explained"
							 : "the run's last day";
	char why[128];

	for (int i = 0; i < s->n_crackdowns; i++) {
		struct cli_crackdown c;
		struct smug_error err;

		if (cli_crackdown_parse(w, s->crackdowns[i], &c, &err) != SMUG_OK)
			return crackdown_refused(s, i, err.msg);
		if (c.from > latest) {
			within_why(keeps, false, latest, why, sizeof why);
			return cli_usage_error(s->cmd, "--crackdown '%s': starts on day %d, after %s, %lld%s",
					       s->crackdowns[i], c.from, whose, last_day, why);
		}
	}
	for (int i = 0; i < s->n_clears; i++) {
		char id[SMUG_ID_MAX * 2];
		int day;

		/* malformed or unknown: cli_world_steer says why */
		if (clear_split(s->clears[i], id, sizeof id, &day) && day > latest) {
			within_why(keeps, true, latest, why, sizeof why);
			return cli_usage_error(s->cmd, "--clear-crackdown '%s': day %d is after %s, %lld%s",
					       s->clears[i], day, whose, last_day, why);
		}
	}
	return EXIT_OK;
}

int cli_world_steer(const struct cli_setup *s, struct smug_world *w)
{
	struct smug_error err;
	int rc;

	if (s->seed >= 0 && smug_world_reseed(w, (uint64_t)s->seed, &err) != SMUG_OK)
		return cli_usage_error(s->cmd, "--seed: a world's seed is set before its first day; this one is at "
				       "day %d (a loaded seed keeps its own)", w->day);
	if ((rc = apply_sets(s, w)) != EXIT_OK)
		return rc;
	for (int i = 0; i < s->n_clears; i++) {
		char id[SMUG_ID_MAX * 2];
		int day;

		if (cli_clear_parse(w, s->clears[i], id, sizeof id, &day, &err) != SMUG_OK)
			return cli_usage_error(s->cmd, "%s", err.msg);
	}
	if ((rc = clears_due(s, w)) != EXIT_OK)
		return rc;
	for (int i = 0; i < s->n_crackdowns; i++)
		if (cli_crackdown_apply(w, s->crackdowns[i], &err) < 0)
			return crackdown_refused(s, i, err.msg);
	if (s->auto_crackdown)
		smug_cmd_auto_crackdown(w, true);
	return EXIT_OK;
}

/* The journal's periodic checks only where the command keeps them, set
 * before the steering commands (each takes its own check when
 * recorded, whatever the interval). */
static void journal_checks(const struct cli_setup *s, struct smug_world *w)
{
	if (!s->keeps_journal)
		smug_journal_set_check_every(w, 0);
}

int cli_world_open(const struct cli_setup *s, const char *load, const char *vault, struct smug_world **out,
		   uint64_t *events_before)
{
	char vault_buf[1024];
	struct smug_world *w = NULL;
	struct smug_error err;
	enum smug_status st;
	int rc;

	if (events_before)
		*events_before = 0; /* a new world: from its first event */
	if (load == NULL)
		return cli_world_setup(s, out);
	st = smug_vault_load(cli_vault_root(vault, vault_buf, sizeof vault_buf), load, &w, &err);
	if (st != SMUG_OK)
		return cli_status_exit(st, err.msg);
	if (events_before)
		*events_before = w->tel.events_total;
	journal_checks(s, w);
	if ((rc = cli_world_steer(s, w)) != EXIT_OK) {
		smug_world_free(w);
		return rc;
	}
	*out = w;
	return EXIT_OK;
}

int cli_world_setup(const struct cli_setup *s, struct smug_world **out)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	int rc;

	if (s->scenario_text == NULL) {
		if ((rc = cli_load_world(s->scenario_file, &w)) != EXIT_OK)
			return rc;
	} else if (smug_world_load_json(s->scenario_text, s->scenario_len,
					s->scenario_file ? s->scenario_file : "default world", &w, &err) != SMUG_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return EXIT_BAD_INPUT;
	}
	journal_checks(s, w);
	if ((rc = cli_world_steer(s, w)) != EXIT_OK) {
		smug_world_free(w);
		return rc;
	}
	*out = w;
	return EXIT_OK;
}
