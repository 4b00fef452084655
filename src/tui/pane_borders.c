/* Borders pane: the table of customs per border, with today, the last 7
 * days and all time for traffic, inspections, seizures, bribes and
 * tariffs, the seizure rate, a trend arrow (the last 3 days against the
 * 4 before) and the crackdown mark with the day it started. Columns come
 * and go by priority with the width (t chooses the window shown first),
 * any column sorts either way (< > I, the sorted one is marked), and the
 * selection follows the border, not the row. The last line names the
 * selected border in full. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

enum { M_TRAFFIC, M_INSPECT, M_SEIZED, M_BRIBES, M_TARIFFS, M_COUNT };
#define COL(m, win) (1 + (m) * WIN_COUNT + (win))
enum { B_ID = 0, B_RATE = 1 + M_COUNT * WIN_COUNT, B_TREND, B_MARK, B_N };

static const char *const group[M_COUNT] = {"traf", "insp", "seiz", "bribes", "tariffs"};
static const char *const win_head[WIN_COUNT] = {"today", "7d", "all"};
static const char *const win_abbr[WIN_COUNT] = {"day", NULL, NULL}; /* "today" sorted in 5 columns */
static const int measure_prio[M_COUNT] = {1, 5, 2, 4, 6};

/* The columns for the window shown first. */
static void columns(enum tui_window first, int id_width, struct tui_col *c)
{
	c[B_ID] = (struct tui_col){"border", NULL, id_width, 0, false, false, 0, NULL};
	for (int m = 0; m < M_COUNT; m++)
		for (int win = 0; win < WIN_COUNT; win++) {
			bool money = m == M_BRIBES || m == M_TARIFFS;
			int offset = win == (int)first ? 0 : win == WIN_ALL || first == WIN_ALL ? 6 : 12;

			c[COL(m, win)] = (struct tui_col){win_head[win], group[m],
							   money ? (win == WIN_TODAY ? 8 : 9) : (win == WIN_TODAY ? 5 : 6),
							   measure_prio[m] + offset, true, false, 0, win_abbr[win]};
		}
	c[B_RATE] = (struct tui_col){"seiz%", NULL, 5, 9, true, false, 0, NULL};
	c[B_TREND] = (struct tui_col){"tr", NULL, 2, 3, false, false, 0, NULL};
	c[B_MARK] = (struct tui_col){"crack", NULL, 5, 3, false, false, 0, NULL}; /* glyph + first day */
}

static int default_sort(const struct tui_app *a)
{
	return COL(M_TRAFFIC, a->border_window);
}

static int64_t cell_value(const struct smug_world *w, int c, int col)
{
	struct smug_border_day d;
	const struct smug_crackdown *k;

	if (col == B_RATE) {
		tui_border_window(w, c, WIN_RECENT, &d);
		return d.traffic ? (int64_t)d.seizures * 100000 / d.traffic : -1;
	}
	if (col == B_TREND) { /* no arrow (no traffic in 7 days) below any, as no rate is */
		int t = tui_border_trend(w, c);

		return t == 2 ? -2 : t;
	}
	if (col == B_MARK)
		return (k = smug_world_crackdown_on(w, c)) ? 1000000 - k->start_day : 0;
	if (col <= B_ID || col > COL(M_TARIFFS, WIN_ALL))
		return 0;
	tui_border_window(w, c, (enum tui_window)((col - 1) % WIN_COUNT), &d);
	switch ((col - 1) / WIN_COUNT) {
	case M_TRAFFIC: return d.traffic;
	case M_INSPECT: return d.inspections;
	case M_SEIZED: return d.seizures;
	case M_BRIBES: return d.bribes;
	default: return d.tariffs;
	}
}

struct sort_key {
	int corridor;
	int64_t v;
};

static int cmp_desc(const void *x, const void *y)
{
	const struct sort_key *a = x, *b = y;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return a->corridor - b->corridor;
}

static int cmp_asc(const void *x, const void *y)
{
	const struct sort_key *a = x, *b = y;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->corridor - b->corridor;
}

int *pane_borders_rows(struct tui_app *a, int *count)
{
	const struct smug_world *w = a->w;
	struct sort_key *k = tui_xmalloc((size_t)(w->n_corridors > 0 ? w->n_corridors : 1) * sizeof *k);
	int *out = tui_xmalloc((size_t)(w->n_corridors > 0 ? w->n_corridors : 1) * sizeof *out);
	int n = 0, col = a->border_sort >= 0 ? a->border_sort : default_sort(a);

	for (int c = 0; c < w->n_corridors; c++)
		if (w->corridors[c].border && (w->border_stats[c].traffic > 0 || smug_world_crackdown_on(w, c))) {
			k[n].corridor = c;
			k[n].v = col == B_ID ? -c : cell_value(w, c, col);
			n++;
		}
	qsort(k, (size_t)n, sizeof *k, a->border_desc ? cmp_desc : cmp_asc);
	for (int i = 0; i < n; i++)
		out[i] = k[i].corridor;
	free(k);
	*count = n;
	return out;
}

void pane_borders_move(struct tui_app *a, int delta)
{
	int n, i, *rows = pane_borders_rows(a, &n);

	for (i = 0; i < n && rows[i] != a->border; i++)
		;
	if (n > 0) {
		i = i == n ? 0 : i + delta;
		a->border = rows[i < 0 ? 0 : i >= n ? n - 1 : i];
	}
	free(rows);
}

void pane_borders_sort_changed(struct tui_app *a)
{
	a->border_top = 0; /* the draw scrolls down to the selection if it must */
}

void pane_borders_sort_step(struct tui_app *a, int delta)
{
	int cur = a->border_sort >= 0 ? a->border_sort : default_sort(a), at = 0;

	if (a->n_border_vis == 0)
		return;
	for (int i = 0; i < a->n_border_vis; i++)
		if (a->border_vis[i] == cur)
			at = i;
	at = (at + delta + a->n_border_vis) % a->n_border_vis;
	a->border_sort = a->border_vis[at];
	a->border_desc = a->border_sort != B_ID;
	pane_borders_sort_changed(a);
}

/* The crackdown mark: its glyph (A for the planner's) and the day it
 * started, or the glyph alone when the day does not fit. */
static void mark_text(const struct smug_world *w, const struct tui_glyphs *g, int c, int width, char *buf,
		      size_t size)
{
	const struct smug_crackdown *k = smug_world_crackdown_on(w, c);

	buf[0] = '\0';
	if (k == NULL)
		return;
	snprintf(buf, size, "%s%d", k->manual ? g->crackdown : "A", k->start_day);
	if (text_cols(buf) > width)
		snprintf(buf, size, "%s", k->manual ? g->crackdown : "A");
}

/* The selected border in full: id, wards, crackdown, chart. */
static void detail(struct tui_app *a, struct canvas *cv, int y)
{
	const struct smug_world *w = a->w;
	const struct smug_corridor *k = &w->corridors[a->border];
	const struct smug_ward *wa = &w->wards[w->nodes[k->a].ward], *wb = &w->wards[w->nodes[k->b].ward];
	const struct smug_crackdown *ck = smug_world_crackdown_on(w, a->border);
	char line[400];
	int at;

	at = snprintf(line, sizeof line, "%s: %s %s - %s %s", k->id, wa->id, wa->name, wb->id, wb->name);
	if (ck)
		snprintf(line + at, sizeof line - (size_t)at, "; crackdown %s from day %d%s, intensity %.2f",
			 ck->manual ? "(yours)" : "(planner)", ck->start_day, ck->end_day < 0 ? " until cleared" : "",
			 ck->intensity);
	canvas_wrap(cv, y, 0, cv->w, 1, ROLE_DIM, line);
}

void pane_borders_draw(struct tui_app *a, struct canvas *cv, bool focused)
{
	static const char *const win_names[] = {"today", "7 days", "all time"};
	const struct smug_world *w = a->w;
	const struct tui_glyphs *g = cv->th->g;
	int n, *rows = pane_borders_rows(a, &n), y, sel = -1, body, sort, idw = 6;
	struct tui_col cols[B_N];
	struct tui_table t;
	struct canvas in;
	char title[120];

	for (int i = 0; i < n; i++) { /* the id column as wide as the longest id */
		char id[96];

		tui_short_corridor(a, rows[i], id, sizeof id);
		if (text_cols(id) > idw)
			idw = text_cols(id);
	}
	columns(a->border_window, idw, cols);
	sort = a->border_sort >= 0 ? a->border_sort : default_sort(a);
	for (int i = 0; i < 256; i++)
		a->hit[PANE_BORDERS][i] = -1;
	canvas_clear(cv);
	snprintf(title, sizeof title, "3 Borders: %d with traffic, %s first", n, win_names[a->border_window]);
	if (text_cols(title) + 2 >= cv->w - 3) /* narrow: the short wording, whole */
		snprintf(title, sizeof title, "3 Borders: %d crossed, %s first", n, win_head[a->border_window]);
	canvas_box(cv, title, focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	table_fit(&t, cols, B_N, in.w);
	a->n_border_vis = t.n_vis;
	memcpy(a->border_vis, t.vis, sizeof t.vis);
	memcpy(a->border_vis_x, t.x, sizeof t.x);
	memcpy(a->border_vis_w, t.w, sizeof t.w);
	y = table_header(&in, 0, &t, sort, a->border_desc);
	for (int i = 0; i < y && i + 1 < 256; i++)
		a->hit[PANE_BORDERS][i + 1] = -2; /* the header: a click sorts */
	if (n == 0) {
		/* wrapped in a narrow pane (80x24), never cut */
		canvas_wrap(&in, y, 0, in.w, in.h - y, ROLE_DIM, "no border traffic yet: step a few days (. or n)");
		free(rows);
		return;
	}
	for (int i = 0; i < n; i++)
		if (rows[i] == a->border)
			sel = i;
	if (sel < 0) {
		sel = 0;
		a->border = rows[0];
	}
	body = in.h - y - 1; /* the last line is the detail */
	a->border_top = table_scroll(a->border_top, sel, body, n);
	for (int i = a->border_top; i < n && y < in.h - 1; i++, y++) {
		int c = rows[i];
		const struct smug_crackdown *k = smug_world_crackdown_on(w, c);
		enum tui_role r = i == sel ? (focused ? ROLE_SELECT : ROLE_FOCUS) : ROLE_NORMAL;
		char buf[48];
		int trend = tui_border_trend(w, c);

		canvas_fill_row(&in, y, 0, r);
		if (y + 1 < 256)
			a->hit[PANE_BORDERS][y + 1] = c;
		tui_short_corridor(a, c, buf, sizeof buf);
		table_cell(&in, y, &t, B_ID, r, buf);
		for (int col = COL(M_TRAFFIC, 0); col <= COL(M_TARIFFS, WIN_ALL); col++) {
			int m = (col - 1) / WIN_COUNT;
			int64_t v;

			if (table_pos(&t, col) < 0)
				continue;
			v = cell_value(w, c, col);
			if (m == M_BRIBES || m == M_TARIFFS)
				fmt_money(buf, sizeof buf, v, cols[col].width);
			else
				fmt_count(buf, sizeof buf, v, cols[col].width);
			table_cell(&in, y, &t, col, m == M_SEIZED && v > 0 && r == ROLE_NORMAL ? ROLE_BAD : r, buf);
		}
		if (table_pos(&t, B_RATE) >= 0) {
			int64_t v = cell_value(w, c, B_RATE);

			if (v >= 0)
				snprintf(buf, sizeof buf, "%.1f", (double)v / 1000.0);
			else
				snprintf(buf, sizeof buf, "-");
			table_cell(&in, y, &t, B_RATE, r, buf);
		}
		table_cell(&in, y, &t, B_TREND, r == ROLE_NORMAL && trend == 1 ? ROLE_WARN : r,
			   trend == 1 ? g->up : trend == -1 ? g->down : trend == 0 ? g->flat : "");
		mark_text(w, g, c, cols[B_MARK].width, buf, sizeof buf);
		table_cell(&in, y, &t, B_MARK, k && r == ROLE_NORMAL ? ROLE_CRACKDOWN : r, buf);
	}
	detail(a, &in, in.h - 1);
	free(rows);
}

void pane_borders_click(struct tui_app *a, int y, int x)
{
	if (y < 0 || y >= 256)
		return;
	if (a->hit[PANE_BORDERS][y] >= 0) {
		a->border = a->hit[PANE_BORDERS][y];
	} else if (a->hit[PANE_BORDERS][y] == -2) {
		for (int i = 0; i < a->n_border_vis; i++)
			if (x - 1 >= a->border_vis_x[i] && x - 1 <= a->border_vis_x[i] + a->border_vis_w[i]) {
				if (a->border_vis[i] == (a->border_sort >= 0 ? a->border_sort : default_sort(a)))
					a->border_desc = !a->border_desc;
				else
					a->border_sort = a->border_vis[i];
				pane_borders_sort_changed(a);
			}
	}
}
