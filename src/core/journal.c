/* The command journal: what was done to a world, in order, so that the
 * scenario and the journal rebuild it exactly. Commands are recorded by
 * the command functions when they succeed; consecutive steps merge into
 * one entry. Every command but a step keeps the digest of the state it
 * left; steps leave periodic checks (every check_every days; when the
 * bounded list is full every other check goes and the spacing doubles).
 * Replay rebuilds the world and compares at each of those points. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "state.h"

#define JOURNAL_VERSION 2 /* 2: the scenario hash is of the parsed scenario, not its bytes */

void journal_init(struct smug_journal *j)
{
	memset(j, 0, sizeof *j);
	j->check_every = SMUG_JOURNAL_CHECK_EVERY;
	j->overflow_day = -1;
}

void journal_done(struct smug_journal *j)
{
	free(j->cmds);
	free(j->checks);
	journal_init(j);
}

void journal_prefix(struct smug_journal *dst, const struct smug_journal *src, int n_cmds, int day)
{
	struct smug_journal j;

	journal_init(&j);
	j.check_every = src->check_every;
	j.cap_cmds = n_cmds > 16 ? n_cmds : 16;
	j.cmds = xcalloc((size_t)j.cap_cmds, sizeof *j.cmds);
	if (n_cmds > 0)
		memcpy(j.cmds, src->cmds, (size_t)n_cmds * sizeof *j.cmds);
	j.n_cmds = n_cmds;
	if (n_cmds > 0 && j.cmds[n_cmds - 1].kind == SMUG_CMD_STEP &&
	    j.cmds[n_cmds - 1].day + j.cmds[n_cmds - 1].days > day)
		j.cmds[n_cmds - 1].days = day - j.cmds[n_cmds - 1].day;
	j.checks = xcalloc(SMUG_JOURNAL_CHECK_CAP, sizeof *j.checks);
	for (int i = 0; i < src->n_checks; i++)
		if (src->checks[i].after_cmds <= n_cmds && src->checks[i].day <= day)
			j.checks[j.n_checks++] = src->checks[i];
	if (src->overflow_day >= 0 && src->overflow_day <= day)
		j.overflow_day = src->overflow_day;
	journal_done(dst);
	*dst = j;
}

void journal_copy(struct smug_journal *dst, const struct smug_journal *src)
{
	int day = src->n_cmds > 0 ? 0x7fffffff : 0;

	journal_prefix(dst, src, src->n_cmds, day);
	dst->check_every = src->check_every;
	dst->overflow_day = src->overflow_day;
}

int smug_state_groups(const char **names, int max)
{
	static struct state_digest d;
	static bool known;

	if (!known) {
		/* the names come from the description; any world will do */
		struct smug_world *w = world_alloc();

		state_digest(w, &d);
		smug_world_free(w);
		known = true;
	}
	for (int i = 0; i < d.n_groups && i < max; i++)
		names[i] = d.group[i];
	return d.n_groups;
}

/* The groups periodic checks leave out: telemetry. */
static unsigned periodic_skip(void)
{
	const char *names[SMUG_STATE_GROUPS];
	int n = smug_state_groups(names, SMUG_STATE_GROUPS);

	for (int i = 0; i < n; i++)
		if (strcmp(names[i], "telemetry") == 0)
			return 1u << i;
	return 0;
}

static void take_check(const struct smug_world *w, struct smug_check *c, unsigned skip)
{
	struct state_digest d;

	state_digest_some(w, skip, &d);
	c->skip = skip;
	c->day = w->day;
	c->after_cmds = w->journal.n_cmds;
	c->digest = d.all;
	c->n_groups = d.n_groups < SMUG_STATE_GROUPS ? d.n_groups : SMUG_STATE_GROUPS;
	for (int i = 0; i < c->n_groups; i++)
		c->groups[i] = d.digest[i];
}

static struct smug_cmd *append(struct smug_world *w)
{
	struct smug_journal *j = &w->journal;

	if (j->n_cmds == SMUG_JOURNAL_CMD_CAP) {
		if (j->overflow_day < 0)
			j->overflow_day = w->day;
		return NULL;
	}
	if (j->n_cmds == j->cap_cmds) {
		j->cap_cmds = j->cap_cmds ? j->cap_cmds * 2 : 16;
		if (j->cap_cmds > SMUG_JOURNAL_CMD_CAP)
			j->cap_cmds = SMUG_JOURNAL_CMD_CAP;
		j->cmds = xrealloc(j->cmds, (size_t)j->cap_cmds * sizeof *j->cmds);
	}
	memset(&j->cmds[j->n_cmds], 0, sizeof j->cmds[0]);
	return &j->cmds[j->n_cmds++];
}

void journal_cmd(struct smug_world *w, const struct smug_cmd *c)
{
	struct smug_cmd *e;

	if (w->journal.overflow_day >= 0 || (e = append(w)) == NULL)
		return;
	*e = *c;
	e->day = w->day;
	e->checked = true;
	take_check(w, &e->check, 0);
}

void journal_step_day(struct smug_world *w, int day_before)
{
	struct smug_journal *j = &w->journal;
	struct smug_cmd *last = j->n_cmds ? &j->cmds[j->n_cmds - 1] : NULL;

	if (j->overflow_day >= 0)
		return;
	if (last && last->kind == SMUG_CMD_STEP && last->day + last->days == day_before) {
		last->days++;
	} else {
		if ((last = append(w)) == NULL)
			return;
		last->kind = SMUG_CMD_STEP;
		last->day = day_before;
		last->days = 1;
	}
	if (j->check_every > 0 && w->day % j->check_every == 0) {
		if (j->checks == NULL)
			j->checks = xcalloc(SMUG_JOURNAL_CHECK_CAP, sizeof *j->checks);
		if (j->n_checks >= SMUG_JOURNAL_CHECK_CAP) {
			for (int i = 0; i < j->n_checks / 2; i++)
				j->checks[i] = j->checks[2 * i + 1];
			j->n_checks /= 2;
			j->check_every *= 2;
			if (w->day % j->check_every != 0)
				return;
		}
		take_check(w, &j->checks[j->n_checks++], periodic_skip());
	}
}

void smug_journal_set_check_every(struct smug_world *w, int days)
{
	w->journal.check_every = days > 0 ? days : 0;
}

/* ---- applying a recorded command ---- */

enum smug_status journal_apply(struct smug_world *w, const struct smug_cmd *c, int days,
			       struct smug_error *err)
{
	switch (c->kind) {
	case SMUG_CMD_STEP: return smug_cmd_step(w, days);
	case SMUG_CMD_CRACKDOWN:
		return smug_cmd_crackdown_set(w, c->target, c->intensity, c->end_day, err);
	case SMUG_CMD_CLEAR: return smug_cmd_crackdown_clear(w, c->target, err);
	case SMUG_CMD_AUTO: smug_cmd_auto_crackdown(w, c->on); return SMUG_OK;
	case SMUG_CMD_SET: return smug_config_set(w, c->target, c->value, err);
	case SMUG_CMD_RESEED: return smug_world_reseed(w, c->seed, err);
	}
	return smug_error_set(err, SMUG_ERR_ARG, "journal: unknown command");
}

static enum smug_status step(struct smug_world *w, int days, struct smug_timeline *t)
{
	return t ? smug_timeline_step(t, w, days) : smug_cmd_step(w, days);
}

enum smug_status journal_continue(struct smug_world *w, const struct smug_journal *from, int to_day,
				  struct smug_timeline *t, struct smug_error *err)
{
	int n = w->journal.n_cmds;
	enum smug_status st = SMUG_OK;

	if (n > from->n_cmds)
		return smug_error_set(err, SMUG_ERR_ARG, "journal: the world is ahead of the journal");
	if (n > 0 && from->cmds[n - 1].kind == SMUG_CMD_STEP) {
		int end = from->cmds[n - 1].day + from->cmds[n - 1].days;

		if (end > w->day && (st = step(w, (end < to_day ? end : to_day) - w->day, t)) != SMUG_OK)
			return st;
	}
	for (int i = n; i < from->n_cmds && st == SMUG_OK; i++) {
		const struct smug_cmd *c = &from->cmds[i];

		if (c->day > to_day || (c->kind == SMUG_CMD_STEP && c->day >= to_day))
			break;
		if (c->day != w->day)
			return smug_error_set(err, SMUG_ERR_ARG,
					      "journal: command %d is for day %d, the world is at day %d", i + 1,
					      c->day, w->day);
		if (c->kind == SMUG_CMD_STEP) {
			st = step(w, (c->day + c->days < to_day ? c->day + c->days : to_day) - w->day, t);
		} else if ((st = journal_apply(w, c, 0, err)) != SMUG_OK && err) {
			char why[SMUG_ERROR_MAX];

			snprintf(why, sizeof why, "%s", err->msg);
			smug_error_set(err, st, "journal: command %d (day %d) fails: %s", i + 1, c->day, why);
		}
	}
	return st;
}

/* ---- journal.jsonl ---- */

struct text {
	char *p;
	size_t n, cap;
};

static void text_line(struct text *t, cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	size_t k = strlen(s);

	if (t->n + k + 2 > t->cap) {
		t->cap = (t->n + k + 2) * 2;
		t->p = xrealloc(t->p, t->cap);
	}
	memcpy(t->p + t->n, s, k);
	t->n += k;
	t->p[t->n++] = '\n';
	t->p[t->n] = '\0';
	free(s);
	cJSON_Delete(o);
}

static void add_hex(cJSON *o, const char *key, uint64_t v)
{
	char hex[17];

	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)v);
	cJSON_AddStringToObject(o, key, hex);
}

static void add_raw_num(cJSON *o, const char *key, double v)
{
	char buf[40];

	snprintf(buf, sizeof buf, "%.17g", v);
	cJSON_AddRawToObject(o, key, buf);
}

static void add_check(cJSON *o, const struct smug_check *c)
{
	const char *names[SMUG_STATE_GROUPS];
	int n = smug_state_groups(names, SMUG_STATE_GROUPS);
	cJSON *g;

	if (c->skip) {
		g = cJSON_AddArrayToObject(o, "skip");
		for (int i = 0; i < n; i++)
			if (c->skip >> i & 1u)
				cJSON_AddItemToArray(g, cJSON_CreateString(names[i]));
	}
	add_hex(o, "digest", c->digest);
	g = cJSON_AddArrayToObject(o, "groups");
	for (int i = 0; i < c->n_groups; i++) {
		char hex[17];

		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)c->groups[i]);
		cJSON_AddItemToArray(g, cJSON_CreateString(hex));
	}
}

static const char *const op_names[] = {"step", "crackdown", "clear", "auto", "set", "reseed"};

static void check_line(struct text *t, const struct smug_check *c)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", "check");
	cJSON_AddNumberToObject(o, "day", c->day);
	add_check(o, c);
	text_line(t, o);
}

static void cmd_line(struct text *t, const struct smug_cmd *c)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", "command");
	cJSON_AddNumberToObject(o, "day", c->day);
	cJSON_AddStringToObject(o, "op", op_names[c->kind]);
	switch (c->kind) {
	case SMUG_CMD_STEP: cJSON_AddNumberToObject(o, "days", c->days); break;
	case SMUG_CMD_CRACKDOWN:
		cJSON_AddStringToObject(o, "corridor", c->target);
		add_raw_num(o, "intensity", c->intensity);
		cJSON_AddNumberToObject(o, "end_day", c->end_day);
		break;
	case SMUG_CMD_CLEAR: cJSON_AddStringToObject(o, "corridor", c->target); break;
	case SMUG_CMD_AUTO: cJSON_AddBoolToObject(o, "on", c->on); break;
	case SMUG_CMD_SET:
		cJSON_AddStringToObject(o, "key", c->target);
		cJSON_AddStringToObject(o, "value", c->value);
		break;
	case SMUG_CMD_RESEED: json_add_u64(o, "seed", c->seed); break;
	}
	if (c->checked)
		add_check(o, &c->check);
	text_line(t, o);
}

char *smug_journal_to_jsonl(const struct smug_world *w)
{
	const struct smug_journal *j = &w->journal;
	const char *groups[SMUG_STATE_GROUPS];
	int ng = smug_state_groups(groups, SMUG_STATE_GROUPS), k = 0;
	struct text t = {0};
	struct smug_check end;
	cJSON *o = cJSON_CreateObject(), *g;

	cJSON_AddStringToObject(o, "type", "header");
	cJSON_AddStringToObject(o, "format", "smugnet-journal");
	cJSON_AddNumberToObject(o, "version", JOURNAL_VERSION);
	cJSON_AddStringToObject(o, "scenario", w->scenario_id);
	add_hex(o, "scenario_hash", w->scenario_hash);
	cJSON_AddNumberToObject(o, "start_day", w->start_day);
	cJSON_AddNumberToObject(o, "day", w->day);
	cJSON_AddNumberToObject(o, "commands", j->n_cmds);
	cJSON_AddNumberToObject(o, "check_every", j->check_every);
	cJSON_AddNumberToObject(o, "overflow_day", j->overflow_day);
	g = cJSON_AddArrayToObject(o, "groups");
	for (int i = 0; i < ng; i++)
		cJSON_AddItemToArray(g, cJSON_CreateString(groups[i]));
	text_line(&t, o);
	for (int i = 0; i <= j->n_cmds; i++) {
		while (k < j->n_checks && j->checks[k].after_cmds == i)
			check_line(&t, &j->checks[k++]);
		if (i < j->n_cmds)
			cmd_line(&t, &j->cmds[i]);
	}
	take_check(w, &end, 0);
	check_line(&t, &end);
	return t.p;
}

/* ---- reading it back ---- */

struct jp {
	const char *name;
	int line;
	struct smug_error *err;
	enum smug_status st;
	int head_day, head_cmds; /* what the header says the commands come to */
};

static bool jp_fail(struct jp *p, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool jp_fail(struct jp *p, const char *key, const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	p->st = smug_error_set(p->err, SMUG_ERR_SCHEMA, "%s: line %d: %s%s%s", p->name, p->line,
			       key ? key : "", key ? ": " : "", reason);
	return false;
}

static const cJSON *member(struct jp *p, const cJSON *o, const char *key, bool (*is)(const cJSON *),
			   const char *what)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (j == NULL) {
		jp_fail(p, key, "missing");
		return NULL;
	}
	if (!is(j)) {
		jp_fail(p, key, "expected %s", what);
		return NULL;
	}
	return j;
}

static bool is_number(const cJSON *j)
{
	return cJSON_IsNumber(j);
}

static bool is_string(const cJSON *j)
{
	return cJSON_IsString(j);
}

static bool is_bool(const cJSON *j)
{
	return cJSON_IsBool(j);
}

static bool is_array(const cJSON *j)
{
	return cJSON_IsArray(j);
}

static bool get_whole(struct jp *p, const cJSON *o, const char *key, double lo, double hi, double *out)
{
	const cJSON *j = member(p, o, key, is_number, "number");

	if (j == NULL)
		return false;
	if (j->valuedouble < lo || j->valuedouble > hi || j->valuedouble != (double)(int64_t)j->valuedouble) {
		char a[32], b[32], v[32];

		return jp_fail(p, key, "expected a whole number in [%s,%s], got %s", num_text(lo, a, sizeof a),
			       num_text(hi, b, sizeof b), num_text(j->valuedouble, v, sizeof v));
	}
	*out = j->valuedouble;
	return true;
}

static bool get_hex(struct jp *p, const cJSON *j, const char *key, uint64_t *out)
{
	char *end;

	if (!cJSON_IsString(j) || strlen(j->valuestring) != 16)
		return jp_fail(p, key, "expected 16 hexadecimal digits");
	*out = strtoull(j->valuestring, &end, 16);
	if (*end)
		return jp_fail(p, key, "expected 16 hexadecimal digits");
	return true;
}

static bool get_text(struct jp *p, const cJSON *o, const char *key, char *out, size_t size)
{
	const cJSON *j = member(p, o, key, is_string, "string");

	if (j == NULL)
		return false;
	if (strlen(j->valuestring) >= size)
		return jp_fail(p, key, "longer than %zu bytes", size - 1);
	str_copy(out, size, j->valuestring);
	return true;
}

/* "skip": the names of the groups a check left out. */
static bool read_skip(struct jp *p, const cJSON *o, unsigned *skip)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "skip"), *e;
	const char *names[SMUG_STATE_GROUPS];
	int n = smug_state_groups(names, SMUG_STATE_GROUPS);

	*skip = 0;
	if (a == NULL)
		return true;
	if (!cJSON_IsArray(a))
		return jp_fail(p, "skip", "expected array");
	cJSON_ArrayForEach(e, a) {
		int k = -1;

		for (int i = 0; i < n && cJSON_IsString(e); i++)
			if (strcmp(names[i], e->valuestring) == 0)
				k = i;
		if (k < 0)
			return jp_fail(p, "skip", "unknown field group");
		*skip |= 1u << k;
	}
	return true;
}

static bool read_check(struct jp *p, const cJSON *o, struct smug_check *c)
{
	const cJSON *g = member(p, o, "groups", is_array, "array");
	double day;
	int i = 0;

	if (!read_skip(p, o, &c->skip))
		return false;

	if (!get_whole(p, o, "day", 0, 1e9, &day) || g == NULL ||
	    !get_hex(p, cJSON_GetObjectItemCaseSensitive(o, "digest"), "digest", &c->digest))
		return false;
	c->day = (int)day;
	if (cJSON_GetArraySize(g) > SMUG_STATE_GROUPS)
		return jp_fail(p, "groups", "at most %d", SMUG_STATE_GROUPS);
	for (const cJSON *e = g->child; e; e = e->next, i++)
		if (!get_hex(p, e, "groups", &c->groups[i]))
			return false;
	c->n_groups = i;
	return true;
}

static bool read_cmd(struct jp *p, const cJSON *o, struct smug_cmd *c)
{
	const cJSON *j = member(p, o, "op", is_string, "string");
	double day, v;
	int k = -1;

	if (j == NULL || !get_whole(p, o, "day", 0, 1e9, &day))
		return false;
	for (int i = 0; i < (int)(sizeof op_names / sizeof op_names[0]); i++)
		if (strcmp(j->valuestring, op_names[i]) == 0)
			k = i;
	if (k < 0)
		return jp_fail(p, "op", "unknown command '%s'", j->valuestring);
	c->kind = (enum smug_cmd_kind)k;
	c->day = (int)day;
	switch (c->kind) {
	case SMUG_CMD_STEP:
		if (!get_whole(p, o, "days", 1, 1e9, &v))
			return false;
		c->days = (int)v;
		return true; /* steps carry no digest */
	case SMUG_CMD_CRACKDOWN:
		if (!get_text(p, o, "corridor", c->target, sizeof c->target) ||
		    (j = member(p, o, "intensity", is_number, "number")) == NULL ||
		    !get_whole(p, o, "end_day", -1, 1e9, &v))
			return false;
		c->intensity = j->valuedouble;
		c->end_day = (int)v;
		break;
	case SMUG_CMD_CLEAR:
		if (!get_text(p, o, "corridor", c->target, sizeof c->target))
			return false;
		break;
	case SMUG_CMD_AUTO:
		if ((j = member(p, o, "on", is_bool, "boolean")) == NULL)
			return false;
		c->on = cJSON_IsTrue(j);
		break;
	case SMUG_CMD_SET:
		if (!get_text(p, o, "key", c->target, sizeof c->target) ||
		    !get_text(p, o, "value", c->value, sizeof c->value))
			return false;
		break;
	case SMUG_CMD_RESEED:
		if (!get_whole(p, o, "seed", 0, 9007199254740991.0, &v))
			return false;
		c->seed = (uint64_t)v;
		break;
	}
	c->checked = true;
	return read_check(p, o, &c->check);
}

void smug_journal_file_done(struct smug_journal_file *f)
{
	journal_done(&f->j);
	free(f->cmd_line);
	free(f->check_line);
	memset(f, 0, sizeof *f);
	journal_init(&f->j);
}

static bool read_header(struct jp *p, const cJSON *o, struct smug_journal_file *f)
{
	const cJSON *j = member(p, o, "format", is_string, "string");
	double v;

	if (j == NULL)
		return false;
	if (strcmp(j->valuestring, "smugnet-journal") != 0)
		return jp_fail(p, "format", "expected \"smugnet-journal\", got \"%.40s\"%s", j->valuestring,
			       strcmp(j->valuestring, "smugnet-run") == 0 || strcmp(j->valuestring, "smugnet-branch") == 0
				       ? " (the output of smugnet run; run --journal FILE or --save writes a journal)"
				       : "");
	if (!get_whole(p, o, "version", 0, 1e9, &v))
		return false;
	if (v != JOURNAL_VERSION) {
		char t[32];

		p->st = smug_error_set(p->err, SMUG_ERR_VERSION,
				       "%s: line %d: version: journal version %s is not supported (this program reads %d)",
				       p->name, p->line, num_text(v, t, sizeof t), JOURNAL_VERSION);
		return false;
	}
	if (!get_text(p, o, "scenario", f->scenario_id, sizeof f->scenario_id) ||
	    !get_hex(p, cJSON_GetObjectItemCaseSensitive(o, "scenario_hash"), "scenario_hash",
		     &f->scenario_hash) ||
	    !get_whole(p, o, "start_day", 0, 1e8, &v))
		return false;
	f->start_day = (int)v;
	if (!get_whole(p, o, "day", 0, 1e9, &v))
		return false;
	p->head_day = (int)v;
	if (!get_whole(p, o, "commands", 0, SMUG_JOURNAL_CMD_CAP, &v))
		return false;
	p->head_cmds = (int)v;
	if (!get_whole(p, o, "check_every", 0, 1e9, &v))
		return false;
	f->j.check_every = (int)v;
	if (!get_whole(p, o, "overflow_day", -1, 1e9, &v))
		return false;
	f->j.overflow_day = (int)v;
	return true;
}

static bool read_line(struct jp *p, const char *at, size_t n, struct smug_journal_file *f)
{
	cJSON *o = NULL;
	const cJSON *type;
	char where[SMUG_ERROR_MAX];
	size_t blank = 0;
	bool ok;

	snprintf(where, sizeof where, "%s: line %d", p->name, p->line);
	while (blank < n && (at[blank] == ' ' || at[blank] == '\t' || at[blank] == '\r'))
		blank++;
	if (blank == n) {
		p->st = smug_error_set(p->err, SMUG_ERR_PARSE, "%s: an empty line (each line of a journal is one "
				       "JSON object)", where);
		return false;
	}
	if ((p->st = json_parse_span(at, n, where, &o, p->err)) != SMUG_OK)
		return false;
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		p->st = smug_error_set(p->err, SMUG_ERR_PARSE, "%s: malformed JSON", where);
		return false;
	}
	type = member(p, o, "type", is_string, "string");
	if (type == NULL) {
		ok = false;
	} else if (p->line == 1) {
		ok = strcmp(type->valuestring, "header") == 0 ? read_header(p, o, f)
							       : jp_fail(p, "type", "expected \"header\" first");
	} else if (strcmp(type->valuestring, "command") == 0) {
		struct smug_journal *j = &f->j;

		if (j->n_cmds == SMUG_JOURNAL_CMD_CAP) {
			ok = jp_fail(p, NULL, "more than %d commands", SMUG_JOURNAL_CMD_CAP);
		} else {
			if (j->n_cmds == j->cap_cmds) {
				j->cap_cmds = j->cap_cmds ? j->cap_cmds * 2 : 16;
				j->cmds = xrealloc(j->cmds, (size_t)j->cap_cmds * sizeof *j->cmds);
				f->cmd_line = xrealloc(f->cmd_line, (size_t)j->cap_cmds * sizeof *f->cmd_line);
			}
			memset(&j->cmds[j->n_cmds], 0, sizeof j->cmds[0]);
			f->cmd_line[j->n_cmds] = p->line;
			ok = read_cmd(p, o, &j->cmds[j->n_cmds++]);
		}
	} else if (strcmp(type->valuestring, "check") == 0) {
		struct smug_journal *j = &f->j;

		if (j->n_checks == SMUG_JOURNAL_CHECK_CAP + 1) {
			ok = jp_fail(p, NULL, "more than %d checks", SMUG_JOURNAL_CHECK_CAP + 1);
		} else {
			if (j->checks == NULL) {
				j->checks = xcalloc(SMUG_JOURNAL_CHECK_CAP + 1, sizeof *j->checks);
				f->check_line = xcalloc(SMUG_JOURNAL_CHECK_CAP + 1, sizeof *f->check_line);
			}
			f->check_line[j->n_checks] = p->line;
			j->checks[j->n_checks].after_cmds = j->n_cmds;
			ok = read_check(p, o, &j->checks[j->n_checks++]);
		}
	} else {
		ok = jp_fail(p, "type", "expected \"command\" or \"check\", got \"%s\"", type->valuestring);
	}
	cJSON_Delete(o);
	return ok;
}

/* The header's command count and end day are those of the lines below
 * it: a journal cut short, or one whose steps were edited (a step of
 * 100000000 days under a header of day 40 replayed for hours), is
 * refused when read. A journal that stopped recording (overflow_day)
 * ends before the header's day. */
static bool header_agrees(struct jp *p, const struct smug_journal_file *f)
{
	const struct smug_journal *j = &f->j;
	int end = f->start_day;

	p->line = 1;
	if (j->n_cmds != p->head_cmds)
		return jp_fail(p, "commands", "the header says %d, the journal holds %d", p->head_cmds, j->n_cmds);
	if (j->overflow_day >= 0)
		return true;
	if (j->n_cmds > 0) {
		const struct smug_cmd *c = &j->cmds[j->n_cmds - 1];

		end = c->kind == SMUG_CMD_STEP ? c->day + c->days : c->day;
	}
	if (end != p->head_day)
		return jp_fail(p, "day", "the header says %d, the journal's commands end at day %d", p->head_day, end);
	return true;
}

enum smug_status smug_journal_parse(const char *text, size_t len, const char *name,
				    struct smug_journal_file *out, struct smug_error *err)
{
	struct jp p = {.name = name, .err = err};
	struct smug_journal_file f = {0};
	size_t at = 0;
	enum smug_status st;

	if ((st = json_text_check(text, len, name, err)) != SMUG_OK)
		return st;
	journal_init(&f.j);
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;

		p.line++;
		if (!read_line(&p, text + at, n, &f)) {
			smug_journal_file_done(&f);
			return p.st;
		}
		at += n + 1;
	}
	if (p.line == 0) {
		smug_journal_file_done(&f);
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: empty journal", name);
	}
	if (!header_agrees(&p, &f)) {
		smug_journal_file_done(&f);
		return p.st;
	}
	smug_journal_file_done(out);
	*out = f;
	return SMUG_OK;
}

/* ---- replay ---- */

struct replay {
	struct smug_world *w;
	const struct smug_journal_file *f;
	struct smug_replay_report *r;
	int next_check;
};

static bool mismatch(struct smug_replay_report *r, int day, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Fill the report with the first divergence; returns false. */
static bool mismatch(struct smug_replay_report *r, int day, int line, const char *fmt, ...)
{
	va_list ap;

	r->ok = false;
	r->diverged_day = day;
	r->line = line;
	va_start(ap, fmt);
	vsnprintf(r->what, sizeof r->what, fmt, ap);
	va_end(ap);
	return false;
}

/* Compare the state with a recorded check; false (and the report
 * filled) on a mismatch. */
static bool verify(struct replay *rp, const struct smug_check *c, int line)
{
	struct state_digest d;
	struct smug_replay_report *r = rp->r;
	struct sbuf b;
	int differ = 0;

	r->checks++;
	if (c->day != rp->w->day)
		return mismatch(r, c->day < rp->w->day ? c->day : rp->w->day, line,
				"the journal has a check for day %d, the replay is at day %d", c->day, rp->w->day);
	state_digest_some(rp->w, c->skip, &d);
	if (d.all == c->digest) {
		r->prev_match_day = c->day;
		return true;
	}
	mismatch(r, c->day, line, "state digest %016llx, the journal says %016llx",
		 (unsigned long long)d.all, (unsigned long long)c->digest);
	b = (struct sbuf){r->what, sizeof r->what, strlen(r->what)};
	for (int i = 0; i < d.n_groups; i++)
		if (!(c->skip >> i & 1u) && (i >= c->n_groups || d.digest[i] != c->groups[i])) {
			sb_str(&b, differ++ ? " " : "; groups that differ: ", SIZE_MAX);
			sb_str(&b, d.group[i], SIZE_MAX);
		}
	/* every group the same and the whole not: the check line's own
	 * digest was changed (by hand), not the world */
	if (differ == 0)
		sb_str(&b, ", though every group's digest matches: the check line itself was likely edited", SIZE_MAX);
	return false;
}

/* The periodic checks recorded after command i (count = i) at today. */
static bool verify_pending(struct replay *rp, int after)
{
	const struct smug_journal *j = &rp->f->j;

	/* after the last recorded command of a journal that overflowed come
	 * commands it did not record: its checks there prove nothing */
	if (j->overflow_day >= 0 && after == j->n_cmds)
		return true;
	while (rp->next_check < j->n_checks && j->checks[rp->next_check].after_cmds == after &&
	       j->checks[rp->next_check].day <= rp->w->day) {
		int k = rp->next_check++;

		if (!verify(rp, &j->checks[k], rp->f->check_line[k]))
			return false;
	}
	return true;
}

/* Before command i: a check recorded above it whose day the replay has
 * not reached is out of place (a check follows the command whose step
 * reaches its day); left pending, it hid every later check and was told
 * as "the replay ends ... before this check". False (the report filled)
 * for such a check. */
static bool check_placed(struct replay *rp, int i)
{
	const struct smug_journal *j = &rp->f->j;
	const struct smug_check *c;

	if (rp->next_check >= j->n_checks || j->checks[rp->next_check].after_cmds > i)
		return true;
	c = &j->checks[rp->next_check];
	return mismatch(rp->r, rp->w->day, rp->f->check_line[rp->next_check],
			"the check for day %d comes before line %d, a%s %s on day %d; a check follows the command "
			"that reaches its day (was the line moved?)",
			c->day, rp->f->cmd_line[i], j->cmds[i].kind == SMUG_CMD_AUTO ? "n" : "",
			op_names[j->cmds[i].kind], j->cmds[i].day);
}

static bool replay_cmd(struct replay *rp, int i, struct smug_error *err)
{
	const struct smug_cmd *c = &rp->f->j.cmds[i];
	struct smug_replay_report *r = rp->r;
	int line = rp->f->cmd_line[i];
	struct smug_error cmd_err;

	if (c->day != rp->w->day)
		return mismatch(r, c->day < rp->w->day ? c->day : rp->w->day, line,
				"the command is recorded for day %d, the replay is at day %d", c->day, rp->w->day);
	r->commands++;
	if (c->kind == SMUG_CMD_STEP) {
		for (int d = 0; d < c->days; d++) {
			smug_cmd_step(rp->w, 1);
			r->days++;
			if (!verify_pending(rp, i + 1))
				return false;
		}
		return true;
	}
	(void)err;
	if (journal_apply(rp->w, c, 0, &cmd_err) != SMUG_OK)
		return mismatch(r, c->day, line, "the command fails: %.400s", cmd_err.msg);
	return !c->checked || verify(rp, &c->check, line);
}

/* The lines of journal.jsonl as smug_journal_to_jsonl lays them out: the
 * header, then before each command the checks taken before it. */
static void layout_lines(const struct smug_journal *j, int *cmd_line, int *check_line)
{
	int line = 1, k = 0;

	for (int i = 0; i <= j->n_cmds; i++) {
		while (k < j->n_checks && j->checks[k].after_cmds == i)
			check_line[k++] = ++line;
		if (i < j->n_cmds)
			cmd_line[i] = ++line;
	}
}

static enum smug_status replay_run(const char *scenario, size_t scenario_len, const char *scenario_name,
				   const struct smug_journal_file *f, const struct smug_world *end,
				   struct smug_replay_report *r, struct smug_error *err);

enum smug_status smug_replay(const char *scenario, size_t scenario_len, const char *scenario_name,
			     const struct smug_journal_file *f, const struct smug_world *end,
			     struct smug_replay_report *r, struct smug_error *err)
{
	struct smug_journal_file lined;
	enum smug_status st;

	if (f->cmd_line && (f->check_line || f->j.n_checks == 0))
		return replay_run(scenario, scenario_len, scenario_name, f, end, r, err);
	lined = *f;
	lined.cmd_line = xcalloc((size_t)f->j.n_cmds + 1, sizeof *lined.cmd_line);
	lined.check_line = xcalloc((size_t)f->j.n_checks + 1, sizeof *lined.check_line);
	layout_lines(&f->j, lined.cmd_line, lined.check_line);
	st = replay_run(scenario, scenario_len, scenario_name, &lined, end, r, err);
	free(lined.cmd_line);
	free(lined.check_line);
	return st;
}

static enum smug_status replay_run(const char *scenario, size_t scenario_len, const char *scenario_name,
				   const struct smug_journal_file *f, const struct smug_world *end,
				   struct smug_replay_report *r, struct smug_error *err)
{
	struct replay rp = {.f = f, .r = r};
	enum smug_status st;

	memset(r, 0, sizeof *r);
	r->ok = true;
	r->diverged_day = r->prev_match_day = -1;
	st = smug_world_load_json(scenario, scenario_len, scenario_name, &rp.w, err);
	if (st != SMUG_OK)
		return st;
	if (rp.w->scenario_hash != f->scenario_hash || strcmp(rp.w->scenario_id, f->scenario_id) != 0) {
		st = smug_error_set(err, SMUG_ERR_SCHEMA,
				    "%s: scenario %s (hash %016llx) is not the journal's %s (hash %016llx)",
				    scenario_name, rp.w->scenario_id, (unsigned long long)rp.w->scenario_hash,
				    f->scenario_id, (unsigned long long)f->scenario_hash);
		smug_world_free(rp.w);
		return st;
	}
	smug_journal_set_check_every(rp.w, f->j.check_every);
	r->world = rp.w;
	if (!verify_pending(&rp, 0))
		return SMUG_OK;
	for (int i = 0; i < f->j.n_cmds; i++)
		if (!check_placed(&rp, i) || !replay_cmd(&rp, i, err) || !verify_pending(&rp, i + 1))
			return SMUG_OK;
	if (rp.next_check < f->j.n_checks && f->j.overflow_day < 0) {
		mismatch(r, f->j.checks[rp.next_check].day, f->check_line[rp.next_check],
			 "the replay ends at day %d before this check", rp.w->day);
		return SMUG_OK;
	}
	if (f->j.overflow_day >= 0) {
		mismatch(r, f->j.overflow_day, 0,
			 "the journal stopped recording commands at day %d (more than %d); later days cannot be replayed",
			 f->j.overflow_day, SMUG_JOURNAL_CMD_CAP);
		return SMUG_OK;
	}
	if (end) {
		char path[256];
		const char *group;

		if (end->day != rp.w->day)
			mismatch(r, rp.w->day < end->day ? rp.w->day : end->day, 0,
				 "the replay ends at day %d, the snapshot is at day %d", rp.w->day, end->day);
		else if (state_compare(rp.w, end, path, sizeof path, &group))
			mismatch(r, end->day, 0, "the snapshot differs at %.200s (group %s)", path, group);
	}
	return SMUG_OK;
}
