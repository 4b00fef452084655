/* Snapshots: the complete state as canonical JSON and back. One visitor
 * describes every field once and runs in both directions: writing builds
 * the JSON in a fixed key order; reading checks each field's presence,
 * type and range and reports the first problem as "file: json.path:
 * reason". Doubles round-trip bit-exactly (cJSON prints 17 significant
 * digits when 15 do not read back). The field list mirrors digest.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"
#include "snapshot.h"

#define SNAPSHOT_VERSION 3 /* see VAULT_MAJOR in vault.c */
#define DEPTH_MAX 16
#define PATH_LEN 256
#define INT_LIMIT 9007199254740991.0 /* 2^53 - 1: exact in a JSON number */

struct sv {
	bool write;
	const char *file;
	struct smug_error *err;
	enum smug_status st;
	bool failed;
	cJSON *stack[DEPTH_MAX];
	size_t plen[DEPTH_MAX];
	int depth;
	/* the last array element read at each level, so reading elements in
	 * order walks the list once instead of from its head every time */
	cJSON *cur[DEPTH_MAX];
	int cur_i[DEPTH_MAX];
	char path[PATH_LEN];
};

static bool sv_fail(struct sv *s, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool sv_fail(struct sv *s, const char *key, const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	if (s->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	s->st = smug_error_set(s->err, SMUG_ERR_SCHEMA, "%s: %s%s%s: %s", s->file, s->path,
			       key && *s->path ? "." : "", key ? key : "", reason);
	s->failed = true;
	return false;
}

static cJSON *top(struct sv *s)
{
	return s->stack[s->depth - 1];
}

static void path_push(struct sv *s, const char *key, int index)
{
	size_t n = strlen(s->path);

	s->plen[s->depth - 1] = n;
	if (key)
		snprintf(s->path + n, PATH_LEN - n, "%s%s", n ? "." : "", key);
	else
		snprintf(s->path + n, PATH_LEN - n, "[%d]", index);
}

static void path_pop(struct sv *s)
{
	s->path[s->plen[s->depth - 1]] = '\0';
}

static cJSON *item(struct sv *s, int i)
{
	int d = s->depth - 1;
	cJSON *c;

	if (s->cur[d] != NULL && s->cur_i[d] == i - 1)
		c = s->cur[d]->next;
	else
		c = cJSON_GetArrayItem(top(s), i);
	s->cur[d] = c;
	s->cur_i[d] = i;
	return c;
}

static cJSON *get(struct sv *s, const char *key)
{
	cJSON *j = cJSON_GetObjectItemCaseSensitive(top(s), key);

	if (j == NULL)
		sv_fail(s, key, "missing");
	return j;
}

/* Enter an object member (key) or an array element (key NULL, index). */
static bool sv_enter(struct sv *s, const char *key, int index, bool array)
{
	cJSON *child;

	if (s->failed || s->depth == DEPTH_MAX)
		return false;
	if (s->write) {
		child = array ? cJSON_CreateArray() : cJSON_CreateObject();
		if (key)
			cJSON_AddItemToObject(top(s), key, child);
		else
			cJSON_AddItemToArray(top(s), child);
	} else {
		child = key ? get(s, key) : item(s, index);
		if (child == NULL)
			return key ? false : sv_fail(s, NULL, "missing element %d", index);
		if (array ? !cJSON_IsArray(child) : !cJSON_IsObject(child)) {
			if (key)
				return sv_fail(s, key, "expected %s", array ? "array" : "object");
			return sv_fail(s, NULL, "[%d]: expected %s", index, array ? "array" : "object");
		}
	}
	path_push(s, key, index);
	s->cur[s->depth] = NULL;
	s->stack[s->depth++] = child;
	return true;
}

static void sv_leave(struct sv *s)
{
	s->depth--;
	path_pop(s);
}

/* An array member: on write n elements follow; on read *n is set from the
 * file and checked against [0, max]. */
static bool sv_array(struct sv *s, const char *key, int *n, int max)
{
	if (!sv_enter(s, key, 0, true))
		return false;
	if (!s->write) {
		int k = cJSON_GetArraySize(top(s));

		if (k > max) {
			sv_leave(s);
			return sv_fail(s, key, "at most %d entries, got %d", max, k);
		}
		*n = k;
	}
	return true;
}

/* cJSON's own number printing compares with an epsilon, so it is not
 * bit-exact; print doubles with 17 significant digits and integers whole. */
static cJSON *num_f(double v)
{
	char buf[40];

	snprintf(buf, sizeof buf, "%.17g", v);
	return cJSON_CreateRaw(buf);
}

static cJSON *num_i(int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)v);
	return cJSON_CreateRaw(buf);
}

static double read_num(struct sv *s, const char *key, const cJSON *j, double lo, double hi)
{
	if (!cJSON_IsNumber(j)) {
		sv_fail(s, key, "expected number in [%g,%g]", lo, hi);
		return lo;
	}
	if (!isfinite(j->valuedouble) || j->valuedouble < lo || j->valuedouble > hi) {
		sv_fail(s, key, "expected number in [%g,%g], got %g", lo, hi, j->valuedouble);
		return lo;
	}
	return j->valuedouble;
}

static void sv_f(struct sv *s, const char *key, double *v, double lo, double hi)
{
	const cJSON *j;

	if (s->failed)
		return;
	if (s->write) {
		cJSON_AddItemToObject(top(s), key, num_f(*v));
		return;
	}
	if ((j = get(s, key)) != NULL)
		*v = read_num(s, key, j, lo, hi);
}

static void sv_i64(struct sv *s, const char *key, int64_t *v, double lo, double hi)
{
	const cJSON *j;
	double d;

	if (s->failed)
		return;
	if (s->write) {
		cJSON_AddItemToObject(top(s), key, num_i(*v));
		return;
	}
	if ((j = get(s, key)) == NULL)
		return;
	if (hi > INT_LIMIT)
		hi = INT_LIMIT;
	if (lo < -INT_LIMIT)
		lo = -INT_LIMIT;
	d = read_num(s, key, j, lo, hi);
	if (d != (double)(int64_t)d)
		sv_fail(s, key, "expected integer, got %g", d);
	*v = (int64_t)d;
}

static void sv_int(struct sv *s, const char *key, int *v, double lo, double hi)
{
	int64_t x = *v;

	sv_i64(s, key, &x, lo, hi);
	*v = (int)x;
}

static void sv_u32(struct sv *s, const char *key, uint32_t *v)
{
	int64_t x = *v;

	sv_i64(s, key, &x, 0, 4294967295.0);
	*v = (uint32_t)x;
}

static void sv_bool(struct sv *s, const char *key, bool *v)
{
	const cJSON *j;

	if (s->failed)
		return;
	if (s->write) {
		cJSON_AddBoolToObject(top(s), key, *v);
		return;
	}
	if ((j = get(s, key)) == NULL)
		return;
	if (!cJSON_IsBool(j))
		sv_fail(s, key, "expected boolean");
	*v = cJSON_IsTrue(j);
}

static void sv_str(struct sv *s, const char *key, char *v, size_t size)
{
	const cJSON *j;

	if (s->failed)
		return;
	if (s->write) {
		cJSON_AddStringToObject(top(s), key, v);
		return;
	}
	if ((j = get(s, key)) == NULL)
		return;
	if (!cJSON_IsString(j))
		sv_fail(s, key, "expected string");
	else if (strlen(j->valuestring) >= size)
		sv_fail(s, key, "longer than %zu bytes", size - 1);
	else
		str_copy(v, size, j->valuestring);
}

static void sv_hex(struct sv *s, const char *key, uint64_t *v)
{
	char buf[20];
	char *end;

	if (s->failed)
		return;
	snprintf(buf, sizeof buf, "%016llx", (unsigned long long)*v);
	sv_str(s, key, buf, sizeof buf);
	if (s->write || s->failed)
		return;
	if (strlen(buf) != 16) {
		sv_fail(s, key, "expected 16 hexadecimal digits");
		return;
	}
	*v = strtoull(buf, &end, 16);
	if (*end)
		sv_fail(s, key, "expected 16 hexadecimal digits");
}

/* A fixed-length array of doubles or ints. */
static void sv_doubles(struct sv *s, const char *key, double *v, int n, double lo, double hi)
{
	int k = n;

	if (!sv_array(s, key, &k, n))
		return;
	if (!s->write && k != n)
		sv_fail(s, NULL, "expected %d numbers, got %d", n, k);
	for (int i = 0; i < n && !s->failed; i++) {
		if (s->write)
			cJSON_AddItemToArray(top(s), num_f(v[i]));
		else
			v[i] = read_num(s, NULL, item(s, i), lo, hi);
	}
	sv_leave(s);
}

static void sv_ints(struct sv *s, const char *key, int *v, int *n, int max, double lo, double hi)
{
	if (!sv_array(s, key, n, max))
		return;
	for (int i = 0; i < *n && !s->failed; i++) {
		if (s->write) {
			cJSON_AddItemToArray(top(s), num_i(v[i]));
		} else {
			double d = read_num(s, NULL, item(s, i), lo, hi);

			if (d != (double)(int)d)
				sv_fail(s, NULL, "[%d]: expected integer", i);
			v[i] = (int)d;
		}
	}
	sv_leave(s);
}

/* ---- the world, field by field ---- */

static void visit_config(struct sv *s, struct smug_config *c)
{
	struct smug_smuggling_config *m = &c->smuggling;
	struct smug_customs_config *u = &c->customs;
	struct smug_crackdown_config *k = &c->crackdown;
	struct smug_signals_config *g = &c->signals;

	if (!sv_enter(s, "config", 0, false))
		return;
	sv_bool(s, "enabled", &m->enabled);
	sv_int(s, "max_active_factions", &m->max_active_factions, 0, SMUG_FACTIONS_MAX);
	sv_int(s, "max_shipments_per_day", &m->max_shipments_per_day, 0, SMUG_SHIPMENTS_PER_DAY_MAX);
	sv_int(s, "commodity_topk", &m->commodity_topk, 1, 64);
	sv_int(s, "route_topk", &m->route_topk, 1, SMUG_ROUTE_TOPK_MAX);
	sv_int(s, "border_topk", &m->border_topk, 1, SMUG_EDGE_STATS_MAX);
	sv_int(s, "ward_topk", &m->ward_topk, 1, SMUG_WARD_TOPK_MAX);
	sv_f(s, "learning_rate", &m->learning_rate, 0, 1);
	sv_str(s, "deterministic_salt", m->deterministic_salt, sizeof m->deterministic_salt);
	sv_f(s, "bribe_budget_fraction", &m->bribe_budget_fraction, 0, 1);
	sv_f(s, "bribe_offer_ratio", &m->bribe_offer_ratio, 0, 4);
	sv_f(s, "prior_drift", &m->prior_drift, 0, 1);
	sv_f(s, "travel_weight", &m->travel_weight, 0, 1);
	sv_f(s, "upkeep_fraction", &m->upkeep_fraction, 0, 1);
	sv_f(s, "exploration_rate", &m->exploration_rate, 0, 1);
	sv_int(s, "exploration_stale_days", &m->exploration_stale_days, 0, 3650);
	sv_f(s, "hazard_loss_share", &m->hazard_loss_share, 0, 1);
	sv_int(s, "max_delays", &m->max_delays, 0, 1000);
	sv_f(s, "base_inspection_rate", &u->base_inspection_rate, 0, 1);
	sv_f(s, "base_tariff_rate", &u->base_tariff_rate, 0, 1);
	sv_f(s, "contraband_detection_base", &u->contraband_detection_base, 0, 1);
	sv_f(s, "bribery_effect_max", &u->bribery_effect_max, 0, 1);
	sv_f(s, "bribe_required_fraction", &u->bribe_required_fraction, 1e-9, 2);
	sv_f(s, "bribe_accept", &u->bribe_accept, 0, 1);
	sv_f(s, "corruption_detection", &u->corruption_detection, 0, 1);
	sv_f(s, "corruption_accept", &u->corruption_accept, 0, 10);
	sv_f(s, "enforcement_accept", &u->enforcement_accept, 0, 1);
	sv_f(s, "fallback_bribe_fraction", &u->fallback_bribe_fraction, 0, 2);
	sv_f(s, "fallback_tariff_share", &u->fallback_tariff_share, 0, 10);
	sv_int(s, "max_checks_per_day", &u->max_checks_per_day, 0, 1e9);
	sv_bool(s, "crackdown_auto", &k->auto_enabled);
	sv_int(s, "crackdown_border_topk", &k->border_topk, 1, 256);
	sv_int(s, "max_targets_per_day", &k->max_targets_per_day, 0, SMUG_CRACKDOWN_CAP);
	sv_int(s, "duration_days", &k->duration_days, 1, 3650);
	sv_int(s, "cooldown_days", &k->cooldown_days, 0, 3650);
	sv_f(s, "capacity_per_point", &k->capacity_per_point, 0, 10);
	sv_int(s, "exploration_every", &k->exploration_every, 0, 3650);
	sv_f(s, "exploration_intensity", &k->exploration_intensity, 0, 1);
	sv_f(s, "inspection_gain", &k->inspection_gain, 0, 10);
	sv_f(s, "detection_gain", &k->detection_gain, 0, 10);
	sv_f(s, "bribe_shrink", &k->bribe_shrink, 0, 1);
	sv_f(s, "bribe_floor", &k->bribe_floor, 0, 1);
	sv_f(s, "hazard_shrink", &k->hazard_shrink, 0, 1);
	sv_f(s, "alert_gain", &k->alert_gain, 0, 10);
	sv_f(s, "score_bribes", &k->score_bribes, 0, 100);
	sv_f(s, "score_seizures", &k->score_seizures, 0, 100);
	sv_f(s, "score_traffic", &k->score_traffic, 0, 100);
	sv_f(s, "corruption_per_bribe", &g->corruption_per_bribe, 0, 1);
	sv_f(s, "audit_pull", &g->audit_pull, 0, 1);
	sv_f(s, "max_daily_delta", &g->max_daily_delta, 0, 1);
	sv_f(s, "bribe_norm", &g->bribe_norm, 1e-9, 1e15);
	sv_f(s, "blackmarket_alpha", &g->blackmarket_alpha, 0, 1);
	sv_f(s, "shortage_ease", &g->shortage_ease, 0, 1);
	sv_f(s, "shortage_regen", &g->shortage_regen, 0, 1);
	sv_f(s, "corruption_pull", &g->corruption_pull, 0, 1);
	sv_f(s, "tolerance_gain", &g->tolerance_gain, 0, 1);
	sv_f(s, "tolerance_corruption", &g->tolerance_corruption, 0, 1);
	sv_f(s, "tolerance_decay", &g->tolerance_decay, 0, 1);
	sv_f(s, "raider_gain", &g->raider_gain, 0, 1);
	sv_f(s, "raider_loss", &g->raider_loss, 0, 100);
	sv_f(s, "raider_decay", &g->raider_decay, 0, 1);
	sv_f(s, "raider_norm", &g->raider_norm, 1e-9, 1e6);
	sv_f(s, "levy_rate", &c->economy.levy_rate, 0, 1);
	sv_f(s, "corruption_leak", &c->economy.corruption_leak, 0, 1);
	sv_f(s, "enforcement_pay_rate", &c->economy.enforcement_pay_rate, 0, 1);
	sv_f(s, "ward_spend_rate", &c->economy.ward_spend_rate, 0, 1);
	sv_f(s, "blackmarket_spend_rate", &c->economy.blackmarket_spend_rate, 0, 1);
	sv_f(s, "auction_price", &c->economy.auction_price, 0, 2);
	sv_f(s, "diversion_weight", &c->economy.diversion_weight, 0, 10);
	sv_int(s, "window_days", &c->telemetry.window_days, 1, 365);
	sv_leave(s);
}

static void visit_signals(struct sv *s, const char *key, struct smug_signals *g)
{
	if (!sv_enter(s, key, 0, false))
		return;
	sv_f(s, "smuggling_tolerance", &g->smuggling_tolerance, 0, 1);
	sv_f(s, "corruption", &g->corruption, 0, 1);
	sv_f(s, "legitimacy", &g->legitimacy, 0, 1);
	sv_f(s, "audit", &g->audit, 0, 1);
	sv_f(s, "raider_influence", &g->raider_influence, 0, 1);
	sv_f(s, "precursor_output", &g->precursor_output, 0, 1);
	sv_f(s, "war_pressure", &g->war_pressure, 0, 1);
	sv_doubles(s, "shortage", g->shortage, SMUG_GOOD_COUNT, 0, 1);
	sv_f(s, "blackmarket_flow", &g->blackmarket_flow, 0, 1);
	sv_leave(s);
}

static bool check_sorted(struct sv *s, const char *what, const char *prev, const char *cur, int i)
{
	if (i > 0 && strcmp(prev, cur) >= 0)
		return sv_fail(s, NULL, "%s[%d].id: ids must be unique and sorted ('%s' after '%s')", what, i,
			       cur, prev);
	return true;
}

static void visit_static(struct sv *s, struct smug_world *w)
{
	int n;

	sv_str(s, "scenario_id", w->scenario_id, sizeof w->scenario_id);
	sv_str(s, "scenario_name", w->scenario_name, sizeof w->scenario_name);
	sv_hex(s, "scenario_hash", &w->scenario_hash);
	sv_i64(s, "seed", (int64_t *)&w->seed, 0, INT_LIMIT);
	sv_int(s, "start_day", &w->start_day, 0, 1e8);
	sv_i64(s, "initial_blackmarket", &w->initial_blackmarket, 0, 1e15);
	sv_i64(s, "initial_treasury", &w->initial_treasury, 0, 1e15);
	sv_i64(s, "initial_buyers", &w->initial_buyers, 0, 1e15);
	visit_config(s, &w->cfg);
	n = SMUG_COMMODITY_COUNT;
	if (sv_array(s, "commodities", &n, SMUG_COMMODITY_COUNT)) {
		if (!s->write && n != SMUG_COMMODITY_COUNT)
			sv_fail(s, NULL, "expected %d commodities", SMUG_COMMODITY_COUNT);
		for (int c = 0; c < SMUG_COMMODITY_COUNT && !s->failed; c++) {
			struct smug_commodity_def *d = &w->commodities[c];
			int good = (int)d->related_good;

			if (!sv_enter(s, NULL, c, false))
				break;
			sv_i64(s, "value_density", &d->value_density, 1, 1e12);
			sv_int(s, "units_per_shipment", &d->units_per_shipment, 1, 100000);
			sv_f(s, "seizure_penalty", &d->seizure_penalty, 0, 2);
			sv_f(s, "heat", &d->heat, 0, 5);
			sv_int(s, "related_good", &good, 0, SMUG_GOOD_COUNT - 1);
			d->related_good = (enum smug_good)good;
			sv_f(s, "sale_markup", &d->sale_markup, 0, 10);
			sv_f(s, "demand_w_tolerance", &d->demand_w_tolerance, 0, 10);
			sv_f(s, "demand_w_shortage", &d->demand_w_shortage, 0, 10);
			sv_f(s, "demand_w_corruption", &d->demand_w_corruption, 0, 10);
			sv_f(s, "demand_w_raider", &d->demand_w_raider, 0, 10);
			sv_f(s, "demand_w_war", &d->demand_w_war, 0, 10);
			sv_f(s, "source_w_raider", &d->source_w_raider, 0, 10);
			sv_f(s, "source_w_precursor", &d->source_w_precursor, 0, 10);
			sv_f(s, "source_w_blackmarket", &d->source_w_blackmarket, 0, 10);
			sv_leave(s);
		}
		sv_leave(s);
	}
	n = w->n_wards;
	if (sv_array(s, "wards", &n, 1000000)) {
		if (!s->write) {
			if (n < 1)
				sv_fail(s, NULL, "at least one ward");
			w->wards = xcalloc((size_t)(n ? n : 1), sizeof *w->wards);
			w->n_wards = n;
		}
		for (int i = 0; i < n && !s->failed; i++) {
			struct smug_ward *wa = &w->wards[i];

			if (!sv_enter(s, NULL, i, false))
				break;
			sv_str(s, "id", wa->id, sizeof wa->id);
			sv_str(s, "name", wa->name, sizeof wa->name);
			sv_int(s, "ring", &wa->ring, 1, 1e6);
			sv_doubles(s, "pos", wa->pos, 2, -1e9, 1e9);
			visit_signals(s, "base", &wa->base);
			if (!s->write)
				wa->sig = wa->base; /* world_finish copies sig to base */
			sv_f(s, "inspection_bias", &wa->customs.inspection_bias, -1, 1);
			sv_f(s, "tariff_bias", &wa->customs.tariff_bias, -1, 1);
			sv_f(s, "contraband_bias", &wa->customs.contraband_bias, -1, 1);
			sv_f(s, "bribe_tolerance", &wa->customs.bribe_tolerance, 0, 1);
			sv_f(s, "enforcement_points", &wa->customs.enforcement_points, 0, 1e6);
			sv_leave(s);
			if (!s->write && i > 0)
				check_sorted(s, "wards", w->wards[i - 1].id, wa->id, i);
		}
		sv_leave(s);
	}
	n = w->n_nodes;
	if (sv_array(s, "nodes", &n, 4000000)) {
		if (!s->write) {
			w->nodes = xcalloc((size_t)(n ? n : 1), sizeof *w->nodes);
			w->n_nodes = n;
		}
		for (int i = 0; i < n && !s->failed; i++) {
			if (!sv_enter(s, NULL, i, false))
				break;
			sv_str(s, "id", w->nodes[i].id, sizeof w->nodes[i].id);
			sv_int(s, "ward", &w->nodes[i].ward, 0, w->n_wards - 1);
			sv_leave(s);
			if (!s->write && i > 0)
				check_sorted(s, "nodes", w->nodes[i - 1].id, w->nodes[i].id, i);
		}
		sv_leave(s);
	}
	n = w->n_corridors;
	if (sv_array(s, "corridors", &n, 8000000)) {
		if (!s->write) {
			w->corridors = xcalloc((size_t)(n ? n : 1), sizeof *w->corridors);
			w->n_corridors = n;
		}
		for (int i = 0; i < n && !s->failed; i++) {
			struct smug_corridor *k = &w->corridors[i];

			if (!sv_enter(s, NULL, i, false))
				break;
			sv_str(s, "id", k->id, sizeof k->id);
			sv_int(s, "a", &k->a, 0, w->n_nodes - 1);
			sv_int(s, "b", &k->b, 0, w->n_nodes - 1);
			sv_int(s, "travel_days", &k->travel_days, 1, 365);
			sv_f(s, "hazard", &k->hazard, 0, 1);
			sv_leave(s);
			if (!s->write && !s->failed) {
				char id[sizeof k->id];

				snprintf(id, sizeof id, "%s|%s", w->nodes[k->a].id, w->nodes[k->b].id);
				if (k->a >= k->b || strcmp(id, k->id) != 0)
					sv_fail(s, NULL, "corridors[%d]: id '%s' does not match its endpoints", i, k->id);
				else if (i > 0)
					check_sorted(s, "corridors", w->corridors[i - 1].id, k->id, i);
			}
		}
		sv_leave(s);
	}
	n = w->n_factions;
	if (sv_array(s, "factions", &n, SMUG_FACTIONS_MAX)) {
		if (!s->write) {
			w->factions = xcalloc((size_t)(n ? n : 1), sizeof *w->factions);
			w->n_factions = n;
		}
		for (int i = 0; i < n && !s->failed; i++) {
			struct smug_faction *f = &w->factions[i];
			int kind = (int)f->kind;

			if (!sv_enter(s, NULL, i, false))
				break;
			sv_str(s, "id", f->id, sizeof f->id);
			sv_str(s, "name", f->name, sizeof f->name);
			sv_int(s, "kind", &kind, 0, 3);
			f->kind = (enum smug_faction_kind)kind;
			sv_int(s, "home_ward", &f->home_ward, 0, w->n_wards - 1);
			sv_doubles(s, "profile", f->profile, SMUG_COMMODITY_COUNT, 0, 1e6);
			sv_i64(s, "initial_balance", &f->initial_balance, 0, 1e15);
			sv_leave(s);
			if (!s->write && i > 0)
				check_sorted(s, "factions", w->factions[i - 1].id, f->id, i);
		}
		sv_leave(s);
	}
}

static void visit_counters(struct sv *s, const char *key, struct smug_counters *c)
{
	if (!sv_enter(s, key, 0, false))
		return;
	sv_i64(s, "shipments_created", &c->shipments_created, 0, 1e15);
	sv_i64(s, "delivered", &c->delivered, 0, 1e15);
	sv_i64(s, "seized", &c->seized, 0, 1e15);
	sv_i64(s, "lost", &c->lost, 0, 1e15);
	sv_i64(s, "delayed", &c->delayed, 0, 1e15);
	sv_i64(s, "bribes_spent", &c->bribes_spent, 0, 1e15);
	sv_i64(s, "tariffs", &c->tariffs, 0, 1e15);
	sv_i64(s, "profit", &c->profit, -1e15, 1e15);
	sv_i64(s, "customs_checks", &c->customs_checks, 0, 1e15);
	sv_leave(s);
}

static void visit_plan_counters(struct sv *s, struct smug_plan_counters *c)
{
	int n = SMUG_SKIP_COUNT;
	double sk[SMUG_SKIP_COUNT];

	if (!sv_enter(s, "plan", 0, false))
		return;
	sv_i64(s, "days", &c->days, 0, 1e15);
	sv_i64(s, "decisions", &c->decisions, 0, 1e15);
	sv_i64(s, "sent", &c->sent, 0, 1e15);
	sv_i64(s, "explored", &c->explored, 0, 1e15);
	for (int i = 0; i < n; i++)
		sk[i] = (double)c->skipped[i];
	sv_doubles(s, "skipped", sk, n, 0, 1e15);
	for (int i = 0; i < n; i++)
		c->skipped[i] = (int64_t)sk[i];
	sv_i64(s, "cap_days", &c->cap_days, 0, 1e15);
	sv_i64(s, "budget_days", &c->budget_days, 0, 1e15);
	sv_i64(s, "budget_short_days", &c->budget_short_days, 0, 1e15);
	sv_leave(s);
}

/* corridor, direction, estimates: what edge_stats and plan_stats share */
static void visit_edge_stats(struct sv *s, const struct smug_world *w, struct smug_edge_stats *e)
{
	sv_int(s, "corridor", &e->corridor, 0, w->n_corridors - 1);
	sv_int(s, "from_node", &e->from_node, 0, w->n_nodes - 1);
	sv_f(s, "risk_est", &e->risk_est, 0, 1);
	sv_f(s, "cost_est", &e->cost_est, 0, 1);
	sv_int(s, "last_update_day", &e->last_update_day, -1, 1e9);
	if (!s->write && !s->failed) {
		const struct smug_corridor *k = &w->corridors[e->corridor];

		if (e->from_node != k->a && e->from_node != k->b)
			sv_fail(s, "from_node", "not an end of corridor %d", e->corridor);
	}
}

static bool edge_stats_ordered(const struct smug_world *w, const struct smug_edge_stats *a,
			       const struct smug_edge_stats *b)
{
	int ka = 2 * a->corridor + (w->corridors[a->corridor].b == a->from_node);
	int kb = 2 * b->corridor + (w->corridors[b->corridor].b == b->from_node);

	return ka < kb;
}

static void visit_terms(struct sv *s, const char *key, struct smug_driver_terms *t)
{
	if (!sv_enter(s, key, 0, false))
		return;
	sv_doubles(s, "term", t->term, 5, 0, 100);
	sv_f(s, "score", &t->score, 0, 500);
	sv_leave(s);
}

static void visit_topk(struct sv *s, const char *key, struct smug_topk *t, int index_max)
{
	if (!sv_array(s, key, &t->n, SMUG_TOPK))
		return;
	for (int i = 0; i < t->n && !s->failed; i++) {
		if (!sv_enter(s, NULL, i, false))
			break;
		sv_str(s, "key", t->e[i].key, sizeof t->e[i].key);
		sv_int(s, "index", &t->e[i].index, -1, index_max);
		sv_f(s, "score", &t->e[i].score, -1e15, 1e15);
		sv_leave(s);
	}
	sv_leave(s);
}

/* A ring of cap slots: head, count, and the used slots in order. */
#define RING(s, key, arr, cap, head, count, ...)                                   \
	do {                                                                        \
		int n_ = (count);                                                   \
		sv_int(s, key "_head", &(head), 0, (cap)-1);                        \
		if (sv_array(s, key, &n_, cap)) {                                   \
			(count) = n_;                                               \
			for (int i_ = 0; i_ < n_ && !(s)->failed; i_++) {           \
				int k_ = ((head) - n_ + i_ + 2 * (cap)) % (cap);    \
				if (!sv_enter(s, NULL, i_, false))                  \
					break;                                      \
				{                                                   \
					__typeof__(&(arr)[0]) e = &(arr)[k_];       \
					__VA_ARGS__;                                \
				}                                                   \
				sv_leave(s);                                        \
			}                                                           \
			sv_leave(s);                                                \
		}                                                                   \
	} while (0)

static void visit_dynamic(struct sv *s, struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;
	struct smug_ledger *l = &w->ledger;
	int n;

	sv_int(s, "day", &w->day, w->start_day, 1e9);
	/* wards: signals and today's counters */
	n = w->n_wards;
	if (sv_array(s, "ward_state", &n, w->n_wards)) {
		if (!s->write && n != w->n_wards)
			sv_fail(s, NULL, "expected %d wards", w->n_wards);
		for (int i = 0; i < n && !s->failed; i++) {
			struct smug_ward *wa = &w->wards[i];

			if (!sv_enter(s, NULL, i, false))
				break;
			visit_signals(s, "sig", &wa->sig);
			sv_i64(s, "bribes_today", &wa->bribes_today, 0, 1e15);
			{
				int k = SMUG_GOOD_COUNT;

				sv_ints(s, "delivered_today", wa->delivered_today, &k, SMUG_GOOD_COUNT, 0, 1e9);
			}
			sv_int(s, "raider_runs_today", &wa->raider_runs_today, 0, 1e9);
			sv_int(s, "raider_busts_today", &wa->raider_busts_today, 0, 1e9);
			sv_f(s, "raider_presence", &wa->raider_presence, -1, 1);
			sv_leave(s);
		}
		sv_leave(s);
	}
	/* border stats: sparse, only corridors that saw a check or a crossing */
	n = 0;
	if (s->write)
		for (int c = 0; c < w->n_corridors; c++)
			n += w->border_stats[c].traffic > 0 || w->border_stats[c].checks > 0;
	if (sv_array(s, "border_stats", &n, w->n_corridors)) {
		for (int i = 0, c = 0; i < n && !s->failed; i++) {
			struct smug_border_stats *b;

			if (s->write)
				while (!(w->border_stats[c].traffic > 0 || w->border_stats[c].checks > 0))
					c++;
			if (!sv_enter(s, NULL, i, false))
				break;
			sv_int(s, "corridor", &c, 0, w->n_corridors - 1);
			b = &w->border_stats[c];
			sv_i64(s, "traffic", &b->traffic, 0, 1e15);
			sv_i64(s, "checks", &b->checks, 0, 1e15);
			sv_i64(s, "inspections", &b->inspections, 0, 1e15);
			sv_i64(s, "detections", &b->detections, 0, 1e15);
			sv_i64(s, "seizures", &b->seizures, 0, 1e15);
			sv_i64(s, "bribes", &b->bribes, 0, 1e15);
			sv_i64(s, "tariffs", &b->tariffs, 0, 1e15);
			sv_int(s, "traffic_today", &b->traffic_today, 0, 1e9);
			sv_int(s, "seizures_today", &b->seizures_today, 0, 1e9);
			sv_int(s, "traffic_yday", &b->traffic_yday, 0, 1e9);
			sv_int(s, "seizures_yday", &b->seizures_yday, 0, 1e9);
			sv_i64(s, "bribes_today", &b->bribes_today, 0, 1e15);
			sv_i64(s, "bribes_yday", &b->bribes_yday, 0, 1e15);
			sv_leave(s);
			c++;
		}
		sv_leave(s);
	}
	/* networks */
	n = w->n_factions;
	if (sv_array(s, "networks", &n, w->n_factions)) {
		if (!s->write && n != w->n_factions)
			sv_fail(s, NULL, "expected %d networks", w->n_factions);
		for (int f = 0; f < n && !s->failed; f++) {
			struct smug_network *net = &w->factions[f].net;

			if (!sv_enter(s, NULL, f, false))
				break;
			sv_doubles(s, "commodity_prefs", net->commodity_prefs, SMUG_COMMODITY_COUNT, 0, 1e6);
			sv_f(s, "bribe_budget_fraction", &net->bribe_budget_fraction, 0, 1);
			sv_int(s, "last_run_day", &net->last_run_day, -1, 1e9);
			if (sv_array(s, "edge_stats", &net->n_edge_stats, w->cfg.smuggling.border_topk)) {
				for (int i = 0; i < net->n_edge_stats && !s->failed; i++) {
					struct smug_edge_stats *e = &net->edge_stats[i];

					if (!sv_enter(s, NULL, i, false))
						break;
					visit_edge_stats(s, w, e);
					sv_int(s, "uses", &e->uses, 0, 2e9);
					sv_i64(s, "cal_n", &e->cal_n, 0, 1e15);
					sv_i64(s, "cal_fail", &e->cal_fail, 0, 1e15);
					sv_f(s, "cal_risk", &e->cal_risk, 0, 1e15);
					sv_f(s, "preferred_weight", &net->preferred_border_weight[i], -1e6, 1e6);
					sv_leave(s);
					if (!s->write && i > 0 && !edge_stats_ordered(w, &net->edge_stats[i - 1], e))
						sv_fail(s, NULL, "edge_stats must be sorted by corridor and direction");
				}
				sv_leave(s);
			}
			if (sv_array(s, "plan_stats", &net->n_plan_stats, w->cfg.smuggling.border_topk)) {
				for (int i = 0; i < net->n_plan_stats && !s->failed; i++) {
					struct smug_edge_stats *e = &net->plan_stats[i];

					if (!sv_enter(s, NULL, i, false))
						break;
					visit_edge_stats(s, w, e);
					sv_leave(s);
					if (!s->write && i > 0 && !edge_stats_ordered(w, &net->plan_stats[i - 1], e))
						sv_fail(s, NULL, "plan_stats must be sorted by corridor and direction");
				}
				sv_leave(s);
			}
			RING(s, "recent", net->recent, SMUG_RECENT_OUTCOMES, net->recent_head, net->recent_count, {
				int com = (int)e->commodity, out = (int)e->outcome;

				sv_int(s, "day", &e->day, -1, 1e9);
				sv_i64(s, "shipment", (int64_t *)&e->shipment, 0, INT_LIMIT);
				sv_int(s, "commodity", &com, 0, SMUG_COMMODITY_COUNT - 1);
				sv_int(s, "outcome", &out, 0, 4);
				sv_int(s, "at_corridor", &e->at_corridor, -1, w->n_corridors - 1);
				sv_i64(s, "value", &e->value, 0, 1e15);
				e->commodity = (enum smug_commodity)com;
				e->outcome = (enum smug_outcome)out;
			});
			if (sv_array(s, "lanes", &net->n_lanes, SMUG_LANE_CAP)) {
				for (int i = 0; i < net->n_lanes && !s->failed; i++) {
					struct smug_lane *ln = &net->lanes[i];
					int com = (int)ln->commodity;

					if (!sv_enter(s, NULL, i, false))
						break;
					sv_int(s, "commodity", &com, 0, SMUG_COMMODITY_COUNT - 1);
					ln->commodity = (enum smug_commodity)com;
					sv_int(s, "src_ward", &ln->src_ward, 0, w->n_wards - 1);
					sv_int(s, "dst_ward", &ln->dst_ward, 0, w->n_wards - 1);
					sv_ints(s, "route", ln->route_nodes, &ln->route_len, SMUG_ROUTE_MAX_NODES, 0,
						w->n_nodes - 1);
					sv_int(s, "last_day", &ln->last_day, -1, 1e9);
					sv_leave(s);
				}
				sv_leave(s);
			}
			sv_i64(s, "shipments", &net->shipments, 0, 1e15);
			sv_i64(s, "delivered", &net->delivered, 0, 1e15);
			sv_i64(s, "seized", &net->seized, 0, 1e15);
			sv_i64(s, "lost", &net->lost, 0, 1e15);
			sv_i64(s, "delayed", &net->delayed, 0, 1e15);
			sv_i64(s, "bribes_spent", &net->bribes_spent, 0, 1e15);
			sv_i64(s, "tariffs_paid", &net->tariffs_paid, 0, 1e15);
			sv_i64(s, "purchases", &net->purchases, 0, 1e15);
			sv_i64(s, "sales", &net->sales, 0, 1e15);
			sv_int(s, "in_transit", &net->in_transit, 0, SMUG_SHIPMENT_CAP);
			sv_leave(s);
		}
		sv_leave(s);
	}
	/* ledger */
	if (sv_enter(s, "ledger", 0, false)) {
		n = l->n_accounts;
		if (sv_array(s, "balances", &n, l->n_accounts)) {
			if (!s->write && n != l->n_accounts)
				sv_fail(s, NULL, "expected %d accounts", l->n_accounts);
			for (int i = 0; i < n && !s->failed; i++) {
				if (s->write) {
					cJSON_AddItemToArray(top(s), num_i(l->accounts[i].balance));
				} else {
					double d = read_num(s, NULL, item(s, i), 0, INT_LIMIT);

					if (d != (double)(int64_t)d)
						sv_fail(s, NULL, "[%d]: expected integer", i);
					l->accounts[i].balance = (int64_t)d;
				}
			}
			sv_leave(s);
		}
		RING(s, "journal", l->journal, SMUG_JOURNAL_CAP, l->journal_head, l->journal_count, {
			int reason = (int)e->reason;

			sv_int(s, "day", &e->day, -1, 1e9);
			sv_u32(s, "seq", &e->seq);
			sv_int(s, "from", &e->from, -1, l->n_accounts - 1);
			sv_int(s, "to", &e->to, -1, l->n_accounts - 1);
			sv_i64(s, "amount", &e->amount, 1, INT_LIMIT);
			sv_int(s, "reason", &reason, 0, SMUG_TX_REASON_COUNT - 1);
			e->reason = (enum smug_tx_reason)reason;
		});
		sv_u32(s, "day_seq", &l->day_seq);
		sv_int(s, "day_seq_day", &l->day_seq_day, -1, 1e9);
		sv_i64(s, "minted", &l->minted, 0, INT_LIMIT);
		sv_i64(s, "burned", &l->burned, 0, INT_LIMIT);
		sv_i64(s, "initial_total", &l->initial_total, 0, INT_LIMIT);
		{
			double br[SMUG_TX_REASON_COUNT];

			for (int i = 0; i < SMUG_TX_REASON_COUNT; i++)
				br[i] = (double)l->by_reason[i];
			sv_doubles(s, "by_reason", br, SMUG_TX_REASON_COUNT, 0, INT_LIMIT);
			for (int i = 0; i < SMUG_TX_REASON_COUNT; i++)
				l->by_reason[i] = (int64_t)br[i];
		}
		sv_leave(s);
	}
	/* shipments in transit */
	if (sv_array(s, "shipments", &w->n_shipments, SMUG_SHIPMENT_CAP)) {
		for (int i = 0; i < w->n_shipments && !s->failed; i++) {
			struct smug_shipment *p = &w->shipments[i];
			int com = (int)p->commodity, st = (int)p->status, nc;

			if (!sv_enter(s, NULL, i, false))
				break;
			sv_i64(s, "id", (int64_t *)&p->id, 1, INT_LIMIT);
			sv_int(s, "faction", &p->faction, 0, w->n_factions - 1);
			sv_int(s, "commodity", &com, 0, SMUG_COMMODITY_COUNT - 1);
			p->commodity = (enum smug_commodity)com;
			sv_int(s, "units", &p->units, 1, 1e6);
			sv_i64(s, "value", &p->value, 0, 1e15);
			sv_i64(s, "sale_price", &p->sale_price, 0, 1e15);
			sv_int(s, "src_ward", &p->src_ward, 0, w->n_wards - 1);
			sv_int(s, "dst_ward", &p->dst_ward, 0, w->n_wards - 1);
			sv_ints(s, "nodes", p->nodes, &p->n_nodes, SMUG_ROUTE_MAX_NODES, 0, w->n_nodes - 1);
			nc = p->n_nodes > 0 ? p->n_nodes - 1 : 0;
			sv_ints(s, "corridors", p->corridors, &nc, SMUG_ROUTE_MAX_NODES - 1, 0, w->n_corridors - 1);
			{
				int k = nc;

				if (sv_array(s, "plan_risk", &k, SMUG_ROUTE_MAX_NODES - 1)) {
					if (!s->write && k != nc)
						sv_fail(s, NULL, "expected %d numbers, got %d", nc, k);
					for (int j = 0; j < k && !s->failed; j++) {
						if (s->write)
							cJSON_AddItemToArray(top(s), num_f(p->plan_risk[j]));
						else
							p->plan_risk[j] = read_num(s, NULL, item(s, j), 0, 1);
					}
					sv_leave(s);
				}
			}
			sv_bool(s, "explore", &p->explore);
			{
				double hc[SMUG_ROUTE_MAX_NODES - 1];
				int k = nc;

				for (int j = 0; j < nc; j++)
					hc[j] = (double)p->hop_cost[j];
				if (sv_array(s, "hop_cost", &k, SMUG_ROUTE_MAX_NODES - 1)) {
					for (int j = 0; j < k && !s->failed; j++) {
						if (s->write)
							cJSON_AddItemToArray(top(s), num_i((int64_t)hc[j]));
						else
							p->hop_cost[j] = (int64_t)read_num(s, NULL, item(s, j), 0, 1e15);
					}
					sv_leave(s);
				}
			}
			sv_int(s, "hop", &p->hop, 0, SMUG_ROUTE_MAX_NODES - 2);
			sv_int(s, "days_left", &p->days_left, 0, 1e6);
			sv_int(s, "created_day", &p->created_day, 0, 1e9);
			sv_int(s, "delays", &p->delays, 0, 1e6);
			sv_i64(s, "bribe_budget_total", &p->bribe_budget_total, 0, 1e15);
			if (sv_array(s, "bribe_map", &p->n_bribes, SMUG_ROUTE_MAX_NODES - 1)) {
				for (int j = 0; j < p->n_bribes && !s->failed; j++) {
					if (!sv_enter(s, NULL, j, false))
						break;
					sv_int(s, "corridor", &p->bribe_map[j].corridor, 0, w->n_corridors - 1);
					sv_i64(s, "amount", &p->bribe_map[j].amount, 0, 1e15);
					sv_leave(s);
				}
				sv_leave(s);
			}
			sv_i64(s, "bribes_paid", &p->bribes_paid, 0, 1e15);
			sv_i64(s, "tariffs_paid", &p->tariffs_paid, 0, 1e15);
			sv_i64(s, "purchase", &p->purchase, 0, 1e15);
			sv_int(s, "status", &st, 0, 4);
			p->status = (enum smug_outcome)st;
			sv_int(s, "resolved_corridor", &p->resolved_corridor, -1, w->n_corridors - 1);
			sv_leave(s);
			if (!s->write && !s->failed && (p->n_nodes < 2 || p->hop > p->n_nodes - 2))
				sv_fail(s, NULL, "shipments[%d]: hop outside its route", i);
		}
		sv_leave(s);
	}
	sv_i64(s, "next_shipment_id", (int64_t *)&w->next_shipment_id, 1, INT_LIMIT);
	/* crackdowns and cooldowns */
	if (sv_array(s, "crackdowns", &w->n_crackdowns, SMUG_CRACKDOWN_CAP)) {
		for (int i = 0; i < w->n_crackdowns && !s->failed; i++) {
			struct smug_crackdown *k = &w->crackdowns[i];
			int kind = (int)k->kind;

			if (!sv_enter(s, NULL, i, false))
				break;
			sv_int(s, "kind", &kind, 0, 1);
			k->kind = (enum smug_crackdown_kind)kind;
			sv_int(s, "corridor", &k->corridor, 0, w->n_corridors - 1);
			sv_f(s, "intensity", &k->intensity, 1e-9, 1);
			sv_int(s, "start_day", &k->start_day, 0, 1e9);
			sv_int(s, "end_day", &k->end_day, -1, 1e9);
			sv_bool(s, "manual", &k->manual);
			sv_bool(s, "exploration", &k->exploration);
			sv_leave(s);
			if (!s->write && i > 0 && k->corridor <= w->crackdowns[i - 1].corridor)
				sv_fail(s, NULL, "crackdowns must be sorted by corridor");
		}
		sv_leave(s);
	}
	if (sv_array(s, "cooldowns", &w->n_cooldowns, SMUG_COOLDOWN_CAP)) {
		for (int i = 0; i < w->n_cooldowns && !s->failed; i++) {
			if (!sv_enter(s, NULL, i, false))
				break;
			sv_int(s, "corridor", &w->cooldowns[i].corridor, 0, w->n_corridors - 1);
			sv_int(s, "until_day", &w->cooldowns[i].until_day, 0, 1e9);
			sv_leave(s);
		}
		sv_leave(s);
	}
	/* telemetry */
	if (sv_enter(s, "telemetry", 0, false)) {
		visit_counters(s, "total", &t->total);
		visit_counters(s, "today", &t->today);
		visit_plan_counters(s, &t->plan);
		RING(s, "history", t->history, SMUG_HISTORY_DAYS, t->history_head, t->history_count, {
			sv_int(s, "day", &e->day, 0, 1e9);
			visit_counters(s, "c", &e->c);
			sv_int(s, "in_transit", &e->in_transit, 0, SMUG_SHIPMENT_CAP);
		});
		sv_i64(s, "events_total", (int64_t *)&t->events_total, 0, INT_LIMIT);
		RING(s, "events", t->events, SMUG_EVENT_CAP, t->event_head, t->event_count, {
			int kind = (int)e->kind;

			sv_int(s, "day", &e->day, 0, 1e9);
			sv_int(s, "kind", &kind, 0, SMUG_EVENT_KIND_COUNT - 1);
			e->kind = (enum smug_event_kind)kind;
			sv_int(s, "faction", &e->faction, -1, w->n_factions - 1);
			sv_int(s, "corridor", &e->corridor, -1, w->n_corridors - 1);
			sv_i64(s, "shipment", (int64_t *)&e->shipment, 0, INT_LIMIT);
			sv_int(s, "commodity", &e->commodity, -1, SMUG_COMMODITY_COUNT - 1);
			sv_i64(s, "amount", &e->amount, -1e15, 1e15);
			sv_str(s, "detail", e->detail, sizeof e->detail);
		});
		visit_topk(s, "hot_routes", &t->hot_routes, -1);
		visit_topk(s, "hot_borders", &t->hot_borders, w->n_corridors - 1);
		visit_topk(s, "faction_success", &t->faction_success, w->n_factions - 1);
		sv_ints(s, "touched", t->touched, &t->n_touched, SMUG_TOUCHED_CAP, 0, w->n_corridors - 1);
		sv_ints(s, "touched_yday", t->touched_yday, &t->n_touched_yday, SMUG_TOUCHED_CAP, 0,
			w->n_corridors - 1);
		sv_leave(s);
	}
	/* ward TopK per commodity */
	if (sv_enter(s, "ward_topk", 0, false)) {
		n = SMUG_COMMODITY_COUNT;
		if (sv_array(s, "commodities", &n, SMUG_COMMODITY_COUNT)) {
			for (int c = 0; c < n && !s->failed; c++) {
				if (!sv_enter(s, NULL, c, false))
					break;
				sv_ints(s, "demand_ward", w->demand_ward[c], &w->n_demand[c], w->cfg.smuggling.ward_topk,
					0, w->n_wards - 1);
				sv_ints(s, "source_ward", w->source_ward[c], &w->n_source[c], w->cfg.smuggling.ward_topk,
					0, w->n_wards - 1);
				for (int i = 0; i < w->n_demand[c] && !s->failed; i++) {
					char key[24];

					snprintf(key, sizeof key, "demand_%d", i);
					visit_terms(s, key, &w->demand_terms[c][i]);
				}
				for (int i = 0; i < w->n_source[c] && !s->failed; i++) {
					char key[24];

					snprintf(key, sizeof key, "source_%d", i);
					visit_terms(s, key, &w->source_terms[c][i]);
				}
				sv_leave(s);
			}
			sv_leave(s);
		}
		sv_int(s, "cursor", &w->ward_cursor, 0, w->n_wards - 1);
		sv_leave(s);
	}
	/* explain: the last day's decisions and the summary ring */
	sv_int(s, "decisions_day", &w->decisions_day, -1, 1e9);
	if (sv_array(s, "decisions", &w->n_decisions, SMUG_SHIPMENTS_PER_DAY_MAX)) {
		for (int i = 0; i < w->n_decisions && !s->failed; i++) {
			struct smug_decision *d = &w->decisions[i];
			int com = (int)d->commodity;

			if (!sv_enter(s, NULL, i, false))
				break;
			sv_int(s, "day", &d->day, 0, 1e9);
			sv_int(s, "faction", &d->faction, 0, w->n_factions - 1);
			sv_int(s, "commodity", &com, 0, SMUG_COMMODITY_COUNT - 1);
			d->commodity = (enum smug_commodity)com;
			sv_int(s, "src_ward", &d->src_ward, -1, w->n_wards - 1);
			sv_int(s, "dst_ward", &d->dst_ward, -1, w->n_wards - 1);
			visit_terms(s, "demand", &d->demand);
			visit_terms(s, "source", &d->source);
			sv_i64(s, "value", &d->value, 0, 1e15);
			sv_i64(s, "bribe_budget", &d->bribe_budget, 0, INT_LIMIT);
			sv_int(s, "n_cand", &d->n_cand, 0, w->cfg.smuggling.route_topk);
			sv_int(s, "winner", &d->winner, -1, d->n_cand - 1);
			sv_int(s, "runner", &d->runner, -1, d->n_cand - 1);
			sv_f(s, "winner_score", &d->winner_score, 0, 1e15);
			sv_f(s, "margin", &d->margin, 0, 1e15);
			sv_ints(s, "route", d->route, &d->route_len, SMUG_ROUTE_MAX_NODES, 0, w->n_nodes - 1);
			sv_int(s, "route_borders", &d->route_borders, 0, SMUG_ROUTE_MAX_NODES);
			sv_str(s, "skipped", d->skipped, sizeof d->skipped);
			{
				int why = (int)d->skip;

				sv_int(s, "skip", &why, 0, SMUG_SKIP_COUNT - 1);
				d->skip = (enum smug_skip)why;
			}
			sv_int(s, "chosen", &d->chosen, -1, d->n_cand - 1);
			sv_bool(s, "explore", &d->explore);
			sv_f(s, "explore_score", &d->explore_score, 0, 1e15);
			sv_i64(s, "shipment", (int64_t *)&d->shipment, 0, INT_LIMIT);
			sv_i64(s, "bribe_total", &d->bribe_total, 0, 1e15);
			sv_f(s, "expected_profit", &d->expected_profit, -1e15, 1e15);
			sv_leave(s);
		}
		sv_leave(s);
	}
	RING(s, "explain_history", w->explain_hist, SMUG_EXPLAIN_HISTORY, w->explain_head, w->explain_count, {
		int com = (int)e->commodity;

		sv_int(s, "day", &e->day, 0, 1e9);
		sv_int(s, "faction", &e->faction, 0, w->n_factions - 1);
		sv_int(s, "commodity", &com, 0, SMUG_COMMODITY_COUNT - 1);
		e->commodity = (enum smug_commodity)com;
		sv_int(s, "src_ward", &e->src_ward, -1, w->n_wards - 1);
		sv_int(s, "dst_ward", &e->dst_ward, -1, w->n_wards - 1);
		sv_int(s, "n_cand", &e->n_cand, 0, SMUG_ROUTE_TOPK_MAX);
		sv_f(s, "winner_score", &e->winner_score, 0, 1e15);
		sv_f(s, "margin", &e->margin, 0, 1e15);
		sv_i64(s, "shipment", (int64_t *)&e->shipment, 0, INT_LIMIT);
	});
	sv_i64(s, "route_evals_today", &w->route_evals_today, 0, INT_LIMIT);
	sv_int(s, "max_route_evals_per_decision", &w->max_route_evals_per_decision, 0, SMUG_ROUTE_TOPK_MAX);
}

char *snapshot_to_json(const struct smug_world *w)
{
	struct sv s = {.write = true, .file = "snapshot.json"};
	cJSON *root = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(root, "format", "smugnet-snapshot");
	cJSON_AddNumberToObject(root, "version", SNAPSHOT_VERSION);
	s.stack[0] = root;
	s.depth = 1;
	if (sv_enter(&s, "world", 0, false)) {
		visit_static(&s, (struct smug_world *)(uintptr_t)w);
		sv_leave(&s);
	}
	if (sv_enter(&s, "state", 0, false)) {
		visit_dynamic(&s, (struct smug_world *)(uintptr_t)w);
		sv_leave(&s);
	}
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return text;
}

enum smug_status snapshot_from_json(const char *json, size_t len, const char *name,
				    struct smug_world **out, struct smug_error *err)
{
	struct sv s = {.write = false, .file = name, .err = err};
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, false);
	struct smug_world *w;
	const cJSON *j;

	if (root == NULL)
		return smug_error_set(err, SMUG_ERR_PARSE, "%s: byte %zu: malformed JSON", name,
				      end && end >= json ? (size_t)(end - json) + 1 : len);
	while (end && end < json + len && (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
		end++;
	if (end && end < json + len) {
		cJSON_Delete(root);
		return smug_error_set(err, SMUG_ERR_PARSE, "%s: byte %zu: trailing data after JSON", name,
				      (size_t)(end - json) + 1);
	}
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
	w = world_alloc();
	s.stack[0] = root;
	s.depth = 1;
	if (sv_enter(&s, "world", 0, false)) {
		visit_static(&s, w);
		sv_leave(&s);
	}
	if (!s.failed) {
		world_finish(w);
		if (sv_enter(&s, "state", 0, false)) {
			visit_dynamic(&s, w);
			sv_leave(&s);
		}
	}
	if (!s.failed && !smug_ledger_conserved(&w->ledger))
		sv_fail(&s, "state.ledger", "balances do not add up to the minted and burned totals");
	cJSON_Delete(root);
	if (s.failed) {
		smug_world_free(w);
		return s.st;
	}
	*out = w;
	return SMUG_OK;
}
