/* Cockpit tests without a terminal: the whole screen drawn into an
 * in-memory canvas and compared with golden text screens at 80x24 and
 * 160x48; keys driven through tui_handle_key. Goldens are rewritten only
 * by `make update-golden` (SMUGNET_UPDATE_GOLDEN=1), never by make check. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h> /* KEY_UP, KEY_LEFT, KEY_RIGHT */

#include "smugnet/vault.h"
#include "tui/tui.h"
#include "test_util.h"

static struct tui_options opts = {.ascii = true, .no_color = true, .no_mouse = true, .vault_root = "/tmp"};

#define world_at test_default_at

static char *render(struct tui_app *a, int rows, int cols)
{
	struct tui_grid *g = grid_new(rows, cols);
	struct canvas screen = {&a->th, NULL, g, 0, 0, rows, cols};
	char *text;

	tui_render(a, &screen);
	text = grid_dump(g);
	grid_free(g);
	return text;
}

static char *slurp(const char *path)
{
	return test_slurp(path, NULL);
}

static void check_golden(const char *name, const char *screen)
{
	char path[1024];
	char *want;

	snprintf(path, sizeof path, "%s/tests/golden/screens/%s", SRCDIR, name);
	if (getenv("SMUGNET_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");

		ck_assert_msg(f != NULL, "cannot write %s", path);
		fputs(screen, f);
		fclose(f);
		return;
	}
	want = slurp(path);
	ck_assert_msg(want != NULL, "missing golden %s (run make update-golden)", path);
	ck_assert_msg(strcmp(want, screen) == 0, "screen differs from %s:\n%s", path, screen);
	free(want);
}

START_TEST(test_tui_golden_main_80x24)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	char *s;

	tui_app_init(&a, w, &opts);
	s = render(&a, 24, 80);
	check_golden("main-80x24.txt", s);
	ck_assert_ptr_nonnull(strstr(s, "day 30"));
	ck_assert_ptr_nonnull(strstr(s, "Factions"));
	ck_assert_ptr_nonnull(strstr(s, "Borders"));
	ck_assert_ptr_nonnull(strstr(s, "Events"));
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

START_TEST(test_tui_golden_main_160x48)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	char *s;

	tui_app_init(&a, w, &opts);
	s = render(&a, 48, 160);
	check_golden("main-160x48.txt", s);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

START_TEST(test_tui_golden_why_view)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	char *s;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '\t'); /* routes */
	ck_assert_int_eq(a.focus, PANE_ROUTES);
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.overlay, OVERLAY_WHY);
	s = render(&a, 48, 160);
	check_golden("why-160x48.txt", s);
	ck_assert_ptr_nonnull(strstr(s, "risk_est"));
	ck_assert_ptr_nonnull(strstr(s, "demand"));
	free(s);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.overlay, OVERLAY_NONE);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

START_TEST(test_tui_crackdown_key_sets_and_clears)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int rows[512], n, c;
	char *s;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '\t');
	tui_handle_key(&a, '\t');
	ck_assert_int_eq(a.focus, PANE_BORDERS);
	n = pane_borders_rows(&a, rows, 512);
	ck_assert_int_gt(n, 0);
	c = rows[0];
	tui_handle_key(&a, 'c');
	ck_assert_ptr_nonnull(smug_world_crackdown_on(w, c));
	ck_assert(a.unsaved);
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "crackdown on"));
	free(s);
	tui_handle_key(&a, 'c');
	ck_assert_ptr_null(smug_world_crackdown_on(w, c));
	tui_handle_key(&a, 'a');
	ck_assert(w->cfg.crackdown.auto_enabled);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

START_TEST(test_tui_keys_step_help_quit)
{
	struct smug_world *w = world_at(0);
	struct tui_app a;
	char *s;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '.');
	ck_assert_int_eq(w->day, 1);
	tui_handle_key(&a, 'n');
	ck_assert_int_eq(a.prompt, PROMPT_STEPS);
	tui_handle_key(&a, 127);
	tui_handle_key(&a, 127);
	tui_handle_key(&a, '5');
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(w->day, 6);
	tui_handle_key(&a, '?');
	ck_assert_int_eq(a.overlay, OVERLAY_HELP);
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "crackdown on the selected border"));
	free(s);
	tui_handle_key(&a, 27);
	/* unsaved: q asks first, n keeps running, y quits */
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	ck_assert(tui_handle_key(&a, 'n'));
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert(!tui_handle_key(&a, 'y'));
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

START_TEST(test_tui_too_small_says_size)
{
	struct smug_world *w = world_at(1);
	struct tui_app a;
	char *s;

	tui_app_init(&a, w, &opts);
	s = render(&a, 20, 70);
	ck_assert_ptr_nonnull(strstr(s, "at least 80x24"));
	ck_assert_ptr_nonnull(strstr(s, "70x20"));
	free(s);
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "Factions"));
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

START_TEST(test_tui_ascii_has_no_utf8)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	char *s;

	tui_app_init(&a, w, &opts);
	s = render(&a, 48, 160);
	for (const char *p = s; *p; p++)
		ck_assert_msg((unsigned char)*p < 0x80, "non-ASCII byte in --ascii screen");
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

static bool screen_has(struct tui_app *a, const char *text)
{
	char *s = render(a, 48, 160);
	bool found = strstr(s, text) != NULL;

	free(s);
	return found;
}

static void type_text(struct tui_app *a, const char *text)
{
	for (const char *p = text; *p; p++)
		tui_handle_key(a, *p);
}

/* Events in the log whose kind contains `kind` (or, when faction is set,
 * whose faction id is `faction`). */
static int count_matching(const struct smug_world *w, const char *kind, const char *faction)
{
	int n = 0;

	for (int i = 0; i < w->tel.event_count; i++) {
		const struct smug_event *e = smug_event_at(&w->tel, i);

		if (kind)
			n += strstr(smug_event_kind_name(e->kind), kind) != NULL;
		else
			n += e->faction >= 0 && strcmp(w->factions[e->faction].id, faction) == 0;
	}
	return n;
}

START_TEST(test_tui_event_filter)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int vis[SMUG_EVENT_CAP], all, some, delivered = count_matching(w, "DELIVERED", NULL);
	int mine = count_matching(w, NULL, "syndicate");

	tui_app_init(&a, w, &opts);
	all = pane_events_visible(&a, vis, SMUG_EVENT_CAP);
	ck_assert_int_eq(all, w->tel.event_count);
	ck_assert_int_gt(delivered, 0);
	ck_assert_int_lt(delivered, all);
	for (int i = 0; i < 3; i++)
		tui_handle_key(&a, '\t');
	ck_assert_int_eq(a.focus, PANE_EVENTS);
	tui_handle_key(&a, '/');
	type_text(&a, "DELIVERED");
	tui_handle_key(&a, '\n');
	/* exactly the matching events stay, and the pane says it is filtered */
	some = pane_events_visible(&a, vis, SMUG_EVENT_CAP);
	ck_assert_int_eq(some, delivered);
	for (int i = 0; i < some; i++)
		ck_assert_ptr_nonnull(strstr(smug_event_kind_name(smug_event_at(&w->tel, vis[i])->kind), "DELIVERED"));
	ck_assert(screen_has(&a, "Events matching 'DELIVERED'"));
	/* Esc clears the filter */
	tui_handle_key(&a, 27);
	ck_assert_int_eq(pane_events_visible(&a, vis, SMUG_EVENT_CAP), all);
	ck_assert(!screen_has(&a, "matching"));
	/* a faction id filters by faction */
	ck_assert_int_gt(mine, 0);
	ck_assert_int_lt(mine, all);
	tui_handle_key(&a, '/');
	type_text(&a, "syndicate");
	tui_handle_key(&a, '\n');
	some = pane_events_visible(&a, vis, SMUG_EVENT_CAP);
	ck_assert_int_eq(some, mine);
	for (int i = 0; i < some; i++)
		ck_assert_str_eq(w->factions[smug_event_at(&w->tel, vis[i])->faction].id, "syndicate");
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Enter on an event selects its faction and jumps to its border. */
START_TEST(test_tui_enter_on_event_jumps_to_its_border)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int vis[SMUG_EVENT_CAP], rows[512], n, jumps = 0;

	tui_app_init(&a, w, &opts);
	for (int i = 0; i < 3; i++)
		tui_handle_key(&a, '\t');
	tui_handle_key(&a, '/');
	type_text(&a, "CUSTOMS_CHECK");
	tui_handle_key(&a, '\n');
	n = pane_events_visible(&a, vis, SMUG_EVENT_CAP);
	ck_assert_int_gt(n, 3);
	for (int up = 0; up < 3; up++) {
		const struct smug_event *e = smug_event_at(&w->tel, vis[n - 1 - up]);

		a.focus = PANE_EVENTS;
		a.event_scroll = 0;
		for (int k = 0; k < up; k++)
			tui_handle_key(&a, KEY_UP);
		ck_assert_int_eq(a.event_scroll, up);
		tui_handle_key(&a, '\n');
		ck_assert_int_eq(a.focus, PANE_BORDERS);
		pane_borders_rows(&a, rows, 512);
		ck_assert_int_eq(rows[a.border_sel], e->corridor);
		ck_assert_int_eq(a.faction, e->faction);
		jumps++;
	}
	ck_assert_int_eq(jumps, 3);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

static int64_t border_metric(const struct smug_world *w, int c, int sort)
{
	const struct smug_border_stats *b = &w->border_stats[c];

	return sort == 0 ? b->traffic : sort == 1 ? b->seizures : b->bribes;
}

/* m cycles the map's heat measure, S the table's sort order; each order
 * really sorts the rows, largest first. */
START_TEST(test_tui_borders_heat_and_sort_keys)
{
	static const char *const heat[] = {"map by traffic", "map by seizure rate", "map by bribes"};
	static const char *const sort[] = {"table by traffic", "table by seizures", "table by bribes"};
	struct smug_world *w = world_at(60);
	struct tui_app a;
	int rows[512], n;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '\t');
	tui_handle_key(&a, '\t');
	ck_assert_int_eq(a.focus, PANE_BORDERS);
	for (int k = 0; k < 4; k++) {
		ck_assert_int_eq(a.heat, k % 3);
		ck_assert(screen_has(&a, heat[k % 3]));
		tui_handle_key(&a, 'm');
	}
	for (int k = 0; k < 4; k++) {
		int distinct = 0;

		ck_assert_int_eq(a.border_sort, k % 3);
		ck_assert(screen_has(&a, sort[k % 3]));
		n = pane_borders_rows(&a, rows, 512);
		ck_assert_int_gt(n, 5);
		for (int i = 0; i + 1 < n; i++) {
			ck_assert_int_ge(border_metric(w, rows[i], k % 3), border_metric(w, rows[i + 1], k % 3));
			distinct += border_metric(w, rows[i], k % 3) != border_metric(w, rows[i + 1], k % 3);
		}
		ck_assert_int_gt(distinct, 0);
		a.border_sel = 3;
		tui_handle_key(&a, 'S');
		ck_assert_int_eq(a.border_sel, 0); /* a new order selects its first row */
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Space runs and pauses; + and - change the speed within its table. */
START_TEST(test_tui_run_and_speed_keys)
{
	struct smug_world *w = world_at(1);
	struct tui_app a;

	tui_app_init(&a, w, &opts);
	ck_assert(!a.running);
	ck_assert(screen_has(&a, "PAUSED x1 "));
	tui_handle_key(&a, ' ');
	ck_assert(a.running);
	ck_assert(screen_has(&a, "RUN x1 "));
	tui_handle_key(&a, '+');
	ck_assert(screen_has(&a, "RUN x2 "));
	tui_handle_key(&a, '+');
	ck_assert(screen_has(&a, "RUN x5 "));
	for (int i = 0; i < 10; i++)
		tui_handle_key(&a, '+');
	ck_assert(screen_has(&a, "RUN x100 ")); /* the fastest stays the fastest */
	tui_handle_key(&a, '-');
	ck_assert(screen_has(&a, "RUN x30 "));
	for (int i = 0; i < 10; i++)
		tui_handle_key(&a, '-');
	ck_assert(screen_has(&a, "RUN x1 "));
	tui_handle_key(&a, ' ');
	ck_assert(!a.running);
	ck_assert(screen_has(&a, "PAUSED x1 "));
	ck_assert_int_eq(w->day, 1); /* keys alone never step */
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Left/Right (and h/l) select the previous or next network faction, and
 * the routes pane follows. */
START_TEST(test_tui_left_right_select_faction)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);
	char title[128];

	ck_assert_int_ge(n, 3);
	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '\t'); /* from any pane */
	ck_assert_int_eq(a.faction, fac[0]);
	tui_handle_key(&a, KEY_LEFT);
	ck_assert_int_eq(a.faction, fac[0]); /* the first stays the first */
	for (int i = 1; i < n; i++) {
		tui_handle_key(&a, i % 2 ? KEY_RIGHT : 'l');
		ck_assert_int_eq(a.faction, fac[i]);
		snprintf(title, sizeof title, "Routes of %s", w->factions[fac[i]].id);
		ck_assert(screen_has(&a, title));
	}
	tui_handle_key(&a, KEY_RIGHT);
	ck_assert_int_eq(a.faction, fac[n - 1]);
	tui_handle_key(&a, 'h');
	ck_assert_int_eq(a.faction, fac[n - 2]);
	tui_handle_key(&a, KEY_LEFT);
	ck_assert_int_eq(a.faction, fac[n - 3]);
	ck_assert_int_eq(a.focus, PANE_ROUTES); /* focus stays where it was */
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* s saves (asking before overwriting an existing seed), o loads. */
START_TEST(test_tui_save_overwrite_and_load)
{
	struct smug_world *w = world_at(10), *seed = NULL;
	struct tui_options o = opts;
	struct tui_app a;
	struct smug_error err;
	char root[] = "/tmp/smugnet-tui-XXXXXX", cmd[64];

	ck_assert_ptr_nonnull(mkdtemp(root));
	o.vault_root = root;
	tui_app_init(&a, w, &o);
	tui_handle_key(&a, '.');
	ck_assert(a.unsaved);
	tui_handle_key(&a, 's');
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	type_text(&a, "one");
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert(!a.unsaved);
	ck_assert(screen_has(&a, "saved seed one"));
	ck_assert_int_eq(smug_vault_load(root, "one", &seed, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(seed), smug_world_digest(w));
	smug_world_free(seed);

	/* the name exists: s asks first; n keeps the saved seed as it was */
	tui_handle_key(&a, '.');
	tui_handle_key(&a, 's');
	ck_assert_str_eq(a.input, "one"); /* the current seed's name is offered */
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_OVERWRITE);
	tui_handle_key(&a, 'n');
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert(a.unsaved);
	ck_assert_int_eq(smug_vault_load(root, "one", &seed, &err), SMUG_OK);
	ck_assert_int_eq(seed->day, w->day - 1);
	smug_world_free(seed);
	/* y overwrites */
	tui_handle_key(&a, 's');
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_OVERWRITE);
	tui_handle_key(&a, 'y');
	ck_assert(!a.unsaved);
	ck_assert_int_eq(smug_vault_load(root, "one", &seed, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(seed), smug_world_digest(w));
	smug_world_free(seed);

	/* o lists the vault; Enter replaces the world with the seed */
	tui_handle_key(&a, '.');
	tui_handle_key(&a, '.');
	ck_assert(a.unsaved);
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.overlay, OVERLAY_LOAD);
	ck_assert_int_eq(a.n_seeds, 1);
	ck_assert(screen_has(&a, "one"));
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.overlay, OVERLAY_NONE);
	ck_assert_ptr_ne(a.w, w); /* the old world was freed by the load */
	ck_assert_int_eq(a.w->day, 12);
	ck_assert(!a.unsaved);
	ck_assert_str_eq(a.seed_name, "one");
	ck_assert(screen_has(&a, "loaded seed one"));
	smug_world_free(a.w);
	tui_app_done(&a);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The line of the screen that contains text, or NULL. */
static const char *line_with(const char *screen, const char *text, char *line, size_t size)
{
	const char *at = strstr(screen, text), *start, *end;

	if (at == NULL)
		return NULL;
	for (start = at; start > screen && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	snprintf(line, size, "%.*s", (int)((end ? end : at + strlen(at)) - start), start);
	return line;
}

/* The panes show the world's numbers: each network faction's balance,
 * the header's totals, each border row's traffic and checks, the newest
 * event. */
START_TEST(test_tui_panes_show_the_world)
{
	struct smug_world *w = world_at(60);
	struct tui_app a;
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), rows[512], nr;
	char *s, line[512], want[160], money[32], money2[32];
	const struct smug_counters *t = &w->tel.total;
	const struct smug_event *e;

	tui_app_init(&a, w, &opts);
	s = render(&a, 48, 160);
	for (int i = 0; i < n; i++) {
		const struct smug_faction *fa = &w->factions[fac[i]];

		smug_money_format(w->ledger.accounts[fa->account].balance, money, sizeof money);
		ck_assert_msg(line_with(s, fa->id, line, sizeof line) != NULL, "faction %s not shown", fa->id);
		ck_assert_msg(strstr(line, money) != NULL, "faction %s: balance %s not on its line: %s", fa->id, money,
			      line);
	}
	smug_money_format(t->bribes_spent, money, sizeof money);
	smug_money_format(t->profit, money2, sizeof money2);
	snprintf(want, sizeof want, "total delivered %lld seized %lld lost %lld bribes %s profit %s",
		 (long long)t->delivered, (long long)t->seized, (long long)t->lost, money, money2);
	ck_assert_msg(strstr(s, want) != NULL, "header lacks '%s'", want);
	nr = pane_borders_rows(&a, rows, 512);
	ck_assert_int_gt(nr, 5);
	for (int i = 0; i < 5; i++) {
		const struct smug_border_stats *b = &w->border_stats[rows[i]];
		const char *id = w->corridors[rows[i]].id;
		long long traffic = -1, checks = -1;

		ck_assert_msg(line_with(s, id, line, sizeof line) != NULL, "border %s not shown", id);
		sscanf(strstr(line, id) + strlen(id), "%lld %lld", &traffic, &checks);
		ck_assert_int_eq(traffic, b->traffic);
		ck_assert_int_eq(checks, b->checks);
	}
	e = smug_event_at(&w->tel, w->tel.event_count - 1);
	ck_assert_msg(line_with(s, e->detail, line, sizeof line) != NULL, "newest event '%s' not shown", e->detail);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The help lists every key with what it does; the footer shows the keys
 * of the focused pane only. */
START_TEST(test_tui_help_and_footer_follow_the_key_table)
{
	struct smug_world *w = world_at(1);
	struct tui_app a;
	int n;
	const struct tui_key *k = keymap_table(&n);
	char *s, line[512];

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '?');
	s = render(&a, 48, 160);
	for (int i = 0; i < n; i++) {
		if (k[i].panes == 0)
			continue;
		ck_assert_msg(line_with(s, k[i].help, line, sizeof line) != NULL, "help lacks '%s'", k[i].help);
		ck_assert_msg(strstr(line, k[i].label) != NULL, "help: '%s' not beside its key %s", k[i].help,
			      k[i].label);
	}
	free(s);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.overlay, OVERLAY_NONE);
	for (int p = 0; p < PANE_COUNT; p++) {
		char *foot, *end;

		a.focus = (enum tui_pane)p;
		s = render(&a, 48, 160);
		for (end = s + strlen(s); end > s && end[-1] == '\n';)
			*--end = '\0';
		foot = strrchr(s, '\n') ? strrchr(s, '\n') + 1 : s; /* the screen's last row */
		ck_assert_ptr_nonnull(strstr(foot, "? help"));
		ck_assert_int_eq(strstr(foot, "c crackdown") != NULL, p == PANE_BORDERS);
		ck_assert_int_eq(strstr(foot, "/ filter") != NULL, p == PANE_EVENTS);
		free(s);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The header's year and day of the year roll over at the year's end. */
START_TEST(test_tui_header_year_rollover)
{
	struct smug_world *w = world_at(364);
	struct tui_app a;

	tui_app_init(&a, w, &opts);
	ck_assert(screen_has(&a, "day 364 (year 1, day 365)"));
	tui_handle_key(&a, '.');
	ck_assert(screen_has(&a, "day 365 (year 2, day 1)"));
	tui_handle_key(&a, '.');
	ck_assert(screen_has(&a, "day 366 (year 2, day 2)"));
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tui");
	TCase *t = tcase_create("golden screens");

	/* tagged so that `make mutate` can leave them out (CK_EXCLUDE_TAGS):
	 * a golden screen fails on any change by construction */
	tcase_set_tags(t, "golden");
	tcase_add_test(t, test_tui_golden_main_80x24);
	tcase_add_test(t, test_tui_golden_main_160x48);
	tcase_add_test(t, test_tui_golden_why_view);
	suite_add_tcase(s, t);
	t = tcase_create("screens");
	tcase_add_test(t, test_tui_too_small_says_size);
	tcase_add_test(t, test_tui_panes_show_the_world);
	tcase_add_test(t, test_tui_help_and_footer_follow_the_key_table);
	tcase_add_test(t, test_tui_ascii_has_no_utf8);
	suite_add_tcase(s, t);
	t = tcase_create("keys");
	tcase_add_test(t, test_tui_crackdown_key_sets_and_clears);
	tcase_add_test(t, test_tui_keys_step_help_quit);
	tcase_add_test(t, test_tui_event_filter);
	tcase_add_test(t, test_tui_enter_on_event_jumps_to_its_border);
	tcase_add_test(t, test_tui_borders_heat_and_sort_keys);
	tcase_add_test(t, test_tui_run_and_speed_keys);
	tcase_add_test(t, test_tui_left_right_select_faction);
	tcase_add_test(t, test_tui_save_overwrite_and_load);
	tcase_add_test(t, test_tui_header_year_rollover);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
