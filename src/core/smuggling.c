/* Smuggling networks (spec §4–§8): demand/source TopK wards, the daily
 * plan (commodity → source/demand wards → TopK candidate routes scored
 * from the faction's edge_stats → winner), strategic bribe allocation,
 * shipment creation, learning on resolution and drift toward priors.
 * Invariants: per day at most max_shipments_per_day shipments and at most
 * route_topk candidates scored per decision; edge_stats ≤ border_topk,
 * sorted by corridor; no step scans all wards or corridors per shipment. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define WARD_SLICE 64 /* wards re-scored per day besides the current TopK */

/* ---- demand and source scores ---- */

static struct smug_driver_terms demand_terms(const struct smug_world *w, int ward,
					     enum smug_commodity c)
{
	const struct smug_commodity_def *d = &w->commodities[c];
	const struct smug_signals *s = &w->wards[ward].sig;
	struct smug_driver_terms t = {{0}, 0};

	t.term[0] = d->demand_w_tolerance * s->smuggling_tolerance;
	t.term[1] = d->demand_w_shortage * s->shortage[d->related_good];
	t.term[2] = d->demand_w_corruption * s->corruption;
	t.term[3] = d->demand_w_raider * s->raider_influence;
	t.term[4] = d->demand_w_war * s->war_pressure;
	for (int i = 0; i < SMUG_DEMAND_TERMS; i++)
		t.score += t.term[i];
	return t;
}

static struct smug_driver_terms source_terms(const struct smug_world *w, int ward,
					     enum smug_commodity c)
{
	const struct smug_commodity_def *d = &w->commodities[c];
	const struct smug_signals *s = &w->wards[ward].sig;
	struct smug_driver_terms t = {{0}, 0};

	t.term[0] = d->source_w_raider * s->raider_influence;
	t.term[1] = d->source_w_precursor * s->precursor_output;
	t.term[2] = d->source_w_blackmarket * s->blackmarket_flow;
	for (int i = 0; i < SMUG_SOURCE_TERMS; i++)
		t.score += t.term[i];
	return t;
}

/* Insert (ward, terms) into a TopK list ordered by score desc, ward asc. */
static void ward_topk_insert(int *wards, struct smug_driver_terms *terms, int *n,
			     int k, int ward, const struct smug_driver_terms *t)
{
	int at;

	for (int i = 0; i < *n; i++)
		if (wards[i] == ward)
			return;
	at = *n;
	while (at > 0 && (terms[at - 1].score < t->score ||
			  (terms[at - 1].score == t->score && wards[at - 1] > ward)))
		at--;
	if (at >= k)
		return;
	if (*n < k)
		(*n)++;
	for (int i = *n - 1; i > at; i--) {
		wards[i] = wards[i - 1];
		terms[i] = terms[i - 1];
	}
	wards[at] = ward;
	terms[at] = *t;
}

/* Re-score the current TopK members and a round-robin slice of wards. On
 * worlds of up to WARD_SLICE wards this is a full refresh every day; on
 * larger ones the lists converge over n/WARD_SLICE days at bounded cost. */
void smuggling_refresh_wards(struct smug_world *w)
{
	int k = w->cfg.smuggling.ward_topk;
	int slice = w->n_wards < WARD_SLICE ? w->n_wards : WARD_SLICE;

	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		int dw[SMUG_WARD_TOPK_MAX], sw[SMUG_WARD_TOPK_MAX];
		struct smug_driver_terms dt[SMUG_WARD_TOPK_MAX], st[SMUG_WARD_TOPK_MAX];
		int nd = 0, ns = 0;
		struct smug_driver_terms t;

		for (int i = 0; i < w->n_demand[c]; i++) {
			t = demand_terms(w, w->demand_ward[c][i], (enum smug_commodity)c);
			ward_topk_insert(dw, dt, &nd, k, w->demand_ward[c][i], &t);
		}
		for (int i = 0; i < w->n_source[c]; i++) {
			t = source_terms(w, w->source_ward[c][i], (enum smug_commodity)c);
			ward_topk_insert(sw, st, &ns, k, w->source_ward[c][i], &t);
		}
		for (int i = 0; i < slice; i++) {
			int ward = (w->ward_cursor + i) % w->n_wards;

			t = demand_terms(w, ward, (enum smug_commodity)c);
			ward_topk_insert(dw, dt, &nd, k, ward, &t);
			t = source_terms(w, ward, (enum smug_commodity)c);
			ward_topk_insert(sw, st, &ns, k, ward, &t);
		}
		memcpy(w->demand_ward[c], dw, sizeof dw);
		memcpy(w->demand_terms[c], dt, sizeof dt);
		w->n_demand[c] = nd;
		memcpy(w->source_ward[c], sw, sizeof sw);
		memcpy(w->source_terms[c], st, sizeof st);
		w->n_source[c] = ns;
	}
	if (w->n_wards > 0)
		w->ward_cursor = (w->ward_cursor + slice) % w->n_wards;
}

/* ---- edge statistics ---- */

static int stats_search(const struct smug_edge_stats *st, int n, int corridor)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (st[mid].corridor == corridor)
			return mid;
		if (st[mid].corridor < corridor)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -(lo + 1);
}

static int stats_index(const struct smug_network *n, int corridor)
{
	return stats_search(n->edge_stats, n->n_edge_stats, corridor);
}

struct smug_edge_stats *network_find_stats(struct smug_network *n, int corridor)
{
	int i = stats_index(n, corridor);

	return i >= 0 ? &n->edge_stats[i] : NULL;
}

static void stats_remove(struct smug_network *n, int i)
{
	int tail = n->n_edge_stats - i - 1;

	memmove(&n->edge_stats[i], &n->edge_stats[i + 1], (size_t)tail * sizeof n->edge_stats[0]);
	memmove(&n->preferred_border_weight[i], &n->preferred_border_weight[i + 1],
		(size_t)tail * sizeof n->preferred_border_weight[0]);
	n->n_edge_stats--;
}

/* Find or create the statistics of a corridor, starting from its prior;
 * when full, the least recently updated entry goes (ties: smaller id). */
static struct smug_edge_stats *network_touch(const struct smug_world *w,
					     struct smug_network *n, int corridor,
					     int from_node)
{
	int i = stats_index(n, corridor);
	int cap = w->cfg.smuggling.border_topk;

	if (i >= 0)
		return &n->edge_stats[i];
	while (n->n_edge_stats >= cap) {
		int victim = 0;

		for (int j = 1; j < n->n_edge_stats; j++)
			if (n->edge_stats[j].last_update_day < n->edge_stats[victim].last_update_day)
				victim = j; /* sorted by corridor: first minimum = smallest id */
		stats_remove(n, victim);
	}
	i = -stats_index(n, corridor) - 1;
	memmove(&n->edge_stats[i + 1], &n->edge_stats[i],
		(size_t)(n->n_edge_stats - i) * sizeof n->edge_stats[0]);
	memmove(&n->preferred_border_weight[i + 1], &n->preferred_border_weight[i],
		(size_t)(n->n_edge_stats - i) * sizeof n->preferred_border_weight[0]);
	n->n_edge_stats++;
	n->edge_stats[i] = (struct smug_edge_stats){
		.corridor = corridor,
		.risk_est = smuggling_prior_risk(w, corridor, from_node),
		.cost_est = smuggling_prior_cost(w, corridor, from_node),
		.last_update_day = -1,
		.uses = 0,
		.last_from_node = from_node,
	};
	n->preferred_border_weight[i] = 0;
	return &n->edge_stats[i];
}

/* Published seizure odds of entering the destination's customs
 * (inspection × detection, before crackdowns, which smugglers learn by
 * experience); for a plain corridor the loss share of its hazard. */
double smuggling_prior_risk(const struct smug_world *w, int corridor, int from_node)
{
	const struct smug_corridor *k = &w->corridors[corridor];
	const struct smug_customs_config *cc = &w->cfg.customs;
	const struct smug_ward *dest;

	if (!k->border)
		return clamp01(0.4 * k->hazard);
	dest = &w->wards[smug_corridor_dest_ward(w, corridor, from_node)];
	return clamp01(clamp01(cc->base_inspection_rate * (1.0 + dest->customs.inspection_bias)) *
		       clamp01(cc->contraband_detection_base * (1.0 + dest->customs.contraband_bias) *
			       (1.0 - 0.5 * dest->sig.corruption)));
}

double smuggling_prior_cost(const struct smug_world *w, int corridor, int from_node)
{
	const struct smug_corridor *k = &w->corridors[corridor];
	const struct smug_ward *dest;
	double bias;

	if (!k->border)
		return 0.0;
	dest = &w->wards[smug_corridor_dest_ward(w, corridor, from_node)];
	bias = 1.0 + dest->customs.tariff_bias;
	return clamp01(w->cfg.customs.base_tariff_rate * (bias > 0 ? bias : 0));
}

bool smuggling_estimate(const struct smug_world *w, const struct smug_edge_stats *stats, int n,
			int corridor, int from, double *risk, double *cost)
{
	int i = stats_search(stats, n, corridor);

	if (i >= 0) {
		*risk = stats[i].risk_est;
		*cost = stats[i].cost_est;
		return true;
	}
	*risk = smuggling_prior_risk(w, corridor, from);
	*cost = smuggling_prior_cost(w, corridor, from);
	return false;
}

/* ---- the plan's estimate memo (not state) ----
 * Estimates do not change while the day's plan is made, and the day's
 * candidate routes share most of their edges, so each faction's estimate
 * of a directed corridor is looked up once per plan: slot 2c is corridor c
 * entered from its node a, 2c+1 from node b. At the start of a plan each
 * faction's own statistics (at most border_topk) are written into its
 * slots; any other slot is the public prior, itself computed once per plan
 * for all factions. Slots are stamped with a generation number, so nothing
 * is cleared between plans and the cost follows the edges looked at. */
struct memo_slot {
	uint32_t gen;
	double risk, cost;
};

struct smug_plan_memo {
	uint32_t gen;
	int n_slots;
	/* running sums of the candidate being scored, per route edge, so a
	 * later candidate sharing a prefix starts where that prefix ended */
	double cum_loss[SMUG_ROUTE_TOPK_MAX][SMUG_ROUTE_MAX_NODES];
	double cum_cost[SMUG_ROUTE_TOPK_MAX][SMUG_ROUTE_MAX_NODES];
	int cum_to[SMUG_ROUTE_TOPK_MAX]; /* cum_*[i][e] valid for e < cum_to[i] */
	struct memo_slot *prior;		    /* [n_slots], shared */
	struct memo_slot *slots[SMUG_FACTIONS_MAX]; /* allocated on first use */
};

void plan_memo_free(struct smug_plan_memo *m)
{
	if (m == NULL)
		return;
	for (int f = 0; f < SMUG_FACTIONS_MAX; f++)
		free(m->slots[f]);
	free(m->prior);
	free(m);
}

static struct memo_slot *memo_slots(struct smug_plan_memo *m, int f)
{
	if (m->slots[f] == NULL)
		m->slots[f] = xcalloc((size_t)(m->n_slots ? m->n_slots : 1), sizeof *m->slots[f]);
	return m->slots[f];
}

static int memo_slot_of(const struct smug_world *w, int corridor, int from)
{
	return 2 * corridor + (w->corridors[corridor].a == from ? 0 : 1);
}

static struct smug_plan_memo *plan_memo_begin(struct smug_world *w)
{
	struct smug_plan_memo *m = w->plan_memo;

	if (m == NULL || m->n_slots != 2 * w->n_corridors) {
		plan_memo_free(m);
		m = xcalloc(1, sizeof *m);
		m->n_slots = 2 * w->n_corridors;
		m->prior = xcalloc((size_t)(m->n_slots ? m->n_slots : 1), sizeof *m->prior);
		w->plan_memo = m;
	}
	if (++m->gen == 0) { /* wrapped: forget every stamp */
		for (int f = 0; f < SMUG_FACTIONS_MAX; f++)
			if (m->slots[f])
				memset(m->slots[f], 0, (size_t)m->n_slots * sizeof *m->slots[f]);
		memset(m->prior, 0, (size_t)m->n_slots * sizeof *m->prior);
		m->gen = 1;
	}
	return m;
}

/* Write faction f's own statistics into its slots, both directions. */
static void memo_seed(const struct smug_world *w, struct smug_plan_memo *m, int f)
{
	const struct smug_network *n = &w->factions[f].net;
	struct memo_slot *slots = memo_slots(m, f);

	for (int i = 0; i < n->n_edge_stats; i++) {
		const struct smug_edge_stats *st = &n->edge_stats[i];
		struct memo_slot x = {m->gen, st->risk_est, st->cost_est};

		slots[2 * st->corridor] = x;
		slots[2 * st->corridor + 1] = x;
	}
}

/* A slot the faction has no statistics for: the public prior. */
static void memo_fill(const struct smug_world *w, struct smug_plan_memo *m, struct memo_slot *x,
		      int slot)
{
	struct memo_slot *p = &m->prior[slot];
	int corridor = slot >> 1;
	int from = slot & 1 ? w->corridors[corridor].b : w->corridors[corridor].a;

	if (p->gen != m->gen) {
		p->risk = smuggling_prior_risk(w, corridor, from);
		p->cost = smuggling_prior_cost(w, corridor, from);
		p->gen = m->gen;
	}
	*x = *p;
}

static const struct memo_slot *memo_estimate(const struct smug_world *w,
					     struct smug_plan_memo *m, int f, int corridor,
					     int from)
{
	int slot = memo_slot_of(w, corridor, from);
	struct memo_slot *x = &memo_slots(m, f)[slot];

	if (x->gen != m->gen)
		memo_fill(w, m, x, slot);
	return x;
}

void smuggling_learn(struct smug_world *w, const struct smug_shipment *s)
{
	struct smug_network *n = &w->factions[s->faction].net;
	double lr = w->cfg.smuggling.learning_rate;
	int last = s->status == SMUG_OUTCOME_DELIVERED ? s->n_nodes - 2 : s->hop;

	for (int h = 0; h <= last && h < s->n_nodes - 1; h++) {
		int c = s->corridors[h];
		bool failed = s->status != SMUG_OUTCOME_DELIVERED && h == s->hop;
		struct smug_edge_stats *st = network_touch(w, n, c, s->nodes[h]);
		double observed_cost = s->value > 0 ? (double)s->hop_cost[h] / (double)s->value : 0;

		st->risk_est = clamp01(st->risk_est + lr * ((failed ? 1.0 : 0.0) - st->risk_est));
		if (w->corridors[c].border)
			st->cost_est = clamp01(st->cost_est + lr * (clamp01(observed_cost) - st->cost_est));
		st->last_update_day = w->day;
		st->last_from_node = s->nodes[h];
		st->uses++;
	}
}

void smuggling_drift(struct smug_world *w)
{
	double a = w->cfg.smuggling.prior_drift;

	for (int f = 0; f < w->n_factions; f++) {
		struct smug_network *n = &w->factions[f].net;

		if (!w->factions[f].runs_network)
			continue;
		for (int i = 0; i < n->n_edge_stats; i++) {
			struct smug_edge_stats *st = &n->edge_stats[i];

			if (st->last_update_day == w->day)
				continue;
			st->risk_est += a * (smuggling_prior_risk(w, st->corridor, st->last_from_node) -
					     st->risk_est);
			st->cost_est += a * (smuggling_prior_cost(w, st->corridor, st->last_from_node) -
					     st->cost_est);
			n->preferred_border_weight[i] *= 1.0 - a;
		}
	}
}

/* ---- the daily plan ---- */

struct plan_item {
	int decision;		 /* index into w->decisions */
	int faction;
	struct route_path path;	 /* the winner */
	int64_t value, sale;
	int64_t bribe[SMUG_ROUTE_MAX_NODES - 1]; /* per corridor of path */
};

struct plan {
	struct plan_item items[SMUG_SHIPMENTS_PER_DAY_MAX];
	int n;
	int64_t committed[SMUG_FACTIONS_MAX]; /* cargo bought today, minor units */
	struct smug_plan_memo *memo;
};

static int pick_weighted(const struct smug_driver_terms *terms, const int *wards, int n,
			 int exclude, double u)
{
	double total = 0, acc = 0;
	int last = -1;

	for (int i = 0; i < n; i++)
		if (wards[i] != exclude && terms[i].score > 0)
			total += terms[i].score;
	if (total <= 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (wards[i] == exclude || terms[i].score <= 0)
			continue;
		acc += terms[i].score;
		last = i;
		if (u * total < acc)
			return i;
	}
	return last;
}

struct cand_score {
	double loss, cost, score;
};

/* A candidate's expected loss and cost and its score, summed edge by edge
 * in route order exactly as smug_explain_decision() sums them. Scores
 * only grow edge by edge (every term is >= 0), so once the running
 * score reaches `bound` (the runner-up's score so far) the candidate can
 * be neither winner nor runner-up and is left unfinished: *pruned is set
 * and the score returned is a lower bound. The explanation rebuilds every
 * candidate in full. */
static struct cand_score score_candidate(const struct smug_world *w, struct smug_plan_memo *m,
					 int f, const struct route_scan *sc, int i, int64_t value,
					 double penalty, double bound, bool *pruned)
{
	const struct route_scan_path *p = &sc->p[i];
	const int *slot = sc->slot + p->first;
	double v = (double)value, pen1 = 1.0 + penalty;
	double travel = w->cfg.smuggling.travel_weight * (double)p->travel_days * v;
	struct cand_score r = {0, 0, 0};
	struct memo_slot *slots = memo_slots(m, f);
	double *cl = m->cum_loss[i], *cc = m->cum_cost[i];
	int e = 0;

	*pruned = false;
	/* the shared prefix: the same edges in the same order were summed
	 * already, so the running sums are the same to the bit */
	if (p->lcp_len > 0 && m->cum_to[p->lcp_from] >= p->lcp_len) {
		e = p->lcp_len;
		r.loss = m->cum_loss[p->lcp_from][e - 1];
		r.cost = m->cum_cost[p->lcp_from][e - 1];
	}
	m->cum_to[i] = e; /* entries below the shared prefix are the parent's */
	for (; e < p->n_edges; e++) {
		struct memo_slot *x = &slots[slot[e]];

		if (x->gen != m->gen)
			memo_fill(w, m, x, slot[e]);
		r.loss += x->risk * v * pen1;
		r.cost += x->cost * v;
		cl[e] = r.loss;
		cc[e] = r.cost;
		if (r.loss + r.cost + travel >= bound) {
			m->cum_to[i] = e + 1;
			*pruned = true;
			r.score = r.loss + r.cost + travel;
			return r;
		}
	}
	m->cum_to[i] = p->n_edges;
	r.score = r.loss + r.cost + travel;
	return r;
}

static bool same_route(const int *a, int na, const int *b, int nb)
{
	return na == nb && memcmp(a, b, (size_t)na * sizeof a[0]) == 0;
}

/* The edge of the old route, absent from the new one, whose estimate
 * weighs most: the one that moved the choice. */
static int moved_edge(const struct smug_world *w, struct smug_network *n,
		      const struct smug_lane *lane, const struct route_path *now,
		      double *risk)
{
	int best = -1;
	double best_w = -1;

	for (int i = 0; i + 1 < lane->route_len; i++) {
		int a = lane->route_nodes[i], b = lane->route_nodes[i + 1];
		int c = -1;
		bool shared = false;
		double wt;
		const struct smug_edge_stats *st;

		for (int j = 0; j < w->nodes[a].adj_count; j++)
			if (w->adj[w->nodes[a].adj_first + j].node == b)
				c = w->adj[w->nodes[a].adj_first + j].corridor;
		if (c < 0)
			continue;
		for (int j = 0; j + 1 < now->n_nodes; j++)
			shared |= now->corridors[j] == c;
		if (shared)
			continue;
		st = network_find_stats(n, c);
		wt = st ? st->risk_est + st->cost_est
			: smuggling_prior_risk(w, c, a) + smuggling_prior_cost(w, c, a);
		if (wt > best_w) {
			best_w = wt;
			best = c;
			*risk = st ? st->risk_est : smuggling_prior_risk(w, c, a);
		}
	}
	return best;
}

static void lane_record(struct smug_world *w, int f, enum smug_commodity c, int src,
			int dst, const struct route_path *p)
{
	struct smug_network *n = &w->factions[f].net;
	struct smug_lane *lane = NULL;

	for (int i = 0; i < n->n_lanes; i++)
		if (n->lanes[i].commodity == c && n->lanes[i].src_ward == src &&
		    n->lanes[i].dst_ward == dst)
			lane = &n->lanes[i];
	if (lane && !same_route(lane->route_nodes, lane->route_len, p->nodes, p->n_nodes)) {
		char now[256];
		double risk = 0;
		int edge = moved_edge(w, n, lane, p, &risk);
		struct smug_event *ev;

		smug_route_format(w, p->nodes, p->n_nodes, now, sizeof now);
		ev = telemetry_event(w, SMUG_EV_ROUTE_UPDATE, f, edge, 0, (int)c, 0);
		if (edge >= 0)
			snprintf(ev->detail, sizeof ev->detail, "%.38s %.3f %.20s->%.20s",
				 w->corridors[edge].id, risk, w->wards[src].id, w->wards[dst].id);
		else
			snprintf(ev->detail, sizeof ev->detail, "%.20s->%.20s now %.40s",
				 w->wards[src].id, w->wards[dst].id, now);
	}
	if (lane == NULL) {
		if (n->n_lanes < SMUG_LANE_CAP) {
			lane = &n->lanes[n->n_lanes++];
		} else {
			lane = &n->lanes[0];
			for (int i = 1; i < n->n_lanes; i++)
				if (n->lanes[i].last_day < lane->last_day)
					lane = &n->lanes[i];
		}
		lane->commodity = c;
		lane->src_ward = src;
		lane->dst_ward = dst;
	}
	memcpy(lane->route_nodes, p->nodes, (size_t)p->n_nodes * sizeof p->nodes[0]);
	lane->route_len = p->n_nodes;
	lane->last_day = w->day;
}

/* One decision: source, demand, candidates, winner. Returns true when a
 * shipment is planned (added to plan). */
static bool plan_decision(struct smug_world *w, struct plan *pl, int f, int turn,
			  enum smug_commodity c, int64_t budget)
{
	struct smug_faction *fa = &w->factions[f];
	const struct smug_commodity_def *def = &w->commodities[c];
	struct smug_decision *d = &w->decisions[w->n_decisions++];
	const struct route_path *paths;
	const struct route_scan *scan;
	struct cand_score best = {0, 0, 0};
	int si, di, np, src, dst;
	int64_t balance = w->ledger.accounts[fa->account].balance;

	d->day = w->day;
	d->faction = f;
	d->commodity = c;
	d->src_ward = d->dst_ward = -1;
	d->n_cand = 0;
	d->winner = d->runner = -1;
	d->winner_score = d->margin = 0;
	d->route_len = d->route_borders = 0;
	d->skipped[0] = '\0';
	d->shipment = 0;
	d->bribe_total = 0;
	d->expected_profit = 0;
	d->bribe_budget = budget;
	memset(&d->demand, 0, sizeof d->demand);
	memset(&d->source, 0, sizeof d->source);
	d->value = (int64_t)def->units_per_shipment * def->value_density;

	si = pick_weighted(w->source_terms[c], w->source_ward[c], w->n_source[c], -1,
			   draw_u01(w, "pick-source", w->day, (uint64_t)f, (uint64_t)c, (uint64_t)turn));
	if (si < 0) {
		snprintf(d->skipped, sizeof d->skipped, "no source ward for %s", smug_commodity_name(c));
		return false;
	}
	src = w->source_ward[c][si];
	d->src_ward = src;
	d->source = w->source_terms[c][si];
	di = pick_weighted(w->demand_terms[c], w->demand_ward[c], w->n_demand[c], src,
			   draw_u01(w, "pick-demand", w->day, (uint64_t)f, (uint64_t)c, (uint64_t)turn));
	if (di < 0) {
		str_copy(d->skipped, sizeof d->skipped, "no demand ward apart from the source");
		return false;
	}
	dst = w->demand_ward[c][di];
	d->dst_ward = dst;
	d->demand = w->demand_terms[c][di];

	np = route_candidates_scan(w, w->wards[src].gate_node, w->wards[dst].gate_node,
				   w->cfg.smuggling.route_topk, &paths, &scan);
	if (np > w->cfg.smuggling.route_topk)
		np = w->cfg.smuggling.route_topk;
	w->route_evals_today += np;
	if (np > w->max_route_evals_per_decision)
		w->max_route_evals_per_decision = np;
	{
		struct cand_score second = {0, 0, 0};

		/* winner: smallest score, equal scores keep the smaller route
		 * id; runner-up likewise among the others */
		for (int i = 0; i < np; i++) {
			bool pruned;
			struct cand_score sc = score_candidate(
				w, pl->memo, f, scan, i, d->value, def->seizure_penalty,
				d->runner >= 0 ? second.score : INFINITY, &pruned);

			if (pruned)
				continue; /* score >= the runner-up's: changes nothing */
			if (d->winner < 0 || sc.score < best.score) {
				d->runner = d->winner;
				second = best;
				d->winner = i;
				best = sc;
			} else if (d->runner < 0 || sc.score < second.score) {
				d->runner = i;
				second = sc;
			}
		}
		d->n_cand = np;
		if (np == 0) {
			str_copy(d->skipped, sizeof d->skipped, "no route between the wards");
			return false;
		}
		d->winner_score = best.score;
		d->margin = d->runner >= 0 ? second.score - best.score : 0;
		{
			const struct route_path *p = &paths[d->winner];

			memcpy(d->route, p->nodes, (size_t)p->n_nodes * sizeof p->nodes[0]);
			d->route_len = p->n_nodes;
			for (int e = 0; e + 1 < p->n_nodes; e++)
				d->route_borders += w->corridors[p->corridors[e]].border;
		}
	}
	{
		int64_t sale = d->value + (int64_t)((double)d->value * def->sale_markup *
						    clamp01(d->demand.score));

		d->expected_profit = (double)(sale - d->value) - best.loss - best.cost;
		if (d->expected_profit <= 0) {
			str_copy(d->skipped, sizeof d->skipped,
				 "expected loss and cost exceed the margin");
			return false;
		}
		if (balance - pl->committed[f] < d->value) {
			str_copy(d->skipped, sizeof d->skipped, "cannot afford the cargo");
			return false;
		}
		if (w->n_shipments + pl->n >= SMUG_SHIPMENT_CAP) {
			str_copy(d->skipped, sizeof d->skipped, "too many shipments in transit");
			return false;
		}
		pl->committed[f] += d->value;
		pl->items[pl->n] = (struct plan_item){
			.decision = w->n_decisions - 1,
			.faction = f,
			.path = paths[d->winner],
			.value = d->value,
			.sale = sale,
		};
		pl->n++;
	}
	return true;
}

/* Spread one faction's budget over the borders its chosen routes cross:
 * border_priority = traffic_weight × (1 − risk_est) × bribe_tolerance ×
 * smuggling_tolerance, proportional, each border capped at
 * bribe_cap_fraction × the value crossing it; a shipment's share follows
 * its cargo value. */
static void allocate_bribes(struct smug_world *w, struct plan *pl, int f, int64_t budget)
{
	struct border_use {
		int corridor;
		double traffic, value, priority;
		int64_t alloc;
	} use[SMUG_SHIPMENTS_PER_DAY_MAX * 4];
	int nu = 0, cap_use = (int)(sizeof use / sizeof use[0]);
	struct smug_network *n = &w->factions[f].net;
	double total = 0;

	for (int i = 0; i < pl->n; i++) {
		struct plan_item *it = &pl->items[i];

		if (it->faction != f)
			continue;
		for (int e = 0; e + 1 < it->path.n_nodes; e++) {
			int c = it->path.corridors[e], u;

			if (!w->corridors[c].border)
				continue;
			for (u = 0; u < nu && use[u].corridor != c; u++)
				;
			if (u == nu) {
				const struct smug_ward *dest =
					&w->wards[smug_corridor_dest_ward(w, c, it->path.nodes[e])];
				double risk = memo_estimate(w, pl->memo, f, c, it->path.nodes[e])->risk;

				if (nu == cap_use)
					continue;
				use[nu] = (struct border_use){c, 0, 0, 0, 0};
				use[nu].priority = (1.0 - risk) * dest->customs.bribe_tolerance *
						   dest->sig.smuggling_tolerance;
				nu++;
			}
			use[u].traffic += 1;
			use[u].value += (double)it->value;
		}
	}
	for (int u = 0; u < nu; u++) {
		use[u].priority *= use[u].traffic;
		total += use[u].priority;
	}
	if (total <= 0 || budget <= 0)
		return;
	for (int u = 0; u < nu; u++) {
		double share = (double)budget * use[u].priority / total;
		double cap = w->cfg.smuggling.bribe_cap_fraction * use[u].value;

		use[u].alloc = (int64_t)(share < cap ? share : cap);
		{
			struct smug_edge_stats *st = network_find_stats(n, use[u].corridor);

			if (st) {
				int k = (int)(st - n->edge_stats);

				n->preferred_border_weight[k] +=
					w->cfg.smuggling.prior_drift * 10.0 *
					(use[u].priority / total - n->preferred_border_weight[k]);
			}
		}
	}
	for (int i = 0; i < pl->n; i++) {
		struct plan_item *it = &pl->items[i];

		if (it->faction != f)
			continue;
		for (int e = 0; e + 1 < it->path.n_nodes; e++) {
			int c = it->path.corridors[e];

			for (int u = 0; u < nu; u++)
				if (use[u].corridor == c && use[u].value > 0)
					it->bribe[e] = (int64_t)((double)use[u].alloc *
								 (double)it->value / use[u].value);
		}
	}
}

static int cmp_bribe(const void *a, const void *b)
{
	const struct smug_bribe_entry *x = a, *y = b;

	return (x->corridor > y->corridor) - (x->corridor < y->corridor);
}

static void create_shipment(struct smug_world *w, struct plan_item *it)
{
	struct smug_decision *d = &w->decisions[it->decision];
	struct smug_faction *fa = &w->factions[it->faction];
	struct smug_shipment ship, *s = &ship;
	struct smug_event *ev;
	struct sbuf sb;
	char route[256];
	int64_t paid;

	memset(s, 0, sizeof *s);
	s->id = w->next_shipment_id;
	s->faction = it->faction;
	s->commodity = d->commodity;
	s->units = w->commodities[d->commodity].units_per_shipment;
	s->value = it->value;
	s->sale_price = it->sale;
	s->src_ward = d->src_ward;
	s->dst_ward = d->dst_ward;
	memcpy(s->nodes, it->path.nodes, sizeof s->nodes);
	memcpy(s->corridors, it->path.corridors, sizeof s->corridors);
	s->n_nodes = it->path.n_nodes;
	s->hop = 0;
	s->days_left = s->n_nodes > 1 ? w->corridors[s->corridors[0]].travel_days : 0;
	s->created_day = w->day;
	s->status = SMUG_OUTCOME_IN_TRANSIT;
	s->resolved_corridor = -1;
	for (int e = 0; e + 1 < s->n_nodes; e++) {
		if (it->bribe[e] <= 0)
			continue;
		s->bribe_map[s->n_bribes].corridor = s->corridors[e];
		s->bribe_map[s->n_bribes].amount = it->bribe[e];
		s->bribe_budget_total += it->bribe[e];
		s->n_bribes++;
	}
	qsort(s->bribe_map, (size_t)s->n_bribes, sizeof s->bribe_map[0], cmp_bribe);

	paid = ledger_post(&w->ledger, w->day, fa->account, w->ledger.blackmarket, s->value,
			   SMUG_TX_CARGO_PURCHASE);
	if (paid < s->value) {
		/* Cannot happen after the affordability check; refund and skip. */
		ledger_post(&w->ledger, w->day, w->ledger.blackmarket, fa->account, paid,
			    SMUG_TX_CARGO_PURCHASE);
		str_copy(d->skipped, sizeof d->skipped, "cargo purchase failed");
		return;
	}
	s->purchase = paid;
	if (!logistics_add(w, s)) {
		ledger_post(&w->ledger, w->day, w->ledger.blackmarket, fa->account, paid,
			    SMUG_TX_CARGO_PURCHASE);
		str_copy(d->skipped, sizeof d->skipped, "too many shipments in transit");
		return;
	}
	w->next_shipment_id++;
	d->shipment = s->id;
	d->bribe_total = s->bribe_budget_total;
	fa->net.shipments++;
	fa->net.purchases += paid;
	fa->net.in_transit++;
	w->tel.today.shipments_created++;
	w->tel.today.profit -= paid;
	smug_route_format(w, s->nodes, s->n_nodes, route, sizeof route);
	topk_add(&w->tel.hot_routes, route, -1, 1.0);
	ev = telemetry_shipment_event(w, SMUG_EV_SHIPMENT_CREATED, s, -1, s->value);
	sb_init(&sb, ev->detail, sizeof ev->detail);
	sb_str(&sb, w->wards[s->src_ward].id, 20);
	sb_str(&sb, "->", 2);
	sb_str(&sb, w->wards[s->dst_ward].id, 20);
	sb_str(&sb, " ", 1);
	sb_int(&sb, s->n_nodes - 1);
	sb_str(&sb, " hops, bribes ", SIZE_MAX);
	sb_money(&sb, s->bribe_budget_total);
	lane_record(w, it->faction, s->commodity, s->src_ward, s->dst_ward, &it->path);
}

static int rank_commodities(const struct smug_world *w, const struct smug_network *n,
			    enum smug_commodity *out)
{
	int k = 0, cap = w->cfg.smuggling.commodity_topk;

	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		int at;

		if (!(n->commodity_prefs[c] > 0))
			continue;
		at = k++;
		while (at > 0 && n->commodity_prefs[out[at - 1]] < n->commodity_prefs[c]) {
			out[at] = out[at - 1];
			at--;
		}
		out[at] = (enum smug_commodity)c;
	}
	return k < cap ? k : cap;
}

void smuggling_plan(struct smug_world *w)
{
	struct plan *pl = xmalloc(sizeof *pl); /* items are written whole when added */
	int active[SMUG_FACTIONS_MAX], na = 0;
	int64_t budget[SMUG_FACTIONS_MAX];
	enum smug_commodity ranked[SMUG_FACTIONS_MAX][SMUG_COMMODITY_COUNT];
	int nranked[SMUG_FACTIONS_MAX];
	int cap = w->cfg.smuggling.max_shipments_per_day;

	w->n_decisions = 0;
	w->decisions_day = w->day;
	w->route_evals_today = 0;
	pl->n = 0;
	memset(pl->committed, 0, sizeof pl->committed);
	pl->memo = plan_memo_begin(w);
	for (int f = 0; f < w->n_factions && na < w->cfg.smuggling.max_active_factions; f++) {
		struct smug_faction *fa = &w->factions[f];

		if (!fa->runs_network)
			continue;
		memcpy(fa->net.plan_stats, fa->net.edge_stats,
		       (size_t)fa->net.n_edge_stats * sizeof fa->net.edge_stats[0]);
		fa->net.n_plan_stats = fa->net.n_edge_stats;
		memo_seed(w, pl->memo, f);
		active[na] = f;
		budget[na] = (int64_t)((double)w->ledger.accounts[fa->account].balance *
				       fa->net.bribe_budget_fraction);
		nranked[na] = rank_commodities(w, &fa->net, ranked[na]);
		na++;
	}
	/* Round-robin turns: each active faction in id order takes its next
	 * commodity by preference until the day's cap is reached. */
	for (int turn = 0; turn < cap && pl->n < cap; turn++) {
		bool any = false;

		for (int i = 0; i < na && pl->n < cap; i++) {
			int f = active[i];

			if (nranked[i] == 0 || w->n_decisions >= SMUG_SHIPMENTS_PER_DAY_MAX)
				continue;
			any = true;
			plan_decision(w, pl, f, turn, ranked[i][turn % nranked[i]], budget[i]);
		}
		if (!any)
			break;
	}
	for (int i = 0; i < na; i++)
		allocate_bribes(w, pl, active[i], budget[i]);
	for (int i = 0; i < pl->n; i++)
		create_shipment(w, &pl->items[i]);
	for (int i = 0; i < w->n_decisions; i++)
		explain_record(w, &w->decisions[i]);
	for (int i = 0; i < na; i++)
		w->factions[active[i]].net.last_run_day = w->day;
	free(pl);
}
