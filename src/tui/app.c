/* The cockpit's screen manager: the layout of the main view's panes for
 * the terminal's size, focus, the full-screen views, prompts, the
 * run/pause loop (blocking getch when paused, a timed getch when
 * running), the mouse, resize handling, and the terminal's restoration
 * on exit, on Ctrl-C, on a fatal signal and when memory runs out (the
 * cockpit's one allocator). Keys act only through the
 * command API and the vault. tui_render, tui_handle_key and tui_click
 * need no terminal, so the golden-screen tests drive them directly. */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "smugnet/vault.h"
#include "tui/tui.h"

#define KEY_CTRL_C 3 /* a key, not SIGINT: see tui_term_begin */
#define MIN_ROWS 24
#define MIN_COLS 80
#define WIDE_COLS 150 /* from here the map has a pane of its own */

const int tui_speeds[] = {1, 2, 5, 10, 30, 100}; /* days per second when running */
const int tui_n_speeds = (int)(sizeof tui_speeds / sizeof tui_speeds[0]);

void tui_app_init(struct tui_app *a, struct smug_world *w, const struct tui_options *opt)
{
	int fac[SMUG_FACTIONS_MAX];

	memset(a, 0, sizeof *a);
	a->w = w;
	a->opt = opt;
	a->faction = tui_network_factions(w, fac, SMUG_FACTIONS_MAX) > 0 ? fac[0] : -1;
	a->rows = MIN_ROWS;
	a->cols = MIN_COLS;
	a->border = -1;
	a->border_sort = -1; /* the table's default: traffic over the recent window */
	a->border_desc = true;
	a->commodity_desc = true;
	a->border_window = WIN_RECENT;
	a->flow_window = WIN_RECENT;
	a->event_sel = -1;
	a->why_x_for = -1;
	a->chart_days = 90;
	a->input.history_at = -1;
	if (opt->vault_root)
		snprintf(a->vault_root, sizeof a->vault_root, "%s", opt->vault_root);
	if (opt->seed_name)
		snprintf(a->seed_name, sizeof a->seed_name, "%s", opt->seed_name);
	theme_init(&a->th, false, opt->ascii);
	tui_names_init(a);
	loop_init(a);
	/* whole in the footer at 80 columns (the Routes pane says nothing
	 * is simulated yet) */
	if (w->day == w->start_day)
		tui_set_status(a, "Day %d: Press Space to run, . to step a day, n to step N days, ? for help.", w->day);
}

void tui_app_done(struct tui_app *a)
{
	loop_done(a);
	free(a->seeds);
	a->seeds = NULL;
	free(a->marks);
	a->marks = NULL;
	free(a->whatif_data);
	a->whatif_data = NULL;
	free(a->why_x);
	a->why_x = NULL;
	tui_event_index_free(&a->evx);
}

void tui_set_status(struct tui_app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
}

void tui_typeahead_push(struct tui_app *a, int key)
{
	struct tui_typeahead *q = &a->typeahead;

	if (q->n == TUI_TYPEAHEAD) {
		q->dropped++;
		if (key != KEY_CTRL_C)
			return;
		q->n--; /* the quit asked for is kept: the last key kept goes */
	}
	q->key[(q->first + q->n++) % TUI_TYPEAHEAD] = key;
}

bool tui_typeahead_next(struct tui_app *a, int *key)
{
	struct tui_typeahead *q = &a->typeahead;

	if (q->n == 0) {
		if (q->dropped > 0 && a->prompt != PROMPT_NONE)
			return false; /* a prompt the keys opened hides the footer: said once it is answered */
		if (q->dropped > 0) /* after the keys kept have acted, so it stays */
			tui_set_status(a, "%d key%s typed while the cockpit was busy %s dropped: it keeps %d to act after",
				       q->dropped, q->dropped == 1 ? "" : "s", q->dropped == 1 ? "was" : "were",
				       TUI_TYPEAHEAD);
		q->dropped = 0;
		return false;
	}
	*key = q->key[q->first];
	q->first = (q->first + 1) % TUI_TYPEAHEAD;
	q->n--;
	return true;
}

/* ---- layout ---- */

/* Each pane is drawn into its own rectangle: a window of its own on the
 * terminal, a region of the grid in tests. */
enum tui_slot { SLOT_HEADER, SLOT_FOOTER, SLOT_FACTIONS, SLOT_ROUTES, SLOT_BORDERS, SLOT_MAP, SLOT_EVENTS,
		SLOT_VIEW, SLOT_COUNT };
_Static_assert(SLOT_COUNT == TUI_SLOTS, "a window a slot");

static bool too_small(int rows, int cols)
{
	return rows < MIN_ROWS || cols < MIN_COLS;
}

/* The Factions pane's body rows: per rows a faction, or the one line
 * that says there is none. */
static int factions_rows(const struct smug_world *w, int per)
{
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);

	return n > 0 ? n * per : 1;
}

/* The main view: Factions over Routes on the left; on the right the
 * Borders table (and the Map beside it from WIDE_COLS columns; below
 * that it shares the table's place) over Events. */
static void layout(const struct tui_app *a, int rows, int cols, struct tui_rect r[SLOT_COUNT])
{
	int body = rows - 3, left = cols * 2 / 5 > 36 ? cols * 2 / 5 : 36, right = cols - left;
	int per = body >= 36 ? 2 : 1, fh = factions_rows(a->w, per) + 3, top = body * 11 / 20;

	if (pane_factions_bribes_below(a->w, left))
		fh++; /* the selected faction's bribe spend, where no column shows it */

	memset(r, 0, sizeof(struct tui_rect) * SLOT_COUNT);
	if (too_small(rows, cols)) {
		r[SLOT_VIEW] = (struct tui_rect){0, 0, rows, cols};
		return;
	}
	if (fh > body / 2)
		fh = body / 2;
	r[SLOT_HEADER] = (struct tui_rect){0, 0, 2, cols};
	r[SLOT_FOOTER] = (struct tui_rect){rows - 1, 0, 1, cols};
	r[SLOT_FACTIONS] = (struct tui_rect){2, 0, fh, left};
	r[SLOT_ROUTES] = (struct tui_rect){2 + fh, 0, body - fh, left};
	if (cols >= WIDE_COLS) {
		int mw = right * 9 / 20;

		r[SLOT_MAP] = (struct tui_rect){2, left, top, mw};
		r[SLOT_BORDERS] = (struct tui_rect){2, left + mw, top, right - mw};
	} else if (a->map_in_slot) {
		r[SLOT_MAP] = (struct tui_rect){2, left, top, right};
	} else {
		r[SLOT_BORDERS] = (struct tui_rect){2, left, top, right};
	}
	r[SLOT_EVENTS] = (struct tui_rect){2 + top, left, body - top, right};
	r[SLOT_VIEW] = (struct tui_rect){2, 0, body, cols};
}

static const enum tui_slot pane_slot[PANE_COUNT] = {SLOT_FACTIONS, SLOT_ROUTES, SLOT_BORDERS, SLOT_MAP,
						     SLOT_EVENTS};

/* Draw what this frame shows; returns a mask of the slots used. */
static unsigned draw_slots(struct tui_app *a, struct canvas cv[SLOT_COUNT], int rows, int cols)
{
	struct tui_rect r[SLOT_COUNT];
	unsigned used = 1u << SLOT_HEADER | 1u << SLOT_FOOTER;

	a->rows = rows;
	a->cols = cols;
	if (too_small(rows, cols)) {
		struct canvas *c = &cv[SLOT_VIEW];
		char notice[256];
		int y = 0;

		canvas_clear(c);
		/* the quit question first: on the smallest screen it is what
		 * must be seen to be answered */
		if (a->prompt == PROMPT_QUIT)
			y += canvas_wrap(c, y, 0, cols, rows, ROLE_WARN, "Unsaved changes. Quit anyway? (y/n)") + 1;
		snprintf(notice, sizeof notice,
			 "smugnet needs a terminal of at least %dx%d; this one is %dx%d. Enlarge it, or press q to "
			 "quit; other keys are ignored until then%s.",
			 MIN_COLS, MIN_ROWS, cols, rows, a->running ? ", and the run waits (no day passes unseen)" : "");
		if (y < rows)
			canvas_wrap(c, y, 0, cols, rows - y, ROLE_WARN, notice);
		return 1u << SLOT_VIEW;
	}
	layout(a, rows, cols, r);
	pane_header_draw(a, &cv[SLOT_HEADER]);
	pane_footer_draw(a, &cv[SLOT_FOOTER]);
	if (a->view != VIEW_MAIN) {
		view_def(a->view)->draw(a, &cv[SLOT_VIEW]);
		return used | 1u << SLOT_VIEW;
	}
	for (int p = 0; p < PANE_COUNT; p++) {
		enum tui_slot s = pane_slot[p];

		a->pane_rect[p] = r[s];
		if (r[s].h <= 0 || r[s].w <= 0)
			continue;
		used |= 1u << s;
		switch ((enum tui_pane)p) {
		case PANE_FACTIONS: pane_factions_draw(a, &cv[s], a->focus == PANE_FACTIONS); break;
		case PANE_ROUTES: pane_routes_draw(a, &cv[s], a->focus == PANE_ROUTES); break;
		case PANE_BORDERS: pane_borders_draw(a, &cv[s], a->focus == PANE_BORDERS); break;
		case PANE_MAP: pane_map_draw(a, &cv[s], a->focus == PANE_MAP); break;
		case PANE_EVENTS: pane_events_draw(a, &cv[s], a->focus == PANE_EVENTS); break;
		default: break;
		}
	}
	return used;
}

bool tui_ticking(const struct tui_app *a)
{
	return a->running && a->prompt == PROMPT_NONE && !too_small(a->rows, a->cols);
}

void tui_render(struct tui_app *a, struct canvas *screen)
{
	struct tui_rect r[SLOT_COUNT];
	struct canvas cv[SLOT_COUNT];

	canvas_clear(screen);
	layout(a, screen->h, screen->w, r);
	for (int i = 0; i < SLOT_COUNT; i++)
		cv[i] = canvas_sub(screen, r[i].y, r[i].x, r[i].h, r[i].w);
	draw_slots(a, cv, screen->h, screen->w);
}

/* ---- actions ---- */

/* In the compare view with both branches on one day: a step of the one
 * shown takes the other along. (On different days, after a rewind or a
 * stopped B, the view says so and only B runs the one behind.) */
static bool compare_follows(const struct tui_app *a)
{
	const struct smug_world *base, *whatif;

	loop_worlds(a, &base, &whatif);
	return a->view == VIEW_COMPARE && base != NULL && base->day == whatif->day;
}

/* A day or a few (., a running tick). */
static void step(struct tui_app *a, int days)
{
	const struct smug_world *base, *whatif;
	bool follow = compare_follows(a);

	loop_step(a, days);
	if (follow)
		loop_pair(a, &base, &whatif);
}

enum tui_ctx tui_context(const struct tui_app *a)
{
	switch (a->view) {
	case VIEW_WHY: return CTX_WHY;
	case VIEW_CHART: return CTX_CHART;
	case VIEW_MAP: return CTX_MAPVIEW;
	case VIEW_COMMODITIES: return CTX_COMMODITIES;
	case VIEW_STORY: return CTX_STORY;
	case VIEW_LOAD: return CTX_LOAD;
	case VIEW_HELP: return CTX_HELP;
	case VIEW_COMPARE: return CTX_COMPARE;
	case VIEW_CONFIG: return CTX_CONFIG;
	case VIEW_TOPK: return CTX_TOPK;
	default: return (enum tui_ctx)a->focus;
	}
}

static void focus(struct tui_app *a, enum tui_pane p)
{
	a->focus = p;
	if (p == PANE_MAP)
		a->map_in_slot = true;
	else if (p == PANE_BORDERS)
		a->map_in_slot = false;
}

static void move_faction(struct tui_app *a, int delta)
{
	int fac[SMUG_FACTIONS_MAX], k = tui_network_factions(a->w, fac, SMUG_FACTIONS_MAX), i;

	for (i = 0; i < k && fac[i] != a->faction; i++)
		;
	i += delta;
	if (k > 0)
		a->faction = fac[i < 0 ? 0 : i >= k ? k - 1 : i];
	a->route_sel = 0;
}

static int count_routes(const struct tui_app *a)
{
	return pane_routes_rows(a);
}

void tui_select_border(struct tui_app *a, int corridor)
{
	a->border = corridor;
}

void tui_toggle_crackdown(struct tui_app *a)
{
	struct smug_error err;
	char id[SMUG_ID_MAX * 2];

	if (a->border < 0) {
		tui_set_status(a, "no border selected: step some days, then pick one in Borders (3) or the Map (4)");
		return;
	}
	snprintf(id, sizeof id, "%s", a->w->corridors[a->border].id);
	if (smug_world_crackdown_on(a->w, a->border)) {
		if (smug_cmd_crackdown_clear(a->w, id, &err) == SMUG_OK)
			tui_set_status(a, "crackdown on %s cleared after day %d", id, a->w->day);
		else
			tui_set_status(a, "%s", err.msg);
	} else if (smug_cmd_crackdown_set(a->w, id, 1.0, -1, &err) == SMUG_OK) {
		tui_set_status(a, "crackdown on %s from day %d until cleared", id, a->w->day + 1);
	} else {
		tui_set_status(a, "%s", err.msg);
	}
	a->unsaved = true;
}

static void do_save(struct tui_app *a)
{
	struct smug_error err;

	if (smug_vault_save(a->w, a->vault_root, a->input.text, &err) != SMUG_OK) {
		tui_set_status(a, "save failed: %s", err.msg);
		return;
	}
	snprintf(a->seed_name, sizeof a->seed_name, "%.63s", a->input.text); /* a valid name: 1-63 */
	a->unsaved = false;
	tui_set_status(a, "saved seed %s at day %d", a->seed_name, a->w->day);
}

static bool seed_exists(struct tui_app *a, const char *name)
{
	struct smug_error err;
	struct smug_seed_info *seeds = NULL;
	int n = smug_vault_list(a->vault_root, &seeds, &err);
	bool found = false;

	for (int i = 0; i < n; i++)
		found |= strcmp(seeds[i].name, name) == 0;
	free(seeds);
	return found;
}

static void open_load(struct tui_app *a)
{
	struct smug_error err;

	free(a->seeds);
	a->seeds = NULL;
	a->n_seeds = smug_vault_list(a->vault_root, &a->seeds, &err);
	if (a->n_seeds < 0) {
		a->n_seeds = 0;
		tui_set_status(a, "cannot list the vault: %s", err.msg);
		return;
	}
	a->load_sel = 0;
	view_open(a, VIEW_LOAD);
}

/* The world was replaced (a seed loaded): selections start afresh. */
static void world_replaced(struct tui_app *a, struct smug_world *nw)
{
	int fac[SMUG_FACTIONS_MAX];

	smug_world_free(a->w);
	a->w = nw;
	loop_world_replaced(a);
	tui_names_init(a);
	a->faction = tui_network_factions(nw, fac, SMUG_FACTIONS_MAX) > 0 ? fac[0] : -1;
	a->faction_top = 0;
	a->route_sel = 0;
	a->border = -1;
	a->border_top = 0;
	a->event_sel = -1;
	a->why_x_for = -1;
	a->whatif = false;
	a->evx.valid = false;
	a->map_pan = false;
}

/* The move a list key makes: a row, a page of 10, or far enough to
 * reach either end (the caller clamps); 0 for any other key. */
static int list_step(int act)
{
	switch (act) {
	case ACT_UP: return -1;
	case ACT_DOWN: return 1;
	case ACT_PGUP: return -10;
	case ACT_PGDN: return 10;
	case ACT_HOME: return -1000000;
	case ACT_END: return 1000000;
	default: return 0;
	}
}

static bool do_load(struct tui_app *a);

static bool load_key(struct tui_app *a, int act)
{
	int d = list_step(act), last = a->n_seeds > 0 ? a->n_seeds - 1 : 0;

	if (d != 0) {
		int sel = a->load_sel + d;

		a->load_sel = sel < 0 ? 0 : sel > last ? last : sel;
		return true;
	}
	if (act != ACT_ENTER)
		return false;
	if (a->load_sel >= a->n_seeds)
		return true;
	if (a->unsaved) { /* as quitting does: what was not saved would be lost */
		prompt_start(a, PROMPT_DISCARD, NULL);
		return true;
	}
	return do_load(a);
}

/* Replace the world with the seed selected in the load view. */
static bool do_load(struct tui_app *a)
{
	struct smug_world *nw = NULL;
	struct smug_error err;

	if (smug_vault_load(a->vault_root, a->seeds[a->load_sel].name, &nw, &err) != SMUG_OK) {
		tui_set_status(a, "load failed: %s", err.msg);
		return true;
	}
	world_replaced(a, nw);
	snprintf(a->seed_name, sizeof a->seed_name, "%s", a->seeds[a->load_sel].name);
	a->unsaved = false;
	view_close(a);
	tui_set_status(a, "loaded seed %s at day %d", a->seed_name, nw->day);
	return true;
}

bool view_load_key(struct tui_app *a, int action, int key)
{
	(void)key;
	return load_key(a, action);
}

/* A prompt's answer as a whole number from lo to hi: digits alone (a
 * sign or anything after them, or a number out of range, refused). */
static bool parse_number(const char *text, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (*text == '\0' || (*text < '0' || *text > '9'))
		return false;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* A key at a prompt. */
static bool prompt_key(struct tui_app *a, int key)
{
	enum tui_prompt p = a->prompt;
	bool accepted;

	if (p == PROMPT_OVERWRITE || p == PROMPT_QUIT || p == PROMPT_DISCARD) {
		a->prompt = PROMPT_NONE;
		if (key == 'y' || key == 'Y') {
			if (p == PROMPT_QUIT)
				return false;
			if (p == PROMPT_DISCARD)
				return do_load(a);
			do_save(a);
		} else {
			tui_set_status(a, "%s", p == PROMPT_QUIT	? "quit cancelled"
						: p == PROMPT_DISCARD ? "load cancelled"
								      : "save cancelled");
		}
		return true;
	}
	if (!prompt_edit(a, key, &accepted))
		return true;
	a->prompt = PROMPT_NONE;
	if (!accepted) {
		tui_set_status(a, "cancelled");
		return true;
	}
	if (p == PROMPT_FILTER) {
		snprintf(a->filter, sizeof a->filter, "%s", a->input.text);
		a->event_sel = -1;
		tui_set_status(a, "%s", a->filter[0] ? "filter set (Esc clears it)" : "filter cleared");
	} else if (p == PROMPT_STEPS) {
		long days;

		if (parse_number(a->input.text, 1, 100000, &days)) {
			const struct smug_world *base, *whatif;
			bool follow = compare_follows(a);
			int done = loop_step_long(a, (int)days);

			if (done < days)
				tui_set_status(a, "stopped at day %d: stepped %d of %ld days (Esc)", a->w->day, done,
					       days);
			else if (!follow)
				tui_set_status(a, "stepped %ld days to day %d", days, a->w->day);
			else if (loop_pair(a, &base, &whatif)) /* the other branch follows, as with . */
				tui_set_status(a, "stepped %ld days to day %d, the %s too", days, a->w->day,
					       a->loop.whatif_active ? "base" : "what-if");
		} else {
			tui_set_status(a, "'%s': expected a number of days from 1 to 100000", a->input.text);
		}
	} else if (p == PROMPT_REWIND) {
		long day;

		if (parse_number(a->input.text, a->w->start_day, a->w->day - 1L, &day))
			loop_rewind(a, (int)day);
		else if (a->w->day <= a->w->start_day)
			loop_rewind(a, a->w->day - 1); /* says there is nothing before */
		else
			tui_set_status(a, "rewind: '%s' is not a day before day %d (expected %d to %d)", a->input.text,
				       a->w->day, a->w->start_day, a->w->day - 1);
	} else if (p == PROMPT_KNOB) {
		view_config_set(a, a->input.text);
	} else if (p == PROMPT_SAVE) {
		/* a valid seed name: prompt_edit accepts no other (it checks the
		 * vault's rule on Enter, the offered name too) */
		if (seed_exists(a, a->input.text))
			a->prompt = PROMPT_OVERWRITE;
		else
			do_save(a);
	}
	return true;
}

/* Up, Down, Page Up/Down, Home, End: the focused pane's selection moves
 * (the map's by one ward; End in Events follows the newest again). */
static void pane_move(struct tui_app *a, enum tui_action act)
{
	int d = list_step(act);

	if (a->focus == PANE_FACTIONS) {
		move_faction(a, d);
	} else if (a->focus == PANE_ROUTES) {
		int n = count_routes(a);

		a->route_sel += d;
		if (a->route_sel >= n)
			a->route_sel = n - 1;
		if (a->route_sel < 0)
			a->route_sel = 0;
	} else if (a->focus == PANE_BORDERS) {
		pane_borders_move(a, d);
	} else if (a->focus == PANE_MAP) {
		pane_map_step(a, d < 0 ? -1 : 1, 0);
	} else if (a->focus == PANE_EVENTS) {
		if (act == ACT_END)
			a->event_sel = -1;
		else
			pane_events_move(a, d);
	}
}

/* Enter: a route's why, an event's shipment story (or its border), a
 * border's chart. */
static void pane_enter(struct tui_app *a)
{
	if (a->focus == PANE_ROUTES && count_routes(a) > 0) {
		a->why_sel = -1;
		a->why_scroll = 0;
		a->why_open[0] = 0;
		a->whatif = false;
		view_open(a, VIEW_WHY);
	} else if (a->focus == PANE_EVENTS) {
		int64_t seq;
		const struct smug_event *e =
			pane_events_count(a) > 0 ? pane_events_at(a, pane_events_selected(a), &seq) : NULL;

		if (e && e->shipment) {
			a->story_shipment = e->shipment;
			a->story_scroll = 0;
			view_open(a, VIEW_STORY);
		} else if (e && e->corridor >= 0 && a->w->corridors[e->corridor].border) {
			a->border = e->corridor;
			focus(a, PANE_BORDERS);
		}
	} else if (a->focus == PANE_BORDERS && a->border >= 0) {
		a->chart_border = true;
		view_open(a, VIEW_CHART);
	}
}

/* The chart of the selected border (Borders, Map), of the selected
 * event's border or faction (Events), else of the selected faction. */
static void pane_chart(struct tui_app *a)
{
	a->chart_border = (a->focus == PANE_BORDERS || a->focus == PANE_MAP) && a->border >= 0;
	if (a->focus == PANE_EVENTS && pane_events_count(a) > 0) {
		int64_t seq;
		const struct smug_event *e = pane_events_at(a, pane_events_selected(a), &seq);

		if (e->corridor >= 0 && a->w->corridors[e->corridor].border) {
			a->border = e->corridor;
			a->chart_border = true;
		} else if (e->faction >= 0 && a->w->factions[e->faction].runs_network) {
			a->faction = e->faction;
		}
	}
	if (!a->chart_border && a->faction < 0)
		tui_set_status(a, "no faction to chart");
	else
		view_open(a, VIEW_CHART);
}

/* Keys of the main view's panes. */
static void pane_key(struct tui_app *a, enum tui_action act)
{
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END: pane_move(a, act); break;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (a->focus == PANE_MAP)
			pane_map_step(a, 0, act == ACT_LEFT ? -1 : 1);
		else if (a->focus == PANE_BORDERS)
			pane_borders_sort_step(a, act == ACT_LEFT ? -1 : 1);
		else
			move_faction(a, act == ACT_LEFT ? -1 : 1);
		break;
	case ACT_SORT_PREV:
	case ACT_SORT_NEXT: pane_borders_sort_step(a, act == ACT_SORT_PREV ? -1 : 1); break;
	case ACT_SORT_INVERT:
		a->border_desc = !a->border_desc;
		pane_borders_sort_changed(a);
		break;
	case ACT_WINDOW:
		a->border_window = (enum tui_window)((a->border_window + 1) % WIN_COUNT);
		a->border_sort = -1;
		pane_borders_sort_changed(a);
		break;
	case ACT_HEAT:
		a->heat = (enum tui_heat)((a->heat + 1) % HEAT_COUNT);
		if (a->cols < WIDE_COLS && !a->map_in_slot) /* the map is not on the screen to show it */
			tui_set_status(a, "map heat: %s (last 7 days); 4 shows the map", pane_map_heat_name(a->heat));
		break;
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT: view_map_key(a, act, 0); break;
	case ACT_CRACKDOWN: tui_toggle_crackdown(a); break;
	case ACT_FILTER: prompt_start(a, PROMPT_FILTER, a->filter); break;
	case ACT_ENTER: pane_enter(a); break;
	case ACT_CHART: pane_chart(a); break;
	case ACT_MAP: view_open(a, VIEW_MAP); break;
	case ACT_COMMODITIES: view_open(a, VIEW_COMMODITIES); break;
	case ACT_BACK:
		if (a->filter[0]) {
			a->filter[0] = '\0';
			a->event_sel = -1;
			tui_set_status(a, "filter cleared");
		}
		break;
	default: break;
	}
}

/* A key on a screen too small for the cockpit: it shows only the notice
 * (and the quit question), so no key may act unseen but q, and y/n to
 * that question. False: quit. */
static bool too_small_key(struct tui_app *a, int key)
{
	if (a->prompt == PROMPT_QUIT)
		return prompt_key(a, key);
	if (keymap_lookup(key, CTX_HELP) != ACT_QUIT)
		return true;
	if (!a->unsaved)
		return false;
	prompt_start(a, PROMPT_QUIT, NULL); /* over a prompt left open: the quit is asked */
	return true;
}

/* The keys that work the same in every view: true when act is one of
 * them (done), *go then false to quit. */
static bool global_key(struct tui_app *a, enum tui_action act, bool *go)
{
	*go = true;
	switch (act) {
	case ACT_HELP:
		if (a->view == VIEW_HELP)
			view_close(a);
		else
			view_open(a, VIEW_HELP);
		return true;
	case ACT_QUIT: /* from every view, as the help says; Esc closes a view */
		if (!a->unsaved)
			*go = false;
		else
			prompt_start(a, PROMPT_QUIT, NULL);
		return true;
	case ACT_STEP: step(a, 1); return true;
	case ACT_STEP_N: prompt_start(a, PROMPT_STEPS, "30"); return true;
	case ACT_RUN: a->running = !a->running; return true;
	case ACT_FASTER: if (a->speed + 1 < tui_n_speeds) a->speed++; return true;
	case ACT_SLOWER: if (a->speed > 0) a->speed--; return true;
	case ACT_AUTO:
		smug_cmd_auto_crackdown(a->w, !a->w->cfg.crackdown.auto_enabled);
		tui_set_status(a, "auto-crackdown %s", a->w->cfg.crackdown.auto_enabled ? "on" : "off");
		a->unsaved = true;
		return true;
	case ACT_SAVE: prompt_start(a, PROMPT_SAVE, a->seed_name); return true;
	case ACT_REWIND: loop_rewind(a, a->w->day - 1); return true;
	case ACT_REWIND_TO: {
		char day[16];

		if (a->w->day <= a->w->start_day) {
			loop_rewind(a, a->w->day - 1); /* says there is nothing before */
			return true;
		}
		snprintf(day, sizeof day, "%d", a->w->day > 0 ? a->w->day - 1 : 0);
		prompt_start(a, PROMPT_REWIND, day);
		return true;
	}
	case ACT_BRANCH: loop_branch(a); return true;
	case ACT_COMPARE: {
		const struct smug_world *base, *whatif;

		loop_worlds(a, &base, &whatif);
		if (a->view == VIEW_COMPARE && (base == NULL || base->day == whatif->day))
			view_close(a);
		else if (base == NULL || loop_pair(a, &base, &whatif)) /* the one behind runs first; Esc stops it */
			view_open(a, VIEW_COMPARE);
		return true;
	}
	case ACT_CONFIG:
		if (a->view == VIEW_CONFIG)
			view_close(a);
		else
			view_open(a, VIEW_CONFIG);
		return true;
	case ACT_TOPK:
		if (a->view == VIEW_TOPK)
			view_close(a);
		else
			view_open(a, VIEW_TOPK);
		return true;
	case ACT_LOAD: open_load(a); return true;
	default: return false;
	}
}

/* A key that works elsewhere says where, rather than nothing at all. */
static void say_not_here(struct tui_app *a, int key)
{
	char what[320];

	if (keymap_not_here(key, tui_context(a), what, sizeof what))
		tui_set_status(a, "%s", what);
}

bool tui_handle_key(struct tui_app *a, int key)
{
	enum tui_action act;
	bool go;

	if (key == KEY_CTRL_C && a->prompt != PROMPT_NONE && a->prompt != PROMPT_QUIT)
		a->prompt = PROMPT_NONE; /* Ctrl-C leaves a prompt to quit, as q would outside it */
	if (too_small(a->rows, a->cols))
		return too_small_key(a, key);
	if (a->prompt != PROMPT_NONE)
		return prompt_key(a, key);
	act = keymap_lookup(key, tui_context(a));
	if (act != ACT_NONE)
		a->status[0] = '\0';
	if (global_key(a, act, &go))
		return go;
	if (a->view != VIEW_MAIN) {
		const struct tui_view_def *v = view_def(a->view);

		if (v->key == NULL || !v->key(a, act, key)) {
			if (act == ACT_BACK)
				view_close(a);
			else if (act == ACT_NONE)
				say_not_here(a, key);
		}
		return true;
	}
	switch (act) {
	case ACT_FOCUS_NEXT: focus(a, (enum tui_pane)((a->focus + 1) % PANE_COUNT)); break;
	case ACT_FOCUS_PREV: focus(a, (enum tui_pane)((a->focus + PANE_COUNT - 1) % PANE_COUNT)); break;
	case ACT_PANE1:
	case ACT_PANE2:
	case ACT_PANE3:
	case ACT_PANE4:
	case ACT_PANE5: focus(a, (enum tui_pane)(act - ACT_PANE1)); break;
	case ACT_NONE: say_not_here(a, key); break;
	default: pane_key(a, act); break;
	}
	return true;
}

void pane_click(struct tui_app *a, enum tui_pane p, int y, int x)
{
	switch (p) {
	case PANE_FACTIONS: pane_factions_click(a, y); break;
	case PANE_ROUTES: pane_routes_click(a, y); break;
	case PANE_BORDERS: pane_borders_click(a, y, x); break;
	case PANE_MAP: pane_map_click(a, y, x); break;
	case PANE_EVENTS: pane_events_click(a, y); break;
	default: break;
	}
}

void tui_click(struct tui_app *a, int y, int x)
{
	if (a->prompt != PROMPT_NONE || too_small(a->rows, a->cols))
		return;
	if (a->view != VIEW_MAIN) {
		if (a->view == VIEW_MAP && y >= 2)
			pane_click(a, PANE_MAP, y - 2, x);
		return;
	}
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct tui_rect *r = &a->pane_rect[p];

		if (r->h > 0 && y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w) {
			focus(a, (enum tui_pane)p);
			pane_click(a, (enum tui_pane)p, y - r->y, x - r->x);
			return;
		}
	}
}

/* ---- the terminal ---- */

static void restore_terminal(void)
{
	if (!isendwin()) {
		/* leave a clean screen behind whatever sizes came and went */
		erase();
		refresh();
		endwin();
	}
}

static _Noreturn void out_of_memory(void)
{
	restore_terminal(); /* first: written on the cockpit's screen, the message would go with it */
	fputs("smugnet: out of memory\n", stderr);
	abort();
}

void *tui_xmalloc(size_t size)
{
	void *p = malloc(size);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *tui_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *tui_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size);

	if (q == NULL)
		out_of_memory();
	return q;
}

static void on_fatal(int sig)
{
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Ctrl-C arrives as a key (q's: it asks before unsaved changes go), not
 * as SIGINT, which ended the cockpit at once: the terminal's interrupt
 * character is turned off for the cockpit's modes (ncurses restores the
 * shell's at endwin and takes these again after a suspend). Ctrl-Z and
 * the other signal keys stay. */
static void no_interrupt_char(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_cc[VINTR] = _POSIX_VDISABLE;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

int tui_term_begin(const struct tui_options *opt, struct tui_theme *th)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* numbers in saved seeds stay "0.5", never "0,5" */
	/* a locale whose characters are not UTF-8 (LANG unset, "C", Latin-1)
	 * cannot show the UTF-8 glyphs: curses drew them as "~T~PB" or not at
	 * all, so a total's delivered/seized/lost marks went missing. Such a
	 * terminal gets the ASCII set, as --ascii asks */
	bool ascii = opt->ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;

	/* newterm, not initscr: initscr exits by itself on a terminal type
	 * it does not know, so this message and the caller's status would
	 * never be seen */
	if (newterm(NULL, stdout, stdin) == NULL) {
		const char *term = getenv("TERM");

		fprintf(stderr, "smugnet: cannot initialise the terminal (TERM=%s); try 'smugnet run --days N'\n",
			term && *term ? term : "unset");
		return -1;
	}
	atexit(restore_terminal);
	signal(SIGINT, on_fatal); /* sent from elsewhere: Ctrl-C is a key (below) */
	signal(SIGTERM, on_fatal);
	signal(SIGHUP, on_fatal);
	signal(SIGSEGV, on_fatal);
	signal(SIGABRT, on_fatal);
	cbreak();
	noecho();
	nonl(); /* Enter arrives as '\r' and the screen keeps its own line feeds */
	no_interrupt_char();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (!opt->no_mouse) {
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	theme_init(th, !opt->no_color, ascii);
	return 0;
}

void tui_term_end(void)
{
	restore_terminal(); /* now, not only at exit: the caller may write to the terminal after */
}

void tui_windows_fit(struct tui_windows *ws, const struct tui_app *a, int rows, int cols)
{
	struct tui_rect r[SLOT_COUNT];

	layout(a, rows, cols, r);
	for (int i = 0; i < SLOT_COUNT; i++) {
		if (ws->win[i] && memcmp(&ws->at[i], &r[i], sizeof r[i]) == 0)
			continue;
		if (ws->win[i])
			delwin(ws->win[i]);
		ws->win[i] = r[i].h > 0 && r[i].w > 0 ? newwin(r[i].h, r[i].w, r[i].y, r[i].x) : NULL;
		ws->at[i] = r[i];
		clearok(curscr, TRUE);
	}
}

void tui_windows_done(struct tui_windows *ws)
{
	for (int i = 0; i < SLOT_COUNT; i++) {
		if (ws->win[i])
			delwin(ws->win[i]);
		ws->win[i] = NULL;
	}
}

/* The terminal's windows and when a long step last drew them. */
struct tui_frame {
	struct tui_windows ws;
	double drawn_ms;
};

/* One screen update: the windows fitted to the terminal, each slot drawn. */
static void frame(struct tui_app *a, struct tui_windows *ws)
{
	struct canvas cv[SLOT_COUNT];
	unsigned used;

	/* one window per slot; made anew when the layout moves */
	tui_windows_fit(ws, a, LINES, COLS);
	for (int i = 0; i < SLOT_COUNT; i++)
		cv[i] = (struct canvas){&a->th, ws->win[i], NULL, 0, 0, ws->win[i] ? ws->at[i].h : 0,
					ws->win[i] ? ws->at[i].w : 0};
	used = draw_slots(a, cv, LINES, COLS);
	wnoutrefresh(stdscr);
	for (int i = 0; i < SLOT_COUNT; i++)
		if ((used & (1u << i)) && ws->win[i])
			wnoutrefresh(ws->win[i]);
	doupdate(); /* one screen update per frame */
}

/* a->busy in the terminal. During long work (a long step, a rewind's
 * rebuild), every 100 ms (not at each call: a terminal read each time):
 * the keys typed are read, Esc stops the work (Ctrl-C too, kept to quit
 * after it) and the others are kept, in order, to act after it
 * (tui_typeahead_push; a mouse event's record stays queued for
 * getmouse, and is taken from it when its key is dropped; a resize
 * redraws); the screen is drawn with the status the work set. Before a
 * rewind (total 0): the screen drawn at once. */
static bool busy_frame(struct tui_app *a, int done, int total)
{
	struct tui_frame *f = a->busy_ctx;
	double now = now_ms();

	(void)done; /* the status says how far the work has come */

	if (total > 0) {
		int key;
		bool stop = false;

		if (now - f->drawn_ms < 100)
			return true;
		timeout(0);
		while ((key = getch()) != ERR) {
			if (key == 27) {
				stop = true;
				continue;
			}
			if (key == KEY_RESIZE) {
				erase();
				continue;
			}
			stop |= key == KEY_CTRL_C; /* stops the work, then quits as q does */
			if (key == KEY_MOUSE && a->typeahead.n == TUI_TYPEAHEAD) {
				MEVENT me;

				getmouse(&me); /* its record goes with it */
			}
			tui_typeahead_push(a, key);
		}
		if (stop)
			return false;
	}
	frame(a, &f->ws);
	f->drawn_ms = now;
	return true;
}

/* While the cockpit waits for a key or, running, for its next day: a
 * loaded seed's past rebuilt ahead, 4 days at a time for about 20 ms
 * between looks at the keyboard (a key waits at most that and 4 days of
 * the world), and not past `until` (the next day's time). False when
 * nothing is left to do. */
static bool idle_work(struct tui_app *a, double until)
{
	double end = now_ms() + 20;
	int left;

	if (until < end)
		end = until;
	do
		left = loop_prepare(a, 4);
	while (left > 0 && now_ms() < end);
	return left > 0;
}

int tui_run(struct smug_world **w, const struct tui_options *opt)
{
	struct tui_app a;
	struct smug_error err;
	bool go = true, draw = true, idle = true; /* idle: idle_work may have work */
	double next_tick = 0;
	struct tui_frame fr;

	if (opt->seed_name) {
		struct smug_world *loaded = NULL;

		if (smug_vault_load(opt->vault_root, opt->seed_name, &loaded, &err) != SMUG_OK) {
			fprintf(stderr, "%s\n", err.msg);
			return 3;
		}
		smug_world_free(*w);
		*w = loaded;
	}
	tui_app_init(&a, *w, opt);
	if (tui_term_begin(opt, &a.th) != 0) {
		tui_app_done(&a);
		return 1;
	}
	memset(&fr, 0, sizeof fr);
	a.busy = busy_frame;
	a.busy_ctx = &fr;
	while (go) {
		int key;
		/* keys typed during long work first, in order */
		bool typed = tui_typeahead_next(&a, &key);
		bool ticking;

		if (draw)
			frame(&a, &fr.ws);
		draw = true;
		ticking = tui_ticking(&a); /* after the frame: on the terminal's size now */
		if (!typed && ticking) { /* wait for the next day's time, working ahead meanwhile */
			double now = now_ms(), wait;

			if (next_tick <= 0)
				next_tick = now;
			wait = next_tick - now;
			timeout(wait > 0 && !idle ? (int)wait : 0);
		} else if (!typed) {
			timeout(idle ? 0 : -1); /* paused: work ahead, else sleep in getch */
			next_tick = 0;
		}
		if (!typed)
			key = getch();
		if (key == ERR) {
			if (ticking && (!idle || now_ms() >= next_tick)) {
				step(&a, 1);
				next_tick += 1000.0 / tui_speeds[a.speed];
			} else if (idle) {
				idle = idle_work(&a, ticking ? next_tick : now_ms() + 20);
				draw = !idle; /* only the status at the end changes */
			}
			continue;
		}
		idle = true; /* the key may have loaded a seed or rewound */
		if (key == KEY_RESIZE) {
			erase();
			continue;
		}
		if (key == KEY_MOUSE) {
			MEVENT me;

			if (getmouse(&me) != OK)
				continue;
			if (me.bstate & BUTTON4_PRESSED)
				key = KEY_UP;
			else if (me.bstate & BUTTON5_PRESSED)
				key = KEY_DOWN;
			else {
				tui_click(&a, me.y, me.x);
				continue;
			}
		}
		go = tui_handle_key(&a, key);
	}
	*w = a.w; /* the world shown last (a load replaced the one handed in) */
	tui_windows_done(&fr.ws);
	tui_app_done(&a);
	restore_terminal();
	return 0;
}
