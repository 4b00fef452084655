/* The seed vault: save -> load continues exactly (T6 for real, at several
 * split days and after 200 years), stable exports are byte-identical,
 * hostile input is refused with a clear message and leaves the vault
 * as it was, resealed seeds whose meaning is wrong are refused, links are
 * never followed, and saves stopped at every file-system call (one save,
 * and every pair of calls of two saves) never lose the seed. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core/snapshot.h"
#include "test_util.h"

static char root[256];

static void make_root_in(const char *base)
{
	snprintf(root, sizeof root, "%s/smugnet-vault-XXXXXX", base);
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static void make_root(void)
{
	const char *tmp = getenv("TMPDIR");

	make_root_in(tmp && *tmp ? tmp : "/tmp");
}

/* The crash trials make thousands of saves: on a memory file system when
 * there is one, where fsync costs nothing (a killed process loses no
 * written data on any file system, so what they test is the same). */
static bool on_tmpfs(const char *dir)
{
	struct statfs fs;

	return dir && *dir && access(dir, W_OK) == 0 && statfs(dir, &fs) == 0 && fs.f_type == 0x01021994; /* TMPFS_MAGIC */
}

static void make_fast_root(void)
{
	const char *tmp = getenv("TMPDIR");

	/* TMPDIR first when it is one (make mutate points it into its scratch
	 * copy, removed with it, so a trial a mutant fails leaves nothing) */
	make_root_in(on_tmpfs(tmp) ? tmp : on_tmpfs("/dev/shm") ? "/dev/shm" : "/tmp");
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_root(void)
{
	ck_assert_int_eq(nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

/* An empty vault root again (faster than a new one per trial). */
static void clear_root(void)
{
	remove_root();
	ck_assert_int_eq(mkdir(root, 0700), 0);
}

#define dosadi_at test_default_at

static char *slurp(const char *path)
{
	return test_slurp(path, NULL);
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static char *seed_file(const char *name, const char *file)
{
	char path[512];

	snprintf(path, sizeof path, "%s/seeds/%s/%s", root, name, file);
	return slurp(path);
}

static const int splits[] = {1, 37, 100, 365};

START_TEST(test_vault_split_continues_exactly)
{
	int split = splits[_i];
	struct smug_world *straight = dosadi_at(split), *loaded = NULL, *fresh;
	struct smug_error err;
	char *saved, *again;

	make_root();
	ck_assert_msg(smug_vault_save(straight, root, "split", &err) == SMUG_OK, "%s", err.msg);
	saved = seed_file("split", "snapshot.json");
	ck_assert_msg(smug_vault_load(root, "split", &loaded, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(straight));
	/* save -> load -> save gives byte-identical files */
	ck_assert_msg(smug_vault_save(loaded, root, "again", &err) == SMUG_OK, "%s", err.msg);
	again = seed_file("again", "snapshot.json");
	ck_assert_str_eq(saved, again);
	/* and an uninterrupted run saved at the split day writes the same bytes */
	fresh = dosadi_at(split);
	ck_assert_msg(smug_vault_save(fresh, root, "fresh", &err) == SMUG_OK, "%s", err.msg);
	free(again);
	again = seed_file("fresh", "snapshot.json");
	ck_assert_str_eq(saved, again);
	smug_cmd_step(straight, 400 - split);
	smug_cmd_step(loaded, 400 - split);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(straight));
	free(saved);
	free(again);
	smug_world_free(straight);
	smug_world_free(loaded);
	smug_world_free(fresh);
	remove_root();
}
END_TEST

/* A knob set lower on a world at day 100, saved before or soon after its
 * next day: the lists it bounds shrink lazily (edge statistics when a
 * faction touches new edges, the demand and source wards at their next
 * refresh, the TopK window on the next day), and the seed keeps them as
 * they are. It loads, to the same digest, and continues exactly. */
static const struct {
	const char *key, *value;
	int days;
} lowered[] = {
	{"smuggling.border_topk", "1", 0},
	{"smuggling.border_topk", "10", 5},
	{"smuggling.ward_topk", "1", 0},
	{"telemetry.window_days", "1", 0},
	{"telemetry.window_days", "7", 0},
};

START_TEST(test_vault_knob_set_lower_saves_a_seed_that_loads)
{
	struct smug_world *straight = dosadi_at(100), *loaded = NULL;
	struct smug_error err;

	make_root();
	ck_assert_msg(smug_config_set(straight, lowered[_i].key, lowered[_i].value, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(smug_cmd_step(straight, lowered[_i].days), SMUG_OK);
	ck_assert_msg(smug_vault_save(straight, root, "lowered", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_load(root, "lowered", &loaded, &err) == SMUG_OK, "%s=%s, %d days: %s",
		      lowered[_i].key, lowered[_i].value, lowered[_i].days, err.msg);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(straight));
	smug_cmd_step(straight, 30);
	smug_cmd_step(loaded, 30);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(straight));
	smug_world_free(straight);
	smug_world_free(loaded);
	remove_root();
}
END_TEST

/* The largest world seed, 2^53 - 1: the manifest names it in whole
 * digits, so the seed loads (the manifest's seed is the snapshot's). */
START_TEST(test_vault_largest_world_seed_loads)
{
	struct smug_world *w = dosadi_at(0), *loaded = NULL;
	struct smug_error err;
	char *manifest;

	make_root();
	ck_assert_msg(smug_world_reseed(w, 9007199254740991ull, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(smug_cmd_step(w, 3), SMUG_OK);
	ck_assert_msg(smug_vault_save(w, root, "big", &err) == SMUG_OK, "%s", err.msg);
	manifest = seed_file("big", "manifest.json");
	ck_assert_ptr_nonnull(strstr(manifest, "9007199254740991"));
	ck_assert_msg(smug_vault_load(root, "big", &loaded, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
	free(manifest);
	smug_world_free(w);
	smug_world_free(loaded);
	remove_root();
}
END_TEST

/* A copy of a world (what the cockpit's what-if branch and rewind make)
 * saves a seed that loads to the same state: it carries its scenario,
 * and the seed's scenario.json is the original's. */
START_TEST(test_vault_clone_saves_a_seed_that_loads)
{
	struct smug_world *w = dosadi_at(40), *copy = smug_world_clone(w), *loaded = NULL;
	struct smug_error err;
	char *orig, *cloned;

	make_root();
	ck_assert_msg(smug_vault_save(w, root, "orig", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_save(copy, root, "copy", &err) == SMUG_OK, "%s", err.msg);
	orig = seed_file("orig", "scenario.json");
	cloned = seed_file("copy", "scenario.json");
	ck_assert_msg(orig != NULL && cloned != NULL && strcmp(orig, cloned) == 0,
		      "the copy's seed holds a scenario.json of %zu bytes, the world's %zu", cloned ? strlen(cloned) : 0,
		      orig ? strlen(orig) : 0);
	ck_assert_msg(smug_vault_load(root, "copy", &loaded, &err) == SMUG_OK, "the copy's seed: %s", err.msg);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
	free(orig);
	free(cloned);
	smug_world_free(loaded);
	smug_world_free(copy);
	smug_world_free(w);
	remove_root();
}
END_TEST

#ifdef HAVE_MALLINFO2
/* Saving gives back what it took: two hundred saves of one world hold
 * no more memory than the first (each builds the manifest as a JSON
 * tree; the allocator's own caches account for some kilobytes). */
START_TEST(test_vault_saves_give_their_memory_back)
{
	struct smug_world *w = dosadi_at(5);
	struct smug_error err;
	size_t before = 0;

	make_root();
	for (int i = 0; i < 201; i++) {
		if (i == 1)
			before = test_heap_in_use();
		ck_assert_msg(smug_vault_save(w, root, "again", &err) == SMUG_OK, "%s", err.msg);
	}
	ck_assert_msg(test_heap_in_use() <= before + (64u << 10), "200 saves: %zu bytes more in use",
		      test_heap_in_use() - before);
	smug_world_free(w);
	remove_root();
}
END_TEST
#endif

START_TEST(test_vault_200_years)
{
	struct smug_world *w = dosadi_at(73000), *loaded = NULL;
	struct smug_error err;

	make_root();
	ck_assert_msg(smug_vault_save(w, root, "bicentennial", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_load(root, "bicentennial", &loaded, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, 30);
	smug_cmd_step(loaded, 30);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
	ck_assert_int_eq(loaded->day, 73030);
	smug_world_free(w);
	smug_world_free(loaded);
	remove_root();
}
END_TEST

static const char *const exports[] = {"smuggling.json", "ledger_accounts.json", "customs_borders.json"};

START_TEST(test_vault_stable_export)
{
	/* the same state reached two ways: straight to day 200, and saved at
	 * day 100, loaded, and run on to day 200 */
	struct smug_world *w = dosadi_at(200), *half = dosadi_at(100), *resumed = NULL;
	struct smug_error err;
	char *a, *b;

	make_root();
	ck_assert_msg(smug_vault_save(half, root, "half", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_load(root, "half", &resumed, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(resumed, 100);
	ck_assert_msg(smug_vault_save(w, root, "one", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_save(resumed, root, "two", &err) == SMUG_OK, "%s", err.msg);
	for (int i = 0; i < 3; i++) {
		a = seed_file("one", exports[i]);
		b = seed_file("two", exports[i]);
		ck_assert_ptr_nonnull(a);
		ck_assert_ptr_nonnull(b);
		ck_assert_msg(strcmp(a, b) == 0, "%s differs for the same state", exports[i]);
		free(b);
		/* and it follows the state: day 100's export is different */
		b = seed_file("half", exports[i]);
		ck_assert_msg(strcmp(a, b) != 0, "%s is the same at day 100 and day 200", exports[i]);
		free(a);
		free(b);
	}
	a = seed_file("one", "smuggling.json");
	/* sorted by faction id; bounded edge_stats */
	ck_assert_ptr_nonnull(strstr(a, "\"faction_id\": \"dustrunners\""));
	ck_assert(strstr(a, "\"dustrunners\"") < strstr(a, "\"raiders\""));
	ck_assert(strstr(a, "\"raiders\"") < strstr(a, "\"syndicate\""));
	{
		int edges = 0;

		for (const char *p = a; (p = strstr(p, "\"edge_id\"")) != NULL; p++)
			edges++;
		ck_assert_int_le(edges, 4 * w->cfg.smuggling.border_topk);
		ck_assert_int_gt(edges, 0);
	}
	free(a);
	smug_world_free(w);
	smug_world_free(half);
	smug_world_free(resumed);
	remove_root();
}
END_TEST

static cJSON *export_json(const char *name, const char *file)
{
	char *text = seed_file(name, file);
	cJSON *j;

	ck_assert_msg(text != NULL, "no %s", file);
	j = cJSON_Parse(text);
	ck_assert_msg(j != NULL, "%s does not parse", file);
	free(text);
	return j;
}

static const cJSON *get(const cJSON *o, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	ck_assert_msg(j != NULL, "no \"%s\"", key);
	return j;
}

static int64_t money(const cJSON *o, const char *key)
{
	double v = get(o, key)->valuedouble * 100;

	return (int64_t)(v < 0 ? v - 0.5 : v + 0.5);
}

static int64_t count(const cJSON *o, const char *key)
{
	return (int64_t)get(o, key)->valuedouble;
}

/* The stable exports say what the state holds, as smugnet-seed(5)
 * describes them. */
START_TEST(test_vault_exports_hold_the_state)
{
	struct smug_world *w = dosadi_at(120);
	struct smug_error err;
	const struct smug_ledger *l = &w->ledger;
	cJSON *j;
	const cJSON *arr, *e;
	int i, borders = 0, nets = 0;

	make_root();
	ck_assert_msg(smug_vault_save(w, root, "x", &err) == SMUG_OK, "%s", err.msg);

	j = export_json("x", "ledger_accounts.json");
	ck_assert_str_eq(get(j, "schema")->valuestring, "ledger_accounts_v1");
	ck_assert_int_eq(count(j, "day"), w->day);
	arr = get(j, "accounts");
	ck_assert_int_eq(cJSON_GetArraySize(arr), l->n_accounts);
	i = 0;
	cJSON_ArrayForEach(e, arr) {
		ck_assert_str_eq(get(e, "acct_id")->valuestring, l->accounts[i].id);
		ck_assert_int_eq(money(e, "balance"), l->accounts[i].balance);
		i++;
	}
	ck_assert_int_eq(money(j, "minted"), l->minted);
	ck_assert_int_eq(money(j, "burned"), l->burned);
	for (int r = 0; r < SMUG_TX_REASON_COUNT; r++)
		ck_assert_int_eq(money(get(j, "by_reason"), smug_tx_reason_name((enum smug_tx_reason)r)), l->by_reason[r]);
	cJSON_Delete(j);

	j = export_json("x", "customs_borders.json");
	ck_assert_str_eq(get(j, "schema")->valuestring, "customs_borders_v1");
	arr = get(j, "borders");
	e = arr->child;
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		const struct smug_border_stats *b = &w->border_stats[c];

		if (!k->border || b->traffic == 0)
			continue;
		ck_assert_msg(e != NULL, "border %s missing", k->id);
		ck_assert_str_eq(get(e, "id")->valuestring, k->id);
		ck_assert_str_eq(get(e, "from")->valuestring, w->wards[w->nodes[k->a].ward].id);
		ck_assert_str_eq(get(e, "to")->valuestring, w->wards[w->nodes[k->b].ward].id);
		ck_assert_int_eq(count(e, "traffic"), b->traffic);
		ck_assert_int_eq(count(e, "checks"), b->checks);
		ck_assert_int_eq(count(e, "inspections"), b->inspections);
		ck_assert_int_eq(count(e, "detections"), b->detections);
		ck_assert_int_eq(count(e, "seizures"), b->seizures);
		ck_assert_int_eq(money(e, "bribes"), b->bribes);
		ck_assert_int_eq(money(e, "tariffs"), b->tariffs);
		ck_assert_int_eq(cJSON_IsTrue(get(e, "crackdown")), smug_world_crackdown_on(w, c) != NULL);
		e = e->next;
		borders++;
	}
	ck_assert_ptr_null(e);
	ck_assert_int_gt(borders, 10);
	cJSON_Delete(j);

	j = export_json("x", "smuggling.json");
	ck_assert_str_eq(get(j, "schema")->valuestring, "smuggling_v1");
	ck_assert_int_eq(count(get(j, "config"), "border_topk"), w->cfg.smuggling.border_topk);
	e = get(j, "networks")->child;
	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_network *n = &w->factions[f].net;
		const cJSON *st;
		int k = 0;

		if (!w->factions[f].runs_network)
			continue;
		ck_assert_ptr_nonnull(e);
		ck_assert_str_eq(get(e, "faction_id")->valuestring, w->factions[f].id);
		ck_assert_int_eq(count(e, "shipments"), n->shipments);
		ck_assert_int_eq(count(e, "delivered"), n->delivered);
		ck_assert_int_eq(count(e, "seized"), n->seized);
		ck_assert_int_eq(count(e, "lost"), n->lost);
		ck_assert_int_eq(count(e, "in_transit"), n->in_transit);
		ck_assert_int_eq(money(e, "bribes_spent"), n->bribes_spent);
		ck_assert_int_eq(money(e, "tariffs_paid"), n->tariffs_paid);
		ck_assert_int_eq(cJSON_GetArraySize(get(e, "edge_stats")), n->n_edge_stats);
		ck_assert_int_le(n->n_edge_stats, w->cfg.smuggling.border_topk);
		cJSON_ArrayForEach(st, get(e, "edge_stats")) {
			const struct smug_edge_stats *x = &n->edge_stats[k];

			ck_assert_str_eq(get(st, "edge_id")->valuestring, w->corridors[x->corridor].id);
			ck_assert_str_eq(get(st, "from")->valuestring, w->nodes[x->from_node].id);
			ck_assert_double_eq_tol(get(st, "risk_est")->valuedouble, x->risk_est, 5e-7);
			ck_assert_double_eq_tol(get(st, "cost_est")->valuedouble, x->cost_est, 5e-7);
			/* by corridor id, then direction: entered from its first end first */
			if (k > 0) {
				int order = strcmp(w->corridors[x[-1].corridor].id, w->corridors[x->corridor].id);

				ck_assert_int_le(order, 0);
				if (order == 0)
					ck_assert(x[-1].from_node == w->corridors[x->corridor].a &&
						  x->from_node == w->corridors[x->corridor].b);
			}
			k++;
		}
		ck_assert_int_eq(cJSON_GetArraySize(get(e, "recent_outcomes")), n->recent_count);
		e = e->next;
		nets++;
	}
	ck_assert_ptr_null(e);
	ck_assert_int_ge(nets, 4);
	cJSON_Delete(j);
	smug_world_free(w);
	remove_root();
}
END_TEST

/* smuggling.json says, field by field, what each network holds: its
 * preferences, totals, per-border weights (both directions of a border
 * summed in one entry), every edge estimate, and its recent outcomes
 * oldest first as the ring holds them -- including a ring that wrapped,
 * an outcome with a place and one without. */
START_TEST(test_vault_smuggling_export_every_field)
{
	static const int days[] = {4, 150}; /* rings partly filled, and wrapped */
	int wrapped = 0, partial = 0, placed = 0, unplaced = 0, weights = 0;

	make_root();
	for (int d = 0; d < 2; d++) {
		struct smug_world *w = dosadi_at(days[d]);
		const struct smug_smuggling_config *c = &w->cfg.smuggling;
		struct smug_error err;
		cJSON *j;
		const cJSON *e, *cfg;

		ck_assert_msg(smug_vault_save(w, root, "x", &err) == SMUG_OK, "%s", err.msg);
		j = export_json("x", "smuggling.json");
		ck_assert_int_eq(count(j, "day"), w->day);
		cfg = get(j, "config");
		ck_assert_int_eq(cJSON_IsTrue(get(cfg, "enabled")), c->enabled);
		ck_assert_int_eq(count(cfg, "max_active_factions"), c->max_active_factions);
		ck_assert_int_eq(count(cfg, "max_shipments_per_day"), c->max_shipments_per_day);
		ck_assert_int_eq(count(cfg, "commodity_topk"), c->commodity_topk);
		ck_assert_int_eq(count(cfg, "route_topk"), c->route_topk);
		ck_assert_double_eq_tol(get(cfg, "learning_rate")->valuedouble, c->learning_rate, 5e-7);
		ck_assert_str_eq(get(cfg, "deterministic_salt")->valuestring, c->deterministic_salt);
		e = get(j, "networks")->child;
		for (int f = 0; f < w->n_factions; f++) {
			const struct smug_network *n = &w->factions[f].net;
			const cJSON *x, *prefs, *pb;
			int k = 0, i;

			if (!w->factions[f].runs_network)
				continue;
			ck_assert_ptr_nonnull(e);
			ck_assert_str_eq(get(e, "faction_id")->valuestring, w->factions[f].id);
			/* the positive preferences, in commodity order */
			prefs = get(e, "commodity_prefs");
			x = prefs->child;
			for (int m = 0; m < SMUG_COMMODITY_COUNT; m++) {
				if (!(n->commodity_prefs[m] > 0))
					continue;
				ck_assert_msg(x != NULL, "%s: no preference for %s", w->factions[f].id,
					      smug_commodity_name((enum smug_commodity)m));
				ck_assert_str_eq(x->string, smug_commodity_name((enum smug_commodity)m));
				ck_assert_double_eq_tol(x->valuedouble, n->commodity_prefs[m], 5e-7);
				x = x->next;
			}
			ck_assert_ptr_null(x);
			ck_assert_double_eq_tol(get(e, "bribe_budget_fraction")->valuedouble, n->bribe_budget_fraction, 5e-7);
			ck_assert_int_eq(count(e, "last_run_day"), n->last_run_day);
			ck_assert_int_eq(count(e, "delayed"), n->delayed);
			ck_assert_double_eq_tol(get(e, "success_rate")->valuedouble, smug_network_success_rate(n), 5e-7);
			ck_assert_int_eq(money(e, "purchases"), n->purchases);
			ck_assert_int_eq(money(e, "sales"), n->sales);
			/* one entry per border with weight, both directions summed */
			pb = get(e, "preferred_borders");
			x = pb->child;
			for (i = 0; i < n->n_edge_stats; i++) {
				int kc = n->edge_stats[i].corridor;
				double want = n->preferred_border_weight[i];

				if (i + 1 < n->n_edge_stats && n->edge_stats[i + 1].corridor == kc)
					want += n->preferred_border_weight[++i];
				if (!w->corridors[kc].border || !(want > 0))
					continue;
				ck_assert_msg(x != NULL, "%s: no preferred border %s", w->factions[f].id, w->corridors[kc].id);
				ck_assert_str_eq(x->string, w->corridors[kc].id);
				ck_assert_double_eq_tol(x->valuedouble, want, 5e-7);
				x = x->next;
				weights++;
			}
			ck_assert_ptr_null(x);
			cJSON_ArrayForEach(x, get(e, "edge_stats")) {
				const struct smug_edge_stats *s = &n->edge_stats[k++];

				ck_assert_int_eq(cJSON_IsTrue(get(x, "border")), w->corridors[s->corridor].border);
				ck_assert_int_eq(count(x, "last_update_day"), s->last_update_day);
				ck_assert_int_eq(count(x, "uses"), s->uses);
			}
			ck_assert_int_eq(k, n->n_edge_stats);
			/* the ring, oldest first */
			k = 0;
			cJSON_ArrayForEach(x, get(e, "recent_outcomes")) {
				int at = (n->recent_head - n->recent_count + k + SMUG_RECENT_OUTCOMES) % SMUG_RECENT_OUTCOMES;
				const struct smug_recent_outcome *r = &n->recent[at];
				const cJSON *where = get(x, "at");

				ck_assert_int_eq(count(x, "day"), r->day);
				ck_assert_uint_eq((uint64_t)get(x, "shipment")->valuedouble, r->shipment);
				ck_assert_str_eq(get(x, "commodity")->valuestring, smug_commodity_name(r->commodity));
				ck_assert_str_eq(get(x, "outcome")->valuestring, smug_outcome_name(r->outcome));
				if (r->at_corridor >= 0) {
					ck_assert_str_eq(where->valuestring, w->corridors[r->at_corridor].id);
					placed++;
				} else {
					ck_assert(cJSON_IsNull(where));
					unplaced++;
				}
				ck_assert_int_eq(money(x, "value"), r->value);
				if (k > 0)
					ck_assert_int_le(count(x->prev, "day"), r->day);
				k++;
			}
			ck_assert_int_eq(k, n->recent_count);
			wrapped += n->recent_count == SMUG_RECENT_OUTCOMES && n->recent_head != 0;
			partial += n->recent_count > 0 && n->recent_count < SMUG_RECENT_OUTCOMES;
			e = e->next;
		}
		ck_assert_ptr_null(e);
		cJSON_Delete(j);
		smug_world_free(w);
	}
	ck_assert_int_gt(wrapped, 0);
	ck_assert_int_gt(partial, 0);
	ck_assert_int_gt(placed, 0);
	ck_assert_int_gt(unplaced, 0);
	ck_assert_int_gt(weights, 0);
	remove_root();
}
END_TEST

/* A save interrupted between its two renames leaves only .<name>.old;
 * loading <name> falls back to it. A complete <name> always wins. */
START_TEST(test_vault_load_falls_back_to_old)
{
	struct smug_world *a = dosadi_at(10), *b = dosadi_at(20), *out = NULL;
	struct smug_error err;
	char from[512], to[512];

	make_root();
	ck_assert(smug_vault_save(a, root, "keep", &err) == SMUG_OK);
	ck_assert(smug_vault_save(b, root, "other", &err) == SMUG_OK);
	snprintf(from, sizeof from, "%s/seeds/keep", root);
	snprintf(to, sizeof to, "%s/seeds/.keep.old", root);
	ck_assert_int_eq(rename(from, to), 0);
	ck_assert_msg(smug_vault_load(root, "keep", &out, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(a));
	smug_world_free(out);
	out = NULL;
	/* with both present, the seed itself is loaded, not the old copy */
	snprintf(from, sizeof from, "%s/seeds/other", root);
	snprintf(to, sizeof to, "%s/seeds/keep", root);
	ck_assert_int_eq(rename(from, to), 0);
	ck_assert_msg(smug_vault_load(root, "keep", &out, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(b));
	smug_world_free(out);
	out = NULL;
	ck_assert_int_eq(smug_vault_load(root, "other", &out, &err), SMUG_ERR_NOT_FOUND);
	smug_world_free(a);
	smug_world_free(b);
	remove_root();
}
END_TEST

/* smug_vault_locate says where a load finds a seed without loading it
 * (what `smugnet diff` asks before taking a name for a run file): the
 * seed's folder, else the generation an interrupted save left; nothing
 * for a name the vault does not hold or a vault without seeds; a link of
 * that name is named, not followed. */
START_TEST(test_vault_locate_finds_what_load_finds)
{
	struct smug_world *a = dosadi_at(3);
	struct smug_error err;
	char from[512], to[512];
	long long gen = 99;

	make_root();
	ck_assert_int_eq(smug_vault_locate(root, "s", &gen, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_msg(strstr(err.msg, "/seeds/s: no such seed") != NULL, "%s", err.msg);
	ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
	ck_assert_int_eq(smug_vault_locate(root, "s", &gen, &err), SMUG_OK);
	ck_assert_int_eq(gen, 0);
	snprintf(from, sizeof from, "%s/seeds/s", root);
	snprintf(to, sizeof to, "%s/seeds/.s.old.3", root);
	ck_assert_int_eq(rename(from, to), 0);
	ck_assert_msg(smug_vault_locate(root, "s", &gen, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(gen, 3);
	ck_assert_int_eq(smug_vault_locate(root, "s", NULL, &err), SMUG_OK);
	ck_assert_int_eq(smug_vault_locate(root, "t", &gen, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_msg(strstr(err.msg, "/seeds/t: no such seed") != NULL, "%s", err.msg);
	snprintf(from, sizeof from, "%s/seeds/l", root);
	ck_assert_int_eq(symlink(".s.old.3", from), 0);
	ck_assert_int_eq(smug_vault_locate(root, "l", &gen, &err), SMUG_ERR_IO);
	ck_assert_msg(strstr(err.msg, "/seeds/l: is a symbolic link") != NULL, "%s", err.msg);
	ck_assert_int_eq(smug_vault_locate(root, "../s", &gen, &err), SMUG_ERR_ARG);
	smug_world_free(a);
	remove_root();
}
END_TEST

/* Replace the first `find` in a seed file, keeping or fixing its hash. */
static void tamper(const char *name, const char *file, const char *find, const char *repl, bool fix_hash)
{
	char path[512], mpath[512], hex[17];
	char *text = seed_file(name, file), *out, *m, *at;

	ck_assert_ptr_nonnull(text);
	at = strstr(text, find);
	ck_assert_msg(at != NULL, "'%s' not in %s", find, file);
	out = malloc(strlen(text) + strlen(repl) + 1);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, repl, at + strlen(find));
	snprintf(path, sizeof path, "%s/seeds/%s/%s", root, name, file);
	spit(path, out);
	if (fix_hash) {
		char *mt, old[17];

		snprintf(mpath, sizeof mpath, "%s/seeds/%s/manifest.json", root, name);
		m = slurp(mpath);
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash_bytes(out, strlen(out)));
		snprintf(old, sizeof old, "%016llx", (unsigned long long)hash_bytes(text, strlen(text)));
		mt = strstr(m, old);
		ck_assert_ptr_nonnull(mt);
		memcpy(mt, hex, 16);
		spit(mpath, m);
		free(m);
	}
	free(text);
	free(out);
}

struct hostile {
	const char *what, *file, *find, *repl;
	bool fix_hash;
	enum smug_status st;
	const char *msg;
};

static const struct hostile hostile[] = {
	{"tampered", "smuggling.json", "\"schema\"", "\"schemb\"", false, SMUG_ERR_HASH, "hash mismatch"},
	{"other major", "manifest.json", "\"version_major\":", "\"version_major\": 9, \"was\":", false, SMUG_ERR_VERSION,
	 "seed format 9 is not supported"},
	/* dropping '":' turns what follows inside out (strings become bare
	 * bytes): refused as text at a position, by the pre-pass (here a hex
	 * digest's leading zero) or by cJSON, whichever meets it first */
	{"truncated", "snapshot.json", "\"state\":", "\"state", true, SMUG_ERR_PARSE, "snapshot.json: line 1 byte "},
	{"wrong type", "snapshot.json", "\"learning_rate\":", "\"learning_rate\":\"x\",\"lr\":", true, SMUG_ERR_SCHEMA,
	 "state.config.smuggling.learning_rate: expected number"},
	{"huge number", "snapshot.json", "\"start_day\":0", "\"start_day\":1e999", true, SMUG_ERR_SCHEMA,
	 "state.start_day: expected number"},
	{"past 2^53", "snapshot.json", "\"start_day\":0", "\"start_day\":9007199254740993", true, SMUG_ERR_SCHEMA,
	 "state.start_day: expected number in [0,100000000], got 9007199254740992"},
	{"past 2^63", "snapshot.json", "\"start_day\":0", "\"start_day\":41111111111111111111111110", true,
	 SMUG_ERR_SCHEMA, "state.start_day: expected number in [0,100000000], got "},
	{"out of range", "snapshot.json", "\"risk_est\":", "\"risk_est\":1.7,\"x\":", true, SMUG_ERR_SCHEMA,
	 "risk_est: expected number in [0,1], got 1.7"},
	{"negative count", "snapshot.json", "\"in_transit\":", "\"in_transit\":-4,\"y\":", true, SMUG_ERR_SCHEMA,
	 "in_transit: expected number in [0,2048], got -4"},
	{"list item out of range", "snapshot.json", "\"delivered_today\":[", "\"delivered_today\":[-1", true,
	 SMUG_ERR_SCHEMA, "snapshot.json: state.wards[0].delivered_today[0]: expected number in [0,1000000000], got -1"},
	{"duplicate id", "snapshot.json", "\"id\":\"ward:02\"", "\"id\":\"ward:01\"", true, SMUG_ERR_SCHEMA,
	 "snapshot.json: state.wards[1].id: ids must be unique and sorted ('ward:01' after 'ward:01')"},
	{"duplicate node id", "snapshot.json", "\"id\":\"n:01.1\"", "\"id\":\"n:01.0\"", true, SMUG_ERR_SCHEMA,
	 "snapshot.json: state.nodes[1].id: ids must be unique and sorted ('n:01.0' after 'n:01.0')"},
	{"version 1", "manifest.json", "\"version_major\":", "\"version_major\": 1, \"was\":", false, SMUG_ERR_VERSION,
	 "seed format 1 is not supported"},
	{"version 7 (its scenario hash is of the bytes)", "manifest.json", "\"version_major\":",
	 "\"version_major\": 7, \"was\":", false, SMUG_ERR_VERSION, "seed format 7 is not supported (this program reads 8)"},
	{"malformed digest", "manifest.json", "\"digest\":\t\"", "\"digest\":\t\"0", false, SMUG_ERR_SCHEMA,
	 "manifest.json: digest: expected 16 hexadecimal digits"},
	{"digest of 16 letters past f", "manifest.json", "\"digest\":\t\"", "\"digest\":\t\"zzzzzzzzzzzzzzzz\", \"was\":\"",
	 false, SMUG_ERR_SCHEMA, "manifest.json: digest: expected 16 hexadecimal digits"},
	{"other snapshot format", "snapshot.json", "\"format\":\"smugnet-snapshot\"", "\"format\":\"smugnet-snapshat\"",
	 true, SMUG_ERR_SCHEMA, "snapshot.json: format: expected \"smugnet-snapshot\""},
	{"other snapshot version", "snapshot.json", "\"version\":", "\"version\":4,\"was\":", true, SMUG_ERR_VERSION,
	 "snapshot.json: version: snapshot version is not supported (this program reads "},
	{"state a list", "snapshot.json", "\"state\":", "\"state\":[],\"was\":", true, SMUG_ERR_SCHEMA,
	 "snapshot.json: state: expected object"},
	{"other format", "manifest.json", "\"format\":\t\"smugnet-seed\"", "\"format\":\t\"smugnet-sed\"", false,
	 SMUG_ERR_SCHEMA, "manifest.json: format: expected \"smugnet-seed\""},
	{"major version in quotes", "manifest.json", "\"version_major\":", "\"version_major\": \"5\", \"was\":", false,
	 SMUG_ERR_SCHEMA, "manifest.json: version_major: expected a whole number"},
	{"negative minor version", "manifest.json", "\"version_minor\":", "\"version_minor\": -1, \"was\":", false,
	 SMUG_ERR_SCHEMA, "manifest.json: version_minor: expected a whole number"},
	{"scenario hash of 17 digits", "manifest.json", "\"scenario_hash\":\t\"", "\"scenario_hash\":\t\"0", false,
	 SMUG_ERR_SCHEMA, "manifest.json: scenario_hash: expected 16 hexadecimal digits"},
	{"half a seed", "manifest.json", "\"seed\":", "\"seed\": 0.5, \"was\":", false, SMUG_ERR_SCHEMA,
	 "manifest.json: seed: expected a whole number in [0,9007199254740991]"},
	{"day -1", "manifest.json", "\"day\":", "\"day\": -1, \"was\":", false, SMUG_ERR_SCHEMA,
	 "manifest.json: day: expected a whole number in [0,1000000000]"},
	{"another program", "manifest.json", "\"program\":\t\"smugnet\"", "\"program\":\t\"smugnot\"", false,
	 SMUG_ERR_SCHEMA, "manifest.json: program: expected \"smugnet\""},
	{"program version a number", "manifest.json", "\"program_version\":", "\"program_version\": 1, \"was\":", false,
	 SMUG_ERR_SCHEMA, "manifest.json: program_version: expected a string"},
	{"files a list", "manifest.json", "\"files\":", "\"files\": [], \"was\":", false, SMUG_ERR_SCHEMA,
	 "manifest.json: files: expected an object"},
	{"a file's hash of 17 digits", "manifest.json", "\"snapshot.json\":\t\"", "\"snapshot.json\":\t\"0", false,
	 SMUG_ERR_SCHEMA, "manifest.json: files.snapshot.json: expected 16 hexadecimal digits"},
	{"another scenario's id", "manifest.json", "\"scenario_id\":\t\"", "\"scenario_id\":\t\"x", false,
	 SMUG_ERR_SCHEMA, "manifest.json: scenario_id: \"xdosadi-36\", but the snapshot's is \"dosadi-36\""},
	{"another scenario's hash", "manifest.json", "\"scenario_hash\":\t\"",
	 "\"scenario_hash\":\t\"0000000000000000\", \"was\":\t\"", false, SMUG_ERR_SCHEMA,
	 "manifest.json: scenario_hash: 0000000000000000, but the snapshot's is "},
	{"no scenario id", "manifest.json", "\"scenario_id\":", "\"scenario_ix\":", false, SMUG_ERR_SCHEMA,
	 "manifest.json: scenario_id: expected a string of at most"},
	{"scenario id too long", "manifest.json", "\"scenario_id\":\t\"", "\"scenario_id\":\t\""
	 "a-scenario-id-longer-than-any-a-scenario-may-have-sixty-four-bytes-and-more-", false, SMUG_ERR_SCHEMA,
	 "manifest.json: scenario_id: expected a string of at most"},
	{"unbalanced ledger", "snapshot.json", "\"balances\":[", "\"balances\":[1", true, SMUG_ERR_SCHEMA,
	 "balances do not add up"},
	/* a key twice in any object (cJSON keeps both, its look-ups take the
	 * first): refused, named with its path */
	{"duplicate key in the snapshot", "snapshot.json", "\"start_day\":0", "\"start_day\":0,\"start_day\":1", true,
	 SMUG_ERR_PARSE, "snapshot.json: state.start_day: duplicate key 'start_day'"},
	{"duplicate key nested in the snapshot", "snapshot.json", "\"learning_rate\":", "\"learning_rate\":0.5,\"learning_rate\":",
	 true, SMUG_ERR_PARSE, "snapshot.json: state.config.smuggling.learning_rate: duplicate key 'learning_rate'"},
	{"duplicate key in a list's object", "snapshot.json", "\"id\":\"ward:02\"", "\"id\":\"ward:02\",\"id\":\"ward:02\"",
	 true, SMUG_ERR_PARSE, "snapshot.json: state.wards[1].id: duplicate key 'id'"},
	{"duplicate key in the manifest", "manifest.json", "\"day\":", "\"day\": 120, \"day\":", false, SMUG_ERR_PARSE,
	 "manifest.json: day: duplicate key 'day'"},
	{"duplicate file in the manifest", "manifest.json", "\"snapshot.json\":\t\"",
	 "\"snapshot.json\":\t\"0000000000000000\", \"snapshot.json\":\t\"", false, SMUG_ERR_PARSE,
	 "manifest.json: files.snapshot.json: duplicate key 'snapshot.json'"},
	{"digest mismatch", "manifest.json", "\"digest\":\t\"", "\"digest\":\t\"0000000000000000\", \"was\":\"", false,
	 SMUG_ERR_HASH, "manifest.json: digest: the restored state is"},
};

START_TEST(test_vault_hostile_input)
{
	const struct hostile *h = &hostile[_i];
	struct smug_world *w = dosadi_at(50), *sentinel = (struct smug_world *)&sentinel, *out = sentinel;
	struct smug_error err = {0};
	uint64_t before = smug_world_digest(w);
	enum smug_status st;

	make_root();
	ck_assert(smug_vault_save(w, root, "victim", &err) == SMUG_OK);
	tamper("victim", h->file, h->find, h->repl, h->fix_hash);
	st = smug_vault_load(root, "victim", &out, &err);
	ck_assert_msg(st == h->st, "%s: status %d, expected %d: %s", h->what, st, h->st, err.msg);
	ck_assert_msg(strstr(err.msg, h->msg) != NULL, "%s: '%s' lacks '%s'", h->what, err.msg, h->msg);
	ck_assert(out == sentinel);
	ck_assert_uint_eq(smug_world_digest(w), before); /* the running world is untouched */
#ifdef HAVE_MALLINFO2
	{ /* a refused load gives back what it took: 50 more hold no more */
		size_t heap = test_heap_in_use();

		for (int i = 0; i < 50; i++)
			ck_assert(smug_vault_load(root, "victim", &out, &err) == h->st && out == sentinel);
		ck_assert_msg(test_heap_in_use() <= heap + (64u << 10), "%s: 50 refused loads hold %zu bytes more",
			      h->what, test_heap_in_use() - heap);
	}
#endif
	smug_world_free(w);
	remove_root();
}
END_TEST

/* A folder given with a trailing slash ("VAULT/", "VAULT/seeds/a/", as
 * a shell completes it) is named in messages as the path it is: a seed's
 * tampered file read "VAULT/seeds/a//journal.jsonl" and a missing seed
 * "VAULT//seeds/b". */
START_TEST(test_vault_messages_name_a_folder_given_with_a_slash_once)
{
	struct smug_world *w = dosadi_at(5), *out = NULL;
	struct smug_error err = {0};
	char slashed[300], dir[320];

	make_root();
	ck_assert(smug_vault_save(w, root, "victim", &err) == SMUG_OK);
	tamper("victim", "journal.jsonl", "{", "{\"x\":1,", false);
	snprintf(slashed, sizeof slashed, "%s//", root);
	ck_assert_int_eq(smug_vault_load(slashed, "victim", &out, &err), SMUG_ERR_HASH);
	ck_assert_msg(strstr(err.msg, "//") == NULL && strstr(err.msg, "/seeds/victim/journal.jsonl"), "'%s'", err.msg);
	ck_assert_int_eq(smug_vault_load(slashed, "nosuch", &out, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_msg(strstr(err.msg, "//") == NULL && strstr(err.msg, "/seeds/nosuch"), "'%s'", err.msg);
	snprintf(dir, sizeof dir, "%s/seeds/victim/", root);
	ck_assert_int_eq(smug_vault_load_dir(dir, &out, &err), SMUG_ERR_HASH);
	ck_assert_msg(strstr(err.msg, "//") == NULL && strstr(err.msg, "/seeds/victim/journal.jsonl"), "'%s'", err.msg);
	ck_assert_ptr_null(out);
	smug_world_free(w);
	remove_root();
}
END_TEST

/* A decision's winner, runner-up and chosen candidate index its list of
 * candidates: a seed whose index is one past the list is refused, and
 * the message names that field. */
START_TEST(test_vault_candidate_index_past_the_list)
{
	static const char *const fields[] = {"winner", "runner", "chosen"};
	const char *field = fields[_i];
	struct smug_world *w = dosadi_at(50), *out = NULL;
	struct smug_error err = {0};
	char find[32], repl[64], want[96], *text, *at;
	int n_cand = -1;

	make_root();
	ck_assert(smug_vault_save(w, root, "victim", &err) == SMUG_OK);
	text = seed_file("victim", "snapshot.json");
	at = strstr(text, "\"n_cand\":");
	ck_assert_msg(at && sscanf(at + 9, "%d", &n_cand) == 1 && n_cand > 0, "no decision with candidates");
	ck_assert_msg(strstr(at, "\"runner\":") < strstr(at + 1, "\"n_cand\":"), "fields out of order");
	snprintf(find, sizeof find, "\"%s\":", field);
	snprintf(repl, sizeof repl, "\"%s\":%d,\"was\":", field, n_cand);
	tamper("victim", "snapshot.json", find, repl, true);
	ck_assert_int_eq(smug_vault_load(root, "victim", &out, &err), SMUG_ERR_SCHEMA);
	ck_assert_ptr_null(out);
	snprintf(want, sizeof want, "state.decisions[0].%s: expected number in [-1,%d], got %d", field, n_cand - 1,
		 n_cand);
	ck_assert_msg(strstr(err.msg, want) != NULL, "%s = %d of %d candidates: '%s' lacks '%s'", field, n_cand,
		      n_cand, err.msg, want);
	free(text);
	smug_world_free(w);
	remove_root();
}
END_TEST

/* A network's edge statistics (and its planner's copy) are kept sorted
 * by corridor and direction: a seed with the first two swapped is
 * refused as it is read, naming the list ("state.factions[0].network.
 * edge_stats: edge_stats must be sorted ..."). */
START_TEST(test_vault_unsorted_edge_stats_are_refused)
{
	static const char *const lists[] = {"edge_stats", "plan_stats"};
	struct smug_world *w = dosadi_at(50), *out = NULL;
	struct smug_error err = {0};
	char key[32], want[96], *text, *a, *b, *end, *find, *repl;
	size_t la, lb;

	make_root();
	ck_assert(smug_vault_save(w, root, "victim", &err) == SMUG_OK);
	text = seed_file("victim", "snapshot.json");
	snprintf(key, sizeof key, "\"%s\":[{", lists[_i]);
	a = strstr(text, key);
	ck_assert_msg(a != NULL, "no %s", key);
	a += strlen(key) - 1; /* the first entry, flat: no braces inside */
	b = strchr(a, '}') + 2;
	ck_assert_msg(b[-1] == ',' && b[0] == '{', "%s has one entry", lists[_i]);
	end = strchr(b, '}') + 1;
	la = (size_t)(b - 1 - a);
	lb = (size_t)(end - b);
	find = strndup(a, (size_t)(end - a));
	repl = malloc(la + lb + 2);
	sprintf(repl, "%.*s,%.*s", (int)lb, b, (int)la, a);
	tamper("victim", "snapshot.json", find, repl, true);
	ck_assert_int_eq(smug_vault_load(root, "victim", &out, &err), SMUG_ERR_SCHEMA);
	ck_assert_ptr_null(out);
	snprintf(want, sizeof want, "%s must be sorted by corridor and direction", lists[_i]);
	ck_assert_msg(strstr(err.msg, want) != NULL, "'%s' lacks '%s'", err.msg, want);
	free(find);
	free(repl);
	free(text);
	smug_world_free(w);
	remove_root();
}
END_TEST

/* Only a faction that runs a network learns from its crossings: a seed
 * that gives a guild (tests/data/two-way.json with a guild added) the crew's first
 * edge statistic is refused, naming the guild. */
START_TEST(test_vault_statistics_of_a_faction_without_a_network_are_refused)
{
	static const char guild[] = "\"factions\": [{\"id\": \"guild\", \"name\": \"The Guild\", \"kind\": \"guild\","
				    " \"home\": \"ward:west\", \"balance\": 1000, \"bribe_budget_fraction\": 0},";
	struct smug_world *w = NULL, *out = NULL;
	struct smug_error err = {0};
	size_t len;
	char *text = test_slurp(SRCDIR "/tests/data/two-way.json", &len), *json, *snap, *a, *end, repl[1024];

	ck_assert_ptr_nonnull(text);
	a = strstr(text, "\"factions\": [");
	ck_assert_ptr_nonnull(a);
	json = malloc(len + sizeof guild);
	sprintf(json, "%.*s%s%s", (int)(a - text), text, guild, a + strlen("\"factions\": ["));
	ck_assert_msg(smug_world_load_json(json, strlen(json), "guilded.json", &w, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, 30);
	make_root();
	ck_assert(smug_vault_save(w, root, "victim", &err) == SMUG_OK);
	snap = seed_file("victim", "snapshot.json");
	a = strstr(snap, "\"edge_stats\":[{"); /* the crew's, not empty */
	ck_assert_msg(a != NULL, "the crew learned nothing in 30 days");
	a += strlen("\"edge_stats\":[");
	end = strchr(a, '}') + 1;
	snprintf(repl, sizeof repl, "\"edge_stats\":[%.*s]", (int)(end - a), a);
	tamper("victim", "snapshot.json", "\"edge_stats\":[]", repl, true);
	ck_assert_int_eq(smug_vault_load(root, "victim", &out, &err), SMUG_ERR_SCHEMA);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(err.msg, "'guild' runs no network, yet holds 1 edge statistics") != NULL, "'%s'", err.msg);
	free(snap);
	free(json);
	free(text);
	smug_world_free(w);
	remove_root();
}
END_TEST

/* Days count from 1: a seed whose TopK window holds traffic of day 0,
 * a day never simulated, is refused naming the window (saved at day 5,
 * while the 30-day window still has room for it). */
START_TEST(test_vault_topk_day_never_simulated_is_refused)
{
	struct smug_world *w = dosadi_at(5), *out = NULL;
	struct smug_error err = {0};

	make_root();
	ck_assert(smug_vault_save(w, root, "victim", &err) == SMUG_OK);
	tamper("victim", "snapshot.json", "\"topk_window\":[", "\"topk_window\":[{\"day\":0,\"routes\":[],\"borders\":[]},",
	       true);
	ck_assert_int_eq(smug_vault_load(root, "victim", &out, &err), SMUG_ERR_SCHEMA);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(err.msg, "state.telemetry.topk_window: holds day 0, before the first simulated day 1") != NULL,
		      "'%s'", err.msg);
	smug_world_free(w);
	remove_root();
}
END_TEST

/* Save w as "victim", set the first `key` of the first element of the
 * list that `list` opens (such as "\"journal\":[{") to `value` in its
 * snapshot, the manifest resealed, and check the load is refused with a
 * message holding `want`. */
static void refused_with_first(const struct smug_world *w, const char *list, const char *key, const char *value,
			       const char *want)
{
	struct smug_world *out = NULL;
	struct smug_error err = {0};
	char find[160], repl[192], field[64], *text, *at, *k;

	make_root();
	ck_assert(smug_vault_save(w, root, "victim", &err) == SMUG_OK);
	text = seed_file("victim", "snapshot.json");
	snprintf(field, sizeof field, "\"%s\":", key);
	at = strstr(text, list);
	k = at ? strstr(at, field) : NULL;
	ck_assert_msg(k != NULL && k - at < 100, "no %s in the first element of %s", key, list);
	snprintf(find, sizeof find, "%.*s", (int)(k + strlen(field) - at), at);
	snprintf(repl, sizeof repl, "%s%s,\"was\":", find, value);
	tamper("victim", "snapshot.json", find, repl, true);
	ck_assert_int_eq(smug_vault_load(root, "victim", &out, &err), SMUG_ERR_SCHEMA);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(err.msg, want) != NULL, "%s = %s: '%s' lacks '%s'", key, value, err.msg, want);
	free(text);
	remove_root();
}

/* A seed whose ledger names an account past the last as a transfer's
 * payer is refused, and the message names the field and the accounts
 * there are. */
START_TEST(test_vault_transfer_from_past_the_accounts)
{
	struct smug_world *w = dosadi_at(50);
	char value[16], want[128];
	int n = w->ledger.n_accounts;

	snprintf(value, sizeof value, "%d", n);
	snprintf(want, sizeof want, "state.ledger.journal[0].from: expected number in [-1,%d], got %d", n - 1, n);
	refused_with_first(w, "\"journal\":[{", "from", value, want);
	smug_world_free(w);
}
END_TEST

/* A seed whose shipment in transit belongs to a faction past the last
 * is refused, and the message names the field and the factions there
 * are. */
START_TEST(test_vault_shipment_of_a_faction_past_the_list)
{
	struct smug_world *w = dosadi_at(50);
	char value[16], want[128];
	int n = w->n_factions;

	ck_assert_int_gt(w->n_shipments, 0);
	snprintf(value, sizeof value, "%d", n);
	snprintf(want, sizeof want, "state.shipments[0].faction: expected number in [0,%d], got %d", n - 1, n);
	refused_with_first(w, "\"shipments\":[{", "faction", value, want);
	smug_world_free(w);
}
END_TEST

/* A seed whose commodity names a related good past the last (the good
 * whose shortage draws its demand, an index into every ward's goods) is
 * refused, and the message names the field and the goods there are. */
START_TEST(test_vault_related_good_past_the_list)
{
	struct smug_world *w = dosadi_at(1);
	char value[16], want[128];

	snprintf(value, sizeof value, "%d", SMUG_GOOD_COUNT);
	snprintf(want, sizeof want, "state.commodities[0].related_good: expected number in [0,%d], got %d",
		 SMUG_GOOD_COUNT - 1, SMUG_GOOD_COUNT);
	/* the first commodity's seizure_penalty is the first in the snapshot,
	 * a few keys before its related_good */
	refused_with_first(w, "\"seizure_penalty\":", "related_good", value, want);
	smug_world_free(w);
}
END_TEST

/* A seed whose faction remembers an outcome of a shipment never sent,
 * number 0 (they count from 1) or the next to be sent, is refused with
 * the same reason for both, naming the field. */
START_TEST(test_vault_recent_outcome_of_a_shipment_never_sent)
{
	struct smug_world *w = dosadi_at(50);
	char value[32], want[128];
	int f = 0;

	while (f < w->n_factions && w->factions[f].net.recent_count == 0)
		f++;
	ck_assert_int_lt(f, w->n_factions);
	snprintf(value, sizeof value, "%llu", _i == 0 ? 0ULL : (unsigned long long)w->next_shipment_id);
	snprintf(want, sizeof want, "state.factions[%d].network.recent[0].shipment: no such shipment was sent", f);
	refused_with_first(w, "\"recent\":[{", "shipment", value, want);
	smug_world_free(w);
}
END_TEST

START_TEST(test_vault_missing_and_bad_names)
{
	struct smug_world *w = dosadi_at(5), *out = NULL;
	struct smug_error err;
	char path[512];

	make_root();
	ck_assert_int_eq(smug_vault_load(root, "nothing", &out, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_int_eq(smug_vault_save(w, root, "../escape", &err), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_vault_save(w, root, ".hidden", &err), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_vault_save(w, root, "a/b", &err), SMUG_ERR_ARG);
	ck_assert(!smug_seed_name_valid(""));
	ck_assert(smug_seed_name_valid("run-200y_v1.2"));
	ck_assert(smug_vault_save(w, root, "gone", &err) == SMUG_OK);
	snprintf(path, sizeof path, "%s/seeds/gone/ledger_accounts.json", root);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(smug_vault_load(root, "gone", &out, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "ledger_accounts.json: cannot read"));
	if (geteuid() != 0) {
		snprintf(path, sizeof path, "%s/seeds/gone", root);
		chmod(path, 0);
		ck_assert_int_ne(smug_vault_load(root, "gone", &out, &err), SMUG_OK);
		chmod(path, 0755);
	}
	smug_world_free(w);
	remove_root();
}
END_TEST

/* ---- crash injection: a save stopped or failed at its n-th call ---- */

struct stop_at {
	int n;	   /* act at the n-th file-system call (1-based) */
	int calls; /* calls seen so far */
	int mode;  /* VAULT_FAULT_STOP, VAULT_FAULT_FAIL, or KILL */
	bool hit;
};
#define KILL (-1) /* a real kill -9 of the saving process */

static int stop_hook(const char *step, void *ctx)
{
	struct stop_at *s = ctx;

	(void)step;
	if (++s->calls != s->n)
		return 0;
	s->hit = true;
	if (s->mode == KILL)
		raise(SIGKILL);
	return s->mode;
}

/* Save w as "s" with the n-th call stopped or failed; true if it acted. */
static bool save_stopped(const struct smug_world *w, int n, int mode, enum smug_status *st)
{
	struct stop_at at = {n, 0, mode, false};
	struct vault_faults f = {stop_hook, &at};
	struct smug_error err;
	enum smug_status s = vault_save_ex(w, root, "s", &f, &err);

	if (st)
		*st = s;
	if (!at.hit)
		ck_assert_msg(s == SMUG_OK, "%s", err.msg);
	return at.hit;
}

/* Index in want[0..n) of the state seed "s" loads as, or -1 when it does
 * not load or is none of them (a loss). */
static int loads_as(const uint64_t *want, int n)
{
	struct smug_world *out = NULL;
	struct smug_error err;
	uint64_t d;

	if (smug_vault_load(root, "s", &out, &err) != SMUG_OK)
		return -1;
	d = smug_world_digest(out);
	smug_world_free(out);
	for (int i = 0; i < n; i++)
		if (d == want[i])
			return i;
	return -1;
}

/* `seeds` shows "s" at the day of the state it loads as, readable. */
static void listed_at(int day)
{
	struct smug_seed_info *v = NULL;
	struct smug_error err;
	int n = smug_vault_list(root, &v, &err), found = 0;

	for (int i = 0; i < n; i++)
		if (strcmp(v[i].name, "s") == 0) {
			found++;
			ck_assert_msg(v[i].problem[0] == '\0', "%s", v[i].problem);
			ck_assert_int_eq(v[i].day, day);
		}
	ck_assert_int_eq(found, 1);
	free(v);
}

/* Only the seed folder itself is left in seeds/. */
static void vault_is_clean(void)
{
	char path[300];

	snprintf(path, sizeof path, "%s/seeds", root);
	for (int i = 0;; i++) {
		struct stat sb;
		char p[400];

		snprintf(p, sizeof p, "%s/.s.old.%d", path, i + 1);
		ck_assert_msg(lstat(p, &sb) != 0, "%s left behind", p);
		if (i > 8)
			break;
	}
	snprintf(path, sizeof path, "%s/seeds/.s.partial", root);
	{
		struct stat sb;

		ck_assert_msg(lstat(path, &sb) != 0, "%s left behind", path);
	}
}

static struct smug_world *tiny_at(int days)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");

	smug_cmd_step(w, days);
	return w;
}

/* A seed of the longest name a seed may have, whose folder is gone and
 * whose newest generation .<name>.old.<n> an interrupted save left,
 * loads from that generation as the state saved. */
START_TEST(test_vault_longest_name_falls_back_to_its_generation)
{
	struct smug_world *a = tiny_at(3), *out = NULL;
	struct smug_error err;
	char name[SMUG_SEED_NAME_MAX], from[512], to[512];

	memset(name, 'g', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	ck_assert(smug_seed_name_valid(name));
	make_fast_root();
	ck_assert_msg(smug_vault_save(a, root, name, &err) == SMUG_OK, "%s", err.msg);
	snprintf(from, sizeof from, "%s/seeds/%s", root, name);
	snprintf(to, sizeof to, "%s/seeds/.%s.old.12", root, name);
	ck_assert_int_eq(rename(from, to), 0);
	ck_assert_msg(smug_vault_load(root, name, &out, &err) == SMUG_OK, "a seed of a %zu-byte name: %s",
		      strlen(name), err.msg);
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(a));
	smug_world_free(out);
	remove_root();
	smug_world_free(a);
}
END_TEST

/* Stop a save at each of its calls in turn: a seed loads afterwards, as
 * the old or the new state, `seeds` lists it, and the next save cleans
 * up whatever the stopped one left. */
START_TEST(test_vault_save_stopped_at_every_call)
{
	struct smug_world *a = tiny_at(3), *b = tiny_at(6), *c = tiny_at(9);
	const uint64_t want[] = {smug_world_digest(a), smug_world_digest(b), smug_world_digest(c)};
	const int days[] = {a->day, b->day, c->day};
	struct smug_error err;
	int points = 0;

	make_fast_root();
	for (int n = 1;; n++) {
		bool hit;
		int got;

		clear_root();
		ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
		hit = save_stopped(b, n, VAULT_FAULT_STOP, NULL);
		got = loads_as(want, 2);
		ck_assert_msg(got >= 0, "seed lost after a stop at call %d", n);
		if (!hit)
			ck_assert_int_eq(got, 1);
		listed_at(days[got]);
		ck_assert(smug_vault_save(c, root, "s", &err) == SMUG_OK);
		ck_assert_int_eq(loads_as(want, 3), 2);
		vault_is_clean();
		if (!hit)
			break;
		points++;
	}
	printf("one save: %d stop points, 0 losses\n", points);
	ck_assert_int_ge(points, 30);
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
	smug_world_free(c);
}
END_TEST

/* Copy a tree of folders and regular files (what saves leave). */
static const char *copy_from, *copy_to;

static int copy_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	char dst[600];
	char *text;
	size_t len;
	FILE *f;

	(void)ftw;
	snprintf(dst, sizeof dst, "%s%s", copy_to, path + strlen(copy_from));
	if (flag == FTW_D)
		return mkdir(dst, sb->st_mode & 0777) != 0 && errno != EEXIST;
	if ((text = test_slurp(path, &len)) == NULL || (f = fopen(dst, "wb")) == NULL)
		return 1;
	if (len)
		fwrite(text, 1, len, f);
	free(text);
	return fclose(f) != 0;
}

static void copy_tree(const char *from, const char *to)
{
	copy_from = from;
	copy_to = to;
	ck_assert_int_eq(nftw(from, copy_entry, 16, FTW_PHYS), 0);
}

static void remove_tree(const char *path)
{
	ck_assert_int_eq(nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

/* Every pair of stop points of two consecutive saves: the seed still
 * loads, as a state no older than the one that loaded between the two
 * saves (the second save's clean-up never brings back an older
 * generation), as the newest one once the second save completed, and
 * `seeds` lists it at that state's day. */
START_TEST(test_vault_two_saves_stopped_at_every_pair)
{
	struct smug_world *a = tiny_at(3), *b = tiny_at(6), *c = tiny_at(9);
	const uint64_t want[] = {smug_world_digest(a), smug_world_digest(b), smug_world_digest(c)};
	const int days[] = {a->day, b->day, c->day};
	struct smug_error err;
	char after_b[300];
	int pairs = 0, losses = 0;

	make_fast_root();
	snprintf(after_b, sizeof after_b, "%s.after-b", root);
	for (int i = 1;; i++) {
		bool hit_b;
		int got_b;

		/* the vault as the first stopped save leaves it, kept aside */
		clear_root();
		ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
		hit_b = save_stopped(b, i, VAULT_FAULT_STOP, NULL);
		got_b = loads_as(want, 2);
		ck_assert_msg(got_b >= 0, "seed lost after a stop at call %d", i);
		copy_tree(root, after_b);
		for (int j = 1;; j++) {
			bool hit_c;
			int got;

			remove_root();
			copy_tree(after_b, root);
			hit_c = save_stopped(c, j, VAULT_FAULT_STOP, NULL);
			got = loads_as(want, 3);
			if (got < got_b || (!hit_b && got == 0) || (!hit_c && got != 2)) {
				losses++;
				fprintf(stderr, "stops at %d and %d: loads as %d (%d before)\n", i, j, got, got_b);
			} else {
				listed_at(days[got]);
			}
			pairs++;
			if (!hit_c)
				break;
		}
		remove_tree(after_b);
		if (!hit_b)
			break;
	}
	printf("two saves: %d pairs of stop points, %d losses\n", pairs, losses);
	ck_assert_int_eq(losses, 0);
	ck_assert_int_ge(pairs, 900);
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
	smug_world_free(c);
}
END_TEST

/* A call that fails (a full disk, an I/O error) fails the save or only
 * its clean-up; either way the seed loads and no partial folder is left. */
START_TEST(test_vault_failed_call_keeps_the_seed)
{
	struct smug_world *a = tiny_at(3), *b = tiny_at(6);
	const uint64_t want[] = {smug_world_digest(a), smug_world_digest(b)};
	struct smug_error err;
	int points = 0, failed = 0;

	make_fast_root();
	for (int n = 1;; n++) {
		enum smug_status st;
		bool hit;
		int got;
		char path[300];
		struct stat sb;

		clear_root();
		ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
		hit = save_stopped(b, n, VAULT_FAULT_FAIL, &st);
		got = loads_as(want, 2);
		ck_assert_msg(got >= 0, "seed lost after a failure at call %d", n);
		if (st == SMUG_OK)
			ck_assert_int_eq(got, 1);
		else
			failed++;
		snprintf(path, sizeof path, "%s/seeds/.s.partial", root);
		ck_assert_msg(lstat(path, &sb) != 0, "a failure at call %d left the partial folder", n);
		if (!hit)
			break;
		points++;
	}
	ck_assert_int_ge(failed, 25);
	ck_assert_int_ge(points, 30);
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* Stop or fail a save at the nth call of one kind (a step starting so). */
struct fault_at {
	const char *step;
	int nth, seen;
	int mode; /* VAULT_FAULT_STOP or VAULT_FAULT_FAIL */
};

static int fault_hook(const char *step, void *ctx)
{
	struct fault_at *at = ctx;

	if (strncmp(step, at->step, strlen(at->step)) != 0)
		return 0;
	return ++at->seen == at->nth ? at->mode : 0;
}

/* A partial folder left by a stopped save is removed by the next save
 * before it writes; when that folder cannot be listed, the save fails
 * and says so (the folder and the cause, not a later step's complaint),
 * and the seed keeps loading as before. */
START_TEST(test_vault_partial_that_cannot_be_listed_fails_the_save_saying_so)
{
	struct smug_world *a = tiny_at(3), *b = tiny_at(6);
	const uint64_t want[] = {smug_world_digest(a)};
	/* the save inspects the folder it found (a first listing), then removes it (a second) */
	struct fault_at stop = {"write ", 1, 0, VAULT_FAULT_STOP}, fail = {"list .s.partial", 2, 0, VAULT_FAULT_FAIL};
	struct vault_faults fs = {fault_hook, &stop}, ff = {fault_hook, &fail};
	struct smug_error err;
	char path[400], msg[200];

	make_fast_root();
	ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
	ck_assert(vault_save_ex(b, root, "s", &fs, &err) != SMUG_OK); /* stopped writing its first file */
	snprintf(path, sizeof path, "%s/seeds/.s.partial", root);
	ck_assert_msg(access(path, F_OK) == 0, "the stopped save left no partial folder");
	ck_assert_int_eq(vault_save_ex(b, root, "s", &ff, &err), SMUG_ERR_WRITE);
	snprintf(msg, sizeof msg, "/seeds/.s.partial: cannot list (%s)", strerror(EIO));
	ck_assert_msg(strstr(err.msg, msg) != NULL, "%s", err.msg);
	ck_assert_int_eq(loads_as(want, 1), 0);
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* A complete partial folder (manifest and all) left by a save stopped as
 * it put the new seed in place is removed by the next save, manifest
 * first; when any of its files cannot be removed, the manifest or
 * another, the save fails naming that file and the cause, the seed keeps
 * loading as before, and a later save clears the folder and succeeds. */
START_TEST(test_vault_partial_that_cannot_be_removed_fails_the_save_saying_so)
{
	static const struct {
		const char *step, *what;
	} fails[] = {
		{"unlink manifest.json", "/seeds/.s.partial/manifest.json: cannot remove"},
		{"unlink snapshot.json", "/seeds/.s.partial/snapshot.json: cannot remove"},
	};
	struct smug_world *a = tiny_at(3), *b = tiny_at(6);
	const uint64_t want[] = {smug_world_digest(a), smug_world_digest(b)};
	struct smug_error err;

	make_fast_root();
	for (size_t i = 0; i < sizeof fails / sizeof fails[0]; i++) {
		struct fault_at stop = {"rename .s.partial", 1, 0, VAULT_FAULT_STOP};
		struct fault_at fail = {fails[i].step, 1, 0, VAULT_FAULT_FAIL};
		struct vault_faults fs = {fault_hook, &stop}, ff = {fault_hook, &fail};
		char path[400], msg[200];

		clear_root();
		ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
		ck_assert(vault_save_ex(b, root, "s", &fs, &err) != SMUG_OK);
		snprintf(path, sizeof path, "%s/seeds/.s.partial/manifest.json", root);
		ck_assert_msg(access(path, F_OK) == 0, "the stopped save left no complete partial folder");
		ck_assert_int_eq(vault_save_ex(b, root, "s", &ff, &err), SMUG_ERR_WRITE);
		snprintf(msg, sizeof msg, "%s (%s)", fails[i].what, strerror(EIO));
		ck_assert_msg(strstr(err.msg, msg) != NULL, "%s: %s", fails[i].step, err.msg);
		ck_assert_int_eq(loads_as(want, 2), 0);
		ck_assert(smug_vault_save(b, root, "s", &err) == SMUG_OK);
		ck_assert_int_eq(loads_as(want, 2), 1);
	}
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* A save by a host that closed its standard input (a daemon, a cron
 * job) gives back every descriptor it opened, so the lock on seeds/ is
 * free when the save returns: the host's next save, or another
 * process's, does not wait forever. Descriptor 0 is free here, so the
 * vault's first open gets it. */
START_TEST(test_vault_save_without_stdin_releases_the_vault)
{
	struct smug_world *w = tiny_at(3);
	struct smug_error err;
	char seeds[300];
	int in = dup(0), fd;

	make_fast_root();
	ck_assert_int_ge(in, 0);
	ck_assert_int_eq(close(0), 0);
	ck_assert_msg(smug_vault_save(w, root, "s", &err) == SMUG_OK, "%s", err.msg);
	errno = 0;
	ck_assert_msg(fcntl(0, F_GETFD) == -1 && errno == EBADF,
		      "after the save, descriptor 0 (the vault's first open) is still open");
	snprintf(seeds, sizeof seeds, "%s/seeds", root);
	fd = open(seeds, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_msg(flock(fd, LOCK_EX | LOCK_NB) == 0, "after the save, %s is still locked (%s)", seeds,
		      strerror(errno));
	close(fd);
	ck_assert_int_eq(dup2(in, 0), 0);
	close(in);
	remove_root();
	smug_world_free(w);
}
END_TEST

/* Closes descriptor 0 at the save's step named in ctx, so the next
 * descriptor the save opens is 0. */
static int close_stdin_hook(const char *step, void *ctx)
{
	const char *at = ctx;

	if (strcmp(step, at) == 0)
		close(0);
	return 0;
}

/* A host whose standard input is closed while it saves (a daemon that
 * closes it once the vault is open) hands the save descriptor 0 for the
 * partial folder: a valid descriptor, so the save succeeds and the seed
 * loads as the state saved. */
START_TEST(test_vault_save_with_the_partial_folder_on_descriptor_0)
{
	struct smug_world *w = tiny_at(3), *out = NULL;
	struct vault_faults f = {close_stdin_hook, (void *)(uintptr_t) "open .s.partial"};
	struct smug_error err;
	enum smug_status st;
	int in = dup(0);

	make_fast_root();
	ck_assert_int_ge(in, 0);
	st = vault_save_ex(w, root, "s", &f, &err);
	ck_assert_int_eq(dup2(in, 0), 0);
	close(in);
	ck_assert_msg(st == SMUG_OK, "the save with .s.partial on descriptor 0: %s", err.msg);
	ck_assert_msg(smug_vault_load(root, "s", &out, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(w));
	smug_world_free(out);
	remove_root();
	smug_world_free(w);
}
END_TEST

/* How many descriptors the process has open (among the first 4096). */
static int open_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 4096; fd++)
		n += fcntl(fd, F_GETFD) != -1;
	return n;
}

/* A session that lists, loads and saves many times (the cockpit, a
 * sweep) gives every descriptor back, whatever happened: a listing, a
 * load, a load of a missing seed, and a save failed or stopped at each of
 * its calls leave as many descriptors open as before, and seeds/
 * unlocked for the next save. */
START_TEST(test_vault_gives_back_every_descriptor)
{
	struct smug_world *a = tiny_at(3), *b = tiny_at(6), *out = NULL;
	struct smug_seed_info *v = NULL;
	struct smug_error err;
	char seeds[300];
	int before, fd, points = 0;

	make_fast_root();
	ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
	before = open_fds();
	ck_assert_int_eq(smug_vault_list(root, &v, &err), 1);
	free(v);
	ck_assert_msg(open_fds() == before, "a listing kept a descriptor");
	ck_assert(smug_vault_load(root, "s", &out, &err) == SMUG_OK);
	smug_world_free(out);
	ck_assert_msg(open_fds() == before, "a load kept a descriptor");
	ck_assert_int_eq(smug_vault_load(root, "none", &out, &err), SMUG_ERR_NOT_FOUND);
	ck_assert_msg(open_fds() == before, "a load of a missing seed kept a descriptor");
	for (int mode = 0; mode < 2; mode++)
		for (int n = 1;; n++) {
			bool hit;

			clear_root();
			ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
			hit = save_stopped(b, n, mode ? VAULT_FAULT_STOP : VAULT_FAULT_FAIL, NULL);

			ck_assert_msg(open_fds() == before, "a save %s at call %d kept a descriptor",
				      mode ? "stopped" : "failed", n);
			if (!hit)
				break;
			points++;
		}
	ck_assert_int_ge(points, 60);
	snprintf(seeds, sizeof seeds, "%s/seeds", root);
	fd = open(seeds, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_msg(flock(fd, LOCK_EX | LOCK_NB) == 0, "%s is still locked (%s)", seeds, strerror(errno));
	close(fd);
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

static bool exists_in_seeds(const char *entry)
{
	char path[400];
	struct stat sb;

	snprintf(path, sizeof path, "%s/seeds/%s", root, entry);
	return lstat(path, &sb) == 0;
}

/* The listing's entry for name (failing when it is not listed once). */
static struct smug_seed_info listed(const char *name)
{
	struct smug_seed_info *v = NULL, got = {0};
	struct smug_error err;
	int n = smug_vault_list(root, &v, &err), found = 0;

	for (int i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0) {
			got = v[i];
			found++;
		}
	free(v);
	ck_assert_msg(found == 1, "%s listed %d times", name, found);
	return got;
}

#define N_GENS 40

/* Interrupted saves left forty generations .s.old.1 .. .s.old.40 (made
 * in no particular order), and another seed t left .t.old.7: load and the
 * listing take the newest complete one (40; 39 while 40 has lost its
 * manifest), the next save of s removes all forty and leaves t's alone,
 * and a later save stopped right after moving s aside names it
 * generation 1, whatever t's generations are called. */
START_TEST(test_vault_many_generations)
{
	struct smug_world *a = tiny_at(3), *b = tiny_at(6), *c = tiny_at(9), *out = NULL;
	struct fault_at stop = {"fsync seeds", 1, 0, VAULT_FAULT_STOP};
	struct vault_faults fs = {fault_hook, &stop};
	struct smug_seed_info got;
	struct smug_error err;
	char from[400], to[400], entry[64];

	make_fast_root();
	ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
	snprintf(from, sizeof from, "%s/seeds/s", root);
	for (int i = 0; i < N_GENS; i++) {
		int g = (i * 17) % N_GENS + 1;

		if (g == 39)
			continue;
		snprintf(to, sizeof to, "%s/seeds/.s.old.%d", root, g);
		copy_tree(from, to);
	}
	remove_tree(from);
	ck_assert(smug_vault_save(b, root, "u", &err) == SMUG_OK); /* another name: the generations stay */
	snprintf(from, sizeof from, "%s/seeds/u", root);
	snprintf(to, sizeof to, "%s/seeds/.s.old.39", root);
	ck_assert_int_eq(rename(from, to), 0);
	ck_assert(smug_vault_save(c, root, "t", &err) == SMUG_OK);
	snprintf(from, sizeof from, "%s/seeds/t", root);
	snprintf(to, sizeof to, "%s/seeds/.t.old.7", root);
	ck_assert_int_eq(rename(from, to), 0);

	ck_assert_msg(smug_vault_load(root, "s", &out, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(a));
	smug_world_free(out);
	got = listed("s");
	ck_assert_int_eq(got.generation, N_GENS);
	ck_assert_int_eq(got.day, a->day);
	snprintf(from, sizeof from, "%s/seeds/.s.old.%d/manifest.json", root, N_GENS);
	ck_assert_int_eq(unlink(from), 0);
	ck_assert_msg(smug_vault_load(root, "s", &out, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(b));
	smug_world_free(out);
	got = listed("s");
	ck_assert_int_eq(got.generation, N_GENS - 1);
	ck_assert_int_eq(got.day, b->day);

	ck_assert_msg(smug_vault_save(c, root, "s", &err) == SMUG_OK, "%s", err.msg);
	for (int g = 1; g <= N_GENS + 1; g++) {
		snprintf(entry, sizeof entry, ".s.old.%d", g);
		ck_assert_msg(!exists_in_seeds(entry), "%s left behind", entry);
	}
	ck_assert(exists_in_seeds(".t.old.7"));
	got = listed("t");
	ck_assert_int_eq(got.generation, 7);
	ck_assert_int_eq(got.day, c->day);
	got = listed("s");
	ck_assert_int_eq(got.generation, 0);
	ck_assert_int_eq(got.day, c->day);

	ck_assert(vault_save_ex(a, root, "s", &fs, &err) != SMUG_OK);
	ck_assert(!exists_in_seeds("s"));
	ck_assert_msg(exists_in_seeds(".s.old.1"), "the seed moved aside is not generation 1");
	got = listed("s");
	ck_assert_int_eq(got.generation, 1);
	ck_assert_int_eq(got.day, c->day);
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
	smug_world_free(c);
}
END_TEST

/* `smugnet replay <seed>` warns that the journal was changed after the
 * save only when it was: an untouched seed loads for replay as not
 * edited, the same state as a plain load; once journal.jsonl differs from
 * the manifest's hash it loads as edited (replay judges it). */
START_TEST(test_vault_replay_load_says_whether_the_journal_was_edited)
{
	struct smug_world *w = tiny_at(6), *out = NULL;
	struct smug_error err;
	char path[400];
	char *text;
	bool edited = true;
	FILE *f;

	make_fast_root();
	ck_assert(smug_vault_save(w, root, "s", &err) == SMUG_OK);
	ck_assert_msg(smug_vault_load_replay(root, "s", &out, &edited, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(!edited, "an untouched journal is taken for an edited one");
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(w));
	smug_world_free(out);
	out = NULL;
	snprintf(path, sizeof path, "%s/seeds/s/journal.jsonl", root);
	text = slurp(path);
	ck_assert_ptr_nonnull(text);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert(text[0] == '{');
	fprintf(f, "{ %s", text + 1); /* a space: the same journal, another hash */
	fclose(f);
	free(text);
	ck_assert_msg(smug_vault_load_replay(root, "s", &out, &edited, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(edited, "a journal changed after the save is not said to be edited");
	smug_world_free(out);
	out = NULL;
	ck_assert_int_eq(smug_vault_load(root, "s", &out, &err), SMUG_ERR_HASH);
	remove_root();
	smug_world_free(w);
}
END_TEST

/* The same with a real kill -9 of a saving process at each call. */
START_TEST(test_vault_save_killed_at_every_call)
{
	struct smug_world *a = tiny_at(3), *b = tiny_at(6);
	const uint64_t want[] = {smug_world_digest(a), smug_world_digest(b)};
	struct smug_error err;
	int kills = 0;

	make_fast_root();
	for (int n = 1;; n++) {
		int status, got;
		pid_t pid;

		clear_root();
		ck_assert(smug_vault_save(a, root, "s", &err) == SMUG_OK);
		fflush(NULL);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			save_stopped(b, n, KILL, NULL);
			_exit(0);
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		got = loads_as(want, 2);
		ck_assert_msg(got >= 0, "seed lost after kill -9 at call %d", n);
		if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
			ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
			ck_assert_int_eq(got, 1);
			break;
		}
		kills++;
	}
	printf("one save: %d kill -9 points, 0 losses\n", kills);
	ck_assert_int_ge(kills, 30);
	remove_root();
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* The listing names every seed load would find: one only an interrupted
 * save's generation holds (and which generation), and one whose manifest
 * cannot be read (and why), without failing as a whole. */
START_TEST(test_vault_list_shows_recovered_and_unreadable)
{
	struct smug_world *a = tiny_at(3), *out = NULL;
	struct smug_seed_info *v = NULL;
	struct smug_error err;
	char from[400], to[400];
	int n;

	make_root();
	ck_assert(smug_vault_save(a, root, "kept", &err) == SMUG_OK);
	ck_assert(smug_vault_save(a, root, "moved", &err) == SMUG_OK);
	ck_assert(smug_vault_save(a, root, "broken", &err) == SMUG_OK);
	snprintf(from, sizeof from, "%s/seeds/moved", root);
	snprintf(to, sizeof to, "%s/seeds/.moved.old.3", root);
	ck_assert_int_eq(rename(from, to), 0);
	snprintf(from, sizeof from, "%s/seeds/broken/manifest.json", root);
	ck_assert_int_eq(unlink(from), 0);
	ck_assert_int_eq(mkdir(from, 0700), 0);
	n = smug_vault_list(root, &v, &err);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(v[0].name, "broken");
	ck_assert_int_eq(v[0].day, -1);
	ck_assert_ptr_nonnull(strstr(v[0].problem, "seeds/broken/manifest.json: not a regular file (a directory)"));
	ck_assert_str_eq(v[1].name, "kept");
	ck_assert_str_eq(v[1].problem, "");
	ck_assert_int_eq(v[1].generation, 0);
	ck_assert_str_eq(v[2].name, "moved");
	ck_assert_str_eq(v[2].problem, "");
	ck_assert_int_eq(v[2].generation, 3);
	ck_assert_int_eq(v[2].day, a->day);
	free(v);
	ck_assert_msg(smug_vault_load(root, "moved", &out, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(out), smug_world_digest(a));
	smug_world_free(out);
	smug_world_free(a);
	remove_root();
}
END_TEST

/* A seed whose only generation is being removed (a .<name>.old.<n>
 * folder left without its manifest) has nothing to load and is not
 * listed, and the seeds listed around it read as usual: no problem, the
 * seed folder, the day saved. Six of each, made in turns, so that some
 * seed comes after such a folder in the folder's order. */
START_TEST(test_vault_list_skips_a_seed_being_removed)
{
	struct smug_world *a = tiny_at(3);
	struct smug_seed_info *v = NULL;
	struct smug_error err;
	char name[16], path[400];
	int n;

	make_fast_root();
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "kept%d", i);
		ck_assert(smug_vault_save(a, root, name, &err) == SMUG_OK);
		snprintf(path, sizeof path, "%s/seeds/.gone%d.old.1", root, i);
		ck_assert_int_eq(mkdir(path, 0700), 0);
	}
	n = smug_vault_list(root, &v, &err);
	ck_assert_int_eq(n, 6);
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof name, "kept%d", i);
		ck_assert_str_eq(v[i].name, name);
		ck_assert_msg(v[i].problem[0] == '\0' && v[i].generation == 0 && v[i].day == a->day,
			      "%s listed with a problem of %zu bytes, generation %lld, day %d", name,
			      strnlen(v[i].problem, sizeof v[i].problem), v[i].generation, v[i].day);
	}
	free(v);
	smug_world_free(a);
	remove_root();
}
END_TEST

/* Folders in seeds/ that look like an interrupted save's generation but
 * name no seed (no name before ".old", a name longer than a seed name
 * may be, a generation number missing after the dot) are not seeds:
 * each holds a whole saved seed, yet the listing names only the real
 * one, as it was saved. */
START_TEST(test_vault_list_ignores_generations_of_no_seed)
{
	struct smug_world *a = tiny_at(3);
	struct smug_seed_info *v = NULL;
	struct smug_error err;
	char odd[6][256], from[600], to[2048];
	int n;

	snprintf(odd[0], sizeof odd[0], ".old");
	snprintf(odd[1], sizeof odd[1], "..old.3");
	snprintf(odd[2], sizeof odd[2], ".x.old.");
	snprintf(odd[3], sizeof odd[3], ".%0*d.old.2", SMUG_SEED_NAME_MAX, 0);
	snprintf(odd[4], sizeof odd[4], ".%0*d.old", 240, 0);
	snprintf(odd[5], sizeof odd[5], ".%0*d.old.%0*d.old", 120, 0, 120, 0);
	make_fast_root();
	ck_assert(smug_vault_save(a, root, "kept", &err) == SMUG_OK);
	for (int i = 0; i < 6; i++) {
		ck_assert_msg(smug_vault_save(a, root, "odd", &err) == SMUG_OK, "%s", err.msg);
		snprintf(from, sizeof from, "%s/seeds/odd", root);
		snprintf(to, sizeof to, "%s/seeds/%s", root, odd[i]);
		ck_assert_msg(rename(from, to) == 0, "%s: %s", odd[i], strerror(errno));
	}
	n = smug_vault_list(root, &v, &err);
	ck_assert_msg(n == 1, "%d seeds listed, want kept alone (first: %s)", n, n > 0 ? v[0].name : "-");
	ck_assert_str_eq(v[0].name, "kept");
	ck_assert_str_eq(v[0].problem, "");
	ck_assert_int_eq(v[0].generation, 0);
	ck_assert_int_eq(v[0].day, a->day);
	free(v);
	smug_world_free(a);
	remove_root();
}
END_TEST

/* A seed whose manifest.json is JSON but no object (a list, a number)
 * is refused saying so, and listed with that reason. */
START_TEST(test_vault_manifest_not_an_object_is_refused)
{
	static const char *const texts[] = {"[]", "[{\"format\": \"smugnet-seed\"}]", "7"};
	struct smug_world *w = tiny_at(3), *out = NULL;
	struct smug_seed_info *v = NULL;
	struct smug_error err = {0};

	make_root();
	ck_assert(smug_vault_save(w, root, "s", &err) == SMUG_OK);
	for (int i = 0; i < 3; i++) {
		char path[400];

		snprintf(path, sizeof path, "%s/seeds/s/manifest.json", root);
		spit(path, texts[i]);
		ck_assert_int_eq(smug_vault_load(root, "s", &out, &err), SMUG_ERR_SCHEMA);
		ck_assert_msg(strstr(err.msg, "seeds/s/manifest.json: expected an object") != NULL,
			      "a manifest of %s: %s", texts[i], err.msg);
		ck_assert_ptr_null(out);
		ck_assert_int_eq(smug_vault_list(root, &v, &err), 1);
		ck_assert_msg(strstr(v[0].problem, "manifest.json: expected an object") != NULL,
			      "a manifest of %s is listed with: %s", texts[i], v[0].problem);
		free(v);
	}
	smug_world_free(w);
	remove_root();
}
END_TEST

/* Which files a seed lists as its own (what an output that would
 * replace one is refused for): the six its manifest hashes, not a user's
 * notes beside them nor the manifest itself; a manifest that does not
 * read, or lists no "files", lists none to tell apart. */
START_TEST(test_vault_seed_lists_its_own_files)
{
	static const char *const broken[] = {"{\"format\": \"smugnet-seed\", \"files\": [\"notes.jsonl\"]}",
					     "{\"format\": \"smugnet-seed\", \"files\": {}} trailing",
					     "{\"files\": {\"a\": \"1\", \"a\": \"2\"}}", "not json"};
	static const char *const own[] = {"snapshot.json", "smuggling.json", "ledger_accounts.json",
					  "customs_borders.json", "journal.jsonl", "scenario.json"};
	struct smug_world *w = tiny_at(3);
	struct smug_error err = {0};
	char seed[400], path[440], link[400];

	make_root();
	ck_assert(smug_vault_save(w, root, "s", &err) == SMUG_OK);
	snprintf(seed, sizeof seed, "%s/seeds/s", root);
	snprintf(link, sizeof link, "%s/seed-link", root);
	ck_assert_int_eq(symlink(seed, link), 0);
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
		ck_assert_int_eq(smug_vault_seed_lists(seed, own[i]), SMUG_SEED_LISTS_YES);
		ck_assert_int_eq(smug_vault_seed_lists(link, own[i]), SMUG_SEED_LISTS_YES);
	}
	ck_assert_int_eq(smug_vault_seed_lists(seed, "notes.jsonl"), SMUG_SEED_LISTS_NOT);
	ck_assert_int_eq(smug_vault_seed_lists(seed, "manifest.json"), SMUG_SEED_LISTS_NOT);
	ck_assert_int_eq(smug_vault_seed_lists(root, "snapshot.json"), SMUG_SEED_LISTS_UNREADABLE);
	snprintf(path, sizeof path, "%s/manifest.json", seed);
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		spit(path, broken[i]);
		ck_assert_msg(smug_vault_seed_lists(seed, "notes.jsonl") == SMUG_SEED_LISTS_UNREADABLE,
			      "a manifest of %s lists notes.jsonl as %d", broken[i], smug_vault_seed_lists(seed, "notes.jsonl"));
	}
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(smug_vault_seed_lists(seed, "snapshot.json"), SMUG_SEED_LISTS_UNREADABLE);
	smug_world_free(w);
	remove_root();
}
END_TEST

/* In a vault whose folder has a long path, an unreadable seed's reason is
 * longer than the listing holds: the listing still says why, the
 * reason's beginning cut to fit, as `seeds` and the cockpit's load view
 * show it. */
START_TEST(test_vault_list_cuts_a_long_reason)
{
	struct smug_world *a = tiny_at(3), *out = NULL;
	struct smug_seed_info *v = NULL;
	struct smug_error err;
	char base[200], path[512];
	const char *tmp = getenv("TMPDIR");
	size_t room = sizeof v->problem - 1;

	bool own = true;

	if (!(tmp && *tmp))
		tmp = "/tmp";
	if (snprintf(base, sizeof base, "%s/smugnet-a-vault-folder-whose-name-is-long-enough-to-make-the-reason-"
					"longer-than-the-listing-holds-XXXXXX", tmp) >= (int)sizeof base) {
		snprintf(base, sizeof base, "%s", tmp); /* long already */
		own = false;
	}
	/* a folder of this run's own: two suites running at once never share it */
	ck_assert(!own || mkdtemp(base) != NULL);
	make_root_in(base);
	ck_assert(smug_vault_save(a, root, "broken", &err) == SMUG_OK);
	snprintf(path, sizeof path, "%s/seeds/broken/manifest.json", root);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_ne(smug_vault_load(root, "broken", &out, &err), SMUG_OK);
	ck_assert_msg(strlen(err.msg) > room, "the reason fits: %s", err.msg);
	ck_assert_int_eq(smug_vault_list(root, &v, &err), 1);
	ck_assert_str_eq(v[0].name, "broken");
	ck_assert_int_eq(v[0].day, -1);
	ck_assert_msg(strlen(v[0].problem) == room && strncmp(v[0].problem, err.msg, room) == 0,
		      "listed as '%s', the reason is '%s'", v[0].problem, err.msg);
	free(v);
	smug_world_free(a);
	remove_root();
	ck_assert(!own || rmdir(base) == 0);
}
END_TEST

/* The first field of decision b that differs from a, or NULL when every
 * field is the same: each one by name, as smugnet-seed(5) lists them,
 * since a field the save forgot would be missing from the digest too. */
static const char *decision_differs(const struct smug_decision *a, const struct smug_decision *b)
{
#define SAME(f) \
	if (memcmp(&a->f, &b->f, sizeof a->f) != 0) \
		return #f
	SAME(day);
	SAME(faction);
	SAME(commodity);
	SAME(src_ward);
	SAME(dst_ward);
	SAME(demand.term);
	SAME(demand.score);
	SAME(source.term);
	SAME(source.score);
	SAME(value);
	SAME(bribe_budget);
	SAME(n_cand);
	SAME(winner);
	SAME(runner);
	SAME(winner_score);
	SAME(margin);
	SAME(route_len);
	if (a->route_len >= 0 && a->route_len <= SMUG_ROUTE_MAX_NODES &&
	    memcmp(a->route, b->route, (size_t)a->route_len * sizeof a->route[0]) != 0)
		return "route";
	SAME(route_borders);
	if (strcmp(a->skipped, b->skipped) != 0)
		return "skipped";
	SAME(skip);
	SAME(chosen);
	SAME(explore);
	SAME(explore_score);
	SAME(shipment);
	SAME(bribe_total);
	SAME(expected_profit);
#undef SAME
	return NULL;
}

/* A loaded seed explains the saved day's decisions exactly as the world
 * that saved it: every candidate's score and the flip text, and every
 * field of every decision (the cockpit's Routes pane shows the winner's
 * score, the margin and the route from them). */
START_TEST(test_vault_loaded_seed_explains_the_same)
{
	struct smug_world *w = dosadi_at(90), *loaded = NULL;
	struct smug_explanation *x = malloc(sizeof *x), *y = malloc(sizeof *y);
	const struct smug_decision *a, *b;
	struct smug_error err;
	int bribed = 0;

	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	make_root();
	ck_assert_msg(smug_vault_save(w, root, "why", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_load(root, "why", &loaded, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_gt(w->n_decisions, 0);
	ck_assert_int_eq(loaded->n_decisions, w->n_decisions);
	for (int i = 0; i < w->n_decisions; i++) {
		ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
		ck_assert_int_eq(smug_explain_decision(loaded, i, y), SMUG_OK);
		ck_assert_int_eq(x->n_cand, y->n_cand);
		for (int c = 0; c < x->n_cand; c++) {
			ck_assert(x->cand[c].score == y->cand[c].score);
			ck_assert(x->cand[c].expected_loss == y->cand[c].expected_loss);
		}
		ck_assert_str_eq(x->flip, y->flip);
		/* what `explain` prints under the candidates */
		a = &w->decisions[i];
		b = &loaded->decisions[i];
		bribed += a->bribe_total > 0;
		ck_assert_msg(a->shipment == b->shipment && a->bribe_total == b->bribe_total &&
				      a->margin == b->margin && strcmp(a->skipped, b->skipped) == 0,
			      "decision %d after loading: shipment %llu with bribes %lld, margin %.2f, '%s'; "
			      "saved: shipment %llu with bribes %lld, margin %.2f, '%s'",
			      i, (unsigned long long)b->shipment, (long long)b->bribe_total, b->margin, b->skipped,
			      (unsigned long long)a->shipment, (long long)a->bribe_total, a->margin, a->skipped);
		ck_assert_msg(decision_differs(a, b) == NULL,
			      "decision %d after loading: its %s differs (winner score %.2f, saved %.2f)", i,
			      decision_differs(a, b), b->winner_score, a->winner_score);
	}
	ck_assert_int_gt(bribed, 0);
	smug_world_free(loaded);
	smug_world_free(w);
	free(x);
	free(y);
	remove_root();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vault");
	TCase *t;

	t = tcase_create("T6 split days");
	tcase_add_loop_test(t, test_vault_split_continues_exactly, 0, 4);
	tcase_add_loop_test(t, test_vault_knob_set_lower_saves_a_seed_that_loads, 0,
			    (int)(sizeof lowered / sizeof lowered[0]));
	tcase_add_test(t, test_vault_largest_world_seed_loads);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("200 years");
	tcase_add_test(t, test_vault_200_years);
	tcase_add_test(t, test_vault_clone_saves_a_seed_that_loads);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_vault_saves_give_their_memory_back);
#endif
	tcase_set_timeout(t, 900);
	suite_add_tcase(s, t);
	t = tcase_create("exports");
	tcase_add_test(t, test_vault_stable_export);
	tcase_add_test(t, test_vault_exports_hold_the_state);
	tcase_add_test(t, test_vault_smuggling_export_every_field);
	tcase_add_test(t, test_vault_loaded_seed_explains_the_same);
	tcase_set_timeout(t, 120); /* seeds of 200 days hold their event log */
	suite_add_tcase(s, t);
	t = tcase_create("hostile input");
	tcase_add_loop_test(t, test_vault_hostile_input, 0, (int)(sizeof hostile / sizeof hostile[0]));
	tcase_add_test(t, test_vault_messages_name_a_folder_given_with_a_slash_once);
	tcase_add_test(t, test_vault_missing_and_bad_names);
	tcase_add_loop_test(t, test_vault_candidate_index_past_the_list, 0, 3);
	tcase_add_test(t, test_vault_statistics_of_a_faction_without_a_network_are_refused);
	tcase_add_loop_test(t, test_vault_unsorted_edge_stats_are_refused, 0, 2);
	tcase_add_test(t, test_vault_topk_day_never_simulated_is_refused);
	tcase_add_test(t, test_vault_transfer_from_past_the_accounts);
	tcase_add_test(t, test_vault_shipment_of_a_faction_past_the_list);
	tcase_add_test(t, test_vault_related_good_past_the_list);
	tcase_add_loop_test(t, test_vault_recent_outcome_of_a_shipment_never_sent, 0, 2);
	tcase_set_timeout(t, 120); /* each case simulates 50 days: slow under sanitizers */
	suite_add_tcase(s, t);
	t = tcase_create("crash safety");
	tcase_add_test(t, test_vault_save_stopped_at_every_call);
	tcase_add_test(t, test_vault_two_saves_stopped_at_every_pair);
	tcase_add_test(t, test_vault_failed_call_keeps_the_seed);
	tcase_add_test(t, test_vault_partial_that_cannot_be_listed_fails_the_save_saying_so);
	tcase_add_test(t, test_vault_partial_that_cannot_be_removed_fails_the_save_saying_so);
	tcase_add_test(t, test_vault_save_without_stdin_releases_the_vault);
	tcase_add_test(t, test_vault_save_with_the_partial_folder_on_descriptor_0);
	tcase_add_test(t, test_vault_save_killed_at_every_call);
	tcase_add_test(t, test_vault_load_falls_back_to_old);
	tcase_add_test(t, test_vault_locate_finds_what_load_finds);
	tcase_add_test(t, test_vault_longest_name_falls_back_to_its_generation);
	tcase_add_test(t, test_vault_list_shows_recovered_and_unreadable);
	tcase_add_test(t, test_vault_list_skips_a_seed_being_removed);
	tcase_add_test(t, test_vault_list_ignores_generations_of_no_seed);
	tcase_add_test(t, test_vault_manifest_not_an_object_is_refused);
	tcase_add_test(t, test_vault_seed_lists_its_own_files);
	tcase_set_timeout(t, 1800); /* thousands of saves: generous under sanitizers */
	suite_add_tcase(s, t);
	t = tcase_create("descriptors and generations");
	tcase_add_test(t, test_vault_gives_back_every_descriptor);
	tcase_add_test(t, test_vault_many_generations);
	tcase_add_test(t, test_vault_replay_load_says_whether_the_journal_was_edited);
	tcase_set_timeout(t, 300);
	suite_add_tcase(s, t);
	t = tcase_create("listing");
	tcase_add_test(t, test_vault_list_cuts_a_long_reason);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
