/* The world invariant checker: every state the simulation reaches passes
 * it (day by day, with commands between days, on three worlds), and each
 * kind of inconsistency a hand-edited seed could carry is caught and
 * named by its snapshot path. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

static void holds(const struct smug_world *w, const char *what)
{
	struct smug_error err;

	ck_assert_msg(smug_world_check(w, NULL, &err) == SMUG_OK, "%s, day %d: %s", what, w->day, err.msg);
}

/* The default world for two years: auto-crackdown from day 30, a manual
 * crackdown set and cleared between days; checked before the first day
 * and after every day and every command. */
START_TEST(test_check_holds_every_day_default_world)
{
	struct smug_world *w = test_default_at(0);
	struct smug_error err;
	int border = -1;

	for (int c = 0; c < w->n_corridors && border < 0; c++)
		if (w->corridors[c].border)
			border = c;
	holds(w, "new world");
	for (int d = 0; d < 730; d++) {
		if (d == 30)
			smug_cmd_auto_crackdown(w, true);
		if (d == 100) {
			ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[border].id, 0.5, -1, &err), SMUG_OK);
			holds(w, "after a crackdown was set");
		}
		if (d == 200) {
			ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[border].id, &err), SMUG_OK);
			holds(w, "after a crackdown was cleared");
		}
		smug_cmd_step(w, 1);
		holds(w, "default world");
	}
	ck_assert_int_gt(w->tel.total.delivered, 0);
	ck_assert_int_gt(w->tel.total.seized, 0);
	smug_world_free(w);
}
END_TEST

START_TEST(test_check_holds_every_day_tiny_and_generated)
{
	struct smug_world *tiny = test_load_file(SRCDIR "/data/tiny.json"), *gen = NULL;
	char *json = smug_scenario_generate(150, 5, 6);
	struct smug_error err;

	for (int d = 0; d < 500; d++) {
		smug_cmd_step(tiny, 1);
		holds(tiny, "tiny world");
	}
	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &gen, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_auto_crackdown(gen, true);
	for (int d = 0; d < 120; d++) {
		smug_cmd_step(gen, 1);
		holds(gen, "generated world");
	}
	ck_assert_int_gt(gen->tel.total.shipments_created, 0);
	free(json);
	smug_world_free(tiny);
	smug_world_free(gen);
}
END_TEST

/* ---- each inconsistency is caught ---- */

static struct smug_world *base;

static void make_base(void)
{
	struct smug_error err;
	int set = 0;

	base = test_default_at(40);
	for (int c = 0; c < base->n_corridors && set < 2; c++)
		if (base->corridors[c].border && !smug_world_crackdown_on(base, c)) {
			ck_assert_int_eq(smug_cmd_crackdown_set(base, base->corridors[c].id, 0.5, -1, &err), SMUG_OK);
			set++;
		}
	ck_assert_int_ge(base->n_shipments, 2);
	ck_assert_int_ge(base->n_crackdowns, 2);
	holds(base, "base world");
}

static void free_base(void)
{
	smug_world_free(base);
}

/* The i-th shipment on the road. */
static struct smug_shipment *road(struct smug_world *w, int i)
{
	return &w->shipment_slots[w->in_transit[i]];
}

/* The network of the first shipment's faction. */
static struct smug_network *net0(struct smug_world *w)
{
	return &w->factions[road(w, 0)->faction].net;
}

static int first_border(const struct smug_world *w)
{
	for (int c = 0; c < w->n_corridors; c++)
		if (w->corridors[c].border && w->border_stats[c].detections > 0)
			return c;
	return -1;
}

/* The first border whose count at byte offset off of its stats (an
 * int64_t) is above 0. */
static int64_t *border_count(struct smug_world *w, size_t off)
{
	for (int c = 0; c < w->n_corridors; c++) {
		int64_t *v = (int64_t *)(void *)((char *)&w->border_stats[c] + off);

		if (w->corridors[c].border && *v > 0)
			return v;
	}
	ck_abort_msg("no border has that count above 0");
	return NULL;
}

static void dup_shipment(struct smug_world *w) { road(w, 1)->id = road(w, 0)->id; }
static void in_transit(struct smug_world *w) { net0(w)->in_transit += 93; }
static void delivered(struct smug_world *w) { net0(w)->delivered = 1000000000000; }
static void total_delivered(struct smug_world *w) { w->tel.total.delivered += 1; }
/* each total the networks' and borders' records add up to, one at a time */
static void total_created(struct smug_world *w) { w->tel.total.shipments_created += 1; }
static void total_seized(struct smug_world *w) { w->tel.total.seized += 1; }
static void total_lost(struct smug_world *w) { w->tel.total.lost += 1; }
static void total_delayed(struct smug_world *w) { w->tel.total.delayed += 1; }
static void total_tariffs(struct smug_world *w) { w->tel.total.tariffs += 1; }
static void total_checks(struct smug_world *w) { w->tel.total.customs_checks += 1; }
/* each total the borders' records add up to: one border's count one less */
static void border_seized(struct smug_world *w) { *border_count(w, offsetof(struct smug_border_stats, seizures)) -= 1; }
static void border_bribes(struct smug_world *w) { *border_count(w, offsetof(struct smug_border_stats, bribes)) -= 1; }
static void border_tariffs(struct smug_world *w) { *border_count(w, offsetof(struct smug_border_stats, tariffs)) -= 1; }
static void day_forward(struct smug_world *w) { w->day += 1000; }
static void day_back(struct smug_world *w) { w->day = w->start_day - 1; }
static void balance(struct smug_world *w) { w->ledger.accounts[0].balance += 100; }
static void minted(struct smug_world *w) { w->ledger.minted += 100; w->ledger.accounts[0].balance += 100; }
static void negative(struct smug_world *w) { w->ledger.accounts[1].balance = -5; w->ledger.accounts[0].balance += 5; }
static void wrong_corridor(struct smug_world *w)
{
	struct smug_shipment *s = road(w, 0);

	s->corridors[0] = s->corridors[0] == 0 ? 1 : 0;
}
static void foreign_faction(struct smug_world *w) { road(w, 0)->faction = 99; }
static void node_ward(struct smug_world *w) { w->nodes[3].ward = w->n_wards; }
static void unsorted_wards(struct smug_world *w) { memcpy(w->wards[1].id, w->wards[0].id, sizeof w->wards[0].id); }
static void history_head(struct smug_world *w) { w->tel.history_head = (w->tel.history_head + 1) % SMUG_HISTORY_DAYS; }
static void next_id(struct smug_world *w) { w->next_shipment_id += 1; }
static void seizures(struct smug_world *w)
{
	int c = first_border(w);

	w->border_stats[c].seizures = w->border_stats[c].detections + 1;
}
static void crackdown_order(struct smug_world *w) { w->crackdowns[1].corridor = w->crackdowns[0].corridor; }
static void crackdown_future(struct smug_world *w) { w->crackdowns[0].start_day = w->day + 2; }
static void crackdown_ends_first(struct smug_world *w)
{
	w->crackdowns[0].end_day = w->crackdowns[0].start_day - 1;
}
static void crackdown_over(struct smug_world *w)
{
	w->crackdowns[0].start_day = w->day - 3;
	w->crackdowns[0].end_day = w->day - 1;
}
static void crackdown_past(struct smug_world *w) { w->crackdowns[w->n_crackdowns - 1].corridor = w->n_corridors; }
static void cooldown_past(struct smug_world *w)
{
	w->cooldowns[w->n_cooldowns++] = (struct smug_cooldown){w->n_corridors, w->day + 1};
}
static void bribe_total(struct smug_world *w) { road(w, 0)->bribe_budget_total += 1; }
static void days_left(struct smug_world *w) { road(w, 0)->days_left = 0; }
/* one past the route's last corridor */
static void hop_past(struct smug_world *w) { road(w, 0)->hop = road(w, 0)->n_nodes - 1; }
/* one entry more than the route has corridors */
static void bribes_past(struct smug_world *w) { road(w, 0)->n_bribes = road(w, 0)->n_nodes; }
static void event_future(struct smug_world *w)
{
	w->tel.events[(w->tel.event_head + SMUG_EVENT_CAP - 1) % SMUG_EVENT_CAP].day = w->day + 3;
}
static void decisions_day(struct smug_world *w) { w->decisions_day -= 1; }
static struct smug_decision *decision0(struct smug_world *w)
{
	ck_assert_int_gt(w->n_decisions, 0);
	return &w->decisions[0];
}
static void decision_faction(struct smug_world *w) { decision0(w)->faction = w->n_factions; }
static void decision_cands(struct smug_world *w) { decision0(w)->n_cand = SMUG_ROUTE_TOPK_MAX + 1; }
static void decision_winner(struct smug_world *w) { decision0(w)->winner = decision0(w)->n_cand; }
static void decision_runner(struct smug_world *w) { decision0(w)->runner = decision0(w)->n_cand; }
static void decision_route(struct smug_world *w) { decision0(w)->route_len = SMUG_ROUTE_MAX_NODES + 1; }
static void edge_stats_order(struct smug_world *w)
{
	struct smug_network *n = net0(w);

	n->edge_stats[1] = n->edge_stats[0]; /* the same corridor and direction twice */
}
/* a learned edge's calibration sums: failures within 0..crossings, the
 * summed planned risk a number within 0..crossings */
static void cal_fail_negative(struct smug_world *w) { net0(w)->edge_stats[1].cal_fail = -1; }
static void cal_fail_above(struct smug_world *w)
{
	struct smug_edge_stats *e = &net0(w)->edge_stats[1];

	e->cal_fail = e->cal_n + 1;
}
static void cal_risk_nan(struct smug_world *w) { net0(w)->edge_stats[1].cal_risk = NAN; }
/* the key the planner finds a statistic by, out of step with its corridor
 * and end (the other end's key) */
static void edge_key_stale(struct smug_world *w) { net0(w)->edge_keys[1] ^= 1; }
static void cal_risk_above(struct smug_world *w)
{
	struct smug_edge_stats *e = &net0(w)->edge_stats[1];

	e->cal_risk = (double)e->cal_n + 0.5;
}
static void last_record(struct smug_world *w)
{
	w->tel.history[(w->tel.history_head + SMUG_HISTORY_DAYS - 1) % SMUG_HISTORY_DAYS].in_transit += 1;
}
static void bribes_by_reason(struct smug_world *w) { w->ledger.by_reason[SMUG_TX_CUSTOMS_BRIBE] += 1; }
static void tariffs_by_reason(struct smug_world *w) { w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF] += 1; }
static void journal_order(struct smug_world *w)
{
	struct smug_ledger *l = &w->ledger;

	l->journal[(l->journal_head + SMUG_JOURNAL_CAP - 1) % SMUG_JOURNAL_CAP].day = w->start_day;
	l->journal[(l->journal_head + SMUG_JOURNAL_CAP - 2) % SMUG_JOURNAL_CAP].day = w->day - 1;
}
/* the oldest transaction kept that is not a burn, paid to the account
 * one past the ledger's last */
static void journal_to_past(struct smug_world *w)
{
	struct smug_ledger *l = &w->ledger;

	for (int i = 0; i < l->journal_count; i++) {
		struct smug_tx *t = &l->journal[(l->journal_head - l->journal_count + i + SMUG_JOURNAL_CAP) % SMUG_JOURNAL_CAP];

		if (!ledger_reason_is_burn(t->reason)) {
			t->to = l->n_accounts;
			return;
		}
	}
	ck_abort_msg("no transaction but burns");
}
/* the oldest transaction kept, of amount 0 */
static void journal_oldest_empty(struct smug_world *w)
{
	struct smug_ledger *l = &w->ledger;

	l->journal[(l->journal_head - l->journal_count + SMUG_JOURNAL_CAP) % SMUG_JOURNAL_CAP].amount = 0;
}

static void corridor_ends(struct smug_world *w)
{
	int a = w->corridors[0].a;

	w->corridors[0].a = w->corridors[0].b;
	w->corridors[0].b = a;
}
static void src_ward(struct smug_world *w)
{
	road(w, 0)->src_ward = (road(w, 0)->src_ward + 1) % w->n_wards;
}
static void dst_ward(struct smug_world *w)
{
	road(w, 0)->dst_ward = (road(w, 0)->dst_ward + 1) % w->n_wards;
}
static void shipment_id_zero(struct smug_world *w) { road(w, 0)->id = 0; }
/* two shipments on the road in one slot: one of them is gone */
static void slot_twice(struct smug_world *w) { w->in_transit[1] = w->in_transit[0]; }
/* a free slot that is on no list: the road would run out of room */
static void slot_lost(struct smug_world *w) { w->n_free_slots--; }
static void ward_gate(struct smug_world *w) { w->wards[2].gate_node = w->wards[3].gate_node; }
/* each index one past the end of its list */
static void home_ward(struct smug_world *w) { w->factions[1].home_ward = w->n_wards; }
static void faction_account(struct smug_world *w) { w->factions[1].account = w->ledger.n_accounts; }
static void ward_account(struct smug_world *w) { w->wards[2].account = w->ledger.n_accounts; }
static void corridor_end(struct smug_world *w) { w->corridors[1].b = w->n_nodes; }
static void gate_past(struct smug_world *w) { w->wards[2].gate_node = w->n_nodes; }
static void blackmarket(struct smug_world *w) { w->ledger.blackmarket = w->ledger.n_accounts; }
static void treasury(struct smug_world *w) { w->ledger.treasury = w->ledger.n_accounts; }
/* the first lane of the first shipment's faction, from or to one past the last ward */
static void lane_src_past(struct smug_world *w)
{
	ck_assert_int_gt(net0(w)->n_lanes, 0);
	net0(w)->lanes[0].src_ward = w->n_wards;
}
static void lane_dst_past(struct smug_world *w)
{
	ck_assert_int_gt(net0(w)->n_lanes, 0);
	net0(w)->lanes[0].dst_ward = w->n_wards;
}
/* the last day delivered more than all days together (its record agrees) */
static void today_above_total(struct smug_world *w)
{
	w->tel.today.delivered = (int)w->tel.total.delivered + 1;
	w->tel.history[(w->tel.history_head + SMUG_HISTORY_DAYS - 1) % SMUG_HISTORY_DAYS].c.delivered =
		w->tel.today.delivered;
}
/* each other count of the last day above its total, its record following */
#define TODAY_ABOVE_TOTAL(count)                                                                          \
	static void today_above_total_##count(struct smug_world *w)                                       \
	{                                                                                                 \
		w->tel.today.count = w->tel.total.count + 1;                                              \
		w->tel.history[(w->tel.history_head + SMUG_HISTORY_DAYS - 1) % SMUG_HISTORY_DAYS].c.count = \
			w->tel.today.count;                                                                \
	}
TODAY_ABOVE_TOTAL(shipments_created)
TODAY_ABOVE_TOTAL(seized)
TODAY_ABOVE_TOTAL(lost)
TODAY_ABOVE_TOTAL(delayed)
TODAY_ABOVE_TOTAL(bribes_spent)
TODAY_ABOVE_TOTAL(tariffs)
TODAY_ABOVE_TOTAL(customs_checks)
#undef TODAY_ABOVE_TOTAL
static void event_kind(struct smug_world *w)
{
	w->tel.events[(w->tel.event_head + SMUG_EVENT_CAP - 1) % SMUG_EVENT_CAP].kind = SMUG_EVENT_KIND_COUNT;
}
static struct smug_event *newest_event(struct smug_world *w)
{
	return &w->tel.events[(w->tel.event_head + SMUG_EVENT_CAP - 1) % SMUG_EVENT_CAP];
}
static void event_faction(struct smug_world *w) { newest_event(w)->faction = w->n_factions; }
static void event_corridor(struct smug_world *w) { newest_event(w)->corridor = w->n_corridors; }
static void event_commodity(struct smug_world *w) { newest_event(w)->commodity = SMUG_COMMODITY_COUNT; }
/* a delay whose text would name no corridor (smug_event_text reads it) */
static void event_delay_nowhere(struct smug_world *w)
{
	newest_event(w)->kind = SMUG_EV_SHIPMENT_DELAYED;
	newest_event(w)->corridor = -1;
}
/* today's list of crossed borders names one nobody crossed today, or one twice */
static void touched_uncrossed(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.n_touched, 0);
	w->border_stats[w->tel.touched[0]].traffic_today = 0;
}
static void source_term_past_three(struct smug_world *w)
{
	ck_assert_int_gt(w->n_source[1], 0);
	w->source_terms[1][0].term[SMUG_SOURCE_TERMS + 1] = 0.25;
}
/* the hot-routes list out of order, and a key listed twice */
static void hot_routes_swapped(struct smug_world *w)
{
	struct smug_topk_entry e;

	ck_assert_int_gt(w->tel.hot_routes.n, 1);
	ck_assert(w->tel.hot_routes.e[0].score > w->tel.hot_routes.e[1].score);
	e = w->tel.hot_routes.e[0];
	w->tel.hot_routes.e[0] = w->tel.hot_routes.e[1];
	w->tel.hot_routes.e[1] = e;
}
/* a hot route's count that is not its tally slot's */
static void hot_route_count_off(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.hot_routes.n, 0);
	w->tel.hot_routes.e[0].score += 1;
}
/* the same route listed twice */
static void hot_route_twice(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.hot_routes.n, 1);
	w->tel.hot_routes.e[1] = w->tel.hot_routes.e[0];
}
/* a hot route pointing past the routes tallied */
static void hot_route_past_tally(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.hot_routes.n, 0);
	w->tel.hot_routes.e[0].index = w->tel.n_routes;
}
/* one route tallied in two slots */
static void route_tallied_twice(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.n_routes, 3);
	w->tel.routes[3].route = w->tel.routes[1].route;
}
static void hot_borders_twice(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.hot_borders.n, 1);
	w->tel.hot_borders.e[1] = w->tel.hot_borders.e[0];
}
static void faction_success_tie_unsorted(struct smug_world *w)
{
	struct smug_topk *t = &w->tel.faction_success;

	ck_assert_int_gt(t->n, 1);
	t->e[1].score = t->e[0].score;
	str_copy(t->e[1].key, sizeof t->e[1].key, "");
}
static void touched_yday_negative(struct smug_world *w) { w->tel.n_touched_yday = -1; }
static void touched_twice(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.n_touched, 1);
	w->tel.touched[1] = w->tel.touched[0];
}
/* the same, the two entries after the first (each entry is compared with
 * every one before it, not only with the first) */
static void touched_twice_later(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.n_touched, 2);
	w->tel.touched[2] = w->tel.touched[1];
}
/* a seizure today at a border nobody crossed today */
static void seized_uncrossed(struct smug_world *w)
{
	int c = 0;

	while (c < w->n_corridors && (!w->corridors[c].border || w->border_stats[c].traffic_today > 0))
		c++;
	ck_assert_int_lt(c, w->n_corridors);
	w->border_stats[c].seizures_today = 1;
}
/* a bribe today at a border nobody crossed today */
static void bribed_uncrossed(struct smug_world *w)
{
	int c = 0;

	while (c < w->n_corridors && (!w->corridors[c].border || w->border_stats[c].traffic_today > 0))
		c++;
	ck_assert_int_lt(c, w->n_corridors);
	w->border_stats[c].bribes_today = 500;
}

/* ---- the checks no other case reaches, one a function ---- */
static void no_wards(struct smug_world *w) { w->n_wards = 0; }
static void travel_days_0(struct smug_world *w) { w->corridors[0].travel_days = 0; }
static void border_flag(struct smug_world *w) { w->corridors[0].border = !w->corridors[0].border; }
static void network_of_a_non_smuggler(struct smug_world *w)
{
	w->factions[road(w, 0)->faction].runs_network = false;
}
static void history_day(struct smug_world *w)
{
	w->tel.history[(w->tel.history_head + SMUG_HISTORY_DAYS - 1) % SMUG_HISTORY_DAYS].day += 1;
}
static void day_seq_future(struct smug_world *w) { w->ledger.day_seq_day = w->day + 5; }
static void route_one_node(struct smug_world *w) { road(w, 0)->n_nodes = 1; }
static void route_node_past(struct smug_world *w) { road(w, 0)->nodes[0] = w->n_nodes; }
static void hop_corridor_past(struct smug_world *w) { road(w, 0)->corridors[0] = w->n_corridors; }
static void commodity_past(struct smug_world *w) { road(w, 0)->commodity = SMUG_COMMODITY_COUNT; }
static void resolved_in_transit(struct smug_world *w) { road(w, 0)->resolved_corridor = 0; }
static void created_tomorrow(struct smug_world *w) { road(w, 0)->created_day = w->day + 1; }
/* the first shipment of three nodes or more, its first corridor bribed twice */
static void bribe_map_twice(struct smug_world *w)
{
	for (int i = 0; i < w->n_shipments; i++) {
		struct smug_shipment *s = road(w, i);

		if (s->n_nodes >= 3) {
			s->n_bribes = 2;
			s->bribe_map[0] = s->bribe_map[1] = (struct smug_bribe_entry){.corridor = s->corridors[0], .amount = 1};
			return;
		}
	}
	ck_abort_msg("no shipment of three nodes");
}
static void bribe_off_route(struct smug_world *w)
{
	struct smug_shipment *s = road(w, 0);
	int c = 0;

	for (bool on = true; on; c += on) {
		on = false;
		for (int k = 0; k + 1 < s->n_nodes; k++)
			on |= s->corridors[k] == c;
	}
	s->n_bribes = 1;
	s->bribe_map[0] = (struct smug_bribe_entry){.corridor = c, .amount = 1};
}
static void shipments_past_cap(struct smug_world *w) { w->n_shipments = SMUG_SHIPMENT_CAP + 1; }
static void free_slots_past_cap(struct smug_world *w) { w->n_free_slots += 1; }
static void edge_stats_past_room(struct smug_world *w) { net0(w)->n_edge_stats = SMUG_EDGE_STATS_MAX + 1; }
static struct smug_edge_stats *edge0(struct smug_world *w)
{
	ck_assert_int_gt(net0(w)->n_edge_stats, 0);
	return &net0(w)->edge_stats[0];
}
static void edge_corridor_past(struct smug_world *w) { edge0(w)->corridor = w->n_corridors; }
static void edge_from_elsewhere(struct smug_world *w) { edge0(w)->from_node = -5; }
static void edge_updated_tomorrow(struct smug_world *w) { edge0(w)->last_update_day = w->day + 1; }
static void network_ran_tomorrow(struct smug_world *w) { net0(w)->last_run_day = w->day + 1; }
static void recent_corridor_past(struct smug_world *w)
{
	ck_assert_int_gt(net0(w)->recent_count, 0);
	for (int i = 0; i < SMUG_RECENT_OUTCOMES; i++)
		net0(w)->recent[i].at_corridor = w->n_corridors;
}
static void lanes_past_cap(struct smug_world *w) { net0(w)->n_lanes = SMUG_LANE_CAP + 1; }
/* the key the planner finds a lane by, out of step with its wards */
static void lane_key_stale(struct smug_world *w)
{
	ck_assert_int_gt(net0(w)->n_lanes, 0);
	net0(w)->lane_keys[0] ^= 1;
}
static void lane_node_past(struct smug_world *w)
{
	struct smug_network *n = net0(w);

	ck_assert_int_gt(n->n_lanes, 0);
	ck_assert_int_gt(n->lanes[0].route_len, 0);
	n->lanes[0].route_nodes[0] = w->n_nodes;
}
static void customs_off_border(struct smug_world *w)
{
	for (int c = 0; c < w->n_corridors; c++)
		if (!w->corridors[c].border) {
			w->border_stats[c].traffic = 1;
			return;
		}
	ck_abort_msg("no corridor inside a ward");
}
static void by_reason_negative(struct smug_world *w) { w->ledger.by_reason[SMUG_TX_UPKEEP] = -1; }
static void burned(struct smug_world *w) { w->ledger.burned += 100; }
static void events_total_short(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.event_count, 1);
	w->tel.events_total = (uint64_t)w->tel.event_count - 1;
}
/* the newest event on the first day simulated, after later ones */
static void event_late(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.events[(w->tel.event_head + SMUG_EVENT_CAP - 2) % SMUG_EVENT_CAP].day, w->start_day + 1);
	w->tel.events[(w->tel.event_head + SMUG_EVENT_CAP - 1) % SMUG_EVENT_CAP].day = w->start_day + 1;
}
static void hot_routes_past_topk(struct smug_world *w) { w->tel.hot_routes.n = SMUG_TOPK + 1; }
static void hot_border_past(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.hot_borders.n, 0);
	w->tel.hot_borders.e[0].index = w->n_corridors;
}
static void touched_past(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.n_touched, 0);
	w->tel.touched[0] = w->n_corridors;
}
static void touched_yday_past(struct smug_world *w)
{
	ck_assert_int_gt(w->tel.n_touched_yday, 0);
	w->tel.touched_yday[0] = w->n_corridors;
}
static void crackdowns_past_cap(struct smug_world *w) { w->n_crackdowns = SMUG_CRACKDOWN_CAP + 1; }
static void crackdown_kind(struct smug_world *w)
{
	w->crackdowns[0].kind = w->crackdowns[0].kind == SMUG_CRACKDOWN_BORDER ? SMUG_CRACKDOWN_CORRIDOR
									   : SMUG_CRACKDOWN_BORDER;
}
static void crackdown_intensity_0(struct smug_world *w) { w->crackdowns[0].intensity = 0; }
/* two cooldowns on one corridor that no planner targets */
static void cooldowns_twice(struct smug_world *w)
{
	w->cooldowns[0] = w->cooldowns[1] = (struct smug_cooldown){0, w->day + 1};
	w->n_cooldowns = 2;
}
static int demanded(const struct smug_world *w)
{
	for (int k = 0; k < SMUG_COMMODITY_COUNT; k++)
		if (w->n_demand[k] > 0 && w->n_source[k] > 0)
			return k;
	ck_abort_msg("no commodity with a demand and a source ward");
	return 0;
}
static void demand_past_room(struct smug_world *w) { w->n_demand[0] = SMUG_WARD_TOPK_MAX + 1; }
static void demand_ward_past(struct smug_world *w) { w->demand_ward[demanded(w)][0] = w->n_wards; }
static void source_ward_past(struct smug_world *w) { w->source_ward[demanded(w)][0] = w->n_wards; }
static void ward_cursor_past(struct smug_world *w) { w->ward_cursor = w->n_wards; }
static void decisions_past_cap(struct smug_world *w) { w->n_decisions = SMUG_SHIPMENTS_PER_DAY_MAX + 1; }
static void decision_node_past(struct smug_world *w)
{
	for (int i = 0; i < w->n_decisions; i++)
		if (w->decisions[i].route_len > 0) {
			w->decisions[i].route[0] = w->n_nodes;
			return;
		}
	ck_abort_msg("no decision with a route");
}
static void decision_shipment_unsent(struct smug_world *w) { decision0(w)->shipment = w->next_shipment_id; }
static void explain_faction_past(struct smug_world *w)
{
	ck_assert_int_gt(w->explain_count, 0);
	for (int i = 0; i < SMUG_EXPLAIN_HISTORY; i++)
		w->explain_hist[i].faction = w->n_factions;
}
static void flow_day_tomorrow(struct smug_world *w) { w->tel.factions[0].days[0].day = w->day + 1; }
static void faction_day_tomorrow(struct smug_world *w) { w->tel.factions[0].chart[0].day = w->day + 1; }
static void topk_day_tomorrow(struct smug_world *w) { w->tel.topk_days[0].day = w->day + 1; }
static void explain_day_tomorrow(struct smug_world *w)
{
	ck_assert_int_gt(w->explain_count, 0);
	for (int i = 0; i < SMUG_EXPLAIN_HISTORY; i++)
		w->explain_hist[i].day = w->day + 1;
}
/* two borders whose counts each pass half of what a total can hold */
static void border_counts_overflow(struct smug_world *w)
{
	int n = 0;

	for (int c = 0; c < w->n_corridors && n < 2; c++)
		if (w->corridors[c].border) {
			struct smug_border_stats *b = &w->border_stats[c];

			b->traffic = b->checks = b->inspections = b->detections = b->seizures = INT64_MAX / 2 + 1;
			n++;
		}
	ck_assert_int_eq(n, 2);
}
static void balances_overflow(struct smug_world *w)
{
	w->ledger.accounts[0].balance = w->ledger.accounts[1].balance = INT64_MAX / 2 + 1;
}
static struct smug_flow *flow0(struct smug_world *w)
{
	const struct smug_shipment *s = road(w, 0);

	return &w->tel.factions[s->faction].total[s->commodity];
}
static void flow_transit(struct smug_world *w)
{
	const struct smug_shipment *s = road(w, 0);

	w->tel.factions[s->faction].transit_n[s->commodity] += 1;
}
static void flow_sent_unresolved(struct smug_world *w) { flow0(w)->n[SMUG_FLOW_SENT] += 1; }
static void flow_sent_and_delivered(struct smug_world *w)
{
	flow0(w)->n[SMUG_FLOW_SENT] += 1;
	flow0(w)->n[SMUG_FLOW_DELIVERED] += 1;
}
static void border_chart_tomorrow(struct smug_world *w)
{
	for (int i = 0; i < SMUG_CHART_BORDERS; i++)
		if (w->tel.bchart[i].corridor >= 0) {
			w->tel.bchart[i].relevant_day = w->day + 1;
			return;
		}
	ck_abort_msg("no border chart");
}
static void recent_ring(struct smug_world *w) { net0(w)->recent_head = -1; }
static void recent_tomorrow(struct smug_world *w)
{
	ck_assert_int_gt(net0(w)->recent_count, 0);
	for (int i = 0; i < SMUG_RECENT_OUTCOMES; i++)
		net0(w)->recent[i].day = w->day + 1;
}
static void ledger_journal_ring(struct smug_world *w) { w->ledger.journal_head = -1; }
/* the oldest transaction of a full journal ring left out by its count
 * (or, on a ring not yet full, the head one past the count with a copy
 * of the newest there): every transaction in the window the count and
 * head give is valid and in order, only the ring's shape is wrong */
static void ledger_journal_count_short(struct smug_world *w)
{
	struct smug_ledger *l = &w->ledger;

	if (l->journal_count == SMUG_JOURNAL_CAP) {
		ck_assert_int_ne(l->journal_head, SMUG_JOURNAL_CAP - 1);
		l->journal_count--;
	} else {
		ck_assert_int_gt(l->journal_count, 0);
		ck_assert_int_lt(l->journal_count, SMUG_JOURNAL_CAP - 1);
		l->journal[l->journal_count] = l->journal[l->journal_count - 1];
		l->journal_head = l->journal_count + 1;
	}
}
/* one more faction than a world may have, ids sorted after the rest */
static void factions_past_cap(struct smug_world *w)
{
	int n = w->n_factions;

	w->factions = xrealloc(w->factions, (SMUG_FACTIONS_MAX + 1) * sizeof *w->factions);
	for (int f = n; f <= SMUG_FACTIONS_MAX; f++) {
		w->factions[f] = w->factions[n - 1];
		snprintf(w->factions[f].id, sizeof w->factions[f].id, "zz-%02d", f);
	}
	w->n_factions = SMUG_FACTIONS_MAX + 1;
}
static void events_ring(struct smug_world *w) { w->tel.event_head = -1; }
static void explain_ring(struct smug_world *w) { w->explain_head = -1; }
static void crackdown_period_after_tomorrow(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;

	ck_assert_int_gt(t->crackdown_log_count, 0);
	t->crackdown_log[(t->crackdown_log_head + SMUG_CRACKDOWN_LOG - 1) % SMUG_CRACKDOWN_LOG].start_day = w->day + 2;
}

/* shipments on the road, and no slots to hold them (a seed of a world
 * whose shipment slots were never made) */
static void no_slots(struct smug_world *w)
{
	ck_assert_int_gt(w->n_shipments, 0);
	free(w->shipment_slots);
	w->shipment_slots = NULL;
}

struct violation {
	const char *what;
	void (*mutate)(struct smug_world *w);
	const char *msg;
};

static const struct violation violations[] = {
	{"duplicate shipment id", dup_shipment, "state.shipments[1].id: "},
	{"in_transit", in_transit, ".network.in_transit: "},
	{"delivered", delivered, ".network.shipments: "},
	{"total delivered", total_delivered, "state.telemetry.total.delivered: "},
	{"total shipments created", total_created, "state.telemetry.total.shipments_created: "},
	{"total seized", total_seized, "state.telemetry.total.seized: "},
	{"total lost", total_lost, "state.telemetry.total.lost: "},
	{"total delayed", total_delayed, "state.telemetry.total.delayed: "},
	{"total tariffs", total_tariffs, "state.telemetry.total.tariffs: "},
	{"total customs checks", total_checks, "state.telemetry.total.customs_checks: "},
	{"a border's seizures", border_seized, "state.telemetry.total.seized: "},
	{"a border's bribes", border_bribes, "state.telemetry.total.bribes_spent: "},
	{"a border's tariffs", border_tariffs, "state.telemetry.total.tariffs: "},
	{"day moved forward", day_forward, "state.day: 1040 days simulated since day 0, but the daily history holds 40"},
	{"day before the start", day_back, "state.day: -1 is before the scenario's start day 0"},
	{"money from nowhere", balance, "state.ledger: balances add up to"},
	{"minted without a reason", minted, "state.ledger.minted: "},
	{"negative balance", negative, "state.ledger.balances[1]: -5 is negative"},
	{"route broken", wrong_corridor, "state.shipments[0].hops[0].corridor: "},
	{"faction out of range", foreign_faction, "state.shipments[0].faction: 99 is not a smuggling faction"},
	{"node's ward out of range", node_ward, "state.nodes[3].ward: "},
	{"duplicate ward id", unsorted_wards, "state.wards[1].id: ids must be unique and sorted"},
	{"history ring", history_head, "state.telemetry.history: ring head"},
	{"next shipment id", next_id, "state.next_shipment_id: "},
	{"seizures above detections", seizures, ".stats: traffic >= checks >= inspections >= detections >= seizures"},
	{"crackdowns unsorted", crackdown_order, "state.crackdowns[1]: targets must be unique and sorted"},
	{"crackdown starting after tomorrow", crackdown_future, "state.crackdowns[0]: start day "},
	{"crackdown ending before it starts", crackdown_ends_first, "state.crackdowns[0]: start day "},
	{"crackdown past its end day", crackdown_over, "state.crackdowns[0].end_day: day "},
	{"crackdown's corridor past the corridors", crackdown_past, "].corridor: not a corridor index"},
	{"cooldown's corridor past the corridors", cooldown_past, "].corridor: not a corridor index"},
	{"bribe budget", bribe_total, "state.shipments[0].bribe_budget_total: "},
	{"days left", days_left, "state.shipments[0].days_left: 0"},
	{"hop past the route", hop_past, "state.shipments[0].hop: "},
	{"bribe map longer than the route", bribes_past, "state.shipments[0].bribe_map: "},
	{"event in the future", event_future, "state.telemetry.events["},
	{"decisions day", decisions_day, "state.decisions_day: 39, expected 40"},
	{"decision's faction", decision_faction, "state.decisions[0]: day, faction, candidates or route out of range"},
	{"decision's candidates", decision_cands, "state.decisions[0]: day, faction, candidates or route out of range"},
	{"decision's winner", decision_winner, "state.decisions[0]: day, faction, candidates or route out of range"},
	{"decision's runner-up", decision_runner, "state.decisions[0]: day, faction, candidates or route out of range"},
	{"decision's route length", decision_route, "state.decisions[0]: day, faction, candidates or route out of range"},
	{"edge stats unsorted", edge_stats_order, ".network.edge_stats[1]: entries must be unique and sorted"},
	{"calibration failures below 0", cal_fail_negative, ".network.edge_stats[1]: calibration sums out of range"},
	{"calibration failures above the crossings", cal_fail_above, ".network.edge_stats[1]: calibration sums out of range"},
	{"calibration risk not a number", cal_risk_nan, ".network.edge_stats[1]: calibration sums out of range"},
	{"calibration risk above the crossings", cal_risk_above, ".network.edge_stats[1]: calibration sums out of range"},
	{"statistic's search key", edge_key_stale, ".network.edge_stats[1]: its search key "},
	{"last day's record", last_record, "state.telemetry.history: the last day's record disagrees"},
	{"bribes by reason", bribes_by_reason, "state.telemetry.total.bribes_spent: "},
	{"tariffs by reason", tariffs_by_reason, "state.telemetry.total.tariffs: "},
	{"no ward", no_wards, "snapshot.json: state.wards: at least one ward and one node"},
	{"a corridor of 0 travel days", travel_days_0, "state.corridors[0].travel_days: at least 1, got 0"},
	{"border flag flipped", border_flag, "state.corridors[0]: border flag disagrees with its wards"},
	{"a smuggler not running its network", network_of_a_non_smuggler, "]: only criminal and raider factions run networks"},
	{"the last day's record of another day", history_day, "state.telemetry.history[39].day: 41, expected 40 (the day is 40)"},
	{"ledger day sequence after today", day_seq_future, "state.ledger.day_seq_day: 45 is outside the days simulated so far"},
	{"a route of one node", route_one_node, "state.shipments[0].nodes: 1 nodes, expected 2 to 48"},
	{"a route node past the nodes", route_node_past, "state.shipments[0].nodes[0]: "},
	{"a hop past the corridors", hop_corridor_past, " is not a corridor index"},
	{"commodity past the commodities", commodity_past, "state.shipments[0].commodity: out of range"},
	{"a resolved shipment on the road", resolved_in_transit, "state.shipments[0].status: a shipment kept in state is in transit"},
	{"a shipment created tomorrow", created_tomorrow, "state.shipments[0].created_day: 41 is outside the days simulated so far"},
	{"a border bribed twice", bribe_map_twice, "].bribe_map[1]: entries must be unique and sorted by corridor"},
	{"a bribe off the route", bribe_off_route, "state.shipments[0].bribe_map[0].corridor: not on the shipment's route"},
	{"more shipments than slots", shipments_past_cap, "state.shipments: 2049, at most 2048"},
	{"one free slot too many", free_slots_past_cap, " slots free, with "},
	{"edge statistics past their room", edge_stats_past_room, ".network.edge_stats: 257 entries, at most 256"},
	{"an edge statistic's corridor past the corridors", edge_corridor_past, ".network.edge_stats[0].corridor: "},
	{"an edge statistic from neither end", edge_from_elsewhere, ".network.edge_stats[0].from_node: not an end of its corridor"},
	{"an edge statistic updated tomorrow", edge_updated_tomorrow, ".network.edge_stats[0].last_update_day: 41 is outside"},
	{"a network run tomorrow", network_ran_tomorrow, ".network.last_run_day: 41 is outside"},
	{"a recent outcome's corridor past the corridors", recent_corridor_past, ".network.recent[0].at_corridor: out of range"},
	{"lanes past their cap", lanes_past_cap, ".network.lanes: at most "},
	{"a lane's node past the nodes", lane_node_past, ".network.lanes[0].route[0]: not a node index"},
	{"a lane's search key", lane_key_stale, ".network.lanes[0]: its search key is not that of its wards"},
	{"customs counts inside a ward", customs_off_border, ", which is not a border"},
	{"a reason's total below 0", by_reason_negative, "state.ledger.by_reason["},
	{"burned without a reason", burned, "state.ledger.burned: "},
	{"fewer events logged than kept", events_total_short, "state.telemetry.events_total: fewer than the events kept"},
	{"the newest event before the one before it", event_late, "].day: out of order"},
	{"hot routes past the list's size", hot_routes_past_topk, "state.telemetry.hot_routes: at most "},
	{"a hot border past the corridors", hot_border_past, "state.telemetry.hot_borders[0].index: out of range"},
	{"a border touched today past the corridors", touched_past, "state.telemetry.touched[0]: not a corridor index"},
	{"a border touched yesterday past the corridors", touched_yday_past, "state.telemetry.touched_yday[0]: not a corridor index"},
	{"crackdowns past their cap", crackdowns_past_cap, "state.crackdowns: at most "},
	{"a crackdown of the wrong kind", crackdown_kind, "state.crackdowns[0].kind: disagrees with whether "},
	{"a crackdown of intensity 0", crackdown_intensity_0, "state.crackdowns[0].intensity: expected (0,1]"},
	{"a corridor cooling down twice", cooldowns_twice, "state.cooldowns[1]: must be unique and sorted by corridor"},
	{"demand wards past their room", demand_past_room, "state.ward_topk[0]: more wards than 16"},
	{"a demand ward past the wards", demand_ward_past, "].demand[0]: not a ward index"},
	{"a source ward past the wards", source_ward_past, "].source[0]: not a ward index"},
	{"ward cursor past the wards", ward_cursor_past, "state.ward_cursor: not a ward index"},
	{"decisions past the day's cap", decisions_past_cap, "state.decisions: at most "},
	{"a decision's node past the nodes", decision_node_past, "].route[0]: not a node index"},
	{"a decision's shipment not yet sent", decision_shipment_unsent, "state.decisions[0].shipment: no such shipment was sent"},
	{"an explained decision's faction past the factions", explain_faction_past, "state.explain_history[0].faction: not a faction index"},
	{"a faction's flow of tomorrow", flow_day_tomorrow, "state.telemetry.windows.flow_day: faction 0 holds day 41, after day 40"},
	{"a faction's chart day of tomorrow", faction_day_tomorrow, "state.telemetry.windows.faction_day: faction 0 holds day 41, after day 40"},
	{"a TopK day of tomorrow", topk_day_tomorrow, "state.telemetry.topk_window: holds day 41, after day 40"},
	{"an explained decision of tomorrow", explain_day_tomorrow, "state.explain_history[0].day: 41 is outside the days simulated so far (1 to 40)"},
	{"border counts past what their total holds", border_counts_overflow, "state: counters overflow when added up"},
	{"balances past what their total holds", balances_overflow, "state.ledger.balances: the total overflows"},
	{"a faction's flow in transit", flow_transit, "state.telemetry.windows.flow_transit: faction "},
	{"a faction's flow sent, never resolved", flow_sent_unresolved, ": sent less resolved is not what is in transit"},
	{"a faction's flow sent and delivered", flow_sent_and_delivered, ": the flows do not add up to its network's shipments"},
	{"a border chart relevant tomorrow", border_chart_tomorrow, "state.telemetry.windows.border_chart: corridor "},
	{"a crackdown period starting after tomorrow", crackdown_period_after_tomorrow, "state.telemetry.windows.crackdown_period["},
	{"a network's recent outcomes' ring head before the ring", recent_ring, ".network.recent: ring head -1 and count "},
	{"a network's recent outcomes of tomorrow", recent_tomorrow, ".network.recent[0].day: 41 is outside the days simulated so far (1 to 40)"},
	{"the ledger journal's ring head before the ring", ledger_journal_ring, "state.ledger.journal: ring head -1 and count "},
	{"the ledger journal's count one short of its window", ledger_journal_count_short, "state.ledger.journal: ring head "},
	{"more factions than a world may have", factions_past_cap, "state.factions: at most 64, got 65"},
	{"the event ring's head before the ring", events_ring, "state.telemetry.events: ring head -1 and count "},
	{"the explained decisions' ring head before the ring", explain_ring, "state.explain_history: ring head -1 and count "},
	{"transaction to the account past the ledger", journal_to_past, "]: accounts, amount or reason out of range"},
	{"journal out of order", journal_order, "state.ledger.journal["},
	{"oldest transaction of amount 0", journal_oldest_empty,
	 "state.ledger.journal[0]: accounts, amount or reason out of range"},
	{"first corridor's ends swapped", corridor_ends, "state.corridors[0]: endpoints"},
	{"route from another ward", src_ward, "state.shipments[0].src_ward: not the ward its route starts in"},
	{"route to another ward", dst_ward, "state.shipments[0].dst_ward: not the ward its route ends in"},
	{"shipment id 0", shipment_id_zero, "state.shipments[0].id: 0, expected 1 to"},
	{"two shipments in one slot", slot_twice, "is in two places"},
	{"a slot lost", slot_lost, "slots accounted for"},
	{"ward's gate in another ward", ward_gate, "state.wards[2]: has no node"},
	{"event kind out of range", event_kind, "kind, faction, corridor or commodity out of range"},
	{"event faction out of range", event_faction, "kind, faction, corridor or commodity out of range"},
	{"event corridor out of range", event_corridor, "kind, faction, corridor or commodity out of range"},
	{"event commodity out of range", event_commodity, "kind, faction, corridor or commodity out of range"},
	{"event text without its corridor", event_delay_nowhere, "its text names the corridor it is held up on"},
	{"a day above the total", today_above_total, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a day's shipments created above the total", today_above_total_shipments_created, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a day's seized above the total", today_above_total_seized, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a day's lost above the total", today_above_total_lost, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a day's delayed above the total", today_above_total_delayed, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a day's bribes spent above the total", today_above_total_bribes_spent, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a day's tariffs above the total", today_above_total_tariffs, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a day's customs checks above the total", today_above_total_customs_checks, "state.telemetry.today: a count of the last day exceeds the total"},
	{"a border touched today that nobody crossed", touched_uncrossed, "was not crossed today"},
	{"a negative count of borders touched yesterday", touched_yday_negative, "state.telemetry.touched: at most"},
	{"a border touched twice today", touched_twice, "state.telemetry.touched[1]: n:"},
	{"a source term past the third", source_term_past_three, "state.ward_topk[1].source[0].term[4]: 0.25, a source has 3 terms"},
	{"hot routes out of order", hot_routes_swapped, "state.telemetry.hot_routes[1]: route slot "},
	{"a hot route's count not its tally's", hot_route_count_off,
	 "state.telemetry.hot_routes[0].score: "},
	{"a hot route listed twice", hot_route_twice, "state.telemetry.hot_routes[1]: route slot "},
	{"a hot route past the tally", hot_route_past_tally, "state.telemetry.hot_routes[0].index: out of range"},
	{"a route tallied twice", route_tallied_twice, "state.telemetry.route_tally[3]: the route of slot 1 again"},
	{"a hot border listed twice", hot_borders_twice, "state.telemetry.hot_borders[1]: 'n:"},
	{"equal success with keys descending", faction_success_tie_unsorted, "state.telemetry.faction_success[1]: '' after '"},
	{"a border touched twice today, after the first", touched_twice_later, "state.telemetry.touched[2]: n:"},
	{"a seizure today where nobody crossed today", seized_uncrossed, "1 seizures and bribes of 0 today at "},
	{"a bribe today where nobody crossed today", bribed_uncrossed, "0 seizures and bribes of 500 today at "},
	{"home ward past the wards", home_ward, "state.factions[1].home_ward: "},
	{"faction's account past the ledger", faction_account, "state.factions[1]: account "},
	{"ward's account past the ledger", ward_account, "state.wards[2]: account "},
	{"corridor's end past the nodes", corridor_end, "state.corridors[1]: endpoints"},
	{"ward's gate past the nodes", gate_past, "state.wards[2]: has no node"},
	{"black market account past the ledger", blackmarket, "state.ledger: black market or treasury account missing"},
	{"treasury account past the ledger", treasury, "state.ledger: black market or treasury account missing"},
	{"lane from a ward past the wards", lane_src_past, ".network.lanes[0]: ward or route out of range"},
	{"lane to a ward past the wards", lane_dst_past, ".network.lanes[0]: ward or route out of range"},
	{"shipments on the road with no slots", no_slots, ", but no slots"},
};

START_TEST(test_check_catches_each_violation)
{
	const struct violation *v = &violations[_i];
	struct smug_world *w = smug_world_clone(base);
	struct smug_error err = {0};

	v->mutate(w);
	ck_assert_msg(smug_world_check(w, "snapshot.json", &err) == SMUG_ERR_SCHEMA, "%s: not caught", v->what);
	ck_assert_msg(strncmp(err.msg, "snapshot.json: ", 15) == 0, "%s: '%s' does not name the file", v->what,
		      err.msg);
	ck_assert_msg(strstr(err.msg, v->msg) != NULL, "%s: '%s' lacks '%s'", v->what, err.msg, v->msg);
	smug_world_free(w);
}
END_TEST

/* A host that checks a world of its own, read from no file, gets the
 * message alone, with no file name before it. */
START_TEST(test_check_without_a_file_names_none)
{
	struct smug_world *w = smug_world_clone(base);
	struct smug_error err = {0};

	w->corridors[0].travel_days = 0;
	ck_assert_int_eq(smug_world_check(w, NULL, &err), SMUG_ERR_SCHEMA);
	ck_assert_str_eq(err.msg, "state.corridors[0].travel_days: at least 1, got 0");
	smug_world_free(w);
}
END_TEST

/* The least bribe a shipment's bribe map can hold is one minor unit: a
 * map offering 1 at a border (its budget total following) passes the
 * check, and one offering 0 there is refused. */
START_TEST(test_check_bribe_map_holds_one_minor_unit)
{
	struct smug_world *w = smug_world_clone(base);
	struct smug_shipment *s = NULL;
	struct smug_error err = {0};

	for (int i = 0; i < w->n_shipments && s == NULL; i++)
		if (road(w, i)->n_bribes > 0 && road(w, i)->bribe_map[0].amount > 1)
			s = road(w, i);
	ck_assert_ptr_nonnull(s);
	s->bribe_budget_total -= s->bribe_map[0].amount - 1;
	s->bribe_map[0].amount = 1;
	ck_assert_msg(smug_world_check(w, "snapshot.json", &err) == SMUG_OK, "a bribe of 1 minor unit: %s", err.msg);
	s->bribe_budget_total -= 1;
	s->bribe_map[0].amount = 0;
	ck_assert_int_eq(smug_world_check(w, "snapshot.json", &err), SMUG_ERR_SCHEMA);
	ck_assert_msg(strstr(err.msg, "].amount: expected a positive amount") != NULL, "a bribe of 0: '%s'", err.msg);
	smug_world_free(w);
}
END_TEST

/* The day the last decisions were made is the last day simulated, and
 * -1 before any: the refusal names the day it expected, on the first
 * day and before it too (the violation table's world is 40 days on). */
START_TEST(test_check_names_the_expected_decisions_day)
{
	static const struct {
		int days, set;
		const char *msg;
	} cases[] = {
		{1, 0, "snapshot.json: state.decisions_day: 0, expected 1"},
		{2, 1, "snapshot.json: state.decisions_day: 1, expected 2"},
		{0, 0, "snapshot.json: state.decisions_day: 0, expected -1"},
	};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct smug_world *w = test_default_at(cases[k].days);
		struct smug_error err = {0};

		holds(w, "as simulated");
		w->decisions_day = cases[k].set;
		ck_assert_int_eq(smug_world_check(w, "snapshot.json", &err), SMUG_ERR_SCHEMA);
		ck_assert_str_eq(err.msg, cases[k].msg);
		smug_world_free(w);
	}
}
END_TEST

/* A border cooling down after the planner's target on it expired may
 * carry a manual crackdown, set by the designer, but not a planner's
 * target: the planner targets only borders off cooldown, so a seed with
 * one is refused and names the border (here the only target). */
START_TEST(test_check_cooldown_takes_a_manual_target_not_the_planners)
{
	struct smug_world *w = test_default_at(30);
	struct smug_error err = {0};
	char want[160];
	int c;

	smug_cmd_auto_crackdown(w, true);
	for (int d = 0; d < 200 && w->n_cooldowns == 0; d++)
		smug_cmd_step(w, 1);
	ck_assert_int_gt(w->n_cooldowns, 0);
	c = w->cooldowns[0].corridor;
	while (w->n_crackdowns > 0)
		ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[w->crackdowns[0].corridor].id, &err), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 0.5, -1, &err), SMUG_OK);
	holds(w, "a manual crackdown on a border cooling down");
	ck_assert_int_eq(w->n_crackdowns, 1);
	w->crackdowns[0].manual = false;
	ck_assert_int_eq(smug_world_check(w, "snapshot.json", &err), SMUG_ERR_SCHEMA);
	snprintf(want, sizeof want, "snapshot.json: state.cooldowns[0]: %s is cooling down, yet the planner targets it",
		 w->corridors[c].id);
	ck_assert_str_eq(err.msg, want);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("check");
	TCase *t;

	t = tcase_create("reachable states pass");
	tcase_add_test(t, test_check_holds_every_day_default_world);
	tcase_add_test(t, test_check_holds_every_day_tiny_and_generated);
	tcase_set_timeout(t, 300);
	suite_add_tcase(s, t);
	t = tcase_create("violations are caught");
	tcase_add_unchecked_fixture(t, make_base, free_base);
	tcase_add_loop_test(t, test_check_catches_each_violation, 0, (int)(sizeof violations / sizeof violations[0]));
	tcase_add_test(t, test_check_without_a_file_names_none);
	tcase_add_test(t, test_check_bribe_map_holds_one_minor_unit);
	tcase_add_test(t, test_check_names_the_expected_decisions_day);
	tcase_add_test(t, test_check_cooldown_takes_a_manual_target_not_the_planners);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
