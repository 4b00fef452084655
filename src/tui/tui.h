/* The cockpit: an ncurses front end over a read-only view of the core.
 * Panes and views draw into a canvas (canvas.c, the only file that calls
 * curses drawing) that has two back ends: curses windows and an
 * in-memory grid used by golden-screen tests. The world changes only
 * through the command API (smugnet.h) and the vault (vault.h).
 *
 * The main view is five panes (Factions, Routes, Borders, Map, Events);
 * full-screen views (help, why, chart, map, commodities, story, load)
 * are entries of one table (view.c), each in its own file. One key table
 * (keymap.c) drives the keys, the help, the footer and the man page. */
#ifndef SMUGNET_TUI_H
#define SMUGNET_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The terminal for a full-screen loop: locale, curses modes, signals that
 * restore the screen, colours (theme); -1 when it cannot start (a
 * terminal type curses does not know), having said so on stderr. */
struct tui_theme;
int tui_term_begin(const struct tui_options *opt, struct tui_theme *th);
void tui_term_end(void);

/* The cockpit's allocator: malloc, calloc and realloc that never return
 * NULL. Out of memory is fatal: the terminal is restored (if it was
 * begun), "smugnet: out of memory" said on stderr, and the program
 * aborts. */
void *tui_xmalloc(size_t size);
void *tui_xcalloc(size_t n, size_t size);
void *tui_xrealloc(void *p, size_t size);

/* ---- sweep_view.c: the cockpit on a sweep folder (smugnet --sweep DIR) ---- */
/* One figure's fan: per setting and per point of the series, the 5, 25,
 * 50, 75 and 95 percentiles over the setting's tasks. */
struct tui_fan {
	const char *title; /* "balance of syndicate (credits)" */
	bool money;	   /* values are credits */
	int n_points;
	const int *days;   /* [n_points]: the day each point closes */
	const double *q;   /* [setting][point][5] */
};
struct tui_sweep {
	const char *title;	   /* the sweep: folder, tasks, settings, days */
	int n_settings;
	const char *const *labels; /* per setting: "key=v key2=w" */
	const long long *n;	   /* tasks per setting with a result (percentiles NaN at 0) */
	int n_fans;
	const struct tui_fan *fans;
	/* The table's setting column: its head, the keys every setting
	 * sets ("smuggling.learning_rate, smuggling.route_topk"), and per
	 * setting its values in that order ("0.15, 3"); NULL: the labels,
	 * under "setting". */
	const char *keys;
	const char *const *values;
};
/* Show the fans until q; returns an exit code. */
int tui_sweep_run(const struct tui_sweep *sw, const struct tui_options *opt);
struct canvas;
/* Draw fan `fan` with setting `sel` highlighted into cv (golden tests too). */
void tui_sweep_draw(struct canvas *cv, const struct tui_sweep *sw, int fan, int sel);

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
	ROLE_LINE,     /* corridor lines on the map */
	ROLE_SHIPMENT, /* shipments in transit on the map */
	ROLE_SHADE,    /* shaded periods of a chart */
	ROLE_SERIES2,  /* a chart's second series */
	ROLE_COUNT
};

struct tui_glyphs {
	const char *heat[4];	/* border heat levels, low to high */
	const char *crackdown;	/* border under crackdown */
	const char *flash;	/* a seizure at this border today */
	const char *shipment;	/* a shipment in transit */
	const char *well;	/* the Well at the map centre */
	const char *ward;	/* a ward whose label does not fit */
	const char *spark[8];	/* sparkline levels */
	const char *delivered, *seized, *lost;
	const char *arrow, *vline, *hline;
	const char *line_h, *line_v, *line_up, *line_down; /* map corridors: - | / \ */
	const char *up, *down, *flat;	/* trend arrows */
	const char *sort_up, *sort_down;
	const char *ellipsis;
	const char *bar_full, *bar_part[8], *bar_empty; /* proportional bars */
	const char *hatch;	/* chart shading */
	const char *mark;	/* a marker on a bar */
	const char *axis;	/* a chart's y axis */
	bool braille;		/* charts in braille dots (else ASCII points) */
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
	int y0, x0;		/* origin inside the window or grid */
	int h, w;
};

struct tui_grid *grid_new(int h, int w);
void grid_free(struct tui_grid *g);
/* The grid as UTF-8 text, one line per row, trailing spaces trimmed.
 * Caller frees. */
char *grid_dump(const struct tui_grid *g);
/* The role (so the colour and attributes) cell (y, x) was last drawn
 * in, or -1 outside the grid: what a test reads of highlights and series
 * colours. */
int grid_role(const struct tui_grid *g, int y, int x);
/* Text drawn so far that the canvas clipped in the middle of a number
 * (a digit kept and a digit dropped): the count, and the first case. */
int grid_cut_numbers(const struct tui_grid *g, char *first, size_t size);
/* Labels the canvas kept while it dropped their figure whole, clipped
 * or shortened with an ellipsis ("loss 1.87" drawn as "loss …"): a word,
 * a space, then a number left out. The count, and the first case. A
 * ward name of the world given to grid_know_names that runs across the
 * cut ("Middle Ward 5" drawn as "Middle Ward …") is a name shortened,
 * not a label, and is left out. */
int grid_dropped_figures(const struct tui_grid *g, char *first, size_t size);
/* The world whose ward names grid_dropped_figures knows as names
 * (borrowed while the grid draws; NULL: none). */
void grid_know_names(struct tui_grid *g, const struct smug_world *w);

void canvas_clear(struct canvas *cv);
/* Print UTF-8 text at (y, x), clipped to the canvas; returns columns used. */
int canvas_text(struct canvas *cv, int y, int x, enum tui_role r, const char *s);
int canvas_printf(struct canvas *cv, int y, int x, enum tui_role r, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Text fitted into `width` columns: shortened with an ellipsis when too
 * long, padded; right-aligned when right. Returns columns used (width). */
int canvas_fit(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s,
	       bool right);
/* Text of comma-separated parts ("3 hops, bribes 12.00, exploring")
 * fitted into width columns as canvas_fit does, but shortened by whole
 * parts, words before figures: the first part stays and so does the
 * last part with a number, the parts between going (those without a
 * number first, the last first), an ellipsis where they were
 * ("inspected,… bribe taken 60.75"). When even those two do not fit, or
 * no part after the first has a number: the leading parts that fit,
 * each with its comma, then an ellipsis ("3 hops,…"); and when the
 * first part alone is too long, it is cut at the last column that keeps
 * no label without its figure ("after 2 days" loses "after" with the
 * 2). Returns width. */
int canvas_fit_parts(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s);
/* A route of parts joined by sep ("n:1>n:2>n:3>n:9") fitted into width
 * columns: the middle parts go first to last, so the first and the
 * destination stay with as many before it as fit ("n:1>…>n:3>n:9");
 * text before the first sep is part of the first part. When not even
 * those two fit whole, the first is cut at its end and the destination
 * in its middle ("1 29 n:24.0-ch…>…>n:23.…point"). Returns width. */
int canvas_fit_route(struct canvas *cv, int y, int x, int width, enum tui_role r, const char *s,
		     const char *sep);
/* Text wrapped at spaces into at most max_rows rows of width columns
 * (the last row shortened with an ellipsis at a space if it still does
 * not fit). Returns the rows used. */
int canvas_wrap(struct canvas *cv, int y, int x, int width, int max_rows, enum tui_role r,
		const char *s);
/* The rows canvas_wrap takes to show s whole at this width: s fits in
 * max_rows when this is at most max_rows. */
int canvas_wrap_rows(int width, const char *s);
/* Fill a row from x to the right edge with spaces in role r. */
void canvas_fill_row(struct canvas *cv, int y, int x, enum tui_role r);
void canvas_box(struct canvas *cv, const char *title, bool focused);
/* A sub-canvas of cv. */
struct canvas canvas_sub(const struct canvas *cv, int y, int x, int h, int w);
/* Terminal columns of UTF-8 text: one per character, two for a wide
 * one (East Asian scripts, emoji), none for a combining mark. */
int text_cols(const char *s);
/* The columns of the character at s (as text_cols counts them), its
 * bytes in *bytes. */
int text_char_cols(const char *s, int *bytes);
/* text in buf as it is when it has at most cols columns; else its
 * first and last characters around mark (which says it was cut), cols
 * columns at most in all, the start the larger half, so texts that differ
 * only at their end (a long --set value, a later key's value) stay
 * apart; true when cut. size: at least cols * 4 plus mark's bytes and 1. */
bool text_cut_middle(const char *text, int cols, const char *mark, char *buf, size_t size);

/* ---- format.c: numbers that fit, never cut ---- */
/* Minor units as credits in at most width columns: "1234.56", then
 * "1235", then "1.23k", "45.6M"... Always a whole value. */
void fmt_money(char *buf, size_t size, int64_t minor, int width);
/* Credits v (a percentile of balances, say) as text to the cent, "%.2f":
 * how sweep collect's table prints a percentile, and the text
 * minor_of_credits reads back, so both round the same cent. Returns what
 * snprintf returns. */
int fmt_cents(char *buf, size_t size, double v);
/* Credits v in minor units, read back from fmt_cents' text, so that
 * the cockpit shows the cent that sweep collect's table prints
 * (llround(v * 100) rounds 249955.175 up, printf down: the double is
 * below the half). */
int64_t minor_of_credits(double v);
/* A count in at most width columns: "12345", then "12.3k", "1.2M". */
void fmt_count(char *buf, size_t size, int64_t n, int width);
/* Credits with two decimals and thousands separators: "12,345.67". */
void fmt_credits(char *buf, size_t size, int64_t minor);

/* ---- table.c: columns chosen by priority per width ---- */
struct tui_col {
	const char *head;  /* header text */
	const char *group; /* label over a group of columns, or NULL */
	int width;	   /* columns (the minimum for a flex column) */
	int prio;	   /* 0 = always shown; larger is dropped first; below 0:
			    * never shown */
	bool right;	   /* right-aligned (numbers) */
	bool flex;	   /* takes the spare width (names) */
	int max;	   /* a flex column that is not the last grows to at most
			    * this (its longest text); 0: FLEX_CAP */
	const char *abbr;  /* the head when it and a sort mark do not fit
			    * ("day" for "today"), or NULL */
};

struct tui_table {
	struct tui_col cols[48]; /* a copy of the columns */
	int n;
	int vis[48]; /* shown columns, in column order */
	int x[48];   /* their x offsets */
	int w[48];   /* their widths */
	int n_vis;
	bool groups; /* some shown column has a group label */
};

/* Choose the columns that fit `width` (one space between columns):
 * columns with the largest prio are dropped first, never cut. */
void table_fit(struct tui_table *t, const struct tui_col *cols, int n, int width);
/* Shown position of column c, or -1. */
int table_pos(const struct tui_table *t, int c);
/* Header rows at y (group row first when t->groups); the column `sort`
 * (or -1) gets the sort mark. Returns the rows used. */
int table_header(struct canvas *cv, int y, const struct tui_table *t, int sort, bool desc);
/* One cell of a row. */
void table_cell(struct canvas *cv, int y, const struct tui_table *t, int c, enum tui_role r,
		const char *text);
/* The first of n list rows to show, `rows` at a time, so that row sel
 * (-1: none) is on screen: top moves only as far as sel needs, and no
 * further down than the last full page; never below 0. A list drawn
 * afresh each frame passes top 0 (the selection then sits at the foot). */
int table_scroll(int top, int sel, int rows, int n);

/* ---- chart.c: time series (btop style), reusable ---- */
struct chart_series {
	const char *label;
	const double *v;   /* n values; NAN = no data that day */
	enum tui_role role;
};

struct chart_spec {
	const char *title;
	int n;			/* points, one per day, oldest first */
	int first_day;		/* day of point 0, for the x axis */
	const struct chart_series *series;
	int n_series;
	const double *band_lo, *band_hi; /* optional fan band (n values each) */
	const bool *shade;	/* optional: n flags, shaded periods */
	const char *shade_label;/* legend text for the shading */
	bool money;		/* values are minor units: axis in credits */
	bool percent;		/* values in [0,1]: axis in per cent */
	bool bars;		/* vertical block bars instead of lines */
	bool legend_wrap;	/* legend entries that do not fit the title's row
				 * go on rows below it, in order, rather than
				 * being left out (a sweep's settings) */
};

/* Draw a chart into the whole canvas (cleared first): title and legend on the first row
 * (with legend_wrap, on as many more as the entries need, in order, each
 * whole, a label too long for a row cut in its middle, while the plot
 * keeps 3 rows; entries left over then counted, "+2 more"),
 * y axis labels that never cut a number, the x axis (days) at the
 * bottom, points in braille dots (UTF-8) or ASCII, shaded periods
 * hatched so they show in plain text too. */
void chart_draw(struct canvas *cv, const struct chart_spec *s);
/* A one-row sparkline of the last n values into width columns. */
void chart_spark(struct canvas *cv, int y, int x, int width, const double *v, int n,
		 enum tui_role r);

/* ---- the app state shared by panes and views ---- */
enum tui_pane { PANE_FACTIONS, PANE_ROUTES, PANE_BORDERS, PANE_MAP, PANE_EVENTS, PANE_COUNT };
enum tui_heat { HEAT_TRAFFIC, HEAT_SEIZURES, HEAT_BRIBES, HEAT_COUNT };
enum tui_view {
	VIEW_MAIN,
	VIEW_HELP,
	VIEW_WHY,
	VIEW_CHART,
	VIEW_MAP,
	VIEW_COMMODITIES,
	VIEW_STORY,
	VIEW_LOAD,
	VIEW_COMPARE, /* the what-if branch against the base (view_compare.c) */
	VIEW_CONFIG,  /* the knobs (view_config.c) */
	VIEW_TOPK,    /* TopK lists all-time and windowed (view_topk.c) */
	VIEW_COUNT
};
enum tui_prompt {
	PROMPT_NONE,
	PROMPT_SAVE,	  /* seed name */
	PROMPT_OVERWRITE, /* y/n */
	PROMPT_STEPS,	  /* number of days */
	PROMPT_FILTER,	  /* event log filter */
	PROMPT_QUIT,	  /* y/n with unsaved changes */
	PROMPT_REWIND,	  /* day to go back to */
	PROMPT_KNOB,	  /* new value of the selected knob */
	PROMPT_DISCARD,	  /* y/n: load a seed over unsaved changes */
	PROMPT_COUNT
};
/* Time windows of the tables. */
enum tui_window { WIN_TODAY, WIN_RECENT, WIN_ALL, WIN_COUNT };

#define TUI_HISTORY 16 /* remembered answers per prompt */
#define TUI_TYPEAHEAD 64 /* keys typed during long work that act after it */

#define TUI_INPUT_SIZE 256 /* bytes of an answer, its NUL included */
#define TUI_INPUT_CHARS 63 /* characters of an answer (UTF-8 text) */

struct tui_input {
	char text[TUI_INPUT_SIZE];
	bool selected;	 /* the pre-filled text is selected: typing replaces it */
	char history[PROMPT_COUNT][TUI_HISTORY][TUI_INPUT_SIZE];
	int n_history[PROMPT_COUNT];
	int history_at; /* -1 = editing, else index into the history */
	char draft[TUI_INPUT_SIZE]; /* the line before Up walked the history */
	bool draft_selected;
	bool overflow;		     /* a character found no room: Enter refuses */
	unsigned char part[4];	     /* a UTF-8 character arriving byte by byte */
	int n_part, want_part;
	char note[160];		     /* why a key was refused, shown in the footer */
};

/* The filtered event log: sequence numbers of matching events (the n-th
 * event ever logged has sequence n - 1), rebuilt when the filter changes
 * and extended as events arrive. */
struct tui_event_index {
	char filter[TUI_INPUT_SIZE];
	bool valid;
	uint64_t seen; /* events_total when last extended */
	uint64_t *seq;
	int n, cap;
};

/* A border mark drawn on the map (for keys and the mouse). */
struct tui_mark {
	int corridor;
	int y, x;
};

struct tui_rect {
	int y, x, h, w;
};

struct tui_app {
	struct smug_world *w;
	struct tui_theme th;
	const struct tui_options *opt;
	char vault_root[512];
	char seed_name[64];
	bool unsaved;
	bool running;
	bool stepping; /* a long step (n) under way: the header says STEPPING */
	/* Called during long work, after the status says what it is and how
	 * far it has come (done of total): between a long step's (n) slices
	 * and a rewind's rebuild of a loaded seed's days, to draw the screen
	 * and read the keyboard; false (Esc) stops the work where it is.
	 * Total 0: once, before a rewind, to draw its status now (false is
	 * not heeded). Set by the terminal front end; NULL (tests, the
	 * bench) works at once. */
	bool (*busy)(struct tui_app *a, int done, int total);
	void *busy_ctx;
	int speed; /* index into tui_speeds */
	enum tui_pane focus;
	enum tui_view view;
	enum tui_view view_back; /* where Esc returns from a nested view */
	bool map_in_slot;	 /* below 150 columns the map shares the Borders slot */
	/* factions */
	int faction;	       /* selected faction index */
	int faction_top;       /* first faction the Factions pane shows */
	enum tui_window flow_window;
	int commodity_sel;     /* selected row of the commodities view */
	int commodity_sort;    /* its sort column, 0 = cargo value sent */
	bool commodity_desc;
	/* routes and why */
	int route_sel;	       /* selected decision row in the routes pane */
	int why_sel;	       /* selected candidate */
	int why_scroll;	       /* first candidate row shown */
	uint64_t why_open[1];  /* expanded candidates, bit per index (< 64) */
	bool whatif;	       /* showing the what-if */
	struct smug_whatif *whatif_data;
	struct smug_explanation *why_x; /* the explanation shown */
	int why_x_for;	       /* decision index it belongs to, -1 = none */
	int why_x_day;	       /* and the day */
	/* borders and map */
	int border;	       /* selected border (corridor index), -1 = none */
	int border_sort;       /* column index of the border table */
	bool border_desc;
	enum tui_window border_window; /* the window shown first when space is short */
	int border_top;	       /* first row shown */
	int border_vis[48];    /* columns the table showed last */
	int border_vis_x[48], border_vis_w[48];
	int n_border_vis;
	enum tui_heat heat;
	int map_zoom;	       /* 0 = whole world, each step doubles */
	double map_cx, map_cy; /* centre of the view, world units */
	bool map_pan;	       /* centre set by hand (else follows the selection) */
	struct tui_mark *marks;/* marks of the last map drawn */
	int n_marks, cap_marks;
	/* events */
	struct tui_event_index evx;
	int64_t event_sel;     /* selected event sequence number, -1 = the newest */
	char filter[TUI_INPUT_SIZE]; /* event log filter */
	uint64_t story_shipment;
	int story_scroll;
	/* chart */
	bool chart_border;     /* chart of the selected border (else faction) */
	int chart_days;	       /* days shown, up to SMUG_CHART_DAYS */
	/* load */
	int load_sel;
	struct smug_seed_info *seeds;
	int n_seeds;
	/* keys typed during long work, to act after it (tui_typeahead_*) */
	struct tui_typeahead {
		int key[TUI_TYPEAHEAD];
		int first, n; /* a ring: n keys from key[first] */
		int dropped;  /* typed past the bound since the footer last said so */
	} typeahead;
	/* prompt and status */
	char status[160];      /* one-line message in the footer */
	enum tui_prompt prompt;
	struct tui_input input;
	int rows, cols;
	struct tui_rect pane_rect[PANE_COUNT]; /* where each pane was drawn */
	/* what each row of a pane showed last, for the mouse: a faction,
	 * route row, corridor or visible event; -1 none; <= -2 a header
	 * column (-2 - column) */
	int hit[PANE_COUNT][256];
	int node_prefix, ward_prefix; /* bytes every node (ward) id shares */
	int node_suffix, ward_suffix; /* bytes every node (ward) id ends with ("-gate") */
	int ward_cols;		      /* columns of the widest short ward id, its shared end cut */
	int border_cols;	      /* columns of the widest short corridor id, its nodes' shared end cut */
	/* the designer's loop (loop.c): rewind ring, what-if branch, knobs */
	struct tui_loop {
		struct smug_timeline *tl;	/* the ring of the world shown */
		struct smug_world *other;	/* the other branch, or NULL */
		struct smug_timeline *other_tl; /* its ring */
		bool whatif_active;		/* the world shown is the what-if */
		int fork_day;
		/* the rewind under way: its day, and how far its rebuild of a
		 * loaded seed's days has come (day of to) */
		int rewind_day, rebuilt_day, rebuilt_to;
	} loop;
	int compare_scroll;
	int config_sel, config_top;
	int topk_days; /* TopK view window (0: telemetry.window_days) */
};

extern const int tui_speeds[];
extern const int tui_n_speeds;

/* Network factions in id order. */
int tui_network_factions(const struct smug_world *w, int *out, int max);
/* Short forms of ids: the id without the prefix every node (ward) id
 * shares, e.g. "22.1|23.1" for "n:22.1|n:23.1", "22" for "ward:22". */
void tui_short_corridor(const struct tui_app *a, int corridor, char *buf, size_t size);
/* The short corridor id in at most cols columns: whole when it fits, else
 * both its nodes kept, each without the end every node id shares
 * ("09.1…|23.0…"), else each cut in its middle (tui_two_ids_fit), else
 * cut at its end. */
void tui_short_corridor_fit(const struct tui_app *a, int corridor, int cols, char *buf, size_t size);
const char *tui_short_ward(const struct tui_app *a, int ward);
/* Bytes of a short id without the `suffix` bytes every id of its kind
 * ends with ("23" of "23-district"); the whole id when none would be
 * left. */
int tui_id_core(const char *id, int suffix);
/* Two short ids joined by sep ("22.1|23.1", "24>33") in at most cols
 * columns: whole when they fit, else each shortened, first without the
 * `suffix` bytes every id of its kind ends with ("33.0…"), then in its
 * middle, the room shared and the shorter kept whole when it fits its
 * share; false (buf untouched) when a side would keep fewer than 3
 * columns. */
bool tui_two_ids_fit(const struct tui_app *a, const char *x, const char *sep, const char *y, int suffix, int cols,
		     char *buf, size_t size);
/* Measure the id prefixes of a (new) world. */
void tui_names_init(struct tui_app *a);
/* Commodity names: short (at most 9 columns) and in full, lower case. */
const char *tui_commodity_short(int c);
const char *tui_commodity_name(int c);
/* The sum of a border's counters over a table window. */
void tui_border_window(const struct smug_world *w, int corridor, enum tui_window win,
		       struct smug_border_day *out);
/* Trend of a border's traffic: +1 rising, -1 falling, 0 flat, 2 none. */
int tui_border_trend(const struct smug_world *w, int corridor);
/* Rows of the border table in the current sort: corridor indices in an
 * array the caller frees, *count of them. */
int *pane_borders_rows(struct tui_app *a, int *count);
/* Move the border selection by delta rows in the table's order. */
void pane_borders_move(struct tui_app *a, int delta);
void pane_borders_sort_step(struct tui_app *a, int delta);
/* The table's order was changed by a key (a sort column, its direction,
 * the window shown first): it shows from its first row again, scrolled
 * only as far as the selected border needs. */
void pane_borders_sort_changed(struct tui_app *a);

void pane_header_draw(struct tui_app *a, struct canvas *cv);
void pane_factions_draw(struct tui_app *a, struct canvas *cv, bool focused);
/* Whether a Factions pane `width` columns wide (its frame included) has
 * no room for the bribes column: then a row of its own, its last, names
 * the selected faction's bribe spend (false without a network faction). */
bool pane_factions_bribes_below(const struct smug_world *w, int width);
void pane_routes_draw(struct tui_app *a, struct canvas *cv, bool focused);
void pane_borders_draw(struct tui_app *a, struct canvas *cv, bool focused);
void pane_map_draw(struct tui_app *a, struct canvas *cv, bool focused);
void pane_events_draw(struct tui_app *a, struct canvas *cv, bool focused);
void pane_footer_draw(struct tui_app *a, struct canvas *cv);
/* Mouse: a click at (y, x) inside a pane's rectangle (pane coordinates). */
void pane_click(struct tui_app *a, enum tui_pane p, int y, int x);
void pane_factions_click(struct tui_app *a, int y);
void pane_routes_click(struct tui_app *a, int y);
void pane_borders_click(struct tui_app *a, int y, int x);
void pane_map_click(struct tui_app *a, int y, int x);
void pane_events_click(struct tui_app *a, int y);
/* The map: move the selection to the nearest mark in a direction. */
void pane_map_step(struct tui_app *a, int dy, int dx);
/* What a map heat measures, as the legend names it ("seizure rate"). */
const char *pane_map_heat_name(enum tui_heat h);
/* The decision behind the selected row of the routes pane, or -1. */
int pane_routes_decision(const struct tui_app *a);
/* Rows of the routes pane (identical decisions folded). */
int pane_routes_rows(const struct tui_app *a);
/* A decision's margin as a bar: the cargo value is the whole width, the
 * winner's expected loss plus cost is filled, the runner-up's marked. */
void tui_margin_bar(struct canvas *cv, int y, int x, int width, const struct smug_decision *d,
		    const struct smug_explanation *ex);

/* The event log after the filter: events in [0, tel.event_count). */
int pane_events_count(struct tui_app *a);
/* The i-th visible event (oldest first) and its sequence number. */
const struct smug_event *pane_events_at(struct tui_app *a, int i, int64_t *seq);
/* Visible position of the selected event. */
int pane_events_selected(struct tui_app *a);
void pane_events_move(struct tui_app *a, int delta);
/* Does an event match a filter (case-insensitive words, each one a
 * substring of the kind, faction, border (its id or as the panes show it,
 * "23.0|24.0"), commodity or text, or
 * kind:/faction:/border:/commodity: to name the field)? */
bool tui_event_matches(const struct tui_app *a, const struct smug_event *e, const char *filter);
void tui_event_index_free(struct tui_event_index *x);
/* The short word of an event's kind ("sent", "SEIZED", "check"...). */
void tui_event_kind_short(const struct smug_event *e, char *buf, size_t size);
/* An event's text as the cockpit shows it: ids without the prefix all
 * of their kind share ("24->22 4 hops, bribes 12.50"). */
void tui_event_detail(const struct tui_app *a, const struct smug_event *e, char *buf, size_t size);
/* The event table's columns fitted to width (one_shipment: a story's,
 * without the faction and commodity its head names), and one event on
 * a row. */
void tui_event_table(struct tui_app *a, struct tui_table *t, int width, bool one_shipment, int detail_need);
/* The event table's full room for a detail; detail_need is the room
 * the details of the rows shown need to read as in it (the widest of
 * them, at most this). */
#define TUI_EVENT_DETAIL_ROOM 29
void tui_event_row(struct tui_app *a, struct canvas *cv, int y, const struct tui_table *t,
		   const struct smug_event *e, enum tui_role r);

/* ---- views (view.c and view_<name>.c) ---- */
struct tui_view_def {
	const char *name;
	void (*draw)(struct tui_app *a, struct canvas *cv);
	/* a key's action in this view: true when handled */
	bool (*key)(struct tui_app *a, int action, int key);
};
const struct tui_view_def *view_def(enum tui_view v);
void view_open(struct tui_app *a, enum tui_view v);
/* Up/Down/PgUp/PgDn/Home/End move a scrolled view's first row (End past
 * the last: the draw clamps it); true if handled. */
bool view_scroll_key(int *scroll, int action);
/* Keep a list's scroll where its last page is full: at most total - rows
 * (rows: the lines it has on screen), and 0 when all fit. The scroll
 * given is 0 or more (as view_scroll_key leaves it). */
void view_scroll_clamp(int *scroll, int total, int rows);
void view_close(struct tui_app *a);

void view_help_draw(struct tui_app *a, struct canvas *cv);
void view_why_draw(struct tui_app *a, struct canvas *cv);
bool view_why_key(struct tui_app *a, int action, int key);
void view_chart_draw(struct tui_app *a, struct canvas *cv);
bool view_chart_key(struct tui_app *a, int action, int key);
void view_map_draw(struct tui_app *a, struct canvas *cv);
bool view_map_key(struct tui_app *a, int action, int key);
void view_commodities_draw(struct tui_app *a, struct canvas *cv);
bool view_commodities_key(struct tui_app *a, int action, int key);
void view_story_draw(struct tui_app *a, struct canvas *cv);
bool view_story_key(struct tui_app *a, int action, int key);
void view_load_draw(struct tui_app *a, struct canvas *cv);
bool view_load_key(struct tui_app *a, int action, int key);
/* The explanation of the selected decision (cached), or NULL. */
const struct smug_explanation *view_why_explanation(struct tui_app *a, int *decision);
void view_compare_draw(struct tui_app *a, struct canvas *cv);
bool view_compare_key(struct tui_app *a, int action, int key);
void view_config_draw(struct tui_app *a, struct canvas *cv);
bool view_config_key(struct tui_app *a, int action, int key);
void view_topk_draw(struct tui_app *a, struct canvas *cv);
bool view_topk_key(struct tui_app *a, int action, int key);
/* The answer to the knob prompt: smug_config_set on the selected knob. */
void view_config_set(struct tui_app *a, const char *text);

/* ---- loop.c: rewind, what-if branches ---- */
void loop_init(struct tui_app *a);
void loop_done(struct tui_app *a);
/* A new world was loaded: its ring starts over, the branch goes. */
void loop_world_replaced(struct tui_app *a);
/* Step through the rewind ring. */
void loop_step(struct tui_app *a, int days);
/* The same in slices of TUI_STEP_SLICE days with a->busy between them,
 * which may stop it: the days stepped. */
#define TUI_STEP_SLICE 64
int loop_step_long(struct tui_app *a, int days);
/* Back to `day`, before the day shown. */
void loop_rewind(struct tui_app *a, int day);
/* While the cockpit waits for a key: up to `days` more days of a loaded
 * seed's past rebuilt ahead (smug_timeline_prepare), so a rewind before
 * the load does not wait for them; the status says when they are all
 * rebuilt. The days still to rebuild; 0 when none (or they cannot be:
 * the rewind says why). */
int loop_prepare(struct tui_app *a, int days);
/* Fork a what-if branch, or switch between it and the base. */
void loop_branch(struct tui_app *a);
/* Keep the branch shown, drop the other. */
void loop_keep(struct tui_app *a);
bool loop_has_branch(const struct tui_app *a);
/* "WHAT-IF" / "BASE (what-if open)" for the header, NULL without a branch. */
const char *loop_branch_label(const struct tui_app *a);
/* The base and the what-if as they are (NULL without a branch). */
void loop_worlds(const struct tui_app *a, const struct smug_world **base, const struct smug_world **whatif);
/* The same, the one behind run to the other's day first, in slices of
 * TUI_STEP_SLICE days with a->busy between them (as loop_step_long),
 * which may stop it: the status says how far it ran. True when both are
 * on one day; false without a branch or when stopped. */
bool loop_pair(struct tui_app *a, const struct smug_world **base, const struct smug_world **whatif);

/* ---- keymap.c: the one key table ---- */
enum tui_action {
	ACT_NONE, ACT_HELP, ACT_QUIT, ACT_FOCUS_NEXT, ACT_FOCUS_PREV, ACT_PANE1, ACT_PANE2,
	ACT_PANE3, ACT_PANE4, ACT_PANE5, ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, ACT_STEP, ACT_STEP_N, ACT_RUN, ACT_FASTER, ACT_SLOWER, ACT_CRACKDOWN,
	ACT_AUTO, ACT_SAVE, ACT_LOAD, ACT_FILTER, ACT_ENTER, ACT_BACK, ACT_HEAT, ACT_SORT_PREV,
	ACT_SORT_NEXT, ACT_SORT_INVERT, ACT_WINDOW, ACT_CHART, ACT_MAP, ACT_COMMODITIES,
	ACT_WINNER, ACT_WHATIF, ACT_ZOOM_IN, ACT_ZOOM_OUT, ACT_FACTION_PREV, ACT_FACTION_NEXT,
	ACT_REWIND, ACT_REWIND_TO, ACT_BRANCH, ACT_COMPARE, ACT_CONFIG, ACT_TOPK,
	ACT_COUNT
};

/* Where a key works: the main view's panes, or a full-screen view. */
enum tui_ctx {
	CTX_FACTIONS, CTX_ROUTES, CTX_BORDERS, CTX_MAP, CTX_EVENTS, /* = enum tui_pane */
	CTX_WHY, CTX_CHART, CTX_MAPVIEW, CTX_COMMODITIES, CTX_STORY, CTX_LOAD, CTX_HELP,
	CTX_COMPARE, CTX_CONFIG, CTX_TOPK,
	CTX_COUNT
};
#define CTX_ALL_PANES 0x1fu /* the five panes of the main view */
#define CTX_ALL (~0u)

struct tui_key {
	int key;	   /* curses key code or character */
	const char *label; /* as shown in help, footer and man page ("" = alias) */
	enum tui_action action;
	unsigned ctx;	   /* bit per enum tui_ctx where it applies */
	int footer;	   /* footer priority: 1 first, 0 = not in the footer */
	const char *word;  /* the footer's one word */
	const char *help;
};

const struct tui_key *keymap_table(int *n);
/* The action of a key in a context (aliases included). */
enum tui_action keymap_lookup(int key, enum tui_ctx ctx);
/* Footer text for a context: "label word" pairs by priority, as many
 * as fit in width columns (never a pair cut). */
void keymap_footer(enum tui_ctx ctx, int width, char *buf, size_t size);
/* The same without the key of action `hide` (one that does nothing in
 * the view shown: c in a faction's chart); with running, Space's word
 * is "pause", what it does then. */
void keymap_footer_without(enum tui_ctx ctx, enum tui_action hide, bool running, int width, char *buf, size_t size);
/* The KEYS section of smugnet(1) in mdoc, from the table. Caller frees. */
char *keymap_mdoc(void);
const char *keymap_ctx_name(enum tui_ctx c);
/* Where a key with this context mask works, in words. */
void keymap_where(unsigned ctx, char *buf, size_t size);
/* For a key of the table that does nothing in ctx, what it is and where
 * it works ("c (crackdown) works in Borders, Map, chart view and map
 * view") into buf; false for a key the table does not hold. */
bool keymap_not_here(int key, enum tui_ctx ctx, char *buf, size_t size);

/* ---- prompt.c ---- */
void prompt_start(struct tui_app *a, enum tui_prompt p, const char *initial);
/* Edit keys; returns true when the key finished the prompt (Enter or
 * Esc); *accepted tells which. */
bool prompt_edit(struct tui_app *a, int key, bool *accepted);
/* The question (or the note on a refused key) and the answer on the
 * footer's row, scrolled so the answer's end and the cursor show; the
 * columns used. */
int prompt_draw(struct tui_app *a, struct canvas *cv, const char *question);
/* Terminal columns of UTF-8 text (2 for a wide character). */
int prompt_text_cols(const char *s);

/* ---- app.c ---- */
void tui_app_init(struct tui_app *a, struct smug_world *w, const struct tui_options *opt);
void tui_app_done(struct tui_app *a);
/* Render a whole frame (to a memory grid in tests). */
void tui_render(struct tui_app *a, struct canvas *screen);
/* Whether days run by themselves now: running, no prompt open, and the
 * screen last drawn big enough to show them; on a smaller one the run
 * waits (its notice says so) and resumes once the screen is enlarged. */
bool tui_ticking(const struct tui_app *a);
/* Apply one key without a terminal (used by tests). Returns false when
 * the key asks to quit. */
bool tui_handle_key(struct tui_app *a, int key);
/* A mouse click at screen (y, x) (tests drive it too). */
void tui_click(struct tui_app *a, int y, int x);
void tui_set_status(struct tui_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Keys typed during long work (a long step, a rewind's rebuild, a
 * compare's catch-up) act after it, in the order typed: push keeps the
 * first TUI_TYPEAHEAD and counts the others as dropped (Ctrl-C, a quit,
 * is always kept: it takes the last kept key's place). next gives the
 * next kept key (true), or false when none is left; then, when keys
 * were dropped, the footer says how many. */
void tui_typeahead_push(struct tui_app *a, int key);
bool tui_typeahead_next(struct tui_app *a, int *key);
/* Toggle a crackdown on the selected border through the command API. */
void tui_toggle_crackdown(struct tui_app *a);
/* The context the keys act in now. */
enum tui_ctx tui_context(const struct tui_app *a);
/* Make sure the selected border is a row of the table (or none). */
void tui_select_border(struct tui_app *a, int corridor);

/* The terminal's windows: one a slot of the layout (header, footer, the
 * five panes, a full-screen view). */
#define TUI_SLOTS 8
struct tui_windows {
	void *win[TUI_SLOTS];		/* curses WINDOW *, NULL for a slot not shown */
	struct tui_rect at[TUI_SLOTS];	/* the rectangle each was made for */
};
/* Fit ws (zeroed before the first call) to the layout of a rows x cols
 * terminal: a slot whose rectangle changed gets a window made anew and
 * its old one deleted. Needs the terminal begun (tui_term_begin). */
void tui_windows_fit(struct tui_windows *ws, const struct tui_app *a, int rows, int cols);
/* Delete every window of ws. */
void tui_windows_done(struct tui_windows *ws);

#endif
