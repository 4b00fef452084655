/* The world's invariants, checked on a whole world: what the simulation
 * keeps true between days, so that a loaded seed (whose hashes anyone
 * can recompute) is refused when its meaning is wrong, and tests and
 * replays can assert a state is one the simulation could reach. Paths in
 * messages are those of snapshot.json ("state.factions[2].network.in_transit").
 * Nothing here trusts a count or an index before checking its range. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core.h"

struct ck {
	const struct smug_world *w;
	const char *file;
	struct smug_error *err;
	bool failed;
	/* Day numbering, in one place: the days simulated so far are
	 * first_day .. last_day (days count from 1: start_day + 1 .. w->day;
	 * none when last_day < first_day); the world's creation (opening
	 * balances) is stamped start_day; a command given between days (a
	 * crackdown set or cleared) is logged on last_day and takes effect
	 * from next_day. */
	int first_day, last_day, next_day;
};

static bool bad(struct ck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool bad(struct ck *c, const char *fmt, ...)
{
	char msg[SMUG_ERROR_MAX];
	va_list ap;

	if (c->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->file)
		smug_error_set(c->err, SMUG_ERR_SCHEMA, "%s: %s", c->file, msg);
	else
		smug_error_set(c->err, SMUG_ERR_SCHEMA, "%s", msg);
	c->failed = true;
	return false;
}

static bool in(int v, int lo, int hi)
{
	return v >= lo && v <= hi;
}

/* A ring of cap slots filled from slot 0: while not full, head == count. */
static bool ring(struct ck *c, const char *path, int head, int count, int cap)
{
	if (!in(count, 0, cap) || !in(head, 0, cap - 1) || (count < cap && head != count))
		return bad(c, "%s: ring head %d and count %d are inconsistent (capacity %d)", path, head, count,
			   cap);
	return true;
}

/* Element i (oldest first) of a ring. */
static int ring_at(int head, int count, int cap, int i)
{
	return (head - count + i + 2 * cap) % cap;
}

/* a + b without overflow; false if it would. */
static bool add64(int64_t *a, int64_t b)
{
	return !__builtin_add_overflow(*a, b, a);
}

#define SORTED_IDS(c, arr, n, what)                                                                  \
	do {                                                                                         \
		for (int i_ = 1; i_ < (n); i_++)                                                     \
			if (strcmp((arr)[i_ - 1].id, (arr)[i_].id) >= 0)                             \
				return bad(c, "state.%s[%d].id: ids must be unique and sorted ('%s' after '%s')", \
					   what, i_, (arr)[i_].id, (arr)[i_ - 1].id);                \
	} while (0)

static bool check_static(struct ck *c)
{
	const struct smug_world *w = c->w;

	if (w->n_wards < 1 || w->n_nodes < 1)
		return bad(c, "state.wards: at least one ward and one node");
	SORTED_IDS(c, w->wards, w->n_wards, "wards");
	SORTED_IDS(c, w->nodes, w->n_nodes, "nodes");
	SORTED_IDS(c, w->corridors, w->n_corridors, "corridors");
	SORTED_IDS(c, w->factions, w->n_factions, "factions");
	if (w->n_factions > SMUG_FACTIONS_MAX)
		return bad(c, "state.factions: at most %d, got %d", SMUG_FACTIONS_MAX, w->n_factions);
	for (int i = 0; i < w->n_nodes; i++)
		if (!in(w->nodes[i].ward, 0, w->n_wards - 1))
			return bad(c, "state.nodes[%d].ward: %d is not a ward index", i, w->nodes[i].ward);
	for (int i = 0; i < w->n_corridors; i++) {
		const struct smug_corridor *k = &w->corridors[i];

		if (!in(k->a, 0, w->n_nodes - 1) || !in(k->b, 0, w->n_nodes - 1) || k->a >= k->b)
			return bad(c, "state.corridors[%d]: endpoints %d and %d are not two nodes in id order", i,
				   k->a, k->b);
		if (k->travel_days < 1)
			return bad(c, "state.corridors[%d].travel_days: at least 1, got %d", i, k->travel_days);
		if (k->border != (w->nodes[k->a].ward != w->nodes[k->b].ward))
			return bad(c, "state.corridors[%d]: border flag disagrees with its wards", i);
	}
	for (int i = 0; i < w->n_factions; i++) {
		const struct smug_faction *f = &w->factions[i];

		if (!in(f->home_ward, 0, w->n_wards - 1))
			return bad(c, "state.factions[%d].home_ward: %d is not a ward index", i, f->home_ward);
		if (!in(f->account, 0, w->ledger.n_accounts - 1))
			return bad(c, "state.factions[%d]: account %d out of range", i, f->account);
		if (f->runs_network != (f->kind == SMUG_FACTION_CRIMINAL || f->kind == SMUG_FACTION_RAIDER))
			return bad(c, "state.factions[%d]: only criminal and raider factions run networks", i);
	}
	for (int i = 0; i < w->n_wards; i++) {
		const struct smug_ward *wa = &w->wards[i];

		if (!in(wa->gate_node, 0, w->n_nodes - 1) || w->nodes[wa->gate_node].ward != i)
			return bad(c, "state.wards[%d]: has no node", i);
		if (!in(wa->account, 0, w->ledger.n_accounts - 1))
			return bad(c, "state.wards[%d]: account %d out of range", i, wa->account);
	}
	if (!in(w->ledger.blackmarket, 0, w->ledger.n_accounts - 1) ||
	    !in(w->ledger.treasury, 0, w->ledger.n_accounts - 1))
		return bad(c, "state.ledger: black market or treasury account missing");
	return true;
}

/* Days recorded by the simulation lie in the days simulated so far. */
static bool past_day(struct ck *c, const char *path, int i, int day)
{
	if (!in(day, c->first_day, c->last_day))
		return bad(c, "%s[%d].day: %d is outside the days simulated so far (%d to %d)", path, i, day,
			   c->first_day, c->last_day);
	return true;
}

static bool check_day(struct ck *c)
{
	const struct smug_world *w = c->w;
	const struct smug_telemetry *t = &w->tel;
	int simulated;

	if (w->day < w->start_day)
		return bad(c, "state.day: %d is before the scenario's start day %d", w->day, w->start_day);
	simulated = c->last_day - c->first_day + 1;
	if (!ring(c, "state.telemetry.history", t->history_head, t->history_count, SMUG_HISTORY_DAYS))
		return false;
	if (t->history_count != (simulated < SMUG_HISTORY_DAYS ? simulated : SMUG_HISTORY_DAYS))
		return bad(c, "state.day: %d days simulated since day %d, but the daily history holds %d", simulated,
			   w->start_day, t->history_count);
	for (int i = 0; i < t->history_count; i++) {
		const struct smug_day_record *r =
			&t->history[ring_at(t->history_head, t->history_count, SMUG_HISTORY_DAYS, i)];
		int want = c->last_day - t->history_count + 1 + i;

		if (r->day != want)
			return bad(c, "state.telemetry.history[%d].day: %d, expected %d (the day is %d)", i, r->day,
				   want, w->day);
	}
	if (w->decisions_day != (simulated > 0 ? c->last_day : -1))
		return bad(c, "state.decisions_day: %d, expected %d", w->decisions_day, simulated > 0 ? c->last_day : -1);
	/* the world's creation posts the opening balances on the start day */
	if (w->ledger.day_seq_day != -1 &&
	    !in(w->ledger.day_seq_day, w->start_day, simulated > 0 ? c->last_day : w->start_day))
		return bad(c, "state.ledger.day_seq_day: %d is outside the days simulated so far",
			   w->ledger.day_seq_day);
	return true;
}

static bool check_route(struct ck *c, int i, const struct smug_shipment *s)
{
	const struct smug_world *w = c->w;

	if (!in(s->n_nodes, 2, SMUG_ROUTE_MAX_NODES))
		return bad(c, "state.shipments[%d].nodes: %d nodes, expected 2 to %d", i, s->n_nodes,
			   SMUG_ROUTE_MAX_NODES);
	for (int j = 0; j < s->n_nodes; j++)
		if (!in(s->nodes[j], 0, w->n_nodes - 1))
			return bad(c, "state.shipments[%d].nodes[%d]: %d is not a node index", i, j, s->nodes[j]);
	for (int j = 0; j + 1 < s->n_nodes; j++) {
		int k = s->corridors[j];

		if (!in(k, 0, w->n_corridors - 1))
			return bad(c, "state.shipments[%d].hops[%d].corridor: %d is not a corridor index", i, j, k);
		if (!((w->corridors[k].a == s->nodes[j] && w->corridors[k].b == s->nodes[j + 1]) ||
		      (w->corridors[k].b == s->nodes[j] && w->corridors[k].a == s->nodes[j + 1])))
			return bad(c, "state.shipments[%d].hops[%d].corridor: does not join nodes[%d] and nodes[%d]", i, j,
				   j, j + 1);
	}
	if (!in(s->src_ward, 0, w->n_wards - 1) || w->nodes[s->nodes[0]].ward != s->src_ward)
		return bad(c, "state.shipments[%d].src_ward: not the ward its route starts in", i);
	if (!in(s->dst_ward, 0, w->n_wards - 1) || w->nodes[s->nodes[s->n_nodes - 1]].ward != s->dst_ward)
		return bad(c, "state.shipments[%d].dst_ward: not the ward its route ends in", i);
	if (!in(s->hop, 0, s->n_nodes - 2))
		return bad(c, "state.shipments[%d].hop: %d is outside its route of %d corridors", i, s->hop,
			   s->n_nodes - 1);
	if (!in(s->days_left, 1, w->corridors[s->corridors[s->hop]].travel_days))
		return bad(c, "state.shipments[%d].days_left: %d, expected 1 to %d (the corridor's travel days)", i,
			   s->days_left, w->corridors[s->corridors[s->hop]].travel_days);
	return true;
}

static bool check_bribes(struct ck *c, int i, const struct smug_shipment *s)
{
	int64_t sum = 0;

	if (!in(s->n_bribes, 0, s->n_nodes - 1))
		return bad(c, "state.shipments[%d].bribe_map: %d entries for %d corridors", i, s->n_bribes,
			   s->n_nodes - 1);
	for (int j = 0; j < s->n_bribes; j++) {
		const struct smug_bribe_entry *b = &s->bribe_map[j];
		bool on_route = false;

		if (j > 0 && b->corridor <= s->bribe_map[j - 1].corridor)
			return bad(c, "state.shipments[%d].bribe_map[%d]: entries must be unique and sorted by corridor",
				   i, j);
		for (int k = 0; k + 1 < s->n_nodes; k++)
			on_route |= s->corridors[k] == b->corridor;
		if (!on_route)
			return bad(c, "state.shipments[%d].bribe_map[%d].corridor: not on the shipment's route", i, j);
		if (b->amount <= 0 || !add64(&sum, b->amount))
			return bad(c, "state.shipments[%d].bribe_map[%d].amount: expected a positive amount", i, j);
	}
	if (sum != s->bribe_budget_total)
		return bad(c, "state.shipments[%d].bribe_budget_total: %lld, but its bribe map adds up to %lld", i,
			   (long long)s->bribe_budget_total, (long long)sum);
	return true;
}

/* Each shipment slot is in exactly one place: on the road, in the day's
 * launch or resolved queue, or on the free stack. */
static bool check_slots(struct ck *c)
{
	const struct smug_world *w = c->w;
	unsigned char seen[SMUG_SHIPMENT_CAP] = {0};
	const struct {
		const char *name;
		const int *slot;
		int n;
	} lists[] = {{"in_transit", w->in_transit, w->n_shipments},
		     {"launch", w->launch, w->n_launch},
		     {"resolved", w->resolved, w->n_resolved},
		     {"free", w->free_slots, w->n_free_slots}};
	int total = 0;

	if (w->shipment_slots == NULL)
		return w->n_shipments == 0 ? true : bad(c, "state.shipments: %d, but no slots", w->n_shipments);
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
		if (!in(lists[l].n, 0, SMUG_SHIPMENT_CAP - total))
			return bad(c, "state.shipments: %d slots %s, with %d elsewhere, at most %d in all",
				   lists[l].n, lists[l].name, total, SMUG_SHIPMENT_CAP);
		total += lists[l].n;
		for (int i = 0; i < lists[l].n; i++) {
			int k = lists[l].slot[i];

			if (!in(k, 0, SMUG_SHIPMENT_CAP - 1) || seen[k]++)
				return bad(c, "state.shipments: slot %d (%s[%d]) %s", k, lists[l].name, i,
					   in(k, 0, SMUG_SHIPMENT_CAP - 1) ? "is in two places" : "does not exist");
		}
	}
	if (total != SMUG_SHIPMENT_CAP)
		return bad(c, "state.shipments: %d of %d slots accounted for", total, SMUG_SHIPMENT_CAP);
	return true;
}

static bool check_shipments(struct ck *c, int *per_faction)
{
	const struct smug_world *w = c->w;

	if (!in(w->n_shipments, 0, SMUG_SHIPMENT_CAP))
		return bad(c, "state.shipments: %d, at most %d", w->n_shipments, SMUG_SHIPMENT_CAP);
	if (!check_slots(c))
		return false;
	for (int i = 0; i < w->n_shipments; i++) {
		const struct smug_shipment *s = smug_shipment_in_transit(w, i);

		if (s->id < 1 || s->id >= w->next_shipment_id)
			return bad(c, "state.shipments[%d].id: %llu, expected 1 to %llu (next_shipment_id - 1)", i,
				   (unsigned long long)s->id, (unsigned long long)(w->next_shipment_id - 1));
		if (i > 0 && s->id <= smug_shipment_in_transit(w, i - 1)->id)
			return bad(c, "state.shipments[%d].id: %llu %s shipments[%d]", i, (unsigned long long)s->id,
				   s->id == smug_shipment_in_transit(w, i - 1)->id ? "duplicates" : "is not after",
				   i - 1);
		if (!in(s->faction, 0, w->n_factions - 1) || !w->factions[s->faction].runs_network)
			return bad(c, "state.shipments[%d].faction: %d is not a smuggling faction", i, s->faction);
		if (!in((int)s->commodity, 0, SMUG_COMMODITY_COUNT - 1))
			return bad(c, "state.shipments[%d].commodity: out of range", i);
		if (s->status != SMUG_OUTCOME_IN_TRANSIT || s->resolved_corridor != -1)
			return bad(c, "state.shipments[%d].status: a shipment kept in state is in transit", i);
		if (!in(s->created_day, c->first_day, c->last_day))
			return bad(c, "state.shipments[%d].created_day: %d is outside the days simulated so far", i,
				   s->created_day);
		if (!check_route(c, i, s) || !check_bribes(c, i, s))
			return false;
		per_faction[s->faction]++;
	}
	return true;
}

static bool check_stats(struct ck *c, int f, const char *what, const struct smug_edge_stats *e, int n)
{
	const struct smug_world *w = c->w;

	/* border_topk set lower keeps the entries until the faction touches
	 * new edges (network_touch evicts down to it): the list's own room
	 * bounds them */
	if (!in(n, 0, SMUG_EDGE_STATS_MAX))
		return bad(c, "state.factions[%d].network.%s: %d entries, at most %d", f, what, n,
			   SMUG_EDGE_STATS_MAX);
	for (int i = 0; i < n; i++) {
		const struct smug_corridor *k;

		if (!in(e[i].corridor, 0, w->n_corridors - 1))
			return bad(c, "state.factions[%d].network.%s[%d].corridor: %d is not a corridor index", f, what, i,
				   e[i].corridor);
		k = &w->corridors[e[i].corridor];
		if (e[i].from_node != k->a && e[i].from_node != k->b)
			return bad(c, "state.factions[%d].network.%s[%d].from_node: not an end of its corridor", f, what,
				   i);
		/* one entry per corridor and direction, by corridor, a's end first */
		if (i > 0 && (e[i].corridor < e[i - 1].corridor ||
			      (e[i].corridor == e[i - 1].corridor && (e[i - 1].from_node != k->a || e[i].from_node != k->b))))
			return bad(c, "state.factions[%d].network.%s[%d]: entries must be unique and sorted by corridor and direction",
				   f, what, i);
		if (e[i].cal_fail < 0 || e[i].cal_fail > e[i].cal_n || !(e[i].cal_risk >= 0) ||
		    e[i].cal_risk > (double)e[i].cal_n)
			return bad(c, "state.factions[%d].network.%s[%d]: calibration sums out of range (%lld of %lld failed, risk %g)",
				   f, what, i, (long long)e[i].cal_fail, (long long)e[i].cal_n, e[i].cal_risk);
	}
	return true;
}

static bool check_network(struct ck *c, int f, int in_flight)
{
	const struct smug_world *w = c->w;
	const struct smug_network *n = &w->factions[f].net;
	int64_t resolved = 0;
	char path[48];

	if (n->in_transit != in_flight)
		return bad(c, "state.factions[%d].network.in_transit: %d, but %d of its shipments are in transit", f,
			   n->in_transit, in_flight);
	if (n->delivered < 0 || n->seized < 0 || n->lost < 0 || n->delayed < 0 || !add64(&resolved, n->delivered) ||
	    !add64(&resolved, n->seized) || !add64(&resolved, n->lost) || !add64(&resolved, n->in_transit) ||
	    n->shipments != resolved)
		return bad(c,
			   "state.factions[%d].network.shipments: %lld sent, but delivered %lld + seized %lld + lost %lld + "
			   "in transit %d do not add up to it",
			   f, (long long)n->shipments, (long long)n->delivered, (long long)n->seized,
			   (long long)n->lost, n->in_transit);
	if (!w->factions[f].runs_network && (n->n_edge_stats > 0 || n->n_plan_stats > 0))
		return bad(c, "state.factions[%d].network: '%s' runs no network, yet holds %d edge statistics and %d for its plan",
			   f, w->factions[f].id, n->n_edge_stats, n->n_plan_stats);
	if (!check_stats(c, f, "edge_stats", n->edge_stats, n->n_edge_stats) ||
	    !check_stats(c, f, "plan_stats", n->plan_stats, n->n_plan_stats))
		return false;
	for (int i = 0; i < n->n_edge_stats; i++) {
		const struct smug_edge_stats *e = &n->edge_stats[i];

		if (e->last_update_day != -1 && !in(e->last_update_day, c->first_day, c->last_day))
			return bad(c, "state.factions[%d].network.edge_stats[%d].last_update_day: %d is outside the days simulated so far",
				   f, i, e->last_update_day);
		if (n->edge_keys[i] != 2 * e->corridor + (w->corridors[e->corridor].b == e->from_node))
			return bad(c, "state.factions[%d].network.edge_stats[%d]: its search key %d is not that of its corridor and end",
				   f, i, n->edge_keys[i]);
	}
	if (n->last_run_day != -1 && !in(n->last_run_day, c->first_day, c->last_day))
		return bad(c, "state.factions[%d].network.last_run_day: %d is outside the days simulated so far", f,
			   n->last_run_day);
	snprintf(path, sizeof path, "state.factions[%d].network.recent", f);
	if (!ring(c, path, n->recent_head, n->recent_count, SMUG_RECENT_OUTCOMES))
		return false;
	for (int i = 0; i < n->recent_count; i++) {
		const struct smug_recent_outcome *r = &n->recent[ring_at(n->recent_head, n->recent_count,
									  SMUG_RECENT_OUTCOMES, i)];

		if (!past_day(c, path, i, r->day))
			return false;
		if (r->shipment < 1 || r->shipment >= w->next_shipment_id)
			return bad(c, "state.factions[%d].network.recent[%d].shipment: no such shipment was sent", f, i);
		if (!in(r->at_corridor, -1, w->n_corridors - 1))
			return bad(c, "state.factions[%d].network.recent[%d].at_corridor: out of range", f, i);
	}
	if (!in(n->n_lanes, 0, SMUG_LANE_CAP))
		return bad(c, "state.factions[%d].network.lanes: at most %d", f, SMUG_LANE_CAP);
	for (int i = 0; i < n->n_lanes; i++) {
		const struct smug_lane *l = &n->lanes[i];

		if (!in(l->src_ward, 0, w->n_wards - 1) || !in(l->dst_ward, 0, w->n_wards - 1) ||
		    !in(l->route_len, 0, SMUG_ROUTE_MAX_NODES))
			return bad(c, "state.factions[%d].network.lanes[%d]: ward or route out of range", f, i);
		for (int j = 0; j < l->route_len; j++)
			if (!in(l->route_nodes[j], 0, w->n_nodes - 1))
				return bad(c, "state.factions[%d].network.lanes[%d].route[%d]: not a node index", f, i, j);
		if (n->lane_keys[i] != smuggling_lane_key(l->src_ward, l->dst_ward))
			return bad(c, "state.factions[%d].network.lanes[%d]: its search key is not that of its wards", f,
				   i);
	}
	return true;
}

/* The world's counters agree with the networks', the borders' and the
 * ledger's: each outcome is counted once in each place that counts it. */
static bool check_totals(struct ck *c)
{
	const struct smug_world *w = c->w;
	const struct smug_counters *t = &w->tel.total, *today = &w->tel.today;
	int64_t sent = 0, delivered = 0, seized = 0, lost = 0, delayed = 0, bribes = 0, tariffs = 0;
	int64_t b_seized = 0, b_bribes = 0, b_tariffs = 0, b_checks = 0;
	bool ok = true;

	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_network *n = &w->factions[f].net;

		ok &= add64(&sent, n->shipments) && add64(&delivered, n->delivered) && add64(&seized, n->seized) &&
		      add64(&lost, n->lost) && add64(&delayed, n->delayed) && add64(&bribes, n->bribes_spent) &&
		      add64(&tariffs, n->tariffs_paid);
	}
	for (int i = 0; i < w->n_corridors; i++) {
		const struct smug_border_stats *b = &w->border_stats[i];

		if (!(b->traffic >= b->checks && b->checks >= b->inspections && b->inspections >= b->detections &&
		      b->detections >= b->seizures && b->seizures >= 0 && b->bribes >= 0 && b->tariffs >= 0))
			return bad(c, "state.corridors[%d].stats: traffic >= checks >= inspections >= detections >= seizures >= 0 does not hold at %s",
				   i, w->corridors[i].id);
		/* customs acts on a crossing already counted */
		if (b->seizures_today > b->traffic_today || (b->bribes_today > 0 && b->traffic_today < 1))
			return bad(c, "state.corridors[%d].stats: %d seizures and bribes of %lld today at %s, crossed %d times today",
				   i, b->seizures_today, (long long)b->bribes_today, w->corridors[i].id, b->traffic_today);
		if (!w->corridors[i].border && (b->traffic || b->checks || b->bribes || b->tariffs))
			return bad(c, "state.corridors[%d].stats: customs counts on %s, which is not a border", i,
				   w->corridors[i].id);
		ok &= add64(&b_seized, b->seizures) && add64(&b_bribes, b->bribes) && add64(&b_tariffs, b->tariffs) &&
		      add64(&b_checks, b->checks);
	}
	if (!ok)
		return bad(c, "state: counters overflow when added up");
#define SAME(what, a, b)                                                                                \
	if ((a) != (b))                                                                                 \
		return bad(c, "state.telemetry.total.%s: %lld, but the networks' and borders' records add up to %lld", \
			   what, (long long)(a), (long long)(b))
	SAME("shipments_created", t->shipments_created, sent);
	SAME("delivered", t->delivered, delivered);
	SAME("seized", t->seized, seized);
	SAME("lost", t->lost, lost);
	SAME("delayed", t->delayed, delayed);
	SAME("bribes_spent", t->bribes_spent, bribes);
	SAME("tariffs", t->tariffs, tariffs);
	SAME("seized", t->seized, b_seized);
	SAME("bribes_spent", t->bribes_spent, b_bribes);
	SAME("tariffs", t->tariffs, b_tariffs);
	SAME("customs_checks", t->customs_checks, b_checks);
	SAME("bribes_spent", t->bribes_spent, w->ledger.by_reason[SMUG_TX_CUSTOMS_BRIBE]);
	SAME("tariffs", t->tariffs, w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF]);
#undef SAME
	if (w->next_shipment_id != (uint64_t)sent + 1)
		return bad(c, "state.next_shipment_id: %llu, but %lld shipments have been sent",
			   (unsigned long long)w->next_shipment_id, (long long)sent);
	if (today->shipments_created > t->shipments_created || today->delivered > t->delivered ||
	    today->seized > t->seized || today->lost > t->lost || today->delayed > t->delayed ||
	    today->bribes_spent > t->bribes_spent || today->tariffs > t->tariffs ||
	    today->customs_checks > t->customs_checks)
		return bad(c, "state.telemetry.today: a count of the last day exceeds the total");
	if (w->tel.history_count > 0) {
		const struct smug_day_record *r =
			&w->tel.history[ring_at(w->tel.history_head, w->tel.history_count, SMUG_HISTORY_DAYS,
						w->tel.history_count - 1)];

		if (memcmp(&r->c, today, sizeof *today) != 0 || r->in_transit != w->n_shipments)
			return bad(c, "state.telemetry.history: the last day's record disagrees with today's counters");
	}
	return true;
}

static bool check_ledger(struct ck *c)
{
	const struct smug_world *w = c->w;
	const struct smug_ledger *l = &w->ledger;
	int64_t sum = 0, minted = 0, burned = 0, expect = l->initial_total;

	for (int i = 0; i < l->n_accounts; i++) {
		if (l->accounts[i].balance < 0)
			return bad(c, "state.ledger.balances[%d]: %lld is negative", i, (long long)l->accounts[i].balance);
		if (!add64(&sum, l->accounts[i].balance))
			return bad(c, "state.ledger.balances: the total overflows");
	}
	for (int r = 0; r < SMUG_TX_REASON_COUNT; r++) {
		if (l->by_reason[r] < 0)
			return bad(c, "state.ledger.by_reason[%d]: negative", r);
		if ((ledger_reason_is_mint((enum smug_tx_reason)r) && !add64(&minted, l->by_reason[r])) ||
		    (ledger_reason_is_burn((enum smug_tx_reason)r) && !add64(&burned, l->by_reason[r])))
			return bad(c, "state.ledger.by_reason: the total overflows");
	}
	if (minted != l->minted)
		return bad(c, "state.ledger.minted: %lld, but the mint reasons add up to %lld", (long long)l->minted,
			   (long long)minted);
	if (burned != l->burned)
		return bad(c, "state.ledger.burned: %lld, but the burn reasons add up to %lld", (long long)l->burned,
			   (long long)burned);
	if (!add64(&expect, l->minted) || __builtin_sub_overflow(expect, l->burned, &expect) || sum != expect)
		return bad(c, "state.ledger: balances add up to %lld, but initial %lld + minted %lld - burned %lld "
			      "is not that (money was created or destroyed outside the ledger)",
			   (long long)sum, (long long)l->initial_total, (long long)l->minted, (long long)l->burned);
	if (!ring(c, "state.ledger.journal", l->journal_head, l->journal_count, SMUG_JOURNAL_CAP))
		return false;
	for (int i = 0, prev = w->start_day; i < l->journal_count; i++) {
		const struct smug_tx *t = &l->journal[ring_at(l->journal_head, l->journal_count, SMUG_JOURNAL_CAP, i)];
		bool mint = ledger_reason_is_mint(t->reason), burn = ledger_reason_is_burn(t->reason);
		int last = c->last_day < w->start_day ? w->start_day : c->last_day; /* creation posts on start_day */

		if (!in((int)t->reason, 0, SMUG_TX_REASON_COUNT - 1) || t->amount <= 0 ||
		    (mint ? t->from != -1 : !in(t->from, 0, l->n_accounts - 1)) ||
		    (burn ? t->to != -1 : !in(t->to, 0, l->n_accounts - 1)))
			return bad(c, "state.ledger.journal[%d]: accounts, amount or reason out of range", i);
		if (!in(t->day, prev, last))
			return bad(c, "state.ledger.journal[%d].day: %d is out of order or outside the days simulated so far",
				   i, t->day);
		prev = t->day;
	}
	return true;
}

/* Hot route i: its tally slot's count, after the route before it (the
 * order telemetry keeps: counts descending, then the route order, so
 * each route once). */
static bool hot_route_ok(struct ck *c, int i)
{
	const struct smug_telemetry *t = &c->w->tel;
	const struct smug_topk_entry *e = &t->hot_routes.e[i];

	if (e->key[0] != '\0')
		return bad(c, "state.telemetry.hot_routes[%d].key: a route is kept by its tally slot", i);
	if (e->score != (double)t->routes[e->index].count)
		return bad(c, "state.telemetry.hot_routes[%d].score: %g, but its route was counted %lld times", i,
			   e->score, (long long)t->routes[e->index].count);
	if (i > 0 && (e[-1].score < e->score ||
		      (e[-1].score == e->score &&
		       telemetry_route_cmp(&t->routes[e[-1].index].route, &t->routes[e->index].route) >= 0)))
		return bad(c,
			   "state.telemetry.hot_routes[%d]: route slot %d after slot %d (counts descending, "
			   "then the route order, each route once)",
			   i, e->index, e[-1].index);
	return true;
}

static bool check_telemetry(struct ck *c)
{
	const struct smug_world *w = c->w;
	const struct smug_telemetry *t = &w->tel;
	const struct smug_topk *lists[] = {&t->hot_routes, &t->hot_borders, &t->faction_success};
	const int index_min[] = {0, -1, -1}, index_max[] = {t->n_routes - 1, w->n_corridors - 1, w->n_factions - 1};
	const char *names[] = {"hot_routes", "hot_borders", "faction_success"};
	const char *why;

	if (!ring(c, "state.telemetry.events", t->event_head, t->event_count, SMUG_EVENT_CAP))
		return false;
	if (t->events_total < (uint64_t)t->event_count)
		return bad(c, "state.telemetry.events_total: fewer than the events kept");
	for (int i = 0, prev = w->start_day; i < t->event_count; i++) {
		const struct smug_event *e = &t->events[ring_at(t->event_head, t->event_count, SMUG_EVENT_CAP, i)];

		/* a command between days (a crackdown set or cleared) logs on the last simulated day */
		if (!in(e->day, w->start_day, c->last_day))
			return bad(c, "state.telemetry.events[%d].day: %d is outside days %d to %d", i, e->day,
				   w->start_day, c->last_day);
		if (e->day < prev)
			return bad(c, "state.telemetry.events[%d].day: out of order", i);
		prev = e->day;
		if (!in((int)e->kind, 0, SMUG_EVENT_KIND_COUNT - 1) || !in(e->faction, -1, w->n_factions - 1) ||
		    !in(e->corridor, -1, w->n_corridors - 1) || !in(e->commodity, -1, SMUG_COMMODITY_COUNT - 1))
			return bad(c, "state.telemetry.events[%d]: kind, faction, corridor or commodity out of range", i);
		if ((why = event_text_fields(w, e)) != NULL)
			return bad(c, "state.telemetry.events[%d]: %s", i, why);
	}
	/* the tally counts a route in one slot (at most 512: every pair) */
	for (int r = 1; r < t->n_routes; r++)
		for (int q = 0; q < r; q++)
			if (telemetry_route_cmp(&t->routes[q].route, &t->routes[r].route) == 0)
				return bad(c, "state.telemetry.route_tally[%d]: the route of slot %d again", r, q);
	for (int k = 0; k < 3; k++) {
		if (!in(lists[k]->n, 0, SMUG_TOPK))
			return bad(c, "state.telemetry.%s: at most %d entries", names[k], SMUG_TOPK);
		for (int i = 0; i < lists[k]->n; i++) {
			const struct smug_topk_entry *e = &lists[k]->e[i];

			if (!in(e->index, index_min[k], index_max[k]))
				return bad(c, "state.telemetry.%s[%d].index: out of range", names[k], i);
			if (k == 0 && !hot_route_ok(c, i))
				return false;
			/* the order telemetry keeps and relies on when it moves
			 * an entry: scores descending, then keys ascending, so
			 * each key once */
			if (k > 0 && i > 0 && (e[-1].score < e->score ||
				      (e[-1].score == e->score && strcmp(e[-1].key, e->key) >= 0)))
				return bad(c,
					   "state.telemetry.%s[%d]: '%s' after '%s' (scores descending, "
					   "then keys ascending, each key once)",
					   names[k], i, e->key, e[-1].key);
		}
	}
	if (!in(t->n_touched, 0, SMUG_TOUCHED_CAP) || !in(t->n_touched_yday, 0, SMUG_TOUCHED_CAP))
		return bad(c, "state.telemetry.touched: at most %d", SMUG_TOUCHED_CAP);
	/* the borders crossed today: each once, and each with today's traffic
	 * (a new crossing adds its border when that traffic was still 0) */
	for (int i = 0; i < t->n_touched; i++) {
		if (!in(t->touched[i], 0, w->n_corridors - 1))
			return bad(c, "state.telemetry.touched[%d]: not a corridor index", i);
		if (w->border_stats[t->touched[i]].traffic_today < 1)
			return bad(c, "state.telemetry.touched[%d]: %s was not crossed today", i,
				   w->corridors[t->touched[i]].id);
		for (int j = 0; j < i; j++)
			if (t->touched[j] == t->touched[i])
				return bad(c, "state.telemetry.touched[%d]: %s is listed twice", i,
					   w->corridors[t->touched[i]].id);
	}
	for (int i = 0; i < t->n_touched_yday; i++)
		if (!in(t->touched_yday[i], 0, w->n_corridors - 1))
			return bad(c, "state.telemetry.touched_yday[%d]: not a corridor index", i);
	return true;
}

static bool check_crackdowns(struct ck *c)
{
	const struct smug_world *w = c->w;

	if (!in(w->n_crackdowns, 0, SMUG_CRACKDOWN_CAP) || !in(w->n_cooldowns, 0, SMUG_COOLDOWN_CAP))
		return bad(c, "state.crackdowns: at most %d targets and %d cooldowns", SMUG_CRACKDOWN_CAP,
			   SMUG_COOLDOWN_CAP);
	for (int i = 0; i < w->n_crackdowns; i++) {
		const struct smug_crackdown *k = &w->crackdowns[i];

		if (!in(k->corridor, 0, w->n_corridors - 1))
			return bad(c, "state.crackdowns[%d].corridor: not a corridor index", i);
		if (i > 0 && k->corridor <= w->crackdowns[i - 1].corridor)
			return bad(c, "state.crackdowns[%d]: targets must be unique and sorted by corridor", i);
		if ((k->kind == SMUG_CRACKDOWN_BORDER) != w->corridors[k->corridor].border)
			return bad(c, "state.crackdowns[%d].kind: disagrees with whether %s is a border", i,
				   w->corridors[k->corridor].id);
		if (!(k->intensity > 0 && k->intensity <= 1))
			return bad(c, "state.crackdowns[%d].intensity: expected (0,1]", i);
		if (k->start_day > c->next_day || (k->end_day != -1 && k->end_day < k->start_day))
			return bad(c, "state.crackdowns[%d]: start day %d and end day %d are inconsistent (the day is %d)",
				   i, k->start_day, k->end_day, w->day);
		/* a timed target is removed the day after its last one */
		if (k->end_day != -1 && k->end_day < c->last_day)
			return bad(c, "state.crackdowns[%d].end_day: day %d is over (the day is %d); the target would have expired",
				   i, k->end_day, w->day);
	}
	for (int i = 0; i < w->n_cooldowns; i++) {
		if (!in(w->cooldowns[i].corridor, 0, w->n_corridors - 1))
			return bad(c, "state.cooldowns[%d].corridor: not a corridor index", i);
		if (i > 0 && w->cooldowns[i].corridor <= w->cooldowns[i - 1].corridor)
			return bad(c, "state.cooldowns[%d]: must be unique and sorted by corridor", i);
		/* a cooldown starts when the planner's target expires, and the
		 * planner targets only borders off cooldown (a manual target
		 * may run during one) */
		for (int j = 0; j < w->n_crackdowns; j++)
			if (w->crackdowns[j].corridor == w->cooldowns[i].corridor && !w->crackdowns[j].manual)
				return bad(c, "state.cooldowns[%d]: %s is cooling down, yet the planner targets it", i,
					   w->corridors[w->cooldowns[i].corridor].id);
	}
	return true;
}

static bool check_plan(struct ck *c)
{
	const struct smug_world *w = c->w;

	for (int k = 0; k < SMUG_COMMODITY_COUNT; k++) {
		/* ward_topk set lower keeps the lists until the next refresh */
		if (!in(w->n_demand[k], 0, SMUG_WARD_TOPK_MAX) || !in(w->n_source[k], 0, SMUG_WARD_TOPK_MAX))
			return bad(c, "state.ward_topk[%d]: more wards than %d", k, SMUG_WARD_TOPK_MAX);
		for (int i = 0; i < w->n_demand[k]; i++)
			if (!in(w->demand_ward[k][i], 0, w->n_wards - 1))
				return bad(c, "state.ward_topk[%d].demand[%d]: not a ward index", k, i);
		for (int i = 0; i < w->n_source[k]; i++) {
			const struct smug_driver_terms *t = &w->source_terms[k][i];

			if (!in(w->source_ward[k][i], 0, w->n_wards - 1))
				return bad(c, "state.ward_topk[%d].source[%d]: not a ward index", k, i);
			/* a source has SMUG_SOURCE_TERMS terms; the rest of the
			 * array is 0 */
			for (size_t j = SMUG_SOURCE_TERMS; j < sizeof t->term / sizeof t->term[0]; j++)
				if (t->term[j] != 0)
					return bad(c, "state.ward_topk[%d].source[%d].term[%zu]: %g, a source has %d terms", k,
						   i, j, t->term[j], SMUG_SOURCE_TERMS);
		}
	}
	if (!in(w->ward_cursor, 0, w->n_wards - 1))
		return bad(c, "state.ward_cursor: not a ward index");
	if (!in(w->n_decisions, 0, SMUG_SHIPMENTS_PER_DAY_MAX))
		return bad(c, "state.decisions: at most %d", SMUG_SHIPMENTS_PER_DAY_MAX);
	for (int i = 0; i < w->n_decisions; i++) {
		const struct smug_decision *d = &w->decisions[i];

		if (d->day != w->decisions_day || !in(d->faction, 0, w->n_factions - 1) ||
		    !in(d->n_cand, 0, SMUG_ROUTE_TOPK_MAX) || !in(d->winner, -1, d->n_cand - 1) ||
		    !in(d->runner, -1, d->n_cand - 1) || !in(d->route_len, 0, SMUG_ROUTE_MAX_NODES))
			return bad(c, "state.decisions[%d]: day, faction, candidates or route out of range", i);
		for (int j = 0; j < d->route_len; j++)
			if (!in(d->route[j], 0, w->n_nodes - 1))
				return bad(c, "state.decisions[%d].route[%d]: not a node index", i, j);
		if (d->shipment >= w->next_shipment_id)
			return bad(c, "state.decisions[%d].shipment: no such shipment was sent", i);
	}
	if (!ring(c, "state.explain_history", w->explain_head, w->explain_count, SMUG_EXPLAIN_HISTORY))
		return false;
	for (int i = 0; i < w->explain_count; i++) {
		const struct smug_decision_summary *d =
			&w->explain_hist[ring_at(w->explain_head, w->explain_count, SMUG_EXPLAIN_HISTORY, i)];

		if (!past_day(c, "state.explain_history", i, d->day))
			return false;
		if (!in(d->faction, 0, w->n_factions - 1))
			return bad(c, "state.explain_history[%d].faction: not a faction index", i);
	}
	return true;
}

/* The cockpit's windows: what each faction has in transit per commodity
 * is its shipments in transit, and its flows since the world began add up
 * to them and to its network's totals; no window holds a day to come; a
 * tracked border's chart starts before its last relevant day. */
static bool check_windows(struct ck *c)
{
	const struct smug_world *w = c->w;
	const struct smug_telemetry *t = &w->tel;

	if (t->factions == NULL)
		return true; /* a bare world with no telemetry allocated */
	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_faction_tel *ft = &t->factions[f];
		const struct smug_network *n = &w->factions[f].net;
		int64_t n_transit[SMUG_COMMODITY_COUNT] = {0}, v_transit[SMUG_COMMODITY_COUNT] = {0};
		int64_t sent = 0, delivered = 0, seized = 0, lost = 0;

		for (int i = 0; i < w->n_shipments; i++) {
			const struct smug_shipment *s = smug_shipment_in_transit(w, i);

			if (s->faction == f && (unsigned)s->commodity < SMUG_COMMODITY_COUNT) {
				n_transit[s->commodity]++;
				v_transit[s->commodity] += s->value;
			}
		}
		for (int k = 0; k < SMUG_COMMODITY_COUNT; k++) {
			const struct smug_flow *fl = &ft->total[k];

			if (ft->transit_n[k] != n_transit[k] || ft->transit_value[k] != v_transit[k])
				return bad(c, "state.telemetry.windows.flow_transit: faction %d, commodity %d: %lld in transit "
					      "worth %lld, but its shipments say %lld worth %lld", f, k,
					   (long long)ft->transit_n[k], (long long)ft->transit_value[k],
					   (long long)n_transit[k], (long long)v_transit[k]);
			if (fl->n[SMUG_FLOW_SENT] - fl->n[SMUG_FLOW_DELIVERED] - fl->n[SMUG_FLOW_SEIZED] -
				    fl->n[SMUG_FLOW_LOST] != ft->transit_n[k])
				return bad(c, "state.telemetry.windows.flow_total: faction %d, commodity %d: sent less "
					      "resolved is not what is in transit", f, k);
			sent += fl->n[SMUG_FLOW_SENT];
			delivered += fl->n[SMUG_FLOW_DELIVERED];
			seized += fl->n[SMUG_FLOW_SEIZED];
			lost += fl->n[SMUG_FLOW_LOST];
		}
		if (sent != n->shipments || delivered != n->delivered || seized != n->seized || lost != n->lost)
			return bad(c, "state.telemetry.windows.flow_total: faction %d: the flows do not add up to its "
				      "network's shipments, deliveries, seizures and losses", f);
		for (int i = 0; i < SMUG_FLOW_DAYS; i++)
			if (ft->days[i].day > w->day)
				return bad(c, "state.telemetry.windows.flow_day: faction %d holds day %d, after day %d", f,
					   ft->days[i].day, w->day);
		for (int i = 0; i < SMUG_CHART_DAYS; i++)
			if (ft->chart[i].day > w->day)
				return bad(c, "state.telemetry.windows.faction_day: faction %d holds day %d, after day %d", f,
					   ft->chart[i].day, w->day);
	}
	for (int i = 0; t->bchart && i < SMUG_CHART_BORDERS; i++)
		if (t->bchart[i].corridor >= 0 &&
		    (t->bchart[i].relevant_day > w->day || t->bchart[i].since_day > t->bchart[i].relevant_day + 1))
			return bad(c, "state.telemetry.windows.border_chart: corridor %d: since day %d, last relevant day %d "
				      "(the day is %d)", t->bchart[i].corridor, t->bchart[i].since_day,
				   t->bchart[i].relevant_day, w->day);
	for (int i = 0; t->topk_days && i < t->n_topk_days; i++) {
		if (t->topk_days[i].day > w->day)
			return bad(c, "state.telemetry.topk_window: holds day %d, after day %d", t->topk_days[i].day,
				   w->day);
		if (t->topk_days[i].day >= 0 && t->topk_days[i].day <= w->start_day)
			return bad(c, "state.telemetry.topk_window: holds day %d, before the first simulated day %d",
				   t->topk_days[i].day, w->start_day + 1);
	}
	for (int i = 0; i < t->crackdown_log_count; i++) {
		const struct smug_crackdown_period *p = smug_crackdown_period_at(t, i);

		if (p->start_day > w->day + 1 || (p->end_day != -1 && p->end_day < p->start_day - 1))
			return bad(c, "state.telemetry.windows.crackdown_period[%d]: days %d to %d (the day is %d)", i,
				   p->start_day, p->end_day, w->day);
	}
	return true;
}

enum smug_status smug_world_check(const struct smug_world *w, const char *file, struct smug_error *err)
{
	struct ck c = {w, file, err, false, w->start_day + 1, w->day, w->day + 1};
	int per_faction[SMUG_FACTIONS_MAX] = {0};

	if (!check_static(&c) || !check_day(&c) || !check_shipments(&c, per_faction))
		return SMUG_ERR_SCHEMA;
	for (int f = 0; f < w->n_factions; f++)
		if (!check_network(&c, f, per_faction[f]))
			return SMUG_ERR_SCHEMA;
	if (!check_totals(&c) || !check_ledger(&c) || !check_telemetry(&c) || !check_crackdowns(&c) ||
	    !check_plan(&c) || !check_windows(&c))
		return SMUG_ERR_SCHEMA;
	return SMUG_OK;
}
