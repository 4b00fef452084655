/* Scenario loader: one test per kind of bad input, each asserting the
 * status and the exact path in the message; the default and tiny worlds
 * load with their documented shape and defaults. */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/json.h"
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
	{"unknown top key", "\"seed\":3,", "\"seed\":3,\"sede\":1,", SMUG_ERR_SCHEMA,
	 "s.json: sede: unknown key (did you mean 'seed'?)"},
	{"unknown nested key", "{\"bribe_tolerance\":0.2}", "{\"bribe_tolerance\":0.2,\"bogus\":1}", SMUG_ERR_SCHEMA,
	 "s.json: wards[0].customs.bogus: unknown key"},
	{"unknown nested key near a known one", "{\"bribe_tolerance\":0.2}", "{\"bribe_tolerence\":0.2}",
	 SMUG_ERR_SCHEMA, "s.json: wards[0].customs.bribe_tolerence: unknown key (did you mean 'bribe_tolerance'?)"},
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
	{"duplicate key", "\"seed\":3,", "\"seed\":3,\"seed\":4,", SMUG_ERR_PARSE, "s.json: seed: duplicate key 'seed'"},
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
	{"id a boolean", "\"id\":\"t\",", "\"id\":true,", SMUG_ERR_SCHEMA, "s.json: id: expected string, got boolean"},
	{"id null", "\"id\":\"t\",", "\"id\":null,", SMUG_ERR_SCHEMA, "s.json: id: expected string, got null"},
	{"customs an array", "\"customs\":{\"bribe_tolerance\":0.2}", "\"customs\":[0.2]", SMUG_ERR_SCHEMA,
	 "s.json: wards[0].customs: expected object, got array"},
	{"fractional travel days", "\"travel_days\":2", "\"travel_days\":1.5", SMUG_ERR_SCHEMA,
	 "s.json: corridors[1].travel_days: expected integer, got 1.5"},
	{"a switch given a number", "\"seed\":3,", "\"seed\":3,\"config\":{\"smuggling\":{\"enabled\":1}},",
	 SMUG_ERR_SCHEMA, "s.json: config.smuggling.enabled: expected boolean, got number"},
	{"commodities an array", "\"seed\":3,", "\"seed\":3,\"commodities\":[],", SMUG_ERR_SCHEMA,
	 "s.json: commodities: expected object, got array"},
	{"one coordinate", "\"pos\":[0,0]", "\"pos\":[0]", SMUG_ERR_SCHEMA, "s.json: wards[0].pos: expected [x, y] numbers"},
	{"no version", "\"version\":1,", "", SMUG_ERR_SCHEMA, "s.json: version: missing required key"},
	{"version a string", "\"version\":1", "\"version\":\"1\"", SMUG_ERR_SCHEMA,
	 "s.json: version: expected number, got string"},
	{"corridor from an unknown node", "{\"a\":\"n:a\",\"b\":\"n:b\"}", "{\"a\":\"n:q\",\"b\":\"n:b\"}",
	 SMUG_ERR_SCHEMA, "s.json: corridors[0].a: unknown node 'n:q'"},
	{"unknown faction kind", "\"kind\":\"criminal\"", "\"kind\":\"pirate\"", SMUG_ERR_SCHEMA,
	 "s.json: factions[0].kind: expected one of criminal, raider, state, guild, got \"pirate\""},
	{"profile an array", "\"smuggling_profile\":{\"NARCOTICS\":1}", "\"smuggling_profile\":[1]", SMUG_ERR_SCHEMA,
	 "s.json: factions[0].smuggling_profile: expected object, got array"},
	{"unknown good", "{\"water\":0.5}", "{\"gold\":0.5}", SMUG_ERR_SCHEMA, "s.json: wards[1].signals.shortage.gold: unknown good"},
	{"good named twice", "{\"water\":0.5}", "{\"water\":0.5,\"water\":0.7}", SMUG_ERR_PARSE,
	 "s.json: wards[1].signals.shortage.water: duplicate key 'water'"},
	{"commodity named twice in a profile", "\"smuggling_profile\":{\"NARCOTICS\":1}",
	 "\"smuggling_profile\":{\"NARCOTICS\":1,\"NARCOTICS\":2}", SMUG_ERR_PARSE,
	 "s.json: factions[0].smuggling_profile.NARCOTICS: duplicate key 'NARCOTICS'"},
	{"bad id characters", "{\"id\":\"n:c\"", "{\"id\":\"n|c\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	/* smugnet-scenario(5): printable ASCII, no space, |, >, " or \ */
	{"space in an id", "{\"id\":\"n:c\"", "{\"id\":\"n c\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"tab in an id", "{\"id\":\"n:c\"", "{\"id\":\"n\\tc\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"DEL in an id", "{\"id\":\"n:c\"", "{\"id\":\"n\\u007fc\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"non-ASCII id", "{\"id\":\"n:c\"", "{\"id\":\"n\xc3\xa9\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"> in an id", "{\"id\":\"n:c\"", "{\"id\":\"n>c\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"quote in an id", "{\"id\":\"n:c\"", "{\"id\":\"n\\\"c\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"backslash in an id", "{\"id\":\"n:c\"", "{\"id\":\"n\\\\c\"", SMUG_ERR_SCHEMA, "s.json: nodes[2].id: invalid id"},
	{"id of 40 characters", "{\"id\":\"n:c\"", "{\"id\":\"n:12345678901234567890123456789012345678\"", SMUG_ERR_SCHEMA,
	 "s.json: nodes[2].id: invalid id"},
	{"unknown related good", "\"seed\":3,", "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"related_good\":\"gold\"}},",
	 SMUG_ERR_SCHEMA, "s.json: commodities.NARCOTICS.related_good: unknown good 'gold'"},
	{"related good a number", "\"seed\":3,", "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"related_good\":2}},",
	 SMUG_ERR_SCHEMA, "s.json: commodities.NARCOTICS.related_good: expected string, got number"},
	{"name of 48 bytes", "{\"id\":\"ward:a\",", "{\"id\":\"ward:a\",\"name\":\"Ward of the Long Name That Runs to 48 Bytes, Yes\",",
	 SMUG_ERR_SCHEMA, "s.json: wards[0].name: too long (at most 47 bytes)"},
	{"corridors not a list", "\"corridors\":[{\"a\":\"n:a\",\"b\":\"n:b\"},{\"a\":\"n:c\",\"b\":\"n:b\",\"travel_days\":2}],",
	 "\"corridors\":{},", SMUG_ERR_SCHEMA, "s.json: corridors: expected array, got object"},
	{"no corridors", "\"corridors\":[{\"a\":\"n:a\",\"b\":\"n:b\"},{\"a\":\"n:c\",\"b\":\"n:b\",\"travel_days\":2}],", "",
	 SMUG_ERR_SCHEMA, "s.json: corridors: missing required key"},
	{"bad config", "\"seed\":3,", "\"seed\":3,\"config\":{\"smuggling\":{\"route_topk\":0}},", SMUG_ERR_SCHEMA,
	 "s.json: config.smuggling.route_topk: expected number in [1,64], got 0"},
	{"a coordinate past the finite", "\"pos\":[0,0]", "\"pos\":[1e400,0]", SMUG_ERR_SCHEMA,
	 "s.json: wards[0].pos: expected finite coordinates"},
	{"shortage a number", "\"shortage\":{\"water\":0.5}", "\"shortage\":0.5", SMUG_ERR_SCHEMA,
	 "s.json: wards[1].signals.shortage: expected object, got number"},
	{"no wards",
	 "\"wards\":[{\"id\":\"ward:a\",\"ring\":1,\"pos\":[0,0],\"customs\":{\"bribe_tolerance\":0.2}},\n"
	 "{\"id\":\"ward:b\",\"ring\":1,\"pos\":[1,0],\"signals\":{\"shortage\":{\"water\":0.5}}}],",
	 "\"wards\":[],", SMUG_ERR_SCHEMA, "s.json: wards: expected 1 to 1000000 wards, got 0"},
	{"duplicate faction", "\"factions\":[{\"id\":\"crew\"",
	 "\"factions\":[{\"id\":\"crew\",\"kind\":\"state\",\"home\":\"ward:b\",\"balance\":0},{\"id\":\"crew\"", SMUG_ERR_SCHEMA,
	 "s.json: factions[1].id: duplicate id 'crew'"},
	{"no nodes",
	 "\"nodes\":[{\"id\":\"n:a\",\"ward\":\"ward:a\"},{\"id\":\"n:b\",\"ward\":\"ward:b\"},{\"id\":\"n:c\",\"ward\":\"ward:b\"}],",
	 "\"nodes\":[],", SMUG_ERR_SCHEMA, "s.json: nodes: expected 1 to 4000000 nodes, got 0"},
};

/* A scenario of SMUG_FACTIONS_MAX factions loads with all of them; one
 * more is refused, naming the list and the count. */
START_TEST(test_scenario_faction_cap)
{
	const char *list = strstr(base, "\"factions\":[");
	char *buf = malloc(8192);

	ck_assert_ptr_nonnull(list);
	ck_assert_ptr_nonnull(buf);
	for (int n = SMUG_FACTIONS_MAX; n <= SMUG_FACTIONS_MAX + 1; n++) {
		struct smug_world *w = NULL;
		struct smug_error err = {0};
		enum smug_status st;
		int len = snprintf(buf, 8192, "%.*s\"factions\":[", (int)(list - base), base);

		for (int i = 0; i < n; i++)
			len += snprintf(buf + len, (size_t)(8192 - len),
					"%s{\"id\":\"f%02d\",\"kind\":\"state\",\"home\":\"ward:a\",\"balance\":0}",
					i ? "," : "", i);
		len += snprintf(buf + len, (size_t)(8192 - len), "]}");
		ck_assert_int_lt(len, 8192);
		st = smug_world_load_json(buf, (size_t)len, "s.json", &w, &err);
		if (n == SMUG_FACTIONS_MAX) {
			ck_assert_msg(st == SMUG_OK, "%d factions: %s", n, err.msg);
			ck_assert_int_eq(w->n_factions, n);
			smug_world_free(w);
		} else {
			ck_assert_msg(st == SMUG_ERR_SCHEMA, "%d factions: status %d", n, st);
			ck_assert_str_eq(err.msg, "s.json: factions: at most 64 factions, got 65");
		}
	}
	free(buf);
}
END_TEST

/* All the money a world will have is made when it is loaded, and a seed
 * holds each sum of it exactly (at most 2^53 - 1 minor units): a world
 * with exactly that much loads, one minor unit more is refused, naming
 * the list that tipped it, before a run could wrap the ledger or save a
 * seed no load accepts (smugnet-scenario(5) MONEY). The base's two
 * wards: ledger 1e13 each and buyers 1e13 a ward make 4e13 credits; five
 * factions of 1e13 and one of `last` the rest. */
START_TEST(test_scenario_money_fits_a_seed)
{
	static const struct {
		const char *last, *msg;
	} money[] = {
		{"71992547409.91", NULL},
		{"71992547409.92", "s.json: factions: the world starts with 90071992547409.92 credits (ledger "
				   "40000000000000.00: blackmarket, treasury and 2 wards' buyers; factions "
				   "50071992547409.92), more than the 90071992547409.91 a seed holds"},
	};
	const char *list = strstr(base, "\"factions\":[");
	char buf[4096];

	ck_assert_ptr_nonnull(list);
	for (size_t k = 0; k < sizeof money / sizeof money[0]; k++) {
		struct smug_world *w = NULL;
		struct smug_error err = {0};
		enum smug_status st;
		int len = snprintf(buf, sizeof buf, "%.*s\"ledger\":{\"blackmarket\":1e13,\"treasury\":1e13,"
					 "\"buyers\":1e13},\"factions\":[", (int)(list - base), base);

		for (int i = 0; i < 6; i++)
			len += snprintf(buf + len, sizeof buf - (size_t)len,
					"%s{\"id\":\"f%d\",\"kind\":\"criminal\",\"home\":\"ward:a\",\"balance\":%s}",
					i ? "," : "", i, i < 5 ? "1e13" : money[k].last);
		len += snprintf(buf + len, sizeof buf - (size_t)len, "]}");
		ck_assert_int_lt(len, (int)sizeof buf);
		st = smug_world_load_json(buf, (size_t)len, "s.json", &w, &err);
		if (money[k].msg == NULL) {
			ck_assert_msg(st == SMUG_OK, "%s: %s", money[k].last, err.msg);
			ck_assert_int_eq(smug_ledger_total(&w->ledger), 9007199254740991LL);
			smug_world_free(w);
		} else {
			ck_assert_int_eq(st, SMUG_ERR_SCHEMA);
			ck_assert_str_eq(err.msg, money[k].msg);
			ck_assert_ptr_null(w);
		}
	}
}
END_TEST

/* The library's status messages (smugnet/status.h): each status its own
 * words, a value outside the list "unknown status", never NULL. */
START_TEST(test_scenario_status_messages)
{
	ck_assert_str_eq(smug_status_str(SMUG_OK), "ok");
	ck_assert_str_eq(smug_status_str(SMUG_ERR_SCHEMA), "invalid content");
	ck_assert_str_eq(smug_status_str(SMUG_ERR_WRITE), "write failed");
	for (int i = 0; i < SMUG_STATUS_COUNT; i++) {
		ck_assert_ptr_nonnull(smug_status_str((enum smug_status)i));
		ck_assert_msg(strcmp(smug_status_str((enum smug_status)i), "unknown status") != 0,
			      "status %d reads 'unknown status'", i);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(smug_status_str((enum smug_status)i), smug_status_str((enum smug_status)j));
	}
	ck_assert_str_eq(smug_status_str(SMUG_STATUS_COUNT), "unknown status");
	ck_assert_str_eq(smug_status_str((enum smug_status)-1), "unknown status");
}
END_TEST

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
	/* smugnet-scenario(5): a ward's display name defaults to its id */
	ck_assert_str_eq(w->wards[0].name, "ward:a");
	ck_assert_str_eq(w->wards[1].name, "ward:b");
	ck_assert_double_eq(w->corridors[0].hazard, 0.05);
	acct = smug_world_find_account(w, "acct:fac:crew");
	ck_assert_int_ge(acct, 0);
	ck_assert_int_eq(w->ledger.accounts[acct].balance, 1234);
	ck_assert_uint_eq(w->seed, 3);
	smug_world_free(w);
}
END_TEST

/* A commodity's related_good names the good whose shortage draws its
 * demand (smugnet-scenario(5)): NARCOTICS (medicine by default) tied to
 * water, the first good, or to parts, the last, loads so. */
START_TEST(test_scenario_related_good_loads)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_msg(load_mutated("\"seed\":3,", "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"related_good\":\"water\"}},",
				   &err, &w) == SMUG_OK,
		      "%s", err.msg);
	ck_assert_str_eq(smug_good_name(w->commodities[SMUG_COMMODITY_NARCOTICS].related_good), "water");
	smug_world_free(w);
	ck_assert_msg(load_mutated("\"seed\":3,", "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"related_good\":\"parts\"}},",
				   &err, &w) == SMUG_OK,
		      "%s", err.msg);
	ck_assert_str_eq(smug_good_name(w->commodities[SMUG_COMMODITY_NARCOTICS].related_good), "parts");
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

/* smugnet-scenario(5): "the node with the smallest id is its gate". A
 * route leaves its source ward at the gate and enters its destination
 * ward at the gate, even when the ward's other node is nearer: here the
 * source ward's n:a (written second, the smallest id, the world's first
 * node) lies one corridor behind n:m, which touches the border. */
START_TEST(test_scenario_route_leaves_from_the_gate)
{
	static const char json[] =
		"{\"format\": \"smugnet-scenario\", \"version\": 1, \"id\": \"gates\", \"seed\": 5,"
		" \"ledger\": {\"treasury\": 100000, \"blackmarket\": 100000000},"
		" \"wards\": [{\"id\": \"ward:src\", \"ring\": 2, \"pos\": [-5, 0],"
		"   \"signals\": {\"raider_influence\": 0.9, \"precursor_output\": 0.9, \"smuggling_tolerance\": 0.9}},"
		"  {\"id\": \"ward:dst\", \"ring\": 2, \"pos\": [5, 0],"
		"   \"signals\": {\"smuggling_tolerance\": 0.9, \"corruption\": 0.9,"
		"   \"shortage\": {\"medicine\": 0.9, \"parts\": 0.9, \"suits\": 0.9}}}],"
		" \"nodes\": [{\"id\": \"n:m\", \"ward\": \"ward:src\"}, {\"id\": \"n:a\", \"ward\": \"ward:src\"},"
		"  {\"id\": \"n:y\", \"ward\": \"ward:dst\"}, {\"id\": \"n:z\", \"ward\": \"ward:dst\"}],"
		" \"corridors\": [{\"a\": \"n:a\", \"b\": \"n:m\"}, {\"a\": \"n:m\", \"b\": \"n:z\"},"
		"  {\"a\": \"n:z\", \"b\": \"n:y\"}],"
		" \"factions\": [{\"id\": \"crew\", \"kind\": \"criminal\", \"home\": \"ward:src\","
		"   \"balance\": 1000000000, \"smuggling_profile\": {\"NARCOTICS\": 1.0}}],"
		" \"config\": {\"smuggling\": {\"enabled\": true}}}";
	struct smug_world *w = NULL;
	struct smug_error err;
	int sent = 0;

	ck_assert_msg(smug_world_load_json(json, strlen(json), "gates.json", &w, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, 1);
	for (int i = 0; i < w->n_decisions; i++) {
		const struct smug_decision *d = &w->decisions[i];
		char route[256];

		if (d->shipment == 0)
			continue;
		sent++;
		smug_route_format(w, d->route, d->route_len, route, sizeof route);
		ck_assert_msg(strcmp(route, "n:a>n:m>n:z>n:y") == 0,
			      "the route from ward:src to ward:dst is %s, not from gate n:a to gate n:y", route);
	}
	ck_assert_int_gt(sent, 0);
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
	{"commodities.NARCOTICS.value_density", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"value_density\":@}},", "0.01", "1000000", "0", "1000001"},
	{"commodities.NARCOTICS.units_per_shipment", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"units_per_shipment\":@}},", "1", "100000", "0", "100001"},
	{"commodities.NARCOTICS.seizure_penalty", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"seizure_penalty\":@}},", "0", "2", "-0.01", "2.01"},
	{"commodities.NARCOTICS.heat", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"heat\":@}},", "0", "5", "-0.01", "5.01"},
	{"commodities.NARCOTICS.sale_markup", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"sale_markup\":@}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.demand.tolerance", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"demand\":{\"tolerance\":@}}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.demand.shortage", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"demand\":{\"shortage\":@}}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.demand.corruption", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"demand\":{\"corruption\":@}}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.demand.raider", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"demand\":{\"raider\":@}}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.demand.war", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"demand\":{\"war\":@}}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.source.raider", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"source\":{\"raider\":@}}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.source.precursor", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"source\":{\"precursor\":@}}},", "0", "10", "-0.01", "10.01"},
	{"commodities.NARCOTICS.source.blackmarket", "\"seed\":3,",
	 "\"seed\":3,\"commodities\":{\"NARCOTICS\":{\"source\":{\"blackmarket\":@}}},", "0", "10", "-0.01", "10.01"},
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
	/* a faction's bribe_budget_fraction of 0 (smugnet-scenario(5): it
	 * never pays a bribe) is its network's, over the config's default;
	 * without the key the network has the default */
	w = NULL;
	ck_assert_msg(load_mutated("\"balance\":12.34", "\"balance\":12.34,\"bribe_budget_fraction\":0", &err, &w) == SMUG_OK,
		      "%s", err.msg);
	ck_assert_double_gt(w->cfg.smuggling.bribe_budget_fraction, 0);
	ck_assert_msg(w->factions[0].net.bribe_budget_fraction == 0,
		      "bribe_budget_fraction 0: the network's is %g, it would pay bribes",
		      w->factions[0].net.bribe_budget_fraction);
	smug_world_free(w);
	w = NULL;
	ck_assert_msg(load_mutated("\"seed\":3", "\"seed\":3", &err, &w) == SMUG_OK, "%s", err.msg);
	ck_assert_double_eq(w->factions[0].net.bribe_budget_fraction, w->cfg.smuggling.bribe_budget_fraction);
	smug_world_free(w);
}
END_TEST

static bool adjacent_wards(const struct smug_world *w, int x, int y)
{
	for (int c = 0; c < w->n_corridors; c++) {
		int a = w->nodes[w->corridors[c].a].ward, b = w->nodes[w->corridors[c].b].ward;

		if ((a == x && b == y) || (a == y && b == x))
			return true;
	}
	return false;
}

/* The mean over a ring's wards of their corruption (what 0), inspection
 * bias (1) or shortage of good what - 2. */
static double ring_mean(const struct smug_world *w, int ring, int what)
{
	double sum = 0;
	int n = 0;

	for (int i = 0; i < w->n_wards; i++)
		if (w->wards[i].ring == ring) {
			sum += what == 0   ? w->wards[i].sig.corruption
			       : what == 1 ? w->wards[i].customs.inspection_bias
					   : w->wards[i].sig.shortage[what - 2];
			n++;
		}
	return sum / n;
}

/* `gen` worlds: N wards in rings of 6, 12, 18, ... around the Well (the
 * last ring partial) at radius 10 per ring, 2 or 3 nodes a ward, each
 * full ring closed, every outer ward joined inward, strict inner rings
 * and corrupt outer ones, border hazards rising outward, F smuggling factions and the state's Watch;
 * deterministic in the seed. */
START_TEST(test_scenario_generated_worlds)
{
	static const int sizes[] = {6, 25, 100, 361};
	const int n = sizes[_i];

	for (int factions = 0; factions <= 5; factions += 5) {
		char *json = smug_scenario_generate(n, 42, factions), *again = smug_scenario_generate(n, 42, factions);
		char *other = smug_scenario_generate(n, 43, factions);
		struct smug_world *w = NULL;
		struct smug_error err;
		int ring_size[32] = {0}, rings = 0, nodes[2] = {0}, nets = 0, watch = 0;
		int two_inward = 0, twins = 0;

		ck_assert_ptr_nonnull(json);
		ck_assert_str_eq(json, again);
		ck_assert_str_ne(json, other);
		ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
		ck_assert_int_eq(w->n_wards, n);
		ck_assert_str_eq(w->scenario_name, "Generated Dosadi"); /* the header and the map's title name it */
		for (int i = 0; i < n; i++) {
			const struct smug_ward *wa = &w->wards[i];
			int k = 0;
			double r2 = wa->pos[0] * wa->pos[0] + wa->pos[1] * wa->pos[1];

			ck_assert_int_lt(wa->ring, 32);
			ring_size[wa->ring]++;
			if (wa->ring > rings)
				rings = wa->ring;
			ck_assert_double_eq_tol(r2, 100.0 * wa->ring * wa->ring, 0.05 * wa->ring);
			for (int j = 0; j < w->n_nodes; j++)
				k += w->nodes[j].ward == i;
			ck_assert(k == 2 || k == 3);
			nodes[k - 2]++;
			if (wa->ring > 1) {
				bool inward = false;

				for (int j = 0; j < n && !inward; j++)
					inward = w->wards[j].ring == wa->ring - 1 && adjacent_wards(w, i, j);
				ck_assert_msg(inward, "ward %s of ring %d has no way inward", wa->id, wa->ring);
			}
		}
		ck_assert_int_gt(nodes[0], 0);
		ck_assert_int_gt(nodes[1], 0);
		for (int r = 1; r <= rings; r++) {
			ck_assert_int_le(ring_size[r], 6 * r);
			if (r < rings)
				ck_assert_int_eq(ring_size[r], 6 * r);
		}
		/* a full ring is closed: each ward borders the next, the last the first */
		for (int r = 1; r <= rings; r++) {
			int first = -1;

			if (ring_size[r] != 6 * r)
				continue;
			for (int i = 0; i < n; i++)
				if (w->wards[i].ring == r) {
					if (first < 0)
						first = i;
					ck_assert(adjacent_wards(w, i, i + 1 < n && w->wards[i + 1].ring == r ? i + 1 : first));
				}
		}
		/* a ward's ways out are node-disjoint alternatives: its second way
		 * inward leaves from another node than its first, and two corridors
		 * joining the same two wards share no node */
		for (int j = 0; j < w->n_nodes; j++) {
			int ring = w->wards[w->nodes[j].ward].ring, inward = 0;

			for (int c = 0; c < w->n_corridors; c++) {
				const struct smug_corridor *k = &w->corridors[c];
				int far = k->a == j ? k->b : k->b == j ? k->a : -1;

				inward += far >= 0 && w->wards[w->nodes[far].ward].ring == ring - 1;
			}
			if (inward > 1)
				ck_abort_msg("node %s has %d corridors inward", w->nodes[j].id, inward);
			two_inward += inward;
		}
		for (int c = 0; c < w->n_corridors; c++)
			for (int d = c + 1; d < w->n_corridors; d++) {
				const struct smug_corridor *k = &w->corridors[c], *l = &w->corridors[d];
				int ka = w->nodes[k->a].ward, kb = w->nodes[k->b].ward;
				int la = w->nodes[l->a].ward, lb = w->nodes[l->b].ward;

				if (ka == kb || !((ka == la && kb == lb) || (ka == lb && kb == la)))
					continue;
				if (k->a == l->a || k->a == l->b || k->b == l->a || k->b == l->b)
					ck_abort_msg("%s and %s join the same wards through one node", k->id, l->id);
				twins++;
			}
		/* hazards rise outward: borders of the first ring 0.01-0.03, those
		 * reaching the last ring 0.06-0.18 (smugnet(1), gen) */
		for (int c = 0; c < w->n_corridors && rings >= 2; c++) {
			const struct smug_corridor *k = &w->corridors[c];
			int ra = w->wards[w->nodes[k->a].ward].ring, rb = w->wards[w->nodes[k->b].ward].ring;
			int r = ra > rb ? ra : rb;

			if (!k->border)
				continue;
			ck_assert_msg(k->hazard >= 0.0095 && k->hazard <= 0.1805, "%s: hazard %g", k->id, k->hazard);
			if (r == 1)
				ck_assert_msg(k->hazard <= 0.0305, "%s in the first ring: hazard %g", k->id, k->hazard);
			if (r == rings)
				ck_assert_msg(k->hazard >= 0.0595, "%s in the last ring: hazard %g", k->id, k->hazard);
		}
		/* a corridor around a ring (between the wards' first nodes)
		 * takes 1 day, 2 for about three in ten (smugnet(1), gen) */
		if (n >= 100) {
			int ring_corridors = 0, slow = 0;

			for (int c = 0; c < w->n_corridors; c++) {
				const struct smug_corridor *k = &w->corridors[c];
				const char *ia = w->nodes[k->a].id, *ib = w->nodes[k->b].id;
				int wa = w->nodes[k->a].ward, wb = w->nodes[k->b].ward;

				if (wa == wb || w->wards[wa].ring != w->wards[wb].ring ||
				    strcmp(ia + strlen(ia) - 2, ".0") != 0 || strcmp(ib + strlen(ib) - 2, ".0") != 0)
					continue;
				ck_assert(k->travel_days == 1 || k->travel_days == 2);
				ring_corridors++;
				slow += k->travel_days == 2;
			}
			ck_assert_int_ge(ring_corridors, n - 12);
			ck_assert_msg(slow >= ring_corridors / 6 && slow <= ring_corridors / 2,
				      "%d wards: %d of %d corridors around the rings take 2 days", n, slow, ring_corridors);
		}
		/* smuggling tolerance rises outward: 0.1-0.3 in the first ring,
		 * 0.7-0.9 in the last (smugnet(1), gen) */
		for (int i = 0; i < n; i++) {
			const struct smug_ward *wa = &w->wards[i];
			double tol = wa->sig.smuggling_tolerance;

			if (wa->ring == 1)
				ck_assert_msg(tol >= 0.0995 && tol <= 0.3005, "%s in the first ring: tolerance %g", wa->id, tol);
			if (wa->ring == rings && rings >= 2)
				ck_assert_msg(tol >= 0.6995 && tol <= 0.9005, "%s in the last ring: tolerance %g", wa->id, tol);
		}
		/* customs are strict inward, lax outward: an inspection bias of
		 * 0.4-0.6 and a contraband bias of 0.3-0.5 in the first ring,
		 * -0.6 to -0.4 and -0.5 to -0.3 in the last (smugnet(1), gen) */
		for (int i = 0; i < n; i++) {
			const struct smug_ward *wa = &w->wards[i];
			double insp = wa->customs.inspection_bias, cb = wa->customs.contraband_bias;
			double sign = wa->ring == 1 ? 1 : -1;

			if (wa->ring != 1 && (wa->ring != rings || rings < 2))
				continue;
			/* written to 3 decimals, a negative one rounded up by as much as 0.001 */
			ck_assert_msg(sign * insp >= 0.3985 && sign * insp <= 0.6005 && sign * cb >= 0.2985 &&
					      sign * cb <= 0.5005,
				      "%s in ring %d of %d: inspection bias %g, contraband bias %g", wa->id, wa->ring,
				      rings, insp, cb);
		}
		if (rings >= 3) {
			ck_assert_double_gt(ring_mean(w, rings, 0), ring_mean(w, 1, 0));
			ck_assert_double_gt(ring_mean(w, 1, 1), ring_mean(w, rings, 1));
			/* water and food run short in the outer rings, medicine,
			 * suits and parts in the inner ones (smugnet(1), gen) */
			for (int g = 0; g < SMUG_GOOD_COUNT; g++) {
				double first = ring_mean(w, 1, 2 + g), last = ring_mean(w, rings, 2 + g);
				bool outward = g == SMUG_GOOD_WATER || g == SMUG_GOOD_FOOD;

				ck_assert_msg(outward ? last > first : first > last,
					      "%d wards: mean %s shortage %.3f in the first ring, %.3f in the last",
					      n, smug_good_name((enum smug_good)g), first, last);
			}
		}
		for (int f = 0; f < w->n_factions; f++) {
			nets += w->factions[f].runs_network;
			watch += w->factions[f].kind == SMUG_FACTION_STATE;
			if (w->factions[f].runs_network) { /* fac01, fac02, ... (smugnet(1), gen) */
				char id[16];

				snprintf(id, sizeof id, "fac%02d", nets);
				ck_assert_str_eq(w->factions[f].id, id);
			}
		}
		ck_assert_int_eq(nets, factions);
		ck_assert_int_eq(watch, 1);
		if (n >= 100) { /* some wards have both second ways */
			ck_assert_int_gt(two_inward, w->n_wards - ring_size[1]); /* more than one a ward */
			ck_assert_int_gt(twins, 0);
		}
		smug_world_free(w);
		free(json);
		free(again);
		free(other);
	}
}
END_TEST

/* The sixth of the map, counted counterclockwise from east (0 to 5),
 * that holds a point off the centre: the point is at or past the
 * sixth's first edge and before its second. */
static int map_sixth(const double *pos)
{
	static const double edge[6][2] = {{1, 0}, {0.5, 0.8660254037844386}, {-0.5, 0.8660254037844386},
					  {-1, 0}, {-0.5, -0.8660254037844386}, {0.5, -0.8660254037844386}};

	for (int k = 0; k < 6; k++) {
		const double *a = edge[k], *b = edge[(k + 1) % 6];

		if (a[0] * pos[1] - a[1] * pos[0] >= 0 && b[0] * pos[1] - b[1] * pos[0] < 0)
			return k;
	}
	return -1;
}

/* A generated ring is laid out around the Well in order: ring r's wards
 * (6r places, the last ring partial) go counterclockwise from east, so
 * its k-th ward lies in the (k / r)-th sixth of the map, and raider
 * country is two opposite sixths, the first and the fourth: a ward with
 * a raider influence above 0.05 lies in one of them. */
START_TEST(test_scenario_generated_wards_in_their_sixth)
{
	static const int sizes[] = {6, 25, 100, 361};
	const int n = sizes[_i];
	char *json = smug_scenario_generate(n, 42, 4);
	struct smug_world *w = NULL;
	struct smug_error err;
	int raided = 0;

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
	for (int i = 0, first = 0; i < n; i++) {
		const struct smug_ward *wa = &w->wards[i];
		int k, sixth = map_sixth(wa->pos);

		if (i > 0 && wa->ring != w->wards[i - 1].ring)
			first = i;
		k = i - first;
		ck_assert_msg(sixth == k / wa->ring,
			      "%d wards: %s (%s, place %d of ring %d) at (%.3f, %.3f), in sixth %d of the map, want %d",
			      n, wa->id, wa->name, k, wa->ring, wa->pos[0], wa->pos[1], sixth, k / wa->ring);
		if (wa->sig.raider_influence > 0.05) {
			ck_assert_msg(sixth == 0 || sixth == 3,
				      "%d wards: %s has raider influence %.3f at (%.3f, %.3f), in sixth %d of the map",
				      n, wa->id, wa->sig.raider_influence, wa->pos[0], wa->pos[1], sixth);
			raided++;
		}
	}
	if (n >= 100)
		ck_assert_int_gt(raided, 0);
	smug_world_free(w);
	free(json);
}
END_TEST

/* A host asking for a world the generator cannot make gets NULL, not a
 * world: no wards, more wards than a scenario file can hold
 * (SMUG_GEN_WARDS_MAX), fewer than no factions, or more than fit beside
 * the state's Watch (SMUG_FACTIONS_MAX - 1); the ends of each range but
 * the largest world (1.5 GB to make) are generated, and load with that
 * many wards and networks. */
START_TEST(test_scenario_generate_refuses_out_of_range)
{
	static const struct {
		int wards, factions;
	} bad[] = {{0, 4}, {-1, 4}, {SMUG_GEN_WARDS_MAX + 1, 4}, {10, -1}, {10, SMUG_FACTIONS_MAX}, {0, -1}}, good[] = {
		{1, 0}, {1, SMUG_FACTIONS_MAX - 1}, {7, 1}};

	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char *json = smug_scenario_generate(bad[k].wards, 1, bad[k].factions);

		ck_assert_msg(json == NULL, "%d wards, %d factions: generated", bad[k].wards, bad[k].factions);
	}
	for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
		char *json = smug_scenario_generate(good[k].wards, 1, good[k].factions);
		struct smug_world *w = NULL;
		struct smug_error err;
		int nets = 0;

		ck_assert_msg(json != NULL, "%d wards, %d factions: refused", good[k].wards, good[k].factions);
		ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
		for (int f = 0; f < w->n_factions; f++)
			nets += w->factions[f].runs_network;
		ck_assert_int_eq(w->n_wards, good[k].wards);
		ck_assert_int_eq(nets, good[k].factions);
		smug_world_free(w);
		free(json);
	}
}
END_TEST

#ifdef HAVE_MALLINFO2
/* A host that generates many worlds (a sweep over seeds) keeps only the
 * texts it was handed: 200 generated 100-ward scenarios, each freed,
 * leave the heap within 64 KiB of where it was (a generator keeping as
 * little as a byte a ward would keep 20 KB). */
START_TEST(test_scenario_generating_gives_memory_back)
{
	size_t before;

	free(smug_scenario_generate(100, 1, 4));
	before = test_heap_in_use();
	for (int seed = 1; seed <= 200; seed++)
		free(smug_scenario_generate(100, (uint64_t)seed, 4));
	ck_assert_msg(test_heap_in_use() < before + (64u << 10), "200 generated scenarios keep %zu bytes more",
		      test_heap_in_use() - before);
}
END_TEST
#endif

/* A key of any length that the format does not know is refused as an
 * unknown key, the message naming the path shortened to fit: a
 * 300-letter key at the root and one inside a ward's customs. */
START_TEST(test_scenario_long_unknown_key_is_named_shortened)
{
	/* the anchor in the base scenario, what goes before the key, after it */
	static const char *const anchors[][3] = {{"\"seed\":3,", "\"seed\":3,\"", "\":1,"},
						 {"{\"bribe_tolerance\":0.2}", "{\"bribe_tolerance\":0.2,\"", "\":1}"}};
	static const char *const paths[] = {"s.json: ", "s.json: wards[0].customs."};
	char key[301], repl[400], want[64];

	memset(key, 'k', sizeof key - 1);
	key[sizeof key - 1] = '\0';
	for (int i = 0; i < 2; i++) {
		struct smug_world *w = NULL;
		struct smug_error err;

		snprintf(repl, sizeof repl, "%s%s%s", anchors[i][1], key, anchors[i][2]);
		ck_assert_int_eq(load_mutated(anchors[i][0], repl, &err, &w), SMUG_ERR_SCHEMA);
		ck_assert_ptr_null(w);
		snprintf(want, sizeof want, "%s%.20s", paths[i], key);
		ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "'%s' does not start with '%s'", err.msg, want);
		ck_assert_msg(strstr(err.msg, key) == NULL, "the whole 300-letter key in '%s'", err.msg);
		ck_assert_msg(strstr(err.msg, ": unknown key") != NULL, "'%s' does not say unknown key", err.msg);
	}
}
END_TEST

/* The digest is of the parsed scenario, not of its text: the scenario
 * `smugnet gen` writes (pretty-printed), the same scenario with white
 * space around it (a final newline, an editor's CRLF), printed compact,
 * with the members of objects in another order and with numbers spelled
 * otherwise all load to one digest, and stay together for 20 days; a
 * changed value changes it. */
static char *replace_once(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t n = strlen(text), a, b;
	char *out;

	ck_assert_msg(at != NULL, "'%s' is not in the scenario", from);
	a = strlen(from);
	b = strlen(to);
	out = malloc(n - a + b + 1);
	memcpy(out, text, (size_t)(at - text));
	memcpy(out + (at - text), to, b);
	memcpy(out + (at - text) + b, at + a, n - (size_t)(at - text) - a + 1);
	return out;
}

static void reverse_members(cJSON *o)
{
	cJSON *kids[64];
	int n = 0;

	while (o->child && n < 64)
		kids[n++] = cJSON_DetachItemViaPointer(o, o->child);
	ck_assert_ptr_null(o->child);
	while (n > 0) {
		cJSON *k = kids[--n];

		cJSON_AddItemToObject(o, k->string, k);
	}
}

START_TEST(test_scenario_digest_is_of_the_parsed_scenario)
{
	char *json = smug_scenario_generate(40, 7, 2);
	size_t n = strlen(json);
	cJSON *root = cJSON_Parse(json);
	char *compact, *reordered, *respelled, *changed, *padded = malloc(n + 8);
	const char *first_key;
	struct {
		const char *what;
		const char *text;
		size_t len;
	} same[5];
	struct smug_world *first = NULL, *w = NULL;
	struct smug_error err;

	ck_assert_ptr_nonnull(root);
	compact = cJSON_PrintUnformatted(root);
	ck_assert_ptr_nonnull(strstr(compact, "\"seed\":7,"));
	ck_assert_ptr_nonnull(strstr(compact, "\"smuggling_tolerance\":0.132,"));
	respelled = replace_once(compact, "\"seed\":7,", "\"seed\":7.0e0,");
	{
		char *t = replace_once(respelled, "\"smuggling_tolerance\":0.132,", "\"smuggling_tolerance\":132E-3,");

		free(respelled);
		respelled = t;
	}
	changed = replace_once(compact, "\"smuggling_tolerance\":0.132,", "\"smuggling_tolerance\":0.133,");
	reverse_members(root);
	reverse_members(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "wards"), 0));
	reverse_members(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "wards"), 0), "signals"));
	reordered = cJSON_PrintUnformatted(root);
	first_key = reordered + 2; /* past {" */
	ck_assert_msg(strncmp(first_key, "format", 6) != 0, "the members were not reordered: %.40s", reordered);
	memcpy(padded, " \n", 2);
	memcpy(padded + 2, json, n);
	memcpy(padded + 2 + n, "\r\n\n\t ", 5);
	same[0].what = "with white space around it", same[0].text = padded, same[0].len = n + 7;
	same[1].what = "ending in CRLF", same[1].text = padded, same[1].len = n + 4;
	same[2].what = "compact", same[2].text = compact, same[2].len = strlen(compact);
	same[3].what = "with its members in another order", same[3].text = reordered, same[3].len = strlen(reordered);
	same[4].what = "with numbers spelled otherwise", same[4].text = respelled, same[4].len = strlen(respelled);
	ck_assert_int_eq(smug_world_load_json(json, n, "gen", &first, &err), SMUG_OK);
	smug_cmd_step(first, 20);
	for (int i = 0; i < 5; i++) {
		ck_assert_msg(smug_world_load_json(same[i].text, same[i].len, "copy", &w, &err) == SMUG_OK, "%s: %s",
			      same[i].what, err.msg);
		ck_assert_msg(w->scenario_hash == first->scenario_hash, "the scenario %s hashes otherwise", same[i].what);
		smug_cmd_step(w, 20);
		ck_assert_msg(smug_world_digest(w) == smug_world_digest(first), "the scenario %s: another digest on day 20",
			      same[i].what);
		smug_world_free(w);
	}
	ck_assert_int_eq(smug_world_load_json(changed, strlen(changed), "changed", &w, &err), SMUG_OK);
	ck_assert_uint_ne(w->scenario_hash, first->scenario_hash);
	ck_assert_uint_ne(smug_world_digest(w), smug_world_digest(first));
	smug_world_free(w);
	smug_world_free(first);
	cJSON_Delete(root);
	cJSON_free(compact);
	cJSON_free(reordered);
	free(respelled);
	free(changed);
	free(padded);
	free(json);
}
END_TEST

/* The canonical hash on its own: an object of more members than the
 * hash sorts on the stack (40), in two orders, hashes alike; a changed
 * member value, a renamed key, a member moved into a nested object or a
 * string for a number does not. */
START_TEST(test_scenario_value_hash_sorts_any_object)
{
	cJSON *a = cJSON_CreateObject(), *b = cJSON_CreateObject(), *c;
	char key[16];
	uint64_t h;

	for (int i = 0; i < 40; i++) {
		snprintf(key, sizeof key, "k%02d", i);
		cJSON_AddNumberToObject(a, key, i);
		snprintf(key, sizeof key, "k%02d", 39 - i);
		cJSON_AddNumberToObject(b, key, 39 - i);
	}
	h = json_value_hash(a);
	ck_assert_uint_eq(h, json_value_hash(b));
	c = cJSON_Duplicate(a, true);
	cJSON_ReplaceItemInObject(c, "k17", cJSON_CreateNumber(17.5));
	ck_assert_uint_ne(h, json_value_hash(c));
	cJSON_Delete(c);
	c = cJSON_Duplicate(a, true);
	cJSON_ReplaceItemInObject(c, "k17", cJSON_CreateString("17"));
	ck_assert_uint_ne(h, json_value_hash(c));
	cJSON_Delete(c);
	c = cJSON_Duplicate(a, true);
	cJSON_AddItemToObject(c, "k40", cJSON_DetachItemFromObject(c, "k17"));
	ck_assert_uint_ne(h, json_value_hash(c));
	cJSON_Delete(c);
	c = cJSON_Duplicate(a, true);
	{
		cJSON *inner = cJSON_CreateObject();

		cJSON_AddItemToObject(inner, "k17", cJSON_DetachItemFromObject(c, "k17"));
		cJSON_AddItemToObject(c, "k17", inner);
	}
	ck_assert_uint_ne(h, json_value_hash(c));
	cJSON_Delete(c);
	cJSON_Delete(a);
	cJSON_Delete(b);
}
END_TEST

/* Every knob of the table: found by its key, its default formatted as
 * the config holds it, reads back what it prints, takes both ends of its
 * range and refuses what lies beyond, says its range in the documented
 * form, and means the same in a scenario as through smug_knob_parse. */
START_TEST(test_scenario_knob_table)
{
	int n;
	const struct smug_knob *k = smug_knob_table(&n);
	struct smug_config defaults, cfg;
	struct smug_error err;
	char text[128], def[128], range[128], want[160];

	ck_assert_int_gt(n, 30);
	smug_config_defaults(&defaults);
	/* credits knobs are held in minor units: bribe_norm is 100 credits */
	ck_assert_double_eq(defaults.signals.bribe_norm, 100.0 * SMUG_MINOR_PER_CREDIT);
	ck_assert_int_eq(smug_knob_parse(&cfg, smug_knob_find("signals.bribe_norm"), "2.5", &err), SMUG_OK);
	ck_assert_double_eq(cfg.signals.bribe_norm, 2.5 * SMUG_MINOR_PER_CREDIT);
	for (int i = 0; i < n; i++) {
		const struct smug_knob *kn = &k[i];

		ck_assert_ptr_eq(smug_knob_find(kn->key), kn);
		smug_knob_format(&defaults, kn, text, sizeof text);
		smug_knob_format_default(kn, def, sizeof def);
		ck_assert_str_eq(text, def);
		cfg = defaults;
		ck_assert_int_eq(smug_knob_parse(&cfg, kn, text, &err), SMUG_OK);
		ck_assert(memcmp(&cfg, &defaults, sizeof cfg) == 0);
		smug_knob_format_range(kn, range, sizeof range);
		switch (kn->type) {
		case SMUG_KNOB_BOOL:
			ck_assert_str_eq(range, "true|false");
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, "maybe", &err), SMUG_ERR_ARG);
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, def[0] == 't' ? "false" : "true", &err), SMUG_OK);
			smug_knob_format(&cfg, kn, text, sizeof text);
			ck_assert_str_ne(text, def);
			break;
		case SMUG_KNOB_TEXT:
			snprintf(want, sizeof want, "up to %zu bytes", kn->size - 1);
			ck_assert_str_eq(range, want);
			memset(want, 'x', kn->size - 1);
			want[kn->size - 1] = '\0';
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, want, &err), SMUG_OK);
			smug_knob_format(&cfg, kn, text, sizeof text);
			ck_assert_str_eq(text, want);
			want[kn->size - 1] = 'x';
			want[kn->size] = '\0';
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, want, &err), SMUG_ERR_ARG);
			break;
		default: {
			char lo[64], hi[64], below[64], above[64];
			double step = kn->type == SMUG_KNOB_INT ? 1 : (kn->hi - kn->lo) / 1000;

			snprintf(lo, sizeof lo, "%.17g", kn->lo);
			snprintf(hi, sizeof hi, "%.17g", kn->hi);
			snprintf(below, sizeof below, "%.17g", kn->lo - step);
			snprintf(above, sizeof above, "%.17g", kn->hi + step);
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, lo, &err), SMUG_OK);
			smug_knob_format(&cfg, kn, text, sizeof text);
			ck_assert_double_eq(strtod(text, NULL), kn->lo);
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, hi, &err), SMUG_OK);
			smug_knob_format(&cfg, kn, text, sizeof text);
			ck_assert_double_eq(strtod(text, NULL), kn->hi);
			cfg = defaults;
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, below, &err), SMUG_ERR_ARG);
			snprintf(want, sizeof want, "%s: expected", kn->key);
			ck_assert_ptr_nonnull(strstr(err.msg, want));
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, above, &err), SMUG_ERR_ARG);
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, "12abc", &err), SMUG_ERR_ARG);
			ck_assert(memcmp(&cfg, &defaults, sizeof cfg) == 0); /* untouched on failure */
			if (kn->type == SMUG_KNOB_INT) {
				const char *dots = strstr(range, "..");

				ck_assert_ptr_nonnull(dots);
				ck_assert_double_eq(strtod(range, NULL), kn->lo);
				ck_assert_double_eq(strtod(dots + 2, NULL), kn->hi);
				snprintf(text, sizeof text, "%.17g", kn->lo + 0.5);
				ck_assert_int_eq(smug_knob_parse(&cfg, kn, text, &err), SMUG_ERR_ARG);
			} else {
				ck_assert(range[0] == '[' && range[strlen(range) - 1] == ']');
				ck_assert_double_eq(strtod(range + 1, NULL), kn->lo);
				ck_assert_double_eq(strtod(strchr(range, ',') + 1, NULL), kn->hi);
			}
			break;
		}
		}
	}
}
END_TEST

/* A knob set in a scenario's config is what --set would make of it. */
START_TEST(test_scenario_config_knobs_load)
{
	int n;
	const struct smug_knob *k = smug_knob_table(&n);

	for (int i = 0; i < n; i++) {
		const struct smug_knob *kn = &k[i];
		char sec[32], key[64], repl[256], value[64];
		const char *dot = strchr(kn->key, '.');
		struct smug_world *w = NULL;
		struct smug_error err;
		struct smug_config cfg;

		if (kn->type == SMUG_KNOB_TEXT)
			continue;
		snprintf(sec, sizeof sec, "%.*s", (int)(dot - kn->key), kn->key);
		snprintf(key, sizeof key, "%s", dot + 1);
		if (kn->type == SMUG_KNOB_BOOL)
			snprintf(value, sizeof value, "%s", kn->def != 0 ? "false" : "true");
		else
			snprintf(value, sizeof value, "%.17g", kn->hi);
		snprintf(repl, sizeof repl, "\"seed\":3,\"config\":{\"%s\":{\"%s\":%s}},", sec, key, value);
		ck_assert_msg(load_mutated("\"seed\":3,", repl, &err, &w) == SMUG_OK, "%s: %s", kn->key, err.msg);
		smug_config_defaults(&cfg);
		ck_assert_int_eq(smug_knob_parse(&cfg, kn, value, &err), SMUG_OK);
		ck_assert_msg(memcmp((char *)&w->cfg + kn->offset, (char *)&cfg + kn->offset, kn->size) == 0,
			      "%s = %s loads differently", kn->key, value);
		smug_world_free(w);
	}
}
END_TEST

/* A text knob in a scenario follows --set's rule (smug_knob_parse):
 * printable text on one line. A newline, an escape, DEL or a C1
 * character in it is refused with its path and --set's reason; a tab
 * and other non-ASCII text load. */
START_TEST(test_scenario_text_knob_refuses_control_characters)
{
	static const struct {
		const char *json, *raw; /* the value as JSON text and as bytes */
		unsigned cp;		/* the refused character, 0: loads */
		int at;
	} vals[] = {
		{"a\\nb", "a\nb", 0x0a, 1},
		{"\\u001b[31m", "\x1b[31m", 0x1b, 0},
		{"x\\ry", "x\ry", 0x0d, 1},
		{"ab\\u007f", "ab\x7f", 0x7f, 2},
		{"a\\u0085b", "a\xc2\x85" "b", 0x85, 1},
		{"a\\u009f", "a\xc2\x9f", 0x9f, 1},
		{"a\\tb", "a\tb", 0, 0},
		{"\\u00e9t\\u00e9", "\xc3\xa9t\xc3\xa9", 0, 0},
		{"a\\u00a0b", "a\xc2\xa0" "b", 0, 0},
	};
	int n, n_text = 0;
	const struct smug_knob *k = smug_knob_table(&n);

	for (int i = 0; i < n; i++) {
		const struct smug_knob *kn = &k[i];
		const char *dot = strchr(kn->key, '.');

		if (kn->type != SMUG_KNOB_TEXT)
			continue;
		n_text++;
		for (size_t v = 0; v < sizeof vals / sizeof vals[0]; v++) {
			char repl[256], want[256];
			struct smug_world *w = NULL;
			struct smug_error err, set_err;
			struct smug_config cfg;
			enum smug_status st;

			snprintf(repl, sizeof repl, "\"seed\":3,\"config\":{\"%.*s\":{\"%s\":\"%s\"}},",
				 (int)(dot - kn->key), kn->key, dot + 1, vals[v].json);
			st = load_mutated("\"seed\":3,", repl, &err, &w);
			smug_config_defaults(&cfg);
			if (vals[v].cp == 0) {
				ck_assert_msg(st == SMUG_OK, "%s = %s: %s", kn->key, vals[v].json, err.msg);
				ck_assert_str_eq((char *)&w->cfg + kn->offset, vals[v].raw);
				ck_assert_int_eq(smug_knob_parse(&cfg, kn, vals[v].raw, &set_err), SMUG_OK);
				smug_world_free(w);
				continue;
			}
			ck_assert_msg(st == SMUG_ERR_SCHEMA, "%s = %s loaded", kn->key, vals[v].json);
			snprintf(want, sizeof want,
				 "s.json: config.%s: control character U+%04X at offset %d; a text knob is "
				 "printable text on one line",
				 kn->key, vals[v].cp, vals[v].at);
			ck_assert_str_eq(err.msg, want);
			/* the same words as --set, after its key */
			ck_assert_int_eq(smug_knob_parse(&cfg, kn, vals[v].raw, &set_err), SMUG_ERR_ARG);
			ck_assert_str_eq(err.msg + strlen("s.json: config."), set_err.msg);
		}
	}
	ck_assert_int_gt(n_text, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scenario");
	TCase *t = tcase_create("bad input");

	tcase_set_timeout(t, 120); /* a world per knob and per case: slow under sanitizers */
	tcase_add_test(t, test_scenario_status_messages);
	tcase_add_loop_test(t, test_scenario_rejects_bad_input, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(t, test_scenario_faction_cap);
	tcase_add_test(t, test_scenario_money_fits_a_seed);
	tcase_add_loop_test(t, test_scenario_documented_ranges, 0, (int)(sizeof ranges / sizeof ranges[0]));
	tcase_add_test(t, test_scenario_range_ends_are_kept);
	tcase_add_test(t, test_scenario_knob_table);
	tcase_add_test(t, test_scenario_config_knobs_load);
	tcase_add_test(t, test_scenario_text_knob_refuses_control_characters);
	tcase_add_test(t, test_scenario_long_unknown_key_is_named_shortened);
	suite_add_tcase(s, t);
	t = tcase_create("worlds");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, test_scenario_base_loads_with_defaults);
	tcase_add_test(t, test_scenario_related_good_loads);
	tcase_add_test(t, test_scenario_default_world_shape);
	tcase_add_test(t, test_scenario_tiny_loads);
	tcase_add_test(t, test_scenario_route_leaves_from_the_gate);
	tcase_add_loop_test(t, test_scenario_generated_worlds, 0, 4);
	tcase_add_loop_test(t, test_scenario_generated_wards_in_their_sixth, 0, 4);
	tcase_add_test(t, test_scenario_digest_is_of_the_parsed_scenario);
	tcase_add_test(t, test_scenario_value_hash_sorts_any_object);
	tcase_add_test(t, test_scenario_generate_refuses_out_of_range);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_scenario_generating_gives_memory_back);
#endif
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
