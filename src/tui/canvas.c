/* The canvas: the only file that calls curses drawing functions. A
 * canvas is a rectangle on either a curses window or an in-memory grid of
 * cells (golden tests draw without a terminal). Text is UTF-8, one
 * column per character (the glyph sets use only single-width symbols).
 * The memory back end also watches for text clipped in the middle of a
 * number, so tests can prove no screen ever cuts a value, and for a
 * label shown without its figure ("loss …"); a ward's name shortened
 * inside ("Middle Ward …" for "Middle Ward 5") is a name, not a label. */
#include <curses.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* a character of up to 4 bytes and 4 combining marks (2 bytes each) */
enum { CELL_BYTES = 4 + 4 * 2 + 1 };

struct tui_grid {
	int h, w;
	char (*cell)[CELL_BYTES]; /* one UTF-8 character per cell, with its combining marks */
	unsigned char *role; /* the role each cell was last drawn in */
	int cut_numbers;
	char first_cut[96];
	int dropped_figures; /* labels shown without their figure */
	char first_dropped[96];
	const struct smug_world *names; /* whose ward names are names, or NULL */
};

struct tui_grid *grid_new(int h, int w)
{
	struct tui_grid *g = tui_xcalloc(1, sizeof *g);

	g->h = h;
	g->w = w;
	g->cell = tui_xcalloc((size_t)h * (size_t)w, sizeof *g->cell);
	g->role = tui_xcalloc((size_t)h * (size_t)w + 1, 1); /* ROLE_NORMAL */
	for (int i = 0; i < h * w; i++)
		g->cell[i][0] = ' ';
	return g;
}

void grid_free(struct tui_grid *g)
{
	if (g == NULL)
		return;
	free(g->cell);
	free(g->role);
	free(g);
}

char *grid_dump(const struct tui_grid *g)
{
	size_t cap = (size_t)g->h * ((size_t)g->w * (CELL_BYTES - 1) + 1) + 1, at = 0;
	char *out = tui_xmalloc(cap);

	for (int y = 0; y < g->h; y++) {
		size_t end = at;

		for (int x = 0; x < g->w; x++) {
			const char *c = g->cell[y * g->w + x];
			size_t n = strlen(c);

			memcpy(out + at, c, n);
			at += n;
			if (!(n == 1 && c[0] == ' '))
				end = at;
		}
		at = end;
		out[at++] = '\n';
	}
	out[at] = '\0';
	return out;
}

int grid_role(const struct tui_grid *g, int y, int x)
{
	if (y < 0 || y >= g->h || x < 0 || x >= g->w)
		return -1;
	return g->role[y * g->w + x];
}

int grid_cut_numbers(const struct tui_grid *g, char *first, size_t size)
{
	if (first && size)
		snprintf(first, size, "%s", g->first_cut);
	return g->cut_numbers;
}

int grid_dropped_figures(const struct tui_grid *g, char *first, size_t size)
{
	if (first && size)
		snprintf(first, size, "%s", g->first_dropped);
	return g->dropped_figures;
}

void grid_know_names(struct tui_grid *g, const struct smug_world *w)
{
	g->names = w;
}

int text_char_cols(const char *s, int *bytes)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;
	int n = u[0] < 0x80 ? 1 : u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;

	if ((u[0] & 0xc0) == 0x80) { /* inside a character (a text cut there) */
		*bytes = 1;
		return 0;
	}
	cp = n == 1 ? u[0] : u[0] & (n == 2 ? 0x1fu : n == 3 ? 0x0fu : 0x07u);
	for (int i = 1; i < n; i++) {
		if (u[i] == '\0') {
			n = i;
			break;
		}
		cp = cp << 6 | (u[i] & 0x3fu);
	}
	*bytes = n;
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

int text_cols(const char *s)
{
	int n = 0, b;

	for (; *s; s += b)
		n += text_char_cols(s, &b);
	return n;
}

/* The byte offset where s's first n columns end (a wide character that
 * would cross column n left out), or with `start`, where the first
 * character at or after column n starts. */
static size_t col_offset(const char *s, int n, bool start)
{
	size_t at = 0;
	int cols = 0, b;

	while (s[at]) {
		int w = text_char_cols(s + at, &b);

		if (start ? cols >= n : cols + w > n)
			break;
		cols += w;
		at += (size_t)b;
	}
	return at;
}

bool text_cut_middle(const char *text, int cols, const char *mark, char *buf, size_t size)
{
	int n = text_cols(text), keep = cols - text_cols(mark), head, tail;
	size_t h, t;

	if (n <= cols || keep < 2) {
		snprintf(buf, size, "%s", text);
		return false;
	}
	head = keep - keep / 2;
	tail = keep / 2;
	h = col_offset(text, head, false);
	t = col_offset(text, n - tail, true);
	snprintf(buf, size, "%.*s%s%s", (int)h, text, mark, text + t);
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A digit was kept and the dropped rest goes on with the same number. */
static bool cuts_number(char kept, const char *rest)
{
	if (!(is_digit(kept) || kept == '.' || kept == ','))
		return false;
	if (is_digit(rest[0]))
		return true;
	return is_digit(kept) && (rest[0] == '.' || rest[0] == ',') && is_digit(rest[1]);
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A label that lost its figure whole ("loss 1.87" shown as "loss" or
 * "loss …"): the kept text ends in a word, the dropped rest starts, past
 * a space, with a number. A name cut inside ("n:22.0|22.2" kept as
 * "n:22.0|") or a list cut after a comma is not a label. */
/* Does a ward name the grid knows run across the cut (text kept before
 * it, dropped from it on): a name shortened inside, not a label. */
static bool cuts_a_name(const struct tui_grid *g, const char *kept, const char *cut)
{
	const struct smug_world *w = g->names;

	for (int i = 0; w && i < w->n_wards; i++) {
		const char *name = w->wards[i].name;
		size_t len = strlen(name);

		/* a start k bytes before the cut, 0 < k < len */
		for (size_t k = 1; k < len && k <= (size_t)(cut - kept); k++)
			if (strncmp(cut - k, name, len) == 0)
				return true;
	}
	return false;
}

static void watch_label(struct canvas *cv, int y, int col, const char *kept, size_t bytes, const char *rest)
{
	const char *end = kept + bytes, *word, *fig, *cut = rest;
	bool gap = *rest == ' ';

	if (cv->grid == NULL)
		return;
	while (end > kept && end[-1] == ' ') {
		end--;
		gap = true;
	}
	while (*rest == ' ')
		rest++;
	fig = rest + (*rest == '-' || *rest == '+');
	if (!gap || end == kept || !is_letter(end[-1]) || !is_digit(*fig) || cuts_a_name(cv->grid, kept, cut))
		return;
	for (word = end; word > kept && word[-1] != ' '; word--)
		;
	if (cv->grid->dropped_figures++ == 0)
		snprintf(cv->grid->first_dropped, sizeof cv->grid->first_dropped, "row %d col %d: '%.*s' without its '%.*s'",
			 cv->y0 + y, cv->x0 + col, (int)(end - word) > 24 ? 24 : (int)(end - word), word,
			 (int)strcspn(rest, " ,;)") > 20 ? 20 : (int)strcspn(rest, " ,;)"), rest);
}

void canvas_clear(struct canvas *cv)
{
	for (int y = 0; y < cv->h; y++)
		canvas_fill_row(cv, y, 0, ROLE_NORMAL);
}

/* Put one character of `w` columns (1 or 2) in cell (row, col) of g:
 * a wide character it overwrites half of gives its other half a space;
 * a wide one takes the next cell too (left empty). */
static void grid_put(struct tui_grid *g, int row, int col, const char *s, int n, int w, enum tui_role r)
{
	char(*c)[CELL_BYTES] = g->cell + (size_t)row * (size_t)g->w;
	int b;

	for (int k = col; k < col + w && k < g->w; k++) {
		if (c[k][0] == '\0' && k > 0 && k == col) /* the right half of a wide one */
			snprintf(c[k - 1], sizeof c[k - 1], " ");
		if (k + 1 < g->w && k == col + w - 1 && text_char_cols(c[k], &b) == 2)
			snprintf(c[k + 1], sizeof c[k + 1], " ");
	}
	memcpy(c[col], s, (size_t)n);
	c[col][n] = '\0';
	g->role[row * g->w + col] = (unsigned char)r;
	if (w == 2 && col + 1 < g->w) {
		c[col + 1][0] = '\0';
		g->role[row * g->w + col + 1] = (unsigned char)r;
	}
}

/* The bytes of the combining accents (U+0300..U+036F) that start s, at
 * most room of them: they go in the cell of the letter before them, as
 * the terminal draws them ("e" and U+0301 read "é"). */
static int combining_marks(const char *s, int room)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = 0;

	while (n + 2 <= room && ((u[n] == 0xcc && u[n + 1] >= 0x80 && u[n + 1] <= 0xbf) ||
				 (u[n] == 0xcd && u[n + 1] >= 0x80 && u[n + 1] <= 0xaf)))
		n += 2;
	return n;
}

int canvas_text(struct canvas *cv, int y, int x, enum tui_role r, const char *s)
{
	const char *start = s;
	int col = 0;
	char kept = ' ';

	if (y < 0 || y >= cv->h || x >= cv->w)
		return 0;
	if (cv->win)
		wattrset((WINDOW *)cv->win, cv->th->attr[r]);
	/* a character per cell, a wide one (East Asian scripts, emoji) two;
	 * one that would cross the edge is not drawn, nor one of no width
	 * but the combining accents after a letter, drawn in its cell */
	while (*s && x + col < cv->w) {
		int n, w = text_char_cols(s, &n);

		if (w == 0) {
			s += n;
			continue;
		}
		if (x + col + w > cv->w)
			break;
		n += combining_marks(s + n, CELL_BYTES - 1 - n);
		if (x + col >= 0) {
			if (cv->grid)
				grid_put(cv->grid, cv->y0 + y, cv->x0 + x + col, s, n, w, r);
			else
				mvwaddnstr((WINDOW *)cv->win, cv->y0 + y, cv->x0 + x + col, s, n);
		}
		kept = *s;
		s += n;
		col += w;
	}
	if (*s && cv->grid && cuts_number(kept, s)) {
		if (cv->grid->cut_numbers++ == 0)
			snprintf(cv->grid->first_cut, sizeof cv->grid->first_cut,
				 "row %d col %d: '%c' then '%.20s'", cv->y0 + y, cv->x0 + x + col, kept, s);
	} else if (*s) {
		watch_label(cv, y, x + col, start, (size_t)(s - start), s);
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

/* Where to cut s to keep at most n columns: never inside a number
 * (digits with their separators), so a value is dropped whole; returns
 * the bytes kept. */
static size_t safe_cut(const char *s, int n)
{
	const char *p = s, *cut;
	int cols = 0, b;

	while (*p) {
		int w = text_char_cols(p, &b);

		if (cols + w > n)
			break;
		cols += w;
		p += b;
	}
	cut = p;
	while (cut > s && cuts_number(cut[-1], cut))
		cut--;
	return (size_t)(cut - s);
}

/* The first `bytes` of s and an ellipsis, in width columns padded (a
 * text of any length: a long one is copied to the heap). */
static int fit_shortened(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s, size_t bytes)
{
	size_t size = bytes + strlen(cv->th->g->ellipsis) + 1;
	char small[512], *buf = size <= sizeof small ? small : tui_xmalloc(size);

	memcpy(buf, s, bytes);
	snprintf(buf + bytes, size - bytes, "%s", cv->th->g->ellipsis);
	watch_label(cv, y, x + text_cols(buf) - 1, s, bytes, s + bytes);
	for (int i = 0; i < width; i++)
		canvas_text(cv, y, x + i, r, " ");
	canvas_text(cv, y, x, r, buf);
	if (buf != small)
		free(buf);
	return width;
}

int canvas_fit(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s, bool right)
{
	int n = text_cols(s);

	if (width <= 0)
		return 0;
	if (n > width) /* keep what fits of width-1 columns, and an ellipsis */
		return fit_shortened(cv, y, x, width, r, s, safe_cut(s, width - 1));
	for (int i = 0; i < width; i++)
		canvas_text(cv, y, x + i, r, " ");
	canvas_text(cv, y, right ? x + width - n : x, r, s);
	return width;
}

/* Where to cut s to keep at most n columns and no label whose figure
 * goes: as safe_cut, then back before a word that a space and a number
 * follow ("after 2 days" kept as "after" loses the word too). */
static size_t label_safe_cut(const char *s, int n)
{
	size_t bytes = safe_cut(s, n);

	for (;;) {
		const char *end = s + bytes, *rest = end, *word;

		while (end > s && end[-1] == ' ')
			end--;
		while (*rest == ' ')
			rest++;
		rest += *rest == '-' || *rest == '+';
		if (end == s || (end == s + bytes && s[bytes] != ' ') || !is_letter(end[-1]) || !is_digit(*rest))
			return bytes;
		for (word = end; word > s && word[-1] != ' '; word--)
			;
		bytes = (size_t)(word - s);
	}
}

/* ---- shortening by whole parts: a text split at a separator, some
 * parts left out and an ellipsis where they were ---- */

#define MAX_PARTS 64

struct parts {
	const char *at[MAX_PARTS]; /* each part's start */
	size_t len[MAX_PARTS];	   /* and its bytes */
	bool keep[MAX_PARTS];
	int n;
};

/* Split s at every sep; false when it has more parts than we hold. */
static bool parts_split(struct parts *p, const char *s, const char *sep)
{
	size_t k = strlen(sep);

	p->n = 0;
	for (;;) {
		const char *end = strstr(s, sep);

		if (p->n == MAX_PARTS)
			return false;
		p->at[p->n] = s;
		p->len[p->n] = end ? (size_t)(end - s) : strlen(s);
		p->keep[p->n] = true;
		p->n++;
		if (end == NULL)
			return true;
		s = end + k;
	}
}

static bool has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_digit(s[i]))
			return true;
	return false;
}

/* The kept parts joined by sep, an ellipsis where parts were left out:
 * "a, …, d" would be long, so a run left out after a part reads "a,…"
 * (its separator's first character and the ellipsis) and then the next
 * part after the separator's tail ("a,… d"; "n:1>…>n:9" for ">"). */
static void parts_join(const struct parts *p, const char *sep, const char *ell, char *out, size_t size)
{
	size_t at = 0, k = strlen(sep);
	bool gap = false, any = false;

#define PUT(str, n)                                                              \
	do {                                                                     \
		size_t n_ = (n);                                                 \
		if (at + n_ < size) {                                            \
			memcpy(out + at, (str), n_);                             \
			at += n_;                                                \
		}                                                                \
	} while (0)
	for (int i = 0; i < p->n; i++) {
		if (!p->keep[i]) {
			gap = true;
			continue;
		}
		if (any && gap) {
			PUT(sep, k > 1 ? k - 1 : k); /* "," of ", "; ">" */
			PUT(ell, strlen(ell));
			PUT(sep + (k > 1 ? k - 1 : 0), k > 1 ? 1 : k);
		} else if (any) {
			PUT(sep, k);
		} else if (gap) {
			PUT(ell, strlen(ell));
		}
		PUT(p->at[i], p->len[i]);
		any = true;
		gap = false;
	}
	if (gap) {
		if (any)
			PUT(sep, k > 1 ? k - 1 : k);
		PUT(ell, strlen(ell));
	}
#undef PUT
	out[at] = '\0';
}

/* A route whose first and last parts do not fit whole around the
 * ellipsis: the first cut at its end (a list's rank and score before the
 * first node stay) and the last in its middle ("n:23.0…point", the
 * destination's start and end), sharing the width; false when either
 * would keep fewer than 4 columns. */
static bool fit_route_ends(struct canvas *cv, int y, int x, int width, enum tui_role r, const struct parts *p,
			   const char *sep)
{
	const char *ell = cv->th->g->ellipsis;
	char mid[32], first[1024], last[1024], tail[1024], out[2100];
	int room, kl, kf;

	snprintf(mid, sizeof mid, p->n > 2 ? "%s%s%s" : "%s", sep, ell, sep);
	room = width - text_cols(mid);
	snprintf(first, sizeof first, "%.*s", (int)p->len[0], p->at[0]);
	snprintf(last, sizeof last, "%.*s", (int)p->len[p->n - 1], p->at[p->n - 1]);
	kl = text_cols(last) < room / 2 ? text_cols(last) : room / 2;
	kf = room - kl;
	if (kl < 4 || kf < 4)
		return false;
	text_cut_middle(last, kl, ell, tail, sizeof tail);
	if (text_cols(first) > kf)
		snprintf(first + safe_cut(first, kf - text_cols(ell)), sizeof first - safe_cut(first, kf - text_cols(ell)),
			 "%s", ell);
	snprintf(out, sizeof out, "%s%s%s", first, mid, tail);
	canvas_fit(cv, y, x, width, r, out, false);
	return true;
}

int canvas_fit_route(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s,
		     const char *sep)
{
	struct parts p;
	char out[1024];

	if (width <= 1 || text_cols(s) <= width || !parts_split(&p, s, sep) || p.n < 2)
		return canvas_fit(cv, y, x, width, r, s, false);
	/* the middle parts go from the first on: the first and the last
	 * stay, and as many before the last as fit */
	for (int i = 1; i < p.n - 1; i++) {
		p.keep[i] = false;
		parts_join(&p, sep, cv->th->g->ellipsis, out, sizeof out);
		if (text_cols(out) <= width)
			return canvas_fit(cv, y, x, width, r, out, false);
	}
	return fit_route_ends(cv, y, x, width, r, &p, sep) ? width : canvas_fit(cv, y, x, width, r, s, false);
}

/* Does the text joined from p fit, drawn when it does. */
static bool parts_try(struct canvas *cv, int y, int x, int width, enum tui_role r, const struct parts *p)
{
	char out[1024];

	parts_join(p, ", ", cv->th->g->ellipsis, out, sizeof out);
	if (text_cols(out) > width)
		return false;
	canvas_fit(cv, y, x, width, r, out, false);
	return true;
}

/* The first part stays, and the last part with a figure: the parts
 * without one go first (the last first), then those with one between
 * the two, from the front ("inspected,… bribe taken 60.75"). False when
 * even the two do not fit, or no part after the first has a figure. */
static bool fit_figures(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s)
{
	struct parts p;
	int last = -1;

	if (!parts_split(&p, s, ", "))
		return false;
	for (int i = 1; i < p.n; i++)
		if (has_digit(p.at[i], p.len[i]))
			last = i;
	if (last < 0)
		return false; /* nothing after the first to keep whole: the leading parts */
	for (int i = p.n - 1; i >= 1; i--)
		if (!has_digit(p.at[i], p.len[i])) {
			p.keep[i] = false;
			if (parts_try(cv, y, x, width, r, &p))
				return true;
		}
	for (int i = 1; i < last; i++)
		if (p.keep[i]) {
			p.keep[i] = false;
			if (parts_try(cv, y, x, width, r, &p))
				return true;
		}
	return false;
}

int canvas_fit_parts(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s)
{
	size_t bytes = 0, room;

	if (width <= 1 || text_cols(s) <= width)
		return canvas_fit(cv, y, x, width, r, s, false);
	if (fit_figures(cv, y, x, width, r, s))
		return width;
	room = safe_cut(s, width - 1); /* width-1 columns: a comma there is kept */
	/* the leading parts that fit whole with their comma, and the ellipsis */
	for (const char *comma = strstr(s, ", "); comma && (size_t)(comma - s) + 1 <= room;
	     comma = strstr(comma + 1, ", "))
		bytes = (size_t)(comma - s) + 1;
	if (bytes == 0) /* the first part alone is too long */
		bytes = label_safe_cut(s, width - 1);
	return fit_shortened(cv, y, x, width, r, s, bytes);
}

/* The next row of wrapped text from *s (leading spaces skipped, *s set
 * to the row's start) in at most width columns, broken at the last space
 * when a word would run over: the row's text into line; returns where
 * the rest begins. */
static const char *wrap_row(const char **s, int width, char *line, size_t size)
{
	int cols = 0, last_space = -1;
	size_t at = 0, space_at = 0;
	const char *p = *s;

	while (*p == ' ')
		p++;
	*s = p;
	/* take characters while they fit; remember the last space */
	while (*p && at + 4 < size) {
		int n, w = text_char_cols(p, &n);

		if (cols + w > width)
			break;
		if (*p == ' ') {
			last_space = cols;
			space_at = at;
		}
		memcpy(line + at, p, (size_t)n);
		at += (size_t)n;
		p += n;
		cols += w;
	}
	if (*p && *p != ' ' && last_space > 0) { /* break at the last space */
		at = space_at;
		p = *s + space_at;
	}
	line[at] = '\0';
	return p;
}

int canvas_wrap(struct canvas *cv, int y, int x, int width, int max_rows, enum tui_role r, const char *s)
{
	int rows = 0;
	char line[512];

	if (width > 8)
		width--; /* wrapped text keeps off the frame */
	while (*s && rows < max_rows && width > 0) {
		const char *p = wrap_row(&s, width, line, sizeof line);

		if (rows == max_rows - 1 && *p) {
			/* the last row and more to say: the rest, shortened safely */
			canvas_fit(cv, y + rows, x, width, r, s, false);
			rows++;
			break;
		}
		canvas_text(cv, y + rows, x, r, line);
		rows++;
		s = p;
	}
	return rows;
}

int canvas_wrap_rows(int width, const char *s)
{
	int rows = 0;
	char line[512];

	if (width > 8)
		width--; /* as canvas_wrap */
	if (width <= 0)
		return *s ? INT_MAX : 0;
	while (*s) {
		const char *rest = wrap_row(&s, width, line, sizeof line);

		s = rest;
		rows++;
	}
	return rows;
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
	char t[256];

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
	if (cv->w < 6)
		return;
	snprintf(t, sizeof t, "%s%s%s", focused ? "[" : " ", title, focused ? "]" : " ");
	/* the title never runs over the corner: shortened with an ellipsis
	 * inside its brackets (a focused title keeps its "]"), and the frame's
	 * line goes on right after it, where a cut that keeps a number whole
	 * stopped short (no blank columns before the corner) */
	if (text_cols(t) > cv->w - 3) {
		int keep = cv->w - 3 - 2 - text_cols(g->ellipsis);
		size_t bytes = keep > 0 ? safe_cut(title, keep) : 0;

		snprintf(t, sizeof t, "%s%.*s%s%s", focused ? "[" : " ", (int)bytes, title, g->ellipsis,
			 focused ? "]" : " ");
		watch_label(cv, 0, 1 + text_cols(t) - 2, title, bytes, title + bytes);
	}
	canvas_text(cv, 0, 1, focused ? ROLE_FOCUS : ROLE_TITLE, t);
}

struct canvas canvas_sub(const struct canvas *cv, int y, int x, int h, int w)
{
	struct canvas s = *cv;

	if (y < 0)
		y = 0;
	if (x < 0)
		x = 0;
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
