/* Customs at a border (spec §6, §9.1; reference 0275 and §5): tariff,
 * inspection roll, detection roll, and on detection the officer's choice
 * between the bribe and a seizure. The destination ward's dials apply.
 *   corruptibility κ = clamp01(bribe_tolerance + corruption_accept ×
 *       corruption − enforcement_accept × enforcement_points)
 *   required bribe R = bribe_required_fraction × value × alert × (1 − κ),
 *       alert = 1 + alert_gain × crackdown intensity
 *   acceptance = κ·φ + boost·(1 − κ·φ), boost = min(bribery_effect_max,
 *       bribe_accept × 2r/(1 + r))·φ for an offer r = offered / R,
 *       φ = max(bribe_floor, 1 − bribe_shrink × intensity) (witnesses)
 * so an offer lowers the seizure odds by at most bribery_effect_max, and
 * a crackdown raises the price and shrinks the effect. Without an offer
 * the officer may still take his own price (fallback_bribe_*) with
 * chance κ·φ; a network whose bribe budget fraction is 0 pays no bribe at
 * all. Probabilities are
 * pure functions; the check draws keyed by (day, shipment, border). The
 * planner's public odds (customs_public_odds) are the same formulas
 * without a crackdown, which smugglers only learn by experience. */
#include <stdio.h>

#include "core.h"

static int64_t round_minor(double x)
{
	return x <= 0 ? 0 : (int64_t)(x + 0.5);
}

double customs_corruptibility(const struct smug_world *w, int ward)
{
	const struct smug_customs_config *cc = &w->cfg.customs;
	const struct smug_customs_policy *pol = &w->wards[ward].customs;

	return clamp01(pol->bribe_tolerance + cc->corruption_accept * w->wards[ward].sig.corruption -
		       cc->enforcement_accept * pol->enforcement_points);
}

/* Added acceptance of an offer at r times the required bribe, before
 * crackdown pressure: 0 without an offer, bribe_accept at r = 1, rising
 * toward twice that, never above bribery_effect_max. */
double customs_offer_boost(const struct smug_customs_config *cc, double r)
{
	double b;

	if (!(r > 0))
		return 0;
	b = cc->bribe_accept * 2.0 * r / (1.0 + r);
	return b < cc->bribery_effect_max ? b : cc->bribery_effect_max;
}

/* Inspection and detection odds of ward `dest` without heat and
 * crackdown: the published dials. */
static void public_dials(const struct smug_world *w, int dest, double *p_inspect, double *p_detect)
{
	const struct smug_customs_config *cc = &w->cfg.customs;
	const struct smug_customs_policy *pol = &w->wards[dest].customs;

	*p_inspect = clamp01(cc->base_inspection_rate * (1.0 + pol->inspection_bias));
	*p_detect = clamp01(cc->contraband_detection_base * (1.0 + pol->contraband_bias) *
			    (1.0 - cc->corruption_detection * w->wards[dest].sig.corruption));
}

static double tariff_fraction(const struct smug_world *w, int dest)
{
	double m = 1.0 + w->wards[dest].customs.tariff_bias;

	return w->cfg.customs.base_tariff_rate * (m > 0 ? m : 0);
}

void customs_probs(const struct smug_world *w, int corridor, int dest_ward, double heat,
		   int64_t value, int64_t offered, bool bribes, struct customs_probs *out)
{
	const struct smug_customs_config *cc = &w->cfg.customs;
	const struct smug_crackdown_config *ck = &w->cfg.crackdown;
	double i = crackdown_intensity(w, corridor);
	double phi = 1.0 - ck->bribe_shrink * i;
	double p_inspect, p_detect;

	if (phi < ck->bribe_floor)
		phi = ck->bribe_floor;
	public_dials(w, dest_ward, &p_inspect, &p_detect);
	out->intensity = i;
	out->corruptibility = customs_corruptibility(w, dest_ward);
	out->p_inspect = clamp01(p_inspect * (1.0 + ck->inspection_gain * i));
	out->p_detect = clamp01(p_detect * heat * (1.0 + ck->detection_gain * i));
	out->required = cc->bribe_required_fraction * (double)value * (1.0 + ck->alert_gain * i) *
			(1.0 - out->corruptibility);
	out->offer_ratio = 0;
	if (offered > 0)
		out->offer_ratio = out->required > 0 ? (double)offered / out->required : 1e9;
	out->p_accept_base = bribes ? out->corruptibility * phi : 0;
	out->bribe_boost = bribes ? customs_offer_boost(cc, out->offer_ratio) * phi : 0;
	out->p_accept = customs_acceptance(cc, out->corruptibility, out->offer_ratio, phi, bribes);
	out->p_seize = out->p_inspect * out->p_detect * (1.0 - out->p_accept);
	out->tariff = round_minor((double)value * tariff_fraction(w, dest_ward));
	out->fallback_bribe = round_minor(cc->fallback_bribe_fraction * (double)value +
					  cc->fallback_tariff_share * (double)out->tariff);
}

double customs_acceptance(const struct smug_customs_config *cc, double kappa, double r, double phi,
			  bool bribes)
{
	if (!bribes)
		return 0;
	return customs_accept_boosted(kappa * phi, customs_offer_boost(cc, r) * phi);
}

void customs_public_odds(const struct smug_world *w, int dest_ward, struct customs_odds *out)
{
	double p_inspect, p_detect;

	public_dials(w, dest_ward, &p_inspect, &p_detect);
	out->p_found = p_inspect * p_detect;
	out->kappa = customs_corruptibility(w, dest_ward);
	out->tariff = tariff_fraction(w, dest_ward);
	out->required = w->cfg.customs.bribe_required_fraction * (1.0 - out->kappa);
}

static int64_t offered_at(const struct smug_shipment *s, int corridor)
{
	int lo = 0, hi = s->n_bribes - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (s->bribe_map[mid].corridor == corridor)
			return s->bribe_map[mid].amount;
		if (s->bribe_map[mid].corridor < corridor)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

enum smug_outcome customs_cross(struct smug_world *w, struct smug_shipment *s, int corridor,
				int dest_ward)
{
	struct smug_faction *fa = &w->factions[s->faction];
	struct smug_border_stats *b = &w->border_stats[corridor];
	struct customs_probs p;
	int64_t offered = offered_at(s, corridor), tariff = 0, bribe = 0;
	bool inspected = false, detected = false, seized = false;
	struct smug_event *ev;

	if (w->tel.today.customs_checks >= w->cfg.customs.max_checks_per_day)
		return SMUG_OUTCOME_IN_TRANSIT; /* the post is saturated: waved through */
	customs_probs(w, corridor, dest_ward, w->commodities[s->commodity].heat, s->value, offered,
		      fa->net.bribe_budget_fraction > 0, &p);
	b->checks++;
	w->tel.today.customs_checks++;
	tariff = ledger_post(&w->ledger, w->day, fa->account, w->wards[dest_ward].account, p.tariff,
			     SMUG_TX_CUSTOMS_TARIFF);
	s->tariffs_paid += tariff;
	b->tariffs += tariff;
	w->tel.today.tariffs += tariff;
	w->tel.today.profit -= tariff;
	fa->net.tariffs_paid += tariff;
	inspected = draw_u01(w, "inspect", w->day, s->id, (uint64_t)corridor, 0) < p.p_inspect;
	if (inspected) {
		b->inspections++;
		detected = draw_u01(w, "detect", w->day, s->id, (uint64_t)corridor, 0) < p.p_detect;
	}
	if (detected) {
		b->detections++;
		if (draw_u01(w, "bribe", w->day, s->id, (uint64_t)corridor, 0) < p.p_accept)
			bribe = ledger_post(&w->ledger, w->day, fa->account, w->ledger.blackmarket,
					    offered > 0 ? offered : p.fallback_bribe,
					    SMUG_TX_CUSTOMS_BRIBE);
		seized = bribe == 0; /* refused, or nothing left to pay with */
	}
	if (bribe > 0) {
		s->bribes_paid += bribe;
		b->bribes += bribe;
		b->bribes_today += bribe;
		w->wards[dest_ward].bribes_today += bribe;
		w->tel.today.bribes_spent += bribe;
		w->tel.today.profit -= bribe;
		fa->net.bribes_spent += bribe;
	}
	if (seized) {
		b->seizures++;
		b->seizures_today++;
	}
	s->hop_cost[s->hop] = tariff + bribe;
	telemetry_customs(w, corridor, inspected, seized, tariff, bribe);
	ev = telemetry_shipment_event(w, SMUG_EV_CUSTOMS_CHECK, s, corridor, tariff + bribe);
	ev->flags = (inspected ? SMUG_EVF_INSPECTED : 0u) | (detected ? SMUG_EVF_FOUND : 0u) |
		    (seized ? SMUG_EVF_SEIZED : 0u);
	ev->u.v.money = bribe;
	return seized ? SMUG_OUTCOME_SEIZED : SMUG_OUTCOME_IN_TRANSIT;
}
