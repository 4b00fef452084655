/* Colour roles and glyph sets, through one table: 256 colours where the
 * terminal has them, an 8-colour fallback, monochrome (NO_COLOR,
 * --no-color) with bold/reverse/underline carrying emphasis, and an
 * ASCII glyph set for terminals without UTF-8. Meaning is never carried
 * by colour alone: every heat level and mark has its own glyph, and no
 * glyph means two things (a crackdown is not a seizure). */
#include <curses.h>

#include "tui/tui.h"

static const struct tui_glyphs utf8_glyphs = {
	.heat = {"\xc2\xb7", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x88"}, /* · ░ ▒ █ */
	.crackdown = "\xe2\x8a\x97",					       /* ⊗ */
	.flash = "\xe2\x9c\xb8",					       /* ✸ */
	.shipment = "\xe2\x80\xa2",					       /* • */
	.well = "\xe2\x97\x8e",						       /* ◎ */
	.ward = "\xe2\x97\x8b",						       /* ○ */
	.spark = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85",
		  "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"},
	.delivered = "\xe2\x97\x8f", /* ● */
	.seized = "\xe2\x9c\x96",    /* ✖ */
	.lost = "\xe2\x97\x8c",	     /* ◌ */
	.arrow = "\xe2\x86\x92",     /* → */
	.vline = "\xe2\x94\x82",     /* │ */
	.hline = "\xe2\x94\x80",     /* ─ */
	.line_h = "\xe2\x94\x80",    /* ─ */
	.line_v = "\xe2\x94\x82",    /* │ */
	.line_up = "\xe2\x95\xb1",   /* ╱ */
	.line_down = "\xe2\x95\xb2", /* ╲ */
	.up = "\xe2\x86\x91",	     /* ↑ */
	.down = "\xe2\x86\x93",	     /* ↓ */
	.flat = "\xe2\x86\x92",	     /* → */
	.sort_up = "\xe2\x96\xb4",   /* ▴ */
	.sort_down = "\xe2\x96\xbe", /* ▾ */
	.ellipsis = "\xe2\x80\xa6",  /* … */
	.bar_full = "\xe2\x96\x88",
	.bar_part = {" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85",
		     "\xe2\x96\x86", "\xe2\x96\x87"},
	.bar_empty = "\xe2\x96\x91", /* ░ */
	.hatch = "\xe2\x95\xb1",     /* ╱ */
	.mark = "\xe2\x94\x83",	     /* ┃ */
	.axis = "\xe2\x94\xa4",	     /* ┤ */
	.braille = true,
};

static const struct tui_glyphs ascii_glyphs = {
	.heat = {".", "-", "=", "#"},
	.crackdown = "C",
	.flash = "!",
	.shipment = "*",
	.well = "@",
	.ward = "o",
	.spark = {"_", ".", "-", "=", "+", "*", "%", "#"},
	.delivered = "+",
	.seized = "x",
	.lost = "o",
	.arrow = ">",
	.vline = "|",
	.hline = "-",
	.line_h = "-",
	.line_v = "|",
	.line_up = "/",
	.line_down = "\\",
	.up = "^",
	.down = "v",
	.flat = "=",
	.sort_up = "^",
	.sort_down = "v",
	.ellipsis = "~",
	.bar_full = "#",
	.bar_part = {" ", ".", ".", ":", ":", "=", "=", "#"},
	.bar_empty = ".",
	.hatch = "/",
	.mark = "|",
	.axis = "+",
	.braille = false,
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
	[ROLE_WARD] = {252, COLOR_WHITE, A_BOLD, A_BOLD},
	[ROLE_LINE] = {238, COLOR_BLUE, A_DIM, A_NORMAL},
	[ROLE_SHIPMENT] = {51, COLOR_CYAN, A_BOLD, A_BOLD},
	[ROLE_SHADE] = {133, COLOR_MAGENTA, A_DIM, A_NORMAL},
	[ROLE_SERIES2] = {203, COLOR_RED, A_NORMAL, A_NORMAL},
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
