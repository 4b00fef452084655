/* How much a decision's scoring could be reused (not a test): steps a
 * world day by day, explains every decision of each day and measures
 * what reusing an earlier scoring of the same decision would need.
 *
 * A decision (faction, commodity, source ward, demand ward) scored again
 * with the same candidate routes could skip summing every candidate but
 * the two it must report exactly (winner and runner-up), if a bound on
 * how far each edge's term can have moved since proves that none of the
 * others can now come within them: old score - edges x bound x days x
 * value > the larger of the two scores summed now. This prints how far
 * the edges' terms really move in a day, how close the runner-up and the
 * third candidate lie, and the share of re-scorings such a bound would
 * let skip the other candidates, for bounds from the largest movement
 * seen down to a tenth of the median.
 *
 * Usage: reuse [--wards N] [--from DAY] [--days N] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "smugnet/smugnet.h"
#include "sort.h"

#define KEYS_CAP (1 << 16)	   /* decisions remembered (open addressing) */
#define EDGES_CAP (1 << 18)	   /* (faction, edge, commodity) terms remembered */
#define SAMPLES_CAP (1 << 22)	   /* movements and leads kept for the quantiles */
#define CHECKS_CAP (1 << 18)	   /* re-scorings kept for the bound table */

/* The last scoring of a decision key: its candidates' route hashes,
 * scores and edge counts. */
struct key_entry {
	uint64_t key; /* 0 = empty */
	int day, n_cand;
	uint64_t route[SMUG_ROUTE_TOPK_MAX];
	double score[SMUG_ROUTE_TOPK_MAX];
	int n_edges[SMUG_ROUTE_TOPK_MAX];
};

struct edge_entry {
	uint64_t key; /* 0 = empty */
	int day;
	double term; /* (expected loss + cost) / cargo value */
};

/* A re-scoring with the same candidates: what the bound table needs. */
struct check {
	int days;		/* since the key's last scoring */
	double value;		/* cargo value, minor units */
	double now_top;		/* the larger of the old top two's scores now */
	double slack[SMUG_ROUTE_TOPK_MAX]; /* the others: old score - now_top */
	int n_edges[SMUG_ROUTE_TOPK_MAX];
	int n_other;
};

static struct key_entry *keys;
static struct edge_entry *edges;
static double *moves, *leads;
static struct check *checks;
static long n_moves, n_leads, n_checks, n_keys_full, n_edges_full;

static uint64_t mix(uint64_t a, uint64_t b)
{
	uint64_t v[2] = {a, b};

	return XXH3_64bits(v, sizeof v) | 1; /* never 0, the empty mark */
}

static struct key_entry *key_slot(uint64_t key)
{
	for (uint64_t h = key % KEYS_CAP, n = 0; n < KEYS_CAP; h = (h + 1) % KEYS_CAP, n++)
		if (keys[h].key == key || keys[h].key == 0)
			return &keys[h];
	return NULL;
}

static struct edge_entry *edge_slot(uint64_t key)
{
	for (uint64_t h = key % EDGES_CAP, n = 0; n < EDGES_CAP; h = (h + 1) % EDGES_CAP, n++)
		if (edges[h].key == key || edges[h].key == 0)
			return &edges[h];
	return NULL;
}

static double quantile(const double *sorted, long n, double q)
{
	long i = (long)(q * (double)n);

	return n == 0 ? NAN : sorted[i < n ? i : n - 1];
}

/* The two smallest scores' indexes (equal scores keep the smaller). */
static void top_two(const double *score, int n, int *a, int *b)
{
	*a = *b = -1;
	for (int i = 0; i < n; i++) {
		if (*a < 0 || score[i] < score[*a]) {
			*b = *a;
			*a = i;
		} else if (*b < 0 || score[i] < score[*b]) {
			*b = i;
		}
	}
}

static void note_decision(const struct smug_world *w, int i, struct smug_explanation *x)
{
	const struct smug_decision *d = &w->decisions[i];
	const double v = (double)d->value;
	struct key_entry now = {0}, *old;
	int a, b;

	if (d->n_cand < 3 || d->value <= 0 || smug_explain_decision(w, i, x) != SMUG_OK)
		return;
	now.key = mix(mix((uint64_t)d->faction, (uint64_t)d->commodity),
		      (uint64_t)d->src_ward << 32 | (uint32_t)d->dst_ward);
	now.day = w->day;
	now.n_cand = x->n_cand;
	for (int c = 0; c < x->n_cand; c++) {
		const struct smug_explain_candidate *k = &x->cand[c];

		now.route[c] = XXH3_64bits(k->nodes, (size_t)k->n_nodes * sizeof k->nodes[0]);
		now.score[c] = k->score;
		now.n_edges[c] = k->n_nodes - 1;
		for (int e = 0; e + 1 < k->n_nodes; e++) {
			const struct smug_explain_edge *g = &k->edges[e];
			uint64_t ek = mix(mix((uint64_t)d->faction, (uint64_t)d->commodity),
					  (uint64_t)g->corridor << 32 | (uint32_t)k->nodes[e]);
			struct edge_entry *s = edge_slot(ek);
			double term = (g->expected_loss + g->expected_cost) / v;

			if (s == NULL) {
				n_edges_full++;
				continue;
			}
			if (s->key == ek && s->day == w->day - 1 && n_moves < SAMPLES_CAP)
				moves[n_moves++] = fabs(term - s->term);
			*s = (struct edge_entry){ek, w->day, term};
		}
	}
	top_two(now.score, now.n_cand, &a, &b);
	{
		double third = INFINITY;

		for (int c = 0; c < now.n_cand; c++)
			if (c != a && c != b && now.score[c] < third)
				third = now.score[c];
		if (n_leads < SAMPLES_CAP)
			leads[n_leads++] = (third - now.score[b]) / v;
	}
	old = key_slot(now.key);
	if (old == NULL) {
		n_keys_full++;
		return;
	}
	if (old->key == now.key && old->day < now.day && old->n_cand == now.n_cand &&
	    memcmp(old->route, now.route, (size_t)now.n_cand * sizeof now.route[0]) == 0 &&
	    n_checks < CHECKS_CAP) {
		struct check *ck = &checks[n_checks++];
		int oa, ob;

		top_two(old->score, old->n_cand, &oa, &ob);
		ck->days = now.day - old->day;
		ck->value = v;
		ck->now_top = fmax(now.score[oa], now.score[ob]);
		ck->n_other = 0;
		for (int c = 0; c < now.n_cand; c++)
			if (c != oa && c != ob) {
				ck->slack[ck->n_other] = old->score[c] - ck->now_top;
				ck->n_edges[ck->n_other++] = old->n_edges[c];
			}
	}
	*old = now;
}

/* Re-scorings whose other candidates a bound of `delta` (share of the
 * cargo value, per edge and day) proves cannot reach the top two. */
static long reusable(double delta)
{
	long ok = 0;

	for (long i = 0; i < n_checks; i++) {
		const struct check *ck = &checks[i];
		int c;

		for (c = 0; c < ck->n_other; c++)
			if (!(ck->slack[c] > ck->n_edges[c] * delta * ck->days * ck->value))
				break;
		ok += c == ck->n_other;
	}
	return ok;
}

int main(int argc, char **argv)
{
	int wards = 0, from = 365, days = 365;
	long scored = 0;
	char *generated = NULL;
	const char *json, *name = "default world";
	size_t len = 0;
	struct smug_world *w = NULL;
	struct smug_error err;
	struct smug_explanation *x = malloc(sizeof *x);
	char label[48];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--wards") == 0 && i + 1 < argc)
			wards = atoi(argv[++i]);
		else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = atoi(argv[++i]);
		else if (strcmp(argv[i], "--days") == 0 && i + 1 < argc)
			days = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: reuse [--wards N] [--from DAY] [--days N]\n");
			return 2;
		}
	}
	keys = calloc(KEYS_CAP, sizeof *keys);
	edges = calloc(EDGES_CAP, sizeof *edges);
	moves = malloc(SAMPLES_CAP * sizeof *moves);
	leads = malloc(SAMPLES_CAP * sizeof *leads);
	checks = malloc(CHECKS_CAP * sizeof *checks);
	if (!x || !keys || !edges || !moves || !leads || !checks || from < 0 || days < 2) {
		fprintf(stderr, "reuse: out of memory or bad --from/--days\n");
		return 1;
	}
	if (wards > 0) {
		generated = smug_scenario_generate(wards, 42, 6);
		json = generated;
		len = generated ? strlen(generated) : 0;
		snprintf(label, sizeof label, "generated %d wards", wards);
		name = label;
	} else {
		json = smug_default_scenario(&len);
	}
	if (json == NULL) {
		fprintf(stderr, "reuse: cannot make the world\n");
		return 1;
	}
	if (smug_world_load_json(json, len, name, &w, &err) != SMUG_OK) {
		fprintf(stderr, "reuse: %s\n", err.msg);
		return 1;
	}
	smug_journal_set_check_every(w, 0);
	smug_cmd_step(w, from);
	for (int day = 0; day < days; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			scored += w->decisions[i].n_cand >= 3;
			note_decision(w, i, x);
		}
	}
	sort_doubles(moves, (size_t)n_moves);
	sort_doubles(leads, (size_t)n_leads);
	{
		long zero = 0;
		double *d = malloc((size_t)(n_checks ? n_checks : 1) * sizeof *d);
		const double bounds[] = {quantile(moves, n_moves, 1.0), quantile(moves, n_moves, 0.99),
					 quantile(moves, n_moves, 0.9), 0.01, 0.005, 0.001,
					 quantile(moves, n_moves, 0.5), quantile(moves, n_moves, 0.5) / 10};
		const char *why[] = {"the largest movement seen", "its 99th percentile", "its 90th percentile",
				     "", "", "", "its median", "a tenth of its median"};

		for (long i = 0; i < n_moves; i++)
			zero += moves[i] == 0;
		for (long i = 0; i < n_checks; i++)
			d[i] = checks[i].days;
		sort_doubles(d, (size_t)n_checks);
		printf("%s, days %d-%d: %ld decisions scored 3 candidates or more; %ld scored again a\n"
		       "key scored before with the same candidates (%ld keys and %ld edge terms did not fit)\n",
		       name, from + 1, from + days, scored, n_checks, n_keys_full, n_edges_full);
		printf("days since that key's last scoring: median %.0f, 90th percentile %.0f\n",
		       quantile(d, n_checks, 0.5), quantile(d, n_checks, 0.9));
		printf("an edge's term, (expected loss + cost) / cargo value, from one day to the next\n"
		       "(%ld pairs, %.1f%% unmoved): median %.3g, 90th percentile %.3g, 99th %.3g, largest %.3g\n",
		       n_moves, n_moves ? 100.0 * (double)zero / (double)n_moves : 0.0, quantile(moves, n_moves, 0.5),
		       quantile(moves, n_moves, 0.9), quantile(moves, n_moves, 0.99), quantile(moves, n_moves, 1.0));
		printf("the third candidate's score above the runner-up's, / cargo value (%ld decisions):\n"
		       "median %.3g, 25th percentile %.3g, 75th %.3g\n",
		       n_leads, quantile(leads, n_leads, 0.5), quantile(leads, n_leads, 0.25),
		       quantile(leads, n_leads, 0.75));
		printf("\n%-10s %-26s %s\n", "bound", "(per edge and day)", "re-scorings whose other candidates it would skip");
		for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
			long ok = reusable(bounds[i]);

			printf("%-10.3g %-26s %ld / %ld (%.1f%%)\n", bounds[i], why[i], ok, n_checks,
			       n_checks ? 100.0 * (double)ok / (double)n_checks : 0.0);
		}
		free(d);
	}
	smug_world_free(w);
	free(generated);
	free(x);
	free(keys);
	free(edges);
	free(moves);
	free(leads);
	free(checks);
	return 0;
}
