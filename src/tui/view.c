/* The full-screen views: one table of their draw and key functions
 * (each view lives in its own view_<name>.c), opening and closing them,
 * and the help view, drawn from the key table. A view opened from
 * another (a story from the why view) returns to it on Esc. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "smugnet/vault.h"
#include "tui/tui.h"

static bool view_help_key(struct tui_app *a, int action, int key);

static const struct tui_view_def views[VIEW_COUNT] = {
	[VIEW_MAIN] = {"main", NULL, NULL},
	[VIEW_HELP] = {"help", view_help_draw, view_help_key},
	[VIEW_WHY] = {"why", view_why_draw, view_why_key},
	[VIEW_CHART] = {"chart", view_chart_draw, view_chart_key},
	[VIEW_MAP] = {"map", view_map_draw, view_map_key},
	[VIEW_COMMODITIES] = {"commodities", view_commodities_draw, view_commodities_key},
	[VIEW_STORY] = {"story", view_story_draw, view_story_key},
	[VIEW_LOAD] = {"load", view_load_draw, view_load_key},
	[VIEW_COMPARE] = {"compare", view_compare_draw, view_compare_key},
	[VIEW_CONFIG] = {"config", view_config_draw, view_config_key},
	[VIEW_TOPK] = {"topk", view_topk_draw, view_topk_key},
};

const struct tui_view_def *view_def(enum tui_view v)
{
	return &views[v];
}

void view_open(struct tui_app *a, enum tui_view v)
{
	if (a->view == v)
		return;
	a->view_back = a->view;
	a->view = v;
	if (v == VIEW_HELP)
		a->story_scroll = 0; /* the help view scrolls like a story */
}

void view_close(struct tui_app *a)
{
	a->view = a->view_back;
	a->view_back = VIEW_MAIN;
	if (a->view == VIEW_HELP || a->view == VIEW_LOAD)
		a->view = VIEW_MAIN;
}

bool view_scroll_key(int *scroll, int action)
{
	if (action == ACT_DOWN || action == ACT_PGDN)
		*scroll += action == ACT_DOWN ? 1 : 10;
	else if (action == ACT_UP || action == ACT_PGUP)
		*scroll -= action == ACT_UP ? 1 : 10;
	else if (action == ACT_HOME)
		*scroll = 0;
	else if (action == ACT_END)
		*scroll = INT_MAX / 2; /* the view's draw clamps it to its last page */
	else
		return false;
	if (*scroll < 0)
		*scroll = 0;
	return true;
}

void view_scroll_clamp(int *scroll, int total, int rows)
{
	int last = total > rows ? total - rows : 0;

	if (*scroll > last) /* never below 0: view_scroll_key keeps it at 0 or more */
		*scroll = last;
}

static bool view_help_key(struct tui_app *a, int action, int key)
{
	(void)key;
	return view_scroll_key(&a->story_scroll, action);
}

static const char *const help_notes[] = {
	"",
	"Panes: 1 Factions, 2 Routes (Enter: why), 3 Borders (table), 4 Map, 5 Events (Enter: story).",
	"Views: g chart, M map, v commodities, T TopK, Enter why / story; Esc comes back.",
	("Prompts (in the footer): typing replaces the answer offered (Left/Right keep it to edit); Backspace deletes a "
	 "character, Ctrl-U the line; Up/Down walk the earlier answers; Enter answers, Esc cancels."),
	"Map: heat glyphs low to high, crackdown and seizure marks, shipments moving; legend below it.",
	"Days count from 1: day N is the N-th simulated day; the header shows the last one simulated.",
};

#define HELP_TEXT_X 9 /* the column what a key does starts at, after its label */

/* What key k does and where it works, as the help shows it. */
static void help_line(const struct tui_key *k, char *line, size_t size)
{
	char where[160];

	keymap_where(k->ctx, where, sizeof where);
	snprintf(line, size, "%s  (%s)", k->help, where);
}

/* The help: each key's label, then what it does and where it works,
 * wrapped under itself; then the notes, wrapped. It scrolls by rows, and
 * the last page stays full. */
void view_help_draw(struct tui_app *a, struct canvas *cv)
{
	int n, total = 0, y;
	const struct tui_key *k = keymap_table(&n);
	const int n_notes = (int)(sizeof help_notes / sizeof help_notes[0]);
	struct canvas in;
	char line[512];

	canvas_clear(cv);
	canvas_box(cv, "Keys (Esc to close, arrows scroll)", true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	if (in.w <= HELP_TEXT_X || in.h <= 0)
		return;
	for (int i = 0; i < n; i++)
		if (k[i].label[0] != '\0') { /* aliases are shown with their main key */
			help_line(&k[i], line, sizeof line);
			total += canvas_wrap_rows(in.w - HELP_TEXT_X, line);
		}
	for (int i = 0; i < n_notes; i++)
		total += help_notes[i][0] ? canvas_wrap_rows(in.w, help_notes[i]) : 1;
	view_scroll_clamp(&a->story_scroll, total, in.h);
	y = -a->story_scroll; /* rows above the top are clipped */
	for (int i = 0; i < n && y < in.h; i++) {
		int rows;

		if (k[i].label[0] == '\0')
			continue;
		help_line(&k[i], line, sizeof line);
		rows = canvas_wrap_rows(in.w - HELP_TEXT_X, line);
		if (y + rows > 0) {
			canvas_fit(&in, y, 0, HELP_TEXT_X - 1, ROLE_FOCUS, k[i].label, false);
			canvas_wrap(&in, y, HELP_TEXT_X, in.w - HELP_TEXT_X, rows, ROLE_NORMAL, line);
		}
		y += rows;
	}
	for (int i = 0; i < n_notes && y < in.h; i++)
		y += help_notes[i][0] ? canvas_wrap(&in, y, 0, in.w, INT_MAX, ROLE_DIM, help_notes[i]) : 1;
}

void view_load_draw(struct tui_app *a, struct canvas *cv)
{
	struct canvas in;
	int first, name_w = 24, scn_w = 16, rest;

	canvas_clear(cv);
	canvas_box(cv, "Load a seed (Enter to load, Esc to cancel)", true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	if (a->n_seeds == 0)
		canvas_text(&in, 0, 0, ROLE_DIM, "the vault has no seeds yet");
	/* the columns as wide as the longest name and scenario id, so every
	 * day and digest stands under the one above it; a name the screen
	 * has no room for is cut in its middle (names that differ at their
	 * end stay apart) */
	for (int i = 0; i < a->n_seeds; i++) {
		int n = text_cols(a->seeds[i].name), s = text_cols(a->seeds[i].scenario_id);

		name_w = n > name_w ? n : name_w;
		scn_w = s > scn_w ? s : scn_w;
	}
	rest = 1 + 11 + 1 + scn_w + 1 + 16; /* " day %-7d " the scenario, the digest */
	if (name_w + rest > in.w)
		name_w = in.w - rest > 12 ? in.w - rest : 12;
	/* the rows scroll so the selected seed is always on screen */
	first = table_scroll(0, a->load_sel, in.h, a->n_seeds);
	for (int i = first; i < a->n_seeds && i - first < in.h; i++) {
		const struct smug_seed_info *si = &a->seeds[i];
		bool sel = i == a->load_sel;
		char line[512], name[4 * SMUG_SEED_NAME_MAX + 8];

		text_cut_middle(si->name, name_w, a->th.g->ellipsis, name, sizeof name);
		if (si->problem[0])
			snprintf(line, sizeof line, "%s%*s unreadable: %s", name, name_w - text_cols(name), "",
				 si->problem);
		else
			snprintf(line, sizeof line, "%s%*s day %-7d %s%*s %016llx%s", name, name_w - text_cols(name), "",
				 si->day, si->scenario_id, scn_w - text_cols(si->scenario_id), "",
				 (unsigned long long)si->digest, si->generation ? "  (kept from an interrupted save)" : "");
		canvas_fill_row(&in, i - first, 0, sel ? ROLE_SELECT : ROLE_NORMAL);
		canvas_fit(&in, i - first, 0, in.w, sel ? ROLE_SELECT : si->problem[0] ? ROLE_BAD : ROLE_NORMAL,
			   line, false);
	}
}
