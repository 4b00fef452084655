/* Logistics (stage 6): every shipment in transit advances one day along
 * its route. When a hop completes: a predation roll on the corridor (lost
 * or delayed), customs at a border (seized or cleared), then arrival or
 * the next hop. Resolved shipments (delivered, seized, lost) settle the
 * ledger, feed learning and signals and leave the array, which stays
 * sorted by id. Work per day is O(shipments in transit × 1 hop). */
#include <stdio.h>
#include <string.h>

#include "core.h"

#define MAX_DELAYS 10

bool logistics_add(struct smug_world *w, const struct smug_shipment *s)
{
	if (w->n_shipments >= SMUG_SHIPMENT_CAP)
		return false;
	w->shipments[w->n_shipments++] = *s;
	return true;
}

static void resolve(struct smug_world *w, struct smug_shipment *s, enum smug_outcome o, int at)
{
	struct smug_faction *fa = &w->factions[s->faction];
	struct smug_network *n = &fa->net;
	struct smug_recent_outcome *r;
	struct smug_event *ev;
	struct sbuf sb;
	enum smug_event_kind kind = SMUG_EV_SHIPMENT_DELIVERED;

	s->status = o;
	s->resolved_corridor = at;
	if (o == SMUG_OUTCOME_DELIVERED) {
		int64_t from_bm = ledger_post(&w->ledger, w->day, w->ledger.blackmarket, fa->account,
					      s->sale_price, SMUG_TX_SMUGGLING_PROFIT);
		int64_t minted = ledger_post(&w->ledger, w->day, -1, fa->account,
					     s->sale_price - from_bm, SMUG_TX_SMUGGLING_PROFIT_MINT);

		n->sales += from_bm + minted;
		w->tel.today.profit += from_bm + minted;
		w->tel.today.delivered++;
		n->delivered++;
		w->wards[s->dst_ward].delivered_today[w->commodities[s->commodity].related_good]++;
	} else if (o == SMUG_OUTCOME_SEIZED) {
		int64_t penalty = ledger_post(&w->ledger, w->day, fa->account, w->ledger.treasury,
					      (int64_t)((double)s->value *
							w->commodities[s->commodity].seizure_penalty),
					      SMUG_TX_SEIZURE_PENALTY);

		w->tel.today.profit -= penalty;
		w->tel.today.seized++;
		n->seized++;
		kind = SMUG_EV_SHIPMENT_SEIZED;
	} else {
		w->tel.today.lost++;
		n->lost++;
		kind = SMUG_EV_SHIPMENT_LOST;
	}
	n->in_transit--;
	r = &n->recent[n->recent_head];
	n->recent_head = (n->recent_head + 1) % SMUG_RECENT_OUTCOMES;
	if (n->recent_count < SMUG_RECENT_OUTCOMES)
		n->recent_count++;
	*r = (struct smug_recent_outcome){w->day, s->id, s->commodity, o, at, s->value};
	ev = telemetry_shipment_event(w, kind, s, at, s->value);
	sb_init(&sb, ev->detail, sizeof ev->detail);
	sb_str(&sb, w->wards[s->src_ward].id, 20);
	sb_str(&sb, "->", 2);
	sb_str(&sb, w->wards[s->dst_ward].id, 20);
	sb_str(&sb, " after ", SIZE_MAX);
	sb_int(&sb, w->day - s->created_day + 1);
	sb_str(&sb, " days", SIZE_MAX);
	smuggling_learn(w, s);
	signals_on_resolution(w, s);
}

/* Advance one shipment by a day; returns true while it stays in transit. */
static bool advance(struct smug_world *w, struct smug_shipment *s)
{
	int c, from;
	double u, p;
	const struct smug_corridor *k;

	if (s->n_nodes < 2) {
		resolve(w, s, SMUG_OUTCOME_DELIVERED, -1);
		return false;
	}
	if (--s->days_left > 0)
		return true;
	c = s->corridors[s->hop];
	k = &w->corridors[c];
	from = s->nodes[s->hop];
	p = k->hazard;
	if (!k->border) {
		double m = 1.0 - w->cfg.crackdown.hazard_shrink * crackdown_intensity(w, c);

		p *= m > 0.1 ? m : 0.1; /* patrols on a corridor suppress predation */
	}
	u = draw_u01(w, "predation", w->day, s->id, (uint64_t)c, 0);
	if (u < 0.4 * p) {
		resolve(w, s, SMUG_OUTCOME_LOST, c);
		return false;
	}
	if (u < p && s->delays < MAX_DELAYS) {
		struct smug_event *ev;

		s->days_left = 1;
		s->delays++;
		w->tel.today.delayed++;
		w->factions[s->faction].net.delayed++;
		ev = telemetry_shipment_event(w, SMUG_EV_SHIPMENT_DELAYED, s, c, 0);
		snprintf(ev->detail, sizeof ev->detail, "held up on %.60s", k->id);
		return true;
	}
	if (k->border) {
		telemetry_border_crossed(w, c);
		if (customs_cross(w, s, c, smug_corridor_dest_ward(w, c, from)) == SMUG_OUTCOME_SEIZED) {
			resolve(w, s, SMUG_OUTCOME_SEIZED, c);
			return false;
		}
	}
	s->hop++;
	if (s->hop == s->n_nodes - 1) {
		resolve(w, s, SMUG_OUTCOME_DELIVERED, -1);
		return false;
	}
	s->days_left = w->corridors[s->corridors[s->hop]].travel_days;
	return true;
}

void logistics_step(struct smug_world *w)
{
	int kept = 0;

	for (int i = 0; i < w->n_shipments; i++) {
		if (advance(w, &w->shipments[i])) {
			if (kept != i)
				w->shipments[kept] = w->shipments[i];
			kept++;
		}
	}
	w->n_shipments = kept;
}
