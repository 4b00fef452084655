/* reseal SEED_DIR EDIT: edit a saved seed and recompute every hash and
 * the state digest, as someone with a copy of smugnet could. The hostile
 * tests use it to show that a resealed seed whose meaning is wrong is
 * still refused. EDIT is one of:
 *   none                  reseal only
 *   dup-shipment          shipments[1].id = shipments[0].id
 *   delivered=N           factions[0].network.delivered = N
 *   total-delivered=N     telemetry.total.delivered = N
 *   in-transit=N          factions[F].network.in_transit = N, F the first
 *                         with a shipment in flight
 *   day+=N                state.day += N
 *   balance+=N            ledger.balances[0] += N and minted += N
 *   manifest-day=N        the manifest's day (the snapshot is unchanged)
 *   manifest-seed=N       the manifest's seed
 *   manifest-digest=HEX   the manifest's digest (after resealing)
 *   manifest-dup-day=N    a second "day" member N after the manifest's own
 * reseal --result FILE FIND REPLACE: a sweep result file with the first
 * FIND replaced by REPLACE and its check sum recomputed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/snapshot.h"
#include "test_util.h"

static _Noreturn void die(const char *what)
{
	fprintf(stderr, "reseal: %s\n", what);
	exit(2);
}

static cJSON *at(cJSON *o, const char *key)
{
	cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (j == NULL)
		die(key);
	return j;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		die(path);
}

static void edit_snapshot(cJSON *snap, const char *edit)
{
	cJSON *state = at(snap, "state");
	double n = 0;

	if (strcmp(edit, "dup-shipment") == 0) {
		cJSON *s = at(state, "shipments");

		if (cJSON_GetArraySize(s) < 2)
			die("fewer than two shipments");
		cJSON_SetNumberValue(at(cJSON_GetArrayItem(s, 1), "id"), at(cJSON_GetArrayItem(s, 0), "id")->valuedouble);
	} else if (sscanf(edit, "delivered=%lf", &n) == 1) {
		cJSON_SetNumberValue(at(at(cJSON_GetArrayItem(at(state, "factions"), 0), "network"), "delivered"), n);
	} else if (sscanf(edit, "total-delivered=%lf", &n) == 1) {
		cJSON_SetNumberValue(at(at(at(state, "telemetry"), "total"), "delivered"), n);
	} else if (sscanf(edit, "in-transit=%lf", &n) == 1) {
		cJSON *f;

		cJSON_ArrayForEach(f, at(state, "factions"))
		if (at(at(f, "network"), "in_transit")->valuedouble > 0) {
			cJSON_SetNumberValue(at(at(f, "network"), "in_transit"), n);
			return;
		}
		die("no network has shipments in flight");
	} else if (sscanf(edit, "day+=%lf", &n) == 1) {
		cJSON_SetNumberValue(at(state, "day"), at(state, "day")->valuedouble + n);
	} else if (sscanf(edit, "balance+=%lf", &n) == 1) {
		cJSON *l = at(state, "ledger"), *b = cJSON_GetArrayItem(at(l, "balances"), 0);

		cJSON_SetNumberValue(b, b->valuedouble + n);
		cJSON_SetNumberValue(at(l, "minted"), at(l, "minted")->valuedouble + n);
	} else if (strcmp(edit, "none") != 0 && strncmp(edit, "manifest-", 9) != 0) {
		die("unknown edit");
	}
}

/* A sweep result: its check sum is the XXH3 of every byte before
 * ,"check":"...", which closes the file. */
static int reseal_result(const char *path, const char *find, const char *repl)
{
	static const char tag[] = ",\"check\":\"";
	size_t len;
	char *text = test_slurp(path, &len), *end = NULL, *p, *hit;
	FILE *f;

	if (text == NULL)
		die(path);
	for (p = text; (p = strstr(p, tag)) != NULL; p++)
		end = p;
	if (end == NULL)
		die("no check sum");
	*end = '\0';
	if ((hit = strstr(text, find)) == NULL)
		die(find);
	*hit = '\0';
	if ((f = fopen(path, "w")) == NULL)
		die(path);
	fprintf(f, "%s%s%s", text, repl, hit + strlen(find));
	fclose(f);
	/* the check sum of what was just written */
	free(text);
	if ((text = test_slurp(path, &len)) == NULL || (f = fopen(path, "a")) == NULL)
		die(path);
	fprintf(f, ",\"check\":\"%016llx\"}\n", (unsigned long long)hash_bytes(text, len));
	fclose(f);
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	char path[1024], hex[17], *text, *out;
	cJSON *snap, *m, *fl;
	struct smug_world *w = NULL;
	struct smug_error err;
	size_t len;
	double n;

	if (argc == 5 && strcmp(argv[1], "--result") == 0)
		return reseal_result(argv[2], argv[3], argv[4]);
	if (argc != 3)
		die("usage: reseal SEED_DIR EDIT | reseal --result FILE FIND REPLACE");
	snprintf(path, sizeof path, "%s/snapshot.json", argv[1]);
	if ((text = test_slurp(path, &len)) == NULL || (snap = cJSON_Parse(text)) == NULL)
		die(path);
	free(text);
	edit_snapshot(snap, argv[2]);
	out = cJSON_PrintUnformatted(snap);
	cJSON_Delete(snap);
	spit(path, out);
	snprintf(path, sizeof path, "%s/manifest.json", argv[1]);
	if ((text = test_slurp(path, &len)) == NULL || (m = cJSON_Parse(text)) == NULL)
		die(path);
	free(text);
	fl = at(m, "files");
	for (cJSON *e = fl->child; e; e = e->next) {
		char p[1100];
		char *body;

		snprintf(p, sizeof p, "%s/%s", argv[1], e->string);
		if ((body = test_slurp(p, &len)) == NULL)
			die(p);
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash_bytes(body, len));
		cJSON_SetValuestring(e, hex);
		free(body);
	}
	/* the digest of the edited state, computed the way the program does */
	if (snapshot_from_json(out, strlen(out), "snapshot.json", &w, &err) == SMUG_OK) {
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)smug_world_digest(w));
		cJSON_ReplaceItemInObjectCaseSensitive(m, "digest", cJSON_CreateString(hex));
		smug_world_free(w);
	} else {
		fprintf(stderr, "reseal: the edited snapshot does not parse (%s); digest kept\n", err.msg);
	}
	free(out);
	if (sscanf(argv[2], "manifest-day=%lf", &n) == 1)
		cJSON_SetNumberValue(at(m, "day"), n);
	if (sscanf(argv[2], "manifest-seed=%lf", &n) == 1)
		cJSON_SetNumberValue(at(m, "seed"), n);
	if (strncmp(argv[2], "manifest-digest=", 16) == 0)
		cJSON_ReplaceItemInObjectCaseSensitive(m, "digest", cJSON_CreateString(argv[2] + 16));
	if (sscanf(argv[2], "manifest-dup-day=%lf", &n) == 1)
		cJSON_AddNumberToObject(m, "day", n); /* cJSON adds it, the first stays */
	out = cJSON_Print(m);
	cJSON_Delete(m);
	spit(path, out);
	free(out);
	return 0;
}
