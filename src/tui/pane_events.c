/* Event log pane: the core's event ring (the last 100,000 events),
 * newest at the bottom; a case-insensitive filter on kind, faction,
 * border, commodity or text; lines with the commodity and the amount in
 * credits; the selected event highlighted, and Enter on it opens its
 * shipment's story. The filtered list is an index of sequence numbers
 * kept up to date as events arrive, never rebuilt per frame. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* Case-insensitive substring. */
static bool ci_contains(const char *hay, const char *needle, size_t n)
{
	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

void tui_event_kind_short(const struct smug_event *e, char *buf, size_t size)
{
	static const char *const names[SMUG_EVENT_KIND_COUNT] = {
		[SMUG_EV_SHIPMENT_CREATED] = "sent",	   [SMUG_EV_SHIPMENT_SEIZED] = "SEIZED",
		[SMUG_EV_SHIPMENT_DELIVERED] = "arrived", [SMUG_EV_SHIPMENT_LOST] = "lost",
		[SMUG_EV_SHIPMENT_DELAYED] = "delayed",   [SMUG_EV_ROUTE_UPDATE] = "route",
		[SMUG_EV_CUSTOMS_CHECK] = "check",	   [SMUG_EV_CRACKDOWN_ACTIVATED] = "crack on",
		[SMUG_EV_CRACKDOWN_EXPIRED] = "expired",  [SMUG_EV_CRACKDOWN_CLEARED] = "cleared",
	};

	snprintf(buf, size, "%s", names[e->kind] ? names[e->kind] : "?");
}

static bool field_matches(const struct tui_app *a, const struct smug_event *e, int field, const char *word,
			  size_t n)
{
	const struct smug_world *w = a->w;
	char k[SMUG_EVENT_TEXT_MAX];

	switch (field) {
	case 0:
		tui_event_kind_short(e, k, sizeof k);
		return ci_contains(smug_event_kind_name(e->kind), word, n) || ci_contains(k, word, n);
	case 1: return e->faction >= 0 && ci_contains(w->factions[e->faction].id, word, n);
	case 2: /* the full id, or the border as the panes show it ("23.0|24.0") */
		if (e->corridor < 0)
			return false;
		tui_short_corridor(a, e->corridor, k, sizeof k);
		return ci_contains(w->corridors[e->corridor].id, word, n) || ci_contains(k, word, n);
	case 3:
		return e->commodity >= 0 && (ci_contains(smug_commodity_name((enum smug_commodity)e->commodity), word, n) ||
					     ci_contains(tui_commodity_short(e->commodity), word, n));
	default: /* the text as smugnet(1) writes it, or as the log shows it ("24->22") */
		if (ci_contains(smug_event_text(w, e, k, sizeof k), word, n))
			return true;
		tui_event_detail(a, e, k, sizeof k);
		return ci_contains(k, word, n);
	}
}

bool tui_event_matches(const struct tui_app *a, const struct smug_event *e, const char *filter)
{
	static const char *const fields[] = {"kind:", "faction:", "border:", "commodity:"};
	const char *p = filter;

	while (*p) {
		const char *end;
		int field = -1;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (int f = 0; f < 4 && field < 0; f++)
			if (strncmp(p, fields[f], strlen(fields[f])) == 0) {
				field = f;
				p += strlen(fields[f]);
			}
		end = strchr(p, ' ');
		if (end == NULL)
			end = p + strlen(p);
		if (field >= 0) {
			if (!field_matches(a, e, field, p, (size_t)(end - p)))
				return false;
		} else {
			bool any = false;

			for (int f = 0; f < 5 && !any; f++)
				any = field_matches(a, e, f, p, (size_t)(end - p));
			if (!any)
				return false;
		}
		p = end;
	}
	return true;
}

void tui_event_index_free(struct tui_event_index *x)
{
	free(x->seq);
	memset(x, 0, sizeof *x);
}

/* Bring the filtered index up to date: rebuilt when the filter changed,
 * else extended by the events logged since, and trimmed of those the
 * ring has dropped. */
static void index_update(struct tui_app *a)
{
	const struct smug_telemetry *t = &a->w->tel;
	struct tui_event_index *x = &a->evx;
	uint64_t oldest = t->events_total - (uint64_t)t->event_count, from;
	int drop = 0;

	if (a->filter[0] == '\0')
		return;
	if (!x->valid || strcmp(x->filter, a->filter) != 0 || x->seen > t->events_total) {
		snprintf(x->filter, sizeof x->filter, "%s", a->filter);
		x->n = 0;
		x->seen = oldest;
		x->valid = true;
	}
	from = x->seen > oldest ? x->seen : oldest;
	for (uint64_t s = from; s < t->events_total; s++) {
		const struct smug_event *e = smug_event_at(t, (int)(s - oldest));

		if (!tui_event_matches(a, e, a->filter))
			continue;
		if (x->n == x->cap) {
			x->cap = x->cap ? 2 * x->cap : 1024;
			x->seq = tui_xrealloc(x->seq, (size_t)x->cap * sizeof *x->seq);
		}
		x->seq[x->n++] = s;
	}
	x->seen = t->events_total;
	while (drop < x->n && x->seq[drop] < oldest)
		drop++;
	if (drop > 0) {
		x->n -= drop;
		memmove(x->seq, x->seq + drop, (size_t)x->n * sizeof *x->seq);
	}
}

int pane_events_count(struct tui_app *a)
{
	if (a->filter[0] == '\0')
		return a->w->tel.event_count;
	index_update(a);
	return a->evx.n;
}

const struct smug_event *pane_events_at(struct tui_app *a, int i, int64_t *seq)
{
	const struct smug_telemetry *t = &a->w->tel;
	uint64_t oldest = t->events_total - (uint64_t)t->event_count;
	uint64_t s = a->filter[0] ? a->evx.seq[i] : oldest + (uint64_t)i;

	*seq = (int64_t)s;
	return smug_event_at(t, (int)(s - oldest));
}

int pane_events_selected(struct tui_app *a)
{
	int n = pane_events_count(a), lo = 0, hi = n - 1;

	if (n == 0)
		return -1;
	if (a->event_sel < 0)
		return n - 1;
	/* the first visible event at or after the selected one */
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		int64_t s;

		pane_events_at(a, mid, &s);
		if (s < a->event_sel)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void pane_events_move(struct tui_app *a, int delta)
{
	int n = pane_events_count(a), i = pane_events_selected(a);
	int64_t s;

	if (n == 0)
		return;
	i += delta;
	i = i < 0 ? 0 : i >= n ? n - 1 : i;
	pane_events_at(a, i, &s);
	a->event_sel = s;
}

enum { E_DAY, E_KIND, E_FACTION, E_COM, E_BORDER, E_AMOUNT, E_SHIP, E_DETAIL, E_N };

/* The columns when the detail is the first to go (a narrow pane). */
static const struct tui_col cols[E_N] = {
	[E_DAY] = {"day", NULL, 5, 0, true, false, 0, NULL},
	[E_KIND] = {"event", NULL, 8, 0, false, false, 0, NULL},
	[E_FACTION] = {"faction", NULL, 6, 2, false, true, 0, NULL},
	[E_COM] = {"commodity", NULL, 9, 3, false, false, 0, NULL},
	[E_BORDER] = {"border", NULL, 9, 4, false, false, 0, NULL},
	[E_AMOUNT] = {"credits", NULL, 7, 1, true, false, 0, NULL},
	[E_SHIP] = {"shipment", NULL, 8, 6, true, false, 0, NULL},
	[E_DETAIL] = {"detail", NULL, 8, 5, false, true, 0, NULL},
};

/* The room a detail needs: a check's "inspected,… bribe taken 60.75"
 * and a sending's "24->22 7 hops, bribes 12.50". Where the pane has it,
 * the detail is kept before the commodity and the shipment. */
#define DETAIL_ROOM TUI_EVENT_DETAIL_ROOM
#define BORDER_MAX 13 /* "2353.0|2354.0" in a world of 3,600 wards */

static enum tui_role kind_role(enum smug_event_kind k)
{
	switch (k) {
	case SMUG_EV_SHIPMENT_SEIZED: return ROLE_BAD;
	case SMUG_EV_SHIPMENT_DELIVERED: return ROLE_GOOD;
	case SMUG_EV_SHIPMENT_LOST: return ROLE_WARN;
	case SMUG_EV_ROUTE_UPDATE: return ROLE_WARN;
	case SMUG_EV_CRACKDOWN_ACTIVATED:
	case SMUG_EV_CRACKDOWN_EXPIRED:
	case SMUG_EV_CRACKDOWN_CLEARED: return ROLE_CRACKDOWN;
	case SMUG_EV_CUSTOMS_CHECK: return ROLE_DIM;
	default: return ROLE_NORMAL;
	}
}

/* Drop every `n`-byte prefix p that starts an id in s (at the start or
 * after a space or one of ">-|(", an id's character after it). */
static void drop_prefix(char *s, const char *p, size_t n)
{
	char *out = s;

	if (n == 0)
		return;
	for (const char *in = s; *in;) {
		bool at_start = in == s || strchr(" >-|(", in[-1]) != NULL;

		if (at_start && strncmp(in, p, n) == 0 && isalnum((unsigned char)in[n])) {
			in += n;
			continue;
		}
		*out++ = *in++;
	}
	*out = '\0';
}

/* Put `mark` in place of every `n`-byte suffix p that ends an id in s
 * (an id's character before it, none after it), within size bytes. */
static void mark_suffix(char *s, size_t size, const char *p, size_t n, const char *mark)
{
	char out[SMUG_EVENT_TEXT_MAX];
	size_t o = 0, m = strlen(mark);

	if (n == 0)
		return;
	for (const char *in = s; *in && o + 1 < sizeof out;) {
		if (in > s && isalnum((unsigned char)in[-1]) && strncmp(in, p, n) == 0 &&
		    !isalnum((unsigned char)in[n]) && in[n] != '.' && o + m + 1 < sizeof out) {
			memcpy(out + o, mark, m);
			o += m;
			in += n;
			continue;
		}
		out[o++] = *in++;
	}
	out[o] = '\0';
	snprintf(s, size, "%s", out);
}

void tui_event_detail(const struct tui_app *a, const struct smug_event *e, char *buf, size_t size)
{
	const struct smug_world *w = a->w;
	char ward[SMUG_ID_MAX], node[SMUG_ID_MAX];

	smug_event_text(w, e, buf, size);
	snprintf(ward, sizeof ward, "%.*s", a->ward_prefix, w->n_wards ? w->wards[0].id : "");
	snprintf(node, sizeof node, "%.*s", a->node_prefix, w->n_nodes ? w->nodes[0].id : "");
	drop_prefix(buf, ward, strlen(ward));
	drop_prefix(buf, node, strlen(node));
	/* the end every ward (node) id shares as an ellipsis, as the Routes
	 * pane's lanes: "24…->22… after 3 days" for ward:24-district->... */
	if (w->n_wards)
		mark_suffix(buf, size, w->wards[0].id + strlen(w->wards[0].id) - a->ward_suffix,
			    (size_t)a->ward_suffix, a->th.g->ellipsis);
	if (w->n_nodes)
		mark_suffix(buf, size, w->nodes[0].id + strlen(w->nodes[0].id) - a->node_suffix,
			    (size_t)a->node_suffix, a->th.g->ellipsis);
}

void tui_event_row(struct tui_app *a, struct canvas *cv, int y, const struct tui_table *t,
		   const struct smug_event *e, enum tui_role r)
{
	const struct smug_world *w = a->w;
	char buf[96];
	enum tui_role kr = r == ROLE_NORMAL ? kind_role(e->kind) : r;

	canvas_fill_row(cv, y, 0, r);
	snprintf(buf, sizeof buf, "%d", e->day);
	table_cell(cv, y, t, E_DAY, r, buf);
	tui_event_kind_short(e, buf, sizeof buf);
	table_cell(cv, y, t, E_KIND, kr, buf);
	table_cell(cv, y, t, E_FACTION, r, e->faction >= 0 ? w->factions[e->faction].id : "");
	table_cell(cv, y, t, E_COM, r, e->commodity >= 0 ? tui_commodity_short(e->commodity) : "");
	if (e->corridor >= 0 && table_pos(t, E_BORDER) >= 0) {
		/* both nodes, each shortened when the two do not fit whole */
		tui_short_corridor_fit(a, e->corridor, t->w[table_pos(t, E_BORDER)], buf, sizeof buf);
		table_cell(cv, y, t, E_BORDER, r, buf);
	} else if (e->src_ward >= 0 && e->dst_ward >= 0 && e->src_ward < w->n_wards && e->dst_ward < w->n_wards &&
		   table_pos(t, E_BORDER) >= 0 && table_pos(t, E_DETAIL) < 0 &&
		   tui_two_ids_fit(a, tui_short_ward(a, e->src_ward), ">", tui_short_ward(a, e->dst_ward), a->ward_suffix,
				   t->w[table_pos(t, E_BORDER)], buf, sizeof buf)) {
		/* no room for the detail (80x24): a shipment's lane where no
		 * border is, "24>22", as the Routes pane writes it */
		table_cell(cv, y, t, E_BORDER, r, buf);
	}
	if (e->amount != 0) {
		fmt_money(buf, sizeof buf, e->amount, t->w[table_pos(t, E_AMOUNT) >= 0 ? table_pos(t, E_AMOUNT) : 0]);
		table_cell(cv, y, t, E_AMOUNT, r, buf);
	}
	if (e->shipment) {
		snprintf(buf, sizeof buf, "#%llu", (unsigned long long)e->shipment);
		if (text_cols(buf) <= t->w[table_pos(t, E_SHIP) >= 0 ? table_pos(t, E_SHIP) : 0])
			table_cell(cv, y, t, E_SHIP, r, buf);
	}
	if (table_pos(t, E_DETAIL) >= 0) {
		int p = table_pos(t, E_DETAIL);
		char detail[SMUG_EVENT_TEXT_MAX];

		/* (table_fit keeps it off the frame) a long detail keeps its
		 * first part and its last figure's part whole ("inspected,…
		 * bribe taken 60.75"), never "bribes …" */
		tui_event_detail(a, e, detail, sizeof detail);
		canvas_fit_parts(cv, y, t->x[p], t->w[p], r, detail);
	}
}

/* The room an event's detail needs to read as in its full room: its
 * width, at most that. */
static int detail_room_needed(const struct tui_app *a, const struct smug_event *e)
{
	char detail[SMUG_EVENT_TEXT_MAX];
	int n;

	tui_event_detail(a, e, detail, sizeof detail);
	n = text_cols(detail);
	return n < DETAIL_ROOM ? n : DETAIL_ROOM;
}

void tui_event_table(struct tui_app *a, struct tui_table *t, int width, bool one_shipment, int detail_need)
{
	struct tui_col c[E_N];
	int digits = 1, ship = 2, longest = text_cols(cols[E_FACTION].head);

	memcpy(c, cols, sizeof c);
	/* the day column as wide as the days are long, the shipment column
	 * as its numbers ("#1234") */
	for (int d = a->w->day; d >= 10; d /= 10)
		digits++;
	c[E_DAY].width = digits < 3 ? 3 : digits;
	for (uint64_t s = a->w->next_shipment_id; s >= 10; s /= 10)
		ship++;
	if (ship < 8) {
		c[E_SHIP].head = "ship";
		c[E_SHIP].width = ship < 4 ? 4 : ship;
	}
	/* the faction column as wide as the longest id, no wider */
	for (int f = 0; f < a->w->n_factions; f++)
		if (text_cols(a->w->factions[f].id) > longest)
			longest = text_cols(a->w->factions[f].id);
	c[E_FACTION].max = longest;
	/* the border column as wide as the world's short corridor ids ask
	 * ("335.0|336.0"; "09.1…|23.0…" when node ids share a long end), up
	 * to BORDER_MAX columns */
	if (a->border_cols > c[E_BORDER].width)
		c[E_BORDER].width = a->border_cols < BORDER_MAX ? a->border_cols : BORDER_MAX;
	/* a story is one shipment: its faction and commodity head the view */
	if (one_shipment)
		c[E_FACTION].prio = c[E_COM].prio = -1;
	/* the detail its room, before the commodity and the shipment: with
	 * the factions whole and the border, else with the border, else
	 * (a narrow pane) the detail goes first */
	c[E_DETAIL].width = DETAIL_ROOM;
	c[E_DETAIL].prio = 3;
	c[E_COM].prio = c[E_COM].prio < 0 ? -1 : 5;
	c[E_FACTION].flex = false;
	c[E_FACTION].width = longest;
	table_fit(t, c, E_N, width);
	if (table_pos(t, E_BORDER) >= 0 && table_pos(t, E_DETAIL) >= 0)
		return;
	/* the factions whole and the border, the detail the room the rows
	 * shown need of it (they read as in its full room: "cleared", "23->22
	 * after 3 days"), so a faction is cut only for a detail that needs
	 * the columns */
	if (detail_need < DETAIL_ROOM) {
		c[E_DETAIL].width = detail_need < text_cols(cols[E_DETAIL].head) ? text_cols(cols[E_DETAIL].head)
										 : detail_need;
		table_fit(t, c, E_N, width);
		if (table_pos(t, E_BORDER) >= 0 && table_pos(t, E_DETAIL) >= 0)
			return;
	}
	/* the factions cut, in the room the detail leaves: the room the rows
	 * shown need of it, no more */
	c[E_FACTION].flex = true;
	c[E_FACTION].width = cols[E_FACTION].width;
	c[E_DETAIL].flex = false;
	table_fit(t, c, E_N, width);
	if (table_pos(t, E_DETAIL) >= 0 && table_pos(t, E_BORDER) >= 0)
		return;
	/* a narrow pane (80x24): no room for the detail; the border where a
	 * check, a seizure or a crackdown happened before the commodity, so
	 * the log still says where */
	c[E_DETAIL] = cols[E_DETAIL];
	c[E_COM].prio = c[E_COM].prio < 0 ? -1 : cols[E_DETAIL].prio;
	c[E_BORDER].prio = cols[E_COM].prio;
	table_fit(t, c, E_N, width);
}

void pane_events_draw(struct tui_app *a, struct canvas *cv, bool focused)
{
	const struct smug_telemetry *tel = &a->w->tel;
	int n = pane_events_count(a), sel = pane_events_selected(a), y, rows, first, need = 0;
	struct canvas in;
	struct tui_table t;
	char title[320];

	for (int i = 0; i < 256; i++)
		a->hit[PANE_EVENTS][i] = -1;
	canvas_clear(cv);
	if (a->filter[0])
		snprintf(title, sizeof title, "5 Events: %d of %d match '%s'", n, tel->event_count, a->filter);
	else
		snprintf(title, sizeof title, "5 Events: the last %d of %llu", tel->event_count,
			 (unsigned long long)tel->events_total);
	canvas_box(cv, title, focused);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	rows = in.h - 1; /* below the head's one row */
	first = table_scroll(0, sel, rows, n);
	/* the room the details of the rows shown need */
	for (int i = first; i < n && i < first + rows; i++) {
		int64_t seq;
		int k = detail_room_needed(a, pane_events_at(a, i, &seq));

		need = k > need ? k : need;
	}
	tui_event_table(a, &t, in.w, false, need);
	y = table_header(&in, 0, &t, -1, false);
	rows = in.h - y;
	if (n == 0) {
		int days = a->w->day - a->w->start_day;
		char none[96];

		/* why the log is empty: a filter, no day simulated, or days with
		 * nothing in them (no faction sending, smuggling off) */
		if (a->filter[0])
			snprintf(none, sizeof none, "no events match the filter (Esc clears it)");
		else if (days == 0)
			snprintf(none, sizeof none, "no events yet: step a day (.)");
		else
			snprintf(none, sizeof none, "no events in the %d day%s simulated", days, days == 1 ? "" : "s");
		canvas_fit(&in, y, 0, in.w, ROLE_DIM, none, false);
		return;
	}
	first = table_scroll(0, sel, rows, n);
	for (int i = first; i < n && y < in.h; i++, y++) {
		int64_t seq;
		const struct smug_event *e = pane_events_at(a, i, &seq);

		tui_event_row(a, &in, y, &t, e, i == sel ? (focused ? ROLE_SELECT : ROLE_FOCUS) : ROLE_NORMAL);
		if (y + 1 < 256)
			a->hit[PANE_EVENTS][y + 1] = i;
	}
}

void pane_events_click(struct tui_app *a, int y)
{
	int64_t s;

	if (y >= 0 && y < 256 && a->hit[PANE_EVENTS][y] >= 0 && a->hit[PANE_EVENTS][y] < pane_events_count(a)) {
		pane_events_at(a, a->hit[PANE_EVENTS][y], &s);
		a->event_sel = s;
	}
}
