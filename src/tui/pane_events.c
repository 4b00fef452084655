/* Event log pane: the core's bounded event ring, newest last, scrolling,
 * filtered by a substring of the kind or the faction id. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

static bool matches(const struct tui_app *a, const struct smug_event *e)
{
	const char *kind = smug_event_kind_name(e->kind);

	if (a->filter[0] == '\0')
		return true;
	if (strstr(kind, a->filter))
		return true;
	return e->faction >= 0 && strstr(a->w->factions[e->faction].id, a->filter) != NULL;
}

int pane_events_visible(const struct tui_app *a, int *out, int max)
{
	const struct smug_telemetry *t = &a->w->tel;
	int n = 0;

	for (int i = 0; i < t->event_count && n < max; i++)
		if (matches(a, smug_event_at(t, i)))
			out[n++] = i;
	return n;
}

void pane_events_draw(const struct tui_app *a, struct canvas *cv, bool focused)
{
	const struct smug_world *w = a->w;
	int vis[SMUG_EVENT_CAP], n = pane_events_visible(a, vis, SMUG_EVENT_CAP), last, y;
	struct canvas in;
	char title[96];

	canvas_clear(cv);
	snprintf(title, sizeof title, "Events%s%s%s", a->filter[0] ? " matching '" : "", a->filter,
		 a->filter[0] ? "'" : "");
	canvas_box(cv, title, focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	last = n - 1 - a->event_scroll;
	y = in.h - 1;
	for (int i = last; i >= 0 && y >= 0; i--, y--) {
		const struct smug_event *e = smug_event_at(&w->tel, vis[i]);
		const char *kind = smug_event_kind_name(e->kind);
		enum tui_role r = e->kind == SMUG_EV_SHIPMENT_SEIZED ? ROLE_BAD
				  : e->kind == SMUG_EV_ROUTE_UPDATE ? ROLE_WARN
				  : (e->kind == SMUG_EV_CRACKDOWN_ACTIVATED || e->kind == SMUG_EV_CRACKDOWN_EXPIRED ||
				     e->kind == SMUG_EV_CRACKDOWN_CLEARED) ? ROLE_CRACKDOWN
				  : e->kind == SMUG_EV_CUSTOMS_CHECK ? ROLE_DIM : ROLE_NORMAL;

		if (strncmp(kind, "SMUGGLING_", 10) == 0)
			kind += 10;
		if (focused && i == last)
			r = ROLE_SELECT;
		canvas_fill_row(&in, y, 0, r);
		canvas_printf(&in, y, 0, r, "%5d %-18.18s %-11.11s %s %s", e->day, kind,
			      e->faction >= 0 ? w->factions[e->faction].id : "",
			      e->corridor >= 0 ? w->corridors[e->corridor].id : "", e->detail);
	}
	if (n == 0)
		canvas_text(&in, 0, 0, ROLE_DIM, a->filter[0] ? "no events match the filter" : "no events yet");
}
