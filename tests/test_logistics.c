/* Logistics: shipments travel their route's days, predation loses or
 * delays them at the rate of the corridor's hazard (lowered by a corridor
 * crackdown, never below its floor, and not at all on a border), delays
 * are bounded, a delivery pays the faction the sale price and a seizure
 * costs it the commodity's seizure penalty. Shipments are made by hand on
 * the tiny world and moved with logistics_step alone, so no planner runs. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

static struct smug_world *tiny(void)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");

	for (int c = 0; c < w->n_corridors; c++)
		w->corridors[c].hazard = 0;
	w->cfg.customs.base_inspection_rate = 0;
	/* buyers who can pay for what arrives */
	for (int i = 0; i < w->n_wards; i++)
		ledger_post(&w->ledger, 0, -1, w->wards[i].buyers, 10000000, SMUG_TX_INITIAL_BALANCE);
	return w;
}

/* The corridor between two nodes (ids sorted as in a corridor id). */
static int corridor_between(const struct smug_world *w, int a, int b)
{
	char id[SMUG_ID_MAX * 2 + 2];
	const char *x = w->nodes[a].id, *y = w->nodes[b].id;

	snprintf(id, sizeof id, "%s|%s", strcmp(x, y) < 0 ? x : y, strcmp(x, y) < 0 ? y : x);
	return smug_world_find_corridor(w, id);
}

/* A shipment of faction 0 along the given node ids, put in transit. */
static struct smug_shipment *send(struct smug_world *w, uint64_t id, const char *const *route, int n,
				  int64_t value)
{
	int slot = shipment_slot_take(w);
	struct smug_shipment s;

	ck_assert_int_ge(slot, 0);
	memset(&s, 0, sizeof s);
	s.id = id;
	s.faction = 0;
	s.commodity = SMUG_COMMODITY_NARCOTICS;
	s.value = value;
	s.sale_price = value * 3 / 2;
	s.n_nodes = n;
	for (int i = 0; i < n; i++) {
		s.nodes[i] = smug_world_find_node(w, route[i]);
		ck_assert_int_ge(s.nodes[i], 0);
		if (i > 0) {
			s.corridors[i - 1] = corridor_between(w, s.nodes[i - 1], s.nodes[i]);
			ck_assert_int_ge(s.corridors[i - 1], 0);
		}
	}
	s.src_ward = w->nodes[s.nodes[0]].ward;
	s.dst_ward = w->nodes[s.nodes[n - 1]].ward;
	s.days_left = n > 1 ? w->corridors[s.corridors[0]].travel_days : 0;
	s.created_day = w->day;
	s.status = SMUG_OUTCOME_IN_TRANSIT;
	s.resolved_corridor = -1;
	ck_assert_int_lt(w->n_shipments, SMUG_SHIPMENT_CAP);
	w->shipment_slots[slot] = s;
	w->in_transit[w->n_shipments++] = slot; /* on the road, as logistics_step would put it */
	w->factions[0].net.shipments++;
	w->factions[0].net.in_transit++;
	return &w->shipment_slots[slot];
}

/* One day of logistics only. */
static void travel(struct smug_world *w)
{
	w->day++;
	memset(&w->tel.today, 0, sizeof w->tel.today);
	logistics_step(w);
}

static int64_t balance(const struct smug_world *w)
{
	return w->ledger.accounts[w->factions[0].account].balance;
}

START_TEST(test_logistics_travel_days_and_delivery)
{
	static const char *const route[] = {"n:a", "n:b", "n:d"};
	struct smug_world *w = tiny();
	int ab = smug_world_find_corridor(w, "n:a|n:b"), bd = smug_world_find_corridor(w, "n:b|n:d");
	int64_t before, tariffs0;
	const struct smug_network *n = &w->factions[0].net;

	w->corridors[ab].travel_days = 2;
	w->corridors[bd].travel_days = 3;
	send(w, 1, route, 3, 10000);
	before = balance(w);
	tariffs0 = w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF];
	for (int day = 1; day < 5; day++) {
		travel(w);
		ck_assert_int_eq(w->n_shipments, 1);
		ck_assert_int_eq(smug_shipment_in_transit(w, 0)->hop, day < 2 ? 0 : 1);
	}
	travel(w); /* day 5: 2 + 3 days of travel are over */
	ck_assert_int_eq(w->n_shipments, 0);
	ck_assert_int_eq(w->tel.today.delivered, 1);
	ck_assert_int_eq(n->delivered, 1);
	ck_assert_int_eq(n->in_transit, 0);
	/* the faction was paid the sale price, less the two borders' tariffs */
	ck_assert_int_gt(w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF] - tariffs0, 0);
	ck_assert_int_eq(balance(w) - before, 15000 - (w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF] - tariffs0));
	ck_assert_int_eq(n->sales, 15000);
	ck_assert_int_eq(w->border_stats[ab].traffic, 1);
	ck_assert_int_eq(w->border_stats[bd].traffic, 1);
	smug_world_free(w);
}
END_TEST

/* First-day outcomes of many one-hop shipments over corridor c. */
struct outcomes {
	int lost, delayed, passed;
};

static struct outcomes first_day(struct smug_world *w, const char *const *route, int n_ship)
{
	struct outcomes o = {0, 0, 0};
	uint64_t base = w->next_shipment_id + 1000000;

	shipments_init(w, 0, false); /* an empty road */
	for (int i = 0; i < n_ship; i++) {
		send(w, base + (uint64_t)i, route, 2, 10000)->days_left = 1;
		if (w->n_shipments == SMUG_SHIPMENT_CAP || i + 1 == n_ship) {
			travel(w);
			o.lost += (int)w->tel.today.lost;
			o.delayed += (int)w->tel.today.delayed;
			o.passed += (int)(w->tel.today.delivered + w->tel.today.seized);
			shipments_init(w, 0, false);
			w->day--;
		}
	}
	w->next_shipment_id = base + (uint64_t)n_ship;
	return o;
}

static void expect_rate(int hits, int n, double p, const char *what)
{
	double se = sqrt(p * (1 - p) / n);

	ck_assert_msg(fabs((double)hits / n - p) < 4 * se + 1e-9, "%s: %d of %d, expected %.4f", what, hits, n, p);
}

START_TEST(test_logistics_predation_rate_is_the_hazard)
{
	static const char *const route[] = {"n:a", "n:b"};
	struct smug_world *w = tiny();
	int ab = smug_world_find_corridor(w, "n:a|n:b"), n = 20000;
	struct outcomes o;

	w->corridors[ab].hazard = 0.3;
	o = first_day(w, route, n);
	/* every roll under the hazard either loses or delays the cargo; lost
	 * and delayed both happen */
	expect_rate(o.lost + o.delayed, n, 0.3, "lost or delayed");
	ck_assert_int_gt(o.lost, n / 20);
	ck_assert_int_gt(o.delayed, n / 20);
	ck_assert_int_eq(o.lost + o.delayed + o.passed, n);
	/* a border's crackdown is customs' business, not the predators' */
	ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:a|n:b", 1.0, -1, NULL), SMUG_OK);
	o = first_day(w, route, n);
	expect_rate(o.lost + o.delayed, n, 0.3, "lost or delayed under a border crackdown");
	/* no hazard, no predation */
	w->corridors[ab].hazard = 0;
	o = first_day(w, route, n);
	ck_assert_int_eq(o.lost + o.delayed, 0);
	smug_world_free(w);
}
END_TEST

START_TEST(test_logistics_corridor_crackdown_suppresses_predation)
{
	struct smug_world *w = test_default_at(0);
	int c = -1, n = 20000;
	const char *route[2];
	struct outcomes o;

	for (int k = 0; k < w->n_corridors && c < 0; k++)
		if (!w->corridors[k].border)
			c = k;
	ck_assert_int_ge(c, 0);
	route[0] = w->nodes[w->corridors[c].a].id;
	route[1] = w->nodes[w->corridors[c].b].id;
	w->corridors[c].hazard = 0.4;
	o = first_day(w, route, n);
	expect_rate(o.lost + o.delayed, n, 0.4, "no crackdown");
	/* intensity i: hazard x max(0.1, 1 - hazard_shrink x i) */
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 1.0, -1, NULL), SMUG_OK);
	o = first_day(w, route, n);
	expect_rate(o.lost + o.delayed, n, 0.4 * (1 - w->cfg.crackdown.hazard_shrink), "crackdown 1.0");
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 0.5, -1, NULL), SMUG_OK);
	o = first_day(w, route, n);
	expect_rate(o.lost + o.delayed, n, 0.4 * (1 - 0.5 * w->cfg.crackdown.hazard_shrink), "crackdown 0.5");
	w->cfg.crackdown.hazard_shrink = 1.0; /* the floor: patrols never make a corridor safe */
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 1.0, -1, NULL), SMUG_OK);
	o = first_day(w, route, n);
	expect_rate(o.lost + o.delayed, n, 0.04, "crackdown at the floor");
	ck_assert_int_gt(o.lost + o.delayed, 0);
	smug_world_free(w);
}
END_TEST

START_TEST(test_logistics_delays_are_bounded)
{
	static const char *const route[] = {"n:a", "n:b"};
	struct smug_world *w = tiny();
	int n = 500, days = 0, most = 0, delivered_late = 0;

	w->corridors[smug_world_find_corridor(w, "n:a|n:b")].hazard = 1.0;
	for (int i = 0; i < n; i++)
		send(w, (uint64_t)i + 1, route, 2, 10000);
	while (w->n_shipments > 0 && days < 100) {
		travel(w);
		days++;
		for (int i = 0; i < w->n_shipments; i++)
			if (smug_shipment_in_transit(w, i)->delays > most)
				most = smug_shipment_in_transit(w, i)->delays;
		delivered_late += (int)w->tel.today.delivered;
	}
	/* every shipment ends, lost or delivered after at most ten delays */
	ck_assert_int_eq(w->n_shipments, 0);
	ck_assert_int_le(days, 12);
	ck_assert_int_eq(most, 10);
	ck_assert_int_gt(delivered_late, 0);
	ck_assert_int_eq(w->factions[0].net.lost + w->factions[0].net.delivered, n);
	smug_world_free(w);
}
END_TEST

START_TEST(test_logistics_seizure_costs_the_penalty)
{
	static const char *const route[] = {"n:a", "n:b"};
	struct smug_world *w = tiny();
	int b = smug_world_find_ward(w, "ward:b");
	int64_t before, treasury0, tariffs0, value = 20000;
	const struct smug_network *n = &w->factions[0].net;

	w->cfg.customs.base_inspection_rate = 1;
	w->cfg.customs.contraband_detection_base = 1;
	w->cfg.customs.bribery_effect_max = 0;
	w->wards[b].customs.bribe_tolerance = 0;
	w->wards[b].sig.corruption = 0;
	send(w, 1, route, 2, value);
	before = balance(w);
	treasury0 = w->ledger.accounts[w->ledger.treasury].balance;
	tariffs0 = w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF];
	travel(w);
	ck_assert_int_eq(w->n_shipments, 0);
	ck_assert_int_eq(n->seized, 1);
	ck_assert_int_eq(n->in_transit, 0);
	ck_assert_int_eq(w->tel.today.seized, 1);
	{
		int64_t penalty = (int64_t)((double)value * w->commodities[SMUG_COMMODITY_NARCOTICS].seizure_penalty);
		int64_t tariff = w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF] - tariffs0;

		ck_assert_int_gt(penalty, 0);
		ck_assert_int_eq(before - balance(w), penalty + tariff);
		/* the fine, and the seized cargo's auction if it was not diverted */
		ck_assert_int_eq(w->ledger.accounts[w->ledger.treasury].balance - treasury0,
				 penalty + w->ledger.by_reason[SMUG_TX_SEIZED_AUCTION]);
		ck_assert_int_eq(w->ledger.by_reason[SMUG_TX_SEIZED_AUCTION] +
					 w->ledger.by_reason[SMUG_TX_SEIZED_DIVERSION],
				 (int64_t)(w->cfg.economy.auction_price * (double)value));
	}
	ck_assert_int_eq(n->recent_count, 1);
	ck_assert_int_eq(n->recent[0].outcome, SMUG_OUTCOME_SEIZED);
	ck_assert_int_eq(n->recent[0].at_corridor, smug_world_find_corridor(w, "n:a|n:b"));
	ck_assert(smug_ledger_conserved(&w->ledger));
	smug_world_free(w);
}
END_TEST

/* Every slot is on the road, resolved today, or free: once. */
static bool slots_accounted(const struct smug_world *w)
{
	static unsigned char seen[SMUG_SHIPMENT_CAP];
	const int *lists[] = {w->in_transit, w->resolved, w->free_slots};
	int ns[] = {w->n_shipments, w->n_resolved, w->n_free_slots}, total = 0;

	memset(seen, 0, sizeof seen);
	for (int l = 0; l < 3; l++)
		for (int i = 0; i < ns[l]; i++, total++)
			if (w->n_launch != 0 || lists[l][i] < 0 || lists[l][i] >= SMUG_SHIPMENT_CAP || seen[lists[l][i]]++)
				return false;
	return total == SMUG_SHIPMENT_CAP;
}

/* A fresh road hands out the lowest free slot first, every slot once,
 * then -1; resolved shipments keep their slots for a day and give them
 * back on the next, so the slots in use, resolved and free always add up
 * to the cap, each in one place. */
START_TEST(test_logistics_slots_handed_out_and_returned)
{
	static const char *const route[] = {"n:a", "n:b"};
	struct smug_world *w = tiny();

	shipments_init(w, 5, false);
	ck_assert_int_eq(w->n_shipments, 5);
	for (int i = 5; i < SMUG_SHIPMENT_CAP; i++)
		ck_assert_int_eq(shipment_slot_take(w), i);
	ck_assert_int_eq(w->n_free_slots, 0);
	ck_assert_int_eq(shipment_slot_take(w), -1);
	ck_assert_int_eq(shipment_slot_take(w), -1);
	ck_assert_int_eq(w->n_free_slots, 0);
	/* a full road (a saved world at the cap): nothing free */
	shipments_init(w, SMUG_SHIPMENT_CAP, true);
	ck_assert_int_eq(w->n_shipments, SMUG_SHIPMENT_CAP);
	ck_assert_int_eq(w->in_transit[SMUG_SHIPMENT_CAP - 1], SMUG_SHIPMENT_CAP - 1);
	ck_assert_int_eq(shipment_slot_take(w), -1);

	shipments_init(w, 0, false);
	ck_assert_int_eq(w->n_free_slots, SMUG_SHIPMENT_CAP);
	for (int i = 0; i < 3; i++)
		send(w, (uint64_t)i + 1, route, 2, 10000)->days_left = 1;
	ck_assert_int_eq(w->n_free_slots, SMUG_SHIPMENT_CAP - 3);
	ck_assert(slots_accounted(w));
	travel(w); /* all three delivered: their slots wait a day */
	ck_assert_int_eq(w->tel.today.delivered, 3);
	ck_assert_int_eq(w->n_shipments, 0);
	ck_assert_int_eq(w->n_resolved, 3);
	ck_assert_int_eq(w->n_free_slots, SMUG_SHIPMENT_CAP - 3);
	ck_assert(slots_accounted(w));
	travel(w);
	ck_assert_int_eq(w->n_resolved, 0);
	ck_assert_int_eq(w->n_free_slots, SMUG_SHIPMENT_CAP);
	ck_assert(slots_accounted(w));
	travel(w); /* nothing released twice */
	ck_assert_int_eq(w->n_free_slots, SMUG_SHIPMENT_CAP);
	ck_assert_int_eq(shipment_slot_take(w), 2); /* the last one given back is on top */
	smug_world_free(w);
}
END_TEST

/* Money text as sb_money writes it, back to minor units. */
static int64_t parse_money(const char *p)
{
	return llround(strtod(p, NULL) * 100);
}

/* The resolved slot of shipment `id` today, or NULL. */
static const struct smug_shipment *resolved_today(const struct smug_world *w, uint64_t id)
{
	for (int i = 0; i < w->n_resolved; i++)
		if (w->shipment_slots[w->resolved[i]].id == id)
			return &w->shipment_slots[w->resolved[i]];
	return NULL;
}

/* Over a real run, day by day: the world's invariants hold (slots, days
 * left on each hop); every resolution is filed, counted once by the day
 * and by its network, remembered in the network's recent ring, and
 * logged with its value, its corridor (none for a delivery) and a text
 * that says the route, the days, and what buyers or the seizing ward
 * paid, which adds up to the ledger; every delay is logged as a hold-up
 * on its corridor. */
START_TEST(test_logistics_run_resolutions_agree)
{
	struct smug_world *w = test_default_at(0);
	const struct smug_ledger *l = &w->ledger;
	struct smug_error err;
	int64_t tot_delivered = 0, tot_seized = 0, tot_lost = 0, tot_delayed = 0, tot_short = 0;

	for (int day = 0; day < 90; day++) {
		int64_t r0[SMUG_TX_REASON_COUNT], sales = 0, auctioned = 0, diverted = 0;
		int64_t delivered = 0, seized = 0, lost = 0, delayed = 0;
		uint64_t ev0 = w->tel.events_total;

		memcpy(r0, l->by_reason, sizeof r0);
		smug_cmd_step(w, 1);
		ck_assert_msg(smug_world_check(w, NULL, &err) == SMUG_OK, "day %d: %s", w->day, err.msg);
		for (int i = 1; i < w->n_shipments; i++)
			ck_assert_uint_lt(smug_shipment_in_transit(w, i - 1)->id, smug_shipment_in_transit(w, i)->id);
		ck_assert_int_eq(w->n_resolved, w->tel.today.delivered + w->tel.today.seized + w->tel.today.lost);
		for (uint64_t q = ev0; q < w->tel.events_total; q++) {
			const struct smug_event *e = smug_event_at(&w->tel, w->tel.event_count - (int)(w->tel.events_total - q));
			const struct smug_shipment *s;
			char head[160];
			const char *p;

			if (e->kind == SMUG_EV_SHIPMENT_DELAYED) {
				char text[96];

				snprintf(text, sizeof text, "held up on %.60s", w->corridors[e->corridor].id);
				ck_assert_str_eq(event_text(w, e), text);
				ck_assert_int_eq(e->amount, 0);
				delayed++;
				continue;
			}
			if (e->kind != SMUG_EV_SHIPMENT_DELIVERED && e->kind != SMUG_EV_SHIPMENT_SEIZED &&
			    e->kind != SMUG_EV_SHIPMENT_LOST)
				continue;
			s = resolved_today(w, e->shipment);
			ck_assert_msg(s != NULL, "shipment %llu resolved but not filed", (unsigned long long)e->shipment);
			ck_assert_int_eq(e->amount, s->value);
			ck_assert_int_eq(e->corridor, s->resolved_corridor);
			ck_assert_int_eq(e->faction, s->faction);
			snprintf(head, sizeof head, "%.20s->%.20s after %d day%s", w->wards[s->src_ward].id,
				 w->wards[s->dst_ward].id, w->day - s->created_day + 1,
				 w->day - s->created_day + 1 == 1 ? "" : "s");
			ck_assert_msg(strncmp(event_text(w, e), head, strlen(head)) == 0, "%s, not %s", event_text(w, e), head);
			p = event_text(w, e) + strlen(head);
			{
				const struct smug_network *n = &w->factions[s->faction].net;
				bool remembered = false;

				for (int k = 0; k < n->recent_count; k++) {
					const struct smug_recent_outcome *r = &n->recent[k];

					if (r->shipment == s->id) {
						remembered = true;
						ck_assert_int_eq(r->day, w->day);
						ck_assert_int_eq(r->outcome, s->status);
						ck_assert_int_eq(r->at_corridor, s->resolved_corridor);
						ck_assert_int_eq(r->value, s->value);
					}
				}
				ck_assert_msg(remembered || n->recent_count == SMUG_RECENT_OUTCOMES,
					      "shipment %llu not in the recent outcomes", (unsigned long long)s->id);
			}
			if (e->kind == SMUG_EV_SHIPMENT_DELIVERED) {
				ck_assert_int_eq(s->status, SMUG_OUTCOME_DELIVERED);
				ck_assert_int_eq(e->corridor, -1);
				ck_assert_int_eq(s->hop, s->n_nodes - 1);
				if (*p == '\0') {
					sales += s->sale_price;
				} else {
					ck_assert_msg(strncmp(p, ", buyers paid ", 14) == 0, "%s", event_text(w, e));
					ck_assert_int_lt(parse_money(p + 14), s->sale_price);
					sales += parse_money(p + 14);
					tot_short++;
				}
				delivered++;
			} else if (e->kind == SMUG_EV_SHIPMENT_SEIZED) {
				ck_assert_int_eq(s->status, SMUG_OUTCOME_SEIZED);
				ck_assert_int_eq(e->corridor, s->corridors[s->hop]);
				ck_assert(w->corridors[e->corridor].border);
				if (strncmp(p, ", auctioned for ", 16) == 0)
					auctioned += parse_money(p + 16);
				else if (strncmp(p, ", diverted to the black market for ", 35) == 0)
					diverted += parse_money(p + 35);
				else
					ck_abort_msg("seized, but not auctioned nor diverted: %s", event_text(w, e));
				seized++;
			} else {
				ck_assert_int_eq(s->status, SMUG_OUTCOME_LOST);
				ck_assert_int_eq(e->corridor, s->corridors[s->hop]);
				ck_assert_str_eq(p, "");
				lost++;
			}
		}
		ck_assert_int_eq(delivered, w->tel.today.delivered);
		ck_assert_int_eq(seized, w->tel.today.seized);
		ck_assert_int_eq(lost, w->tel.today.lost);
		ck_assert_int_eq(delayed, w->tel.today.delayed);
		ck_assert_int_eq(sales, l->by_reason[SMUG_TX_SMUGGLING_PROFIT] - r0[SMUG_TX_SMUGGLING_PROFIT]);
		ck_assert_int_eq(auctioned, l->by_reason[SMUG_TX_SEIZED_AUCTION] - r0[SMUG_TX_SEIZED_AUCTION]);
		ck_assert_int_eq(diverted, l->by_reason[SMUG_TX_SEIZED_DIVERSION] - r0[SMUG_TX_SEIZED_DIVERSION]);
		tot_delivered += delivered;
		tot_seized += seized;
		tot_lost += lost;
		tot_delayed += delayed;
	}
	{
		int64_t nd = 0, ns = 0, nl = 0, ny = 0, sales = 0;

		for (int f = 0; f < w->n_factions; f++) {
			const struct smug_network *n = &w->factions[f].net;

			ck_assert_int_eq(n->delivered + n->seized + n->lost + n->in_transit, n->shipments);
			nd += n->delivered;
			ns += n->seized;
			nl += n->lost;
			ny += n->delayed;
			sales += n->sales;
		}
		ck_assert_int_eq(nd, tot_delivered);
		ck_assert_int_eq(ns, tot_seized);
		ck_assert_int_eq(nl, tot_lost);
		ck_assert_int_eq(ny, tot_delayed);
		ck_assert_int_eq(sales, l->by_reason[SMUG_TX_SMUGGLING_PROFIT]);
	}
	ck_assert_int_gt(tot_delivered, 100);
	ck_assert_int_gt(tot_seized, 5);
	ck_assert_int_gt(tot_lost, 5);
	ck_assert_int_gt(tot_delayed, 5);
	printf("run: %lld delivered (%lld short), %lld seized, %lld lost, %lld delays\n", (long long)tot_delivered,
	       (long long)tot_short, (long long)tot_seized, (long long)tot_lost, (long long)tot_delayed);
	smug_world_free(w);
}
END_TEST

/* A clone carries the road: the same shipments in transit, field by
 * field, and the same days after. */
START_TEST(test_logistics_clone_carries_the_road)
{
	struct smug_world *w = test_default_at(40), *c = smug_world_clone(w);

	ck_assert_int_gt(w->n_shipments, 10);
	ck_assert_int_eq(c->n_shipments, w->n_shipments);
	for (int i = 0; i < w->n_shipments; i++)
		ck_assert_msg(memcmp(smug_shipment_in_transit(c, i), smug_shipment_in_transit(w, i),
				     sizeof(struct smug_shipment)) == 0, "shipment %d differs in the clone", i);
	ck_assert_int_eq(c->n_free_slots, SMUG_SHIPMENT_CAP - c->n_shipments);
	smug_cmd_step(w, 5);
	smug_cmd_step(c, 5);
	ck_assert_uint_eq(smug_world_digest(c), smug_world_digest(w));
	smug_world_free(c);
	smug_world_free(w);
}
END_TEST

/* Seized cargo is auctioned by the treasury in a clean ward and diverted
 * to the black market where diversion_weight x corruption reaches 1; the
 * seizing ward's buyers pay auction_price x value either way. */
START_TEST(test_logistics_seized_cargo_auctioned_or_diverted)
{
	static const char *const route[] = {"n:a", "n:b"};
	struct smug_world *w = tiny();
	int b = smug_world_find_ward(w, "ward:b"), n = 40;

	w->cfg.customs.base_inspection_rate = 1;
	w->cfg.customs.contraband_detection_base = 1;
	w->cfg.customs.bribery_effect_max = 0;
	w->cfg.customs.max_checks_per_day = 1000;
	w->cfg.customs.corruption_detection = w->cfg.customs.corruption_accept = 0; /* corruption diverts only */
	w->commodities[SMUG_COMMODITY_NARCOTICS].heat = 1;
	w->wards[b].customs.bribe_tolerance = 0;
	w->wards[b].customs.inspection_bias = w->wards[b].customs.contraband_bias = 0;
	for (int pass = 0; pass < 2; pass++) {
		int64_t auction0 = w->ledger.by_reason[SMUG_TX_SEIZED_AUCTION];
		int64_t divert0 = w->ledger.by_reason[SMUG_TX_SEIZED_DIVERSION];
		int64_t buyers0 = w->ledger.accounts[w->wards[b].buyers].balance, each = 20000 * 3 / 10;

		w->wards[b].sig.corruption = pass == 0 ? 0 : 0.9;
		w->cfg.economy.diversion_weight = pass == 0 ? 1 : 2;
		w->cfg.economy.auction_price = 0.3;
		shipments_init(w, 0, false);
		for (int i = 0; i < n; i++)
			send(w, (uint64_t)(1000 * pass + i + 1), route, 2, 20000)->days_left = 1;
		travel(w);
		ck_assert_int_eq(w->tel.today.seized, n);
		ck_assert_int_eq(w->ledger.by_reason[SMUG_TX_SEIZED_AUCTION] - auction0, pass == 0 ? n * each : 0);
		ck_assert_int_eq(w->ledger.by_reason[SMUG_TX_SEIZED_DIVERSION] - divert0, pass == 0 ? 0 : n * each);
		ck_assert_int_eq(buyers0 - w->ledger.accounts[w->wards[b].buyers].balance, n * each);
	}
	ck_assert(smug_ledger_conserved(&w->ledger));
	smug_world_free(w);
}
END_TEST

/* A delivery's event names the route and the days on the road; buyers
 * who cannot pay the whole sale price pay what they have, and the text
 * says how much. */
START_TEST(test_logistics_delivery_text_and_short_payment)
{
	static const char *const route[] = {"n:a", "n:b"};
	struct smug_world *w = tiny();
	int b = smug_world_find_ward(w, "ward:b");
	int buyers = w->wards[b].buyers;
	const struct smug_network *n = &w->factions[0].net;
	const struct smug_event *e;
	char want[96];

	send(w, 1, route, 2, 10000);
	travel(w);
	ck_assert_int_eq(w->tel.today.delivered, 1);
	e = smug_event_at(&w->tel, w->tel.event_count - 1);
	ck_assert_int_eq(e->kind, SMUG_EV_SHIPMENT_DELIVERED);
	ck_assert_int_eq(e->corridor, -1);
	ck_assert_int_eq(e->amount, 10000);
	snprintf(want, sizeof want, "ward:a->ward:b after %d days", w->day - 0 + 1);
	ck_assert_str_eq(event_text(w, e), want);
	ck_assert_int_eq(n->sales, 15000);
	/* buyers with 50.00 left pay 50.00 for a 150.00 sale */
	ledger_post(&w->ledger, w->day, buyers, w->ledger.treasury, w->ledger.accounts[buyers].balance - 5000,
		    SMUG_TX_SEIZED_AUCTION);
	send(w, 2, route, 2, 10000);
	travel(w);
	ck_assert_int_eq(w->tel.today.delivered, 1);
	ck_assert_int_eq(n->sales, 15000 + 5000);
	ck_assert_int_eq(w->ledger.accounts[buyers].balance, 0);
	e = smug_event_at(&w->tel, w->tel.event_count - 1);
	snprintf(want, sizeof want, "ward:a->ward:b after %d days, buyers paid 50.00", w->day - 1 + 1);
	ck_assert_str_eq(event_text(w, e), want);
	ck_assert_int_eq(n->recent[n->recent_count - 1].outcome, SMUG_OUTCOME_DELIVERED);
	ck_assert_int_eq(n->recent[n->recent_count - 1].at_corridor, -1);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("logistics");
	TCase *t = tcase_create("travel");

	tcase_add_test(t, test_logistics_travel_days_and_delivery);
	tcase_add_test(t, test_logistics_delays_are_bounded);
	tcase_add_test(t, test_logistics_seizure_costs_the_penalty);
	tcase_add_test(t, test_logistics_slots_handed_out_and_returned);
	tcase_add_test(t, test_logistics_seized_cargo_auctioned_or_diverted);
	tcase_add_test(t, test_logistics_clone_carries_the_road);
	tcase_add_test(t, test_logistics_delivery_text_and_short_payment);
	suite_add_tcase(s, t);
	t = tcase_create("run");
	tcase_add_test(t, test_logistics_run_resolutions_agree);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("predation");
	tcase_add_test(t, test_logistics_predation_rate_is_the_hazard);
	tcase_add_test(t, test_logistics_corridor_crackdown_suppresses_predation);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
