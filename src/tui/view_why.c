/* The why view leads with the decision: why this lane (the demand and
 * source scores with their driver terms), the winner and the runner-up
 * side by side (score and its terms, route), the edges where they
 * differ, the margin as a number and as a bar (cargo value against the
 * winner's expected loss plus cost, the runner-up marked), what would
 * flip it, and a one-line legend of the terms. Below, every candidate on
 * one line, expanded with Enter to its per-edge terms; PgUp/PgDn,
 * Home/End, w jumps to the winner. x shows the what-if: the same
 * decision as the faction would plan it once it met a crackdown on the
 * border that flips it, worked out on a copy of the world (nothing
 * steps, nothing changes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

const struct smug_explanation *view_why_explanation(struct tui_app *a, int *decision)
{
	int di = pane_routes_decision(a);

	*decision = di;
	if (di < 0)
		return NULL;
	if (a->why_x == NULL) {
		a->why_x = tui_xmalloc(sizeof *a->why_x);
		a->why_x_for = -1;
	}
	if (a->why_x_for != di || a->why_x_day != a->w->day) {
		if (smug_explain_decision(a->w, di, a->why_x) != SMUG_OK)
			return NULL;
		a->why_x_for = di;
		a->why_x_day = a->w->day;
		a->whatif = false;
	}
	return a->why_x;
}

/* A route with short node ids, shortened in the middle (at a node,
 * never inside one) to fit width; when the ids do not fit whole and all
 * end alike, each without that end ("24.0…>10.1…"), so routes that
 * differ in their middle nodes still read apart; when not even its
 * first and last nodes fit around the ellipsis, those two cut in their
 * middles. */
static void short_route(const struct tui_app *a, const int *nodes, int n, int width, char *buf, size_t size)
{
	const struct smug_world *w = a->w;
	const char *ell = a->th.g->ellipsis;
	char lab[SMUG_ROUTE_MAX_NODES][SMUG_ID_MAX + 8];
	size_t at = 0;
	int keep_head, total = 0;
	char sep[16];

	if (n > SMUG_ROUTE_MAX_NODES)
		n = SMUG_ROUTE_MAX_NODES;
	keep_head = n;
	for (int pass = 0; pass < 2; pass++) {
		total = 0;
		for (int i = 0; i < n; i++) {
			const char *id = w->nodes[nodes[i]].id + a->node_prefix;
			int core = tui_id_core(id, a->node_suffix);

			if (pass == 1 && core < (int)strlen(id))
				snprintf(lab[i], sizeof lab[i], "%.*s%s", core, id, ell);
			else
				snprintf(lab[i], sizeof lab[i], "%s", id);
			total += text_cols(lab[i]) + (i > 0);
		}
		if (total <= width || a->node_suffix == 0)
			break;
	}
	if (total > width) {
		int tail = text_cols(lab[n - 1]) + 3, used = 0; /* ">…>last" */

		for (keep_head = 0; keep_head < n - 1; keep_head++) {
			int c = text_cols(lab[keep_head]) + (keep_head > 0);

			if (used + c + tail > width)
				break;
			used += c;
		}
		snprintf(sep, sizeof sep, ">%s>", ell);
		if (keep_head == 0 && tui_two_ids_fit(a, w->nodes[nodes[0]].id + a->node_prefix, sep,
						      w->nodes[nodes[n - 1]].id + a->node_prefix, a->node_suffix, width, buf,
						      size))
			return;
	}
	buf[0] = '\0';
	for (int i = 0; i < keep_head && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? ">" : "", lab[i]);
	if (keep_head < n && at < size)
		snprintf(buf + at, size - at, ">%s>%s", ell, lab[n - 1]);
}

static bool uses(const struct smug_explain_candidate *c, int corridor)
{
	for (int e = 0; e + 1 < c->n_nodes; e++)
		if (c->edges[e].corridor == corridor)
			return true;
	return false;
}

static int borders_of(const struct smug_explain_candidate *c)
{
	int n = 0;

	for (int e = 0; e + 1 < c->n_nodes; e++)
		n += c->edges[e].border;
	return n;
}

/* The edges c crosses and other does not, the largest expected loss
 * first, into pick; returns how many. */
static int only_edges(const struct smug_explain_candidate *c, const struct smug_explain_candidate *other, int *pick)
{
	int n = 0;

	for (int e = 0; e + 1 < c->n_nodes; e++) {
		const struct smug_explain_edge *g = &c->edges[e];
		int j = n;

		if (uses(other, g->corridor))
			continue;
		while (j > 0 && c->edges[pick[j - 1]].expected_loss < g->expected_loss) {
			pick[j] = pick[j - 1];
			j--;
		}
		pick[j] = e;
		n++;
	}
	return n;
}

/* A list of what one route alone crosses: head, then the first `named`
 * of the n edges in pick, each with its risk_est and loss (brief: the
 * loss alone), then "and N more" for the rest; "nothing" when n is 0,
 * the count alone when none is named. */
static void crosses_line(const struct tui_app *a, const char *head, const struct smug_explain_candidate *c,
			 const int *pick, int n, int named, bool brief, char *buf, size_t size)
{
	size_t at = (size_t)snprintf(buf, size, "%s", head);

	if (at >= size)
		return;
	if (n == 0) {
		snprintf(buf + at, size - at, "nothing");
		return;
	}
	if (named == 0) {
		snprintf(buf + at, size - at, "%d corridor%s", n, n == 1 ? "" : "s");
		return;
	}
	for (int i = 0; i < named && at < size; i++) {
		const struct smug_explain_edge *g = &c->edges[pick[i]];
		char id[64], loss[32];

		tui_short_corridor(a, g->corridor, id, sizeof id);
		fmt_money(loss, sizeof loss, (int64_t)(g->expected_loss + 0.5), 10);
		if (brief)
			at += (size_t)snprintf(buf + at, size - at, "%s%s (loss %s)", i ? ", " : "", id, loss);
		else
			at += (size_t)snprintf(buf + at, size - at, "%s%s (risk %.3f %s, loss %s)", i ? ", " : "", id,
					       g->risk_est, g->known ? "learned" : "prior", loss);
	}
	if (named < n && at < size)
		snprintf(buf + at, size - at, " and %d more", n - named);
}

/* How many of the n edges (at most three) the list names whole in
 * `rows` rows of width columns. */
static int crosses_fit(const struct tui_app *a, const char *head, const struct smug_explain_candidate *c,
		       const int *pick, int n, bool brief, int width, int rows)
{
	char line[600];
	int named = n < 3 ? n : 3;

	for (; named > 0; named--) {
		crosses_line(a, head, c, pick, n, named, brief, line, sizeof line);
		if (canvas_wrap_rows(width, line) <= rows)
			break;
	}
	return named;
}

/* The edges only the winner crosses and those only the runner-up
 * crosses, the largest expected loss first: whole entries in the rows
 * given, the rest counted ("and N more"), never a name or a figure cut.
 * Each entry has its risk_est and loss, or its loss alone when that
 * names more of either list. Returns the rows used. */
static int crosses(const struct tui_app *a, struct canvas *in, int y, int rows, const struct smug_explain_candidate *win,
		   const struct smug_explain_candidate *run, bool whatif)
{
	/* in the what-if the other is the winner it replaces, not a runner-up */
	const char *const head[2] = {"only the winner crosses: ",
				     whatif ? "only the old winner crosses: " : "only the runner-up crosses: "};
	const struct smug_explain_candidate *c[2] = {win, run};
	int pick[2][SMUG_ROUTE_MAX_NODES], n[2], named[2], used = 0;
	bool brief = false;
	char line[600];

	for (int k = 0; k < 2; k++) {
		n[k] = only_edges(c[k], c[1 - k], pick[k]);
		named[k] = crosses_fit(a, head[k], c[k], pick[k], n[k], false, in->w, rows);
	}
	for (int k = 0; k < 2; k++)
		brief |= crosses_fit(a, head[k], c[k], pick[k], n[k], true, in->w, rows) > named[k];
	for (int k = 0; k < 2; k++) {
		if (brief)
			named[k] = crosses_fit(a, head[k], c[k], pick[k], n[k], true, in->w, rows);
		crosses_line(a, head[k], c[k], pick[k], n[k], named[k], brief, line, sizeof line);
		used += canvas_wrap(in, y + used, 0, in->w, rows, ROLE_NORMAL, line);
	}
	return used;
}

/* The comparison of two candidates: rows of terms, three columns. */
static int compare(struct tui_app *a, struct canvas *cv, int y, const struct smug_explanation *x, int win,
		   int run, const char *win_label, const char *run_label)
{
	const struct smug_explain_candidate *W = &x->cand[win], *R = run >= 0 ? &x->cand[run] : NULL;
	const char *names[] = {"score", "expected loss", "expected cost", "travel term"};
	const double wv[] = {W->score, W->expected_loss, W->expected_cost, W->travel_term};
	double rv[4] = {0};
	int cw = (cv->w - 19) / 3 > 20 ? 20 : (cv->w - 19) / 3;
	char b[48], head[64];

	if (R) {
		rv[0] = R->score;
		rv[1] = R->expected_loss;
		rv[2] = R->expected_cost;
		rv[3] = R->travel_term;
	}
	snprintf(head, sizeof head, "%s #%d", win_label, win + 1);
	canvas_fit(cv, y, 16, cw, ROLE_GOOD, head, true);
	if (R) {
		snprintf(head, sizeof head, "%s #%d", run_label, run + 1);
		canvas_fit(cv, y, 16 + cw + 1, cw, ROLE_WARN, head, true);
		canvas_fit(cv, y, 16 + 2 * (cw + 1), cw, ROLE_DIM, "difference", true);
	}
	for (int i = 0; i < 4; i++) {
		canvas_fit(cv, y + 1 + i, 0, 15, ROLE_DIM, names[i], false);
		fmt_money(b, sizeof b, (int64_t)(wv[i] + 0.5), cw);
		canvas_fit(cv, y + 1 + i, 16, cw, i == 0 ? ROLE_GOOD : ROLE_NORMAL, b, true);
		if (R) {
			fmt_money(b, sizeof b, (int64_t)(rv[i] + 0.5), cw);
			canvas_fit(cv, y + 1 + i, 16 + cw + 1, cw, i == 0 ? ROLE_WARN : ROLE_NORMAL, b, true);
			fmt_money(b + 1, sizeof b - 1, (int64_t)(rv[i] - wv[i] + (rv[i] >= wv[i] ? 0.5 : -0.5)), cw - 1);
			b[0] = rv[i] - wv[i] >= 0 ? '+' : ' ';
			canvas_fit(cv, y + 1 + i, 16 + 2 * (cw + 1), cw, ROLE_NORMAL, b[0] == '+' ? b : b + 1, true);
		}
	}
	(void)a;
	return 5;
}

enum { W_NUM, W_SCORE, W_LOSS, W_COST, W_TRAVEL, W_DAYS, W_BRD, W_ROUTE, W_N };

static const struct tui_col cand_cols[W_N] = {
	[W_NUM] = {"#", NULL, 4, 0, false, false, 0, NULL},
	[W_SCORE] = {"score", NULL, 9, 0, true, false, 0, NULL},
	[W_LOSS] = {"exp.loss", NULL, 9, 1, true, false, 0, NULL},
	[W_COST] = {"exp.cost", NULL, 9, 2, true, false, 0, NULL},
	[W_TRAVEL] = {"travel", NULL, 8, 4, true, false, 0, NULL},
	[W_DAYS] = {"days", NULL, 4, 5, true, false, 0, NULL},
	[W_BRD] = {"brd", NULL, 3, 3, true, false, 0, NULL},
	[W_ROUTE] = {"route", NULL, 10, 0, false, true, 0, NULL},
};

/* Rows of the candidate list: a candidate, or one of its edges (edge
 * -1 on a candidate's own row); *sel_row is set to the selected
 * candidate's row. */
static int list_rows(const struct tui_app *a, const struct smug_explanation *x, int *cand, int *edge, int max,
		     int *sel_row)
{
	int n = 0;

	for (int i = 0; i < x->n_cand && n < max; i++) {
		if (i == a->why_sel)
			*sel_row = n;
		cand[n] = i;
		edge[n++] = -1;
		if (i < 64 && (a->why_open[0] >> i & 1))
			for (int e = 0; e + 1 < x->cand[i].n_nodes && n < max; e++) {
				cand[n] = i;
				edge[n++] = e;
			}
	}
	return n;
}

/* One candidate's row: '*' marks the winner, 'e' the exploration pick
 * sent in its place (sent, -1 for none). */
static void candidate_row(struct tui_app *a, struct canvas *cv, int y, const struct tui_table *t,
			  const struct smug_explanation *x, int i, int winner, int sent, enum tui_role r)
{
	const struct smug_explain_candidate *c = &x->cand[i];
	char b[400];

	canvas_fill_row(cv, y, 0, r);
	snprintf(b, sizeof b, "%s%d%s", i < 64 && (a->why_open[0] >> i & 1) ? "-" : "+", i + 1,
		 i == winner ? "*" : i == sent ? "e" : "");
	table_cell(cv, y, t, W_NUM, r == ROLE_NORMAL && i == winner ? ROLE_GOOD : r, b);
	fmt_money(b, sizeof b, (int64_t)(c->score + 0.5), cand_cols[W_SCORE].width);
	table_cell(cv, y, t, W_SCORE, r, b);
	fmt_money(b, sizeof b, (int64_t)(c->expected_loss + 0.5), cand_cols[W_LOSS].width);
	table_cell(cv, y, t, W_LOSS, r, b);
	fmt_money(b, sizeof b, (int64_t)(c->expected_cost + 0.5), cand_cols[W_COST].width);
	table_cell(cv, y, t, W_COST, r, b);
	fmt_money(b, sizeof b, (int64_t)(c->travel_term + 0.5), cand_cols[W_TRAVEL].width);
	table_cell(cv, y, t, W_TRAVEL, r, b);
	snprintf(b, sizeof b, "%d", c->travel_days);
	table_cell(cv, y, t, W_DAYS, r, b);
	snprintf(b, sizeof b, "%d", borders_of(c));
	table_cell(cv, y, t, W_BRD, r, b);
	if (table_pos(t, W_ROUTE) >= 0) {
		int p = table_pos(t, W_ROUTE);

		short_route(a, c->nodes, c->n_nodes, t->w[p], b, sizeof b);
		canvas_text(cv, y, t->x[p], r, b);
	}
}

/* An edge's shortest wording into line: its id, then each figure
 * after its label, with the estimates' source ("learned", "prior")
 * when how is not NULL. */
static void edge_compact(char *line, size_t size, const char *kind, const char *id, const char *loss,
			 const char *cost, const struct smug_explain_edge *g, const char *how)
{
	snprintf(line, size, "%s %s loss %s cost %s risk_est %.3f%s%s cost_est %.3f", kind, id, loss, cost,
		 g->risk_est, how ? " " : "", how ? how : "", g->cost_est);
}

/* The corridor's two node ids without the end every node id shares,
 * an ellipsis in its place ("33.0…|34.0…"); false when they share none. */
static bool edge_cores(const struct tui_app *a, const struct smug_corridor *k, char *buf, size_t size)
{
	const char *x = a->w->nodes[k->a].id + a->node_prefix, *y = a->w->nodes[k->b].id + a->node_prefix;
	int cx = tui_id_core(x, a->node_suffix), cy = tui_id_core(y, a->node_suffix);

	if (cx == (int)strlen(x) || cy == (int)strlen(y))
		return false;
	snprintf(buf, size, "%.*s%s|%.*s%s", cx, x, a->th.g->ellipsis, cy, y, a->th.g->ellipsis);
	return true;
}

/* The widest loss and cost among the edges listed (edge[i] >= 0 of the
 * n rows), for edge_row to right-align them in. */
static void edge_figure_widths(const struct smug_explanation *x, const int *cand, const int *edge, int n, int *lw,
			       int *cw)
{
	*lw = *cw = 0;
	for (int i = 0; i < n; i++) {
		const struct smug_explain_edge *g;
		char b[32];
		int k;

		if (edge[i] < 0)
			continue;
		g = &x->cand[cand[i]].edges[edge[i]];
		fmt_money(b, sizeof b, (int64_t)(g->expected_loss + 0.5), 10);
		if ((k = (int)strlen(b)) > *lw)
			*lw = k;
		fmt_money(b, sizeof b, (int64_t)(g->expected_cost + 0.5), 10);
		if ((k = (int)strlen(b)) > *cw)
			*cw = k;
	}
}

/* One edge of an expanded candidate, indented beneath it: the wording
 * that fits the row whole, the figures first when the labels must
 * shorten, then the indent narrower (two columns, then one; never none);
 * then, every figure kept, the estimates' source left out, the node ids
 * without the end they all share, both, then the ids cut in their
 * middles; on a row too
 * narrow for them all, whole parts left out (never a figure cut). In the
 * two roomy wordings loss and cost are right-aligned in lw and cw
 * columns (the widest of the edges listed), so the figures of the rows
 * stand in columns, as smugnet explain prints them. */
static void edge_row(struct tui_app *a, struct canvas *cv, int y, const struct smug_explain_edge *g, int lw, int cw)
{
	static const int indents[] = {5, 2};
	const struct smug_corridor *k = &a->w->corridors[g->corridor];
	char id[4 * SMUG_ID_MAX], cut[4 * SMUG_ID_MAX], line[300], loss[32], cost[32];
	const char *kind = g->border ? "border" : "corridor", *how = g->known ? "learned" : "prior";
	enum tui_role r = g->border ? ROLE_NORMAL : ROLE_DIM;
	int in = indents[0], width;

	tui_short_corridor(a, g->corridor, id, sizeof id);
	fmt_money(loss, sizeof loss, (int64_t)(g->expected_loss + 0.5), 10);
	fmt_money(cost, sizeof cost, (int64_t)(g->expected_cost + 0.5), 10);
	snprintf(line, sizeof line, "%-8s %-12s risk_est %.3f  cost_est %.3f  %-7s  loss %*s  cost %*s", kind, id,
		 g->risk_est, g->cost_est, how, lw, loss, cw, cost);
	for (int i = 0; i < 2 && canvas_wrap_rows(cv->w - in, line) > 1; i++) {
		in = indents[i];
		snprintf(line, sizeof line, "%-8s %s  loss %*s  cost %*s  risk_est %.3f %s  cost_est %.3f", kind, id, lw,
			 loss, cw, cost, g->risk_est, how, g->cost_est);
		if (canvas_wrap_rows(cv->w - in, line) > 1)
			edge_compact(line, sizeof line, kind, id, loss, cost, g, how);
	}
	/* wrapped text keeps a column off the frame, as canvas_wrap */
	width = cv->w - in > 8 ? cv->w - in - 1 : cv->w - in;
	/* an indent of one column before the estimates' source goes: 80x24
	 * holds "corridor 10.0|10.1 loss 1.46 cost 0.00 risk_est 0.003
	 * learned cost_est 0.000" (76 columns) whole */
	if (text_cols(line) > width && in > 1 && cv->w - 1 > 8 && text_cols(line) <= cv->w - 1 - 1) {
		in = 1;
		width = cv->w - in - 1;
	}
	if (text_cols(line) > width)
		edge_compact(line, sizeof line, kind, id, loss, cost, g, NULL);
	if (text_cols(line) > width && edge_cores(a, k, cut, sizeof cut)) {
		edge_compact(line, sizeof line, kind, cut, loss, cost, g, how);
		if (text_cols(line) > width)
			edge_compact(line, sizeof line, kind, cut, loss, cost, g, NULL);
	}
	if (text_cols(line) > width) {
		/* the room the shortest wording leaves the id */
		edge_compact(line, sizeof line, kind, "", loss, cost, g, NULL);
		if (tui_two_ids_fit(a, a->w->nodes[k->a].id + a->node_prefix, "|", a->w->nodes[k->b].id + a->node_prefix,
				    a->node_suffix, width - text_cols(line), cut, sizeof cut))
			edge_compact(line, sizeof line, kind, cut, loss, cost, g, NULL);
		else
			edge_compact(line, sizeof line, kind, id, loss, cost, g, NULL);
	}
	if (text_cols(line) > width) {
		snprintf(line, sizeof line, "%s %s, loss %s, cost %s, risk_est %.3f %s, cost_est %.3f", kind, id, loss,
			 cost, g->risk_est, how, g->cost_est);
		canvas_fit_parts(cv, y, in, width, r, line);
		return;
	}
	canvas_wrap(cv, y, in, cv->w - in, 1, r, line);
}

/* The what-if's line: the outcome, the border and the risk_est it
 * moves; the first wording that two rows hold whole, the outcome first
 * when it must shorten. */
static void whatif_line(const struct tui_app *a, const struct smug_whatif *wi, int width, char *line, size_t size)
{
	char id[64], outcome[64];

	tui_short_corridor(a, wi->corridor, id, sizeof id);
	snprintf(line, size,
		 "WHAT-IF (no step): a crackdown on %s takes the faction's risk_est there from %.3f to %.3f, "
		 "the seizure chance under it. Winner #%d %s #%d. x: back to the decision.",
		 id, wi->risk_before, wi->risk_after, wi->winner_before + 1,
		 wi->winner_after == wi->winner_before ? "stays, not" : "becomes", wi->winner_after + 1);
	if (canvas_wrap_rows(width, line) <= 2)
		return;
	if (wi->winner_after == wi->winner_before)
		snprintf(outcome, sizeof outcome, "winner #%d stays", wi->winner_before + 1);
	else
		snprintf(outcome, sizeof outcome, "winner #%d becomes #%d", wi->winner_before + 1, wi->winner_after + 1);
	snprintf(line, size,
		 "WHAT-IF (no step): %s under a crackdown on %s, its risk_est from %.3f to %.3f (the seizure "
		 "chance). x: back to the decision.",
		 outcome, id, wi->risk_before, wi->risk_after);
	if (canvas_wrap_rows(width, line) <= 2)
		return;
	snprintf(line, size, "WHAT-IF (no step): %s under a crackdown on %s (risk_est %.3f to %.3f). x: back.", outcome,
		 id, wi->risk_before, wi->risk_after);
}

/* "demand 0.766 = tolerance 0.149 + ... + war 0.030" into buf, the terms
 * named as smugnet explain names them; brief: the largest term alone,
 * "demand 0.766, mostly raider 0.306"; bare: the score alone. */
static size_t driver_text(char *buf, size_t size, const char *what, const struct smug_driver_terms *t,
			  const char *const *names, int n, int how)
{
	size_t at = (size_t)snprintf(buf, size, "%s %.3f", what, t->score);
	int top = 0;

	for (int i = 1; i < n; i++)
		if (t->term[i] > t->term[top])
			top = i;
	if (how == 0)
		for (int i = 0; i < n && at < size; i++)
			at += (size_t)snprintf(buf + at, size - at, "%s %s %.3f", i ? " +" : " =", names[i], t->term[i]);
	else if (how == 1 && at < size)
		at += (size_t)snprintf(buf + at, size - at, ", mostly %s %.3f", names[top], t->term[top]);
	return at < size ? at : size - 1;
}

/* Why this lane: the demand ward's score and the source ward's, with
 * their driver terms, in the fullest wording that fits whole (every
 * term, then each score with its largest term, then the scores alone),
 * on one row or, when rows allows, the demand's and the source's on a
 * row each. Returns the rows used; none for a decision without a source. */
static int drivers(struct canvas *in, int y, int rows, const struct smug_decision *d)
{
	char dem[300], src[300], line[600];

	if (d->src_ward < 0)
		return 0;
	for (int how = 0; how < 3; how++) {
		dem[0] = '\0';
		if (d->dst_ward >= 0)
			driver_text(dem, sizeof dem, "demand", &d->demand, smug_demand_term_names, SMUG_DEMAND_TERMS,
				    how);
		driver_text(src, sizeof src, "source", &d->source, smug_source_term_names, SMUG_SOURCE_TERMS, how);
		snprintf(line, sizeof line, "%s%s%s", dem, dem[0] ? "; " : "", src);
		if (text_cols(line) <= in->w || how == 2) {
			canvas_fit(in, y, 0, in->w, ROLE_NORMAL, line, false);
			return 1;
		}
		if (rows >= 2 && dem[0] && text_cols(dem) <= in->w && text_cols(src) <= in->w) {
			canvas_fit(in, y, 0, in->w, ROLE_NORMAL, dem, false);
			canvas_fit(in, y + 1, 0, in->w, ROLE_NORMAL, src, false);
			return 2;
		}
	}
	return 0;
}

/* The decision's head from y: its cargo and outcome, the what-if's line
 * when one is set, and the drivers of the lane. Returns the rows used. */
static int why_head(struct tui_app *a, struct canvas *in, int y, const struct smug_decision *d)
{
	int y0 = y;
	char line[600], v[40], m[40], pick[40], sent[160];

	fmt_credits(v, sizeof v, d->value);
	fmt_credits(m, sizeof m, d->bribe_budget);
	snprintf(sent, sizeof sent, "shipment sent");
	if (d->explore) { /* the route sent is the exploration pick, scored with its stale edges at their prior */
		fmt_credits(pick, sizeof pick, (int64_t)(d->explore_score + 0.5));
		snprintf(sent, sizeof sent, "shipment sent on #%d%s, explored (score %s, stale edges at prior)",
			 d->chosen + 1, d->chosen == d->winner ? ", the winner" : "", pick);
	}
	snprintf(line, sizeof line, "cargo %s cr, bribe budget %s cr, %d candidates; %s", v, m, d->n_cand,
		 d->skipped[0] ? d->skipped : d->shipment ? sent : "no shipment");
	/* why nothing was sent is read whole: two rows where one is short */
	y += canvas_wrap(in, y, 0, in->w, 2, d->skipped[0] ? ROLE_WARN : ROLE_NORMAL, line);
	if (a->whatif && a->whatif_data) {
		whatif_line(a, a->whatif_data, in->w, line, sizeof line);
		y += canvas_wrap(in, y, 0, in->w, 2, ROLE_CRACKDOWN, line);
	}
	/* why this lane: two rows for every term on a tall screen */
	y += drivers(in, y, in->h >= 30 ? 2 : 1, d);
	return y - y0;
}

/* The winner against the runner-up (or, in a what-if, the new winner
 * against the old) from y: side by side, their routes, what only one
 * crosses, the margin, what would flip it, and the legend. Returns the
 * rows used. */
static int why_compare(struct tui_app *a, struct canvas *in, int y, const struct smug_decision *d,
		       const struct smug_explanation *x, int win, int run)
{
	int y0 = y;
	char line[600], v[40], m[40];

	y += compare(a, in, y, x, win, run >= 0 && run != win ? run : -1, a->whatif ? "NEW WINNER" : "WINNER",
		     a->whatif ? "WAS" : "RUNNER-UP");
	if (in->h - y > 12) {
		char r[300];

		short_route(a, x->cand[win].nodes, x->cand[win].n_nodes, in->w - 12, r, sizeof r);
		snprintf(line, sizeof line, "winner:    %s", r);
		canvas_text(in, y++, 0, ROLE_GOOD, line);
		if (run >= 0 && run != win) {
			short_route(a, x->cand[run].nodes, x->cand[run].n_nodes, in->w - 12, r, sizeof r);
			snprintf(line, sizeof line, "%s %s", a->whatif ? "was:      " : "runner-up:", r);
			canvas_text(in, y++, 0, ROLE_WARN, line);
		}
		if (!a->whatif && d->explore && d->chosen != win) { /* the route sent in the winner's place */
			short_route(a, x->cand[d->chosen].nodes, x->cand[d->chosen].n_nodes, in->w - 12, r, sizeof r);
			snprintf(line, sizeof line, "explored:  %s", r);
			canvas_text(in, y++, 0, ROLE_TITLE, line);
		}
	}
	/* what only one of them crosses: a row each, on a tall screen the
	 * rows three entries need */
	if (run >= 0 && run != win && in->h - y > 9)
		y += crosses(a, in, y, in->h - y > 14 ? 3 : 1, &x->cand[win], &x->cand[run], a->whatif);
	if (run >= 0 && run != win) {
		double margin = x->cand[run].score - x->cand[win].score;
		int lw;

		fmt_credits(v, sizeof v, d->value);
		fmt_credits(m, sizeof m, (int64_t)(margin + 0.5));
		/* the bar only for the decision taken: no colon left before nothing */
		snprintf(line, sizeof line, "margin %s cr; cargo %s cr%s", m, v, a->whatif ? "" : ":");
		lw = canvas_text(in, y, 0, ROLE_TITLE, line);
		if (!a->whatif)
			tui_margin_bar(in, y, lw + 1, in->w - lw - 1, d, x);
		y++;
	}
	if (!a->whatif)
		y += canvas_wrap(in, y, 0, in->w, 2, ROLE_NORMAL, x->flip);
	/* the legend whole on two rows at any width: the shorter wording
	 * below 100 columns */
	y += canvas_wrap(in, y, 0, in->w, 2, ROLE_DIM,
			 in->w >= 100 ? "score = expected loss + expected cost + travel term; loss = risk_est x cargo x (1 + "
					"seizure penalty); prior: from the public customs dials; learned: the faction's "
					"own statistics"
				      : "score = loss + cost + travel; loss = risk_est x cargo x (1 + penalty); prior: "
					"the public customs dials; learned: the faction's own crossings");
	return y - y0;
}

/* Every candidate from y to the foot, an expanded one's edges under it,
 * scrolled so the selected one (and its edges) is in view. */
static void why_list(struct tui_app *a, struct canvas *in, int y, const struct smug_explanation *x, int win,
		     int sent)
{
	int rows, n, sel_row = 0, *cand, *edge, top, loss_w, cost_w;
	struct tui_table t;

	cand = tui_xmalloc(sizeof(int) * 64 * SMUG_ROUTE_MAX_NODES);
	edge = tui_xmalloc(sizeof(int) * 64 * SMUG_ROUTE_MAX_NODES);
	if (a->why_sel < 0 || a->why_sel >= x->n_cand)
		a->why_sel = sent >= 0 ? sent : win; /* opened on the route sent */
	n = list_rows(a, x, cand, edge, 64 * SMUG_ROUTE_MAX_NODES, &sel_row);
	table_fit(&t, cand_cols, W_N, in->w);
	y += table_header(in, y, &t, -1, false);
	rows = in->h - y;
	/* a taller screen shows the rows above, not blank rows below */
	a->why_scroll = table_scroll(a->why_scroll, sel_row, rows, n);
	if (a->why_sel < 64 && (a->why_open[0] >> a->why_sel & 1)) { /* an expanded one's edges in view too */
		int last = sel_row + x->cand[a->why_sel].n_nodes - 1;

		if (last >= a->why_scroll + rows)
			a->why_scroll = last - rows + 1 < sel_row ? last - rows + 1 : sel_row;
	}
	edge_figure_widths(x, cand, edge, n, &loss_w, &cost_w);
	top = a->why_scroll;
	for (int i = top; i < n && y < in->h; i++, y++) {
		if (edge[i] < 0)
			candidate_row(a, in, y, &t, x, cand[i], win, sent,
				      cand[i] == a->why_sel ? ROLE_SELECT : cand[i] == win ? ROLE_GOOD : ROLE_NORMAL);
		else
			edge_row(a, in, y, &x->cand[cand[i]].edges[edge[i]], loss_w, cost_w);
	}
	free(cand);
	free(edge);
}

void view_why_draw(struct tui_app *a, struct canvas *cv)
{
	const struct smug_world *w = a->w;
	int di, win, run, y = 0;
	const struct smug_explanation *base = view_why_explanation(a, &di), *x;
	const struct smug_decision *d;
	struct canvas in;
	char title[200];

	canvas_clear(cv);
	if (base == NULL) {
		canvas_box(cv, "Why this route?", true);
		in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
		canvas_text(&in, 0, 0, ROLE_DIM, "no decision selected (the Routes pane lists them)");
		return;
	}
	d = &w->decisions[di];
	x = a->whatif && a->whatif_data ? &a->whatif_data->x : base;
	win = a->whatif && a->whatif_data ? a->whatif_data->winner_after : d->winner;
	run = a->whatif && a->whatif_data ? d->winner : d->runner;
	snprintf(title, sizeof title, "Why: %s moves %s %s > %s, day %d",
		 w->factions[d->faction].id, tui_commodity_short((int)d->commodity),
		 d->src_ward >= 0 ? tui_short_ward(a, d->src_ward) : "-", d->dst_ward >= 0 ? tui_short_ward(a, d->dst_ward) : "-",
		 d->day);
	canvas_box(cv, title, true);
	in = canvas_sub(cv, 1, 1, cv->h - 2, cv->w - 2);
	y += why_head(a, &in, y, d);
	if (win < 0 || x->n_cand == 0) {
		canvas_wrap(&in, y, 0, in.w, 2, ROLE_WARN, "no candidate route");
		return;
	}
	/* top: the two side by side; below: every candidate */
	y += why_compare(a, &in, y, d, x, win, run);
	/* an exploration pick sent in the winner's place, marked (not in a what-if) */
	why_list(a, &in, y, x, win, !a->whatif && d->explore && d->chosen != win ? d->chosen : -1);
}

static void toggle_whatif(struct tui_app *a)
{
	int di;
	const struct smug_explanation *x = view_why_explanation(a, &di);
	int c;

	if (a->whatif) {
		a->whatif = false;
		return;
	}
	if (x == NULL)
		return;
	c = x->lever_corridor >= 0 ? x->lever_corridor
	    : x->flip_corridor >= 0 && a->w->corridors[x->flip_corridor].border ? x->flip_corridor : -1;
	if (c < 0) {
		tui_set_status(a, "no border of the winner's route flips this decision");
		return;
	}
	if (a->whatif_data == NULL)
		a->whatif_data = tui_xmalloc(sizeof *a->whatif_data);
	if (smug_explain_whatif(a->w, di, c, 1.0, a->whatif_data) != SMUG_OK) {
		tui_set_status(a, "this decision cannot be re-explained");
		return;
	}
	a->whatif = true;
	a->why_sel = a->whatif_data->winner_after;
}

bool view_why_key(struct tui_app *a, int action, int key)
{
	int di, n;
	const struct smug_explanation *x = view_why_explanation(a, &di);

	(void)key;
	if (x == NULL)
		return false;
	n = x->n_cand;
	switch (action) {
	case ACT_UP: a->why_sel--; break;
	case ACT_DOWN: a->why_sel++; break;
	case ACT_PGUP: a->why_sel -= 10; break;
	case ACT_PGDN: a->why_sel += 10; break;
	case ACT_HOME: a->why_sel = 0; break;
	case ACT_END: a->why_sel = n - 1; break;
	case ACT_WINNER:
		a->why_sel = a->whatif && a->whatif_data ? a->whatif_data->winner_after : a->w->decisions[di].winner;
		break;
	case ACT_ENTER:
		if (a->why_sel >= 0 && a->why_sel < 64)
			a->why_open[0] ^= 1ull << a->why_sel;
		break;
	case ACT_WHATIF: toggle_whatif(a); break;
	default: return false;
	}
	if (a->why_sel >= n)
		a->why_sel = n - 1;
	if (a->why_sel < 0)
		a->why_sel = 0;
	return true;
}
