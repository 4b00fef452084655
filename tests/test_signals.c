/* Signal dynamics and the daily money flows (DESIGN §3, the signals knobs
 * of smugnet-scenario(5)): bribes raise corruption, audit lowers it, both
 * pulled back toward the scenario's value; deliveries ease shortage,
 * which regenerates; tolerance and raider influence drift back to their
 * base; deliveries strengthen raiders along the route and losses weaken
 * them where they happened; the black-market flow averages bribes; every
 * daily change is bounded; networks pay upkeep to their home ward and
 * wards spend (burn) part of their balance. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

#define EPS 1e-12

static struct smug_world *tiny(void)
{
	return test_load_file(SRCDIR "/data/tiny.json");
}

START_TEST(test_signals_bribes_raise_corruption_and_flow)
{
	struct smug_world *w = tiny();
	int b = smug_world_find_ward(w, "ward:b");
	struct smug_ward *wa = &w->wards[b];
	const struct smug_signals_config *c = &w->cfg.signals;
	double corr0 = wa->sig.corruption;

	ck_assert_double_eq(wa->sig.corruption, wa->base.corruption);
	wa->sig.audit = 0;
	w->cfg.signals.corruption_per_bribe = 0.004;
	/* half the bribe norm taken at the ward's borders */
	wa->bribes_today = (int64_t)(c->bribe_norm / 2);
	signals_step(w);
	ck_assert_double_eq_tol(wa->sig.corruption - corr0, 0.004 * 0.5, EPS);
	ck_assert_double_eq_tol(wa->sig.blackmarket_flow, c->blackmarket_alpha * 0.5, EPS);
	ck_assert_int_eq(wa->bribes_today, 0); /* a day's bribes count once */
	/* more than the norm counts as the norm */
	corr0 = wa->sig.corruption;
	wa->bribes_today = (int64_t)(c->bribe_norm * 10);
	signals_step(w);
	ck_assert_double_eq_tol(wa->sig.corruption - corr0,
				0.004 - 0.01 * (corr0 - wa->base.corruption), EPS);
	/* a day's rise never exceeds max_daily_delta */
	w->cfg.signals.corruption_per_bribe = 0.5;
	corr0 = wa->sig.corruption;
	wa->bribes_today = (int64_t)c->bribe_norm;
	signals_step(w);
	ck_assert_double_eq_tol(wa->sig.corruption - corr0, c->max_daily_delta, EPS);
	smug_world_free(w);
}
END_TEST

START_TEST(test_signals_audit_and_base_pull_lower_corruption)
{
	struct smug_world *w = tiny();
	int b = smug_world_find_ward(w, "ward:b");
	struct smug_ward *wa = &w->wards[b];
	double corr0 = wa->sig.corruption, after_audit, after_pull;

	w->cfg.signals.audit_pull = 0.01;
	wa->sig.audit = 1;
	signals_step(w);
	after_audit = wa->sig.corruption;
	ck_assert_double_eq_tol(after_audit - corr0, -0.01 * corr0, EPS);
	/* above its scenario value and without audit, corruption falls back */
	wa->sig.audit = 0;
	wa->sig.corruption = wa->base.corruption + 0.3;
	signals_step(w);
	after_pull = wa->sig.corruption;
	ck_assert_double_lt(after_pull, wa->base.corruption + 0.3);
	ck_assert_double_gt(after_pull, wa->base.corruption);
	/* left alone it converges on the base and stays there */
	for (int d = 0; d < 5000; d++)
		signals_step(w);
	ck_assert_double_eq_tol(wa->sig.corruption, wa->base.corruption, 1e-6);
	smug_world_free(w);
}
END_TEST

START_TEST(test_signals_deliveries_ease_shortage_which_regenerates)
{
	struct smug_world *w = tiny();
	int d = smug_world_find_ward(w, "ward:d");
	struct smug_ward *wa = &w->wards[d];
	const struct smug_signals_config *c = &w->cfg.signals;
	double s0 = wa->sig.shortage[SMUG_GOOD_MEDICINE], water0 = wa->sig.shortage[SMUG_GOOD_WATER];

	ck_assert_double_gt(s0, 0.5);
	wa->delivered_today[SMUG_GOOD_MEDICINE] = 1;
	signals_step(w);
	ck_assert_double_eq_tol(wa->sig.shortage[SMUG_GOOD_MEDICINE] - s0, -c->shortage_ease, EPS);
	ck_assert_double_eq(wa->sig.shortage[SMUG_GOOD_WATER], water0); /* other goods untouched */
	ck_assert_int_eq(wa->delivered_today[SMUG_GOOD_MEDICINE], 0);
	/* many deliveries: at most max_daily_delta a day */
	s0 = wa->sig.shortage[SMUG_GOOD_MEDICINE];
	wa->delivered_today[SMUG_GOOD_MEDICINE] = 50;
	signals_step(w);
	ck_assert_double_eq_tol(wa->sig.shortage[SMUG_GOOD_MEDICINE] - s0, -c->max_daily_delta, EPS);
	/* without deliveries it regenerates toward the scenario's value */
	s0 = wa->sig.shortage[SMUG_GOOD_MEDICINE];
	signals_step(w);
	ck_assert_double_eq_tol(wa->sig.shortage[SMUG_GOOD_MEDICINE] - s0,
				c->shortage_regen * (wa->base.shortage[SMUG_GOOD_MEDICINE] - s0), EPS);
	smug_world_free(w);
}
END_TEST

START_TEST(test_signals_tolerance_and_raiders_drift_back)
{
	struct smug_world *w = tiny();
	struct smug_ward *wa = &w->wards[smug_world_find_ward(w, "ward:a")];
	double tol0, raid0;

	wa->sig.corruption = wa->base.corruption = 0; /* no creep from shortage */
	wa->sig.smuggling_tolerance = wa->base.smuggling_tolerance + 0.2;
	wa->sig.raider_influence = wa->base.raider_influence - 0.3;
	tol0 = wa->sig.smuggling_tolerance;
	raid0 = wa->sig.raider_influence;
	signals_step(w);
	ck_assert_double_lt(wa->sig.smuggling_tolerance, tol0);
	ck_assert_double_ge(wa->sig.smuggling_tolerance, tol0 - w->cfg.signals.max_daily_delta - EPS);
	ck_assert_double_gt(wa->sig.raider_influence, raid0);
	ck_assert_double_le(wa->sig.raider_influence, raid0 + w->cfg.signals.max_daily_delta + EPS);
	for (int d = 0; d < 20000; d++)
		signals_step(w);
	ck_assert_double_eq_tol(wa->sig.smuggling_tolerance, wa->base.smuggling_tolerance, 1e-6);
	ck_assert_double_eq_tol(wa->sig.raider_influence, wa->base.raider_influence, 1e-6);
	smug_world_free(w);
}
END_TEST

/* Shortage where corruption is high makes tolerance creep up. */
START_TEST(test_signals_shortage_and_corruption_raise_tolerance)
{
	struct smug_world *w = tiny();
	struct smug_ward *wa = &w->wards[smug_world_find_ward(w, "ward:d")];
	double tol0;

	w->cfg.signals.tolerance_decay = 0;
	wa->sig.corruption = wa->base.corruption = 0.8;
	for (int g = 0; g < SMUG_GOOD_COUNT; g++)
		wa->sig.shortage[g] = wa->base.shortage[g] = 0.9;
	tol0 = wa->sig.smuggling_tolerance;
	signals_step(w);
	ck_assert_double_gt(wa->sig.smuggling_tolerance, tol0);
	/* not where corruption is low */
	wa->sig.corruption = wa->base.corruption = 0.1;
	tol0 = wa->sig.smuggling_tolerance;
	signals_step(w);
	ck_assert_double_eq(wa->sig.smuggling_tolerance, tol0);
	smug_world_free(w);
}
END_TEST

START_TEST(test_signals_raiders_follow_outcomes)
{
	struct smug_world *w = tiny();
	struct smug_shipment s;
	int a = smug_world_find_ward(w, "ward:a"), b = smug_world_find_ward(w, "ward:b"),
	    d = smug_world_find_ward(w, "ward:d"), c = smug_world_find_ward(w, "ward:c");
	double ra, rb, rc, rd, gain = w->cfg.signals.raider_gain, loss = w->cfg.signals.raider_loss;

	for (int i = 0; i < w->n_wards; i++)
		w->wards[i].sig.raider_influence = 0.5;
	memset(&s, 0, sizeof s);
	s.n_nodes = 3;
	s.nodes[0] = smug_world_find_node(w, "n:a");
	s.nodes[1] = smug_world_find_node(w, "n:b");
	s.nodes[2] = smug_world_find_node(w, "n:d");
	s.corridors[0] = smug_world_find_corridor(w, "n:a|n:b");
	s.corridors[1] = smug_world_find_corridor(w, "n:b|n:d");
	s.status = SMUG_OUTCOME_DELIVERED;
	s.resolved_corridor = -1;
	signals_on_resolution(w, &s);
	/* a delivery strengthens raiders in every ward along its route, once */
	ra = w->wards[a].sig.raider_influence;
	rb = w->wards[b].sig.raider_influence;
	rd = w->wards[d].sig.raider_influence;
	rc = w->wards[c].sig.raider_influence;
	ck_assert_double_eq_tol(ra, 0.5 + gain, EPS);
	ck_assert_double_eq_tol(rb, 0.5 + gain, EPS);
	ck_assert_double_eq_tol(rd, 0.5 + gain, EPS);
	ck_assert_double_eq(rc, 0.5);
	/* a seizure on the second hop weakens them where it happened only */
	s.status = SMUG_OUTCOME_SEIZED;
	s.hop = 1;
	s.resolved_corridor = s.corridors[1];
	signals_on_resolution(w, &s);
	ck_assert_double_eq(w->wards[a].sig.raider_influence, ra);
	ck_assert_double_eq_tol(w->wards[b].sig.raider_influence, rb - loss, EPS);
	ck_assert_double_eq(w->wards[d].sig.raider_influence, rd);
	/* a loss on the first hop, in the source ward */
	s.status = SMUG_OUTCOME_LOST;
	s.hop = 0;
	s.resolved_corridor = s.corridors[0];
	signals_on_resolution(w, &s);
	ck_assert_double_eq_tol(w->wards[a].sig.raider_influence, ra - loss, EPS);
	smug_world_free(w);

	/* two nodes of one ward on a route count that ward once */
	w = test_default_at(0);
	for (int k = 0; k < w->n_corridors; k++)
		if (!w->corridors[k].border) {
			int ward = w->nodes[w->corridors[k].a].ward;

			w->wards[ward].sig.raider_influence = 0.5;
			memset(&s, 0, sizeof s);
			s.n_nodes = 2;
			s.nodes[0] = w->corridors[k].a;
			s.nodes[1] = w->corridors[k].b;
			s.corridors[0] = k;
			s.status = SMUG_OUTCOME_DELIVERED;
			s.resolved_corridor = -1;
			signals_on_resolution(w, &s);
			ck_assert_double_eq_tol(w->wards[ward].sig.raider_influence, 0.5 + gain, EPS);
			break;
		}
	smug_world_free(w);
}
END_TEST

START_TEST(test_signals_upkeep_and_ward_spending)
{
	struct smug_world *w = tiny();
	const struct smug_faction *fa = &w->factions[0];
	int home = w->wards[fa->home_ward].account, other = w->wards[smug_world_find_ward(w, "ward:b")].account;
	int64_t fac0, home0, other0, burned0, upkeep;

	ledger_post(&w->ledger, 0, -1, other, 500000, SMUG_TX_SMUGGLING_PROFIT_MINT);
	fac0 = w->ledger.accounts[fa->account].balance;
	home0 = w->ledger.accounts[home].balance;
	other0 = w->ledger.accounts[other].balance;
	burned0 = w->ledger.burned;
	signals_step(w);
	upkeep = (int64_t)((double)fac0 * w->cfg.smuggling.upkeep_fraction);
	ck_assert_int_gt(upkeep, 0);
	ck_assert_int_eq(fac0 - w->ledger.accounts[fa->account].balance, upkeep);
	/* the home ward gets the upkeep, after spending 1% of what it had */
	ck_assert_int_eq(w->ledger.accounts[home].balance, home0 - home0 / 100 + upkeep);
	ck_assert_int_eq(w->ledger.accounts[other].balance, other0 - other0 / 100);
	ck_assert_int_ge(w->ledger.burned - burned0, other0 / 100);
	ck_assert(smug_ledger_conserved(&w->ledger));
	smug_world_free(w);
}
END_TEST

/* Over two years of the default world every signal stays in [0,1], and
 * the ones only the daily drift moves change at most max_daily_delta a
 * day (the black-market flow at most its averaging weight). */
START_TEST(test_signals_bounded_over_years)
{
	struct smug_world *w = test_default_at(0);
	double md = w->cfg.signals.max_daily_delta;
	int moved = 0;

	ck_assert_int_le(w->n_wards, 64);
	for (int day = 0; day < 730; day++) {
		struct smug_signals before[64];

		for (int i = 0; i < w->n_wards; i++)
			before[i] = w->wards[i].sig;
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_wards; i++) {
			const struct smug_signals *s = &w->wards[i].sig, *b = &before[i];
			const double pairs[][2] = {{s->corruption, b->corruption},
						   {s->smuggling_tolerance, b->smuggling_tolerance},
						   {s->shortage[0], b->shortage[0]}, {s->shortage[1], b->shortage[1]},
						   {s->shortage[2], b->shortage[2]}, {s->shortage[3], b->shortage[3]},
						   {s->shortage[4], b->shortage[4]}};

			ck_assert(s->raider_influence >= 0 && s->raider_influence <= 1);
			/* the black-market flow is an average: today's bribes weigh alpha */
			ck_assert(s->blackmarket_flow >= 0 && s->blackmarket_flow <= 1);
			ck_assert_double_le(fabs(s->blackmarket_flow - b->blackmarket_flow),
					    w->cfg.signals.blackmarket_alpha + EPS);
			for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
				ck_assert(pairs[k][0] >= 0 && pairs[k][0] <= 1);
				ck_assert_msg(fabs(pairs[k][0] - pairs[k][1]) <= md + EPS,
					      "ward %s, signal %zu moved %.4f in a day", w->wards[i].id, k,
					      pairs[k][0] - pairs[k][1]);
				moved += pairs[k][0] != pairs[k][1];
			}
		}
	}
	ck_assert_int_gt(moved, 1000);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("signals");
	TCase *t = tcase_create("drift");

	tcase_add_test(t, test_signals_bribes_raise_corruption_and_flow);
	tcase_add_test(t, test_signals_audit_and_base_pull_lower_corruption);
	tcase_add_test(t, test_signals_deliveries_ease_shortage_which_regenerates);
	tcase_add_test(t, test_signals_tolerance_and_raiders_drift_back);
	tcase_add_test(t, test_signals_shortage_and_corruption_raise_tolerance);
	tcase_add_test(t, test_signals_raiders_follow_outcomes);
	tcase_add_test(t, test_signals_bounded_over_years);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	t = tcase_create("money");
	tcase_add_test(t, test_signals_upkeep_and_ward_spending);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
