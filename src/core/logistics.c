/* Logistics (stage 6): the day's launches join the road, then every
 * shipment in transit advances one day along its route. When a hop
 * completes: a predation roll on the corridor (lost, or delayed up to
 * max_delays times), customs at a border (seized or cleared), then
 * arrival or the next hop. A resolved shipment settles the ledger — the
 * demand ward's buyers pay for a delivery; a seizure costs the faction
 * its fine and the cargo re-enters the seizing ward, auctioned by the
 * treasury or diverted to the black market — and is filed in w->resolved
 * for learning and signals. The array stays sorted by id. Work per day is
 * O(shipments in transit × 1 hop). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core.h"

void shipment_copy(struct smug_shipment *dst, const struct smug_shipment *src)
{
	int nodes = src->n_nodes < 0 ? 0 : src->n_nodes;
	int hops, bribes;

	if (nodes > SMUG_ROUTE_MAX_NODES)
		nodes = SMUG_ROUTE_MAX_NODES;
	hops = nodes > 1 ? nodes - 1 : 0;
	bribes = src->n_bribes < 0 ? 0 : src->n_bribes;
	if (bribes > SMUG_ROUTE_MAX_NODES - 1)
		bribes = SMUG_ROUTE_MAX_NODES - 1;

	memcpy(dst, src, offsetof(struct smug_shipment, nodes));
	for (int i = 0; i < nodes; i++)
		dst->nodes[i] = src->nodes[i];
	for (int i = 0; i < hops; i++) {
		dst->corridors[i] = src->corridors[i];
		dst->hop_cost[i] = src->hop_cost[i];
		dst->plan_risk[i] = src->plan_risk[i];
	}
	for (int i = 0; i < bribes; i++)
		dst->bribe_map[i] = src->bribe_map[i];
}

static void file_resolved(struct smug_world *w, const struct smug_shipment *s)
{
	if (w->n_resolved == w->cap_resolved) {
		int cap = w->cap_resolved ? 2 * w->cap_resolved : 64;

		if (cap > SMUG_SHIPMENT_CAP + SMUG_SHIPMENTS_PER_DAY_MAX)
			cap = SMUG_SHIPMENT_CAP + SMUG_SHIPMENTS_PER_DAY_MAX;
		w->resolved = xrealloc(w->resolved, (size_t)cap * sizeof *w->resolved);
		w->cap_resolved = cap;
	}
	shipment_copy(&w->resolved[w->n_resolved++], s);
}

/* Seized cargo re-enters the ward that seized it: its buyers pay
 * auction_price × value, to the treasury (an official auction) or, with
 * chance diversion_weight × the ward's corruption, to the black market
 * (a quiet diversion); the goods ease the related shortage. */
static void seized_reenters(struct smug_world *w, const struct smug_shipment *s, int ward,
			    struct sbuf *sb)
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
	sb_str(sb, diverted ? ", diverted to the black market for " : ", auctioned for ", SIZE_MAX);
	sb_money(sb, paid);
}

static void resolve(struct smug_world *w, struct smug_shipment *s, enum smug_outcome o, int at)
{
	struct smug_faction *fa = &w->factions[s->faction];
	struct smug_network *n = &fa->net;
	struct smug_recent_outcome *r;
	struct smug_event *ev;
	struct sbuf sb;
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
	sb_init(&sb, ev->detail, sizeof ev->detail);
	sb_str(&sb, w->wards[s->src_ward].id, 20);
	sb_str(&sb, "->", 2);
	sb_str(&sb, w->wards[s->dst_ward].id, 20);
	sb_str(&sb, " after ", SIZE_MAX);
	sb_int(&sb, w->day - s->created_day + 1);
	sb_str(&sb, " days", SIZE_MAX);
	if (o == SMUG_OUTCOME_DELIVERED && paid < s->sale_price) {
		sb_str(&sb, ", buyers paid ", SIZE_MAX);
		sb_money(&sb, paid);
	}
	if (o == SMUG_OUTCOME_SEIZED)
		seized_reenters(w, s, smug_corridor_dest_ward(w, at, s->nodes[s->hop]), &sb);
	file_resolved(w, s);
}

/* Advance one shipment by a day; returns true while it stays in transit. */
static bool advance(struct smug_world *w, struct smug_shipment *s)
{
	const struct smug_smuggling_config *sc = &w->cfg.smuggling;
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
	if (u < sc->hazard_loss_share * p) {
		resolve(w, s, SMUG_OUTCOME_LOST, c);
		return false;
	}
	if (u < p && s->delays < sc->max_delays) {
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

	w->n_resolved = 0;
	/* launches have larger ids than every shipment on the road */
	for (int i = 0; i < w->n_launch && w->n_shipments < SMUG_SHIPMENT_CAP; i++)
		shipment_copy(&w->shipments[w->n_shipments++], &w->launch[i]);
	w->n_launch = 0;
	for (int i = 0; i < w->n_shipments; i++) {
		if (advance(w, &w->shipments[i])) {
			if (kept != i)
				shipment_copy(&w->shipments[kept], &w->shipments[i]);
			kept++;
		}
	}
	w->n_shipments = kept;
}
