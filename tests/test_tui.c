/* Cockpit tests without a terminal: whole screens drawn into an
 * in-memory canvas and compared with golden text screens (the main
 * view, the commodities view, the map, the chart view and the why view
 * at 80x24, 120x40 and 160x48), a check that no screen ever cuts a
 * number or leaves a label without its figure, and keys and clicks
 * driven through tui_handle_key and tui_click. Goldens are rewritten
 * only by `make update-golden` (SMUGNET_UPDATE_GOLDEN=1), never by make
 * check; SMUGNET_SHOW=1 prints every golden screen as it is checked. */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <ctype.h>
#include <curses.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smugnet/vault.h"
#include "tui/tui.h"
#include "test_util.h"

static struct tui_options opts = {.ascii = false, .no_color = true, .no_mouse = true, .vault_root = "/tmp"};
static struct tui_options ascii_opts = {.ascii = true, .no_color = true, .no_mouse = true, .vault_root = "/tmp"};

#define world_at test_default_at

/* In the sanitizer build an allocation too large to give returns NULL,
 * as glibc's does, instead of stopping the test: the out-of-memory test
 * sees the cockpit's own handling. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* Draw the cockpit into grid g; with check_cuts, fail on a cut number
 * and on a label left without its figure ("bribes …" for "bribes
 * 12.00"; a ward's name of this world shortened inside, "Middle Ward …",
 * is a name, not a label). */
static void render_into(struct tui_app *a, struct tui_grid *g, int rows, int cols, bool check_cuts)
{
	struct canvas screen = {&a->th, NULL, g, 0, 0, rows, cols};
	char first[128];
	int cuts, dropped;

	grid_know_names(g, a->w);
	tui_render(a, &screen);
	cuts = grid_cut_numbers(g, first, sizeof first);
	if (check_cuts && cuts != 0) {
		char *text = grid_dump(g);

		fprintf(stderr, "%s", text); /* Check's messages are too short for a screen */
		free(text);
		ck_abort_msg("%dx%d: %d numbers cut, first at %s", cols, rows, cuts, first);
	}
	dropped = grid_dropped_figures(g, first, sizeof first);
	if (check_cuts && dropped != 0) {
		char *text = grid_dump(g);

		fprintf(stderr, "%s", text);
		free(text);
		ck_abort_msg("%dx%d: %d labels without their figure, first at %s", cols, rows, dropped, first);
	}
}

static char *render_checked(struct tui_app *a, int rows, int cols, bool check_cuts)
{
	struct tui_grid *g = grid_new(rows, cols);
	char *text;

	render_into(a, g, rows, cols, check_cuts);
	text = grid_dump(g);
	grid_free(g);
	return text;
}

/* The why view alone drawn on a canvas of rows x cols, as render_into
 * checks a screen; the caller frees the text. */
static char *why_on_canvas(struct tui_app *a, int rows, int cols)
{
	struct tui_grid *g = grid_new(rows, cols);
	struct canvas cv = {&a->th, NULL, g, 0, 0, rows, cols};
	char first[128], *text;

	grid_know_names(g, a->w);
	view_why_draw(a, &cv);
	text = grid_dump(g);
	ck_assert_msg(grid_cut_numbers(g, first, sizeof first) == 0, "why view %dx%d: a number cut at %s:\n%s", cols, rows,
		      first, text);
	ck_assert_msg(grid_dropped_figures(g, first, sizeof first) == 0, "why view %dx%d: a label without its figure at %s:\n%s",
		      cols, rows, first, text);
	grid_free(g);
	return text;
}

/* The screen in a memory grid whose cells keep their roles (grid_role);
 * the caller frees it. */
static struct tui_grid *render_grid(struct tui_app *a, int rows, int cols)
{
	struct tui_grid *g = grid_new(rows, cols);

	render_into(a, g, rows, cols, true);
	return g;
}

static char *render(struct tui_app *a, int rows, int cols)
{
	return render_checked(a, rows, cols, true);
}

/* Draw a frame only for what drawing updates (selections, map marks). */
static void draw(struct tui_app *a, int rows, int cols)
{
	free(render(a, rows, cols));
}

static void feed(struct tui_app *a, const char *keys)
{
	for (const char *p = keys; *p; p++)
		tui_handle_key(a, (unsigned char)*p); /* getch gives a byte as 0-255 */
}

/* A cockpit on the default world after `day` days, and its end. */
static struct smug_world *open_at(struct tui_app *a, int day)
{
	struct smug_world *w = world_at(day);

	tui_app_init(a, w, &opts);
	return w;
}

/* text with every quoted id that starts with `kind` ("n:", "ward:",
 * "raiders") made longer by `suffix`; text freed, the new one returned. */
static char *ids_lengthened(char *text, const char *kind, const char *suffix)
{
	size_t len = strlen(text), n = 0, kl = strlen(kind);
	char *json, *out, quoted[48];

	snprintf(quoted, sizeof quoted, "\"%s", kind);
	for (const char *p = strstr(text, quoted); p; p = strstr(p + 1, quoted))
		n++;
	json = out = malloc(len + n * strlen(suffix) + 1);
	ck_assert_ptr_nonnull(json);
	*out = '\0';
	for (const char *p = text, *at; *p; p = at) {
		at = strstr(p, quoted);
		if (at == NULL) {
			strcpy(out, p);
			break;
		}
		at = strchr(at + 1 + kl, '"'); /* the id's closing quote */
		memcpy(out, p, (size_t)(at - p));
		out += at - p;
		out += sprintf(out, "%s", suffix);
	}
	free(text);
	return json;
}

/* The default world with ids lengthened (ids_lengthened) for each of n
 * kinds, stepped `days` days. */
static struct smug_world *long_ids_world(const char *const (*kinds)[2], int n, int days)
{
	char *json = test_slurp(SRCDIR "/data/dosadi-36.json", NULL);
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_ptr_nonnull(json);
	for (int i = 0; i < n; i++)
		json = ids_lengthened(json, kinds[i][0], kinds[i][1]);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "long ids", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(w, days);
	return w;
}

/* Every node id and every faction id of the default world made longer. */
static const char *const long_node_and_faction_ids[][2] = {{"n:", "-checkpoint"},
							   {"dustrunners", "-of-the-outer-ring"},
							   {"raiders", "-of-the-outer-ring"},
							   {"suitwrights", "-of-the-outer-ring"},
							   {"syndicate", "-of-the-outer-ring"}};

/* The default world with every id that starts with `kind` ("n:",
 * "ward:") made longer by `suffix` ("n:01.0" read "n:01.0-checkpoint"),
 * stepped `days` days. */
static struct smug_world *long_ids_at(const char *kind, const char *suffix, int days)
{
	const char *const kinds[1][2] = {{kind, suffix}};

	return long_ids_world(kinds, 1, days);
}

static void close_app(struct tui_app *a, struct smug_world *w)
{
	tui_app_done(a);
	smug_world_free(w);
}

/* A seed vault of a test's own: a new folder under /tmp and the cockpit
 * options (base's, with vault_root set) that save into it.
 * temp_vault_done removes the folder and every seed saved in it. */
struct temp_vault {
	char root[sizeof "/tmp/smugnet-tui-XXXXXX"];
	struct tui_options o;
};

static void temp_vault_init(struct temp_vault *v, const struct tui_options *base)
{
	memcpy(v->root, "/tmp/smugnet-tui-XXXXXX", sizeof v->root);
	ck_assert_ptr_nonnull(mkdtemp(v->root));
	v->o = *base;
	v->o.vault_root = v->root;
}

static void temp_vault_done(struct temp_vault *v)
{
	test_remove_tree(v->root);
}

/* A cockpit on w that saves into a new vault v of its own. */
static void open_in_vault(struct tui_app *a, struct smug_world *w, struct temp_vault *v)
{
	temp_vault_init(v, &opts);
	tui_app_init(a, w, &v->o);
}

/* Its end: the cockpit, the world it shows now (a loaded seed's, the
 * load having freed the one it showed before) and the vault. */
static void close_in_vault(struct tui_app *a, struct temp_vault *v)
{
	struct smug_world *shown = a->w;

	tui_app_done(a);
	smug_world_free(shown);
	temp_vault_done(v);
}

/* Does the 160x48 screen show text. */
static bool screen_has(struct tui_app *a, const char *text)
{
	char *s = render(a, 48, 160);
	bool found = strstr(s, text) != NULL;

	free(s);
	return found;
}

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

/* A number cut by a pane edge leaves a digit against a frame or the
 * screen's right edge; money always shows two decimals or a k/M suffix. */
static void assert_no_cut_text(const char *name, const char *screen, int cols)
{
	const char *line = screen;
	int row = 0;

	while (*line) {
		const char *end = strchr(line, '\n'), *p;
		int col = 0;

		for (p = line; p < end; col++) {
			unsigned char c = (unsigned char)*p;
			int n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
			const char *next = p + n;
			bool digit = c >= '0' && c <= '9';

			/* a digit touching a vertical frame line on its right */
			if (digit && next < end && (strncmp(next, "\xe2\x94\x82", 3) == 0 || strncmp(next, "\xe2\x94\x90", 3) == 0 ||
						    strncmp(next, "\xe2\x94\x98", 3) == 0)) {
				fprintf(stderr, "%s", screen);
				ck_abort_msg("%s row %d col %d: a number runs into a frame", name, row, col);
			}
			/* a digit in the screen's last column */
			if (digit && col == cols - 1) {
				fprintf(stderr, "%s", screen);
				ck_abort_msg("%s row %d: a number at the screen's edge", name, row);
			}
			p = next;
		}
		line = end + 1;
		row++;
	}
}

/* ---- a golden screen may not lock in a visible defect ---- */

/* One screen row as one byte per column: '|' a vertical frame line, '+' a
 * corner or tee, '-' a horizontal line, '\1' any other wide glyph (bars,
 * braille, marks, the ellipsis), ASCII as it is; padded with spaces. */
static void screen_row(const char *p, const char *end, char *out, int cols)
{
	int col = 0;

	memset(out, ' ', (size_t)cols);
	out[cols] = '\0';
	while (p < end && col < cols) {
		unsigned char c = (unsigned char)*p;
		int n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
		unsigned cp = n == 3 ? (unsigned)(c & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 | (unsigned)(p[2] & 0x3f) : 0;

		if (n == 1)
			out[col] = c == '|' ? '!' : (char)c; /* the '|' of a corridor id is text */
		else if (cp == 0x2502)
			out[col] = '|';
		else if (cp == 0x2500)
			out[col] = '-';
		else if (cp >= 0x250c && cp <= 0x253c)
			out[col] = '+';
		else
			out[col] = '\1';
		p += n;
		col++;
	}
}

/* A grid dump's rows in place: each newline becomes the end of a row,
 * row[] gets at most max of them; how many. */
static int dump_rows(char *text, char **row, int max)
{
	int n = 0;

	for (char *p = text; *p && n < max; n++) {
		row[n] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* The screen's rows one byte per column (see screen_row), in out[rows]
 * of cols + 1 bytes each; how many rows. */
static int screen_rows(const char *screen, char (*out)[256], int rows, int cols)
{
	int n = 0;

	for (const char *line = screen; n < rows; n++) {
		const char *end = strchr(line, '\n') ? strchr(line, '\n') : line + strlen(line);

		screen_row(line, end, out[n], cols);
		if (*end == '\0')
			return n + 1;
		line = end + 1;
	}
	return n;
}

static bool is_frame(char c)
{
	return c == '|' || c == '+' || c == '-';
}

/* Whether one of the words starts at p and ends at a space, a frame
 * line or the end of the row. */
static bool whole_word_at(const char *p, const char *const *words, int n_words)
{
	for (int i = 0; i < n_words; i++) {
		size_t n = strlen(words[i]);

		if (strncmp(p, words[i], n) == 0 && (p[n] == '\0' || p[n] == ' ' || is_frame(p[n])))
			return true;
	}
	return false;
}

/* How many characters of word p starts with. */
static size_t match_len(const char *p, const char *word)
{
	size_t k = 0;

	while (word[k] && p[k] == word[k])
		k++;
	return k;
}

/* A word of the world's vocabulary cut short without the ellipsis: a
 * strict prefix of at least four characters that stops at a space, a
 * frame line or the screen's edge, where no other word of the
 * vocabulary (or "raider" or "auto", words of the cockpit) stands whole
 * and none matches longer ("weapon par…" is "weapon parts" with its
 * ellipsis, not "weapons" cut). */
static bool longer_match(const char *p, size_t k, const char *const *words, int n_words)
{
	for (int i = 0; i < n_words; i++)
		if (match_len(p, words[i]) > k)
			return true;
	return false;
}

static void assert_words_whole(char **row, int rows, int cols, const char *const *words, int n_words,
			       const char *name)
{
	static const char *const own[] = {"raider", "auto"};

	for (int i = 0; i < n_words; i++) {
		size_t n = strlen(words[i]);

		for (int r = 0; r < rows; r++)
			for (int x = 0; x < cols; x++) {
				size_t k = 0;

				if (x > 0 && row[r][x - 1] != ' ' && !is_frame(row[r][x - 1]))
					continue;
				while (k < n && x + (int)k < cols && row[r][x + k] == words[i][k])
					k++;
				if (k >= 4 && k < n &&
				    (x + (int)k == cols || row[r][x + k] == ' ' || is_frame(row[r][x + k])) &&
				    !whole_word_at(row[r] + x, words, n_words) && !whole_word_at(row[r] + x, own, 2) &&
				    !longer_match(row[r] + x, k, words, n_words))
					ck_abort_msg("%s, row %d: '%.*s' is '%s' cut short:\n%s", name, r, (int)k, words[i],
						     words[i], row[r]);
			}
	}
}

/* What make update-golden must never accept: a faction, commodity, event
 * kind or "auto-crackdown" cut without the ellipsis, text running into a
 * pane's right frame line, anything but a frame in the screen's last
 * column (the footer aside), a pane title's day that is not the header's day, the same row
 * twice in the routes pane. */
static void assert_screen_honest(const struct smug_world *w, const char *name, const char *screen, int rows, int cols)
{
	char **row = calloc((size_t)rows, sizeof *row);
	const char *p = screen, *t;
	int header_day = -1;

	ck_assert_ptr_nonnull(row);
	for (int r = 0; r < rows; r++) {
		const char *end = strchr(p, '\n');

		if (end == NULL)
			end = p + strlen(p);
		row[r] = malloc((size_t)cols + 1);
		ck_assert_ptr_nonnull(row[r]);
		screen_row(p, end, row[r], cols);
		p = *end ? end + 1 : end;
	}
	ck_assert_msg(sscanf(row[0], " smugnet %*[^0-9]%*d wards day %d", &header_day) == 1 ||
			      ((t = strstr(row[0], " day ")) != NULL && sscanf(t, " day %d", &header_day) == 1),
		      "%s: no day in the header:\n%s", name, row[0]);
	for (int r = 0; r < rows; r++) {
		/* the footer is a row of whole key labels and may fill it */
		ck_assert_msg(r == rows - 1 || row[r][cols - 1] == ' ' || is_frame(row[r][cols - 1]),
			      "%s, row %d runs off the screen's edge:\n%s", name, r, row[r]);
		for (int x = 1; x < cols; x++)
			if (row[r][x] == '|' && row[r][x - 1] != ' ' && row[r][x - 1] != '\1' &&
			    !is_frame(row[r][x - 1]))
				ck_abort_msg("%s, row %d, column %d: text runs into a frame line:\n%s", name, r, x, row[r]);
		/* a pane title naming a day names the header's day */
		if (row[r][0] == '+' || row[r][0] == '-')
			for (t = row[r]; (t = strstr(t, ", day ")) != NULL; t += 6) {
				int d;

				if (sscanf(t + 6, "%d", &d) == 1)
					ck_assert_msg(d == header_day, "%s, row %d: a title says day %d, the header day %d:\n%s",
						      name, r, d, header_day, row[r]);
			}
	}
	{
		const char *words[SMUG_FACTIONS_MAX + 3 * SMUG_COMMODITY_COUNT + SMUG_EVENT_KIND_COUNT + 1];
		int n = 0;

		for (int f = 0; f < w->n_factions && f < SMUG_FACTIONS_MAX; f++)
			words[n++] = w->factions[f].id;
		for (int k = 0; k < SMUG_COMMODITY_COUNT; k++) {
			words[n++] = smug_commodity_name((enum smug_commodity)k);
			words[n++] = tui_commodity_name(k);
			words[n++] = tui_commodity_short(k);
		}
		for (int k = 0; k < SMUG_EVENT_KIND_COUNT; k++)
			words[n++] = smug_event_kind_name((enum smug_event_kind)k);
		words[n++] = "auto-crackdown";
		assert_words_whole(row, rows, cols, words, n, name);
	}
	/* the routes pane lists each row once */
	for (int r = 0; r < rows; r++) {
		char *title = strstr(row[r], "Routes of");
		int x0, x1, bottom;

		if (title == NULL)
			continue;
		for (x0 = (int)(title - row[r]); x0 > 0 && row[r][x0] != '+'; x0--)
			;
		for (x1 = (int)(title - row[r]); x1 < cols - 1 && row[r][x1] != '+'; x1++)
			;
		for (bottom = r + 1; bottom < rows && row[bottom][x0] != '+'; bottom++)
			;
		for (int a = r + 1; a < bottom; a++)
			for (int b = a + 1; b < bottom; b++)
				if (strncmp(row[a] + x0, row[b] + x0, (size_t)(x1 - x0)) == 0 &&
				    strspn(row[a] + x0 + 1, " ") < (size_t)(x1 - x0 - 1))
					ck_abort_msg("%s: rows %d and %d of the routes pane are the same:\n%s", name, a, b, row[a]);
	}
	for (int r = 0; r < rows; r++)
		free(row[r]);
	free(row);
}

static void check_golden(const struct smug_world *w, const char *name, const char *screen, int rows, int cols)
{
	char path[1024];
	char *want;

	if (getenv("SMUGNET_SHOW"))
		printf("==== %s\n%s", name, screen);
	assert_no_cut_text(name, screen, cols);
	assert_screen_honest(w, name, screen, rows, cols);
	snprintf(path, sizeof path, "%s/tests/golden/screens/%s", SRCDIR, name);
	if (getenv("SMUGNET_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");

		ck_assert_msg(f != NULL, "cannot write %s", path);
		fputs(screen, f);
		fclose(f);
		return;
	}
	want = test_slurp(path, NULL);
	ck_assert_msg(want != NULL, "missing golden %s (run make update-golden)", path);
	if (strcmp(want, screen) != 0) {
		fprintf(stderr, "%s", screen);
		ck_abort_msg("screen differs from %s (printed above)", path);
	}
	assert_no_cut_text(name, want, cols);
	free(want);
}

static const int sizes[][2] = {{24, 80}, {40, 120}, {48, 160}};

/* The world of the goldens: 60 days, a crackdown set on day 40 on the
 * hottest border, so charts have a shaded period and tables a mark. */
static struct smug_world *golden_world(void)
{
	struct smug_world *w = world_at(40);
	int best = -1;

	for (int c = 0; c < w->n_corridors; c++)
		if (w->corridors[c].border && (best < 0 || w->border_stats[c].traffic > w->border_stats[best].traffic))
			best = c;
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[best].id, 1.0, -1, NULL), SMUG_OK);
	smug_cmd_step(w, 20);
	return w;
}

static void golden_view(const char *view, const char *keys)
{
	for (int s = 0; s < 3; s++) {
		struct smug_world *w = golden_world();
		struct tui_app a;
		char name[64], *screen;

		tui_app_init(&a, w, &opts);
		tui_select_border(&a, w->crackdowns[0].corridor); /* the border under crackdown */
		feed(&a, keys);
		screen = render(&a, sizes[s][0], sizes[s][1]);
		snprintf(name, sizeof name, "%s-%dx%d.txt", view, sizes[s][1], sizes[s][0]);
		check_golden(w, name, screen, sizes[s][0], sizes[s][1]);
		free(screen);
		tui_app_done(&a);
		smug_world_free(w);
	}
}

START_TEST(test_tui_golden_main)
{
	golden_view("main", "");
}
END_TEST

START_TEST(test_tui_golden_commodities)
{
	golden_view("commodities", "v");
}
END_TEST

START_TEST(test_tui_golden_map)
{
	golden_view("map", "M");
}
END_TEST

START_TEST(test_tui_golden_chart)
{
	golden_view("chart", "3g"); /* the border under crackdown */
}
END_TEST

START_TEST(test_tui_golden_why)
{
	golden_view("why", "2\r");
}
END_TEST

START_TEST(test_tui_header_keeps_the_musts_at_80)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 3);
	char *s;

	a.unsaved = true;
	smug_cmd_auto_crackdown(w, true);
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "day 3"));
	ck_assert_ptr_nonnull(strstr(s, "PAUSED"));
	ck_assert_ptr_nonnull(strstr(s, "(new)*"));
	ck_assert_ptr_nonnull(strstr(s, "auto-crackdown ON"));
	free(s);
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_first_screen_says_what_to_press)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *s;

	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "day 0"));
	ck_assert_ptr_null(strstr(s, "day -1"));
	ck_assert_ptr_nonnull(strstr(s, "Press Space to run"));
	/* the routes pane says it from its first column, under its frame */
	ck_assert_ptr_nonnull(strstr(s, "\u2502Nothing simulated yet."));
	ck_assert_ptr_nonnull(strstr(s, "\u2502Press . to step a day"));
	ck_assert_ptr_nonnull(strstr(s, "\u2502Space to run;"));
	free(s);
	close_app(&a, w);
}
END_TEST

/* At 80x24 the first screen cut what it says to press: the footer read
 * "... Press Space to run, . to step a day, n to step…" (no "? for
 * help"), the Routes pane "Press . to step a day, n to step …" and the
 * Borders pane "no border traffic yet: step a few days (.…". Each is
 * whole now, wrapped in its pane; at 120x40 too. */
/* After one step, g charted "the last 2 days" from "day 0" (a day not
 * simulated: days count from 1) and said "in 2 days 0 delivered". The
 * chart is of day 1 alone: "the last 1 day", "in 1 day", no day 0 on an
 * axis, at 80x24 and 160x48. */
START_TEST(test_tui_chart_after_one_step_has_no_day_0)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	feed(&a, ".");
	ck_assert_int_eq(w->day, 1);
	feed(&a, "1g");
	ck_assert_int_eq(a.view, VIEW_CHART);
	for (int z = 0; z < 2; z++) {
		char *s = render(&a, z ? 48 : 24, z ? 160 : 80);

		ck_assert_msg(strstr(s, "the last 1 day") != NULL && strstr(s, "the last 1 days") == NULL &&
				      strstr(s, "  day 0") == NULL /* an axis's first day */ && strstr(s, "; in 1 day ") != NULL,
			      "a faction's chart on day 1:\n%s", s);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_first_screen_hints_whole_at_80)
{
	static const int hint_sizes[][2] = {{24, 80}, {40, 120}};

	for (int z = 0; z < 2; z++) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, 0);
		char *s = render(&a, hint_sizes[z][0], hint_sizes[z][1]);

		ck_assert_msg(strstr(s, "\u2026") == NULL, "%dx%d: the first screen cuts a text", hint_sizes[z][1],
				 hint_sizes[z][0]);
		ck_assert_msg(strstr(s, "Press Space to run, . to step a day, n to step N days, ? for help.") != NULL,
				 "%dx%d: the footer does not say every key whole", hint_sizes[z][1], hint_sizes[z][0]);
		ck_assert_msg(strstr(s, "N days,") != NULL && strstr(s, "every key.") != NULL,
				 "%dx%d: the Routes pane cuts what to press", hint_sizes[z][1], hint_sizes[z][0]);
		ck_assert_msg(strstr(s, "or n)") != NULL, "%dx%d: the Borders pane cuts what to press",
				 hint_sizes[z][1], hint_sizes[z][0]);
		free(s);
		close_app(&a, w);
	}
}
END_TEST

START_TEST(test_tui_one_day_numbering)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *s;

	tui_handle_key(&a, '.');
	ck_assert_int_eq(w->day, 1);
	ck_assert_int_eq(w->decisions_day, 1);
	ck_assert_int_eq(smug_event_at(&w->tel, w->tel.event_count - 1)->day, 1);
	s = render(&a, 48, 160);
	ck_assert_ptr_nonnull(strstr(s, " day 1 "));
	ck_assert_ptr_nonnull(strstr(s, "Routes of dustrunners, day 1 "));
	ck_assert_ptr_null(strstr(s, "day 0"));
	free(s);
	close_app(&a, w);
}
END_TEST

/* The Routes pane's title names the day of its decisions when the pane
 * is wide enough, and drops it whole when not: from day 100 at 80x24 it
 * read "2 Routes of dustrunners, day …" (render fails on a label left
 * without its figure); there it now reads "2 Routes of dustrunners", and
 * at 160 columns ", day 120" follows. */
START_TEST(test_tui_routes_title_drops_the_day_whole)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 120);
	char *s;

	ck_assert_str_eq(w->factions[a.faction].id, "dustrunners");
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(s, " 2 Routes of dustrunners \xe2\x94\x80") != NULL, "80x24: no whole title '2 Routes of dustrunners'");
	free(s);
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(s, " 2 Routes of dustrunners, day 120 ") != NULL, "160x48: no title '2 Routes of dustrunners, day 120'");
	free(s);
	close_app(&a, w);
}
END_TEST

/* The screen's last row (the footer) of a rendered screen s; trims the
 * blank rows at s's end. */
static const char *footer_row(char *s)
{
	char *end = s + strlen(s);

	while (end > s && end[-1] == '\n')
		*--end = '\0';
	return strrchr(s, '\n') ? strrchr(s, '\n') + 1 : s;
}

/* n asks how many days to step in place of the footer's keys, the answer
 * 30 pre-filled and selected (typing replaces it); Ctrl-U clears, Up
 * walks the earlier answers, Esc cancels and the prompt goes. */
START_TEST(test_tui_step_prompt_replaces_and_clears)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *s;

	tui_handle_key(&a, 'n');
	ck_assert_int_eq(a.prompt, PROMPT_STEPS);
	ck_assert_str_eq(a.input.text, "30");
	ck_assert(a.input.selected);
	s = render(&a, 24, 80);
	ck_assert_msg(strncmp(footer_row(s), "Step how many days? (Enter steps, Esc cancels) 30", 49) == 0,
		      "the footer reads '%s'", footer_row(s));
	free(s);
	feed(&a, "5\r"); /* typing replaces the pre-filled 30 */
	ck_assert_int_eq(w->day, 5);
	tui_handle_key(&a, 'n');
	feed(&a, "12");
	tui_handle_key(&a, 21); /* Ctrl-U */
	ck_assert_str_eq(a.input.text, "");
	feed(&a, "2\r");
	ck_assert_int_eq(w->day, 7);
	tui_handle_key(&a, 'n');
	tui_handle_key(&a, KEY_UP); /* history: the last answer */
	ck_assert_str_eq(a.input.text, "2");
	tui_handle_key(&a, KEY_UP);
	ck_assert_str_eq(a.input.text, "5");
	tui_handle_key(&a, 27); /* Esc cancels */
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_int_eq(w->day, 7);
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(footer_row(s), "Step how many") == NULL, "after Esc the footer reads '%s'", footer_row(s));
	free(s);
	/* an answer longer than the prompt holds is refused, the limit
	 * said, never cut to its first 63 characters and taken */
	tui_handle_key(&a, 'n');
	tui_handle_key(&a, 21); /* Ctrl-U */
	for (int i = 0; i < 70; i++)
		tui_handle_key(&a, '1');
	ck_assert_msg(strlen(a.input.text) == TUI_INPUT_CHARS, "70 keys typed: the prompt holds %zu characters",
		      strlen(a.input.text));
	ck_assert_msg(strstr(a.input.note, "at most 63 characters"), "70 keys typed: the note reads '%s'", a.input.note);
	tui_handle_key(&a, '\r');
	ck_assert_msg(a.prompt == PROMPT_STEPS && w->day == 7, "Enter on 70 keys closed the prompt or stepped");
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(footer_row(s), "at most 63 characters"), "the footer reads '%s'", footer_row(s));
	free(s);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(w->day, 7);
	feed(&a, "5/x");
	tui_handle_key(&a, KEY_BACKSPACE);
	feed(&a, "seized\r");
	ck_assert_str_eq(a.filter, "seized");
	tui_handle_key(&a, '/'); /* the old filter comes back selected: typing replaces it */
	ck_assert(a.input.selected);
	feed(&a, "lost\r");
	ck_assert_str_eq(a.filter, "lost");
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "match 'lost'"));
	free(s);
	close_app(&a, w);
}
END_TEST

/* c on the Borders table starts a crackdown on the selected border from
 * tomorrow, and c again lifts it; the header counts the crackdowns and
 * yours among them. The map's selection is the table's. */
START_TEST(test_tui_crackdown_from_the_table_and_the_map)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int n, *rows, c;
	char *s;

	tui_handle_key(&a, '3');
	ck_assert_int_eq(a.focus, PANE_BORDERS);
	ck_assert_msg(screen_has(&a, "| crackdowns 0 (0 yours)"), "the header does not count 0 crackdowns");
	rows = pane_borders_rows(&a, &n);
	ck_assert_int_gt(n, 2);
	c = rows[0];
	free(rows);
	ck_assert_int_eq(a.border, c);
	tui_handle_key(&a, 'c');
	ck_assert_ptr_nonnull(smug_world_crackdown_on(w, c));
	ck_assert_int_eq(smug_world_crackdown_on(w, c)->start_day, 31);
	ck_assert(a.unsaved);
	ck_assert_msg(screen_has(&a, "| crackdowns 1 (1 yours)"), "the header does not count the new crackdown");
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "crackdown on"));
	free(s);
	tui_handle_key(&a, 'c');
	ck_assert_ptr_null(smug_world_crackdown_on(w, c));
	ck_assert_msg(screen_has(&a, "| crackdowns 0 (0 yours)"), "the header still counts a lifted crackdown");
	/* the map: the same selection; moving on the map moves the table's */
	tui_handle_key(&a, '4');
	ck_assert_int_eq(a.focus, PANE_MAP);
	draw(&a, 48, 160);
	ck_assert_int_gt(a.n_marks, 10);
	tui_handle_key(&a, KEY_RIGHT);
	ck_assert_int_ne(a.border, c);
	c = a.border;
	tui_handle_key(&a, 'c');
	ck_assert_ptr_nonnull(smug_world_crackdown_on(w, c));
	tui_handle_key(&a, '3');
	ck_assert_int_eq(a.border, c);
	close_app(&a, w);
}
END_TEST

/* c on a border while the world already holds as many crackdowns as it
 * can (64) starts none, and the status line says why. */
START_TEST(test_tui_crackdown_refused_says_why)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	struct smug_error err;
	int n, *rows, c, held = 0;
	char want[64];

	tui_handle_key(&a, '3');
	draw(&a, 48, 160); /* the table selects its first row */
	rows = pane_borders_rows(&a, &n);
	ck_assert_int_gt(n, 0);
	c = rows[0];
	free(rows);
	ck_assert_int_eq(a.border, c);
	for (int k = 0; k < w->n_corridors && held < SMUG_CRACKDOWN_CAP; k++)
		if (k != c) {
			ck_assert_msg(smug_cmd_crackdown_set(w, w->corridors[k].id, 1.0, -1, &err) == SMUG_OK, "%s",
				      err.msg);
			held++;
		}
	ck_assert_int_eq(held, SMUG_CRACKDOWN_CAP);
	tui_set_status(&a, "%s", "");
	tui_handle_key(&a, 'c');
	ck_assert_ptr_null(smug_world_crackdown_on(w, c));
	snprintf(want, sizeof want, "crackdown: at most %d targets", SMUG_CRACKDOWN_CAP);
	ck_assert_msg(screen_has(&a, want), "c with %d crackdowns held: the status reads '%s'", held, a.status);
	close_app(&a, w);
}
END_TEST

/* The rows of the map pane (between its title and its legend) of an
 * ASCII screen, one string each; returns how many. */
static int map_rows(char *screen, char **row, int max)
{
	char *p = strstr(screen, "[Map of"), *legend = strstr(screen, "|.-=# "); /* the heat scale */
	int n = 0;

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(legend);
	p = strchr(p, '\n') + 1;
	while (p < legend && n < max) {
		char *end = strchr(p, '\n');

		if (end > legend) /* the legend's own row */
			break;
		*end = '\0';
		row[n++] = p;
		p = end + 1;
	}
	return n;
}

/* Where label stands on its own (no digit either side) in the rows: the
 * row, or -1; *times counts the places. */
static int label_row(char **row, int n, const char *label, int *times)
{
	int at = -1;
	size_t len = strlen(label);

	*times = 0;
	for (int r = 0; r < n; r++)
		for (const char *p = strstr(row[r], label); p; p = strstr(p + 1, label))
			if ((p == row[r] || p[-1] < '0' || p[-1] > '9') && (p[len] < '0' || p[len] > '9')) {
				at = r;
				(*times)++;
			}
	return at;
}

/* The unzoomed map fits the whole world in its pane: every ward of the
 * default world is drawn with its label, the northernmost in the top
 * rows and the southernmost in the bottom rows. */
START_TEST(test_tui_map_shows_every_ward)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int north = 0, south = 0;

	for (int i = 1; i < w->n_wards; i++) {
		if (w->wards[i].pos[1] > w->wards[north].pos[1])
			north = i;
		if (w->wards[i].pos[1] < w->wards[south].pos[1])
			south = i;
	}
	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	for (int sz = 1; sz < 3; sz++) {
		char *s = render(&a, sizes[sz][0], sizes[sz][1]), *row[64];
		int n, times, top, bottom;

		if (getenv("SMUGNET_SHOW"))
			fputs(s, stdout);
		n = map_rows(s, row, 64);

		ck_assert_int_gt(n, 10);
		for (int i = 0; i < w->n_wards; i++) {
			const char *label = tui_short_ward(&a, i);

			label_row(row, n, label, &times);
			ck_assert_msg(times == 1, "%dx%d: ward %s (at %.1f,%.1f) drawn %d times", sizes[sz][1], sizes[sz][0],
				      label, w->wards[i].pos[0], w->wards[i].pos[1], times);
		}
		top = label_row(row, n, tui_short_ward(&a, north), &times);
		bottom = label_row(row, n, tui_short_ward(&a, south), &times);
		ck_assert_msg(top <= 2, "%dx%d: the northernmost ward on row %d of %d", sizes[sz][1], sizes[sz][0], top, n);
		ck_assert_msg(bottom >= n - 3, "%dx%d: the southernmost ward on row %d of %d", sizes[sz][1], sizes[sz][0],
			      bottom, n);
		free(s);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Ward ids that all end alike ("ward:23-district") are labelled on the
 * map without that end ("23"), so every ward keeps its label as in the
 * default world: the long labels ran over the map's lines, and 16
 * wards at 80x24, 4 at 120x40 (07, 12, 13, 18), had no room for theirs. */
START_TEST(test_tui_map_labels_wards_without_the_end_they_share)
{
	struct smug_world *w = long_ids_at("ward:", "-district", 30);
	struct tui_app a;

	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	for (int sz = 0; sz < 3; sz++) {
		char *s = render(&a, sizes[sz][0], sizes[sz][1]), *row[64];
		int n = map_rows(s, row, 64), times;

		ck_assert_int_gt(n, 10);
		for (int i = 0; i < w->n_wards; i++) {
			const char *id = tui_short_ward(&a, i);
			char label[SMUG_ID_MAX];

			snprintf(label, sizeof label, "%.2s", id);
			ck_assert_str_eq(id + 2, "-district");
			label_row(row, n, label, &times);
			ck_assert_msg(times == 1, "%dx%d: ward %s labelled '%s' %d times:\n%s", sizes[sz][1], sizes[sz][0], id,
				      label, times, s);
		}
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* A ward label of one character once the end every ward id shares is
 * left out: wards "ward:1-east" and "ward:2-east" are labelled "1" and
 * "2" on the map, "-east" nowhere. */
START_TEST(test_tui_map_labels_of_one_character)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"pair\", \"name\": \"a pair\", \"seed\": 3,"
		" \"ledger\": {\"treasury\": 100000},"
		" \"wards\": [{\"id\": \"ward:1-east\", \"name\": \"Source\", \"ring\": 2, \"pos\": [-5, 0]},"
		"  {\"id\": \"ward:2-east\", \"name\": \"Market\", \"ring\": 2, \"pos\": [5, 0]}],"
		" \"nodes\": [{\"id\": \"n:01\", \"ward\": \"ward:1-east\"}, {\"id\": \"n:02\", \"ward\": \"ward:2-east\"}],"
		" \"corridors\": [{\"a\": \"n:01\", \"b\": \"n:02\"}],"
		" \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:1-east\","
		"   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}";
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	char *s, *row[64];
	int n, times;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "pair.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	s = render(&a, 24, 80);
	n = map_rows(s, row, 64);
	for (int k = 0; k < 2; k++) {
		label_row(row, n, k ? "2" : "1", &times);
		ck_assert_msg(times == 1, "ward:%d-east labelled '%d' %d times on the map:\n%s", k + 1, k + 1, times, s);
	}
	for (int r = 0; r < n; r++)
		ck_assert_msg(strstr(row[r], "east") == NULL, "a ward labelled with the end both share:\n%s", s);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Ids are shown without the prefix all of their kind share, cut back to
 * its last separator: wards "ward:01" and "ward:02" are labelled "01"
 * and "02" on the map (not "1" and "2"), and their border, between nodes
 * "n:01" and "n:02", reads "01|02" in the legend. */
START_TEST(test_tui_map_short_ids_keep_the_digits_they_share)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"pair\", \"name\": \"a pair\", \"seed\": 3,"
		" \"ledger\": {\"treasury\": 100000},"
		" \"wards\": [{\"id\": \"ward:01\", \"name\": \"Source\", \"ring\": 2, \"pos\": [-5, 0]},"
		"  {\"id\": \"ward:02\", \"name\": \"Market\", \"ring\": 2, \"pos\": [5, 0]}],"
		" \"nodes\": [{\"id\": \"n:01\", \"ward\": \"ward:01\"}, {\"id\": \"n:02\", \"ward\": \"ward:02\"}],"
		" \"corridors\": [{\"a\": \"n:01\", \"b\": \"n:02\"}],"
		" \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:01\","
		"   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}";
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	char *s, *row[64], line[512];
	int n, times;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "pair.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &ascii_opts);
	tui_select_border(&a, 0);
	tui_handle_key(&a, 'M');
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(line_with(s, "traffic 7d", line, sizeof line));
	ck_assert_msg(strstr(line, "[01|02]") != NULL, "the legend names the border otherwise: %s", line);
	n = map_rows(s, row, 64);
	for (int k = 0; k < 2; k++) {
		label_row(row, n, k ? "02" : "01", &times);
		ck_assert_msg(times == 1, "ward:0%d labelled '0%d' %d times on the map", k + 1, k + 1, times);
	}
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Short names drop the ids' common prefix up to its last separator
 * ("n:01.0" shows as "01.0"), and nothing when the shared part has no
 * separator: the tiny world renamed to nodes "xa".."xd" and wards
 * "wa".."wd" shows them whole. */
START_TEST(test_tui_short_names_cut_only_at_a_separator)
{
	struct smug_world *w = world_at(0), *t = NULL;
	struct tui_app a;
	struct smug_error err;
	char buf[64], *json = test_slurp(SRCDIR "/data/tiny.json", NULL), *p;

	tui_app_init(&a, w, &opts);
	tui_short_corridor(&a, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "01.0|01.1");
	ck_assert_str_eq(tui_short_ward(&a, 0), w->wards[0].id + strlen("ward:"));
	close_app(&a, w);
	ck_assert_ptr_nonnull(json);
	while ((p = strstr(json, "\"n:")) != NULL)
		memmove(p + 2, p + 3, strlen(p + 3) + 1), p[1] = 'x';
	while ((p = strstr(json, "\"ward:")) != NULL)
		memmove(p + 2, p + 6, strlen(p + 6) + 1), p[1] = 'w';
	ck_assert_msg(smug_world_load_json(json, strlen(json), "renamed tiny", &t, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	tui_app_init(&a, t, &opts);
	tui_short_corridor(&a, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "xa|xb");
	ck_assert_str_eq(tui_short_ward(&a, 0), "wa");
	close_app(&a, t);
	/* a shared part made of the first and last of each kind of letter
	 * and digit is no separator: "n:09azAZa" shows as "09azAZa" */
	json = test_slurp(SRCDIR "/data/tiny.json", NULL);
	ck_assert_ptr_nonnull(json);
	json = realloc(json, strlen(json) * 2 + 1);
	for (char *q = json; (p = strstr(q, "\"n:")) != NULL; q = p + 9) {
		memmove(p + 9, p + 3, strlen(p + 3) + 1);
		memcpy(p + 3, "09azAZ", 6);
	}
	t = NULL;
	ck_assert_msg(smug_world_load_json(json, strlen(json), "renamed tiny", &t, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	tui_app_init(&a, t, &opts);
	tui_short_corridor(&a, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "09azAZa|09azAZb");
	close_app(&a, t);
}
END_TEST

/* ---- every frame is closed ---- */

/* Whether cell (y, x) of the screen is frame glyph c drawn in a frame's
 * role (canvas_box: the focused pane's, or the others' dim one), so not
 * text or a map line of the same shape drawn over it. */
static bool frame_cell(const struct tui_grid *g, char (*row)[256], int y, int x, char c)
{
	int r = grid_role(g, y, x);

	return row[y][x] == c && (r == ROLE_FOCUS || r == ROLE_DIM);
}

/* The frame around rect r of the screen (row: screen_rows, g: its
 * roles) is closed: a corner at each of the rect's four corners, a
 * vertical line down both its sides, a horizontal line along its bottom
 * and along its top after the title, nothing drawn over any of them. */
static void assert_frame_closed(const struct tui_grid *g, char (*row)[256], int rows, int cols, struct tui_rect r,
				const char *what)
{
	int top = r.y, bottom = r.y + r.h - 1, left = r.x, right = r.x + r.w - 1, x;

	ck_assert_msg(r.h >= 3 && r.w >= 6 && top >= 0 && left >= 0 && bottom < rows && right < cols,
		      "%s: the rect y %d x %d h %d w %d is not a pane on the screen", what, r.y, r.x, r.h, r.w);
	ck_assert_msg(frame_cell(g, row, top, left, '+') && frame_cell(g, row, top, right, '+') &&
			      frame_cell(g, row, bottom, left, '+') && frame_cell(g, row, bottom, right, '+'),
		      "%s: a corner is missing at rows %d-%d, columns %d-%d:\n%s\n%s", what, top, bottom, left, right,
		      row[top], row[bottom]);
	for (int y = top + 1; y < bottom; y++)
		ck_assert_msg(frame_cell(g, row, y, left, '|') && frame_cell(g, row, y, right, '|'),
			      "%s: row %d breaks the frame's side at column %d or %d:\n%s", what, y, left, right, row[y]);
	for (x = left + 1; x < right; x++)
		ck_assert_msg(frame_cell(g, row, bottom, x, '-'), "%s: the bottom line (row %d) is broken at column %d:\n%s",
			      what, bottom, x, row[bottom]);
	/* the top line: the title from the corner on, then the line */
	for (x = right - 1; x > left && frame_cell(g, row, top, x, '-'); x--)
		;
	ck_assert_msg(x > left + 1 && x < right - 1 && (row[top][left + 1] == ' ' || row[top][left + 1] == '['),
		      "%s: the top line (row %d) is not a title then a line:\n%s", what, top, row[top]);
	for (; x > left; x--)
		ck_assert_msg(grid_role(g, top, x) == ROLE_TITLE || grid_role(g, top, x) == ROLE_FOCUS,
			      "%s: something is drawn over the title (row %d, column %d):\n%s", what, top, x, row[top]);
}

/* Sizes from the smallest the cockpit draws to wide, odd ones among
 * them, on both sides of the width where the map gets a pane of its own. */
static const int frame_sizes[][2] = {{24, 80}, {25, 81}, {31, 97}, {40, 120}, {33, 149},
				     {37, 150}, {48, 160}, {45, 177}, {61, 211}};
#define N_FRAME_SIZES ((int)(sizeof frame_sizes / sizeof frame_sizes[0]))

/* The screen drawn with its roles, its text left to the other tests
 * (they check numbers and labels). */
static struct tui_grid *frame_grid(struct tui_app *a, int rows, int cols)
{
	struct tui_grid *g = grid_new(rows, cols);

	render_into(a, g, rows, cols, false);
	return g;
}

/* The main view at rows x cols: every pane it lays out has its frame
 * closed where the layout put it, and the panes share out the body, no
 * cell twice, none left over. Returns the panes shown; *body: the
 * rect they fill (where a full-screen view goes). */
static int assert_panes_framed(struct tui_app *a, int rows, int cols, struct tui_rect *body)
{
	static const char *const names[PANE_COUNT] = {"Factions", "Routes", "Borders", "Map", "Events"};
	struct tui_grid *g = frame_grid(a, rows, cols);
	char *text = grid_dump(g), (*row)[256] = malloc((size_t)rows * sizeof *row), what[96];
	unsigned char *owner = calloc((size_t)rows * (size_t)cols, 1);
	int shown = 0, y1 = 0, x1 = 0;

	ck_assert_ptr_nonnull(owner);
	ck_assert_ptr_nonnull(row);
	ck_assert_int_eq(screen_rows(text, row, rows, cols), rows);
	*body = (struct tui_rect){rows, cols, 0, 0};
	for (int p = 0; p < PANE_COUNT; p++) {
		struct tui_rect r = a->pane_rect[p];

		if (r.h <= 0 || r.w <= 0)
			continue;
		shown++;
		snprintf(what, sizeof what, "%dx%d, %s pane (focus %s)", cols, rows, names[p], names[a->focus]);
		assert_frame_closed(g, row, rows, cols, r, what);
		for (int y = r.y; y < r.y + r.h; y++)
			for (int x = r.x; x < r.x + r.w; x++) {
				ck_assert_msg(owner[y * cols + x] == 0, "%s: cell (%d, %d) is also the %s pane's", what, y, x,
					      names[owner[y * cols + x] - 1]);
				owner[y * cols + x] = (unsigned char)(p + 1);
			}
		body->y = r.y < body->y ? r.y : body->y;
		body->x = r.x < body->x ? r.x : body->x;
		y1 = r.y + r.h > y1 ? r.y + r.h : y1;
		x1 = r.x + r.w > x1 ? r.x + r.w : x1;
	}
	body->h = y1 - body->y;
	body->w = x1 - body->x;
	/* between the header's two rows and the footer's, edge to edge */
	ck_assert_msg(body->y == 2 && y1 == rows - 1 && body->x == 0 && x1 == cols,
		      "%dx%d: the panes fill rows %d-%d, columns %d-%d, not the screen below the header and above the footer",
		      cols, rows, body->y, y1 - 1, body->x, x1 - 1);
	for (int y = body->y; y < y1; y++)
		for (int x = body->x; x < x1; x++)
			ck_assert_msg(owner[y * cols + x] != 0, "%dx%d: cell (%d, %d) of the main view is no pane's", cols,
				      rows, y, x);
	free(owner);
	free(row);
	free(text);
	grid_free(g);
	return shown;
}

/* The full-screen view open now has its frame closed around body. */
static void assert_view_framed(struct tui_app *a, int rows, int cols, struct tui_rect body)
{
	struct tui_grid *g = frame_grid(a, rows, cols);
	char *text = grid_dump(g), (*row)[256] = malloc((size_t)rows * sizeof *row), what[96];

	ck_assert_ptr_nonnull(row);
	ck_assert_int_eq(screen_rows(text, row, rows, cols), rows);
	snprintf(what, sizeof what, "%dx%d, the %s view", cols, rows, view_def(a->view)->name);
	assert_frame_closed(g, row, rows, cols, body, what);
	free(row);
	free(text);
	grid_free(g);
}

/* The full-screen view open now (`keys` opened it) has its frame closed
 * around body at every size, as it opened and moved 30 rows down; then
 * Esc closes it. */
static void assert_view_frames(struct tui_app *a, const struct tui_rect *body, const char *keys)
{
	ck_assert_msg(a->view != VIEW_MAIN, "'%s' opens no view", keys);
	for (int down = 0; down < 2; down++) {
		for (int k = 0; down && k < 30; k++)
			tui_handle_key(a, 'j');
		for (int s = 0; s < N_FRAME_SIZES; s++)
			assert_view_framed(a, frame_sizes[s][0], frame_sizes[s][1], body[s]);
	}
	feed(a, "\033");
	ck_assert_msg(a->view == VIEW_MAIN, "Esc does not close the view '%s' opened", keys);
}

/* Every pane's frame is closed on w's cockpit (with options o), and
 * every full-screen view's: at each of frame_sizes, each pane focused in
 * turn and its list moved 30 rows down, each view opened and moved
 * down. */
static void assert_every_frame_closed(struct smug_world *w, const struct tui_options *o)
{
	/* a full-screen view: the keys that open it from the main view */
	static const char *const views[] = {"?", "M", "v", "g", "3g", "T", "C", "o", "2\r", "5\r"};
	struct tui_app a;
	struct tui_rect body[N_FRAME_SIZES];
	int n_knobs, longest = 0;
	const struct smug_knob *knob = smug_knob_table(&n_knobs);

	tui_app_init(&a, w, o);
	feed(&a, "..."); /* today's seizures and shipments on the map */
	for (const char *f = "12345"; *f; f++) {
		char keys[] = {*f, '\0'};

		feed(&a, keys);
		for (int k = 0; k < 30; k++) /* down the list: the tables scroll */
			tui_handle_key(&a, 'j');
		for (int s = 0; s < N_FRAME_SIZES; s++) {
			int rows = frame_sizes[s][0], cols = frame_sizes[s][1];

			/* from 150 columns the map has a pane of its own;
			 * narrower it takes the table's place while focused
			 * (and after, until the table is) */
			ck_assert_int_eq(assert_panes_framed(&a, rows, cols, &body[s]), cols >= 150 ? 5 : 4);
		}
	}
	for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
		feed(&a, "1");
		feed(&a, views[v]);
		assert_view_frames(&a, body, views[v]);
	}
	/* the config view with the knob of the longest meaning selected:
	 * the meaning in full takes both its rows */
	for (int k = 0; k < n_knobs; k++)
		if (strlen(knob[k].key) + strlen(knob[k].meaning) > strlen(knob[longest].key) + strlen(knob[longest].meaning))
			longest = k;
	feed(&a, "1C");
	tui_handle_key(&a, KEY_HOME);
	for (int k = 0; k < longest; k++)
		tui_handle_key(&a, 'j');
	ck_assert_int_eq(a.config_sel, longest);
	assert_view_frames(&a, body, "C");
	/* the what-if against the base: a branch that turns the crackdown
	 * on the Borders table's first border on or off for 20 days */
	feed(&a, "1b3");
	tui_handle_key(&a, KEY_HOME);
	feed(&a, "c....................B");
	assert_view_frames(&a, body, "B");
	feed(&a, "b"); /* back on the base: w (the app frees the what-if) */
	ck_assert_ptr_eq(a.w, w);
	tui_app_done(&a);
}

/* Into the vault at root: the seed "good" of w and n seed folders z00..
 * whose manifest is not JSON. */
static void vault_with_unreadable_seeds(const char *root, const struct smug_world *w, int n)
{
	struct smug_error err;
	char path[160];
	FILE *f;

	ck_assert_int_eq(smug_vault_save(w, root, "good", &err), SMUG_OK);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/seeds/z%02d", root, i);
		ck_assert_int_eq(mkdir(path, 0700), 0);
		snprintf(path, sizeof path, "%s/seeds/z%02d/manifest.json", root, i);
		ck_assert_ptr_nonnull(f = fopen(path, "w"));
		fputs("not json", f);
		fclose(f);
	}
}

/* Every pane's frame is closed wherever it shows, and every full-screen
 * view's: at sizes from 80x24 to 211x61 (odd ones too), each pane
 * focused in turn and scrolled down, with 60 days of content (a
 * crackdown, long tables, events to scroll) and on a world of 16
 * factions (more than the Factions pane has rows for), no pane draws
 * over its own corners and lines or outside them (an inner canvas one
 * row or column too big drew its last row or column over the frame; an
 * inner map 4 rows too tall drew its legend over the bottom line: only
 * the golden screens saw it, and only at their three sizes). */
START_TEST(test_tui_every_frame_is_closed)
{
	struct smug_world *w = golden_world();
	char *json = smug_scenario_generate(400, 3, 16);
	struct smug_error err;
	struct temp_vault v;
	int fac[SMUG_FACTIONS_MAX];

	/* a vault of more seeds than the load view has rows for */
	temp_vault_init(&v, &opts);
	vault_with_unreadable_seeds(v.root, w, 60);
	assert_every_frame_closed(w, &v.o);
	smug_world_free(w);
	ck_assert_ptr_nonnull(json);
	w = NULL;
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	ck_assert_int_eq(tui_network_factions(w, fac, SMUG_FACTIONS_MAX), 16);
	smug_cmd_step(w, 30);
	assert_every_frame_closed(w, &v.o);
	smug_world_free(w);
	temp_vault_done(&v);
}
END_TEST

/* The map's legend names every mark at each size: the heat scale, the
 * crackdown, today's seizures and shipments, and the selected border. */
START_TEST(test_tui_map_legend_names_every_mark)
{
	static const char *const words[] = {"traffic 7d", "C crackdown", "! seized today", "* shipment"};
	struct smug_world *w = world_at(30);
	struct tui_app a;

	tui_app_init(&a, w, &ascii_opts);
	tui_select_border(&a, test_busiest_border(w));
	tui_handle_key(&a, 'M');
	for (int sz = 0; sz < 3; sz++) {
		char *s = render(&a, sizes[sz][0], sizes[sz][1]), line[512], id[64];

		ck_assert_ptr_nonnull(line_with(s, "traffic 7d", line, sizeof line));
		for (int i = 0; i < 4; i++)
			ck_assert_msg(strstr(line, words[i]) != NULL, "%dx%d: the legend lacks '%s': %s", sizes[sz][1],
				      sizes[sz][0], words[i], line);
		tui_short_corridor(&a, a.border, id, sizeof id);
		ck_assert_msg(strstr(line, id) != NULL, "%dx%d: the legend lacks the selection %s: %s", sizes[sz][1],
			      sizes[sz][0], id, line);
		free(s);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* How many times glyph is on the screen. */
static int count_glyph(const char *screen, const char *glyph)
{
	int n = 0;

	for (const char *p = strstr(screen, glyph); p; p = strstr(p + 1, glyph))
		n++;
	return n;
}

/* Each border's mark sits on its line between its two wards: halfway for
 * a border alone between them, at a third and two thirds for two
 * parallel borders (marked borders joining the same wards), and so on. */
START_TEST(test_tui_map_marks_share_the_line_by_parallels)
{
	struct smug_world *w = world_at(60);
	struct tui_app a;
	char *s, *row[64];
	int n, checked = 0, parallel = 0;

	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	s = render(&a, 48, 160);
	n = map_rows(s, row, 64);
	for (int i = 0; i < a.n_marks; i++) {
		/* marks are kept in the view's coordinates: one row and column of frame */
		int c = a.marks[i].corridor, my = a.marks[i].y - 1, mx = a.marks[i].x - 1;
		int ward[2], cy[2], cx[2], times, idx = 0, cnt = 0, d[2];
		double want, got;

		ward[0] = w->nodes[w->corridors[c].a].ward;
		ward[1] = w->nodes[w->corridors[c].b].ward;
		for (int e = 0; e < w->n_corridors; e++) {
			int ea = w->nodes[w->corridors[e].a].ward, eb = w->nodes[w->corridors[e].b].ward;

			if (w->corridors[e].border && w->border_stats[e].traffic > 0 &&
			    ((ea == ward[0] && eb == ward[1]) || (ea == ward[1] && eb == ward[0]))) {
				idx += e < c;
				cnt++;
			}
		}
		for (int k = 0; k < 2; k++) { /* a ward's cell: its 2-wide label's first column */
			const char *label = tui_short_ward(&a, ward[k]);

			cy[k] = label_row(row, n, label, &times);
			ck_assert_int_eq(times, 1);
			for (const char *p = strstr(row[cy[k]], label);; p = strstr(p + 1, label))
				if ((p[-1] < '0' || p[-1] > '9') && (p[2] < '0' || p[2] > '9')) {
					cx[k] = (int)(p - row[cy[k]]) - 1; /* less the frame */
					break;
				}
		}
		ck_assert_msg(my >= 0 && my < n && strchr(".-=#C!", row[my][mx + 1]) != NULL, "no mark at (%d,%d)", my,
			      mx);
		for (int k = 0; k < 2; k++) { /* steps along the line: the larger of rows and columns */
			int dy = abs(my - cy[k]), dx = abs(mx - cx[k]);

			d[k] = dy > dx ? dy : dx;
		}
		if (d[0] + d[1] < 8)
			continue; /* too short to tell where on it */
		want = (double)(idx + 1) / (cnt + 1);
		got = (double)d[0] / (d[0] + d[1]);
		ck_assert_msg(fabs(got - want) <= 0.2, "border %s (%d of %d between its wards): mark at %.2f of its line, want %.2f",
			      w->corridors[c].id, idx + 1, cnt, got, want);
		checked++;
		parallel += cnt > 1;
	}
	ck_assert_int_ge(checked, 20);
	ck_assert_int_ge(parallel, 2);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A border's heat on the map, by the measure the map shows: traffic,
 * seizure rate or bribes over the recent window. */
static double map_heat(const struct tui_app *a, int c)
{
	struct smug_border_day d;

	tui_border_window(a->w, c, WIN_RECENT, &d);
	return a->heat == HEAT_TRAFFIC ? d.traffic
	       : a->heat == HEAT_SEIZURES ? (d.traffic ? (double)d.seizures / d.traffic : 0)
					  : (double)d.bribes;
}

/* Each border's mark shows its heat in four steps against the hottest
 * marked border (".", "-", "=", "#" in ASCII): the hottest "#", a quarter
 * of it or less ".", for each measure the m key cycles through, on the
 * default world and on the four-ward world (where the first corridor is
 * the busiest border). */
START_TEST(test_tui_map_heat_steps_against_the_hottest)
{
	struct smug_world *worlds[2] = {world_at(60), NULL};
	int first_hottest = 0;

	worlds[1] = test_load_file(SRCDIR "/data/tiny.json");
	smug_cmd_step(worlds[1], 30);
	for (int k = 0; k < 2; k++) {
		struct smug_world *w = worlds[k];
		struct tui_app a;

		tui_app_init(&a, w, &ascii_opts);
		tui_handle_key(&a, 'M');
		for (int h = 0; h < HEAT_COUNT; h++, tui_handle_key(&a, 'm')) {
			char *s = render(&a, 48, 160), *row[64];
			int n = map_rows(s, row, 64), checked = 0, hottest = -1;
			double hmax = 0;

			for (int c = 0; c < w->n_corridors; c++)
				if (w->corridors[c].border && w->border_stats[c].traffic > 0 && map_heat(&a, c) > hmax) {
					hmax = map_heat(&a, c);
					hottest = c;
				}
			first_hottest += hottest == 0;
			for (int i = 0; i < a.n_marks; i++) {
				int c = a.marks[i].corridor, my = a.marks[i].y - 1, mx = a.marks[i].x - 1, l;

				if (w->border_stats[c].seizures_today > 0 || smug_world_crackdown_on(w, c))
					continue; /* their own glyphs */
				l = hmax > 0 ? (int)(4.0 * map_heat(&a, c) / hmax) : 0;
				l = l > 3 ? 3 : l;
				ck_assert_msg(my >= 0 && my < n && row[my][mx + 1] == ".-=#"[l],
					      "world %d, heat %d: border %s at %.0f%% of the hottest shows '%c', want '%c'", k, h,
					      w->corridors[c].id, hmax > 0 ? 100 * map_heat(&a, c) / hmax : 0,
					      my >= 0 && my < n ? row[my][mx + 1] : '?', ".-=#"[l]);
				checked++;
			}
			ck_assert_int_gt(checked, 0);
			free(s);
		}
		tui_app_done(&a);
		smug_world_free(w);
	}
	ck_assert_msg(first_hottest > 0, "the first corridor is never the hottest border: pick another world");
}
END_TEST

/* On the map the selected border's mark shows selected, and no other
 * mark does; moving the selection moves the highlight with it. */
START_TEST(test_tui_map_highlights_only_the_selected_border)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int first;

	tui_handle_key(&a, 'M');
	tui_select_border(&a, test_busiest_border(w));
	first = a.border;
	for (int step = 0; step < 2; step++) {
		struct tui_grid *g = render_grid(&a, 48, 160);
		int selected = 0, others = 0;

		for (int i = 0; i < a.n_marks; i++) {
			/* marks are kept in the map pane's coordinates; the pane starts on the screen's third row */
			int c = a.marks[i].corridor, role = grid_role(g, a.marks[i].y + 2, a.marks[i].x);

			if (c == a.border) {
				ck_assert_msg(role == ROLE_SELECT, "the selected border %s's mark drawn in role %d",
					      w->corridors[c].id, role);
				selected++;
			} else {
				ck_assert_msg(role != ROLE_SELECT, "border %s's mark shows selected, the selection is %s",
					      w->corridors[c].id, w->corridors[a.border].id);
				ck_assert_msg((role >= ROLE_HEAT0 && role <= ROLE_HEAT3) || role == ROLE_BAD ||
						      role == ROLE_CRACKDOWN,
					      "border %s's mark drawn in role %d: not its heat, seizure or crackdown",
					      w->corridors[c].id, role);
				others++;
			}
		}
		ck_assert_int_eq(selected, 1);
		ck_assert_int_gt(others, 10);
		grid_free(g);
		tui_handle_key(&a, KEY_RIGHT); /* the next mark to the right */
		if (step == 0)
			ck_assert_int_ne(a.border, first);
	}
	close_app(&a, w);
}
END_TEST

/* A border whose two wards share one cell has no line to carry its mark:
 * the mark goes next to them, wherever that is free, so it is shown with
 * the pair on the map's top row and on its bottom row alike, at every
 * size (a 3-letter label fills the cells either side of the wards' cell,
 * the map ends on the other side). */
START_TEST(test_tui_map_marks_a_border_whose_wards_share_a_cell)
{
	static const char fmt[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"pair\", \"name\": \"A pair at the edge\", "
		"\"seed\": 3, \"wards\": ["
		"{\"id\": \"ward:aaa\", \"name\": \"A\", \"ring\": 1, \"pos\": [0, %d]},"
		"{\"id\": \"ward:bbb\", \"name\": \"B\", \"ring\": 1, \"pos\": [0, %d]},"
		"{\"id\": \"ward:ccc\", \"name\": \"C\", \"ring\": 1, \"pos\": [-5, %d]},"
		"{\"id\": \"ward:ddd\", \"name\": \"D\", \"ring\": 1, \"pos\": [5, %d]}],"
		"\"nodes\": [{\"id\": \"n:a\", \"ward\": \"ward:aaa\"}, {\"id\": \"n:b\", \"ward\": \"ward:bbb\"},"
		"{\"id\": \"n:c\", \"ward\": \"ward:ccc\"}, {\"id\": \"n:d\", \"ward\": \"ward:ddd\"}],"
		"\"corridors\": [{\"a\": \"n:a\", \"b\": \"n:b\", \"travel_days\": 1, \"hazard\": 0.02},"
		"{\"a\": \"n:b\", \"b\": \"n:c\", \"travel_days\": 1, \"hazard\": 0.02},"
		"{\"a\": \"n:c\", \"b\": \"n:d\", \"travel_days\": 1, \"hazard\": 0.02}]}";

	for (int edge = 0; edge < 2; edge++)
		for (int sz = 0; sz < 3; sz++) {
			int pair = edge ? 0 : 40, rest = edge ? 40 : 0, found = 0;
			char json[sizeof fmt + 64];
			struct smug_world *w = NULL;
			struct smug_error err;
			struct tui_app a;

			snprintf(json, sizeof json, fmt, pair, pair, rest, rest);
			ck_assert_msg(smug_world_load_json(json, strlen(json), "pair.json", &w, &err) == SMUG_OK, "%s",
				      err.msg);
			ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:a|n:b", 1.0, -1, &err), SMUG_OK);
			tui_app_init(&a, w, &opts);
			tui_handle_key(&a, 'M');
			draw(&a, sizes[sz][0], sizes[sz][1]);
			for (int i = 0; i < a.n_marks; i++)
				found += strcmp(w->corridors[a.marks[i].corridor].id, "n:a|n:b") == 0;
			ck_assert_msg(found == 1, "%dx%d, the pair at y %d: %d marks of their border", sizes[sz][1],
				      sizes[sz][0], pair, found);
			close_app(&a, w);
		}
}
END_TEST

/* A border whose line runs along the map's top row or its bottom row
 * has its mark on that row, on its line, at every size. */
START_TEST(test_tui_map_marks_a_border_along_the_edge_row)
{
	static const char fmt[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"edge\", \"name\": \"A border along the edge\", "
		"\"seed\": 3, \"wards\": ["
		"{\"id\": \"ward:aaa\", \"name\": \"A\", \"ring\": 1, \"pos\": [-20, %d]},"
		"{\"id\": \"ward:bbb\", \"name\": \"B\", \"ring\": 1, \"pos\": [20, %d]},"
		"{\"id\": \"ward:ccc\", \"name\": \"C\", \"ring\": 1, \"pos\": [0, %d]}],"
		"\"nodes\": [{\"id\": \"n:a\", \"ward\": \"ward:aaa\"}, {\"id\": \"n:b\", \"ward\": \"ward:bbb\"},"
		"{\"id\": \"n:c\", \"ward\": \"ward:ccc\"}],"
		"\"corridors\": [{\"a\": \"n:a\", \"b\": \"n:b\", \"travel_days\": 1, \"hazard\": 0.02},"
		"{\"a\": \"n:b\", \"b\": \"n:c\", \"travel_days\": 1, \"hazard\": 0.02}]}";

	for (int edge = 0; edge < 2; edge++)
		for (int sz = 0; sz < 3; sz++) {
			int pair = edge ? 0 : 40, rest = edge ? 40 : 0, found = 0, row = -1, ward_row, times, n;
			char json[sizeof fmt + 64], *txt, *rows[64];
			struct smug_world *w = NULL;
			struct smug_error err;
			struct tui_app a;

			snprintf(json, sizeof json, fmt, pair, pair, rest);
			ck_assert_msg(smug_world_load_json(json, strlen(json), "edge.json", &w, &err) == SMUG_OK, "%s",
				      err.msg);
			ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:a|n:b", 1.0, -1, &err), SMUG_OK);
			tui_app_init(&a, w, &ascii_opts);
			tui_handle_key(&a, 'M');
			txt = render(&a, sizes[sz][0], sizes[sz][1]);
			n = map_rows(txt, rows, 64);
			for (int i = 0; i < a.n_marks; i++)
				if (strcmp(w->corridors[a.marks[i].corridor].id, "n:a|n:b") == 0) {
					found++;
					row = a.marks[i].y - 1; /* less the frame */
				}
			ward_row = label_row(rows, n, tui_short_ward(&a, w->nodes[w->corridors[0].a].ward), &times);
			free(txt);
			ck_assert_msg(found == 1 && row == ward_row && (ward_row == 0 || ward_row == n - 1),
				      "%dx%d, the border along y %d: %d marks, on row %d, its wards on row %d of %d",
				      sizes[sz][1], sizes[sz][0], pair, found, row, ward_row, n);
			close_app(&a, w);
		}
}
END_TEST

/* Zoomed in, a border's line runs on to the map's last cell, the
 * bottom-right corner, and is drawn there (the map keeps a cell for
 * each place on it, that one too: under AddressSanitizer a map one
 * cell short fails this test). The border C-D runs a quarter of the way
 * up from the bottom: at zoom x4 about the centre that is the bottom
 * row, and its line reaches far past both sides. */
START_TEST(test_tui_map_draws_a_line_into_its_last_cell)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"corner\", \"name\": \"A line to the corner\", "
		"\"seed\": 3, \"wards\": ["
		"{\"id\": \"ward:top\", \"name\": \"T\", \"ring\": 1, \"pos\": [0, 4]},"
		"{\"id\": \"ward:aaa\", \"name\": \"A\", \"ring\": 1, \"pos\": [-4, -4]},"
		"{\"id\": \"ward:bbb\", \"name\": \"B\", \"ring\": 1, \"pos\": [4, -4]},"
		"{\"id\": \"ward:ccc\", \"name\": \"C\", \"ring\": 1, \"pos\": [-4, -1]},"
		"{\"id\": \"ward:ddd\", \"name\": \"D\", \"ring\": 1, \"pos\": [4, -1]}],"
		"\"nodes\": [{\"id\": \"n:t\", \"ward\": \"ward:top\"}, {\"id\": \"n:a\", \"ward\": \"ward:aaa\"},"
		"{\"id\": \"n:b\", \"ward\": \"ward:bbb\"}, {\"id\": \"n:c\", \"ward\": \"ward:ccc\"},"
		"{\"id\": \"n:d\", \"ward\": \"ward:ddd\"}],"
		"\"corridors\": [{\"a\": \"n:t\", \"b\": \"n:c\", \"travel_days\": 1, \"hazard\": 0.02},"
		"{\"a\": \"n:c\", \"b\": \"n:d\", \"travel_days\": 1, \"hazard\": 0.02},"
		"{\"a\": \"n:d\", \"b\": \"n:b\", \"travel_days\": 1, \"hazard\": 0.02},"
		"{\"a\": \"n:b\", \"b\": \"n:a\", \"travel_days\": 1, \"hazard\": 0.02}]}";

	for (int sz = 0; sz < 3; sz++) {
		struct smug_world *w = NULL;
		struct smug_error err;
		struct tui_app a;
		char *txt, *rows[64], *last;
		int n;
		size_t len;

		ck_assert_msg(smug_world_load_json(json, strlen(json), "corner.json", &w, &err) == SMUG_OK, "%s", err.msg);
		tui_app_init(&a, w, &ascii_opts);
		feed(&a, "Mzz");
		ck_assert_int_eq(a.map_zoom, 2);
		txt = render(&a, sizes[sz][0], sizes[sz][1]);
		n = map_rows(txt, rows, 64);
		ck_assert_int_ge(n, 3);
		last = rows[n - 1];
		len = strlen(last);
		ck_assert_msg(len >= 3 && last[len - 1] == '|' && last[len - 2] == '-',
			      "%dx%d, zoom x4: the map's bottom row ends '%s', not the line C-D ('-') and the frame",
			      sizes[sz][1], sizes[sz][0], len >= 3 ? last + len - 3 : last);
		free(txt);
		close_app(&a, w);
	}
}
END_TEST

/* Two borders joining the same wards get marks of their own, and a
 * crackdown on one shows on its own mark. */
START_TEST(test_tui_map_marks_are_distinct)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	char *s;

	tui_handle_key(&a, 'M');
	for (int sz = 0; sz < 3; sz++) {
		s = render(&a, sizes[sz][0], sizes[sz][1]);
		for (int i = 0; i < a.n_marks; i++)
			for (int j = i + 1; j < a.n_marks; j++)
				ck_assert_msg(a.marks[i].y != a.marks[j].y || a.marks[i].x != a.marks[j].x,
					      "two marks share a cell at %dx%d", sizes[sz][1], sizes[sz][0]);
		free(s);
	}
	s = render(&a, 48, 160);
	ck_assert_int_eq(count_glyph(s, "\xe2\x8a\x97"), 1); /* the crackdown glyph: only in the legend */
	free(s);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:31.0|n:32.0", 1.0, -1, NULL), SMUG_OK);
	s = render(&a, 48, 160);
	ck_assert_msg(count_glyph(s, "\xe2\x8a\x97") == 2, "the crackdown's mark is not on the map");
	free(s);
	close_app(&a, w);
}
END_TEST

/* A click a cell beside a border's mark on the map selects that border
 * (the nearest mark within a few cells), wherever the mark stands. */
START_TEST(test_tui_map_click_beside_a_mark_selects_its_border)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int tried = 0;

	tui_handle_key(&a, 'M');
	draw(&a, 48, 160);
	for (int i = 0; i < a.n_marks; i++) {
		int y = a.marks[i].y, x = a.marks[i].x + 1, c = a.marks[i].corridor;
		bool alone = a.marks[i].x >= 8;

		for (int j = 0; j < a.n_marks && alone; j++) /* no other mark as near to the click */
			alone = j == i || 4L * (a.marks[j].y - y) * (a.marks[j].y - y) +
						  (long)(a.marks[j].x - x) * (a.marks[j].x - x) > 1;
		if (!alone)
			continue;
		tui_select_border(&a, -1);
		tui_click(&a, y + 2, x); /* the map view starts on the screen's third row */
		ck_assert_msg(a.border == c, "a click right of %s's mark (row %d, column %d) selected border %d",
			      w->corridors[c].id, y, x - 1, a.border);
		tried++;
	}
	ck_assert_int_ge(tried, 5);
	close_app(&a, w);
}
END_TEST

/* In the main screen's Map pane a click on a border's mark selects that
 * border: every mark the pane drew is where the mouse finds it (the cell
 * holds the mark, drawn in its heat, seizure, crackdown or selection). */
START_TEST(test_tui_map_pane_click_on_a_mark_selects_its_border)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	struct tui_grid *g;
	const struct tui_rect *r = &a.pane_rect[PANE_MAP];
	int n;
	struct tui_mark *marks;

	g = render_grid(&a, 48, 160);
	n = a.n_marks;
	ck_assert_int_gt(n, 10);
	marks = malloc(sizeof *marks * (size_t)n);
	memcpy(marks, a.marks, sizeof *marks * (size_t)n);
	for (int i = 0; i < n; i++) {
		int c = marks[i].corridor, role = grid_role(g, r->y + marks[i].y, r->x + marks[i].x);

		ck_assert_msg((role >= ROLE_HEAT0 && role <= ROLE_HEAT3) || role == ROLE_BAD || role == ROLE_CRACKDOWN ||
				      role == ROLE_SELECT,
			      "border %s's mark at row %d, column %d of the Map pane: that cell is drawn in role %d, not a mark's",
			      w->corridors[c].id, marks[i].y, marks[i].x, role);
		tui_select_border(&a, -1);
		tui_click(&a, r->y + marks[i].y, r->x + marks[i].x);
		ck_assert_msg(a.border == c, "a click on %s's mark in the Map pane selected border %d", w->corridors[c].id,
			      a.border);
		draw(&a, 48, 160);
	}
	free(marks);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_border_selection_follows_the_border)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int n, *rows, c;
	char *s;

	tui_handle_key(&a, '3');
	draw(&a, 40, 120);
	tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, KEY_DOWN);
	c = a.border;
	tui_handle_key(&a, 'I'); /* invert: the row moves, the selection stays */
	draw(&a, 40, 120);
	ck_assert_int_eq(a.border, c);
	rows = pane_borders_rows(&a, &n);
	ck_assert_int_ne(rows[2], c);
	free(rows);
	tui_handle_key(&a, '>');
	tui_handle_key(&a, 't');
	s = render(&a, 40, 120);
	ck_assert_int_eq(a.border, c);
	free(s);
	close_app(&a, w);
}
END_TEST

/* Columns [x, x + n) of screen row y, as text (UTF-8 counted by
 * characters), into out. */
static void row_cols(const char *screen, int y, int x, int n, char *out, size_t size)
{
	const char *p = screen;
	size_t o = 0;

	for (int r = 0; r < y && p; r++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	ck_assert_ptr_nonnull(p);
	for (int c = 0; *p && *p != '\n' && c < x + n; c++) {
		unsigned char b = (unsigned char)*p;
		size_t len = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : 4;

		if (c >= x && o + len < size) {
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	out[o] = '\0';
}

/* The first frame of a cockpit, its Borders pane focused, with nothing
 * selected there yet: the pane selects a border and lights one row, the
 * table's first (under the head that names the columns), which is the
 * border selected (the one a crackdown would go on); at 160 and at 120
 * columns, on days 1, 30 and 90. */
START_TEST(test_tui_borders_first_frame_lights_the_border_selected)
{
	static const int days[] = {1, 30, 90}, widths[] = {160, 120};

	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
		for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
			struct tui_app a;
			struct smug_world *w = open_at(&a, days[d]);
			struct tui_grid *g;
			char *text, id[64], head[512], row[512];
			int lit = -1;
			struct tui_rect r;

			tui_handle_key(&a, '3');
			ck_assert_int_lt(a.border, 0);
			g = render_grid(&a, 40, widths[k]);
			text = grid_dump(g);
			r = a.pane_rect[PANE_BORDERS];
			ck_assert_int_ge(a.border, 0);
			for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
				if (grid_role(g, y, r.x + 1) != ROLE_SELECT)
					continue;
				ck_assert_msg(lit < 0, "day %d, %d columns: rows %d and %d of the Borders pane both lit",
					      days[d], widths[k], lit, y);
				lit = y;
			}
			ck_assert_msg(lit > r.y + 1, "day %d, %d columns: no row of the Borders table lit", days[d],
				      widths[k]);
			row_cols(text, lit - 1, r.x, r.w, head, sizeof head);
			row_cols(text, lit, r.x, r.w, row, sizeof row);
			tui_short_corridor(&a, a.border, id, sizeof id);
			ck_assert_msg(strncmp(head, "\xe2\x94\x82" "border ", 10) == 0, /* frame, the first head */
				      "day %d, %d columns: the row lit is not the table's first; above it: '%s'", days[d],
				      widths[k], head);
			ck_assert_msg(strncmp(row + 3, id, strlen(id)) == 0 && row[3 + strlen(id)] == ' ',
				      "day %d, %d columns: border %s selected, the row lit: '%s'",
				      days[d], widths[k], id, row);
			free(text);
			grid_free(g);
			close_app(&a, w);
		}
}
END_TEST

/* The names in the why view's "only the winner crosses: ..." (or "only
 * the runner-up crosses: ...") line, one string each: the text before
 * each " (risk "; returns how many, or -1 when the line is not there. */
static int crosses_names(const char *screen, const char *who, char names[][64], int max)
{
	char head[64];
	const char *p, *end;
	int n = 0;

	snprintf(head, sizeof head, "only the %s crosses: ", who);
	p = strstr(screen, head);
	if (p == NULL)
		return -1;
	p += strlen(head);
	end = strstr(p, "only the ");
	if (end == NULL || end < p)
		end = strstr(p, "margin");
	if (strncmp(p, "nothing", 7) == 0)
		return 0;
	for (const char *r = strstr(p, " (risk "); r && (end == NULL || r < end) && n < max; r = strstr(r + 1, " (risk ")) {
		const char *b = r;

		while (b > p && b[-1] != ' ')
			b--;
		snprintf(names[n++], 64, "%.*s", (int)(r - b), b);
	}
	return n;
}

/* The corridors one candidate crosses and the other does not, as the
 * screen names them; returns how many. */
static int only_in(struct tui_app *a, const struct smug_explain_candidate *c, const struct smug_explain_candidate *o,
		   char names[][64], int max)
{
	int n = 0;

	for (int e = 0; e + 1 < c->n_nodes; e++) {
		bool shared = false;

		for (int f = 0; f + 1 < o->n_nodes; f++)
			shared |= o->edges[f].corridor == c->edges[e].corridor;
		if (!shared && n < max)
			tui_short_corridor(a, c->edges[e].corridor, names[n++], 64);
	}
	return n;
}

/* The text of a screen's rows without the frames at their ends, one space
 * between rows: text wrapped over rows reads as one line; the caller frees
 * it. */
static char *unframed(const char *screen)
{
	static const char bar[] = "\xe2\x94\x82";
	char *out = malloc(strlen(screen) + 1), *at = out;

	ck_assert_ptr_nonnull(out);
	for (const char *p = screen; *p;) {
		const char *end = strchr(p, '\n') ? strchr(p, '\n') : p + strlen(p);

		if (end - p >= 3 && strncmp(p, bar, 3) == 0)
			p += 3;
		while (end > p && end[-1] == ' ')
			end--;
		if (end - p >= 3 && strncmp(end - 3, bar, 3) == 0)
			end -= 3;
		while (end > p && end[-1] == ' ')
			end--;
		memcpy(at, p, (size_t)(end - p));
		at += end - p;
		*at++ = ' ';
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
	}
	*at = '\0';
	return out;
}

/* Enter on the routes pane when it lists no route (day 0: nothing
 * planned yet) opens nothing: there is no decision to explain. */
START_TEST(test_tui_enter_on_an_empty_routes_pane_opens_nothing)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	tui_handle_key(&a, '2');
	ck_assert_int_eq(a.focus, PANE_ROUTES);
	ck_assert_int_eq(pane_routes_rows(&a), 0);
	draw(&a, 48, 160);
	tui_handle_key(&a, '\r');
	ck_assert_msg(a.view == VIEW_MAIN, "Enter on a routes pane without routes opened %s",
		      a.view == VIEW_WHY ? "the why view" : "another view");
	close_app(&a, w);
}
END_TEST

/* The why view names the corridors only the winner crosses and those only
 * the runner-up crosses: all of them up to three (then "and N more"),
 * never one both cross; for each route of every faction on day 44 (some
 * whose runner-up is the first candidate), on a tall screen 160 columns
 * wide and 80 wide, where a list may take three rows. */
START_TEST(test_tui_why_names_what_only_one_crosses)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 44);
	int checked = 0, rows = 0, runner_first = 0;

	tui_handle_key(&a, '2');
	draw(&a, 48, 160);
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < w->n_decisions; r++) {
			const struct smug_explanation *x;
			int di = -1;

			a.route_sel = r;
			x = view_why_explanation(&a, &di);
			if (x == NULL || di < 0 || w->decisions[di].faction != a.faction)
				break;
			rows++;
			if (x->winner < 0 || x->runner < 0 || x->runner == x->winner)
				continue;
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			for (int wide = 160; wide >= 80; wide -= 80) {
				char *screen = render(&a, 48, wide), *s = unframed(screen), shown[8][64], want[64][64];
				const struct smug_explain_candidate *c[2] = {&x->cand[x->winner], &x->cand[x->runner]};
				const char *who[2] = {"winner", "runner-up"};

				for (int k = 0; k < 2; k++) {
					int n = crosses_names(s, who[k], shown, 8), m = only_in(&a, c[k], c[1 - k], want, 64);

					ck_assert_msg(n >= 0, "%d wide, route %d: no 'only the %s crosses' line", wide, r, who[k]);
					ck_assert_msg(n == (m < 3 ? m : 3), "%d wide, route %d: %d corridors named only the %s crosses, want %d",
						      wide, r, n, who[k], m < 3 ? m : 3);
					for (int i = 0; i < n; i++) {
						bool found = false;

						for (int j = 0; j < m; j++)
							found |= strcmp(shown[i], want[j]) == 0;
						ck_assert_msg(found, "%d wide, route %d: %s named as only the %s's, but both cross it", wide, r,
							      shown[i], who[k]);
					}
				}
				free(s);
				free(screen);
			}
			tui_handle_key(&a, 27);
			checked++;
			runner_first += x->runner == 0;
		}
	}
	ck_assert_int_ge(checked, 2);
	ck_assert_int_gt(runner_first, 0); /* a runner-up that is the first candidate */
	close_app(&a, w);
}
END_TEST

/* Whether p starts a money figure as fmt_money writes it ("1.87",
 * "1234", "12.3k") with `end` right after it. */
static bool money_at(const char *p, char end)
{
	size_t k = 0;

	if (!isdigit((unsigned char)p[0]))
		return false;
	while (isdigit((unsigned char)p[k]) || ((p[k] == '.' || p[k] == ',') && isdigit((unsigned char)p[k + 1])))
		k++;
	if (p[k] == 'k' || p[k] == 'M' || p[k] == 'G')
		k++;
	return p[k] == end;
}

/* The why view's "only the <who> crosses: " list read from an unframed
 * screen, entry by entry: each a name and its terms in brackets ending
 * in "loss <figure>", ", " between them, and after the last either
 * nothing or " and N more", then the next line ("only the ..." or
 * "margin"); or the list is "nothing", or "N corridors" ("1 corridor")
 * when no name fits. Fails the test, quoting the list, on anything else (an entry
 * without its figure, a name or a count cut); returns the names read
 * and sets *more to N. */
static int crosses_entries(const char *s, const char *who, const char *where, int *more)
{
	char head[64];
	const char *list, *p;
	int n = 0;

	snprintf(head, sizeof head, "only the %s crosses: ", who);
	list = strstr(s, head);
	ck_assert_msg(list != NULL, "%s: no '%s' line", where, head);
	p = list += strlen(head);
	*more = 0;
	if (strncmp(p, "nothing ", 8) == 0)
		return 0;
	{ /* no name fits: the count alone */
		int count = 0, used = 0;

		if (sscanf(p, "%d corridor%n", &count, &used) == 1 && used > 0) {
			*more = count;
			ck_assert_msg((p[used] == 's') == (count != 1), "%s: '%s' counts %d as '%.*s'", where, head, count,
				      used + (p[used] == 's'), p);
			p += used + (p[used] == 's');
		}
	}
	while (*more == 0) {
		const char *name = p, *close, *loss;

		p += strcspn(p, " ,");
		ck_assert_msg(p > name && strncmp(p, " (", 2) == 0, "%s: entry %d of '%s' is not a name and its terms: '%.90s'",
			      where, n + 1, head, list);
		close = strchr(p, ')');
		ck_assert_msg(close != NULL && memchr(p + 2, '(', (size_t)(close - p - 2)) == NULL,
			      "%s: entry %d of '%s' has no end: '%.90s'", where, n + 1, head, list);
		for (loss = close; loss > p && strncmp(loss, "loss ", 5) != 0; loss--)
			;
		ck_assert_msg(loss > p && money_at(loss + 5, ')'),
			      "%s: entry %d of '%s' (%.*s) lacks its loss figure: '%.90s'", where, n + 1, head,
			      (int)(close + 1 - name), name, list);
		n++;
		p = close + 1;
		if (strncmp(p, ", ", 2) == 0) {
			p += 2;
			continue;
		}
		if (strncmp(p, " and ", 5) == 0) {
			int used = 0;

			ck_assert_msg(sscanf(p, " and %d more%n", more, &used) == 1 && used > 0 && *more > 0,
				      "%s: '%s' ends in a cut count: '%.90s'", where, head, list);
			p += used;
		}
		break;
	}
	ck_assert_msg(strncmp(p, " only the ", 10) == 0 || strncmp(p, " margin ", 8) == 0,
		      "%s: '%s' goes on after its %d entries: '%.90s'", where, head, n, list);
	return n;
}

/* Open the why view on the next decision of the Routes pane, from
 * faction *f's row *r on, whose runner-up is another route than its
 * winner; NULL when none is left. The caller leaves the view with Esc
 * and moves *r on. */
static const struct smug_explanation *why_next_contested(struct tui_app *a, int *f, int *r)
{
	for (; *f < a->w->n_factions; (*f)++, *r = 0) {
		a->faction = *f;
		for (; *r < pane_routes_rows(a); (*r)++) {
			const struct smug_explanation *x;
			int di = -1;

			a->route_sel = *r;
			x = view_why_explanation(a, &di);
			if (x == NULL || x->winner < 0 || x->runner < 0 || x->runner == x->winner)
				continue;
			tui_handle_key(a, '\r');
			ck_assert_int_eq(a->view, VIEW_WHY);
			return x;
		}
	}
	return NULL;
}

/* The why view's two "only ... crosses" lists show whole entries at
 * every size: each named corridor with its loss figure, never a name, a
 * figure or the count of the rest cut, and the names shown plus "and N
 * more" count every corridor only that route crosses; at 80 columns at
 * least one is named; nowhere on the screen a label without its figure.
 * For every decision of every faction on day 60, at 80x24, 80x48,
 * 120x40 and 160x48, and the view alone on a 56-column canvas, narrower
 * than a screen may be, where a list may give only its count. */
START_TEST(test_tui_why_lists_whole_entries_that_count_every_corridor)
{
	static const int size[][2] = {{24, 80}, {48, 80}, {40, 120}, {48, 160}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_explanation *x;
	int checked = 0, named = 0, more_shown = 0, counted_only = 0;

	tui_handle_key(&a, '2');
	for (int f = 0, r = 0; (x = why_next_contested(&a, &f, &r)) != NULL; r++) {
		for (int sz = 0; sz < 5; sz++) {
			char *screen = sz < 4 ? render(&a, size[sz][0], size[sz][1])
					      : why_on_canvas(&a, 24, 56),
			     *s = unframed(screen), where[96];
			const struct smug_explain_candidate *c[2] = {&x->cand[x->winner], &x->cand[x->runner]};
			const char *who[2] = {"winner", "runner-up"};

			for (int k = 0; k < 2; k++) {
				char want[64][64];
				int more, m = only_in(&a, c[k], c[1 - k], want, 64), n;

				snprintf(where, sizeof where, "%dx%d, %s's decision %d", sz < 4 ? size[sz][1] : 56,
					 sz < 4 ? size[sz][0] : 24, w->factions[f].id, r);
				n = crosses_entries(s, who[k], where, &more);
				ck_assert_msg(n + more == m, "%s: %d named and %d more only the %s crosses, want %d in all",
					      where, n, more, who[k], m);
				ck_assert_msg(m == 0 || n > 0 || sz == 4, "%s: none of the %d corridors only the %s crosses named",
					      where, m, who[k]);
				named += n;
				counted_only += sz == 4 && n == 0 && m > 0;
				more_shown += more > 0;
			}
			free(s);
			free(screen);
		}
		tui_handle_key(&a, 27);
		checked++;
	}
	ck_assert_int_ge(checked, 5);
	ck_assert_int_gt(more_shown, 0); /* some list is longer than what it names */
	ck_assert_int_gt(counted_only, 0); /* and some, at 56 columns, names none */
	ck_assert_int_gt(named, checked);
	close_app(&a, w);
}
END_TEST

/* The why view spends two rows on the winner's and the runner-up's whole
 * routes only while its table of candidates keeps at least three rows
 * (the winner, the runner-up and one more) below them; on a shorter
 * canvas it leaves the two routes out for the table. Every decision of
 * every faction with a runner-up on day 60, the view alone on canvases
 * 8 to 40 rows high at 56, 64, 80 and 120 columns. */
START_TEST(test_tui_why_routes_leave_the_table_three_rows)
{
	static const int cols[] = {56, 64, 80, 120};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int shown = 0, left_out = 0;

	tui_handle_key(&a, '2');
	for (int f = 0, r = 0; why_next_contested(&a, &f, &r) != NULL; r++) {
		for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
			for (int h = 8; h <= 40; h++) {
				char *s = why_on_canvas(&a, h, cols[c]);
				const char *p = s;
				int rows = 0;

				while ((p = strstr(p, "\n\u2502+")) != NULL) { /* a candidate's row */
					rows++;
					p++;
				}
				if (strstr(s, "\u2502winner:    ") != NULL) {
					ck_assert_msg(rows >= 3,
						      "%s's decision %d at %dx%d: the routes shown leave the table %d "
						      "rows, want 3:\n%s",
						      w->factions[f].id, r, cols[c], h, rows, s);
					shown++;
				} else if (rows > 0) {
					left_out++;
				}
				free(s);
			}
		tui_handle_key(&a, 27);
	}
	ck_assert_int_gt(shown, 0);
	ck_assert_int_gt(left_out, 0); /* some canvas had a table but no room for the routes */
	close_app(&a, w);
}
END_TEST

/* A decision that sent nothing says why in the why view's first line, whole
 * at 80 columns ("...; expected loss and cost exceed the margin" wraps onto
 * a second row rather than being cut). */
START_TEST(test_tui_why_says_whole_why_nothing_was_sent)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const char *why = smug_skip_text(SMUG_SKIP_UNPROFITABLE);
	int found = 0;

	tui_handle_key(&a, '2');
	draw(&a, 24, 80);
	for (int f = 0; f < w->n_factions && !found; f++) {
		a.faction = f;
		for (int r = 0; r < w->n_decisions && !found; r++) {
			const struct smug_explanation *x;
			int di = -1;
			char *s, *flat;

			a.route_sel = r;
			x = view_why_explanation(&a, &di);
			if (x == NULL || di < 0 || w->decisions[di].faction != a.faction)
				break;
			if (strcmp(w->decisions[di].skipped, why) != 0)
				continue;
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			s = render(&a, 24, 80);
			flat = unframed(s);
			ck_assert_msg(strstr(flat, why) != NULL, "80x24: the why view does not say '%s' whole:\n%s", why, s);
			free(flat);
			free(s);
			tui_handle_key(&a, 27);
			found++;
		}
	}
	ck_assert_msg(found, "day 60 has no decision that was unprofitable");
	close_app(&a, w);
}
END_TEST

/* The why view's candidate list scrolled to its last candidate on a
 * short screen, then drawn taller (the terminal enlarged): the list
 * fills the new room from its first candidate, not from the old top with
 * blank rows below it. */
START_TEST(test_tui_why_list_fills_a_taller_screen)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int di;
	char *s;

	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	di = pane_routes_decision(&a);
	ck_assert_int_gt(w->decisions[di].n_cand, 3);
	tui_handle_key(&a, KEY_END);
	draw(&a, 30, 100);
	ck_assert_int_gt(a.why_scroll, 0); /* scrolled: the last one is below the first rows */
	s = render(&a, 40 + 2 * w->decisions[di].n_cand, 160); /* room for every candidate */
	free(s);
	ck_assert_int_eq(a.why_sel, w->decisions[di].n_cand - 1);
	ck_assert_msg(a.why_scroll == 0, "%d candidates drawn from row %d on a screen with room for all",
		      w->decisions[di].n_cand, a.why_scroll);
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_why_leads_with_the_decision)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	uint64_t before = smug_world_digest(w);
	int di;
	char *s;

	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "WINNER"));
	ck_assert_ptr_nonnull(strstr(s, "RUNNER-UP"));
	ck_assert_ptr_nonnull(strstr(s, "margin"));
	/* the legend whole at 80 columns, prior and learned explained */
	ck_assert_ptr_nonnull(strstr(s, "score = loss + cost + travel"));
	ck_assert_ptr_nonnull(strstr(s, "prior: "));
	ck_assert_ptr_nonnull(strstr(s, "learned: the faction's own crossings"));
	free(s);
	di = pane_routes_decision(&a);
	ck_assert_int_eq(a.why_sel, w->decisions[di].winner);
	tui_handle_key(&a, KEY_HOME);
	ck_assert_int_eq(a.why_sel, 0);
	draw(&a, 24, 80); /* the first candidate stays selected when drawn */
	ck_assert_int_eq(a.why_sel, 0);
	tui_handle_key(&a, KEY_NPAGE);
	ck_assert_int_eq(a.why_sel, w->decisions[di].n_cand > 10 ? 10 : w->decisions[di].n_cand - 1);
	tui_handle_key(&a, 'w');
	ck_assert_int_eq(a.why_sel, w->decisions[di].winner);
	tui_handle_key(&a, '\r'); /* expand the winner: its edges */
	s = render(&a, 48, 160);
	ck_assert_ptr_nonnull(strstr(s, "risk_est"));
	free(s);
	tui_handle_key(&a, 'x');
	if (a.whatif) {
		s = render(&a, 48, 160);
		ck_assert_ptr_nonnull(strstr(s, "WHAT-IF"));
		free(s);
		ck_assert(a.whatif_data->risk_after > a.whatif_data->risk_before);
	}
	ck_assert_uint_eq(smug_world_digest(w), before); /* nothing stepped, nothing changed */
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	close_app(&a, w);
}
END_TEST

/* The why view says why this lane: the demand ward's score and the
 * source ward's, each with its driver terms, the numbers smugnet explain
 * prints (spec 10: "route chosen because risk_est X, cost_est Y, demand
 * Z"). At 160x48 every term, named as explain names it; at 80x24 both
 * scores at least. Every decision with a lane of each faction on day 60
 * (it showed neither score on any screen). */
START_TEST(test_tui_why_names_demand_and_source_drivers)
{
	static const char *const demand[] = {"tolerance", "shortage", "corruption", "raider", "war"};
	static const char *const source[] = {"raider", "precursor", "blackmarket"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int checked = 0;

	tui_handle_key(&a, '2');
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < w->n_decisions; r++) {
			const struct smug_decision *d;
			char want[2][300], *s, *flat;
			size_t at;
			int di = -1;

			a.route_sel = r;
			if (view_why_explanation(&a, &di) == NULL || di < 0 || w->decisions[di].faction != f)
				break;
			d = &w->decisions[di];
			if (d->src_ward < 0 || d->dst_ward < 0)
				continue;
			at = (size_t)snprintf(want[0], sizeof want[0], "demand %.3f =", d->demand.score);
			for (int i = 0; i < 5; i++)
				at += (size_t)snprintf(want[0] + at, sizeof want[0] - at, " %s %.3f%s", demand[i],
						       d->demand.term[i], i < 4 ? " +" : "");
			at = (size_t)snprintf(want[1], sizeof want[1], "source %.3f =", d->source.score);
			for (int i = 0; i < 3; i++)
				at += (size_t)snprintf(want[1] + at, sizeof want[1] - at, " %s %.3f%s", source[i],
						       d->source.term[i], i < 2 ? " +" : "");
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			s = render(&a, 48, 160);
			flat = unframed(s);
			for (int k = 0; k < 2; k++)
				ck_assert_msg(strstr(flat, want[k]) != NULL, "160x48: the why view does not say '%s':\n%.3000s",
					      want[k], flat);
			free(flat);
			free(s);
			s = render(&a, 24, 80);
			snprintf(want[0], sizeof want[0], "demand %.3f", d->demand.score);
			snprintf(want[1], sizeof want[1], "source %.3f", d->source.score);
			for (int k = 0; k < 2; k++)
				ck_assert_msg(strstr(s, want[k]) != NULL, "80x24: the why view does not say '%s':\n%s",
					      want[k], s);
			free(s);
			tui_handle_key(&a, 27);
			checked++;
		}
	}
	ck_assert_int_gt(checked, 4);
	close_app(&a, w);
}
END_TEST

/* In the why view PageUp moves ten candidates up and stops at the first;
 * once smuggling is switched off and a day passes, the day has no
 * decision and the view says so instead of an old one. */
START_TEST(test_tui_why_page_up_and_a_day_without_decisions)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	struct smug_error err;
	int di, n;

	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	di = pane_routes_decision(&a);
	n = w->decisions[di].n_cand;
	ck_assert_int_gt(n, 11);
	tui_handle_key(&a, KEY_END);
	tui_handle_key(&a, KEY_PPAGE);
	ck_assert_msg(a.why_sel == n - 11, "PageUp from the last of %d candidates selects %d, want %d", n, a.why_sel,
		      n - 11);
	for (int i = 0; i < n / 10 + 1; i++)
		tui_handle_key(&a, KEY_PPAGE);
	ck_assert_int_eq(a.why_sel, 0);
	ck_assert_int_eq(smug_config_set(w, "smuggling.enabled", "false", &err), SMUG_OK);
	tui_handle_key(&a, '.');
	ck_assert_int_eq(w->day, 61);
	ck_assert_int_eq(a.view, VIEW_WHY);
	ck_assert_msg(screen_has(&a, "no decision selected (the Routes pane lists them)"),
		      "day 61 without decisions: the why view does not say no decision is selected");
	close_app(&a, w);
}
END_TEST

/* A route too long for the Why view's route column is shortened in the
 * middle and still ends with its last node, whole, even when the node ids
 * differ in length (a designer's own scenario: a short source id, a long
 * destination id). At 100 columns the whole route fits. */
START_TEST(test_tui_why_short_route_keeps_its_last_node)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"lanes\", \"name\": \"a long road\", \"seed\": 5,"
		" \"ledger\": {\"treasury\": 100000, \"blackmarket\": 100000000},"
		" \"wards\": [{\"id\": \"ward:src\", \"name\": \"Source\", \"ring\": 2, \"pos\": [-5, 0],"
		"   \"signals\": {\"raider_influence\": 0.9, \"precursor_output\": 0.9, \"smuggling_tolerance\": 0.9}},"
		"  {\"id\": \"ward:dst\", \"name\": \"Far Market\", \"ring\": 2, \"pos\": [5, 0],"
		"   \"signals\": {\"smuggling_tolerance\": 0.9, \"corruption\": 0.9,"
		"   \"shortage\": {\"medicine\": 0.9, \"parts\": 0.9, \"suits\": 0.9}}}],"
		" \"nodes\": [{\"id\": \"n:a\", \"ward\": \"ward:src\"}, {\"id\": \"n:m1\", \"ward\": \"ward:src\"},"
		"  {\"id\": \"n:m2\", \"ward\": \"ward:src\"}, {\"id\": \"n:m3\", \"ward\": \"ward:src\"},"
		"  {\"id\": \"n:m4\", \"ward\": \"ward:src\"}, {\"id\": \"n:m5\", \"ward\": \"ward:src\"},"
		"  {\"id\": \"n:m6\", \"ward\": \"ward:src\"}, {\"id\": \"n:m7\", \"ward\": \"ward:src\"},"
		"  {\"id\": \"n:m8\", \"ward\": \"ward:src\"}, {\"id\": \"n:eastgate\", \"ward\": \"ward:dst\"}],"
		" \"corridors\": [{\"a\": \"n:a\", \"b\": \"n:m1\"}, {\"a\": \"n:m1\", \"b\": \"n:m2\"},"
		"  {\"a\": \"n:m2\", \"b\": \"n:m3\"}, {\"a\": \"n:m3\", \"b\": \"n:m4\"}, {\"a\": \"n:m4\", \"b\": \"n:m5\"},"
		"  {\"a\": \"n:m5\", \"b\": \"n:m6\"}, {\"a\": \"n:m6\", \"b\": \"n:m7\"}, {\"a\": \"n:m7\", \"b\": \"n:m8\"},"
		"  {\"a\": \"n:m8\", \"b\": \"n:eastgate\"}],"
		" \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:src\","
		"   \"balance\": 1000000000, \"bribe_budget_fraction\": 0.05,"
		"   \"smuggling_profile\": {\"NARCOTICS\": 1.0}}],"
		" \"config\": {\"smuggling\": {\"enabled\": true}}}";
	static const int cols[] = {80, 100};
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "lanes.json", &w, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, 1);
	for (int k = 0; k < 2; k++) {
		struct tui_app a;
		char *s, *p;
		int shown = 0;

		tui_app_init(&a, w, &opts);
		feed(&a, "2\r");
		ck_assert_int_eq(a.view, VIEW_WHY);
		s = render(&a, 24, cols[k]);
		/* the candidate rows: "│+1*  ..." below the table head */
		for (p = strstr(s, "\n\xe2\x94\x82+"); p; p = strstr(p + 1, "\n\xe2\x94\x82+")) {
			char row[1024];
			const char *eol = strchr(p + 1, '\n');

			snprintf(row, sizeof row, "%.*s", (int)(eol - p - 1), p + 1);
			shown++;
			ck_assert_msg(strstr(row, cols[k] == 80 ? "\xe2\x80\xa6>eastgate " : ">m8>eastgate ") != NULL,
				      "%d columns: the shortened route does not end with its last node: %s", cols[k], row);
		}
		ck_assert_int_gt(shown, 0);
		free(s);
		tui_app_done(&a);
	}
	smug_world_free(w);
}
END_TEST

START_TEST(test_tui_event_filter_and_story)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int all, some, i;
	int64_t seq;
	const struct smug_event *e;
	char *s;

	all = pane_events_count(&a);
	feed(&a, "5/SeIzEd\r"); /* case-insensitive */
	some = pane_events_count(&a);
	ck_assert_int_gt(some, 0);
	ck_assert_int_lt(some, all);
	for (i = 0; i < some; i++) {
		e = pane_events_at(&a, i, &seq);
		ck_assert_msg(e->kind == SMUG_EV_SHIPMENT_SEIZED || strstr(event_text(w, e), "SEIZED"), "%s", event_text(w, e));
	}
	/* every seizure the totals count is in the log */
	{
		int seized = 0;

		for (i = 0; i < some; i++)
			seized += pane_events_at(&a, i, &seq)->kind == SMUG_EV_SHIPMENT_SEIZED;
		ck_assert_int_eq(seized, w->tel.total.seized);
	}
	tui_handle_key(&a, '/');
	feed(&a, "commodity:narc kind:delivered\r");
	ck_assert_int_gt(pane_events_count(&a), 0);
	for (i = 0; i < pane_events_count(&a); i++) {
		e = pane_events_at(&a, i, &seq);
		ck_assert_int_eq(e->kind, SMUG_EV_SHIPMENT_DELIVERED);
		ck_assert_int_eq(e->commodity, SMUG_COMMODITY_NARCOTICS);
	}
	/* the filter keeps up as events arrive */
	some = pane_events_count(&a);
	tui_handle_key(&a, '.');
	ck_assert_int_ge(pane_events_count(&a), some);
	/* Enter: the shipment's story, from creation to outcome */
	e = pane_events_at(&a, pane_events_selected(&a), &seq);
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_STORY);
	ck_assert_uint_eq(a.story_shipment, e->shipment);
	s = render(&a, 40, 120);
	ck_assert_ptr_nonnull(strstr(s, " sent "));
	ck_assert_ptr_nonnull(strstr(s, " arrived "));
	free(s);
	tui_handle_key(&a, 27);
	tui_handle_key(&a, 27); /* Esc in the pane clears the filter */
	ck_assert_str_eq(a.filter, "");
	s = render(&a, 40, 120);
	ck_assert_ptr_nonnull(strstr(s, "credits"));
	free(s);
	close_app(&a, w);
}
END_TEST

/* The filter finds a border by the name the panes show ("23.0|24.0", the
 * nodes' ids without the prefix they all share), alone or after border:,
 * as it finds it by its full id ("n:23.0|n:24.0"). */
START_TEST(test_tui_event_filter_finds_the_border_shown)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	const struct smug_event *e = NULL;
	char shown[64], filter[160];
	int64_t seq;
	int c = -1, by_id;

	for (int i = 0; i < pane_events_count(&a) && c < 0; i++)
		if ((e = pane_events_at(&a, i, &seq))->corridor >= 0)
			c = e->corridor;
	ck_assert_int_ge(c, 0);
	tui_short_corridor(&a, c, shown, sizeof shown);
	ck_assert_msg(strcmp(shown, w->corridors[c].id) != 0, "the panes show the full id '%s': pick another world",
		      shown);
	snprintf(filter, sizeof filter, "5/border:%s\r", w->corridors[c].id);
	feed(&a, filter);
	by_id = pane_events_count(&a);
	ck_assert_int_gt(by_id, 0);
	for (int k = 0; k < 2; k++) {
		tui_handle_key(&a, '/');
		snprintf(filter, sizeof filter, "%s%s\r", k ? "" : "border:", shown);
		feed(&a, filter);
		ck_assert_msg(pane_events_count(&a) == by_id, "filter '%s': %d events, '%s' finds %d", a.filter,
			      pane_events_count(&a), w->corridors[c].id, by_id);
		for (int i = 0; i < pane_events_count(&a); i++) {
			e = pane_events_at(&a, i, &seq);
			ck_assert_msg(e->corridor == c || k == 1, "filter '%s' finds an event of another border", a.filter);
		}
	}
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_panes_by_number_shift_tab_and_mouse)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);

	draw(&a, 48, 160);
	tui_handle_key(&a, '5');
	ck_assert_int_eq(a.focus, PANE_EVENTS);
	tui_handle_key(&a, KEY_BTAB);
	ck_assert_int_eq(a.focus, PANE_MAP);
	tui_handle_key(&a, '1');
	ck_assert_int_eq(a.focus, PANE_FACTIONS);
	/* a click on the third faction's row focuses and selects it */
	{
		const struct tui_rect *r = &a.pane_rect[PANE_FACTIONS];
		int fac[SMUG_FACTIONS_MAX];

		tui_network_factions(w, fac, SMUG_FACTIONS_MAX);
		tui_handle_key(&a, '2');
		tui_click(&a, r->y + 2 + 2 * 2, r->x + 3);
		ck_assert_int_eq(a.focus, PANE_FACTIONS);
		ck_assert_int_eq(a.faction, fac[2]);
	}
	/* a click in the border table selects that border */
	{
		const struct tui_rect *r = &a.pane_rect[PANE_BORDERS];
		int n, *rows = pane_borders_rows(&a, &n);

		tui_click(&a, r->y + 1 + 2 + 3, r->x + 4); /* frame, two header rows, the fourth row */
		ck_assert_int_eq(a.focus, PANE_BORDERS);
		ck_assert_int_eq(a.border, rows[3]);
		free(rows);
	}
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_keys_help_quit)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *s;

	tui_handle_key(&a, '.');
	tui_handle_key(&a, '?');
	ck_assert_int_eq(a.view, VIEW_HELP);
	s = render(&a, 48, 160);
	ck_assert_ptr_nonnull(strstr(s, "crackdown on the selected border"));
	free(s);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	/* unsaved: q asks first, n keeps running, y quits */
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	ck_assert(tui_handle_key(&a, 'n'));
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert(!tui_handle_key(&a, 'y'));
	close_app(&a, w);
}
END_TEST

/* The set of contexts a where-text names ("everywhere", "everywhere but
 * A and B", "all panes, C, D and E"), as ctx bits; -1 for a name that
 * is no context's. */
static long where_names(const char *text)
{
	char buf[256], *p;
	unsigned all = (1u << CTX_COUNT) - 1, set = 0;
	bool but = false;

	if (strcmp(text, "everywhere") == 0)
		return all;
	if (strncmp(text, "everywhere but ", 15) == 0) {
		but = true;
		text += 15;
	}
	snprintf(buf, sizeof buf, "%s", text);
	for (p = buf; *p;) {
		char *end = p + strcspn(p, ",");
		char *conj = strstr(p, " and ");
		int c;
		bool last;

		if (conj != NULL && conj < end)
			end = conj;
		last = *end == '\0';
		*end = '\0';
		if (strcmp(p, "all panes") == 0)
			set |= CTX_ALL_PANES;
		else {
			for (c = 0; c < CTX_COUNT && strcmp(p, keymap_ctx_name((enum tui_ctx)c)) != 0; c++)
				;
			if (c == CTX_COUNT)
				return -1;
			set |= 1u << c;
		}
		if (last)
			break;
		p = end + 1;
		p += strspn(p, " ");
		if (strncmp(p, "and ", 4) == 0)
			p += 4;
	}
	return but ? (long)(all & ~set) : (long)set;
}

/* The help says where each key works in words that name exactly the
 * places it works: "everywhere but" the few it does not, when that is
 * shorter than the list. */
START_TEST(test_tui_help_says_where_each_key_works)
{
	int n;
	const struct tui_key *k = keymap_table(&n);
	unsigned all = (1u << CTX_COUNT) - 1;
	int buts = 0;

	for (int i = 0; i < n; i++) {
		char where[256];
		long got;
		int missing = 0;

		if (k[i].label[0] == '\0')
			continue;
		keymap_where(k[i].ctx, where, sizeof where);
		got = where_names(where);
		ck_assert_msg(got == (long)(k[i].ctx & all), "key %s works in contexts %#x; the help says '%s' (%#lx)",
			      k[i].label, k[i].ctx & all, where, got);
		for (int c = 0; c < CTX_COUNT; c++)
			missing += !(k[i].ctx & (1u << c));
		ck_assert_msg((strncmp(where, "everywhere but ", 15) == 0) == (missing > 0 && missing <= 3),
			      "key %s, missing from %d places: '%s'", k[i].label, missing, where);
		buts += strncmp(where, "everywhere but ", 15) == 0;
	}
	ck_assert_int_ge(buts, 10); /* stepping, running, saving: all but the seed list and the help */
}
END_TEST

/* A focused pane's title too long for its top border at 80 columns is
 * cut inside its brackets and the frame's line goes on right after it:
 * the Events pane under the filter 'border:n:23.0|n:24.0 kind:seizure'
 * read "[Events  match 'border:…   ─┐", the "]" lost and blank columns
 * left where the cut stopped before a number. For each pane focused, at
 * 80x24 and 120x40: the row's title ends in "]" right before the line. */
START_TEST(test_tui_cut_pane_title_keeps_its_bracket)
{
	static const int pane_sizes[][2] = {{24, 80}, {40, 120}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int cut = 0;

	feed(&a, "5/border:n:23.0|n:24.0 kind:seizure\r");
	for (int p = 0; p < 5; p++) {
		tui_handle_key(&a, '1' + p);
		for (size_t z = 0; z < sizeof pane_sizes / sizeof pane_sizes[0]; z++) {
			char *s = render(&a, pane_sizes[z][0], pane_sizes[z][1]);

			for (const char *open = strchr(s, '['); open; open = strchr(open + 1, '[')) {
				const char *close;

				if (open - s < 3 || strncmp(open - 3, "\xe2\x94\x8c", 3) != 0)
					continue; /* not a title: a title follows its frame's corner */
				/* the title: from "[" to the frame's line or its corner */
				close = open;
				while (*close && *close != '\n' && strncmp(close, "\xe2\x94\x80", 3) != 0 &&
				       strncmp(close, "\xe2\x94\x90", 3) != 0)
					close++;
				ck_assert_msg(close > open && close[-1] == ']' && close[-2] != ' ',
					      "pane %d focused at %dx%d: the title '%.*s' does not end in ']' before the line:\n%s",
					      p + 1, pane_sizes[z][0], pane_sizes[z][1], (int)(close - open), open, s);
				cut += strstr(open, "\xe2\x80\xa6]") == open + (close - open) - 4;
			}
			free(s);
		}
	}
	ck_assert_msg(cut >= 1, "no title was cut: the test shows nothing");
	close_app(&a, w);
}
END_TEST

/* The help tells what the prompts take (Backspace, Ctrl-U, Up/Down for
 * the earlier answers, Enter, Esc), which prompt_edit handles and the
 * help did not name, and says what Enter does in every view it works in:
 * its line named Routes, Events, Borders and the why view, and said
 * nothing of the load, compare and config views where Enter loads the
 * seed, keeps the branch shown and edits the knob. */
START_TEST(test_tui_help_names_the_prompt_keys_and_every_enter)
{
	static const char *const want[] = {
		"Prompts", "Backspace", "Ctrl-U", "Up/Down", "earlier answers", "Esc cancels",
		"load: load the seed", "compare: keep the branch shown", "config: edit a knob",
	};
	static const enum tui_ctx enter_in[] = {CTX_ROUTES, CTX_EVENTS, CTX_BORDERS, CTX_WHY,
						CTX_LOAD,   CTX_COMPARE, CTX_CONFIG};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 3);
	char *s, where[256];
	int n;
	const struct tui_key *k = keymap_table(&n);

	tui_handle_key(&a, '?');
	ck_assert_int_eq(a.view, VIEW_HELP);
	s = render(&a, 48, 160); /* the help scrolls: read it a page at a time */
	for (int page = 0; page < 4; page++) {
		char *more;

		tui_handle_key(&a, KEY_NPAGE);
		more = render(&a, 48, 160);
		s = realloc(s, strlen(s) + strlen(more) + 1);
		strcat(s, more);
		free(more);
	}
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(s, want[i]) != NULL, "the help does not say '%s'", want[i]);
	free(s);
	/* Enter's line says where it works: every view that takes it */
	for (int i = 0; i < n; i++)
		if (k[i].action == ACT_ENTER && k[i].label[0] != '\0') {
			keymap_where(k[i].ctx, where, sizeof where);
			for (size_t c = 0; c < sizeof enter_in / sizeof enter_in[0]; c++) {
				ck_assert_msg(strstr(where, keymap_ctx_name(enter_in[c])) != NULL,
					      "Enter's help line works in '%s', not %s", where,
					      keymap_ctx_name(enter_in[c]));
				ck_assert_int_eq(keymap_lookup('\r', enter_in[c]), ACT_ENTER);
				ck_assert_int_eq(keymap_lookup('\n', enter_in[c]), ACT_ENTER);
				ck_assert_int_eq(keymap_lookup(KEY_ENTER, enter_in[c]), ACT_ENTER);
			}
		}
	close_app(&a, w);
}
END_TEST

/* smugnet(1)'s KEYS section is the key table's. */
/* The chart view's < and > show fewer or more days (30, 90, 180, 365),
 * and the help says so under g: it did not (< and > read 'sort by the
 * column to the left (Borders, commodities view)'), so the chart's span
 * was a key no one was told of. On day 200. */
START_TEST(test_tui_help_says_what_the_chart_keys_do)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 200);
	char *screen, line[512];

	feed(&a, "?");
	screen = render(&a, 40, 160); /* g's line whole on one row */
	if (line_with(screen, "chart view of the selected faction", line, sizeof line) == NULL) {
		fputs(screen, stderr);
		ck_abort_msg("the help has no line for g");
	}
	free(screen);
	ck_assert_msg(strstr(line, "< and > show fewer or more days") != NULL, "the help under g: '%s'", line);
	feed(&a, "\x1b" "1g");
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert(screen_has(&a, "Chart of the faction: the last 90 days"));
	feed(&a, ">");
	ck_assert(screen_has(&a, "Chart of the faction: the last 180 days"));
	feed(&a, "<<");
	ck_assert(screen_has(&a, "Chart of the faction: the last 30 days"));
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_man_keys_match_the_table)
{
	char path[1024], *man, *want, *at, *end;

	snprintf(path, sizeof path, "%s/man/smugnet.1", SRCDIR);
	man = test_slurp(path, NULL);
	ck_assert_ptr_nonnull(man);
	want = keymap_mdoc();
	if (getenv("SMUGNET_SHOW_KEYS"))
		fputs(want, stdout);
	at = strstr(man, ".Sh KEYS\n");
	ck_assert_ptr_nonnull(at);
	at = strstr(at, ".Bl -tag -width \"Right/l\"\n");
	ck_assert_ptr_nonnull(at);
	end = strstr(at, ".El\n");
	ck_assert_ptr_nonnull(end);
	end[4] = '\0';
	if (strcmp(at, want) != 0) {
		fprintf(stderr, "%s", want);
		ck_abort_msg("man/smugnet.1 KEYS differs from the key table; it should read as printed above");
	}
	free(want);
	free(man);
}
END_TEST

START_TEST(test_tui_too_small_says_size)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	char *s;

	s = render(&a, 20, 70);
	ck_assert_ptr_nonnull(strstr(s, "at least 80x24"));
	ck_assert_ptr_nonnull(strstr(s, "70x20"));
	free(s);
	s = render(&a, 24, 80);
	ck_assert_ptr_nonnull(strstr(s, "Factions"));
	free(s);
	close_app(&a, w);
}
END_TEST

/* A run goes on only on a screen that shows it: running (Space), the
 * terminal shrunk below 80x24 kept stepping days behind the notice,
 * which said keys are ignored, Space among them, so the run could not
 * even be paused. Now the run waits there, the notice says so, and it
 * goes on once the screen is 80x24 again. */
START_TEST(test_tui_too_small_holds_a_run)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *s, *flat;

	free(render(&a, 24, 80));
	tui_handle_key(&a, ' ');
	ck_assert(a.running);
	ck_assert(tui_ticking(&a));
	s = render_checked(&a, 20, 60, false);
	flat = unframed(s);
	ck_assert_msg(!tui_ticking(&a), "days still run on a 60x20 screen");
	ck_assert_msg(strstr(flat, "the run waits") != NULL, "the notice does not say the run waits:\n%s", s);
	free(flat);
	free(s);
	ck_assert(a.running); /* held, not paused */
	free(render(&a, 24, 80));
	ck_assert(tui_ticking(&a));
	close_app(&a, w);
}
END_TEST

/* Below 80x24 the screen shows only the notice, so no key acts unseen:
 * a step, a prompt or a typed digit are ignored; q quits when nothing
 * is unsaved and, when something is, asks on the small screen (wrapped
 * to its width) and is answered there. The notice wraps to the width
 * whole and says the other keys are ignored. */
START_TEST(test_tui_too_small_only_q_acts)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *s, *flat;

	tui_handle_key(&a, '.'); /* one day: unsaved */
	ck_assert_int_eq(w->day, 1);
	free(render_checked(&a, 23, 79, false));
	ck_assert(tui_handle_key(&a, '.'));
	ck_assert(tui_handle_key(&a, 'n'));
	ck_assert(tui_handle_key(&a, ' '));
	ck_assert(tui_handle_key(&a, '?'));
	ck_assert_int_eq(w->day, 1);
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert(!a.running);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	/* q asks, and the question is on the small screen */
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	s = render_checked(&a, 10, 40, false);
	flat = unframed(s);
	ck_assert_msg(strstr(flat, "Quit anyway? (y/n)") != NULL, "the quit question is not on a 40x10 screen:\n%s", s);
	ck_assert_msg(strstr(flat, "at least 80x24; this one is 40x10.") != NULL, "the notice is cut at 40x10:\n%s", s);
	ck_assert_msg(strstr(flat, "other keys are ignored") != NULL, "the notice does not say keys are ignored:\n%s", s);
	free(flat);
	free(s);
	/* a second q answers no, as at any size */
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_int_eq(w->day, 1);
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert(!tui_handle_key(&a, 'y'));
	/* a prompt left open before the terminal shrank takes no digits */
	free(render(&a, 24, 80));
	tui_handle_key(&a, 'n');
	ck_assert_int_eq(a.prompt, PROMPT_STEPS);
	free(render_checked(&a, 23, 79, false));
	feed(&a, "12");
	free(render(&a, 24, 80));
	ck_assert_str_eq(a.input.text, "30");
	tui_handle_key(&a, 27);
	/* saved: q quits at once */
	a.unsaved = false;
	free(render_checked(&a, 23, 79, false));
	ck_assert(!tui_handle_key(&a, 'q'));
	close_app(&a, w);
}
END_TEST

/* Ctrl-C is q: with unsaved changes it asks first (n stays), and from a
 * text prompt it leaves the prompt to ask; with nothing unsaved it quits. */
START_TEST(test_tui_ctrl_c_asks_like_q)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	ck_assert(!tui_handle_key(&a, 3)); /* nothing unsaved: quits */
	tui_handle_key(&a, '.');
	ck_assert(tui_handle_key(&a, 3));
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	ck_assert(tui_handle_key(&a, 'n'));
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_int_eq(w->day, 1);
	tui_handle_key(&a, 'n');
	ck_assert_int_eq(a.prompt, PROMPT_STEPS);
	ck_assert(tui_handle_key(&a, 3));
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	ck_assert(!tui_handle_key(&a, 'y'));
	close_app(&a, w);
}
END_TEST

/* q quits from every view, as the help and smugnet(1) say ("everywhere"):
 * with unsaved changes it asks there (n keeps the view open), without it
 * quits; Esc is what closes a view. */
START_TEST(test_tui_q_quits_from_every_view)
{
	static const char *const openers[] = {"g", "M", "v", "T", "C", "?", "o"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 3);

	for (int i = 0; i < (int)(sizeof openers / sizeof openers[0]); i++) {
		enum tui_view v;

		a.unsaved = false;
		feed(&a, openers[i]);
		v = a.view;
		ck_assert_msg(v != VIEW_MAIN, "%s opened no view", openers[i]);
		ck_assert_msg(!tui_handle_key(&a, 'q'), "q in the %s view does not quit", view_def(v)->name);
		a.unsaved = true;
		ck_assert(tui_handle_key(&a, 'q'));
		ck_assert_msg(a.prompt == PROMPT_QUIT, "q in the %s view with unsaved changes does not ask",
			      view_def(v)->name);
		ck_assert(tui_handle_key(&a, 'n'));
		ck_assert_int_eq(a.view, v);
		ck_assert(tui_handle_key(&a, 27));
		ck_assert_msg(a.view == VIEW_MAIN, "Esc does not close the %s view", view_def(v)->name);
	}
	close_app(&a, w);
}
END_TEST

/* A faction's chart has no border to crack down on: its footer does not
 * offer c, and c there says why and changes nothing; a border's chart
 * offers c and c cracks down on that border. */
START_TEST(test_tui_c_in_a_faction_chart)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	uint64_t before = smug_world_digest(w);
	char *s;

	feed(&a, "1g");
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert(!a.chart_border);
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(footer_row(s), "crackdown") == NULL, "a faction's chart offers c: %s", footer_row(s));
	free(s);
	tui_handle_key(&a, 'c');
	ck_assert_uint_eq(smug_world_digest(w), before);
	ck_assert(!a.unsaved);
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(footer_row(s), "a faction's chart has none") != NULL, "c in a faction's chart does not say why: %s",
		      footer_row(s));
	free(s);
	tui_handle_key(&a, 27);
	tui_handle_key(&a, '3');
	tui_select_border(&a, test_busiest_border(w));
	tui_handle_key(&a, 'g');
	ck_assert(a.chart_border);
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(footer_row(s), "c crackdown") != NULL, "a border's chart does not offer c: %s", footer_row(s));
	free(s);
	tui_handle_key(&a, 'c');
	ck_assert(smug_world_crackdown_on(w, test_busiest_border(w)));
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_ascii_has_no_utf8)
{
	struct smug_world *w = golden_world();
	struct tui_app a;
	const char *keys[] = {"", "v", "M", "3g", "2\r"};

	for (int k = 0; k < 5; k++) {
		char *s;

		tui_app_init(&a, w, &ascii_opts);
		feed(&a, keys[k]);
		s = render(&a, 48, 160);
		for (const char *p = s; *p; p++)
			ck_assert_msg((unsigned char)*p < 0x80, "non-ASCII byte in --ascii screen %d", k);
		free(s);
		tui_app_done(&a);
	}
	smug_world_free(w);
}
END_TEST

/* A generated world of 400 wards: every view fits, nothing cut. */
START_TEST(test_tui_large_world_fits)
{
	char *json = smug_scenario_generate(400, 3, 5);
	struct smug_world *w = NULL;
	struct smug_error err;
	const char *keys[] = {"", "v", "M", "Mzz", "3g", "2\r"};

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(w, 30);
	for (int k = 0; k < 6; k++)
		for (int sz = 0; sz < 3; sz++) {
			struct tui_app a;
			char *s;

			tui_app_init(&a, w, &opts);
			feed(&a, keys[k]);
			s = render(&a, sizes[sz][0], sizes[sz][1]);
			assert_no_cut_text("generated", s, sizes[sz][1]);
			free(s);
			tui_app_done(&a);
		}
	smug_world_free(w);
}
END_TEST

/* A world of more than 60 wards draws only its marked borders (traffic
 * or a crackdown) as lines until the map is zoomed in 4 times, then every
 * border: on day 0, before any crossing, the map of 400 wards has no line
 * at x1 and x2 and has them at x4. */
START_TEST(test_tui_map_of_a_large_world_draws_every_border_from_zoom_x4)
{
	char *json = smug_scenario_generate(400, 3, 5);
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	for (int z = 0; z <= 2; z++) {
		struct tui_grid *g = render_grid(&a, 48, 160);
		int lines = 0;

		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 160; x++)
				lines += grid_role(g, y, x) == ROLE_LINE;
		grid_free(g);
		if (z < 2)
			ck_assert_msg(lines == 0, "day 0, 400 wards, zoom x%d: %d cells of border lines, none is marked yet",
				      1 << z, lines);
		else
			ck_assert_msg(lines > 0, "day 0, 400 wards, zoom x4: no border line drawn");
		tui_handle_key(&a, 'z');
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

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
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int all, some, delivered = count_matching(w, "DELIVERED", NULL);
	int mine = count_matching(w, NULL, "syndicate");
	int64_t seq;

	all = pane_events_count(&a);
	ck_assert_int_eq(all, w->tel.event_count);
	ck_assert_int_gt(delivered, 0);
	ck_assert_int_lt(delivered, all);
	tui_handle_key(&a, '5');
	ck_assert_int_eq(a.focus, PANE_EVENTS);
	tui_handle_key(&a, '/');
	feed(&a, "DELIVERED\n");
	/* exactly the matching events stay, and the pane says it is filtered */
	some = pane_events_count(&a);
	ck_assert_int_eq(some, delivered);
	for (int i = 0; i < some; i++)
		ck_assert_ptr_nonnull(strstr(smug_event_kind_name(pane_events_at(&a, i, &seq)->kind), "DELIVERED"));
	ck_assert(screen_has(&a, "match 'DELIVERED'"));
	/* Esc clears the filter */
	tui_handle_key(&a, 27);
	ck_assert_int_eq(pane_events_count(&a), all);
	ck_assert(!screen_has(&a, "match '"));
	/* a faction id filters by faction */
	ck_assert_int_gt(mine, 0);
	ck_assert_int_lt(mine, all);
	tui_handle_key(&a, '/');
	feed(&a, "syndicate\n");
	some = pane_events_count(&a);
	ck_assert_int_eq(some, mine);
	for (int i = 0; i < some; i++)
		ck_assert_str_eq(w->factions[pane_events_at(&a, i, &seq)->faction].id, "syndicate");
	close_app(&a, w);
}
END_TEST

/* A filter set on the Events pane selects the newest matching event and
 * follows the log from there, wherever the selection was before: with an
 * event 40 rows up selected, the filter DELIVERED selects the newest
 * delivery, and after a day's step the newest again. */
START_TEST(test_tui_event_filter_selects_the_newest_match)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int64_t seq, old;
	int n;

	tui_handle_key(&a, '5');
	for (int k = 0; k < 40; k++)
		tui_handle_key(&a, KEY_UP);
	pane_events_at(&a, pane_events_selected(&a), &old);
	ck_assert_int_eq(a.event_sel, old);
	tui_handle_key(&a, '/');
	feed(&a, "DELIVERED\r");
	ck_assert_str_eq(a.filter, "DELIVERED");
	n = pane_events_count(&a);
	pane_events_at(&a, n - 1, &seq);
	ck_assert_msg(seq > old, "no delivery after the event selected before the filter: pick another day");
	ck_assert_msg(pane_events_selected(&a) == n - 1, "the filter DELIVERED selects match %d of %d, want the newest",
		      pane_events_selected(&a), n);
	tui_handle_key(&a, '.');
	n = pane_events_count(&a);
	ck_assert_msg(pane_events_selected(&a) == n - 1, "a day after the filter, match %d of %d selected, want the newest",
		      pane_events_selected(&a), n);
	close_app(&a, w);
}
END_TEST

/* Up and Down on an Events pane whose filter matches nothing move
 * nothing: the pane keeps following the log, so once the filter is
 * cleared the newest event is selected. */
START_TEST(test_tui_event_keys_on_an_empty_filter_move_nothing)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int n;

	feed(&a, "5/nosuchword\r");
	ck_assert_str_eq(a.filter, "nosuchword");
	ck_assert_int_eq(pane_events_count(&a), 0);
	tui_handle_key(&a, KEY_UP);
	tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, KEY_UP);
	ck_assert_msg(a.event_sel == -1, "Up and Down on a filter that matches nothing selected event %lld",
		      (long long)a.event_sel);
	ck_assert_int_eq(pane_events_selected(&a), -1);
	tui_handle_key(&a, 27); /* Esc clears the filter */
	ck_assert_str_eq(a.filter, "");
	n = pane_events_count(&a);
	ck_assert_int_gt(n, 0);
	ck_assert_msg(pane_events_selected(&a) == n - 1, "the filter cleared: event %d of %d selected, want the newest",
		      pane_events_selected(&a), n);
	close_app(&a, w);
}
END_TEST

/* A filter kept while the event log's ring wraps (it keeps the last
 * SMUG_EVENT_CAP events; the default world logs its 100,000th on day
 * 2120) lists exactly the matching events the log still holds, the
 * first of them the oldest one kept. */
START_TEST(test_tui_event_filter_follows_the_ring_when_it_wraps)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 2100);
	int64_t seq;

	ck_assert_int_lt(w->tel.events_total, SMUG_EVENT_CAP);
	feed(&a, "5/DELIVERED\n");
	ck_assert_int_eq(pane_events_count(&a), count_matching(w, "DELIVERED", NULL));
	tui_handle_key(&a, 'n');
	feed(&a, "100\r");
	ck_assert_int_eq(w->day, 2200);
	ck_assert_uint_gt(w->tel.events_total, SMUG_EVENT_CAP + 1000);
	ck_assert_msg(pane_events_count(&a) == count_matching(w, "DELIVERED", NULL),
		      "day 2200, %llu events logged, %d kept: the filter lists %d, the log holds %d that match",
		      (unsigned long long)w->tel.events_total, w->tel.event_count, pane_events_count(&a),
		      count_matching(w, "DELIVERED", NULL));
	for (int i = 0; i < w->tel.event_count; i++)
		if (strstr(smug_event_kind_name(smug_event_at(&w->tel, i)->kind), "DELIVERED")) {
			ck_assert_msg(pane_events_at(&a, 0, &seq) == smug_event_at(&w->tel, i),
				      "the filter's first event is not the oldest matching one kept");
			break;
		}
	close_app(&a, w);
}
END_TEST

/* The Events pane's shipment column (8 wide) shows a shipment number
 * that fills it, "#1000000" once a run has made a million shipments, and
 * leaves out one too wide for it rather than cut it to "#…". */
START_TEST(test_tui_events_shipment_number_that_fills_its_column)
{
	static const struct {
		uint64_t first;
		const char *shown, *not_shown;
	} cases[] = {{1000000, "#100000", NULL}, {10000000, NULL, "#\xe2\x80\xa6"}};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, 0);
		char *s;

		w->next_shipment_id = cases[k].first;
		smug_cmd_step(w, 1);
		ck_assert_uint_gt(w->next_shipment_id, cases[k].first + 3);
		s = render(&a, 48, 200);
		ck_assert_msg(strstr(s, "shipment") != NULL, "no shipment column at 200 columns");
		if (cases[k].shown)
			ck_assert_msg(strstr(s, cases[k].shown) != NULL, "no %s... on the screen", cases[k].shown);
		if (cases[k].not_shown)
			ck_assert_msg(strstr(s, cases[k].not_shown) == NULL, "a shipment number cut on the screen");
		free(s);
		close_app(&a, w);
	}
}
END_TEST

/* A story opened from the Events pane starts at its first event, even
 * after another story was scrolled: the screen is the one a fresh cockpit
 * shows for that story. */
START_TEST(test_tui_story_opens_at_its_first_event)
{
	struct tui_app a, fresh;
	struct smug_world *w = open_at(&a, 30);
	char *was, *now;
	int64_t seq;

	tui_app_init(&fresh, w, &opts);
	feed(&a, "5/kind:check\n");
	feed(&fresh, "5/kind:check\n");
	ck_assert_int_gt(pane_events_count(&a), 3);
	tui_handle_key(&a, KEY_END);
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.view, VIEW_STORY);
	for (int i = 0; i < 3; i++)
		tui_handle_key(&a, KEY_DOWN);
	draw(&a, 48, 160);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	tui_handle_key(&a, KEY_UP);
	tui_handle_key(&a, '\n');
	tui_handle_key(&fresh, KEY_END);
	tui_handle_key(&fresh, KEY_UP);
	tui_handle_key(&fresh, '\n');
	ck_assert_int_eq(a.view, VIEW_STORY);
	ck_assert_uint_eq(a.story_shipment, pane_events_at(&fresh, pane_events_selected(&fresh), &seq)->shipment);
	ck_assert_uint_eq(a.story_shipment, fresh.story_shipment);
	was = render(&fresh, 48, 160);
	now = render(&a, 48, 160);
	if (strcmp(now, was) != 0) {
		fprintf(stderr, "%s", now);
		ck_abort_msg("shipment #%llu's story, opened after another was scrolled, is not the fresh one",
			     (unsigned long long)a.story_shipment);
	}
	free(was);
	free(now);
	tui_app_done(&fresh);
	close_app(&a, w);
}
END_TEST

/* A story scrolled past its end keeps its last page full: its last event
 * on the screen's last inner row, not an empty table under its head. */
START_TEST(test_tui_story_scrolled_past_its_end_shows_its_last_events)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_telemetry *t = &w->tel;
	const struct smug_event *e = NULL;
	int64_t seq;
	uint64_t id = 0;
	int best = 0;
	char tag[32], day[16];

	/* the shipment with the most events in the log */
	for (int i = 0; i < pane_events_count(&a); i++) {
		uint64_t s = pane_events_at(&a, i, &seq)->shipment;
		int n = 0;

		for (int j = 0; s && j < t->event_count; j++)
			n += smug_event_at(t, j)->shipment == s;
		if (n > best) {
			best = n;
			id = s;
		}
	}
	ck_assert_int_ge(best, 3);
	for (int j = 0; j < t->event_count; j++)
		if (smug_event_at(t, j)->shipment == id)
			e = smug_event_at(t, j);
	snprintf(tag, sizeof tag, " #%llu ", (unsigned long long)id);
	snprintf(day, sizeof day, "\xe2\x94\x82%3d ", e->day); /* the frame, then the day column */
	a.story_shipment = id;
	view_open(&a, VIEW_STORY);
	ck_assert_int_eq(a.view, VIEW_STORY);
	for (int i = 0; i < 200; i++)
		tui_handle_key(&a, KEY_DOWN);
	for (int rows = 24; rows <= 48; rows += 8) {
		char *s = render(&a, rows, 100), *last = NULL;
		int shown = 0, want = best < rows - 12 ? best : rows - 12;

		for (char *p = s, *eol; (eol = strchr(p, '\n')) != NULL; p = eol + 1) {
			*eol = '\0';
			if (strstr(p, tag)) {
				shown++;
				last = p;
			}
			*eol = '\n';
		}
		ck_assert_msg(shown >= want && last != NULL && strncmp(last, day, strlen(day)) == 0,
			      "%dx100, scrolled 200 rows down a story of %d events: %d of them shown, the last %s the "
			      "story's last (day %d):\n%s",
			      rows, best, shown, last && strncmp(last, day, strlen(day)) == 0 ? "is" : "is not", e->day, s);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* The story view alone drawn on a canvas of rows x cols; the caller
 * frees the text. */
static char *story_on_canvas(struct tui_app *a, int rows, int cols)
{
	struct tui_grid *g = grid_new(rows, cols);
	struct canvas cv = {&a->th, NULL, g, 0, 0, rows, cols};
	char *text;

	view_story_draw(a, &cv);
	text = grid_dump(g);
	grid_free(g);
	return text;
}

/* The rows of screen s that show an event of shipment `tag` (" #id "),
 * up to max, copied; how many. */
static int story_rows(const char *s, const char *tag, char rows[][256], int max)
{
	int n = 0;

	for (const char *p = s, *eol; (eol = strchr(p, '\n')) != NULL && n < max; p = eol + 1) {
		snprintf(rows[n], 256, "%.*s", (int)(eol - p), p);
		n += strstr(rows[n], tag) != NULL;
	}
	return n;
}

/* Down in a story longer than its view moves it by one event: the
 * second event on the top row, one more event at the bottom; Up moves
 * it back. (The story view alone on a canvas of 12 rows: at the
 * cockpit's least height it holds 19 events, more than the longest
 * stories of the default world.) */
START_TEST(test_tui_story_down_scrolls_by_one_event)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_telemetry *t = &w->tel;
	uint64_t id = 0, top = 0;
	int best = 0, n0, n1, n2, *count;
	char tag[32], *s, before[64][256], after[64][256], back[64][256];

	for (int i = 0; i < t->event_count; i++) /* the shipment with the most events in the log */
		top = smug_event_at(t, i)->shipment > top ? smug_event_at(t, i)->shipment : top;
	count = calloc(top + 1, sizeof *count);
	for (int i = 0; i < t->event_count; i++) {
		uint64_t sh = smug_event_at(t, i)->shipment;

		if (sh && ++count[sh] > best) {
			best = count[sh];
			id = sh;
		}
	}
	free(count);
	snprintf(tag, sizeof tag, " #%llu ", (unsigned long long)id);
	a.story_shipment = id;
	view_open(&a, VIEW_STORY);
	s = story_on_canvas(&a, 12, 80);
	n0 = story_rows(s, tag, before, 64);
	free(s);
	ck_assert_msg(n0 > 1 && n0 < best, "a story of %d events shows %d on 12 rows: it does not need scrolling", best, n0);
	tui_handle_key(&a, KEY_DOWN);
	s = story_on_canvas(&a, 12, 80);
	n1 = story_rows(s, tag, after, 64);
	free(s);
	ck_assert_msg(n1 == n0 && strcmp(after[0], before[1]) == 0 && strcmp(after[n1 - 2], before[n0 - 1]) == 0,
		      "Down in a story of %d events (%d shown): its top row '%s', want the second '%s'", best, n0, after[0],
		      before[1]);
	tui_handle_key(&a, KEY_UP);
	s = story_on_canvas(&a, 12, 80);
	n2 = story_rows(s, tag, back, 64);
	free(s);
	ck_assert_msg(n2 == n0 && strcmp(back[0], before[0]) == 0, "Up after Down: the top row '%s', want '%s'", back[0],
		      before[0]);
	close_app(&a, w);
}
END_TEST

/* The story of a shipment whose events the log no longer holds (it
 * keeps the last SMUG_EVENT_CAP; the default world has logged more by
 * day 2200, and none of shipment #1's, from its first days, is left)
 * says so on the second row inside the frame, from its left edge on,
 * instead of showing an empty story. */
START_TEST(test_tui_story_of_a_shipment_the_log_dropped_says_so)
{
	static const char want[] = "\xe2\x94\x82the event log no longer holds this shipment's events (it keeps the last "
				   "100,000)"; /* │, then the text */
	struct tui_app a;
	struct smug_world *w = open_at(&a, 2200);
	const char *row;
	char *s;

	ck_assert_uint_gt(w->tel.events_total, SMUG_EVENT_CAP);
	for (int i = 0; i < w->tel.event_count; i++)
		ck_assert_uint_ne(smug_event_at(&w->tel, i)->shipment, 1);
	a.story_shipment = 1;
	view_open(&a, VIEW_STORY);
	ck_assert_int_eq(a.view, VIEW_STORY);
	s = story_on_canvas(&a, 12, 100);
	row = strchr(s, '\n');
	row = row ? strchr(row + 1, '\n') : NULL; /* the second row under the frame's top */
	ck_assert_msg(row != NULL && strncmp(row + 1, want, strlen(want)) == 0,
		      "the story of shipment #1 at day 2200 does not say, on its second row, that the log no longer "
		      "holds its events:\n%s",
		      s);
	free(s);
	close_app(&a, w);
}
END_TEST

/* The story of a shipment still in transit opens with two lines inside
 * the frame, each from its left edge on: who moves what and how many of
 * its events the log holds, then its cargo, bribe budget, hop and route. */
START_TEST(test_tui_story_of_a_shipment_in_transit_starts_at_the_left_edge)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_shipment *sh;
	static const char cargo[] = "\xe2\x94\x82" "cargo "; /* │, then the text */
	char head[256], *s;
	const char *row;
	int events = 0;

	ck_assert_int_gt(w->n_shipments, 0);
	sh = smug_shipment_in_transit(w, 0);
	for (int i = 0; i < w->tel.event_count; i++)
		events += smug_event_at(&w->tel, i)->shipment == sh->id;
	ck_assert_int_gt(events, 0);
	snprintf(head, sizeof head, "\xe2\x94\x82%s moves %s; %d events in the log; still in transit",
		 w->factions[sh->faction].id, tui_commodity_short(sh->commodity), events); /* │, then the text */
	a.story_shipment = sh->id;
	view_open(&a, VIEW_STORY);
	s = story_on_canvas(&a, 12, 160);
	row = strchr(s, '\n'); /* the first row under the frame's top */
	ck_assert_msg(row != NULL && strncmp(row + 1, head, strlen(head)) == 0,
		      "shipment #%llu's story does not open with '%s' from the frame's left edge:\n%s",
		      (unsigned long long)sh->id, head + 3, s);
	row = strchr(row + 1, '\n'); /* the second */
	ck_assert_msg(row != NULL && strncmp(row + 1, cargo, strlen(cargo)) == 0,
		      "shipment #%llu's story does not give its cargo on the second row from the frame's left edge:\n%s",
		      (unsigned long long)sh->id, s);
	free(s);
	close_app(&a, w);
}
END_TEST

/* The trend arrow of border c's row in the Borders pane ("" if none). */
static const char *border_row_trend(struct tui_app *a, int c, char *row, size_t size)
{
	static const char *const arrows[] = {"\xe2\x86\x91", "\xe2\x86\x93", "\xe2\x86\x92"}; /* ↑ ↓ → */
	char id[64], head[80], *s;
	const char *at, *found = "";

	tui_select_border(a, c);
	s = render(a, 48, 160);
	tui_short_corridor(a, c, id, sizeof id);
	snprintf(head, sizeof head, "\xe2\x94\x82%s ", id); /* the pane's frame, then the border's id */
	at = strstr(s, head);
	ck_assert_msg(at != NULL, "border %s has no row", id);
	at += strlen(head);
	snprintf(row, size, "%.*s", (int)(strstr(at, "\xe2\x94\x82") - at), at); /* up to the frame */
	for (int i = 0; i < 3; i++)
		if (strstr(row, arrows[i]) != NULL) {
			ck_assert_msg(*found == '\0', "border %s shows two arrows: %s", id, row);
			found = arrows[i];
		}
	free(s);
	return found;
}

/* The Borders pane's trend arrow compares a border's last 3 days with the
 * 4 before them, as smugnet(1) says: day by day on the default world, a
 * border whose traffic stopped in the last 3 days after two crossings or
 * more in the 4 before points down (a single crossing is too few to call
 * a trend), one whose traffic began in the last 3 days points up, and one
 * whose daily traffic held (three crossings or more, within a tenth of
 * the 4 days before) points right. */
START_TEST(test_tui_border_trend_compares_the_last_days)
{
	struct smug_world *w = world_at(10);
	struct tui_app a;
	bool down = false, up = false, steady = false;

	tui_app_init(&a, w, &opts);
	for (int day = 11; day <= 120 && !(down && up && steady); day++) {
		smug_cmd_step(w, 1);
		for (int c = 0; c < w->n_corridors; c++) {
			struct smug_border_day recent, before;
			const char *arrow, *want;
			char row[512];

			if (!w->corridors[c].border)
				continue;
			smug_border_window_sum(w, c, w->day - 2, w->day, &recent);
			smug_border_window_sum(w, c, w->day - 6, w->day - 3, &before);
			if (recent.traffic == 0 && before.traffic >= 2 && !down)
				want = "\xe2\x86\x93";
			else if (before.traffic == 0 && recent.traffic > 0 && !up)
				want = "\xe2\x86\x91";
			else if (recent.traffic >= 3 && fabs(recent.traffic / 3.0 - before.traffic / 4.0) <= 0.1 * before.traffic / 4.0 &&
				 !steady)
				want = "\xe2\x86\x92"; /* the same daily traffic, within a tenth */
			else
				continue;
			arrow = border_row_trend(&a, c, row, sizeof row);
			ck_assert_msg(strcmp(arrow, want) == 0,
				      "day %d, %s: traffic %d in the last 3 days, %d in the 4 before, shows '%s' (want %s): %s",
				      w->day, w->corridors[c].id, recent.traffic, before.traffic, arrow, want, row);
			down |= recent.traffic == 0;
			up |= before.traffic == 0 && recent.traffic > 0;
			steady |= recent.traffic > 0 && before.traffic > 0;
		}
	}
	ck_assert_msg(down && up && steady, "no border stopped%s, began%s or kept its traffic%s", down ? " (found)" : "",
		      up ? " (found)" : "", steady ? " (found)" : "");
	close_app(&a, w);
}
END_TEST

/* Enter on an event opens its shipment's story; g charts its border. */
START_TEST(test_tui_enter_on_event_opens_its_story)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int n, opened = 0;
	int64_t seq;

	feed(&a, "5/kind:check\n");
	n = pane_events_count(&a);
	ck_assert_int_gt(n, 3);
	for (int up = 0; up < 3; up++) {
		const struct smug_event *e = pane_events_at(&a, n - 1 - up, &seq);

		tui_handle_key(&a, KEY_END); /* follow the newest */
		for (int k = 0; k < up; k++)
			tui_handle_key(&a, KEY_UP);
		ck_assert_int_eq(pane_events_selected(&a), n - 1 - up);
		tui_handle_key(&a, '\n');
		ck_assert_int_eq(a.view, VIEW_STORY);
		ck_assert_uint_eq(a.story_shipment, e->shipment);
		{ /* the story counts the shipment's events in the log */
			int events = 0, fac = -1, com = -1;
			char want[160];

			for (int i = 0; i < w->tel.event_count; i++) {
				const struct smug_event *x = smug_event_at(&w->tel, i);

				if (x->shipment == e->shipment && events++ == 0) {
					fac = x->faction;
					com = x->commodity;
				}
			}
			ck_assert_int_ge(fac, 0);
			snprintf(want, sizeof want, "%s moves %s; %d event%s in the log", w->factions[fac].id,
				 com >= 0 ? tui_commodity_short(com) : "-", events, events == 1 ? "" : "s");
			ck_assert_msg(screen_has(&a, want), "the story does not say '%s'", want);
		}
		tui_handle_key(&a, 27);
		ck_assert_int_eq(a.view, VIEW_MAIN);
		tui_handle_key(&a, 'g');
		ck_assert_int_eq(a.view, VIEW_CHART);
		ck_assert(a.chart_border);
		ck_assert_int_eq(a.border, e->corridor);
		tui_handle_key(&a, 27);
		opened++;
	}
	ck_assert_int_eq(opened, 3);
	close_app(&a, w);
}
END_TEST

/* The story of a shipment sent on the last day with no check yet, its
 * one event in the log its sending, counts it in the singular: "1 event in the log", as
 * the log says "1 hop" and "after 1 day" (before: "1 events"). At 80x24. */
START_TEST(test_tui_story_counts_one_event_in_the_singular)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	const struct smug_event *e;
	int64_t seq;
	int events = 0;
	char want[200], *s;

	feed(&a, "5/kind:sent\n");
	tui_handle_key(&a, KEY_END);
	for (int up = 0; up < 100 && events != 1; up++) { /* the newest sending with no check after it */
		if (up > 0)
			tui_handle_key(&a, KEY_UP);
		e = pane_events_at(&a, pane_events_selected(&a), &seq);
		events = 0;
		for (int i = 0; i < w->tel.event_count; i++)
			events += smug_event_at(&w->tel, i)->shipment == e->shipment;
	}
	ck_assert_int_eq(events, 1);
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.view, VIEW_STORY);
	snprintf(want, sizeof want, "%s moves %s; 1 event in the log; still in transit", w->factions[e->faction].id,
		 tui_commodity_short(e->commodity));
	s = render(&a, 24, 80);
	if (strstr(s, want) == NULL)
		fputs(s, stderr);
	ck_assert_msg(strstr(s, want) != NULL, "the story does not say '%s'", want);
	free(s);
	close_app(&a, w);
}
END_TEST

/* A story opens with the shipment's faction, commodity and count of
 * events in the log, whether it has arrived or is still on its way; one
 * still on its way also shows its cargo, bribe budget, hop and route.
 * The first commodity (suit mods) is named like the others. */
START_TEST(test_tui_story_heads_with_the_shipment_and_its_cargo)
{
	static const char *const filters[] = {"5/kind:delivered\n", "5/kind:check\n",
					      "5/kind:delivered commodity:suit\n"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);

	for (int k = 0; k < 3; k++) {
		const struct smug_shipment *live = NULL;
		const struct smug_event *e;
		int events = 0, fac = -1, com = -1;
		int64_t seq;
		char want[200], v[40], b[40], *s;

		tui_handle_key(&a, 27);
		tui_handle_key(&a, 27); /* Esc in the pane clears the filter */
		feed(&a, filters[k]);
		tui_handle_key(&a, KEY_END);
		e = pane_events_at(&a, pane_events_selected(&a), &seq);
		for (int i = 0; i < w->n_shipments; i++)
			if (smug_shipment_in_transit(w, i)->id == e->shipment)
				live = smug_shipment_in_transit(w, i);
		ck_assert_msg(k == 1 ? live != NULL : live == NULL, "the newest %s event's shipment is %s in transit",
			      k == 1 ? "check" : "delivery", live ? "still" : "no longer");
		tui_handle_key(&a, '\n');
		ck_assert_int_eq(a.view, VIEW_STORY);
		for (int i = 0; i < w->tel.event_count; i++) {
			const struct smug_event *x = smug_event_at(&w->tel, i);

			if (x->shipment == e->shipment && events++ == 0) {
				fac = x->faction;
				com = x->commodity;
			}
		}
		ck_assert_msg(k < 2 || com == 0, "the newest suit mods delivery is of commodity %d", com);
		s = render(&a, 48, 160);
		snprintf(want, sizeof want, "%s moves %s; %d event%s in the log%s", w->factions[fac].id,
			 k == 2 ? "suit mods" : com >= 0 ? tui_commodity_short(com) : "-", events, events == 1 ? "" : "s",
			 live ? "; still in transit" : "");
		if (strstr(s, want) == NULL)
			fputs(s, stderr);
		ck_assert_msg(strstr(s, want) != NULL, "shipment #%llu's story does not say '%s'",
			      (unsigned long long)e->shipment, want);
		if (live) {
			fmt_credits(v, sizeof v, live->value);
			fmt_credits(b, sizeof b, live->bribe_budget_total);
			snprintf(want, sizeof want, "cargo %s cr, bribe budget %s cr, hop %d of %d, route ", v, b,
				 live->hop + 1, live->n_nodes - 1);
			if (strstr(s, want) == NULL)
				fputs(s, stderr);
			ck_assert_msg(strstr(s, want) != NULL, "shipment #%llu's story does not say '%s'",
				      (unsigned long long)e->shipment, want);
		}
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* What the Borders table sorts column col by for corridor c, as its
 * cells show it: a window's count or money (columns 1 to 15), the 7-day
 * seizure rate (none below any), the trend (none below any), the
 * crackdown (the newest first). */
static int64_t border_sort_value(const struct smug_world *w, int c, int col)
{
	struct smug_border_day d;
	const struct smug_crackdown *k;
	int m = (col - 1) / WIN_COUNT;

	if (col == 1 + 5 * WIN_COUNT) {
		tui_border_window(w, c, WIN_RECENT, &d);
		return d.traffic ? (int64_t)d.seizures * 100000 / d.traffic : -1;
	}
	if (col == 2 + 5 * WIN_COUNT)
		return tui_border_trend(w, c) == 2 ? -2 : tui_border_trend(w, c);
	if (col == 3 + 5 * WIN_COUNT)
		return (k = smug_world_crackdown_on(w, c)) ? 1000000 - k->start_day : 0;
	tui_border_window(w, c, (enum tui_window)((col - 1) % WIN_COUNT), &d);
	return m == 0 ? d.traffic : m == 1 ? d.inspections : m == 2 ? d.seizures : m == 3 ? d.bribes : d.tariffs;
}

/* Every column of the Borders table sorts its rows either way (> steps
 * through the columns shown, I inverts), and rows of equal value keep the
 * map's order, lowest corridor first, in both directions, so a re-sort
 * never shuffles ties. */
START_TEST(test_tui_border_sort_breaks_ties_by_corridor)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int n, *rows, n_cols, ties = 0, checked = 0;

	tui_handle_key(&a, '3');
	draw(&a, 60, 240); /* wide: ten columns or more */
	feed(&a, "><");	   /* the default column, named */
	n_cols = a.n_border_vis;
	ck_assert_int_ge(n_cols, 10);
	for (int k = 0; k < n_cols; k++) {
		for (int inv = 0; inv < 2; inv++) {
			int col = a.border_sort;

			rows = pane_borders_rows(&a, &n);
			ck_assert_int_gt(n, 5);
			for (int i = 0; col > 0 && i + 1 < n; i++) {
				int64_t x = border_sort_value(w, rows[i], col), y = border_sort_value(w, rows[i + 1], col);

				ck_assert_msg(a.border_desc ? x >= y : x <= y,
					      "column %d %s: row %d (corridor %d) %lld before row %d (corridor %d) %lld", col,
					      a.border_desc ? "descending" : "ascending", i, rows[i], (long long)x, i + 1,
					      rows[i + 1], (long long)y);
				if (x == y) {
					ck_assert_msg(rows[i] < rows[i + 1],
						      "column %d %s: rows %d and %d tie at %lld but list corridor %d before %d",
						      col, a.border_desc ? "descending" : "ascending", i, i + 1, (long long)x,
						      rows[i], rows[i + 1]);
					ties++;
				}
			}
			checked += col > 0;
			free(rows);
			tui_handle_key(&a, 'I');
			draw(&a, 60, 240);
		}
		tui_handle_key(&a, '>');
		draw(&a, 60, 240);
	}
	ck_assert_int_ge(checked, 2 * (n_cols - 1)); /* every column but the id, both ways */
	ck_assert_int_gt(ties, 0);		    /* and some rows tied */
	close_app(&a, w);
}
END_TEST

/* Sorted by the trend arrow, rising first (tr▾), the Borders table lists
 * the rising borders first and the quiet ones (no traffic in 7 days, no
 * arrow) last, as the seizure rate puts "none" below any rate; it listed
 * the quiet ones above every arrow, the rising ones under them. */
START_TEST(test_tui_border_trend_sort_puts_quiet_borders_last)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int n, *rows, quiet = 0, moving = 0;

	tui_handle_key(&a, '3');
	draw(&a, 60, 240);
	a.border_sort = 2 + 5 * WIN_COUNT; /* the trend column */
	a.border_desc = true;
	rows = pane_borders_rows(&a, &n);
	for (int i = 0; i < n; i++) {
		int t = tui_border_trend(w, rows[i]);

		quiet += t == 2;
		moving += t != 2;
		ck_assert_msg(t == 2 || quiet == 0, "row %d (corridor %d, trend %d) comes after %d quiet border(s)", i,
			      rows[i], t, quiet);
	}
	ck_assert_int_gt(quiet, 0);
	ck_assert_int_gt(moving, 0);
	ck_assert_int_eq(tui_border_trend(w, rows[0]), 1); /* rising first */
	free(rows);
	close_app(&a, w);
}
END_TEST

/* m cycles the map's heat measure; < > choose the table's sort column and
 * I inverts it; each order really sorts the rows. */
START_TEST(test_tui_borders_heat_and_sort_keys)
{
	static const char *const heat[] = {"traffic 7d", "seizure rate 7d", "bribes 7d"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int n, *rows, sorted_some = 0;

	tui_handle_key(&a, '3');
	ck_assert_int_eq(a.focus, PANE_BORDERS);
	for (int k = 0; k < 4; k++) {
		ck_assert_int_eq(a.heat, k % 3);
		ck_assert(screen_has(&a, heat[k % 3]));
		tui_handle_key(&a, 'm');
	}
	for (int k = 0; k < 6; k++) {
		int distinct = 0, sort = a.border_sort;
		struct smug_border_day d;

		rows = pane_borders_rows(&a, &n);
		ck_assert_int_gt(n, 5);
		/* the sorted column is a count or money of a window: check by value */
		for (int i = 0; sort > 0 && sort <= 15 && i + 1 < n; i++) {
			int64_t x, y;
			int m = (sort - 1) / WIN_COUNT;

			tui_border_window(w, rows[i], (enum tui_window)((sort - 1) % WIN_COUNT), &d);
			x = m == 0 ? d.traffic : m == 1 ? d.inspections : m == 2 ? d.seizures : m == 3 ? d.bribes : d.tariffs;
			tui_border_window(w, rows[i + 1], (enum tui_window)((sort - 1) % WIN_COUNT), &d);
			y = m == 0 ? d.traffic : m == 1 ? d.inspections : m == 2 ? d.seizures : m == 3 ? d.bribes : d.tariffs;
			if (a.border_desc)
				ck_assert_int_ge(x, y);
			else
				ck_assert_int_le(x, y);
			distinct += x != y;
		}
		sorted_some += distinct > 0;
		free(rows);
		tui_handle_key(&a, k % 2 ? 'I' : '>');
	}
	ck_assert_int_gt(sorted_some, 1); /* the orders checked told rows apart */
	close_app(&a, w);
}
END_TEST

/* Space runs and pauses; + and - change the speed within its table. */
START_TEST(test_tui_run_and_speed_keys)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);

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
	close_app(&a, w);
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
	tui_handle_key(&a, '\t');
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
	close_app(&a, w);
}
END_TEST

/* A world where no faction runs a network has no faction to select: the
 * Factions pane says "no smuggling factions", Left, Right and the list
 * keys leave the routes pane headed "2 Routes", of no faction (what it
 * says: test_tui_routes_without_factions), and g (chart) says there is no
 * faction to chart. */
START_TEST(test_tui_faction_keys_without_a_network_select_nothing)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"quiet\", \"name\": \"no crews\", \"seed\": 3,"
		" \"ledger\": {\"treasury\": 100000},"
		" \"wards\": [{\"id\": \"ward:a\", \"name\": \"Alpha\", \"ring\": 2, \"pos\": [-5, 0]},"
		"  {\"id\": \"ward:b\", \"name\": \"Beta\", \"ring\": 2, \"pos\": [5, 0]}],"
		" \"nodes\": [{\"id\": \"n:a\", \"ward\": \"ward:a\"}, {\"id\": \"n:b\", \"ward\": \"ward:b\"}],"
		" \"corridors\": [{\"a\": \"n:a\", \"b\": \"n:b\"}],"
		" \"factions\": [{\"id\": \"guild\", \"name\": \"The Guild\", \"kind\": \"guild\", \"home\": \"ward:a\","
		"   \"balance\": 1000, \"bribe_budget_fraction\": 0}]}";
	static const int keys[] = {KEY_RIGHT, KEY_LEFT, 'l', 'h'};
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "quiet.json", &w, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, 1);
	tui_app_init(&a, w, &opts);
	ck_assert_int_eq(a.faction, -1);
	ck_assert_msg(screen_has(&a, "no smuggling factions"), "the Factions pane does not say it is empty");
	for (int i = 0; i < 4; i++) {
		tui_handle_key(&a, keys[i]);
		ck_assert_msg(a.faction == -1, "key %d selected faction %d in a world without a network", keys[i], a.faction);
		ck_assert_msg(screen_has(&a, "2 Routes") && !screen_has(&a, "Routes of"),
			      "key %d: the routes pane names a faction", keys[i]);
	}
	/* nothing to chart either: g says so and opens no chart */
	tui_handle_key(&a, 'g');
	ck_assert_msg(a.view == VIEW_MAIN, "g in a world without a network opened view %d", a.view);
	ck_assert_msg(screen_has(&a, "no faction to chart"), "g in a world without a network: the status reads '%s'",
		      a.status);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A save that cannot be written (the vault's place is a file, not a
 * folder; root's permissions would not stop it) says so in the status
 * line with the reason, and the world stays unsaved under its old name;
 * o (load) says the vault cannot be listed, naming it. */
START_TEST(test_tui_save_that_fails_says_why)
{
	struct smug_world *w = world_at(10);
	struct tui_options o = opts;
	struct tui_app a;
	char root[] = "/tmp/smugnet-tui-XXXXXX";
	int fd = mkstemp(root);

	ck_assert_int_ge(fd, 0);
	close(fd);
	o.vault_root = root;
	tui_app_init(&a, w, &o);
	tui_handle_key(&a, '.');
	tui_handle_key(&a, 's');
	feed(&a, "one\n");
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_msg(strncmp(a.status, "save failed: ", 13) == 0 && strlen(a.status) > 13,
		      "saving into a vault that is a file: the status reads '%s'", a.status);
	ck_assert_msg(screen_has(&a, "save failed: "), "the failed save is not on the screen");
	ck_assert(a.unsaved);
	ck_assert_str_ne(a.seed_name, "one");
	/* nor can its seeds be listed: o says so and opens no list */
	tui_handle_key(&a, 'o');
	ck_assert_msg(a.view == VIEW_MAIN, "o on a vault that is a file opened view %d", a.view);
	ck_assert_msg(strncmp(a.status, "cannot list the vault: ", 23) == 0 && strstr(a.status, root) != NULL,
		      "o on a vault that is a file: the status reads '%s'", a.status);
	tui_app_done(&a);
	smug_world_free(w);
	unlink(root);
}
END_TEST

/* s saves (asking before overwriting an existing seed), o loads. */
START_TEST(test_tui_save_overwrite_and_load)
{
	struct smug_world *w = world_at(10), *seed = NULL;
	struct temp_vault v;
	struct tui_app a;
	struct smug_error err;

	open_in_vault(&a, w, &v);
	tui_handle_key(&a, '.');
	ck_assert(a.unsaved);
	tui_handle_key(&a, 's');
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	feed(&a, "one\n");
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert(!a.unsaved);
	ck_assert(screen_has(&a, "saved seed one"));
	ck_assert_int_eq(smug_vault_load(v.root, "one", &seed, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(seed), smug_world_digest(w));
	smug_world_free(seed);

	/* the name exists: s asks first; n keeps the saved seed as it was */
	tui_handle_key(&a, '.');
	tui_handle_key(&a, 's');
	ck_assert_str_eq(a.input.text, "one"); /* the current seed's name is offered */
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_OVERWRITE);
	tui_handle_key(&a, 'n');
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert(a.unsaved);
	ck_assert_int_eq(smug_vault_load(v.root, "one", &seed, &err), SMUG_OK);
	ck_assert_int_eq(seed->day, w->day - 1);
	smug_world_free(seed);
	/* y overwrites */
	tui_handle_key(&a, 's');
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_OVERWRITE);
	tui_handle_key(&a, 'y');
	ck_assert(!a.unsaved);
	ck_assert_int_eq(smug_vault_load(v.root, "one", &seed, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(seed), smug_world_digest(w));
	smug_world_free(seed);

	/* o lists the vault; Enter over unsaved changes asks first (n keeps
	 * the world and the list), y replaces the world with the seed, and
	 * the header names the seed loaded (not the one saved last, "two") */
	tui_handle_key(&a, '.');
	tui_handle_key(&a, '.');
	tui_handle_key(&a, 's');
	feed(&a, "two\n");
	ck_assert_str_eq(a.seed_name, "two");
	tui_handle_key(&a, '.');
	ck_assert(a.unsaved);
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.view, VIEW_LOAD);
	ck_assert_int_eq(a.n_seeds, 2);
	ck_assert(screen_has(&a, "one"));
	ck_assert_msg(screen_has(&a, "Load a seed (Enter to load, Esc to cancel)"),
		      "the seed list does not say what it is and how to use it");
	while (strcmp(a.seeds[a.load_sel].name, "one") != 0)
		tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_DISCARD);
	ck_assert(screen_has(&a, "Unsaved changes. Load the seed anyway? (y/n)"));
	tui_handle_key(&a, 'n');
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_int_eq(a.view, VIEW_LOAD);
	ck_assert_ptr_eq(a.w, w);
	ck_assert_int_eq(a.w->day, 15); /* "two" was saved at day 14 */
	ck_assert(a.unsaved);
	ck_assert(screen_has(&a, "load cancelled"));
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_DISCARD);
	tui_handle_key(&a, 'y');
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_ptr_ne(a.w, w); /* the old world was freed by the load */
	ck_assert_int_eq(a.w->day, 12);
	ck_assert(!a.unsaved);
	ck_assert_str_eq(a.seed_name, "one");
	ck_assert(screen_has(&a, "loaded seed one at day 12"));
	ck_assert(screen_has(&a, " seed one "));
	/* nothing unsaved: Enter loads at once */
	tui_handle_key(&a, 'o');
	while (strcmp(a.seeds[a.load_sel].name, "two") != 0)
		tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, '\n');
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_str_eq(a.seed_name, "two");
	ck_assert_int_eq(a.w->day, 14);
	close_in_vault(&a, &v);
}
END_TEST

/* Keys as the cockpit takes them: each one, then a frame drawn. */
static void keys_drawn(struct tui_app *a, const int *keys, int n, int rows, int cols)
{
	for (int i = 0; i < n; i++) {
		tui_handle_key(a, keys[i]);
		draw(a, rows, cols);
	}
}

/* Rows [y, y + h) of a screen, the caller frees them. */
static char *rows_of(const char *screen, int y, int h)
{
	const char *start = screen, *end;

	for (int r = 0; r < y && start; r++)
		start = strchr(start, '\n') ? strchr(start, '\n') + 1 : NULL;
	ck_assert_ptr_nonnull(start);
	end = start;
	for (int r = 0; r < h && end && *end; r++)
		end = strchr(end, '\n') ? strchr(end, '\n') + 1 : end + strlen(end);
	return strndup(start, (size_t)(end - start));
}

/* A sort changed and changed back gives the Borders table as it was: the
 * 6th row selected at 120x40, I (the selected border near the end, the
 * table scrolled there) then I again shows the table from its first row
 * again, not from the selection with the five busier borders above it
 * out of sight. Likewise t round the three windows, and < then >. */
START_TEST(test_tui_borders_sort_and_back_shows_the_table_from_its_top)
{
	static const int pick[] = {'3', KEY_DOWN, KEY_DOWN, KEY_DOWN, KEY_DOWN, KEY_DOWN};
	static const int back[][3] = {{'I', 'I', 0}, {'t', 't', 't'}, {'<', '>', 0}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	struct tui_rect r;
	char *before, *after, *tb, *ta;

	keys_drawn(&a, pick, 6, 40, 120);
	before = render(&a, 40, 120);
	r = a.pane_rect[PANE_BORDERS];
	for (int k = 0; k < 3; k++) {
		keys_drawn(&a, back[k], back[k][2] ? 3 : 2, 40, 120);
		after = render(&a, 40, 120);
		tb = rows_of(before, r.y, r.h);
		ta = rows_of(after, r.y, r.h);
		if (strcmp(tb, ta) != 0) {
			fprintf(stderr, "%swas\n%s", ta, tb); /* Check's messages are too short for a table */
			ck_abort_msg("keys %c%c%c: the Borders table is not as it was", back[k][0], back[k][1],
				     back[k][2] ? back[k][2] : ' ');
		}
		free(tb);
		free(ta);
		free(after);
	}
	free(before);
	close_app(&a, w);
}
END_TEST

/* A loaded seed's Borders table starts from its top, as selections do: a
 * table scrolled to its end before the load, and hidden while the seed
 * loads (the Map in its slot at 120 columns), shows a border picked on
 * the Map afterwards just as a cockpit opened on that seed does. */
START_TEST(test_tui_loaded_seed_borders_table_starts_at_the_top)
{
	static const int scroll[] = {'3', KEY_END}, load[] = {'4', 'o', '\n'};
	static const int pick[] = {KEY_DOWN, KEY_RIGHT, KEY_DOWN, '3'};
	struct smug_world *w = world_at(60), *seed = NULL;
	struct temp_vault v;
	struct tui_app a, b;
	struct smug_error err;
	char *sa, *sb, *ta, *tb;
	struct tui_rect r;

	temp_vault_init(&v, &opts);
	ck_assert_int_eq(smug_vault_save(w, v.root, "s", &err), SMUG_OK);
	tui_app_init(&a, w, &v.o);
	keys_drawn(&a, scroll, 2, 40, 120);
	ck_assert_int_gt(a.border_top, 0); /* scrolled */
	keys_drawn(&a, load, 3, 40, 120);
	ck_assert_str_eq(a.seed_name, "s");
	keys_drawn(&a, pick, 4, 40, 120);
	ck_assert_int_ge(a.border, 0);
	sa = render(&a, 40, 120);
	r = a.pane_rect[PANE_BORDERS];
	ck_assert_int_eq(smug_vault_load(v.root, "s", &seed, &err), SMUG_OK);
	tui_app_init(&b, seed, &v.o);
	keys_drawn(&b, load, 1, 40, 120); /* the Map in its slot */
	keys_drawn(&b, pick, 4, 40, 120);
	ck_assert_int_eq(b.border, a.border);
	sb = render(&b, 40, 120);
	for (int y = r.y; y < r.y + r.h; y++) {
		ta = rows_of(sa, y, 1);
		tb = rows_of(sb, y, 1);
		ck_assert_msg(strcmp(ta, tb) == 0,
			      "row %d of the Borders table after the load:\n%sin a cockpit opened on the seed:\n%s",
			      y - r.y, ta, tb);
		free(ta);
		free(tb);
	}
	free(sa);
	free(sb);
	close_app(&b, seed);
	close_in_vault(&a, &v);
}
END_TEST

/* The load view marks a seed whose manifest cannot be read, with the
 * reason, and scrolls so the selected seed stays on screen. */
START_TEST(test_tui_load_view_marks_unreadable_and_scrolls)
{
	struct smug_world *w = world_at(3);
	struct temp_vault v;
	struct tui_app a;
	char *s;

	temp_vault_init(&v, &opts);
	vault_with_unreadable_seeds(v.root, w, 40);
	tui_app_init(&a, w, &v.o);
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.view, VIEW_LOAD);
	ck_assert_int_eq(a.n_seeds, 41);
	s = render(&a, 24, 100);
	ck_assert_ptr_nonnull(strstr(s, "good                     day 3 "));
	ck_assert_ptr_nonnull(strstr(s, "z00                      unreadable: "));
	ck_assert_ptr_null(strstr(s, "z39"));
	free(s);
	for (int i = 0; i < 40; i++)
		tui_handle_key(&a, KEY_DOWN);
	ck_assert_int_eq(a.load_sel, 40);
	s = render(&a, 24, 100);
	ck_assert_ptr_nonnull(strstr(s, "z39                      unreadable: "));
	ck_assert_ptr_null(strstr(s, "good"));
	free(s);
	/* Home, End and the page keys move the selection and stop at the ends */
	tui_handle_key(&a, KEY_HOME);
	ck_assert_int_eq(a.load_sel, 0);
	tui_handle_key(&a, KEY_UP);
	ck_assert_int_eq(a.load_sel, 0);
	tui_handle_key(&a, KEY_NPAGE);
	ck_assert_int_gt(a.load_sel, 1);
	ck_assert_int_lt(a.load_sel, 40);
	tui_handle_key(&a, KEY_END);
	ck_assert_int_eq(a.load_sel, 40);
	tui_handle_key(&a, KEY_DOWN);
	ck_assert_int_eq(a.load_sel, 40);
	tui_handle_key(&a, KEY_PPAGE);
	ck_assert_int_gt(a.load_sel, 1);
	ck_assert_int_lt(a.load_sel, 39);
	tui_handle_key(&a, KEY_END);
	/* Enter on it says why it cannot load, and the world stays */
	tui_handle_key(&a, '\n');
	ck_assert_ptr_eq(a.w, w);
	ck_assert(screen_has(&a, "load failed: "));
	close_in_vault(&a, &v);
}
END_TEST

/* At 80x24 the commodities view cut its names ("  stolen goo\u2026",
 * "  raider sup\u2026") though the number columns had room to spare. Every
 * commodity name is whole at 80x24 and 120x40, and every column of the
 * old 80-column table (sent, transit, delivered, seized, lost) stays. */
START_TEST(test_tui_commodities_names_whole_at_80)
{
	static const int name_sizes[][2] = {{24, 80}, {40, 120}};

	for (int z = 0; z < 2; z++) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, 60);
		char *s;

		tui_handle_key(&a, 'v');
		s = render(&a, name_sizes[z][0], name_sizes[z][1]);
		ck_assert_msg(strstr(s, "\u2026") == NULL, "%dx%d: the commodities view cuts a text:\n%s", name_sizes[z][1],
			      name_sizes[z][0], s);
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
			char name[64];

			snprintf(name, sizeof name, "  %s ", tui_commodity_name(c));
			ck_assert_msg(strstr(s, name) != NULL, "%dx%d: no whole '%s' in the commodities view:\n%s",
				      name_sizes[z][1], name_sizes[z][0], name, s);
		}
		ck_assert_msg(strstr(s, "sent") && strstr(s, "transit") && strstr(s, "delivered") && strstr(s, "seized") &&
				      strstr(s, "lost"),
			      "%dx%d: a column of the commodities view is gone:\n%s", name_sizes[z][1], name_sizes[z][0], s);
		free(s);
		close_app(&a, w);
	}
}
END_TEST

/* In the commodities view End selects the last row and Home the first;
 * Up and Down then move one row, PgUp and PgDn ten, and stop at the ends. */
START_TEST(test_tui_commodities_home_and_end)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int last;

	tui_handle_key(&a, 'v');
	ck_assert_int_eq(a.view, VIEW_COMMODITIES);
	free(render(&a, 48, 160));
	tui_handle_key(&a, KEY_END);
	free(render(&a, 48, 160));
	last = a.commodity_sel;
	ck_assert_int_gt(last, 4); /* four factions, a heading and a row each at least */
	tui_handle_key(&a, KEY_DOWN);
	free(render(&a, 48, 160));
	ck_assert_int_eq(a.commodity_sel, last);
	tui_handle_key(&a, KEY_UP);
	free(render(&a, 48, 160));
	ck_assert_int_eq(a.commodity_sel, last - 1);
	tui_handle_key(&a, KEY_HOME);
	free(render(&a, 48, 160));
	ck_assert_int_eq(a.commodity_sel, 0);
	tui_handle_key(&a, KEY_UP);
	free(render(&a, 48, 160));
	ck_assert_int_eq(a.commodity_sel, 0);
	/* PgDn and PgUp move ten rows, stopping at the ends */
	tui_handle_key(&a, KEY_NPAGE);
	free(render(&a, 48, 160));
	ck_assert_msg(a.commodity_sel == (last < 10 ? last : 10), "PgDn from the first of rows 0-%d selects row %d", last,
		      a.commodity_sel);
	tui_handle_key(&a, KEY_END);
	free(render(&a, 48, 160));
	tui_handle_key(&a, KEY_PPAGE);
	free(render(&a, 48, 160));
	ck_assert_msg(a.commodity_sel == (last < 10 ? 0 : last - 10), "PgUp from the last of rows 0-%d selects row %d",
		      last, a.commodity_sel);
	close_app(&a, w);
}
END_TEST

/* The tiny world with as many factions as a scenario may hold, every one
 * a smuggling network: crew00 to crew63, each moving one commodity. */
static struct smug_world *crews_world(void)
{
	static const char faction[] = "{\"id\": \"crew%02d\", \"name\": \"Crew %02d\", \"kind\": \"criminal\", "
				      "\"home\": \"ward:a\", \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}%s";
	char *tiny = test_slurp(SRCDIR "/data/tiny.json", NULL), *json, *at, *end;
	size_t len = 0, cap;
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_ptr_nonnull(tiny);
	at = strstr(tiny, "\"factions\": [");
	ck_assert_ptr_nonnull(at);
	at += strlen("\"factions\": [");
	end = strstr(at, "],");
	ck_assert_ptr_nonnull(end);
	cap = strlen(tiny) + SMUG_FACTIONS_MAX * sizeof faction + 1;
	json = malloc(cap);
	ck_assert_ptr_nonnull(json);
	len = (size_t)snprintf(json, cap, "%.*s", (int)(at - tiny), tiny);
	for (int f = 0; f < SMUG_FACTIONS_MAX; f++)
		len += (size_t)snprintf(json + len, cap - len, faction, f, f, f + 1 < SMUG_FACTIONS_MAX ? ", " : "");
	snprintf(json + len, cap - len, "%s", end);
	free(tiny);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "crews.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	ck_assert_int_eq(w->n_factions, SMUG_FACTIONS_MAX);
	return w;
}

/* A world holding as many factions as a scenario may, every one a
 * smuggling network: the commodities view lists them all and nothing
 * after them. End selects the last row, the last faction's one
 * commodity, under that faction's line. */
START_TEST(test_tui_commodities_list_the_largest_number_of_networks)
{
	struct smug_world *w = crews_world();
	struct tui_app a;
	char *s, row[48][256], name[16];
	int sel_y = -1;

	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'v');
	draw(&a, 48, 160);
	tui_handle_key(&a, KEY_END);
	s = render(&a, 48, 160);
	screen_rows(s, row, 48, 160);
	free(s);
	ck_assert_msg(a.commodity_sel == 2 * SMUG_FACTIONS_MAX - 1,
		      "End selected row %d; %d networks of one commodity each make rows 0-%d", a.commodity_sel,
		      SMUG_FACTIONS_MAX, 2 * SMUG_FACTIONS_MAX - 1);
	{
		struct tui_grid *g = render_grid(&a, 48, 160);

		for (int y = 2; y < 47 && sel_y < 0; y++)
			if (grid_role(g, y, 1) == ROLE_SELECT)
				sel_y = y;
		grid_free(g);
	}
	snprintf(name, sizeof name, "crew%02d", SMUG_FACTIONS_MAX - 1);
	ck_assert_msg(sel_y > 2 && strstr(row[sel_y - 1], name) != NULL,
		      "End: the row above the selected one (screen row %d) reads '%s', not the last faction's line (%s)",
		      sel_y, sel_y > 2 ? row[sel_y - 1] : "", name);
	close_app(&a, w);
}
END_TEST

/* The numbers of a screen row, left to right: tokens between spaces that
 * read whole as a number once thousands commas are dropped (a share such
 * as "62.3%" does not); how many. */
static int row_numbers(const char *line, const char *end, double *v, int max)
{
	int n = 0;

	while (line < end && n < max) {
		char tok[32], *stop;
		size_t len = 0;

		while (line < end && *line == ' ')
			line++;
		for (; line < end && *line != ' '; line++)
			if (*line != ',' && len < sizeof tok - 1)
				tok[len++] = *line;
		tok[len] = '\0';
		if (len > 0) {
			double x = strtod(tok, &stop);

			if (stop != tok && *stop == '\0')
				v[n++] = x;
		}
	}
	return n;
}

/* In the commodities view each faction's line shows the sums of its
 * commodity rows below it, in all ten columns: sent, in transit,
 * delivered, seized and lost, counts and cargo values; its rows are the
 * commodities it prefers or has ever sent, no others. */
START_TEST(test_tui_commodities_faction_line_is_the_sum)
{
	static const char border[] = "\u2502"; /* the pane's left edge */
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	char *screen;
	const char *line;
	double head[10] = {0}, sum[10] = {0};
	int heads = 0, rows = 0, in_transit = 0, fac[SMUG_FACTIONS_MAX], listed[SMUG_FACTIONS_MAX] = {0};
	bool open = false;

	tui_handle_key(&a, 'v');
	screen = render(&a, 48, 160);
	for (line = screen;; line = strchr(line, '\n') + 1) {
		const char *end = strchr(line, '\n') ? strchr(line, '\n') : line + strlen(line);
		const char *in = strstr(line, border);
		double v[12];
		int n = in && in < end ? row_numbers(in + strlen(border), end, v, 12) : 0;
		bool faction = n == 10 && in[strlen(border)] != ' ';
		bool commodity = n == 11 && strncmp(in + strlen(border), "  ", 2) == 0;

		if ((faction || *end == '\0') && open) {
			for (int k = 0; k < 10; k++)
				ck_assert_msg(llround(head[k] * 100) == llround(sum[k] * 100),
					      "faction line %d, column %d: %.2f, its commodities add up to %.2f",
					      heads, k + 1, head[k], sum[k]);
			in_transit += head[3] > 0;
		}
		if (faction) {
			memcpy(head, v, sizeof head);
			memset(sum, 0, sizeof sum);
			open = true;
			heads++;
		} else if (commodity && open) {
			for (int k = 0; k < 10; k++)
				sum[k] += v[k + 1]; /* v[0] is the preference */
			rows++;
		}
		if (open && in && in < end && strncmp(in + strlen(border), "  ", 2) == 0 && in[strlen(border) + 2] != ' ')
			listed[heads - 1]++; /* a commodity's row: its name indented */
		if (*end == '\0')
			break;
	}
	free(screen);
	ck_assert_int_eq(heads, 4); /* the default world's four networks */
	/* each lists the commodities it prefers or has ever sent, no others */
	ck_assert_int_eq(tui_network_factions(w, fac, SMUG_FACTIONS_MAX), heads);
	for (int i = 0; i < heads; i++) {
		int want = 0;

		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
			want += w->factions[fac[i]].net.commodity_prefs[c] > 0 ||
				w->tel.factions[fac[i]].total[c].n[SMUG_FLOW_SENT] > 0;
		ck_assert_msg(listed[i] == want, "%s: %d commodities listed, want %d (preferred or ever sent)",
			      w->factions[fac[i]].id, listed[i], want);
	}
	ck_assert_int_ge(rows, heads);
	ck_assert_int_gt(in_transit, 0); /* the transit sums are not all zero */
	close_app(&a, w);
}
END_TEST

/* The commodities view's highlighted row on the 160x48 screen, failing
 * unless exactly one row of the table is highlighted. */
static int commodities_lit_row(struct tui_app *a)
{
	struct tui_grid *g = render_grid(a, 48, 160);
	int lit = -1;

	for (int y = 2; y < 47; y++) {
		if (grid_role(g, y, 1) != ROLE_SELECT)
			continue;
		ck_assert_msg(lit < 0, "row %d selected: screen rows %d and %d both highlighted", a->commodity_sel, lit, y);
		lit = y;
	}
	grid_free(g);
	ck_assert_msg(lit >= 0, "row %d selected: no row highlighted", a->commodity_sel);
	return lit;
}

/* In the commodities view the selected row, and only it, is highlighted:
 * Home lights the first row under the heading, Down the next one, End
 * the last row of the table. */
START_TEST(test_tui_commodities_highlights_only_the_selected_row)
{
	static char row[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int first, last = -1;
	char *s;

	tui_handle_key(&a, 'v');
	tui_handle_key(&a, KEY_HOME);
	first = commodities_lit_row(&a);
	s = render(&a, 48, 160);
	screen_rows(s, row, 48, 160);
	free(s);
	ck_assert_msg(strstr(row[first - 1], "commodity") != NULL, "the first row lit is screen row %d, not under the heading",
		      first);
	tui_handle_key(&a, KEY_DOWN);
	ck_assert_int_eq(commodities_lit_row(&a), first + 1);
	for (int y = first; y < 47 && strspn(row[y] + 1, " ") < 150; y++)
		last = y; /* the table's rows: up to the first blank one */
	tui_handle_key(&a, KEY_END);
	ck_assert_int_gt(last, first + 4); /* four factions, a heading and a row each at least */
	ck_assert_int_eq(commodities_lit_row(&a), last);
	close_app(&a, w);
}
END_TEST

/* In the commodities view a row's seized figures (count and cargo value)
 * are drawn in red when it had seizures, and nothing else on the row is:
 * at most the 5 + 10 characters of those two cells red on any row. */
START_TEST(test_tui_commodities_only_seizures_red)
{
	static char rowtext[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	struct tui_grid *g;
	char *screen;
	int n, red_rows = 0;

	tui_handle_key(&a, 'v');
	screen = render(&a, 48, 160);
	g = render_grid(&a, 48, 160);
	n = screen_rows(screen, rowtext, 48, 160);
	for (int y = 2; y < n; y++) {
		int red = 0;

		for (int x = 0; x < 160; x++)
			red += grid_role(g, y, x) == ROLE_BAD && rowtext[y][x] != ' ';
		ck_assert_msg(red <= 15, "commodities row %d: %d characters red, more than its seized figures: '%.150s'", y,
			      red, rowtext[y]);
		red_rows += red > 0;
	}
	ck_assert_int_gt(red_rows, 0); /* some row had seizures */
	grid_free(g);
	free(screen);
	close_app(&a, w);
}
END_TEST

/* In the Borders table only seizure counts above 0 are red: a red
 * character is a digit, not a lone 0, at most three cells of four digits
 * a row, and some row has one (day 200 of the default world). */
START_TEST(test_tui_borders_only_seizures_red)
{
	static char rowtext[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 200);
	struct tui_grid *g;
	struct tui_rect r;
	char *screen;
	int red_rows = 0;

	screen = render(&a, 48, 220);
	g = render_grid(&a, 48, 220);
	screen_rows(screen, rowtext, 48, 220);
	r = a.pane_rect[PANE_BORDERS];
	ck_assert_msg(strstr(rowtext[r.y + 1], "seiz") != NULL, "no seizure columns: '%.200s'", rowtext[r.y + 1]);
	for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
		int red = 0;

		for (int x = r.x + 1; x < r.x + r.w - 1; x++) {
			bool bad = grid_role(g, y, x) == ROLE_BAD && rowtext[y][x] != ' ';

			ck_assert_msg(!bad || (rowtext[y][x] >= '0' && rowtext[y][x] <= '9'),
				      "borders row %d: '%c' red in '%.120s'", y, rowtext[y][x], rowtext[y] + r.x);
			ck_assert_msg(!bad || rowtext[y][x] != '0' || rowtext[y][x - 1] != ' ' || rowtext[y][x + 1] != ' ',
				      "borders row %d: a 0 red in '%.120s'", y, rowtext[y] + r.x);
			red += bad;
		}
		ck_assert_msg(red <= 12, "borders row %d: %d digits red", y, red);
		red_rows += red > 0;
	}
	ck_assert_int_gt(red_rows, 0);
	grid_free(g);
	free(screen);
	close_app(&a, w);
}
END_TEST

/* In the chart view < and > step the span through 30, 90, 180 days and
 * the chart year, one step a key, stopping at either end (400 days
 * simulated: every span is filled). */
START_TEST(test_tui_chart_span_steps)
{
	static const int want[] = {30, 30, 90, 180, SMUG_CHART_DAYS, SMUG_CHART_DAYS, 180};
	static const int key[] = {'<', '<', '>', '>', '>', '>', '<'};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 400);

	tui_handle_key(&a, 'g');
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert_int_eq(a.chart_days, 90);
	for (int k = 0; k < 7; k++) {
		tui_handle_key(&a, key[k]);
		ck_assert_msg(a.chart_days == want[k], "key %d ('%c'): a %d-day chart, want %d", k + 1, key[k],
			      a.chart_days, want[k]);
	}
	close_app(&a, w);
}
END_TEST

/* With fewer days simulated than the span, > changes nothing to see: it
 * stays and says why, and one < then shows fewer days. 60 days simulated:
 * the 90-day chart reads "the last 60 days"; > kept that title, said
 * nothing and went on to 180 and 365 days, each press then undone by a <
 * that changed nothing either. */
START_TEST(test_tui_chart_more_days_stops_at_the_days_simulated)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	char *s;

	tui_handle_key(&a, 'g');
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert(screen_has(&a, "Chart of the faction: the last 60 days"));
	feed(&a, ">>");
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(s, "Chart of the faction: the last 60 days") != NULL, "> changed the chart's title:\n%s", s);
	ck_assert_msg(strstr(footer_row(s), "all 60 days simulated are on the chart") != NULL,
		      "> past the days simulated said nothing:\n%s", s);
	free(s);
	feed(&a, "<");
	ck_assert_msg(screen_has(&a, "Chart of the faction: the last 30 days"),
		      "one < after > past the days simulated did not show fewer days");
	feed(&a, ">");
	ck_assert(screen_has(&a, "Chart of the faction: the last 60 days"));
	close_app(&a, w);
}
END_TEST

/* A scenario that starts on a later day charts only the days simulated
 * since: 5 days after a start on day 100, the chart spans those 5 days. */
START_TEST(test_tui_chart_spans_only_the_days_since_the_start)
{
	size_t len;
	char *text = test_slurp(SRCDIR "/tests/data/two-ward.json", &len), *json, *at;
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;

	ck_assert(text != NULL && (at = strstr(text, "\"seed\": 3,")) != NULL);
	json = malloc(len + 32);
	snprintf(json, len + 32, "%.*s\"start_day\": 100, %s", (int)(at - text), text, at);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "late.json", &w, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(w->start_day, 100);
	smug_cmd_step(w, 5);
	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, 'g');
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert_msg(screen_has(&a, "the last 5 days"), "days 101 to 105 simulated, but the chart is titled otherwise");
	tui_app_done(&a);
	smug_world_free(w);
	free(json);
	free(text);
}
END_TEST

/* The chart view charts only days simulated: on the day a world starts
 * (day 0 of the default world, day 100 of a scenario starting there) both
 * the faction chart and the border chart say nothing is simulated yet
 * (in the box's first row, from its left edge: screen row 3, column 1)
 * and draw no chart; one day later both draw their charts and the
 * message is gone. */
START_TEST(test_tui_chart_waits_for_the_first_day)
{
	static const char *const first[2] = {"Balance (credits)", "Traffic a day"}; /* faction, border */
	static const char *const msg = "nothing simulated yet: step some days";
	size_t len;
	char *text = test_slurp(SRCDIR "/tests/data/two-ward.json", &len), *json, *at;

	ck_assert(text != NULL && (at = strstr(text, "\"seed\": 3,")) != NULL);
	json = malloc(len + 32);
	snprintf(json, len + 32, "%.*s\"start_day\": 100, %s", (int)(at - text), text, at);
	for (int late = 0; late < 2; late++) {
		for (int steps = 0; steps < 2; steps++) {
			for (int border = 0; border < 2; border++) {
				struct smug_world *w = NULL;
				struct smug_error err;
				struct tui_app a;
				char *s;

				if (late)
					ck_assert_msg(smug_world_load_json(json, strlen(json), "late.json", &w, &err) == SMUG_OK,
						      "%s", err.msg);
				else
					w = world_at(0);
				smug_cmd_step(w, steps);
				tui_app_init(&a, w, &opts);
				if (border) { /* a border picked on the map: the Borders table lists none before day 1 */
					int c = 0;

					while (c < w->n_corridors && !w->corridors[c].border)
						c++;
					ck_assert_int_lt(c, w->n_corridors);
					tui_select_border(&a, c);
				}
				tui_handle_key(&a, border ? '4' : '1');
				tui_handle_key(&a, 'g');
				ck_assert_int_eq(a.view, VIEW_CHART);
				ck_assert(a.chart_border == (border == 1));
				s = render(&a, 48, 160);
				if ((strstr(s, msg) != NULL) != (steps == 0) || (strstr(s, first[border]) != NULL) != (steps == 1))
					fprintf(stderr, "%s", s); /* Check's messages are too short for a screen */
				ck_assert_msg((strstr(s, msg) != NULL) == (steps == 0),
					      "%s chart on day %d (the world starts on day %d): '%s' %s",
					      border ? "border" : "faction", w->day, w->start_day, msg,
					      steps ? "though a day is simulated" : "missing");
				ck_assert_msg((strstr(s, first[border]) != NULL) == (steps == 1),
					      "%s chart on day %d (the world starts on day %d): a chart '%s' %s",
					      border ? "border" : "faction", w->day, w->start_day, first[border],
					      steps ? "missing" : "drawn before any day is simulated");
				if (steps == 0) {
					const char *m = strstr(s, msg), *bol = m;
					int row = 0, col = 0;

					while (bol > s && bol[-1] != '\n')
						bol--;
					for (const char *p = s; p < bol; p++)
						row += *p == '\n';
					for (const char *p = bol; p < m; p++)
						col += (*p & 0xc0) != 0x80; /* a column a UTF-8 character */
					ck_assert_msg(row == 3 && col == 1,
						      "%s chart on day %d: '%s' at screen row %d, column %d, not 3, 1",
						      border ? "border" : "faction", w->day, msg, row, col);
				}
				free(s);
				close_app(&a, w);
			}
		}
	}
	free(json);
	free(text);
}
END_TEST

/* In the commodities view each commodity's bar is as long as its cargo
 * value sent against the largest row's (the bar's width less the share
 * printed after it), and at least one cell for any cargo sent however
 * little (0.01 cr too); it fills from the left with the shares delivered (good),
 * seized (bad) and lost (warning), the rest not resolved yet (dim). */
START_TEST(test_tui_commodities_bar_shows_each_share)
{
	static char row[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	struct tui_grid *g;
	char *screen;
	int fac[SMUG_FACTIONS_MAX], nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), n, bar_x = -1, f = -1;
	int checked = 0, tiny = 0, parts_seen[3] = {0};
	int64_t max = 0;

	/* all time; the first faction's first commodity sent once, for the
	 * least cargo there is (0.01 cr), and delivered */
	feed(&a, "vt");
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
		if (w->factions[fac[0]].net.commodity_prefs[c] > 0) {
			w->tel.factions[fac[0]].total[c] =
				(struct smug_flow){{[SMUG_FLOW_SENT] = 1, [SMUG_FLOW_DELIVERED] = 1},
						   {[SMUG_FLOW_SENT] = 1, [SMUG_FLOW_DELIVERED] = 1}};
			break;
		}
	for (int i = 0; i < nf; i++)
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
			if (w->tel.factions[fac[i]].total[c].value[SMUG_FLOW_SENT] > max)
				max = w->tel.factions[fac[i]].total[c].value[SMUG_FLOW_SENT];
	g = render_grid(&a, 48, 160);
	screen = grid_dump(g);
	ck_assert_ptr_nonnull(strstr(screen, "what each faction moves, all time"));
	n = screen_rows(screen, row, 48, 160);
	for (int y = 0; y < n && bar_x < 0; y++)
		if (strstr(row[y], "sent/largest"))
			bar_x = (int)(strstr(row[y], "sent/largest") - row[y]);
	ck_assert_int_gt(bar_x, 0);
	for (int y = 0; y < n; y++) {
		const char *pct = strchr(row[y] + bar_x, '%');
		int com = -1, cells, want, at = 0, got[4] = {0};
		struct smug_flow fl;
		const int roles[4] = {ROLE_GOOD, ROLE_BAD, ROLE_WARN, ROLE_DIM};

		for (int i = 0; i < nf; i++) /* a faction's line: its id at the left edge */
			if (strncmp(row[y] + 1, w->factions[fac[i]].id, strlen(w->factions[fac[i]].id)) == 0 &&
			    row[y][1 + strlen(w->factions[fac[i]].id)] == ' ')
				f = fac[i];
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) /* a commodity's row: its name indented */
			if (strncmp(row[y] + 1, "  ", 2) == 0 &&
			    strncmp(row[y] + 3, tui_commodity_name(c), strlen(tui_commodity_name(c))) == 0 &&
			    row[y][3 + strlen(tui_commodity_name(c))] == ' ')
				com = c;
		if (com < 0 || f < 0)
			continue;
		ck_assert_msg(pct != NULL, "row %d has no share: %s", y, row[y]);
		cells = (int)(pct - row[y]) - bar_x + 1 - 7; /* the share takes 6 columns and one of air */
		ck_assert_int_ge(cells, 10);
		smug_flow_sum(w, f, com, 0, &fl);
		want = (int)((double)fl.value[SMUG_FLOW_SENT] / (double)max * cells + 0.5);
		if (fl.value[SMUG_FLOW_SENT] > 0 && want == 0) {
			want = 1;
			tiny++;
		}
		/* the bar: its cells by role, left to right in the order above */
		for (int k = 0; k < 4; k++)
			while (at < cells + 1 && row[y][bar_x + at] == '\1' && grid_role(g, y, bar_x + at) == roles[k]) {
				got[k]++;
				at++;
			}
		ck_assert_msg(at == want && row[y][bar_x + at] == ' ',
			      "%s %s, %.2f cr sent of the largest row's %.2f: a bar of %d cells, want %d: %s",
			      w->factions[f].id, tui_commodity_name(com), fl.value[SMUG_FLOW_SENT] / 100.0, max / 100.0,
			      at, want, row[y]);
		for (int k = 0, left = want; k < 3; k++) {
			int share = (int)((double)fl.value[SMUG_FLOW_DELIVERED + k] / (double)fl.value[SMUG_FLOW_SENT] * want + 0.5);

			share = share < left ? share : left;
			left -= share;
			ck_assert_msg(got[k] == share, "%s %s: %d cells of %s in a bar of %d, want %d (%.2f of %.2f cr)",
				      w->factions[f].id, tui_commodity_name(com), got[k],
				      k == 0 ? "delivered" : k == 1 ? "seized" : "lost", want, share,
				      fl.value[SMUG_FLOW_DELIVERED + k] / 100.0, fl.value[SMUG_FLOW_SENT] / 100.0);
			parts_seen[k] += share > 0;
		}
		checked++;
	}
	ck_assert_int_ge(checked, 6);
	ck_assert_int_eq(tiny, 1);
	for (int k = 0; k < 3; k++)
		ck_assert_msg(parts_seen[k] > 0, "no bar shows a share of kind %d", k);
	free(screen);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The commodities view's sorted column, counted from the left (0 the
 * commodity's name): the column head with the sort mark. */
static int commodities_sorted_column(struct tui_app *a)
{
	static char row[48][256];
	char *screen = render(a, 48, 160);
	int n = screen_rows(screen, row, 48, 160), col = -1;

	free(screen);
	for (int y = 0; y < n; y++)
		if (strstr(row[y], "|commodity ") == row[y]) {
			int k = 0;

			for (const char *p = row[y] + 1; *p && *p != '|'; k++) {
				while (*p == ' ')
					p++;
				if (*p == '\1')
					col = k;
				while (*p && *p != ' ' && *p != '|')
					p++;
			}
		}
	return col;
}

/* In the commodities view > sorts by the column to the right and < by
 * the one to the left, as do Right and Left, wrapping from the first
 * sortable column (pref) to the last (value lost) and back, and reaching
 * the last from the one before it (lost) without wrapping; the rows
 * follow: sorted by shipments in transit, each faction's run descends. */
START_TEST(test_tui_commodities_sort_keys_step_through_the_columns)
{
	static const struct {
		int key, col;
	} steps[] = {{'>', 4}, {'>', 5}, {'<', 4}, {KEY_RIGHT, 5}, {KEY_LEFT, 4}, {'<', 3}, {'<', 2}, {'<', 1},
		     {'<', 11}, {KEY_RIGHT, 1}, {KEY_LEFT, 11}, {'<', 10}, {'>', 11}, {'>', 1}, {'>', 2},
		     {KEY_RIGHT, 3}, {'>', 4}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	char *screen;
	double last = 0;
	bool in_run = false;
	int pairs = 0;

	tui_handle_key(&a, 'v');
	ck_assert_int_eq(commodities_sorted_column(&a), 3); /* value sent */
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		tui_handle_key(&a, steps[i].key);
		ck_assert_msg(commodities_sorted_column(&a) == steps[i].col, "key %zu (%d): column %d sorted, want %d", i,
			      steps[i].key, commodities_sorted_column(&a), steps[i].col);
	}
	/* sorted by shipments in transit (column 4: after pref, n and value sent) */
	screen = render(&a, 48, 160);
	for (const char *line = screen;; line = strchr(line, '\n') + 1) {
		const char *end = strchr(line, '\n') ? strchr(line, '\n') : line + strlen(line);
		double v[12];
		bool commodity = row_numbers(line, end, v, 12) == 11 && strncmp(line + 3, "  ", 2) == 0;

		if (commodity && in_run) { /* the frame, then a commodity's name indented */
			ck_assert_msg(v[3] <= last, "in transit %.0f after %.0f: %.*s", v[3], last, (int)(end - line), line);
			pairs++;
		}
		in_run = commodity;
		last = v[3];
		if (*end == '\0')
			break;
	}
	ck_assert_int_ge(pairs, 4);
	free(screen);
	close_app(&a, w);
}
END_TEST

/* Under every sort column, in both orders, each network faction's line
 * heads its own commodity rows: the view starts with a faction line,
 * lists each faction once, and the figures of a faction's line are the
 * sums of the commodity rows below it (sorting moves rows only within
 * their faction). */
START_TEST(test_tui_commodities_faction_line_heads_its_rows_under_every_sort)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int fac[SMUG_FACTIONS_MAX], nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);

	tui_handle_key(&a, 'v');
	for (int order = 0; order < 2; order++) {
		for (int col = 0; col < 11; col++) {
			char *screen = render(&a, 48, 160);
			double head[10] = {0}, sum[10] = {0};
			int heads = 0, rows = 0, sorted = commodities_sorted_column(&a);

			for (const char *line = screen;; line = strchr(line, '\n') + 1) {
				const char *end = strchr(line, '\n') ? strchr(line, '\n') : line + strlen(line);
				double v[12];
				int n = row_numbers(line, end, v, 12);
				bool commodity = n == 11 && strncmp(line + 3, "  ", 2) == 0;

				if (n == 10 || (*end == '\0' && heads > 0)) { /* a faction line, or the end */
					for (int k = 0; k < 10 && heads > 0; k++)
						ck_assert_msg(sum[k] == head[k],
							      "column %d, order %d: faction %d's figure %d is %.2f, its rows sum "
							      "to %.2f",
							      sorted, order, heads, k, head[k], sum[k]);
					if (n == 10) {
						ck_assert_msg(heads == 0 || rows > 0, "column %d: a faction line with no rows",
							      sorted);
						memcpy(head, v, sizeof head);
						memset(sum, 0, sizeof sum);
						heads++;
					}
				} else if (commodity) {
					ck_assert_msg(heads > 0, "column %d, order %d: a commodity row above every faction line",
						      sorted, order);
					for (int k = 0; k < 10; k++)
						sum[k] += v[k + 1];
					rows++;
				}
				if (*end == '\0')
					break;
			}
			ck_assert_msg(heads == nf, "column %d, order %d: %d faction lines, want %d", sorted, order,
				      heads, nf);
			free(screen);
			tui_handle_key(&a, '>');
		}
		tui_handle_key(&a, 'I');
	}
	close_app(&a, w);
}
END_TEST

/* The Factions pane shows each network faction's bribe spend, as
 * DESIGN.md's Factions pane and the spec's cockpit list it, wherever the
 * pane is wide enough for it (from 120 columns): the figure under the
 * "bribes" heading is the faction's bribes_spent. It was the second
 * column dropped, so below 200 columns no screen showed it. */
START_TEST(test_tui_factions_pane_shows_bribe_spend)
{
	static const int wide[][2] = {{40, 120}, {48, 160}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);

	for (int k = 0; k < 2; k++) {
		char *s = render(&a, wide[k][0], wide[k][1]), head[1024], line[1024], money[32];
		const char *at;
		size_t end;

		ck_assert_msg(line_with(s, "\xe2\x94\x82" "faction ", head, sizeof head) != NULL, "%dx%d: no Factions heading",
			      wide[k][1], wide[k][0]);
		*strstr(head + 3, "\xe2\x94\x82") = '\0'; /* the pane's own part, up to its right frame */
		at = strstr(head, " bribes");
		ck_assert_msg(at != NULL, "%dx%d: the Factions pane has no bribes column: %s", wide[k][1], wide[k][0],
			      head);
		end = (size_t)(at - head) + 7; /* the heading's end: the figures are right-aligned to it */
		for (int i = 0; i < n; i++) {
			const struct smug_faction *fa = &w->factions[fac[i]];
			char id[64];

			snprintf(id, sizeof id, "\xe2\x94\x82" "%s ", fa->id);
			fmt_money(money, sizeof money, fa->net.bribes_spent, 9);
			ck_assert_msg(line_with(s, id, line, sizeof line) != NULL, "faction %s not shown", fa->id);
			*strstr(line + 3, "\xe2\x94\x82") = '\0';
			ck_assert_msg(strlen(line) >= end && strncmp(line + end - strlen(money), money, strlen(money)) == 0,
				      "%dx%d: faction %s: bribes %s not under the heading: %s", wide[k][1], wide[k][0],
				      fa->id, money, line);
		}
		free(s);
	}
	ck_assert_msg(w->factions[fac[0]].net.bribes_spent > 0, "the first faction spent nothing on bribes by day 60");
	close_app(&a, w);
}
END_TEST

/* Below 120 columns the Factions pane has no room for the bribes column,
 * and at 80x24 no screen said a faction's bribe spend (DESIGN.md's
 * Factions pane lists it): the pane's last row now names the selected
 * faction's, "bribes 701.48 (dustrunners)", every faction's row still
 * shown above it, and follows the selection; the Routes pane, a row
 * shorter, keeps the line that says what flips its decision. */
START_TEST(test_tui_factions_pane_names_bribe_spend_when_narrow)
{
	static const int narrow[][2] = {{24, 80}, {30, 100}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);

	tui_handle_key(&a, '1');
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < n; i++) {
			const struct smug_faction *fa = &w->factions[fac[i]];
			char *s, want[128], money[32], line[1024], id[64];

			tui_handle_key(&a, KEY_HOME);
			for (int d = 0; d < i; d++)
				tui_handle_key(&a, KEY_DOWN);
			ck_assert_int_eq(a.faction, fac[i]);
			s = render(&a, narrow[k][0], narrow[k][1]);
			fmt_money(money, sizeof money, fa->net.bribes_spent, 12);
			snprintf(want, sizeof want, "\xe2\x94\x82" "bribes %s (%s)", money, fa->id);
			ck_assert_msg(line_with(s, want, line, sizeof line) != NULL,
				      "%dx%d, %s selected: no '%s' in the Factions pane:\n%s", narrow[k][1], narrow[k][0],
				      fa->id, want + 3, s);
			/* the Routes pane below gives up its blank row, not what flips its decision */
			ck_assert_msg(k > 0 || i > 0 || strstr(s, "flips at ") != NULL,
				      "80x24: the Routes pane lost its flip line:\n%s", s);
			for (int j = 0; j < n; j++) {
				snprintf(id, sizeof id, "\xe2\x94\x82" "%s ", w->factions[fac[j]].id);
				ck_assert_msg(strstr(s, id) != NULL, "%dx%d: faction %s's row is not shown:\n%s", narrow[k][1],
					      narrow[k][0], w->factions[fac[j]].id, s);
			}
			free(s);
		}
	ck_assert_msg(w->factions[fac[0]].net.bribes_spent > 0, "the first faction spent nothing on bribes by day 60");
	close_app(&a, w);
}
END_TEST

/* Identical decisions fold into one Routes row with a count, but the
 * count's column shows only from 200 columns: at 80x24 and 120x40 a lane
 * sent twice read "stolen 23>22 sent", as a lane sent once does. The
 * status now carries the count ("sent x2") where its column is not
 * shown. */
START_TEST(test_tui_routes_rows_say_their_count_without_its_column)
{
	static const int screens[][2] = {{24, 80}, {40, 120}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	int checked = 0;

	tui_handle_key(&a, '2');
	for (int day = 1; day <= 60 && checked < 2; day++) {
		int fac[SMUG_FACTIONS_MAX], nf;

		smug_cmd_step(w, 1);
		nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);
		for (int f = 0; f < nf && checked < 2; f++) {
			int first = -1, count = 0, rows = 0;

			/* the first group of identical decisions of faction f, as the pane folds them */
			for (int i = 0; i < w->n_decisions && first < 0; i++) {
				const struct smug_decision *x = &w->decisions[i];
				bool earlier = false;
				int same = 0;

				if (x->faction != fac[f])
					continue;
				for (int j = 0; j < w->n_decisions; j++) {
					const struct smug_decision *y = &w->decisions[j];
					bool eq = y->faction == x->faction && y->commodity == x->commodity &&
						  y->src_ward == x->src_ward && y->dst_ward == x->dst_ward &&
						  y->route_len == x->route_len &&
						  memcmp(y->route, x->route, (size_t)x->route_len * sizeof x->route[0]) == 0 &&
						  strcmp(y->skipped, x->skipped) == 0;

					earlier |= eq && j < i;
					same += eq;
				}
				if (!earlier && same > 1) {
					first = i;
					count = same;
				}
				rows += !earlier;
			}
			if (first < 0 || rows > 5)
				continue; /* none folded, or more rows than 80x24 shows */
			a.faction = fac[f];
			a.route_sel = 0;
			for (int z = 0; z < 2; z++) {
				const struct smug_decision *d = &w->decisions[first];
				char *scr = render(&a, screens[z][0], screens[z][1]), lane[64], want[16], line[1024];
				char *at;

				snprintf(lane, sizeof lane, " %s>%s ", d->src_ward >= 0 ? tui_short_ward(&a, d->src_ward) : "-",
					 d->dst_ward >= 0 ? tui_short_ward(&a, d->dst_ward) : "-");
				snprintf(want, sizeof want, " x%d ", count);
				ck_assert_msg(line_with(scr, lane, line, sizeof line) != NULL, "%dx%d, day %d: no row for %s:\n%s",
					      screens[z][1], screens[z][0], day, lane, scr);
				at = strstr(line, "\xe2\x94\x82"); /* the Routes pane's part of the row */
				ck_assert_ptr_nonnull(at);
				at = strstr(at + 3, "\xe2\x94\x82");
				ck_assert_ptr_nonnull(at);
				at[0] = '\0';
				ck_assert_msg(strstr(line, want) != NULL, "%dx%d, day %d, %s: %d decisions folded into '%s', no '%s'",
					      screens[z][1], screens[z][0], day, w->factions[fac[f]].id, count, line, want);
				free(scr);
			}
			checked++;
		}
	}
	ck_assert_int_ge(checked, 1);
	close_app(&a, w);
}
END_TEST

/* The panes show the world's numbers: each network faction's balance
 * and its change over 30 days, the header's totals, each border row's 7-day traffic, the selected
 * border in full, the newest event. */
START_TEST(test_tui_panes_show_the_world)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), nr, *rows;
	char *s, line[512], want[200], money[32], money2[32];
	const struct smug_counters *t = &w->tel.total;
	const struct smug_event *e;
	const struct tui_glyphs *g;

	g = a.th.g;
	s = render(&a, 48, 160);
	for (int i = 0; i < n; i++) {
		const struct smug_faction *fa = &w->factions[fac[i]];

		int64_t bal = w->ledger.accounts[fa->account].balance;
		const struct smug_faction_day *old = smug_faction_chart(w, fac[i], w->day - SMUG_FLOW_DAYS);

		smug_money_format(bal, money, sizeof money);
		ck_assert_msg(line_with(s, fa->id, line, sizeof line) != NULL, "faction %s not shown", fa->id);
		ck_assert_msg(strstr(line, money) != NULL, "faction %s: balance %s not on its line: %s", fa->id, money,
			      line);
		/* then the change over the last 30 days, signed */
		ck_assert_ptr_nonnull(old);
		smug_money_format(bal - old->balance, money2, sizeof money2);
		snprintf(want, sizeof want, "%s%s", bal >= old->balance ? "+" : "", money2);
		{
			char next[64] = "";

			sscanf(strstr(line, money) + strlen(money), "%63s", next);
			ck_assert_msg(strcmp(next, want) == 0, "faction %s: 30-day change '%s' after the balance, want '%s': %s",
				      fa->id, next, want, line);
		}
	}
	fmt_credits(money, sizeof money, t->bribes_spent);
	fmt_credits(money2, sizeof money2, t->profit);
	snprintf(want, sizeof want, "total %s%lld %s%lld %s%lld bribes %s profit %s", g->delivered, (long long)t->delivered,
		 g->seized, (long long)t->seized, g->lost, (long long)t->lost, money, money2);
	ck_assert_msg(strstr(s, want) != NULL, "header lacks '%s'", want);
	rows = pane_borders_rows(&a, &nr);
	ck_assert_int_gt(nr, 5);
	for (int i = 0; i < 5; i++) {
		struct smug_border_day d;
		char id[64];
		long long traffic = -1;

		tui_short_corridor(&a, rows[i], id, sizeof id);
		tui_border_window(w, rows[i], WIN_RECENT, &d);
		ck_assert_msg(line_with(s, id, line, sizeof line) != NULL, "border %s not shown", id);
		sscanf(strstr(line, id) + strlen(id), "%lld", &traffic);
		ck_assert_int_eq(traffic, d.traffic);
	}
	ck_assert_msg(line_with(s, w->corridors[rows[0]].id, line, sizeof line) != NULL,
		      "the selected border %s is not named in full", w->corridors[rows[0]].id);
	free(rows);
	e = smug_event_at(&w->tel, w->tel.event_count - 1);
	snprintf(want, sizeof want, "#%llu", (unsigned long long)e->shipment);
	ck_assert_msg(line_with(s, want, line, sizeof line) != NULL, "newest event of shipment %s not shown", want);
	free(s);
	close_app(&a, w);
}
END_TEST

/* A footer is pairs "label word" of the footer keys of context ctx, in
 * their priority order; how many (where: what the messages name). */
static int footer_pairs(const char *foot, enum tui_ctx ctx, const char *where)
{
	int n, last = 0, seen = 0;
	const struct tui_key *k = keymap_table(&n);
	char pairs[512];

	snprintf(pairs, sizeof pairs, "%s", foot);
	for (char *pair = strtok(pairs, " "); pair; pair = strtok(NULL, " ")) {
		char *word = strtok(NULL, " ");
		int at = -1;

		ck_assert_msg(word != NULL, "%s: footer '%s' ends in a key without its word", where, foot);
		for (int i = 0; i < n && at < 0; i++)
			if (k[i].footer > 0 && (k[i].ctx & (1u << ctx)) && strcmp(k[i].label, pair) == 0 && k[i].word &&
			    strcmp(k[i].word, word) == 0)
				at = i;
		ck_assert_msg(at >= 0, "%s: footer '%s' shows '%s %s', not a footer key there", where, foot, pair, word);
		ck_assert_msg(k[at].footer >= last, "%s: footer '%s' shows '%s' after a later key", where, foot, pair);
		last = k[at].footer;
		seen++;
	}
	return seen;
}

/* The help lists every key with what it does; the footer shows the keys
 * of the focused pane only, and in each view the keys of that view. */
START_TEST(test_tui_help_and_footer_follow_the_key_table)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int n;
	const struct tui_key *k = keymap_table(&n);
	char *s, line[512];

	tui_handle_key(&a, '?');
	/* the help scrolls: read it a page at a time */
	s = render(&a, 48, 160);
	for (int page = 0; page < 4; page++) {
		char *more;

		tui_handle_key(&a, KEY_NPAGE);
		more = render(&a, 48, 160);
		s = realloc(s, strlen(s) + strlen(more) + 1);
		strcat(s, more);
		free(more);
	}
	for (int i = 0; i < n; i++) {
		if (k[i].label[0] == '\0')
			continue; /* an alias */
		ck_assert_msg(line_with(s, k[i].help, line, sizeof line) != NULL, "help lacks '%s'", k[i].help);
		ck_assert_msg(strstr(line, k[i].label) != NULL, "help: '%s' not beside its key %s", k[i].help,
			      k[i].label);
	}
	free(s);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	for (int p = 0; p < PANE_COUNT; p++) {
		const char *foot;

		a.focus = (enum tui_pane)p;
		s = render(&a, 48, 160);
		foot = footer_row(s);
		ck_assert_ptr_nonnull(strstr(foot, "? help"));
		ck_assert_int_eq(strstr(foot, "c crackdown") != NULL, p == PANE_BORDERS || p == PANE_MAP);
		ck_assert_int_eq(strstr(foot, "/ filter") != NULL, p == PANE_EVENTS);
		/* every pair is "label word" of a footer key of this pane, in
		 * the footer's priority order */
		ck_assert_int_ge(footer_pairs(foot, tui_context(&a), keymap_ctx_name(tui_context(&a))), 4);
		free(s);
	}
	/* and in every view, the footer as wide as the screen */
	for (int c = 0; c < CTX_COUNT; c++) {
		char foot[512];

		keymap_footer((enum tui_ctx)c, 158, foot, sizeof foot);
		ck_assert_int_ge(footer_pairs(foot, (enum tui_ctx)c, keymap_ctx_name((enum tui_ctx)c)), 1);
	}
	close_app(&a, w);
}
END_TEST

/* With a filter narrowed after a broader one (checks, then one faction's
 * checks), the pane lists that faction's checks only; selecting the
 * newest (Up then Down from the end) keeps it selected, and Enter opens
 * its story; for each faction. */
START_TEST(test_tui_event_selection_on_the_newest_match)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int fac[SMUG_FACTIONS_MAX], nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);

	tui_handle_key(&a, '5');
	for (int f = 0; f < nf; f++) {
		const struct smug_event *e;
		char filter[96];
		int n;
		int64_t seq;

		feed(&a, "/kind:check\n");
		ck_assert_int_gt(pane_events_count(&a), 100);
		snprintf(filter, sizeof filter, "/kind:check faction:%s\n", w->factions[fac[f]].id);
		feed(&a, filter);
		n = pane_events_count(&a);
		ck_assert_int_gt(n, 3);
		for (int i = 0; i < n; i++) { /* the narrowed list only */
			const struct smug_event *x = pane_events_at(&a, i, &seq);

			ck_assert_msg(x->kind == SMUG_EV_CUSTOMS_CHECK && x->faction == fac[f],
				      "%.*s lists a %s of faction %d", (int)strlen(filter) - 2, filter + 1,
				      smug_event_kind_name(x->kind), x->faction);
		}
		tui_handle_key(&a, KEY_END);
		tui_handle_key(&a, KEY_UP);
		tui_handle_key(&a, KEY_DOWN);
		e = pane_events_at(&a, n - 1, &seq);
		ck_assert_int_eq(a.event_sel, seq);
		ck_assert_msg(pane_events_selected(&a) == n - 1, "%.*s: event %d of %d selected, want the newest",
			      (int)strlen(filter) - 2, filter + 1, pane_events_selected(&a), n);
		tui_handle_key(&a, '\n');
		ck_assert_int_eq(a.view, VIEW_STORY);
		ck_assert_uint_eq(a.story_shipment, e->shipment);
		tui_handle_key(&a, 27);
	}
	close_app(&a, w);
}
END_TEST

/* At 80x24 the Events pane has no room for the detail column, and a
 * shipment's row (sent, arrived, lost) read "60 arrived  suitwrigh\u2026
 * 200.00": no source, no destination. Where no border is, the border
 * column now shows the shipment's lane, "24>23", as the Routes pane
 * writes it; rows with a border keep it. */
static int split_rows(char *screen, char **row, int max);

START_TEST(test_tui_events_at_80_show_a_shipments_lane)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct tui_rect *r = &a.pane_rect[PANE_EVENTS];
	char *s, *row[64], want[64];
	int n, lanes = 0;

	tui_handle_key(&a, '5');
	for (int i = 0; i < 12; i++)
		tui_handle_key(&a, KEY_UP); /* rows of arrivals among the checks */
	s = render(&a, 24, 80);
	n = split_rows(s, row, 64);
	for (int y = 0; y < r->h && y < 256; y++) {
		int64_t seq;
		const struct smug_event *e;
		const char *at;

		if (a.hit[PANE_EVENTS][y] < 0)
			continue;
		e = pane_events_at(&a, a.hit[PANE_EVENTS][y], &seq);
		ck_assert_int_lt(r->y + y, n);
		at = row[r->y + y];
		for (int x = 0; x < r->x && *at; x++) /* to the pane's first column */
			for (at++; (*at & 0xc0) == 0x80; at++)
				;
		if (e->corridor >= 0) {
			tui_short_corridor(&a, e->corridor, want, sizeof want);
		} else if (e->src_ward >= 0 && e->dst_ward >= 0) {
			snprintf(want, sizeof want, " %s>%s ", tui_short_ward(&a, e->src_ward), tui_short_ward(&a, e->dst_ward));
			lanes++;
		} else {
			continue;
		}
		ck_assert_msg(strstr(at, want) != NULL, "80x24: the event's row lacks '%s': '%s'", want,
			      row[r->y + y]);
	}
	ck_assert_int_gt(lanes, 0);
	free(s);
	close_app(&a, w);
}
END_TEST

/* A click on an event's row selects that event; a click on the Events
 * pane's frame, on its column heads or on the empty rows below the last
 * event (a narrow filter) leaves the selection where it was. */
START_TEST(test_tui_event_click_selects_only_on_an_event_row)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	const struct tui_rect *r = &a.pane_rect[PANE_EVENTS];

	draw(&a, 48, 160);
	for (int pass = 0; pass < 2; pass++) {
		int first = -1, last = -1, want, misses[4];
		int64_t sel;

		for (int y = 0; y < r->h && y < 256; y++)
			if (a.hit[PANE_EVENTS][y] >= 0) {
				first = first < 0 ? y : first;
				last = y;
			}
		ck_assert_int_gt(last, first); /* two events shown at least */
		want = a.hit[PANE_EVENTS][first + 1];
		tui_click(&a, r->y + first + 1, r->x + 3);
		draw(&a, 48, 160);
		sel = a.event_sel;
		ck_assert_int_eq(pane_events_selected(&a), want);
		misses[0] = 0;	       /* the frame */
		misses[1] = first - 1; /* the column heads */
		misses[2] = last + 1;  /* below the last event: a blank row when filtered */
		misses[3] = r->h - 1;  /* the bottom frame */
		if (pass == 1)
			ck_assert_int_lt(last + 1, r->h - 1);
		for (int m = 0; m < 4; m++) {
			tui_click(&a, r->y + misses[m], r->x + 3);
			draw(&a, 48, 160);
			ck_assert_msg(a.event_sel == sel && pane_events_selected(&a) == want,
				      "%s: a click on row %d of the pane (no event) moved the selection from event %d to %d",
				      pass ? "kind:seized" : "all events", misses[m], want, pane_events_selected(&a));
		}
		feed(&a, "/kind:seized\n"); /* a few events: blank rows below them */
		draw(&a, 48, 160);
	}
	close_app(&a, w);
}
END_TEST

/* The sort keys of the Borders table pressed while the terminal is too
 * small to draw it change nothing and do not stop the cockpit; once the
 * table is drawn they move the sort. */
START_TEST(test_tui_border_sort_keys_before_the_table_is_drawn)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int sort;

	tui_handle_key(&a, '3');
	draw(&a, 20, 70); /* too small: no table */
	feed(&a, "><");
	ck_assert_int_eq(a.border_sort, -1);
	draw(&a, 48, 160);
	tui_handle_key(&a, '>');
	sort = a.border_sort;
	ck_assert_int_ge(sort, 0);
	tui_handle_key(&a, '<');
	ck_assert_int_ne(a.border_sort, sort);
	close_app(&a, w);
}
END_TEST

/* > and < step the Borders table's sort through the columns shown, in
 * their order, from the border id column too: > from the id sorts by the
 * column after it, < from the id by the last one. */
START_TEST(test_tui_border_sort_steps_on_from_the_id_column)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int n;

	tui_handle_key(&a, '3');
	draw(&a, 48, 160);
	n = a.n_border_vis;
	ck_assert_int_ge(n, 3);
	ck_assert_int_eq(a.border_vis[0], 0); /* the id column comes first */
	for (int k = 0; k <= n && a.border_sort != 0; k++) {
		tui_handle_key(&a, '>');
		draw(&a, 48, 160);
	}
	ck_assert_msg(a.border_sort == 0, "%d presses of > never sorted by the border id", n + 1);
	tui_handle_key(&a, '>');
	ck_assert_msg(a.border_sort == a.border_vis[1],
		      "> on the border id column sorted by column %d, not the next one shown (%d)", a.border_sort,
		      a.border_vis[1]);
	tui_handle_key(&a, '<');
	ck_assert_int_eq(a.border_sort, 0);
	tui_handle_key(&a, '<');
	ck_assert_msg(a.border_sort == a.border_vis[n - 1],
		      "< on the border id column sorted by column %d, not the last one shown (%d)", a.border_sort,
		      a.border_vis[n - 1]);
	close_app(&a, w);
}
END_TEST

/* Whether column col of the Borders table is among those shown. */
static bool border_col_shown(const struct tui_app *a, int col)
{
	for (int i = 0; i < a->n_border_vis; i++)
		if (a->border_vis[i] == col)
			return true;
	return false;
}

/* A Borders table sorted by a column that a narrower screen no longer
 * shows steps its sort as from the border id column: > sorts by the
 * first column shown after the id, < by the last one shown. */
START_TEST(test_tui_border_sort_steps_from_a_hidden_column_as_from_the_id)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);

	tui_handle_key(&a, '3');
	for (int dir = 0; dir < 2; dir++) {
		int hidden, n;

		draw(&a, 48, 140); /* a column shown at 140 columns and not at 100 */
		n = a.n_border_vis;
		for (int k = 0; k <= n; k++) {
			tui_handle_key(&a, '>');
			draw(&a, 48, 100);
			if (!border_col_shown(&a, a.border_sort))
				break;
			draw(&a, 48, 140);
		}
		hidden = a.border_sort;
		ck_assert_msg(!border_col_shown(&a, hidden), "every column the table shows at 140 columns shows at 100");
		ck_assert_int_ge(a.n_border_vis, 4);
		tui_handle_key(&a, dir == 0 ? '>' : '<');
		if (dir == 0)
			ck_assert_msg(a.border_sort == a.border_vis[1],
				      "> from hidden column %d sorted by column %d, not the first after the id (%d)", hidden,
				      a.border_sort, a.border_vis[1]);
		else
			ck_assert_msg(a.border_sort == a.border_vis[a.n_border_vis - 1],
				      "< from hidden column %d sorted by column %d, not the last one shown (%d)", hidden,
				      a.border_sort, a.border_vis[a.n_border_vis - 1]);
	}
	close_app(&a, w);
}
END_TEST

/* The column of the Borders table's sorted heading (drawn lit) on the
 * 160x48 screen, or -1. */
static int borders_sorted_x(struct tui_app *a)
{
	struct tui_grid *g = render_grid(a, 48, 160);
	const struct tui_rect *r = &a->pane_rect[PANE_BORDERS];
	int at = -1;

	for (int y = r->y + 1; y <= r->y + 2 && at < 0; y++)
		for (int x = r->x + 1; x < r->x + r->w - 1 && at < 0; x++)
			if (grid_role(g, y, x) == ROLE_FOCUS)
				at = x;
	grid_free(g);
	return at;
}

/* In the Borders pane Left and Right (h and l) move the sort to the
 * column on the left or on the right, as < and > do. */
START_TEST(test_tui_borders_left_right_move_the_sort)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int x0, x1;

	tui_handle_key(&a, '3');
	x0 = borders_sorted_x(&a);
	ck_assert_int_ge(x0, 0);
	tui_handle_key(&a, '>');
	x1 = borders_sorted_x(&a);
	ck_assert_msg(x1 > x0, "> moved the sorted heading from column %d to %d", x0, x1);
	tui_handle_key(&a, KEY_LEFT);
	ck_assert_msg(borders_sorted_x(&a) == x0, "Left: the sorted heading at column %d, want %d (where < puts it)",
		      borders_sorted_x(&a), x0);
	tui_handle_key(&a, KEY_RIGHT);
	ck_assert_msg(borders_sorted_x(&a) == x1, "Right: the sorted heading at column %d, want %d (where > puts it)",
		      borders_sorted_x(&a), x1);
	tui_handle_key(&a, 'h');
	ck_assert_msg(borders_sorted_x(&a) == x0, "h: the sorted heading at column %d, want %d", borders_sorted_x(&a), x0);
	tui_handle_key(&a, 'l');
	ck_assert_msg(borders_sorted_x(&a) == x1, "l: the sorted heading at column %d, want %d", borders_sorted_x(&a), x1);
	ck_assert_int_eq(a.focus, PANE_BORDERS);
	close_app(&a, w);
}
END_TEST

/* A click on the Borders table's "border" heading (its first column)
 * sorts the rows by border, in the scenario's order; a second click on
 * it reverses them. */
START_TEST(test_tui_borders_click_on_the_border_heading_sorts_by_border)
{
	static char row[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct tui_rect *r = &a.pane_rect[PANE_BORDERS];
	int hy = -1, hx = -1, n, *rows;
	char *s;

	tui_handle_key(&a, '3');
	s = render(&a, 48, 160);
	screen_rows(s, row, 48, 160);
	free(s);
	for (int y = r->y + 1; y < r->y + 3 && hx < 0; y++) {
		char *at = strstr(row[y] + r->x, "|border ");

		if (at && at - row[y] < r->x + r->w) {
			hy = y;
			hx = (int)(at - row[y]) + 1;
		}
	}
	ck_assert_msg(hx >= 0, "no 'border' heading in the Borders pane");
	for (int click = 0; click < 2; click++) {
		tui_click(&a, hy, hx + 2);
		draw(&a, 48, 160);
		rows = pane_borders_rows(&a, &n);
		ck_assert_int_gt(n, 5);
		for (int i = 0; i + 1 < n; i++)
			ck_assert_msg(click == 0 ? rows[i] < rows[i + 1] : rows[i] > rows[i + 1],
				      "click %d on 'border': row %d is %s, row %d %s", click + 1, i, w->corridors[rows[i]].id,
				      i + 1, w->corridors[rows[i + 1]].id);
		free(rows);
	}
	close_app(&a, w);
}
END_TEST

/* The header's second row counts the shipments in transit, and the
 * count follows the world as days pass. */
START_TEST(test_tui_header_counts_shipments_in_transit)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);

	for (int step = 0; step < 3; step++) {
		char want[48], *s = render(&a, 48, 160), *row2 = strchr(s, '\n') + 1;

		*strchr(row2, '\n') = '\0';
		snprintf(want, sizeof want, "| in transit %d |", w->n_shipments);
		ck_assert_int_gt(w->n_shipments, 0);
		ck_assert_msg(strstr(row2, want) != NULL, "day %d, %d shipments in transit: the header's second row reads '%s'",
			      w->day, w->n_shipments, row2);
		free(s);
		tui_handle_key(&a, '.');
	}
	close_app(&a, w);
}
END_TEST

/* The header's year and day of the year roll over at the year's end. */
START_TEST(test_tui_header_year_rollover)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 364);

	ck_assert(screen_has(&a, "day 364 (year 1, day 364)"));
	tui_handle_key(&a, '.');
	ck_assert(screen_has(&a, "day 365 (year 1, day 365)"));
	tui_handle_key(&a, '.');
	ck_assert(screen_has(&a, "day 366 (year 2, day 1)"));
	close_app(&a, w);
}
END_TEST

/* ---- no number cut while space sits unused (tui-cut) ---- */

/* The screen's lines that hold `a` and, after it, `b` whole (a space or
 * the line's start before it, no digit or '.' after): how many. */
static int lines_with_whole(const char *screen, const char *a, const char *b)
{
	int n = 0;

	for (const char *line = screen; *line;) {
		const char *end = strchr(line, '\n'), *at;
		char buf[2048];

		snprintf(buf, sizeof buf, "%.*s", (int)(end ? end - line : (long)strlen(line)), line);
		if ((at = strstr(buf, a)) != NULL)
			for (const char *p = strstr(at, b); p; p = strstr(p + 1, b)) {
				char after = p[strlen(b)];

				/* after a space, a route's '>' or an ellipsis ("…49.51", "~49.51") */
				if ((p == buf || p[-1] == ' ' || p[-1] == '>' || p[-1] == '~' || (unsigned char)p[-1] == 0xa6) && !(after >= '0' && after <= '9') &&
				    !(after == '.' && p[strlen(b) + 1] >= '0' && p[strlen(b) + 1] <= '9')) {
					n++;
					break;
				}
			}
		if (end == NULL)
			break;
		line = end + 1;
	}
	return n;
}

/* The last word of an event's text when it is a figure ("60.75"), else "". */
static const char *last_figure(const char *text, char *buf, size_t size)
{
	const char *sp = strrchr(text, ' ');

	buf[0] = '\0';
	if (sp && sp[1] >= '0' && sp[1] <= '9')
		snprintf(buf, size, "%s", sp + 1);
	return buf;
}

/* Check's messages are too short for a screen: it goes to stderr. */
#define assert_on_screen(cond, screen, ...)                                      \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fputs((screen), stderr);                                 \
			ck_abort_msg(__VA_ARGS__);                               \
		}                                                                \
	} while (0)

static const int cut_sizes[][2] = {{24, 80}, {40, 120}, {60, 200}};

/* m in the Borders pane below 150 columns, where the map it measures
 * is not on the screen (it shares the Borders' place), says what the map
 * heat now is instead of changing nothing to be seen; the map then shows
 * that measure in its legend. */
START_TEST(test_tui_map_heat_key_says_its_measure_when_the_map_is_hidden)
{
	static const int keys[] = {'3'};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	char *before, *after;

	keys_drawn(&a, keys, 1, 40, 120);
	before = render(&a, 40, 120);
	tui_handle_key(&a, 'm');
	ck_assert_int_eq(a.heat, HEAT_SEIZURES);
	after = render(&a, 40, 120);
	assert_on_screen(strcmp(before, after) != 0 && strstr(after, "map heat: seizure rate") != NULL, after,
			 "120x40: m in the Borders pane shows nothing of the map heat it set");
	free(before);
	free(after);
	tui_handle_key(&a, '4');
	ck_assert(screen_has(&a, "seizure rate 7d"));
	close_app(&a, w);
}
END_TEST

/* End goes to the last row in the story and compare views, as the help
 * and smugnet(1) say ("the last row", everywhere but the chart, map and
 * TopK views): on a world of 16 factions the compare view at 80x24 (16
 * factions before its borders) and the longest story in a view of 12
 * rows are longer than they have room for, and End shows them as Down
 * pressed 200 times does (End did nothing in either). */
static char *end_view_screen(struct tui_app *a)
{
	return a->view == VIEW_STORY ? story_on_canvas(a, 12, 80) : render(a, 24, 80);
}

START_TEST(test_tui_end_goes_to_the_last_row_of_story_and_compare)
{
	char *json = smug_scenario_generate(400, 3, 16);
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	const struct smug_telemetry *t;
	uint64_t id = 0;
	int best = 0;

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(w, 60);
	t = &w->tel;
	for (int i = 0; i < t->event_count; i++) { /* the shipment with the most events */
		uint64_t ship = smug_event_at(t, i)->shipment;
		int n = 0;

		for (int j = i; ship && j < t->event_count; j++)
			n += smug_event_at(t, j)->shipment == ship;
		if (n > best) {
			best = n;
			id = ship;
		}
	}
	tui_app_init(&a, w, &opts);
	for (int v = 0; v < 2; v++) {
		const char *name = v ? "compare" : "story";
		char *top, *end, *down;

		if (v == 0) {
			a.story_shipment = id;
			view_open(&a, VIEW_STORY);
		} else {
			feed(&a, "b.bB");
		}
		ck_assert_int_eq(a.view, v ? VIEW_COMPARE : VIEW_STORY);
		top = end_view_screen(&a);
		tui_handle_key(&a, KEY_END);
		end = end_view_screen(&a);
		tui_handle_key(&a, KEY_HOME);
		for (int i = 0; i < 200; i++)
			tui_handle_key(&a, KEY_DOWN);
		down = end_view_screen(&a);
		ck_assert_msg(strcmp(top, down) != 0, "the %s view (story of %d events) fits: End has nothing to show", name,
			      best);
		assert_on_screen(strcmp(end, down) == 0, end, "End in the %s view does not show its end:\n%s", name, down);
		free(top);
		free(end);
		free(down);
		tui_handle_key(&a, 27);
	}
	tui_app_done(&a);
	smug_world_free(a.w);
}
END_TEST

/* The Factions pane keeps the selected faction in sight: on a world of
 * 16 factions, more than the pane has rows for, each faction selected in
 * turn (Down to the last, then Up to the first) is drawn lit in the pane
 * at 80x24, 120x40 and 160x48 (the pane drew from the first faction
 * always, so from the 8th at 80x24 the selection was off the screen). */
START_TEST(test_tui_factions_pane_shows_the_selected_faction)
{
	char *json = smug_scenario_generate(400, 3, 16);
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	int fac[SMUG_FACTIONS_MAX], n;

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(w, 10);
	n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);
	ck_assert_int_eq(n, 16);
	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '1');
	for (int sz = 0; sz < 3; sz++) {
		for (int k = 0; k < 2 * n - 1; k++) {
			int i = k < n ? k : 2 * n - 2 - k, rows = sizes[sz][0], cols = sizes[sz][1], lit = 0;
			struct tui_grid *g;
			struct tui_rect r;
			char *text, want[64];

			if (k > 0)
				tui_handle_key(&a, k < n ? KEY_DOWN : KEY_UP);
			ck_assert_int_eq(a.faction, fac[i]);
			g = render_grid(&a, rows, cols);
			text = grid_dump(g);
			r = a.pane_rect[PANE_FACTIONS];
			snprintf(want, sizeof want, "\xe2\x94\x82%s ", w->factions[fac[i]].id);
			for (int y = r.y + 1; y < r.y + r.h - 1; y++)
				if (grid_role(g, y, r.x + 1) == ROLE_SELECT) {
					char *row = rows_of(text, y, 1);

					assert_on_screen(strstr(row, want) != NULL, text,
							 "%dx%d: faction %s selected, the lit row reads %s", cols, rows,
							 w->factions[fac[i]].id, row);
					free(row);
					lit++;
				}
			assert_on_screen(lit == 1, text, "%dx%d: faction %s selected, %d rows of the Factions pane lit", cols,
					 rows, w->factions[fac[i]].id, lit);
			free(text);
			grid_free(g);
		}
	}
	close_app(&a, w);
}
END_TEST

/* The event log gives its detail the width the faction column does not
 * need, and a detail too long for it keeps its last figure whole ("…
 * bribe taken 60.75"): a customs check that found contraband and took a
 * bribe shows the bribe, selected in the Events pane at 200 columns
 * (where the faction column took 18 columns it did not need). */
START_TEST(test_tui_event_detail_keeps_its_last_figure)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 65);
	const struct smug_event *e = NULL;
	int64_t seq = -1;
	char fig[64], ship[32];

	for (int i = pane_events_count(&a) - 1; i >= 0 && e == NULL; i--) {
		const struct smug_event *x = pane_events_at(&a, i, &seq);

		if (x->kind == SMUG_EV_CUSTOMS_CHECK && (x->flags & SMUG_EVF_FOUND) && !(x->flags & SMUG_EVF_SEIZED) &&
		    x->u.v.money > 0)
			e = x;
	}
	ck_assert_msg(e != NULL, "no check that found contraband and took a bribe by day 65");
	ck_assert_str_ne(last_figure(event_text(w, e), fig, sizeof fig), "");
	snprintf(ship, sizeof ship, "#%llu ", (unsigned long long)e->shipment);
	feed(&a, "5");
	a.event_sel = seq;
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]);

		if (s == 2) /* 200 columns: the detail has the room */
			assert_on_screen(lines_with_whole(screen, ship, fig) > 0, screen, "%dx%d: '%s' shown without its %s", cut_sizes[s][1], cut_sizes[s][0], event_text(w, e), fig);
		free(screen);
	}
	close_app(&a, w);
}
END_TEST

/* An event's text as an event table shows it: the default world's ids
 * without the prefix all of their kind share ("24->22 4 hops", "held
 * up on 23.0|24.0" for "ward:24->ward:22 4 hops", "held up on
 * n:23.0|n:24.0"). One buffer for each of four calls in turn. */
static const char *shown_text(const struct smug_world *w, const struct smug_event *e)
{
	static char buf[4][SMUG_EVENT_TEXT_MAX];
	static int next;
	const char *in = event_text(w, e);
	char *out;

	next = (next + 1) % 4;
	out = buf[next];
	for (const char *p = in; *p;) {
		bool starts = p == in || strchr(" >-|(", p[-1]) != NULL;

		if (starts && strncmp(p, "ward:", 5) == 0 && isalnum((unsigned char)p[5]))
			p += 5;
		else if (starts && strncmp(p, "n:", 2) == 0 && isalnum((unsigned char)p[2]))
			p += 2;
		else
			*out++ = *p++;
	}
	*out = '\0';
	return buf[next];
}

/* At 120 columns (and 160) the event log's detail has the room a
 * check's and a sending's text need, beside the event's border: the
 * check that found contraband and took a bribe reads "inspected,…
 * bribe taken 60.75" and a sending its "4 hops, bribes 12.50", each
 * selected in the Events pane (at 120 it read "inspect…", the detail 9
 * columns wide). */
START_TEST(test_tui_event_detail_has_its_room_at_120)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 65);
	const struct smug_event *e[2] = {NULL, NULL};
	int64_t seq[2] = {-1, -1};
	static const int at_sizes[][2] = {{40, 120}, {48, 160}};

	for (int i = pane_events_count(&a) - 1; i >= 0 && (e[0] == NULL || e[1] == NULL); i--) {
		int64_t q;
		const struct smug_event *x = pane_events_at(&a, i, &q);

		if (e[0] == NULL && x->kind == SMUG_EV_CUSTOMS_CHECK && (x->flags & SMUG_EVF_FOUND) &&
		    !(x->flags & SMUG_EVF_SEIZED) && x->u.v.money > 0) {
			e[0] = x;
			seq[0] = q;
		}
		if (e[1] == NULL && x->kind == SMUG_EV_SHIPMENT_CREATED && x->u.v.money > 0 && x->corridor < 0) {
			e[1] = x;
			seq[1] = q;
		}
	}
	ck_assert_msg(e[0] && e[1], "no check with a bribe or no sending with bribes by day 65");
	feed(&a, "5");
	for (int k = 0; k < 2; k++) {
		char fig[64], head[64], want[96];

		last_figure(event_text(w, e[k]), fig, sizeof fig);
		if (k == 0) {
			snprintf(head, sizeof head, "inspected,");
			snprintf(want, sizeof want, "bribe taken %s", fig);
		} else {
			snprintf(head, sizeof head, " %d hop%s,", e[k]->u.v.count, e[k]->u.v.count == 1 ? "" : "s");
			snprintf(want, sizeof want, "bribes %s", fig);
		}
		a.event_sel = seq[k];
		for (int z = 0; z < 2; z++) {
			char *screen = render(&a, at_sizes[z][0], at_sizes[z][1]), id[64] = "";

			assert_on_screen(lines_with_whole(screen, head, want) > 0, screen, "%dx%d: '%s' shown without '%s'",
					 at_sizes[z][1], at_sizes[z][0], event_text(w, e[k]), want);
			if (k == 0) { /* and beside it, its border */
				tui_short_corridor(&a, e[k]->corridor, id, sizeof id);
				assert_on_screen(lines_with_whole(screen, id, want) > 0, screen,
						 "%dx%d: the check at %s shown without its border", at_sizes[z][1], at_sizes[z][0], id);
			}
			free(screen);
		}
	}
	{ /* the filter finds a text as the log shows it: "30->25 5 hops" */
		char shown[SMUG_EVENT_TEXT_MAX], *hops;
		bool found = false;

		snprintf(shown, sizeof shown, "%s", shown_text(w, e[1]));
		hops = strstr(shown, " hops");
		ck_assert_ptr_nonnull(hops);
		*hops = '\0';
		feed(&a, "/");
		feed(&a, shown);
		feed(&a, "\n");
		for (int i = 0; i < pane_events_count(&a) && !found; i++) {
			int64_t q;

			found = pane_events_at(&a, i, &q) == e[1];
		}
		ck_assert_msg(found, "the filter '%s' does not find '%s'", shown, event_text(w, e[1]));
	}
	close_app(&a, w);
}
END_TEST

/* The story of a shipment shows its bribes whole on the row of its
 * sending ("33->30 4 hops, bribes 12.50"), never "4 hops,…", at 80,
 * 120 and 200 columns (at 80 its faction and commodity, named above
 * the table, leave the detail their room). */
START_TEST(test_tui_story_keeps_the_bribes)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 65);
	const struct smug_event *e = NULL;
	int64_t seq = -1;
	char fig[64], ship[32];

	for (int i = pane_events_count(&a) - 1; i >= 0 && e == NULL; i--) {
		const struct smug_event *x = pane_events_at(&a, i, &seq);

		if (x->kind == SMUG_EV_SHIPMENT_CREATED && strstr(event_text(w, x), "bribes ") &&
		    last_figure(event_text(w, x), fig, sizeof fig)[0])
			e = x;
	}
	ck_assert_msg(e != NULL, "no shipment sent with its bribes by day 65");
	snprintf(ship, sizeof ship, "#%llu ", (unsigned long long)e->shipment);
	feed(&a, "5");
	a.event_sel = seq;
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_STORY);
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]), want[80];

		snprintf(want, sizeof want, "bribes %s", fig);
		assert_on_screen(lines_with_whole(screen, ship, want) > 0, screen, "%dx%d: '%s' shown without '%s'", cut_sizes[s][1], cut_sizes[s][0], event_text(w, e), want);
		free(screen);
	}
	close_app(&a, w);
}
END_TEST

/* A TopK route too long for its column keeps its first node and its
 * destination, the middle nodes elided ("n:24.0>…>n:14.1>n:14.0"). */
START_TEST(test_tui_topk_route_keeps_its_destination)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 65);
	struct smug_topk lists[2];
	int checked = 0, long_ones = 0;

	smug_topk_all(w, SMUG_TOPK_ROUTES, &lists[0]);
	smug_topk_window(w, SMUG_TOPK_ROUTES, w->cfg.telemetry.window_days, &lists[1]);
	feed(&a, "T");
	ck_assert_int_eq(a.view, VIEW_TOPK);
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]);

		for (int l = 0; l < 2; l++)
			for (int i = 0; i < lists[l].n && i < 4; i++) { /* 4 rows a list at 80x24 */
				const char *key = lists[l].e[i].key, *last = strrchr(key, '>');
				char first[64];

				ck_assert_ptr_nonnull(last);
				snprintf(first, sizeof first, " %.*s>", (int)strcspn(key, ">"), key);
				assert_on_screen(lines_with_whole(screen, first, last + 1) > 0, screen,
						 "%dx%d: route %s shown without its first node or destination", cut_sizes[s][1],
						 cut_sizes[s][0], key);
				checked++;
				long_ones += text_cols(key) > 30; /* longer than a list's column at 80 */
			}
		free(screen);
	}
	ck_assert_int_gt(checked, 0);
	ck_assert_int_gt(long_ones, 0); /* a route that must be shortened */
	close_app(&a, w);
}
END_TEST

/* With node ids too long for even a route's first node and destination
 * whole ("n:24.0-checkpoint>n:23.0-checkpoint" in a 37-column list at
 * 80x24), a TopK route keeps its first node's start and the whole
 * destination, or its start and end ("n:24.0-c…>n:23.0-checkpoint"),
 * and a border both its nodes: the destination, or the border's second
 * node, was cut off ("n:24.0-checkpoint>n:23.0-c…"). */
START_TEST(test_tui_topk_long_route_keeps_both_ends)
{
	struct smug_world *w = long_ids_at("n:", "-checkpoint", 65);
	struct tui_app a;
	struct smug_topk lists[4];
	int checked = 0;

	tui_app_init(&a, w, &opts);
	smug_topk_all(w, SMUG_TOPK_ROUTES, &lists[0]);
	smug_topk_window(w, SMUG_TOPK_ROUTES, w->cfg.telemetry.window_days, &lists[1]);
	smug_topk_all(w, SMUG_TOPK_BORDERS, &lists[2]);
	smug_topk_window(w, SMUG_TOPK_BORDERS, w->cfg.telemetry.window_days, &lists[3]);
	feed(&a, "T");
	ck_assert_int_eq(a.view, VIEW_TOPK);
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]);

		for (int l = 0; l < 4; l++)
			for (int i = 0; i < lists[l].n && i < 4; i++) { /* 4 rows a list at 80x24 */
				const char sep = l < 2 ? '>' : '|';
				const char *key = lists[l].e[i].key, *last = strrchr(key, sep), *line, *at = NULL;
				char first[16], dest[16], end[8];

				ck_assert_ptr_nonnull(last);
				snprintf(first, sizeof first, " %.6s", key);
				snprintf(dest, sizeof dest, "%c%.6s", sep, last + 1);
				snprintf(end, sizeof end, "%s", key + strlen(key) - 4);
				/* a line with the first node, then the destination's start and end */
				for (line = strstr(screen, first); line && at == NULL; line = strstr(line + 1, first)) {
					const char *eol = strchr(line, '\n'), *d = strstr(line, dest), *cell;

					if (d == NULL || (eol && d > eol))
						continue;
					/* the key's cell ends at two spaces or the line's end */
					cell = strstr(d, "  ");
					if (cell == NULL || (eol && cell > eol))
						cell = eol;
					if ((at = strstr(d, end)) != NULL && cell && at > cell)
						at = NULL;
				}
				assert_on_screen(at != NULL, screen, "%dx%d: route %s shown without its first node or both ends of its destination",
						 cut_sizes[s][1], cut_sizes[s][0], key);
				checked++;
			}
		free(screen);
	}
	ck_assert_int_gt(checked, 0);
	close_app(&a, w);
}
END_TEST

/* With long node and faction ids, the TopK view's shortened keys claim
 * nothing they do not hold: a route of two nodes never reads as if
 * nodes were left out between them ("n:24.0-c…>n:23.0-checkpoint", no
 * ">…>"), and a network (a faction id, no '>') is cut at its end with an
 * ellipsis, never drawn as a route ("suitwri…>…-ring"). At 80x24. */
START_TEST(test_tui_topk_long_keys_claim_only_what_they_hold)
{
	struct smug_world *w = long_ids_world(long_node_and_faction_ids, 5, 65);
	struct smug_topk routes, nets;
	struct tui_app a;
	char *screen, line[1024], want[64];
	int two = 0, cut = 0;

	tui_app_init(&a, w, &opts);
	smug_topk_all(w, SMUG_TOPK_ROUTES, &routes);
	smug_topk_all(w, SMUG_TOPK_FACTIONS, &nets);
	feed(&a, "T");
	screen = render(&a, 24, 80);
	for (int i = 0; i < routes.n && i < 4; i++) {
		const char *key = routes.e[i].key, *at;

		if (strchr(key, '>') != strrchr(key, '>'))
			continue; /* more than two nodes */
		snprintf(want, sizeof want, "%2d %6.0f %.6s", i + 1, routes.e[i].score, key);
		at = strstr(screen, want);
		assert_on_screen(at != NULL, screen, "80x24: no row for route %s", key);
		snprintf(line, sizeof line, "%.*s", (int)strcspn(at, "\n"), at);
		if (strstr(line + strlen(want), "  ") != NULL) /* the key's cell ends at two spaces */
			*strstr(line + strlen(want), "  ") = '\0';
		assert_on_screen(strstr(line, ">\xe2\x80\xa6>") == NULL, screen,
				 "80x24: route %s of two nodes reads as if nodes were left out: '%s'", key, line);
		two++;
	}
	for (int i = 0; i < nets.n && i < 4; i++) {
		const char *id = nets.e[i].key, *at;

		snprintf(want, sizeof want, "%2d %5.1f%% %.6s", i + 1, 100 * nets.e[i].score, id);
		at = strstr(screen, want);
		assert_on_screen(at != NULL, screen, "80x24: no row for network %s", id);
		snprintf(line, sizeof line, "%.*s", (int)strcspn(at, "\n"), at);
		if (strstr(line + strlen(want), "  ") != NULL) /* the key's cell ends at two spaces */
			*strstr(line + strlen(want), "  ") = '\0';
		assert_on_screen(strchr(line, '>') == NULL && (strstr(line, id) != NULL || strstr(line, "\xe2\x80\xa6") != NULL),
				 screen, "80x24: network %s reads '%s'", id, line);
		cut += strstr(line, id) == NULL;
	}
	ck_assert_int_gt(two, 0);
	ck_assert_int_gt(cut, 0); /* a network whose id must be shortened */
	free(screen);
	close_app(&a, w);
}
END_TEST

/* The Borders header sorted on today's column abbreviates the head
 * ("▾day"), never cuts it ("▾toda"). */
START_TEST(test_tui_borders_today_head_abbreviates)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);

	feed(&a, "3tt"); /* the recent window, all time, today */
	ck_assert_int_eq(a.border_window, WIN_TODAY);
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]);

		for (const char *p = strstr(screen, "toda"); p; p = strstr(p + 1, "toda"))
			assert_on_screen(p[4] == 'y', screen, "%dx%d: a head cut ('toda' without its 'y')", cut_sizes[s][1],
					 cut_sizes[s][0]);
		if (getenv("SMUGNET_SHOW"))
			fputs(screen, stdout);
		free(screen);
	}
	close_app(&a, w);
}
END_TEST

/* T opens the TopK view: the busiest border, cracked down for 60 days,
 * keeps its all-time rank but is gone from the last 30 days' list; Left
 * shortens the window down to one day, Right lengthens it up to
 * telemetry.window_days, and T or Esc closes the view. */
/* On day 0 nothing has crossed yet: the TopK view's route and border
 * lists read "(none)" on their first row, all time and in the window. */
START_TEST(test_tui_topk_view_on_day_0_lists_none)
{
	static const char *const heads[] = {"Routes (shipments sent)", "Borders (crossings)"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *text;

	feed(&a, "T");
	ck_assert_int_eq(a.view, VIEW_TOPK);
	text = render(&a, 48, 160);
	for (int h = 0; h < 2; h++) {
		const char *at = strstr(text, heads[h]), *row, *end;
		int n = 0;

		ck_assert_msg(at != NULL, "no '%s' in the TopK view", heads[h]);
		row = strchr(at, '\n') + 1;
		end = strchr(row, '\n');
		for (const char *p = strstr(row, "(none)"); p && p < end; p = strstr(p + 1, "(none)"))
			n++;
		ck_assert_msg(n == 2, "day 0: the first row under '%s' reads '%.*s', want '(none)' twice", heads[h],
			      (int)(end - row), row);
	}
	free(text);
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_topk_view_shows_the_shift)
{
	struct smug_world *w = world_at(90);
	int b = test_busiest_border(w);
	const char *id = w->corridors[b].id;
	struct tui_app a;
	char *text, *win;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, id, 1.0, -1, NULL), SMUG_OK);
	smug_cmd_step(w, 60);
	tui_app_init(&a, w, &opts);
	feed(&a, "T");
	ck_assert_int_eq(a.view, VIEW_TOPK);
	text = render(&a, 48, 160);
	if (getenv("SMUGNET_SHOW"))
		fputs(text, stdout);
	ck_assert_ptr_nonnull(strstr(text, "TopK: all time | last 30 days"));
	ck_assert_ptr_nonnull(strstr(text, "Borders (crossings)"));
	/* the border's row: left half (all time) yes, right half (window) no */
	win = strstr(text, "Borders (crossings)");
	ck_assert_ptr_nonnull(win);
	{
		const char *line = win, *end = strstr(win, "Networks (");
		bool left = false, right = false;

		ck_assert_ptr_nonnull(end);
		while ((line = strstr(line, id)) && line < end) {
			const char *bol = line;

			while (bol > text && bol[-1] != '\n')
				bol--;
			if (line - bol < 80)
				left = true;
			else
				right = true;
			line++;
		}
		ck_assert(left);
		ck_assert(!right);
	}
	free(text);
	tui_handle_key(&a, KEY_LEFT);
	ck_assert_int_eq(a.topk_days, 14);
	ck_assert(strstr(text = render(&a, 24, 80), "last 14 days") != NULL);
	/* three lists on 24 rows: each shortened to fit */
	ck_assert_msg(strstr(text, "Routes (shipments sent)") && strstr(text, "Borders (crossings)") &&
			      strstr(text, "Networks (delivered / resolved)"),
		      "24 rows do not show the three lists");
	free(text);
	/* down to one day, the shortest window: Left stops there */
	tui_handle_key(&a, KEY_LEFT);
	tui_handle_key(&a, KEY_LEFT);
	ck_assert_int_eq(a.topk_days, 1);
	ck_assert_msg(strstr(text = render(&a, 24, 80), "last 1 day ") != NULL, "the view does not show one day");
	ck_assert_msg(strstr(text, "| last 1 day (Left/Right") != NULL, "the view's title does not read 'last 1 day'");
	free(text);
	tui_handle_key(&a, KEY_LEFT);
	ck_assert_int_eq(a.topk_days, 1);
	tui_handle_key(&a, KEY_RIGHT);
	ck_assert_int_eq(a.topk_days, 7);
	for (int i = 0; i < 4; i++)
		tui_handle_key(&a, KEY_RIGHT);
	ck_assert_int_eq(a.topk_days, 30); /* no longer than the window kept */
	feed(&a, "T");
	ck_assert_int_eq(a.view, VIEW_MAIN);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* The Routes pane's first row is the faction's first decision of the
 * day: its lane with the wards' short ids ("01>22" for ward:01 to
 * ward:22), then the corridors its route takes (hops: nodes less one) and
 * the borders it crosses. */
START_TEST(test_tui_routes_row_reads_its_decision)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_decision *d = NULL;
	char *s, line[512], lane[64];
	const char *at;
	int hops = -1, brd = -1;

	for (int i = 0; i < w->n_decisions && d == NULL; i++)
		if (w->decisions[i].faction == a.faction)
			d = &w->decisions[i];
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(d->winner >= 0 && d->route_len >= 3, "the first decision sent nothing: pick another day");
	snprintf(lane, sizeof lane, "%s>%s", strchr(w->wards[d->src_ward].id, ':') + 1,
		 strchr(w->wards[d->dst_ward].id, ':') + 1);
	s = render(&a, 48, 160);
	ck_assert_msg(line_with(s, "src>dst", line, sizeof line) != NULL, "no Routes header");
	ck_assert_msg(strstr(line, "hops") != NULL, "no hops column: %s", line);
	at = strstr(s, "src>dst");
	at = strchr(at, '\n') + 1; /* the first row */
	snprintf(line, sizeof line, "%.*s", (int)(strchr(at, '\n') - at), at);
	at = strstr(line, lane);
	ck_assert_msg(at != NULL, "first row lacks the lane %s: %s", lane, line);
	at += strlen(lane);
	while (*at == ' ')
		at++;
	if (*at == 'x') /* identical decisions folded into the row */
		at += strcspn(at, " ");
	ck_assert_int_eq(sscanf(at, "%d %d", &hops, &brd), 2);
	ck_assert_msg(hops == d->route_len - 1, "hops %d for a route of %d nodes: %s", hops, d->route_len, line);
	ck_assert_int_eq(brd, d->route_borders);
	free(s);
	close_app(&a, w);
}
END_TEST

/* Two decisions of the Routes pane fold into one row when everything
 * the row shows of them is the same: faction, commodity, wards, route,
 * the reason nothing was sent and whether exploration sent it. */
static bool routes_same_row(const struct smug_decision *x, const struct smug_decision *y)
{
	return x->faction == y->faction && x->commodity == y->commodity && x->src_ward == y->src_ward &&
	       x->dst_ward == y->dst_ward && x->route_len == y->route_len &&
	       memcmp(x->route, y->route, (size_t)x->route_len * sizeof x->route[0]) == 0 &&
	       strcmp(x->skipped, y->skipped) == 0 && x->explore == y->explore;
}

/* The text of a Routes cell in row: a right-aligned column's cell ends
 * where its head ends, a left-aligned one starts where its head starts
 * (and runs to the next double space or frame line). */
static void routes_cell(const char *row, const char *head_row, int from, const char *head, bool right, char *out,
			size_t size)
{
	const char *h = strstr(head_row + from, head);
	int a, b;

	ck_assert_msg(h != NULL, "no '%s' head in the Routes pane", head);
	if (right) {
		b = (int)(h - head_row) + (int)strlen(head);
		for (a = b; a > 0 && row[a - 1] != ' ' && row[a - 1] != '|'; a--)
			;
	} else {
		a = (int)(h - head_row);
		for (b = a; row[b] && row[b] != '|' && !(row[b] == ' ' && row[b + 1] == ' '); b++)
			;
	}
	snprintf(out, size, "%.*s", b - a, row + a);
}

/* Every row of the Routes pane reads its decision under each head: the
 * commodity, the lane, the cargo's value, the hops, borders, score and
 * margin of a route taken (empty when none was; an exploration pick's own
 * score), and the status ("sent", "explored" or why not), and "xN"
 * under n for N identical decisions folded into one row. Day 1 of the default world, every faction's first 12 rows. */
START_TEST(test_tui_routes_every_cell_under_its_head)
{
	static char g[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int rows, hy = -1, from = 0, with_margin = 0, skipped = 0, folded = 0, size;

	tui_handle_key(&a, '2');
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		a.route_sel = 0;
		rows = pane_routes_rows(&a);
		for (int r = 0; r < rows && r < 12; r++) {
			const struct smug_decision *d = &w->decisions[pane_routes_decision(&a)];
			char *s = render(&a, 48, 200), want[64], got[64];
			const char *row;

			screen_rows(s, g, 48, 200);
			free(s);
			for (int y = 0; y < 48 && hy < 0; y++)
				if (strstr(g[y], "src>dst") && strstr(g[y], "status")) {
					hy = y; /* the pane's left frame line */
					for (from = (int)(strstr(g[y], "src>dst") - g[y]); from > 0 && g[y][from] != '|'; from--)
						;
				}
			ck_assert_msg(hy >= 0, "no Routes header");
			row = g[hy + 1 + r];
			routes_cell(row, g[hy], from, "commodity", false, got, sizeof got);
			ck_assert_msg(strcmp(got, tui_commodity_short((int)d->commodity)) == 0, "row %d commodity '%s'", r, got);
			snprintf(want, sizeof want, "%s>%s", tui_short_ward(&a, d->src_ward),
				 d->dst_ward >= 0 ? tui_short_ward(&a, d->dst_ward) : "-"); /* no demand ward: "-" */
			routes_cell(row, g[hy], from, "src>dst", false, got, sizeof got);
			ck_assert_msg(strcmp(got, want) == 0, "row %d lane '%s', not '%s'", r, got, want);
			fmt_money(want, sizeof want, d->value, 9);
			routes_cell(row, g[hy], from, "cargo", true, got, sizeof got);
			ck_assert_msg(strcmp(got, want) == 0, "row %d cargo '%s', not '%s'", r, got, want);
			snprintf(want, sizeof want, "%d", d->winner >= 0 ? d->route_len - 1 : 0);
			routes_cell(row, g[hy], from, "hops", true, got, sizeof got);
			ck_assert_msg(strcmp(got, d->winner >= 0 ? want : "") == 0, "row %d hops '%s'", r, got);
			snprintf(want, sizeof want, "%d", d->route_borders);
			routes_cell(row, g[hy], from, "brd", true, got, sizeof got);
			ck_assert_msg(strcmp(got, d->winner >= 0 ? want : "") == 0, "row %d brd '%s'", r, got);
			/* the score of the route sent: an exploration pick's its own */
			fmt_money(want, sizeof want, (int64_t)((d->explore ? d->explore_score : d->winner_score) + 0.5), 8);
			routes_cell(row, g[hy], from, "score", true, got, sizeof got);
			ck_assert_msg(strcmp(got, d->winner >= 0 ? want : "") == 0, "row %d score '%s'", r, got);
			fmt_money(want, sizeof want, (int64_t)(d->margin + 0.5), 8);
			routes_cell(row, g[hy], from, "margin", true, got, sizeof got);
			ck_assert_msg(strcmp(got, d->winner >= 0 && d->runner >= 0 ? want : "") == 0,
				      "row %d margin '%s', not '%s'", r, got, want);
			size = 0;
			for (int i = 0; i < w->n_decisions; i++)
				size += routes_same_row(d, &w->decisions[i]);
			snprintf(want, sizeof want, "x%d", size);
			routes_cell(row, g[hy], from, "n", true, got, sizeof got);
			ck_assert_msg(strcmp(got, size > 1 ? want : "") == 0, "row %d n '%s' for %d alike", r, got, size);
			routes_cell(row, g[hy], from, "status", false, got, sizeof got);
			ck_assert_msg(d->skipped[0] ? got[0] && strcmp(got, "sent") != 0
						    : strcmp(got, d->explore ? "explored" : "sent") == 0,
				      "row %d status '%s' for '%s'", r, got, d->skipped);
			with_margin += d->winner >= 0 && d->runner >= 0;
			skipped += d->skipped[0] != '\0';
			folded += size > 1;
			tui_handle_key(&a, KEY_DOWN);
		}
	}
	ck_assert_int_gt(with_margin, 0);
	ck_assert_int_gt(skipped, 0);
	ck_assert_int_gt(folded, 0);
	close_app(&a, w);
}
END_TEST

/* The Routes pane of w on day 30 at 80 and 120 columns, every faction's
 * first rows: each lane names both its wards, whole when whole (the
 * status after it), else each by its start ("24…>22…"). */
static void check_lanes(struct smug_world *w, bool whole)
{
	static char g[48][256];
	static const int screens[][2] = {{24, 80}, {40, 120}};
	struct tui_app a;
	int read = 0;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '2');
	for (size_t z = 0; z < sizeof screens / sizeof screens[0]; z++)
		for (int f = 0; f < w->n_factions; f++) {
			int rows, hy = -1, from = 0;

			a.faction = f;
			a.route_sel = 0;
			rows = pane_routes_rows(&a);
			for (int r = 0; r < rows && r < 4; r++) {
				const struct smug_decision *d = &w->decisions[pane_routes_decision(&a)];
				const char *src = tui_short_ward(&a, d->src_ward),
					   *dst = d->dst_ward >= 0 ? tui_short_ward(&a, d->dst_ward) : "-", *gt;
				char *s = render(&a, screens[z][0], screens[z][1]), want[64], got[64];
				size_t n;

				screen_rows(s, g, screens[z][0], screens[z][1]);
				for (int y = 0; y < screens[z][0] && hy < 0; y++)
					if (strstr(g[y], "src>dst") && strstr(g[y], "status")) {
						hy = y;
						for (from = (int)(strstr(g[y], "src>dst") - g[y]); from > 0 && g[y][from] != '|';
						     from--)
							;
					}
				ck_assert_msg(hy >= 0, "no Routes header:\n%s", s);
				routes_cell(g[hy + 1 + r], g[hy], from, "src>dst", false, got, sizeof got);
				if (whole) /* the lane may fill its column: the status follows after one space */
					snprintf(want, sizeof want, "%s>%s", src, dst);
				else
					snprintf(want, sizeof want, "%.2s", src);
				n = strlen(want);
				gt = strchr(got, '>');
				ck_assert_msg(strncmp(got, want, n) == 0 && (!whole || got[n] == '\0' || got[n] == ' ') &&
						      (whole || (gt && strncmp(gt + 1, dst, dst[0] == '-' ? 1 : 2) == 0)),
					      "%dx%d: row %d lane '%s' for %s>%s:\n%s", screens[z][1], screens[z][0], r, got,
					      src, dst, s);
				free(s);
				read++;
				tui_handle_key(&a, KEY_DOWN);
			}
		}
	ck_assert_int_ge(read, 8);
	close_app(&a, w);
}

/* With ward ids too long for the lane column ("ward:24-district"), a
 * Routes row names both wards, each shortened ("24…>22…"): it read
 * "24-dis…", the demand ward cut off. At 80 and 120 columns, every
 * faction's first rows on day 30. */
START_TEST(test_tui_routes_lane_names_both_long_wards)
{
	check_lanes(long_ids_at("ward:", "-district", 30), false);
}
END_TEST

/* Ward ids of four digits (as in a generated world of 3,600 wards) read
 * whole in the Routes pane's lane ("2400>3300"): the column grows to
 * the world's ids; it read "2…0>3…0" (and before that "2400>3…"). At
 * 80 and 120 columns, every faction's first rows on day 30; the default
 * world's lane stays 7 columns (the goldens). */
START_TEST(test_tui_routes_lane_grows_to_the_wards_ids)
{
	check_lanes(long_ids_at("ward:", "00", 30), true);
}
END_TEST

/* The Routes pane has one row per group of identical decisions of the
 * faction ("xN" in its n column when N > 1): over 90 days of the default
 * world, each faction's rows count those groups, some of several. */
START_TEST(test_tui_routes_fold_only_identical_decisions)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	int folded = 0;

	for (int day = 1; day <= 90; day++) {
		smug_cmd_step(w, 1);
		for (int f = 0; f < w->n_factions; f++) {
			int groups = 0;

			a.faction = f;
			for (int i = 0; i < w->n_decisions; i++) {
				const struct smug_decision *d = &w->decisions[i];
				int j, size = 1;

				if (d->faction != f)
					continue;
				for (j = 0; j < i && !(w->decisions[j].faction == f && routes_same_row(&w->decisions[j], d)); j++)
					;
				if (j < i)
					continue; /* not the first of its group */
				groups++;
				for (int k = i + 1; k < w->n_decisions; k++) {
					size += routes_same_row(d, &w->decisions[k]);
				}
				folded += size > 1;
			}
			ck_assert_msg(pane_routes_rows(&a) == groups, "day %d faction %d: %d rows for %d groups", day, f,
				      pane_routes_rows(&a), groups);
		}
	}
	ck_assert_int_gt(folded, 0);
	close_app(&a, w);
}
END_TEST

/* A shipment the exploration policy sent on another candidate than the
 * winner (day 20 of the default world: a dustrunners decision sends its
 * pick #17 over winner #6) read "sent" in the Routes pane with the
 * winner's score, and the why view said "shipment sent" beside the
 * winner's route: now the row reads "explored" with the pick's score,
 * the margin line names the candidate sent, and the why view says
 * "shipment sent on #17, explored", marks it "+17e", opens its list on
 * it and, with room, shows its route; at 80x24 and 120x40. */
START_TEST(test_tui_routes_and_why_say_explored)
{
	static char g[40][256];
	static const int screens[][2] = {{24, 80}, {40, 120}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 20);
	const struct smug_decision *d = NULL;
	int row = -1, hy = -1, from = 0;
	char want[120], got[64], route[400], *flat;

	tui_handle_key(&a, '2');
	a.faction = smug_world_find_faction(w, "dustrunners");
	ck_assert_int_ge(a.faction, 0);
	for (int r = 0; r < pane_routes_rows(&a) && row < 0; r++) {
		a.route_sel = r;
		d = &w->decisions[pane_routes_decision(&a)];
		if (d->explore && d->chosen != d->winner && d->shipment)
			row = r;
	}
	ck_assert_msg(row >= 0, "day 20: no dustrunners shipment sent by exploration on another candidate");
	ck_assert_int_eq(d->chosen, 16); /* the day the test was written for */
	for (size_t z = 0; z < sizeof screens / sizeof screens[0]; z++) {
		int rows = screens[z][0], cols = screens[z][1];
		char *s;

		ck_assert_int_eq(a.view, VIEW_MAIN);
		a.route_sel = row;
		s = render(&a, rows, cols);
		screen_rows(s, g, rows, cols);
		hy = -1;
		for (int y = 0; y < rows && hy < 0; y++)
			if (strstr(g[y], "src>dst") && strstr(g[y], "status")) {
				hy = y;
				for (from = (int)(strstr(g[y], "src>dst") - g[y]); from > 0 && g[y][from] != '|'; from--)
					;
			}
		ck_assert_msg(hy >= 0 && hy + 1 + row < rows, "%dx%d: no Routes row %d:\n%s", cols, rows, row, s);
		routes_cell(g[hy + 1 + row], g[hy], from, "status", false, got, sizeof got);
		ck_assert_msg(strcmp(got, "explored") == 0, "%dx%d: the explored row's status reads '%s':\n%s", cols, rows,
			      got, s);
		if (strstr(g[hy], "score")) {
			fmt_money(want, sizeof want, (int64_t)(d->explore_score + 0.5), 8);
			routes_cell(g[hy + 1 + row], g[hy], from, "score", true, got, sizeof got);
			ck_assert_msg(strcmp(got, want) == 0, "%dx%d: the explored row's score '%s', not the pick's '%s':\n%s",
				      cols, rows, got, want, s);
		}
		if (rows >= 40)
			ck_assert_msg(strstr(s, "sent #17 (explored); ") != NULL,
				      "%dx%d: the margin line does not name the candidate sent:\n%s", cols, rows, s);
		free(s);
		tui_handle_key(&a, '\r');
		ck_assert_int_eq(a.view, VIEW_WHY);
		s = render(&a, rows, cols);
		flat = unframed(s); /* the head line wraps at 80 columns */
		ck_assert_msg(strstr(flat, "; shipment sent on #17, explored (score ") != NULL,
			      "%dx%d: the why view does not say the route sent was explored:\n%s", cols, rows, s);
		free(flat);
		ck_assert_msg(strstr(s, "+17e ") != NULL, "%dx%d: the candidate sent is not marked in the list:\n%s", cols,
			      rows, s);
		ck_assert_int_eq(a.why_sel, 16); /* opened on the route sent */
		if (rows >= 40) { /* the route sent, from its first node to its last */
			const char *line = line_with(s, "explored:  ", route, sizeof route);

			ck_assert_msg(line != NULL, "%dx%d: no line with the route sent:\n%s", cols, rows, s);
			snprintf(want, sizeof want, "explored:  %s>", w->nodes[d->route[0]].id + a.node_prefix);
			ck_assert_msg(strstr(line, want) != NULL, "%dx%d: '%s' is not the route sent", cols, rows, line);
			snprintf(want, sizeof want, ">%s ", w->nodes[d->route[d->route_len - 1]].id + a.node_prefix);
			ck_assert_msg(strstr(line, want) != NULL, "%dx%d: '%s' is not the route sent", cols, rows, line);
		}
		free(s);
		tui_handle_key(&a, 27);
	}
	close_app(&a, w);
}
END_TEST

/* Two wards ten units apart, side by side (at x -5 and 5) or one above
 * the other (at y -5 and 5), joined by one border. */
static struct smug_world *pair_world(bool upright)
{
	char json[1024];
	struct smug_world *w = NULL;
	struct smug_error err;

	snprintf(json, sizeof json,
		 "{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"pair\", \"name\": \"a pair\", \"seed\": 3,"
		 " \"ledger\": {\"treasury\": 100000},"
		 " \"wards\": [{\"id\": \"ward:src\", \"name\": \"Source\", \"ring\": 2, \"pos\": [%d, %d]},"
		 "  {\"id\": \"ward:dst\", \"name\": \"Market\", \"ring\": 2, \"pos\": [%d, %d]}],"
		 " \"nodes\": [{\"id\": \"n:src\", \"ward\": \"ward:src\"}, {\"id\": \"n:dst\", \"ward\": \"ward:dst\"}],"
		 " \"corridors\": [{\"a\": \"n:src\", \"b\": \"n:dst\"}],"
		 " \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:src\","
		 "   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}",
		 upright ? 0 : -5, upright ? -5 : 0, upright ? 0 : 5, upright ? 5 : 0);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "pair.json", &w, &err) == SMUG_OK, "%s", err.msg);
	return w;
}

/* Two wards joined by one border, side by side and one above the other:
 * the map draws the border as one straight run, of '-' on the wards'
 * row or of '|' in their column, and no corridor line anywhere else. */
START_TEST(test_tui_map_draws_a_straight_border_straight)
{
	static char row[24][256];

	for (int upright = 0; upright < 2; upright++) {
		struct smug_world *w = pair_world(upright);
		struct tui_app a;
		struct tui_grid *g;
		char *s, want = upright ? '!' : '-'; /* screen_row shows an ASCII '|' as '!' */
		int at = -1, cells = 0;

		tui_app_init(&a, w, &ascii_opts);
		tui_handle_key(&a, 'M');
		s = render(&a, 24, 80);
		screen_rows(s, row, 24, 80);
		g = render_grid(&a, 24, 80);
		for (int y = 0; y < 24; y++)
			for (int x = 0; x < 80; x++) {
				if (grid_role(g, y, x) != ROLE_LINE)
					continue;
				ck_assert_msg(at < 0 || (upright ? x : y) == at, "the %s border's line leaves its %s at (%d,%d):\n%s",
					      upright ? "upright" : "level", upright ? "column" : "row", y, x, s);
				at = upright ? x : y;
				ck_assert_msg(row[y][x] == want, "the %s border drawn with '%c' at row %d column %d:\n%s",
					      upright ? "upright" : "level", row[y][x], y, x, s);
				cells++;
			}
		ck_assert_int_gt(cells, 3);
		grid_free(g);
		free(s);
		tui_app_done(&a);
		smug_world_free(w);
	}
}
END_TEST

/* The Well stands at the centre of the wards: halfway between two wards
 * side by side, and between two one above the other. */
START_TEST(test_tui_map_draws_the_well_between_its_wards)
{
	static char row[24][256];

	for (int upright = 0; upright < 2; upright++) {
		struct smug_world *w = pair_world(upright);
		struct tui_app a;
		struct tui_grid *g;
		char *s;
		int wy = -1, wx = -1, sum_y = 0, sum_x = 0, cells = 0;

		tui_app_init(&a, w, &ascii_opts);
		tui_handle_key(&a, 'M');
		s = render(&a, 24, 80);
		screen_rows(s, row, 24, 80);
		g = render_grid(&a, 24, 80);
		for (int y = 2; y < 24; y++)
			for (int x = 0; x < 80; x++) {
				if (row[y][x] == '@') { /* the Well in ASCII */
					ck_assert_msg(wy < 0, "two Wells on the map:\n%s", s);
					wy = y;
					wx = x;
				}
				if (grid_role(g, y, x) == ROLE_WARD) { /* the two labels, as wide as each other */
					sum_y += y;
					sum_x += x;
					cells++;
				}
			}
		ck_assert_msg(wy >= 0, "no Well on the map:\n%s", s);
		ck_assert_int_gt(cells, 1);
		ck_assert_msg(abs(wy * cells - sum_y) <= cells && abs(wx * cells - sum_x) <= cells,
			      "the Well at row %d column %d, the wards' centre at row %.1f column %.1f:\n%s", wy, wx,
			      (double)sum_y / cells, (double)sum_x / cells, s);
		grid_free(g);
		free(s);
		tui_app_done(&a);
		smug_world_free(w);
	}
}
END_TEST

/* A world whose one corridor is a border under a crackdown: the map
 * draws the crackdown's mark on the line, halfway between the two wards
 * (beside the Well, which stands at the very middle). */
START_TEST(test_tui_map_marks_the_only_border_halfway)
{
	static char row[24][256];
	struct smug_world *w = pair_world(false);
	struct tui_app a;
	struct tui_grid *g;
	char *s;
	int my, mx, sum_y = 0, sum_x = 0, cells = 0;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[0].id, 1.0, -1, NULL), SMUG_OK);
	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	s = render(&a, 24, 80);
	screen_rows(s, row, 24, 80);
	g = render_grid(&a, 24, 80);
	ck_assert_msg(a.n_marks == 1, "%d marks on the map of one border:\n%s", a.n_marks, s);
	my = a.marks[0].y + 2; /* marks are kept in the map pane's coordinates; the pane starts on the screen's third row */
	mx = a.marks[0].x;
	ck_assert_msg(row[my][mx] == 'C' && grid_role(g, my, mx) == ROLE_CRACKDOWN,
		      "no crackdown mark at row %d column %d:\n%s", my, mx, s);
	for (int y = 2; y < 24; y++)
		for (int x = 0; x < 80; x++)
			if (grid_role(g, y, x) == ROLE_WARD) { /* the two labels, as wide as each other */
				sum_y += y;
				sum_x += x;
				cells++;
			}
	ck_assert_int_gt(cells, 1);
	ck_assert_msg(my * cells == sum_y && abs(mx * cells - sum_x) <= 2 * cells,
		      "the crackdown's mark at row %d column %d, halfway is row %.1f column %.1f:\n%s", my, mx,
		      (double)sum_y / cells, (double)sum_x / cells, s);
	grid_free(g);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A world of n wards stacked one above the other, one unit apart
 * (ward:00 at the bottom), each joined to the next by a border, and one
 * border more joining ward `from` to ward `to`; the wards
 * lo to hi stand half a unit to the west of the others (one map column
 * at the scale of an unzoomed 80x24 screen), none when lo > hi. */
static struct smug_world *ladder_world(int n, int from, int to, int lo, int hi)
{
	size_t size = 512 + 200 * (size_t)n, at;
	char *json = malloc(size);
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_ptr_nonnull(json);
	at = (size_t)snprintf(json, size,
			      "{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"ladder\", \"name\": \"a ladder\","
			      " \"seed\": 3, \"ledger\": {\"treasury\": 100000}, \"wards\": [");
	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(json + at, size - at,
				       "%s{\"id\": \"ward:%02d\", \"name\": \"Ward %d\", \"ring\": 2, \"pos\": [%s, %d]}", i ? ", " : "",
				       i, i, i >= lo && i <= hi ? "-0.5" : "0", i);
	at += (size_t)snprintf(json + at, size - at, "], \"nodes\": [");
	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(json + at, size - at, "%s{\"id\": \"n:%02d\", \"ward\": \"ward:%02d\"}", i ? ", " : "", i, i);
	at += (size_t)snprintf(json + at, size - at, "], \"corridors\": [{\"a\": \"n:%02d\", \"b\": \"n:%02d\"}", from, to);
	for (int i = 0; i + 1 < n; i++)
		at += (size_t)snprintf(json + at, size - at, ", {\"a\": \"n:%02d\", \"b\": \"n:%02d\"}", i, i + 1);
	snprintf(json + at, size - at,
		 "], \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:00\","
		 " \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}");
	ck_assert_msg(smug_world_load_json(json, strlen(json), "ladder.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	return w;
}

/* A ladder with no ward moved west whose extra border joins the top
 * ward to the bottom one: a line that runs through every other ward. */
static struct smug_world *column_world(int n)
{
	return ladder_world(n, n - 1, 0, 1, 0);
}

/* A border whose line runs through other wards' labels from end to end
 * (a column of wards, the border joining its top and its bottom) still
 * gets its mark: beside the middle of its line, on a cell that no ward's
 * label took. */
START_TEST(test_tui_map_marks_a_line_full_of_wards_beside_its_middle)
{
	struct smug_world *w = column_world(41);
	struct tui_app a;
	struct tui_grid *before, *after;
	int top = -1, bottom = -1, my, mx, c = 0;

	while (abs(w->nodes[w->corridors[c].a].ward - w->nodes[w->corridors[c].b].ward) != w->n_wards - 1)
		c++;
	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	before = render_grid(&a, 24, 80);
	for (int y = 0; y < 24; y++)
		for (int x = 0; x < 80; x++)
			if (grid_role(before, y, x) == ROLE_WARD) {
				top = top < 0 ? y : top;
				bottom = y;
			}
	ck_assert_msg(bottom - top > 10, "the column of wards spans rows %d to %d", top, bottom);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 1.0, -1, NULL), SMUG_OK);
	after = render_grid(&a, 24, 80);
	ck_assert_msg(a.n_marks == 1 && a.marks[0].corridor == c, "border %s under a crackdown has no mark on the map",
		      w->corridors[c].id);
	my = a.marks[0].y + 2; /* marks are kept in the map pane's coordinates; the pane starts on the screen's third row */
	mx = a.marks[0].x;
	ck_assert_int_eq(grid_role(after, my, mx), ROLE_CRACKDOWN);
	ck_assert_msg(grid_role(before, my, mx) != ROLE_WARD, "border %s's mark covers a ward's label at row %d column %d",
		      w->corridors[c].id, my, mx);
	ck_assert_msg(abs(2 * my - top - bottom) <= 4,
		      "border %s between rows %d and %d has its mark on row %d, not beside the middle", w->corridors[c].id, top,
		      bottom, my);
	grid_free(before);
	grid_free(after);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A border whose straight line is covered by wards' labels from end to
 * end, and whose middle has a free cell on one side only, still gets its
 * mark on that free cell: on the left when the labels beside the middle
 * start on the line and run right, on the right when they end on the
 * line (their wards half a unit west). Each free cell is the only one
 * around the middle, so a mark that looks on one side only is lost. */
START_TEST(test_tui_map_marks_a_covered_line_on_its_free_side)
{
	static char row[24][256];

	for (int east = 0; east < 2; east++) {
		/* 18 wards fill the map's 18 rows; the border joins rows 17 and 7,
		 * its middle on row 12 (map rows 11 to 13 are the wards 4 to 6) */
		struct smug_world *w = ladder_world(18, 0, 10, east ? 4 : 1, east ? 6 : 0);
		struct tui_app a;
		struct tui_grid *before, *after;
		char *s;
		int n, times, bottom, top, col = -1, mid, my, mx, free_x, c = 0;
		char *rows[64];

		while (abs(w->nodes[w->corridors[c].a].ward - w->nodes[w->corridors[c].b].ward) != 10)
			c++;
		tui_app_init(&a, w, &ascii_opts);
		tui_handle_key(&a, 'M');
		s = render(&a, 24, 80);
		screen_rows(s, row, 24, 80);
		before = render_grid(&a, 24, 80);
		n = map_rows(s, rows, 64);
		bottom = label_row(rows, n, "00", &times);
		top = label_row(rows, n, "10", &times);
		ck_assert_msg(bottom >= 0 && top >= 0 && bottom - top == 10, "wards 00 and 10 on map rows %d and %d:\n%s", bottom,
			      top, s);
		bottom += 3; /* map rows to screen rows: header, totals, frame */
		top += 3;
		col = (int)(strstr(row[bottom], "00") - row[bottom]);
		/* the line, straight down the column, is all labels (and the Well) */
		for (int y = top + 1; y < bottom; y++)
			ck_assert_msg(grid_role(before, y, col) == ROLE_WARD || row[y][col] == '@',
				      "the border's line is not covered at row %d column %d:\n%s", y, col, s);
		mid = (top + bottom) / 2;
		free_x = east ? col + 1 : col - 1;
		for (int y = mid - 1; y <= mid + 1; y++)
			for (int x = col - 1; x <= col + 1; x++)
				ck_assert_msg((grid_role(before, y, x) == ROLE_WARD) == (x != free_x),
					      "around the middle of the line, row %d column %d is %s:\n%s", y, x,
					      x == free_x ? "taken" : "free", s);
		ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 1.0, -1, NULL), SMUG_OK);
		free(s);
		s = render(&a, 24, 80);
		after = render_grid(&a, 24, 80);
		ck_assert_msg(a.n_marks == 1 && a.marks[0].corridor == c,
			      "border %s under a crackdown has no mark on the map (free cells %s of its middle):\n%s",
			      w->corridors[c].id, east ? "east" : "west", s);
		my = a.marks[0].y + 2; /* the map pane starts on the screen's third row */
		mx = a.marks[0].x;
		ck_assert_msg(grid_role(after, my, mx) == ROLE_CRACKDOWN && abs(my - mid) <= 1 && mx == free_x,
			      "border %s's mark at row %d column %d, want beside the middle (row %d) at column %d:\n%s",
			      w->corridors[c].id, my, mx, mid, free_x, s);
		grid_free(before);
		grid_free(after);
		free(s);
		tui_app_done(&a);
		smug_world_free(w);
	}
}
END_TEST

/* A world of wards on one east-west line at the given x (ward:00 first),
 * each joined to the next by a border. */
static struct smug_world *row_world(const double *x, int n)
{
	char json[4096];
	int at;
	struct smug_world *w = NULL;
	struct smug_error err;

	at = snprintf(json, sizeof json,
		      "{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"row\", \"name\": \"a row\","
		      " \"seed\": 3, \"ledger\": {\"treasury\": 100000}, \"wards\": [");
	for (int i = 0; i < n; i++)
		at += snprintf(json + at, sizeof json - (size_t)at,
			       "%s{\"id\": \"ward:%02d\", \"name\": \"Ward %d\", \"ring\": 2, \"pos\": [%g, 0]}", i ? ", " : "", i,
			       i, x[i]);
	at += snprintf(json + at, sizeof json - (size_t)at, "], \"nodes\": [");
	for (int i = 0; i < n; i++)
		at += snprintf(json + at, sizeof json - (size_t)at, "%s{\"id\": \"n:%02d\", \"ward\": \"ward:%02d\"}",
			       i ? ", " : "", i, i);
	at += snprintf(json + at, sizeof json - (size_t)at, "], \"corridors\": [");
	for (int i = 0; i + 1 < n; i++)
		at += snprintf(json + at, sizeof json - (size_t)at, "%s{\"a\": \"n:%02d\", \"b\": \"n:%02d\"}", i ? ", " : "",
			       i, i + 1);
	snprintf(json + at, sizeof json - (size_t)at,
		 "], \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:00\","
		 " \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}");
	ck_assert_msg(smug_world_load_json(json, strlen(json), "row.json", &w, &err) == SMUG_OK, "%s", err.msg);
	return w;
}

/* A ward too close to another for its label is still on the map, as a
 * ward's dot at its place; a ward at the very place of another's label
 * leaves that label whole. Wards 00, 01 and 02 a map column apart (01
 * under the second digit of 00's label, 02 just after it) and 03 far to
 * the east: the wards' row reads "00o" and then "03". */
START_TEST(test_tui_map_ward_without_room_for_its_label_is_a_dot)
{
	static char row[24][256];
	static const double x[] = {0, 0.15, 0.3, 10};
	struct smug_world *w = row_world(x, 4);
	struct tui_app a;
	struct tui_grid *g;
	char *s, *rows[64];
	int n, times, y, at;

	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	s = render(&a, 24, 80);
	screen_rows(s, row, 24, 80);
	g = render_grid(&a, 24, 80);
	n = map_rows(s, rows, 64);
	y = label_row(rows, n, "00", &times);
	ck_assert_msg(y >= 0 && times == 1, "ward 00's label drawn %d times:\n%s", times, s);
	y += 3; /* map rows to screen rows: header, totals, frame */
	at = (int)(strstr(row[y], "00") - row[y]);
	ck_assert_msg(strncmp(&row[y][at], "00o", 3) == 0 && grid_role(g, y, at + 2) == ROLE_WARD,
		      "the wards beside ward 00 read '%.3s', want its label whole and a dot after it:\n%s", &row[y][at], s);
	ck_assert_msg(label_row(rows, n, "03", &times) == y - 3 && times == 1, "ward 03 not on the wards' row:\n%s", s);
	grid_free(g);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The focused pane, and only it, is framed as focused: its title in
 * brackets and its frame lit; every other pane's frame is dim and its
 * title unbracketed. For each pane focused in turn by its number key. */
START_TEST(test_tui_only_the_focused_pane_is_framed_as_focused)
{
	static char row[48][256];
	struct smug_world *w = world_at(30);
	struct tui_app a;

	tui_app_init(&a, w, &ascii_opts);
	for (int p = 0; p < PANE_COUNT; p++) {
		struct tui_grid *g;
		char *s;

		tui_handle_key(&a, '1' + p);
		ck_assert_int_eq(a.focus, p);
		s = render(&a, 48, 160);
		screen_rows(s, row, 48, 160);
		g = render_grid(&a, 48, 160);
		for (int q = 0; q < PANE_COUNT; q++) {
			const struct tui_rect *r = &a.pane_rect[q];

			ck_assert_msg(r->h > 2 && r->w > 6, "160x48: pane %d drawn %dx%d", q, r->w, r->h);
			ck_assert_msg((row[r->y][r->x + 1] == '[') == (q == p),
				      "pane %d focused: pane %d's title reads '%.12s'", p, q, &row[r->y][r->x + 1]);
			ck_assert_msg((grid_role(g, r->y, r->x) == ROLE_FOCUS) == (q == p) &&
					      (grid_role(g, r->y + r->h - 1, r->x + r->w - 1) == ROLE_FOCUS) == (q == p),
				      "pane %d focused: pane %d's frame is %s", p, q, q == p ? "not lit" : "lit");
		}
		grid_free(g);
		free(s);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The Routes pane folds identical decisions into one row with a count
 * after the lane ("x3"); a row of a single decision shows no count. */
START_TEST(test_tui_routes_count_only_on_folded_rows)
{
	static char row[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct tui_rect *r;
	char *s = render(&a, 48, 160);
	int rows = screen_rows(s, row, 48, 160), singles = 0, folded = 0;

	r = &a.pane_rect[PANE_ROUTES];
	for (int y = r->y + 1; y < r->y + r->h - 1 && y < rows; y++) {
		char text[256], *lane, *tok;

		if (a.hit[PANE_ROUTES][y - r->y] < 0)
			continue;
		snprintf(text, sizeof text, "%.*s", r->w - 2, row[y] + r->x + 1);
		lane = strchr(text, '>');
		ck_assert_msg(lane != NULL, "a Routes row without its lane: %s", text);
		tok = lane + strcspn(lane, " ");
		tok += strspn(tok, " ");
		if (tok[0] == 'x' && tok[1] >= '0' && tok[1] <= '9') {
			ck_assert_msg(atoi(tok + 1) >= 2, "a Routes row counts a single decision: %s", text);
			folded++;
		} else {
			singles++;
		}
	}
	ck_assert_msg(singles > 0, "no single decision shown: pick another day");
	free(s);
	close_app(&a, w);
}
END_TEST

/* The selected event's highlight runs across its whole row in the
 * Events pane, the gaps between columns included. */
START_TEST(test_tui_event_selection_lights_the_whole_row)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	const struct tui_rect *r = &a.pane_rect[PANE_EVENTS];
	struct tui_grid *g;
	int lit = -1;

	tui_handle_key(&a, '5');
	g = render_grid(&a, 48, 160);
	for (int y = 0; y < r->h && y < 256; y++)
		if (a.hit[PANE_EVENTS][y] >= 0 && a.hit[PANE_EVENTS][y] == pane_events_selected(&a))
			lit = r->y + y;
	ck_assert_msg(lit >= 0, "the selected event %d is not shown", pane_events_selected(&a));
	for (int x = r->x + 1; x < r->x + r->w - 1; x++)
		ck_assert_msg(grid_role(g, lit, x) == ROLE_SELECT, "the selected event's row %d: column %d in role %d, not selected",
			      lit, x, grid_role(g, lit, x));
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The Events pane's credits column reads each event's amount: the cargo
 * value a customs check weighed, the value a shipment arrived with, beside
 * the cargo's commodity; the selected row and the rows above it, as they
 * are walked up. */
START_TEST(test_tui_events_credits_read_each_amount)
{
	static const char *const filters[] = {"/kind:check\n", "/kind:delivered\n"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	const struct tui_rect *r = &a.pane_rect[PANE_EVENTS];
	int64_t seq;

	tui_handle_key(&a, '5');
	for (int f = 0; f < 2; f++) {
		feed(&a, filters[f]);
		tui_handle_key(&a, KEY_END);
		for (int up = 0; up < 4; up++, tui_handle_key(&a, KEY_UP)) {
			const struct smug_event *e = pane_events_at(&a, pane_events_selected(&a), &seq);
			char *s = render(&a, 48, 160), *line = s, *ship, money[40], want[60];
			int lit = -1;
			size_t m;

			for (int y = 0; y < r->h && y < 256; y++)
				if (a.hit[PANE_EVENTS][y] >= 0 && a.hit[PANE_EVENTS][y] == pane_events_selected(&a))
					lit = r->y + y;
			ck_assert_int_ge(lit, 0);
			for (int y = 0; y < lit; y++)
				line = strchr(line, '\n') + 1;
			*strchr(line, '\n') = '\0';
			ck_assert_int_ne(e->amount, 0);
			ck_assert_msg(e->commodity >= 0 && strstr(line, tui_commodity_short(e->commodity)) != NULL,
				      "the selected row does not name its cargo, %s: %s", tui_commodity_short(e->commodity),
				      line);
			fmt_money(money, sizeof money, e->amount, 9);
			snprintf(want, sizeof want, " #%llu ", (unsigned long long)e->shipment);
			ship = strstr(line, want);
			ck_assert_msg(ship != NULL, "the selected row does not name shipment #%llu: %s",
				      (unsigned long long)e->shipment, line);
			while (ship > line && ship[-1] == ' ')
				ship--; /* the credits cell ends before the shipment's */
			m = strlen(money);
			ck_assert_msg(ship - line > (ptrdiff_t)m && strncmp(ship - m, money, m) == 0 && ship[-(ptrdiff_t)m - 1] == ' ',
				      "%s event of shipment #%llu (%s cr): the row reads %s", f ? "a delivery" : "a check",
				      (unsigned long long)e->shipment, money, line);
			free(s);
		}
	}
	close_app(&a, w);
}
END_TEST

/* The config view 24 and 25 rows tall, where the knobs do not all fit:
 * End selects the last knob and scrolls its row into the list; a blank
 * row parts the list from the selected knob's meaning, which ends above
 * the view's bottom frame. */
START_TEST(test_tui_config_view_scrolls_to_the_selection)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int n;
	const struct smug_knob *k = smug_knob_table(&n);

	feed(&a, "C");
	for (int h = 24; h <= 25; h++) {
		char *s, *line[64], want[64], mean[512];
		int rows = 0, list_end = -1, meaning = -1, bottom = -1;

		tui_handle_key(&a, KEY_HOME);
		draw(&a, h, 80);
		tui_handle_key(&a, KEY_END);
		s = render(&a, h, 80);

		for (char *p = s, *nl; *p && rows < 64 && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
			*nl = '\0';
			line[rows++] = p;
		}
		snprintf(want, sizeof want, "\xe2\x94\x82 %-34s ", k[n - 1].key); /* frame, margin, the key's column */
		snprintf(mean, sizeof mean, "\xe2\x94\x82 %s: ", k[n - 1].key);
		for (int r = 0; r < rows; r++) {
			if (strncmp(line[r], want, strlen(want)) == 0)
				list_end = r;
			if (strncmp(line[r], mean, strlen(mean)) == 0)
				meaning = r;
			if (strncmp(line[r], "\xe2\x94\x94", 3) == 0)
				bottom = r;
		}
		ck_assert_int_gt(n, h - 9); /* more knobs than list rows */
		ck_assert_msg(list_end >= 0, "%dx%d: the last knob's row is not in the list", 80, h);
		ck_assert_msg(meaning == list_end + 2, "%dx%d: the meaning on row %d, the last knob's row on %d",
			      80, h, meaning, list_end);
		ck_assert_msg(bottom > meaning + 1, "%dx%d: the meaning (row %d) reaches the bottom frame (row %d)",
			      80, h, meaning, bottom);
		for (const char *p = line[bottom] + 3; *p && strncmp(p, "\xe2\x94\x98", 3) != 0; p += 3)
			ck_assert_msg(strncmp(p, "\xe2\x94\x80", 3) == 0, "%dx%d: the bottom frame is drawn over: %s",
				      80, h, line[bottom]);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* The config view marks a knob not at its default with a star after its
 * value, and only those: on the default world (which turns smuggling on)
 * with route_topk set to 20, every listed knob's star agrees with its
 * value and default, route_topk has one and most knobs have none. */
START_TEST(test_tui_config_view_stars_the_changed_knobs)
{
	struct smug_world *w = world_at(1);
	struct smug_error err;
	struct tui_app a;
	int n, listed = 0, starred = 0;
	const struct smug_knob *k = smug_knob_table(&n);
	bool topk_starred = false;
	char *s;

	ck_assert_int_eq(smug_config_set(w, "smuggling.route_topk", "20", &err), SMUG_OK);
	smug_cmd_step(w, 1);
	tui_app_init(&a, w, &opts);
	feed(&a, "C");
	s = render(&a, 48, 160);
	for (int i = 0; i < n; i++) {
		char row[128], val[80], def[80], line[1024];
		const char *at;
		bool changed;

		snprintf(row, sizeof row, "\xe2\x94\x82 %-34s ", k[i].key); /* frame, margin, the key's column */
		if ((at = strstr(s, row)) == NULL)
			continue; /* scrolled out of the list */
		listed++;
		smug_knob_format(&w->cfg, &k[i], val, sizeof val);
		smug_knob_format_default(&k[i], def, sizeof def);
		changed = strcmp(val, def) != 0;
		line_with(at, row, line, sizeof line);
		at = line + strlen(row);
		ck_assert_msg(strncmp(at, val, strlen(val)) == 0, "%s: the value %s is not shown: %s", k[i].key, val, line);
		at += strlen(val) > 12 ? strlen(val) : 12;
		ck_assert_msg((*at == '*') == changed, "%s = %s, default %s: %s", k[i].key, val, def,
			      *at == '*' ? "starred" : "no star");
		starred += changed;
		if (strcmp(k[i].key, "smuggling.route_topk") == 0)
			topk_starred = *at == '*';
	}
	ck_assert_int_gt(listed, 30);
	ck_assert(topk_starred);
	ck_assert_int_lt(2 * starred, listed);
	free(s);
	close_app(&a, w);
}
END_TEST

/* Down or PageDown past the last knob of the config view keeps the last
 * one selected, with no frame drawn between the keys: Up then selects
 * the knob above it, and Enter edits the last knob. Keys pressed while
 * the terminal is too small to draw the view move nothing. */
START_TEST(test_tui_config_selection_stops_at_the_last_knob)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int n;
	const struct smug_knob *k = smug_knob_table(&n);
	char want[512];

	feed(&a, "C");
	ck_assert_int_eq(a.view, VIEW_CONFIG);
	draw(&a, 20, 70); /* too small: the view is not drawn, keys are ignored */
	tui_handle_key(&a, KEY_END);
	tui_handle_key(&a, KEY_DOWN);
	ck_assert_int_eq(a.config_sel, 0);
	draw(&a, 24, 80);
	tui_handle_key(&a, KEY_END);
	tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, KEY_NPAGE);
	tui_handle_key(&a, KEY_UP);
	snprintf(want, sizeof want, "%s: %.40s", k[n - 2].key, k[n - 2].meaning);
	ck_assert_msg(screen_has(&a, want), "the knob above the last is not selected (want '%s')", want);
	tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, KEY_DOWN);
	feed(&a, "\n");
	ck_assert_int_eq(a.prompt, PROMPT_KNOB);
	snprintf(want, sizeof want, "%s: %.40s", k[n - 1].key, k[n - 1].meaning);
	ck_assert_msg(screen_has(&a, want), "the last knob is not the one edited (want '%s')", want);
	close_app(&a, w);
}
END_TEST

/* The config view scrolled to its last knob on a small screen, then
 * made taller (the terminal enlarged): the list fills the new room from
 * above rather than keep the knobs above the old top hidden over blank
 * rows (at 100x40 after End at 80x24: the first knobs were gone and 17
 * rows stood empty). */
START_TEST(test_tui_config_list_fills_a_taller_screen)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int n;
	const struct smug_knob *k = smug_knob_table(&n);
	char *s;

	feed(&a, "C");
	draw(&a, 24, 80);
	tui_handle_key(&a, KEY_END);
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(s, k[0].key) == NULL, "at 24 rows the first knob is still shown");
	free(s);
	/* room for every knob; no cut check: a meaning cut with its ellipsis,
	 * 'bribes taken in a day that count as…', reads to it as a label
	 * without its figure */
	s = render_checked(&a, n + 12, 120, false);
	for (int i = 0; i < n; i++)
		ck_assert_msg(strstr(s, k[i].key) != NULL, "at %d rows knob %d (%s) is hidden", n + 12, i, k[i].key);
	free(s);
	close_app(&a, w);
}
END_TEST

/* PageUp in the config view moves the selection ten knobs up and stops
 * at the first; Up on the first knob keeps it, so Enter (with no frame
 * drawn in between) edits the first knob. */
START_TEST(test_tui_config_page_up_stops_at_the_first_knob)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int n;
	const struct smug_knob *k = smug_knob_table(&n);
	char want[512];

	ck_assert_int_gt(n, 11);
	feed(&a, "C");
	ck_assert_int_eq(a.view, VIEW_CONFIG);
	tui_handle_key(&a, KEY_END);
	tui_handle_key(&a, KEY_PPAGE);
	snprintf(want, sizeof want, "%s: %.40s", k[n - 11].key, k[n - 11].meaning);
	ck_assert_msg(screen_has(&a, want), "PageUp from the last knob does not select the 11th from the end (want '%s')",
		      want);
	for (int i = 0; i < n / 10 + 1; i++)
		tui_handle_key(&a, KEY_PPAGE);
	snprintf(want, sizeof want, "%s: %.40s", k[0].key, k[0].meaning);
	ck_assert_msg(screen_has(&a, want), "PageUp past the top does not select the first knob (want '%s')", want);
	tui_handle_key(&a, KEY_UP);
	feed(&a, "\n");
	ck_assert_msg(a.prompt == PROMPT_KNOB, "Enter after Up on the first knob edits nothing");
	ck_assert_msg(screen_has(&a, want), "Up on the first knob, then Enter: not the first knob edited (want '%s')",
		      want);
	close_app(&a, w);
}
END_TEST

/* Each column of the config view starts under its head: on every knob
 * row shown, the knob's name starts where "knob" does, its value where
 * "value" does, its default, range and meaning where theirs do. */
START_TEST(test_tui_config_columns_sit_under_their_heads)
{
	static char row[48][256];
	static const char *const head[] = {"knob", "value", "default", "range", "meaning"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int n, rows, hy = -1, hx[5], checked = 0;
	const struct smug_knob *k = smug_knob_table(&n);
	char *screen;

	feed(&a, "C");
	ck_assert_int_eq(a.view, VIEW_CONFIG);
	screen = render(&a, 48, 160);
	rows = screen_rows(screen, row, 48, 160);
	for (int y = 0; y < rows && hy < 0; y++) {
		char *p = strstr(row[y], "knob ");

		if (p && strstr(p, " value ") && strstr(p, " default ") && strstr(p, " range ") && strstr(p, " meaning"))
			hy = y;
	}
	ck_assert_msg(hy >= 0, "no head row in the config view:\n%s", screen);
	for (int h = 0; h < 5; h++) {
		char *p = strstr(row[hy], head[h]);

		ck_assert_ptr_nonnull(p);
		hx[h] = (int)(p - row[hy]);
	}
	for (int y = hy + 1; y < rows; y++) {
		int x = 0, len = 0;

		while (row[y][x] == '|' || row[y][x] == ' ')
			x++;
		while (row[y][x + len] && row[y][x + len] != ' ')
			len++;
		for (int i = 0; i < n; i++) {
			char field[5][512];

			if (len == 0 || strlen(k[i].key) != (size_t)len || strncmp(row[y] + x, k[i].key, (size_t)len) != 0)
				continue;
			snprintf(field[0], sizeof field[0], "%s ", k[i].key);
			smug_knob_format(&w->cfg, &k[i], field[1], sizeof field[1]);
			smug_knob_format_default(&k[i], field[2], sizeof field[2]);
			smug_knob_format_range(&k[i], field[3], sizeof field[3]);
			snprintf(field[4], sizeof field[4], "%.10s", k[i].meaning);
			for (int h = 0; h < 5; h++) {
				for (char *c = field[h]; *c; c++)
					if (*c == '|')
						*c = '!'; /* as screen_row shows a '|' that is no frame */
				ck_assert_msg(strncmp(row[y] + hx[h], field[h], strlen(field[h])) == 0 &&
						      (hx[h] == 0 || row[y][hx[h] - 1] == ' '),
					      "knob %s: its %s '%s' is not under the head at column %d: '%s'", k[i].key,
					      head[h], field[h], hx[h], row[y]);
			}
			checked++;
		}
	}
	ck_assert_int_gt(checked, 10);
	free(screen);
	close_app(&a, w);
}
END_TEST

/* Home in the config view goes back to the first knob, from the last:
 * the first knob is described, and Enter edits it, offering its value. */
START_TEST(test_tui_config_home_selects_the_first_knob)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int n;
	const struct smug_knob *k = smug_knob_table(&n);
	char want[512], val[80];

	feed(&a, "C");
	ck_assert_int_eq(a.view, VIEW_CONFIG);
	tui_handle_key(&a, KEY_END);
	draw(&a, 48, 160);
	tui_handle_key(&a, KEY_HOME);
	snprintf(want, sizeof want, "%s: %.40s", k[0].key, k[0].meaning);
	ck_assert_msg(screen_has(&a, want), "after End, Home: the first knob is not selected (want '%s')", want);
	feed(&a, "\n");
	ck_assert_int_eq(a.prompt, PROMPT_KNOB);
	smug_knob_format(&w->cfg, &k[0], val, sizeof val);
	ck_assert_msg(strcmp(a.input.text, val) == 0, "Enter after Home offers '%s', the first knob %s is %s",
		      a.input.text, k[0].key, val);
	close_app(&a, w);
}
END_TEST

/* A world with more network factions than fit two rows each: the
 * Factions pane at 160x48 gives each faction one row, every network
 * faction once and in order, and leaves the rows below them empty. */
static void factions_pane_lists_each_faction_once(struct smug_world *w, int rows)
{
	struct tui_app a;
	char *s, *p;
	int fac[SMUG_FACTIONS_MAX], n, row = 0, seen = 0, blank = 0;

	n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);
	tui_app_init(&a, w, &opts);
	s = render(&a, rows, 160);
	p = strstr(s, "[1 Factions]");
	ck_assert_ptr_nonnull(p);
	/* the pane's rows: from the line below its title to its bottom frame */
	for (p = strchr(p, '\n') + 1; strncmp(p, "\xe2\x94\x82", 3) == 0; p = strchr(p, '\n') + 1) {
		const char *in = p + 3, *end = strstr(in, "\xe2\x94\x82"); /* the pane's right frame */
		char text[256], id[64] = "";

		snprintf(text, sizeof text, "%.*s", (int)(end - in), in);
		sscanf(text, "%63s", id);
		if (row++ == 0) {
			ck_assert_msg(strcmp(id, "faction") == 0, "no header: %s", text);
			continue;
		}
		if (id[0] == '\0') {
			blank++;
			continue;
		}
		ck_assert_msg(blank == 0, "a row after the empty ones: %s", text);
		ck_assert_msg(seen < n, "a row after the last faction: %s", text);
		ck_assert_msg(strcmp(id, w->factions[fac[seen]].id) == 0, "row %d is '%s', want %s", row - 1, id,
			      w->factions[fac[seen]].id);
		seen++;
	}
	ck_assert_int_eq(seen, n);
	ck_assert_msg(blank > 0, "no spare row: the pane was sized to its factions");
	free(s);
	tui_app_done(&a);
}

START_TEST(test_tui_factions_pane_lists_each_faction_once)
{
	char *json = smug_scenario_generate(100, 5, 12);
	struct smug_world *w = NULL;
	struct smug_error err;
	int fac[SMUG_FACTIONS_MAX];

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	ck_assert_int_ge(tui_network_factions(w, fac, SMUG_FACTIONS_MAX), 10);
	factions_pane_lists_each_faction_once(w, 48);
	smug_world_free(w);
	/* as many networks as a scenario may hold, on a screen whose pane has
	 * rows to spare for them (half the body, 98 rows, a row each) */
	w = crews_world();
	factions_pane_lists_each_faction_once(w, 200);
	smug_world_free(w);
}
END_TEST

/* The text of the factions pane's row below faction f's row (its second
 * line), between the pane's frames, or "" when there is none. */
static void faction_second_line(const struct smug_world *w, const char *screen, int f, char *out, size_t size)
{
	char head[80];
	const char *p, *in, *end;

	snprintf(head, sizeof head, "\n\xe2\x94\x82%s ", w->factions[f].id);
	out[0] = '\0';
	if ((p = strstr(screen, head)) == NULL || (p = strchr(p + 1, '\n')) == NULL ||
	    strncmp(p + 1, "\xe2\x94\x82", 3) != 0)
		return;
	in = p + 4;
	end = strstr(in, "\xe2\x94\x82"); /* the pane's right frame */
	snprintf(out, size, "%.*s", (int)(end ? end - in : 0), in);
}

/* With room, each faction's second line in the Factions pane says what it
 * moved in the last 30 days: every commodity it sent, with its share of
 * the cargo value sent; a faction that sent nothing yet (a fresh world)
 * shows what it prefers instead. */
START_TEST(test_tui_factions_line_shows_what_each_moved)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), shares = 0;
	char *s = render(&a, 48, 160), line[256];

	ck_assert_int_ge(n, 2);
	for (int i = 0; i < n; i++) {
		faction_second_line(w, s, fac[i], line, sizeof line);
		ck_assert_msg(strncmp(line, " prefers ", 9) == 0, "day 0: %s's line reads '%s'", w->factions[fac[i]].id,
			      line);
	}
	free(s);
	smug_cmd_step(w, 60);
	s = render(&a, 48, 160);
	for (int i = 0; i < n; i++) {
		struct smug_flow fl[SMUG_COMMODITY_COUNT];
		int64_t total = 0;

		faction_second_line(w, s, fac[i], line, sizeof line);
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
			smug_flow_sum(w, fac[i], c, SMUG_FLOW_DAYS, &fl[c]);
			total += fl[c].value[SMUG_FLOW_SENT];
		}
		ck_assert_msg(total > 0, "%s sent nothing in 30 days", w->factions[fac[i]].id);
		ck_assert_msg(strstr(line, "prefers") == NULL, "day 60: %s's line reads '%s'", w->factions[fac[i]].id,
			      line);
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
			char want[64];

			if (fl[c].value[SMUG_FLOW_SENT] == 0)
				continue;
			snprintf(want, sizeof want, "%s %.0f%%", tui_commodity_name(c),
				 100.0 * (double)fl[c].value[SMUG_FLOW_SENT] / (double)total);
			ck_assert_msg(strstr(line, want) != NULL, "day 60: %s's line '%s' does not say '%s'",
				      w->factions[fac[i]].id, line, want);
			shares++;
		}
	}
	ck_assert_int_gt(shares, n); /* some faction moved more than one commodity */
	free(s);
	close_app(&a, w);
}
END_TEST

/* A faction that sent nothing yet (a fresh world) says in the Factions
 * pane what it prefers: every commodity of its smuggling profile with
 * its weight ("prefers weapon parts 1.0 stolen goods 0.6"), the weights
 * under 1 too, and no commodity it does not prefer. */
START_TEST(test_tui_factions_fresh_line_names_each_preference)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), under_one = 0;
	char *s = render(&a, 48, 160), line[256];

	ck_assert_int_ge(n, 2);
	for (int i = 0; i < n; i++) {
		const double *pref = w->factions[fac[i]].net.commodity_prefs;

		faction_second_line(w, s, fac[i], line, sizeof line);
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
			char want[64];

			snprintf(want, sizeof want, " %s %.1f", tui_commodity_name(c), pref[c]);
			ck_assert_msg(pref[c] > 0 ? strstr(line, want) != NULL : strstr(line, tui_commodity_name(c)) == NULL,
				      "%s prefers %s %g: its line reads '%s'", w->factions[fac[i]].id, tui_commodity_name(c),
				      pref[c], line);
			under_one += pref[c] > 0 && pref[c] < 1;
		}
	}
	ck_assert_int_gt(under_one, 0);
	free(s);
	close_app(&a, w);
}
END_TEST

/* The sweep view's table shows a money percentile to the cent that
 * sweep collect's table prints ("%.2f"): 249955.175 is a double just
 * below the half, 249955.17 there; the view read 249955.18. Collect
 * prints a percentile with fmt_cents, the text the view reads back:
 * the row holds that text too. */
START_TEST(test_tui_sweep_money_percentile_rounds_as_collect_prints)
{
	static const int days[] = {30};
	static const char *const labels[] = {"k=0.1"};
	static const long long tasks[] = {2};
	double q[1][1][5] = {{{249955.125, 249955.15, 249955.165, 249955.17, 249955.175}}};
	struct tui_fan fan = {"balance of raiders (credits)", true, 1, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 2 tasks, 1 setting, 30 days", 1, labels, tasks, 1, &fan, NULL, NULL};
	struct tui_grid *g = grid_new(40, 120);
	struct tui_app a;
	struct smug_world *w = world_at(0);
	struct canvas cv;
	char *text, *row, printed[5][32];

	tui_app_init(&a, w, &opts);
	cv = (struct canvas){&a.th, NULL, g, 0, 0, 40, 120};
	tui_sweep_draw(&cv, &sw, 0, 0);
	text = grid_dump(g);
	row = strstr(text, "\nk=0.1 ");
	ck_assert_msg(row != NULL, "no table row for k=0.1: %s", text);
	*strchr(row + 1, '\n') = '\0';
	for (int k = 0; k < 5; k++) {
		snprintf(printed[k], sizeof printed[k], " %.2f", q[0][0][k]);
		ck_assert_msg(strstr(row, printed[k]) != NULL, "percentile %d (%.3f): the row '%s' has no '%s'", k,
			      q[0][0][k], row + 1, printed[k]);
		printed[k][0] = ' ';
		fmt_cents(printed[k] + 1, sizeof printed[k] - 1, q[0][0][k]);
		ck_assert_msg(strstr(row, printed[k]) != NULL, "percentile %d: the row '%s' has not collect's '%s'", k,
			      row + 1, printed[k]);
	}
	ck_assert_ptr_null(strstr(row, "249955.18"));
	fmt_cents(printed[0], sizeof printed[0], 249955.175);
	ck_assert_str_eq(printed[0], "249955.17");
	free(text);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The sweep view's fan: the selected setting's 5-95% band fills the plot
 * rows between its 5th and 95th percentiles and no others, and each
 * setting's median line is drawn in its own colour. */
START_TEST(test_tui_sweep_band_spans_the_percentiles)
{
	static const int days[] = {10, 20, 30, 40};
	static const char *const labels[] = {"k=0.1", "k=0.2"};
	static const long long tasks[] = {4, 4};
	double q[2][4][5];
	struct tui_fan fan = {"shipments", false, 4, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 8 tasks, 2 settings, 40 days", 2, labels, tasks, 1, &fan, NULL, NULL};
	struct tui_grid *g = grid_new(40, 120);
	struct tui_app a;
	struct smug_world *w = world_at(0);
	struct canvas cv;
	char *text, *line;
	int ph = 0, with_band = 0;
	const char *band;

	for (int p = 0; p < 4; p++)
		for (int k = 0; k < 5; k++) {
			q[0][p][k] = 100 + 50 * k; /* 100 150 200 250 300 */
			q[1][p][k] = 360 + 10 * k; /* 360 to 400, median 380 */
		}
	tui_app_init(&a, w, &opts);
	cv = (struct canvas){&a.th, NULL, g, 0, 0, 40, 120};
	band = a.th.g->bar_part[1];
	tui_sweep_draw(&cv, &sw, 0, 0);
	text = grid_dump(g);
	if (getenv("SMUGNET_SHOW"))
		fputs(text, stdout);
	line = strstr(text, "5-95% of k=0.1");
	ck_assert_ptr_nonnull(line);
	ck_assert_msg(strstr(line, "380\xe2\x94\xa4") != NULL, "the plot's top is not 380");
	/* plot rows until the day axis; the range is 0 to 380 (the medians of
	 * k=0.2 are the highest values drawn: bands are the selection's only) */
	for (line = strchr(line, '\n') + 1; strstr(line, "day 1") == NULL || strstr(line, "day 1") > strchr(line, '\n');
	     line = strchr(line, '\n') + 1)
		ph++;
	line = strchr(strstr(text, "5-95% of k=0.1"), '\n') + 1;
	for (int y = 0; y < ph; y++, line = strchr(line, '\n') + 1) {
		double cy = 380.0 * (ph - 1 - y + 0.5) / ph; /* the row's middle value */
		int cells = 0;

		for (const char *b = strstr(line, band); b && b < strchr(line, '\n'); b = strstr(b + 1, band))
			cells++;
		if (cy < 100 || cy > 300)
			ck_assert_msg(cells == 0, "row %d of %d (about %.0f) has %d band cells outside 100-300", y, ph,
				      cy, cells);
		else
			with_band += cells > 50;
	}
	ck_assert_int_ge(ph, 10);
	ck_assert_msg(with_band >= ph / 3, "%d of %d rows filled by the band", with_band, ph);
	{ /* the plot's top row is k=0.2's median line, in k=0.2's colour */
		int y = 0, col = 0, dots = 0;

		line = strstr(text, "380\xe2\x94\xa4");
		for (const char *p = text; p < line; p++)
			y += *p == '\n';
		for (const char *p = line; *p && *p != '\n'; col++) {
			unsigned char c = (unsigned char)*p;
			int n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;

			if (n == 3 && c == 0xe2 && ((unsigned char)p[1] & 0xfc) == 0xa0) { /* braille, U+2800 on */
				ck_assert_msg(grid_role(g, y, col) == ROLE_SERIES2, "column %d of k=0.2's line drawn in role %d",
					      col, grid_role(g, y, col));
				dots++;
			}
			p += n;
		}
		ck_assert_int_gt(dots, 50);
	}
	free(text);
	grid_free(g);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The sweep view's fan: the selected setting's 25% and 75% lines are
 * drawn (dim) on the rows of its 25th and 75th percentiles and nowhere
 * else, for whichever setting is selected. */
START_TEST(test_tui_sweep_quartile_lines_read_the_selection)
{
	static const int days[] = {10, 20, 30, 40};
	static const char *const labels[] = {"k=0.1", "k=0.2"};
	static const long long tasks[] = {4, 4};
	double q[2][4][5];
	struct tui_fan fan = {"shipments", false, 4, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 8 tasks, 2 settings, 40 days", 2, labels, tasks, 1, &fan, NULL, NULL};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	for (int p = 0; p < 4; p++)
		for (int k = 0; k < 5; k++) {
			q[0][p][k] = 100 + 50 * k; /* 100 150 200 250 300 */
			q[1][p][k] = 60 + 80 * k;  /* 60 140 220 300 380 */
		}
	tui_app_init(&a, w, &opts);
	for (int sel = 0; sel < 2; sel++) {
		struct tui_grid *g = grid_new(40, 120);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 40, 120};
		char *text, *line, head[32];
		int y0 = 0, ph = 0, on_q[2] = {0, 0};
		double hi;

		tui_sweep_draw(&cv, &sw, 0, sel);
		text = grid_dump(g);
		snprintf(head, sizeof head, "5-95%% of %s", labels[sel]);
		line = strstr(text, head);
		ck_assert_ptr_nonnull(line);
		for (const char *p = text; p < line; p++)
			y0 += *p == '\n';
		line = strchr(line, '\n') + 1; /* the plot's top row, labelled with the range's top */
		hi = strtod(line + strspn(line, " "), NULL);
		ck_assert_msg(hi >= 300, "selected %s: the plot's top reads %g", labels[sel], hi);
		for (const char *l = line; strstr(l, "day 1") == NULL || strstr(l, "day 1") > strchr(l, '\n');
		     l = strchr(l, '\n') + 1)
			ph++;
		for (int y = 0; y < ph; y++, line = strchr(line, '\n') + 1) {
			double top = hi * (ph - y) / ph, bottom = hi * (ph - 1 - y) / ph, slack = hi / ph;
			int col = 0, dim = 0;
			bool near25, near75;

			for (const char *p = line; *p && *p != '\n'; col++) {
				unsigned char c = (unsigned char)*p;
				int n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;

				if (n == 3 && c == 0xe2 && ((unsigned char)p[1] & 0xfc) == 0xa0 && /* braille */
				    grid_role(g, y0 + 1 + y, col) == ROLE_DIM)
					dim++;
				p += n;
			}
			near25 = q[sel][0][1] >= bottom - slack && q[sel][0][1] <= top + slack;
			near75 = q[sel][0][3] >= bottom - slack && q[sel][0][3] <= top + slack;
			ck_assert_msg(dim == 0 || near25 || near75,
				      "selected %s: plot row %d of %d (%.0f to %.0f) has %d dim dots, away from its "
				      "quartiles %g and %g",
				      labels[sel], y, ph, bottom, top, dim, q[sel][0][1], q[sel][0][3]);
			on_q[0] += near25 ? dim : 0;
			on_q[1] += near75 ? dim : 0;
		}
		ck_assert_msg(on_q[0] > 50 && on_q[1] > 50, "selected %s: %d dim dots by its 25%% line, %d by its 75%%",
			      labels[sel], on_q[0], on_q[1]);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The sweep view at its smallest (80x24) opens with its title and ends
 * with the keys it takes, both from the left edge as the cockpit's
 * header and footer are. */
START_TEST(test_tui_sweep_title_and_keys_start_at_the_left_edge)
{
	static const int days[] = {10, 20};
	static const char *const labels[] = {"k=0.1", "k=0.2"};
	static const long long tasks[] = {4, 4};
	double q[2][2][5] = {{{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}}, {{2, 3, 4, 5, 6}, {2, 3, 4, 5, 6}}};
	struct tui_fan fan = {"shipments", false, 2, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 8 tasks, 2 settings, 20 days", 2, labels, tasks, 1, &fan, NULL, NULL};
	struct tui_grid *g = grid_new(24, 80);
	struct tui_app a;
	struct smug_world *w = world_at(0);
	struct canvas cv;
	char *text, *last;

	tui_app_init(&a, w, &opts);
	cv = (struct canvas){&a.th, NULL, g, 0, 0, 24, 80};
	tui_sweep_draw(&cv, &sw, 0, 0);
	text = grid_dump(g);
	ck_assert_msg(strncmp(text, sw.title, strlen(sw.title)) == 0, "the first row: %.80s", text);
	text[strlen(text) - 1] = '\0'; /* the last row's newline */
	last = strrchr(text, '\n') + 1;
	ck_assert_msg(strncmp(last, "Tab/f next figure  Shift-Tab/F previous  Up/Down setting  q quit", 64) == 0,
		      "the last row: '%s'", last);
	free(text);
	grid_free(g);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The sweep view's table heads its first column with the keys every
 * setting sets and gives each row only that setting's values, so at 80
 * columns rows of a long key still tell the settings apart (as labels,
 * "smuggling.bribe_budget_fraction=0.004", they were all cut to the same
 * "smuggling.bribe_…"); without keys (a sweep of one setting), the label
 * under "setting". */
START_TEST(test_tui_sweep_table_rows_show_the_values)
{
	static const int days[] = {10, 20};
	static const char *const labels[] = {"smuggling.bribe_budget_fraction=0 customs.bribe_accept=0.6",
					     "smuggling.bribe_budget_fraction=0.004 customs.bribe_accept=0.6",
					     "smuggling.bribe_budget_fraction=0.02 customs.bribe_accept=0.6"};
	static const char *const values[] = {"0, 0.6", "0.004, 0.6", "0.02, 0.6"};
	static const char *const all[] = {"all"};
	static const long long tasks[] = {4, 4, 4};
	double q[3][2][5] = {{{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}},
			     {{2, 3, 4, 5, 6}, {2, 3, 4, 5, 6}},
			     {{3, 4, 5, 6, 7}, {3, 4, 5, 6, 7}}};
	struct tui_fan fan = {"shipments", false, 2, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 12 tasks, 3 settings, 20 days", 3, labels, tasks, 1, &fan,
			       "smuggling.bribe_budget_fraction, customs.bribe_accept", values};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	tui_app_init(&a, w, &ascii_opts);
	for (int z = 0; z < 2; z++) {
		struct tui_grid *g = grid_new(24, 80);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 24, 80};
		char *text, *row[32];
		int head = -1, n = 0;

		if (z == 1) { /* one setting, no grid */
			sw.n_settings = 1;
			sw.labels = all;
			sw.keys = NULL;
			sw.values = NULL;
		}
		tui_sweep_draw(&cv, &sw, 0, 1 - z);
		text = grid_dump(g);
		n = dump_rows(text, row, 32); /* the rows, trailing blanks trimmed */
		for (int y = 0; y < n && head < 0; y++)
			if (strstr(row[y], "tasks") != NULL && strstr(row[y], "median") != NULL)
				head = y;
		ck_assert_msg(head >= 0, "no table head on the screen");
		ck_assert_msg(strncmp(row[head], z ? "setting " : "smuggling.bribe_", z ? 8 : 16) == 0,
			      "the table's head: '%s'", row[head]);
		ck_assert_msg(head + sw.n_settings < n, "the table has no room for its rows");
		for (int s = 0; s < sw.n_settings; s++) {
			const char *want = z ? "all" : values[s], *r = row[head + 1 + s];

			ck_assert_msg(strncmp(r, want, strlen(want)) == 0 && r[strlen(want)] == ' ',
				      "setting %d's row: '%s', want it to start with '%s'", s, r, want);
			ck_assert_msg(strstr(r, " 4 ") != NULL, "setting %d's row lacks its tasks: '%s'", s, r);
		}
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A value planned twice (sweep plan SW --set smuggling.learning_rate=0.1,0.1)
 * makes two settings of the same label: the table's rows and the legend
 * name each with its number first, "#0 0.1" and "#1 0.1", as sweep
 * collect's table does, and the title the selected one's; both rows and
 * both legend entries read "0.1". */
START_TEST(test_tui_sweep_same_values_are_numbered)
{
	static const int days[] = {5};
	static const char *const labels[] = {"smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1"};
	static const char *const values[] = {"0.1", "0.1"};
	static const long long tasks[] = {1, 1};
	double q[2][1][5] = {{{1, 2, 3, 4, 5}}, {{2, 3, 4, 5, 6}}};
	struct tui_fan fan = {"shipments", false, 1, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 2 tasks, 2 settings, 5 days", 2, labels, tasks, 1, &fan,
			       "smuggling.learning_rate", values};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	tui_app_init(&a, w, &ascii_opts);
	for (int sel = 0; sel < 2; sel++) {
		struct tui_grid *g = grid_new(24, 120);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 24, 120};
		char *text, *row[32], want[32];
		int head = -1, n, named[2] = {0, 0};

		tui_sweep_draw(&cv, &sw, 0, sel);
		text = grid_dump(g);
		if (getenv("SMUGNET_SHOW"))
			fputs(text, stdout);
		n = dump_rows(text, row, 32);
		for (int y = 0; y < n && head < 0; y++)
			if (strstr(row[y], "tasks") != NULL && strstr(row[y], "median") != NULL)
				head = y;
		ck_assert_msg(head >= 0 && head + 2 < n, "no table");
		for (int s = 0; s < 2; s++) {
			snprintf(want, sizeof want, "#%d 0.1 ", s);
			ck_assert_msg(strncmp(row[head + 1 + s], want, strlen(want)) == 0,
				      "setting %d's row: '%s', want it to start with '%s'", s, row[head + 1 + s], want);
		}
		for (int s = 0; s < 2; s++) { /* the chart's rows, its legend among them */
			snprintf(want, sizeof want, "#%d 0.1", s);
			for (int y = 1; y < head; y++)
				named[s] += strstr(row[y], want) != NULL;
			ck_assert_msg(named[s] > 0, "the legend does not name setting %d '%s'", s, want);
		}
		snprintf(want, sizeof want, "5-95%% of #%d ", sel);
		ck_assert_msg(strstr(row[1], want) != NULL, "the title does not number the selected setting: '%s'",
			      row[1]);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The sweep view's legend names every setting at 80x24: a value planned
 * twice or more (sweep plan SW --set smuggling.learning_rate=0.1,0.1)
 * under a figure's title that fills the row ("balance of dustrunners
 * (credits): medians, and 5-95% of #0 learning_rate=0.1") had no room
 * beside the title, and its entries, "#0 0.1", "#1 0.1", 25% and 75%,
 * were all left out (with a shorter title, some of them). Now the
 * entries go on below the title, each once, in order, above the plot. */
START_TEST(test_tui_sweep_legend_keeps_every_numbered_entry_at_80)
{
	enum { N = 12 };
	static const int days[] = {5};
	static const int counts[] = {2, N};
	static const char *const labels[N] = {
		"smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1",
		"smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1",
		"smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1",
		"smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1", "smuggling.learning_rate=0.1"};
	static const char *const values[N] = {"0.1", "0.1", "0.1", "0.1", "0.1", "0.1",
					      "0.1", "0.1", "0.1", "0.1", "0.1", "0.1"};
	static const long long tasks[N] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
	double q[N][1][5];
	struct tui_fan fan = {"balance of dustrunners (credits)", true, 1, days, &q[0][0][0]};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	for (int s = 0; s < N; s++)
		for (int k = 0; k < 5; k++)
			q[s][0][k] = 178000 + 100 * s + k;
	tui_app_init(&a, w, &opts);
	for (int c = 0; c < 2; c++)
		for (int sel = 0; sel < counts[c]; sel += counts[c] - 1) {
			struct tui_sweep sw = {"sweep /tmp/tmp.okVR6OGkoq/sw: 2 tasks, 2 settings, 5 days, dosadi-36",
					       counts[c], labels, tasks, 1, &fan, "smuggling.learning_rate", values};
			struct tui_grid *g = grid_new(24, 80);
			struct canvas cv = {&a.th, NULL, g, 0, 0, 24, 80};
			char *text, *row[32], want[64];
			int head = -1, axis = -1, n, last_at = 0;

			tui_sweep_draw(&cv, &sw, 0, sel);
			text = grid_dump(g);
			if (getenv("SMUGNET_SHOW"))
				fputs(text, stdout);
			n = dump_rows(text, row, 32);
			for (int y = 0; y < n && head < 0; y++)
				if (strstr(row[y], "tasks") != NULL && strstr(row[y], "median") != NULL)
					head = y;
			for (int y = 1; y < n && axis < 0; y++)
				if (strstr(row[y], "\xe2\x94\xa4") != NULL) /* the plot's first row, its y axis */
					axis = y;
			ck_assert_msg(head > 0 && axis > 1 && axis < head, "%d settings: no chart above a table:\n%s",
				      counts[c], text);
			for (int k = 0; k < counts[c] + 2; k++) {
				int named = 0, at = 0;

				if (k < counts[c])
					snprintf(want, sizeof want, "%s #%d 0.1", a.th.g->delivered, k);
				else
					snprintf(want, sizeof want, "%s %s", a.th.g->delivered, k == counts[c] ? "25%" : "75%");
				for (int y = 1; y < axis; y++) /* the title's row and the legend's below it */
					for (const char *p = strstr(row[y], want); p; p = strstr(p + 1, want))
						if (p[strlen(want)] == '\0' || p[strlen(want)] == ' ') {
							named++;
							at = y * 1000 + (int)(p - row[y]);
						}
				ck_assert_msg(named == 1, "%d settings, #%d selected: the legend names '%s' %d times:\n%s",
					      counts[c], sel, want, named, text);
				ck_assert_msg(at > last_at, "%d settings: '%s' is not after the entry before it:\n%s",
					      counts[c], want, text);
				last_at = at;
			}
			free(text);
			grid_free(g);
		}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A chart whose legend wraps (the sweep view's) on a canvas too short
 * for all its entries keeps the plot 3 rows, names the entries it has
 * room for in order and counts the rest ("+N more"), the two adding up
 * to all; a label wider than a row is cut in its middle, keeping its
 * number at the start and its value's end. */
START_TEST(test_tui_chart_wrapped_legend_counts_what_it_leaves_out)
{
	enum { N = 30, DAYS = 10 };
	static double v[DAYS];
	char labels[N][700];
	struct chart_series series[N];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (int i = 0; i < DAYS; i++)
		v[i] = i;
	for (int k = 0; k < N; k++) {
		if (k == 1) { /* wider than any row: 0.1, 600 zeros, 2 */
			snprintf(labels[k], sizeof labels[k], "#1 0.1%0600d2", 0);
		} else {
			snprintf(labels[k], sizeof labels[k], "#%d 0.1", k);
		}
		series[k] = (struct chart_series){labels[k], v, ROLE_NORMAL};
	}
	for (int h = 7; h <= 10; h++) { /* the legend's rows: 3 to 6, the long label's its second */
		struct tui_grid *g = grid_new(h, 40);
		struct canvas cv = {&a.th, NULL, g, 0, 0, h, 40};
		struct chart_spec spec = {.title = "A title", .n = DAYS, .first_day = 1, .series = series, .n_series = N,
					  .legend_wrap = true};
		char *text, *row[16], want[64];
		int n, named = 0, more = -1, axis = -1;

		chart_draw(&cv, &spec);
		text = grid_dump(g);
		n = dump_rows(text, row, 16);
		for (int y = 0; y < n && axis < 0; y++)
			if (strstr(row[y], "\xe2\x94\xa4") != NULL)
				axis = y;
		ck_assert_msg(axis == h - 4, "height %d: the plot starts on row %d:\n%s",
			      h, axis, text);
		ck_assert_msg(strstr(row[1], "\xe2\x97\x8f #1 0.1000") != NULL && strstr(row[1], "0002") != NULL &&
				      strstr(row[1], a.th.g->ellipsis) != NULL,
			      "height %d: the long label is not cut in its middle on its own row:\n%s", h, text);
		for (int k = 0; k < N; k++) {
			snprintf(want, sizeof want, "%s #%d 0.1", a.th.g->delivered, k);
			for (int y = 0; y < axis; y++) {
				const char *p = strstr(row[y], want);

				if (p && (p[strlen(want)] == '\0' || p[strlen(want)] == ' ' || k == 1)) {
					ck_assert_msg(named == k, "height %d: '%s' named out of order:\n%s", h, want, text);
					named++;
				}
			}
		}
		{
			const char *m = strstr(row[axis - 1], "+");

			ck_assert_msg(m != NULL && sscanf(m, "+%d more", &more) == 1, "height %d: no '+N more':\n%s", h,
				      text);
		}
		ck_assert_msg(named + more == N, "height %d: %d named and %d more, want %d in all:\n%s", h, named, more,
			      N, text);
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* Two settings of a sweep of 8 tasks and 2 fan points whose first value
 * is "0.1", 600 zeros and the setting's number (1, 2), the second
 * route_topk 2 in both when same_topk, else 2 and 3; x holds what the
 * returned sweep points to. */
struct long_sweep {
	char label[2][700], value[2][650];
	const char *labels[2], *values[2];
	double q[2][2][5];
	struct tui_fan fan;
};

static struct tui_sweep long_sweep(struct long_sweep *x, bool same_topk)
{
	static const int days[] = {10, 20};
	static const long long tasks[] = {4, 4};
	char digits[601];

	memset(digits, '0', 600);
	digits[600] = '\0';
	for (int s = 0; s < 2; s++) {
		int topk = same_topk ? 2 : s + 2;

		snprintf(x->value[s], sizeof x->value[s], "0.1%s%d, %d", digits, s + 1, topk);
		snprintf(x->label[s], sizeof x->label[s], "smuggling.learning_rate=0.1%s%d smuggling.route_topk=%d",
			 digits, s + 1, topk);
		x->labels[s] = x->label[s];
		x->values[s] = x->value[s];
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 5; k++)
				x->q[s][p][k] = s + k + 1;
	}
	x->fan = (struct tui_fan){"shipments", false, 2, days, &x->q[0][0][0]};
	return (struct tui_sweep){"sweep test: 8 tasks, 2 settings, 20 days", 2, x->labels, tasks, 1, &x->fan,
				  "smuggling.learning_rate, smuggling.route_topk", x->values};
}

/* A sweep whose values are longer than the table's first column (a
 * --set of hundreds of digits) shows each row's start and end around the
 * ellipsis, so the rows still read apart (cut at the end, every row read
 * "~"), and the title names the selected setting in the room left, whole
 * at its start and end, its keys by their last names ("learning_rate=":
 * the room goes to the values). */
START_TEST(test_tui_sweep_long_values_cut_in_the_middle)
{
	struct long_sweep x;
	struct tui_sweep sw = long_sweep(&x, false);
	struct tui_app a;
	struct smug_world *w = world_at(0);

	tui_app_init(&a, w, &ascii_opts);
	for (int width = 80; width <= 120; width += 40) {
		struct tui_grid *g = grid_new(24, width);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 24, width};
		char *text, *row[32], end[2][16];
		int head = -1, n = 0;

		tui_sweep_draw(&cv, &sw, 0, 1);
		text = grid_dump(g);
		n = dump_rows(text, row, 32);
		for (int y = 0; y < n && head < 0; y++)
			if (strstr(row[y], "tasks") != NULL && strstr(row[y], "median") != NULL)
				head = y;
		ck_assert_msg(head >= 0 && head + 2 < n, "%d columns: no table", width);
		for (int s = 0; s < 2; s++) {
			const char *r = row[head + 1 + s];

			snprintf(end[s], sizeof end[s], "0%d, %d ", s + 1, s + 2);
			ck_assert_msg(strncmp(r, "0.100", 5) == 0 && strstr(r, "~") != NULL && strstr(r, end[s]) != NULL,
				      "%d columns: setting %d's row does not show its start and end: '%s'", width, s, r);
		}
		ck_assert_msg(strcmp(row[head + 1], row[head + 2]) != 0, "%d columns: the rows read the same", width);
		snprintf(end[0], sizeof end[0], "route_topk=3");
		ck_assert_msg(strstr(row[1], "of learning_rate=0.100") != NULL && strstr(row[1], end[0]) != NULL,
			      "%d columns: the title does not name the selected setting's start and end: '%s'", width,
			      row[1]);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Two settings whose labels differ only at the end of their first value
 * (a --set of hundreds of digits, then a second key they share) get
 * chart titles that differ, each showing that end and the second key's
 * value, at 80 columns as at 120: cut in the label's middle, both titles
 * read "smuggling.l~route_topk=2". */
START_TEST(test_tui_sweep_title_keeps_each_values_end)
{
	struct long_sweep x;
	struct tui_sweep sw = long_sweep(&x, true);
	struct tui_app a;
	struct smug_world *w = world_at(0);

	tui_app_init(&a, w, &ascii_opts);
	for (int width = 80; width <= 120; width += 40) {
		char title[2][256];

		for (int s = 0; s < 2; s++) {
			struct tui_grid *g = grid_new(24, width);
			struct canvas cv = {&a.th, NULL, g, 0, 0, 24, width};
			char *text, *row[32], end[16];
			const char *at;

			tui_sweep_draw(&cv, &sw, 0, s);
			text = grid_dump(g);
			ck_assert_int_gt(dump_rows(text, row, 32), 2);
			snprintf(title[s], sizeof title[s], "%s", row[1]);
			snprintf(end, sizeof end, "0%d ", s + 1);
			at = strstr(title[s], "5-95% of ");
			ck_assert_msg(at != NULL && strstr(at, "learning_rate=0.100") != NULL && strstr(at, "~") != NULL,
				      "%d columns: setting %d's title does not start its value: '%s'", width, s, title[s]);
			ck_assert_msg(strstr(at, end) != NULL && strstr(at, "route_topk=2") != NULL,
				      "%d columns: setting %d's title lacks its value's end '%s': '%s'", width, s, end,
				      title[s]);
			free(text);
			grid_free(g);
		}
		ck_assert_msg(strcmp(title[0], title[1]) != 0, "%d columns: both settings' titles read '%s'", width,
			      title[0]);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A sweep of a text knob and a number, its table's first column too
 * narrow for both values: each value is cut on its own and keeps its
 * start and its end, at 80 columns as at 120. The values were cut as one
 * text, so the number lost its start: "東京都渋谷区, …1234567890123" at
 * 120 columns and "東京都渋…67890123" at 80 (the number gone but its end). */
START_TEST(test_tui_sweep_table_cuts_each_value_on_its_own)
{
	static const int days[] = {10, 20};
	static const long long tasks[] = {4, 4};
	static const char *const labels[] = {
		"smuggling.deterministic_salt=\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe6\xb8\x8b\xe8\xb0\xb7\xe5\x8c\xba "
		"smuggling.learning_rate=0.05",
		"smuggling.deterministic_salt=\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe6\xb8\x8b\xe8\xb0\xb7\xe5\x8c\xba "
		"smuggling.learning_rate=0.1234567890123"};
	static const char *const values[] = {
		"\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe6\xb8\x8b\xe8\xb0\xb7\xe5\x8c\xba, 0.05", /* 東京都渋谷区 */
		"\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe6\xb8\x8b\xe8\xb0\xb7\xe5\x8c\xba, 0.1234567890123"};
	double q[2][2][5];
	struct tui_fan fan = {"shipments", false, 2, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 8 tasks, 2 settings, 20 days", 2, labels, tasks, 1, &fan,
			       "smuggling.deterministic_salt, smuggling.learning_rate", values};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	for (int s = 0; s < 2; s++)
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 5; k++)
				q[s][p][k] = s + k + 1;
	tui_app_init(&a, w, &opts);
	for (int width = 80; width <= 120; width += 40) {
		struct tui_grid *g = grid_new(24, width);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 24, width};
		char *text, *row[32];
		int head = -1, n;

		tui_sweep_draw(&cv, &sw, 0, 0);
		text = grid_dump(g);
		n = dump_rows(text, row, 32);
		for (int y = 0; y < n && head < 0; y++)
			if (strstr(row[y], "tasks") != NULL && strstr(row[y], "median") != NULL)
				head = y;
		ck_assert_msg(head >= 0 && head + 2 < n, "%d columns: no table", width);
		ck_assert_msg(strncmp(row[head + 1], "\xe6\x9d\xb1", 3) == 0 && strstr(row[head + 1], ", 0.05 ") != NULL,
			      "%d columns: the first setting's row reads '%s'", width, row[head + 1]);
		ck_assert_msg(strncmp(row[head + 2], "\xe6\x9d\xb1", 3) == 0 && strstr(row[head + 2], ", 0.1") != NULL &&
				      strstr(row[head + 2], "123 ") != NULL,
			      "%d columns: the number in the second setting's row lost its start or its end: '%s'",
			      width, row[head + 2]);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The chart's legend names the sweep's settings by their values, as the
 * table's rows do: at 120 columns it reads "● 0.05  ● 0.3  ● 25%  ● 75%"
 * after the title; it read "● smuggling.learning_rate=0.05  ● 25%", the
 * second setting and the 75% line left out for want of room. */
START_TEST(test_tui_sweep_legend_names_settings_by_values)
{
	static const int days[] = {10, 20};
	static const long long tasks[] = {4, 4};
	static const char *const labels[] = {"smuggling.learning_rate=0.05", "smuggling.learning_rate=0.3"};
	static const char *const values[] = {"0.05", "0.3"};
	double q[2][2][5];
	struct tui_fan fan = {"balance of suitwrights (credits)", true, 2, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 40 tasks, 2 settings, 20 days", 2, labels, tasks, 1, &fan,
			       "smuggling.learning_rate", values};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	for (int s = 0; s < 2; s++)
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 5; k++)
				q[s][p][k] = 1000 * (s + k + 1);
	tui_app_init(&a, w, &opts);
	{
		struct tui_grid *g = grid_new(24, 120);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 24, 120};
		char *text, *row[32];

		tui_sweep_draw(&cv, &sw, 0, 0);
		text = grid_dump(g);
		ck_assert_int_gt(dump_rows(text, row, 32), 2);
		ck_assert_msg(strstr(row[1], "  \xe2\x97\x8f 0.05  \xe2\x97\x8f 0.3  \xe2\x97\x8f 25%  \xe2\x97\x8f 75%") != NULL,
			      "120 columns: the legend reads '%s'", row[1]);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A sweep of more settings than the table's rows: Up and Down keep the
 * selected setting's row in view, highlighted. 12 settings at 80x24 show
 * 6 rows; the 10th selected (its band drawn, its value in the chart's
 * title) had no row on screen, the table still showing k=0.01 to k=0.06. */
START_TEST(test_tui_sweep_table_shows_the_selected_setting)
{
	enum { N = 12 };
	static const int days[] = {10, 20};
	static const char *const labels[N] = {"k=0.01", "k=0.02", "k=0.03", "k=0.04", "k=0.05", "k=0.06",
					      "k=0.07", "k=0.08", "k=0.09", "k=0.10", "k=0.11", "k=0.12"};
	static const long long tasks[N] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
	double q[N][2][5];
	struct tui_fan fan = {"shipments", false, 2, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 12 tasks, 12 settings, 20 days", N, labels, tasks, 1, &fan, NULL, NULL};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	for (int s = 0; s < N; s++)
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 5; k++)
				q[s][p][k] = s + p + k;
	tui_app_init(&a, w, &opts);
	for (int sel = 0; sel < N; sel++) {
		struct tui_grid *g = grid_new(24, 80);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 24, 80};
		char *text, *row[32];
		int n, at = -1;

		tui_sweep_draw(&cv, &sw, 0, sel);
		text = grid_dump(g);
		n = dump_rows(text, row, 32);
		for (int y = 2; y < n; y++)
			if (strncmp(row[y], labels[sel], strlen(labels[sel])) == 0 && row[y][strlen(labels[sel])] == ' ')
				at = y;
		ck_assert_msg(at >= 0, "setting %s selected: no row of it in the table:\n%s", labels[sel], text);
		ck_assert_msg(grid_role(g, at, 0) == ROLE_SELECT, "setting %s selected: its row is not highlighted",
			      labels[sel]);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A sweep part-run whose selected setting has no result yet says so in
 * the chart's title, there being no band to draw: "shipments: medians;
 * not run yet: k=0.2"; it read "medians, and 5-95% of k=0.2" over a chart
 * without that band. A setting with results keeps its title. */
START_TEST(test_tui_sweep_title_says_a_setting_not_run_yet)
{
	static const int days[] = {10, 20};
	static const char *const labels[] = {"k=0.1", "k=0.2"};
	static const long long tasks[] = {3, 0};
	double q[2][2][5];
	struct tui_fan fan = {"shipments", false, 2, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 3 of 8 tasks run so far, 2 settings, 20 days", 2, labels, tasks, 1, &fan,
			       NULL, NULL};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	for (int p = 0; p < 2; p++)
		for (int k = 0; k < 5; k++) {
			q[0][p][k] = p + k + 1;
			q[1][p][k] = NAN;
		}
	tui_app_init(&a, w, &opts);
	for (int sel = 0; sel < 2; sel++) {
		struct tui_grid *g = grid_new(24, 80);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 24, 80};
		char *text, *row[32];
		const char *want;

		tui_sweep_draw(&cv, &sw, 0, sel);
		text = grid_dump(g);
		ck_assert_int_gt(dump_rows(text, row, 32), 2);
		want = sel ? "shipments: medians; not run yet: k=0.2" : "shipments: medians, and 5-95% of k=0.1";
		ck_assert_msg(strncmp(row[1], want, strlen(want)) == 0,
			      "setting %d selected: the chart's title reads '%s'", sel, row[1]);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The sweep view's table of the last day takes at most a third of the
 * screen's rows, so the chart keeps the rest however many settings the
 * sweep has: 12 settings at 80x24 show the table's head and as many
 * settings as a third holds, at 120x60 all 12, the table ending above
 * the key line either way. */
START_TEST(test_tui_sweep_table_takes_at_most_a_third)
{
	enum { N = 12 };
	static const int days[] = {10, 20}, size[][2] = {{24, 80}, {60, 120}};
	static const char *const labels[N] = {"k=0.01", "k=0.02", "k=0.03", "k=0.04", "k=0.05", "k=0.06",
					      "k=0.07", "k=0.08", "k=0.09", "k=0.10", "k=0.11", "k=0.12"};
	static const long long tasks[N] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
	double q[N][2][5];
	struct tui_fan fan = {"shipments", false, 2, days, &q[0][0][0]};
	struct tui_sweep sw = {"sweep test: 12 tasks, 12 settings, 20 days", N, labels, tasks, 1, &fan, NULL, NULL};
	struct tui_app a;
	struct smug_world *w = world_at(0);

	for (int s = 0; s < N; s++)
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 5; k++)
				q[s][p][k] = s + p + k;
	tui_app_init(&a, w, &opts);
	for (int z = 0; z < 2; z++) {
		int h = size[z][0], cols = size[z][1], table_h = N + 2 < h / 3 ? N + 2 : h / 3, top = -1, shown = 0;
		struct tui_grid *g = grid_new(h, cols);
		struct canvas cv = {&a.th, NULL, g, 0, 0, h, cols};
		char *text, *row[64];
		int n = 0;

		tui_sweep_draw(&cv, &sw, 0, 0);
		text = grid_dump(g);
		n = dump_rows(text, row, 64);
		for (int y = 0; y < n; y++) {
			if (top < 0 && strstr(row[y], "last day") != NULL)
				top = y;
			shown += strncmp(row[y], "k=0.", 4) == 0;
		}
		ck_assert_msg(top == h - 1 - table_h, "%dx%d: the table starts on row %d, want %d (a third of %d rows)",
			      cols, h, top, h - 1 - table_h, h);
		ck_assert_msg(shown == table_h - 2 && strncmp(row[h - 2], "k=0.", 4) == 0,
			      "%dx%d: %d settings shown, want %d, the last on the row above the keys", cols, h, shown,
			      table_h - 2);
		free(text);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The margin bar of `width` cells that tui_margin_bar draws for decision
 * d, as text: drawn on a fresh canvas of its own, so that a pane's bar is
 * compared with the bar itself (which cells it fills for which shares is
 * test_tui_margin_bar_fills_the_winners_share's, with stated shares). */
static void margin_bar_want(const struct tui_app *a, const struct smug_decision *d,
			    const struct smug_explanation *ex, int width, char *out, size_t size)
{
	struct tui_grid *g = grid_new(1, width);
	struct canvas cv = {&a->th, NULL, g, 0, 0, 1, width};
	char *text;

	tui_margin_bar(&cv, 0, 0, width, d, ex);
	text = grid_dump(g);
	text[strcspn(text, "\n")] = '\0';
	ck_assert_msg(strlen(text) < size, "a bar of %d cells: %zu bytes", width, strlen(text));
	snprintf(out, size, "%s", text);
	free(text);
	grid_free(g);
}

/* Below the Routes table, "loss+cost of cargo V:" is followed on its row
 * by the selected route's margin bar when 12 columns or more are left
 * for it (one of them a space), and the bar goes to a row of its own when
 * fewer are: the text is never drawn over. Beside the text the bar has
 * the 12 cells up to the frame, below it the pane's whole inside, each
 * filled to the shares of its own width. */
START_TEST(test_tui_routes_margin_bar_beside_or_below)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_explanation *ex;
	const char *bar[] = {a.th.g->bar_full, a.th.g->bar_empty, a.th.g->mark};
	char v[40], text[80], want[1024], cut[1024];
	int di = -1, len;

	draw(&a, 48, 160);
	ex = view_why_explanation(&a, &di);
	ck_assert_ptr_nonnull(ex);
	ck_assert_msg(di >= 0 && w->decisions[di].winner >= 0, "the selected route sent nothing: pick another day");
	fmt_credits(v, sizeof v, w->decisions[di].value);
	len = snprintf(text, sizeof text, "loss+cost of cargo %s:", v);
	/* a bar of 12 cells reads otherwise than the first 12 of a wider one */
	margin_bar_want(&a, &w->decisions[di], ex, 12, want, sizeof want);
	margin_bar_want(&a, &w->decisions[di], ex, len + 13, cut, sizeof cut);
	ck_assert_msg(strncmp(want, cut, strlen(want)) != 0, "the selected route's bar '%s' is the start of '%s': pick another day",
		      want, cut);
	/* the Routes pane is cols * 2 / 5 wide, its inside two less: leave
	 * 13 columns (bar beside) and 12 (bar below) after the text */
	for (int room = 13; room >= 12; room--) {
		int left = len + room + 2, cols = (5 * left + 1) / 2;
		char *s = render(&a, 48, cols), line[1024];
		const char *at = strstr(s, text), *next;
		bool beside = false, below = false;

		ck_assert_msg(at != NULL, "%d columns (%d free): '%s' is not on the screen whole", cols, room, text);
		at += strlen(text);
		for (int i = 0; i < 3; i++)
			beside |= strncmp(at, " ", 1) == 0 && strncmp(at + 1, bar[i], strlen(bar[i])) == 0;
		next = strchr(at, '\n') + 1;
		next += strlen("\xe2\x94\x82"); /* the pane's frame */
		for (int i = 0; i < 3; i++)
			below |= strncmp(next, bar[i], strlen(bar[i])) == 0;
		snprintf(line, sizeof line, "%.*s", (int)(strchr(next, '\n') - next), next);
		if (room == 13)
			ck_assert_msg(beside && !below, "%d columns (13 free): the bar is not beside the text; below: %s",
				      cols, line);
		else
			ck_assert_msg(below && !beside, "%d columns (12 free): the bar is not on the row below: %s", cols,
				      line);
		/* the bar's cells, then the pane's frame */
		margin_bar_want(&a, &w->decisions[di], ex, room == 13 ? 12 : len + 12, want, sizeof want);
		snprintf(line, sizeof line, "%.*s", (int)strlen(want) + 3, room == 13 ? at + 1 : next);
		ck_assert_msg(strncmp(line, want, strlen(want)) == 0 && strcmp(line + strlen(want), "\xe2\x94\x82") == 0,
			      "%d columns (%d free): the bar %s reads '%s', want '%s' and the frame", cols, room,
			      room == 13 ? "beside" : "below", line, want);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* Row y of the screen's leftmost pane, inside its frame, into line. */
static void left_pane_row(const char *screen, int y, char *line, size_t size)
{
	static const char bar[] = "\xe2\x94\x82";
	const char *p = screen, *end;

	for (int i = 0; i < y && p; i++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	line[0] = '\0';
	if (p == NULL || strncmp(p, bar, 3) != 0)
		return;
	p += 3;
	end = strstr(p, bar);
	if (end == NULL || (strchr(p, '\n') && end > strchr(p, '\n')))
		return;
	snprintf(line, size, "%.*s", (int)(end - p), p);
}

/* Under the Routes pane's margin bar, what would flip the decision shows
 * its threshold with the estimate's name, in the longest wording that
 * fits whole, for every decision of every faction on day 60 at every
 * width from 80 to 160 columns: never "from …" (the label without its
 * figure), never nothing where a wording fits. */
START_TEST(test_tui_routes_flip_line_keeps_its_figures)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const char *bar[] = {a.th.g->bar_full, a.th.g->bar_empty, a.th.g->mark};
	int shown = 0, brief = 0;

	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < pane_routes_rows(&a); r++) {
			const struct smug_explanation *ex;
			int di = -1;

			a.route_sel = r;
			ex = view_why_explanation(&a, &di);
			if (ex == NULL || di < 0 || w->decisions[di].winner < 0 || ex->flip_corridor < 0)
				continue;
			for (int cols = 80; cols <= 160; cols += 8) {
				char *s = render(&a, 24, cols), line[4096], to[32];
				const char *what;
				int y = 1, bar_row = -1;

				for (; y < 23 && bar_row < 0; y++) {
					left_pane_row(s, y, line, sizeof line);
					for (int i = 0; i < 3 && strstr(line, "loss+cost of cargo "); i++) {
						const char *after = strchr(line, ':');

						if (after && strncmp(after + 2, bar[i], strlen(bar[i])) == 0)
							bar_row = y; /* the bar beside */
					}
					if (bar_row < 0 && strstr(line, "loss+cost of cargo "))
						bar_row = y + 1; /* the bar below */
				}
				if (bar_row < 0 || bar_row + 1 >= 22) { /* no margin block, or no row under the bar */
					free(s);
					continue;
				}
				/* the rows under the bar, down to the frame, as one text */
				line[0] = '\0';
				for (y = bar_row + 1; y < 22; y++) {
					char row[256];
					size_t at = strlen(line);

					left_pane_row(s, y, row, sizeof row);
					snprintf(line + at, sizeof line - at, "%s%s", at ? " " : "", row);
				}
				snprintf(line + strlen(line), sizeof line - strlen(line), " ");
				what = ex->flip_cost ? "cost_est" : "risk_est";
				snprintf(to, sizeof to, " %.3f ", ex->flip_to);
				ck_assert_msg(strstr(line, what) && strstr(line, to) && strstr(line, "flips"),
					      "%dx24, %s's decision %d: the rows under the bar read '%s', want the flip "
					      "to %.3f (the flip: '%s')",
					      cols, w->factions[f].id, r, line, ex->flip_to, ex->flip);
				shown++;
				brief += strncmp(line, "flips at ", 9) == 0;
				free(s);
			}
		}
	}
	ck_assert_msg(shown > 0 && brief > 0, "%d flip lines checked, %d in the briefest wording", shown, brief);
	close_app(&a, w);
}
END_TEST

/* Below the Routes table, the selected route's line says which candidate
 * won, of how many, and by what margin over which runner-up, each as the
 * decision has it ("the only candidate" when there was no runner-up):
 * for every route of the first faction on day 1 (one of whose runners-up
 * is the first candidate, #1, the winner another) and on day 60. */
START_TEST(test_tui_routes_margin_line_is_the_selected_decisions)
{
	int checked = 0, margins = 0, first_runner = 0;

	for (int day = 1; day <= 60; day += 59) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, day);

		tui_handle_key(&a, '2');
		draw(&a, 48, 160);
		for (int r = 0; r < w->n_decisions; r++) {
			const struct smug_decision *d;
			char m[40], want[200], *s;
			int di = -1;

			a.route_sel = r;
			if (view_why_explanation(&a, &di) == NULL || di < 0 || w->decisions[di].faction != a.faction)
				break;
			d = &w->decisions[di];
			if (d->winner < 0)
				continue;
			fmt_credits(m, sizeof m, (int64_t)(d->margin + 0.5));
			if (d->runner >= 0)
				snprintf(want, sizeof want, "winner #%d of %d, margin %s over #%d", d->winner + 1, d->n_cand,
					 m, d->runner + 1);
			else
				snprintf(want, sizeof want, "the only candidate");
			s = render(&a, 48, 160);
			ck_assert_msg(strstr(s, want) != NULL, "day %d, route %d: no '%s' on the screen", day, r, want);
			free(s);
			checked++;
			margins += d->runner >= 0 && (int64_t)(d->margin + 0.5) > 0;
			first_runner += d->runner == 0;
		}
		close_app(&a, w);
	}
	ck_assert_int_ge(checked, 6);
	ck_assert_int_ge(margins, 4);
	ck_assert_int_ge(first_runner, 1);
}
END_TEST

/* The selected route's summary below the Routes table (which candidate
 * won, then "loss+cost of cargo" with the margin bar, then what would
 * flip it) shows only where it has room: in a Routes pane of any height,
 * the winner's line never stands without the loss+cost line under it. */
START_TEST(test_tui_routes_summary_shows_only_with_room)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int shown = 0, left_out = 0;

	for (int h = 4; h <= 30; h++) {
		struct tui_grid *g = grid_new(h, 60);
		struct canvas cv = {&a.th, NULL, g, 0, 0, h, 60};
		char *text;

		pane_routes_draw(&a, &cv, true);
		text = grid_dump(g);
		if (strstr(text, "winner #")) {
			ck_assert_msg(strstr(text, "loss+cost of cargo") != NULL,
				      "a Routes pane %d rows high shows the winner's line without the loss+cost line:\n%s", h,
				      text);
			shown++;
		} else {
			left_out++;
		}
		free(text);
		grid_free(g);
	}
	ck_assert_msg(shown > 0 && left_out > 0, "the summary shown at %d heights, left out at %d", shown, left_out);
	close_app(&a, w);
}
END_TEST

/* Enter on an event at a border that carries no shipment (a crackdown
 * set or lifted) selects that border in the Borders pane, where its
 * figures are; on an empty event log Enter does nothing. */
START_TEST(test_tui_enter_on_a_border_event_selects_its_border)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	int c = -1;

	tui_handle_key(&a, '5');
	ck_assert_int_eq(pane_events_count(&a), 0);
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_int_eq(a.focus, PANE_EVENTS);
	for (int k = 0; k < w->n_corridors; k++)
		if (w->corridors[k].border && k != a.border)
			c = k;
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 1.0, -1, NULL), SMUG_OK);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[c].id, NULL), SMUG_OK);
	ck_assert_int_gt(pane_events_count(&a), 0);
	tui_handle_key(&a, '\r');
	ck_assert_msg(a.view == VIEW_MAIN && a.focus == PANE_BORDERS && a.border == c,
		      "Enter on the crackdown's event on %s: view %d, focus %d, border %d", w->corridors[c].id, a.view,
		      a.focus, a.border);
	close_app(&a, w);
}
END_TEST

/* The Events pane's day column grows with the day: on day 1000 every
 * event row starts with the whole day number. */
START_TEST(test_tui_events_day_column_fits_four_digits)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1000);
	char *s = render(&a, 48, 160), want[32];
	const char *p;
	int rows = 0;

	p = strstr(s, "Events: ");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "day event");
	ck_assert_ptr_nonnull(p);
	for (p = strchr(p, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
		const char *cell = strstr(p, "\xe2\x94\x82\xe2\x94\x82"); /* the Events pane's left frame */
		int day = -1;

		if (cell == NULL || cell > strchr(p, '\n'))
			break;
		if (sscanf(cell + 6, "%d", &day) != 1 && rows == 0)
			ck_assert_msg(0, "the first event row has no day: %.60s", cell + 6);
		if (day < 0)
			break;
		snprintf(want, sizeof want, "%d ", day);
		ck_assert_msg(day >= 990 && strncmp(cell + 6, want, strlen(want)) == 0, "an event row reads: %.60s",
			      cell + 6);
		rows++;
	}
	ck_assert_int_ge(rows, 5);
	free(s);
	close_app(&a, w);
}
END_TEST

/* A text cut to its width never keeps part of a number: the cut moves
 * before the number, and the rest of the width is not what was drawn
 * there before. A pane title too long for its frame shows so: cut
 * before the number, it keeps its "]" and the frame's line follows it
 * (it read "[Border …    ─┐", blank columns left in the frame). */
START_TEST(test_tui_cut_title_blanks_the_rest_of_its_width)
{
	struct tui_grid *g = grid_new(3, 16);
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 3, 16};
	char *s, top[128];

	canvas_box(&cv, "Border 12345678901", true); /* "[Border 12345678901]": 20 columns for 13 */
	s = grid_dump(g);
	snprintf(top, sizeof top, "%.*s", (int)(strchr(s, '\n') - s), s);
	ck_assert_msg(strcmp(top, "\xe2\x94\x8c[Border \xe2\x80\xa6]\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90") ==
			      0,
		      "the cut title reads: %s", top); /* corner, "[Border ", ellipsis, "]", the frame's line, corner */
	free(s);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* A chart of bars draws each column at the mean of its own days only:
 * with one day a column, a day of 0 draws nothing and a day at the top
 * fills its column; with two days a column, a column of days 0 and 8
 * is half full. */
START_TEST(test_tui_chart_bars_stand_for_their_own_days)
{
	enum { H = 12, W = 40 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[2 * W];

	for (int per = 1; per <= 2; per++) {
		struct tui_grid *g = grid_new(H, W);
		struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
		/* labels "8", "4" and "0": one column of labels, the axis, a column of air on the right */
		int pw = W - 3, n = per * pw, ph = H - 2, checked = 0;
		struct chart_series series = {"v", v, ROLE_GOOD};
		struct chart_spec spec = {.title = "Bars", .n = n, .first_day = 1, .series = &series, .n_series = 1,
					  .bars = true};

		for (int i = 0; i < n; i++) /* per 1: 8 0 8 0 ...; per 2: 8 0 0 8 8 0 0 8 ... */
			v[i] = per == 1 ? (i % 2 ? 0 : 8) : ((i + 1) / 2 % 2 ? 0 : 8);
		chart_draw(&cv, &spec);
		for (int x = 0; x < pw; x++) {
			int cells = 0, want = per == 1 ? (x % 2 ? 0 : ph) : ph / 2;

			for (int y = 1; y <= ph; y++)
				cells += grid_role(g, y, 2 + x) == ROLE_GOOD;
			ck_assert_msg(cells == want, "%d day(s) a column: column %d has %d cells of bar, want %d", per, x, cells,
				      want);
			checked++;
		}
		ck_assert_int_eq(checked, pw);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* The memory screen's edges: grid_free(NULL) does nothing, as every
 * X_free(NULL) of the project, and a cell's role asked outside the grid
 * (a row or column before the first or past the last) is -1, no role. */
START_TEST(test_tui_grid_has_no_role_outside_it)
{
	static const int out[][2] = {{-1, 0}, {0, -1}, {6, 0}, {0, 10}, {6, 10}, {-1, -1}};
	struct tui_grid *g = grid_new(6, 10);

	grid_free(NULL);
	for (int y = 0; y < 6; y++)
		for (int x = 0; x < 10; x++)
			ck_assert_int_eq(grid_role(g, y, x), ROLE_NORMAL);
	for (size_t i = 0; i < sizeof out / sizeof out[0]; i++)
		ck_assert_msg(grid_role(g, out[i][0], out[i][1]) == -1, "a 10x6 grid: row %d column %d has role %d, want -1",
			      out[i][0], out[i][1], grid_role(g, out[i][0], out[i][1]));
	grid_free(g);
}
END_TEST

/* Drawing into no room draws nothing: a text fitted into 0 columns (or
 * fewer) takes none and leaves the row as it was, a box on a canvas
 * under 2x2 draws no frame, and a text wrapped into no width needs
 * more rows than any screen has (an empty one none). */
START_TEST(test_tui_canvas_draws_nothing_into_no_room)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(4, 12);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 4, 12};
	char *text;

	tui_app_done(&a);
	tui_app_init(&a, w, &ascii_opts);
	ck_assert_int_eq(canvas_fit(&cv, 0, 2, 0, ROLE_BAD, "12", false), 0);
	ck_assert_int_eq(canvas_fit(&cv, 0, 2, -3, ROLE_BAD, "12", true), 0);
	for (int hw = 0; hw < 4; hw++) {
		struct canvas small = canvas_sub(&cv, 1, 1, hw == 0 || hw == 1 ? 1 : 3, hw == 2 || hw == 1 ? 1 : 3);

		if (hw == 3)
			small = canvas_sub(&cv, 1, 1, 0, 0);
		canvas_box(&small, "x", true);
	}
	text = grid_dump(g);
	ck_assert_msg(strspn(text, " \n") == strlen(text), "fits into no room and boxes under 2x2 drew '%s'", text);
	for (int y = 0; y < 4; y++)
		for (int x = 0; x < 12; x++)
			ck_assert_msg(grid_role(g, y, x) == ROLE_NORMAL, "row %d column %d drawn in role %d", y, x,
				      grid_role(g, y, x));
	free(text);
	ck_assert_int_eq(canvas_wrap_rows(0, "a few words"), INT_MAX);
	ck_assert_int_eq(canvas_wrap_rows(-2, "a"), INT_MAX);
	ck_assert_int_eq(canvas_wrap_rows(0, ""), 0);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The memory screen dumps every cell whole, however many bytes its
 * character takes: a screen full of 4-byte characters (a mathematical
 * letter, one column wide, in every cell, as a scenario's names may
 * hold) dumps as its rows of them, each row ended by a newline, at
 * 24x80, 48x160 and 60x211. */
START_TEST(test_tui_grid_dumps_a_screen_of_four_byte_characters)
{
	static const char letter[] = "\xf0\x9d\x90\x80"; /* U+1D400 */
	static const int size[][2] = {{24, 80}, {48, 160}, {60, 211}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (int z = 0; z < 3; z++) {
		int h = size[z][0], cols = size[z][1];
		struct tui_grid *g = grid_new(h, cols);
		struct canvas cv = {&a.th, NULL, g, 0, 0, h, cols};
		char *line = malloc(4 * (size_t)cols + 1), *text;
		const char *p;

		ck_assert_ptr_nonnull(line);
		for (int x = 0; x < cols; x++)
			memcpy(line + 4 * x, letter, 4);
		line[4 * cols] = '\0';
		for (int y = 0; y < h; y++)
			ck_assert_int_eq(canvas_text(&cv, y, 0, ROLE_NORMAL, line), cols);
		text = grid_dump(g);
		ck_assert_msg(strlen(text) == (size_t)h * (4 * (size_t)cols + 1), "%dx%d of 4-byte characters: %zu bytes dumped, want %zu",
			      cols, h, strlen(text), (size_t)h * (4 * (size_t)cols + 1));
		p = text;
		for (int y = 0; y < h; y++, p += 4 * cols + 1)
			ck_assert_msg(memcmp(p, line, 4 * (size_t)cols) == 0 && p[4 * cols] == '\n',
				      "%dx%d of 4-byte characters: row %d dumped otherwise", cols, h, y);
		free(text);
		free(line);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* A chart names its series beside its title in whole entries only: at
 * every width an entry that does not fit the rest of the row is left
 * out, never cut at the edge, and the shading's entry follows whole or
 * not at all. */
START_TEST(test_tui_chart_legend_keeps_whole_entries)
{
	enum { N = 30 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	static double v[3][N];
	static bool shade[N];
	const struct chart_series series[3] = {
		{"delivered", v[0], ROLE_GOOD}, {"seized", v[1], ROLE_BAD}, {"lost", v[2], ROLE_WARN}};
	const struct chart_spec spec = {.title = "Shipments a day", .n = N, .first_day = 1, .series = series,
					.n_series = 3, .shade = shade, .shade_label = "crackdown"};
	int shown = 0;

	tui_app_done(&a);
	tui_app_init(&a, w, &ascii_opts);
	for (int i = 0; i < N; i++) {
		for (int k = 0; k < 3; k++)
			v[k][i] = k + i % 5;
		shade[i] = i >= 20;
	}
	for (int width = 16; width <= 80; width++) {
		struct tui_grid *g = grid_new(8, width);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 8, width};
		char want[128], entry[64], *text;
		size_t at = strlen(spec.title);

		chart_draw(&cv, &spec);
		text = grid_dump(g);
		*strchr(text, '\n') = '\0';
		snprintf(want, sizeof want, "%s", spec.title);
		for (int k = 0; k <= 3; k++) {
			if (k < 3)
				snprintf(entry, sizeof entry, "  %s %s", a.th.g->delivered, series[k].label);
			else
				snprintf(entry, sizeof entry, "  %s%s %s", a.th.g->hatch, a.th.g->hatch, spec.shade_label);
			if (at + strlen(entry) <= (size_t)width) {
				snprintf(want + at, sizeof want - at, "%s", entry);
				at += strlen(entry);
				shown += k == 3;
			}
		}
		ck_assert_msg(strcmp(text, want) == 0, "%d columns: the title row reads '%s', want '%s'", width, text,
			      want);
		free(text);
		grid_free(g);
	}
	ck_assert_int_gt(shown, 10);
	close_app(&a, w);
}
END_TEST

/* A chart's line is whole where it jumps: a series that rises from its
 * lowest value straight to its highest, or falls from it, is drawn down
 * the jump's column, a dot in every row of the plot. */
START_TEST(test_tui_chart_line_is_whole_across_a_jump_from_the_bottom)
{
	enum { H = 12, W = 40, N = 40 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[N];

	ck_assert(a.th.g->braille);
	for (int rise = 0; rise < 2; rise++) {
		struct tui_grid *g = grid_new(H, W);
		struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
		struct chart_series series = {"v", v, ROLE_GOOD};
		struct chart_spec spec = {.title = "Jump", .n = N, .first_day = 1, .series = &series, .n_series = 1};

		for (int i = 0; i < N; i++)
			v[i] = (i < N / 2) == (rise == 1) ? 0 : 8;
		chart_draw(&cv, &spec);
		for (int y = 1; y <= H - 2; y++) {
			int dots = 0;

			for (int x = 0; x < W; x++)
				dots += grid_role(g, y, x) == ROLE_GOOD;
			ck_assert_msg(dots > 0, "a line %s the bottom: no dot on plot row %d of %d", rise ? "rising from" : "falling to",
				      y, H - 2);
		}
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* A chart's day axis reads "day FIRST", the middle day when there is
 * room for it with a space on each side, and the last day: never two
 * labels run together, at any width. */
START_TEST(test_tui_chart_day_axis_labels_stay_apart)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[61];
	int with_middle = 0;

	for (int i = 0; i < 61; i++)
		v[i] = i % 9;
	for (int width = 16; width <= 100; width++) {
		struct tui_grid *g = grid_new(8, width);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 8, width};
		struct chart_series series = {"v", v, ROLE_GOOD};
		struct chart_spec spec = {.title = "Axis", .n = 61, .first_day = 1, .series = &series, .n_series = 1};
		char *text, *axis, tok[4][16];
		int n = 0;

		chart_draw(&cv, &spec);
		text = grid_dump(g);
		axis = strrchr(text, '\n') ? strrchr(text, '\n') + 1 : text;
		if (*axis == '\0') /* a trailing newline: the axis is the row before */
			for (axis -= 2; axis > text && axis[-1] != '\n'; axis--)
				;
		for (char *p = strtok(axis, " \n"); p && n < 4; p = strtok(NULL, " \n"))
			snprintf(tok[n++], sizeof tok[0], "%s", p);
		ck_assert_msg(n >= 2 && strcmp(tok[0], "day") == 0 && strcmp(tok[1], "1") == 0,
			      "width %d: the axis does not start with 'day 1': '%s %s'", width, n > 0 ? tok[0] : "",
			      n > 1 ? tok[1] : "");
		if (n == 4) {
			ck_assert_msg(strcmp(tok[2], "31") == 0 && strcmp(tok[3], "61") == 0, "width %d: axis 'day 1 %s %s'",
				      width, tok[2], tok[3]);
			with_middle++;
		} else if (n == 3) {
			ck_assert_msg(strcmp(tok[2], "61") == 0, "width %d: axis 'day 1 %s', want the last day 61", width,
				      tok[2]);
		}
		ck_assert_msg(width < 40 || n == 4, "width %d: %d labels on the day axis, want day 1, 31 and 61", width,
			      n - 1);
		free(text);
		grid_free(g);
	}
	ck_assert_int_ge(with_middle, 60);
	close_app(&a, w);
}
END_TEST

/* The header drawn over its previous frame shows only the new one: the
 * terminal keeps the header's window between frames, so a shorter title
 * row (PAUSED becoming RUN) must not leave the old row's tail behind. */
START_TEST(test_tui_header_redrawn_shows_only_the_new_frame)
{
	enum { H = 2, W = 150 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 10);
	struct tui_grid *over = grid_new(H, W), *fresh = grid_new(H, W);
	struct canvas cv_over = {&a.th, NULL, over, 0, 0, H, W}, cv_fresh = {&a.th, NULL, fresh, 0, 0, H, W};
	char *t_over, *t_fresh;

	ck_assert(!a.running);
	pane_header_draw(&a, &cv_over); /* " PAUSED x1 " */
	feed(&a, " ");
	ck_assert(a.running);
	pane_header_draw(&a, &cv_over); /* " RUN x1 ", three columns shorter */
	pane_header_draw(&a, &cv_fresh);
	t_over = grid_dump(over);
	t_fresh = grid_dump(fresh);
	ck_assert_msg(strstr(t_fresh, "RUN") != NULL, "the header does not say RUN:\n%s", t_fresh);
	ck_assert_msg(strcmp(t_over, t_fresh) == 0, "the header drawn over the paused one reads\n%s\nnot\n%s", t_over,
		      t_fresh);
	free(t_over);
	free(t_fresh);
	grid_free(over);
	grid_free(fresh);
	close_app(&a, w);
}
END_TEST

/* A chart drawn over another shows only the new one: chart_draw draws
 * into its whole canvas, whatever was there before. */
START_TEST(test_tui_chart_drawn_over_another_shows_only_itself)
{
	enum { H = 12, W = 60 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *over = grid_new(H, W), *fresh = grid_new(H, W);
	struct canvas cv_over = {&a.th, NULL, over, 0, 0, H, W}, cv_fresh = {&a.th, NULL, fresh, 0, 0, H, W};
	double old[90], lo[90], hi[90], now[5] = {3, 3, 3, 3, 3};
	bool shade[90];
	struct chart_series old_series = {"old series", old, ROLE_WARN}, new_series = {"new", now, ROLE_GOOD};
	struct chart_spec old_spec = {.title = "An older chart with a long title", .n = 90, .first_day = 200,
				      .series = &old_series, .n_series = 1, .band_lo = lo, .band_hi = hi,
				      .shade = shade, .shade_label = "shaded", .money = true};
	struct chart_spec new_spec = {.title = "New", .n = 5, .first_day = 1, .series = &new_series, .n_series = 1};
	char *a_text, *b_text;

	for (int i = 0; i < 90; i++) {
		old[i] = 100000.0 * (i % 17);
		lo[i] = old[i] - 50000;
		hi[i] = old[i] + 50000;
		shade[i] = i % 3 == 0;
	}
	chart_draw(&cv_over, &old_spec);
	chart_draw(&cv_over, &new_spec);
	chart_draw(&cv_fresh, &new_spec);
	a_text = grid_dump(over);
	b_text = grid_dump(fresh);
	ck_assert_msg(strcmp(a_text, b_text) == 0, "drawn over an older chart:\n%s\nwant:\n%s", a_text, b_text);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			ck_assert_msg(grid_role(over, y, x) == grid_role(fresh, y, x),
				      "cell (%d,%d) in role %d, on a fresh canvas %d", y, x, grid_role(over, y, x),
				      grid_role(fresh, y, x));
	free(a_text);
	free(b_text);
	grid_free(over);
	grid_free(fresh);
	close_app(&a, w);
}
END_TEST

/* A pane title that fits is followed at once by the frame line: no
 * blank after it, focused ("[Map]") or not (" Map "); on the main
 * screen every pane's title runs straight into its frame. */
START_TEST(test_tui_fitting_title_runs_into_the_frame)
{
	static const char hl[] = "\xe2\x94\x80", tl[] = "\xe2\x94\x8c", tr[] = "\xe2\x94\x90";
	static char row[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	char *s, top[256], want[256];
	int n, panes = 0;

	for (int focused = 0; focused < 2; focused++) {
		struct tui_grid *g = grid_new(3, 16);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 3, 16};
		int at;

		canvas_box(&cv, "Map", focused);
		s = grid_dump(g);
		snprintf(top, sizeof top, "%.*s", (int)(strchr(s, '\n') - s), s);
		at = snprintf(want, sizeof want, "%s%s", tl, focused ? "[Map]" : " Map ");
		for (int x = 6; x < 15; x++)
			at += snprintf(want + at, sizeof want - (size_t)at, "%s", hl);
		snprintf(want + at, sizeof want - (size_t)at, "%s", tr);
		ck_assert_msg(strcmp(top, want) == 0, "the %s title reads: %s", focused ? "focused" : "unfocused", top);
		free(s);
		grid_free(g);
	}
	s = render(&a, 48, 160);
	n = screen_rows(s, row, 48, 160);
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct tui_rect *r = &a.pane_rect[p];
		const char *t;
		int end;

		if (r->h <= 0 || r->y >= n)
			continue;
		t = row[r->y] + r->x;
		/* the corner, the title, then the frame line to the other corner */
		for (end = r->w - 2; end > 1 && t[end] == '-'; end--)
			;
		ck_assert_msg(end < r->w - 2, "pane %d: no frame line after its title: %.*s", p, r->w, t);
		ck_assert_msg(t[end] == ']' || (t[end] == ' ' && t[end - 1] != ' ' && t[1] == ' '),
			      "pane %d: the title ends in blanks before the frame: %.*s", p, r->w, t);
		panes++;
	}
	ck_assert_int_ge(panes, 5);
	free(s);
	close_app(&a, w);
}
END_TEST

/* A number that does not fit its column whole keeps as many digits as
 * fit: first fewer decimals, then k, M, G with two, one or no decimals;
 * a value that would read 1000 of one suffix goes to the next (1.00M,
 * never 1000.00k or 1000k); where not even that fits, a column of one
 * reads "#" and a column of none nothing. */
START_TEST(test_tui_numbers_keep_the_digits_that_fit)
{
	static const struct {
		int64_t v;
		int width;
		bool money;
		const char *want;
	} cases[] = {
		{123456, 6, false, "123456"},
		{123456, 5, false, "123k"},
		{123456, 4, false, "123k"},
		{12345, 3, false, "12k"},
		{1234567, 5, false, "1.23M"},
		{999949000, 6, false, "999.9M"},
		{999600, 5, false, "1.00M"},
		{999499, 5, false, "999k"},
		{999500, 5, false, "1.00M"}, /* 999.5k: "%.0f" would round it to 1000k */
		{-999500, 6, false, "-1.00M"},
		{999500000, 5, false, "1.00G"},
		{999950000, 6, false, "1.00G"},
		{12345678, 9, true, "123456.78"},
		{12345678, 6, true, "123457"},
		{12345678, 5, true, "123k"},
		{12345678, 4, true, "123k"},
		{-12345678, 5, true, "-123k"},
		{99995000, 5, true, "1.00M"},
		{123456, 2, false, "0M"},
		{123456, 1, false, "#"}, /* nothing fits: a mark, never a cut number */
		{12345678, 1, true, "#"},
		{123456, 0, false, ""},
	};
	char buf[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (cases[i].money)
			fmt_money(buf, sizeof buf, cases[i].v, cases[i].width);
		else
			fmt_count(buf, sizeof buf, cases[i].v, cases[i].width);
		ck_assert_msg(strcmp(buf, cases[i].want) == 0, "%s %lld in %d columns: '%s', want '%s'",
			      cases[i].money ? "money (minor units)" : "count", (long long)cases[i].v, cases[i].width,
			      buf, cases[i].want);
	}
}
END_TEST

/* A chart of more days than columns shades the column whose days hold a
 * shaded day, wherever in the column's days it falls: a year into 60
 * columns with day 201 alone shaded shades one column. */
START_TEST(test_tui_chart_shades_one_day_of_a_wide_column)
{
	enum { H = 12, W = 60, N = 365 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(H, W);
	struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
	static double v[N];
	static bool shade[N];
	struct chart_series flat = {"flat", v, ROLE_GOOD};
	struct chart_spec spec = {.title = "One day shaded", .n = N, .first_day = 1, .series = &flat, .n_series = 1,
				  .shade = shade, .shade_label = "shaded"};
	int cols = 0;

	for (int i = 0; i < N; i++) {
		v[i] = 5;
		shade[i] = i == 200;
	}
	chart_draw(&cv, &spec);
	for (int x = 0; x < W; x++)
		for (int y = 1; y < H - 1; y++)
			if (grid_role(g, y, x) == ROLE_SHADE) {
				cols++;
				break;
			}
	ck_assert_msg(cols == 1, "a year in %d columns with day 201 shaded: %d columns shaded, want 1", W, cols);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The border chart hatches the days of the border's crackdown, and only
 * those: on the golden world (a crackdown from day 41, 60 days charted)
 * the Traffic chart's plot is hatched from the column of day 41 to its
 * end and nowhere before. */
START_TEST(test_tui_chart_shades_the_crackdown_days)
{
	struct smug_world *w = golden_world();
	struct tui_app a;
	char *s, *p, *end;
	int start = w->crackdowns[0].start_day, rows = 0, in_shade = 0, hatched = 0;

	tui_app_init(&a, w, &ascii_opts);
	tui_select_border(&a, w->crackdowns[0].corridor);
	feed(&a, "3g");
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(s, "the last 60 days") != NULL, "not the 60-day border chart");
	p = strstr(s, "Traffic a day");
	ck_assert_ptr_nonnull(p);
	p = strchr(p, '\n') + 1;
	for (; (end = strchr(p, '\n')) != NULL && strstr(p, "day 1") != p + strspn(p, "| "); p = end + 1) {
		const char *axis = strchr(p + 1, '+'); /* the y axis; the plot follows */
		int pw = (int)(end - axis) - 3;	       /* less the air column and the frame */

		ck_assert_msg(axis != NULL && axis < end, "no axis on a plot row");
		for (int x = 0; x < pw; x++) {
			int lo = x * 60 / pw, hi = (x + 1) * 60 / pw > lo ? (x + 1) * 60 / pw : lo + 1;
			bool shade = hi > start - 1; /* the column's days [lo, hi) reach the crackdown */

			ck_assert_msg(shade || axis[1 + x] != '/', "column %d of %d (day %d) hatched before day %d", x,
				      pw, 1 + x * 60 / pw, start);
			in_shade += shade;
			hatched += shade && axis[1 + x] == '/';
		}
		rows++;
	}
	ck_assert_int_ge(rows, 5);
	ck_assert_msg(hatched * 2 > in_shade, "%d of %d cells from day %d hatched", hatched, in_shade, start);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The border chart stacks four charts; on a 24-row terminal it shows the
 * first three, six rows or more each, rather than four flat ones. */
START_TEST(test_tui_chart_stacks_fewer_on_short_screens)
{
	static const char *const titles[] = {"Traffic a day", "Seizure rate", "Customs a day", "Bribes taken a day"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	char *s;

	tui_select_border(&a, test_busiest_border(w));
	feed(&a, "3g");
	s = render(&a, 48, 160);
	for (int i = 0; i < 4; i++)
		ck_assert_msg(strstr(s, titles[i]) != NULL, "48 rows: no '%s'", titles[i]);
	free(s);
	s = render(&a, 24, 80);
	for (int i = 0; i < 3; i++)
		ck_assert_msg(strstr(s, titles[i]) != NULL, "24 rows: no '%s'", titles[i]);
	ck_assert_msg(strstr(s, titles[3]) == NULL, "24 rows: a fourth chart squeezed in");
	for (int i = 0; i + 1 < 3; i++) {
		const char *t = strstr(s, titles[i]), *next = strstr(s, titles[i + 1]);
		int rows = 0;

		for (; t < next; t++)
			rows += *t == '\n';
		ck_assert_msg(rows >= 6, "24 rows: '%s' is %d rows tall", titles[i], rows);
	}
	free(s);
	close_app(&a, w);
}
END_TEST

/* ---- the chart view draws the world's figures ---- */

/* One screen row as one Unicode code point per column. */
static int row_cells(const char *p, const char *end, unsigned *cell, int cols)
{
	int col = 0;

	while (p < end && col < cols) {
		unsigned char c = (unsigned char)*p;
		int n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
		unsigned cp = n == 1 ? c : (unsigned)(c & (0x7f >> n));

		for (int k = 1; k < n; k++)
			cp = cp << 6 | (unsigned)(p[k] & 0x3f);
		cell[col++] = cp;
		p += n;
	}
	for (int k = col; k < cols; k++)
		cell[k] = ' ';
	return col;
}

/* A chart of the chart view as drawn: its y labels (top, middle,
 * bottom), its plot's height and width, and per plot column the bar
 * drawn there in eighths of a cell (block glyphs U+2581..U+2588). */
struct drawn_chart {
	char label[3][16];
	int ph, pw, eighths[256];
};

/* The chart under `title` on a cols-wide screen of the chart view;
 * false when the screen does not show it. */
static bool read_chart(const char *screen, int cols, const char *title, struct drawn_chart *c)
{
	const char *p = screen, *end;
	unsigned cell[256];
	char row_label[64][16];
	int rows = 0, ax = -1;

	memset(c, 0, sizeof *c);
	memset(row_label, 0, sizeof row_label);
	for (; (end = strchr(p, '\n')) != NULL; p = end + 1) {
		row_cells(p, end, cell, cols);
		if (rows == 0) {
			size_t k = 0;

			while (title[k] && cell[1 + k] == (unsigned char)title[k])
				k++;
			rows = title[k] == '\0' && cell[1 + k] == ' ';
			continue;
		}
		for (ax = 1; ax < cols && cell[ax] != 0x2524; ax++) /* the y axis */
			;
		if (ax == cols)
			break; /* the day axis below the plot */
		if (rows == 1 || c->ph == 0) {
			c->pw = cols - 3 - ax; /* the frame, a column of air, the frame */
			ck_assert_int_le(c->pw, 256);
		}
		for (int x = 0; x < c->pw; x++) {
			unsigned g = cell[ax + 1 + x];

			c->eighths[x] += g >= 0x2581 && g <= 0x2588 ? (int)(g - 0x2580) : 0;
		}
		{
			char lab[16];
			int at = 0, k = 1;

			while (k < ax && cell[k] == ' ')
				k++;
			for (; k < ax && at < 15; k++)
				lab[at++] = (char)cell[k];
			lab[at] = '\0';
			snprintf(row_label[c->ph < 64 ? c->ph : 63], sizeof row_label[0], "%s", lab);
		}
		c->ph++;
		rows++;
	}
	if (rows == 0 || c->ph == 0 || c->ph > 64)
		return false;
	/* the widget labels the top row, the bottom row, and the middle
	 * row when the plot is 5 rows or more */
	snprintf(c->label[0], sizeof c->label[0], "%s", row_label[0]);
	snprintf(c->label[1], sizeof c->label[1], "%s", c->ph >= 5 ? row_label[(c->ph - 1) / 2] : "");
	snprintf(c->label[2], sizeof c->label[2], "%s", row_label[c->ph - 1]);
	for (int y = 1; y + 1 < c->ph; y++)
		ck_assert_msg(y == (c->ph - 1) / 2 || row_label[y][0] == '\0', "'%s': a label on plot row %d: %s", title,
			      y, row_label[y]);
	return true;
}

/* A y label as the chart widget writes a value. */
static void want_label(char *buf, size_t size, double v, bool money, bool percent)
{
	if (money)
		fmt_money(buf, size, llround(v), 9);
	else if (percent)
		snprintf(buf, size, "%.0f%%", 100.0 * v);
	else if (v == floor(v))
		fmt_count(buf, size, (int64_t)v, 9);
	else
		snprintf(buf, size, "%.1f", v);
}

/* A chart with no known value at all (every day unknown) reads the
 * range 0 to 1, in credits as well: a money chart's y labels are those
 * of 0 and 1 minor unit, never an infinity. */
START_TEST(test_tui_chart_of_no_known_value_reads_0_to_1)
{
	enum { H = 10, W = 40, N = 20 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[N];

	tui_app_done(&a);
	tui_app_init(&a, w, &ascii_opts);
	for (int i = 0; i < N; i++)
		v[i] = NAN;
	for (int money = 0; money < 2; money++) {
		struct tui_grid *g = grid_new(H, W);
		struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
		struct chart_series series = {"v", v, ROLE_GOOD};
		struct chart_spec spec = {.title = "Unknown", .n = N, .first_day = 1, .series = &series, .n_series = 1,
					  .money = money};
		char *text, *row[H], top[32], bottom[32];
		int n = 0;

		chart_draw(&cv, &spec);
		text = grid_dump(g);
		n = dump_rows(text, row, H);
		ck_assert_int_eq(n, H);
		want_label(top, sizeof top, 1, money, false);
		want_label(bottom, sizeof bottom, 0, money, false);
		ck_assert_msg(strncmp(row[1] + strspn(row[1], " "), top, strlen(top)) == 0,
			      "%s chart of no known value: its top row reads '%s', want the label '%s'", money ? "a money" : "a",
			      row[1], top);
		ck_assert_msg(strncmp(row[H - 2] + strspn(row[H - 2], " "), bottom, strlen(bottom)) == 0,
			      "%s chart of no known value: its bottom row reads '%s', want the label '%s'",
			      money ? "a money" : "a", row[H - 2], bottom);
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* One chart of the view: its series' values over the n charted days
 * (NAN for a day not known), how they read, whether drawn as bars. */
struct figure {
	const char *title;
	const double *v[3];
	int n_series;
	bool money, percent, bars;
};

/* The chart on the screen shows the figure: its top label the highest
 * value charted (counts and rates from 0, money from its lowest), its
 * bottom label the lowest, the middle label halfway; a bar chart's every
 * column stands for the mean of its own days, scaled to that range. */
static void check_figure(const char *screen, int cols, const struct figure *f, int n)
{
	struct drawn_chart c;
	double lo = INFINITY, hi = -INFINITY;
	char want[3][32];
	int bars = 0;

	ck_assert_msg(read_chart(screen, cols, f->title, &c), "%d columns: no chart '%s'", cols, f->title);
	for (int k = 0; k < f->n_series; k++)
		for (int i = 0; i < n; i++)
			if (!isnan(f->v[k][i])) {
				lo = fmin(lo, f->v[k][i]);
				hi = fmax(hi, f->v[k][i]);
			}
	ck_assert_msg(isfinite(hi) && hi > 0, "'%s': nothing to chart: pick a busier border or a later day", f->title);
	if (!f->money && lo > 0)
		lo = 0;
	if (f->percent && hi < 0.05)
		hi = 0.05;
	want_label(want[0], sizeof want[0], hi, f->money, f->percent);
	want[1][0] = '\0';
	if (c.ph >= 5)
		want_label(want[1], sizeof want[1], (lo + hi) / 2, f->money, f->percent);
	want_label(want[2], sizeof want[2], lo, f->money, f->percent);
	for (int i = 0; i < 3; i++)
		ck_assert_msg(strcmp(c.label[i], want[i]) == 0, "%d columns, '%s': the %s label reads '%s', want '%s'",
			      cols, f->title, i == 0 ? "top" : i == 1 ? "middle" : "bottom", c.label[i], want[i]);
	for (int x = 0; f->bars && x < c.pw; x++) {
		int a = x * n / c.pw, b = (x + 1) * n / c.pw, k = 0, e = 0;
		double sum = 0;

		if (b <= a)
			b = a + 1;
		for (int i = a; i < b && i < n; i++)
			if (!isnan(f->v[0][i])) {
				sum += f->v[0][i];
				k++;
			}
		if (k)
			e = (int)llround((sum / k - lo) / (hi - lo) * c.ph * 8);
		ck_assert_msg(c.eighths[x] == (e > 0 ? e : 0),
			      "%d columns, '%s': column %d (days %d-%d) has %d eighths of bar, want %d", cols, f->title,
			      x, a + 1, b, c.eighths[x], e > 0 ? e : 0);
		bars += e > 0;
	}
	ck_assert_msg(!f->bars || bars > 0, "'%s': no bar drawn", f->title);
}

/* Each chart of the chart view names its own series beside its title,
 * each once and no other: a faction's shipments are delivered, seized
 * and lost (not its bribes, charted below), its balance is the balance
 * alone; a border's customs are inspected and seized. */
START_TEST(test_tui_chart_legend_names_only_its_series)
{
	static const struct {
		const char *keys, *title, *names[3];
		int n;
	} charts[] = {
		{"1g", "Balance (credits)", {"balance"}, 1},
		{"1g", "Shipments a day", {"delivered", "seized", "lost"}, 3},
		{"1g", "Bribes paid a day", {"bribes"}, 1},
		{"3g", "Traffic a day", {"crossings"}, 1},
		{"3g", "Customs a day", {"inspected", "seized"}, 2},
		{"3g", "Bribes taken a day", {"bribes"}, 1},
	};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);

	tui_select_border(&a, test_busiest_border(w));
	for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
		char *s, line[1024], head[128];
		int n = 0;

		tui_handle_key(&a, 27);
		feed(&a, charts[i].keys);
		ck_assert_int_eq(a.view, VIEW_CHART);
		s = render(&a, 48, 160);
		snprintf(head, sizeof head, "%s  %s ", charts[i].title, a.th.g->delivered);
		ck_assert_msg(line_with(s, head, line, sizeof line) != NULL, "no chart '%s'", charts[i].title);
		for (const char *p = strstr(line, a.th.g->delivered); p; p = strstr(p + 1, a.th.g->delivered))
			n++;
		ck_assert_msg(n == charts[i].n, "'%s' names %d series, want %d: %s", charts[i].title, n, charts[i].n, line);
		for (int k = 0; k < charts[i].n; k++) {
			snprintf(head, sizeof head, "%s %s", a.th.g->delivered, charts[i].names[k]);
			ck_assert_msg(strstr(line, head) != NULL, "'%s' does not name '%s': %s", charts[i].title,
				      charts[i].names[k], line);
		}
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* The chart view draws the selected border's and faction's figures of
 * the charted days at every size: each chart's y labels are its
 * figure's highest, halfway and lowest values, and a bar chart's every
 * column the figure of its days. */
START_TEST(test_tui_chart_view_draws_each_figure)
{
	enum { N = 60 };
	static const int size[][2] = {{48, 160}, {40, 120}, {24, 80}};
	static double tra[N], rate[N], ins[N], sei[N], bri[N], bal[N], del[N], fsei[N], lost[N], fbri[N];
	struct tui_app a;
	struct smug_world *w = open_at(&a, N);
	int c = test_busiest_border(w), f;
	struct smug_border_day d[N];
	bool known[N];
	const struct figure border[] = {
		{"Traffic a day", {tra}, 1, false, false, true},
		{"Seizure rate", {rate}, 1, false, true, false},
		{"Customs a day", {ins, sei}, 2, false, false, false},
		{"Bribes taken a day", {bri}, 1, true, false, true},
	};
	const struct figure faction[] = {
		{"Balance (credits)", {bal}, 1, true, false, false},
		{"Shipments a day", {del, fsei, lost}, 3, false, false, false},
		{"Bribes paid a day", {fbri}, 1, true, false, true},
	};

	for (int i = 0; i < N; i++) {
		int t7 = 0, s7 = 0, days = 0;

		known[i] = smug_border_chart(w, c, 1 + i, &d[i]);
		tra[i] = known[i] ? d[i].traffic : NAN;
		ins[i] = known[i] ? d[i].inspections : NAN;
		sei[i] = known[i] ? d[i].seizures : NAN;
		bri[i] = known[i] ? (double)d[i].bribes : NAN;
		for (int j = i; j >= 0 && j > i - 7; j--)
			if (known[j]) {
				t7 += d[j].traffic;
				s7 += d[j].seizures;
				days++;
			}
		rate[i] = t7 > 0 ? (double)s7 / t7 : days ? 0 : NAN;
	}
	tui_select_border(&a, c);
	feed(&a, "3g");
	for (int k = 0; k < 3; k++) {
		char *s = render(&a, size[k][0], size[k][1]);

		ck_assert_msg(strstr(s, "Chart of the border: the last 60 days") != NULL, "not the border's chart");
		for (int i = 0; i < (size[k][0] < 48 ? 3 : 4); i++)
			check_figure(s, size[k][1], &border[i], N);
		free(s);
	}
	feed(&a, "\0331g");
	f = a.faction;
	ck_assert_int_ge(f, 0);
	for (int i = 0; i < N; i++) {
		const struct smug_faction_day *fd = smug_faction_chart(w, f, 1 + i);

		bal[i] = fd ? (double)fd->balance : NAN;
		del[i] = fd ? fd->delivered : NAN;
		fsei[i] = fd ? fd->seized : NAN;
		lost[i] = fd ? fd->lost : NAN;
		fbri[i] = fd ? (double)fd->bribes : NAN;
	}
	for (int k = 0; k < 3; k++) {
		char *s = render(&a, size[k][0], size[k][1]);

		ck_assert_msg(strstr(s, "Chart of the faction: the last 60 days") != NULL, "not the faction's chart");
		ck_assert_msg(strstr(s, w->factions[f].id) != NULL, "the chart does not name %s", w->factions[f].id);
		for (int i = 0; i < 3; i++)
			check_figure(s, size[k][1], &faction[i], N);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* The faction chart's top line sums the charted days: "<id> (<name>):
 * balance <now> cr; in N days D delivered, S seized", D and S the
 * faction's deliveries and seizures of exactly the last N days, at every
 * span < and > choose (the whole history when shorter) and at 80
 * columns, where the name may be left out but no figure. */
START_TEST(test_tui_chart_faction_line_sums_the_charted_days)
{
	static const int keys[] = {0, '<', '>', '>'};
	static const int span[] = {90, 30, 90, 120}; /* 180 days asked for, 120 simulated */
	struct tui_app a;
	struct smug_world *w = open_at(&a, 120);
	int f;

	feed(&a, "1g");
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert(!a.chart_border);
	f = a.faction;
	ck_assert_int_ge(f, 0);
	for (int k = 0; k < 4; k++) {
		int n = span[k], first = w->day - n + 1, sumd = 0, sums = 0;
		char b[40], want[300], title[80];

		if (keys[k])
			tui_handle_key(&a, keys[k]);
		for (int d = first; d <= w->day; d++) {
			const struct smug_faction_day *fd = smug_faction_chart(w, f, d);

			ck_assert_msg(fd != NULL, "no chart figures of %s on day %d", w->factions[f].id, d);
			sumd += fd->delivered;
			sums += fd->seized;
		}
		ck_assert_msg(sumd > 0 && sums > 0, "%d days: nothing delivered or seized to sum", n);
		fmt_credits(b, sizeof b, w->ledger.accounts[w->factions[f].account].balance);
		snprintf(title, sizeof title, "Chart of the faction: the last %d days", n);
		for (int s = 0; s < 2; s++) {
			char *screen = render(&a, s ? 24 : 48, s ? 80 : 160);

			if (s)
				snprintf(want, sizeof want, "balance %s cr; in %d days %d delivered, %d seized", b, n, sumd, sums);
			else
				snprintf(want, sizeof want, "%s (%s): balance %s cr; in %d days %d delivered, %d seized",
					 w->factions[f].id, w->factions[f].name, b, n, sumd, sums);
			ck_assert_msg(strstr(screen, title) != NULL, "%d columns: no '%s'", s ? 80 : 160, title);
			if (strstr(screen, want) == NULL) {
				fprintf(stderr, "%s", screen); /* Check's messages are too short for a screen */
				ck_abort_msg("%d columns: no '%s'", s ? 80 : 160, want);
			}
			free(screen);
		}
	}
	close_app(&a, w);
}
END_TEST

/* In the chart view Left and Right step the charted faction through the
 * factions with a network, in their order, and stop at the first and the
 * last; on a border's chart they step the border through the borders
 * table's rows. c cracks down on the charted border, and on a faction's
 * chart does nothing; the chart stays open all along. */
START_TEST(test_tui_chart_left_right_step_the_charted_faction_or_border)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), nb, *rows, b0, at;
	char want[128];

	ck_assert_int_ge(n, 3);
	tui_app_init(&a, w, &opts);
	tui_select_border(&a, test_busiest_border(w));
	b0 = a.border;
	feed(&a, "1g");
	ck_assert_int_eq(a.view, VIEW_CHART);
	for (int i = 0; i < n; i++)
		tui_handle_key(&a, KEY_LEFT);
	ck_assert_int_eq(a.faction, fac[0]);
	for (int i = 1; i < n; i++) {
		tui_handle_key(&a, KEY_RIGHT);
		ck_assert_msg(a.faction == fac[i], "Right %d times from the first: faction %d, want %d", i, a.faction, fac[i]);
		snprintf(want, sizeof want, "%s (%s): balance", w->factions[fac[i]].id, w->factions[fac[i]].name);
		ck_assert_msg(screen_has(&a, want), "the chart does not head with '%s'", want);
	}
	tui_handle_key(&a, KEY_RIGHT);
	ck_assert_int_eq(a.faction, fac[n - 1]);
	tui_handle_key(&a, KEY_LEFT);
	ck_assert_int_eq(a.faction, fac[n - 2]);
	tui_handle_key(&a, 'c');
	ck_assert_msg(smug_world_crackdown_on(w, b0) == NULL, "c on a faction's chart cracked down on a border");
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert_int_eq(a.border, b0);
	tui_handle_key(&a, 27);
	feed(&a, "3g");
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert(a.chart_border);
	rows = pane_borders_rows(&a, &nb);
	ck_assert_int_ge(nb, 3);
	for (at = 0; at < nb && rows[at] != b0; at++)
		;
	ck_assert_int_lt(at, nb);
	for (int step = 0; step < nb + 1; step++) { /* to the last row and past it */
		tui_handle_key(&a, KEY_RIGHT);
		at = at + 1 < nb ? at + 1 : nb - 1;
		ck_assert_msg(a.border == rows[at], "Right: border %d, want row %d's %d", a.border, at, rows[at]);
	}
	for (int step = 0; step < nb + 1; step++) {
		tui_handle_key(&a, KEY_LEFT);
		at = at > 0 ? at - 1 : 0;
		ck_assert_msg(a.border == rows[at], "Left: border %d, want row %d's %d", a.border, at, rows[at]);
	}
	free(rows);
	ck_assert_int_eq(a.view, VIEW_CHART);
	tui_handle_key(&a, 'c');
	ck_assert_msg(smug_world_crackdown_on(w, a.border) != NULL, "c on a border's chart set no crackdown");
	ck_assert_int_eq(a.view, VIEW_CHART);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A faction's chart hatches the days a crackdown you set was on, and
 * only those: on the golden world (your crackdown from day 41, 60 days
 * charted) the Balance chart's plot is hatched from day 41's column on
 * and nowhere before; the border's chart heads with whose crackdown it
 * is and since when. */
START_TEST(test_tui_chart_faction_hatches_your_crackdown_days)
{
	struct smug_world *w = golden_world();
	struct tui_app a;
	char *s, *p, *end, want[128];
	int start = w->crackdowns[0].start_day, rows = 0, in_shade = 0, hatched = 0;

	tui_app_init(&a, w, &ascii_opts);
	feed(&a, "1g");
	ck_assert_int_ge(a.faction, 0);
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(s, "Chart of the faction: the last 60 days") != NULL, "not the 60-day faction chart");
	p = strstr(s, "Balance (credits)");
	ck_assert_ptr_nonnull(p);
	p = strchr(p, '\n') + 1;
	for (; (end = strchr(p, '\n')) != NULL && strstr(p, "day 1") != p + strspn(p, "| "); p = end + 1) {
		const char *axis = strchr(p + 1, '+');
		int pw = (int)(end - axis) - 3;

		ck_assert_msg(axis != NULL && axis < end, "no axis on a plot row");
		for (int x = 0; x < pw; x++) {
			int lo = x * 60 / pw, hi = (x + 1) * 60 / pw > lo ? (x + 1) * 60 / pw : lo + 1;
			bool shade = hi > start - 1;

			ck_assert_msg(shade || axis[1 + x] != '/', "column %d of %d (day %d) hatched before day %d", x, pw,
				      1 + x * 60 / pw, start);
			in_shade += shade;
			hatched += shade && axis[1 + x] == '/';
		}
		rows++;
	}
	ck_assert_int_ge(rows, 5);
	ck_assert_msg(hatched * 2 > in_shade, "%d of %d cells from day %d hatched", hatched, in_shade, start);
	free(s);
	tui_handle_key(&a, 27);
	tui_select_border(&a, w->crackdowns[0].corridor);
	feed(&a, "3g");
	snprintf(want, sizeof want, "(%s), crackdown (yours) from day %d; history kept",
		 w->corridors[w->crackdowns[0].corridor].id, start);
	ck_assert_msg(screen_has(&a, want), "the border's chart does not head with '%s'", want);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A border's chart says in its title how much of the border's history
 * it can show: "history kept" for a border whose days are kept (the
 * hottest borders and crackdown targets), "its last 7 days" for any
 * other. Every border with no crackdown on day 90 of the default world,
 * where both kinds exist. */
START_TEST(test_tui_border_chart_title_says_what_history_is_kept)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 90);
	int kept = 0, window = 0;

	for (int c = 0; c < w->n_corridors; c++) {
		char want[160];
		bool tracked = smug_border_chart_since(w, c) >= 0;

		if (!w->corridors[c].border || smug_world_crackdown_on(w, c) != NULL)
			continue;
		tui_handle_key(&a, 27);
		tui_select_border(&a, c);
		feed(&a, "3g");
		ck_assert(a.chart_border);
		snprintf(want, sizeof want, "(%s); %s", w->corridors[c].id,
			 tracked ? "history kept" : "history: its last 7 days (a year is kept for the hottest borders");
		ck_assert_msg(screen_has(&a, want), "border %s: the chart does not head with '%s'", w->corridors[c].id,
			      want);
		kept += tracked;
		window += !tracked;
	}
	ck_assert_int_gt(kept, 0);
	ck_assert_int_gt(window, 0);
	close_app(&a, w);
}
END_TEST

/* The memory screen's cut watch, which every "no screen cuts a number"
 * check relies on: a text clipped at the canvas's right edge between two
 * digits of a number (or a digit and its decimal point or thousands
 * comma followed by a digit) is counted, and the first one is named by
 * its row and column on the screen, the digit kept and the rest dropped;
 * a word, a space or a number's trailing punctuation cut at the edge is
 * not counted. */
START_TEST(test_tui_canvas_names_the_first_cut_number)
{
	static const struct {
		const char *text;
		bool cut;
	} rows[] = {
		{"price", false},    /* a word */
		{"ab 12345", true},  /* '1' | '2345' */
		{"ab 1.5", true},    /* '1' | '.5' */
		{"ab 3,000", true},  /* '3' | ',000' */
		{"a 12 xy", false},  /* the number fits, ' xy' dropped */
		{"a v1, x", false},  /* '1' | ', x': a list, not a number */
		{"ab 1. x", false},  /* '1' | '. x': a sentence's end */
		{"a 1.25", true},    /* '.' | '25' */
		{"ab 0.25", true},   /* '0' | '.25' */
	};
	enum { N = sizeof rows / sizeof rows[0] };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(N + 3, 12);
	/* a 6-column canvas 2 rows down and 3 columns in: texts drawn at its column 2 keep 4 characters */
	struct canvas cv = {&a.th, NULL, g, 2, 3, N, 6};
	char first[128];
	int want = 0;

	ck_assert_int_eq(grid_cut_numbers(g, first, sizeof first), 0);
	ck_assert_str_eq(first, "");
	for (int i = 0; i < N; i++) {
		ck_assert_int_eq(canvas_text(&cv, i, 2, ROLE_NORMAL, rows[i].text), 4);
		want += rows[i].cut;
		ck_assert_msg(grid_cut_numbers(g, NULL, 0) == want, "'%s' cut after 4 columns: %d cuts counted, want %d",
			      rows[i].text, grid_cut_numbers(g, NULL, 0), want);
	}
	ck_assert_int_eq(grid_cut_numbers(g, first, sizeof first), 5);
	/* the first: row 2 + 1, column 3 + 2 + 4 */
	ck_assert_msg(strcmp(first, "row 3 col 9: '1' then '2345'") == 0, "the first cut named '%s'", first);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The memory screen's watch for a label whose figure was dropped whole,
 * which the why view's checks rely on: a text clipped at the canvas's
 * edge or shortened with an ellipsis that keeps a word and drops, past a
 * space, the number after it is counted and the first named; a number
 * kept whole, a word dropped, a name cut inside or a list cut after its
 * comma is not. */
START_TEST(test_tui_canvas_names_the_first_label_without_its_figure)
{
	static const struct {
		const char *text;
		int width; /* 0: drawn plainly, clipped at the canvas's edge */
		bool dropped;
	} rows[] = {
		{"loss 1.87", 0, true},			/* 'loss ' | '1.87' */
		{"cost 12", 0, true},			/* 'cost ' | '12' */
		{"sums -4", 0, true},			/* 'sums ' | '-4' */
		{"a 12 loss", 0, false},		/* the number kept */
		{"x 12 34", 0, false},			/* 'x 12 ' | '34': kept ends in a number, not a word */
		{"a, 12", 0, false},			/* after a comma: a list, not a label */
		{"ab12 x", 0, false},			/* no space: a name */
		{"risk 0.004 prior, loss 1.87)", 12, false}, /* 'risk 0.004 …': the number kept whole */
		{"a (risk 0.004 prior, loss 1.87)", 8, true},  /* 'a (risk …' */
		{"n:22.0|22.2 (loss 1.87)", 9, false},	/* 'n:22.0|…': a name cut */
		{"seized 12, lost 3", 12, false},	/* 'seized 12, …' */
		{"x 1.87) and 2 more", 13, true},	/* 'x 1.87) and …' */
		{"vita 12", 0, true},			/* a label, whatever letter ends it: */
		{"quiz 12", 0, true},			/* both ends of a-z and of A-Z */
		{"VITA 12", 0, true},
		{"QUIZ 12", 0, true},
	};
	enum { N = sizeof rows / sizeof rows[0] };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(N + 2, 40);
	/* texts drawn plainly at column 1 of a 6-column canvas 2 rows down keep 5 characters */
	struct canvas cv = {&a.th, NULL, g, 2, 0, N, 6}, wide = {&a.th, NULL, g, 2, 0, N, 40};
	char first[128];
	int want = 0;

	ck_assert_int_eq(grid_dropped_figures(g, first, sizeof first), 0);
	ck_assert_str_eq(first, "");
	for (int i = 0; i < N; i++) {
		if (rows[i].width == 0)
			ck_assert_int_eq(canvas_text(&cv, i, 1, ROLE_NORMAL, rows[i].text), 5);
		else
			canvas_fit(&wide, i, 1, rows[i].width, ROLE_NORMAL, rows[i].text, false);
		want += rows[i].dropped;
		ck_assert_msg(grid_dropped_figures(g, NULL, 0) == want, "'%s' in %d columns: %d dropped counted, want %d",
			      rows[i].text, rows[i].width ? rows[i].width : 5, grid_dropped_figures(g, NULL, 0), want);
	}
	ck_assert_int_eq(grid_cut_numbers(g, NULL, 0), 0); /* dropped whole, none cut */
	grid_dropped_figures(g, first, sizeof first);
	/* the first: row 2 + 0, column 1 + 5 */
	ck_assert_msg(strcmp(first, "row 2 col 6: 'loss' without its '1.87'") == 0, "the first named '%s'", first);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* A label shortened with an ellipsis is named where the shortened text
 * ends on the screen (its ellipsis), counted from the canvas's own
 * column: 'a (risk…' fitted in 8 columns at column 3 of a canvas 4 columns
 * in ends at screen column 4 + 3 + 7. */
START_TEST(test_tui_canvas_names_a_shortened_label_at_its_ellipsis)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(6, 40);
	struct canvas cv = {&a.th, NULL, g, 2, 4, 3, 30};
	char first[128];

	canvas_fit(&cv, 1, 3, 8, ROLE_NORMAL, "a (risk 0.004 prior, loss 1.87)", false);
	ck_assert_int_eq(grid_dropped_figures(g, first, sizeof first), 1);
	ck_assert_msg(strcmp(first, "row 3 col 14: '(risk' without its '0.004'") == 0, "the shortened label named '%s'",
		      first);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* A detail of comma-separated parts fitted into fewer columns keeps its
 * first part and its last figure's part whole, the parts between left
 * out ("inspected,… bribe taken 12.00"); when those do not fit, its
 * leading parts whole and drops the rest whole ("2 hops,…", never
 * "bribes …"); a first part too long alone loses a label with its figure
 * ("after" goes with the 2); nothing the canvas watches for is left. */
START_TEST(test_tui_fit_parts_drops_whole_parts)
{
	static const struct {
		const char *text;
		int width;
		const char *shown;
	} rows[] = {
		{"ward:23->ward:22 2 hops, bribes 12.00, exploring", 48,
		 "ward:23->ward:22 2 hops, bribes 12.00, exploring"},
		{"ward:23->ward:22 2 hops, bribes 12.00, exploring", 47, "ward:23->ward:22 2 hops, bribes 12.00,…"},
		{"ward:23->ward:22 2 hops, bribes 12.00, exploring", 30, "ward:23->ward:22 2 hops,…"},
		{"ward:23->ward:22 2 hops, bribes 12.00, exploring", 24, "ward:23->ward:22 2 hops…"},
		/* the words go before the figure: the middle part is left out */
		{"inspected, contraband found, bribe taken 12.00", 30, "inspected,… bribe taken 12.00"},
		{"inspected, contraband found, bribe taken 12.00", 28, "inspected,…"},
		{"manual, intensity 1.00, until cleared", 20, "manual,…"},
		{"ward:24->ward:31 after 2 days, buyers paid 12.00", 24, "ward:24->ward:31 …"},
		{"auctioned for 12.00", 16, "auctioned …"},
		{"paid via 12.00", 12, "paid …"}, /* a label, whatever letter ends it */
		{"paid fez 12.00", 12, "paid …"},
		{"paid VIA 12.00", 12, "paid …"},
		{"paid FEZ 12.00", 12, "paid …"},
		{"cleared", 8, "cleared"},
	};
	enum { N = sizeof rows / sizeof rows[0] };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (int i = 0; i < N; i++) {
		struct tui_grid *g = grid_new(1, 60);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 1, 60};
		char *shown, first[128];

		ck_assert_int_eq(canvas_fit_parts(&cv, 0, 0, rows[i].width, ROLE_NORMAL, rows[i].text), rows[i].width);
		shown = grid_dump(g);
		shown[strcspn(shown, "\n")] = '\0';
		ck_assert_msg(strcmp(shown, rows[i].shown) == 0, "'%s' in %d columns reads '%s', want '%s'",
			      rows[i].text, rows[i].width, shown, rows[i].shown);
		ck_assert_msg(text_cols(shown) <= rows[i].width, "'%s' takes %d columns of %d", shown, text_cols(shown),
			      rows[i].width);
		ck_assert_msg(grid_dropped_figures(g, first, sizeof first) == 0 && grid_cut_numbers(g, NULL, 0) == 0,
			      "'%s' in %d columns: %s", rows[i].text, rows[i].width, first);
		free(shown);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* A ward's name that ends in a number, shortened inside by an ellipsis
 * or the canvas's edge ("Middle Ward 5" drawn as "Middle Ward …"), is a
 * name cut, not a label without its figure, once the grid knows the
 * world's names; a label after a name, or a name of no ward, still
 * counts. */
START_TEST(test_tui_canvas_ward_names_are_not_labels)
{
	static const struct {
		const char *text;
		int width; /* 0: drawn plainly, clipped at the canvas's edge */
		bool dropped;
	} rows[] = {
		{"ward:11 Middle Ward 5 - ward:12 Middle Ward 6", 20, false}, /* 'ward:11 Middle Ward…' */
		{"ward:11 Middle Ward 5 - ward:12 Middle Ward 6", 21, false}, /* 'ward:11 Middle Ward …' */
		{"Middle Ward 12", 0, false},				       /* clipped to 'Middle Ward ' */
		{"Middle Ward 5 bribes 12.00", 22, true},		       /* 'Middle Ward 5 bribes …' */
		{"Muddle Ward 5", 12, true}, /* no ward's name: 'Muddle Ward…' */
	};
	enum { N = sizeof rows / sizeof rows[0] };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	int want_known = 0, want_unknown = 0;

	for (int known = 1; known >= 0; known--) {
		struct tui_grid *g = grid_new(N, 40);
		/* texts drawn plainly at column 0 of a 12-column canvas keep 12 characters */
		struct canvas cv = {&a.th, NULL, g, 0, 0, N, 12}, wide = {&a.th, NULL, g, 0, 0, N, 40};

		if (known)
			grid_know_names(g, w);
		for (int i = 0; i < N; i++) {
			int want;

			if (rows[i].width == 0)
				canvas_text(&cv, i, 0, ROLE_NORMAL, rows[i].text);
			else
				canvas_fit(&wide, i, 0, rows[i].width, ROLE_NORMAL, rows[i].text, false);
			/* without the names every row counts */
			want = known ? (want_known += rows[i].dropped) : ++want_unknown;
			ck_assert_msg(grid_dropped_figures(g, NULL, 0) == want,
				      "'%s' in %d columns, names %s: %d dropped counted, want %d", rows[i].text,
				      rows[i].width ? rows[i].width : 12, known ? "known" : "unknown",
				      grid_dropped_figures(g, NULL, 0), want);
		}
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* A chart's day axis: "day FIRST" under the plot's first column, the
 * last day ending under its last column, and the middle label the day
 * halfway between them (rounded down: days 1 to 60 read 30), centred
 * under the plot; for every count of days from 3 to 120, from day 1 and
 * from day 366. */
START_TEST(test_tui_chart_middle_day_is_halfway)
{
	enum { H = 8, W = 60 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[120];
	int even = 0;

	for (int i = 0; i < 120; i++)
		v[i] = i % 7;
	for (int from = 1; from <= 366; from += 365)
		for (int n = 3; n <= 120; n++) {
			struct tui_grid *g = grid_new(H, W);
			struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
			struct chart_series series = {"v", v, ROLE_GOOD};
			struct chart_spec spec = {.title = "Axis", .n = n, .first_day = from, .series = &series,
						  .n_series = 1};
			char *text, *axis, *p, *q;
			int px, pw, mid, last, m0, m1;

			chart_draw(&cv, &spec);
			text = grid_dump(g);
			axis = strstr(text, "day ");
			ck_assert_msg(axis != NULL, "days %d to %d: no day axis", from, from + n - 1);
			while (axis > text && axis[-1] != '\n')
				axis--;
			px = (int)(strstr(axis, "day ") - axis);
			pw = W - px - 1;
			ck_assert_msg(grid_role(g, 1, px - 1) == ROLE_DIM && grid_role(g, H - 2, px - 1) == ROLE_DIM,
				      "days %d to %d: 'day' is not under the plot's first column %d", from, from + n - 1, px);
			p = axis + px + 4 + strspn(axis + px + 4, "0123456789");
			m0 = (int)(p - axis) + (int)strspn(p, " ");
			mid = (int)strtol(axis + m0, &q, 10);
			m1 = (int)(q - axis);
			last = (int)strtol(q, &q, 10);
			ck_assert_msg(atoi(axis + px + 4) == from, "axis starts '%.12s', want day %d", axis + px, from);
			ck_assert_msg(last == from + n - 1 && (int)(q - axis) == px + pw,
				      "days %d to %d: the last label %d ends at column %d, want %d at %d", from,
				      from + n - 1, last, (int)(q - axis), from + n - 1, px + pw);
			ck_assert_msg(mid == (from + from + n - 1) / 2,
				      "days %d to %d (%d days): the middle label reads %d, want %d", from, from + n - 1, n,
				      mid, (from + from + n - 1) / 2);
			ck_assert_msg(abs((m0 + m1) - (2 * px + pw)) <= 1,
				      "days %d to %d: the middle label spans columns %d-%d, the plot %d-%d", from,
				      from + n - 1, m0, m1 - 1, px, px + pw - 1);
			even += n % 2 == 0;
			free(text);
			grid_free(g);
		}
	ck_assert_int_ge(even, 100);
	close_app(&a, w);
}
END_TEST

/* A terminal taller than the mouse's row table (256 rows a pane) draws
 * the Events pane to its last row and leaves the cockpit as it was: the
 * 160x48 screen reads the same before and after a 600-row frame. */
START_TEST(test_tui_very_tall_screen_changes_nothing_else)
{
	enum { TALL = 600 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 120);
	char *before, *tall, *after;
	const char *p;
	int row = 0, events_shown = 0;

	ck_assert_int_gt(w->tel.event_count, TALL);
	before = render(&a, 48, 160);
	tall = render(&a, TALL, 200);
	/* the Events pane's rows, right of the Routes pane's frame, each starting with its day */
	for (p = tall; p != NULL && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL, row++) {
		const char *end = strchr(p, '\n'), *at = strstr(p, "\xe2\x94\x82\xe2\x94\x82" "1");

		events_shown += row >= 256 && at != NULL && (end == NULL || at < end) && at[7] >= '0' && at[7] <= '9';
	}
	/* the pane takes the lower 9/20 of the rows, less its frame and header */
	ck_assert_msg(events_shown >= (TALL - 3) * 9 / 20 - 3, "%d rows below row 256 show an event", events_shown);
	after = render(&a, 48, 160);
	if (strcmp(before, after) != 0) {
		size_t at = 0, line = 0;

		for (; before[at] == after[at]; at++)
			line = before[at] == '\n' ? at + 1 : line;
		line = at > line + 30 ? at - 30 : line; /* from shortly before the first difference */
		ck_assert_msg(0, "after a %d-row frame the 160x48 screen reads '%.*s', before '%.*s'", TALL,
			      (int)strcspn(after + line, "\n"), after + line, (int)strcspn(before + line, "\n"),
			      before + line);
	}
	free(before);
	free(tall);
	free(after);
	close_app(&a, w);
}
END_TEST

/* A chart's y axis reads the range's top, middle and bottom in the
 * chart's own unit, right against the axis: money in credits with two
 * decimals while they fit nine columns (then whole credits, then k/M),
 * counts whole, a fractional middle with one decimal, rates in per cent;
 * a money axis keeps a negative bottom, the others start at 0; a flat
 * series still spans a range: counts of nothing but 0 read 0 to 1, flat
 * money its value to a credit above. */
START_TEST(test_tui_chart_y_labels_read_the_range)
{
	enum { H = 12, W = 40 };
	static const struct {
		double lo, hi;
		bool money, percent;
		const char *top, *mid, *bottom;
	} cases[] = {
		{0, 12345678, true, false, "123456.78", "61728.39", "0.00"},
		{-500000, 250000, true, false, "2500.00", "-1250.00", "-5000.00"},
		{100000, 300000, true, false, "3000.00", "2000.00", "1000.00"},
		{0, 123456789, true, false, "1234568", "617283.95", "0.00"},
		{0, 123456789000, true, false, "1.23G", "617283945", "0.00"},
		{0, 123456789, false, false, "123456789", "61728395", "0"},
		{0, 1234567.5, false, false, "1234567.5", "617283.8", "0"},
		{20, 90, false, false, "90", "45", "0"},
		{0, 7, false, false, "7", "3.5", "0"},
		{0, 0.5, false, true, "50%", "25%", "0%"},
		{0, 0, false, false, "1", "0.5", "0"},
		{250000, 250000, true, false, "2501.00", "2500.50", "2500.00"},
	};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	const char *axis = a.th.g->axis;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tui_grid *g = grid_new(H, W);
		struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
		double v[6] = {cases[i].lo, cases[i].hi, cases[i].lo, cases[i].hi, cases[i].lo, cases[i].hi};
		struct chart_series series = {"v", v, ROLE_GOOD};
		struct chart_spec spec = {.title = "Y", .n = 6, .first_day = 1, .series = &series, .n_series = 1,
					  .money = cases[i].money, .percent = cases[i].percent};
		const char *want[3] = {cases[i].top, cases[i].mid, cases[i].bottom};
		int row[3] = {1, 1 + (H - 2 - 1) / 2, H - 2};
		char *text, line[256];

		chart_draw(&cv, &spec);
		ck_assert_int_eq(grid_cut_numbers(g, NULL, 0), 0);
		ck_assert_int_eq(grid_dropped_figures(g, NULL, 0), 0);
		text = grid_dump(g);
		for (int k = 0; k < 3; k++) {
			const char *p = text;
			size_t lead, len;

			for (int y = 0; y < row[k]; y++)
				p = strchr(p, '\n') + 1;
			snprintf(line, sizeof line, "%.*s", (int)strcspn(p, "\n"), p);
			lead = strspn(line, " ");
			len = strstr(line, axis) ? (size_t)(strstr(line, axis) - line) - lead : 0;
			ck_assert_msg(strlen(want[k]) == len && strncmp(line + lead, want[k], len) == 0,
				      "%s chart of %g to %g: the %s label row reads '%s', want '%s' against the axis",
				      cases[i].money ? "money" : cases[i].percent ? "rate" : "count", cases[i].lo,
				      cases[i].hi, k == 0 ? "top" : k == 1 ? "middle" : "bottom", line, want[k]);
		}
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* The candidate lit in the why view, read from a screen of rows x cols
 * as its number (the "+3*" of the row's first column), or 0 when no row
 * is lit. */
static int why_lit_on(struct tui_app *a, int rows, int cols)
{
	struct tui_grid *g = render_grid(a, rows, cols);
	char *text = grid_dump(g), *line = text;
	int lit = 0;

	for (int y = 0; y < rows && line; y++, line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *num = line + strcspn(line, "+-");

		if (grid_role(g, y, 2) == ROLE_SELECT && grid_role(g, y, 1) == ROLE_SELECT && num[0] &&
		    isdigit((unsigned char)num[1])) {
			ck_assert_msg(lit == 0, "two candidates lit: #%d and the row '%.40s'", lit, line);
			lit = atoi(num + 1);
		}
	}
	free(text);
	grid_free(g);
	return lit;
}

static int why_lit_candidate(struct tui_app *a)
{
	return why_lit_on(a, 48, 160);
}

/* Move the Routes pane's selection down to the first decision ok()
 * accepts; NULL when none of its rows does. */
static const struct smug_decision *routes_select(struct tui_app *a, const struct smug_world *w,
						 bool (*ok)(const struct smug_decision *))
{
	int rows = pane_routes_rows(a);

	for (int r = 0; r < rows; r++) {
		const struct smug_decision *d = &w->decisions[pane_routes_decision(a)];

		if (ok(d))
			return d;
		tui_handle_key(a, KEY_DOWN);
	}
	return NULL;
}

static bool twenty_candidates(const struct smug_decision *d) { return d->n_cand >= 20; }

static bool winner_inside(const struct smug_decision *d)
{
	return d->n_cand >= 3 && d->winner != 0 && d->winner != d->n_cand - 1;
}

/* Open the why view on the first decision of the Routes pane that has a
 * what-if (x), and turn it on; the test fails if none has. */
static void why_with_whatif(struct tui_app *a)
{
	int rows;

	tui_handle_key(a, '2');
	rows = pane_routes_rows(a);
	for (int r = 0; r < rows && !a->whatif; r++) {
		tui_handle_key(a, '\r');
		ck_assert_int_eq(a->view, VIEW_WHY);
		tui_handle_key(a, 'x');
		if (!a->whatif) {
			tui_handle_key(a, 27);
			tui_handle_key(a, KEY_DOWN);
		}
	}
	ck_assert_msg(a->whatif, "no decision of day %d has a what-if", a->w->day);
}

/* The why view opens on the decision as it was taken: a what-if left on
 * (x) when the view was closed is not there when it opens again, and
 * the winner is selected. */
START_TEST(test_tui_why_reopens_without_the_whatif)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int di;

	why_with_whatif(&a);
	ck_assert(screen_has(&a, "WHAT-IF (no step)"));
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	ck_assert_msg(!screen_has(&a, "WHAT-IF") && screen_has(&a, "RUNNER-UP"),
		      "the why view opened again still shows the what-if");
	di = pane_routes_decision(&a);
	ck_assert_int_eq(why_lit_candidate(&a), w->decisions[di].winner + 1);
	close_app(&a, w);
}
END_TEST

/* The line of screen s at p (its start found), copied into line. */
static const char *line_at(const char *s, const char *p, char *line, size_t size)
{
	const char *start = p, *end = strchr(p, '\n');

	while (start > s && start[-1] != '\n')
		start--;
	snprintf(line, size, "%.*s", (int)((end ? end : p + strlen(p)) - start), start);
	return line;
}

/* The why view's what-if at 80 columns reads whole on its two rows, in
 * Unicode and in ASCII: the outcome ("winner #9 becomes #8"), the
 * border and both risk_est figures, nothing shortened with an ellipsis
 * (it read "... Winner #9 becomes #8…", the rest cut). */
START_TEST(test_tui_why_whatif_reads_whole_at_80)
{
	for (int g = 0; g < 2; g++) {
		struct tui_app a;
		struct smug_world *w = world_at(60);
		const struct smug_whatif *wi;
		char *s, rows[2][512], both[1024], want[3][64], id[64];
		const char *at;

		tui_app_init(&a, w, g ? &ascii_opts : &opts);
		why_with_whatif(&a);
		wi = a.whatif_data;
		s = why_on_canvas(&a, 24, 80);
		at = strstr(s, "WHAT-IF");
		ck_assert_ptr_nonnull(at);
		line_at(s, at, rows[0], sizeof rows[0]);
		line_at(s, strchr(at, '\n') + 1, rows[1], sizeof rows[1]);
		snprintf(both, sizeof both, "%s\n%s", rows[0], rows[1]);
		assert_on_screen(strstr(both, "\xe2\x80\xa6") == NULL && strchr(both, '~') == NULL, s,
				 "80x24 (%s): the what-if is shortened:\n%s", g ? "ascii" : "utf-8", both);
		tui_short_corridor(&a, wi->corridor, id, sizeof id);
		if (wi->winner_after == wi->winner_before)
			snprintf(want[0], sizeof want[0], "#%d stays", wi->winner_before + 1);
		else
			snprintf(want[0], sizeof want[0], "#%d becomes #%d", wi->winner_before + 1, wi->winner_after + 1);
		snprintf(want[1], sizeof want[1], "%.3f", wi->risk_before);
		snprintf(want[2], sizeof want[2], "%.3f", wi->risk_after);
		assert_on_screen(strstr(both, want[0]) != NULL && strstr(both, id) != NULL, s,
				 "80x24: the what-if does not say '%s' on %s:\n%s", want[0], id, both);
		for (int k = 1; k < 3; k++)
			assert_on_screen(lines_with_whole(both, "", want[k]) > 0, s,
					 "80x24: the what-if does not show risk_est %s whole:\n%s", want[k], both);
		free(s);
		close_app(&a, w);
	}
}
END_TEST

/* An expanded candidate of the why view at 80 columns shows each edge
 * whole: its loss and cost in credits, its risk_est and cost_est, on
 * the edge's one row (it read "...learned  loss 17.62  c…"). */
START_TEST(test_tui_why_expanded_candidate_reads_whole_at_80)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_explanation *x;
	int di, rows_read = 0;
	char *s;

	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	tui_handle_key(&a, KEY_HOME);
	tui_handle_key(&a, '\r'); /* the first candidate expanded */
	x = view_why_explanation(&a, &di);
	ck_assert_ptr_nonnull(x);
	s = why_on_canvas(&a, 24, 80);
	for (int e = 0; e + 1 < x->cand[0].n_nodes; e++) {
		const struct smug_explain_edge *g = &x->cand[0].edges[e];
		char id[64], want[4][48], row[512];
		const char *at;

		tui_short_corridor(&a, g->corridor, id, sizeof id);
		/* its row: the one with its id and a cost_est */
		for (at = strstr(s, id); at && !strstr(line_at(s, at, row, sizeof row), "cost_est"); at = strstr(at + 1, id))
			;
		if (at == NULL)
			continue; /* below the screen */
		fmt_money(want[0] + 5, sizeof want[0] - 5, (int64_t)(g->expected_loss + 0.5), 10);
		memcpy(want[0], "loss ", 5);
		fmt_money(want[1] + 5, sizeof want[1] - 5, (int64_t)(g->expected_cost + 0.5), 10);
		memcpy(want[1], "cost ", 5);
		snprintf(want[2], sizeof want[2], "risk_est %.3f", g->risk_est);
		snprintf(want[3], sizeof want[3], "cost_est %.3f", g->cost_est);
		for (int k = 0; k < 4; k++)
			assert_on_screen(lines_with_whole(row, id, want[k]) > 0, s,
					 "80x24: edge %s of the expanded candidate does not show '%s':\n%s", id, want[k], row);
		rows_read++;
	}
	assert_on_screen(rows_read >= 2, s, "80x24: %d edge rows of the expanded candidate shown", rows_read);
	free(s);
	close_app(&a, w);
}
END_TEST

/* At 80x24 an expanded candidate's edge row that needed 76 columns for
 * its every figure and the estimates' source ("corridor 10.0|10.1 loss
 * 1.46 cost 0.00 risk_est 0.003 learned cost_est 0.000") left "learned"
 * out, for want of the one column an indent of one gives. Every edge row
 * of the day-60 decision's candidates that fits 76 columns keeps its
 * "learned" or "prior" with every figure. */
START_TEST(test_tui_why_edge_rows_keep_learned_in_76_columns)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_explanation *x;
	int di, tight = 0;

	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	x = view_why_explanation(&a, &di);
	ck_assert_ptr_nonnull(x);
	for (int i = 0; i < x->n_cand && i < 64; i++) {
		const struct smug_explain_candidate *c = &x->cand[i];
		char *s, row[1024];
		const char *line;

		tui_handle_key(&a, KEY_HOME);
		for (int k = 0; k < i; k++)
			tui_handle_key(&a, KEY_DOWN);
		tui_handle_key(&a, '\r'); /* unfold */
		s = why_on_canvas(&a, 24, 80);
		for (line = s; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			char head[16];

			snprintf(head, sizeof head, "\xe2\x94\x82-%d", i + 1);
			if (strncmp(line, head, strlen(head)) == 0 && !isdigit((unsigned char)line[strlen(head)]))
				break;
		}
		ck_assert_msg(line && *line, "candidate #%d unfolded has no row:\n%s", i + 1, s);
		line = strchr(line, '\n');
		for (int e = 0; e + 1 < c->n_nodes && line && line[1]; e++) {
			const struct smug_explain_edge *g = &c->edges[e];
			char id[64], loss[32], cost[32], compact[256], how[16];

			line_at(s, ++line, row, sizeof row);
			if (strstr(row, "cost_est") == NULL)
				break; /* below the screen */
			tui_short_corridor(&a, g->corridor, id, sizeof id);
			fmt_money(loss, sizeof loss, (int64_t)(g->expected_loss + 0.5), 10);
			fmt_money(cost, sizeof cost, (int64_t)(g->expected_cost + 0.5), 10);
			snprintf(how, sizeof how, " %s ", g->known ? "learned" : "prior");
			snprintf(compact, sizeof compact, "%s %s loss %s cost %s risk_est %.3f%scost_est %.3f",
				 g->border ? "border" : "corridor", id, loss, cost, g->risk_est, how, g->cost_est);
			if (strlen(compact) == 76)
				tight++;
			assert_on_screen(strlen(compact) > 76 || strstr(row, how) != NULL, s,
					 "80x24: candidate #%d, edge %d (%zu columns) without '%s':\n%s", i + 1, e + 1,
					 strlen(compact), how, row);
			line = strchr(line, '\n');
		}
		tui_handle_key(&a, '\r'); /* fold back */
		free(s);
	}
	ck_assert_int_gt(tight, 0); /* a row of exactly 76 columns was read */
	close_app(&a, w);
}
END_TEST

/* The loss and cost of an expanded candidate's edges stand in columns,
 * right-aligned as smugnet explain prints them: "loss 9.44  cost 8.10"
 * above "loss 12.84  cost 7.79" had each figure start after its label
 * wherever the row's text before it ended (120x40, two candidates
 * expanded). Every edge row on the screen ends its loss and its cost at
 * the same columns as the others, at 100, 120 and 160 columns (at 80 the
 * rows take the compact wording, each as short as it must be). */
START_TEST(test_tui_why_edge_figures_stand_in_columns)
{
	static const int widths[] = {100, 120, 160};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);

	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	tui_handle_key(&a, KEY_HOME);
	tui_handle_key(&a, '\r'); /* the first candidate expanded */
	tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, '\r'); /* and the second */
	for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
		char *s = why_on_canvas(&a, 40, widths[k]), row[1024];
		int rows = 0, loss_end = -1, cost_end = -1;

		for (const char *line = s; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			const char *l, *c;
			int le, ce;

			line_at(s, line, row, sizeof row);
			if (!strstr(row, "cost_est") || (l = strstr(row, " loss ")) == NULL ||
			    (c = strstr(row, " cost ")) == NULL)
				continue;
			/* the end of each figure: past the label, the spaces, the digits */
			for (l += 6; *l == ' '; l++)
				;
			while (*l && *l != ' ')
				l++;
			for (c += 6; *c == ' '; c++)
				;
			while (*c && *c != ' ')
				c++;
			le = (int)(l - row);
			ce = (int)(c - row);
			if (rows == 0) {
				loss_end = le;
				cost_end = ce;
			}
			assert_on_screen(le == loss_end && ce == cost_end, s,
					 "%dx40: an edge's loss ends at %d and its cost at %d, the first edge's at %d and %d:\n%s",
					 widths[k], le, ce, loss_end, cost_end, row);
			rows++;
		}
		assert_on_screen(rows >= 4, s, "%dx40: %d edge rows with loss and cost", widths[k], rows);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* The edge rows of an expanded candidate stay indented beneath it at
 * every width (five columns where the row has room, two at 80), each
 * edge's figures whole: at 80 columns they started where the candidate
 * row does ("-1 ..." then "border 10.1|24.0 loss ..."). */
START_TEST(test_tui_why_expanded_candidate_rows_stay_indented)
{
	static const int widths[] = {80, 90, 100, 120, 160};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);

	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	tui_handle_key(&a, KEY_HOME);
	tui_handle_key(&a, '\r'); /* the first candidate expanded */
	for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
		char *s = why_on_canvas(&a, 24, widths[k]), row[1024];
		const char *cand = NULL;
		int edges = 0;

		/* the candidate's row: after the frame, its sign and number */
		for (const char *line = s; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			const char *in;

			line_at(s, line, row, sizeof row);
			in = strstr(row, "\xe2\x94\x82"); /* the frame's left line */
			if (in == NULL)
				continue;
			in += 3;
			if (cand == NULL) {
				if ((in[0] == '-' || in[0] == '+') && in[1] == '1' && in[2] == ' ')
					cand = line;
				continue;
			}
			if (strstr(in, "cost_est") == NULL)
				break; /* the candidate's edges end */
			assert_on_screen(in[0] == ' ' && in[1] == ' ' && (strncmp(in + strspn(in, " "), "border ", 7) == 0 ||
									  strncmp(in + strspn(in, " "), "corridor ", 9) == 0),
					 s, "%d columns: an edge row of the expanded candidate is not indented beneath it:\n%s",
					 widths[k], row);
			assert_on_screen(lines_with_whole(row, "", "loss") > 0 && lines_with_whole(row, "", "cost") > 0 &&
						 lines_with_whole(row, "", "risk_est") > 0,
					 s, "%d columns: an edge row lacks its figures:\n%s", widths[k], row);
			edges++;
		}
		assert_on_screen(cand != NULL && edges >= 2, s, "%d columns: %d edge rows under the expanded candidate",
				 widths[k], edges);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* The why view of w's first Routes decision, its first candidate
 * expanded, from 80 to 100 columns: each edge row shows its four
 * figures and its second node's start, and when whole_ids its id whole. */
static void check_edge_rows(struct smug_world *w, bool whole_ids)
{
	const struct smug_explanation *x;
	struct tui_app a;
	int di;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	tui_handle_key(&a, KEY_HOME);
	tui_handle_key(&a, '\r'); /* the first candidate expanded */
	x = view_why_explanation(&a, &di);
	ck_assert_ptr_nonnull(x);
	for (int cols = 80; cols <= 100; cols++) {
		char *s = why_on_canvas(&a, 24, cols), row[1024], first[8];
		const char *line = s;
		int e = 0;

		/* the candidate's row, then its edges' rows in order */
		for (; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
			if (strncmp(line_at(s, line, row, sizeof row), "\xe2\x94\x82-1 ", 6) == 0)
				break;
		ck_assert_msg(line && *line, "%d columns: no row for the expanded candidate:\n%s", cols, s);
		snprintf(first, sizeof first, "%.4s", w->nodes[x->cand[0].nodes[0]].id + a.node_prefix);
		assert_on_screen(strstr(row, first) != NULL, s, "%d columns: the candidate's route lost its first node %s:\n%s",
				 cols, first, row);
		for (line = strchr(line, '\n'); line && line[1] && e + 1 < x->cand[0].n_nodes; e++) {
			const struct smug_explain_edge *g = &x->cand[0].edges[e];
			char want[4][48];

			line_at(s, ++line, row, sizeof row);
			if (strstr(row, "cost_est") == NULL)
				break; /* below the screen */
			fmt_money(want[0] + 5, sizeof want[0] - 5, (int64_t)(g->expected_loss + 0.5), 10);
			memcpy(want[0], "loss ", 5);
			fmt_money(want[1] + 5, sizeof want[1] - 5, (int64_t)(g->expected_cost + 0.5), 10);
			memcpy(want[1], "cost ", 5);
			snprintf(want[2], sizeof want[2], "risk_est %.3f", g->risk_est);
			snprintf(want[3], sizeof want[3], "cost_est %.3f", g->cost_est);
			for (int k = 0; k < 4; k++)
				assert_on_screen(lines_with_whole(row, "", want[k]) > 0, s,
						 "%d columns: edge %d of the expanded candidate does not show '%s':\n%s", cols,
						 e, want[k], row);
			snprintf(first, sizeof first, "%.4s", w->nodes[w->corridors[g->corridor].b].id + a.node_prefix);
			assert_on_screen(strstr(row, first) != NULL, s, "%d columns: edge %d does not name its node %s:\n%s",
					 cols, e, first, row);
			tui_short_corridor(&a, g->corridor, want[0], sizeof want[0]);
			assert_on_screen(!whole_ids || lines_with_whole(row, "", want[0]) > 0, s,
					 "%d columns: edge %d does not show its id %s whole:\n%s", cols, e, want[0], row);
			line = strchr(line, '\n');
		}
		assert_on_screen(e >= 2, s, "%d columns: %d edge rows of the expanded candidate read", cols, e);
		free(s);
	}
	close_app(&a, w);
}

/* With node ids like 'n:24.0-checkpoint' the why view's routes leave out
 * the end every node id shares when the whole ids do not fit, so routes
 * that part in their middle read apart: at 120x40 the winner and the
 * runner-up both read '24.0-checkpoint>10.1-checkpoint>10.0-checkpoint>
 * 02.2-checkpoint>02.0-checkpoint>…>33.0-checkpoint' and all 16
 * candidates shown '24.0-checkpoint>10.1-checkpoint>…>33.0-checkpoint';
 * now '24.0…>10.1…>10.0…>02.2…>02.0…>01.0…>06.0…>06.1…>…' and
 * '…>06.0…>05.0…>…', the candidates each their own. */
START_TEST(test_tui_why_long_routes_read_apart)
{
	struct smug_world *w = long_ids_at("n:", "-checkpoint", 60);
	struct tui_app a;
	char *screen, win[512], run[512], routes[64][256];
	int n = 0, distinct = 0;

	tui_app_init(&a, w, &opts);
	feed(&a, "2\r");
	ck_assert_int_eq(a.view, VIEW_WHY);
	screen = render(&a, 40, 120);
	assert_on_screen(line_with(screen, "winner:    ", win, sizeof win) != NULL &&
				 line_with(screen, "runner-up: ", run, sizeof run) != NULL,
			 screen, "no winner and runner-up routes at 120x40");
	{
		const char *wr = strstr(win, ":") + 1, *rr = strstr(run, ":") + 1;

		wr += strspn(wr, " ");
		rr += strspn(rr, " ");
		assert_on_screen(strcmp(wr, rr) != 0, screen, "the winner's and the runner-up's routes read alike: '%s'", wr);
	}
	/* the candidates' routes: each row's last word */
	for (const char *line = screen; *line && n < 64;) {
		const char *end = strchr(line, '\n'), *p;
		char row[1024];

		snprintf(row, sizeof row, "%.*s", (int)(end ? end - line : (long)strlen(line)), line);
		p = row + strlen("\xe2\x94\x82");
		if (strncmp(row, "\xe2\x94\x82", 3) == 0 && *p == '+') {
			char *last, *q = row + strlen(row);

			while (q > row && (q[-1] == ' ' || (unsigned char)q[-1] >= 0x80))
				q--; /* the frame and the blanks before it */
			*q = '\0';
			last = strrchr(row, ' ');
			ck_assert_ptr_nonnull(last);
			snprintf(routes[n], sizeof routes[n], "%s", last + 1);
			distinct++;
			for (int k = 0; k < n; k++)
				if (strcmp(routes[k], routes[n]) == 0) {
					distinct--;
					break;
				}
			n++;
		}
		line = end ? end + 1 : line + strlen(line);
	}
	ck_assert_int_ge(n, 10);
	assert_on_screen(distinct > n / 2, screen, "%d candidates shown, %d routes that read apart", n, distinct);
	free(screen);
	close_app(&a, w);
}
END_TEST

/* With node ids too long for an edge row's shortest wording at 80 to
 * 100 columns ("border 10.1-checkpoint|24.0-checkpoint loss ..."), the
 * ids are shortened ("10.1…|24.0…": the end every node id shares left
 * out) and every figure of the edge stays: the rows showed "border
 * 10.1-checkpoint|24.0-checkpoint,… cost_est 0.031" (loss, cost and
 * risk_est left out, 20 columns blank at 100). The candidate's route
 * keeps its first node's start ("33.0…>…>22.0…", the end every node id
 * shares left out), not ">…>22.0-checkpoint". */
START_TEST(test_tui_why_edge_rows_with_long_ids_keep_their_figures)
{
	check_edge_rows(long_ids_at("n:", "-checkpoint", 60), false);
}
END_TEST

/* Node ids of six characters that share no end ("2353.0", as in a
 * generated world of 3,600 wards) read whole in an expanded candidate's
 * edge rows, with every figure, at 80 columns: the estimates' source
 * ("learned") gives way first; the ids were cut to "23….0|23…0". */
START_TEST(test_tui_why_edge_rows_keep_short_ids_whole)
{
	check_edge_rows(long_ids_at("n:", "00", 60), true);
}
END_TEST

/* A cockpit on w that forked a what-if, cracked down there on the
 * busiest border, stepped 20 days and opened the compare view; the
 * comparison of the two into c. */
static void compare_after_crackdown(struct tui_app *a, struct smug_world *w, struct smug_comparison *c)
{
	const struct smug_world *base, *whatif;
	struct smug_error err;
	int b = test_busiest_border(w);

	tui_app_init(a, w, &opts);
	feed(a, "b");
	ck_assert_int_eq(smug_cmd_crackdown_set(a->w, a->w->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	for (int i = 0; i < 20; i++)
		feed(a, ".");
	feed(a, "bB");
	ck_assert_int_eq(a->view, VIEW_COMPARE);
	loop_pair(a, &base, &whatif);
	smug_compare(base, whatif, c);
}

/* With ids too long for the compare view's columns, a faction's id
 * ends in an ellipsis ("dustrunners-of…") and a border keeps both its
 * nodes, in their short forms ("11.1…|12.1…"), the figures after them in their
 * columns under their heads: the faction read "dustrunners-of-t" and
 * the border "n:11.1-checkpoint|n:12.1-c", both cut without a mark, the
 * second node lost. At 80 and 120 columns. */
START_TEST(test_tui_compare_long_ids_keep_the_columns)
{
	static const int screens[][2] = {{24, 80}, {40, 120}};
	struct smug_world *w = long_ids_world(long_node_and_faction_ids, 5, 30);
	struct smug_comparison *c = tui_xcalloc(1, sizeof *c);
	struct tui_app a;

	compare_after_crackdown(&a, w, c);
	ck_assert_int_gt(c->n_borders, 0);
	for (size_t z = 0; z < sizeof screens / sizeof screens[0]; z++) {
		char *screen = render(&a, screens[z][0], screens[z][1]), line[1024], head[1024], want[64];
		const char *at;
		int traffic;

		for (int i = 0; i < c->n_factions; i++) {
			const char *id = c->factions[i].id;

			/* the faction's row: its id's start, then whole or with an ellipsis */
			snprintf(want, sizeof want, "\xe2\x94\x82 %.11s", id);
			at = strstr(screen, want);
			assert_on_screen(at != NULL, screen, "%dx%d: no row for %s", screens[z][1], screens[z][0], id);
			line_at(screen, at, line, sizeof line);
			assert_on_screen(strstr(line, id) != NULL || strstr(line, "\xe2\x80\xa6") != NULL, screen,
					 "%dx%d: %s cut without a mark:\n%s", screens[z][1], screens[z][0], id, line);
		}
		/* the first border's row: both nodes' starts, and its traffic under the head */
		at = strstr(screen, "border");
		ck_assert_ptr_nonnull(at);
		line_at(screen, at, head, sizeof head);
		snprintf(want, sizeof want, " %.4s", c->borders[0].id + a.node_prefix);
		at = strstr(strstr(screen, "border"), want);
		assert_on_screen(at != NULL, screen, "%dx%d: no row for border %s", screens[z][1], screens[z][0],
				 c->borders[0].id);
		line_at(screen, at, line, sizeof line);
		snprintf(want, sizeof want, "|%.4s", strchr(c->borders[0].id, '|') + 1 + a.node_prefix);
		assert_on_screen(strstr(line, want) != NULL, screen, "%dx%d: border %s without its second node:\n%s",
				 screens[z][1], screens[z][0], c->borders[0].id, line);
		/* the traffic figure ends in the column its head "traffic" ends */
		snprintf(want, sizeof want, "%.*straffic", (int)(strstr(head, "traffic") - head), head);
		traffic = text_cols(want);
		snprintf(want, sizeof want, " %lld ", (long long)c->borders[0].traffic[0]);
		at = strstr(line, want);
		if (at != NULL) {
			char upto[1024];

			snprintf(upto, sizeof upto, "%.*s", (int)(at - line) + (int)strlen(want) - 1, line);
			at = text_cols(upto) == traffic ? at : NULL;
		}
		assert_on_screen(at != NULL, screen,
				 "%dx%d: border %s's traffic %lld not under its head:\n%s\n%s", screens[z][1],
				 screens[z][0], c->borders[0].id, (long long)c->borders[0].traffic[0], head, line);
		free(screen);
	}
	smug_comparison_done(c);
	free(c);
	close_app(&a, w);
}
END_TEST

/* The compare view gives each changed route's why a row of its own, so
 * at 80 columns its first edge reads whole ("why: n:24.0|n:24.1
 * risk_est 0.003 (other 0.002)"), and the route above it keeps its
 * destination (the why was cut off the route's row: "why: n:24.0|n:…"). */
START_TEST(test_tui_compare_why_has_its_own_row_at_80)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	struct smug_comparison *c = tui_xcalloc(1, sizeof *c);
	int whys = 0;
	char *screen;

	compare_after_crackdown(&a, w, c);
	ck_assert_int_gt(c->n_routes, 0);
	screen = render(&a, 24, 80);
	for (int s = 0; s < 2; s++) {
		const struct smug_cmp_route *r = &c->routes[0];
		char first[256], want[300], *last = strrchr(r->route[s], '>');

		if (r->route[s][0])
			assert_on_screen(last && lines_with_whole(screen, s ? "what-if " : "base ", last + 1) > 0, screen,
					 "80x24: the %s route %s shown without its destination", s ? "what-if" : "base",
					 r->route[s]);
		if (r->why[s][0] == '\0')
			continue;
		snprintf(first, sizeof first, "%.*s", (int)strcspn(r->why[s], ","), r->why[s]);
		snprintf(want, sizeof want, "why: %s", first);
		assert_on_screen(strstr(screen, want) != NULL, screen, "80x24: the %s route's why does not read '%s'",
				 s ? "what-if" : "base", want);
		whys++;
	}
	ck_assert_int_gt(whys, 0);
	free(screen);
	smug_comparison_done(c);
	free(c);
	smug_world_free(a.w);
	tui_app_done(&a);
}
END_TEST

/* Keys typed while a long step runs act after it, in the order typed,
 * the first TUI_TYPEAHEAD of them (the terminal's busy hook keeps them
 * with tui_typeahead_push, as this one does; the loop takes them with
 * tui_typeahead_next): 70 steps of a day typed during a step of 200
 * days leave the world at day 264, and once the 64 kept have acted the
 * footer says that 6 were dropped (they went unsaid). A Ctrl-C typed
 * past the bound is kept, in the last key's place. */
static int typed_at_busy;	/* '.' keys the next busy call types */
static bool typed_ctrl_c;	/* and the last of them a Ctrl-C */

static bool busy_typing(struct tui_app *a, int done, int total)
{
	(void)done;
	(void)total;
	for (; typed_at_busy > 0; typed_at_busy--)
		tui_typeahead_push(a, typed_at_busy == 1 && typed_ctrl_c ? 3 : '.');
	return true;
}

START_TEST(test_tui_keys_typed_past_the_bound_are_said_dropped)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *screen;
	int key, n = 0;

	a.busy = busy_typing;
	typed_at_busy = 70;
	typed_ctrl_c = false;
	feed(&a, "n");
	feed(&a, "200\n");
	ck_assert_int_eq(a.w->day, 200);
	while (tui_typeahead_next(&a, &key)) { /* as the terminal's loop does */
		ck_assert_int_eq(key, '.');
		tui_handle_key(&a, key);
		n++;
	}
	ck_assert_int_eq(n, TUI_TYPEAHEAD);
	ck_assert_int_eq(a.w->day, 200 + TUI_TYPEAHEAD);
	screen = render(&a, 24, 80);
	assert_on_screen(strstr(footer_row(screen), "6 keys typed while the cockpit was busy were dropped") != NULL, screen,
			 "the footer does not say 6 keys were dropped: '%s'", footer_row(screen));
	free(screen);
	/* said once: the next key clears it */
	feed(&a, ".");
	ck_assert(!tui_typeahead_next(&a, &key));
	screen = render(&a, 24, 80);
	ck_assert_ptr_null(strstr(screen, "were dropped"));
	free(screen);
	/* a Ctrl-C past the bound is kept, last, and nothing else */
	typed_at_busy = 66;
	typed_ctrl_c = true;
	feed(&a, "n");
	feed(&a, "200\n");
	for (n = 0; tui_typeahead_next(&a, &key); n++)
		ck_assert_int_eq(key, n == TUI_TYPEAHEAD - 1 ? 3 : '.');
	ck_assert_int_eq(n, TUI_TYPEAHEAD);
	ck_assert_str_eq(a.status, "2 keys typed while the cockpit was busy were dropped: it keeps 64 to act after");
	close_app(&a, w);
}
END_TEST

/* The Ctrl-C kept past the bound asks to quit (the step left changes
 * unsaved) once the keys before it have acted: the question holds the
 * footer, and once it is answered "stay" the footer says how many keys
 * were dropped (before, it was said under the question and "quit
 * cancelled" took its place: the count went unseen). */
START_TEST(test_tui_keys_dropped_are_said_after_the_quit_question)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *screen;
	int key, n = 0;

	a.busy = busy_typing;
	typed_at_busy = 66;
	typed_ctrl_c = true;
	feed(&a, "n");
	feed(&a, "200\n");
	while (tui_typeahead_next(&a, &key)) { /* as the terminal's loop does */
		tui_handle_key(&a, key);
		n++;
	}
	ck_assert_int_eq(n, TUI_TYPEAHEAD);
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	screen = render(&a, 24, 80);
	assert_on_screen(strstr(footer_row(screen), "Quit anyway?") != NULL, screen, "no quit question: '%s'",
			 footer_row(screen));
	free(screen);
	ck_assert(tui_handle_key(&a, 'n')); /* stay */
	ck_assert(!tui_typeahead_next(&a, &key));
	screen = render(&a, 24, 80);
	assert_on_screen(strstr(footer_row(screen), "2 keys typed while the cockpit was busy were dropped") != NULL,
			 screen, "the footer does not say 2 keys were dropped: '%s'", footer_row(screen));
	free(screen);
	close_app(&a, w);
}
END_TEST

/* The why view's margin bar, on the margin line from `at` on: after the
 * text and a space it runs to the view's right edge, where the view's
 * frame is, and it is the bar tui_margin_bar draws for the decision at
 * that width, as the Routes pane's is (which cells it fills for which
 * shares is test_tui_margin_bar_fills_the_winners_share's, with stated
 * shares). */
static void assert_why_margin_bar(const struct tui_app *a, const char *at, const struct smug_decision *d,
				  const struct smug_explanation *x, int *bars)
{
	const struct tui_glyphs *g = a->th.g;
	const char *glyph[] = {g->bar_full, g->bar_empty, g->mark}, *p = strstr(at, ": "), *eol = strchr(at, '\n');
	const char *bar;
	char want[1024];
	int cells = 0;

	if (d->value <= 0)
		return;
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(eol);
	for (bar = p += 2; p < eol; cells++) {
		int k = 0;

		while (k < 3 && strncmp(p, glyph[k], strlen(glyph[k])) != 0)
			k++;
		if (k == 3)
			break;
		p += strlen(glyph[k]);
	}
	ck_assert_msg(cells >= 4, "the margin line '%.*s' has no bar", (int)(eol - at), at);
	ck_assert_msg(p == eol || (eol - p == 3 && strncmp(p, "\xe2\x94\x82", 3) == 0),
		      "the margin bar of '%.*s' stops %d bytes before the view's frame", (int)(eol - at), at,
		      (int)(eol - p));
	margin_bar_want(a, d, x, cells, want, sizeof want);
	ck_assert_msg((size_t)(p - bar) == strlen(want) && strncmp(bar, want, strlen(want)) == 0,
		      "the why view's margin bar of %d cells is '%.*s', tui_margin_bar draws '%s' (winner #%d, "
		      "runner-up #%d, cargo %lld)",
		      cells, (int)(p - bar), bar, want, d->winner + 1, d->runner + 1, (long long)d->value);
	(*bars)++;
}

/* The why view of a decision that had no candidate route (skipped before
 * the routes were weighed: no demand, no buyers, no source) says "no
 * candidate route" under the decision's line and compares no routes; a
 * decision with a winner does not say it. Every route of every faction
 * on day 110. */
START_TEST(test_tui_why_says_when_there_was_no_candidate_route)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 110);
	int without = 0, with = 0;

	tui_handle_key(&a, '2');
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < pane_routes_rows(&a); r++) {
			const struct smug_decision *d;
			char *s;
			bool says, compares;

			a.route_sel = r;
			d = &w->decisions[pane_routes_decision(&a)];
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			s = render(&a, 48, 160);
			says = strstr(s, "no candidate route") != NULL;
			compares = strstr(s, "WINNER") != NULL;
			ck_assert_msg(says == (d->winner < 0) && compares == (d->winner >= 0),
				      "%s's decision %d (winner %d, '%s'): the why view %s 'no candidate route' and %s the "
				      "routes",
				      w->factions[f].id, r, d->winner, d->skipped, says ? "says" : "does not say",
				      compares ? "compares" : "does not compare");
			free(s);
			without += d->winner < 0;
			with += d->winner >= 0;
			tui_handle_key(&a, 27);
			ck_assert_int_eq(a.view, VIEW_MAIN);
		}
	}
	ck_assert_msg(without > 0 && with > 0, "day 110: %d decisions without a candidate route, %d with", without, with);
	close_app(&a, w);
}
END_TEST

/* The why view's "margin N cr; cargo ..." line weighs the winner against
 * another route: the runner-up, N its score less the winner's; under a
 * what-if (x), the decision's own winner against the new one. It is not
 * there when there is nothing to weigh: a decision without a runner-up,
 * or a what-if whose winner stays. For every route of every faction on
 * day 110 (where one what-if keeps its winner), with its what-if and
 * without. */
START_TEST(test_tui_why_margin_weighs_two_routes)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 110);
	struct smug_explanation *ex = malloc(sizeof *ex);
	int shown = 0, hidden = 0, bars = 0;

	ck_assert_ptr_nonnull(ex);
	tui_handle_key(&a, '2');
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < pane_routes_rows(&a); r++) {
			int di;
			const struct smug_decision *d;

			a.route_sel = r;
			di = pane_routes_decision(&a);
			d = &w->decisions[di];
			if (d->winner < 0)
				continue; /* "no candidate route": nothing to weigh either way */
			ck_assert_int_eq(smug_explain_decision(w, di, ex), SMUG_OK);
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			for (int pass = 0; pass < 2; pass++) {
				const struct smug_explanation *x = ex;
				int win = d->winner, run = d->runner;
				char m[40], want[80];
				char *s;

				if (pass == 1) { /* the what-if, when the decision has one */
					tui_handle_key(&a, 'x');
					if (!a.whatif)
						break;
					x = &a.whatif_data->x;
					win = a.whatif_data->winner_after;
					run = d->winner;
				}
				s = render(&a, 48, 160);
				if (run >= 0 && run != win) {
					fmt_credits(m, sizeof m, (int64_t)(x->cand[run].score - x->cand[win].score + 0.5));
					snprintf(want, sizeof want, "margin %s cr; cargo ", m);
					ck_assert_msg(strstr(s, want) != NULL,
						      "%s, route %d%s: no '%s' (winner #%d, weighed against #%d)",
						      w->factions[f].id, r, pass ? " under its what-if" : "", want, win + 1,
						      run + 1);
					if (pass == 0)
						assert_why_margin_bar(&a, strstr(s, want), d, x, &bars);
					shown++;
				} else {
					ck_assert_msg(strstr(s, " cr; cargo ") == NULL,
						      "%s, route %d%s: a margin line with nothing to weigh (winner #%d, "
						      "the other #%d)",
						      w->factions[f].id, r, pass ? " under its what-if" : "", win + 1, run + 1);
					hidden++;
				}
				free(s);
			}
			tui_handle_key(&a, 27);
			ck_assert_int_eq(a.view, VIEW_MAIN);
		}
	}
	ck_assert_int_gt(shown, 10);
	ck_assert_int_gt(hidden, 0);
	ck_assert_int_ge(bars, 10); /* day 110: ten decisions with a runner-up and a cargo */
	free(ex);
	close_app(&a, w);
}
END_TEST

/* The what-if names the border its crackdown is on, by the id the Borders
 * table and the map show. */
START_TEST(test_tui_whatif_names_its_border)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	char id[64], want[128];

	why_with_whatif(&a);
	tui_short_corridor(&a, a.whatif_data->corridor, id, sizeof id);
	snprintf(want, sizeof want, "a crackdown on %s takes", id);
	ck_assert_msg(screen_has(&a, want), "the what-if on border %s does not read '%s'",
		      w->corridors[a.whatif_data->corridor].id, want);
	close_app(&a, w);
}
END_TEST

/* On a small screen the why view's list scrolls to keep the selected
 * candidate in sight: End shows the last candidate lit, Home the first,
 * PageDown the tenth. */
START_TEST(test_tui_why_list_scrolls_to_the_selection)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_decision *d;

	tui_handle_key(&a, '2');
	d = routes_select(&a, w, twenty_candidates);
	ck_assert_msg(d != NULL, "no decision of day 60 has 20 candidates");
	tui_handle_key(&a, '\r');
	tui_handle_key(&a, KEY_END);
	ck_assert_msg(why_lit_on(&a, 24, 80) == d->n_cand, "End at 24x80: #%d lit in sight, want the last, #%d",
		      why_lit_on(&a, 24, 80), d->n_cand);
	tui_handle_key(&a, KEY_HOME);
	ck_assert_msg(why_lit_on(&a, 24, 80) == 1, "Home at 24x80: #%d lit in sight, want #1", why_lit_on(&a, 24, 80));
	tui_handle_key(&a, KEY_NPAGE);
	ck_assert_msg(why_lit_on(&a, 24, 80) == 11, "PageDown at 24x80: #%d lit in sight, want #11",
		      why_lit_on(&a, 24, 80));
	close_app(&a, w);
}
END_TEST

static bool to_the_first_ward(const struct smug_decision *d) { return d->dst_ward == 0; }

/* The why view's title names a decision's wards by their short names,
 * the world's first ward (index 0) too: a decision that ships to it
 * (East in tests/data/two-way.json; the default world's first ward is
 * never a demand ward). */
START_TEST(test_tui_why_title_names_the_first_ward)
{
	struct tui_app a;
	struct smug_world *w = test_load_file(SRCDIR "/tests/data/two-way.json");
	const struct smug_decision *d = NULL;
	char want[160], *s, *title;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '2');
	for (int day = 0; day <= 60 && d == NULL; day++) {
		draw(&a, 48, 160);
		d = routes_select(&a, w, to_the_first_ward);
		if (d == NULL) {
			smug_cmd_step(w, 1);
			tui_handle_key(&a, KEY_HOME);
		}
	}
	ck_assert_msg(d != NULL, "no decision of the two-way world's first 60 days ships to %s", tui_short_ward(&a, 0));
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	s = render(&a, 48, 160);
	snprintf(want, sizeof want, "%s > %s, day %d", d->src_ward >= 0 ? tui_short_ward(&a, d->src_ward) : "-",
		 tui_short_ward(&a, 0), d->day);
	title = strstr(s, "Why: ");
	ck_assert_msg(title != NULL && strstr(s, want) != NULL,
		      "the why view of a decision shipping to the first ward does not read '%s': '%.*s'", want,
		      title ? (int)strcspn(title, "]\n") : 0, title ? title : "");
	free(s);
	close_app(&a, w);
}
END_TEST

/* Down on the why view's last candidate keeps it selected (lit), as Up
 * on the first keeps the first: the selection never leaves the list nor
 * jumps back to the winner. */
START_TEST(test_tui_why_selection_stops_at_the_ends)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_decision *d;

	tui_handle_key(&a, '2');
	d = routes_select(&a, w, winner_inside);
	ck_assert_msg(d != NULL, "no decision of day 60 has its winner between its first and last candidates");
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	tui_handle_key(&a, KEY_END);
	ck_assert_int_eq(why_lit_candidate(&a), d->n_cand);
	tui_handle_key(&a, KEY_DOWN);
	ck_assert_msg(why_lit_candidate(&a) == d->n_cand, "Down on the last candidate #%d lit #%d (the winner is #%d)",
		      d->n_cand, why_lit_candidate(&a), d->winner + 1);
	tui_handle_key(&a, KEY_HOME);
	tui_handle_key(&a, KEY_UP);
	ck_assert_msg(why_lit_candidate(&a) == 1, "Up on the first candidate lit #%d (the winner is #%d)",
		      why_lit_candidate(&a), d->winner + 1);
	close_app(&a, w);
}
END_TEST

/* The why view's comparison of the winner and the runner-up reads each
 * term of both and their difference, runner-up less winner, signed ("+"
 * for zero or more, "-" below), for every route of the day's Routes
 * pane: the figures the explanation holds; and below them what would
 * flip the decision (or that nothing single does). Its title names the
 * faction, the commodity, the two wards and the day. */
START_TEST(test_tui_why_compares_winner_and_runner_up_term_by_term)
{
	static const char *const names[] = {"score", "expected loss", "expected cost", "travel term"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int plus = 0, minus = 0, rows, compared = 0;

	tui_handle_key(&a, '2');
	draw(&a, 48, 160);
	rows = pane_routes_rows(&a);
	ck_assert_int_ge(rows, 3);
	for (int r = 0; r < rows; r++) {
		const struct smug_explanation *x;
		const struct smug_decision *d;
		char *s, line[512];
		int di;

		tui_handle_key(&a, '\r');
		ck_assert_int_eq(a.view, VIEW_WHY);
		x = view_why_explanation(&a, &di);
		ck_assert_ptr_nonnull(x);
		d = &w->decisions[di];
		s = render(&a, 48, 160);
		if (d->winner >= 0 && d->runner >= 0 && d->runner != d->winner) {
			const struct smug_explain_candidate *W = &x->cand[d->winner], *R = &x->cand[d->runner];
			const double wv[] = {W->score, W->expected_loss, W->expected_cost, W->travel_term};
			const double rv[] = {R->score, R->expected_loss, R->expected_cost, R->travel_term};
			char head[64];

			snprintf(head, sizeof head, "WINNER #%d", d->winner + 1);
			ck_assert_msg(strstr(s, head) != NULL, "route row %d: no '%s'", r, head);
			snprintf(head, sizeof head, "RUNNER-UP #%d", d->runner + 1);
			ck_assert_msg(strstr(s, head) != NULL, "route row %d: no '%s'", r, head);
			for (int i = 0; i < 4; i++) {
				char want[3][48], got[3][48];
				const char *at;

				fmt_money(want[0], sizeof want[0], (int64_t)(wv[i] + 0.5), 20);
				fmt_money(want[1], sizeof want[1], (int64_t)(rv[i] + 0.5), 20);
				fmt_money(want[2] + 1, sizeof want[2] - 1,
					  (int64_t)(rv[i] - wv[i] + (rv[i] >= wv[i] ? 0.5 : -0.5)), 19);
				want[2][0] = '+';
				snprintf(head, sizeof head, "\xe2\x94\x82%s ", names[i]);
				at = strstr(s, head);
				ck_assert_msg(at != NULL, "route row %d: no row '%s'", r, names[i]);
				line_with(at, names[i], line, sizeof line);
				ck_assert_msg(sscanf(at + strlen(head), "%47s %47s %47s", got[0], got[1], got[2]) == 3,
					      "route row %d: %s", r, line);
				ck_assert_msg(strcmp(got[0], want[0]) == 0 && strcmp(got[1], want[1]) == 0 &&
						      strcmp(got[2], rv[i] >= wv[i] ? want[2] : want[2] + 1) == 0,
					      "route row %d: '%s' reads %s %s %s, want %s %s %s", r, names[i], got[0], got[1],
					      got[2], want[0], want[1], rv[i] >= wv[i] ? want[2] : want[2] + 1);
				plus += rv[i] >= wv[i];
				minus += rv[i] < wv[i];
			}
			compared++;
		}
		snprintf(line, sizeof line, "Why: %s moves %s %s > %s, day %d", w->factions[d->faction].id,
			 tui_commodity_short((int)d->commodity), d->src_ward >= 0 ? tui_short_ward(&a, d->src_ward) : "-",
			 d->dst_ward >= 0 ? tui_short_ward(&a, d->dst_ward) : "-", d->day);
		ck_assert_msg(strstr(s, line) != NULL, "route row %d: the why view's title is not '%s'", r, line);
		ck_assert_msg(strstr(s, x->flip) != NULL, "route row %d: the why view does not read what flips it, '%s'", r,
			      x->flip);
		free(s);
		tui_handle_key(&a, 27);
		tui_handle_key(&a, KEY_DOWN);
		draw(&a, 48, 160);
	}
	ck_assert_int_ge(compared, 3);
	ck_assert_msg(plus > 0 && minus > 0, "%d differences of zero or more, %d below: pick another day", plus,
		      minus);
	close_app(&a, w);
}
END_TEST

/* The comparison shows the runner-up wherever it stands among the
 * candidates, the first one too: the first decision of the default world
 * (a Routes pane row, day by day, faction by faction) whose runner-up is
 * candidate #1 and whose winner is another opens a why view that heads
 * "RUNNER-UP #1" beside the winner and reads the difference column. */
START_TEST(test_tui_why_compares_a_runner_up_that_is_the_first_candidate)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int found = -1;

	for (int day = 1; day <= 120 && found < 0; day++) {
		for (int f = 0; f < w->n_factions && found < 0; f++) {
			a.faction = f;
			for (int r = 0; r < pane_routes_rows(&a) && found < 0; r++) {
				const struct smug_decision *d;

				a.route_sel = r;
				d = &w->decisions[pane_routes_decision(&a)];
				if (d->runner == 0 && d->winner > 0)
					found = pane_routes_decision(&a);
			}
		}
		if (found < 0)
			tui_handle_key(&a, '.');
	}
	ck_assert_msg(found >= 0, "no decision in 120 days whose runner-up is candidate #1");
	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	{
		int di = -1;
		char *s, head[64];

		ck_assert_ptr_nonnull(view_why_explanation(&a, &di));
		ck_assert_int_eq(di, found);
		s = render(&a, 48, 160);
		snprintf(head, sizeof head, "WINNER #%d", w->decisions[found].winner + 1);
		ck_assert_msg(strstr(s, head) != NULL, "day %d, decision %d: no '%s'", w->day, found, head);
		ck_assert_msg(strstr(s, "RUNNER-UP #1") != NULL && strstr(s, "difference") != NULL,
			      "day %d, decision %d (winner #%d): no 'RUNNER-UP #1' and difference column", w->day, found,
			      w->decisions[found].winner + 1);
		free(s);
	}
	close_app(&a, w);
}
END_TEST

/* Does hay contain word (its first n bytes), ignoring case. */
static bool has_word(const char *hay, const char *word, size_t n)
{
	for (size_t at = 0; hay[at]; at++) {
		size_t i = 0;

		while (i < n && hay[at + i] && tolower((unsigned char)hay[at + i]) == tolower((unsigned char)word[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

/* The event filter, as smugnet(1) says: every word must match the kind,
 * the faction, the border, the commodity or the text, case-insensitively,
 * anywhere in it; "kind:", "faction:", "border:" and "commodity:" name the
 * one field a word must match. */
static bool filter_should_match(const struct smug_world *w, const struct smug_event *e, const char *filter)
{
	static const char *const fields[] = {"kind:", "faction:", "border:", "commodity:"};
	char words[64], kind[24], *save = NULL;

	snprintf(words, sizeof words, "%s", filter);
	tui_event_kind_short(e, kind, sizeof kind);
	for (char *word = strtok_r(words, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		int only = -1;
		bool any = false;

		for (int f = 0; f < 4; f++)
			if (strncmp(word, fields[f], strlen(fields[f])) == 0) {
				only = f;
				word += strlen(fields[f]);
			}
		for (int f = 0; f < 5 && !any; f++) {
			size_t n = strlen(word);

			if (only >= 0 && f != only)
				continue;
			switch (f) {
			case 0:
				any = has_word(smug_event_kind_name(e->kind), word, n) || has_word(kind, word, n);
				break;
			case 1: any = e->faction >= 0 && has_word(w->factions[e->faction].id, word, n); break;
			case 2: any = e->corridor >= 0 && has_word(w->corridors[e->corridor].id, word, n); break;
			case 3:
				any = e->commodity >= 0 &&
				      (has_word(smug_commodity_name((enum smug_commodity)e->commodity), word, n) ||
				       has_word(tui_commodity_short(e->commodity), word, n));
				break;
			default: any = has_word(event_text(w, e), word, n);
			}
		}
		if (!any)
			return false;
	}
	return true;
}

/* For filters of one letter, of words whose first letter differs from a
 * real word's, of upper and lower case, of two words and of named
 * fields, the Events pane lists exactly the events smugnet(1)'s rule
 * matches, oldest first. */
START_TEST(test_tui_event_filter_matches_each_documented_way)
{
	static const char *const filters[] = {
		"q",	     "Z",	      "xeized",		  "SEIZED",	   "seized",   "eized",
		"raiders",   "RAIDERS supplies", "kind:check faction:syndicate", "border:23.1", "commodity:narc",
		"kind:sent", "cleared",	      "after 2",		  "faction:supplies", "ward:23",  "xward:23",
	};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int all = w->tel.event_count, some_but_not_all = 0;

	tui_handle_key(&a, '5');
	for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++) {
		int want = 0, shown, k = 0;
		int64_t seq, prev = -1;

		tui_handle_key(&a, '/');
		feed(&a, filters[f]);
		tui_handle_key(&a, '\n');
		shown = pane_events_count(&a);
		for (int i = 0; i < all; i++) {
			const struct smug_event *e = smug_event_at(&w->tel, i);

			if (!filter_should_match(w, e, filters[f]))
				continue;
			want++;
			ck_assert_msg(k < shown, "filter '%s': lists %d events, want %d or more", filters[f], shown, want);
			ck_assert_msg(pane_events_at(&a, k++, &seq) == e,
				      "filter '%s': its event #%d is not the log's next match (%s: %s)", filters[f], k - 1,
				      smug_event_kind_name(e->kind), event_text(w, e));
			ck_assert_int_gt(seq, prev);
			prev = seq;
		}
		ck_assert_msg(shown == want, "filter '%s': lists %d events, want %d", filters[f], shown, want);
		some_but_not_all += want > 0 && want < all;
		tui_handle_key(&a, 27);
		ck_assert_int_eq(pane_events_count(&a), all);
	}
	ck_assert_int_ge(some_but_not_all, 10);
	close_app(&a, w);
}
END_TEST

/* In the Routes pane Up, Down, PgUp, PgDn, Home and End move the
 * selection one row, ten rows or to either end, never past the first or
 * the last row; the pane, at every height from 5 to 16 rows, highlights
 * one row, the selected one, scrolled only as far as it must be, and it
 * reads the selected decision (commodity and lane); on the main screen a
 * click on a row selects it. */
START_TEST(test_tui_routes_selection_moves_within_the_rows)
{
	static const struct {
		int key, step;
	} keys[] = {
		{KEY_DOWN, 1},	  {KEY_DOWN, 1}, {KEY_DOWN, 1},	    {KEY_UP, -1},   {KEY_END, 1000},  {KEY_DOWN, 1},
		{KEY_UP, -1},	  {KEY_PPAGE, -10}, {KEY_HOME, -1000}, {KEY_UP, -1}, {KEY_NPAGE, 10}, {KEY_NPAGE, 10},
		{KEY_PPAGE, -10}, {KEY_DOWN, 1}, {KEY_DOWN, 1},	    {KEY_DOWN, 1},  {KEY_DOWN, 1},    {KEY_DOWN, 1},
		{KEY_HOME, -1000},
	};
	enum { W = 60 };
	static char row[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 390);
	int n = 0, best = -1, sel = 0, scrolled = 0;
	char *s;

	for (int f = 0; f < w->n_factions; f++) { /* the faction with the most rows */
		a.faction = f;
		if (pane_routes_rows(&a) > n) {
			n = pane_routes_rows(&a);
			best = f;
		}
	}
	ck_assert_msg(n >= 9, "at most %d Routes rows: pick another day", n);
	a.faction = best;
	a.route_sel = 0;
	feed(&a, "2");
	for (size_t k = 0; k <= sizeof keys / sizeof keys[0]; k++) {
		const struct smug_decision *d;
		char lane[64];

		if (k > 0) {
			tui_handle_key(&a, keys[k - 1].key);
			sel += keys[k - 1].step;
			sel = sel < 0 ? 0 : sel >= n ? n - 1 : sel;
		}
		ck_assert_msg(a.route_sel == sel, "after key #%zu: row %d selected, want %d of %d", k, a.route_sel, sel, n);
		d = &w->decisions[pane_routes_decision(&a)];
		snprintf(lane, sizeof lane, "%s>%s", d->src_ward >= 0 ? tui_short_ward(&a, d->src_ward) : "-",
			 d->dst_ward >= 0 ? tui_short_ward(&a, d->dst_ward) : "-"); /* "-": no such ward */
		for (int h = 5; h <= 16; h++) {
			struct tui_grid *g = grid_new(h, W);
			struct canvas cv = {&a.th, NULL, g, 0, 0, h, W};
			int lit = -1, head = -1, body, top;
			char *text;

			pane_routes_draw(&a, &cv, true);
			s = grid_dump(g);
			screen_rows(s, row, h, W);
			for (int y = 1; y < h - 1; y++) {
				if (head < 0 && strstr(row[y], "src>dst") != NULL)
					head = y;
				if (grid_role(g, y, 1) != ROLE_SELECT)
					continue;
				ck_assert_msg(lit < 0, "%d rows: lines %d and %d both highlighted", h, lit, y);
				lit = y;
			}
			ck_assert_msg(head >= 0 && lit > head, "%d rows: no highlighted row under the header", h);
			body = h - 1 - (head + 1);
			top = sel - body + 1 > 0 ? sel - body + 1 : 0;
			scrolled += top > 0;
			ck_assert_msg(lit - (head + 1) == sel - top,
				      "%d rows: row %d of %d selected, the pane highlights its line %d (want %d: scrolled by %d)",
				      h, sel, n, lit - (head + 1), sel - top, top);
			text = row[lit];
			ck_assert_msg(strstr(text, tui_commodity_short((int)d->commodity)) != NULL && strstr(text, lane) != NULL,
				      "%d rows: the highlighted row '%s' is not %s %s", h, text,
				      tui_commodity_short((int)d->commodity), lane);
			free(s);
			grid_free(g);
		}
	}
	ck_assert_int_gt(scrolled, 20);
	/* on the main screen a click on each row selects it */
	s = render(&a, 48, 160);
	screen_rows(s, row, 48, 160);
	free(s);
	for (int y = 0, head = -1, rows = 0; y < 48; y++) {
		struct tui_rect r = a.pane_rect[PANE_ROUTES];

		if (head < 0 && y > r.y && strstr(row[y] + r.x, "src>dst") != NULL)
			head = y;
		if (head < 0 || y <= head || y - head > n)
			continue;
		ck_assert_int_lt(y, r.y + r.h - 1);
		tui_click(&a, y, r.x + 2);
		ck_assert_msg(a.route_sel == y - head - 1, "a click on the Routes pane's line %d selects row %d", y - head - 1,
			      a.route_sel);
		rows++;
		ck_assert_int_le(rows, n);
	}
	ck_assert_int_eq(a.route_sel, n - 1);
	close_app(&a, w);
}
END_TEST
/* In the Borders table Up, Down, PgUp, PgDn, Home and End move the
 * selection; the pane, at every height from 6 to 16 rows, highlights one
 * row, the selected border's, across the table's whole width (in the
 * selection's colour while focused, in the focus colour when not), and
 * it scrolls only as far as it must to show it: a selection below the
 * last row shown comes in at the bottom, one above the first at the top,
 * one already shown moves nothing. */
START_TEST(test_tui_borders_selection_moves_within_the_rows)
{
	static const int keys[] = {KEY_DOWN, KEY_DOWN,	KEY_DOWN, KEY_NPAGE, KEY_DOWN, KEY_DOWN, KEY_UP,
				   KEY_PPAGE, KEY_END,	KEY_UP,	  KEY_UP,    KEY_UP,   KEY_HOME, KEY_NPAGE,
				   KEY_NPAGE, KEY_DOWN, KEY_UP,	  KEY_UP,    KEY_UP,   KEY_UP,	 KEY_UP};
	enum { W = 80 };
	static char row[48][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int n, *rows = pane_borders_rows(&a, &n), scrolled = 0;

	ck_assert_msg(n >= 20, "%d borders with traffic: pick a later day", n);
	feed(&a, "3");
	for (int h = 6; h <= 16; h++) {
		int top = 0;

		tui_handle_key(&a, KEY_HOME);
		for (size_t k = 0; k <= sizeof keys / sizeof keys[0]; k++) {
			int sel = -1;
			char id[96];

			if (k > 0)
				tui_handle_key(&a, keys[k - 1]);
			for (int i = 0; i < n; i++)
				if (rows[i] == a.border)
					sel = i;
			ck_assert_msg(sel >= 0, "after key #%zu the selected border %d is not in the table", k, a.border);
			tui_short_corridor(&a, a.border, id, sizeof id);
			for (char *p = strchr(id, '|'); p; p = strchr(p, '|'))
				*p = '!'; /* as screen_rows reads it */
			for (int focused = 1; focused >= 0; focused--) {
				struct tui_grid *g = grid_new(h, W);
				struct canvas cv = {&a.th, NULL, g, 0, 0, h, W};
				enum tui_role lit_role = focused ? ROLE_SELECT : ROLE_FOCUS;
				int head = -1, lit = -1, body;
				char *s;

				pane_borders_draw(&a, &cv, focused);
				s = grid_dump(g);
				screen_rows(s, row, h, W);
				free(s);
				for (int y = 1; y < h - 1 && head < 0; y++)
					if (strstr(row[y], "border") != NULL)
						head = y; /* the row of the column heads */
				ck_assert_msg(head > 0, "%d rows: no column heads", h);
				body = h - 3 - head; /* the table's rows: under the heads, above the detail line */
				if (sel < top)
					top = sel;
				if (sel >= top + body)
					top = sel - body + 1;
				for (int y = head + 1; y < h - 2; y++) {
					if (grid_role(g, y, 1) != (int)lit_role)
						continue;
					ck_assert_msg(lit < 0, "%d rows: lines %d and %d both highlighted", h, lit, y);
					lit = y;
				}
				ck_assert_msg(lit - (head + 1) == sel - top,
					      "%d rows, after key #%zu: row %d of %d selected, the pane highlights its line %d "
					      "(want %d: scrolled by %d)",
					      h, k, sel, n, lit < 0 ? -1 : lit - (head + 1), sel - top, top);
				ck_assert_msg(strstr(row[lit], id) != NULL, "%d rows: the highlighted row '%s' is not %s", h,
					      row[lit], id);
				for (int x = 1; x < W - 1; x++)
					ck_assert_msg(grid_role(g, lit, x) == (int)lit_role,
						      "%d rows, %s: column %d of the highlighted row '%s' is drawn in role %d, "
						      "want %d",
						      h, focused ? "focused" : "not focused", x, row[lit], grid_role(g, lit, x),
						      lit_role);
				scrolled += top > 0;
				grid_free(g);
			}
		}
	}
	ck_assert_int_gt(scrolled, 40);
	free(rows);
	close_app(&a, w);
}
END_TEST

/* A day with no data (NAN) leaves a gap in a chart's line: nothing is
 * drawn over the gap, and the line resumes at the next day's own point,
 * with no stroke from the point before the gap; in braille dots and in
 * ASCII, one day a column. */
START_TEST(test_tui_chart_line_breaks_at_days_without_data)
{
	enum { N = 30, H = 10 };
	double v[N];
	int checked = 0;

	for (int i = 0; i < N; i++) /* days 1-10 at 0, 11-20 no data, 21-30 at 9 */
		v[i] = i < 10 ? 0 : i < 20 ? NAN : 9;
	for (int t = 0; t < 2; t++) {
		struct tui_app a;
		struct smug_world *w = world_at(0);
		struct tui_grid *g;
		struct chart_series series = {"v", v, ROLE_GOOD};
		struct chart_spec spec = {.title = "Gap", .n = N, .first_day = 1, .series = &series, .n_series = 1};
		int px, width;

		tui_app_init(&a, w, t ? &ascii_opts : &opts);
		/* y labels "9", "4.5", "0": three columns and the axis; then N columns and the air column */
		px = 4;
		width = px + N + 1;
		g = grid_new(H, width);
		{
			struct canvas cv = {&a.th, NULL, g, 0, 0, H, width};

			chart_draw(&cv, &spec);
		}
		ck_assert_msg(grid_role(g, 1, px - 1) == ROLE_DIM && grid_role(g, 1, px) != ROLE_DIM,
			      "%s: the plot does not start at column %d", t ? "ASCII" : "braille", px);
		for (int x = 0; x < N; x++) {
			int top = -1, bottom = -1;

			for (int y = 1; y <= H - 2; y++)
				if (grid_role(g, y, px + x) == ROLE_GOOD) {
					top = top < 0 ? y : top;
					bottom = y;
				}
			if (x >= 10 && x < 20)
				ck_assert_msg(top < 0, "%s: day %d has no data, drawn on rows %d-%d", t ? "ASCII" : "braille",
					      x + 1, top, bottom);
			else
				ck_assert_msg(top == bottom && top == (x < 10 ? H - 2 : 1),
					      "%s: day %d (value %g) drawn on rows %d-%d, want row %d only",
					      t ? "ASCII" : "braille", x + 1, v[x], top, bottom, x < 10 ? H - 2 : 1);
			checked++;
		}
		grid_free(g);
		close_app(&a, w);
	}
	ck_assert_int_eq(checked, 2 * N);
}
END_TEST

/* The Borders pane's 7d and all money columns are 9 wide, the today
 * ones 8: on a border whose cargo is worth 200,000 credits, the
 * all-time bribes and tariffs after 30 days (295,557.26 and 692,000.00)
 * read in full, to the cent, where an 8-wide column would round them to
 * whole credits. The pane alone, 230 columns wide (every column). */
START_TEST(test_tui_borders_all_time_money_reads_to_the_cent)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"rich\", \"name\": \"a rich border\", \"seed\": 5,"
		" \"ledger\": {\"treasury\": 100000, \"blackmarket\": 100000000},"
		" \"commodities\": {\"NARCOTICS\": {\"value_density\": 5000}},"
		" \"wards\": [{\"id\": \"ward:src\", \"name\": \"Source\", \"ring\": 2, \"pos\": [-5, 0],"
		"   \"signals\": {\"raider_influence\": 0.9, \"precursor_output\": 0.9, \"smuggling_tolerance\": 0.9}},"
		"  {\"id\": \"ward:dst\", \"name\": \"Market\", \"ring\": 2, \"pos\": [5, 0],"
		"   \"signals\": {\"smuggling_tolerance\": 0.9, \"corruption\": 0.9, \"shortage\": {\"medicine\": 0.9}}}],"
		" \"nodes\": [{\"id\": \"n:a\", \"ward\": \"ward:src\"}, {\"id\": \"n:b\", \"ward\": \"ward:dst\"}],"
		" \"corridors\": [{\"a\": \"n:a\", \"b\": \"n:b\"}],"
		" \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:src\","
		"   \"balance\": 1000000000, \"bribe_budget_fraction\": 0.05, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}],"
		" \"config\": {\"smuggling\": {\"enabled\": true}}}";
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	struct tui_grid *g = grid_new(12, 230);
	struct canvas cv;
	char bribes[32], tariffs[32], *s;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "rich.json", &w, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, 30);
	smug_money_format(w->border_stats[0].bribes, bribes, sizeof bribes);
	smug_money_format(w->border_stats[0].tariffs, tariffs, sizeof tariffs);
	ck_assert_msg(strlen(bribes) == 9 && strlen(tariffs) == 9, "all-time bribes %s and tariffs %s: want 9 characters",
		      bribes, tariffs);
	tui_app_init(&a, w, &opts);
	cv = (struct canvas){&a.th, NULL, g, 0, 0, 12, 230};
	pane_borders_draw(&a, &cv, true);
	s = grid_dump(g);
	ck_assert_msg(strstr(s, bribes) != NULL && strstr(s, tariffs) != NULL,
		      "the border's all-time bribes %s and tariffs %s do not read in full:\n%s", bribes, tariffs, s);
	free(s);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* Stepping the Borders pane's sort to another column (>) sorts by it
 * largest first, even after I turned the column before ascending: the
 * new column's head carries the descending mark and its first row holds
 * its largest value. */
START_TEST(test_tui_borders_sort_step_starts_descending)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const char *down = a.th.g->sort_down, *up = a.th.g->sort_up;
	int n, *rows, sort, m;
	int64_t v[2];
	char *s;

	tui_handle_key(&a, '3');
	ck_assert_int_eq(a.focus, PANE_BORDERS);
	tui_handle_key(&a, 'I'); /* the first sort column, ascending */
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(s, up) != NULL && strstr(s, down) == NULL, "I did not turn the sort ascending");
	free(s);
	tui_handle_key(&a, '>');
	sort = a.border_sort;
	ck_assert_msg(sort > 0 && sort <= 15, "> sorted by column %d, not a count or money", sort);
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(s, down) != NULL && strstr(s, up) == NULL,
		      "after I then >, the new sort column's head is not marked descending");
	free(s);
	rows = pane_borders_rows(&a, &n);
	ck_assert_int_gt(n, 1);
	m = (sort - 1) / WIN_COUNT;
	for (int i = 0; i < 2; i++) {
		struct smug_border_day d;

		tui_border_window(w, rows[i ? n - 1 : 0], (enum tui_window)((sort - 1) % WIN_COUNT), &d);
		v[i] = m == 0 ? d.traffic : m == 1 ? d.inspections : m == 2 ? d.seizures : m == 3 ? d.bribes : d.tariffs;
	}
	ck_assert_msg(v[0] > v[1], "sorted by column %d: the first row holds %lld, the last %lld", sort,
		      (long long)v[0], (long long)v[1]);
	free(rows);
	close_app(&a, w);
}
END_TEST

/* The Borders pane's 7d and all count columns are 6 wide, the today ones
 * 5: a border's all-time crossings and seizures of six digits (a long
 * run on a busy border) read in full on its row, never scaled to "235k".
 * The pane alone, 260 columns wide (every column). */
START_TEST(test_tui_borders_all_time_counts_read_six_digits)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int c = test_busiest_border(w);
	struct tui_grid *g = grid_new(24, 260);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 24, 260};
	char id[96], *s, *row;

	ck_assert_int_ge(c, 0);
	w->border_stats[c].traffic = 234567;
	w->border_stats[c].seizures = 100234;
	pane_borders_draw(&a, &cv, true);
	s = grid_dump(g);
	if (getenv("SMUGNET_SHOW"))
		fputs(s, stdout);
	tui_short_corridor(&a, c, id, sizeof id);
	row = strstr(s, id);
	ck_assert_msg(row != NULL, "no row for border %s", id);
	while (row > s && row[-1] != '\n') /* back to the row's start */
		row--;
	row[strcspn(row, "\n")] = '\0';
	ck_assert_msg(strstr(row, " 234567 ") != NULL && strstr(row, " 100234 ") != NULL,
		      "the border's all-time crossings 234567 and seizures 100234 do not read in full: '%s'", row);
	free(s);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* Every number of the Borders table reads the border's own counters for
 * its window: "today" the day's crossings, seizures and bribes, "7d" the
 * sums of the last 7 days, "all" the all-time totals (traffic,
 * inspections, seizures, bribes, tariffs), seiz% the last 7 days'
 * seizures per 100 crossings; on every row, with each window shown first
 * (t). */
START_TEST(test_tui_borders_numbers_read_each_window)
{
	enum { H = 48, W = 200 };
	static const char *const win_head[] = {"today", "7d", "all"};
	static char row[H][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int cells = 0, rows_seen = 0, told_apart = 0;

	feed(&a, "3");
	for (int k = 0, seen = 0; k < WIN_COUNT; k++) {
		struct tui_grid *g = grid_new(H, W);
		struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
		int first = (int)a.border_window;
		char *s;

		ck_assert_msg(!(seen & 1 << first), "t came back to %s first", win_head[first]);
		seen |= 1 << first;
		pane_borders_draw(&a, &cv, true);
		s = grid_dump(g);
		screen_rows(s, row, H, W);
		free(s);
		ck_assert_int_eq(a.n_border_vis, 1 + 5 * WIN_COUNT + 3); /* every column at this width */
		for (int y = 1; y < H - 2; y++) {
			int c = a.hit[PANE_BORDERS][y];
			struct smug_border_day week;
			const struct smug_border_stats *b;

			if (c < 0)
				continue;
			b = &w->border_stats[c];
			smug_border_window_sum(w, c, w->day - 6, w->day, &week);
			for (int i = 0; i < a.n_border_vis; i++) {
				int col = a.border_vis[i], m = (col - 1) / WIN_COUNT, win = (col - 1) % WIN_COUNT;
				int x = 1 + a.border_vis_x[i], width = a.border_vis_w[i];
				char cell[64], want[64];
				int64_t v = -1;

				snprintf(cell, sizeof cell, "%.*s", width, row[y] + x);
				for (char *p = cell + strlen(cell); p > cell && p[-1] == ' '; *--p = '\0')
					;
				memmove(cell, cell + strspn(cell, " "), strlen(cell + strspn(cell, " ")) + 1);
				if (col == 1 + 5 * WIN_COUNT) { /* seiz%: the last 7 days */
					ck_assert_msg(week.traffic > 0 || strcmp(cell, "-") == 0, "seiz%% '%s' with no traffic", cell);
					if (week.traffic > 0)
						ck_assert_msg(strspn(cell, "0123456789.") == strlen(cell) && cell[0] &&
								      fabs(atof(cell) - 100.0 * week.seizures / week.traffic) < 0.051,
							      "%s: seiz%% reads %s, 7 days: %d of %d seized", w->corridors[c].id,
							      cell, week.seizures, week.traffic);
					cells++;
					continue;
				}
				if (col < 1 || col > 5 * WIN_COUNT)
					continue;
				if (win == WIN_TODAY)
					v = m == 0 ? b->traffic_today : m == 2 ? b->seizures_today : m == 3 ? b->bribes_today : -1;
				else if (win == WIN_RECENT)
					v = m == 0 ? week.traffic
					    : m == 1 ? week.inspections
					    : m == 2 ? week.seizures
					    : m == 3 ? week.bribes
						     : week.tariffs;
				else
					v = m == 0 ? b->traffic : m == 1 ? b->inspections : m == 2 ? b->seizures : m == 3 ? b->bribes : b->tariffs;
				if (v < 0) /* today's inspections and tariffs: no separate counter to read */
					continue;
				if (m >= 3)
					fmt_money(want, sizeof want, v, width);
				else
					fmt_count(want, sizeof want, v, width);
				ck_assert_msg(strcmp(cell, want) == 0, "%s, %s first: the %s %s cell reads '%s', want '%s'",
					      w->corridors[c].id, win_head[first], (const char *[]){"traf", "insp", "seiz",
												      "bribes", "tariffs"}[m],
					      win_head[win], cell, want);
				cells++;
			}
			told_apart += b->traffic_today != week.traffic && week.traffic != b->traffic;
			rows_seen++;
		}
		grid_free(g);
		tui_handle_key(&a, 't');
	}
	ck_assert_int_gt(rows_seen, 3 * 10);
	ck_assert_int_gt(told_apart, 3 * 5);
	ck_assert_int_gt(cells, rows_seen * 10);
	close_app(&a, w);
}
END_TEST

/* The Borders pane's title reads whole at any width it fits in: "3
 * Borders: N with traffic, today first" where that fits beside the
 * frame's corners, else the short "3 Borders: N crossed, today first";
 * never a wording cut with an ellipsis. For each window (t). */
START_TEST(test_tui_borders_title_whole_at_any_width)
{
	static const char *const names[] = {"today", "7 days", "all time"}, *const heads[] = {"today", "7d", "all"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int n, longer = 0, shorter = 0;

	free(pane_borders_rows(&a, &n));
	for (int k = 0; k < WIN_COUNT; k++, feed(&a, "t")) {
		char full[120], brief[120];

		snprintf(full, sizeof full, "[3 Borders: %d with traffic, %s first]", n, names[a.border_window]);
		snprintf(brief, sizeof brief, "[3 Borders: %d crossed, %s first]", n, heads[a.border_window]);
		for (int width = text_cols(brief) + 4; width <= text_cols(full) + 8; width++) {
			struct tui_grid *g = grid_new(10, width);
			struct canvas cv = {&a.th, NULL, g, 0, 0, 10, width};
			char *s;

			pane_borders_draw(&a, &cv, true);
			s = grid_dump(g);
			*strchr(s, '\n') = '\0';
			if (strstr(s, full))
				longer++;
			else if (strstr(s, brief))
				shorter++;
			else
				ck_abort_msg("a Borders pane %d columns wide is titled '%s'", width, s);
			ck_assert_msg(strstr(s, full) || width < text_cols(full) + 4,
				      "a Borders pane %d columns wide has room for '%s' but is titled '%s'", width, full, s);
			free(s);
			grid_free(g);
		}
	}
	ck_assert_int_gt(longer, 0);
	ck_assert_int_gt(shorter, 0);
	close_app(&a, w);
}
END_TEST

/* c cracks down on the selected border and c again lifts it, whichever
 * border it is: the tiny world's first corridor (index 0) too; with no
 * border selected it says how to pick one. */
START_TEST(test_tui_c_toggles_a_crackdown_on_the_first_border_too)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	struct tui_app a;

	ck_assert(w->corridors[0].border);
	tui_app_init(&a, w, &opts);
	tui_select_border(&a, -1);
	tui_toggle_crackdown(&a);
	ck_assert_int_eq(w->n_crackdowns, 0);
	ck_assert_ptr_nonnull(strstr(a.status, "no border selected"));
	for (int c = 0; c < w->n_corridors; c++) {
		if (!w->corridors[c].border)
			continue;
		tui_select_border(&a, c);
		tui_toggle_crackdown(&a);
		ck_assert_msg(smug_world_crackdown_on(w, c) != NULL, "border %d (%s): no crackdown after c: '%s'", c,
			      w->corridors[c].id, a.status);
		tui_toggle_crackdown(&a);
		ck_assert_msg(smug_world_crackdown_on(w, c) == NULL, "border %d: the crackdown stays after c again", c);
	}
	close_app(&a, w);
}
END_TEST

/* The Borders pane's last line is the selected border's detail alone,
 * with more borders than rows: no table row shows after its text, and a
 * click on it or on the frame below keeps the selection. */
START_TEST(test_tui_borders_last_line_is_the_detail_alone)
{
	enum { H = 48, W = 200 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	struct tui_grid *g = grid_new(H, W);
	struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
	const struct smug_corridor *k;
	const struct tui_rect *r = &a.pane_rect[PANE_BORDERS];
	char want[400], *s, *line;
	int n, sel;

	free(pane_borders_rows(&a, &n));
	ck_assert_int_gt(n, H - 5); /* more borders than the pane has rows */
	feed(&a, "3");
	pane_borders_draw(&a, &cv, true);
	k = &w->corridors[a.border];
	ck_assert_ptr_null(smug_world_crackdown_on(w, a.border));
	snprintf(want, sizeof want, "\u2502%s: %s %s - %s %s", k->id, w->wards[w->nodes[k->a].ward].id,
		 w->wards[w->nodes[k->a].ward].name, w->wards[w->nodes[k->b].ward].id, w->wards[w->nodes[k->b].ward].name);
	s = grid_dump(g);
	line = s;
	for (int y = 0; y < H - 2; y++)
		line = strchr(line, '\n') + 1;
	*strchr(line, '\n') = '\0';
	ck_assert_msg(strncmp(line, want, strlen(want)) == 0 &&
			      strspn(line + strlen(want), " ") == strlen(line + strlen(want)) - strlen("\u2502"),
		      "the last line reads '%s', want '%s' alone", line, want);
	free(s);
	grid_free(g);
	draw(&a, H, 160);
	sel = a.border;
	tui_click(&a, r->y + r->h - 2, r->x + 3);
	ck_assert_msg(a.border == sel, "a click on the detail line selects %s", w->corridors[a.border].id);
	tui_click(&a, r->y + r->h - 1, r->x + 3);
	ck_assert_msg(a.border == sel, "a click on the bottom frame selects %s", w->corridors[a.border].id);
	close_app(&a, w);
}
END_TEST

/* A Borders pane grown one line at a time (a terminal dragged taller)
 * with the last border selected keeps that border in sight at every
 * height: its row is the lit one and reads its id. */
START_TEST(test_tui_borders_growing_keeps_the_last_border_in_sight)
{
	enum { W = 160 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int n;

	free(pane_borders_rows(&a, &n));
	ck_assert_int_gt(n, 10);
	feed(&a, "3");
	for (int h = 8; h <= n + 8; h++) {
		struct tui_grid *g = grid_new(h, W);
		struct canvas cv = {&a.th, NULL, g, 0, 0, h, W};
		char id[96], *s, *line;
		int lit = -1;

		pane_borders_draw(&a, &cv, true);
		if (h == 8) { /* the selection was made on the first frame: move it to the last border */
			tui_handle_key(&a, KEY_END);
			pane_borders_draw(&a, &cv, true);
		}
		tui_short_corridor(&a, a.border, id, sizeof id);
		for (int y = 1; y < h - 2; y++)
			if (grid_role(g, y, 1) == ROLE_SELECT)
				lit = y;
		s = grid_dump(g);
		if (lit < 0)
			fputs(s, stderr); /* Check's messages are too short for a screen */
		ck_assert_msg(lit > 0, "%d rows high: the selected last border %s is not shown", h, id);
		line = s;
		for (int y = 0; y < lit; y++)
			line = strchr(line, '\n') + 1;
		*strchr(line, '\n') = '\0';
		ck_assert_msg(strstr(line, id) != NULL, "%d rows high: the lit row is not %s: %s", h, id, line);
		free(s);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

#ifdef HAVE_MALLINFO2
/* A cockpit left open redraws its screen many times a second: frames of
 * the main screen (every pane, each focused) and of each full-screen view
 * give back all the memory they take; 300 frames of each leave the heap
 * where it was, within 64 KiB. */
START_TEST(test_tui_frames_give_their_memory_back)
{
	static const char *const views[] = {"", "1", "2", "3", "4", "5", "g", "v", "M", "?", "T", "2\n"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);

	for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
		struct tui_grid *g = grid_new(48, 160);
		struct canvas screen = {&a.th, NULL, g, 0, 0, 48, 160};
		size_t before;

		tui_handle_key(&a, 27);
		feed(&a, views[v]);
		tui_render(&a, &screen); /* the first frame may keep what later ones reuse */
		before = test_heap_in_use();
		for (int i = 0; i < 300; i++)
			tui_render(&a, &screen);
		ck_assert_msg(test_heap_in_use() < before + (64u << 10), "keys '%s': 300 frames keep %zu bytes more", views[v],
			      test_heap_in_use() - before);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* A cockpit closed with an event filter set gives back the filter's
 * index of matching events with everything else: 20 cockpits opened on
 * the same world, each filtering its events, leave the heap where it
 * was, within 64 KiB (each index takes at least 8 KiB). */
START_TEST(test_tui_closed_cockpits_give_their_event_filter_back)
{
	struct smug_world *w = world_at(30);
	size_t before = 0;

	for (int k = 0; k < 21; k++) {
		struct tui_app a;

		tui_app_init(&a, w, &opts);
		feed(&a, "5/DELIVERED\n");
		ck_assert_str_eq(a.filter, "DELIVERED");
		ck_assert_int_gt(pane_events_count(&a), 0);
		tui_app_done(&a);
		if (k == 0) /* the first may leave what the allocator keeps for later */
			before = test_heap_in_use();
	}
	ck_assert_msg(test_heap_in_use() < before + (64u << 10), "20 cockpits closed with a filter keep %zu bytes more",
		      test_heap_in_use() - before);
	smug_world_free(w);
}
END_TEST

/* A chart left open is redrawn many times a second: 1,000 frames of a
 * faction's chart and of a border's (90 days charted) give back all the
 * memory they take, within 64 KiB: a frame keeping as little as a byte
 * a charted day would keep 90 KB. */
START_TEST(test_tui_chart_frames_give_their_memory_back)
{
	static const struct {
		const char *keys, *what;
		bool border;
	} charts[] = {{"1g", "a faction's chart", false}, {"3g", "a border's chart", true}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 90);
	struct tui_grid *g = grid_new(48, 160);
	struct canvas screen = {&a.th, NULL, g, 0, 0, 48, 160};

	tui_select_border(&a, test_busiest_border(w));
	for (size_t k = 0; k < sizeof charts / sizeof charts[0]; k++) {
		size_t before;

		tui_handle_key(&a, 27);
		feed(&a, charts[k].keys);
		ck_assert_int_eq(a.view, VIEW_CHART);
		ck_assert_int_eq(a.chart_border, charts[k].border);
		tui_render(&a, &screen);
		before = test_heap_in_use();
		for (int i = 0; i < 1000; i++)
			tui_render(&a, &screen);
		ck_assert_msg(test_heap_in_use() < before + (64u << 10), "1000 frames of %s keep %zu bytes more",
			      charts[k].what, test_heap_in_use() - before);
	}
	grid_free(g);
	close_app(&a, w);
}
END_TEST
#endif

/* The byte offset of column k of UTF-8 text s. */
static size_t col_bytes(const char *s, int k)
{
	const char *p = s;

	for (int i = 0; i < k && *p; i++) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
	}
	return (size_t)(p - s);
}

/* canvas_fit at every width from 1 to 700 columns, of an ASCII text and
 * of one with multi-byte characters, both longer than any width: the
 * first characters that fit in width - 1 columns (never ending inside a
 * number, at most a number's few digits fewer), the ellipsis right after
 * them, blanks to the width, and nothing drawn outside it; a text that
 * fits shows whole, left- or right-aligned, padded with blanks; the
 * fits give back the memory they take. */
START_TEST(test_tui_fit_keeps_the_longest_prefix_at_any_width)
{
	enum { X = 5, NCOL = 720, WMAX = 700 };
	static char text[2][4096];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	const char *ell = a.th.g->ellipsis;
	static char want[8192];
#ifdef HAVE_MALLINFO2
	size_t before = test_heap_in_use();
#endif

	text[0][0] = text[1][0] = '\0';
	while (strlen(text[0]) < 1500)
		strcat(text[0], "n:12.1|n:13.0 seized 1234.56 cr, 17 of 3,000 crossings; ");
	while (strlen(text[1]) < 3000)
		strcat(text[1], "Ward ─ Dosadi \xc3\xa9t\xc3\xa9 99.5% │ ");
	for (int t = 0; t < 2; t++)
		for (int width = 1; width <= WMAX; width++)
			for (int right = 0; right < 2; right++) {
				struct tui_grid *g = grid_new(1, NCOL);
				struct canvas cv = {&a.th, NULL, g, 0, 0, 1, NCOL};
				const char *s = text[t];
				char *shown;
				int k, fits = width % 3 == 0; /* every third width: a prefix that fits */
				char prefix[4096];

				for (int x = 0; x < NCOL; x++)
					canvas_text(&cv, 0, x, ROLE_DIM, "#");
				if (fits) { /* width - 2 columns of the text */
					snprintf(prefix, sizeof prefix, "%.*s", (int)col_bytes(s, width > 2 ? width - 2 : 1), s);
					s = prefix;
				}
				ck_assert_int_eq(canvas_fit(&cv, 0, X, width, ROLE_NORMAL, s, right), width);
				shown = grid_dump(g);
				ck_assert_int_eq(grid_cut_numbers(g, NULL, 0), 0);
				for (k = width - 1; k >= 0 && k >= width - 9; k--) {
					int n = text_cols(s), pad;
					size_t at = 0;

					memset(want, '#', X);
					at = X;
					if (fits && n <= width) {
						pad = width - n;
						if (right) {
							memset(want + at, ' ', (size_t)pad);
							at += (size_t)pad;
						}
						at += (size_t)snprintf(want + at, sizeof want - at, "%s", s);
						if (!right) {
							memset(want + at, ' ', (size_t)pad);
							at += (size_t)pad;
						}
					} else {
						at += (size_t)snprintf(want + at, sizeof want - at, "%.*s%s", (int)col_bytes(s, k), s,
								       ell);
						memset(want + at, ' ', (size_t)(width - k - 1));
						at += (size_t)(width - k - 1);
					}
					memset(want + at, '#', (size_t)(NCOL - X - width));
					at += (size_t)(NCOL - X - width);
					snprintf(want + at, sizeof want - at, "\n");
					if (strcmp(shown, want) == 0 || (fits && n <= width))
						break;
				}
				ck_assert_msg(strcmp(shown, want) == 0, "text %d in %d columns (%s): reads '%.*s'", t, width,
					      right ? "right" : "left", (int)strcspn(shown, "\n") < 300 ? (int)strcspn(shown, "\n") : 300,
					      shown);
				free(shown);
				grid_free(g);
			}
#ifdef HAVE_MALLINFO2
	ck_assert_msg(test_heap_in_use() < before + (64u << 10), "2,800 fits keep %zu bytes more",
		      test_heap_in_use() - before);
#endif
	close_app(&a, w);
}
END_TEST

/* A sparkline shows the last values that fit its width, newest at the
 * right edge, each as one of eight levels: its share of the largest value
 * shown, rounded (0 the lowest, the largest the highest; a day without
 * data at the lowest); nothing left of its first value; for 1 to 30
 * values in 1 to 20 columns. */
START_TEST(test_tui_spark_levels_share_of_the_largest)
{
	enum { X = 3, NCOL = 30 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	const struct tui_glyphs *gl = a.th.g;
	double v[30];
	int checked = 0;

	for (int i = 0; i < 30; i++) /* rising and falling, a gap, a zero */
		v[i] = i == 17 ? NAN : i == 23 ? 0 : (double)((i * 37) % 50);
	for (int n = 1; n <= 30; n++)
		for (int width = 1; width <= 20; width++) {
			struct tui_grid *g = grid_new(1, NCOL);
			struct canvas cv = {&a.th, NULL, g, 0, 0, 1, NCOL};
			int shown = n < width ? n : width, from = n - shown;
			double hi = 0;
			char *text, want[512];
			size_t at = 0;

			chart_spark(&cv, 0, X, width, v, n, ROLE_GOOD);
			for (int i = from; i < n; i++)
				if (!isnan(v[i]) && v[i] > hi)
					hi = v[i];
			at += (size_t)snprintf(want, sizeof want, "%*s", X + width - shown, "");
			for (int i = from; i < n; i++) {
				int level = hi > 0 && !isnan(v[i]) ? (int)floor(v[i] / hi * 7 + 0.5) : 0;

				at += (size_t)snprintf(want + at, sizeof want - at, "%s", gl->spark[level]);
				checked++;
			}
			text = grid_dump(g);
			text[strcspn(text, "\n")] = '\0';
			ck_assert_msg(strcmp(text, want) == 0, "%d values in %d columns: '%s', want '%s'", n, width, text,
				      want);
			for (int x = 0; x < NCOL; x++)
				ck_assert_int_eq(grid_role(g, 0, x),
						 x >= X + width - shown && x < X + width ? ROLE_GOOD : ROLE_NORMAL);
			free(text);
			grid_free(g);
		}
	ck_assert_int_gt(checked, 1000);
	close_app(&a, w);
}
END_TEST

/* A table at every width from 8 to 160 columns: the columns shown keep
 * their order and a space apart and end before the last column (a space
 * at the right); a column is hidden only while one of a larger priority
 * is hidden too or none is left to drop (priority 0 always shows), the
 * last one hidden (the smallest priority) would not have fitted beside
 * the others (an exact fit shows it), and a
 * wider table hides none that a narrower one shows; the last shown name
 * column takes all the spare width, a name column before it at most 28;
 * name columns before the last share the spare width evenly (within a
 * column of each other unless one is at 28); what no name column takes
 * goes to the number columns, the same to each and at most 2 (a little
 * air), leaving less than one a number column: a number column widens
 * only once every name column before the last is at 28. */
START_TEST(test_tui_table_columns_fit_by_priority)
{
	static const struct tui_col sets[2][7] = {
		{{"name", NULL, 6, 0, false, true, 0, NULL},
		 {"a", "grp", 5, 3, true, false, 0, NULL},
		 {"b", "grp", 6, 1, true, false, 0, NULL},
		 {"c", NULL, 8, 5, true, false, 0, NULL},
		 {"d", NULL, 4, 2, true, false, 0, NULL},
		 {"e", NULL, 7, 4, true, false, 0, NULL},
		 {"note", NULL, 5, 6, false, true, 0, NULL}},
		{{"id", NULL, 4, 0, false, false, 0, NULL},
		 {"who", NULL, 6, 2, false, true, 0, NULL},
		 {"n", NULL, 5, 1, true, false, 0, NULL},
		 {"m", NULL, 9, 3, true, false, 0, NULL},
		 {"what", NULL, 8, 4, false, true, 0, NULL},
		 {"k", NULL, 3, 5, true, false, 0, NULL},
		 {"z", NULL, 6, 0, true, false, 0, NULL}},
	};
	int widened = 0;

	for (int s = 0; s < 2; s++) {
		bool prev_on[7] = {false};

		for (int width = 8; width <= 160; width++) {
			struct tui_table t;
			bool on[7] = {false};
			int end = 0, flex_last = -1;

			table_fit(&t, sets[s], 7, width);
			for (int i = 0; i < t.n_vis; i++) {
				on[t.vis[i]] = true;
				ck_assert_msg(i == 0 || (t.vis[i] > t.vis[i - 1] && t.x[i] == t.x[i - 1] + t.w[i - 1] + 1),
					      "set %d, %d columns: column %d at x %d out of order or not one space apart", s,
					      width, t.vis[i], t.x[i]);
				ck_assert_int_ge(t.w[i], sets[s][t.vis[i]].width);
				end = t.x[i] + t.w[i];
				flex_last = sets[s][t.vis[i]].flex ? i : flex_last;
				if (sets[s][t.vis[i]].flex && i != t.n_vis - 1 && t.w[i] > sets[s][t.vis[i]].width)
					ck_assert_msg(t.w[i] <= 28, "set %d, %d columns: name column %d is %d wide", s, width,
						      t.vis[i], t.w[i]);
			}
			ck_assert_msg(end <= width - 1 || t.n_vis == 2,
				      "set %d: %d columns shown end at %d, past %d", s, t.n_vis, end, width - 1);
			if (flex_last == t.n_vis - 1 && end < width - 1 && t.n_vis > 0)
				ck_assert_msg(0, "set %d, %d columns: the last name column leaves %d columns spare", s, width,
					      width - 1 - end);
			{
				int nums = 0, air = -1;

				for (int i = 0; i < t.n_vis; i++)
					if (sets[s][t.vis[i]].right) {
						int extra = t.w[i] - sets[s][t.vis[i]].width;

						ck_assert_msg(air < 0 || extra == air, "set %d, %d columns: number columns widened "
							      "by %d and %d", s, width, air, extra);
						air = extra;
						nums++;
					}
				ck_assert_msg(air <= 2, "set %d, %d columns: number columns widened by %d", s, width, air);
				ck_assert_msg(nums == 0 || air == 2 || width - 1 - end < nums,
					      "set %d, %d columns: %d columns spare, the %d number columns widened by %d", s,
					      width, width - 1 - end, nums, air);
				for (int i = 0; i + 1 < t.n_vis; i++) {
					const struct tui_col *ci = &sets[s][t.vis[i]];

					if (!ci->flex || t.w[i] >= 28)
						continue;
					ck_assert_msg(air <= 0, "set %d, %d columns: number columns widened by %d while name "
						      "column %d is %d wide", s, width, air, t.vis[i], t.w[i]);
					for (int j = i + 1; j + 1 < t.n_vis; j++) {
						const struct tui_col *cj = &sets[s][t.vis[j]];
						int gap = (t.w[j] - cj->width) - (t.w[i] - ci->width);

						ck_assert_msg(!cj->flex || t.w[j] >= 28 || (gap >= -1 && gap <= 1),
							      "set %d, %d columns: name columns %d and %d widened by %d and %d",
							      s, width, t.vis[i], t.vis[j], t.w[i] - ci->width,
							      t.w[j] - cj->width);
					}
				}
			}
			{
				int least = -1, need = 0;

				for (int c = 0; c < 7; c++)
					if (on[c])
						need += sets[s][c].width + 1;
					else if (least < 0 || sets[s][c].prio < sets[s][least].prio)
						least = c;
				ck_assert_msg(least < 0 || need + sets[s][least].width > width - 1,
					      "set %d, %d columns: column %d hidden, though with it the columns take %d", s,
					      width, least, need + sets[s][least].width);
			}
			for (int c = 0; c < 7; c++) {
				ck_assert_msg(sets[s][c].prio > 0 || on[c], "set %d, %d columns: column %d (priority 0) hidden",
					      s, width, c);
				for (int d = 0; d < 7 && !on[c]; d++)
					ck_assert_msg(!on[d] || sets[s][d].prio <= sets[s][c].prio,
						      "set %d, %d columns: column %d (priority %d) shown, %d (priority %d) hidden",
						      s, width, d, sets[s][d].prio, c, sets[s][c].prio);
				ck_assert_msg(!prev_on[c] || on[c], "set %d: column %d shown at %d columns, hidden at %d", s, c,
					      width - 1, width);
				widened += on[c] && !prev_on[c] && width > 8;
				prev_on[c] = on[c];
			}
		}
	}
	ck_assert_int_ge(widened, 8);
}
END_TEST

/* Row y of a grid as text padded with blanks to its width (ASCII). */
static void grid_row(const struct tui_grid *g, int y, int width, char *out)
{
	char *text = grid_dump(g), *p = text;

	for (int k = 0; k < y && p; k++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	memset(out, ' ', (size_t)width);
	out[width] = '\0';
	for (int x = 0; p && x < width && p[x] && p[x] != '\n'; x++)
		out[x] = p[x];
	free(text);
}

/* A table's header, drawn at any row: a group's label centred over the
 * columns it spans (shortened within them when longer), nothing over a
 * column without a group, and a line of the shown columns' heads below
 * it, each in its own cell (numbers to the right), the sorted column's
 * with its arrow (before a number's head, after a name's) and lit; a
 * table without groups takes one row. A cell goes under its column and
 * nowhere else, and a hidden column's cell is not drawn. */
/* Columns that must show (priority 0) but do not fit the width all
 * the same keep their own widths, a name column too, one space apart:
 * the table runs past a too narrow pane rather than cut a column. */
START_TEST(test_tui_table_musts_wider_than_the_pane_keep_their_widths)
{
	static const struct tui_col cols[] = {
		{"id", NULL, 4, 0, false, false, 0, NULL}, {"name", NULL, 10, 0, false, true, 0, NULL},
		{"n", NULL, 5, 0, true, false, 0, NULL},	   {"x", NULL, 3, 2, true, false, 0, NULL},
	};

	for (int width = 1; width <= 22; width++) {
		struct tui_table t;

		table_fit(&t, cols, 4, width);
		ck_assert_msg(t.n_vis >= 3, "%d columns: %d of the 3 must-show columns shown", width, t.n_vis);
		for (int i = 0; i < t.n_vis; i++) {
			ck_assert_msg(t.w[i] >= cols[t.vis[i]].width, "%d columns: column '%s' is %d wide, less than its %d",
				      width, cols[t.vis[i]].head, t.w[i], cols[t.vis[i]].width);
			ck_assert_msg(i == 0 || t.x[i] == t.x[i - 1] + t.w[i - 1] + 1, "%d columns: column '%s' at %d", width,
				      cols[t.vis[i]].head, t.x[i]);
		}
	}
}
END_TEST

/* The one scroll rule every list keeps: the selected row on screen, the
 * top moved no further than it must, no part-empty last page while rows
 * above are hidden; and a list drawn afresh (top 0) puts the selection at
 * its foot, as the Routes, Events, seed and sweep lists did on their own. */
START_TEST(test_tui_table_scroll_keeps_the_selection_in_view)
{
	for (int n = 0; n <= 12; n++)
		for (int rows = 1; rows <= 8; rows++)
			for (int sel = n ? 0 : -1; sel < (n ? n : 0); sel++)
				for (int top = 0; top <= 12; top++) {
					int got = table_scroll(top, sel, rows, n), foot = table_scroll(0, sel, rows, n);
					int last = n - rows > 0 ? n - rows : 0;

					ck_assert_msg(got >= 0 && got <= last, "n %d rows %d sel %d top %d: top %d", n, rows,
						      sel, top, got);
					ck_assert_msg(sel < 0 || (sel >= got && sel < got + rows),
						      "n %d rows %d sel %d top %d: top %d hides it", n, rows, sel, top, got);
					/* moved only as far as it must: an in-view selection keeps top */
					if (sel >= top && sel < top + rows && top <= last)
						ck_assert_int_eq(got, top);
					ck_assert_int_eq(foot, sel - rows + 1 > 0 ? sel - rows + 1 : 0);
				}
}
END_TEST

START_TEST(test_tui_table_header_and_cells_sit_in_their_columns)
{
	static const struct tui_col cols[] = {
		{"name", NULL, 6, 0, false, true, 0, NULL},	 {"in", "flow", 5, 1, true, false, 0, NULL},
		{"out", "flow", 6, 1, true, false, 0, NULL},	 {"note", NULL, 5, 0, false, false, 0, NULL},
		{"x", "a long group", 3, 0, true, false, 0, NULL}, {"y", "yy", 4, 0, true, false, 0, NULL},
		{"wide", NULL, 9, 9, true, false, 0, NULL},
	};
	enum { N = sizeof cols / sizeof cols[0], W = 60 };
	struct tui_theme th;
	struct tui_table t;

	theme_init(&th, false, true);
	for (int width = W; width >= 44; width -= 16) { /* all shown; then "wide" hidden */
		table_fit(&t, cols, N, width);
		ck_assert_int_eq(t.n_vis, width == W ? N : N - 1);
		for (int sort = -1; sort < N; sort++)
			for (int desc = 0; desc < 2; desc++) {
				struct tui_grid *g = grid_new(5, W);
				struct canvas cv = {&th, NULL, g, 0, 0, 5, W};
				char row[W + 1], want[W + 1];
				int rows = table_header(&cv, 1, &t, sort, desc);

				ck_assert_int_eq(rows, 2);
				grid_row(g, 0, W, row);
				ck_assert_msg(strspn(row, " ") == W, "a row drawn above the header: '%s'", row);
				/* the group line */
				memset(want, ' ', W);
				want[W] = '\0';
				for (int i = 0; i < t.n_vis;) {
					const char *gr = cols[t.vis[i]].group;
					int j = i + 1;

					while (j < t.n_vis && gr && cols[t.vis[j]].group && strcmp(cols[t.vis[j]].group, gr) == 0)
						j++;
					if (gr) {
						int x0 = t.x[i], span = t.x[j - 1] + t.w[j - 1] - x0, n = (int)strlen(gr);

						if (n > span) {
							memcpy(want + x0, gr, (size_t)span - 1);
							want[x0 + span - 1] = '~'; /* the ASCII ellipsis */
						} else {
							memcpy(want + x0 + (span - n) / 2, gr, (size_t)n);
						}
					}
					i = j;
				}
				grid_row(g, 1, W, row);
				ck_assert_msg(strcmp(row, want) == 0, "%d columns: the group line reads\n'%s', want\n'%s'", width,
					      row, want);
				/* the heads */
				memset(want, ' ', W);
				for (int i = 0; i < t.n_vis; i++) {
					const struct tui_col *c = &cols[t.vis[i]];
					char head[32];
					int n;

					if (t.vis[i] == sort)
						snprintf(head, sizeof head, c->right ? "%2$s%1$s" : "%1$s%2$s", c->head,
							 desc ? "v" : "^");
					else
						snprintf(head, sizeof head, "%s", c->head);
					n = (int)strlen(head);
					memcpy(want + t.x[i] + (c->right ? t.w[i] - n : 0), head, (size_t)n);
					for (int x = t.x[i]; x < t.x[i] + t.w[i]; x++)
						ck_assert_msg(grid_role(g, 2, x) == (t.vis[i] == sort ? ROLE_FOCUS : ROLE_DIM),
							      "sorted by %d: head of column %d drawn in role %d at x %d", sort,
							      t.vis[i], grid_role(g, 2, x), x);
				}
				grid_row(g, 2, W, row);
				ck_assert_msg(strcmp(row, want) == 0, "%d columns, sorted by %d%s: the heads read\n'%s', want\n'%s'",
					      width, sort, desc ? " down" : "", row, want);
				grid_free(g);
			}
		/* cells */
		for (int c = 0; c < N; c++) {
			struct tui_grid *g = grid_new(2, W);
			struct canvas cv = {&th, NULL, g, 0, 0, 2, W};
			char row[W + 1], want[W + 1];
			int i = table_pos(&t, c);

			ck_assert_int_eq(i, c < t.n_vis ? c : -1);
			table_cell(&cv, 1, &t, c, ROLE_BAD, "42");
			memset(want, ' ', W);
			want[W] = '\0';
			if (i >= 0)
				memcpy(want + t.x[i] + (cols[c].right ? t.w[i] - 2 : 0), "42", 2);
			grid_row(g, 1, W, row);
			ck_assert_msg(strcmp(row, want) == 0, "%d columns: column %d's cell reads\n'%s', want\n'%s'", width, c,
				      row, want);
			grid_free(g);
		}
	}
	/* no group: one row */
	table_fit(&t, cols, 1, 20);
	{
		struct tui_grid *g = grid_new(2, 20);
		struct canvas cv = {&th, NULL, g, 0, 0, 2, 20};
		char row[21];

		ck_assert_int_eq(table_header(&cv, 0, &t, 0, false), 1);
		grid_row(g, 0, 20, row);
		ck_assert_msg(strncmp(row, "name^ ", 6) == 0, "a table without groups heads '%s'", row);
		grid_free(g);
	}
}
END_TEST

/* Segments of a header row as the header promises them: texts in their
 * order, each with its priority (0: always shown, else the largest goes
 * first when the width runs out). */
struct hseg {
	char text[160];
	int prio;
};

/* Which segments fit `width`: every must, then the others dropped
 * largest priority first (of equal ones the later first) until the rest
 * fit; writes their concatenation to out, returns its columns. */
static int hsegs_fit(const struct hseg *s, int n, int width, char *out)
{
	bool on[16];
	int total = 0;

	for (int i = 0; i < n; i++) {
		on[i] = true;
		total += (int)strlen(s[i].text);
	}
	while (total > width) {
		int drop = -1;

		for (int i = 0; i < n; i++)
			if (on[i] && s[i].prio > 0 && (drop < 0 || s[i].prio >= s[drop].prio))
				drop = i;
		if (drop < 0)
			break;
		on[drop] = false;
		total -= (int)strlen(s[drop].text);
	}
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		if (on[i])
			strcat(out, s[i].text);
	return total;
}

/* The header at every width from 30 to 220 columns: its first row the
 * day, the run state and speed, the seed with its unsaved mark and the
 * auto-crackdown state always (in their shortest forms when the full
 * ones do not fit), the name, scenario and year dropped by priority; its
 * second row today's and the total deliveries, seizures, losses, bribes
 * and profit, the shipments in transit and the crackdowns (yours among
 * them) of this world, dropped by priority, then blank but for a
 * sparkline of daily deliveries where 8 columns are left. Each state
 * shows in its colour: RUN good, PAUSED a warning, auto-crackdown ON
 * bad, crackdowns in the crackdown colour. */
START_TEST(test_tui_header_shows_each_figure_by_priority_at_any_width)
{
	struct smug_world *w = golden_world();
	struct tui_app a;
	const struct smug_counters *t = &w->tel.today, *T = &w->tel.total;
	struct hseg r1[8], r2[7];
	char m[4][40];
	int manual = 0;

	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 30);
	tui_app_init(&a, w, &ascii_opts);
	for (int i = 0; i < w->n_crackdowns; i++)
		manual += w->crackdowns[i].manual;
	ck_assert_int_ge(manual, 1);
	ck_assert_int_gt(t->delivered, 0);
	for (int run = 0; run < 2; run++) {
		const struct tui_glyphs *g = a.th.g;

		a.running = run;
		a.unsaved = run;
		a.speed = run ? 2 : 0;
		snprintf(r1[0].text, sizeof r1[0].text, " smugnet ");
		snprintf(r1[1].text, sizeof r1[1].text, " %s ", w->scenario_name);
		snprintf(r1[2].text, sizeof r1[2].text, " day %d ", w->day);
		snprintf(r1[3].text, sizeof r1[3].text, "(year %d, day %d) ", (w->day - 1) / 365 + 1, (w->day - 1) % 365 + 1);
		snprintf(r1[4].text, sizeof r1[4].text, " %s x%d ", run ? "RUN" : "PAUSED", tui_speeds[a.speed]);
		snprintf(r1[5].text, sizeof r1[5].text, " seed (new)%s%s ", run ? "*" : "", run ? " (unsaved)" : "");
		snprintf(r1[6].text, sizeof r1[6].text, " auto-crackdown ON ");
		r1[0].prio = 5, r1[1].prio = 6, r1[2].prio = 0, r1[3].prio = 7, r1[4].prio = 0, r1[5].prio = 0, r1[6].prio = 0;
		fmt_credits(m[0], sizeof m[0], t->bribes_spent);
		fmt_credits(m[1], sizeof m[1], t->profit);
		fmt_credits(m[2], sizeof m[2], T->bribes_spent);
		fmt_credits(m[3], sizeof m[3], T->profit);
		snprintf(r2[0].text, sizeof r2[0].text, " today %s%lld %s%lld %s%lld", g->delivered, (long long)t->delivered,
			 g->seized, (long long)t->seized, g->lost, (long long)t->lost);
		snprintf(r2[1].text, sizeof r2[1].text, " bribes %s profit %s", m[0], m[1]);
		snprintf(r2[2].text, sizeof r2[2].text, " | total %s%lld %s%lld", g->delivered, (long long)T->delivered,
			 g->seized, (long long)T->seized);
		snprintf(r2[3].text, sizeof r2[3].text, " %s%lld", g->lost, (long long)T->lost);
		snprintf(r2[4].text, sizeof r2[4].text, " bribes %s profit %s", m[2], m[3]);
		snprintf(r2[5].text, sizeof r2[5].text, " | in transit %d", w->n_shipments);
		snprintf(r2[6].text, sizeof r2[6].text, " | crackdowns %d (%d yours)", w->n_crackdowns, manual);
		r2[0].prio = 0, r2[1].prio = 5, r2[2].prio = 1, r2[3].prio = 4, r2[4].prio = 6, r2[5].prio = 2, r2[6].prio = 3;
		for (int width = 30; width <= 220; width++) {
			struct tui_grid *gr = grid_new(2, width);
			struct canvas cv = {&a.th, NULL, gr, 0, 0, 2, width};
			char row[232], want[400];
			int must = 0, x, sw;

			pane_header_draw(&a, &cv);
			for (int i = 0; i < 7; i++)
				must += r1[i].prio == 0 ? (int)strlen(r1[i].text) : 0;
			if (must > width) { /* the shortest forms */
				struct hseg n1[7];

				memcpy(n1, r1, sizeof n1);
				snprintf(n1[4].text, sizeof n1[4].text, " %s ", run ? "RUN" : "PAUSED");
				snprintf(n1[5].text, sizeof n1[5].text, " (new)%s ", run ? "*" : "");
				snprintf(n1[6].text, sizeof n1[6].text, " auto ON ");
				hsegs_fit(n1, 7, width, want);
			} else {
				hsegs_fit(r1, 7, width, want);
			}
			want[width] = '\0'; /* the musts alone may run past a very narrow screen */
			grid_row(gr, 0, width, row);
			ck_assert_msg(strncmp(row, want, strlen(want)) == 0 && strspn(row + strlen(want), " ") ==
									      strlen(row + strlen(want)),
				      "%d columns: the header's first row reads\n'%s', want\n'%s'", width, row, want);
			for (const char *p = strstr(row, run ? "RUN" : "PAUSED"); p && isupper((unsigned char)*p); p++)
				ck_assert_int_eq(grid_role(gr, 0, (int)(p - row)), (run ? ROLE_GOOD : ROLE_WARN));
			ck_assert_int_eq(grid_role(gr, 0, (int)(strstr(row, "auto") - row)), ROLE_BAD);
			x = hsegs_fit(r2, 7, width - 1, want);
			grid_row(gr, 1, width, row);
			ck_assert_msg(strncmp(row, want, strlen(want)) == 0, "%d columns: the header's second row reads\n'%s', want\n'%s'",
				      width, row, want);
			if (strstr(want, "crackdowns"))
				ck_assert_int_eq(grid_role(gr, 1, (int)(strstr(row, "crackdowns") - row)), ROLE_CRACKDOWN);
			sw = width - x - 3 >= 8 ? (width - x - 3 > 30 ? 30 : width - x - 3) : 0;
			for (int k = x; k < width; k++)
				ck_assert_msg(row[k] == ' ' || (k >= width - sw - 1 && k < width - 1),
					      "%d columns: '%c' at column %d of the second row, outside its figures and sparkline:\n'%s'",
					      width, row[k], k, row);
			if (sw > 0)
				ck_assert_msg(row[width - 2] != ' ', "%d columns: no sparkline at the end of\n'%s'", width, row);
			grid_free(gr);
		}
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The header's second row at every width from 60 to 220 columns: its
 * figures in the normal colour, the crackdowns (the last figure) in the
 * crackdown colour; the sparkline at its end charts the deliveries of
 * every day kept, as chart_spark() draws them (on day 20, fewer days
 * than its 30 columns: the first day too). */
START_TEST(test_tui_header_second_row_colours_and_sparkline)
{
	struct smug_world *w = world_at(0);
	struct tui_app a;
	double v[SMUG_HISTORY_DAYS];
	int n = 0, sparks = 0;

	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 20);
	tui_app_init(&a, w, &ascii_opts);
	ck_assert_int_gt(w->n_crackdowns, 0);
	for (int i = 0; i < w->tel.history_count; i++)
		v[n++] = (double)smug_history_at(&w->tel, i)->c.delivered;
	ck_assert_int_eq(n, 20);
	for (int width = 60; width <= 220; width++) {
		struct tui_grid *gr = grid_new(2, width), *sg = grid_new(1, width);
		struct canvas cv = {&a.th, NULL, gr, 0, 0, 2, width}, sc = {&a.th, NULL, sg, 0, 0, 1, width};
		char row[232], want[232];
		const char *gap, *cd;
		int end, sw;

		pane_header_draw(&a, &cv);
		grid_row(gr, 1, width, row);
		gap = strstr(row, "  "); /* none: the figures run to the last column but one */
		for (end = gap ? (int)(gap - row) : width; end > 0 && row[end - 1] == ' ';)
			end--;
		cd = strstr(row, " | crackdowns");
		for (int k = 0; k < end; k++) {
			int want_role = cd && k >= (int)(cd - row) ? ROLE_CRACKDOWN : ROLE_NORMAL;

			ck_assert_msg(grid_role(gr, 1, k) == want_role, "%d columns: '%c' at column %d of\n'%s'\nin role %d, want %d",
				      width, row[k], k, row, grid_role(gr, 1, k), want_role);
		}
		sw = width - end - 3 >= 8 ? (width - end - 3 > 30 ? 30 : width - end - 3) : 0;
		if (sw > 0) {
			chart_spark(&sc, 0, width - sw - 1, sw, v, n, ROLE_GOOD);
			grid_row(sg, 0, width, want);
			ck_assert_msg(memcmp(row + width - sw - 1, want + width - sw - 1, (size_t)sw) == 0,
				      "%d columns: the sparkline reads '%.*s', want '%.*s'", width, sw, row + width - sw - 1,
				      sw, want + width - sw - 1);
			for (int k = width - 1 - (n < sw ? n : sw); k < width - 1; k++)
				ck_assert_int_eq(grid_role(gr, 1, k), ROLE_GOOD);
			sparks++;
		}
		grid_free(gr);
		grid_free(sg);
	}
	ck_assert_int_gt(sparks, 50);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The Factions pane's sparkline charts the change of each faction's
 * balance, not its level: the lowest balance of the days charted is the
 * lowest bar and, when the balance moved, the highest is the full bar,
 * on every day from the second to the tenth. */
/* The Factions pane draws a faction's seizures of the last days in red
 * when there were some, in the row's own colour when there were none,
 * and in the selection's colour on the selected row; on days 10, 30 and
 * 60, for every row of the four smuggling factions. */
START_TEST(test_tui_factions_seized_red_only_when_some)
{
	static const int days[] = {10, 30, 60};
	int red = 0, plain = 0;

	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, days[d]);
		struct tui_grid *g = render_grid(&a, 48, 160);
		char *text = grid_dump(g), row[1024];
		const struct tui_rect r = a.pane_rect[PANE_FACTIONS];
		int end = -1, rows = 0;

		for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
			const char *at;
			int f = -1;
			int64_t seized = 0;

			row_cols(text, y, r.x + 1, r.w - 2, row, sizeof row);
			if (end < 0) { /* the head: figures end under "seized" */
				if ((at = strstr(row, " seized")) != NULL)
					end = (int)(at - row) + 7;
				continue;
			}
			for (int i = 0; i < w->n_factions && f < 0; i++)
				if (strncmp(row, w->factions[i].id, strlen(w->factions[i].id)) == 0 &&
				    row[strlen(w->factions[i].id)] == ' ')
					f = i;
			if (f < 0)
				continue;
			for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
				struct smug_flow fl;

				smug_flow_sum(w, f, c, SMUG_FLOW_DAYS, &fl);
				seized += fl.n[SMUG_FLOW_SEIZED];
			}
			{
				int role = grid_role(g, y, r.x + 1 + end - 1),
				    want = f == a.faction ? grid_role(g, y, r.x + 1) : seized > 0 ? ROLE_BAD : ROLE_NORMAL;

				ck_assert_msg(role == want, "day %d: %s seized %lld in the last days, drawn in role %d, want %d: '%s'",
					      days[d], w->factions[f].id, (long long)seized, role, want, row);
				red += f != a.faction && seized > 0;
				plain += f != a.faction && seized == 0;
			}
			rows++;
		}
		ck_assert_msg(end > 0 && rows >= 4, "day %d: %d faction rows under a 'seized' head", days[d],
			      rows);
		free(text);
		grid_free(g);
		close_app(&a, w);
	}
	ck_assert_msg(red > 0 && plain > 0, "rows with seizures %d, without %d: both colours must be tried", red, plain);
}
END_TEST

START_TEST(test_tui_factions_spark_spans_lowest_to_highest_balance)
{
	static const char *const low = "\xe2\x96\x81", *const full = "\xe2\x96\x88";
	struct smug_world *w = world_at(1);
	int checked = 0, moved = 0;

	for (int day = 2; day <= 10; day++) {
		struct tui_app a;
		int fac[SMUG_FACTIONS_MAX], nf;
		char *screen;

		smug_cmd_step(w, 1);
		tui_app_init(&a, w, &opts);
		screen = render(&a, 60, 260); /* wide: the Factions pane has room for the sparkline */
		nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX);
		for (int i = 0; i < nf; i++) {
			const char *id = w->factions[fac[i]].id, *row = strstr(screen, id), *end;
			int64_t lo = INT64_MAX, hi = INT64_MIN;
			char seg[1024];

			if (row == NULL)
				continue;
			end = strstr(row, "\xe2\x94\x82"); /* the pane's right frame */
			ck_assert_ptr_nonnull(end);
			snprintf(seg, sizeof seg, "%.*s", (int)(end - row), row);
			for (int d = w->day - SMUG_FLOW_DAYS + 1; d <= w->day; d++) {
				const struct smug_faction_day *b = smug_faction_chart(w, fac[i], d);

				if (b) {
					lo = b->balance < lo ? b->balance : lo;
					hi = b->balance > hi ? b->balance : hi;
				}
			}
			ck_assert_msg(strstr(seg, low) != NULL, "day %d, %s: no lowest bar for its lowest balance %lld: '%s'",
				      w->day, id, (long long)lo, seg);
			ck_assert_msg(hi == lo || strstr(seg, full) != NULL,
				      "day %d, %s: no full bar for its highest balance %lld (lowest %lld): '%s'", w->day, id,
				      (long long)hi, (long long)lo, seg);
			checked++;
			moved += hi != lo;
		}
		free(screen);
		tui_app_done(&a);
	}
	ck_assert_int_gt(checked, 9);
	ck_assert_int_gt(moved, 0);
	smug_world_free(w);
}
END_TEST

/* The footer: a prompt's question in the warning colour, the answer typed
 * so far after it and the cursor (a cell in the selection colour) right
 * after the answer; an answer offered whole (selected, typing replaces
 * it) in the selection colour and no cursor after it; with no prompt, a
 * status message from the footer's first column, in the warning colour. */
START_TEST(test_tui_footer_shows_prompt_cursor_and_status)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 3);
	struct tui_grid *g = grid_new(1, 120);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 1, 120};
	const char *q = "Step how many days? (Enter steps, Esc cancels) ";
	int nq = (int)strlen(q);
	char row[121];

	prompt_start(&a, PROMPT_STEPS, NULL);
	feed(&a, "12");
	pane_footer_draw(&a, &cv);
	grid_row(g, 0, 120, row);
	ck_assert_msg(strncmp(row, q, (size_t)nq) == 0 && strncmp(row + nq, "12 ", 3) == 0, "the footer reads '%s'", row);
	ck_assert_int_eq(grid_role(g, 0, 0), ROLE_WARN);
	ck_assert_int_eq(grid_role(g, 0, nq), ROLE_NORMAL);
	ck_assert_int_eq(grid_role(g, 0, nq + 1), ROLE_NORMAL);
	ck_assert_msg(grid_role(g, 0, nq + 2) == ROLE_SELECT, "no cursor after the answer: role %d", grid_role(g, 0, nq + 2));
	ck_assert_int_eq(grid_role(g, 0, nq + 3), ROLE_TITLE);

	prompt_start(&a, PROMPT_STEPS, "30");
	canvas_clear(&cv);
	pane_footer_draw(&a, &cv);
	grid_row(g, 0, 120, row);
	ck_assert_msg(strncmp(row + nq, "30 ", 3) == 0, "the footer reads '%s'", row);
	ck_assert_int_eq(grid_role(g, 0, nq), ROLE_SELECT);
	ck_assert_int_eq(grid_role(g, 0, nq + 1), ROLE_SELECT);
	ck_assert_msg(grid_role(g, 0, nq + 2) == ROLE_TITLE, "a cursor after an offered answer: role %d",
		      grid_role(g, 0, nq + 2));

	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	snprintf(a.status, sizeof a.status, "saved seed one");
	canvas_clear(&cv);
	pane_footer_draw(&a, &cv);
	grid_row(g, 0, 120, row);
	ck_assert_msg(strncmp(row, "saved seed one ", 15) == 0, "the footer reads '%s'", row);
	ck_assert_int_eq(grid_role(g, 0, 0), ROLE_WARN);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* code point cp as UTF-8 in out (5 bytes) */
static void utf8_of(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		out[1] = '\0';
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		out[2] = '\0';
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		out[3] = '\0';
	} else {
		out[0] = (char)(0xf0 | cp >> 18);
		out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		out[4] = '\0';
	}
}

/* The prompt counts the columns an answer takes as a terminal draws it,
 * so its end and the cursor stay on screen: two for the wide East Asian
 * scripts (Hangul jamo, CJK, Hangul syllables, compatibility ideographs,
 * vertical and fullwidth forms) and emoji, none for combining marks and
 * zero-width spaces, one for their neighbours (halfwidth katakana, the
 * ideographic half fill space U+303F) and for ASCII: at each end of every
 * range and just outside it. */
START_TEST(test_tui_prompt_counts_wide_characters)
{
	static const unsigned wide[][2] = {{0x1100, 0x115f}, {0x2e80, 0xa4cf},	{0xac00, 0xd7a3},
					   {0xf900, 0xfaff}, {0xfe30, 0xfe4f},	{0xff00, 0xff60},
					   {0xffe0, 0xffe6}, {0x1f300, 0x1faff}, {0x20000, 0x3fffd}};
	static const unsigned zero[][2] = {{0x300, 0x36f}, {0x200b, 0x200f}};
	static const unsigned one[] = {'a',	0x2ff,	 0x370,	  0x200a,  0x2010,  0x10ff,  0x1160,  0x2e7f,
				       0x303f,	0xa4d0,	 0xabff,  0xd7a4,  0xf8ff,  0xfb00,  0xfe2f,  0xfe50,
				       0xfeff,	0xff61,	 0xffdf,  0xffe7,  0x1f2ff, 0x1fb00, 0x1ffff, 0x3fffe};
	char c[8], text[64];

	for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
		for (int end = 0; end < 2; end++) {
			utf8_of(wide[k][end], c);
			ck_assert_msg(prompt_text_cols(c) == 2, "U+%04X takes %d columns, not 2", wide[k][end],
				      prompt_text_cols(c));
		}
	for (size_t k = 0; k < sizeof zero / sizeof zero[0]; k++)
		for (int end = 0; end < 2; end++) {
			utf8_of(zero[k][end], c);
			snprintf(text, sizeof text, "e%s", c);
			ck_assert_msg(prompt_text_cols(text) == 1, "e and U+%04X take %d columns, not 1", zero[k][end],
				      prompt_text_cols(text));
		}
	for (size_t k = 0; k < sizeof one / sizeof one[0]; k++) {
		utf8_of(one[k], c);
		ck_assert_msg(prompt_text_cols(c) == 1, "U+%04X takes %d columns, not 1", one[k], prompt_text_cols(c));
	}
	/* a text adds them up: "Ａｂ한e\u0301😀" is 2 + 2 + 2 + 1 + 0 + 2 */
	ck_assert_int_eq(prompt_text_cols("\xef\xbc\xa1\xef\xbd\x82\xed\x95\x9c" "e\xcc\x81\xf0\x9f\x98\x80"), 9);
}
END_TEST

/* A prompt remembers its last 16 different answers: Up walks back from
 * the newest to the oldest and stays there, Down walks forward and past
 * the newest brings back the line before Up; an answer given twice in a row is kept
 * once; each prompt has its own answers; Right, Left, End and Home keep a
 * recalled answer to type after it, Backspace on a recalled one clears it. */
START_TEST(test_tui_prompt_history_walks_the_last_answers)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char want[16];

	feed(&a, "5");
	for (int i = 0; i < 20; i++) {
		snprintf(want, sizeof want, "f%d", i);
		tui_handle_key(&a, '/');
		feed(&a, want);
		tui_handle_key(&a, '\n');
		ck_assert_str_eq(a.filter, want);
	}
	tui_handle_key(&a, '/');
	feed(&a, "f19\n"); /* the same answer again */
	tui_handle_key(&a, '/');
	for (int i = 19; i >= 4 - 2; i--) { /* back to the oldest kept, f4, and two Ups more */
		tui_handle_key(&a, KEY_UP);
		snprintf(want, sizeof want, "f%d", i < 4 ? 4 : i);
		ck_assert_msg(strcmp(a.input.text, want) == 0 && a.input.selected, "Up #%d: '%s'%s, want '%s' selected",
			      20 - i, a.input.text, a.input.selected ? " selected" : "", want);
	}
	for (int i = 5; i <= 20; i++) { /* past the newest: the offered filter, f19, as before Up */
		tui_handle_key(&a, KEY_DOWN);
		snprintf(want, sizeof want, "f%d", i < 20 ? i : 19);
		ck_assert_msg(strcmp(a.input.text, want) == 0, "Down to '%s', want '%s'", a.input.text, want);
	}
	ck_assert(a.input.selected);
	tui_handle_key(&a, KEY_UP); /* from the line before: the newest */
	ck_assert_str_eq(a.input.text, "f19");
	tui_handle_key(&a, KEY_UP);
	ck_assert_str_eq(a.input.text, "f18");
	tui_handle_key(&a, KEY_RIGHT);
	feed(&a, "x");
	ck_assert_str_eq(a.input.text, "f18x");
	for (int k = 0; k < 3; k++) { /* so do Left, End and Home */
		static const int keep[] = {KEY_LEFT, KEY_END, KEY_HOME};
		static const char *const name[] = {"Left", "End", "Home"};
		char typed[sizeof a.input.text + 1];

		tui_handle_key(&a, KEY_UP);
		snprintf(typed, sizeof typed, "%sx", a.input.text);
		tui_handle_key(&a, keep[k]);
		feed(&a, "x");
		ck_assert_msg(strcmp(a.input.text, typed) == 0, "%s on a recalled answer, then x: '%s', want '%s'", name[k],
			      a.input.text, typed);
	}
	tui_handle_key(&a, KEY_UP);
	tui_handle_key(&a, KEY_BACKSPACE);
	ck_assert_str_eq(a.input.text, "");
	tui_handle_key(&a, 27);
	/* the step prompt's answers are its own */
	tui_handle_key(&a, 'n');
	tui_handle_key(&a, KEY_UP);
	ck_assert_str_eq(a.input.text, "30");
	feed(&a, "3\n");
	tui_handle_key(&a, 'n');
	tui_handle_key(&a, KEY_UP);
	ck_assert_str_eq(a.input.text, "3");
	tui_handle_key(&a, KEY_UP);
	ck_assert_str_eq(a.input.text, "3");
	tui_handle_key(&a, 27);
	ck_assert_int_eq(w->day, 3);
	close_app(&a, w);
}
END_TEST

/* Backspace in a prompt deletes the last character typed, whichever code
 * the terminal sends for it: curses' KEY_BACKSPACE, DEL (127) or Ctrl-H
 * (8). "ab" then Backspace leaves "a", and Enter filters the events by
 * "a". */
START_TEST(test_tui_prompt_backspace_deletes_for_each_code)
{
	static const struct {
		int key;
		const char *name;
	} bs[] = {{KEY_BACKSPACE, "KEY_BACKSPACE"}, {127, "DEL (127)"}, {8, "Ctrl-H (8)"}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	feed(&a, "5"); /* the event log */
	for (size_t k = 0; k < sizeof bs / sizeof bs[0]; k++) {
		tui_handle_key(&a, '/');
		ck_assert_int_eq(a.prompt, PROMPT_FILTER);
		tui_handle_key(&a, 21); /* Ctrl-U: the last answer goes */
		feed(&a, "ab");
		tui_handle_key(&a, bs[k].key);
		ck_assert_msg(strcmp(a.input.text, "a") == 0, "'ab' then %s in the filter prompt: '%s', want 'a'",
			      bs[k].name, a.input.text);
		tui_handle_key(&a, '\r');
		ck_assert_msg(strcmp(a.filter, "a") == 0, "'ab', %s, Enter: the filter is '%s', want 'a'", bs[k].name,
			      a.filter);
	}
	close_app(&a, w);
}
END_TEST

/* Down past the newest answer brings back the line as it was before Up,
 * like readline: the offered answer (selected) or the text typed. */
START_TEST(test_tui_prompt_history_comes_back_to_the_line)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	feed(&a, "n4\r");
	tui_handle_key(&a, 'n'); /* 30 offered */
	tui_handle_key(&a, KEY_UP);
	ck_assert_str_eq(a.input.text, "4");
	tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, KEY_DOWN);
	ck_assert_msg(strcmp(a.input.text, "30") == 0 && a.input.selected, "n, Up, Down, Down: '%s'%s, want '30' selected",
		      a.input.text, a.input.selected ? " selected" : "");
	feed(&a, "7");
	tui_handle_key(&a, KEY_UP);
	tui_handle_key(&a, KEY_DOWN);
	ck_assert_msg(strcmp(a.input.text, "7") == 0 && !a.input.selected, "7, Up, Down: '%s'%s, want '7' to type after",
		      a.input.text, a.input.selected ? " selected" : "");
	feed(&a, "\r");
	ck_assert_int_eq(w->day, 11);
	close_app(&a, w);
}
END_TEST

/* The prompts take UTF-8 text and say what they refuse: the filter keeps
 * "Überfall" and "名前" whole; a seed name (the vault's rule: A-Z a-z 0-9
 * . _ -) keeps "é" as typed with a note naming it at once, and Enter
 * refuses the name whole; typed over an offered name it replaces it
 * (Enter never saves under the old name); a byte that is not UTF-8 is refused aloud; Backspace takes a
 * whole character; 80 characters are refused on Enter, the limit said. */
START_TEST(test_tui_prompts_take_utf8_and_say_what_they_refuse)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	char *s;

	feed(&a, "5/\xc3\x9c" "berfall\r");
	ck_assert_str_eq(a.filter, "\xc3\x9c" "berfall");
	tui_handle_key(&a, '/');
	feed(&a, "\xe5\x90\x8d\xe5\x89\x8d"); /* 名前 */
	ck_assert_str_eq(a.input.text, "\xe5\x90\x8d\xe5\x89\x8d");
	tui_handle_key(&a, KEY_BACKSPACE);
	ck_assert_str_eq(a.input.text, "\xe5\x90\x8d");
	feed(&a, "\r");
	ck_assert_str_eq(a.filter, "\xe5\x90\x8d");
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(s, "match '\xe5\x90\x8d'"), "the events' title does not show the filter:\n%s", s);
	free(s);
	/* the seed name */
	tui_handle_key(&a, 's');
	feed(&a, "caf\xc3\xa9");
	ck_assert_str_eq(a.input.text, "caf\xc3\xa9");
	ck_assert_msg(strstr(a.input.note, "'\xc3\xa9' cannot be in a seed name"), "the note reads '%s'", a.input.note);
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(footer_row(s), "cannot be in a seed name"), "the footer reads '%s'", footer_row(s));
	free(s);
	tui_handle_key(&a, '\r'); /* refused whole, never saved as "caf": the prompt stays */
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	ck_assert_str_eq(a.input.text, "caf\xc3\xa9");
	ck_assert_msg(strstr(a.input.note, "'\xc3\xa9' cannot be in a seed name"), "Enter on caf\xc3\xa9: '%s'",
		      a.input.note);
	tui_handle_key(&a, 27);
	snprintf(a.seed_name, sizeof a.seed_name, "old");
	tui_handle_key(&a, 's');
	ck_assert(a.input.selected);
	feed(&a, "\xe5\x90\x8d\xe5\x89\x8d");
	ck_assert_msg(strcmp(a.input.text, "\xe5\x90\x8d\xe5\x89\x8d") == 0 && !a.input.selected,
		      "名前 over the offered 'old': '%s'%s", a.input.text, a.input.selected ? " selected" : "");
	ck_assert_msg(strstr(a.input.note, "cannot be in a seed name"), "the note reads '%s'", a.input.note);
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	ck_assert_str_eq(a.input.text, "\xe5\x90\x8d\xe5\x89\x8d");
	ck_assert_msg(strstr(a.input.note, "cannot be in a seed name"), "Enter after 名前: '%s'", a.input.note);
	tui_handle_key(&a, 27);
	/* a byte that is no UTF-8 */
	tui_handle_key(&a, '/');
	tui_handle_key(&a, 21);
	feed(&a, "a\xff");
	ck_assert_str_eq(a.input.text, "a");
	ck_assert_msg(strstr(a.input.note, "not UTF-8"), "the note reads '%s'", a.input.note);
	feed(&a, "\xc3" "b"); /* a character cut short */
	ck_assert_str_eq(a.input.text, "a");
	ck_assert_msg(strstr(a.input.note, "not UTF-8"), "the note reads '%s'", a.input.note);
	tui_handle_key(&a, 27);
	/* 80 characters: the limit said, Enter refuses, nothing saved */
	tui_handle_key(&a, 's');
	for (int i = 0; i < 80; i++)
		tui_handle_key(&a, 'a');
	ck_assert_msg(strstr(a.input.note, "at most 63 characters"), "80 a: the note reads '%s'", a.input.note);
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	tui_handle_key(&a, KEY_BACKSPACE);
	ck_assert_msg(a.input.note[0] == '\0', "63 characters left: the note still reads '%s'", a.input.note);
	tui_handle_key(&a, 27);
	close_app(&a, w);
}
END_TEST

/* At 80 columns an answer longer than the room after the question
 * scrolls: the question gives way (down to 20 columns), then the start
 * of the answer goes behind an ellipsis; the answer's end and the cursor
 * are always on the row. */
START_TEST(test_tui_prompt_scrolls_to_show_the_end)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(1, 80);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 1, 80};
	static const char *const typed[] = {"abcdefghijklmnopqrstuvwxyz0123456789XYZ",
					    "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!"};

	for (int k = 0; k < 2; k++) {
		const char *tail = k == 0 ? typed[k] : typed[k] + strlen(typed[k]) - 16;
		char *row, *at;
		int col;

		prompt_start(&a, PROMPT_KNOB, NULL);
		feed(&a, typed[k]);
		ck_assert_str_eq(a.input.text, typed[k]);
		canvas_clear(&cv);
		pane_footer_draw(&a, &cv);
		row = grid_dump(g);
		at = strstr(row, tail);
		ck_assert_msg(at != NULL, "%zu characters typed: the footer reads '%s'", strlen(typed[k]), row);
		col = text_cols(tail);
		for (char *p = row; p < at; p += 1)
			col += ((unsigned char)*p & 0xc0) != 0x80;
		ck_assert_msg(col < 80 && grid_role(g, 0, col) == ROLE_SELECT,
			      "%zu characters typed: no cursor after the answer's end (column %d) in '%s'",
			      strlen(typed[k]), col, row);
		ck_assert_msg(strncmp(row, "New value", 9) == 0, "the question is gone: '%s'", row);
		free(row);
		tui_handle_key(&a, 27);
	}
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The save prompt at 80 columns keeps its question, the end of the name
 * typed and the refusal on one row: 80 characters refused on Enter read
 * "Save seed as: …" then the name's end, the cursor and "too long (at
 * most 63 characters)"; the note took the question's place before. A
 * long name with a character the vault refuses reads the question, the
 * name's end with that character and the note; before, the question cut
 * and the answer's mark ran together ("Save seed as (Enter……"). */
START_TEST(test_tui_save_prompt_keeps_question_name_and_refusal)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(1, 80);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 1, 80};
	const char *name = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXY!";
	const char *more = a.th.g->ellipsis;
	char twice[16], *row;

	snprintf(twice, sizeof twice, "%s%s", more, more);
	tui_handle_key(&a, 's');
	for (int i = 0; i < 70; i++)
		tui_handle_key(&a, i < 63 ? 'a' + i % 26 : 'z');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	pane_footer_draw(&a, &cv);
	row = grid_dump(g);
	ck_assert_msg(strncmp(row, "Save seed as", 12) == 0, "70 characters, Enter: the question is gone: '%s'", row);
	ck_assert_msg(strstr(row, "mnopqrstuvwxyzabcdefghijk ") != NULL, "the name's end is not on the row: '%s'", row);
	ck_assert_msg(strstr(row, "too long (at most 63 characters)") != NULL, "no refusal on the row: '%s'", row);
	ck_assert_msg(strstr(row, twice) == NULL, "two ellipses run together: '%s'", row);
	free(row);
	tui_handle_key(&a, 21); /* Ctrl-U */
	feed(&a, name);
	canvas_clear(&cv);
	pane_footer_draw(&a, &cv);
	row = grid_dump(g);
	ck_assert_msg(strncmp(row, "Save seed as", 12) == 0, "a refused character: the question is gone: '%s'", row);
	ck_assert_msg(strstr(row, "TUVWXY! ") != NULL, "the name's end is not on the row: '%s'", row);
	ck_assert_msg(strstr(row, "'!' cannot be in a seed name") != NULL, "no refusal on the row: '%s'", row);
	ck_assert_msg(strstr(row, twice) == NULL, "two ellipses run together: '%s'", row);
	free(row);
	tui_handle_key(&a, 27);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* A combining accent (U+0300..U+036F) stays with the letter before it,
 * in its cell: "Cafe" and U+0301 reads "Café" in 4 columns, on the
 * canvas as in the prompt's answer; the canvas dropped the accents
 * ("Cafe Zurich"), the columns after them where they were. */
START_TEST(test_tui_canvas_keeps_combining_accents)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(1, 40);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 1, 40};
	const char *name = "Cafe\xcc\x81 Zu\xcc\x88rich", *typed = "Zu\xcc\x88rich";
	char *row;

	ck_assert_int_eq(canvas_text(&cv, 0, 0, ROLE_NORMAL, name), 11);
	canvas_text(&cv, 0, 12, ROLE_NORMAL, "|");
	row = grid_dump(g);
	ck_assert_msg(strcmp(row, "Cafe\xcc\x81 Zu\xcc\x88rich |\n") == 0, "the canvas reads '%s'", row);
	free(row);
	prompt_start(&a, PROMPT_FILTER, NULL);
	feed(&a, typed);
	ck_assert_str_eq(a.input.text, typed);
	canvas_clear(&cv);
	pane_footer_draw(&a, &cv);
	row = grid_dump(g);
	ck_assert_msg(strstr(row, typed) != NULL, "the prompt's answer reads '%s'", row);
	free(row);
	tui_handle_key(&a, 27);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The header's money reads whole credits with a comma every three digits
 * and two decimals, a minus before a loss. */
START_TEST(test_tui_credits_group_thousands)
{
	static const struct {
		int64_t minor;
		const char *want;
	} cases[] = {
		{0, "0.00"},	       {5, "0.05"},	       {99, "0.99"},		{100, "1.00"},
		{99999, "999.99"},     {100000, "1,000.00"},   {123456, "1,234.56"},	{12345678, "123,456.78"},
		{100000000, "1,000,000.00"}, {-5, "-0.05"},   {-123456, "-1,234.56"}, {-99999999, "-999,999.99"},
	};
	char buf[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fmt_credits(buf, sizeof buf, cases[i].minor);
		ck_assert_msg(strcmp(buf, cases[i].want) == 0, "%lld minor units read '%s', want '%s'",
			      (long long)cases[i].minor, buf, cases[i].want);
	}
}
END_TEST

/* The y axis spans the series and the fan band's days that have both
 * bounds: a day whose band lacks its low or its high (or a series day
 * without data) moves neither end of the axis. */
START_TEST(test_tui_chart_range_takes_whole_band_days_only)
{
	enum { H = 12, W = 40, N = 8 };
	static const struct {
		double extra_lo, extra_hi; /* day 4's band; the other days' band is 2 to 12 */
		const char *top, *bottom;
	} cases[] = {
		{-20, 40, "40", "-20"}, /* a whole band day widens both ends */
		{NAN, 900, "12", "0"},	/* no low: ignored */
		{-900, NAN, "12", "0"}, /* no high: ignored */
		{NAN, NAN, "12", "0"},
	};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		double v[N], lo[N], hi[N];
		struct tui_grid *g = grid_new(H, W);
		struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
		struct chart_series series = {"v", v, ROLE_GOOD};
		struct chart_spec spec = {.title = "Band", .n = N, .first_day = 1, .series = &series, .n_series = 1,
					  .band_lo = lo, .band_hi = hi};
		char *text, top[64], bottom[64];
		const char *p;

		for (int i = 0; i < N; i++) {
			v[i] = i == 6 ? NAN : 5 + i % 3;
			lo[i] = i == 4 ? cases[c].extra_lo : 2;
			hi[i] = i == 4 ? cases[c].extra_hi : 12;
		}
		chart_draw(&cv, &spec);
		text = grid_dump(g);
		p = strchr(text, '\n') + 1; /* row 1: the top label */
		sscanf(p, "%63s", top);
		for (int y = 1; y < H - 2; y++)
			p = strchr(p, '\n') + 1;
		sscanf(p, "%63s", bottom); /* row H - 2: the bottom label */
		top[strcspn(top, a.th.g->axis)] = '\0';
		bottom[strcspn(bottom, a.th.g->axis)] = '\0';
		ck_assert_msg(strcmp(top, cases[c].top) == 0 && strcmp(bottom, cases[c].bottom) == 0,
			      "day 4's band %g to %g: the axis reads %s to %s, want %s to %s", cases[c].extra_lo,
			      cases[c].extra_hi, bottom, top, cases[c].bottom, cases[c].top);
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* The fan band fills every row whose middle lies between the band's low
 * and high, up to the top row: a band of 0 to 10 on every day (and no
 * series data) shades the whole plot, the top row as the others. */
START_TEST(test_tui_chart_band_fills_up_to_the_top_row)
{
	enum { H = 12, W = 40, N = 8 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[N], lo[N], hi[N];
	struct tui_grid *g = grid_new(H, W);
	struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
	struct chart_series series = {"v", v, ROLE_GOOD};
	struct chart_spec spec = {.title = "Band", .n = N, .first_day = 1, .series = &series, .n_series = 1,
				  .band_lo = lo, .band_hi = hi};
	char *text, *row[H];
	const char *plot[H];
	int n = 0;

	for (int i = 0; i < N; i++) {
		v[i] = NAN;
		lo[i] = 0;
		hi[i] = 10;
	}
	chart_draw(&cv, &spec);
	text = grid_dump(g);
	for (char *p = text; p && n < H; n++) {
		row[n] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
	}
	ck_assert_int_ge(n, H - 2);
	for (int y = 1; y <= H - 2; y++) { /* the plot's rows: after the axis */
		plot[y] = strstr(row[y], a.th.g->axis);
		ck_assert_msg(plot[y] != NULL, "row %d has no axis: '%s'", y, row[y]);
		plot[y] += strlen(a.th.g->axis);
	}
	ck_assert_msg(strstr(plot[2], a.th.g->bar_part[1]) != NULL, "the band is not drawn: '%s'", row[2]);
	for (int y = 1; y <= H - 2; y++)
		ck_assert_msg(strcmp(plot[y], plot[2]) == 0, "band 0 to 10 on an axis of 0 to 10: row %d reads '%s', row 2 '%s'",
			      y, plot[y], plot[2]);
	free(text);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* A band's rows are those whose middle lies between its low and high,
 * both ends included, from the plot's first column on: on an axis of 0
 * to 10 in ten rows (rows 1 to 10, middles 9.5 down to 0.5) a band of
 * 2.5 to 6.5 on day 1 fills rows 4 to 8 of the first column, five rows. */
START_TEST(test_tui_chart_band_takes_the_rows_at_its_ends)
{
	enum { H = 12, W = 40, N = 8 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[N], lo[N], hi[N];
	struct tui_grid *g = grid_new(H, W);
	struct canvas cv = {&a.th, NULL, g, 0, 0, H, W};
	struct chart_series series = {"v", v, ROLE_GOOD};
	struct chart_spec spec = {.title = "Band", .n = N, .first_day = 1, .series = &series, .n_series = 1,
				  .band_lo = lo, .band_hi = hi};
	const char *band = a.th.g->bar_part[1];
	char *text, *row[H], rows[64] = "", top[16], bottom[16];
	int n = 0;

	for (int i = 0; i < N; i++) {
		v[i] = NAN;
		lo[i] = i == N - 1 ? 0 : 2.5; /* the last day's band sets the axis to 0..10 */
		hi[i] = i == N - 1 ? 10 : 6.5;
	}
	chart_draw(&cv, &spec);
	text = grid_dump(g);
	for (char *p = text; p && n < H; n++) {
		row[n] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
	}
	ck_assert_int_ge(n, H - 2);
	snprintf(top, sizeof top, "10%s", a.th.g->axis);
	snprintf(bottom, sizeof bottom, " 0%s", a.th.g->axis);
	ck_assert_msg(strncmp(row[1], top, strlen(top)) == 0 && strncmp(row[H - 2], bottom, strlen(bottom)) == 0,
		      "not an axis of 0 to 10: '%s' '%s'", row[1], row[H - 2]);
	for (int y = 1; y <= H - 2; y++) {
		const char *plot = strstr(row[y], a.th.g->axis);

		ck_assert_msg(plot != NULL, "row %d has no axis: '%s'", y, row[y]);
		plot += strlen(a.th.g->axis);
		if (strncmp(plot, band, strlen(band)) == 0)
			snprintf(rows + strlen(rows), sizeof rows - strlen(rows), " %d", y);
	}
	ck_assert_msg(strcmp(rows, " 4 5 6 7 8") == 0, "a band of 2.5 to 6.5 fills rows%s of the first column, want 4 5 6 7 8",
		      *rows ? rows : " none");
	free(text);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The x axis names the first day and, where there is room, the middle
 * and the last: at every width the labels ("day 1000", "1003", "1007")
 * stand at least two spaces apart (one space would read "day 1000 1007",
 * none "day 10001003"). */
START_TEST(test_tui_chart_day_labels_stand_apart)
{
	enum { H = 8, N = 8 };
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	double v[N];
	struct chart_series series = {"v", v, ROLE_GOOD};
	struct chart_spec spec = {.title = "D", .n = N, .first_day = 1000, .series = &series, .n_series = 1};
	int both = 0;

	for (int i = 0; i < N; i++)
		v[i] = i;
	for (int wide = 8; wide <= 40; wide++) {
		struct tui_grid *g = grid_new(H, wide);
		struct canvas cv = {&a.th, NULL, g, 0, 0, H, wide};
		char *text, *last, *day;

		chart_draw(&cv, &spec);
		text = grid_dump(g);
		last = text;
		for (int y = 0; y < H - 1 && last; y++)
			last = strchr(last, '\n') ? strchr(last, '\n') + 1 : NULL;
		ck_assert_ptr_nonnull(last - 1);
		last[strcspn(last, "\n")] = '\0';
		for (const char *p = (day = strstr(last, "day 1000")) ? day + 8 : ""; *p; p += strcspn(p, " ")) {
			int gap = (int)strspn(p, " ");

			if (p[gap] == '\0')
				break;
			ck_assert_msg(gap >= 2, "%d wide: the day labels read '%s', %d space%s apart", wide, day, gap,
				      gap == 1 ? "" : "s");
			both++;
			p += gap;
		}
		free(text);
		grid_free(g);
	}
	ck_assert_int_gt(both, 0);
	close_app(&a, w);
}
END_TEST

/* The TopK view shows each list in two columns: all time from the left
 * edge, under its title, and the last days' window from the column of
 * its "last N days" title; each row reads rank, score and key of the
 * list's entries in order, at every size. */
START_TEST(test_tui_topk_lists_read_rank_score_key_in_their_columns)
{
	static const int size[][2] = {{48, 160}, {40, 120}, {24, 80}};
	static const char *const titles[] = {"Routes (shipments sent)", "Borders (crossings)",
					     "Networks (delivered / resolved)"};
	static const enum smug_topk_kind kinds[] = {SMUG_TOPK_ROUTES, SMUG_TOPK_BORDERS, SMUG_TOPK_FACTIONS};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 90);
	const struct smug_topk *all[] = {&w->tel.hot_routes, &w->tel.hot_borders, &w->tel.faction_success};
	int checked = 0;

	feed(&a, "T");
	ck_assert_int_eq(a.view, VIEW_TOPK);
	for (int k = 0; k < 3; k++) {
		int rows = size[k][0], cols = size[k][1], half = (cols - 4 - 2) / 2;
		char *s = render(&a, rows, cols);
		static unsigned cell[64][256];
		int n = 0;

		for (char *p = s; *p && n < rows; n++) {
			char *end = strchr(p, '\n');

			if (end == NULL)
				end = p + strlen(p);
			row_cells(p, end, cell[n], cols);
			p = *end ? end + 1 : end;
		}
		for (int l = 0; l < 3; l++) {
			struct smug_topk win;
			const struct smug_topk *list[2];
			int y = -1;

			smug_topk_window(w, kinds[l], a.w->cfg.telemetry.window_days, &win);
			list[0] = all[l];
			list[1] = &win;
			for (int r = 0; r < n && y < 0; r++) {
				size_t i = 0;

				while (titles[l][i] && cell[r][2 + i] == (unsigned char)titles[l][i])
					i++;
				if (titles[l][i] == '\0')
					y = r;
			}
			ck_assert_msg(y >= 0, "%dx%d: no '%s' title at the left edge", cols, rows, titles[l]);
			for (int c = 0; c < 2; c++) {
				int x0 = 2 + c * (half + 2), width = c ? cols - 4 - half - 2 : half;
				const char *head = "last ";

				for (size_t i = 0; c == 1 && head[i]; i++)
					ck_assert_msg(cell[y][x0 + i] == (unsigned char)head[i],
						      "%dx%d: '%s': the window's title is not at column %d", cols, rows,
						      titles[l], x0);
				for (int i = 0; i < list[c]->n && y + 1 + i < n; i++) {
					char want[256];
					int len, j;

					if (l == 2)
						len = snprintf(want, sizeof want, "%2d %5.1f%% %s", i + 1,
							       100 * list[c]->e[i].score, list[c]->e[i].key);
					else
						len = snprintf(want, sizeof want, "%2d %6.0f %s", i + 1, list[c]->e[i].score,
							       list[c]->e[i].key);
					if (cell[y + 1 + i][x0] == ' ' && cell[y + 1 + i][x0 + 1] == ' ' && i > 0)
						break; /* the list is cut to the rows there are */
					if (len > width) /* cut before a number: rank, score and the key's first id */
						len = 10 + (int)strcspn(list[c]->e[i].key, ">|");
					for (j = 0; j < len && cell[y + 1 + i][x0 + j] == (unsigned char)want[j]; j++)
						;
					ck_assert_msg(j == len, "%dx%d: '%s' %s, row %d: want '%.*s' from column %d", cols,
						      rows, titles[l], c ? "window" : "all time", i + 1, len, want, x0);
					checked++;
				}
			}
		}
		free(s);
	}
	ck_assert_int_ge(checked, 30);
	close_app(&a, w);
}
END_TEST

/* A fresh memory screen is blank in every cell, the top-left one too:
 * text drawn at column 1 reads one blank before it. */
START_TEST(test_tui_fresh_grid_is_blank_everywhere)
{
	struct tui_grid *g = grid_new(3, 4);
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct canvas cv = {&a.th, NULL, g, 0, 0, 3, 4};
	char *text;

	canvas_text(&cv, 0, 1, ROLE_NORMAL, "x");
	canvas_text(&cv, 2, 3, ROLE_NORMAL, "y");
	text = grid_dump(g);
	ck_assert_msg(strcmp(text, " x\n\n   y\n") == 0, "reads '%s'", text);
	free(text);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* A part of a pane (a sub-canvas) stays inside the pane: asked for more
 * rows or columns than the pane has below or right of it, it ends at the
 * pane's edge, and what it draws never spills onto the screen around. */
START_TEST(test_tui_canvas_sub_stays_inside_its_parent)
{
	static const int ask[] = {4, 6, 10}; /* rows asked for; twice that in columns */
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (size_t i = 0; i < sizeof ask / sizeof ask[0]; i++) {
		struct tui_grid *g = grid_new(10, 20);
		struct canvas screen = {&a.th, NULL, g, 0, 0, 10, 20};
		struct canvas pane = canvas_sub(&screen, 1, 2, 5, 10); /* rows 1-5, columns 2-11 */
		struct canvas part = canvas_sub(&pane, 2, 3, ask[i], 2 * ask[i]);
		char *text;

		for (int y = 0; y < 10; y++)
			canvas_text(&part, y, 0, ROLE_NORMAL, "xxxxxxxxxxxxxxxxxxxx");
		text = grid_dump(g);
		ck_assert_msg(strcmp(text, "\n\n\n     xxxxxxx\n     xxxxxxx\n     xxxxxxx\n\n\n\n\n") == 0,
			      "a %dx%d part from row 2, column 3 of a 5x10 pane at row 1, column 2 drew:\n%s", ask[i],
			      2 * ask[i], text);
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* A part asked to begin above or left of its pane begins at the pane's
 * top-left corner, and its size counts from there: it still never
 * spills out of the pane. */
START_TEST(test_tui_canvas_sub_from_before_the_pane_starts_at_its_corner)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_grid *g = grid_new(10, 20);
	struct canvas screen = {&a.th, NULL, g, 0, 0, 10, 20};
	struct canvas pane = canvas_sub(&screen, 1, 2, 5, 10); /* rows 1-5, columns 2-11 */
	struct canvas part = canvas_sub(&pane, -2, -3, 2, 4);
	char *text;

	for (int y = 0; y < 10; y++)
		canvas_text(&part, y, 0, ROLE_NORMAL, "xxxxxxxxxxxxxxxxxxxx");
	text = grid_dump(g);
	ck_assert_msg(strcmp(text, "\n  xxxx\n  xxxx\n\n\n\n\n\n\n\n") == 0,
		      "a 2x4 part from row -2, column -3 of a 5x10 pane at row 1, column 2 drew:\n%s", text);
	free(text);
	grid_free(g);
	close_app(&a, w);
}
END_TEST

/* The help view on a 24x80 screen, one byte per column, into row; the
 * screen row of its list's first line (the row under its title). */
static int help_page(struct tui_app *a, char (*row)[256])
{
	char *s = render(a, 24, 80);
	int n = screen_rows(s, row, 24, 80);

	free(s);
	for (int y = 0; y + 1 < n; y++)
		if (strstr(row[y], "Keys (Esc to close") != NULL)
			return y + 1;
	ck_abort_msg("the help view is not on the screen");
	return -1;
}

/* The help scrolls a line at a time with Down and Up and a page at a
 * time with PgDn and PgUp: after Down its list starts with the line that
 * was second; after PgDn with a line further down that was on the screen
 * before (a page skips nothing); Up and PgUp come back the same way. */
START_TEST(test_tui_help_scrolls_by_line_and_by_page)
{
	static char first[24][256], now[24][256];
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);
	int f, t, at = -1;

	tui_handle_key(&a, '?');
	f = help_page(&a, first);
	tui_handle_key(&a, KEY_DOWN);
	t = help_page(&a, now);
	ck_assert_msg(strcmp(now[t], first[f + 1]) == 0, "after Down the help starts '%.60s', want the second line '%.60s'",
		      now[t], first[f + 1]);
	tui_handle_key(&a, KEY_UP);
	t = help_page(&a, now);
	ck_assert_msg(strcmp(now[t], first[f]) == 0, "after Down, Up the help starts '%.60s', want '%.60s'", now[t],
		      first[f]);
	tui_handle_key(&a, KEY_NPAGE);
	t = help_page(&a, now);
	for (int y = f; y < 23; y++) /* the first page's lines, above the bottom frame */
		if (strcmp(now[t], first[y]) == 0)
			at = y - f;
	ck_assert_msg(at > 1, "after PgDn the help starts '%.60s', %s", now[t],
		      at < 0 ? "a line that was not on the first page" : "not a page down");
	tui_handle_key(&a, KEY_DOWN);
	tui_handle_key(&a, KEY_PPAGE);
	t = help_page(&a, now);
	ck_assert_msg(strcmp(now[t], first[f + 1]) == 0, "after PgDn, Down, PgUp the help starts '%.60s', want '%.60s'",
		      now[t], first[f + 1]);
	close_app(&a, w);
}
END_TEST

/* A cockpit opened on a saved seed (smugnet tui --load NAME) names the
 * seed in its header, not "(new)", and s offers that name to save under. */
START_TEST(test_tui_loaded_seed_names_the_header_and_the_save)
{
	struct smug_world *w = world_at(5), *loaded = NULL;
	struct temp_vault v;
	struct tui_app a;
	struct smug_error err;
	char *s, header[512];

	temp_vault_init(&v, &opts);
	ck_assert_int_eq(smug_vault_save(w, v.root, "harbour", &err), SMUG_OK);
	ck_assert_int_eq(smug_vault_load(v.root, "harbour", &loaded, &err), SMUG_OK);
	v.o.seed_name = "harbour";
	tui_app_init(&a, loaded, &v.o);
	s = render(&a, 48, 160);
	snprintf(header, sizeof header, "%.*s", (int)strcspn(s, "\n"), s);
	free(s);
	ck_assert_msg(strstr(header, " harbour ") != NULL && strstr(header, "(new)") == NULL,
		      "opened on seed harbour, the header reads '%s'", header);
	tui_handle_key(&a, 's');
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	ck_assert_str_eq(a.input.text, "harbour");
	close_in_vault(&a, &v); /* frees loaded */
	smug_world_free(w);
}
END_TEST

/* The margin bar reads the winner's expected loss and cost as a share of
 * the cargo's value: that share of its cells full (red), the runner-up's
 * share marked (yellow), the rest empty (green), each share rounded to
 * the nearest cell and a mark past the end on the last; for a cargo worth 0.01 cr
 * as for one worth 10 cr. A decision with no runner-up (its route the
 * only candidate) marks no cell. A cargo worth nothing draws no bar. */
START_TEST(test_tui_margin_bar_fills_the_winners_share)
{
	enum { W = 20 };
	static const struct {
		int64_t value;
		double loss, cost, runner;
		int fill, mark;
	} cases[] = {
		{1000, 200, 50, 600, 5, 12},
		{1, 0.3, 0.2, 0.75, 10, 15},
		{1, 0.05, 0, 0.25, 1, 5},
		/* shares between cells go to the nearer: 4.6 -> 5, 12.48 -> 12,
		 * 4.48 -> 4; 19.5 -> 20, past the end: the last cell */
		{1000, 180, 50, 624, 5, 12},
		{1000, 200, 24, 975, 4, 19},
		{1000, 200, 50, -1, 5, -1}, /* runner -1: no runner-up */
		{0, 0, 0, 0, 0, -1},
	};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tui_grid *g = grid_new(1, W + 4);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 1, W + 4};
		bool runner = cases[i].runner >= 0;
		struct smug_decision d = {
			.value = cases[i].value, .winner = 0, .runner = runner ? 1 : -1, .n_cand = 1 + runner};
		struct smug_explanation ex = {.n_cand = 1 + runner, .winner = 0, .runner = d.runner};
		char *text;

		ex.cand[0].expected_loss = cases[i].loss;
		ex.cand[0].expected_cost = cases[i].cost;
		if (runner)
			ex.cand[1].expected_loss = cases[i].runner;
		tui_margin_bar(&cv, 0, 2, W, &d, &ex);
		text = grid_dump(g);
		text[strcspn(text, "\n")] = '\0';
		if (cases[i].value <= 0)
			ck_assert_msg(strspn(text, " ") == strlen(text), "a cargo worth nothing: the bar '%s'", text);
		for (int x = 0; cases[i].value > 0 && x < W; x++) {
			int want = x == cases[i].mark ? ROLE_WARN : x < cases[i].fill ? ROLE_BAD : ROLE_GOOD;

			ck_assert_msg(grid_role(g, 0, 2 + x) == want,
				      "cargo %lld minor units, loss+cost %g, runner-up %g: cell %d of the bar '%s' is role %d, want %d",
				      (long long)cases[i].value, cases[i].loss + cases[i].cost, cases[i].runner, x, text,
				      grid_role(g, 0, 2 + x), want);
		}
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* A margin bar is drawn only where it has four cells or more: in fewer,
 * a share cannot be read, so the room after the margin line stays blank
 * rather than showing a stub of one to three cells. */
START_TEST(test_tui_margin_bar_needs_four_cells)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (int width = 1; width <= 4; width++) {
		struct tui_grid *g = grid_new(1, 12);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 1, 12};
		struct smug_decision d = {.value = 1000, .winner = 0, .runner = 1, .n_cand = 2};
		struct smug_explanation ex = {.n_cand = 2, .winner = 0, .runner = 1};
		char *text;
		size_t drawn;

		ex.cand[0].expected_loss = 500;
		ex.cand[1].expected_loss = 750;
		tui_margin_bar(&cv, 0, 2, width, &d, &ex);
		text = grid_dump(g);
		text[strcspn(text, "\n")] = '\0';
		drawn = strlen(text) - strspn(text, " ");
		ck_assert_msg(width < 4 ? drawn == 0 : drawn > 0, "room for %d cell(s): the bar row reads '%s'", width,
			      text);
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* Wrapped text fills each row to its width (less a column kept off the
 * frame when the width is over 8) and breaks at the last space that fits:
 * a word ending on a row's last column stays on that row, a word longer
 * than a row is broken at the row's end; canvas_wrap_rows counts the
 * rows canvas_wrap takes. Text that needs more rows than it is given
 * ends its last row with an ellipsis: the reader sees it goes on. */
START_TEST(test_tui_wrap_fills_each_row_to_its_width)
{
	static const struct {
		int width;
		const char *text, *rows[3];
	} cases[] = {
		{21, "abcdefghij klmnopqrs tuvw", {"abcdefghij klmnopqrs", "tuvw"}},
		{21, "xxxxxxxxxxxxxxxxxxxxxxxxx yy", {"xxxxxxxxxxxxxxxxxxxx", "xxxxx yy"}},
		{6, "abc de fghijk", {"abc de", "fghijk"}},
		{6, "abc def", {"abc", "def"}},
	};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tui_grid *g = grid_new(4, 30);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 4, 30};
		char *text = NULL, *p;
		int want = 0, got = canvas_wrap(&cv, 0, 0, cases[i].width, 3, ROLE_NORMAL, cases[i].text);

		while (want < 3 && cases[i].rows[want])
			want++;
		text = grid_dump(g);
		p = text;
		for (int r = 0; r < 3; r++) {
			char row[64], *end;

			snprintf(row, sizeof row, "%.*s", (int)strcspn(p, "\n"), p);
			for (end = row + strlen(row); end > row && end[-1] == ' '; end--)
				;
			*end = '\0';
			ck_assert_msg(strcmp(row, r < want ? cases[i].rows[r] : "") == 0,
				      "'%s' wrapped %d wide: row %d reads '%s', want '%s'", cases[i].text, cases[i].width, r,
				      row, r < want ? cases[i].rows[r] : "");
			p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
		}
		ck_assert_int_eq(got, want);
		ck_assert_int_eq(canvas_wrap_rows(cases[i].width, cases[i].text), want);
		free(text);
		grid_free(g);
	}
	for (int max_rows = 1; max_rows <= 3; max_rows++) { /* "abc def ghi jkl" in fewer rows than its 4 */
		struct tui_grid *g = grid_new(4, 30);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 4, 30};
		char *text, *p;

		ck_assert_int_eq(canvas_wrap(&cv, 0, 0, 6, max_rows, ROLE_NORMAL, "abc def ghi jkl"), max_rows);
		text = grid_dump(g);
		p = text;
		for (int r = 1; r < max_rows; r++)
			p += strcspn(p, "\n") + 1;
		p[strcspn(p, "\n")] = '\0';
		ck_assert_msg(strstr(p, "\xe2\x80\xa6") != NULL, "'abc def ghi jkl' in %d rows 6 wide: the last row reads '%s'",
			      max_rows, p);
		free(text);
		grid_free(g);
	}
	close_app(&a, w);
}
END_TEST

/* Enter on a knob of the config view asks its new value with the knob's
 * value now filled in, for every knob (the default world, route_topk set
 * to 20). */
START_TEST(test_tui_config_enter_offers_the_knobs_value)
{
	struct smug_world *w = world_at(1);
	struct smug_error err;
	struct tui_app a;
	int n;
	const struct smug_knob *k = smug_knob_table(&n);

	ck_assert_int_eq(smug_config_set(w, "smuggling.route_topk", "20", &err), SMUG_OK);
	tui_app_init(&a, w, &opts);
	feed(&a, "C");
	draw(&a, 48, 160);
	for (int i = 0; i < n; i++) {
		char val[80];

		if (i > 0)
			tui_handle_key(&a, KEY_DOWN);
		tui_handle_key(&a, '\n');
		ck_assert_int_eq(a.prompt, PROMPT_KNOB);
		smug_knob_format(&w->cfg, &k[i], val, sizeof val);
		ck_assert_msg(strcmp(a.input.text, val) == 0, "Enter on %s (= %s) offers '%s'", k[i].key, val,
			      a.input.text);
		tui_handle_key(&a, 27);
		ck_assert_int_eq(a.prompt, PROMPT_NONE);
	}
	close_app(&a, w);
}
END_TEST

/* ---- the map's keys, clicks and zoom; the why view's lists and what-if;
 * the prompts' answers (issue 16, broad round on app.c, pane_map.c and
 * view_why.c) ---- */

/* The mark nearest mark `from` that way (dy, dx: one of them -1 or 1),
 * in steps of a column, a row counting two (a cell is about twice as
 * tall as it is wide): the steps along the way plus those across it, a
 * tie to the lower corridor; -1 when no mark lies that way. */
static int map_nearest_that_way(const struct tui_app *a, int from, int dy, int dx)
{
	int best = -1;
	long best_steps = 0;

	for (int i = 0; i < a->n_marks; i++) {
		long rows = 2L * (a->marks[i].y - a->marks[from].y), cols = a->marks[i].x - a->marks[from].x;
		long along = dy ? rows * dy : cols * dx, across = dy ? labs(cols) : labs(rows);

		if (i == from || along <= 0)
			continue;
		if (best < 0 || along + across < best_steps ||
		    (along + across == best_steps && a->marks[i].corridor < a->marks[best].corridor)) {
			best = i;
			best_steps = along + across;
		}
	}
	return best;
}

/* On the map (the full-screen view and the Map pane of the main view)
 * an arrow selects the border whose mark is the nearest that way, from
 * every mark and in each of the four ways, and keeps the selection when
 * no mark lies that way; with nothing selected an arrow selects a
 * border on the map. */
START_TEST(test_tui_map_arrows_go_to_the_nearest_mark_that_way)
{
	static const int keys[4] = {KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT};
	static const int dys[4] = {-1, 1, 0, 0}, dxs[4] = {0, 0, -1, 1};
	static const char *const way[4] = {"Up", "Down", "Left", "Right"};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);

	for (int pane = 0; pane < 2; pane++) {
		int moved = 0, stayed = 0;
		bool on_a_mark = false;

		if (pane)
			feed(&a, "\0334"); /* Esc to the main view, 4: the Map pane (a pane of its own at 160 columns) */
		else
			tui_handle_key(&a, 'M');
		ck_assert_int_eq(a.view, pane ? VIEW_MAIN : VIEW_MAP);
		tui_select_border(&a, -1);
		draw(&a, 48, 160);
		ck_assert_int_gt(a.n_marks, 10);
		tui_handle_key(&a, KEY_DOWN);
		for (int i = 0; i < a.n_marks; i++)
			on_a_mark |= a.marks[i].corridor == a.border;
		ck_assert_msg(on_a_mark, "%s: Down with nothing selected selected border %d, which has no mark",
			      pane ? "the Map pane" : "the map view", a.border);
		for (int i = 0; i < a.n_marks; i++)
			for (int k = 0; k < 4; k++) {
				int c = a.marks[i].corridor, want = map_nearest_that_way(&a, i, dys[k], dxs[k]);
				int want_c = want >= 0 ? a.marks[want].corridor : c;

				tui_select_border(&a, c);
				tui_handle_key(&a, keys[k]);
				ck_assert_msg(a.border == want_c,
					      "%s: %s from %s (row %d, column %d) selected %s, want %s (row %d, column %d)",
					      pane ? "the Map pane" : "the map view", way[k], w->corridors[c].id, a.marks[i].y,
					      a.marks[i].x, a.border >= 0 ? w->corridors[a.border].id : "nothing",
					      w->corridors[want_c].id, want >= 0 ? a.marks[want].y : a.marks[i].y,
					      want >= 0 ? a.marks[want].x : a.marks[i].x);
				moved += want >= 0;
				stayed += want < 0;
			}
		ck_assert_int_gt(moved, 4 * a.n_marks / 2);
		ck_assert_int_gt(stayed, 3); /* the outermost marks have no mark beyond them */
	}
	close_app(&a, w);
}
END_TEST

/* A click on a border's mark selects that border, for every mark of the
 * map view and for a mark of the Map pane (which the click focuses); a
 * click further than a few cells from every mark keeps the selection. */
START_TEST(test_tui_map_click_on_a_mark_selects_it_and_far_from_all_nothing)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int far = 0, keep;

	tui_handle_key(&a, 'M');
	draw(&a, 48, 160);
	ck_assert_int_gt(a.n_marks, 10);
	for (int i = 0; i < a.n_marks; i++) {
		tui_select_border(&a, -1);
		tui_click(&a, a.marks[i].y + 2, a.marks[i].x); /* the map view starts on the screen's third row */
		ck_assert_msg(a.border == a.marks[i].corridor, "a click on %s's mark (row %d, column %d) selected border %d",
			      w->corridors[a.marks[i].corridor].id, a.marks[i].y, a.marks[i].x, a.border);
	}
	keep = a.marks[a.n_marks / 2].corridor;
	for (int y = 1; y < 44 && far < 30; y += 3)
		for (int x = 1; x < 158 && far < 30; x += 5) {
			long nearest = -1;

			for (int i = 0; i < a.n_marks; i++) {
				long dy = a.marks[i].y - y, dx = a.marks[i].x - x, d = 4 * dy * dy + dx * dx;

				if (nearest < 0 || d < nearest)
					nearest = d;
			}
			if (nearest <= 4 * 3 * 3) /* within three rows or six columns of a mark */
				continue;
			tui_select_border(&a, keep);
			tui_click(&a, y + 2, x);
			ck_assert_msg(a.border == keep, "a click at row %d, column %d, far from every mark, selected %s", y, x,
				      a.border >= 0 ? w->corridors[a.border].id : "nothing");
			far++;
		}
	ck_assert_int_ge(far, 30);
	/* the Map pane of the main view: its own coordinates */
	feed(&a, "\0331");
	draw(&a, 48, 160);
	ck_assert_int_eq(a.focus, PANE_FACTIONS);
	ck_assert_int_gt(a.n_marks, 10);
	{
		const struct tui_rect *r = &a.pane_rect[PANE_MAP];
		int i = a.n_marks - 1;

		tui_select_border(&a, -1);
		tui_click(&a, r->y + a.marks[i].y, r->x + a.marks[i].x);
		ck_assert_int_eq(a.focus, PANE_MAP);
		ck_assert_msg(a.border == a.marks[i].corridor, "a click on %s's mark in the Map pane selected border %d",
			      w->corridors[a.marks[i].corridor].id, a.border);
	}
	close_app(&a, w);
}
END_TEST

/* The map view's body (between the frame's top and the legend): the
 * row and column of its middle cell, in the view's coordinates (those
 * of the marks) for a screen rows x cols. */
static void map_view_middle(int rows, int cols, int *y, int *x)
{
	int body_h = rows - 3 - 2 - 1, body_w = cols - 2; /* header, footer; frame; legend */

	*y = 1 + (body_h - 1) / 2;
	*x = 1 + body_w / 2;
}

static const struct tui_mark *mark_of(const struct tui_app *a, int corridor)
{
	for (int i = 0; i < a->n_marks; i++)
		if (a->marks[i].corridor == corridor)
			return &a->marks[i];
	return NULL;
}

/* z zooms the map in up to 16 times around the selected border (its
 * mark stays in the middle of the map; the title says the zoom), Z
 * zooms out to the whole world; unzoomed, the whole world shows whatever
 * is selected: every ward labelled once. */
START_TEST(test_tui_map_zoom_centres_on_the_selected_border)
{
	struct smug_world *w = world_at(60);
	struct tui_app a;
	const struct tui_mark *m;
	int my, mx, far = -1, far_d = -1;
	char *s, *row[64], want[64];

	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	draw(&a, 48, 160);
	map_view_middle(48, 160, &my, &mx);
	for (int i = 0; i < a.n_marks; i++) { /* the mark furthest from the middle */
		int d = 2 * abs(a.marks[i].y - my) + abs(a.marks[i].x - mx);

		if (d > far_d) {
			far_d = d;
			far = a.marks[i].corridor;
		}
	}
	ck_assert_int_gt(far_d, 40);
	tui_select_border(&a, far);
	for (int z = 1; z <= 5; z++) {
		tui_handle_key(&a, 'z');
		s = render(&a, 48, 160);
		snprintf(want, sizeof want, ", zoom x%d]", 1 << (z < 4 ? z : 4));
		ck_assert_msg(strstr(s, want) != NULL, "after %d z the title lacks '%s'", z, want);
		free(s);
		m = mark_of(&a, far);
		ck_assert_msg(m != NULL, "zoomed x%d, the selected border %s has no mark", 1 << (z < 4 ? z : 4), w->corridors[far].id);
		ck_assert_msg(abs(m->y - my) <= 2 && abs(m->x - mx) <= 4,
			      "zoomed x%d on %s: its mark at row %d, column %d, the middle is row %d, column %d", 1 << (z < 4 ? z : 4),
			      w->corridors[far].id, m->y, m->x, my, mx);
	}
	for (int z = 0; z < 5; z++)
		tui_handle_key(&a, 'Z');
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(s, ", zoom x1]") != NULL, "Z five times does not zoom back to x1");
	{
		int n = map_rows(s, row, 64), times;

		for (int i = 0; i < w->n_wards; i++) {
			label_row(row, n, tui_short_ward(&a, i), &times);
			ck_assert_msg(times == 1, "unzoomed with %s selected, ward %s is drawn %d times", w->corridors[far].id,
				      tui_short_ward(&a, i), times);
		}
	}
	free(s);
	m = mark_of(&a, far);
	ck_assert_msg(m != NULL && 2 * abs(m->y - my) + abs(m->x - mx) == far_d,
		      "unzoomed, the selected border's mark moved from where it was with nothing selected");
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* c in the map view starts a crackdown on the selected border, as in
 * the Borders and Map panes, and c again clears it; the view stays open. */
START_TEST(test_tui_map_view_c_toggles_the_crackdown)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	int c = test_busiest_border(w);

	tui_select_border(&a, c);
	tui_handle_key(&a, 'M');
	ck_assert_int_eq(a.view, VIEW_MAP);
	ck_assert_ptr_null(smug_world_crackdown_on(w, c));
	tui_handle_key(&a, 'c');
	ck_assert_msg(smug_world_crackdown_on(w, c) != NULL, "c in the map view started no crackdown on %s",
		      w->corridors[c].id);
	ck_assert_int_eq(a.view, VIEW_MAP);
	tui_handle_key(&a, 'c');
	ck_assert_msg(smug_world_crackdown_on(w, c) == NULL, "c again in the map view left the crackdown on %s",
		      w->corridors[c].id);
	close_app(&a, w);
}
END_TEST

/* Zoomed in, the map centres on the selected border whichever it is,
 * the world's first corridor too: on a column of 5 wards (each joined to
 * the next, and the bottom one to the third), with corridor 0 selected,
 * below the world's middle, and marked by a crackdown, each z keeps its
 * mark in the middle of the map, from x2 to x16. */
START_TEST(test_tui_map_zoom_centres_on_the_first_border)
{
	struct smug_world *w = ladder_world(5, 0, 2, 1, 0);
	struct tui_app a;
	const struct tui_mark *m;
	int my, mx;

	ck_assert_msg(w->corridors[0].border, "corridor 0 (%s) is not a border", w->corridors[0].id);
	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	map_view_middle(48, 160, &my, &mx);
	tui_select_border(&a, 0);
	ck_assert_int_eq(a.border, 0);
	tui_toggle_crackdown(&a); /* a border without traffic has a mark only under a crackdown */
	ck_assert_ptr_nonnull(smug_world_crackdown_on(w, 0));
	for (int z = 1; z <= 4; z++) {
		tui_handle_key(&a, 'z');
		draw(&a, 48, 160);
		m = mark_of(&a, 0);
		ck_assert_msg(m != NULL, "zoomed x%d, the selected border 0 (%s) has no mark", 1 << z, w->corridors[0].id);
		ck_assert_msg(abs(m->y - my) <= 2 && abs(m->x - mx) <= 4,
			      "zoomed x%d on border 0 (%s): its mark at row %d, column %d, the middle is row %d, column %d",
			      1 << z, w->corridors[0].id, m->y, m->x, my, mx);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The screen's rows, one string each (the screen is cut up in place);
 * returns how many. */
static int split_rows(char *screen, char **row, int max)
{
	int n = 0;

	for (char *p = screen; *p && n < max;) {
		char *end = strchr(p, '\n');

		row[n++] = p;
		if (end == NULL)
			break;
		*end = '\0';
		p = end + 1;
	}
	return n;
}

/* The row of the why view's list for candidate k (1-based), "+k" folded
 * or "-k" unfolded right after the frame; -1 when none. */
static int why_candidate_row(char **row, int n, int k, char *sign)
{
	for (int r = 0; r < n; r++) {
		const char *p = row[r] + 3; /* past the frame's "│" */
		int num = 0, used = 0;

		if (strncmp(row[r], "\xe2\x94\x82", 3) == 0 && (p[0] == '+' || p[0] == '-') &&
		    sscanf(p + 1, "%d%n", &num, &used) == 1 && num == k && (p[1 + used] == '*' || p[1 + used] == ' ')) {
			*sign = p[0];
			return r;
		}
	}
	return -1;
}

/* line into out with the spaces after a "loss " or "cost " label cut to
 * one: the why view right-aligns those figures in their columns. */
static void squeeze_label_spaces(const char *line, char *out, size_t size)
{
	size_t at = 0;

	for (const char *p = line; *p && at + 1 < size;) {
		if (p != line && (strncmp(p - 1, " loss ", 6) == 0 || strncmp(p - 1, " cost ", 6) == 0)) {
			for (int k = 0; k < 5 && at + 1 < size; k++)
				out[at++] = *p++;
			while (*p == ' ')
				p++;
			continue;
		}
		out[at++] = *p++;
	}
	out[at] = '\0';
}

/* Enter on a candidate of the why view unfolds it: "-k", and right
 * below it a row per edge of its route in order, each starting with
 * border or corridor, naming it, its risk_est and cost_est, learned or
 * prior, its expected loss and cost, and then the next candidate's row,
 * no more edges than the route has; Enter again folds it back ("+k",
 * no edge rows). For each candidate of a day-60 decision. */
START_TEST(test_tui_why_enter_unfolds_a_candidate_into_its_edges)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_explanation *x;
	int di, unfolded = 0;

	tui_handle_key(&a, '2');
	feed(&a, "\r");
	ck_assert_int_eq(a.view, VIEW_WHY);
	x = view_why_explanation(&a, &di);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_ge(x->n_cand, 3);
	for (int i = 0; i < x->n_cand && i < 6; i++) {
		const struct smug_explain_candidate *c = &x->cand[i];
		char *s, *row[96], sign = 0;
		int n, r;

		tui_handle_key(&a, KEY_HOME);
		for (int k = 0; k < i; k++)
			tui_handle_key(&a, KEY_DOWN);
		tui_handle_key(&a, '\r');
		s = render(&a, 90, 160);
		n = split_rows(s, row, 96);
		r = why_candidate_row(row, n, i + 1, &sign);
		ck_assert_msg(r >= 0, "candidate #%d not in the list", i + 1);
		ck_assert_msg(sign == '-', "candidate #%d unfolded reads '%c%d'", i + 1, sign, i + 1);
		for (int e = 0; e + 1 < c->n_nodes; e++) {
			const struct smug_explain_edge *g = &c->edges[e];
			char id[64], want[6][80];
			const char *line = r + 1 + e < n ? row[r + 1 + e] : "";
			char aligned[1024];

			/* the figures right-aligned in their columns: "loss  8.49" reads "loss 8.49" */
			squeeze_label_spaces(line, aligned, sizeof aligned);
			tui_short_corridor(&a, g->corridor, id, sizeof id);
			snprintf(want[0], sizeof want[0], " %s ", id);
			snprintf(want[1], sizeof want[1], "%s ", g->border ? "border" : "corridor"); /* indented */
			snprintf(want[2], sizeof want[2], "risk_est %.3f ", g->risk_est);
			snprintf(want[3], sizeof want[3], "cost_est %.3f ", g->cost_est);
			snprintf(want[4], sizeof want[4], " %s ", g->known ? "learned" : "prior");
			strcpy(want[5], "loss ");
			fmt_money(want[5] + 5, sizeof want[5] - 5, (int64_t)(g->expected_loss + 0.5), 10);
			for (int k = 0; k < 6; k++)
				ck_assert_msg(k == 1 ? strncmp(line, "\xe2\x94\x82  ", 5) == 0 &&
							       strncmp(line + 3 + strspn(line + 3, " "), want[k], strlen(want[k])) == 0
						     : strstr(k == 5 ? aligned : line, want[k]) != NULL,
					      "candidate #%d, edge %d of %d: no '%s' in '%s'", i + 1,
					      e + 1, c->n_nodes - 1, want[k], line);
			strcpy(want[5], "cost ");
			fmt_money(want[5] + 5, sizeof want[5] - 5, (int64_t)(g->expected_cost + 0.5), 10);
			ck_assert_msg(strstr(aligned, want[5]) != NULL, "candidate #%d, edge %d: no '%s' in '%s'", i + 1, e + 1,
				      want[5], line);
			unfolded++;
		}
		if (i + 1 < x->n_cand) {
			char next_sign = 0;
			int next = why_candidate_row(row, n, i + 2, &next_sign);

			ck_assert_msg(next == r + c->n_nodes, "candidate #%d unfolded: %d rows before #%d, want its %d edges",
				      i + 1, next - r - 1, i + 2, c->n_nodes - 1);
		}
		free(s);
		tui_handle_key(&a, '\r');
		s = render(&a, 90, 160);
		n = split_rows(s, row, 96);
		r = why_candidate_row(row, n, i + 1, &sign);
		ck_assert_msg(r >= 0 && sign == '+', "candidate #%d folded again reads '%c%d'", i + 1, sign, i + 1);
		ck_assert_msg(r + 1 >= n || strstr(row[r + 1], "risk_est") == NULL,
			      "candidate #%d folded again still shows an edge: '%s'", i + 1, row[r + 1]);
		free(s);
	}
	ck_assert_int_ge(unfolded, 6);
	close_app(&a, w);
}
END_TEST

/* The edges c crosses and other does not, the largest expected loss
 * first (in route order on a tie); returns how many. */
static int only_by_loss(const struct smug_explain_candidate *c, const struct smug_explain_candidate *other, int *pick)
{
	int n = 0;

	for (int e = 0; e + 1 < c->n_nodes; e++) {
		bool shared = false;

		for (int f = 0; f + 1 < other->n_nodes; f++)
			shared |= other->edges[f].corridor == c->edges[e].corridor;
		if (!shared)
			pick[n++] = e;
	}
	for (int i = 1; i < n; i++) /* a stable insertion sort */
		for (int j = i; j > 0 && c->edges[pick[j - 1]].expected_loss < c->edges[pick[j]].expected_loss; j--) {
			int t = pick[j];

			pick[j] = pick[j - 1];
			pick[j - 1] = t;
		}
	return n;
}

/* Each entry of the why view's "only the winner crosses" and "only the
 * runner-up crosses" lists reads its own corridor's figures: the
 * corridors the route alone crosses, the largest expected loss first,
 * each with its risk_est, learned or prior, and its expected loss (or
 * the loss alone in the brief form). Every decision of every faction on
 * day 60, at 160x48 and 80x24. */
START_TEST(test_tui_why_lists_read_each_corridors_own_figures)
{
	static const int size[][2] = {{48, 160}, {24, 80}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int entries = 0, full = 0, brief = 0;

	tui_handle_key(&a, '2');
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < pane_routes_rows(&a); r++) {
			const struct smug_explanation *x;
			int di = -1;

			a.route_sel = r;
			x = view_why_explanation(&a, &di);
			if (x == NULL || x->winner < 0 || x->runner < 0 || x->runner == x->winner)
				continue;
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			for (int sz = 0; sz < 2; sz++) {
				char *screen = render(&a, size[sz][0], size[sz][1]), *s = unframed(screen);
				const struct smug_explain_candidate *c[2] = {&x->cand[x->winner], &x->cand[x->runner]};
				const char *who[2] = {"winner", "runner-up"};

				for (int k = 0; k < 2; k++) {
					int pick[SMUG_ROUTE_MAX_NODES], n = only_by_loss(c[k], c[1 - k], pick);
					char head[64];
					const char *p;

					snprintf(head, sizeof head, "only the %s crosses: ", who[k]);
					p = strstr(s, head);
					ck_assert_msg(p != NULL, "%dx%d: no '%s'", size[sz][1], size[sz][0], head);
					p += strlen(head);
					for (int i = 0; i < n && i < 3; i++) {
						const struct smug_explain_edge *g = &c[k]->edges[pick[i]];
						char id[64], loss[32], want[2][160];

						if (i > 0 && strncmp(p, ", ", 2) != 0)
							break; /* the rest counted, not named */
						p += i > 0 ? 2 : 0;
						tui_short_corridor(&a, g->corridor, id, sizeof id);
						fmt_money(loss, sizeof loss, (int64_t)(g->expected_loss + 0.5), 10);
						snprintf(want[0], sizeof want[0], "%s (risk %.3f %s, loss %s)", id, g->risk_est,
							 g->known ? "learned" : "prior", loss);
						snprintf(want[1], sizeof want[1], "%s (loss %s)", id, loss);
						if (strncmp(p, want[0], strlen(want[0])) == 0) {
							p += strlen(want[0]);
							full++;
						} else {
							ck_assert_msg(strncmp(p, want[1], strlen(want[1])) == 0,
								      "%dx%d, %s's decision %d: entry %d of '%s' reads '%.60s', want '%s' or '%s'",
								      size[sz][1], size[sz][0], w->factions[f].id, r, i + 1, head, p,
								      want[0], want[1]);
							p += strlen(want[1]);
							brief++;
						}
						entries++;
					}
				}
				free(s);
				free(screen);
			}
			tui_handle_key(&a, 27);
		}
	}
	ck_assert_int_ge(entries, 10);
	ck_assert_int_gt(full, 0);
	close_app(&a, w);
}
END_TEST

/* x in the why view shows the decision as the faction would plan it
 * once it met a crackdown on the border that flips it: the lever (the
 * border only the winner crosses needing the smallest rise in risk_est)
 * when there is one, else the border of the single change that flips
 * it; neither, and the view says so and shows no what-if. x again goes
 * back to the decision. Every decision of every faction on day 60. */
START_TEST(test_tui_whatif_takes_the_lever_else_the_flip_border)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int lever = 0;

	tui_handle_key(&a, '2');
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < pane_routes_rows(&a); r++) {
			const struct smug_explanation *x;
			int di = -1, want;

			a.route_sel = r;
			x = view_why_explanation(&a, &di);
			if (x == NULL)
				continue;
			want = x->lever_corridor >= 0 ? x->lever_corridor
			       : x->flip_corridor >= 0 && w->corridors[x->flip_corridor].border ? x->flip_corridor
												  : -1;
			lever += x->lever_corridor >= 0;
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			tui_handle_key(&a, 'x');
			if (want < 0) {
				ck_assert_msg(!a.whatif, "%s's decision %d: a what-if with no border that flips it",
					      w->factions[f].id, r);
				ck_assert_msg(screen_has(&a, "no border of the winner's route flips this decision"),
					      "%s's decision %d: x with no border to flip it says nothing", w->factions[f].id, r);
			} else {
				char id[64], text[128];

				ck_assert_msg(a.whatif && a.whatif_data->corridor == want,
					      "%s's decision %d: the what-if is on %s, want %s (%s)", w->factions[f].id, r,
					      a.whatif ? w->corridors[a.whatif_data->corridor].id : "nothing",
					      w->corridors[want].id, x->lever_corridor >= 0 ? "the lever" : "the flip");
				tui_short_corridor(&a, want, id, sizeof id);
				snprintf(text, sizeof text, "a crackdown on %s takes", id);
				ck_assert_msg(screen_has(&a, text), "%s's decision %d: no '%s'", w->factions[f].id, r, text);
				tui_handle_key(&a, 'x');
				ck_assert_msg(!a.whatif && !screen_has(&a, "WHAT-IF") &&
						      (x->runner < 0 || x->runner == x->winner || screen_has(&a, "RUNNER-UP")),
					      "%s's decision %d: x again does not go back to the decision", w->factions[f].id, r);
			}
			tui_handle_key(&a, 27);
		}
	}
	ck_assert_int_gt(lever, 0);
	close_app(&a, w);
}
END_TEST

/* Does the footer (where the cockpit reports what a key did) at 160x48
 * read text. */
static bool status_says(struct tui_app *a, const char *text)
{
	char *s = render(a, 48, 160);
	bool found = strstr(footer_row(s), text) != NULL;

	free(s);
	return found;
}

/* At day 0, and rewound to day 0, no border has a mark on the map (the
 * marks are the borders with traffic or a crackdown): an arrow in the
 * Map pane and in the map view keeps the selection, and the status line
 * says why and what to press, whole at 80x24, where it said nothing. */
START_TEST(test_tui_map_arrows_without_a_mark_say_why)
{
	static const int keys[4] = {KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT};
	static const char want[] = "no border to select yet: none has traffic or a crackdown; . steps a day";

	for (int rewound = 0; rewound < 2; rewound++) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, rewound ? 10 : 0);

		(void)w;
		if (rewound) {
			tui_handle_key(&a, '4');
			draw(&a, 24, 80);
			tui_handle_key(&a, KEY_DOWN);
			ck_assert_int_ge(a.border, 0); /* a border selected before the rewind */
			feed(&a, "{0\r");
			ck_assert_int_eq(a.w->day, 0);
			tui_handle_key(&a, '3');
		}
		for (int view = 0; view < 2; view++) {
			tui_handle_key(&a, view ? 'M' : '4');
			ck_assert_int_eq(a.view, view ? VIEW_MAP : VIEW_MAIN);
			for (int k = 0; k < 4; k++) {
				int before = a.border;
				char *s;

				draw(&a, 24, 80);
				ck_assert_int_eq(a.n_marks, 0);
				tui_handle_key(&a, keys[k]);
				ck_assert_int_eq(a.border, before);
				s = render(&a, 24, 80);
				ck_assert_msg(strstr(footer_row(s), want) != NULL,
					      "%s%s, arrow %d: the footer does not say why nothing is selected:\n%s",
					      view ? "the map view" : "the Map pane", rewound ? " rewound to day 0" : " on day 0",
					      k, s);
				free(s);
			}
			if (view)
				tui_handle_key(&a, 27);
		}
		close_app(&a, a.w);
	}
}
END_TEST

/* A message on the status line stays until the next key that does
 * something: a key bound to nothing leaves it, Tab (the next pane)
 * clears it and the footer lists the keys again. */
START_TEST(test_tui_status_lasts_until_the_next_key_that_acts)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 4);
	char *s;

	tui_handle_key(&a, 'a');
	ck_assert_msg(status_says(&a, "auto-crackdown on"), "a does not say the planner is on");
	ck_assert_int_eq(keymap_lookup(KEY_F(5), tui_context(&a)), ACT_NONE);
	tui_handle_key(&a, KEY_F(5));
	ck_assert_msg(status_says(&a, "auto-crackdown on"), "a key bound to nothing cleared the status");
	tui_handle_key(&a, '\t');
	s = render(&a, 48, 160);
	ck_assert_msg(strstr(footer_row(s), "auto-crackdown") == NULL && strstr(footer_row(s), "? help") != NULL,
		      "after Tab the footer reads '%.160s'", footer_row(s));
	free(s);
	close_app(&a, w);
}
END_TEST

/* The rewind prompt offers the day before today; on the first day (day
 * 0, nothing before it) { and [ open no prompt and say there is nothing
 * before it, never a day before the world began. */
START_TEST(test_tui_rewind_prompt_offers_no_day_before_the_first)
{
	for (int day = 0; day < 3; day++) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, day);
		char want[16], *s;

		ck_assert_int_eq(w->day, day);
		if (day == 0) {
			tui_handle_key(&a, '{');
			ck_assert_int_eq(a.prompt, PROMPT_NONE);
			ck_assert_msg(status_says(&a, "rewind: nothing before day 0, the first day"), "{ on day 0: %s", a.status);
			tui_handle_key(&a, '[');
			ck_assert_msg(status_says(&a, "rewind: nothing before day 0, the first day"), "[ on day 0: %s", a.status);
			ck_assert_int_eq(w->day, 0);
			close_app(&a, w);
			continue;
		}
		tui_handle_key(&a, '{');
		ck_assert_int_eq(a.prompt, PROMPT_REWIND);
		snprintf(want, sizeof want, "%d", day - 1);
		s = render(&a, 24, 80);
		ck_assert_msg(strcmp(a.input.text, want) == 0 && strstr(footer_row(s), want) != NULL,
			      "on day %d the rewind prompt offers '%s', want '%s':\n%s", day, a.input.text, want, s);
		free(s);
		close_app(&a, w);
	}
}
END_TEST

/* Every prompt says what became of its answer: quit and overwrite
 * declined, a prompt cancelled with Esc, a seed name refused, a number
 * of days refused (not a number, 0, over 100000, trailing letters) and
 * accepted, a rewind day refused, the event filter set, cleared with
 * Esc and cleared by an empty answer; the rewind prompt offers the day
 * before; a toggles the auto-crackdown planner and says which. */
/* A seed name the vault refuses ('\xc3\x9c' in \xc3\x9c"berfall, none at
 * all, a leading dot) keeps the Save prompt open with the name as typed
 * and the reason in the footer, as an answer too long does: the name is
 * corrected there, not typed again. */
START_TEST(test_tui_save_prompt_keeps_a_refused_name)
{
	static const char *const refused[][2] = {
		{"\xc3\x9c" "berfall", "'\xc3\x9c' cannot be in a seed name"},
		{"", "not a seed name (1-63 of A-Z a-z 0-9 . _ -, no leading dot or '..')"},
		{".hidden", "not a seed name (1-63 of A-Z a-z 0-9 . _ -, no leading dot or '..')"},
	};
	struct smug_world *w = world_at(3);
	struct temp_vault v;
	struct tui_app a;
	struct smug_error err;
	struct smug_seed_info *list = NULL;

	open_in_vault(&a, w, &v);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		char *s;

		tui_handle_key(&a, 's');
		tui_handle_key(&a, 21); /* Ctrl-U */
		feed(&a, refused[i][0]);
		tui_handle_key(&a, '\r');
		ck_assert_msg(a.prompt == PROMPT_SAVE, "'%s': Enter closed the Save prompt (status '%s')", refused[i][0],
			      a.status);
		ck_assert_str_eq(a.input.text, refused[i][0]);
		ck_assert_msg(strstr(a.input.note, refused[i][1]), "'%s': the note reads '%s'", refused[i][0],
			      a.input.note);
		s = render(&a, 24, 80);
		ck_assert_msg(strstr(footer_row(s), refused[i][0]) && strstr(footer_row(s), refused[i][1][0] == '\''
													? "cannot be in"
													: "not a seed name"),
			      "'%s': the footer reads '%s'", refused[i][0], footer_row(s));
		free(s);
		tui_handle_key(&a, 27);
	}
	ck_assert_int_eq(smug_vault_list(v.root, &list, &err), 0); /* nothing saved */
	free(list);
	/* corrected at the prompt, never closed: the name saves */
	tui_handle_key(&a, 's');
	feed(&a, "\xc3\x9c" "berfall\r");
	tui_handle_key(&a, 21);
	feed(&a, "Ueberfall\r");
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_msg(status_says(&a, "saved seed Ueberfall"), "status '%s'", a.status);
	close_in_vault(&a, &v);
}
END_TEST

/* The Save prompt is the one place a seed name is checked: the name it
 * offers (the seed shown) is held to the vault's rule on Enter as a typed
 * one is, and a name it accepts saves; no answer it refuses reaches the
 * save (whose own check was dead, and went). */
START_TEST(test_tui_save_prompt_checks_the_offered_name_too)
{
	struct smug_world *w = world_at(3);
	struct temp_vault v;
	struct tui_app a;
	struct smug_error err;
	struct smug_seed_info *list = NULL;

	open_in_vault(&a, w, &v);
	snprintf(a.seed_name, sizeof a.seed_name, "%s", "no spaces");
	tui_handle_key(&a, 's');
	ck_assert_str_eq(a.input.text, "no spaces");
	tui_handle_key(&a, '\r');
	ck_assert_msg(a.prompt == PROMPT_SAVE, "Enter closed the Save prompt on 'no spaces' (status '%s')", a.status);
	ck_assert_msg(strstr(a.input.note, "' ' cannot be in a seed name"), "the note reads '%s'", a.input.note);
	ck_assert_int_eq(smug_vault_list(v.root, &list, &err), 0); /* nothing saved */
	free(list);
	list = NULL;
	tui_handle_key(&a, 21); /* Ctrl-U */
	feed(&a, "no_spaces\r");
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_msg(status_says(&a, "saved seed no_spaces"), "status '%s'", a.status);
	ck_assert_int_eq(smug_vault_list(v.root, &list, &err), 1);
	free(list);
	close_in_vault(&a, &v);
}
END_TEST

START_TEST(test_tui_prompts_say_what_became_of_the_answer)
{
	static const char *const bad_days[] = {"abc", "0", "100001", "3x", "-2"};
	struct smug_world *w = world_at(4), *seed = NULL;
	struct temp_vault v;
	struct tui_app a;
	struct smug_error err;
	struct smug_seed_info *list = NULL;
	char want[128], *s;
	int day;

	open_in_vault(&a, w, &v);
	/* quit declined */
	tui_handle_key(&a, '.');
	ck_assert(tui_handle_key(&a, 'q'));
	ck_assert_int_eq(a.prompt, PROMPT_QUIT);
	ck_assert(tui_handle_key(&a, 'n'));
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_msg(status_says(&a, "quit cancelled"), "n at the quit prompt does not say the quit was cancelled");
	/* a seed name refused, then saved; overwriting it declined */
	tui_handle_key(&a, 's');
	feed(&a, "bad name\r");
	ck_assert_int_eq(a.prompt, PROMPT_SAVE); /* refused: the prompt stays with the name */
	ck_assert_str_eq(a.input.text, "bad name");
	ck_assert_msg(strstr(a.input.note, "' ' cannot be in a seed name (A-Z a-z 0-9 . _ -)"),
		      "a name with a space is not refused with the rule: '%s'", a.input.note);
	tui_handle_key(&a, 21); /* Ctrl-U */
	feed(&a, "a..b\r");
	ck_assert_int_eq(a.prompt, PROMPT_SAVE);
	ck_assert_msg(strstr(a.input.note, "not a seed name (1-63 of A-Z a-z 0-9 . _ -, no leading dot or '..')"),
		      "a..b is not refused with the rule: '%s'", a.input.note);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(smug_vault_list(v.root, &list, &err), 0);
	free(list);
	tui_handle_key(&a, 's');
	tui_handle_key(&a, 21); /* Ctrl-U */
	feed(&a, "one\r");
	ck_assert(status_says(&a, "saved seed one"));
	tui_handle_key(&a, '.');
	tui_handle_key(&a, 's');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.prompt, PROMPT_OVERWRITE);
	tui_handle_key(&a, 'x'); /* anything but y declines */
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_msg(status_says(&a, "save cancelled"), "declining the overwrite does not say the save was cancelled");
	ck_assert_int_eq(smug_vault_load(v.root, "one", &seed, &err), SMUG_OK);
	ck_assert_int_eq(seed->day, w->day - 1);
	smug_world_free(seed);
	/* Esc at a prompt */
	tui_handle_key(&a, 'n');
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.prompt, PROMPT_NONE);
	ck_assert_msg(status_says(&a, "cancelled"), "Esc at the step prompt does not say it cancelled");
	/* days refused and accepted */
	day = w->day;
	for (size_t i = 0; i < sizeof bad_days / sizeof bad_days[0]; i++) {
		tui_handle_key(&a, 'n');
		feed(&a, bad_days[i]);
		tui_handle_key(&a, '\r');
		snprintf(want, sizeof want, "'%s': expected a number of days from 1 to 100000", bad_days[i]);
		ck_assert_msg(status_says(&a, want), "step '%s' does not say '%s'", bad_days[i], want);
		ck_assert_msg(w->day == day, "step '%s' stepped to day %d from %d", bad_days[i], w->day, day);
	}
	feed(&a, "n2\r");
	ck_assert_int_eq(w->day, day + 2);
	snprintf(want, sizeof want, "stepped 2 days to day %d", w->day);
	ck_assert_msg(status_says(&a, want), "stepping 2 days does not say '%s'", want);
	/* rewind: the day before offered; a day that is not a number refused */
	tui_handle_key(&a, '{');
	ck_assert_int_eq(a.prompt, PROMPT_REWIND);
	snprintf(want, sizeof want, "%d", w->day - 1);
	s = render(&a, 24, 80);
	ck_assert_msg(strstr(footer_row(s), want) != NULL && strcmp(a.input.text, want) == 0,
		      "the rewind prompt offers '%s', want the day before, %s", a.input.text, want);
	free(s);
	feed(&a, "x\r");
	ck_assert_msg(status_says(&a, "rewind: 'x' is not a day before day"), "rewind to 'x' is not refused");
	ck_assert_int_eq(w->day, day + 2);
	/* the event filter */
	feed(&a, "5/seized\r");
	ck_assert_str_eq(a.filter, "seized");
	ck_assert(status_says(&a, "filter set (Esc clears it)"));
	tui_handle_key(&a, 27);
	ck_assert_str_eq(a.filter, "");
	ck_assert_msg(status_says(&a, "filter cleared"), "Esc does not say it cleared the filter");
	tui_handle_key(&a, '/');
	feed(&a, "lost");
	tui_handle_key(&a, 27);
	ck_assert_str_eq(a.filter, "");
	ck_assert(status_says(&a, "cancelled"));
	tui_handle_key(&a, '/');
	feed(&a, "lost\r/");
	ck_assert_str_eq(a.filter, "lost");
	tui_handle_key(&a, 21);
	tui_handle_key(&a, '\r');
	ck_assert_str_eq(a.filter, "");
	ck_assert_msg(status_says(&a, "filter cleared"), "an empty filter does not say it cleared the filter");
	/* the auto-crackdown planner */
	for (int k = 0; k < 2; k++) {
		bool was = w->cfg.crackdown.auto_enabled;

		tui_handle_key(&a, 'a');
		ck_assert(w->cfg.crackdown.auto_enabled == !was);
		ck_assert_msg(status_says(&a, was ? "auto-crackdown off" : "auto-crackdown on"), "a does not say the planner is %s",
			      was ? "off" : "on");
	}
	close_in_vault(&a, &v);
}
END_TEST

/* The header names a seed of more than 24 characters by its start and
 * its end around an ellipsis ('campaign-yea…east-gate-b'), so it reads
 * as cut and two names that differ at their end stay apart: it showed
 * the first 24 characters with no mark ('campaign-year-200-crackd'),
 * naming a seed the vault does not hold. At 80x24 and 120x40. */
START_TEST(test_tui_header_cuts_a_long_seed_name_with_a_mark)
{
	struct smug_world *w = world_at(5);
	struct temp_vault v;
	struct tui_app a;

	open_in_vault(&a, w, &v);
	tui_handle_key(&a, 's');
	feed(&a, "campaign-year-200-crackdown-east-gate-b\r");
	ck_assert(status_says(&a, "saved seed campaign-year-200-crackdown-east-gate-b"));
	for (int s = 0; s < 2; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]), head[1024];

		snprintf(head, sizeof head, "%.*s", (int)strcspn(screen, "\n"), screen);
		assert_on_screen(strstr(head, "seed campaign-yea\xe2\x80\xa6" "east-gate-b ") != NULL, screen,
				 "%dx%d: the header does not name the seed by its start and end: '%s'", cut_sizes[s][1],
				 cut_sizes[s][0], head);
		free(screen);
	}
	close_in_vault(&a, &v);
}
END_TEST

/* The load view's columns are as wide as the longest seed name, so each
 * seed's day and digest stand under the ones above them: a seed named
 * with 52 characters (names take up to 63) put its 'day 20' 28 columns
 * right of the other seed's 'day 21' and, at 80 columns, its digest off
 * the screen ('dosadi-36 …'); now the name is cut in its middle where
 * the screen has no room ('xxxxxxxxxxxxxxx…xxxxxxxxxxxxx1'), at 80x24,
 * 120x40 and 200x60. */
START_TEST(test_tui_load_view_keeps_its_columns_with_long_names)
{
	struct smug_world *w = world_at(20);
	struct temp_vault v;
	struct tui_app a;
	char longname[64], answer[72];

	open_in_vault(&a, w, &v);
	memset(longname, 'x', 51);
	snprintf(longname + 51, sizeof longname - 51, "1");
	snprintf(answer, sizeof answer, "%s\r", longname);
	tui_handle_key(&a, 's');
	feed(&a, answer);
	ck_assert(status_says(&a, "saved seed"));
	tui_handle_key(&a, '.');
	tui_handle_key(&a, 's');
	feed(&a, "\x15one\r"); /* Ctrl-U: the offered name cleared */
	ck_assert(status_says(&a, "saved seed one"));
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.view, VIEW_LOAD);
	ck_assert_int_eq(a.n_seeds, 2);
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]), line[2][1024];
		int day_at[2];

		for (int i = 0; i < 2; i++) {
			char digest[24], start[24];
			const char *day;

			snprintf(digest, sizeof digest, "%016llx", (unsigned long long)a.seeds[i].digest);
			snprintf(start, sizeof start, "\xe2\x94\x82 %.10s", a.seeds[i].name); /* "│ one" */
			line[i][0] = '\0'; /* the seed's row: its name's start and a day */
			for (const char *p = screen; *p && line[i][0] == '\0';) {
				const char *end = strchr(p, '\n');

				snprintf(line[i], sizeof line[i], "%.*s", (int)(end ? end - p : (long)strlen(p)), p);
				if (strstr(line[i], start) == NULL || strstr(line[i], " day ") == NULL)
					line[i][0] = '\0';
				p = end ? end + 1 : p + strlen(p);
			}
			assert_on_screen(line[i][0] != '\0', screen, "no row of seed %s", a.seeds[i].name);
			assert_on_screen(strstr(line[i], digest) != NULL, screen, "%dx%d: seed %s shown without its digest %s",
					 cut_sizes[s][1], cut_sizes[s][0], a.seeds[i].name, digest);
			day = strstr(line[i], " day ");
			ck_assert_ptr_nonnull(day);
			day_at[i] = text_cols(line[i]) - text_cols(day);
		}
		assert_on_screen(day_at[0] == day_at[1], screen, "%dx%d: the seeds' days at columns %d and %d",
				 cut_sizes[s][1], cut_sizes[s][0], day_at[0], day_at[1]);
		free(screen);
	}
	close_in_vault(&a, &v);
}
END_TEST

/* A seed loaded from the vault starts its selections afresh: no border
 * selected (the map's legend names none), no event selected, the first
 * route of the first faction with a network, no what-if. */
START_TEST(test_tui_loaded_seed_starts_its_selections_afresh)
{
	struct smug_world *w = world_at(30);
	struct temp_vault v;
	struct tui_app a;
	char id[64], legend[80];
	int fac[SMUG_FACTIONS_MAX];

	open_in_vault(&a, w, &v);
	tui_handle_key(&a, 's');
	feed(&a, "one\r");
	ck_assert(status_says(&a, "saved seed one"));
	tui_select_border(&a, test_busiest_border(w));
	tui_short_corridor(&a, a.border, id, sizeof id);
	snprintf(legend, sizeof legend, "[%s]", id);
	tui_handle_key(&a, 'M');
	ck_assert(screen_has(&a, legend)); /* the map's legend names the selection */
	tui_handle_key(&a, 27);
	tui_handle_key(&a, '1');
	tui_handle_key(&a, KEY_RIGHT);
	tui_handle_key(&a, '2');
	tui_handle_key(&a, KEY_DOWN);
	ck_assert_int_gt(a.route_sel, 0);
	tui_handle_key(&a, '5');
	tui_handle_key(&a, KEY_UP);
	draw(&a, 48, 160);
	ck_assert_int_ge(a.event_sel, 0);
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.view, VIEW_LOAD);
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_ptr_ne(a.w, w); /* the old world was freed by the load */
	ck_assert_int_eq(a.border, -1);
	tui_handle_key(&a, 'M');
	ck_assert_msg(!screen_has(&a, legend), "after the load the map still names %s as selected", legend);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.event_sel, -1);
	ck_assert_int_eq(a.route_sel, 0);
	ck_assert_int_gt(tui_network_factions(a.w, fac, SMUG_FACTIONS_MAX), 1);
	ck_assert_int_eq(a.faction, fac[0]);
	ck_assert(!a.whatif);
	close_in_vault(&a, &v);
}
END_TEST

/* Below 150 columns the Map shares the Borders table's place: 4 shows
 * the map there, 3 the table again; from 150 columns both have a pane.
 * Tab and Shift-Tab walk the five panes round. */
START_TEST(test_tui_map_and_borders_share_a_place_when_narrow)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);

	for (int k = 0; k < 2; k++) {
		tui_handle_key(&a, k ? '3' : '4');
		ck_assert_int_eq(a.focus, k ? PANE_BORDERS : PANE_MAP);
		ck_assert_msg(screen_has(&a, "4 Map") && screen_has(&a, "3 Borders:"), "at 160 columns with %s focused, "
			      "the map and the table do not both show", k ? "Borders" : "Map");
		{
			char *s = render(&a, 40, 120);

			ck_assert_msg((strstr(s, "4 Map") != NULL) == !k && (strstr(s, "3 Borders:") != NULL) == !!k,
				      "at 120 columns with %s focused: the map %s, the table %s", k ? "Borders" : "Map",
				      strstr(s, "4 Map") ? "shows" : "does not show", strstr(s, "3 Borders:") ? "shows" : "does not show");
			free(s);
		}
	}
	for (int p = 0; p < 2 * PANE_COUNT; p++) {
		int was = a.focus;

		tui_handle_key(&a, '\t');
		ck_assert_int_eq(a.focus, (was + 1) % PANE_COUNT);
	}
	for (int p = 0; p < 2 * PANE_COUNT; p++) {
		int was = a.focus;

		tui_handle_key(&a, KEY_BTAB);
		ck_assert_int_eq(a.focus, (was + PANE_COUNT - 1) % PANE_COUNT);
	}
	close_app(&a, w);
}
END_TEST

#ifdef HAVE_MALLINFO2
/* Asking to save over an existing seed and declining, and opening and
 * closing the load view, 1,000 times each, give back all the memory they
 * take (each lists the vault), within 64 KiB. */
START_TEST(test_tui_save_and_load_prompts_give_their_memory_back)
{
	struct smug_world *w = world_at(3);
	struct temp_vault v;
	struct tui_app a;
	size_t before;

	open_in_vault(&a, w, &v);
	tui_handle_key(&a, 's');
	feed(&a, "one\r");
	feed(&a, "s\rn" "o\033");
	before = test_heap_in_use();
	for (int i = 0; i < 1000; i++) {
		feed(&a, "s\r");
		ck_assert_int_eq(a.prompt, PROMPT_OVERWRITE);
		feed(&a, "n" "o");
		ck_assert_int_eq(a.view, VIEW_LOAD);
		tui_handle_key(&a, 27);
	}
	ck_assert_msg(test_heap_in_use() < before + (64u << 10), "1000 save prompts and load views keep %zu bytes more",
		      test_heap_in_use() - before);
	close_in_vault(&a, &v);
}
END_TEST
#endif

/* The why view's head reads its decision: the cargo value, the bribe
 * budget, the number of candidates and what became of it (the skip
 * reason, "shipment sent" or "no shipment"); the margin line reads the
 * runner-up's score less the winner's and the cargo again. Every
 * decision of every faction on day 60. */
START_TEST(test_tui_why_head_reads_its_decision)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int checked = 0, margins = 0, sent = 0;

	tui_handle_key(&a, '2');
	for (int f = 0; f < w->n_factions; f++) {
		a.faction = f;
		for (int r = 0; r < pane_routes_rows(&a); r++) {
			const struct smug_explanation *x;
			const struct smug_decision *d;
			char *screen, *s, v[40], m[40], want[300];
			int di = -1;

			a.route_sel = r;
			x = view_why_explanation(&a, &di);
			if (x == NULL)
				continue;
			d = &w->decisions[di];
			tui_handle_key(&a, '\r');
			ck_assert_int_eq(a.view, VIEW_WHY);
			screen = render(&a, 48, 160);
			s = unframed(screen);
			fmt_credits(v, sizeof v, d->value);
			fmt_credits(m, sizeof m, d->bribe_budget);
			snprintf(want, sizeof want, "cargo %s cr, bribe budget %s cr, %d candidates; %s", v, m, d->n_cand,
				 d->skipped[0] ? d->skipped : d->shipment ? "shipment sent" : "no shipment");
			if (strstr(s, want) == NULL)
				fprintf(stderr, "%s", screen); /* Check's messages are too short for a screen */
			ck_assert_msg(strstr(s, want) != NULL, "%s's decision %d: no '%s'", w->factions[f].id, r, want);
			if (x->winner >= 0 && x->runner >= 0 && x->runner != x->winner) {
				fmt_credits(m, sizeof m, (int64_t)(x->cand[x->runner].score - x->cand[x->winner].score + 0.5));
				snprintf(want, sizeof want, "margin %s cr; cargo %s cr:", m, v);
				ck_assert_msg(strstr(s, want) != NULL, "%s's decision %d: no '%s'", w->factions[f].id, r, want);
				margins++;
			}
			sent += d->shipment != 0;
			free(s);
			free(screen);
			tui_handle_key(&a, 27);
			checked++;
		}
	}
	ck_assert_int_ge(checked, 5);
	ck_assert_int_gt(margins, 0);
	ck_assert_int_gt(sent, 0);
	close_app(&a, w);
}
END_TEST

/* Each candidate row of the why view reads its candidate: its number
 * (starred for the winner, only the winner), score, expected loss and
 * cost, travel term, days, borders crossed and its route from its first
 * node; for every candidate of the day's first decisions at 160x90. */
START_TEST(test_tui_why_candidate_rows_read_their_candidates)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int rows_read = 0;

	tui_handle_key(&a, '2');
	for (int r = 0; r < 3 && r < pane_routes_rows(&a); r++) {
		const struct smug_explanation *x;
		char *s, *row[96];
		int di = -1, n;

		a.route_sel = r;
		x = view_why_explanation(&a, &di);
		ck_assert_ptr_nonnull(x);
		tui_handle_key(&a, '\r');
		ck_assert_int_eq(a.view, VIEW_WHY);
		s = render(&a, 90, 160);
		n = split_rows(s, row, 96);
		for (int i = 0; i < x->n_cand; i++) {
			const struct smug_explain_candidate *c = &x->cand[i];
			const double fig[4] = {c->score, c->expected_loss, c->expected_cost, c->travel_term};
			static const int width[4] = {9, 9, 9, 8};
			char sign = 0, got[8][64], want[8][64];
			int at = why_candidate_row(row, n, i + 1, &sign), borders = 0;
			const char *first = w->nodes[c->nodes[0]].id + a.node_prefix;

			ck_assert_msg(at >= 0, "decision row %d: candidate #%d not in the list", r, i + 1);
			ck_assert_int_eq(sscanf(row[at] + 4, "%63s %63s %63s %63s %63s %63s %63s %63s", got[0], got[1], got[2],
						got[3], got[4], got[5], got[6], got[7]),
					 8);
			snprintf(want[0], sizeof want[0], "%d%s", i + 1, i == x->winner ? "*" : "");
			for (int k = 0; k < 4; k++)
				fmt_money(want[1 + k], sizeof want[1 + k], (int64_t)(fig[k] + 0.5), width[k]);
			snprintf(want[5], sizeof want[5], "%d", c->travel_days);
			for (int e = 0; e + 1 < c->n_nodes; e++)
				borders += c->edges[e].border;
			snprintf(want[6], sizeof want[6], "%d", borders);
			for (int k = 0; k < 7; k++)
				ck_assert_msg(strcmp(got[k], want[k]) == 0, "decision row %d, candidate #%d: column %d reads '%s', want '%s': %s",
					      r, i + 1, k, got[k], want[k], row[at]);
			ck_assert_msg(strncmp(got[7], first, strlen(first)) == 0 && got[7][strlen(first)] == '>',
				      "decision row %d, candidate #%d: the route '%s' does not start at %s", r, i + 1, got[7], first);
			rows_read++;
		}
		free(s);
		tui_handle_key(&a, 27);
	}
	ck_assert_int_ge(rows_read, 6);
	close_app(&a, w);
}
END_TEST

/* The why view left open follows the days: a step (.) while it is open
 * shows the new day's decision on that row, its figures those of a
 * fresh explanation, not the day before's. */
START_TEST(test_tui_why_follows_the_day)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	struct smug_explanation *fresh = malloc(sizeof *fresh);
	int changed = 0;
	double before = -1;

	ck_assert_ptr_nonnull(fresh);
	tui_handle_key(&a, '2');
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_WHY);
	for (int day = 0; day < 4; day++) {
		const struct smug_explanation *x;
		char *s, want[64], head[64];
		int di;

		draw(&a, 48, 160);
		x = view_why_explanation(&a, &di);
		ck_assert_ptr_nonnull(x);
		ck_assert_int_eq(smug_explain_decision(w, di, fresh), SMUG_OK);
		ck_assert_int_eq(x->n_cand, fresh->n_cand);
		ck_assert_int_eq(x->winner, fresh->winner);
		s = render(&a, 48, 160);
		snprintf(head, sizeof head, ", day %d", w->decisions[di].day);
		ck_assert_msg(strstr(s, head) != NULL, "after %d steps the why view's title lacks '%s'", day, head);
		if (fresh->winner >= 0) {
			snprintf(head, sizeof head, "WINNER #%d", fresh->winner + 1);
			fmt_money(want, sizeof want, (int64_t)(fresh->cand[fresh->winner].score + 0.5), 20);
			ck_assert_msg(strstr(s, head) != NULL, "day %d: no '%s'", w->day, head);
			ck_assert_msg(strstr(s, want) != NULL, "day %d: the winner's score %s is not shown", w->day, want);
		}
		free(s);
		changed += day > 0 && fabs(fresh->cand[0].score - before) > 1e-9;
		before = fresh->cand[0].score;
		tui_handle_key(&a, '.');
		ck_assert_int_eq(a.view, VIEW_WHY);
	}
	ck_assert_int_gt(changed, 0);
	free(fresh);
	close_app(&a, w);
}
END_TEST

/* The what-if's line reads its figures: the border, the risk_est before
 * and under the crackdown, the winner before and whether it stays or
 * which candidate becomes the winner (the one the list then lights, and
 * the comparison heads NEW WINNER against WAS). */
START_TEST(test_tui_whatif_line_reads_its_figures)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	const struct smug_whatif *wi;
	char *s, *u, id[64], want[300];

	why_with_whatif(&a);
	wi = a.whatif_data;
	tui_short_corridor(&a, wi->corridor, id, sizeof id);
	snprintf(want, sizeof want,
		 "a crackdown on %s takes the faction's risk_est there from %.3f to %.3f, the seizure chance under it. "
		 "Winner #%d %s #%d.",
		 id, wi->risk_before, wi->risk_after, wi->winner_before + 1,
		 wi->winner_after == wi->winner_before ? "stays, not" : "becomes", wi->winner_after + 1);
	s = render(&a, 48, 160);
	u = unframed(s);
	if (strstr(u, want) == NULL)
		fprintf(stderr, "%s", s);
	ck_assert_msg(strstr(u, want) != NULL, "no '%s'", want);
	snprintf(want, sizeof want, "NEW WINNER #%d", wi->winner_after + 1);
	ck_assert_msg(strstr(u, want) != NULL, "no '%s'", want);
	if (wi->winner_after != wi->winner_before) {
		snprintf(want, sizeof want, "WAS #%d", wi->winner_before + 1);
		ck_assert_msg(strstr(u, want) != NULL, "no '%s'", want);
	}
	free(u);
	free(s);
	ck_assert_int_eq(why_lit_candidate(&a), wi->winner_after + 1);
	tui_handle_key(&a, 'w');
	ck_assert_int_eq(why_lit_candidate(&a), wi->winner_after + 1);
	close_app(&a, w);
}
END_TEST

/* In the what-if the comparison is the new winner against the winner it
 * replaces (WAS #N), not a runner-up: the route and the edges it alone
 * crosses say so ("was:", "only the old winner crosses"), and the margin
 * line, without its bar there, ends without a colon left before nothing.
 * At 120x40, where both the routes and the crossings are shown. */
START_TEST(test_tui_whatif_names_the_old_winner_not_a_runner_up)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 40);
	int rows, found = 0;

	tui_handle_key(&a, '2');
	rows = pane_routes_rows(&a);
	for (int r = 0; r < rows; r++) {
		char *s, line[400];

		tui_handle_key(&a, '\r');
		tui_handle_key(&a, 'x');
		if (a.whatif && a.whatif_data->winner_after != a.whatif_data->winner_before) {
			s = why_on_canvas(&a, 40, 120);
			ck_assert(strstr(s, "WAS #") != NULL);
			ck_assert_msg(line_with(s, "runner-up", line, sizeof line) == NULL,
				      "the what-if calls the old winner a runner-up: '%s'", line);
			ck_assert(strstr(s, "only the old winner crosses: ") != NULL);
			ck_assert(strstr(s, "│was:       ") != NULL);
			ck_assert_ptr_nonnull(line_with(s, "margin ", line, sizeof line));
			ck_assert_msg(strstr(line, " cr:") == NULL, "a colon before nothing: '%s'", line);
			free(s);
			found++;
		}
		if (a.whatif)
			tui_handle_key(&a, 'x');
		tui_handle_key(&a, 27);
		tui_handle_key(&a, KEY_DOWN);
	}
	ck_assert_msg(found > 0, "no what-if of day %d changes its winner", w->day);
	close_app(&a, w);
}
END_TEST

/* Enter on the candidate at the foot of the list expands it in view:
 * the list scrolls so its edges show below it, not past the screen's
 * end (the sign turning from + to - alone). At 80x24 and 120x40. */
START_TEST(test_tui_why_expanded_candidate_at_the_foot_shows_its_edges)
{
	static const int dims[][2] = {{24, 80}, {40, 120}};

	for (size_t k = 0; k < sizeof dims / sizeof dims[0]; k++) {
		struct tui_app a;
		struct smug_world *w = open_at(&a, 40);
		char *s;

		tui_handle_key(&a, '2');
		tui_handle_key(&a, '\r');
		ck_assert_int_eq(a.view, VIEW_WHY);
		tui_handle_key(&a, KEY_END); /* the last candidate, at the list's foot */
		free(why_on_canvas(&a, dims[k][0], dims[k][1]));
		tui_handle_key(&a, '\r');
		s = why_on_canvas(&a, dims[k][0], dims[k][1]);
		if (strstr(s, "│  border ") == NULL && strstr(s, "│  corridor ") == NULL &&
		    strstr(s, "│     border ") == NULL && strstr(s, "│     corridor ") == NULL)
			fprintf(stderr, "%s", s);
		ck_assert_msg(strstr(s, "│  border ") != NULL || strstr(s, "│  corridor ") != NULL ||
				      strstr(s, "│     border ") != NULL || strstr(s, "│     corridor ") != NULL,
			      "%dx%d: the expanded candidate's edges are off the screen", dims[k][1], dims[k][0]);
		free(s);
		close_app(&a, w);
	}
}
END_TEST

/* Every mark on the map shows its border's state: a crackdown's glyph,
 * else today's seizure flash, else its heat; the selected border's mark
 * in the selection's colour and the others in their state's. On a day
 * with seizures and a crackdown, at each size. */
START_TEST(test_tui_map_marks_show_their_borders_state)
{
	struct smug_world *w = world_at(40);
	struct tui_app a;
	int seized = 0, crackdown = -1;

	for (int k = 0; k < 60 && seized == 0; k++) {
		smug_cmd_step(w, 1);
		for (int c = 0; c < w->n_corridors; c++)
			seized += w->corridors[c].border && w->border_stats[c].seizures_today > 0;
	}
	ck_assert_int_gt(seized, 0);
	tui_app_init(&a, w, &ascii_opts);
	crackdown = test_busiest_border(w);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[crackdown].id, 1.0, -1, NULL), SMUG_OK);
	tui_handle_key(&a, 'M');
	for (int sz = 0; sz < 3; sz++) {
		int rows = sizes[sz][0], cols = sizes[sz][1], flashes = 0, cracks = 0;
		struct tui_grid *g;
		double hmax = 0;

		tui_select_border(&a, sz == 1 ? crackdown : -1);
		g = render_grid(&a, rows, cols);
		for (int c = 0; c < w->n_corridors; c++)
			if (w->corridors[c].border && (w->border_stats[c].traffic > 0 || smug_world_crackdown_on(w, c)) &&
			    map_heat(&a, c) > hmax)
				hmax = map_heat(&a, c);
		{
			char *text = grid_dump(g), *row[128];
			int n = split_rows(text, row, 128);

			for (int i = 0; i < a.n_marks; i++) {
				int c = a.marks[i].corridor, y = a.marks[i].y + 2, x = a.marks[i].x, l, role = grid_role(g, y, x);
				char want;
				int want_role;

				l = hmax > 0 ? (int)(4.0 * map_heat(&a, c) / hmax) : 0;
				l = l > 3 ? 3 : l;
				if (smug_world_crackdown_on(w, c)) {
					want = 'C';
					want_role = ROLE_CRACKDOWN;
					cracks++;
				} else if (w->border_stats[c].seizures_today > 0) {
					want = '!';
					want_role = ROLE_BAD;
					flashes++;
				} else {
					want = ".-=#"[l];
					want_role = ROLE_HEAT0 + l;
				}
				if (c == a.border)
					want_role = ROLE_SELECT;
				ck_assert_msg(y < n && row[y][x] == want && role == want_role,
					      "%dx%d: border %s's mark reads '%c' in role %d, want '%c' in role %d", cols, rows,
					      w->corridors[c].id, y < n ? row[y][x] : '?', role, want, want_role);
			}
			free(text);
		}
		ck_assert_int_ge(cracks, 1);
		ck_assert_int_gt(flashes, 0);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A click anywhere in a pane of the main view, its corners included,
 * focuses that pane (at 80, 120 and 160 columns); a click on the header
 * or the footer, or while a prompt is open, focuses nothing new. */
START_TEST(test_tui_click_in_a_pane_focuses_it_to_its_corners)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);

	for (int sz = 0; sz < 3; sz++) {
		int rows = sizes[sz][0], cols = sizes[sz][1], shown = 0;

		for (int p = 0; p < PANE_COUNT; p++) {
			struct tui_rect r;

			tui_handle_key(&a, p == PANE_MAP ? '4' : '3'); /* the map or the table in their shared place */
			draw(&a, rows, cols);
			r = a.pane_rect[p];
			if (r.h <= 0 || r.w <= 0)
				continue;
			shown++;
			for (int corner = 0; corner < 4; corner++) {
				int y = r.y + (corner & 1 ? r.h - 1 : 0), x = r.x + (corner & 2 ? r.w - 1 : 0);

				tui_handle_key(&a, p == PANE_FACTIONS ? '5' : '1');
				draw(&a, rows, cols);
				tui_click(&a, y, x);
				ck_assert_msg(a.focus == (enum tui_pane)p, "%dx%d: a click at row %d, column %d (a corner of pane %d) focused pane %d",
					      cols, rows, y, x, p, a.focus);
			}
		}
		ck_assert_int_eq(shown, PANE_COUNT);
		tui_handle_key(&a, '2');
		draw(&a, rows, cols);
		tui_click(&a, 0, cols / 2);
		tui_click(&a, rows - 1, cols / 2);
		ck_assert_msg(a.focus == PANE_ROUTES, "%dx%d: a click on the header or the footer focused pane %d", cols, rows,
			      a.focus);
		tui_handle_key(&a, 'n');
		tui_click(&a, a.pane_rect[PANE_FACTIONS].y + 1, a.pane_rect[PANE_FACTIONS].x + 1);
		ck_assert_int_eq(a.focus, PANE_ROUTES);
		ck_assert_int_eq(a.prompt, PROMPT_STEPS);
		tui_handle_key(&a, 27);
	}
	close_app(&a, w);
}
END_TEST

/* The pane keys reach what they name: Enter on the Borders table opens
 * the selected border's chart; g on an
 * event opens the chart of its border or its faction; m on the table
 * turns the map's measure; z and Z on the Map pane zoom it; c with no
 * border selected says how to pick one and changes nothing; q in a view
 * goes back to the main view without quitting; C, T and ? open their
 * view and close it again. */
START_TEST(test_tui_pane_keys_reach_what_they_name)
{
	static const char *const measures[] = {"traffic 7d", "seizure rate 7d", "bribes 7d"};
	static const int views[][2] = {{'C', VIEW_CONFIG}, {'T', VIEW_TOPK}, {'?', VIEW_HELP}, {'M', VIEW_MAP}};
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);
	uint64_t before = smug_world_digest(w);
	bool border_event = false, faction_done[SMUG_FACTIONS_MAX] = {false};
	int factions_charted = 0, factions_to_chart = 0;

	/* c with nothing selected */
	tui_handle_key(&a, '3');
	tui_select_border(&a, -1);
	tui_handle_key(&a, 'c');
	ck_assert_msg(status_says(&a, "no border selected"), "c with no border selected does not say so");
	ck_assert(!a.unsaved);
	ck_assert_uint_eq(smug_world_digest(w), before);
	/* Enter on the table */
	tui_select_border(&a, test_busiest_border(w));
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_CHART);
	ck_assert(a.chart_border);
	ck_assert_int_eq(a.border, test_busiest_border(w));
	ck_assert(tui_handle_key(&a, 27)); /* Esc closes the view (q quits) */
	ck_assert_int_eq(a.view, VIEW_MAIN);
	/* m on the table: the map's measure */
	for (int k = 0; k < 4; k++) {
		tui_handle_key(&a, 'M');
		ck_assert_msg(screen_has(&a, measures[k % 3]), "after %d m on the table the map's legend lacks '%s'", k,
			      measures[k % 3]);
		tui_handle_key(&a, 27);
		tui_handle_key(&a, 'm');
	}
	/* z and Z on the Map pane */
	tui_handle_key(&a, '4');
	for (int z = 1; z <= 2; z++) {
		char title[32];

		tui_handle_key(&a, 'z');
		snprintf(title, sizeof title, "4 Map, zoom x%d", 1 << z);
		ck_assert_msg(screen_has(&a, title), "after %d z on the Map pane its title lacks '%s'", z, title);
	}
	feed(&a, "ZZZ");
	ck_assert_msg(screen_has(&a, "4 Map ") || screen_has(&a, "4 Map]"), "Z on the Map pane does not zoom out");
	ck_assert(!screen_has(&a, "4 Map, zoom"));
	/* g on events: a border's chart, else its faction's (each network
	 * faction's, whichever faction was charted before) */
	for (int f = 0; f < w->n_factions; f++)
		factions_to_chart += w->factions[f].runs_network;
	tui_handle_key(&a, '5');
	draw(&a, 48, 160);
	for (int i = 0; i < pane_events_count(&a) && i < 200 && !(border_event && factions_charted == factions_to_chart);
	     i++) {
		int64_t seq;
		const struct smug_event *e;

		tui_handle_key(&a, KEY_HOME);
		for (int k = 0; k < i; k++)
			tui_handle_key(&a, KEY_DOWN);
		e = pane_events_at(&a, pane_events_selected(&a), &seq);
		if (e->corridor >= 0 && w->corridors[e->corridor].border && !border_event) {
			tui_handle_key(&a, 'g');
			ck_assert_int_eq(a.view, VIEW_CHART);
			ck_assert(a.chart_border);
			ck_assert_int_eq(a.border, e->corridor);
			border_event = true;
			tui_handle_key(&a, 27);
		} else if ((e->corridor < 0 || !w->corridors[e->corridor].border) && e->faction >= 0 &&
			   w->factions[e->faction].runs_network && !faction_done[e->faction]) {
			a.faction = (e->faction + 1) % w->n_factions; /* charted before: another */
			tui_handle_key(&a, 'g');
			ck_assert_int_eq(a.view, VIEW_CHART);
			ck_assert(!a.chart_border);
			ck_assert_msg(a.faction == e->faction, "g on an event of %s charts faction %d",
				      w->factions[e->faction].id, a.faction);
			faction_done[e->faction] = true;
			factions_charted++;
			tui_handle_key(&a, 27);
		}
		ck_assert_int_eq(a.focus, PANE_EVENTS);
	}
	ck_assert_msg(border_event, "no event of day 30 on a border");
	ck_assert_msg(faction_done[0] && factions_charted >= 2, "g charted %d factions from events, faction 0 %s",
		      factions_charted, faction_done[0] ? "among them" : "not");
	/* views that a key opens and closes */
	for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
		tui_handle_key(&a, views[v][0]);
		ck_assert_int_eq(a.view, views[v][1]);
		if (views[v][1] == VIEW_MAP)
			tui_handle_key(&a, 27);
		else
			tui_handle_key(&a, views[v][0]);
		ck_assert_int_eq(a.view, VIEW_MAIN);
	}
	close_app(&a, w);
}
END_TEST

/* Two wards on a slant joined by one border: the map draws the border
 * with the slant's glyph ('\' falling to the right, '/' rising) and
 * level steps between, never the other slant nor an upright step; and
 * the unzoomed map spans the world: two wards side by side stand near
 * the map's left and right edges. */
START_TEST(test_tui_map_draws_a_slanted_border_slanted_and_spans_the_world)
{
	for (int k = 0; k < 3; k++) {
		static const int pos[3][4] = {{-5, 5, 5, -5}, {-5, -5, 5, 5}, {-5, 0, 5, 0}};
		char json[1024], *text, *row[32];
		struct smug_world *w = NULL;
		struct smug_error err;
		struct tui_app a;
		struct tui_grid *g;
		int cells = 0, slanted = 0, n;

		snprintf(json, sizeof json,
			 "{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"pair\", \"name\": \"a pair\", \"seed\": 3,"
			 " \"ledger\": {\"treasury\": 100000},"
			 " \"wards\": [{\"id\": \"ward:west\", \"name\": \"West\", \"ring\": 2, \"pos\": [%d, %d]},"
			 "  {\"id\": \"ward:east\", \"name\": \"East\", \"ring\": 2, \"pos\": [%d, %d]}],"
			 " \"nodes\": [{\"id\": \"n:w\", \"ward\": \"ward:west\"}, {\"id\": \"n:e\", \"ward\": \"ward:east\"}],"
			 " \"corridors\": [{\"a\": \"n:w\", \"b\": \"n:e\"}],"
			 " \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:west\","
			 "   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}",
			 pos[k][0], pos[k][1], pos[k][2], pos[k][3]);
		ck_assert_msg(smug_world_load_json(json, strlen(json), "pair.json", &w, &err) == SMUG_OK, "%s", err.msg);
		tui_app_init(&a, w, &ascii_opts);
		tui_handle_key(&a, 'M');
		g = render_grid(&a, 24, 80);
		text = grid_dump(g);
		n = split_rows(text, row, 32);
		ck_assert_int_eq(n, 24);
		for (int y = 0; y < 24; y++)
			for (int x = 0; x < 80; x++) {
				if (grid_role(g, y, x) != ROLE_LINE)
					continue;
				cells++;
				if (k < 2) {
					ck_assert_msg(row[y][x] == (k == 0 ? '\\' : '/') || row[y][x] == '-',
						      "the %s border drawn with '%c' at row %d, column %d", k == 0 ? "falling" : "rising",
						      row[y][x], y, x);
					slanted += row[y][x] != '-';
				}
			}
		ck_assert_int_gt(cells, 3);
		ck_assert(k == 2 || slanted >= 3);
		if (k == 2) { /* side by side: the labels near the edges (one column of frame each side) */
			int wi = w->wards[0].pos[0] < w->wards[1].pos[0] ? 0 : 1;
			const char *west = tui_short_ward(&a, wi), *east = tui_short_ward(&a, 1 - wi);
			int wy = -1, wx = -1, ey = -1, ex = -1;

			for (int y = 3; y < 21; y++) {
				const char *p = strstr(row[y], west), *q = strstr(row[y], east);

				if (p && wy < 0) {
					wy = y;
					wx = (int)(p - row[y]);
				}
				if (q && ey < 0) {
					ey = y;
					ex = (int)(q - row[y]) + (int)strlen(east) - 1;
				}
			}
			ck_assert_msg(wy >= 0 && ey >= 0 && wy == ey, "the wards side by side are not on one row: %d and %d", wy, ey);
			ck_assert_msg(wx >= 1 && wx <= 6, "the western ward's label starts at column %d of 80", wx);
			ck_assert_msg(ex >= 73 && ex <= 78, "the eastern ward's label ends at column %d of 80", ex);
		}
		free(text);
		grid_free(g);
		tui_app_done(&a);
		smug_world_free(w);
	}
}
END_TEST

/* The map's legend is always one row at any width: the heat scale and
 * its measure first, then each of the crackdown, seized-today and
 * shipment parts that still fits, whole, then the selected border when
 * it fits; the short wording when the long one cannot show the scale and
 * the crackdown part. The map view drawn alone from 12 to 120 columns. */
START_TEST(test_tui_map_legend_drops_whole_parts_as_it_narrows)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	char id[64], sel[80];
	int short_seen = 0, dropped_seen = 0, sel_seen = 0;

	tui_app_init(&a, w, &ascii_opts);
	tui_select_border(&a, test_busiest_border(w));
	tui_short_corridor(&a, a.border, id, sizeof id);
	snprintf(sel, sizeof sel, "  [%s]", id);
	for (int cols = 12; cols <= 120; cols++) {
		static const char *const longs[4] = {".-=# traffic 7d", "  C crackdown", "  ! seized today", "  * shipment"};
		static const char *const shorts[4] = {".-=# heat", " C crack", " ! seized", " * ship"};
		struct tui_grid *g = grid_new(12, cols);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 12, cols};
		char *text, *row[16], line[256];
		const char *const *part;
		int in_w = cols - 2, x, n;
		const char *p;

		view_map_draw(&a, &cv);
		text = grid_dump(g);
		n = split_rows(text, row, 16);
		ck_assert_int_ge(n, 11);
		snprintf(line, sizeof line, "%.*s", in_w, row[10] + 1); /* the legend: the body's last row, inside the frame */
		for (size_t k = strlen(line); k > 0 && line[k - 1] == ' '; k--)
			line[k - 1] = '\0';
		part = (int)(strlen(longs[0]) + strlen(longs[1])) <= in_w ? longs : shorts;
		short_seen += part == shorts;
		ck_assert_msg(strncmp(line, part[0], strlen(part[0])) == 0 || (int)strlen(part[0]) > in_w,
			      "%d columns: the legend '%s' does not start with '%s'", cols, line, part[0]);
		p = line + strlen(part[0]);
		x = (int)strlen(part[0]);
		for (int i = 1; i < 4 && x <= in_w; i++) {
			bool fits = x + (int)strlen(part[i]) <= in_w;

			if (fits) {
				ck_assert_msg(strncmp(p, part[i], strlen(part[i])) == 0, "%d columns: the legend '%s' lacks '%s', which fits",
					      cols, line, part[i]);
				p += strlen(part[i]);
				x += (int)strlen(part[i]);
			}
			dropped_seen += !fits;
		}
		if (x + (int)strlen(sel) <= in_w) {
			ck_assert_msg(strcmp(p, sel) == 0, "%d columns: the legend '%s' ends in '%s', want '%s'", cols, line, p, sel);
			sel_seen++;
		} else {
			ck_assert_msg(*p == '\0' || (int)strlen(part[0]) > in_w, "%d columns: the legend '%s' goes on with '%s'",
				      cols, line, p);
		}
		free(text);
		grid_free(g);
	}
	ck_assert_int_gt(short_seen, 0);
	ck_assert_int_gt(dropped_seen, 0);
	ck_assert_int_gt(sel_seen, 0);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* ---- the full-screen views' frame: help and the seed list ---- */

/* A view's box on an ASCII screen: the row of its title and its left
 * and right frame columns; the rows of text run below the title. */
struct view_box {
	int top, bottom, left, right;
};

static struct view_box find_view_box(const struct tui_grid *g, int rows, int cols, const char *title)
{
	struct view_box b = {-1, -1, -1, -1};
	char row[512];

	for (int y = 0; y < rows && b.top < 0; y++) {
		grid_row(g, y, cols, row);
		if (strstr(row, title) != NULL) {
			b.top = y;
			b.left = (int)(strchr(row, '+') - row);
			b.right = (int)(strrchr(row, '+') - row);
		}
	}
	ck_assert_msg(b.top >= 0, "no view titled '%s' on the screen", title);
	for (int y = b.top + 1; y < rows && b.bottom < 0; y++) {
		grid_row(g, y, cols, row);
		if (row[b.left] == '+')
			b.bottom = y;
		else
			ck_assert_msg(row[b.left] == '|' && row[b.right] == '|',
				      "'%s': row %d is not framed at columns %d and %d: '%s'", title, y, b.left,
				      b.right, row);
	}
	ck_assert_msg(b.bottom > b.top + 1, "'%s' has no bottom frame", title);
	grid_row(g, b.bottom, cols, row);
	ck_assert_msg(row[b.right] == '+', "'%s': the bottom frame ends before column %d: '%s'", title, b.right, row);
	return b;
}

/* The help's entries in order: each key of the table but its aliases,
 * then the notes (the first note a blank line). */
static int help_entries(const struct tui_key **keys, int max)
{
	int n, m = 0;
	const struct tui_key *k = keymap_table(&n);

	for (int i = 0; i < n && m < max; i++)
		if (k[i].label[0] != '\0')
			keys[m++] = &k[i];
	return m;
}

#define HELP_MAX_ROWS 400

/* The help's whole text at this width, as a screen tall enough for all
 * of it shows it: each row inside the frame and margin into doc (padded
 * with blanks), the role of its first and of its tenth column into
 * roles; returns the rows. The view's scroll is kept. */
static int help_document(struct tui_app *a, int cols, char (*doc)[512], int (*roles)[2])
{
	int keep = a->story_scroll, n = 0;
	struct tui_grid *g = grid_new(HELP_MAX_ROWS, cols);
	struct view_box b;
	char row[512];

	a->story_scroll = 0;
	render_into(a, g, HELP_MAX_ROWS, cols, false);
	a->story_scroll = keep;
	b = find_view_box(g, HELP_MAX_ROWS, cols, "Keys (Esc to close, arrows scroll)");
	for (int y = b.top + 1; y < b.bottom; y++) {
		grid_row(g, y, cols, row);
		snprintf(doc[n], 512, "%.*s", b.right - 1 - (b.left + 2), row + b.left + 2);
		roles[n][0] = grid_role(g, y, b.left + 2);
		roles[n][1] = grid_role(g, y, b.left + 2 + 9);
		n++;
	}
	grid_free(g);
	while (n > 0 && doc[n - 1][strspn(doc[n - 1], " ")] == '\0')
		n--; /* the tall screen's blank rows under the text */
	ck_assert_msg(n < b.bottom - b.top - 1, "the help at %d columns fills %d rows: make the test's screen taller", cols,
		      HELP_MAX_ROWS);
	return n;
}

/* s with each run of blanks as one space and none at its ends, into out. */
static void squeeze(const char *s, char *out, size_t size)
{
	size_t at = 0;

	for (; *s && at + 1 < size; s++)
		if (*s != ' ' || (at > 0 && out[at - 1] != ' '))
			out[at++] = *s;
	while (at > 0 && out[at - 1] == ' ')
		at--;
	out[at] = '\0';
}

/* The help at this width says everything whole: each key's label in
 * the focus colour at the start of a row, then what it does and where
 * it works (keymap_where) in full, wrapped under itself on the rows
 * below (blank in the label's column), nothing cut; then a blank row
 * and the notes, dimmed, whole. */
static void check_help_document(struct tui_app *a, int cols)
{
	static char doc[HELP_MAX_ROWS][512];
	static int roles[HELP_MAX_ROWS][2];
	static const char *const note_starts[] = {"Panes: 1 Factions", "Views: g chart", "Map: heat glyphs",
						  "Days count from 1"};
	const struct tui_key *keys[256];
	int nk = help_entries(keys, 256), n = help_document(a, cols, doc, roles), y = 0, note = 0;
	const char *cut = a->th.g->ellipsis;
	char notes[4096] = "", flat_notes[4096];

	for (int e = 0; e < nk; e++) {
		char want[600], where[160], got[2048] = "", flat[2048], flat_want[600];
		size_t len = strlen(keys[e]->label);

		ck_assert_msg(y < n, "%d columns: the help ends before the key %s", cols, keys[e]->label);
		ck_assert_msg(strncmp(doc[y], keys[e]->label, len) == 0 && doc[y][len] == ' ',
			      "%d columns: row %d should start with the key %s: '%s'", cols, y, keys[e]->label, doc[y]);
		ck_assert_int_eq(roles[y][0], ROLE_FOCUS);
		ck_assert_int_eq(roles[y][1], ROLE_NORMAL);
		do {
			ck_assert_msg(strstr(doc[y], cut) == NULL, "%d columns: the help's row %d is cut: '%s'", cols, y, doc[y]);
			strcat(got, " ");
			strcat(got, doc[y] + 9);
			y++;
		} while (y < n && doc[y][strspn(doc[y], " ")] != '\0' && strspn(doc[y], " ") >= 9);
		keymap_where(keys[e]->ctx, where, sizeof where);
		snprintf(want, sizeof want, "%s  (%s)", keys[e]->help, where);
		squeeze(got, flat, sizeof flat);
		squeeze(want, flat_want, sizeof flat_want);
		ck_assert_msg(strcmp(flat, flat_want) == 0, "%d columns: the key %s reads '%s', want '%s'", cols,
			      keys[e]->label, flat, flat_want);
	}
	ck_assert_msg(y < n && doc[y][strspn(doc[y], " ")] == '\0', "%d columns: no blank row after the keys", cols);
	for (y++; y < n; y++) {
		ck_assert_msg(strstr(doc[y], cut) == NULL, "%d columns: the help's row %d is cut: '%s'", cols, y, doc[y]);
		ck_assert_int_eq(roles[y][0], ROLE_DIM);
		if (note < 4 && strncmp(doc[y], note_starts[note], strlen(note_starts[note])) == 0)
			note++;
		strcat(notes, " ");
		strcat(notes, doc[y]);
	}
	ck_assert_msg(note == 4, "%d columns: the notes lack '%s'", cols, note < 4 ? note_starts[note] : "");
	squeeze(notes, flat_notes, sizeof flat_notes);
	ck_assert_msg(strstr(flat_notes, "(Enter: story). Views:") != NULL &&
			      strstr(flat_notes, "the header shows the last one simulated.") != NULL,
		      "%d columns: the notes are not whole: '%s'", cols, flat_notes);
}

/* The help on a rows x cols screen shows its text (help_document) from
 * row `first` on, a row of it per row of its frame, and blank rows only
 * past its end; returns the rows its frame holds. */
static int check_help_rows(struct tui_app *a, int rows, int cols, int first)
{
	static char doc[HELP_MAX_ROWS][512];
	static int roles[HELP_MAX_ROWS][2];
	int n = help_document(a, cols, doc, roles);
	struct tui_grid *g = grid_new(rows, cols);
	struct view_box b;
	char row[512];

	render_into(a, g, rows, cols, false);
	b = find_view_box(g, rows, cols, "Keys (Esc to close, arrows scroll)");
	for (int y = b.top + 1; y < b.bottom; y++) {
		int r = first + y - b.top - 1;
		const char *want = r < n ? doc[r] : "";

		grid_row(g, y, cols, row);
		row[b.right - 1] = '\0';
		ck_assert_msg(row[b.left + 1] == ' ', "help: row %d lacks its margin: '%s'", y, row);
		ck_assert_msg(strncmp(row + b.left + 2, want, strlen(want)) == 0 &&
				      row[b.left + 2 + strspn(row + b.left + 2 + strlen(want), " ") + strlen(want)] == '\0',
			      "help scrolled to row %d: screen row %d reads '%s', want '%s'", first, y, row + b.left + 2, want);
	}
	grid_free(g);
	return b.bottom - b.top - 1;
}

/* The help at 80 and at 160 columns says what every key does and where,
 * whole, wrapped. Its scroll keys move it by rows: one for Up and Down,
 * ten for the page keys, to the top for Home and to the last page for
 * End; never above the first row or past the last page (which stays
 * full); any other key leaves it, and Esc closes it. */
START_TEST(test_tui_help_rows_and_scroll_keys)
{
	enum { LAST = -1, LAST_10 = -2 };
	static const struct {
		int key, top;
	} walk[] = {{KEY_DOWN, 1}, {KEY_DOWN, 2}, {KEY_NPAGE, 12}, {KEY_UP, 11}, {KEY_PPAGE, 1},  {KEY_PPAGE, 0},
		    {KEY_UP, 0},   {KEY_DOWN, 1}, {KEY_NPAGE, 11}, {KEY_HOME, 0}, {KEY_NPAGE, 10}, {KEY_END, LAST},
		    {'x', LAST},   {KEY_DOWN, LAST}, {KEY_NPAGE, LAST}, {KEY_PPAGE, LAST_10}, {KEY_END, LAST}, {KEY_HOME, 0}};
	static char doc[HELP_MAX_ROWS][512];
	static int roles[HELP_MAX_ROWS][2];
	struct tui_app a;
	struct smug_world *w = world_at(2);
	int n80, page, last;

	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, '?');
	ck_assert_int_eq(a.view, VIEW_HELP);
	check_help_document(&a, 80);
	check_help_document(&a, 160);
	n80 = help_document(&a, 80, doc, roles);
	page = check_help_rows(&a, 24, 80, 0);
	last = n80 - page;
	ck_assert_int_gt(last, 20); /* the walk's pages fit above the last one */
	check_help_rows(&a, 48, 160, 0);
	for (size_t i = 0; i < sizeof walk / sizeof walk[0]; i++) {
		int top = walk[i].top == LAST ? last : walk[i].top == LAST_10 ? last - 10 : walk[i].top;

		tui_handle_key(&a, walk[i].key);
		ck_assert_int_eq(a.view, VIEW_HELP);
		check_help_rows(&a, 24, 80, top);
	}
	/* Down past the end: the last page, full */
	for (int i = 0; i < n80 + 5; i++)
		tui_handle_key(&a, KEY_DOWN);
	check_help_rows(&a, 24, 80, last);
	tui_handle_key(&a, KEY_UP);
	check_help_rows(&a, 24, 80, last - 1);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	/* opened again, it starts at its top */
	tui_handle_key(&a, '?');
	check_help_rows(&a, 24, 80, 0);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A view opened from another view comes back to it on Esc (and on its
 * own key), and that one then back to the main view; the help opened
 * over the seed list comes back to the main view instead. */
START_TEST(test_tui_views_close_back_to_where_they_were_opened)
{
	struct tui_app a;
	struct smug_world *w = world_at(30);
	struct temp_vault v;
	struct smug_error err;

	temp_vault_init(&v, &opts);
	ck_assert_int_eq(smug_vault_save(w, v.root, "one", &err), SMUG_OK);
	tui_app_init(&a, w, &v.o);
	tui_handle_key(&a, '3');
	tui_select_border(&a, test_busiest_border(w));
	tui_handle_key(&a, '\r');
	ck_assert_int_eq(a.view, VIEW_CHART);
	tui_handle_key(&a, '?');
	ck_assert_int_eq(a.view, VIEW_HELP);
	tui_handle_key(&a, 27);
	ck_assert_msg(a.view == VIEW_CHART, "Esc in the help opened from the chart went to view %d", a.view);
	tui_handle_key(&a, '?');
	tui_handle_key(&a, '?');
	ck_assert_msg(a.view == VIEW_CHART, "? in the help opened from the chart went to view %d", a.view);
	tui_handle_key(&a, 27);
	ck_assert_msg(a.view == VIEW_MAIN, "Esc in the chart after the help went to view %d", a.view);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	/* the help over the seed list: back to the main view, the world kept */
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.view, VIEW_LOAD);
	tui_handle_key(&a, '?');
	ck_assert_int_eq(a.view, VIEW_HELP);
	tui_handle_key(&a, 27);
	ck_assert_msg(a.view == VIEW_MAIN, "Esc in the help opened over the seed list went to view %d", a.view);
	tui_handle_key(&a, 27);
	ck_assert_int_eq(a.view, VIEW_MAIN);
	ck_assert_ptr_eq(a.w, w);
	close_in_vault(&a, &v);
}
END_TEST

/* The seed list, for every selection: its rows are the seeds in order
 * from the first one shown, inside the frame; the selected one is lit
 * across the whole row and always on screen (on the last row once the
 * list has scrolled); an unreadable seed reads red, a good one shows
 * its day, scenario and digest. An empty vault says so. */
START_TEST(test_tui_load_view_rows_follow_the_selection)
{
	struct smug_world *w = world_at(3);
	struct temp_vault v;
	struct tui_app a;
	char want[160], row[512];
	int rows = 24, cols = 90;

	temp_vault_init(&v, &ascii_opts);
	/* empty */
	tui_app_init(&a, w, &v.o);
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.view, VIEW_LOAD);
	ck_assert_int_eq(a.n_seeds, 0);
	{
		struct tui_grid *g = grid_new(rows, cols);
		struct view_box b;

		render_into(&a, g, rows, cols, false);
		b = find_view_box(g, rows, cols, "Load a seed (Enter to load, Esc to cancel)");
		grid_row(g, b.top + 1, cols, row);
		ck_assert_msg(strncmp(row + b.left + 2, "the vault has no seeds yet", 26) == 0 && row[b.left + 1] == ' ',
			      "an empty seed list does not say the vault is empty on its first row: '%s'", row);
		grid_free(g);
	}
	tui_handle_key(&a, '\r');
	ck_assert_ptr_eq(a.w, w);
	tui_app_done(&a);
	vault_with_unreadable_seeds(v.root, w, 30);
	tui_app_init(&a, w, &v.o);
	tui_handle_key(&a, 'o');
	ck_assert_int_eq(a.n_seeds, 31);
	for (int sel = 0; sel < a.n_seeds; sel++) {
		struct tui_grid *g = grid_new(rows, cols);
		struct view_box b;
		int h, first, lit = -1;

		render_into(&a, g, rows, cols, false);
		b = find_view_box(g, rows, cols, "Load a seed (Enter to load, Esc to cancel)");
		h = b.bottom - b.top - 1;
		first = sel >= h ? sel - h + 1 : 0;
		for (int y = b.top + 1; y < b.bottom; y++) {
			int i = first + y - b.top - 1, x = b.left + 2;
			bool is_lit = grid_role(g, y, x) == ROLE_SELECT;

			grid_row(g, y, cols, row);
			if (i >= a.n_seeds) {
				ck_assert_msg(strspn(row + b.left + 1, " ") >= (size_t)(b.right - b.left - 1),
					      "seed list at %d: row %d past the seeds is not blank: '%s'", sel, y, row);
				continue;
			}
			ck_assert_msg(row[b.left + 1] == ' ' && strncmp(row + x, a.seeds[i].name, strlen(a.seeds[i].name)) == 0 &&
					      row[x + (int)strlen(a.seeds[i].name)] == ' ',
				      "seed list at %d: row %d should show seed %d '%s' from column %d: '%s'", sel, y, i,
				      a.seeds[i].name, x, row);
			if (is_lit) {
				ck_assert_msg(lit < 0, "seed list at %d: two rows lit", sel);
				lit = i;
				for (int c = x; c < b.right - 1; c++)
					ck_assert_msg(grid_role(g, y, c) == ROLE_SELECT,
						      "seed list at %d: the lit row %d stops at column %d", sel, y, c);
			} else {
				ck_assert_int_eq(grid_role(g, y, x), a.seeds[i].problem[0] ? ROLE_BAD : ROLE_NORMAL);
			}
			if (a.seeds[i].problem[0] == '\0') {
				snprintf(want, sizeof want, "day %-7d %-16s %016llx", w->day, w->scenario_id,
					 (unsigned long long)smug_world_digest(w));
				ck_assert_msg(strstr(row, want) != NULL, "seed list: the good seed's row lacks '%s': '%s'", want, row);
			} else {
				ck_assert_msg(strstr(row, "unreadable: ") != NULL, "seed list: row '%s' does not say it is unreadable", row);
			}
		}
		ck_assert_msg(lit == sel, "seed list at %d: row of seed %d lit", sel, lit);
		if (sel >= h)
			ck_assert_int_eq(grid_role(g, b.bottom - 1, b.left + 2), ROLE_SELECT);
		grid_free(g);
		tui_handle_key(&a, KEY_DOWN);
	}
	close_in_vault(&a, &v);
}
END_TEST

/* ---- every cell of a pane under its head, read against the model ---- */

/* A screen read one code point per cell (row_cells). */
struct cells {
	unsigned c[64][256];
	int rows, cols;
};

static void cells_of(const char *text, int rows, int cols, struct cells *s)
{
	const char *p = text;

	ck_assert(rows <= 64 && cols <= 256);
	s->rows = rows;
	s->cols = cols;
	for (int y = 0; y < rows; y++) {
		const char *end = strchr(p, '\n') ? strchr(p, '\n') : p + strlen(p);

		row_cells(p, end, s->c[y], cols);
		p = *end ? end + 1 : end;
	}
}

/* Asserts that a canvas drawn over an older frame reads cell for cell,
 * glyph and colour, as the same drawing on a fresh canvas (the terminal
 * keeps a window between frames); what names the drawing in the
 * messages. */
static void assert_as_on_fresh(const char *what, struct tui_grid *over, struct tui_grid *fresh, int rows, int cols)
{
	static struct cells got, want;
	char *t_over = grid_dump(over), *t_fresh = grid_dump(fresh);

	cells_of(t_over, rows, cols, &got);
	cells_of(t_fresh, rows, cols, &want);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			char row_got[4 * 256] = "", row_want[4 * 256] = "";

			if (got.c[y][x] != want.c[y][x]) {
				row_cols(t_over, y, 0, cols, row_got, sizeof row_got);
				row_cols(t_fresh, y, 0, cols, row_want, sizeof row_want);
			}
			ck_assert_msg(got.c[y][x] == want.c[y][x],
				      "%s: cell (%d,%d) is U+%04X, on a fresh canvas U+%04X; row %d reads '%s', want '%s'",
				      what, y, x, got.c[y][x], want.c[y][x], y, row_got, row_want);
			ck_assert_msg(grid_role(over, y, x) == grid_role(fresh, y, x),
				      "%s: cell (%d,%d) in role %d, on a fresh canvas %d", what, y, x, grid_role(over, y, x),
				      grid_role(fresh, y, x));
		}
	free(t_over);
	free(t_fresh);
}

static void read_screen(struct tui_app *a, int rows, int cols, struct cells *s)
{
	char *text = render(a, rows, cols);

	cells_of(text, rows, cols, s);
	free(text);
}

/* One pane drawn alone on a canvas of rows x cols, read into s. */
static void read_pane(struct tui_app *a, void (*pane_draw)(struct tui_app *, struct canvas *, bool), int rows, int cols,
		      struct cells *s)
{
	struct tui_grid *g = grid_new(rows, cols);
	struct canvas cv = {&a->th, NULL, g, 0, 0, rows, cols};
	char first[128], *text;

	grid_know_names(g, a->w);
	pane_draw(a, &cv, true);
	text = grid_dump(g);
	ck_assert_msg(grid_cut_numbers(g, first, sizeof first) == 0, "%dx%d: a number cut at %s", cols, rows, first);
	cells_of(text, rows, cols, s);
	free(text);
	grid_free(g);
}

/* Does row y hold the ASCII text at column x. */
static bool cells_at(const struct cells *s, int y, int x, const char *text)
{
	for (int i = 0; text[i]; i++)
		if (x + i >= s->cols || s->c[y][x + i] != (unsigned char)text[i])
			return false;
	return true;
}

/* A vertical frame line, a space or a sort mark (▾ ▴): what stands
 * around a head or a cell. */
static bool cell_gap(unsigned cp)
{
	return cp == ' ' || cp == 0x2502 || cp == 0x25be || cp == 0x25b4;
}

/* Columns [x0, x1) of row y as UTF-8 without the spaces around them. */
static void cells_text(const struct cells *s, int y, int x0, int x1, char *out, size_t size)
{
	size_t o = 0;

	while (x0 < x1 && s->c[y][x0] == ' ')
		x0++;
	while (x1 > x0 && s->c[y][x1 - 1] == ' ')
		x1--;
	for (int x = x0; x < x1 && o + 5 < size; x++) {
		unsigned cp = s->c[y][x];

		if (cp < 0x80) {
			out[o++] = (char)cp;
		} else if (cp < 0x800) {
			out[o++] = (char)(0xc0 | cp >> 6);
			out[o++] = (char)(0x80 | (cp & 0x3f));
		} else {
			out[o++] = (char)(0xe0 | cp >> 12);
			out[o++] = (char)(0x80 | (cp >> 6 & 0x3f));
			out[o++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	out[o] = '\0';
}

/* The frame of the box whose title holds `title`: its top and bottom rows,
 * its left and right columns; false when the screen shows none. */
struct box {
	int top, bottom, left, right;
};

static bool find_box(const struct cells *s, const char *title, struct box *b)
{
	for (int y = 0; y < s->rows; y++)
		for (int x = 0; x < s->cols; x++) {
			int l = x, r = x, bot = y + 1;

			if (!cells_at(s, y, x, title))
				continue;
			while (l > 0 && s->c[y][l] != 0x250c) /* ┌ */
				l--;
			while (r < s->cols - 1 && s->c[y][r] != 0x2510) /* ┐ */
				r++;
			while (bot < s->rows && s->c[bot][l] != 0x2514) /* └ */
				bot++;
			if (s->c[y][l] == 0x250c && s->c[y][r] == 0x2510 && bot < s->rows) {
				*b = (struct box){y, bot, l, r};
				return true;
			}
		}
	return false;
}

/* The heads of a table's head row y inside box b, each a run of text
 * between spaces, its sort mark (▾ descending, ▴ ascending) taken off
 * and kept. */
struct head {
	char name[24];
	int x0, x1;  /* the name's columns, [x0, x1) */
	int sort;    /* 0, +1 ascending, -1 descending */
	bool before; /* the sort mark stands before the name (a right-aligned column) */
};

/* Is the head drawn the name given: the name itself, or, marked sorted
 * and short of room, its first letters with the mark on the side of its
 * alignment. */
static bool head_is(const struct head *h, const char *name, bool right)
{
	return strcmp(h->name, name) == 0 ||
	       (h->sort && h->before == right && h->name[0] && strncmp(h->name, name, strlen(h->name)) == 0);
}

static int read_heads(const struct cells *s, int y, const struct box *b, struct head *h, int max)
{
	int n = 0;

	for (int x = b->left + 1; x < b->right && n < max;) {
		int x0, x1, sort = 0;
		bool before = false;

		if (s->c[y][x] == ' ') {
			x++;
			continue;
		}
		for (x1 = x; x1 < b->right && s->c[y][x1] != ' '; x1++)
			;
		x0 = x;
		x = x1;
		if (s->c[y][x0] == 0x25be || s->c[y][x0] == 0x25b4) {
			sort = s->c[y][x0++] == 0x25be ? -1 : 1;
			before = true;
		}
		if (s->c[y][x1 - 1] == 0x25be || s->c[y][x1 - 1] == 0x25b4)
			sort = s->c[y][--x1] == 0x25be ? -1 : 1;
		h[n] = (struct head){"", x0, x1, sort, before};
		cells_text(s, y, x0, x1, h[n].name, sizeof h[n].name);
		n++;
	}
	return n;
}

/* A right-aligned cell: the text that ends at column end (where its head
 * ends), back to a space or the frame. */
static void right_cell(const struct cells *s, int y, int end, char *out, size_t size)
{
	int x0 = end;

	while (x0 > 0 && !cell_gap(s->c[y][x0 - 1]))
		x0--;
	cells_text(s, y, x0, end, out, size);
}

/* A left-aligned cell: does the text want (UTF-8) start at column x
 * (where its head starts), with a space or the frame after it; "" for a
 * cell left blank as wide as its head. */
static bool left_cell_is(const struct cells *s, int y, int x, int head_width, const char *want)
{
	char got[256];
	int cols = text_cols(want);

	if (cols == 0) {
		cells_text(s, y, x, x + head_width, got, sizeof got);
		return got[0] == '\0';
	}
	cells_text(s, y, x, x + cols, got, sizeof got);
	return strcmp(got, want) == 0 && (x + cols >= s->cols || cell_gap(s->c[y][x + cols])) &&
	       (x == 0 || s->c[y][x - 1] == ' ' || s->c[y][x - 1] == 0x2502);
}

/* Does a drawn figure ("1234", "-56.78", "+3.2k", "4M") read v as closely
 * as its digits can. */
static bool reads_figure(const char *cell, double v)
{
	char *end;
	double x = strtod(cell, &end), unit = 1;
	const char *dot = strchr(cell, '.');
	int dec = 0;

	if (end == cell || !(isdigit((unsigned char)cell[0]) || cell[0] == '-' || cell[0] == '+'))
		return false;
	if (*end == 'k' || *end == 'M' || *end == 'G')
		unit = *end++ == 'k' ? 1e3 : end[-1] == 'M' ? 1e6 : 1e9;
	if (*end != '\0')
		return false;
	if (dot != NULL)
		dec = (int)(end - dot) - 1 - (unit > 1);
	return fabs(x * unit - v) <= 0.5 * pow(10, -dec) * unit * (1 + 1e-9);
}

/* The corridor a table's id cell names ("22.1|23.1" for n:22.1|n:23.1):
 * each half the end of its node's id, after a character that is not a
 * letter or digit; -1 when none. */
static int border_of_cell(const struct smug_world *w, const char *cell)
{
	const char *bar = strchr(cell, '|');
	size_t la, lb;

	if (bar == NULL)
		return -1;
	la = (size_t)(bar - cell);
	lb = strlen(bar + 1);
	for (int c = 0; c < w->n_corridors; c++) {
		const char *ia = w->nodes[w->corridors[c].a].id, *ib = w->nodes[w->corridors[c].b].id;
		size_t na = strlen(ia), nb = strlen(ib);

		if (na >= la && nb >= lb && memcmp(ia + na - la, cell, la) == 0 &&
		    memcmp(ib + nb - lb, bar + 1, lb) == 0 && (na == la || !isalnum((unsigned char)ia[na - la - 1])) &&
		    (nb == lb || !isalnum((unsigned char)ib[nb - lb - 1])))
			return c;
	}
	return -1;
}

/* The default world at day 60 with the crackdown planner on from day 40
 * and a crackdown of yours on the busiest border from day 51. */
static struct smug_world *crackdown_world(void)
{
	struct smug_world *w = world_at(40);
	struct smug_error err;

	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 10);
	ck_assert_msg(smug_cmd_crackdown_set(w, w->corridors[test_busiest_border(w)].id, 0.8, -1, &err) == SMUG_OK,
		      "%s", err.msg);
	smug_cmd_step(w, 10);
	return w;
}

/* Does head i of the Borders table's head row y name column col[i] of
 * the pane's own order (border, then per measure today, 7d, all, then
 * seiz%, tr, crack), under its measure's group name for a window's
 * column: the group row names each run of a measure's columns once, over
 * them (after the head before the run, ending by the run's last head). */
static bool border_head_names(const struct cells *s, int y, const struct head *h, const int *col, int n, int i)
{
	static const char *const groups[] = {"traf", "insp", "seiz", "bribes", "tariffs"}, *const wins[] = {"today", "7d", "all"};
	static const char *const others[] = {"border", "seiz%", "tr", "crack"};
	int m = (col[i] - 1) / 3, first = i, last = i, len;

	if (col[i] == 0 || col[i] > 15)
		return head_is(&h[i], others[col[i] ? col[i] - 15 : 0], col[i] == 16);
	if (!head_is(&h[i], wins[(col[i] - 1) % 3], true))
		return false;
	while (first > 0 && col[first - 1] >= 1 && col[first - 1] <= 15 && (col[first - 1] - 1) / 3 == m)
		first--;
	while (last + 1 < n && col[last + 1] >= 1 && col[last + 1] <= 15 && (col[last + 1] - 1) / 3 == m)
		last++;
	len = (int)strlen(groups[m]);
	for (int x = first > 0 ? h[first - 1].x1 + 1 : 0; x + len <= h[last].x1; x++)
		if (cells_at(s, y - 1, x, groups[m]))
			return true;
	return false;
}

/* The trend arrow a border's traffic calls for: its last 3 days against
 * the 4 before, per day (smugnet(1)); none without traffic in either. */
static const char *trend_wanted(const struct smug_world *w, int c)
{
	struct smug_border_day recent, before;
	double r, b;

	smug_border_window_sum(w, c, w->day - 2, w->day, &recent);
	smug_border_window_sum(w, c, w->day - 6, w->day - 3, &before);
	if (recent.traffic == 0 && before.traffic == 0)
		return "";
	r = recent.traffic / 3.0;
	b = before.traffic / 4.0;
	return r > 1.25 * b + 0.2 ? "\xe2\x86\x91" : r < 0.8 * b - 0.2 ? "\xe2\x86\x93" : "\xe2\x86\x92";
}

/* Every row of the Borders pane reads its border under each head: the
 * id, traffic, inspections, seizures, bribes and tariffs of today, the
 * last 7 days and all time (the core's window sums and totals), the 7-day
 * seizure rate, the trend arrow and the crackdown mark (⊗ yours, A the
 * planner's, and its first day); the rows are the borders with traffic or
 * a crackdown, as many as the title says, in the order of the column
 * marked sorted, ties by the map's order, under every sort key either
 * way; the last line names the selected border. At 80x24 and 160x48,
 * and the pane alone 230 columns wide (every column). */
START_TEST(test_tui_borders_every_cell_under_its_head)
{
	static const int size[][2] = {{24, 80}, {48, 160}, {60, 230}}, min_cols[] = {4, 7, 19};
	static struct cells s;
	struct smug_world *w = crackdown_world();
	struct tui_app a;
	int expect[512], n = 0, rows_read = 0, mine = 0, planner = 0, sorts = 0, seized = 0;

	for (int c = 0; c < w->n_corridors; c++)
		if (w->corridors[c].border && (w->border_stats[c].traffic > 0 || smug_world_crackdown_on(w, c)))
			expect[n++] = c;
	ck_assert_int_gt(n, 20);
	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '3');
	for (int z = 0; z < 3; z++) {
		int rows = size[z][0], cols = size[z][1], n_keys;

		if (z < 2) /* the cockpit; then the pane alone, wide enough for every column */
			draw(&a, rows, cols);
		else
			read_pane(&a, pane_borders_draw, rows, cols, &s);
		n_keys = 2 * a.n_border_vis;
		ck_assert_msg(a.n_border_vis >= min_cols[z], "%dx%d: %d columns", cols, rows, a.n_border_vis);
		for (int key = 0; key < n_keys; key++, tui_handle_key(&a, key % 2 ? 'I' : '>')) {
			struct head h[32];
			struct box b;
			int nh, hy, col[32], sorted = -1, order[512], first = -1, shown = 0;
			char text[256];

			if (z < 2)
				read_screen(&a, rows, cols, &s);
			else
				read_pane(&a, pane_borders_draw, rows, cols, &s);
			ck_assert_msg(find_box(&s, "3 Borders: ", &b), "%dx%d: no Borders pane", cols, rows);
			cells_text(&s, b.top, b.left + 1, b.right, text, sizeof text);
			ck_assert_msg(atoi(strstr(text, "Borders: ") + 9) == n, "%dx%d: the title '%s' for %d borders", cols, rows,
				      text, n);
			hy = b.top + 2;
			nh = read_heads(&s, hy, &b, h, 32);
			ck_assert_msg(nh == a.n_border_vis, "%dx%d: %d heads for %d columns", cols, rows, nh, a.n_border_vis);
			for (int i = 0; i < nh; i++)
				col[i] = a.border_vis[i];
			for (int i = 0; i < nh; i++) {
				ck_assert_msg(border_head_names(&s, hy, h, col, nh, i), "%dx%d: head %d '%s' for column %d", cols,
					      rows, i, h[i].name, col[i]);
				if (h[i].sort) {
					ck_assert_msg(sorted < 0, "%dx%d: two heads marked sorted", cols, rows);
					sorted = i;
				}
			}
			ck_assert_msg(sorted >= 0, "%dx%d: no head marked sorted", cols, rows);
			/* the order the sorted head calls for */
			memcpy(order, expect, (size_t)n * sizeof *order);
			for (int i = 1; i < n; i++)
				for (int j = i; j > 0; j--) {
					int64_t x = col[sorted] ? border_sort_value(w, order[j - 1], col[sorted]) : 0,
						y = col[sorted] ? border_sort_value(w, order[j], col[sorted]) : 0;
					int t;

					if (col[sorted] == 0) { /* the border id: ▾ the map's order */
						x = -order[j - 1];
						y = -order[j];
					}
					if (h[sorted].sort < 0 ? x > y || (x == y && order[j - 1] < order[j])
							       : x < y || (x == y && order[j - 1] < order[j]))
						break;
					t = order[j], order[j] = order[j - 1], order[j - 1] = t;
				}
			for (int y = hy + 1; y < b.bottom - 1; y++) {
				int c, k;

				cells_text(&s, y, h[0].x0, h[0].x0 + 40 < b.right ? h[0].x0 + 40 : b.right, text, sizeof text);
				text[strcspn(text, " ")] = '\0';
				if (text[0] == '\0')
					break;
				c = border_of_cell(w, text);
				ck_assert_msg(c >= 0, "%dx%d: row %d names no border: '%s'", cols, rows, y, text);
				for (k = 0; k < n && order[k] != c; k++)
					;
				ck_assert_msg(k < n, "%dx%d: %s has a row", cols, rows, w->corridors[c].id);
				if (first < 0)
					first = k;
				ck_assert_msg(k == first + shown, "%dx%d, %s %s: row %d is %s, want %s", cols, rows, h[sorted].name,
					      h[sorted].sort < 0 ? "desc" : "asc", shown, text, w->corridors[order[first + shown]].id);
				shown++;
				for (int i = 1; i < nh; i++) {
					const struct smug_crackdown *ck = smug_world_crackdown_on(w, c);
					int m = (col[i] - 1) / 3, win = (col[i] - 1) % 3;
					struct smug_border_day d;
					char cell[64], want[64];
					double v;

					if (col[i] == 17) {
						ck_assert_msg(left_cell_is(&s, y, h[i].x0, 2, trend_wanted(w, c)), "%s: tr is not '%s'",
							      w->corridors[c].id, trend_wanted(w, c));
						continue;
					}
					if (col[i] == 18) {
						want[0] = '\0';
						if (ck)
							snprintf(want, sizeof want, "%s%d", ck->manual ? "\xe2\x8a\x97" : "A", ck->start_day);
						mine += ck && ck->manual;
						planner += ck && !ck->manual;
						ck_assert_msg(left_cell_is(&s, y, h[i].x0, 5, want), "%s: crack is not '%s'",
							      w->corridors[c].id, want);
						continue;
					}
					right_cell(&s, y, h[i].x1, cell, sizeof cell);
					if (col[i] == 16) {
						smug_border_window_sum(w, c, w->day - 6, w->day, &d);
						ck_assert_msg(d.traffic ? fabs(atof(cell) - 100.0 * d.seizures / d.traffic) < 0.051 &&
										  isdigit((unsigned char)cell[0])
									: strcmp(cell, "-") == 0,
							      "%s: seiz%% '%s', %d of %d seized", w->corridors[c].id, cell, d.seizures,
							      d.traffic);
						continue;
					}
					if (win == 2) {
						const struct smug_border_stats *t = &w->border_stats[c];

						d = (struct smug_border_day){.traffic = (int)t->traffic,
									     .inspections = (int)t->inspections,
									     .seizures = (int)t->seizures,
									     .bribes = t->bribes,
									     .tariffs = t->tariffs};
					} else {
						smug_border_window_sum(w, c, win ? w->day - 6 : w->day, w->day, &d);
					}
					v = m == 0 ? d.traffic : m == 1 ? d.inspections : m == 2 ? d.seizures
						: m == 3 ? d.bribes / 100.0 : d.tariffs / 100.0;
					seized += m == 2 && v > 0;
					ck_assert_msg(reads_figure(cell, v), "%s: %s %s reads '%s', want %g", w->corridors[c].id,
						      (const char *[]){"traf", "insp", "seiz", "bribes", "tariffs"}[m], h[i].name, cell, v);
				}
			}
			ck_assert_msg(shown == (n < b.bottom - hy - 2 ? n : b.bottom - hy - 2), "%dx%d: %d rows for %d borders",
				      cols, rows, shown, n);
			cells_text(&s, b.bottom - 1, b.left + 1, b.right, text, sizeof text);
			ck_assert_msg(strncmp(text, w->corridors[a.border].id, strlen(w->corridors[a.border].id)) == 0 &&
					      text[strlen(w->corridors[a.border].id)] == ':',
				      "%dx%d: the last line '%s' does not name %s", cols, rows, text, w->corridors[a.border].id);
			rows_read += shown;
			sorts++;
		}
	}
	ck_assert_int_ge(sorts, 2 * (4 + 7 + 19));
	ck_assert_int_gt(rows_read, 10 * sorts);
	ck_assert_msg(mine > 0 && planner > 0 && seized > 0, "crackdowns read: %d yours, %d the planner's; %d seized", mine,
		      planner, seized);
	close_app(&a, w);
}
END_TEST

/* The Factions pane's figure for faction f under column `head`, from the
 * core (money in credits): balance, its change since 30 days before (or
 * since the first day, in the first 30), shipments in transit, success
 * rate in percent, shipments sent and seized in 30 days, bribes paid. */
static double faction_figure(const struct smug_world *w, int f, const char *head)
{
	const struct smug_faction *fa = &w->factions[f];
	int64_t bal = w->ledger.accounts[fa->account].balance, sent = 0, seized = 0;
	int trn = 0;

	if (strcmp(head, "balance") == 0)
		return bal / 100.0;
	if (strcmp(head, "30d") == 0) {
		const struct smug_faction_day *old = smug_faction_chart(w, f, w->day > 30 ? w->day - 30 : 1);

		ck_assert_ptr_nonnull(old);
		return (bal - old->balance) / 100.0;
	}
	if (strcmp(head, "trn") == 0) {
		for (int i = 0; i < w->n_shipments; i++)
			trn += smug_shipment_in_transit(w, i)->faction == f;
		return trn;
	}
	if (strcmp(head, "succ") == 0)
		return 100.0 * smug_network_success_rate(&fa->net);
	if (strcmp(head, "bribes") == 0)
		return fa->net.bribes_spent / 100.0;
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		struct smug_flow fl;

		smug_flow_sum(w, f, c, SMUG_FLOW_DAYS, &fl);
		sent += fl.n[SMUG_FLOW_SENT];
		seized += fl.n[SMUG_FLOW_SEIZED];
	}
	ck_assert_msg(strcmp(head, "sent") == 0 || strcmp(head, "seized") == 0, "a Factions head '%s'", head);
	return strcmp(head, "sent") == 0 ? sent : seized;
}

/* Every row of the Factions pane reads its faction under each head: the
 * smuggling factions in order, each its id, balance, change over 30 days
 * (signed, + for a gain), shipments in transit, success rate, shipments
 * sent and seized in 30 days and bribes, from the core; with room, its
 * second line ends with its latest outcomes, newest last (● delivered,
 * ✖ seized, ◌ lost). On day 20 (the change since day 1) and day 60, at
 * 80x24, 160x48 and the pane alone 200 wide. */
START_TEST(test_tui_factions_every_cell_under_its_head)
{
	static const int size[][2] = {{24, 80}, {48, 160}, {14, 200}}, min_heads[] = {4, 7, 10};
	static const unsigned outcome_glyph[] = {[SMUG_OUTCOME_DELIVERED] = 0x25cf, [SMUG_OUTCOME_SEIZED] = 0x2716,
						 [SMUG_OUTCOME_LOST] = 0x25cc};
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 20);
	int fac[SMUG_FACTIONS_MAX], nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), cells = 0, gains = 0, losses = 0,
	    outcomes = 0;

	ck_assert_int_ge(nf, 4);
	for (int day = 0; day < 2; day++, smug_cmd_step(w, 40))
		for (int z = 0; z < 3; z++) {
			int rows = size[z][0], cols = size[z][1], nh, y, per;
			struct head h[16];
			struct box b;

			if (z < 2)
				read_screen(&a, rows, cols, &s);
			else
				read_pane(&a, pane_factions_draw, rows, cols, &s);
			ck_assert_msg(find_box(&s, "1 Factions", &b), "%dx%d: no Factions pane", cols, rows);
			nh = read_heads(&s, b.top + 1, &b, h, 16);
			ck_assert_msg(nh >= min_heads[z] && strcmp(h[0].name, "faction") == 0, "%dx%d: %d heads, the first '%s'",
				      cols, rows, nh, h[0].name);
			y = b.top + 2;
			per = b.bottom - b.top - 2 >= 2 * nf ? 2 : 1; /* with room, a second line each */
			for (int i = 0; i < nf && y < b.bottom; i++) {
				const struct smug_network *net = &w->factions[fac[i]].net;
				char cell[64];

				ck_assert_msg(left_cell_is(&s, y, h[0].x0, 7, w->factions[fac[i]].id), "day %d, %dx%d: row %d is not %s",
					      w->day, cols, rows, i, w->factions[fac[i]].id);
				for (int k = 1; k < nh; k++) {
					double v;

					if (strcmp(h[k].name, "balance") == 0 && h[k].x0 > h[1].x0)
						continue; /* the sparkline's "balance 30d" */
					if (strcmp(h[k].name, "30d") == 0 && strcmp(h[k - 1].name, "balance") == 0 && k > 2)
						continue;
					right_cell(&s, y, h[k].x1, cell, sizeof cell);
					v = faction_figure(w, fac[i], h[k].name);
					if (strcmp(h[k].name, "succ") == 0) {
						ck_assert_msg(cell[0] && cell[strlen(cell) - 1] == '%', "%s: succ '%s'",
							      w->factions[fac[i]].id, cell);
						cell[strlen(cell) - 1] = '\0';
					}
					if (strcmp(h[k].name, "30d") == 0) {
						ck_assert_msg(cell[0] == (v >= 0 ? '+' : '-'), "%s: 30d '%s' for %.2f", w->factions[fac[i]].id,
							      cell, v);
						gains += v > 0;
						losses += v < 0;
					}
					ck_assert_msg(reads_figure(cell, v), "day %d, %dx%d: %s %s reads '%s', want %.10g", w->day, cols, rows,
						      w->factions[fac[i]].id, h[k].name, cell, v);
					cells++;
				}
				y++;
				if (per == 2 && net->recent_count > 0) { /* the second line: the latest outcomes, newest last */
					int x = b.right - 1, run = 0;

					while (x > b.left && s.c[y][x] == ' ')
						x--;
					for (; x > b.left && run < net->recent_count; x--, run++) {
						int idx = (net->recent_head - 1 - run + 2 * SMUG_RECENT_OUTCOMES) % SMUG_RECENT_OUTCOMES;

						if (s.c[y][x] != outcome_glyph[net->recent[idx].outcome]) {
							/* no room for older ones: the run starts a space after what it moves */
							ck_assert_msg(s.c[y][x] == ' ' && run > 0 && s.c[y][x - 1] != ' ',
								      "day %d: %s's outcome %d from the newest is U+%04X, want U+%04X", w->day,
								      w->factions[fac[i]].id, run, s.c[y][x],
								      outcome_glyph[net->recent[idx].outcome]);
							break;
						}
						outcomes++;
					}
				}
				y += per - 1;
			}
		}
	ck_assert_int_ge(cells, 2 * 4 * (3 + 6 + 7));
	ck_assert_msg(gains > 0 && losses > 0, "changes over 30 days: %d gains, %d losses", gains, losses);
	ck_assert_int_gt(outcomes, 20);
	close_app(&a, w);
}
END_TEST

/* A left-aligned cell that may be shortened with an ellipsis (a name
 * column that shares the spare width): the text of columns [x0, x1), up
 * to two spaces, reads want whole, or its first letters then "…". */
static bool left_cell_reads(const struct cells *s, int y, int x0, int x1, const char *want)
{
	char got[256];
	size_t n;

	for (int x = x0 + 1; x + 1 < x1; x++)
		if (s->c[y][x] == ' ' && s->c[y][x + 1] == ' ')
			x1 = x; /* the next cell's text after two spaces or more */
	cells_text(s, y, x0, x1, got, sizeof got);
	n = strlen(got);
	if (n >= 3 && strcmp(got + n - 3, "\xe2\x80\xa6") == 0)
		return n > 3 && strncmp(got, want, n - 3) == 0 && strlen(want) > n - 3;
	return strcmp(got, want) == 0;
}

/* Does got read want with whole parts left out of its middle: its
 * first parts with a comma, an ellipsis, a space and its last parts
 * ("inspected,… bribe taken 60.75" for "inspected, contraband found,
 * bribe taken 60.75"). */
static bool reads_elided(const char *got, const char *want)
{
	const char *ell = strstr(got, ",\xe2\x80\xa6 ");
	size_t head, tail, n = strlen(want);

	if (ell == NULL)
		return false;
	head = (size_t)(ell - got) + 1; /* with its comma */
	tail = strlen(ell + 5);
	return head + tail < n && strncmp(got, want, head) == 0 && want[head] == ' ' &&
	       strcmp(want + n - tail, ell + 5) == 0 && want[n - tail - 1] == ' ' && want[n - tail - 2] == ',';
}


/* Does row y of an event table (the Events pane, a story) read event e
 * under each of its nh heads: its day, kind, faction (whole or its first
 * letters and "…"), commodity, border (any corridor), amount in credits,
 * shipment number (under "shipment", or "ship" where the numbers are
 * short) and text with short ids (whole, its first parts and "…", or
 * with parts left out of its middle); true when
 * the text was cut. `what` names the table in a failure. */
static bool event_row_reads(const struct cells *s, int y, const struct head *h, int nh, const struct box *b,
			    const struct smug_world *w, const struct smug_event *e, const char *what)
{
	static const char *const kind[SMUG_EVENT_KIND_COUNT] = {
		[SMUG_EV_SHIPMENT_CREATED] = "sent",	  [SMUG_EV_SHIPMENT_SEIZED] = "SEIZED",
		[SMUG_EV_SHIPMENT_DELIVERED] = "arrived", [SMUG_EV_SHIPMENT_LOST] = "lost",
		[SMUG_EV_SHIPMENT_DELAYED] = "delayed",	  [SMUG_EV_ROUTE_UPDATE] = "route",
		[SMUG_EV_CUSTOMS_CHECK] = "check",	  [SMUG_EV_CRACKDOWN_ACTIVATED] = "crack on",
		[SMUG_EV_CRACKDOWN_EXPIRED] = "expired",  [SMUG_EV_CRACKDOWN_CLEARED] = "cleared",
	};
	static const char *const com[] = {"suit mods", "narcotics", "weapons", "stolen", "supplies"};
	char cell[128], want[64];
	bool cut = false;

	right_cell(s, y, h[0].x1, cell, sizeof cell);
	ck_assert_msg(strspn(cell, "0123456789") == strlen(cell) && atoi(cell) == e->day,
		      "%s: the row of the day %d %s event reads day '%s'", what, e->day, kind[e->kind], cell);
	for (int k = 1; k < nh; k++) {
		int x1 = k + 1 < nh ? h[k + 1].x0 - 1 : b->right;
		const char *hd = h[k].name;

		if (strcmp(hd, "event") == 0)
			ck_assert_msg(left_cell_is(s, y, h[k].x0, 5, kind[e->kind]), "%s, day %d: kind is not '%s'", what, e->day,
				      kind[e->kind]);
		else if (strcmp(hd, "faction") == 0)
			ck_assert_msg(left_cell_reads(s, y, h[k].x0, x1, e->faction >= 0 ? w->factions[e->faction].id : ""),
				      "%s, day %d: the faction is not %s", what, e->day,
				      e->faction >= 0 ? w->factions[e->faction].id : "blank");
		else if (strcmp(hd, "commodity") == 0)
			ck_assert_msg(left_cell_is(s, y, h[k].x0, 9, e->commodity >= 0 ? com[e->commodity] : ""),
				      "%s, day %d: the commodity is not '%s'", what, e->day,
				      e->commodity >= 0 ? com[e->commodity] : "");
		else if (strcmp(hd, "border") == 0) {
			bool detail = false, lane;

			for (int j = 0; j < nh; j++)
				detail |= strcmp(h[j].name, "detail") == 0;
			/* with no detail column (80x24) a shipment's row shows its
			 * lane where no border is: "24>23", each end its ward's id
			 * without the start every ward id shares */
			lane = e->corridor < 0 && !detail && e->src_ward >= 0 && e->dst_ward >= 0;
			cells_text(s, y, h[k].x0, x1, cell, sizeof cell);
			cell[strcspn(cell, " ")] = '\0';
			if (lane) {
				const char *gt = strchr(cell, '>'), *src = w->wards[e->src_ward].id, *dst = w->wards[e->dst_ward].id;
				size_t ns = gt ? (size_t)(gt - cell) : 0, nd = gt ? strlen(gt + 1) : 0;

				ck_assert_msg(gt && ns > 0 && nd > 0 && ns <= strlen(src) && nd <= strlen(dst) &&
						      strncmp(src + strlen(src) - ns, cell, ns) == 0 &&
						      strcmp(dst + strlen(dst) - nd, gt + 1) == 0,
					      "%s, day %d: the border column reads '%s', want the lane %s>%s", what, e->day, cell,
					      src, dst);
			} else {
				ck_assert_msg(e->corridor >= 0 ? border_of_cell(w, cell) == e->corridor : cell[0] == '\0',
					      "%s, day %d: the border reads '%s', want %s", what, e->day, cell,
					      e->corridor >= 0 ? w->corridors[e->corridor].id : "blank");
			}
		} else if (strcmp(hd, "credits") == 0) {
			right_cell(s, y, h[k].x1, cell, sizeof cell);
			ck_assert_msg(e->amount ? reads_figure(cell, e->amount / 100.0) : cell[0] == '\0',
				      "%s, day %d: credits '%s' for %lld minor", what, e->day, cell, (long long)e->amount);
		} else if (strcmp(hd, "shipment") == 0 || strcmp(hd, "ship") == 0) {
			right_cell(s, y, h[k].x1, cell, sizeof cell);
			snprintf(want, sizeof want, "#%llu", (unsigned long long)e->shipment);
			ck_assert_msg(strcmp(cell, e->shipment ? want : "") == 0, "%s, day %d: shipment '%s', want '%s'",
				      what, e->day, cell, e->shipment ? want : "");
		} else if (strcmp(hd, "detail") == 0) {
			cells_text(s, y, h[k].x0, b->right, cell, sizeof cell);
			ck_assert_msg(left_cell_reads(s, y, h[k].x0, b->right, shown_text(w, e)) ||
					      reads_elided(cell, shown_text(w, e)),
				      "%s, day %d: the text '%s', want '%s'", what, e->day, cell, shown_text(w, e));
			cut = strcmp(cell, shown_text(w, e)) != 0;
		} else {
			ck_abort_msg("an Events head '%s'", hd);
		}
	}
	return cut;
}

/* Every row of the Events pane reads its event under each head: the
 * events the log holds (those the filter matches, by smugnet(1)'s rule),
 * oldest first, the selected one the last row, each its day, kind,
 * faction, commodity, border, amount in credits, shipment number and
 * text (whole, or its first parts then "…"); the title counts them.
 * Unfiltered and under four filters, with the selection on the newest
 * and 40 events up, at 80x24, 160x48 and the pane alone 230 wide. */
START_TEST(test_tui_events_every_cell_under_its_head)
{
	static const char *const filters[] = {"", "SEIZED", "crack", "faction:raiders commodity:supp", "border:23.1"};
	static const int size[][2] = {{24, 80}, {48, 160}, {30, 230}}, min_heads[] = {5, 8, 8};
	static const struct smug_event *match[SMUG_EVENT_CAP];
	static struct cells s;
	struct smug_world *w = crackdown_world();
	struct tui_app a;
	int rows_read = 0, kinds = 0, cut_text = 0;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '5');
	for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++) {
		int n = 0;

		tui_handle_key(&a, 27); /* Esc clears the filter */
		if (filters[f][0]) {
			tui_handle_key(&a, '/');
			feed(&a, filters[f]);
			tui_handle_key(&a, '\n');
		}
		for (int i = 0; i < w->tel.event_count; i++)
			if (filter_should_match(w, smug_event_at(&w->tel, i), filters[f]))
				match[n++] = smug_event_at(&w->tel, i);
		ck_assert_msg(n > 10, "filter '%s' matches %d events", filters[f], n);
		for (int up = 0; up < 2; up++) {
			tui_handle_key(&a, KEY_END);
			for (int k = 0; k < 40 * up; k++)
				tui_handle_key(&a, KEY_UP);
			for (int z = 0; z < 3; z++) {
				int rows = size[z][0], cols = size[z][1], nh, sel, first;
				struct head h[16];
				struct box b;
				char title[256], want[160];

				if (z < 2)
					read_screen(&a, rows, cols, &s);
				else
					read_pane(&a, pane_events_draw, rows, cols, &s);
				ck_assert_msg(find_box(&s, "5 Events: ", &b), "%dx%d: no Events pane", cols, rows);
				cells_text(&s, b.top, b.left + 1, b.right, title, sizeof title);
				if (filters[f][0])
					snprintf(want, sizeof want, "5 Events: %d of %d match '%s'", n, w->tel.event_count, filters[f]);
				else
					snprintf(want, sizeof want, "5 Events: the last %d of %llu", n,
						 (unsigned long long)w->tel.events_total);
				{ /* whole, or cut with an ellipsis where the frame is too narrow */
					const char *at = strstr(title, "5 Events"), *cut = strstr(title, "\xe2\x80\xa6");

					ck_assert_msg(at && (strncmp(at, want, strlen(want)) == 0 ||
							     (cut && strncmp(at, want, (size_t)(cut - at)) == 0 && cut - at > 20)),
						      "%dx%d: the title '%s', want '%s'", cols, rows, title, want);
				}
				nh = read_heads(&s, b.top + 1, &b, h, 16);
				ck_assert_msg(nh >= min_heads[z] && strcmp(h[0].name, "day") == 0 && strcmp(h[1].name, "event") == 0,
					      "%dx%d: %d heads, '%s' '%s' first", cols, rows, nh, h[0].name, h[1].name);
				/* the selected event the last row, unless the list starts above it */
				sel = n - 1 - 40 * up > 0 ? n - 1 - 40 * up : 0;
				first = sel - (b.bottom - b.top - 2) + 1 > 0 ? sel - (b.bottom - b.top - 2) + 1 : 0;
				for (int y = b.top + 2, i = first; y < b.bottom; y++, i++) {
					const struct smug_event *e = match[i < n ? i : 0];
					char cell[128];

					if (i >= n) { /* below the last event: nothing */
						cells_text(&s, y, b.left + 1, b.right, cell, sizeof cell);
						ck_assert_msg(cell[0] == '\0', "'%s': a row after the last event: '%s'", filters[f], cell);
						continue;
					}
					cut_text += event_row_reads(&s, y, h, nh, &b, w, e, filters[f]);
					kinds |= 1 << e->kind;
					rows_read++;
				}
			}
		}
	}
	ck_assert_int_ge(rows_read, 500);
	ck_assert_msg(kinds == (1 << SMUG_EVENT_KIND_COUNT) - 1 - (1 << SMUG_EV_CRACKDOWN_CLEARED) ||
			      kinds == (1 << SMUG_EVENT_KIND_COUNT) - 1,
		      "event kinds read: %#x", kinds);
	ck_assert_int_gt(cut_text, 0);
	close_app(&a, w);
}
END_TEST

/* The Commodities view's figure for faction f and commodity c (-1: the
 * faction's line, the sum of the commodities it lists) over the last
 * `days` days (0: all time), under group g (0 sent, 1 transit, 2
 * delivered, 3 seized, 4 lost), the count or the cargo value in credits;
 * in transit counted from the shipments on their way. */
static double commodity_figure(const struct smug_world *w, int f, int c, int days, int g, bool value)
{
	static const enum smug_flow_kind kind[] = {SMUG_FLOW_SENT, SMUG_FLOW_SENT, SMUG_FLOW_DELIVERED, SMUG_FLOW_SEIZED,
						   SMUG_FLOW_LOST};
	double sum = 0;

	for (int k = c < 0 ? 0 : c; k < (c < 0 ? SMUG_COMMODITY_COUNT : c + 1); k++) {
		struct smug_flow fl, ever;

		smug_flow_sum(w, f, k, 0, &ever);
		if (w->factions[f].net.commodity_prefs[k] <= 0 && ever.n[SMUG_FLOW_SENT] == 0)
			continue; /* not listed */
		if (g == 1) {
			for (int i = 0; i < w->n_shipments; i++) {
				const struct smug_shipment *sh = smug_shipment_in_transit(w, i);

				if (sh->faction == f && (int)sh->commodity == k)
					sum += value ? sh->value / 100.0 : 1;
			}
			continue;
		}
		smug_flow_sum(w, f, k, days, &fl);
		sum += value ? fl.value[kind[g]] / 100.0 : (double)fl.n[kind[g]];
	}
	return sum;
}

/* Every row of the Commodities view reads its faction and commodity
 * under each head: per smuggling faction, in order, its line (the sums of
 * its commodities) and then each commodity it prefers or ever sent, with
 * its preference, the shipments and cargo value sent, in transit,
 * delivered, seized and lost over the window the title names (today, 30
 * days, all time), from the core, and the share of the largest row's
 * cargo sent, with no bar for a commodity that sent nothing; within a
 * faction, its commodities in the order of the head marked sorted (ties
 * in the commodities' order), under every sort key either way. At 80x24,
 * 120x40 and 160x48. */
START_TEST(test_tui_commodities_every_cell_under_its_head)
{
	static const char *const name[] = {"suit mods", "narcotics", "weapon parts", "stolen goods", "raider supplies"};
	static const char *const groups[] = {"sent", "transit", "delivered", "seized", "lost"};
	static const char *const windows[] = {"today", "the last 30 days", "all time"};
	static const int size[][2] = {{24, 80}, {40, 120}, {48, 160}}, window_days[] = {1, 30, 0};
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int fac[SMUG_FACTIONS_MAX], nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), cells = 0, orders = 0;
	int empty_bars = 0;

	tui_handle_key(&a, 'v');
	ck_assert_int_eq(a.view, VIEW_COMMODITIES);
	for (int win = 0; win < 3; win++, tui_handle_key(&a, 't'))
		for (int key = 0; key < 22; key++, tui_handle_key(&a, key % 2 ? 'I' : '>'))
			for (int z = 0; z < 3; z++) {
				int rows = size[z][0], cols = size[z][1], nh, y, days = -1, grp[24], sorted = -1, labels = 0;
				unsigned label_x[8];
				struct head h[24];
				struct box b;
				char text[256], want[64];
				double largest = 0;

				read_screen(&a, rows, cols, &s);
				ck_assert_msg(find_box(&s, "Commodities: ", &b), "%dx%d: no Commodities view", cols, rows);
				cells_text(&s, b.top, b.left + 1, b.right, text, sizeof text);
				for (int k = 0; k < 3; k++)
					if (strstr(text, windows[k]))
						days = window_days[k];
				ck_assert_msg(days >= 0, "the title '%s' names no window", text);
				/* the group row's names in order; a group starts at each n, or
				 * at a value after a value (its n dropped) */
				for (int x = b.left + 1; x < b.right && labels < 8; x++)
					for (int g = 0; g < 5; g++)
						if (s.c[b.top + 1][x - 1] == ' ' && cells_at(&s, b.top + 1, x, groups[g]) &&
						    s.c[b.top + 1][x + (int)strlen(groups[g])] == ' ')
							label_x[labels++] = (unsigned)g;
				nh = read_heads(&s, b.top + 2, &b, h, 24);
				ck_assert_msg(nh >= 3 && strcmp(h[0].name, "commodity") == 0, "%dx%d: '%s' first of %d heads", cols,
					      rows, h[0].name, nh);
				for (int i = 0, g = -1; i < nh; i++) {
					bool n_head = head_is(&h[i], "n", true), v_head = head_is(&h[i], "value", true);

					if (n_head || (v_head && i > 0 && grp[i - 1] >= 0 && head_is(&h[i - 1], "value", true)))
						g++;
					grp[i] = n_head || v_head ? g : -1;
					ck_assert_msg(grp[i] < labels, "%dx%d: head %d '%s' under no group", cols, rows, i, h[i].name);
					if (grp[i] >= 0)
						grp[i] = (int)label_x[grp[i]];
					if (h[i].sort) {
						ck_assert_msg(sorted < 0, "two heads marked sorted");
						sorted = i;
					}
				}
				for (int i = 0; i < nf; i++)
					for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
						if (commodity_figure(w, fac[i], c, days, 0, true) > largest)
							largest = commodity_figure(w, fac[i], c, days, 0, true);
				y = b.top + 3;
				for (int i = 0; i < nf; i++) {
					int listed[SMUG_COMMODITY_COUNT], nl = 0;

					ck_assert_msg(left_cell_reads(&s, y, h[0].x0, h[1].x0 - 1, w->factions[fac[i]].id),
						      "%dx%d: row %d does not name %s", cols, rows, y - b.top - 3, w->factions[fac[i]].id);
					for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
						struct smug_flow ever;

						smug_flow_sum(w, fac[i], c, 0, &ever);
						if (w->factions[fac[i]].net.commodity_prefs[c] > 0 || ever.n[SMUG_FLOW_SENT] > 0)
							listed[nl++] = c;
					}
					for (int r = -1; r < nl; r++, y++) {
						int c = -1, pos = -1;
						char cell[64];

						if (r >= 0) { /* the commodity this row names, indented */
							for (int k = 0; k < nl && pos < 0; k++)
								if (listed[k] >= 0 && left_cell_reads(&s, y, h[0].x0 + 2, h[1].x0 - 1, name[listed[k]]))
									pos = k;
							ck_assert_msg(pos >= 0, "%dx%d: %s's row %d names none of its commodities", cols, rows,
								      w->factions[fac[i]].id, r);
							c = listed[pos];
							listed[pos] = -1; /* once */
						}
						for (int k = 1; k < nh; k++) {
							double v;

							if (strcmp(h[k].name, "pref") == 0) {
								right_cell(&s, y, h[k].x1, cell, sizeof cell);
								ck_assert_msg(c < 0 ? cell[0] == '\0' : reads_figure(cell, w->factions[fac[i]].net.commodity_prefs[c]),
									      "%s, %s: pref '%s'", w->factions[fac[i]].id, c < 0 ? "its line" : name[c], cell);
								continue;
							}
							if (grp[k] < 0)
								continue; /* the bar's head, read below */
							right_cell(&s, y, h[k].x1, cell, sizeof cell);
							v = commodity_figure(w, fac[i], c, days, grp[k], head_is(&h[k], "value", true));
							ck_assert_msg(reads_figure(cell, v), "%dx%d, %s, %s: %s %s reads '%s', want %.10g", cols, rows,
								      w->factions[fac[i]].id, c < 0 ? "its line" : name[c], groups[grp[k]], h[k].name, cell, v);
							cells++;
						}
						if (r >= 0 && strcmp(h[nh - 1].name, "sent/largest") == 0 && grp[nh - 1] < 0) { /* the bar's share */
							double sent = commodity_figure(w, fac[i], c, days, 0, true);
							int share_x = nh - 1; /* the bar starts under "sent/largest" */

							right_cell(&s, y, b.right - 1, cell, sizeof cell);
							snprintf(want, sizeof want, "%.1f%%", largest > 0 ? 100.0 * sent / largest : 0.0);
							ck_assert_msg(strcmp(cell, want) == 0, "%s, %s: the share reads '%s', want '%s'",
								      w->factions[fac[i]].id, name[c], cell, want);
							cells_text(&s, y, h[share_x].x0, b.right - 1 - (int)strlen(want), text, sizeof text);
							ck_assert_msg(strcmp(h[share_x].name, "sent/largest") == 0 && (sent > 0) == (text[0] != '\0'),
								      "%dx%d, %s, %s: %.2f cr sent, its bar '%s'", cols, rows, w->factions[fac[i]].id,
								      name[c], sent, text);
							empty_bars += sent == 0;
						}
						if (r > 0 && sorted >= 0 && (grp[sorted] >= 0 || strcmp(h[sorted].name, "pref") == 0)) {
							int prev = -1;
							double x, z2;

							for (int k = 0; k < SMUG_COMMODITY_COUNT; k++)
								if (left_cell_reads(&s, y - 1, h[0].x0 + 2, h[1].x0 - 1, name[k]))
									prev = k;
							x = grp[sorted] < 0 ? w->factions[fac[i]].net.commodity_prefs[prev]
									    : commodity_figure(w, fac[i], prev, days, grp[sorted], head_is(&h[sorted], "value", true));
							z2 = grp[sorted] < 0 ? w->factions[fac[i]].net.commodity_prefs[c]
									     : commodity_figure(w, fac[i], c, days, grp[sorted], head_is(&h[sorted], "value", true));
							ck_assert_msg(h[sorted].sort < 0 ? x > z2 || (x == z2 && prev < c) : x < z2 || (x == z2 && prev < c),
								      "%dx%d, %s, %s %s %s: %s (%.10g) before %s (%.10g)", cols, rows, w->factions[fac[i]].id,
								      grp[sorted] < 0 ? "" : groups[grp[sorted]], h[sorted].name,
								      h[sorted].sort < 0 ? "desc" : "asc", name[prev], x, name[c], z2);
							orders++;
						}
					}
				}
				cells_text(&s, y, b.left + 1, b.right, text, sizeof text);
				ck_assert_msg(text[0] == '\0' || strncmp(text, "bar:", 4) == 0, "%dx%d: a row after the last faction's: '%s'",
					      cols, rows, text);
			}
	ck_assert_int_gt(cells, 3 * 22 * 13 * (4 + 8 + 10));
	ck_assert_int_ge(orders, 600);
	ck_assert_int_gt(empty_bars, 0); /* some commodity sent nothing today */
	close_app(&a, w);
}
END_TEST

/* The story of each of three shipments, one seized, one delivered and one
 * still on its way, reads its events under the table's heads: every
 * event of the shipment the log holds, in the log's order, from the one
 * scrolled to (the last page kept full), each its day, kind, faction,
 * commodity, border, amount, shipment number and text; nothing below the
 * last. Scrolled 0, 3 and 200 rows, the view alone 80x12 (fewer rows
 * than events) and the screen at 160x48. */
static void story_alone(struct tui_app *a, struct canvas *cv, bool focused)
{
	(void)focused;
	view_story_draw(a, cv);
}

START_TEST(test_tui_story_every_cell_under_its_head)
{
	static const int size[][2] = {{12, 80}, {48, 160}}, scrolls[] = {0, 3, 200};
	static const struct smug_event *mine[SMUG_EVENT_CAP];
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	uint64_t ship[3] = {0, 0, 0};
	int rows_read = 0, longest = 0, scrolled = 0;

	for (int i = 0; i < w->tel.event_count; i++) { /* the newest seized and delivered */
		const struct smug_event *e = smug_event_at(&w->tel, i);

		if (e->kind == SMUG_EV_SHIPMENT_SEIZED)
			ship[0] = e->shipment;
		if (e->kind == SMUG_EV_SHIPMENT_DELIVERED)
			ship[1] = e->shipment;
	}
	for (int i = 0; i < w->n_shipments; i++) { /* the one on its way with the most events */
		int n = 0;

		for (int k = 0; k < w->tel.event_count; k++)
			n += smug_event_at(&w->tel, k)->shipment == smug_shipment_in_transit(w, i)->id;
		if (n > longest) {
			longest = n;
			ship[2] = smug_shipment_in_transit(w, i)->id;
		}
	}
	ck_assert_msg(ship[0] && ship[1] && longest >= 4, "no seized, delivered and travelled shipments to tell");
	for (int k = 0; k < 3; k++) {
		int n = 0;

		for (int i = 0; i < w->tel.event_count; i++)
			if (smug_event_at(&w->tel, i)->shipment == ship[k])
				mine[n++] = smug_event_at(&w->tel, i);
		for (int sc = 0; sc < 3; sc++) {
			a.story_shipment = ship[k];
			view_open(&a, VIEW_STORY);
			ck_assert_int_eq(a.view, VIEW_STORY);
			for (int d = 0; d < scrolls[sc]; d++)
				tui_handle_key(&a, KEY_DOWN);
			for (int z = 0; z < 2; z++) {
				int rows = size[z][0], cols = size[z][1], hy = -1, nh, first;
				struct head h[16];
				struct box b;
				char what[64];

				if (z == 0)
					read_pane(&a, story_alone, rows, cols, &s);
				else
					read_screen(&a, rows, cols, &s);
				snprintf(what, sizeof what, "Shipment #%llu:", (unsigned long long)ship[k]);
				ck_assert_msg(find_box(&s, what, &b), "%dx%d: no story of #%llu", cols, rows,
					      (unsigned long long)ship[k]);
				for (int y = b.top + 1; y < b.bottom && hy < 0; y++)
					if (cells_at(&s, y, b.left + 1, "day ") || cells_at(&s, y, b.left + 1, " day ") ||
					    cells_at(&s, y, b.left + 1, "  day "))
						hy = y;
				ck_assert_msg(hy > 0, "%dx%d: the story of #%llu has no table", cols, rows,
					      (unsigned long long)ship[k]);
				nh = read_heads(&s, hy, &b, h, 16);
				ck_assert_msg(nh >= 5 && strcmp(h[0].name, "day") == 0, "%dx%d: %d heads", cols, rows, nh);
				first = n - (b.bottom - hy - 1) > 0 ? n - (b.bottom - hy - 1) : 0;
				first = scrolls[sc] < first ? scrolls[sc] : first;
				snprintf(what, sizeof what, "#%llu scrolled %d, %dx%d", (unsigned long long)ship[k], scrolls[sc],
					 cols, rows);
				for (int y = hy + 1, i = first; y < b.bottom; y++, i++) {
					char text[256];

					if (i >= n) {
						cells_text(&s, y, b.left + 1, b.right, text, sizeof text);
						ck_assert_msg(text[0] == '\0', "%s: a row after its last event: '%s'", what, text);
						continue;
					}
					event_row_reads(&s, y, h, nh, &b, w, mine[i], what);
					rows_read++;
					scrolled += i == 3 && y == hy + 1;
				}
			}
			tui_handle_key(&a, 27);
		}
	}
	ck_assert_int_ge(rows_read, 3 * 3 * 2 * 2);
	ck_assert_int_gt(scrolled, 0); /* some story began at its fourth event */
	close_app(&a, w);
}
END_TEST

/* In the Borders pane Up on the first row and PgUp near it keep the first
 * border, Down on the last row and PgDn near it keep the last, and Up
 * and Down in between move one row; the last line names the border
 * selected. */
START_TEST(test_tui_borders_up_and_down_stop_at_the_ends)
{
	static const struct {
		int key, from, to; /* rows: from the top when >= 0, from the bottom (-1 the last) when < 0 */
	} moves[] = {{KEY_UP, 0, 0}, {KEY_PPAGE, 3, 0}, {KEY_DOWN, 0, 1}, {KEY_UP, 2, 1},
		     {KEY_DOWN, -1, -1}, {KEY_NPAGE, -4, -1}, {KEY_UP, -1, -2}, {KEY_HOME, -1, 0}};
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int n, *rows;

	tui_handle_key(&a, '3');
	draw(&a, 48, 160);
	rows = pane_borders_rows(&a, &n);
	ck_assert_int_gt(n, 10);
	for (size_t k = 0; k < sizeof moves / sizeof moves[0]; k++) {
		int from = rows[moves[k].from >= 0 ? moves[k].from : n + moves[k].from],
		    to = rows[moves[k].to >= 0 ? moves[k].to : n + moves[k].to];
		struct box b;
		char text[256];

		tui_select_border(&a, from);
		tui_handle_key(&a, moves[k].key);
		read_screen(&a, 48, 160, &s);
		ck_assert_msg(find_box(&s, "3 Borders: ", &b), "no Borders pane");
		cells_text(&s, b.bottom - 1, b.left + 1, b.right, text, sizeof text);
		ck_assert_msg(a.border == to && strncmp(text, w->corridors[to].id, strlen(w->corridors[to].id)) == 0,
			      "move %zu from row %d: %s selected, want row %d, %s; the last line '%s'", k, moves[k].from,
			      w->corridors[a.border].id, moves[k].to, w->corridors[to].id, text);
	}
	free(rows);
	close_app(&a, w);
}
END_TEST

/* The event log at 120 columns gives the factions their whole names
 * where the details of the rows shown do not need the columns (they
 * read "syndica…" beside "cleared" with 19 columns to spare), and
 * shortens a faction only where a detail shown needs its full room
 * (the check's "inspected,… bribe taken 31.60"); no figure is cut on
 * any screen (render checks). The Events pane's rows from the newest
 * back through 120 events, and the 160 and 200 screens whole. */
START_TEST(test_tui_event_log_faction_whole_at_120)
{
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int whole_screens = 0, cut_screens = 0;

	tui_handle_key(&a, '5');
	for (int step = 0; step <= 120; step++) {
		struct box b;
		int need = 0, cut = 0, whole = 0;
		char row[256];

		read_screen(&a, 40, 120, &s);
		ck_assert_msg(find_box(&s, "5 Events", &b), "no Events pane at 120x40");
		for (int y = b.top + 2; y < b.bottom; y++) {
			int i = a.hit[PANE_EVENTS][y - b.top];
			int64_t seq;
			const struct smug_event *e;

			if (i < 0)
				continue;
			e = pane_events_at(&a, i, &seq);
			tui_event_detail(&a, e, row, sizeof row); /* its room: its width, at most 29 */
			need = text_cols(row) > need ? (text_cols(row) < 29 ? text_cols(row) : 29) : need;
			cells_text(&s, y, b.left + 1, b.right, row, sizeof row);
			if (e->faction < 0)
				continue;
			if (strstr(row, w->factions[e->faction].id) != NULL)
				whole++;
			else
				cut++;
		}
		/* the room the detail has beside the factions whole at 120: the
		 * pane's 70 columns less day, event, faction, border, credits,
		 * the spaces between and the one before the frame */
		if (need <= 69 - (3 + 8 + 11 + 9 + 7 + 5)) {
			if (cut > 0) {
				char *text = render(&a, 40, 120);

				assert_on_screen(false, text, "120x40, %d rows up: %d factions cut though the details shown need %d columns",
						 step, cut, need);
			}
			whole_screens++;
		} else {
			cut_screens += cut > 0;
		}
		ck_assert_int_gt(whole + cut, 10);
		tui_handle_key(&a, KEY_UP);
	}
	ck_assert_int_gt(whole_screens, 0);
	/* 160 and 200: every faction whole whatever the rows */
	for (int k = 0; k < 2; k++) {
		char *text = render(&a, 48, k ? 200 : 160);

		assert_on_screen(strstr(text, "syndica\xe2\x80\xa6") == NULL && strstr(text, "dustrun\xe2\x80\xa6") == NULL,
				 text, "%d columns: a faction cut in the event log", k ? 200 : 160);
		free(text);
	}
	ck_assert_int_gt(cut_screens, 0);
	close_app(&a, w);
}
END_TEST

/* Does `row` hold both nodes of `corridor` in order, each at least
 * without the end every node id shares ("09.1…|22.0…" for
 * n:09.1-checkpoint|n:22.0-checkpoint, "335.0|336.0"). */
static bool row_has_both_nodes(const struct tui_app *a, int corridor, const char *row)
{
	const struct smug_world *w = a->w;
	const char *at = row;

	for (int side = 0; side < 2; side++) {
		const struct smug_corridor *k = &w->corridors[corridor];
		const char *id = w->nodes[side ? k->b : k->a].id + a->node_prefix;
		char core[SMUG_ID_MAX];

		snprintf(core, sizeof core, "%.*s", tui_id_core(id, a->node_suffix), id);
		at = strstr(at, core);
		if (at == NULL)
			return false;
		at += strlen(core);
		if (side == 0 && (at = strchr(at, '|')) == NULL)
			return false;
	}
	return true;
}

/* The Events pane's border column at 120x40, and the story view's at
 * 80x24 and 120x40, name both nodes of every border shown (`w` is
 * freed). */
static void check_event_borders(struct smug_world *w)
{
	static struct cells s;
	struct tui_app a;
	struct box b;
	int checked = 0, story_at = -1;
	char row[512];

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '5');
	read_screen(&a, 40, 120, &s);
	ck_assert_msg(find_box(&s, "5 Events", &b), "no Events pane at 120x40");
	for (int y = b.top + 2; y < b.bottom; y++) {
		int i = a.hit[PANE_EVENTS][y - b.top];
		int64_t seq;
		const struct smug_event *e;

		if (i < 0)
			continue;
		e = pane_events_at(&a, i, &seq);
		if (e->corridor < 0)
			continue;
		cells_text(&s, y, b.left + 1, b.right, row, sizeof row);
		if (!row_has_both_nodes(&a, e->corridor, row)) {
			char *text = render(&a, 40, 120);

			assert_on_screen(false, text, "120x40: the event on %s shows one node: '%s'",
					 w->corridors[e->corridor].id, row);
		}
		if (e->shipment && story_at < 0)
			story_at = i;
		checked++;
	}
	ck_assert_int_gt(checked, 5);
	ck_assert_int_ge(story_at, 0);
	{ /* that shipment's story */
		int64_t seq;
		uint64_t ship = pane_events_at(&a, story_at, &seq)->shipment;
		const struct smug_telemetry *t = &w->tel;

		a.event_sel = seq;
		feed(&a, "\r");
		ck_assert_int_eq(a.view, VIEW_STORY);
		for (int z = 0; z < 2; z++) {
			char *text = render(&a, cut_sizes[z][0], cut_sizes[z][1]);
			int shown = 0;

			for (int i = 0; i < t->event_count && shown < 5; i++) {
				const struct smug_event *e = smug_event_at(t, i);
				bool found = false;

				if (e->shipment != ship || e->corridor < 0)
					continue;
				for (const char *line = text; *line && !found;) {
					const char *end = strchr(line, '\n');

					snprintf(row, sizeof row, "%.*s", (int)(end ? end - line : (long)strlen(line)), line);
					found = row_has_both_nodes(&a, e->corridor, row);
					line = end ? end + 1 : line + strlen(line);
				}
				assert_on_screen(found, text, "%dx%d: the story's event on %s shows one node", cut_sizes[z][1],
						 cut_sizes[z][0], w->corridors[e->corridor].id);
				shown++;
			}
			ck_assert_int_gt(shown, 0);
			free(text);
		}
	}
	close_app(&a, w);
}

/* The event log's and the story view's border column names both nodes
 * of a border whose short id is longer than its 9 columns: in a
 * generated world of 400 wards it read '335.0|…', with node ids like
 * 'n:09.1-checkpoint' '09.1-che…' (the second node left out); now
 * '335.0|336.0' (the column grows to the world's ids, up to 13
 * columns) and '09.1…|22.0…' (the end every node id shares left out). */
START_TEST(test_tui_event_borders_keep_both_nodes)
{
	char *json = smug_scenario_generate(400, 3, 5);
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(w, 30);
	check_event_borders(w);
	check_event_borders(long_ids_at("n:", "-checkpoint", 40));
}
END_TEST

/* At 80x24 the Events pane has no room for the detail; it showed day,
 * event, faction, commodity and credits, so a designer watching the log
 * saw "check", "SEIZED" or "crack on" with no border: where a shipment
 * was inspected, seized or a crackdown started was nowhere on the
 * screen. Every row of an event on a border names both its nodes there,
 * on the default world and on a generated one of 400 wards, the newest
 * rows and 60 rows back. */
static void check_event_borders_at_80(struct smug_world *w)
{
	static struct cells s;
	struct tui_app a;
	int checked = 0;
	char row[512];

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '5');
	for (int step = 0; step <= 60; step++) {
		struct box b;

		read_screen(&a, 24, 80, &s);
		ck_assert_msg(find_box(&s, "5 Events", &b), "no Events pane at 80x24");
		for (int y = b.top + 2; y < b.bottom; y++) {
			int i = a.hit[PANE_EVENTS][y - b.top];
			int64_t seq;
			const struct smug_event *e;

			if (i < 0)
				continue;
			e = pane_events_at(&a, i, &seq);
			if (e->corridor < 0)
				continue;
			cells_text(&s, y, b.left + 1, b.right, row, sizeof row);
			if (!row_has_both_nodes(&a, e->corridor, row)) {
				char *text = render(&a, 24, 80);

				assert_on_screen(false, text, "80x24, %d rows up: the %s event on %s names no border: '%s'",
						 step, smug_event_kind_name(e->kind), w->corridors[e->corridor].id, row);
			}
			checked++;
		}
		tui_handle_key(&a, KEY_UP);
	}
	ck_assert_int_gt(checked, 100);
	close_app(&a, w);
}

START_TEST(test_tui_event_log_names_the_border_at_80)
{
	char *json = smug_scenario_generate(400, 3, 5);
	struct smug_world *w = NULL;
	struct smug_error err;

	check_event_borders_at_80(world_at(60));
	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(w, 30);
	check_event_borders_at_80(w);
}
END_TEST

/* Terminal columns of a line of UTF-8 text, counted here apart from the
 * cockpit's own count: two for the CJK ideographs, kana and fullwidth
 * forms the tests below type, one for any other character. */
static int line_cols(const char *s, size_t len)
{
	int cols = 0;

	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp = c;
		int n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

		if (n > 1)
			cp = c & (n == 2 ? 0x1fu : n == 3 ? 0x0fu : 0x07u);
		for (int k = 1; k < n && i + (size_t)k < len; k++)
			cp = cp << 6 | ((unsigned char)s[i + (size_t)k] & 0x3fu);
		cols += (cp >= 0x3000 && cp <= 0x9fff) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
		i += (size_t)n;
	}
	return cols;
}

/* No line of the screen is wider than the terminal (a wide character
 * drawn in one cell pushes the frame past the edge). */
static void assert_lines_fit(const char *screen, int cols, const char *what)
{
	int row = 0;

	for (const char *line = screen; *line; row++) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		assert_on_screen(line_cols(line, len) <= cols, screen, "%s at %d columns: row %d is %d columns wide", what,
				 cols, row, line_cols(line, len));
		if (end == NULL)
			break;
		line = end + 1;
	}
}

/* Wide characters (CJK) take two columns on a terminal, and the cockpit
 * counts them so: a scenario whose ward names are Japanese keeps the
 * Borders pane's detail line inside its frame, an event filter typed in
 * Japanese (on the default world) keeps the Events pane's title inside
 * its corner, and a seed name refused with such characters its message
 * inside the screen. Each ran over by one column a wide character (at
 * 80x24 the filter's title pushed the pane's corner onto the Routes pane
 * below: 'stolen 語…─┐'). */
START_TEST(test_tui_wide_characters_keep_inside_the_frames)
{
	static const char *const from[] = {"Ward", "Dosadi, 36 wards"}, *const to[] = {"\xe7\xac\xac\xe4\xb8\x89\xe5\x8c\xba", "\xe3\x83\x89\xe3\x82\xb5\xe3\x83\x87\xe3\x82\xa3"};
	static const char jp[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"; /* 日本語 */
	char *json = test_slurp(SRCDIR "/data/dosadi-36.json", NULL), *out, filter[64] = "/";
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;

	ck_assert_ptr_nonnull(json);
	for (int k = 0; k < 2; k++) { /* "Middle Ward 5" reads "Middle 第三区 5" */
		size_t n = 0;

		for (const char *p = strstr(json, from[k]); p; p = strstr(p + 1, from[k]))
			n++;
		out = malloc(strlen(json) + n * strlen(to[k]) + 1);
		ck_assert_ptr_nonnull(out);
		out[0] = '\0';
		for (const char *p = json, *at; *p; p = at + strlen(from[k])) {
			if ((at = strstr(p, from[k])) == NULL) {
				strcat(out, p);
				break;
			}
			strncat(out, p, (size_t)(at - p));
			strcat(out, to[k]);
		}
		free(json);
		json = out;
	}
	ck_assert_msg(smug_world_load_json(json, strlen(json), "wide.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	smug_cmd_step(w, 20);
	tui_app_init(&a, w, &opts);
	feed(&a, "3");
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]);

		ck_assert_ptr_nonnull(strstr(screen, to[0]));
		assert_lines_fit(screen, cut_sizes[s][1], "ward names in Japanese");
		free(screen);
	}
	close_app(&a, w);
	w = open_at(&a, 20); /* names in ASCII: what is typed alone is wide */
	for (int k = 0; k < 6; k++)
		strcat(filter, jp);
	feed(&a, "5");
	feed(&a, filter);
	feed(&a, "\n");
	ck_assert_str_eq(a.filter, filter + 1);
	for (int s = 0; s < 3; s++) {
		char *screen = render(&a, cut_sizes[s][0], cut_sizes[s][1]);

		ck_assert_ptr_nonnull(strstr(screen, jp));
		assert_lines_fit(screen, cut_sizes[s][1], "an event filter in Japanese");
		free(screen);
	}
	feed(&a, "\x1b"); /* the filter cleared */
	ck_assert_str_eq(a.filter, "");
	feed(&a, "s");
	feed(&a, "h\xc3\xa9llo w\xc3\xb6rld ");
	feed(&a, jp);
	feed(&a, "\n");
	{
		char *screen = render(&a, 24, 80);

		assert_on_screen(a.prompt == PROMPT_SAVE && strstr(a.input.note, "cannot be in a seed name") != NULL,
				 screen, "the seed name was not refused");
		assert_lines_fit(screen, 80, "a seed name refused with Japanese");
		free(screen);
	}
	close_app(&a, w);
}
END_TEST

/* With ward ids like 'ward:24-district' and node ids like
 * 'n:09.1-checkpoint', an event's detail in the Events pane (120x40)
 * and the story view (80x24) leaves out the end every ward (node) id
 * shares, an ellipsis in its place, so it reads whole: '24…->22… after
 * 3 days', 'held up on 22.1…|23.1…', '30…->33… 3 hops, bribes 94.98'.
 * It read '24-district->22-district aft…', 'held up on
 * 22.1-checkpoint|…' and '30-district->33-district 3 hops,…'. */
START_TEST(test_tui_event_detail_marks_the_end_ids_share)
{
	static const char *const kinds[][2] = {{"n:", "-checkpoint"}, {"ward:", "-district"}};
	struct smug_world *w = long_ids_world(kinds, 2, 40);
	static struct cells s;
	struct tui_app a;
	struct box b;
	int arrived = 0, delayed = 0;
	uint64_t ship = 0;
	char row[512];

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '5');
	read_screen(&a, 40, 120, &s);
	ck_assert_msg(find_box(&s, "5 Events", &b), "no Events pane at 120x40");
	for (int y = b.top + 2; y < b.bottom; y++) {
		int i = a.hit[PANE_EVENTS][y - b.top];
		int64_t seq;
		const struct smug_event *e;
		const char *after;

		if (i < 0)
			continue;
		e = pane_events_at(&a, i, &seq);
		cells_text(&s, y, b.left + 1, b.right, row, sizeof row);
		if (e->kind == SMUG_EV_SHIPMENT_DELIVERED && (after = strstr(event_text(w, e), " after ")) != NULL) {
			assert_on_screen(strstr(row, "\xe2\x80\xa6->") != NULL && strstr(row, after + 1) != NULL, render(&a, 40, 120),
					 "120x40: '%s' shown as '%s'", event_text(w, e), row);
			arrived++;
			ship = e->shipment;
		}
		if (e->kind == SMUG_EV_SHIPMENT_DELAYED) {
			assert_on_screen(strstr(row, "held up on ") != NULL && row_has_both_nodes(&a, e->corridor, strstr(row, "held up on ")),
					 render(&a, 40, 120), "120x40: '%s' shown as '%s'", event_text(w, e), row);
			delayed++;
		}
	}
	ck_assert_int_gt(arrived, 0);
	ck_assert_int_gt(delayed, 0);
	{ /* an arrived shipment's story at 80x24 */
		int64_t seq = -1;
		char *text;
		bool found = false;

		for (int i = pane_events_count(&a) - 1; i >= 0 && seq < 0; i--) {
			int64_t q;

			if (pane_events_at(&a, i, &q)->shipment == ship)
				seq = q;
		}
		a.event_sel = seq;
		feed(&a, "\r");
		ck_assert_int_eq(a.view, VIEW_STORY);
		text = render(&a, 24, 80);
		for (int i = 0; i < w->tel.event_count && !found; i++) {
			const struct smug_event *e = smug_event_at(&w->tel, i);
			char fig[64];

			if (e->shipment == ship && e->kind == SMUG_EV_SHIPMENT_CREATED && e->corridor < 0 &&
			    last_figure(event_text(w, e), fig, sizeof fig)[0])
				found = lines_with_whole(text, ", bribes", fig) > 0;
		}
		assert_on_screen(found, text, "80x24: the story of #%llu does not read its sending's bribes",
				 (unsigned long long)ship);
		free(text);
	}
	close_app(&a, w);
}
END_TEST

/* With long node, ward and faction ids the event log cuts a faction only
 * for the room its rows' details need: at 120x40 on day 40 the details
 * shown need at most 22 columns ('held up on 22.1…|23.1…'), and the
 * column kept 29, blank at the end of every row, while the factions
 * read 'syndi…'; now they read 'syndicate-of…' and the longest detail
 * ends one column from the frame. */
START_TEST(test_tui_event_log_cuts_a_faction_only_for_the_detail)
{
	static const char *const kinds[][2] = {{"n:", "-checkpoint"},
					       {"ward:", "-district"},
					       {"dustrunners", "-of-the-outer-ring"},
					       {"raiders", "-of-the-outer-ring"},
					       {"suitwrights", "-of-the-outer-ring"},
					       {"syndicate", "-of-the-outer-ring"}};
	struct smug_world *w = long_ids_world(kinds, 6, 40);
	static struct cells s;
	struct tui_app a;
	struct box b;
	int cut = 0, least_blank = 1000, rows = 0;

	tui_app_init(&a, w, &opts);
	tui_handle_key(&a, '5');
	read_screen(&a, 40, 120, &s);
	ck_assert_msg(find_box(&s, "5 Events", &b), "no Events pane at 120x40");
	for (int y = b.top + 2; y < b.bottom; y++) {
		int i = a.hit[PANE_EVENTS][y - b.top], last = b.left;
		int64_t seq;
		const struct smug_event *e;
		char row[512];

		if (i < 0)
			continue;
		e = pane_events_at(&a, i, &seq);
		cells_text(&s, y, b.left + 1, b.right, row, sizeof row);
		if (e->faction >= 0 && strstr(row, w->factions[e->faction].id) == NULL)
			cut++;
		for (int x = b.left + 1; x < b.right; x++)
			if (s.c[y][x] != ' ')
				last = x;
		least_blank = b.right - 1 - last < least_blank ? b.right - 1 - last : least_blank;
		rows++;
	}
	ck_assert_int_gt(rows, 10);
	ck_assert_int_gt(cut, 0); /* the factions do not fit whole beside the rest */
	if (least_blank > 1) {
		char *text = render(&a, 40, 120);

		assert_on_screen(false, text, "120x40: factions cut while every row ends %d columns from the frame",
				 least_blank);
	}
	close_app(&a, w);
}
END_TEST

/* The compare view's figure of row `id` under table column k (its heads
 * in order, the name first), from the two worlds themselves: per
 * faction its balance (credits), deliveries and seizures since the world
 * began in each and the change; per border its traffic and seizures in
 * each and the change (then *change is set). -1e18 for a column with no
 * figure. */
static double compare_figure(const struct smug_world *const w[2], const char *id, bool faction, bool wide, int k,
			     bool *change)
{
	static const int fw[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, fn[] = {0, 1, 2, 3, 6, 9};
	static const int bw[] = {0, 1, 2, 3, 4, 5, 6}, bn[] = {0, 1, 2, 3, 6};
	double v[10] = {0};

	for (int s = 0; s < 2; s++) {
		if (faction) {
			const struct smug_faction *f = &w[s]->factions[smug_world_find_faction(w[s], id)];

			v[1 + s] = w[s]->ledger.accounts[f->account].balance / 100.0;
			v[4 + s] = (double)f->net.delivered;
			v[7 + s] = (double)f->net.seized;
		} else {
			const struct smug_border_stats *b = &w[s]->border_stats[smug_world_find_corridor(w[s], id)];

			v[1 + s] = (double)b->traffic;
			v[4 + s] = (double)b->seizures;
		}
	}
	v[3] = v[2] - v[1];
	v[6] = v[5] - v[4];
	v[9] = v[8] - v[7];
	if (k >= (faction ? (wide ? 10 : 6) : (wide ? 7 : 5)))
		return -1e18;
	k = faction ? (wide ? fw[k] : fn[k]) : (wide ? bw[k] : bn[k]);
	*change = k % 3 == 0;
	return v[k];
}

/* The compare view, a crackdown in the what-if since day 30 and 20 days
 * stepped in both, reads the two worlds under its heads: per faction (the
 * largest change of balance first) its balance in the base and the
 * what-if and the change, signed, and its deliveries and seizures (in
 * each branch when the view is wide) and their changes; per border that
 * differs (the largest change of traffic first) its traffic and seizures
 * in each and the changes, and "on / off" for its crackdown in each. The
 * view is wide from 110 columns inside its frame and margins (114 on the
 * screen): at 80x24, 100x40 and 113x40 (narrow), 114x40 and 160x48
 * (wide). Narrow, each count column reads the what-if's count and its
 * change ("127 (+7)"; it read the change alone). */
START_TEST(test_tui_compare_every_cell_under_its_head)
{
	static const int size[][2] = {{24, 80}, {40, 100}, {40, 113}, {40, 114}, {48, 160}};
	static struct cells s;
	struct smug_world *w = world_at(30);
	const struct smug_world *pair[2];
	struct tui_app a;
	struct smug_error err;
	int read = 0, moved = 0, cracked = 0;

	tui_app_init(&a, w, &opts);
	feed(&a, "b");
	ck_assert_int_eq(smug_cmd_crackdown_set(a.w, a.w->corridors[test_busiest_border(a.w)].id, 1.0, -1, &err), SMUG_OK);
	for (int i = 0; i < 20; i++)
		feed(&a, ".");
	feed(&a, "bB");
	ck_assert_int_eq(a.view, VIEW_COMPARE);
	loop_pair(&a, &pair[0], &pair[1]);
	ck_assert_int_eq(pair[0]->day, pair[1]->day);
	for (int z = 0; z < 5; z++) {
		int rows = size[z][0], cols = size[z][1];
		bool wide = cols - 4 >= 110; /* the view's frame and a margin of one each side */
		struct box b;

		read_screen(&a, rows, cols, &s);
		ck_assert_msg(find_box(&s, "What-if against base", &b), "%dx%d: no compare view", cols, rows);
		for (int table = 0; table < 2; table++) {
			const char *first = table ? "border" : "faction";
			int hy = -1, nh, y, k0;
			double last = 1e18;
			struct head h[16];

			for (int y0 = b.top + 1; y0 < b.bottom && hy < 0; y0++)
				if (cells_at(&s, y0, b.left + 2, first) && s.c[y0][b.left + 2 + (int)strlen(first)] == ' ')
					hy = y0;
			ck_assert_msg(hy > 0, "%dx%d: no %s table", cols, rows, first);
			nh = read_heads(&s, hy, &b, h, 16);
			for (k0 = 1; k0 < nh && strcmp(h[k0].name, table ? "traffic" : "balance") != 0; k0++)
				;
			ck_assert_msg(k0 < nh, "%dx%d: the %s table's heads lack its first figure", cols, rows, first);
			/* wide: each branch's deliveries and seizures (traffic and
			 * seizures per border) beside the change */
			ck_assert_msg(nh - k0 == (table ? (wide ? 7 : 5) : (wide ? 9 : 5)),
				      "%dx%d: the %s table has %d heads after its name, want %d (%s)", cols, rows, first,
				      nh - k0, table ? (wide ? 7 : 5) : (wide ? 9 : 5), wide ? "wide" : "narrow");
			for (y = hy + 1; y < b.bottom; y++) {
				char id[64], cell[64];
				double change;
				bool any;

				cells_text(&s, y, b.left + 2, b.left + 2 + 24, id, sizeof id);
				id[strcspn(id, " ")] = '\0';
				if (id[0] == '\0')
					break;
				ck_assert_msg(table ? smug_world_find_corridor(pair[0], id) >= 0 : smug_world_find_faction(pair[0], id) >= 0,
					      "%dx%d: a %s row names '%s'", cols, rows, first, id);
				for (int k = k0; k < nh; k++) {
					bool signed_change = false;
					double v = compare_figure(pair, id, !table, wide, k - k0 + 1, &signed_change);

					if (table && strcmp(h[k].name, "crackdown") == 0) {
						char want[16];
						int c = smug_world_find_corridor(pair[0], id);
						bool on0 = smug_world_crackdown_on(pair[0], c), on1 = smug_world_crackdown_on(pair[1], c);

						snprintf(want, sizeof want, "%s / %s", on0 ? "on" : "off", on1 ? "on" : "off");
						ck_assert_msg(left_cell_is(&s, y, h[k].x0, 9, want), "%dx%d: %s crackdown is not '%s'", cols,
							      rows, id, want);
						cracked += on0 != on1;
						continue;
					}
					right_cell(&s, y, h[k].x1, cell, sizeof cell);
					/* narrow, a count column reads the what-if's count and
					 * its change in parentheses: "127 (+7)" */
					if (!wide && k - k0 + 1 >= 4 && k - k0 + 1 <= (table ? 4 : 5)) {
						char count[64];
						size_t n = strlen(cell);
						bool is_change;
						double c1 = compare_figure(pair, id, !table, true, table ? 5 : k - k0 + 1 == 4 ? 5 : 8,
									   &is_change);

						ck_assert_msg(n > 2 && cell[0] == '(' && cell[n - 1] == ')',
							      "%dx%d: %s, %s reads '%s', not the what-if's count with its change", cols, rows,
							      id, h[k].name, cell);
						right_cell(&s, y, h[k].x1 - (int)n - 1, count, sizeof count);
						ck_assert_msg(reads_figure(count, c1), "%dx%d: %s, %s reads '%s (…)', want %.10g", cols, rows,
							      id, h[k].name, count, c1);
						memmove(cell, cell + 1, n - 2);
						cell[n - 2] = '\0';
					}
					ck_assert_msg(v > -1e17 && reads_figure(cell, v) && (!signed_change || v <= 0 || cell[0] == '+'),
						      "%dx%d: %s, %s (column %d) reads '%s', want %.10g", cols, rows, id, h[k].name,
						      k - k0 + 1, cell, v);
					read++;
				}
				change = fabs(compare_figure(pair, id, !table, true, 3, &any));
				ck_assert_msg(change <= last, "%dx%d: %s (change %.10g) after a row of change %.10g", cols, rows, id,
					      change, last);
				last = change;
				moved += change > 0;
			}
			ck_assert_msg(y > hy + 1, "%dx%d: the %s table has no rows", cols, rows, first);
		}
	}
	ck_assert_int_gt(read, 2 * 4 * 5);
	ck_assert_int_gt(moved, 4);
	ck_assert_int_gt(cracked, 0);
	close_app(&a, a.w);
}
END_TEST

/* The map drawn over its previous frame shows only the new one (the
 * terminal keeps each pane's window between frames): the Map pane and
 * the map view zoomed in twice, then zoomed out on the same canvas, read
 * cell for cell (glyph and colour) as zoomed out on a fresh one, though
 * the zoomed frame had wards, lines and marks where the new one has
 * none. */
START_TEST(test_tui_map_drawn_over_its_last_frame_shows_only_the_new)
{
	enum { H = 24, W = 64 };
	static struct cells zoomed, out;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 30);

	tui_select_border(&a, test_busiest_border(w));
	for (int view = 0; view < 2; view++) {
		struct tui_grid *over = grid_new(H, W), *fresh = grid_new(H, W);
		struct canvas cv_over = {&a.th, NULL, over, 0, 0, H, W}, cv_fresh = {&a.th, NULL, fresh, 0, 0, H, W};
		const char *name = view ? "the map view" : "the Map pane";
		char *t_zoomed, *t_fresh, what[64];
		int stale = 0;

		a.map_zoom = 2;
		if (view)
			view_map_draw(&a, &cv_over);
		else
			pane_map_draw(&a, &cv_over, false);
		t_zoomed = grid_dump(over);
		a.map_zoom = 0;
		if (view) {
			view_map_draw(&a, &cv_over);
			view_map_draw(&a, &cv_fresh);
		} else {
			pane_map_draw(&a, &cv_over, false);
			pane_map_draw(&a, &cv_fresh, false);
		}
		t_fresh = grid_dump(fresh);
		/* the zoomed frame drew where the new one leaves blank */
		cells_of(t_zoomed, H, W, &zoomed);
		cells_of(t_fresh, H, W, &out);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				stale += out.c[y][x] == ' ' && zoomed.c[y][x] != ' ';
		ck_assert_msg(stale > 0, "%s zoomed in twice drew nothing where the zoomed-out one is blank:\n%s", name,
			      t_zoomed);
		snprintf(what, sizeof what, "%s zoomed out over its zoomed frame", name);
		assert_as_on_fresh(what, over, fresh, H, W);
		free(t_zoomed);
		free(t_fresh);
		grid_free(over);
		grid_free(fresh);
	}
	close_app(&a, w);
}
END_TEST

/* A view drawn over another shows only itself: the views share one
 * window on the terminal, kept between frames, so each view opened after
 * another (help, why, chart, map, commodities, story, load, compare,
 * config, TopK, each after each) reads cell for cell, glyph and colour,
 * as drawn on a fresh canvas, though the one before drew where it is
 * blank. On day 60, the view's place on a 160x48 screen. */
START_TEST(test_tui_view_drawn_over_another_shows_only_itself)
{
	enum { H = 45, W = 160 };
	static struct cells before, want;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);

	tui_handle_key(&a, '2'); /* a route selected for the why view */
	for (int v = VIEW_HELP; v < VIEW_COUNT; v++) {
		struct tui_grid *fresh = grid_new(H, W);
		struct canvas cv_fresh = {&a.th, NULL, fresh, 0, 0, H, W};
		char *t_fresh;
		int stale = 0;

		a.view = (enum tui_view)v;
		view_def(a.view)->draw(&a, &cv_fresh);
		t_fresh = grid_dump(fresh);
		cells_of(t_fresh, H, W, &want);
		for (int p = VIEW_HELP; p < VIEW_COUNT; p++) {
			struct tui_grid *over = grid_new(H, W);
			struct canvas cv_over = {&a.th, NULL, over, 0, 0, H, W};
			char *t_before, what[96];

			if (p == v) {
				grid_free(over);
				continue;
			}
			a.view = (enum tui_view)p;
			view_def(a.view)->draw(&a, &cv_over);
			t_before = grid_dump(over);
			cells_of(t_before, H, W, &before);
			a.view = (enum tui_view)v;
			view_def(a.view)->draw(&a, &cv_over);
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					stale += want.c[y][x] == ' ' && before.c[y][x] != ' ';
			snprintf(what, sizeof what, "the %s view over the %s view", view_def(v)->name, view_def(p)->name);
			assert_as_on_fresh(what, over, fresh, H, W);
			free(t_before);
			grid_free(over);
		}
		ck_assert_msg(stale > 0, "no view drew where the %s view is blank", view_def(v)->name);
		free(t_fresh);
		grid_free(fresh);
	}
	a.view = VIEW_MAIN;
	close_app(&a, w);
}
END_TEST

/* The map view draws each ward's label centred where the world puts it,
 * by one scale for both axes (a cell twice as tall as it is wide): the
 * labels' columns grow with the wards' x and their rows fall as y grows,
 * each within a cell of the straight line through the westernmost and
 * easternmost (northernmost and southernmost) wards, the column scale
 * twice the row scale. At 120x40 and 160x48, unzoomed and zoomed in
 * once. */
START_TEST(test_tui_map_labels_stand_where_the_world_puts_them)
{
	struct smug_world *w = world_at(30);
	struct tui_app a;
	int checked = 0;

	tui_app_init(&a, w, &ascii_opts);
	tui_handle_key(&a, 'M');
	for (int zoom = 0; zoom < 2; zoom++, tui_handle_key(&a, 'z'))
		for (int sz = 1; sz < 3; sz++) {
			char *s = render(&a, sizes[sz][0], sizes[sz][1]), *row[64];
			int n = map_rows(s, row, 64), at[64][2], found = 0, ext[4] = {-1, -1, -1, -1};
			double kx, ky;

			for (int i = 0; i < w->n_wards && i < 64; i++) {
				const char *label = tui_short_ward(&a, i);
				int times;

				at[i][0] = label_row(row, n, label, &times);
				if (times != 1) {
					at[i][0] = -1;
					continue;
				}
				for (const char *p = strstr(row[at[i][0]], label);; p = strstr(p + 1, label))
					if ((p == row[at[i][0]] || !isdigit((unsigned char)p[-1])) && !isdigit((unsigned char)p[strlen(label)])) {
						at[i][1] = (int)(p - row[at[i][0]]) + ((int)strlen(label) - 1) / 2;
						break;
					}
				found++;
				/* the wards furthest west, east, south and north among those labelled */
				if (ext[0] < 0 || w->wards[i].pos[0] < w->wards[ext[0]].pos[0]) ext[0] = i;
				if (ext[1] < 0 || w->wards[i].pos[0] > w->wards[ext[1]].pos[0]) ext[1] = i;
				if (ext[2] < 0 || w->wards[i].pos[1] < w->wards[ext[2]].pos[1]) ext[2] = i;
				if (ext[3] < 0 || w->wards[i].pos[1] > w->wards[ext[3]].pos[1]) ext[3] = i;
			}
			ck_assert_int_eq(a.map_zoom, zoom);
			ck_assert_msg(found >= (zoom ? 8 : w->n_wards), "%dx%d zoom %d: %d wards labelled once", sizes[sz][1],
				      sizes[sz][0], zoom, found);
			kx = (at[ext[1]][1] - at[ext[0]][1]) / (w->wards[ext[1]].pos[0] - w->wards[ext[0]].pos[0]);
			ky = (at[ext[3]][0] - at[ext[2]][0]) / (w->wards[ext[3]].pos[1] - w->wards[ext[2]].pos[1]);
			ck_assert_msg(kx > 0 && ky < 0 && fabs(kx + 2 * ky) <= 0.15 * kx,
				      "%dx%d zoom %d: %.2f columns and %.2f rows per unit east and north", sizes[sz][1],
				      sizes[sz][0], zoom, kx, ky);
			for (int i = 0; i < w->n_wards && i < 64; i++) {
				double col, r;

				if (at[i][0] < 0)
					continue;
				col = at[ext[0]][1] + kx * (w->wards[i].pos[0] - w->wards[ext[0]].pos[0]);
				r = at[ext[2]][0] + ky * (w->wards[i].pos[1] - w->wards[ext[2]].pos[1]);
				ck_assert_msg(fabs(at[i][1] - col) <= 1.01 && fabs(at[i][0] - r) <= 1.01,
					      "%dx%d zoom %d: ward %s at (%.1f, %.1f) labelled on row %d column %d, want about %.1f, %.1f",
					      sizes[sz][1], sizes[sz][0], zoom, tui_short_ward(&a, i), w->wards[i].pos[0],
					      w->wards[i].pos[1], at[i][0], at[i][1], r, col);
				checked++;
			}
			free(s);
		}
	ck_assert_int_gt(checked, 2 * w->n_wards + 16);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* The event filter "border:" finds the events of the scenario's first
 * corridor (index 0) like any other's: on the tiny world, whose first
 * corridor n:a|n:b is a border, the Events pane lists exactly the
 * events smugnet(1)'s rule matches, some of them on that border. */
START_TEST(test_tui_event_filter_finds_the_first_corridor)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	struct tui_app a;
	int want = 0, first = 0, n;
	int64_t seq;

	smug_cmd_step(w, 60);
	ck_assert(w->corridors[0].border && strcmp(w->corridors[0].id, "n:a|n:b") == 0);
	for (int i = 0; i < w->tel.event_count; i++) {
		want += filter_should_match(w, smug_event_at(&w->tel, i), "border:n:a|n:b");
		first += smug_event_at(&w->tel, i)->corridor == 0;
	}
	ck_assert_msg(first > 0, "no event on n:a|n:b in 60 days");
	tui_app_init(&a, w, &opts);
	feed(&a, "5/border:n:a|n:b\n");
	n = pane_events_count(&a);
	ck_assert_msg(n == want, "'border:n:a|n:b' lists %d events, want %d", n, want);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(pane_events_at(&a, i, &seq)->corridor, 0);
	close_app(&a, w);
}
END_TEST

/* The Borders pane's last line names the selected border in full: its
 * id, each side's ward id and name, and for a border under a crackdown
 * whose it is (yours or the planner's), the day it started, "until
 * cleared" for one without an end, and its intensity; for every border
 * under a crackdown and one without, on day 60 with the planner on. */
START_TEST(test_tui_borders_last_line_names_the_crackdown)
{
	static struct cells s;
	struct smug_world *w = crackdown_world();
	struct tui_app a;
	int yours = 0, planner = 0, plain = 0;

	tui_app_init(&a, w, &opts);
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		const struct smug_ward *wa = &w->wards[w->nodes[k->a].ward], *wb = &w->wards[w->nodes[k->b].ward];
		const struct smug_crackdown *ck = smug_world_crackdown_on(w, c);
		char want[400], got[400];
		struct box b;
		int at;

		if (!k->border || w->border_stats[c].traffic == 0 || (ck == NULL && plain > 0))
			continue;
		tui_select_border(&a, c);
		read_pane(&a, pane_borders_draw, 40, 230, &s);
		ck_assert(find_box(&s, "3 Borders: ", &b));
		at = snprintf(want, sizeof want, "%s: %s %s - %s %s", k->id, wa->id, wa->name, wb->id, wb->name);
		if (ck)
			snprintf(want + at, sizeof want - (size_t)at, "; crackdown %s from day %d%s, intensity %.2f",
				 ck->manual ? "(yours)" : "(planner)", ck->start_day, ck->end_day < 0 ? " until cleared" : "",
				 ck->intensity);
		cells_text(&s, b.bottom - 1, b.left + 1, b.right, got, sizeof got);
		ck_assert_msg(strcmp(got, want) == 0, "the last line reads '%s', want '%s'", got, want);
		yours += ck && ck->manual;
		planner += ck && !ck->manual;
		plain += ck == NULL;
	}
	ck_assert_msg(yours > 0 && planner > 0 && plain > 0, "%d yours, %d the planner's, %d without", yours, planner, plain);
	close_app(&a, w);
}
END_TEST

/* The Borders table's last line says "until cleared" only for a
 * crackdown without an end: one whose last day is day 0 (a seed at day
 * 0 may hold one from day 0 to day 0, which the world's check accepts)
 * has an end, and the line gives its start and intensity alone. */
START_TEST(test_tui_borders_last_line_gives_day_0_as_an_end)
{
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct smug_crackdown *ck;
	struct smug_error err;
	char want[400], got[400];
	struct box b;
	int c = -1;

	for (int i = 0; i < w->n_corridors && c < 0; i++)
		if (w->corridors[i].border)
			c = i;
	ck_assert_int_ge(c, 0);
	tui_select_border(&a, c);
	tui_toggle_crackdown(&a);
	ck_assert_int_eq(w->n_crackdowns, 1);
	ck = &w->crackdowns[0];
	ck_assert_int_eq(ck->corridor, c);
	ck->start_day = 0;
	ck->end_day = 0;
	ck_assert_msg(smug_world_check(w, "day0.json", &err) == SMUG_OK, "%s", err.msg);
	read_pane(&a, pane_borders_draw, 40, 230, &s);
	ck_assert(find_box(&s, "3 Borders: ", &b));
	cells_text(&s, b.bottom - 1, b.left + 1, b.right, got, sizeof got);
	snprintf(want, sizeof want, "; crackdown (yours) from day 0, intensity %.2f", ck->intensity);
	ck_assert_msg(strstr(got, want) != NULL, "a crackdown from day 0 to day 0: the last line reads '%s', want it to end '%s'",
		      got, want);
	close_app(&a, w);
}
END_TEST

/* A click on any letter of a Borders heading, and on the space after a
 * right-aligned one (the column's own gap), sorts the table by that
 * column, at 160x48 and 80x24. */
START_TEST(test_tui_borders_click_on_each_heading_sorts_by_it)
{
	static const int size[][2] = {{48, 160}, {24, 80}};
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 60);
	int clicks = 0;

	tui_handle_key(&a, '3');
	for (int z = 0; z < 2; z++) {
		struct head h[32];
		struct box b;
		int nh;

		read_screen(&a, size[z][0], size[z][1], &s);
		ck_assert(find_box(&s, "3 Borders: ", &b));
		nh = read_heads(&s, b.top + 2, &b, h, 32);
		ck_assert_int_eq(nh, a.n_border_vis);
		for (int i = 0; i < nh; i++) {
			bool right = i > 0 && !head_is(&h[i], "tr", false) && !head_is(&h[i], "crack", false);

			for (int x = h[i].x0; x < h[i].x1 + right; x++) {
				a.border_sort = a.border_vis[i == 1 ? 2 : 1]; /* another column: the click does not invert */
				tui_click(&a, b.top + 2, x);
				ck_assert_msg(a.border_sort == a.border_vis[i], "%dx%d: a click on column %d of '%s' sorts by column %d, not %d",
					      size[z][1], size[z][0], x, h[i].name, a.border_sort, a.border_vis[i]);
				clicks++;
			}
		}
	}
	ck_assert_int_gt(clicks, 40);
	close_app(&a, w);
}
END_TEST

/* The Events pane with one event to show lists it, under its heads; with
 * none it says why: "no events yet: step a day (.)" on a fresh world, "no
 * events match the filter (Esc clears it)" under a filter nothing
 * matches. A crackdown set on day 5 is the only crackdown event by day 6.
 * (A world whose days had no events: test_tui_events_days_without_any.) */
/* A world without smuggling factions: the Routes pane is headed "2
 * Routes" (not "Routes of -") and says there are no smuggling factions,
 * as the Factions pane does, on its first day and after days simulated.
 * The world starts at day 100: the Events pane counts the days simulated
 * from there ("no events yet" at day 100, "in the 3 days" at day 103). */
START_TEST(test_tui_routes_without_factions)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"empty\", \"name\": \"no crews\", \"seed\": 3,"
		" \"start_day\": 100,"
		" \"ledger\": {\"treasury\": 100000},"
		" \"wards\": [{\"id\": \"ward:01\", \"name\": \"Source\", \"ring\": 2, \"pos\": [-5, 0]},"
		"  {\"id\": \"ward:02\", \"name\": \"Market\", \"ring\": 2, \"pos\": [5, 0]}],"
		" \"nodes\": [{\"id\": \"n:01\", \"ward\": \"ward:01\"}, {\"id\": \"n:02\", \"ward\": \"ward:02\"}],"
		" \"corridors\": [{\"a\": \"n:01\", \"b\": \"n:02\"}], \"factions\": []}";
	static struct cells s;
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	struct box b;
	char text[256];

	ck_assert_msg(smug_world_load_json(json, strlen(json), "empty.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &opts);
	for (int k = 0; k < 2; k++) {
		if (k == 1)
			smug_cmd_step(w, 3);
		read_screen(&a, 48, 160, &s);
		ck_assert_msg(find_box(&s, "2 Routes", &b), "day %d: no Routes pane", w->day);
		cells_text(&s, b.top, b.left + 1, b.right, text, sizeof text);
		ck_assert_msg(strstr(text, "Routes of") == NULL, "day %d: the Routes pane is headed '%s'", w->day, text);
		cells_text(&s, b.top + 1, b.left + 1, b.right, text, sizeof text);
		ck_assert_msg(strcmp(text, "no smuggling factions") == 0, "day %d: the Routes pane says '%s'", w->day,
			      text);
		ck_assert(find_box(&s, "5 Events: ", &b));
		cells_text(&s, b.top + 2, b.left + 1, b.right, text, sizeof text);
		ck_assert_str_eq(text, k == 0 ? "no events yet: step a day (.)" : "no events in the 3 days simulated");
	}
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Days that happened with nothing in them do not ask for a step: with
 * smuggling off, after 1 and then 3 days the Events pane's first row says
 * how many days passed without an event, not "step a day". */
START_TEST(test_tui_events_days_without_any)
{
	static struct cells s;
	struct smug_world *w = world_at(0);
	struct tui_app a;
	struct smug_error err;
	struct box b;
	char text[256];

	ck_assert_int_eq(smug_config_set(w, "smuggling.enabled", "false", &err), SMUG_OK);
	tui_app_init(&a, w, &opts);
	for (int k = 0; k < 2; k++) {
		smug_cmd_step(w, k == 0 ? 1 : 2);
		ck_assert_int_eq(w->tel.event_count, 0);
		read_screen(&a, 48, 160, &s);
		ck_assert(find_box(&s, "5 Events: ", &b));
		cells_text(&s, b.top + 2, b.left + 1, b.right, text, sizeof text);
		ck_assert_str_eq(text, k == 0 ? "no events in the 1 day simulated" : "no events in the 3 days simulated");
	}
	close_app(&a, w);
}
END_TEST

START_TEST(test_tui_events_one_event_or_none)
{
	static const struct {
		int day;
		const char *filter, *says;
	} cases[] = {{0, "", "no events yet: step a day (.)"},
		     {6, "kind:crack", NULL},
		     {6, "kind:cleared", "no events match the filter (Esc clears it)"}};
	static struct cells s;
	struct smug_world *w = world_at(0);
	struct tui_app a;
	struct smug_error err;

	tui_app_init(&a, w, &opts);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const struct smug_event *only = NULL;
		struct head h[16];
		struct box b;
		char text[256];
		int n = 0, nh;

		if (w->day < cases[k].day) {
			smug_cmd_step(w, cases[k].day - 1 - w->day);
			ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[test_busiest_border(w)].id, 0.5, -1, &err), SMUG_OK);
			smug_cmd_step(w, 1);
		}
		tui_handle_key(&a, '5');
		tui_handle_key(&a, 27);
		if (cases[k].filter[0]) {
			tui_handle_key(&a, '/');
			feed(&a, cases[k].filter);
			tui_handle_key(&a, '\n');
		}
		for (int i = 0; i < w->tel.event_count; i++)
			if (filter_should_match(w, smug_event_at(&w->tel, i), cases[k].filter)) {
				only = smug_event_at(&w->tel, i);
				n++;
			}
		ck_assert_msg(n == (cases[k].says ? 0 : 1), "day %d, '%s': %d events", w->day, cases[k].filter, n);
		read_screen(&a, 48, 160, &s);
		ck_assert(find_box(&s, "5 Events: ", &b));
		nh = read_heads(&s, b.top + 1, &b, h, 16);
		cells_text(&s, b.top + 2, b.left + 1, b.right, text, sizeof text);
		if (cases[k].says)
			ck_assert_msg(strcmp(text, cases[k].says) == 0, "day %d, '%s': the first row reads '%s'", w->day,
				      cases[k].filter, text);
		else
			event_row_reads(&s, b.top + 2, h, nh, &b, w, only, cases[k].filter);
		cells_text(&s, b.top + 3, b.left + 1, b.right, text, sizeof text);
		ck_assert_msg(text[0] == '\0', "day %d, '%s': a second row '%s'", w->day, cases[k].filter, text);
	}
	close_app(&a, w);
}
END_TEST

/* A Routes pane too narrow for the status beside the commodity and the
 * lane drops the status column whole (it goes last of the columns that
 * may go); one just wide enough shows it: 24 and 30 columns. */
START_TEST(test_tui_routes_narrow_pane_drops_the_status_last)
{
	static struct cells s;
	struct tui_app a;
	struct smug_world *w = open_at(&a, 1);

	for (int width = 24; width <= 30; width += 6) {
		struct head h[16];
		struct box b;
		int nh;
		char heads[128] = "";
		struct tui_grid *g = grid_new(16, width);
		struct canvas cv = {&a.th, NULL, g, 0, 0, 16, width};
		char *text;

		pane_routes_draw(&a, &cv, true); /* the table's heads only: the margin lines below are not read */
		text = grid_dump(g);
		cells_of(text, 16, width, &s);
		free(text);
		grid_free(g);
		ck_assert(find_box(&s, "2 Routes", &b));
		nh = read_heads(&s, b.top + 1, &b, h, 16);
		for (int i = 0; i < nh && strlen(heads) + strlen(h[i].name) + 2 < sizeof heads; i++) {
			if (i > 0)
				strcat(heads, " ");
			strcat(heads, h[i].name);
		}
		ck_assert_msg(strcmp(heads, width < 30 ? "commodity src>dst" : "commodity src>dst status") == 0,
			      "a Routes pane %d wide heads '%s'", width, heads);
	}
	close_app(&a, w);
}
END_TEST

/* Below the Routes table a decision with no runner-up reads "the only
 * candidate", and the next row goes on with its loss+cost and the bar:
 * on a world of one road (tests/data/long-road.json) after a day. */
START_TEST(test_tui_routes_only_candidate_then_its_cost)
{
	size_t len;
	char *json = test_slurp(SRCDIR "/tests/data/long-road.json", &len), *text, *at, *next, *end;
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	struct tui_grid *g = grid_new(20, 60);
	struct canvas cv = {NULL, NULL, g, 0, 0, 20, 60};

	ck_assert(json != NULL);
	ck_assert_msg(smug_world_load_json(json, len, "long-road.json", &w, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, 1);
	tui_app_init(&a, w, &opts);
	cv.th = &a.th;
	pane_routes_draw(&a, &cv, true);
	text = grid_dump(g);
	at = strstr(text, "the only candidate");
	ck_assert_msg(at != NULL, "no 'the only candidate' in the Routes pane:\n%s", text);
	next = strchr(at, '\n') + 1;
	end = strchr(next, '\n');
	at = strstr(next, "loss+cost of cargo");
	ck_assert_msg(at != NULL && at < end, "the row after 'the only candidate' is not its loss+cost:\n%s", text);
	free(text);
	grid_free(g);
	tui_app_done(&a);
	smug_world_free(w);
	free(json);
}
END_TEST

/* The map draws each shipment in transit on its road, the first one as
 * the others: on the world of one long road (tests/data/long-road.json,
 * its crew held to one shipment a day) the full map shows one shipment
 * after a day and three after three days. */
START_TEST(test_tui_map_draws_every_shipment_in_transit)
{
	size_t len;
	char *text = test_slurp(SRCDIR "/tests/data/long-road.json", &len), *at;
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;

	ck_assert(text != NULL && (at = strstr(text, "\"max_shipments_per_day\": 60")) != NULL);
	memcpy(at, "\"max_shipments_per_day\":  1", strlen("\"max_shipments_per_day\": 60"));
	ck_assert_msg(smug_world_load_json(text, len, "long-road.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &ascii_opts);
	feed(&a, "M");
	for (int day = 1; day <= 3; day += 2) {
		struct tui_grid *g;
		char *dump, *row;
		int y = 0, ships = 0;

		smug_cmd_step(w, day == 1 ? 1 : 2);
		ck_assert_int_eq(w->n_shipments, day);
		g = frame_grid(&a, 48, 160);
		dump = grid_dump(g);
		/* the map's rows: all but the legend's, which names the glyph */
		for (row = dump; row && *row; row = strchr(row, '\n') ? strchr(row, '\n') + 1 : NULL, y++) {
			const char *end = strchr(row, '\n');

			if (strstr(row, "shipment") && (end == NULL || strstr(row, "shipment") < end))
				continue;
			for (int x = 0; x < 160; x++)
				ships += grid_role(g, y, x) == ROLE_SHIPMENT;
		}
		ck_assert_msg(ships == day, "day %d, %d shipments in transit: %d drawn on the map", day, w->n_shipments,
			      ships);
		free(dump);
		grid_free(g);
	}
	tui_app_done(&a);
	smug_world_free(w);
	free(text);
}
END_TEST

/* The commodities view keeps its last row for the bars' legend however
 * long the list: on a generated world of 12 factions (a line each and
 * one per commodity it prefers, more rows than the view has), 160
 * columns wide and from 24 to 48 rows high, with the first row selected
 * and with the last, the screen reads "bar: cargo value sent against
 * the largest row". */
START_TEST(test_tui_commodities_legend_stays_under_a_long_list)
{
	char *json = smug_scenario_generate(100, 5, 12);
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &opts);
	feed(&a, "v");
	ck_assert_int_eq(a.view, VIEW_COMMODITIES);
	for (int rows = 24; rows <= 48; rows++)
		for (int end = 0; end < 2; end++) {
			char *s;

			tui_handle_key(&a, end ? KEY_END : KEY_HOME);
			s = render(&a, rows, 160);
			ck_assert_msg(!end || a.commodity_sel + 1 > 24, "%d rows listed, no more than a screen of 24 rows",
				      a.commodity_sel + 1);
			ck_assert_msg(strstr(s, "bar: cargo value sent against the largest row") != NULL,
				      "160x%d, row %d selected: no legend under the list", rows, a.commodity_sel);
			free(s);
		}
	tui_app_done(&a);
	smug_world_free(w);
	free(json);
}
END_TEST

/* The map of a world of up to 60 wards draws every border, crossed or
 * not; a larger one only those with traffic or a crackdown: on day 0,
 * before any crossing, the full map of a generated world of 60 wards has
 * its border lines, one of 61 wards none. */
START_TEST(test_tui_map_small_world_draws_every_border)
{
	for (int n_wards = 60; n_wards <= 61; n_wards++) {
		char *json = smug_scenario_generate(n_wards, 3, 4);
		struct smug_world *w = NULL;
		struct smug_error err;
		struct tui_app a;
		struct tui_grid *g;
		int lines = 0;

		ck_assert_msg(smug_world_load_json(json, strlen(json), "gen.json", &w, &err) == SMUG_OK, "%s", err.msg);
		ck_assert_int_eq(w->n_wards, n_wards);
		tui_app_init(&a, w, &ascii_opts);
		feed(&a, "M");
		g = frame_grid(&a, 48, 160);
		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 160; x++)
				lines += grid_role(g, y, x) == ROLE_LINE;
		ck_assert_msg(n_wards <= 60 ? lines > 100 : lines == 0, "day 0, %d wards: %d cells of border lines on the map",
			      n_wards, lines);
		grid_free(g);
		tui_app_done(&a);
		smug_world_free(w);
		free(json);
	}
}
END_TEST

/* A ward whose label would touch another's on the map is drawn as a dot:
 * on the full 160-column map of four wards in a row (src at -5, bbb at
 * 3.0, aaa at 3.2, dst at 5: 15 columns a unit, so bbb's label would end
 * in the column before aaa's begins) aaa, drawn first, keeps its label
 * and bbb is a dot beside it, never "bbbaaa". */
START_TEST(test_tui_map_label_never_touches_the_next)
{
	const char *json =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"row\", \"name\": \"a row\", \"seed\": 3,"
		" \"ledger\": {\"treasury\": 100000},"
		" \"wards\": [{\"id\": \"ward:aaa\", \"name\": \"A\", \"ring\": 2, \"pos\": [3.2, 0]},"
		"  {\"id\": \"ward:bbb\", \"name\": \"B\", \"ring\": 2, \"pos\": [3.0, 0]},"
		"  {\"id\": \"ward:src\", \"name\": \"Source\", \"ring\": 2, \"pos\": [-5, 0]},"
		"  {\"id\": \"ward:dst\", \"name\": \"Market\", \"ring\": 2, \"pos\": [5, 0]}],"
		" \"nodes\": [{\"id\": \"n:a\", \"ward\": \"ward:aaa\"}, {\"id\": \"n:b\", \"ward\": \"ward:bbb\"},"
		"  {\"id\": \"n:src\", \"ward\": \"ward:src\"}, {\"id\": \"n:dst\", \"ward\": \"ward:dst\"}],"
		" \"corridors\": [{\"a\": \"n:src\", \"b\": \"n:b\"}, {\"a\": \"n:b\", \"b\": \"n:a\"}, {\"a\": \"n:a\", \"b\": \"n:dst\"}],"
		" \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:src\","
		"   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}";
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	char *s, *row[64];
	int n, times, r;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "row.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &ascii_opts);
	feed(&a, "M");
	s = render(&a, 48, 160);
	n = map_rows(s, row, 64);
	r = label_row(row, n, "aaa", &times);
	ck_assert_msg(times == 1, "ward aaa labelled %d times:\n%s", times, s);
	ck_assert_msg(strstr(row[r], "bbb") == NULL, "bbb's label touches aaa's: '%s'", row[r]);
	ck_assert_msg(strstr(row[r], "src") != NULL && strstr(row[r], "dst") != NULL, "not one row of wards: '%s'", row[r]);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A world whose wards lie in one row is drawn along the map's middle row
 * and across its width, whatever its size: two wards 10 units apart (at
 * x -5 and 5, y 0) stand on the middle row of the full 160x48 map, and
 * so do two 1 unit apart (at -0.5 and 0.5), in the same columns. */
START_TEST(test_tui_map_world_in_one_row_fills_the_middle_row)
{
	static const double half[2] = {5, 0.5};
	int col[2][2];

	for (int k = 0; k < 2; k++) {
		char json[1024], *s, *row[64];
		struct smug_world *w = NULL;
		struct smug_error err;
		struct tui_app a;
		int n;

		snprintf(json, sizeof json,
			 "{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"pair\", \"name\": \"a pair\", \"seed\": 3,"
			 " \"ledger\": {\"treasury\": 100000},"
			 " \"wards\": [{\"id\": \"ward:west\", \"name\": \"West\", \"ring\": 2, \"pos\": [%g, 0]},"
			 "  {\"id\": \"ward:east\", \"name\": \"East\", \"ring\": 2, \"pos\": [%g, 0]}],"
			 " \"nodes\": [{\"id\": \"n:w\", \"ward\": \"ward:west\"}, {\"id\": \"n:e\", \"ward\": \"ward:east\"}],"
			 " \"corridors\": [{\"a\": \"n:w\", \"b\": \"n:e\"}],"
			 " \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:west\","
			 "   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}",
			 -half[k], half[k]);
		ck_assert_msg(smug_world_load_json(json, strlen(json), "pair.json", &w, &err) == SMUG_OK, "%s", err.msg);
		tui_app_init(&a, w, &ascii_opts);
		feed(&a, "M");
		s = render(&a, 48, 160);
		n = map_rows(s, row, 64);
		for (int i = 0; i < 2; i++) {
			const char *label = tui_short_ward(&a, i);
			int times, r = label_row(row, n, label, &times);

			ck_assert_msg(times == 1 && r == (int)lround((n - 1) / 2.0),
				      "wards %g apart in one row: %s on map row %d of %d (%d times), want the middle, %d",
				      2 * half[k], label, r, n, times, (int)lround((n - 1) / 2.0));
			col[k][i] = (int)(strstr(row[r], label) - row[r]);
		}
		free(s);
		tui_app_done(&a);
		smug_world_free(w);
	}
	ck_assert_msg(col[0][0] == col[1][0] && col[0][1] == col[1][1],
		      "wards 10 apart in one row stand in columns %d and %d, 1 apart in %d and %d", col[0][0], col[0][1],
		      col[1][0], col[1][1]);
}
END_TEST

/* A world whose wards all stand on one point is drawn in the middle of
 * the map: two wards at (2, 3) on the full 160x48 map, under the Well
 * ('@', the centre of the wards) on the middle row, middle column. */
START_TEST(test_tui_map_world_on_one_point_stands_in_the_middle)
{
	const char *json =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"pair\", \"name\": \"a pair\", \"seed\": 3,"
		" \"ledger\": {\"treasury\": 100000},"
		" \"wards\": [{\"id\": \"ward:west\", \"name\": \"West\", \"ring\": 2, \"pos\": [2, 3]},"
		"  {\"id\": \"ward:east\", \"name\": \"East\", \"ring\": 2, \"pos\": [2, 3]}],"
		" \"nodes\": [{\"id\": \"n:w\", \"ward\": \"ward:west\"}, {\"id\": \"n:e\", \"ward\": \"ward:east\"}],"
		" \"corridors\": [{\"a\": \"n:w\", \"b\": \"n:e\"}],"
		" \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:west\","
		"   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}";
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	char *s, *row[64];
	int n, r, at;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "pair.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &ascii_opts);
	feed(&a, "M");
	s = render(&a, 48, 160);
	n = map_rows(s, row, 64);
	for (r = 0; r < n && strchr(row[r], '@') == NULL; r++)
		;
	ck_assert_msg(r == (int)lround((n - 1) / 2.0), "the Well of a world on one point on map row %d of %d, want %d", r,
		      n, (int)lround((n - 1) / 2.0));
	at = (int)(strchr(row[r], '@') - row[r]);
	ck_assert_msg(at == 80, "the Well of a world on one point in column %d of 160, want 80", at);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* Shipments on the map never cover the Well nor a ward: on the world of
 * one long road (tests/data/long-road.json, the Well halfway along it)
 * the road holds a day's shipments every few cells after 30 days, and
 * the full map at every width from 80 to 200 columns still shows the
 * Well ('@') once and both wards' labels. */
START_TEST(test_tui_map_shipments_pass_under_the_well)
{
	size_t len;
	char *json = test_slurp(SRCDIR "/tests/data/long-road.json", &len);
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;

	ck_assert(json != NULL);
	ck_assert_msg(smug_world_load_json(json, len, "long-road.json", &w, &err) == SMUG_OK, "%s", err.msg);
	tui_app_init(&a, w, &ascii_opts);
	for (int day = 1; day <= 30; day++)
		feed(&a, ".");
	ck_assert_int_gt(w->n_shipments, 100);
	feed(&a, "M");
	for (int cols = 80; cols <= 200; cols++) {
		char *s = render(&a, 30, cols), *row[64];
		int n = map_rows(s, row, 64), wells = 0, times[2];

		for (int r = 0; r < n; r++)
			wells += strchr(row[r], '@') != NULL;
		label_row(row, n, tui_short_ward(&a, 0), &times[0]);
		label_row(row, n, tui_short_ward(&a, 1), &times[1]);
		ck_assert_msg(wells == 1 && times[0] == 1 && times[1] == 1,
			      "%dx30, %d shipments on the road: %d Wells, %s labelled %d times, %s %d times", cols,
			      w->n_shipments, wells, tui_short_ward(&a, 0), times[0], tui_short_ward(&a, 1), times[1]);
		free(s);
	}
	tui_app_done(&a);
	smug_world_free(w);
	free(json);
}
END_TEST

/* Two borders between the same two wards share one line on the map and
 * split it: their marks stand a third and two thirds of the way along,
 * whatever other borders the wards have. Wards A (-5, 0), B (5, 0) and
 * C (0, 5); borders n:a|n:b, n:a|n:c and n:a|n:d (A-B, A-C and A-B
 * again, in that order of their ids), each under a crackdown (so
 * marked); on the full 160x48 map the A-B marks are at 1/3 and 2/3 of
 * the columns from A to B. */
START_TEST(test_tui_map_parallel_borders_share_their_line)
{
	const char *json =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"tri\", \"name\": \"three wards\", \"seed\": 3,"
		" \"ledger\": {\"treasury\": 100000},"
		" \"wards\": [{\"id\": \"ward:aaa\", \"name\": \"A\", \"ring\": 2, \"pos\": [-5, 0]},"
		"  {\"id\": \"ward:bbb\", \"name\": \"B\", \"ring\": 2, \"pos\": [5, 0]},"
		"  {\"id\": \"ward:ccc\", \"name\": \"C\", \"ring\": 2, \"pos\": [0, 5]}],"
		" \"nodes\": [{\"id\": \"n:a\", \"ward\": \"ward:aaa\"}, {\"id\": \"n:b\", \"ward\": \"ward:bbb\"},"
		"  {\"id\": \"n:c\", \"ward\": \"ward:ccc\"}, {\"id\": \"n:d\", \"ward\": \"ward:bbb\"}],"
		" \"corridors\": [{\"a\": \"n:a\", \"b\": \"n:b\"}, {\"a\": \"n:a\", \"b\": \"n:c\"}, {\"a\": \"n:a\", \"b\": \"n:d\"}],"
		" \"factions\": [{\"id\": \"crew\", \"name\": \"The Crew\", \"kind\": \"criminal\", \"home\": \"ward:aaa\","
		"   \"balance\": 1000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}]}";
	struct smug_world *w = NULL;
	struct smug_error err;
	struct tui_app a;
	int ax = -1, bx = -1, at[2] = {-1, -1};
	char *s;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "tri.json", &w, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(w->n_corridors, 3);
	for (int c = 0; c < 3; c++)
		ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 1.0, -1, NULL), SMUG_OK);
	tui_app_init(&a, w, &ascii_opts);
	feed(&a, "M");
	s = render(&a, 48, 160);
	for (int i = 0, k = 0; i < a.n_marks; i++) { /* the marks of the two A-B borders */
		int c = a.marks[i].corridor;
		int wa = w->nodes[w->corridors[c].a].ward, wb = w->nodes[w->corridors[c].b].ward;

		if (wa + wb == 1 && k < 2) /* wards 0 and 1 */
			at[k++] = a.marks[i].x;
	}
	if (at[0] > at[1]) {
		int t = at[0];

		at[0] = at[1];
		at[1] = t;
	}
	/* the wards' columns: the middle of their labels on the A-B row */
	for (char *p = s; p && ax < 0; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strstr(p, "aaa") && strstr(p, "bbb") && strstr(p, "aaa") < strchr(p, '\n')) {
			ax = (int)(strstr(p, "aaa") - p) + 1;
			bx = (int)(strstr(p, "bbb") - p) + 1;
		}
	ck_assert_msg(ax >= 0 && at[0] >= 0 && at[1] >= 0, "no A-B row or marks (A at %d, marks at %d and %d):\n%s", ax,
		      at[0], at[1], s);
	ck_assert_msg(abs(at[0] - (ax + (bx - ax) / 3)) <= 2 && abs(at[1] - (ax + 2 * (bx - ax) / 3)) <= 2,
		      "A in column %d, B in %d: the parallel borders' marks in columns %d and %d, want about %d and %d", ax,
		      bx, at[0], at[1], ax + (bx - ax) / 3, ax + 2 * (bx - ax) / 3);
	free(s);
	tui_app_done(&a);
	smug_world_free(w);
}
END_TEST

/* A curses screen of terminal type `term` writing to /dev/null; its
 * files are closed by screen_close. */
static SCREEN *screen_open(const char *term, FILE **out, FILE **in)
{
	SCREEN *sc;

	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(*out);
	ck_assert_ptr_nonnull(*in);
	sc = newterm(term, *out, *in);
	ck_assert_msg(sc != NULL, "curses does not know the terminal %s", term);
	set_term(sc);
	return sc;
}

static void screen_close(SCREEN *sc, FILE *out, FILE *in)
{
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
}

/* Memory the machine cannot give (more than the address space, asked
 * for afresh, zeroed or to grow a block) ends the cockpit: the terminal restored
 * first (xterm's screen switched back, the cursor shown), then
 * "smugnet: out of memory" on stderr, so that the message stays on the
 * shell's screen, and the program aborts (SIGABRT), not later on a null
 * pointer. The cockpit runs in a child, its terminal and its stderr one
 * file, read after. */
static void out_of_memory_ends_the_cockpit(const char *how)
{
	char path[] = "/tmp/smugnet-oom-XXXXXX", *text, *bye, *msg;
	int fd = mkstemp(path), status;
	pid_t pid;
	size_t len;

	ck_assert_int_ge(fd, 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		FILE *term = fdopen(fd, "w"), *in = fopen("/dev/null", "r");
		SCREEN *sc = term && in && dup2(fd, 2) == 2 ? newterm("xterm-256color", term, in) : NULL;
		struct rlimit no_core = {0, 0};
		void *p;

		if (sc == NULL || setrlimit(RLIMIT_CORE, &no_core) != 0) /* no core file left in the build tree */
			_exit(2);
		set_term(sc);
		mvaddstr(0, 0, "the cockpit");
		refresh();
		if (strcmp(how, "malloc") == 0)
			p = tui_xmalloc(SIZE_MAX - 64);
		else if (strcmp(how, "calloc") == 0)
			p = tui_xcalloc(SIZE_MAX / 2, 4);
		else
			p = tui_xrealloc(tui_xmalloc(16), SIZE_MAX - 64);
		_exit(p == NULL ? 3 : 4);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	close(fd);
	text = test_slurp(path, &len);
	unlink(path);
	ck_assert_ptr_nonnull(text);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		      "%s: the cockpit did not abort (%s %d)", how, WIFSIGNALED(status) ? "signal" : "exit",
		      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	bye = strstr(text, "\033[?1049l");
	msg = strstr(text, "smugnet: out of memory\n");
	ck_assert_msg(bye != NULL, "%s: the terminal is not restored (no rmcup)", how);
	ck_assert_msg(msg != NULL && msg > bye, "%s: 'smugnet: out of memory' not said after the terminal is restored: %s",
		      how, msg ? "before it" : "not at all");
	ck_assert_msg(strstr(text, "the cockpit") != NULL && strstr(text, "the cockpit") < bye,
		      "the child drew no screen first");
	free(text);
}

START_TEST(test_tui_out_of_memory_restores_the_terminal_and_says_so)
{
	out_of_memory_ends_the_cockpit("malloc");
	out_of_memory_ends_the_cockpit("calloc");
	out_of_memory_ends_the_cockpit("realloc");
}
END_TEST

/* The cockpit's colours follow the terminal and --no-color: on
 * xterm-256color each role gets its pair (the title in colour 75 of
 * 256); with --no-color there, and on a terminal whose description
 * counts colours but has no way to set one (colors#8 and pairs#64, no
 * setaf, setf or scp: curses' has_colors says no, though start_color
 * alone would start them), no role has a colour and each keeps its
 * monochrome look: the focus underlined, a crackdown in reverse video. */
START_TEST(test_tui_colours_only_where_the_terminal_can_set_them)
{
	static const char entry[] =
		"smugnet-colourless|counts colours and cannot set them,\n"
		"\tcols#80, lines#24, colors#8, pairs#64,\n"
		"\tbold=\\E[1m, clear=\\E[H\\E[2J, cup=\\E[%i%p1%d;%p2%dH, dim=\\E[2m, el=\\E[K,\n"
		"\trev=\\E[7m, rmul=\\E[24m, sgr0=\\E[m, smul=\\E[4m,\n";
	char root[] = "/tmp/smugnet-tui-XXXXXX", path[64], cmd[160];
	struct tui_theme th;
	FILE *out, *in, *src;
	SCREEN *sc;
	short fg = -1, bg = -1;

	sc = screen_open("xterm-256color", &out, &in);
	theme_init(&th, true, false);
	ck_assert_msg(th.color, "no colours on xterm-256color");
	ck_assert_int_ne(th.attr[ROLE_TITLE] & A_COLOR, 0);
	ck_assert_msg(pair_content((short)PAIR_NUMBER(th.attr[ROLE_TITLE]), &fg, &bg) == OK && fg == 75,
		      "the title's colour pair is not colour 75 on the default background (%d on %d)", fg, bg);
	theme_init(&th, false, false);
	ck_assert_msg(!th.color, "colours on xterm-256color with --no-color");
	for (int r = 0; r < ROLE_COUNT; r++)
		ck_assert_msg((th.attr[r] & A_COLOR) == 0, "role %d has a colour with --no-color", r);
	screen_close(sc, out, in);

	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(path, sizeof path, "%s/colourless.ti", root);
	ck_assert_ptr_nonnull(src = fopen(path, "w"));
	ck_assert_int_eq(fputs(entry, src) >= 0, 1);
	ck_assert_int_eq(fclose(src), 0);
	snprintf(cmd, sizeof cmd, "tic -o '%s' '%s'", root, path);
	ck_assert_msg(system(cmd) == 0, "%s failed (tic is part of ncurses)", cmd);
	ck_assert_int_eq(setenv("TERMINFO", root, 1), 0);
	sc = screen_open("smugnet-colourless", &out, &in);
	ck_assert_int_eq(has_colors(), FALSE);
	theme_init(&th, true, false);
	ck_assert_msg(!th.color, "colours on a terminal that cannot set them");
	for (int r = 0; r < ROLE_COUNT; r++)
		ck_assert_msg((th.attr[r] & A_COLOR) == 0, "role %d has a colour on a terminal that cannot set one", r);
	ck_assert_int_eq(th.attr[ROLE_FOCUS] & (A_UNDERLINE | A_BOLD), A_UNDERLINE | A_BOLD);
	ck_assert_int_eq(th.attr[ROLE_CRACKDOWN] & A_REVERSE, A_REVERSE);
	screen_close(sc, out, in);
	unsetenv("TERMINFO");
	test_remove_tree(root);
}
END_TEST

#ifdef HAVE_MALLINFO2
/* A terminal resized again and again (its window dragged by a corner)
 * gets the cockpit's windows made anew at each size, where the panes
 * stand at that size, and the old ones are given back: 50 times from 160x48 to 100x40 and back leave the heap
 * where it was, within 64 KiB (one set of windows at 160x48 takes over
 * 200 KB), and when the cockpit ends its windows give back theirs (over
 * 200 KB at 100x40). */
/* Each pane tui_render draws on a rows x cols screen has a window of ws
 * at its place, of its size. */
static void windows_stand_where_the_panes_do(struct tui_app *a, const struct tui_windows *ws, int rows, int cols)
{
	struct tui_grid *g = grid_new(rows, cols);
	struct canvas screen = {&a->th, NULL, g, 0, 0, rows, cols};

	tui_render(a, &screen);
	grid_free(g);
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct tui_rect *r = &a->pane_rect[p];
		bool found = false;

		if (r->h <= 0 || r->w <= 0)
			continue;
		for (int i = 0; i < TUI_SLOTS; i++) {
			WINDOW *win = ws->win[i];

			found = found || (win && getbegy(win) == r->y && getbegx(win) == r->x && getmaxy(win) == r->h &&
					  getmaxx(win) == r->w);
		}
		ck_assert_msg(found, "%dx%d: no window where pane %d stands, %dx%d at row %d, column %d", cols, rows, p,
			      r->w, r->h, r->y, r->x);
	}
}

START_TEST(test_tui_resizes_give_their_windows_back)
{
	struct tui_app a;
	struct smug_world *w = open_at(&a, 0);
	struct tui_windows ws;
	FILE *out, *in;
	SCREEN *sc = screen_open("xterm-256color", &out, &in);
	size_t before, empty;
	int shown = 0;

	memset(&ws, 0, sizeof ws);
	for (int k = 0; k < 2; k++) { /* the first sizes may keep what later ones reuse */
		resize_term(48, 160);
		tui_windows_fit(&ws, &a, 48, 160);
		windows_stand_where_the_panes_do(&a, &ws, 48, 160);
		resize_term(40, 100);
		tui_windows_fit(&ws, &a, 40, 100);
		windows_stand_where_the_panes_do(&a, &ws, 40, 100);
	}
	tui_windows_done(&ws);
	empty = test_heap_in_use();
	tui_windows_fit(&ws, &a, 40, 100);
	for (int i = 0; i < TUI_SLOTS; i++) {
		if (ws.at[i].h <= 0)
			continue;
		shown++;
		ck_assert_msg(ws.win[i] != NULL && getmaxy((WINDOW *)ws.win[i]) == ws.at[i].h &&
				      getmaxx((WINDOW *)ws.win[i]) == ws.at[i].w,
			      "slot %d of 100x40 has no window of %dx%d", i, ws.at[i].w, ws.at[i].h);
	}
	ck_assert_int_ge(shown, 6);
	before = test_heap_in_use();
	for (int k = 0; k < 50; k++) {
		resize_term(48, 160);
		tui_windows_fit(&ws, &a, 48, 160);
		resize_term(40, 100);
		tui_windows_fit(&ws, &a, 40, 100);
	}
	ck_assert_msg(test_heap_in_use() < before + (64u << 10), "50 resizes to 160x48 and back keep %zu bytes more",
		      test_heap_in_use() - before);
	/* and at the end all of them */
	tui_windows_done(&ws);
	for (int i = 0; i < TUI_SLOTS; i++)
		ck_assert_msg(ws.win[i] == NULL, "slot %d keeps a window when the windows are done", i);
	ck_assert_msg(test_heap_in_use() < empty + (64u << 10), "the windows done: %zu bytes more in use than before them",
		      test_heap_in_use() - empty);
	screen_close(sc, out, in);
	close_app(&a, w);
}
END_TEST
#endif


int main(void)
{
	Suite *s = suite_create("tui");
	TCase *t = tcase_create("golden screens");

	/* tagged so that `make mutate` can leave them out (CK_EXCLUDE_TAGS):
	 * a golden screen fails on any change by construction */
	tcase_set_tags(t, "golden");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_golden_main);
	tcase_add_test(t, test_tui_golden_commodities);
	tcase_add_test(t, test_tui_golden_map);
	tcase_add_test(t, test_tui_golden_chart);
	tcase_add_test(t, test_tui_golden_why);
	suite_add_tcase(s, t);
	t = tcase_create("screens");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_header_keeps_the_musts_at_80);
	tcase_add_test(t, test_tui_first_screen_says_what_to_press);
	tcase_add_test(t, test_tui_first_screen_hints_whole_at_80);
	tcase_add_test(t, test_tui_chart_after_one_step_has_no_day_0);
	tcase_add_test(t, test_tui_one_day_numbering);
	tcase_add_test(t, test_tui_routes_title_drops_the_day_whole);
	tcase_add_test(t, test_tui_too_small_says_size);
	tcase_add_test(t, test_tui_too_small_only_q_acts);
	tcase_add_test(t, test_tui_too_small_holds_a_run);
	tcase_add_test(t, test_tui_ctrl_c_asks_like_q);
	tcase_add_test(t, test_tui_q_quits_from_every_view);
	tcase_add_test(t, test_tui_c_in_a_faction_chart);
	tcase_add_test(t, test_tui_panes_show_the_world);
	tcase_add_test(t, test_tui_factions_pane_shows_bribe_spend);
	tcase_add_test(t, test_tui_factions_pane_names_bribe_spend_when_narrow);
	tcase_add_test(t, test_tui_routes_rows_say_their_count_without_its_column);
	tcase_add_test(t, test_tui_factions_pane_shows_the_selected_faction);
	tcase_add_test(t, test_tui_help_and_footer_follow_the_key_table);
	tcase_add_test(t, test_tui_ascii_has_no_utf8);
	tcase_add_test(t, test_tui_large_world_fits);
	tcase_add_test(t, test_tui_map_of_a_large_world_draws_every_border_from_zoom_x4);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_tui_frames_give_their_memory_back);
	tcase_add_test(t, test_tui_chart_frames_give_their_memory_back);
	tcase_add_test(t, test_tui_closed_cockpits_give_their_event_filter_back);
	tcase_add_test(t, test_tui_resizes_give_their_windows_back);
#endif
	tcase_add_test(t, test_tui_border_chart_title_says_what_history_is_kept);
	tcase_add_test(t, test_tui_very_tall_screen_changes_nothing_else);
	tcase_add_test(t, test_tui_map_marks_are_distinct);
	tcase_add_test(t, test_tui_map_marks_a_border_whose_wards_share_a_cell);
	tcase_add_test(t, test_tui_map_marks_a_border_along_the_edge_row);
	tcase_add_test(t, test_tui_map_draws_a_line_into_its_last_cell);
	tcase_add_test(t, test_tui_map_click_beside_a_mark_selects_its_border);
	tcase_add_test(t, test_tui_map_pane_click_on_a_mark_selects_its_border);
	tcase_add_test(t, test_tui_map_highlights_only_the_selected_border);
	tcase_add_test(t, test_tui_map_shows_every_ward);
	tcase_add_test(t, test_tui_map_labels_wards_without_the_end_they_share);
	tcase_add_test(t, test_tui_map_labels_of_one_character);
	tcase_add_test(t, test_tui_short_names_cut_only_at_a_separator);
	tcase_add_test(t, test_tui_map_legend_names_every_mark);
	tcase_add_test(t, test_tui_map_short_ids_keep_the_digits_they_share);
	tcase_add_test(t, test_tui_map_marks_share_the_line_by_parallels);
	tcase_add_test(t, test_tui_map_heat_steps_against_the_hottest);
	tcase_add_test(t, test_tui_man_keys_match_the_table);
	tcase_add_test(t, test_tui_help_says_what_the_chart_keys_do);
	tcase_add_test(t, test_tui_help_says_where_each_key_works);
	tcase_add_test(t, test_tui_help_names_the_prompt_keys_and_every_enter);
	tcase_add_test(t, test_tui_cut_pane_title_keeps_its_bracket);
	tcase_add_test(t, test_tui_routes_row_reads_its_decision);
	tcase_add_test(t, test_tui_routes_every_cell_under_its_head);
	tcase_add_test(t, test_tui_routes_lane_names_both_long_wards);
	tcase_add_test(t, test_tui_routes_lane_grows_to_the_wards_ids);
	tcase_add_test(t, test_tui_event_borders_keep_both_nodes);
	tcase_add_test(t, test_tui_wide_characters_keep_inside_the_frames);
	tcase_add_test(t, test_tui_event_detail_marks_the_end_ids_share);
	tcase_add_test(t, test_tui_event_log_cuts_a_faction_only_for_the_detail);
	tcase_add_test(t, test_tui_routes_fold_only_identical_decisions);
	tcase_add_test(t, test_tui_routes_and_why_say_explored);
	tcase_add_test(t, test_tui_routes_count_only_on_folded_rows);
	tcase_add_test(t, test_tui_map_draws_a_straight_border_straight);
	tcase_add_test(t, test_tui_map_draws_the_well_between_its_wards);
	tcase_add_test(t, test_tui_map_marks_a_line_full_of_wards_beside_its_middle);
	tcase_add_test(t, test_tui_map_marks_a_covered_line_on_its_free_side);
	tcase_add_test(t, test_tui_map_ward_without_room_for_its_label_is_a_dot);
	tcase_add_test(t, test_tui_map_marks_the_only_border_halfway);
	tcase_add_test(t, test_tui_event_selection_lights_the_whole_row);
	tcase_add_test(t, test_tui_events_credits_read_each_amount);
	tcase_add_test(t, test_tui_chart_stacks_fewer_on_short_screens);
	tcase_add_test(t, test_tui_chart_shades_one_day_of_a_wide_column);
	tcase_add_test(t, test_tui_chart_shades_the_crackdown_days);
	tcase_add_test(t, test_tui_chart_bars_stand_for_their_own_days);
	tcase_add_test(t, test_tui_chart_day_axis_labels_stay_apart);
	tcase_add_test(t, test_tui_chart_line_is_whole_across_a_jump_from_the_bottom);
	tcase_add_test(t, test_tui_chart_of_no_known_value_reads_0_to_1);
	tcase_add_test(t, test_tui_chart_legend_keeps_whole_entries);
	tcase_add_test(t, test_tui_grid_dumps_a_screen_of_four_byte_characters);
	tcase_add_test(t, test_tui_grid_has_no_role_outside_it);
	tcase_add_test(t, test_tui_canvas_draws_nothing_into_no_room);
	tcase_add_test(t, test_tui_chart_middle_day_is_halfway);
	tcase_add_test(t, test_tui_fresh_grid_is_blank_everywhere);
	tcase_add_test(t, test_tui_canvas_sub_stays_inside_its_parent);
	tcase_add_test(t, test_tui_canvas_sub_from_before_the_pane_starts_at_its_corner);
	tcase_add_test(t, test_tui_chart_range_takes_whole_band_days_only);
	tcase_add_test(t, test_tui_chart_band_fills_up_to_the_top_row);
	tcase_add_test(t, test_tui_chart_band_takes_the_rows_at_its_ends);
	tcase_add_test(t, test_tui_chart_day_labels_stand_apart);
	tcase_add_test(t, test_tui_credits_group_thousands);
	tcase_add_test(t, test_tui_table_columns_fit_by_priority);
	tcase_add_test(t, test_tui_table_header_and_cells_sit_in_their_columns);
	tcase_add_test(t, test_tui_table_musts_wider_than_the_pane_keep_their_widths);
	tcase_add_test(t, test_tui_table_scroll_keeps_the_selection_in_view);
	tcase_add_test(t, test_tui_header_shows_each_figure_by_priority_at_any_width);
	tcase_add_test(t, test_tui_spark_levels_share_of_the_largest);
	tcase_add_test(t, test_tui_header_second_row_colours_and_sparkline);
	tcase_add_test(t, test_tui_factions_seized_red_only_when_some);
	tcase_add_test(t, test_tui_factions_spark_spans_lowest_to_highest_balance);
	tcase_add_test(t, test_tui_footer_shows_prompt_cursor_and_status);
	tcase_add_test(t, test_tui_fit_keeps_the_longest_prefix_at_any_width);
	tcase_add_test(t, test_tui_chart_line_breaks_at_days_without_data);
	tcase_add_test(t, test_tui_chart_y_labels_read_the_range);
	tcase_add_test(t, test_tui_canvas_names_the_first_cut_number);
	tcase_add_test(t, test_tui_canvas_names_the_first_label_without_its_figure);
	tcase_add_test(t, test_tui_canvas_names_a_shortened_label_at_its_ellipsis);
	tcase_add_test(t, test_tui_canvas_ward_names_are_not_labels);
	tcase_add_test(t, test_tui_fit_parts_drops_whole_parts);
	tcase_add_test(t, test_tui_chart_drawn_over_another_shows_only_itself);
	tcase_add_test(t, test_tui_header_redrawn_shows_only_the_new_frame);
	tcase_add_test(t, test_tui_numbers_keep_the_digits_that_fit);
	tcase_add_test(t, test_tui_cut_title_blanks_the_rest_of_its_width);
	tcase_add_test(t, test_tui_fitting_title_runs_into_the_frame);
	tcase_add_test(t, test_tui_factions_pane_lists_each_faction_once);
	tcase_add_test(t, test_tui_factions_line_shows_what_each_moved);
	tcase_add_test(t, test_tui_factions_fresh_line_names_each_preference);
	tcase_add_test(t, test_tui_sweep_money_percentile_rounds_as_collect_prints);
	tcase_add_test(t, test_tui_sweep_band_spans_the_percentiles);
	tcase_add_test(t, test_tui_sweep_quartile_lines_read_the_selection);
	tcase_add_test(t, test_tui_sweep_title_and_keys_start_at_the_left_edge);
	tcase_add_test(t, test_tui_sweep_table_takes_at_most_a_third);
	tcase_add_test(t, test_tui_sweep_table_rows_show_the_values);
	tcase_add_test(t, test_tui_sweep_long_values_cut_in_the_middle);
	tcase_add_test(t, test_tui_sweep_same_values_are_numbered);
	tcase_add_test(t, test_tui_sweep_table_cuts_each_value_on_its_own);
	tcase_add_test(t, test_tui_sweep_table_shows_the_selected_setting);
	tcase_add_test(t, test_tui_sweep_title_says_a_setting_not_run_yet);
	tcase_add_test(t, test_tui_sweep_legend_names_settings_by_values);
	tcase_add_test(t, test_tui_sweep_legend_keeps_every_numbered_entry_at_80);
	tcase_add_test(t, test_tui_chart_wrapped_legend_counts_what_it_leaves_out);
	tcase_add_test(t, test_tui_sweep_title_keeps_each_values_end);
	tcase_add_test(t, test_tui_routes_margin_bar_beside_or_below);
	tcase_add_test(t, test_tui_routes_flip_line_keeps_its_figures);
	tcase_add_test(t, test_tui_routes_margin_line_is_the_selected_decisions);
	tcase_add_test(t, test_tui_routes_summary_shows_only_with_room);
	tcase_add_test(t, test_tui_enter_on_a_border_event_selects_its_border);
	tcase_add_test(t, test_tui_events_day_column_fits_four_digits);
	tcase_add_test(t, test_tui_topk_lists_read_rank_score_key_in_their_columns);
	tcase_add_test(t, test_tui_chart_view_draws_each_figure);
	tcase_add_test(t, test_tui_chart_faction_line_sums_the_charted_days);
	tcase_add_test(t, test_tui_chart_left_right_step_the_charted_faction_or_border);
	tcase_add_test(t, test_tui_chart_faction_hatches_your_crackdown_days);
	tcase_add_test(t, test_tui_chart_legend_names_only_its_series);
	tcase_add_test(t, test_tui_margin_bar_fills_the_winners_share);
	tcase_add_test(t, test_tui_margin_bar_needs_four_cells);
	tcase_add_test(t, test_tui_wrap_fills_each_row_to_its_width);
	suite_add_tcase(s, t);
	t = tcase_create("frames");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_every_frame_is_closed);
	suite_add_tcase(s, t);
	t = tcase_create("every cell under its head");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_borders_every_cell_under_its_head);
	tcase_add_test(t, test_tui_factions_every_cell_under_its_head);
	tcase_add_test(t, test_tui_events_every_cell_under_its_head);
	tcase_add_test(t, test_tui_commodities_every_cell_under_its_head);
	tcase_add_test(t, test_tui_story_every_cell_under_its_head);
	tcase_add_test(t, test_tui_borders_up_and_down_stop_at_the_ends);
	tcase_add_test(t, test_tui_borders_last_line_names_the_crackdown);
	tcase_add_test(t, test_tui_borders_last_line_gives_day_0_as_an_end);
	tcase_add_test(t, test_tui_borders_click_on_each_heading_sorts_by_it);
	tcase_add_test(t, test_tui_events_one_event_or_none);
	tcase_add_test(t, test_tui_events_days_without_any);
	tcase_add_test(t, test_tui_routes_without_factions);
	tcase_add_test(t, test_tui_routes_narrow_pane_drops_the_status_last);
	tcase_add_test(t, test_tui_compare_every_cell_under_its_head);
	tcase_add_test(t, test_tui_map_labels_stand_where_the_world_puts_them);
	tcase_add_test(t, test_tui_routes_only_candidate_then_its_cost);
	tcase_add_test(t, test_tui_map_draws_every_shipment_in_transit);
	tcase_add_test(t, test_tui_commodities_legend_stays_under_a_long_list);
	tcase_add_test(t, test_tui_map_small_world_draws_every_border);
	tcase_add_test(t, test_tui_map_label_never_touches_the_next);
	tcase_add_test(t, test_tui_map_world_in_one_row_fills_the_middle_row);
	tcase_add_test(t, test_tui_map_world_on_one_point_stands_in_the_middle);
	tcase_add_test(t, test_tui_map_shipments_pass_under_the_well);
	tcase_add_test(t, test_tui_map_parallel_borders_share_their_line);
	suite_add_tcase(s, t);
	t = tcase_create("colours");
	tcase_add_test(t, test_tui_colours_only_where_the_terminal_can_set_them);
	tcase_add_test(t, test_tui_out_of_memory_restores_the_terminal_and_says_so);
	suite_add_tcase(s, t);
	t = tcase_create("keys");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, test_tui_step_prompt_replaces_and_clears);
	tcase_add_test(t, test_tui_prompt_counts_wide_characters);
	tcase_add_test(t, test_tui_prompt_history_walks_the_last_answers);
	tcase_add_test(t, test_tui_prompt_history_comes_back_to_the_line);
	tcase_add_test(t, test_tui_prompts_take_utf8_and_say_what_they_refuse);
	tcase_add_test(t, test_tui_prompt_scrolls_to_show_the_end);
	tcase_add_test(t, test_tui_save_prompt_keeps_question_name_and_refusal);
	tcase_add_test(t, test_tui_canvas_keeps_combining_accents);
	tcase_add_test(t, test_tui_prompt_backspace_deletes_for_each_code);
	tcase_add_test(t, test_tui_crackdown_from_the_table_and_the_map);
	tcase_add_test(t, test_tui_crackdown_refused_says_why);
	tcase_add_test(t, test_tui_border_selection_follows_the_border);
	tcase_add_test(t, test_tui_borders_first_frame_lights_the_border_selected);
	tcase_add_test(t, test_tui_why_leads_with_the_decision);
	tcase_add_test(t, test_tui_why_list_fills_a_taller_screen);
	tcase_add_test(t, test_tui_why_names_demand_and_source_drivers);
	tcase_add_test(t, test_tui_why_says_whole_why_nothing_was_sent);
	tcase_add_test(t, test_tui_why_page_up_and_a_day_without_decisions);
	tcase_add_test(t, test_tui_why_compares_winner_and_runner_up_term_by_term);
	tcase_add_test(t, test_tui_why_compares_a_runner_up_that_is_the_first_candidate);
	tcase_add_test(t, test_tui_why_title_names_the_first_ward);
	tcase_add_test(t, test_tui_why_selection_stops_at_the_ends);
	tcase_add_test(t, test_tui_why_list_scrolls_to_the_selection);
	tcase_add_test(t, test_tui_why_reopens_without_the_whatif);
	tcase_add_test(t, test_tui_compare_why_has_its_own_row_at_80);
	tcase_add_test(t, test_tui_compare_long_ids_keep_the_columns);
	tcase_add_test(t, test_tui_keys_typed_past_the_bound_are_said_dropped);
	tcase_add_test(t, test_tui_keys_dropped_are_said_after_the_quit_question);
	tcase_add_test(t, test_tui_why_whatif_reads_whole_at_80);
	tcase_add_test(t, test_tui_why_expanded_candidate_reads_whole_at_80);
	tcase_add_test(t, test_tui_why_edge_rows_keep_learned_in_76_columns);
	tcase_add_test(t, test_tui_why_edge_figures_stand_in_columns);
	tcase_add_test(t, test_tui_why_expanded_candidate_rows_stay_indented);
	tcase_add_test(t, test_tui_why_edge_rows_with_long_ids_keep_their_figures);
	tcase_add_test(t, test_tui_why_long_routes_read_apart);
	tcase_add_test(t, test_tui_why_edge_rows_keep_short_ids_whole);
	tcase_add_test(t, test_tui_event_log_faction_whole_at_120);
	tcase_add_test(t, test_tui_event_log_names_the_border_at_80);
	tcase_add_test(t, test_tui_whatif_names_its_border);
	tcase_add_test(t, test_tui_why_margin_weighs_two_routes);
	tcase_add_test(t, test_tui_why_says_when_there_was_no_candidate_route);
	tcase_add_test(t, test_tui_why_names_what_only_one_crosses);
	tcase_add_test(t, test_tui_enter_on_an_empty_routes_pane_opens_nothing);
	tcase_add_test(t, test_tui_why_short_route_keeps_its_last_node);
	tcase_add_test(t, test_tui_why_lists_whole_entries_that_count_every_corridor);
	tcase_add_test(t, test_tui_why_routes_leave_the_table_three_rows);
	tcase_add_test(t, test_tui_event_filter_and_story);
	tcase_add_test(t, test_tui_event_filter_finds_the_border_shown);
	tcase_add_test(t, test_tui_panes_by_number_shift_tab_and_mouse);
	tcase_add_test(t, test_tui_only_the_focused_pane_is_framed_as_focused);
	tcase_add_test(t, test_tui_keys_help_quit);
	tcase_add_test(t, test_tui_event_filter);
	tcase_add_test(t, test_tui_event_filter_selects_the_newest_match);
	tcase_add_test(t, test_tui_event_keys_on_an_empty_filter_move_nothing);
	tcase_add_test(t, test_tui_event_filter_follows_the_ring_when_it_wraps);
	tcase_add_test(t, test_tui_events_shipment_number_that_fills_its_column);
	tcase_add_test(t, test_tui_routes_selection_moves_within_the_rows);
	tcase_add_test(t, test_tui_borders_selection_moves_within_the_rows);
	tcase_add_test(t, test_tui_event_filter_matches_each_documented_way);
	tcase_add_test(t, test_tui_event_filter_finds_the_first_corridor);
	tcase_add_test(t, test_tui_enter_on_event_opens_its_story);
	tcase_add_test(t, test_tui_story_opens_at_its_first_event);
	tcase_add_test(t, test_tui_story_scrolled_past_its_end_shows_its_last_events);
	tcase_add_test(t, test_tui_end_goes_to_the_last_row_of_story_and_compare);
	tcase_add_test(t, test_tui_story_down_scrolls_by_one_event);
	tcase_add_test(t, test_tui_story_of_a_shipment_the_log_dropped_says_so);
	tcase_add_test(t, test_tui_story_of_a_shipment_in_transit_starts_at_the_left_edge);
	tcase_add_test(t, test_tui_story_heads_with_the_shipment_and_its_cargo);
	tcase_add_test(t, test_tui_story_counts_one_event_in_the_singular);
	tcase_add_test(t, test_tui_border_trend_compares_the_last_days);
	tcase_add_test(t, test_tui_border_trend_sort_puts_quiet_borders_last);
	tcase_add_test(t, test_tui_borders_heat_and_sort_keys);
	tcase_add_test(t, test_tui_borders_sort_step_starts_descending);
	tcase_add_test(t, test_tui_border_sort_breaks_ties_by_corridor);
	tcase_add_test(t, test_tui_borders_numbers_read_each_window);
	tcase_add_test(t, test_tui_borders_all_time_money_reads_to_the_cent);
	tcase_add_test(t, test_tui_borders_all_time_counts_read_six_digits);
	tcase_add_test(t, test_tui_c_toggles_a_crackdown_on_the_first_border_too);
	tcase_add_test(t, test_tui_borders_last_line_is_the_detail_alone);
	tcase_add_test(t, test_tui_borders_growing_keeps_the_last_border_in_sight);
	tcase_add_test(t, test_tui_borders_title_whole_at_any_width);
	tcase_add_test(t, test_tui_run_and_speed_keys);
	tcase_add_test(t, test_tui_left_right_select_faction);
	tcase_add_test(t, test_tui_faction_keys_without_a_network_select_nothing);
	tcase_add_test(t, test_tui_save_overwrite_and_load);
	tcase_add_test(t, test_tui_save_that_fails_says_why);
	tcase_add_test(t, test_tui_load_view_marks_unreadable_and_scrolls);
	tcase_add_test(t, test_tui_loaded_seed_borders_table_starts_at_the_top);
	tcase_add_test(t, test_tui_borders_sort_and_back_shows_the_table_from_its_top);
	tcase_add_test(t, test_tui_map_heat_key_says_its_measure_when_the_map_is_hidden);
	tcase_add_test(t, test_tui_commodities_names_whole_at_80);
	tcase_add_test(t, test_tui_commodities_home_and_end);
	tcase_add_test(t, test_tui_commodities_list_the_largest_number_of_networks);
	tcase_add_test(t, test_tui_commodities_highlights_only_the_selected_row);
	tcase_add_test(t, test_tui_commodities_faction_line_is_the_sum);
	tcase_add_test(t, test_tui_commodities_only_seizures_red);
	tcase_add_test(t, test_tui_borders_only_seizures_red);
	tcase_add_test(t, test_tui_chart_span_steps);
	tcase_add_test(t, test_tui_chart_more_days_stops_at_the_days_simulated);
	tcase_add_test(t, test_tui_chart_spans_only_the_days_since_the_start);
	tcase_add_test(t, test_tui_chart_waits_for_the_first_day);
	tcase_add_test(t, test_tui_commodities_bar_shows_each_share);
	tcase_add_test(t, test_tui_commodities_sort_keys_step_through_the_columns);
	tcase_add_test(t, test_tui_commodities_faction_line_heads_its_rows_under_every_sort);
	tcase_add_test(t, test_tui_header_year_rollover);
	tcase_add_test(t, test_tui_header_counts_shipments_in_transit);
	tcase_add_test(t, test_tui_event_selection_on_the_newest_match);
	tcase_add_test(t, test_tui_events_at_80_show_a_shipments_lane);
	tcase_add_test(t, test_tui_event_click_selects_only_on_an_event_row);
	tcase_add_test(t, test_tui_border_sort_keys_before_the_table_is_drawn);
	tcase_add_test(t, test_tui_border_sort_steps_on_from_the_id_column);
	tcase_add_test(t, test_tui_border_sort_steps_from_a_hidden_column_as_from_the_id);
	tcase_add_test(t, test_tui_borders_left_right_move_the_sort);
	tcase_add_test(t, test_tui_borders_click_on_the_border_heading_sorts_by_border);
	tcase_add_test(t, test_tui_topk_view_shows_the_shift);
	tcase_add_test(t, test_tui_event_detail_keeps_its_last_figure);
	tcase_add_test(t, test_tui_story_keeps_the_bribes);
	tcase_add_test(t, test_tui_event_detail_has_its_room_at_120);
	tcase_add_test(t, test_tui_topk_route_keeps_its_destination);
	tcase_add_test(t, test_tui_topk_long_route_keeps_both_ends);
	tcase_add_test(t, test_tui_topk_long_keys_claim_only_what_they_hold);
	tcase_add_test(t, test_tui_borders_today_head_abbreviates);
	tcase_add_test(t, test_tui_topk_view_on_day_0_lists_none);
	tcase_add_test(t, test_tui_config_selection_stops_at_the_last_knob);
	tcase_add_test(t, test_tui_config_list_fills_a_taller_screen);
	tcase_add_test(t, test_tui_config_page_up_stops_at_the_first_knob);
	tcase_add_test(t, test_tui_config_home_selects_the_first_knob);
	tcase_add_test(t, test_tui_config_columns_sit_under_their_heads);
	tcase_add_test(t, test_tui_config_view_scrolls_to_the_selection);
	tcase_add_test(t, test_tui_config_view_stars_the_changed_knobs);
	tcase_add_test(t, test_tui_help_scrolls_by_line_and_by_page);
	tcase_add_test(t, test_tui_loaded_seed_names_the_header_and_the_save);
	tcase_add_test(t, test_tui_config_enter_offers_the_knobs_value);
	suite_add_tcase(s, t);
	t = tcase_create("map keys, clicks and zoom");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_map_arrows_go_to_the_nearest_mark_that_way);
	tcase_add_test(t, test_tui_map_click_on_a_mark_selects_it_and_far_from_all_nothing);
	tcase_add_test(t, test_tui_map_zoom_centres_on_the_selected_border);
	tcase_add_test(t, test_tui_map_zoom_centres_on_the_first_border);
	tcase_add_test(t, test_tui_map_view_c_toggles_the_crackdown);
	tcase_add_test(t, test_tui_map_and_borders_share_a_place_when_narrow);
	tcase_add_test(t, test_tui_map_marks_show_their_borders_state);
	tcase_add_test(t, test_tui_map_draws_a_slanted_border_slanted_and_spans_the_world);
	tcase_add_test(t, test_tui_map_legend_drops_whole_parts_as_it_narrows);
	tcase_add_test(t, test_tui_map_drawn_over_its_last_frame_shows_only_the_new);
	tcase_add_test(t, test_tui_map_arrows_without_a_mark_say_why);
	suite_add_tcase(s, t);
	t = tcase_create("why lists and what-if");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_why_enter_unfolds_a_candidate_into_its_edges);
	tcase_add_test(t, test_tui_why_lists_read_each_corridors_own_figures);
	tcase_add_test(t, test_tui_whatif_takes_the_lever_else_the_flip_border);
	tcase_add_test(t, test_tui_whatif_line_reads_its_figures);
	tcase_add_test(t, test_tui_whatif_names_the_old_winner_not_a_runner_up);
	tcase_add_test(t, test_tui_why_expanded_candidate_at_the_foot_shows_its_edges);
	tcase_add_test(t, test_tui_why_head_reads_its_decision);
	tcase_add_test(t, test_tui_why_candidate_rows_read_their_candidates);
	tcase_add_test(t, test_tui_why_follows_the_day);
	suite_add_tcase(s, t);
	t = tcase_create("prompts, clicks and pane keys");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_prompts_say_what_became_of_the_answer);
	tcase_add_test(t, test_tui_save_prompt_keeps_a_refused_name);
	tcase_add_test(t, test_tui_save_prompt_checks_the_offered_name_too);
	tcase_add_test(t, test_tui_status_lasts_until_the_next_key_that_acts);
	tcase_add_test(t, test_tui_rewind_prompt_offers_no_day_before_the_first);
	tcase_add_test(t, test_tui_loaded_seed_starts_its_selections_afresh);
	tcase_add_test(t, test_tui_load_view_keeps_its_columns_with_long_names);
	tcase_add_test(t, test_tui_header_cuts_a_long_seed_name_with_a_mark);
	tcase_add_test(t, test_tui_click_in_a_pane_focuses_it_to_its_corners);
	tcase_add_test(t, test_tui_pane_keys_reach_what_they_name);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_tui_save_and_load_prompts_give_their_memory_back);
#endif
	suite_add_tcase(s, t);
	t = tcase_create("views: help, seed list, back");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_tui_help_rows_and_scroll_keys);
	tcase_add_test(t, test_tui_views_close_back_to_where_they_were_opened);
	tcase_add_test(t, test_tui_load_view_rows_follow_the_selection);
	tcase_add_test(t, test_tui_view_drawn_over_another_shows_only_itself);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
