/* Borders pane: the ward map drawn from the scenario's positions (rings
 * around the Well) with every border marked at its midpoint by the
 * chosen heat measure (glyph and colour, crackdowns with their own
 * mark), and beside it a sortable table of customs stats per border. */
#include <stdio.h>
#include <stdlib.h>

#include "tui/tui.h"

#define TABLE_MAX 512

static int64_t measure(const struct smug_world *w, int c, int which)
{
	const struct smug_border_stats *b = &w->border_stats[c];

	return which == 0 ? b->traffic : which == 1 ? b->seizures : b->bribes;
}

/* Row a goes before row b: larger measure first, then corridor id. */
static bool row_before(const struct tui_app *app, int a, int b)
{
	int64_t ma = measure(app->w, a, app->border_sort), mb = measure(app->w, b, app->border_sort);

	return ma != mb ? ma > mb : a < b;
}

int pane_borders_rows(const struct tui_app *a, int *out, int max)
{
	int n = 0;

	for (int c = 0; c < a->w->n_corridors && n < max; c++)
		if (a->w->corridors[c].border &&
		    (a->w->border_stats[c].traffic > 0 || smug_world_crackdown_on(a->w, c)))
			out[n++] = c;
	for (int i = 1; i < n; i++) { /* insertion sort: a few hundred rows */
		int v = out[i], j = i;

		while (j > 0 && row_before(a, v, out[j - 1])) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = v;
	}
	return n;
}

/* Heat level 0..3 of a border under the chosen measure. */
static int heat_level(const struct tui_app *a, int c, double max)
{
	const struct smug_border_stats *b = &a->w->border_stats[c];
	double v = a->heat == HEAT_TRAFFIC   ? (double)b->traffic
		   : a->heat == HEAT_SEIZURES ? (b->traffic ? (double)b->seizures / (double)b->traffic : 0)
					      : (double)b->bribes;
	int l = max > 0 ? (int)(4.0 * v / max) : 0;

	return l > 3 ? 3 : l;
}

static void draw_map(const struct tui_app *a, struct canvas *m)
{
	const struct smug_world *w = a->w;
	const struct tui_glyphs *g = m->th->g;
	double minx = 0, maxx = 0, miny = 0, maxy = 0, hmax = 0;

	for (int i = 0; i < w->n_wards; i++) {
		const double *p = w->wards[i].pos;

		if (i == 0 || p[0] < minx) minx = p[0];
		if (i == 0 || p[0] > maxx) maxx = p[0];
		if (i == 0 || p[1] < miny) miny = p[1];
		if (i == 0 || p[1] > maxy) maxy = p[1];
	}
	if (maxx - minx < 1e-9) maxx = minx + 1;
	if (maxy - miny < 1e-9) maxy = miny + 1;
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_border_stats *b = &w->border_stats[c];
		double v = a->heat == HEAT_TRAFFIC   ? (double)b->traffic
			   : a->heat == HEAT_SEIZURES ? (b->traffic ? (double)b->seizures / (double)b->traffic : 0)
						      : (double)b->bribes;

		if (w->corridors[c].border && v > hmax)
			hmax = v;
	}
#define MX(px) ((int)(((px)-minx) / (maxx - minx) * (m->w - 3) + 0.5))
#define MY(py) ((int)(((maxy - (py)) / (maxy - miny)) * (m->h - 1) + 0.5))
	canvas_text(m, MY((miny + maxy) / 2), MX((minx + maxx) / 2), ROLE_TITLE, g->well);
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		const double *pa = w->wards[w->nodes[k->a].ward].pos, *pb = w->wards[w->nodes[k->b].ward].pos;
		int x = (MX(pa[0]) + MX(pb[0])) / 2 + 1, y = (MY(pa[1]) + MY(pb[1])) / 2, l;

		if (!k->border || w->border_stats[c].traffic == 0) {
			if (k->border && !smug_world_crackdown_on(w, c))
				continue;
		}
		if (smug_world_crackdown_on(w, c)) {
			canvas_text(m, y, x, ROLE_CRACKDOWN, g->crackdown);
			continue;
		}
		l = heat_level(a, c, hmax);
		canvas_text(m, y, x, (enum tui_role)(ROLE_HEAT0 + l), g->heat[l]);
	}
	for (int i = 0; i < w->n_wards; i++) {
		const struct smug_ward *wa = &w->wards[i];
		const char *label = wa->id;

		for (const char *p = wa->id; *p; p++)
			if (*p == ':')
				label = p + 1;
		canvas_printf(m, MY(wa->pos[1]), MX(wa->pos[0]), ROLE_WARD, "%.2s", label);
	}
#undef MX
#undef MY
}

void pane_borders_draw(const struct tui_app *a, struct canvas *cv, bool focused)
{
	static const char *const heat_names[] = {"traffic", "seizure rate", "bribes"};
	static const char *const sort_names[] = {"traffic", "seizures", "bribes"};
	const struct smug_world *w = a->w;
	int rows[TABLE_MAX], n = pane_borders_rows(a, rows, TABLE_MAX);
	int map_w = cv->w >= 100 ? cv->w / 2 : cv->w * 2 / 5, first;
	struct canvas map, tab;
	char title[96];

	canvas_clear(cv);
	snprintf(title, sizeof title, "Borders: map by %s, table by %s", heat_names[a->heat],
		 sort_names[a->border_sort]);
	canvas_box(cv, title, focused);
	map = canvas_sub(cv, 1, 1, cv->h - 2, map_w);
	tab = canvas_sub(cv, 1, map_w + 2, cv->h - 2, cv->w - map_w - 3);
	draw_map(a, &map);
	canvas_printf(&tab, 0, 0, ROLE_DIM, "%-13s %5s %4s %4s %3s %8s", "border", "trafc", "chk", "insp",
		      "sez", "bribes");
	first = a->border_sel - (tab.h - 2) + 1;
	if (first < 0)
		first = 0;
	for (int i = first, y = 1; i < n && y < tab.h; i++, y++) {
		const struct smug_border_stats *b = &w->border_stats[rows[i]];
		const struct smug_crackdown *k = smug_world_crackdown_on(w, rows[i]);
		enum tui_role r = focused && i == a->border_sel ? ROLE_SELECT : k ? ROLE_CRACKDOWN : ROLE_NORMAL;
		char br[32];

		smug_money_format(b->bribes, br, sizeof br);
		canvas_fill_row(&tab, y, 0, r);
		canvas_printf(&tab, y, 0, r, "%-13.13s %5lld %4lld %4lld %3lld %8.8s %s", w->corridors[rows[i]].id,
			      (long long)b->traffic, (long long)b->checks, (long long)b->inspections,
			      (long long)b->seizures, br,
			      k ? (k->manual ? tab.th->g->crackdown : "auto") : "");
	}
	if (n == 0)
		canvas_text(&tab, 1, 0, ROLE_DIM, "no border traffic yet");
}
