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

int main(void)
{
	Suite *s = suite_create("logistics");
	TCase *t = tcase_create("travel");

	tcase_add_test(t, test_logistics_travel_days_and_delivery);
	tcase_add_test(t, test_logistics_delays_are_bounded);
	tcase_add_test(t, test_logistics_seizure_costs_the_penalty);
	suite_add_tcase(s, t);
	t = tcase_create("predation");
	tcase_add_test(t, test_logistics_predation_rate_is_the_hazard);
	tcase_add_test(t, test_logistics_corridor_crackdown_suppresses_predation);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
