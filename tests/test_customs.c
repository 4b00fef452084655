/* Customs: each policy dial moves its probability the documented way;
 * a bribe map lowers the seizure probability by at most its bound and a
 * crackdown raises it again (analytically and over keyed draws); seized
 * cargo stops; money goes where the spec says. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "core/core.h"
#include "test_util.h"

static struct smug_world *tiny(void)
{
	return test_load_file(SRCDIR "/data/tiny.json");
}

#define VALUE 20000

static struct customs_probs probs(struct smug_world *w, int64_t offered)
{
	struct customs_probs p;
	int c = smug_world_find_corridor(w, "n:b|n:d");

	customs_probs(w, c, smug_world_find_ward(w, "ward:d"), 1.0, VALUE, offered, true, &p);
	return p;
}

START_TEST(test_customs_dials_move_probabilities)
{
	struct smug_world *w = tiny();
	struct smug_ward *d = &w->wards[smug_world_find_ward(w, "ward:d")];
	struct customs_probs p0 = probs(w, 0), p1;

	d->customs.inspection_bias = 0.5;
	p1 = probs(w, 0);
	ck_assert_double_gt(p1.p_inspect, p0.p_inspect);
	d->customs.inspection_bias = 0;
	d->customs.contraband_bias = 0.5;
	p1 = probs(w, 0);
	ck_assert_double_gt(p1.p_detect, p0.p_detect);
	d->customs.contraband_bias = 0;
	d->sig.corruption += 0.3;
	p1 = probs(w, 0);
	ck_assert_double_lt(p1.p_detect, p0.p_detect);
	ck_assert_double_gt(p1.p_accept, p0.p_accept);
	d->sig.corruption -= 0.3;
	d->customs.bribe_tolerance += 0.3;
	p1 = probs(w, 0);
	ck_assert_double_gt(p1.p_accept, p0.p_accept);
	d->customs.bribe_tolerance -= 0.3;
	d->customs.enforcement_points += 20;
	p1 = probs(w, 0);
	ck_assert_double_lt(p1.p_accept, p0.p_accept);
	d->customs.enforcement_points -= 20;
	d->customs.tariff_bias = 0.5;
	p1 = probs(w, 0);
	ck_assert_int_gt(p1.tariff, p0.tariff);
	smug_world_free(w);
}
END_TEST

START_TEST(test_customs_bribe_lowers_seizure_within_bound)
{
	struct smug_world *w = tiny();
	int64_t required = (int64_t)probs(w, 0).required;
	struct customs_probs without = probs(w, 0), half = probs(w, required / 2), with = probs(w, required);
	struct customs_probs more = probs(w, 2 * required), lavish = probs(w, 50 * required), crack;

	ck_assert_double_lt(with.p_seize, without.p_seize);
	ck_assert_double_le(without.p_seize - with.p_seize,
			    without.p_inspect * without.p_detect * w->cfg.customs.bribery_effect_max);
	ck_assert_double_gt(with.p_seize, 0); /* no bribe guarantees clearance */
	/* the boost grows with the offer, bribe_accept x 2r/(1+r) for r times
	 * the required bribe ... */
	ck_assert_double_gt(half.bribe_boost, 0);
	ck_assert_double_eq_tol(half.bribe_boost,
				w->cfg.customs.bribe_accept * 2 * half.offer_ratio / (1 + half.offer_ratio),
				1e-12);
	ck_assert_double_lt(half.bribe_boost, with.bribe_boost);
	ck_assert_double_le(with.bribe_boost, more.bribe_boost);
	/* ... and no offer buys more than bribery_effect_max */
	ck_assert_double_le(more.bribe_boost, lavish.bribe_boost);
	ck_assert_double_eq(lavish.bribe_boost, w->cfg.customs.bribery_effect_max);
	ck_assert_double_eq(lavish.p_seize,
			    lavish.p_inspect * lavish.p_detect *
				    (1 - lavish.p_accept_base - lavish.bribe_boost * (1 - lavish.p_accept_base)));
	ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:b|n:d", 1.0, -1, NULL), SMUG_OK);
	crack = probs(w, required);
	ck_assert_double_gt(crack.p_seize, with.p_seize);
	ck_assert_double_lt(crack.bribe_boost, with.bribe_boost);
	smug_world_free(w);
}
END_TEST

/* A crackdown of intensity i scales the bribe effect and the base
 * acceptance by max(bribe_floor, 1 - bribe_shrink * i): never to zero. */
START_TEST(test_customs_crackdown_shrinks_bribes_to_a_floor)
{
	static const double shrinks[] = {0.7, 1.0}, intensities[] = {0.25, 0.5, 1.0};
	struct smug_world *w = tiny();
	int64_t offer = (int64_t)(w->cfg.customs.bribe_required_fraction * VALUE);
	struct customs_probs calm = probs(w, offer);
	int floored = 0;

	/* a crackdown also raises the price (alert_gain); hold it so the
	 * shrink shows alone */
	w->cfg.crackdown.alert_gain = 0;
	ck_assert_double_gt(calm.bribe_boost, 0);
	ck_assert_double_gt(calm.p_accept_base, 0);
	for (int s = 0; s < 2; s++)
		for (int k = 0; k < 3; k++) {
			double i = intensities[k], want = 1.0 - shrinks[s] * i;
			struct customs_probs p;

			if (want < w->cfg.crackdown.bribe_floor) {
				want = w->cfg.crackdown.bribe_floor;
				floored++;
			}
			w->cfg.crackdown.bribe_shrink = shrinks[s];
			ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:b|n:d", i, -1, NULL), SMUG_OK);
			p = probs(w, offer);
			ck_assert_double_eq_tol(p.bribe_boost, calm.bribe_boost * want, 1e-12);
			ck_assert_double_eq_tol(p.p_accept_base, calm.p_accept_base * want, 1e-12);
			ck_assert_double_gt(p.bribe_boost, 0);
		}
	ck_assert_int_eq(floored, 1); /* shrink 1 at intensity 1 hits the floor */
	smug_world_free(w);
}
END_TEST

/* Seizure rate over n keyed crossings, each a fresh shipment id. */
static double observed(struct smug_world *w, int64_t offered, int n)
{
	int c = smug_world_find_corridor(w, "n:b|n:d"), seized = 0;
	int dest = smug_world_find_ward(w, "ward:d");

	for (int i = 0; i < n; i++) {
		struct smug_shipment s;

		memset(&s, 0, sizeof s);
		s.id = (uint64_t)i + 1;
		s.faction = 0;
		s.value = VALUE;
		s.n_nodes = 2;
		if (offered > 0) {
			s.n_bribes = 1;
			s.bribe_map[0] = (struct smug_bribe_entry){c, offered};
		}
		seized += customs_cross(w, &s, c, dest) == SMUG_OUTCOME_SEIZED;
		w->tel.today.customs_checks = 0;
	}
	return (double)seized / n;
}

START_TEST(test_customs_empirical_rates_match)
{
	struct smug_world *w = tiny();
	int n = 20000;
	struct customs_probs p0 = probs(w, 0), p1 = probs(w, VALUE / 4);
	double r0, r1, se0, se1;

	/* never short of bribe money */
	ledger_post(&w->ledger, 0, -1, w->factions[0].account, 1000000000, SMUG_TX_INITIAL_BALANCE);
	r0 = observed(w, 0, n);
	r1 = observed(w, VALUE / 4, n);
	se0 = 4 * sqrt(p0.p_seize * (1 - p0.p_seize) / n);
	se1 = 4 * sqrt(p1.p_seize * (1 - p1.p_seize) / n);
	printf("seizure rate without bribe %.4f (p %.4f), with bribe %.4f (p %.4f)\n", r0, p0.p_seize, r1, p1.p_seize);
	ck_assert_double_lt(r1, r0);
	ck_assert_double_lt(fabs(r0 - p0.p_seize), se0);
	ck_assert_double_lt(fabs(r1 - p1.p_seize), se1);
	ck_assert(smug_ledger_conserved(&w->ledger));
	smug_world_free(w);
}
END_TEST

START_TEST(test_customs_money_flows)
{
	struct smug_world *w = tiny();
	int64_t bm0, fac0, ward0;
	int fa = w->factions[0].account, wd = w->wards[smug_world_find_ward(w, "ward:d")].account;
	int64_t bribes = 0;

	bm0 = w->ledger.accounts[w->ledger.blackmarket].balance;
	fac0 = w->ledger.accounts[fa].balance;
	ward0 = w->ledger.accounts[wd].balance;
	observed(w, VALUE / 4, 2000);
	bribes = w->ledger.by_reason[SMUG_TX_CUSTOMS_BRIBE];
	ck_assert_int_gt(bribes, 0);
	ck_assert_int_eq(w->ledger.accounts[w->ledger.blackmarket].balance, bm0 + bribes);
	ck_assert_int_eq(w->ledger.accounts[wd].balance, ward0 + w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF]);
	ck_assert_int_eq(w->ledger.accounts[fa].balance,
			 fac0 - bribes - w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF]);
	smug_world_free(w);
}
END_TEST

/* At most max_checks_per_day crossings are checked a day; the rest are
 * waved through without tariff, roll or event. */
START_TEST(test_customs_checks_per_day_capped)
{
	struct smug_world *w = tiny();
	int c = smug_world_find_corridor(w, "n:b|n:d"), dest = smug_world_find_ward(w, "ward:d");
	int64_t tariffs0 = w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF];
	uint64_t events0 = w->tel.events_total;
	int at_cap = 0;

	w->cfg.customs.max_checks_per_day = 3;
	w->cfg.customs.base_inspection_rate = 1; /* every check is an inspection */
	for (int i = 0; i < 10; i++) {
		struct smug_shipment s;

		memset(&s, 0, sizeof s);
		s.id = (uint64_t)i + 1;
		s.value = VALUE;
		s.n_nodes = 2;
		customs_cross(w, &s, c, dest);
		ck_assert_int_eq(s.tariffs_paid > 0, i < 3);
	}
	ck_assert_int_eq(w->border_stats[c].checks, 3);
	ck_assert_int_eq(w->border_stats[c].inspections, 3);
	ck_assert_int_eq(w->tel.today.customs_checks, 3);
	ck_assert_uint_eq(w->tel.events_total - events0, 3);
	ck_assert_int_eq(w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF] - tariffs0, 3 * probs(w, 0).tariff);
	smug_world_free(w);

	/* in a running world the cap holds every day and is reached */
	w = test_default_at(0);
	w->cfg.customs.max_checks_per_day = 2;
	for (int day = 0; day < 30; day++) {
		smug_cmd_step(w, 1);
		ck_assert_int_le(w->tel.today.customs_checks, 2);
		at_cap += w->tel.today.customs_checks == 2;
	}
	ck_assert_int_gt(at_cap, 20);
	smug_world_free(w);
}
END_TEST

START_TEST(test_customs_seizure_stops_shipment)
{
	struct smug_world *w = tiny();
	int seized_days = 0;

	/* shipments leave under normal customs; then every crossing into
	 * ward:d is inspected and detected, and no officer takes a bribe */
	smug_cmd_step(w, 1);
	ck_assert_int_gt(w->n_shipments, 0);
	w->cfg.customs.base_inspection_rate = 1;
	w->cfg.customs.contraband_detection_base = 1;
	w->wards[smug_world_find_ward(w, "ward:d")].customs.bribe_tolerance = 0;
	w->wards[smug_world_find_ward(w, "ward:d")].sig.corruption = 0;
	w->cfg.customs.bribery_effect_max = 0;
	for (int day = 0; day < 10; day++) {
		int64_t pen0 = w->ledger.by_reason[SMUG_TX_SEIZURE_PENALTY];

		smug_cmd_step(w, 1);
		if (w->tel.today.seized > 0) {
			seized_days++;
			ck_assert_int_gt(w->ledger.by_reason[SMUG_TX_SEIZURE_PENALTY], pen0);
		}
		for (int i = 0; i < w->n_shipments; i++)
			ck_assert_int_eq(smug_shipment_in_transit(w, i)->status, SMUG_OUTCOME_IN_TRANSIT);
	}
	ck_assert_int_gt(seized_days, 0);
	ck_assert_int_eq(w->factions[0].net.delivered +
				 w->factions[0].net.seized + w->factions[0].net.lost + w->factions[0].net.in_transit,
			 w->factions[0].net.shipments);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("customs");
	TCase *t = tcase_create("probabilities");

	tcase_add_test(t, test_customs_dials_move_probabilities);
	tcase_add_test(t, test_customs_bribe_lowers_seizure_within_bound);
	tcase_add_test(t, test_customs_crackdown_shrinks_bribes_to_a_floor);
	tcase_add_test(t, test_customs_empirical_rates_match);
	suite_add_tcase(s, t);
	t = tcase_create("outcomes");
	tcase_add_test(t, test_customs_money_flows);
	tcase_add_test(t, test_customs_checks_per_day_capped);
	tcase_add_test(t, test_customs_seizure_stops_shipment);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
