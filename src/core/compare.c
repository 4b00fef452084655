/* Two worlds side by side, for what-if branches and seed diffs: per
 * smuggling faction its balance, shipments, outcomes and bribes; per
 * border its traffic, seizures, bribes and crackdown; per lane the route
 * each world last chose, with the faction's risk estimates on the edges
 * that differ (why it chose otherwise). Everything is matched by id, so
 * worlds of different scenarios compare on what they share. Sorted by
 * the size of the change, ties by id. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static int64_t abs64(int64_t v)
{
	return v < 0 ? -v : v;
}

static void fill_faction(const struct smug_world *w, int f, int side, struct smug_cmp_faction *c)
{
	const struct smug_faction *fa = &w->factions[f];

	c->in[side] = true;
	c->balance[side] = w->ledger.accounts[fa->account].balance;
	c->shipments[side] = fa->net.shipments;
	c->delivered[side] = fa->net.delivered;
	c->seized[side] = fa->net.seized;
	c->lost[side] = fa->net.lost;
	c->bribes[side] = fa->net.bribes_spent;
	c->success[side] = smug_network_success_rate(&fa->net);
}

static struct smug_cmp_faction *faction_slot(struct smug_comparison *c, const char *id)
{
	for (int i = 0; i < c->n_factions; i++)
		if (strcmp(c->factions[i].id, id) == 0)
			return &c->factions[i];
	if (c->n_factions == (int)(sizeof c->factions / sizeof c->factions[0]))
		return NULL;
	memset(&c->factions[c->n_factions], 0, sizeof c->factions[0]);
	str_copy(c->factions[c->n_factions].id, sizeof c->factions[0].id, id);
	return &c->factions[c->n_factions++];
}

static int cmp_faction(const void *x, const void *y)
{
	const struct smug_cmp_faction *a = x, *b = y;
	int64_t da = abs64(a->balance[1] - a->balance[0]), db = abs64(b->balance[1] - b->balance[0]);

	if (da != db)
		return da > db ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void compare_factions(const struct smug_world *const w[2], struct smug_comparison *c)
{
	for (int side = 0; side < 2; side++)
		for (int f = 0; f < w[side]->n_factions; f++) {
			struct smug_cmp_faction *s;

			if (!w[side]->factions[f].runs_network)
				continue;
			if ((s = faction_slot(c, w[side]->factions[f].id)) != NULL)
				fill_faction(w[side], f, side, s);
		}
	qsort(c->factions, (size_t)c->n_factions, sizeof c->factions[0], cmp_faction);
}

static void fill_border(const struct smug_world *w, int k, int side, struct smug_cmp_border *b)
{
	const struct smug_border_stats *s = &w->border_stats[k];

	b->in[side] = true;
	b->traffic[side] = s->traffic;
	b->seizures[side] = s->seizures;
	b->bribes[side] = s->bribes;
	b->crackdown[side] = smug_world_crackdown_on(w, k) != NULL;
}

static bool border_differs(const struct smug_cmp_border *b)
{
	return b->in[0] != b->in[1] || b->traffic[0] != b->traffic[1] || b->seizures[0] != b->seizures[1] ||
	       b->bribes[0] != b->bribes[1] || b->crackdown[0] != b->crackdown[1];
}

static int cmp_border(const void *x, const void *y)
{
	const struct smug_cmp_border *a = x, *b = y;
	int64_t da = abs64(a->traffic[1] - a->traffic[0]), db = abs64(b->traffic[1] - b->traffic[0]);

	if (da != db)
		return da > db ? -1 : 1;
	da = abs64(a->seizures[1] - a->seizures[0]);
	db = abs64(b->seizures[1] - b->seizures[0]);
	if (da != db)
		return da > db ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Borders of a in corridor order, then those only b has; no scan of b
 * per corridor of a beyond one lookup by id. */
static void compare_borders(const struct smug_world *const w[2], struct smug_comparison *c)
{
	int cap = 16;

	c->borders = xcalloc((size_t)cap, sizeof *c->borders);
	for (int side = 0; side < 2; side++)
		for (int k = 0; k < w[side]->n_corridors; k++) {
			const struct smug_corridor *co = &w[side]->corridors[k];
			int other = smug_world_find_corridor(w[1 - side], co->id);
			struct smug_cmp_border b;

			memset(&b, 0, sizeof b);

			if (!co->border || (side == 1 && other >= 0))
				continue; /* each shared corridor once, from a */
			str_copy(b.id, sizeof b.id, co->id);
			fill_border(w[side], k, side, &b);
			if (other >= 0)
				fill_border(w[1 - side], other, 1 - side, &b);
			if (!border_differs(&b))
				continue;
			if (c->n_borders == cap)
				c->borders = xrealloc(c->borders, (size_t)(cap *= 2) * sizeof *c->borders);
			c->borders[c->n_borders++] = b;
		}
	qsort(c->borders, (size_t)c->n_borders, sizeof *c->borders, cmp_border);
}

/* The faction's risk estimate of crossing corridor `corr` (by id), as
 * text: its statistic, or "prior" when it has none. */
static void risk_text(const struct smug_world *w, int f, const char *corr, char *buf, size_t size)
{
	int k = smug_world_find_corridor(w, corr);
	const struct smug_network *n = f >= 0 ? &w->factions[f].net : NULL;

	snprintf(buf, size, "prior");
	if (k < 0 || n == NULL)
		return;
	for (int i = 0; i < n->n_edge_stats; i++)
		if (n->edge_stats[i].corridor == k)
			snprintf(buf, size, "%.3f", n->edge_stats[i].risk_est);
}

/* Corridor ids of a route, for set differences. */
static int route_corridors(const struct smug_world *w, const struct smug_lane *ln, char ids[][SMUG_ID_MAX * 2])
{
	int n = 0;

	for (int i = 0; i + 1 < ln->route_len; i++) {
		const int *r = ln->route_nodes;

		snprintf(ids[n++], SMUG_ID_MAX * 2, "%s|%s", r[i] < r[i + 1] ? w->nodes[r[i]].id : w->nodes[r[i + 1]].id,
			 r[i] < r[i + 1] ? w->nodes[r[i + 1]].id : w->nodes[r[i]].id);
	}
	return n;
}

/* For each edge one route has and the other lacks: the risk_est each
 * world's faction holds for it, as whole parts joined by ", "; the edges
 * past what the field holds are counted at its end ("3 more"). */
static void explain_change(const struct smug_world *const w[2], const int f[2], const struct smug_lane *ln[2],
			   struct smug_cmp_route *r)
{
	char ids[2][SMUG_ROUTE_MAX_NODES][SMUG_ID_MAX * 2];
	int n[2] = {0, 0};

	for (int s = 0; s < 2; s++)
		if (ln[s])
			n[s] = route_corridors(w[s], ln[s], ids[s]);
	for (int s = 0; s < 2; s++) {
		/* room kept for the count of the edges left out */
		size_t at = 0, room = sizeof r->why[s] - sizeof ", 99 more";
		int more = 0;

		r->why[s][0] = '\0';
		for (int i = 0; i < n[s]; i++) {
			bool shared = false;
			char mine[16], theirs[16], part[2 * SMUG_ID_MAX + 80];
			int len;

			for (int j = 0; j < n[1 - s] && !shared; j++)
				shared = strcmp(ids[s][i], ids[1 - s][j]) == 0;
			if (shared)
				continue;
			risk_text(w[s], f[s], ids[s][i], mine, sizeof mine);
			risk_text(w[1 - s], f[1 - s], ids[s][i], theirs, sizeof theirs);
			len = snprintf(part, sizeof part, "%s%s risk_est %s (other %s)", at ? ", " : "", ids[s][i], mine,
				       theirs);
			if (more > 0 || len < 0 || (size_t)len >= sizeof part || at + (size_t)len >= room) {
				more++;
				continue;
			}
			memcpy(r->why[s] + at, part, (size_t)len + 1);
			at += (size_t)len;
		}
		if (more > 0)
			snprintf(r->why[s] + at, sizeof r->why[s] - at, "%s%d more", at ? ", " : "", more);
	}
}

static const struct smug_lane *find_lane(const struct smug_world *w, int f, const struct smug_world *wl,
					 const struct smug_lane *like)
{
	const struct smug_network *n;

	if (f < 0)
		return NULL;
	n = &w->factions[f].net;
	for (int i = 0; i < n->n_lanes; i++)
		if (n->lanes[i].commodity == like->commodity &&
		    strcmp(w->wards[n->lanes[i].src_ward].id, wl->wards[like->src_ward].id) == 0 &&
		    strcmp(w->wards[n->lanes[i].dst_ward].id, wl->wards[like->dst_ward].id) == 0)
			return &n->lanes[i];
	return NULL;
}

static bool same_route(const struct smug_world *const w[2], const struct smug_lane *ln[2])
{
	if (!ln[0] || !ln[1] || ln[0]->route_len != ln[1]->route_len)
		return false;
	for (int i = 0; i < ln[0]->route_len; i++)
		if (strcmp(w[0]->nodes[ln[0]->route_nodes[i]].id, w[1]->nodes[ln[1]->route_nodes[i]].id) != 0)
			return false;
	return true;
}

static void add_route(const struct smug_world *const w[2], const int f[2], const struct smug_lane *ln[2],
		      struct smug_comparison *c)
{
	struct smug_cmp_route *r;
	int s0 = ln[0] ? 0 : 1;

	c->routes_total++;
	if (c->n_routes == SMUG_CMP_ROUTES)
		return;
	r = &c->routes[c->n_routes++];
	memset(r, 0, sizeof *r);
	str_copy(r->faction, sizeof r->faction, w[s0]->factions[f[s0]].id);
	r->commodity = ln[s0]->commodity;
	str_copy(r->src, sizeof r->src, w[s0]->wards[ln[s0]->src_ward].id);
	str_copy(r->dst, sizeof r->dst, w[s0]->wards[ln[s0]->dst_ward].id);
	for (int s = 0; s < 2; s++) {
		r->last_day[s] = ln[s] ? ln[s]->last_day : -1;
		if (ln[s])
			smug_route_format(w[s], ln[s]->route_nodes, ln[s]->route_len, r->route[s], sizeof r->route[s]);
	}
	explain_change(w, f, ln, r);
}

static void compare_routes(const struct smug_world *const w[2], struct smug_comparison *c)
{
	for (int fa = 0; fa < w[0]->n_factions; fa++) {
		int f[2] = {fa, smug_world_find_faction(w[1], w[0]->factions[fa].id)};
		const struct smug_network *n = &w[0]->factions[fa].net;

		for (int i = 0; i < n->n_lanes; i++) {
			const struct smug_lane *ln[2] = {&n->lanes[i], find_lane(w[1], f[1], w[0], &n->lanes[i])};

			if (!same_route(w, ln))
				add_route(w, f, ln, c);
		}
		if (f[1] < 0)
			continue;
		/* lanes only b uses */
		for (int i = 0; i < w[1]->factions[f[1]].net.n_lanes; i++) {
			const struct smug_lane *lb = &w[1]->factions[f[1]].net.lanes[i];
			const struct smug_lane *ln[2] = {find_lane(w[0], fa, w[1], lb), lb};

			if (ln[0] == NULL)
				add_route(w, f, ln, c);
		}
	}
}

static int cmp_commodity(const void *x, const void *y)
{
	const struct smug_cmp_commodity *a = x, *b = y;
	int64_t da = abs64(a->delivered[1] - a->delivered[0]), db = abs64(b->delivered[1] - b->delivered[0]);

	if (da != db)
		return da > db ? -1 : 1;
	return (a->commodity > b->commodity) - (a->commodity < b->commodity);
}

static void compare_commodities(const struct smug_world *const w[2], struct smug_comparison *c)
{
	for (int k = 0; k < SMUG_COMMODITY_COUNT; k++) {
		struct smug_cmp_commodity *m = &c->commodities[k];

		m->commodity = (enum smug_commodity)k;
		for (int s = 0; s < 2; s++)
			for (int f = 0; f < w[s]->n_factions; f++) {
				const struct smug_flow *fl = &w[s]->tel.factions[f].total[k];

				m->sent[s] += fl->n[SMUG_FLOW_SENT];
				m->delivered[s] += fl->n[SMUG_FLOW_DELIVERED];
				m->seized[s] += fl->n[SMUG_FLOW_SEIZED];
				m->lost[s] += fl->n[SMUG_FLOW_LOST];
				m->value_delivered[s] += fl->value[SMUG_FLOW_DELIVERED];
			}
	}
	qsort(c->commodities, SMUG_COMMODITY_COUNT, sizeof c->commodities[0], cmp_commodity);
}

void smug_compare(const struct smug_world *a, const struct smug_world *b, struct smug_comparison *out)
{
	const struct smug_world *const w[2] = {a, b};

	memset(out, 0, sizeof *out);
	out->same_scenario = a->scenario_hash == b->scenario_hash && strcmp(a->scenario_id, b->scenario_id) == 0;
	for (int s = 0; s < 2; s++) {
		out->day[s] = w[s]->day;
		out->digest[s] = smug_world_digest(w[s]);
	}
	compare_factions(w, out);
	compare_borders(w, out);
	compare_commodities(w, out);
	compare_routes(w, out);
}

void smug_comparison_done(struct smug_comparison *c)
{
	free(c->borders);
	c->borders = NULL;
	c->n_borders = 0;
}
