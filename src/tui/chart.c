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

void chart_draw(struct canvas *cv, const struct chart_spec *s)
{
	const struct tui_glyphs *g = cv->th->g;
	double lo = INFINITY, hi = -INFINITY;
	char lab[3][24], head[256];
	int lw = 1, ph, pw, px, at;
	unsigned char *dots = NULL;
	signed char *who = NULL;

	canvas_clear(cv); /* the whole canvas is the chart's, whatever was there */
	if (cv->h < 4 || cv->w < 16 || s->n <= 0)
		return;
	/* title row: title, then a legend entry per series */
	at = canvas_fit(cv, 0, 0, text_cols(s->title) < cv->w ? text_cols(s->title) : cv->w, ROLE_TITLE,
			s->title, false);
	for (int k = 0; k < s->n_series && at < cv->w; k++) {
		snprintf(head, sizeof head, "  %s %s", g->delivered, s->series[k].label);
		if (at + text_cols(head) <= cv->w)
			at += canvas_text(cv, 0, at, s->series[k].role, head);
	}
	if (s->shade && s->shade_label) {
		snprintf(head, sizeof head, "  %s%s %s", g->hatch, g->hatch, s->shade_label);
		if (at + text_cols(head) <= cv->w)
			canvas_text(cv, 0, at, ROLE_SHADE, head);
	}
	/* range */
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
	ph = cv->h - 2;
	for (int i = 0; i < 3; i++) {
		label(lab[i], sizeof lab[i], s, i == 0 ? hi : i == 1 ? (lo + hi) / 2 : lo, LABEL_MAX);
		if (text_cols(lab[i]) > lw)
			lw = text_cols(lab[i]);
	}
	px = lw + 1;
	pw = cv->w - px - 1; /* a column of air on the right */
	canvas_fit(cv, 1, 0, lw, ROLE_DIM, lab[0], true);
	if (ph >= 5)
		canvas_fit(cv, 1 + (ph - 1) / 2, 0, lw, ROLE_DIM, lab[1], true);
	canvas_fit(cv, ph, 0, lw, ROLE_DIM, lab[2], true);
	for (int y = 1; y <= ph; y++)
		canvas_text(cv, y, lw, ROLE_DIM, g->axis);
	/* shading and band first: the series draw over them */
	for (int x = 0; x < pw; x++) {
		bool shaded = s->shade && bucket_flag(s->shade, s->n, x, pw);

		if (s->band_lo) {
			double bl = bucket(s->band_lo, s->n, x, pw), bh = bucket(s->band_hi, s->n, x, pw);

			if (!isnan(bl) && !isnan(bh))
				for (int y = 0; y < ph; y++) {
					double cy = lo + (hi - lo) * (ph - 1 - y + 0.5) / ph;

					if (cy >= bl && cy <= bh)
						canvas_text(cv, 1 + y, px + x, ROLE_DIM, g->bar_part[1]);
				}
		}
		if (shaded)
			for (int y = 0; y < ph; y++)
				canvas_text(cv, 1 + y, px + x, ROLE_SHADE, g->hatch);
	}
	if (s->bars) {
		/* one bar per column, eighths of a cell */
		const double *v = s->series[0].v;

		for (int x = 0; x < pw; x++) {
			double b = bucket(v, s->n, x, pw);
			int eighths;

			if (isnan(b))
				continue;
			eighths = (int)llround((b - lo) / (hi - lo) * ph * 8);
			for (int y = 0; y < ph && eighths > 0; y++, eighths -= 8)
				canvas_text(cv, ph - y, px + x, s->series[0].role,
					    eighths >= 8 ? g->bar_full : g->bar_part[eighths]);
		}
	} else if (g->braille) {
		int dw = pw * 2, dh = ph * 4;

		dots = tui_xcalloc((size_t)pw * (size_t)ph, 1);
		who = tui_xcalloc((size_t)pw * (size_t)ph, 1);
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
				dy = (int)llround((b - lo) / (hi - lo) * (dh - 1));
				/* a vertical run from the previous point keeps the line whole */
				y0 = prev < 0 || prev > dy ? dy : prev;
				y1 = prev < 0 || prev < dy ? dy : prev;
				for (int y = y0; y <= y1; y++) {
					int row = dh - 1 - y, cell = (row / 4) * pw + dx / 2, r = row % 4;
					static const unsigned char bit[2][4] = {{0x01, 0x02, 0x04, 0x40},
										{0x08, 0x10, 0x20, 0x80}};

					dots[cell] |= bit[dx % 2][r];
					who[cell] = (signed char)(k + 1);
				}
				prev = dy;
			}
		}
		for (int y = 0; y < ph; y++)
			for (int x = 0; x < pw; x++)
				if (dots[y * pw + x])
					braille_put(cv, 1 + y, px + x, dots[y * pw + x],
						    s->series[who[y * pw + x] - 1].role);
		free(dots);
		free(who);
	} else {
		for (int k = 0; k < s->n_series; k++) {
			int prev = -1;

			for (int x = 0; x < pw; x++) {
				double b = s->n >= pw ? bucket(s->series[k].v, s->n, x, pw)
						      : s->series[k].v[(int)((int64_t)x * s->n / pw)];
				int y;

				if (isnan(b)) {
					prev = -1;
					continue;
				}
				y = (int)llround((b - lo) / (hi - lo) * (ph - 1));
				for (int t = (prev < y ? prev : y) + 1; prev >= 0 && t < (prev < y ? y : prev); t++)
					canvas_text(cv, ph - t, px + x, s->series[k].role, "|");
				canvas_text(cv, ph - y, px + x, s->series[k].role, "*");
				prev = y;
			}
		}
	}
	/* x axis: first, middle and last day */
	{
		int last = s->first_day + s->n - 1;
		char a[24], m[24], z[24];
		int mid_at;

		snprintf(a, sizeof a, "day %d", s->first_day);
		snprintf(m, sizeof m, "%d", s->first_day + (s->n - 1) / 2);
		snprintf(z, sizeof z, "%d", last);
		mid_at = (pw - text_cols(m)) / 2; /* centred, two spaces from the first and the last */
		canvas_text(cv, cv->h - 1, px, ROLE_DIM, a);
		if (mid_at >= text_cols(a) + 2 && mid_at + text_cols(m) + 2 <= pw - text_cols(z) && s->n > 2)
			canvas_text(cv, cv->h - 1, px + mid_at, ROLE_DIM, m);
		if (pw > text_cols(a) + text_cols(z) + 1 && s->n > 1)
			canvas_text(cv, cv->h - 1, px + pw - text_cols(z), ROLE_DIM, z);
	}
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
