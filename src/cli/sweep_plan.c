/* smugnet sweep plan: write a sweep folder's manifest.json — every task's
 * id, seed and settings (the cross product of the --set lists), the
 * crackdowns, the horizon, the program version and the scenario, which
 * is embedded so the folder alone defines every task. Each setting is
 * tried on the world before anything is written. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "cli/sweep.h"

struct grid {
	char key[SWEEP_MAX_KEYS][256];
	/* "KEY=VALUE" of each value of each key, malloc'd: a value of any
	 * length (the manifest's size bounds them all) */
	char *sets[SWEEP_MAX_KEYS][SWEEP_MAX_VALUES];
	int n_values[SWEEP_MAX_KEYS];
	int n_keys; /* keys whose sets are the grid's to free */
};

static int grid_add(struct grid *g, const char *arg)
{
	const char *value, *v, *comma;
	int k = g->n_keys;
	size_t key_len;

	if (k == SWEEP_MAX_KEYS)
		return cli_usage_error("sweep plan", "at most %d --set keys", SWEEP_MAX_KEYS);
	if (!cli_setting_split(arg, g->key[k], sizeof g->key[k], &value))
		return cli_usage_error("sweep plan", "--set '%s': expected KEY=V1,V2,...", arg);
	for (int i = 0; i < k; i++)
		if (strcmp(g->key[i], g->key[k]) == 0)
			return cli_usage_error("sweep plan", "--set %s: given twice", g->key[k]);
	key_len = strlen(g->key[k]);
	g->n_values[k] = 0;
	g->n_keys++;
	/* every value between commas counts, an empty one too (a text knob
	 * takes it; the others refuse it by name when the plan checks them) */
	for (v = value; v; v = comma ? comma + 1 : NULL) {
		size_t n;
		char *set;

		comma = strchr(v, ',');
		n = comma ? (size_t)(comma - v) : strlen(v);
		if (g->n_values[k] == SWEEP_MAX_VALUES)
			return cli_usage_error("sweep plan", "--set %s: at most %d values", g->key[k],
					       SWEEP_MAX_VALUES);
		if ((set = malloc(key_len + n + 2)) == NULL)
			abort(); /* out of memory */
		memcpy(set, g->key[k], key_len);
		set[key_len] = '=';
		memcpy(set + key_len + 1, v, n);
		set[key_len + 1 + n] = '\0';
		g->sets[k][g->n_values[k]++] = set;
	}
	return EXIT_OK;
}

static void grid_done(struct grid *g)
{
	for (int k = 0; k < g->n_keys; k++)
		for (int v = 0; v < g->n_values[k]; v++)
			free(g->sets[k][v]);
	g->n_keys = 0;
}

/* Setting s of the grid as KEY=V strings, the grid's (the last key
 * varies fastest). */
static void grid_setting(const struct grid *g, long long s, const char *sets[])
{
	for (int k = g->n_keys - 1; k >= 0; k--) {
		sets[k] = g->sets[k][s % g->n_values[k]];
		s /= g->n_values[k];
	}
}

struct plan {
	const char *dir, *scenario;
	long long seed_lo, seed_hi, days, stride;
	const char *bankrupt_below;
	const char *crack[SWEEP_MAX_CRACKDOWNS];
	int n_crack;
	bool auto_crack;
	struct grid grid;
	long long n_settings;
};

/* fprintf into a sum of the bytes written; -1 once one fails. */
static void put(FILE *f, long long *sum, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void put(FILE *f, long long *sum, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	*sum = *sum < 0 || n < 0 ? -1 : *sum + n;
}

/* jsonl_string into the same sum (its own writes are not checked: the
 * caller compares the sum with the stream's size). */
static void put_string(FILE *f, long long *sum, const char *s)
{
	jsonl_string(f, s);
	if (*sum >= 0)
		*sum += (long long)jsonl_string_len(s);
}

/* The manifest's head: everything before the settings' list. Returns
 * the bytes it should have written, -1 when a write failed; a memory
 * stream that cannot grow does not always say so, so the caller checks
 * the stream's size against it. */
static long long write_head(FILE *f, const struct plan *p, const char *text, size_t len,
			    const char *scenario_id)
{
	long long sum = 0;

	put(f, &sum, "{\"format\":\"%s\",\"version\":1,\"program\":\"smugnet %s\",\n", SWEEP_FORMAT,
	    smug_version());
	put(f, &sum, "\"scenario\":{\"file\":");
	if (p->scenario)
		put_string(f, &sum, p->scenario);
	else
		put(f, &sum, "null");
	put(f, &sum, ",\"id\":");
	put_string(f, &sum, scenario_id);
	put(f, &sum, ",\"hash\":\"%016llx\",\"text\":", (unsigned long long)XXH3_64bits(text, len));
	if (p->scenario)
		put_string(f, &sum, text);
	else
		put(f, &sum, "null");
	put(f, &sum, "},\n\"days\":%lld,\"stride\":%lld,\"bankrupt_below\":\"%s\",\n", p->days,
	    p->stride, p->bankrupt_below);
	put(f, &sum, "\"crackdowns\":[");
	for (int i = 0; i < p->n_crack; i++) {
		put(f, &sum, "%s", i ? "," : "");
		put_string(f, &sum, p->crack[i]);
	}
	put(f, &sum, "],\"auto_crackdown\":%s,\n\"keys\":[", p->auto_crack ? "true" : "false");
	for (int k = 0; k < p->grid.n_keys; k++) {
		put(f, &sum, "%s", k ? "," : "");
		put_string(f, &sum, p->grid.key[k]);
	}
	put(f, &sum, "],\n\"settings\":[");
	return sum;
}

/* The rest: the settings and the tasks. */
static void write_lists(FILE *f, const struct plan *p)
{
	long long n_seeds = p->seed_hi - p->seed_lo + 1, id = 0;
	const char *sets[SWEEP_MAX_KEYS];

	for (long long s = 0; s < p->n_settings; s++) {
		grid_setting(&p->grid, s, sets);
		fprintf(f, "%s\n{\"id\":%lld,\"set\":[", s ? "," : "", s);
		for (int k = 0; k < p->grid.n_keys; k++) {
			fprintf(f, "%s", k ? "," : "");
			jsonl_string(f, sets[k]);
		}
		fprintf(f, "]}");
	}
	fprintf(f, "],\n\"tasks\":[");
	/* a memory stream that cannot grow fails the write without always
	 * setting its error flag: stop at the first failed task (the caller
	 * sees the text short of its size) */
	for (long long s = 0; s < p->n_settings; s++)
		for (long long i = 0; i < n_seeds; i++, id++)
			if (fprintf(f, "%s\n{\"id\":%lld,\"seed\":%lld,\"setting\":%lld}", id ? "," : "",
				    id, p->seed_lo + i, s) < 0)
				return;
	fprintf(f, "]}\n");
}

/* ---- the manifest's size, before it is made ----
 * Readers refuse a file past SMUG_FILE_MAX bytes, so a plan whose
 * manifest would be larger is refused before anything is built: the
 * size of the lists is counted from the numbers (a task of a sweep of
 * millions is 40-odd bytes), and the built text is checked against it. */

/* The sum of the decimal lengths of the whole numbers lo..hi (0 <= lo <=
 * hi < 10^18). */
static long long digits_in(long long lo, long long hi)
{
	long long sum = 0, band_lo = 0, band_hi = 9;

	for (int d = 1; d <= 18 && band_lo <= hi; d++) {
		long long a = lo > band_lo ? lo : band_lo, b = hi < band_hi ? hi : band_hi;

		if (a <= b)
			sum += (b - a + 1) * d;
		band_lo = band_hi + 1;
		band_hi = band_lo * 10 - 1;
	}
	return sum;
}

/* The bytes write_lists writes (at most SWEEP_MAX_TASKS tasks, so no
 * sum here overflows). */
static long long lists_size(const struct plan *p)
{
	long long n_seeds = p->seed_hi - p->seed_lo + 1, n_tasks = n_seeds * p->n_settings;
	long long size = 0;

	/* settings: "\n{"id":S,"set":[" ... "]}" with commas between */
	size += p->n_settings * (long long)strlen("\n{\"id\":,\"set\":[]}") + (p->n_settings - 1);
	size += digits_in(0, p->n_settings - 1);
	if (p->grid.n_keys > 1)
		size += p->n_settings * (p->grid.n_keys - 1);
	for (int k = 0; k < p->grid.n_keys; k++)
		for (int v = 0; v < p->grid.n_values[k]; v++) {
			/* each value is in settings / (its key's values) settings */
			size += (long long)jsonl_string_len(p->grid.sets[k][v]) *
				(p->n_settings / p->grid.n_values[k]);
		}
	size += (long long)strlen("],\n\"tasks\":[");
	/* tasks: "\n{"id":I,"seed":S,"setting":K}" with commas between */
	size += n_tasks * (long long)strlen("\n{\"id\":,\"seed\":,\"setting\":}") + (n_tasks - 1);
	size += digits_in(0, n_tasks - 1) + p->n_settings * digits_in(p->seed_lo, p->seed_hi) +
		n_seeds * digits_in(0, p->n_settings - 1);
	return size + (long long)strlen("]}\n");
}

static int plan_too_big(long long size)
{
	return cli_usage_error("sweep plan",
			       "the manifest would be %lld bytes, more than the limit of %d bytes "
			       "every sweep command reads; split the sweep, or plan fewer seeds or settings",
			       size, SMUG_FILE_MAX);
}

static int plan_no_memory(void)
{
	fprintf(stderr, "smugnet sweep plan: out of memory making the manifest; nothing written\n");
	return EXIT_RUNTIME;
}

/* Every setting on the world, so a bad key or value stops the plan. */
static int plan_try_settings(const struct plan *p, const char *text, size_t len, char **id)
{
	const char *sets[SWEEP_MAX_KEYS];
	struct cli_setup setup = {
		.cmd = "sweep plan", .scenario_file = p->scenario ? p->scenario : SMUG_DEFAULT_WORLD_NAME,
		.scenario_text = text, .scenario_len = len, .seed = -1,
		.crackdowns = p->crack, .n_crackdowns = p->n_crack, .auto_crackdown = p->auto_crack,
	};
	int rc;

	for (long long s = 0; s < p->n_settings; s++) {
		struct smug_world *w = NULL;

		grid_setting(&p->grid, s, sets);
		setup.sets = sets;
		setup.n_sets = p->grid.n_keys;
		if ((rc = cli_world_setup(&setup, &w)) != EXIT_OK)
			return rc;
		/* a task ends on day p->days and saves no seed: a crackdown
		 * starting after it would never be set */
		if (s == 0 && (rc = cli_crackdowns_within(&setup, w, p->days, CLI_KEEPS_TASKS)) != EXIT_OK) {
			smug_world_free(w);
			return rc;
		}
		if (s == 0)
			*id = strdup(w->scenario_id);
		smug_world_free(w);
	}
	return EXIT_OK;
}

/* Whether the manifest old is buf, the one this plan makes, but for the
 * name its scenario was given by (another path to the same file, or a
 * copy of it): the embedded text and its hash are compared with the rest.
 * The manifest keeps the name it was planned with. */
static bool same_but_scenario_name(const char *old, size_t olen, const char *buf, size_t blen)
{
	static const char key[] = "\"scenario\":{\"file\":\"";
	const char *k = strstr(buf, key);
	size_t at, old_end, buf_end;

	if (k == NULL) /* the default world: no name */
		return false;
	at = (size_t)(k - buf) + strlen(key) - 1; /* the name's opening quote */
	if (olen <= at || memcmp(old, buf, at + 1) != 0)
		return false;
	old_end = sweep_json_value_end(old, at, olen);
	buf_end = sweep_json_value_end(buf, at, blen);
	return old_end > at && buf_end > at && olen - old_end == blen - buf_end &&
	       memcmp(old + old_end, buf + buf_end, blen - buf_end) == 0;
}

static int plan_write(const struct plan *p)
{
	char *text = NULL, *id = NULL, *buf = NULL, *old = NULL, path[4096];
	const char *src;
	size_t len = 0, blen = 0, olen = 0;
	long long lists, head;
	FILE *f;
	bool ok;
	int rc;

	if ((lists = lists_size(p)) > SMUG_FILE_MAX)
		return plan_too_big(lists);
	if (p->scenario) {
		if ((rc = cli_read_file(p->scenario, &text, &len)) != EXIT_OK)
			return rc;
		src = text;
	} else {
		src = smug_default_scenario(&len);
	}
	if ((rc = plan_try_settings(p, src, len, &id)) != EXIT_OK)
		goto out;
	if (id == NULL) {
		rc = plan_no_memory();
		goto out;
	}
	/* the head first (it holds the scenario): with it, the whole size */
	if ((f = open_memstream(&buf, &blen)) == NULL) {
		rc = plan_no_memory();
		goto out;
	}
	head = write_head(f, p, src, len, id);
	ok = fflush(f) == 0 && head >= 0 && (long long)blen == head;
	if (ok && head + lists > SMUG_FILE_MAX) {
		fclose(f);
		rc = plan_too_big(head + lists);
		goto out;
	}
	if (ok) {
		write_lists(f, p);
		ok = fflush(f) == 0 && (long long)blen == head + lists;
	}
	ok = fclose(f) == 0 && ok;
	if (!ok) { /* a write that failed: memory ran out part-way */
		rc = plan_no_memory();
		goto out;
	}
	sweep_path(path, sizeof path, p->dir, "manifest.json");
	if (access(path, F_OK) == 0) {
		/* a manifest there that cannot be read is not replaced either */
		if ((rc = cli_read_file(path, &old, &olen)) != EXIT_OK)
			goto out;
		if ((olen == blen && memcmp(old, buf, blen) == 0) || same_but_scenario_name(old, olen, buf, blen)) {
			fprintf(stderr, "smugnet sweep plan: %s already holds this plan\n", p->dir);
		} else {
			fprintf(stderr, "smugnet sweep plan: %s already holds another sweep; "
					"plan into a new folder\n", p->dir);
			rc = EXIT_USAGE;
		}
		goto out;
	}
	if ((rc = cli_mkdir(p->dir)) == EXIT_OK &&
	    (rc = cli_write_atomic(path, NULL, buf, blen)) == EXIT_OK) {
		long long seeds = p->seed_hi - p->seed_lo + 1, tasks = seeds * p->n_settings;

		printf("%s: %lld task%s (%lld seed%s x %lld setting%s), %lld day%s each\n", path, tasks,
		       tasks == 1 ? "" : "s", seeds, seeds == 1 ? "" : "s", p->n_settings,
		       p->n_settings == 1 ? "" : "s", p->days, p->days == 1 ? "" : "s");
	}
out:
	free(text);
	free(id);
	free(buf);
	free(old);
	return rc == EXIT_OK ? jsonl_close_stdout() : rc;
}

static int plan_main(int argc, char **argv, struct plan *p)
{
	static const struct option opts[] = {
		{"seeds", required_argument, NULL, 'S'},     {"days", required_argument, NULL, 'd'},
		{"years", required_argument, NULL, 'y'},     {"scenario", required_argument, NULL, 's'},
		{"set", required_argument, NULL, 'x'},	     {"crackdown", required_argument, NULL, 'c'},
		{"auto-crackdown", no_argument, NULL, 'a'},  {"stride", required_argument, NULL, 't'},
		{"bankrupt-below", required_argument, NULL, 'b'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char vault[1024];
	long long v;
	int64_t minor;
	double share;
	int c, horizon = 0, rc = EXIT_OK;

	while ((c = cli_getopt("sweep plan", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'S':
			if (!sweep_parse_range(optarg, &p->seed_lo, &p->seed_hi))
				return cli_usage_error("sweep plan",
						       "--seeds: expected a seed S or a range A-B of whole numbers "
						       "in [0,%lld] with A <= B, got '%s'", CLI_SEED_MAX, optarg);
			break;
		case 'd':
		case 'y': /* one horizon: either, not both */
			if (horizon && horizon != c)
				return cli_usage_error("sweep plan", "--days and --years: give one of them, not both");
			horizon = c;
			if (c == 'd' &&
			    cli_int_option("sweep plan", "--days", optarg, 1, 100000000, &p->days) != EXIT_OK)
				return EXIT_USAGE;
			if (c == 'y' && cli_int_option("sweep plan", "--years", optarg, 1, 100000, &v) != EXIT_OK)
				return EXIT_USAGE;
			if (c == 'y')
				p->days = v * 365;
			break;
		case 's': p->scenario = optarg; break;
		case 'x':
			if ((rc = grid_add(&p->grid, optarg)) != EXIT_OK)
				return rc;
			break;
		case 'c':
			if (p->n_crack == SWEEP_MAX_CRACKDOWNS)
				return cli_usage_error("sweep plan", "at most %d --crackdown options", SWEEP_MAX_CRACKDOWNS);
			p->crack[p->n_crack++] = optarg;
			break;
		case 'a': p->auto_crack = true; break;
		case 't':
			if (cli_int_option("sweep plan", "--stride", optarg, 1, 100000000, &p->stride) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'b':
			if (!sweep_parse_threshold(optarg, &minor, &share))
				return cli_usage_error("sweep plan", "--bankrupt-below: expected credits or a share like 50%%, got '%s'", optarg);
			p->bankrupt_below = optarg;
			break;
		case 'h':
			printf("Usage: smugnet sweep plan DIR --seeds A-B (--days N | --years N) [--scenario FILE]\n"
			       "       [--set KEY=V1,V2,...]... [--crackdown SPEC]... [--auto-crackdown]\n"
			       "       [--stride N] [--bankrupt-below CREDITS|SHARE%%]\n"
			       "Write DIR/manifest.json: one task per seed and setting (see smugnet-sweep(1)).\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("sweep plan", optind < argc ? "one sweep folder expected" : "the sweep folder is required");
	sweep_dir_trim(argv[optind]);
	p->dir = argv[optind];
	if (cli_name_given("sweep plan", "DIR", p->dir) != EXIT_OK ||
	    cli_name_given("sweep plan", "--scenario", p->scenario) != EXIT_OK ||
	    cli_output_spares(&(struct cli_output){.cmd = "sweep plan", .opt = "DIR", .path = p->dir, .folder = true,
						   .vault = cli_vault_root(NULL, vault, sizeof vault)}) != EXIT_OK)
		return EXIT_USAGE;
	if (p->seed_lo < 0)
		return cli_usage_error("sweep plan", "--seeds A-B is required");
	if (p->days < 0)
		return cli_usage_error("sweep plan", "--days N or --years N is required");
	/* counts compared by division: 256^16 settings, or 2^53 seeds under
	 * a thousand settings, are past any 64-bit product */
	p->n_settings = 1;
	for (int k = 0; k < p->grid.n_keys && p->n_settings <= SWEEP_MAX_TASKS; k++)
		if (p->n_settings > SWEEP_MAX_TASKS / p->grid.n_values[k])
			p->n_settings = SWEEP_MAX_TASKS + 1;
		else
			p->n_settings *= p->grid.n_values[k];
	if (p->n_settings > SWEEP_MAX_TASKS / (p->seed_hi - p->seed_lo + 1))
		return cli_usage_error("sweep plan", "at most %lld tasks (seeds x settings)", SWEEP_MAX_TASKS);
	return plan_write(p);
}

int sweep_plan(int argc, char **argv)
{
	struct plan p = {.seed_lo = -1, .days = -1, .stride = 30, .bankrupt_below = "1.00"};
	int rc = plan_main(argc, argv, &p);

	grid_done(&p.grid);
	return rc;
}
