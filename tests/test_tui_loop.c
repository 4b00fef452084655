/* The designer's loop in the cockpit, driven by keys without a terminal:
 * [ and { rewind and stepping on gives the world of never rewinding; b
 * forks a what-if, B compares it with the base (a crackdown shows on its
 * border, no change shows identical), Enter keeps one; C edits a knob,
 * which is a command of the journal. */
#include <check.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smugnet/vault.h"
#include "tui/tui.h"
#include "test_util.h"

static struct tui_options opts = {.no_color = true, .no_mouse = true, .vault_root = "/tmp"};

static char *screen(struct tui_app *a)
{
	struct tui_grid *g = grid_new(48, 160);
	struct canvas cv = {&a->th, NULL, g, 0, 0, 48, 160};
	char *text;

	tui_render(a, &cv);
	text = grid_dump(g);
	grid_free(g);
	return text;
}

static bool shows(struct tui_app *a, const char *text)
{
	char *s = screen(a);
	bool found = strstr(s, text) != NULL;

	free(s);
	return found;
}

static void keys(struct tui_app *a, const char *k)
{
	for (; *k; k++)
		tui_handle_key(a, *k == '\n' ? '\n' : *k);
}

START_TEST(test_tui_loop_rewind_and_step_on_is_never_rewinding)
{
	struct smug_world *w = test_default_at(0), *straight;
	struct tui_app a;
	uint64_t at25;

	tui_app_init(&a, w, &opts);
	for (int i = 0; i < 25; i++)
		keys(&a, ".");
	ck_assert_int_eq(a.w->day, 25);
	at25 = smug_world_digest(a.w);
	straight = smug_world_clone(a.w);
	keys(&a, "[[");
	ck_assert_int_eq(a.w->day, 23);
	ck_assert(shows(&a, "day 23 "));
	keys(&a, "..");
	ck_assert_uint_eq(smug_world_digest(a.w), at25);
	/* { asks a day */
	keys(&a, "{");
	ck_assert_int_eq(a.prompt, PROMPT_REWIND);
	keys(&a, "10\n");
	ck_assert_int_eq(a.w->day, 10);
	for (int i = 0; i < 15; i++)
		keys(&a, ".");
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(straight));
	keys(&a, "{40\n");
	ck_assert_int_eq(a.w->day, 25); /* not a day behind: refused */
	ck_assert(shows(&a, "'40' is not a day before day 25 (expected 0 to 24)"));
	tui_set_status(&a, "%s", "");
	keys(&a, "{25\n");
	ck_assert_int_eq(a.w->day, 25); /* the day shown is not behind either */
	ck_assert_msg(shows(&a, "rewind: '25' is not a day before day 25"), "{25 on day 25: %s", a.status);
	smug_world_free(straight);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* The cockpit started on the default world at day 0, then seed (saved
 * in a new vault, root) loaded from the load view; *o holds root. */
static void app_on_loaded_seed(struct tui_app *a, struct tui_options *o, char *root, const struct smug_world *seed)
{
	struct smug_error err;

	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(smug_vault_save(seed, root, "seed", &err), SMUG_OK);
	*o = opts;
	o->vault_root = root;
	tui_app_init(a, test_default_at(0), o);
	keys(a, "o");
	ck_assert_int_eq(a->view, VIEW_LOAD);
	keys(a, "\n");
	ck_assert_int_eq(a->w->day, seed->day);
}

/* The end of a test begun by app_on_loaded_seed: the cockpit, the seed
 * and the vault go. */
static void app_leave_loaded_seed(struct tui_app *a, const char *root, struct smug_world *seed)
{
	smug_world_free(a->w);
	tui_app_done(a);
	smug_world_free(seed);
	test_remove_tree(root);
}

/* A seed loaded in the cockpit can be rewound before the day it was
 * loaded at: [ and { rebuild the day from the seed's scenario and
 * journal, and stepping on gives the seed's day again. */
/* The footer's row at 80x24. */
static void footer_at_80(struct tui_app *a, char *out, size_t size)
{
	struct tui_grid *g = grid_new(24, 80);
	struct canvas cv = {&a->th, NULL, g, 0, 0, 24, 80};
	char *text, *last;

	tui_render(a, &cv);
	text = grid_dump(g);
	grid_free(g);
	while (strlen(text) > 0 && text[strlen(text) - 1] == '\n')
		text[strlen(text) - 1] = '\0';
	last = strrchr(text, '\n');
	snprintf(out, size, "%s", last ? last + 1 : text);
	free(text);
}

/* At 80x24, [ said "back to day 11 (from 12); stepping on replaces those
 * days (b keeps a branch fir…" and b "what-if branch from day 11: change
 * something (c, C, a), step, then B compares; …": the key that keeps a
 * branch, and b switching, were cut from the footer. Both are whole. */
START_TEST(test_tui_loop_rewind_and_branch_notes_whole_at_80)
{
	struct smug_world *w = test_default_at(0);
	struct tui_app a;
	char foot[512];

	tui_app_init(&a, w, &opts);
	for (int i = 0; i < 120; i++)
		keys(&a, ".");
	keys(&a, "[");
	footer_at_80(&a, foot, sizeof foot);
	ck_assert_msg(strstr(foot, "back to day 119 (from 120)") && strstr(foot, "(b keeps a branch first)") &&
			      !strstr(foot, "\u2026"),
		      "the rewind's note cut at 80: '%s'", foot);
	keys(&a, "b");
	footer_at_80(&a, foot, sizeof foot);
	ck_assert_msg(strstr(foot, "what-if branch from day 119:") && strstr(foot, "b switches") && !strstr(foot, "\u2026"),
		      "the branch's note cut at 80: '%s'", foot);
	tui_app_done(&a);
	smug_world_free(a.w);
}
END_TEST

/* While days ran (Space), the footer still read "Space run", so it did
 * not say how to stop them. It reads "Space pause" while running and
 * "Space run" again once paused. */
START_TEST(test_tui_loop_footer_says_pause_while_running)
{
	struct smug_world *w = test_default_at(2);
	struct tui_app a;
	char foot[512];

	tui_app_init(&a, w, &opts);
	a.status[0] = '\0';
	footer_at_80(&a, foot, sizeof foot);
	ck_assert_msg(strstr(foot, "Space run") != NULL, "paused, the footer does not say Space runs: '%s'", foot);
	keys(&a, " ");
	ck_assert(a.running);
	a.status[0] = '\0';
	footer_at_80(&a, foot, sizeof foot);
	ck_assert_msg(strstr(foot, "Space pause") != NULL && strstr(foot, "Space run") == NULL,
		      "running, the footer does not say Space pauses: '%s'", foot);
	keys(&a, " ");
	ck_assert(!a.running);
	footer_at_80(&a, foot, sizeof foot);
	ck_assert_msg(strstr(foot, "Space run") != NULL, "paused again, the footer does not say Space runs: '%s'", foot);
	tui_app_done(&a);
	smug_world_free(a.w);
}
END_TEST

/* A key of the table pressed where it does nothing said nothing: c in
 * the Factions pane, / outside Events, w outside the why view left the
 * footer as it was, as if the key had not been read. The footer now says
 * where the key works, whole at 80 columns; a key that works there still
 * does its work and says nothing of the kind. */
START_TEST(test_tui_loop_key_that_does_nothing_here_says_where_it_works)
{
	static const struct {
		const char *keys, *want;
	} cases[] = {
		{"1c", "c (crackdown) works in Borders, Map, chart view and map view"},
		{"1/", "/ (filter) works in Events"},
		{"2w", "w (winner) works in why view"},
		{"1z", "z (zoom) works in Map and map view"},
	};
	struct smug_world *w = test_default_at(10);
	struct tui_app a;
	char foot[512];

	tui_app_init(&a, w, &opts);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		keys(&a, cases[i].keys);
		footer_at_80(&a, foot, sizeof foot);
		ck_assert_msg(strstr(foot, cases[i].want) != NULL && strstr(foot, "\u2026") == NULL,
			      "'%s': the footer reads '%s', want '%s'", cases[i].keys, foot, cases[i].want);
	}
	keys(&a, "3c"); /* in Borders c cracks down, and says so, not where it works */
	ck_assert_int_eq(a.w->n_crackdowns, 1);
	ck_assert_msg(strstr(a.status, "works in") == NULL, "c in Borders: '%s'", a.status);
	tui_app_done(&a);
	smug_world_free(a.w);
}
END_TEST

/* At 80x24 the config view's title read "Configuration (Enter edits the
 * selected knob; it applies from the next day\u2026", every row ended in a
 * meaning cut to "\u2026" and a range could be cut ("up to 39 byt\u2026").
 * With each knob selected in turn nothing on the screen is cut, the
 * title says what Enter does, and the selected knob's range and meaning
 * are whole on the screen. */
static char *screen_at(struct tui_app *a, int rows, int cols);

START_TEST(test_tui_loop_config_view_whole_at_80)
{
	struct smug_world *w = test_default_at(0);
	struct tui_app a;
	int n;
	const struct smug_knob *k = smug_knob_table(&n);

	tui_app_init(&a, w, &opts);
	keys(&a, "C");
	ck_assert_int_eq(a.view, VIEW_CONFIG);
	tui_handle_key(&a, KEY_HOME);
	for (int i = 0; i < n; i++) {
		char *s = screen_at(&a, 24, 80), range[80], flat[4096];
		size_t at = 0;

		/* the screen's rows inside the frame joined by spaces, so a
		 * wrapped meaning reads as one text */
		for (const char *p = s; *p && at + 1 < sizeof flat; p++) {
			if (strncmp(p, "\xe2\x94\x82", 3) == 0) {
				p += 2;
				continue;
			}
			if (*p == '\n' || (*p == ' ' && at > 0 && flat[at - 1] == ' '))
				continue;
			flat[at++] = *p == '\n' ? ' ' : *p;
			if (p[1] == '\n' && at + 1 < sizeof flat)
				flat[at++] = ' ';
		}
		flat[at] = '\0';
		smug_knob_format_range(&k[i], range, sizeof range);
		ck_assert_msg(strstr(s, "\u2026") == NULL && strstr(s, "Enter edits the selected knob") != NULL,
			      "80x24, %s selected: the config view cuts a text:\n%s", k[i].key, s);
		ck_assert_msg(strstr(flat, range) != NULL && strstr(flat, k[i].meaning) != NULL,
			      "80x24, %s selected: its range '%s' or meaning is not whole:\n%s", k[i].key, range, s);
		free(s);
		tui_handle_key(&a, KEY_DOWN);
	}
	tui_app_done(&a);
	smug_world_free(a.w);
}
END_TEST

START_TEST(test_tui_loop_rewind_before_a_loaded_seed)
{
	struct tui_options o;
	char root[] = "/tmp/smugnet-loop-XXXXXX";
	struct smug_world *seed = test_default_at(30), *at29 = test_default_at(29), *at5 = test_default_at(5);
	struct tui_app a;

	app_on_loaded_seed(&a, &o, root, seed);
	keys(&a, "[");
	ck_assert_msg(a.w->day == 29, "[ on a seed loaded at day 30: day %d, %s", a.w->day, a.status);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(at29));
	ck_assert_msg(shows(&a, "back to day 29 (from 30)"), "%s", a.status);
	keys(&a, "{5\n");
	ck_assert_int_eq(a.w->day, 5);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(at5));
	for (int i = 0; i < 25; i++)
		keys(&a, ".");
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(seed));
	smug_world_free(at29);
	smug_world_free(at5);
	app_leave_loaded_seed(&a, root, seed);
}
END_TEST

#ifdef HAVE_MALLINFO2
/* Each rewind replaces the world shown by one rebuilt from the timeline:
 * the world left behind is given back. Ten rewinds by a day, each
 * stepped on again, keep the heap within 256 KiB of where it was. */
START_TEST(test_tui_loop_rewinds_give_their_memory_back)
{
	struct smug_world *w = test_default_at(0);
	struct tui_app a;
	size_t before;

	tui_app_init(&a, w, &opts);
	for (int i = 0; i < 25; i++)
		keys(&a, ".");
	keys(&a, "[.");
	before = test_heap_in_use();
	for (int i = 0; i < 10; i++) {
		keys(&a, "[");
		ck_assert_int_eq(a.w->day, 24);
		keys(&a, ".");
	}
	ck_assert_msg(test_heap_in_use() < before + (256u << 10), "10 rewinds keep %zu bytes more",
		      test_heap_in_use() - before);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST
#endif

/* The corridor ids ("a|b", a < b) of a route shown as node ids joined by ">". */
static int route_edges(const char *route, char edges[][96], int max)
{
	char nodes[64][48];
	int n = 0, k = 0;

	for (const char *p = route; *p && n < 64;) {
		size_t len = strcspn(p, ">");

		snprintf(nodes[n++], sizeof nodes[0], "%.*s", (int)len, p);
		p += len + (p[len] == '>');
	}
	for (int i = 0; i + 1 < n && k < max; i++) {
		bool ab = strcmp(nodes[i], nodes[i + 1]) < 0;

		snprintf(edges[k++], 96, "%.46s|%.46s", ab ? nodes[i] : nodes[i + 1], ab ? nodes[i + 1] : nodes[i]);
	}
	return k;
}

static bool has_edge(char edges[][96], int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(edges[i], id) == 0)
			return true;
	return false;
}

/* Is text the faction's risk_est on corridor `corr` in world w as the
 * why shows it (one of its estimates there, "%.3f"), or "prior" when it
 * holds none. */
static bool risk_is(const struct smug_world *w, const char *faction, const char *corr, const char *text)
{
	int f = smug_world_find_faction(w, faction), k = smug_world_find_corridor(w, corr);
	bool any = false;

	for (int i = 0; f >= 0 && k >= 0 && i < w->factions[f].net.n_edge_stats; i++) {
		char v[16];

		if (w->factions[f].net.edge_stats[i].corridor != k)
			continue;
		any = true;
		snprintf(v, sizeof v, "%.3f", w->factions[f].net.edge_stats[i].risk_est);
		if (strcmp(v, text) == 0)
			return true;
	}
	return !any && strcmp(text, "prior") == 0;
}

/* A changed route's why names each edge one side's route has and the
 * other lacks, and no edge both share, each with the faction's risk_est
 * there in its own world and in the other (w: base, what-if). */
static int check_whys(const struct smug_comparison *c, const struct smug_world *const w[2])
{
	int checked = 0, risks = 0, more = 0;

	for (int i = 0; i < c->n_routes; i++) {
		const struct smug_cmp_route *r = &c->routes[i];
		char e[2][64][96];
		int n[2];

		if (!r->route[0][0] || !r->route[1][0])
			continue;
		for (int s = 0; s < 2; s++)
			n[s] = route_edges(r->route[s], e[s], 64);
		for (int s = 0; s < 2; s++) {
			int named = 0, left = 0;

			for (int k = 0; k < n[s]; k++) {
				char want[112];
				bool shown;

				snprintf(want, sizeof want, "%.95s risk_est ", e[s][k]);
				shown = strstr(r->why[s], want) != NULL;
				if (shown) {
					const char *at = strstr(r->why[s], want) + strlen(want);
					const char *other = strstr(at, " (other ");
					char mine[32] = "", theirs[32] = "";

					if (other && strchr(other, ')')) { /* not cut */
						snprintf(mine, sizeof mine, "%.*s", (int)(other - at), at);
						other += strlen(" (other ");
						snprintf(theirs, sizeof theirs, "%.*s", (int)(strchr(other, ')') - other), other);
						ck_assert_msg(risk_is(w[s], r->faction, e[s][k], mine) &&
								      risk_is(w[1 - s], r->faction, e[s][k], theirs),
							      "route %s of %s: edge %s risk_est %s (other %s) is not the "
							      "faction's: %s",
							      r->route[s], r->faction, e[s][k], mine, theirs, r->why[s]);
						risks++;
					}
				}
				if (has_edge(e[1 - s], n[1 - s], e[s][k]))
					ck_assert_msg(!shown, "route %s: shared edge %s in its why: %s", r->route[s], e[s][k],
						      r->why[s]);
				else if (!shown)
					left++;
				named += shown;
			}
			/* whole parts only: every edge named has both figures; and
			 * nothing but the route's edges is named */
			{
				int parts = 0;

				for (const char *p = strstr(r->why[s], " risk_est "); p; p = strstr(p + 1, " risk_est ")) {
					ck_assert_msg(strstr(p, " (other ") && strchr(p, ')'), "route %s: a part cut: %s",
						      r->route[s], r->why[s]);
					parts++;
				}
				ck_assert_msg(parts == named, "route %s: its why names %d edges, %d of them the route's: %s",
					      r->route[s], parts, named, r->why[s]);
			}
			if (left > 0) {
				char tail[32];

				snprintf(tail, sizeof tail, "%d more", left);
				ck_assert_msg(strlen(r->why[s]) >= strlen(tail) &&
						      strcmp(r->why[s] + strlen(r->why[s]) - strlen(tail), tail) == 0,
					      "route %s: %d edges left out, the why does not say so: %s", r->route[s], left,
					      r->why[s]);
				more++;
			} else {
				/* nothing left out: no count, the why ends with its last part */
				ck_assert_msg(r->why[s][0] == '\0' || r->why[s][strlen(r->why[s]) - 1] == ')',
					      "route %s: no edge left out, yet the why ends otherwise: %s", r->route[s],
					      r->why[s]);
			}
			ck_assert_msg(named > 0 || strcmp(r->route[0], r->route[1]) == 0, "route %s: empty why",
				      r->route[s]);
		}
		checked++;
	}
	ck_assert_int_gt(risks, 0); /* some why shows its numbers whole */
	if (getenv("SMUGNET_SHOW"))
		fprintf(stderr, "%d whys, %d with edges counted at the end\n", checked, more);
	return checked;
}

/* The screen at rows x cols. */
static char *screen_at(struct tui_app *a, int rows, int cols)
{
	struct tui_grid *g = grid_new(rows, cols);
	struct canvas cv = {&a->th, NULL, g, 0, 0, rows, cols};
	char *text;

	tui_render(a, &cv);
	text = grid_dump(g);
	grid_free(g);
	return text;
}

/* The compare view's table heads name every column, wide and narrow; the
 * routes that changed fill the view down to its last rows: each takes
 * three rows, so fewer than three are left blank when some are not shown,
 * and a screen with room for all shows each once and nothing more;
 * a route's first row (faction, commodity, from -> to) starts in the
 * column of the "routes that changed" head, its base and what-if rows
 * two columns in. */
/* Whether p is " " and then a figure: a number or "prior". */
static bool has_figure(const char *p)
{
	return p[0] == ' ' && ((p[1] >= '0' && p[1] <= '9') || strncmp(p + 1, "prior", 5) == 0);
}

static void check_compare_screen(struct tui_app *a, const struct smug_comparison *c)
{
	static const char *const wide_head[] = {"faction", "balance", "what-if", "change", "deliv.", "what-if",
						"change", "seized", "what-if", "change"};
	static const char *const narrow_head[] = {"faction", "balance", "what-if", "change", "deliv.", "seized"};

	for (int rows = 30; rows <= 48; rows++) {
		int cols = rows % 2 ? 100 : 160; /* the narrow table below 110 inside columns */
		char *s = screen_at(a, rows, cols), *line = strstr(s, "deliv."), *p;
		const char *const *head = cols == 160 ? wide_head : narrow_head;
		int n_head = cols == 160 ? 10 : 6, shown = 0, blank = 0;

		ck_assert_msg(line != NULL, "%dx%d: no faction table head", cols, rows);
		while (line > s && line[-1] != '\n')
			line--;
		p = line;
		for (int i = 0; i < n_head; i++) {
			p = strstr(p, head[i]);
			ck_assert_msg(p != NULL && p < strchr(line, '\n'), "%dx%d: the head lacks '%s' in place", cols, rows,
				      head[i]);
			p += strlen(head[i]);
		}
		p = strstr(s, "routes that changed");
		ck_assert(p != NULL && p - 4 >= s && strncmp(p - 4, "\xe2\x94\x82 ", 4) == 0); /* frame, margin */
		for (const char *prev = NULL; p && *p; prev = p, p = strchr(p, '\n') + 1) {
			const char *eol = strchr(p, '\n');

			if (strncmp(p, "\xe2\x94\x82   base ", 10) == 0) { /* frame, margin, "  base" */
				shown++;
				ck_assert_msg(prev != NULL && strncmp(prev, "\xe2\x94\x82 ", 4) == 0 && prev[4] != ' ',
					      "%dx%d: a route's first row does not start under the routes' head: '%.40s...'",
					      cols, rows, prev);
			}
			/* a label on screen keeps its figure: "risk_est 0.039", "(other prior)" */
			for (const char *q = strstr(p, "risk_est"); q && q < eol; q = strstr(q + 1, "risk_est"))
				ck_assert_msg(has_figure(q + strlen("risk_est")), "%dx%d: risk_est without its figure: %.*s",
					      cols, rows, (int)(eol - p), p);
			for (const char *q = strstr(p, "(other"); q && q < eol; q = strstr(q + 1, "(other"))
				ck_assert_msg(has_figure(q + strlen("(other")), "%dx%d: (other without its figure: %.*s",
					      cols, rows, (int)(eol - p), p);
			if (strncmp(p, "\xe2\x94\x94", 3) == 0) /* the bottom frame */
				break;
			if (strspn(p + 3, " ") == (size_t)(eol - p) - 6) /* frame, spaces, frame */
				blank++;
			else
				blank = 0;
		}
		if (getenv("SMUGNET_SHOW"))
			fprintf(stderr, "%dx%d: %d of %d routes, %d blank\n", cols, rows, shown, c->n_routes, blank);
		ck_assert_int_gt(shown, 0);
		ck_assert_msg(shown == c->n_routes || blank < 3, "%dx%d: %d of %d routes shown and %d rows left blank",
			      cols, rows, shown, c->n_routes, blank);
		free(s);
	}
	/* on a screen with room for them all (a route takes at most 5 rows:
	 * its lane, and each branch's route and why): every route once,
	 * nothing after */
	{
		int rows = 5 * c->n_routes + 60, shown = 0;
		char *s = screen_at(a, rows, 160), *p = strstr(s, "routes that changed");

		ck_assert(p != NULL);
		for (; (p = strstr(p, "\xe2\x94\x82   base ")) != NULL; p++)
			shown++;
		ck_assert_msg(shown == c->n_routes, "160x%d: %d routes shown, the comparison has %d", rows, shown,
			      c->n_routes);
		free(s);
	}
}

/* With a what-if branch open, the header's first row names it
 * (" WHAT-IF ", in the warning colour) at every width where it fits
 * beside the day, the run state, the seed and the auto-crackdown state
 * (their short forms where the full ones do not fit): it is the last
 * thing dropped for width, after the scenario, the year and the
 * program's name. */
START_TEST(test_tui_loop_header_names_the_branch_while_it_fits)
{
	struct tui_app a;
	int shown = 0, hidden = 0;

	tui_app_init(&a, test_default_at(30), &opts);
	keys(&a, "b");
	ck_assert_str_eq(loop_branch_label(&a), "WHAT-IF");
	for (int width = 30; width <= 220; width++) {
		struct tui_grid *g = grid_new(2, width);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 2, width};
		char full[4][64], brief[4][64], seed[40], *text;
		const char *at;
		int m = 0, mb = 0, need;

		snprintf(seed, sizeof seed, "%.24s%s", a.seed_name[0] ? a.seed_name : "(new)", a.unsaved ? "*" : "");
		snprintf(full[0], sizeof full[0], " day %d ", a.w->day);
		snprintf(full[1], sizeof full[1], " %s x%d ", a.running ? "RUN" : "PAUSED", tui_speeds[a.speed]);
		snprintf(full[2], sizeof full[2], " seed %s%s ", seed, a.unsaved ? " (unsaved)" : "");
		snprintf(full[3], sizeof full[3], " auto-crackdown %s ", a.w->cfg.crackdown.auto_enabled ? "ON" : "off");
		snprintf(brief[0], sizeof brief[0], "%s", full[0]);
		snprintf(brief[1], sizeof brief[1], " %s ", a.running ? "RUN" : "PAUSED");
		snprintf(brief[2], sizeof brief[2], " %s ", seed);
		snprintf(brief[3], sizeof brief[3], " auto %s ", a.w->cfg.crackdown.auto_enabled ? "ON" : "off");
		for (int i = 0; i < 4; i++) {
			m += (int)strlen(full[i]);
			mb += (int)strlen(brief[i]);
		}
		need = (m <= width ? m : mb) + (int)strlen(" WHAT-IF ");
		pane_header_draw(&a, &cv);
		text = grid_dump(g);
		at = strstr(text, " WHAT-IF"); /* its trailing blank may end the dumped row */
		ck_assert_msg(at == NULL || at < strchr(text, '\n'), "the label off the first row");
		ck_assert_msg((at != NULL) == (need <= width), "%d columns (%d needed): the branch %s:\n%s", width, need,
			      at ? "named though it does not fit" : "not named though it fits", text);
		if (at)
			ck_assert_int_eq(grid_role(g, 0, (int)(at - text) + 1), ROLE_WARN);
		shown += at != NULL;
		hidden += at == NULL;
		free(text);
		grid_free(g);
	}
	ck_assert_int_gt(shown, 0);
	ck_assert_int_gt(hidden, 0);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* At 80x24 the compare view's title read "What-if against base, day 23,
 * branched on day 20: identical (Enter keeps t\u2026" (which key keeps
 * what, cut), and with no border changed it showed the border table's
 * head over no rows. The title is whole at 80 and 160 columns and says
 * what Enter keeps; with no border changed it says so, as the routes do. */
START_TEST(test_tui_loop_compare_title_whole_and_no_empty_border_head)
{
	struct smug_world *w = test_default_at(20);
	struct tui_app a;
	char *s;

	tui_app_init(&a, w, &opts);
	keys(&a, "b...B");
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	s = screen_at(&a, 24, 80);
	ck_assert_msg(strstr(s, "\u2026") == NULL && strstr(s, "Enter keeps the what-if") != NULL &&
			      strstr(s, "day 23") != NULL && strstr(s, "day 20") != NULL && strstr(s, "identical") != NULL,
		      "80x24: the compare view's title is cut:\n%s", s);
	ck_assert_msg(strstr(s, "traffic") == NULL && strstr(s, "borders that changed: 0") != NULL,
		      "80x24: no border changed, yet the border table's head shows:\n%s", s);
	free(s);
	s = screen_at(&a, 48, 160);
	ck_assert_msg(strstr(s, "What-if against base, day 23, branched on day 20: identical (Enter keeps the what-if, "
				"Esc back)") != NULL,
		      "160x48: the compare view's whole title is not shown:\n%s", s);
	free(s);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

START_TEST(test_tui_loop_branch_compare_keep)
{
	struct smug_world *w = test_default_at(30);
	struct tui_app a;
	struct smug_error err;
	int b = test_busiest_border(w);
	char want[96];

	tui_app_init(&a, w, &opts);
	/* without a branch, B says how to make one */
	keys(&a, "B");
	ck_assert(shows(&a, "No what-if branch: press b to fork one from this day, change something,"));
	ck_assert(shows(&a, "step, then B compares the two."));
	keys(&a, "\033");
	ck_assert_int_eq(a.view, VIEW_MAIN);
	/* a branch that changes nothing compares identical */
	keys(&a, "b");
	ck_assert(shows(&a, "WHAT-IF"));
	ck_assert(shows(&a, "what-if branch from day 30:"));
	for (int i = 0; i < 5; i++)
		keys(&a, ".");
	keys(&a, "B");
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	ck_assert(shows(&a, ": identical"));
	keys(&a, "\n"); /* keep the what-if: the base goes */
	ck_assert(!loop_has_branch(&a));
	ck_assert(!shows(&a, "WHAT-IF"));
	ck_assert_str_eq(a.status, "kept the what-if; the other branch is gone");
	/* a crackdown on the busiest border in the what-if, forked on day 35 */
	keys(&a, "b");
	ck_assert(shows(&a, "what-if branch from day 35:"));
	ck_assert_int_eq(smug_cmd_crackdown_set(a.w, a.w->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	for (int i = 0; i < 20; i++)
		keys(&a, ".");
	keys(&a, "b"); /* to the base: it is 20 days behind */
	ck_assert(shows(&a, "BASE (what-if open)"));
	ck_assert_int_eq(a.w->day, 35);
	keys(&a, "B"); /* the base runs to day 55 first */
	ck_assert_int_eq(a.w->day, 55);
	ck_assert(!shows(&a, ": identical"));
	ck_assert(shows(&a, "What-if against base, day 55, branched on day 35 "));
	snprintf(want, sizeof want, "%.24s", a.w->corridors[b].id);
	ck_assert(shows(&a, want));
	ck_assert(shows(&a, "off / on")); /* its crackdown, base / what-if */
	ck_assert(shows(&a, "routes that changed"));
	{
		const struct smug_world *base, *whatif;
		struct smug_comparison *c = calloc(1, sizeof *c);

		loop_pair(&a, &base, &whatif);
		smug_compare(base, whatif, c);
		{
			const struct smug_world *const pair[2] = {base, whatif};

			ck_assert_int_gt(check_whys(c, pair), 0);
		}
		check_compare_screen(&a, c);
		smug_comparison_done(c);
		free(c);
	}
	keys(&a, "\033");
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert(loop_has_branch(&a));
	/* Enter on the base keeps it: the what-if's crackdown goes with it */
	ck_assert_int_eq(a.w->n_crackdowns, 0);
	ck_assert_int_gt(a.loop.other->n_crackdowns, 0);
	keys(&a, "B\n");
	ck_assert(!loop_has_branch(&a));
	ck_assert_str_eq(a.status, "kept the base; the other branch is gone");
	ck_assert_int_eq(a.w->day, 55);
	ck_assert_int_eq(a.w->n_crackdowns, 0); /* the what-if had one */
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

#ifdef HAVE_MALLINFO2
/* Enter in the compare view keeps the branch shown and gives the other
 * world back: a cockpit that forks and keeps ten times holds no more
 * memory than one that did it once (a world of the default size is some
 * hundreds of kilobytes). No day is stepped: the rewind ring, which grows
 * with the days, stays as it is. */
START_TEST(test_tui_loop_keep_gives_the_other_branch_back)
{
	struct tui_app a;
	size_t before = 0;

	tui_app_init(&a, test_default_at(30), &opts);
	for (int round = 0; round < 11; round++) {
		if (round == 1)
			before = test_heap_in_use(); /* after one round: its buffers are grown */
		keys(&a, "b");
		ck_assert(loop_has_branch(&a));
		keys(&a, round % 2 ? "bB" : "B"); /* keep the base on odd rounds, the what-if on even */
		ck_assert_int_eq(a.view, VIEW_COMPARE);
		keys(&a, "\n");
		ck_assert(!loop_has_branch(&a));
	}
	ck_assert_msg(test_heap_in_use() < before + (64u << 10), "ten branches kept: %zu bytes more in use",
		      test_heap_in_use() - before);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST
#endif

#ifdef HAVE_MALLINFO2
/* Loading a seed while a what-if branch is open gives the branch back,
 * its world and its rewind ring: ten rounds of fork, step, load hold no
 * more memory than one. */
START_TEST(test_tui_loop_load_gives_the_branch_back)
{
	struct tui_options o = opts;
	char root[] = "/tmp/smugnet-loop-XXXXXX";
	struct smug_world *w = test_default_at(30);
	struct smug_error err;
	struct tui_app a;
	size_t before = 0;

	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(smug_vault_save(w, root, "day30", &err), SMUG_OK);
	o.vault_root = root;
	tui_app_init(&a, w, &o);
	for (int round = 0; round < 11; round++) {
		if (round == 1)
			before = test_heap_in_use(); /* after one round: its buffers are grown */
		keys(&a, "b");
		ck_assert(loop_has_branch(&a));
		keys(&a, "...");
		keys(&a, "o");
		ck_assert_int_eq(a.view, VIEW_LOAD);
		keys(&a, "\n");
		ck_assert_int_eq(a.prompt, PROMPT_DISCARD); /* the branch's days are unsaved */
		keys(&a, "y");
		ck_assert_msg(a.w->day == 30, "round %d: day %d after loading the seed of day 30", round, a.w->day);
		ck_assert(!loop_has_branch(&a));
	}
	ck_assert_msg(test_heap_in_use() < before + (64u << 10), "ten loads over a branch: %zu bytes more in use",
		      test_heap_in_use() - before);
	smug_world_free(a.w);
	tui_app_done(&a);
	test_remove_tree(root);
}
END_TEST
#endif

/* A row of the screen, between its frame lines, blank. */
static bool blank_row(const char *line)
{
	return strspn(line + 3, " ") == strlen(line) - 6; /* frame, spaces, frame */
}

/* The first and one past the last column of each word of a screen row
 * (columns counted in characters), its frame lines left out; how many. */
static int word_spans(const char *row, int *first, int *end, int max)
{
	int n = 0, x = 0;

	for (const char *p = row; *p && n < max;) {
		unsigned char c = (unsigned char)*p;
		int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;

		if (c != ' ' && strncmp(p, "\u2502", 3) != 0) {
			if (n == 0 || end[n - 1] != x)
				first[n++] = x;
			end[n - 1] = x + 1;
		}
		p += len;
		x++;
	}
	return n;
}

/* The compare view at rows x cols: each faction's row shows the change
 * of its deliveries and of its seizures, what-if minus base (wide, the
 * base and what-if figures before each; narrow, the what-if's figure
 * with the change after it in parentheses), each figure under its head
 * (ending where the head ends; the faction's name starting where
 * "faction" starts); each border's row, in the comparison's order, its
 * traffic and seizures in each branch (seizures wide only) and the
 * changes, what-if minus base; a blank row sets off each table; under the
 * faction table the border table, when it has more borders than it shows, and
 * the routes share the rows evenly. */
static void check_compare_tables(struct tui_app *a, const struct smug_comparison *c, int rows, int cols)
{
	char *s = screen_at(a, rows, cols), *line[64];
	int n = 0, fh = -1, bh = -1, rh = -1, bottom = -1, factions = 0;
	bool wide = cols - 4 >= 110;

	for (char *p = s; *p && n < 64; n++) {
		line[n] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = '\0';
	}
	for (int i = 0; i < n; i++) {
		if (fh < 0 && strstr(line[i], "faction") && strstr(line[i], "balance"))
			fh = i;
		if (bh < 0 && strstr(line[i], "border") && strstr(line[i], "traffic"))
			bh = i;
		if (rh < 0 && strstr(line[i], "routes that changed"))
			rh = i;
		if (bottom < 0 && fh >= 0 && strncmp(line[i], "\u2514", 3) == 0)
			bottom = i;
	}
	ck_assert_msg(fh > 0 && bh > fh + 1 && rh > bh + 1 && bottom > rh, "%dx%d: tables at rows %d, %d, %d, bottom %d",
		      cols, rows, fh, bh, rh, bottom);
	ck_assert_msg(blank_row(line[bh - 1]), "%dx%d: no blank row above the border table: '%s'", cols, rows,
		      line[bh - 1]);
	ck_assert_msg(blank_row(line[rh - 1]), "%dx%d: no blank row above the routes: '%s'", cols, rows, line[rh - 1]);
	for (int i = fh + 1; i < bh - 1; i++) {
		char words[16][48];
		int k = 0;
		const struct smug_cmp_faction *f = NULL;

		for (char *p = line[i]; *p && k < 16;) {
			size_t len = strcspn(p, " ");

			if (len > 0 && len < sizeof words[0] && strncmp(p, "\u2502", 3) != 0)
				snprintf(words[k++], sizeof words[0], "%.*s", (int)len, p);
			p += len + strspn(p + len, " ");
		}
		for (int j = 0; j < c->n_factions; j++)
			if (k > 0 && strcmp(c->factions[j].id, words[0]) == 0)
				f = &c->factions[j];
		ck_assert_msg(f != NULL && k == (wide ? 10 : 8), "%dx%d: the faction row '%s' has %d words, want %d", cols,
			      rows, line[i], k, wide ? 10 : 8);
		/* narrow: "127 (+7)", the what-if's figure and the change */
		ck_assert_msg(atoll(words[wide ? 6 : 5] + !wide) == f->delivered[1] - f->delivered[0] &&
				      atoll(words[wide ? 9 : 7] + !wide) == f->seized[1] - f->seized[0] &&
				      (wide || (words[5][0] == '(' && words[7][0] == '(' &&
						atoll(words[4]) == f->delivered[1] && atoll(words[6]) == f->seized[1])),
			      "%dx%d: %s delivered %lld, what-if %lld, seized %lld, what-if %lld; its row: '%s'", cols, rows,
			      f->id, (long long)f->delivered[0], (long long)f->delivered[1], (long long)f->seized[0],
			      (long long)f->seized[1], line[i]);
		if (wide)
			ck_assert_msg(atoll(words[4]) == f->delivered[0] && atoll(words[5]) == f->delivered[1] &&
					      atoll(words[7]) == f->seized[0] && atoll(words[8]) == f->seized[1],
				      "%dx%d: %s's row: '%s'", cols, rows, f->id, line[i]);
		{
			int hf[16], he[16], rf[16], re[16], nh = word_spans(line[fh], hf, he, 16),
								 nr = word_spans(line[i], rf, re, 16);

			static const int narrow_word[] = {0, 1, 2, 3, 5, 7}; /* the word ending under head j */

			ck_assert_int_eq(nr, wide ? nh : nh + 2);
			for (int j = 0; j < nh; j++)
				ck_assert_msg(j == 0 ? rf[0] == hf[0] : re[wide ? j : narrow_word[j]] == he[j],
					      "%dx%d: %s's figure %d is not under its head:\n%s\n%s", cols, rows, f->id,
					      j, line[fh], line[i]);
		}
		factions++;
	}
	ck_assert_int_eq(factions, c->n_factions);
	for (int i = bh + 1; i < rh - 1; i++) {
		char words[16][48];
		int k = 0;
		const struct smug_cmp_border *b = &c->borders[i - bh - 1];

		for (char *p = line[i]; *p && k < 16;) {
			size_t len = strcspn(p, " ");

			if (len > 0 && len < sizeof words[0] && strncmp(p, "\u2502", 3) != 0)
				snprintf(words[k++], sizeof words[0], "%.*s", (int)len, p);
			p += len + strspn(p + len, " ");
		}
		ck_assert_msg(i - bh - 1 < c->n_borders && k == (wide ? 10 : 9) && strncmp(words[0], b->id, 24) == 0,
			      "%dx%d: border row %d '%s' has %d words, want %d, the border %s", cols, rows, i - bh - 1,
			      line[i], k, wide ? 10 : 9, b->id);
		/* narrow: the what-if's seizures and the change, "7 (+7)" */
		ck_assert_msg(atoll(words[1]) == b->traffic[0] && atoll(words[2]) == b->traffic[1] &&
				      atoll(words[3]) == b->traffic[1] - b->traffic[0] &&
				      atoll(words[wide ? 6 : 5] + !wide) == b->seizures[1] - b->seizures[0] &&
				      (!wide || (atoll(words[4]) == b->seizures[0] && atoll(words[5]) == b->seizures[1])) &&
				      (wide || (words[5][0] == '(' && atoll(words[4]) == b->seizures[1])),
			      "%dx%d: %s traffic %lld, what-if %lld, seized %lld, what-if %lld; its row: '%s'", cols, rows,
			      b->id, (long long)b->traffic[0], (long long)b->traffic[1], (long long)b->seizures[0],
			      (long long)b->seizures[1], line[i]);
	}
	if (rh - 1 - (bh + 1) < c->n_borders) {
		int table = rh - 1 - bh, below = bottom - (rh - 1); /* head and rows; the blank row and the routes */

		ck_assert_msg(abs(table - below) <= 1, "%dx%d: the border table takes %d rows, the routes %d below it", cols,
			      rows, table, below);
	}
	free(s);
}

/* The compare view after a crackdown in the what-if, at every height
 * from 30 to 48 rows, wide and narrow: see check_compare_tables. */
START_TEST(test_tui_loop_compare_shows_each_change_in_even_tables)
{
	struct smug_world *w = test_default_at(30);
	struct tui_app a;
	struct smug_error err;
	struct smug_comparison *c = calloc(1, sizeof *c);
	const struct smug_world *base, *whatif;
	int b = test_busiest_border(w), changed = 0;

	tui_app_init(&a, w, &opts);
	keys(&a, "b");
	ck_assert_int_eq(smug_cmd_crackdown_set(a.w, a.w->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	for (int i = 0; i < 20; i++)
		keys(&a, ".");
	keys(&a, "bB");
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	loop_pair(&a, &base, &whatif);
	smug_compare(base, whatif, c);
	for (int i = 0; i < c->n_factions; i++)
		changed += c->factions[i].delivered[0] != c->factions[i].delivered[1];
	ck_assert_int_gt(changed, 0);
	ck_assert_int_gt(c->n_borders, 20);
	for (int rows = 30; rows <= 48; rows++)
		for (int cols = 100; cols <= 160; cols += 60)
			check_compare_tables(&a, c, rows, cols);
	/* done frees the border list and leaves the comparison empty */
	smug_comparison_done(c);
	ck_assert_msg(c->n_borders == 0 && c->borders == NULL, "after smug_comparison_done: %d borders at %p",
		      c->n_borders, (void *)c->borders);
	free(c);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* The starting column of each word of a screen row from column `from`
 * (columns counted in characters, not bytes); how many. */
static int word_columns(const char *row, int from, int *col, int max)
{
	int n = 0, x = 0;
	bool in_word = false;

	for (const char *p = row; *p && *p != '\n' && n < max; x++) {
		unsigned char c = (unsigned char)*p;
		bool space = c == ' ';

		if (x >= from && !space && !in_word)
			col[n++] = x;
		in_word = x >= from && !space;
		p += c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
	}
	return n;
}

/* The compare view colours a border's changes by what they mean: more
 * traffic green, less red, none dim; more seizures red, fewer green;
 * and a faction's: more balance and deliveries green, more seizures red;
 * for every border row shown, wide and narrow, after a crackdown in the
 * what-if (traffic leaves its border for others). */
START_TEST(test_tui_loop_compare_colours_border_changes_by_direction)
{
	struct smug_world *w = test_default_at(30);
	struct tui_app a;
	struct smug_error err;
	struct smug_comparison *c = calloc(1, sizeof *c);
	const struct smug_world *base, *whatif;
	int b = test_busiest_border(w), up = 0, down = 0, factions = 0, fewer_seized = 0;

	tui_app_init(&a, w, &opts);
	keys(&a, "b");
	ck_assert_int_eq(smug_cmd_crackdown_set(a.w, a.w->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	for (int i = 0; i < 20; i++)
		keys(&a, ".");
	keys(&a, "bB");
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	loop_pair(&a, &base, &whatif);
	smug_compare(base, whatif, c);
	for (int cols = 100; cols <= 160; cols += 60) {
		struct tui_grid *g = grid_new(48, cols);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 48, cols};
		char *s, *line[48];
		int n = 0, head = -1, shown = 0;
		bool wide = cols - 4 >= 110;

		tui_render(&a, &cv);
		s = grid_dump(g);
		for (char *p = s; *p && n < 48; n++) {
			line[n] = p;
			p += strcspn(p, "\n");
			if (*p)
				*p++ = '\0';
		}
		for (int y = 0; y < n && head < 0; y++)
			if (strstr(line[y], "border") && strstr(line[y], "traffic"))
				head = y;
		ck_assert_msg(head > 0, "%d columns: no border table", cols);
		for (int i = 0; i < c->n_borders && head + 1 + i < n; i++) {
			const struct smug_cmp_border *bd = &c->borders[i];
			int y = head + 1 + i, col[12], k = word_columns(line[y], 2 + 24, col, 12), tc = 2, sc = wide ? 5 : 4; /* narrow: "7 (+7)" */
			int64_t dt = bd->traffic[1] - bd->traffic[0], ds = bd->seizures[1] - bd->seizures[0];
			int want_t = dt > 0 ? ROLE_GOOD : dt < 0 ? ROLE_BAD : ROLE_DIM;
			int want_s = ds > 0 ? ROLE_BAD : ds < 0 ? ROLE_GOOD : ROLE_DIM;

			if (strncmp(line[y] + 4, bd->id, strlen(bd->id) < 24 ? strlen(bd->id) : 24) != 0)
				break; /* the border table ends */
			ck_assert_msg(k > sc, "%d columns: the row of %s has %d figures: '%s'", cols, bd->id, k, line[y]);
			ck_assert_msg(grid_role(g, y, col[tc]) == want_t,
				      "%d columns: %s's traffic %lld, what-if %lld: the change drawn in role %d, want %d: '%s'",
				      cols, bd->id, (long long)bd->traffic[0], (long long)bd->traffic[1],
				      grid_role(g, y, col[tc]), want_t, line[y]);
			ck_assert_msg(grid_role(g, y, col[sc]) == want_s,
				      "%d columns: %s's seizures %lld, what-if %lld: the change drawn in role %d, want %d: '%s'",
				      cols, bd->id, (long long)bd->seizures[0], (long long)bd->seizures[1],
				      grid_role(g, y, col[sc]), want_s, line[y]);
			up += dt > 0;
			down += dt < 0;
			shown++;
		}
		ck_assert_int_gt(shown, 5);
		/* each faction's changes: more balance and deliveries green,
		 * more seizures red, the other way round the other colour */
		for (int y = 0, fh = -1; y < n; y++) {
			const struct smug_cmp_faction *f = NULL;
			int col[16], k, idw = wide ? 18 : 16;

			if (fh < 0) { /* the faction table's rows follow its head */
				if (strstr(line[y], "faction") && strstr(line[y], "balance"))
					fh = y;
				continue;
			}

			for (int j = 0; j < c->n_factions && f == NULL; j++) {
				size_t len = strlen(c->factions[j].id);

				if (strncmp(line[y] + 4, c->factions[j].id, len) == 0 && line[y][4 + len] == ' ')
					f = &c->factions[j];
			}
			if (f == NULL)
				break; /* the faction table ends */
			k = word_columns(line[y], 2 + idw, col, 16);
			/* the figures, and the pane's right frame */
			ck_assert_msg(k == (wide ? 10 : 8), "%d columns: %s's row has %d figures: '%s'", cols, f->id, k - 1,
				      line[y]);
			{
				/* narrow: the change in "127 (+7)" */
				const int at[3] = {2, wide ? 5 : 4, wide ? 8 : 6};
				const int64_t d[3] = {f->balance[1] - f->balance[0], f->delivered[1] - f->delivered[0],
						      f->seized[1] - f->seized[0]};

				for (int m = 0; m < 3; m++) {
					int want = d[m] == 0 ? ROLE_DIM : (d[m] > 0) == (m < 2) ? ROLE_GOOD : ROLE_BAD;

					ck_assert_msg(grid_role(g, y, col[at[m]]) == want,
						      "%d columns: %s's %s change %lld drawn in role %d, want %d: '%s'", cols,
						      f->id, m == 0 ? "balance" : m == 1 ? "deliveries" : "seizures",
						      (long long)d[m], grid_role(g, y, col[at[m]]), want, line[y]);
				}
				fewer_seized += d[2] < 0 || (d[2] == 0 && f->seized[0] > 0);
			}
			factions++;
		}
		free(s);
		grid_free(g);
	}
	ck_assert_int_eq(factions, 2 * c->n_factions);
	ck_assert_msg(fewer_seized > 0, "no faction had as many seizures or fewer in the what-if: a sign is not tried");
	ck_assert_int_gt(up, 0);
	ck_assert_int_gt(down, 0);
	smug_comparison_done(c);
	free(c);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

START_TEST(test_tui_loop_config_view_sets_a_knob)
{
	struct smug_world *w = test_default_at(3);
	struct tui_app a;
	int n, k = -1;
	const struct smug_knob *t = smug_knob_table(&n);

	for (int i = 0; i < n; i++)
		if (strcmp(t[i].key, "smuggling.learning_rate") == 0)
			k = i;
	tui_app_init(&a, w, &opts);
	keys(&a, "C");
	ck_assert_int_eq(a.view, VIEW_CONFIG);
	ck_assert(shows(&a, "smuggling.learning_rate"));
	ck_assert(shows(&a, "how far one outcome moves risk_est and cost_est"));
	for (int i = 0; i < k; i++)
		tui_handle_key(&a, KEY_DOWN);
	keys(&a, "\n");
	ck_assert_int_eq(a.prompt, PROMPT_KNOB);
	keys(&a, "2\n"); /* out of range: refused, nothing changes */
	ck_assert(shows(&a, "expected number in [1e-09,1]"));
	ck_assert_double_eq(a.w->cfg.smuggling.learning_rate, 0.15);
	keys(&a, "\033"); /* nothing changed yet: q quits without asking */
	ck_assert(!tui_handle_key(&a, 'q'));
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	keys(&a, "C\n0.3\n");
	ck_assert_double_eq(a.w->cfg.smuggling.learning_rate, 0.3);
	ck_assert_int_eq(a.w->journal.cmds[a.w->journal.n_cmds - 1].kind, SMUG_CMD_SET);
	ck_assert(shows(&a, "0.3"));
	/* a knob set is an unsaved change: q (after Esc) asks before quitting */
	keys(&a, "\033q");
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	ck_assert(shows(&a, "Unsaved changes. Quit anyway?"));
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* Whether two explanations differ in any candidate's route or score. */
static bool explanations_differ(const struct smug_explanation *x, const struct smug_explanation *y)
{
	if (x->n_cand != y->n_cand || x->winner != y->winner)
		return true;
	for (int i = 0; i < x->n_cand; i++)
		if (x->cand[i].score != y->cand[i].score || x->cand[i].n_nodes != y->cand[i].n_nodes ||
		    memcmp(x->cand[i].nodes, y->cand[i].nodes, (size_t)x->cand[i].n_nodes * sizeof x->cand[i].nodes[0]))
			return true;
	return false;
}

/* The why view explains the decision of the world shown, after a branch
 * switch too: a what-if that weighs travel time 250 times more explains
 * its routes on day 31; switched back to the base and stepped to day 31
 * as well, the same row of Routes opens the base's own explanation, not
 * the what-if's. */
START_TEST(test_tui_loop_why_after_a_switch_explains_the_world_shown)
{
	struct smug_world *w = test_default_at(30);
	struct tui_app a;
	struct smug_error err;
	struct smug_explanation *other = malloc(sizeof *other), *fresh = malloc(sizeof *fresh);
	const struct smug_explanation *x;
	int di, differ = 0;

	tui_app_init(&a, w, &opts);
	keys(&a, "b");
	ck_assert_msg(smug_config_set(a.w, "smuggling.travel_weight", "0.5", &err) == SMUG_OK, "%s", err.msg);
	keys(&a, ".");
	ck_assert_int_eq(a.w->day, 31);
	for (int row = 0; row < 8; row++) {
		keys(&a, "2");
		for (int k = 0; k < row; k++)
			tui_handle_key(&a, KEY_DOWN);
		keys(&a, "\n");
		ck_assert_int_eq(a.view, VIEW_WHY);
		free(screen(&a));
		x = view_why_explanation(&a, &di);
		ck_assert_ptr_nonnull(x);
		*other = *x; /* the what-if's */
		keys(&a, "\033b."); /* the base, day 31 */
		ck_assert(!a.loop.whatif_active);
		ck_assert_int_eq(a.w->day, 31);
		keys(&a, "2\n");
		ck_assert_int_eq(a.view, VIEW_WHY);
		free(screen(&a));
		x = view_why_explanation(&a, &di);
		ck_assert_ptr_nonnull(x);
		ck_assert_int_eq(smug_explain_decision(a.w, di, fresh), SMUG_OK);
		ck_assert_msg(!explanations_differ(x, fresh),
			      "row %d: after switching to the base the why view explains another decision than the base's "
			      "decision %d (%d candidates shown, %d in the base)", row, di, x->n_cand, fresh->n_cand);
		differ += explanations_differ(other, fresh);
		keys(&a, "\033[b"); /* back to the what-if, day 31; the base back to day 30 */
		ck_assert(a.loop.whatif_active);
		ck_assert_int_eq(a.w->day, 31);
	}
	ck_assert_int_gt(differ, 0); /* the branches explained some row differently */
	free(other);
	free(fresh);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* The rewind prompt reads its day as the step prompt reads its days:
 * digits alone, within the days before today; a number past int (it
 * wrapped to day 3), past long, a negative day or letters are refused
 * and nothing moves. */
START_TEST(test_tui_loop_rewind_prompt_refuses_days_out_of_range)
{
	static const char *const bad[] = {"4294967299", "99999999999", "99999999999999999999999", "-1", "5", "3x", "+2", " 2"};
	struct smug_world *w = test_default_at(5);
	struct tui_app a;

	tui_app_init(&a, w, &opts);
	for (int i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++) {
		char want[96];

		tui_set_status(&a, "%s", "");
		keys(&a, "{");
		tui_handle_key(&a, KEY_BACKSPACE);
		keys(&a, bad[i]);
		keys(&a, "\n");
		ck_assert_msg(a.w->day == 5, "rewind to '%s' went to day %d", bad[i], a.w->day);
		snprintf(want, sizeof want, "rewind: '%s' is not a day before day 5 (expected 0 to 4)", bad[i]);
		ck_assert_msg(strcmp(a.status, want) == 0, "rewind to '%s' says '%s'", bad[i], a.status);
	}
	keys(&a, "{");
	tui_handle_key(&a, KEY_BACKSPACE);
	keys(&a, "3\n");
	ck_assert_int_eq(a.w->day, 3);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* A story opened at day 40 of the newest shipment (its sending, "1 event
 * in the log"), the world then rewound to day 2: the story says the
 * shipment was not sent yet, not that the log lost its events. */
START_TEST(test_tui_loop_story_of_a_shipment_not_sent_yet)
{
	struct smug_world *w = test_default_at(40);
	struct tui_app a;

	tui_app_init(&a, w, &opts);
	a.story_shipment = w->next_shipment_id - 1;
	ck_assert_uint_gt(a.story_shipment, 0);
	view_open(&a, VIEW_STORY);
	ck_assert(shows(&a, "1 event in the log"));
	keys(&a, "{");
	tui_handle_key(&a, KEY_BACKSPACE);
	keys(&a, "2\n");
	ck_assert_int_eq(a.w->day, 2);
	ck_assert_int_eq(a.view, VIEW_STORY);
	ck_assert_msg(shows(&a, "this shipment was not sent yet at day 2"),
		      "the story of a shipment not sent yet at day 2 does not say so");
	ck_assert(!shows(&a, "no longer holds"));
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* During a long step the header says STEPPING, not PAUSED; after it,
 * PAUSED again. */
static int stepping_seen;

static bool busy_header(struct tui_app *a, int done, int total)
{
	(void)done;
	(void)total;
	stepping_seen += shows(a, " STEPPING ") && !shows(a, "PAUSED");
	return true;
}

START_TEST(test_tui_loop_header_says_stepping)
{
	struct smug_world *w = test_default_at(0);
	struct tui_app a;

	tui_app_init(&a, w, &opts);
	a.busy = busy_header;
	stepping_seen = 0;
	keys(&a, "n");
	tui_handle_key(&a, KEY_BACKSPACE);
	keys(&a, "200\n");
	ck_assert_int_eq(a.w->day, 200);
	ck_assert_int_eq(stepping_seen, 3);
	ck_assert(shows(&a, "PAUSED x1"));
	ck_assert(!shows(&a, "STEPPING"));
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* What a front end's busy hook saw: each call's day, progress and
 * status; it says stop at call number stop_at (0: never). */
static struct {
	int n, stop_at;
	int day[16], done[16], total[16];
	char status[16][160];
} busy_seen;

static bool busy_record(struct tui_app *a, int done, int total)
{
	int i = busy_seen.n++;

	ck_assert_int_lt(i, 16);
	busy_seen.day[i] = a->w->day;
	busy_seen.done[i] = done;
	busy_seen.total[i] = total;
	snprintf(busy_seen.status[i], sizeof busy_seen.status[i], "%s", a->status);
	return busy_seen.n != busy_seen.stop_at;
}

/* A cockpit on w whose busy hook is busy_record, stopping at its call
 * stop_at (0: never), given `n` and the days typed (with their Enter). */
static void long_step(struct tui_app *a, struct smug_world *w, int stop_at, const char *days)
{
	tui_app_init(a, w, &opts);
	a->busy = busy_record;
	memset(&busy_seen, 0, sizeof busy_seen);
	busy_seen.stop_at = stop_at;
	tui_handle_key(a, 'n');
	keys(a, days);
}

/* A long `n` steps in slices with the front end's hook between them,
 * which draws the progress and may stop it (Esc in the terminal): the
 * world stopped is the world of stepping that many days, and the
 * status says how far it went. A rewind shows its status first. */
START_TEST(test_tui_loop_long_step_shows_progress_and_stops)
{
	struct smug_world *w = test_default_at(0), *straight = test_default_at(0);
	struct tui_app a;

	long_step(&a, w, 3, "200\n");
	ck_assert_int_eq(busy_seen.n, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(busy_seen.done[i], (i + 1) * TUI_STEP_SLICE);
		ck_assert_int_eq(busy_seen.day[i], (i + 1) * TUI_STEP_SLICE);
		ck_assert_int_eq(busy_seen.total[i], 200);
	}
	ck_assert_str_eq(busy_seen.status[1], "stepping: day 128, 128 of 200 days (Esc stops)");
	ck_assert_int_eq(a.w->day, 3 * TUI_STEP_SLICE);
	ck_assert_str_eq(a.status, "stopped at day 192: stepped 192 of 200 days (Esc)");
	smug_cmd_step(straight, 3 * TUI_STEP_SLICE);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(straight));
	/* not stopped: every slice but the last ends in a call */
	memset(&busy_seen, 0, sizeof busy_seen);
	tui_handle_key(&a, 'n');
	keys(&a, "200\n");
	ck_assert_int_eq(busy_seen.n, 3);
	ck_assert_int_eq(busy_seen.done[2], 192);
	ck_assert_int_eq(a.w->day, 392);
	ck_assert_str_eq(a.status, "stepped 200 days to day 392");
	smug_cmd_step(straight, 200);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(straight));
	/* a step within a slice draws nothing on the way */
	memset(&busy_seen, 0, sizeof busy_seen);
	tui_handle_key(&a, 'n');
	keys(&a, "64\n");
	ck_assert_int_eq(busy_seen.n, 0);
	ck_assert_int_eq(a.w->day, 456);
	/* a rewind draws its status before it works, and cannot be stopped */
	busy_seen.stop_at = 1;
	keys(&a, "[");
	ck_assert_int_eq(busy_seen.n, 1);
	ck_assert_int_eq(busy_seen.total[0], 0);
	ck_assert_int_eq(busy_seen.day[0], 456);
	ck_assert_str_eq(busy_seen.status[0], "rewinding to day 455 ...");
	ck_assert_int_eq(a.w->day, 455);
	smug_world_free(straight);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* A long `n` stopped early (Esc) leaves the ring at the spacing the days
 * stepped need, not at the one planned for the days that did not come:
 * the days stepped after it are kept as close as in a ring never
 * planned, so a rewind into them replays few days. */
START_TEST(test_tui_loop_stopped_long_step_keeps_the_next_days_close)
{
	struct smug_world *w = test_default_at(0), *plain = test_default_at(0);
	struct smug_timeline *u = smug_timeline_new(SMUG_TIMELINE_BUDGET);
	struct tui_app a;
	int every;

	long_step(&a, w, 2, "100000\n");
	ck_assert_int_eq(a.w->day, 2 * TUI_STEP_SLICE);
	smug_timeline_reset(u, plain);
	smug_timeline_step(u, plain, 2 * TUI_STEP_SLICE);
	ck_assert_msg(smug_timeline_every(a.loop.tl) <= smug_timeline_every(u),
		      "stopped at day %d of 100,000: a copy every %d days, a ring never planned every %d", a.w->day,
		      smug_timeline_every(a.loop.tl), smug_timeline_every(u));
	tui_handle_key(&a, 'n');
	keys(&a, "40\n");
	every = smug_timeline_every(a.loop.tl);
	ck_assert_msg(smug_timeline_count(a.loop.tl) == 1 + a.w->day / every - 2 * TUI_STEP_SLICE / every,
		      "40 days after the stop: %d copies, one every %d days", smug_timeline_count(a.loop.tl), every);
	smug_timeline_free(u);
	smug_world_free(plain);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* B with the branches far apart runs the one behind as a long `n` does:
 * in slices with the front end's hook between them (which draws the
 * progress and reads Esc), the status counting the days. Stopped, the
 * compare view stays shut, the one behind is at the day the status
 * says (the world of stepping that many days) and the other where it
 * was; B goes on from there and then compares. Either branch may be the
 * one behind: the one shown or the other. */
START_TEST(test_tui_loop_compare_catch_up_shows_progress_and_stops)
{
	struct smug_world *w = test_default_at(0), *straight = test_default_at(0);
	const struct smug_world *base, *whatif;
	struct tui_app a;

	tui_app_init(&a, w, &opts);
	a.busy = busy_record;
	keys(&a, "b"); /* the what-if, from day 0 */
	tui_handle_key(&a, 'n');
	tui_handle_key(&a, KEY_BACKSPACE);
	keys(&a, "300\n");
	ck_assert_int_eq(a.w->day, 300);
	keys(&a, "b"); /* the base, 300 days behind */
	ck_assert_int_eq(a.w->day, 0);
	memset(&busy_seen, 0, sizeof busy_seen);
	busy_seen.stop_at = 3; /* Esc at the third look */
	keys(&a, "B");
	ck_assert_int_eq(busy_seen.n, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(busy_seen.day[i], (i + 1) * TUI_STEP_SLICE);
		ck_assert_int_eq(busy_seen.done[i], (i + 1) * TUI_STEP_SLICE);
		ck_assert_int_eq(busy_seen.total[i], 300);
	}
	ck_assert_str_eq(busy_seen.status[0], "to compare, the base runs to day 300: day 64, 64 of 300 days (Esc stops)");
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert(!a.stepping);
	ck_assert_str_eq(a.status,
			 "compare stopped (Esc): the base ran 192 of 300 days, to day 192; the what-if is at day 300; B goes on");
	loop_worlds(&a, &base, &whatif);
	ck_assert_int_eq(base->day, 192);
	ck_assert_int_eq(whatif->day, 300);
	smug_cmd_step(straight, 192);
	ck_assert_uint_eq(smug_world_digest(base), smug_world_digest(straight));
	/* B goes on from day 192 and compares on day 300 */
	memset(&busy_seen, 0, sizeof busy_seen);
	keys(&a, "B");
	ck_assert_int_eq(busy_seen.n, 1);
	ck_assert_int_eq(busy_seen.total[0], 108);
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	ck_assert_str_eq(a.status, "the base ran 108 days to day 300 to compare");
	ck_assert(shows(&a, "What-if against base, day 300, branched on day 0: identical"));
	smug_cmd_step(straight, 108);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(straight));
	keys(&a, "\033");
	/* the base shown goes on 200 days: the what-if, not shown, is behind */
	tui_handle_key(&a, 'n');
	tui_handle_key(&a, KEY_BACKSPACE);
	keys(&a, "200\n");
	ck_assert_int_eq(a.w->day, 500);
	memset(&busy_seen, 0, sizeof busy_seen);
	busy_seen.stop_at = 2;
	keys(&a, "B");
	ck_assert_int_eq(busy_seen.n, 2);
	ck_assert_int_eq(busy_seen.day[1], 500); /* the world shown stays */
	ck_assert_str_eq(busy_seen.status[1],
			 "to compare, the what-if runs to day 500: day 428, 128 of 200 days (Esc stops)");
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_str_eq(a.status,
			 "compare stopped (Esc): the what-if ran 128 of 200 days, to day 428; the base is at day 500; B goes on");
	loop_worlds(&a, &base, &whatif);
	ck_assert_int_eq(base->day, 500);
	ck_assert_int_eq(whatif->day, 428);
	smug_cmd_step(straight, 128);
	ck_assert_uint_eq(smug_world_digest(whatif), smug_world_digest(straight));
	memset(&busy_seen, 0, sizeof busy_seen);
	keys(&a, "B");
	ck_assert_int_eq(busy_seen.n, 1);
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	ck_assert(shows(&a, "What-if against base, day 500, branched on day 0: identical"));
	smug_world_free(straight);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* B with the branches a few days apart opens the compare view at once
 * (the hook never called) on the numbers of the two worlds run apart;
 * drawing it steps nothing: after a rewind in the view it says which
 * branch is behind (a step then takes nothing along), and B runs that
 * one to the other's day; on one day again, a step takes both. */
START_TEST(test_tui_loop_compare_small_gap_at_once_and_draw_steps_nothing)
{
	struct smug_world *w = test_default_at(30), *base50 = test_default_at(50), *whatif50 = test_default_at(30);
	const struct smug_world *base, *whatif;
	struct smug_comparison *c = calloc(1, sizeof *c), *want = calloc(1, sizeof *want);
	struct tui_app a;
	struct smug_error err;
	int b = test_busiest_border(w);

	tui_app_init(&a, w, &opts);
	a.busy = busy_record;
	memset(&busy_seen, 0, sizeof busy_seen);
	keys(&a, "b");
	ck_assert_int_eq(smug_cmd_crackdown_set(a.w, a.w->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_set(whatif50, whatif50->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	smug_cmd_step(whatif50, 20);
	for (int i = 0; i < 20; i++)
		keys(&a, ".");
	keys(&a, "bB");
	ck_assert_int_eq(busy_seen.n, 0);
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	ck_assert_int_eq(a.w->day, 50);
	ck_assert(shows(&a, "What-if against base, day 50, branched on day 30 "));
	loop_worlds(&a, &base, &whatif);
	ck_assert_uint_eq(smug_world_digest(base), smug_world_digest(base50));
	ck_assert_uint_eq(smug_world_digest(whatif), smug_world_digest(whatif50));
	smug_compare(base, whatif, c);
	smug_compare(base50, whatif50, want);
	ck_assert_int_eq(c->n_factions, want->n_factions);
	for (int i = 0; i < c->n_factions; i++)
		ck_assert_mem_eq(&c->factions[i], &want->factions[i], sizeof c->factions[i]);
	ck_assert_int_eq(c->n_borders, want->n_borders);
	ck_assert_int_gt(c->n_borders, 0);
	for (int i = 0; i < c->n_borders; i++)
		ck_assert_mem_eq(&c->borders[i], &want->borders[i], sizeof c->borders[i]);
	/* a rewind in the view: the draw leaves the base at day 49 */
	keys(&a, "[");
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	ck_assert(shows(&a, "The base is at day 49, the what-if at day 50: they compare on one day."));
	ck_assert(shows(&a, "B runs the base to day 50 first (Esc stops it)."));
	ck_assert_int_eq(a.w->day, 49);
	keys(&a, "["); /* the days apart, a step takes nothing along */
	keys(&a, ".");
	ck_assert_int_eq(a.w->day, 49);
	ck_assert_int_eq(a.loop.other->day, 50);
	ck_assert(shows(&a, "The base is at day 49, the what-if at day 50"));
	keys(&a, "B"); /* runs the base, the view stays */
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	ck_assert_int_eq(a.w->day, 50);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(base50));
	ck_assert(shows(&a, "What-if against base, day 50, branched on day 30 "));
	/* on one day, a step takes the other along */
	keys(&a, ".");
	loop_worlds(&a, &base, &whatif);
	ck_assert_int_eq(base->day, 51);
	ck_assert_int_eq(whatif->day, 51);
	ck_assert(shows(&a, "What-if against base, day 51, branched on day 30 "));
	keys(&a, "B"); /* on one day: B closes it */
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_int_eq(busy_seen.n, 2); /* the rewinds' status, drawn before each; the days run told nothing */
	ck_assert_int_eq(busy_seen.total[0] + busy_seen.total[1], 0);
	smug_comparison_done(c);
	smug_comparison_done(want);
	free(c);
	free(want);
	smug_world_free(base50);
	smug_world_free(whatif50);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* A rewind before a loaded seed's first day rebuilds the seed's days:
 * the status counts them as it goes and Esc (the hook's false) stops it,
 * the world shown as it was and the status saying so. The next rewind
 * goes on from the day the stopped one reached, and gives the straight
 * run's day. */
START_TEST(test_tui_loop_rebuild_shows_progress_and_stops)
{
	struct tui_options o;
	char root[] = "/tmp/smugnet-loop-XXXXXX";
	struct smug_world *seed = test_default_at(200), *at199 = test_default_at(199);
	struct tui_app a;

	app_on_loaded_seed(&a, &o, root, seed);
	a.busy = busy_record;
	memset(&busy_seen, 0, sizeof busy_seen);
	busy_seen.stop_at = 3;
	keys(&a, "[");
	ck_assert_int_eq(busy_seen.n, 3);
	ck_assert_str_eq(busy_seen.status[0], "rewinding to day 199 ...");
	ck_assert_str_eq(busy_seen.status[1],
			 "rewinding to day 199: rebuilding the seed's days, day 64 of 200 (Esc stops)");
	ck_assert_int_eq(busy_seen.done[2], 128);
	ck_assert_int_eq(busy_seen.total[2], 200);
	ck_assert_int_eq(a.w->day, 200);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(seed));
	ck_assert_str_eq(a.status,
			 "rewind to day 199 stopped (Esc) with the seed's days rebuilt to day 128 of 200; still at day 200");
	/* on from day 128, where the stopped one got */
	memset(&busy_seen, 0, sizeof busy_seen);
	keys(&a, "[");
	ck_assert_int_eq(busy_seen.n, 2);
	ck_assert_int_eq(busy_seen.done[1], 192);
	ck_assert_int_eq(a.w->day, 199);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(at199));
	ck_assert_msg(shows(&a, "back to day 199 (from 200)"), "%s", a.status);
	smug_world_free(at199);
	app_leave_loaded_seed(&a, root, seed);
}
END_TEST

/* While the cockpit waits for keys, a loaded seed's days are rebuilt
 * ahead (loop_prepare, called by the terminal loop when no key comes):
 * a slice at a time, then the status says they are all rebuilt, and a
 * rewind before the load is then the ring's, with nothing to rebuild
 * (the busy hook called once, before it, and never told a day). */
START_TEST(test_tui_loop_seed_days_rebuilt_while_idle)
{
	struct tui_options o;
	char root[] = "/tmp/smugnet-loop-XXXXXX";
	struct smug_world *seed = test_default_at(200), *at150 = test_default_at(150);
	struct tui_app a;

	app_on_loaded_seed(&a, &o, root, seed);
	a.busy = busy_record;
	memset(&busy_seen, 0, sizeof busy_seen);
	ck_assert_int_eq(loop_prepare(&a, 16), 200 - 16);
	ck_assert_msg(!shows(&a, "are rebuilt"), "%s", a.status);
	ck_assert_int_eq(loop_prepare(&a, 100), 200 - 116);
	ck_assert_int_eq(loop_prepare(&a, 1000), 0);
	ck_assert_msg(shows(&a, "the seed's days before day 200 are rebuilt: a rewind there starts from copies"), "%s",
		      a.status);
	ck_assert_int_eq(loop_prepare(&a, 1000), 0);
	ck_assert_int_eq(busy_seen.n, 0);
	tui_handle_key(&a, '{');
	keys(&a, "150\n");
	ck_assert_int_eq(busy_seen.n, 1);
	ck_assert_int_eq(busy_seen.total[0], 0);
	ck_assert_int_eq(a.w->day, 150);
	ck_assert_uint_eq(smug_world_digest(a.w), smug_world_digest(at150));
	ck_assert_msg(shows(&a, "back to day 150 (from 200)"), "%s", a.status);
	/* a world stepped from its first day has nothing to rebuild */
	ck_assert_int_eq(loop_prepare(&a, 1000), 0);
	smug_world_free(at150);
	app_leave_loaded_seed(&a, root, seed);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tui loop");
	TCase *t = tcase_create("loop");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_loop_rewind_and_step_on_is_never_rewinding);
	tcase_add_test(t, test_tui_loop_rewind_prompt_refuses_days_out_of_range);
	tcase_add_test(t, test_tui_loop_story_of_a_shipment_not_sent_yet);
	tcase_add_test(t, test_tui_loop_header_says_stepping);
	tcase_add_test(t, test_tui_loop_rewind_before_a_loaded_seed);
	tcase_add_test(t, test_tui_loop_rewind_and_branch_notes_whole_at_80);
	tcase_add_test(t, test_tui_loop_footer_says_pause_while_running);
	tcase_add_test(t, test_tui_loop_config_view_whole_at_80);
	tcase_add_test(t, test_tui_loop_key_that_does_nothing_here_says_where_it_works);
	tcase_add_test(t, test_tui_loop_compare_title_whole_and_no_empty_border_head);
	tcase_add_test(t, test_tui_loop_long_step_shows_progress_and_stops);
	tcase_add_test(t, test_tui_loop_stopped_long_step_keeps_the_next_days_close);
	tcase_add_test(t, test_tui_loop_rebuild_shows_progress_and_stops);
	tcase_add_test(t, test_tui_loop_compare_catch_up_shows_progress_and_stops);
	tcase_add_test(t, test_tui_loop_compare_small_gap_at_once_and_draw_steps_nothing);
	tcase_add_test(t, test_tui_loop_seed_days_rebuilt_while_idle);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_tui_loop_rewinds_give_their_memory_back);
#endif
	tcase_add_test(t, test_tui_loop_header_names_the_branch_while_it_fits);
	tcase_add_test(t, test_tui_loop_branch_compare_keep);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_tui_loop_keep_gives_the_other_branch_back);
	tcase_add_test(t, test_tui_loop_load_gives_the_branch_back);
#endif
	tcase_add_test(t, test_tui_loop_why_after_a_switch_explains_the_world_shown);
	tcase_add_test(t, test_tui_loop_compare_shows_each_change_in_even_tables);
	tcase_add_test(t, test_tui_loop_compare_colours_border_changes_by_direction);
	tcase_add_test(t, test_tui_loop_config_view_sets_a_knob);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
