/* Smuggling networks (spec §4–§8): demand/source TopK wards, the daily
 * plan (commodity → source/demand wards → TopK candidate routes scored
 * from the faction's beliefs → winner, or now and then an exploration
 * pick), strategic bribe allocation, shipments queued for logistics,
 * learning from the day's resolutions and drift toward calibrated priors.
 * Invariants: per day at most max_shipments_per_day shipments and at most
 * route_topk candidates scored per decision; edge_stats ≤ border_topk,
 * one per directed edge, sorted by key; no step scans all wards or
 * corridors per shipment. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define WARD_SLICE 64 /* wards re-scored per day besides the current TopK */

/* ---- demand and source scores ---- */

/* The terms and their score (returned too): a caller that wants only the
 * score passes a local it never reads, and the inlined stores vanish. */
static inline double demand_terms(const struct smug_world *w, int ward, enum smug_commodity c,
				  struct smug_driver_terms *t)
{
	const struct smug_commodity_def *d = &w->commodities[c];
	const struct smug_signals *s = &w->wards[ward].sig;

	t->term[0] = d->demand_w_tolerance * s->smuggling_tolerance;
	t->term[1] = d->demand_w_shortage * s->shortage[d->related_good];
	t->term[2] = d->demand_w_corruption * s->corruption;
	t->term[3] = d->demand_w_raider * s->raider_influence;
	t->term[4] = d->demand_w_war * s->war_pressure;
	t->score = 0;
	for (int i = 0; i < SMUG_DEMAND_TERMS; i++)
		t->score += t->term[i];
	return t->score;
}

static inline double source_terms(const struct smug_world *w, int ward, enum smug_commodity c,
				  struct smug_driver_terms *t)
{
	const struct smug_commodity_def *d = &w->commodities[c];
	const struct smug_signals *s = &w->wards[ward].sig;

	for (size_t i = SMUG_SOURCE_TERMS; i < sizeof t->term / sizeof t->term[0]; i++)
		t->term[i] = 0;
	t->term[0] = d->source_w_raider * s->raider_influence;
	t->term[1] = d->source_w_precursor * s->precursor_output;
	t->term[2] = d->source_w_blackmarket * s->blackmarket_flow;
	t->score = 0;
	for (int i = 0; i < SMUG_SOURCE_TERMS; i++)
		t->score += t->term[i];
	return t->score;
}

/* Whether (ward, score) ranks above entry i of a TopK list (score desc,
 * ward asc). */
static inline bool ward_outranks(const int *wards, const struct smug_driver_terms *terms, int i,
				 int ward, double score)
{
	return terms[i].score < score || (terms[i].score == score && wards[i] > ward);
}

/* Insert (ward, terms) into a TopK list ordered by score desc, ward asc
 * (the caller inserts each ward once). A full list whose last entry
 * outranks the ward is left as it is before any call. */
static void ward_topk_insert_at(int *wards, struct smug_driver_terms *terms, int *n,
				int k, int ward, const struct smug_driver_terms *t)
{
	int at = *n;

	while (at > 0 && ward_outranks(wards, terms, at - 1, ward, t->score))
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

/* Whether a ward of this score gets into the list: the list has room, or
 * its last entry ranks below the ward. */
static inline bool ward_topk_admits(const int *wards, const struct smug_driver_terms *terms, int n,
				    int k, int ward, double score)
{
	return n < k || (n > 0 && ward_outranks(wards, terms, n - 1, ward, score));
}

typedef double ward_terms_fn(const struct smug_world *w, int ward, enum smug_commodity c,
			     struct smug_driver_terms *t);

/* Offer a ward to commodity c's demand or source list (terms is
 * demand_terms or source_terms). Most offers are turned away, so the
 * score is computed alone first (the terms stay in registers) and the
 * terms are built, the same way, only for a ward that gets in. */
static inline void ward_offer(const struct smug_world *w, ward_terms_fn *terms_of, int ward,
			      enum smug_commodity c, int *wards, struct smug_driver_terms *terms, int *n,
			      int k)
{
	struct smug_driver_terms probe, t;

	if (ward_topk_admits(wards, terms, *n, k, ward, terms_of(w, ward, c, &probe))) {
		terms_of(w, ward, c, &t);
		ward_topk_insert_at(wards, terms, n, k, ward, &t);
	}
}

/* Re-score the current TopK members and a round-robin slice of wards. On
 * worlds of up to WARD_SLICE wards this is a full refresh every day; on
 * larger ones the lists converge over n/WARD_SLICE days at bounded cost.
 * Each ward is scored and inserted once per list (marked in `seen`): a
 * ward inserted before, and pushed out since, is outranked by k others
 * and would be pushed out again, so the lists are the TopK of the members
 * and the slice, whatever the order; the members go first because they
 * are most of the result, so few of the slice's wards get in. */
/* The day's new demand and source lists of every commodity, built in
 * scratch and written back when complete. */
struct ward_lists {
	int dw[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX], sw[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX];
	struct smug_driver_terms dt[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX];
	struct smug_driver_terms st[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX];
	int nd[SMUG_COMMODITY_COUNT], ns[SMUG_COMMODITY_COUNT];
};

/* Each list takes its current members first (scored afresh), as one list
 * at a time would; seen[ward] marks them: bit 2c = in commodity c's
 * demand list, bit 2c + 1 = in its source list. */
static void ward_lists_keep_members(struct smug_world *w, struct ward_lists *L, unsigned short *seen, int k)
{
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		unsigned dbit = 1u << (2 * c), sbit = 2u << (2 * c);

		for (int i = 0; i < w->n_demand[c]; i++) {
			int ward = w->demand_ward[c][i];

			if (!(seen[ward] & dbit)) {
				seen[ward] |= (unsigned short)dbit;
				ward_offer(w, demand_terms, ward, (enum smug_commodity)c, L->dw[c], L->dt[c],
					   &L->nd[c], k);
			}
		}
		for (int i = 0; i < w->n_source[c]; i++) {
			int ward = w->source_ward[c][i];

			if (!(seen[ward] & sbit)) {
				seen[ward] |= (unsigned short)sbit;
				ward_offer(w, source_terms, ward, (enum smug_commodity)c, L->sw[c], L->st[c],
					   &L->ns[c], k);
			}
		}
	}
}

/* A ward of the day's slice offered to every list it is not in (marks):
 * its signals are read once for every commodity, each score summed as
 * demand_terms() and source_terms() sum it, term by term in the same
 * order; the terms are built only for a ward that gets in. */
static void ward_lists_offer(struct smug_world *w, struct ward_lists *L, int ward, unsigned marks, int k)
{
	const struct smug_signals *sg = &w->wards[ward].sig;
	const double tol = sg->smuggling_tolerance, corr = sg->corruption;
	const double raider = sg->raider_influence, war = sg->war_pressure;
	const double precursor = sg->precursor_output, flow = sg->blackmarket_flow;

	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		const struct smug_commodity_def *d = &w->commodities[c];
		struct smug_driver_terms t;

		if (!(marks & (1u << (2 * c)))) {
			double t0 = d->demand_w_tolerance * tol;
			double t1 = d->demand_w_shortage * sg->shortage[d->related_good];
			double t2 = d->demand_w_corruption * corr;
			double t3 = d->demand_w_raider * raider;
			double t4 = d->demand_w_war * war;
			double score = 0;

			score += t0;
			score += t1;
			score += t2;
			score += t3;
			score += t4;
			if (ward_topk_admits(L->dw[c], L->dt[c], L->nd[c], k, ward, score)) {
				demand_terms(w, ward, (enum smug_commodity)c, &t);
				ward_topk_insert_at(L->dw[c], L->dt[c], &L->nd[c], k, ward, &t);
			}
		}
		if (!(marks & (2u << (2 * c)))) {
			double t0 = d->source_w_raider * raider;
			double t1 = d->source_w_precursor * precursor;
			double t2 = d->source_w_blackmarket * flow;
			double score = 0;

			score += t0;
			score += t1;
			score += t2;
			if (ward_topk_admits(L->sw[c], L->st[c], L->ns[c], k, ward, score)) {
				source_terms(w, ward, (enum smug_commodity)c, &t);
				ward_topk_insert_at(L->sw[c], L->st[c], &L->ns[c], k, ward, &t);
			}
		}
	}
}

void smuggling_refresh_wards(struct smug_world *w)
{
	_Static_assert(2 * SMUG_COMMODITY_COUNT <= 16, "a ward's marks fit 16 bits");
	int k = w->cfg.smuggling.ward_topk;
	int slice = w->n_wards < WARD_SLICE ? w->n_wards : WARD_SLICE;
	int start = w->n_wards > 0 ? w->ward_cursor % w->n_wards : 0;
	unsigned short *seen = xcalloc((size_t)(w->n_wards ? w->n_wards : 1), sizeof *seen);
	struct ward_lists L;

	memset(L.nd, 0, sizeof L.nd);
	memset(L.ns, 0, sizeof L.ns);
	ward_lists_keep_members(w, &L, seen, k);
	/* then the slice in order; it holds each ward at most once, so it
	 * needs no marks of its own */
	for (int i = 0; i < slice; i++) {
		int ward = start + i < w->n_wards ? start + i : start + i - w->n_wards;

		ward_lists_offer(w, &L, ward, seen[ward], k);
	}
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		memcpy(w->demand_ward[c], L.dw[c], (size_t)L.nd[c] * sizeof L.dw[c][0]);
		memcpy(w->demand_terms[c], L.dt[c], (size_t)L.nd[c] * sizeof L.dt[c][0]);
		w->n_demand[c] = L.nd[c];
		memcpy(w->source_ward[c], L.sw[c], (size_t)L.ns[c] * sizeof L.sw[c][0]);
		memcpy(w->source_terms[c], L.st[c], (size_t)L.ns[c] * sizeof L.st[c][0]);
		w->n_source[c] = L.ns[c];
	}
	free(seen);
	if (w->n_wards > 0)
		w->ward_cursor = (w->ward_cursor + slice) % w->n_wards;
}

/* ---- beliefs: priors, statistics, estimates ----
 * A faction's belief about a directed edge (a corridor entered from one
 * end) is kept as two numbers, base and per_heat: the risk it plans a
 * commodity of heat h with is clamp01(base + per_heat × h). Customs odds
 * scale with the cargo's heat, predation does not. A learned statistic
 * holds the risk for the faction's cargo mix (mean heat of the
 * commodities it ships); at a border it scales with h / mix. */

double smuggling_predation(const struct smug_world *w, int corridor)
{
	const struct smug_smuggling_config *sc = &w->cfg.smuggling;
	double h = w->corridors[corridor].hazard, lost = sc->hazard_loss_share * h;
	double q = (1.0 - sc->hazard_loss_share) * h, qk = 1.0, sum = 0;

	/* each roll: lost, delayed (roll again next day, at most max_delays
	 * times), or through: P(lost) = lost × (1 + q + ... + q^max_delays) */
	for (int k = 0; k <= sc->max_delays && qk > 1e-12; k++) {
		sum += qk;
		qk *= q;
	}
	return clamp01(lost * sum);
}

/* The odds of a directed corridor: its predation and, at a border, the
 * published customs odds of the ward it enters. memo_odds_fill() gives
 * the same from the plan memo. */
void smuggling_odds(const struct smug_world *w, int corridor, int from, struct smug_odds *out)
{
	out->pred = smuggling_predation(w, corridor);
	out->border = w->corridors[corridor].border;
	if (out->border)
		customs_public_odds(w, smug_corridor_dest_ward(w, corridor, from), &out->customs);
	else
		memset(&out->customs, 0, sizeof out->customs);
}

/* The offer a network expects to make at a border, in required bribes:
 * what it aims at, times the share of its aims its budget has been
 * covering lately, as it stood when today's plan was made. */
static double expected_offer(const struct smug_world *w, const struct smug_network *n)
{
	return w->cfg.smuggling.bribe_offer_ratio * n->plan_offer_fill;
}

static bool network_bribes(const struct smug_network *n)
{
	return n->bribe_budget_fraction > 0;
}

/* boost = customs_offer_boost(r): the same for every crossing a planner
 * prices with offer r, so the plan memo computes it once per faction. */
static inline void belief_from_odds(const struct smug_world *w, const struct smug_odds *o, bool bribes,
				    double r, double boost, struct smug_belief *out)
{
	const struct smug_customs_config *cc = &w->cfg.customs;
	const struct customs_odds *c = &o->customs;
	double accept, bribe_frac;

	out->base = o->pred;
	out->per_heat = 0;
	out->cost = 0;
	out->last_update_day = -1;
	if (!o->border)
		return;
	accept = bribes ? customs_accept_boosted(c->kappa, boost) : 0; /* customs_acceptance at phi = 1 */
	/* what a taken bribe costs per unit of value: the offer, or the
	 * officer's own price when nothing is offered */
	bribe_frac = !bribes ? 0
		     : r > 0 ? r * c->required
			     : cc->fallback_bribe_fraction + cc->fallback_tariff_share * c->tariff;
	out->per_heat = (1.0 - o->pred) * c->p_found * (1.0 - accept);
	out->cost = clamp01((1.0 - o->pred) * (c->tariff + c->p_found * accept * bribe_frac));
}

void smuggling_prior(const struct smug_world *w, const struct smug_network *n, int corridor, int from,
		     struct smug_belief *out)
{
	struct smug_odds o;
	double r = expected_offer(w, n);

	smuggling_odds(w, corridor, from, &o);
	belief_from_odds(w, &o, network_bribes(n), r, customs_offer_boost(&w->cfg.customs, r), out);
}

double smuggling_heat_mix(const struct smug_world *w, const struct smug_network *n)
{
	enum smug_commodity ranked[SMUG_COMMODITY_COUNT];
	int k = smuggling_rank_commodities(w, n, ranked);
	double sum = 0;

	for (int i = 0; i < k; i++)
		sum += w->commodities[ranked[i]].heat;
	return k > 0 ? sum / k : 1.0;
}

/* The belief a learned statistic stands for. */
static void belief_of_stats(const struct smug_world *w, const struct smug_edge_stats *st,
			    double heat_mix, struct smug_belief *out)
{
	out->cost = st->cost_est;
	out->last_update_day = st->last_update_day;
	if (w->corridors[st->corridor].border && heat_mix > 0) {
		out->base = 0;
		out->per_heat = st->risk_est / heat_mix;
	} else {
		out->base = st->risk_est;
		out->per_heat = 0;
	}
}

double smuggling_belief_risk(const struct smug_belief *b, double heat)
{
	return clamp01(b->base + b->per_heat * heat);
}

static int edge_key(const struct smug_world *w, int corridor, int from)
{
	return 2 * corridor + (w->corridors[corridor].b == from);
}

static int stats_key(const struct smug_world *w, const struct smug_edge_stats *st)
{
	return edge_key(w, st->corridor, st->from_node);
}

static int stats_search(const struct smug_world *w, const struct smug_edge_stats *st, int n,
			int key)
{
	int lo = 0, hi = n - 1, corridor = key >> 1;

	while (lo <= hi) {
		/* a key is 2 x corridor + end: the corridors decide unless they
		 * are equal, and only then is the corridor's end looked up */
		int mid = lo + (hi - lo) / 2;
		int k = st[mid].corridor != corridor ? 2 * st[mid].corridor : stats_key(w, &st[mid]);

		if (k == key)
			return mid;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -(lo + 1);
}

/* stats_search() over a network's own statistics, by their keys (unique
 * and ascending). The first key not below the one sought is found by
 * halving a window that keeps its length whichever half it takes, so the
 * step is a conditional move, not a branch: which half is data no branch
 * predictor can learn. */
static int keys_search(const int *keys, int n, int key)
{
	const int *base = keys;
	int lo;

	if (n <= 0)
		return -1;
	for (int len = n; len > 1;) {
		int half = len / 2;

		base = base[half] < key ? base + half : base;
		len -= half;
	}
	lo = (int)(base - keys) + (*base < key);
	return lo < n && keys[lo] == key ? lo : -(lo + 1);
}

void smuggling_key_lanes(struct smug_network *n)
{
	for (int i = 0; i < n->n_lanes; i++)
		n->lane_keys[i] = smuggling_lane_key(n->lanes[i].src_ward, n->lanes[i].dst_ward);
}

void smuggling_key_stats(const struct smug_world *w, struct smug_network *n)
{
	for (int i = 0; i < n->n_edge_stats; i++)
		n->edge_keys[i] = stats_key(w, &n->edge_stats[i]);
}

struct smug_edge_stats *network_find_stats(const struct smug_world *w, struct smug_network *n,
					   int corridor, int from)
{
	int i = keys_search(n->edge_keys, n->n_edge_stats, edge_key(w, corridor, from));

	return i >= 0 ? &n->edge_stats[i] : NULL;
}

static void stats_remove(struct smug_network *n, int i)
{
	int tail = n->n_edge_stats - i - 1;

	memmove(&n->edge_stats[i], &n->edge_stats[i + 1], (size_t)tail * sizeof n->edge_stats[0]);
	memmove(&n->preferred_border_weight[i], &n->preferred_border_weight[i + 1],
		(size_t)tail * sizeof n->preferred_border_weight[0]);
	memmove(&n->edge_keys[i], &n->edge_keys[i + 1], (size_t)tail * sizeof n->edge_keys[0]);
	n->n_edge_stats--;
}

/* Find or create the statistics of a directed edge, starting from the
 * faction's calibrated prior for its cargo mix; when full, the least
 * recently updated entry goes (ties: the smaller key). */
static struct smug_edge_stats *network_touch(const struct smug_world *w, struct smug_network *n,
					     int corridor, int from)
{
	int key = edge_key(w, corridor, from), i = keys_search(n->edge_keys, n->n_edge_stats, key);
	int cap = w->cfg.smuggling.border_topk;
	struct smug_belief prior;

	if (i >= 0)
		return &n->edge_stats[i];
	while (n->n_edge_stats >= cap) {
		int victim = 0;

		for (int j = 1; j < n->n_edge_stats; j++)
			if (n->edge_stats[j].last_update_day < n->edge_stats[victim].last_update_day)
				victim = j; /* sorted by key: first minimum = smallest key */
		stats_remove(n, victim);
	}
	i = -keys_search(n->edge_keys, n->n_edge_stats, key) - 1;
	memmove(&n->edge_stats[i + 1], &n->edge_stats[i],
		(size_t)(n->n_edge_stats - i) * sizeof n->edge_stats[0]);
	memmove(&n->preferred_border_weight[i + 1], &n->preferred_border_weight[i],
		(size_t)(n->n_edge_stats - i) * sizeof n->preferred_border_weight[0]);
	memmove(&n->edge_keys[i + 1], &n->edge_keys[i], (size_t)(n->n_edge_stats - i) * sizeof n->edge_keys[0]);
	n->n_edge_stats++;
	n->edge_keys[i] = key;
	smuggling_prior(w, n, corridor, from, &prior);
	n->edge_stats[i] = (struct smug_edge_stats){
		.corridor = corridor,
		.from_node = from,
		.risk_est = smuggling_belief_risk(&prior, smuggling_heat_mix(w, n)),
		.cost_est = prior.cost,
		.last_update_day = -1,
	};
	n->preferred_border_weight[i] = 0;
	return &n->edge_stats[i];
}

int smuggling_stats_index(const struct smug_world *w, const struct smug_edge_stats *stats, int n_stats,
			  int corridor, int from)
{
	return stats_search(w, stats, n_stats, edge_key(w, corridor, from));
}

bool smuggling_estimate(const struct smug_world *w, const struct smug_network *n,
			const struct smug_edge_stats *stats, int n_stats, int corridor, int from,
			struct smug_belief *out)
{
	int i = stats_search(w, stats, n_stats, edge_key(w, corridor, from));

	if (i >= 0) {
		belief_of_stats(w, &stats[i], smuggling_heat_mix(w, n), out);
		return true;
	}
	smuggling_prior(w, n, corridor, from, out);
	return false;
}

/* smuggling_estimate() from the network's own statistics, found by their
 * keys, for a caller that has the network's heat mix at hand. */
static void own_estimate(const struct smug_world *w, const struct smug_network *n, int corridor, int from,
			 double heat_mix, struct smug_belief *out)
{
	int i = keys_search(n->edge_keys, n->n_edge_stats, edge_key(w, corridor, from));

	if (i >= 0)
		belief_of_stats(w, &n->edge_stats[i], heat_mix, out);
	else
		smuggling_prior(w, n, corridor, from, out);
}

/* ---- the plan's estimate memo (not state) ----
 * Estimates do not change while the day's plan is made, and the day's
 * candidate routes share most of their edges, so each faction's belief
 * about a directed corridor is looked up once per plan: slot 2c is
 * corridor c entered from its node a, 2c+1 from node b. At the start of a
 * plan each faction's own statistics (at most border_topk) are written
 * into its slots; any other slot is the public prior, itself computed
 * once per plan for all factions that bribe (and once for those that do
 * not). Slots are stamped with a generation number, so nothing is cleared
 * between plans and the cost follows the edges looked at. */
struct memo_slot {
	uint32_t gen;
	struct smug_belief b;
};

struct memo_odds {
	uint32_t gen;
	struct smug_odds o;
};

/* A ward's published customs odds: the same for every border into it. */
struct memo_ward {
	uint32_t gen;
	struct customs_odds o;
};

/* A corridor's predation and the hazard it was computed from: it changes
 * only when the corridor's hazard or the loss/delay knobs do, so it is
 * kept across plans and recomputed when the hazard differs (a plan whose
 * knobs differ from the last plan's forgets them all). */
struct memo_pred {
	bool set;
	double hazard, pred;
};

struct smug_plan_memo {
	uint32_t gen;
	int day; /* the day of the plan it holds */
	int n_slots;
	/* running sums of the candidate being scored, per route edge, so a
	 * later candidate sharing a prefix starts where that prefix ended */
	double cum_loss[SMUG_ROUTE_TOPK_MAX][SMUG_ROUTE_MAX_NODES];
	double cum_cost[SMUG_ROUTE_TOPK_MAX][SMUG_ROUTE_MAX_NODES];
	/* the terms of the scan's distinct slots (route_scan.uniq) for the
	 * decision being scored */
	double term_loss[SMUG_ROUTE_TOPK_MAX * (SMUG_ROUTE_MAX_NODES - 1)];
	double term_cost[SMUG_ROUTE_TOPK_MAX * (SMUG_ROUTE_MAX_NODES - 1)];
	struct memo_odds *odds;			    /* [n_slots], shared by all factions */
	struct memo_pred *pred;			    /* [n_slots / 2], kept across plans */
	double pred_share;			    /* the knobs they were computed with */
	int pred_max_delays;
	struct memo_ward *ward;			    /* [n_wards] */
	int n_wards;
	/* the plan's owed sums, per ward ([n_wards], all 0 between plans),
	 * and the wards a plan made nonzero, put back to 0 when it ends
	 * (n_owed_wards past n_wards: the whole array is) */
	int64_t *owed;
	int *owed_wards, n_owed_wards;
	struct memo_slot *slots[SMUG_FACTIONS_MAX]; /* allocated on first use */
	bool bribes[SMUG_FACTIONS_MAX];		    /* how a faction turns odds into a prior */
	double offer[SMUG_FACTIONS_MAX];
	double boost[SMUG_FACTIONS_MAX];	    /* customs_offer_boost(offer) */
	double heat_mix[SMUG_FACTIONS_MAX];
	uint32_t seeded[SMUG_FACTIONS_MAX];	    /* gen of the plan that seeded it */
};

void plan_memo_free(struct smug_plan_memo *m)
{
	if (m == NULL)
		return;
	for (int f = 0; f < SMUG_FACTIONS_MAX; f++)
		free(m->slots[f]);
	free(m->odds);
	free(m->pred);
	free(m->ward);
	free(m->owed);
	free(m->owed_wards);
	free(m);
}

static struct memo_slot *memo_slots(struct smug_plan_memo *m, int f)
{
	if (m->slots[f] == NULL)
		m->slots[f] = xcalloc((size_t)(m->n_slots ? m->n_slots : 1), sizeof *m->slots[f]);
	return m->slots[f];
}

static struct smug_plan_memo *plan_memo_begin(struct smug_world *w)
{
	const struct smug_smuggling_config *sc = &w->cfg.smuggling;
	struct smug_plan_memo *m = w->plan_memo;

	if (m == NULL || m->n_slots != 2 * w->n_corridors || m->n_wards != w->n_wards) {
		plan_memo_free(m);
		m = xcalloc(1, sizeof *m);
		m->n_slots = 2 * w->n_corridors;
		m->n_wards = w->n_wards;
		m->odds = xcalloc((size_t)(m->n_slots ? m->n_slots : 1), sizeof *m->odds);
		m->pred = xcalloc((size_t)(w->n_corridors ? w->n_corridors : 1), sizeof *m->pred);
		m->ward = xcalloc((size_t)(w->n_wards ? w->n_wards : 1), sizeof *m->ward);
		m->owed = xcalloc((size_t)(w->n_wards ? w->n_wards : 1), sizeof *m->owed);
		m->owed_wards = xcalloc((size_t)(w->n_wards ? w->n_wards : 1), sizeof *m->owed_wards);
		w->plan_memo = m;
	}
	m->day = w->day;
	if (++m->gen == 0) { /* wrapped: forget every stamp */
		for (int f = 0; f < SMUG_FACTIONS_MAX; f++)
			if (m->slots[f])
				memset(m->slots[f], 0, (size_t)m->n_slots * sizeof *m->slots[f]);
		memset(m->odds, 0, (size_t)m->n_slots * sizeof *m->odds);
		memset(m->ward, 0, (size_t)m->n_wards * sizeof *m->ward);
		m->gen = 1;
	}
	if (m->pred_share != sc->hazard_loss_share || m->pred_max_delays != sc->max_delays) {
		memset(m->pred, 0, (size_t)w->n_corridors * sizeof *m->pred);
		m->pred_share = sc->hazard_loss_share;
		m->pred_max_delays = sc->max_delays;
	}
	return m;
}

/* Write faction f's own statistics into its slots. */
static void memo_seed(const struct smug_world *w, struct smug_plan_memo *m, int f)
{
	const struct smug_network *n = &w->factions[f].net;
	struct memo_slot *slots = memo_slots(m, f);

	m->bribes[f] = network_bribes(n);
	m->offer[f] = expected_offer(w, n);
	m->boost[f] = customs_offer_boost(&w->cfg.customs, m->offer[f]);
	m->heat_mix[f] = smuggling_heat_mix(w, n);
	m->seeded[f] = m->gen;
	for (int i = 0; i < n->n_edge_stats; i++) {
		const struct smug_edge_stats *st = &n->edge_stats[i];
		struct memo_slot *x = &slots[n->edge_keys[i]];

		x->gen = m->gen;
		belief_of_stats(w, st, m->heat_mix[f], &x->b);
	}
}

/* Ward signals do not change from the plan to the drift after it. */
static const struct customs_odds *memo_ward_odds(const struct smug_world *w, struct smug_plan_memo *m,
						 int ward)
{
	struct memo_ward *x = &m->ward[ward];

	if (x->gen != m->gen) {
		customs_public_odds(w, ward, &x->o);
		x->gen = m->gen;
	}
	return &x->o;
}

/* The odds of a slot, shared by all factions, computed once a plan: as
 * smuggling_odds() gives them for the corridor entered from its a end
 * (even slot) or b end (odd slot), so a border enters the other end's
 * ward. */
static void memo_odds_fill(const struct smug_world *w, struct smug_plan_memo *m, struct memo_odds *p,
			   int slot)
{
	int corridor = slot >> 1;
	const struct smug_corridor *k = &w->corridors[corridor];
	struct memo_pred *q = &m->pred[corridor];

	if (!q->set || q->hazard != k->hazard) {
		q->set = true;
		q->hazard = k->hazard;
		q->pred = smuggling_predation(w, corridor);
	}
	p->o.pred = q->pred;
	p->o.border = k->border;
	if (k->border)
		p->o.customs = *memo_ward_odds(w, m, w->nodes[slot & 1 ? k->a : k->b].ward);
	else
		memset(&p->o.customs, 0, sizeof p->o.customs);
	p->gen = m->gen;
}

/* Faction f's prior for a slot, from the odds shared by all factions. */
static inline void memo_prior(const struct smug_world *w, struct smug_plan_memo *m, int f, int slot,
			      struct smug_belief *out)
{
	struct memo_odds *p = &m->odds[slot];

	if (p->gen != m->gen)
		memo_odds_fill(w, m, p, slot);
	belief_from_odds(w, &p->o, m->bribes[f], m->offer[f], m->boost[f], out);
}

/* Fill a slot not yet looked at in this plan with the public prior (the
 * faction's own statistics were written at the start of the plan). */
static void memo_fill(const struct smug_world *w, struct smug_plan_memo *m, int f, struct memo_slot *x,
		      int slot)
{
	memo_prior(w, m, f, slot, &x->b);
	x->gen = m->gen;
}

/* A slot the faction has no statistics for: the public prior. */
static const struct smug_belief *memo_belief(const struct smug_world *w, struct smug_plan_memo *m,
					     int f, int slot)
{
	struct memo_slot *x = &memo_slots(m, f)[slot];

	if (x->gen != m->gen)
		memo_fill(w, m, f, x, slot);
	return &x->b;
}

/* ---- learning and drift ---- */

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
		st->uses++;
		st->cal_n++;
		st->cal_fail += failed;
		st->cal_risk += s->plan_risk[h];
	}
}

void smug_calibration(const struct smug_world *w, int min_crossings, double *mae, int *pairs)
{
	double sum = 0;
	int n = 0;

	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_network *net = &w->factions[f].net;

		for (int i = 0; i < net->n_edge_stats; i++) {
			const struct smug_edge_stats *e = &net->edge_stats[i];
			double planned, seen;

			if (!w->corridors[e->corridor].border || e->cal_n < min_crossings || e->cal_n == 0)
				continue;
			planned = e->cal_risk / (double)e->cal_n;
			seen = (double)e->cal_fail / (double)e->cal_n;
			sum += planned > seen ? planned - seen : seen - planned;
			n++;
		}
	}
	*pairs = n;
	*mae = n ? sum / n : 0;
}

void smuggling_learn_day(struct smug_world *w)
{
	for (int i = 0; i < w->n_resolved; i++)
		smuggling_learn(w, &w->shipment_slots[w->resolved[i]]);
}

/* smuggling_drift() for a faction planned today: the priors come from the
 * plan memo. What stays the same for every statistic (the day, the
 * faction's offer, the memo's arrays) is read once into locals, which the
 * statistics' stores could otherwise overwrite as far as the compiler
 * knows; the sums are the same, in the same order. */
static void drift_memo(const struct smug_world *w, struct smug_plan_memo *m, int f, struct smug_network *n,
		       double a)
{
	struct memo_odds *odds = m->odds;
	const uint32_t gen = m->gen;
	const bool bribes = m->bribes[f];
	const double offer = m->offer[f], boost = m->boost[f], mix = m->heat_mix[f];
	const int day = w->day, count = n->n_edge_stats;
	struct smug_edge_stats *stats = n->edge_stats;
	double *weight = n->preferred_border_weight;
	const int *keys = n->edge_keys;

	for (int i = 0; i < count; i++) {
		struct smug_edge_stats *st = &stats[i];
		struct smug_belief prior;
		struct memo_odds *p;
		int slot;

		if (st->last_update_day == day)
			continue;
		slot = keys[i];
		p = &odds[slot];
		if (p->gen != gen)
			memo_odds_fill(w, m, p, slot);
		belief_from_odds(w, &p->o, bribes, offer, boost, &prior);
		st->risk_est += a * (smuggling_belief_risk(&prior, mix) - st->risk_est);
		st->cost_est += a * (prior.cost - st->cost_est);
		weight[i] *= 1.0 - a;
	}
}

/* Estimates not refreshed today move toward the calibrated prior for the
 * faction's cargo mix, so a belief nothing confirms fades back to what the
 * published dials say. */
void smuggling_drift(struct smug_world *w)
{
	double a = w->cfg.smuggling.prior_drift;
	/* today's plan memo holds today's priors (signals do not change after
	 * stage 1), so a faction planned today reads them from there; a day
	 * with smuggling off has no plan, and the memo of an earlier one holds
	 * that day's odds */
	struct smug_plan_memo *m = w->plan_memo && w->plan_memo->day == w->day ? w->plan_memo : NULL;

	for (int f = 0; f < w->n_factions; f++) {
		struct smug_network *n = &w->factions[f].net;
		double mix;

		if (!w->factions[f].runs_network || n->n_edge_stats == 0)
			continue;
		if (m && m->seeded[f] == m->gen) {
			drift_memo(w, m, f, n, a);
			continue;
		}
		mix = smuggling_heat_mix(w, n);
		for (int i = 0; i < n->n_edge_stats; i++) {
			struct smug_edge_stats *st = &n->edge_stats[i];
			struct smug_belief prior;

			if (st->last_update_day == w->day)
				continue;
			smuggling_prior(w, n, st->corridor, st->from_node, &prior);
			st->risk_est += a * (smuggling_belief_risk(&prior, mix) - st->risk_est);
			st->cost_est += a * (prior.cost - st->cost_est);
			n->preferred_border_weight[i] *= 1.0 - a;
		}
	}
}

/* ---- the daily plan ---- */

struct cand_score {
	double loss, cost, score;
};

/* What a decision's scoring pass finds: the winner (smallest score, equal
 * scores keep the smaller route index) and the runner-up likewise among
 * the others; -1 when there is none. */
struct cand_pick {
	int winner, runner;
	struct cand_score best, second;
};

struct plan_item {
	int decision;		 /* index into w->decisions */
	int faction;
	struct route_path path;	 /* the route sent */
	int64_t value, sale;
	int64_t bribe[SMUG_ROUTE_MAX_NODES - 1]; /* per corridor of path */
};

/* A decision's scoring, kept for the rest of the plan: estimates do not
 * change while the plan is made, so a later decision of the same faction
 * for the same commodity between the same wards scores the same
 * candidates to the same bits and takes this pick. */
struct plan_scored {
	int faction, src, dst;
	enum smug_commodity commodity;
	struct cand_pick pick;
};

struct plan {
	struct plan_item items[SMUG_SHIPMENTS_PER_DAY_MAX];
	int n;
	struct plan_scored scored[SMUG_SHIPMENTS_PER_DAY_MAX];
	int n_scored;
	int64_t committed[SMUG_FACTIONS_MAX]; /* cargo bought today, minor units */
	int64_t *owed;			      /* per ward: sales its buyers owe, in transit + today */
	struct smug_plan_memo *memo;
};

/* Add amount to what ward's buyers owe in this plan, noting a ward that
 * turns nonzero so the plan's end clears it. */
static void plan_owe(struct plan *pl, int ward, int64_t amount)
{
	struct smug_plan_memo *m = pl->memo;

	if (pl->owed[ward] == 0 && amount != 0) {
		if (m->n_owed_wards < m->n_wards) /* past it (a ward back at 0 and again), the end clears all */
			m->owed_wards[m->n_owed_wards] = ward;
		m->n_owed_wards++;
	}
	pl->owed[ward] += amount;
}

/* Index into wards[0..n) by score weight, skipping `exclude`, wards of
 * score <= 0 and wards whose ok[] is false (ok may be NULL); -1 if none. */
static int pick_weighted(const struct smug_driver_terms *terms, const int *wards, int n,
			 int exclude, const bool *ok, double u)
{
	double total = 0, acc = 0;
	int last = -1;

	for (int i = 0; i < n; i++)
		if (wards[i] != exclude && terms[i].score > 0 && (!ok || ok[i]))
			total += terms[i].score;
	if (total <= 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (wards[i] == exclude || terms[i].score <= 0 || (ok && !ok[i]))
			continue;
		acc += terms[i].score;
		last = i;
		if (u * total < acc)
			return i;
	}
	return last;
}

static int64_t sale_price(const struct smug_commodity_def *def, int64_t value, double demand)
{
	return value + (int64_t)((double)value * def->sale_markup * clamp01(demand));
}

/* Score a decision's np candidates and pick the winner and runner-up.
 * Each candidate's expected loss and cost are summed edge by edge in
 * route order exactly as smug_explain_decision() sums them, every
 * candidate in full. The terms of each distinct slot of the scan are
 * worked out first, once (the candidates share most of their edges); the
 * sums then add them through the scan's uniq_at, with no test per edge.
 * A term stored and added is the same double as a term worked out where
 * it is added (no contraction: DET_CFLAGS), so the sums are the same to
 * the bit. A bound that stopped a candidate once its running score
 * reached the runner-up's summed a third fewer terms, but its exits come
 * where no branch predictor can learn them, and cost more time than the
 * terms they save. A candidate sharing a prefix with an earlier one
 * starts where that prefix ended: the same edges in the same order were
 * summed already, so the running sums are the same to the bit (lcp_from
 * names the earliest route of the longest shared prefix). Equal scores
 * keep the smaller route index.
 * Kept out of line: per decision, the memo, the value and the heat are
 * loaded once, and the inner sum has its own registers. */
static __attribute__((noinline)) void score_candidates(const struct smug_world *w, struct smug_plan_memo *m,
						       int f, const struct route_scan *sc, int np,
						       int64_t value, double penalty, double heat,
						       struct cand_pick *out)
{
	const double v = (double)value, pen1 = 1.0 + penalty;
	const double travel_weight = w->cfg.smuggling.travel_weight;
	struct memo_slot *slots = memo_slots(m, f);
	const uint32_t gen = m->gen;
	double *tl = m->term_loss, *tc = m->term_cost;
	int winner = -1, runner = -1;
	struct cand_score best = {0, 0, 0}, second = {0, 0, 0};

	/* every distinct slot of the scan (its paths are the np candidates:
	 * the answer was asked for route_topk routes), filled in any order,
	 * since a slot's memo entry is the same whoever fills it */
	for (int u = 0; u < sc->n_uniq; u++) {
		struct memo_slot *xs = &slots[sc->uniq[u]];

		if (xs->gen != gen) /* the faction's first look at it in this plan */
			memo_fill(w, m, f, xs, sc->uniq[u]);
		tl[u] = smuggling_belief_risk(&xs->b, heat) * v * pen1;
		tc[u] = xs->b.cost * v;
	}
	for (int i = 0; i < np; i++) {
		const struct route_scan_path *p = &sc->p[i];
		const int *at = sc->uniq_at + p->first;
		const int n_edges = p->n_edges;
		double travel = travel_weight * (double)p->travel_days * v;
		double loss = 0, cost = 0, score;
		double *cl = m->cum_loss[i], *cc = m->cum_cost[i];
		int e = 0;

		if (p->lcp_len > 0) {
			e = p->lcp_len;
			loss = m->cum_loss[p->lcp_from][e - 1];
			cost = m->cum_cost[p->lcp_from][e - 1];
		}
		for (; e < n_edges; e++) {
			loss += tl[at[e]];
			cost += tc[at[e]];
			cl[e] = loss;
			cc[e] = cost;
		}
		score = loss + cost + travel;
		if (winner < 0 || score < best.score) {
			runner = winner;
			second = best;
			winner = i;
			best = (struct cand_score){loss, cost, score};
		} else if (runner < 0 || score < second.score) {
			runner = i;
			second = (struct cand_score){loss, cost, score};
		}
	}
	out->winner = winner;
	out->runner = runner;
	out->best = best;
	out->second = second;
}

/* The exploration pick of a decision: among its np candidates that cross
 * a stale edge (never observed, or not refreshed for
 * exploration_stale_days), the one of smallest score (equal scores keep
 * the smaller route index) with every stale edge at its prior, as if what
 * was learned there no longer held; -1 when none crosses one. Summed in
 * route order like score_candidates(); a candidate whose running score
 * reaches the pick's so far cannot replace it and is left unfinished. */
static int explore_pick(const struct smug_world *w, struct smug_plan_memo *m, int f,
			const struct route_scan *sc, int np, int64_t value, double penalty, double heat,
			struct cand_score *out)
{
	const double v = (double)value, pen1 = 1.0 + penalty;
	const double travel_weight = w->cfg.smuggling.travel_weight;
	const int since = w->day - w->cfg.smuggling.exploration_stale_days;
	struct memo_slot *slots = memo_slots(m, f);
	const uint32_t gen = m->gen;
	int pick = -1;

	for (int i = 0; i < np; i++) {
		const struct route_scan_path *p = &sc->p[i];
		const int *slot = sc->slot + p->first;
		double travel = travel_weight * (double)p->travel_days * v;
		double bound = pick >= 0 ? out->score : INFINITY;
		double loss = 0, cost = 0;
		bool stale = false;
		int e;

		for (e = 0; e < p->n_edges; e++) {
			struct memo_slot *xs = &slots[slot[e]];
			const struct smug_belief *x = &xs->b;
			struct smug_belief prior;

			if (xs->gen != gen)
				memo_fill(w, m, f, xs, slot[e]);
			if (x->last_update_day < since) {
				stale = true;
				memo_prior(w, m, f, slot[e], &prior);
				x = &prior;
			}
			loss += smuggling_belief_risk(x, heat) * v * pen1;
			cost += x->cost * v;
			if (loss + cost + travel >= bound)
				break; /* score >= the pick's: changes nothing */
		}
		if (e < p->n_edges || !stale)
			continue;
		pick = i;
		*out = (struct cand_score){loss, cost, loss + cost + travel};
	}
	return pick;
}

/* The edge of the old route, absent from the new one, whose estimate
 * weighs most: the one that moved the choice. */
static int moved_edge(const struct smug_world *w, struct smug_network *n,
		      const struct smug_lane *lane, const struct route_path *now,
		      double *risk)
{
	int best = -1;
	double best_w = -1, mix = smuggling_heat_mix(w, n);

	for (int i = 0; i + 1 < lane->route_len; i++) {
		int a = lane->route_nodes[i], b = lane->route_nodes[i + 1];
		int c = -1;
		bool shared = false;
		double r;
		struct smug_belief x;

		for (int j = 0; j < w->nodes[a].adj_count; j++)
			if (w->adj[w->nodes[a].adj_first + j].node == b)
				c = w->adj[w->nodes[a].adj_first + j].corridor;
		if (c < 0)
			continue;
		for (int j = 0; j + 1 < now->n_nodes; j++)
			shared |= now->corridors[j] == c;
		if (shared)
			continue;
		own_estimate(w, n, c, a, mix, &x);
		r = smuggling_belief_risk(&x, mix);
		if (r + x.cost > best_w) {
			best_w = r + x.cost;
			best = c;
			*risk = r;
		}
	}
	return best;
}

static void lane_record(struct smug_world *w, int f, enum smug_commodity c, int src,
			int dst, const struct route_path *p)
{
	struct smug_network *n = &w->factions[f].net;
	struct smug_lane *lane = NULL;
	const uint64_t key = smuggling_lane_key(src, dst);

	/* the last lane of the key: scanned from the end */
	for (int i = n->n_lanes - 1; i >= 0 && lane == NULL; i--)
		if (n->lane_keys[i] == key && n->lanes[i].commodity == c)
			lane = &n->lanes[i];
	if (lane && !route_nodes_equal(lane->route_nodes, lane->route_len, p->nodes, p->n_nodes)) {
		double risk = 0;
		int edge = moved_edge(w, n, lane, p, &risk);
		struct smug_event *ev = telemetry_event(w, SMUG_EV_ROUTE_UPDATE, f, edge, 0, (int)c, 0);

		ev->src_ward = src;
		ev->dst_ward = dst;
		/* the moved edge and its risk, or the new route's head (its
		 * text shows 40 characters: 20 nodes at most) */
		if (edge >= 0) {
			ev->u.v.figure[0] = risk;
		} else {
			ev->u.route.n = p->n_nodes < SMUG_EVENT_ROUTE_NODES ? p->n_nodes : SMUG_EVENT_ROUTE_NODES;
			memcpy(ev->u.route.nodes, p->nodes, (size_t)ev->u.route.n * sizeof p->nodes[0]);
		}
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
		n->lane_keys[lane - n->lanes] = key;
	}
	memcpy(lane->route_nodes, p->nodes, (size_t)p->n_nodes * sizeof p->nodes[0]);
	lane->route_len = p->n_nodes;
	lane->last_day = w->day;
}

static bool skip(struct smug_decision *d, enum smug_skip why)
{
	d->skip = why;
	str_copy(d->skipped, sizeof d->skipped, smug_skip_text(why));
	return false;
}

/* The demand ward of a decision: drawn by demand score among the TopK
 * demand wards (not the source) whose buyers can still pay the sale price
 * on top of what they owe for shipments on the way and that a route of at
 * most SMUG_ROUTE_MAX_NODES nodes joins to the source, so a decision never
 * meets a pair no route joins. No buyers who can pay anywhere exhausts the
 * commodity for the day; buyers who can pay only out of this source's
 * reach do not (another source may reach them). */
static int pick_demand(struct smug_world *w, struct plan *pl, struct smug_decision *d,
		       enum smug_commodity c, int turn, enum smug_skip *why)
{
	const struct smug_commodity_def *def = &w->commodities[c];
	const uint64_t *reach = route_reach_row(w, w->wards[d->src_ward].gate_node);
	bool ok[SMUG_WARD_TOPK_MAX];
	int any = 0, paying = 0, di;

	for (int i = 0; i < w->n_demand[c]; i++) {
		int ward = w->demand_ward[c][i];
		int64_t sale = sale_price(def, d->value, w->demand_terms[c][i].score);
		int gate = w->wards[ward].gate_node;
		bool wanted = ward != d->src_ward && w->demand_terms[c][i].score > 0;
		bool pays = w->ledger.accounts[w->wards[ward].buyers].balance - pl->owed[ward] >= sale;

		ok[i] = pays && reach && gate >= 0 && route_reach_has(reach, gate);
		any |= wanted;
		paying |= wanted && pays;
	}
	if (!any) {
		*why = SMUG_SKIP_NO_DEMAND;
		return -1;
	}
	di = pick_weighted(w->demand_terms[c], w->demand_ward[c], w->n_demand[c], d->src_ward, ok,
			   draw_u01(w, "pick-demand", w->day, (uint64_t)d->faction, (uint64_t)c,
				    (uint64_t)turn));
	if (di < 0)
		*why = paying ? SMUG_SKIP_NO_REACH : SMUG_SKIP_NO_BUYERS;
	return di;
}

/* The winner and runner-up among a decision's np candidates: scored
 * once per (faction, commodity, source, demand) and plan, and kept for a
 * later decision of the same key that day. */
static struct cand_score plan_winner(struct smug_world *w, struct plan *pl, struct smug_decision *d,
				     const struct route_scan *scan, int np)
{
	const struct smug_commodity_def *def = &w->commodities[d->commodity];
	const struct cand_pick *kept = NULL;
	struct cand_pick pick;
	int f = d->faction, src = d->src_ward, dst = d->dst_ward;
	enum smug_commodity c = d->commodity;

	for (int i = 0; i < pl->n_scored && kept == NULL; i++) {
		const struct plan_scored *o = &pl->scored[i];

		if (o->faction == f && o->commodity == c && o->src == src && o->dst == dst)
			kept = &o->pick;
	}
	if (kept) {
		pick = *kept;
	} else {
		score_candidates(w, pl->memo, f, scan, np, d->value, def->seizure_penalty, def->heat, &pick);
		pl->scored[pl->n_scored++] = (struct plan_scored){
			.faction = f, .src = src, .dst = dst, .commodity = c, .pick = pick};
	}
	d->winner = pick.winner;
	d->runner = pick.runner;
	d->winner_score = pick.best.score;
	d->margin = d->runner >= 0 ? pick.second.score - pick.best.score : 0;
	return pick.best;
}

/* An exploration pick, for the keyed share of decisions that explore:
 * the best candidate that crosses a stale edge, judging its stale edges
 * by their prior, replaces the winner (d->chosen, *sent) when it still
 * looks profitable at the sale price. */
static void plan_explore(struct smug_world *w, struct plan *pl, struct smug_decision *d,
			 const struct route_scan *scan, int np, int64_t sale, struct cand_score *sent)
{
	const struct smug_commodity_def *def = &w->commodities[d->commodity];
	struct cand_score pick_s = {0, 0, 0};
	int pick;

	pick = explore_pick(w, pl->memo, d->faction, scan, np, d->value, def->seizure_penalty, def->heat,
			    &pick_s);
	if (pick >= 0 && (double)(sale - d->value) - pick_s.loss - pick_s.cost > 0) {
		d->chosen = pick;
		d->explore = true;
		d->explore_score = pick_s.score;
		*sent = pick_s;
	}
}

/* The chosen route written into the decision, then the checks that can
 * still stop it (profit, money, room on the road); a shipment that
 * passes is added to the plan with its bribes zero. Returns true then. */
static bool plan_commit(struct smug_world *w, struct plan *pl, struct smug_decision *d,
			const struct route_path *paths, int64_t sale, const struct cand_score *sent)
{
	const struct route_path *p = &paths[d->chosen];
	int f = d->faction;
	int64_t balance = w->ledger.accounts[w->factions[f].account].balance;

	memcpy(d->route, p->nodes, (size_t)p->n_nodes * sizeof p->nodes[0]);
	d->route_len = p->n_nodes;
	for (int e = 0; e + 1 < p->n_nodes; e++)
		d->route_borders += w->corridors[p->corridors[e]].border;
	d->expected_profit = (double)(sale - d->value) - sent->loss - sent->cost;
	if (d->expected_profit <= 0)
		return skip(d, SMUG_SKIP_UNPROFITABLE);
	if (balance - pl->committed[f] < d->value)
		return skip(d, SMUG_SKIP_CANNOT_AFFORD);
	if (w->n_shipments + pl->n >= SMUG_SHIPMENT_CAP)
		return skip(d, SMUG_SKIP_TRANSIT_FULL);
	pl->committed[f] += d->value;
	plan_owe(pl, d->dst_ward, sale);
	{ /* every field written; the bribes zero */
		struct plan_item *it = &pl->items[pl->n++];

		it->decision = w->n_decisions - 1;
		it->faction = f;
		it->path = *p;
		it->value = d->value;
		it->sale = sale;
		memset(it->bribe, 0, sizeof it->bribe);
	}
	return true;
}

/* One decision: source, demand, candidates, winner, and now and then an
 * exploration pick. Returns true when a shipment is planned. */
static bool plan_decision(struct smug_world *w, struct plan *pl, int f, int turn,
			  enum smug_commodity c, int64_t budget)
{
	const struct smug_commodity_def *def = &w->commodities[c];
	const struct smug_smuggling_config *sc = &w->cfg.smuggling;
	struct smug_decision *d = &w->decisions[w->n_decisions++];
	const struct route_path *paths;
	const struct route_scan *scan;
	struct cand_score sent;
	enum smug_skip why = SMUG_SKIP_NONE;
	int si, di, np, src, dst;
	int64_t sale;

	memset(d, 0, sizeof *d);
	d->day = w->day;
	d->faction = f;
	d->commodity = c;
	d->src_ward = d->dst_ward = -1;
	d->winner = d->runner = d->chosen = -1;
	d->bribe_budget = budget;
	d->value = (int64_t)def->units_per_shipment * def->value_density;

	si = pick_weighted(w->source_terms[c], w->source_ward[c], w->n_source[c], -1, NULL,
			   draw_u01(w, "pick-source", w->day, (uint64_t)f, (uint64_t)c, (uint64_t)turn));
	if (si < 0) {
		skip(d, SMUG_SKIP_NO_SOURCE);
		snprintf(d->skipped, sizeof d->skipped, "no source ward for %s", smug_commodity_name(c));
		return false;
	}
	src = w->source_ward[c][si];
	d->src_ward = src;
	d->source = w->source_terms[c][si];
	if ((di = pick_demand(w, pl, d, c, turn, &why)) < 0)
		return skip(d, why);
	dst = w->demand_ward[c][di];
	d->dst_ward = dst;
	d->demand = w->demand_terms[c][di];
	sale = sale_price(def, d->value, d->demand.score);

	np = route_candidates_scan(w, w->wards[src].gate_node, w->wards[dst].gate_node,
				   sc->route_topk, &paths, &scan);
	if (np > sc->route_topk)
		np = sc->route_topk;
	w->route_evals_today += np;
	if (np > w->max_route_evals_per_decision)
		w->max_route_evals_per_decision = np;
	d->n_cand = np;
	assert(np > 0); /* pick_demand drew a ward in reach */
	sent = plan_winner(w, pl, d, scan, np);
	d->chosen = d->winner;
	if (sc->exploration_rate > 0 &&
	    draw_u01(w, "explore", w->day, (uint64_t)f, (uint64_t)c, (uint64_t)turn) <
		    sc->exploration_rate)
		plan_explore(w, pl, d, scan, np, sale, &sent);
	return plan_commit(w, pl, d, paths, sale, &sent);
}

/* A border in one direction that a faction's routes cross today: its
 * customs, the traffic and cargo value the plan sends across it, its
 * priority, the faction's cap there and what the budget gives it. */
struct bribe_border {
	int corridor, from, key;
	double traffic, value, priority, cap, alloc;
	bool done;
};

/* The borders faction f's planned shipments cross, each once, with its
 * traffic, cargo value, cap (the offers the faction means to make there)
 * and priority before traffic. At most cap_use; returns how many. */
static int bribe_borders_gather(const struct smug_world *w, struct plan *pl, int f,
				struct bribe_border *use, int cap_use)
{
	double ratio = w->cfg.smuggling.bribe_offer_ratio;
	int nu = 0;

	for (int i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->items[i];

		if (it->faction != f)
			continue;
		for (int e = 0; e + 1 < it->path.n_nodes; e++) {
			int c = it->path.corridors[e], from = it->path.nodes[e], u;
			int dest, key;

			if (!w->corridors[c].border)
				continue;
			key = edge_key(w, c, from);
			dest = smug_corridor_dest_ward(w, c, from);
			for (u = 0; u < nu && use[u].key != key; u++)
				;
			if (u == nu) {
				const struct smug_ward *dw = &w->wards[dest];
				const struct smug_belief *b = memo_belief(w, pl->memo, f, key);

				if (nu == cap_use)
					continue;
				use[nu] = (struct bribe_border){c, from, key, 0, 0, 0, 0, 0, false};
				use[nu].priority = (1.0 - smuggling_belief_risk(b, pl->memo->heat_mix[f])) *
						   dw->customs.bribe_tolerance * dw->sig.smuggling_tolerance;
				nu++;
			}
			use[u].traffic += 1;
			use[u].value += (double)it->value;
			use[u].cap += ratio * w->cfg.customs.bribe_required_fraction * (double)it->value *
				      (1.0 - customs_corruptibility(w, dest));
		}
	}
	return nu;
}

/* Water filling: the budget split in proportion to priority (total is
 * their sum); a border whose share exceeds its cap gets the cap and the
 * rest is split again among the others. At most nu rounds, each fixes at
 * least one border. */
static void bribe_water_fill(struct bribe_border *use, int nu, int64_t budget, double total)
{
	double left = budget > 0 ? (double)budget : 0;

	for (int round = 0; round < nu && left > 0 && total > 0; round++) {
		bool capped = false;
		double next_total = 0;

		for (int u = 0; u < nu; u++)
			if (!use[u].done && use[u].priority > 0 &&
			    left * use[u].priority / total >= use[u].cap) {
				use[u].alloc = use[u].cap;
				use[u].done = true;
				capped = true;
			}
		if (!capped) {
			for (int u = 0; u < nu; u++)
				if (!use[u].done && use[u].priority > 0)
					use[u].alloc = left * use[u].priority / total;
			break;
		}
		left = budget;
		for (int u = 0; u < nu; u++)
			if (use[u].done)
				left -= use[u].alloc;
			else
				next_total += use[u].priority;
		total = next_total;
	}
}

/* What the network learns from the day's split: how much of its aims
 * the budget covers (offer_fill) and each border's share of the budget
 * (preferred_borders). Returns true when a border of positive priority
 * got less than its cap. */
static bool bribe_split_learn(const struct smug_world *w, struct smug_network *n,
			      const struct bribe_border *use, int nu, int64_t budget)
{
	double aimed = 0, covered = 0;
	bool short_any = false;

	for (int u = 0; u < nu; u++) {
		aimed += use[u].cap;
		covered += use[u].alloc;
	}
	if (aimed > 0) /* how much of its aims the budget covers, on average */
		n->offer_fill += w->cfg.smuggling.learning_rate * (clamp01(covered / aimed) - n->offer_fill);
	for (int u = 0; u < nu; u++) {
		struct smug_edge_stats *st = network_find_stats(w, n, use[u].corridor, use[u].from);

		short_any |= use[u].priority > 0 && use[u].alloc < use[u].cap * (1.0 - 1e-9);
		if (st) { /* preferred_borders: the share of the budget a border gets */
			double *pw = &n->preferred_border_weight[st - n->edge_stats];

			*pw += w->cfg.smuggling.learning_rate *
			       ((budget > 0 ? use[u].alloc / (double)budget : 0) - *pw);
		}
	}
	return short_any;
}

/* Each of faction f's planned shipments gets its offer at every border
 * it crosses: the border's allocation in proportion to its cargo value. */
static void bribe_hand_out(const struct smug_world *w, struct plan *pl, int f,
			   const struct bribe_border *use, int nu)
{
	for (int i = 0; i < pl->n; i++) {
		struct plan_item *it = &pl->items[i];

		if (it->faction != f)
			continue;
		for (int e = 0; e + 1 < it->path.n_nodes; e++) {
			int c = it->path.corridors[e], key, u;

			if (!w->corridors[c].border) /* use[] holds borders only */
				continue;
			key = edge_key(w, c, it->path.nodes[e]);
			for (u = 0; u < nu && use[u].key != key; u++) /* keys are unique in use[] */
				;
			if (u < nu && use[u].value > 0)
				it->bribe[e] = (int64_t)(use[u].alloc * (double)it->value / use[u].value);
		}
	}
}

/* Spread one faction's budget over the borders its routes cross today.
 * Each border's cap is the offer the faction means to make there:
 * bribe_offer_ratio × the required bribe it estimates from the published
 * dials, for every shipment crossing it. The budget is split in
 * proportion to border_priority = traffic_weight × (1 − risk_est) ×
 * bribe_tolerance × smuggling_tolerance; a border whose share exceeds its
 * cap gets the cap and the rest is split again among the others (water
 * filling). A shipment's offer at a border follows its cargo value.
 * Returns true when some border of positive priority got less than its
 * cap: the budget decided. */
static bool allocate_bribes(struct smug_world *w, struct plan *pl, int f, int64_t budget,
			    bool *any_border)
{
	struct bribe_border use[SMUG_SHIPMENTS_PER_DAY_MAX * 4];
	int nu = bribe_borders_gather(w, pl, f, use, (int)(sizeof use / sizeof use[0]));
	double total = 0;
	bool short_any;

	*any_border = false;
	for (int u = 0; u < nu; u++) {
		use[u].priority *= use[u].traffic;
		total += use[u].priority;
		*any_border |= use[u].priority > 0 && use[u].cap > 0;
	}
	bribe_water_fill(use, nu, budget, total);
	short_any = bribe_split_learn(w, &w->factions[f].net, use, nu, budget);
	bribe_hand_out(w, pl, f, use, nu);
	return short_any;
}

/* A shipment's bribe map in corridor order. A route crosses a corridor
 * once, so the keys differ and any sort gives the same order; the map
 * holds a few entries, where an insertion sort beats qsort's calls. */
static void sort_bribes(struct smug_bribe_entry *map, int n)
{
	for (int i = 1; i < n; i++) {
		struct smug_bribe_entry x = map[i];
		int j = i;

		for (; j > 0 && map[j - 1].corridor > x.corridor; j--)
			map[j] = map[j - 1];
		map[j] = x;
	}
}

/* Buy the cargo and queue the shipment for logistics (w->launch). */
static void create_shipment(struct smug_world *w, struct plan *pl, struct plan_item *it)
{
	struct smug_decision *d = &w->decisions[it->decision];
	struct smug_faction *fa = &w->factions[it->faction];
	int slot = shipment_slot_take(w);
	struct smug_shipment *s;
	double heat = w->commodities[d->commodity].heat;
	struct smug_event *ev;
	int64_t paid;

	if (slot < 0) { /* the plan keeps the road below its cap */
		skip(d, SMUG_SKIP_TRANSIT_FULL);
		return;
	}
	s = &w->shipment_slots[slot];
	/* the scalars, then the live entries of the arrays */
	memset(s, 0, offsetof(struct smug_shipment, nodes));
	s->id = w->next_shipment_id;
	s->faction = it->faction;
	s->commodity = d->commodity;
	s->units = w->commodities[d->commodity].units_per_shipment;
	s->value = it->value;
	s->sale_price = it->sale;
	s->src_ward = d->src_ward;
	s->dst_ward = d->dst_ward;
	s->n_nodes = it->path.n_nodes;
	memcpy(s->nodes, it->path.nodes, (size_t)s->n_nodes * sizeof s->nodes[0]);
	if (s->n_nodes > 1) {
		memcpy(s->corridors, it->path.corridors, (size_t)(s->n_nodes - 1) * sizeof s->corridors[0]);
		memset(s->hop_cost, 0, (size_t)(s->n_nodes - 1) * sizeof s->hop_cost[0]);
	}
	s->hop = 0;
	s->days_left = s->n_nodes > 1 ? w->corridors[s->corridors[0]].travel_days : 0;
	s->created_day = w->day;
	s->status = SMUG_OUTCOME_IN_TRANSIT;
	s->resolved_corridor = -1;
	s->explore = d->explore;
	for (int e = 0; e + 1 < s->n_nodes; e++) {
		s->plan_risk[e] = smuggling_belief_risk(
			memo_belief(w, pl->memo, it->faction, edge_key(w, s->corridors[e], s->nodes[e])),
			heat);
		if (it->bribe[e] <= 0)
			continue;
		s->bribe_map[s->n_bribes].corridor = s->corridors[e];
		s->bribe_map[s->n_bribes].amount = it->bribe[e];
		s->bribe_budget_total += it->bribe[e];
		s->n_bribes++;
	}
	sort_bribes(s->bribe_map, s->n_bribes);

	paid = ledger_post(&w->ledger, w->day, fa->account, w->ledger.blackmarket, s->value,
			   SMUG_TX_CARGO_PURCHASE);
	if (paid < s->value) {
		/* Cannot happen after the affordability check; refund and skip. */
		ledger_post(&w->ledger, w->day, w->ledger.blackmarket, fa->account, paid,
			    SMUG_TX_CARGO_PURCHASE);
		skip(d, SMUG_SKIP_CANNOT_AFFORD);
		w->free_slots[w->n_free_slots++] = slot;
		return;
	}
	s->purchase = paid;
	w->launch[w->n_launch++] = slot;
	w->next_shipment_id++;
	d->shipment = s->id;
	d->bribe_total = s->bribe_budget_total;
	fa->net.shipments++;
	fa->net.purchases += paid;
	fa->net.in_transit++;
	w->tel.today.shipments_created++;
	w->tel.today.profit -= paid;
	w->tel.plan.sent++;
	w->tel.plan.explored += s->explore;
	telemetry_route_sent(w, s->nodes, s->n_nodes);
	ev = telemetry_shipment_event(w, SMUG_EV_SHIPMENT_CREATED, s, -1, s->value);
	ev->u.v.count = s->n_nodes - 1;
	ev->u.v.money = s->bribe_budget_total;
	ev->flags = s->explore ? SMUG_EVF_EXPLORING : 0u;
	lane_record(w, it->faction, s->commodity, s->src_ward, s->dst_ward, &it->path);
}

int smuggling_rank_commodities(const struct smug_world *w, const struct smug_network *n,
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

/* The factions that plan today (at most max_active_factions, in id
 * order): each one's bribe budget and commodities by preference. */
struct plan_factions {
	int active[SMUG_FACTIONS_MAX], na;
	int64_t budget[SMUG_FACTIONS_MAX];
	enum smug_commodity ranked[SMUG_FACTIONS_MAX][SMUG_COMMODITY_COUNT];
	int nranked[SMUG_FACTIONS_MAX];
};

static void plan_factions_begin(struct smug_world *w, struct plan *pl, struct plan_factions *pf)
{
	pf->na = 0;
	for (int f = 0; f < w->n_factions && pf->na < w->cfg.smuggling.max_active_factions; f++) {
		struct smug_faction *fa = &w->factions[f];
		int na = pf->na;

		if (!fa->runs_network)
			continue;
		/* a faction without its own fraction follows the config's,
		 * also when it is set during a run */
		if (fa->bribe_budget_fraction >= 0)
			fa->net.bribe_budget_fraction = fa->bribe_budget_fraction;
		else
			fa->net.bribe_budget_fraction = w->cfg.smuggling.bribe_budget_fraction;
		memcpy(fa->net.plan_stats, fa->net.edge_stats,
		       (size_t)fa->net.n_edge_stats * sizeof fa->net.edge_stats[0]);
		fa->net.n_plan_stats = fa->net.n_edge_stats;
		fa->net.plan_offer_fill = fa->net.offer_fill;
		memo_seed(w, pl->memo, f);
		pf->active[na] = f;
		pf->budget[na] = (int64_t)((double)w->ledger.accounts[fa->account].balance *
					   fa->net.bribe_budget_fraction);
		pf->nranked[na] = smuggling_rank_commodities(w, &fa->net, pf->ranked[na]);
		pf->na++;
	}
}

/* Round-robin turns: each active faction in id order takes its next
 * commodity by preference until the day's cap is reached. A commodity
 * whose decision failed for a reason that holds all day (no source,
 * demand or paying buyer, the cargo unaffordable) is not tried again
 * that day; no room in transit ends the plan. */
static void plan_turns(struct smug_world *w, struct plan *pl, const struct plan_factions *pf, int cap)
{
	bool exhausted[SMUG_FACTIONS_MAX][SMUG_COMMODITY_COUNT];

	memset(exhausted, 0, sizeof exhausted);
	for (int turn = 0; turn < cap && pl->n < cap; turn++) {
		bool any = false;

		for (int i = 0; i < pf->na && pl->n < cap; i++) {
			int f = pf->active[i];
			enum smug_commodity c;
			const struct smug_decision *d;

			if (pf->nranked[i] == 0 || w->n_decisions >= SMUG_SHIPMENTS_PER_DAY_MAX)
				continue;
			c = pf->ranked[i][turn % pf->nranked[i]];
			if (exhausted[i][c])
				continue;
			any = true;
			plan_decision(w, pl, f, turn, c, pf->budget[i]);
			d = &w->decisions[w->n_decisions - 1];
			exhausted[i][c] = d->skip == SMUG_SKIP_NO_SOURCE || d->skip == SMUG_SKIP_NO_DEMAND ||
					  d->skip == SMUG_SKIP_NO_BUYERS ||
					  d->skip == SMUG_SKIP_CANNOT_AFFORD;
			if (d->skip == SMUG_SKIP_TRANSIT_FULL)
				turn = cap; /* nothing more can be sent today */
		}
		if (!any)
			break;
	}
}

/* The plan's end: each decision explained and counted, the day's plan
 * figures, and the wards' debts cleared for the next plan. */
static void plan_end(struct smug_world *w, struct plan *pl, const struct plan_factions *pf, int cap)
{
	for (int i = 0; i < w->n_decisions; i++) {
		explain_record(w, &w->decisions[i]);
		w->tel.plan.skipped[w->decisions[i].skip] += w->decisions[i].skip != SMUG_SKIP_NONE;
	}
	w->tel.plan.days++;
	w->tel.plan.decisions += w->n_decisions;
	w->tel.plan.cap_days += cap > 0 && pl->n >= cap;
	for (int i = 0; i < pf->na; i++)
		w->factions[pf->active[i]].net.last_run_day = w->day;
	if (pl->memo->n_owed_wards > pl->memo->n_wards)
		memset(pl->owed, 0, (size_t)pl->memo->n_wards * sizeof *pl->owed);
	else
		for (int i = 0; i < pl->memo->n_owed_wards; i++)
			pl->owed[pl->memo->owed_wards[i]] = 0;
	pl->memo->n_owed_wards = 0;
}

void smuggling_plan(struct smug_world *w)
{
	struct plan *pl = xmalloc(sizeof *pl); /* an item's every field is written when it is added */
	struct plan_factions pf;
	int cap = w->cfg.smuggling.max_shipments_per_day;
	bool short_today = false, any_borders = false;

	w->n_decisions = 0;
	w->decisions_day = w->day;
	w->route_evals_today = 0;
	/* w->launch is empty here: logistics_step takes the day's launches
	 * right after this plan, and a new, loaded or copied world starts
	 * with none (shipments_init) */
	pl->n = 0;
	pl->n_scored = 0;
	memset(pl->committed, 0, sizeof pl->committed);
	pl->memo = plan_memo_begin(w);
	/* what each ward's buyers already owe for shipments on the way (the
	 * memo's array, all 0: only the wards a plan touched are cleared, not
	 * the whole map every day) */
	pl->owed = pl->memo->owed;
	for (int i = 0; i < w->n_shipments; i++) {
		const struct smug_shipment *s = &w->shipment_slots[w->in_transit[i]];

		plan_owe(pl, s->dst_ward, s->sale_price);
	}
	plan_factions_begin(w, pl, &pf);
	plan_turns(w, pl, &pf, cap);
	for (int i = 0; i < pf.na; i++) {
		bool borders = false;

		short_today |= allocate_bribes(w, pl, pf.active[i], pf.budget[i], &borders);
		any_borders |= borders;
	}
	w->tel.plan.budget_days += any_borders;
	w->tel.plan.budget_short_days += short_today;
	for (int i = 0; i < pl->n; i++)
		create_shipment(w, pl, &pl->items[i]);
	plan_end(w, pl, &pf, cap);
	free(pl);
}
