/* Telemetry (stage 8): today's and total counters, per-border day
 * counters rolled without scanning all corridors (only the borders
 * touched yesterday and today), TopK lists updated in place, a daily
 * history ring and a bounded event log. Modules count into tel.today;
 * telemetry_end_day folds today into total. The cockpit's windows come
 * from the same stream: every shipment event feeds its faction's
 * per-commodity flows (today, 30 days, all time, in transit), every
 * crossing and customs check its border's 7-day window, and the end of
 * the day files one chart bucket per faction and per tracked border.
 * All of it is bounded: windows are day-bucket rings (window.c), border
 * windows live in a pool sized by what can be crossed in a window, and
 * only SMUG_CHART_BORDERS borders keep a year of chart history. */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

void smug_counters_add(struct smug_counters *to, const struct smug_counters *c)
{
	to->shipments_created += c->shipments_created;
	to->delivered += c->delivered;
	to->seized += c->seized;
	to->lost += c->lost;
	to->delayed += c->delayed;
	to->bribes_spent += c->bribes_spent;
	to->tariffs += c->tariffs;
	to->profit += c->profit;
	to->customs_checks += c->customs_checks;
}

/* A border's today becomes its yesterday. */
static void roll_border(struct smug_border_stats *b)
{
	b->traffic_yday = b->traffic_today;
	b->seizures_yday = b->seizures_today;
	b->bribes_yday = b->bribes_today;
	b->traffic_today = b->seizures_today = 0;
	b->bribes_today = 0;
}

void telemetry_begin_day(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;

	memset(&t->today, 0, sizeof t->today);
	/* the mornings after a day whose touched list filled roll every
	 * border: a border first crossed after it filled is on neither list
	 * (SMUG_TOUCHED_CAP distinct borders in a day takes thousands of
	 * shipments on the road; no generated world comes near it) */
	if (t->n_touched == SMUG_TOUCHED_CAP || t->n_touched_yday == SMUG_TOUCHED_CAP) {
		for (int c = 0; c < w->n_corridors; c++)
			roll_border(&w->border_stats[c]);
	} else {
		for (int i = 0; i < t->n_touched_yday; i++) {
			struct smug_border_stats *b = &w->border_stats[t->touched_yday[i]];

			b->traffic_yday = b->seizures_yday = 0;
			b->bribes_yday = 0;
		}
		for (int i = 0; i < t->n_touched; i++)
			roll_border(&w->border_stats[t->touched[i]]);
	}
	memcpy(t->touched_yday, t->touched, (size_t)t->n_touched * sizeof t->touched[0]);
	t->n_touched_yday = t->n_touched;
	t->n_touched = 0;
}

static int cmp_success(const void *a, const void *b)
{
	const struct smug_topk_entry *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return strcmp(x->key, y->key);
}

static void charts_end_day(struct smug_world *w);
static void events_fold(struct smug_telemetry *t);

void telemetry_end_day(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;
	struct smug_day_record *r = &t->history[t->history_head];
	struct smug_topk_entry all[SMUG_FACTIONS_MAX];
	int n = 0;

	smug_counters_add(&t->total, &t->today);
	r->day = w->day;
	r->c = t->today;
	r->in_transit = w->n_shipments;
	r->crackdowns_manual = r->crackdowns_auto = 0;
	for (int i = 0; i < w->n_crackdowns; i++) {
		if (w->crackdowns[i].manual)
			r->crackdowns_manual++;
		else
			r->crackdowns_auto++;
	}
	t->history_head = (t->history_head + 1) % SMUG_HISTORY_DAYS;
	if (t->history_count < SMUG_HISTORY_DAYS)
		t->history_count++;
	for (int f = 0; f < w->n_factions; f++) {
		if (!w->factions[f].runs_network)
			continue;
		memset(&all[n], 0, sizeof all[n]);
		str_copy(all[n].key, sizeof all[n].key, w->factions[f].id);
		all[n].index = f;
		all[n].score = smug_network_success_rate(&w->factions[f].net);
		n++;
	}
	/* a few factions: an insertion sort, where qsort's set-up and calls
	 * cost more; the keys differ, so any sort gives this order */
	for (int i = 1; i < n; i++) {
		struct smug_topk_entry x = all[i];
		int j = i;

		for (; j > 0 && cmp_success(&all[j - 1], &x) > 0; j--)
			all[j] = all[j - 1];
		all[j] = x;
	}
	t->faction_success.n = n < SMUG_TOPK ? n : SMUG_TOPK;
	memcpy(t->faction_success.e, all, (size_t)t->faction_success.n * sizeof all[0]);
	charts_end_day(w);
	events_fold(t);
}

/* ---- per-faction commodity flows ---- */

static void flow_add(struct smug_world *w, int f, int c, enum smug_flow_kind k, int64_t value)
{
	struct smug_faction_tel *ft = &w->tel.factions[f];
	struct smug_flow_day *d = window_bucket(ft->days, SMUG_FLOW_DAYS, sizeof ft->days[0], w->day);

	ft->total[c].n[k]++;
	ft->total[c].value[k] += value;
	d->c[c].n[k]++;
	d->c[c].value[k] += value;
	ft->transit_n[c] += k == SMUG_FLOW_SENT ? 1 : -1;
	ft->transit_value[c] += k == SMUG_FLOW_SENT ? value : -value;
}

/* Shipment events carry the cargo value as their amount. */
static void flow_from_event(struct smug_world *w, const struct smug_event *e)
{
	static const int kinds[SMUG_EVENT_KIND_COUNT] = {
		[SMUG_EV_SHIPMENT_CREATED] = SMUG_FLOW_SENT + 1,
		[SMUG_EV_SHIPMENT_DELIVERED] = SMUG_FLOW_DELIVERED + 1,
		[SMUG_EV_SHIPMENT_SEIZED] = SMUG_FLOW_SEIZED + 1,
		[SMUG_EV_SHIPMENT_LOST] = SMUG_FLOW_LOST + 1,
	};
	int k = kinds[e->kind];

	if (k > 0 && e->faction >= 0 && e->commodity >= 0)
		flow_add(w, e->faction, e->commodity, (enum smug_flow_kind)(k - 1), e->amount);
}

void smug_flow_sum(const struct smug_world *w, int faction, int commodity, int days,
		   struct smug_flow *out)
{
	const struct smug_faction_tel *ft = &w->tel.factions[faction];

	if (days <= 0) {
		*out = ft->total[commodity];
		return;
	}
	memset(out, 0, sizeof *out);
	if (days > SMUG_FLOW_DAYS)
		days = SMUG_FLOW_DAYS;
	for (int d = w->day - days + 1; d <= w->day; d++) {
		const struct smug_flow_day *b = window_find(ft->days, SMUG_FLOW_DAYS, sizeof ft->days[0], d);

		if (b == NULL)
			continue;
		for (int k = 0; k < SMUG_FLOW_KINDS; k++) {
			out->n[k] += b->c[commodity].n[k];
			out->value[k] += b->c[commodity].value[k];
		}
	}
}

/* ---- per-border windows ---- */

/* A pool slot for corridor c: a free one, else one whose days all left
 * the window, else (only if more borders were crossed within a window
 * than the pool's bound allows) the least recently crossed. */
static int bwin_alloc(struct smug_telemetry *t, int c, int day)
{
	int victim = -1;

	for (int k = 0; k < t->n_bwin; k++) {
		int i = (t->bwin_cursor + k) % t->n_bwin;
		const struct smug_border_window *b = &t->bwin[i];

		if (b->corridor < 0 || b->last_day <= day - SMUG_BORDER_WINDOW_DAYS) {
			victim = i;
			break;
		}
	}
	if (victim < 0)
		for (int i = 0; i < t->n_bwin; i++)
			if (victim < 0 || t->bwin[i].last_day < t->bwin[victim].last_day ||
			    (t->bwin[i].last_day == t->bwin[victim].last_day &&
			     t->bwin[i].corridor < t->bwin[victim].corridor))
				victim = i;
	if (t->bwin[victim].corridor >= 0)
		t->bwin_of[t->bwin[victim].corridor] = -1;
	t->bwin[victim].corridor = c;
	t->bwin[victim].last_day = day;
	window_clear(t->bwin[victim].d, SMUG_BORDER_WINDOW_DAYS, sizeof t->bwin[victim].d[0]);
	t->bwin_of[c] = victim;
	t->bwin_cursor = (victim + 1) % t->n_bwin;
	return victim;
}

static struct smug_border_day *border_today(struct smug_world *w, int c)
{
	struct smug_telemetry *t = &w->tel;
	int i = t->bwin_of[c];

	if (i < 0)
		i = bwin_alloc(t, c, w->day);
	t->bwin[i].last_day = w->day;
	return window_bucket(t->bwin[i].d, SMUG_BORDER_WINDOW_DAYS, sizeof t->bwin[i].d[0], w->day);
}

void telemetry_customs(struct smug_world *w, int corridor, bool inspected, bool seized,
		       int64_t tariff, int64_t bribe)
{
	struct smug_border_day *d = border_today(w, corridor);

	d->checks++;
	d->inspections += inspected;
	d->seizures += seized;
	d->tariffs += tariff;
	d->bribes += bribe;
}

static void border_day_add(struct smug_border_day *to, const struct smug_border_day *d)
{
	to->traffic += d->traffic;
	to->checks += d->checks;
	to->inspections += d->inspections;
	to->seizures += d->seizures;
	to->bribes += d->bribes;
	to->tariffs += d->tariffs;
}

/* A border's bucket of one day in its window, or NULL (no window, or
 * nothing crossed that day). */
static const struct smug_border_day *border_day_at(const struct smug_telemetry *t, int corridor, int day)
{
	int i = t->bwin_of[corridor];

	return i < 0 ? NULL : window_find(t->bwin[i].d, SMUG_BORDER_WINDOW_DAYS, sizeof t->bwin[i].d[0], day);
}

void smug_border_window_sum(const struct smug_world *w, int corridor, int first_day, int last_day,
			    struct smug_border_day *out)
{
	memset(out, 0, sizeof *out);
	out->day = last_day;
	if (corridor < 0 || corridor >= w->n_corridors || w->tel.bwin_of[corridor] < 0)
		return;
	if (first_day < w->day - SMUG_BORDER_WINDOW_DAYS + 1)
		first_day = w->day - SMUG_BORDER_WINDOW_DAYS + 1;
	for (int d = first_day; d <= last_day && d <= w->day; d++) {
		const struct smug_border_day *b = border_day_at(&w->tel, corridor, d);

		if (b)
			border_day_add(out, b);
	}
}

/* ---- chart history ---- */

static void faction_chart_day(struct smug_world *w, int f)
{
	struct smug_faction_tel *ft = &w->tel.factions[f];
	const struct smug_network *n = &w->factions[f].net;
	struct smug_faction_day *b = window_bucket(ft->chart, SMUG_CHART_DAYS, sizeof ft->chart[0], w->day);
	const struct smug_flow_day *fd = window_find(ft->days, SMUG_FLOW_DAYS, sizeof ft->days[0], w->day);

	for (int c = 0; fd && c < SMUG_COMMODITY_COUNT; c++) {
		b->sent += (int)fd->c[c].n[SMUG_FLOW_SENT];
		b->delivered += (int)fd->c[c].n[SMUG_FLOW_DELIVERED];
		b->seized += (int)fd->c[c].n[SMUG_FLOW_SEIZED];
		b->lost += (int)fd->c[c].n[SMUG_FLOW_LOST];
	}
	b->in_transit = n->in_transit;
	b->balance = w->ledger.accounts[w->factions[f].account].balance;
	b->bribes = n->bribes_spent - ft->bribes_seen;
	b->tariffs = n->tariffs_paid - ft->tariffs_seen;
	ft->bribes_seen = n->bribes_spent;
	ft->tariffs_seen = n->tariffs_paid;
}

/* Give corridor c a chart slot: a free one; when none is free and the
 * border matters (strong: hot or under crackdown), the slot least
 * recently relevant that is not under crackdown and not relevant today
 * (ties by corridor). Its first days come from the border's window. */
static void bchart_admit(struct smug_world *w, int c, bool strong)
{
	struct smug_telemetry *t = &w->tel;
	int victim = -1;
	struct smug_border_chart *b;

	if (!w->corridors[c].border)
		return;
	if (t->bchart_of[c] >= 0) {
		t->bchart[t->bchart_of[c]].relevant_day = w->day;
		return;
	}
	for (int i = 0; i < SMUG_CHART_BORDERS && victim < 0; i++)
		if (t->bchart[i].corridor < 0)
			victim = i;
	if (victim < 0 && !strong)
		return;
	if (victim < 0) {
		for (int i = 0; i < SMUG_CHART_BORDERS; i++) {
			const struct smug_border_chart *x = &t->bchart[i];

			if (x->relevant_day >= w->day || crackdown_intensity(w, x->corridor) > 0)
				continue;
			if (victim < 0 || x->relevant_day < t->bchart[victim].relevant_day ||
			    (x->relevant_day == t->bchart[victim].relevant_day &&
			     x->corridor < t->bchart[victim].corridor))
				victim = i;
		}
		if (victim < 0)
			return;
		t->bchart_of[t->bchart[victim].corridor] = -1;
	}
	b = &t->bchart[victim];
	b->corridor = c;
	b->relevant_day = w->day;
	b->since_day = w->day - SMUG_BORDER_WINDOW_DAYS + 1;
	if (b->since_day <= w->start_day)
		b->since_day = w->start_day + 1;
	window_clear(b->d, SMUG_CHART_DAYS, sizeof b->d[0]);
	for (int d = b->since_day; d < w->day; d++) {
		struct smug_border_day sum;

		smug_border_window_sum(w, c, d, d, &sum);
		if (sum.traffic || sum.checks)
			*(struct smug_border_day *)window_bucket(b->d, SMUG_CHART_DAYS, sizeof b->d[0], d) = sum;
	}
	t->bchart_of[c] = victim;
}

static void charts_end_day(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;

	for (int f = 0; f < w->n_factions; f++)
		faction_chart_day(w, f);
	for (int i = 0; i < w->n_crackdowns; i++)
		bchart_admit(w, w->crackdowns[i].corridor, true);
	for (int i = 0; i < t->hot_borders.n; i++)
		bchart_admit(w, t->hot_borders.e[i].index, true);
	for (int i = 0; i < t->n_touched; i++)
		bchart_admit(w, t->touched[i], false);
	/* each charted border's day: today's bucket alone (most borders have none) */
	for (int i = 0; i < SMUG_CHART_BORDERS; i++) {
		struct smug_border_chart *b = &t->bchart[i];
		struct smug_border_day sum;
		const struct smug_border_day *d;
		double k;

		if (b->corridor < 0)
			continue;
		memset(&sum, 0, sizeof sum);
		sum.day = w->day;
		d = border_day_at(t, b->corridor, w->day);
		if (d)
			border_day_add(&sum, d);
		k = w->n_crackdowns > 0 ? crackdown_intensity(w, b->corridor) : 0.0;
		sum.crackdown_pct = (int)(100.0 * k + 0.5);
		if (sum.traffic || sum.checks || sum.crackdown_pct)
			*(struct smug_border_day *)window_bucket(b->d, SMUG_CHART_DAYS, sizeof b->d[0], w->day) = sum;
	}
}

const struct smug_faction_day *smug_faction_chart(const struct smug_world *w, int faction, int day)
{
	const struct smug_faction_tel *ft = &w->tel.factions[faction];

	if (day > w->day || day <= w->day - SMUG_CHART_DAYS)
		return NULL;
	return window_find(ft->chart, SMUG_CHART_DAYS, sizeof ft->chart[0], day);
}

int smug_border_chart_since(const struct smug_world *w, int corridor)
{
	int i = w->tel.bchart_of[corridor];

	return i >= 0 ? w->tel.bchart[i].since_day : -1;
}

bool smug_border_chart(const struct smug_world *w, int corridor, int day, struct smug_border_day *out)
{
	int i = w->tel.bchart_of[corridor], since = i >= 0 ? w->tel.bchart[i].since_day : -1;
	const struct smug_border_day *b;

	memset(out, 0, sizeof *out);
	out->day = day;
	if (day > w->day || day <= w->day - SMUG_CHART_DAYS)
		return false;
	if (i < 0 || day < since) { /* not tracked then: the window still knows its last days */
		if (day <= w->day - SMUG_BORDER_WINDOW_DAYS)
			return false;
		smug_border_window_sum(w, corridor, day, day, out);
		out->crackdown_pct = 0;
		return true;
	}
	b = window_find(w->tel.bchart[i].d, SMUG_CHART_DAYS, sizeof w->tel.bchart[i].d[0], day);
	if (b)
		*out = *b;
	return true;
}

/* ---- crackdown periods ---- */

void telemetry_crackdown_started(struct smug_world *w, const struct smug_crackdown *k)
{
	struct smug_telemetry *t = &w->tel;

	t->crackdown_log[t->crackdown_log_head] = (struct smug_crackdown_period){
		k->corridor, k->start_day, -1, k->intensity, k->manual, k->exploration};
	t->crackdown_log_head = (t->crackdown_log_head + 1) % SMUG_CRACKDOWN_LOG;
	if (t->crackdown_log_count < SMUG_CRACKDOWN_LOG)
		t->crackdown_log_count++;
}

void telemetry_crackdown_ended(struct smug_world *w, int corridor, int last_day)
{
	struct smug_telemetry *t = &w->tel;

	for (int i = 1; i <= t->crackdown_log_count; i++) { /* newest first */
		struct smug_crackdown_period *p =
			&t->crackdown_log[(t->crackdown_log_head - i + SMUG_CRACKDOWN_LOG) % SMUG_CRACKDOWN_LOG];

		if (p->corridor == corridor && p->end_day < 0) {
			p->end_day = last_day < p->start_day ? p->start_day - 1 : last_day;
			return;
		}
	}
}

const struct smug_crackdown_period *smug_crackdown_period_at(const struct smug_telemetry *t, int i)
{
	int start = (t->crackdown_log_head - t->crackdown_log_count + SMUG_CRACKDOWN_LOG) % SMUG_CRACKDOWN_LOG;

	return &t->crackdown_log[(start + i) % SMUG_CRACKDOWN_LOG];
}

/* ---- the rolling TopK window ----
 * A ring of telemetry.window_days day buckets (window.c): each holds the
 * routes of the day's shipments and the borders crossed that day, at most
 * SMUG_SHIPMENTS_PER_DAY_MAX and SMUG_TOUCHED_CAP of them. The TopK lists
 * over the window are computed when asked for, from the buckets. */

static int topk_window_days(const struct smug_world *w)
{
	int n = w->cfg.telemetry.window_days;

	return n < 1 ? 1 : n > SMUG_TOPK_WINDOW_MAX ? SMUG_TOPK_WINDOW_MAX : n;
}

/* (Re)size the ring to n days, keeping the days that still fit. */
static void topk_ring_resize(struct smug_world *w, int n)
{
	struct smug_telemetry *t = &w->tel;
	struct smug_topk_day *ring = xmalloc((size_t)n * sizeof *ring);

	window_clear(ring, n, sizeof *ring);
	for (int i = 0; i < t->n_topk_days; i++) {
		const struct smug_topk_day *b = &t->topk_days[i];

		if (b->day >= 0 && b->day > w->day - n)
			ring[b->day % n] = *b;
	}
	free(t->topk_days);
	t->topk_days = ring;
	t->n_topk_days = n;
}

/* A day's TopK bucket: the day and the two counts; the routes and
 * borders past them are never read. */
#define TOPK_DAY_HEAD offsetof(struct smug_topk_day, routes)

static struct smug_topk_day *topk_today(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;

	if (t->n_topk_days != topk_window_days(w))
		topk_ring_resize(w, topk_window_days(w)); /* window_days was set during the run */
	return window_bucket_head(t->topk_days, t->n_topk_days, sizeof *t->topk_days, TOPK_DAY_HEAD, w->day);
}

/* ---- the all-time route tally ---- */

#define ROUTE_INDEX (2 * SMUG_ROUTE_TALLY)

int telemetry_route_cmp(const struct smug_route_key *a, const struct smug_route_key *b)
{
	int n = a->n_nodes < b->n_nodes ? a->n_nodes : b->n_nodes;

	for (int i = 0; i < n; i++)
		if (a->nodes[i] != b->nodes[i])
			return a->nodes[i] < b->nodes[i] ? -1 : 1;
	return (a->n_nodes > b->n_nodes) - (a->n_nodes < b->n_nodes);
}

static void route_key_set(struct smug_route_key *k, const int *nodes, int n)
{
	k->n_nodes = n;
	memcpy(k->nodes, nodes, (size_t)n * sizeof *nodes);
}

/* Where a route's probe starts in the index: a multiplicative hash of
 * its nodes (the index is not state, so any spread will do). */
static unsigned route_hash(const int *nodes, int n)
{
	uint64_t h = (uint64_t)n;

	for (int i = 0; i < n; i++)
		h = (h ^ (uint32_t)nodes[i]) * 0x9e3779b97f4a7c15ull;
	return (unsigned)((h >> 32) % ROUTE_INDEX);
}

static unsigned route_home(const struct smug_telemetry *t, int r)
{
	return route_hash(t->routes[r].route.nodes, t->routes[r].route.n_nodes);
}

/* Put route r into the index (where a rebuild would put it, r being the
 * last route inserted). */
static void route_index_put(struct smug_telemetry *t, int r)
{
	unsigned h = route_home(t, r);

	while (t->route_index[h] >= 0)
		h = (h + 1) % ROUTE_INDEX;
	t->route_index[h] = r;
}

static void route_index_build(struct smug_telemetry *t)
{
	free(t->route_index);
	t->route_index = xmalloc(ROUTE_INDEX * sizeof *t->route_index);
	for (int i = 0; i < ROUTE_INDEX; i++)
		t->route_index[i] = -1;
	for (int r = 0; r < t->n_routes; r++)
		route_index_put(t, r);
}

/* Take route r out of the index. The entries after it in its run move
 * back into the hole unless their home slot lies after the hole, so
 * every key left is still found by probing from its home slot. */
static void route_index_drop(struct smug_telemetry *t, int r)
{
	unsigned hole = route_home(t, r), j;

	while (t->route_index[hole] != r)
		hole = (hole + 1) % ROUTE_INDEX;
	for (j = (hole + 1) % ROUTE_INDEX; t->route_index[j] >= 0; j = (j + 1) % ROUTE_INDEX) {
		unsigned home = route_home(t, t->route_index[j]);
		bool stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;

		if (!stays) {
			t->route_index[hole] = t->route_index[j];
			hole = j;
		}
	}
	t->route_index[hole] = -1;
}

static int route_lookup(struct smug_telemetry *t, const int *nodes, int n)
{
	if (t->route_index == NULL)
		route_index_build(t);
	for (unsigned h = route_hash(nodes, n);; h = (h + 1) % ROUTE_INDEX) {
		int r = t->route_index[h];

		if (r < 0 || route_nodes_equal(t->routes[r].route.nodes, t->routes[r].route.n_nodes, nodes, n))
			return r;
	}
}

static void hot_route_update(struct smug_telemetry *t, int r);

/* Count a shipment on its route; the hottest-routes list follows. */
static void route_tally(struct smug_world *w, const int *nodes, int n)
{
	struct smug_telemetry *t = &w->tel;
	int r = route_lookup(t, nodes, n);

	if (r < 0 && t->n_routes < SMUG_ROUTE_TALLY) {
		r = t->n_routes++;
		route_key_set(&t->routes[r].route, nodes, n);
		t->routes[r].count = 0;
		route_index_put(t, r);
	} else if (r < 0) {
		/* space-saving: the least-counted route (the first of them)
		 * makes room and leaves its count to the newcomer */
		r = 0;
		for (int i = 1; i < t->n_routes; i++)
			if (t->routes[i].count < t->routes[r].count)
				r = i;
		for (int i = 0; i < t->hot_routes.n; i++)
			if (t->hot_routes.e[i].index == r) {
				memmove(&t->hot_routes.e[i], &t->hot_routes.e[i + 1],
					(size_t)(t->hot_routes.n - i - 1) * sizeof t->hot_routes.e[0]);
				t->hot_routes.n--;
				break;
			}
		route_index_drop(t, r);
		route_key_set(&t->routes[r].route, nodes, n);
		route_index_put(t, r);
	}
	t->routes[r].count++;
	hot_route_update(t, r);
}

void telemetry_route_sent(struct smug_world *w, const int *nodes, int n)
{
	struct smug_topk_day *b = topk_today(w);

	route_tally(w, nodes, n);
	for (int i = 0; i < b->n_routes; i++)
		if (route_nodes_equal(b->routes[i].route.nodes, b->routes[i].route.n_nodes, nodes, n)) {
			b->routes[i].count++;
			return;
		}
	if (b->n_routes < SMUG_SHIPMENTS_PER_DAY_MAX) {
		route_key_set(&b->routes[b->n_routes].route, nodes, n);
		b->routes[b->n_routes++].count = 1;
	}
}

static void topk_border_crossed(struct smug_world *w, int c)
{
	struct smug_topk_day *b = topk_today(w);

	for (int i = 0; i < b->n_borders; i++)
		if (b->borders[i].corridor == c) {
			b->borders[i].traffic++;
			return;
		}
	if (b->n_borders < SMUG_TOUCHED_CAP) {
		b->borders[b->n_borders].corridor = c;
		b->borders[b->n_borders++].traffic = 1;
	}
}

struct smug_topk_day *telemetry_topk_day(struct smug_world *w, int first_day, int day)
{
	struct smug_telemetry *t = &w->tel;
	int n = topk_window_days(w), span = w->day - first_day + 1;

	/* a state saved after window_days was set lower, before its next day
	 * (which drops the days past the window), holds more days than the
	 * window: the ring keeps them all, as the saved world did */
	if (span > n)
		n = span < SMUG_TOPK_WINDOW_MAX ? span : SMUG_TOPK_WINDOW_MAX;
	if (t->n_topk_days != n)
		topk_ring_resize(w, n);
	return window_bucket_head(t->topk_days, t->n_topk_days, sizeof *t->topk_days, TOPK_DAY_HEAD, day);
}

/* Keep the k best of n candidates (score desc, key asc) in out. */
static void topk_keep(struct smug_topk *out, const char *key, int index, double score)
{
	if (score > 0)
		topk_update(out, key, index, score);
}

/* A route's shipments over the window, found by its nodes. */
struct route_sum {
	const struct smug_route_key *route;
	int64_t count;
};

static int cmp_route_sum_route(const void *a, const void *b)
{
	return telemetry_route_cmp(((const struct route_sum *)a)->route, ((const struct route_sum *)b)->route);
}

/* The TopK order: more shipments first, then the route order. */
static int cmp_route_sum_hot(const void *a, const void *b)
{
	const struct route_sum *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return telemetry_route_cmp(x->route, y->route);
}

/* A route's entry as the lists are read: its text and index -1. A text
 * longer than an entry's key keeps its head and its last node, with
 * "..." between, so routes that part near their end read apart. The
 * bytes copied stop short of the key's last, which the memset leaves
 * the text's NUL. */
static void route_entry(const struct smug_world *w, const struct smug_route_key *k, double score,
			struct smug_topk_entry *e)
{
	char text[SMUG_ROUTE_MAX_NODES * SMUG_ID_MAX];
	size_t len, tail;

	memset(e, 0, sizeof *e);
	smug_route_format(w, k->nodes, k->n_nodes, text, sizeof text);
	len = strlen(text);
	if (len < sizeof e->key) {
		memcpy(e->key, text, len);
	} else {
		tail = strlen(w->nodes[k->nodes[k->n_nodes - 1]].id) + 1; /* ">" and the last id */
		memcpy(e->key, text, sizeof e->key - 4 - tail);
		memcpy(e->key + sizeof e->key - 4 - tail, "...", 3);
		memcpy(e->key + sizeof e->key - 1 - tail, text + len - tail, tail);
	}
	e->index = -1;
	e->score = score;
}

static void window_routes(const struct smug_world *w, int days, struct smug_topk *out)
{
	const struct smug_telemetry *t = &w->tel;
	struct route_sum *all = xmalloc((size_t)(days * SMUG_SHIPMENTS_PER_DAY_MAX + 1) * sizeof *all);
	int n = 0, m = 0;

	for (int d = w->day - days + 1; d <= w->day; d++) {
		const struct smug_topk_day *b = window_find(t->topk_days, t->n_topk_days, sizeof *b, d);

		for (int i = 0; b && i < b->n_routes; i++)
			all[n++] = (struct route_sum){&b->routes[i].route, b->routes[i].count};
	}
	/* the same route on several days: sort by route, then sum each run */
	qsort(all, (size_t)n, sizeof *all, cmp_route_sum_route);
	for (int i = 0; i < n; i++) {
		if (m > 0 && telemetry_route_cmp(all[m - 1].route, all[i].route) == 0)
			all[m - 1].count += all[i].count;
		else
			all[m++] = all[i];
	}
	qsort(all, (size_t)m, sizeof *all, cmp_route_sum_hot);
	for (int i = 0; i < m && out->n < SMUG_TOPK; i++)
		route_entry(w, all[i].route, (double)all[i].count, &out->e[out->n++]);
	free(all);
}

static void window_borders(const struct smug_world *w, int days, struct smug_topk *out)
{
	const struct smug_telemetry *t = &w->tel;
	int64_t *traffic = xcalloc((size_t)(w->n_corridors ? w->n_corridors : 1), sizeof *traffic);
	int *seen = xmalloc((size_t)(days * SMUG_TOUCHED_CAP + 1) * sizeof *seen), n = 0;

	for (int d = w->day - days + 1; d <= w->day; d++) {
		const struct smug_topk_day *b = window_find(t->topk_days, t->n_topk_days, sizeof *b, d);

		for (int i = 0; b && i < b->n_borders; i++) {
			if (traffic[b->borders[i].corridor] == 0)
				seen[n++] = b->borders[i].corridor;
			traffic[b->borders[i].corridor] += b->borders[i].traffic;
		}
	}
	for (int i = 0; i < n; i++)
		topk_keep(out, w->corridors[seen[i]].id, seen[i], (double)traffic[seen[i]]);
	free(seen);
	free(traffic);
}

static void window_factions(const struct smug_world *w, int days, struct smug_topk *out)
{
	for (int f = 0; f < w->n_factions; f++) {
		int64_t delivered = 0, resolved = 0;

		if (!w->factions[f].runs_network)
			continue;
		for (int d = w->day - days + 1; d <= w->day; d++) {
			const struct smug_faction_day *b = smug_faction_chart(w, f, d);

			if (b) {
				delivered += b->delivered;
				resolved += b->delivered + b->seized + b->lost;
			}
		}
		/* like the all-time list: every network, 0 when nothing resolved */
		topk_update(out, w->factions[f].id, f, resolved ? (double)delivered / (double)resolved : 0);
	}
}

void smug_topk_window(const struct smug_world *w, enum smug_topk_kind kind, int days,
		      struct smug_topk *out)
{
	int n = w->tel.n_topk_days;

	memset(out, 0, sizeof *out);
	if (days > n)
		days = n;
	if (days < 1 || w->tel.topk_days == NULL)
		return;
	switch (kind) {
	case SMUG_TOPK_ROUTES: window_routes(w, days, out); break;
	case SMUG_TOPK_BORDERS: window_borders(w, days, out); break;
	case SMUG_TOPK_FACTIONS:
		/* only days simulated (the first is start_day + 1): at the
		 * start day no faction is listed, as in the all-time list,
		 * rather than every network at 0 */
		if (days > w->day - w->start_day)
			days = w->day - w->start_day;
		if (days >= 1)
			window_factions(w, days < SMUG_CHART_DAYS ? days : SMUG_CHART_DAYS, out);
		break;
	default: break;
	}
}

void smug_topk_all(const struct smug_world *w, enum smug_topk_kind kind, struct smug_topk *out)
{
	const struct smug_telemetry *t = &w->tel;

	memset(out, 0, sizeof *out);
	switch (kind) {
	case SMUG_TOPK_ROUTES:
		for (int i = 0; i < t->hot_routes.n; i++)
			route_entry(w, &t->routes[t->hot_routes.e[i].index].route, t->hot_routes.e[i].score,
				    &out->e[out->n++]);
		break;
	case SMUG_TOPK_BORDERS: *out = t->hot_borders; break;
	case SMUG_TOPK_FACTIONS: *out = t->faction_success; break;
	default: break;
	}
}

/* ---- allocation ---- */

void telemetry_free(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;

	free(t->events);
	free(t->event_hashes);
	free(t->topk_days);
	t->topk_days = NULL;
	t->n_topk_days = 0;
	free(t->routes);
	free(t->route_index);
	t->routes = NULL;
	t->route_index = NULL;
	t->n_routes = 0;
	free(t->factions);
	free(t->bwin);
	free(t->bchart);
	free(t->bwin_of);
	free(t->bchart_of);
	t->events = NULL;
	t->event_hashes = NULL;
	t->events_cap = 0;
	t->factions = NULL;
	t->bwin = NULL;
	t->bchart = NULL;
	t->bwin_of = t->bchart_of = NULL;
}

enum { EVENTS_FIRST = 64 };

/* Room for at least `need` events (at most SMUG_EVENT_CAP). Until the ring
 * is full its events sit in slots 0..event_count-1 (event_head equals
 * event_count), so growing keeps every slot where it is. New slots are
 * zeroed: a load that stops part-way leaves empty events, never garbage. */
void telemetry_events_room(struct smug_telemetry *t, int need)
{
	int had = t->events_cap, cap = had;
	struct smug_event *grown;

	if (need <= cap)
		return;
	while (cap < need)
		cap = cap < EVENTS_FIRST ? EVENTS_FIRST : cap * 2;
	if (cap > SMUG_EVENT_CAP)
		cap = SMUG_EVENT_CAP;
	/* zeroed by calloc: a large block comes fresh from the system already
	 * zero, where growing it in place and clearing the new part would
	 * write every byte a second time */
	grown = xcalloc((size_t)cap, sizeof *grown);
	if (had > 0)
		memcpy(grown, t->events, (size_t)had * sizeof *grown);
	free(t->events);
	t->events = grown;
	t->event_hashes = xrealloc(t->event_hashes, (size_t)cap * sizeof *t->event_hashes);
	t->events_cap = cap;
}

/* The whole ring, every page of it touched (one write a page), so a run's
 * footprint is fixed from its first day instead of creeping up as the log
 * fills. */
void telemetry_reserve(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;
	int had = t->events_cap;
	volatile char *p;
	size_t bytes;

	telemetry_events_room(t, SMUG_EVENT_CAP);
	if (t->events_cap == had)
		return;
	p = (volatile char *)(t->events + had);
	bytes = (size_t)(t->events_cap - had) * sizeof *t->events;
	for (size_t i = 0; i < bytes; i += 4096)
		p[i] = 0;
}

void telemetry_alloc(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;
	int borders = 0, nc = w->n_corridors ? w->n_corridors : 1;

	telemetry_free(w);
	/* the event ring starts small: a world that is only loaded, checked or
	 * listed never pays for 100,000 slots; telemetry_reserve fixes the
	 * whole footprint when the world starts to simulate */
	telemetry_events_room(t, EVENTS_FIRST);
	t->factions = xcalloc((size_t)(w->n_factions ? w->n_factions : 1), sizeof *t->factions);
	for (int f = 0; f < w->n_factions; f++) {
		window_mark_empty(t->factions[f].days, SMUG_FLOW_DAYS, sizeof t->factions[f].days[0]);
		window_mark_empty(t->factions[f].chart, SMUG_CHART_DAYS, sizeof t->factions[f].chart[0]);
	}
	for (int c = 0; c < w->n_corridors; c++)
		borders += w->corridors[c].border;
	t->n_bwin = borders < SMUG_BORDER_WINDOW_DAYS * SMUG_SHIPMENT_CAP ? borders
								       : SMUG_BORDER_WINDOW_DAYS * SMUG_SHIPMENT_CAP;
	if (t->n_bwin < 1)
		t->n_bwin = 1;
	t->bwin = xcalloc((size_t)t->n_bwin, sizeof *t->bwin);
	for (int i = 0; i < t->n_bwin; i++) {
		t->bwin[i].corridor = -1;
		t->bwin[i].last_day = -1;
		window_mark_empty(t->bwin[i].d, SMUG_BORDER_WINDOW_DAYS, sizeof t->bwin[i].d[0]);
	}
	t->bchart = xcalloc(SMUG_CHART_BORDERS, sizeof *t->bchart);
	for (int i = 0; i < SMUG_CHART_BORDERS; i++) {
		t->bchart[i].corridor = -1;
		window_mark_empty(t->bchart[i].d, SMUG_CHART_DAYS, sizeof t->bchart[i].d[0]);
	}
	t->bwin_of = xmalloc((size_t)nc * sizeof *t->bwin_of);
	t->bchart_of = xmalloc((size_t)nc * sizeof *t->bchart_of);
	for (int c = 0; c < nc; c++)
		t->bwin_of[c] = t->bchart_of[c] = -1;
	t->bwin_cursor = 0;
	topk_ring_resize(w, topk_window_days(w));
	t->routes = xcalloc(SMUG_ROUTE_TALLY, sizeof *t->routes);
}

static void *dup_bytes(const void *src, size_t n)
{
	void *d = xmalloc(n ? n : 1);

	memcpy(d, src, n);
	return d;
}

void telemetry_clone(struct smug_world *dst, const struct smug_world *src)
{
	const struct smug_telemetry *s = &src->tel;
	struct smug_telemetry *t = &dst->tel;
	size_t nc = (size_t)(src->n_corridors ? src->n_corridors : 1);

	t->events = dup_bytes(s->events, (size_t)s->events_cap * sizeof *s->events);
	t->event_hashes = dup_bytes(s->event_hashes, (size_t)s->events_cap * sizeof *s->event_hashes);
	t->topk_days = dup_bytes(s->topk_days, (size_t)s->n_topk_days * sizeof *s->topk_days);
	t->routes = dup_bytes(s->routes, SMUG_ROUTE_TALLY * sizeof *s->routes);
	t->route_index = NULL; /* rebuilt on first use */
	t->factions = dup_bytes(s->factions, (size_t)(src->n_factions ? src->n_factions : 1) * sizeof *s->factions);
	t->bwin = dup_bytes(s->bwin, (size_t)s->n_bwin * sizeof *s->bwin);
	t->bchart = dup_bytes(s->bchart, SMUG_CHART_BORDERS * sizeof *s->bchart);
	t->bwin_of = dup_bytes(s->bwin_of, nc * sizeof *s->bwin_of);
	t->bchart_of = dup_bytes(s->bchart_of, nc * sizeof *s->bchart_of);
}

/* ---- the event log's digest: a sum of keyed event hashes, kept as events
 * come and go, so hashing the state costs the same with 100 or 100,000
 * events kept. Order counts through the sequence number in each hash. ---- */

/* An event's hash covers every field its text is formatted from: the
 * record's fields, then its money and count (64 bytes so far, the most
 * XXH3 takes in its four-round case: the kind and the flags share a
 * word), then its figures; or its route instead of money and count. */
static uint64_t event_hash(const struct smug_event *e, uint64_t seq)
{
	/* the fields (52 bytes), then the longer of the two tails: a route
	 * (4 + 80) over money, count and figures (12 + 40) */
	unsigned char b[52 + 4 + 4 * SMUG_EVENT_ROUTE_NODES], *p = b;

	_Static_assert(SMUG_EVENT_KIND_COUNT < 1 << 16 && SMUG_EVF_ALL < 1u << 16, "kind and flags share a word");
	p = put_le64(p, seq);
	p = put_le64(p, e->shipment);
	p = put_le64(p, (uint64_t)e->amount);
	p = put_le32(p, (uint32_t)e->day);
	p = put_le32(p, (uint32_t)e->kind | (uint32_t)e->flags << 16); /* kinds and flags below 2^16 */
	p = put_le32(p, (uint32_t)e->faction);
	p = put_le32(p, (uint32_t)e->corridor);
	p = put_le32(p, (uint32_t)e->commodity);
	p = put_le32(p, (uint32_t)e->src_ward);
	p = put_le32(p, (uint32_t)e->dst_ward);
	if (event_has_route(e)) {
		p = put_le32(p, (uint32_t)e->u.route.n);
		for (int i = 0; i < e->u.route.n; i++)
			p = put_le32(p, (uint32_t)e->u.route.nodes[i]);
	} else {
		p = put_le64(p, (uint64_t)e->u.v.money);
		p = put_le32(p, (uint32_t)e->u.v.count);
		for (int i = 0; i < event_figures(e); i++) {
			uint64_t bits;

			memcpy(&bits, &e->u.v.figure[i], 8);
			p = put_le64(p, bits);
		}
	}
	return hash_bytes(b, (size_t)(p - b));
}

static uint64_t oldest_seq(const struct smug_telemetry *t)
{
	return t->events_total - (uint64_t)t->event_count;
}

/* Fold the events logged since the last fold into the sum, keeping each
 * one's hash by its ring slot: an event is final once folded (its day has
 * ended), so the hash it leaves the ring with is the one kept. */
static void events_fold(struct smug_telemetry *t)
{
	uint64_t first = t->events_folded > oldest_seq(t) ? t->events_folded : oldest_seq(t);
	/* event q sits t->events_total - q slots behind the head */
	int slot = (t->event_head - (int)(t->events_total - first) + SMUG_EVENT_CAP) % SMUG_EVENT_CAP;

	for (uint64_t q = first; q < t->events_total; q++) {
		uint64_t h = event_hash(&t->events[slot], q);

		t->event_hashes[slot] = h;
		t->events_sum += h;
		if (++slot == SMUG_EVENT_CAP)
			slot = 0;
	}
	t->events_folded = t->events_total;
}

uint64_t telemetry_events_digest(const struct smug_telemetry *t)
{
	uint64_t sum = t->events_sum, first = t->events_folded > oldest_seq(t) ? t->events_folded : oldest_seq(t);

	for (uint64_t q = first; q < t->events_total; q++)
		sum += event_hash(smug_event_at(t, (int)(q - oldest_seq(t))), q);
	return sum;
}

void telemetry_events_rehash(struct smug_telemetry *t)
{
	t->events_sum = 0;
	t->events_folded = oldest_seq(t);
	events_fold(t);
}

struct smug_event *telemetry_event(struct smug_world *w, enum smug_event_kind k, int faction,
				   int corridor, uint64_t shipment, int commodity, int64_t amount)
{
	struct smug_telemetry *t = &w->tel;
	struct smug_event *e;

	if (t->event_count < SMUG_EVENT_CAP)
		telemetry_events_room(t, t->event_count + 1);
	e = &t->events[t->event_head];
	if (t->event_count == SMUG_EVENT_CAP && oldest_seq(t) < t->events_folded)
		t->events_sum -= t->event_hashes[t->event_head]; /* the oldest leaves the ring */

	t->event_head = (t->event_head + 1) % SMUG_EVENT_CAP;
	if (t->event_count < SMUG_EVENT_CAP)
		t->event_count++;
	t->events_total++;
	memset(e, 0, sizeof *e); /* the union's every byte, whichever member the kind uses */
	e->day = w->day;
	e->kind = k;
	e->faction = faction;
	e->corridor = corridor;
	e->shipment = shipment;
	e->commodity = commodity;
	e->amount = amount;
	e->src_ward = e->dst_ward = -1;
	flow_from_event(w, e);
	return e;
}

struct smug_event *telemetry_shipment_event(struct smug_world *w, enum smug_event_kind k,
					    const struct smug_shipment *s, int corridor, int64_t amount)
{
	struct smug_event *e = telemetry_event(w, k, s->faction, corridor, s->id, (int)s->commodity, amount);

	e->src_ward = s->src_ward;
	e->dst_ward = s->dst_ward;
	return e;
}

static void topk_border_update(struct smug_topk *t, const struct smug_world *w, int c, double score);

void telemetry_border_crossed(struct smug_world *w, int c)
{
	struct smug_telemetry *t = &w->tel;
	struct smug_border_stats *b = &w->border_stats[c];
	/* on today's list once crossed today, while the list has room (a
	 * loaded seed is checked for it: smug_world_check) */
	bool known = b->traffic_today > 0 || b->seizures_today > 0 || b->bribes_today > 0;

	b->traffic++;
	b->traffic_today++;
	border_today(w, c)->traffic++;
	topk_border_crossed(w, c);
	if (!known && t->n_touched < SMUG_TOUCHED_CAP)
		t->touched[t->n_touched++] = c;
	topk_border_update(&t->hot_borders, w, c, (double)b->traffic);
}

/* Whether entry a comes before entry b: the higher score first; equal
 * scores by key, or in the hot-routes list (routes given: an entry's
 * index is its slot in the tally) in the route order. */
static bool topk_before(const struct smug_route_tally *routes, const struct smug_topk_entry *a,
			const struct smug_topk_entry *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	return routes ? telemetry_route_cmp(&routes[a->index].route, &routes[b->index].route) < 0
		      : strcmp(a->key, b->key) < 0;
}

/* Move entry i to its place after its score changed. */
static void topk_settle(struct smug_topk *t, int i, const struct smug_route_tally *routes)
{
	struct smug_topk_entry e;

	/* in its place already (most updates: a count up by one that passes
	 * no one): the loops below would not move it */
	if ((i == 0 || topk_before(routes, &t->e[i - 1], &t->e[i])) &&
	    (i + 1 >= t->n || !topk_before(routes, &t->e[i + 1], &t->e[i])))
		return;
	e = t->e[i];
	while (i > 0 && !topk_before(routes, &t->e[i - 1], &e)) {
		t->e[i] = t->e[i - 1];
		i--;
	}
	while (i + 1 < t->n && topk_before(routes, &t->e[i + 1], &e)) {
		t->e[i] = t->e[i + 1];
		i++;
	}
	t->e[i] = e;
}

static int topk_find(const struct smug_topk *t, const char *key)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->e[i].key, key) == 0)
			return i;
	return -1;
}

/* Set the score of the entry of key (none for the hot routes) and index,
 * entry i holding it (-1: none does). */
static void topk_set(struct smug_topk *t, int i, const char *key, int index, double score,
		     const struct smug_route_tally *routes)
{
	if (i < 0) {
		struct smug_topk_entry x;

		memset(&x, 0, sizeof x);
		if (key)
			str_copy(x.key, sizeof x.key, key);
		x.index = index;
		if (t->n == SMUG_TOPK) {
			x.score = score;
			if (topk_before(routes, &t->e[t->n - 1], &x))
				return;
			i = t->n - 1;
		} else {
			i = t->n++;
		}
		t->e[i] = x;
	}
	t->e[i].index = index;
	t->e[i].score = score;
	topk_settle(t, i, routes);
}

void topk_update(struct smug_topk *t, const char *key, int index, double score)
{
	topk_set(t, topk_find(t, key), key, index, score, NULL);
}

/* The hot-routes list after route r's count went up: found by its slot. */
static void hot_route_update(struct smug_telemetry *t, int r)
{
	int i = 0;

	while (i < t->hot_routes.n && t->hot_routes.e[i].index != r)
		i++;
	topk_set(&t->hot_routes, i < t->hot_routes.n ? i : -1, NULL, r, (double)t->routes[r].count, t->routes);
}

/* topk_update for the hot-borders list, found by corridor index: every
 * entry's key is its corridor's id (telemetry writes them so, the state
 * loader refuses others) and ids are unique, so the first entry with
 * index c is the first with c's id, without comparing strings. */
static void topk_border_update(struct smug_topk *t, const struct smug_world *w, int c, double score)
{
	int i = 0;

	while (i < t->n && t->e[i].index != c)
		i++;
	topk_set(t, i < t->n ? i : -1, w->corridors[c].id, c, score, NULL);
}

/* ---- the windows as rows: the one description that snapshots write and
 * read and the digest hashes. Each row is a vector of numbers (integers
 * up to 2^53, and a crackdown's intensity), owner index first; rows come
 * in a canonical order that does not depend on pool slot positions. ---- */

static const struct tel_row_def {
	const char *name;
	int len;
	unsigned int_cols; /* bit i: column i is a count kept as int */
} row_defs[TEL_ROW_COUNT] = {
	[TEL_ROW_FLOW_TOTAL] = {"flow_total", 2 + 2 * SMUG_FLOW_KINDS, 0},
	[TEL_ROW_FLOW_TRANSIT] = {"flow_transit", 4, 0},
	[TEL_ROW_FLOW_DAY] = {"flow_day", 2 + SMUG_COMMODITY_COUNT * 2 * SMUG_FLOW_KINDS, 0},
	[TEL_ROW_FACTION_SEEN] = {"faction_seen", 3, 0},
	[TEL_ROW_FACTION_DAY] = {"faction_day", 10, 0x7c},  /* sent .. in_transit */
	[TEL_ROW_BORDER_WINDOW] = {"border_window", 2, 0},
	[TEL_ROW_BORDER_DAY] = {"border_day", 8, 0x3c},	    /* traffic .. seizures */
	[TEL_ROW_BORDER_CHART] = {"border_chart", 3, 0},
	[TEL_ROW_CHART_DAY] = {"chart_day", 9, 0x13c},	    /* and crackdown_pct */
	[TEL_ROW_CRACKDOWN_PERIOD] = {"crackdown_period", 6, 0},
};

const char *telemetry_row_name(enum tel_row k)
{
	return row_defs[k].name;
}

int telemetry_row_len(enum tel_row k)
{
	return row_defs[k].len;
}

static int flow_put(double *v, const struct smug_flow *f)
{
	for (int k = 0; k < SMUG_FLOW_KINDS; k++) {
		v[k] = (double)f->n[k];
		v[SMUG_FLOW_KINDS + k] = (double)f->value[k];
	}
	return 2 * SMUG_FLOW_KINDS;
}

static void flow_get(struct smug_flow *f, const double *v)
{
	for (int k = 0; k < SMUG_FLOW_KINDS; k++) {
		f->n[k] = (int64_t)v[k];
		f->value[k] = (int64_t)v[SMUG_FLOW_KINDS + k];
	}
}

static void border_day_put(double *v, int c, const struct smug_border_day *d, bool chart)
{
	double r[] = {c, d->day, d->traffic, d->checks, d->inspections, d->seizures,
		      (double)d->bribes, (double)d->tariffs, d->crackdown_pct};

	memcpy(v, r, (chart ? 9 : 8) * sizeof r[0]);
}

static void border_day_get(struct smug_border_day *d, const double *v, bool chart)
{
	d->day = (int)v[1];
	d->traffic = (int)v[2];
	d->checks = (int)v[3];
	d->inspections = (int)v[4];
	d->seizures = (int)v[5];
	d->bribes = (int64_t)v[6];
	d->tariffs = (int64_t)v[7];
	d->crackdown_pct = chart ? (int)v[8] : 0;
}

/* Chart slots in corridor order. */
static int bchart_sorted(const struct smug_telemetry *t, int *out)
{
	int n = 0;

	for (int i = 0; i < SMUG_CHART_BORDERS; i++) {
		int j = n;

		if (t->bchart[i].corridor < 0)
			continue;
		while (j > 0 && t->bchart[out[j - 1]].corridor > t->bchart[i].corridor) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = i;
		n++;
	}
	return n;
}

/* Faction rows: flows (totals, in transit, by day), what each faction
 * saw in bribes and tariffs, its chart days. */
static void rows_faction(const struct smug_world *w, enum tel_row k, telemetry_emit_fn emit, void *ctx)
{
	const struct smug_telemetry *t = &w->tel;
	double v[64];

	switch (k) {
	case TEL_ROW_FLOW_TOTAL:
	case TEL_ROW_FLOW_TRANSIT:
		for (int f = 0; f < w->n_factions; f++)
			for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
				v[0] = f;
				v[1] = c;
				if (k == TEL_ROW_FLOW_TOTAL) {
					flow_put(v + 2, &t->factions[f].total[c]);
				} else {
					v[2] = (double)t->factions[f].transit_n[c];
					v[3] = (double)t->factions[f].transit_value[c];
				}
				emit(ctx, v, row_defs[k].len);
			}
		break;
	case TEL_ROW_FLOW_DAY:
		for (int f = 0; f < w->n_factions; f++)
			for (int i = 0; i < SMUG_FLOW_DAYS; i++) {
				const struct smug_flow_day *d = &t->factions[f].days[i];
				int at = 2;

				if (d->day < 0 || d->day <= w->day - SMUG_FLOW_DAYS)
					continue;
				v[0] = f;
				v[1] = d->day;
				for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
					at += flow_put(v + at, &d->c[c]);
				emit(ctx, v, at);
			}
		break;
	case TEL_ROW_FACTION_SEEN:
		for (int f = 0; f < w->n_factions; f++) {
			v[0] = f;
			v[1] = (double)t->factions[f].bribes_seen;
			v[2] = (double)t->factions[f].tariffs_seen;
			emit(ctx, v, 3);
		}
		break;
	case TEL_ROW_FACTION_DAY:
		for (int f = 0; f < w->n_factions; f++)
			for (int i = 0; i < SMUG_CHART_DAYS; i++) {
				const struct smug_faction_day *d = &t->factions[f].chart[i];
				double r[] = {f, d->day, d->sent, d->delivered, d->seized, d->lost, d->in_transit,
					      (double)d->balance, (double)d->bribes, (double)d->tariffs};

				if (d->day >= 0 && d->day > w->day - SMUG_CHART_DAYS)
					emit(ctx, r, 10);
			}
		break;
	default:
		break;
	}
}

/* Border rows: each border's window and its days, each charted border
 * and its days, in corridor order. */
static void rows_border(const struct smug_world *w, enum tel_row k, telemetry_emit_fn emit, void *ctx)
{
	const struct smug_telemetry *t = &w->tel;
	double v[64];
	int order[SMUG_CHART_BORDERS], n;

	switch (k) {
	case TEL_ROW_BORDER_WINDOW:
	case TEL_ROW_BORDER_DAY:
		for (int c = 0; c < w->n_corridors && t->bwin_of; c++) {
			const struct smug_border_window *b = t->bwin_of[c] >= 0 ? &t->bwin[t->bwin_of[c]] : NULL;

			if (b == NULL || b->last_day <= w->day - SMUG_BORDER_WINDOW_DAYS)
				continue; /* nothing left inside the window */
			if (k == TEL_ROW_BORDER_WINDOW) {
				v[0] = c;
				v[1] = b->last_day;
				emit(ctx, v, 2);
				continue;
			}
			for (int i = 0; i < SMUG_BORDER_WINDOW_DAYS; i++)
				if (b->d[i].day >= 0 && b->d[i].day > w->day - SMUG_BORDER_WINDOW_DAYS) {
					border_day_put(v, c, &b->d[i], false);
					emit(ctx, v, 8);
				}
		}
		break;
	case TEL_ROW_BORDER_CHART:
	case TEL_ROW_CHART_DAY:
		n = t->bchart ? bchart_sorted(t, order) : 0; /* none in a bare world_alloc'd world */
		for (int j = 0; j < n; j++) {
			const struct smug_border_chart *b = &t->bchart[order[j]];

			if (k == TEL_ROW_BORDER_CHART) {
				v[0] = b->corridor;
				v[1] = b->since_day;
				v[2] = b->relevant_day;
				emit(ctx, v, 3);
				continue;
			}
			for (int i = 0; i < SMUG_CHART_DAYS; i++)
				if (b->d[i].day >= 0 && b->d[i].day > w->day - SMUG_CHART_DAYS) {
					border_day_put(v, b->corridor, &b->d[i], true);
					emit(ctx, v, 9);
				}
		}
		break;
	default:
		break;
	}
}

void telemetry_rows(const struct smug_world *w, enum tel_row k, telemetry_emit_fn emit, void *ctx)
{
	if (k <= TEL_ROW_FACTION_DAY) {
		rows_faction(w, k, emit, ctx);
	} else if (k != TEL_ROW_CRACKDOWN_PERIOD) {
		rows_border(w, k, emit, ctx);
	} else {
		for (int i = 0; i < w->tel.crackdown_log_count; i++) {
			const struct smug_crackdown_period *p = smug_crackdown_period_at(&w->tel, i);
			double r[] = {p->corridor, p->start_day, p->end_day, p->intensity, p->manual,
				      p->exploration};

			emit(ctx, r, 6);
		}
	}
}

static bool row_int(const double *v, int i, double lo, double hi)
{
	return v[i] >= lo && v[i] <= hi && v[i] == (double)(int64_t)v[i];
}

/* The checks every row passes: owner index, day, counters as integers
 * (money may be any integer, counts not below zero, and a count kept as
 * int no larger than one holds). */
static const char *row_check(const struct smug_world *w, enum tel_row k, const double *v, int n)
{
	bool by_faction = k <= TEL_ROW_FACTION_DAY;
	int day_col = k == TEL_ROW_FLOW_DAY || k == TEL_ROW_FACTION_DAY || k == TEL_ROW_BORDER_DAY ||
			      k == TEL_ROW_CHART_DAY || k == TEL_ROW_BORDER_WINDOW
		      ? 1 : -1;

	if (n != row_defs[k].len)
		return "wrong number of values";
	for (int i = 0; i < n; i++)
		if (!(v[i] >= -9007199254740991.0 && v[i] <= 9007199254740991.0))
			return "value out of range";
	if (by_faction ? !row_int(v, 0, 0, w->n_factions - 1) : !row_int(v, 0, 0, w->n_corridors - 1))
		return by_faction ? "unknown faction index" : "unknown corridor index";
	if (!by_faction && k != TEL_ROW_CRACKDOWN_PERIOD && !w->corridors[(int)v[0]].border)
		return "not a border";
	if ((k == TEL_ROW_FLOW_TOTAL || k == TEL_ROW_FLOW_TRANSIT) && !row_int(v, 1, 0, SMUG_COMMODITY_COUNT - 1))
		return "unknown commodity index";
	if (day_col >= 0 && !row_int(v, day_col, 0, w->day))
		return "day out of range";
	for (int i = 1; i < n; i++) {
		if (k == TEL_ROW_CRACKDOWN_PERIOD && i == 3) {
			if (!(v[i] > 0 && v[i] <= 1))
				return "intensity out of range";
			continue;
		}
		if (v[i] != (double)(int64_t)v[i])
			return "expected integers";
		if (v[i] < -1)
			return "negative count";
		if (i < 32 && (row_defs[k].int_cols >> i & 1u) && v[i] > (double)INT_MAX)
			return "count out of range";
	}
	return NULL;
}

/* A faction row into faction f's telemetry (row_check passed it). */
static const char *row_set_faction(struct smug_telemetry *t, enum tel_row k, int f, const double *v)
{
	switch (k) {
	case TEL_ROW_FLOW_TOTAL:
		flow_get(&t->factions[f].total[(int)v[1]], v + 2);
		break;
	case TEL_ROW_FLOW_TRANSIT:
		t->factions[f].transit_n[(int)v[1]] = (int64_t)v[2];
		t->factions[f].transit_value[(int)v[1]] = (int64_t)v[3];
		break;
	case TEL_ROW_FLOW_DAY: {
		struct smug_flow_day *d;

		if (window_find(t->factions[f].days, SMUG_FLOW_DAYS, sizeof *d, (int)v[1]))
			return "day repeated";
		d = window_bucket(t->factions[f].days, SMUG_FLOW_DAYS, sizeof *d, (int)v[1]);
		for (int i = 0; i < SMUG_COMMODITY_COUNT; i++)
			flow_get(&d->c[i], v + 2 + i * 2 * SMUG_FLOW_KINDS);
		break;
	}
	case TEL_ROW_FACTION_SEEN:
		t->factions[f].bribes_seen = (int64_t)v[1];
		t->factions[f].tariffs_seen = (int64_t)v[2];
		break;
	case TEL_ROW_FACTION_DAY: {
		struct smug_faction_day *d;

		if (window_find(t->factions[f].chart, SMUG_CHART_DAYS, sizeof *d, (int)v[1]))
			return "day repeated";
		d = window_bucket(t->factions[f].chart, SMUG_CHART_DAYS, sizeof *d, (int)v[1]);
		d->sent = (int)v[2];
		d->delivered = (int)v[3];
		d->seized = (int)v[4];
		d->lost = (int)v[5];
		d->in_transit = (int)v[6];
		d->balance = (int64_t)v[7];
		d->bribes = (int64_t)v[8];
		d->tariffs = (int64_t)v[9];
		break;
	}
	default:
		return "unknown row";
	}
	return NULL;
}

/* A border row (or a crackdown period) into corridor c's telemetry
 * (row_check passed it). */
static const char *row_set_border(struct smug_world *w, enum tel_row k, int c, const double *v)
{
	struct smug_telemetry *t = &w->tel;
	int slot;

	switch (k) {
	case TEL_ROW_BORDER_WINDOW:
		if (t->bwin_of[c] >= 0)
			return "border repeated";
		if (t->bwin[t->bwin_cursor].corridor >= 0) /* rows fill the pool from slot 0 */
			return "too many border windows";
		bwin_alloc(t, c, (int)v[1]);
		break;
	case TEL_ROW_BORDER_DAY: {
		struct smug_border_window *b = t->bwin_of[c] >= 0 ? &t->bwin[t->bwin_of[c]] : NULL;
		struct smug_border_day *d;

		if (b == NULL)
			return "day of a border without a window";
		if (v[1] > b->last_day || window_find(b->d, SMUG_BORDER_WINDOW_DAYS, sizeof *d, (int)v[1]))
			return "day repeated or after the window's last day";
		d = window_bucket(b->d, SMUG_BORDER_WINDOW_DAYS, sizeof *d, (int)v[1]);
		border_day_get(d, v, false);
		break;
	}
	case TEL_ROW_BORDER_CHART:
		if (t->bchart_of[c] >= 0)
			return "border repeated";
		for (slot = 0; slot < SMUG_CHART_BORDERS && t->bchart[slot].corridor >= 0; slot++)
			;
		if (slot == SMUG_CHART_BORDERS)
			return "too many border charts";
		/* a chart starts on day 1 at the earliest: bchart_admit starts one on the
		 * day after the start or later, and a start is day 0 or later */
		if (!row_int(v, 1, 1, w->day + 1) || !row_int(v, 2, 0, w->day))
			return "day out of range";
		t->bchart[slot].corridor = c;
		t->bchart[slot].since_day = (int)v[1];
		t->bchart[slot].relevant_day = (int)v[2];
		t->bchart_of[c] = slot;
		break;
	case TEL_ROW_CHART_DAY: {
		struct smug_border_chart *b = t->bchart_of[c] >= 0 ? &t->bchart[t->bchart_of[c]] : NULL;
		struct smug_border_day *d;

		if (b == NULL)
			return "day of a border without a chart";
		if (window_find(b->d, SMUG_CHART_DAYS, sizeof *d, (int)v[1]))
			return "day repeated";
		d = window_bucket(b->d, SMUG_CHART_DAYS, sizeof *d, (int)v[1]);
		border_day_get(d, v, true);
		break;
	}
	case TEL_ROW_CRACKDOWN_PERIOD:
		if (t->crackdown_log_count == SMUG_CRACKDOWN_LOG)
			return "too many crackdown periods";
		if (!row_int(v, 1, 0, w->day + 1) || !row_int(v, 2, -1, w->day) || !row_int(v, 4, 0, 1) ||
		    !row_int(v, 5, 0, 1))
			return "day or flag out of range";
		t->crackdown_log[t->crackdown_log_head] = (struct smug_crackdown_period){
			c, (int)v[1], (int)v[2], v[3], v[4] != 0, v[5] != 0};
		t->crackdown_log_head = (t->crackdown_log_head + 1) % SMUG_CRACKDOWN_LOG;
		t->crackdown_log_count++;
		break;
	default:
		return "unknown row";
	}
	return NULL;
}

const char *telemetry_row_set(struct smug_world *w, enum tel_row k, int index, const double *v, int n)
{
	const char *why = row_check(w, k, v, n);

	if (why)
		return why;
	/* one row per faction (and commodity), in order */
	if ((k == TEL_ROW_FLOW_TOTAL || k == TEL_ROW_FLOW_TRANSIT) &&
	    (v[0] != index / SMUG_COMMODITY_COUNT || v[1] != index % SMUG_COMMODITY_COUNT))
		return "out of order";
	if (k == TEL_ROW_FACTION_SEEN && v[0] != index)
		return "out of order";
	/* v[0]: an index row_check found in range */
	return k <= TEL_ROW_FACTION_DAY ? row_set_faction(&w->tel, k, (int)v[0], v)
					: row_set_border(w, k, (int)v[0], v);
}
