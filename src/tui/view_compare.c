/* Compare view: the base and the what-if branch side by side, on the
 * same day. Per smuggling faction its balance, deliveries, seizures and
 * bribes in each branch and the change; per border (largest change of
 * traffic first) traffic and seizures in each; then the lanes whose route
 * changed, each with its route in both branches and the faction's risk
 * estimates on the edges that differ (its why). Up/Down scroll; Enter
 * keeps the branch shown and drops the other; Esc goes back. Drawing it
 * steps nothing: B ran the one behind first (loop_pair); when the two
 * are on different days (a rewind here) it says so, and B runs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

static void money_cell(char *buf, size_t size, int64_t minor)
{
	fmt_money(buf, size, minor, 11);
}

static void delta_cell(char *buf, size_t size, int64_t d, bool money)
{
	char m[20];

	if (money)
		fmt_money(m, sizeof m, d < 0 ? -d : d, 10);
	else
		fmt_count(m, sizeof m, d < 0 ? -d : d, 7);
	snprintf(buf, size, "%s%s", d < 0 ? "-" : d > 0 ? "+" : " ", m);
}

static enum tui_role delta_role(int64_t d, bool good_up)
{
	if (d == 0)
		return ROLE_DIM;
	return (d > 0) == good_up ? ROLE_GOOD : ROLE_BAD;
}

/* A count in the what-if and its change from the base, in one cell
 * ("127 (+7)", "6 (0)"): the compact form where a column for each
 * branch does not fit. */
static void count_cell(char *buf, size_t size, int64_t base, int64_t whatif)
{
	char d[32];

	delta_cell(d, sizeof d, whatif - base, false);
	snprintf(buf, size, "%lld (%s)", (long long)whatif, d[0] == ' ' ? d + 1 : d);
}

/* A count_cell right-aligned in width columns from x: the count as
 * text, the change in its role. Returns the columns used. */
static int draw_count_cell(struct canvas *cv, int y, int x, int width, int64_t base, int64_t whatif, bool good_up)
{
	char cell[64];
	int n, at;

	count_cell(cell, sizeof cell, base, whatif);
	n = (int)strlen(cell);
	at = x + (width > n ? width - n : 0);
	at += canvas_printf(cv, y, at, ROLE_NORMAL, "%lld ", (long long)whatif);
	canvas_printf(cv, y, at, delta_role(whatif - base, good_up), "%s", strchr(cell, '('));
	return width > n ? width : n;
}

/* One line per faction: balance in each branch and the change, then
 * deliveries and seizures: each branch and the change when the view is
 * wide; else, the first that fits whole, the what-if's count with its
 * change in one cell ("127 (+7)") beside a faction column of 16, then
 * beside one as wide as the longest faction; else the change alone.
 * Returns the rows used. */
static int draw_factions(struct canvas *cv, int y, const struct smug_comparison *c, int skip)
{
	bool wide = cv->w >= 110, compact = false;
	int rows = 0, fw = 16, dw = 6, sw = 6, longest = 7;

	if (!wide) {
		for (int i = 0; i < c->n_factions; i++) {
			const struct smug_cmp_faction *f = &c->factions[i];
			char cell[64];

			count_cell(cell, sizeof cell, f->delivered[0], f->delivered[1]);
			dw = (int)strlen(cell) > dw ? (int)strlen(cell) : dw;
			count_cell(cell, sizeof cell, f->seized[0], f->seized[1]);
			sw = (int)strlen(cell) > sw ? (int)strlen(cell) : sw;
			longest = text_cols(f->id) > longest ? text_cols(f->id) : longest;
		}
		/* faction, three money columns of 11, two spaces and each count */
		if (fw + 3 * 12 + 2 + dw + 2 + sw > cv->w)
			fw = longest < fw ? longest : fw;
		compact = fw + 3 * 12 + 2 + dw + 2 + sw <= cv->w;
		if (!compact)
			fw = 16;
	}
	if (wide)
		canvas_printf(cv, y, 0, ROLE_TITLE, "%-18s %11s %11s %11s  %8s %8s %7s  %8s %8s %7s", "faction",
			      "balance", "what-if", "change", "deliv.", "what-if", "change", "seized", "what-if",
			      "change");
	else if (compact)
		canvas_printf(cv, y, 0, ROLE_TITLE, "%-*s %11s %11s %11s  %*s  %*s", fw, "faction", "balance", "what-if",
			      "change", dw, "deliv.", sw, "seized");
	else
		canvas_printf(cv, y, 0, ROLE_TITLE, "%-16s %11s %11s %11s %7s %7s", "faction", "balance", "what-if",
			      "change", "deliv.", "seized");
	for (int i = skip; i < c->n_factions && y + 1 + rows < cv->h; i++, rows++) {
		const struct smug_cmp_faction *f = &c->factions[i];
		char b0[24], b1[24], db[32], dd[32], ds[32];
		int x, yy = y + 1 + rows;

		money_cell(b0, sizeof b0, f->balance[0]);
		money_cell(b1, sizeof b1, f->balance[1]);
		delta_cell(db, sizeof db, f->balance[1] - f->balance[0], true);
		delta_cell(dd, sizeof dd, f->delivered[1] - f->delivered[0], false);
		delta_cell(ds, sizeof ds, f->seized[1] - f->seized[0], false);
		/* a long id shortened with an ellipsis, never silently cut */
		x = canvas_fit(cv, yy, 0, wide ? 18 : fw, ROLE_NORMAL, f->id, false);
		x += canvas_printf(cv, yy, x, ROLE_NORMAL, " %11s %11s ", b0, b1);
		x += canvas_printf(cv, yy, x, delta_role(f->balance[1] - f->balance[0], true), "%11s", db);
		if (compact) {
			x += 2 + draw_count_cell(cv, yy, x + 2, dw, f->delivered[0], f->delivered[1], true);
			draw_count_cell(cv, yy, x + 2, sw, f->seized[0], f->seized[1], false);
			continue;
		}
		if (wide)
			x += canvas_printf(cv, yy, x, ROLE_NORMAL, "  %8lld %8lld", (long long)f->delivered[0],
					   (long long)f->delivered[1]);
		x += canvas_printf(cv, yy, x, delta_role(f->delivered[1] - f->delivered[0], true), wide ? " %7s" : " %7s",
				   dd);
		if (wide)
			x += canvas_printf(cv, yy, x, ROLE_NORMAL, "  %8lld %8lld", (long long)f->seized[0],
					   (long long)f->seized[1]);
		canvas_printf(cv, yy, x, delta_role(f->seized[1] - f->seized[0], false), " %7s", ds);
	}
	return 1 + rows;
}

/* Borders that differ, largest change of traffic first; narrow, the
 * seizures as the what-if's count with its change ("7 (+7)"). */
/* A border's id in width columns: whole when it fits; else its two
 * nodes' short forms shortened (tui_two_ids_fit: "11.1…|12.1…") when
 * both are this world's nodes, else both ends kept (canvas_fit_route). */
static int border_id(const struct tui_app *a, struct canvas *cv, int y, int width, const char *id)
{
	const char *bar = strchr(id, '|');
	char x[SMUG_ID_MAX * 2], buf[SMUG_ID_MAX * 8];
	int p = a->node_prefix;

	if (text_cols(id) > width && bar && a->w->n_nodes && strncmp(id, a->w->nodes[0].id, (size_t)p) == 0 &&
	    strncmp(bar + 1, a->w->nodes[0].id, (size_t)p) == 0) {
		snprintf(x, sizeof x, "%.*s", (int)(bar - id) - p, id + p);
		if (tui_two_ids_fit(a, x, "|", bar + 1 + p, a->node_suffix, width, buf, sizeof buf))
			return canvas_fit(cv, y, 0, width, ROLE_NORMAL, buf, false);
	}
	return canvas_fit_route(cv, y, 0, width, ROLE_NORMAL, id, "|");
}

static int draw_borders(const struct tui_app *a, struct canvas *cv, int y, const struct smug_comparison *c,
			int max_rows)
{
	bool wide = cv->w >= 110;
	int rows = 0, sw = 6;

	if (c->n_borders == 0) { /* no table of nothing: as the routes say it */
		canvas_printf(cv, y, 0, ROLE_TITLE, "borders that changed: 0");
		return 1;
	}
	for (int i = 0; !wide && i < c->n_borders && i < max_rows; i++) {
		char cell[64];

		count_cell(cell, sizeof cell, c->borders[i].seizures[0], c->borders[i].seizures[1]);
		sw = (int)strlen(cell) > sw ? (int)strlen(cell) : sw;
	}
	if (wide)
		canvas_printf(cv, y, 0, ROLE_TITLE, "%-24s %8s %8s %7s  %7s %7s %6s  %s", "border (largest change)",
			      "traffic", "what-if", "change", "seized", "what-if", "change", "crackdown");
	else
		canvas_printf(cv, y, 0, ROLE_TITLE, "%-24s %8s %8s %7s  %*s  %s", "border", "traffic", "what-if",
			      "change", sw, "seized", "crackdown");
	for (int i = 0; i < c->n_borders && rows < max_rows && y + 1 + rows < cv->h; i++, rows++) {
		const struct smug_cmp_border *b = &c->borders[i];
		char dt[32], ds[32];
		int x, yy = y + 1 + rows;

		delta_cell(dt, sizeof dt, b->traffic[1] - b->traffic[0], false);
		delta_cell(ds, sizeof ds, b->seizures[1] - b->seizures[0], false);
		x = border_id(a, cv, yy, 24, b->id);
		x += canvas_printf(cv, yy, x, ROLE_NORMAL, " %8lld %8lld ", (long long)b->traffic[0],
				   (long long)b->traffic[1]);
		x += canvas_printf(cv, yy, x, delta_role(b->traffic[1] - b->traffic[0], true), "%7s", dt);
		if (wide) {
			x += canvas_printf(cv, yy, x, ROLE_NORMAL, "  %7lld %7lld", (long long)b->seizures[0],
					   (long long)b->seizures[1]);
			x += canvas_printf(cv, yy, x, delta_role(b->seizures[1] - b->seizures[0], false), " %6s", ds);
		} else {
			x += 2 + draw_count_cell(cv, yy, x + 2, sw, b->seizures[0], b->seizures[1], false);
		}
		canvas_printf(cv, yy, x, b->crackdown[1] ? ROLE_CRACKDOWN : ROLE_DIM, "  %s / %s",
			      b->crackdown[0] ? "on" : "off", b->crackdown[1] ? "on" : "off");
	}
	return 1 + rows;
}

/* Per lane whose route changed: the lane, then in each branch its
 * route, and on a row of its own its why (whole edges, never a
 * risk_est without its figures); the last lane shown keeps its routes
 * and leaves out a why the rows left do not hold. */
static int draw_routes(struct canvas *cv, int y, const struct smug_comparison *c)
{
	int rows = 0;

	canvas_printf(cv, y, 0, ROLE_TITLE, "routes that changed: %d%s", c->routes_total,
		      c->routes_total > c->n_routes ? " (the first shown)" : "");
	for (int i = 0; i < c->n_routes; i++) {
		const struct smug_cmp_route *r = &c->routes[i];
		char line[sizeof r->route[0] + sizeof r->why[0] + 32];

		if (y + 1 + rows + 3 > cv->h)
			break;
		canvas_printf(cv, y + 1 + rows++, 0, ROLE_NORMAL, "%s %s %s -> %s", r->faction,
			      smug_commodity_name(r->commodity), r->src, r->dst);
		for (int s = 0; s < 2; s++) {
			enum tui_role role = s ? ROLE_WARN : ROLE_DIM;

			snprintf(line, sizeof line, "  %-8s %s", s ? "what-if" : "base",
				 r->route[s][0] ? r->route[s] : "(not used)");
			/* a long route keeps its first node and its destination */
			canvas_fit_route(cv, y + 1 + rows++, 0, cv->w, role, line, ">");
			/* the why's row, and below it the what-if's route */
			if (r->why[s][0] && y + 1 + rows + 1 + (s == 0) <= cv->h) {
				snprintf(line, sizeof line, "           why: %s", r->why[s]);
				canvas_fit_parts(cv, y + 1 + rows++, 0, cv->w, role, line);
			}
		}
	}
	return 1 + rows;
}

/* The view's title in at most room columns, the longest form that fits
 * (Esc back is in the footer; Enter keeping the branch shown is not):
 * "What-if against base, day 23, branched on day 20: identical (Enter
 * keeps the what-if, Esc back)" down to "What-if vs base, day 23 from day
 * 20: identical; Enter keeps the what-if", which holds 80 columns up to
 * day 9999. */
static void compare_title(char *buf, size_t size, int room, int day, int fork, bool identical, const char *kept)
{
	const char *same = identical ? ": identical" : "";

	for (int form = 0; form < 4; form++) {
		switch (form) {
		case 0:
			snprintf(buf, size, "What-if against base, day %d, branched on day %d%s (Enter keeps the %s, Esc back)",
				 day, fork, same, kept);
			break;
		case 1:
			snprintf(buf, size, "What-if against base, day %d, branched on day %d%s (Enter keeps the %s)", day,
				 fork, same, kept);
			break;
		case 2:
			snprintf(buf, size, "What-if vs base, day %d, branched on day %d%s (Enter keeps the %s)", day, fork,
				 same, kept);
			break;
		default:
			snprintf(buf, size, "What-if vs base, day %d from day %d%s; Enter keeps the %s", day, fork, same,
				 kept);
			break;
		}
		if (text_cols(buf) <= room)
			return;
	}
}

void view_compare_draw(struct tui_app *a, struct canvas *cv)
{
	const struct smug_world *base, *whatif;
	struct smug_comparison *c;
	struct canvas in;
	char title[160];
	int y = 0, border_rows;

	canvas_clear(cv);
	if (!loop_has_branch(a)) {
		canvas_box(cv, "Compare (Esc to close)", true);
		canvas_text(cv, 2, 2, ROLE_DIM, "No what-if branch: press b to fork one from this day, change something,");
		canvas_text(cv, 3, 2, ROLE_DIM, "step, then B compares the two.");
		return;
	}
	loop_worlds(a, &base, &whatif); /* B ran the one behind (Esc could stop it); a draw steps nothing */
	if (base->day != whatif->day) {
		bool base_behind = base->day < whatif->day;

		canvas_box(cv, "Compare (Esc to close)", true);
		canvas_printf(cv, 2, 2, ROLE_DIM, "The base is at day %d, the what-if at day %d: they compare on one day.",
			      base->day, whatif->day);
		canvas_printf(cv, 3, 2, ROLE_DIM, "B runs the %s to day %d first (Esc stops it).",
			      base_behind ? "base" : "what-if", base_behind ? whatif->day : base->day);
		return;
	}
	c = tui_xcalloc(1, sizeof *c);
	smug_compare(base, whatif, c);
	compare_title(title, sizeof title, cv->w - 5, c->day[0], a->loop.fork_day, c->digest[0] == c->digest[1],
		      a->loop.whatif_active ? "what-if" : "base");
	canvas_box(cv, title, true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	if (a->compare_scroll > c->n_factions)
		a->compare_scroll = c->n_factions;
	y += draw_factions(&in, y, c, a->compare_scroll) + 1;
	border_rows = (in.h - y) / 2 - 1;
	y += draw_borders(a, &in, y, c, border_rows > 3 ? border_rows : 3) + 1;
	if (y < in.h)
		draw_routes(&in, y, c);
	smug_comparison_done(c);
	free(c);
}

bool view_compare_key(struct tui_app *a, int action, int key)
{
	(void)key;
	if (action == ACT_ENTER) {
		loop_keep(a);
		view_close(a);
		return true;
	}
	return view_scroll_key(&a->compare_scroll, action);
}
