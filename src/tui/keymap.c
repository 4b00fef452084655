/* The one key table: what each key does, where it works (the panes of
 * the main view and the full-screen views), its footer word and its help
 * text. The help view, the footer and smugnet(1)'s KEYS section (checked
 * by the tests against keymap_mdoc) all come from this table. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define C(x) (1u << (x))
#define PANES CTX_ALL_PANES
#define MAIN_AND_VIEWS (PANES | C(CTX_WHY) | C(CTX_CHART) | C(CTX_MAPVIEW) | C(CTX_COMMODITIES) | C(CTX_STORY) | C(CTX_COMPARE) | C(CTX_CONFIG) | C(CTX_TOPK))
#define LISTS (PANES | C(CTX_WHY) | C(CTX_COMMODITIES) | C(CTX_STORY) | C(CTX_LOAD) | C(CTX_HELP) | C(CTX_COMPARE) | C(CTX_CONFIG))
#define LOOP MAIN_AND_VIEWS
#define ENTER_CTX (C(CTX_ROUTES) | C(CTX_EVENTS) | C(CTX_BORDERS) | C(CTX_WHY) | C(CTX_LOAD) | C(CTX_COMPARE) | C(CTX_CONFIG))

static const struct tui_key keys[] = {
	{'?', "?", ACT_HELP, CTX_ALL, 1, "help", "help: every key and where it works (also F1)"},
	{KEY_F(1), "", ACT_HELP, CTX_ALL, 0, NULL, NULL},
	{'q', "q", ACT_QUIT, CTX_ALL, 20, "quit", "quit (also Ctrl-C; asks first when there are unsaved changes)"},
	{3, "", ACT_QUIT, CTX_ALL, 0, NULL, NULL}, /* Ctrl-C */
	{27, "Esc", ACT_BACK, CTX_ALL, 2, "back", "back: close the view, cancel, clear the event filter"},
	{'\t', "Tab", ACT_FOCUS_NEXT, PANES, 14, "pane", "focus the next pane"},
	{KEY_BTAB, "S-Tab", ACT_FOCUS_PREV, PANES, 0, NULL, "focus the previous pane"},
	{'1', "1", ACT_PANE1, PANES, 0, NULL, "focus Factions"},
	{'2', "2", ACT_PANE2, PANES, 0, NULL, "focus Routes"},
	{'3', "3", ACT_PANE3, PANES, 0, NULL, "focus the Borders table"},
	{'4', "4", ACT_PANE4, PANES, 0, NULL, "focus the Map"},
	{'5', "5", ACT_PANE5, PANES, 0, NULL, "focus Events"},
	{KEY_UP, "Up/k", ACT_UP, LISTS | C(CTX_MAPVIEW), 0, NULL, "select up (on the map: the nearest border above)"},
	{'k', "", ACT_UP, LISTS | C(CTX_MAPVIEW), 0, NULL, NULL},
	{KEY_DOWN, "Down/j", ACT_DOWN, LISTS | C(CTX_MAPVIEW), 0, NULL, "select down (on the map: below)"},
	{'j', "", ACT_DOWN, LISTS | C(CTX_MAPVIEW), 0, NULL, NULL},
	{KEY_LEFT, "Left/h", ACT_LEFT, PANES | C(CTX_MAPVIEW) | C(CTX_COMMODITIES) | C(CTX_CHART) | C(CTX_TOPK), 0, NULL,
	 "previous faction; on the map the nearest border to the left; in the table the sort column; TopK view: a shorter window"},
	{'h', "", ACT_LEFT, PANES | C(CTX_MAPVIEW) | C(CTX_COMMODITIES) | C(CTX_CHART) | C(CTX_TOPK), 0, NULL, NULL},
	{KEY_RIGHT, "Right/l", ACT_RIGHT, PANES | C(CTX_MAPVIEW) | C(CTX_COMMODITIES) | C(CTX_CHART) | C(CTX_TOPK), 0, NULL,
	 "next faction; on the map the nearest border to the right; in the table the sort column; TopK view: a longer window"},
	{'l', "", ACT_RIGHT, PANES | C(CTX_MAPVIEW) | C(CTX_COMMODITIES) | C(CTX_CHART) | C(CTX_TOPK), 0, NULL, NULL},
	{KEY_PPAGE, "PgUp", ACT_PGUP, LISTS, 0, NULL, "a page up"},
	{KEY_NPAGE, "PgDn", ACT_PGDN, LISTS, 0, NULL, "a page down"},
	{KEY_HOME, "Home", ACT_HOME, LISTS, 0, NULL, "the first row"},
	{KEY_END, "End", ACT_END, LISTS, 0, NULL, "the last row (events: follow the newest)"},
	{'.', ".", ACT_STEP, MAIN_AND_VIEWS, 3, "step", "step one day"},
	{'n', "n", ACT_STEP_N, MAIN_AND_VIEWS, 4, "days", "step N days (asks N; Esc stops a long step)"},
	{' ', "Space", ACT_RUN, MAIN_AND_VIEWS, 5, "run", "run / pause"},
	{'+', "+", ACT_FASTER, MAIN_AND_VIEWS, 0, NULL, "run faster"},
	{'-', "-", ACT_SLOWER, MAIN_AND_VIEWS, 0, NULL, "run slower"},
	{'c', "c", ACT_CRACKDOWN, C(CTX_BORDERS) | C(CTX_MAP) | C(CTX_MAPVIEW) | C(CTX_CHART), 6, "crackdown",
	 "crackdown on the selected border (in the chart view, the border charted), until cleared (press again to clear)"},
	{'a', "a", ACT_AUTO, MAIN_AND_VIEWS, 15, "auto", "auto-crackdown planner on / off"},
	{'g', "g", ACT_CHART, PANES, 7, "chart",
	 "chart view of the selected faction (Factions, Routes) or border (Borders, Map); there < and > show fewer or "
	 "more days"},
	{'M', "M", ACT_MAP, PANES, 12, "map", "the map full screen"},
	{'v', "v", ACT_COMMODITIES, PANES, 8, "commodities", "commodities view: what each faction moves"},
	{'m', "m", ACT_HEAT, C(CTX_BORDERS) | C(CTX_MAP) | C(CTX_MAPVIEW), 9, "measure",
	 "map heat: traffic / seizure rate / bribes (last 7 days)"},
	{'t', "t", ACT_WINDOW, C(CTX_BORDERS) | C(CTX_COMMODITIES), 9, "window",
	 "time window shown first: today / recent (7 or 30 days) / all time"},
	{'<', "<", ACT_SORT_PREV, C(CTX_BORDERS) | C(CTX_COMMODITIES), 10, "sort", "sort by the column to the left"},
	{'>', ">", ACT_SORT_NEXT, C(CTX_BORDERS) | C(CTX_COMMODITIES), 0, NULL, "sort by the column to the right"},
	{'I', "I", ACT_SORT_INVERT, C(CTX_BORDERS) | C(CTX_COMMODITIES), 11, "invert", "invert the sort order"},
	{'z', "z", ACT_ZOOM_IN, C(CTX_MAP) | C(CTX_MAPVIEW), 10, "zoom", "zoom the map in"},
	{'Z', "Z", ACT_ZOOM_OUT, C(CTX_MAP) | C(CTX_MAPVIEW), 11, "out", "zoom the map out (Z at the widest: recentre)"},
	{'/', "/", ACT_FILTER, C(CTX_EVENTS), 6, "filter",
	 "filter the event log: words match kind, faction, border, commodity or text (kind:, faction:, border:, commodity: name the field)"},
	{'\n', "Enter", ACT_ENTER, ENTER_CTX, 2, "open",
	 "Routes: why view; Events: story; Borders: chart; why: expand a candidate; load: load the seed; compare: keep "
	 "the branch shown; config: edit a knob"},
	{KEY_ENTER, "", ACT_ENTER, ENTER_CTX, 0, NULL, NULL},
	{'\r', "", ACT_ENTER, ENTER_CTX, 0, NULL, NULL},
	{'w', "w", ACT_WINNER, C(CTX_WHY), 3, "winner", "why view: jump to the winner"},
	{'x', "x", ACT_WHATIF, C(CTX_WHY), 4, "what-if",
	 "why view: what if the faction met a crackdown on the border that flips the choice (no step)"},
	{'<', "", ACT_SORT_PREV, C(CTX_CHART), 0, NULL, NULL},
	{'>', "", ACT_SORT_NEXT, C(CTX_CHART), 0, NULL, NULL},
	{'[', "[", ACT_REWIND, LOOP, 21, "back", "rewind one day (the days after it are replayed away when you step on; a loaded seed's earlier days are rebuilt, ahead while idle; Esc stops)"},
	{'{', "{", ACT_REWIND_TO, LOOP, 0, NULL, "rewind to a day (asks which)"},
	{'b', "b", ACT_BRANCH, LOOP, 22, "branch",
	 "what-if: fork a branch from this day; again: switch between the branch and the base"},
	{'B', "B", ACT_COMPARE, LOOP, 23, "compare",
	 "compare view: the what-if against the base on the same day (the one behind runs first; Esc stops it) (Enter there keeps the branch shown)"},
	{'C', "C", ACT_CONFIG, LOOP, 0, NULL, "config view: every knob with its value, default, range and meaning (Enter edits)"},
	{'T', "T", ACT_TOPK, MAIN_AND_VIEWS, 0, NULL,
	 "TopK view: hottest routes, borders and networks, all time beside the last days (Left/Right: how many)"},
	{'s', "s", ACT_SAVE, MAIN_AND_VIEWS, 13, "save", "save the seed (asks a name)"},
	{'o', "o", ACT_LOAD, MAIN_AND_VIEWS, 16, "load", "load a seed from the vault (asks first when there are unsaved changes)"},
};

#define N_KEYS ((int)(sizeof keys / sizeof keys[0]))

static const char *const ctx_names[CTX_COUNT] = {
	"Factions", "Routes", "Borders", "Map", "Events", "why view", "chart view", "map view",
	"commodities view", "story view", "load view", "help", "compare view", "config view", "TopK view",
};

const char *keymap_ctx_name(enum tui_ctx c)
{
	return ctx_names[c];
}

const struct tui_key *keymap_table(int *n)
{
	*n = N_KEYS;
	return keys;
}

enum tui_action keymap_lookup(int key, enum tui_ctx ctx)
{
	for (int i = 0; i < N_KEYS; i++)
		if (keys[i].key == key && (keys[i].ctx & (1u << ctx)))
			return keys[i].action;
	return ACT_NONE;
}

void keymap_footer(enum tui_ctx ctx, int width, char *buf, size_t size)
{
	keymap_footer_without(ctx, ACT_NONE, false, width, buf, size);
}

void keymap_footer_without(enum tui_ctx ctx, enum tui_action hide, bool running, int width, char *buf, size_t size)
{
	size_t at = 0;
	bool used[N_KEYS] = {false};

	buf[0] = '\0';
	for (;;) {
		int best = -1;
		char pair[64];
		int n;

		for (int i = 0; i < N_KEYS; i++)
			if (!used[i] && keys[i].footer > 0 && (keys[i].ctx & (1u << ctx)) && keys[i].action != hide &&
			    (best < 0 || keys[i].footer < keys[best].footer))
				best = i;
		if (best < 0)
			return;
		used[best] = true;
		/* while days run, Space pauses them */
		n = snprintf(pair, sizeof pair, "%s%s %s", at ? "  " : "", keys[best].label,
			     running && keys[best].action == ACT_RUN ? "pause" : keys[best].word);
		if ((int)at + n > width || at + (size_t)n >= size)
			continue; /* does not fit: a shorter one still may */
		memcpy(buf + at, pair, (size_t)n + 1);
		at += (size_t)n;
	}
}

/* names[0..n-1] joined as a list ("Borders, Map and chart view") after
 * prefix. */
static void join_names(const char *prefix, const char *const *names, int n, char *buf, size_t size)
{
	size_t at = (size_t)snprintf(buf, size, "%s", prefix);

	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(buf + at, at < size ? size - at : 0, "%s%s",
				       i == 0 ? "" : i == n - 1 ? " and " : ", ", names[i]);
}

/* Where a key works, in words: "everywhere"; "everywhere but" the few
 * places it does not work in; or "all panes" and the views it works in. */
static void where(unsigned ctx, char *buf, size_t size)
{
	const char *names[CTX_COUNT];
	unsigned missing = ((1u << CTX_COUNT) - 1) & ~ctx;
	int n = 0;

	for (int c = 0; c < CTX_COUNT; c++)
		if (missing & (1u << c))
			names[n++] = ctx_names[c];
	if (n <= 3) {
		join_names(n ? "everywhere but " : "everywhere", names, n, buf, size);
		return;
	}
	n = 0;
	if ((ctx & PANES) == PANES) {
		names[n++] = "all panes";
		ctx &= ~PANES;
	}
	for (int c = 0; c < CTX_COUNT; c++)
		if (ctx & (1u << c))
			names[n++] = ctx_names[c];
	join_names("", names, n, buf, size);
}

/* Text for an mdoc line: hyphens as \- so groff keeps them. */
static size_t mdoc_text(char *out, size_t size, const char *s)
{
	size_t at = 0;

	for (; *s && at + 3 < size; s++) {
		if (*s == '-')
			out[at++] = '\\';
		out[at++] = *s;
	}
	out[at] = '\0';
	return at;
}

char *keymap_mdoc(void)
{
	size_t cap = 16384, at = 0;
	char *out = tui_xmalloc(cap), w[256], label[64], help[512];

	at += (size_t)snprintf(out + at, cap - at, ".Bl -tag -width \"Right/l\"\n");
	for (int i = 0; i < N_KEYS; i++) {
		if (keys[i].label[0] == '\0')
			continue;
		where(keys[i].ctx, w, sizeof w);
		mdoc_text(label, sizeof label, keys[i].label);
		mdoc_text(help, sizeof help, keys[i].help);
		at += (size_t)snprintf(out + at, cap - at, ".It Ic %s%s\n%s (%s).\n",
				       keys[i].label[0] == '.' || keys[i].label[0] == '?' ? "\\&" : "", label, help, w);
	}
	snprintf(out + at, cap - at, ".El\n");
	return out;
}

void keymap_where(unsigned ctx, char *buf, size_t size)
{
	where(ctx, buf, size);
}

bool keymap_not_here(int key, enum tui_ctx ctx, char *buf, size_t size)
{
	for (int i = 0; i < N_KEYS; i++) {
		const struct tui_key *k = &keys[i], *named = k;
		char w[256], what[64];

		if (k->key != key || (k->ctx & (1u << ctx)))
			continue;
		/* an alias ('k' for Up) is named by the entry it stands for */
		for (int j = 0; named->label[0] == '\0' && j < N_KEYS; j++)
			if (keys[j].action == k->action && keys[j].label[0] && (keys[j].ctx & k->ctx))
				named = &keys[j];
		if (named->label[0] == '\0' || named->help == NULL)
			return false;
		/* its footer word, else its help up to the first ':' or '(' */
		snprintf(what, sizeof what, "%.*s", named->word ? (int)strlen(named->word) : (int)strcspn(named->help, ":("),
			 named->word ? named->word : named->help);
		while (what[0] && what[strlen(what) - 1] == ' ')
			what[strlen(what) - 1] = '\0';
		where(k->ctx, w, sizeof w);
		if (strncmp(w, "everywhere", 10) == 0)
			snprintf(buf, size, "%s (%s) does nothing in the %s", named->label, what, ctx_names[ctx]);
		else
			snprintf(buf, size, "%s (%s) works in %s", named->label, what, w);
		return true;
	}
	return false;
}
