/* The cockpit: an ncurses front end over a read-only view of the core.
 * Panes draw into a canvas (canvas.c, the only file that calls curses
 * drawing) that has two back ends: curses windows and an in-memory grid
 * used by golden-screen tests. The world changes only through the
 * command API (smugnet.h) and the vault (vault.h). */
#ifndef SMUGNET_TUI_H
#define SMUGNET_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "smugnet/smugnet.h"

struct tui_options {
	const char *vault_root;
	const char *seed_name;
	bool no_color;
	bool ascii;
	bool no_mouse;
};

/* Run the cockpit on *w (which a load may replace); returns an exit code. */
int tui_run(struct smug_world **w, const struct tui_options *opt);

/* ---- theme.c: colour roles and glyph sets ---- */
enum tui_role {
	ROLE_NORMAL,
	ROLE_TITLE,
	ROLE_FOCUS,
	ROLE_DIM,
	ROLE_GOOD,
	ROLE_BAD,
	ROLE_WARN,
	ROLE_SELECT,
	ROLE_HEAT0,
	ROLE_HEAT1,
	ROLE_HEAT2,
	ROLE_HEAT3,
	ROLE_CRACKDOWN,
	ROLE_WARD,
	ROLE_COUNT
};

struct tui_glyphs {
	const char *heat[4];	/* border heat levels, low to high */
	const char *crackdown;	/* border under crackdown */
	const char *well;	/* the Well at the map centre */
	const char *spark[8];	/* sparkline levels */
	const char *delivered, *seized, *lost;
	const char *arrow, *vline, *hline;
};

struct tui_theme {
	bool color, ascii;
	int attr[ROLE_COUNT]; /* curses attribute of each role */
	const struct tui_glyphs *g;
};

/* color: use colours if the terminal has them (needs initscr first). */
void theme_init(struct tui_theme *th, bool color, bool ascii);

/* ---- canvas.c ---- */
struct tui_grid; /* in-memory screen */

struct canvas {
	const struct tui_theme *th;
	void *win;		/* curses WINDOW *, or NULL for the memory back end */
	struct tui_grid *grid;	/* memory back end */
	int y0, x0;		/* origin inside the grid (memory back end) */
	int h, w;
};

struct tui_grid *grid_new(int h, int w);
void grid_free(struct tui_grid *g);
/* The grid as UTF-8 text, one line per row, trailing spaces trimmed.
 * Caller frees. */
char *grid_dump(const struct tui_grid *g);

void canvas_clear(struct canvas *cv);
/* Print UTF-8 text at (y, x), clipped to the canvas; returns columns used. */
int canvas_text(struct canvas *cv, int y, int x, enum tui_role r, const char *s);
int canvas_printf(struct canvas *cv, int y, int x, enum tui_role r, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Fill a row from x to the right edge with spaces in role r. */
void canvas_fill_row(struct canvas *cv, int y, int x, enum tui_role r);
void canvas_box(struct canvas *cv, const char *title, bool focused);
/* A sub-canvas of cv (inside its border when inner). */
struct canvas canvas_sub(const struct canvas *cv, int y, int x, int h, int w);

/* ---- the app state shared by panes ---- */
enum tui_pane { PANE_FACTIONS, PANE_ROUTES, PANE_BORDERS, PANE_EVENTS, PANE_COUNT };
enum tui_heat { HEAT_TRAFFIC, HEAT_SEIZURES, HEAT_BRIBES, HEAT_COUNT };
enum tui_overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_WHY, OVERLAY_LOAD };
enum tui_prompt {
	PROMPT_NONE,
	PROMPT_SAVE,	  /* seed name */
	PROMPT_OVERWRITE, /* y/n */
	PROMPT_STEPS,	  /* number of days */
	PROMPT_FILTER,	  /* event log filter */
	PROMPT_QUIT,	  /* y/n with unsaved changes */
};

struct tui_app {
	struct smug_world *w;
	struct tui_theme th;
	const struct tui_options *opt;
	char vault_root[512];
	char seed_name[64];
	bool unsaved;
	bool running;
	int speed; /* index into the speed table */
	enum tui_pane focus;
	enum tui_overlay overlay;
	int faction;	       /* selected faction index */
	int route_sel;	       /* selected decision row in the routes pane */
	int border_sel;	       /* selected row in the border table */
	int border_sort;       /* 0 traffic, 1 seizures, 2 bribes */
	enum tui_heat heat;
	int event_scroll;      /* rows scrolled up from the newest */
	char filter[64];       /* event log filter: kind or faction substring */
	int why_scroll;
	int load_sel;
	struct smug_seed_info *seeds;
	int n_seeds;
	char status[160];      /* one-line message in the footer */
	enum tui_prompt prompt;
	char input[64];	       /* what the user typed at the prompt */
	int rows, cols;
};

/* Rows of the border table in the current sort: corridor indices of
 * borders with traffic, at most max. */
int pane_borders_rows(const struct tui_app *a, int *out, int max);
/* Network factions in id order. */
int tui_network_factions(const struct smug_world *w, int *out, int max);

void pane_header_draw(const struct tui_app *a, struct canvas *cv);
void pane_factions_draw(const struct tui_app *a, struct canvas *cv, bool focused);
void pane_routes_draw(const struct tui_app *a, struct canvas *cv, bool focused);
void pane_why_draw(const struct tui_app *a, struct canvas *cv);
void pane_borders_draw(const struct tui_app *a, struct canvas *cv, bool focused);
void pane_events_draw(const struct tui_app *a, struct canvas *cv, bool focused);
void pane_footer_draw(const struct tui_app *a, struct canvas *cv);
void pane_help_draw(const struct tui_app *a, struct canvas *cv);
/* Events of the log after the filter, oldest first; returns the count. */
int pane_events_visible(const struct tui_app *a, int *out, int max);

/* ---- keymap.c: the one key table ---- */
enum tui_action {
	ACT_NONE, ACT_HELP, ACT_QUIT, ACT_FOCUS_NEXT, ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT,
	ACT_STEP, ACT_STEP_N, ACT_RUN, ACT_FASTER, ACT_SLOWER, ACT_CRACKDOWN, ACT_AUTO,
	ACT_SAVE, ACT_LOAD, ACT_FILTER, ACT_ENTER, ACT_BACK, ACT_HEAT, ACT_SORT,
};

struct tui_key {
	int key;	   /* curses key code or character */
	const char *label; /* as shown in help and footer */
	enum tui_action action;
	unsigned panes;	   /* bit per enum tui_pane where it applies; ~0u = everywhere */
	const char *help;
};

const struct tui_key *keymap_table(int *n);
enum tui_action keymap_lookup(int key);
/* Footer text for a pane: "label what" pairs that apply there. */
void keymap_footer(enum tui_pane p, char *buf, size_t size);

/* ---- app.c: render a whole frame to a memory grid (golden tests) ---- */
void tui_app_init(struct tui_app *a, struct smug_world *w, const struct tui_options *opt);
void tui_app_done(struct tui_app *a);
void tui_render(struct tui_app *a, struct canvas *screen);
/* Apply one key to the app without a terminal (used by tests). Returns
 * false when the key asks to quit. */
bool tui_handle_key(struct tui_app *a, int key);

#endif
