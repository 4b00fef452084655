/* The state digest: XXH3 over a canonical, field-by-field encoding of the
 * whole world (never raw structs, whose padding is unspecified). Integers
 * as little-endian int64, doubles by their bit pattern, strings with their
 * length. The route cache is not state and is left out. This is the test
 * oracle for determinism: keep it in step with every field of world.h. */
#include <string.h>

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "core.h"

struct dg {
	XXH3_state_t *st;
};

static void dg_i(struct dg *g, int64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	XXH3_64bits_update(g->st, b, 8);
}

static void dg_u(struct dg *g, uint64_t v)
{
	dg_i(g, (int64_t)v);
}

static void dg_f(struct dg *g, double v)
{
	uint64_t bits;

	memcpy(&bits, &v, sizeof bits);
	dg_u(g, bits);
}

static void dg_s(struct dg *g, const char *s)
{
	size_t n = strlen(s);

	dg_u(g, n);
	XXH3_64bits_update(g->st, s, n);
}

static void dg_config(struct dg *g, const struct smug_config *c)
{
	const struct smug_smuggling_config *s = &c->smuggling;
	const struct smug_customs_config *cu = &c->customs;
	const struct smug_crackdown_config *k = &c->crackdown;
	const struct smug_signals_config *si = &c->signals;

	dg_i(g, s->enabled);
	dg_i(g, s->max_active_factions);
	dg_i(g, s->max_shipments_per_day);
	dg_i(g, s->commodity_topk);
	dg_i(g, s->route_topk);
	dg_i(g, s->border_topk);
	dg_i(g, s->ward_topk);
	dg_f(g, s->learning_rate);
	dg_s(g, s->deterministic_salt);
	dg_f(g, s->bribe_budget_fraction);
	dg_f(g, s->bribe_offer_ratio);
	dg_f(g, s->prior_drift);
	dg_f(g, s->travel_weight);
	dg_f(g, s->upkeep_fraction);
	dg_f(g, s->exploration_rate);
	dg_i(g, s->exploration_stale_days);
	dg_f(g, s->hazard_loss_share);
	dg_i(g, s->max_delays);
	dg_f(g, cu->base_inspection_rate);
	dg_f(g, cu->base_tariff_rate);
	dg_f(g, cu->contraband_detection_base);
	dg_f(g, cu->bribery_effect_max);
	dg_f(g, cu->bribe_required_fraction);
	dg_f(g, cu->bribe_accept);
	dg_f(g, cu->corruption_detection);
	dg_f(g, cu->corruption_accept);
	dg_f(g, cu->enforcement_accept);
	dg_f(g, cu->fallback_bribe_fraction);
	dg_f(g, cu->fallback_tariff_share);
	dg_i(g, cu->max_checks_per_day);
	dg_i(g, k->auto_enabled);
	dg_i(g, k->border_topk);
	dg_i(g, k->max_targets_per_day);
	dg_i(g, k->duration_days);
	dg_i(g, k->cooldown_days);
	dg_f(g, k->capacity_per_point);
	dg_i(g, k->exploration_every);
	dg_f(g, k->exploration_intensity);
	dg_f(g, k->inspection_gain);
	dg_f(g, k->detection_gain);
	dg_f(g, k->bribe_shrink);
	dg_f(g, k->bribe_floor);
	dg_f(g, k->hazard_shrink);
	dg_f(g, k->alert_gain);
	dg_f(g, k->score_bribes);
	dg_f(g, k->score_seizures);
	dg_f(g, k->score_traffic);
	dg_f(g, si->corruption_per_bribe);
	dg_f(g, si->audit_pull);
	dg_f(g, si->max_daily_delta);
	dg_f(g, si->bribe_norm);
	dg_f(g, si->blackmarket_alpha);
	dg_f(g, si->shortage_ease);
	dg_f(g, si->shortage_regen);
	dg_f(g, si->corruption_pull);
	dg_f(g, si->tolerance_gain);
	dg_f(g, si->tolerance_corruption);
	dg_f(g, si->tolerance_decay);
	dg_f(g, si->raider_gain);
	dg_f(g, si->raider_loss);
	dg_f(g, si->raider_decay);
	dg_f(g, si->raider_norm);
	dg_f(g, c->economy.levy_rate);
	dg_f(g, c->economy.corruption_leak);
	dg_f(g, c->economy.enforcement_pay_rate);
	dg_f(g, c->economy.ward_spend_rate);
	dg_f(g, c->economy.blackmarket_spend_rate);
	dg_f(g, c->economy.auction_price);
	dg_f(g, c->economy.diversion_weight);
	dg_i(g, c->telemetry.window_days);
}

static void dg_commodity(struct dg *g, const struct smug_commodity_def *d)
{
	dg_i(g, d->value_density);
	dg_i(g, d->units_per_shipment);
	dg_f(g, d->seizure_penalty);
	dg_f(g, d->heat);
	dg_i(g, d->related_good);
	dg_f(g, d->sale_markup);
	dg_f(g, d->demand_w_tolerance);
	dg_f(g, d->demand_w_shortage);
	dg_f(g, d->demand_w_corruption);
	dg_f(g, d->demand_w_raider);
	dg_f(g, d->demand_w_war);
	dg_f(g, d->source_w_raider);
	dg_f(g, d->source_w_precursor);
	dg_f(g, d->source_w_blackmarket);
}

static void dg_signals(struct dg *g, const struct smug_signals *s)
{
	dg_f(g, s->smuggling_tolerance);
	dg_f(g, s->corruption);
	dg_f(g, s->legitimacy);
	dg_f(g, s->audit);
	dg_f(g, s->raider_influence);
	dg_f(g, s->precursor_output);
	dg_f(g, s->war_pressure);
	for (int i = 0; i < SMUG_GOOD_COUNT; i++)
		dg_f(g, s->shortage[i]);
	dg_f(g, s->blackmarket_flow);
}

static void dg_ward(struct dg *g, const struct smug_ward *w)
{
	dg_s(g, w->id);
	dg_s(g, w->name);
	dg_i(g, w->ring);
	dg_f(g, w->pos[0]);
	dg_f(g, w->pos[1]);
	dg_signals(g, &w->sig);
	dg_signals(g, &w->base);
	dg_f(g, w->customs.inspection_bias);
	dg_f(g, w->customs.tariff_bias);
	dg_f(g, w->customs.contraband_bias);
	dg_f(g, w->customs.bribe_tolerance);
	dg_f(g, w->customs.enforcement_points);
	dg_i(g, w->gate_node);
	dg_i(g, w->account);
	dg_i(g, w->buyers);
	dg_i(g, w->bribes_today);
	for (int i = 0; i < SMUG_GOOD_COUNT; i++)
		dg_i(g, w->delivered_today[i]);
	dg_i(g, w->raider_runs_today);
	dg_i(g, w->raider_busts_today);
	dg_f(g, w->raider_presence);
}

static void dg_network(struct dg *g, const struct smug_network *n)
{
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
		dg_f(g, n->commodity_prefs[c]);
	dg_f(g, n->bribe_budget_fraction);
	dg_i(g, n->last_run_day);
	dg_i(g, n->n_edge_stats);
	for (int i = 0; i < n->n_edge_stats; i++) {
		const struct smug_edge_stats *e = &n->edge_stats[i];

		dg_i(g, e->corridor);
		dg_i(g, e->from_node);
		dg_f(g, e->risk_est);
		dg_f(g, e->cost_est);
		dg_i(g, e->last_update_day);
		dg_i(g, e->uses);
		dg_i(g, e->cal_n);
		dg_i(g, e->cal_fail);
		dg_f(g, e->cal_risk);
		dg_f(g, n->preferred_border_weight[i]);
	}
	dg_i(g, n->n_plan_stats);
	for (int i = 0; i < n->n_plan_stats; i++) {
		dg_i(g, n->plan_stats[i].corridor);
		dg_i(g, n->plan_stats[i].from_node);
		dg_f(g, n->plan_stats[i].risk_est);
		dg_f(g, n->plan_stats[i].cost_est);
		dg_i(g, n->plan_stats[i].last_update_day);
	}
	dg_i(g, n->recent_count);
	for (int i = 0; i < n->recent_count; i++) {
		int k = (n->recent_head - n->recent_count + i + 2 * SMUG_RECENT_OUTCOMES) %
			SMUG_RECENT_OUTCOMES;
		const struct smug_recent_outcome *r = &n->recent[k];

		dg_i(g, r->day);
		dg_u(g, r->shipment);
		dg_i(g, r->commodity);
		dg_i(g, r->outcome);
		dg_i(g, r->at_corridor);
		dg_i(g, r->value);
	}
	dg_i(g, n->n_lanes);
	for (int i = 0; i < n->n_lanes; i++) {
		const struct smug_lane *l = &n->lanes[i];

		dg_i(g, l->commodity);
		dg_i(g, l->src_ward);
		dg_i(g, l->dst_ward);
		dg_i(g, l->route_len);
		for (int j = 0; j < l->route_len; j++)
			dg_i(g, l->route_nodes[j]);
		dg_i(g, l->last_day);
	}
	dg_i(g, n->shipments);
	dg_i(g, n->delivered);
	dg_i(g, n->seized);
	dg_i(g, n->lost);
	dg_i(g, n->delayed);
	dg_i(g, n->bribes_spent);
	dg_i(g, n->tariffs_paid);
	dg_i(g, n->purchases);
	dg_i(g, n->sales);
	dg_i(g, n->in_transit);
}

static void dg_ledger(struct dg *g, const struct smug_ledger *l)
{
	dg_i(g, l->n_accounts);
	for (int i = 0; i < l->n_accounts; i++) {
		dg_s(g, l->accounts[i].id);
		dg_i(g, l->accounts[i].balance);
	}
	dg_i(g, l->blackmarket);
	dg_i(g, l->treasury);
	dg_i(g, l->journal_count);
	for (int i = 0; i < l->journal_count; i++) {
		int k = (l->journal_head - l->journal_count + i + 2 * SMUG_JOURNAL_CAP) %
			SMUG_JOURNAL_CAP;
		const struct smug_tx *t = &l->journal[k];

		dg_i(g, t->day);
		dg_i(g, t->seq);
		dg_i(g, t->from);
		dg_i(g, t->to);
		dg_i(g, t->amount);
		dg_i(g, t->reason);
	}
	dg_i(g, l->day_seq);
	dg_i(g, l->day_seq_day);
	dg_i(g, l->minted);
	dg_i(g, l->burned);
	dg_i(g, l->initial_total);
	for (int i = 0; i < SMUG_TX_REASON_COUNT; i++)
		dg_i(g, l->by_reason[i]);
}

static void dg_shipment(struct dg *g, const struct smug_shipment *s)
{
	dg_u(g, s->id);
	dg_i(g, s->faction);
	dg_i(g, s->commodity);
	dg_i(g, s->units);
	dg_i(g, s->value);
	dg_i(g, s->sale_price);
	dg_i(g, s->src_ward);
	dg_i(g, s->dst_ward);
	dg_i(g, s->n_nodes);
	for (int i = 0; i < s->n_nodes; i++)
		dg_i(g, s->nodes[i]);
	for (int i = 0; i + 1 < s->n_nodes; i++) {
		dg_i(g, s->corridors[i]);
		dg_i(g, s->hop_cost[i]);
		dg_f(g, s->plan_risk[i]);
	}
	dg_i(g, s->explore);
	dg_i(g, s->hop);
	dg_i(g, s->days_left);
	dg_i(g, s->created_day);
	dg_i(g, s->delays);
	dg_i(g, s->bribe_budget_total);
	dg_i(g, s->n_bribes);
	for (int i = 0; i < s->n_bribes; i++) {
		dg_i(g, s->bribe_map[i].corridor);
		dg_i(g, s->bribe_map[i].amount);
	}
	dg_i(g, s->bribes_paid);
	dg_i(g, s->tariffs_paid);
	dg_i(g, s->purchase);
	dg_i(g, s->status);
	dg_i(g, s->resolved_corridor);
}

static void dg_counters(struct dg *g, const struct smug_counters *c)
{
	dg_i(g, c->shipments_created);
	dg_i(g, c->delivered);
	dg_i(g, c->seized);
	dg_i(g, c->lost);
	dg_i(g, c->delayed);
	dg_i(g, c->bribes_spent);
	dg_i(g, c->tariffs);
	dg_i(g, c->profit);
	dg_i(g, c->customs_checks);
}

static void dg_topk(struct dg *g, const struct smug_topk *t)
{
	dg_i(g, t->n);
	for (int i = 0; i < t->n; i++) {
		dg_s(g, t->e[i].key);
		dg_i(g, t->e[i].index);
		dg_f(g, t->e[i].score);
	}
}

static void dg_telemetry(struct dg *g, const struct smug_telemetry *t)
{
	dg_counters(g, &t->total);
	dg_counters(g, &t->today);
	dg_i(g, t->plan.days);
	dg_i(g, t->plan.decisions);
	dg_i(g, t->plan.sent);
	dg_i(g, t->plan.explored);
	for (int i = 0; i < SMUG_SKIP_COUNT; i++)
		dg_i(g, t->plan.skipped[i]);
	dg_i(g, t->plan.cap_days);
	dg_i(g, t->plan.budget_days);
	dg_i(g, t->plan.budget_short_days);
	dg_i(g, t->history_count);
	for (int i = 0; i < t->history_count; i++) {
		const struct smug_day_record *r = smug_history_at(t, i);

		dg_i(g, r->day);
		dg_counters(g, &r->c);
		dg_i(g, r->in_transit);
	}
	dg_i(g, t->event_count);
	dg_u(g, t->events_total);
	for (int i = 0; i < t->event_count; i++) {
		const struct smug_event *e = smug_event_at(t, i);

		dg_i(g, e->day);
		dg_i(g, e->kind);
		dg_i(g, e->faction);
		dg_i(g, e->corridor);
		dg_u(g, e->shipment);
		dg_i(g, e->commodity);
		dg_i(g, e->amount);
		dg_s(g, e->detail);
	}
	dg_topk(g, &t->hot_routes);
	dg_topk(g, &t->hot_borders);
	dg_topk(g, &t->faction_success);
	dg_i(g, t->n_touched);
	for (int i = 0; i < t->n_touched; i++)
		dg_i(g, t->touched[i]);
	dg_i(g, t->n_touched_yday);
	for (int i = 0; i < t->n_touched_yday; i++)
		dg_i(g, t->touched_yday[i]);
}

static void dg_terms(struct dg *g, const struct smug_driver_terms *t)
{
	for (int i = 0; i < 5; i++)
		dg_f(g, t->term[i]);
	dg_f(g, t->score);
}

static void dg_decision(struct dg *g, const struct smug_decision *d)
{
	dg_i(g, d->day);
	dg_i(g, d->faction);
	dg_i(g, d->commodity);
	dg_i(g, d->src_ward);
	dg_i(g, d->dst_ward);
	dg_terms(g, &d->demand);
	dg_terms(g, &d->source);
	dg_i(g, d->value);
	dg_i(g, d->bribe_budget);
	dg_i(g, d->n_cand);
	dg_i(g, d->winner);
	dg_i(g, d->runner);
	dg_f(g, d->winner_score);
	dg_f(g, d->margin);
	dg_i(g, d->route_len);
	for (int j = 0; j < d->route_len; j++)
		dg_i(g, d->route[j]);
	dg_i(g, d->route_borders);
	dg_s(g, d->skipped);
	dg_i(g, d->skip);
	dg_i(g, d->chosen);
	dg_i(g, d->explore);
	dg_f(g, d->explore_score);
	dg_u(g, d->shipment);
	dg_i(g, d->bribe_total);
	dg_f(g, d->expected_profit);
}

uint64_t world_digest(const struct smug_world *w)
{
	XXH3_state_t state;
	struct dg g = {&state};

	XXH3_64bits_reset(g.st);
	dg_s(&g, "smugnet-state-v1");
	dg_s(&g, w->scenario_id);
	dg_s(&g, w->scenario_name);
	dg_u(&g, w->scenario_hash);
	dg_u(&g, w->seed);
	dg_i(&g, w->day);
	dg_i(&g, w->start_day);
	dg_i(&g, w->initial_blackmarket);
	dg_i(&g, w->initial_treasury);
	dg_i(&g, w->initial_buyers);
	dg_config(&g, &w->cfg);
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
		dg_commodity(&g, &w->commodities[c]);
	dg_i(&g, w->n_wards);
	for (int i = 0; i < w->n_wards; i++)
		dg_ward(&g, &w->wards[i]);
	dg_i(&g, w->n_nodes);
	for (int i = 0; i < w->n_nodes; i++) {
		dg_s(&g, w->nodes[i].id);
		dg_i(&g, w->nodes[i].ward);
	}
	dg_i(&g, w->n_corridors);
	for (int i = 0; i < w->n_corridors; i++) {
		const struct smug_corridor *k = &w->corridors[i];
		const struct smug_border_stats *b = &w->border_stats[i];

		dg_s(&g, k->id);
		dg_i(&g, k->a);
		dg_i(&g, k->b);
		dg_i(&g, k->travel_days);
		dg_f(&g, k->hazard);
		dg_i(&g, k->route_weight);
		dg_i(&g, k->border);
		dg_i(&g, b->traffic);
		dg_i(&g, b->checks);
		dg_i(&g, b->inspections);
		dg_i(&g, b->detections);
		dg_i(&g, b->seizures);
		dg_i(&g, b->bribes);
		dg_i(&g, b->tariffs);
		dg_i(&g, b->traffic_today);
		dg_i(&g, b->seizures_today);
		dg_i(&g, b->traffic_yday);
		dg_i(&g, b->seizures_yday);
		dg_i(&g, b->bribes_today);
		dg_i(&g, b->bribes_yday);
	}
	dg_i(&g, w->n_factions);
	for (int i = 0; i < w->n_factions; i++) {
		const struct smug_faction *f = &w->factions[i];

		dg_s(&g, f->id);
		dg_s(&g, f->name);
		dg_i(&g, f->kind);
		dg_i(&g, f->home_ward);
		dg_i(&g, f->account);
		for (int c = 0; c < SMUG_COMMODITY_COUNT; c++)
			dg_f(&g, f->profile[c]);
		dg_i(&g, f->runs_network);
		dg_i(&g, f->initial_balance);
		dg_network(&g, &f->net);
	}
	dg_ledger(&g, &w->ledger);
	dg_i(&g, w->n_shipments);
	for (int i = 0; i < w->n_shipments; i++)
		dg_shipment(&g, &w->shipments[i]);
	dg_u(&g, w->next_shipment_id);
	dg_i(&g, w->n_crackdowns);
	for (int i = 0; i < w->n_crackdowns; i++) {
		const struct smug_crackdown *k = &w->crackdowns[i];

		dg_i(&g, k->kind);
		dg_i(&g, k->corridor);
		dg_f(&g, k->intensity);
		dg_i(&g, k->start_day);
		dg_i(&g, k->end_day);
		dg_i(&g, k->manual);
		dg_i(&g, k->exploration);
	}
	dg_i(&g, w->n_cooldowns);
	for (int i = 0; i < w->n_cooldowns; i++) {
		dg_i(&g, w->cooldowns[i].corridor);
		dg_i(&g, w->cooldowns[i].until_day);
	}
	dg_telemetry(&g, &w->tel);
	dg_f(&g, w->enforcement_capacity);
	for (int c = 0; c < SMUG_COMMODITY_COUNT; c++) {
		dg_i(&g, w->n_demand[c]);
		for (int i = 0; i < w->n_demand[c]; i++) {
			dg_i(&g, w->demand_ward[c][i]);
			dg_terms(&g, &w->demand_terms[c][i]);
		}
		dg_i(&g, w->n_source[c]);
		for (int i = 0; i < w->n_source[c]; i++) {
			dg_i(&g, w->source_ward[c][i]);
			dg_terms(&g, &w->source_terms[c][i]);
		}
	}
	dg_i(&g, w->ward_cursor);
	dg_i(&g, w->n_decisions);
	dg_i(&g, w->decisions_day);
	for (int i = 0; i < w->n_decisions; i++)
		dg_decision(&g, &w->decisions[i]);
	dg_i(&g, w->explain_count);
	for (int i = 0; i < w->explain_count; i++) {
		int k = (w->explain_head - w->explain_count + i + 2 * SMUG_EXPLAIN_HISTORY) %
			SMUG_EXPLAIN_HISTORY;
		const struct smug_decision_summary *s = &w->explain_hist[k];

		dg_i(&g, s->day);
		dg_i(&g, s->faction);
		dg_i(&g, s->commodity);
		dg_i(&g, s->src_ward);
		dg_i(&g, s->dst_ward);
		dg_i(&g, s->n_cand);
		dg_f(&g, s->winner_score);
		dg_f(&g, s->margin);
		dg_u(&g, s->shipment);
	}
	dg_i(&g, w->route_evals_today);
	dg_i(&g, w->max_route_evals_per_decision);
	return XXH3_64bits_digest(g.st);
}

uint64_t smug_world_digest(const struct smug_world *w)
{
	return world_digest(w);
}
