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

/* The world's TopK lists hold what they promise: the busiest borders by
 * traffic, the networks by success rate, both score first and id next;
 * the history's records add up to the totals; today's touched borders
 * are each border crossed today, once. */
START_TEST(test_telemetry_world_lists_are_the_top)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	const struct smug_topk *hb, *fs;
	struct smug_counters sum = {0}, days = {0};
	int nets = 0;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	for (int d = 0; d < 90; d++) {
		int64_t *before = calloc((size_t)w->n_corridors, sizeof *before);

		for (int c = 0; c < w->n_corridors; c++)
			before[c] = w->border_stats[c].traffic;
		smug_cmd_step(w, 1);
		days.delivered += w->tel.today.delivered;
		days.seized += w->tel.today.seized;
		days.lost += w->tel.today.lost;
		days.delayed += w->tel.today.delayed;
		days.tariffs += w->tel.today.tariffs;
		days.profit += w->tel.today.profit;
		days.customs_checks += w->tel.today.customs_checks;
		for (int c = 0; c < w->n_corridors; c++) {
			int seen = 0;

			for (int i = 0; i < w->tel.n_touched; i++)
				seen += w->tel.touched[i] == c;
			ck_assert_int_eq(seen, w->border_stats[c].traffic > before[c]);
			ck_assert_int_eq(w->border_stats[c].traffic_today, w->border_stats[c].traffic - before[c]);
		}
		free(before);
	}
	hb = &w->tel.hot_borders;
	ck_assert_int_eq(hb->n, SMUG_TOPK);
	for (int i = 0; i < hb->n; i++) {
		const struct smug_topk_entry *e = &hb->e[i];

		ck_assert_str_eq(e->key, w->corridors[e->index].id);
		ck_assert_double_eq(e->score, (double)w->border_stats[e->index].traffic);
		if (i > 0)
			ck_assert(hb->e[i - 1].score > e->score ||
				  (hb->e[i - 1].score == e->score && strcmp(hb->e[i - 1].key, e->key) < 0));
	}
	/* no border outside the list is busier than the list's last */
	for (int c = 0; c < w->n_corridors; c++) {
		bool listed = false;

		for (int i = 0; i < hb->n; i++)
			listed |= hb->e[i].index == c;
		if (!listed)
			ck_assert_double_le((double)w->border_stats[c].traffic, hb->e[hb->n - 1].score);
	}
	fs = &w->tel.faction_success;
	for (int f = 0; f < w->n_factions; f++)
		nets += w->factions[f].runs_network;
	ck_assert_int_eq(fs->n, nets);
	for (int i = 0; i < fs->n; i++) {
		ck_assert_double_eq(fs->e[i].score, smug_network_success_rate(&w->factions[fs->e[i].index].net));
		ck_assert_str_eq(fs->e[i].key, w->factions[fs->e[i].index].id);
		if (i > 0)
			ck_assert(fs->e[i - 1].score > fs->e[i].score ||
				  (fs->e[i - 1].score == fs->e[i].score && strcmp(fs->e[i - 1].key, fs->e[i].key) < 0));
	}
	for (int i = 0; i < w->tel.history_count; i++)
		smug_counters_add(&sum, &smug_history_at(&w->tel, i)->c);
	ck_assert_int_eq(w->tel.history_count, 90);
	{
		const struct smug_counters *T = &w->tel.total;
		const int64_t want[][3] = {{days.delivered, sum.delivered, T->delivered},
					   {days.seized, sum.seized, T->seized},
					   {days.lost, sum.lost, T->lost},
					   {days.delayed, sum.delayed, T->delayed},
					   {days.tariffs, sum.tariffs, T->tariffs},
					   {days.profit, sum.profit, T->profit},
					   {days.customs_checks, sum.customs_checks, T->customs_checks}};

		for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
			ck_assert_int_eq(want[k][1], want[k][0]); /* the history's days */
			ck_assert_int_eq(want[k][2], want[k][0]); /* the totals */
		}
		ck_assert_int_gt(days.delayed, 0);
		ck_assert_int_gt(days.customs_checks, 0);
	}
	ck_assert_int_eq(smug_history_at(&w->tel, 89)->in_transit, w->n_shipments);
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
	tcase_add_test(t, test_telemetry_world_lists_are_the_top);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
