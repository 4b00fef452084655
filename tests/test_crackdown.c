/* Crackdowns: manual targets through the command API (errors, replace,
 * expiry, clear; an unknown id names the nearest ones) and the auto
 * planner (targets the hottest border first, respects capacity and the
 * per-day cap, cools down after expiry, explores at low intensity, never
 * touches manual targets); the what-if of a decision under a crackdown. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "smugnet/vault.h"
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

/* The manual crackdown's whole life against a plain model: targets set
 * out of corridor order, one replaced, one cleared, three expiring. Every
 * day, every corridor's intensity and "active on" answer are the model's;
 * at the end each activation, expiry and clearing event names its border
 * and no faction and says what happened in words, and the crackdown log
 * holds each period with its first and last active day. */
struct cd_model {
	int corridor, start, end; /* end -1: until cleared */
	double intensity;
};

static const struct cd_model *cd_model_find(const struct cd_model *m, int n, int c)
{
	for (int i = 0; i < n; i++)
		if (m[i].corridor == c)
			return &m[i];
	return NULL;
}

static void cd_model_check_day(const struct smug_world *w, const struct cd_model *m, int n)
{
	for (int c = 0; c < w->n_corridors; c++) {
		const struct cd_model *t = cd_model_find(m, n, c);
		bool active = t && t->start <= w->day && (t->end < 0 || w->day <= t->end);

		ck_assert_msg(crackdown_intensity(w, c) == (t ? t->intensity : 0.0),
			      "day %d corridor %d: intensity %.2f, expected %.2f", w->day, c,
			      crackdown_intensity(w, c), t ? t->intensity : 0.0);
		ck_assert_msg(smug_crackdown_active_on(w, c, w->day) == active,
			      "day %d corridor %d: active %d, expected %d", w->day, c,
			      smug_crackdown_active_on(w, c, w->day), active);
	}
}

static int cd_model_set(struct smug_world *w, struct cd_model *m, int n, int c, double intensity, int end)
{
	struct cd_model *t = NULL;

	for (int i = 0; i < n; i++)
		if (m[i].corridor == c)
			t = &m[i];
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, intensity, end, NULL), SMUG_OK);
	if (!t)
		t = &m[n++];
	*t = (struct cd_model){c, w->day + 1, end, intensity};
	return n;
}

static int cd_model_step(struct smug_world *w, struct cd_model *m, int n, int days)
{
	for (int d = 0; d < days; d++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < n;)
			if (m[i].end >= 0 && m[i].end < w->day)
				m[i] = m[--n];
			else
				i++;
		cd_model_check_day(w, m, n);
	}
	return n;
}

START_TEST(test_crackdown_manual_life_follows_the_model)
{
	struct smug_world *w = dosadi();
	struct cd_model m[8];
	static const struct {
		int corridor, start, end;
		double intensity;
	} periods[] = {{3, 1, 2, 0.5}, {1, 1, 3, 1.0}, {7, 1, 2, 0.25}, {5, 3, 10, 0.75}, {3, 3, 8, 0.8}};
	static const struct {
		enum smug_event_kind kind;
		int corridor;
		const char *detail;
	} events[] = {
		{SMUG_EV_CRACKDOWN_ACTIVATED, 3, "manual, intensity 0.50, timed"},
		{SMUG_EV_CRACKDOWN_ACTIVATED, 1, "manual, intensity 1.00, until cleared"},
		{SMUG_EV_CRACKDOWN_ACTIVATED, 7, "manual, intensity 0.25, timed"},
		{SMUG_EV_CRACKDOWN_ACTIVATED, 5, "manual, intensity 0.75, timed"},
		{SMUG_EV_CRACKDOWN_ACTIVATED, 3, "manual, intensity 0.80, timed"},
		{SMUG_EV_CRACKDOWN_EXPIRED, 7, "expired after 2 days"},
		{SMUG_EV_CRACKDOWN_CLEARED, 1, "cleared"},
		{SMUG_EV_CRACKDOWN_EXPIRED, 3, "expired after 6 days"},
		{SMUG_EV_CRACKDOWN_EXPIRED, 5, "expired after 8 days"},
	};
	int n = 0, seen = 0;

	n = cd_model_set(w, m, n, 3, 0.5, 5);
	n = cd_model_set(w, m, n, 1, 1.0, -1);
	n = cd_model_set(w, m, n, 7, 0.25, 2);
	cd_model_check_day(w, m, n);
	n = cd_model_step(w, m, n, 2);
	n = cd_model_set(w, m, n, 5, 0.75, 10);
	n = cd_model_set(w, m, n, 3, 0.8, 8); /* replaces the first: it ends on day 2 */
	n = cd_model_step(w, m, n, 1);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[1].id, NULL), SMUG_OK);
	for (int i = 0; i < n; i++)
		if (m[i].corridor == 1)
			m[i] = m[--n];
	cd_model_check_day(w, m, n);
	n = cd_model_step(w, m, n, 9);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(w->n_crackdowns, 0);

	ck_assert_int_eq(w->tel.crackdown_log_count, 5);
	for (int i = 0; i < 5; i++) {
		const struct smug_crackdown_period *p = smug_crackdown_period_at(&w->tel, i);

		ck_assert_msg(p->corridor == periods[i].corridor && p->start_day == periods[i].start &&
				      p->end_day == periods[i].end && p->intensity == periods[i].intensity,
			      "period %d: corridor %d days %d-%d at %.2f, expected corridor %d days %d-%d at %.2f", i,
			      p->corridor, p->start_day, p->end_day, p->intensity, periods[i].corridor,
			      periods[i].start, periods[i].end, periods[i].intensity);
		ck_assert(p->manual && !p->exploration);
	}
	for (int i = 0; i < w->tel.event_count; i++) {
		const struct smug_event *e = smug_event_at(&w->tel, i);

		if (e->kind != SMUG_EV_CRACKDOWN_ACTIVATED && e->kind != SMUG_EV_CRACKDOWN_EXPIRED &&
		    e->kind != SMUG_EV_CRACKDOWN_CLEARED)
			continue;
		ck_assert_int_lt(seen, 9);
		ck_assert_msg(e->kind == events[seen].kind && e->corridor == events[seen].corridor &&
				      strcmp(event_text(w, e), events[seen].detail) == 0,
			      "crackdown event %d: kind %d corridor %d '%s', expected kind %d corridor %d '%s'", seen,
			      e->kind, e->corridor, event_text(w, e), events[seen].kind, events[seen].corridor,
			      events[seen].detail);
		ck_assert_int_eq(e->faction, -1);
		ck_assert(e->amount == 0);
		seen++;
	}
	ck_assert_int_eq(seen, 9);
	smug_world_free(w);
}
END_TEST

/* A crackdown of one day says so in the singular: "expired after 1 day"
 * (the log and --events read it), two days in the plural. */
START_TEST(test_crackdown_one_day_reads_singular)
{
	struct smug_world *w = dosadi();
	const char *want[] = {"expired after 1 day", "expired after 2 days"};
	int seen = 0;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[2].id, 0.5, 1, NULL), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[4].id, 0.5, 2, NULL), SMUG_OK);
	smug_cmd_step(w, 3);
	for (int i = 0; i < w->tel.event_count; i++) {
		const struct smug_event *e = smug_event_at(&w->tel, i);

		if (e->kind != SMUG_EV_CRACKDOWN_EXPIRED)
			continue;
		ck_assert_int_lt(seen, 2);
		ck_assert_str_eq(event_text(w, e), want[seen]);
		seen++;
	}
	ck_assert_int_eq(seen, 2);
	smug_world_free(w);
}
END_TEST

/* At most SMUG_CRACKDOWN_CAP targets: set in reverse corridor order up to
 * the cap, one more is refused with the cap in words while replacing one
 * still works; clearing targets from the end and the middle of the full
 * list leaves every other corridor's crackdown as it was. */
START_TEST(test_crackdown_targets_fill_to_their_cap)
{
	struct smug_world *w = dosadi();
	struct smug_error err;

	ck_assert_int_gt(w->n_corridors, SMUG_CRACKDOWN_CAP);
	for (int c = SMUG_CRACKDOWN_CAP - 1; c >= 0; c--)
		ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 0.25 + (c % 4) * 0.25, -1, &err),
				 SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[SMUG_CRACKDOWN_CAP].id, 1.0, -1, &err),
			 SMUG_ERR_FULL);
	ck_assert_ptr_nonnull(strstr(err.msg, "at most 64 targets"));
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[9].id, 0.5, -1, &err), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[SMUG_CRACKDOWN_CAP - 2].id, &err), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[30].id, &err), SMUG_OK);
	ck_assert_int_eq(w->n_crackdowns, SMUG_CRACKDOWN_CAP - 2);
	for (int c = 0; c <= SMUG_CRACKDOWN_CAP; c++) {
		double want = c == 9 ? 0.5 : 0.25 + (c % 4) * 0.25;

		if (c == SMUG_CRACKDOWN_CAP - 2 || c == 30 || c == SMUG_CRACKDOWN_CAP)
			want = 0;
		ck_assert_msg(crackdown_intensity(w, c) == want, "corridor %d: intensity %.2f, expected %.2f", c,
			      crackdown_intensity(w, c), want);
	}
	smug_cmd_step(w, 1);
	ck_assert_int_eq(w->n_crackdowns, SMUG_CRACKDOWN_CAP - 2);
	/* a seed saved with them loads with the same targets */
	{
		char root[] = "/tmp/smugnet-crackdown-XXXXXX";
		struct smug_world *loaded = NULL;

		ck_assert_ptr_nonnull(mkdtemp(root));
		ck_assert_msg(smug_vault_save(w, root, "full", &err) == SMUG_OK, "%s", err.msg);
		ck_assert_msg(smug_vault_load(root, "full", &loaded, &err) == SMUG_OK, "%s", err.msg);
		ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
		for (int c = 0; c <= SMUG_CRACKDOWN_CAP; c++)
			ck_assert_double_eq(crackdown_intensity(loaded, c), crackdown_intensity(w, c));
		smug_world_free(loaded);
		test_remove_tree(root);
	}
	smug_world_free(w);
}
END_TEST

/* Every crackdown the command API sets, a seed holds: an intensity
 * below the least a snapshot reads (1e-300, once taken as in (0,1]) is
 * refused and sets nothing; the least one saves and loads. */
START_TEST(test_crackdown_intensity_is_one_a_seed_holds)
{
	struct smug_world *w = dosadi(), *loaded = NULL;
	struct smug_error err;
	const char *id = w->corridors[0].id;
	char root[] = "/tmp/smugnet-crackdown-XXXXXX";
	int cmds = w->journal.n_cmds;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, 1e-300, -1, &err), SMUG_ERR_ARG);
	ck_assert_msg(strstr(err.msg, "intensity must be in [1e-09,1], got 1e-300") != NULL, "%s", err.msg);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, SMUG_INTENSITY_MIN / 2, -1, &err), SMUG_ERR_ARG);
	ck_assert_int_eq(w->n_crackdowns, 0);
	ck_assert_int_eq(w->journal.n_cmds, cmds);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, SMUG_INTENSITY_MIN, -1, &err), SMUG_OK);
	smug_cmd_step(w, 2);
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_msg(smug_vault_save(w, root, "faint", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_load(root, "faint", &loaded, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_double_eq(crackdown_intensity(loaded, 0), SMUG_INTENSITY_MIN);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
	smug_world_free(loaded);
	test_remove_tree(root);
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

/* The planner explores on the days that are multiples of
 * crackdown.exploration_every (7 by default), and every day at 1: the
 * exploration crackdowns of days 31 to 72 all start on a multiple of 7,
 * and with exploration_every 1 the next 42 days have more days that
 * start one than the 6 a weekly planner could. */
START_TEST(test_crackdown_explores_every_exploration_every_days)
{
	struct smug_world *w = dosadi();
	struct smug_error err;
	int started[2] = {0};

	smug_cmd_step(w, 30);
	smug_cmd_auto_crackdown(w, true);
	for (int k = 0; k < 2; k++) {
		if (k == 1)
			ck_assert_int_eq(smug_config_set(w, "crackdown.exploration_every", "1", &err), SMUG_OK);
		for (int d = 0; d < 42; d++) {
			bool today = false;

			smug_cmd_step(w, 1);
			for (int i = 0; i < w->n_crackdowns; i++)
				today |= w->crackdowns[i].exploration && w->crackdowns[i].start_day == w->day;
			ck_assert_msg(!today || k == 1 || w->day % 7 == 0,
				      "day %d: an exploration crackdown starts, exploration_every 7", w->day);
			started[k] += today;
		}
	}
	ck_assert_int_gt(started[0], 0);
	ck_assert_msg(started[1] > 6, "exploration_every 1: exploration crackdowns start on %d days of 42",
		      started[1]);
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
		w->cooldowns[i] = (struct smug_cooldown){i + 1, 200 + ((i + 5) * 37) % SMUG_COOLDOWN_CAP};
	w->n_cooldowns = SMUG_COOLDOWN_CAP;
	soonest = SMUG_COOLDOWN_CAP - 4; /* ((i + 5) * 37) % 64 is 0 only for i == 59: corridor 60 ends
					  first, in the middle of the list */
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

/* A full list of cooldowns, one of which ended yesterday: the day drops
 * that one and keeps the other 63 as they were, in order. */
START_TEST(test_crackdown_full_cooldowns_drop_the_one_ended)
{
	struct smug_world *w = dosadi();
	const int ended = 20; /* in the middle of the list */

	ck_assert_int_gt(w->n_corridors, SMUG_COOLDOWN_CAP + 2);
	w->day = 100;
	for (int i = 0; i < SMUG_COOLDOWN_CAP; i++)
		w->cooldowns[i] = (struct smug_cooldown){i + 1, i == ended ? 99 : 200 + i};
	w->n_cooldowns = SMUG_COOLDOWN_CAP;
	w->n_crackdowns = 0;
	crackdown_step(w);
	ck_assert_int_eq(w->n_cooldowns, SMUG_COOLDOWN_CAP - 1);
	for (int i = 0; i < w->n_cooldowns; i++) {
		int was = i < ended ? i : i + 1;

		ck_assert_msg(w->cooldowns[i].corridor == was + 1 && w->cooldowns[i].until_day == 200 + was,
			      "cooldown %d: corridor %d until day %d, expected corridor %d until day %d", i,
			      w->cooldowns[i].corridor, w->cooldowns[i].until_day, was + 1, 200 + was);
	}
	smug_world_free(w);
}
END_TEST

/* Edit distance by the book (the whole table, no early stop). */
static int ref_edit_distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), d[80][80];

	ck_assert(la < 80 && lb < 80);
	for (int i = 0; i <= la; i++)
		for (int j = 0; j <= lb; j++) {
			int v = i == 0 ? j : j == 0 ? i : d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (i > 0 && j > 0 && d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (i > 0 && j > 0 && d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* The nearest ids named for a mistyped corridor are the k nearest by edit
 * distance, borders before other corridors at equal distance, then in id
 * order: for every corridor id with one character changed or dropped,
 * and k from 1 to 5, the list is the brute-force one. */
START_TEST(test_crackdown_nearest_corridors_are_the_nearest)
{
	struct smug_world *w = dosadi();
	int *key = malloc((size_t)w->n_corridors * sizeof *key), queries = 0;

	ck_assert_ptr_nonnull(key);
	for (int c = 0; c < w->n_corridors; c += 3)
		for (int pos = 0; w->corridors[c].id[pos]; pos += 2)
			for (int drop = 0; drop < 2; drop++) {
				char id[80];

				snprintf(id, sizeof id, "%s", w->corridors[c].id);
				if (drop)
					memmove(id + pos, id + pos + 1, strlen(id + pos));
				else
					id[pos] = id[pos] == '9' ? '0' : '9';
				for (int i = 0; i < w->n_corridors; i++)
					key[i] = 2 * ref_edit_distance(id, w->corridors[i].id) + !w->corridors[i].border;
				for (int k = 1; k <= 5; k++) {
					int near[5], n = smug_world_nearest_corridors(w, id, near, k), last = -1, last_key = -1;

					ck_assert_int_eq(n, k);
					for (int r = 0; r < n; r++) {
						int want = -1;

						for (int i = 0; i < w->n_corridors; i++) /* the next in (key, index) order */
							if ((key[i] > last_key || (key[i] == last_key && i > last)) &&
							    (want < 0 || key[i] < key[want]))
								want = i;
						ck_assert_msg(near[r] == want,
							      "'%s', k %d: nearest %d is %s (distance %d), want %s (distance %d)", id, k,
							      r + 1, w->corridors[near[r]].id, key[near[r]] / 2, w->corridors[want].id,
							      key[want] / 2);
						last = want;
						last_key = key[want];
					}
					queries++;
				}
			}
	ck_assert_int_gt(queries, 500);
	free(key);
	smug_world_free(w);
}
END_TEST

/* The what-if moves a decision of a faction's first plan day too, when
 * it has learned no border yet: on the tiny world's day 1 a full
 * crackdown on n:a|n:b raises the score of every winner that leaves by
 * it, and some then lose to the route by n:a|n:c. */
START_TEST(test_crackdown_whatif_moves_a_first_day_decision)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x);
	int ab = smug_world_find_corridor(w, "n:a|n:b"), tried = 0, flipped = 0;

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_ge(ab, 0);
	smug_cmd_step(w, 1);
	ck_assert_int_eq(w->factions[0].net.n_plan_stats, 0);
	for (int i = 0; i < w->n_decisions; i++) {
		const struct smug_decision *d = &w->decisions[i];
		bool via = false;

		if (d->winner < 0)
			continue;
		ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
		for (int k = 0; k + 1 < x->cand[d->winner].n_nodes; k++)
			via |= x->cand[d->winner].edges[k].corridor == ab;
		if (!via)
			continue;
		ck_assert_int_eq(smug_explain_whatif(w, i, ab, 1.0, wi), SMUG_OK);
		ck_assert_msg(wi->x.cand[d->winner].score > x->cand[d->winner].score,
			      "decision %d: its winner by n:a|n:b scores %.3f under a crackdown there, %.3f without", i,
			      wi->x.cand[d->winner].score, x->cand[d->winner].score);
		flipped += wi->winner_after != d->winner;
		tried++;
	}
	ck_assert_int_gt(tried, 0);
	ck_assert_int_gt(flipped, 0);
	free(wi);
	free(x);
	smug_world_free(w);
}
END_TEST

/* The faction's risk for crossing corridor c from node from, as it
 * planned (the what-if's risk_before). */
static double planned_risk(const struct smug_world *w, const struct smug_decision *d, int c, int from)
{
	const struct smug_network *n = &w->factions[d->faction].net;
	struct smug_belief b;

	smuggling_estimate(w, n, n->plan_stats, n->n_plan_stats, c, from, &b);
	return smuggling_belief_risk(&b, w->commodities[d->commodity].heat);
}

/* A what-if prices a corridor in the direction the route sent crosses
 * it, also for an explored decision whose winner crosses it the other
 * way: on day 10 of the default world, a decision made to have sent
 * (exploring) a candidate that crosses a corridor against its winner's
 * direction is priced from the sent route's side. */
START_TEST(test_crackdown_whatif_prices_the_direction_the_route_sent_crosses)
{
	struct smug_world *w = dosadi();
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x);
	int tried = 0, forward = 0;

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(x);
	smug_cmd_step(w, 10);
	for (int i = 0; i < w->n_decisions; i++) {
		struct smug_decision *d = &w->decisions[i];
		const struct smug_explain_candidate *win;

		if (d->winner < 0)
			continue;
		ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
		win = &x->cand[d->winner];
		for (int j = 0; j < x->n_cand; j++)
			for (int k = 0; k + 1 < x->cand[j].n_nodes; k++)
				for (int m = 0; m + 1 < win->n_nodes; m++) {
					const struct smug_explain_candidate *p = &x->cand[j];
					int c = p->edges[k].corridor, from = p->nodes[k];
					struct smug_decision saved = *d;

					if (win->nodes[m] != p->nodes[k + 1] || win->nodes[m + 1] != from ||
					    planned_risk(w, d, c, from) == planned_risk(w, d, c, win->nodes[m]))
						continue;
					d->chosen = j;
					d->explore = true;
					memcpy(d->route, p->nodes, (size_t)p->n_nodes * sizeof p->nodes[0]);
					d->route_len = p->n_nodes;
					ck_assert_int_eq(smug_explain_whatif(w, i, c, 1.0, wi), SMUG_OK);
					ck_assert_msg(wi->risk_before == planned_risk(w, d, c, from),
						      "decision %d sent by candidate %d: %s priced at %g, from %s %g", i, j,
						      w->corridors[c].id, wi->risk_before, w->nodes[from].id,
						      planned_risk(w, d, c, from));
					*d = saved;
					forward += from == w->corridors[c].a;
					tried++;
				}
	}
	ck_assert_int_gt(forward, 0); /* sent across from its a end, and from its b end */
	ck_assert_int_gt(tried, forward);
	free(wi);
	free(x);
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
	/* clearing a mistyped border says the same (in a fresh error) */
	memset(&err, 0, sizeof err);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, "n:22.1|n:23.2", &err), SMUG_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "crackdown: unknown corridor 'n:22.1|n:23.2'; nearest valid ids: 'n:22.1|n:23.1'"));
	ck_assert_int_eq(smug_world_nearest_corridors(w, "n:23.1|n:22.1", near, 3), 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_ge(smug_world_find_corridor(w, w->corridors[near[i]].id), 0);
	ck_assert_int_eq(smug_world_nearest_corridors(w, w->corridors[7].id, near, 1), 1);
	ck_assert_int_eq(near[0], 7); /* a valid id is its own nearest */
	smug_world_free(w);
}
END_TEST

/* A border's id with its two nodes swapped ('n:18.0|n:07.0' for
 * 'n:07.0|n:18.0', which edit distance ranks far off) is refused, and the
 * hint names the real id first; the world is left as it was. */
START_TEST(test_crackdown_reversed_id_names_the_real_one_first)
{
	struct smug_world *w = dosadi();
	struct smug_error err;

	ck_assert_int_ge(smug_world_find_corridor(w, "n:07.0|n:18.0"), 0);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:18.0|n:07.0", 1.0, -1, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_str_eq(err.msg, "crackdown: unknown corridor 'n:18.0|n:07.0'; did you mean 'n:07.0|n:18.0'? a "
				  "corridor's id names its nodes in sorted order; nearest valid ids: 'n:07.0|n:18.0', "
				  "'n:08.0|n:09.0', 'n:16.0|n:17.0'");
	ck_assert_int_eq(w->n_crackdowns, 0);
	memset(&err, 0, sizeof err);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, "n:18.0|n:07.0", &err), SMUG_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "; did you mean 'n:07.0|n:18.0'? "));
	/* a pair that is no corridor either way gets no such hint */
	memset(&err, 0, sizeof err);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:23.2|n:22.1", 1.0, -1, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_ptr_null(strstr(err.msg, "did you mean"));
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

/* The explained winner of decision i when the plan sent it (not an
 * explored runner-up), else NULL. */
static const struct smug_explain_candidate *sent_winner(const struct smug_world *w, int i,
							struct smug_explanation *x)
{
	const struct smug_decision *d = &w->decisions[i];

	if (d->winner < 0 || d->chosen != d->winner)
		return NULL;
	ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
	return &x->cand[d->winner];
}

static bool cand_has(const struct smug_explain_candidate *c, int corridor)
{
	for (int e = 0; e + 1 < c->n_nodes; e++)
		if (c->edges[e].corridor == corridor)
			return true;
	return false;
}

/* An explored decision (the faction took another route than its plan's
 * winner) is asked about the route it took: the what-if of each corridor
 * of that route starts from the estimate that route was planned with, in
 * the direction it crosses the corridor, whether or not the winner's
 * route crosses it too. */
START_TEST(test_crackdown_whatif_of_an_explored_route_starts_from_its_own_estimate)
{
	struct smug_world *w = dosadi();
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x);
	int explored = 0, edges = 0, reversed = 0;

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(x);
	for (int day = 1; day <= 60; day++) {
		smug_cmd_step(w, 1); /* the decisions kept are the day's */
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			const struct smug_explain_candidate *took;

			if (d->winner < 0 || d->chosen < 0 || d->chosen == d->winner)
				continue;
			ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
			took = &x->cand[d->chosen];
			explored++;
			for (int e = 0; e + 1 < took->n_nodes; e++) {
				int c = took->edges[e].corridor;

				ck_assert_int_eq(smug_explain_whatif(w, i, c, 1.0, wi), SMUG_OK);
				ck_assert_msg(wi->risk_before == took->edges[e].risk_est,
					      "day %d, explored decision %d, %s (edge %d, from %s): risk before %.6f, the "
					      "route taken was planned at %.6f",
					      w->day, i, w->corridors[c].id, e, w->nodes[took->nodes[e]].id, wi->risk_before,
					      took->edges[e].risk_est);
				edges++;
				reversed += w->corridors[c].b == took->nodes[e];
			}
		}
	}
	ck_assert_int_gt(explored, 0);
	ck_assert_int_gt(edges, explored); /* routes of more than one corridor */
	ck_assert_int_gt(reversed, 0);	   /* some crossing from the corridor's second end */
	free(wi);
	free(x);
	smug_world_free(w);
}
END_TEST

/* The what-if of every corridor of a decision's route prices the
 * crackdown there and nothing else: its estimate before is the one the
 * route was planned with; the failure chance after is a chance, grows
 * with the crackdown's intensity at a border (customs search harder) and
 * shrinks on a plain corridor, at each step where it has predators
 * (they are chased off: 0.25, 0.5 and 1.0 leave 85, 70 and 40% of its
 * hazard at the default hazard_shrink of 0.6), is at
 * least the border's predation, and is lower for a faction that bribes
 * than for the same one not bribing; the re-explained route carries it
 * on that corridor; a candidate that avoids the corridor keeps its score
 * exactly; the winner after is the lowest score. Intensities outside
 * (0, 1] and unknown corridors or decisions are refused. */
START_TEST(test_crackdown_whatif_prices_only_its_corridor)
{
	static const double intensity[] = {0.25, 0.5, 1.0};
	struct smug_world *w = dosadi(), *nobribe;
	struct smug_whatif *wi = malloc(sizeof *wi), *nb = malloc(sizeof *nb);
	struct smug_explanation *x = malloc(sizeof *x);
	int tried = 0, borders = 0, plain = 0, plain_lowered = 0, bribed_lower = 0, reversed = 0;
	uint64_t before;

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_nonnull(x);
	smug_cmd_step(w, 40);
	before = smug_world_digest(w);
	nobribe = smug_world_clone(w);
	for (int f = 0; f < nobribe->n_factions; f++)
		nobribe->factions[f].net.bribe_budget_fraction = 0;
	for (int i = 0; i < w->n_decisions && tried < 300; i++) {
		const struct smug_decision *d = &w->decisions[i];
		const struct smug_explain_candidate *win;

		if ((win = sent_winner(w, i, x)) == NULL)
			continue;
		for (int e = 0; e + 1 < win->n_nodes; e++) {
			int c = win->edges[e].corridor;
			bool border = w->corridors[c].border;
			double last = -1;

			reversed += w->corridors[c].b == win->nodes[e];
			for (size_t k = 0; k < sizeof intensity / sizeof intensity[0]; k++) {
				const struct smug_explain_candidate *after;

				ck_assert_int_eq(smug_explain_whatif(w, i, c, intensity[k], wi), SMUG_OK);
				ck_assert_int_eq(wi->corridor, c);
				ck_assert(wi->intensity == intensity[k]);
				ck_assert_int_eq(wi->winner_before, d->winner);
				ck_assert_msg(wi->risk_before == win->edges[e].risk_est,
					      "decision %d, %s (edge %d): risk before %.6f, the route was planned at %.6f", i,
					      w->corridors[c].id, e, wi->risk_before, win->edges[e].risk_est);
				ck_assert_msg(wi->risk_after >= 0 && wi->risk_after <= 1, "risk after %g", wi->risk_after);
				if (border) {
					ck_assert(wi->risk_after >= smuggling_predation(w, c) - 1e-12);
					ck_assert_msg(wi->risk_after >= last, "%s: risk after %.6f at intensity %.2f, %.6f below it",
						      w->corridors[c].id, wi->risk_after, intensity[k], last);
				} else if (last >= 0 && smuggling_predation(w, c) > 0) {
					ck_assert_msg(wi->risk_after < last,
						      "%s: risk after %.6f at intensity %.2f, not below the %.6f of the intensity before",
						      w->corridors[c].id, wi->risk_after, intensity[k], last);
					plain_lowered++;
				} else if (last >= 0) {
					ck_assert_msg(wi->risk_after <= last, "%s: risk after %.6f at intensity %.2f, %.6f below it",
						      w->corridors[c].id, wi->risk_after, intensity[k], last);
				}
				last = wi->risk_after;
				ck_assert_int_eq(wi->x.n_cand, x->n_cand);
				after = &wi->x.cand[d->winner];
				ck_assert_int_eq(after->edges[e].corridor, c);
				if (!border || wi->risk_after < 0.5)
					ck_assert_msg(fabs(after->edges[e].risk_est - wi->risk_after) < 1e-9,
						      "%s: the re-explained route prices it at %.6f, the what-if says %.6f",
						      w->corridors[c].id, after->edges[e].risk_est, wi->risk_after);
				for (int q = 0; q < x->n_cand; q++)
					if (!cand_has(&x->cand[q], c))
						ck_assert_msg(wi->x.cand[q].score == x->cand[q].score,
							      "candidate %d avoids %s but its score moved", q, w->corridors[c].id);
				{
					int low = 0;

					for (int q = 1; q < wi->x.n_cand; q++)
						if (wi->x.cand[q].score < wi->x.cand[low].score)
							low = q;
					ck_assert_int_eq(wi->winner_after, low);
				}
			}
			if (border && w->factions[d->faction].net.bribe_budget_fraction > 0) {
				ck_assert_int_eq(smug_explain_whatif(nobribe, i, c, 1.0, nb), SMUG_OK);
				ck_assert_msg(wi->risk_after <= nb->risk_after, "%s: bribing raises the risk after from %.6f to %.6f",
					      w->corridors[c].id, nb->risk_after, wi->risk_after);
				bribed_lower += wi->risk_after < nb->risk_after;
			}
			borders += border;
			plain += !border;
			tried++;
		}
	}
	ck_assert_int_gt(borders, 10);
	ck_assert_int_gt(plain, 5);
	ck_assert_int_gt(reversed, 5);
	ck_assert_int_gt(plain_lowered, 5);
	ck_assert_int_gt(bribed_lower, 0);
	/* what is refused */
	{
		static const double bad[] = {0, -0.5, 1.0000001, 2};
		int c = x->cand[0].edges[0].corridor;

		for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
			ck_assert_msg(smug_explain_whatif(w, 0, c, bad[k], wi) == SMUG_ERR_ARG, "intensity %g accepted", bad[k]);
		ck_assert_int_eq(smug_explain_whatif(w, 0, c, NAN, wi), SMUG_ERR_ARG);
		ck_assert_int_eq(smug_explain_whatif(w, 0, c, 1e-9, wi), SMUG_OK);
		/* the first and the last corridor are corridors like any other */
		ck_assert_int_eq(smug_explain_whatif(w, 0, 0, 1.0, wi), SMUG_OK);
		ck_assert_int_eq(wi->corridor, 0);
		ck_assert_int_eq(smug_explain_whatif(w, 0, w->n_corridors - 1, 1.0, wi), SMUG_OK);
		ck_assert_int_eq(wi->corridor, w->n_corridors - 1);
		ck_assert_int_eq(smug_explain_whatif(w, 0, w->n_corridors, 1.0, wi), SMUG_ERR_ARG);
		ck_assert_int_eq(smug_explain_whatif(w, w->n_decisions, c, 1.0, wi), SMUG_ERR_ARG);
		ck_assert_int_eq(smug_explain_whatif(w, -1, c, 1.0, wi), SMUG_ERR_ARG);
		ck_assert_int_eq(smug_explain_whatif(w, 0, c, 1.0, NULL), SMUG_ERR_ARG);
	}
	ck_assert_uint_eq(smug_world_digest(w), before);
	smug_world_free(nobribe);
	smug_world_free(w);
	free(wi);
	free(nb);
	free(x);
}
END_TEST

/* On the first day no faction has seen an outcome, so every edge of every
 * route is planned from the public prior. A what-if on such an edge adds
 * the statistic the crackdown would teach: the re-explained route now
 * knows that edge and prices it at the what-if's risk after, and every
 * other edge stays on its prior, priced as before. */
START_TEST(test_crackdown_whatif_on_an_unseen_edge_adds_its_statistic)
{
	struct smug_world *w = dosadi();
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x);
	int tried = 0;

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(x);
	smug_cmd_step(w, 1);
	for (int i = 0; i < w->n_decisions && tried < 60; i++) {
		const struct smug_decision *d = &w->decisions[i];
		const struct smug_explain_candidate *win, *after;

		if ((win = sent_winner(w, i, x)) == NULL)
			continue;
		for (int e = 0; e + 1 < win->n_nodes; e++) {
			int c = win->edges[e].corridor;

			ck_assert_msg(!win->edges[e].known, "day 1: %s known before any outcome", w->corridors[c].id);
			ck_assert_int_eq(smug_explain_whatif(w, i, c, 1.0, wi), SMUG_OK);
			after = &wi->x.cand[d->winner];
			ck_assert_msg(after->edges[e].known, "decision %d: the what-if on %s left it on its prior", i,
				      w->corridors[c].id);
			if (!w->corridors[c].border || wi->risk_after < 0.5)
				ck_assert_msg(fabs(after->edges[e].risk_est - wi->risk_after) < 1e-9,
					      "%s: the re-explained route prices it at %.6f, the what-if says %.6f",
					      w->corridors[c].id, after->edges[e].risk_est, wi->risk_after);
			for (int o = 0; o + 1 < win->n_nodes; o++)
				if (win->edges[o].corridor != c) {
					ck_assert_msg(!after->edges[o].known, "a what-if on %s taught %s too",
						      w->corridors[c].id, w->corridors[win->edges[o].corridor].id);
					ck_assert(after->edges[o].risk_est == win->edges[o].risk_est);
				}
			tried++;
		}
	}
	ck_assert_int_gt(tried, 20);
	smug_world_free(w);
	free(wi);
	free(x);
}
END_TEST

/* Cargo of no heat (a scenario may give a commodity heat 0): the what-if
 * at a border still re-prices the route at its failure chance after the
 * crackdown, a number in [0, 1], not a division by the cargo's heat. */
START_TEST(test_crackdown_whatif_of_cargo_without_heat)
{
	struct smug_world *w = dosadi();
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x);
	int tried = 0;

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(x);
	for (int k = 0; k < SMUG_COMMODITY_COUNT; k++)
		w->commodities[k].heat = 0;
	smug_cmd_step(w, 20);
	for (int i = 0; i < w->n_decisions && tried < 60; i++) {
		const struct smug_decision *d = &w->decisions[i];
		const struct smug_explain_candidate *win;

		if ((win = sent_winner(w, i, x)) == NULL)
			continue;
		for (int e = 0; e + 1 < win->n_nodes; e++) {
			int c = win->edges[e].corridor;

			if (!w->corridors[c].border)
				continue;
			ck_assert_int_eq(smug_explain_whatif(w, i, c, 1.0, wi), SMUG_OK);
			ck_assert(wi->risk_after >= 0 && wi->risk_after <= 1);
			ck_assert_msg(fabs(wi->x.cand[d->winner].edges[e].risk_est - wi->risk_after) < 1e-9,
				      "%s, cargo of no heat: the re-explained route prices it at %g, the what-if says %g (before %g, planned %g)",
				      w->corridors[c].id, wi->x.cand[d->winner].edges[e].risk_est, wi->risk_after, wi->risk_before, win->edges[e].risk_est);
			tried++;
		}
	}
	ck_assert_int_gt(tried, 10);
	smug_world_free(w);
	free(wi);
	free(x);
}
END_TEST

/* A decision that explored (sent its cargo on another route than the
 * winner) still has its lever on the winner's route: the what-if there
 * starts from the lever's own estimate, in the direction the winner
 * crosses that border, and raises the winner's score. */
START_TEST(test_crackdown_whatif_of_an_explored_decision_takes_the_winners_side)
{
	struct smug_world *w = dosadi();
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x);
	int tried = 0, reversed = 0;

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(x);
	for (int day = 0; day < 60; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			const struct smug_explain_candidate *win;

			if (d->winner < 0 || d->chosen == d->winner)
				continue;
			ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
			if (x->lever_corridor < 0)
				continue;
			ck_assert_int_eq(smug_explain_whatif(w, i, x->lever_corridor, 1.0, wi), SMUG_OK);
			ck_assert_msg(wi->risk_before == x->lever_from,
				      "day %d, decision %d explored: the what-if on the lever %s starts at %.6f, the lever at %.6f",
				      w->day, i, w->corridors[x->lever_corridor].id, wi->risk_before, x->lever_from);
			ck_assert(wi->x.cand[d->winner].score > x->cand[d->winner].score);
			win = &x->cand[d->winner];
			for (int e = 0; e + 1 < win->n_nodes; e++)
				reversed += win->edges[e].corridor == x->lever_corridor &&
					    w->corridors[x->lever_corridor].b == win->nodes[e];
			tried++;
		}
	}
	ck_assert_int_gt(tried, 5);
	ck_assert_int_gt(reversed, 0);
	free(wi);
	free(x);
	smug_world_free(w);
}
END_TEST

/* Whether a candidate of explanation x crosses directed slot `key`
 * (2 * corridor + 1 when entered from its b end). */
static bool crossed(const struct smug_world *w, const struct smug_explanation *x, int key)
{
	for (int k = 0; k < x->n_cand; k++)
		for (int e = 0; e + 1 < x->cand[k].n_nodes; e++) {
			int c = x->cand[k].edges[e].corridor;

			if (key == 2 * c + (w->corridors[c].b == x->cand[k].nodes[e]))
				return true;
		}
	return false;
}

/* A network whose list of plan-time estimates is full (256, as many as
 * border_topk may keep): a what-if on an edge of its route that the list
 * lacks puts that edge at the crackdown's estimate (an estimate no
 * candidate crosses makes room) and still re-explains every other edge
 * of that route, and of every other candidate, with the estimate the
 * plan had for it, whether the rest of the list holds the lowest other
 * keys or the highest (then the route's own oldest estimate can head the
 * list); with the default candidates a decision, and with one (route_topk
 * 1: the route is the only one whose estimates must stay, and no other
 * candidate shares its edges). */
static void full_list_whatifs(int route_topk, int *tried, int *headed)
{
	struct smug_world *w = dosadi();
	struct smug_whatif *wi = malloc(sizeof *wi);
	struct smug_explanation *x = malloc(sizeof *x), *before = malloc(sizeof *before);

	ck_assert_ptr_nonnull(wi);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(before);
	ck_assert_int_ge(2 * w->n_corridors, SMUG_EDGE_STATS_MAX + SMUG_ROUTE_MAX_NODES);
	w->cfg.smuggling.border_topk = SMUG_EDGE_STATS_MAX;
	if (route_topk > 0)
		w->cfg.smuggling.route_topk = route_topk;
	smug_cmd_step(w, 1);
	for (int t = 0; t < 2 * w->n_decisions && *tried < 80; t++) {
		int i = t / 2;
		bool top = t % 2; /* the rest of the list: the highest other keys */
		const struct smug_decision *d = &w->decisions[i];
		const struct smug_explain_candidate *win, *after;
		struct smug_network *n = &w->factions[d->faction].net;
		bool known[SMUG_ROUTE_MAX_NODES];
		double risk[SMUG_ROUTE_MAX_NODES];
		int c, ckey, fill, m = 0;

		if ((win = sent_winner(w, i, x)) == NULL || win->n_nodes < 3)
			continue;
		c = win->edges[0].corridor;
		ckey = 2 * c + (w->corridors[c].b == win->nodes[0]);
		/* the route's other edges learnt (the day before: the oldest
		 * estimates), then the lowest (or highest) other keys, the
		 * list sorted by key either way */
		fill = SMUG_EDGE_STATS_MAX - (win->n_nodes - 2);
		for (int up = 0; up < 2 * w->n_corridors && m < SMUG_EDGE_STATS_MAX; up++) {
			int key = top ? 2 * w->n_corridors - 1 - up : up;
			const struct smug_corridor *k = &w->corridors[key / 2];
			bool on_route = false;

			for (int e = 1; e + 1 < win->n_nodes; e++)
				on_route |= key == 2 * win->edges[e].corridor + (k->b == win->nodes[e]) &&
					    key / 2 == win->edges[e].corridor;
			if (key == ckey || (!on_route && fill == 0))
				continue;
			fill -= !on_route;
			/* an edge some candidate crosses is as old as the route's:
			 * the room must come from an estimate no candidate reads */
			n->plan_stats[top ? SMUG_EDGE_STATS_MAX - 1 - m++ : m++] = (struct smug_edge_stats){
				.corridor = key / 2, .from_node = key % 2 ? k->b : k->a,
				.risk_est = on_route ? 0.01 * (1 + key % 37) : 0.5, .cost_est = 0.1,
				.last_update_day = w->day - (on_route || crossed(w, x, key)), .uses = 3};
		}
		ck_assert_int_eq(m, SMUG_EDGE_STATS_MAX);
		n->n_plan_stats = m;
		*headed += n->plan_stats[0].last_update_day < w->day;
		win = sent_winner(w, i, x);
		for (int e = 1; e + 1 < win->n_nodes; e++) {
			known[e] = win->edges[e].known;
			risk[e] = win->edges[e].risk_est;
			ck_assert_msg(known[e], "decision %d: %s not read from the full list", i,
				      w->corridors[win->edges[e].corridor].id);
		}
		*before = *x;
		ck_assert_int_eq(smug_explain_whatif(w, i, c, 1.0, wi), SMUG_OK);
		after = &wi->x.cand[d->winner];
		ck_assert_int_eq(after->n_nodes, win->n_nodes);
		ck_assert_msg(after->edges[0].known && wi->risk_after > wi->risk_before,
			      "decision %d, full list of %d estimates: the what-if on %s left it at %s %.6f "
			      "(a crackdown there: seizure chance %.6f, was %.6f)",
			      i, m, w->corridors[c].id, after->edges[0].known ? "learnt" : "its prior",
			      after->edges[0].risk_est, wi->risk_after, wi->risk_before);
		for (int e = 1; e + 1 < win->n_nodes; e++)
			if (after->edges[e].corridor != c)
				ck_assert_msg(after->edges[e].known == known[e] && after->edges[e].risk_est == risk[e],
					      "decision %d, full list of %d estimates: the what-if on %s put %s at %s %.6f, "
					      "the plan had it learnt at %.6f",
					      i, m, w->corridors[c].id, w->corridors[after->edges[e].corridor].id,
					      after->edges[e].known ? "learnt" : "its prior", after->edges[e].risk_est,
					      risk[e]);
		ck_assert_int_eq(wi->x.n_cand, before->n_cand);
		for (int k = 0; k < before->n_cand; k++)
			for (int e = 0; e + 1 < before->cand[k].n_nodes; e++) {
				const struct smug_explain_edge *was = &before->cand[k].edges[e], *now = &wi->x.cand[k].edges[e];

				if (was->corridor != c)
					ck_assert_msg(now->known == was->known && now->risk_est == was->risk_est,
						      "decision %d, full list: the what-if on %s put candidate %d's %s at %s "
						      "%.6f, the plan had it %s at %.6f",
						      i, w->corridors[c].id, k, w->corridors[was->corridor].id,
						      now->known ? "learnt" : "its prior", now->risk_est,
						      was->known ? "learnt" : "its prior", was->risk_est);
			}
		(*tried)++;
	}
	smug_world_free(w);
	free(wi);
	free(before);
	free(x);
}

START_TEST(test_crackdown_whatif_with_a_full_list_learns_its_edge_keeps_the_others)
{
	for (int single = 0; single < 2; single++) {
		int tried = 0, headed = 0;

		full_list_whatifs(single, &tried, &headed);
		ck_assert_msg(tried > 20 && (single || headed > 0),
			      "%s: %d what-ifs tried, %d with the route's own estimate first",
			      single ? "one candidate a decision" : "the default candidates", tried, headed);
	}
}
END_TEST

/* A base and a what-if of the default world that part on day 20, the
 * what-if with a full crackdown on the busiest border, both 15 days on;
 * the base is returned, the what-if in *whatif. */
static struct smug_world *crackdown_branches(struct smug_world **whatif)
{
	struct smug_world *base = test_default_at(20);
	struct smug_error err;

	*whatif = smug_world_clone(base);
	ck_assert_int_eq(smug_cmd_crackdown_set(*whatif, (*whatif)->corridors[test_busiest_border(*whatif)].id, 1.0,
						-1, &err), SMUG_OK);
	smug_cmd_step(base, 15);
	smug_cmd_step(*whatif, 15);
	return base;
}

/* smug_compare fills its result whatever the result held before: one
 * filled with 0xA5 bytes, and one that held another comparison (given
 * back with smug_comparison_done), come out byte for byte as a zeroed
 * one, for a base and a what-if with a crackdown that moved traffic. */
static void compare_like_fresh(const struct smug_comparison *fresh, struct smug_comparison *got,
			       const char *what)
{
	struct smug_cmp_border *borders = got->borders;
	int same;

	ck_assert_msg(got->n_factions == fresh->n_factions && got->n_borders == fresh->n_borders &&
			      got->n_routes == fresh->n_routes && got->routes_total == fresh->routes_total,
		      "%s: %d factions, %d borders, %d routes of %d changed; a zeroed result: %d, %d, %d of %d",
		      what, got->n_factions, got->n_borders, got->n_routes, got->routes_total, fresh->n_factions,
		      fresh->n_borders, fresh->n_routes, fresh->routes_total);
	got->borders = fresh->borders;
	same = memcmp(got, fresh, sizeof *got) == 0;
	got->borders = borders;
	ck_assert_msg(same, "%s: the comparison differs from a zeroed result's", what);
	ck_assert_msg(memcmp(got->borders, fresh->borders, (size_t)fresh->n_borders * sizeof *fresh->borders) == 0,
		      "%s: the borders differ from a zeroed result's", what);
}

START_TEST(test_crackdown_comparison_ignores_what_its_result_held)
{
	struct smug_world *whatif, *base = crackdown_branches(&whatif);
	struct smug_comparison *fresh = calloc(1, sizeof *fresh), *got = malloc(sizeof *got);

	smug_compare(base, whatif, fresh);
	ck_assert_int_gt(fresh->n_factions, 0);
	ck_assert_int_gt(fresh->n_borders, 0);
	ck_assert_int_gt(fresh->routes_total, 0);
	memset(got, 0xA5, sizeof *got);
	smug_compare(base, whatif, got);
	compare_like_fresh(fresh, got, "a result of 0xA5 bytes");
	smug_comparison_done(got);
	smug_compare(whatif, base, got); /* the other way round first */
	smug_comparison_done(got);
	smug_compare(base, whatif, got);
	compare_like_fresh(fresh, got, "a result used before");
	smug_comparison_done(got);
	smug_comparison_done(fresh);
	free(got);
	free(fresh);
	smug_world_free(whatif);
	smug_world_free(base);
}
END_TEST

/* Each faction of a comparison carries each branch's own figures: its
 * shipments, outcomes and bribes spent are what that branch's faction
 * reports, so `smugnet branch` and the compare view show each side's
 * bribes and their change (a branch with a crackdown bribes otherwise). */
START_TEST(test_crackdown_comparison_gives_each_side_its_bribes)
{
	struct smug_world *whatif, *base = crackdown_branches(&whatif);
	const struct smug_world *side_world[2] = {base, whatif};
	struct smug_comparison *c = calloc(1, sizeof *c);
	int64_t spent = 0;

	smug_compare(base, whatif, c);
	ck_assert_int_gt(c->n_factions, 0);
	for (int i = 0; i < c->n_factions; i++)
		for (int side = 0; side < 2; side++) {
			const struct smug_cmp_faction *cf = &c->factions[i];
			int f = smug_world_find_faction(side_world[side], cf->id);
			const struct smug_faction *fa;

			if (!cf->in[side])
				continue;
			ck_assert_msg(f >= 0, "faction %s is not in the %s", cf->id, side ? "what-if" : "base");
			fa = &side_world[side]->factions[f];
			ck_assert_msg(cf->bribes[side] == fa->net.bribes_spent &&
					      cf->shipments[side] == fa->net.shipments &&
					      cf->seized[side] == fa->net.seized,
				      "faction %s, %s: the comparison says bribes %lld, %lld shipments, %lld seized; "
				      "the branch says %lld, %lld, %lld",
				      cf->id, side ? "what-if" : "base", (long long)cf->bribes[side],
				      (long long)cf->shipments[side], (long long)cf->seized[side],
				      (long long)fa->net.bribes_spent, (long long)fa->net.shipments,
				      (long long)fa->net.seized);
			spent += cf->bribes[side];
		}
	ck_assert_msg(spent > 0, "no faction of either branch spent on bribes in 35 days");
	smug_comparison_done(c);
	free(c);
	smug_world_free(whatif);
	smug_world_free(base);
}
END_TEST

/* A lane only the second world uses is a changed route of the
 * comparison, for its first faction too: tiny.json (one faction, crew)
 * on its first day, when crew has run no lane, against 5 days on; each
 * lane crew ran by then is listed as unused on the first side and with
 * its route on the second. */
START_TEST(test_crackdown_comparison_lists_the_first_factions_new_lanes)
{
	struct smug_world *a = test_load_file(SRCDIR "/data/tiny.json");
	struct smug_world *b = test_load_file(SRCDIR "/data/tiny.json");
	struct smug_comparison *c = calloc(1, sizeof *c);
	const struct smug_network *n;

	ck_assert_ptr_nonnull(c);
	smug_cmd_step(b, 5);
	ck_assert_int_eq(smug_world_find_faction(b, "crew"), 0);
	n = &b->factions[0].net;
	ck_assert_int_eq(a->factions[0].net.n_lanes, 0);
	ck_assert_int_gt(n->n_lanes, 0);
	smug_compare(a, b, c);
	ck_assert_msg(c->routes_total == n->n_lanes && c->n_routes == n->n_lanes,
		      "crew ran %d lanes in 5 days; the comparison lists %d changed routes (%d in all)", n->n_lanes,
		      c->n_routes, c->routes_total);
	for (int i = 0; i < n->n_lanes; i++) {
		const struct smug_lane *ln = &n->lanes[i];
		char route[512];
		int found = 0;

		smug_route_format(b, ln->route_nodes, ln->route_len, route, sizeof route);
		for (int r = 0; r < c->n_routes; r++)
			found += strcmp(c->routes[r].faction, "crew") == 0 && c->routes[r].commodity == ln->commodity &&
				 strcmp(c->routes[r].src, b->wards[ln->src_ward].id) == 0 &&
				 strcmp(c->routes[r].dst, b->wards[ln->dst_ward].id) == 0 &&
				 c->routes[r].route[0][0] == '\0' && strcmp(c->routes[r].route[1], route) == 0 &&
				 c->routes[r].last_day[0] == -1 && c->routes[r].last_day[1] == ln->last_day;
		ck_assert_msg(found == 1, "crew's lane %s -> %s by %s is listed %d times, want once", b->wards[ln->src_ward].id,
			      b->wards[ln->dst_ward].id, route, found);
	}
	smug_comparison_done(c);
	free(c);
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* A chain of CHAIN_WARDS wards, a node each whose id has 39 bytes (the
 * most an id may have), from a source ward to the only demand ward at
 * its far end: crew's one lane runs every node, 599 bytes as text. */
#define CHAIN_WARDS 15

static char *long_chain_scenario(void)
{
	size_t size = 4096 + CHAIN_WARDS * 512, at = 0;
	char *json = malloc(size);

	ck_assert_ptr_nonnull(json);
	at += (size_t)snprintf(json + at, size - at,
			       "{\"format\":\"smugnet-scenario\",\"version\":1,\"id\":\"chain\",\"name\":\"chain\",\"seed\":1,"
			       "\"ledger\":{\"blackmarket\":100000,\"treasury\":0},\"wards\":[");
	for (int i = 0; i < CHAIN_WARDS; i++)
		at += (size_t)snprintf(
			json + at, size - at,
			"%s{\"id\":\"ward:%02d\",\"name\":\"W%d\",\"ring\":1,\"pos\":[%d,0],\"signals\":%s,"
			"\"customs\":{\"bribe_tolerance\":0.9,\"enforcement_points\":0}}",
			i ? "," : "", i, i, 5 * i,
			i == 0		     ? "{\"raider_influence\":0.9,\"precursor_output\":0.8,\"smuggling_tolerance\":0.5}"
			: i == CHAIN_WARDS - 1 ? "{\"smuggling_tolerance\":0.9,\"corruption\":0.5,\"shortage\":{\"medicine\":0.9}}"
					       : "{\"smuggling_tolerance\":0,\"corruption\":0}");
	at += (size_t)snprintf(json + at, size - at, "],\"nodes\":[");
	for (int i = 0; i < CHAIN_WARDS; i++)
		at += (size_t)snprintf(json + at, size - at, "%s{\"id\":\"chain-node-of-the-long-corridor-%07d\",\"ward\":\"ward:%02d\"}",
				       i ? "," : "", i, i);
	at += (size_t)snprintf(json + at, size - at, "],\"corridors\":[");
	for (int i = 1; i < CHAIN_WARDS; i++)
		at += (size_t)snprintf(json + at, size - at,
				       "%s{\"a\":\"chain-node-of-the-long-corridor-%07d\",\"b\":\"chain-node-of-the-long-corridor-%07d\","
				       "\"travel_days\":1,\"hazard\":0.001}",
				       i > 1 ? "," : "", i - 1, i);
	snprintf(json + at, size - at,
		 "],\"factions\":[{\"id\":\"crew\",\"name\":\"The Crew\",\"kind\":\"criminal\",\"home\":\"ward:00\","
		 "\"balance\":100000,\"smuggling_profile\":{\"NARCOTICS\":1.0}}],"
		 "\"config\":{\"smuggling\":{\"enabled\":true,\"max_shipments_per_day\":4}}}");
	return json;
}

/* A changed route of a comparison holds the whole route, whatever its
 * nodes' ids: the long chain on its first day against 5 days on, when
 * crew's lane runs all 15 nodes of 39-byte ids. The route was cut at 511
 * bytes, mid-id ("...>chain-node-of-the-long-corridor"), in the compare
 * view and in run --branch's delta. */
START_TEST(test_crackdown_comparison_keeps_long_routes_whole)
{
	char *json = long_chain_scenario();
	struct smug_world *a = NULL, *b = NULL;
	struct smug_comparison *c = calloc(1, sizeof *c);
	static char whole[SMUG_ROUTE_MAX_NODES * SMUG_ID_MAX + 1];
	struct smug_error err;
	const struct smug_lane *ln;

	ck_assert_ptr_nonnull(c);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "chain", &a, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "chain", &b, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(b, 5);
	ck_assert_int_eq(b->factions[0].net.n_lanes, 1);
	ln = &b->factions[0].net.lanes[0];
	ck_assert_int_eq(ln->route_len, CHAIN_WARDS);
	smug_route_format(b, ln->route_nodes, ln->route_len, whole, sizeof whole);
	ck_assert_int_eq((int)strlen(whole), CHAIN_WARDS * SMUG_ID_MAX - 1);
	smug_compare(a, b, c);
	ck_assert_int_eq(c->n_routes, 1);
	ck_assert_msg(strcmp(c->routes[0].route[1], whole) == 0, "crew's route reads\n%s\nwant\n%s",
		      c->routes[0].route[1], whole);
	smug_comparison_done(c);
	free(c);
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("crackdown");
	TCase *t = tcase_create("manual");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_crackdown_manual_commands);
	tcase_add_test(t, test_crackdown_one_day_reads_singular);
	tcase_add_test(t, test_crackdown_unknown_corridor_names_the_nearest);
	tcase_add_test(t, test_crackdown_reversed_id_names_the_real_one_first);
	tcase_add_test(t, test_crackdown_nearest_corridors_are_the_nearest);
	tcase_add_test(t, test_crackdown_manual_life_follows_the_model);
	tcase_add_test(t, test_crackdown_targets_fill_to_their_cap);
	tcase_add_test(t, test_crackdown_intensity_is_one_a_seed_holds);
	tcase_add_test(t, test_crackdown_whatif_moves_the_decision_not_the_world);
	tcase_add_test(t, test_crackdown_comparison_ignores_what_its_result_held);
	tcase_add_test(t, test_crackdown_comparison_gives_each_side_its_bribes);
	tcase_add_test(t, test_crackdown_comparison_lists_the_first_factions_new_lanes);
	tcase_add_test(t, test_crackdown_comparison_keeps_long_routes_whole);
	tcase_add_test(t, test_crackdown_whatif_prices_the_direction_the_route_sent_crosses);
	tcase_add_test(t, test_crackdown_whatif_moves_a_first_day_decision);
	tcase_add_test(t, test_crackdown_whatif_prices_only_its_corridor);
	tcase_add_test(t, test_crackdown_whatif_with_a_full_list_learns_its_edge_keeps_the_others);
	tcase_add_test(t, test_crackdown_whatif_of_an_explored_route_starts_from_its_own_estimate);
	tcase_add_test(t, test_crackdown_whatif_on_an_unseen_edge_adds_its_statistic);
	tcase_add_test(t, test_crackdown_whatif_of_cargo_without_heat);
	tcase_add_test(t, test_crackdown_whatif_of_an_explored_decision_takes_the_winners_side);
	suite_add_tcase(s, t);
	t = tcase_create("planner");
	tcase_add_test(t, test_crackdown_planner_targets_hottest_within_capacity);
	tcase_add_test(t, test_crackdown_planner_spends_only_its_capacity);
	tcase_add_test(t, test_crackdown_cooldown_and_exploration);
	tcase_add_test(t, test_crackdown_first_pick_is_top_score);
	tcase_add_test(t, test_crackdown_no_traffic_no_exploration);
	tcase_add_test(t, test_crackdown_explores_every_exploration_every_days);
	tcase_add_test(t, test_crackdown_cooldowns_bounded);
	tcase_add_test(t, test_crackdown_full_cooldowns_drop_the_one_ended);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
