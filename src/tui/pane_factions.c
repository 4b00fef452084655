/* Factions pane: per network faction its balance and its change over 30
 * days, shipments in transit, success rate, what it sent and lost to
 * seizure in 30 days, bribes, and a balance sparkline; with room, a
 * second line says what it actually moves (share of cargo value sent in
 * 30 days per commodity) and its latest outcomes. Columns are dropped
 * by priority when the pane is narrow: balance, success rate, in transit
 * and bribe spend (what the design's Factions pane lists) are the last
 * to go, bribes from 120 columns; narrower, the pane's last row names
 * the selected faction's bribe spend instead. With more factions than
 * rows the pane scrolls so the selected faction is always shown. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

int tui_network_factions(const struct smug_world *w, int *out, int max)
{
	int n = 0;

	for (int f = 0; f < w->n_factions && n < max; f++)
		if (w->factions[f].runs_network)
			out[n++] = f;
	return n;
}

enum { C_NAME, C_BAL, C_DELTA, C_TRN, C_SUCC, C_SENT, C_SEIZ, C_BRIBES, C_SPARK, C_N };

static const struct tui_col cols[C_N] = {
	[C_NAME] = {"faction", NULL, 11, 0, false, true, 0, NULL},
	[C_BAL] = {"balance", NULL, 10, 1, true, false, 0, NULL},
	[C_DELTA] = {"30d", NULL, 9, 5, true, false, 0, NULL},
	[C_TRN] = {"trn", NULL, 4, 3, true, false, 0, NULL},
	[C_SUCC] = {"succ", NULL, 4, 2, true, false, 0, NULL},
	[C_SENT] = {"sent", NULL, 5, 7, true, false, 0, NULL},
	[C_SEIZ] = {"seized", NULL, 6, 6, true, false, 0, NULL},
	[C_BRIBES] = {"bribes", NULL, 9, 4, true, false, 0, NULL},
	[C_SPARK] = {"balance 30d", NULL, 12, 8, false, false, 0, NULL},
};

/* What a faction moved in 30 days: "narcotics 62% stolen goods 38%". */
static void moves(const struct smug_world *w, int f, char *buf, size_t size)
{
	struct smug_flow fl[SMUG_COMMODITY_COUNT];
	int64_t total = 0;
	size_t at = 0;

	buf[0] = '\0';
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		smug_flow_sum(w, f, c, SMUG_FLOW_DAYS, &fl[c]);
		total += fl[c].value[SMUG_FLOW_SENT];
	}
	if (total == 0) {
		at += (size_t)snprintf(buf, size, "prefers");
		for (int c = 0; c < SMUG_COMMODITY_COUNT && at < size; c++)
			if (w->factions[f].net.commodity_prefs[c] > 0)
				at += (size_t)snprintf(buf + at, size - at, " %s %.1f", tui_commodity_name(c),
						       w->factions[f].net.commodity_prefs[c]);
		return;
	}
	for (int c = 0; c < SMUG_COMMODITY_COUNT && at < size; c++)
		if (fl[c].value[SMUG_FLOW_SENT] > 0)
			at += (size_t)snprintf(buf + at, size - at, "%s%s %.0f%%", at ? " " : "", tui_commodity_name(c),
					       100.0 * (double)fl[c].value[SMUG_FLOW_SENT] / (double)total);
}

bool pane_factions_bribes_below(const struct smug_world *w, int width)
{
	int fac[SMUG_FACTIONS_MAX];
	struct tui_table t;

	table_fit(&t, cols, C_N, width - 2); /* inside the frame */
	return table_pos(&t, C_BRIBES) < 0 && tui_network_factions(w, fac, SMUG_FACTIONS_MAX) > 0;
}

/* The selected faction's bribe spend on the pane's last row, for a pane
 * too narrow for the bribes column: the figure first, whole, then whose
 * ("bribes 701.48 (dustrunners)"), the id shortened when it must. */
static void bribes_below(struct tui_app *a, struct canvas *in, int y)
{
	const char *id;
	char money[32], head[64];
	int x, room;

	if (a->faction < 0)
		return;
	id = a->w->factions[a->faction].id;
	fmt_money(money, sizeof money, a->w->factions[a->faction].net.bribes_spent, 12);
	snprintf(head, sizeof head, "bribes %s", money);
	x = canvas_text(in, y, 0, ROLE_DIM, head);
	room = in->w - x - 3; /* " (" and ")" */
	if (room < 3)
		return;
	x += canvas_text(in, y, x, ROLE_DIM, " (");
	x += canvas_fit(in, y, x, text_cols(id) < room ? text_cols(id) : room, ROLE_DIM, id, false);
	canvas_text(in, y, x, ROLE_DIM, ")");
}

void pane_factions_draw(struct tui_app *a, struct canvas *cv, bool focused)
{
	const struct smug_world *w = a->w;
	const struct tui_glyphs *g = cv->th->g;
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), y, at = 0, shown, list_h, per;
	bool below;
	struct canvas in;
	struct tui_table t;

	for (int i = 0; i < 256; i++)
		a->hit[PANE_FACTIONS][i] = -1;
	canvas_clear(cv);
	canvas_box(cv, "1 Factions", focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	table_fit(&t, cols, C_N, in.w);
	/* no bribes column: its last row says the selected faction's, when
	 * a faction's row is left above it */
	below = n > 0 && table_pos(&t, C_BRIBES) < 0 && in.h >= 3;
	list_h = in.h - (below ? 1 : 0);
	per = list_h - 1 >= 2 * n ? 2 : 1;
	y = table_header(&in, 0, &t, -1, false);
	/* more factions than rows: scrolled so the selected one is shown */
	for (int i = 0; i < n; i++)
		if (fac[i] == a->faction)
			at = i;
	shown = (list_h - y + per - 1) / per;
	if (shown < 1)
		shown = 1;
	a->faction_top = table_scroll(a->faction_top, at, shown, n);
	for (int i = a->faction_top; i < n && y < list_h; i++) {
		const struct smug_faction *fa = &w->factions[fac[i]];
		const struct smug_network *net = &fa->net;
		bool sel = fac[i] == a->faction;
		enum tui_role r = sel ? (focused ? ROLE_SELECT : ROLE_FOCUS) : ROLE_NORMAL;
		const struct smug_faction_day *old = smug_faction_chart(w, fac[i], w->day - SMUG_FLOW_DAYS);
		int64_t bal = w->ledger.accounts[fa->account].balance, sent = 0, seized = 0;
		double spark[SMUG_FLOW_DAYS];
		char buf[64];
		int ns = 0;

		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
			struct smug_flow fl;

			smug_flow_sum(w, fac[i], c, SMUG_FLOW_DAYS, &fl);
			sent += fl.n[SMUG_FLOW_SENT];
			seized += fl.n[SMUG_FLOW_SEIZED];
		}
		canvas_fill_row(&in, y, 0, r);
		if (y + 2 < 256)
			a->hit[PANE_FACTIONS][y + 1] = a->hit[PANE_FACTIONS][y + 2] = fac[i];
		table_cell(&in, y, &t, C_NAME, r, fa->id);
		fmt_money(buf, sizeof buf, bal, cols[C_BAL].width);
		table_cell(&in, y, &t, C_BAL, r, buf);
		if (old == NULL)
			old = smug_faction_chart(w, fac[i], w->day > SMUG_FLOW_DAYS ? w->day - SMUG_FLOW_DAYS : w->start_day + 1);
		if (old) {
			char d[40];

			fmt_money(d, sizeof d, bal - old->balance, cols[C_DELTA].width - 1);
			snprintf(buf, sizeof buf, "%s%s", bal >= old->balance ? "+" : "", d);
			table_cell(&in, y, &t, C_DELTA, bal >= old->balance ? (sel ? r : ROLE_GOOD) : (sel ? r : ROLE_BAD), buf);
		}
		snprintf(buf, sizeof buf, "%d", net->in_transit);
		table_cell(&in, y, &t, C_TRN, r, buf);
		snprintf(buf, sizeof buf, "%.0f%%", 100.0 * smug_network_success_rate(net));
		table_cell(&in, y, &t, C_SUCC, r, buf);
		fmt_count(buf, sizeof buf, sent, cols[C_SENT].width);
		table_cell(&in, y, &t, C_SENT, r, buf);
		fmt_count(buf, sizeof buf, seized, cols[C_SEIZ].width);
		table_cell(&in, y, &t, C_SEIZ, seized && !sel ? ROLE_BAD : r, buf);
		fmt_money(buf, sizeof buf, net->bribes_spent, cols[C_BRIBES].width);
		table_cell(&in, y, &t, C_BRIBES, r, buf);
		if (table_pos(&t, C_SPARK) >= 0) {
			int p = table_pos(&t, C_SPARK);

			for (int d = w->day - SMUG_FLOW_DAYS + 1; d <= w->day; d++) {
				const struct smug_faction_day *b = smug_faction_chart(w, fac[i], d);

				if (b)
					spark[ns++] = (double)b->balance;
			}
			if (ns > 1) {
				double lo = spark[0];

				for (int k = 0; k < ns; k++)
					lo = fmin(lo, spark[k]);
				for (int k = 0; k < ns; k++)
					spark[k] -= lo; /* the shape of the change, not the level */
				chart_spark(&in, y, t.x[p], t.w[p], spark, ns, ROLE_GOOD);
			}
		}
		y++;
		if (per == 2 && y < list_h) {
			char mv[160];
			int x, avail;

			moves(w, fac[i], mv, sizeof mv);
			x = 1 + canvas_fit(&in, y, 1, in.w - 1 < text_cols(mv) ? in.w - 1 : text_cols(mv), ROLE_DIM, mv, false);
			avail = in.w - x - 1;
			/* latest outcomes, newest last */
			for (int k = net->recent_count > avail ? net->recent_count - avail : 0;
			     k < net->recent_count && avail > 2; k++) {
				int idx = (net->recent_head - net->recent_count + k + 2 * SMUG_RECENT_OUTCOMES) %
					  SMUG_RECENT_OUTCOMES;
				enum smug_outcome o = net->recent[idx].outcome;

				canvas_text(&in, y, 1 + x++, o == SMUG_OUTCOME_DELIVERED ? ROLE_GOOD : ROLE_BAD,
					    o == SMUG_OUTCOME_DELIVERED ? g->delivered
					    : o == SMUG_OUTCOME_SEIZED  ? g->seized
									: g->lost);
			}
			y++;
		}
	}
	if (n == 0)
		canvas_text(&in, y, 0, ROLE_DIM, "no smuggling factions");
	if (below)
		bribes_below(a, &in, in.h - 1);
}

void pane_factions_click(struct tui_app *a, int y)
{
	if (y >= 0 && y < 256 && a->hit[PANE_FACTIONS][y] >= 0) {
		a->faction = a->hit[PANE_FACTIONS][y];
		a->route_sel = 0;
	}
}
