/* Factions pane: per network faction its balance, commodities with
 * preferences, shipments in transit, success rate, bribe spend, and a
 * strip of its recent outcomes (delivered / seized / lost glyphs). */
#include <stdio.h>

#include "tui/tui.h"

int tui_network_factions(const struct smug_world *w, int *out, int max)
{
	int n = 0;

	for (int f = 0; f < w->n_factions && n < max; f++)
		if (w->factions[f].runs_network)
			out[n++] = f;
	return n;
}

static const char *short_name(enum smug_commodity c)
{
	static const char *const names[] = {"suitmods", "narcotics", "weapons", "stolen", "supplies"};

	return (unsigned)c < SMUG_COMMODITY_COUNT ? names[c] : "?";
}

void pane_factions_draw(const struct tui_app *a, struct canvas *cv, bool focused)
{
	const struct smug_world *w = a->w;
	const struct tui_glyphs *g = cv->th->g;
	int fac[SMUG_FACTIONS_MAX], n = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), y = 1;
	struct canvas in;

	canvas_clear(cv);
	canvas_box(cv, "Factions", focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	canvas_printf(&in, 0, 0, ROLE_DIM, "%-12s %11s %4s %5s %9s", "faction", "balance", "trn",
		      "succ", "bribes");
	for (int i = 0; i < n && y + 1 < in.h; i++) {
		const struct smug_faction *fa = &w->factions[fac[i]];
		const struct smug_network *net = &fa->net;
		enum tui_role r = fac[i] == a->faction ? ROLE_SELECT : ROLE_NORMAL;
		char bal[32], br[32], prefs[96] = "";
		int at = 0, x;

		smug_money_format(w->ledger.accounts[fa->account].balance, bal, sizeof bal);
		smug_money_format(net->bribes_spent, br, sizeof br);
		canvas_fill_row(&in, y, 0, r);
		canvas_printf(&in, y, 0, r, "%-12.12s %11.11s %4d %4.0f%% %9.9s", fa->id, bal, net->in_transit,
			      100.0 * smug_network_success_rate(net), br);
		y++;
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
			if (net->commodity_prefs[c] > 0 && at < (int)sizeof prefs - 24)
				at += snprintf(prefs + at, sizeof prefs - (size_t)at, "%s%s %.1f", at ? ", " : "",
					       short_name((enum smug_commodity)c), net->commodity_prefs[c]);
		x = canvas_printf(&in, y, 1, ROLE_DIM, "%.*s ", in.w > 14 ? in.w - 14 : 0, prefs);
		{
			int avail = in.w - x - 2, start = net->recent_count - avail;

			for (int k = start > 0 ? start : 0; k < net->recent_count; k++) {
				int idx = (net->recent_head - net->recent_count + k + 2 * SMUG_RECENT_OUTCOMES) %
					  SMUG_RECENT_OUTCOMES;
				enum smug_outcome o = net->recent[idx].outcome;

				canvas_text(&in, y, 1 + x++, o == SMUG_OUTCOME_DELIVERED ? ROLE_GOOD : ROLE_BAD,
					    o == SMUG_OUTCOME_DELIVERED ? g->delivered
					    : o == SMUG_OUTCOME_SEIZED  ? g->seized
									: g->lost);
			}
		}
		y++;
	}
}
