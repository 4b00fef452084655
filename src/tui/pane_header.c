/* Header (two rows) and footer. The header always shows the day, the
 * run state, the seed with its unsaved mark and the auto-crackdown
 * state; everything else (scenario, year, today's and total counts,
 * money, the sparkline) is dropped by priority when the width runs out.
 * The footer shows the prompt, a status message, or the keys of the
 * focused pane or view from the key table. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

struct seg {
	char text[160];
	enum tui_role role;
	int prio; /* 0 = always */
};

/* Print segments left to right, dropping the largest prio until the
 * rest fits; returns the columns used. */
static int segments(struct canvas *cv, int y, int x, struct seg *s, int n, int width)
{
	bool on[32];
	int total = 0;

	for (int i = 0; i < n; i++) {
		on[i] = true;
		total += text_cols(s[i].text);
	}
	while (total > width) {
		int drop = -1;

		for (int i = 0; i < n; i++)
			if (on[i] && s[i].prio > 0 && (drop < 0 || s[i].prio >= s[drop].prio))
				drop = i;
		if (drop < 0)
			break;
		on[drop] = false;
		total -= text_cols(s[drop].text);
	}
	for (int i = 0; i < n; i++)
		if (on[i])
			x += canvas_text(cv, y, x, s[i].role, s[i].text);
	return x;
}

void pane_header_draw(struct tui_app *a, struct canvas *cv)
{
	const struct smug_world *w = a->w;
	const struct smug_counters *t = &w->tel.today, *T = &w->tel.total;
	const struct tui_glyphs *g = cv->th->g;
	struct seg s[16];
	char m[4][40], seed[4 * 24 + 16];
	int n = 0, x, manual = 0;
	double spark[SMUG_HISTORY_DAYS];
	int ns = 0;

	canvas_fill_row(cv, 0, 0, ROLE_TITLE);
	canvas_fill_row(cv, 1, 0, ROLE_NORMAL);
	/* at most 24 columns of the name: a longer one cut in its middle, so
	 * it reads as cut and names that differ at their end stay apart */
	text_cut_middle(a->seed_name[0] ? a->seed_name : "(new)", 24, g->ellipsis, seed, sizeof seed - 1);
	if (a->unsaved)
		strcat(seed, "*");
	s[n++] = (struct seg){" smugnet ", ROLE_TITLE, 5};
	snprintf(s[n].text, sizeof s[n].text, " %s ", w->scenario_name);
	s[n].role = ROLE_TITLE;
	s[n++].prio = 6;
	snprintf(s[n].text, sizeof s[n].text, " day %d ", w->day);
	s[n].role = ROLE_TITLE;
	s[n++].prio = 0;
	if (w->day > 0)
		snprintf(s[n].text, sizeof s[n].text, "(year %d, day %d) ", (w->day - 1) / 365 + 1,
			 (w->day - 1) % 365 + 1);
	else
		snprintf(s[n].text, sizeof s[n].text, "(nothing simulated yet) ");
	s[n].role = ROLE_DIM;
	s[n++].prio = 7;
	if (a->stepping)
		snprintf(s[n].text, sizeof s[n].text, " STEPPING ");
	else
		snprintf(s[n].text, sizeof s[n].text, " %s x%d ", a->running ? "RUN" : "PAUSED", tui_speeds[a->speed]);
	s[n].role = a->running || a->stepping ? ROLE_GOOD : ROLE_WARN;
	s[n++].prio = 0;
	snprintf(s[n].text, sizeof s[n].text, " seed %s%s ", seed, a->unsaved ? " (unsaved)" : "");
	s[n].role = ROLE_TITLE;
	s[n++].prio = 0;
	snprintf(s[n].text, sizeof s[n].text, " auto-crackdown %s ", w->cfg.crackdown.auto_enabled ? "ON" : "off");
	s[n].role = w->cfg.crackdown.auto_enabled ? ROLE_BAD : ROLE_DIM;
	s[n++].prio = 0;
	if (loop_branch_label(a)) {
		snprintf(s[n].text, sizeof s[n].text, " %s ", loop_branch_label(a));
		s[n].role = ROLE_WARN;
		s[n++].prio = 1;
	}
	{
		int must = 0;

		for (int i = 0; i < n; i++)
			must += s[i].prio == 0 ? text_cols(s[i].text) : 0;
		if (must > cv->w) { /* the narrowest forms: every must-have still there */
			snprintf(s[4].text, sizeof s[4].text, " %s ", a->stepping ? "STEP" : a->running ? "RUN" : "PAUSED");
			snprintf(s[5].text, sizeof s[5].text, " %s ", seed);
			snprintf(s[6].text, sizeof s[6].text, " auto %s ", w->cfg.crackdown.auto_enabled ? "ON" : "off");
		}
	}
	segments(cv, 0, 0, s, n, cv->w);
	/* row 2: today and totals */
	for (int i = 0; i < w->n_crackdowns; i++)
		manual += w->crackdowns[i].manual;
	n = 0;
	snprintf(s[n].text, sizeof s[n].text, " today %s%lld %s%lld %s%lld", g->delivered, (long long)t->delivered,
		 g->seized, (long long)t->seized, g->lost, (long long)t->lost);
	s[n].role = ROLE_NORMAL;
	s[n++].prio = 0;
	fmt_credits(m[0], sizeof m[0], t->bribes_spent);
	fmt_credits(m[1], sizeof m[1], t->profit);
	snprintf(s[n].text, sizeof s[n].text, " bribes %s profit %s", m[0], m[1]);
	s[n].role = ROLE_NORMAL;
	s[n++].prio = 5;
	snprintf(s[n].text, sizeof s[n].text, " | total %s%lld %s%lld", g->delivered, (long long)T->delivered,
		 g->seized, (long long)T->seized);
	s[n].role = ROLE_NORMAL;
	s[n++].prio = 1;
	snprintf(s[n].text, sizeof s[n].text, " %s%lld", g->lost, (long long)T->lost);
	s[n].role = ROLE_NORMAL;
	s[n++].prio = 4;
	fmt_credits(m[2], sizeof m[2], T->bribes_spent);
	fmt_credits(m[3], sizeof m[3], T->profit);
	snprintf(s[n].text, sizeof s[n].text, " bribes %s profit %s", m[2], m[3]);
	s[n].role = ROLE_NORMAL;
	s[n++].prio = 6;
	snprintf(s[n].text, sizeof s[n].text, " | in transit %d", w->n_shipments);
	s[n].role = ROLE_NORMAL;
	s[n++].prio = 2;
	snprintf(s[n].text, sizeof s[n].text, " | crackdowns %d (%d yours)", w->n_crackdowns, manual);
	s[n].role = w->n_crackdowns ? ROLE_CRACKDOWN : ROLE_DIM;
	s[n++].prio = 3;
	x = segments(cv, 1, 0, s, n, cv->w - 1);
	/* a sparkline of daily deliveries in what is left */
	for (int i = 0; i < w->tel.history_count; i++)
		spark[ns++] = (double)smug_history_at(&w->tel, i)->c.delivered;
	if (cv->w - x - 3 >= 8 && ns > 0) {
		int sw = cv->w - x - 3 > 30 ? 30 : cv->w - x - 3;

		chart_spark(cv, 1, cv->w - sw - 1, sw, spark, ns, ROLE_GOOD);
	}
}

void pane_footer_draw(struct tui_app *a, struct canvas *cv)
{
	static const char *const prompts[] = {
		[PROMPT_SAVE] = "Save seed as (Enter saves, Esc cancels): ",
		[PROMPT_OVERWRITE] = "A seed of that name exists. Overwrite it? (y/n) ",
		[PROMPT_STEPS] = "Step how many days? (Enter steps, Esc cancels) ",
		[PROMPT_FILTER] = "Filter events (kind faction border commodity or text): ",
		[PROMPT_QUIT] = "Unsaved changes. Quit anyway? (y/n) ",
		[PROMPT_REWIND] = "Rewind to day (Enter goes back, Esc cancels): ",
		[PROMPT_KNOB] = "New value (applies from the next day; Enter sets, Esc cancels): ",
		[PROMPT_DISCARD] = "Unsaved changes. Load the seed anyway? (y/n) ",
	};
	char keys[512];

	canvas_fill_row(cv, 0, 0, ROLE_TITLE);
	if (a->prompt != PROMPT_NONE) {
		prompt_draw(a, cv, prompts[a->prompt]);
		return;
	}
	if (a->status[0]) {
		canvas_fit(cv, 0, 0, cv->w, ROLE_WARN, a->status, false);
		return;
	}
	/* a faction's chart has no border to crack down on */
	keymap_footer_without(tui_context(a), a->view == VIEW_CHART && !a->chart_border ? ACT_CRACKDOWN : ACT_NONE,
			      a->running, cv->w, keys, sizeof keys);
	canvas_text(cv, 0, 0, ROLE_TITLE, keys);
}
