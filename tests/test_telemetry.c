/* Telemetry: TopK order, in-place updates and space-saving counts; the
 * event ring keeps the newest events in order; totals equal the sum of
 * the days; yesterday's border counters roll without stale values. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

START_TEST(test_telemetry_topk_order_and_updates)
{
	struct smug_topk t;
	char key[16];

	memset(&t, 0, sizeof t);
	topk_update(&t, "b", 1, 5);
	topk_update(&t, "a", 0, 5);
	topk_update(&t, "c", 2, 9);
	ck_assert_str_eq(t.e[0].key, "c");
	ck_assert_str_eq(t.e[1].key, "a"); /* ties by key */
	topk_update(&t, "b", 1, 10);	   /* in place, moves up */
	ck_assert_int_eq(t.n, 3);
	ck_assert_str_eq(t.e[0].key, "b");
	for (int i = 0; i < 20; i++) {
		snprintf(key, sizeof key, "k%02d", i);
		topk_update(&t, key, i, i);
	}
	ck_assert_int_eq(t.n, SMUG_TOPK);
	for (int i = 1; i < t.n; i++)
		ck_assert(t.e[i - 1].score > t.e[i].score ||
			  (t.e[i - 1].score == t.e[i].score && strcmp(t.e[i - 1].key, t.e[i].key) < 0));
	ck_assert_str_eq(t.e[0].key, "k19");
	memset(&t, 0, sizeof t);
	for (int i = 0; i < SMUG_TOPK; i++) {
		snprintf(key, sizeof key, "r%d", i);
		topk_add(&t, key, -1, 2);
	}
	topk_add(&t, "new", -1, 1); /* replaces the smallest, inherits its count */
	ck_assert_int_eq(t.n, SMUG_TOPK);
	ck_assert_str_eq(t.e[0].key, "new");
	ck_assert_double_eq(t.e[0].score, 3);
}
END_TEST

START_TEST(test_telemetry_event_ring_keeps_newest)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	for (int i = 0; i < SMUG_EVENT_CAP + 100; i++)
		telemetry_event(w, SMUG_EV_CUSTOMS_CHECK, -1, -1, (uint64_t)i + 1, -1, i);
	ck_assert_int_eq(w->tel.event_count, SMUG_EVENT_CAP);
	ck_assert_uint_eq(w->tel.events_total, SMUG_EVENT_CAP + 100);
	ck_assert_uint_eq(smug_event_at(&w->tel, 0)->shipment, 101);
	ck_assert_uint_eq(smug_event_at(&w->tel, SMUG_EVENT_CAP - 1)->shipment, SMUG_EVENT_CAP + 100);
	smug_world_free(w);
}
END_TEST

START_TEST(test_telemetry_totals_and_history)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	int64_t created = 0, delivered = 0, bribes = 0;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	for (int d = 0; d < 400; d++) {
		smug_cmd_step(w, 1);
		created += w->tel.today.shipments_created;
		delivered += w->tel.today.delivered;
		bribes += w->tel.today.bribes_spent;
	}
	ck_assert_int_eq(w->tel.total.shipments_created, created);
	ck_assert_int_eq(w->tel.total.delivered, delivered);
	ck_assert_int_eq(w->tel.total.bribes_spent, bribes);
	ck_assert_int_eq(w->tel.history_count, SMUG_HISTORY_DAYS);
	ck_assert_int_eq(smug_history_at(&w->tel, SMUG_HISTORY_DAYS - 1)->day, 400);
	ck_assert_int_eq(smug_history_at(&w->tel, 0)->day, 400 - SMUG_HISTORY_DAYS + 1);
	ck_assert_int_gt(w->tel.hot_borders.n, 0);
	ck_assert_int_gt(w->tel.hot_routes.n, 0);
	ck_assert_int_ge(w->tel.faction_success.n, 4);
	smug_world_free(w);
}
END_TEST

START_TEST(test_telemetry_yesterday_rolls)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	int c;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	telemetry_begin_day(w);
	c = 5;
	telemetry_border_crossed(w, c);
	telemetry_border_crossed(w, c);
	ck_assert_int_eq(w->border_stats[c].traffic_today, 2);
	ck_assert_int_eq(w->tel.n_touched, 1);
	telemetry_end_day(w);
	telemetry_begin_day(w); /* next day: today -> yesterday */
	ck_assert_int_eq(w->border_stats[c].traffic_yday, 2);
	ck_assert_int_eq(w->border_stats[c].traffic_today, 0);
	ck_assert_int_eq(w->tel.n_touched_yday, 1);
	telemetry_end_day(w);
	telemetry_begin_day(w); /* the day after: no stale yesterday */
	ck_assert_int_eq(w->border_stats[c].traffic_yday, 0);
	ck_assert_int_eq(w->border_stats[c].traffic, 2);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("telemetry");
	TCase *t = tcase_create("topk");

	tcase_add_test(t, test_telemetry_topk_order_and_updates);
	suite_add_tcase(s, t);
	t = tcase_create("rings");
	tcase_add_test(t, test_telemetry_event_ring_keeps_newest);
	tcase_add_test(t, test_telemetry_totals_and_history);
	tcase_add_test(t, test_telemetry_yesterday_rolls);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
