/* Telemetry: TopK order, in-place updates and space-saving counts; the
 * event ring keeps the newest events in order and its digest follows it
 * through wrapping; totals equal the sum of the days; yesterday's border
 * counters roll without stale values; the cockpit's windows (faction
 * flows, border days, charts, crackdown periods) agree with the counters
 * they summarise, over the days they claim: recounted day by day from a
 * whole run's border counters and from its shipment events. */
#include <check.h>
#include <math.h>
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
}
END_TEST

/* An entry whose score is set lower moves down past every entry that now
 * comes before it, and one set lower where it stands stays: the list is
 * in order after each update. */
START_TEST(test_telemetry_topk_score_set_lower_moves_down)
{
	struct smug_topk t;

	memset(&t, 0, sizeof t);
	topk_update(&t, "a", 0, 9);
	topk_update(&t, "b", 1, 7);
	topk_update(&t, "c", 2, 5);
	topk_update(&t, "d", 3, 3);
	topk_update(&t, "a", 0, 4); /* below b and c, above d */
	ck_assert_msg(strcmp(t.e[0].key, "b") == 0 && strcmp(t.e[1].key, "c") == 0 && strcmp(t.e[2].key, "a") == 0 &&
			      strcmp(t.e[3].key, "d") == 0,
		      "a set from 9 to 4: %s %s %s %s, want b c a d", t.e[0].key, t.e[1].key, t.e[2].key, t.e[3].key);
	topk_update(&t, "b", 1, 5); /* ties with c: the smaller key first */
	ck_assert_str_eq(t.e[0].key, "b");
	topk_update(&t, "d", 3, 1); /* the last, lower still */
	ck_assert_str_eq(t.e[3].key, "d");
	ck_assert_int_eq(t.n, 4);
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

/* The event ring grows as events arrive, keeping every event in its
 * place through each growth; a world only loaded or cloned holds a small
 * ring, and a world that simulates holds the whole ring from its first
 * day, so its footprint does not creep up as the log fills. */
START_TEST(test_telemetry_event_ring_grows_then_is_fixed)
{
	struct smug_world *w = NULL, *c;
	struct smug_error err;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	ck_assert_int_lt(w->tel.events_cap, 1000);
	for (int i = 0; i < 3000; i++)
		telemetry_event(w, SMUG_EV_CUSTOMS_CHECK, -1, -1, (uint64_t)i + 1, -1, i);
	ck_assert_int_ge(w->tel.events_cap, 3000);
	ck_assert_int_lt(w->tel.events_cap, SMUG_EVENT_CAP);
	for (int i = 0; i < 3000; i++)
		ck_assert_uint_eq(smug_event_at(&w->tel, i)->shipment, (uint64_t)i + 1);
	c = smug_world_clone(w);
	ck_assert_uint_eq(smug_world_digest(c), smug_world_digest(w));
	smug_cmd_step(c, 1);
	ck_assert_int_eq(c->tel.events_cap, SMUG_EVENT_CAP);
	ck_assert_uint_eq(smug_event_at(&c->tel, 2999)->shipment, 3000);
	smug_world_free(c);
	smug_world_free(w);
}
END_TEST

/* The event log's digest is kept up as events arrive and the oldest
 * leave, and equals the one rebuilt from the events kept. */
START_TEST(test_telemetry_event_digest_follows_the_ring)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	uint64_t kept, before;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	for (int i = 0; i < SMUG_EVENT_CAP + 2500; i++) {
		telemetry_event(w, SMUG_EV_CUSTOMS_CHECK, -1, -1, (uint64_t)i + 1, -1, i);
		if (i % 997 == 0)
			telemetry_end_day(w); /* folds the events so far, as a day's end does */
	}
	kept = telemetry_events_digest(&w->tel);
	telemetry_events_rehash(&w->tel);
	ck_assert_uint_eq(telemetry_events_digest(&w->tel), kept);
	/* and it sees a change in any event kept, even an old one */
	before = smug_world_digest(w);
	w->tel.events[(w->tel.event_head + 5) % SMUG_EVENT_CAP].amount++;
	telemetry_events_rehash(&w->tel);
	ck_assert_uint_ne(smug_world_digest(w), before);
	smug_world_free(w);
}
END_TEST

/* Per faction and commodity, the flows count what the faction's
 * shipments did: all time against its network's totals, the last 30 days
 * against its chart's days, in transit against its shipments. */
START_TEST(test_telemetry_faction_flows_add_up)
{
	struct smug_world *w = test_default_at(75);

	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_network *n = &w->factions[f].net;
		int64_t all[SMUG_FLOW_KINDS] = {0}, month[SMUG_FLOW_KINDS] = {0}, transit = 0, chart[4] = {0};

		if (!w->factions[f].runs_network)
			continue;
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
			struct smug_flow a, m;

			smug_flow_sum(w, f, c, 0, &a);
			smug_flow_sum(w, f, c, SMUG_FLOW_DAYS, &m);
			for (int k = 0; k < SMUG_FLOW_KINDS; k++) {
				all[k] += a.n[k];
				month[k] += m.n[k];
				ck_assert_int_le(m.n[k], a.n[k]);
			}
			transit += w->tel.factions[f].transit_n[c];
		}
		ck_assert_int_gt(all[SMUG_FLOW_SENT], 0);
		ck_assert_int_eq(all[SMUG_FLOW_SENT], n->shipments);
		ck_assert_int_eq(all[SMUG_FLOW_DELIVERED], n->delivered);
		ck_assert_int_eq(all[SMUG_FLOW_SEIZED], n->seized);
		ck_assert_int_eq(all[SMUG_FLOW_LOST], n->lost);
		ck_assert_int_eq(transit, n->in_transit);
		for (int d = w->day - SMUG_FLOW_DAYS + 1; d <= w->day; d++) {
			const struct smug_faction_day *b = smug_faction_chart(w, f, d);

			ck_assert_ptr_nonnull(b);
			chart[0] += b->sent;
			chart[1] += b->delivered;
			chart[2] += b->seized;
			chart[3] += b->lost;
		}
		ck_assert_int_eq(chart[0], month[SMUG_FLOW_SENT]);
		ck_assert_int_eq(chart[1], month[SMUG_FLOW_DELIVERED]);
		ck_assert_int_eq(chart[2], month[SMUG_FLOW_SEIZED]);
		ck_assert_int_eq(chart[3], month[SMUG_FLOW_LOST]);
		ck_assert_int_lt(month[SMUG_FLOW_SENT], all[SMUG_FLOW_SENT]); /* 75 days: the window is shorter */
	}
	smug_world_free(w);
}
END_TEST

/* A border's 7-day window is its all-time counters' rise over 7 days; a
 * faction's chart day holds the balance the ledger had and the shipments
 * in transit at the day's end, and the bribes and tariffs paid that day
 * (the network's totals' rise that day: the seed's faction_day and the
 * bribes chart); a tracked border's chart holds each day's traffic and
 * its crackdown. */
START_TEST(test_telemetry_border_windows_and_charts)
{
	struct smug_world *w = test_default_at(20);
	struct smug_border_stats *then = malloc(sizeof *then * (size_t)w->n_corridors);
	int64_t balance[40], bribes[40], tariffs[40], paid = 0;
	int transit[40], fac = -1, busiest = -1;

	for (int f = 0; f < w->n_factions && fac < 0; f++)
		if (w->factions[f].runs_network)
			fac = f;
	for (int c = 0; c < w->n_corridors; c++)
		if (w->corridors[c].border && (busiest < 0 || w->border_stats[c].traffic > w->border_stats[busiest].traffic))
			busiest = c;
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[busiest].id, 0.5, 33, NULL), SMUG_OK);
	for (int d = 0; d < 20; d++) {
		if (d == 13)
			memcpy(then, w->border_stats, sizeof *then * (size_t)w->n_corridors);
		bribes[d] = -w->factions[fac].net.bribes_spent;
		tariffs[d] = -w->factions[fac].net.tariffs_paid;
		smug_cmd_step(w, 1);
		balance[d] = w->ledger.accounts[w->factions[fac].account].balance;
		bribes[d] += w->factions[fac].net.bribes_spent;
		tariffs[d] += w->factions[fac].net.tariffs_paid;
		transit[d] = w->factions[fac].net.in_transit;
	}
	/* day 40 now; `then` is the end of day 33 */
	for (int c = 0; c < w->n_corridors; c++) {
		struct smug_border_day d;

		if (!w->corridors[c].border)
			continue;
		smug_border_window_sum(w, c, w->day - 6, w->day, &d);
		ck_assert_int_eq(d.traffic, w->border_stats[c].traffic - then[c].traffic);
		ck_assert_int_eq(d.checks, w->border_stats[c].checks - then[c].checks);
		ck_assert_int_eq(d.inspections, w->border_stats[c].inspections - then[c].inspections);
		ck_assert_int_eq(d.seizures, w->border_stats[c].seizures - then[c].seizures);
		ck_assert_int_eq(d.bribes, w->border_stats[c].bribes - then[c].bribes);
		ck_assert_int_eq(d.tariffs, w->border_stats[c].tariffs - then[c].tariffs);
	}
	for (int d = 0; d < 20; d++) {
		const struct smug_faction_day *b = smug_faction_chart(w, fac, 21 + d);

		ck_assert_int_eq(b->balance, balance[d]);
		ck_assert_int_eq(b->in_transit, transit[d]);
		ck_assert_msg(b->bribes == bribes[d] && b->tariffs == tariffs[d],
			      "day %d: the chart says %lld bribes and %lld tariffs paid, the network paid %lld and %lld",
			      21 + d, (long long)b->bribes, (long long)b->tariffs, (long long)bribes[d],
			      (long long)tariffs[d]);
		paid += bribes[d] > 0 && tariffs[d] > 0;
	}
	ck_assert_int_ge(paid, 2); /* days that paid both, so a day's figure is not the total */
	ck_assert_ptr_null(smug_faction_chart(w, fac, w->day + 1));
	/* the crackdown ran days 21-33 at intensity 0.5: the chart says so */
	ck_assert_int_ge(smug_border_chart_since(w, busiest), 1);
	for (int day = 21; day <= 40; day++) {
		struct smug_border_day d;

		ck_assert(smug_border_chart(w, busiest, day, &d));
		ck_assert_int_eq(d.crackdown_pct, day <= 33 ? 50 : 0);
	}
	{
		const struct smug_crackdown_period *p = smug_crackdown_period_at(&w->tel, w->tel.crackdown_log_count - 1);

		ck_assert_int_eq(p->corridor, busiest);
		ck_assert_int_eq(p->start_day, 21);
		ck_assert_int_eq(p->end_day, 33);
	}
	/* the pool never holds more windows than can be live */
	ck_assert_int_le(w->tel.n_bwin, SMUG_BORDER_WINDOW_DAYS * SMUG_SHIPMENT_CAP);
	free(then);
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

/* One shipment sent along the route of nodes a, b and, when c >= 0, c. */
static void send_route(struct smug_world *w, int a, int b, int c)
{
	const int nodes[] = {a, b, c};

	telemetry_route_sent(w, nodes, c >= 0 ? 3 : 2);
}

/* Whether the tally's route r is the route of nodes a, b and c (c < 0: none). */
static bool tallied_route_is(const struct smug_world *w, int r, int a, int b, int c)
{
	const struct smug_route_key *k = &w->tel.routes[r].route;

	return k->n_nodes == (c >= 0 ? 3 : 2) && k->nodes[0] == a && k->nodes[1] == b && (c < 0 || k->nodes[2] == c);
}

/* Whether hot route k is the route of nodes a and b, sent `count` times. */
static bool hot_route_is(const struct smug_world *w, int k, int a, int b, double count)
{
	const struct smug_topk_entry *e = &w->tel.hot_routes.e[k];

	return e->key[0] == '\0' && tallied_route_is(w, e->index, a, b, -1) && e->score == count;
}

/* The route tally counts each route under its own key, however the keys
 * collide in its hash index: 400 routes sent round-robin, route i sent
 * i % 7 + 1 times, give 400 tallied routes (no route counted twice under
 * two entries) with exactly their counts, and the hottest routes list
 * leads with routes sent 7 times. */
START_TEST(test_telemetry_route_tally_counts_each_route_once)
{
	enum { ROUTES = 400 };
	struct smug_world *w = NULL;
	struct smug_error err;
	int seen[ROUTES] = {0};

	ck_assert(ROUTES < SMUG_ROUTE_TALLY); /* no route is evicted */
	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	telemetry_begin_day(w);
	for (int round = 0; round < 7; round++)
		for (int i = 0; i < ROUTES; i++)
			if (round <= i % 7)
				send_route(w, i, i + 1, i % 13);
	ck_assert_int_eq(w->tel.n_routes, ROUTES);
	for (int r = 0; r < w->tel.n_routes; r++) {
		int i = w->tel.routes[r].route.nodes[0];

		ck_assert(i >= 0 && i < ROUTES);
		ck_assert(tallied_route_is(w, r, i, i + 1, i % 13));
		seen[i]++;
		ck_assert_msg(w->tel.routes[r].count == i % 7 + 1, "route %d counted %lld times, sent %d", i,
			      (long long)w->tel.routes[r].count, i % 7 + 1);
	}
	for (int i = 0; i < ROUTES; i++)
		ck_assert_int_eq(seen[i], 1);
	ck_assert_int_eq(w->tel.hot_routes.n, SMUG_TOPK);
	for (int k = 0; k < w->tel.hot_routes.n; k++)
		ck_assert_double_eq(w->tel.hot_routes.e[k].score, 7);
	telemetry_end_day(w);
	smug_world_free(w);
}
END_TEST

/* Past the tally's capacity the least-counted route (the first of
 * them) gives its entry and its count to the newcomer, and the hash
 * index forgets the evicted key and keeps finding every other: 8,000
 * sends drawn from 2,100 routes (some sent far more often than others)
 * leave exactly the entries and counts of a plain linear-search
 * space-saving tally fed the same sends. */
START_TEST(test_telemetry_route_tally_evicts_like_space_saving)
{
	enum { POOL = 6000, SENDS = 8000 };
	static int model_route[SMUG_ROUTE_TALLY];
	static int64_t model_count[SMUG_ROUTE_TALLY];
	struct smug_world *w = NULL;
	struct smug_error err;
	uint32_t x = 12345;
	int n = 0, evictions = 0;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	telemetry_begin_day(w);
	for (int s = 0; s < SENDS; s++) {
		int r, i;

		x = x * 1103515245u + 12345u;
		i = (int)((x >> 8) % POOL);
		if (i % 3) /* two routes in three are hot: sent from a small set */
			i %= 97;
		send_route(w, i, i + 1, i % 13);
		for (r = 0; r < n && model_route[r] != i; r++)
			;
		if (r == n && n < SMUG_ROUTE_TALLY) {
			n++;
			model_count[r] = 0;
		} else if (r == n) {
			r = 0;
			for (int k = 1; k < n; k++)
				if (model_count[k] < model_count[r])
					r = k;
			evictions++;
		}
		model_route[r] = i;
		model_count[r]++;
	}
	ck_assert_int_gt(evictions, 1000);
	ck_assert_int_eq(w->tel.n_routes, n);
	for (int r = 0; r < n; r++) {
		int i = model_route[r];

		ck_assert_msg(tallied_route_is(w, r, i, i + 1, i % 13), "slot %d: not route %d", r, i);
		ck_assert_msg(w->tel.routes[r].count == model_count[r], "route %d counted %lld times, expected %lld",
			      i, (long long)w->tel.routes[r].count, (long long)model_count[r]);
	}
	telemetry_end_day(w);
	smug_world_free(w);
}
END_TEST

/* The default world on a day whose border 5 was crossed twice (its
 * hot-borders list into *borders) and whose route tally is full: 512
 * routes of nodes (0, 1), (1, 2), ... sent once each, route number
 * `first` tallied first and (0, 1) in its place. */
static struct smug_world *full_route_tally(int first, struct smug_topk *borders)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	telemetry_begin_day(w);
	telemetry_border_crossed(w, 5);
	telemetry_border_crossed(w, 5);
	*borders = w->tel.hot_borders;
	for (int i = 0; i < SMUG_ROUTE_TALLY; i++) {
		int r = i == 0 ? first : i == first ? 0 : i;

		send_route(w, r, r + 1, -1);
	}
	return w;
}

/* Two routes that part only at their last node are two routes, however
 * long: on the default world, 21 nodes whose text runs past what a list
 * entry shows, sent three times and twice, are tallied apart with their
 * own counts, and the all-time and windowed lists show them apart, each
 * ending with its last node. */
START_TEST(test_telemetry_long_routes_that_part_at_the_end_count_apart)
{
	enum { N = 21 };
	struct smug_world *w = NULL;
	struct smug_error err;
	int a[N], b[N];
	char text[N * SMUG_ID_MAX];
	struct smug_topk all, win;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	ck_assert_int_gt(w->n_nodes, N);
	for (int i = 0; i < N; i++)
		a[i] = b[i] = i;
	b[N - 1] = N;
	smug_route_format(w, a, N, text, sizeof text);
	ck_assert_uint_ge(strlen(text), sizeof all.e[0].key);
	w->day++;
	telemetry_begin_day(w);
	for (int s = 0; s < 5; s++)
		telemetry_route_sent(w, s < 3 ? a : b, N);
	telemetry_end_day(w);
	ck_assert_int_eq(w->tel.n_routes, 2);
	ck_assert_int_eq(w->tel.routes[0].count, 3);
	ck_assert_int_eq(w->tel.routes[1].count, 2);
	smug_topk_all(w, SMUG_TOPK_ROUTES, &all);
	smug_topk_window(w, SMUG_TOPK_ROUTES, 1, &win);
	for (int l = 0; l < 2; l++) {
		const struct smug_topk *t = l ? &win : &all;

		ck_assert_int_eq(t->n, 2);
		ck_assert_double_eq(t->e[0].score, 3);
		ck_assert_double_eq(t->e[1].score, 2);
		ck_assert_str_ne(t->e[0].key, t->e[1].key);
		for (int i = 0; i < 2; i++) {
			const char *last = w->nodes[i ? b[N - 1] : a[N - 1]].id;
			size_t n = strlen(t->e[i].key);

			ck_assert_int_eq(t->e[i].index, -1);
			ck_assert_msg(n > strlen(last) && strcmp(t->e[i].key + n - strlen(last), last) == 0 &&
					      t->e[i].key[n - strlen(last) - 1] == '>',
				      "list %d, route %d: '%s' does not end with >%s", l, i, t->e[i].key, last);
			ck_assert_msg(strstr(t->e[i].key, "...>") != NULL, "list %d, route %d: '%s' is not marked cut", l,
				      i, t->e[i].key);
		}
	}
	smug_world_free(w);
}
END_TEST

/* A route evicted from the full tally leaves the hottest-routes list
 * too, and the newcomer, with the count it inherits, leads it: 512
 * routes sent once each fill the tally (the list: the first ten in the
 * route order),
 * one more route evicts the first, which the list held; the list then
 * shows the newcomer and the nine others, and the hot-borders list beside
 * it is untouched. */
START_TEST(test_telemetry_evicted_route_leaves_the_hot_routes_list)
{
	struct smug_topk borders;
	struct smug_world *w = full_route_tally(0, &borders);

	ck_assert_int_eq(borders.n, 1);
	ck_assert_int_eq(w->tel.hot_routes.n, SMUG_TOPK);
	ck_assert(hot_route_is(w, 0, 0, 1, 1));
	send_route(w, 999, 998, -1);
	ck_assert_int_eq(w->tel.hot_routes.n, SMUG_TOPK);
	ck_assert(hot_route_is(w, 0, 999, 998, 2));
	for (int k = 1; k < SMUG_TOPK; k++)
		ck_assert_msg(hot_route_is(w, k, k, k + 1, 1), "hot route %d: not (%d, %d) sent once", k, k, k + 1);
	ck_assert_msg(memcmp(&borders, &w->tel.hot_borders, sizeof borders) == 0,
		      "evicting a route changed the hot-borders list");
	telemetry_end_day(w);
	smug_world_free(w);
}
END_TEST

/* The same from the middle of the list: the first route tallied is the
 * second by key, so the eviction takes the list's second entry; the
 * newcomer leads, the first by key and the eight after the evicted one
 * follow, and the hot-borders list is untouched. */
START_TEST(test_telemetry_evicted_route_leaves_the_middle_of_the_hot_routes_list)
{
	struct smug_topk borders;
	struct smug_world *w = full_route_tally(1, &borders);

	ck_assert(hot_route_is(w, 1, 1, 2, 1));
	send_route(w, 999, 998, -1);
	ck_assert_int_eq(w->tel.hot_routes.n, SMUG_TOPK);
	ck_assert(hot_route_is(w, 0, 999, 998, 2));
	for (int k = 1; k < SMUG_TOPK; k++) {
		int r = k == 1 ? 0 : k;

		ck_assert_msg(hot_route_is(w, k, r, r + 1, 1), "hot route %d: not (%d, %d) sent once", k, r, r + 1);
	}
	ck_assert_msg(memcmp(&borders, &w->tel.hot_borders, sizeof borders) == 0,
		      "evicting a route changed the hot-borders list");
	telemetry_end_day(w);
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

static bool listed_in(const struct smug_topk *t, const char *key)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->e[i].key, key) == 0)
			return true;
	return false;
}

/* The rolling window shows a shift the all-time lists hide: after the
 * busiest border has been under a crackdown for 60 days it is among the
 * all-time hottest still, but gone from the 30-day list. Every windowed
 * score is what happened in the window. */
START_TEST(test_telemetry_window_lists_show_a_shift)
{
	struct smug_world *w = test_default_at(90);
	int b = test_busiest_border(w), days = w->cfg.telemetry.window_days;
	int64_t *at = calloc((size_t)w->n_corridors, sizeof *at);
	struct smug_topk win;
	struct {
		char key[SMUG_ID_MAX * 3];
		int n;
	} sent[512];
	int n_sent = 0;
	int64_t resolved_sum = 0, resolved[30][SMUG_FACTIONS_MAX] = {{0}}, delivered[SMUG_FACTIONS_MAX] = {0};

	ck_assert_int_eq(days, 30);
	ck_assert_int_ge(b, 0);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 1.0, -1, NULL), SMUG_OK);
	smug_cmd_step(w, 60 - days);
	for (int c = 0; c < w->n_corridors; c++)
		at[c] = w->border_stats[c].traffic;
	for (int d = 0; d < days; d++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_resolved; i++) {
			const struct smug_shipment *r = smug_shipment_resolved(w, i);

			resolved[d][r->faction]++;
			if (d >= days - 7 && r->status == SMUG_OUTCOME_DELIVERED)
				delivered[r->faction]++;
		}
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *x = &w->decisions[i];
			char key[SMUG_ID_MAX * 3];
			int k = 0;

			if (!x->shipment)
				continue;
			smug_route_format(w, x->route, x->route_len, key, sizeof key);
			while (k < n_sent && strcmp(sent[k].key, key) != 0)
				k++;
			if (k == n_sent) {
				ck_assert_int_lt(n_sent, 512);
				snprintf(sent[n_sent].key, sizeof sent[0].key, "%s", key);
				sent[n_sent++].n = 0;
			}
			sent[k].n++;
		}
	}
	/* borders: the window's scores are the last 30 days' crossings */
	smug_topk_window(w, SMUG_TOPK_BORDERS, days, &win);
	ck_assert_int_eq(win.n, SMUG_TOPK);
	for (int i = 0; i < win.n; i++)
		ck_assert_double_eq(win.e[i].score, (double)(w->border_stats[win.e[i].index].traffic -
							     at[win.e[i].index]));
	for (int c = 0; c < w->n_corridors; c++) {
		bool listed = false;

		for (int i = 0; i < win.n; i++)
			listed |= win.e[i].index == c;
		if (!listed)
			ck_assert_double_le((double)(w->border_stats[c].traffic - at[c]), win.e[win.n - 1].score);
	}
	ck_assert(listed_in(&w->tel.hot_borders, w->corridors[b].id));
	ck_assert(!listed_in(&win, w->corridors[b].id));
	ck_assert_double_lt(w->border_stats[b].traffic - at[b], win.e[0].score / 2);
	/* routes: each windowed count is the shipments sent on that route */
	smug_topk_window(w, SMUG_TOPK_ROUTES, days, &win);
	ck_assert_int_gt(win.n, 0);
	for (int i = 0; i < win.n; i++) {
		int k = 0;

		while (k < n_sent && strcmp(sent[k].key, win.e[i].key) != 0)
			k++;
		ck_assert_int_lt(k, n_sent);
		ck_assert_double_eq(win.e[i].score, sent[k].n);
		/* smugnet/types.h: a route entry has no corridor or faction index */
		ck_assert_msg(win.e[i].index == -1, "route %s listed with index %d, want -1", win.e[i].key,
			      win.e[i].index);
		if (i > 0)
			ck_assert_double_ge(win.e[i - 1].score, win.e[i].score);
	}
	if (win.n < SMUG_TOPK)
		ck_assert_int_eq(n_sent, win.n);
	for (int k = 0; k < n_sent; k++) {
		bool listed = false;

		for (int i = 0; i < win.n; i++)
			listed |= strcmp(win.e[i].key, sent[k].key) == 0;
		if (!listed)
			ck_assert_double_le(sent[k].n, win.e[win.n - 1].score);
	}
	/* factions over the last 7 days: delivered / resolved in those days */
	smug_topk_window(w, SMUG_TOPK_FACTIONS, 7, &win);
	ck_assert_int_gt(win.n, 0);
	for (int i = 0; i < win.n; i++) {
		int f = win.e[i].index;
		int64_t res = 0;

		for (int d = days - 7; d < days; d++)
			res += resolved[d][f];
		ck_assert_double_eq_tol(win.e[i].score, res ? (double)delivered[f] / (double)res : 0, 1e-12);
		resolved_sum += res;
	}
	ck_assert_int_gt(resolved_sum, 0);
	/* a window of no days, or fewer, lists nothing */
	for (int kind = SMUG_TOPK_ROUTES; kind <= SMUG_TOPK_FACTIONS; kind++)
		for (int none = 0; none >= -1; none--) {
			smug_topk_window(w, (enum smug_topk_kind)kind, none, &win);
			ck_assert_msg(win.n == 0, "list %d over %d days: %d entries", kind, none, win.n);
		}
	free(at);
	smug_world_free(w);
}
END_TEST

/* The TopK view's narrowest window, 1 day (Left in the TopK view), lists
 * the borders crossed on the last day, each scored by its crossings that
 * day, the busiest first. */
START_TEST(test_telemetry_one_day_window_is_the_last_day)
{
	struct smug_world *w = test_default_at(60);
	int64_t *at = calloc((size_t)w->n_corridors, sizeof *at), most = 0;
	struct smug_topk win;

	for (int c = 0; c < w->n_corridors; c++)
		at[c] = w->border_stats[c].traffic;
	smug_cmd_step(w, 1);
	for (int c = 0; c < w->n_corridors; c++)
		if (w->border_stats[c].traffic - at[c] > most)
			most = w->border_stats[c].traffic - at[c];
	ck_assert_int_gt(most, 0);
	smug_topk_window(w, SMUG_TOPK_BORDERS, 1, &win);
	ck_assert_msg(win.n > 0, "day %d: %lld crossings on the busiest border, the 1-day list is empty", w->day,
		      (long long)most);
	ck_assert_double_eq(win.e[0].score, (double)most);
	for (int i = 0; i < win.n; i++)
		ck_assert_double_eq(win.e[i].score, (double)(w->border_stats[win.e[i].index].traffic -
							     at[win.e[i].index]));
	free(at);
	smug_world_free(w);
}
END_TEST

/* The same lists, the one of all time and the one of the last days,
 * agree before the first simulated day: 'smugnet' then the TopK view on
 * day 0 read "(none)" under all time but every faction at 0.0% under the
 * last 30 days. Nothing is simulated at the start day (the first is
 * start_day + 1), so every window list is empty there, whatever the
 * window, for the default world and a scenario starting on day 40; a
 * day later the factions' window lists the all-time list's factions. */
static void windows_empty_until_stepped(struct smug_world *w)
{
	static const int windows[] = {1, 7, 30, 365};
	struct smug_topk all, win;

	ck_assert_int_eq(w->day, w->start_day);
	for (int kind = SMUG_TOPK_ROUTES; kind <= SMUG_TOPK_FACTIONS; kind++) {
		smug_topk_all(w, (enum smug_topk_kind)kind, &all);
		ck_assert_int_eq(all.n, 0);
		for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++) {
			smug_topk_window(w, (enum smug_topk_kind)kind, windows[i], &win);
			ck_assert_msg(win.n == 0, "day %d, list %d over %d days: %d entries (first %s %.4f), all time none",
				      w->day, kind, windows[i], win.n, win.e[0].key, win.e[0].score);
		}
	}
	smug_cmd_step(w, 1);
	smug_topk_all(w, SMUG_TOPK_FACTIONS, &all);
	smug_topk_window(w, SMUG_TOPK_FACTIONS, 30, &win);
	ck_assert_int_gt(all.n, 0);
	ck_assert_int_eq(win.n, all.n);
	for (int i = 0; i < all.n; i++) {
		ck_assert_str_eq(win.e[i].key, all.e[i].key);
		ck_assert_double_eq_tol(win.e[i].score, all.e[i].score, 1e-12);
	}
}

START_TEST(test_telemetry_window_lists_empty_before_the_first_day)
{
	struct smug_world *w = test_default_at(0);
	size_t len = 0;
	char *json = test_slurp(SRCDIR "/data/tiny.json", &len), *late;
	const char *at;
	struct smug_error err;

	windows_empty_until_stepped(w);
	smug_world_free(w);
	w = NULL;
	ck_assert_ptr_nonnull(json);
	at = strstr(json, "\"seed\"");
	ck_assert_ptr_nonnull(at);
	late = malloc(len + 32);
	snprintf(late, len + 32, "%.*s\"start_day\":40,%s", (int)(at - json), json, at);
	ck_assert_msg(smug_world_load_json(late, strlen(late), "late.json", &w, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(w->start_day, 40);
	windows_empty_until_stepped(w);
	smug_world_free(w);
	free(late);
	free(json);
}
END_TEST

/* The checks a border's 7-day window holds (0 once its window is gone). */
static int window_checks(const struct smug_world *w, int c)
{
	struct smug_border_day d;

	smug_border_window_sum(w, c, w->day - SMUG_BORDER_WINDOW_DAYS + 1, w->day, &d);
	return (int)d.checks;
}

/* The pool of border windows holds min(borders, 7 x 2,048) slots, which
 * a simulated week never fills; a world of more borders with a seed
 * that claims a full week can. Then a border newly crossed takes the
 * window of the border crossed least recently (ties: the smaller
 * corridor), whose counts are gone, and the others keep theirs. Here
 * the default world's pool is cut to 3 slots. */
START_TEST(test_telemetry_full_border_pool_drops_the_least_recently_crossed)
{
	struct smug_world *w = test_default_at(0);
	/* in slot order: b[3] on day 10, b[1] and b[2] on day 11, b[0] on
	 * day 12 (the pool full), b[4] on day 13 */
	int b[5], n = 0, crossed[5] = {12, 11, 11, 10, 13};
	bool kept[5] = {true, false, true, false, true};

	for (int c = 0; c < w->n_corridors && n < 5; c++)
		if (w->corridors[c].border)
			b[n++] = c;
	ck_assert_int_eq(n, 5);
	ck_assert_int_ge(w->tel.n_bwin, 3);
	w->tel.n_bwin = 3;
	for (int day = 10; day <= 13; day++) {
		w->day = day;
		for (int i = 0; i < 5; i++)
			if (crossed[i] == day)
				telemetry_customs(w, b[i], false, false, 0, 0);
	}
	/* day 12: b[0] took the window of b[3] (day 10), not of the smaller
	 * b[1] after it; day 13: b[4] took that of b[1], which ties with
	 * b[2] (day 11) and is the smaller */
	for (int i = 0; i < 5; i++)
		ck_assert_msg(window_checks(w, b[i]) == kept[i],
			      "border %s, crossed on day %d: its window holds %d checks on day 13, expected %d",
			      w->corridors[b[i]].id, crossed[i], window_checks(w, b[i]), kept[i]);
	smug_world_free(w);
}
END_TEST

/* A busy day can touch SMUG_TOUCHED_CAP borders (up to 2,048 shipments
 * are on the road, each crossing one border a day). A border crossed
 * again that day adds to its own count rather than taking another
 * place, so the day's last new border is still counted: crossed most, it
 * tops the 1-day TopK list. */
START_TEST(test_telemetry_busy_day_counts_every_border)
{
	char *json = smug_scenario_generate(400, 5, 2);
	struct smug_world *w = NULL;
	struct smug_error err;
	struct smug_topk win;
	int border[SMUG_TOUCHED_CAP], n = 0, last;

	ck_assert(json != NULL);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	for (int c = 0; c < w->n_corridors && n < SMUG_TOUCHED_CAP; c++)
		if (w->corridors[c].border)
			border[n++] = c;
	ck_assert_int_eq(n, SMUG_TOUCHED_CAP);
	last = border[n - 1];
	telemetry_begin_day(w);
	telemetry_border_crossed(w, border[0]);
	telemetry_border_crossed(w, border[0]);
	for (int i = 1; i < n - 1; i++)
		telemetry_border_crossed(w, border[i]);
	for (int k = 0; k < 3; k++)
		telemetry_border_crossed(w, last);
	smug_topk_window(w, SMUG_TOPK_BORDERS, 1, &win);
	ck_assert_int_eq(win.n, SMUG_TOPK);
	ck_assert_msg(win.e[0].index == last && win.e[0].score == 3,
		      "%d borders crossed today, %s 3 times (the most): the 1-day list starts with %s, %g crossings",
		      n, w->corridors[last].id, win.e[0].key, win.e[0].score);
	ck_assert_str_eq(win.e[1].key, w->corridors[border[0]].id);
	ck_assert_double_eq(win.e[1].score, 2);
	telemetry_end_day(w);
	smug_world_free(w);
}
END_TEST

/* A day that crosses more distinct borders than the touched list holds:
 * the borders crossed after the list filled still show that day's
 * crossings as yesterday's the next day, start the next day at 0 today,
 * and show 0 yesterday the day after (on the borders pane, today and
 * yesterday are the counts a designer reads). */
START_TEST(test_telemetry_overfull_day_rolls_every_border)
{
	enum { N = SMUG_TOUCHED_CAP + 2 };
	char *json = smug_scenario_generate(400, 5, 2);
	struct smug_world *w = NULL;
	struct smug_error err;
	int border[N], n = 0;

	ck_assert(json != NULL);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	for (int c = 0; c < w->n_corridors && n < N; c++)
		if (w->corridors[c].border)
			border[n++] = c;
	ck_assert_int_eq(n, N);
	telemetry_begin_day(w);
	for (int i = 0; i < N; i++)
		for (int k = 0; k < 1 + (i >= SMUG_TOUCHED_CAP); k++)
			telemetry_border_crossed(w, border[i]);
	ck_assert_int_eq(w->tel.n_touched, SMUG_TOUCHED_CAP);
	telemetry_end_day(w);
	telemetry_begin_day(w); /* day 2: one border crossed once */
	for (int i = SMUG_TOUCHED_CAP - 1; i < N; i++) {
		const struct smug_border_stats *b = &w->border_stats[border[i]];
		int want = 1 + (i >= SMUG_TOUCHED_CAP);

		ck_assert_msg(b->traffic_yday == want && b->traffic_today == 0,
			      "%s, crossed %d times on a day of %d borders: next day it shows %d yesterday, %d today",
			      w->corridors[border[i]].id, want, N, b->traffic_yday, b->traffic_today);
	}
	telemetry_border_crossed(w, border[0]);
	telemetry_end_day(w);
	telemetry_begin_day(w); /* day 3: the last border crossed once */
	telemetry_border_crossed(w, border[N - 1]);
	for (int i = 1; i < N; i++) {
		const struct smug_border_stats *b = &w->border_stats[border[i]];

		ck_assert_msg(b->traffic_yday == 0,
			      "%s, not crossed on day 2, shows %d crossings yesterday on day 3",
			      w->corridors[border[i]].id, b->traffic_yday);
	}
	ck_assert_msg(w->border_stats[border[N - 1]].traffic_today == 1,
		      "%s crossed once on day 3 shows %d today", w->corridors[border[N - 1]].id,
		      w->border_stats[border[N - 1]].traffic_today);
	ck_assert_int_eq(w->border_stats[border[N - 1]].traffic, 3);
	ck_assert_int_eq(w->border_stats[border[0]].traffic_yday, 1);
	telemetry_end_day(w);
	smug_world_free(w);
}
END_TEST

/* Full days of routes: a day can send SMUG_SHIPMENTS_PER_DAY_MAX
 * shipments, each on its own route. Seven such days in a row, route r
 * of day d sent 1 + (r + d) % 5 times: the 7-day list scores each route
 * by its sends over the week, and a route sent only on the first day
 * (outside the 6-day window) is not in the 6-day list. */
START_TEST(test_telemetry_full_days_of_routes_sum_over_the_window)
{
	enum { DAYS = 7, PER = SMUG_SHIPMENTS_PER_DAY_MAX, KEYS = PER + DAYS };
	struct smug_world *w = NULL;
	struct smug_error err;
	struct smug_topk win;
	int64_t want[KEYS] = {0};
	char text[KEYS][64];

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	ck_assert_int_ge(w->cfg.telemetry.window_days, DAYS);
	ck_assert_int_gt(w->n_nodes, KEYS);
	for (int k = 0; k < KEYS; k++)
		smug_route_format(w, (const int[]){k, k + 1}, 2, text[k], sizeof text[k]);
	for (int d = 0; d < DAYS; d++) {
		w->day++;
		telemetry_begin_day(w);
		/* day d's routes: d .. d + PER - 1 of the KEYS routes (k, k + 1) */
		for (int r = 0; r < PER; r++) {
			int k = d + r;

			for (int n = 0; n <= (k + d) % 5; n++)
				send_route(w, k, k + 1, -1);
			want[k] += 1 + (k + d) % 5;
		}
		telemetry_end_day(w);
	}
	smug_topk_window(w, SMUG_TOPK_ROUTES, DAYS, &win);
	ck_assert_int_eq(win.n, SMUG_TOPK);
	for (int i = 0; i < win.n; i++) {
		int k = 0;

		while (k < KEYS && strcmp(win.e[i].key, text[k]) != 0)
			k++;
		ck_assert_msg(k < KEYS, "%s: not a route sent", win.e[i].key);
		ck_assert_msg(win.e[i].score == (double)want[k], "%s sent %lld times in %d days, listed with %g",
			      win.e[i].key, (long long)want[k], DAYS, win.e[i].score);
	}
	for (int k = 0; k < KEYS; k++)
		if (!listed_in(&win, text[k]))
			ck_assert_msg((double)want[k] <= win.e[win.n - 1].score, "%s sent %lld times, not listed",
				      text[k], (long long)want[k]);
	smug_topk_window(w, SMUG_TOPK_ROUTES, DAYS - 1, &win);
	ck_assert(!listed_in(&win, text[0]));
	smug_world_free(w);
}
END_TEST

/* A generated 400-ward world at day 0 and its first SMUG_CHART_BORDERS + 1
 * borders in corridor order: one more than the border charts hold. */
static struct smug_world *chart_borders_world(int *border)
{
	char *json = smug_scenario_generate(400, 5, 2);
	struct smug_world *w = NULL;
	struct smug_error err;
	int n = 0;

	ck_assert(json != NULL);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	for (int c = 0; c < w->n_corridors && n < SMUG_CHART_BORDERS + 1; c++)
		if (w->corridors[c].border)
			border[n++] = c;
	ck_assert_int_eq(n, SMUG_CHART_BORDERS + 1);
	return w;
}

/* The border charts are full (SMUG_CHART_BORDERS borders crossed on one
 * day, none since) and a border comes under a crackdown the next day: it
 * takes the chart of a border last relevant the longest ago, and of those
 * (all of them here) the first in corridor order; the other charted
 * borders keep theirs. */
START_TEST(test_telemetry_full_charts_hand_on_the_first_border_of_a_tie)
{
	int border[SMUG_CHART_BORDERS + 1];
	struct smug_world *w = chart_borders_world(border);
	int newcomer = border[SMUG_CHART_BORDERS];
	/* day 1: the charts fill; the hottest (crossed twice) are the last
	 * ten, so the first border is charted only because it was crossed */
	w->day++;
	telemetry_begin_day(w);
	for (int i = 0; i < SMUG_CHART_BORDERS; i++)
		for (int k = 0; k < (i >= SMUG_CHART_BORDERS - SMUG_TOPK ? 2 : 1); k++)
			telemetry_border_crossed(w, border[i]);
	telemetry_end_day(w);
	for (int i = 0; i < SMUG_CHART_BORDERS; i++)
		ck_assert_int_eq(smug_border_chart_since(w, border[i]), 1);
	ck_assert_int_eq(smug_border_chart_since(w, newcomer), -1);
	/* day 2: nothing crossed; a crackdown is set on the newcomer */
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[newcomer].id, 0.5, -1, NULL), SMUG_OK);
	w->day++;
	telemetry_begin_day(w);
	telemetry_end_day(w);
	ck_assert_int_ge(smug_border_chart_since(w, newcomer), 1);
	ck_assert_msg(smug_border_chart_since(w, border[0]) == -1,
		      "%s (corridor %d), first of %d borders last relevant on day 1, kept its chart",
		      w->corridors[border[0]].id, border[0], SMUG_CHART_BORDERS);
	for (int i = 1; i < SMUG_CHART_BORDERS; i++)
		ck_assert_msg(smug_border_chart_since(w, border[i]) == 1, "%s (corridor %d) lost its chart to %s",
			      w->corridors[border[i]].id, border[i], w->corridors[newcomer].id);
	smug_world_free(w);
}
END_TEST

/* A border on the hot list stays relevant while it is hot, crossed or
 * not: the charts full (SMUG_CHART_BORDERS borders crossed on day 1, ten
 * of them more often: the hot list) and nothing crossed on day 2, a
 * border coming under a crackdown on day 3 takes the chart of the first
 * border that is not hot (last relevant on day 1), not of the first
 * border, which is hot (the least hot of the ten). */
START_TEST(test_telemetry_hot_borders_keep_their_charts)
{
	int border[SMUG_CHART_BORDERS + 1];
	struct smug_world *w = chart_borders_world(border);
	int newcomer = border[SMUG_CHART_BORDERS];

	w->day++;
	telemetry_begin_day(w);
	for (int i = 0; i < SMUG_CHART_BORDERS; i++) {
		int times = i == 0 ? 2 : i >= SMUG_CHART_BORDERS - (SMUG_TOPK - 1) ? 3 : 1;

		for (int k = 0; k < times; k++)
			telemetry_border_crossed(w, border[i]);
	}
	telemetry_end_day(w);
	ck_assert_int_eq(w->tel.hot_borders.n, SMUG_TOPK);
	ck_assert_int_eq(w->tel.hot_borders.e[SMUG_TOPK - 1].index, border[0]);
	for (int day = 2; day <= 3; day++) {
		if (day == 3)
			ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[newcomer].id, 0.5, -1, NULL), SMUG_OK);
		w->day++;
		telemetry_begin_day(w);
		telemetry_end_day(w);
	}
	ck_assert_int_ge(smug_border_chart_since(w, newcomer), 1);
	ck_assert_msg(smug_border_chart_since(w, border[0]) == 1,
		      "%s (corridor %d), on the hot list, lost its chart to %s on day 3", w->corridors[border[0]].id,
		      border[0], w->corridors[newcomer].id);
	ck_assert_msg(smug_border_chart_since(w, border[1]) == -1,
		      "%s (corridor %d), first of the borders last relevant on day 1, kept its chart",
		      w->corridors[border[1]].id, border[1]);
	smug_world_free(w);
}
END_TEST

/* A border charted late (the charts full, one of them last relevant a
 * week and more ago) shows the week its window still holds and no day
 * before: days 1-5 of a chart taken on day 12 are unknown, not empty.
 * The chart it takes is the first one (the others crossed every day),
 * so the first chart is handed on like any other. */
START_TEST(test_telemetry_late_chart_knows_only_its_week)
{
	int border[SMUG_CHART_BORDERS + 1], first;
	struct smug_world *w = chart_borders_world(border);
	int newcomer = border[SMUG_CHART_BORDERS];
	w->day++;
	telemetry_begin_day(w);
	for (int i = 0; i < SMUG_CHART_BORDERS; i++)
		telemetry_border_crossed(w, border[i]);
	telemetry_end_day(w);
	first = w->tel.bchart[0].corridor;
	ck_assert_int_ge(first, 0);
	for (int d = 2; d <= 11; d++) { /* every charted border but the first stays relevant */
		w->day++;
		telemetry_begin_day(w);
		for (int i = 0; i < SMUG_CHART_BORDERS; i++)
			if (border[i] != first)
				telemetry_border_crossed(w, border[i]);
		telemetry_end_day(w);
	}
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[newcomer].id, 0.5, -1, NULL), SMUG_OK);
	w->day++;
	telemetry_begin_day(w);
	telemetry_end_day(w);
	ck_assert_int_eq(w->day, 12);
	ck_assert_int_eq(smug_border_chart_since(w, first), -1);
	ck_assert_int_eq(smug_border_chart_since(w, newcomer), 6);
	for (int d = 1; d <= 12; d++) {
		struct smug_border_day x;
		bool known = smug_border_chart(w, newcomer, d, &x);

		ck_assert_msg(known == (d >= 6), "%s, charted from day 6: day %d %s", w->corridors[newcomer].id, d,
			      known ? "known" : "unknown");
		ck_assert_int_eq(x.traffic, 0);
		ck_assert_int_eq(x.crackdown_pct, d == 12 ? 50 : 0);
	}
	smug_world_free(w);
}
END_TEST

/* ---- whole-run properties: each window and chart is the days it claims ---- */

enum { DAY_FIELDS = 6 };

/* One border's counters on one day, from its all-time counters' rise. */
static void border_rise(const struct smug_border_stats *now, const struct smug_border_stats *before, int64_t *out)
{
	out[0] = now->traffic - before->traffic;
	out[1] = now->checks - before->checks;
	out[2] = now->inspections - before->inspections;
	out[3] = now->seizures - before->seizures;
	out[4] = now->bribes - before->bribes;
	out[5] = now->tariffs - before->tariffs;
}

static void border_day_fields(const struct smug_border_day *d, int64_t *out)
{
	out[0] = d->traffic;
	out[1] = d->checks;
	out[2] = d->inspections;
	out[3] = d->seizures;
	out[4] = d->bribes;
	out[5] = d->tariffs;
}

static const char *const day_field_name[DAY_FIELDS] = {"traffic", "checks", "inspections",
						       "seizures", "bribes", "tariffs"};

/* A generated 400-ward world with the crackdown planner on, 45 days, a
 * day at a time: more borders are crossed than SMUG_CHART_BORDERS charts
 * hold, so charts are handed on, and borders are admitted with days
 * already behind them. After every day, yesterday's and today's border
 * counters are the last two days' rises and the newest history record is
 * the day (its counters, shipments in transit, crackdowns by kind); at the
 * end every border's 7-day window holds each day's rise, every chart
 * (`g`) each day since it was tracked with that day's crackdown, and the
 * crackdown log each planner crackdown from its activation to the day
 * before it expired. */
START_TEST(test_telemetry_every_border_day_is_that_days_counts)
{
	enum { DAYS = 45 };
	char *json = smug_scenario_generate(400, 5, 2);
	struct smug_world *w = NULL;
	struct smug_error err;
	struct smug_border_stats *before;
	int64_t(*rise)[DAY_FIELDS];
	int *pct, borders = 0, tracked = 0, handed_on = 0, periods = 0, open = 0, nc;

	ck_assert(json != NULL);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	nc = w->n_corridors;
	before = calloc((size_t)nc, sizeof *before);
	rise = calloc((size_t)(DAYS + 1) * (size_t)nc, sizeof *rise);
	pct = calloc((size_t)(DAYS + 1) * (size_t)nc, sizeof *pct);
	for (int c = 0; c < nc; c++)
		borders += w->corridors[c].border;
	/* the border windows' pool: one per border, not one per possible crossing */
	ck_assert_int_eq(w->tel.n_bwin, borders);
	smug_cmd_auto_crackdown(w, true);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[test_busiest_border(w)].id, 0.25, 20, NULL), SMUG_OK);
	for (int day = 1; day <= DAYS; day++) {
		const struct smug_day_record *r;
		int manual = 0;

		memcpy(before, w->border_stats, (size_t)nc * sizeof *before);
		smug_cmd_step(w, 1);
		ck_assert_int_eq(w->day, day);
		for (int c = 0; c < nc; c++) {
			const struct smug_border_stats *b = &w->border_stats[c];
			int64_t *today = rise[day * nc + c], *yday = rise[(day - 1) * nc + c];

			border_rise(b, &before[c], today);
			pct[day * nc + c] = (int)(100.0 * crackdown_intensity(w, c) + 0.5);
			ck_assert_msg(b->traffic_today == today[0] && b->seizures_today == today[3] &&
					      b->bribes_today == today[4],
				      "day %d, %s: today traffic %d seizures %d bribes %lld, the day's rise %lld %lld %lld",
				      day, w->corridors[c].id, b->traffic_today, b->seizures_today,
				      (long long)b->bribes_today, (long long)today[0], (long long)today[3],
				      (long long)today[4]);
			ck_assert_msg(b->traffic_yday == yday[0] && b->seizures_yday == yday[3] && b->bribes_yday == yday[4],
				      "day %d, %s: yesterday traffic %d seizures %d bribes %lld, day %d's rise %lld %lld %lld",
				      day, w->corridors[c].id, b->traffic_yday, b->seizures_yday, (long long)b->bribes_yday,
				      day - 1, (long long)yday[0], (long long)yday[3], (long long)yday[4]);
		}
		r = smug_history_at(&w->tel, w->tel.history_count - 1);
		for (int i = 0; i < w->n_crackdowns; i++)
			manual += w->crackdowns[i].manual;
		ck_assert_int_eq(w->tel.history_count, day);
		ck_assert_int_eq(r->day, day);
		ck_assert(memcmp(&r->c, &w->tel.today, sizeof r->c) == 0);
		ck_assert_int_eq(r->in_transit, w->n_shipments);
		ck_assert_msg(r->crackdowns_manual == manual && r->crackdowns_auto == w->n_crackdowns - manual,
			      "day %d: the history says %d manual and %d planner crackdowns, the world has %d and %d",
			      day, r->crackdowns_manual, r->crackdowns_auto, manual, w->n_crackdowns - manual);
	}
	for (int c = 0; c < nc; c++) {
		int since = smug_border_chart_since(w, c);
		bool crossed = false;

		if (!w->corridors[c].border)
			continue;
		for (int day = w->day - SMUG_BORDER_WINDOW_DAYS + 1; day <= w->day; day++) {
			struct smug_border_day d;
			int64_t got[DAY_FIELDS];

			smug_border_window_sum(w, c, day, day, &d);
			border_day_fields(&d, got);
			for (int k = 0; k < DAY_FIELDS; k++)
				ck_assert_msg(got[k] == rise[day * nc + c][k], "%s day %d: the 7-day window's %s is %lld, the day's %lld",
					      w->corridors[c].id, day, day_field_name[k], (long long)got[k],
					      (long long)rise[day * nc + c][k]);
		}
		for (int day = 1; day <= DAYS; day++)
			crossed |= rise[day * nc + c][0] > 0 || pct[day * nc + c] > 0;
		if (since < 0)
			continue;
		tracked++;
		ck_assert_msg(crossed, "%s is charted, never crossed nor under a crackdown", w->corridors[c].id);
		handed_on += since > 1;
		for (int day = since; day <= w->day; day++) {
			struct smug_border_day d;
			int64_t got[DAY_FIELDS];

			ck_assert(smug_border_chart(w, c, day, &d));
			border_day_fields(&d, got);
			for (int k = 0; k < DAY_FIELDS; k++)
				ck_assert_msg(got[k] == rise[day * nc + c][k],
					      "%s (charted since day %d) day %d: the chart's %s is %lld, the day's %lld",
					      w->corridors[c].id, since, day, day_field_name[k], (long long)got[k],
					      (long long)rise[day * nc + c][k]);
			ck_assert_msg(d.crackdown_pct == pct[day * nc + c], "%s day %d: the chart shades %d%%, the crackdown was %d%%",
				      w->corridors[c].id, day, d.crackdown_pct, pct[day * nc + c]);
		}
	}
	ck_assert_int_eq(tracked, SMUG_CHART_BORDERS);
	ck_assert_int_gt(handed_on, 10);
	/* the crackdown log: each activation, in order, to the day before its end */
	for (int i = 0; i < w->tel.event_count; i++) {
		const struct smug_event *e = smug_event_at(&w->tel, i);
		const struct smug_crackdown_period *p;
		int end = -1;

		if (e->kind != SMUG_EV_CRACKDOWN_ACTIVATED)
			continue; /* the first is yours, set before day 1 */
		ck_assert_int_lt(periods, w->tel.crackdown_log_count);
		p = smug_crackdown_period_at(&w->tel, periods++);
		for (int j = i + 1; j < w->tel.event_count && end < 0; j++) {
			const struct smug_event *x = smug_event_at(&w->tel, j);

			if (x->corridor == e->corridor &&
			    (x->kind == SMUG_EV_CRACKDOWN_EXPIRED || x->kind == SMUG_EV_CRACKDOWN_CLEARED))
				end = x->day - 1;
		}
		/* yours start the day after the command, the planner's the day it acts */
		ck_assert_msg(p->corridor == e->corridor && p->start_day == e->day + (i == 0) && p->end_day == end,
			      "crackdown %d: the log says %s days %d..%d, the events %s days %d..%d", periods,
			      w->corridors[p->corridor].id, p->start_day, p->end_day, w->corridors[e->corridor].id,
			      e->day, end);
		ck_assert_int_eq(p->manual, i == 0);
		if (p->end_day < 0) {
			ck_assert_double_gt(crackdown_intensity(w, p->corridor), 0);
			open++;
		}
	}
	ck_assert_int_eq(periods, w->tel.crackdown_log_count);
	ck_assert_int_eq(open, w->n_crackdowns);
	ck_assert_int_gt(periods, 20);
	free(pct);
	free(rise);
	free(before);
	smug_world_free(w);
}
END_TEST

/* The border window's scores against a recount: each listed border's
 * crossings on the days [first, last] of `per_day` (per_day[d][c],
 * indexed from day `base`), no border left out busier than the last. */
static void check_border_window(const struct smug_world *w, int days, const int64_t *per_day, int base, int first,
				int last)
{
	struct smug_topk win;
	int64_t *sum = calloc((size_t)w->n_corridors, sizeof *sum);

	for (int d = first; d <= last; d++)
		for (int c = 0; c < w->n_corridors; c++)
			sum[c] += per_day[(d - base) * w->n_corridors + c];
	smug_topk_window(w, SMUG_TOPK_BORDERS, days, &win);
	ck_assert_int_gt(win.n, 0);
	for (int i = 0; i < win.n; i++)
		ck_assert_msg(win.e[i].score == (double)sum[win.e[i].index],
			      "day %d, %d-day list: %s scored %g, crossed %lld times on days %d..%d", w->day, days,
			      win.e[i].key, win.e[i].score, (long long)sum[win.e[i].index], first, last);
	for (int c = 0; c < w->n_corridors; c++) {
		bool listed = false;

		for (int i = 0; i < win.n; i++)
			listed |= win.e[i].index == c;
		if (!listed)
			ck_assert_msg((double)sum[c] <= win.e[win.n - 1].score,
				      "day %d, %d-day list: %s (%lld crossings on days %d..%d) left out", w->day, days,
				      w->corridors[c].id, (long long)sum[c], first, last);
	}
	free(sum);
}

/* telemetry.window_days set during a run (the cockpit's config view)
 * resizes the TopK window from the next day, keeping the days that
 * still fit: shrunk from 30 to 10 days at day 60, the 10-day list at day
 * 65 is days 56..65; widened back to 30, the 30-day list at day 70 holds
 * what the 10-day window kept and the days since, days 56..70. */
START_TEST(test_telemetry_window_days_set_mid_run_keeps_the_days_that_fit)
{
	struct smug_world *w = test_default_at(40);
	int nc = w->n_corridors;
	int64_t *per_day = calloc((size_t)30 * (size_t)nc, sizeof *per_day); /* days 41..70 */
	struct smug_border_stats *before = calloc((size_t)nc, sizeof *before);
	struct smug_error err;

	for (int day = 41; day <= 70; day++) {
		if (day == 61)
			ck_assert_int_eq(smug_config_set(w, "telemetry.window_days", "10", &err), SMUG_OK);
		if (day == 66)
			ck_assert_int_eq(smug_config_set(w, "telemetry.window_days", "30", &err), SMUG_OK);
		memcpy(before, w->border_stats, (size_t)nc * sizeof *before);
		smug_cmd_step(w, 1);
		for (int c = 0; c < nc; c++)
			per_day[(day - 41) * nc + c] = w->border_stats[c].traffic - before[c].traffic;
		if (day == 60)
			check_border_window(w, 20, per_day, 41, 41, 60);
		if (day == 65) {
			check_border_window(w, 10, per_day, 41, 56, 65);
			check_border_window(w, 30, per_day, 41, 56, 65); /* no more days than the window */
		}
	}
	check_border_window(w, 30, per_day, 41, 56, 70);
	check_border_window(w, 3, per_day, 41, 68, 70);
	free(before);
	free(per_day);
	smug_world_free(w);
}
END_TEST


struct first_row {
	double v[65];
	int n;
};

static void keep_first_row(void *ctx, const double *v, int n)
{
	struct first_row *r = ctx;

	if (r->n == 0) {
		memcpy(r->v, v, sizeof v[0] * (size_t)n);
		r->n = n;
	}
}

/* A seed's row is judged by its own numbers: the loader reads each row
 * into a buffer that also holds what earlier, longer rows left past its
 * end (or nothing set at all), and no number there may get a row refused
 * as out of range. Each kind's first row of a busy world, followed by a
 * NaN, is set again: it may be refused for repeating a day or a border,
 * never for a value out of range. */
START_TEST(test_telemetry_rows_are_judged_by_their_own_numbers)
{
	struct smug_world *w = test_default_at(40);
	int kinds = 0;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[test_busiest_border(w)].id, 0.5, -1, NULL), SMUG_OK);
	smug_cmd_step(w, 5);
	for (int k = 0; k < TEL_ROW_COUNT; k++) {
		struct first_row r = {.n = 0};
		const char *why;

		telemetry_rows(w, (enum tel_row)k, keep_first_row, &r);
		if (r.n == 0)
			continue;
		ck_assert_int_lt(r.n, 65);
		r.v[r.n] = NAN;
		why = telemetry_row_set(w, (enum tel_row)k, 0, r.v, r.n);
		ck_assert_msg(why == NULL || strcmp(why, "value out of range") != 0, "%s row 0: %s",
			      telemetry_row_name((enum tel_row)k), why);
		kinds++;
	}
	ck_assert_int_eq(kinds, TEL_ROW_COUNT);
	smug_world_free(w);
}
END_TEST

/* Every faction's commodity flows are its shipment events recounted:
 * all time, over each window of 1 to 30 days, and in transit (sent less
 * resolved), both as shipments and as cargo value. */
START_TEST(test_telemetry_flows_are_the_shipment_events)
{
	struct smug_world *w = test_default_at(75);
	int64_t(*by_day)[SMUG_COMMODITY_COUNT][SMUG_FLOW_KINDS][2];
	int nf = w->n_factions, checked = 0;

	ck_assert_uint_eq(w->tel.events_total, (uint64_t)w->tel.event_count); /* every event is kept */
	by_day = calloc((size_t)nf * 76, sizeof *by_day);
	for (int i = 0; i < w->tel.event_count; i++) {
		const struct smug_event *e = smug_event_at(&w->tel, i);
		int k = e->kind == SMUG_EV_SHIPMENT_CREATED	? SMUG_FLOW_SENT
			: e->kind == SMUG_EV_SHIPMENT_DELIVERED ? SMUG_FLOW_DELIVERED
			: e->kind == SMUG_EV_SHIPMENT_SEIZED	? SMUG_FLOW_SEIZED
			: e->kind == SMUG_EV_SHIPMENT_LOST	? SMUG_FLOW_LOST
								: -1;

		if (k < 0)
			continue;
		ck_assert(e->faction >= 0 && e->commodity >= 0 && e->day >= 1 && e->day <= 75);
		by_day[e->faction * 76 + e->day][e->commodity][k][0]++;
		by_day[e->faction * 76 + e->day][e->commodity][k][1] += e->amount;
	}
	for (int f = 0; f < nf; f++)
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
			for (int days = 0; days <= SMUG_FLOW_DAYS; days++) {
				struct smug_flow got;
				int64_t want[SMUG_FLOW_KINDS][2] = {{0}};

				smug_flow_sum(w, f, c, days, &got);
				for (int d = days ? w->day - days + 1 : 1; d <= w->day; d++)
					for (int k = 0; k < SMUG_FLOW_KINDS; k++) {
						want[k][0] += by_day[f * 76 + d][c][k][0];
						want[k][1] += by_day[f * 76 + d][c][k][1];
					}
				for (int k = 0; k < SMUG_FLOW_KINDS; k++) {
					ck_assert_msg(got.n[k] == want[k][0] && got.value[k] == want[k][1],
						      "%s commodity %d, %d days, flow %d: %lld shipments worth %lld, "
						      "the events %lld worth %lld",
						      w->factions[f].id, c, days, k, (long long)got.n[k],
						      (long long)got.value[k], (long long)want[k][0], (long long)want[k][1]);
					checked += want[k][0] > 0;
				}
				if (days == 0) {
					int64_t n = want[SMUG_FLOW_SENT][0], v = want[SMUG_FLOW_SENT][1];

					for (int k = SMUG_FLOW_DELIVERED; k < SMUG_FLOW_KINDS; k++) {
						n -= want[k][0];
						v -= want[k][1];
					}
					ck_assert_int_eq(w->tel.factions[f].transit_n[c], n);
					ck_assert_int_eq(w->tel.factions[f].transit_value[c], v);
				}
			}
	ck_assert_int_gt(checked, 100);
	free(by_day);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("telemetry");
	TCase *t = tcase_create("topk");

	tcase_add_test(t, test_telemetry_topk_order_and_updates);
	tcase_add_test(t, test_telemetry_topk_score_set_lower_moves_down);
	suite_add_tcase(s, t);
	t = tcase_create("rings");
	tcase_add_test(t, test_telemetry_event_ring_keeps_newest);
	tcase_add_test(t, test_telemetry_event_ring_grows_then_is_fixed);
	tcase_add_test(t, test_telemetry_event_digest_follows_the_ring);
	tcase_add_test(t, test_telemetry_faction_flows_add_up);
	tcase_add_test(t, test_telemetry_border_windows_and_charts);
	tcase_add_test(t, test_telemetry_totals_and_history);
	tcase_add_test(t, test_telemetry_route_tally_counts_each_route_once);
	tcase_add_test(t, test_telemetry_route_tally_evicts_like_space_saving);
	tcase_add_test(t, test_telemetry_evicted_route_leaves_the_hot_routes_list);
	tcase_add_test(t, test_telemetry_evicted_route_leaves_the_middle_of_the_hot_routes_list);
	tcase_add_test(t, test_telemetry_yesterday_rolls);
	tcase_add_test(t, test_telemetry_world_lists_are_the_top);
	tcase_add_test(t, test_telemetry_window_lists_show_a_shift);
	tcase_add_test(t, test_telemetry_one_day_window_is_the_last_day);
	tcase_add_test(t, test_telemetry_window_lists_empty_before_the_first_day);
	tcase_add_test(t, test_telemetry_busy_day_counts_every_border);
	tcase_add_test(t, test_telemetry_full_border_pool_drops_the_least_recently_crossed);
	tcase_add_test(t, test_telemetry_overfull_day_rolls_every_border);
	tcase_add_test(t, test_telemetry_full_days_of_routes_sum_over_the_window);
	tcase_add_test(t, test_telemetry_long_routes_that_part_at_the_end_count_apart);
	tcase_add_test(t, test_telemetry_full_charts_hand_on_the_first_border_of_a_tie);
	tcase_add_test(t, test_telemetry_hot_borders_keep_their_charts);
	tcase_add_test(t, test_telemetry_late_chart_knows_only_its_week);
	tcase_add_test(t, test_telemetry_every_border_day_is_that_days_counts);
	tcase_add_test(t, test_telemetry_window_days_set_mid_run_keeps_the_days_that_fit);
	tcase_add_test(t, test_telemetry_flows_are_the_shipment_events);
	tcase_add_test(t, test_telemetry_rows_are_judged_by_their_own_numbers);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
