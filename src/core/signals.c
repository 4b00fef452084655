/* Signal dynamics (stage 1) and the world's daily money flows. Per ward,
 * from yesterday's bribes and deliveries: black-market flow is an EMA of
 * bribes taken; corruption rises with bribes, falls with audit and is
 * pulled back toward its scenario value; tolerance creeps up with
 * shortage where corruption is high and decays toward its base; each
 * shortage eases with deliveries and regenerates toward its base; raider
 * influence decays toward its base. Every signal's daily change is
 * clamped to ±max_daily_delta and its value to [0,1], so nothing runs
 * away over centuries. Money: networks pay UPKEEP to their home ward;
 * wards spend (burn) 1% of their balance a day. */
#include "core.h"

#define WARD_SPENDING_RATE 0.01
#define BASE_PULL 0.01 /* daily pull of corruption back toward its base */

static double step_toward(double v, double delta, double max_delta)
{
	return clamp01(v + clampd(delta, -max_delta, max_delta));
}

void signals_step(struct smug_world *w)
{
	const struct smug_signals_config *c = &w->cfg.signals;
	double md = c->max_daily_delta;

	for (int i = 0; i < w->n_wards; i++) {
		struct smug_ward *wa = &w->wards[i];
		struct smug_signals *s = &wa->sig;
		const struct smug_signals *b = &wa->base;
		double bm = clamp01((double)wa->bribes_today / c->bribe_norm);
		double short_avg = 0;
		double d;

		s->blackmarket_flow = clamp01((1.0 - c->blackmarket_alpha) * s->blackmarket_flow +
					      c->blackmarket_alpha * bm);
		d = c->corruption_per_bribe * bm - c->audit_pull * s->audit * s->corruption +
		    BASE_PULL * (b->corruption - s->corruption);
		s->corruption = step_toward(s->corruption, d, md);
		for (int g = 0; g < SMUG_GOOD_COUNT; g++) {
			d = -c->shortage_ease * wa->delivered_today[g] +
			    c->shortage_regen * (b->shortage[g] - s->shortage[g]);
			s->shortage[g] = step_toward(s->shortage[g], d, md);
			short_avg += s->shortage[g] / SMUG_GOOD_COUNT;
		}
		d = (s->corruption > 0.4 ? 0.04 * short_avg * 0.05 : 0.0) +
		    c->tolerance_decay * (b->smuggling_tolerance - s->smuggling_tolerance) * 10.0;
		s->smuggling_tolerance = step_toward(s->smuggling_tolerance, d, md);
		d = c->raider_decay * (b->raider_influence - s->raider_influence) * 10.0;
		s->raider_influence = step_toward(s->raider_influence, d, md);
		wa->bribes_today = 0;
		for (int g = 0; g < SMUG_GOOD_COUNT; g++)
			wa->delivered_today[g] = 0;
		ledger_post(&w->ledger, w->day, wa->account, -1,
			    (int64_t)((double)w->ledger.accounts[wa->account].balance * WARD_SPENDING_RATE),
			    SMUG_TX_WARD_SPENDING);
	}
	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_faction *fa = &w->factions[f];

		if (!fa->runs_network)
			continue;
		ledger_post(&w->ledger, w->day, fa->account, w->wards[fa->home_ward].account,
			    (int64_t)((double)w->ledger.accounts[fa->account].balance *
				      w->cfg.smuggling.upkeep_fraction),
			    SMUG_TX_UPKEEP);
	}
}

void signals_on_resolution(struct smug_world *w, const struct smug_shipment *s)
{
	const struct smug_signals_config *c = &w->cfg.signals;

	if (s->status == SMUG_OUTCOME_DELIVERED) {
		int last = -1;

		for (int i = 0; i < s->n_nodes; i++) {
			int ward = w->nodes[s->nodes[i]].ward;

			if (ward == last)
				continue;
			last = ward;
			w->wards[ward].sig.raider_influence =
				clamp01(w->wards[ward].sig.raider_influence + c->raider_gain);
		}
	} else if (s->resolved_corridor >= 0) {
		int ward = w->nodes[s->nodes[s->hop]].ward;

		w->wards[ward].sig.raider_influence =
			clamp01(w->wards[ward].sig.raider_influence - c->raider_loss);
	}
}
