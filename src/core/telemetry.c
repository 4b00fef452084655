/* Telemetry (stage 8): today's and total counters, per-border day
 * counters rolled without scanning all corridors (only the borders
 * touched yesterday and today), TopK lists updated in place, a daily
 * history ring and a bounded event log. Modules count into tel.today;
 * telemetry_end_day folds today into total. */
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

void telemetry_begin_day(struct smug_world *w)
{
	struct smug_telemetry *t = &w->tel;

	memset(&t->today, 0, sizeof t->today);
	for (int i = 0; i < t->n_touched_yday; i++) {
		struct smug_border_stats *b = &w->border_stats[t->touched_yday[i]];

		b->traffic_yday = b->seizures_yday = 0;
		b->bribes_yday = 0;
	}
	for (int i = 0; i < t->n_touched; i++) {
		struct smug_border_stats *b = &w->border_stats[t->touched[i]];

		b->traffic_yday = b->traffic_today;
		b->seizures_yday = b->seizures_today;
		b->bribes_yday = b->bribes_today;
		b->traffic_today = b->seizures_today = 0;
		b->bribes_today = 0;
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
	qsort(all, (size_t)n, sizeof all[0], cmp_success);
	t->faction_success.n = n < SMUG_TOPK ? n : SMUG_TOPK;
	memcpy(t->faction_success.e, all, (size_t)t->faction_success.n * sizeof all[0]);
}

struct smug_event *telemetry_event(struct smug_world *w, enum smug_event_kind k, int faction,
				   int corridor, uint64_t shipment, int commodity, int64_t amount)
{
	struct smug_telemetry *t = &w->tel;
	struct smug_event *e = &t->events[t->event_head];

	t->event_head = (t->event_head + 1) % SMUG_EVENT_CAP;
	if (t->event_count < SMUG_EVENT_CAP)
		t->event_count++;
	t->events_total++;
	*e = (struct smug_event){w->day, k, faction, corridor, shipment, commodity, amount, ""};
	return e;
}

void telemetry_border_crossed(struct smug_world *w, int c)
{
	struct smug_telemetry *t = &w->tel;
	struct smug_border_stats *b = &w->border_stats[c];
	bool known = b->traffic_today > 0 || b->seizures_today > 0 || b->bribes_today > 0;

	if (!known)
		for (int i = 0; i < t->n_touched && !known; i++)
			known = t->touched[i] == c;
	b->traffic++;
	b->traffic_today++;
	if (!known && t->n_touched < SMUG_TOUCHED_CAP)
		t->touched[t->n_touched++] = c;
	topk_update(&t->hot_borders, w->corridors[c].id, c, (double)b->traffic);
}

static bool topk_before(const struct smug_topk_entry *a, double score, const char *key)
{
	return a->score > score || (a->score == score && strcmp(a->key, key) < 0);
}

/* Move entry i to its place after its score changed. */
static void topk_settle(struct smug_topk *t, int i)
{
	struct smug_topk_entry e = t->e[i];

	while (i > 0 && !topk_before(&t->e[i - 1], e.score, e.key)) {
		t->e[i] = t->e[i - 1];
		i--;
	}
	while (i + 1 < t->n && topk_before(&t->e[i + 1], e.score, e.key)) {
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

void topk_update(struct smug_topk *t, const char *key, int index, double score)
{
	int i = topk_find(t, key);

	if (i < 0) {
		if (t->n == SMUG_TOPK) {
			if (topk_before(&t->e[t->n - 1], score, key))
				return;
			i = t->n - 1;
		} else {
			i = t->n++;
		}
		memset(&t->e[i], 0, sizeof t->e[i]);
		str_copy(t->e[i].key, sizeof t->e[i].key, key);
	}
	t->e[i].index = index;
	t->e[i].score = score;
	topk_settle(t, i);
}

void topk_add(struct smug_topk *t, const char *key, int index, double inc)
{
	int i = topk_find(t, key);

	if (i < 0) {
		double base = 0;

		if (t->n == SMUG_TOPK) {
			i = t->n - 1; /* space-saving: replace the smallest, inherit its count */
			base = t->e[i].score;
		} else {
			i = t->n++;
		}
		memset(&t->e[i], 0, sizeof t->e[i]);
		str_copy(t->e[i].key, sizeof t->e[i].key, key);
		t->e[i].score = base;
	}
	t->e[i].index = index;
	t->e[i].score += inc;
	topk_settle(t, i);
}
