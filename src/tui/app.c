/* The cockpit's screen manager: layout of the panes, focus, overlays,
 * prompts, the run/pause loop (blocking getch when paused, a timed getch
 * when running), resize handling, and the terminal's restoration on exit,
 * on Ctrl-C and on a fatal signal. Keys act only through the command API
 * and the vault. tui_render and tui_handle_key need no terminal, so the
 * golden-screen tests drive them directly. */
#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smugnet/vault.h"
#include "tui/tui.h"

#define MIN_ROWS 24
#define MIN_COLS 80

static const int speeds[] = {1, 2, 5, 10, 30, 100}; /* days per second when running */
#define N_SPEEDS ((int)(sizeof speeds / sizeof speeds[0]))

void tui_app_init(struct tui_app *a, struct smug_world *w, const struct tui_options *opt)
{
	int fac[SMUG_FACTIONS_MAX];

	memset(a, 0, sizeof *a);
	a->w = w;
	a->opt = opt;
	a->faction = tui_network_factions(w, fac, SMUG_FACTIONS_MAX) > 0 ? fac[0] : -1;
	a->rows = MIN_ROWS;
	a->cols = MIN_COLS;
	if (opt->vault_root)
		snprintf(a->vault_root, sizeof a->vault_root, "%s", opt->vault_root);
	if (opt->seed_name)
		snprintf(a->seed_name, sizeof a->seed_name, "%s", opt->seed_name);
	theme_init(&a->th, false, opt->ascii);
}

void tui_app_done(struct tui_app *a)
{
	free(a->seeds);
	a->seeds = NULL;
}

/* ---- rendering ---- */

/* Each pane is drawn into its own rectangle: a window of its own on the
 * terminal, a region of the grid in tests. */
enum tui_slot { SLOT_HEADER, SLOT_FOOTER, SLOT_FACTIONS, SLOT_ROUTES, SLOT_BORDERS, SLOT_EVENTS,
		SLOT_OVERLAY, SLOT_COUNT };

struct tui_rect {
	int y, x, h, w;
};

static bool too_small(int rows, int cols)
{
	return rows < MIN_ROWS || cols < MIN_COLS;
}

static void layout(int rows, int cols, struct tui_rect r[SLOT_COUNT])
{
	int body = rows - 3, left_w = cols * 2 / 5, top_h = body / 2, rest = body - top_h;

	memset(r, 0, sizeof(struct tui_rect) * SLOT_COUNT);
	if (too_small(rows, cols)) {
		r[SLOT_OVERLAY] = (struct tui_rect){0, 0, rows, cols};
		return;
	}
	r[SLOT_HEADER] = (struct tui_rect){0, 0, 2, cols};
	r[SLOT_FOOTER] = (struct tui_rect){rows - 1, 0, 1, cols};
	r[SLOT_FACTIONS] = (struct tui_rect){2, 0, top_h, left_w};
	r[SLOT_ROUTES] = (struct tui_rect){2 + top_h, 0, rest, left_w};
	r[SLOT_BORDERS] = (struct tui_rect){2, left_w, top_h + rest / 3, cols - left_w};
	r[SLOT_EVENTS] = (struct tui_rect){2 + top_h + rest / 3, left_w, rest - rest / 3, cols - left_w};
	r[SLOT_OVERLAY] = (struct tui_rect){2, 0, body, cols};
}

static void draw_overlay(struct tui_app *a, struct canvas *c)
{
	if (a->overlay == OVERLAY_HELP) {
		pane_help_draw(a, c);
	} else if (a->overlay == OVERLAY_WHY) {
		pane_why_draw(a, c);
	} else {
		canvas_clear(c);
		canvas_box(c, "Load a seed (Enter to load, Esc to cancel)", true);
		for (int i = 0; i < a->n_seeds && i + 1 < c->h - 1; i++)
			canvas_printf(c, i + 1, 2, i == a->load_sel ? ROLE_SELECT : ROLE_NORMAL,
				      "%-24s day %-7d %-16s %016llx", a->seeds[i].name, a->seeds[i].day,
				      a->seeds[i].scenario_id, (unsigned long long)a->seeds[i].digest);
		if (a->n_seeds == 0)
			canvas_text(c, 1, 2, ROLE_DIM, "the vault has no seeds yet");
	}
}

/* Draw the panes that this frame shows; returns a mask of the slots used. */
static unsigned draw_slots(struct tui_app *a, struct canvas cv[SLOT_COUNT], int rows, int cols)
{
	if (too_small(rows, cols)) {
		struct canvas *c = &cv[SLOT_OVERLAY];

		canvas_clear(c);
		canvas_printf(c, 0, 0, ROLE_WARN, "smugnet needs a terminal of at least %dx%d;", MIN_COLS, MIN_ROWS);
		canvas_printf(c, 1, 0, ROLE_WARN, "this one is %dx%d. Enlarge it, or press q to quit.", cols, rows);
		return 1u << SLOT_OVERLAY;
	}
	pane_header_draw(a, &cv[SLOT_HEADER]);
	pane_footer_draw(a, &cv[SLOT_FOOTER]);
	if (a->overlay != OVERLAY_NONE) {
		draw_overlay(a, &cv[SLOT_OVERLAY]);
		return 1u << SLOT_HEADER | 1u << SLOT_FOOTER | 1u << SLOT_OVERLAY;
	}
	pane_factions_draw(a, &cv[SLOT_FACTIONS], a->focus == PANE_FACTIONS);
	pane_routes_draw(a, &cv[SLOT_ROUTES], a->focus == PANE_ROUTES);
	pane_borders_draw(a, &cv[SLOT_BORDERS], a->focus == PANE_BORDERS);
	pane_events_draw(a, &cv[SLOT_EVENTS], a->focus == PANE_EVENTS);
	return ~(1u << SLOT_OVERLAY) & ((1u << SLOT_COUNT) - 1);
}

void tui_render(struct tui_app *a, struct canvas *screen)
{
	struct tui_rect r[SLOT_COUNT];
	struct canvas cv[SLOT_COUNT];

	canvas_clear(screen);
	layout(screen->h, screen->w, r);
	for (int i = 0; i < SLOT_COUNT; i++)
		cv[i] = canvas_sub(screen, r[i].y, r[i].x, r[i].h, r[i].w);
	draw_slots(a, cv, screen->h, screen->w);
}

/* ---- actions ---- */

static void set_status(struct tui_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_status(struct tui_app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
}

static void step(struct tui_app *a, int days)
{
	smug_cmd_step(a->w, days);
	a->unsaved = true;
}

static int count_rows(const struct tui_app *a, enum tui_pane p)
{
	int rows[512], n = 0;

	if (p == PANE_ROUTES) {
		for (int i = 0; i < a->w->n_decisions; i++)
			n += a->w->decisions[i].faction == a->faction;
		return n;
	}
	if (p == PANE_BORDERS)
		return pane_borders_rows(a, rows, 512);
	if (p == PANE_EVENTS) {
		int vis[SMUG_EVENT_CAP];

		return pane_events_visible(a, vis, SMUG_EVENT_CAP);
	}
	return tui_network_factions(a->w, rows, SMUG_FACTIONS_MAX);
}

static void move_selection(struct tui_app *a, int delta)
{
	int n = count_rows(a, a->focus), fac[SMUG_FACTIONS_MAX], k, i;

	switch (a->focus) {
	case PANE_FACTIONS:
		k = tui_network_factions(a->w, fac, SMUG_FACTIONS_MAX);
		for (i = 0; i < k && fac[i] != a->faction; i++)
			;
		i += delta;
		if (k > 0)
			a->faction = fac[i < 0 ? 0 : i >= k ? k - 1 : i];
		a->route_sel = 0;
		break;
	case PANE_ROUTES:
		a->route_sel += delta;
		if (a->route_sel >= n)
			a->route_sel = n - 1;
		if (a->route_sel < 0)
			a->route_sel = 0;
		break;
	case PANE_BORDERS:
		a->border_sel += delta;
		if (a->border_sel >= n)
			a->border_sel = n - 1;
		if (a->border_sel < 0)
			a->border_sel = 0;
		break;
	case PANE_EVENTS:
		a->event_scroll -= delta; /* down = towards the newest */
		if (a->event_scroll > n - 1)
			a->event_scroll = n - 1;
		if (a->event_scroll < 0)
			a->event_scroll = 0;
		break;
	default:
		break;
	}
}

static void toggle_crackdown(struct tui_app *a)
{
	int rows[512], n = pane_borders_rows(a, rows, 512), c;
	struct smug_error err;
	const char *id;

	if (n == 0 || a->border_sel >= n) {
		set_status(a, "no border selected: step some days first");
		return;
	}
	c = rows[a->border_sel];
	id = a->w->corridors[c].id;
	if (smug_world_crackdown_on(a->w, c)) {
		if (smug_cmd_crackdown_clear(a->w, id, &err) == SMUG_OK)
			set_status(a, "crackdown on %s cleared", id);
		else
			set_status(a, "%s", err.msg);
	} else if (smug_cmd_crackdown_set(a->w, id, 1.0, -1, &err) == SMUG_OK) {
		set_status(a, "crackdown on %s until cleared", id);
	} else {
		set_status(a, "%s", err.msg);
	}
	a->unsaved = true;
}

static void do_save(struct tui_app *a)
{
	struct smug_error err;

	if (smug_vault_save(a->w, a->vault_root, a->input, &err) != SMUG_OK) {
		set_status(a, "save failed: %s", err.msg);
		return;
	}
	snprintf(a->seed_name, sizeof a->seed_name, "%s", a->input);
	a->unsaved = false;
	set_status(a, "saved seed %s at day %d", a->seed_name, a->w->day);
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
		set_status(a, "cannot list the vault: %s", err.msg);
		return;
	}
	a->load_sel = 0;
	a->overlay = OVERLAY_LOAD;
}

static void do_load(struct tui_app *a)
{
	struct smug_world *nw = NULL;
	struct smug_error err;
	int fac[SMUG_FACTIONS_MAX];

	if (a->load_sel >= a->n_seeds)
		return;
	if (smug_vault_load(a->vault_root, a->seeds[a->load_sel].name, &nw, &err) != SMUG_OK) {
		set_status(a, "load failed: %s", err.msg);
		return;
	}
	smug_world_free(a->w);
	a->w = nw;
	snprintf(a->seed_name, sizeof a->seed_name, "%s", a->seeds[a->load_sel].name);
	a->unsaved = false;
	a->faction = tui_network_factions(nw, fac, SMUG_FACTIONS_MAX) > 0 ? fac[0] : -1;
	a->route_sel = a->border_sel = a->event_scroll = 0;
	a->overlay = OVERLAY_NONE;
	set_status(a, "loaded seed %s at day %d", a->seed_name, nw->day);
}

static void jump_to_event(struct tui_app *a)
{
	int vis[SMUG_EVENT_CAP], n = pane_events_visible(a, vis, SMUG_EVENT_CAP), rows[512], nr;
	const struct smug_event *e;

	if (n == 0)
		return;
	e = smug_event_at(&a->w->tel, vis[n - 1 - a->event_scroll]);
	if (e->faction >= 0 && a->w->factions[e->faction].runs_network)
		a->faction = e->faction;
	if (e->corridor >= 0) {
		nr = pane_borders_rows(a, rows, 512);
		for (int i = 0; i < nr; i++)
			if (rows[i] == e->corridor) {
				a->border_sel = i;
				a->focus = PANE_BORDERS;
				return;
			}
	}
	if (e->faction >= 0)
		a->focus = PANE_FACTIONS;
}

/* A key at a prompt: text input, Enter to accept, Esc to cancel. */
static bool prompt_key(struct tui_app *a, int key)
{
	size_t len = strlen(a->input);
	enum tui_prompt p = a->prompt;

	if (p == PROMPT_OVERWRITE || p == PROMPT_QUIT) {
		a->prompt = PROMPT_NONE;
		if (key == 'y' || key == 'Y') {
			if (p == PROMPT_QUIT)
				return false;
			do_save(a);
		} else {
			set_status(a, "%s", p == PROMPT_QUIT ? "quit cancelled" : "save cancelled");
		}
		return true;
	}
	if (key == 27) {
		a->prompt = PROMPT_NONE;
		set_status(a, "cancelled");
		return true;
	}
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		a->prompt = PROMPT_NONE;
		if (p == PROMPT_FILTER) {
			snprintf(a->filter, sizeof a->filter, "%s", a->input);
			a->event_scroll = 0;
		} else if (p == PROMPT_STEPS) {
			long days = strtol(a->input, NULL, 10);

			if (days > 0 && days <= 100000) {
				step(a, (int)days);
				set_status(a, "stepped %ld days", days);
			} else {
				set_status(a, "expected a number of days from 1 to 100000");
			}
		} else if (p == PROMPT_SAVE) {
			if (!smug_seed_name_valid(a->input))
				set_status(a, "'%s' is not a valid seed name (letters, digits, . _ -)", a->input);
			else if (seed_exists(a, a->input))
				a->prompt = PROMPT_OVERWRITE;
			else
				do_save(a);
		}
		return true;
	}
	if ((key == KEY_BACKSPACE || key == 127 || key == 8) && len > 0)
		a->input[len - 1] = '\0';
	else if (key >= 32 && key < 127 && len + 1 < sizeof a->input)
		a->input[len] = (char)key, a->input[len + 1] = '\0';
	return true;
}

static void start_prompt(struct tui_app *a, enum tui_prompt p, const char *initial)
{
	a->prompt = p;
	snprintf(a->input, sizeof a->input, "%s", initial ? initial : "");
	a->status[0] = '\0';
}

bool tui_handle_key(struct tui_app *a, int key)
{
	enum tui_action act;

	if (a->prompt != PROMPT_NONE)
		return prompt_key(a, key);
	act = keymap_lookup(key);
	if (act != ACT_NONE)
		a->status[0] = '\0';
	if (a->overlay != OVERLAY_NONE) {
		if (act == ACT_BACK || (a->overlay == OVERLAY_HELP && act == ACT_HELP)) {
			a->overlay = OVERLAY_NONE;
		} else if (act == ACT_UP || act == ACT_DOWN) {
			int d = act == ACT_UP ? -1 : 1;

			if (a->overlay == OVERLAY_WHY && a->why_scroll + d >= 0)
				a->why_scroll += d;
			if (a->overlay == OVERLAY_LOAD && a->load_sel + d >= 0 && a->load_sel + d < a->n_seeds)
				a->load_sel += d;
		} else if (act == ACT_ENTER && a->overlay == OVERLAY_LOAD) {
			do_load(a);
		} else if (act == ACT_QUIT) {
			a->overlay = OVERLAY_NONE;
		}
		return true;
	}
	switch (act) {
	case ACT_HELP: a->overlay = OVERLAY_HELP; break;
	case ACT_QUIT:
		if (!a->unsaved)
			return false;
		start_prompt(a, PROMPT_QUIT, NULL);
		break;
	case ACT_FOCUS_NEXT: a->focus = (enum tui_pane)((a->focus + 1) % PANE_COUNT); break;
	case ACT_UP: move_selection(a, -1); break;
	case ACT_DOWN: move_selection(a, 1); break;
	case ACT_LEFT:
	case ACT_RIGHT: {
		enum tui_pane keep = a->focus;

		a->focus = PANE_FACTIONS;
		move_selection(a, act == ACT_LEFT ? -1 : 1);
		a->focus = keep;
		break;
	}
	case ACT_STEP: step(a, 1); break;
	case ACT_STEP_N: start_prompt(a, PROMPT_STEPS, "30"); break;
	case ACT_RUN: a->running = !a->running; break;
	case ACT_FASTER: if (a->speed + 1 < N_SPEEDS) a->speed++; break;
	case ACT_SLOWER: if (a->speed > 0) a->speed--; break;
	case ACT_CRACKDOWN:
		if (a->focus == PANE_BORDERS)
			toggle_crackdown(a);
		else
			set_status(a, "select a border in the Borders pane (Tab) first");
		break;
	case ACT_AUTO:
		smug_cmd_auto_crackdown(a->w, !a->w->cfg.crackdown.auto_enabled);
		set_status(a, "auto-crackdown %s", a->w->cfg.crackdown.auto_enabled ? "on" : "off");
		a->unsaved = true;
		break;
	case ACT_HEAT: a->heat = (enum tui_heat)((a->heat + 1) % HEAT_COUNT); break;
	case ACT_SORT: a->border_sort = (a->border_sort + 1) % 3; a->border_sel = 0; break;
	case ACT_SAVE: start_prompt(a, PROMPT_SAVE, a->seed_name); break;
	case ACT_LOAD: open_load(a); break;
	case ACT_FILTER:
		if (a->focus == PANE_EVENTS)
			start_prompt(a, PROMPT_FILTER, a->filter);
		break;
	case ACT_ENTER:
		if (a->focus == PANE_ROUTES && count_rows(a, PANE_ROUTES) > 0) {
			a->overlay = OVERLAY_WHY;
			a->why_scroll = 0;
		} else if (a->focus == PANE_EVENTS) {
			jump_to_event(a);
		}
		break;
	case ACT_BACK: a->filter[0] = '\0'; break;
	default: break;
	}
	return true;
}

/* ---- the terminal ---- */

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
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

int tui_run(struct smug_world **w, const struct tui_options *opt)
{
	struct tui_app a;
	struct smug_error err;
	bool go = true;
	double next_tick = 0;
	WINDOW *wins[SLOT_COUNT] = {0};

	if (opt->seed_name) {
		struct smug_world *loaded = NULL;

		if (smug_vault_load(opt->vault_root, opt->seed_name, &loaded, &err) != SMUG_OK) {
			fprintf(stderr, "%s\n", err.msg);
			return 3;
		}
		smug_world_free(*w);
		*w = loaded;
	}
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* numbers in saved seeds stay "0.5", never "0,5" */
	tui_app_init(&a, *w, opt);
	if (initscr() == NULL) {
		fprintf(stderr, "smugnet: cannot initialise the terminal\n");
		return 1;
	}
	atexit(restore_terminal);
	signal(SIGINT, on_fatal);
	signal(SIGTERM, on_fatal);
	signal(SIGSEGV, on_fatal);
	signal(SIGABRT, on_fatal);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (!opt->no_mouse)
		mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	theme_init(&a.th, !opt->no_color, opt->ascii);
	while (go) {
		struct tui_rect r[SLOT_COUNT];
		struct canvas cv[SLOT_COUNT];
		unsigned used;
		int key;

		if (LINES != a.rows || COLS != a.cols || wins[SLOT_OVERLAY] == NULL) {
			/* (re)create one window per pane for this size */
			a.rows = LINES;
			a.cols = COLS;
			layout(LINES, COLS, r);
			for (int i = 0; i < SLOT_COUNT; i++) {
				if (wins[i])
					delwin(wins[i]);
				wins[i] = r[i].h > 0 && r[i].w > 0 ? newwin(r[i].h, r[i].w, r[i].y, r[i].x) : NULL;
			}
			clearok(curscr, TRUE);
		}
		layout(LINES, COLS, r);
		for (int i = 0; i < SLOT_COUNT; i++)
			cv[i] = (struct canvas){&a.th, wins[i], NULL, 0, 0, wins[i] ? r[i].h : 0, wins[i] ? r[i].w : 0};
		used = draw_slots(&a, cv, LINES, COLS);
		wnoutrefresh(stdscr);
		for (int i = 0; i < SLOT_COUNT; i++)
			if ((used & (1u << i)) && wins[i])
				wnoutrefresh(wins[i]);
		doupdate(); /* one screen update per frame */
		if (a.running && a.prompt == PROMPT_NONE) {
			double now = now_ms(), wait;

			if (next_tick <= 0)
				next_tick = now;
			wait = next_tick - now;
			timeout(wait > 0 ? (int)wait : 0);
		} else {
			timeout(-1); /* paused: sleep in getch */
			next_tick = 0;
		}
		key = getch();
		if (key == ERR) {
			if (a.running) {
				step(&a, 1);
				next_tick += 1000.0 / speeds[a.speed];
			}
			continue;
		}
		if (key == KEY_RESIZE) {
			erase();
			continue;
		}
		if (key == KEY_MOUSE) {
			MEVENT me;

			if (getmouse(&me) == OK) {
				if (me.bstate & BUTTON4_PRESSED)
					key = KEY_UP;
				else if (me.bstate & BUTTON5_PRESSED)
					key = KEY_DOWN;
				else {
					int left_w = COLS * 2 / 5, top = 2 + (LINES - 3) / 2;

					a.focus = me.x < left_w ? (me.y < top ? PANE_FACTIONS : PANE_ROUTES)
						  : (me.y < 2 + (LINES - 3) / 2 + (LINES - 3 - (LINES - 3) / 2) / 3
							     ? PANE_BORDERS
							     : PANE_EVENTS);
					continue;
				}
			} else {
				continue;
			}
		}
		go = tui_handle_key(&a, key);
		*w = a.w;
	}
	*w = a.w;
	for (int i = 0; i < SLOT_COUNT; i++)
		if (wins[i])
			delwin(wins[i]);
	tui_app_done(&a);
	restore_terminal();
	return 0;
}
