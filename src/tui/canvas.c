/* The canvas: the only file that calls curses drawing functions. A
 * canvas is a rectangle on either a curses window or an in-memory grid of
 * cells (golden tests draw without a terminal). Text is UTF-8, one
 * column per character (the glyph sets use only single-width symbols). */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

struct tui_grid {
	int h, w;
	char (*cell)[5]; /* one UTF-8 character per cell */
};

struct tui_grid *grid_new(int h, int w)
{
	struct tui_grid *g = calloc(1, sizeof *g);

	if (g == NULL)
		abort();
	g->h = h;
	g->w = w;
	g->cell = calloc((size_t)h * (size_t)w, sizeof *g->cell);
	if (g->cell == NULL)
		abort();
	for (int i = 0; i < h * w; i++)
		g->cell[i][0] = ' ';
	return g;
}

void grid_free(struct tui_grid *g)
{
	if (g == NULL)
		return;
	free(g->cell);
	free(g);
}

char *grid_dump(const struct tui_grid *g)
{
	size_t cap = (size_t)g->h * ((size_t)g->w * 4 + 1) + 1, at = 0;
	char *out = malloc(cap);

	if (out == NULL)
		abort();
	for (int y = 0; y < g->h; y++) {
		size_t line = at, end = at;

		for (int x = 0; x < g->w; x++) {
			const char *c = g->cell[y * g->w + x];
			size_t n = strlen(c);

			memcpy(out + at, c, n);
			at += n;
			if (!(n == 1 && c[0] == ' '))
				end = at;
		}
		(void)line;
		at = end;
		out[at++] = '\n';
	}
	out[at] = '\0';
	return out;
}

/* Length in bytes of the UTF-8 character starting at s. */
static int u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	return 4;
}

void canvas_clear(struct canvas *cv)
{
	for (int y = 0; y < cv->h; y++)
		canvas_fill_row(cv, y, 0, ROLE_NORMAL);
}

int canvas_text(struct canvas *cv, int y, int x, enum tui_role r, const char *s)
{
	int col = 0;

	if (y < 0 || y >= cv->h || x >= cv->w)
		return 0;
	if (cv->win)
		wattrset((WINDOW *)cv->win, cv->th->attr[r]);
	while (*s && x + col < cv->w) {
		int n = u8len(s);

		if (x + col >= 0) {
			if (cv->grid) {
				char *c = cv->grid->cell[(cv->y0 + y) * cv->grid->w + cv->x0 + x + col];

				memcpy(c, s, (size_t)n);
				c[n] = '\0';
			} else {
				mvwaddnstr((WINDOW *)cv->win, cv->y0 + y, cv->x0 + x + col, s, n);
			}
		}
		s += n;
		col++;
	}
	if (cv->win)
		wattrset((WINDOW *)cv->win, A_NORMAL);
	return col;
}

int canvas_printf(struct canvas *cv, int y, int x, enum tui_role r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return canvas_text(cv, y, x, r, buf);
}

void canvas_fill_row(struct canvas *cv, int y, int x, enum tui_role r)
{
	for (int i = x; i < cv->w; i++)
		canvas_text(cv, y, i, r, " ");
}

void canvas_box(struct canvas *cv, const char *title, bool focused)
{
	const struct tui_glyphs *g = cv->th->g;
	enum tui_role r = focused ? ROLE_FOCUS : ROLE_DIM;
	const char *tl = cv->th->ascii ? "+" : "\xe2\x94\x8c", *tr = cv->th->ascii ? "+" : "\xe2\x94\x90";
	const char *bl = cv->th->ascii ? "+" : "\xe2\x94\x94", *br = cv->th->ascii ? "+" : "\xe2\x94\x98";

	if (cv->h < 2 || cv->w < 2)
		return;
	for (int x = 1; x < cv->w - 1; x++) {
		canvas_text(cv, 0, x, r, g->hline);
		canvas_text(cv, cv->h - 1, x, r, g->hline);
	}
	for (int y = 1; y < cv->h - 1; y++) {
		canvas_text(cv, y, 0, r, g->vline);
		canvas_text(cv, y, cv->w - 1, r, g->vline);
	}
	canvas_text(cv, 0, 0, r, tl);
	canvas_text(cv, 0, cv->w - 1, r, tr);
	canvas_text(cv, cv->h - 1, 0, r, bl);
	canvas_text(cv, cv->h - 1, cv->w - 1, r, br);
	canvas_printf(cv, 0, 2, focused ? ROLE_FOCUS : ROLE_TITLE, "%s%s%s", focused ? "[" : " ",
		      title, focused ? "]" : " ");
}

struct canvas canvas_sub(const struct canvas *cv, int y, int x, int h, int w)
{
	struct canvas s = *cv;

	if (h > cv->h - y)
		h = cv->h - y;
	if (w > cv->w - x)
		w = cv->w - x;
	s.h = h > 0 ? h : 0;
	s.w = w > 0 ? w : 0;
	s.y0 = cv->y0 + y;
	s.x0 = cv->x0 + x;
	return s;
}
