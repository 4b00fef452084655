/* Tables whose columns are chosen by priority for the width at hand:
 * when the columns do not fit, the one with the largest priority goes
 * first, so a narrow pane shows fewer columns, never cut ones. Name
 * columns (flex) take the spare width and shorten with an ellipsis. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

#define FLEX_CAP 28 /* a flex column that is not the last grows to at most this */

void table_fit(struct tui_table *t, const struct tui_col *cols, int n, int width)
{
	bool on[48];
	int total = 0, spare, n_flex = 0, last;

	if (n > 48)
		n = 48;
	width--; /* a space at the right: no number ever touches the frame */
	memset(t, 0, sizeof *t);
	memcpy(t->cols, cols, (size_t)n * sizeof *cols);
	t->n = n;
	for (int c = 0; c < n; c++) {
		on[c] = cols[c].prio >= 0; /* below 0: not shown at all */
		total += on[c] ? cols[c].width + 1 : 0; /* and a space between columns */
	}
	total--;
	while (total > width) {
		int drop = -1;

		for (int c = 0; c < n; c++)
			if (on[c] && cols[c].prio > 0 && (drop < 0 || cols[c].prio >= cols[drop].prio))
				drop = c;
		if (drop < 0)
			break;
		on[drop] = false;
		total -= cols[drop].width + 1;
	}
	for (int c = 0; c < n; c++) {
		if (!on[c])
			continue;
		t->vis[t->n_vis] = c;
		t->w[t->n_vis] = cols[c].width;
		t->groups |= cols[c].group != NULL;
		n_flex += cols[c].flex;
		t->n_vis++;
	}
	last = t->n_vis - 1; /* the last column shown takes what is left */
	spare = width - total;
	for (int i = 0; i < t->n_vis && spare > 0 && n_flex > 0; i++) {
		int c = t->vis[i], give, cap = cols[c].max > 0 ? cols[c].max : FLEX_CAP;

		if (!cols[c].flex)
			continue;
		give = spare / n_flex;
		if (i != last && t->w[i] + give > cap)
			give = cap > t->w[i] ? cap - t->w[i] : 0;
		if (i == last)
			give = spare;
		t->w[i] += give;
		spare -= give;
		n_flex--;
	}
	/* what no flex column took spreads over the numbers */
	for (int i = 0, nums = 0; i < t->n_vis && spare > 0; i++) {
		if (i == 0)
			for (int j = 0; j < t->n_vis; j++)
				nums += cols[t->vis[j]].right;
		if (cols[t->vis[i]].right) { /* so nums >= 1 */
			int give = spare / nums;

			if (give > 2)
				give = 2; /* a little air, not a stretched table */
			t->w[i] += give;
		}
	}
	for (int i = 0, x = 0; i < t->n_vis; i++) {
		t->x[i] = x;
		x += t->w[i] + 1;
	}
}

int table_pos(const struct tui_table *t, int c)
{
	for (int i = 0; i < t->n_vis; i++)
		if (t->vis[i] == c)
			return i;
	return -1;
}

int table_header(struct canvas *cv, int y, const struct tui_table *t, int sort, bool desc)
{
	int rows = 0;

	if (t->groups) {
		for (int i = 0; i < t->n_vis;) {
			const char *g = t->cols[t->vis[i]].group;
			int j = i + 1, x0 = t->x[i], x1;

			while (j < t->n_vis && g && t->cols[t->vis[j]].group &&
			       strcmp(t->cols[t->vis[j]].group, g) == 0)
				j++;
			x1 = t->x[j - 1] + t->w[j - 1];
			if (g) {
				int span = x1 - x0, n = text_cols(g), at = x0 + (span - n) / 2;

				if (n > span)
					canvas_fit(cv, y, x0, span, ROLE_TITLE, g, false);
				else
					canvas_text(cv, y, at, ROLE_TITLE, g);
			}
			i = j;
		}
		rows++;
	}
	for (int i = 0; i < t->n_vis; i++) {
		const struct tui_col *c = &t->cols[t->vis[i]];
		char head[64];
		bool sorted = t->vis[i] == sort;
		/* a sorted head keeps its mark: a name too long for the
		 * column beside it gives up its last letters ("tr" of a
		 * two-column trend reads "t▾", never "t…") */
		/* ... unless it has a shorter head that fits ("▾day" for
		 * "today" in five columns) */
		const char *text = sorted && c->abbr && text_cols(c->head) + 1 > t->w[i] &&
					   text_cols(c->abbr) + 1 <= t->w[i] ? c->abbr : c->head;
		int name = sorted && text_cols(text) + 1 > t->w[i] ? t->w[i] - 1 : (int)strlen(text);

		if (name < 0)
			name = 0;
		if (sorted && c->right)
			snprintf(head, sizeof head, "%s%.*s", desc ? cv->th->g->sort_down : cv->th->g->sort_up, name, text);
		else if (sorted)
			snprintf(head, sizeof head, "%.*s%s", name, text, desc ? cv->th->g->sort_down : cv->th->g->sort_up);
		else
			snprintf(head, sizeof head, "%s", c->head);
		canvas_fit(cv, y + rows, t->x[i], t->w[i], sorted ? ROLE_FOCUS : ROLE_DIM, head, c->right);
	}
	return rows + 1;
}

void table_cell(struct canvas *cv, int y, const struct tui_table *t, int c, enum tui_role r,
		const char *text)
{
	int i = table_pos(t, c);

	if (i >= 0)
		canvas_fit(cv, y, t->x[i], t->w[i], r, text, t->cols[c].right);
}

int table_scroll(int top, int sel, int rows, int n)
{
	if (top > sel)
		top = sel;
	if (sel >= top + rows)
		top = sel - rows + 1;
	if (top > n - rows)
		top = n - rows;
	return top > 0 ? top : 0;
}
