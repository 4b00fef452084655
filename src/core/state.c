/* The state, described once: every field of the world with its key, its
 * range and whether it is saved or derived, in the one canonical order
 * that snapshot.json, the digest, the packed rewind copies and the
 * field-by-field compare all follow (visit.c runs it in each direction).
 * Add a field here and it is saved, loaded, hashed, packed and compared.
 * Derived fields (indices rebuilt by world_index) are hashed but not
 * saved. The command journal and the caches are not state. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"

#define WARDS_MAX 1000000
#define NODES_MAX 4000000
#define CORRIDORS_MAX 8000000
#define MONEY_MAX 1e15
#define DAY_MAX 1e9

/* ---- small shared shapes ---- */

static void visit_doubles(struct sv *s, const char *key, double *v, int n, double lo, double hi)
{
	if (!sv_list_n(s, key, n))
		return;
	for (int i = 0; i < n; i++)
		sv_f(s, NULL, &v[i], lo, hi);
	sv_end(s);
}

static void visit_i64s(struct sv *s, const char *key, int64_t *v, int n, double lo, double hi)
{
	if (!sv_list_n(s, key, n))
		return;
	for (int i = 0; i < n; i++)
		sv_i64(s, NULL, &v[i], lo, hi);
	sv_end(s);
}

/* A counted list of ints: its length where the encoding keeps it, then
 * the values. */
static void visit_ints(struct sv *s, const char *key, int *v, int *n, int max, double lo, double hi)
{
	sv_count(s, key, n, max);
	if (!sv_list(s, key, n, max))
		return;
	for (int i = 0; i < *n; i++)
		sv_int(s, NULL, &v[i], lo, hi);
	sv_end(s);
}

/* A route telemetry counts: its nodes (at least one, each a node). */
static void visit_route_key(struct sv *s, const struct smug_world *w, struct smug_route_key *k)
{
	visit_ints(s, "route", k->nodes, &k->n_nodes, SMUG_ROUTE_MAX_NODES, 0, w->n_nodes - 1);
	if (sv_reading(s) && sv_ok(s) && k->n_nodes < 1)
		sv_fail(s, "route", "a route has at least one node");
}

/* Called inside item i (before its sv_end), so the message's path is
 * the item's own: "state.wards[1].id: ...". */
static void check_sorted(struct sv *s, const char *prev, const char *cur, int i)
{
	if (sv_reading(s) && sv_ok(s) && i > 0 && strcmp(prev, cur) >= 0)
		sv_fail(s, "id", "ids must be unique and sorted ('%s' after '%s')", cur, prev);
}

static void visit_counters(struct sv *s, const char *key, struct smug_counters *c)
{
	if (!sv_obj(s, key))
		return;
	sv_i64(s, "shipments_created", &c->shipments_created, 0, MONEY_MAX);
	sv_i64(s, "delivered", &c->delivered, 0, MONEY_MAX);
	sv_i64(s, "seized", &c->seized, 0, MONEY_MAX);
	sv_i64(s, "lost", &c->lost, 0, MONEY_MAX);
	sv_i64(s, "delayed", &c->delayed, 0, MONEY_MAX);
	sv_i64(s, "bribes_spent", &c->bribes_spent, 0, MONEY_MAX);
	sv_i64(s, "tariffs", &c->tariffs, 0, MONEY_MAX);
	sv_i64(s, "profit", &c->profit, -MONEY_MAX, MONEY_MAX);
	sv_i64(s, "customs_checks", &c->customs_checks, 0, MONEY_MAX);
	sv_end(s);
}

static void visit_terms(struct sv *s, const char *key, struct smug_driver_terms *t)
{
	if (!sv_obj(s, key))
		return;
	visit_doubles(s, "term", t->term, 5, 0, 100);
	sv_f(s, "score", &t->score, 0, 500);
	sv_end(s);
}

/* A TopK list: its entries' keys, or for the hot routes (!keyed) none,
 * an entry being its route's slot in the tally (route_tally, in
 * visit_telemetry; smug_world_check matches each to its slot's count).
 * With `corridors`, one keyed by corridor: each entry's key is its
 * corridor's id (telemetry finds an entry by its index alone). */
static void visit_topk(struct sv *s, const char *key, struct smug_topk *t, bool keyed, int index_max,
		       const struct smug_world *corridors)
{
	sv_count(s, key, &t->n, SMUG_TOPK);
	if (!sv_list(s, key, &t->n, SMUG_TOPK))
		return;
	for (int i = 0; i < t->n && sv_item(s, i); i++) {
		if (keyed)
			sv_str(s, "key", t->e[i].key, sizeof t->e[i].key);
		else if (sv_reading(s))
			t->e[i].key[0] = '\0';
		sv_int(s, "index", &t->e[i].index, keyed ? -1 : 0, index_max);
		sv_f(s, "score", &t->e[i].score, -1e15, 1e15);
		if (corridors && sv_reading(s) && sv_ok(s) &&
		    (t->e[i].index < 0 || strcmp(t->e[i].key, corridors->corridors[t->e[i].index].id) != 0))
			sv_fail(s, "key", "'%s' is not the id of corridor %d", t->e[i].key, t->e[i].index);
		sv_end(s);
	}
	sv_end(s);
}

/* ---- the world's identity ---- */

static void visit_identity(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "world"))
		return;
	sv_tag(s, "smugnet-state-v1");
	sv_str(s, "scenario_id", w->scenario_id, sizeof w->scenario_id);
	sv_str(s, "scenario_name", w->scenario_name, sizeof w->scenario_name);
	sv_hex(s, "scenario_hash", &w->scenario_hash);
	sv_u64(s, "seed", &w->seed, 0);
	sv_int(s, "day", &w->day, 0, DAY_MAX);
	sv_int(s, "start_day", &w->start_day, 0, 1e8);
	if (sv_reading(s) && sv_ok(s) && w->day < w->start_day)
		sv_fail(s, "day", "before start_day %d", w->start_day);
	sv_i64(s, "initial_blackmarket", &w->initial_blackmarket, 0, MONEY_MAX);
	sv_i64(s, "initial_treasury", &w->initial_treasury, 0, MONEY_MAX);
	sv_i64(s, "initial_buyers", &w->initial_buyers, 0, MONEY_MAX);
}

/* The knobs, from the one table (config.c), nested by section. */
static void visit_config(struct sv *s, struct smug_config *c)
{
	const struct smug_knob *k;
	int n;
	size_t open_len = 0;
	const char *open = NULL;

	if (!sv_group(s, "config"))
		return;
	if (!sv_obj(s, "config"))
		return;
	k = smug_knob_table(&n);
	for (int i = 0; i < n && sv_ok(s); i++) {
		const char *dot = strchr(k[i].key, '.');
		size_t len = (size_t)(dot - k[i].key);
		void *field = (char *)c + k[i].offset;
		char section[32];

		if (open == NULL || len != open_len || strncmp(open, k[i].key, len) != 0) {
			if (open)
				sv_end(s);
			snprintf(section, sizeof section, "%.*s", (int)len, k[i].key);
			if (!sv_obj(s, section))
				return;
			open = k[i].key;
			open_len = len;
		}
		switch (k[i].type) {
		case SMUG_KNOB_BOOL: sv_bool(s, dot + 1, field); break;
		case SMUG_KNOB_INT: sv_int(s, dot + 1, field, k[i].lo, k[i].hi); break;
		case SMUG_KNOB_REAL: sv_f(s, dot + 1, field, k[i].lo, k[i].hi); break;
		case SMUG_KNOB_MONEY:
			sv_f(s, dot + 1, field, k[i].lo * SMUG_MINOR_PER_CREDIT, k[i].hi * SMUG_MINOR_PER_CREDIT);
			break;
		case SMUG_KNOB_TEXT: {
			char why[128];

			sv_str(s, dot + 1, field, k[i].size);
			/* the rule of --set and of a scenario: a seed holds no
			 * text knob that neither would take */
			if (sv_reading(s) && sv_ok(s) && !knob_text_ok(field, strlen(field), why, sizeof why))
				sv_fail(s, dot + 1, "%s", why);
			break;
		}
		}
	}
	if (open)
		sv_end(s);
	sv_end(s);
}

static void visit_commodities(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "commodities"))
		return;
	if (!sv_list_n(s, "commodities", SMUG_COMMODITY_COUNT))
		return;
	for (int c = 0; c < SMUG_COMMODITY_COUNT && sv_item(s, c); c++) {
		struct smug_commodity_def *d = &w->commodities[c];

		sv_i64(s, "value_density", &d->value_density, 1, 1e12);
		sv_int(s, "units_per_shipment", &d->units_per_shipment, 1, 100000);
		sv_f(s, "seizure_penalty", &d->seizure_penalty, 0, 2);
		sv_f(s, "heat", &d->heat, 0, 5);
		SV_ENUM(s, "related_good", d->related_good, 0, SMUG_GOOD_COUNT - 1);
		sv_f(s, "sale_markup", &d->sale_markup, 0, 10);
		sv_f(s, "demand_w_tolerance", &d->demand_w_tolerance, 0, 10);
		sv_f(s, "demand_w_shortage", &d->demand_w_shortage, 0, 10);
		sv_f(s, "demand_w_corruption", &d->demand_w_corruption, 0, 10);
		sv_f(s, "demand_w_raider", &d->demand_w_raider, 0, 10);
		sv_f(s, "demand_w_war", &d->demand_w_war, 0, 10);
		sv_f(s, "source_w_raider", &d->source_w_raider, 0, 10);
		sv_f(s, "source_w_precursor", &d->source_w_precursor, 0, 10);
		sv_f(s, "source_w_blackmarket", &d->source_w_blackmarket, 0, 10);
		sv_end(s);
	}
	sv_end(s);
}

/* ---- the map: wards, nodes, corridors with their customs statistics ---- */

static void visit_signals(struct sv *s, const char *key, struct smug_signals *g)
{
	if (!sv_obj(s, key))
		return;
	sv_f(s, "smuggling_tolerance", &g->smuggling_tolerance, 0, 1);
	sv_f(s, "corruption", &g->corruption, 0, 1);
	sv_f(s, "legitimacy", &g->legitimacy, 0, 1);
	sv_f(s, "audit", &g->audit, 0, 1);
	sv_f(s, "raider_influence", &g->raider_influence, 0, 1);
	sv_f(s, "precursor_output", &g->precursor_output, 0, 1);
	sv_f(s, "war_pressure", &g->war_pressure, 0, 1);
	visit_doubles(s, "shortage", g->shortage, SMUG_GOOD_COUNT, 0, 1);
	sv_f(s, "blackmarket_flow", &g->blackmarket_flow, 0, 1);
	sv_end(s);
}

static void visit_ward(struct sv *s, struct smug_ward *wa)
{
	sv_str(s, "id", wa->id, sizeof wa->id);
	sv_str(s, "name", wa->name, sizeof wa->name);
	sv_int(s, "ring", &wa->ring, 1, 1e6);
	visit_doubles(s, "pos", wa->pos, 2, -1e9, 1e9);
	visit_signals(s, "sig", &wa->sig);
	visit_signals(s, "base", &wa->base);
	if (sv_obj(s, "customs")) {
		sv_f(s, "inspection_bias", &wa->customs.inspection_bias, -1, 1);
		sv_f(s, "tariff_bias", &wa->customs.tariff_bias, -1, 1);
		sv_f(s, "contraband_bias", &wa->customs.contraband_bias, -1, 1);
		sv_f(s, "bribe_tolerance", &wa->customs.bribe_tolerance, 0, 1);
		sv_f(s, "enforcement_points", &wa->customs.enforcement_points, 0, 1e6);
		sv_end(s);
	}
	sv_derived_i(s, "gate_node", wa->gate_node);
	sv_derived_i(s, "account", wa->account);
	sv_derived_i(s, "buyers", wa->buyers);
	sv_i64(s, "bribes_today", &wa->bribes_today, 0, MONEY_MAX);
	if (sv_list_n(s, "delivered_today", SMUG_GOOD_COUNT)) {
		for (int g = 0; g < SMUG_GOOD_COUNT; g++)
			sv_int(s, NULL, &wa->delivered_today[g], 0, DAY_MAX);
		sv_end(s);
	}
	sv_int(s, "raider_runs_today", &wa->raider_runs_today, 0, DAY_MAX);
	sv_int(s, "raider_busts_today", &wa->raider_busts_today, 0, DAY_MAX);
	sv_f(s, "raider_presence", &wa->raider_presence, -1, 1);
}

/* The digest's fast path for a ward (the journal's periodic checks hash
 * every ward): the same words as the leaves of visit_ward, in its order,
 * the id and name as sv_str hashes them. */
static void hash_ward(struct sv *s, const struct smug_ward *wa)
{
	/* the signals and the customs policy are doubles only, in the order
	 * visit_signals and visit_ward visit them */
#define SIG_AT(field, i) (offsetof(struct smug_signals, field) == (i) * sizeof(double))
#define POLICY_AT(field, i) (offsetof(struct smug_customs_policy, field) == (i) * sizeof(double))
	_Static_assert(SIG_AT(smuggling_tolerance, 0) && SIG_AT(corruption, 1) && SIG_AT(legitimacy, 2) &&
			       SIG_AT(audit, 3) && SIG_AT(raider_influence, 4) && SIG_AT(precursor_output, 5) &&
			       SIG_AT(war_pressure, 6) && SIG_AT(shortage, 7) &&
			       SIG_AT(blackmarket_flow, 7 + SMUG_GOOD_COUNT) &&
			       sizeof(struct smug_signals) == (8 + SMUG_GOOD_COUNT) * sizeof(double),
		       "the signals are their doubles in the order visited");
	_Static_assert(POLICY_AT(inspection_bias, 0) && POLICY_AT(tariff_bias, 1) && POLICY_AT(contraband_bias, 2) &&
			       POLICY_AT(bribe_tolerance, 3) && POLICY_AT(enforcement_points, 4) &&
			       sizeof(struct smug_customs_policy) == 5 * sizeof(double),
		       "the customs policy is its doubles in the order visited");
#undef SIG_AT
#undef POLICY_AT
	enum { N_SIG = sizeof(struct smug_signals) / sizeof(double) };
	unsigned char *p = sv_hash_put(s, 16 + sizeof wa->id + sizeof wa->name + (26 + 2 * N_SIG) * 8);

	p = sv_put_text(p, wa->id, sizeof wa->id);
	p = sv_put_text(p, wa->name, sizeof wa->name);
	p = put_le64(p, (uint64_t)(int64_t)wa->ring);
	p = put_le64s(p, wa->pos, 2);
	p = put_le64s(p, &wa->sig, N_SIG);
	p = put_le64s(p, &wa->base, N_SIG);
	p = put_le64s(p, &wa->customs, 5);
	p = put_le64(p, (uint64_t)(int64_t)wa->gate_node);
	p = put_le64(p, (uint64_t)(int64_t)wa->account);
	p = put_le64(p, (uint64_t)(int64_t)wa->buyers);
	p = put_le64(p, (uint64_t)wa->bribes_today);
	for (int g = 0; g < SMUG_GOOD_COUNT; g++)
		p = put_le64(p, (uint64_t)(int64_t)wa->delivered_today[g]);
	p = put_le64(p, (uint64_t)(int64_t)wa->raider_runs_today);
	p = put_le64(p, (uint64_t)(int64_t)wa->raider_busts_today);
	p = put_le64s(p, &wa->raider_presence, 1);
	sv_hash_put_end(s, p);
}

static void visit_wards(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "wards"))
		return;
	sv_count(s, "wards", &w->n_wards, WARDS_MAX);
	if (!sv_list(s, "wards", &w->n_wards, WARDS_MAX))
		return;
	if (sv_reading(s)) {
		if (w->n_wards < 1)
			sv_fail(s, NULL, "at least one ward");
		w->wards = xcalloc((size_t)w->n_wards, sizeof *w->wards);
	}
	if (sv_hashing_blocks(s)) {
		for (int i = 0; i < w->n_wards; i++)
			hash_ward(s, &w->wards[i]);
	} else {
		for (int i = 0; i < w->n_wards && sv_item(s, i); i++) {
			visit_ward(s, &w->wards[i]);
			if (i > 0)
				check_sorted(s, w->wards[i - 1].id, w->wards[i].id, i);
			sv_end(s);
		}
	}
	sv_end(s);
}

static void visit_nodes(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "nodes"))
		return;
	sv_count(s, "nodes", &w->n_nodes, NODES_MAX);
	if (!sv_list(s, "nodes", &w->n_nodes, NODES_MAX))
		return;
	if (sv_reading(s))
		w->nodes = xcalloc((size_t)w->n_nodes, sizeof *w->nodes);
	if (sv_hashing_blocks(s)) {
		/* the digest's fast path: the leaves below, the id as sv_str
		 * hashes it (a node at a time: 9,000 nodes at 3,600 wards) */
		for (int i = 0; i < w->n_nodes; i++) {
			unsigned char *p = sv_hash_put(s, 16 + sizeof w->nodes[i].id);

			p = sv_put_text(p, w->nodes[i].id, sizeof w->nodes[i].id);
			sv_hash_put_end(s, put_le64(p, (uint64_t)(int64_t)w->nodes[i].ward));
		}
		sv_end(s);
		return;
	}
	for (int i = 0; i < w->n_nodes && sv_item(s, i); i++) {
		sv_str(s, "id", w->nodes[i].id, sizeof w->nodes[i].id);
		sv_int(s, "ward", &w->nodes[i].ward, 0, w->n_wards - 1);
		if (i > 0)
			check_sorted(s, w->nodes[i - 1].id, w->nodes[i].id, i);
		sv_end(s);
	}
	sv_end(s);
}

static void visit_border_stats(struct sv *s, void *ctx)
{
	struct smug_border_stats *b = ctx;

	sv_i64(s, "traffic", &b->traffic, 0, MONEY_MAX);
	sv_i64(s, "checks", &b->checks, 0, MONEY_MAX);
	sv_i64(s, "inspections", &b->inspections, 0, MONEY_MAX);
	sv_i64(s, "detections", &b->detections, 0, MONEY_MAX);
	sv_i64(s, "seizures", &b->seizures, 0, MONEY_MAX);
	sv_i64(s, "bribes", &b->bribes, 0, MONEY_MAX);
	sv_i64(s, "tariffs", &b->tariffs, 0, MONEY_MAX);
	sv_int(s, "traffic_today", &b->traffic_today, 0, DAY_MAX);
	sv_int(s, "seizures_today", &b->seizures_today, 0, DAY_MAX);
	sv_int(s, "traffic_yday", &b->traffic_yday, 0, DAY_MAX);
	sv_int(s, "seizures_yday", &b->seizures_yday, 0, DAY_MAX);
	sv_i64(s, "bribes_today", &b->bribes_today, 0, MONEY_MAX);
	sv_i64(s, "bribes_yday", &b->bribes_yday, 0, MONEY_MAX);
}

static void visit_corridor(struct sv *s, struct smug_world *w, int i)
{
	struct smug_corridor *k = &w->corridors[i];

	sv_str(s, "id", k->id, sizeof k->id);
	sv_int(s, "a", &k->a, 0, w->n_nodes - 1);
	sv_int(s, "b", &k->b, 0, w->n_nodes - 1);
	sv_int(s, "travel_days", &k->travel_days, 1, 365);
	sv_f(s, "hazard", &k->hazard, 0, 1);
	sv_derived_i(s, "route_weight", k->route_weight);
	sv_derived_i(s, "border", k->border);
	/* customs statistics: written only for corridors that saw traffic */
	sv_sparse(s, "stats", visit_border_stats, &w->border_stats[i]);
	if (sv_reading(s) && sv_ok(s)) {
		char id[sizeof k->id];

		snprintf(id, sizeof id, "%s|%s", w->nodes[k->a].id, w->nodes[k->b].id);
		if (k->a >= k->b || strcmp(id, k->id) != 0)
			sv_fail(s, "id", "'%s' does not match its endpoints", k->id);
	}
}

/* The digest's fast path for a corridor (the journal's periodic checks
 * hash every corridor): the same words as the leaves of visit_corridor
 * and visit_border_stats, in their order, the id as sv_str hashes it. */
static void hash_corridor(struct sv *s, const struct smug_world *w, int i)
{
	const struct smug_corridor *k = &w->corridors[i];
	const struct smug_border_stats *b = &w->border_stats[i];
	unsigned char *p = sv_hash_put(s, 8 + sizeof k->id + 19 * 8);

	p = sv_put_text(p, k->id, sizeof k->id);
	p = put_le64(p, (uint64_t)(int64_t)k->a);
	p = put_le64(p, (uint64_t)(int64_t)k->b);
	p = put_le64(p, (uint64_t)(int64_t)k->travel_days);
	p = put_le64s(p, &k->hazard, 1);
	p = put_le64(p, (uint64_t)(int64_t)k->route_weight);
	p = put_le64(p, (uint64_t)(int64_t)k->border);
	p = put_le64(p, (uint64_t)b->traffic);
	p = put_le64(p, (uint64_t)b->checks);
	p = put_le64(p, (uint64_t)b->inspections);
	p = put_le64(p, (uint64_t)b->detections);
	p = put_le64(p, (uint64_t)b->seizures);
	p = put_le64(p, (uint64_t)b->bribes);
	p = put_le64(p, (uint64_t)b->tariffs);
	p = put_le64(p, (uint64_t)(int64_t)b->traffic_today);
	p = put_le64(p, (uint64_t)(int64_t)b->seizures_today);
	p = put_le64(p, (uint64_t)(int64_t)b->traffic_yday);
	p = put_le64(p, (uint64_t)(int64_t)b->seizures_yday);
	p = put_le64(p, (uint64_t)b->bribes_today);
	p = put_le64(p, (uint64_t)b->bribes_yday);
	sv_hash_put_end(s, p);
}

static void visit_corridors(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "corridors"))
		return;
	sv_count(s, "corridors", &w->n_corridors, CORRIDORS_MAX);
	if (!sv_list(s, "corridors", &w->n_corridors, CORRIDORS_MAX))
		return;
	if (sv_reading(s)) {
		w->corridors = xcalloc((size_t)w->n_corridors, sizeof *w->corridors);
		w->border_stats = xcalloc((size_t)w->n_corridors, sizeof *w->border_stats);
	}
	if (sv_hashing_blocks(s)) {
		for (int i = 0; i < w->n_corridors; i++)
			hash_corridor(s, w, i);
	} else {
		for (int i = 0; i < w->n_corridors && sv_item(s, i); i++) {
			visit_corridor(s, w, i);
			if (i > 0)
				check_sorted(s, w->corridors[i - 1].id, w->corridors[i].id, i);
			sv_end(s);
		}
	}
	sv_end(s);
}

/* ---- factions and their smuggling networks ---- */

/* A corridor and the end it is entered from: the key of an edge statistic. */
static int edge_key(const struct smug_world *w, const struct smug_edge_stats *e)
{
	return 2 * e->corridor + (w->corridors[e->corridor].b == e->from_node);
}

/* The part of an edge statistic that edge_stats and plan_stats share. */
static void visit_edge_belief(struct sv *s, const struct smug_world *w, struct smug_edge_stats *e)
{
	sv_int(s, "corridor", &e->corridor, 0, w->n_corridors - 1);
	sv_int(s, "from_node", &e->from_node, 0, w->n_nodes - 1);
	if (sv_reading(s) && sv_ok(s) && e->from_node != w->corridors[e->corridor].a &&
	    e->from_node != w->corridors[e->corridor].b)
		sv_fail(s, "from_node", "not an end of corridor %d", e->corridor);
	sv_f(s, "risk_est", &e->risk_est, 0, 1);
	sv_f(s, "cost_est", &e->cost_est, 0, 1);
	sv_int(s, "last_update_day", &e->last_update_day, -1, DAY_MAX);
}

static void check_edge_order(struct sv *s, const struct smug_world *w, const struct smug_edge_stats *e,
			     int i, const char *what)
{
	if (sv_reading(s) && sv_ok(s) && i > 0 && edge_key(w, &e[i]) <= edge_key(w, &e[i - 1]))
		sv_fail(s, NULL, "%s must be sorted by corridor and direction", what);
}

/* The words visit_edge_belief hashes, for the digest's fast path. */
static int edge_belief_words(const struct smug_edge_stats *e, uint64_t *v)
{
	v[0] = (uint64_t)(int64_t)e->corridor;
	v[1] = (uint64_t)(int64_t)e->from_node;
	v[2] = sv_f_bits(e->risk_est);
	v[3] = sv_f_bits(e->cost_est);
	v[4] = (uint64_t)(int64_t)e->last_update_day;
	return 5;
}

/* The digest's fast path for a network's two statistics lists (up to
 * border_topk entries each, for every faction): the same words as the
 * leaves below, a block at a time. */
static void hash_edge_stats(struct sv *s, const struct smug_network *n, const struct smug_edge_stats *st, int count,
			    bool full)
{
	uint64_t v[10 * 64];
	int k = 0;

	for (int i = 0; i < count; i++) {
		const struct smug_edge_stats *e = &st[i];

		k += edge_belief_words(e, v + k);
		if (full) {
			v[k++] = (uint64_t)(int64_t)e->uses;
			v[k++] = (uint64_t)e->cal_n;
			v[k++] = (uint64_t)e->cal_fail;
			v[k++] = sv_f_bits(e->cal_risk);
			v[k++] = sv_f_bits(n->preferred_border_weight[i]);
		}
		if (k > (int)(sizeof v / sizeof v[0]) - 10) {
			sv_hash_words(s, v, (size_t)k);
			k = 0;
		}
	}
	sv_hash_words(s, v, (size_t)k);
}

static void visit_edge_stats(struct sv *s, const struct smug_world *w, struct smug_network *n)
{
	int max = SMUG_EDGE_STATS_MAX;

	sv_count(s, "edge_stats", &n->n_edge_stats, max);
	if (!sv_list(s, "edge_stats", &n->n_edge_stats, max))
		return;
	if (sv_hashing_blocks(s)) {
		hash_edge_stats(s, n, n->edge_stats, n->n_edge_stats, true);
	} else {
		for (int i = 0; i < n->n_edge_stats && sv_item(s, i); i++) {
			struct smug_edge_stats *e = &n->edge_stats[i];

			visit_edge_belief(s, w, e);
			sv_int(s, "uses", &e->uses, 0, 2e9);
			sv_i64(s, "cal_n", &e->cal_n, 0, MONEY_MAX);
			sv_i64(s, "cal_fail", &e->cal_fail, 0, MONEY_MAX);
			sv_f(s, "cal_risk", &e->cal_risk, 0, MONEY_MAX);
			sv_f(s, "preferred_weight", &n->preferred_border_weight[i], -1e6, 1e6);
			sv_end(s);
			check_edge_order(s, w, n->edge_stats, i, "edge_stats");
		}
		if (sv_reading(s) && sv_ok(s))
			smuggling_key_stats(w, n);
	}
	sv_end(s);
	sv_count(s, "plan_stats", &n->n_plan_stats, max);
	if (!sv_list(s, "plan_stats", &n->n_plan_stats, max))
		return;
	if (sv_hashing_blocks(s)) {
		hash_edge_stats(s, n, n->plan_stats, n->n_plan_stats, false);
	} else {
		for (int i = 0; i < n->n_plan_stats && sv_item(s, i); i++) {
			visit_edge_belief(s, w, &n->plan_stats[i]);
			sv_end(s);
			check_edge_order(s, w, n->plan_stats, i, "plan_stats");
		}
	}
	sv_end(s);
}

static void visit_recent(struct sv *s, const struct smug_world *w, struct smug_network *n)
{
	sv_count(s, "recent", &n->recent_count, SMUG_RECENT_OUTCOMES);
	if (!sv_list(s, "recent", &n->recent_count, SMUG_RECENT_OUTCOMES))
		return;
	if (sv_reading(s))
		n->recent_head = n->recent_count % SMUG_RECENT_OUTCOMES;
	if (sv_hashing_blocks(s)) {
		/* the digest's fast path: the same words as the leaves below,
		 * oldest first, in one block */
		uint64_t v[6 * SMUG_RECENT_OUTCOMES];
		int k = 0;

		for (int i = 0; i < n->recent_count; i++) {
			const struct smug_recent_outcome *e =
				&n->recent[sv_ring_slot(n->recent_head, n->recent_count, SMUG_RECENT_OUTCOMES, i)];

			v[k++] = (uint64_t)(int64_t)e->day;
			v[k++] = e->shipment;
			v[k++] = (uint64_t)(int64_t)e->commodity;
			v[k++] = (uint64_t)(int64_t)e->outcome;
			v[k++] = (uint64_t)(int64_t)e->at_corridor;
			v[k++] = (uint64_t)e->value;
		}
		sv_hash_words(s, v, (size_t)k);
		sv_end(s);
		return;
	}
	for (int i = 0; i < n->recent_count && sv_item(s, i); i++) {
		struct smug_recent_outcome *e =
			&n->recent[sv_ring_slot(n->recent_head, n->recent_count, SMUG_RECENT_OUTCOMES, i)];

		sv_int(s, "day", &e->day, -1, DAY_MAX);
		sv_u64(s, "shipment", &e->shipment, 0);
		SV_ENUM(s, "commodity", e->commodity, 0, SMUG_COMMODITY_COUNT - 1);
		SV_ENUM(s, "outcome", e->outcome, 0, 4);
		sv_int(s, "at_corridor", &e->at_corridor, -1, w->n_corridors - 1);
		sv_i64(s, "value", &e->value, 0, MONEY_MAX);
		sv_end(s);
	}
	sv_end(s);
}

static void visit_lanes(struct sv *s, const struct smug_world *w, struct smug_network *n)
{
	sv_count(s, "lanes", &n->n_lanes, SMUG_LANE_CAP);
	if (!sv_list(s, "lanes", &n->n_lanes, SMUG_LANE_CAP))
		return;
	if (sv_hashing_blocks(s)) {
		/* the digest's fast path: the same words as the leaves below
		 * (the route as visit_ints hashes it: its length, then its
		 * nodes), a lane at a time */
		for (int i = 0; i < n->n_lanes; i++) {
			const struct smug_lane *ln = &n->lanes[i];
			uint64_t v[5 + SMUG_ROUTE_MAX_NODES];
			int k = 0;

			v[k++] = (uint64_t)(int64_t)ln->commodity;
			v[k++] = (uint64_t)(int64_t)ln->src_ward;
			v[k++] = (uint64_t)(int64_t)ln->dst_ward;
			v[k++] = (uint64_t)(int64_t)ln->route_len;
			for (int j = 0; j < ln->route_len && j < SMUG_ROUTE_MAX_NODES; j++)
				v[k++] = (uint64_t)(int64_t)ln->route_nodes[j];
			v[k++] = (uint64_t)(int64_t)ln->last_day;
			sv_hash_words(s, v, (size_t)k);
		}
		sv_end(s);
		return;
	}
	for (int i = 0; i < n->n_lanes && sv_item(s, i); i++) {
		struct smug_lane *ln = &n->lanes[i];

		SV_ENUM(s, "commodity", ln->commodity, 0, SMUG_COMMODITY_COUNT - 1);
		sv_int(s, "src_ward", &ln->src_ward, 0, w->n_wards - 1);
		sv_int(s, "dst_ward", &ln->dst_ward, 0, w->n_wards - 1);
		visit_ints(s, "route", ln->route_nodes, &ln->route_len, SMUG_ROUTE_MAX_NODES, 0, w->n_nodes - 1);
		sv_int(s, "last_day", &ln->last_day, -1, DAY_MAX);
		sv_end(s);
	}
	if (sv_reading(s) && sv_ok(s))
		smuggling_key_lanes(n);
	sv_end(s);
}

static void visit_network(struct sv *s, const struct smug_world *w, struct smug_network *n)
{
	if (!sv_obj(s, "network"))
		return;
	visit_doubles(s, "commodity_prefs", n->commodity_prefs, SMUG_COMMODITY_COUNT, 0, 1e6);
	sv_f(s, "bribe_budget_fraction", &n->bribe_budget_fraction, 0, 1);
	sv_f(s, "offer_fill", &n->offer_fill, 0, 1);
	sv_f(s, "plan_offer_fill", &n->plan_offer_fill, 0, 1);
	sv_int(s, "last_run_day", &n->last_run_day, -1, DAY_MAX);
	visit_edge_stats(s, w, n);
	visit_recent(s, w, n);
	visit_lanes(s, w, n);
	sv_i64(s, "shipments", &n->shipments, 0, MONEY_MAX);
	sv_i64(s, "delivered", &n->delivered, 0, MONEY_MAX);
	sv_i64(s, "seized", &n->seized, 0, MONEY_MAX);
	sv_i64(s, "lost", &n->lost, 0, MONEY_MAX);
	sv_i64(s, "delayed", &n->delayed, 0, MONEY_MAX);
	sv_i64(s, "bribes_spent", &n->bribes_spent, 0, MONEY_MAX);
	sv_i64(s, "tariffs_paid", &n->tariffs_paid, 0, MONEY_MAX);
	sv_i64(s, "purchases", &n->purchases, 0, MONEY_MAX);
	sv_i64(s, "sales", &n->sales, 0, MONEY_MAX);
	sv_int(s, "in_transit", &n->in_transit, 0, SMUG_SHIPMENT_CAP);
	sv_end(s);
}

static void visit_factions(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "factions"))
		return;
	sv_count(s, "factions", &w->n_factions, SMUG_FACTIONS_MAX);
	if (!sv_list(s, "factions", &w->n_factions, SMUG_FACTIONS_MAX))
		return;
	if (sv_reading(s))
		w->factions = xcalloc((size_t)(w->n_factions ? w->n_factions : 1), sizeof *w->factions);
	for (int i = 0; i < w->n_factions && sv_item(s, i); i++) {
		struct smug_faction *f = &w->factions[i];

		sv_str(s, "id", f->id, sizeof f->id);
		sv_str(s, "name", f->name, sizeof f->name);
		SV_ENUM(s, "kind", f->kind, 0, 3);
		sv_int(s, "home_ward", &f->home_ward, 0, w->n_wards - 1);
		sv_derived_i(s, "account", f->account);
		visit_doubles(s, "profile", f->profile, SMUG_COMMODITY_COUNT, 0, 1e6);
		sv_derived_i(s, "runs_network", f->runs_network);
		sv_i64(s, "initial_balance", &f->initial_balance, 0, MONEY_MAX);
		sv_f(s, "bribe_budget_fraction", &f->bribe_budget_fraction, -1, 1);
		visit_network(s, w, &f->net);
		if (i > 0)
			check_sorted(s, w->factions[i - 1].id, f->id, i);
		sv_end(s);
	}
	sv_end(s);
}

/* ---- money ---- */

/* The digest's fast path for the ledger's journal: the same words as the
 * leaves of visit_ledger, oldest first, a block at a time. The ring is
 * walked as (at most two) runs of consecutive slots, so the inner loop
 * has no wrap test and no flush test. */
static void hash_journal(struct sv *s, const struct smug_ledger *l)
{
	enum { BLOCK = 128 };
	uint64_t v[6 * BLOCK];
	int slot = sv_ring_slot(l->journal_head, l->journal_count, SMUG_JOURNAL_CAP, 0);

	for (int left = l->journal_count; left > 0;) {
		int n = left < BLOCK ? left : BLOCK;

		if (n > SMUG_JOURNAL_CAP - slot)
			n = SMUG_JOURNAL_CAP - slot;
		for (int i = 0; i < n; i++) {
			const struct smug_tx *t = &l->journal[slot + i];
			uint64_t *o = v + 6 * i;

			o[0] = (uint64_t)(int64_t)t->day;
			o[1] = t->seq;
			o[2] = (uint64_t)(int64_t)t->from;
			o[3] = (uint64_t)(int64_t)t->to;
			o[4] = (uint64_t)t->amount;
			o[5] = (uint64_t)(int64_t)t->reason;
		}
		sv_hash_words(s, v, (size_t)(6 * n));
		slot += n;
		if (slot == SMUG_JOURNAL_CAP)
			slot = 0;
		left -= n;
	}
}

static void visit_ledger(struct sv *s, struct smug_world *w)
{
	struct smug_ledger *l = &w->ledger;

	if (!sv_group(s, "ledger"))
		return;
	/* the accounts and every index into the map are derived from what
	 * came before: rebuild them before the balances are read */
	if (sv_reading(s) && sv_ok(s))
		world_index(w);
	if (!sv_obj(s, "ledger"))
		return;
	sv_derived_i(s, "accounts.length", l->n_accounts);
	if (sv_list_n(s, "balances", l->n_accounts)) {
		if (sv_hashing_blocks(s)) {
			/* the digest's fast path: the leaves below, the derived
			 * id as sv_str hashes it (two accounts a ward) */
			for (int i = 0; i < l->n_accounts; i++) {
				unsigned char *p = sv_hash_put(s, 16 + sizeof l->accounts[i].id);

				p = sv_put_text(p, l->accounts[i].id, sizeof l->accounts[i].id);
				sv_hash_put_end(s, put_le64(p, (uint64_t)l->accounts[i].balance));
			}
		} else {
			for (int i = 0; i < l->n_accounts; i++) {
				sv_derived_s(s, "id", l->accounts[i].id);
				sv_i64(s, NULL, &l->accounts[i].balance, 0, SV_INT_LIMIT);
			}
		}
		sv_end(s);
	}
	sv_derived_i(s, "blackmarket", l->blackmarket);
	sv_derived_i(s, "treasury", l->treasury);
	sv_count(s, "journal", &l->journal_count, SMUG_JOURNAL_CAP);
	if (sv_list(s, "journal", &l->journal_count, SMUG_JOURNAL_CAP)) {
		if (sv_reading(s))
			l->journal_head = l->journal_count % SMUG_JOURNAL_CAP;
		if (sv_hashing_blocks(s)) {
			hash_journal(s, l);
		} else {
			for (int i = 0; i < l->journal_count && sv_item(s, i); i++) {
				struct smug_tx *t = &l->journal[sv_ring_slot(l->journal_head, l->journal_count,
									    SMUG_JOURNAL_CAP, i)];

				sv_int(s, "day", &t->day, -1, DAY_MAX);
				sv_u32(s, "seq", &t->seq);
				sv_int(s, "from", &t->from, -1, l->n_accounts - 1);
				sv_int(s, "to", &t->to, -1, l->n_accounts - 1);
				sv_i64(s, "amount", &t->amount, 1, SV_INT_LIMIT);
				SV_ENUM(s, "reason", t->reason, 0, SMUG_TX_REASON_COUNT - 1);
				sv_end(s);
			}
		}
		sv_end(s);
	}
	sv_u32(s, "day_seq", &l->day_seq);
	sv_int(s, "day_seq_day", &l->day_seq_day, -1, DAY_MAX);
	sv_i64(s, "minted", &l->minted, 0, SV_INT_LIMIT);
	sv_i64(s, "burned", &l->burned, 0, SV_INT_LIMIT);
	sv_i64(s, "initial_total", &l->initial_total, 0, SV_INT_LIMIT);
	visit_i64s(s, "by_reason", l->by_reason, SMUG_TX_REASON_COUNT, 0, SV_INT_LIMIT);
	sv_end(s);
}

/* ---- shipments in transit ---- */

static void visit_shipment(struct sv *s, const struct smug_world *w, struct smug_shipment *p)
{
	int hops;

	sv_u64(s, "id", &p->id, 1);
	sv_int(s, "faction", &p->faction, 0, w->n_factions - 1);
	SV_ENUM(s, "commodity", p->commodity, 0, SMUG_COMMODITY_COUNT - 1);
	sv_int(s, "units", &p->units, 1, 1e6);
	sv_i64(s, "value", &p->value, 0, MONEY_MAX);
	sv_i64(s, "sale_price", &p->sale_price, 0, MONEY_MAX);
	sv_int(s, "src_ward", &p->src_ward, 0, w->n_wards - 1);
	sv_int(s, "dst_ward", &p->dst_ward, 0, w->n_wards - 1);
	visit_ints(s, "nodes", p->nodes, &p->n_nodes, SMUG_ROUTE_MAX_NODES, 0, w->n_nodes - 1);
	hops = p->n_nodes > 1 ? p->n_nodes - 1 : 0;
	if (sv_list_n(s, "hops", hops)) {
		for (int j = 0; j < hops && sv_item(s, j); j++) {
			sv_int(s, "corridor", &p->corridors[j], 0, w->n_corridors - 1);
			sv_i64(s, "cost", &p->hop_cost[j], 0, MONEY_MAX);
			sv_f(s, "plan_risk", &p->plan_risk[j], 0, 1);
			sv_end(s);
		}
		sv_end(s);
	}
	sv_bool(s, "explore", &p->explore);
	sv_int(s, "hop", &p->hop, 0, SMUG_ROUTE_MAX_NODES - 2);
	sv_int(s, "days_left", &p->days_left, 0, 1e6);
	sv_int(s, "created_day", &p->created_day, 0, DAY_MAX);
	sv_int(s, "delays", &p->delays, 0, 1e6);
	sv_i64(s, "bribe_budget_total", &p->bribe_budget_total, 0, MONEY_MAX);
	sv_count(s, "bribe_map", &p->n_bribes, SMUG_ROUTE_MAX_NODES - 1);
	if (sv_list(s, "bribe_map", &p->n_bribes, SMUG_ROUTE_MAX_NODES - 1)) {
		for (int j = 0; j < p->n_bribes && sv_item(s, j); j++) {
			sv_int(s, "corridor", &p->bribe_map[j].corridor, 0, w->n_corridors - 1);
			sv_i64(s, "amount", &p->bribe_map[j].amount, 0, MONEY_MAX);
			sv_end(s);
		}
		sv_end(s);
	}
	sv_i64(s, "bribes_paid", &p->bribes_paid, 0, MONEY_MAX);
	sv_i64(s, "tariffs_paid", &p->tariffs_paid, 0, MONEY_MAX);
	sv_i64(s, "purchase", &p->purchase, 0, MONEY_MAX);
	SV_ENUM(s, "status", p->status, 0, 4);
	sv_int(s, "resolved_corridor", &p->resolved_corridor, -1, w->n_corridors - 1);
	if (sv_reading(s) && sv_ok(s) && (p->n_nodes < 2 || p->hop > p->n_nodes - 2))
		sv_fail(s, "hop", "outside its route");
}

static void visit_shipments(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "shipments"))
		return;
	sv_count(s, "shipments", &w->n_shipments, SMUG_SHIPMENT_CAP);
	if (sv_list(s, "shipments", &w->n_shipments, SMUG_SHIPMENT_CAP)) {
		if (sv_reading(s))
			shipments_init(w, w->n_shipments, false);
		for (int i = 0; i < w->n_shipments && sv_item(s, i); i++) {
			visit_shipment(s, w, &w->shipment_slots[w->in_transit[i]]);
			sv_end(s);
		}
		sv_end(s);
	}
	sv_u64(s, "next_shipment_id", &w->next_shipment_id, 1);
}

/* ---- enforcement ---- */

static void visit_crackdowns(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "crackdowns"))
		return;
	sv_count(s, "crackdowns", &w->n_crackdowns, SMUG_CRACKDOWN_CAP);
	if (sv_list(s, "crackdowns", &w->n_crackdowns, SMUG_CRACKDOWN_CAP)) {
		for (int i = 0; i < w->n_crackdowns && sv_item(s, i); i++) {
			struct smug_crackdown *k = &w->crackdowns[i];

			SV_ENUM(s, "kind", k->kind, 0, 1);
			sv_int(s, "corridor", &k->corridor, 0, w->n_corridors - 1);
			sv_f(s, "intensity", &k->intensity, SMUG_INTENSITY_MIN, 1);
			sv_int(s, "start_day", &k->start_day, 0, DAY_MAX);
			sv_int(s, "end_day", &k->end_day, -1, DAY_MAX);
			sv_bool(s, "manual", &k->manual);
			sv_bool(s, "exploration", &k->exploration);
			sv_end(s);
			if (sv_reading(s) && sv_ok(s) && i > 0 && k->corridor <= w->crackdowns[i - 1].corridor)
				sv_fail(s, NULL, "crackdowns must be sorted by corridor");
		}
		sv_end(s);
	}
	sv_count(s, "cooldowns", &w->n_cooldowns, SMUG_COOLDOWN_CAP);
	if (sv_list(s, "cooldowns", &w->n_cooldowns, SMUG_COOLDOWN_CAP)) {
		for (int i = 0; i < w->n_cooldowns && sv_item(s, i); i++) {
			sv_int(s, "corridor", &w->cooldowns[i].corridor, 0, w->n_corridors - 1);
			sv_int(s, "until_day", &w->cooldowns[i].until_day, 0, DAY_MAX);
			sv_end(s);
		}
		sv_end(s);
	}
}

/* ---- telemetry ---- */

static void visit_history(struct sv *s, struct smug_telemetry *t)
{
	sv_count(s, "history", &t->history_count, SMUG_HISTORY_DAYS);
	if (!sv_list(s, "history", &t->history_count, SMUG_HISTORY_DAYS))
		return;
	if (sv_reading(s))
		t->history_head = t->history_count % SMUG_HISTORY_DAYS;
	for (int i = 0; i < t->history_count && sv_item(s, i); i++) {
		struct smug_day_record *e =
			&t->history[sv_ring_slot(t->history_head, t->history_count, SMUG_HISTORY_DAYS, i)];

		sv_int(s, "day", &e->day, 0, DAY_MAX);
		visit_counters(s, "c", &e->c);
		sv_int(s, "in_transit", &e->in_transit, 0, SMUG_SHIPMENT_CAP);
		sv_int(s, "crackdowns_manual", &e->crackdowns_manual, 0, SMUG_CRACKDOWN_CAP);
		sv_int(s, "crackdowns_auto", &e->crackdowns_auto, 0, SMUG_CRACKDOWN_CAP);
		sv_end(s);
	}
	sv_end(s);
}

/* What an event's text is formatted from, beyond its record's fields
 * (smug_event_text): its flags, then its route or its money, count and
 * figures, as its kind uses them. */
static void visit_event_text(struct sv *s, const struct smug_world *w, struct smug_event *e)
{
	int flags = (int)e->flags;
	const char *why;

	sv_int(s, "flags", &flags, 0, SMUG_EVF_ALL);
	e->flags = (unsigned)flags;
	if (event_has_route(e)) {
		visit_ints(s, "route", e->u.route.nodes, &e->u.route.n, SMUG_EVENT_ROUTE_NODES, 0, w->n_nodes - 1);
	} else {
		sv_i64(s, "money", &e->u.v.money, 0, MONEY_MAX);
		sv_int(s, "count", &e->u.v.count, 0, DAY_MAX);
		if (event_figures(e) > 0)
			visit_doubles(s, "figures", e->u.v.figure, event_figures(e), 0, MONEY_MAX);
	}
	if (sv_reading(s) && sv_ok(s) && (why = event_text_fields(w, e)) != NULL)
		sv_fail(s, "kind", "%s", why);
}

static void visit_events(struct sv *s, const struct smug_world *w, struct smug_telemetry *t)
{
	sv_count(s, "events", &t->event_count, SMUG_EVENT_CAP);
	sv_u64(s, "events_total", &t->events_total, 0);
	if (sv_hashing(s)) {
		/* up to 100,000 events: the digest takes their keyed sum, which
		 * telemetry.c keeps up as events come and go (every field of
		 * every event is in it) */
		uint64_t sum = telemetry_events_digest(t);

		sv_hash_words(s, &sum, 1);
		return;
	}
	if (!sv_list(s, "events", &t->event_count, SMUG_EVENT_CAP))
		return;
	if (sv_reading(s)) {
		t->event_head = t->event_count % SMUG_EVENT_CAP;
		telemetry_events_room(t, t->event_count);
	}
	for (int i = 0; i < t->event_count && sv_item(s, i); i++) {
		struct smug_event *e = &t->events[sv_ring_slot(t->event_head, t->event_count, SMUG_EVENT_CAP, i)];

		sv_int(s, "day", &e->day, 0, DAY_MAX);
		SV_ENUM(s, "kind", e->kind, 0, SMUG_EVENT_KIND_COUNT - 1);
		sv_int(s, "faction", &e->faction, -1, w->n_factions - 1);
		sv_int(s, "corridor", &e->corridor, -1, w->n_corridors - 1);
		sv_u64(s, "shipment", &e->shipment, 0);
		sv_int(s, "commodity", &e->commodity, -1, SMUG_COMMODITY_COUNT - 1);
		sv_i64(s, "amount", &e->amount, -MONEY_MAX, MONEY_MAX);
		sv_int(s, "src_ward", &e->src_ward, -1, w->n_wards - 1);
		sv_int(s, "dst_ward", &e->dst_ward, -1, w->n_wards - 1);
		visit_event_text(s, w, e);
		sv_end(s);
	}
	sv_end(s);
	if (sv_reading(s))
		telemetry_events_rehash(t);
}

static void visit_plan_counters(struct sv *s, struct smug_plan_counters *c)
{
	if (!sv_obj(s, "plan"))
		return;
	sv_i64(s, "days", &c->days, 0, MONEY_MAX);
	sv_i64(s, "decisions", &c->decisions, 0, MONEY_MAX);
	sv_i64(s, "sent", &c->sent, 0, MONEY_MAX);
	sv_i64(s, "explored", &c->explored, 0, MONEY_MAX);
	visit_i64s(s, "skipped", c->skipped, SMUG_SKIP_COUNT, 0, MONEY_MAX);
	sv_i64(s, "cap_days", &c->cap_days, 0, MONEY_MAX);
	sv_i64(s, "budget_days", &c->budget_days, 0, MONEY_MAX);
	sv_i64(s, "budget_short_days", &c->budget_short_days, 0, MONEY_MAX);
	sv_end(s);
}

struct rows {
	double *v;
	int n, cap;
};

static void collect_row(void *ctx, const double *v, int n)
{
	struct rows *r = ctx;

	if (r->n + n > r->cap) {
		r->cap = r->cap ? 2 * r->cap : 4096;
		while (r->n + n > r->cap)
			r->cap *= 2;
		r->v = xrealloc(r->v, (size_t)r->cap * sizeof *r->v);
	}
	memcpy(r->v + r->n, v, (size_t)n * sizeof *v);
	r->n += n;
}

/* The cockpit's windows and chart history: per kind, telemetry.c's rows
 * flattened into one list of numbers (telemetry.c says what each row
 * holds and checks it when read). */
static void visit_windows(struct sv *s, struct smug_world *w)
{
	if (!sv_obj(s, "windows"))
		return;
	for (int k = 0; k < TEL_ROW_COUNT && sv_ok(s); k++) {
		enum tel_row kind = (enum tel_row)k;
		const char *name = telemetry_row_name(kind);
		int len = telemetry_row_len(kind), n = 0;
		struct rows r = {NULL, 0, 0};
		double row[64];

		if (!sv_reading(s))
			telemetry_rows(w, kind, collect_row, &r);
		n = r.n;
		sv_count(s, name, &n, 1 << 24);
		if (sv_hashing_blocks(s)) { /* the rows' numbers by their bits, as sv_f hashes them */
			for (int i = 0; i < n; i++) {
				uint64_t bits = sv_f_bits(r.v[i]);

				sv_hash_words(s, &bits, 1);
			}
		} else if (sv_packing(s)) { /* the same bytes as sv_f packs them, in one copy */
			sv_pack_f_array(s, r.v, (size_t)n);
		} else if (sv_list(s, name, &n, 1 << 24)) {
			if (sv_reading(s) && n % len != 0)
				sv_fail(s, NULL, "expected rows of %d numbers, got %d numbers", len, n);
			for (int i = 0; i < n && sv_ok(s); i++) {
				double v = sv_reading(s) ? 0 : r.v[i];

				sv_f(s, NULL, &v, -SV_INT_LIMIT, SV_INT_LIMIT);
				if (!sv_reading(s) || !sv_ok(s))
					continue;
				row[i % len] = v;
				if (i % len == len - 1) {
					const char *why = telemetry_row_set(w, kind, i / len, row, len);

					if (why)
						sv_fail(s, NULL, "row %d: %s", i / len, why);
				}
			}
			sv_end(s);
		}
		free(r.v);
	}
	sv_end(s);
}

/* The rolling TopK window: its non-empty day buckets, oldest first. */
static void visit_topk_window(struct sv *s, struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;
	int order[SMUG_TOPK_WINDOW_MAX], n = 0, prev = -1, first = 0;

	if (!sv_reading(s))
		for (int d = w->day - t->n_topk_days + 1; d <= w->day; d++)
			if (d >= 0 && t->topk_days[d % t->n_topk_days].day == d)
				order[n++] = d % t->n_topk_days;
	sv_count(s, "topk_window", &n, SMUG_TOPK_WINDOW_MAX);
	if (!sv_list(s, "topk_window", &n, SMUG_TOPK_WINDOW_MAX))
		return;
	for (int i = 0; i < n && sv_item(s, i); i++) {
		struct smug_topk_day *b = sv_reading(s) ? NULL : &t->topk_days[order[i]];
		int day = b ? b->day : 0;

		sv_int(s, "day", &day, 0, DAY_MAX);
		if (i == 0)
			first = day;
		if (sv_reading(s) && sv_ok(s)) {
			if (day <= prev) /* the window's span: smug_world_check */
				sv_fail(s, "day", "%d does not follow day %d", day, prev);
			else
				b = telemetry_topk_day(w, first, day);
		}
		prev = day;
		if (!sv_ok(s))
			break;
		sv_count(s, "routes", &b->n_routes, SMUG_SHIPMENTS_PER_DAY_MAX);
		if (sv_list(s, "routes", &b->n_routes, SMUG_SHIPMENTS_PER_DAY_MAX)) {
			for (int k = 0; k < b->n_routes && sv_item(s, k); k++) {
				visit_route_key(s, w, &b->routes[k].route);
				sv_int(s, "count", &b->routes[k].count, 1, DAY_MAX);
				sv_end(s);
			}
			sv_end(s);
		}
		sv_count(s, "borders", &b->n_borders, SMUG_TOUCHED_CAP);
		if (sv_list(s, "borders", &b->n_borders, SMUG_TOUCHED_CAP)) {
			for (int k = 0; k < b->n_borders && sv_item(s, k); k++) {
				sv_int(s, "corridor", &b->borders[k].corridor, 0, w->n_corridors - 1);
				sv_int(s, "traffic", &b->borders[k].traffic, 1, DAY_MAX);
				sv_end(s);
			}
			sv_end(s);
		}
		sv_end(s);
	}
	sv_end(s);
}

static void visit_telemetry(struct sv *s, struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;

	if (!sv_group(s, "telemetry"))
		return;
	if (sv_reading(s))
		telemetry_alloc(w); /* the event ring, windows and charts live on the heap */
	if (!sv_obj(s, "telemetry"))
		return;
	visit_counters(s, "total", &t->total);
	visit_counters(s, "today", &t->today);
	visit_plan_counters(s, &t->plan);
	visit_history(s, t);
	visit_events(s, w, t);
	visit_topk(s, "hot_routes", &t->hot_routes, false, SMUG_ROUTE_TALLY - 1, NULL);
	visit_topk(s, "hot_borders", &t->hot_borders, true, w->n_corridors - 1, w);
	visit_topk(s, "faction_success", &t->faction_success, true, w->n_factions - 1, NULL);
	visit_ints(s, "touched", t->touched, &t->n_touched, SMUG_TOUCHED_CAP, 0, w->n_corridors - 1);
	visit_ints(s, "touched_yday", t->touched_yday, &t->n_touched_yday, SMUG_TOUCHED_CAP, 0,
		   w->n_corridors - 1);
	visit_windows(s, w);
	visit_topk_window(s, w);
	/* the all-time route tally, in slot order (eviction takes the first
	 * least-counted slot) */
	sv_count(s, "route_tally", &t->n_routes, SMUG_ROUTE_TALLY);
	if (sv_list(s, "route_tally", &t->n_routes, SMUG_ROUTE_TALLY)) {
		for (int i = 0; i < t->n_routes && sv_item(s, i); i++) {
			visit_route_key(s, w, &t->routes[i].route);
			sv_i64(s, "count", &t->routes[i].count, 1, MONEY_MAX);
			sv_end(s);
		}
		sv_end(s);
	}
	sv_end(s);
}

/* ---- planning: enforcement capacity, demand and source TopK wards ---- */

static void visit_ward_list(struct sv *s, const char *key, const struct smug_world *w, int *wards,
			    struct smug_driver_terms *terms, int *n)
{
	sv_count(s, key, n, SMUG_WARD_TOPK_MAX);
	if (!sv_list(s, key, n, SMUG_WARD_TOPK_MAX))
		return;
	for (int i = 0; i < *n && sv_item(s, i); i++) {
		sv_int(s, "ward", &wards[i], 0, w->n_wards - 1);
		visit_terms(s, "terms", &terms[i]);
		sv_end(s);
	}
	sv_end(s);
}

static void visit_planning(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "planning"))
		return;
	sv_derived_f(s, "enforcement_capacity", w->enforcement_capacity);
	if (sv_list_n(s, "ward_topk", SMUG_COMMODITY_COUNT)) {
		for (int c = 0; c < SMUG_COMMODITY_COUNT && sv_item(s, c); c++) {
			visit_ward_list(s, "demand", w, w->demand_ward[c], w->demand_terms[c], &w->n_demand[c]);
			visit_ward_list(s, "source", w, w->source_ward[c], w->source_terms[c], &w->n_source[c]);
			sv_end(s);
		}
		sv_end(s);
	}
	sv_int(s, "ward_cursor", &w->ward_cursor, 0, w->n_wards - 1);
}

/* ---- explain: the last day's decisions and the summary ring ---- */

static void visit_decision(struct sv *s, const struct smug_world *w, struct smug_decision *d)
{
	sv_int(s, "day", &d->day, 0, DAY_MAX);
	sv_int(s, "faction", &d->faction, 0, w->n_factions - 1);
	SV_ENUM(s, "commodity", d->commodity, 0, SMUG_COMMODITY_COUNT - 1);
	sv_int(s, "src_ward", &d->src_ward, -1, w->n_wards - 1);
	sv_int(s, "dst_ward", &d->dst_ward, -1, w->n_wards - 1);
	visit_terms(s, "demand", &d->demand);
	visit_terms(s, "source", &d->source);
	sv_i64(s, "value", &d->value, 0, MONEY_MAX);
	sv_i64(s, "bribe_budget", &d->bribe_budget, 0, SV_INT_LIMIT);
	sv_int(s, "n_cand", &d->n_cand, 0, SMUG_ROUTE_TOPK_MAX);
	sv_int(s, "winner", &d->winner, -1, d->n_cand - 1);
	sv_int(s, "runner", &d->runner, -1, d->n_cand - 1);
	sv_f(s, "winner_score", &d->winner_score, 0, 1e15);
	sv_f(s, "margin", &d->margin, 0, 1e15);
	visit_ints(s, "route", d->route, &d->route_len, SMUG_ROUTE_MAX_NODES, 0, w->n_nodes - 1);
	sv_int(s, "route_borders", &d->route_borders, 0, SMUG_ROUTE_MAX_NODES);
	sv_str(s, "skipped", d->skipped, sizeof d->skipped);
	SV_ENUM(s, "skip", d->skip, 0, SMUG_SKIP_COUNT - 1);
	sv_int(s, "chosen", &d->chosen, -1, d->n_cand - 1);
	sv_bool(s, "explore", &d->explore);
	sv_f(s, "explore_score", &d->explore_score, 0, 1e15);
	sv_u64(s, "shipment", &d->shipment, 0);
	sv_i64(s, "bribe_total", &d->bribe_total, 0, MONEY_MAX);
	sv_f(s, "expected_profit", &d->expected_profit, -1e15, 1e15);
}

static void visit_explain(struct sv *s, struct smug_world *w)
{
	if (!sv_group(s, "decisions"))
		return;
	sv_count(s, "decisions", &w->n_decisions, SMUG_SHIPMENTS_PER_DAY_MAX);
	sv_int(s, "decisions_day", &w->decisions_day, -1, DAY_MAX);
	if (sv_list(s, "decisions", &w->n_decisions, SMUG_SHIPMENTS_PER_DAY_MAX)) {
		for (int i = 0; i < w->n_decisions && sv_item(s, i); i++) {
			visit_decision(s, w, &w->decisions[i]);
			sv_end(s);
		}
		sv_end(s);
	}
	sv_count(s, "explain_history", &w->explain_count, SMUG_EXPLAIN_HISTORY);
	if (sv_list(s, "explain_history", &w->explain_count, SMUG_EXPLAIN_HISTORY)) {
		if (sv_reading(s))
			w->explain_head = w->explain_count % SMUG_EXPLAIN_HISTORY;
		for (int i = 0; i < w->explain_count && sv_item(s, i); i++) {
			struct smug_decision_summary *e =
				&w->explain_hist[sv_ring_slot(w->explain_head, w->explain_count,
							      SMUG_EXPLAIN_HISTORY, i)];

			sv_int(s, "day", &e->day, 0, DAY_MAX);
			sv_int(s, "faction", &e->faction, 0, w->n_factions - 1);
			SV_ENUM(s, "commodity", e->commodity, 0, SMUG_COMMODITY_COUNT - 1);
			sv_int(s, "src_ward", &e->src_ward, -1, w->n_wards - 1);
			sv_int(s, "dst_ward", &e->dst_ward, -1, w->n_wards - 1);
			sv_int(s, "n_cand", &e->n_cand, 0, SMUG_ROUTE_TOPK_MAX);
			sv_f(s, "winner_score", &e->winner_score, 0, 1e15);
			sv_f(s, "margin", &e->margin, 0, 1e15);
			sv_u64(s, "shipment", &e->shipment, 0);
			sv_end(s);
		}
		sv_end(s);
	}
	sv_i64(s, "route_evals_today", &w->route_evals_today, 0, SV_INT_LIMIT);
	sv_int(s, "max_route_evals_per_decision", &w->max_route_evals_per_decision, 0, SMUG_ROUTE_TOPK_MAX);
}

void state_visit(struct sv *s, struct smug_world *w)
{
	visit_identity(s, w);
	visit_config(s, &w->cfg);
	visit_commodities(s, w);
	visit_wards(s, w);
	visit_nodes(s, w);
	visit_corridors(s, w);
	visit_factions(s, w);
	visit_ledger(s, w);
	visit_shipments(s, w);
	visit_crackdowns(s, w);
	visit_telemetry(s, w);
	visit_planning(s, w);
	visit_explain(s, w);
}
