/* The designer's loop in the cockpit. Every step goes through a rewind
 * ring (smug_timeline), so `[` steps back a day and `{` to any day: the
 * nearest packed copy is restored and the journal replayed up to it. `b`
 * forks a what-if branch (a copy of the world with its own ring) and then
 * switches between it and the base; `B` compares them side by side (the
 * one behind runs to the other's day first, in slices as a long `n`,
 * which Esc stops); `C` lists the knobs and
 * edits one from the next day. A rewound or switched world takes the
 * app's place; the other branch waits here until it is dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* The world took another's place (rewound, branch switched): the same
 * map, so selections stay; what was derived from the old one goes. */
static void swap_world(struct tui_app *a, struct smug_world *nw)
{
	a->w = nw;
	a->why_x_for = -1;
	a->whatif = false;
	a->evx.valid = false;
	a->unsaved = true;
}

void loop_init(struct tui_app *a)
{
	struct tui_loop *l = &a->loop;

	memset(l, 0, sizeof *l);
	l->tl = smug_timeline_new(SMUG_TIMELINE_BUDGET);
	smug_timeline_reset(l->tl, a->w);
}

void loop_done(struct tui_app *a)
{
	struct tui_loop *l = &a->loop;

	smug_timeline_free(l->tl);
	smug_timeline_free(l->other_tl);
	smug_world_free(l->other);
	l->tl = l->other_tl = NULL;
	l->other = NULL;
}

void loop_world_replaced(struct tui_app *a)
{
	struct tui_loop *l = &a->loop;

	smug_timeline_free(l->other_tl);
	smug_world_free(l->other);
	l->other_tl = NULL;
	l->other = NULL;
	l->whatif_active = false;
	smug_timeline_set_budget(l->tl, SMUG_TIMELINE_BUDGET);
	smug_timeline_reset(l->tl, a->w);
}

/* `days` days of a step that goes on to to_day: when that is more than
 * a slice away, the ring is told first (smug_timeline_plan; before each
 * slice, as the copies grow), so it packs no copy it would drop. */
static void ring_step(struct smug_timeline *t, struct smug_world *w, int days, int to_day)
{
	if (to_day - w->day > TUI_STEP_SLICE)
		smug_timeline_plan(t, to_day);
	smug_timeline_step(t, w, days);
}

void loop_step(struct tui_app *a, int days)
{
	ring_step(a->loop.tl, a->w, days, a->w->day + days);
	a->unsaved = true;
}

/* `days` days of w (its ring t) in slices of TUI_STEP_SLICE with a->busy
 * between them (one step without a hook), which may stop it; the status
 * says how far it has come, for `who` ("the base", "the what-if") when
 * it is not the world shown. The days stepped. */
static int step_slices(struct tui_app *a, struct smug_timeline *t, struct smug_world *w, int days, const char *who)
{
	int done = 0, to_day = w->day + days;

	a->stepping = true;
	while (done < days) {
		int n = a->busy && days - done > TUI_STEP_SLICE ? TUI_STEP_SLICE : days - done;

		ring_step(t, w, n, to_day);
		if (w == a->w)
			a->unsaved = true;
		done += n;
		if (done == days)
			break;
		if (who)
			tui_set_status(a, "to compare, %s runs to day %d: day %d, %d of %d days (Esc stops)", who, to_day,
				       w->day, done, days);
		else
			tui_set_status(a, "stepping: day %d, %d of %d days (Esc stops)", w->day, done, days);
		if (!a->busy(a, done, days)) {
			smug_timeline_plan_end(t, w->day);
			break;
		}
	}
	a->stepping = false;
	return done;
}

int loop_step_long(struct tui_app *a, int days)
{
	return step_slices(a, a->loop.tl, a->w, days, NULL);
}

bool loop_has_branch(const struct tui_app *a)
{
	return a->loop.other != NULL;
}

const char *loop_branch_label(const struct tui_app *a)
{
	if (!loop_has_branch(a))
		return NULL;
	return a->loop.whatif_active ? "WHAT-IF" : "BASE (what-if open)";
}

/* The ring's progress hook during a rewind: the rebuild of a loaded
 * seed's days, told to the front end's busy hook. */
static bool rebuild_told(void *ctx, int day, int to_day)
{
	struct tui_app *a = ctx;

	a->loop.rebuilt_day = day;
	a->loop.rebuilt_to = to_day;
	tui_set_status(a, "rewinding to day %d: rebuilding the seed's days, day %d of %d (Esc stops)",
		       a->loop.rewind_day, day, to_day);
	return a->busy(a, day, to_day);
}

void loop_rewind(struct tui_app *a, int day)
{
	struct smug_world *r = NULL;
	struct smug_error err;
	enum smug_status st;
	int from = a->w->day;

	if (a->w->day <= a->w->start_day) {
		tui_set_status(a, "rewind: nothing before day %d, the first day", a->w->day);
		return;
	}
	if (day < a->w->start_day || day >= a->w->day) {
		tui_set_status(a, "rewind: day %d is not before day %d (the first is %d)", day, a->w->day,
			       a->w->start_day);
		return;
	}
	if (a->busy) { /* before a loaded seed's first day it rebuilds the seed: seconds on a long one */
		tui_set_status(a, "rewinding to day %d ...", day);
		a->busy(a, 0, 0);
		a->loop.rewind_day = day;
		smug_timeline_set_progress(a->loop.tl, rebuild_told, a);
	}
	st = smug_timeline_rewind(a->loop.tl, a->w, day, &r, &err);
	smug_timeline_set_progress(a->loop.tl, NULL, NULL);
	if (st == SMUG_ERR_STOPPED) {
		tui_set_status(a, "rewind to day %d stopped (Esc) with the seed's days rebuilt to day %d of %d; "
				  "still at day %d",
			       day, a->loop.rebuilt_day, a->loop.rebuilt_to, a->w->day);
		return;
	}
	if (st != SMUG_OK) {
		tui_set_status(a, "%s", err.msg);
		return;
	}
	smug_world_free(a->w);
	swap_world(a, r);
	/* whole in an 80-column footer up to day 9999 */
	tui_set_status(a, "back to day %d (from %d); stepping on replaces them%s", day, from,
		       loop_has_branch(a) ? "" : " (b keeps a branch first)");
}

int loop_prepare(struct tui_app *a, int days)
{
	struct smug_timeline *t = a->loop.tl;
	int from = smug_timeline_first_day(t), left = smug_timeline_prepare(t, a->w, days);

	if (from > a->w->start_day && smug_timeline_first_day(t) <= a->w->start_day)
		tui_set_status(a, "the seed's days before day %d are rebuilt: a rewind there starts from copies", from);
	return left;
}

/* A copy of the world to try something else on: both share the days so
 * far, each keeps its own ring, in half the memory each. */
static void fork_branch(struct tui_app *a)
{
	struct tui_loop *l = &a->loop;

	l->other = a->w;
	l->other_tl = l->tl;
	l->tl = smug_timeline_clone(l->other_tl);
	smug_timeline_set_budget(l->tl, SMUG_TIMELINE_BUDGET / 2);
	smug_timeline_set_budget(l->other_tl, SMUG_TIMELINE_BUDGET / 2);
	swap_world(a, smug_world_clone(l->other));
	l->whatif_active = true;
	l->fork_day = a->w->day;
	/* whole in an 80-column footer up to day 9999 */
	tui_set_status(a, "what-if branch from day %d: change c, C or a, step; B compares, b switches", l->fork_day);
}

void loop_branch(struct tui_app *a)
{
	struct tui_loop *l = &a->loop;
	struct smug_world *w = a->w;
	struct smug_timeline *t = l->tl;

	if (!loop_has_branch(a)) {
		fork_branch(a);
		return;
	}
	l->tl = l->other_tl;
	l->other_tl = t;
	swap_world(a, l->other);
	l->other = w;
	l->whatif_active = !l->whatif_active;
	tui_set_status(a, "now on the %s (day %d); the %s is at day %d", l->whatif_active ? "what-if" : "base",
		       a->w->day, l->whatif_active ? "base" : "what-if", l->other->day);
}

/* Keep the world shown, drop the other branch. */
void loop_keep(struct tui_app *a)
{
	struct tui_loop *l = &a->loop;
	bool was_whatif = l->whatif_active;

	if (!loop_has_branch(a))
		return;
	smug_world_free(l->other);
	smug_timeline_free(l->other_tl);
	l->other = NULL;
	l->other_tl = NULL;
	l->whatif_active = false;
	smug_timeline_set_budget(l->tl, SMUG_TIMELINE_BUDGET);
	tui_set_status(a, "kept the %s; the other branch is gone", was_whatif ? "what-if" : "base");
}

void loop_worlds(const struct tui_app *a, const struct smug_world **base, const struct smug_world **whatif)
{
	const struct tui_loop *l = &a->loop;

	if (!loop_has_branch(a)) {
		*base = *whatif = NULL;
		return;
	}
	*base = l->whatif_active ? l->other : a->w;
	*whatif = l->whatif_active ? a->w : l->other;
}

/* The base and the what-if, the one behind run to the other's day (the
 * same days for both: a fair comparison), as `n` steps: in slices with
 * the front end's hook between them, which draws the progress and may
 * stop it (Esc). Stopped, the one behind stays at the day it reached,
 * its ring planned for no more, and B goes on from there. */
bool loop_pair(struct tui_app *a, const struct smug_world **base, const struct smug_world **whatif)
{
	struct tui_loop *l = &a->loop;
	bool behind_shown;
	const char *who, *ahead;
	int gap, done, to_day;

	loop_worlds(a, base, whatif);
	if (!loop_has_branch(a))
		return false;
	if (a->w->day == l->other->day)
		return true;
	behind_shown = a->w->day < l->other->day;
	who = behind_shown == l->whatif_active ? "the what-if" : "the base";
	ahead = behind_shown == l->whatif_active ? "the base" : "the what-if";
	gap = behind_shown ? l->other->day - a->w->day : a->w->day - l->other->day;
	to_day = behind_shown ? l->other->day : a->w->day;
	if (behind_shown)
		done = step_slices(a, l->tl, a->w, gap, who);
	else
		done = step_slices(a, l->other_tl, l->other, gap, who);
	if (done < gap) {
		tui_set_status(a, "compare stopped (Esc): %s ran %d of %d days, to day %d; %s is at day %d; B goes on",
			       who, done, gap, to_day - gap + done, ahead, to_day);
		return false;
	}
	if (gap > TUI_STEP_SLICE && a->busy) /* its progress was shown: say where it ended */
		tui_set_status(a, "%s ran %d days to day %d to compare", who, gap, to_day);
	return true;
}
