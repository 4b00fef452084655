/* Explain records (DESIGN §4 stage 9). The plan keeps, per decision, the
 * winner, the runner-up, the winner's score and the margin, and files a
 * compact summary in a bounded ring. The full record (every candidate
 * with its per-edge terms, and the smallest single change of one estimate
 * that flips the choice) is rebuilt on demand by smug_explain_decision()
 * from the same candidate routes and the faction's plan-time estimates,
 * summed in the same order, so it agrees with the plan to the bit. The
 * public priors it reads come from the wards' customs and signals, which
 * change only in stage 1 of the next day: the same step that replaces the
 * day's decisions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

const char *const smug_demand_term_names[SMUG_DEMAND_TERMS] = {"tolerance", "shortage", "corruption", "raider",
								 "war"};
const char *const smug_source_term_names[SMUG_SOURCE_TERMS] = {"raider", "precursor", "blackmarket"};

static bool route_has_corridor(const struct smug_explain_candidate *c, int corridor)
{
	for (int e = 0; e + 1 < c->n_nodes; e++)
		if (c->edges[e].corridor == corridor)
			return true;
	return false;
}

/* Smallest change of one risk_est or cost_est that closes the margin:
 * raising an estimate on an edge only the winner uses, or lowering one
 * on an edge only the runner-up uses. Also the lever: the smallest rise
 * of risk_est on a border only the winner crosses. */
static void explain_flip(const struct smug_world *w, const struct smug_decision *d,
			 struct smug_explanation *x)
{
	const struct smug_explain_candidate *win = &x->cand[d->winner];
	const struct smug_explain_candidate *run = &x->cand[d->runner];
	double v = (double)d->value;
	double pen = 1.0 + w->commodities[d->commodity].seizure_penalty;
	double best = 2.0, lever = 2.0;

	x->flip_corridor = x->lever_corridor = -1;
	if (v <= 0)
		return;
	for (int side = 0; side < 2; side++) {
		const struct smug_explain_candidate *c = side == 0 ? win : run;
		const struct smug_explain_candidate *o = side == 0 ? run : win;
		double sign = side == 0 ? 1.0 : -1.0;

		for (int e = 0; e + 1 < c->n_nodes; e++) {
			const struct smug_explain_edge *g = &c->edges[e];
			double dr = d->margin / (v * pen), dc = d->margin / v;

			if (route_has_corridor(o, g->corridor))
				continue;
			if (g->risk_est + sign * dr >= 0 && g->risk_est + sign * dr <= 1 && dr < best) {
				best = dr;
				x->flip_corridor = g->corridor;
				x->flip_cost = false;
				x->flip_from = g->risk_est;
				x->flip_to = g->risk_est + sign * dr;
			}
			if (side == 0 && g->border && g->risk_est + dr <= 1 && dr < lever) {
				lever = dr;
				x->lever_corridor = g->corridor;
				x->lever_from = g->risk_est;
				x->lever_to = g->risk_est + dr;
			}
			if (g->border && g->cost_est + sign * dc >= 0 &&
			    g->cost_est + sign * dc <= 1 && dc < best) {
				best = dc;
				x->flip_corridor = g->corridor;
				x->flip_cost = true;
				x->flip_from = g->cost_est;
				x->flip_to = g->cost_est + sign * dc;
			}
		}
	}
	if (x->flip_corridor < 0) {
		char m[32];

		smug_money_format((int64_t)(d->margin + 0.5), m, sizeof m); /* scores are in minor units */
		snprintf(x->flip, sizeof x->flip, "no single estimate change flips it (margin %s cr)", m);
	} else
		snprintf(x->flip, sizeof x->flip, "%s of %s from %.3f to %.3f flips to candidate #%d",
			 x->flip_cost ? "cost_est" : "risk_est", w->corridors[x->flip_corridor].id,
			 x->flip_from, x->flip_to, d->runner + 1);
}

/* Every term of one candidate, summed edge by edge in route order as the
 * plan's score_candidate() sums them. */
static void explain_candidate(const struct smug_world *w, const struct smug_network *n,
			      const struct route_path *p, int64_t value, double penalty, double heat,
			      struct smug_explain_candidate *cd)
{
	double v = (double)value;

	memcpy(cd->nodes, p->nodes, (size_t)p->n_nodes * sizeof p->nodes[0]);
	cd->n_nodes = p->n_nodes;
	cd->expected_loss = cd->expected_cost = 0;
	cd->travel_days = 0;
	for (int e = 0; e < p->n_nodes - 1; e++) {
		int c = p->corridors[e];
		struct smug_explain_edge *x = &cd->edges[e];
		struct smug_belief b;

		x->corridor = c;
		x->border = w->corridors[c].border;
		x->known = smuggling_estimate(w, n, n->plan_stats, n->n_plan_stats, c, p->nodes[e], &b);
		x->risk_est = smuggling_belief_risk(&b, heat);
		x->cost_est = b.cost;
		x->expected_loss = x->risk_est * v * (1.0 + penalty);
		x->expected_cost = x->cost_est * v;
		cd->expected_loss += x->expected_loss;
		cd->expected_cost += x->expected_cost;
		cd->travel_days += w->corridors[c].travel_days;
	}
	cd->travel_term = w->cfg.smuggling.travel_weight * (double)cd->travel_days * v;
	cd->score = cd->expected_loss + cd->expected_cost + cd->travel_term;
}

enum smug_status smug_explain_decision(const struct smug_world *w, int i,
				       struct smug_explanation *x)
{
	const struct smug_decision *d;
	struct route_path *paths;
	int np;

	if (w == NULL || x == NULL || i < 0 || i >= w->n_decisions)
		return SMUG_ERR_ARG;
	d = &w->decisions[i];
	memset(x, 0, sizeof *x);
	x->winner = d->winner;
	x->runner = d->runner;
	x->margin = d->margin;
	x->flip_corridor = x->lever_corridor = -1;
	if (d->n_cand == 0)
		return SMUG_OK;
	paths = xcalloc(SMUG_ROUTE_TOPK_MAX, sizeof *paths);
	np = route_candidates_copy(w, w->wards[d->src_ward].gate_node,
				   w->wards[d->dst_ward].gate_node, w->cfg.smuggling.route_topk,
				   paths);
	if (np > w->cfg.smuggling.route_topk)
		np = w->cfg.smuggling.route_topk;
	if (np != d->n_cand) { /* a hand-edited world whose graph changed */
		free(paths);
		return SMUG_ERR_NOT_FOUND;
	}
	for (int c = 0; c < np; c++)
		explain_candidate(w, &w->factions[d->faction].net, &paths[c], d->value,
				  w->commodities[d->commodity].seizure_penalty,
				  w->commodities[d->commodity].heat, &x->cand[c]);
	x->n_cand = np;
	free(paths);
	if (d->winner >= 0 && d->runner >= 0)
		explain_flip(w, d, x);
	else if (d->winner >= 0)
		snprintf(x->flip, sizeof x->flip, "only one candidate route");
	return SMUG_OK;
}

void explain_record(struct smug_world *w, const struct smug_decision *d)
{
	struct smug_decision_summary *s = &w->explain_hist[w->explain_head];

	w->explain_head = (w->explain_head + 1) % SMUG_EXPLAIN_HISTORY;
	if (w->explain_count < SMUG_EXPLAIN_HISTORY)
		w->explain_count++;
	*s = (struct smug_decision_summary){
		.day = d->day,
		.faction = d->faction,
		.commodity = d->commodity,
		.src_ward = d->src_ward,
		.dst_ward = d->dst_ward,
		.n_cand = d->n_cand,
		.winner_score = d->winner >= 0 ? d->winner_score : 0,
		.margin = d->margin,
		.shipment = d->shipment,
	};
}

/* The chance a crossing of `corridor` from `from` fails, under the
 * world's crackdowns, for decision d's cargo offering `offered` there:
 * predation (a corridor crackdown suppresses it), then at a border the
 * customs seizure. */
static double failure_chance(const struct smug_world *w, const struct smug_decision *d, int corridor,
			     int from, int64_t offered)
{
	const struct smug_corridor *k = &w->corridors[corridor];
	const struct smug_network *n = &w->factions[d->faction].net;
	struct customs_probs p;
	struct smug_world *c;
	double pred, m;

	if (!k->border) {
		/* the predation of the same corridor with its hazard suppressed */
		m = 1.0 - w->cfg.crackdown.hazard_shrink * crackdown_intensity(w, corridor);
		c = smug_world_clone(w);
		c->corridors[corridor].hazard *= m > 0.1 ? m : 0.1;
		pred = smuggling_predation(c, corridor);
		smug_world_free(c);
		return pred;
	}
	pred = smuggling_predation(w, corridor);
	customs_probs(w, corridor, smug_corridor_dest_ward(w, corridor, from),
		      w->commodities[d->commodity].heat, d->value, offered, n->bribe_budget_fraction > 0, &p);
	return pred + (1.0 - pred) * p.p_seize;
}

/* What the shipment of decision d offered at `corridor`, 0 if unknown. */
static int64_t offered_by(const struct smug_world *w, const struct smug_decision *d, int corridor)
{
	for (int i = 0; i < w->n_shipments; i++) {
		const struct smug_shipment *s = smug_shipment_in_transit(w, i);

		if (s->id != d->shipment)
			continue;
		for (int b = 0; b < s->n_bribes; b++)
			if (s->bribe_map[b].corridor == corridor)
				return s->bribe_map[b].amount;
	}
	return 0;
}

/* The estimate a what-if drops from network n's full list of plan-time
 * estimates to make room for the crackdown's: the least recently updated
 * (ties: the smaller key, as a faction's own list drops) of those no
 * candidate route of decision i crosses, so every other edge the
 * decision weighs keeps the estimate the plan had. When the candidates
 * cross every listed edge (at most 64 routes of 47 corridors against 256
 * estimates), the least recently updated of all. x is scratch. */
static int whatif_victim(const struct smug_world *w, int i, const struct smug_network *n,
			 struct smug_explanation *x)
{
	bool used[SMUG_EDGE_STATS_MAX] = {false};
	int v = -1, any = 0;

	if (smug_explain_decision(w, i, x) == SMUG_OK) {
		for (int k = 0; k < x->n_cand; k++)
			for (int e = 0; e + 1 < x->cand[k].n_nodes; e++) {
				int j = smuggling_stats_index(w, n->plan_stats, n->n_plan_stats,
							      x->cand[k].edges[e].corridor, x->cand[k].nodes[e]);

				if (j >= 0)
					used[j] = true;
			}
	}
	for (int j = 1; j < n->n_plan_stats; j++)
		if (n->plan_stats[j].last_update_day < n->plan_stats[any].last_update_day)
			any = j;
	for (int j = 0; j < n->n_plan_stats; j++)
		if (!used[j] && (v < 0 || n->plan_stats[j].last_update_day < n->plan_stats[v].last_update_day))
			v = j;
	return v >= 0 ? v : any;
}

/* The direction decision i crosses corridor: on the route taken, else
 * (an explored decision's lever is on the winner's route) the way the
 * winner crosses it, else from its end a. out->x is scratch here. */
static int whatif_from(const struct smug_world *w, int i, int corridor, struct smug_whatif *out)
{
	const struct smug_decision *d = &w->decisions[i];
	const struct smug_corridor *kk = &w->corridors[corridor];
	int from = -1;

	for (int k = 0; k + 1 < d->route_len && from < 0; k++)
		if ((kk->a == d->route[k] && kk->b == d->route[k + 1]) ||
		    (kk->b == d->route[k] && kk->a == d->route[k + 1]))
			from = d->route[k];
	if (from < 0 && d->winner >= 0 && smug_explain_decision(w, i, &out->x) == SMUG_OK) {
		const struct smug_explain_candidate *win = &out->x.cand[d->winner];

		for (int k = 0; k + 1 < win->n_nodes && from < 0; k++)
			if (win->edges[k].corridor == corridor)
				from = win->nodes[k];
		memset(&out->x, 0, sizeof out->x);
	}
	return from < 0 ? kk->a : from;
}

/* Statistic e (corridor e.corridor entered from e.from_node) into the
 * copy's plan statistics n, in key order: replacing the one it has, or
 * inserted, making room when the list is full by dropping the entry
 * whatif_victim names (decision i of w). out->x is scratch here. */
static void whatif_put_stats(const struct smug_world *w, const struct smug_world *c, int i,
			     struct smug_network *n, const struct smug_edge_stats *e, struct smug_whatif *out)
{
	int corridor = e->corridor, from = e->from_node, at;
	int key = 2 * corridor + (c->corridors[corridor].b == from);

	for (at = 0; at < n->n_plan_stats &&
		     2 * n->plan_stats[at].corridor +
				     (c->corridors[n->plan_stats[at].corridor].b == n->plan_stats[at].from_node) <
			     key;
	     at++)
		;
	if (at < n->n_plan_stats && n->plan_stats[at].corridor == corridor && n->plan_stats[at].from_node == from) {
		n->plan_stats[at].risk_est = e->risk_est;
		return;
	}
	if (n->n_plan_stats == SMUG_EDGE_STATS_MAX) {
		int v = whatif_victim(w, i, n, &out->x);

		memset(&out->x, 0, sizeof out->x);
		memmove(&n->plan_stats[v], &n->plan_stats[v + 1],
			(size_t)(n->n_plan_stats - v - 1) * sizeof n->plan_stats[0]);
		n->n_plan_stats--;
		at -= v < at;
	}
	memmove(&n->plan_stats[at + 1], &n->plan_stats[at], (size_t)(n->n_plan_stats - at) * sizeof n->plan_stats[0]);
	n->plan_stats[at] = *e;
	n->n_plan_stats++;
}

enum smug_status smug_explain_whatif(const struct smug_world *w, int i, int corridor,
				     double intensity, struct smug_whatif *out)
{
	const struct smug_decision *d;
	struct smug_world *c;
	struct smug_network *n;
	enum smug_status st;
	int from;
	struct smug_edge_stats e;

	if (w == NULL || out == NULL || i < 0 || i >= w->n_decisions || corridor < 0 ||
	    corridor >= w->n_corridors || !(intensity > 0 && intensity <= 1))
		return SMUG_ERR_ARG;
	d = &w->decisions[i];
	memset(out, 0, sizeof *out);
	out->corridor = corridor;
	out->intensity = intensity;
	out->winner_before = d->winner;
	from = whatif_from(w, i, corridor, out);
	/* a private copy: the crackdown and the changed estimate never touch w */
	c = smug_world_clone(w);
	n = &c->factions[d->faction].net;
	{
		struct smug_belief b;

		smuggling_estimate(c, n, n->plan_stats, n->n_plan_stats, corridor, from, &b);
		out->risk_before = smuggling_belief_risk(&b, c->commodities[d->commodity].heat);
		e = (struct smug_edge_stats){.corridor = corridor, .from_node = from, .cost_est = b.cost,
					     .last_update_day = c->day, .uses = 1};
	}
	st = smug_cmd_crackdown_set(c, w->corridors[corridor].id, intensity, -1, NULL);
	if (st == SMUG_OK) {
		double mix = smuggling_heat_mix(c, n), heat = c->commodities[d->commodity].heat;

		out->risk_after = failure_chance(c, d, corridor, from, offered_by(w, d, corridor));
		/* the statistic that plans this cargo at risk_after (a border's
		 * is kept for the cargo mix and scaled by heat) */
		e.risk_est = c->corridors[corridor].border && heat > 0 ? clamp01(out->risk_after * mix / heat)
								     : out->risk_after;
		whatif_put_stats(w, c, i, n, &e, out);
		st = smug_explain_decision(c, i, &out->x);
	}
	if (st == SMUG_OK) {
		/* the plan picks the lowest score, ties by route order */
		out->winner_after = -1;
		for (int k = 0; k < out->x.n_cand; k++)
			if (out->winner_after < 0 || out->x.cand[k].score < out->x.cand[out->winner_after].score)
				out->winner_after = k;
	}
	smug_world_free(c);
	return st;
}
