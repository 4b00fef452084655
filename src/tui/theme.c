/* Colour roles and glyph sets, through one table: 256 colours where the
 * terminal has them, an 8-colour fallback, monochrome (NO_COLOR,
 * --no-color) with bold/reverse/underline carrying emphasis, and an
 * ASCII glyph set for terminals without UTF-8. Meaning is never carried
 * by colour alone: every heat level and mark has its own glyph. */
#include <curses.h>

#include "tui/tui.h"

static const struct tui_glyphs utf8_glyphs = {
	.heat = {"\xc2\xb7", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x88"}, /* · ░ ▒ █ */
	.crackdown = "\xe2\x9c\x96",					       /* ✖ */
	.well = "\xe2\x97\x8e",						       /* ◎ */
	.spark = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85",
		  "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"},
	.delivered = "\xe2\x97\x8f", /* ● */
	.seized = "\xe2\x9c\x96",    /* ✖ */
	.lost = "\xe2\x97\x8b",	     /* ○ */
	.arrow = "\xe2\x86\x92",     /* → */
	.vline = "\xe2\x94\x82",
	.hline = "\xe2\x94\x80",
};

static const struct tui_glyphs ascii_glyphs = {
	.heat = {".", ":", "o", "#"},
	.crackdown = "X",
	.well = "@",
	.spark = {"_", ".", "-", "=", "+", "*", "%", "#"},
	.delivered = "+",
	.seized = "X",
	.lost = "o",
	.arrow = ">",
	.vline = "|",
	.hline = "-",
};

struct role_style {
	short fg256, fg8; /* -1 = default */
	int mono;	  /* attribute without colour */
	int extra;	  /* attribute added with colour */
};

static const struct role_style styles[ROLE_COUNT] = {
	[ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
	[ROLE_TITLE] = {75, COLOR_CYAN, A_BOLD, A_BOLD},
	[ROLE_FOCUS] = {220, COLOR_YELLOW, A_BOLD | A_UNDERLINE, A_BOLD},
	[ROLE_DIM] = {244, COLOR_BLUE, A_DIM, A_NORMAL},
	[ROLE_GOOD] = {77, COLOR_GREEN, A_NORMAL, A_NORMAL},
	[ROLE_BAD] = {203, COLOR_RED, A_BOLD, A_BOLD},
	[ROLE_WARN] = {214, COLOR_YELLOW, A_BOLD, A_NORMAL},
	[ROLE_SELECT] = {-1, -1, A_REVERSE, A_REVERSE},
	[ROLE_HEAT0] = {240, COLOR_BLUE, A_DIM, A_NORMAL},
	[ROLE_HEAT1] = {149, COLOR_GREEN, A_NORMAL, A_NORMAL},
	[ROLE_HEAT2] = {214, COLOR_YELLOW, A_NORMAL, A_BOLD},
	[ROLE_HEAT3] = {196, COLOR_RED, A_BOLD, A_BOLD},
	[ROLE_CRACKDOWN] = {201, COLOR_MAGENTA, A_BOLD | A_REVERSE, A_BOLD},
	[ROLE_WARD] = {252, COLOR_WHITE, A_NORMAL, A_NORMAL},
};

void theme_init(struct tui_theme *th, bool color, bool ascii)
{
	th->ascii = ascii;
	th->color = false;
	th->g = ascii ? &ascii_glyphs : &utf8_glyphs;
	for (int r = 0; r < ROLE_COUNT; r++)
		th->attr[r] = styles[r].mono;
	if (!color || stdscr == NULL || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	th->color = true;
	for (int r = 1; r < ROLE_COUNT; r++) {
		short fg = COLORS >= 256 ? styles[r].fg256 : styles[r].fg8;

		init_pair((short)r, fg, -1);
		th->attr[r] = (int)COLOR_PAIR(r) | styles[r].extra;
	}
	th->attr[ROLE_NORMAL] = A_NORMAL;
	th->attr[ROLE_SELECT] = A_REVERSE;
}
