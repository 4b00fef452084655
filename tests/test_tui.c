/* Cockpit tests without a terminal: the whole screen drawn into an
 * in-memory canvas and compared with golden text screens at 80x24 and
 * 160x48; keys driven through tui_handle_key. Goldens are rewritten only
 * by `make update-golden` (SMUGNET_UPDATE_GOLDEN=1), never by make check. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

START_TEST(test_tui_event_filter)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int vis[SMUG_EVENT_CAP], all, some;

	tui_app_init(&a, w, &opts);
	all = pane_events_visible(&a, vis, SMUG_EVENT_CAP);
	for (int i = 0; i < 3; i++)
		tui_handle_key(&a, '\t');
	ck_assert_int_eq(a.focus, PANE_EVENTS);
	tui_handle_key(&a, '/');
	for (const char *p = "SEIZED"; *p; p++)
		tui_handle_key(&a, *p);
	tui_handle_key(&a, '\n');
	some = pane_events_visible(&a, vis, SMUG_EVENT_CAP);
	ck_assert_int_lt(some, all);
	for (int i = 0; i < some; i++)
		ck_assert_ptr_nonnull(strstr(smug_event_kind_name(smug_event_at(&w->tel, vis[i])->kind), "SEIZED"));
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
	tcase_add_test(t, test_tui_ascii_has_no_utf8);
	suite_add_tcase(s, t);
	t = tcase_create("keys");
	tcase_add_test(t, test_tui_crackdown_key_sets_and_clears);
	tcase_add_test(t, test_tui_keys_step_help_quit);
	tcase_add_test(t, test_tui_event_filter);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
