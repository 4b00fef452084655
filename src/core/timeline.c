/* Rewinding: a bounded ring of packed copies of the state (state_pack),
 * one every `every` days, plus the copy the ring started from, which is
 * never dropped. When the copies outgrow the byte budget or the slot cap,
 * every other copy goes and `every` doubles, so the ring always spans the
 * whole history at a resolution that coarsens with its length. A rewind
 * unpacks the nearest copy at or before the day and replays the world's
 * journal up to that day: rewinding costs at most `every` simulated days.
 * A day before the first copy (a loaded seed's past: the ring starts at
 * the load) is rebuilt from the scenario and the whole journal, to today,
 * which must give the world shown, and the ring is refilled on the way,
 * so this rewind and the next ones cost what they cost in a world stepped
 * from its start. That rebuild can also go on bit by bit while the
 * front end waits for a key (smug_timeline_prepare), and a rewind stopped
 * part-way keeps it: the next one goes on from the day it reached.
 * A copy is packed into one scratch buffer kept with the ring and stored
 * in blocks of one size (TL_BLOCK): blocks a thinning frees are the ones
 * the next copies take, so the heap does not fragment and the process
 * holds what the budget counts (blocks, block tables and the scratch). */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "state.h"

#define SLOTS_MAX 256
#define TL_BLOCK ((size_t)256 << 10)

struct tl_copy {
	int day;
	int n_cmds; /* commands the journal held when the copy was taken */
	unsigned char **blk; /* ceil(len / TL_BLOCK) blocks of TL_BLOCK bytes */
	size_t len;
};

static size_t copy_blocks(const struct tl_copy *c)
{
	return (c->len + TL_BLOCK - 1) / TL_BLOCK;
}

/* The memory a copy holds. */
static size_t copy_bytes(const struct tl_copy *c)
{
	return copy_blocks(c) * (TL_BLOCK + sizeof *c->blk);
}

static void copy_free(struct tl_copy *c)
{
	for (size_t b = 0; b < copy_blocks(c); b++)
		free(c->blk[b]);
	free(c->blk);
	c->blk = NULL;
}

/* c->len set: copy `bytes` into fresh blocks. */
static void copy_store(struct tl_copy *c, const unsigned char *bytes)
{
	size_t nb = copy_blocks(c);

	c->blk = xmalloc((nb ? nb : 1) * sizeof *c->blk);
	for (size_t b = 0; b < nb; b++) {
		size_t off = b * TL_BLOCK, n = c->len - off < TL_BLOCK ? c->len - off : TL_BLOCK;

		c->blk[b] = xmalloc(TL_BLOCK);
		memcpy(c->blk[b], bytes + off, n);
	}
}

struct smug_timeline {
	size_t budget, bytes;
	unsigned char *scratch; /* state_pack_into's buffer, reused */
	size_t scratch_cap;
	int every;
	struct tl_copy c[SLOTS_MAX];
	int n;
	/* smug_timeline_set_progress; told only by a rebuild's ring, whose
	 * to_day is the day it goes to (-1 in every other ring) */
	bool (*progress)(void *ctx, int day, int to_day);
	void *progress_ctx;
	int to_day;
	/* the rebuild of the days before the ring under way (a rewind
	 * stopped, smug_timeline_prepare): the world it steps, at a day whose
	 * journal is a prefix of the ring's world's, and its new ring; NULL
	 * when none. past_failed: the last one failed, prepare leaves it (a
	 * rewind tries again and says why) */
	struct smug_world *past_w;
	struct smug_timeline *past_t;
	bool past_failed;
};

struct smug_timeline *smug_timeline_new(size_t budget)
{
	struct smug_timeline *t = xcalloc(1, sizeof *t);

	t->budget = budget;
	t->every = 1;
	t->to_day = -1;
	return t;
}

static void drop_from(struct smug_timeline *t, int k)
{
	for (int i = k; i < t->n; i++) {
		t->bytes -= copy_bytes(&t->c[i]);
		copy_free(&t->c[i]);
	}
	if (k < t->n)
		t->n = k;
}

static void past_drop(struct smug_timeline *t)
{
	smug_world_free(t->past_w);
	smug_timeline_free(t->past_t);
	t->past_w = NULL;
	t->past_t = NULL;
}

void smug_timeline_free(struct smug_timeline *t)
{
	if (t == NULL)
		return;
	past_drop(t);
	drop_from(t, 0);
	free(t->scratch);
	free(t);
}

struct smug_timeline *smug_timeline_clone(const struct smug_timeline *t)
{
	struct smug_timeline *d = xmalloc(sizeof *d);

	*d = *t;
	d->scratch = NULL;
	d->scratch_cap = 0;
	if (t->past_w) { /* the branches share the days before the fork */
		d->past_w = smug_world_clone(t->past_w);
		d->past_t = smug_timeline_clone(t->past_t);
	}
	for (int i = 0; i < t->n; i++) {
		size_t nb = copy_blocks(&t->c[i]);

		d->c[i].blk = xmalloc((nb ? nb : 1) * sizeof *d->c[i].blk);
		for (size_t b = 0; b < nb; b++) {
			size_t off = b * TL_BLOCK;

			d->c[i].blk[b] = xmalloc(TL_BLOCK);
			memcpy(d->c[i].blk[b], t->c[i].blk[b],
			       t->c[i].len - off < TL_BLOCK ? t->c[i].len - off : TL_BLOCK);
		}
	}
	return d;
}

/* The bytes of t's own copies and buffer, which its budget bounds (a
 * rebuild ahead's ring has its own). */
static size_t ring_bytes(const struct smug_timeline *t)
{
	return t->bytes + t->scratch_cap + sizeof *t;
}

/* The copies after the first not on a multiple of `every` go, and the
 * ring keeps that spacing. Every copy after the first is on a multiple
 * of t->every (taken so, and kept so here): with every = twice it, every
 * other one goes, whatever the day of the first (a loaded seed's, odd or
 * even), and the gaps stay at most `every` days. */
static void keep_every(struct smug_timeline *t, int every)
{
	int k = 1;

	for (int i = 1; i < t->n; i++) {
		if (t->c[i].day % every == 0) {
			t->c[k++] = t->c[i];
		} else {
			t->bytes -= copy_bytes(&t->c[i]);
			copy_free(&t->c[i]);
		}
	}
	t->n = k;
	t->every = every;
}

/* Every other copy after the first goes; the spacing doubles. */
static void thin(struct smug_timeline *t)
{
	while ((ring_bytes(t) > t->budget || t->n == SLOTS_MAX) && t->n > 2)
		keep_every(t, t->every * 2);
}

static void take(struct smug_timeline *t, const struct smug_world *w)
{
	struct tl_copy *c;

	if (t->n == SLOTS_MAX)
		thin(t);
	c = &t->c[t->n++];
	c->day = w->day;
	c->n_cmds = w->journal.n_cmds;
	c->len = state_pack_into(w, &t->scratch, &t->scratch_cap);
	copy_store(c, t->scratch);
	t->bytes += copy_bytes(c);
	thin(t);
}

void smug_timeline_reset(struct smug_timeline *t, const struct smug_world *w)
{
	past_drop(t);
	t->past_failed = false;
	drop_from(t, 0);
	t->every = 1;
	take(t, w);
}

void smug_timeline_set_budget(struct smug_timeline *t, size_t budget)
{
	t->budget = budget;
	thin(t);
	if (t->past_t)
		smug_timeline_set_budget(t->past_t, budget);
}

void smug_timeline_set_progress(struct smug_timeline *t, bool (*fn)(void *ctx, int day, int to_day), void *ctx)
{
	t->progress = fn;
	t->progress_ctx = ctx;
}

enum smug_status smug_timeline_step(struct smug_timeline *t, struct smug_world *w, int days)
{
	if (days < 0)
		return SMUG_ERR_ARG;
	for (int i = 0; i < days; i++) {
		smug_cmd_step(w, 1);
		if (w->day % t->every == 0)
			take(t, w);
		if (t->to_day >= 0 && t->progress && w->day % SMUG_TIMELINE_PROGRESS_DAYS == 0 &&
		    !t->progress(t->progress_ctx, w->day, t->to_day))
			return SMUG_ERR_STOPPED;
	}
	return SMUG_OK;
}

/* t takes over the copies of the ring r (a rebuild's) and keeps its own
 * budget and progress hook; r is freed. */
static void take_over(struct smug_timeline *t, struct smug_timeline *r)
{
	drop_from(t, 0);
	free(t->scratch);
	t->bytes = r->bytes;
	t->scratch = r->scratch;
	t->scratch_cap = r->scratch_cap;
	t->every = r->every;
	memcpy(t->c, r->c, (size_t)r->n * sizeof *r->c);
	t->n = r->n;
	r->n = 0;
	r->scratch = NULL;
	smug_timeline_free(r);
	thin(t); /* the budget may have changed since r started (a branch forked) */
}

/* The spacing a ring of `budget` bytes reaches over the days start..day
 * with copies of about len bytes: the smallest power of two at which its
 * copies (the first, then one every `every` days) fit without thinning.
 * A rebuild's ring starts at it and takes none of the copies its thinning
 * would drop on the way (packing a copy costs more than its day). len 0:
 * 1, the ring thins as it goes. */
static int spacing_for(size_t budget, size_t len, int start, int day)
{
	struct tl_copy c = {.len = len};
	size_t each = copy_bytes(&c), room = budget > len + sizeof(struct smug_timeline)
						      ? budget - len - sizeof(struct smug_timeline)
						      : 0; /* less the scratch */
	int every = 1;

	if (len == 0)
		return 1;
	while (every < (1 << 29)) {
		long n = 1 + (long)(day / every) - (long)(start / every); /* at most */

		if (n < SLOTS_MAX && (size_t)n * each <= room)
			break;
		every *= 2;
	}
	return every;
}

/* The spacing the ring's copies need to reach `day` (spacing_for from the
 * first copy's day, at the newest copy's size); a ring with no copy: its
 * own, so neither a plan nor its end changes it. */
static int spacing_to(const struct smug_timeline *t, int day)
{
	if (t->n == 0)
		return t->every;
	return spacing_for(t->budget, t->c[t->n - 1].len, t->c[0].day, day);
}

void smug_timeline_plan(struct smug_timeline *t, int to_day)
{
	int every = spacing_to(t, to_day);

	if (every > t->every)
		keep_every(t, every);
}

void smug_timeline_plan_end(struct smug_timeline *t, int day)
{
	int every = spacing_to(t, day);

	if (every < t->every)
		t->every = every; /* powers of two: the copies kept are on multiples of it */
}

/* A day on or after the one the journal stopped recording: the command
 * that overflowed it that day is lost, so the day cannot be rebuilt. */
static enum smug_status journal_full(struct smug_error *err, const char *who, int day)
{
	return smug_error_set(err, SMUG_ERR_FULL,
			      "%s: the journal is full since day %d (commands of that day are lost); "
			      "that day and later ones cannot be rebuilt",
			      who, day);
}

/* The start of a rebuild of w to `day`: *out = w's scenario loaded
 * afresh, its journal empty; with a ring t, *ring = a new ring like t (its
 * budget), started there at the spacing its copies will need by `day`. */
static enum smug_status rebuild_start(const struct smug_world *w, int day, const struct smug_timeline *t,
				      struct smug_timeline **ring, struct smug_world **out, struct smug_error *err)
{
	struct smug_world *r = NULL;
	enum smug_status st;

	if (day < w->start_day || day > w->day)
		return smug_error_set(err, SMUG_ERR_ARG, "rebuild: day %d is outside %d..%d", day, w->start_day,
				      w->day);
	if (w->journal.overflow_day >= 0 && day >= w->journal.overflow_day)
		return journal_full(err, "rebuild", w->journal.overflow_day);
	if (w->scenario_text == NULL)
		return smug_error_set(err, SMUG_ERR_ARG, "rebuild: the world keeps no scenario to start from");
	st = smug_world_load_json(w->scenario_text, w->scenario_len, w->scenario_id, &r, err);
	if (st != SMUG_OK)
		return st;
	if (r->scenario_hash != w->scenario_hash || r->day != w->start_day) {
		smug_world_free(r);
		return smug_error_set(err, SMUG_ERR_ARG, "rebuild: the scenario kept is not the world's");
	}
	journal_prefix(&r->journal, &w->journal, 0, r->day);
	if (t) {
		struct smug_timeline *nt = smug_timeline_new(t->budget);

		smug_timeline_reset(nt, r);
		nt->every = spacing_for(t->budget, t->n > 0 ? t->c[t->n - 1].len : 0, r->day, day);
		*ring = nt;
	}
	*out = r;
	return SMUG_OK;
}

/* r (a rebuild's world, its ring nt or NULL) stepped on along w's journal
 * to `day`, nt telling t's progress hook the day reached of `goal`;
 * SMUG_ERR_STOPPED when the hook stopped it. */
static enum smug_status rebuild_go(const struct smug_world *w, int day, int goal, const struct smug_timeline *t,
				   struct smug_timeline *nt, struct smug_world *r, struct smug_error *err)
{
	enum smug_status st;

	if (nt) {
		smug_timeline_set_progress(nt, t->progress, t->progress_ctx);
		nt->to_day = goal;
	}
	st = journal_continue(r, &w->journal, day, nt, err);
	if (nt) {
		smug_timeline_set_progress(nt, NULL, NULL);
		nt->to_day = -1;
	}
	if (st == SMUG_ERR_STOPPED)
		return smug_error_set(err, st, "rebuild: stopped at day %d of %d", r->day, day);
	if (st == SMUG_OK && r->day != day)
		return smug_error_set(err, SMUG_ERR_ARG, "rebuild: the journal ends at day %d, before day %d", r->day,
				      day);
	return st;
}

/* w rebuilt from its scenario to `day` in one go: *out the world and,
 * with a ring t, *ring its new ring (t's progress hook told of it); on
 * failure nothing is kept and *out, *ring are left as they were. */
static enum smug_status rebuild_to(const struct smug_world *w, int day, const struct smug_timeline *t,
				   struct smug_timeline **ring, struct smug_world **out, struct smug_error *err)
{
	struct smug_timeline *nt = NULL;
	struct smug_world *r = NULL;
	enum smug_status st = rebuild_start(w, day, t, &nt, &r, err);

	if (st == SMUG_OK && (st = rebuild_go(w, day, day, t, nt, r, err)) == SMUG_OK) {
		if (ring)
			*ring = nt;
		*out = r;
		return st;
	}
	smug_timeline_free(nt);
	smug_world_free(r);
	return st;
}

enum smug_status smug_world_rebuild(const struct smug_world *w, int day, struct smug_world **out,
				    struct smug_error *err)
{
	return rebuild_to(w, day, NULL, NULL, out, err);
}

/* The days before the ring (t->c[0] is after w's first day) rebuilt to
 * w's today, or as far as `days` more days go (-1: all of them), on
 * from the rebuild kept in t if there is one. Reaching today, which the
 * world shown proves (a journal that does not rebuild it, edited then
 * resealed, gives no past: SMUG_ERR_HASH), t takes the new ring's
 * copies. Stopped by the progress hook, the rebuild is kept for the next
 * call; failed, it is dropped and past_failed set. */
static enum smug_status past_go(struct smug_timeline *t, const struct smug_world *w, int days,
				struct smug_error *err)
{
	enum smug_status st = SMUG_OK;
	int to;

	if (t->past_w == NULL)
		st = rebuild_start(w, w->day, t, &t->past_t, &t->past_w, err);
	if (st == SMUG_OK) {
		to = days >= 0 && t->past_w->day + days < w->day ? t->past_w->day + days : w->day;
		smug_timeline_plan(t->past_t, w->day); /* today may have moved on since it started */
		st = rebuild_go(w, to, w->day, t, t->past_t, t->past_w, err);
	}
	if (st == SMUG_ERR_STOPPED)
		return st;
	t->past_failed = st != SMUG_OK;
	if (st == SMUG_OK && t->past_w->day == w->day && smug_world_digest(t->past_w) != smug_world_digest(w)) {
		t->past_failed = true;
		st = smug_error_set(err, SMUG_ERR_HASH,
				    "rewind: the journal does not rebuild this world (day %d differs; "
				    "smugnet replay names the first day that does)",
				    w->day);
	}
	if (st == SMUG_OK && t->past_w->day == w->day) {
		take_over(t, t->past_t);
		t->past_t = NULL;
	}
	if (st != SMUG_OK || t->past_t == NULL)
		past_drop(t);
	return st;
}

/* Whether the ring's days start after w's first day and the journal can
 * rebuild them to today (not full). */
static bool past_missing(const struct smug_timeline *t, const struct smug_world *w)
{
	return (t->n == 0 || t->c[0].day > w->start_day) && w->journal.overflow_day < 0;
}

int smug_timeline_prepare(struct smug_timeline *t, const struct smug_world *w, int days)
{
	struct smug_error err;

	if (!past_missing(t, w) || t->past_failed || w->scenario_text == NULL || days <= 0)
		return 0;
	if (past_go(t, w, days, &err) != SMUG_OK || t->past_w == NULL)
		return 0;
	return w->day - t->past_w->day;
}

enum smug_status smug_timeline_rewind(struct smug_timeline *t, const struct smug_world *w, int day,
				      struct smug_world **out, struct smug_error *err)
{
	const struct tl_copy *c = NULL;
	struct smug_world *r;
	enum smug_status st;
	int k = 0;

	if (day > w->day || day < w->start_day)
		return smug_error_set(err, SMUG_ERR_ARG, "rewind: day %d is outside %d..%d", day, w->start_day,
				      w->day);
	if (t->n == 0 || day < t->c[0].day) { /* before the ring: from the scenario, the ring refilled */
		if (w->journal.overflow_day >= 0) { /* not to today: as far as the journal reaches */
			struct smug_timeline *ring;

			if ((st = rebuild_to(w, day, t, &ring, out, err)) == SMUG_OK) {
				take_over(t, ring);
				past_drop(t); /* the ring reaches day 0 now */
			}
			return st;
		}
		if ((st = past_go(t, w, -1, err)) != SMUG_OK)
			return st;
	}
	if (w->journal.overflow_day >= 0 && day >= w->journal.overflow_day)
		return journal_full(err, "rewind", w->journal.overflow_day);
	while (k + 1 < t->n && t->c[k + 1].day <= day)
		k++;
	c = &t->c[k];
	if (c->n_cmds > w->journal.n_cmds)
		return smug_error_set(err, SMUG_ERR_ARG, "rewind: the copies belong to another world");
	if (t->scratch_cap < c->len) {
		t->scratch = xrealloc(t->scratch, c->len);
		t->scratch_cap = c->len;
	}
	for (size_t b = 0; b < copy_blocks(c); b++) {
		size_t off = b * TL_BLOCK;

		memcpy(t->scratch + off, c->blk[b], c->len - off < TL_BLOCK ? c->len - off : TL_BLOCK);
	}
	r = state_unpack(t->scratch, c->len);
	if (r == NULL)
		return smug_error_set(err, SMUG_ERR_ARG, "rewind: a packed copy does not read back");
	if (w->scenario_text)
		world_set_scenario_text(r, w->scenario_text, w->scenario_len);
	journal_prefix(&r->journal, &w->journal, c->n_cmds, c->day);
	st = journal_continue(r, &w->journal, day, NULL, err);
	if (st != SMUG_OK) {
		smug_world_free(r);
		return st;
	}
	drop_from(t, k + 1);
	if (t->past_w && t->past_w->day > day) /* its journal goes past the future discarded */
		past_drop(t);
	*out = r;
	return SMUG_OK;
}

size_t smug_timeline_bytes(const struct smug_timeline *t)
{
	return ring_bytes(t) + (t->past_t ? ring_bytes(t->past_t) : 0);
}

int smug_timeline_count(const struct smug_timeline *t)
{
	return t->n;
}

int smug_timeline_every(const struct smug_timeline *t)
{
	return t->every;
}

int smug_timeline_first_day(const struct smug_timeline *t)
{
	return t->n > 0 ? t->c[0].day : -1;
}
