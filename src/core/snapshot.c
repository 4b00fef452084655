/* Snapshots: the complete state as canonical JSON and back, by running
 * the one description of the state (state.c) in its JSON directions.
 * Writing puts every field in the canonical order; reading checks each
 * field's presence, type and range and reports the first problem as
 * "file: json.path: reason". Doubles round-trip bit-exactly. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "snapshot.h"
#include "state.h"

#define SNAPSHOT_VERSION 8 /* see VAULT_MAJOR in vault.c */

/* The text as the state walk writes it (visit.c), inside the header
 * cJSON_PrintUnformatted gave the tree of format, version and state. */
char *snapshot_to_json(const struct smug_world *w)
{
	static const char head[] = "{\"format\":\"smugnet-snapshot\",\"version\":";
	struct sv s = {.mode = SV_WRITE, .file = "snapshot.json"};
	char *text;
	int n;

	sv_pack_grow(&s, 1 << 20);
	n = snprintf((char *)s.buf, s.cap, "%s%d,\"state\":{", head, SNAPSHOT_VERSION);
	s.len = (size_t)n;
	state_visit(&s, (struct smug_world *)(uintptr_t)w);
	sv_pack_room(&s, 3);
	memcpy(s.buf + s.len, "}}", 3);
	text = (char *)s.buf;
	return text;
}

/* The state read where it lies in the text (visit.c), for a snapshot in
 * the canonical form this program writes; NULL for anything else, which
 * the tree read takes or refuses with its message. A seed's events are
 * 100,000 objects: as a tree they took 190 MB and most of a load. */
static struct smug_world *read_text(const char *json, size_t len, const char *name)
{
	struct smug_error scratch;
	struct sv s = {.mode = SV_READ, .file = name, .err = &scratch, .text = true, .tend = json + len};
	char head[96];
	int n = snprintf(head, sizeof head, "{\"format\":\"smugnet-snapshot\",\"version\":%d,\"state\":{",
			 SNAPSHOT_VERSION);
	const struct lconv *lc = localeconv();
	struct smug_world *w;

	if (strcmp(lc->decimal_point, ".") != 0 || len < (size_t)n || memcmp(json, head, (size_t)n) != 0)
		return NULL; /* strtod would read numbers in another form than cJSON's */
	s.tp = json + n;
	w = world_alloc();
	state_visit(&s, w);
	if (!s.failed && s.tend - s.tp >= 2 && memcmp(s.tp, "}}", 2) == 0) {
		for (s.tp += 2; s.tp < s.tend && strchr(" \t\r\n", *s.tp); s.tp++)
			;
		if (s.tp == s.tend && smug_ledger_conserved(&w->ledger))
			return w;
	}
	smug_world_free(w);
	return NULL;
}

enum smug_status snapshot_from_json(const char *json, size_t len, const char *name,
				    struct smug_world **out, struct smug_error *err)
{
	struct sv s = {.mode = SV_READ, .file = name, .err = err};
	cJSON *root = NULL;
	struct smug_world *w;
	const cJSON *j;
	enum smug_status st;

	if ((st = json_text_check(json, len, name, err)) != SMUG_OK)
		return st;
	if ((w = read_text(json, len, name)) != NULL) {
		*out = w;
		return SMUG_OK;
	}
	if ((st = json_parse(json, len, name, &root, err)) != SMUG_OK)
		return st;
	j = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(j) || strcmp(j->valuestring, "smugnet-snapshot") != 0) {
		cJSON_Delete(root);
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: format: expected \"smugnet-snapshot\"", name);
	}
	j = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(j) || j->valuedouble != SNAPSHOT_VERSION) {
		cJSON_Delete(root);
		return smug_error_set(err, SMUG_ERR_VERSION,
				      "%s: version: snapshot version is not supported (this program reads %d)",
				      name, SNAPSHOT_VERSION);
	}
	j = cJSON_GetObjectItemCaseSensitive(root, "state");
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(root);
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: state: expected object", name);
	}
	w = world_alloc();
	s.stack[0] = (cJSON *)(uintptr_t)j;
	snprintf(s.path, sizeof s.path, "state");
	state_visit(&s, w);
	if (!s.failed && !smug_ledger_conserved(&w->ledger))
		sv_fail(&s, "ledger", "balances do not add up to the minted and burned totals");
	cJSON_Delete(root);
	if (s.failed) {
		smug_world_free(w);
		return s.st;
	}
	*out = w;
	return SMUG_OK;
}
