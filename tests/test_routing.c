/* Routing: Dijkstra, Yen's k shortest loopless paths and the route cache,
 * checked against a brute-force enumeration of every loopless path on
 * small worlds built directly in C (no scenario file involved). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

/* ---- test-only randomness: a 64-bit LCG ---- */

struct lcg {
	uint64_t s;
};

static uint32_t lcg_next(struct lcg *r)
{
	r->s = r->s * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(r->s >> 33);
}

static int lcg_range(struct lcg *r, int lo, int hi)
{
	return lo + (int)(lcg_next(r) % (uint32_t)(hi - lo + 1));
}

/* ---- world building ---- */

struct edge_spec {
	int a, b, days;
	double hazard;
};

static int cmp_corridor_id(const void *x, const void *y)
{
	const struct smug_corridor *a = x, *b = y;

	return strcmp(a->id, b->id);
}

/* Nodes "n:00".. (index order = id order), wards "w:0".. (ward i at map
 * position (scale * i, 0)), corridors "a|b" sorted by id, then world_finish. */
static struct smug_world *make_world_at(int n_nodes, int n_wards, const struct edge_spec *edges,
					int n_edges, double scale)
{
	struct smug_world *w = world_alloc();

	w->n_wards = n_wards;
	w->wards = xcalloc((size_t)n_wards, sizeof *w->wards);
	for (int i = 0; i < n_wards; i++) {
		snprintf(w->wards[i].id, sizeof w->wards[i].id, "w:%d", i);
		w->wards[i].pos[0] = scale * i;
	}
	w->n_nodes = n_nodes;
	w->nodes = xcalloc((size_t)n_nodes, sizeof *w->nodes);
	for (int i = 0; i < n_nodes; i++) {
		snprintf(w->nodes[i].id, sizeof w->nodes[i].id, "n:%02d", i);
		w->nodes[i].ward = i % n_wards;
	}
	w->n_corridors = n_edges;
	w->corridors = xcalloc((size_t)n_edges, sizeof *w->corridors);
	for (int c = 0; c < n_edges; c++) {
		struct smug_corridor *k = &w->corridors[c];
		int a = edges[c].a < edges[c].b ? edges[c].a : edges[c].b;
		int b = edges[c].a < edges[c].b ? edges[c].b : edges[c].a;

		k->a = a;
		k->b = b;
		snprintf(k->id, sizeof k->id, "%s|%s", w->nodes[a].id, w->nodes[b].id);
		k->travel_days = edges[c].days;
		k->hazard = edges[c].hazard;
	}
	qsort(w->corridors, (size_t)n_edges, sizeof *w->corridors, cmp_corridor_id);
	world_finish(w);
	return w;
}

/* Every ward at the map's origin. */
static struct smug_world *make_world(int n_nodes, int n_wards, const struct edge_spec *edges,
				     int n_edges)
{
	return make_world_at(n_nodes, n_wards, edges, n_edges, 0.0);
}

/* A connected random graph: a spanning tree plus extra edges. With
 * equal_weights every corridor costs the same, so ties are everywhere. */
static struct smug_world *random_world(struct lcg *r, int n_nodes, int extra, bool equal_weights)
{
	struct edge_spec edges[64 * 63 / 2];
	bool linked[64][64] = {{false}};
	int n_edges = 0;

	ck_assert_int_le(n_nodes, 64);
	for (int i = 1; i < n_nodes; i++) {
		int j = lcg_range(r, 0, i - 1);

		edges[n_edges++] = (struct edge_spec){j, i, 1, 0.0};
		linked[i][j] = linked[j][i] = true;
	}
	for (int t = 0; t < extra; t++) {
		int a = lcg_range(r, 0, n_nodes - 1), b = lcg_range(r, 0, n_nodes - 1);

		if (a == b || linked[a][b])
			continue;
		edges[n_edges++] = (struct edge_spec){a, b, 1, 0.0};
		linked[a][b] = linked[b][a] = true;
	}
	for (int c = 0; c < n_edges && !equal_weights; c++) {
		edges[c].days = lcg_range(r, 1, 3);
		edges[c].hazard = lcg_range(r, 0, 1000) / 1000.0;
	}
	return make_world(n_nodes, lcg_range(r, 1, 3), edges, n_edges);
}

/* ---- brute force and an independent order ---- */

struct path_list {
	struct route_path *p;
	int n, cap;
};

static int ref_cmp(const void *x, const void *y)
{
	const struct route_path *a = x, *b = y;

	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	for (int i = 0; i < a->n_nodes && i < b->n_nodes; i++)
		if (a->nodes[i] != b->nodes[i])
			return a->nodes[i] < b->nodes[i] ? -1 : 1;
	return (a->n_nodes > b->n_nodes) - (a->n_nodes < b->n_nodes);
}

/* Every loopless path of at most SMUG_ROUTE_MAX_NODES nodes, walking the
 * corridor list (not the adjacency the router uses). */
static void dfs(const struct smug_world *w, int dst, struct route_path *cur, bool *on,
		struct path_list *out)
{
	int u = cur->nodes[cur->n_nodes - 1];

	if (u == dst) {
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 64;
			out->p = realloc(out->p, (size_t)out->cap * sizeof *out->p);
			ck_assert_ptr_nonnull(out->p);
		}
		out->p[out->n++] = *cur;
		return;
	}
	if (cur->n_nodes == SMUG_ROUTE_MAX_NODES)
		return;
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		int v = k->a == u ? k->b : k->b == u ? k->a : -1;

		if (v < 0 || on[v])
			continue;
		on[v] = true;
		cur->corridors[cur->n_nodes - 1] = c;
		cur->nodes[cur->n_nodes++] = v;
		cur->cost += k->route_weight;
		dfs(w, dst, cur, on, out);
		cur->cost -= k->route_weight;
		cur->n_nodes--;
		on[v] = false;
	}
}

static struct path_list brute_force(const struct smug_world *w, int src, int dst)
{
	struct path_list l = {NULL, 0, 0};
	struct route_path cur;
	bool *on = calloc((size_t)w->n_nodes, sizeof *on);

	memset(&cur, 0, sizeof cur);
	cur.nodes[0] = src;
	cur.n_nodes = 1;
	on[src] = true;
	dfs(w, dst, &cur, on, &l);
	free(on);
	if (l.n > 1)
		qsort(l.p, (size_t)l.n, sizeof *l.p, ref_cmp);
	return l;
}

static void assert_same_path(const struct route_path *got, const struct route_path *want,
			     const char *what)
{
	ck_assert_msg(got->n_nodes == want->n_nodes, "%s: %d nodes, want %d", what,
		      got->n_nodes, want->n_nodes);
	ck_assert_msg(got->cost == want->cost, "%s: cost %lld, want %lld", what,
		      (long long)got->cost, (long long)want->cost);
	for (int i = 0; i < want->n_nodes; i++)
		ck_assert_msg(got->nodes[i] == want->nodes[i], "%s: node %d is %d, want %d", what,
			      i, got->nodes[i], want->nodes[i]);
	for (int i = 0; i + 1 < want->n_nodes; i++)
		ck_assert_msg(got->corridors[i] == want->corridors[i], "%s: corridor %d", what, i);
}

/* Starts at src, ends at dst, no node twice, each listed corridor joins
 * its two nodes, cost is the sum of the corridors' weights. */
static void assert_valid_path(const struct smug_world *w, const struct route_path *p, int src,
			      int dst)
{
	int64_t cost = 0;

	ck_assert_int_ge(p->n_nodes, 1);
	ck_assert_int_le(p->n_nodes, SMUG_ROUTE_MAX_NODES);
	ck_assert_int_eq(p->nodes[0], src);
	ck_assert_int_eq(p->nodes[p->n_nodes - 1], dst);
	for (int i = 0; i < p->n_nodes; i++)
		for (int j = i + 1; j < p->n_nodes; j++)
			ck_assert_msg(p->nodes[i] != p->nodes[j], "node %d repeats", p->nodes[i]);
	for (int i = 0; i + 1 < p->n_nodes; i++) {
		const struct smug_corridor *k = &w->corridors[p->corridors[i]];
		int a = p->nodes[i], b = p->nodes[i + 1];

		ck_assert_msg((k->a == a && k->b == b) || (k->a == b && k->b == a),
			      "corridor %s does not join hop %d", k->id, i);
		cost += k->route_weight;
	}
	ck_assert_int_eq(p->cost, cost);
}

/* route_yen(k) must be the first k brute-force paths, for several k. */
static void check_pair(const struct smug_world *w, int src, int dst)
{
	static const int ks[] = {1, 3, 8, 24};
	struct path_list all = brute_force(w, src, dst);
	struct route_path got[SMUG_ROUTE_TOPK_MAX], best;
	char what[64];

	for (size_t t = 0; t < sizeof ks / sizeof ks[0]; t++) {
		int k = ks[t], want = all.n < k ? all.n : k;
		int n = route_yen(w, src, dst, k, got);

		ck_assert_msg(n == want, "yen %d->%d k=%d: %d paths, want %d", src, dst, k, n, want);
		for (int i = 0; i < n; i++) {
			snprintf(what, sizeof what, "yen %d->%d k=%d path %d", src, dst, k, i);
			assert_same_path(&got[i], &all.p[i], what);
		}
	}
	ck_assert_int_eq(route_dijkstra(w, src, dst, &best), all.n > 0);
	if (all.n > 0) {
		snprintf(what, sizeof what, "dijkstra %d->%d", src, dst);
		assert_same_path(&best, &all.p[0], what);
	}
	free(all.p);
}

static void check_random_worlds(uint64_t seed, int n_worlds, bool equal_weights)
{
	struct lcg r = {seed};

	for (int g = 0; g < n_worlds; g++) {
		int n = lcg_range(&r, 5, 9);
		struct smug_world *w = random_world(&r, n, lcg_range(&r, 0, 2 * n), equal_weights);

		for (int q = 0; q < 4; q++) {
			int src = lcg_range(&r, 0, n - 1), dst = lcg_range(&r, 0, n - 1);

			if (src != dst)
				check_pair(w, src, dst);
		}
		smug_world_free(w);
	}
}

/* 0-1-4-5 and 0-2-3-5 cost the same; the first is smaller by node id. A
 * Dijkstra keeping the first-settled predecessor of 5 (3 settles before
 * 4) would return the second. */
static struct smug_world *tie_world(void)
{
	static const struct edge_spec e[] = {
		{0, 1, 1, 0.0}, {0, 2, 1, 0.0}, {2, 3, 1, 0.0},
		{1, 4, 1, 0.0}, {3, 5, 1, 0.0}, {4, 5, 1, 0.0},
	};

	return make_world(6, 2, e, (int)(sizeof e / sizeof e[0]));
}

/* ---- order ---- */

static struct route_path mk_path(int64_t cost, int n, const int *nodes)
{
	struct route_path p;

	memset(&p, 0, sizeof p);
	p.cost = cost;
	p.n_nodes = n;
	memcpy(p.nodes, nodes, (size_t)n * sizeof *nodes);
	return p;
}

START_TEST(test_routing_path_order)
{
	static const int a[] = {0, 1, 3}, b[] = {0, 2, 3}, c[] = {0, 1}, d[] = {0, 9};
	struct route_path p013 = mk_path(5, 3, a), p023 = mk_path(5, 3, b);
	struct route_path cheap023 = mk_path(4, 3, b), p01 = mk_path(5, 2, c), p09 = mk_path(5, 2, d);

	ck_assert_int_lt(route_path_cmp(&cheap023, &p013), 0); /* cost first */
	ck_assert_int_gt(route_path_cmp(&p013, &cheap023), 0);
	ck_assert_int_lt(route_path_cmp(&p013, &p023), 0); /* then node ids */
	ck_assert_int_gt(route_path_cmp(&p023, &p013), 0);
	ck_assert_int_lt(route_path_cmp(&p01, &p013), 0); /* a proper prefix first */
	ck_assert_int_gt(route_path_cmp(&p013, &p01), 0);
	ck_assert_int_lt(route_path_cmp(&p013, &p09), 0); /* lexicographic, not by length */
	ck_assert_int_eq(route_path_cmp(&p013, &p013), 0);
}
END_TEST

/* Only a path's own nodes count: two copies of one route whose arrays
 * hold other leftovers after the last node are the same route (Yen's
 * candidate set drops such a copy), and a proper prefix stays first
 * whatever its array holds after its end. */
START_TEST(test_routing_path_order_ignores_what_lies_past_the_last_node)
{
	static const int a[] = {0, 1, 3}, c[] = {0, 1};
	struct route_path p013 = mk_path(5, 3, a), again = mk_path(5, 3, a), p01 = mk_path(5, 2, c);

	again.nodes[3] = 7; /* a longer route's node left behind */
	p01.nodes[2] = 9;
	ck_assert_msg(route_path_cmp(&p013, &again) == 0 && route_path_cmp(&again, &p013) == 0,
		      "route 0-1-3 and a copy of it with 7 left after its last node compare as different routes (%d, %d)",
		      route_path_cmp(&p013, &again), route_path_cmp(&again, &p013));
	ck_assert_msg(route_path_cmp(&p01, &p013) < 0 && route_path_cmp(&p013, &p01) > 0,
		      "route 0-1 (9 left after its end) no longer comes before 0-1-3 (%d, %d)",
		      route_path_cmp(&p01, &p013), route_path_cmp(&p013, &p01));
}
END_TEST

/* ---- dijkstra ---- */

START_TEST(test_routing_dijkstra_breaks_ties_by_node_ids)
{
	struct smug_world *w = tie_world();
	struct route_path p;

	ck_assert(route_dijkstra(w, 0, 5, &p));
	ck_assert_int_eq(p.n_nodes, 4);
	ck_assert_int_eq(p.nodes[1], 1);
	ck_assert_int_eq(p.nodes[2], 4);
	ck_assert_int_eq(p.cost, 3000);
	ck_assert(route_dijkstra(w, 5, 0, &p)); /* the reverse: 5-3-2-0 < 5-4-1-0 */
	ck_assert_int_eq(p.nodes[1], 3);
	ck_assert_int_eq(p.nodes[2], 2);
	smug_world_free(w);
}
END_TEST

START_TEST(test_routing_dijkstra_matches_brute_force)
{
	struct lcg r = {77};

	for (int g = 0; g < 100; g++) {
		int n = lcg_range(&r, 5, 9);
		struct smug_world *w = random_world(&r, n, lcg_range(&r, 0, 2 * n), g % 2 == 0);

		for (int src = 0; src < n; src++)
			for (int dst = 0; dst < n; dst++) {
				struct path_list all = brute_force(w, src, dst);
				struct route_path p;

				ck_assert(route_dijkstra(w, src, dst, &p));
				assert_same_path(&p, &all.p[0], "dijkstra");
				free(all.p);
			}
		smug_world_free(w);
	}
}
END_TEST

/* ---- yen ---- */

START_TEST(test_routing_yen_matches_brute_force)
{
	check_random_worlds(20240601, 200, false);
}
END_TEST

START_TEST(test_routing_yen_equal_weights_ties)
{
	struct smug_world *w = tie_world();
	struct route_path got[4];

	ck_assert_int_eq(route_yen(w, 0, 5, 4, got), 2);
	ck_assert_int_eq(got[0].nodes[1], 1);
	ck_assert_int_eq(got[1].nodes[1], 2);
	ck_assert_int_eq(got[0].cost, got[1].cost);
	smug_world_free(w);
	check_random_worlds(99, 200, true);
}
END_TEST

/* 60 nodes in a chain with 16 bypasses (i, i+2), each a node shorter but
 * dearer. The cheapest path (the chain, 60 nodes) is too long; only paths
 * taking at least 12 bypasses fit in SMUG_ROUTE_MAX_NODES. */
static struct smug_world *bypass_world(void)
{
	struct edge_spec e[59 + 16];
	struct lcg r = {5};
	int n_e = 0;

	for (int i = 0; i + 1 < 60; i++)
		e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
	for (int b = 0; b < 16; b++)
		e[n_e++] = (struct edge_spec){1 + 3 * b, 3 + 3 * b, lcg_range(&r, 3, 4),
					      lcg_range(&r, 0, 1) ? 0.0 : 0.5};
	return make_world(60, 1, e, n_e);
}

START_TEST(test_routing_yen_respects_max_nodes)
{
	struct smug_world *w = bypass_world();
	struct path_list all;
	struct route_path got[SMUG_ROUTE_TOPK_MAX], best;

	all = brute_force(w, 0, 59);
	ck_assert_int_eq(all.n, 1820 + 560 + 120 + 16 + 1); /* C(16,>=12) */
	ck_assert_int_eq(route_yen(w, 0, 59, 24, got), 24);
	for (int i = 0; i < 24; i++) {
		assert_same_path(&got[i], &all.p[i], "bounded yen");
		ck_assert_int_le(got[i].n_nodes, SMUG_ROUTE_MAX_NODES);
	}
	ck_assert(route_dijkstra(w, 0, 59, &best));
	assert_same_path(&best, &all.p[0], "bounded dijkstra");
	ck_assert_int_eq(best.n_nodes, SMUG_ROUTE_MAX_NODES);
	free(all.p);
	smug_world_free(w);
}
END_TEST

/* A chain of corridors all alike: the route between its ends that uses
 * exactly the most corridors a route may have (every one of them as dear
 * as the dearest) is found, by Yen and by the cheapest-path search; one
 * corridor more and there is none. */
START_TEST(test_routing_route_of_the_most_corridors_at_the_dearest_is_found)
{
	struct edge_spec e[SMUG_ROUTE_MAX_NODES];
	struct route_path got[SMUG_ROUTE_TOPK_MAX], best;
	struct smug_world *w;

	for (int i = 0; i < SMUG_ROUTE_MAX_NODES; i++)
		e[i] = (struct edge_spec){i, i + 1, 2, 0.25};
	w = make_world(SMUG_ROUTE_MAX_NODES + 1, 1, e, SMUG_ROUTE_MAX_NODES);
	ck_assert_int_eq(route_yen(w, 0, SMUG_ROUTE_MAX_NODES - 1, 4, got), 1);
	ck_assert_int_eq(got[0].n_nodes, SMUG_ROUTE_MAX_NODES);
	ck_assert(route_dijkstra(w, SMUG_ROUTE_MAX_NODES - 1, 0, &best));
	ck_assert_int_eq(best.n_nodes, SMUG_ROUTE_MAX_NODES);
	ck_assert_int_eq(route_yen(w, 0, SMUG_ROUTE_MAX_NODES, 4, got), 0);
	ck_assert(!route_dijkstra(w, SMUG_ROUTE_MAX_NODES, 0, &best));
	smug_world_free(w);
}
END_TEST

/* Node U hangs off a chain of L corridors down to dst 0 and has its own
 * corridor straight to 0, as dear as L + d of the chain's (d = 0, 1, 2);
 * the source hangs one corridor above U. For L from 40 to 52 the chain
 * from the source is short enough or too long, and the straight corridor
 * ties, follows or trails it; every answer is still the brute-force
 * order: when the chain is too long, the route over the straight
 * corridor is found (the cheapest walk's length must be measured on the
 * cheapest walk, not on one that takes the straight corridor because it
 * costs what the source's distance does). */
START_TEST(test_routing_a_straight_corridor_is_found_when_the_chain_is_too_long)
{
	struct edge_spec e[52 + 2];
	struct smug_world *w;

	for (int len = 40; len <= 52; len++)
		for (int d = 0; d <= 2; d++) {
			int n_e = 0;

			for (int i = 0; i < len; i++)
				e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
			e[n_e++] = (struct edge_spec){len, 0, len + d, 0.0}; /* U = len, straight to 0 */
			e[n_e++] = (struct edge_spec){len + 1, len, 1, 0.0}; /* the source above U */
			w = make_world(len + 2, 1, e, n_e);
			check_pair(w, len + 1, 0);
			check_pair(w, len, 0);
			smug_world_free(w);
		}
}
END_TEST

/* The same chain with a 540-node tail hung off node 30: a graph big enough
 * for the hop lower bounds (landmarks) and the bounded search region to be
 * used. Answers must not change: still the brute-force order. */
START_TEST(test_routing_hop_bounds_keep_answers)
{
	static struct edge_spec e[59 + 16 + 540];
	struct lcg r = {5};
	int n_e = 0;
	struct smug_world *w;
	struct path_list all;
	struct route_path got[SMUG_ROUTE_TOPK_MAX];

	for (int i = 0; i + 1 < 60; i++)
		e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
	for (int b = 0; b < 16; b++)
		e[n_e++] = (struct edge_spec){1 + 3 * b, 3 + 3 * b, lcg_range(&r, 3, 4),
					      lcg_range(&r, 0, 1) ? 0.0 : 0.5};
	e[n_e++] = (struct edge_spec){30, 60, 1, 0.0};
	for (int i = 60; i + 1 < 600; i++)
		e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
	w = make_world(600, 1, e, n_e);
	all = brute_force(w, 0, 59);
	ck_assert_int_eq(route_yen(w, 0, 59, 24, got), 24);
	for (int i = 0; i < 24; i++)
		assert_same_path(&got[i], &all.p[i], "bounded yen, large graph");
	/* far along the tail: beyond SMUG_ROUTE_MAX_NODES nodes, no route */
	ck_assert_int_eq(route_yen(w, 0, 599, 4, got), 0);
	ck_assert_int_eq(route_yen(w, 30, 60 + SMUG_ROUTE_MAX_NODES - 3, 4, got), 1);
	ck_assert_int_eq(got[0].n_nodes, SMUG_ROUTE_MAX_NODES - 1);
	free(all.p);
	smug_world_free(w);
}
END_TEST

/* A chain of 33,000 nodes: a node's hops from the first landmark (node 0)
 * run past what 16 bits hold. Routes between nodes on either side of
 * 32,767 hops are still found, and one too long still is not. */
START_TEST(test_routing_hop_bounds_hold_past_16_bits)
{
	enum { N = 33000 };
	static struct edge_spec e[N - 1];
	struct route_path got[SMUG_ROUTE_TOPK_MAX];
	struct smug_world *w;

	for (int i = 0; i + 1 < N; i++)
		e[i] = (struct edge_spec){i, i + 1, 1, 0.0};
	w = make_world(N, 1, e, N - 1);
	ck_assert_msg(route_yen(w, 32740, 32780, 4, got) == 1 && got[0].n_nodes == 41,
		      "32740 -> 32780 (40 corridors): %d routes", route_yen(w, 32740, 32780, 4, got));
	ck_assert_msg(route_dijkstra(w, 16000, 16040, &got[0]) && got[0].n_nodes == 41,
		      "16000 -> 16040 (40 corridors): not found");
	ck_assert_int_eq(route_yen(w, 32740, 32740 + SMUG_ROUTE_MAX_NODES, 4, got), 0);
	smug_world_free(w);
}
END_TEST

/* Chains of 50 to 90 nodes too long for one route, with dearer shortcuts
 * of 2 to 7 nodes: every route from near one end to near the other takes
 * some, and Yen's spur searches each fill a hop-bounded table from a
 * region of their own, whose roots the next spur bans. The answers are
 * brute force's, whatever regions the searches before left behind. */
START_TEST(test_routing_hop_budget_regions_keep_answers)
{
	static struct edge_spec e[90 + 14];

	for (int seed = 1; seed <= 40; seed++) {
		struct lcg r = {(uint64_t)seed};
		int n = lcg_range(&r, 50, 90), n_e = 0, shortcuts = lcg_range(&r, 4, 14);
		struct smug_world *w;

		for (int i = 0; i + 1 < n; i++)
			e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
		for (int b = 0; b < shortcuts; b++) {
			int a = lcg_range(&r, 0, n - 3), span = lcg_range(&r, 2, 7), days = lcg_range(&r, 2, 9);
			bool dup = a + span >= n;

			for (int q = 0; q < n_e && !dup; q++)
				dup = e[q].a == a && e[q].b == a + span;
			if (!dup)
				e[n_e++] = (struct edge_spec){a, a + span, days, 0.0};
		}
		w = make_world(n, 1, e, n_e);
		for (int src = 0; src < 3; src++)
			for (int dst = n - 3; dst < n; dst++)
				check_pair(w, src, dst);
		smug_world_free(w);
	}
}
END_TEST

/* A chain 0..47, a route of the most nodes a route may have, each of its
 * corridors doubled by a dearer detour through a node of its own (a route
 * with one detour is a node too long), and node 48 joined to 45 and to
 * 47, dearer than 46: the second route leaves the chain at 45 and goes
 * through 48. The spur searches before 45 find only routes a node too
 * long, and their hop balls tell, for each later spur node, which of its
 * corridors may still lead to a route short enough; 48, as far from 0 as
 * a route allows, is one of them. A 520-node tail off node 0 makes the
 * graph large enough for the landmarks' hop bounds. */
START_TEST(test_routing_last_spur_of_a_full_route)
{
	enum { CHAIN = SMUG_ROUTE_MAX_NODES, X = CHAIN, DET = CHAIN + 1, TAIL = DET + CHAIN - 1,
	       N = TAIL + 520 };
	static struct edge_spec e[3 * (CHAIN - 1) + 2 + 520];
	struct route_path got[SMUG_ROUTE_TOPK_MAX];
	struct smug_world *w;
	int n_e = 0, n;

	for (int i = 0; i + 1 < CHAIN; i++) {
		e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
		e[n_e++] = (struct edge_spec){i, DET + i, 1, 0.0};
		e[n_e++] = (struct edge_spec){DET + i, i + 1, 1, 0.0};
	}
	e[n_e++] = (struct edge_spec){CHAIN - 3, X, 1, 0.0};
	e[n_e++] = (struct edge_spec){X, CHAIN - 1, 2, 0.0};
	e[n_e++] = (struct edge_spec){0, TAIL, 1, 0.0};
	for (int i = TAIL; i + 1 < N; i++)
		e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
	w = make_world(N, 1, e, n_e);
	n = route_yen(w, 0, CHAIN - 1, 4, got);
	ck_assert_msg(n == 2, "0 -> %d: %d routes, want the chain and the one through %d", CHAIN - 1,
		      n, X);
	ck_assert_int_eq(got[0].n_nodes, CHAIN);
	ck_assert_int_eq(got[1].n_nodes, CHAIN);
	ck_assert_int_eq(got[1].nodes[CHAIN - 2], X);
	smug_world_free(w);
}
END_TEST

/* Node 1 is one corridor from dst 0, and 300 leaves (nodes 5..304) hang
 * below it: each leaf's cheapest way to 0 runs through 1, and its other
 * corridor goes to one of three hubs (2..4) joined to 0 and to each other.
 * Every route but the first leaves 1 by a banned corridor, so each of
 * Yen's spur searches from 1 runs the guided search over the banned
 * graph with hundreds of nodes near the spur; many routes tie in cost,
 * so the node-id order decides. Still the brute-force order. */
START_TEST(test_routing_wide_spur_keeps_answers)
{
	static struct edge_spec e[1 + 3 + 3 + 2 * 300];
	struct lcg r = {11};
	int n_e = 0;
	struct smug_world *w;
	struct path_list all;
	struct route_path got[SMUG_ROUTE_TOPK_MAX];

	e[n_e++] = (struct edge_spec){0, 1, 1, 0.0};
	for (int h = 2; h <= 4; h++) {
		e[n_e++] = (struct edge_spec){h, 0, lcg_range(&r, 2, 4), 0.0};
		e[n_e++] = (struct edge_spec){h, h == 4 ? 2 : h + 1, lcg_range(&r, 1, 2), 0.0};
	}
	for (int leaf = 5; leaf < 305; leaf++) {
		e[n_e++] = (struct edge_spec){1, leaf, 1, 0.0};
		e[n_e++] = (struct edge_spec){leaf, lcg_range(&r, 2, 4), lcg_range(&r, 1, 3), 0.0};
	}
	w = make_world(305, 1, e, n_e);
	all = brute_force(w, 1, 0);
	ck_assert_int_gt(all.n, SMUG_ROUTE_TOPK_MAX);
	ck_assert_int_eq(route_yen(w, 1, 0, SMUG_ROUTE_TOPK_MAX, got), SMUG_ROUTE_TOPK_MAX);
	for (int i = 0; i < SMUG_ROUTE_TOPK_MAX; i++)
		assert_same_path(&got[i], &all.p[i], "yen, wide spur");
	free(all.p);
	smug_world_free(w);
}
END_TEST

START_TEST(test_routing_paths_loopless_and_joined)
{
	struct lcg r = {31337};

	for (int g = 0; g < 20; g++) {
		int n = lcg_range(&r, 20, 40);
		struct smug_world *w = random_world(&r, n, 2 * n, g % 3 == 0);

		for (int q = 0; q < 5; q++) {
			int src = lcg_range(&r, 0, n - 1), dst = lcg_range(&r, 0, n - 1);
			struct route_path got[SMUG_ROUTE_TOPK_MAX];
			int np = route_yen(w, src, dst, SMUG_ROUTE_TOPK_MAX, got);

			ck_assert_int_eq(np, src == dst ? 1 : SMUG_ROUTE_TOPK_MAX);
			for (int i = 0; i < np; i++) {
				assert_valid_path(w, &got[i], src, dst);
				if (i > 0)
					ck_assert_msg(ref_cmp(&got[i - 1], &got[i]) < 0,
						      "paths %d and %d out of order", i - 1, i);
			}
		}
		smug_world_free(w);
	}
}
END_TEST

/* ---- edge cases ---- */

START_TEST(test_routing_same_node_is_one_node_path)
{
	struct smug_world *w = tie_world();
	struct route_path got[8], p;
	const struct route_path *c;

	ck_assert_int_eq(route_yen(w, 3, 3, 8, got), 1);
	ck_assert_int_eq(got[0].n_nodes, 1);
	ck_assert_int_eq(got[0].nodes[0], 3);
	ck_assert_int_eq(got[0].cost, 0);
	ck_assert(route_dijkstra(w, 3, 3, &p));
	ck_assert_int_eq(p.n_nodes, 1);
	ck_assert_int_eq(p.cost, 0);
	ck_assert_int_eq(route_candidates(w, 3, 3, 8, &c), 1);
	ck_assert_int_eq(c[0].n_nodes, 1);
	smug_world_free(w);
}
END_TEST

START_TEST(test_routing_unreachable_returns_none)
{
	static const struct edge_spec e[] = {{0, 1, 1, 0.0}, {1, 2, 2, 0.3}, {3, 4, 1, 0.0}};
	struct smug_world *w = make_world(5, 2, e, 3);
	struct route_path got[4], p;
	const struct route_path *c;

	ck_assert_int_eq(route_yen(w, 0, 4, 4, got), 0);
	ck_assert(!route_dijkstra(w, 2, 3, &p));
	ck_assert_int_eq(route_candidates(w, 4, 1, 4, &c), 0);
	ck_assert_int_eq(route_yen(w, 0, 2, 4, got), 1); /* a tree: one path */
	ck_assert_int_eq(route_yen(w, 0, 2, 0, got), 0); /* k = 0 asks for nothing */
	ck_assert_int_eq(route_yen(w, 0, 7, 4, got), 0); /* no such node */
	ck_assert(!route_dijkstra(w, -1, 2, &p));
	smug_world_free(w);
}
END_TEST

/* ---- cache ---- */

static void assert_same_list(const struct route_path *a, int na, const struct route_path *b,
			     int nb)
{
	ck_assert_int_eq(na, nb);
	for (int i = 0; i < na; i++)
		assert_same_path(&a[i], &b[i], "cached");
}

START_TEST(test_routing_cache_matches_fresh)
{
	struct lcg r = {4242};
	struct smug_world *w = random_world(&r, 14, 20, false);
	int64_t hits, misses;
	int entries;

	route_cache_free(w->route_cache);
	w->route_cache = route_cache_new(3); /* tiny: evictions all the time */
	for (int q = 0; q < 600; q++) {
		int src = lcg_range(&r, 0, 4), dst = lcg_range(&r, 0, 4);
		int k = q % 3 == 0 ? 24 : lcg_range(&r, 1, 8);
		struct route_path fresh[SMUG_ROUTE_TOPK_MAX];
		int nf = route_yen(w, src, dst, k, fresh), nc;
		const struct route_path *c;

		route_cache_set_enabled(w->route_cache, q % 5 != 4);
		nc = route_candidates(w, src, dst, k, &c);
		assert_same_list(c, nc, fresh, nf);
		route_cache_stats(w->route_cache, &entries, NULL, NULL);
		ck_assert_int_le(entries, 3);
	}
	route_cache_stats(w->route_cache, &entries, &hits, &misses);
	ck_assert_int_eq(entries, 3);
	ck_assert_int_gt(hits, 0);
	ck_assert_int_gt(misses, 3); /* some evicted keys were computed again */
	smug_world_free(w);
}
END_TEST

/* The unbanned distances of a search are stamped with a 32-bit counter
 * that wraps around after 2^32 searches: a search at the wrap finds what
 * a fresh search finds (here every search is one at the wrap, on worlds
 * with ties and without). */
START_TEST(test_routing_stamp_wrap_changes_no_route)
{
	struct lcg r = {4243};

	for (int equal = 0; equal < 2; equal++) {
		struct smug_world *w = random_world(&r, 14, 20, equal);
		const struct route_path *c;

		route_cache_set_enabled(w->route_cache, false); /* every query searches */
		for (int q = 0; q < 200; q++) {
			int src = lcg_range(&r, 0, 13), dst = lcg_range(&r, 0, 13);
			struct route_path fresh[SMUG_ROUTE_TOPK_MAX];
			int nf = route_yen(w, src, dst, 8, fresh), nc;

			route_cache_stamp_set(w->route_cache, UINT32_MAX);
			nc = route_candidates(w, src, dst, 8, &c);
			ck_assert_msg(nc == nf, "query %d (%d->%d): %d routes at the wrap, %d from a fresh search", q,
				      src, dst, nc, nf);
			for (int i = 0; i < nc; i++)
				assert_same_path(&c[i], &fresh[i], "at the wrap");
		}
		smug_world_free(w);
	}
}
END_TEST

/* A chain of 60 nodes, each in its own ward one step further along the
 * map. A pair further apart on the map than SMUG_ROUTE_MAX_NODES - 1
 * corridors can span has no route, and asking for it costs no search
 * (no cache miss, no entry), whatever the map's scale: a world drawn on
 * unit coordinates (the longest corridor spanning 1 or less) is pruned
 * like one drawn on a 100-unit grid. A pair within reach is searched,
 * at either end of the chain. */
START_TEST(test_routing_far_pair_costs_no_search_at_any_scale)
{
	static const double scales[] = {0.25, 1.0, 1.5, 100.0};
	static struct edge_spec e[59];

	for (int i = 0; i + 1 < 60; i++)
		e[i] = (struct edge_spec){i, i + 1, 1, 0.0};
	for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
		struct smug_world *w = make_world_at(60, 60, e, 59, scales[s]);
		const struct route_path *c;
		int64_t hits, misses;
		int entries;

		ck_assert_int_eq(route_candidates(w, 0, 59, 4, &c), 0);
		ck_assert_int_eq(route_candidates(w, 55, 2, 4, &c), 0);
		route_cache_stats(w->route_cache, &entries, &hits, &misses);
		ck_assert_msg(misses == 0 && entries == 0,
			      "scale %g: far pairs searched (%lld misses, %d entries)", scales[s],
			      (long long)misses, entries);
		ck_assert_int_eq(route_candidates(w, 0, SMUG_ROUTE_MAX_NODES - 1, 4, &c), 1);
		route_cache_stats(w->route_cache, &entries, &hits, &misses);
		ck_assert_int_eq(misses, 1);
		/* as far apart, away from the map's origin: the reach is the
		 * distance between them, not where they lie */
		ck_assert_msg(route_candidates(w, 59, 60 - SMUG_ROUTE_MAX_NODES, 4, &c) == 1,
			      "scale %g: no route from ward 59 to ward %d, %d corridors apart", scales[s],
			      60 - SMUG_ROUTE_MAX_NODES, SMUG_ROUTE_MAX_NODES - 1);
		smug_world_free(w);
	}
}
END_TEST

/* The scan a scoring pass reads: each path's edges as directed slots in
 * route order, and every distinct slot once, with each edge pointing at
 * its own: cached, from the cache again, through evictions, and with the
 * cache off. A scoring pass works a slot's terms out once from this list,
 * so an edge pointing at another slot, or a slot missing, would score a
 * route by edges it does not cross. */
START_TEST(test_routing_scan_lists_each_slot_once)
{
	struct lcg r = {6061};
	struct smug_world *w = random_world(&r, 14, 20, false);
	int shared = 0;

	route_cache_free(w->route_cache);
	w->route_cache = route_cache_new(3);
	for (int q = 0; q < 400; q++) {
		int src = lcg_range(&r, 0, 6), dst = lcg_range(&r, 0, 6);
		int k = lcg_range(&r, 1, 8), n, at = 0;
		const struct route_path *c;
		const struct route_scan *sc;

		route_cache_set_enabled(w->route_cache, q % 7 != 6);
		n = route_candidates_scan(w, src, dst, k, &c, &sc);
		ck_assert_int_eq(sc->n, n);
		for (int i = 0; i < n; i++) {
			ck_assert_int_eq(sc->p[i].first, at);
			ck_assert_int_eq(sc->p[i].n_edges, c[i].n_nodes - 1);
			for (int e = 0; e + 1 < c[i].n_nodes; e++, at++) {
				int cor = c[i].corridors[e];
				int want = 2 * cor + (w->corridors[cor].a == c[i].nodes[e] ? 0 : 1);
				int u = sc->uniq_at[at];

				ck_assert_int_eq(sc->slot[at], want);
				ck_assert_msg(u >= 0 && u < sc->n_uniq && sc->uniq[u] == want,
					      "query %d, route %d, edge %d: points at distinct slot %d, not at %d",
					      q, i, e, u, want);
			}
		}
		ck_assert_int_eq(sc->n_slots, at);
		for (int u = 0; u < sc->n_uniq; u++)
			for (int v = 0; v < u; v++)
				ck_assert_msg(sc->uniq[u] != sc->uniq[v], "query %d: slot %d listed twice",
					      q, sc->uniq[u]);
		shared += sc->n_uniq < sc->n_slots;
	}
	ck_assert_msg(shared > 0, "no answer whose routes share an edge");
	smug_world_free(w);
}
END_TEST

START_TEST(test_routing_cache_evicts_least_recently_used)
{
	struct lcg r = {808};
	struct smug_world *w = random_world(&r, 8, 6, false);
	const struct route_path *c;
	int64_t hits, misses;
	int entries;

	route_cache_free(w->route_cache);
	w->route_cache = route_cache_new(3);
	route_candidates(w, 0, 1, 4, &c); /* A: miss */
	route_candidates(w, 0, 2, 4, &c); /* B: miss */
	route_candidates(w, 0, 3, 4, &c); /* C: miss */
	route_candidates(w, 0, 1, 4, &c); /* A: hit, now most recent */
	route_candidates(w, 0, 4, 4, &c); /* D: miss, evicts B */
	route_candidates(w, 0, 1, 4, &c); /* A: hit */
	route_candidates(w, 0, 3, 4, &c); /* C: hit */
	route_cache_stats(w->route_cache, &entries, &hits, &misses);
	ck_assert_int_eq(entries, 3);
	ck_assert_int_eq(hits, 3);
	ck_assert_int_eq(misses, 4);
	route_candidates(w, 0, 2, 4, &c); /* B was evicted: miss, evicts D */
	route_candidates(w, 0, 1, 5, &c); /* k is part of the key: miss, evicts A */
	route_cache_stats(w->route_cache, &entries, &hits, &misses);
	ck_assert_int_eq(hits, 3);
	ck_assert_int_eq(misses, 6);
	ck_assert_int_eq(entries, 3);
	/* reused slots keep the order: most recent first A5 B C, then */
	route_candidates(w, 0, 4, 4, &c); /* D: miss, evicts C -> D A5 B */
	route_candidates(w, 0, 4, 4, &c); /* D: hit, already the most recent */
	route_candidates(w, 0, 2, 4, &c); /* B: hit -> B D A5 */
	route_candidates(w, 0, 3, 4, &c); /* C: miss, evicts A5 -> C B D */
	route_candidates(w, 0, 4, 4, &c); /* D: hit -> D C B */
	route_candidates(w, 0, 2, 4, &c); /* B: hit -> B D C */
	route_candidates(w, 0, 1, 5, &c); /* A5: miss, evicts C -> A5 B D */
	route_candidates(w, 0, 4, 4, &c); /* D: hit -> D A5 B */
	route_candidates(w, 0, 3, 4, &c); /* C: miss, evicts B */
	route_cache_stats(w->route_cache, &entries, &hits, &misses);
	ck_assert_int_eq(hits, 3 + 5);
	ck_assert_int_eq(misses, 6 + 4);
	ck_assert_int_eq(entries, 3);
	smug_world_free(w);
}
END_TEST

/* A world's route cache and reach rows are its own memory: making a
 * generated world, running it until its caches fill and freeing it, many
 * times over, leaves the heap where it was. */
START_TEST(test_routing_caches_give_their_memory_back)
{
	size_t before = 0;
	int made = 0;

	/* no assertion inside the loop: Check keeps a note of each one */
	for (int round = 0; round < 12; round++) {
		struct smug_world *w = NULL;
		struct smug_error err;

		if (smug_world_load_default(&w, &err) == SMUG_OK) {
			smug_cmd_step(w, 40);
			made += w->route_cache != NULL;
			smug_world_free(w);
		}
		if (round == 1)
			before = test_heap_in_use();
	}
	ck_assert_int_eq(made, 12);
	/* nothing of a world stays (valgrind finds nothing left either; the
	 * allocator's own bookkeeping moves about 9 KB here), while a cache's
	 * entry table alone is 10 KB a world */
	ck_assert_msg(test_heap_in_use() <= before + 48 * 1024, "10 worlds freed: %zu bytes more in use",
		      test_heap_in_use() - before);
}
END_TEST

/* A large world's route search buffers (a few per node, some per
 * corridor: about 200 KB on 3,600 wards) are given back with the world;
 * on the default world each is below the allocator's own noise. */
START_TEST(test_routing_large_worlds_give_their_search_buffers_back)
{
	char *json = smug_scenario_generate(3600, 42, 2);
	size_t before = 0;
	int made = 0;

	ck_assert_ptr_nonnull(json);
	for (int round = 0; round < 5; round++) {
		struct smug_world *w = NULL;
		struct smug_error err;

		if (smug_world_load_json(json, strlen(json), "w3600", &w, &err) == SMUG_OK) {
			smug_cmd_step(w, 1); /* routes searched: the buffers fitted to the graph */
			made += w->route_cache != NULL;
			smug_world_free(w);
		}
		if (round == 1)
			before = test_heap_in_use();
	}
	ck_assert_int_eq(made, 5);
	ck_assert_msg(test_heap_in_use() <= before + 16 * 1024, "3 worlds of 3,600 wards freed: %zu bytes more in use",
		      test_heap_in_use() - before);
	free(json);
}
END_TEST

/* route_yen, the search without a cache (a hand-built world's, and the
 * cache's own on a miss), gives its scratch back every time: 40 searches
 * on the default world leave the heap where it was. */
START_TEST(test_routing_yen_gives_its_scratch_back)
{
	struct smug_world *w = test_default_at(0);
	struct route_path *got = malloc(SMUG_ROUTE_TOPK_MAX * sizeof *got);
	size_t before = 0;
	int found = 0;

	ck_assert_ptr_nonnull(got);
	/* no assertion inside the loop: Check keeps a note of each one */
	for (int round = 0; round < 42; round++) {
		found += route_yen(w, 0, w->n_nodes - 1, SMUG_ROUTE_TOPK_MAX, got) > 0;
		if (round == 1)
			before = test_heap_in_use();
	}
	ck_assert_int_eq(found, 42);
	ck_assert_msg(test_heap_in_use() <= before + 16 * 1024, "40 searches: %zu bytes more in use",
		      test_heap_in_use() - before);
	free(got);
	smug_world_free(w);
}
END_TEST

/* The buffers of the search within the hop budget (taken only when the
 * cheapest route has too many nodes) go back with the world too: 200
 * bypass worlds, each routed end to end and freed, leave the heap where
 * it was (a buffer of one int64 a node kept would be 100 KB). */
START_TEST(test_routing_hop_budget_search_gives_its_buffers_back)
{
	size_t before = 0;
	int routed = 0;

	/* no assertion inside the loop: Check keeps a note of each one */
	for (int round = 0; round < 202; round++) {
		struct smug_world *w = bypass_world();
		struct route_path best;

		routed += route_dijkstra(w, 0, 59, &best) && best.n_nodes == SMUG_ROUTE_MAX_NODES;
		smug_world_free(w);
		if (round == 1)
			before = test_heap_in_use();
	}
	ck_assert_int_eq(routed, 202);
	ck_assert_msg(test_heap_in_use() <= before + 16 * 1024, "200 bypass worlds routed and freed: %zu bytes more in use",
		      test_heap_in_use() - before);
}
END_TEST

START_TEST(test_routing_cache_off_or_missing_gives_same_answers)
{
	struct lcg r = {1717};
	struct smug_world *w = random_world(&r, 12, 16, true);
	struct route_path on[SMUG_ROUTE_TOPK_MAX];
	const struct route_path *c;
	int64_t hits, misses;
	int n_on, n;

	ck_assert_ptr_nonnull(w->route_cache); /* world_finish made one */
	n_on = route_candidates(w, 0, 11, 24, &c);
	ck_assert_int_gt(n_on, 1);
	memcpy(on, c, (size_t)n_on * sizeof *on);
	n = route_candidates(w, 0, 11, 24, &c); /* hit */
	assert_same_list(c, n, on, n_on);
	route_cache_set_enabled(w->route_cache, false);
	n = route_candidates(w, 0, 11, 24, &c);
	assert_same_list(c, n, on, n_on);
	route_cache_stats(w->route_cache, NULL, &hits, &misses);
	ck_assert_int_eq(hits, 1); /* the disabled call did not use the cache */
	ck_assert_int_eq(misses, 1);
	route_cache_free(w->route_cache);
	w->route_cache = NULL;
	n = route_candidates(w, 0, 11, 24, &c);
	assert_same_list(c, n, on, n_on);
	route_cache_free(NULL);
	smug_world_free(w);
}
END_TEST

/* A route's text is its node ids joined by '>', cut to the buffer: every
 * size from 1 to the full length + 1 gives the full text's first
 * size - 1 bytes and a terminator, and nothing past the buffer is
 * written. */
START_TEST(test_routing_route_text_cut_to_buffer)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	int nodes[4];
	char full[256], expect[256], buf[260];
	size_t len;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	ck_assert_int_ge(w->n_nodes, 4);
	for (int i = 0; i < 4; i++)
		nodes[i] = i;
	snprintf(expect, sizeof expect, "%s>%s>%s>%s", w->nodes[0].id, w->nodes[1].id, w->nodes[2].id,
		 w->nodes[3].id);
	smug_route_format(w, nodes, 4, full, sizeof full);
	ck_assert_str_eq(full, expect);
	len = strlen(full);
	for (size_t size = 1; size <= len + 1; size++) {
		memset(buf, '#', sizeof buf);
		smug_route_format(w, nodes, 4, buf, size);
		ck_assert_uint_eq(strlen(buf), size - 1);
		ck_assert(strncmp(buf, full, size - 1) == 0);
		ck_assert_int_eq(buf[size], '#');
	}
	smug_world_free(w);
}
END_TEST

/* ---- reachability ---- */

/* route_reachable against the search itself: for every pair asked, true
 * exactly when route_candidates (k = 1) and route_dijkstra find a route.
 * Counts both answers so a test cannot pass on one kind alone. */
static void assert_reach_exact(struct smug_world *w, int src, int *n_yes, int *n_no)
{
	for (int dst = 0; dst < w->n_nodes; dst++) {
		const struct route_path *c;
		struct route_path p;
		bool reach = route_reachable(w, src, dst);
		int n = route_candidates(w, src, dst, 1, &c);

		ck_assert_msg(reach == (n > 0), "%d -> %d: reachable %d, route_candidates %d", src, dst,
			      reach, n);
		ck_assert_int_eq(reach, route_dijkstra(w, src, dst, &p));
		*n_yes += reach;
		*n_no += !reach;
	}
}

/* A plain chain: a route may have SMUG_ROUTE_MAX_NODES - 1 corridors,
 * not one more, in either direction. */
START_TEST(test_routing_reach_stops_at_the_route_length)
{
	static struct edge_spec e[99];
	struct smug_world *w;
	const int last = SMUG_ROUTE_MAX_NODES - 1;

	for (int i = 0; i + 1 < 100; i++)
		e[i] = (struct edge_spec){i, i + 1, 1 + i % 3, 0.0};
	w = make_world(100, 1, e, 99);
	ck_assert(route_reachable(w, 0, last));
	ck_assert(!route_reachable(w, 0, last + 1));
	ck_assert(route_reachable(w, 99, 99 - last));
	ck_assert(!route_reachable(w, 99, 99 - last - 1));
	ck_assert(route_reachable(w, 50, 50));
	ck_assert(!route_reachable(w, 0, 100)); /* no such node */
	ck_assert(!route_reachable(w, -1, 3));
	ck_assert_ptr_null(route_reach_row(w, 100));
	smug_world_free(w);
}
END_TEST

/* Long thin worlds (a chain with random shortcuts of up to 4 nodes and
 * cheap detours), small and large enough for the landmark bounds: the
 * answer is exact on every pair from many sources. */
START_TEST(test_routing_reach_matches_the_search)
{
	static const int sizes[] = {120, 200, 640};
	static struct edge_spec e[640 * 3];

	for (int g = 0; g < 3; g++) {
		struct lcg r = {(uint64_t)g + 77};
		int n = sizes[g], n_e = 0, n_yes = 0, n_no = 0;
		struct smug_world *w;

		for (int i = 0; i + 1 < n; i++)
			e[n_e++] = (struct edge_spec){i, i + 1, lcg_range(&r, 1, 3), 0.0};
		for (int i = 0; i + 4 < n; i++)
			if (lcg_range(&r, 0, 2) == 0)
				e[n_e++] = (struct edge_spec){i, i + lcg_range(&r, 2, 4), lcg_range(&r, 2, 6), 0.0};
		w = make_world(n, 1, e, n_e);
		for (int k = 0; k < 24; k++)
			assert_reach_exact(w, k == 0 ? 0 : k == 1 ? n - 1 : lcg_range(&r, 0, n - 1), &n_yes,
					   &n_no);
		ck_assert_int_gt(n_yes, 100);
		ck_assert_int_gt(n_no, 100);
		smug_world_free(w);
	}
}
END_TEST

/* More sources than any cache holds, asked in a scrambled order and
 * again: the same answers as with the cache off (every row searched
 * afresh) and as with no cache at all. */
START_TEST(test_routing_reach_cache_never_changes_an_answer)
{
	static struct edge_spec e[400];
	static bool want[400][400];
	struct lcg r = {4242};
	struct smug_world *w;
	int n_e = 0;

	for (int i = 0; i + 1 < 400; i++)
		e[n_e++] = (struct edge_spec){i, i + 1, 1, 0.0};
	w = make_world(400, 1, e, n_e);
	route_cache_set_enabled(w->route_cache, false);
	for (int a = 0; a < 400; a++)
		for (int b = 0; b < 400; b++)
			want[a][b] = (a > b ? a - b : b - a) <= SMUG_ROUTE_MAX_NODES - 1;
	for (int t = 0; t < 2000; t++) {
		int a = lcg_range(&r, 0, 399), b = lcg_range(&r, 0, 399);

		ck_assert_int_eq(route_reachable(w, a, b), want[a][b]);
	}
	route_cache_set_enabled(w->route_cache, true);
	for (int t = 0; t < 20000; t++) {
		int a = lcg_range(&r, 0, 399), b = lcg_range(&r, 0, 399);

		ck_assert_msg(route_reachable(w, a, b) == want[a][b], "%d -> %d (ask %d)", a, b, t);
	}
	route_cache_free(w->route_cache);
	w->route_cache = NULL;
	ck_assert(route_reachable(w, 10, 10 + SMUG_ROUTE_MAX_NODES - 1));
	ck_assert(!route_reachable(w, 10, 10 + SMUG_ROUTE_MAX_NODES));
	smug_world_free(w);
}
END_TEST

static Suite *routing_suite(void)
{
	Suite *s = suite_create("routing");
	TCase *t;

	t = tcase_create("order");
	tcase_add_test(t, test_routing_path_order);
	tcase_add_test(t, test_routing_path_order_ignores_what_lies_past_the_last_node);
	tcase_add_test(t, test_routing_route_text_cut_to_buffer);
	suite_add_tcase(s, t);

	t = tcase_create("dijkstra");
	tcase_set_timeout(t, 60); /* brute force, slow under sanitizers */
	tcase_add_test(t, test_routing_dijkstra_breaks_ties_by_node_ids);
	tcase_add_test(t, test_routing_dijkstra_matches_brute_force);
	suite_add_tcase(s, t);

	t = tcase_create("yen");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, test_routing_yen_matches_brute_force);
	tcase_add_test(t, test_routing_yen_equal_weights_ties);
	tcase_add_test(t, test_routing_yen_respects_max_nodes);
	tcase_add_test(t, test_routing_route_of_the_most_corridors_at_the_dearest_is_found);
	tcase_add_test(t, test_routing_a_straight_corridor_is_found_when_the_chain_is_too_long);
	tcase_add_test(t, test_routing_hop_bounds_keep_answers);
	tcase_add_test(t, test_routing_hop_budget_regions_keep_answers);
	tcase_add_test(t, test_routing_last_spur_of_a_full_route);
	tcase_add_test(t, test_routing_hop_bounds_hold_past_16_bits);
	tcase_add_test(t, test_routing_wide_spur_keeps_answers);
	tcase_add_test(t, test_routing_paths_loopless_and_joined);
	suite_add_tcase(s, t);

	t = tcase_create("edges");
	tcase_add_test(t, test_routing_same_node_is_one_node_path);
	tcase_add_test(t, test_routing_unreachable_returns_none);
	suite_add_tcase(s, t);

	t = tcase_create("cache");
	tcase_set_timeout(t, 60); /* 3,600-ward worlds made and stepped: seconds under sanitizers */
	tcase_add_test(t, test_routing_cache_matches_fresh);
	tcase_add_test(t, test_routing_stamp_wrap_changes_no_route);
	tcase_add_test(t, test_routing_scan_lists_each_slot_once);
	tcase_add_test(t, test_routing_cache_evicts_least_recently_used);
	tcase_add_test(t, test_routing_far_pair_costs_no_search_at_any_scale);
	tcase_add_test(t, test_routing_cache_off_or_missing_gives_same_answers);
	tcase_add_test(t, test_routing_caches_give_their_memory_back);
	tcase_add_test(t, test_routing_large_worlds_give_their_search_buffers_back);
	tcase_add_test(t, test_routing_hop_budget_search_gives_its_buffers_back);
	tcase_add_test(t, test_routing_yen_gives_its_scratch_back);
	suite_add_tcase(s, t);

	t = tcase_create("reach");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, test_routing_reach_stops_at_the_route_length);
	tcase_add_test(t, test_routing_reach_matches_the_search);
	tcase_add_test(t, test_routing_reach_cache_never_changes_an_answer);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(routing_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

