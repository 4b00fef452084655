/* The world object: allocation, derived indices (adjacency, borders,
 * gates, accounts), deep copy, lookups by id and the names of enums.
 * Invariant: every id-ordered array is sorted by strcmp and indices into
 * it are stable for the life of the world. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define ROUTE_CACHE_CAPACITY 256

extern const char smug_default_json[];
extern const size_t smug_default_json_len;

const char *smug_version(void)
{
	return "0.1.0";
}

const char *smug_default_scenario(size_t *len)
{
	if (len)
		*len = smug_default_json_len;
	return smug_default_json;
}

enum smug_status smug_world_load_default(struct smug_world **out,
					 struct smug_error *err)
{
	return smug_world_load_json(smug_default_json, smug_default_json_len,
				    SMUG_DEFAULT_WORLD_NAME, out, err);
}

void world_set_scenario_text(struct smug_world *w, const char *text, size_t len)
{
	if (w->scenario_owned)
		free((char *)(uintptr_t)w->scenario_text);
	w->scenario_len = len;
	w->scenario_owned = text != smug_default_json;
	if (w->scenario_owned) {
		char *copy = xmalloc(len + 1);

		memcpy(copy, text, len);
		copy[len] = '\0';
		text = copy;
	}
	w->scenario_text = text;
}

struct smug_world *world_alloc(void)
{
	struct smug_world *w = xcalloc(1, sizeof *w);

	smug_config_defaults(&w->cfg);
	scenario_default_commodities(w->commodities);
	journal_init(&w->journal);
	return w;
}

void smug_world_free(struct smug_world *w)
{
	if (w == NULL)
		return;
	free(w->wards);
	free(w->nodes);
	free(w->adj);
	free(w->corridors);
	free(w->border_stats);
	free(w->factions);
	shipments_done(w);
	telemetry_free(w);
	ledger_done(&w->ledger);
	journal_done(&w->journal);
	if (w->scenario_owned)
		free((char *)(uintptr_t)w->scenario_text);
	route_cache_free(w->route_cache);
	plan_memo_free(w->plan_memo);
	free(w->economy_held);
	free(w->rest_shortage_avg);
	free(w->econ_wards);
	free(w);
}

static void *dup_array(const void *src, size_t n, size_t size)
{
	void *d = xcalloc(n ? n : 1, size);

	if (n)
		memcpy(d, src, n * size);
	return d;
}

struct smug_world *smug_world_clone(const struct smug_world *src)
{
	struct smug_world *w = xmalloc(sizeof *w);
	memcpy(w, src, sizeof *w);
	w->wards = dup_array(src->wards, (size_t)src->n_wards, sizeof *w->wards);
	w->nodes = dup_array(src->nodes, (size_t)src->n_nodes, sizeof *w->nodes);
	w->adj = dup_array(src->adj, (size_t)src->n_adj, sizeof *w->adj);
	w->corridors = dup_array(src->corridors, (size_t)src->n_corridors, sizeof *w->corridors);
	w->border_stats = dup_array(src->border_stats, (size_t)src->n_corridors, sizeof *w->border_stats);
	w->factions = dup_array(src->factions, (size_t)src->n_factions, sizeof *w->factions);
	shipments_clone(w, src); /* the road only: the day's queues are not state */
	w->ledger.accounts = dup_array(src->ledger.accounts, (size_t)src->ledger.n_accounts,
				       sizeof *w->ledger.accounts);
	telemetry_clone(w, src);
	memset(&w->journal, 0, sizeof w->journal);
	journal_copy(&w->journal, &src->journal);
	w->scenario_owned = false;
	w->scenario_text = NULL;
	if (src->scenario_text)
		world_set_scenario_text(w, src->scenario_text, src->scenario_len);
	w->route_cache = route_cache_new(ROUTE_CACHE_CAPACITY);
	w->plan_memo = NULL; /* rebuilt on the next plan */
	w->economy_held = NULL; /* likewise */
	w->economy_held_cap = 0;
	w->rest_shortage_avg = NULL; /* made anew below, with a new rest key */
	w->rest_shortage_n = 0;
	w->econ_wards = NULL;
	w->econ_wards_n = 0;
	signals_size_scratch(w);
	return w;
}

enum smug_status smug_world_reseed(struct smug_world *w, uint64_t seed,
				   struct smug_error *err)
{
	if (w->day != w->start_day || w->tel.total.shipments_created != 0)
		return smug_error_set(err, SMUG_ERR_ARG,
				      "seed: can only be set before the first day is simulated");
	w->seed = seed;
	journal_cmd(w, &(struct smug_cmd){.kind = SMUG_CMD_RESEED, .seed = seed});
	return SMUG_OK;
}

static int cmp_adj_node(const void *a, const void *b)
{
	const struct smug_adj *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->corridor < y->corridor ? -1 : x->corridor > y->corridor;
}

static void world_build_adjacency(struct smug_world *w)
{
	int *fill;

	for (int i = 0; i < w->n_nodes; i++)
		w->nodes[i].adj_count = 0;
	for (int c = 0; c < w->n_corridors; c++) {
		w->nodes[w->corridors[c].a].adj_count++;
		w->nodes[w->corridors[c].b].adj_count++;
	}
	w->n_adj = 2 * w->n_corridors;
	free(w->adj);
	w->adj = xcalloc((size_t)(w->n_adj ? w->n_adj : 1), sizeof *w->adj);
	fill = xcalloc((size_t)(w->n_nodes ? w->n_nodes : 1), sizeof *fill);
	for (int i = 0, at = 0; i < w->n_nodes; i++) {
		w->nodes[i].adj_first = at;
		at += w->nodes[i].adj_count;
	}
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		int a = k->a, b = k->b;

		w->adj[w->nodes[a].adj_first + fill[a]++] = (struct smug_adj){c, b};
		w->adj[w->nodes[b].adj_first + fill[b]++] = (struct smug_adj){c, a};
	}
	for (int i = 0; i < w->n_nodes; i++)
		qsort(w->adj + w->nodes[i].adj_first, (size_t)w->nodes[i].adj_count,
		      sizeof *w->adj, cmp_adj_node);
	free(fill);
}

/* The accounts, named and ordered by id: the black market, the factions,
 * the treasury, the wards. Balances start at zero. */
static void world_build_accounts(struct smug_world *w)
{
	struct smug_ledger *l = &w->ledger;
	int n = 2 + w->n_factions + 2 * w->n_wards, at = 0;

	/* created in id order: blackmarket < buyers:* < fac:* < state:* < ward:* */
	ledger_init(l, n);
	snprintf(l->accounts[at].id, sizeof l->accounts[at].id, "acct:blackmarket");
	l->blackmarket = at++;
	for (int i = 0; i < w->n_wards; i++) {
		snprintf(l->accounts[at].id, sizeof l->accounts[at].id, "acct:buyers:%s",
			 w->wards[i].id);
		w->wards[i].buyers = at++;
	}
	for (int f = 0; f < w->n_factions; f++) {
		snprintf(l->accounts[at].id, sizeof l->accounts[at].id, "acct:fac:%s",
			 w->factions[f].id);
		w->factions[f].account = at++;
	}
	snprintf(l->accounts[at].id, sizeof l->accounts[at].id, "acct:state:treasury");
	l->treasury = at++;
	for (int i = 0; i < w->n_wards; i++) {
		snprintf(l->accounts[at].id, sizeof l->accounts[at].id, "acct:ward:%s",
			 w->wards[i].id);
		w->wards[i].account = at++;
	}
}

void world_init_networks(struct smug_world *w)
{
	for (int f = 0; f < w->n_factions; f++) {
		struct smug_faction *fa = &w->factions[f];
		struct smug_network *n = &fa->net;

		memset(n, 0, sizeof *n);
		memcpy(n->commodity_prefs, fa->profile, sizeof n->commodity_prefs);
		n->bribe_budget_fraction = w->cfg.smuggling.bribe_budget_fraction;
		fa->bribe_budget_fraction = -1; /* follow the config unless the scenario says */
		n->last_run_day = -1;
		n->offer_fill = n->plan_offer_fill = 1.0; /* until its budget says otherwise */
	}
}

void world_refresh_capacity(struct smug_world *w)
{
	w->enforcement_capacity = 0;
	for (int i = 0; i < w->n_wards; i++)
		w->enforcement_capacity += w->wards[i].customs.enforcement_points;
	w->enforcement_capacity *= w->cfg.crackdown.capacity_per_point;
}

void world_index(struct smug_world *w)
{
	for (int c = 0; c < w->n_corridors; c++) {
		struct smug_corridor *k = &w->corridors[c];

		k->border = w->nodes[k->a].ward != w->nodes[k->b].ward;
		k->route_weight = (int64_t)k->travel_days *
				  (1000 + (int64_t)(350.0 * k->hazard + 0.5));
	}
	w->route_wmax = 0;
	for (int c = 0; c < w->n_corridors; c++)
		if (w->corridors[c].route_weight > w->route_wmax)
			w->route_wmax = w->corridors[c].route_weight;
	w->span2_max = 0;
	for (int c = 0; c < w->n_corridors; c++) {
		const double *pa = w->wards[w->nodes[w->corridors[c].a].ward].pos;
		const double *pb = w->wards[w->nodes[w->corridors[c].b].ward].pos;
		double dx = pa[0] - pb[0], dy = pa[1] - pb[1];

		if (dx * dx + dy * dy > w->span2_max)
			w->span2_max = dx * dx + dy * dy;
	}
	world_build_adjacency(w);
	for (int i = 0; i < w->n_wards; i++)
		w->wards[i].gate_node = -1;
	for (int i = 0; i < w->n_nodes; i++) {
		struct smug_ward *wa = &w->wards[w->nodes[i].ward];

		if (wa->gate_node < 0)
			wa->gate_node = i; /* nodes are sorted: the first is the smallest id */
	}
	for (int f = 0; f < w->n_factions; f++)
		w->factions[f].runs_network = w->factions[f].kind == SMUG_FACTION_CRIMINAL ||
					      w->factions[f].kind == SMUG_FACTION_RAIDER;
	world_build_accounts(w);
	world_refresh_capacity(w);
	route_cache_free(w->route_cache);
	w->route_cache = route_cache_new(ROUTE_CACHE_CAPACITY);
	plan_memo_free(w->plan_memo);
	w->plan_memo = NULL;
	signals_size_scratch(w);
}

void world_finish(struct smug_world *w)
{
	struct smug_ledger *l = &w->ledger;

	for (int i = 0; i < w->n_wards; i++)
		w->wards[i].base = w->wards[i].sig;
	world_index(w);
	ledger_post(l, w->day, -1, l->blackmarket, w->initial_blackmarket,
		    SMUG_TX_INITIAL_BALANCE);
	ledger_post(l, w->day, -1, l->treasury, w->initial_treasury,
		    SMUG_TX_INITIAL_BALANCE);
	for (int i = 0; i < w->n_wards; i++)
		ledger_post(l, w->day, -1, w->wards[i].buyers, w->initial_buyers,
			    SMUG_TX_INITIAL_BALANCE);
	for (int f = 0; f < w->n_factions; f++)
		ledger_post(l, w->day, -1, w->factions[f].account,
			    w->factions[f].initial_balance, SMUG_TX_INITIAL_BALANCE);
	free(w->border_stats);
	w->border_stats = xcalloc((size_t)(w->n_corridors ? w->n_corridors : 1),
				  sizeof *w->border_stats);
	shipments_init(w, 0, true);
	w->next_shipment_id = 1;
	w->decisions_day = -1;
	world_init_networks(w);
	telemetry_alloc(w);
}

/* ---- lookups ---- */

#define FIND_BY_ID(arr, n, id)                                                 \
	do {                                                                   \
		int lo = 0, hi = (n)-1;                                        \
		while (lo <= hi) {                                             \
			int mid = lo + (hi - lo) / 2;                          \
			int c = strcmp((arr)[mid].id, (id));                   \
			if (c == 0)                                            \
				return mid;                                    \
			if (c < 0)                                             \
				lo = mid + 1;                                  \
			else                                                   \
				hi = mid - 1;                                  \
		}                                                              \
		return -1;                                                     \
	} while (0)

int smug_world_find_ward(const struct smug_world *w, const char *id)
{
	FIND_BY_ID(w->wards, w->n_wards, id);
}

int smug_world_find_node(const struct smug_world *w, const char *id)
{
	FIND_BY_ID(w->nodes, w->n_nodes, id);
}

int smug_world_find_corridor(const struct smug_world *w, const char *id)
{
	FIND_BY_ID(w->corridors, w->n_corridors, id);
}

/* Edit distance of a and b (ids are short), or more than `cap` once it
 * is certain to exceed it. */
static int edit_distance(const char *a, const char *b, int cap)
{
	int la = (int)strlen(a), lb = (int)strlen(b), row[SMUG_ID_MAX * 2 + 1];

	if (la > SMUG_ID_MAX * 2 || lb > SMUG_ID_MAX * 2 || abs(la - lb) > cap)
		return cap + 1;
	for (int j = 0; j <= lb; j++)
		row[j] = j;
	for (int i = 1; i <= la; i++) {
		int diag = row[0], best;

		row[0] = i;
		best = row[0];
		for (int j = 1; j <= lb; j++) {
			int up = row[j], v = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
	}
	return row[lb];
}

int smug_world_nearest_corridors(const struct smug_world *w, const char *id, int *out, int k)
{
	int key[16], n = 0;

	if (k > 16)
		k = 16;
	for (int c = 0; c < w->n_corridors && k > 0; c++) {
		/* distance first, borders before other corridors, then id order */
		int cap = n == k ? key[n - 1] / 2 : SMUG_ID_MAX * 2, d, at, kc;

		d = edit_distance(id, w->corridors[c].id, cap);
		if (d > cap)
			continue;
		kc = 2 * d + !w->corridors[c].border;
		if (n == k && kc >= key[n - 1])
			continue;
		at = n < k ? n++ : k - 1;
		while (at > 0 && key[at - 1] > kc) {
			key[at] = key[at - 1];
			out[at] = out[at - 1];
			at--;
		}
		key[at] = kc;
		out[at] = c;
	}
	return n;
}

/* The corridor whose id is "b|a" for id "a|b", or -1: an id names its
 * two nodes sorted, and the pair the other way round is the likeliest
 * slip (a border read off a map from its far side). */
static int reversed_corridor(const struct smug_world *w, const char *id)
{
	const char *bar = strchr(id, '|');
	char rev[SMUG_ID_MAX * 2 + 2];
	size_t la, lb;

	if (bar == NULL || strchr(bar + 1, '|') != NULL)
		return -1;
	la = (size_t)(bar - id);
	lb = strlen(bar + 1);
	if (la + lb + 2 > sizeof rev)
		return -1;
	memcpy(rev, bar + 1, lb);
	rev[lb] = '|';
	memcpy(rev + lb + 1, id, la);
	rev[la + lb + 1] = '\0';
	return smug_world_find_corridor(w, rev);
}

void smug_world_unknown_corridor(const struct smug_world *w, const char *what, const char *id,
				 struct smug_error *err)
{
	int found[4], near[3], n = 0, n_found = smug_world_nearest_corridors(w, id, found, 4);
	int rev = reversed_corridor(w, id);
	char list[3 * SMUG_ID_MAX * 2 + 16] = "", hint[SMUG_ID_MAX * 2 + 80] = "";
	size_t at = 0;

	/* the reversed id first, then the nearest others */
	if (rev >= 0) {
		near[n++] = rev;
		snprintf(hint, sizeof hint, "; did you mean '%s'? a corridor's id names its nodes in sorted order",
			 w->corridors[rev].id);
	}
	for (int i = 0; i < n_found && n < 3; i++)
		if (found[i] != rev)
			near[n++] = found[i];
	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s'%s'", i ? ", " : "",
				       w->corridors[near[i]].id);
	smug_error_set(err, SMUG_ERR_NOT_FOUND, "%s: unknown corridor '%s'%s%s%s", what, id, hint,
		       n ? "; nearest valid ids: " : "", list);
}

int smug_world_find_faction(const struct smug_world *w, const char *id)
{
	FIND_BY_ID(w->factions, w->n_factions, id);
}

int smug_world_find_account(const struct smug_world *w, const char *id)
{
	FIND_BY_ID(w->ledger.accounts, w->ledger.n_accounts, id);
}

const struct smug_crackdown *smug_world_crackdown_on(const struct smug_world *w,
						     int corridor)
{
	for (int i = 0; i < w->n_crackdowns; i++)
		if (w->crackdowns[i].corridor == corridor)
			return &w->crackdowns[i];
	return NULL;
}

const struct smug_shipment *smug_shipment_in_transit(const struct smug_world *w, int i)
{
	assert(i >= 0 && i < w->n_shipments);
	return &w->shipment_slots[w->in_transit[i]];
}

const struct smug_shipment *smug_shipment_resolved(const struct smug_world *w, int i)
{
	assert(i >= 0 && i < w->n_resolved);
	return &w->shipment_slots[w->resolved[i]];
}

const struct smug_shipment *smug_shipment_find(const struct smug_world *w, uint64_t id)
{
	int lo = 0, hi = w->n_shipments - 1;

	while (lo <= hi) { /* in transit: sorted by id */
		int mid = lo + (hi - lo) / 2;
		const struct smug_shipment *s = smug_shipment_in_transit(w, mid);

		if (s->id == id)
			return s;
		if (s->id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	for (int i = 0; i < w->n_resolved; i++)
		if (smug_shipment_resolved(w, i)->id == id)
			return smug_shipment_resolved(w, i);
	return NULL;
}

int smug_corridor_dest_ward(const struct smug_world *w, int corridor, int from)
{
	const struct smug_corridor *k = &w->corridors[corridor];

	return w->nodes[k->a == from ? k->b : k->a].ward;
}

void smug_route_format(const struct smug_world *w, const int *nodes, int n,
		       char *buf, size_t size)
{
	struct sbuf b;

	if (size == 0)
		return;
	sb_init(&b, buf, size);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_str(&b, ">", 1);
		sb_str(&b, w->nodes[nodes[i]].id, SIZE_MAX);
	}
}

double smug_network_success_rate(const struct smug_network *n)
{
	int64_t resolved = n->delivered + n->seized + n->lost;

	return resolved ? (double)n->delivered / (double)resolved : 0.0;
}

const struct smug_event *smug_event_at(const struct smug_telemetry *t, int i)
{
	int start = (t->event_head - t->event_count + SMUG_EVENT_CAP) % SMUG_EVENT_CAP;

	return &t->events[(start + i) % SMUG_EVENT_CAP];
}

/* ---- an event's text: event_text_fields checks what smug_event_text
 * reads, so the two change together ---- */

int event_figures(const struct smug_event *e)
{
	if (e->kind == SMUG_EV_CRACKDOWN_ACTIVATED)
		return 5;
	return e->kind == SMUG_EV_ROUTE_UPDATE && e->corridor >= 0 ? 1 : 0;
}

const char *event_text_fields(const struct smug_world *w, const struct smug_event *e)
{
	switch (e->kind) {
	case SMUG_EV_SHIPMENT_CREATED:
	case SMUG_EV_SHIPMENT_DELIVERED:
	case SMUG_EV_SHIPMENT_SEIZED:
	case SMUG_EV_SHIPMENT_LOST:
	case SMUG_EV_ROUTE_UPDATE:
		if (e->src_ward < 0 || e->src_ward >= w->n_wards || e->dst_ward < 0 || e->dst_ward >= w->n_wards)
			return "its text names its source and demand wards: both must be wards";
		break;
	case SMUG_EV_SHIPMENT_DELAYED:
		if (e->corridor < 0 || e->corridor >= w->n_corridors)
			return "its text names the corridor it is held up on: it must be a corridor";
		break;
	default:
		break;
	}
	if (event_has_route(e)) {
		if (e->u.route.n < 0 || e->u.route.n > SMUG_EVENT_ROUTE_NODES)
			return "its route keeps more nodes than its text shows (20)";
		for (int i = 0; i < e->u.route.n; i++)
			if (e->u.route.nodes[i] < 0 || e->u.route.nodes[i] >= w->n_nodes)
				return "its route names a node that is not one";
	}
	return NULL;
}

/* A crackdown's start: why, its intensity, whether it ends by itself. */
static void crackdown_text(struct sbuf *b, const struct smug_event *e)
{
	const double *f = e->u.v.figure;
	char tmp[SMUG_EVENT_TEXT_MAX];

	if (e->flags & SMUG_EVF_PLANNER)
		snprintf(tmp, sizeof tmp, "planner score %.2f (bribes %.2f seizures %.0f traffic %.0f)", f[1],
			 f[2], f[3], f[4]);
	else
		snprintf(tmp, sizeof tmp, "%s", e->flags & SMUG_EVF_MANUAL ? "manual" : "exploration");
	sb_str(b, tmp, 79); /* the reason's room when it was a text of its own */
	snprintf(tmp, sizeof tmp, ", intensity %.2f, %s", f[0], e->flags & SMUG_EVF_TIMED ? "timed" : "until cleared");
	sb_str(b, tmp, SIZE_MAX);
}

static void lane_text(struct sbuf *b, const struct smug_world *w, const struct smug_event *e)
{
	sb_str(b, w->wards[e->src_ward].id, 20);
	sb_str(b, "->", 2);
	sb_str(b, w->wards[e->dst_ward].id, 20);
}

const char *smug_event_text(const struct smug_world *w, const struct smug_event *e, char *buf, size_t size)
{
	struct sbuf b;
	char route[256];

	if (size == 0)
		return buf;
	sb_init(&b, buf, size < SMUG_EVENT_TEXT_MAX ? size : SMUG_EVENT_TEXT_MAX);
	switch (e->kind) {
	case SMUG_EV_SHIPMENT_CREATED:
		lane_text(&b, w, e);
		sb_str(&b, " ", 1);
		sb_int(&b, e->u.v.count);
		sb_str(&b, e->u.v.count == 1 ? " hop, bribes " : " hops, bribes ", SIZE_MAX);
		sb_money(&b, e->u.v.money);
		if (e->flags & SMUG_EVF_EXPLORING)
			sb_str(&b, ", exploring", SIZE_MAX);
		break;
	case SMUG_EV_SHIPMENT_DELIVERED:
	case SMUG_EV_SHIPMENT_SEIZED:
	case SMUG_EV_SHIPMENT_LOST:
		lane_text(&b, w, e);
		sb_str(&b, " after ", SIZE_MAX);
		sb_int(&b, e->u.v.count);
		sb_str(&b, e->u.v.count == 1 ? " day" : " days", SIZE_MAX);
		if (e->kind == SMUG_EV_SHIPMENT_DELIVERED && (e->flags & SMUG_EVF_SHORT)) {
			sb_str(&b, ", buyers paid ", SIZE_MAX);
			sb_money(&b, e->u.v.money);
		} else if (e->kind == SMUG_EV_SHIPMENT_SEIZED) {
			sb_str(&b, e->flags & SMUG_EVF_DIVERTED ? ", diverted to the black market for " : ", auctioned for ",
			       SIZE_MAX);
			sb_money(&b, e->u.v.money);
		}
		break;
	case SMUG_EV_SHIPMENT_DELAYED:
		sb_str(&b, "held up on ", SIZE_MAX);
		sb_str(&b, w->corridors[e->corridor].id, 60);
		break;
	case SMUG_EV_ROUTE_UPDATE:
		/* the moved edge, its risk and the lane; or the lane and its new route */
		if (e->corridor >= 0) {
			sb_str(&b, w->corridors[e->corridor].id, 38);
			sb_str(&b, " ", 1);
			sb_fixed3(&b, e->u.v.figure[0]);
			sb_str(&b, " ", 1);
		}
		lane_text(&b, w, e);
		if (e->corridor < 0) {
			smug_route_format(w, e->u.route.nodes, e->u.route.n, route, sizeof route);
			sb_str(&b, " now ", SIZE_MAX);
			sb_str(&b, route, 40);
		}
		break;
	case SMUG_EV_CUSTOMS_CHECK:
		sb_str(&b, e->flags & SMUG_EVF_INSPECTED ? "inspected" : "cleared", SIZE_MAX);
		if (e->flags & SMUG_EVF_FOUND)
			sb_str(&b, ", contraband found", SIZE_MAX);
		if (e->u.v.money > 0)
			sb_str(&b, ", bribe taken ", SIZE_MAX);
		if (e->flags & SMUG_EVF_SEIZED)
			sb_str(&b, ", SEIZED", SIZE_MAX);
		else if (e->u.v.money > 0)
			sb_money(&b, e->u.v.money);
		break;
	case SMUG_EV_CRACKDOWN_ACTIVATED:
		crackdown_text(&b, e);
		break;
	case SMUG_EV_CRACKDOWN_EXPIRED:
		sb_str(&b, "expired after ", SIZE_MAX);
		sb_int(&b, e->u.v.count);
		sb_str(&b, e->u.v.count == 1 ? " day" : " days", SIZE_MAX);
		break;
	case SMUG_EV_CRACKDOWN_CLEARED:
		sb_str(&b, "cleared", SIZE_MAX);
		break;
	default:
		break;
	}
	return buf;
}

const struct smug_day_record *smug_history_at(const struct smug_telemetry *t, int i)
{
	int start = (t->history_head - t->history_count + SMUG_HISTORY_DAYS) % SMUG_HISTORY_DAYS;

	return &t->history[(start + i) % SMUG_HISTORY_DAYS];
}

/* ---- names ---- */

static const char *const commodity_names[] = {
#define SMUG_C_STR(name, str) str,
	SMUG_COMMODITY_LIST(SMUG_C_STR)
#undef SMUG_C_STR
};
static const char *const good_names[] = {
#define SMUG_G_STR(name, str) str,
	SMUG_GOOD_LIST(SMUG_G_STR)
#undef SMUG_G_STR
};
static const char *const event_names[] = {
#define SMUG_EV_STR(name, str) str,
	SMUG_EVENT_KIND_LIST(SMUG_EV_STR)
#undef SMUG_EV_STR
};
static const char *const reason_names[] = {
#define SMUG_TX_STR(name, str, mint, burn) str,
	SMUG_TX_REASON_LIST(SMUG_TX_STR)
#undef SMUG_TX_STR
};

const char *smug_commodity_name(enum smug_commodity c)
{
	return (unsigned)c < SMUG_COMMODITY_COUNT ? commodity_names[c] : "?";
}

int smug_commodity_from_name(const char *s)
{
	for (int i = 0; i < SMUG_COMMODITY_COUNT; i++)
		if (strcmp(commodity_names[i], s) == 0)
			return i;
	return -1;
}

const char *smug_good_name(enum smug_good g)
{
	return (unsigned)g < SMUG_GOOD_COUNT ? good_names[g] : "?";
}

int smug_good_from_name(const char *s)
{
	for (int i = 0; i < SMUG_GOOD_COUNT; i++)
		if (strcmp(good_names[i], s) == 0)
			return i;
	return -1;
}

const char *smug_event_kind_name(enum smug_event_kind k)
{
	return (unsigned)k < SMUG_EVENT_KIND_COUNT ? event_names[k] : "?";
}

const char *smug_tx_reason_name(enum smug_tx_reason r)
{
	return (unsigned)r < SMUG_TX_REASON_COUNT ? reason_names[r] : "?";
}

const char *smug_outcome_name(enum smug_outcome o)
{
	switch (o) {
	case SMUG_OUTCOME_IN_TRANSIT: return "IN_TRANSIT";
	case SMUG_OUTCOME_DELIVERED: return "DELIVERED";
	case SMUG_OUTCOME_DELAYED: return "DELAYED";
	case SMUG_OUTCOME_SEIZED: return "SEIZED";
	case SMUG_OUTCOME_LOST: return "LOST";
	}
	return "?";
}

static const char *const skip_keys[] = {
#define SMUG_SKIP_KEY(name, key, text) key,
	SMUG_SKIP_LIST(SMUG_SKIP_KEY)
#undef SMUG_SKIP_KEY
};
static const char *const skip_texts[] = {
#define SMUG_SKIP_TEXT(name, key, text) text,
	SMUG_SKIP_LIST(SMUG_SKIP_TEXT)
#undef SMUG_SKIP_TEXT
};

const char *smug_skip_key(enum smug_skip s)
{
	return (unsigned)s < SMUG_SKIP_COUNT ? skip_keys[s] : "?";
}

const char *smug_skip_text(enum smug_skip s)
{
	return (unsigned)s < SMUG_SKIP_COUNT ? skip_texts[s] : "?";
}

const char *smug_faction_kind_name(enum smug_faction_kind k)
{
	switch (k) {
	case SMUG_FACTION_CRIMINAL: return "criminal";
	case SMUG_FACTION_RAIDER: return "raider";
	case SMUG_FACTION_STATE: return "state";
	case SMUG_FACTION_GUILD: return "guild";
	}
	return "?";
}
