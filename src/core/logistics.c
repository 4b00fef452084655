/* Logistics (stage 6): the day's launches join the road, then every
 * shipment in transit advances one day along its route. When a hop
 * completes: a predation roll on the corridor (lost, or delayed up to
 * max_delays times), customs at a border (seized or cleared), then
 * arrival or the next hop. A resolved shipment settles the ledger — the
 * demand ward's buyers pay for a delivery; a seizure costs the faction
 * its fine and the cargo re-enters the seizing ward, auctioned by the
 * treasury or diverted to the black market — and is filed in w->resolved
 * for learning and signals. A shipment stays in its slot from launch until
 * the day after it ends: the road (w->in_transit) is a list of slots kept
 * sorted by id, so nothing is copied. Work per day is O(shipments in
 * transit × 1 hop). */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

void shipments_init(struct smug_world *w, int n_transit, bool touch)
{
	size_t cap = SMUG_SHIPMENT_CAP;

	assert(n_transit >= 0 && n_transit <= SMUG_SHIPMENT_CAP);
	shipments_done(w);
	w->shipment_slots = xcalloc(cap, sizeof *w->shipment_slots);
	/* Touch the whole bounded array now, so the footprint is fixed from
	 * day 0 instead of creeping up with each new peak of traffic. */
	if (touch)
		memset(w->shipment_slots, 0, cap * sizeof *w->shipment_slots);
	w->in_transit = xcalloc(cap, sizeof *w->in_transit);
	w->resolved = xcalloc(cap, sizeof *w->resolved);
	w->free_slots = xcalloc(cap, sizeof *w->free_slots);
	for (int i = 0; i < n_transit; i++)
		w->in_transit[i] = i;
	w->n_shipments = n_transit;
	/* the lowest free slot on top, so a fresh world fills 0, 1, 2, ... */
	w->n_free_slots = 0;
	for (int i = SMUG_SHIPMENT_CAP - 1; i >= n_transit; i--)
		w->free_slots[w->n_free_slots++] = i;
	w->n_launch = 0;
	w->n_resolved = 0;
}

void shipments_done(struct smug_world *w)
{
	free(w->shipment_slots);
	free(w->in_transit);
	free(w->resolved);
	free(w->free_slots);
	w->shipment_slots = NULL;
	w->in_transit = w->resolved = w->free_slots = NULL;
	w->n_shipments = w->n_free_slots = w->n_launch = w->n_resolved = 0;
}

void shipments_clone(struct smug_world *dst, const struct smug_world *src)
{
	dst->shipment_slots = NULL;
	dst->in_transit = dst->resolved = dst->free_slots = NULL;
	if (src->shipment_slots == NULL) {
		dst->n_shipments = dst->n_free_slots = dst->n_launch = dst->n_resolved = 0;
		return;
	}
	shipments_init(dst, src->n_shipments, true);
	for (int i = 0; i < src->n_shipments; i++)
		dst->shipment_slots[i] = src->shipment_slots[src->in_transit[i]];
}

int shipment_slot_take(struct smug_world *w)
{
	return w->n_free_slots > 0 ? w->free_slots[--w->n_free_slots] : -1;
}

void logistics_release_resolved(struct smug_world *w)
{
	for (int i = 0; i < w->n_resolved; i++)
		w->free_slots[w->n_free_slots++] = w->resolved[i];
	w->n_resolved = 0;
}

/* Seized cargo re-enters the ward that seized it: its buyers pay
 * auction_price × value, to the treasury (an official auction) or, with
 * chance diversion_weight × the ward's corruption, to the black market
 * (a quiet diversion); the goods ease the related shortage. */
static void seized_reenters(struct smug_world *w, const struct smug_shipment *s, int ward,
			    struct smug_event *ev)
{
	const struct smug_economy_config *ec = &w->cfg.economy;
	struct smug_ward *wa = &w->wards[ward];
	bool diverted = draw_u01(w, "divert", w->day, s->id, 0, 0) <
			ec->diversion_weight * wa->sig.corruption;
	int64_t paid = ledger_post(&w->ledger, w->day, wa->buyers,
				   diverted ? w->ledger.blackmarket : w->ledger.treasury,
				   (int64_t)(ec->auction_price * (double)s->value),
				   diverted ? SMUG_TX_SEIZED_DIVERSION : SMUG_TX_SEIZED_AUCTION);

	wa->delivered_today[w->commodities[s->commodity].related_good]++;
	ev->flags |= diverted ? SMUG_EVF_DIVERTED : 0u;
	ev->u.v.money = paid;
}

static void resolve(struct smug_world *w, int slot, enum smug_outcome o, int at)
{
	struct smug_shipment *s = &w->shipment_slots[slot];
	struct smug_faction *fa = &w->factions[s->faction];
	struct smug_network *n = &fa->net;
	struct smug_recent_outcome *r;
	struct smug_event *ev;
	enum smug_event_kind kind = SMUG_EV_SHIPMENT_DELIVERED;
	int64_t paid = 0;

	s->status = o;
	s->resolved_corridor = at;
	if (o == SMUG_OUTCOME_DELIVERED) {
		paid = ledger_post(&w->ledger, w->day, w->wards[s->dst_ward].buyers, fa->account,
				   s->sale_price, SMUG_TX_SMUGGLING_PROFIT);
		n->sales += paid;
		w->tel.today.profit += paid;
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
	ev->u.v.count = w->day - s->created_day + 1;
	if (o == SMUG_OUTCOME_DELIVERED && paid < s->sale_price) {
		ev->flags = SMUG_EVF_SHORT;
		ev->u.v.money = paid;
	}
	if (o == SMUG_OUTCOME_SEIZED)
		seized_reenters(w, s, smug_corridor_dest_ward(w, at, s->nodes[s->hop]), ev);
	w->resolved[w->n_resolved++] = slot;
}

/* Advance one shipment by a day; returns true while it stays in transit. */
static bool advance(struct smug_world *w, int slot)
{
	struct smug_shipment *s = &w->shipment_slots[slot];
	const struct smug_smuggling_config *sc = &w->cfg.smuggling;
	int c, from;
	double u, p;
	const struct smug_corridor *k;

	if (s->n_nodes < 2) {
		resolve(w, slot, SMUG_OUTCOME_DELIVERED, -1);
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
	if (u < sc->hazard_loss_share * p) {
		resolve(w, slot, SMUG_OUTCOME_LOST, c);
		return false;
	}
	if (u < p && s->delays < sc->max_delays) {
		s->days_left = 1;
		s->delays++;
		w->tel.today.delayed++;
		w->factions[s->faction].net.delayed++;
		telemetry_shipment_event(w, SMUG_EV_SHIPMENT_DELAYED, s, c, 0);
		return true;
	}
	if (k->border) {
		telemetry_border_crossed(w, c);
		if (customs_cross(w, s, c, smug_corridor_dest_ward(w, c, from)) == SMUG_OUTCOME_SEIZED) {
			resolve(w, slot, SMUG_OUTCOME_SEIZED, c);
			return false;
		}
	}
	s->hop++;
	if (s->hop == s->n_nodes - 1) {
		resolve(w, slot, SMUG_OUTCOME_DELIVERED, -1);
		return false;
	}
	s->days_left = w->corridors[s->corridors[s->hop]].travel_days;
	return true;
}

void logistics_step(struct smug_world *w)
{
	int kept = 0;

	logistics_release_resolved(w);
	/* launches have larger ids than every shipment on the road; the plan
	 * sends no more than the road has room for */
	assert(w->n_shipments + w->n_launch <= SMUG_SHIPMENT_CAP);
	for (int i = 0; i < w->n_launch; i++)
		w->in_transit[w->n_shipments++] = w->launch[i];
	w->n_launch = 0;
	for (int i = 0; i < w->n_shipments; i++) {
		int slot = w->in_transit[i];

		if (advance(w, slot))
			w->in_transit[kept++] = slot;
	}
	w->n_shipments = kept;
}
