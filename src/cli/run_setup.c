/* Building the world a headless run starts from, shared by `smugnet run`
 * and every sweep task so both reach the same digest from the same
 * settings: the scenario (a file, or the embedded default), the seed,
 * `--set KEY=V` settings, `--crackdown` targets and auto-crackdown.
 * A setting is applied through the scenario loader itself (the value is
 * written into the scenario's "config" object before loading), so the
 * loader's validation and defaults are the one list of keys and ranges. */
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

/* Write KEY=V into root.config; KEY is "section.name" (dots descend). */
static bool setting_put(cJSON *root, const char *kv, char *why, size_t why_size)
{
	char key[256], *part, *next;
	const char *value;
	cJSON *obj, *val, *child;

	if (!cli_setting_split(kv, key, sizeof key, &value) || strchr(key, '.') == NULL) {
		snprintf(why, why_size, "--set '%s': expected SECTION.KEY=VALUE", kv);
		return false;
	}
	if ((obj = cJSON_GetObjectItemCaseSensitive(root, "config")) == NULL)
		obj = cJSON_AddObjectToObject(root, "config");
	if (!cJSON_IsObject(obj)) {
		snprintf(why, why_size, "--set '%s': the scenario's config is not an object", kv);
		return false;
	}
	val = cJSON_Parse(value);
	if (val == NULL || !(cJSON_IsNumber(val) || cJSON_IsBool(val))) {
		cJSON_Delete(val);
		val = cJSON_CreateString(value);
	}
	for (part = key; (next = strchr(part, '.')) != NULL; part = next + 1) {
		*next = '\0';
		child = cJSON_GetObjectItemCaseSensitive(obj, part);
		if (child == NULL)
			child = cJSON_AddObjectToObject(obj, part);
		if (!cJSON_IsObject(child)) {
			snprintf(why, why_size, "--set '%s': config.%s is not a section", kv, key);
			cJSON_Delete(val);
			return false;
		}
		obj = child;
	}
	if (cJSON_GetObjectItemCaseSensitive(obj, part))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, part, val);
	else
		cJSON_AddItemToObject(obj, part, val);
	return true;
}

int cli_setting_apply(const char *json, size_t len, const char *const *sets, int n_sets,
		      struct smug_world **out)
{
	struct smug_error err;
	cJSON *root;
	char *text, why[512];
	enum smug_status st;

	root = cJSON_ParseWithLength(json, len);
	if (root == NULL) {
		fprintf(stderr, "smugnet: --set: the scenario is not JSON\n");
		return EXIT_BAD_INPUT;
	}
	for (int i = 0; i < n_sets; i++)
		if (!setting_put(root, sets[i], why, sizeof why)) {
			cJSON_Delete(root);
			fprintf(stderr, "smugnet: %s\n", why);
			return EXIT_USAGE;
		}
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	st = smug_world_load_json(text, strlen(text), "--set", out, &err);
	free(text);
	if (st != SMUG_OK) {
		fprintf(stderr, "smugnet: %s\n", err.msg);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_crackdown_apply(struct smug_world *w, const char *spec, struct smug_error *err)
{
	return smug_cmd_crackdown_set(w, spec, 1.0, -1, err) == SMUG_OK ? 0 : -1;
}

int cli_world_steer(const struct cli_setup *s, struct smug_world *w)
{
	struct smug_error err;

	if (s->seed >= 0 && smug_world_reseed(w, (uint64_t)s->seed, &err) != SMUG_OK) {
		fprintf(stderr, "smugnet %s: %s\n", s->cmd, err.msg);
		return EXIT_RUNTIME;
	}
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
	const char *text = s->scenario_text;
	char *owned = NULL;
	size_t len = s->scenario_len;
	int rc;

	if (text == NULL && s->n_sets > 0) {
		if (s->scenario_file == NULL)
			text = smug_default_scenario(&len);
		else if ((rc = cli_read_file(s->scenario_file, &owned, &len)) != EXIT_OK)
			return rc;
		else
			text = owned;
	}
	if (text == NULL) {
		if ((rc = cli_load_world(s->scenario_file, &w)) != EXIT_OK)
			return rc;
	} else {
		/* The scenario itself first, so its own errors name its file. */
		if (smug_world_load_json(text, len, s->scenario_file ? s->scenario_file : "default world",
					 &w, &err) != SMUG_OK) {
			fprintf(stderr, "%s\n", err.msg);
			free(owned);
			return EXIT_BAD_INPUT;
		}
		if (s->n_sets > 0) {
			smug_world_free(w);
			w = NULL;
			rc = cli_setting_apply(text, len, s->sets, s->n_sets, &w);
			if (rc != EXIT_OK) {
				free(owned);
				return rc;
			}
		}
	}
	free(owned);
	if ((rc = cli_world_steer(s, w)) != EXIT_OK) {
		smug_world_free(w);
		return rc;
	}
	*out = w;
	return EXIT_OK;
}
