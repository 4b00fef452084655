/* smugnet diff A B: two seeds (names or folders), or two `smugnet run`
 * outputs (JSON Lines files). Says whether they share a scenario, finds
 * the first day they part (seeds: their journals, command by command and
 * check by check; run files: their day records), and lists per faction
 * and per border the change from A to B, largest first. Exit 0 when the
 * outcomes are identical, 1 when they differ, 3 on bad input (like
 * diff(1)); --json prints one object for scripts. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

#define EXIT_DIFFERENT 1

/* Where two journals part: the day and what each side did. */
struct parting {
	int day; /* -1: never */
	char what[2][160];
};

/* An intensity as text: two decimals when they hold it exactly (1.00,
 * 0.50), else the shortest form that reads back to it (0.123), so that
 * two that differ never read alike. */
static void intensity_text(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.2f", v);
	if (strtod(buf, NULL) != v)
		smug_real_format(v, buf, size);
}

static void describe_cmd(const struct smug_cmd *c, char *buf, size_t size)
{
	char intensity[40];

	switch (c->kind) {
	case SMUG_CMD_STEP: snprintf(buf, size, "step %d days from day %d", c->days, c->day); break;
	case SMUG_CMD_CRACKDOWN:
		intensity_text(c->intensity, intensity, sizeof intensity);
		snprintf(buf, size, "crackdown %s at %s %s%d", c->target, intensity,
			 c->end_day < 0 ? "until cleared" : "through day ", c->end_day < 0 ? 0 : c->end_day); /* end_day: the last day it applies */
		if (c->end_day < 0)
			buf[strlen(buf) - 1] = '\0';
		break;
	case SMUG_CMD_CLEAR: snprintf(buf, size, "clear crackdown %s", c->target); break;
	case SMUG_CMD_AUTO: snprintf(buf, size, "auto-crackdown %s", c->on ? "on" : "off"); break;
	case SMUG_CMD_SET: snprintf(buf, size, "set %s=%s", c->target, c->value); break;
	case SMUG_CMD_RESEED: snprintf(buf, size, "seed %llu", (unsigned long long)c->seed); break;
	}
}

static bool same_cmd(const struct smug_cmd *a, const struct smug_cmd *b)
{
	return a->kind == b->kind && a->day == b->day && a->days == b->days && strcmp(a->target, b->target) == 0 &&
	       strcmp(a->value, b->value) == 0 && a->intensity == b->intensity && a->end_day == b->end_day &&
	       a->on == b->on && a->seed == b->seed && (!a->checked || !b->checked || a->check.digest == b->check.digest);
}

/* The first command that differs, or the first check both journals took
 * on the same day over the same field groups whose digests differ,
 * whichever comes first (a periodic check leaves the telemetry out, a
 * seed's last check does not: the two on one day always differed, and
 * two identical seeds of 30 days had a "first divergence" on day 30). */
static void journals_part(const struct smug_journal *a, const struct smug_journal *b, struct parting *p)
{
	int n = a->n_cmds < b->n_cmds ? a->n_cmds : b->n_cmds;

	p->day = -1;
	for (int i = 0; i < n && p->day < 0; i++) {
		const struct smug_cmd *x = &a->cmds[i], *y = &b->cmds[i];

		if (same_cmd(x, y))
			continue;
		if (x->kind == SMUG_CMD_STEP && y->kind == SMUG_CMD_STEP && x->day == y->day) {
			/* steps of different lengths: they part where the shorter
			 * ends, if that side did something else next */
			int s = x->days < y->days ? 0 : 1;
			const struct smug_journal *js = s == 0 ? a : b;

			if (i + 1 >= js->n_cmds)
				break; /* that side's history just ends there */
			p->day = (s == 0 ? x : y)->day + (s == 0 ? x : y)->days;
			describe_cmd(&js->cmds[i + 1], p->what[s], sizeof p->what[s]);
			snprintf(p->what[1 - s], sizeof p->what[1 - s], "step on");
		} else {
			p->day = x->day < y->day ? x->day : y->day;
			describe_cmd(x, p->what[0], sizeof p->what[0]);
			describe_cmd(y, p->what[1], sizeof p->what[1]);
		}
	}
	for (int i = 0; i < a->n_checks; i++)
		for (int j = 0; j < b->n_checks; j++)
			if (a->checks[i].day == b->checks[j].day && a->checks[i].skip == b->checks[j].skip &&
			    a->checks[i].digest != b->checks[j].digest &&
			    (p->day < 0 || a->checks[i].day < p->day)) {
				p->day = a->checks[i].day;
				snprintf(p->what[0], sizeof p->what[0], "state %016llx",
					 (unsigned long long)a->checks[i].digest);
				snprintf(p->what[1], sizeof p->what[1], "state %016llx",
					 (unsigned long long)b->checks[j].digest);
			}
}

/* ---- run files ---- */

struct run_file {
	cJSON *header, *summary;
	cJSON **days;
	int n_days;
	int summary_line, *day_lines; /* where each record is, for messages */
};

/* The figures of a day record diff compares. */
static const char *const day_figs[] = {"shipments_created", "delivered", "seized", "lost", "bribes_spent", "profit",
				       "in_transit"};

static void run_file_done(struct run_file *r)
{
	cJSON_Delete(r->header);
	cJSON_Delete(r->summary);
	for (int i = 0; i < r->n_days; i++)
		cJSON_Delete(r->days[i]);
	free(r->days);
	free(r->day_lines);
}

/* A day of a run file, before diff takes it as an int: where the record
 * has one, a whole number in [0, 100000000]; a missing one reads as 0. */
static bool day_ok(const char *path, int line, const cJSON *o, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (j == NULL || (cJSON_IsNumber(j) && j->valuedouble >= 0 && j->valuedouble <= 1e8 &&
			  j->valuedouble == (double)(long long)j->valuedouble))
		return true;
	fprintf(stderr, "%s: line %d: %s: expected a whole number in [0,100000000]\n", path, line, key);
	return false;
}

/* What a run file lacks that diff reads (NULL: nothing): the header of
 * `smugnet run` (a --branch run's header says smugnet-branch: it holds
 * two summaries and its own delta; a journal's, smugnet-journal), and a summary with its day, digest
 * and factions. A header and a summary with nothing in them compared as
 * "identical". */
static const char *run_file_wrong(const struct run_file *r)
{
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(r->header, "format");

	if (cJSON_IsString(format) && strcmp(format->valuestring, "smugnet-branch") == 0)
		return "header: format: smugnet-branch (a --branch run holds its own delta), not smugnet-run";
	if (cJSON_IsString(format) && strcmp(format->valuestring, "smugnet-journal") == 0)
		return "header: format: smugnet-journal (a command journal: smugnet replay checks it; diff compares "
		       "two seeds or two runs' output), not smugnet-run";
	if (!cJSON_IsString(format) || strcmp(format->valuestring, "smugnet-run") != 0)
		return "header: format: expected \"smugnet-run\"";
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r->header, "scenario")))
		return "header: scenario: expected a string";
	if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(r->summary, "day")))
		return "summary: day: expected a number";
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r->summary, "digest")))
		return "summary: digest: expected a string";
	if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r->summary, "factions")))
		return "summary: factions: expected an array";
	return NULL;
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(j) ? j->valuedouble : 0;
}

/* Whether a header is smugnet run's (a --branch run's, smugnet-branch,
 * holds two summaries and is refused by run_file_wrong, as is any other). */
static bool is_run_header(const cJSON *header)
{
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(header, "format");

	return cJSON_IsString(format) && strcmp(format->valuestring, "smugnet-run") == 0;
}

/* The record of one line of a run file, kept in r (or dropped: an
 * event); false when it is bad input, told on standard error. The whole
 * line is one record: a line cut short, or two run into one, is
 * malformed (not "no record", nor the first kept and the rest dropped).
 * One run's output per file: a second run appended (>>) was read as the
 * first's header with the last's summary. */
static bool take_record(const char *path, int n, char *line, struct run_file *r)
{
	cJSON *o = cJSON_ParseWithOpts(line, NULL, true);
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "type");
	struct smug_error err;
	char where[4200];

	snprintf(where, sizeof where, "%s: line %d", path, n);
	if (o == NULL) {
		fprintf(stderr, "%s: malformed JSON\n", where);
		return false;
	}
	if (smug_json_dup_check(o, where, &err) != SMUG_OK) {
		fprintf(stderr, "%s\n", err.msg);
		goto bad;
	}
	if (!cJSON_IsString(t)) {
		fprintf(stderr, "%s: not a smugnet run record\n", where);
		goto bad;
	}
	if (r->summary != NULL || (r->header != NULL && strcmp(t->valuestring, "header") == 0)) {
		fprintf(stderr, "%s: %s (one run's output per file: was a run appended to it?)\n", where,
			r->summary != NULL ? "a record after the summary" : "a second header");
		goto bad;
	}
	if (!day_ok(path, n, o, strcmp(t->valuestring, "header") == 0 ? "start_day" : "day"))
		goto bad;
	if (strcmp(t->valuestring, "header") == 0) {
		r->header = o;
	} else if (strcmp(t->valuestring, "day") == 0) {
		double day = num(o, "day"), after = r->n_days > 0 ? num(r->days[r->n_days - 1], "day")
								  : num(r->header, "start_day");

		if (day <= after) {
			/* the periods diff sums follow one another */
			fprintf(stderr, "%s: day: %.0f, not after the %s (day %.0f)\n", where, day,
				r->n_days > 0 ? "day record before it" : "run's start", after);
			goto bad;
		}
		r->days = realloc(r->days, (size_t)(r->n_days + 1) * sizeof *r->days);
		r->day_lines = realloc(r->day_lines, (size_t)(r->n_days + 1) * sizeof *r->day_lines);
		r->day_lines[r->n_days] = n;
		r->days[r->n_days++] = o;
	} else if (strcmp(t->valuestring, "summary") == 0) {
		r->summary = o;
		r->summary_line = n;
	} else {
		cJSON_Delete(o);
	}
	return true;
bad:
	cJSON_Delete(o);
	return false;
}

static int read_run_file(const char *path, struct run_file *r)
{
	const char *why;
	char *text, *line, *save = NULL;
	size_t len;
	int rc, n = 0;
	struct smug_error err;

	memset(r, 0, sizeof *r);
	if ((rc = cli_read_file(path, &text, &len)) != EXIT_OK)
		return rc;
	if (smug_json_check(text, len, path, &err) != SMUG_OK) {
		fprintf(stderr, "%s\n", err.msg);
		free(text);
		return EXIT_BAD_INPUT;
	}
	/* read up to the header of a file that is no run's output: what it
	 * is, not what its lines hold, is its fault */
	for (line = strtok_r(text, "\n", &save); line && (r->header == NULL || is_run_header(r->header));
	     line = strtok_r(NULL, "\n", &save))
		if (!take_record(path, ++n, line, r)) {
			free(text);
			run_file_done(r);
			return EXIT_BAD_INPUT;
		}
	free(text);
	if (r->header == NULL || (r->summary == NULL && is_run_header(r->header))) {
		fprintf(stderr, "%s: not the output of smugnet run (it needs a header and a summary)\n", path);
		run_file_done(r);
		return EXIT_BAD_INPUT;
	}
	if ((why = run_file_wrong(r)) != NULL) {
		fprintf(stderr, "%s: %s\n", path, why);
		run_file_done(r);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(j) ? j->valuestring : "";
}

static const cJSON *by_id(const cJSON *arr, const char *id)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
		if (strcmp(str(e, "id"), id) == 0)
			return e;
	return NULL;
}

/* What the day records of one file say of the days since a boundary:
 * the counts and money summed, the in-transit count of the last. */
struct period {
	long long sum[6]; /* shipments_created, delivered, seized, lost, then bribes_spent and profit in cents */
	double in_transit;
};

static void period_add(struct period *p, const cJSON *rec)
{
	for (int k = 0; k < 6; k++)
		p->sum[k] += llround(num(rec, day_figs[k]) * (k >= 4 ? 100 : 1));
	p->in_transit = num(rec, "in_transit");
}

/* The first stretch of days whose day records differ. The files may
 * write records every different number of days (--every): days are
 * compared over the stretches between the days both have a record on (or
 * both start at), the finer file's records summed; a record of 7 days
 * was compared with a record of 1 on day 7 and always differed. Returns
 * the stretch's last day (-1: none), *since the day before its first. */
static int first_day_apart(const struct run_file *a, const struct run_file *b, int *since)
{
	const struct run_file *f[2] = {a, b};
	struct period acc[2];
	int at[2] = {-1, -1};  /* the last record taken of each */
	int common = -1;       /* the last day both have a boundary on (-1: none yet) */

	memset(acc, 0, sizeof acc);
	if (num(a->header, "start_day") == num(b->header, "start_day"))
		common = (int)num(a->header, "start_day");
	for (;;) {
		double next[2];

		for (int s = 0; s < 2; s++)
			next[s] = at[s] + 1 < f[s]->n_days ? num(f[s]->days[at[s] + 1], "day") : HUGE_VAL;
		if (next[0] == HUGE_VAL && next[1] == HUGE_VAL)
			return -1;
		for (int s = 0; s < 2; s++)
			if (next[s] <= next[1 - s])
				period_add(&acc[s], f[s]->days[++at[s]]);
		if (next[0] != next[1]) {
			/* a file whose records start later than the other's
			 * start: the day it starts on is a boundary of both */
			int s = next[0] < next[1] ? 0 : 1;

			if (common < 0 && num(f[1 - s]->header, "start_day") == next[s] && at[1 - s] < 0) {
				common = (int)next[s];
				memset(acc, 0, sizeof acc);
			}
			continue;
		}
		if (common >= 0 && memcmp(acc[0].sum, acc[1].sum, sizeof acc[0].sum) != 0)
			break;
		if (common >= 0 && acc[0].in_transit != acc[1].in_transit)
			break;
		common = (int)next[0];
		memset(acc, 0, sizeof acc);
	}
	*since = common;
	return (int)num(a->days[at[0]], "day");
}

/* ---- output ---- */

struct row {
	char id[96];
	double d[6];	 /* the deltas, B - A */
	double key;	 /* |first delta|, for sorting */
};

static int cmp_row(const void *x, const void *y)
{
	const struct row *a = x, *b = y;

	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return strcmp(a->id, b->id);
}

struct table {
	const char *name;      /* "factions", "borders" */
	const char *col[6];    /* column names; money columns end in '$' */
	int n_col;
	struct row *rows;
	int n;
};

static void table_add(struct table *t, const char *id, const double *d)
{
	struct row *r;

	t->rows = realloc(t->rows, (size_t)(t->n + 1) * sizeof *t->rows);
	r = &t->rows[t->n++];
	snprintf(r->id, sizeof r->id, "%s", id);
	memcpy(r->d, d, sizeof r->d);
	r->key = d[0] < 0 ? -d[0] : d[0];
	for (int k = 1; k < t->n_col && r->key == 0; k++)
		r->key = (d[k] < 0 ? -d[k] : d[k]) * 1e-9;
}

static bool is_money(const char *col)
{
	return col[strlen(col) - 1] == '$';
}

static void col_name(const char *col, char *buf, size_t size)
{
	snprintf(buf, size, "%.*s", (int)strlen(col) - (is_money(col) ? 1 : 0), col);
}

static int col_width(const char *col)
{
	int n = (int)strlen(col) - (is_money(col) ? 1 : 0);

	return n > 12 ? n : 12;
}

/* A table's rows, largest change first. An empty table has no rows to
 * sort (its rows are NULL, which qsort may not be given). */
static void sort_rows(const struct table *t)
{
	if (t->n > 1)
		qsort(t->rows, (size_t)t->n, sizeof *t->rows, cmp_row);
}

/* The rows under their header, the id column as wide as the longest id
 * (at least 28 bytes: a border of long node ids pushed its row's figures
 * out from under their names). */
static void print_table_text(const struct table *t)
{
	char name[32];
	int id_w = 28;

	sort_rows(t);
	printf("%s (B - A), largest change first:%s\n", t->name, t->n ? "" : " none");
	if (t->n == 0)
		return;
	for (int i = 0; i < t->n; i++)
		id_w = (int)strlen(t->rows[i].id) > id_w ? (int)strlen(t->rows[i].id) : id_w;
	printf("  %-*s", id_w, "id");
	for (int k = 0; k < t->n_col; k++) {
		col_name(t->col[k], name, sizeof name);
		printf(" %*s", col_width(t->col[k]), name);
	}
	printf("\n");
	for (int i = 0; i < t->n; i++) {
		printf("  %-*s", id_w, t->rows[i].id);
		for (int k = 0; k < t->n_col; k++)
			printf(is_money(t->col[k]) ? " %+*.2f" : " %+*.0f", col_width(t->col[k]), t->rows[i].d[k]);
		printf("\n");
	}
}

static void print_table_json(const struct table *t)
{
	char name[32];

	sort_rows(t);
	printf(",\"%s\":[", t->name);
	for (int i = 0; i < t->n; i++) {
		printf("%s{\"id\":", i ? "," : "");
		jsonl_string(stdout, t->rows[i].id);
		for (int k = 0; k < t->n_col; k++) {
			col_name(t->col[k], name, sizeof name);
			printf(is_money(t->col[k]) ? ",\"%s\":%.2f" : ",\"%s\":%.0f", name, t->rows[i].d[k]);
		}
		printf("}");
	}
	printf("]");
}

struct outcome {
	bool same_scenario, identical;
	int day[2];
	char digest[2][17];
	char scenario[2][64];
	int part_day;
	char part[2][160];
	struct table fac, bor, com;
};

static void print_outcome(const struct outcome *o, const char *a, const char *b, bool json)
{
	if (json) {
		printf("{\"identical\":%s,\"same_scenario\":%s,\"a\":", o->identical ? "true" : "false",
		       o->same_scenario ? "true" : "false");
		jsonl_string(stdout, a);
		printf(",\"b\":");
		jsonl_string(stdout, b);
		printf(",\"scenario_a\":");
		jsonl_string(stdout, o->scenario[0]);
		printf(",\"scenario_b\":");
		jsonl_string(stdout, o->scenario[1]);
		printf(",\"day_a\":%d,\"day_b\":%d,\"digest_a\":\"%s\",\"digest_b\":\"%s\",\"first_divergence\":", o->day[0],
		       o->day[1], o->digest[0], o->digest[1]);
		if (o->part_day < 0) {
			printf("null");
		} else {
			printf("{\"day\":%d,\"a\":", o->part_day);
			jsonl_string(stdout, o->part[0]);
			printf(",\"b\":");
			jsonl_string(stdout, o->part[1]);
			printf("}");
		}
		print_table_json(&o->fac);
		print_table_json(&o->bor);
		print_table_json(&o->com);
		printf("}\n");
		return;
	}
	printf("A: %s (scenario %s, day %d, digest %s)\nB: %s (scenario %s, day %d, digest %s)\n", a, o->scenario[0],
	       o->day[0], o->digest[0], b, o->scenario[1], o->day[1], o->digest[1]);
	printf("%s\n", o->same_scenario ? "same scenario" : "different scenarios: compared by id where they share it");
	if (o->identical) {
		printf("identical\n");
		return;
	}
	if (o->part_day >= 0 && o->part[1][0] == '\0')
		printf("first divergence on day %d: %s\n", o->part_day, o->part[0]);
	else if (o->part_day >= 0)
		printf("first divergence on day %d: A %s; B %s\n", o->part_day, o->part[0], o->part[1]);
	else
		printf("no divergence found before the end of the shorter history\n");
	print_table_text(&o->fac);
	print_table_text(&o->bor);
	if (o->com.n)
		print_table_text(&o->com);
}

/* ---- the two kinds of input ---- */

static void seed_outcome(const struct smug_world *a, const struct smug_world *b, struct outcome *o)
{
	struct smug_comparison *c = calloc(1, sizeof *c);
	struct parting p;

	smug_compare(a, b, c);
	o->same_scenario = c->same_scenario;
	for (int s = 0; s < 2; s++) {
		o->day[s] = c->day[s];
		snprintf(o->digest[s], sizeof o->digest[s], "%016llx", (unsigned long long)c->digest[s]);
	}
	snprintf(o->scenario[0], sizeof o->scenario[0], "%s", a->scenario_id);
	snprintf(o->scenario[1], sizeof o->scenario[1], "%s", b->scenario_id);
	o->identical = c->digest[0] == c->digest[1] && c->day[0] == c->day[1];
	journals_part(&a->journal, &b->journal, &p);
	if (!c->same_scenario) {
		/* worlds of two scenarios are apart before anything is done
		 * to them, whatever their journals hold */
		p.day = a->start_day < b->start_day ? a->start_day : b->start_day;
		for (int s = 0; s < 2; s++) {
			const struct smug_world *w = s == 0 ? a : b;

			snprintf(p.what[s], sizeof p.what[s], "scenario %s (hash %016llx)", w->scenario_id,
				 (unsigned long long)w->scenario_hash);
		}
	}
	o->part_day = p.day;
	memcpy(o->part, p.what, sizeof o->part);
	for (int i = 0; i < c->n_factions; i++) {
		const struct smug_cmp_faction *f = &c->factions[i];
		double d[6] = {(double)(f->balance[1] - f->balance[0]) / SMUG_MINOR_PER_CREDIT,
			       (double)(f->shipments[1] - f->shipments[0]), (double)(f->delivered[1] - f->delivered[0]),
			       (double)(f->seized[1] - f->seized[0]), (double)(f->lost[1] - f->lost[0]),
			       (double)(f->bribes[1] - f->bribes[0]) / SMUG_MINOR_PER_CREDIT};

		table_add(&o->fac, f->id, d);
	}
	for (int i = 0; i < c->n_borders; i++) {
		const struct smug_cmp_border *x = &c->borders[i];
		double d[6] = {(double)(x->traffic[1] - x->traffic[0]), (double)(x->seizures[1] - x->seizures[0]),
			       (double)(x->bribes[1] - x->bribes[0]) / SMUG_MINOR_PER_CREDIT};

		table_add(&o->bor, x->id, d);
	}
	for (int i = 0; i < SMUG_COMMODITY_COUNT; i++) {
		const struct smug_cmp_commodity *m = &c->commodities[i];
		double d[6] = {(double)(m->delivered[1] - m->delivered[0]), (double)(m->seized[1] - m->seized[0]),
			       (double)(m->lost[1] - m->lost[0]), (double)(m->sent[1] - m->sent[0]),
			       (double)(m->value_delivered[1] - m->value_delivered[0]) / SMUG_MINOR_PER_CREDIT};

		if (d[0] || d[1] || d[2] || d[3] || d[4])
			table_add(&o->com, smug_commodity_name(m->commodity), d);
	}
	smug_comparison_done(c);
	free(c);
}

/* Every figure of path's records that diff compares is a number, and
 * every faction and border of its summary has an id: one that is not
 * would be read as 0 (a false change) or under an empty id. Prints
 * "PATH: line N: factions[2].delivered: expected a number" and returns
 * true when one is wrong. */
static bool run_figures_wrong(const char *path, const struct run_file *r, const struct outcome *o)
{
	const struct table *t[2] = {&o->fac, &o->bor};
	const char *const said[2][2] = {{"header", "scenario"}, {"summary", "digest"}};
	char name[32];
	long cc;

	/* the text diff prints from the file is printable: a control
	 * character (an escape sequence) would act on the terminal, and
	 * smugnet run writes none (ids are printable ASCII) */
	for (int k = 0; k < 2; k++)
		if ((cc = cli_control_char(str(k == 0 ? r->header : r->summary, said[k][1]))) >= 0) {
			fprintf(stderr, "%s: %s: %s: control character U+%04lX; not the output of smugnet run\n", path,
				said[k][0], said[k][1], (unsigned long)cc);
			return true;
		}

	for (int i = 0; i < r->n_days; i++)
		for (size_t k = 0; k < sizeof day_figs / sizeof day_figs[0]; k++)
			if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(r->days[i], day_figs[k]))) {
				fprintf(stderr, "%s: line %d: %s: expected a number\n", path, r->day_lines[i],
					day_figs[k]);
				return true;
			}
	for (int k = 0; k < 2; k++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(r->summary, t[k]->name), *e;
		int i = 0;

		if (!cJSON_IsArray(arr)) {
			fprintf(stderr, "%s: line %d: %s: expected an array\n", path, r->summary_line, t[k]->name);
			return true;
		}
		cJSON_ArrayForEach(e, arr) {
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");

			if (!cJSON_IsString(id) || id->valuestring[0] == '\0') {
				fprintf(stderr, "%s: line %d: %s[%d].id: expected an id\n", path, r->summary_line,
					t[k]->name, i);
				return true;
			}
			if ((cc = cli_control_char(id->valuestring)) >= 0) {
				fprintf(stderr,
					"%s: line %d: %s[%d].id: control character U+%04lX; not the output of smugnet "
					"run\n",
					path, r->summary_line, t[k]->name, i, (unsigned long)cc);
				return true;
			}
			for (int c = 0; c < t[k]->n_col; c++) {
				col_name(t[k]->col[c], name, sizeof name);
				if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(e, name))) {
					fprintf(stderr, "%s: line %d: %s[%d].%s: expected a number\n", path,
						r->summary_line, t[k]->name, i, name);
					return true;
				}
			}
			i++;
		}
	}
	return false;
}

static void run_outcome(const struct run_file *a, const struct run_file *b, struct outcome *o)
{
	const cJSON *arr[2], *e;

	snprintf(o->scenario[0], sizeof o->scenario[0], "%s", str(a->header, "scenario"));
	snprintf(o->scenario[1], sizeof o->scenario[1], "%s", str(b->header, "scenario"));
	o->same_scenario = strcmp(o->scenario[0], o->scenario[1]) == 0;
	o->day[0] = (int)num(a->summary, "day");
	o->day[1] = (int)num(b->summary, "day");
	snprintf(o->digest[0], sizeof o->digest[0], "%s", str(a->summary, "digest"));
	snprintf(o->digest[1], sizeof o->digest[1], "%s", str(b->summary, "digest"));
	o->identical = strcmp(o->digest[0], o->digest[1]) == 0 && o->day[0] == o->day[1];
	{
		int since = 0;

		o->part_day = first_day_apart(a, b, &since);
		snprintf(o->part[0], sizeof o->part[0], "the day records of days %d-%d differ", since + 1, o->part_day);
		o->part[1][0] = '\0';
	}
	for (int k = 0; k < 2; k++) {
		static const char *const key[2] = {"factions", "borders"};
		struct table *t = k == 0 ? &o->fac : &o->bor;

		arr[0] = cJSON_GetObjectItemCaseSensitive(a->summary, key[k]);
		arr[1] = cJSON_GetObjectItemCaseSensitive(b->summary, key[k]);
		for (int s = 0; s < 2; s++)
			cJSON_ArrayForEach(e, arr[s]) {
				const cJSON *o0 = s == 0 ? e : by_id(arr[0], str(e, "id"));
				const cJSON *o1 = s == 0 ? by_id(arr[1], str(e, "id")) : e;
				double d[6] = {0};

				if (s == 1 && o0 != NULL)
					continue; /* shared: counted from A */
				for (int c = 0; c < t->n_col; c++) {
					char name[32];

					col_name(t->col[c], name, sizeof name);
					d[c] = (o1 ? num(o1, name) : 0) - (o0 ? num(o0, name) : 0);
				}
				if (d[0] || d[1] || d[2] || d[3] || d[4] || d[5])
					table_add(t, str(e, "id"), d);
			}
	}
}

static bool is_run_file(const char *arg)
{
	struct stat sb;
	FILE *f;
	char head[256] = "";

	if (stat(arg, &sb) != 0 || !S_ISREG(sb.st_mode) || (f = fopen(arg, "rb")) == NULL)
		return false;
	if (fgets(head, sizeof head, f) == NULL)
		head[0] = '\0';
	fclose(f);
	return strstr(head, "\"type\":\"header\"") != NULL;
}

/* A regular file that is not a run's output (empty, CSV, a scenario):
 * told so, EXIT_BAD_INPUT; false for anything else. */
static bool neither(const char *arg)
{
	struct stat sb;

	if (stat(arg, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	fprintf(stderr, "%s: neither a seed folder nor the output of smugnet run (%s)\n", arg,
		sb.st_size == 0 ? "it is empty" : "its first line is not a run's header");
	return true;
}

/* Whether arg names a seed as load_seed reads it: a folder given by its
 * path, else a name the vault holds, as the vault finds it (its folder,
 * or the generation an interrupted save left). SMUG_OK when it does,
 * SMUG_ERR_NOT_FOUND when it names none, SMUG_ERR_SCHEMA for a folder
 * that holds no seed (err: why), else why the vault cannot say (err: an
 * entry of that name is a link, seeds/ cannot be read). */
static enum smug_status names_seed(const char *arg, const char *vault, struct smug_error *err)
{
	struct smug_world *w = NULL;
	struct stat sb;
	enum smug_status st;

	/* a folder is one when its manifest.json is a seed's (the vault's
	 * rule); one that is not is loaded only to say why not */
	if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (smug_vault_manifest_names(arg, SMUG_SEED_FORMAT))
			return SMUG_OK;
		st = smug_vault_load_dir(arg, &w, err);
		smug_world_free(w);
		return st == SMUG_OK ? SMUG_OK : SMUG_ERR_SCHEMA;
	}
	if (strchr(arg, '/') || !smug_seed_name_valid(arg))
		return SMUG_ERR_NOT_FOUND;
	return smug_vault_locate(vault, arg, NULL, err);
}

static int load_seed(const char *arg, const char *vault, struct smug_world **w)
{
	struct smug_error err;
	struct stat sb;
	enum smug_status st;

	if (neither(arg))
		return EXIT_BAD_INPUT;
	/* nor is a file of another kind (the FIFO of 'smugnet diff <(smugnet
	 * run ...) <(...)', a device): told what it is, as every reader of
	 * smugnet's tells it, not looked for as a seed folder or name */
	if (stat(arg, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		char *text;
		size_t len;

		if (cli_read_file(arg, &text, &len) == EXIT_OK) { /* made a regular file since */
			free(text);
			neither(arg);
		}
		return EXIT_BAD_INPUT;
	}
	if (strchr(arg, '/') || (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode)))
		st = smug_vault_load_dir(arg, w, &err);
	else if ((st = names_seed(arg, vault, &err)) == SMUG_ERR_NOT_FOUND && cli_no_file_nor_seed(arg, vault, st, &err))
		return EXIT_BAD_INPUT;
	else
		st = smug_vault_load(vault, arg, w, &err);
	if (st != SMUG_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}

static void diff_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet diff A B [--vault DIR] [--json]\n"
		   "Compare two seeds (names or folders) or two `smugnet run` output files: the first day\n"
		   "they part and, per faction and per border, the change from A to B, largest first.\n"
		   "Exit status: 0 identical, 1 different, 3 bad input.\n");
}

int cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{"vault", required_argument, NULL, 'v'}, {"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},	 {NULL, 0, NULL, 0},
	};
	const char *vault = NULL;
	char vault_buf[1024];
	bool json = false;
	int c, rc = EXIT_OK;
	struct outcome o = {
		.fac = {"factions", {"balance$", "shipments", "delivered", "seized", "lost", "bribes$"}, 6, NULL, 0},
		.bor = {"borders", {"traffic", "seizures", "bribes$"}, 3, NULL, 0},
		.com = {"commodities", {"delivered", "seized", "lost", "sent", "value_delivered$"}, 5, NULL, 0},
	};

	while ((c = cli_getopt("diff", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'v': vault = optarg; break;
		case 'j': json = true; break;
		case 'h': diff_usage(stdout); return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind + 2 != argc)
		return cli_usage_error("diff", "expected two seeds or two run files");
	if (cli_name_given("diff", "A", argv[optind]) != EXIT_OK ||
	    cli_name_given("diff", "B", argv[optind + 1]) != EXIT_OK || cli_name_given("diff", "--vault", vault) != EXIT_OK)
		return EXIT_USAGE;
	vault = cli_vault_root(vault, vault_buf, sizeof vault_buf);
	if (is_run_file(argv[optind]) != is_run_file(argv[optind + 1])) {
		const char *other = argv[is_run_file(argv[optind]) ? optind + 1 : optind];
		struct smug_error err;
		enum smug_status st;
		struct run_file r;

		/* a file beside a run's output is a run file that is not one */
		if (neither(other))
			return EXIT_BAD_INPUT;
		/* nor a seed: a name that is neither a file nor a seed, told
		 * that both were looked for; else a run file that cannot be
		 * read (a FIFO), told why */
		if ((st = names_seed(other, vault, &err)) != SMUG_OK) {
			if (st == SMUG_ERR_SCHEMA) {
				fprintf(stderr, "%s\n", err.msg);
				return EXIT_BAD_INPUT;
			}
			if (cli_no_file_nor_seed(other, vault, st, &err))
				return EXIT_BAD_INPUT;
			if ((rc = read_run_file(other, &r)) != EXIT_OK)
				return rc == EXIT_USAGE ? rc : EXIT_BAD_INPUT;
			run_file_done(&r);
		}
		return cli_usage_error("diff", "compare two seeds or two run files, not one of each");
	}
	if (is_run_file(argv[optind])) {
		struct run_file r[2];

		if ((rc = read_run_file(argv[optind], &r[0])) != EXIT_OK)
			return rc == EXIT_USAGE ? rc : EXIT_BAD_INPUT;
		if ((rc = read_run_file(argv[optind + 1], &r[1])) != EXIT_OK ||
		    run_figures_wrong(argv[optind], &r[0], &o) || run_figures_wrong(argv[optind + 1], &r[1], &o)) {
			run_file_done(&r[0]);
			if (rc == EXIT_OK)
				run_file_done(&r[1]);
			return EXIT_BAD_INPUT;
		}
		run_outcome(&r[0], &r[1], &o);
		run_file_done(&r[0]);
		run_file_done(&r[1]);
	} else {
		struct smug_world *w[2] = {NULL, NULL};

		if (load_seed(argv[optind], vault, &w[0]) != EXIT_OK ||
		    load_seed(argv[optind + 1], vault, &w[1]) != EXIT_OK) {
			smug_world_free(w[0]);
			return EXIT_BAD_INPUT;
		}
		seed_outcome(w[0], w[1], &o);
		smug_world_free(w[0]);
		smug_world_free(w[1]);
	}
	print_outcome(&o, argv[optind], argv[optind + 1], json);
	free(o.fac.rows);
	free(o.bor.rows);
	free(o.com.rows);
	if (jsonl_close_stdout() != EXIT_OK)
		return EXIT_WRITE;
	return o.identical ? EXIT_OK : EXIT_DIFFERENT;
}
