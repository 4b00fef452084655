/* TopK view: the hottest routes (shipments sent), borders (crossings)
 * and networks (success rate) since the world began beside the same
 * lists over the last telemetry.window_days days, so a shift shows: a
 * border under a crackdown keeps its all-time rank while it drops out of
 * the window's list. Left/Right shorten or lengthen the window. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

static int window_of(const struct tui_app *a)
{
	int max = a->w->cfg.telemetry.window_days;

	if (a->topk_days <= 0 || a->topk_days > max)
		return max;
	return a->topk_days;
}

/* One list in a column: rank, score and key, fitted to the column (a
 * key of parts joined by sep keeps its first and last parts). */
static void draw_list(struct canvas *in, int y, int x, int w, int rows, const struct smug_topk *t, bool rate,
		      const char *sep)
{
	for (int i = 0; i < rows; i++) {
		char line[256];

		if (i >= t->n) {
			if (i == 0)
				canvas_fit(in, y, x, w, ROLE_DIM, "(none)", false);
			break;
		}
		if (rate)
			snprintf(line, sizeof line, "%2d %5.1f%% %s", i + 1, 100 * t->e[i].score, t->e[i].key);
		else
			snprintf(line, sizeof line, "%2d %6.0f %s", i + 1, t->e[i].score, t->e[i].key);
		/* a long route keeps its first node and its destination, a
		 * border both its nodes */
		canvas_fit_route(in, y + i, x, w, ROLE_NORMAL, line, sep);
	}
}

void view_topk_draw(struct tui_app *a, struct canvas *cv)
{
	static const struct {
		const char *title;
		enum smug_topk_kind kind;
		bool rate;
		const char *sep;
	} lists[] = {
		{"Routes (shipments sent)", SMUG_TOPK_ROUTES, false, ">"},
		{"Borders (crossings)", SMUG_TOPK_BORDERS, false, "|"},
		{"Networks (delivered / resolved)", SMUG_TOPK_FACTIONS, true, ">"},
	};
	const struct smug_world *w = a->w;
	int days = window_of(a), half, rows, y = 0;
	struct smug_topk all, win;
	struct canvas in;
	char title[160];

	canvas_clear(cv);
	snprintf(title, sizeof title, "TopK: all time | last %d day%s (Left/Right: window; Esc back)", days,
		 days == 1 ? "" : "s");
	canvas_box(cv, title, true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	half = (in.w - 2) / 2;
	/* three lists, each with its title row and a gap: at least 4 rows
	 * each, as the view has 21 rows or more (a terminal of 24) */
	rows = (in.h - 3 * 2) / 3;
	if (rows > SMUG_TOPK)
		rows = SMUG_TOPK;
	for (int l = 0; l < 3 && y < in.h; l++) {
		char head[128];

		canvas_fit(&in, y, 0, half, ROLE_TITLE, lists[l].title, false);
		snprintf(head, sizeof head, "last %d day%s", days, days == 1 ? "" : "s");
		canvas_fit(&in, y, half + 2, in.w - half - 2, ROLE_TITLE, head, false);
		smug_topk_all(w, lists[l].kind, &all);
		smug_topk_window(w, lists[l].kind, days, &win);
		draw_list(&in, y + 1, 0, half, rows, &all, lists[l].rate, lists[l].sep);
		draw_list(&in, y + 1, half + 2, in.w - half - 2, rows, &win, lists[l].rate, lists[l].sep);
		y += rows + 2;
	}
}

bool view_topk_key(struct tui_app *a, int action, int key)
{
	static const int steps[] = {1, 7, 14, 30, 60, 90, 180, 365};
	int n = (int)(sizeof steps / sizeof steps[0]), days = window_of(a), max = a->w->cfg.telemetry.window_days;
	int next = days;

	(void)key;
	if (action == ACT_LEFT) {
		for (int i = 0; i < n; i++) /* the longest step below the window */
			if (steps[i] < days)
				next = steps[i];
	} else if (action == ACT_RIGHT) {
		for (int i = n - 1; i >= 0; i--) /* the shortest step above it */
			if (steps[i] > days)
				next = steps[i];
	} else {
		return false;
	}
	a->topk_days = next > max ? max : next;
	return true;
}
