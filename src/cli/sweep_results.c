/* Reading sweep results back: every result file is checked against the
 * manifest (its check sum, the manifest it was made for, its task, seed,
 * setting and factions) before a number is used, and every problem is
 * named as "file: path: reason". Missing, duplicate, foreign and
 * tampered results are all problems; collect exits 3 on any. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <xxhash.h>

#include "cli/sweep.h"

const char *const sweep_figure_names[SWEEP_FIG_COUNT] = {
	"shipments_created", "delivered", "seized", "lost", "bribes_spent", "profit", "in_transit",
};

int sweep_factions_load(const struct sweep_manifest *m, struct sweep_factions *f)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	char name[4200];
	size_t len;
	const char *text = sweep_scenario(m, &len, name, sizeof name);

	memset(f, 0, sizeof *f);
	if (smug_world_load_json(text, len, name, &w, &err) != SMUG_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return EXIT_BAD_INPUT;
	}
	f->ids = calloc((size_t)w->n_factions + 1, sizeof *f->ids);
	for (int k = 0; k < w->n_factions; k++)
		if (w->factions[k].runs_network)
			f->ids[f->n++] = strdup(w->factions[k].id);
	smug_world_free(w);
	return EXIT_OK;
}

void sweep_factions_done(struct sweep_factions *f)
{
	for (int k = 0; k < f->n; k++)
		free(f->ids[k]);
	free(f->ids);
	memset(f, 0, sizeof *f);
}

static bool problem(const char *file, const char *path, const char *reason)
{
	progress_clear();
	fprintf(stderr, "%s: %s: %s\n", file, path, reason);
	return false;
}

static bool num(const cJSON *o, const char *key, double *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(j))
		return false;
	*out = j->valuedouble;
	return true;
}

/* What a run can write: money in credits within what int64 minor units
 * hold, counts whole and not negative, days from 1. A result whose check
 * sum holds (resealed by hand) is still refused outside these, before a
 * number is used or converted to an integer. */
#define RESULT_MONEY_MAX 92233720368547758.07
#define RESULT_COUNT_MAX 9007199254740991.0
#define RESULT_DAY_MAX 100000000.0

/* v in [lo, hi] (and whole): else a problem at path, or at path.name
 * when name is given (formatted only then). */
static bool in_range(const char *file, const char *path, const char *name, double v, double lo, double hi,
		     bool whole)
{
	char reason[160], at[96];

	if (v >= lo && v <= hi && (!whole || v == (double)(long long)v))
		return true;
	if (name) {
		snprintf(at, sizeof at, "%s.%s", path, name);
		path = at;
	}
	snprintf(reason, sizeof reason, "expected %s in [%.17g,%.17g], got %.17g", whole ? "a whole number" : "a number",
		 lo, hi, v);
	return problem(file, path, reason);
}

/* A figure of a day record or of the summary (enum sweep_figure). */
static bool figure_ok(const char *file, const char *at, int fig, double v)
{
	bool money = fig == SWEEP_FIG_PROFIT || fig == SWEEP_FIG_BRIBES;

	return in_range(file, at, sweep_figure_names[fig], v, fig == SWEEP_FIG_PROFIT ? -RESULT_MONEY_MAX : 0,
			money ? RESULT_MONEY_MAX : RESULT_COUNT_MAX, !money);
}

/* The check sum: XXH3 of every byte before ,"check":"...", which must
 * close the file. */
static bool check_sum_ok(const char *bytes, size_t len)
{
	static const char tag[] = ",\"check\":\"";
	const char *at = NULL, *p = bytes;
	char want[17];

	while ((p = strstr(p, tag)) != NULL)
		at = p++;
	if (at == NULL || (size_t)(bytes + len - at) != sizeof tag - 1 + 16 + 3 ||
	    strcmp(at + sizeof tag - 1 + 16, "\"}\n") != 0)
		return false;
	snprintf(want, sizeof want, "%016llx",
		 (unsigned long long)XXH3_64bits(bytes, (size_t)(at - bytes)));
	return memcmp(at + sizeof tag - 1, want, 16) == 0;
}

static bool load_series(const char *file, const cJSON *root, int nf, struct sweep_result *r)
{
	const cJSON *series = cJSON_GetObjectItemCaseSensitive(root, "series");
	const cJSON *bal = cJSON_GetObjectItemCaseSensitive(root, "balances"), *e, *b;
	char path[64];
	int p = 0;

	if (!cJSON_IsArray(series) || !cJSON_IsArray(bal) ||
	    cJSON_GetArraySize(series) != cJSON_GetArraySize(bal))
		return problem(file, "series", "expected arrays series and balances of one length");
	r->n_points = cJSON_GetArraySize(series);
	r->days = calloc((size_t)r->n_points + 1, sizeof *r->days);
	r->series = calloc((size_t)r->n_points * SWEEP_FIG_COUNT + 1, sizeof *r->series);
	r->balances = calloc((size_t)r->n_points * (size_t)nf + 1, sizeof *r->balances);
	b = bal->child;
	cJSON_ArrayForEach(e, series) {
		double day, v;
		int k = 0;
		const cJSON *x;

		snprintf(path, sizeof path, "series[%d]", p);
		if (!num(e, "day", &day))
			return problem(file, path, "expected a day record");
		if (!in_range(file, path, "day", day, 1, RESULT_DAY_MAX, true))
			return false;
		r->days[p] = (int)day;
		for (int fig = 0; fig < SWEEP_FIG_COUNT; fig++) {
			if (!num(e, sweep_figure_names[fig], &v))
				return problem(file, path, "expected every figure of a day record");
			if (!figure_ok(file, path, fig, v))
				return false;
			r->series[(size_t)p * SWEEP_FIG_COUNT + (size_t)fig] = v;
		}
		snprintf(path, sizeof path, "balances[%d]", p);
		if (!cJSON_IsArray(b) || cJSON_GetArraySize(b) != nf)
			return problem(file, path, "expected one balance per faction");
		cJSON_ArrayForEach(x, b) {
			if (!cJSON_IsNumber(x))
				return problem(file, path, "expected numbers");
			if (!in_range(file, path, NULL, x->valuedouble, -RESULT_MONEY_MAX, RESULT_MONEY_MAX, false))
				return false;
			r->balances[(size_t)p * (size_t)nf + (size_t)k++] = x->valuedouble;
		}
		b = b->next;
		p++;
	}
	return true;
}

static bool load_summary(const char *file, const cJSON *root, const struct sweep_factions *f,
			 struct sweep_result *r)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "summary"), *d, *fa, *e;
	const cJSON *bk = cJSON_GetObjectItemCaseSensitive(root, "bankrupt_day");
	int k = 0;

	if (!cJSON_IsObject(s))
		return problem(file, "summary", "expected the run summary");
	d = cJSON_GetObjectItemCaseSensitive(s, "digest");
	if (!cJSON_IsString(d) || strlen(d->valuestring) != 16)
		return problem(file, "summary.digest", "expected 16 hex digits");
	memcpy(r->digest, d->valuestring, 17);
	for (int fig = 0; fig < SWEEP_FIG_COUNT; fig++)
		if (!num(s, sweep_figure_names[fig], &r->totals[fig]))
			return problem(file, "summary", "expected the run totals");
		else if (!figure_ok(file, "summary", fig, r->totals[fig]))
			return false;
	fa = cJSON_GetObjectItemCaseSensitive(s, "factions");
	if (!cJSON_IsArray(fa) || cJSON_GetArraySize(fa) != f->n)
		return problem(file, "summary.factions", "expected one entry per faction");
	if (!cJSON_IsArray(bk) || cJSON_GetArraySize(bk) != f->n)
		return problem(file, "bankrupt_day", "expected one entry per faction");
	r->n_factions = f->n;
	r->balance_end = calloc((size_t)f->n + 1, sizeof *r->balance_end);
	r->success_rate = calloc((size_t)f->n + 1, sizeof *r->success_rate);
	r->bankrupt_day = calloc((size_t)f->n + 1, sizeof *r->bankrupt_day);
	cJSON_ArrayForEach(e, fa) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		char path[64];

		snprintf(path, sizeof path, "summary.factions[%d]", k);
		if (!cJSON_IsString(id) || strcmp(id->valuestring, f->ids[k]) != 0 ||
		    !num(e, "balance", &r->balance_end[k]) || !num(e, "success_rate", &r->success_rate[k]))
			return problem(file, path, "expected the factions of the sweep's world in id order");
		if (!in_range(file, path, NULL, r->balance_end[k], -RESULT_MONEY_MAX, RESULT_MONEY_MAX, false) ||
		    !in_range(file, path, NULL, r->success_rate[k], 0, 1, false))
			return false;
		k++;
	}
	k = 0;
	cJSON_ArrayForEach(e, bk) {
		char path[64];

		snprintf(path, sizeof path, "bankrupt_day[%d]", k);
		if (cJSON_IsNull(e))
			r->bankrupt_day[k] = -1;
		else if (cJSON_IsNumber(e) && !in_range(file, path, NULL, e->valuedouble, 1, RESULT_DAY_MAX, true))
			return false;
		else if (cJSON_IsNumber(e))
			r->bankrupt_day[k] = (int)e->valuedouble;
		else
			return problem(file, path, "expected a day or null");
		k++;
	}
	return true;
}

bool sweep_result_load(const struct sweep_manifest *m, const struct sweep_factions *f,
		       long long i, struct sweep_result *r)
{
	char file[4096], want[17], why[160];
	char *bytes = NULL;
	size_t len;
	cJSON *root = NULL;
	const cJSON *j;
	double v;
	bool ok = false;
	struct smug_error err;

	memset(r, 0, sizeof *r);
	r->task = i;
	sweep_result_path(file, sizeof file, m->dir, i);
	if (!sweep_result_file_exists(m, i)) {
		char mf[4096], path[64];

		sweep_path(mf, sizeof mf, m->dir, "manifest.json");
		snprintf(path, sizeof path, "tasks[%lld]", i);
		snprintf(why, sizeof why, "no result (results/%lld.json is missing)", i);
		return problem(mf, path, why);
	}
	if (cli_read_file(file, &bytes, &len) != EXIT_OK)
		return false;
	if (!check_sum_ok(bytes, len)) {
		/* one that run takes for a result was changed; one it does not
		 * (empty, cut short) it makes again */
		problem(file, "check", sweep_result_exists(m, i)
			? "the content does not match its check sum (changed after it was written)"
			: "not a whole result (empty, or cut short); sweep run makes it again");
		goto out;
	}
	if (smug_json_check(bytes, len, file, &err) != SMUG_OK) {
		progress_clear();
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	if ((root = cJSON_ParseWithLength(bytes, len)) == NULL || !cJSON_IsObject(root)) {
		problem(file, "(root)", "malformed JSON");
		goto out;
	}
	if (smug_json_dup_check(root, file, &err) != SMUG_OK) {
		progress_clear();
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	j = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(j) || strcmp(j->valuestring, SWEEP_RESULT_FORMAT) != 0) {
		problem(file, "format", "expected \"" SWEEP_RESULT_FORMAT "\"");
		goto out;
	}
	j = cJSON_GetObjectItemCaseSensitive(root, "manifest");
	snprintf(want, sizeof want, "%016llx", (unsigned long long)m->hash);
	if (!cJSON_IsString(j) || strcmp(j->valuestring, want) != 0) {
		snprintf(why, sizeof why, "made for another sweep (manifest %.16s, this one is %s)",
			 cJSON_IsString(j) ? j->valuestring : "?", want);
		problem(file, "manifest", why);
		goto out;
	}
	if (!num(root, "task", &v) || v != (double)i) {
		snprintf(why, sizeof why, "expected task %lld, the file's name", i);
		problem(file, "task", why);
		goto out;
	}
	if (!num(root, "seed", &v) || v != (double)m->tasks[i].seed) {
		snprintf(why, sizeof why, "expected seed %lld, as the manifest's task %lld",
			 m->tasks[i].seed, i);
		problem(file, "seed", why);
		goto out;
	}
	if (!num(root, "setting", &v) || v != (double)m->tasks[i].setting) {
		snprintf(why, sizeof why, "expected setting %d, as the manifest's task %lld",
			 m->tasks[i].setting, i);
		problem(file, "setting", why);
		goto out;
	}
	ok = load_summary(file, root, f, r) && load_series(file, root, f->n, r);
	if (ok && r->n_points != m->days / m->stride + (m->days % m->stride != 0)) {
		snprintf(why, sizeof why, "expected %lld day records (%lld days at stride %d)",
			 m->days / m->stride + (m->days % m->stride != 0), m->days, m->stride);
		ok = problem(file, "series", why);
	}
out:
	cJSON_Delete(root);
	free(bytes);
	if (!ok)
		sweep_result_done(r);
	return ok;
}

void sweep_result_done(struct sweep_result *r)
{
	free(r->balance_end);
	free(r->success_rate);
	free(r->bankrupt_day);
	free(r->days);
	free(r->series);
	free(r->balances);
	memset(r, 0, sizeof *r);
}

/* A file in results/ whose name is not a task's: a duplicate when it
 * holds a result of this sweep, foreign otherwise. */
static void odd_file(const struct sweep_manifest *m, const char *name)
{
	char file[4096], want[17], why[200];
	char *bytes = NULL;
	size_t len;
	cJSON *root;
	double task;

	snprintf(file, sizeof file, "%s/" SWEEP_RESULTS "/%s", m->dir, name);
	snprintf(want, sizeof want, "%016llx", (unsigned long long)m->hash);
	if (cli_read_file(file, &bytes, &len) != EXIT_OK)
		return;
	root = cJSON_ParseWithLength(bytes, len);
	if (root && num(root, "task", &task) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "manifest")) &&
	    strcmp(cJSON_GetObjectItemCaseSensitive(root, "manifest")->valuestring, want) == 0) {
		snprintf(why, sizeof why, "duplicate: a second result of task %.0f (its place is results/%.0f.json)",
			 task, task);
		problem(file, "task", why);
	} else {
		problem(file, "(file)", "foreign: not a result of this sweep (results hold only I.json files)");
	}
	cJSON_Delete(root);
	free(bytes);
}

static bool canonical_name(const char *name, long long n_tasks)
{
	long long v;
	char num_part[32];
	size_t n = strlen(name);

	if (n < 6 || n - 5 >= sizeof num_part || strcmp(name + n - 5, ".json") != 0)
		return false;
	memcpy(num_part, name, n - 5);
	num_part[n - 5] = '\0';
	if (!cli_parse_int(num_part, n_tasks - 1, &v))
		return false;
	snprintf(num_part, sizeof num_part, "%lld.json", v);
	return strcmp(num_part, name) == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

long long sweep_results_check(const struct sweep_manifest *m)
{
	char dir[4096];
	DIR *d;
	struct dirent *e;
	long long problems = 0;
	char **odd = NULL;
	size_t n_odd = 0;

	sweep_path(dir, sizeof dir, m->dir, SWEEP_RESULTS);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || canonical_name(e->d_name, m->n_tasks))
			continue;
		odd = realloc(odd, (n_odd + 1) * sizeof *odd);
		odd[n_odd++] = strdup(e->d_name);
	}
	closedir(d);
	if (n_odd > 1)
		qsort(odd, n_odd, sizeof *odd, cmp_names);
	for (size_t i = 0; i < n_odd; i++) {
		odd_file(m, odd[i]);
		free(odd[i]);
		problems++;
	}
	free(odd);
	return problems;
}
