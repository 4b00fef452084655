/* Time-series charts in the manner of btop: one or more series over
 * days, drawn in braille dots (2x4 per cell) with a UTF-8 theme or in
 * ASCII points, or as vertical block bars; an optional band (a fan
 * chart's low and high) and shaded periods, hatched so that they show in
 * plain text as well as in colour. Axis labels are formatted to their
 * width, never cut. The widget knows nothing of the world: the cockpit's
 * chart view and the sweep's fan charts both feed it arrays. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define LABEL_MAX 9 /* widest y label */

static void label(char *buf, size_t size, const struct chart_spec *s, double v, int width)
{
	if (s->money)
		fmt_money(buf, size, (int64_t)llround(v), width);
	else if (s->percent)
		snprintf(buf, size, "%.0f%%", 100.0 * v);
	else if (v == floor(v))
		fmt_count(buf, size, (int64_t)v, width);
	else
		snprintf(buf, size, "%.1f", v);
	if ((int)strlen(buf) > width)
		fmt_count(buf, size, (int64_t)llround(v), width);
}

/* The value of column-bucket b of nb over n points: the mean of the
 * points it covers (NAN when none has data). */
static double bucket(const double *v, int n, int b, int nb)
{
	int lo = (int)((int64_t)b * n / nb), hi = (int)((int64_t)(b + 1) * n / nb);
	double sum = 0;
	int k = 0;

	if (hi <= lo)
		hi = lo + 1;
	for (int i = lo; i < hi && i < n; i++)
		if (!isnan(v[i])) {
			sum += v[i];
			k++;
		}
	return k ? sum / k : NAN;
}

static bool bucket_flag(const bool *f, int n, int b, int nb)
{
	int lo = (int)((int64_t)b * n / nb), hi = (int)((int64_t)(b + 1) * n / nb);

	if (hi <= lo)
		hi = lo + 1;
	for (int i = lo; i < hi && i < n; i++)
		if (f[i])
			return true;
	return false;
}

static void braille_put(struct canvas *cv, int y, int x, unsigned bits, enum tui_role r)
{
	char u[4] = {(char)0xe2, (char)(0xa0 + (bits >> 6)), (char)(0x80 + (bits & 0x3f)), 0};

	canvas_text(cv, y, x, r, u);
}

/* Where a chart's points go: the value range lo..hi over ph rows of pw
 * columns, starting at column px (after the y labels and the axis). */
struct plot {
	double lo, hi;
	int ph, pw, px;
};

/* Legend entry k (a series, or the shading's after them) as drawn after
 * other text on its row ("  ● seized") or first on it (lead false), in
 * at most cols columns: one too wide is cut in its middle, so a numbered
 * setting keeps its number and its value's end ("#1 0.1…5"). The
 * caller frees it. */
static char *legend_entry(const struct canvas *cv, const struct chart_spec *s, int k, bool lead, int cols)
{
	const struct tui_glyphs *g = cv->th->g;
	const char *label = k < s->n_series ? s->series[k].label : s->shade_label;
	size_t size = strlen(label) + 32 + (size_t)(cols > 0 ? cols : 0) * 4;
	char *buf = tui_xmalloc(size), *cut;

	if (k < s->n_series)
		snprintf(buf, size, "%s%s %s", lead ? "  " : "", g->delivered, label);
	else
		snprintf(buf, size, "%s%s%s %s", lead ? "  " : "", g->hatch, g->hatch, label);
	if (cols > 0 && text_cols(buf) > cols) {
		cut = tui_xmalloc(size);
		text_cut_middle(buf, cols, g->ellipsis, cut, size);
		free(buf);
		buf = cut;
	}
	return buf;
}

/* The legend's entries: a series each, then the shading's when it has
 * both its days and its label. */
static int legend_entries(const struct chart_spec *s)
{
	return s->n_series + (s->shade && s->shade_label ? 1 : 0);
}

static enum tui_role legend_role(const struct chart_spec *s, int k)
{
	return k < s->n_series ? s->series[k].role : ROLE_SHADE;
}

/* The legend of a chart with legend_wrap: entries from the title's end
 * on, in order, a row after another while the plot keeps 3 rows (max
 * rows in all), an entry wider than a row cut in its middle; on the last
 * row, when the rest do not all fit, those that do not give way to
 * "+N more". Returns the rows used. */
static int chart_legend_wrapped(struct canvas *cv, const struct chart_spec *s, int at, int max)
{
	int n = legend_entries(s), y = 0;

	for (int k = 0; k < n; k++) {
		char *head = legend_entry(cv, s, k, at > 0, cv->w), more[32];
		int rest = 0;

		if (at > 0 && at + text_cols(head) > cv->w && y + 1 < max) { /* on the next row */
			free(head);
			y++;
			at = 0;
			head = legend_entry(cv, s, k, false, cv->w);
		}
		rest = text_cols(head);
		for (int j = k + 1; y + 1 == max && j < n; j++) { /* the last row: do the rest fit? */
			char *e = legend_entry(cv, s, j, true, cv->w);

			rest += text_cols(e);
			free(e);
		}
		if (y + 1 == max && at + rest > cv->w) {
			snprintf(more, sizeof more, "%s+%d more", at > 0 ? "  " : "", n - k - 1);
			if (at + text_cols(head) + text_cols(more) > cv->w) { /* this one gives way too */
				snprintf(more, sizeof more, "%s+%d more", at > 0 ? "  " : "", n - k);
				if (at + text_cols(more) <= cv->w)
					canvas_text(cv, y, at, ROLE_DIM, more);
				free(head);
				break;
			}
		}
		at += canvas_text(cv, y, at, legend_role(s, k), head);
		free(head);
	}
	return y + 1;
}

/* The title row: the title, then a legend entry per series and the
 * shading's, each whole or not at all (with legend_wrap: on more rows
 * as chart_legend_wrapped says). Returns the rows used. */
static int chart_title(struct canvas *cv, const struct chart_spec *s)
{
	int n = legend_entries(s);
	int at = canvas_fit(cv, 0, 0, text_cols(s->title) < cv->w ? text_cols(s->title) : cv->w, ROLE_TITLE,
			    s->title, false);

	if (s->legend_wrap)
		return chart_legend_wrapped(cv, s, at, cv->h - 4 > 1 ? cv->h - 4 : 1);
	for (int k = 0; k < n && at < cv->w; k++) {
		char *head = legend_entry(cv, s, k, true, 0);

		if (at + text_cols(head) <= cv->w)
			at += canvas_text(cv, 0, at, legend_role(s, k), head);
		free(head);
	}
	return 1;
}

/* The range the y axis spans: every series' and the band's values, from
 * zero unless money (which can go below it), never flat. */
static void chart_range(const struct chart_spec *s, double *lo_out, double *hi_out)
{
	double lo = INFINITY, hi = -INFINITY;

	for (int k = 0; k < s->n_series; k++)
		for (int i = 0; i < s->n; i++)
			if (!isnan(s->series[k].v[i])) {
				lo = fmin(lo, s->series[k].v[i]);
				hi = fmax(hi, s->series[k].v[i]);
			}
	for (int i = 0; s->band_lo && i < s->n; i++)
		if (!isnan(s->band_lo[i]) && !isnan(s->band_hi[i])) {
			lo = fmin(lo, s->band_lo[i]);
			hi = fmax(hi, s->band_hi[i]);
		}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (!s->money && lo > 0)
		lo = 0;
	if (s->percent && hi < 0.05)
		hi = 0.05;
	if (hi - lo < 1e-9)
		hi = lo + (s->money ? 100 : 1);
	*lo_out = lo;
	*hi_out = hi;
}

/* The y labels (top, middle, bottom) and the axis; sets where the plot
 * starts, after the widest label. */
static void chart_y_axis(struct canvas *cv, const struct chart_spec *s, struct plot *p)
{
	char lab[3][24];
	int lw = 1;

	for (int i = 0; i < 3; i++) {
		label(lab[i], sizeof lab[i], s, i == 0 ? p->hi : i == 1 ? (p->lo + p->hi) / 2 : p->lo, LABEL_MAX);
		if (text_cols(lab[i]) > lw)
			lw = text_cols(lab[i]);
	}
	p->px = lw + 1;
	p->pw = cv->w - p->px - 1; /* a column of air on the right */
	canvas_fit(cv, 1, 0, lw, ROLE_DIM, lab[0], true);
	if (p->ph >= 5)
		canvas_fit(cv, 1 + (p->ph - 1) / 2, 0, lw, ROLE_DIM, lab[1], true);
	canvas_fit(cv, p->ph, 0, lw, ROLE_DIM, lab[2], true);
	for (int y = 1; y <= p->ph; y++)
		canvas_text(cv, y, lw, ROLE_DIM, cv->th->g->axis);
}

/* The band and the shaded periods, drawn first: the series go over them. */
static void chart_shade(struct canvas *cv, const struct chart_spec *s, const struct plot *p)
{
	const struct tui_glyphs *g = cv->th->g;

	for (int x = 0; x < p->pw; x++) {
		bool shaded = s->shade && bucket_flag(s->shade, s->n, x, p->pw);

		if (s->band_lo) {
			double bl = bucket(s->band_lo, s->n, x, p->pw), bh = bucket(s->band_hi, s->n, x, p->pw);

			if (!isnan(bl) && !isnan(bh))
				for (int y = 0; y < p->ph; y++) {
					double cy = p->lo + (p->hi - p->lo) * (p->ph - 1 - y + 0.5) / p->ph;

					if (cy >= bl && cy <= bh)
						canvas_text(cv, 1 + y, p->px + x, ROLE_DIM, g->bar_part[1]);
				}
		}
		if (shaded)
			for (int y = 0; y < p->ph; y++)
				canvas_text(cv, 1 + y, p->px + x, ROLE_SHADE, g->hatch);
	}
}

/* The first series as one bar per column, in eighths of a cell. */
static void chart_bars(struct canvas *cv, const struct chart_spec *s, const struct plot *p)
{
	const struct tui_glyphs *g = cv->th->g;
	const double *v = s->series[0].v;

	for (int x = 0; x < p->pw; x++) {
		double b = bucket(v, s->n, x, p->pw);
		int eighths;

		if (isnan(b))
			continue;
		eighths = (int)llround((b - p->lo) / (p->hi - p->lo) * p->ph * 8);
		for (int y = 0; y < p->ph && eighths > 0; y++, eighths -= 8)
			canvas_text(cv, p->ph - y, p->px + x, s->series[0].role,
				    eighths >= 8 ? g->bar_full : g->bar_part[eighths]);
	}
}

/* Every series as a line of braille dots, two columns and four rows of
 * dots a cell; a cell takes the colour of the last series through it. */
static void chart_braille(struct canvas *cv, const struct chart_spec *s, const struct plot *p)
{
	static const unsigned char bit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
	int pw = p->pw, ph = p->ph, dw = pw * 2, dh = ph * 4;
	unsigned char *dots = tui_xcalloc((size_t)pw * (size_t)ph, 1);
	signed char *who = tui_xcalloc((size_t)pw * (size_t)ph, 1);

	for (int k = 0; k < s->n_series; k++) {
		int prev = -1;

		for (int dx = 0; dx < dw; dx++) {
			double b = s->n >= dw ? bucket(s->series[k].v, s->n, dx, dw)
					      : s->series[k].v[(int)((int64_t)dx * s->n / dw)];
			int dy, y0, y1;

			if (isnan(b)) {
				prev = -1;
				continue;
			}
			dy = (int)llround((b - p->lo) / (p->hi - p->lo) * (dh - 1));
			/* a vertical run from the previous point keeps the line whole */
			y0 = prev < 0 || prev > dy ? dy : prev;
			y1 = prev < 0 || prev < dy ? dy : prev;
			for (int y = y0; y <= y1; y++) {
				int row = dh - 1 - y, cell = (row / 4) * pw + dx / 2;

				dots[cell] |= bit[dx % 2][row % 4];
				who[cell] = (signed char)(k + 1);
			}
			prev = dy;
		}
	}
	for (int y = 0; y < ph; y++)
		for (int x = 0; x < pw; x++)
			if (dots[y * pw + x])
				braille_put(cv, 1 + y, p->px + x, dots[y * pw + x], s->series[who[y * pw + x] - 1].role);
	free(dots);
	free(who);
}

/* Every series in ASCII: a '*' a column, '|' joining it to the last. */
static void chart_points(struct canvas *cv, const struct chart_spec *s, const struct plot *p)
{
	for (int k = 0; k < s->n_series; k++) {
		int prev = -1;

		for (int x = 0; x < p->pw; x++) {
			double b = s->n >= p->pw ? bucket(s->series[k].v, s->n, x, p->pw)
						 : s->series[k].v[(int)((int64_t)x * s->n / p->pw)];
			int y;

			if (isnan(b)) {
				prev = -1;
				continue;
			}
			y = (int)llround((b - p->lo) / (p->hi - p->lo) * (p->ph - 1));
			for (int t = (prev < y ? prev : y) + 1; prev >= 0 && t < (prev < y ? y : prev); t++)
				canvas_text(cv, p->ph - t, p->px + x, s->series[k].role, "|");
			canvas_text(cv, p->ph - y, p->px + x, s->series[k].role, "*");
			prev = y;
		}
	}
}

/* The x axis: the first, middle and last day, each where it fits. */
static void chart_x_axis(struct canvas *cv, const struct chart_spec *s, const struct plot *p)
{
	int last = s->first_day + s->n - 1, pw = p->pw, mid_at;
	char a[24], m[24], z[24];

	snprintf(a, sizeof a, "day %d", s->first_day);
	snprintf(m, sizeof m, "%d", s->first_day + (s->n - 1) / 2);
	snprintf(z, sizeof z, "%d", last);
	mid_at = (pw - text_cols(m)) / 2; /* centred, two spaces from the first and the last */
	canvas_text(cv, cv->h - 1, p->px, ROLE_DIM, a);
	if (mid_at >= text_cols(a) + 2 && mid_at + text_cols(m) + 2 <= pw - text_cols(z) && s->n > 2)
		canvas_text(cv, cv->h - 1, p->px + mid_at, ROLE_DIM, m);
	if (pw > text_cols(a) + text_cols(z) + 1 && s->n > 1)
		canvas_text(cv, cv->h - 1, p->px + pw - text_cols(z), ROLE_DIM, z);
}

void chart_draw(struct canvas *cv, const struct chart_spec *s)
{
	struct plot p;
	struct canvas body;

	canvas_clear(cv); /* the whole canvas is the chart's, whatever was there */
	if (cv->h < 4 || cv->w < 16 || s->n <= 0)
		return;
	/* the plot below the legend's last row (the title's without a wrap):
	 * body's row 0 is that row, its plot rows 1 to ph as before */
	body = canvas_sub(cv, chart_title(cv, s) - 1, 0, cv->h, cv->w);
	p = (struct plot){.ph = body.h - 2};
	chart_range(s, &p.lo, &p.hi);
	chart_y_axis(&body, s, &p);
	chart_shade(&body, s, &p);
	if (s->bars)
		chart_bars(&body, s, &p);
	else if (body.th->g->braille)
		chart_braille(&body, s, &p);
	else
		chart_points(&body, s, &p);
	chart_x_axis(&body, s, &p);
}

void chart_spark(struct canvas *cv, int y, int x, int width, const double *v, int n, enum tui_role r)
{
	double hi = 0;

	if (width <= 0 || n <= 0)
		return;
	if (n > width) {
		v += n - width;
		n = width;
	}
	for (int i = 0; i < n; i++)
		if (!isnan(v[i]) && v[i] > hi)
			hi = v[i];
	for (int i = 0; i < n; i++) {
		int l = hi > 0 && !isnan(v[i]) ? (int)llround(v[i] / hi * 7) : 0;

		canvas_text(cv, y, x + width - n + i, r, cv->th->g->spark[l < 0 ? 0 : l > 7 ? 7 : l]);
	}
}
