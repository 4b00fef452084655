/* Routes pane: the selected faction's decisions of the last simulated
 * day (commodity, source > demand, hops, borders, score, margin over the
 * runner-up, status), identical decisions folded into one row with a
 * count; with room below, the selected decision's margin and what would
 * flip it, each in the longest wording that fits whole. Enter opens the
 * why view. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

enum { R_COM, R_LANE, R_COUNT, R_HOPS, R_BRD, R_VALUE, R_SCORE, R_MARGIN, R_STATUS, R_N };

enum { LANE_MAX = 13 };

static const struct tui_col cols[R_N] = {
	[R_COM] = {"commodity", NULL, 9, 0, false, true, 0, NULL},
	[R_LANE] = {"src>dst", NULL, 7, 0, false, false, 0, NULL},
	[R_COUNT] = {"n", NULL, 2, 6, true, false, 0, NULL},
	[R_HOPS] = {"hops", NULL, 4, 4, true, false, 0, NULL},
	[R_BRD] = {"brd", NULL, 3, 5, true, false, 0, NULL},
	[R_VALUE] = {"cargo", NULL, 9, 7, true, false, 0, NULL},
	[R_SCORE] = {"score", NULL, 8, 2, true, false, 0, NULL},
	[R_MARGIN] = {"margin", NULL, 8, 3, true, false, 0, NULL},
	[R_STATUS] = {"status", NULL, 9, 1, false, true, 0, NULL},
};

static bool same_decision(const struct smug_decision *x, const struct smug_decision *y)
{
	return x->faction == y->faction && x->commodity == y->commodity && x->src_ward == y->src_ward &&
	       x->dst_ward == y->dst_ward && x->route_len == y->route_len &&
	       memcmp(x->route, y->route, (size_t)x->route_len * sizeof x->route[0]) == 0 &&
	       strcmp(x->skipped, y->skipped) == 0 && x->explore == y->explore;
}

/* Rows: the first decision of each group of identical ones, and the
 * group's size. */
static int rows_of(const struct tui_app *a, int *first, int *count, int max)
{
	const struct smug_world *w = a->w;
	int n = 0;

	for (int i = 0; i < w->n_decisions; i++) {
		int j;

		if (w->decisions[i].faction != a->faction)
			continue;
		for (j = 0; j < n && !same_decision(&w->decisions[first[j]], &w->decisions[i]); j++)
			;
		if (j < n) {
			count[j]++;
		} else if (n < max) {
			first[n] = i;
			count[n++] = 1;
		}
	}
	return n;
}

/* A decision's status in a word or two (the why view has the sentence). */
static const char *status_short(const struct smug_decision *d)
{
	static const struct {
		const char *prefix, *word;
	} words[] = {
		{"expected loss and cost", "too risky"}, {"cannot afford", "no money"},
		{"too many shipments", "at cap"},	  {"no route", "no route"},
		{"no source", "no source"},		  {"no demand", "no demand"},
		{"cargo purchase", "no cargo"},
	};

	if (d->skipped[0] == '\0')
		return d->explore ? "explored" : "sent";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(d->skipped, words[i].prefix, strlen(words[i].prefix)) == 0)
			return words[i].word;
	return d->skipped;
}

int pane_routes_decision(const struct tui_app *a)
{
	int first[SMUG_SHIPMENTS_PER_DAY_MAX], count[SMUG_SHIPMENTS_PER_DAY_MAX];
	int n = rows_of(a, first, count, SMUG_SHIPMENTS_PER_DAY_MAX);

	if (n == 0)
		return -1;
	return first[a->route_sel < 0 ? 0 : a->route_sel >= n ? n - 1 : a->route_sel];
}

int pane_routes_rows(const struct tui_app *a)
{
	int first[SMUG_SHIPMENTS_PER_DAY_MAX], count[SMUG_SHIPMENTS_PER_DAY_MAX];

	return rows_of(a, first, count, SMUG_SHIPMENTS_PER_DAY_MAX);
}

void tui_margin_bar(struct canvas *cv, int y, int x, int width, const struct smug_decision *d,
		    const struct smug_explanation *ex)
{
	const struct tui_glyphs *g = cv->th->g;
	double v = (double)d->value, win, run = -1;
	int fill, mark = -1;

	if (width < 4 || d->winner < 0 || v <= 0)
		return;
	win = ex->cand[d->winner].expected_loss + ex->cand[d->winner].expected_cost;
	if (d->runner >= 0)
		run = ex->cand[d->runner].expected_loss + ex->cand[d->runner].expected_cost;
	fill = (int)(win / v * width + 0.5);
	if (run >= 0)
		mark = (int)(run / v * width + 0.5);
	for (int i = 0; i < width; i++) {
		bool in = i < fill;

		if (i == mark || (mark >= width && i == width - 1))
			canvas_text(cv, y, x + i, ROLE_WARN, g->mark);
		else
			canvas_text(cv, y, x + i, in ? ROLE_BAD : ROLE_GOOD, in ? g->bar_full : g->bar_empty);
	}
}

/* The first of n texts that canvas_wrap shows whole in `rows` rows, or
 * none; returns the rows used. */
static int wrap_first(struct canvas *in, int y, int rows, enum tui_role r, const char *const *texts, int n)
{
	for (int i = 0; i < n; i++)
		if (texts[i][0] && canvas_wrap_rows(in->w, texts[i]) <= rows)
			return canvas_wrap(in, y, 0, in->w, rows, r, texts[i]);
	return 0;
}

/* What would flip the decision, the longest wording first: the core's
 * sentence, then with short names, then without the candidate, then
 * the threshold alone; a figure is never left without its label. */
static int flip_line(const struct tui_app *a, struct canvas *in, int y, const struct smug_explanation *ex)
{
	char text[4][200], id[64];
	const char *what = ex->flip_cost ? "cost_est" : "risk_est";

	if (ex->flip_corridor < 0) { /* "no single estimate change flips it (margin 293)" */
		const char *none = ex->runner >= 0 ? "no single estimate change flips it" : "";

		return wrap_first(in, y, in->h - y, ROLE_NORMAL, (const char *const[]){ex->flip, none}, 2);
	}
	tui_short_corridor(a, ex->flip_corridor, id, sizeof id);
	snprintf(text[0], sizeof text[0], "%s", ex->flip);
	snprintf(text[1], sizeof text[1], "%s of %s from %.3f to %.3f flips to #%d", what, id, ex->flip_from,
		 ex->flip_to, ex->runner + 1);
	snprintf(text[2], sizeof text[2], "%s %s %.3f to %.3f flips it", id, what, ex->flip_from, ex->flip_to);
	snprintf(text[3], sizeof text[3], "flips at %s %s %.3f", id, what, ex->flip_to);
	return wrap_first(in, y, in->h - y, ROLE_NORMAL, (const char *const[]){text[0], text[1], text[2], text[3]}, 4);
}

/* The rows a click can select: under the table's heads (two rows at
 * most) at most SMUG_SHIPMENTS_PER_DAY_MAX rows, each with its line of
 * the pane's hit map, whatever the pane's height. */
_Static_assert(2 + SMUG_SHIPMENTS_PER_DAY_MAX + 1 < 256, "a route row's pane line fits the hit map");

/* The box's title: the faction and the day of its decisions; without
 * decisions, or too narrow for the day (canvas_box would cut it to
 * "day …"; the header names the day), the faction alone; with no
 * faction, the pane's name alone. */
static void routes_title(const struct tui_app *a, const struct canvas *cv, char *title, size_t size)
{
	const struct smug_world *w = a->w;

	if (a->faction < 0) {
		snprintf(title, size, "2 Routes");
	} else {
		snprintf(title, size, "2 Routes of %s, day %d", w->factions[a->faction].id, w->decisions_day);
		if (w->n_decisions == 0 || text_cols(title) + 2 > cv->w - 3)
			snprintf(title, size, "2 Routes of %s", w->factions[a->faction].id);
	}
}

/* No rows: why, and (before the first day) what to press. */
static void draw_no_routes(const struct tui_app *a, struct canvas *in)
{
	const struct smug_world *w = a->w;

	if (a->faction < 0) { /* no faction runs a network: no routes to show, ever */
		canvas_fit(in, 0, 0, in->w, ROLE_DIM, "no smuggling factions", false);
	} else if (w->day == w->start_day) {
		int y = 1;

		/* wrapped in a narrow pane (80x24), never cut: every key named */
		canvas_fit(in, 0, 0, in->w, ROLE_WARN, "Nothing simulated yet.", false);
		y += canvas_wrap(in, y, 0, in->w, in->h - y, ROLE_NORMAL, "Press . to step a day, n to step N days,");
		canvas_wrap(in, y, 0, in->w, in->h - y, ROLE_NORMAL, "Space to run; ? lists every key.");
	} else {
		canvas_fit(in, 0, 0, in->w, ROLE_DIM, "no decisions of this faction on the last day", false);
	}
}

/* One decision's row (count: how many identical ones it stands for). */
static void route_row(struct tui_app *a, struct canvas *in, int y, const struct tui_table *t,
		      const struct smug_decision *d, int count, enum tui_role r)
{
	const char *src, *dst;
	char buf[128];

	canvas_fill_row(in, y, 0, r);
	table_cell(in, y, t, R_COM, r, tui_commodity_short((int)d->commodity));
	src = d->src_ward >= 0 ? tui_short_ward(a, d->src_ward) : "-";
	dst = d->dst_ward >= 0 ? tui_short_ward(a, d->dst_ward) : "-";
	/* both ends shortened rather than the demand ward cut off */
	if (table_pos(t, R_LANE) < 0 ||
	    !tui_two_ids_fit(a, src, ">", dst, a->ward_suffix, t->w[table_pos(t, R_LANE)], buf, sizeof buf))
		snprintf(buf, sizeof buf, "%s>%s", src, dst);
	table_cell(in, y, t, R_LANE, r, buf);
	if (count > 1) {
		snprintf(buf, sizeof buf, "x%d", count);
		table_cell(in, y, t, R_COUNT, r, buf);
	}
	fmt_money(buf, sizeof buf, d->value, cols[R_VALUE].width);
	table_cell(in, y, t, R_VALUE, r, buf);
	if (d->winner >= 0) {
		snprintf(buf, sizeof buf, "%d", d->route_len - 1);
		table_cell(in, y, t, R_HOPS, r, buf);
		snprintf(buf, sizeof buf, "%d", d->route_borders);
		table_cell(in, y, t, R_BRD, r, buf);
		/* the score of the route sent: an exploration pick's, not the winner's */
		fmt_money(buf, sizeof buf, (int64_t)((d->explore ? d->explore_score : d->winner_score) + 0.5),
			  cols[R_SCORE].width);
		table_cell(in, y, t, R_SCORE, r, buf);
		if (d->runner >= 0) {
			fmt_money(buf, sizeof buf, (int64_t)(d->margin + 0.5), cols[R_MARGIN].width);
			table_cell(in, y, t, R_MARGIN, r, buf);
		}
	}
	if (count > 1 && table_pos(t, R_COUNT) < 0 && table_pos(t, R_STATUS) >= 0) {
		/* no count column (below 200 columns): the status says how many
		 * decisions the row stands for ("sent x2"), the count kept whole
		 * when the status must shorten */
		int p = table_pos(t, R_STATUS), cw = t->w[p], sl;
		enum tui_role sr = d->skipped[0] && r == ROLE_NORMAL ? ROLE_WARN : r;

		snprintf(buf, sizeof buf, " x%d", count);
		sl = text_cols(buf);
		if (cw > sl) {
			int st = text_cols(status_short(d)) < cw - sl ? text_cols(status_short(d)) : cw - sl;

			canvas_fit(in, y, t->x[p], st, sr, status_short(d), false);
			canvas_text(in, y, t->x[p] + st, sr, buf);
			return;
		}
	}
	table_cell(in, y, t, R_STATUS, d->skipped[0] && r == ROLE_NORMAL ? ROLE_WARN : r, status_short(d));
}

/* Below the rows from y, when there is room: the selected decision's
 * margin, its bar, and what would flip it. */
static void draw_margin(struct tui_app *a, struct canvas *in, int y)
{
	const struct smug_world *w = a->w;
	int di;
	const struct smug_explanation *ex;
	const struct smug_decision *d;
	char m[40], v[40], line[200], brief[100], cargo[200], sent[40];
	bool own_row;
	int margin_rows;

	if (in->h - y < 4)
		return;
	ex = view_why_explanation(a, &di);
	if (!ex || di < 0 || w->decisions[di].winner < 0)
		return;
	d = &w->decisions[di];
	fmt_credits(m, sizeof m, (int64_t)(d->margin + 0.5));
	fmt_credits(v, sizeof v, d->value);
	/* an exploration pick was sent in the winner's place: which one */
	snprintf(sent, sizeof sent, "sent #%d (explored); ", d->chosen + 1);
	if (!d->explore || d->chosen == d->winner)
		sent[0] = '\0';
	snprintf(line, sizeof line, "%swinner #%d of %d, margin %s over #%d", sent, d->winner + 1, d->n_cand, m,
		 d->runner + 1);
	snprintf(brief, sizeof brief, "%smargin %s over #%d", sent, m, d->runner + 1);
	snprintf(cargo, sizeof cargo, "loss+cost of cargo %s:", v);
	own_row = in->w - text_cols(cargo) - 1 < 12; /* the bar on a row of its own */
	margin_rows = d->runner >= 0 && canvas_wrap_rows(in->w, line) <= 2 ? canvas_wrap_rows(in->w, line) : 1;
	/* a blank row first, unless the flip line would go for it (a short
	 * pane: the Factions pane's bribes row above at 80x24) */
	if (in->h - y > margin_rows + 1 + own_row + 1)
		y++;
	if (d->runner >= 0)
		y += wrap_first(in, y, 2, ROLE_TITLE, (const char *const[]){line, brief}, 2);
	else
		y += wrap_first(in, y, 2, ROLE_TITLE, (const char *const[]){"the only candidate"}, 1);
	canvas_text(in, y, 0, ROLE_DIM, cargo);
	if (own_row)
		y++;
	tui_margin_bar(in, y, own_row ? 0 : text_cols(cargo) + 1, own_row ? in->w : in->w - text_cols(cargo) - 1, d,
		       ex);
	y++;
	if (y < in->h)
		flip_line(a, in, y, ex);
}

void pane_routes_draw(struct tui_app *a, struct canvas *cv, bool focused)
{
	const struct smug_world *w = a->w;
	int first[SMUG_SHIPMENTS_PER_DAY_MAX], count[SMUG_SHIPMENTS_PER_DAY_MAX];
	int n = rows_of(a, first, count, SMUG_SHIPMENTS_PER_DAY_MAX), y, top, lane;
	struct tui_col c[R_N];
	struct canvas in;
	struct tui_table t;
	char title[120];

	for (int i = 0; i < 256; i++)
		a->hit[PANE_ROUTES][i] = -1;
	canvas_clear(cv);
	routes_title(a, cv, title, sizeof title);
	canvas_box(cv, title, focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	if (a->route_sel >= n)
		a->route_sel = n > 0 ? n - 1 : 0;
	if (n == 0) {
		draw_no_routes(a, &in);
		return;
	}
	/* the lane as wide as the world's ward ids ask ("2889>3301" in a
	 * world of 3,600 wards), up to 13 columns; longer ids shorten */
	memcpy(c, cols, sizeof c);
	lane = 2 * a->ward_cols + 1;
	c[R_LANE].width = lane < cols[R_LANE].width ? cols[R_LANE].width : lane > LANE_MAX ? LANE_MAX : lane;
	table_fit(&t, c, R_N, in.w);
	y = table_header(&in, 0, &t, -1, false);
	top = table_scroll(0, a->route_sel, in.h - y, n);
	for (int row = top; row < n && y < in.h; row++, y++) {
		enum tui_role r = row == a->route_sel ? (focused ? ROLE_SELECT : ROLE_FOCUS) : ROLE_NORMAL;

		route_row(a, &in, y, &t, &w->decisions[first[row]], count[row], r);
		a->hit[PANE_ROUTES][y + 1] = row; /* y + 1 < 256: see the assertion above */
	}
	draw_margin(a, &in, y);
}

void pane_routes_click(struct tui_app *a, int y)
{
	if (y >= 0 && y < 256 && a->hit[PANE_ROUTES][y] >= 0)
		a->route_sel = a->hit[PANE_ROUTES][y];
}
