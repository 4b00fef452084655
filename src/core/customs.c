/* Customs at a border (spec §6, §9.1): tariff, inspection roll, detection
 * roll, and on detection the officer's choice between the bribe and a
 * seizure. A bribe-map offer raises acceptance by at most
 * bribery_effect_max (scaled by the offer against the required bribe and
 * by the ward's tolerance), and a crackdown shrinks that effect too, so
 * no bribe ever guarantees clearance. Probabilities are pure functions
 * (customs_probs); the check draws keyed by (day, shipment, border). */
#include <stdio.h>

#include "core.h"

static int64_t round_minor(double x)
{
	return x <= 0 ? 0 : (int64_t)(x + 0.5);
}

void customs_probs(const struct smug_world *w, int corridor, int dest_ward, int64_t value,
		   int64_t offered, struct customs_probs *out)
{
	const struct smug_customs_config *cc = &w->cfg.customs;
	const struct smug_crackdown_config *ck = &w->cfg.crackdown;
	const struct smug_customs_policy *pol = &w->wards[dest_ward].customs;
	const struct smug_signals *sig = &w->wards[dest_ward].sig;
	double i = crackdown_intensity(w, corridor);
	double shrink = 1.0 - ck->bribe_shrink * i;
	double offer_ratio = 0;
	double tariff_mult = 1.0 + pol->tariff_bias;

	if (shrink < ck->bribe_floor)
		shrink = ck->bribe_floor;
	out->p_inspect = clamp01(cc->base_inspection_rate * (1.0 + pol->inspection_bias) *
				 (1.0 + ck->inspection_gain * i));
	out->p_detect = clamp01(cc->contraband_detection_base * (1.0 + pol->contraband_bias) *
				(1.0 - 0.5 * sig->corruption) * (1.0 + ck->detection_gain * i));
	out->p_accept_base = clamp01((pol->bribe_tolerance + 0.4 * sig->corruption -
				      0.005 * pol->enforcement_points) * shrink);
	if (value > 0 && offered > 0) {
		offer_ratio = (double)offered / (cc->bribe_required_fraction * (double)value);
		if (offer_ratio > 1)
			offer_ratio = 1;
	}
	out->bribe_boost = cc->bribery_effect_max * offer_ratio * (0.5 + 0.5 * pol->bribe_tolerance) *
			   (0.5 + 0.5 * sig->smuggling_tolerance) * shrink;
	out->p_accept = out->p_accept_base + out->bribe_boost * (1.0 - out->p_accept_base);
	out->p_seize = out->p_inspect * out->p_detect * (1.0 - out->p_accept);
	out->tariff = round_minor((double)value * cc->base_tariff_rate * (tariff_mult > 0 ? tariff_mult : 0));
	out->fallback_bribe = round_minor(0.25 * (double)value + 0.5 * (double)out->tariff);
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
	struct sbuf sb;

	if (w->tel.today.customs_checks >= w->cfg.customs.max_checks_per_day)
		return SMUG_OUTCOME_IN_TRANSIT; /* the post is saturated: waved through */
	customs_probs(w, corridor, dest_ward, s->value, offered, &p);
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
	sb_init(&sb, ev->detail, sizeof ev->detail);
	sb_str(&sb, inspected ? "inspected" : "cleared", SIZE_MAX);
	if (detected)
		sb_str(&sb, ", contraband found", SIZE_MAX);
	if (bribe > 0)
		sb_str(&sb, ", bribe taken ", SIZE_MAX);
	if (seized)
		sb_str(&sb, ", SEIZED", SIZE_MAX);
	else if (bribe > 0)
		sb_money(&sb, bribe);
	return seized ? SMUG_OUTCOME_SEIZED : SMUG_OUTCOME_IN_TRANSIT;
}
