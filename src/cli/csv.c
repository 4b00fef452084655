/* CSV for spreadsheets (RFC 4180: CRLF line ends, a header row, fields
 * with a comma, a quote or a line break quoted, quotes doubled): the day
 * rows of `smugnet run --format csv`, its per-faction and per-border
 * rows, and the tables `smugnet export NAME --csv DIR` writes. Money is
 * in credits with two decimals, as in the JSON Lines. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

void csv_quote(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void csv_text(FILE *f, const char *s, bool last)
{
	csv_quote(f, s);
	fputs(last ? "\r\n" : ",", f);
}

void csv_int(FILE *f, long long v, bool last)
{
	fprintf(f, "%lld%s", v, last ? "\r\n" : ",");
}

void csv_money(FILE *f, int64_t minor, bool last)
{
	char m[32];

	smug_money_format(minor, m, sizeof m);
	fprintf(f, "%s%s", m, last ? "\r\n" : ",");
}

void csv_real(FILE *f, double v, bool last)
{
	fprintf(f, "%.6f%s", v, last ? "\r\n" : ",");
}

/* A header row from a comma-separated list of column names. */
void csv_header(FILE *f, const char *cols)
{
	fputs(cols, f);
	fputs("\r\n", f);
}

/* ---- smugnet run --format csv ---- */

struct csv_run {
	enum csv_per per;
	struct smug_network *net;	    /* per faction: totals at the last row */
	struct smug_border_stats *border; /* per border: the same */
	int n_border;
};

struct csv_run *csv_run_start(const struct smug_world *w, enum csv_per per)
{
	struct csv_run *r = calloc(1, sizeof *r);

	r->per = per;
	if (per == CSV_PER_DAY) {
		csv_header(stdout, "day,shipments_created,delivered,seized,lost,bribes_spent,profit,in_transit");
	} else if (per == CSV_PER_FACTION) {
		csv_header(stdout, "day,faction,balance,shipments_created,delivered,seized,lost,bribes_spent,in_transit");
		r->net = calloc((size_t)w->n_factions + 1, sizeof *r->net);
		for (int f = 0; f < w->n_factions; f++)
			r->net[f] = w->factions[f].net;
	} else {
		csv_header(stdout, "day,border,from,to,traffic,checks,inspections,seizures,bribes,tariffs,crackdown");
		r->n_border = w->n_corridors;
		r->border = calloc((size_t)w->n_corridors + 1, sizeof *r->border);
		memcpy(r->border, w->border_stats, (size_t)w->n_corridors * sizeof *r->border);
	}
	return r;
}

static void faction_rows(struct csv_run *r, const struct smug_world *w)
{
	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_network *n = &w->factions[f].net, *p = &r->net[f];

		if (!w->factions[f].runs_network)
			continue;
		csv_int(stdout, w->day, false);
		csv_text(stdout, w->factions[f].id, false);
		csv_money(stdout, w->ledger.accounts[w->factions[f].account].balance, false);
		csv_int(stdout, n->shipments - p->shipments, false);
		csv_int(stdout, n->delivered - p->delivered, false);
		csv_int(stdout, n->seized - p->seized, false);
		csv_int(stdout, n->lost - p->lost, false);
		csv_money(stdout, n->bribes_spent - p->bribes_spent, false);
		csv_int(stdout, n->in_transit, true);
		r->net[f] = *n;
	}
}

/* Borders that saw a crossing or a check in the period, or were under a
 * crackdown on its last day. */
static void border_rows(struct csv_run *r, const struct smug_world *w)
{
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		const struct smug_border_stats *b = &w->border_stats[c], *p = &r->border[c];
		bool crack = smug_crackdown_active_on(w, c, w->day);

		if (!k->border || (b->traffic == p->traffic && b->checks == p->checks && !crack))
			continue;
		csv_int(stdout, w->day, false);
		csv_text(stdout, k->id, false);
		csv_text(stdout, w->wards[w->nodes[k->a].ward].id, false);
		csv_text(stdout, w->wards[w->nodes[k->b].ward].id, false);
		csv_int(stdout, b->traffic - p->traffic, false);
		csv_int(stdout, b->checks - p->checks, false);
		csv_int(stdout, b->inspections - p->inspections, false);
		csv_int(stdout, b->seizures - p->seizures, false);
		csv_money(stdout, b->bribes - p->bribes, false);
		csv_money(stdout, b->tariffs - p->tariffs, false);
		csv_int(stdout, crack, true);
		r->border[c] = *b;
	}
}

void csv_run_row(struct csv_run *r, const struct smug_world *w, const struct smug_counters *period)
{
	switch (r->per) {
	case CSV_PER_DAY:
		csv_int(stdout, w->day, false);
		csv_int(stdout, period->shipments_created, false);
		csv_int(stdout, period->delivered, false);
		csv_int(stdout, period->seized, false);
		csv_int(stdout, period->lost, false);
		csv_money(stdout, period->bribes_spent, false);
		csv_money(stdout, period->profit, false);
		csv_int(stdout, w->n_shipments, true);
		break;
	case CSV_PER_FACTION: faction_rows(r, w); break;
	case CSV_PER_BORDER: border_rows(r, w); break;
	}
}

void csv_run_done(struct csv_run *r)
{
	if (r == NULL)
		return;
	free(r->net);
	free(r->border);
	free(r);
}

/* ---- smugnet export NAME --csv DIR ---- */

static void table_factions(FILE *f, const struct smug_world *w)
{
	csv_header(f, "faction,name,kind,balance,shipments,delivered,seized,lost,delayed,bribes_spent,tariffs_paid,"
		      "purchases,sales,success_rate,in_transit");
	for (int i = 0; i < w->n_factions; i++) {
		const struct smug_faction *fa = &w->factions[i];
		const struct smug_network *n = &fa->net;

		csv_text(f, fa->id, false);
		csv_text(f, fa->name, false);
		csv_text(f, smug_faction_kind_name(fa->kind), false);
		csv_money(f, w->ledger.accounts[fa->account].balance, false);
		csv_int(f, n->shipments, false);
		csv_int(f, n->delivered, false);
		csv_int(f, n->seized, false);
		csv_int(f, n->lost, false);
		csv_int(f, n->delayed, false);
		csv_money(f, n->bribes_spent, false);
		csv_money(f, n->tariffs_paid, false);
		csv_money(f, n->purchases, false);
		csv_money(f, n->sales, false);
		csv_real(f, smug_network_success_rate(n), false);
		csv_int(f, n->in_transit, true);
	}
}

static void table_borders(FILE *f, const struct smug_world *w)
{
	csv_header(f, "border,from,to,traffic,checks,inspections,detections,seizures,bribes,tariffs,crackdown,intensity");
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		const struct smug_border_stats *b = &w->border_stats[c];
		const struct smug_crackdown *t = smug_world_crackdown_on(w, c);

		if (!k->border || (b->traffic == 0 && b->checks == 0 && t == NULL))
			continue;
		csv_text(f, k->id, false);
		csv_text(f, w->wards[w->nodes[k->a].ward].id, false);
		csv_text(f, w->wards[w->nodes[k->b].ward].id, false);
		csv_int(f, b->traffic, false);
		csv_int(f, b->checks, false);
		csv_int(f, b->inspections, false);
		csv_int(f, b->detections, false);
		csv_int(f, b->seizures, false);
		csv_money(f, b->bribes, false);
		csv_money(f, b->tariffs, false);
		csv_int(f, t != NULL, false);
		csv_real(f, t ? t->intensity : 0, true);
	}
}

static void table_edge_stats(FILE *f, const struct smug_world *w)
{
	csv_header(f, "faction,corridor,border,risk_est,cost_est,last_update_day,uses,from");
	for (int i = 0; i < w->n_factions; i++) {
		const struct smug_network *n = &w->factions[i].net;

		for (int e = 0; e < n->n_edge_stats; e++) {
			const struct smug_edge_stats *s = &n->edge_stats[e];

			csv_text(f, w->factions[i].id, false);
			csv_text(f, w->corridors[s->corridor].id, false);
			csv_int(f, w->corridors[s->corridor].border, false);
			csv_real(f, s->risk_est, false);
			csv_real(f, s->cost_est, false);
			csv_int(f, s->last_update_day, false);
			csv_int(f, s->uses, false);
			csv_text(f, w->nodes[s->from_node].id, true);
		}
	}
}

static void table_history(FILE *f, const struct smug_world *w)
{
	csv_header(f, "day,shipments_created,delivered,seized,lost,delayed,bribes_spent,tariffs,profit,"
		      "customs_checks,in_transit");
	for (int i = 0; i < w->tel.history_count; i++) {
		const struct smug_day_record *r = smug_history_at(&w->tel, i);

		csv_int(f, r->day, false);
		csv_int(f, r->c.shipments_created, false);
		csv_int(f, r->c.delivered, false);
		csv_int(f, r->c.seized, false);
		csv_int(f, r->c.lost, false);
		csv_int(f, r->c.delayed, false);
		csv_money(f, r->c.bribes_spent, false);
		csv_money(f, r->c.tariffs, false);
		csv_money(f, r->c.profit, false);
		csv_int(f, r->c.customs_checks, false);
		csv_int(f, r->in_transit, true);
	}
}

static void table_events(FILE *f, const struct smug_world *w)
{
	char text[SMUG_EVENT_TEXT_MAX];

	csv_header(f, "day,kind,faction,corridor,shipment,commodity,amount,detail");
	for (int i = 0; i < w->tel.event_count; i++) {
		const struct smug_event *e = smug_event_at(&w->tel, i);

		csv_int(f, e->day, false);
		csv_text(f, smug_event_kind_name(e->kind), false);
		csv_text(f, e->faction >= 0 ? w->factions[e->faction].id : "", false);
		csv_text(f, e->corridor >= 0 ? w->corridors[e->corridor].id : "", false);
		if (e->shipment)
			csv_int(f, (long long)e->shipment, false);
		else
			csv_text(f, "", false);
		csv_text(f, e->commodity >= 0 ? smug_commodity_name((enum smug_commodity)e->commodity) : "", false);
		csv_money(f, e->amount, false);
		csv_text(f, smug_event_text(w, e, text, sizeof text), true);
	}
}

static void table_ledger(FILE *f, const struct smug_world *w)
{
	csv_header(f, "account,balance");
	for (int i = 0; i < w->ledger.n_accounts; i++) {
		csv_text(f, w->ledger.accounts[i].id, false);
		csv_money(f, w->ledger.accounts[i].balance, true);
	}
}

static void table_journal(FILE *f, const struct smug_world *w)
{
	static const char *const op[] = {"step", "crackdown", "clear", "auto", "set", "reseed"};
	char buf[64], intensity[32];

	csv_header(f, "day,op,days,target,value,digest");
	for (int i = 0; i < w->journal.n_cmds; i++) {
		const struct smug_cmd *c = &w->journal.cmds[i];

		csv_int(f, c->day, false);
		csv_text(f, op[c->kind], false);
		if (c->kind == SMUG_CMD_STEP)
			csv_int(f, c->days, false);
		else
			csv_text(f, "", false);
		csv_text(f, c->target, false);
		switch (c->kind) {
		case SMUG_CMD_CRACKDOWN:
			/* exactly the journal's intensity: "%g" cut it to 6 digits */
			smug_real_format(c->intensity, intensity, sizeof intensity);
			if (c->end_day < 0)
				snprintf(buf, sizeof buf, "%s until cleared", intensity);
			else
				snprintf(buf, sizeof buf, "%s until %d", intensity, c->end_day);
			break;
		case SMUG_CMD_AUTO: snprintf(buf, sizeof buf, "%s", c->on ? "on" : "off"); break;
		case SMUG_CMD_SET: snprintf(buf, sizeof buf, "%s", c->value); break;
		case SMUG_CMD_RESEED: snprintf(buf, sizeof buf, "%llu", (unsigned long long)c->seed); break;
		default: buf[0] = '\0'; break;
		}
		csv_text(f, buf, false);
		if (c->checked)
			snprintf(buf, sizeof buf, "%016llx", (unsigned long long)c->check.digest);
		else
			buf[0] = '\0';
		csv_text(f, buf, true);
	}
}

static const struct {
	const char *file;
	void (*write)(FILE *, const struct smug_world *);
} tables[] = {
	{"factions.csv", table_factions}, {"borders.csv", table_borders}, {"edge_stats.csv", table_edge_stats},
	{"history.csv", table_history},	  {"events.csv", table_events},	  {"ledger.csv", table_ledger},
	{"journal.csv", table_journal},
};

/* All seven tables or none: each is written in full before any is put
 * in place (cli_atomic_commit). */
static int write_tables(const struct smug_world *w, const char *dir)
{
	enum { N_TABLES = sizeof tables / sizeof tables[0] };
	struct cli_atomic out[N_TABLES];
	size_t opened = 0;
	int rc = cli_mkdir(dir);

	for (; opened < N_TABLES && rc == EXIT_OK; opened++) {
		char path[4096];

		snprintf(path, sizeof path, "%s/%s", dir, tables[opened].file);
		if ((rc = cli_atomic_open(&out[opened], path, NULL)) != EXIT_OK)
			break;
		tables[opened].write(out[opened].f, w);
	}
	if (rc == EXIT_OK)
		return cli_atomic_commit(out, N_TABLES);
	while (opened > 0)
		cli_atomic_abort(&out[--opened]);
	return rc;
}

/* Each table's name spares what smugnet reads (cli_output_spares), as
 * --journal's does: a link there to a seed's own file (journal.csv to
 * seeds/NAME/journal.jsonl) had the export replace it, and the seed no
 * longer loaded. A usage error naming it, else EXIT_OK. */
static int tables_spare(const char *dir, const char *root)
{
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (cli_output_in_spares((struct cli_output){.cmd = "export", .opt = "--csv", .vault = root}, dir,
					 tables[i].file) != EXIT_OK)
			return EXIT_USAGE;
	return EXIT_OK;
}

static void export_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet export NAME --csv DIR [--vault DIR]\n"
		   "Write a seed's tables as CSV files into DIR: factions, borders, edge_stats,\n"
		   "history, events, ledger and journal (see smugnet(1)).\n");
}

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"csv", required_argument, NULL, 'c'}, {"vault", required_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},      {NULL, 0, NULL, 0},
	};
	const char *dir = NULL, *vault = NULL, *root;
	char vault_buf[1024];
	struct smug_world *w = NULL;
	struct smug_error err;
	enum smug_status st;
	int c, rc;

	while ((c = cli_getopt("export", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'c': dir = optarg; break;
		case 'v': vault = optarg; break;
		case 'h': export_usage(stdout); return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("export", "expected one seed name");
	if (dir == NULL)
		return cli_usage_error("export", "--csv DIR is required");
	if (cli_name_given("export", "--csv", dir) != EXIT_OK || cli_name_given("export", "--vault", vault) != EXIT_OK ||
	    cli_seed_name_given("export", "NAME", argv[optind]) != EXIT_OK)
		return EXIT_USAGE;
	root = cli_vault_root(vault, vault_buf, sizeof vault_buf);
	/* outside the vault's seeds/ (CSV files there were listed as
	 * unreadable seeds, a seed's folder is replaced whole by its next
	 * save) and a sweep's results/ (foreign files to collect) */
	if (cli_output_spares(&(struct cli_output){.cmd = "export", .opt = "--csv", .path = dir, .vault = root,
						   .folder = true}) != EXIT_OK ||
	    tables_spare(dir, root) != EXIT_OK)
		return EXIT_USAGE;
	st = smug_vault_load(root, argv[optind], &w, &err);
	if (st != SMUG_OK)
		return cli_status_exit(st, err.msg);
	rc = write_tables(w, dir);
	smug_world_free(w);
	return rc;
}
