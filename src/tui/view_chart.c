/* Chart view (g): the selected faction's or border's last N days (30,
 * 90, 180 or the whole 365-day history; < and > change N), as stacked
 * btop-style charts. A faction: balance, deliveries against seizures and
 * losses, bribes paid. A border: traffic, its seizure rate over 7 days,
 * inspections against seizures, bribes taken. Crackdown periods are
 * shaded (for a border its own crackdowns, for a faction the days a
 * crackdown you set was on), so a before and after reads at a glance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

static const int day_choices[] = {30, 90, 180, SMUG_CHART_DAYS};
#define N_CHOICES ((int)(sizeof day_choices / sizeof day_choices[0]))

/* Days a crackdown set by the user was on, from the daily history. */
static void manual_shade(const struct smug_world *w, int first, int n, bool *shade)
{
	memset(shade, 0, (size_t)n * sizeof *shade);
	for (int i = 0; i < w->tel.history_count; i++) {
		const struct smug_day_record *r = smug_history_at(&w->tel, i);

		if (r->day >= first && r->day < first + n && r->crackdowns_manual > 0)
			shade[r->day - first] = true;
	}
}

struct stack {
	struct chart_spec spec[4];
	struct chart_series series[4][3];
	int n;
};

static void draw_stack(struct canvas *cv, int y, struct stack *st)
{
	int h = cv->h - y, each;

	while (st->n > 1 && h / st->n < 6)
		st->n--; /* fewer charts rather than flat ones */
	each = st->n ? h / st->n : 0;
	for (int i = 0; i < st->n; i++) {
		struct canvas c = canvas_sub(cv, y + i * each, 0, i == st->n - 1 ? h - i * each : each, cv->w);

		chart_draw(&c, &st->spec[i]);
	}
}

static void faction_charts(struct tui_app *a, struct canvas *in, int n, int first)
{
	const struct smug_world *w = a->w;
	double *v = tui_xmalloc(sizeof(double) * (size_t)n * 5);
	bool *shade = tui_xmalloc(sizeof(bool) * (size_t)n);
	double *bal = v, *del = v + n, *sei = v + 2 * n, *lost = v + 3 * n, *bri = v + 4 * n;
	struct stack st;
	char line[300], b[40];
	int f = a->faction, sumd = 0, sums = 0;

	for (int i = 0; i < n; i++) {
		const struct smug_faction_day *d = smug_faction_chart(w, f, first + i);

		bal[i] = d ? (double)d->balance : NAN;
		del[i] = d ? d->delivered : NAN;
		sei[i] = d ? d->seized : NAN;
		lost[i] = d ? d->lost : NAN;
		bri[i] = d ? (double)d->bribes : NAN;
		sumd += d ? d->delivered : 0;
		sums += d ? d->seized : 0;
	}
	manual_shade(w, first, n, shade);
	fmt_credits(b, sizeof b, w->ledger.accounts[w->factions[f].account].balance);
	snprintf(line, sizeof line, "%s (%s): balance %s cr; in %d day%s %d delivered, %d seized", w->factions[f].id,
		 w->factions[f].name, b, n, n == 1 ? "" : "s", sumd, sums);
	if (text_cols(line) > in->w) /* narrow: the figures whole, without the long name */
		snprintf(line, sizeof line, "%s: balance %s cr; in %d day%s %d delivered, %d seized", w->factions[f].id, b,
			 n, n == 1 ? "" : "s", sumd, sums);
	canvas_wrap(in, 0, 0, in->w, 1, ROLE_TITLE, line);
	memset(&st, 0, sizeof st);
	st.series[0][0] = (struct chart_series){"balance", bal, ROLE_GOOD};
	st.spec[0] = (struct chart_spec){"Balance (credits)", n, first, st.series[0], 1, NULL, NULL, shade,
					 "your crackdowns", true, false, false, false};
	st.series[1][0] = (struct chart_series){"delivered", del, ROLE_GOOD};
	st.series[1][1] = (struct chart_series){"seized", sei, ROLE_SERIES2};
	st.series[1][2] = (struct chart_series){"lost", lost, ROLE_WARN};
	st.spec[1] = (struct chart_spec){"Shipments a day", n, first, st.series[1], 3, NULL, NULL, shade,
					 "your crackdowns", false, false, false, false};
	st.series[2][0] = (struct chart_series){"bribes", bri, ROLE_WARN};
	st.spec[2] = (struct chart_spec){"Bribes paid a day", n, first, st.series[2], 1, NULL, NULL, shade,
					 "your crackdowns", true, false, true, false};
	st.n = 3;
	draw_stack(in, 1, &st);
	free(v);
	free(shade);
}

static void border_charts(struct tui_app *a, struct canvas *in, int n, int first)
{
	const struct smug_world *w = a->w;
	double *v = tui_xmalloc(sizeof(double) * (size_t)n * 5);
	bool *shade = tui_xmalloc(sizeof(bool) * (size_t)n);
	double *tra = v, *rate = v + n, *ins = v + 2 * n, *sei = v + 3 * n, *bri = v + 4 * n;
	struct smug_border_day *d = tui_xmalloc(sizeof *d * (size_t)n);
	bool *known = tui_xmalloc(sizeof(bool) * (size_t)n);
	struct stack st;
	char line[400], id[64];
	int c = a->border, since = smug_border_chart_since(w, c);
	const struct smug_crackdown *k = smug_world_crackdown_on(w, c);

	for (int i = 0; i < n; i++)
		known[i] = smug_border_chart(w, c, first + i, &d[i]);
	for (int i = 0; i < n; i++) {
		int t7 = 0, s7 = 0, days = 0;

		tra[i] = known[i] ? d[i].traffic : NAN;
		ins[i] = known[i] ? d[i].inspections : NAN;
		sei[i] = known[i] ? d[i].seizures : NAN;
		bri[i] = known[i] ? (double)d[i].bribes : NAN;
		shade[i] = known[i] && d[i].crackdown_pct > 0;
		for (int j = i; j > i - 7 && j >= 0; j--)
			if (known[j]) {
				t7 += d[j].traffic;
				s7 += d[j].seizures;
				days++;
			}
		rate[i] = known[i] && t7 > 0 ? (double)s7 / t7 : known[i] && days ? 0 : NAN;
	}
	tui_short_corridor(a, c, id, sizeof id);
	if (k)
		snprintf(line, sizeof line, "border %s (%s), crackdown (%s) from day %d; %s", id, w->corridors[c].id,
			 k->manual ? "yours" : "the planner's", k->start_day,
			 since >= 0 ? "history kept" : "history: its last 7 days");
	else
		snprintf(line, sizeof line, "border %s (%s); %s", id, w->corridors[c].id,
			 since >= 0 ? "history kept"
				    : "history: its last 7 days (a year is kept for the hottest borders and crackdown targets)");
	canvas_wrap(in, 0, 0, in->w, 1, ROLE_TITLE, line);
	memset(&st, 0, sizeof st);
	st.series[0][0] = (struct chart_series){"crossings", tra, ROLE_GOOD};
	st.spec[0] = (struct chart_spec){"Traffic a day", n, first, st.series[0], 1, NULL, NULL, shade,
					 "crackdown", false, false, true, false};
	st.series[1][0] = (struct chart_series){"seized / crossed, 7 days", rate, ROLE_SERIES2};
	st.spec[1] = (struct chart_spec){"Seizure rate", n, first, st.series[1], 1, NULL, NULL, shade, "crackdown",
					 false, true, false, false};
	st.series[2][0] = (struct chart_series){"inspected", ins, ROLE_WARN};
	st.series[2][1] = (struct chart_series){"seized", sei, ROLE_SERIES2};
	st.spec[2] = (struct chart_spec){"Customs a day", n, first, st.series[2], 2, NULL, NULL, shade, "crackdown",
					 false, false, false, false};
	st.series[3][0] = (struct chart_series){"bribes", bri, ROLE_WARN};
	st.spec[3] = (struct chart_spec){"Bribes taken a day", n, first, st.series[3], 1, NULL, NULL, shade,
					 "crackdown", true, false, true, false};
	st.n = 4;
	draw_stack(in, 1, &st);
	free(v);
	free(shade);
	free(d);
	free(known);
}

void view_chart_draw(struct tui_app *a, struct canvas *cv)
{
	const struct smug_world *w = a->w;
	int n = a->chart_days, first;
	struct canvas in;
	char title[160];

	/* the days simulated, no more: after one step the chart is of day 1,
	 * never of a day 0 that was not simulated */
	canvas_clear(cv);
	if (n > w->day - w->start_day)
		n = w->day - w->start_day;
	if (n < 1)
		n = 1;
	snprintf(title, sizeof title, "Chart of the %s: the last %d day%s", a->chart_border ? "border" : "faction", n,
		 n == 1 ? "" : "s");
	canvas_box(cv, title, true);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	if (w->day <= w->start_day) {
		canvas_wrap(&in, 0, 0, in.w, 2, ROLE_DIM, "nothing simulated yet: step some days (. or n) first");
		return;
	}
	first = w->day - n + 1;
	if (a->chart_border && a->border >= 0)
		border_charts(a, &in, n, first);
	else if (a->faction >= 0)
		faction_charts(a, &in, n, first);
}

/* < and > change what is seen: > stops at the first span that covers
 * every day simulated (saying so), < goes to the span below the days
 * shown, so no press is spent on a span the chart cannot fill. */
bool view_chart_key(struct tui_app *a, int action, int key)
{
	int simulated = a->w->day - a->w->start_day, shown = a->chart_days < simulated ? a->chart_days : simulated;
	int i;

	(void)key;
	if (simulated < 1 && (action == ACT_SORT_PREV || action == ACT_SORT_NEXT))
		return true; /* nothing charted yet: the view says so */
	switch (action) {
	case ACT_SORT_PREV:
		for (i = N_CHOICES - 1; i > 0 && day_choices[i] >= shown; i--)
			;
		a->chart_days = day_choices[i];
		return true;
	case ACT_SORT_NEXT:
		if (a->chart_days >= simulated && simulated < SMUG_CHART_DAYS) {
			tui_set_status(a, "all %d day%s simulated %s on the chart; it grows to %d days as more are run",
				       simulated, simulated == 1 ? "" : "s", simulated == 1 ? "is" : "are", a->chart_days);
			return true;
		}
		for (i = 0; i < N_CHOICES && day_choices[i] <= a->chart_days; i++)
			;
		a->chart_days = day_choices[i < N_CHOICES ? i : N_CHOICES - 1];
		return true;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (a->chart_border) {
			pane_borders_move(a, action == ACT_LEFT ? -1 : 1);
		} else {
			int fac[SMUG_FACTIONS_MAX], k = tui_network_factions(a->w, fac, SMUG_FACTIONS_MAX), j;

			for (j = 0; j < k && fac[j] != a->faction; j++)
				;
			j += action == ACT_LEFT ? -1 : 1;
			if (k > 0)
				a->faction = fac[j < 0 ? 0 : j >= k ? k - 1 : j];
		}
		return true;
	case ACT_CRACKDOWN:
		if (a->chart_border)
			tui_toggle_crackdown(a);
		else
			tui_set_status(a, "c cracks down on a border: a faction's chart has none (chart a border: g on Borders or the Map)");
		return true;
	default: return false;
	}
}
