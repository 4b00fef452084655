/* Core-internal declarations shared between the modules of libsmugnet.
 * Nothing here is part of the public API. Each block names the .c file
 * that defines it. */
#ifndef SMUGNET_CORE_H
#define SMUGNET_CORE_H

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "smugnet/smugnet.h"

/* ---- util.c: allocation (out of memory is fatal) and small helpers ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* x limited to [lo, hi]; NaN gives lo. Inline: called per ward and per
 * edge every day. */
static inline double clampd(double x, double lo, double hi)
{
	if (!(x >= lo)) /* also catches NaN */
		return lo;
	if (x > hi)
		return hi;
	return x;
}

static inline double clamp01(double x)
{
	return clampd(x, 0.0, 1.0);
}
/* Copy src into dst[size] with NUL; returns false if truncated. */
bool str_copy(char *dst, size_t size, const char *src);
/* How many single-byte insertions, deletions and substitutions turn a
 * into b (Levenshtein); names of 64 bytes or more are STR_FAR apart. */
#define STR_FAR 1000
int str_distance(const char *a, const char *b);
/* Close enough to suggest b for a mistyped a: at most 2 edits, and fewer
 * than a has bytes (so "x" suggests nothing). */
static inline bool str_near(const char *a, int distance)
{
	return distance <= 2 && (size_t)distance < strlen(a);
}
/* Appending to a fixed buffer, always NUL-terminated, truncating like
 * snprintf; the simulation's event texts are built with these, which
 * cost a fraction of a printf. */
struct sbuf {
	char *buf;
	size_t size, len;
};
/* (inline: a day builds a few hundred short texts piece by piece) */
static inline void sb_init(struct sbuf *b, char *buf, size_t size) /* size > 0 */
{
	assert(size > 0);
	b->buf = buf;
	b->size = size;
	b->len = 0;
	buf[0] = '\0';
}
/* at most max chars of s */
static inline void sb_str(struct sbuf *b, const char *s, size_t max)
{
	size_t room = b->len + 1 < b->size ? b->size - b->len - 1 : 0, lim = max < room ? max : room, n = 0;
	char *out = b->buf + b->len;

	/* the strings are short (ids, names): a plain loop beats two calls */
	while (n < lim && s[n] != '\0') {
		out[n] = s[n];
		n++;
	}
	b->len += n;
	b->buf[b->len] = '\0';
}
void sb_int(struct sbuf *b, long long v);
void sb_money(struct sbuf *b, int64_t minor); /* "-12.34" */
/* v with three decimals, the bytes printf's "%.3f" writes (the exact value
 * rounded half to even); a share in [0, 1] is done in integers, anything
 * else goes through snprintf. */
void sb_fixed3(struct sbuf *b, double v);

/* Numbers in messages, exactly: integers whole, other values in the
 * shortest form that reads back to the same double. Returns buf. */
const char *num_text(double v, char *buf, size_t size);

/* ---- file.c: the one way an input file is opened and read ---- */
#define FILE_NOFOLLOW 1u /* the vault's own files: a symbolic link is refused */
/* Read the regular file `name` (relative to dirfd, or AT_FDCWD) whole into
 * a new NUL-terminated buffer the caller frees. Directories, FIFOs,
 * devices, sockets and files past SMUG_FILE_MAX bytes are refused with
 * SMUG_ERR_IO before anything is read; a missing file is
 * SMUG_ERR_NOT_FOUND. `shown` (not NULL) names the file in messages. */
enum smug_status file_read_at(int dirfd, const char *name, const char *shown, unsigned flags,
			      char **text, size_t *len, struct smug_error *err);
/* "a directory", "a FIFO", ... for messages. */
const char *file_kind_name(mode_t mode);

/* Whether two routes are the same nodes in the same order. */
static inline bool route_nodes_equal(const int *a, int na, const int *b, int nb)
{
	return na == nb && memcmp(a, b, (size_t)na * sizeof a[0]) == 0;
}

/* ---- words as bytes: v's little-endian bytes at b, b past them; how
 * the digest, the state's hash and pack and the keyed draws write a
 * number, whatever the machine's byte order ---- */
static inline unsigned char *put_le64(unsigned char *b, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(b, &v, 8); /* the same bytes, one store */
#else
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
#endif
	return b + 8;
}
static inline unsigned char *put_le32(unsigned char *b, uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(b, &v, 4);
#else
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
#endif
	return b + 4;
}
/* The n 64-bit words at v (words or doubles, any alignment) as their
 * little-endian bytes at b; b past them. */
static inline unsigned char *put_le64s(unsigned char *b, const void *v, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n > 0) /* v may be NULL when n is 0 */
		memcpy(b, v, 8 * n); /* the same bytes, one copy */
#else
	for (size_t i = 0; i < n; i++) {
		uint64_t w;

		memcpy(&w, (const unsigned char *)v + 8 * i, 8);
		put_le64(b + 8 * i, w);
	}
#endif
	return b + 8 * n;
}

/* ---- hash.c: keyed deterministic draws ---- */
/* u in [0,1) from the top 53 bits of XXH3_64bits over the packed key
 * (seed, salt, purpose, day, ids[0..n)). No stream state. */
double hash_draw(uint64_t seed, const char *salt, const char *purpose,
		 int day, const uint64_t *ids, int n_ids);
/* hash_draw with the world's seed and salt, a purpose given as a string
 * literal (its length is known when compiled) and three ids. */
#define draw_u01(w, purpose, day, id0, id1, id2) \
	draw_keyed((w), "" purpose "", sizeof(purpose) - 1, (day), (id0), (id1), (id2))
/* Pack w->draw_head from w's seed and salt (the start of a day): draws
 * then copy it instead of packing the seed and salt each time. */
void draw_head_prepare(struct smug_world *w);
uint64_t hash_bytes(const void *p, size_t n);
#define DRAW_KEY_MAX 256
/* True while w->draw_head was made from w's seed and salt (the salt's
 * whole array compared; a compare of known length that compilers inline). */
static inline bool draw_head_current(const struct smug_draw_head *h, const struct smug_world *w)
{
	_Static_assert(sizeof h->salt == sizeof w->cfg.smuggling.deterministic_salt, "the salt's array");
	return h->len > 0 && h->seed == w->seed &&
	       memcmp(h->salt, w->cfg.smuggling.deterministic_salt, sizeof h->salt) == 0;
}
/* Pack w's seed and salt into key[DRAW_KEY_MAX] as the head would hold
 * them; returns the bytes used. */
size_t draw_head_pack(const struct smug_world *w, unsigned char *key);
/* Inline: a day makes about a hundred draws, and here the purpose's
 * length is a constant, so its copy is a few stores. */
static inline double draw_keyed(const struct smug_world *w, const char *purpose, size_t purpose_len, int day,
				uint64_t id0, uint64_t id1, uint64_t id2)
{
	const struct smug_draw_head *h = &w->draw_head;
	const uint64_t tail[4] = {(uint64_t)(int64_t)day, id0, id1, id2};
	unsigned char key[DRAW_KEY_MAX];
	size_t at;

	if (draw_head_current(h, w)) {
		memcpy(key, h->key, sizeof h->key);
		at = (size_t)h->len;
	} else {
		at = draw_head_pack(w, key);
	}
	if (purpose_len > 64)
		purpose_len = 64; /* as hash_draw cuts it */
	memcpy(key + at, purpose, purpose_len);
	key[at + purpose_len] = 0;
	at += purpose_len + 1;
	put_le64s(key + at, tail, sizeof tail / sizeof tail[0]);
	at += sizeof tail;
	return (double)(hash_bytes(key, at) >> 11) * (1.0 / 9007199254740992.0); /* 2^53 */
}

/* ---- config.c ---- */
/* Whether the n bytes of text may be a text knob's value, the one rule of
 * --set, a scenario's config and a seed's snapshot: UTF-8, printable on
 * one line (no C0 control but the tab, no DEL, no C1 U+0080..U+009F).
 * When not, why (size bytes) says so, without the knob's key. */
bool knob_text_ok(const char *text, size_t n, char *why, size_t size);

/* ---- world.c: allocation, indices, digest ---- */
struct smug_world *world_alloc(void);
/* Rebuild everything derived from the map, the factions and the config:
 * border flags, route weights, adjacency, gate nodes, the named accounts
 * (balances zero), enforcement capacity; empty caches. */
void world_index(struct smug_world *w);
/* After the scenario loader filled the id arrays: world_index, then the
 * starting state (base signals, opening balances, empty networks). */
void world_finish(struct smug_world *w);
/* Enforcement capacity from the wards' points and the config. */
void world_refresh_capacity(struct smug_world *w);
/* Reset per-network state from the factions' profiles and the config. */
void world_init_networks(struct smug_world *w);

/* Keep a copy of the scenario text in w (for saving it with the seed). */
void world_set_scenario_text(struct smug_world *w, const char *text, size_t len);

/* ---- journal.c: the command journal (not part of the state) ---- */
void journal_init(struct smug_journal *j);
void journal_done(struct smug_journal *j);
void journal_copy(struct smug_journal *dst, const struct smug_journal *src);
/* dst = the first n_cmds commands of src, the last step cut at day,
 * with the checks taken by then. */
void journal_prefix(struct smug_journal *dst, const struct smug_journal *src, int n_cmds, int day);
/* Record command c (not a step) as applied now, with a check of the state. */
void journal_cmd(struct smug_world *w, const struct smug_cmd *c);
/* Record one simulated day (w->day was day_before), and a periodic check. */
void journal_step_day(struct smug_world *w, int day_before);
/* Apply a recorded command (a step of `days` days). */
enum smug_status journal_apply(struct smug_world *w, const struct smug_cmd *c, int days,
			       struct smug_error *err);
/* Apply the commands of `from` after w's own (a prefix of them) up to
 * to_day: steps stop at to_day, commands of to_day are applied. With a
 * ring, the days are stepped through it (smug_timeline_step), which keeps
 * its copies as they pass. */
enum smug_status journal_continue(struct smug_world *w, const struct smug_journal *from, int to_day,
				  struct smug_timeline *t, struct smug_error *err);

/* ---- scenario.c: the JSON loader with strict validation ---- */
void scenario_default_commodities(struct smug_commodity_def *defs);

/* ---- routing.c: Dijkstra, Yen's k shortest loopless paths, cache ---- */
struct route_path {
	int nodes[SMUG_ROUTE_MAX_NODES];
	int corridors[SMUG_ROUTE_MAX_NODES - 1];
	int n_nodes;
	int64_t cost; /* sum of corridor route_weight */
	/* filled for every path routing returns: */
	int travel_days; /* sum of corridor travel_days */
	/* in a result list: the earlier path sharing the longest corridor
	 * prefix with this one (ties: the earliest) and that prefix's length */
	int lcp_from, lcp_len;
};
/* Total order on paths: cost, then node-index sequence (= node id
 * order), shorter prefix first. Returns <0, 0, >0. */
int route_path_cmp(const struct route_path *a, const struct route_path *b);
/* Cheapest path src->dst (ties by route_path_cmp); false if none. */
bool route_dijkstra(const struct smug_world *w, int src, int dst,
		    struct route_path *out);
/* Up to k (<= SMUG_ROUTE_TOPK_MAX) loopless paths in route_path_cmp
 * order, each at most SMUG_ROUTE_MAX_NODES nodes. Returns the count. */
int route_yen(const struct smug_world *w, int src, int dst, int k,
	      struct route_path *out);
/* A result list packed for scoring: per path the directed corridor slots
 * (2c, or 2c+1 when entered from node b) of its edges, contiguous, so a
 * scoring pass reads a few cache lines. The paths share most of their
 * edges: uniq lists each slot once (in order of first use) and uniq_at
 * gives, for each edge, its slot's place in uniq, so a scoring pass can
 * work out each slot's terms once and sum the paths without a test. */
struct route_scan {
	int n;
	int n_slots, n_uniq;
	struct route_scan_path {
		int first;   /* slot[first] is edge 0 of the path */
		int n_edges; /* corridors in the path */
		int lcp_from, lcp_len, travel_days; /* as in route_path */
	} p[SMUG_ROUTE_TOPK_MAX];
	const int *uniq_at; /* [n_slots], into the tail of slot[] */
	const int *uniq;    /* [n_uniq], likewise */
	int slot[];	    /* [n_slots], then uniq_at, then uniq */
};
/* Cached route_yen; identical results with or without the cache. The
 * returned arrays stay valid until the next routing call on w. scan may
 * be NULL. */
int route_candidates(struct smug_world *w, int src, int dst, int k,
		     const struct route_path **out);
int route_candidates_scan(struct smug_world *w, int src, int dst, int k,
			  const struct route_path **out, const struct route_scan **scan);
/* The same answer copied into out[k] for a reader holding a const world;
 * it still fills the cache, which is never part of the state. */
int route_candidates_copy(const struct smug_world *w, int src, int dst, int k,
			  struct route_path *out);
/* The nodes some route of at most SMUG_ROUTE_MAX_NODES nodes joins to
 * node src, as a bitset over node indices (route_reach_has): exactly the
 * dst for which route_candidates(w, src, dst, k >= 1) finds a route.
 * Derived from the corridor graph alone (corridors never close) and held
 * in a capped cache that never changes an answer; valid until the next
 * routing call on w. NULL when src is not a node. */
const uint64_t *route_reach_row(struct smug_world *w, int src);
static inline bool route_reach_has(const uint64_t *row, int node)
{
	return (row[node >> 6] >> (node & 63)) & 1;
}
bool route_reachable(struct smug_world *w, int src, int dst);
struct smug_route_cache *route_cache_new(int capacity);
void route_cache_free(struct smug_route_cache *c);
void route_cache_set_enabled(struct smug_route_cache *c, bool on);
/* Tests: the stamp of the cache's unbanned-distance builds (one per
 * search), which wraps around after 2^32 of them; set near the top, the
 * wrap comes within a few searches. */
void route_cache_stamp_set(struct smug_route_cache *c, uint32_t stamp);
/* Entries held, hits and misses so far (for tests and the benchmark). */
void route_cache_stats(const struct smug_route_cache *c, int *entries, int64_t *hits,
		       int64_t *misses);

/* ---- ledger.c ---- */
/* Accounts are created by world_finish; ids must be sorted. */
void ledger_init(struct smug_ledger *l, int n_accounts);
void ledger_done(struct smug_ledger *l);
/* Whether a reason mints (money enters) or burns (money leaves): the
 * X-macro's flags, inline so that a post whose reason is a constant
 * keeps only the branches that reason can take. */
static inline bool ledger_reason_is_mint(enum smug_tx_reason r)
{
	switch (r) {
#define SMUG_TX_MINT_CASE(name, str, mint, burn) \
	case name: return mint;
		SMUG_TX_REASON_LIST(SMUG_TX_MINT_CASE)
#undef SMUG_TX_MINT_CASE
	default: return false;
	}
}
static inline bool ledger_reason_is_burn(enum smug_tx_reason r)
{
	switch (r) {
#define SMUG_TX_BURN_CASE(name, str, mint, burn) \
	case name: return burn;
		SMUG_TX_REASON_LIST(SMUG_TX_BURN_CASE)
#undef SMUG_TX_BURN_CASE
	default: return false;
	}
}
#define LEDGER_BALANCE_MAX (INT64_MAX / 4)
/* What of amount can move: no more than the payer has, no more than the
 * payee can hold (either side INT64_MAX when it is no account). */
static inline int64_t ledger_fit(int64_t amount, int64_t payer_has, int64_t payee_room)
{
	if (amount > payer_has)
		amount = payer_has;
	if (amount > payee_room)
		amount = payee_room;
	return amount;
}
/* Move up to amount from -> to (capped at the payer's balance) and
 * journal it. from or to may be -1 only for mint (from) / burn (to)
 * reasons. Returns what moved (>= 0). Inline: a day posts 5 transfers
 * per ward, most with a constant reason. */
static inline int64_t ledger_post(struct smug_ledger *l, int day, int from, int to, int64_t amount,
				  enum smug_tx_reason reason)
{
	bool mint = ledger_reason_is_mint(reason), burn = ledger_reason_is_burn(reason);
	struct smug_tx *t;

	assert(mint ? from == -1 : (from >= 0 && from < l->n_accounts));
	assert(burn ? to == -1 : (to >= 0 && to < l->n_accounts));
	if (amount <= 0 || from == to)
		return 0;
	amount = ledger_fit(amount, mint ? INT64_MAX : l->accounts[from].balance,
			    burn ? INT64_MAX : LEDGER_BALANCE_MAX - l->accounts[to].balance);
	if (amount <= 0)
		return 0;
	if (mint)
		l->minted += amount;
	else
		l->accounts[from].balance -= amount;
	if (burn)
		l->burned += amount;
	else
		l->accounts[to].balance += amount;
	l->by_reason[reason] += amount;
	if (l->day_seq_day != day) {
		l->day_seq_day = day;
		l->day_seq = 0;
	}
	t = &l->journal[l->journal_head];
	*t = (struct smug_tx){day, l->day_seq++, from, to, amount, reason};
	if (++l->journal_head == SMUG_JOURNAL_CAP) /* a compare, not a division */
		l->journal_head = 0;
	if (l->journal_count < SMUG_JOURNAL_CAP)
		l->journal_count++;
	return amount;
}

/* A run of transfers between accounts (no mint, no burn reason) posted
 * exactly as ledger_post would post them one by one, with the ledger's
 * counters (journal head and count, the day's sequence, the totals per
 * reason) held in the run until ledger_run_end: the ward economy posts
 * five a ward, and a store into a balance could otherwise be a store into
 * any of them. One counter drives the run: the n-th transfer of the run
 * has sequence seq0 + n and goes to ring slot (head0 + n) mod the ring's
 * size, a power of two. Nothing else may post between begin and end. */
_Static_assert((SMUG_JOURNAL_CAP & (SMUG_JOURNAL_CAP - 1)) == 0, "the journal ring is a power of two");
struct ledger_run {
	struct smug_ledger *l;
	struct smug_account *acc;
	int day;
	unsigned n_accounts;
	uint32_t seq0, seq, slot0; /* slot0: head0 - seq0, mod the ring */
	int64_t moved[SMUG_TX_REASON_COUNT];
};

static inline void ledger_run_begin(struct ledger_run *r, struct smug_ledger *l, int day)
{
	uint32_t seq = l->day_seq_day == day ? l->day_seq : 0;

	*r = (struct ledger_run){.l = l, .acc = l->accounts, .day = day, .n_accounts = (unsigned)l->n_accounts,
				 .seq0 = seq, .seq = seq, .slot0 = (uint32_t)l->journal_head - seq};
}

/* ledger_run_move with the journal record held back: the money moves
 * and the transfer takes its sequence number, and the caller keeps what
 * moved (0: nothing did, no sequence taken) to journal with
 * ledger_run_journal if the record is among the ring's newest, where
 * ledger_run_move would have left it. A run of more than SMUG_JOURNAL_CAP
 * transfers writes most of its records only to write over them. */
static inline int64_t ledger_run_hold(struct ledger_run *r, int from, int to, int64_t amount,
				      enum smug_tx_reason reason)
{
	struct smug_account *acc = r->acc;

	assert(!ledger_reason_is_mint(reason) && !ledger_reason_is_burn(reason));
	assert((unsigned)from < r->n_accounts && (unsigned)to < r->n_accounts);
	if (amount <= 0 || from == to)
		return 0;
	amount = ledger_fit(amount, acc[from].balance, LEDGER_BALANCE_MAX - acc[to].balance);
	if (amount <= 0)
		return 0;
	acc[from].balance -= amount;
	acc[to].balance += amount;
	r->moved[reason] += amount;
	r->seq++;
	return amount;
}

/* The record of a held transfer, the run's transfer with sequence seq. */
static inline void ledger_run_journal(struct ledger_run *r, uint32_t seq, int from, int to, int64_t amount,
				      enum smug_tx_reason reason)
{
	r->l->journal[(r->slot0 + seq) & (SMUG_JOURNAL_CAP - 1)] =
		(struct smug_tx){r->day, seq, from, to, amount, reason};
}

/* Move amount from one account to another within the run and journal
 * the transfer; what moved (0: nothing did). */
static inline int64_t ledger_run_move(struct ledger_run *r, int from, int to, int64_t amount,
				      enum smug_tx_reason reason)
{
	int64_t moved = ledger_run_hold(r, from, to, amount, reason);

	if (moved > 0)
		ledger_run_journal(r, r->seq - 1, from, to, moved, reason);
	return moved;
}

static inline void ledger_run_end(struct ledger_run *r)
{
	struct smug_ledger *l = r->l;
	uint32_t n = r->seq - r->seq0;

	if (n == 0)
		return;
	for (int i = 0; i < SMUG_TX_REASON_COUNT; i++)
		l->by_reason[i] += r->moved[i];
	l->journal_head = (int)((r->slot0 + r->seq) & (SMUG_JOURNAL_CAP - 1));
	l->journal_count = n >= (uint32_t)(SMUG_JOURNAL_CAP - l->journal_count) ? SMUG_JOURNAL_CAP
										   : l->journal_count + (int)n;
	l->day_seq_day = r->day;
	l->day_seq = r->seq;
}

/* ---- signals.c: stage 1, daily drift and the ward economy ---- */
/* What the ward economy reads of a ward, so the economy's pass streams
 * 24 bytes a ward and the accounts instead of the ward records (which a
 * world of 36,000 wards does not keep in cache between the signals pass
 * and the economy's). Scratch: never saved, hashed or compared. */
struct smug_econ_ward {
	double points;	   /* customs.enforcement_points, copied each day by signals_step */
	double corruption; /* sig.corruption after the day's step, likewise */
	int buyers;	   /* the ward's account indices, as in smug_ward: */
	int account;	   /* copied by signals_size_scratch */
};
/* Make the world's per-ward scratch of the signals pass (econ_wards and
 * rest_shortage_avg, each once, n_wards long, the averages with a new
 * rest key) and copy the wards' account indices into econ_wards:
 * world_index (a world made or loaded, its accounts built) and
 * smug_world_clone call it; signals_step needs it done. */
void signals_size_scratch(struct smug_world *w);
/* A world of this many wards or more keeps more ward records (424 bytes
 * each) than the caches hold from one day to the next, and signals_step's
 * loop over its wards waits on memory: there the loop asks for the
 * records a few wards ahead (signals.c). */
#define SIGNALS_PREFETCH_WARDS 8192
void signals_step(struct smug_world *w);
/* Whatever writes a ward's signals (sig) or their base, or its raider
 * presence, in a world a day has stepped, other than signals_step, calls
 * this after: it changes the world's rest key, so no ward's note
 * (signals_at_rest, written with the key of its day) lets it rest on
 * the values it had. A world made or loaded (the scenario loader,
 * world_finish, a snapshot read) needs no call, nor does a clone:
 * signals_size_scratch gives it its shortage averages and a new key with
 * them. */
void signals_changed(struct smug_world *w);
/* Note the raider runs and busts of the day's resolved shipments
 * (w->resolved); the next signals_step folds them into raider presence. */
void signals_note_resolutions(struct smug_world *w);

/* ---- crackdown.c: stage 2; also smug_cmd_crackdown_* and smug_cmd_auto_crackdown ---- */
void crackdown_step(struct smug_world *w);
/* Intensity of the active target on corridor c (0 if none). */
double crackdown_intensity(const struct smug_world *w, int corridor);

/* ---- customs.c (the public half; the checks are below) ---- */
/* What customs_acceptance() adds to the base acceptance for an offer of
 * r × required (0 without an offer); a planner that fixes r for the day
 * computes it once and takes customs_accept_boosted(kappa, boost). */
double customs_offer_boost(const struct smug_customs_config *cc, double r);
static inline double customs_accept_boosted(double base, double boost)
{
	return base + boost * (1.0 - base);
}
/* Acceptance of a bribe at a post of corruptibility kappa, for an offer
 * of r times the required bribe (0: none, so the officer's own price),
 * under crackdown factor phi (1: none); 0 when the network never bribes. */
double customs_acceptance(const struct smug_customs_config *cc, double kappa, double r, double phi,
			  bool bribes);
/* The published dials of ward dest, without crackdowns: what a faction
 * can know before it crosses. */
struct customs_odds {
	double p_found;	 /* inspected and found, for cargo of heat 1 */
	double kappa;	 /* corruptibility */
	double tariff;	 /* tariff / value */
	double required; /* required bribe / value */
};
void customs_public_odds(const struct smug_world *w, int dest_ward, struct customs_odds *out);

/* ---- smuggling.c: stages 3-5, 7 ---- */
void smuggling_refresh_wards(struct smug_world *w);
/* The day's decisions; the shipments sent go into w->launch. */
void smuggling_plan(struct smug_world *w);
/* What a faction believes about a directed edge: it plans cargo of heat h
 * with risk clamp01(base + per_heat × h) and cost per unit of value. */
struct smug_belief {
	double base, per_heat, cost;
	int last_update_day; /* -1: the prior, never observed */
};
double smuggling_belief_risk(const struct smug_belief *b, double heat);
/* P(a crossing of corridor c ends in predation loss), delays included. */
double smuggling_predation(const struct smug_world *w, int corridor);
/* What can be known of crossing `corridor` from node `from` before
 * trying: its predation loss and, at a border, the destination's
 * published customs dials. */
struct smug_odds {
	double pred;
	bool border;
	struct customs_odds customs;
};
void smuggling_odds(const struct smug_world *w, int corridor, int from, struct smug_odds *out);
/* Network n's calibrated prior for that crossing: the odds, given the
 * bribe it expects to offer there (its aim, bribe_offer_ratio, times the
 * share of its aims its budget has covered lately, offer_fill), or none
 * when it never bribes. */
void smuggling_prior(const struct smug_world *w, const struct smug_network *n, int corridor, int from,
		     struct smug_belief *out);
/* Mean heat of the commodities a network ships (its cargo mix). */
double smuggling_heat_mix(const struct smug_world *w, const struct smug_network *n);
/* Commodities a network ships, by preference, at most commodity_topk. */
int smuggling_rank_commodities(const struct smug_world *w, const struct smug_network *n,
			       enum smug_commodity *out);
/* Learning from one resolved shipment / from the day's (w->resolved). */
void smuggling_learn(struct smug_world *w, const struct smug_shipment *s);
void smuggling_learn_day(struct smug_world *w);
/* Daily drift of unrefreshed estimates toward their priors. */
void smuggling_drift(struct smug_world *w);
struct smug_edge_stats *network_find_stats(const struct smug_world *w, struct smug_network *n,
					   int corridor, int from);
/* Rebuild n->edge_keys from its edge_stats (a state just read). */
void smuggling_key_stats(const struct smug_world *w, struct smug_network *n);
/* A lane's search key: its two wards (smuggling_key_lanes() writes every
 * lane's into lane_keys); lanes of the same wards differ by commodity. */
static inline uint64_t smuggling_lane_key(int src_ward, int dst_ward)
{
	return (uint64_t)(uint32_t)src_ward << 32 | (uint32_t)dst_ward;
}
void smuggling_key_lanes(struct smug_network *n);
/* The index in stats[0..n_stats) (sorted by key) of the statistic of
 * crossing `corridor` from node `from`, or a negative number when it has
 * none; reads no entry outside the list. */
int smuggling_stats_index(const struct smug_world *w, const struct smug_edge_stats *stats, int n_stats,
			  int corridor, int from);
/* The belief network n plans with for crossing `corridor` from node
 * `from`: its statistic in stats[0..n_stats) (sorted by key) when it has
 * one, else the prior. Returns true when the statistic was known. */
bool smuggling_estimate(const struct smug_world *w, const struct smug_network *n,
			const struct smug_edge_stats *stats, int n_stats, int corridor, int from,
			struct smug_belief *out);
void plan_memo_free(struct smug_plan_memo *m);

/* ---- customs.c ---- */
struct customs_probs {
	double intensity;	    /* crackdown at the border */
	double corruptibility;	    /* κ of the destination's customs */
	double p_inspect, p_detect; /* per crossing; detection includes the heat */
	double required;	    /* required bribe, minor units */
	double offer_ratio;	    /* offered / required */
	double p_accept_base;	    /* officer takes his own price (κ·φ) */
	double bribe_boost;	    /* added acceptance from the bribe map */
	double p_accept;	    /* total acceptance on detection */
	double p_seize;		    /* p_inspect·p_detect·(1−p_accept) */
	int64_t tariff;		    /* minor units */
	int64_t fallback_bribe;	    /* the officer's own price */
};
/* Probabilities for cargo of the given heat and value crossing border
 * corridor c into ward dest with `offered` minor units from its bribe map. */
void customs_probs(const struct smug_world *w, int corridor, int dest_ward, double heat,
		   int64_t value, int64_t offered, bool bribes, struct customs_probs *out);
/* κ of a ward's customs, from its published dials. */
double customs_corruptibility(const struct smug_world *w, int ward);
/* Run the check: tariff, inspection, detection, bribe. Posts ledger
 * transfers and telemetry. Returns SEIZED or IN_TRANSIT (cleared). */
enum smug_outcome customs_cross(struct smug_world *w, struct smug_shipment *s,
				int corridor, int dest_ward);

/* ---- logistics.c: stage 6 ---- */
/* Put the day's launches on the road, advance every shipment a day, and
 * file the ones that end in w->resolved (first releasing the slots of the
 * ones filed before). */
void logistics_step(struct smug_world *w);
/* The shipment slots (world.h): shipments_init gives w SMUG_SHIPMENT_CAP
 * slots (with touch, all written now so a simulating world's footprint is
 * fixed; a world read from a file leaves that to the pages it uses), the
 * first n_transit of them on the road (n_transit <= SMUG_SHIPMENT_CAP)
 * and the rest free;
 * shipments_done frees them (and is a no-op on a world without slots);
 * shipments_clone gives dst the road of src (the day's queues are not
 * state and start empty). */
void shipments_init(struct smug_world *w, int n_transit, bool touch);
void shipments_done(struct smug_world *w);
void shipments_clone(struct smug_world *dst, const struct smug_world *src);
/* A free slot for a new shipment, or -1 when all SMUG_SHIPMENT_CAP are in
 * use; the caller puts it in launch (or on the road). */
int shipment_slot_take(struct smug_world *w);
/* Release the slots of the shipments filed in w->resolved: called when
 * nothing reads the last day's outcomes any more (before the plan takes
 * slots for the day's launches, so the road and the launches always fit
 * in SMUG_SHIPMENT_CAP slots). */
void logistics_release_resolved(struct smug_world *w);

/* ---- telemetry.c: stage 8 ---- */
void telemetry_begin_day(struct smug_world *w);
void telemetry_end_day(struct smug_world *w);
struct smug_event *telemetry_event(struct smug_world *w, enum smug_event_kind k,
				   int faction, int corridor, uint64_t shipment,
				   int commodity, int64_t amount);
/* The event log's part of the digest (a sum of keyed event hashes, kept
 * up as events come and go) and its rebuild after a load. */
uint64_t telemetry_events_digest(const struct smug_telemetry *t);
void telemetry_events_rehash(struct smug_telemetry *t);
/* Which part of an event's union its kind uses (what the digest, the
 * state's walk and smug_event_text read): a route update without a moved
 * edge keeps its route; every other event its money, its count and
 * event_figures(e) figures. */
static inline bool event_has_route(const struct smug_event *e)
{
	return e->kind == SMUG_EV_ROUTE_UPDATE && e->corridor < 0;
}
int event_figures(const struct smug_event *e);
/* NULL when every field e's text reads is in range for w (its wards, its
 * corridor, its route's nodes), else what is not: a loaded or checked
 * event is refused before smug_event_text would read past w's arrays. */
const char *event_text_fields(const struct smug_world *w, const struct smug_event *e);
/* An event about shipment s: its faction, id, commodity and wards. */
struct smug_event *telemetry_shipment_event(struct smug_world *w, enum smug_event_kind k,
					    const struct smug_shipment *s, int corridor, int64_t amount);
void telemetry_border_crossed(struct smug_world *w, int corridor);
/* A shipment was sent along the route of n nodes today: the all-time
 * tally, the hottest routes and the rolling TopK window. */
void telemetry_route_sent(struct smug_world *w, const int *nodes, int n);
/* The order of routes of equal score in the TopK lists: by their nodes'
 * indices, the first that differs; a route before every longer route it
 * begins. */
int telemetry_route_cmp(const struct smug_route_key *a, const struct smug_route_key *b);
/* The rolling window's bucket of `day` (recycling an older one): for
 * the snapshot reader, whose first day read is first_day (the ring holds
 * first_day to the world's day when window_days holds fewer). */
struct smug_topk_day *telemetry_topk_day(struct smug_world *w, int first_day, int day);
/* A customs check at a border: into the border's window of today. */
void telemetry_customs(struct smug_world *w, int corridor, bool inspected, bool seized,
		       int64_t tariff, int64_t bribe);
/* A crackdown target became active / ended (last_day = its last active day). */
void telemetry_crackdown_started(struct smug_world *w, const struct smug_crackdown *k);
void telemetry_crackdown_ended(struct smug_world *w, int corridor, int last_day);
/* The heap parts of the telemetry: allocated by world_finish (which
 * knows the factions and corridors), freed with the world, deep-copied
 * by the clone. */
void telemetry_alloc(struct smug_world *w);
void telemetry_free(struct smug_world *w);
/* Room for `need` events in the ring (grows it, at most SMUG_EVENT_CAP). */
void telemetry_events_room(struct smug_telemetry *t, int need);
/* The whole event ring, allocated and touched: a simulating world's
 * footprint stays fixed from its first day. */
void telemetry_reserve(struct smug_world *w);
void telemetry_clone(struct smug_world *dst, const struct smug_world *src);
/* The windows, chart history and crackdown periods as rows of numbers,
 * owner index first, in a canonical order: the one description that the
 * snapshot writes and reads and the digest hashes. Rows of one kind are
 * set in the order they were emitted (index counts them from 0);
 * telemetry_row_set returns NULL or why the row is refused. */
enum tel_row {
	TEL_ROW_FLOW_TOTAL, /* faction rows first (see row_check) */
	TEL_ROW_FLOW_TRANSIT,
	TEL_ROW_FLOW_DAY,
	TEL_ROW_FACTION_SEEN,
	TEL_ROW_FACTION_DAY,
	TEL_ROW_BORDER_WINDOW, /* then border rows */
	TEL_ROW_BORDER_DAY,
	TEL_ROW_BORDER_CHART,
	TEL_ROW_CHART_DAY,
	TEL_ROW_CRACKDOWN_PERIOD,
	TEL_ROW_COUNT
};
typedef void (*telemetry_emit_fn)(void *ctx, const double *v, int n);
void telemetry_rows(const struct smug_world *w, enum tel_row k, telemetry_emit_fn emit, void *ctx);
const char *telemetry_row_set(struct smug_world *w, enum tel_row k, int index, const double *v, int n);
const char *telemetry_row_name(enum tel_row k);
int telemetry_row_len(enum tel_row k);
/* Set key's score (in place if present, else insert if it beats the
 * smallest); order score desc, key asc. */
void topk_update(struct smug_topk *t, const char *key, int index, double score);

/* ---- window.c: rings of day buckets (first member: int day, -1 = empty) ---- */
/* The bucket of `day` (>= 0) in a ring of n buckets of `size` bytes,
 * reset first if it held an older day. */
void *window_bucket(void *ring, int n, size_t size, int day);
/* window_bucket for a bucket whose lists are counted in its first `head`
 * bytes: a reset clears only those, and the entries past each count are
 * never read (a day's TopK bucket is 10 KB, of which a day uses a few
 * entries). */
void *window_bucket_head(void *ring, int n, size_t size, size_t head, int day);
/* The bucket of `day` if the ring holds it, else NULL. */
const void *window_find(const void *ring, int n, size_t size, int day);
/* Every bucket empty. */
void window_clear(void *ring, int n, size_t size);
/* window_clear for a ring already zeroed (fresh from xcalloc). */
void window_mark_empty(void *ring, int n, size_t size);

/* ---- explain.c: stage 9 ---- */
/* Store a finished decision's summary in the bounded history ring. */
void explain_record(struct smug_world *w, const struct smug_decision *d);

/* ---- digest.c ---- */
uint64_t world_digest(const struct smug_world *w);

#endif
