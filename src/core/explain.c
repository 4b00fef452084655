/* Explain records (DESIGN §4 stage 9): the winner's margin over the
 * runner-up and the smallest single change of one edge estimate that
 * would flip the choice; compact summaries kept in a bounded ring. */
#include <stdio.h>

#include "core.h"

static bool route_has_corridor(const struct smug_explain_candidate *c, int corridor)
{
	for (int e = 0; e + 1 < c->n_nodes; e++)
		if (c->edges[e].corridor == corridor)
			return true;
	return false;
}

/* Smallest change of one risk_est or cost_est that closes the margin:
 * raising an estimate on an edge only the winner uses, or lowering one
 * on an edge only the runner-up uses. */
static void explain_flip(const struct smug_world *w, struct smug_decision *d, int runner)
{
	const struct smug_explain_candidate *win = &d->cand[d->winner];
	const struct smug_explain_candidate *run = &d->cand[runner];
	double v = (double)d->value;
	double pen = 1.0 + w->commodities[d->commodity].seizure_penalty;
	double best = 2.0, from = 0, to = 0;
	int best_corr = -1;
	const char *what = "";

	if (v <= 0)
		return;
	for (int side = 0; side < 2; side++) {
		const struct smug_explain_candidate *c = side == 0 ? win : run;
		const struct smug_explain_candidate *o = side == 0 ? run : win;
		double sign = side == 0 ? 1.0 : -1.0;

		for (int e = 0; e + 1 < c->n_nodes; e++) {
			const struct smug_explain_edge *x = &c->edges[e];
			double dr = d->margin / (v * pen), dc = d->margin / v;

			if (route_has_corridor(o, x->corridor))
				continue;
			if (x->risk_est + sign * dr >= 0 && x->risk_est + sign * dr <= 1 && dr < best) {
				best = dr;
				best_corr = x->corridor;
				from = x->risk_est;
				to = x->risk_est + sign * dr;
				what = "risk_est";
			}
			if (x->border && x->cost_est + sign * dc >= 0 &&
			    x->cost_est + sign * dc <= 1 && dc < best) {
				best = dc;
				best_corr = x->corridor;
				from = x->cost_est;
				to = x->cost_est + sign * dc;
				what = "cost_est";
			}
		}
	}
	if (best_corr < 0)
		snprintf(d->flip, sizeof d->flip,
			 "no single estimate change flips it (margin %.0f)", d->margin);
	else
		snprintf(d->flip, sizeof d->flip, "%s of %s from %.3f to %.3f flips to candidate #%d",
			 what, w->corridors[best_corr].id, from, to, runner + 1);
}

void explain_finish(struct smug_world *w, struct smug_decision *d)
{
	struct smug_decision_summary *s;
	int runner = -1;

	d->margin = 0;
	if (d->winner >= 0) {
		for (int i = 0; i < d->n_cand; i++)
			if (i != d->winner && (runner < 0 || d->cand[i].score < d->cand[runner].score))
				runner = i;
		if (runner >= 0) {
			d->margin = d->cand[runner].score - d->cand[d->winner].score;
			explain_flip(w, d, runner);
		} else {
			snprintf(d->flip, sizeof d->flip, "only one candidate route");
		}
	}
	s = &w->explain_hist[w->explain_head];
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
		.winner_score = d->winner >= 0 ? d->cand[d->winner].score : 0,
		.margin = d->margin,
		.shipment = d->shipment,
	};
}
