/* Header pane: day and year, RUN/PAUSED and speed, seed name and the
 * unsaved mark, today's and total delivered / seized / lost / bribes /
 * profit, and a sparkline of daily deliveries. */
#include <stdio.h>

#include "tui/tui.h"

static const int speeds[] = {1, 2, 5, 10, 30, 100};

void pane_header_draw(const struct tui_app *a, struct canvas *cv)
{
	const struct smug_world *w = a->w;
	const struct smug_counters *t = &w->tel.today, *T = &w->tel.total;
	const struct tui_glyphs *g = cv->th->g;
	char bt[32], bT[32], pt[32], pT[32];
	int x, n = w->tel.history_count, spark = 24, max = 1;

	canvas_fill_row(cv, 0, 0, ROLE_TITLE);
	canvas_fill_row(cv, 1, 0, ROLE_NORMAL);
	x = canvas_printf(cv, 0, 0, ROLE_TITLE, " smugnet  %s  day %d (year %d, day %d) ", w->scenario_name,
			  w->day, w->day / 365 + 1, w->day % 365 + 1);
	x += canvas_printf(cv, 0, x, a->running ? ROLE_GOOD : ROLE_WARN, " %s x%d ",
			   a->running ? "RUN" : "PAUSED", speeds[a->speed]);
	x += canvas_printf(cv, 0, x, ROLE_TITLE, " seed %s%s ", a->seed_name[0] ? a->seed_name : "(new)",
			   a->unsaved ? " *unsaved" : "");
	canvas_printf(cv, 0, x, w->cfg.crackdown.auto_enabled ? ROLE_BAD : ROLE_DIM, " auto-crackdown %s ",
		      w->cfg.crackdown.auto_enabled ? "ON" : "off");
	smug_money_format(t->bribes_spent, bt, sizeof bt);
	smug_money_format(T->bribes_spent, bT, sizeof bT);
	smug_money_format(t->profit, pt, sizeof pt);
	smug_money_format(T->profit, pT, sizeof pT);
	x = canvas_printf(cv, 1, 1, ROLE_NORMAL,
			  "today %s%lld %s%lld %s%lld bribes %s profit %s | total delivered %lld seized %lld lost %lld bribes %s profit %s ",
			  g->delivered, (long long)t->delivered, g->seized, (long long)t->seized, g->lost,
			  (long long)t->lost, bt, pt, (long long)T->delivered, (long long)T->seized,
			  (long long)T->lost, bT, pT);
	if (x + spark + 2 > cv->w)
		return;
	if (n > spark)
		n = spark;
	for (int i = w->tel.history_count - n; i < w->tel.history_count; i++)
		if (smug_history_at(&w->tel, i)->c.delivered > max)
			max = (int)smug_history_at(&w->tel, i)->c.delivered;
	for (int i = 0; i < n; i++) {
		const struct smug_day_record *r = smug_history_at(&w->tel, w->tel.history_count - n + i);

		canvas_text(cv, 1, cv->w - n - 1 + i, ROLE_GOOD, g->spark[(r->c.delivered * 7) / max]);
	}
}
