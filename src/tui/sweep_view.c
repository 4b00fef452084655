/* The cockpit on a sweep folder (smugnet --sweep DIR): fan charts of the
 * sweep's figures over days, drawn with the cockpit's chart widget —
 * every setting's median as a line, the selected setting's 5-95% band
 * and its 25% and 75% lines — above a table of the last day's
 * percentiles per setting. The CLI reads and checks the results and
 * hands over the percentiles; this file only draws and reads keys. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

static const enum tui_role setting_roles[] = {ROLE_NORMAL, ROLE_SERIES2, ROLE_GOOD, ROLE_WARN,
					      ROLE_BAD, ROLE_HEAT1, ROLE_HEAT3, ROLE_WARD};
#define N_ROLES ((int)(sizeof setting_roles / sizeof setting_roles[0]))

static double fan_q(const struct tui_fan *f, int s, int p, int q)
{
	return f->q[((size_t)s * (size_t)f->n_points + (size_t)p) * 5 + (size_t)q];
}

/* Percentile q of setting s as one value a day (day 1 to the last day):
 * each day takes the value of the series point whose period holds it,
 * in minor units when the figure is money (the widget's unit). */
static void per_day(const struct tui_fan *f, int s, int q, double *out, int n_days)
{
	double scale = f->money ? SMUG_MINOR_PER_CREDIT : 1;
	int p = 0;

	for (int d = 1; d <= n_days; d++) {
		while (p + 1 < f->n_points && f->days[p] < d)
			p++;
		out[d - 1] = fan_q(f, s, p, q) * scale;
	}
}

static bool fit_label(const char *label, int cols, const char *mark, char *buf, size_t size, int first_level);

/* Whether two settings have the same label (a value planned twice, as
 * in --set k=0.1,0.1): then the table's rows, the legend and the title
 * name every setting with its number first, "#1 0.1", as sweep collect's
 * table and CSV files do. */
static bool settings_numbered(const struct tui_sweep *sw)
{
	for (int s = 1; s < sw->n_settings; s++)
		for (int t = 0; t < s; t++)
			if (strcmp(sw->labels[s], sw->labels[t]) == 0)
				return true;
	return false;
}

/* The table of the last day's percentiles, a row per setting. Every
 * setting sets the same keys, so the keys head the first column and its
 * cells hold only each setting's values: the part that tells the rows
 * apart stays in view however long the keys are. */
static void draw_table(struct canvas *cv, const struct tui_sweep *sw, const struct tui_fan *f, int sel,
		       bool numbered)
{
	const struct tui_col cols[] = {
		{sw->values ? sw->keys : "setting", NULL, 12, 0, false, true, 0, NULL}, {"tasks", NULL, 6, 1, true, false, 0, NULL},
		{"p5", "last day", 10, 2, true, false, 0, NULL}, {"p25", "last day", 10, 3, true, false, 0, NULL},
		{"median", "last day", 10, 0, true, false, 0, NULL}, {"p75", "last day", 10, 3, true, false, 0, NULL},
		{"p95", "last day", 10, 2, true, false, 0, NULL},
	};
	struct tui_table t;
	char name[1024];
	int y, last = f->n_points - 1, w0, first;

	table_fit(&t, cols, (int)(sizeof cols / sizeof cols[0]), cv->w);
	w0 = table_pos(&t, 0) >= 0 ? t.w[table_pos(&t, 0)] : 0;
	if (w0 > ((int)sizeof name - 8) / 4) /* what the row's buffer holds */
		w0 = ((int)sizeof name - 8) / 4;
	y = table_header(cv, 0, &t, -1, false);
	/* more settings than rows: the rows scroll to keep the selected one
	 * in view (Down past the last row shown selected a row not drawn) */
	first = table_scroll(0, sel, cv->h - y, sw->n_settings);
	for (int s = first; s < sw->n_settings && y < cv->h; s++, y++) {
		enum tui_role r = s == sel ? ROLE_SELECT : setting_roles[s % N_ROLES];
		char buf[32];
		int at = numbered ? snprintf(name, sizeof name, "#%d ", s) : 0; /* as sweep collect numbers it */
		int room = w0 - at > 0 ? w0 - at : 0;

		if (s == sel)
			canvas_fill_row(cv, y, 0, ROLE_SELECT);
		/* each value cut in the middle on its own, as in the chart's
		 * title: a long value's rows differ at their end as often as at
		 * their start (cut at the end, every row read "…"), and a value
		 * after a long one keeps its start ("東京都渋谷区, …1234567890123"
		 * lost the "0." of 0.1234567890123) */
		if (!sw->values ||
		    !fit_label(sw->labels[s], room, cv->th->g->ellipsis, name + at, sizeof name - (size_t)at, 2))
			text_cut_middle(sw->values ? sw->values[s] : sw->labels[s], room, cv->th->g->ellipsis,
					name + at, sizeof name - (size_t)at);
		table_cell(cv, y, &t, 0, r, name);
		fmt_count(buf, sizeof buf, sw->n[s], 6);
		table_cell(cv, y, &t, 1, r, buf);
		for (int q = 0; q < 5 && last >= 0; q++) {
			double v = fan_q(f, s, last, q);

			if (isnan(v)) /* a setting none of whose tasks has run yet */
				snprintf(buf, sizeof buf, "-");
			else if (f->money)
				fmt_money(buf, sizeof buf, minor_of_credits(v), 10);
			else
				snprintf(buf, sizeof buf, "%.1f", v);
			table_cell(cv, y, &t, 2 + q, r, buf);
		}
	}
}

enum { TITLE_PARTS = 32 };

/* The first space in s that a word and '=' follow: where the next part
 * starts; NULL in the last part. */
static char *next_part(char *s)
{
	for (char *sp = strchr(s, ' '); sp; sp = strchr(sp + 1, ' ')) {
		size_t word = strcspn(sp + 1, " =");

		if (word > 0 && sp[1 + word] == '=')
			return sp;
	}
	return NULL;
}

/* The keys as the parts show them at level 0 (whole), 1 (each by its
 * last dotted name, unless another key has that name too) or 2 (not at
 * all: NULL). */
static void shown_keys(const char *const *key, int n, int level, const char **shown)
{
	for (int i = 0; i < n; i++) {
		const char *dot = key[i] ? strrchr(key[i], '.') : NULL;

		shown[i] = level == 2 ? NULL : key[i];
		for (int j = 0; level == 1 && dot && j < n; j++) {
			const char *other = strrchr(key[j], '.');

			if (j != i && strcmp(other ? other + 1 : key[j], dot + 1) == 0)
				dot = NULL;
		}
		if (level == 1 && dot)
			shown[i] = dot + 1;
	}
}

/* A setting's label in at most cols columns (buf: cols * 4 plus mark's
 * bytes and 1), for the chart's title and, from level 2, the table's
 * rows. A label is "KEY=V" parts joined
 * by spaces, the same keys in every setting, so what tells settings
 * apart is their values: each part is fitted on its own, and every value
 * keeps its start and its end. First the keys give way (to their last
 * dotted name, "route_topk=2"; then to nothing, the values joined as the
 * table's rows are), then the longest values are cut in the middle at
 * mark, all to one width (a column more to the first of them when one is
 * left). False, buf untouched, for a label with too many values for the
 * room: the caller cuts it in the middle whole. A key holds neither a space nor '=': a part starts at a space
 * followed by a word and '=' (a value holding " word=" splits there too,
 * still whole at each end). */
static bool fit_label(const char *label, int cols, const char *mark, char *buf, size_t size, int first_level)
{
	size_t len = strlen(label), word = strcspn(label, " =");
	char *copy = tui_xmalloc(len + 1), *piece = tui_xmalloc(size), *p = copy;
	const char *key[TITLE_PARTS], *value[TITLE_PARTS], *shown[TITLE_PARTS];
	int n = 0, vcols[TITLE_PARTS];
	bool fitted = false;

	memcpy(copy, label, len + 1);
	if (word > 0 && label[word] == '=') {
		do {
			char *end = next_part(p);

			word = strcspn(p, "=");
			p[word] = '\0';
			key[n] = p;
			value[n++] = p + word + 1;
			if (end)
				*end = '\0';
			p = end ? end + 1 : NULL;
		} while (p && n < TITLE_PARTS);
	}
	if (n == 0 || p) { /* not KEY=V parts, or too many to fit apart: the label as one value */
		memcpy(copy, label, len + 1);
		key[0] = NULL;
		value[0] = copy;
		n = 1;
	}
	for (int level = first_level; level < 3 && !fitted; level++) {
		const char *sep = level < 2 ? " " : ", ";
		int avail = cols, cap = 0, widest = 0, spare;
		size_t at = 0;

		shown_keys(key, n, level, shown);
		for (int i = 0; i < n; i++) {
			const char *k = shown[i];

			if (level == 2 && key[i] && !*value[i])
				value[i] = "\"\""; /* an empty value, as the table's rows show it */
			vcols[i] = text_cols(value[i]);
			widest = vcols[i] > widest ? vcols[i] : widest;
			avail -= (i ? text_cols(sep) : 0) + (k ? text_cols(k) + 1 : 0);
		}
		/* the widest cap every value's share fits under */
		while (avail >= 0 && cap < widest) {
			int used = 0;

			for (int i = 0; i < n; i++)
				used += vcols[i] < cap + 1 ? vcols[i] : cap + 1;
			if (used > avail)
				break;
			cap++;
		}
		if (avail < 0 || (cap < widest && (level == 0 || cap < text_cols(mark) + 2)))
			continue; /* whole keys only with whole values; a value cut shorter would lose an end */
		spare = avail;
		for (int i = 0; i < n; i++)
			spare -= vcols[i] < cap ? vcols[i] : cap;
		for (int i = 0; i < n && at < size; i++) {
			const char *k = shown[i];
			int room = cap;

			if (vcols[i] > cap && spare > 0) { /* a column the cap leaves */
				room++;
				spare--;
			}
			text_cut_middle(value[i], room, mark, piece, size);
			at += (size_t)snprintf(buf + at, size - at, "%s%s%s%s", i ? sep : "", k ? k : "", k ? "=" : "",
					       piece);
		}
		fitted = true;
	}
	free(piece);
	free(copy);
	return fitted;
}

void tui_sweep_draw(struct canvas *cv, const struct tui_sweep *sw, int fan, int sel)
{
	const struct tui_fan *f = &sw->fans[fan];
	int n_days = f->n_points ? f->days[f->n_points - 1] : 0;
	int table_h = sw->n_settings + 2, ns = sw->n_settings + 2;
	double *v = tui_xcalloc((size_t)(ns + 2) * (size_t)(n_days + 1), sizeof *v);
	struct chart_series *series = tui_xcalloc((size_t)ns, sizeof *series);
	double *lo = v + (size_t)ns * (size_t)n_days, *hi = lo + n_days;
	char title[1400], label[1024];
	char **legend = tui_xcalloc((size_t)ns, sizeof *legend);
	bool numbered = settings_numbered(sw);
	int room;
	struct chart_spec spec;
	struct canvas c;

	canvas_clear(cv);
	canvas_fit(cv, 0, 0, cv->w, ROLE_TITLE, sw->title, false);
	if (table_h > cv->h / 3)
		table_h = cv->h / 3;
	for (int s = 0; s < sw->n_settings; s++) {
		/* the legend names a setting as the table's rows do, by its values */
		const char *name = sw->values ? sw->values[s] : sw->labels[s];

		if (numbered) {
			size_t size = strlen(name) + 16;

			legend[s] = tui_xmalloc(size);
			snprintf(legend[s], size, "#%d %s", s, name);
			name = legend[s];
		}
		series[s] = (struct chart_series){name, v + (size_t)s * (size_t)n_days, setting_roles[s % N_ROLES]};
		per_day(f, s, 2, v + (size_t)s * (size_t)n_days, n_days);
	}
	series[ns - 2] = (struct chart_series){"25%", v + (size_t)(ns - 2) * (size_t)n_days, ROLE_DIM};
	series[ns - 1] = (struct chart_series){"75%", v + (size_t)(ns - 1) * (size_t)n_days, ROLE_DIM};
	per_day(f, sel, 1, v + (size_t)(ns - 2) * (size_t)n_days, n_days);
	per_day(f, sel, 3, v + (size_t)(ns - 1) * (size_t)n_days, n_days);
	per_day(f, sel, 0, lo, n_days);
	per_day(f, sel, 4, hi, n_days);
	/* the selected setting's label in the room the figure's name leaves,
	 * each value whole at its start and end as in the table's rows */
	/* a setting none of whose tasks has run has no band to draw: said */
	snprintf(title, sizeof title, "%s: medians%s", f->title, sw->n[sel] ? ", and 5-95% of " : "; not run yet: ");
	if (numbered)
		snprintf(title + strlen(title), sizeof title - strlen(title), "#%d ", sel);
	room = cv->w - text_cols(title);
	if (room > ((int)sizeof label - 8) / 4)
		room = ((int)sizeof label - 8) / 4;
	if (!fit_label(sw->labels[sel], room, cv->th->g->ellipsis, label, sizeof label, 0))
		text_cut_middle(sw->labels[sel], room, cv->th->g->ellipsis, label, sizeof label);
	snprintf(title + strlen(title), sizeof title - strlen(title), "%s", label);
	spec = (struct chart_spec){.title = title, .n = n_days, .first_day = 1, .series = series,
				   .n_series = ns, .band_lo = lo, .band_hi = hi, .money = f->money,
				   .legend_wrap = true}; /* every setting named, however narrow */
	c = canvas_sub(cv, 1, 0, cv->h - 2 - table_h, cv->w);
	chart_draw(&c, &spec);
	c = canvas_sub(cv, cv->h - 1 - table_h, 0, table_h, cv->w);
	draw_table(&c, sw, f, sel, numbered);
	canvas_fill_row(cv, cv->h - 1, 0, ROLE_DIM);
	canvas_fit(cv, cv->h - 1, 0, cv->w, ROLE_DIM,
		   "Tab/f next figure  Shift-Tab/F previous  Up/Down setting  q quit", false);
	for (int s = 0; s < ns; s++)
		free(legend[s]);
	free(legend);
	free(series);
	free(v);
}

int tui_sweep_run(const struct tui_sweep *sw, const struct tui_options *opt)
{
	struct tui_theme th;
	int fan = 0, sel = 0, key;
	bool go = true;

	if (tui_term_begin(opt, &th) != 0)
		return 1;
	while (go) {
		struct canvas cv = {&th, stdscr, NULL, 0, 0, LINES, COLS};

		if (LINES < 24 || COLS < 80) {
			canvas_clear(&cv);
			canvas_printf(&cv, 0, 0, ROLE_WARN, "The sweep view needs 80x24 (this is %dx%d).",
				      COLS, LINES);
		} else {
			tui_sweep_draw(&cv, sw, fan, sel);
		}
		refresh();
		key = getch();
		switch (key) {
		case 'q': case 27: case 3 /* Ctrl-C */: go = false; break;
		case '\t': case 'f': fan = (fan + 1) % sw->n_fans; break;
		case KEY_BTAB: case 'F': fan = (fan + sw->n_fans - 1) % sw->n_fans; break;
		case KEY_DOWN: case 'j': sel = (sel + 1) % sw->n_settings; break;
		case KEY_UP: case 'k': sel = (sel + sw->n_settings - 1) % sw->n_settings; break;
		default: break;
		}
	}
	tui_term_end();
	return 0;
}
