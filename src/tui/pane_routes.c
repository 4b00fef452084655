/* Routes pane: the selected faction's decisions of the last simulated
 * day (commodity, source -> demand, hops, borders, score), and the why
 * view: every candidate with its per-edge terms, the margin, what would
 * flip the choice, and the demand and source drivers. */
#include <stdio.h>
#include <stdlib.h>

#include "tui/tui.h"

void pane_routes_draw(const struct tui_app *a, struct canvas *cv, bool focused)
{
	const struct smug_world *w = a->w;
	struct canvas in;
	char title[80];
	int y = 1, row = 0;

	canvas_clear(cv);
	snprintf(title, sizeof title, "Routes of %s, day %d", a->faction >= 0 ? w->factions[a->faction].id : "-",
		 w->decisions_day);
	canvas_box(cv, title, focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	canvas_printf(&in, 0, 0, ROLE_DIM, "%-10s %-17s %4s %3s %9s %s", "commodity", "source > demand", "hops",
		      "brd", "score", "status");
	for (int i = 0; i < w->n_decisions && y < in.h; i++) {
		const struct smug_decision *d = &w->decisions[i];
		enum tui_role r;
		char lane[64];

		if (d->faction != a->faction)
			continue;
		r = focused && row == a->route_sel ? ROLE_SELECT : ROLE_NORMAL;
		snprintf(lane, sizeof lane, "%.8s>%.8s", d->src_ward >= 0 ? w->wards[d->src_ward].id + 5 : "-",
			 d->dst_ward >= 0 ? w->wards[d->dst_ward].id + 5 : "-");
		canvas_fill_row(&in, y, 0, r);
		if (d->winner >= 0)
			canvas_printf(&in, y, 0, r, "%-10.10s %-17.17s %4d %3d %9.2f %s",
				      smug_commodity_name(d->commodity), lane, d->route_len - 1,
				      d->route_borders, d->winner_score / 100,
				      d->skipped[0] ? d->skipped : "sent");
		else
			canvas_printf(&in, y, 0, r, "%-10.10s %-17.17s %4s %3s %9s %s",
				      smug_commodity_name(d->commodity), lane, "-", "-", "-", d->skipped);
		y++;
		row++;
	}
	if (row == 0)
		canvas_text(&in, 1, 0, ROLE_DIM, "no decisions yet: press . to step a day");
}

/* The decision behind the selected row of the routes pane, or NULL. */
static const struct smug_decision *selected(const struct tui_app *a)
{
	int row = 0;

	for (int i = 0; i < a->w->n_decisions; i++) {
		if (a->w->decisions[i].faction != a->faction)
			continue;
		if (row++ == a->route_sel)
			return &a->w->decisions[i];
	}
	return NULL;
}

void pane_why_draw(const struct tui_app *a, struct canvas *cv)
{
	static const char *const dn[] = {"tolerance", "shortage", "corruption", "raider", "war"};
	static const char *const sn[] = {"raider", "precursor", "blackmarket"};
	const struct smug_world *w = a->w;
	const struct smug_decision *d = selected(a);
	struct smug_explanation *x;
	struct canvas in;
	char line[1024];
	int y = 0, skip = a->why_scroll;

	canvas_clear(cv);
	canvas_box(cv, "Why this route? (Esc back, arrows scroll)", true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	if (d == NULL) {
		canvas_text(&in, 0, 0, ROLE_DIM, "no decision selected");
		return;
	}
	x = malloc(sizeof *x);
	if (x == NULL || smug_explain_decision(w, (int)(d - w->decisions), x) != SMUG_OK) {
		canvas_text(&in, 0, 0, ROLE_WARN, "this decision cannot be explained");
		free(x);
		return;
	}
#define LINE(role, ...)                                                             \
	do {                                                                        \
		snprintf(line, sizeof line, __VA_ARGS__);                           \
		if (skip > 0)                                                       \
			skip--;                                                     \
		else if (y < in.h)                                                  \
			canvas_text(&in, y++, 0, role, line);                       \
	} while (0)
	LINE(ROLE_TITLE, "%s moves %s from %s to %s (cargo %.2f cr, bribe budget %.2f cr)",
	     w->factions[d->faction].id, smug_commodity_name(d->commodity),
	     d->src_ward >= 0 ? w->wards[d->src_ward].id : "-", d->dst_ward >= 0 ? w->wards[d->dst_ward].id : "-",
	     (double)d->value / 100, (double)d->bribe_budget / 100);
	LINE(ROLE_NORMAL, "demand %.3f = %s %.3f + %s %.3f + %s %.3f + %s %.3f + %s %.3f", d->demand.score,
	     dn[0], d->demand.term[0], dn[1], d->demand.term[1], dn[2], d->demand.term[2], dn[3],
	     d->demand.term[3], dn[4], d->demand.term[4]);
	LINE(ROLE_NORMAL, "source %.3f = %s %.3f + %s %.3f + %s %.3f", d->source.score, sn[0],
	     d->source.term[0], sn[1], d->source.term[1], sn[2], d->source.term[2]);
	if (d->winner >= 0)
		LINE(ROLE_GOOD, "winner #%d by %.2f cr; %s", d->winner + 1, d->margin / 100, x->flip);
	if (d->skipped[0])
		LINE(ROLE_WARN, "no shipment: %s", d->skipped);
	LINE(ROLE_DIM, "%-3s %9s %9s %9s %7s  route", "#", "score", "exp.loss", "exp.cost", "travel");
	for (int i = 0; i < x->n_cand; i++) {
		const struct smug_explain_candidate *c = &x->cand[i];
		char route[512];

		smug_route_format(w, c->nodes, c->n_nodes, route, sizeof route);
		LINE(i == d->winner ? ROLE_GOOD : ROLE_NORMAL, "%-3d %9.2f %9.2f %9.2f %7.2f  %s", i + 1,
		     c->score / 100, c->expected_loss / 100, c->expected_cost / 100, c->travel_term / 100, route);
		for (int e = 0; e + 1 < c->n_nodes; e++) {
			const struct smug_explain_edge *g = &c->edges[e];

			LINE(g->border ? ROLE_NORMAL : ROLE_DIM,
			     "      %-8s %-22s risk_est %.3f cost_est %.3f loss %8.2f cost %7.2f %s",
			     g->border ? "border" : "corridor", w->corridors[g->corridor].id, g->risk_est,
			     g->cost_est, g->expected_loss / 100, g->expected_cost / 100,
			     g->known ? "learned" : "prior");
		}
	}
#undef LINE
	free(x);
}
