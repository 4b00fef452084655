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
 * from its start.
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

void smug_timeline_free(struct smug_timeline *t)
{
	if (t == NULL)
		return;
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

/* Every other copy after the first goes; the spacing doubles. */
static void thin(struct smug_timeline *t)
{
	while ((smug_timeline_bytes(t) > t->budget || t->n == SLOTS_MAX) && t->n > 2) {
		int k = 1;

		for (int i = 1; i < t->n; i++) {
			if (i % 2 == 1) {
				t->bytes -= copy_bytes(&t->c[i]);
				copy_free(&t->c[i]);
			} else {
				t->c[k++] = t->c[i];
			}
		}
		t->n = k;
		t->every *= 2;
	}
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
	drop_from(t, 0);
	t->every = 1;
	take(t, w);
}

void smug_timeline_set_budget(struct smug_timeline *t, size_t budget)
{
	t->budget = budget;
	thin(t);
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
	free(r);
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

void smug_timeline_plan(struct smug_timeline *t, int to_day)
{
	int every, k = 1;

	if (t->n == 0)
		return;
	every = spacing_for(t->budget, t->c[t->n - 1].len, t->c[0].day, to_day);
	if (every <= t->every)
		return;
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

/* A day on or after the one the journal stopped recording: the command
 * that overflowed it that day is lost, so the day cannot be rebuilt. */
static enum smug_status journal_full(struct smug_error *err, const char *who, int day)
{
	return smug_error_set(err, SMUG_ERR_FULL,
			      "%s: the journal is full since day %d (commands of that day are lost); "
			      "that day and later ones cannot be rebuilt",
			      who, day);
}

/* smug_world_rebuild; with a ring t, *ring is a new ring like t (its
 * budget and progress hook), started from the scenario's first day, with
 * its copies along the way; t itself is not changed. */
static enum smug_status rebuild(const struct smug_world *w, int day, const struct smug_timeline *t,
				struct smug_timeline **ring, struct smug_world **out, struct smug_error *err)
{
	struct smug_timeline *nt = NULL;
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
		nt = smug_timeline_new(t->budget);
		smug_timeline_set_progress(nt, t->progress, t->progress_ctx);
		nt->to_day = day;
		smug_timeline_reset(nt, r);
		nt->every = spacing_for(t->budget, t->n > 0 ? t->c[t->n - 1].len : 0, r->day, day);
	}
	st = journal_continue(r, &w->journal, day, nt, err);
	if (st == SMUG_ERR_STOPPED)
		smug_error_set(err, st, "rebuild: stopped at day %d of %d", r->day, day);
	else if (st == SMUG_OK && r->day != day)
		st = smug_error_set(err, SMUG_ERR_ARG, "rebuild: the journal ends at day %d, before day %d", r->day,
				    day);
	if (st != SMUG_OK) {
		smug_timeline_free(nt);
		smug_world_free(r);
		return st;
	}
	if (nt) {
		nt->to_day = -1;
		*ring = nt;
	}
	*out = r;
	return SMUG_OK;
}

enum smug_status smug_world_rebuild(const struct smug_world *w, int day, struct smug_world **out,
				    struct smug_error *err)
{
	return rebuild(w, day, NULL, NULL, out, err);
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
		struct smug_world *now = NULL;
		struct smug_timeline *ring = NULL;

		if (w->journal.overflow_day >= 0) { /* not to today: as far as the journal reaches */
			st = rebuild(w, day, t, &ring, out, err);
			if (st == SMUG_OK)
				take_over(t, ring);
			return st;
		}
		/* to today, which the world shown proves: a journal that does
		 * not rebuild it (edited, then resealed) gives no past */
		st = rebuild(w, w->day, t, &ring, &now, err);
		if (st != SMUG_OK)
			return st;
		if (smug_world_digest(now) != smug_world_digest(w)) {
			smug_world_free(now);
			smug_timeline_free(ring);
			return smug_error_set(err, SMUG_ERR_HASH,
					      "rewind: the journal does not rebuild this world (day %d differs; "
					      "smugnet replay names the first day that does)",
					      w->day);
		}
		smug_world_free(now);
		take_over(t, ring);
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
	*out = r;
	return SMUG_OK;
}

size_t smug_timeline_bytes(const struct smug_timeline *t)
{
	return t->bytes + t->scratch_cap + sizeof *t;
}

int smug_timeline_count(const struct smug_timeline *t)
{
	return t->n;
}

int smug_timeline_every(const struct smug_timeline *t)
{
	return t->every;
}
