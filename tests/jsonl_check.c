/* jsonl_check: check `smugnet run` output (JSON Lines on stdin) against the
 * contract of smugnet(1). The checker's own table of record types and
 * fields is first compared with the JSON LINES section of the man page
 * (--man FILE), so the two cannot drift: a field documented but unknown
 * here, or known here but undocumented, is an error. Then every line
 * must parse as one object whose fields are exactly the documented ones
 * of its type, each of its documented kind (counts are whole numbers
 * >= 0, money has exactly two decimals, ids are strings, digests 16 hex
 * digits, event kinds from the man page's list); the header comes first
 * and the summary last; day records ascend (at every --every N days and
 * at the last day when given), and their periods add up to the summary's
 * totals. Exit 0 when all holds, 1 with a message otherwise. */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

enum kind {
	K_TYPE,	      /* the record type itself */
	K_STR,	      /* a string */
	K_STR_NULL,   /* a string or null */
	K_COUNT,      /* a whole number >= 0 */
	K_COUNT_NULL, /* a whole number >= 0 or null */
	K_MONEY,      /* credits with exactly two decimals */
	K_MONEY_POS,  /* the same, never negative */
	K_RATE,	      /* a number in [0,1] */
	K_BOOL,
	K_HEX16,      /* 16 lower-case hex digits */
	K_EVENT_KIND, /* one of the kinds the man page lists */
	K_MONEY_NULL, /* money or null */
	K_STRS_NULL,  /* an array of strings, or null */
	K_ARRAY,      /* an array of objects, described by the record of its field's name */
	K_OBJECT,     /* one object, described by the record of its field's name */
	K_ARRAY_NULL, /* the same as K_ARRAY, or null */
};

struct field {
	const char *name;
	enum kind kind;
};

#define MAX_FIELDS 24
#define MAX_RECORDS 32

struct record {
	const char *type; /* "header", "day", ..., or the array's field name */
	struct field f[MAX_FIELDS];
};

/* What the checker knows; must equal what smugnet(1) documents. */
static const struct record known[] = {
	{"header",
	 {{"type", K_TYPE}, {"format", K_STR}, {"version", K_COUNT}, {"scenario", K_STR}, {"seed", K_COUNT},
	  {"start_day", K_COUNT}, {"days", K_COUNT}, {"program", K_STR}}},
	{"day",
	 {{"type", K_TYPE}, {"day", K_COUNT}, {"shipments_created", K_COUNT}, {"delivered", K_COUNT},
	  {"seized", K_COUNT}, {"lost", K_COUNT}, {"bribes_spent", K_MONEY_POS}, {"profit", K_MONEY},
	  {"in_transit", K_COUNT}}},
	{"event",
	 {{"type", K_TYPE}, {"day", K_COUNT}, {"kind", K_EVENT_KIND}, {"faction", K_STR_NULL},
	  {"corridor", K_STR_NULL}, {"shipment", K_COUNT_NULL}, {"commodity", K_STR_NULL},
	  {"amount", K_MONEY}, {"source", K_STR_NULL}, {"demand", K_STR_NULL}, {"route", K_STRS_NULL},
	  {"bribe_total", K_MONEY_NULL}, {"bribe_map", K_ARRAY_NULL}, {"detail", K_STR}}},
	{"bribe_map", {{"border", K_STR}, {"amount", K_MONEY_POS}}},
	{"summary",
	 {{"type", K_TYPE}, {"day", K_COUNT}, {"digest", K_HEX16}, {"shipments_created", K_COUNT},
	  {"delivered", K_COUNT}, {"seized", K_COUNT}, {"lost", K_COUNT}, {"bribes_spent", K_MONEY_POS},
	  {"profit", K_MONEY}, {"in_transit", K_COUNT}, {"ledger", K_OBJECT}, {"health", K_OBJECT},
	  {"topk", K_OBJECT}, {"borders", K_ARRAY}, {"factions", K_ARRAY}}},
	{"ledger", {{"conserved", K_BOOL}, {"total", K_MONEY_POS}, {"minted", K_MONEY_POS}, {"burned", K_MONEY_POS}}},
	{"health",
	 {{"days", K_COUNT}, {"calibration", K_OBJECT}, {"decisions", K_OBJECT}, {"cap_binding_share", K_RATE},
	  {"bribe_short_share", K_RATE}, {"money", K_OBJECT}, {"balances", K_ARRAY},
	  {"balance_change", K_OBJECT}}},
	{"calibration", {{"error", K_RATE}, {"pairs", K_COUNT}, {"min_crossings", K_COUNT}}},
	{"decisions", {{"made", K_COUNT}, {"sent", K_COUNT}, {"explored", K_COUNT}, {"skipped", K_OBJECT}}},
	{"skipped",
	 {{"no_source", K_RATE}, {"no_demand", K_RATE}, {"no_buyers", K_RATE}, {"no_reach", K_RATE},
	  {"unprofitable", K_RATE}, {"cannot_afford", K_RATE}, {"transit_full", K_RATE}}},
	{"money", {{"minted", K_MONEY_POS}, {"burned", K_MONEY_POS}, {"by_reason", K_ARRAY}, {"flows", K_ARRAY}}},
	{"flows", {{"reason", K_STR}, {"amount", K_MONEY_POS}}},
	{"by_reason", {{"reason", K_STR}, {"kind", K_STR}, {"amount", K_MONEY_POS}}},
	{"balances", {{"id", K_STR}, {"start", K_MONEY_POS}, {"end", K_MONEY_POS}}},
	{"balance_change", {{"total", K_MONEY}, {"profit", K_MONEY}, {"upkeep", K_MONEY_POS}}},
	{"topk",
	 {{"window_days", K_COUNT}, {"routes_all", K_ARRAY}, {"routes_window", K_ARRAY}, {"borders_all", K_ARRAY},
	  {"borders_window", K_ARRAY}, {"factions_all", K_ARRAY}, {"factions_window", K_ARRAY}}},
	{"routes_all", {{"key", K_STR}, {"score", K_COUNT}}},
	{"routes_window", {{"key", K_STR}, {"score", K_COUNT}}},
	{"borders_all", {{"key", K_STR}, {"score", K_COUNT}}},
	{"borders_window", {{"key", K_STR}, {"score", K_COUNT}}},
	{"factions_all", {{"key", K_STR}, {"score", K_RATE}}},
	{"factions_window", {{"key", K_STR}, {"score", K_RATE}}},
	{"borders",
	 {{"id", K_STR}, {"from", K_STR}, {"to", K_STR}, {"traffic", K_COUNT}, {"checks", K_COUNT},
	  {"inspections", K_COUNT}, {"seizures", K_COUNT}, {"bribes", K_MONEY_POS}, {"tariffs", K_MONEY_POS},
	  {"crackdown", K_BOOL}}},
	{"factions",
	 {{"id", K_STR}, {"balance", K_MONEY_POS}, {"shipments", K_COUNT}, {"delivered", K_COUNT},
	  {"seized", K_COUNT}, {"lost", K_COUNT}, {"bribes", K_MONEY_POS}, {"success_rate", K_RATE}}},
};
#define N_KNOWN ((int)(sizeof known / sizeof known[0]))

/* The period counts that add up to the summary's totals. */
static const char *const summed[] = {"shipments_created", "delivered", "seized", "lost", "bribes_spent", "profit"};
#define N_SUMMED 6

/* ---- what the man page documents ---- */

#define MAX_NAME 48
#define MAX_KINDS 64

struct doc_record {
	char type[MAX_NAME];
	char names[MAX_FIELDS][MAX_NAME];
	int n;
};

static struct doc_record doc[MAX_RECORDS];
static int n_doc;
static char kinds[MAX_KINDS][MAX_NAME];
static int n_kinds;
static long line_no;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "jsonl_check: ");
	if (line_no > 0)
		fprintf(stderr, "line %ld: ", line_no);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static struct doc_record *doc_new(const char *type)
{
	struct doc_record *d;

	if (n_doc == MAX_RECORDS)
		die("smugnet(1) documents too many record types (%s)", type);
	d = &doc[n_doc++];
	snprintf(d->type, sizeof d->type, "%s", type);
	return d;
}

static void doc_add(struct doc_record *d, const char *name)
{
	if (d->n == MAX_FIELDS)
		die("smugnet(1): too many fields in the %s record", d->type);
	snprintf(d->names[d->n++], MAX_NAME, "%s", name);
}

static const struct doc_record *doc_find(const char *type)
{
	for (int i = 0; i < n_doc; i++)
		if (strcmp(doc[i].type, type) == 0)
			return &doc[i];
	return NULL;
}

/* One literal block of the JSON LINES section, e.g.
 *   {"type":"day","day":D,"shipments_created":n, ...}
 * Keys are quoted names followed by ':'; "key":[{...}] documents the
 * fields of that array's objects, "key":{...} the fields of that object,
 * each as the record of that name, nested to any depth; "<the counts of
 * a day record>" stands for the day record's fields after "type" and
 * "day". A quoted name inside [{...}] not followed by ':' is a field too. */
static void parse_block(const char *text)
{
	struct doc_record *stack[8];
	char pending[8][MAX_NAME];
	int depth = 0, array_at = -1;
	char type[MAX_NAME] = "";
	const char *p = strstr(text, "\"type\":\"");

	if (p == NULL)
		die("smugnet(1): a JSON LINES example without a \"type\"");
	sscanf(p + 8, "%47[a-z_]", type);
	stack[0] = doc_new(type);
	pending[0][0] = '\0';
	for (p = text; *p; p++) {
		if (*p == '<' && strncmp(p, "<the counts of a day record>", 28) == 0) {
			const struct doc_record *day = doc_find("day");

			if (day == NULL)
				die("smugnet(1): the summary refers to the day record before it is documented");
			for (int i = 2; i < day->n; i++)
				doc_add(stack[depth], day->names[i]);
			p += 27;
		} else if (*p == '{' && p > text && (p[-1] == ':' || p[-1] == '[')) {
			if (pending[depth][0] == '\0' || depth + 1 == 8)
				die("smugnet(1): an object without a name in the %s record", type);
			stack[depth + 1] = NULL;
			for (int i = 0; i < n_doc; i++) /* documented again: one set of fields */
				if (strcmp(doc[i].type, pending[depth]) == 0)
					stack[depth + 1] = &doc[i];
			if (stack[depth + 1] == NULL)
				stack[depth + 1] = doc_new(pending[depth]);
			if (p[-1] == '[')
				array_at = depth + 1;
			depth++;
			pending[depth][0] = '\0';
		} else if (*p == '}' && depth > 0) {
			if (array_at == depth)
				array_at = -1;
			depth--;
		} else if (*p == '"') {
			char name[MAX_NAME];
			size_t n = 0;
			const char *q = p + 1;

			while (*q && *q != '"' && n + 1 < sizeof name)
				name[n++] = *q++;
			name[n] = '\0';
			if (*q != '"')
				die("smugnet(1): unterminated string in the %s record", type);
			if (q[1] == ':' || (depth > 0 && array_at == depth)) {
				bool have = false;

				for (int k = 0; k < stack[depth]->n; k++)
					have |= strcmp(stack[depth]->names[k], name) == 0;
				if (!have)
					doc_add(stack[depth], name);
				snprintf(pending[depth], MAX_NAME, "%s", name);
			}
			/* otherwise a value such as "smugnet V" */
			p = q;
		}
	}
}

/* Read the JSON LINES section of the mdoc page: its literal blocks and
 * the list after "Kinds:". */
static void read_man(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512], block[4096] = "";
	bool in_section = false, in_block = false, in_kinds = false;

	if (f == NULL)
		die("%s: cannot read", path);
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, ".Sh ", 4) == 0) {
			in_section = strncmp(line, ".Sh JSON LINES", 14) == 0;
			continue;
		}
		if (!in_section)
			continue;
		if (strncmp(line, ".Bd -literal", 12) == 0) {
			in_block = true;
			block[0] = '\0';
		} else if (strncmp(line, ".Ed", 3) == 0) {
			in_block = false;
			parse_block(block);
		} else if (in_block) {
			strncat(block, line, sizeof block - strlen(block) - 1);
		} else if (strncmp(line, "Kinds:", 6) == 0 || (in_kinds && line[0] != '.')) {
			char *s = line + (in_kinds ? 0 : 6);

			in_kinds = true;
			for (char *t = strtok(s, " ,.\n"); t; t = strtok(NULL, " ,.\n"))
				if (n_kinds < MAX_KINDS)
					snprintf(kinds[n_kinds++], MAX_NAME, "%s", t);
		} else {
			in_kinds = false;
		}
	}
	fclose(f);
	if (n_doc == 0 || n_kinds == 0)
		die("%s: no JSON LINES section with record examples and event kinds", path);
}

/* The checker's table and the man page list the same records and fields. */
static void compare_with_man(const char *path)
{
	for (int i = 0; i < N_KNOWN; i++) {
		const struct record *r = &known[i];
		const struct doc_record *d = doc_find(r->type);
		int n = 0;

		if (d == NULL)
			die("%s: the %s record is not documented", path, r->type);
		for (; n < MAX_FIELDS && r->f[n].name; n++) {
			bool found = false;

			for (int k = 0; k < d->n; k++)
				found |= strcmp(d->names[k], r->f[n].name) == 0;
			if (!found)
				die("%s: field \"%s\" of the %s record is not documented", path, r->f[n].name, r->type);
		}
		for (int k = 0; k < d->n; k++) {
			bool found = false;

			for (int j = 0; j < n; j++)
				found |= strcmp(d->names[k], r->f[j].name) == 0;
			if (!found)
				die("%s: documents field \"%s\" of the %s record, which the checker does not know",
				    path, d->names[k], r->type);
		}
	}
	for (int i = 0; i < n_doc; i++) {
		bool found = false;

		for (int k = 0; k < N_KNOWN; k++)
			found |= strcmp(known[k].type, doc[i].type) == 0;
		if (!found)
			die("%s: documents a %s record, which the checker does not know", path, doc[i].type);
	}
}

/* ---- checking the output ---- */

static const struct record *record_of(const char *type)
{
	for (int i = 0; i < N_KNOWN; i++)
		if (strcmp(known[i].type, type) == 0)
			return &known[i];
	return NULL;
}

/* The raw text of every number that follows "key": in line, checked to
 * have exactly two decimals. */
static void check_money_text(const char *raw, const char *key)
{
	char pat[MAX_NAME + 4];
	const char *p = raw;

	snprintf(pat, sizeof pat, "\"%s\":", key);
	while ((p = strstr(p, pat)) != NULL) {
		const char *q = p + strlen(pat), *dot;

		p = q;
		if (strncmp(q, "null", 4) == 0) /* a money field that may be null */
			continue;
		if (*q == '-')
			q++;
		if (!isdigit((unsigned char)*q))
			die("\"%s\": money is not a number", key);
		while (isdigit((unsigned char)*q))
			q++;
		dot = q;
		if (*dot != '.' || !isdigit((unsigned char)dot[1]) || !isdigit((unsigned char)dot[2]) ||
		    isdigit((unsigned char)dot[3]) || dot[3] == 'e' || dot[3] == 'E')
			die("\"%s\": money must have exactly two decimals", key);
	}
}

static long long minor_units(const cJSON *j)
{
	double v = j->valuedouble * 100;

	return (long long)(v < 0 ? v - 0.5 : v + 0.5);
}

static bool is_whole(const cJSON *j)
{
	return cJSON_IsNumber(j) && j->valuedouble >= 0 && j->valuedouble <= 9007199254740992.0 &&
	       (double)(long long)j->valuedouble == j->valuedouble;
}

static void check_object(const cJSON *o, const struct record *r, const char *raw, const char *where);

static void check_value(const cJSON *j, const struct field *f, const char *raw, const char *where)
{
	switch (f->kind) {
	case K_TYPE:
	case K_STR:
		if (!cJSON_IsString(j))
			die("%s.%s: expected a string", where, f->name);
		break;
	case K_STR_NULL:
		if (!cJSON_IsString(j) && !cJSON_IsNull(j))
			die("%s.%s: expected a string or null", where, f->name);
		break;
	case K_COUNT_NULL:
		if (cJSON_IsNull(j))
			break;
		/* fall through */
	case K_COUNT:
		if (!is_whole(j))
			die("%s.%s: expected a whole number >= 0", where, f->name);
		break;
	case K_MONEY_POS:
		if (cJSON_IsNumber(j) && j->valuedouble < 0)
			die("%s.%s: money that cannot be negative is %g", where, f->name, j->valuedouble);
		/* fall through */
	case K_MONEY:
		if (!cJSON_IsNumber(j))
			die("%s.%s: expected money", where, f->name);
		check_money_text(raw, f->name);
		break;
	case K_RATE:
		if (!cJSON_IsNumber(j) || j->valuedouble < 0 || j->valuedouble > 1)
			die("%s.%s: expected a number in [0,1]", where, f->name);
		break;
	case K_BOOL:
		if (!cJSON_IsBool(j))
			die("%s.%s: expected true or false", where, f->name);
		break;
	case K_HEX16: {
		size_t n = cJSON_IsString(j) ? strlen(j->valuestring) : 0;

		if (n != 16 || strspn(j->valuestring, "0123456789abcdef") != 16)
			die("%s.%s: expected 16 hex digits", where, f->name);
		break;
	}
	case K_EVENT_KIND: {
		bool found = false;

		if (!cJSON_IsString(j))
			die("%s.%s: expected a string", where, f->name);
		for (int i = 0; i < n_kinds; i++)
			found |= strcmp(kinds[i], j->valuestring) == 0;
		if (n_kinds > 0 && !found)
			die("%s.%s: \"%s\" is not a documented event kind", where, f->name, j->valuestring);
		break;
	}
	case K_MONEY_NULL:
		if (cJSON_IsNull(j))
			break;
		if (!cJSON_IsNumber(j))
			die("%s.%s: expected money or null", where, f->name);
		check_money_text(raw, f->name);
		break;
	case K_STRS_NULL: {
		const cJSON *e;

		if (cJSON_IsNull(j))
			break;
		if (!cJSON_IsArray(j))
			die("%s.%s: expected an array of strings or null", where, f->name);
		cJSON_ArrayForEach(e, j)
			if (!cJSON_IsString(e))
				die("%s.%s: expected an array of strings", where, f->name);
		break;
	}
	case K_OBJECT:
		if (!cJSON_IsObject(j))
			die("%s.%s: expected an object", where, f->name);
		check_object(j, record_of(f->name), raw, f->name);
		break;
	case K_ARRAY_NULL:
	case K_ARRAY: {
		const struct record *sub = record_of(f->name);
		const cJSON *e;
		int i = 0;
		char at[64];

		if (f->kind == K_ARRAY_NULL && cJSON_IsNull(j))
			break;
		if (!cJSON_IsArray(j))
			die("%s.%s: expected an array", where, f->name);
		cJSON_ArrayForEach(e, j) {
			snprintf(at, sizeof at, "%s[%d]", f->name, i++);
			if (!cJSON_IsObject(e))
				die("%s: expected an object", at);
			check_object(e, sub, raw, at);
		}
		break;
	}
	}
}

/* o has exactly the fields of r, each of its kind. */
static void check_object(const cJSON *o, const struct record *r, const char *raw, const char *where)
{
	const cJSON *j;
	int n = 0;

	for (; n < MAX_FIELDS && r->f[n].name; n++) {
		j = cJSON_GetObjectItemCaseSensitive(o, r->f[n].name);
		if (j == NULL)
			die("%s: missing the documented field \"%s\"", where, r->f[n].name);
		check_value(j, &r->f[n], raw, where);
	}
	cJSON_ArrayForEach(j, o) {
		bool found = false;

		for (int i = 0; i < n; i++)
			found |= strcmp(j->string, r->f[i].name) == 0;
		if (!found)
			die("%s: field \"%s\" is not documented in smugnet(1)", where, j->string);
	}
}

static long long num(const cJSON *o, const char *key)
{
	return (long long)cJSON_GetObjectItemCaseSensitive(o, key)->valuedouble;
}

/* --document: stdin is one JSON object, wholly consumed (explain --json). */
static int check_document(void)
{
	size_t n = 0, cap = 4096;
	char *text = malloc(cap);
	const char *end = NULL;
	cJSON *o;

	while (text && (n += fread(text + n, 1, cap - n, stdin)) == cap)
		text = realloc(text, cap *= 2);
	if (text == NULL)
		die("out of memory");
	o = cJSON_ParseWithLengthOpts(text, n, &end, false);
	while (o && end < text + n && isspace((unsigned char)*end))
		end++;
	if (!cJSON_IsObject(o) || end != text + n)
		die("standard input is not one JSON object");
	cJSON_Delete(o);
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	char *line = NULL, last[16] = "";
	size_t cap = 0;
	ssize_t len;
	long days = 0, every = 0;
	long long start_day = -1, n_days = -1, prev_day = -1, last_event_day = -1, last_transit = -1;
	long long sums[N_SUMMED] = {0};

	if (argc == 2 && strcmp(argv[1], "--document") == 0)
		return check_document();
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--man") == 0 && i + 1 < argc) {
			read_man(argv[++i]);
			compare_with_man(argv[i]);
		} else if (strcmp(argv[i], "--every") == 0 && i + 1 < argc) {
			every = strtol(argv[++i], NULL, 10);
		} else {
			fprintf(stderr, "usage: jsonl_check [--man smugnet.1] [--every N] < run.jsonl\n"
					"       jsonl_check --document < file.json\n");
			return 2;
		}
	}
	while ((len = getline(&line, &cap, stdin)) > 0) {
		cJSON *o = cJSON_ParseWithLength(line, (size_t)len);
		const cJSON *t = o ? cJSON_GetObjectItemCaseSensitive(o, "type") : NULL;
		const struct record *r;
		long long day;

		line_no++;
		if (!cJSON_IsObject(o) || !cJSON_IsString(t))
			die("not a JSON object with a type");
		if (strcmp(last, "summary") == 0)
			die("a line after the summary");
		if (line_no == 1 && strcmp(t->valuestring, "header") != 0)
			die("expected the header");
		if (line_no > 1 && strcmp(t->valuestring, "header") == 0)
			die("a second header");
		r = record_of(t->valuestring);
		if (r == NULL || r->f[0].kind != K_TYPE)
			die("unknown record type \"%s\"", t->valuestring);
		check_object(o, r, line, t->valuestring);
		if (strcmp(r->type, "header") == 0) {
			start_day = num(o, "start_day");
			n_days = num(o, "days");
			prev_day = last_event_day = start_day;
			snprintf(last, sizeof last, "header");
			cJSON_Delete(o);
			continue;
		}
		day = num(o, "day");
		if (strcmp(r->type, "event") == 0) {
			if (day < last_event_day)
				die("event of day %lld after an event of day %lld", day, last_event_day);
			if (day < prev_day)
				die("event of day %lld after the day record of day %lld", day, prev_day);
			if (day < start_day || day > start_day + n_days)
				die("event of day %lld outside the run (days %lld to %lld)", day, start_day,
				    start_day + n_days);
			last_event_day = day;
		} else if (strcmp(r->type, "day") == 0) {
			if (day <= prev_day)
				die("day record %lld does not come after day %lld", day, prev_day);
			if (day < last_event_day)
				die("day record %lld after an event of day %lld", day, last_event_day);
			if (every > 0) {
				long long want = prev_day + every < start_day + n_days ? prev_day + every : start_day + n_days;

				if (day != want)
					die("day record at day %lld, expected day %lld (every %ld days)", day, want, every);
			}
			for (int i = 0; i < N_SUMMED; i++) {
				const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, summed[i]);

				sums[i] += i >= 4 ? minor_units(j) : (long long)j->valuedouble;
			}
			last_transit = num(o, "in_transit");
			prev_day = day;
			days++;
		} else { /* summary */
			if (day != start_day + n_days)
				die("summary at day %lld, but the run went from day %lld for %lld days", day, start_day,
				    n_days);
			if (days > 0 && day != prev_day)
				die("summary at day %lld, the last day record at day %lld", day, prev_day);
			for (int i = 0; i < N_SUMMED; i++) {
				const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, summed[i]);
				long long total = i >= 4 ? minor_units(j) : (long long)j->valuedouble;

				if (days > 0 && total != sums[i])
					die("summary %s is %lld, the day records add up to %lld%s", summed[i], total,
					    sums[i], i >= 4 ? " (hundredths)" : "");
			}
			if (days > 0 && num(o, "in_transit") != last_transit)
				die("summary in_transit %lld, the last day record says %lld", num(o, "in_transit"),
				    last_transit);
		}
		snprintf(last, sizeof last, "%s", t->valuestring);
		cJSON_Delete(o);
	}
	free(line);
	line_no = 0;
	if (strcmp(last, "summary") != 0)
		die("the last line is not the summary");
	printf("%ld day records\n", days);
	return 0;
}
