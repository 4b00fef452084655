/* Scenario loader: one test per kind of bad input, each asserting the
 * status and the exact path in the message; the default and tiny worlds
 * load with their documented shape and defaults. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

static const char *const base =
	"{\"format\":\"smugnet-scenario\",\"version\":1,\"id\":\"t\",\"seed\":3,\n"
	"\"wards\":[{\"id\":\"ward:a\",\"ring\":1,\"pos\":[0,0],\"customs\":{\"bribe_tolerance\":0.2}},\n"
	"{\"id\":\"ward:b\",\"ring\":1,\"pos\":[1,0],\"signals\":{\"shortage\":{\"water\":0.5}}}],\n"
	"\"nodes\":[{\"id\":\"n:a\",\"ward\":\"ward:a\"},{\"id\":\"n:b\",\"ward\":\"ward:b\"},{\"id\":\"n:c\",\"ward\":\"ward:b\"}],\n"
	"\"corridors\":[{\"a\":\"n:a\",\"b\":\"n:b\"},{\"a\":\"n:c\",\"b\":\"n:b\",\"travel_days\":2}],\n"
	"\"factions\":[{\"id\":\"crew\",\"kind\":\"criminal\",\"home\":\"ward:a\",\"balance\":12.34,"
	"\"smuggling_profile\":{\"NARCOTICS\":1}}]}";

/* Load base with the first occurrence of `find` replaced by `repl`. */
static enum smug_status load_mutated(const char *find, const char *repl, struct smug_error *err,
				     struct smug_world **w)
{
	char buf[4096];
	const char *at = strstr(base, find);
	enum smug_status st;

	ck_assert_msg(at != NULL, "mutation anchor '%s' not in the base scenario", find);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - base), base, repl, at + strlen(find));
	st = smug_world_load_json(buf, strlen(buf), "s.json", w, err);
	return st;
}

struct bad_case {
	const char *what, *find, *repl;
	enum smug_status st;
	const char *msg;
};

static const struct bad_case cases[] = {
	{"malformed", "\"id\":\"t\",", "\"id\":\"t\",,", SMUG_ERR_PARSE, "s.json: line 1 byte"},
	{"trailing garbage", "\"smuggling_profile\":{\"NARCOTICS\":1}}]}", "\"smuggling_profile\":{\"NARCOTICS\":1}}]} x",
	 SMUG_ERR_PARSE, "trailing data"},
	{"wrong format", "smugnet-scenario", "other", SMUG_ERR_SCHEMA, "s.json: format: expected"},
	{"other version", "\"version\":1", "\"version\":2", SMUG_ERR_VERSION, "s.json: version: unsupported version 2"},
	{"missing key", "\"id\":\"t\",", "", SMUG_ERR_SCHEMA, "s.json: id: missing required key"},
	{"unknown top key", "\"seed\":3,", "\"seed\":3,\"sede\":1,", SMUG_ERR_SCHEMA, "s.json: sede: unknown key"},
	{"unknown nested key", "{\"bribe_tolerance\":0.2}", "{\"bribe_tolerance\":0.2,\"bogus\":1}", SMUG_ERR_SCHEMA,
	 "s.json: wards[0].customs.bogus: unknown key"},
	{"wrong type", "\"ring\":1,\"pos\":[0,0]", "\"ring\":\"one\",\"pos\":[0,0]", SMUG_ERR_SCHEMA,
	 "s.json: wards[0].ring: expected number"},
	{"out of range", "{\"bribe_tolerance\":0.2}", "{\"inspection_bias\":1.7}", SMUG_ERR_SCHEMA,
	 "s.json: wards[0].customs.inspection_bias: expected number in [-1,1], got 1.7"},
	{"huge number", "\"balance\":12.34", "\"balance\":1e400", SMUG_ERR_SCHEMA, "s.json: factions[0].balance: expected number"},
	{"negative", "\"travel_days\":2", "\"travel_days\":-2", SMUG_ERR_SCHEMA, "s.json: corridors[1].travel_days: expected number in [1,365]"},
	{"duplicate ward", "{\"id\":\"ward:b\"", "{\"id\":\"ward:a\"", SMUG_ERR_SCHEMA, "s.json: wards[1].id: duplicate id 'ward:a'"},
	{"duplicate node", "{\"id\":\"n:c\"", "{\"id\":\"n:b\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: duplicate id 'n:b'"},
	{"duplicate corridor", "{\"a\":\"n:c\",\"b\":\"n:b\"", "{\"a\":\"n:b\",\"b\":\"n:a\"", SMUG_ERR_SCHEMA,
	 "s.json: corridors[1].id: duplicate id 'n:a|n:b'"},
	{"duplicate key", "\"seed\":3,", "\"seed\":3,\"seed\":4,", SMUG_ERR_SCHEMA, "s.json: seed: duplicate key"},
	{"dangling corridor", "{\"a\":\"n:a\",\"b\":\"n:b\"}", "{\"a\":\"n:a\",\"b\":\"n:z\"}", SMUG_ERR_SCHEMA,
	 "s.json: corridors[0].b: unknown node 'n:z'"},
	{"dangling node", "{\"id\":\"n:c\",\"ward\":\"ward:b\"}", "{\"id\":\"n:c\",\"ward\":\"ward:q\"}", SMUG_ERR_SCHEMA,
	 "s.json: nodes[2].ward: unknown ward 'ward:q'"},
	{"dangling home", "\"home\":\"ward:a\"", "\"home\":\"ward:x\"", SMUG_ERR_SCHEMA, "s.json: factions[0].home: unknown ward 'ward:x'"},
	{"self loop", "{\"a\":\"n:a\",\"b\":\"n:b\"}", "{\"a\":\"n:a\",\"b\":\"n:a\"}", SMUG_ERR_SCHEMA,
	 "s.json: corridors[0]: corridor joins node 'n:a' to itself"},
	{"disconnected", "{\"a\":\"n:a\",\"b\":\"n:b\"},", "", SMUG_ERR_SCHEMA, "s.json: corridors: graph is disconnected"},
	{"ward without nodes", "{\"id\":\"ward:b\"", "{\"id\":\"ward:c\",\"ring\":2},{\"id\":\"ward:b\"", SMUG_ERR_SCHEMA,
	 "s.json: wards: ward 'ward:c' has no nodes"},
	{"unknown commodity in profile", "\"NARCOTICS\":1", "\"OPIUM\":1", SMUG_ERR_SCHEMA,
	 "s.json: factions[0].smuggling_profile.OPIUM: unknown commodity"},
	{"unknown commodity", "\"seed\":3,", "\"seed\":3,\"commodities\":{\"OPIUM\":{}},", SMUG_ERR_SCHEMA,
	 "s.json: commodities.OPIUM: unknown commodity"},
	{"unknown good", "{\"water\":0.5}", "{\"gold\":0.5}", SMUG_ERR_SCHEMA, "s.json: wards[1].signals.shortage.gold: unknown good"},
	{"bad id characters", "{\"id\":\"n:c\"", "{\"id\":\"n|c\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"bad config", "\"seed\":3,", "\"seed\":3,\"config\":{\"smuggling\":{\"route_topk\":0}},", SMUG_ERR_SCHEMA,
	 "s.json: config.smuggling.route_topk: expected number in [1,64], got 0"},
};

START_TEST(test_scenario_rejects_bad_input)
{
	const struct bad_case *c = &cases[_i];
	struct smug_world *sentinel = (struct smug_world *)&sentinel, *w = sentinel;
	struct smug_error err = {0};
	enum smug_status st = load_mutated(c->find, c->repl, &err, &w);

	ck_assert_msg(st == c->st, "%s: status %d, expected %d (%s)", c->what, st, c->st, err.msg);
	ck_assert_msg(strstr(err.msg, c->msg) != NULL, "%s: message '%s' lacks '%s'", c->what, err.msg, c->msg);
	ck_assert_msg(w == sentinel, "%s: output pointer changed on failure", c->what);
}
END_TEST

START_TEST(test_scenario_base_loads_with_defaults)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	int acct;

	ck_assert_msg(load_mutated("\"seed\":3", "\"seed\":3", &err, &w) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(w->n_wards, 2);
	ck_assert_int_eq(w->n_corridors, 2);
	ck_assert_str_eq(w->corridors[0].id, "n:a|n:b");
	ck_assert_str_eq(w->corridors[1].id, "n:b|n:c"); /* endpoints sorted */
	ck_assert(w->corridors[0].border);
	ck_assert(!w->corridors[1].border);
	ck_assert_int_eq(w->cfg.smuggling.route_topk, 24);
	ck_assert_double_eq(w->cfg.smuggling.learning_rate, 0.15);
	ck_assert(!w->cfg.smuggling.enabled);
	ck_assert_double_eq(w->wards[1].customs.bribe_tolerance, 0.1);
	ck_assert_double_eq(w->wards[0].customs.bribe_tolerance, 0.2);
	ck_assert_double_eq(w->corridors[0].hazard, 0.05);
	acct = smug_world_find_account(w, "acct:fac:crew");
	ck_assert_int_ge(acct, 0);
	ck_assert_int_eq(w->ledger.accounts[acct].balance, 1234);
	ck_assert_uint_eq(w->seed, 3);
	smug_world_free(w);
}
END_TEST

START_TEST(test_scenario_default_world_shape)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	int ring[4] = {0}, nets = 0, state = 0;

	ck_assert_msg(smug_world_load_default(&w, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(w->n_wards, 36);
	for (int i = 0; i < w->n_wards; i++) {
		int nodes = 0;

		ck_assert_int_ge(w->wards[i].ring, 1);
		ck_assert_int_le(w->wards[i].ring, 3);
		ring[w->wards[i].ring]++;
		for (int n = 0; n < w->n_nodes; n++)
			nodes += w->nodes[n].ward == i;
		ck_assert_int_ge(nodes, 2);
		ck_assert_int_le(nodes, 3);
		ck_assert_int_ge(w->wards[i].gate_node, 0);
	}
	ck_assert_int_eq(ring[1], 6);
	ck_assert_int_eq(ring[2], 12);
	ck_assert_int_eq(ring[3], 18);
	for (int f = 0; f < w->n_factions; f++) {
		nets += w->factions[f].runs_network;
		state += w->factions[f].kind == SMUG_FACTION_STATE;
	}
	ck_assert_int_ge(nets, 4);
	ck_assert_int_ge(state, 1);
	for (int c = 0; c < w->n_corridors; c++)
		ck_assert_int_lt(strcmp(w->nodes[w->corridors[c].a].id, w->nodes[w->corridors[c].b].id), 0);
	ck_assert(w->cfg.smuggling.enabled);
	smug_world_free(w);
}
END_TEST

START_TEST(test_scenario_tiny_loads)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");

	ck_assert_int_eq(w->n_corridors, 4);
	ck_assert_int_eq(w->n_wards, 4);
	smug_world_free(w);
}
END_TEST

/* The documented ranges of smugnet-scenario(5): both ends are accepted
 * (and kept), a value just beyond either end is refused, naming the path. */
struct range_case {
	const char *path;  /* as in the error message */
	const char *find;  /* anchor in the base scenario */
	const char *fmt;   /* replacement; '@' stands for the value */
	const char *lo, *hi, *below, *above;
};

static const struct range_case ranges[] = {
	{"seed", "\"seed\":3", "\"seed\":@", "0", "9007199254740991", "-1", "9007199254740992"},
	{"start_day", "\"seed\":3", "\"seed\":3,\"start_day\":@", "0", "1000000", "-1", NULL},
	{"wards[0].ring", "\"ring\":1,\"pos\":[0,0]", "\"ring\":@,\"pos\":[0,0]", "1", NULL, "0", NULL},
	{"wards[0].signals.smuggling_tolerance", "\"pos\":[0,0],", "\"pos\":[0,0],\"signals\":{\"smuggling_tolerance\":@},", "0", "1",
	 "-0.01", "1.01"},
	{"wards[0].signals.corruption", "\"pos\":[0,0],", "\"pos\":[0,0],\"signals\":{\"corruption\":@},", "0", "1", "-0.01", "1.01"},
	{"wards[0].signals.legitimacy", "\"pos\":[0,0],", "\"pos\":[0,0],\"signals\":{\"legitimacy\":@},", "0", "1", "-0.01", "1.01"},
	{"wards[0].signals.audit", "\"pos\":[0,0],", "\"pos\":[0,0],\"signals\":{\"audit\":@},", "0", "1", "-0.01", "1.01"},
	{"wards[0].signals.raider_influence", "\"pos\":[0,0],", "\"pos\":[0,0],\"signals\":{\"raider_influence\":@},", "0", "1",
	 "-0.01", "1.01"},
	{"wards[0].signals.precursor_output", "\"pos\":[0,0],", "\"pos\":[0,0],\"signals\":{\"precursor_output\":@},", "0", "1",
	 "-0.01", "1.01"},
	{"wards[0].signals.war_pressure", "\"pos\":[0,0],", "\"pos\":[0,0],\"signals\":{\"war_pressure\":@},", "0", "1", "-0.01",
	 "1.01"},
	{"wards[1].signals.shortage.water", "{\"water\":0.5}", "{\"water\":@}", "0", "1", "-0.01", "1.01"},
	{"wards[0].customs.inspection_bias", "{\"bribe_tolerance\":0.2}", "{\"inspection_bias\":@}", "-1", "1", "-1.01", "1.01"},
	{"wards[0].customs.tariff_bias", "{\"bribe_tolerance\":0.2}", "{\"tariff_bias\":@}", "-1", "1", "-1.01", "1.01"},
	{"wards[0].customs.contraband_bias", "{\"bribe_tolerance\":0.2}", "{\"contraband_bias\":@}", "-1", "1", "-1.01", "1.01"},
	{"wards[0].customs.bribe_tolerance", "{\"bribe_tolerance\":0.2}", "{\"bribe_tolerance\":@}", "0", "1", "-0.01", "1.01"},
	{"wards[0].customs.enforcement_points", "{\"bribe_tolerance\":0.2}", "{\"enforcement_points\":@}", "0", "1000", "-1", NULL},
	{"corridors[1].travel_days", "\"travel_days\":2", "\"travel_days\":@", "1", "365", "0", "366"},
	{"corridors[0].hazard", "{\"a\":\"n:a\",\"b\":\"n:b\"}", "{\"a\":\"n:a\",\"b\":\"n:b\",\"hazard\":@}", "0", "1", "-0.01",
	 "1.01"},
	{"factions[0].balance", "\"balance\":12.34", "\"balance\":@", "0", "1000000", "-0.01", NULL},
	{"factions[0].smuggling_profile.NARCOTICS", "\"NARCOTICS\":1", "\"NARCOTICS\":@", "0", "5", "-0.01", NULL},
	{"factions[0].bribe_budget_fraction", "\"balance\":12.34", "\"balance\":12.34,\"bribe_budget_fraction\":@", "0", "1",
	 "-0.01", "1.01"},
};

/* c->fmt with its '@' replaced by value. */
static void fill(const struct range_case *c, const char *value, char *out, size_t size)
{
	const char *at = strchr(c->fmt, '@');

	snprintf(out, size, "%.*s%s%s", (int)(at - c->fmt), c->fmt, value, at + 1);
}

static void expect_loads(const struct range_case *c, const char *value)
{
	char repl[256];
	struct smug_world *w = NULL;
	struct smug_error err = {0};

	fill(c, value, repl, sizeof repl);
	ck_assert_msg(load_mutated(c->find, repl, &err, &w) == SMUG_OK, "%s = %s refused: %s", c->path, value, err.msg);
	smug_world_free(w);
}

static void expect_refused(const struct range_case *c, const char *value)
{
	char repl[256], want[160];
	struct smug_world *w = NULL;
	struct smug_error err = {0};

	fill(c, value, repl, sizeof repl);
	snprintf(want, sizeof want, "s.json: %s: expected", c->path);
	ck_assert_msg(load_mutated(c->find, repl, &err, &w) == SMUG_ERR_SCHEMA, "%s = %s accepted", c->path, value);
	ck_assert_msg(strstr(err.msg, want) != NULL, "%s = %s: message '%s' lacks '%s'", c->path, value, err.msg, want);
	ck_assert_ptr_null(w);
}

START_TEST(test_scenario_documented_ranges)
{
	const struct range_case *c = &ranges[_i];

	expect_loads(c, c->lo);
	if (c->hi)
		expect_loads(c, c->hi);
	if (c->below)
		expect_refused(c, c->below);
	if (c->above)
		expect_refused(c, c->above);
}
END_TEST

/* Values at the ends of their ranges are kept as given. */
START_TEST(test_scenario_range_ends_are_kept)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_msg(load_mutated("\"seed\":3", "\"seed\":0", &err, &w) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(w->seed, 0);
	smug_world_free(w);
	w = NULL;
	ck_assert_msg(load_mutated("\"seed\":3", "\"seed\":9007199254740991", &err, &w) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(w->seed, 9007199254740991ULL);
	smug_world_free(w);
	w = NULL;
	ck_assert_msg(load_mutated("{\"bribe_tolerance\":0.2}", "{\"inspection_bias\":-1,\"bribe_tolerance\":1,\"enforcement_points\":0}",
				   &err, &w) == SMUG_OK, "%s", err.msg);
	ck_assert_double_eq(w->wards[0].customs.inspection_bias, -1);
	ck_assert_double_eq(w->wards[0].customs.bribe_tolerance, 1);
	ck_assert_double_eq(w->wards[0].customs.enforcement_points, 0);
	smug_world_free(w);
	w = NULL;
	ck_assert_msg(load_mutated("\"travel_days\":2", "\"travel_days\":365,\"hazard\":1", &err, &w) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(w->corridors[1].travel_days, 365);
	ck_assert_double_eq(w->corridors[1].hazard, 1);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scenario");
	TCase *t = tcase_create("bad input");

	tcase_add_loop_test(t, test_scenario_rejects_bad_input, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_loop_test(t, test_scenario_documented_ranges, 0, (int)(sizeof ranges / sizeof ranges[0]));
	tcase_add_test(t, test_scenario_range_ends_are_kept);
	suite_add_tcase(s, t);
	t = tcase_create("worlds");
	tcase_add_test(t, test_scenario_base_loads_with_defaults);
	tcase_add_test(t, test_scenario_default_world_shape);
	tcase_add_test(t, test_scenario_tiny_loads);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
