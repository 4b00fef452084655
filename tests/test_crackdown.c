/* Crackdowns: manual targets through the command API (errors, replace,
 * expiry, clear; an unknown id names the nearest ones) and the auto
 * planner (targets the hottest border first, respects capacity and the
 * per-day cap, cools down after expiry, explores at low intensity, never
 * touches manual targets); the what-if of a decision under a crackdown. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

static struct smug_world *dosadi(void)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	return w;
}

static int count_events(const struct smug_world *w, enum smug_event_kind k)
{
	int n = 0;

	for (int i = 0; i < w->tel.event_count; i++)
		n += smug_event_at(&w->tel, i)->kind == k;
	return n;
}

START_TEST(test_crackdown_manual_commands)
{
	struct smug_world *w = dosadi();
	struct smug_error err;
	const char *id = w->corridors[0].id;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, "nope", 1.0, -1, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown corridor 'nope'"));
	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, 0.0, -1, &err), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, 1.5, -1, &err), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, 0.5, 3, &err), SMUG_OK);
	ck_assert_double_eq(crackdown_intensity(w, 0), 0.5);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, 1.0, 3, &err), SMUG_OK); /* replaces */
	ck_assert_int_eq(w->n_crackdowns, 1);
	ck_assert_double_eq(crackdown_intensity(w, 0), 1.0);
	smug_cmd_step(w, 3); /* days 1..3 active */
	ck_assert_double_eq(crackdown_intensity(w, 0), 1.0);
	ck_assert_int_eq(count_events(w, SMUG_EV_CRACKDOWN_EXPIRED), 0);
	smug_cmd_step(w, 1); /* day 4: expired */
	ck_assert_double_eq(crackdown_intensity(w, 0), 0.0);
	ck_assert_int_eq(count_events(w, SMUG_EV_CRACKDOWN_EXPIRED), 1);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, 1.0, -1, &err), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, id, &err), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, id, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_int_eq(count_events(w, SMUG_EV_CRACKDOWN_CLEARED), 1);
	{
		/* the clearing names the border and no faction; it moves no money */
		const struct smug_event *e = smug_event_at(&w->tel, w->tel.event_count - 1);

		ck_assert_int_eq(e->kind, SMUG_EV_CRACKDOWN_CLEARED);
		ck_assert_int_eq(e->corridor, 0);
		ck_assert_int_eq(e->faction, -1);
		ck_assert_msg(e->amount == 0, "a cleared crackdown's event carries %lld minor units", (long long)e->amount);
	}
	smug_world_free(w);
}
END_TEST

START_TEST(test_crackdown_planner_targets_hottest_within_capacity)
{
	struct smug_world *w = dosadi();
	int manual = -1, hot[3], planner = 0, found[3] = {0};
	double used = 0, intensity[3] = {0};

	smug_cmd_step(w, 30);
	ck_assert_int_ge(w->tel.n_touched, 5);
	manual = w->tel.touched[0];
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[manual].id, 0.3, -1, NULL), SMUG_OK);
	/* three borders touched today become the hottest by far, in this
	 * order; the manual target is hotter still but already taken */
	for (int k = 0; k < 3; k++) {
		hot[k] = w->tel.touched[k + 1];
		w->border_stats[hot[k]].seizures_today = 90 - 30 * k;
	}
	w->border_stats[manual].seizures_today = 200;
	w->cfg.crackdown.max_targets_per_day = 3;
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 1);
	for (int i = 0; i < w->n_crackdowns; i++) {
		const struct smug_crackdown *t = &w->crackdowns[i];

		if (t->manual)
			continue;
		planner++;
		ck_assert(!t->exploration);
		used += t->intensity;
		for (int k = 0; k < 3; k++)
			if (t->corridor == hot[k]) {
				found[k] = 1;
				intensity[k] = t->intensity;
			}
	}
	ck_assert_int_eq(planner, 3);
	ck_assert_msg(found[0] && found[1] && found[2], "the planner did not target the three hottest borders");
	/* the hottest is served first: intensity never grows down the list */
	ck_assert_double_ge(intensity[0], intensity[1]);
	ck_assert_double_ge(intensity[1], intensity[2]);
	ck_assert_double_eq(intensity[0], w->enforcement_capacity >= 1 ? 1.0 : intensity[0]);
	ck_assert_double_le(used, w->enforcement_capacity + 1e-9);
	ck_assert_double_eq(crackdown_intensity(w, manual), 0.3); /* untouched */
	ck_assert_int_ge(count_events(w, SMUG_EV_CRACKDOWN_ACTIVATED), 4);
	smug_world_free(w);
}
END_TEST

/* With little capacity the planner buys lower intensity levels and stops
 * when less than the lowest level is left. */
START_TEST(test_crackdown_planner_spends_only_its_capacity)
{
	struct smug_world *w = dosadi();
	double used = 0;
	int planner = 0, hot[4];

	smug_cmd_step(w, 30);
	w->enforcement_capacity = 1.25;
	ck_assert_int_ge(w->tel.n_touched, 4);
	for (int k = 0; k < 4; k++) {
		hot[k] = w->tel.touched[k];
		w->border_stats[hot[k]].seizures_today = 90 - 20 * k;
	}
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 1);
	for (int i = 0; i < w->n_crackdowns; i++)
		if (!w->crackdowns[i].exploration) {
			used += w->crackdowns[i].intensity;
			planner++;
		}
	/* 1.0 for the hottest, then the 0.25 left buys the lowest level;
	 * nothing is left for a third */
	ck_assert_int_eq(planner, 2);
	ck_assert_double_eq_tol(used, 1.25, 1e-12);
	ck_assert_double_eq(crackdown_intensity(w, hot[0]), 1.0);
	ck_assert_double_eq(crackdown_intensity(w, hot[1]), 0.25);
	ck_assert_double_eq(crackdown_intensity(w, hot[2]), 0.0);
	smug_world_free(w);
}
END_TEST

START_TEST(test_crackdown_cooldown_and_exploration)
{
	struct smug_world *w = dosadi();
	int target = -1, explored = 0;

	smug_cmd_step(w, 30);
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 1);
	for (int i = 0; i < w->n_crackdowns && target < 0; i++)
		if (!w->crackdowns[i].exploration)
			target = w->crackdowns[i].corridor;
	ck_assert_int_ge(target, 0);
	/* runs duration_days, then cools down for cooldown_days */
	smug_cmd_step(w, w->cfg.crackdown.duration_days);
	ck_assert_double_eq(crackdown_intensity(w, target), 0.0);
	for (int d = 0; d < w->cfg.crackdown.cooldown_days; d++) {
		smug_cmd_step(w, 1);
		ck_assert_double_eq(crackdown_intensity(w, target), 0.0);
	}
	for (int d = 0; d < 28; d++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_crackdowns; i++)
			if (w->crackdowns[i].exploration) {
				explored++;
				ck_assert_double_eq(w->crackdowns[i].intensity, w->cfg.crackdown.exploration_intensity);
			}
	}
	ck_assert_int_gt(explored, 0);
	/* off: no new targets once the running ones expire */
	smug_cmd_auto_crackdown(w, false);
	smug_cmd_step(w, w->cfg.crackdown.duration_days + 1);
	ck_assert_int_eq(w->n_crackdowns, 0);
	smug_world_free(w);
}
END_TEST

/* The planner explores only borders that saw traffic: with smuggling
 * switched off nothing crosses a border, so three weeks of the planner
 * (three exploration days) start no crackdown at all. */
START_TEST(test_crackdown_no_traffic_no_exploration)
{
	struct smug_world *w = dosadi();
	struct smug_error err;

	ck_assert_int_eq(smug_config_set(w, "smuggling.enabled", "false", &err), SMUG_OK);
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 21);
	ck_assert_int_eq(w->tel.total.shipments_created, 0);
	ck_assert_msg(w->n_crackdowns == 0, "%d crackdowns on a quiet world, the first on corridor %d",
		      w->n_crackdowns, w->n_crackdowns ? w->crackdowns[0].corridor : -1);
	ck_assert_int_eq(count_events(w, SMUG_EV_CRACKDOWN_ACTIVATED), 0);
	smug_world_free(w);
}
END_TEST

START_TEST(test_crackdown_first_pick_is_top_score)
{
	struct smug_world *w = dosadi();
	int hot = -1;

	smug_cmd_step(w, 10);
	/* make one touched border overwhelmingly hot yesterday */
	smug_cmd_step(w, 1);
	hot = w->tel.touched[0];
	w->border_stats[hot].seizures_today = 50;
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 1);
	ck_assert_double_eq(crackdown_intensity(w, hot), 1.0);
	smug_world_free(w);
}
END_TEST

/* The cooldown list is bounded: when full, a new cooldown replaces the one
 * that ends soonest, and the list stays sorted by corridor. */
START_TEST(test_crackdown_cooldowns_bounded)
{
	struct smug_world *w = dosadi();
	int expiring = -1, soonest;

	ck_assert_int_gt(w->n_corridors, SMUG_COOLDOWN_CAP + 2);
	w->day = 100;
	for (int i = 0; i < SMUG_COOLDOWN_CAP; i++)
		w->cooldowns[i] = (struct smug_cooldown){i + 1, 200 + (i * 37) % SMUG_COOLDOWN_CAP};
	w->n_cooldowns = SMUG_COOLDOWN_CAP;
	soonest = 1; /* (i * 37) % 64 is 0 only for i == 0: corridor 1 ends first */
	expiring = SMUG_COOLDOWN_CAP + 1;
	w->crackdowns[0] = (struct smug_crackdown){SMUG_CRACKDOWN_BORDER, expiring, 1.0, 90, 99, false, false};
	w->n_crackdowns = 1;
	crackdown_step(w);
	ck_assert_int_eq(w->n_crackdowns, 0);
	ck_assert_int_eq(w->n_cooldowns, SMUG_COOLDOWN_CAP);
	for (int i = 0; i < w->n_cooldowns; i++) {
		ck_assert_int_ne(w->cooldowns[i].corridor, soonest);
		if (i > 0)
			ck_assert_int_lt(w->cooldowns[i - 1].corridor, w->cooldowns[i].corridor);
	}
	ck_assert_int_eq(w->cooldowns[w->n_cooldowns - 1].corridor, expiring);
	ck_assert_int_eq(w->cooldowns[w->n_cooldowns - 1].until_day, 100 + w->cfg.crackdown.cooldown_days);
	smug_world_free(w);
}
END_TEST

/* A mistyped border names the nearest valid ids, nearest first. */
START_TEST(test_crackdown_unknown_corridor_names_the_nearest)
{
	struct smug_world *w = dosadi();
	struct smug_error err;
	int near[3];

	ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:22.1|n:23.2", 1.0, -1, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown corridor 'n:22.1|n:23.2'; nearest valid ids: 'n:22.1|n:23.1'"));
	ck_assert_int_eq(smug_world_nearest_corridors(w, "n:23.1|n:22.1", near, 3), 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_ge(smug_world_find_corridor(w, w->corridors[near[i]].id), 0);
	ck_assert_int_eq(smug_world_nearest_corridors(w, w->corridors[7].id, near, 1), 1);
	ck_assert_int_eq(near[0], 7); /* a valid id is its own nearest */
	smug_world_free(w);
}
END_TEST

/* The what-if re-explains a decision as if the faction knew of a
 * crackdown on the border that flips it: its estimate there becomes the
 * seizure chance under the crackdown, and the world does not change. */
START_TEST(test_crackdown_whatif_moves_the_decision_not_the_world)
{
	struct smug_world *w = dosadi();
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x);
	int tried = 0, flipped = 0;
	uint64_t before;

	smug_cmd_step(w, 60);
	before = smug_world_digest(w);
	for (int i = 0; i < w->n_decisions; i++) {
		const struct smug_decision *d = &w->decisions[i];

		ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
		if (d->winner < 0 || x->lever_corridor < 0)
			continue;
		ck_assert(w->corridors[x->lever_corridor].border);
		ck_assert_int_eq(smug_explain_whatif(w, i, x->lever_corridor, 1.0, wi), SMUG_OK);
		ck_assert_int_eq(wi->corridor, x->lever_corridor);
		ck_assert_double_eq_tol(wi->risk_before, x->lever_from, 1e-12);
		ck_assert(wi->risk_after > wi->risk_before);
		ck_assert_int_eq(wi->winner_before, d->winner);
		/* the winner's score rises by its loss on that border, nothing else moves */
		ck_assert(wi->x.cand[d->winner].score > x->cand[d->winner].score);
		ck_assert_double_eq_tol(wi->x.cand[d->runner].score, x->cand[d->runner].score, 1e-6);
		flipped += wi->winner_after != d->winner && wi->risk_after >= x->lever_to;
		ck_assert(wi->risk_after < x->lever_to || wi->winner_after != d->winner);
		tried++;
	}
	ck_assert_int_gt(tried, 3);
	ck_assert_int_gt(flipped, 0);
	ck_assert_int_eq(smug_explain_whatif(w, 0, -1, 1.0, wi), SMUG_ERR_ARG);
	ck_assert_uint_eq(smug_world_digest(w), before);
	free(wi);
	free(x);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("crackdown");
	TCase *t = tcase_create("manual");

	tcase_add_test(t, test_crackdown_manual_commands);
	tcase_add_test(t, test_crackdown_unknown_corridor_names_the_nearest);
	tcase_add_test(t, test_crackdown_whatif_moves_the_decision_not_the_world);
	suite_add_tcase(s, t);
	t = tcase_create("planner");
	tcase_add_test(t, test_crackdown_planner_targets_hottest_within_capacity);
	tcase_add_test(t, test_crackdown_planner_spends_only_its_capacity);
	tcase_add_test(t, test_crackdown_cooldown_and_exploration);
	tcase_add_test(t, test_crackdown_first_pick_is_top_score);
	tcase_add_test(t, test_crackdown_no_traffic_no_exploration);
	tcase_add_test(t, test_crackdown_cooldowns_bounded);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
