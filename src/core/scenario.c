/* Scenario loader (DESIGN §9, smugnet-scenario(5)): strict JSON → world.
 * Every key is checked (unknown keys, types, ranges, duplicate ids,
 * dangling references, connectivity; json_parse refuses duplicate keys)
 * and the first problem is reported as "file: json.path: reason". Nothing is half-loaded: on any
 * failure the partial world is freed and the caller's pointer untouched. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "state.h"

#define PATH_MAX_LEN 160
#define CREDITS_MAX 1e13
#define KNOB_SECTIONS_MAX 16
#define KNOBS_MAX 256

struct ld {
	const char *file;
	struct smug_error *err;
	enum smug_status st;
	bool failed;
};

static bool fail(struct ld *ld, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct ld *ld, const char *path, const char *fmt, ...)
{
	char reason[320];
	va_list ap;

	if (ld->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	ld->st = smug_error_set(ld->err, SMUG_ERR_SCHEMA, "%s: %s: %s", ld->file, path, reason);
	ld->failed = true;
	return false;
}

static const char *type_name(const cJSON *j)
{
	if (cJSON_IsNumber(j))
		return "number";
	if (cJSON_IsString(j))
		return "string";
	if (cJSON_IsBool(j))
		return "boolean";
	if (cJSON_IsNull(j))
		return "null";
	if (cJSON_IsArray(j))
		return "array";
	return "object";
}

static void append(char *out, size_t *at, const char *s)
{
	while (*s && *at + 1 < PATH_MAX_LEN)
		out[(*at)++] = *s++;
	out[*at] = '\0';
}

/* out = path + "." + key (no dot at the root); truncated safely. out may
 * not alias path. */
static void sub(char *out, const char *path, const char *key)
{
	size_t at = 0;

	append(out, &at, path);
	if (*path)
		append(out, &at, ".");
	append(out, &at, key);
}

static void idx(char *out, const char *path, int i)
{
	snprintf(out, PATH_MAX_LEN, "%s[%d]", path, i);
}

/* Unknown keys of an object (json_parse refused duplicates). allowed is
 * NULL-terminated. */
static bool check_keys(struct ld *ld, const cJSON *o, const char *path,
		       const char *const *allowed)
{
	char p[PATH_MAX_LEN];

	if (!cJSON_IsObject(o))
		return fail(ld, *path ? path : "(root)", "expected object, got %s", type_name(o));
	for (const cJSON *k = o->child; k; k = k->next) {
		bool ok = false;

		for (const char *const *a = allowed; a && *a; a++)
			ok |= strcmp(*a, k->string) == 0;
		sub(p, path, k->string);
		if (!ok) {
			const char *near = NULL;
			int best = STR_FAR;

			for (const char *const *a = allowed; a && *a; a++) {
				int d = str_distance(k->string, *a);

				if (d < best) {
					best = d;
					near = *a;
				}
			}
			if (near && str_near(k->string, best))
				return fail(ld, p, "unknown key (did you mean '%s'?)", near);
			return fail(ld, p, "unknown key");
		}
	}
	return true;
}

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static bool get_num(struct ld *ld, const cJSON *o, const char *path, const char *key,
		    double lo, double hi, bool required, double *out)
{
	const cJSON *j = get(o, key);
	char p[PATH_MAX_LEN], a[32], b[32], v[32];

	sub(p, path, key);
	if (j == NULL)
		return required ? fail(ld, p, "missing required key") : true;
	if (!cJSON_IsNumber(j))
		return fail(ld, p, "expected number in [%s,%s], got %s", num_text(lo, a, sizeof a),
			    num_text(hi, b, sizeof b), type_name(j));
	if (!isfinite(j->valuedouble) || j->valuedouble < lo || j->valuedouble > hi)
		return fail(ld, p, "expected number in [%s,%s], got %s", num_text(lo, a, sizeof a),
			    num_text(hi, b, sizeof b), num_text(j->valuedouble, v, sizeof v));
	*out = j->valuedouble == 0 ? 0 : j->valuedouble; /* -0 is 0, as the config listing shows it */
	return true;
}

static bool get_int(struct ld *ld, const cJSON *o, const char *path, const char *key,
		    double lo, double hi, bool required, int *out)
{
	double v = *out;
	char p[PATH_MAX_LEN], t[32];

	if (!get_num(ld, o, path, key, lo, hi, required, &v))
		return false;
	if (v != (double)(int64_t)v) {
		sub(p, path, key);
		return fail(ld, p, "expected integer, got %s", num_text(v, t, sizeof t));
	}
	*out = (int)v;
	return true;
}

static bool get_money(struct ld *ld, const cJSON *o, const char *path, const char *key,
		      int64_t *out)
{
	double v = 0;

	if (!get(o, key))
		return true;
	if (!get_num(ld, o, path, key, 0, CREDITS_MAX, false, &v))
		return false;
	*out = (int64_t)(v * SMUG_MINOR_PER_CREDIT + 0.5);
	return true;
}

static bool get_bool(struct ld *ld, const cJSON *o, const char *path, const char *key, bool *out)
{
	const cJSON *j = get(o, key);
	char p[PATH_MAX_LEN];

	if (j == NULL)
		return true;
	sub(p, path, key);
	if (!cJSON_IsBool(j))
		return fail(ld, p, "expected boolean, got %s", type_name(j));
	*out = cJSON_IsTrue(j);
	return true;
}

static bool valid_id(const char *s, bool node_like)
{
	size_t n = strlen(s);

	if (n == 0 || n >= SMUG_ID_MAX)
		return false;
	for (const char *c = s; *c; c++)
		if (*c <= ' ' || *c >= 127 || *c == '|' || *c == '>' || *c == '"' || *c == '\\')
			return false;
	(void)node_like;
	return true;
}

static bool get_str(struct ld *ld, const cJSON *o, const char *path, const char *key,
		    bool required, bool is_id, char *out, size_t size)
{
	const cJSON *j = get(o, key);
	char p[PATH_MAX_LEN];

	sub(p, path, key);
	if (j == NULL)
		return required ? fail(ld, p, "missing required key") : true;
	if (!cJSON_IsString(j))
		return fail(ld, p, "expected string, got %s", type_name(j));
	if (is_id && !valid_id(j->valuestring, true))
		return fail(ld, p, "invalid id '%.60s' (1-%d printable ASCII characters, no spaces, '|', '>', '\"' or '\\')",
			    j->valuestring, SMUG_ID_MAX - 1);
	if (strlen(j->valuestring) >= size)
		return fail(ld, p, "too long (at most %zu bytes)", size - 1);
	str_copy(out, size, j->valuestring);
	return true;
}

static const cJSON *get_array(struct ld *ld, const cJSON *o, const char *path, const char *key,
			      bool required)
{
	const cJSON *j = get(o, key);
	char p[PATH_MAX_LEN];

	sub(p, path, key);
	if (j == NULL) {
		if (required)
			fail(ld, p, "missing required key");
		return NULL;
	}
	if (!cJSON_IsArray(j)) {
		fail(ld, p, "expected array, got %s", type_name(j));
		return NULL;
	}
	return j;
}

/* ---- defaults ---- */

void scenario_default_commodities(struct smug_commodity_def *d)
{
	static const struct {
		double credits, penalty, heat;
		enum smug_good good;
	} base[SMUG_COMMODITY_COUNT] = {
		{6, .35, 0.8, SMUG_GOOD_SUITS}, {5, .30, 1.0, SMUG_GOOD_MEDICINE},
		{8, .45, 1.4, SMUG_GOOD_PARTS}, {4, .25, 0.6, SMUG_GOOD_FOOD},
		{7, .40, 1.2, SMUG_GOOD_WATER},
	};

	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		d[c] = (struct smug_commodity_def){
			.value_density = (int64_t)(base[c].credits * SMUG_MINOR_PER_CREDIT),
			.units_per_shipment = 40, .seizure_penalty = base[c].penalty,
			.heat = base[c].heat,
			.related_good = base[c].good, .sale_markup = 0.8,
			.demand_w_tolerance = .35, .demand_w_shortage = .30, .demand_w_corruption = .20,
			.demand_w_raider = .10, .demand_w_war = .05,
			.source_w_raider = .40, .source_w_precursor = .40, .source_w_blackmarket = .20,
		};
	}
	d[SMUG_COMMODITY_WEAPON_PARTS].demand_w_tolerance = .25;
	d[SMUG_COMMODITY_WEAPON_PARTS].demand_w_shortage = .15;
	d[SMUG_COMMODITY_WEAPON_PARTS].demand_w_corruption = .15;
	d[SMUG_COMMODITY_WEAPON_PARTS].demand_w_raider = .20;
	d[SMUG_COMMODITY_WEAPON_PARTS].demand_w_war = .25;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].demand_w_tolerance = .20;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].demand_w_shortage = .30;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].demand_w_corruption = .10;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].demand_w_raider = .35;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].demand_w_war = .05;
	d[SMUG_COMMODITY_STOLEN_GOODS].source_w_raider = .30;
	d[SMUG_COMMODITY_STOLEN_GOODS].source_w_precursor = .20;
	d[SMUG_COMMODITY_STOLEN_GOODS].source_w_blackmarket = .50;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].source_w_raider = .60;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].source_w_precursor = .20;
	d[SMUG_COMMODITY_RAIDER_SUPPLIES].source_w_blackmarket = .20;
}

/* ---- sections ---- */

/* The sections of the knob table, in order, NULL-terminated. */
static int knob_sections(const struct smug_knob *k, int n, char names[][32], const char **list)
{
	int m = 0;

	for (int i = 0; i < n; i++) {
		size_t len = strcspn(k[i].key, ".");
		bool seen = false;

		for (int j = 0; j < m; j++)
			seen |= strlen(names[j]) == len && strncmp(names[j], k[i].key, len) == 0;
		if (!seen && m < KNOB_SECTIONS_MAX) {
			snprintf(names[m], sizeof names[m], "%.*s", (int)len, k[i].key);
			list[m] = names[m];
			m++;
		}
	}
	list[m] = NULL;
	return m;
}

/* One knob from its section object, checked against the table's type
 * and range; absent knobs keep their value. */
static bool load_knob(struct ld *ld, const cJSON *o, const char *path, const struct smug_knob *k,
		      struct smug_config *c)
{
	const char *name = strchr(k->key, '.') + 1;
	void *field = (char *)c + k->offset;
	double v;

	switch (k->type) {
	case SMUG_KNOB_BOOL: return get_bool(ld, o, path, name, field);
	case SMUG_KNOB_INT: return get_int(ld, o, path, name, k->lo, k->hi, false, field);
	case SMUG_KNOB_REAL: return get_num(ld, o, path, name, k->lo, k->hi, false, field);
	case SMUG_KNOB_TEXT: {
		char p[PATH_MAX_LEN], why[128];

		if (!get_str(ld, o, path, name, false, false, field, k->size))
			return false;
		sub(p, path, name);
		/* the rule of --set: a text knob set here is one too */
		return knob_text_ok(field, strlen(field), why, sizeof why) || fail(ld, p, "%s", why);
	}
	case SMUG_KNOB_MONEY:
		v = *(double *)field / SMUG_MINOR_PER_CREDIT;
		if (!get_num(ld, o, path, name, k->lo, k->hi, false, &v))
			return false;
		if (get(o, name))
			*(double *)field = v * SMUG_MINOR_PER_CREDIT;
		return true;
	}
	return false;
}

/* "config": sections and keys from the knob table (config.c). */
static bool load_config(struct ld *ld, const cJSON *o, struct smug_config *c)
{
	char names[KNOB_SECTIONS_MAX][32], path[PATH_MAX_LEN];
	const char *sections[KNOB_SECTIONS_MAX + 1], *keys[KNOBS_MAX + 1];
	int n, m;
	const struct smug_knob *k = smug_knob_table(&n);

	m = knob_sections(k, n, names, sections);
	if (!check_keys(ld, o, "config", sections))
		return false;
	for (int s = 0; s < m; s++) {
		const cJSON *j = get(o, sections[s]);
		size_t len = strlen(sections[s]);
		int nk = 0;

		if (j == NULL)
			continue;
		sub(path, "config", sections[s]);
		for (int i = 0; i < n && nk < KNOBS_MAX; i++)
			if (strncmp(k[i].key, sections[s], len) == 0 && k[i].key[len] == '.')
				keys[nk++] = k[i].key + len + 1;
		keys[nk] = NULL;
		if (!check_keys(ld, j, path, keys))
			return false;
		for (int i = 0; i < n; i++)
			if (strncmp(k[i].key, sections[s], len) == 0 && k[i].key[len] == '.' &&
			    !load_knob(ld, j, path, &k[i], c))
				return false;
	}
	return true;
}

static bool load_commodities(struct ld *ld, const cJSON *o, struct smug_commodity_def *defs)
{
	static const char *const keys[] = {"value_density", "units_per_shipment", "seizure_penalty",
		"heat", "related_good", "sale_markup", "demand", "source", NULL};
	static const char *const dk[] = {"tolerance", "shortage", "corruption", "raider", "war", NULL};
	static const char *const sk[] = {"raider", "precursor", "blackmarket", NULL};
	char p[PATH_MAX_LEN], q[PATH_MAX_LEN];

	if (!cJSON_IsObject(o))
		return fail(ld, "commodities", "expected object, got %s", type_name(o));
	for (const cJSON *e = o->child; e; e = e->next) {
		int c = smug_commodity_from_name(e->string);
		struct smug_commodity_def *d;
		double density;
		const cJSON *j;

		sub(p, "commodities", e->string);
		if (c < 0)
			return fail(ld, p, "unknown commodity");
		d = &defs[c];
		density = (double)d->value_density / SMUG_MINOR_PER_CREDIT;
		if (!check_keys(ld, e, p, keys) ||
		    !get_num(ld, e, p, "value_density", 0.01, 1e6, false, &density) ||
		    !get_int(ld, e, p, "units_per_shipment", 1, 100000, false, &d->units_per_shipment) ||
		    !get_num(ld, e, p, "seizure_penalty", 0, 2, false, &d->seizure_penalty) ||
		    !get_num(ld, e, p, "heat", 0, 5, false, &d->heat) ||
		    !get_num(ld, e, p, "sale_markup", 0, 10, false, &d->sale_markup))
			return false;
		d->value_density = (int64_t)(density * SMUG_MINOR_PER_CREDIT + 0.5);
		if ((j = get(e, "related_good")) != NULL) {
			sub(q, p, "related_good");
			if (!cJSON_IsString(j))
				return fail(ld, q, "expected string, got %s", type_name(j));
			if (smug_good_from_name(j->valuestring) < 0)
				return fail(ld, q, "unknown good '%.40s'", j->valuestring);
			d->related_good = (enum smug_good)smug_good_from_name(j->valuestring);
		}
		if ((j = get(e, "demand")) != NULL) {
			sub(q, p, "demand");
			if (!check_keys(ld, j, q, dk) ||
			    !get_num(ld, j, q, "tolerance", 0, 10, false, &d->demand_w_tolerance) ||
			    !get_num(ld, j, q, "shortage", 0, 10, false, &d->demand_w_shortage) ||
			    !get_num(ld, j, q, "corruption", 0, 10, false, &d->demand_w_corruption) ||
			    !get_num(ld, j, q, "raider", 0, 10, false, &d->demand_w_raider) ||
			    !get_num(ld, j, q, "war", 0, 10, false, &d->demand_w_war))
				return false;
		}
		if ((j = get(e, "source")) != NULL) {
			sub(q, p, "source");
			if (!check_keys(ld, j, q, sk) ||
			    !get_num(ld, j, q, "raider", 0, 10, false, &d->source_w_raider) ||
			    !get_num(ld, j, q, "precursor", 0, 10, false, &d->source_w_precursor) ||
			    !get_num(ld, j, q, "blackmarket", 0, 10, false, &d->source_w_blackmarket))
				return false;
		}
	}
	return true;
}

static bool load_ward(struct ld *ld, const cJSON *o, const char *p, struct smug_ward *wa)
{
	static const char *const keys[] = {"id", "name", "ring", "pos", "signals", "customs", NULL};
	static const char *const sk[] = {"smuggling_tolerance", "corruption", "legitimacy", "audit",
		"raider_influence", "precursor_output", "war_pressure", "shortage", NULL};
	static const char *const ck[] = {"inspection_bias", "tariff_bias", "contraband_bias",
		"bribe_tolerance", "enforcement_points", NULL};
	const cJSON *j;
	char q[PATH_MAX_LEN], r[PATH_MAX_LEN];

	memset(wa, 0, sizeof *wa);
	wa->sig.legitimacy = 0.5;
	wa->customs.bribe_tolerance = 0.1;
	wa->customs.enforcement_points = 10;
	wa->ring = 1;
	if (!check_keys(ld, o, p, keys) || !get_str(ld, o, p, "id", true, true, wa->id, sizeof wa->id) ||
	    !get_int(ld, o, p, "ring", 1, 1e6, true, &wa->ring))
		return false;
	str_copy(wa->name, sizeof wa->name, wa->id);
	if (!get_str(ld, o, p, "name", false, false, wa->name, sizeof wa->name))
		return false;
	if ((j = get(o, "pos")) != NULL) {
		sub(q, p, "pos");
		if (!cJSON_IsArray(j) || cJSON_GetArraySize(j) != 2 ||
		    !cJSON_IsNumber(cJSON_GetArrayItem(j, 0)) || !cJSON_IsNumber(cJSON_GetArrayItem(j, 1)))
			return fail(ld, q, "expected [x, y] numbers");
		wa->pos[0] = cJSON_GetArrayItem(j, 0)->valuedouble;
		wa->pos[1] = cJSON_GetArrayItem(j, 1)->valuedouble;
		if (!isfinite(wa->pos[0]) || !isfinite(wa->pos[1]) || wa->pos[0] * wa->pos[0] > 1e18 ||
		    wa->pos[1] * wa->pos[1] > 1e18)
			return fail(ld, q, "expected finite coordinates");
	}
	if ((j = get(o, "signals")) != NULL) {
		struct smug_signals *s = &wa->sig;
		const cJSON *sh;

		sub(q, p, "signals");
		if (!check_keys(ld, j, q, sk) ||
		    !get_num(ld, j, q, "smuggling_tolerance", 0, 1, false, &s->smuggling_tolerance) ||
		    !get_num(ld, j, q, "corruption", 0, 1, false, &s->corruption) ||
		    !get_num(ld, j, q, "legitimacy", 0, 1, false, &s->legitimacy) ||
		    !get_num(ld, j, q, "audit", 0, 1, false, &s->audit) ||
		    !get_num(ld, j, q, "raider_influence", 0, 1, false, &s->raider_influence) ||
		    !get_num(ld, j, q, "precursor_output", 0, 1, false, &s->precursor_output) ||
		    !get_num(ld, j, q, "war_pressure", 0, 1, false, &s->war_pressure))
			return false;
		if ((sh = get(j, "shortage")) != NULL) {
			sub(r, q, "shortage");
			if (!cJSON_IsObject(sh))
				return fail(ld, r, "expected object, got %s", type_name(sh));
			for (const cJSON *g = sh->child; g; g = g->next) {
				int good = smug_good_from_name(g->string);
				char gp[PATH_MAX_LEN];

				sub(gp, r, g->string);
				if (good < 0)
					return fail(ld, gp, "unknown good (water, food, medicine, suits, parts)");
				if (!get_num(ld, sh, r, g->string, 0, 1, false, &s->shortage[good]))
					return false;
			}
		}
	}
	if ((j = get(o, "customs")) != NULL) {
		struct smug_customs_policy *c = &wa->customs;

		sub(q, p, "customs");
		if (!check_keys(ld, j, q, ck) ||
		    !get_num(ld, j, q, "inspection_bias", -1, 1, false, &c->inspection_bias) ||
		    !get_num(ld, j, q, "tariff_bias", -1, 1, false, &c->tariff_bias) ||
		    !get_num(ld, j, q, "contraband_bias", -1, 1, false, &c->contraband_bias) ||
		    !get_num(ld, j, q, "bribe_tolerance", 0, 1, false, &c->bribe_tolerance) ||
		    !get_num(ld, j, q, "enforcement_points", 0, 1e6, false, &c->enforcement_points))
			return false;
	}
	return true;
}

/* Sorting with the file index kept, for "duplicate id" messages. */
struct keyed {
	const char *id;
	int file_index;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->file_index > y->file_index) - (x->file_index < y->file_index);
}

/* Sort n elements of size sz in place by their id (at offset 0, a char
 * array); fail on a duplicate naming the later file index. perm[i] gets
 * the file index of the element now at position i. */
static bool sort_by_id(struct ld *ld, void *arr, int n, size_t sz, const char *what, int *perm)
{
	struct keyed *k = xcalloc((size_t)(n ? n : 1), sizeof *k);
	char *copy = xmalloc(sz * (size_t)(n ? n : 1));
	char p[PATH_MAX_LEN];
	bool ok = true;

	for (int i = 0; i < n; i++)
		k[i] = (struct keyed){(const char *)arr + sz * (size_t)i, i};
	qsort(k, (size_t)n, sizeof *k, cmp_keyed);
	for (int i = 1; i < n && ok; i++)
		if (strcmp(k[i].id, k[i - 1].id) == 0) {
			int later = k[i].file_index > k[i - 1].file_index ? k[i].file_index : k[i - 1].file_index;

			idx(p, what, later);
			snprintf(p + strlen(p), sizeof p - strlen(p), ".id");
			ok = fail(ld, p, "duplicate id '%s'", k[i].id);
		}
	if (ok) {
		for (int i = 0; i < n; i++) {
			memcpy(copy + sz * (size_t)i, k[i].id, sz);
			if (perm)
				perm[i] = k[i].file_index;
		}
		memcpy(arr, copy, sz * (size_t)n);
	}
	free(k);
	free(copy);
	return ok;
}

/* Money is made only when the world is (the loop is closed after), and a
 * seed holds every sum of it exactly: at most 2^53 - 1 minor units in
 * all, or a world that runs and saves would be one no load accepts (and
 * 10,000 wards of 1e13 buyers each wrapped the 64-bit ledger). Summed in
 * doubles: exact below 2^53, and rounding cannot bring a larger sum
 * under it. */
static bool money_fits(struct ld *ld, const struct smug_world *w)
{
	double ledger = (double)w->initial_blackmarket + (double)w->initial_treasury +
			(double)w->initial_buyers * w->n_wards,
	       factions = 0;

	for (int i = 0; i < w->n_factions; i++)
		factions += (double)w->factions[i].initial_balance;
	if (ledger + factions <= SV_INT_LIMIT)
		return true;
	return fail(ld, ledger > SV_INT_LIMIT ? "ledger" : "factions",
		    "the world starts with %.2f credits (ledger %.2f: blackmarket, treasury and %d wards' "
		    "buyers; factions %.2f), more than the %.2f a seed holds",
		    (ledger + factions) / SMUG_MINOR_PER_CREDIT, ledger / SMUG_MINOR_PER_CREDIT, w->n_wards,
		    factions / SMUG_MINOR_PER_CREDIT, SV_INT_LIMIT / SMUG_MINOR_PER_CREDIT);
}

/* The scenario's head: its format, version, id, name, seed and first day,
 * the ledger's opening sums, the configuration and the commodities. */
static bool load_head(struct ld *ld, const cJSON *root, struct smug_world *w)
{
	static const char *const top[] = {"format", "version", "id", "name", "seed", "start_day",
		"ledger", "commodities", "wards", "nodes", "corridors", "factions", "config", NULL};
	const cJSON *j;
	double seed = 0;
	char fmt[32] = "";

	/* another format first: its keys are not a scenario's to name */
	j = get(root, "format");
	if (cJSON_IsString(j) && strcmp(j->valuestring, "smugnet-scenario") != 0)
		return fail(ld, "format", "expected \"smugnet-scenario\", got \"%.40s\"%s", j->valuestring,
			    strcmp(j->valuestring, "smugnet-seed") == 0 || strcmp(j->valuestring, "smugnet-snapshot") == 0
				    ? " (a file of a seed: give the seed's folder or name)"
				    : "");
	if (!check_keys(ld, root, "", top) ||
	    !get_str(ld, root, "", "format", true, false, fmt, sizeof fmt))
		return false;
	if (strcmp(fmt, "smugnet-scenario") != 0)
		return fail(ld, "format", "expected \"smugnet-scenario\", got \"%s\"", fmt);
	j = get(root, "version");
	if (j == NULL)
		return fail(ld, "version", "missing required key");
	if (!cJSON_IsNumber(j))
		return fail(ld, "version", "expected number, got %s", type_name(j));
	if (j->valuedouble != 1) {
		char t[32];

		ld->st = smug_error_set(ld->err, SMUG_ERR_VERSION,
			       "%s: version: unsupported version %s (this program reads version 1)",
			       ld->file, num_text(j->valuedouble, t, sizeof t));
		ld->failed = true;
		return false;
	}
	if (!get_str(ld, root, "", "id", true, true, w->scenario_id, sizeof w->scenario_id))
		return false;
	str_copy(w->scenario_name, sizeof w->scenario_name, w->scenario_id);
	if (!get_str(ld, root, "", "name", false, false, w->scenario_name, sizeof w->scenario_name) ||
	    !get_num(ld, root, "", "seed", 0, 9007199254740991.0, false, &seed) ||
	    !get_int(ld, root, "", "start_day", 0, 1e8, false, &w->start_day))
		return false;
	if (seed != (double)(uint64_t)seed) {
		char t[32];

		return fail(ld, "seed", "expected integer, got %s", num_text(seed, t, sizeof t));
	}
	w->seed = (uint64_t)seed;
	w->day = w->start_day;
	if ((j = get(root, "ledger")) != NULL) {
		static const char *const lk[] = {"blackmarket", "treasury", "buyers", NULL};

		if (!check_keys(ld, j, "ledger", lk) ||
		    !get_money(ld, j, "ledger", "blackmarket", &w->initial_blackmarket) ||
		    !get_money(ld, j, "ledger", "treasury", &w->initial_treasury) ||
		    !get_money(ld, j, "ledger", "buyers", &w->initial_buyers))
			return false;
	}
	if ((j = get(root, "config")) != NULL && !load_config(ld, j, &w->cfg))
		return false;
	if ((j = get(root, "commodities")) != NULL && !load_commodities(ld, j, w->commodities))
		return false;
	return true;
}

static bool load_wards(struct ld *ld, const cJSON *root, struct smug_world *w)
{
	const cJSON *arr, *o = NULL;
	char p[PATH_MAX_LEN];
	int n;

	if ((arr = get_array(ld, root, "", "wards", true)) == NULL)
		return false;
	n = cJSON_GetArraySize(arr);
	if (n < 1 || n > 1000000)
		return fail(ld, "wards", "expected 1 to 1000000 wards, got %d", n);
	w->wards = xcalloc((size_t)n, sizeof *w->wards);
	w->n_wards = n;
	for (int i = 0; i < n; i++) {
		o = o ? o->next : arr->child; /* in order: one walk of the list */
		idx(p, "wards", i);
		if (!load_ward(ld, o, p, &w->wards[i]))
			return false;
	}
	return sort_by_id(ld, w->wards, n, sizeof *w->wards, "wards", NULL);
}

/* After the wards: a node names the ward it stands in. */
static bool load_nodes(struct ld *ld, const cJSON *root, struct smug_world *w)
{
	static const char *const nk[] = {"id", "ward", NULL};
	const cJSON *arr, *o = NULL;
	char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
	int n;

	if ((arr = get_array(ld, root, "", "nodes", true)) == NULL)
		return false;
	n = cJSON_GetArraySize(arr);
	if (n < 1 || n > 4000000)
		return fail(ld, "nodes", "expected 1 to 4000000 nodes, got %d", n);
	w->nodes = xcalloc((size_t)n, sizeof *w->nodes);
	w->n_nodes = n;
	for (int i = 0; i < n; i++) {
		char ward[SMUG_ID_MAX] = "";

		o = o ? o->next : arr->child;
		idx(p, "nodes", i);
		if (!check_keys(ld, o, p, nk) ||
		    !get_str(ld, o, p, "id", true, true, w->nodes[i].id, sizeof w->nodes[i].id) ||
		    !get_str(ld, o, p, "ward", true, true, ward, sizeof ward))
			return false;
		w->nodes[i].ward = smug_world_find_ward(w, ward);
		if (w->nodes[i].ward < 0) {
			sub(q, p, "ward");
			return fail(ld, q, "unknown ward '%s'", ward);
		}
	}
	return sort_by_id(ld, w->nodes, n, sizeof *w->nodes, "nodes", NULL);
}

/* After the nodes: a corridor joins two of them, its id "a|b" with the
 * lesser node first. */
static bool load_corridors(struct ld *ld, const cJSON *root, struct smug_world *w)
{
	static const char *const ck[] = {"a", "b", "travel_days", "hazard", NULL};
	const cJSON *arr, *o = NULL;
	char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
	int n;

	if ((arr = get_array(ld, root, "", "corridors", true)) == NULL)
		return false;
	n = cJSON_GetArraySize(arr);
	if (n > 8000000)
		return fail(ld, "corridors", "too many corridors (%d)", n);
	w->corridors = xcalloc((size_t)(n ? n : 1), sizeof *w->corridors);
	w->n_corridors = n;
	for (int i = 0; i < n; i++) {
		struct smug_corridor *k = &w->corridors[i];
		char a[SMUG_ID_MAX] = "", b[SMUG_ID_MAX] = "";

		o = o ? o->next : arr->child;
		idx(p, "corridors", i);
		k->travel_days = 1;
		k->hazard = 0.05;
		if (!check_keys(ld, o, p, ck) || !get_str(ld, o, p, "a", true, true, a, sizeof a) ||
		    !get_str(ld, o, p, "b", true, true, b, sizeof b) ||
		    !get_int(ld, o, p, "travel_days", 1, 365, false, &k->travel_days) ||
		    !get_num(ld, o, p, "hazard", 0, 1, false, &k->hazard))
			return false;
		k->a = smug_world_find_node(w, a);
		k->b = smug_world_find_node(w, b);
		if (k->a < 0) {
			sub(q, p, "a");
			return fail(ld, q, "unknown node '%s'", a);
		}
		if (k->b < 0) {
			sub(q, p, "b");
			return fail(ld, q, "unknown node '%s'", b);
		}
		if (k->a == k->b)
			return fail(ld, p, "corridor joins node '%s' to itself", a);
		if (k->a > k->b) {
			int t = k->a;

			k->a = k->b;
			k->b = t;
		}
		snprintf(k->id, sizeof k->id, "%s|%s", w->nodes[k->a].id, w->nodes[k->b].id);
	}
	return sort_by_id(ld, w->corridors, n, sizeof *w->corridors, "corridors", NULL);
}

/* One faction at path p; its own bribe_budget_fraction, if it gives one,
 * into *bbf (left as it is otherwise). */
static bool load_faction(struct ld *ld, const cJSON *o, const char *p, const struct smug_world *w,
			 struct smug_faction *f, double *bbf)
{
	static const char *const fk[] = {"id", "name", "kind", "home", "balance",
		"smuggling_profile", "bribe_budget_fraction", NULL};
	const cJSON *prof;
	char q[PATH_MAX_LEN], kind[16] = "", home[SMUG_ID_MAX] = "";

	if (!check_keys(ld, o, p, fk) || !get_str(ld, o, p, "id", true, true, f->id, sizeof f->id) ||
	    !get_str(ld, o, p, "kind", true, false, kind, sizeof kind) ||
	    !get_str(ld, o, p, "home", true, true, home, sizeof home) ||
	    !get_money(ld, o, p, "balance", &f->initial_balance) ||
	    !get_num(ld, o, p, "bribe_budget_fraction", 0, 1, false, bbf))
		return false;
	str_copy(f->name, sizeof f->name, f->id);
	if (!get_str(ld, o, p, "name", false, false, f->name, sizeof f->name))
		return false;
	sub(q, p, "kind");
	if (strcmp(kind, "criminal") == 0)
		f->kind = SMUG_FACTION_CRIMINAL;
	else if (strcmp(kind, "raider") == 0)
		f->kind = SMUG_FACTION_RAIDER;
	else if (strcmp(kind, "state") == 0)
		f->kind = SMUG_FACTION_STATE;
	else if (strcmp(kind, "guild") == 0)
		f->kind = SMUG_FACTION_GUILD;
	else
		return fail(ld, q, "expected one of criminal, raider, state, guild, got \"%s\"", kind);
	f->home_ward = smug_world_find_ward(w, home);
	if (f->home_ward < 0) {
		sub(q, p, "home");
		return fail(ld, q, "unknown ward '%s'", home);
	}
	if ((prof = get(o, "smuggling_profile")) == NULL)
		return true;
	sub(q, p, "smuggling_profile");
	if (!cJSON_IsObject(prof))
		return fail(ld, q, "expected object, got %s", type_name(prof));
	for (const cJSON *e = prof->child; e; e = e->next) {
		int c = smug_commodity_from_name(e->string);
		char ep[PATH_MAX_LEN];

		sub(ep, q, e->string);
		if (c < 0)
			return fail(ld, ep, "unknown commodity");
		if (!get_num(ld, prof, q, e->string, 0, 1e6, false, &f->profile[c]))
			return false;
	}
	return true;
}

/* The factions in file order (sorted by id once the money is checked);
 * bbf[i] is the i-th one's own bribe_budget_fraction, -1 where it gives
 * none. */
static bool load_factions(struct ld *ld, const cJSON *root, struct smug_world *w, double *bbf)
{
	const cJSON *arr, *o = NULL;
	char p[PATH_MAX_LEN];
	int n;

	arr = get_array(ld, root, "", "factions", false);
	if (ld->failed)
		return false;
	n = arr ? cJSON_GetArraySize(arr) : 0;
	if (n > SMUG_FACTIONS_MAX)
		return fail(ld, "factions", "at most %d factions, got %d", SMUG_FACTIONS_MAX, n);
	w->factions = xcalloc((size_t)(n ? n : 1), sizeof *w->factions);
	w->n_factions = n;
	for (int i = 0; i < n; i++) {
		o = o ? o->next : arr->child;
		idx(p, "factions", i);
		if (!load_faction(ld, o, p, w, &w->factions[i], &bbf[i]))
			return false;
	}
	return true;
}

/* Every ward has a node, and every node is reachable from the first. */
static bool check_connected(struct ld *ld, const struct smug_world *w)
{
	int *queue, head = 0, tail = 0, bad = -1;
	bool *seen;

	for (int i = 0; i < w->n_wards; i++)
		if (w->wards[i].gate_node < 0)
			return fail(ld, "wards", "ward '%s' has no nodes", w->wards[i].id);
	queue = xcalloc((size_t)w->n_nodes, sizeof *queue);
	seen = xcalloc((size_t)w->n_nodes, sizeof *seen);
	queue[tail++] = 0;
	seen[0] = true;
	while (head < tail) {
		int v = queue[head++];

		for (int e = 0; e < w->nodes[v].adj_count; e++) {
			int u = w->adj[w->nodes[v].adj_first + e].node;

			if (!seen[u]) {
				seen[u] = true;
				queue[tail++] = u;
			}
		}
	}
	for (int i = 0; i < w->n_nodes && bad < 0; i++)
		if (!seen[i])
			bad = i;
	free(queue);
	free(seen);
	if (bad >= 0)
		return fail(ld, "corridors", "graph is disconnected: node %s is not reachable from %s",
			    w->nodes[bad].id, w->nodes[0].id);
	return true;
}

/* A scenario in the order its parts name each other: the head, wards,
 * nodes (in wards), corridors (between nodes), factions (at home in a
 * ward); then the money checked, the world finished and its graph
 * checked whole. */
static bool load_world(struct ld *ld, const cJSON *root, struct smug_world *w)
{
	double bbf[SMUG_FACTIONS_MAX];
	int *perm;
	bool ok;

	for (int i = 0; i < SMUG_FACTIONS_MAX; i++)
		bbf[i] = -1;
	if (!load_head(ld, root, w) || !load_wards(ld, root, w) || !load_nodes(ld, root, w) ||
	    !load_corridors(ld, root, w) || !load_factions(ld, root, w, bbf) || !money_fits(ld, w))
		return false;
	perm = xcalloc((size_t)(w->n_factions ? w->n_factions : 1), sizeof *perm);
	ok = sort_by_id(ld, w->factions, w->n_factions, sizeof *w->factions, "factions", perm);
	if (ok) {
		world_finish(w);
		for (int i = 0; i < w->n_factions; i++) {
			w->factions[i].bribe_budget_fraction = bbf[perm[i]];
			if (bbf[perm[i]] >= 0)
				w->factions[i].net.bribe_budget_fraction = bbf[perm[i]];
		}
	}
	free(perm);
	return ok && check_connected(ld, w) && !ld->failed;
}

enum smug_status smug_world_load_json(const char *json, size_t len, const char *name,
				      struct smug_world **out, struct smug_error *err)
{
	struct ld ld = {name ? name : "scenario", err, SMUG_OK, false};
	cJSON *root = NULL;
	struct smug_world *w;

	if ((ld.st = json_parse(json, len, ld.file, &root, err)) != SMUG_OK)
		return ld.st;
	w = world_alloc();
	if (!load_world(&ld, root, w)) {
		cJSON_Delete(root);
		smug_world_free(w);
		return ld.st;
	}
	w->scenario_hash = json_value_hash(root);
	cJSON_Delete(root);
	world_set_scenario_text(w, json, len);
	*out = w;
	return SMUG_OK;
}
