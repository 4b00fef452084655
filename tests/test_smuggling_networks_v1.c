/* Smuggling Networks v1, spec §12 T1–T6 plus the cat-and-mouse loop on
 * the default world. Each test drives real days through smug_cmd_step
 * and asserts what a designer would see: shipments, routes, bribes,
 * seizures, balances, digests. */
#include <check.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "smugnet/vault.h"
#include "test_util.h"

static struct smug_world *load_default(void)
{
	return test_default_at(0);
}

static struct smug_world *load_tiny(void)
{
	return test_load_file(SRCDIR "/data/tiny.json");
}

static int64_t balance_of(const struct smug_world *w, const char *faction)
{
	int f = smug_world_find_faction(w, faction);

	ck_assert_int_ge(f, 0);
	return w->ledger.accounts[w->factions[f].account].balance;
}

/* What the ledger's reasons say all factions gained, in all: every
 * credit a faction gained or lost is accounted for by a reason. */
static int64_t factions_net_by_reason(const struct smug_ledger *l)
{
	return l->by_reason[SMUG_TX_SMUGGLING_PROFIT] -
	       l->by_reason[SMUG_TX_CARGO_PURCHASE] - l->by_reason[SMUG_TX_CUSTOMS_TARIFF] -
	       l->by_reason[SMUG_TX_CUSTOMS_BRIBE] - l->by_reason[SMUG_TX_SEIZURE_PENALTY] -
	       l->by_reason[SMUG_TX_UPKEEP];
}

/* The ward whose customs a shipment meets at border corridor c. */
static int bribe_dest(const struct smug_world *w, const struct smug_shipment *s, int c)
{
	for (int e = 0; e + 1 < s->n_nodes; e++)
		if (s->corridors[e] == c)
			return smug_corridor_dest_ward(w, c, s->nodes[e]);
	ck_abort_msg("corridor %d is not on the shipment's route", c);
	return -1;
}

/* ---- T1 determinism ---- */

START_TEST(test_smuggling_same_world_same_choices)
{
	struct smug_world *a = load_default(), *b = load_default();

	for (int day = 0; day < 90; day++) {
		smug_cmd_step(a, 1);
		smug_cmd_step(b, 1);
		ck_assert_int_eq(a->n_decisions, b->n_decisions);
		for (int i = 0; i < a->n_decisions; i++) {
			const struct smug_decision *x = &a->decisions[i], *y = &b->decisions[i];

			ck_assert_int_eq(x->winner, y->winner);
			ck_assert_int_eq(x->n_cand, y->n_cand);
			ck_assert_uint_eq(x->shipment, y->shipment);
			ck_assert_int_eq(x->bribe_total, y->bribe_total);
			ck_assert_int_eq(x->route_len, y->route_len);
			ck_assert(memcmp(x->route, y->route, sizeof(int) * (size_t)x->route_len) == 0);
		}
		ck_assert_int_eq(a->n_shipments, b->n_shipments);
		for (int i = 0; i < a->n_shipments; i++) {
			ck_assert_int_eq(smug_shipment_in_transit(a, i)->n_bribes, smug_shipment_in_transit(b, i)->n_bribes);
			for (int k = 0; k < smug_shipment_in_transit(a, i)->n_bribes; k++) {
				ck_assert_int_eq(smug_shipment_in_transit(a, i)->bribe_map[k].corridor,
						 smug_shipment_in_transit(b, i)->bribe_map[k].corridor);
				ck_assert_int_eq(smug_shipment_in_transit(a, i)->bribe_map[k].amount,
						 smug_shipment_in_transit(b, i)->bribe_map[k].amount);
			}
		}
		ck_assert_uint_eq(smug_world_digest(a), smug_world_digest(b));
	}
	ck_assert_int_gt(a->tel.total.shipments_created, 100);
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

START_TEST(test_smuggling_choices_are_real)
{
	/* The default world offers real choices: several candidate routes per
	 * decision; the winner is the best-scoring one, which is often not the
	 * shortest (the first candidate), and then the shortest really scored
	 * worse; and a lane changes its route between days while its
	 * candidates stay the same, because the scores moved. */
	struct smug_world *w = load_default();
	struct smug_explanation *x = malloc(sizeof *x);
	struct lane {
		int faction, commodity, src, dst, n_cand, winner_len, winner[SMUG_ROUTE_MAX_NODES];
	} *lanes = calloc(4096, sizeof *lanes);
	int n_lanes = 0, multi = 0, not_shortest = 0, switched = 0;

	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(lanes);
	for (int day = 0; day < 60; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			struct lane *l = NULL;

			if (d->winner < 0 || d->n_cand < 2)
				continue;
			multi++;
			if (d->winner > 0 && !d->explore) {
				ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
				ck_assert(x->cand[0].score > x->cand[d->winner].score);
				ck_assert(x->cand[0].n_nodes != d->route_len ||
					  memcmp(x->cand[0].nodes, d->route, sizeof(int) * (size_t)d->route_len) != 0);
				not_shortest++;
			}
			for (int k = 0; k < n_lanes && l == NULL; k++)
				if (lanes[k].faction == d->faction && lanes[k].commodity == (int)d->commodity &&
				    lanes[k].src == d->src_ward && lanes[k].dst == d->dst_ward)
					l = &lanes[k];
			if (l == NULL) {
				ck_assert_int_lt(n_lanes, 4096);
				l = &lanes[n_lanes++];
				*l = (struct lane){d->faction, (int)d->commodity, d->src_ward, d->dst_ward, d->n_cand, -1, {0}};
			} else if (l->n_cand == d->n_cand && l->winner_len >= 0 &&
				   (l->winner_len != d->route_len ||
				    memcmp(l->winner, d->route, sizeof(int) * (size_t)d->route_len) != 0)) {
				switched++;
			}
			l->n_cand = d->n_cand;
			l->winner_len = d->route_len;
			memcpy(l->winner, d->route, sizeof(int) * (size_t)d->route_len);
		}
	}
	ck_assert_int_gt(multi, 100);
	ck_assert_int_gt(not_shortest, multi / 20);
	ck_assert_int_gt(switched, 5);
	free(lanes);
	free(x);
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_seed_changes_outcomes)
{
	struct smug_world *a = load_default(), *b = load_default();

	ck_assert_int_eq(smug_world_reseed(b, 8, NULL), SMUG_OK);
	smug_cmd_step(a, 60);
	smug_cmd_step(b, 60);
	ck_assert_uint_ne(smug_world_digest(a), smug_world_digest(b));
	ck_assert(a->tel.total.seized != b->tel.total.seized ||
		  a->tel.total.delivered != b->tel.total.delivered ||
		  a->tel.total.bribes_spent != b->tel.total.bribes_spent);
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* ---- T2 boundedness ---- */

START_TEST(test_smuggling_edge_stats_bounded)
{
	/* a generated world of 360 wards offers hundreds of distinct borders */
	char *json = smug_scenario_generate(360, 5, 6);
	struct smug_world *w = NULL;
	struct smug_error err;
	int touched = 0;

	ck_assert_ptr_nonnull(json);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "gen-360", &w, &err) == SMUG_OK, "%s",
		      err.msg);
	free(json);

	w->cfg.smuggling.border_topk = 8;
	for (int day = 0; day < 365; day++) {
		smug_cmd_step(w, 1);
		for (int f = 0; f < w->n_factions; f++)
			ck_assert_int_le(w->factions[f].net.n_edge_stats, 8);
	}
	for (int c = 0; c < w->n_corridors; c++)
		touched += w->border_stats[c].traffic > 0;
	ck_assert_int_gt(touched, 40); /* far more distinct borders than the bound */
	for (int f = 0; f < w->n_factions; f++)
		if (w->factions[f].runs_network)
			ck_assert_int_eq(w->factions[f].net.n_edge_stats, 8);
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_route_evaluation_bounded)
{
	struct smug_world *w = load_default();

	w->cfg.smuggling.route_topk = 5;
	smug_cmd_step(w, 30);
	ck_assert_int_eq(w->max_route_evals_per_decision, 5);
	for (int i = 0; i < w->n_decisions; i++)
		ck_assert_int_le(w->decisions[i].n_cand, 5);
	ck_assert_int_le(w->route_evals_today, 5 * w->n_decisions);
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_shipments_per_day_capped)
{
	struct smug_world *w = load_default();

	w->cfg.smuggling.max_shipments_per_day = 3;
	for (int day = 0; day < 120; day++) {
		smug_cmd_step(w, 1);
		ck_assert_int_le(w->tel.today.shipments_created, 3);
	}
	ck_assert_int_gt(w->tel.total.shipments_created, 200);
	smug_world_free(w);
}
END_TEST

/* ---- T3 bribes from the planner's own allocation ---- */

static const struct smug_shipment *shipment_by_id(const struct smug_world *w, uint64_t id)
{
	for (int i = 0; i < w->n_shipments; i++)
		if (smug_shipment_in_transit(w, i)->id == id)
			return smug_shipment_in_transit(w, i);
	return NULL;
}

/* The road holds SMUG_SHIPMENT_CAP shipments: on a road forty days long a
 * rich crew fills it, the planner then skips as "transit_full", and every
 * decision it reports as sent is a shipment on the road. */
START_TEST(test_smuggling_full_road_skips_instead_of_sending)
{
	struct smug_world *w = test_load_file(SRCDIR "/tests/data/long-road.json");
	int full = 0, sent = 0;

	for (int day = 0; day < 45; day++) {
		smug_cmd_step(w, 1);
		ck_assert_int_le(w->n_shipments, SMUG_SHIPMENT_CAP);
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];

			full += d->skip == SMUG_SKIP_TRANSIT_FULL;
			if (d->skip != SMUG_SKIP_NONE)
				continue;
			sent++;
			ck_assert_msg(shipment_by_id(w, d->shipment) != NULL,
				      "day %d: decision %d reports shipment %llu sent, it is not on the road (%d are)",
				      w->day, i, (unsigned long long)d->shipment, w->n_shipments);
		}
	}
	ck_assert_int_gt(full, 0);
	ck_assert_int_gt(sent, SMUG_SHIPMENT_CAP);
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_planner_bribes_lower_seizure_bounded)
{
	struct smug_world *w = load_default();
	int checked = 0, paid = 0;

	smug_cmd_step(w, 20);
	for (int i = 0; i < w->n_shipments && checked < 20; i++) {
		const struct smug_shipment *s = smug_shipment_in_transit(w, i);

		for (int k = 0; k < s->n_bribes; k++) {
			int c = s->bribe_map[k].corridor, from = -1;
			struct customs_probs with, without, crack;

			for (int e = 0; e + 1 < s->n_nodes; e++)
				if (s->corridors[e] == c)
					from = s->nodes[e];
			ck_assert_int_ge(from, 0);
			customs_probs(w, c, smug_corridor_dest_ward(w, c, from), 1.0, s->value,
				      s->bribe_map[k].amount, true, &with);
			customs_probs(w, c, smug_corridor_dest_ward(w, c, from), 1.0, s->value, 0, true,
				      &without);
			ck_assert_double_lt(with.p_seize, without.p_seize);
			ck_assert_double_le(without.p_seize - with.p_seize,
					    without.p_inspect * without.p_detect *
						    w->cfg.customs.bribery_effect_max + 1e-12);
			ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[c].id, 1.0, -1, NULL),
					 SMUG_OK);
			customs_probs(w, c, smug_corridor_dest_ward(w, c, from), 1.0, s->value,
				      s->bribe_map[k].amount, true, &crack);
			ck_assert_double_gt(crack.p_seize, with.p_seize);
			ck_assert_double_lt(crack.bribe_boost, with.bribe_boost);
			ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[c].id, NULL), SMUG_OK);
			checked++;
		}
	}
	ck_assert_int_gt(checked, 5);

	/* What the planner allotted is what an officer who takes the bribe is
	 * paid, out of the faction's own account into the black market. */
	for (int i = 0; i < w->n_shipments && paid < 10; i++) {
		struct smug_shipment s = *smug_shipment_in_transit(w, i);
		struct smug_world *c = smug_world_clone(w);
		struct smug_ledger *l = &c->ledger;

		for (int k = 0; k < s.n_bribes; k++) {
			int corridor = s.bribe_map[k].corridor, from = -1, dest, acct = c->factions[s.faction].account;
			int64_t bal0 = l->accounts[acct].balance, bm0 = l->accounts[l->blackmarket].balance;
			int64_t b0 = c->border_stats[corridor].bribes, before = s.bribes_paid;
			struct customs_probs p;

			for (int e = 0; e + 1 < s.n_nodes; e++)
				if (s.corridors[e] == corridor)
					from = s.nodes[e];
			dest = smug_corridor_dest_ward(c, corridor, from);
			/* this officer inspects, finds the contraband and always takes it */
			c->cfg.customs.base_inspection_rate = 1;
			c->cfg.customs.contraband_detection_base = 1;
			c->wards[dest].customs.contraband_bias = 0;
			c->wards[dest].customs.inspection_bias = 0;
			c->wards[dest].customs.bribe_tolerance = 1;
			c->wards[dest].customs.enforcement_points = 0;
			c->wards[dest].sig.corruption = 0;
			c->commodities[s.commodity].heat = 1;
			customs_probs(c, corridor, dest, 1.0, s.value, s.bribe_map[k].amount, true, &p);
			ck_assert_double_eq(p.p_accept, 1.0);
			ck_assert_double_eq(p.p_inspect * p.p_detect, 1.0);
			ck_assert_int_eq(customs_cross(c, &s, corridor, dest), SMUG_OUTCOME_IN_TRANSIT);
			ck_assert_int_eq(s.bribes_paid - before, s.bribe_map[k].amount);
			ck_assert_int_eq(c->border_stats[corridor].bribes - b0, s.bribe_map[k].amount);
			ck_assert_int_eq(l->accounts[l->blackmarket].balance - bm0, s.bribe_map[k].amount);
			ck_assert_int_eq(bal0 - l->accounts[acct].balance, s.bribe_map[k].amount + p.tariff);
			paid++;
		}
		smug_world_free(c);
	}
	ck_assert_int_gt(paid, 5);
	smug_world_free(w);
}
END_TEST

/* The planner's bribe maps: only borders of the shipment's own route, a
 * total that is the shipment's bribe budget, all of a faction's bribes of
 * a day within its daily budget (balance x bribe_budget_fraction), and no
 * border given more than the offer the faction means to make there
 * (bribe_offer_ratio x the required bribe it estimates). */
START_TEST(test_smuggling_planner_bribes_within_budget_and_caps)
{
	struct smug_world *w = load_default();
	int maps = 0, days_with_bribes = 0;

	for (int day = 0; day < 60; day++) {
		int64_t spent[SMUG_FACTIONS_MAX] = {0}, budget[SMUG_FACTIONS_MAX];
		int64_t balance0[SMUG_FACTIONS_MAX];
		int64_t day_total = 0;

		for (int f = 0; f < w->n_factions; f++)
			balance0[f] = w->ledger.accounts[w->factions[f].account].balance;
		smug_cmd_step(w, 1);
		for (int f = 0; f < w->n_factions; f++)
			budget[f] = -1;
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			const struct smug_shipment *s;
			int64_t sum = 0;

			ck_assert(budget[d->faction] < 0 || budget[d->faction] == d->bribe_budget);
			budget[d->faction] = d->bribe_budget;
			ck_assert_int_le(d->bribe_budget,
					 (int64_t)((double)balance0[d->faction] *
						   w->factions[d->faction].net.bribe_budget_fraction) + 1);
			if (d->shipment == 0)
				continue;
			spent[d->faction] += d->bribe_total;
			day_total += d->bribe_total;
			s = shipment_by_id(w, d->shipment);
			if (s == NULL) /* delivered or lost on its first day */
				continue;
			ck_assert_int_eq(s->bribe_budget_total, d->bribe_total);
			for (int k = 0; k < s->n_bribes; k++) {
				bool on_route = false;

				for (int e = 0; e + 1 < s->n_nodes; e++)
					on_route |= s->corridors[e] == s->bribe_map[k].corridor;
				ck_assert(on_route);
				ck_assert(w->corridors[s->bribe_map[k].corridor].border);
				ck_assert_int_gt(s->bribe_map[k].amount, 0);
				ck_assert_int_le(s->bribe_map[k].amount,
						 (int64_t)(w->cfg.smuggling.bribe_offer_ratio *
							   w->cfg.customs.bribe_required_fraction * (double)s->value *
							   (1.0 - customs_corruptibility(
									  w, bribe_dest(w, s, s->bribe_map[k].corridor)))) +
							 1);
				if (k > 0)
					ck_assert_int_lt(s->bribe_map[k - 1].corridor, s->bribe_map[k].corridor);
				sum += s->bribe_map[k].amount;
			}
			ck_assert_int_eq(sum, s->bribe_budget_total);
			maps += s->n_bribes > 0;
		}
		for (int f = 0; f < w->n_factions; f++)
			if (budget[f] >= 0)
				ck_assert_int_le(spent[f], budget[f]);
		days_with_bribes += day_total > 0;
	}
	ck_assert_int_gt(maps, 100);
	ck_assert_int_gt(days_with_bribes, 50);
	smug_world_free(w);
}
END_TEST

/* A faction learns what share of its intended offers its budget covers
 * (offer_fill, which its expected offer follows), whatever the size of
 * the offers: with a budget that rounds to nothing (bribe_budget_fraction
 * 1e-12 of its balance) it covers none, and offer_fill falls from 1 toward
 * 0, at the largest offer ratio and at one whose offers are a fraction
 * of a minor unit; with its usual budget the tiny offers are covered
 * whole and offer_fill stays 1. On the tiny world, 20 days. */
START_TEST(test_smuggling_offer_fill_is_the_covered_share_of_any_offer)
{
	static const struct {
		const char *ratio, *fraction;
		bool covered;
	} runs[] = {{"4", "1e-12", false}, {"1e-6", "1e-12", false}, {"1e-6", "0.004", true}};

	for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
		struct smug_world *w = load_tiny();
		struct smug_error err;
		const struct smug_network *n = &w->factions[0].net;
		int borders = 0;

		ck_assert_int_eq(smug_config_set(w, "smuggling.bribe_offer_ratio", runs[r].ratio, &err), SMUG_OK);
		ck_assert_int_eq(smug_config_set(w, "smuggling.bribe_budget_fraction", runs[r].fraction, &err), SMUG_OK);
		for (int day = 0; day < 20; day++) {
			smug_cmd_step(w, 1);
			for (int i = 0; i < w->n_decisions; i++)
				borders += w->decisions[i].shipment != 0 ? w->decisions[i].route_borders : 0;
		}
		ck_assert_int_gt(borders, 20); /* offers were meant at borders */
		if (runs[r].covered)
			ck_assert_msg(n->offer_fill == 1.0, "offer ratio %s, fraction %s: offer_fill %.4f, want 1",
				      runs[r].ratio, runs[r].fraction, n->offer_fill);
		else
			ck_assert_msg(n->offer_fill < 0.1,
				      "offer ratio %s, fraction %s (no budget): offer_fill %.4f, want it near 0",
				      runs[r].ratio, runs[r].fraction, n->offer_fill);
		smug_world_free(w);
	}
}
END_TEST

/* ---- auditable: the explanation agrees with the plan ---- */

/* Check explanation x against decision d: same candidates, the winner and
 * runner-up are the smallest scores, the stored score and margin match to
 * the bit, and the route kept is the winner's, or an exploration pick;
 * its demand and source scores are the sums of their terms. */
static void check_explanation(const struct smug_decision *d, const struct smug_explanation *x)
{
	double demand = 0, source = 0;

	/* explain prints "demand S = term + term + ...": the sum holds */
	for (int i = 0; i < SMUG_DEMAND_TERMS; i++)
		demand += d->demand.term[i];
	for (int i = 0; i < SMUG_SOURCE_TERMS; i++)
		source += d->source.term[i];
	ck_assert_msg(fabs(d->demand.score - demand) < 1e-9 && fabs(d->source.score - source) < 1e-9,
		      "demand %.3f = terms adding to %.3f; source %.3f = terms adding to %.3f", d->demand.score,
		      demand, d->source.score, source);
	ck_assert_int_eq(x->n_cand, d->n_cand);
	if (d->winner < 0)
		return;
	for (int i = 0; i < x->n_cand; i++) {
		ck_assert(x->cand[i].score >= x->cand[d->winner].score);
		if (i < d->winner)
			ck_assert(x->cand[i].score > x->cand[d->winner].score);
	}
	ck_assert(x->cand[d->winner].score == d->winner_score);
	ck_assert(d->chosen == d->winner || d->explore);
	ck_assert_int_eq(x->cand[d->chosen].n_nodes, d->route_len);
	ck_assert(memcmp(x->cand[d->chosen].nodes, d->route, sizeof(int) * (size_t)d->route_len) == 0);
	if (d->runner >= 0) {
		ck_assert(x->cand[d->runner].score - x->cand[d->winner].score == d->margin);
		ck_assert(x->flip[0] != '\0');
	} else {
		/* the only candidate wins by no margin: the routes pane and a saved seed show none */
		ck_assert_msg(d->margin == 0 && x->margin == 0, "the only candidate wins by a margin of %g", d->margin);
	}
}

/* The flip text names the smallest single change of one estimate that
 * flips the choice: "<risk_est|cost_est> of <corridor> from A to B flips
 * to candidate #k". Check it against the candidates' own terms: the edge
 * is on the winner or the runner-up only, A is its estimate, and moving
 * it to B makes the two scores meet. Returns true when a flip was named. */
static bool check_flip(const struct smug_world *w, const struct smug_decision *d,
		       const struct smug_explanation *x)
{
	char what[16], corridor[2 * SMUG_ID_MAX + 2];
	double from, to, v = (double)d->value, pen = 1.0 + w->commodities[d->commodity].seizure_penalty;
	int k, c, side = -1;
	const struct smug_explain_edge *edge = NULL;

	if (strncmp(x->flip, "no single estimate change", 25) == 0)
		return false;
	ck_assert_msg(sscanf(x->flip, "%15s of %79s from %lf to %lf flips to candidate #%d", what, corridor, &from,
			     &to, &k) == 5, "flip text '%s'", x->flip);
	ck_assert_int_eq(k, d->runner + 1);
	c = smug_world_find_corridor(w, corridor);
	ck_assert_int_ge(c, 0);
	for (int s = 0; s < 2; s++) {
		const struct smug_explain_candidate *cd = &x->cand[s == 0 ? d->winner : d->runner];

		for (int e = 0; e + 1 < cd->n_nodes; e++)
			if (cd->edges[e].corridor == c) {
				ck_assert_msg(side < 0, "flip edge %s is on both routes", corridor);
				side = s;
				edge = &cd->edges[e];
			}
	}
	ck_assert_msg(edge != NULL, "flip edge %s is on neither route", corridor);
	ck_assert(from >= 0 && from <= 1 && to >= 0 && to <= 1);
	/* the winner's estimate goes up, the runner-up's goes down */
	ck_assert_msg(side == 0 ? to >= from : to <= from, "flip '%s' on side %d, margin %g", x->flip, side, d->margin);
	if (strcmp(what, "risk_est") == 0) {
		ck_assert_double_eq_tol(from, edge->risk_est, 0.0005);
		ck_assert_double_eq_tol(fabs(to - from) * v * pen, d->margin, 0.0011 * v * pen + 1e-6);
	} else {
		ck_assert_str_eq(what, "cost_est");
		ck_assert(edge->border);
		ck_assert_double_eq_tol(from, edge->cost_est, 0.0005);
		ck_assert_double_eq_tol(fabs(to - from) * v, d->margin, 0.0011 * v + 1e-6);
	}
	return true;
}

/* At route_topk's largest value, with lanes that have that many
 * candidate routes, the why of a decision still lists exactly its
 * candidates and names its winner, runner-up and margin. */
START_TEST(test_smuggling_explanation_at_the_largest_route_topk)
{
	struct smug_world *w = load_default();
	struct smug_explanation *x = malloc(sizeof *x);
	struct smug_error err;
	char topk[8];
	int full = 0;

	ck_assert_ptr_nonnull(x);
	snprintf(topk, sizeof topk, "%d", SMUG_ROUTE_TOPK_MAX);
	ck_assert_int_eq(smug_config_set(w, "smuggling.route_topk", topk, &err), SMUG_OK);
	smug_cmd_step(w, 3);
	for (int i = 0; i < w->n_decisions; i++) {
		if (w->decisions[i].n_cand < SMUG_ROUTE_TOPK_MAX)
			continue;
		ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
		check_explanation(&w->decisions[i], x);
		ck_assert_int_eq(x->winner, w->decisions[i].winner);
		ck_assert_int_eq(x->runner, w->decisions[i].runner);
		ck_assert(x->margin == w->decisions[i].margin);
		full++;
	}
	ck_assert_int_gt(full, 0);
	smug_world_free(w);
	free(x);
}
END_TEST

/* On a world of one road (tests/data/long-road.json) every decision has
 * one candidate: it wins by no margin, in the plan and its explanation
 * (the Routes pane reads "the only candidate", a saved seed margin 0). */
START_TEST(test_smuggling_only_candidate_wins_by_no_margin)
{
	struct smug_world *w = test_load_file(SRCDIR "/tests/data/long-road.json");
	struct smug_explanation *x = malloc(sizeof *x);
	int alone = 0;

	ck_assert_ptr_nonnull(x);
	for (int day = 0; day < 5; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
			check_explanation(&w->decisions[i], x);
			alone += w->decisions[i].winner >= 0 && w->decisions[i].runner < 0;
		}
	}
	ck_assert_int_gt(alone, 0);
	free(x);
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_explanation_matches_plan)
{
	struct smug_world *w = load_default(), *copy;
	struct smug_explanation *x = malloc(sizeof *x), *y = malloc(sizeof *y);
	int explained = 0, learned = 0, flips = 0, risk_flips = 0;

	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	for (int day = 0; day < 120; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
			check_explanation(&w->decisions[i], x);
			if (w->decisions[i].runner >= 0 && check_flip(w, &w->decisions[i], x)) {
				flips++;
				risk_flips += strncmp(x->flip, "risk_est", 8) == 0;
			}
			for (int c = 0; c < x->n_cand; c++)
				for (int e = 0; e + 1 < x->cand[c].n_nodes; e++)
					learned += x->cand[c].edges[e].known;
			explained++;
		}
	}
	ck_assert_int_gt(explained, 1000);
	ck_assert_int_gt(flips, explained / 2);
	ck_assert_int_gt(risk_flips, 0);
	ck_assert_int_gt(learned, 0); /* estimates learned during the plan, not only priors */
	/* a copy (fresh caches) explains the same decisions identically */
	copy = smug_world_clone(w);
	for (int i = 0; i < w->n_decisions; i++) {
		ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
		ck_assert_int_eq(smug_explain_decision(copy, i, y), SMUG_OK);
		ck_assert_int_eq(x->n_cand, y->n_cand);
		for (int c = 0; c < x->n_cand; c++)
			ck_assert(x->cand[c].score == y->cand[c].score);
		ck_assert_str_eq(x->flip, y->flip);
	}
	ck_assert_int_eq(smug_explain_decision(w, w->n_decisions, x), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_explain_decision(w, -1, x), SMUG_ERR_ARG);
	smug_world_free(copy);
	smug_world_free(w);
	free(x);
	free(y);
}
END_TEST

/* The loss knobs set during a run (hazard_loss_share, max_delays) price
 * tomorrow's plan: every unlearned edge's predation follows them, so the
 * plan's scores still match the explanation, which prices from scratch. */
START_TEST(test_smuggling_plan_follows_loss_knobs_set_during_a_run)
{
	struct smug_world *w = load_default();
	struct smug_explanation *x = malloc(sizeof *x);
	int scored = 0;

	ck_assert_ptr_nonnull(x);
	smug_cmd_step(w, 10);
	w->cfg.smuggling.hazard_loss_share = 0.9;
	w->cfg.smuggling.max_delays = 0;
	for (int day = 0; day < 5; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
			check_explanation(&w->decisions[i], x);
			scored += w->decisions[i].winner >= 0;
		}
	}
	ck_assert_int_gt(scored, 20);
	smug_world_free(w);
	free(x);
}
END_TEST

/* ---- ROUTE_UPDATE: a lane's new route is logged with the edge that moved it ---- */

static bool on_route(const int *nodes, int n, const struct smug_world *w, int corridor)
{
	for (int i = 0; i + 1 < n; i++) {
		const struct smug_corridor *k = &w->corridors[corridor];

		if ((nodes[i] == k->a && nodes[i + 1] == k->b) || (nodes[i] == k->b && nodes[i + 1] == k->a))
			return true;
	}
	return false;
}

/* A ROUTE_UPDATE reads "<edge id> <risk, 3 decimals> <src>-><dst>" when
 * an edge moved the choice, else "<src>-><dst> now <new route>" (ids cut
 * at 38 and 20 bytes, the route at 40). */
static void assert_route_update_text(const struct smug_world *w, const struct smug_event *e)
{
	char want[256], lane[2 * SMUG_ID_MAX + 4];
	double risk = -1;

	snprintf(lane, sizeof lane, "%.20s->%.20s", w->wards[e->src_ward].id, w->wards[e->dst_ward].id);
	if (e->corridor >= 0) {
		const char *id = w->corridors[e->corridor].id;
		size_t n = strlen(id) < 38 ? strlen(id) : 38;

		ck_assert_msg(strncmp(event_text(w, e), id, n) == 0 && event_text(w, e)[n] == ' ' &&
				      sscanf(event_text(w, e) + n + 1, "%lf", &risk) == 1,
			      "route update '%s' does not start with its edge and risk", event_text(w, e));
		ck_assert(risk >= 0 && risk <= 1);
		snprintf(want, sizeof want, "%.38s %.3f %s", id, risk, lane);
		want[SMUG_EVENT_TEXT_MAX - 1] = '\0'; /* the text's room */
		ck_assert_str_eq(event_text(w, e), want);
	} else {
		snprintf(want, sizeof want, "%s now ", lane);
		ck_assert_msg(strncmp(event_text(w, e), want, strlen(want)) == 0 && strlen(event_text(w, e) + strlen(want)) > 0 &&
				      strlen(event_text(w, e) + strlen(want)) <= 40,
			      "route update '%s' does not read '%s<route>'", event_text(w, e), want);
	}
}

/* The risk in a route update reads as printf's "%.3f" prints it: every
 * step of 1e-5 in [0, 1], the values nearest each halfway point k.5/1000,
 * exact binary halves (0.0625 reads 0.062, 0.1875 reads 0.188), the
 * smallest and largest shares, -0 and values outside [0, 1]. */
static void assert_fixed3_as_printf(double v)
{
	char want[64], got[64];
	struct sbuf sb;

	snprintf(want, sizeof want, "%.3f", v);
	sb_init(&sb, got, sizeof got);
	sb_fixed3(&sb, v);
	ck_assert_msg(strcmp(got, want) == 0, "%.17g reads '%s', printf writes '%s'", v, got, want);
}

START_TEST(test_smuggling_risk_text_reads_as_printf)
{
	double extra[] = {0.0, -0.0, 1.0, 5e-324, 1e-300, 0.0625, 0.1875, 0.0005, 0.9995,
			  nextafter(1.0, 0.0), 2.5, -0.25, 1e300, NAN};

	for (int i = 0; i <= 100000; i++)
		assert_fixed3_as_printf(i / 100000.0);
	for (int k = 0; k < 1000; k++) {
		double x = (k + 0.5) / 1000.0;

		assert_fixed3_as_printf(x);
		assert_fixed3_as_printf(nextafter(x, 0.0));
		assert_fixed3_as_printf(nextafter(x, 1.0));
	}
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		assert_fixed3_as_printf(extra[i]);
}
END_TEST

/* On the tiny world the edge that moves a lane is often its first
 * corridor, n:a|n:b, index 0: such an update names it like any other
 * (corridor index 0 is an edge, not "none"). */
START_TEST(test_smuggling_route_update_names_corridor_0)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	int updates = 0, first = 0;

	smug_cmd_step(w, 120);
	for (int i = 0; i < w->tel.event_count; i++) {
		const struct smug_event *e = smug_event_at(&w->tel, i);

		if (e->kind != SMUG_EV_ROUTE_UPDATE)
			continue;
		assert_route_update_text(w, e);
		updates++;
		first += e->corridor == 0;
	}
	ck_assert_msg(first > 0, "120 days of the tiny world: %d route updates, none moved by %s", updates,
		      w->corridors[0].id);
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_route_update_names_the_moved_edge)
{
	struct smug_world *w = load_default();
	struct smug_lane *before = calloc((size_t)w->n_factions * SMUG_LANE_CAP, sizeof *before);
	int *n_before = calloc((size_t)w->n_factions, sizeof *n_before), updates = 0, expected = 0;

	ck_assert_ptr_nonnull(before);
	for (int day = 0; day < 90; day++) {
		uint64_t ev0 = w->tel.events_total;
		int fresh;

		for (int f = 0; f < w->n_factions; f++) {
			n_before[f] = w->factions[f].net.n_lanes;
			memcpy(&before[f * SMUG_LANE_CAP], w->factions[f].net.lanes,
			       (size_t)n_before[f] * sizeof before[0]);
		}
		smug_cmd_step(w, 1);
		fresh = (int)(w->tel.events_total - ev0);
		ck_assert_int_le(fresh, w->tel.event_count);
		/* a lane that had a route yesterday and changed it today is logged */
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			const struct smug_lane *l = NULL;
			bool logged = false, first = true;
			char lane_text[2 * SMUG_ID_MAX + 4];

			if (d->shipment == 0)
				continue;
			for (int k = 0; k < i; k++) /* only the lane's first shipment of the day */
				first &= !(w->decisions[k].shipment && w->decisions[k].faction == d->faction &&
					   w->decisions[k].commodity == d->commodity &&
					   w->decisions[k].src_ward == d->src_ward && w->decisions[k].dst_ward == d->dst_ward);
			for (int k = 0; k < n_before[d->faction]; k++) {
				const struct smug_lane *x = &before[d->faction * SMUG_LANE_CAP + k];

				if (x->commodity == d->commodity && x->src_ward == d->src_ward && x->dst_ward == d->dst_ward)
					l = x;
			}
			if (!first || l == NULL || (l->route_len == d->route_len &&
						    memcmp(l->route_nodes, d->route, sizeof(int) * (size_t)d->route_len) == 0))
				continue;
			expected++;
			snprintf(lane_text, sizeof lane_text, "%s->%s", w->wards[d->src_ward].id, w->wards[d->dst_ward].id);
			/* the day's first update of the lane (a later one, after an
			 * exploration pick, compares with the route sent before it) */
			for (int k = w->tel.event_count - fresh; k < w->tel.event_count && !logged; k++) {
				const struct smug_event *e = smug_event_at(&w->tel, k);

				if (e->kind != SMUG_EV_ROUTE_UPDATE || e->faction != d->faction ||
				    e->commodity != (int)d->commodity || strstr(event_text(w, e), lane_text) == NULL)
					continue;
				logged = true;
				/* the named edge was on the old route and is not on the new one */
				if (e->corridor >= 0) {
					ck_assert(on_route(l->route_nodes, l->route_len, w, e->corridor));
					ck_assert(!on_route(d->route, d->route_len, w, e->corridor));
					ck_assert_ptr_nonnull(strstr(event_text(w, e), w->corridors[e->corridor].id));
				}
			}
			ck_assert_msg(logged, "day %d: %s changed its %s route without a ROUTE_UPDATE", w->day,
				      w->factions[d->faction].id, smug_commodity_name(d->commodity));
		}
		for (int k = w->tel.event_count - fresh; k < w->tel.event_count; k++) {
			const struct smug_event *e = smug_event_at(&w->tel, k);

			if (e->kind != SMUG_EV_ROUTE_UPDATE)
				continue;
			updates++;
			assert_route_update_text(w, e);
		}
	}
	ck_assert_int_gt(expected, 10);
	ck_assert_int_ge(updates, expected);
	free(before);
	free(n_before);
	smug_world_free(w);
}
END_TEST

/* A faction at its lane cap (SMUG_LANE_CAP remembered lanes) forgets the
 * lane it used longest ago when it opens a new one: the lanes it ships on
 * keep their routes, so a route change on any of them is still logged as a
 * ROUTE_UPDATE. Each network is filled to the cap with lanes last used
 * before day 0 (from a ward to itself, which no shipment takes). */
struct sent_lane {
	int faction, commodity, src, dst, len;
	int route[SMUG_ROUTE_MAX_NODES];
};

START_TEST(test_smuggling_lane_cap_forgets_the_least_recent_lane)
{
	struct smug_world *w = test_default_at(30);
	struct sent_lane *sent = calloc(4096, sizeof *sent);
	int n_sent = 0, expected = 0, opened = 0;

	ck_assert_ptr_nonnull(sent);
	for (int f = 0; f < w->n_factions; f++) {
		struct smug_network *n = &w->factions[f].net;

		for (int i = 0; i < n->n_lanes; i++) { /* the lanes known on day 30, with their last routes */
			struct sent_lane *s = &sent[n_sent++];

			*s = (struct sent_lane){f, (int)n->lanes[i].commodity, n->lanes[i].src_ward, n->lanes[i].dst_ward,
						n->lanes[i].route_len, {0}};
			memcpy(s->route, n->lanes[i].route_nodes, sizeof(int) * (size_t)s->len);
		}
		for (int k = 0; n->n_lanes < SMUG_LANE_CAP; k++) {
			struct smug_lane *l = &n->lanes[n->n_lanes++];

			memset(l, 0, sizeof *l);
			l->commodity = (enum smug_commodity)(k % SMUG_COMMODITY_COUNT);
			l->src_ward = l->dst_ward = k / SMUG_COMMODITY_COUNT % w->n_wards;
			l->last_day = -1 - k;
		}
	}
	for (int day = 0; day < 120; day++) {
		uint64_t ev0 = w->tel.events_total;
		int fresh, n_before = n_sent;

		smug_cmd_step(w, 1);
		fresh = (int)(w->tel.events_total - ev0);
		ck_assert_int_le(fresh, w->tel.event_count);
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			struct sent_lane *s = NULL;
			bool logged = false;
			char lane_text[2 * SMUG_ID_MAX + 4];

			if (d->shipment == 0)
				continue;
			for (int k = 0; k < n_sent && s == NULL; k++)
				if (sent[k].faction == d->faction && sent[k].commodity == (int)d->commodity &&
				    sent[k].src == d->src_ward && sent[k].dst == d->dst_ward)
					s = &sent[k];
			if (s == NULL) { /* a new lane: the faction forgets one */
				ck_assert_int_lt(n_sent, 4096);
				s = &sent[n_sent++];
				*s = (struct sent_lane){d->faction, (int)d->commodity, d->src_ward, d->dst_ward, 0, {0}};
				opened++;
			} else if (s - sent < n_before && (s->len != d->route_len ||
							   memcmp(s->route, d->route, sizeof(int) * (size_t)d->route_len) != 0)) {
				/* a route sent before today changed (the lane's first change today) */
				snprintf(lane_text, sizeof lane_text, "%s->%s", w->wards[d->src_ward].id,
					 w->wards[d->dst_ward].id);
				for (int k = w->tel.event_count - fresh; k < w->tel.event_count && !logged; k++) {
					const struct smug_event *e = smug_event_at(&w->tel, k);

					logged = e->kind == SMUG_EV_ROUTE_UPDATE && e->faction == d->faction &&
						 e->commodity == (int)d->commodity && strstr(event_text(w, e), lane_text) != NULL;
				}
				ck_assert_msg(logged, "day %d: %s changed its %s %s route without a ROUTE_UPDATE",
					      w->day, w->factions[d->faction].id, smug_commodity_name(d->commodity),
					      lane_text);
				expected++;
			}
		}
		/* the routes sent today, the last one of each lane */
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];

			for (int k = 0; k < n_sent && d->shipment; k++)
				if (sent[k].faction == d->faction && sent[k].commodity == (int)d->commodity &&
				    sent[k].src == d->src_ward && sent[k].dst == d->dst_ward) {
					sent[k].len = d->route_len;
					memcpy(sent[k].route, d->route, sizeof(int) * (size_t)d->route_len);
				}
		}
	}
	ck_assert_int_gt(opened, 5); /* new lanes pushed old ones out */
	ck_assert_int_gt(expected, 10);
	free(sent);
	smug_world_free(w);
}
END_TEST

/* ---- T4 learning ---- */

static int route_via(const struct smug_world *w, const struct smug_decision *d)
{
	/* tiny.json, lane ward:a -> ward:d: the middle node of the winner, b or c */
	if (d->winner < 0 || d->src_ward != smug_world_find_ward(w, "ward:a") ||
	    d->dst_ward != smug_world_find_ward(w, "ward:d") || d->route_len != 3)
		return -1;
	return d->route[1];
}

static double share_via(struct smug_world *w, int days, int node)
{
	int hit = 0, all = 0;

	for (int day = 0; day < days; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			int v = route_via(w, &w->decisions[i]);

			if (v < 0)
				continue;
			all++;
			hit += v == node;
		}
	}
	return all ? (double)hit / all : -1;
}

START_TEST(test_smuggling_seizures_raise_risk_and_shift_routes)
{
	struct smug_world *w = load_tiny();
	int f = smug_world_find_faction(w, "crew");
	int via = -1, other, border;
	char border_id[SMUG_ID_MAX * 2];
	double during, after = 0, risk0, risk1;
	const struct smug_edge_stats *st;
	struct smug_belief prior;

	/* the lane's current choice, after three weeks of learning */
	while (via < 0 && w->day < 200) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++)
			if (route_via(w, &w->decisions[i]) >= 0)
				via = route_via(w, &w->decisions[i]);
	}
	ck_assert_int_ge(via, 0);
	other = via == smug_world_find_node(w, "n:b") ? smug_world_find_node(w, "n:c")
						       : smug_world_find_node(w, "n:b");
	snprintf(border_id, sizeof border_id, "%s|n:d", w->nodes[via].id);
	border = smug_world_find_corridor(w, border_id);
	ck_assert_int_ge(border, 0);
	st = network_find_stats(w, &w->factions[f].net, border, via);
	smuggling_prior(w, &w->factions[f].net, border, via, &prior);
	risk0 = st ? st->risk_est : smuggling_belief_risk(&prior, 1.0);

	/* repeated seizures on that border raise its risk and move the lane */
	ck_assert_int_eq(smug_cmd_crackdown_set(w, border_id, 1.0, -1, NULL), SMUG_OK);
	risk1 = risk0;
	for (int day = 0; day < 40; day++) {
		smug_cmd_step(w, 1);
		st = network_find_stats(w, &w->factions[f].net, border, via);
		if (st && st->risk_est > risk1)
			risk1 = st->risk_est;
	}
	ck_assert_double_gt(risk1, risk0 + 0.1);
	during = share_via(w, 20, via);
	ck_assert_double_lt(during, 0.2);
	ck_assert_double_gt(share_via(w, 20, other), 0.8);

	/* after the pressure ends, the abandoned border is used again */
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, border_id, NULL), SMUG_OK);
	for (int k = 0; k < 10 && after < 0.3; k++)
		after = share_via(w, 30, via);
	ck_assert_double_ge(after, 0.3);
	smug_world_free(w);
}
END_TEST

/* ---- T5 ledger ---- */

START_TEST(test_smuggling_ledger_flows_and_conservation)
{
	struct smug_world *w = load_default();
	const struct smug_ledger *l = &w->ledger;
	int64_t initial = 0, now = 0;

	for (int f = 0; f < w->n_factions; f++)
		initial += balance_of(w, w->factions[f].id);
	for (int day = 0; day < 3650; day++) {
		smug_cmd_step(w, 1);
		ck_assert_msg(smug_ledger_conserved(l), "conservation broken on day %d", day);
	}
	for (int f = 0; f < w->n_factions; f++) {
		now += balance_of(w, w->factions[f].id);
		ck_assert_int_ge(balance_of(w, w->factions[f].id), 0);
	}
	ck_assert_int_gt(l->by_reason[SMUG_TX_CUSTOMS_BRIBE], 0);
	ck_assert_int_gt(l->by_reason[SMUG_TX_SMUGGLING_PROFIT], 0);
	ck_assert_int_gt(l->by_reason[SMUG_TX_CARGO_PURCHASE], 0);
	ck_assert_int_gt(l->by_reason[SMUG_TX_CUSTOMS_TARIFF], 0);
	ck_assert_int_eq(now, initial + factions_net_by_reason(l));
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_bribe_taken_leaves_faction_account)
{
	/* Day by day, from the ledger's journal: every bribe an officer takes
	 * goes from the faction's own account to the black market, adds up to
	 * the faction's bribe spending and the day's total, and each faction's
	 * balance moves by exactly its day's transfers. */
	struct smug_world *w = load_default();
	const struct smug_ledger *l = &w->ledger;
	int bribe_days = 0;

	for (int day = 0; day < 120; day++) {
		int64_t bal0[SMUG_FACTIONS_MAX], spent0[SMUG_FACTIONS_MAX], flow[SMUG_FACTIONS_MAX] = {0};
		int64_t bribes[SMUG_FACTIONS_MAX] = {0}, bm0 = l->accounts[l->blackmarket].balance, bm_flow = 0;
		int64_t all_bribes = 0;
		int head0 = l->journal_head, count0 = l->journal_count, fresh;

		for (int f = 0; f < w->n_factions; f++) {
			bal0[f] = l->accounts[w->factions[f].account].balance;
			spent0[f] = w->factions[f].net.bribes_spent;
		}
		smug_cmd_step(w, 1);
		fresh = (l->journal_head - head0 + SMUG_JOURNAL_CAP) % SMUG_JOURNAL_CAP;
		ck_assert_int_lt(fresh + count0 >= SMUG_JOURNAL_CAP ? fresh : 0, SMUG_JOURNAL_CAP);
		for (int k = 0; k < fresh; k++) {
			const struct smug_tx *t = &l->journal[(head0 + k) % SMUG_JOURNAL_CAP];

			for (int f = 0; f < w->n_factions; f++) {
				int a = w->factions[f].account;

				flow[f] += (t->to == a ? t->amount : 0) - (t->from == a ? t->amount : 0);
				if (t->reason == SMUG_TX_CUSTOMS_BRIBE && t->from == a)
					bribes[f] += t->amount;
			}
			bm_flow += (t->to == l->blackmarket ? t->amount : 0) - (t->from == l->blackmarket ? t->amount : 0);
			if (t->reason == SMUG_TX_CUSTOMS_BRIBE) {
				bool from_faction = false;

				for (int f = 0; f < w->n_factions; f++)
					from_faction |= t->from == w->factions[f].account;
				ck_assert_msg(from_faction, "a bribe paid from account %s", l->accounts[t->from].id);
				ck_assert_int_eq(t->to, l->blackmarket);
				all_bribes += t->amount;
			}
		}
		for (int f = 0; f < w->n_factions; f++) {
			ck_assert_int_eq(l->accounts[w->factions[f].account].balance - bal0[f], flow[f]);
			ck_assert_int_eq(w->factions[f].net.bribes_spent - spent0[f], bribes[f]);
		}
		ck_assert_int_eq(l->accounts[l->blackmarket].balance - bm0, bm_flow);
		ck_assert_int_eq(w->tel.today.bribes_spent, all_bribes);
		bribe_days += all_bribes > 0;
	}
	ck_assert_int_gt(bribe_days, 30);
	smug_world_free(w);
}
END_TEST

/* The ledger conserves money on generated worlds and with the crackdown
 * planner at work: every day, the balances add up to the initial total
 * plus what was minted less what was burned, and no account is negative. */
START_TEST(test_smuggling_ledger_conserved_generated_and_planner)
{
	static const int wards[] = {36, 120, 400};
	int crackdowns = 0;

	for (int g = 0; g < 3; g++) {
		char *json = smug_scenario_generate(wards[g], (uint64_t)g + 11, 3);
		struct smug_world *w = NULL;
		struct smug_error err;
		int64_t initial = 0, now = 0;
		const struct smug_ledger *l;

		ck_assert_ptr_nonnull(json);
		ck_assert_msg(smug_world_load_json(json, strlen(json), "gen", &w, &err) == SMUG_OK, "%s", err.msg);
		free(json);
		l = &w->ledger;
		smug_cmd_auto_crackdown(w, g != 1);
		for (int f = 0; f < w->n_factions; f++)
			initial += balance_of(w, w->factions[f].id);
		for (int day = 0; day < 400; day++) {
			smug_cmd_step(w, 1);
			ck_assert_msg(smug_ledger_conserved(l), "%d wards: conservation broken on day %d", wards[g], day);
			for (int i = 0; i < w->n_crackdowns; i++)
				crackdowns += !w->crackdowns[i].manual;
		}
		for (int f = 0; f < w->n_factions; f++)
			now += balance_of(w, w->factions[f].id);
		ck_assert_int_gt(w->tel.total.shipments_created, 100);
		ck_assert_int_gt(l->by_reason[SMUG_TX_CUSTOMS_BRIBE], 0);
		ck_assert_int_eq(now, initial + factions_net_by_reason(l));
		smug_world_free(w);
	}
	ck_assert_int_gt(crackdowns, 100); /* the planner really was at work */
}
END_TEST

/* ---- T6 in-memory persistence ---- */

/* An exploration pick is sent when its judgement still expects a profit
 * (smugnet-scenario(5)), however small: on the default world with every
 * decision exploring, the first decision of a day that explores another
 * route than the winner is planned again from the same morning with the
 * commodity's sale markup lowered until the pick's expected profit is a
 * fraction of a minor unit (at most 1): the same pick is still sent. */
START_TEST(test_smuggling_explores_for_the_smallest_profit)
{
	struct smug_world *base = load_default();
	bool tried = false;

	base->cfg.smuggling.exploration_rate = 1.0;
	smug_cmd_step(base, 20);
	for (int day = 21; day <= 120 && !tried; day++) {
		struct smug_world *probe = smug_world_clone(base), *twin;
		const struct smug_decision *d = &probe->decisions[0], *t;
		struct smug_commodity_def *def;
		int64_t cut;
		double dem;

		smug_cmd_step(probe, 1);
		if (probe->n_decisions == 0 || !d->explore || d->chosen == d->winner || d->expected_profit < 2) {
			smug_world_free(probe);
			smug_cmd_step(base, 1);
			continue;
		}
		/* sale - value is trunc(value * markup * demand): lower it by
		 * cut so the profit keeps only its fraction (or exactly 1) */
		twin = smug_world_clone(base);
		def = &twin->commodities[d->commodity];
		dem = d->demand.score < 1 ? d->demand.score : 1;
		cut = (int64_t)ceil(d->expected_profit) - 1;
		def->sale_markup =
			((double)(int64_t)((double)d->value * def->sale_markup * dem) - (double)cut + 0.5) / ((double)d->value * dem);
		smug_cmd_step(twin, 1);
		t = &twin->decisions[0];
		if (t->faction != d->faction || t->commodity != d->commodity || t->src_ward != d->src_ward ||
		    t->dst_ward != d->dst_ward || t->winner != d->winner) {
			smug_world_free(twin); /* the lower price changed the buyers: another day */
			smug_world_free(probe);
			smug_cmd_step(base, 1);
			continue;
		}
		tried = true;
		ck_assert_msg(t->explore && t->chosen == d->chosen && t->shipment != 0,
			      "day %d: the pick #%d expects a profit of %.6f minor units; sent #%d (winner #%d)%s",
			      probe->day, d->chosen, d->expected_profit - (double)cut, t->chosen, t->winner,
			      t->explore ? " exploring" : ", not exploring");
		ck_assert_msg(t->expected_profit > 0 && t->expected_profit <= 1 &&
				      fabs(t->expected_profit - (d->expected_profit - (double)cut)) < 1e-6,
			      "day %d: profit %.6f after lowering the sale by %lld from a profit of %.6f", probe->day,
			      t->expected_profit, (long long)cut, d->expected_profit);
		smug_world_free(twin);
		smug_world_free(probe);
	}
	ck_assert_msg(tried, "no day's first decision explored a route other than the winner's");
	smug_world_free(base);
}
END_TEST

/* A faction can afford a cargo when what it holds, less what it already
 * committed today, is the cargo's value or more: holding exactly one
 * cargo's value when it plans (no upkeep taken), it sends the day's first
 * shipment; one minor unit less, the decision is skipped as
 * cannot_afford. */
START_TEST(test_smuggling_exactly_one_cargos_value_is_enough)
{
	struct smug_world *base = load_default();
	bool tried = false;

	smug_cmd_step(base, 20);
	for (int day = 21; day <= 60 && !tried; day++) {
		struct smug_world *probe = smug_world_clone(base);
		const struct smug_decision *d = &probe->decisions[0];

		smug_cmd_step(probe, 1);
		if (probe->n_decisions == 0 || d->shipment == 0) {
			smug_world_free(probe);
			smug_cmd_step(base, 1);
			continue;
		}
		tried = true;
		for (int64_t less = 0; less <= 1; less++) {
			struct smug_world *twin = smug_world_clone(base);
			struct smug_ledger *l = &twin->ledger;
			int acct = twin->factions[d->faction].account;
			int64_t want = d->value - less, moved = l->accounts[acct].balance - want;
			const struct smug_decision *t;

			l->accounts[acct].balance -= moved; /* the rest to the treasury: the ledger still balances */
			l->accounts[l->treasury].balance += moved;
			twin->cfg.smuggling.upkeep_fraction = 0; /* no upkeep taken before the plan */
			smug_cmd_step(twin, 1);
			t = &twin->decisions[0];
			ck_assert_msg(t->faction == d->faction && t->commodity == d->commodity && t->value == d->value,
				      "day %d: another first decision", twin->day);
			if (less == 0)
				ck_assert_msg(t->skip == SMUG_SKIP_NONE && t->shipment != 0,
					      "day %d: holding exactly the cargo's value %lld, skipped (%d)", twin->day,
					      (long long)d->value, (int)t->skip);
			else
				ck_assert_msg(t->skip == SMUG_SKIP_CANNOT_AFFORD,
					      "day %d: holding one unit less than %lld, skip %d, not cannot_afford",
					      twin->day, (long long)d->value, (int)t->skip);
			smug_world_free(twin);
		}
		smug_world_free(probe);
	}
	ck_assert_msg(tried, "no day's first decision sent a shipment");
	smug_world_free(base);
}
END_TEST

/* Exploration as smugnet(7) states it, worked out from scratch for every
 * decision: every candidate is rescored with its stale edges (not
 * refreshed for exploration_stale_days) at their prior, and the stale
 * candidate of smallest score (the smaller route id on equal scores) is
 * sent when its expected profit is positive. */
START_TEST(test_smuggling_explores_the_best_stale_candidate)
{
	struct smug_world *w = load_default();
	const struct smug_smuggling_config *sc = &w->cfg.smuggling;
	struct route_path *paths = malloc(SMUG_ROUTE_TOPK_MAX * sizeof *paths);
	int explored = 0, off_winner = 0;

	ck_assert_ptr_nonnull(paths);
	w->cfg.smuggling.exploration_rate = 1.0;
	for (int day = 0; day < 60; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			const struct smug_commodity_def *def = &w->commodities[d->commodity];
			const struct smug_network *n = &w->factions[d->faction].net;
			double v = (double)d->value, pen1 = 1.0 + def->seizure_penalty, dem;
			double pick_loss = 0, pick_cost = 0, pick_score = 0;
			int np, pick = -1;
			int64_t sale;

			if (d->n_cand == 0)
				continue;
			np = route_candidates_copy(w, w->wards[d->src_ward].gate_node, w->wards[d->dst_ward].gate_node,
						   sc->route_topk, paths);
			ck_assert_int_eq(np < sc->route_topk ? np : sc->route_topk, d->n_cand);
			for (int c = 0; c < d->n_cand; c++) {
				double loss = 0, cost = 0, score;
				bool stale = false;

				for (int e = 0; e + 1 < paths[c].n_nodes; e++) {
					struct smug_belief b;

					smuggling_estimate(w, n, n->plan_stats, n->n_plan_stats, paths[c].corridors[e],
							   paths[c].nodes[e], &b);
					if (b.last_update_day < d->day - sc->exploration_stale_days) {
						stale = true;
						smuggling_prior(w, n, paths[c].corridors[e], paths[c].nodes[e], &b);
					}
					loss += smuggling_belief_risk(&b, def->heat) * v * pen1;
					cost += b.cost * v;
				}
				score = loss + cost + sc->travel_weight * (double)paths[c].travel_days * v;
				if (stale && (pick < 0 || score < pick_score)) {
					pick = c;
					pick_loss = loss;
					pick_cost = cost;
					pick_score = score;
				}
			}
			dem = d->demand.score < 0 ? 0 : d->demand.score > 1 ? 1 : d->demand.score;
			sale = d->value + (int64_t)(v * def->sale_markup * dem);
			if (pick >= 0 && (double)(sale - d->value) - pick_loss - pick_cost > 0) {
				ck_assert_msg(d->explore && d->chosen == pick && d->explore_score == pick_score,
					      "day %d decision %d: the best stale candidate is #%d (score %.6f); sent #%d%s",
					      d->day, i, pick, pick_score, d->chosen, d->explore ? " exploring" : "");
				explored++;
				off_winner += pick != d->winner;
			} else {
				ck_assert_msg(!d->explore, "day %d decision %d: explored #%d, no stale candidate pays",
					      d->day, i, d->chosen);
			}
		}
	}
	ck_assert_int_gt(explored, 100);
	ck_assert_int_gt(off_winner, 10);
	free(paths);
	smug_world_free(w);
}
END_TEST

/* An exploring decision judges its stale candidates by their priors and,
 * on equal scores, keeps the smaller route id, as the winner does: on a
 * world of two mirror-image roads from the source to the market (north
 * and south, tests/data/mirror.json) where every decision explores and
 * every estimate is stale, the first shipment to the market goes north,
 * the winner's way. */
START_TEST(test_smuggling_exploring_tie_keeps_the_smaller_route_id)
{
	struct smug_world *w = test_load_file(SRCDIR "/tests/data/mirror.json");
	int north = smug_world_find_node(w, "n:north"), src = smug_world_find_ward(w, "ward:src"),
	    dst = smug_world_find_ward(w, "ward:dst");
	const struct smug_decision *d = NULL;

	ck_assert(w->cfg.smuggling.exploration_rate == 1.0 && w->cfg.smuggling.exploration_stale_days == 0);
	for (int day = 0; day < 30 && d == NULL; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions && d == NULL; i++)
			if (w->decisions[i].src_ward == src && w->decisions[i].dst_ward == dst && w->decisions[i].shipment)
				d = &w->decisions[i];
	}
	ck_assert_msg(d != NULL, "no shipment to the market in 30 days");
	ck_assert_msg(d->n_cand == 2 && d->margin == 0 && d->explore, "day %d: %d candidates, margin %g%s", d->day,
		      d->n_cand, d->margin, d->explore ? "" : ", not exploring");
	ck_assert_msg(d->chosen == d->winner && d->route_len == 3 && d->route[1] == north,
		      "day %d: sent candidate #%d by %s, the winner is #%d by n:north", d->day, d->chosen,
		      w->nodes[d->route[1]].id, d->winner);
	smug_world_free(w);
}
END_TEST

START_TEST(test_smuggling_copy_continues_identically)
{
	struct smug_world *w = load_default(), *copy;

	smug_cmd_step(w, 100);
	copy = smug_world_clone(w);
	ck_assert_uint_eq(smug_world_digest(w), smug_world_digest(copy));
	smug_cmd_step(w, 100);
	smug_cmd_step(copy, 100);
	ck_assert_uint_eq(smug_world_digest(w), smug_world_digest(copy));
	ck_assert_int_eq(w->tel.total.shipments_created, copy->tel.total.shipments_created);
	smug_world_free(w);
	smug_world_free(copy);
}
END_TEST

/* A copy continues as the world it was made from through days with
 * smuggling turned off: such a day has no plan, and the networks'
 * estimates drift toward that day's published odds, in the copy as in
 * the world that planned the day before. */
START_TEST(test_smuggling_copy_continues_identically_with_smuggling_off)
{
	struct smug_world *w = load_default(), *copy;
	struct smug_error err;

	smug_cmd_step(w, 100);
	copy = smug_world_clone(w);
	ck_assert_int_eq(smug_config_set(w, "smuggling.enabled", "false", &err), SMUG_OK);
	ck_assert_int_eq(smug_config_set(copy, "smuggling.enabled", "false", &err), SMUG_OK);
	for (int day = 101; day <= 103; day++) {
		smug_cmd_step(w, 1);
		smug_cmd_step(copy, 1);
		ck_assert_int_eq(w->n_decisions, 0);
		ck_assert_msg(smug_world_digest(w) == smug_world_digest(copy),
			      "day %d, smuggling off since day 100: the world's digest %016llx, its copy's %016llx",
			      day, (unsigned long long)smug_world_digest(w), (unsigned long long)smug_world_digest(copy));
	}
	smug_world_free(w);
	smug_world_free(copy);
}
END_TEST

/* A copy continues as the world it was made from when fewer factions
 * plan than the day before and a knob the planners price with moves:
 * the factions left out of the plan drift toward the priors of today's
 * knobs, not toward those they last planned with. */
START_TEST(test_smuggling_copy_continues_identically_with_fewer_planners)
{
	struct smug_world *w = load_default(), *copy;
	struct smug_error err;
	int planners = 0;

	smug_cmd_step(w, 100);
	for (int f = 0; f < w->n_factions; f++)
		planners += w->factions[f].runs_network;
	ck_assert_int_gt(planners, 1);
	copy = smug_world_clone(w);
	for (int k = 0; k < 2; k++) {
		struct smug_world *x = k ? copy : w;

		ck_assert_int_eq(smug_config_set(x, "smuggling.max_active_factions", "1", &err), SMUG_OK);
		ck_assert_int_eq(smug_config_set(x, "smuggling.bribe_offer_ratio", "0.5", &err), SMUG_OK);
	}
	for (int day = 101; day <= 103; day++) {
		smug_cmd_step(w, 1);
		smug_cmd_step(copy, 1);
		ck_assert_msg(smug_world_digest(w) == smug_world_digest(copy),
			      "day %d, one planner and offers at half the bribe since day 100: the world's digest "
			      "%016llx, its copy's %016llx",
			      day, (unsigned long long)smug_world_digest(w), (unsigned long long)smug_world_digest(copy));
	}
	smug_world_free(w);
	smug_world_free(copy);
}
END_TEST

/* The uses of a faction's edge: its uses, 0 for an edge it has not
 * learned. */
static int uses_of(const struct smug_world *w, int f, int corridor, int from)
{
	const struct smug_network *n = &w->factions[f].net;

	for (int i = 0; i < n->n_edge_stats; i++)
		if (n->edge_stats[i].corridor == corridor && n->edge_stats[i].from_node == from)
			return n->edge_stats[i].uses;
	return 0;
}

/* An edge's uses (edge_stats.csv) count the resolved shipments that
 * learned from it: each day on the tiny world, every edge's uses grow by
 * the shipments resolved that day that crossed it, all of the route of
 * one delivered, up to the corridor it failed on for one seized or
 * lost. */
START_TEST(test_smuggling_uses_count_the_shipments_resolved)
{
	struct smug_world *w = load_tiny();
	int before[8][8], want[8][8], resolved = 0, failed = 0;

	ck_assert_int_le(w->n_corridors, 8);
	ck_assert_int_le(w->n_nodes, 8);
	for (int day = 1; day <= 60; day++) {
		for (int c = 0; c < w->n_corridors; c++) {
			before[c][w->corridors[c].a] = want[c][w->corridors[c].a] = uses_of(w, 0, c, w->corridors[c].a);
			before[c][w->corridors[c].b] = want[c][w->corridors[c].b] = uses_of(w, 0, c, w->corridors[c].b);
		}
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_resolved; i++) {
			const struct smug_shipment *s = &w->shipment_slots[w->resolved[i]];
			int last = s->status == SMUG_OUTCOME_DELIVERED ? s->n_nodes - 2 : s->hop;

			ck_assert_int_eq(s->faction, 0);
			for (int h = 0; h <= last; h++)
				want[s->corridors[h]][s->nodes[h]]++;
			resolved++;
			failed += s->status != SMUG_OUTCOME_DELIVERED;
		}
		for (int c = 0; c < w->n_corridors; c++)
			for (int e = 0; e < 2; e++) {
				int from = e ? w->corridors[c].b : w->corridors[c].a;

				ck_assert_msg(uses_of(w, 0, c, from) == want[c][from],
					      "day %d: %s from %s used %d times, %d before the day, %d expected", day,
					      w->corridors[c].id, w->nodes[from].id, uses_of(w, 0, c, from), before[c][from],
					      want[c][from]);
			}
	}
	ck_assert_int_gt(resolved, 100);
	ck_assert_int_gt(failed, 0);
	smug_world_free(w);
}
END_TEST

/* ---- only reachable pairs ---- */

/* A generated world whose corridors are one chain through every node in
 * id order (so through the wards in ring order): wards far apart along
 * it have no route of at most SMUG_ROUTE_MAX_NODES nodes between them. */
static struct smug_world *load_chain_world(int n_wards, uint64_t seed)
{
	char *json = smug_scenario_generate(n_wards, seed, 3), *text;
	cJSON *root, *nodes, *chain = cJSON_CreateArray();
	struct smug_world *w = NULL;
	struct smug_error err;
	int n;

	ck_assert_ptr_nonnull(json);
	root = cJSON_Parse(json);
	ck_assert_ptr_nonnull(root);
	nodes = cJSON_GetObjectItemCaseSensitive(root, "nodes");
	n = cJSON_GetArraySize(nodes);
	for (int i = 0; i + 1 < n; i++) {
		cJSON *c = cJSON_CreateObject();

		cJSON_AddStringToObject(c, "a", cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(nodes, i), "id")->valuestring);
		cJSON_AddStringToObject(c, "b", cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(nodes, i + 1), "id")->valuestring);
		cJSON_AddNumberToObject(c, "travel_days", 1);
		cJSON_AddNumberToObject(c, "hazard", 0.01);
		cJSON_AddItemToArray(chain, c);
	}
	ck_assert(cJSON_ReplaceItemInObjectCaseSensitive(root, "corridors", chain));
	text = cJSON_PrintUnformatted(root);
	ck_assert_msg(smug_world_load_json(text, strlen(text), "chain", &w, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_gt(w->n_nodes, 2 * SMUG_ROUTE_MAX_NODES);
	cJSON_free(text);
	cJSON_Delete(root);
	free(json);
	return w;
}

/* On the chain world, 60 days: every demand ward drawn has a route from
 * its source (the decision scored candidates), although many decisions
 * had a wanted demand ward in their list that no route reaches, which
 * the draw could have picked before the mask; a source that reaches no
 * demand ward whose buyers can pay says so (no_reach), and shipments
 * still go out. */
START_TEST(test_smuggling_draws_only_reachable_demand)
{
	struct smug_world *w = load_chain_world(40, 2);
	int drawn = 0, tempted = 0, no_reach = 0;

	for (int day = 0; day < 60; day++) {
		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions; i++) {
			const struct smug_decision *d = &w->decisions[i];
			int src = d->src_ward >= 0 ? w->wards[d->src_ward].gate_node : -1;
			const struct route_path *p;
			bool far = false;

			no_reach += d->skip == SMUG_SKIP_NO_REACH;
			if (src < 0)
				continue;
			for (int k = 0; k < w->n_demand[d->commodity]; k++) {
				int ward = w->demand_ward[d->commodity][k];

				far |= ward != d->src_ward && w->demand_terms[d->commodity][k].score > 0 &&
				       route_candidates(w, src, w->wards[ward].gate_node, 1, &p) == 0;
			}
			tempted += far;
			if (d->dst_ward < 0)
				continue;
			drawn++;
			ck_assert_int_gt(d->n_cand, 0);
			ck_assert_int_gt(route_candidates(w, src, w->wards[d->dst_ward].gate_node, 1, &p), 0);
		}
	}
	ck_assert_int_gt(drawn, 500);
	ck_assert_int_gt(tempted, 100);
	ck_assert_int_gt(no_reach, 0);
	ck_assert_int_gt(w->tel.total.shipments_created, 100);
	smug_world_free(w);
}
END_TEST

/* The reachability rows are derived data: a run with their cache off,
 * one continued from a copy (a cold cache) and one continued from a
 * saved and loaded seed end on the same state as an uninterrupted run. */
START_TEST(test_smuggling_reach_cache_is_not_state)
{
	struct smug_world *w = load_chain_world(40, 2), *off = load_chain_world(40, 2), *copy, *loaded = NULL;
	char root[] = "/tmp/smugnet-reach-XXXXXX";
	struct smug_error err;

	route_cache_set_enabled(off->route_cache, false);
	smug_cmd_step(w, 25);
	smug_cmd_step(off, 25);
	copy = smug_world_clone(w);
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(smug_vault_save(w, root, "r", &err), SMUG_OK);
	ck_assert_msg(smug_vault_load(root, "r", &loaded, &err) == SMUG_OK, "%s", err.msg);
	test_remove_tree(root);
	smug_cmd_step(w, 25);
	smug_cmd_step(off, 25);
	smug_cmd_step(copy, 25);
	smug_cmd_step(loaded, 25);
	ck_assert_uint_eq(smug_world_digest(off), smug_world_digest(w));
	ck_assert_uint_eq(smug_world_digest(copy), smug_world_digest(w));
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
	ck_assert_int_gt(w->tel.plan.skipped[SMUG_SKIP_NO_REACH], 0);
	smug_world_free(w);
	smug_world_free(off);
	smug_world_free(copy);
	smug_world_free(loaded);
}
END_TEST

/* ---- cat and mouse on the default world ---- */

static void border_traffic(const struct smug_world *w, int64_t *out)
{
	for (int c = 0; c < w->n_corridors; c++)
		out[c] = w->border_stats[c].traffic;
}

static double window_share(struct smug_world *w, int days, int border)
{
	int64_t *t0 = calloc((size_t)w->n_corridors, sizeof *t0);
	int64_t total = 0, mine;

	border_traffic(w, t0);
	smug_cmd_step(w, days);
	for (int c = 0; c < w->n_corridors; c++)
		total += w->border_stats[c].traffic - t0[c];
	mine = w->border_stats[border].traffic - t0[border];
	free(t0);
	return total ? (double)mine / (double)total : 0;
}

START_TEST(test_smuggling_cat_and_mouse)
{
	struct smug_world *w = load_default();
	int64_t *t0 = calloc((size_t)w->n_corridors, sizeof *t0);
	int busiest = -1;
	double before, during = 1, after = 0;

	smug_cmd_step(w, 60);
	border_traffic(w, t0);
	smug_cmd_step(w, 60);
	for (int c = 0; c < w->n_corridors; c++) {
		int64_t d = w->border_stats[c].traffic - t0[c];

		if (w->corridors[c].border &&
		    (busiest < 0 || d > w->border_stats[busiest].traffic - t0[busiest]))
			busiest = c;
	}
	free(t0);
	ck_assert_int_ge(busiest, 0);
	before = window_share(w, 30, busiest);
	ck_assert_double_gt(before, 0.0);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[busiest].id, 1.0, -1, NULL),
			 SMUG_OK);
	/* within 60 days the share falls to at most half */
	for (int k = 0; k < 4 && during > before / 2; k++)
		during = window_share(w, 15, busiest);
	ck_assert_msg(during <= before / 2, "share before %.3f, during %.3f", before, during);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[busiest].id, NULL), SMUG_OK);
	/* within 120 days of clearing, traffic returns */
	for (int k = 0; k < 8 && after < before / 2; k++)
		after = window_share(w, 15, busiest);
	ck_assert_msg(after >= before / 2, "share before %.3f, after %.3f", before, after);
	smug_world_free(w);
}
END_TEST

/* ---- the ward lists ---- */

struct ranked_ward {
	int ward;
	double score;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked_ward *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->ward > y->ward) - (x->ward < y->ward);
}

/* The driver score of a ward: its terms summed in order (spec §4). */
static double driver_score(const struct smug_world *w, int ward, int c, bool demand)
{
	const struct smug_commodity_def *d = &w->commodities[c];
	const struct smug_signals *s = &w->wards[ward].sig;
	double t[5] = {0}, sum = 0;
	int n = demand ? SMUG_DEMAND_TERMS : SMUG_SOURCE_TERMS;

	if (demand) {
		t[0] = d->demand_w_tolerance * s->smuggling_tolerance;
		t[1] = d->demand_w_shortage * s->shortage[d->related_good];
		t[2] = d->demand_w_corruption * s->corruption;
		t[3] = d->demand_w_raider * s->raider_influence;
		t[4] = d->demand_w_war * s->war_pressure;
	} else {
		t[0] = d->source_w_raider * s->raider_influence;
		t[1] = d->source_w_precursor * s->precursor_output;
		t[2] = d->source_w_blackmarket * s->blackmarket_flow;
	}
	for (int i = 0; i < n; i++)
		sum += t[i];
	return sum;
}

/* One day of a 200-ward world (slices of 64), then its refresh checked:
 * per commodity, the lists hold the ward_topk best of their previous
 * members and the day's slice, by score descending, then ward id (a
 * brute-force ranking). */
static void check_ward_refresh(struct smug_world *w, int day)
{
	enum { WARDS = 200, SLICE = 64 };
	static struct ranked_ward cand[SMUG_WARD_TOPK_MAX + SLICE];
	int old[2][SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX], n_old[2][SMUG_COMMODITY_COUNT];
	int cursor, k = w->cfg.smuggling.ward_topk;

	ck_assert_int_eq(w->n_wards, WARDS);
	smug_cmd_step(w, 1); /* signals move */
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		n_old[0][c] = w->n_demand[c];
		n_old[1][c] = w->n_source[c];
		memcpy(old[0][c], w->demand_ward[c], sizeof old[0][c]);
		memcpy(old[1][c], w->source_ward[c], sizeof old[1][c]);
	}
	cursor = w->ward_cursor;
	smuggling_refresh_wards(w);
	ck_assert_int_eq(w->ward_cursor, (cursor + SLICE) % WARDS);
	for (int kind = 0; kind < 2; kind++)
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
			int n = 0, got = kind == 0 ? w->n_demand[c] : w->n_source[c];
			const int *wards = kind == 0 ? w->demand_ward[c] : w->source_ward[c];
			const struct smug_driver_terms *terms = kind == 0 ? w->demand_terms[c] : w->source_terms[c];

			for (int i = 0; i < n_old[kind][c] + SLICE; i++) {
				int ward = i < n_old[kind][c] ? old[kind][c][i] : (cursor + i - n_old[kind][c]) % WARDS;
				bool dup = false;

				for (int j = 0; j < n && !dup; j++)
					dup = cand[j].ward == ward;
				if (!dup)
					cand[n++] = (struct ranked_ward){ward, driver_score(w, ward, c, kind == 0)};
			}
			qsort(cand, (size_t)n, sizeof cand[0], cmp_ranked);
			ck_assert_int_eq(got, n < k ? n : k);
			for (int i = 0; i < got; i++) {
				ck_assert_msg(wards[i] == cand[i].ward,
					      "day %d, ward_topk %d: %s list of commodity %d, rank %d: ward %d, expected %d",
					      day, k, kind == 0 ? "demand" : "source", c, i, wards[i], cand[i].ward);
				ck_assert(terms[i].score == cand[i].score);
			}
		}
}

static struct smug_world *two_hundred_wards(void)
{
	char *json = smug_scenario_generate(200, 5, 2);
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_int_eq(smug_world_load_json(json, strlen(json), "gen", &w, &err), SMUG_OK);
	free(json);
	return w;
}

/* Each day's refresh keeps, per commodity, the ward_topk best of the
 * lists' previous members and the day's slice of 64 wards: checked on a
 * 200-ward world (a slice is a third of the wards) for 40 days. */
START_TEST(test_smuggling_ward_lists_are_topk_of_members_and_slice)
{
	struct smug_world *w = two_hundred_wards();

	for (int day = 0; day < 40; day++)
		check_ward_refresh(w, day);
	smug_world_free(w);
}
END_TEST

/* The same at ward_topk's largest value (full lists), and after it is
 * set back to 4 during the run: a list that shrank holds its 4 best, and
 * the wards it dropped come back only as the slice reaches them. */
START_TEST(test_smuggling_ward_lists_at_the_largest_ward_topk_and_after)
{
	struct smug_world *w = two_hundred_wards();
	struct smug_error err;
	char topk[8];

	snprintf(topk, sizeof topk, "%d", SMUG_WARD_TOPK_MAX);
	ck_assert_int_eq(smug_config_set(w, "smuggling.ward_topk", topk, &err), SMUG_OK);
	for (int day = 0; day < 20; day++)
		check_ward_refresh(w, day);
	ck_assert_int_eq(smug_config_set(w, "smuggling.ward_topk", "4", &err), SMUG_OK);
	for (int day = 20; day < 80; day++)
		check_ward_refresh(w, day);
	smug_world_free(w);
}
END_TEST

/* ---- explain: the flip, the lever and the history ---- */

static bool cand_has(const struct smug_explain_candidate *c, int corridor)
{
	for (int e = 0; e + 1 < c->n_nodes; e++)
		if (c->edges[e].corridor == corridor)
			return true;
	return false;
}

/* The flip is the smallest single change of one estimate that closes the
 * margin: a risk_est or (at a border) cost_est raised on an edge only the
 * winner uses or lowered on one only the runner-up uses, staying within
 * [0, 1]; when none exists the explanation says so. The lever is the
 * smallest rise of risk_est on a border only the winner crosses. Checked
 * against every edge of both routes, for every decision of 40 days, and
 * of 10 days where travel weighs so much that some decisions have no flip. */
START_TEST(test_smuggling_flip_and_lever_are_the_smallest_changes)
{
	struct smug_explanation *x = malloc(sizeof *x);
	int named = 0, none = 0, levers = 0, no_lever = 0, slow_none = 0;

	ck_assert_ptr_nonnull(x);
	/* pass 1: travel weighs as much as a scenario allows, so a slower
	 * runner-up trails by more than any estimate in [0, 1] can close */
	for (int pass = 0; pass < 2; pass++) {
		struct smug_world *w = load_default();
		int none_before = none;

		if (pass == 1)
			w->cfg.smuggling.travel_weight = 1.0;
		for (int day = 0; day < (pass == 0 ? 40 : 10); day++) {
			smug_cmd_step(w, 1);
			for (int i = 0; i < w->n_decisions; i++) {
				const struct smug_decision *d = &w->decisions[i];
				double v = (double)d->value, pen = 1.0 + w->commodities[d->commodity].seizure_penalty;
				double dr, dc, best = -1, lever = -1;
				bool best_cost = false;

				ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
				if (d->winner < 0 || d->runner < 0 || d->value <= 0)
					continue;
				dr = d->margin / (v * pen);
				dc = d->margin / v;
				for (int side = 0; side < 2; side++) {
					const struct smug_explain_candidate *c = &x->cand[side == 0 ? d->winner : d->runner];
					const struct smug_explain_candidate *o = &x->cand[side == 0 ? d->runner : d->winner];
					double sign = side == 0 ? 1.0 : -1.0;

					for (int e = 0; e + 1 < c->n_nodes; e++) {
						const struct smug_explain_edge *g = &c->edges[e];

						if (cand_has(o, g->corridor))
							continue;
						if (g->risk_est + sign * dr >= 0 && g->risk_est + sign * dr <= 1 && (best < 0 || dr < best)) {
							best = dr;
							best_cost = false;
						}
						if (g->border && g->cost_est + sign * dc >= 0 && g->cost_est + sign * dc <= 1 &&
						    (best < 0 || dc < best)) {
							best = dc;
							best_cost = true;
						}
						if (side == 0 && g->border && g->risk_est + dr <= 1)
							lever = dr;
					}
				}
				if (best < 0) {
					ck_assert_msg(x->flip_corridor < 0, "decision %d of day %d: flip on %d where no single change closes %g",
						      i, w->day, x->flip_corridor, d->margin);
					ck_assert_msg(strncmp(x->flip, "no single estimate change", 25) == 0, "flip text '%s'", x->flip);
					{ /* the margin in credits, as the why view's "margin ... cr" reads it */
						char m[32], want[64];

						smug_money_format((int64_t)(d->margin + 0.5), m, sizeof m);
						snprintf(want, sizeof want, "(margin %s cr)", m);
						ck_assert_msg(strstr(x->flip, want) != NULL, "flip text '%s', want the margin '%s'",
							      x->flip, want);
					}
					none++;
				} else {
					int on_win, on_run;
					const struct smug_explain_candidate *c;
					const struct smug_explain_edge *g = NULL;

					ck_assert_msg(x->flip_corridor >= 0, "decision %d of day %d: no flip named, but %s changes by %g close it",
						      i, w->day, best_cost ? "cost" : "risk", best);
					on_win = cand_has(&x->cand[d->winner], x->flip_corridor);
					on_run = cand_has(&x->cand[d->runner], x->flip_corridor);
					ck_assert_msg(on_win + on_run == 1, "flip '%s' on %d of the two routes", x->flip, on_win + on_run);
					c = &x->cand[on_win ? d->winner : d->runner];
					for (int e = 0; e + 1 < c->n_nodes; e++)
						if (c->edges[e].corridor == x->flip_corridor)
							g = &c->edges[e];
					ck_assert_msg(x->flip_cost == best_cost, "flip '%s': a %s change is smaller", x->flip,
						      best_cost ? "cost" : "risk");
					ck_assert(x->flip_from == (best_cost ? g->cost_est : g->risk_est));
					ck_assert_msg(fabs(x->flip_to - (x->flip_from + (on_win ? best : -best))) <= 1e-12,
						      "flip '%s': from %.6f to %.6f, want a change of %+.6f", x->flip, x->flip_from, x->flip_to,
						      on_win ? best : -best);
					ck_assert(x->flip_to >= 0 && x->flip_to <= 1);
					named++;
				}
				if (lever < 0) {
					ck_assert_int_eq(x->lever_corridor, -1);
					no_lever++;
				} else {
					const struct smug_explain_candidate *c = &x->cand[d->winner];
					const struct smug_explain_edge *g = NULL;

					ck_assert_msg(x->lever_corridor >= 0, "decision %d of day %d: no lever, but a border takes it", i, w->day);
					ck_assert(!cand_has(&x->cand[d->runner], x->lever_corridor));
					for (int e = 0; e + 1 < c->n_nodes; e++)
						if (c->edges[e].corridor == x->lever_corridor)
							g = &c->edges[e];
					ck_assert_ptr_nonnull(g);
					ck_assert(g->border);
					ck_assert(x->lever_from == g->risk_est);
					ck_assert_msg(fabs(x->lever_to - (g->risk_est + dr)) <= 1e-12, "lever from %.6f to %.6f, want +%.6f",
						      x->lever_from, x->lever_to, dr);
					ck_assert(x->lever_to <= 1);
					levers++;
				}
			}
	}
	if (pass == 1)
		slow_none = none - none_before;
	smug_world_free(w);
	}
	ck_assert_int_gt(named, 100);
	ck_assert_int_gt(levers, 50);
	ck_assert_int_gt(no_lever, 0);
	ck_assert_int_gt(slow_none, 0);
	free(x);
}
END_TEST

/* A bribing faction's prior for a border it has not crossed prices the
 * offer it expects to make (bribe_offer_ratio x its covered share), even
 * below one required bribe; the officer's own price for a crossing with
 * no offer (customs.fallback_bribe_fraction) does not enter it. */
START_TEST(test_smuggling_prior_prices_an_offer_below_one_required_bribe)
{
	struct smug_world *w = load_tiny();
	int f = smug_world_find_faction(w, "crew"), c = smug_world_find_corridor(w, "n:a|n:b");
	struct smug_network *n;
	struct smug_belief half, half_own_price, quarter;

	ck_assert_int_ge(f, 0);
	ck_assert_int_ge(c, 0);
	n = &w->factions[f].net;
	ck_assert(n->bribe_budget_fraction > 0);
	n->plan_offer_fill = 1.0; /* its budget has covered its aims */
	w->cfg.smuggling.bribe_offer_ratio = 0.5;
	smuggling_prior(w, n, c, w->corridors[c].a, &half);
	w->cfg.customs.fallback_bribe_fraction = 2.0;
	smuggling_prior(w, n, c, w->corridors[c].a, &half_own_price);
	ck_assert_msg(half.cost > 0 && half_own_price.cost == half.cost,
		      "offer 0.5 required: cost_est %.6f, %.6f with the officer's own price at 2 x value", half.cost,
		      half_own_price.cost);
	w->cfg.customs.fallback_bribe_fraction = 0.25;
	w->cfg.smuggling.bribe_offer_ratio = 0.25;
	smuggling_prior(w, n, c, w->corridors[c].a, &quarter);
	ck_assert_msg(quarter.cost < half.cost, "cost_est %.6f offering 0.25 required, %.6f offering 0.5",
		      quarter.cost, half.cost);
	smug_world_free(w);
}
END_TEST

/* tiny.json with its NARCOTICS shipments set to one unit of
 * value_density credits (the scenario's smallest cargo: 0.01 cr). */
static struct smug_world *tiny_with_cargo(const char *value_density)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	char *tiny = test_slurp(SRCDIR "/data/tiny.json", NULL), *json;
	const char *body;
	size_t size;

	ck_assert_ptr_nonnull(tiny);
	body = strchr(tiny, '{');
	ck_assert_ptr_nonnull(body);
	size = strlen(body) + 200;
	json = malloc(size);
	ck_assert_ptr_nonnull(json);
	snprintf(json, size, "{\"commodities\": {\"NARCOTICS\": {\"value_density\": %s, \"units_per_shipment\": 1}}, %s",
		 value_density, body + 1);
	ck_assert_msg(smug_world_load_json(json, strlen(json), "tiny.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	free(tiny);
	return w;
}

/* The why of a decision names its flip for the smallest cargo a scenario
 * can set (0.01 cr, one minor unit): the same estimate change, from and
 * to the same values, as for a cargo of 1 cr on the same first day (every
 * score is the cargo's value times the same terms, so the change that
 * closes the margin does not depend on the value). */
START_TEST(test_smuggling_flip_named_for_a_one_minor_unit_cargo)
{
	struct smug_world *penny = tiny_with_cargo("0.01"), *credit = tiny_with_cargo("1");
	struct smug_explanation *x = malloc(sizeof *x), *y = malloc(sizeof *y);
	int named = 0;

	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	smug_cmd_step(penny, 1);
	smug_cmd_step(credit, 1);
	ck_assert_int_eq(penny->n_decisions, credit->n_decisions);
	for (int i = 0; i < penny->n_decisions; i++) {
		ck_assert_int_eq(penny->decisions[i].value, 1);
		ck_assert_int_eq(smug_explain_decision(penny, i, x), SMUG_OK);
		ck_assert_int_eq(smug_explain_decision(credit, i, y), SMUG_OK);
		if (penny->decisions[i].runner < 0)
			continue;
		ck_assert_msg(strcmp(x->flip, y->flip) == 0 && x->flip_corridor == y->flip_corridor,
			      "decision %d: a 0.01 cr cargo's flip is '%s', a 1 cr cargo's '%s'", i, x->flip, y->flip);
		named += x->flip_corridor >= 0;
	}
	ck_assert_int_gt(named, 0);
	free(x);
	free(y);
	smug_world_free(penny);
	smug_world_free(credit);
}
END_TEST

/* A network's last_run_day (smuggling.json) is the last day it planned:
 * with max_active_factions 1 only the first network in id order plans,
 * the others keep the day they last did (-1: never). */
START_TEST(test_smuggling_last_run_day_is_the_last_day_a_network_planned)
{
	struct smug_world *w = load_default();
	int first = -1, others = 0;

	for (int f = 0; f < w->n_factions && first < 0; f++)
		if (w->factions[f].runs_network)
			first = f;
	ck_assert_int_ge(first, 0);
	w->cfg.smuggling.max_active_factions = 1;
	smug_cmd_step(w, 5);
	w->cfg.smuggling.max_active_factions = SMUG_FACTIONS_MAX;
	smug_cmd_step(w, 3);
	w->cfg.smuggling.max_active_factions = 1;
	smug_cmd_step(w, 2);
	for (int f = 0; f < w->n_factions; f++) {
		int want = !w->factions[f].runs_network ? -1 : f == first ? 10 : 8;

		ck_assert_msg(w->factions[f].net.last_run_day == want, "%s: last_run_day %d on day %d, want %d",
			      w->factions[f].id, w->factions[f].net.last_run_day, w->day, want);
		others += w->factions[f].runs_network && f != first;
	}
	ck_assert_int_gt(others, 0);
	smug_world_free(w);
}
END_TEST

/* A faction's own bribe_budget_fraction (the scenario's) is its network's,
 * whatever the config's: 0 (it never bribes) and 0.5 alike; a faction
 * without one (-1) follows the config's. */
START_TEST(test_smuggling_faction_fraction_overrides_the_config)
{
	static const double own[] = {0, 0.5, -1};

	for (int i = 0; i < 3; i++) {
		struct smug_world *w = load_tiny();
		int f = smug_world_find_faction(w, "crew");
		double want = own[i] >= 0 ? own[i] : w->cfg.smuggling.bribe_budget_fraction;

		ck_assert_int_ge(f, 0);
		w->factions[f].bribe_budget_fraction = own[i];
		smug_cmd_step(w, 1);
		ck_assert_msg(w->factions[f].net.bribe_budget_fraction == want,
			      "own fraction %g, config's %g: the network plans with %g", own[i],
			      w->cfg.smuggling.bribe_budget_fraction, w->factions[f].net.bribe_budget_fraction);
		smug_world_free(w);
	}
}
END_TEST

/* The tiny world with its north road (n:a>n:b>n:d) made fast and deadly,
 * predators on both its corridors taking nearly every cargo, and its south
 * road (n:a>n:c>n:d) safe but ten days a corridor, at a travel weight that
 * lets the north road win shipments to ward:d by a margin that no risk_est
 * can close: the north road's risks would have to rise past 1, the south
 * road's fall below 0. Only a rise of the north road's cost_est flips it. */
static struct smug_world *load_fast_deadly_road(void)
{
	char *json = test_slurp(SRCDIR "/data/tiny.json", NULL), *text;
	cJSON *root, *corridors, *smuggling;
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_ptr_nonnull(json);
	root = cJSON_Parse(json);
	ck_assert_ptr_nonnull(root);
	corridors = cJSON_GetObjectItemCaseSensitive(root, "corridors");
	for (int i = 0; i < cJSON_GetArraySize(corridors); i++) {
		cJSON *c = cJSON_GetArrayItem(corridors, i);
		bool north = strcmp(cJSON_GetObjectItemCaseSensitive(c, "a")->valuestring, "n:b") == 0 ||
			     strcmp(cJSON_GetObjectItemCaseSensitive(c, "b")->valuestring, "n:b") == 0;

		cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(c, north ? "hazard" : "travel_days"), north ? 1 : 10);
	}
	smuggling = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "config"), "smuggling");
	cJSON_AddNumberToObject(smuggling, "travel_weight", 0.17);
	text = cJSON_PrintUnformatted(root);
	ck_assert_msg(smug_world_load_json(text, strlen(text), "fast-deadly", &w, &err) == SMUG_OK, "%s", err.msg);
	cJSON_free(text);
	cJSON_Delete(root);
	free(json);
	return w;
}

/* When no risk_est within [0, 1] closes the margin but a border's cost_est
 * does, the flip is that cost change and says so ("cost_est of ..."): on
 * the fast deadly road, every day-1 decision for ward:d names a north
 * border's cost_est raised by margin / value. */
START_TEST(test_smuggling_flip_names_a_cost_change_when_no_risk_change_closes_it)
{
	struct smug_world *w = load_fast_deadly_road();
	struct smug_explanation *x = malloc(sizeof *x);
	int d_ward = smug_world_find_ward(w, "ward:d"), checked = 0;

	ck_assert_ptr_nonnull(x);
	ck_assert_int_ge(d_ward, 0);
	smug_cmd_step(w, 1);
	for (int i = 0; i < w->n_decisions; i++) {
		const struct smug_decision *d = &w->decisions[i];
		const struct smug_explain_candidate *win;
		double v = (double)d->value, pen = 1.0 + w->commodities[d->commodity].seizure_penalty;
		const struct smug_explain_edge *g = NULL;

		if (d->dst_ward != d_ward || d->winner < 0 || d->runner < 0 || d->value <= 0)
			continue;
		ck_assert_int_eq(smug_explain_decision(w, i, x), SMUG_OK);
		win = &x->cand[d->winner];
		ck_assert_msg(win->n_nodes == 3 && w->corridors[win->edges[0].corridor].hazard == 1,
			      "decision %d: the winner is not the north road", i);
		/* no risk change closes it: each north risk would pass 1, each south one 0 */
		for (int side = 0; side < 2; side++) {
			const struct smug_explain_candidate *c = &x->cand[side == 0 ? d->winner : d->runner];

			for (int e = 0; e + 1 < c->n_nodes; e++) {
				double to = c->edges[e].risk_est + (side == 0 ? 1 : -1) * d->margin / (v * pen);

				ck_assert_msg(to > 1 || to < 0, "decision %d: risk_est %.3f -> %.3f closes the margin",
					      i, c->edges[e].risk_est, to);
			}
		}
		ck_assert_msg(x->flip_cost && strncmp(x->flip, "cost_est of ", 12) == 0,
			      "decision %d: the flip reads '%s', want a cost_est change", i, x->flip);
		ck_assert(cand_has(win, x->flip_corridor) && !cand_has(&x->cand[d->runner], x->flip_corridor));
		for (int e = 0; e + 1 < win->n_nodes; e++)
			if (win->edges[e].corridor == x->flip_corridor)
				g = &win->edges[e];
		ck_assert(x->flip_from == g->cost_est);
		ck_assert_msg(fabs(x->flip_to - (g->cost_est + d->margin / v)) <= 1e-12, "flip '%s': want to %.6f", x->flip,
			      g->cost_est + d->margin / v);
		checked++;
	}
	ck_assert_msg(checked > 0, "no day-1 decision for ward:d with a runner-up");
	smug_world_free(w);
	free(x);
}
END_TEST

/* The world keeps a summary of its last SMUG_EXPLAIN_HISTORY decisions
 * (the seed's explain_history): oldest first, each one the decision's
 * own day, faction, cargo, lane, candidates, winner's score, margin and
 * shipment; a day's decisions in their order. */
START_TEST(test_smuggling_explain_history_keeps_the_last_decisions)
{
	struct smug_world *w = load_default();
	struct smug_decision_summary *want = calloc(100000, sizeof *want);
	int total = 0;

	ck_assert_ptr_nonnull(want);
	ck_assert_int_eq(w->explain_count, 0);
	for (int day = 0; day < 12; day++) {
		int n;

		smug_cmd_step(w, 1);
		for (int i = 0; i < w->n_decisions && total < 100000; i++) {
			const struct smug_decision *d = &w->decisions[i];

			want[total++] = (struct smug_decision_summary){
				.day = d->day,
				.faction = d->faction,
				.commodity = d->commodity,
				.src_ward = d->src_ward,
				.dst_ward = d->dst_ward,
				.n_cand = d->n_cand,
				.winner_score = d->winner >= 0 ? d->winner_score : 0,
				.margin = d->margin,
				.shipment = d->shipment,
			};
		}
		n = total < SMUG_EXPLAIN_HISTORY ? total : SMUG_EXPLAIN_HISTORY;
		ck_assert_int_eq(w->explain_count, n);
		ck_assert_int_eq(w->explain_head, total % SMUG_EXPLAIN_HISTORY);
		for (int k = 0; k < n; k++) {
			int slot = ((w->explain_head - n + k) % SMUG_EXPLAIN_HISTORY + 2 * SMUG_EXPLAIN_HISTORY) %
				   SMUG_EXPLAIN_HISTORY;
			const struct smug_decision_summary *h = &w->explain_hist[slot], *e = &want[total - n + k];

			ck_assert_msg(h->day == e->day && h->faction == e->faction && h->commodity == e->commodity &&
					      h->src_ward == e->src_ward && h->dst_ward == e->dst_ward && h->n_cand == e->n_cand &&
					      h->winner_score == e->winner_score && h->margin == e->margin &&
					      h->shipment == e->shipment,
				      "day %d: history entry %d of %d is not decision %d", w->day, k, n, total - n + k);
		}
	}
	ck_assert_int_gt(total, SMUG_EXPLAIN_HISTORY);
	smug_world_free(w);
	free(want);
}
END_TEST

static Suite *smuggling_suite(void)
{
	Suite *s = suite_create("smuggling_networks_v1");
	TCase *t;

	t = tcase_create("T1 determinism");
	tcase_add_test(t, test_smuggling_same_world_same_choices);
	tcase_add_test(t, test_smuggling_ward_lists_are_topk_of_members_and_slice);
	tcase_add_test(t, test_smuggling_ward_lists_at_the_largest_ward_topk_and_after);
	tcase_add_test(t, test_smuggling_choices_are_real);
	tcase_add_test(t, test_smuggling_seed_changes_outcomes);
	tcase_add_test(t, test_smuggling_explanation_matches_plan);
	tcase_add_test(t, test_smuggling_only_candidate_wins_by_no_margin);
	tcase_add_test(t, test_smuggling_explanation_at_the_largest_route_topk);
	tcase_add_test(t, test_smuggling_plan_follows_loss_knobs_set_during_a_run);
	tcase_add_test(t, test_smuggling_flip_and_lever_are_the_smallest_changes);
	tcase_add_test(t, test_smuggling_flip_names_a_cost_change_when_no_risk_change_closes_it);
	tcase_add_test(t, test_smuggling_flip_named_for_a_one_minor_unit_cargo);
	tcase_add_test(t, test_smuggling_last_run_day_is_the_last_day_a_network_planned);
	tcase_add_test(t, test_smuggling_faction_fraction_overrides_the_config);
	tcase_add_test(t, test_smuggling_explain_history_keeps_the_last_decisions);
	tcase_add_test(t, test_smuggling_route_update_names_the_moved_edge);
	tcase_add_test(t, test_smuggling_route_update_names_corridor_0);
	tcase_add_test(t, test_smuggling_lane_cap_forgets_the_least_recent_lane);
	tcase_add_test(t, test_smuggling_risk_text_reads_as_printf);
	tcase_add_test(t, test_smuggling_explores_for_the_smallest_profit);
	tcase_add_test(t, test_smuggling_explores_the_best_stale_candidate);
	tcase_add_test(t, test_smuggling_exploring_tie_keeps_the_smaller_route_id);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("T2 boundedness");
	tcase_add_test(t, test_smuggling_edge_stats_bounded);
	tcase_add_test(t, test_smuggling_route_evaluation_bounded);
	tcase_add_test(t, test_smuggling_shipments_per_day_capped);
	tcase_add_test(t, test_smuggling_full_road_skips_instead_of_sending);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("T3 bribes");
	tcase_add_test(t, test_smuggling_planner_bribes_lower_seizure_bounded);
	tcase_add_test(t, test_smuggling_planner_bribes_within_budget_and_caps);
	tcase_add_test(t, test_smuggling_offer_fill_is_the_covered_share_of_any_offer);
	tcase_add_test(t, test_smuggling_prior_prices_an_offer_below_one_required_bribe);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("T4 learning");
	tcase_add_test(t, test_smuggling_seizures_raise_risk_and_shift_routes);
	tcase_add_test(t, test_smuggling_uses_count_the_shipments_resolved);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("T5 ledger");
	tcase_add_test(t, test_smuggling_exactly_one_cargos_value_is_enough);
	tcase_add_test(t, test_smuggling_ledger_flows_and_conservation);
	tcase_add_test(t, test_smuggling_bribe_taken_leaves_faction_account);
	tcase_add_test(t, test_smuggling_ledger_conserved_generated_and_planner);
	tcase_set_timeout(t, 300);
	suite_add_tcase(s, t);
	t = tcase_create("T6 persistence in memory");
	tcase_add_test(t, test_smuggling_copy_continues_identically);
	tcase_add_test(t, test_smuggling_copy_continues_identically_with_smuggling_off);
	tcase_add_test(t, test_smuggling_copy_continues_identically_with_fewer_planners);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("reachable pairs");
	tcase_add_test(t, test_smuggling_draws_only_reachable_demand);
	tcase_add_test(t, test_smuggling_reach_cache_is_not_state);
	tcase_set_timeout(t, 120);
	suite_add_tcase(s, t);
	t = tcase_create("cat and mouse");
	tcase_add_test(t, test_smuggling_cat_and_mouse);
	tcase_set_timeout(t, 300);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return test_run_suite(smuggling_suite());
}
