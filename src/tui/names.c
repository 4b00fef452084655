/* Short forms of what the cockpit names and counts: ids without the
 * prefix all of their kind share ("22.1|23.1" for "n:22.1|n:23.1"; the
 * full id goes in a detail line), short commodity names, and a border's
 * counters over the tables' time windows with their trend. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

static bool alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes of the common prefix of n ids (stride apart), cut back to just
 * after its last non-alphanumeric character, so "n:01.0" and "n:36.1"
 * share "n:" and "ward:001"... share "ward:". */
static int common_prefix(const char *first, size_t stride, int n)
{
	int len = (int)strlen(first), cut = 0;

	for (int i = 1; i < n && len > 0; i++) {
		const char *s = first + (size_t)i * stride;
		int k = 0;

		while (k < len && s[k] == first[k])
			k++;
		len = k;
	}
	for (int k = 0; k < len; k++)
		if (!alnum(first[k]))
			cut = k + 1;
	return n > 1 ? cut : 0;
}

/* Bytes of the common suffix of n ids (stride apart), cut forward to
 * start at its first non-alphanumeric character, so "n:01.0-gate" and
 * "n:36.1-gate" share "-gate"; none when an id would be left empty. */
static int common_suffix(const char *first, size_t stride, int n)
{
	int len = (int)strlen(first), k = 0;

	for (int i = 1; i < n && len > 0; i++) {
		const char *s = first + (size_t)i * stride;
		int sl = (int)strlen(s), fl = (int)strlen(first), m = 0;

		while (m < len && m < sl && s[sl - 1 - m] == first[fl - 1 - m])
			m++;
		if (m == sl)
			return 0; /* an id that is all suffix */
		len = m;
	}
	if (n < 2 || len == (int)strlen(first))
		return 0;
	while (k < len && alnum(first[strlen(first) - (size_t)(len - k)]))
		k++;
	return len - k;
}

/* The columns id takes without the `suffix` bytes every id of its kind
 * ends in, an ellipsis in their place (when there are any). */
static int cut_id_cols(const char *id, int suffix)
{
	int core = tui_id_core(id, suffix);
	char c[SMUG_ID_MAX];

	snprintf(c, sizeof c, "%.*s", core, id);
	return text_cols(c) + (core < (int)strlen(id));
}

void tui_names_init(struct tui_app *a)
{
	const struct smug_world *w = a->w;

	a->node_prefix = w->n_nodes ? common_prefix(w->nodes[0].id, sizeof w->nodes[0], w->n_nodes) : 0;
	a->node_suffix = w->n_nodes ? common_suffix(w->nodes[0].id, sizeof w->nodes[0], w->n_nodes) : 0;
	a->ward_prefix = w->n_wards ? common_prefix(w->wards[0].id, sizeof w->wards[0], w->n_wards) : 0;
	a->ward_suffix = w->n_wards ? common_suffix(w->wards[0].id, sizeof w->wards[0], w->n_wards) : 0;
	/* the widest short ward id, as shortened where it must be: without
	 * the end every ward id shares, an ellipsis in its place */
	a->ward_cols = 1; /* "-": no ward */
	for (int i = 0; i < w->n_wards; i++) {
		int n = cut_id_cols(w->wards[i].id + a->ward_prefix, a->ward_suffix);

		a->ward_cols = n > a->ward_cols ? n : a->ward_cols;
	}
	/* the widest short corridor id, its nodes shortened the same way
	 * ("09.1…|23.0…" for n:09.1-checkpoint|n:23.0-checkpoint) */
	a->border_cols = 0;
	for (int i = 0; i < w->n_corridors; i++) {
		const struct smug_corridor *k = &w->corridors[i];
		int n = cut_id_cols(w->nodes[k->a].id + a->node_prefix, a->node_suffix) + 1 + /* the '|' */
			cut_id_cols(w->nodes[k->b].id + a->node_prefix, a->node_suffix);

		a->border_cols = n > a->border_cols ? n : a->border_cols;
	}
}

void tui_short_corridor(const struct tui_app *a, int corridor, char *buf, size_t size)
{
	const struct smug_world *w = a->w;
	const struct smug_corridor *k = &w->corridors[corridor];

	snprintf(buf, size, "%s|%s", w->nodes[k->a].id + a->node_prefix, w->nodes[k->b].id + a->node_prefix);
}

void tui_short_corridor_fit(const struct tui_app *a, int corridor, int cols, char *buf, size_t size)
{
	const struct smug_world *w = a->w;
	const struct smug_corridor *k = &w->corridors[corridor];

	if (!tui_two_ids_fit(a, w->nodes[k->a].id + a->node_prefix, "|", w->nodes[k->b].id + a->node_prefix,
			     a->node_suffix, cols, buf, size))
		tui_short_corridor(a, corridor, buf, size);
}

int tui_id_core(const char *id, int suffix)
{
	int n = (int)strlen(id) - suffix;

	return n > 0 ? n : (int)strlen(id);
}

/* id in at most cols columns: whole when it fits; else without the
 * `suffix` bytes every id of its kind ends with ("33.0…" for
 * "33.0-checkpoint") when that fits; else cut in its middle (start and
 * end kept). */
static void id_cut(const struct tui_app *a, const char *id, int suffix, int cols, char *buf, size_t size)
{
	const char *mark = a->th.g->ellipsis;
	int core = tui_id_core(id, suffix);
	char c[SMUG_ID_MAX];

	if (text_cols(id) <= cols) {
		snprintf(buf, size, "%s", id);
		return;
	}
	if (core < (int)strlen(id)) {
		snprintf(c, sizeof c, "%.*s", core, id);
		if (text_cols(c) + text_cols(mark) <= cols) {
			snprintf(buf, size, "%s%s", c, mark);
			return;
		}
	}
	text_cut_middle(id, cols, mark, buf, size);
}

bool tui_two_ids_fit(const struct tui_app *a, const char *x, const char *sep, const char *y, int suffix, int cols,
		     char *buf, size_t size)
{
	int room = cols - text_cols(sep), cx = text_cols(x), cy = text_cols(y), kx = room - room / 2, ky = room / 2;
	char bx[4 * SMUG_ID_MAX], by[4 * SMUG_ID_MAX];

	if (cx + cy <= room) {
		snprintf(buf, size, "%s%s%s", x, sep, y);
		return true;
	}
	if (room < 6)
		return false;
	if (cx < kx)
		kx = cx, ky = room - cx;
	else if (cy < ky)
		ky = cy, kx = room - cy;
	id_cut(a, x, suffix, kx, bx, sizeof bx);
	id_cut(a, y, suffix, ky, by, sizeof by);
	snprintf(buf, size, "%s%s%s", bx, sep, by);
	return true;
}

const char *tui_short_ward(const struct tui_app *a, int ward)
{
	return a->w->wards[ward].id + a->ward_prefix;
}

const char *tui_commodity_short(int c)
{
	static const char *const names[] = {"suit mods", "narcotics", "weapons", "stolen", "supplies"};

	return c >= 0 && c < SMUG_COMMODITY_COUNT ? names[c] : "-";
}

const char *tui_commodity_name(int c)
{
	static const char *const names[] = {"suit mods", "narcotics", "weapon parts", "stolen goods",
					    "raider supplies"};

	return c >= 0 && c < SMUG_COMMODITY_COUNT ? names[c] : "-";
}

void tui_border_window(const struct smug_world *w, int corridor, enum tui_window win,
		       struct smug_border_day *out)
{
	if (win == WIN_ALL) {
		const struct smug_border_stats *b = &w->border_stats[corridor];

		memset(out, 0, sizeof *out);
		out->day = w->day;
		out->traffic = (int)b->traffic;
		out->checks = (int)b->checks;
		out->inspections = (int)b->inspections;
		out->seizures = (int)b->seizures;
		out->bribes = b->bribes;
		out->tariffs = b->tariffs;
		return;
	}
	smug_border_window_sum(w, corridor, win == WIN_TODAY ? w->day : w->day - SMUG_BORDER_WINDOW_DAYS + 1,
			       w->day, out);
}

int tui_border_trend(const struct smug_world *w, int corridor)
{
	struct smug_border_day recent, before;
	double r, b;

	/* the last 3 days against the 4 before them, per day */
	smug_border_window_sum(w, corridor, w->day - 2, w->day, &recent);
	smug_border_window_sum(w, corridor, w->day - SMUG_BORDER_WINDOW_DAYS + 1, w->day - 3, &before);
	if (recent.traffic == 0 && before.traffic == 0)
		return 2;
	r = recent.traffic / 3.0;
	b = before.traffic / 4.0;
	if (r > 1.25 * b + 0.2)
		return 1;
	if (r < 0.8 * b - 0.2)
		return -1;
	return 0;
}
