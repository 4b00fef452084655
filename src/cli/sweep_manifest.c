/* The sweep folder: reading and checking manifest.json, paths of results,
 * and running one task into results/I.json. A task's result depends only
 * on the manifest (the embedded scenario, the seed, the settings and the
 * crackdowns), and is written atomically through tmp/. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <xxhash.h>

#include "cli/sweep.h"
#include "smugnet/vault.h"

void sweep_path(char *buf, size_t size, const char *dir, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

void sweep_dir_trim(char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
}

void sweep_result_path(char *buf, size_t size, const char *dir, long long task)
{
	snprintf(buf, size, "%s/" SWEEP_RESULTS "/%lld.json", dir, task);
}

int sweep_output_check(const struct sweep_manifest *m, const char *cmd, const char *output)
{
	static const char *const own[] = {SWEEP_RESULTS, SWEEP_TMP, SWEEP_COLLECT, SWEEP_CHARTS, SWEEP_LOGS};
	char mine[4200], vault[1024], folder[PATH_MAX + 1], name[PATH_MAX + 1];
	const char *base;
	struct stat st;

	sweep_path(mine, sizeof mine, m->dir, "manifest.json");
	if (cli_same_file(output, mine))
		return cli_usage_error(cmd, "--output: '%s' is the sweep's manifest; writing there would lose the sweep",
				       output);
	/* a folder where the file goes: refused now, as every output is
	 * (cli_output_spares), not when the chart or script is written (in
	 * charts/ or logs/, or beside the manifest, it failed then, exit 4) */
	if (stat(output, &st) == 0 && S_ISDIR(st.st_mode))
		return cli_usage_error(cmd, "--output: '%s' is a folder; give a file", output);
	/* beside the manifest (sweep.sbatch) or in charts/ or logs/, it is
	 * what chart and slurm write themselves: written again; but not
	 * under the name of one of the sweep's own folders, made when it is
	 * first needed: a file there stood in its way (a chart written as
	 * SW/collect, and sweep collect SW failed) */
	cli_output_folder(output, folder, sizeof folder);
	if (cli_same_file(folder, m->dir)) {
		snprintf(name, sizeof name, "%s", output);
		base = basename(name);
		for (size_t i = 0; i < sizeof own / sizeof *own; i++)
			if (strcmp(base, own[i]) == 0)
				return cli_usage_error(cmd, "--output: '%s' is where the sweep in '%s' keeps its %s/ "
						       "folder; give another name", output, m->dir, own[i]);
		return EXIT_OK;
	}
	sweep_path(mine, sizeof mine, m->dir, SWEEP_CHARTS);
	if (cli_same_file(folder, mine))
		return EXIT_OK;
	sweep_path(mine, sizeof mine, m->dir, SWEEP_LOGS);
	if (cli_same_file(folder, mine))
		return EXIT_OK;
	/* another sweep's Slurm script, a seed's file: cli_output_spares
	 * says what each is */
	return cli_output_spares(&(struct cli_output){.cmd = cmd, .opt = "--output", .path = output,
						      .vault = cli_vault_root(NULL, vault, sizeof vault)});
}

bool sweep_parse_range(const char *s, long long *lo, long long *hi)
{
	char a[32];
	const char *dash = strchr(s, '-');

	if (dash == NULL)
		return cli_parse_int(s, CLI_SEED_MAX, lo) && (*hi = *lo, true);
	if ((size_t)(dash - s) >= sizeof a)
		return false;
	memcpy(a, s, (size_t)(dash - s));
	a[dash - s] = '\0';
	return cli_parse_int(a, CLI_SEED_MAX, lo) && cli_parse_int(dash + 1, CLI_SEED_MAX, hi) && *lo <= *hi;
}

void sweep_abs_path(char *buf, size_t size, const char *path)
{
	char cwd[PATH_MAX];

	if (path[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		snprintf(buf, size, "%s", path);
	else
		snprintf(buf, size, "%s/%s", cwd, path);
}

void sweep_self_path(char *buf, size_t size, const char *argv0)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);

	if (n > 0) {
		buf[n] = '\0';
		return;
	}
	sweep_abs_path(buf, size, argv0);
}

void sweep_shell_word(FILE *f, const char *s)
{
	if (*s && strpbrk(s, " \t\n'\"$`\\!*?[]{}();&|<>~#") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	fputc('\'', f);
}

int sweep_dir_arg(const char *cmd, int argc, char **argv, int first)
{
	if (first >= argc)
		return cli_usage_error(cmd, "the sweep folder is required");
	if (first + 1 < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[first + 1]);
	return cli_name_given(cmd, "DIR", argv[first]);
}

bool sweep_parse_threshold(const char *s, int64_t *minor, double *share)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !(v >= 0))
		return false;
	*minor = 0;
	*share = 0;
	if (strcmp(end, "%") == 0 && v <= 1000)
		*share = v / 100;
	else if (*end == '\0' && v < 1e13)
		*minor = (int64_t)llround(v * SMUG_MINOR_PER_CREDIT);
	else
		return false;
	return true;
}

/* ---- manifest ---- */

struct mf {
	const char *file;
	bool failed;
	bool quiet; /* the fast read: fail without a word (the tree read speaks) */
};

static bool bad(struct mf *p, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool bad(struct mf *p, const char *path, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return false;
	p->failed = true;
	if (p->quiet)
		return false;
	fprintf(stderr, "%s: %s: ", p->file, path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return false;
}

static const cJSON *member(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static bool get_int(struct mf *p, const cJSON *o, const char *path, const char *key,
		    long long lo, long long hi, long long *out)
{
	const cJSON *j = member(o, key);
	char at[128];

	if (cJSON_IsNumber(j) && j->valuedouble == floor(j->valuedouble) &&
	    j->valuedouble >= (double)lo && j->valuedouble <= (double)hi) {
		*out = (long long)j->valuedouble;
		return true;
	}
	snprintf(at, sizeof at, "%s%s%s", path, *path ? "." : "", key);
	return bad(p, at, "expected a whole number in [%lld,%lld]", lo, hi);
}

static bool get_str(struct mf *p, const cJSON *o, const char *path, const char *key,
		    bool nullable, char **out)
{
	const cJSON *j = member(o, key);
	char at[128];

	snprintf(at, sizeof at, "%s%s%s", path, *path ? "." : "", key);
	if (nullable && cJSON_IsNull(j)) {
		*out = NULL;
		return true;
	}
	if (!cJSON_IsString(j))
		return bad(p, at, nullable ? "expected a string or null" : "expected a string");
	*out = strdup(j->valuestring);
	return true;
}

static bool get_hex(struct mf *p, const cJSON *o, const char *path, const char *key, uint64_t *out)
{
	const cJSON *j = member(o, key);
	char at[128], *end;

	snprintf(at, sizeof at, "%s%s%s", path, *path ? "." : "", key);
	if (!cJSON_IsString(j) || strlen(j->valuestring) != 16)
		return bad(p, at, "expected 16 hex digits");
	*out = strtoull(j->valuestring, &end, 16);
	if (*end)
		return bad(p, at, "expected 16 hex digits");
	return true;
}

static bool get_strings(struct mf *p, const cJSON *o, const char *path, int max, char ***out,
			int *n)
{
	const cJSON *a = member(o, path), *e;
	int i = 0;

	if (!cJSON_IsArray(a))
		return bad(p, path, "expected an array of strings");
	*n = cJSON_GetArraySize(a);
	if (*n > max)
		return bad(p, path, "at most %d entries", max);
	*out = calloc((size_t)*n + 1, sizeof **out);
	cJSON_ArrayForEach(e, a) {
		char at[128];

		snprintf(at, sizeof at, "%s[%d]", path, i);
		if (!cJSON_IsString(e))
			return bad(p, at, "expected a string");
		(*out)[i++] = strdup(e->valuestring);
	}
	return true;
}

static bool load_scenario(struct mf *p, const cJSON *root, struct sweep_manifest *m)
{
	const cJSON *s = member(root, "scenario");

	if (!cJSON_IsObject(s))
		return bad(p, "scenario", "expected an object");
	if (!get_str(p, s, "scenario", "file", true, &m->scenario_file) ||
	    !get_str(p, s, "scenario", "id", false, &m->scenario_id) ||
	    !get_hex(p, s, "scenario", "hash", &m->scenario_hash) ||
	    !get_str(p, s, "scenario", "text", true, &m->scenario_text))
		return false;
	if (m->scenario_text)
		m->scenario_len = strlen(m->scenario_text);
	if (m->scenario_text && XXH3_64bits(m->scenario_text, m->scenario_len) != m->scenario_hash)
		return bad(p, "scenario.text", "does not match scenario.hash");
	return true;
}

static bool load_grid(struct mf *p, const cJSON *root, struct sweep_manifest *m)
{
	const cJSON *a = member(root, "settings"), *e;
	int i = 0;

	if (!get_strings(p, root, "keys", SWEEP_MAX_KEYS, &m->keys, &m->n_keys))
		return false;
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < 1)
		return bad(p, "settings", "expected a non-empty array");
	m->n_settings = cJSON_GetArraySize(a);
	m->settings = calloc((size_t)m->n_settings, sizeof *m->settings);
	cJSON_ArrayForEach(e, a) {
		struct sweep_setting *st = &m->settings[i];
		char at[64];
		long long id;

		snprintf(at, sizeof at, "settings[%d]", i);
		if (!cJSON_IsObject(e))
			return bad(p, at, "expected an object");
		if (!get_int(p, e, at, "id", i, i, &id))
			return false;
		snprintf(at, sizeof at, "set");
		if (!get_strings(p, e, at, SWEEP_MAX_KEYS, &st->sets, &st->n_sets))
			return false;
		if (st->n_sets != m->n_keys) {
			snprintf(at, sizeof at, "settings[%d].set", i);
			return bad(p, at, "expected one value for each of the %d keys", m->n_keys);
		}
		for (int k = 0; k < st->n_sets; k++) {
			char key[256];
			const char *v;

			snprintf(at, sizeof at, "settings[%d].set[%d]", i, k);
			if (!cli_setting_split(st->sets[k], key, sizeof key, &v) ||
			    strcmp(key, m->keys[k]) != 0)
				return bad(p, at, "expected %s=VALUE", m->keys[k]);
		}
		i++;
	}
	return true;
}

static bool load_tasks(struct mf *p, const cJSON *root, struct sweep_manifest *m)
{
	const cJSON *a = member(root, "tasks"), *e;
	long long i = 0;

	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < 1)
		return bad(p, "tasks", "expected a non-empty array");
	m->n_tasks = cJSON_GetArraySize(a);
	m->tasks = calloc((size_t)m->n_tasks, sizeof *m->tasks);
	cJSON_ArrayForEach(e, a) {
		char at[64];
		long long id, setting;

		snprintf(at, sizeof at, "tasks[%lld]", i);
		if (!cJSON_IsObject(e))
			return bad(p, at, "expected an object");
		if (!get_int(p, e, at, "id", i, i, &id) ||
		    !get_int(p, e, at, "seed", 0, CLI_SEED_MAX, &m->tasks[i].seed) ||
		    !get_int(p, e, at, "setting", 0, m->n_settings - 1, &setting))
			return false;
		m->tasks[i].setting = (int)setting;
		i++;
	}
	return true;
}

static void free_strings(char **s, int n)
{
	if (s == NULL)
		return;
	for (int i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

/* ---- the task list read as text ----
 * A sweep of a million tasks has a 41 MB manifest. As one cJSON tree it
 * took about 460 MB and 1 to 2 s of CPU to read, and GNU parallel's jobs
 * read it once a task. So the loader first tries a fast read: the header
 * (everything but the task list) as a tree, and the task list element by
 * element, the planner's own form of a task ({"id":I,"seed":S,
 * "setting":K}, no spaces) by a few compares and any other form as its
 * own small tree. The fast read is quiet and accepts only a
 * manifest the tree read accepts with the same fields; anything else (a
 * syntax error anywhere, a value out of range, a key spelt with escapes)
 * sends the loader to the tree read, which names the problem. */

static bool json_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static size_t skip_ws(const char *s, size_t i, size_t n)
{
	while (i < n && json_ws(s[i]))
		i++;
	return i;
}

/* (sweep.h) also tells plan where a manifest's scenario name ends */
size_t sweep_json_value_end(const char *s, size_t i, size_t n)
{
	int depth = 0;

	for (; i < n; i++) {
		char c = s[i];

		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				i += s[i] == '\\';
			if (i >= n)
				return 0;
			if (depth == 0)
				return i + 1;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if (c == ']' || c == '}') {
			if (depth == 0)
				return i;
			if (--depth == 0)
				return i + 1;
		} else if (depth == 0 && (c == ',' || json_ws(c))) {
			return i;
		}
	}
	return depth == 0 ? n : 0;
}

/* The offset of the top-level "tasks" value when it is an array and
 * every key before it is spelt without escapes (cJSON reads the first
 * member of a name; an escaped key might be it); 0 otherwise. */
static size_t tasks_at(const char *s, size_t n)
{
	size_t i = skip_ws(s, 0, n);

	if (i >= n || s[i] != '{')
		return 0;
	for (i = skip_ws(s, i + 1, n); i < n && s[i] == '"';) {
		size_t k = i + 1, v;

		while (k < n && s[k] != '"' && s[k] != '\\')
			k++;
		v = skip_ws(s, k + 1, n);
		if (k >= n || s[k] == '\\' || v >= n || s[v] != ':')
			return 0;
		v = skip_ws(s, v + 1, n);
		if (k - i == 6 && memcmp(s + i, "\"tasks", 6) == 0)
			return v < n && s[v] == '[' ? v : 0;
		if ((i = sweep_json_value_end(s, v, n)) <= v)
			return 0;
		i = skip_ws(s, i, n);
		if (i >= n || s[i] != ',')
			return 0;
		i = skip_ws(s, i + 1, n);
	}
	return 0;
}

/* A whole number as the planner writes it: 1 to 15 digits, no leading
 * zero (below 2^53, so its double is exact). Returns the offset after
 * it, or 0. */
static size_t plain_number(const char *s, size_t i, size_t n, long long *v)
{
	size_t j = i;
	long long x = 0;

	while (j < n && j - i < 16 && s[j] >= '0' && s[j] <= '9')
		x = x * 10 + (s[j++] - '0');
	if (j == i || j - i > 15 || (s[i] == '0' && j - i > 1))
		return 0;
	*v = x;
	return j;
}

/* s[i..) begins with text (a string literal: its length is known, so
 * the compare is a few loads): the offset after it, or 0. */
#define LITERAL(s, i, n, text) \
	((n) - (i) >= sizeof(text) - 1 && memcmp((s) + (i), text, sizeof(text) - 1) == 0 \
		 ? (i) + sizeof(text) - 1                                              \
		 : 0)

/* A task in the planner's form at s[i]: {"id":I,"seed":S,"setting":K}.
 * Returns the offset after it, or 0. */
static size_t planned_task(const char *s, size_t i, size_t n, long long v[3])
{
	if ((i = LITERAL(s, i, n, "{\"id\":")) == 0 || (i = plain_number(s, i, n, &v[0])) == 0 ||
	    (i = LITERAL(s, i, n, ",\"seed\":")) == 0 || (i = plain_number(s, i, n, &v[1])) == 0 ||
	    (i = LITERAL(s, i, n, ",\"setting\":")) == 0 || (i = plain_number(s, i, n, &v[2])) == 0)
		return 0;
	return LITERAL(s, i, n, "}");
}

/* A task in any other form, parsed on its own; the checks of load_tasks
 * but the range of "setting", which the caller checks. */
static size_t other_task(struct mf *p, const char *s, size_t i, size_t n, long long id, long long v[3])
{
	size_t e = sweep_json_value_end(s, i, n);
	const char *end = NULL;
	cJSON *j = e > i ? cJSON_ParseWithLengthOpts(s + i, e - i, &end, false) : NULL;
	struct smug_error err;
	bool ok = j && end == s + e && cJSON_IsObject(j) &&
		  smug_json_dup_check(j, p->file, &err) == SMUG_OK && get_int(p, j, "", "id", id, id, &v[0]) &&
		  get_int(p, j, "", "seed", 0, CLI_SEED_MAX, &v[1]) &&
		  get_int(p, j, "", "setting", 0, INT_MAX, &v[2]);

	cJSON_Delete(j);
	return ok ? e : 0;
}

/* The task list from its text s[i..n), s[i] == '['. Returns the offset
 * after its closing bracket, or 0 (p failed) when the fast read cannot
 * take it. */
static size_t load_task_text(struct mf *p, const char *s, size_t i, size_t n, struct sweep_manifest *m,
			     long long *max_setting)
{
	long long cap = 0;

	*max_setting = 0;
	i = skip_ws(s, i + 1, n);
	while (i < n && s[i] != ']') {
		long long v[3];
		size_t e = planned_task(s, i, n, v);

		if (e == 0) /* another form: other_task checks the id as well */
			e = other_task(p, s, i, n, m->n_tasks, v);
		if (e == 0 || v[0] != m->n_tasks || m->n_tasks == SWEEP_MAX_TASKS)
			break;
		if (m->n_tasks == cap) {
			struct sweep_task *t = realloc(m->tasks, (size_t)(cap = cap ? 2 * cap : 1024) * sizeof *t);

			if (t == NULL)
				break;
			m->tasks = t;
		}
		m->tasks[m->n_tasks].seed = v[1];
		m->tasks[m->n_tasks++].setting = (int)(v[2] < INT_MAX ? v[2] : INT_MAX);
		if (v[2] > *max_setting)
			*max_setting = v[2];
		i = skip_ws(s, e, n);
		if (i < n && s[i] == ']')
			return i + 1;
		if (i >= n || s[i] != ',')
			break;
		i = skip_ws(s, i + 1, n); /* an element must follow: not ']' */
	}
	p->failed = true; /* the tree read names it: an empty list is refused there too */
	return 0;
}

/* Everything but the task list, from the tree, in the order the checks
 * name problems. */
static void load_fields(struct mf *p, const cJSON *root, struct sweep_manifest *m)
{
	long long v;
	const cJSON *j;
	char *format, *money;

	if (!cJSON_IsObject(root)) {
		bad(p, "(root)", "expected an object");
	} else if (get_str(p, root, "", "format", false, &format)) {
		if (strcmp(format, SWEEP_FORMAT) != 0)
			bad(p, "format", "expected \"%s\"", SWEEP_FORMAT);
		free(format);
	}
	if (!p->failed && get_int(p, root, "", "version", 1, 1, &v) &&
	    get_str(p, root, "", "program", false, &m->program) && load_scenario(p, root, m) &&
	    get_int(p, root, "", "days", 1, 100000000, &m->days) &&
	    get_int(p, root, "", "stride", 1, 100000000, &v) && (m->stride = (int)v, true) &&
	    get_str(p, root, "", "bankrupt_below", false, &money)) {
		if (!sweep_parse_threshold(money, &m->bankrupt_below, &m->bankrupt_share))
			bad(p, "bankrupt_below", "expected credits (\"1.00\") or a share (\"50%%\")");
		free(money);
	}
	if (!p->failed && get_strings(p, root, "crackdowns", SWEEP_MAX_CRACKDOWNS, &m->crackdowns,
				      &m->n_crackdowns)) {
		j = member(root, "auto_crackdown");
		if (!cJSON_IsBool(j))
			bad(p, "auto_crackdown", "expected true or false");
		m->auto_crackdown = cJSON_IsTrue(j);
	}
	if (!p->failed)
		load_grid(p, root, m);
}

/* The fields the loader fills, freed and zeroed (not dir or hash). */
static void fields_free(struct sweep_manifest *m)
{
	free(m->program);
	free(m->scenario_file);
	free(m->scenario_id);
	free(m->scenario_text);
	free_strings(m->crackdowns, m->n_crackdowns);
	free_strings(m->keys, m->n_keys);
	for (int i = 0; m->settings && i < m->n_settings; i++)
		free_strings(m->settings[i].sets, m->settings[i].n_sets);
	free(m->settings);
	free(m->tasks);
	m->program = m->scenario_file = m->scenario_id = m->scenario_text = NULL;
	m->scenario_len = 0;
	m->crackdowns = m->keys = NULL;
	m->n_crackdowns = m->n_keys = 0;
	m->settings = NULL;
	m->n_settings = 0;
	m->tasks = NULL;
	m->n_tasks = 0;
}

/* The fast read of the manifest's text s[0..n) (see above): true when
 * it took the whole manifest. */
static bool load_fast(const char *file, const char *s, size_t n, struct sweep_manifest *m)
{
	struct mf p = {file, false, true};
	struct smug_error err;
	size_t a = tasks_at(s, n), b;
	long long max_setting;
	char *head;
	cJSON *root;

	if (a == 0 || (b = load_task_text(&p, s, a, n, m, &max_setting)) == 0)
		return false;
	/* the header: the text with an empty task list */
	if ((head = malloc(n - (b - a) + 2)) == NULL)
		return false;
	memcpy(head, s, a);
	memcpy(head + a, "[]", 2);
	memcpy(head + a + 2, s + b, n - b);
	root = cJSON_ParseWithLength(head, n - (b - a) + 2);
	free(head);
	/* a key twice (a second "tasks" too) is named by the tree read */
	if (root == NULL || smug_json_dup_check(root, file, &err) != SMUG_OK) {
		cJSON_Delete(root);
		return false;
	}
	load_fields(&p, root, m);
	cJSON_Delete(root);
	return !p.failed && max_setting < m->n_settings;
}

int sweep_manifest_load(const char *dir, struct sweep_manifest *m)
{
	char file[4096];
	cJSON *root;
	struct mf p = {file, false, false};
	struct smug_error err;
	char version[128], *bytes;
	size_t len;
	int rc;

	memset(m, 0, sizeof *m);
	m->dir = strdup(dir);
	sweep_dir_trim(m->dir);
	sweep_path(file, sizeof file, m->dir, "manifest.json");
	if ((rc = cli_read_file(file, &bytes, &len)) != EXIT_OK)
		return rc;
	m->hash = XXH3_64bits(bytes, len);
	if (smug_json_check(bytes, len, file, &err) != SMUG_OK) {
		fprintf(stderr, "%s\n", err.msg);
		free(bytes);
		return EXIT_BAD_INPUT;
	}
	if (!load_fast(file, bytes, len, m)) {
		fields_free(m);
		root = cJSON_ParseWithLength(bytes, len);
		if (root == NULL) {
			fprintf(stderr, "%s: malformed JSON\n", file);
			free(bytes);
			return EXIT_BAD_INPUT;
		}
		if (smug_json_dup_check(root, file, &err) != SMUG_OK) {
			fprintf(stderr, "%s\n", err.msg);
			cJSON_Delete(root);
			free(bytes);
			return EXIT_BAD_INPUT;
		}
		load_fields(&p, root, m);
		if (!p.failed)
			load_tasks(&p, root, m);
		cJSON_Delete(root);
	}
	free(bytes); /* read once: a task keeps its fields, not the text */
	snprintf(version, sizeof version, "smugnet %s", smug_version());
	if (!p.failed && strcmp(m->program, version) != 0)
		bad(&p, "program", "planned by '%s'; this is '%s'", m->program, version);
	return p.failed ? EXIT_BAD_INPUT : EXIT_OK;
}

void sweep_manifest_done(struct sweep_manifest *m)
{
	fields_free(m);
	free(m->dir);
	memset(m, 0, sizeof *m);
}

const char *sweep_setting_value(const struct sweep_manifest *m, int s, int k)
{
	return strchr(m->settings[s].sets[k], '=') + 1;
}

/* Setting s's "key=value" parts, or its values alone (an empty one as
 * ""), joined by sep, whole however long a value is: the caller frees
 * it; "all" without a grid. Out of memory is fatal. */
static char *setting_join(const struct sweep_manifest *m, int s, const char *sep, bool values)
{
	size_t len = 4, at = 0; /* "all" and its NUL */
	char *buf;

	for (int k = 0; k < m->n_keys; k++) {
		const char *v = values ? sweep_setting_value(m, s, k) : m->settings[s].sets[k];

		len += strlen(sep) + (*v ? strlen(v) : 2);
	}
	if ((buf = malloc(len)) == NULL) {
		fputs("smugnet: out of memory\n", stderr);
		abort();
	}
	if (m->n_keys == 0)
		memcpy(buf, "all", 4);
	else
		buf[0] = '\0';
	for (int k = 0; k < m->n_keys; k++) {
		const char *v = values ? sweep_setting_value(m, s, k) : m->settings[s].sets[k];

		at += (size_t)snprintf(buf + at, len - at, "%s%s", k ? sep : "", *v ? v : "\"\"");
	}
	return buf;
}

char *sweep_setting_label(const struct sweep_manifest *m, int s)
{
	return setting_join(m, s, " ", false);
}

char *sweep_setting_values(const struct sweep_manifest *m, int s)
{
	return setting_join(m, s, ", ", true);
}

void sweep_keys_list(const struct sweep_manifest *m, char *buf, size_t size)
{
	size_t at = 0;

	if (m->n_keys == 0) {
		snprintf(buf, size, "setting");
		return;
	}
	buf[0] = '\0';
	for (int k = 0; k < m->n_keys && at < size; k++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", k ? ", " : "", m->keys[k]);
}

bool sweep_result_file_exists(const struct sweep_manifest *m, long long task)
{
	char path[4096];
	struct stat st;

	sweep_result_path(path, sizeof path, m->dir, task);
	return stat(path, &st) == 0;
}

/* Whether the file at fd, of size bytes, ends as write_result ends a
 * result: ,"check":"<16 hex digits>"} and a newline. A result cut short
 * (a copy stopped part-way) begins as one but does not end so. */
static bool result_tail_ok(int fd, off_t size)
{
	static const char tag[] = ",\"check\":\"";
	char got[sizeof tag - 1 + 16 + 3];
	ssize_t k;

	if (size < (off_t)sizeof got)
		return false;
	do
		k = pread(fd, got, sizeof got, size - (off_t)sizeof got);
	while (k < 0 && errno == EINTR);
	if (k != (ssize_t)sizeof got || memcmp(got, tag, sizeof tag - 1) != 0)
		return false;
	for (size_t i = sizeof tag - 1; i < sizeof tag - 1 + 16; i++)
		if (!isxdigit((unsigned char)got[i]))
			return false;
	return memcmp(got + sizeof tag - 1 + 16, "\"}\n", 3) == 0;
}

/* Cheap, two short reads a task: the result's first bytes as
 * write_result writes them, naming this manifest and this task, and its
 * last (result_tail_ok). Only a regular file can be a result: anything
 * else in its place (a FIFO no one writes to, a folder, a device) is not
 * one, and is not read (a FIFO opened without O_NONBLOCK, or read, would
 * wait for a writer forever). */
bool sweep_result_exists(const struct sweep_manifest *m, long long task)
{
	char path[4096], want[160], got[160];
	size_t n, done = 0;
	struct stat st;
	bool ok;
	int fd;

	n = (size_t)snprintf(want, sizeof want,
			     "{\"format\":\"%s\",\"version\":1,\"manifest\":\"%016llx\",\"task\":%lld,",
			     SWEEP_RESULT_FORMAT, (unsigned long long)m->hash, task);
	sweep_result_path(path, sizeof path, m->dir, task);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	while (ok && done < n) {
		ssize_t k = read(fd, got + done, n - done);

		if (k < 0 && errno == EINTR)
			continue;
		ok = k > 0;
		done += ok ? (size_t)k : 0;
	}
	ok = ok && memcmp(got, want, n) == 0 && result_tail_ok(fd, st.st_size);
	close(fd);
	return ok;
}

/* ---- running one task ---- */

static int64_t faction_balance(const struct smug_world *w, int f)
{
	return w->ledger.accounts[w->factions[f].account].balance;
}

/* Runs task i's days on `w` (starting the schedule's crackdowns on their
 * days, as `run` does) and writes its result to f. */
static int write_result(FILE *f, const struct sweep_manifest *m, long long i,
			const struct cli_setup *setup, struct smug_world *w)
{
	struct smug_counters period = {0}, run = {0};
	struct report_base start;
	int *bankrupt = calloc((size_t)w->n_factions + 1, sizeof *bankrupt);
	int64_t *bal = NULL, *below = calloc((size_t)w->n_factions + 1, sizeof *below);
	size_t n_bal = 0, cap = 0;
	int nf = 0, rc = EXIT_OK;
	bool first;

	for (int k = 0; k < w->n_factions; k++) {
		bankrupt[k] = -1;
		nf += w->factions[k].runs_network;
		below[k] = m->bankrupt_share > 0
				   ? (int64_t)llround((double)faction_balance(w, k) * m->bankrupt_share)
				   : m->bankrupt_below;
	}
	fprintf(f, "{\"format\":\"%s\",\"version\":1,\"manifest\":\"%016llx\",\"task\":%lld,"
		   "\"seed\":%lld,\"setting\":%d,\"program\":",
		SWEEP_RESULT_FORMAT, (unsigned long long)m->hash, i, m->tasks[i].seed,
		m->tasks[i].setting);
	jsonl_string(f, m->program);
	fprintf(f, ",\"factions\":[");
	first = true;
	for (int k = 0; k < w->n_factions; k++)
		if (w->factions[k].runs_network) {
			fprintf(f, "%s", first ? "" : ",");
			jsonl_string(f, w->factions[k].id);
			first = false;
		}
	fprintf(f, "],\n\"series\":[");
	report_base_take(&start, w);
	for (long long d = 1; d <= m->days && rc == EXIT_OK; d++) {
		smug_cmd_step(w, 1);
		smug_counters_add(&period, &w->tel.today);
		smug_counters_add(&run, &w->tel.today);
		for (int k = 0; k < w->n_factions; k++)
			if (bankrupt[k] < 0 && w->factions[k].runs_network &&
			    faction_balance(w, k) < below[k])
				bankrupt[k] = w->day;
		if (d % m->stride == 0 || d == m->days) {
			fprintf(f, "%s\n", n_bal ? "," : "");
			report_day(f, w, &period);
			memset(&period, 0, sizeof period);
			for (int k = 0; k < w->n_factions; k++) {
				if (!w->factions[k].runs_network)
					continue;
				if (n_bal == cap) {
					cap = cap ? 2 * cap : 256;
					bal = realloc(bal, cap * sizeof *bal);
				}
				bal[n_bal++] = faction_balance(w, k);
			}
		}
		/* after the day's record, as in run */
		rc = cli_crackdowns_due(setup, w);
	}
	fprintf(f, "],\n\"balances\":[");
	for (size_t b = 0; b < n_bal; b++) {
		size_t col = b % (size_t)nf;

		char money[32];

		smug_money_format(bal[b], money, sizeof money);
		fprintf(f, "%s%s", col ? "," : b ? "],\n[" : "\n[", money);
	}
	fprintf(f, "%s],\n\"bankrupt_day\":[", n_bal ? "]" : "");
	first = true;
	for (int k = 0; k < w->n_factions; k++)
		if (w->factions[k].runs_network) {
			if (bankrupt[k] < 0)
				fprintf(f, "%snull", first ? "" : ",");
			else
				fprintf(f, "%s%d", first ? "" : ",", bankrupt[k]);
			first = false;
		}
	fprintf(f, "],\n\"summary\":");
	report_summary(f, w, &run, &start);
	free(bankrupt);
	free(below);
	free(bal);
	return rc;
}

const char *sweep_scenario(const struct sweep_manifest *m, size_t *len, char *name, size_t size)
{
	if (m->scenario_text == NULL) {
		snprintf(name, size, "%s", SMUG_DEFAULT_WORLD_NAME);
		return smug_default_scenario(len);
	}
	snprintf(name, size, "%s/manifest.json: scenario.text", m->dir);
	*len = m->scenario_len;
	return m->scenario_text;
}

int sweep_task_run(const struct sweep_manifest *m, long long i)
{
	const struct sweep_setting *st = &m->settings[m->tasks[i].setting];
	struct cli_setup setup = {
		.cmd = "sweep run", .seed = m->tasks[i].seed, .sets = (const char *const *)st->sets,
		.n_sets = st->n_sets, .crackdowns = (const char *const *)m->crackdowns,
		.n_crackdowns = m->n_crackdowns, .auto_crackdown = m->auto_crackdown,
	};
	struct smug_world *w = NULL;
	char path[4096], tmp[4096], origin[4200], sets_at[48], scenario[4200], *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	snprintf(origin, sizeof origin, "%s/manifest.json", m->dir);
	snprintf(sets_at, sizeof sets_at, "settings[%d].set", m->tasks[i].setting);
	setup.origin = origin;
	setup.sets_at = sets_at;
	setup.scenario_text = sweep_scenario(m, &setup.scenario_len, scenario, sizeof scenario);
	setup.scenario_file = scenario;
	if (m->scenario_text == NULL) {
		if (XXH3_64bits(setup.scenario_text, setup.scenario_len) != m->scenario_hash) {
			fprintf(stderr, "%s/manifest.json: scenario.hash: this program's default world "
					"is not the one the sweep was planned with\n", m->dir);
			return EXIT_BAD_INPUT;
		}
	}
	if ((rc = cli_world_setup(&setup, &w)) != EXIT_OK)
		return rc;
	f = open_memstream(&buf, &len);
	if (f == NULL) {
		smug_world_free(w);
		fprintf(stderr, "smugnet sweep run: out of memory\n");
		return EXIT_RUNTIME;
	}
	rc = write_result(f, m, i, &setup, w);
	smug_world_free(w);
	fflush(f);
	fprintf(f, ",\"check\":\"%016llx\"}\n", (unsigned long long)XXH3_64bits(buf, len));
	fclose(f);
	if (rc != EXIT_OK) { /* a crackdown the world refused: no result */
		free(buf);
		return rc;
	}
	if (sweep_lifeline_cut()) { /* the sweep run that started this job is gone */
		free(buf);
		return EXIT_RUNTIME;
	}
	sweep_path(tmp, sizeof tmp, m->dir, SWEEP_TMP);
	sweep_path(path, sizeof path, m->dir, SWEEP_RESULTS);
	if ((rc = cli_mkdir(path)) == EXIT_OK) {
		struct stat sb;

		sweep_result_path(path, sizeof path, m->dir, i);
		/* a result replaces a file (or nothing), never writes into what
		 * is there: a FIFO would take it and hold the task until
		 * someone read it, and the task would stay missing */
		if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
			fprintf(stderr, "%s: cannot write: it is not a regular file (left alone)\n", path);
			rc = EXIT_WRITE;
		} else {
			rc = cli_write_atomic(path, tmp, buf, len);
		}
	}
	free(buf);
	return rc;
}
