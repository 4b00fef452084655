/* The one description of the state: every field snapshot.json holds
 * changes the digest when changed (or is rejected by the loader), found by
 * walking the snapshot itself, not from a list written here; the JSON,
 * packed and compared directions agree; a compare names the field and
 * its group. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/core.h"
#include "core/snapshot.h"
#include "core/state.h"
#include "test_util.h"

/* A world whose lists are all populated: shipments in transit, manual and
 * planned crackdowns, cooldowns, decisions, events, lanes. */
static struct smug_world *busy_world(void)
{
	struct smug_world *w = test_default_at(0);
	int border = -1;

	for (int c = 0; c < w->n_corridors && border < 0; c++)
		if (w->corridors[c].border)
			border = c;
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[border].id, 0.5, -1, NULL), SMUG_OK);
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 40);
	return w;
}

static uint64_t digest_of(const char *json, bool *loaded)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	uint64_t d;

	*loaded = snapshot_from_json(json, strlen(json), "snapshot.json", &w, &err) == SMUG_OK;
	if (!*loaded)
		return 0;
	d = smug_world_digest(w);
	smug_world_free(w);
	return d;
}

/* The path with every array index replaced by [], so one instance of
 * each field stands for all. */
static void pattern(const char *path, char *out, size_t size)
{
	size_t k = 0;

	for (const char *p = path; *p && k + 1 < size; p++) {
		out[k++] = *p;
		if (*p == '[') {
			while (p[1] && p[1] != ']')
				p++;
		}
	}
	out[k] = '\0';
}

struct walk {
	cJSON *root;
	uint64_t base;
	char seen[1024][160];
	int n_seen;
	int changed, rejected, empty_lists;
	char empty[32][160];
};

static bool seen_before(struct walk *wk, const char *pat)
{
	for (int i = 0; i < wk->n_seen; i++)
		if (strcmp(wk->seen[i], pat) == 0)
			return true;
	ck_assert_int_lt(wk->n_seen, 1024);
	snprintf(wk->seen[wk->n_seen++], sizeof wk->seen[0], "%s", pat);
	return false;
}

/* The verdict on the whole snapshot with one leaf's text (or boolean
 * type) replaced: 1 if it loads and the digest moved, 0 if the loader
 * rejects it, -1 if it loads and the digest stayed (the defect this
 * test exists for). The leaf is restored. */
static int verdict_with(struct walk *wk, cJSON *leaf, char *text_value, int type)
{
	char *old = leaf->valuestring, *text;
	int old_type = leaf->type;
	bool loaded;
	uint64_t d;

	leaf->valuestring = text_value;
	leaf->type = type;
	text = cJSON_PrintUnformatted(wk->root);
	leaf->valuestring = old;
	leaf->type = old_type;
	d = digest_of(text, &loaded);
	free(text);
	return !loaded ? 0 : d != wk->base ? 1 : -1;
}

/* Try a few valid-looking changes of one leaf until one loads. */
static int mutate(struct walk *wk, cJSON *leaf)
{
	char buf[256];
	int verdict = 0;

	if (cJSON_IsBool(leaf))
		return verdict_with(wk, leaf, NULL, cJSON_IsTrue(leaf) ? cJSON_False : cJSON_True);
	if (cJSON_IsString(leaf)) {
		const char *old = leaf->valuestring;

		snprintf(buf, sizeof buf, "%sx", old);
		verdict = verdict_with(wk, leaf, buf, leaf->type);
		if (verdict == 0 && *old) {
			snprintf(buf, sizeof buf, "%.*s", (int)strlen(old) - 1, old);
			verdict = verdict_with(wk, leaf, buf, leaf->type);
		}
		return verdict;
	}
	if (cJSON_IsRaw(leaf)) {
		double v = strtod(leaf->valuestring, NULL);
		double cand[] = {v + 1, v - 1, v / 2, v * 0.5 + 0.25, v + 0.001, v - 0.001};

		for (size_t i = 0; i < sizeof cand / sizeof cand[0] && verdict == 0; i++) {
			if (cand[i] == v)
				continue;
			snprintf(buf, sizeof buf, "%.17g", cand[i]);
			verdict = verdict_with(wk, leaf, buf, leaf->type);
		}
		return verdict;
	}
	ck_abort_msg("unexpected JSON leaf type %d", leaf->type);
	return -1;
}

/* cJSON prints numbers with an epsilon compare, not bit-exactly: hold
 * every number as raw text with 17 significant digits instead. */
static void numbers_raw(cJSON *node)
{
	for (cJSON *c = node->child; c; c = c->next) {
		if (cJSON_IsNumber(c)) {
			char buf[40];

			snprintf(buf, sizeof buf, "%.17g", c->valuedouble);
			c->type = cJSON_Raw;
			c->valuestring = strdup(buf);
		} else {
			numbers_raw(c);
		}
	}
}

static void walk(struct walk *wk, cJSON *node, const char *path)
{
	char p[256], pat[160];
	int i = 0;

	if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
		if (cJSON_IsArray(node) && node->child == NULL && wk->empty_lists < 32) {
			pattern(path, pat, sizeof pat);
			snprintf(wk->empty[wk->empty_lists++], sizeof wk->empty[0], "%s", pat);
		}
		for (cJSON *c = node->child; c; c = c->next, i++) {
			if (cJSON_IsObject(node))
				snprintf(p, sizeof p, "%s.%s", path, c->string);
			else
				snprintf(p, sizeof p, "%s[%d]", path, i);
			walk(wk, c, p);
		}
		return;
	}
	pattern(path, pat, sizeof pat);
	if (seen_before(wk, pat))
		return;
	switch (mutate(wk, node)) {
	case 1: wk->changed++; break;
	case 0: wk->rejected++; break;
	default: ck_abort_msg("%s: changing it leaves the digest unchanged", path);
	}
}

START_TEST(test_state_every_saved_field_moves_the_digest)
{
	struct smug_world *w = busy_world();
	char *json = snapshot_to_json(w);
	struct walk *wk = calloc(1, sizeof *wk);
	cJSON *state;
	char *again;
	bool loaded;

	wk->root = cJSON_Parse(json);
	wk->base = smug_world_digest(w);
	ck_assert_ptr_nonnull(wk->root);
	numbers_raw(wk->root);
	/* the harness itself round-trips: unchanged, the same state */
	again = cJSON_PrintUnformatted(wk->root);
	ck_assert_uint_eq(digest_of(again, &loaded), wk->base);
	ck_assert(loaded);
	free(again);
	state = cJSON_GetObjectItemCaseSensitive(wk->root, "state");
	walk(wk, state, "state");
	/* every kind of list holds an element somewhere, so every field was
	 * tried (a faction without a network has empty lists, others not) */
	for (int i = 0; i < wk->empty_lists; i++) {
		bool tried = false;

		for (int j = 0; j < wk->n_seen && !tried; j++)
			tried = strncmp(wk->seen[j], wk->empty[i], strlen(wk->empty[i])) == 0;
		ck_assert_msg(tried, "no element of %s in the test world", wk->empty[i]);
	}
	/* most fields are checked by their digest, not only by the loader */
	ck_assert_int_gt(wk->changed, 200);
	ck_assert_int_lt(wk->rejected, wk->changed / 10);
	cJSON_Delete(wk->root);
	free(wk);
	free(json);
	smug_world_free(w);
}
END_TEST

/* A corridor's customs statistics are saved only when it saw traffic
 * (snapshot.json stays small on a large world): in the saved state of a
 * busy world a corridor has "stats" exactly when one of its counters is
 * not 0, and some corridors have them and some do not. */
START_TEST(test_state_corridor_stats_saved_only_when_not_all_zero)
{
	struct smug_world *w = busy_world();
	char *json = snapshot_to_json(w);
	cJSON *root = cJSON_Parse(json), *list;
	int with = 0, without = 0;

	ck_assert_ptr_nonnull(root);
	list = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "state"), "corridors");
	ck_assert_int_eq(cJSON_GetArraySize(list), w->n_corridors);
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_border_stats *b = &w->border_stats[c];
		bool any = b->traffic || b->checks || b->inspections || b->detections || b->seizures || b->bribes ||
			   b->tariffs || b->traffic_today || b->seizures_today || b->traffic_yday ||
			   b->seizures_yday || b->bribes_today || b->bribes_yday;
		bool saved = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(list, c), "stats") != NULL;

		ck_assert_msg(saved == any, "corridor %s (traffic %lld): stats %s", w->corridors[c].id,
			      (long long)b->traffic, saved ? "saved, all 0" : "not saved");
		with += saved;
		without += !saved;
	}
	ck_assert_int_gt(with, 0);
	ck_assert_int_gt(without, 0);
	cJSON_Delete(root);
	free(json);
	smug_world_free(w);
}
END_TEST

/* snapshot.json is written as text, not printed from a cJSON tree: its
 * bytes are still what cJSON prints of the same values (parsed back,
 * numbers held as their 17-digit text), with names holding every class
 * of character JSON escapes and bytes past ASCII, and every element of a
 * busy world (lists empty and full, sparse members left out). */
START_TEST(test_state_snapshot_text_is_what_cjson_prints)
{
	struct smug_world *w = busy_world();
	static const char odd[] = "q\"b\\s/ \b\f\n\r\t\x01\x1f\x7f\xc3\xa9 end";
	char *json, *again;
	cJSON *root;

	snprintf(w->scenario_name, sizeof w->scenario_name, "%s", odd);
	snprintf(w->factions[0].name, sizeof w->factions[0].name, "%s", odd);
	json = snapshot_to_json(w);
	ck_assert_ptr_nonnull(strstr(json, "\"q\\\"b\\\\s/ \\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xc3\xa9 end\""));
	root = cJSON_Parse(json);
	ck_assert_ptr_nonnull(root);
	numbers_raw(root);
	again = cJSON_PrintUnformatted(root);
	ck_assert_uint_eq(strlen(again), strlen(json));
	ck_assert_msg(strcmp(again, json) == 0, "the snapshot text is not what cJSON prints of it");
	free(again);
	cJSON_Delete(root);
	free(json);
	smug_world_free(w);
}
END_TEST

/* A seed is read where it lies in its text when it has the form this
 * program writes, and as a tree otherwise: the same snapshot printed
 * with spaces and line breaks, or with the members of the state in
 * reverse order, loads to the same world. */
START_TEST(test_state_snapshot_in_another_form_loads_the_same)
{
	struct smug_world *w = busy_world(), *back = NULL;
	struct smug_error err;
	char *json = snapshot_to_json(w), *pretty, *reordered;
	cJSON *root = cJSON_Parse(json), *state, *rev = cJSON_CreateObject();

	ck_assert_ptr_nonnull(root);
	numbers_raw(root);
	pretty = cJSON_Print(root);
	ck_assert_ptr_nonnull(strchr(pretty, '\n'));
	ck_assert_int_eq(snapshot_from_json(pretty, strlen(pretty), "snapshot.json", &back, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(back), smug_world_digest(w));
	smug_world_free(back);
	state = cJSON_DetachItemFromObjectCaseSensitive(root, "state");
	while (state->child) { /* the last member first */
		cJSON *last = state->child;

		while (last->next)
			last = last->next;
		cJSON_AddItemToObject(rev, last->string, cJSON_DetachItemViaPointer(state, last));
	}
	cJSON_AddItemToObject(root, "state", rev);
	reordered = cJSON_PrintUnformatted(root);
	ck_assert_int_ne(strcmp(reordered, json), 0);
	back = NULL;
	ck_assert_int_eq(snapshot_from_json(reordered, strlen(reordered), "snapshot.json", &back, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(back), smug_world_digest(w));
	smug_world_free(back);
	cJSON_Delete(state);
	cJSON_Delete(root);
	free(pretty);
	free(reordered);
	free(json);
	smug_world_free(w);
}
END_TEST

START_TEST(test_state_directions_agree)
{
	struct smug_world *w = busy_world(), *back = NULL, *unpacked;
	struct smug_error err;
	char *json = snapshot_to_json(w), *again;
	unsigned char *bytes;
	size_t n = state_pack(w, &bytes);
	char path[256];
	const char *group;

	ck_assert_int_eq(snapshot_from_json(json, strlen(json), "snapshot.json", &back, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(back), smug_world_digest(w));
	again = snapshot_to_json(back);
	ck_assert_msg(strcmp(again, json) == 0, "a loaded snapshot saves to other bytes");
	unpacked = state_unpack(bytes, n);
	ck_assert_ptr_nonnull(unpacked);
	ck_assert_uint_eq(smug_world_digest(unpacked), smug_world_digest(w));
	ck_assert(!state_compare(w, unpacked, path, sizeof path, &group));
	/* the copies continue exactly like the original */
	smug_cmd_step(w, 30);
	smug_cmd_step(back, 30);
	smug_cmd_step(unpacked, 30);
	ck_assert_uint_eq(smug_world_digest(back), smug_world_digest(w));
	ck_assert_uint_eq(smug_world_digest(unpacked), smug_world_digest(w));
	/* a packed copy is much smaller than the JSON */
	ck_assert_uint_lt(n, strlen(json) / 2);
	ck_assert_ptr_null(state_unpack(bytes, n - 1));
	free(bytes);
	free(json);
	free(again);
	smug_world_free(w);
	smug_world_free(back);
	smug_world_free(unpacked);
}
END_TEST

START_TEST(test_state_compare_names_the_field_and_group)
{
	struct smug_world *a = busy_world(), *b = smug_world_clone(a);
	struct state_digest da, db;
	char path[256];
	const char *group = NULL;
	int f = 0;

	while (a->factions[f].net.n_edge_stats < 2)
		f++;
	b->factions[f].net.edge_stats[1].risk_est += 0.01;
	ck_assert(state_compare(a, b, path, sizeof path, &group));
	{
		char want[128];

		snprintf(want, sizeof want, "state.factions[%d].network.edge_stats[1].risk_est", f);
		ck_assert_str_eq(path, want);
	}
	ck_assert_str_eq(group, "factions");
	state_digest(a, &da);
	state_digest(b, &db);
	ck_assert_uint_ne(da.all, db.all);
	ck_assert_int_eq(da.n_groups, db.n_groups);
	for (int i = 0; i < da.n_groups; i++)
		if (strcmp(da.group[i], "factions") == 0)
			ck_assert_uint_ne(da.digest[i], db.digest[i]);
		else
			ck_assert_uint_eq(da.digest[i], db.digest[i]);
	/* a list of another length is named by its length */
	b->factions[f].net.edge_stats[1].risk_est = a->factions[f].net.edge_stats[1].risk_est;
	ck_assert(!state_compare(a, b, path, sizeof path, &group));
	b->n_crackdowns--;
	ck_assert(state_compare(a, b, path, sizeof path, &group));
	ck_assert_str_eq(path, "state.crackdowns.length");
	ck_assert_str_eq(group, "crackdowns");
	/* a field of the first group, the world's identity, by its name too */
	b->n_crackdowns++;
	b->seed++;
	ck_assert(state_compare(a, b, path, sizeof path, &group));
	ck_assert_str_eq(path, "state.seed");
	ck_assert_str_eq(group, "world");
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* The first array named `key` anywhere below node, or NULL. */
static cJSON *find_array(cJSON *node, const char *key)
{
	cJSON *c, *hit;

	if (node == NULL)
		return NULL;
	if (cJSON_IsArray(node) && node->string && strcmp(node->string, key) == 0)
		return node;
	cJSON_ArrayForEach(c, node)
		if ((hit = find_array(c, key)) != NULL)
			return hit;
	return NULL;
}

/* Load the save json with one number replaced: entry `at` of the first
 * array named `list` (or, when field is not NULL, that entry's member
 * field) set to value, written whole with 17 digits (cJSON would print
 * 2^53 - 1 to 15). The status; the world loaded, or NULL, in *back (the
 * caller's to free); the reason in err. */
static enum smug_status load_with_number(const char *json, const char *list, int at, const char *field, double value,
					 struct smug_world **back, struct smug_error *err)
{
	cJSON *root = cJSON_Parse(json), *rows = find_array(root, list);
	enum smug_status st;
	char text[32], *edited;

	ck_assert_msg(rows && cJSON_GetArraySize(rows) > at, "no %s entry %d in the save", list, at);
	snprintf(text, sizeof text, "%.17g", value);
	if (field)
		cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetArrayItem(rows, at), field, cJSON_CreateRaw(text));
	else
		cJSON_ReplaceItemInArray(rows, at, cJSON_CreateRaw(text));
	edited = cJSON_PrintUnformatted(root);
	*back = NULL;
	*err = (struct smug_error){0};
	st = snapshot_from_json(edited, strlen(edited), "snapshot.json", back, err);
	free(edited);
	cJSON_Delete(root);
	return st;
}

/* A telemetry row whose index or count is past what an int holds is
 * refused with the row's name and a reason, never converted (the long
 * fuzz run found a chart_day row whose border index was 32147483648). */
START_TEST(test_state_telemetry_rows_refuse_numbers_past_int)
{
	static const struct {
		const char *rows;
		int col;
		double value;
		const char *why;
	} bad[] = {
		{"chart_day", 0, 32147483648.0, "row 0: unknown corridor index"},
		{"faction_day", 0, 4294967296.0, "row 0: unknown faction index"},
		{"faction_day", 2, 2147483648.0, "row 0: count out of range"},
		{"border_day", 3, 2147483648.0, "row 0: count out of range"},
		{"chart_day", 8, 9007199254740991.0, "row 0: count out of range"},
	};
	struct smug_world *w = busy_world();
	char *json = snapshot_to_json(w);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct smug_world *back;
		struct smug_error err;

		ck_assert_int_ne(load_with_number(json, bad[i].rows, bad[i].col, NULL, bad[i].value, &back, &err), SMUG_OK);
		ck_assert_ptr_null(back);
		ck_assert_msg(strstr(err.msg, bad[i].rows) && strstr(err.msg, bad[i].why), "%s[%d] = %.0f: %s",
			      bad[i].rows, bad[i].col, bad[i].value, err.msg);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* A telemetry row that names what the world does not have, or that
 * breaks its kind's order, is refused with the row's name and why: a
 * border's row on a corridor inside a ward, a flow row's commodity past
 * the last, a faction's flow rows out of their faction-then-commodity
 * order (row 0 naming the second commodity, or the second faction), a
 * crackdown period's intensity outside (0,1], a border's day given
 * twice; the extremes a save may hold, +-(2^53 - 1), are read whole. A busy world's save is edited, one number at a time (of row 0
 * but for the day given twice). */
START_TEST(test_state_telemetry_rows_refuse_what_the_world_lacks)
{
	struct smug_world *w = busy_world();
	int inner = -1;
	char *json = snapshot_to_json(w);

	for (int c = 0; c < w->n_corridors && inner < 0; c++)
		if (!w->corridors[c].border)
			inner = c;
	ck_assert_msg(inner >= 0 && w->n_factions > 1, "the world needs a corridor inside a ward and two factions");
	const struct {
		const char *rows;
		int col;
		double value;
		const char *why;
	} bad[] = {
		{"border_window", 0, inner, "row 0: not a border"},
		{"border_day", 0, inner, "row 0: not a border"},
		{"border_chart", 0, inner, "row 0: not a border"},
		{"chart_day", 0, inner, "row 0: not a border"},
		{"flow_total", 1, SMUG_COMMODITY_COUNT, "row 0: unknown commodity index"},
		{"flow_transit", 1, -1, "row 0: unknown commodity index"},
		{"flow_total", 1, 1, "row 0: out of order"},
		{"flow_transit", 1, 1, "row 0: out of order"},
		{"flow_total", 0, 1, "row 0: out of order"},
		{"crackdown_period", 3, 0, "row 0: intensity out of range"},
		{"crackdown_period", 3, 1.5, "row 0: intensity out of range"},
		/* the lowest number a save may hold, -(2^53 - 1), is read whole and
		 * judged as any negative balance is */
		{"faction_day", 7, -9007199254740991.0, "row 0: negative count"},
		/* a border's day twice: a row takes the day of a later row of its border (found below) */
		{"border_day", 1, -1, NULL},
	};
	char twice[80];

	{ /* and the highest, 2^53 - 1, loads as a faction's balance on a day */
		struct smug_world *back;
		struct smug_error err;

		ck_assert_msg(load_with_number(json, "faction_day", 7, NULL, 9007199254740991.0, &back, &err) == SMUG_OK,
			      "a faction_day balance of 9007199254740991: %s", err.msg);
		smug_world_free(back);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct smug_world *back;
		struct smug_error err;
		enum smug_status st;
		double value = bad[i].value;
		const char *why = bad[i].why;
		int col = bad[i].col;

		if (why == NULL) { /* border_day: rows of 8 numbers, the border first, then the day */
			cJSON *root = cJSON_Parse(json), *rows = find_array(root, bad[i].rows);
			int n = cJSON_GetArraySize(rows) / 8, r = 0, j = 1;

			while (r < n - 1 && cJSON_GetArrayItem(rows, 8 * r)->valuedouble !=
						    cJSON_GetArrayItem(rows, 8 * j)->valuedouble)
				if (++j == n)
					j = ++r + 1;
			ck_assert_msg(r < n - 1, "no border has two days in its window");
			col = 8 * r + 1;
			value = cJSON_GetArrayItem(rows, 8 * j + 1)->valuedouble;
			snprintf(twice, sizeof twice, "row %d: day repeated or after the window's last day", j);
			why = twice;
			cJSON_Delete(root);
		}
		st = load_with_number(json, bad[i].rows, col, NULL, value, &back, &err);
		ck_assert_msg(st != SMUG_OK && strstr(err.msg, bad[i].rows) && strstr(err.msg, why),
			      "%s number %d set to %.17g: want '%s', got %s", bad[i].rows, col, value, why,
			      st == SMUG_OK ? "it loads" : err.msg);
		smug_world_free(back);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* A telemetry row whose owner is one past the last faction or corridor
 * is refused, naming the row, as an unknown index: a snapshot edited to
 * name a faction or border the world does not have must not load (its
 * row would be kept past the world's lists). The rows checked first are
 * those that would otherwise be refused for another reason or loaded
 * whole, so a bound one too high shows as the wrong message or a load. */
START_TEST(test_state_telemetry_rows_refuse_an_owner_one_past_the_last)
{
	static const char *const kinds[] = {
		"faction_seen", "flow_total", "flow_transit", "flow_day", "faction_day", /* faction rows */
		"crackdown_period", "border_window", "border_day", "border_chart", "chart_day",
	};
	struct smug_world *w = busy_world();
	char *json = snapshot_to_json(w);

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		bool faction = i < 5;
		int past = faction ? w->n_factions : w->n_corridors;
		struct smug_world *back;
		struct smug_error err;

		ck_assert_msg(load_with_number(json, kinds[i], 0, NULL, past, &back, &err) != SMUG_OK,
			      "a %s row naming %s %d (the world's last is %d) loads", kinds[i],
			      faction ? "faction" : "corridor", past, past - 1);
		ck_assert_msg(strstr(err.msg, kinds[i]) &&
				      strstr(err.msg, faction ? "row 0: unknown faction index" : "row 0: unknown corridor index"),
			      "a %s row naming %s %d (the world's last is %d): %s", kinds[i],
			      faction ? "faction" : "corridor", past, past - 1, err.msg);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* Every telemetry row that holds a day (a faction's flow and chart days,
 * a border's window and days, a tracked border's chart days) is refused,
 * naming the row, when that day is after the save's day or before day 0
 * (a chart would otherwise show a day that has not happened); the save's
 * own day is not out of range. Row 0's day is edited, one kind at a time. */
START_TEST(test_state_telemetry_rows_refuse_a_day_outside_the_run)
{
	static const char *const kinds[] = {"flow_day", "faction_day", "border_window", "border_day", "chart_day"};
	struct smug_world *w = busy_world();
	const double days[] = {w->day + 1, -1, w->day};
	char *json = snapshot_to_json(w);

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
			struct smug_world *back;
			struct smug_error err;
			bool refused = load_with_number(json, kinds[i], 1, NULL, days[d], &back, &err) != SMUG_OK;
			bool out = refused && strstr(err.msg, kinds[i]) && strstr(err.msg, "row 0: day out of range");
			if (days[d] == w->day)
				ck_assert_msg(!out, "%s row 0 on the save's day %d is refused as out of range: %s", kinds[i],
					      w->day, err.msg);
			else
				ck_assert_msg(out, "%s row 0 on day %.0f (the save is on day %d): %s", kinds[i], days[d],
					      w->day, refused ? err.msg : "it loads");
			smug_world_free(back);
		}
	free(json);
	smug_world_free(w);
}
END_TEST

/* A save edited to hold a faction's flows on day 0 (the reader takes a
 * flow_day row of any day from 0 to the save's) keeps them: saved again
 * and loaded, the world's flows over the last 30 days, what the
 * commodities view sums, are the ones the edited save gave. The world is
 * saved on day 5; the first flow_day row (its faction's day 1) is moved
 * to day 0. */
START_TEST(test_state_flows_edited_onto_day_0_are_saved_again)
{
	struct smug_world *w = test_default_at(5), *back, *again = NULL;
	struct smug_error err;
	char *json = snapshot_to_json(w), *resaved;
	cJSON *root = cJSON_Parse(json);
	int f;

	ck_assert_msg(cJSON_GetArraySize(find_array(root, "flow_day")) > 2, "no flow_day rows on day 5");
	f = (int)cJSON_GetArrayItem(find_array(root, "flow_day"), 0)->valuedouble;
	ck_assert_int_eq((int)cJSON_GetArrayItem(find_array(root, "flow_day"), 1)->valuedouble, 1);
	cJSON_Delete(root);
	ck_assert_msg(load_with_number(json, "flow_day", 1, NULL, 0, &back, &err) == SMUG_OK, "%s", err.msg);
	resaved = snapshot_to_json(back);
	ck_assert_msg(snapshot_from_json(resaved, strlen(resaved), "snapshot.json", &again, &err) == SMUG_OK, "%s",
		      err.msg);
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		struct smug_flow x, y;

		smug_flow_sum(back, f, c, SMUG_FLOW_DAYS, &x);
		smug_flow_sum(again, f, c, SMUG_FLOW_DAYS, &y);
		for (int k = 0; k < SMUG_FLOW_KINDS; k++)
			ck_assert_msg(x.n[k] == y.n[k] && x.value[k] == y.value[k],
				      "%s, %s, flow %d over 30 days: %lld (%lld minor units) loaded with day 0's flows, "
				      "%lld (%lld) saved again and loaded",
				      w->factions[f].id, smug_commodity_name(c), k, (long long)x.n[k],
				      (long long)x.value[k], (long long)y.n[k], (long long)y.value[k]);
	}
	free(resaved);
	free(json);
	smug_world_free(again);
	smug_world_free(back);
	smug_world_free(w);
}
END_TEST

/* A tracked border's chart history starts on day 1 at the earliest (the
 * simulator starts one the day after the start or later): a border_chart
 * row whose first day is 0 is refused, naming the row, as a day out of
 * range; from day 1 it loads. The cockpit reads a border with a first
 * day as one whose history is kept ("since >= 0"), one without (-1) as
 * one that shows its last 7 days. */
START_TEST(test_state_border_chart_starts_after_the_first_day)
{
	struct smug_world *w = busy_world();
	char *json = snapshot_to_json(w);

	for (int since = 0; since <= 1; since++) {
		struct smug_world *back;
		struct smug_error err;
		enum smug_status st = load_with_number(json, "border_chart", 1, NULL, since, &back, &err);

		if (since == 0)
			ck_assert_msg(st != SMUG_OK && strstr(err.msg, "border_chart") && strstr(err.msg, "row 0: day out of range"),
				      "a border's chart from day 0: %s", st == SMUG_OK ? "it loads" : err.msg);
		else
			ck_assert_msg(st == SMUG_OK, "a border's chart from day 1: %s", err.msg);
		smug_world_free(back);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* A hot border's key is its corridor's id: a state whose list pairs a
 * border with another corridor's id is refused, naming the list (the
 * day loop finds a hot border by its corridor index alone, so a loaded
 * mismatch would count one border's traffic under another's name). The
 * keys of the first two entries are swapped: both real ids, both wrong. */
START_TEST(test_state_hot_borders_refuse_another_corridors_id)
{
	struct smug_world *w = busy_world(), *back = NULL;
	char *json = snapshot_to_json(w), *edited;
	cJSON *root = cJSON_Parse(json), *hot = find_array(root, "hot_borders"), *a, *b;
	struct smug_error err;
	char *ka, *kb;

	ck_assert_msg(hot && cJSON_GetArraySize(hot) >= 2, "fewer than two hot borders");
	/* unedited, it loads */
	ck_assert_int_eq(snapshot_from_json(json, strlen(json), "snapshot.json", &back, &err), SMUG_OK);
	smug_world_free(back);
	back = NULL;
	a = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(hot, 0), "key");
	b = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(hot, 1), "key");
	ck_assert(cJSON_IsString(a) && cJSON_IsString(b));
	ka = a->valuestring;
	kb = b->valuestring;
	a->valuestring = kb;
	b->valuestring = ka;
	edited = cJSON_PrintUnformatted(root);
	a->valuestring = ka;
	b->valuestring = kb;
	ck_assert_int_ne(snapshot_from_json(edited, strlen(edited), "snapshot.json", &back, &err), SMUG_OK);
	ck_assert_ptr_null(back);
	ck_assert_msg(strstr(err.msg, "hot_borders") && strstr(err.msg, "is not the id of corridor"), "%s", err.msg);
	free(edited);
	cJSON_Delete(root);
	free(json);
	smug_world_free(w);
}
END_TEST

/* A crackdown period in a save is refused, naming the row, when it
 * claims to have ended after the save's day or when its manual or
 * exploration flag is neither 0 nor 1, rather than loading a crackdown
 * history (smug_crackdown_period_at) that never happened. The second
 * period is edited: a planned one that has ended. */
START_TEST(test_state_crackdown_periods_refuse_a_future_end_or_a_bad_flag)
{
	struct smug_world *w = busy_world();
	const struct {
		const char *what;
		int col;
		double value;
	} bad[] = {
		{"ended the day after the save", 2, w->day + 1},
		{"manual flag 2", 4, 2},
		{"exploration flag 2", 5, 2},
	};
	char *json = snapshot_to_json(w);
	cJSON *root = cJSON_Parse(json), *rows = find_array(root, "crackdown_period");

	ck_assert_msg(rows && cJSON_GetArraySize(rows) >= 12, "fewer than two crackdown periods");
	ck_assert_double_ge(cJSON_GetArrayItem(rows, 6 + 2)->valuedouble, 0); /* the second one has ended */
	cJSON_Delete(root);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct smug_world *back;
		struct smug_error err;

		ck_assert_msg(load_with_number(json, "crackdown_period", 6 + bad[i].col, NULL, bad[i].value, &back, &err) !=
				      SMUG_OK,
			      "a crackdown period that %s loads", bad[i].what);
		ck_assert_ptr_null(back);
		ck_assert_msg(strstr(err.msg, "crackdown_period") && strstr(err.msg, "row 1: day or flag out of range"),
			      "%s: %s", bad[i].what, err.msg);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* A seed whose crackdown ends on the day it was saved, day 0 to 3 (a
 * designer's edit may start and end it on day 0), runs that crackdown's
 * last day out: the next step ends it with an "expired" event, on every
 * such day alike; one that ends a day later is still on after that step. */
START_TEST(test_state_crackdown_ending_on_the_saved_day_expires_next_step)
{
	for (int day = 0; day <= 3; day++) {
		for (int later = 0; later < 2; later++) {
			struct smug_world *w = test_default_at(0), *back = NULL;
			struct smug_error err = {0};
			int border = -1, expired = 0;
			cJSON *root, *list, *k;
			char *json, *edited;

			for (int c = 0; c < w->n_corridors && border < 0; c++)
				if (w->corridors[c].border)
					border = c;
			ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[border].id, 0.5, 9, NULL), SMUG_OK);
			smug_cmd_step(w, day);
			json = snapshot_to_json(w);
			root = cJSON_Parse(json);
			list = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "state"), "crackdowns");
			ck_assert_int_eq(cJSON_GetArraySize(list), 1);
			k = cJSON_GetArrayItem(list, 0);
			if (day < 1)
				cJSON_ReplaceItemInObjectCaseSensitive(k, "start_day", cJSON_CreateNumber(day));
			cJSON_ReplaceItemInObjectCaseSensitive(k, "end_day", cJSON_CreateNumber(day + later));
			edited = cJSON_PrintUnformatted(root);
			ck_assert_msg(snapshot_from_json(edited, strlen(edited), "snapshot.json", &back, &err) == SMUG_OK,
				      "day %d: %s", day, err.msg);
			ck_assert_ptr_nonnull(smug_world_crackdown_on(back, border));
			smug_cmd_step(back, 1);
			for (int i = 0; i < back->tel.event_count; i++) {
				const struct smug_event *e = smug_event_at(&back->tel, i);

				expired += e->kind == SMUG_EV_CRACKDOWN_EXPIRED && e->corridor == border && e->day == day + 1;
			}
			ck_assert_msg((smug_world_crackdown_on(back, border) == NULL) == !later,
				      "a crackdown ending on day %d, saved on day %d: %s after day %d", day + later, day,
				      later ? "over" : "still on", day + 1);
			ck_assert_msg(expired == !later, "a crackdown ending on day %d, saved on day %d: %d expired events on day %d",
				      day + later, day, expired, day + 1);
			free(edited);
			cJSON_Delete(root);
			free(json);
			smug_world_free(back);
			smug_world_free(w);
		}
	}
}
END_TEST

/* A saved event that names a corridor, faction, ward or commodity one
 * past the last is refused the way a seed load refuses it (the reader,
 * then the world's checks), with a message that names the field and the
 * valid range, so whoever edited the save knows what to fix. */
START_TEST(test_state_events_refuse_an_index_past_the_list)
{
	struct smug_world *w = busy_world();
	const struct {
		const char *field;
		int n;
	} past[] = {
		{"corridor", w->n_corridors}, {"faction", w->n_factions}, {"src_ward", w->n_wards},
		{"dst_ward", w->n_wards},     {"commodity", SMUG_COMMODITY_COUNT},
	};
	char *json = snapshot_to_json(w);

	for (size_t i = 0; i < sizeof past / sizeof past[0]; i++) {
		struct smug_world *back;
		struct smug_error err;
		enum smug_status st = load_with_number(json, "events", 0, past[i].field, past[i].n, &back, &err);
		char want[128];

		if (st == SMUG_OK) {
			st = smug_world_check(back, "snapshot.json", &err);
			smug_world_free(back);
		}
		snprintf(want, sizeof want, "events[0].%s: expected number in [-1,%d], got %d", past[i].field,
			 past[i].n - 1, past[i].n);
		ck_assert_int_eq(st, SMUG_ERR_SCHEMA);
		ck_assert_msg(strstr(err.msg, want), "%s = %d: \"%s\", expected \"%s\"", past[i].field, past[i].n,
			      err.msg, want);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* An event's text is formatted from its fields when it is read, so a
 * saved event whose text would name no ward or no corridor is refused at
 * load (each field on its own is in range: -1 is "none"), with the reason,
 * instead of a cockpit that reads past the wards when it shows the log. */
START_TEST(test_state_events_refuse_a_text_without_its_wards)
{
	struct smug_world *w = busy_world();
	const struct {
		enum smug_event_kind kind;
		const char *field, *why;
	} cases[] = {
		{SMUG_EV_SHIPMENT_CREATED, "src_ward", "its text names its source and demand wards"},
		{SMUG_EV_SHIPMENT_DELIVERED, "dst_ward", "its text names its source and demand wards"},
		{SMUG_EV_SHIPMENT_DELAYED, "corridor", "its text names the corridor it is held up on"},
	};
	char *json = snapshot_to_json(w);

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct smug_world *back;
		struct smug_error err;
		char want[160];
		int at = -1;

		for (int i = 0; i < w->tel.event_count && at < 0; i++)
			if (smug_event_at(&w->tel, i)->kind == cases[k].kind)
				at = i;
		ck_assert_msg(at >= 0, "no %s event in 40 days", smug_event_kind_name(cases[k].kind));
		ck_assert_int_eq(load_with_number(json, "events", at, cases[k].field, -1, &back, &err), SMUG_ERR_SCHEMA);
		ck_assert_ptr_null(back);
		snprintf(want, sizeof want, "events[%d].kind: %s", at, cases[k].why);
		ck_assert_msg(strstr(err.msg, want), "%s = -1: \"%s\", expected \"%s\"", cases[k].field, err.msg, want);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* The cockpit's charts read the same after a save and a load, day by day
 * over a whole chart year: every faction's (Balance, flows, money, and
 * the days your crackdowns shade, from the daily history) and every
 * tracked border's (`g`), the first corridor included (in the tiny world
 * every corridor is a border). */
START_TEST(test_state_charts_survive_save_and_load)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json"), *back = NULL;
	struct smug_error err;
	char *json;
	int tracked = 0, seized = 0, shaded = 0;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[0].id, 0.5, -1, NULL), SMUG_OK);
	smug_cmd_step(w, 400);
	json = snapshot_to_json(w);
	ck_assert_int_eq(snapshot_from_json(json, strlen(json), "snapshot.json", &back, &err), SMUG_OK);
	for (int f = 0; f < w->n_factions; f++)
		for (int day = w->day - SMUG_CHART_DAYS + 1; day <= w->day; day++) {
			const struct smug_faction_day *a = smug_faction_chart(w, f, day), *b = smug_faction_chart(back, f, day);

			ck_assert_msg(a != NULL && b != NULL, "%s day %d: no chart day", w->factions[f].id, day);
			seized += a->seized;
			ck_assert_msg(a->sent == b->sent && a->delivered == b->delivered && a->seized == b->seized &&
					      a->lost == b->lost && a->balance == b->balance && a->bribes == b->bribes,
				      "%s day %d after loading: sent %d delivered %d seized %d lost %d, "
				      "saved sent %d delivered %d seized %d lost %d",
				      w->factions[f].id, day, b->sent, b->delivered, b->seized, b->lost, a->sent,
				      a->delivered, a->seized, a->lost);
		}
	ck_assert_int_gt(seized, 0);
	ck_assert_int_eq(back->tel.history_count, w->tel.history_count);
	for (int i = 0; i < w->tel.history_count; i++) {
		const struct smug_day_record *a = smug_history_at(&w->tel, i), *b = smug_history_at(&back->tel, i);

		ck_assert_msg(a->day == b->day && a->crackdowns_manual == b->crackdowns_manual,
			      "day %d after loading: %d of your crackdowns on, saved day %d with %d", b->day,
			      b->crackdowns_manual, a->day, a->crackdowns_manual);
		shaded += a->crackdowns_manual > 0;
	}
	ck_assert_int_gt(shaded, 0);
	ck_assert_int_eq(smug_border_chart_since(w, 0), 1);
	for (int c = 0; c < w->n_corridors; c++) {
		if (smug_border_chart_since(w, c) < 0)
			continue;
		tracked++;
		ck_assert_int_eq(smug_border_chart_since(back, c), smug_border_chart_since(w, c));
		for (int day = w->day - SMUG_CHART_DAYS + 1; day <= w->day; day++) {
			struct smug_border_day a, b;

			ck_assert_int_eq(smug_border_chart(back, c, day, &b), smug_border_chart(w, c, day, &a));
			ck_assert_msg(a.traffic == b.traffic && a.seizures == b.seizures && a.bribes == b.bribes &&
					      a.crackdown_pct == b.crackdown_pct,
				      "%s day %d after loading: traffic %d seized %d bribes %lld crackdown %d%%, "
				      "saved traffic %d seized %d bribes %lld crackdown %d%%",
				      w->corridors[c].id, day, b.traffic, b.seizures, (long long)b.bribes,
				      b.crackdown_pct, a.traffic, a.seizures, (long long)a.bribes, a.crackdown_pct);
		}
	}
	ck_assert_int_gt(tracked, 1);
	free(json);
	smug_world_free(w);
	smug_world_free(back);
}
END_TEST

/* The planner's counters, which the run summary's health block reads
 * (decisions, skips by reason, days the cap bound, days some border got
 * less bribe than meant), are part of the state: after 40 days of the
 * default world each reads the same after a save and a load and in a
 * copy, and one counter more changes the digest and is named by the
 * compare. */
START_TEST(test_state_plan_counters_survive_save_and_load)
{
	struct smug_world *w = busy_world(), *back = NULL, *copy;
	struct smug_error err;
	char *json = snapshot_to_json(w), names[4 + SMUG_SKIP_COUNT + 3][48], path[256];
	const char *group;
	int n = 0;

	_Static_assert(sizeof w->tel.plan == sizeof names / sizeof names[0] * sizeof(int64_t),
		       "a plan counter not named here");
	snprintf(names[n++], sizeof names[0], "days");
	snprintf(names[n++], sizeof names[0], "decisions");
	snprintf(names[n++], sizeof names[0], "sent");
	snprintf(names[n++], sizeof names[0], "explored");
	for (int r = 0; r < SMUG_SKIP_COUNT; r++)
		snprintf(names[n++], sizeof names[0], "skipped %s", smug_skip_key((enum smug_skip)r));
	snprintf(names[n++], sizeof names[0], "cap_days");
	snprintf(names[n++], sizeof names[0], "budget_days");
	snprintf(names[n++], sizeof names[0], "budget_short_days");
	ck_assert_int_gt(w->tel.plan.budget_short_days, 0);
	ck_assert_int_gt(w->tel.plan.budget_days, w->tel.plan.budget_short_days);
	ck_assert_int_gt(w->tel.plan.sent, 0);
	ck_assert_int_eq(snapshot_from_json(json, strlen(json), "snapshot.json", &back, &err), SMUG_OK);
	copy = smug_world_clone(w);
	for (int i = 0; i < n; i++) {
		int64_t *mine = (int64_t *)&w->tel.plan + i, *loaded = (int64_t *)&back->tel.plan + i,
			*copied = (int64_t *)&copy->tel.plan + i;
		uint64_t before = smug_world_digest(copy);

		ck_assert_msg(*loaded == *mine && *copied == *mine, "plan %s: %lld after loading, %lld in a copy, saved %lld",
			      names[i], (long long)*loaded, (long long)*copied, (long long)*mine);
		(*copied)++;
		ck_assert_msg(smug_world_digest(copy) != before, "plan %s one more: the same digest", names[i]);
		ck_assert_msg(state_compare(w, copy, path, sizeof path, &group) && strstr(path, ".plan.") != NULL,
			      "plan %s one more: the compare does not name it", names[i]);
		(*copied)--;
	}
	free(json);
	smug_world_free(w);
	smug_world_free(back);
	smug_world_free(copy);
}
END_TEST

/* The digest's fast paths (the ledger's transaction ring, the factions'
 * edge statistics, the telemetry rows, each hashed a block of words at a
 * time) give exactly the digest of the leaf-by-leaf walk, for the whole
 * state and every group: on the default world at days 1, 120, 300 and
 * 520 (the 102,400-transaction ring has wrapped by then, and every
 * faction that runs a network keeps statistics). */
START_TEST(test_state_digest_fast_paths_equal_the_leaf_walk)
{
	struct smug_world *w = test_default_at(0);
	const int days[] = {1, 120, 300, 520};
	int at = 0;

	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		struct state_digest fast, leaf;

		smug_cmd_step(w, days[k] - at);
		at = days[k];
		state_digest(w, &fast);
		state_digest_leafwise(w, &leaf);
		ck_assert_int_eq(fast.n_groups, leaf.n_groups);
		for (int g = 0; g < fast.n_groups; g++)
			ck_assert_msg(fast.digest[g] == leaf.digest[g], "day %d: group %s differs", at, fast.group[g]);
		ck_assert(fast.all == leaf.all);
	}
	ck_assert_int_eq(w->ledger.journal_count, SMUG_JOURNAL_CAP);
	for (int f = 0; f < w->n_factions; f++)
		ck_assert(!w->factions[f].runs_network || w->factions[f].net.n_edge_stats > 0);
	smug_world_free(w);
}
END_TEST

/* The wards are hashed a record at a time into the digest's buffer, each
 * record's room asked for first (the longest id and name it can hold):
 * wherever the buffer's end falls in a record, the digest is the leaf
 * walk's. On a generated world of 400 wards (many buffers' worth of
 * records) whose wards are named by the longest name a scenario allows
 * (47 bytes), the first wards' names are shortened by 0 to 480 bytes in
 * all, 8 at a time, which moves the first buffer's end across a whole
 * record (439 bytes). */
START_TEST(test_state_digest_of_the_wards_equals_the_leaf_walk_at_every_cut)
{
	char *gen = smug_scenario_generate(400, 5, 2);
	struct smug_world *w = NULL;
	struct smug_error err;
	const int longest = SMUG_NAME_MAX - 1;

	ck_assert_msg(smug_world_load_json(gen, strlen(gen), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
	free(gen);
	for (int shorter = 0; shorter <= 480; shorter += 8) {
		struct state_digest fast, leaf;

		for (int i = 0; i < w->n_wards; i++) {
			int cut = shorter - i * longest, len = longest - (cut < 0 ? 0 : cut > longest ? longest : cut);

			memset(w->wards[i].name, 'x', (size_t)len);
			w->wards[i].name[len] = '\0';
		}
		state_digest(w, &fast);
		state_digest_leafwise(w, &leaf);
		ck_assert_int_eq(fast.n_groups, leaf.n_groups);
		for (int g = 0; g < fast.n_groups; g++)
			ck_assert_msg(fast.digest[g] == leaf.digest[g],
				      "wards named by 47 bytes, %d bytes fewer in all: group %s differs", shorter,
				      fast.group[g]);
		ck_assert(fast.all == leaf.all);
	}
	smug_world_free(w);
}
END_TEST

#ifdef HAVE_MALLINFO2
/* A freed world gives all its memory back: a long cockpit session (what-if
 * branches, rewinds) or a sweep frees many, and must not grow by a world
 * each time. */
START_TEST(test_state_freed_worlds_return_their_memory)
{
	struct smug_world *w = test_default_at(10), *c = smug_world_clone(w);
	size_t before;

	smug_world_free(c);
	before = test_heap_in_use();
	for (int i = 0; i < 20; i++) {
		c = smug_world_clone(w);
		smug_world_free(c);
	}
	ck_assert_msg(test_heap_in_use() < before + (1u << 20), "20 copies made and freed: %zu bytes more in use",
		      test_heap_in_use() - before);
	smug_world_free(w);
}
END_TEST
#endif

/* A seed saved while a shipment from the last ward is in flight loads,
 * and so does the rewind ring's packed copy of that day (the ward ranges
 * reach the last ward): the first such day of the two-way world, whose
 * crew trades both ways across its one border. */
START_TEST(test_state_shipment_from_the_last_ward_loads)
{
	struct smug_world *w = test_load_file(SRCDIR "/tests/data/two-way.json"), *back = NULL;
	struct smug_error err;
	unsigned char *packed;
	size_t len;
	char *json;
	int from_last = 0;

	for (int day = 0; day < 365 && !from_last; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_shipments; i++)
			from_last += smug_shipment_in_transit(w, i)->src_ward == w->n_wards - 1;
	}
	ck_assert_msg(from_last > 0, "no shipment from the last ward %s in a year", w->wards[w->n_wards - 1].id);
	json = snapshot_to_json(w);
	ck_assert_msg(snapshot_from_json(json, strlen(json), "snapshot.json", &back, &err) == SMUG_OK,
		      "day %d, a shipment from the last ward in flight: %s", w->day, err.msg);
	ck_assert_uint_eq(smug_world_digest(back), smug_world_digest(w));
	smug_world_free(back);
	len = state_pack(w, &packed);
	back = state_unpack(packed, len);
	ck_assert_msg(back != NULL, "day %d, a shipment from the last ward in flight: the packed copy does not load",
		      w->day);
	ck_assert_uint_eq(smug_world_digest(back), smug_world_digest(w));
	smug_world_free(back);
	free(packed);
	free(json);
	smug_world_free(w);
}
END_TEST

/* A seed saved before the first step, at the scenario's start day, loads
 * back as the same world and goes on as it would have (a designer saves
 * the world as loaded, to run it later): the default world at day 0 and
 * the tiny world whose scenario starts at day 100; each, loaded, runs 30
 * days to the digest the unsaved world reaches. */
START_TEST(test_state_seed_saved_at_its_start_day_loads)
{
	size_t len;
	char *text = test_slurp(SRCDIR "/data/tiny.json", &len);
	cJSON *root = cJSON_Parse(text);
	struct smug_world *w[2] = {test_default_at(0), NULL};
	struct smug_error err;

	ck_assert_ptr_nonnull(root);
	cJSON_DeleteItemFromObjectCaseSensitive(root, "start_day");
	cJSON_AddNumberToObject(root, "start_day", 100);
	free(text);
	text = cJSON_PrintUnformatted(root);
	ck_assert_msg(smug_world_load_json(text, strlen(text), "tiny.json", &w[1], &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(w[1]->day, 100);
	for (int k = 0; k < 2; k++) {
		struct smug_world *back = NULL;
		char *json = snapshot_to_json(w[k]);
		int start = w[k]->start_day;

		ck_assert_int_eq(w[k]->day, start);
		ck_assert_msg(snapshot_from_json(json, strlen(json), "snapshot.json", &back, &err) == SMUG_OK,
			      "a seed saved at the start day %d is refused: %s", start, err.msg);
		ck_assert_int_eq(back->day, start);
		ck_assert_uint_eq(smug_world_digest(back), smug_world_digest(w[k]));
		smug_cmd_step(w[k], 30);
		smug_cmd_step(back, 30);
		ck_assert_msg(smug_world_digest(back) == smug_world_digest(w[k]),
			      "the seed saved at day %d, run 30 days, is not the world run 30 days", start);
		smug_world_free(back);
		free(json);
		smug_world_free(w[k]);
	}
	cJSON_Delete(root);
	free(text);
}
END_TEST

/* A shipment pays bribes at most at each corridor of its route
 * (SMUG_ROUTE_MAX_NODES - 1 of them): a seed whose shipment lists one
 * bribe more is refused, the message naming the list and the limit; one
 * with exactly as many loads. */
START_TEST(test_state_bribe_map_longer_than_a_route_is_refused)
{
	struct smug_world *w = busy_world(), *back = NULL;
	char *json = snapshot_to_json(w), *text, want[128];
	cJSON *root = cJSON_Parse(json), *ships, *map = NULL;
	struct smug_error err;
	int ship = -1;

	ck_assert_ptr_nonnull(root);
	ships = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "state"), "shipments");
	for (int i = 0; i < cJSON_GetArraySize(ships) && ship < 0; i++) {
		map = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(ships, i), "bribe_map");
		if (cJSON_GetArraySize(map) > 0)
			ship = i;
	}
	ck_assert_msg(ship >= 0, "no shipment in transit with a bribe");
	while (cJSON_GetArraySize(map) < SMUG_ROUTE_MAX_NODES - 1)
		cJSON_AddItemToArray(map, cJSON_Duplicate(cJSON_GetArrayItem(map, 0), true));
	text = cJSON_PrintUnformatted(root);
	ck_assert_msg(snapshot_from_json(text, strlen(text), "snapshot.json", &back, &err) == SMUG_OK,
		      "%d bribes, one a corridor of the longest route: %s", SMUG_ROUTE_MAX_NODES - 1, err.msg);
	smug_world_free(back);
	back = NULL;
	free(text);
	cJSON_AddItemToArray(map, cJSON_Duplicate(cJSON_GetArrayItem(map, 0), true));
	text = cJSON_PrintUnformatted(root);
	ck_assert_int_ne(snapshot_from_json(text, strlen(text), "snapshot.json", &back, &err), SMUG_OK);
	ck_assert_ptr_null(back);
	snprintf(want, sizeof want, "state.shipments[%d].bribe_map: at most %d entries, got %d", ship,
		 SMUG_ROUTE_MAX_NODES - 1, SMUG_ROUTE_MAX_NODES);
	ck_assert_msg(strstr(err.msg, want) != NULL, "%d bribes refused as '%s', want '%s'", SMUG_ROUTE_MAX_NODES,
		      err.msg, want);
	free(text);
	cJSON_Delete(root);
	free(json);
	smug_world_free(w);
}
END_TEST

/* The node at a path such as "state.wards[1].sig" (NULL if absent). */
static cJSON *node_at(cJSON *root, const char *path)
{
	char key[64];
	const char *p = path;

	while (root && *p) {
		size_t n = strcspn(p, ".[");

		if (n > 0) {
			snprintf(key, sizeof key, "%.*s", (int)n, p);
			root = cJSON_GetObjectItemCaseSensitive(root, key);
			p += n;
		} else if (*p == '[') {
			root = cJSON_GetArrayItem(root, atoi(p + 1));
			p = strchr(p, ']') + 1;
		}
		if (*p == '.')
			p++;
	}
	return root;
}

enum damage { DROP, SET_NUMBER, SET_TEXT, REVERSE, EMPTY, COPY_FIRST, DROP_LAST };

/* The tiny world's snapshot with one damage at path (key: the member
 * changed, for DROP, SET_NUMBER and SET_TEXT): "" if it loads, else the
 * loader's message. */
static const char *load_damaged(const char *json, const char *path, const char *key, enum damage how,
				double v, const char *text, char *msg, size_t size)
{
	cJSON *root = cJSON_Parse(json), *at = node_at(root, path), *e;
	struct smug_world *back = NULL;
	struct smug_error err;
	char *edited;
	int n;

	ck_assert_msg(at != NULL, "no %s in the snapshot", path);
	n = cJSON_GetArraySize(at);
	switch (how) {
	case DROP: cJSON_DeleteItemFromObjectCaseSensitive(at, key); break;
	case SET_NUMBER: cJSON_ReplaceItemInObjectCaseSensitive(at, key, cJSON_CreateNumber(v)); break;
	case SET_TEXT: cJSON_ReplaceItemInObjectCaseSensitive(at, key, cJSON_CreateString(text)); break;
	case REVERSE:
		for (int i = 0; i < n; i++)
			cJSON_AddItemToArray(at, cJSON_DetachItemFromArray(at, n - 1 - i));
		break;
	case EMPTY:
		while (cJSON_GetArraySize(at) > 0)
			cJSON_DeleteItemFromArray(at, 0);
		break;
	case COPY_FIRST: /* a second entry like the first, v in its member key */
		e = cJSON_Duplicate(cJSON_GetArrayItem(at, 0), true);
		cJSON_ReplaceItemInObjectCaseSensitive(e, key, cJSON_CreateNumber(v));
		cJSON_AddItemToArray(at, e);
		break;
	case DROP_LAST: cJSON_DeleteItemFromArray(at, n - 1); break;
	}
	edited = cJSON_PrintUnformatted(root);
	if (snapshot_from_json(edited, strlen(edited), "snapshot.json", &back, &err) == SMUG_OK)
		snprintf(msg, size, "%s", "");
	else
		snprintf(msg, size, "%s", err.msg);
	if (*msg)
		ck_assert_ptr_null(back);
	smug_world_free(back);
	free(edited);
	cJSON_Delete(root);
	return msg;
}

/* A seed damaged by hand is refused with the path of what is wrong and
 * why (smugnet-seed(5)): a missing member, a number where a flag or a
 * text belongs, a text one byte longer than its field (one byte less
 * loads), a text knob with a control character (--set's and a
 * scenario's rule; a tab loads), a day before the start day, no wards, lists out of their
 * order (edge beliefs, crackdowns: one per corridor, by corridor), a
 * telemetry row cut short. */
START_TEST(test_state_damaged_seed_names_the_path)
{
	static const char long47[] = "ward-name-ward-name-ward-name-ward-name-ward-na",
			  long48[] = "ward-name-ward-name-ward-name-ward-name-ward-nam";
	static const struct {
		const char *path, *key;
		enum damage how;
		double v;
		const char *text, *want;
	} cases[] = {
		{"state.wards[1].sig", "corruption", DROP, 0, NULL, "state.wards[1].sig.corruption: missing"},
		{"state.config.smuggling", "enabled", SET_NUMBER, 1, NULL, "state.config.smuggling.enabled: expected boolean"},
		{"state.wards[1]", "name", SET_NUMBER, 5, NULL, "state.wards[1].name: expected string"},
		{"state.wards[1]", "name", SET_TEXT, 0, long48, "state.wards[1].name: longer than 47 bytes"},
		{"state.wards[1]", "name", SET_TEXT, 0, long47, ""},
		{"state.config.smuggling", "deterministic_salt", SET_TEXT, 0, "a\nb",
		 "snapshot.json: state.config.smuggling.deterministic_salt: control character U+000A at offset 1; "
		 "a text knob is printable text on one line"},
		{"state.config.smuggling", "deterministic_salt", SET_TEXT, 0, "ab\xc2\x9f",
		 "state.config.smuggling.deterministic_salt: control character U+009F at offset 2"},
		{"state.config.smuggling", "deterministic_salt", SET_TEXT, 0, "a\tb", ""},
		{"state", "start_day", SET_NUMBER, 41, NULL, "state.day: before start_day 41"},
		{"state", "start_day", SET_NUMBER, 40, NULL, ""},
		{"state.wards", NULL, EMPTY, 0, NULL, "state.wards: at least one ward"},
		{"state.factions[0].network.edge_stats", NULL, REVERSE, 0, NULL,
		 "state.factions[0].network.edge_stats: edge_stats must be sorted by corridor and direction"},
		{"state.crackdowns", "corridor", COPY_FIRST, 0, NULL, "state.crackdowns: crackdowns must be sorted by corridor"},
		{"state.crackdowns", "corridor", COPY_FIRST, 1, NULL, ""},
		{"state.telemetry.windows.border_window", NULL, DROP_LAST, 0, NULL,
		 "state.telemetry.windows.border_window: expected rows of 2 numbers, got 7 numbers"},
	};
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	char *json, msg[512];

	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[0].id, 0.5, -1, NULL), SMUG_OK);
	smug_cmd_step(w, 40);
	json = snapshot_to_json(w);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		load_damaged(json, cases[i].path, cases[i].key, cases[i].how, cases[i].v, cases[i].text, msg, sizeof msg);
		if (*cases[i].want)
			ck_assert_msg(strstr(msg, cases[i].want) != NULL, "case %zu: '%s', want '%s'", i,
				      *msg ? msg : "it loads", cases[i].want);
		else
			ck_assert_msg(*msg == '\0', "case %zu (%s %s): refused: %s", i, cases[i].path,
				      cases[i].key ? cases[i].key : "", msg);
	}
	free(json);
	smug_world_free(w);
}
END_TEST

/* snapshot.json names the world's opening balances from the scenario's
 * "ledger" (smugnet-seed(5): the world's identity), in minor units, and
 * keeps them through a load and a save a year later: the raider-source
 * world opens with 200000 credits in the treasury and 20000 in the black
 * market, its buyers with none. */
START_TEST(test_state_snapshot_names_the_opening_balances)
{
	static const struct {
		const char *key;
		double credits;
	} want[] = {{"initial_blackmarket", 20000}, {"initial_treasury", 200000}, {"initial_buyers", 0}};
	struct smug_world *w = test_load_file(SRCDIR "/tests/data/raider-source.json"), *back = NULL;
	struct smug_error err;
	char *json[2];

	smug_cmd_step(w, 365);
	json[0] = snapshot_to_json(w);
	ck_assert_int_eq(snapshot_from_json(json[0], strlen(json[0]), "snapshot.json", &back, &err), SMUG_OK);
	json[1] = snapshot_to_json(back);
	for (int k = 0; k < 2; k++) {
		cJSON *root = cJSON_Parse(json[k]);
		const cJSON *state = cJSON_GetObjectItemCaseSensitive(root, "state");

		for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(state, want[i].key);

			ck_assert_msg(cJSON_IsNumber(v), "%s the snapshot has no %s",
				      k ? "loaded and saved again," : "saved,", want[i].key);
			ck_assert_msg(v->valuedouble == want[i].credits * SMUG_MINOR_PER_CREDIT,
				      "%s the snapshot's %s is %.0f, the scenario's %.0f credits",
				      k ? "loaded and saved again," : "saved,", want[i].key, v->valuedouble,
				      want[i].credits);
		}
		cJSON_Delete(root);
		free(json[k]);
	}
	smug_world_free(back);
	smug_world_free(w);
}
END_TEST

/* Two TopK lists entry by entry; false with the first difference in msg. */
static bool same_topk(const struct smug_topk *a, const struct smug_topk *b, char *msg, size_t size)
{
	if (a->n != b->n) {
		snprintf(msg, size, "%d entries, saved %d", b->n, a->n);
		return false;
	}
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->e[i].key, b->e[i].key) != 0 || a->e[i].index != b->e[i].index ||
		    a->e[i].score != b->e[i].score) {
			snprintf(msg, size, "entry %d is %s (%d) %g, saved %s (%d) %g", i, b->e[i].key, b->e[i].index,
				 b->e[i].score, a->e[i].key, a->e[i].index, a->e[i].score);
			return false;
		}
	return true;
}

/* What the cockpit and the run summary read from a world's telemetry,
 * asked of a copy (`how`: loaded, unpacked) and of the original: every
 * TopK list over every window length, every faction's flows over every
 * window, every border's 7-day window and chart day, the crackdown log,
 * the daily history, the event log and the route tally. */
static void same_answers(const struct smug_world *a, const struct smug_world *b, const char *how)
{
	char msg[256];

	ck_assert_int_eq(b->day, a->day);
	ck_assert_int_eq(b->tel.n_topk_days, a->tel.n_topk_days);
	for (int kind = 0; kind < 3; kind++)
		for (int days = 1; days <= a->tel.n_topk_days; days++) {
			struct smug_topk x, y;

			smug_topk_window(a, (enum smug_topk_kind)kind, days, &x);
			smug_topk_window(b, (enum smug_topk_kind)kind, days, &y);
			ck_assert_msg(same_topk(&x, &y, msg, sizeof msg), "%s, day %d: the %d-day TopK list %d: %s", how,
				      a->day, days, kind, msg);
		}
	ck_assert_msg(same_topk(&a->tel.hot_routes, &b->tel.hot_routes, msg, sizeof msg), "%s: hot routes: %s", how, msg);
	ck_assert_msg(same_topk(&a->tel.hot_borders, &b->tel.hot_borders, msg, sizeof msg), "%s: hot borders: %s", how,
		      msg);
	ck_assert_msg(same_topk(&a->tel.faction_success, &b->tel.faction_success, msg, sizeof msg),
		      "%s: faction success: %s", how, msg);
	for (int f = 0; f < a->n_factions; f++)
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
			for (int days = 0; days <= SMUG_FLOW_DAYS; days++) {
				struct smug_flow x, y;

				smug_flow_sum(a, f, c, days, &x);
				smug_flow_sum(b, f, c, days, &y);
				ck_assert_msg(memcmp(&x, &y, sizeof x) == 0, "%s: %s commodity %d over %d days: other flows",
					      how, a->factions[f].id, c, days);
			}
	for (int c = 0; c < a->n_corridors; c++) {
		if (!a->corridors[c].border)
			continue;
		ck_assert_int_eq(smug_border_chart_since(b, c), smug_border_chart_since(a, c));
		for (int day = a->day - SMUG_CHART_DAYS + 1; day <= a->day; day++) {
			struct smug_border_day x, y;
			bool in_x = smug_border_chart(a, c, day, &x), in_y = smug_border_chart(b, c, day, &y);

			ck_assert_msg(in_x == in_y && memcmp(&x, &y, sizeof x) == 0,
				      "%s: %s day %d: chart traffic %d checks %d crackdown %d%%, saved %d %d %d%%", how,
				      a->corridors[c].id, day, y.traffic, y.checks, y.crackdown_pct, x.traffic, x.checks,
				      x.crackdown_pct);
			if (day <= a->day - SMUG_BORDER_WINDOW_DAYS)
				continue;
			smug_border_window_sum(a, c, day, day, &x);
			smug_border_window_sum(b, c, day, day, &y);
			ck_assert_msg(memcmp(&x, &y, sizeof x) == 0, "%s: %s day %d: window traffic %d, saved %d", how,
				      a->corridors[c].id, day, y.traffic, x.traffic);
		}
	}
	ck_assert_int_eq(b->tel.crackdown_log_count, a->tel.crackdown_log_count);
	for (int i = 0; i < a->tel.crackdown_log_count; i++) {
		const struct smug_crackdown_period *x = smug_crackdown_period_at(&a->tel, i),
						   *y = smug_crackdown_period_at(&b->tel, i);

		ck_assert_msg(x->corridor == y->corridor && x->start_day == y->start_day && x->end_day == y->end_day &&
				      x->intensity == y->intensity && x->manual == y->manual &&
				      x->exploration == y->exploration,
			      "%s: crackdown period %d: corridor %d days %d..%d, saved %d days %d..%d", how, i,
			      y->corridor, y->start_day, y->end_day, x->corridor, x->start_day, x->end_day);
	}
	ck_assert_int_eq(b->tel.history_count, a->tel.history_count);
	for (int i = 0; i < a->tel.history_count; i++) {
		const struct smug_day_record *x = smug_history_at(&a->tel, i), *y = smug_history_at(&b->tel, i);

		ck_assert_msg(x->day == y->day && memcmp(&x->c, &y->c, sizeof x->c) == 0 &&
				      x->in_transit == y->in_transit && x->crackdowns_manual == y->crackdowns_manual &&
				      x->crackdowns_auto == y->crackdowns_auto,
			      "%s: history record %d (day %d) differs", how, i, x->day);
	}
	ck_assert_int_eq(b->tel.event_count, a->tel.event_count);
	ck_assert_uint_eq(b->tel.events_total, a->tel.events_total);
	for (int i = 0; i < a->tel.event_count; i++) {
		const struct smug_event *x = smug_event_at(&a->tel, i), *y = smug_event_at(&b->tel, i);

		ck_assert_msg(x->day == y->day && x->kind == y->kind && x->faction == y->faction &&
				      x->corridor == y->corridor && x->shipment == y->shipment &&
				      x->commodity == y->commodity && x->amount == y->amount &&
				      x->src_ward == y->src_ward && x->dst_ward == y->dst_ward && x->flags == y->flags &&
				      memcmp(&x->u, &y->u, sizeof x->u) == 0 &&
				      strcmp(event_text(a, x), event_text(b, y)) == 0,
			      "%s: event %d (day %d, %s) differs: '%s'", how, i, x->day, event_text(a, x), event_text(b, y));
	}
	ck_assert_int_eq(b->tel.n_routes, a->tel.n_routes);
	for (int r = 0; r < a->tel.n_routes; r++)
		ck_assert_msg(telemetry_route_cmp(&a->tel.routes[r].route, &b->tel.routes[r].route) == 0 &&
				      a->tel.routes[r].count == b->tel.routes[r].count,
			      "%s: route tally slot %d: %d nodes x%lld, saved %d nodes x%lld", how, r,
			      b->tel.routes[r].route.n_nodes, (long long)b->tel.routes[r].count,
			      a->tel.routes[r].route.n_nodes, (long long)a->tel.routes[r].count);
}

/* A seed saved mid-run and a rewind copy answer every telemetry question
 * as the world they were taken from did, and keep answering alike as all
 * three go on: a generated 400-ward world with the crackdown planner on
 * and one crackdown of yours, whose charts have been handed on between
 * borders, saved at day 45, then 10 days more. */
START_TEST(test_state_loaded_world_answers_as_the_saved_one)
{
	char *gen = smug_scenario_generate(400, 5, 2), *json;
	struct smug_world *w = NULL, *back = NULL, *unpacked;
	struct smug_error err;
	unsigned char *bytes;
	size_t n;

	ck_assert_msg(smug_world_load_json(gen, strlen(gen), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
	free(gen);
	smug_cmd_auto_crackdown(w, true);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[test_busiest_border(w)].id, 0.25, 20, NULL), SMUG_OK);
	smug_cmd_step(w, 45);
	ck_assert_int_gt(w->tel.crackdown_log_count, 20);
	json = snapshot_to_json(w);
	ck_assert_msg(snapshot_from_json(json, strlen(json), "snapshot.json", &back, &err) == SMUG_OK, "%s", err.msg);
	n = state_pack(w, &bytes);
	unpacked = state_unpack(bytes, n);
	ck_assert_ptr_nonnull(unpacked);
	same_answers(w, back, "loaded");
	same_answers(w, unpacked, "unpacked");
	smug_cmd_step(w, 10);
	smug_cmd_step(back, 10);
	smug_cmd_step(unpacked, 10);
	same_answers(w, back, "loaded, 10 days on");
	same_answers(w, unpacked, "unpacked, 10 days on");
	free(bytes);
	free(json);
	smug_world_free(unpacked);
	smug_world_free(back);
	smug_world_free(w);
}
END_TEST

/* The length of the list that a saved number named `key` (at `path`)
 * indexes, or -1 when it is not an index. */
static int index_limit(const struct smug_world *w, const char *path, const char *key)
{
	static const char *const corridor_keys[] = {"corridor", "at_corridor", "resolved_corridor", "touched",
						   "touched_yday"};
	static const char *const ward_keys[] = {"ward", "src_ward", "dst_ward", "home_ward", "ward_cursor"};
	static const char *const node_keys[] = {"from_node", "a", "b", "nodes", "route"};

	for (size_t i = 0; i < sizeof corridor_keys / sizeof corridor_keys[0]; i++)
		if (strcmp(key, corridor_keys[i]) == 0)
			return w->n_corridors;
	for (size_t i = 0; i < sizeof ward_keys / sizeof ward_keys[0]; i++)
		if (strcmp(key, ward_keys[i]) == 0)
			return w->n_wards;
	for (size_t i = 0; i < sizeof node_keys / sizeof node_keys[0]; i++)
		if (strcmp(key, node_keys[i]) == 0)
			return w->n_nodes;
	if (strcmp(key, "faction") == 0)
		return w->n_factions;
	if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0)
		return w->ledger.n_accounts;
	if (strcmp(key, "index") == 0 && strstr(path, "hot_borders"))
		return w->n_corridors;
	if (strcmp(key, "index") == 0 && strstr(path, "faction_success"))
		return w->n_factions;
	if (strcmp(key, "index") == 0 && strstr(path, "hot_routes"))
		return SMUG_ROUTE_TALLY; /* a tally slot; smug_world_check: one in use */
	return -1;
}

/* The saved numbers whose range starts above zero (smugnet-seed(5)):
 * ids, a route's days, sizes, and entries that exist only once counted. */
static bool positive_only(const char *path, const char *key)
{
	static const char *const keys[] = {"ring", "travel_days", "value_density", "units_per_shipment", "units",
					   "next_shipment_id", "intensity", "count", "traffic"};

	if (strcmp(key, "id") == 0 || (strcmp(key, "amount") == 0 && strstr(path, "ledger.journal")))
		return true;
	if (strcmp(key, "traffic") == 0 && !strstr(path, "topk_window"))
		return false; /* a border's customs statistics count from zero */
	if (strcmp(key, "count") == 0 && strstr(path, "telemetry.events"))
		return false; /* an event's hops or days: 0 for kinds that have none */
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

/* The saved numbers that may be negative (smugnet-seed(5)): -1 where a
 * day, an index or a choice is "none yet" (a decision without a runner-up,
 * an event without a faction, a lane never run, a crackdown until
 * cleared), and the signed quantities: money, scores, preference
 * weights, the customs biases, a ward's position and its raider presence.
 * Every other number is refused at -1 for its own range. The telemetry
 * windows are packed rows, checked column by column by their own tests. */
static bool may_be_negative(const char *pat)
{
	static const char *const pats[] = {
		"state.crackdowns[].end_day",
		"state.decisions[].chosen",
		"state.decisions[].dst_ward",
		"state.decisions[].expected_profit",
		"state.decisions[].runner",
		"state.decisions[].src_ward",
		"state.decisions[].winner",
		"state.decisions_day",
		"state.explain_history[].dst_ward",
		"state.explain_history[].src_ward",
		"state.factions[].bribe_budget_fraction",
		"state.factions[].network.edge_stats[].last_update_day",
		"state.factions[].network.edge_stats[].preferred_weight",
		"state.factions[].network.lanes[].last_day",
		"state.factions[].network.last_run_day",
		"state.factions[].network.plan_stats[].last_update_day",
		"state.factions[].network.recent[].at_corridor",
		"state.factions[].network.recent[].day",
		"state.ledger.day_seq_day",
		"state.ledger.journal[].day",
		"state.ledger.journal[].from",
		"state.ledger.journal[].to",
		"state.shipments[].resolved_corridor",
		"state.telemetry.events[].amount",
		"state.telemetry.events[].commodity",
		"state.telemetry.events[].corridor",
		"state.telemetry.events[].dst_ward",
		"state.telemetry.events[].faction",
		"state.telemetry.events[].src_ward",
		"state.telemetry.faction_success[].index",
		"state.telemetry.faction_success[].score",
		"state.telemetry.history[].c.profit",
		"state.telemetry.hot_borders[].index",
		"state.telemetry.hot_borders[].score",
		"state.telemetry.hot_routes[].score",
		"state.telemetry.today.profit",
		"state.telemetry.total.profit",
		"state.wards[].customs.contraband_bias",
		"state.wards[].customs.inspection_bias",
		"state.wards[].customs.tariff_bias",
		"state.wards[].pos[]",
		"state.wards[].raider_presence",
	};

	for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
		if (strcmp(pat, pats[i]) == 0)
			return true;
	return false;
}

struct range_walk {
	const struct smug_world *w;
	cJSON *root;
	char seen[512][160];
	int n_seen, zeros, positives, indices, negatives;
};

/* Load the snapshot with `leaf` set to v; "" if it loads, else the
 * loader's message (in msg). */
static const char *load_with(struct range_walk *rw, cJSON *leaf, double v, char *msg, size_t size)
{
	struct smug_world *back = NULL;
	struct smug_error err;
	double old = leaf->valuedouble;
	char *text;

	cJSON_SetNumberValue(leaf, v);
	text = cJSON_PrintUnformatted(rw->root);
	cJSON_SetNumberValue(leaf, old);
	if (snapshot_from_json(text, strlen(text), "snapshot.json", &back, &err) == SMUG_OK)
		snprintf(msg, size, "%s", "");
	else
		snprintf(msg, size, "%s", err.msg);
	smug_world_free(back);
	free(text);
	return msg;
}

/* Refused for its own range: the message names the path and a range. */
static bool out_of_range(const char *msg, const char *path)
{
	const char *at = strstr(msg, path);

	return at && strncmp(at + strlen(path), ": expected number in", 20) == 0;
}

static void walk_ranges(struct range_walk *rw, cJSON *node, const char *path, const char *key)
{
	char p[256], pat[160], msg[512];
	int i = 0, limit;

	if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
		for (cJSON *c = node->child; c; c = c->next, i++) {
			if (cJSON_IsObject(node))
				snprintf(p, sizeof p, "%s.%s", path, c->string);
			else
				snprintf(p, sizeof p, "%s[%d]", path, i);
			walk_ranges(rw, c, p, cJSON_IsObject(node) ? c->string : key);
		}
		return;
	}
	if (!cJSON_IsNumber(node) || key == NULL)
		return;
	pattern(path, pat, sizeof pat);
	for (int k = 0; k < rw->n_seen; k++)
		if (strcmp(rw->seen[k], pat) == 0)
			return;
	ck_assert_int_lt(rw->n_seen, 512);
	snprintf(rw->seen[rw->n_seen++], sizeof rw->seen[0], "%s", pat);
	if (!positive_only(path, key)) {
		ck_assert_msg(!out_of_range(load_with(rw, node, 0, msg, sizeof msg), path), "%s = 0 is refused: %s",
			      path, msg);
		rw->zeros++;
	} else {
		ck_assert_msg(out_of_range(load_with(rw, node, 0, msg, sizeof msg), path),
			      "%s = 0 is not refused as out of its range: %s", path, *msg ? msg : "it loads");
		rw->positives++;
	}
	if (!strstr(path, ".windows.")) {
		bool neg = may_be_negative(pat);

		ck_assert_msg(out_of_range(load_with(rw, node, -1, msg, sizeof msg), path) != neg, "%s = -1 %s: %s", path,
			      neg ? "is refused" : "is not refused as out of its range", *msg ? msg : "it loads");
		rw->negatives += neg;
	}
	limit = index_limit(rw->w, path, key);
	if (limit < 0)
		return;
	ck_assert_msg(!out_of_range(load_with(rw, node, limit - 1, msg, sizeof msg), path),
		      "%s = %d, the last of its list, is refused: %s", path, limit - 1, msg);
	ck_assert_msg(out_of_range(load_with(rw, node, limit, msg, sizeof msg), path),
		      "%s = %d, one past the end of its list, is not refused as out of its range: %s", path, limit,
		      *msg ? msg : "it loads");
	rw->indices++;
}

/* A saved number loads across its whole range and no index points past
 * its list (a seed edited or damaged by hand is refused, never read out
 * of bounds): in the snapshot of the tiny world 40 days on (a crackdown of
 * yours and the planner's), the first of each field (the
 * config aside: the knob table checks its own ranges) set to 0 is not
 * refused as out of range unless its range starts above zero; each field
 * that indexes the corridors, wards, nodes, factions or accounts loads
 * as the list's last index (or is refused for another reason, such as a
 * corridor's ends) and is refused as the list's length, for its own
 * range (not by a later check that happens to catch it); and each field
 * whose range starts above zero (a corridor's travel days, say) set to 0
 * is refused, the message naming its path and its range; set to -1, each
 * field loads if it may be negative (may_be_negative) and is refused for
 * its own range if not. */
START_TEST(test_state_every_number_loads_across_its_range)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	char *json;
	struct range_walk *rw = calloc(1, sizeof *rw);
	cJSON *state;

	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[0].id, 0.5, -1, NULL), SMUG_OK);
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 40);
	json = snapshot_to_json(w);
	rw->w = w;
	rw->root = cJSON_Parse(json);
	ck_assert_ptr_nonnull(rw->root);
	state = cJSON_GetObjectItemCaseSensitive(rw->root, "state");
	for (cJSON *c = state->child; c; c = c->next) {
		char p[256];

		if (strcmp(c->string, "config") == 0)
			continue;
		snprintf(p, sizeof p, "state.%s", c->string);
		walk_ranges(rw, c, p, c->string);
	}
	ck_assert_int_gt(rw->zeros, 200);
	ck_assert_int_ge(rw->indices, 42);
	ck_assert_int_ge(rw->positives, 12);
	ck_assert_int_eq(rw->negatives, 42);
	cJSON_Delete(rw->root);
	free(rw);
	free(json);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("state");
	TCase *t = tcase_create("description");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, test_state_every_saved_field_moves_the_digest);
	tcase_add_test(t, test_state_directions_agree);
	tcase_add_test(t, test_state_snapshot_text_is_what_cjson_prints);
	tcase_add_test(t, test_state_snapshot_in_another_form_loads_the_same);
	tcase_add_test(t, test_state_corridor_stats_saved_only_when_not_all_zero);
	tcase_add_test(t, test_state_digest_fast_paths_equal_the_leaf_walk);
	tcase_add_test(t, test_state_digest_of_the_wards_equals_the_leaf_walk_at_every_cut);
	tcase_add_test(t, test_state_compare_names_the_field_and_group);
	tcase_add_test(t, test_state_telemetry_rows_refuse_numbers_past_int);
	tcase_add_test(t, test_state_telemetry_rows_refuse_an_owner_one_past_the_last);
	tcase_add_test(t, test_state_telemetry_rows_refuse_what_the_world_lacks);
	tcase_add_test(t, test_state_telemetry_rows_refuse_a_day_outside_the_run);
	tcase_add_test(t, test_state_border_chart_starts_after_the_first_day);
	tcase_add_test(t, test_state_flows_edited_onto_day_0_are_saved_again);
	tcase_add_test(t, test_state_hot_borders_refuse_another_corridors_id);
	tcase_add_test(t, test_state_events_refuse_an_index_past_the_list);
	tcase_add_test(t, test_state_events_refuse_a_text_without_its_wards);
	tcase_add_test(t, test_state_every_number_loads_across_its_range);
	tcase_add_test(t, test_state_damaged_seed_names_the_path);
	tcase_add_test(t, test_state_crackdown_periods_refuse_a_future_end_or_a_bad_flag);
	tcase_add_test(t, test_state_crackdown_ending_on_the_saved_day_expires_next_step);
	tcase_add_test(t, test_state_charts_survive_save_and_load);
	tcase_add_test(t, test_state_loaded_world_answers_as_the_saved_one);
	tcase_add_test(t, test_state_snapshot_names_the_opening_balances);
	tcase_add_test(t, test_state_plan_counters_survive_save_and_load);
	tcase_add_test(t, test_state_shipment_from_the_last_ward_loads);
	tcase_add_test(t, test_state_seed_saved_at_its_start_day_loads);
	tcase_add_test(t, test_state_bribe_map_longer_than_a_route_is_refused);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_state_freed_worlds_return_their_memory);
#endif
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
