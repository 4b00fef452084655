/* Story view: one shipment from its creation through every customs
 * check and delay to its outcome, read from the event log (as far back
 * as the log reaches), with its cargo, route and bribes while it is
 * still in transit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

void view_story_draw(struct tui_app *a, struct canvas *cv)
{
	const struct smug_world *w = a->w;
	const struct smug_telemetry *t = &w->tel;
	const struct smug_shipment *live = NULL;
	struct canvas in;
	struct tui_table tab;
	char title[160], line[1024];
	int y = 0, skip = a->story_scroll, found = 0, fac = -1, com = -1;

	for (int i = 0; i < w->n_shipments; i++)
		if (smug_shipment_in_transit(w, i)->id == a->story_shipment)
			live = smug_shipment_in_transit(w, i);
	for (int i = 0; i < t->event_count; i++) {
		const struct smug_event *e = smug_event_at(t, i);

		if (e->shipment == a->story_shipment) {
			found++;
			if (fac < 0) {
				fac = e->faction;
				com = e->commodity;
			}
		}
	}
	canvas_clear(cv);
	snprintf(title, sizeof title, "Shipment #%llu: its story (arrows scroll, Esc back)",
		 (unsigned long long)a->story_shipment);
	canvas_box(cv, title, true);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	if (fac >= 0) {
		snprintf(line, sizeof line, "%s moves %s; %d event%s in the log%s", w->factions[fac].id,
			 com >= 0 ? tui_commodity_short(com) : "-", found, found == 1 ? "" : "s",
			 live ? "; still in transit" : "");
		y += canvas_wrap(&in, y, 0, in.w, 1, ROLE_TITLE, line);
	}
	if (live) {
		char v[40], b[40], route[400];

		fmt_credits(v, sizeof v, live->value);
		fmt_credits(b, sizeof b, live->bribe_budget_total);
		smug_route_format(w, live->nodes, live->n_nodes, route, sizeof route);
		snprintf(line, sizeof line, "cargo %s cr, bribe budget %s cr, hop %d of %d, route %s", v, b,
			 live->hop + 1, live->n_nodes - 1, route);
		y += canvas_wrap(&in, y, 0, in.w, 3, ROLE_NORMAL, line);
	}
	if (found == 0) {
		if (a->story_shipment >= w->next_shipment_id) {
			snprintf(line, sizeof line,
				 "this shipment was not sent yet at day %d: it is sent on a later day (the world was "
				 "rewound before it)", w->day);
			canvas_wrap(&in, y + 1, 0, in.w, 3, ROLE_DIM, line);
		} else {
			canvas_wrap(&in, y + 1, 0, in.w, 2, ROLE_DIM,
				    "the event log no longer holds this shipment's events (it keeps the last 100,000)");
		}
		return;
	}
	y++;
	tui_event_table(a, &tab, in.w, true, TUI_EVENT_DETAIL_ROOM);
	y += table_header(&in, y, &tab, -1, false);
	view_scroll_clamp(&a->story_scroll, found, in.h - y); /* the last page stays full */
	skip = a->story_scroll;
	for (int i = 0; i < t->event_count && y < in.h; i++) {
		const struct smug_event *e = smug_event_at(t, i);

		if (e->shipment != a->story_shipment)
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		tui_event_row(a, &in, y++, &tab, e, ROLE_NORMAL);
	}
}

bool view_story_key(struct tui_app *a, int action, int key)
{
	(void)key;
	return view_scroll_key(&a->story_scroll, action);
}
