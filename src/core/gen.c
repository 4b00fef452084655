/* Scenario generator: a valid world of N wards in rings around a Well
 * (6, 12, 18, ... wards per ring, the last ring partial), 2–3 nodes per
 * ward, corridors inside wards, around each ring and across rings, varied
 * customs and signals (strict inner rings, corrupt outer ones), and F
 * smuggling factions. Deterministic in its seed: every choice is a keyed
 * draw. The result is scenario JSON text the caller owns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"
#include "json.h"

struct gen {
	uint64_t seed;
	int n_wards, digits;
	int *ring, *slot, *ring_size, *ring_first, *n_nodes;
	int n_rings;
};

static double gdraw(const struct gen *g, const char *what, int a, int b)
{
	uint64_t ids[2] = {(uint64_t)a, (uint64_t)b};

	return hash_draw(g->seed, "smugnet-gen", what, 0, ids, 2);
}

static double lerp(double lo, double hi, double u)
{
	return lo + (hi - lo) * u;
}

static void ward_id(const struct gen *g, int i, char *buf, size_t n)
{
	snprintf(buf, n, "ward:%0*d", g->digits, i + 1);
}

static void node_id(const struct gen *g, int i, int k, char *buf, size_t n)
{
	snprintf(buf, n, "n:%0*d.%d", g->digits, i + 1, k);
}

/* Rounded to 3 decimals so the file reads well; exact in the world. */
static cJSON *num3(double x)
{
	return cJSON_CreateNumber((double)(int64_t)(x * 1000.0 + 0.5) / 1000.0);
}

/* cos/sin without libm: the core keeps to + - * / and sqrt. Bhaskara-free
 * Taylor series on [-pi, pi] is plenty for map positions. */
static double gen_sin(double x)
{
	const double pi = 3.14159265358979323846;
	double term, sum;

	while (x > pi)
		x -= 2 * pi;
	while (x < -pi)
		x += 2 * pi;
	term = x;
	sum = x;
	for (int k = 1; k < 12; k++) {
		term *= -x * x / (double)((2 * k) * (2 * k + 1));
		sum += term;
	}
	return sum;
}

static double gen_cos(double x)
{
	return gen_sin(x + 3.14159265358979323846 / 2);
}

static void add_corridor(cJSON *arr, const char *a, const char *b, int days, double hazard)
{
	cJSON *c = cJSON_CreateObject();

	cJSON_AddStringToObject(c, "a", a);
	cJSON_AddStringToObject(c, "b", b);
	cJSON_AddNumberToObject(c, "travel_days", days);
	cJSON_AddItemToObject(c, "hazard", num3(hazard));
	cJSON_AddItemToArray(arr, c);
}

static cJSON *gen_ward(const struct gen *g, int i)
{
	static const char *const goods[] = {"water", "food", "medicine", "suits", "parts"};
	cJSON *o = cJSON_CreateObject(), *sig, *sh, *cu, *pos;
	char id[SMUG_ID_MAX], name[SMUG_NAME_MAX];
	int r = g->ring[i];
	double outer = g->n_rings > 1 ? (double)(r - 1) / (double)(g->n_rings - 1) : 0.0;
	double angle = 2 * 3.14159265358979323846 * ((double)g->slot[i] + 0.5) /
		       (double)(6 * r);
	int sector = (g->slot[i] * 6) / (6 * r); /* six sectors around the Well */

	ward_id(g, i, id, sizeof id);
	snprintf(name, sizeof name, "Ring %d Ward %d", r, g->slot[i] + 1);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddNumberToObject(o, "ring", r);
	pos = cJSON_AddArrayToObject(o, "pos");
	cJSON_AddItemToArray(pos, num3(10.0 * r * gen_cos(angle)));
	cJSON_AddItemToArray(pos, num3(10.0 * r * gen_sin(angle)));

	sig = cJSON_AddObjectToObject(o, "signals");
	cJSON_AddItemToObject(sig, "smuggling_tolerance",
			      num3(clamp01(lerp(0.1, 0.7, outer) + 0.2 * gdraw(g, "tol", i, 0))));
	cJSON_AddItemToObject(sig, "corruption",
			      num3(clamp01(lerp(0.05, 0.5, outer) + 0.15 * gdraw(g, "corr", i, 0))));
	cJSON_AddItemToObject(sig, "legitimacy",
			      num3(clamp01(lerp(0.8, 0.3, outer) + 0.1 * gdraw(g, "legit", i, 0))));
	cJSON_AddItemToObject(sig, "audit", num3(clamp01(lerp(0.5, 0.1, outer))));
	cJSON_AddItemToObject(sig, "raider_influence",
			      num3(sector % 3 == 0 ? clamp01(outer * (0.5 + 0.5 * gdraw(g, "raid", i, 0)))
						   : 0.05 * gdraw(g, "raid", i, 1)));
	cJSON_AddItemToObject(sig, "precursor_output",
			      num3(gdraw(g, "prec", i, 0) < 0.2 ? 0.4 + 0.5 * gdraw(g, "prec", i, 1) : 0));
	cJSON_AddItemToObject(sig, "war_pressure", num3(0.3 * gdraw(g, "war", i, 0)));
	sh = cJSON_AddObjectToObject(sig, "shortage");
	for (int k = 0; k < 5; k++)
		cJSON_AddItemToObject(sh, goods[k], num3(0.8 * gdraw(g, "short", i, k) *
							  (k >= 2 ? 1.0 - 0.6 * outer : 0.4 + 0.6 * outer)));

	cu = cJSON_AddObjectToObject(o, "customs");
	cJSON_AddItemToObject(cu, "inspection_bias",
			      num3(lerp(0.5, -0.5, outer) + 0.2 * (gdraw(g, "insp", i, 0) - 0.5)));
	cJSON_AddItemToObject(cu, "tariff_bias", num3(lerp(0.3, -0.3, outer)));
	cJSON_AddItemToObject(cu, "contraband_bias",
			      num3(lerp(0.4, -0.4, outer) + 0.2 * (gdraw(g, "cb", i, 0) - 0.5)));
	cJSON_AddItemToObject(cu, "bribe_tolerance",
			      num3(clamp01(lerp(0.03, 0.5, outer) + 0.1 * gdraw(g, "bt", i, 0))));
	cJSON_AddItemToObject(cu, "enforcement_points",
			      num3(lerp(20.0, 4.0, outer) + 4.0 * gdraw(g, "enf", i, 0)));
	return o;
}

static cJSON *gen_config(int factions)
{
	cJSON *cfg = cJSON_CreateObject();
	cJSON *sm = cJSON_AddObjectToObject(cfg, "smuggling");

	cJSON_AddBoolToObject(sm, "enabled", 1);
	cJSON_AddNumberToObject(sm, "max_active_factions",
				factions < SMUG_FACTIONS_MAX ? factions : SMUG_FACTIONS_MAX);
	return cfg;
}

static cJSON *gen_factions(const struct gen *g, int n)
{
	static const char *const commodities[] = {"UNLICENSED_SUIT_MODS", "NARCOTICS",
						  "WEAPON_PARTS", "STOLEN_GOODS", "RAIDER_SUPPLIES"};
	cJSON *arr = cJSON_CreateArray(), *f, *prof;
	char id[SMUG_ID_MAX], home[SMUG_ID_MAX];
	int outer_first = g->ring_first[g->n_rings - 1];
	int outer_n = g->n_wards - outer_first;

	for (int i = 0; i < n; i++) {
		int c1 = (int)(gdraw(g, "fac-c1", i, 0) * 5), c2 = (c1 + 1 + i % 4) % 5;

		f = cJSON_CreateObject();
		snprintf(id, sizeof id, "fac%02d", i + 1);
		cJSON_AddStringToObject(f, "id", id);
		cJSON_AddStringToObject(f, "kind", i % 2 ? "raider" : "criminal");
		ward_id(g, outer_first + (int)(gdraw(g, "fac-home", i, 0) * outer_n), home, sizeof home);
		cJSON_AddStringToObject(f, "home", home);
		cJSON_AddNumberToObject(f, "balance", 150000 + 50000 * (i % 4));
		prof = cJSON_AddObjectToObject(f, "smuggling_profile");
		cJSON_AddNumberToObject(prof, commodities[c1], 1.0);
		cJSON_AddItemToObject(prof, commodities[c2], num3(0.3 + 0.5 * gdraw(g, "fac-p", i, 0)));
		cJSON_AddItemToArray(arr, f);
	}
	f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "id", "watch");
	cJSON_AddStringToObject(f, "name", "The Watch");
	cJSON_AddStringToObject(f, "kind", "state");
	ward_id(g, 0, home, sizeof home);
	cJSON_AddStringToObject(f, "home", home);
	cJSON_AddNumberToObject(f, "balance", 0);
	cJSON_AddItemToArray(arr, f);
	return arr;
}

/* Ward in ring r nearest to angle slot s of ring r+1 (same fraction). */
static int inward(const struct gen *g, int r, int slot_outer)
{
	int n_in = g->ring_size[r - 1];
	int k = (slot_outer * n_in) / (6 * (r + 1));

	if (k >= n_in)
		k = n_in - 1;
	return g->ring_first[r - 1] + k;
}

/* The wards laid out in rings around the Well: ring r holds up to 6r
 * wards, in slots from 0. */
static void gen_rings(struct gen *g)
{
	int n_wards = g->n_wards;

	g->ring = xcalloc((size_t)n_wards, sizeof *g->ring);
	g->slot = xcalloc((size_t)n_wards, sizeof *g->slot);
	g->n_nodes = xcalloc((size_t)n_wards, sizeof *g->n_nodes);
	g->ring_size = xcalloc((size_t)n_wards + 1, sizeof *g->ring_size);
	g->ring_first = xcalloc((size_t)n_wards + 1, sizeof *g->ring_first);
	for (int i = 0, r = 1, s = 0; i < n_wards; i++) {
		if (s == 6 * r) {
			r++;
			s = 0;
		}
		if (s == 0) {
			g->ring_first[r - 1] = i;
			g->n_rings = r;
		}
		g->ring[i] = r;
		g->slot[i] = s++;
		g->ring_size[r - 1]++;
	}
}

static void gen_free(struct gen *g)
{
	free(g->ring);
	free(g->slot);
	free(g->n_nodes);
	free(g->ring_size);
	free(g->ring_first);
}

/* The scenario's header: format, id, name, seed and the ledger. */
static cJSON *gen_header(const struct gen *g)
{
	cJSON *root = cJSON_CreateObject(), *ledger;
	char idbuf[SMUG_ID_MAX];

	cJSON_AddStringToObject(root, "format", "smugnet-scenario");
	cJSON_AddNumberToObject(root, "version", 1);
	snprintf(idbuf, sizeof idbuf, "gen-%d-%llu", g->n_wards, (unsigned long long)g->seed);
	cJSON_AddStringToObject(root, "id", idbuf);
	cJSON_AddStringToObject(root, "name", "Generated Dosadi");
	json_add_u64(root, "seed", g->seed & ((1ull << 53) - 1));
	/* the ward economy's money grows with the world, so buyers in a
	 * large world's demand wards can pay like those of the default one */
	ledger = cJSON_AddObjectToObject(root, "ledger");
	cJSON_AddNumberToObject(ledger, "blackmarket", 14000.0 * (g->n_wards > 36 ? g->n_wards : 36));
	cJSON_AddNumberToObject(ledger, "treasury", 28000.0 * (g->n_wards > 36 ? g->n_wards : 36));
	return root;
}

/* Ward i, its nodes (a gate and one or two districts) and the corridors
 * inside it: gate to each district, districts chained. */
static void gen_ward_inside(struct gen *g, int i, cJSON *wards, cJSON *nodes, cJSON *corr)
{
	char wid[SMUG_ID_MAX], a[SMUG_ID_MAX], b[SMUG_ID_MAX];

	cJSON_AddItemToArray(wards, gen_ward(g, i));
	ward_id(g, i, wid, sizeof wid);
	g->n_nodes[i] = 2 + (gdraw(g, "nodes", i, 0) < 0.5);
	for (int k = 0; k < g->n_nodes[i]; k++) {
		cJSON *n = cJSON_CreateObject();

		node_id(g, i, k, a, sizeof a);
		cJSON_AddStringToObject(n, "id", a);
		cJSON_AddStringToObject(n, "ward", wid);
		cJSON_AddItemToArray(nodes, n);
	}
	for (int k = 1; k < g->n_nodes[i]; k++) {
		node_id(g, i, 0, a, sizeof a);
		node_id(g, i, k, b, sizeof b);
		add_corridor(corr, a, b, 1, 0.01);
	}
}

/* Ward i's borders: around its ring to the next ward (closing the ring
 * when full), sometimes twinned, and across rings to its inward
 * neighbour, sometimes a second one. Hazard grows outward. */
static void gen_ward_borders(struct gen *g, int i, cJSON *corr)
{
	int r = g->ring[i], next;
	double outer = g->n_rings > 1 ? (double)(r - 1) / (double)(g->n_rings - 1) : 0.0;
	double hz = lerp(0.02, 0.12, outer);
	char a[SMUG_ID_MAX], b[SMUG_ID_MAX];

	next = g->slot[i] + 1 < g->ring_size[r - 1] ? i + 1
		: (g->ring_size[r - 1] == 6 * r && g->ring_size[r - 1] > 2) ? g->ring_first[r - 1] : -1;
	if (next >= 0 && next != i) {
		node_id(g, i, 0, a, sizeof a);
		node_id(g, next, 0, b, sizeof b);
		add_corridor(corr, a, b, 1 + (gdraw(g, "d-ring", i, 0) < 0.3),
			     hz * (0.5 + gdraw(g, "h-ring", i, 0)));
		if (gdraw(g, "twin", i, 0) < 0.6) {
			node_id(g, i, 1, a, sizeof a);
			node_id(g, next, 1, b, sizeof b);
			add_corridor(corr, a, b, 1 + (gdraw(g, "d-twin", i, 0) < 0.5),
				     hz * (0.5 + gdraw(g, "h-twin", i, 0)));
		}
	}
	if (r > 1) {
		int in = inward(g, r - 1, g->slot[i]);

		node_id(g, i, 0, a, sizeof a);
		node_id(g, in, g->n_nodes[in] - 1, b, sizeof b);
		add_corridor(corr, a, b, 1 + (gdraw(g, "d-in", i, 0) < 0.4),
			     hz * (0.5 + gdraw(g, "h-in", i, 0)));
		if (gdraw(g, "in2", i, 0) < 0.35) {
			int in2 = g->ring_first[r - 2] + (in - g->ring_first[r - 2] + 1) % g->ring_size[r - 2];

			if (in2 != in) {
				node_id(g, i, 1, a, sizeof a);
				node_id(g, in2, 0, b, sizeof b);
				add_corridor(corr, a, b, 2, hz * (0.5 + gdraw(g, "h-in2", i, 0)));
			}
		}
	}
}

char *smug_scenario_generate(int n_wards, uint64_t seed, int n_factions)
{
	struct gen g = {.seed = seed, .n_wards = n_wards};
	cJSON *root, *wards, *nodes, *corr;
	char *text;

	if (n_wards < 1 || n_wards > SMUG_GEN_WARDS_MAX || n_factions < 0 || n_factions > SMUG_FACTIONS_MAX - 1)
		return NULL;
	g.digits = n_wards < 100 ? 2 : n_wards < 1000 ? 3 : n_wards < 10000 ? 4 : n_wards < 100000 ? 5 : 6;
	gen_rings(&g);
	root = gen_header(&g);
	wards = cJSON_AddArrayToObject(root, "wards");
	nodes = cJSON_AddArrayToObject(root, "nodes");
	corr = cJSON_AddArrayToObject(root, "corridors");
	for (int i = 0; i < n_wards; i++)
		gen_ward_inside(&g, i, wards, nodes, corr);
	for (int i = 0; i < n_wards; i++) /* after all the wards: a border reads its inward ward's node count */
		gen_ward_borders(&g, i, corr);
	cJSON_AddItemToObject(root, "factions", gen_factions(&g, n_factions));
	cJSON_AddItemToObject(root, "config", gen_config(n_factions));
	text = cJSON_Print(root);
	cJSON_Delete(root);
	gen_free(&g);
	return text; /* NULL only when out of memory */
}
