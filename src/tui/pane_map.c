/* The border map: wards at their scenario positions (rings around the
 * Well), each border a corridor line between its wards (box-drawing
 * glyphs, ASCII in the ASCII theme) with a mark of its own on the line
 * (parallel borders get marks at different places; a mark never covers
 * another), heat by glyph and colour over the last 7 days, crackdowns and
 * today's seizures in their own glyphs and colours, shipments in transit
 * drawn where they are on their corridor, and a legend that is always
 * there. Zooming centres on the selected border, so worlds of hundreds
 * of wards stay readable; the selection is the Borders table's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

enum occ { OCC_FREE, OCC_LINE, OCC_WARD, OCC_MARK, OCC_SHIP };

struct map {
	int h, w;
	double cx, cy, kx, ky; /* centre, cells per world unit */
	unsigned char *occ;
	int *wy, *wx;	       /* each ward's cell */
	int *ys, *xs, cap;     /* a line's cells, at most cap */
};

static int cell_x(const struct map *m, double x)
{
	return (int)lround(m->w / 2.0 + (x - m->cx) * m->kx);
}

/* Rows run 0 to h - 1, so the centre is (h - 1) / 2: the world's top
 * lands on row 0 and its bottom on row h - 1, not one row below the map. */
static int cell_y(const struct map *m, double y)
{
	return (int)lround((m->h - 1) / 2.0 - (y - m->cy) * m->ky);
}

static bool inside(const struct map *m, int y, int x)
{
	return y >= 0 && y < m->h && x >= 0 && x < m->w;
}

static void border_mid(const struct smug_world *w, int c, double *x, double *y)
{
	const double *pa = w->wards[w->nodes[w->corridors[c].a].ward].pos;
	const double *pb = w->wards[w->nodes[w->corridors[c].b].ward].pos;

	*x = (pa[0] + pb[0]) / 2;
	*y = (pa[1] + pb[1]) / 2;
}

/* Fit the world into h x w cells (a cell is about twice as tall as it
 * is wide), zoomed in 2^zoom times around the selection. */
static void map_frame(struct tui_app *a, struct map *m, int h, int w)
{
	const struct smug_world *sw = a->w;
	double minx = 0, maxx = 0, miny = 0, maxy = 0, k;

	for (int i = 0; i < sw->n_wards; i++) {
		const double *p = sw->wards[i].pos;

		if (i == 0 || p[0] < minx) minx = p[0];
		if (i == 0 || p[0] > maxx) maxx = p[0];
		if (i == 0 || p[1] < miny) miny = p[1];
		if (i == 0 || p[1] > maxy) maxy = p[1];
	}
	/* labels are up to 3 wide: keep two columns clear of the frame. A
	 * world in one row is fitted by its width alone (its height of 0
	 * gives an infinite bound), one in a column by its height, so either
	 * fills the map at any size, centred */
	k = fmin((w - 8) / (maxx - minx) / 2.0, (h - 1) / (maxy - miny));
	if (!isfinite(k))
		k = 1; /* every ward on one point, drawn at the centre */
	for (int z = 0; z < a->map_zoom; z++)
		k *= 2;
	m->h = h;
	m->w = w;
	m->ky = k;
	m->kx = 2 * k;
	m->cx = (minx + maxx) / 2;
	m->cy = (miny + maxy) / 2;
	if (a->map_zoom > 0 && a->border >= 0)
		border_mid(sw, a->border, &m->cx, &m->cy);
}

/* Cells of the line between two cells, ends excluded (Bresenham). */
static int line_cells(int y0, int x0, int y1, int x1, int *ys, int *xs, int max)
{
	int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1, dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
	int err = dx + dy, n = 0;

	for (;;) {
		int e2;

		if (y0 == y1 && x0 == x1)
			break;
		e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
		if ((y0 != y1 || x0 != x1) && n < max) {
			ys[n] = y0;
			xs[n] = x0;
			n++;
		}
	}
	return n;
}

static const char *line_glyph(const struct tui_glyphs *g, int dy, int dx)
{
	if (dy == 0)
		return g->line_h;
	if (dx == 0)
		return g->line_v;
	return (dy > 0) == (dx > 0) ? g->line_down : g->line_up;
}

static double heat_value(const struct tui_app *a, int c)
{
	struct smug_border_day d;

	tui_border_window(a->w, c, WIN_RECENT, &d);
	return a->heat == HEAT_TRAFFIC ? d.traffic
	       : a->heat == HEAT_SEIZURES ? (d.traffic ? (double)d.seizures / d.traffic : 0)
					  : (double)d.bribes;
}

/* Does border c have a mark: the Borders table's rows (traffic or a
 * crackdown). */
static bool marked(const struct tui_app *a, int c)
{
	const struct smug_world *w = a->w;

	return w->corridors[c].border && (w->border_stats[c].traffic > 0 || smug_world_crackdown_on(w, c) != NULL);
}

/* Is border c drawn as a line: the marked ones, and every border of a
 * small world or a zoomed-in map. */
static bool shown(const struct tui_app *a, int c)
{
	const struct smug_world *w = a->w;

	if (!w->corridors[c].border)
		return false;
	return w->n_wards <= 60 || a->map_zoom >= 2 || marked(a, c);
}

static void add_mark(struct tui_app *a, int c, int y, int x)
{
	if (a->n_marks == a->cap_marks) {
		a->cap_marks = a->cap_marks ? 2 * a->cap_marks : 256;
		a->marks = tui_xrealloc(a->marks, (size_t)a->cap_marks * sizeof *a->marks);
	}
	a->marks[a->n_marks++] = (struct tui_mark){c, y, x};
}

struct pair_key {
	int lo, hi, corridor;
};

static int cmp_pair(const void *x, const void *y)
{
	const struct pair_key *a = x, *b = y;

	if (a->lo != b->lo)
		return a->lo - b->lo;
	if (a->hi != b->hi)
		return a->hi - b->hi;
	return a->corridor - b->corridor;
}

/* Parallel borders: for each marked border, its index among the marked
 * borders joining the same two wards (idx) and how many there are (cnt). */
static void parallels(const struct tui_app *a, int *idx, int *cnt)
{
	const struct smug_world *w = a->w;
	struct pair_key *k = tui_xmalloc((size_t)(w->n_corridors ? w->n_corridors : 1) * sizeof *k);
	int n = 0;

	for (int c = 0; c < w->n_corridors; c++) {
		int wa = w->nodes[w->corridors[c].a].ward, wb = w->nodes[w->corridors[c].b].ward;

		if (marked(a, c))
			k[n++] = (struct pair_key){wa < wb ? wa : wb, wa < wb ? wb : wa, c};
	}
	qsort(k, (size_t)n, sizeof *k, cmp_pair);
	for (int i = 0; i < n;) {
		int j = i;

		while (j < n && k[j].lo == k[i].lo && k[j].hi == k[i].hi)
			j++;
		for (int t = i; t < j; t++) {
			idx[k[t].corridor] = t - i;
			cnt[k[t].corridor] = j - i;
		}
		i = j;
	}
	free(k);
}

/* The cells of the line between wards wa and wb, into m->ys and m->xs. */
static int ward_line(struct map *m, int wa, int wb)
{
	return line_cells(m->wy[wa], m->wx[wa], m->wy[wb], m->wx[wb], m->ys, m->xs, m->cap);
}

/* 1. the corridor lines */
static void map_lines(struct tui_app *a, struct canvas *cv, struct map *m)
{
	const struct smug_world *w = a->w;

	for (int c = 0; c < w->n_corridors; c++) {
		int wa = w->nodes[w->corridors[c].a].ward, wb = w->nodes[w->corridors[c].b].ward, n;

		if (!shown(a, c))
			continue;
		n = ward_line(m, wa, wb);
		for (int i = 0; i < n; i++) {
			int py = i ? m->ys[i - 1] : m->wy[wa], px = i ? m->xs[i - 1] : m->wx[wa];

			if (!inside(m, m->ys[i], m->xs[i]))
				continue;
			canvas_text(cv, m->ys[i], m->xs[i], ROLE_LINE,
				    line_glyph(cv->th->g, m->ys[i] - py, m->xs[i] - px));
			m->occ[m->ys[i] * m->w + m->xs[i]] = OCC_LINE;
		}
	}
}

/* 2. the Well, at the wards' centre */
static void map_well(struct tui_app *a, struct canvas *cv, struct map *m)
{
	const struct smug_world *w = a->w;
	int y = m->h / 2, x = m->w / 2;
	double sx = 0, sy = 0;

	for (int i = 0; i < w->n_wards; i++) {
		sx += w->wards[i].pos[0];
		sy += w->wards[i].pos[1];
	}
	if (w->n_wards) {
		y = cell_y(m, sy / w->n_wards);
		x = cell_x(m, sx / w->n_wards);
	}
	if (inside(m, y, x) && m->occ[y * m->w + x] != OCC_WARD) {
		canvas_text(cv, y, x, ROLE_TITLE, cv->th->g->well);
		m->occ[y * m->w + x] = OCC_WARD;
	}
}

/* 2. the wards: a label, or a dot where the label would overlap another */
static void map_wards(struct tui_app *a, struct canvas *cv, struct map *m)
{
	const struct smug_world *w = a->w;

	for (int i = 0; i < w->n_wards; i++) {
		const char *id = tui_short_ward(a, i);
		int n, x0, wy = m->wy[i], wx = m->wx[i];
		char label[SMUG_ID_MAX];
		bool free_cells = true;

		/* without the end every ward id shares ("23" for "ward:23-district") */
		snprintf(label, sizeof label, "%.*s", tui_id_core(id, a->ward_suffix), id);
		n = text_cols(label);
		x0 = wx - (n - 1) / 2;
		for (int k = -1; k <= n; k++)
			if (inside(m, wy, x0 + k) && m->occ[wy * m->w + x0 + k] == OCC_WARD)
				free_cells = false;
		if (free_cells && x0 >= 1 && x0 + n <= m->w - 1 && wy >= 0 && wy < m->h) {
			canvas_text(cv, wy, x0, ROLE_WARD, label);
			for (int k = 0; k < n; k++)
				m->occ[wy * m->w + x0 + k] = OCC_WARD;
		} else if (inside(m, wy, wx) && m->occ[wy * m->w + wx] != OCC_WARD) {
			canvas_text(cv, wy, wx, ROLE_WARD, cv->th->g->ward);
			m->occ[wy * m->w + wx] = OCC_WARD;
		}
	}
}

/* 3. shipments on their corridors, as far along as they have travelled */
static void map_shipments(struct tui_app *a, struct canvas *cv, struct map *m)
{
	const struct smug_world *w = a->w;

	for (int i = 0; i < w->n_shipments; i++) {
		const struct smug_shipment *s = smug_shipment_in_transit(w, i);
		int c, n, at;
		double done;

		if (s->hop >= s->n_nodes - 1)
			continue;
		c = s->corridors[s->hop];
		if (!shown(a, c))
			continue;
		n = ward_line(m, w->nodes[s->nodes[s->hop]].ward, w->nodes[s->nodes[s->hop + 1]].ward);
		if (n == 0)
			continue;
		done = 1.0 - ((double)s->days_left - 0.5) / w->corridors[c].travel_days;
		at = (int)(done * n);
		at = at < 0 ? 0 : at >= n ? n - 1 : at;
		if (inside(m, m->ys[at], m->xs[at]) && m->occ[m->ys[at] * m->w + m->xs[at]] == OCC_LINE) {
			canvas_text(cv, m->ys[at], m->xs[at], ROLE_SHIPMENT, cv->th->g->shipment);
			m->occ[m->ys[at] * m->w + m->xs[at]] = OCC_SHIP;
		}
	}
}

static bool mark_fits(const struct map *m, int y, int x)
{
	return inside(m, y, x) && m->occ[y * m->w + x] != OCC_WARD && m->occ[y * m->w + x] != OCC_MARK;
}

/* Where border c's mark goes: the cell of its line nearest the place
 * its rank among its parallels (par_idx of par_cnt) asks for, else a
 * cell next to a short line; false when there is none. */
static bool mark_cell(const struct tui_app *a, struct map *m, int c, int par_idx, int par_cnt, int *y_out,
		      int *x_out)
{
	const struct smug_world *w = a->w;
	int wa = w->nodes[w->corridors[c].a].ward, wb = w->nodes[w->corridors[c].b].ward;
	int n = ward_line(m, wa, wb), want = n > 0 ? (int)((double)(par_idx + 1) / (par_cnt + 1) * n) : 0;

	for (int d = 0; d < n; d++)
		for (int sgn = 1; sgn >= -1; sgn -= 2) {
			int i = want + sgn * d;

			if (i >= 0 && i < n && mark_fits(m, m->ys[i], m->xs[i])) {
				*y_out = m->ys[i];
				*x_out = m->xs[i];
				return true;
			}
		}
	/* a short line: next to it (want < n, as a marked border's index
	 * among its parallels is below their count) */
	for (int dy = -1; dy <= 1; dy++)
		for (int dx = -1; dx <= 1; dx++) {
			int y = (n ? m->ys[want] : (m->wy[wa] + m->wy[wb]) / 2) + dy;
			int x = (n ? m->xs[want] : (m->wx[wa] + m->wx[wb]) / 2) + dx;

			if (mark_fits(m, y, x)) {
				*y_out = y;
				*x_out = x;
				return true;
			}
		}
	return false;
}

/* 4. a mark per border, never over another mark or a ward: a crackdown,
 * today's seizures, else the heat against the hottest (hmax) */
static void map_marks(struct tui_app *a, struct canvas *cv, struct map *m)
{
	const struct smug_world *w = a->w;
	const struct tui_glyphs *g = cv->th->g;
	int n = w->n_corridors ? w->n_corridors : 1;
	int *par_idx = tui_xcalloc((size_t)n, sizeof *par_idx), *par_cnt = tui_xcalloc((size_t)n, sizeof *par_cnt);
	double hmax = 0;

	parallels(a, par_idx, par_cnt);
	for (int c = 0; c < w->n_corridors; c++)
		if (marked(a, c) && heat_value(a, c) > hmax)
			hmax = heat_value(a, c);
	for (int c = 0; c < w->n_corridors; c++) {
		int y, x;
		enum tui_role r;
		const char *glyph;

		if (!marked(a, c) || !mark_cell(a, m, c, par_idx[c], par_cnt[c], &y, &x))
			continue;
		m->occ[y * m->w + x] = OCC_MARK;
		add_mark(a, c, y, x);
		if (smug_world_crackdown_on(w, c)) {
			r = ROLE_CRACKDOWN;
			glyph = g->crackdown;
		} else if (w->border_stats[c].seizures_today > 0) {
			r = ROLE_BAD;
			glyph = g->flash;
		} else {
			int l = hmax > 0 ? (int)(4.0 * heat_value(a, c) / hmax) : 0;

			l = l > 3 ? 3 : l;
			r = (enum tui_role)(ROLE_HEAT0 + l);
			glyph = g->heat[l];
		}
		canvas_text(cv, y, x, c == a->border ? ROLE_SELECT : r, glyph);
	}
	free(par_idx);
	free(par_cnt);
}

static void map_draw(struct tui_app *a, struct canvas *cv)
{
	const struct smug_world *w = a->w;
	struct map m;

	map_frame(a, &m, cv->h, cv->w);
	m.occ = tui_xcalloc((size_t)m.h * (size_t)m.w + 1, 1);
	m.cap = 4 * (cv->h + cv->w) + 8;
	m.ys = tui_xmalloc((size_t)m.cap * sizeof *m.ys);
	m.xs = tui_xmalloc((size_t)m.cap * sizeof *m.xs);
	m.wy = tui_xmalloc((size_t)w->n_wards * sizeof *m.wy); /* a world has a ward */
	m.wx = tui_xmalloc((size_t)w->n_wards * sizeof *m.wx);
	a->n_marks = 0;
	for (int i = 0; i < w->n_wards; i++) {
		m.wy[i] = cell_y(&m, w->wards[i].pos[1]);
		m.wx[i] = cell_x(&m, w->wards[i].pos[0]);
	}
	map_lines(a, cv, &m);
	map_well(a, cv, &m);
	map_wards(a, cv, &m);
	map_shipments(a, cv, &m);
	map_marks(a, cv, &m);
	free(m.occ);
	free(m.ys);
	free(m.xs);
	free(m.wy);
	free(m.wx);
}

const char *pane_map_heat_name(enum tui_heat h)
{
	static const char *const heat_names[HEAT_COUNT] = {"traffic", "seizure rate", "bribes"};

	return heat_names[h];
}

/* The legend: always one row, its parts dropped by priority. */
static void legend(struct tui_app *a, struct canvas *cv, int y)
{
	const struct tui_glyphs *g = cv->th->g;
	char heat[64], rest[3][48], sel[96] = "";
	int x = 0, need;

	snprintf(heat, sizeof heat, "%s%s%s%s %s 7d", g->heat[0], g->heat[1], g->heat[2], g->heat[3],
		 pane_map_heat_name(a->heat));
	snprintf(rest[0], sizeof rest[0], "  %s crackdown", g->crackdown);
	snprintf(rest[1], sizeof rest[1], "  %s seized today", g->flash);
	snprintf(rest[2], sizeof rest[2], "  %s shipment", g->shipment);
	if (a->border >= 0) {
		char id[64];

		tui_short_corridor(a, a->border, id, sizeof id);
		snprintf(sel, sizeof sel, "  [%s]", id);
	}
	canvas_fill_row(cv, y, 0, ROLE_NORMAL);
	need = text_cols(heat) + text_cols(rest[0]);
	if (need > cv->w) { /* the narrowest legend: glyphs and one word each */
		snprintf(heat, sizeof heat, "%s%s%s%s heat", g->heat[0], g->heat[1], g->heat[2], g->heat[3]);
		snprintf(rest[0], sizeof rest[0], " %s crack", g->crackdown);
		snprintf(rest[1], sizeof rest[1], " %s seized", g->flash);
		snprintf(rest[2], sizeof rest[2], " %s ship", g->shipment);
	}
	x += canvas_text(cv, y, x, ROLE_DIM, heat);
	for (int i = 0; i < 3; i++)
		if (x + text_cols(rest[i]) <= cv->w)
			x += canvas_text(cv, y, x, i == 0 ? ROLE_CRACKDOWN : i == 1 ? ROLE_BAD : ROLE_SHIPMENT, rest[i]);
	if (sel[0] && x + text_cols(sel) <= cv->w)
		canvas_text(cv, y, x, ROLE_FOCUS, sel);
}

static void map_with_legend(struct tui_app *a, struct canvas *in)
{
	struct canvas m = canvas_sub(in, 0, 0, in->h - 1, in->w);

	map_draw(a, &m);
	/* marks are stored in the pane's own coordinates */
	legend(a, in, in->h - 1);
}

void pane_map_draw(struct tui_app *a, struct canvas *cv, bool focused)
{
	static const char *const zooms[] = {"", ", zoom x2", ", zoom x4", ", zoom x8", ", zoom x16"};
	char title[96];
	struct canvas in;

	canvas_clear(cv);
	snprintf(title, sizeof title, "4 Map%s", zooms[a->map_zoom]);
	canvas_box(cv, title, focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	if (in.h < 3)
		return;
	map_with_legend(a, &in);
	for (int i = 0; i < a->n_marks; i++) { /* into pane coordinates for the mouse */
		a->marks[i].y += 1;
		a->marks[i].x += 1;
	}
}

/* An arrow on a map without a mark to go to: the status says why (no
 * border has a mark yet, at day 0 or rewound there; or none is in view
 * at this zoom), where the key would otherwise do nothing unseen. */
static void no_mark_to_select(struct tui_app *a)
{
	for (int c = 0; c < a->w->n_corridors; c++)
		if (marked(a, c)) {
			tui_set_status(a, "no border's mark in view at this zoom: Z zooms out");
			return;
		}
	tui_set_status(a, "no border to select yet: none has traffic or a crackdown; . steps a day");
}

void pane_map_step(struct tui_app *a, int dy, int dx)
{
	int from = -1, best = -1;
	long best_score = 0;

	for (int i = 0; i < a->n_marks; i++)
		if (a->marks[i].corridor == a->border)
			from = i;
	if (from < 0) {
		if (a->n_marks > 0)
			a->border = a->marks[0].corridor;
		else
			no_mark_to_select(a);
		return;
	}
	for (int i = 0; i < a->n_marks; i++) {
		int ddy = a->marks[i].y - a->marks[from].y, ddx = a->marks[i].x - a->marks[from].x;
		long along = dy ? (long)ddy * dy : (long)ddx * dx, across = dy ? labs(ddx) : labs(ddy);
		long score;

		if (i == from || along <= 0)
			continue;
		/* rows are about twice as tall as columns are wide */
		score = dy ? 2 * along + across : along + 2 * across;
		if (best < 0 || score < best_score || (score == best_score && a->marks[i].corridor < a->marks[best].corridor)) {
			best = i;
			best_score = score;
		}
	}
	if (best >= 0)
		a->border = a->marks[best].corridor;
}

/* Mouse: the nearest mark within a few cells. */
static void map_click(struct tui_app *a, int y, int x)
{
	int best = -1;
	long best_d = 0;

	for (int i = 0; i < a->n_marks; i++) {
		long d = 4L * labs(a->marks[i].y - y) * labs(a->marks[i].y - y) +
			 labs(a->marks[i].x - x) * labs(a->marks[i].x - x);

		if (best < 0 || d < best_d) {
			best = i;
			best_d = d;
		}
	}
	if (best >= 0 && best_d <= 16)
		a->border = a->marks[best].corridor;
}

void view_map_draw(struct tui_app *a, struct canvas *cv)
{
	char title[300];
	struct canvas in;

	canvas_clear(cv);
	snprintf(title, sizeof title, "Map of %s, zoom x%d", a->w->scenario_name, 1 << a->map_zoom);
	canvas_box(cv, title, true);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	if (in.h < 3)
		return;
	map_with_legend(a, &in);
	for (int i = 0; i < a->n_marks; i++) { /* into screen-body coordinates */
		a->marks[i].y += 1;
		a->marks[i].x += 1;
	}
}

bool view_map_key(struct tui_app *a, int action, int key)
{
	(void)key;
	switch (action) {
	case ACT_UP: pane_map_step(a, -1, 0); return true;
	case ACT_DOWN: pane_map_step(a, 1, 0); return true;
	case ACT_LEFT: pane_map_step(a, 0, -1); return true;
	case ACT_RIGHT: pane_map_step(a, 0, 1); return true;
	case ACT_ZOOM_IN: if (a->map_zoom < 4) a->map_zoom++; return true;
	case ACT_ZOOM_OUT: if (a->map_zoom > 0) a->map_zoom--; return true;
	case ACT_HEAT: a->heat = (enum tui_heat)((a->heat + 1) % HEAT_COUNT); return true;
	case ACT_CRACKDOWN: tui_toggle_crackdown(a); return true;
	default: return false;
	}
}

void pane_map_click(struct tui_app *a, int y, int x)
{
	map_click(a, y, x);
}
