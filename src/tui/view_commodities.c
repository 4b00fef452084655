/* Commodities view: what each faction actually moves. Per faction and
 * commodity, shipments and cargo value sent, in transit now, delivered,
 * seized and lost over today, the last 30 days or all time (t), with an
 * ncdu-style bar: its length is the cargo value sent against the largest
 * row, its fill the share delivered, seized and lost. Rows are grouped
 * by faction; within a faction they sort by any column (< > I). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

enum { K_NAME, K_PREF, K_SENT, K_SENTV, K_TRN, K_TRNV, K_DEL, K_DELV, K_SEIZ, K_SEIZV, K_LOST, K_LOSTV,
       K_BAR, K_N };

static const struct tui_col cols[K_N] = {
	[K_NAME] = {"commodity", NULL, 12, 0, false, true, 0, NULL},
	[K_PREF] = {"pref", NULL, 4, 11, true, false, 0, NULL},
	[K_SENT] = {"n", "sent", 4, 1, true, false, 0, NULL},
	[K_SENTV] = {"value", "sent", 9, 5, true, false, 0, NULL},
	[K_TRN] = {"n", "transit", 7, 4, true, false, 0, NULL},
	[K_TRNV] = {"value", "transit", 9, 9, true, false, 0, NULL},
	[K_DEL] = {"n", "delivered", 4, 2, true, false, 0, NULL},
	[K_DELV] = {"value", "delivered", 9, 6, true, false, 0, NULL},
	[K_SEIZ] = {"n", "seized", 4, 2, true, false, 0, NULL},
	[K_SEIZV] = {"value", "seized", 9, 7, true, false, 0, NULL},
	[K_LOST] = {"n", "lost", 4, 3, true, false, 0, NULL},
	[K_LOSTV] = {"value", "lost", 9, 10, true, false, 0, NULL},
	[K_BAR] = {"sent/largest", NULL, 12, 8, false, true, 0, NULL},
};

#define NAME_MAX_COLS 20 /* a longer name shortens rather than push out numbers */

struct row {
	int faction, commodity; /* commodity -1: the faction's own line */
	struct smug_flow f;
	int64_t transit_n, transit_v;
	double pref;
};

static int flow_days(enum tui_window win)
{
	return win == WIN_TODAY ? 1 : win == WIN_RECENT ? SMUG_FLOW_DAYS : 0;
}

static int64_t sort_value(const struct row *r, int col)
{
	switch (col) {
	case K_PREF: return (int64_t)(r->pref * 1000);
	case K_SENT: return r->f.n[SMUG_FLOW_SENT];
	case K_TRN: return r->transit_n;
	case K_TRNV: return r->transit_v;
	case K_DEL: return r->f.n[SMUG_FLOW_DELIVERED];
	case K_DELV: return r->f.value[SMUG_FLOW_DELIVERED];
	case K_SEIZ: return r->f.n[SMUG_FLOW_SEIZED];
	case K_SEIZV: return r->f.value[SMUG_FLOW_SEIZED];
	case K_LOST: return r->f.n[SMUG_FLOW_LOST];
	case K_LOSTV: return r->f.value[SMUG_FLOW_LOST];
	default: return r->f.value[SMUG_FLOW_SENT];
	}
}

/* The rows in view order: per faction its line, then its commodities
 * (any with a preference or with shipments ever), sorted. */
static int build_rows(struct tui_app *a, struct row *rows, int max, int sort, bool desc)
{
	const struct smug_world *w = a->w;
	int fac[SMUG_FACTIONS_MAX], nf = tui_network_factions(w, fac, SMUG_FACTIONS_MAX), n = 0;

	for (int i = 0; i < nf && n < max; i++) {
		int f = fac[i], first;
		struct row *head = &rows[n++];

		memset(head, 0, sizeof *head);
		head->faction = f;
		head->commodity = -1;
		first = n;
		for (int c = 0; c < SMUG_COMMODITY_COUNT && n < max; c++) {
			struct row r = {f, c, {{0}, {0}}, w->tel.factions[f].transit_n[c],
					w->tel.factions[f].transit_value[c], w->factions[f].net.commodity_prefs[c]};

			smug_flow_sum(w, f, c, flow_days(a->flow_window), &r.f);
			if (r.pref <= 0 && w->tel.factions[f].total[c].n[SMUG_FLOW_SENT] == 0)
				continue;
			for (int k = 0; k < SMUG_FLOW_KINDS; k++) {
				head->f.n[k] += r.f.n[k];
				head->f.value[k] += r.f.value[k];
			}
			head->transit_n += r.transit_n;
			head->transit_v += r.transit_v;
			rows[n++] = r;
		}
		for (int x = first + 1; x < n; x++) { /* insertion sort, by commodity last */
			struct row v = rows[x];
			int y = x;

			while (y > first) {
				int64_t p = sort_value(&rows[y - 1], sort), q = sort_value(&v, sort);

				if (desc ? p >= q : p <= q)
					break;
				rows[y] = rows[y - 1];
				y--;
			}
			rows[y] = v;
		}
	}
	return n;
}

static void bar(struct canvas *cv, int y, int x, int width, const struct row *r, int64_t max)
{
	const struct tui_glyphs *g = cv->th->g;
	int64_t sent = r->f.value[SMUG_FLOW_SENT];
	int len = max > 0 ? (int)((double)sent / (double)max * (width - 7) + 0.5) : 0, at = 0;
	int64_t parts[3] = {r->f.value[SMUG_FLOW_DELIVERED], r->f.value[SMUG_FLOW_SEIZED], r->f.value[SMUG_FLOW_LOST]};
	const char *glyph[3] = {g->bar_full, g->heat[2], g->bar_empty};
	enum tui_role role[3] = {ROLE_GOOD, ROLE_BAD, ROLE_WARN};
	char pct[16];

	if (width < 8)
		return;
	if (sent > 0 && len == 0)
		len = 1;
	for (int k = 0; k < 3 && sent > 0; k++) {
		int n = (int)((double)parts[k] / (double)sent * len + 0.5);

		for (int i = 0; i < n && at < len; i++)
			canvas_text(cv, y, x + at++, role[k], glyph[k]);
	}
	for (; at < len; at++)
		canvas_text(cv, y, x + at, ROLE_DIM, g->shipment); /* not resolved yet */
	snprintf(pct, sizeof pct, "%5.1f%%", max > 0 ? 100.0 * (double)sent / (double)max : 0.0);
	canvas_text(cv, y, x + width - 6, ROLE_DIM, pct);
}

void view_commodities_draw(struct tui_app *a, struct canvas *cv)
{
	static const char *const win_names[] = {"today", "the last 30 days", "all time"};
	struct row rows[SMUG_FACTIONS_MAX * (SMUG_COMMODITY_COUNT + 1)];
	int sort = a->commodity_sort >= K_PREF && a->commodity_sort < K_BAR ? a->commodity_sort : K_SENTV;
	int n = build_rows(a, rows, (int)(sizeof rows / sizeof rows[0]), sort, a->commodity_desc), y, top;
	int64_t max = 0;
	struct canvas in;
	struct tui_table t;
	struct tui_col fit[K_N];
	char title[160];

	/* the name column as wide as its longest name (up to NAME_MAX_COLS):
	 * a column of low priority goes before a name is cut */
	memcpy(fit, cols, sizeof fit);
	for (int i = 0; i < n; i++) {
		const char *name = rows[i].commodity < 0 ? a->w->factions[rows[i].faction].id
							 : tui_commodity_name(rows[i].commodity);
		int need = text_cols(name) + (rows[i].commodity < 0 ? 0 : 2);

		if (need > fit[K_NAME].width)
			fit[K_NAME].width = need < NAME_MAX_COLS ? need : NAME_MAX_COLS;
	}
	canvas_clear(cv);
	snprintf(title, sizeof title, "Commodities: what each faction moves, %s", win_names[a->flow_window]);
	canvas_box(cv, title, true);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	table_fit(&t, fit, K_N, in.w);
	y = table_header(&in, 0, &t, sort, a->commodity_desc);
	for (int i = 0; i < n; i++)
		if (rows[i].commodity >= 0 && rows[i].f.value[SMUG_FLOW_SENT] > max)
			max = rows[i].f.value[SMUG_FLOW_SENT];
	if (a->commodity_sel >= n)
		a->commodity_sel = n - 1;
	if (a->commodity_sel < 0)
		a->commodity_sel = 0;
	top = a->commodity_sel - (in.h - y - 1) + 1;
	if (top < 0)
		top = 0;
	for (int i = top; i < n && y < in.h - 1; i++, y++) {
		const struct row *r = &rows[i];
		bool head = r->commodity < 0;
		enum tui_role role = i == a->commodity_sel ? ROLE_SELECT : head ? ROLE_TITLE : ROLE_NORMAL;
		const int64_t nums[] = {[K_SENT] = r->f.n[SMUG_FLOW_SENT], [K_TRN] = r->transit_n,
					[K_DEL] = r->f.n[SMUG_FLOW_DELIVERED], [K_SEIZ] = r->f.n[SMUG_FLOW_SEIZED],
					[K_LOST] = r->f.n[SMUG_FLOW_LOST]};
		const int64_t vals[] = {[K_SENTV] = r->f.value[SMUG_FLOW_SENT], [K_TRNV] = r->transit_v,
					[K_DELV] = r->f.value[SMUG_FLOW_DELIVERED],
					[K_SEIZV] = r->f.value[SMUG_FLOW_SEIZED], [K_LOSTV] = r->f.value[SMUG_FLOW_LOST]};
		char buf[48];

		canvas_fill_row(&in, y, 0, role);
		if (head) {
			char name[96];

			snprintf(name, sizeof name, "%s", a->w->factions[r->faction].id);
			table_cell(&in, y, &t, K_NAME, role, name);
		} else {
			char name[64];

			snprintf(name, sizeof name, "  %s", tui_commodity_name(r->commodity));
			table_cell(&in, y, &t, K_NAME, role, name);
			snprintf(buf, sizeof buf, "%.1f", r->pref);
			table_cell(&in, y, &t, K_PREF, role, buf);
		}
		for (int c = K_SENT; c <= K_LOSTV; c++) {
			bool money = c == K_SENTV || c == K_TRNV || c == K_DELV || c == K_SEIZV || c == K_LOSTV;

			if (money)
				fmt_money(buf, sizeof buf, vals[c], cols[c].width);
			else
				fmt_count(buf, sizeof buf, nums[c], cols[c].width);
			table_cell(&in, y, &t, c, role == ROLE_NORMAL && (c == K_SEIZ || c == K_SEIZV) && nums[K_SEIZ]
						       ? ROLE_BAD : role, buf);
		}
		if (!head && table_pos(&t, K_BAR) >= 0) {
			int p = table_pos(&t, K_BAR);

			bar(&in, y, t.x[p], t.w[p], r, max);
		}
	}
	if (y < in.h && table_pos(&t, K_BAR) >= 0) {
		const struct tui_glyphs *g = cv->th->g;
		char legend[200];

		snprintf(legend, sizeof legend, "bar: cargo value sent against the largest row; %s delivered  %s seized  %s lost  %s not resolved yet",
			 g->bar_full, g->heat[2], g->bar_empty, g->shipment);
		canvas_fit(&in, in.h - 1, 0, in.w, ROLE_DIM, legend, false);
	}
}

bool view_commodities_key(struct tui_app *a, int action, int key)
{
	(void)key;
	switch (action) {
	case ACT_UP: a->commodity_sel--; return true;
	case ACT_DOWN: a->commodity_sel++; return true;
	case ACT_PGUP: a->commodity_sel -= 10; return true;
	case ACT_PGDN: a->commodity_sel += 10; return true;
	case ACT_HOME: a->commodity_sel = 0; return true;
	case ACT_END: a->commodity_sel = 1 << 20; return true;
	case ACT_WINDOW: a->flow_window = (enum tui_window)((a->flow_window + 1) % WIN_COUNT); return true;
	case ACT_SORT_PREV:
	case ACT_SORT_NEXT:
	case ACT_LEFT:
	case ACT_RIGHT: {
		int s = a->commodity_sort >= K_PREF && a->commodity_sort < K_BAR ? a->commodity_sort : K_SENTV;

		s += action == ACT_SORT_PREV || action == ACT_LEFT ? -1 : 1;
		a->commodity_sort = s < K_PREF ? K_LOSTV : s > K_LOSTV ? K_PREF : s;
		return true;
	}
	case ACT_SORT_INVERT: a->commodity_desc = !a->commodity_desc; return true;
	default: return false;
	}
}
