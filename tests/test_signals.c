/* Signal dynamics and the daily money flows (DESIGN §3, the signals knobs
 * of smugnet-scenario(5)): bribes raise corruption, audit lowers it, both
 * pulled back toward the scenario's value; deliveries ease shortage,
 * which regenerates; tolerance and raider influence drift back to their
 * base; raider factions' runs lift raider influence along their routes
 * and busts weaken it where they happened, within raider_gain of the
 * base; the black-market flow averages bribes; every daily change is
 * bounded; the ward economy moves money without creating or destroying
 * any. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/snapshot.h"
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
	/* an average of the day's bribes, its daily move clamped like every signal's */
	ck_assert_double_eq_tol(wa->sig.blackmarket_flow, fmin(c->blackmarket_alpha * 0.5, c->max_daily_delta),
				EPS);
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

/* The black-market flow is an average of the bribes: on a day without
 * any it falls by blackmarket_alpha of itself, and a ward never bribed
 * keeps a flow of exactly +0, day after day. */
START_TEST(test_signals_flow_falls_back_without_bribes)
{
	struct smug_world *w = tiny();
	int b = smug_world_find_ward(w, "ward:b");
	struct smug_ward *wa = &w->wards[b];
	const struct smug_signals_config *c = &w->cfg.signals;
	double f0;

	wa->bribes_today = (int64_t)c->bribe_norm;
	signals_step(w);
	f0 = wa->sig.blackmarket_flow;
	ck_assert_double_gt(f0, 0);
	for (int day = 1; day <= 3; day++) {
		double want = f0 - fmin(c->blackmarket_alpha * f0, c->max_daily_delta);

		signals_step(w);
		ck_assert_msg(fabs(wa->sig.blackmarket_flow - want) < EPS,
			      "day %d without bribes: flow %.6f, want %.6f", day, wa->sig.blackmarket_flow, want);
		f0 = wa->sig.blackmarket_flow;
	}
	for (int i = 0; i < w->n_wards; i++) {
		if (i == b)
			continue;
		ck_assert_double_eq(w->wards[i].sig.blackmarket_flow, 0);
		ck_assert(!signbit(w->wards[i].sig.blackmarket_flow));
	}
	/* a flow of -0.0 (a state that says so) steps to +0.0, as the sum of
	 * every step does; the digest sees the sign */
	wa = &w->wards[b == 0 ? 1 : 0];
	wa->sig.blackmarket_flow = -0.0;
	signals_step(w);
	ck_assert_msg(!signbit(wa->sig.blackmarket_flow), "a flow of -0.0 stayed -0.0 on a day without bribes");
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

/* Raider presence is an average of the runs: on a day without raiders
 * it fades by raider_decay of itself, also in a ward whose influence sits
 * at its base (raider_gain 0 here, so the influence never leaves it); an
 * influence of -0.0 at a base of 0 steps to +0.0, as every step's sum
 * does. */
START_TEST(test_signals_presence_fades_where_influence_sits_at_base)
{
	struct smug_world *w = tiny();
	int a = smug_world_find_ward(w, "ward:a");
	struct smug_ward *wa = &w->wards[a], *other = &w->wards[a == 0 ? 1 : 0];
	const struct smug_signals_config *c = &w->cfg.signals;
	double p1, want;

	w->cfg.signals.raider_gain = 0;
	wa->sig.raider_influence = wa->base.raider_influence;
	wa->raider_runs_today = 2;
	signals_step(w);
	p1 = wa->raider_presence;
	ck_assert_double_gt(p1, 0);
	ck_assert_double_eq(wa->sig.raider_influence, wa->base.raider_influence);
	signals_step(w); /* no raiders today */
	want = p1 + c->raider_decay * (0 - p1);
	ck_assert_msg(wa->raider_presence == want, "a day without raiders: presence %.9f, want %.9f",
		      wa->raider_presence, want);
	other->base.raider_influence = 0;
	other->sig.raider_influence = -0.0;
	signals_step(w);
	ck_assert_msg(!signbit(other->sig.raider_influence), "an influence of -0.0 stayed -0.0");
	smug_world_free(w);
}
END_TEST

/* A ward that nothing reaches (no deliveries, corruption below
 * tolerance_corruption) keeps its shortages and smuggling tolerance at
 * their base bit for bit, day after day; a value of -0.0 at a base of 0
 * or of -0.0 steps to +0.0, as every step's sum does (the digest sees the
 * sign). */
START_TEST(test_signals_quiet_ward_stays_at_base_and_minus_zero_steps)
{
	struct smug_world *w = tiny();
	struct smug_ward *wa = &w->wards[smug_world_find_ward(w, "ward:a")];
	struct smug_signals before;

	wa->sig.corruption = wa->base.corruption = 0;
	for (int g = 0; g < SMUG_GOOD_COUNT; g++)
		wa->sig.shortage[g] = wa->base.shortage[g];
	wa->sig.smuggling_tolerance = wa->base.smuggling_tolerance;
	before = wa->sig;
	for (int day = 0; day < 5; day++)
		signals_step(w);
	ck_assert(memcmp(wa->sig.shortage, before.shortage, sizeof before.shortage) == 0);
	ck_assert(memcmp(&wa->sig.smuggling_tolerance, &before.smuggling_tolerance, sizeof(double)) == 0);
	wa->base.shortage[SMUG_GOOD_WATER] = 0;
	wa->sig.shortage[SMUG_GOOD_WATER] = -0.0;
	wa->base.smuggling_tolerance = 0;
	wa->sig.smuggling_tolerance = -0.0;
	signals_step(w);
	ck_assert_msg(!signbit(wa->sig.shortage[SMUG_GOOD_WATER]), "a shortage of -0.0 stayed -0.0");
	ck_assert_msg(!signbit(wa->sig.smuggling_tolerance), "a tolerance of -0.0 stayed -0.0");
	/* a base of -0.0 (a scenario may say "-0"): a value of -0.0, its
	 * base bit for bit, steps to +0.0 all the same, and +0.0 stays */
	wa->base.shortage[SMUG_GOOD_WATER] = -0.0;
	wa->sig.shortage[SMUG_GOOD_WATER] = -0.0;
	wa->base.smuggling_tolerance = -0.0;
	wa->sig.smuggling_tolerance = -0.0;
	signals_step(w);
	ck_assert_msg(!signbit(wa->sig.shortage[SMUG_GOOD_WATER]), "a shortage of -0.0 at a base of -0.0 stayed -0.0");
	ck_assert_msg(!signbit(wa->sig.smuggling_tolerance), "a tolerance of -0.0 at a base of -0.0 stayed -0.0");
	signals_step(w);
	ck_assert_msg(wa->sig.shortage[SMUG_GOOD_WATER] == 0 && !signbit(wa->sig.shortage[SMUG_GOOD_WATER]),
		      "a shortage of +0.0 at a base of -0.0 moved");
	ck_assert_msg(wa->sig.smuggling_tolerance == 0 && !signbit(wa->sig.smuggling_tolerance),
		      "a tolerance of +0.0 at a base of -0.0 moved");
	smug_world_free(w);
}
END_TEST

/* A world of hundreds of wards steps its quiet wards (nothing happened
 * there today, their signals where a quiet day leaves them) by a shorter
 * way than a small world: every ward of a 400-ward world, after a day,
 * holds the signals, bit for bit, that the same ward gives in the tiny
 * world on the same day. A few wards are set in each of the states that
 * make a ward not quiet, or quiet at its edges: a bribe, a delivery, a
 * raider run, a flow or presence of -0.0, a shortage (of each pair the
 * quiet test reads together, and the last) or influence off its base or
 * at -0.0, a shortage off a base of +0.0, tolerance off its base with corruption low and
 * high. Over three days, so the wards the first day moved step again. */
static void set_ward_case(struct smug_ward *wa, int k)
{
	switch (k) {
	case 0: wa->bribes_today = 1000; break;
	case 1: wa->delivered_today[SMUG_GOOD_FOOD] = 2; break;
	case 2: wa->raider_runs_today = 1; break;
	case 3: wa->raider_busts_today = 1; break;
	case 4: wa->sig.blackmarket_flow = -0.0; break;
	case 5: wa->raider_presence = -0.0; break;
	case 6: wa->raider_presence = 0.25; break;
	case 7: wa->sig.shortage[SMUG_GOOD_MEDICINE] = clamp01(wa->base.shortage[SMUG_GOOD_MEDICINE] + 0.125); break;
	case 8: wa->base.shortage[SMUG_GOOD_WATER] = wa->sig.shortage[SMUG_GOOD_WATER] = -0.0; break;
	case 9: wa->sig.raider_influence = clamp01(wa->base.raider_influence + 0.0625); break;
	case 10: wa->base.raider_influence = wa->sig.raider_influence = -0.0; break;
	case 11:
		wa->sig.smuggling_tolerance = clamp01(wa->base.smuggling_tolerance + 0.25);
		wa->sig.corruption = wa->base.corruption = 0;
		break;
	case 12:
		wa->sig.smuggling_tolerance = wa->base.smuggling_tolerance;
		wa->sig.corruption = wa->base.corruption = 1;
		break;
	case 13: wa->base.smuggling_tolerance = wa->sig.smuggling_tolerance = -0.0; break;
	case 14: wa->sig.blackmarket_flow = 0.5; break;
	case 15: wa->sig.shortage[SMUG_GOOD_PARTS] = clamp01(wa->base.shortage[SMUG_GOOD_PARTS] + 0.125); break;
	case 16: wa->base.shortage[SMUG_GOOD_SUITS] = wa->sig.shortage[SMUG_GOOD_SUITS] = -0.0; break;
	case 17: wa->base.shortage[SMUG_GOOD_PARTS] = wa->sig.shortage[SMUG_GOOD_PARTS] = -0.0; break;
	case 18: /* the first pair's bases at +0.0 (all bits 0), food's shortage off them */
		wa->base.shortage[SMUG_GOOD_WATER] = wa->sig.shortage[SMUG_GOOD_WATER] = 0.0;
		wa->base.shortage[SMUG_GOOD_FOOD] = 0.0;
		wa->sig.shortage[SMUG_GOOD_FOOD] = 0.125;
		break;
	default: break; /* as generated */
	}
}

/* One day of signals_step in big, and each of its wards stepped alone
 * in small (as ward b, from its record before the day): the same
 * signals and raider presence, bit for bit, and the day's counts
 * cleared. */
static void step_each_as_small(struct smug_world *big, struct smug_world *small, int b, int day)
{
	struct smug_ward *before = calloc((size_t)big->n_wards, sizeof *before);

	memcpy(before, big->wards, (size_t)big->n_wards * sizeof *before);
	signals_step(big);
	for (int i = 0; i < big->n_wards; i++) {
		struct smug_ward *wa = &small->wards[b], keep = *wa;

		*wa = before[i];
		memcpy(wa->id, keep.id, sizeof wa->id);
		wa->gate_node = keep.gate_node;
		wa->account = keep.account;
		wa->buyers = keep.buyers;
		signals_step(small);
		ck_assert_msg(memcmp(&wa->sig, &big->wards[i].sig, sizeof wa->sig) == 0 &&
				      memcmp(&wa->raider_presence, &big->wards[i].raider_presence,
					     sizeof wa->raider_presence) == 0,
			      "day %d, ward %d (bribes %lld, runs %d, busts %d, food delivered %d): its signals "
			      "differ from the same ward's in a small world "
			      "(corruption %.17g, tolerance %.17g, presence %.17g against %.17g, %.17g, %.17g)",
			      day, i, (long long)before[i].bribes_today, before[i].raider_runs_today,
			      before[i].raider_busts_today, before[i].delivered_today[SMUG_GOOD_FOOD],
			      big->wards[i].sig.corruption, big->wards[i].sig.smuggling_tolerance,
			      big->wards[i].raider_presence, wa->sig.corruption, wa->sig.smuggling_tolerance,
			      wa->raider_presence);
		ck_assert_int_eq(big->wards[i].bribes_today, 0);
		ck_assert_int_eq(big->wards[i].raider_runs_today + big->wards[i].raider_busts_today, 0);
		for (int g = 0; g < SMUG_GOOD_COUNT; g++)
			ck_assert_int_eq(big->wards[i].delivered_today[g], 0);
	}
	free(before);
}

static struct smug_world *generated(int n_wards)
{
	char *json = smug_scenario_generate(n_wards, 7, 3);
	struct smug_world *w = NULL;

	ck_assert_ptr_nonnull(json);
	ck_assert_int_eq(smug_world_load_json(json, strlen(json), "gen", &w, NULL), SMUG_OK);
	free(json);
	return w;
}

static void large_world_steps_each_ward_as_a_small_one(int n_wards)
{
	struct smug_world *big = generated(n_wards), *small = tiny();
	int b = smug_world_find_ward(small, "ward:b");

	small->cfg.signals = big->cfg.signals;
	for (int i = 0; i < big->n_wards; i++)
		set_ward_case(&big->wards[i], i % 20);
	for (int day = 0; day < 3; day++)
		step_each_as_small(big, small, b, day);
	smug_world_free(big);
	smug_world_free(small);
}

START_TEST(test_signals_large_world_steps_each_ward_as_a_small_one)
{
	large_world_steps_each_ward_as_a_small_one(400);
}
END_TEST

/* The same in a world large enough that the loop over its wards asks for
 * their records ahead (SIGNALS_PREFETCH_WARDS): the wards it has asked
 * for step as they would without, each in every case above. */
START_TEST(test_signals_very_large_world_steps_each_ward_as_a_small_one)
{
	large_world_steps_each_ward_as_a_small_one(SIGNALS_PREFETCH_WARDS);
}
END_TEST

/* A copy of a large world taken after some days (smug_world_clone: a
 * what-if's world) steps its wards' signals as the world does, its wards
 * at rest among them: five days apart, then five together. */
START_TEST(test_signals_large_world_clone_steps_as_the_world)
{
	struct smug_world *w = generated(400), *c;

	for (int day = 0; day < 5; day++)
		signals_step(w);
	c = smug_world_clone(w);
	for (int day = 0; day < 5; day++) {
		signals_step(w);
		signals_step(c);
		for (int i = 0; i < w->n_wards; i++)
			ck_assert_msg(memcmp(&w->wards[i].sig, &c->wards[i].sig, sizeof w->wards[i].sig) == 0,
				      "day %d after the copy, ward %d: tolerance %.17g in the world, %.17g in its copy "
				      "(corruption %.17g, %.17g)",
				      day, i, w->wards[i].sig.smuggling_tolerance, c->wards[i].sig.smuggling_tolerance,
				      w->wards[i].sig.corruption, c->wards[i].sig.corruption);
	}
	smug_world_free(c);
	smug_world_free(w);
}
END_TEST

/* A large world's wards at rest whose signals or base are then written
 * (a shortage raised, raider influence's base moved, raider presence and
 * the black-market flow set), the writer saying so (signals_changed),
 * step as in a copy of the world read back from its snapshot, which
 * holds no note: each signal the same, day by day. wrap: the change is
 * the one that brings the rest key round to 1 again, and the written
 * wards' notes hold 1 (written 2^32 changes ago). */
static void written_at_rest_steps_as_a_loaded_copy(bool wrap)
{
	struct smug_world *w = generated(400), *copy = NULL;
	struct smug_error err = {0};
	int at_rest[4], n = 0;
	char *json;

	for (int day = 0; day < 3; day++)
		signals_step(w);
	for (int i = 0; i < w->n_wards && n < 4; i++)
		if (w->rest_key != 0 && w->wards[i].signals_at_rest == w->rest_key)
			at_rest[n++] = i;
	ck_assert_int_eq(n, 4);
	{
		struct smug_ward *a = &w->wards[at_rest[0]], *b = &w->wards[at_rest[1]];
		double s = a->base.shortage[SMUG_GOOD_MEDICINE], r = b->base.raider_influence;

		a->sig.shortage[SMUG_GOOD_MEDICINE] = s > 0.5 ? s - 0.125 : s + 0.125;
		b->base.raider_influence = r > 0.5 ? r - 0.0625 : r + 0.0625;
		w->wards[at_rest[2]].raider_presence = 0.25;
		w->wards[at_rest[3]].sig.blackmarket_flow = 0.5;
	}
	if (wrap) {
		w->rest_key = UINT32_MAX;
		for (int k = 0; k < 4; k++)
			w->wards[at_rest[k]].signals_at_rest = 1;
	}
	signals_changed(w);
	json = snapshot_to_json(w);
	ck_assert_ptr_nonnull(json);
	ck_assert_int_eq(snapshot_from_json(json, strlen(json), "snapshot.json", &copy, &err), SMUG_OK);
	free(json);
	for (int day = 0; day < 3; day++) {
		signals_step(w);
		signals_step(copy);
		for (int k = 0; k < 4; k++) {
			const struct smug_ward *x = &w->wards[at_rest[k]], *y = &copy->wards[at_rest[k]];

			ck_assert_msg(memcmp(&x->sig, &y->sig, sizeof x->sig) == 0 &&
					      memcmp(&x->raider_presence, &y->raider_presence, sizeof(double)) == 0,
				      "day %d after the write, ward %d (written %d): medicine shortage %.17g, "
				      "raider influence %.17g, flow %.17g in the world; %.17g, %.17g, %.17g in its "
				      "loaded copy",
				      day, at_rest[k], k, x->sig.shortage[SMUG_GOOD_MEDICINE], x->sig.raider_influence,
				      x->sig.blackmarket_flow, y->sig.shortage[SMUG_GOOD_MEDICINE],
				      y->sig.raider_influence, y->sig.blackmarket_flow);
		}
	}
	smug_world_free(copy);
	smug_world_free(w);
}

START_TEST(test_signals_large_world_ward_written_at_rest_steps_as_a_loaded_copy)
{
	written_at_rest_steps_as_a_loaded_copy(false);
}
END_TEST

START_TEST(test_signals_large_world_rest_key_come_round_again_finds_no_note)
{
	written_at_rest_steps_as_a_loaded_copy(true);
}
END_TEST

/* A large world's ward that has come to rest (quiet days left its
 * signals where a quiet day leaves them) moves again on the day a bribe
 * is taken there, a good delivered, a raider run through it or busted
 * there, as it would in a small world: two quiet days, then each day
 * half the wards, in turns, get one of the four. */
START_TEST(test_signals_large_world_wards_at_rest_move_on_the_day_something_happens)
{
	struct smug_world *big = generated(400), *small = tiny();
	int b = smug_world_find_ward(small, "ward:b");

	small->cfg.signals = big->cfg.signals;
	for (int day = 0; day < 8; day++) {
		for (int i = 0; day >= 2 && i < big->n_wards; i++)
			if ((i + day) % 8 < 4)
				set_ward_case(&big->wards[i], (i + day) % 8);
		step_each_as_small(big, small, b, day);
	}
	smug_world_free(big);
	smug_world_free(small);
}
END_TEST

/* A burst of raider runs lifts raider influence by at most
 * max_daily_delta a day, however strong the burst, and it falls back at
 * the same pace when the runs stop. */
START_TEST(test_signals_raider_influence_moves_at_most_the_daily_clamp)
{
	struct smug_world *w = tiny();
	struct smug_signals_config *c = &w->cfg.signals;
	struct smug_ward *wa = &w->wards[smug_world_find_ward(w, "ward:b")];
	double prev = wa->sig.raider_influence, top = 0;
	int days_up = 0;

	c->raider_gain = 0.6; /* the target jumps far above the base... */
	c->raider_decay = 1;  /* ...on the first day of the runs */
	for (int day = 0; day < 200; day++) {
		wa->raider_runs_today = day < 100 ? 100 : 0;
		signals_step(w);
		ck_assert_double_le(fabs(wa->sig.raider_influence - prev), c->max_daily_delta + EPS);
		days_up += wa->sig.raider_influence > prev;
		if (wa->sig.raider_influence > top)
			top = wa->sig.raider_influence;
		prev = wa->sig.raider_influence;
	}
	/* it did move, a step at a time, toward base + gain and back */
	ck_assert_double_ge(top, wa->base.raider_influence + 50 * c->max_daily_delta);
	ck_assert_int_ge(days_up, 50);
	ck_assert_double_lt(wa->sig.raider_influence, top);
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

/* A shipment of faction f along node ids, filed as the day's only resolution. */
static void resolved(struct smug_world *w, int f, const char *const *route, int n,
		     enum smug_outcome o, int hop)
{
	struct smug_shipment *s;

	logistics_release_resolved(w);
	w->resolved[0] = shipment_slot_take(w);
	ck_assert_int_ge(w->resolved[0], 0);
	s = &w->shipment_slots[w->resolved[0]];
	memset(s, 0, sizeof *s);
	s->faction = f;
	s->n_nodes = n;
	for (int i = 0; i < n; i++) {
		s->nodes[i] = smug_world_find_node(w, route[i]);
		if (i > 0) {
			char id[2 * SMUG_ID_MAX];
			const char *x = route[i - 1], *y = route[i];

			snprintf(id, sizeof id, "%s|%s", strcmp(x, y) < 0 ? x : y, strcmp(x, y) < 0 ? y : x);
			s->corridors[i - 1] = smug_world_find_corridor(w, id);
		}
	}
	s->status = o;
	s->hop = hop;
	s->resolved_corridor = o == SMUG_OUTCOME_DELIVERED ? -1 : s->corridors[hop];
	w->n_resolved = 1;
}

START_TEST(test_signals_raiders_follow_outcomes)
{
	static const char *const abd[] = {"n:a", "n:b", "n:d"};
	struct smug_world *w = tiny();
	const struct smug_signals_config *c = &w->cfg.signals;
	int a = smug_world_find_ward(w, "ward:a"), b = smug_world_find_ward(w, "ward:b"),
	    d = smug_world_find_ward(w, "ward:d"), cw = smug_world_find_ward(w, "ward:c");
	double presence, r0;

	/* a criminal network's run moves no raider */
	resolved(w, 0, abd, 3, SMUG_OUTCOME_DELIVERED, 1);
	signals_note_resolutions(w);
	ck_assert_int_eq(w->wards[b].raider_runs_today, 0);
	/* a raider's delivery is a run through every ward of its route, once */
	w->factions[0].kind = SMUG_FACTION_RAIDER;
	signals_note_resolutions(w);
	ck_assert_int_eq(w->wards[a].raider_runs_today, 1);
	ck_assert_int_eq(w->wards[b].raider_runs_today, 1);
	ck_assert_int_eq(w->wards[d].raider_runs_today, 1);
	ck_assert_int_eq(w->wards[cw].raider_runs_today, 0);
	/* a seizure on the second hop is a bust where it happened only */
	resolved(w, 0, abd, 3, SMUG_OUTCOME_SEIZED, 1);
	signals_note_resolutions(w);
	ck_assert_int_eq(w->wards[b].raider_busts_today, 1);
	ck_assert_int_eq(w->wards[a].raider_busts_today, 0);
	ck_assert_int_eq(w->wards[d].raider_busts_today, 0);
	/* the next day presence averages the runs (a bust counts raider_loss
	 * runs against them) and lifts influence toward base + raider_gain x
	 * presence, by at most max_daily_delta */
	r0 = w->wards[d].sig.raider_influence;
	w->wards[b].sig.raider_influence = w->wards[b].base.raider_influence = 0.5;
	signals_step(w);
	presence = c->raider_decay * (1.0 / c->raider_norm);
	ck_assert_double_eq_tol(w->wards[d].raider_presence, presence, EPS);
	ck_assert_double_eq_tol(w->wards[b].raider_presence,
				c->raider_decay * (1.0 - c->raider_loss) / c->raider_norm, EPS);
	ck_assert_double_eq_tol(w->wards[d].sig.raider_influence - r0, c->raider_gain * presence, EPS);
	ck_assert_double_lt(w->wards[b].sig.raider_influence, w->wards[b].base.raider_influence);
	ck_assert_int_eq(w->wards[a].raider_runs_today, 0); /* a day's runs count once */
	/* however many runs, the lift stays within raider_gain of the base */
	for (int day = 0; day < 2000; day++) {
		w->wards[d].raider_runs_today = 50;
		signals_step(w);
		ck_assert_double_le(w->wards[d].sig.raider_influence,
				    w->wards[d].base.raider_influence + c->raider_gain + EPS);
	}
	ck_assert_double_eq_tol(w->wards[d].sig.raider_influence,
				w->wards[d].base.raider_influence + c->raider_gain, 1e-6);
	/* and it fades when the runs stop */
	for (int day = 0; day < 2000; day++)
		signals_step(w);
	ck_assert_double_eq_tol(w->wards[d].sig.raider_influence, w->wards[d].base.raider_influence,
				1e-6);
	smug_world_free(w);

	/* two nodes of one ward on a route count that ward once */
	w = test_default_at(0);
	for (int k = 0; k < w->n_corridors; k++)
		if (!w->corridors[k].border) {
			const char *route[2] = {w->nodes[w->corridors[k].a].id, w->nodes[w->corridors[k].b].id};
			int f = smug_world_find_faction(w, "raiders");

			resolved(w, f, route, 2, SMUG_OUTCOME_DELIVERED, 0);
			signals_note_resolutions(w);
			ck_assert_int_eq(w->wards[w->nodes[w->corridors[k].a].ward].raider_runs_today, 1);
			break;
		}
	smug_world_free(w);
}
END_TEST

/* One day of the ward economy, exactly: the treasury pays the wards by
 * enforcement points, each ward spends on its people (its buyers), the
 * buyers' purses are levied (a corruption share leaking to the black
 * market), the black market spends in the wards by corruption, and a
 * network pays its crews' upkeep into its home ward's buyer purse.
 * Nothing is created or destroyed. */
START_TEST(test_signals_upkeep_and_ward_economy)
{
	struct smug_world *w = tiny();
	const struct smug_economy_config *e = &w->cfg.economy;
	const struct smug_faction *fa = &w->factions[0];
	struct smug_ledger *l = &w->ledger;
	int b = smug_world_find_ward(w, "ward:b"), home = fa->home_ward;
	int64_t fac0, treasury0, bm0, acct0, buyers0, home_buyers0, upkeep, pay, levy, leak, spend, bm_spend;
	double points = 0, corruption = 0, minted0 = (double)l->minted;

	ledger_post(l, 0, -1, l->treasury, 1000000, SMUG_TX_INITIAL_BALANCE);
	ledger_post(l, 0, -1, w->wards[b].account, 500000, SMUG_TX_INITIAL_BALANCE);
	ledger_post(l, 0, -1, w->wards[b].buyers, 200000, SMUG_TX_INITIAL_BALANCE);
	for (int i = 0; i < w->n_wards; i++) {
		points += w->wards[i].customs.enforcement_points;
		corruption += w->wards[i].sig.corruption;
	}
	fac0 = l->accounts[fa->account].balance;
	treasury0 = l->accounts[l->treasury].balance;
	bm0 = l->accounts[l->blackmarket].balance;
	acct0 = l->accounts[w->wards[b].account].balance;
	buyers0 = l->accounts[w->wards[b].buyers].balance;
	home_buyers0 = l->accounts[w->wards[home].buyers].balance;
	minted0 = (double)l->minted;
	signals_step(w);
	/* signals_step moved corruption first; the economy used today's */
	upkeep = (int64_t)((double)fac0 * w->cfg.smuggling.upkeep_fraction);
	pay = (int64_t)((double)(int64_t)((double)treasury0 * e->enforcement_pay_rate) *
			(w->wards[b].customs.enforcement_points / points));
	levy = (int64_t)((double)buyers0 * e->levy_rate);
	leak = (int64_t)((double)levy * (e->corruption_leak * w->wards[b].sig.corruption));
	spend = (int64_t)((double)(acct0 + pay) * e->ward_spend_rate);
	bm_spend = (int64_t)((double)(int64_t)((double)bm0 * e->blackmarket_spend_rate) *
			     (w->wards[b].sig.corruption / corruption));
	(void)corruption;
	ck_assert_int_gt(upkeep, 0);
	ck_assert_int_eq(fac0 - l->accounts[fa->account].balance, upkeep);
	ck_assert_int_eq(l->accounts[w->wards[home].buyers].balance - home_buyers0 > 0, 1);
	ck_assert_int_eq(l->accounts[w->wards[b].account].balance, acct0 + pay - spend);
	ck_assert_int_eq(l->accounts[w->wards[b].buyers].balance, buyers0 - levy + spend + bm_spend);
	ck_assert_int_gt(leak, 0);
	ck_assert_int_eq(l->by_reason[SMUG_TX_CORRUPTION_LEAK] > 0, 1);
	ck_assert_double_eq((double)l->minted, minted0);
	ck_assert_int_eq(l->burned, 0);
	ck_assert(smug_ledger_conserved(l));
	smug_world_free(w);
}
END_TEST

/* A designer who sets the levy and the enforcement pay to 0 turns them
 * off: a day of the ward economy takes no levy (and so no leak) from any
 * ward's buyers and pays no ward's account, though the treasury and the
 * buyers hold money; the wards still spend. */
START_TEST(test_signals_rates_of_zero_levy_and_pay_nothing)
{
	struct smug_world *w = tiny();
	struct smug_ledger *l = &w->ledger;
	int64_t treasury0;

	ledger_post(l, 0, -1, l->treasury, 1000000, SMUG_TX_INITIAL_BALANCE);
	for (int i = 0; i < w->n_wards; i++) {
		ledger_post(l, 0, -1, w->wards[i].buyers, 200000, SMUG_TX_INITIAL_BALANCE);
		ledger_post(l, 0, -1, w->wards[i].account, 50000, SMUG_TX_INITIAL_BALANCE);
	}
	w->cfg.economy.levy_rate = 0;
	w->cfg.economy.enforcement_pay_rate = 0;
	treasury0 = l->accounts[l->treasury].balance;
	signals_step(w);
	ck_assert_msg(l->by_reason[SMUG_TX_LEVY_THROUGHPUT] == 0 && l->by_reason[SMUG_TX_CORRUPTION_LEAK] == 0,
		      "a levy rate of 0 took %lld minor units of levy and %lld of leak",
		      (long long)l->by_reason[SMUG_TX_LEVY_THROUGHPUT], (long long)l->by_reason[SMUG_TX_CORRUPTION_LEAK]);
	ck_assert_msg(l->by_reason[SMUG_TX_PAY_ENFORCEMENT] == 0, "an enforcement pay rate of 0 paid %lld minor units",
		      (long long)l->by_reason[SMUG_TX_PAY_ENFORCEMENT]);
	ck_assert_int_eq(l->accounts[l->treasury].balance, treasury0);
	ck_assert_int_gt(l->by_reason[SMUG_TX_WARD_SPENDING], 0);
	ck_assert(smug_ledger_conserved(l));
	smug_world_free(w);
}
END_TEST

/* Wards that keep no enforcement points at all (none anywhere to weigh
 * the pay by) share the day's enforcement pay evenly: each ward's account
 * is paid its 1/n of it, and the treasury pays it all. */
START_TEST(test_signals_pay_without_enforcement_points_is_shared_evenly)
{
	struct smug_world *w = tiny();
	struct smug_ledger *l = &w->ledger;
	int64_t pay, each;

	ledger_post(l, 0, -1, l->treasury, 1000000, SMUG_TX_INITIAL_BALANCE);
	for (int i = 0; i < w->n_wards; i++)
		w->wards[i].customs.enforcement_points = 0;
	pay = (int64_t)((double)l->accounts[l->treasury].balance * w->cfg.economy.enforcement_pay_rate);
	each = (int64_t)((double)pay * (1.0 / w->n_wards));
	ck_assert_int_gt(each, 0);
	signals_step(w);
	ck_assert_msg(l->by_reason[SMUG_TX_PAY_ENFORCEMENT] == each * w->n_wards,
		      "%d wards without enforcement points were paid %lld in all, want %lld each",
		      w->n_wards, (long long)l->by_reason[SMUG_TX_PAY_ENFORCEMENT], (long long)each);
	ck_assert(smug_ledger_conserved(l));
	smug_world_free(w);
}
END_TEST

/* Wards none of which is corrupt at all (no corruption anywhere to
 * weigh the black market's spending by) share that spending evenly: each
 * ward's buyers get their 1/n of it, and the black market pays it all. */
START_TEST(test_signals_blackmarket_spending_without_corruption_is_shared_evenly)
{
	struct smug_world *w = tiny();
	struct smug_ledger *l = &w->ledger;
	int64_t spend, each;

	ledger_post(l, 0, -1, l->blackmarket, 1000000, SMUG_TX_INITIAL_BALANCE);
	for (int i = 0; i < w->n_wards; i++)
		w->wards[i].sig.corruption = w->wards[i].base.corruption = 0;
	spend = (int64_t)((double)l->accounts[l->blackmarket].balance * w->cfg.economy.blackmarket_spend_rate);
	each = (int64_t)((double)spend * (1.0 / w->n_wards));
	ck_assert_int_gt(each, 0);
	signals_step(w);
	ck_assert_msg(l->by_reason[SMUG_TX_BLACKMARKET_SPENDING] == each * w->n_wards,
		      "%d wards without corruption were spent %lld in all by the black market, want %lld each",
		      w->n_wards, (long long)l->by_reason[SMUG_TX_BLACKMARKET_SPENDING], (long long)each);
	ck_assert(smug_ledger_conserved(l));
	smug_world_free(w);
}
END_TEST

/* A day of the ward economy in a world of more wards than the ledger's
 * journal ring has room for five transfers each leaves in the ring the
 * records posting them one by one would: its newest SMUG_JOURNAL_CAP
 * transfers (2,000 wards: about 6,000 on the first day), or all of them
 * after the older ones (1,000 wards: about 3,000, some wards having
 * nothing to move); today's, numbered consecutively up to the last,
 * newest first the networks' upkeep, then each ward's five (spending of
 * the black market, the ward's spending, its pay, the levy, the leak)
 * from the last ward back, each between the accounts its reason names
 * and for what the balances moved. */
static void economy_journal_check(int n_wards)
{
	struct smug_world *w = generated(n_wards);
	struct smug_ledger *l;
	int64_t *before, *moved;
	static const enum smug_tx_reason order[5] = {
		SMUG_TX_BLACKMARKET_SPENDING, SMUG_TX_WARD_SPENDING, SMUG_TX_PAY_ENFORCEMENT,
		SMUG_TX_LEVY_THROUGHPUT,      SMUG_TX_CORRUPTION_LEAK,
	};
	int ward, k, f, n_upkeep = 0, oldest_ward, count0, n_today;

	l = &w->ledger;
	before = calloc((size_t)l->n_accounts, sizeof *before);
	moved = calloc((size_t)l->n_accounts, sizeof *moved);
	for (int i = 0; i < l->n_accounts; i++)
		before[i] = l->accounts[i].balance;
	count0 = l->journal_count;
	w->day++;
	signals_step(w);
	ck_assert_int_eq(l->day_seq_day, w->day);
	ck_assert_msg(n_wards < 2000 ? l->day_seq < SMUG_JOURNAL_CAP : l->day_seq > SMUG_JOURNAL_CAP,
		      "%d wards: %u transfers today", n_wards, l->day_seq);
	n_today = (int)l->day_seq < SMUG_JOURNAL_CAP ? (int)l->day_seq : SMUG_JOURNAL_CAP;
	ck_assert_int_eq(l->journal_count, count0 + (int)l->day_seq < SMUG_JOURNAL_CAP ? count0 + (int)l->day_seq
										: SMUG_JOURNAL_CAP);
	if (n_today < SMUG_JOURNAL_CAP) /* the record before today's is as it was */
		ck_assert_int_lt(l->journal[(l->journal_head - 1 - n_today + 2 * SMUG_JOURNAL_CAP) % SMUG_JOURNAL_CAP].day,
				 w->day);
	f = w->n_factions - 1;
	ward = w->n_wards - 1;
	k = 0;
	for (int j = 0; j < n_today; j++) {
		const struct smug_tx *t = &l->journal[(l->journal_head - 1 - j + 2 * SMUG_JOURNAL_CAP) % SMUG_JOURNAL_CAP];
		const struct smug_ward *wa;
		int from, to;

		ck_assert_int_eq(t->day, w->day);
		ck_assert_msg(t->seq == l->day_seq - 1 - (uint32_t)j, "record %d back: seq %u, want %u", j, t->seq,
			      l->day_seq - 1 - (uint32_t)j);
		ck_assert_int_gt(t->amount, 0);
		while (f >= 0 && (!w->factions[f].runs_network || t->reason != SMUG_TX_UPKEEP))
			f--;
		if (f >= 0) { /* the upkeep, newest first */
			ck_assert_int_eq(t->from, w->factions[f].account);
			ck_assert_int_eq(t->to, w->wards[w->factions[f].home_ward].buyers);
			n_upkeep++;
			f--;
			moved[t->from] -= t->amount;
			moved[t->to] += t->amount;
			continue;
		}
		/* the next of the wards' transfers back with this reason */
		while (ward >= 0 && order[k] != t->reason) {
			if (++k == 5) {
				k = 0;
				ward--;
			}
		}
		ck_assert_msg(ward >= 0, "record %d back (reason %d) is no ward's next transfer", j, (int)t->reason);
		wa = &w->wards[ward];
		from = t->reason == SMUG_TX_BLACKMARKET_SPENDING ? l->blackmarket
		       : t->reason == SMUG_TX_WARD_SPENDING	 ? wa->account
		       : t->reason == SMUG_TX_PAY_ENFORCEMENT	 ? l->treasury
								 : wa->buyers;
		to = t->reason == SMUG_TX_BLACKMARKET_SPENDING || t->reason == SMUG_TX_WARD_SPENDING ? wa->buyers
		     : t->reason == SMUG_TX_PAY_ENFORCEMENT					     ? wa->account
		     : t->reason == SMUG_TX_LEVY_THROUGHPUT					     ? l->treasury
												     : l->blackmarket;
		ck_assert_msg(t->from == from && t->to == to, "record %d back, ward %d reason %d: %d -> %d, want %d -> %d",
			      j, ward, (int)t->reason, t->from, t->to, from, to);
		moved[t->from] -= t->amount;
		moved[t->to] += t->amount;
		if (++k == 5) {
			k = 0;
			ward--;
		}
	}
	ck_assert_int_gt(n_upkeep, 0);
	/* every ward after the oldest one in the ring has all its transfers
	 * there: its two accounts moved by what the records say */
	oldest_ward = ward + 1;
	ck_assert_int_lt(oldest_ward, w->n_wards - 500);
	if (n_today < SMUG_JOURNAL_CAP) /* every ward's transfers are there */
		oldest_ward = -1;
	for (int i = oldest_ward + 1; i < w->n_wards; i++) {
		const struct smug_ward *wa = &w->wards[i];

		ck_assert_msg(l->accounts[wa->account].balance - before[wa->account] == moved[wa->account],
			      "ward %d's account moved %lld, its records say %lld", i,
			      (long long)(l->accounts[wa->account].balance - before[wa->account]),
			      (long long)moved[wa->account]);
		ck_assert_msg(l->accounts[wa->buyers].balance - before[wa->buyers] == moved[wa->buyers],
			      "ward %d's buyers moved %lld, their records say %lld", i,
			      (long long)(l->accounts[wa->buyers].balance - before[wa->buyers]),
			      (long long)moved[wa->buyers]);
	}
	ck_assert(smug_ledger_conserved(l));
	free(before);
	free(moved);
	smug_world_free(w);
}

START_TEST(test_signals_economy_journal_keeps_the_newest_transfers)
{
	economy_journal_check(2000);
	economy_journal_check(1000);
}
END_TEST

/* The ward economy moves whole minor units: at a spending rate of 1 a
 * ward's account spends its whole balance, down to a single minor unit;
 * at a rate below 1 the balance times the rate, truncated, so one minor
 * unit at 0.5 stays. Nothing is created or destroyed either way. */
START_TEST(test_signals_ward_spending_moves_whole_minor_units)
{
	for (int k = 0; k < 2; k++) {
		struct smug_world *w = tiny();
		struct smug_ledger *l = &w->ledger;
		int b = smug_world_find_ward(w, "ward:b");

		w->cfg.economy.enforcement_pay_rate = 0; /* no pay: the ward's account holds what is posted */
		w->cfg.economy.ward_spend_rate = k == 0 ? 1 : 0.5;
		ck_assert_int_eq(l->accounts[w->wards[b].account].balance, 0);
		ledger_post(l, 0, -1, w->wards[b].account, 1, SMUG_TX_INITIAL_BALANCE);
		signals_step(w);
		ck_assert_msg(l->accounts[w->wards[b].account].balance == (k == 0 ? 0 : 1),
			      "spending rate %.1f: the ward's account keeps %lld of its 1 minor unit", k == 0 ? 1.0 : 0.5,
			      (long long)l->accounts[w->wards[b].account].balance);
		ck_assert(smug_ledger_conserved(l));
		smug_world_free(w);
	}
}
END_TEST

/* A ward whose account is 10 minor units short of the most a balance
 * may hold is paid those 10 and no more, and then spends its share of
 * the full account: once the ledger holds more money than one balance
 * may, every payee's room counts. Nothing is created or destroyed. */
START_TEST(test_signals_ward_account_at_its_bound_is_paid_what_it_can_hold)
{
	struct smug_world *w = tiny();
	struct smug_ledger *l = &w->ledger;
	int b = smug_world_find_ward(w, "ward:b"), acct = w->wards[b].account;
	int64_t room = 10, paid = -1, spend;

	ledger_post(l, w->day, -1, l->treasury, 1000000, SMUG_TX_INITIAL_BALANCE);
	ledger_post(l, w->day, -1, acct, LEDGER_BALANCE_MAX - room - l->accounts[acct].balance,
		    SMUG_TX_INITIAL_BALANCE);
	ck_assert_int_eq(l->accounts[acct].balance, LEDGER_BALANCE_MAX - room);
	w->day++;
	signals_step(w);
	for (int j = 1; j <= l->journal_count && paid < 0; j++) {
		const struct smug_tx *t = &l->journal[(l->journal_head - j + SMUG_JOURNAL_CAP) % SMUG_JOURNAL_CAP];

		if (t->day == w->day && t->reason == SMUG_TX_PAY_ENFORCEMENT && t->to == acct)
			paid = t->amount;
	}
	ck_assert_msg(paid == room, "the ward 10 short of a full account was paid %lld", (long long)paid);
	spend = (int64_t)((double)LEDGER_BALANCE_MAX * w->cfg.economy.ward_spend_rate);
	ck_assert_int_gt(spend, 0);
	ck_assert_msg(l->accounts[acct].balance == LEDGER_BALANCE_MAX - spend,
		      "the full account spent its share: %lld left, want %lld", (long long)l->accounts[acct].balance,
		      (long long)(LEDGER_BALANCE_MAX - spend));
	ck_assert(smug_ledger_conserved(l));
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

#ifdef HAVE_MALLINFO2
/* A large world gives its whole memory back when freed after quiet days
 * (the days its wards rest on their shortage averages), and so does its
 * copy: a sweep or a cockpit session makes, copies and frees many. The
 * generated json is kept, so only the worlds come and go; the allocator
 * keeps about 13 KB of freed blocks for reuse, a world's shortage
 * averages alone are 3,200 bytes. */
START_TEST(test_signals_large_world_freed_after_quiet_days_gives_its_memory_back)
{
	char *json = smug_scenario_generate(400, 7, 3);
	size_t before = 0;
	int rested = 0;

	ck_assert_ptr_nonnull(json);
	for (int round = 0; round <= 30; round++) {
		struct smug_world *w = NULL, *copy;

		if (round == 1)
			before = test_heap_in_use(); /* the first may set up what later ones reuse */
		ck_assert_int_eq(smug_world_load_json(json, strlen(json), "gen", &w, NULL), SMUG_OK);
		smug_cmd_step(w, 2);
		copy = smug_world_clone(w);
		smug_cmd_step(copy, 2);
		for (int i = 0; i < copy->n_wards; i++)
			rested += copy->wards[i].signals_at_rest == copy->rest_key;
		smug_world_free(copy);
		smug_world_free(w);
	}
	ck_assert_int_gt(rested, 0);
	ck_assert_msg(test_heap_in_use() < before + (64u << 10),
		      "30 worlds of 400 wards and their copies, 2 days each, freed: %zu bytes more in use",
		      test_heap_in_use() - before);
	free(json);
}
END_TEST
#endif

int main(void)
{
	Suite *s = suite_create("signals");
	TCase *t = tcase_create("drift");

	tcase_add_test(t, test_signals_bribes_raise_corruption_and_flow);
	tcase_add_test(t, test_signals_flow_falls_back_without_bribes);
	tcase_add_test(t, test_signals_audit_and_base_pull_lower_corruption);
	tcase_add_test(t, test_signals_deliveries_ease_shortage_which_regenerates);
	tcase_add_test(t, test_signals_tolerance_and_raiders_drift_back);
	tcase_add_test(t, test_signals_quiet_ward_stays_at_base_and_minus_zero_steps);
	tcase_add_test(t, test_signals_large_world_steps_each_ward_as_a_small_one);
	tcase_add_test(t, test_signals_very_large_world_steps_each_ward_as_a_small_one);
	tcase_add_test(t, test_signals_large_world_wards_at_rest_move_on_the_day_something_happens);
	tcase_add_test(t, test_signals_large_world_ward_written_at_rest_steps_as_a_loaded_copy);
	tcase_add_test(t, test_signals_large_world_rest_key_come_round_again_finds_no_note);
	tcase_add_test(t, test_signals_large_world_clone_steps_as_the_world);
	tcase_add_test(t, test_signals_presence_fades_where_influence_sits_at_base);
	tcase_add_test(t, test_signals_raider_influence_moves_at_most_the_daily_clamp);
	tcase_add_test(t, test_signals_shortage_and_corruption_raise_tolerance);
	tcase_add_test(t, test_signals_raiders_follow_outcomes);
	tcase_add_test(t, test_signals_bounded_over_years);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	t = tcase_create("money");
	tcase_add_test(t, test_signals_upkeep_and_ward_economy);
	tcase_add_test(t, test_signals_economy_journal_keeps_the_newest_transfers);
	tcase_add_test(t, test_signals_ward_spending_moves_whole_minor_units);
	tcase_add_test(t, test_signals_rates_of_zero_levy_and_pay_nothing);
	tcase_add_test(t, test_signals_pay_without_enforcement_points_is_shared_evenly);
	tcase_add_test(t, test_signals_blackmarket_spending_without_corruption_is_shared_evenly);
	tcase_add_test(t, test_signals_ward_account_at_its_bound_is_paid_what_it_can_hold);
	suite_add_tcase(s, t);
#ifdef HAVE_MALLINFO2
	t = tcase_create("memory");
	tcase_add_test(t, test_signals_large_world_freed_after_quiet_days_gives_its_memory_back);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
#endif
	return test_run_suite(s);
}
