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

bool cli_setting_split(const char *kv, char *key, size_t key_size, const char **value)
{
	const char *eq = strchr(kv, '=');
	size_t n;

	if (eq == NULL || eq == kv || eq[1] == '\0')
		return false;
	n = (size_t)(eq - kv);
	if (n >= key_size)
		return false;
	memcpy(key, kv, n);
	key[n] = '\0';
	*value = eq + 1;
	return true;
}

int cli_crackdown_apply(struct smug_world *w, const char *spec, struct smug_error *err)
{
	return smug_cmd_crackdown_set(w, spec, 1.0, -1, err) == SMUG_OK ? 0 : -1;
}

int cli_world_steer(const struct cli_setup *s, struct smug_world *w)
{
	struct smug_error err;

	int rc;

	if (s->seed >= 0 && smug_world_reseed(w, (uint64_t)s->seed, &err) != SMUG_OK) {
		fprintf(stderr, "smugnet %s: %s\n", s->cmd, err.msg);
		return EXIT_RUNTIME;
	}
	if ((rc = cli_apply_sets(w, s->cmd, s->sets, s->n_sets)) != EXIT_OK)
		return rc;
	for (int i = 0; i < s->n_crackdowns; i++)
		if (cli_crackdown_apply(w, s->crackdowns[i], &err) != 0)
			return cli_usage_error(s->cmd, "%s", err.msg);
	if (s->auto_crackdown)
		smug_cmd_auto_crackdown(w, true);
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
	if ((rc = cli_world_steer(s, w)) != EXIT_OK) {
		smug_world_free(w);
		return rc;
	}
	*out = w;
	return EXIT_OK;
}
