/* Routing over the corridor graph: Dijkstra, Yen's k shortest loopless paths
 * and a bounded LRU cache. Every answer is an exact prefix of all loopless paths
 * of <= SMUG_ROUTE_MAX_NODES nodes in route_path_cmp order; no global state. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core.h"

#define ROUTE_INF INT64_MAX

/* ---- scratch ------------------------------------------------------------ */

struct heap_item {
	int64_t dist;
	int node;
};

struct base_node {
	int64_t dist;
	uint32_t gen;
	uint32_t h; /* base_h, set when the build first reaches the node */
};

struct base_ent {
	int node, next; /* its distance is its bucket's */
};

struct hop_rec {
	int64_t cost;
	int row, prev; /* prev: the node's earlier record, -1 none */
};

/* Per-search buffers sized for one world's graph; grown on demand. */
struct route_scratch {
	int n_nodes, n_adj, n_corridors; /* sizes the buffers hold */
	int64_t *dist;			 /* [n_nodes] cost to dst */
	unsigned char *node_ban;	 /* [n_nodes] 1 = root node, not usable */
	unsigned char *corridor_ban;	 /* [n_corridors] 1 = banned first hop */
	unsigned char *on_walk;		 /* [n_nodes] loop guard for walks */
	struct heap_item *heap;		 /* [n_adj + n_nodes + 1] */
	/* hop_table's rows, kept as their changes: node v's cost at row h is
	 * that of the latest of v's records (hop_head[v], then .prev) whose
	 * row is at most h, ROUTE_INF when none is (hop_cost) */
	struct hop_rec *hop_rec; /* [cap_hop_rec], lazy, grown */
	int n_hop_rec, cap_hop_rec;
	int *hop_head;	   /* [n_nodes] v's latest record, -1 none, lazy */
	int64_t *hop_best; /* [n_nodes] v's cost in the row being built, lazy */
	int64_t *hop_from; /* [n_nodes] the last row's costs of its changed nodes, lazy */
	int *hop_chg;	   /* [2 * n_nodes] nodes a row improved, lazy */
	int *hop_chg_row;  /* [n_nodes] the row that last listed v, lazy */
	int *hop_lim;	   /* [n_nodes] the last row a route from src reads v at, lazy;
			    * 0 for every node outside the region */
	/* Yen's candidate set B, sorted by route_path_cmp */
	struct route_path cand[SMUG_ROUTE_TOPK_MAX];
	int cand_dev[SMUG_ROUTE_TOPK_MAX]; /* deviation index of each candidate */
	int dev[SMUG_ROUTE_TOPK_MAX];	   /* deviation index of each result */
	struct route_path spur;
	/* dist[v] holds only when dist_gen[v] == gen, so a search never
	 * resets the whole graph */
	uint32_t *dist_gen;
	uint32_t gen;
	/* hop lower bounds on large graphs: hops from LANDMARKS nodes, a
	 * node's row together (lm[v * LANDMARKS + l], -1 = unreachable,
	 * at most LM_HOPS_MAX); NULL on small graphs */
	int16_t *lm;
	unsigned char *member; /* [n_nodes] hop_table's region, cleared after use */
	int *members;	       /* [n_nodes] */
	/* members[] in hop_ball's region, from hop_ball to region_clear
	 * (0 between them); the other searches that queue in members[]
	 * count on their own and leave it at 0 */
	int n_members;
	int64_t wmax; /* heaviest corridor route_weight of the graph */
	int64_t wmin; /* lightest, 0 with no corridor (filled with adj_w) */
	/* adj_w[j]: the route_weight of adj[j]'s corridor, the searches'
	 * one read of it an entry, filled for adj_w_of (a world's weights
	 * change only when it is indexed, which gives it a new cache) */
	int64_t *adj_w;
	const struct smug_world *adj_w_of;
	/* yen_with's unbanned distances to its dst, over the ball no
	 * short-enough route leaves, settled on demand (base_of): a Dijkstra
	 * from dst over the whole graph, bans ignored, kept open between
	 * reads. base[v].dist is v's settled distance when base[v].gen ==
	 * base_cur, its tentative one when base[v].gen == base_cur - 1 (one
	 * record, read at once by a relaxation). Nodes are settled in order
	 * of their distance plus base_h, a consistent lower bound on their
	 * cost from yen_with's source (A*), so the ones off the way to it
	 * wait: a settled distance is exact all the same. The frontier
	 * is a bucket queue (Dial's) of those keys: every entry not yet taken
	 * lies within wmax + base_hstep of base_at, the key being taken (in
	 * bucket base_pos), so a bucket, taken round the ring of base_nb =
	 * wmax + base_hstep + 1, holds only entries of one key (a list through
	 * base_ent[].next), and base_bits marks the buckets that hold any;
	 * base_live counts the entries. No entry is made past base_radius. */
	struct base_node *base;
	uint32_t base_cur;
	struct base_ent *base_ent; /* [n_adj + n_nodes + 1]: each settled node's corridors push at most once */
	int base_n_ent, base_live;
	int *base_bucket; /* [base_nb] first entry, read only where base_bits has the bucket */
	uint64_t *base_bits; /* [(base_nb + 63) / 64] */
	int base_nb, base_nw, base_bucket_cap, base_pos; /* base_nw: words of base_bits */
	int64_t base_at, base_radius;
	int64_t base_hstep;	    /* the lightest corridor's weight on large graphs, else 0 */
	const int16_t *base_src_lm; /* the landmark row of yen_with's source */
	int base_dst; /* -1: none; scratch_fit clears it at every entry, so a base tree
		       * serves only the search that built it */
	/* goal-directed spur search: fwd[v] = cost src -> v, valid when
	 * fwd_gen[v] == fwd_cur */
	int64_t *fwd;
	uint32_t *fwd_gen;
	uint32_t fwd_cur;
};

#define LANDMARKS 8
#define LANDMARK_MIN_NODES 512 /* below this a search is cheap anyway */

static void scratch_done(struct route_scratch *s)
{
	free(s->dist);
	free(s->node_ban);
	free(s->corridor_ban);
	free(s->on_walk);
	free(s->heap);
	free(s->hop_rec);
	free(s->hop_head);
	free(s->hop_best);
	free(s->hop_from);
	free(s->hop_chg);
	free(s->hop_chg_row);
	free(s->hop_lim);
	free(s->dist_gen);
	free(s->lm);
	free(s->member);
	free(s->members);
	free(s->base);
	free(s->base_ent);
	free(s->base_bucket);
	free(s->base_bits);
	free(s->fwd);
	free(s->fwd_gen);
	free(s->adj_w);
	memset(s, 0, sizeof *s);
}

/* Breadth-first hop counts from node `from` into row[] (-1 = unreachable). */
static void hops_from(const struct smug_world *w, int from, int *row, int *queue)
{
	int head = 0, tail = 0;

	for (int v = 0; v < w->n_nodes; v++)
		row[v] = -1;
	row[from] = 0;
	queue[tail++] = from;
	while (head < tail) {
		int u = queue[head++];
		const struct smug_node *nu = &w->nodes[u];

		for (int j = nu->adj_first, j_end = j + nu->adj_count; j < j_end; j++) {
			int v = w->adj[j].node;

			if (row[v] < 0) {
				row[v] = row[u] + 1;
				queue[tail++] = v;
			}
		}
	}
}

/* A landmark row's hop counts are kept no greater than this, so that
 * one row is a vector of 8 int16 and the difference of two counts never
 * overflows. A bound is only ever compared with a route's corridors
 * (fewer than SMUG_ROUTE_MAX_NODES): counts kept so are still a lower
 * bound (|min(a, M) - min(b, M)| <= |a - b|), the same one wherever no
 * count exceeds M, which no map of a million nodes in a plane comes
 * near. */
#define LM_HOPS_MAX 16383
_Static_assert(SMUG_ROUTE_MAX_NODES < LM_HOPS_MAX, "a route's corridors fit under the kept counts");

/* Landmarks by farthest-point selection from node 0 (ties: smaller
 * index), so the hop bounds below are tight across the whole map. */
static void landmarks_build(const struct smug_world *w, struct route_scratch *s)
{
	size_t n = (size_t)w->n_nodes;
	int *queue = xcalloc(n, sizeof *queue); /* a node is queued once: when its count is set */
	int *row = xcalloc(n, sizeof *row);     /* n >= 1: a scenario's wards have nodes */
	int *near = xcalloc(n, sizeof *near);   /* fewest hops to a landmark so far, INT32_MAX none */
	int next = 0;

	s->lm = xcalloc((size_t)LANDMARKS * n, sizeof *s->lm);
	for (size_t v = 0; v < n; v++)
		near[v] = INT32_MAX;
	for (int l = 0; l < LANDMARKS; l++) {
		int best = -1, best_d = -1;

		hops_from(w, next, row, queue);
		for (size_t v = 0; v < n; v++) {
			s->lm[v * LANDMARKS + (size_t)l] = (int16_t)(row[v] < LM_HOPS_MAX ? row[v] : LM_HOPS_MAX);
			if (row[v] >= 0 && row[v] < near[v])
				near[v] = row[v];
			if (near[v] != INT32_MAX && near[v] > best_d) {
				best_d = near[v];
				best = (int)v;
			}
		}
		next = best; /* >= 0: the landmark itself is 0 hops from one */
	}
	free(near);
	free(row);
	free(queue);
}

static const int16_t *lm_row(const struct route_scratch *s, int v)
{
	return s->lm + (size_t)v * LANDMARKS;
}

/* A landmark row as one vector (the vector types gcc and clang share). */
typedef int16_t lm_vec __attribute__((vector_size(LANDMARKS * sizeof(int16_t))));
#if defined(__clang__)
#define LM_SHUFFLE(v, ...) __builtin_shufflevector(v, v, __VA_ARGS__)
#else
#define LM_SHUFFLE(v, ...) __builtin_shuffle(v, (lm_vec){__VA_ARGS__})
#endif

/* The larger of each pair of counts: one instruction on x86-64 (SSE2's
 * pmaxsw, which gcc does not find in the masks below), else the masks. */
static inline lm_vec lm_max(lm_vec a, lm_vec b)
{
#ifdef __SSE2__
	return (lm_vec)_mm_max_epi16((__m128i)a, (__m128i)b);
#else
	lm_vec m = a > b;

	return (a & m) | (b & ~m);
#endif
}

/* A lower bound on the corridors of any path between the nodes of two
 * landmark rows (bans only lengthen paths, so it holds in every search);
 * INT32_MAX when no path exists. Every landmark lies in node 0's part of
 * the graph, so a row is all -1 or has no -1, and its first count tells.
 * The eight differences at once, then their largest. */
static int hops_lb(const int16_t *a, const int16_t *b)
{
	_Static_assert(LANDMARKS == 8, "a row is one vector of 8 counts");
	lm_vec x, y, d;

	if ((a[0] < 0) != (b[0] < 0))
		return INT32_MAX;
	memcpy(&x, a, sizeof x);
	memcpy(&y, b, sizeof y);
	d = lm_max(x - y, y - x);
	d = lm_max(d, LM_SHUFFLE(d, 4, 5, 6, 7, 0, 1, 2, 3));
	d = lm_max(d, LM_SHUFFLE(d, 2, 3, 0, 1, 6, 7, 4, 5));
	d = lm_max(d, LM_SHUFFLE(d, 1, 0, 3, 2, 5, 4, 7, 6));
	return d[0];
}

/* Make the buffers fit w's graph; all masks come back cleared. */
static void scratch_fit(struct route_scratch *s, const struct smug_world *w)
{
	if (s->dist == NULL || s->n_nodes < w->n_nodes || s->n_adj < w->n_adj ||
	    s->n_corridors < w->n_corridors) {
		int n = w->n_nodes > s->n_nodes ? w->n_nodes : s->n_nodes;
		int a = w->n_adj > s->n_adj ? w->n_adj : s->n_adj;
		int c = w->n_corridors > s->n_corridors ? w->n_corridors : s->n_corridors;

		scratch_done(s);
		s->n_nodes = n;
		s->n_adj = a;
		s->n_corridors = c;
		s->dist = xcalloc((size_t)n + 1, sizeof *s->dist);
		s->node_ban = xcalloc((size_t)n + 1, 1);
		s->corridor_ban = xcalloc((size_t)c + 1, 1);
		s->on_walk = xcalloc((size_t)n + 1, 1);
		s->heap = xcalloc((size_t)a + (size_t)n + 1, sizeof *s->heap);
		s->dist_gen = xcalloc((size_t)n + 1, sizeof *s->dist_gen);
		s->member = xcalloc((size_t)n + 1, 1);
		s->members = xcalloc((size_t)n + 1, sizeof *s->members);
		s->base = xcalloc((size_t)n + 1, sizeof *s->base);
		s->base_ent = xcalloc((size_t)a + (size_t)n + 1, sizeof *s->base_ent);
		s->fwd = xcalloc((size_t)n + 1, sizeof *s->fwd);
		s->fwd_gen = xcalloc((size_t)n + 1, sizeof *s->fwd_gen);
		s->adj_w = xcalloc((size_t)a + 1, sizeof *s->adj_w);
		if (w->n_nodes >= LANDMARK_MIN_NODES)
			landmarks_build(w, s);
		/* hop_table's buffers stay NULL until a path is too long */
	}
	if (s->adj_w_of != w) {
		s->wmin = w->n_adj > 0 ? INT64_MAX : 0;
		for (int j = 0; j < w->n_adj; j++) {
			s->adj_w[j] = w->corridors[w->adj[j].corridor].route_weight;
			if (s->adj_w[j] < s->wmin)
				s->wmin = s->adj_w[j];
		}
		s->adj_w_of = w;
	}
	/* the masks are restored by every user; nothing to clear */
	s->base_dst = -1;
	s->wmax = w->route_wmax;
}

/* ---- path order --------------------------------------------------------- */

int route_path_cmp(const struct route_path *a, const struct route_path *b)
{
	int n = a->n_nodes < b->n_nodes ? a->n_nodes : b->n_nodes;

	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	for (int i = 0; i < n; i++)
		if (a->nodes[i] != b->nodes[i])
			return a->nodes[i] < b->nodes[i] ? -1 : 1;
	if (a->n_nodes != b->n_nodes)
		return a->n_nodes < b->n_nodes ? -1 : 1;
	return 0;
}

/* ---- binary heap (lazy deletion) ----------------------------------------- */

static bool heap_less(const struct heap_item *x, const struct heap_item *y)
{
	return x->dist < y->dist || (x->dist == y->dist && x->node < y->node);
}

static void heap_push(struct heap_item *h, int *n, int64_t dist, int node)
{
	int i = (*n)++;

	h[i] = (struct heap_item){dist, node};
	while (i > 0) {
		int p = (i - 1) / 2;
		struct heap_item t;

		if (!heap_less(&h[i], &h[p]))
			break;
		t = h[i];
		h[i] = h[p];
		h[p] = t;
		i = p;
	}
}

static struct heap_item heap_pop(struct heap_item *h, int *n)
{
	struct heap_item top = h[0];
	int i = 0;

	h[0] = h[--(*n)];
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		struct heap_item t;

		if (l < *n && heap_less(&h[l], &h[m]))
			m = l;
		if (r < *n && heap_less(&h[r], &h[m]))
			m = r;
		if (m == i)
			break;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
	return top;
}

/* ---- single-pair search with bans ---------------------------------------- */

/* Start a new generation of a stamp array (v is current when
 * stamps[v] == *cur); on wrap-around every stamp is forgotten. */
static void stamp_next(uint32_t *stamps, uint32_t *cur, int n)
{
	if (++*cur == 0) {
		memset(stamps, 0, (size_t)n * sizeof *stamps);
		*cur = 1;
	}
}

static bool usable(const struct route_scratch *s, const struct smug_adj *e)
{
	return !s->node_ban[e->node] && !s->corridor_ban[e->corridor];
}

static int64_t dist_of(const struct route_scratch *s, int v)
{
	return s->dist_gen[v] == s->gen ? s->dist[v] : ROUTE_INF;
}

/* Dijkstra from dst over the unbanned graph until src is settled, never
 * past `radius`. On return dist[v] is exact for every v with dist[v] <
 * dist[src]; other values are >= dist[src], which is all the walk below
 * needs. Returns dist[src], or ROUTE_INF when src is farther than radius. */
static int64_t dist_to_dst(const struct smug_world *w, struct route_scratch *s, int src,
			   int dst, int64_t radius)
{
	int n_heap = 0;
	int64_t d_src;

	stamp_next(s->dist_gen, &s->gen, s->n_nodes);
	s->dist[dst] = 0;
	s->dist_gen[dst] = s->gen;
	heap_push(s->heap, &n_heap, 0, dst);
	while (n_heap > 0) {
		struct heap_item it = heap_pop(s->heap, &n_heap);
		const struct smug_node *u = &w->nodes[it.node];

		if (it.dist != s->dist[it.node])
			continue; /* stale entry */
		if (it.dist > radius)
			break;
		if (it.node == src)
			break;
		for (int j = u->adj_first, j_end = j + u->adj_count; j < j_end; j++) {
			const struct smug_adj *e = &w->adj[j];
			int64_t d = it.dist + s->adj_w[j];

			if (usable(s, e) && d < dist_of(s, e->node)) {
				s->dist[e->node] = d;
				s->dist_gen[e->node] = s->gen;
				heap_push(s->heap, &n_heap, d, e->node);
			}
		}
	}
	d_src = dist_of(s, src);
	return d_src <= radius ? d_src : ROUTE_INF;
}

/* Node v's cost to dst in row h of hop_table (v in its region). */
static int64_t hop_cost(const struct route_scratch *s, int v, int h)
{
	for (int r = s->hop_head[v]; r >= 0; r = s->hop_rec[r].prev)
		if (s->hop_rec[r].row <= h)
			return s->hop_rec[r].cost;
	return ROUTE_INF;
}

/* A lower bound on v's cost from yen_with's source: the landmarks' bound
 * on the corridors between them, each weighing at least base_hstep (0 on
 * small graphs: no bound), kept under 2^32 (still a lower bound). It is
 * consistent: across a corridor the hop bound changes by at most one, so
 * the estimate by at most base_hstep, no more than the corridor weighs. */
static inline uint32_t base_h(const struct route_scratch *s, int v)
{
	int64_t h;

	if (s->base_hstep == 0)
		return 0;
	h = (int64_t)hops_lb(lm_row(s, v), s->base_src_lm) * s->base_hstep;
	return h < (int64_t)UINT32_MAX ? (uint32_t)h : UINT32_MAX;
}

/* Add an entry of key `key` (within wmax + base_hstep of base_at) to its bucket. */
static inline void base_push(struct route_scratch *s, int64_t key, int node)
{
	int e = s->base_n_ent++, b = s->base_pos + (int)(key - s->base_at);
	uint64_t *word, bit;

	if (b >= s->base_nb)
		b -= s->base_nb;
	word = &s->base_bits[b >> 6];
	bit = (uint64_t)1 << (b & 63);
	/* an empty bucket's head is not read: it may be left from a build before */
	s->base_ent[e] = (struct base_ent){node, *word & bit ? s->base_bucket[b] : -1};
	s->base_bucket[b] = e;
	*word |= bit;
	s->base_live++;
}

/* Move base_at and base_pos to the nearest bucket round the ring that
 * holds an entry (there is one: base_live > 0). */
static void base_advance(struct route_scratch *s)
{
	int pos = s->base_pos, i = pos >> 6, b;
	uint64_t m = s->base_bits[i] & (~(uint64_t)0 << (pos & 63));

	while (m == 0) { /* ends: some word has a bit, at worst this one again */
		i = i + 1 == s->base_nw ? 0 : i + 1;
		m = s->base_bits[i];
	}
	b = (i << 6) + __builtin_ctzll(m);
	s->base_at += b >= pos ? b - pos : b + s->base_nb - pos;
	s->base_pos = b;
}

/* Settle base entries in order of key until v is settled or none is
 * left: base[v], or ROUTE_INF (v farther than base_radius). A*'s settled
 * distances, with a consistent estimate, are exact whatever is read in
 * between, so v gets the value a full Dijkstra would give it. */
static int64_t base_more(const struct smug_world *w, struct route_scratch *s, int v)
{
	const uint32_t cur = s->base_cur, tent = cur - 1;
	struct base_node *const bn = s->base;

	while (bn[v].gen != cur && s->base_live > 0) {
		int64_t at, g;
		int pos, x, node;
		const struct smug_node *u;

		base_advance(s);
		at = s->base_at;
		pos = s->base_pos;
		x = s->base_bucket[pos];
		node = s->base_ent[x].node;
		s->base_bucket[pos] = s->base_ent[x].next;
		if (s->base_ent[x].next < 0)
			s->base_bits[pos >> 6] &= ~((uint64_t)1 << (pos & 63));
		s->base_live--;
		/* a node's entries have distinct keys (a push lowers its
		 * tentative distance), so only the entry that settles it has
		 * its distance's key: an entry of another is stale */
		if (at != bn[node].dist + bn[node].h)
			continue;
		bn[node].gen = cur;
		g = bn[node].dist;
		u = &w->nodes[node];
		for (int j = u->adj_first, j_end = j + u->adj_count; j < j_end; j++) {
			int y_node = w->adj[j].node;
			struct base_node *y = &bn[y_node];
			int64_t d = g + s->adj_w[j];

			/* a node neither tentative nor settled in this build
			 * (stamped before it: stamps only grow between wraps,
			 * which clear them) gets its estimate; a settled one is
			 * at most g <= d away (the estimate is consistent) */
			if (y->gen < tent) {
				y->h = base_h(s, y_node);
				y->gen = tent;
			} else if (d >= y->dist) {
				continue;
			}
			y->dist = d;
			if (d <= s->base_radius)
				base_push(s, d + y->h, y_node);
		}
	}
	return bn[v].gen == cur ? bn[v].dist : ROUTE_INF;
}

static inline int64_t base_of(const struct smug_world *w, struct route_scratch *s, int v)
{
	return s->base[v].gen == s->base_cur ? s->base[v].dist : base_more(w, s, v);
}

/* Node x's cheapest way to dst through a usable first corridor: that
 * corridor, then the unbanned distance on (ROUTE_INF when none leads into
 * the ball). A spur node's own unbanned way may start with a banned
 * corridor, so its walk starts here. */
static int64_t base_first_hop(const struct smug_world *w, struct route_scratch *s, int x)
{
	const struct smug_node *nx = &w->nodes[x];
	int64_t left = ROUTE_INF;

	for (int j = nx->adj_first, j_end = j + nx->adj_count; j < j_end; j++) {
		const struct smug_adj *e = &w->adj[j];
		int64_t b = usable(s, e) ? base_of(w, s, e->node) : ROUTE_INF;

		if (b != ROUTE_INF && b + s->adj_w[j] < left)
			left = b + s->adj_w[j];
	}
	return left;
}

/* Walk src -> dst taking, at each node, the smallest neighbour index that
 * stays on a cheapest path (cost(u,v) + left(v) == left(u)). That is the
 * lexicographically smallest cheapest path. left(v) reads the table the
 * caller built: dist, or with hop_rows >= 0 the hop-bounded table. Returns false
 * if the path would exceed max_nodes or revisit a node. */
static bool walk_path(const struct smug_world *w, struct route_scratch *s, int src, int dst,
		      int max_nodes, int hop_rows, struct route_path *out)
{
	int u = src, hops = max_nodes - 1;
	bool ok = true;

	out->n_nodes = 0;
	out->cost = 0;
	for (;;) {
		const struct smug_node *nu = &w->nodes[u];
		int64_t left_u;
		int next = -1, via = -1;

		if (s->on_walk[u]) {
			ok = false;
			break;
		}
		s->on_walk[u] = 1;
		out->nodes[out->n_nodes++] = u;
		if (u == dst)
			break;
		if (out->n_nodes >= max_nodes) {
			ok = false; /* full, and dst not reached */
			break;
		}
		left_u = hop_rows < 0 ? dist_of(s, u) : hop_cost(s, u, hops < hop_rows ? hops : hop_rows);
		for (int j = nu->adj_first, j_end = j + nu->adj_count; j < j_end && next < 0; j++) {
			const struct smug_adj *e = &w->adj[j];
			int64_t wt = s->adj_w[j], left_v;

			if (!usable(s, e))
				continue;
			if (hop_rows < 0) {
				left_v = dist_of(s, e->node);
			} else {
				int h = hops - 1 < hop_rows ? hops - 1 : hop_rows;

				if (h < 0 || !s->member[e->node])
					continue;
				left_v = hop_cost(s, e->node, h);
			}
			if (left_v != ROUTE_INF && left_v + wt == left_u) {
				next = e->node;
				via = e->corridor;
			}
		}
		if (next < 0) {
			ok = false;
			break;
		}
		out->corridors[out->n_nodes - 1] = via;
		out->cost += w->corridors[via].route_weight;
		u = next;
		hops--;
	}
	for (int i = 0; i < out->n_nodes; i++)
		s->on_walk[out->nodes[i]] = 0;
	return ok;
}

/* Walk src -> dst as walk_path does, on the unbanned distances to dst
 * (base_of; yen_with's tree) and without a node budget: at the spur node
 * src the cheapest usable first hop (its cheapest unbanned way may be
 * banned), then at each node the smallest neighbour index over a usable
 * corridor that stays on a cheapest way. Returns its node count when it
 * reaches dst avoiding every ban, -1 when it meets a ban, a loop or a
 * dead end, and -2 when no usable first hop leads into the ball at all
 * (then no route short enough exists). A walk to dst of at most
 * SMUG_ROUTE_MAX_NODES nodes is left in out; otherwise out is left in
 * pieces. */
static int base_walk_len(const struct smug_world *w, struct route_scratch *s, int src, int dst,
			 struct route_path *out)
{
	int u = src, n = 0, result;
	int64_t left_u = base_first_hop(w, s, src), cost = 0;

	if (src != dst && left_u == ROUTE_INF)
		return -2;
	for (;;) {
		const struct smug_node *nu = &w->nodes[u];
		int next = -1;

		if (s->on_walk[u]) {
			result = -1;
			break;
		}
		s->on_walk[u] = 1;
		s->members[n++] = u;
		if (u == dst) {
			result = n;
			break;
		}
		if (u != src)
			left_u = base_of(w, s, u);
		for (int j = nu->adj_first, j_end = j + nu->adj_count; j < j_end && next < 0; j++) {
			const struct smug_adj *e = &w->adj[j];
			int64_t b = base_of(w, s, e->node);

			if (usable(s, e) && b != ROUTE_INF &&
			    b + s->adj_w[j] == left_u) {
				next = e->node;
				cost += s->adj_w[j];
				if (n < SMUG_ROUTE_MAX_NODES)
					out->corridors[n - 1] = e->corridor;
			}
		}
		if (next < 0) {
			result = -1;
			break;
		}
		u = next;
	}
	for (int i = 0; i < n; i++)
		s->on_walk[s->members[i]] = 0;
	if (result > 0 && result <= SMUG_ROUTE_MAX_NODES) {
		memcpy(out->nodes, s->members, (size_t)n * sizeof out->nodes[0]);
		out->n_nodes = n;
		out->cost = cost;
	}
	return result;
}

/* Breadth-first from dst over the unbanned graph, at most max_hops
 * corridors: members[] lists the nodes reached in order and dist[v] holds
 * their hop counts (the queue is members[] itself).
 * With src_lm (the landmark row of a route's source), only the nodes that
 * can lie on a route from that source of at most max_hops corridors join:
 * those with hops_lb(src, v) + dist[v] <= max_hops. A node left out is
 * not expanded, and that loses no node that joins: the bound is
 * consistent (two neighbours' bounds differ by at most one corridor), so
 * every node on a fewest-hops way from dst to a node that joins joins
 * too, and a node that joins is reached at its true hop count. The set is
 * the one a full ball filtered afterwards gives; only its order differs. */
static void hop_ball(const struct smug_world *w, struct route_scratch *s, int dst, int max_hops,
		     const int16_t *src_lm)
{
	stamp_next(s->dist_gen, &s->gen, s->n_nodes);
	s->n_members = 0;
	s->dist[dst] = 0;
	s->dist_gen[dst] = s->gen;
	s->members[s->n_members++] = dst;
	if (s->hop_lim)
		s->hop_lim[dst] = max_hops;
	for (int head = 0; head < s->n_members; head++) {
		int u = s->members[head];
		const struct smug_node *nu = &w->nodes[u];

		if (s->dist[u] >= max_hops)
			continue;
		for (int j = nu->adj_first, j_end = j + nu->adj_count; j < j_end; j++) {
			const struct smug_adj *e = &w->adj[j];

			if (usable(s, e) && s->dist_gen[e->node] != s->gen) {
				int lb = src_lm ? hops_lb(src_lm, lm_row(s, e->node)) : 0;

				s->dist[e->node] = s->dist[u] + 1;
				s->dist_gen[e->node] = s->gen;
				if ((long long)lb + s->dist[u] + 1 > max_hops)
					continue; /* seen, left out */
				if (s->hop_lim)
					s->hop_lim[e->node] = max_hops - lb;
				s->members[s->n_members++] = e->node;
			}
		}
	}
}

/* Keep of hop_ball's region only the nodes on some walk src -> dst of at
 * most max_hops corridors inside it: a breadth-first search from src
 * through the region gives each node its fewest corridors from src, hs
 * (in fwd[]), and a node stays when hs plus its corridors to dst (dist[])
 * is at most max_hops, its hop_lim lowered to max_hops - hs (hs is at
 * least the landmark bound, and two neighbours' hs differ by at most
 * one, which hop_table's exactness needs). The search expands only nodes
 * that stay and loses none: every node on a fewest-corridors way from src
 * to one that stays stays too. Returns false when dst is not reached: no
 * route is short enough (src is outside the ball, most often), and
 * hop_table need not be built. */
static bool region_from_src(const struct smug_world *w, struct route_scratch *s, int src, int dst,
			    int max_hops)
{
	int *queue = s->hop_chg, n_q = 0, kept = 0;

	stamp_next(s->fwd_gen, &s->fwd_cur, s->n_nodes);
	if (s->hop_lim[src] > 0) { /* a member: within max_hops of dst */
		s->fwd[src] = 0;
		s->fwd_gen[src] = s->fwd_cur;
		queue[n_q++] = src;
	}
	for (int head = 0; head < n_q; head++) {
		int u = queue[head];
		const struct smug_node *nu = &w->nodes[u];
		int64_t hu = s->fwd[u] + 1;

		for (int j = nu->adj_first, j_end = j + nu->adj_count; j < j_end; j++) {
			const struct smug_adj *e = &w->adj[j];
			int v = e->node;

			if (s->hop_lim[v] > 0 && s->fwd_gen[v] != s->fwd_cur &&
			    !s->corridor_ban[e->corridor] && hu + s->dist[v] <= max_hops) {
				s->fwd[v] = hu;
				s->fwd_gen[v] = s->fwd_cur;
				queue[n_q++] = v;
			}
		}
	}
	for (int i = 0; i < s->n_members; i++) {
		int v = s->members[i];

		if (s->fwd_gen[v] == s->fwd_cur) {
			s->hop_lim[v] = max_hops - (int)s->fwd[v];
			s->members[kept++] = v;
		} else {
			s->hop_lim[v] = 0;
		}
	}
	s->n_members = kept;
	return s->fwd_gen[dst] == s->fwd_cur;
}

/* What hop_ball's ball tells Yen's later spurs of the same root: ahead[i]
 * is spur node j + 1 + i when this search is spur j's (max_hops
 * corridors), and spur j + 1 + i has i + 1 fewer. Its route leaves by a
 * corridor to some x and goes on to dst in the graph of that spur, which
 * bans every node this one bans and more (spur node j, which every
 * corridor this one bans touches, among them), so in at least the
 * corridors x has to dst here. A node of the ball has them in dist[]; a
 * node left out has more than max_hops less its landmark bound from src,
 * itself at most i + 2, so more than the route could take. Bit k of
 * ahead_open[i] (the node's k-th corridor) is cleared when x cannot lead
 * to a route of at most max_hops - i - 1 corridors: x is not in the ball,
 * or 1 + dist[x] is more. Corridors past the 64th are not told about. */
static void ball_close_ahead(const struct smug_world *w, const struct route_scratch *s, int max_hops,
			     const int *ahead, int n_ahead, uint64_t *ahead_open)
{
	for (int i = 0; i < n_ahead; i++) {
		const struct smug_node *nv = &w->nodes[ahead[i]];
		int left = max_hops - i - 2, deg = nv->adj_count < 64 ? nv->adj_count : 64;
		uint64_t open = 0;

		for (int k = 0; k < deg; k++) {
			int x = w->adj[nv->adj_first + k].node;

			if (s->hop_lim[x] > 0 && s->dist[x] <= left) /* in the ball, near enough */
				open |= (uint64_t)1 << k;
		}
		ahead_open[i] &= open;
	}
}

/* Add node v's cost at row `row` to its records. */
static void hop_record(struct route_scratch *s, int v, int row, int64_t cost)
{
	if (s->n_hop_rec == s->cap_hop_rec) {
		s->cap_hop_rec = s->cap_hop_rec ? 2 * s->cap_hop_rec : 4 * s->n_nodes + 16;
		s->hop_rec = xrealloc(s->hop_rec, (size_t)s->cap_hop_rec * sizeof *s->hop_rec);
	}
	s->hop_rec[s->n_hop_rec] = (struct hop_rec){cost, row, s->hop_head[v]};
	s->hop_head[v] = s->n_hop_rec++;
}

/* Bellman-Ford by hop count: hop_cost(s, v, h) = cheapest v -> dst with
 * at most h corridors, exact for every h up to hop_lim[v], the rows a
 * route from src can read v at (a node hs corridors from src is read
 * with at most max_hops - hs left; region_from_src); rows past it are not
 * built for v. Exact where read: v's row h <= hop_lim[v] takes its
 * neighbours' row h - 1, within their limits too, as the hs of
 * neighbours differ by at most one. With cap, a cost above it is not
 * recorded (a node's cost starts just above it): a cost up
 * to cap is still exact (the cheapest way's every suffix costs no more),
 * one above it is ROUTE_INF or the cost of some dearer way. Returns the
 * number of rows filled (rows past it equal the last one). Only used when the cheapest path is too long. A row is
 * kept as the nodes it changed, not copied whole from the last. */
static int hop_table(const struct smug_world *w, struct route_scratch *s, int dst, int max_hops, int64_t cap)
{
	size_t n = (size_t)w->n_nodes;
	int h, nm = s->n_members;

	/* The region: the hop ball members[] the caller collected, which on
	 * large graphs leaves out the nodes the hop bounds to src rule out.
	 * A path src -> dst of at most max_hops corridors never leaves it. */
	for (int i = 0; i < nm; i++) {
		int v = s->members[i];

		s->member[v] = 1;
		s->hop_best[v] = cap == ROUTE_INF ? ROUTE_INF : cap + 1;
		s->hop_head[v] = -1;
		s->hop_chg_row[v] = 0;
	}
	s->n_hop_rec = 0;
	s->hop_best[dst] = 0;
	hop_record(s, dst, 0, 0);
	/* Only a node whose cost fell in row h - 1 can lower a neighbour's in
	 * row h (every other neighbour offered the same in row h - 1, and
	 * that is already in the neighbour's row), so each row relaxes the
	 * corridors of the nodes the last row improved, not of the region. */
	int *was = s->hop_chg, *now = s->hop_chg + n;
	int n_was = 0;

	was[n_was++] = dst;
	for (h = 1; h <= max_hops; h++) {
		int n_now = 0;

		/* the last row's costs of the nodes it changed, before this
		 * row lowers any of them */
		for (int i = 0; i < n_was; i++)
			s->hop_from[i] = s->hop_best[was[i]];
		for (int i = 0; i < n_was; i++) {
			int u = was[i];
			const struct smug_node *nu = &w->nodes[u];

			for (int j = nu->adj_first, j_end = j + nu->adj_count; j < j_end; j++) {
				const struct smug_adj *e = &w->adj[j];
				int v = e->node;
				int64_t d;

				/* a node outside the region has a limit of 0, and
				 * none in it is banned (hop_ball never enters one) */
				if (h > s->hop_lim[v] || s->corridor_ban[e->corridor])
					continue;
				d = s->hop_from[i] + s->adj_w[j];
				if (d < s->hop_best[v]) {
					s->hop_best[v] = d;
					if (s->hop_chg_row[v] != h) {
						s->hop_chg_row[v] = h;
						now[n_now++] = v;
					}
				}
			}
		}
		if (n_now == 0)
			return h;
		for (int i = 0; i < n_now; i++)
			hop_record(s, now[i], h, s->hop_best[now[i]]);
		int *swap = was;

		was = now;
		now = swap;
		n_was = n_now;
	}
	return max_hops;
}

static void region_clear(struct route_scratch *s)
{
	for (int i = 0; i < s->n_members; i++) {
		s->member[s->members[i]] = 0;
		s->hop_lim[s->members[i]] = 0;
	}
	s->n_members = 0;
}

/* How many leading nodes two paths share. */
static int shared_nodes(const struct route_path *a, const struct route_path *b)
{
	int n = a->n_nodes < b->n_nodes ? a->n_nodes : b->n_nodes, i = 0;

	while (i < n && a->nodes[i] == b->nodes[i])
		i++;
	return i;
}

static int64_t fwd_of(const struct route_scratch *s, int v)
{
	return s->fwd_gen[v] == s->fwd_cur ? s->fwd[v] : ROUTE_INF;
}

/* The same table dist_to_dst builds, as far as walk_path(-1) reads it,
 * from a search outward from src guided by the unbanned distances to dst
 * (a lower bound on the banned ones, and consistent: |base(u) - base(v)|
 * never exceeds the corridor between them): A* settles only the nodes
 * whose cost from src plus base could still be within the cheapest
 * route, not the whole disc around dst. It goes on past dst until every
 * node on any cheapest route is settled, then marks those nodes walking
 * back from dst along corridors where fwd is tight, and gives each of
 * them dist[v] = cost(src, dst) - fwd[v], its exact cost to dst; every
 * other node is left at ROUTE_INF, which the walk never follows, as it
 * never follows a node off the cheapest routes in the full table. Needs
 * the base of yen_with for dst. Returns dist[src] as dist_to_dst does. */
static int64_t dist_to_dst_guided(const struct smug_world *w, struct route_scratch *s, int src,
				  int dst, int64_t radius)
{
	int n_heap = 0, n_on = 0;
	int64_t best = ROUTE_INF;

	if (base_of(w, s, src) > radius)
		return ROUTE_INF;
	stamp_next(s->fwd_gen, &s->fwd_cur, s->n_nodes);
	s->fwd[src] = 0;
	s->fwd_gen[src] = s->fwd_cur;
	heap_push(s->heap, &n_heap, base_of(w, s, src), src);
	while (n_heap > 0) {
		struct heap_item it = heap_pop(s->heap, &n_heap);
		const struct smug_node *u = &w->nodes[it.node];
		int64_t g = s->fwd[it.node];

		if (it.dist != g + base_of(w, s, it.node))
			continue; /* stale entry */
		if (it.dist > best || it.dist > radius)
			break;
		if (it.node == dst) {
			best = g;
			continue;
		}
		for (int j = u->adj_first, j_end = j + u->adj_count; j < j_end; j++) {
			const struct smug_adj *e = &w->adj[j];
			int64_t d = g + s->adj_w[j], h = base_of(w, s, e->node);

			if (h != ROUTE_INF && usable(s, e) && d + h <= radius && d < fwd_of(s, e->node)) {
				s->fwd[e->node] = d;
				s->fwd_gen[e->node] = s->fwd_cur;
				heap_push(s->heap, &n_heap, d + h, e->node);
			}
		}
	}
	stamp_next(s->dist_gen, &s->gen, s->n_nodes);
	if (best == ROUTE_INF)
		return ROUTE_INF;
	/* the cheapest routes' nodes, back from dst (members[] is the queue) */
	s->dist[dst] = 0;
	s->dist_gen[dst] = s->gen;
	s->members[n_on++] = dst;
	for (int head = 0; head < n_on; head++) {
		int v = s->members[head];
		const struct smug_node *nv = &w->nodes[v];
		int64_t gv = s->fwd[v];

		if (v == src)
			continue;
		for (int j = nv->adj_first, j_end = j + nv->adj_count; j < j_end; j++) {
			const struct smug_adj *e = &w->adj[j];
			int64_t gu = fwd_of(s, e->node);

			if (gu != ROUTE_INF && s->dist_gen[e->node] != s->gen && usable(s, e) &&
			    gu + s->adj_w[j] == gv) {
				s->dist[e->node] = best - gu;
				s->dist_gen[e->node] = s->gen;
				s->members[n_on++] = e->node;
			}
		}
	}
	return dist_of(s, src);
}

/* Smallest path src -> dst (route_path_cmp) of at most max_nodes nodes in
 * the graph without the banned nodes and corridors. With a cap (ROUTE_INF
 * for none) the answer holds only when that path costs at most cap;
 * otherwise it may be false or some dearer path: a caller that throws
 * away every path dearer than cap loses nothing. ahead[0..n_ahead) are
 * Yen's later spur nodes of the same root; a hop ball, when one is built,
 * closes ahead_open's corridors (ball_close_ahead). Neither src nor dst
 * is banned and max_nodes is at least 2: Yen bans only the root's nodes
 * before the spur node src, a loopless path passes none of them twice
 * and ends at dst, and a spur leaves at least one corridor to go. */
static bool search(const struct smug_world *w, struct route_scratch *s, int src, int dst,
		   int max_nodes, int64_t cap, const int *ahead, int n_ahead, uint64_t *ahead_open,
		   struct route_path *out)
{
	/* a path of at most max_nodes - 1 corridors weighs at most this, so
	 * nothing farther from dst can be on one */
	int64_t radius = (int64_t)(max_nodes - 1) * s->wmax;
	int rows;
	bool ok;

	if (s->lm && hops_lb(lm_row(s, src), lm_row(s, dst)) > max_nodes - 1)
		return false; /* no path short enough exists at all */
	/* Yen's spur searches: when the cheapest walk on the unbanned
	 * distances avoids every ban, it is also the cheapest, smallest path
	 * of the banned graph (nothing there is cheaper than unbanned), so
	 * no search is needed; when it is too long, so is the banned graph's
	 * cheapest path. Only a walk that meets a ban needs the full search. */
	if (dst == s->base_dst) {
		int len = base_walk_len(w, s, src, dst, out);

		if (len == -2)
			return false;
		if (len > 0 && len <= max_nodes)
			return true; /* the walk, left in out */
		if (len < 0) {
			if (dist_to_dst_guided(w, s, src, dst, cap < radius ? cap : radius) == ROUTE_INF)
				return false;
			if (walk_path(w, s, src, dst, max_nodes, -1, out))
				return true;
		}
	} else {
		if (dist_to_dst(w, s, src, dst, radius) == ROUTE_INF)
			return false;
		if (walk_path(w, s, src, dst, max_nodes, -1, out))
			return true;
	}
	/* The cheapest path is too long: the cheapest within the hop budget
	 * (same tie-break) comes from the hop-indexed table. */
	if (s->hop_head == NULL) {
		s->hop_head = xcalloc((size_t)s->n_nodes + 1, sizeof *s->hop_head);
		s->hop_best = xcalloc((size_t)s->n_nodes + 1, sizeof *s->hop_best);
		s->hop_from = xcalloc((size_t)s->n_nodes + 1, sizeof *s->hop_from);
		s->hop_chg = xcalloc(2 * (size_t)s->n_nodes + 2, sizeof *s->hop_chg);
		s->hop_chg_row = xcalloc((size_t)s->n_nodes + 1, sizeof *s->hop_chg_row);
		s->hop_lim = xcalloc((size_t)s->n_nodes + 1, sizeof *s->hop_lim);
	}
	hop_ball(w, s, dst, max_nodes - 1, s->lm ? lm_row(s, src) : NULL);
	ball_close_ahead(w, s, max_nodes - 1, ahead, n_ahead, ahead_open);
	if (!region_from_src(w, s, src, dst, max_nodes - 1)) {
		region_clear(s);
		return false;
	}
	rows = hop_table(w, s, dst, max_nodes - 1, cap);
	ok = s->member[src] && hop_cost(s, src, rows) != ROUTE_INF &&
	     walk_path(w, s, src, dst, max_nodes, rows, out);
	region_clear(s);
	return ok;
}

static bool valid_node(const struct smug_world *w, int v)
{
	return v >= 0 && v < w->n_nodes;
}

static bool dijkstra_with(const struct smug_world *w, struct route_scratch *s, int src, int dst,
			  struct route_path *out)
{
	if (!valid_node(w, src) || !valid_node(w, dst))
		return false;
	scratch_fit(s, w);
	return search(w, s, src, dst, SMUG_ROUTE_MAX_NODES, ROUTE_INF, NULL, 0, NULL, out);
}

bool route_dijkstra(const struct smug_world *w, int src, int dst, struct route_path *out)
{
	struct route_scratch s = {0};
	bool ok = dijkstra_with(w, &s, src, dst, out);

	scratch_done(&s);
	return ok;
}

/* ---- Yen ----------------------------------------------------------------- */

/* Insert p into the sorted candidate set, which keeps only the `keep`
 * smallest (no more can ever be needed). Duplicates are dropped. */
static void cand_insert(struct route_scratch *s, int *n_cand, int keep,
			const struct route_path *p, int dev)
{
	int lo = 0, hi = *n_cand;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		int c = route_path_cmp(&s->cand[mid], p);

		if (c == 0)
			return;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < *n_cand && route_path_cmp(&s->cand[lo], p) == 0)
		return;
	if (lo >= keep)
		return;
	if (*n_cand >= keep)
		(*n_cand)--;
	memmove(&s->cand[lo + 1], &s->cand[lo], (size_t)(*n_cand - lo) * sizeof s->cand[0]);
	memmove(&s->cand_dev[lo + 1], &s->cand_dev[lo], (size_t)(*n_cand - lo) * sizeof s->cand_dev[0]);
	s->cand[lo] = *p;
	s->cand_dev[lo] = dev;
	(*n_cand)++;
}

/* A route's total travel days, which the planner's travel term reads. */
static void annotate(const struct smug_world *w, struct route_path *p)
{
	p->travel_days = 0;
	for (int e = 0; e + 1 < p->n_nodes; e++)
		p->travel_days += w->corridors[p->corridors[e]].travel_days;
}

/* Open the unbanned distances to dst over the ball of routes short
 * enough: base_of settles them as far as the searches read them, which
 * is most often a small part of the ball (the routes' own discs). */
static void base_build(struct route_scratch *s, int src, int dst)
{
	/* two stamps a build: base_cur - 1 tentative, base_cur settled */
	s->base_cur += 2;
	if (s->base_cur < 2) { /* wrapped: forget every stamp */
		for (int v = 0; v < s->n_nodes; v++)
			s->base[v].gen = 0;
		s->base_cur = 2;
	}
	s->base_radius = (int64_t)(SMUG_ROUTE_MAX_NODES - 1) * s->wmax;
	s->base_hstep = s->lm ? s->wmin : 0;
	s->base_src_lm = s->lm ? lm_row(s, src) : NULL;
	s->base_nb = (int)(s->wmax + s->base_hstep) + 1;
	s->base_nw = (s->base_nb + 63) / 64;
	if (s->base_nb > s->base_bucket_cap) {
		s->base_bucket_cap = s->base_nb;
		s->base_bucket = xrealloc(s->base_bucket, (size_t)s->base_nb * sizeof *s->base_bucket);
		free(s->base_bits);
		s->base_bits = xcalloc((size_t)(s->base_nb + 63) / 64, sizeof *s->base_bits);
	}
	memset(s->base_bits, 0, (size_t)(s->base_nb + 63) / 64 * sizeof *s->base_bits);
	s->base_n_ent = s->base_live = 0;
	s->base_pos = 0;
	/* dst's entry is the only one and the first settled, before any edge
	 * into dst is relaxed: its tentative stamp is never read */
	s->base[dst].dist = 0;
	s->base[dst].h = base_h(s, dst);
	s->base_at = s->base[dst].h;
	base_push(s, s->base_at, dst);
	s->base_dst = dst;
}

/* Whether no route the spur search from x could find would be kept: the
 * candidate set already holds `keep` routes and the cheapest the spur's
 * route could cost (the root's cost, then the cheapest usable first hop
 * and the unbanned distance on from there, which bans only lengthen) is
 * above the keep-th's cost, so cand_insert would turn it away. Equal
 * costs are searched: the node order may still let the route in. */
static bool spur_cannot_enter(const struct smug_world *w, struct route_scratch *s, int x,
			      int64_t root_cost, int n_cand, int keep)
{
	int64_t left;

	if (n_cand < keep || keep <= 0)
		return false;
	left = base_first_hop(w, s, x);
	return left == ROUTE_INF || root_cost + left > s->cand[keep - 1].cost;
}

/* Whether spur node x has a usable corridor among those `open` marks
 * (bit k: its k-th corridor; those past the 64th always count). When it
 * has none, no route of at most SMUG_ROUTE_MAX_NODES - j nodes leaves
 * spur node j, and its search could only fail (ball_close_ahead). */
static bool spur_may_leave(const struct smug_world *w, const struct route_scratch *s, int x,
			   uint64_t open)
{
	const struct smug_node *nx = &w->nodes[x];

	for (int k = 0; k < nx->adj_count; k++)
		if ((k >= 64 || (open >> k & 1)) && usable(s, &w->adj[nx->adj_first + k]))
			return true;
	return false;
}

/* The cap of a spur search from a root costing root_cost: a spur path
 * dearer than cap would make a candidate cand_insert turns away (the set
 * holds `keep` routes, and the keep-th costs less), so its search need
 * not find it; ROUTE_INF while the set has room. */
static int64_t spur_cap(const struct route_scratch *s, int64_t root_cost, int n_cand, int keep)
{
	if (n_cand < keep || keep <= 0)
		return ROUTE_INF;
	return s->cand[keep - 1].cost - root_cost;
}

/* Yen's algorithm with Lawler's refinement: a new path only spurs from
 * its deviation index on, since earlier roots were expanded by its parent. */
/* Each route annotated, and the longest corridor prefix it shares with
 * an earlier route of the list (lcp_from, lcp_len): scoring sums a
 * shared prefix once. */
static void paths_annotate(const struct smug_world *w, struct route_path *out, int n_out)
{
	for (int i = 0; i < n_out; i++) {
		annotate(w, &out[i]);
		out[i].lcp_from = -1;
		out[i].lcp_len = 0;
		for (int j = 0; j < i; j++) {
			int l = 0;

			while (l + 1 < out[i].n_nodes && l + 1 < out[j].n_nodes &&
			       out[i].corridors[l] == out[j].corridors[l])
				l++;
			if (l > out[i].lcp_len) {
				out[i].lcp_from = j;
				out[i].lcp_len = l;
			}
		}
	}
}

/* One round of Yen: every spur off the last route found (out[n_out-1])
 * from its deviation node on, each searched with the root's nodes and
 * the found routes' next corridors banned; the spurs that fit join the
 * candidate list (s->cand, *n_cand of them, the k - n_out best kept). */
static void yen_spurs(const struct smug_world *w, struct route_scratch *s, int dst, int k,
		      const struct route_path *out, int n_out, int *n_cand)
{
	const struct route_path *prev = &out[n_out - 1];
	int64_t root_cost = 0;
	/* out[a] shares prev's root up to spur node j (nodes 0..j)
	 * and goes on past it exactly when j < root[a] */
	int root[SMUG_ROUTE_TOPK_MAX];
	/* spur_open[j]: spur node j's corridors that may still lead to
	 * a route short enough, as the hop balls of this root's
	 * earlier spurs tell (ball_close_ahead) */
	uint64_t spur_open[SMUG_ROUTE_MAX_NODES];

	for (int j = 0; j < prev->n_nodes; j++)
		spur_open[j] = ~(uint64_t)0;
	for (int a = 0; a < n_out; a++) {
		int sh = shared_nodes(&out[a], prev);

		root[a] = sh < out[a].n_nodes - 1 ? sh : out[a].n_nodes - 1;
	}

	for (int j = 0; j < s->dev[n_out - 1]; j++) {
		s->node_ban[prev->nodes[j]] = 1;
		root_cost += w->corridors[prev->corridors[j]].route_weight;
	}
	for (int j = s->dev[n_out - 1]; j + 1 < prev->n_nodes; j++) {
		struct route_path *sp = &s->spur;
		bool found;

		for (int a = 0; a < n_out; a++)
			if (j < root[a])
				s->corridor_ban[out[a].corridors[j]] = 1;
		found = (spur_open[j] == ~(uint64_t)0 || spur_may_leave(w, s, prev->nodes[j], spur_open[j])) &&
			!spur_cannot_enter(w, s, prev->nodes[j], root_cost, *n_cand, k - n_out) &&
			search(w, s, prev->nodes[j], dst, SMUG_ROUTE_MAX_NODES - j,
			       spur_cap(s, root_cost, *n_cand, k - n_out),
			       prev->nodes + j + 1, prev->n_nodes - j - 2, spur_open + j + 1, sp);
		if (found) {
			struct route_path cand;

			memcpy(cand.nodes, prev->nodes, (size_t)j * sizeof cand.nodes[0]);
			memcpy(cand.corridors, prev->corridors, (size_t)j * sizeof cand.corridors[0]);
			memcpy(cand.nodes + j, sp->nodes, (size_t)sp->n_nodes * sizeof cand.nodes[0]);
			memcpy(cand.corridors + j, sp->corridors,
			       (size_t)(sp->n_nodes - 1) * sizeof cand.corridors[0]);
			cand.n_nodes = j + sp->n_nodes;
			cand.cost = root_cost + sp->cost;
			cand_insert(s, n_cand, k - n_out, &cand, j);
		}
		for (int a = 0; a < n_out; a++)
			if (j < root[a])
				s->corridor_ban[out[a].corridors[j]] = 0;
		s->node_ban[prev->nodes[j]] = 1;
		root_cost += w->corridors[prev->corridors[j]].route_weight;
	}
	for (int j = 0; j < prev->n_nodes; j++)
		s->node_ban[prev->nodes[j]] = 0;
}

static int yen_with(const struct smug_world *w, struct route_scratch *s, int src, int dst, int k,
		    struct route_path *out)
{
	int n_out = 1, n_cand = 0;

	if (k > SMUG_ROUTE_TOPK_MAX)
		k = SMUG_ROUTE_TOPK_MAX;
	if (k <= 0 || !valid_node(w, src) || !valid_node(w, dst))
		return 0;
	if (src == dst) {
		out[0].nodes[0] = src;
		out[0].n_nodes = 1;
		out[0].cost = 0;
		paths_annotate(w, out, 1);
		return 1;
	}
	scratch_fit(s, w);
	base_build(s, src, dst);
	if (!search(w, s, src, dst, SMUG_ROUTE_MAX_NODES, ROUTE_INF, NULL, 0, NULL, &out[0]))
		return 0;
	s->dev[0] = 0;
	while (n_out < k) {
		yen_spurs(w, s, dst, k, out, n_out, &n_cand);
		if (n_cand == 0)
			break;
		out[n_out] = s->cand[0];
		s->dev[n_out] = s->cand_dev[0];
		n_cand--;
		memmove(&s->cand[0], &s->cand[1], (size_t)n_cand * sizeof s->cand[0]);
		memmove(&s->cand_dev[0], &s->cand_dev[1], (size_t)n_cand * sizeof s->cand_dev[0]);
		n_out++;
	}
	paths_annotate(w, out, n_out);
	return n_out;
}

int route_yen(const struct smug_world *w, int src, int dst, int k, struct route_path *out)
{
	struct route_scratch *s = xcalloc(1, sizeof *s);
	int n = yen_with(w, s, src, dst, k, out);

	scratch_done(s);
	free(s);
	return n;
}

/* ---- the cache ------------------------------------------------------------ */

/* Reachability rows kept: at most REACH_ROWS * ceil(n_nodes / 64) * 8
 * bytes plus a row index of 4 bytes a node (1.6 MB in all for the about
 * 90,000 nodes of a 36,000-ward generated world), and one breadth-first
 * search of a source's hop ball, at most O(n_nodes + n_adj), per row
 * filled. Rows are evicted least recently used first; answers never
 * depend on what the cache holds. */
#define REACH_ROWS 112

struct route_cache_entry {
	int src, dst, k;	   /* the key */
	int n_paths;
	struct route_path *paths;  /* n_paths, heap */
	struct route_scan *scan;   /* the same, packed; heap */
	int hash_next;		   /* next entry in the bucket, -1 ends */
	int lru_prev, lru_next;	   /* -1 ends; head = most recently used */
};

struct smug_route_cache {
	int capacity;  /* most entries ever held, >= 0 */
	int n_entries;
	bool enabled;
	struct route_cache_entry *entries; /* [capacity] */
	int *buckets;			   /* [mask + 1] entry index, -1 empty */
	uint32_t mask;
	int lru_head, lru_tail;
	int64_t hits, misses;
	struct route_scratch scratch;
	struct route_path result[SMUG_ROUTE_TOPK_MAX]; /* uncached answers */
	struct route_scan *result_scan;		       /* [full size] */
	/* reachability rows (route_reach_row): row[i] is the bitset of the
	 * nodes within SMUG_ROUTE_MAX_NODES - 1 corridors of reach_src[i],
	 * reach_words words each; reach_used[i] = tick of the last use,
	 * 0 = empty; reach_row_of[v] = the row whose reach_src is v */
	int reach_words;
	int reach_src[REACH_ROWS];
	uint64_t reach_used[REACH_ROWS];
	uint64_t reach_tick;
	int *reach_row_of; /* [n_nodes] row holding a node's answer, -1 none */
	uint64_t *reach_bits; /* [REACH_ROWS * reach_words], lazy */
};

struct smug_route_cache *route_cache_new(int capacity)
{
	struct smug_route_cache *c = xcalloc(1, sizeof *c);
	uint32_t nb = 1;

	c->capacity = capacity > 0 ? capacity : 0;
	while (nb < 2u * (uint32_t)c->capacity && nb < (1u << 30))
		nb <<= 1;
	c->mask = nb - 1;
	c->buckets = xmalloc((size_t)nb * sizeof *c->buckets);
	for (uint32_t i = 0; i < nb; i++)
		c->buckets[i] = -1;
	c->entries = xcalloc((size_t)c->capacity + 1, sizeof *c->entries);
	c->lru_head = c->lru_tail = -1;
	c->enabled = true;
	return c;
}

void route_cache_free(struct smug_route_cache *c)
{
	if (c == NULL)
		return;
	for (int i = 0; i < c->n_entries; i++) {
		free(c->entries[i].paths);
		free(c->entries[i].scan);
	}
	free(c->entries);
	free(c->result_scan);
	free(c->buckets);
	free(c->reach_bits);
	free(c->reach_row_of);
	scratch_done(&c->scratch);
	free(c);
}

void route_cache_set_enabled(struct smug_route_cache *c, bool on)
{
	if (c)
		c->enabled = on; /* entries stay valid: they depend only on the graph */
}

void route_cache_stamp_set(struct smug_route_cache *c, uint32_t stamp)
{
	if (c)
		c->scratch.base_cur = stamp;
}

void route_cache_stats(const struct smug_route_cache *c, int *entries, int64_t *hits,
		       int64_t *misses)
{
	if (entries)
		*entries = c ? c->n_entries : 0;
	if (hits)
		*hits = c ? c->hits : 0;
	if (misses)
		*misses = c ? c->misses : 0;
}

static uint32_t cache_bucket(const struct smug_route_cache *c, int src, int dst, int k)
{
	uint64_t h = (uint64_t)(uint32_t)src * 0x9E3779B97F4A7C15u;

	h ^= (uint64_t)(uint32_t)dst * 0xC2B2AE3D27D4EB4Fu;
	h ^= (uint64_t)(uint32_t)k * 0x165667B19E3779F9u;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	h ^= h >> 32;
	return (uint32_t)h & c->mask;
}

static void lru_unlink(struct smug_route_cache *c, int i)
{
	struct route_cache_entry *e = &c->entries[i];

	if (e->lru_prev >= 0)
		c->entries[e->lru_prev].lru_next = e->lru_next;
	else
		c->lru_head = e->lru_next;
	if (e->lru_next >= 0)
		c->entries[e->lru_next].lru_prev = e->lru_prev;
	else
		c->lru_tail = e->lru_prev;
}

static void lru_push_front(struct smug_route_cache *c, int i)
{
	struct route_cache_entry *e = &c->entries[i];

	e->lru_prev = -1;
	e->lru_next = c->lru_head;
	if (c->lru_head >= 0)
		c->entries[c->lru_head].lru_prev = i;
	c->lru_head = i;
	if (c->lru_tail < 0)
		c->lru_tail = i;
}

static void bucket_remove(struct smug_route_cache *c, int i)
{
	const struct route_cache_entry *e = &c->entries[i];
	int *link = &c->buckets[cache_bucket(c, e->src, e->dst, e->k)];

	while (*link != i)
		link = &c->entries[*link].hash_next;
	*link = e->hash_next;
}

/* A slot for a new entry: a fresh one, or the least recently used. */
static int cache_take_slot(struct smug_route_cache *c)
{
	int i;

	if (c->n_entries < c->capacity)
		return c->n_entries++;
	i = c->lru_tail;
	lru_unlink(c, i);
	bucket_remove(c, i);
	return i;
}

/* True when no route of at most SMUG_ROUTE_MAX_NODES nodes can join src
 * and dst: no corridor spans more than sqrt(span2_max) on the map, so the
 * straight-line distance alone needs more corridors than a route may
 * have. Exact (it only skips searches that would find nothing), and it
 * keeps far-apart pairs of a large world from costing a search over the
 * whole graph. The 1e-9 margin keeps rounding on the safe side. */
static bool beyond_reach(const struct smug_world *w, int src, int dst)
{
	const double *a = w->wards[w->nodes[src].ward].pos, *b = w->wards[w->nodes[dst].ward].pos;
	double dx = a[0] - b[0], dy = a[1] - b[1];
	double hops = SMUG_ROUTE_MAX_NODES - 1;

	return w->span2_max > 0 && dx * dx + dy * dy > w->span2_max * hops * hops * (1.0 + 1e-9);
}

/* The bytes of a scan of that many edges: slot[], uniq_at[] and uniq[]
 * (at most one distinct slot an edge) in its tail. */
static size_t scan_bytes(size_t slots)
{
	return sizeof(struct route_scan) + 3 * (slots ? slots : 1) * sizeof(int);
}

static size_t scan_size(const struct route_path *p, int n)
{
	size_t slots = 0;

	for (int i = 0; i < n; i++)
		slots += (size_t)(p[i].n_nodes - 1);
	return scan_bytes(slots);
}

/* scan_build's table of the distinct slots seen: open addressing, a
 * power of two at least twice the scan's edges, so it is at most half
 * full and a probe ends at an empty place */
#define SCAN_TABLE_MAX 8192
_Static_assert(2 * SMUG_ROUTE_TOPK_MAX * (SMUG_ROUTE_MAX_NODES - 1) <= SCAN_TABLE_MAX,
	       "a scan's edges fill at most half of scan_build's table");

static void scan_build(const struct smug_world *w, const struct route_path *p, int n,
		       struct route_scan *sc)
{
	int table[SCAN_TABLE_MAX]; /* index into uniq, -1 empty */
	int at = 0, total = 0, nu = 0;
	unsigned bits = 6, size;
	int *uniq_at, *uniq;

	for (int i = 0; i < n; i++)
		total += p[i].n_nodes - 1;
	while ((1u << bits) < 2 * (unsigned)total)
		bits++;
	size = 1u << bits;
	memset(table, -1, size * sizeof table[0]);
	uniq_at = sc->slot + total;
	uniq = uniq_at + total;
	sc->n = n;
	sc->n_slots = total;
	for (int i = 0; i < n; i++) {
		sc->p[i] = (struct route_scan_path){at, p[i].n_nodes - 1, p[i].lcp_from,
						    p[i].lcp_len, p[i].travel_days};
		for (int e = 0; e + 1 < p[i].n_nodes; e++, at++) {
			int c = p[i].corridors[e];
			int slot = 2 * c + (w->corridors[c].a == p[i].nodes[e] ? 0 : 1);
			unsigned h = ((uint32_t)slot * 2654435761u) >> (32 - bits); /* Fibonacci hashing */

			while (table[h] >= 0 && uniq[table[h]] != slot)
				h = (h + 1) & (size - 1);
			if (table[h] < 0) {
				table[h] = nu;
				uniq[nu++] = slot;
			}
			sc->slot[at] = slot;
			uniq_at[at] = table[h];
		}
	}
	sc->n_uniq = nu;
	sc->uniq_at = uniq_at;
	sc->uniq = uniq;
}

static int cache_lookup(struct smug_route_cache *c, const struct smug_world *w, int src,
			int dst, int k, const struct route_path **out,
			const struct route_scan **scan)
{
	struct route_cache_entry *e;
	uint32_t b;
	int n, i;

	if (k > SMUG_ROUTE_TOPK_MAX)
		k = SMUG_ROUTE_TOPK_MAX;
	if (valid_node(w, src) && valid_node(w, dst) && beyond_reach(w, src, dst)) {
		n = 0;
		*out = c->result;
		goto packed_result;
	}
	if (!c->enabled || c->capacity == 0) {
		n = yen_with(w, &c->scratch, src, dst, k, c->result);
		*out = c->result;
		goto packed_result;
	}
	b = cache_bucket(c, src, dst, k);
	for (i = c->buckets[b]; i >= 0; i = c->entries[i].hash_next) {
		e = &c->entries[i];
		if (e->src == src && e->dst == dst && e->k == k) {
			c->hits++;
			if (c->lru_head != i) {
				lru_unlink(c, i);
				lru_push_front(c, i);
			}
			*out = e->paths;
			if (scan)
				*scan = e->scan;
			return e->n_paths;
		}
	}
	c->misses++;
	n = yen_with(w, &c->scratch, src, dst, k, c->result);
	i = cache_take_slot(c);
	e = &c->entries[i];
	e->src = src;
	e->dst = dst;
	e->k = k;
	e->n_paths = n;
	e->paths = xrealloc(e->paths, (size_t)(n ? n : 1) * sizeof *e->paths);
	memcpy(e->paths, c->result, (size_t)n * sizeof *e->paths);
	e->scan = xrealloc(e->scan, scan_size(e->paths, n));
	scan_build(w, e->paths, n, e->scan);
	e->hash_next = c->buckets[b];
	c->buckets[b] = i;
	lru_push_front(c, i);
	*out = e->paths;
	if (scan)
		*scan = e->scan;
	return n;

packed_result:
	if (scan) {
		if (c->result_scan == NULL)
			c->result_scan = xmalloc(scan_bytes((size_t)SMUG_ROUTE_TOPK_MAX * (SMUG_ROUTE_MAX_NODES - 1)));
		scan_build(w, c->result, n, c->result_scan);
		*scan = c->result_scan;
	}
	return n;
}

int route_candidates_scan(struct smug_world *w, int src, int dst, int k,
			  const struct route_path **out, const struct route_scan **scan)
{
	if (w->route_cache == NULL)
		w->route_cache = route_cache_new(0); /* hand-built world: scratch only */
	return cache_lookup(w->route_cache, w, src, dst, k, out, scan);
}

int route_candidates(struct smug_world *w, int src, int dst, int k,
		     const struct route_path **out)
{
	return route_candidates_scan(w, src, dst, k, out, NULL);
}

int route_candidates_copy(const struct smug_world *w, int src, int dst, int k,
			  struct route_path *out)
{
	const struct route_path *p;
	int n;

	if (w->route_cache == NULL)
		return route_yen(w, src, dst, k, out);
	n = cache_lookup(w->route_cache, w, src, dst, k, &p, NULL);
	memcpy(out, p, (size_t)n * sizeof *out);
	return n;
}

/* ---- reachability ---------------------------------------------------------- */

/* Fill row i with the nodes within SMUG_ROUTE_MAX_NODES - 1 corridors of
 * node src: a breadth-first search over every corridor (no bans are set
 * outside Yen, and corridors are undirected), so the set is exactly the
 * nodes route_yen finds a route to from src. The hop ball's set, the row
 * itself marking the nodes seen: level by level from src, each level's
 * nodes expanded while a route through them can still be short enough
 * (members[] is the queue). */
static void reach_fill(struct smug_route_cache *c, const struct smug_world *w, int i, int src)
{
	struct route_scratch *s = &c->scratch;
	uint64_t *row = c->reach_bits + (size_t)i * (size_t)c->reach_words;
	int *queue, head = 0, n = 0;

	scratch_fit(s, w);
	queue = s->members;
	memset(row, 0, (size_t)c->reach_words * sizeof *row);
	row[src >> 6] |= (uint64_t)1 << (src & 63);
	queue[n++] = src;
	for (int hops = 0; hops < SMUG_ROUTE_MAX_NODES - 1 && head < n; hops++) {
		for (int end = n; head < end; head++) {
			const struct smug_node *nu = &w->nodes[queue[head]];
			const struct smug_adj *e = &w->adj[nu->adj_first], *last = e + nu->adj_count;

			for (; e < last; e++) {
				int v = e->node;
				uint64_t bit = (uint64_t)1 << (v & 63);

				if (!(row[v >> 6] & bit)) {
					row[v >> 6] |= bit;
					queue[n++] = v;
				}
			}
		}
	}
	c->reach_src[i] = src;
}

const uint64_t *route_reach_row(struct smug_world *w, int src)
{
	struct smug_route_cache *c;
	int i;

	if (!valid_node(w, src))
		return NULL;
	if (w->route_cache == NULL)
		w->route_cache = route_cache_new(0);
	c = w->route_cache;
	if (c->reach_bits == NULL) {
		/* a cache serves one graph (world_index makes a new one
		 * whenever the graph is set), so its rows are sized once */
		c->reach_words = (w->n_nodes + 63) / 64;
		c->reach_bits = xcalloc((size_t)REACH_ROWS * (size_t)(c->reach_words ? c->reach_words : 1),
					sizeof *c->reach_bits);
		c->reach_row_of = xmalloc((size_t)w->n_nodes * sizeof *c->reach_row_of);
		for (int v = 0; v < w->n_nodes; v++)
			c->reach_row_of[v] = -1;
		memset(c->reach_used, 0, sizeof c->reach_used);
	}
	c->reach_tick++;
	if (!c->enabled) {
		/* every answer from a fresh search, as with an empty cache */
		if (c->reach_used[0] != 0)
			c->reach_row_of[c->reach_src[0]] = -1;
		c->reach_used[0] = 0;
		reach_fill(c, w, 0, src);
		return c->reach_bits;
	}
	i = c->reach_row_of[src];
	if (i < 0) {
		i = 0;
		for (int r = 1; r < REACH_ROWS; r++)
			if (c->reach_used[r] < c->reach_used[i])
				i = r; /* an empty row (0) or the least recently used */
		if (c->reach_used[i] != 0)
			c->reach_row_of[c->reach_src[i]] = -1;
		reach_fill(c, w, i, src);
		c->reach_row_of[src] = i;
	}
	c->reach_used[i] = c->reach_tick;
	return c->reach_bits + (size_t)i * (size_t)c->reach_words;
}

bool route_reachable(struct smug_world *w, int src, int dst)
{
	const uint64_t *row = route_reach_row(w, src);

	return row && valid_node(w, dst) && route_reach_has(row, dst);
}
