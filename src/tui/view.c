/* The full-screen views: one table of their draw and key functions
 * (each view lives in its own view_<name>.c), opening and closing them,
 * and the help view, drawn from the key table. A view opened from
 * another (a story from the why view) returns to it on Esc. */
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

void view_help_draw(struct tui_app *a, struct canvas *cv)
{
	int n, y = 0, skip = a->story_scroll;
	const struct tui_key *k = keymap_table(&n);
	struct canvas in;
	static const char *const notes[] = {
		"",
		"Panes: 1 Factions, 2 Routes (Enter: why), 3 Borders (table), 4 Map, 5 Events (Enter: story).",
		"Views: g chart, M map, v commodities, T TopK, Enter why / story; Esc comes back.",
		"Map: heat glyphs low to high, crackdown and seizure marks, shipments moving; legend below it.",
		"Days count from 1: day N is the N-th simulated day; the header shows the last one simulated.",
	};

	canvas_clear(cv);
	canvas_box(cv, "Keys (Esc to close, arrows scroll)", true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	for (int i = 0; i < n + (int)(sizeof notes / sizeof notes[0]) && y < in.h; i++) {
		char where[160], line[512];

		if (i < n && k[i].label[0] == '\0')
			continue; /* aliases are shown with their main key */
		if (skip > 0) {
			skip--;
			continue;
		}
		if (i >= n) {
			canvas_fit(&in, y++, 0, in.w, ROLE_DIM, notes[i - n], false);
			continue;
		}
		keymap_where(k[i].ctx, where, sizeof where);
		canvas_fit(&in, y, 0, 8, ROLE_FOCUS, k[i].label, false);
		snprintf(line, sizeof line, "%s  (%s)", k[i].help, where);
		canvas_fit(&in, y++, 9, in.w - 9, ROLE_NORMAL, line, false);
	}
}

void view_load_draw(struct tui_app *a, struct canvas *cv)
{
	struct canvas in;
	int first;

	canvas_clear(cv);
	canvas_box(cv, "Load a seed (Enter to load, Esc to cancel)", true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	if (a->n_seeds == 0)
		canvas_text(&in, 0, 0, ROLE_DIM, "the vault has no seeds yet");
	/* the rows scroll so the selected seed is always on screen */
	first = in.h > 0 && a->load_sel >= in.h ? a->load_sel - in.h + 1 : 0;
	for (int i = first; i < a->n_seeds && i - first < in.h; i++) {
		const struct smug_seed_info *si = &a->seeds[i];
		bool sel = i == a->load_sel;
		char line[320];

		if (si->problem[0])
			snprintf(line, sizeof line, "%-24s unreadable: %s", si->name, si->problem);
		else
			snprintf(line, sizeof line, "%-24s day %-7d %-16s %016llx%s", si->name, si->day,
				 si->scenario_id, (unsigned long long)si->digest,
				 si->generation ? "  (kept from an interrupted save)" : "");
		canvas_fill_row(&in, i - first, 0, sel ? ROLE_SELECT : ROLE_NORMAL);
		canvas_fit(&in, i - first, 0, in.w, sel ? ROLE_SELECT : si->problem[0] ? ROLE_BAD : ROLE_NORMAL,
			   line, false);
	}
}
