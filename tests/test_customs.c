/* Customs: each policy dial moves its probability the documented way;
 * a bribe map lowers the seizure probability by at most its bound and a
 * crackdown raises it again (analytically and over keyed draws); seized
 * cargo stops; money goes where the spec says. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "core/core.h"
#include "test_util.h"

static struct smug_world *tiny(void)
{
	return test_load_file(SRCDIR "/data/tiny.json");
}

#define VALUE 20000

static struct customs_probs probs(struct smug_world *w, int64_t offered)
{
	struct customs_probs p;
	int c = smug_world_find_corridor(w, "n:b|n:d");

	customs_probs(w, c, smug_world_find_ward(w, "ward:d"), 1.0, VALUE, offered, true, &p);
	return p;
}

START_TEST(test_customs_dials_move_probabilities)
{
	struct smug_world *w = tiny();
	struct smug_ward *d = &w->wards[smug_world_find_ward(w, "ward:d")];
	struct customs_probs p0 = probs(w, 0), p1;

	d->customs.inspection_bias = 0.5;
	p1 = probs(w, 0);
	ck_assert_double_gt(p1.p_inspect, p0.p_inspect);
	d->customs.inspection_bias = 0;
	d->customs.contraband_bias = 0.5;
	p1 = probs(w, 0);
	ck_assert_double_gt(p1.p_detect, p0.p_detect);
	d->customs.contraband_bias = 0;
	d->sig.corruption += 0.3;
	p1 = probs(w, 0);
	ck_assert_double_lt(p1.p_detect, p0.p_detect);
	ck_assert_double_gt(p1.p_accept, p0.p_accept);
	d->sig.corruption -= 0.3;
	d->customs.bribe_tolerance += 0.3;
	p1 = probs(w, 0);
	ck_assert_double_gt(p1.p_accept, p0.p_accept);
	d->customs.bribe_tolerance -= 0.3;
	d->customs.enforcement_points += 20;
	p1 = probs(w, 0);
	ck_assert_double_lt(p1.p_accept, p0.p_accept);
	d->customs.enforcement_points -= 20;
	d->customs.tariff_bias = 0.5;
	p1 = probs(w, 0);
	ck_assert_int_gt(p1.tariff, p0.tariff);
	smug_world_free(w);
}
END_TEST

START_TEST(test_customs_bribe_lowers_seizure_within_bound)
{
	struct smug_world *w = tiny();
	int64_t required = (int64_t)probs(w, 0).required;
	struct customs_probs without = probs(w, 0), half = probs(w, required / 2), with = probs(w, required);
	struct customs_probs more = probs(w, 2 * required), lavish = probs(w, 50 * required), crack;

	ck_assert_double_lt(with.p_seize, without.p_seize);
	ck_assert_double_le(without.p_seize - with.p_seize,
			    without.p_inspect * without.p_detect * w->cfg.customs.bribery_effect_max);
	ck_assert_double_gt(with.p_seize, 0); /* no bribe guarantees clearance */
	/* the boost grows with the offer, bribe_accept x 2r/(1+r) for r times
	 * the required bribe ... */
	ck_assert_double_gt(half.bribe_boost, 0);
	ck_assert_double_eq_tol(half.bribe_boost,
				w->cfg.customs.bribe_accept * 2 * half.offer_ratio / (1 + half.offer_ratio),
				1e-12);
	ck_assert_double_lt(half.bribe_boost, with.bribe_boost);
	ck_assert_double_le(with.bribe_boost, more.bribe_boost);
	/* ... and no offer buys more than bribery_effect_max */
	ck_assert_double_le(more.bribe_boost, lavish.bribe_boost);
	ck_assert_double_eq(lavish.bribe_boost, w->cfg.customs.bribery_effect_max);
	ck_assert_double_eq(lavish.p_seize,
			    lavish.p_inspect * lavish.p_detect *
				    (1 - lavish.p_accept_base - lavish.bribe_boost * (1 - lavish.p_accept_base)));
	ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:b|n:d", 1.0, -1, NULL), SMUG_OK);
	crack = probs(w, required);
	ck_assert_double_gt(crack.p_seize, with.p_seize);
	ck_assert_double_lt(crack.bribe_boost, with.bribe_boost);
	smug_world_free(w);
}
END_TEST

/* A crackdown of intensity i scales the bribe effect and the base
 * acceptance by max(bribe_floor, 1 - bribe_shrink * i): never to zero. */
START_TEST(test_customs_crackdown_shrinks_bribes_to_a_floor)
{
	static const double shrinks[] = {0.7, 1.0}, intensities[] = {0.25, 0.5, 1.0};
	struct smug_world *w = tiny();
	int64_t offer = (int64_t)(w->cfg.customs.bribe_required_fraction * VALUE);
	struct customs_probs calm = probs(w, offer);
	int floored = 0;

	/* a crackdown also raises the price (alert_gain); hold it so the
	 * shrink shows alone */
	w->cfg.crackdown.alert_gain = 0;
	ck_assert_double_gt(calm.bribe_boost, 0);
	ck_assert_double_gt(calm.p_accept_base, 0);
	for (int s = 0; s < 2; s++)
		for (int k = 0; k < 3; k++) {
			double i = intensities[k], want = 1.0 - shrinks[s] * i;
			struct customs_probs p;

			if (want < w->cfg.crackdown.bribe_floor) {
				want = w->cfg.crackdown.bribe_floor;
				floored++;
			}
			w->cfg.crackdown.bribe_shrink = shrinks[s];
			ck_assert_int_eq(smug_cmd_crackdown_set(w, "n:b|n:d", i, -1, NULL), SMUG_OK);
			p = probs(w, offer);
			ck_assert_double_eq_tol(p.bribe_boost, calm.bribe_boost * want, 1e-12);
			ck_assert_double_eq_tol(p.p_accept_base, calm.p_accept_base * want, 1e-12);
			ck_assert_double_gt(p.bribe_boost, 0);
		}
	ck_assert_int_eq(floored, 1); /* shrink 1 at intensity 1 hits the floor */
	smug_world_free(w);
}
END_TEST

/* Seizure rate over n keyed crossings, each a fresh shipment id. */
static double observed(struct smug_world *w, int64_t offered, int n)
{
	int c = smug_world_find_corridor(w, "n:b|n:d"), seized = 0;
	int dest = smug_world_find_ward(w, "ward:d");

	for (int i = 0; i < n; i++) {
		struct smug_shipment s;

		memset(&s, 0, sizeof s);
		s.id = (uint64_t)i + 1;
		s.faction = 0;
		s.value = VALUE;
		s.n_nodes = 2;
		if (offered > 0) {
			s.n_bribes = 1;
			s.bribe_map[0] = (struct smug_bribe_entry){c, offered};
		}
		seized += customs_cross(w, &s, c, dest) == SMUG_OUTCOME_SEIZED;
		w->tel.today.customs_checks = 0;
	}
	return (double)seized / n;
}

START_TEST(test_customs_empirical_rates_match)
{
	struct smug_world *w = tiny();
	int n = 20000;
	struct customs_probs p0 = probs(w, 0), p1 = probs(w, VALUE / 4);
	double r0, r1, se0, se1;

	/* never short of bribe money */
	ledger_post(&w->ledger, 0, -1, w->factions[0].account, 1000000000, SMUG_TX_INITIAL_BALANCE);
	r0 = observed(w, 0, n);
	r1 = observed(w, VALUE / 4, n);
	se0 = 4 * sqrt(p0.p_seize * (1 - p0.p_seize) / n);
	se1 = 4 * sqrt(p1.p_seize * (1 - p1.p_seize) / n);
	printf("seizure rate without bribe %.4f (p %.4f), with bribe %.4f (p %.4f)\n", r0, p0.p_seize, r1, p1.p_seize);
	ck_assert_double_lt(r1, r0);
	ck_assert_double_lt(fabs(r0 - p0.p_seize), se0);
	ck_assert_double_lt(fabs(r1 - p1.p_seize), se1);
	ck_assert(smug_ledger_conserved(&w->ledger));
	smug_world_free(w);
}
END_TEST

START_TEST(test_customs_money_flows)
{
	struct smug_world *w = tiny();
	int64_t bm0, fac0, ward0;
	int fa = w->factions[0].account, wd = w->wards[smug_world_find_ward(w, "ward:d")].account;
	int64_t bribes = 0;

	bm0 = w->ledger.accounts[w->ledger.blackmarket].balance;
	fac0 = w->ledger.accounts[fa].balance;
	ward0 = w->ledger.accounts[wd].balance;
	observed(w, VALUE / 4, 2000);
	bribes = w->ledger.by_reason[SMUG_TX_CUSTOMS_BRIBE];
	ck_assert_int_gt(bribes, 0);
	ck_assert_int_eq(w->ledger.accounts[w->ledger.blackmarket].balance, bm0 + bribes);
	ck_assert_int_eq(w->ledger.accounts[wd].balance, ward0 + w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF]);
	ck_assert_int_eq(w->ledger.accounts[fa].balance,
			 fac0 - bribes - w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF]);
	smug_world_free(w);
}
END_TEST

/* At most max_checks_per_day crossings are checked a day; the rest are
 * waved through without tariff, roll or event. */
START_TEST(test_customs_checks_per_day_capped)
{
	struct smug_world *w = tiny();
	int c = smug_world_find_corridor(w, "n:b|n:d"), dest = smug_world_find_ward(w, "ward:d");
	int64_t tariffs0 = w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF];
	uint64_t events0 = w->tel.events_total;
	int at_cap = 0;

	w->cfg.customs.max_checks_per_day = 3;
	w->cfg.customs.base_inspection_rate = 1; /* every check is an inspection */
	for (int i = 0; i < 10; i++) {
		struct smug_shipment s;

		memset(&s, 0, sizeof s);
		s.id = (uint64_t)i + 1;
		s.value = VALUE;
		s.n_nodes = 2;
		customs_cross(w, &s, c, dest);
		ck_assert_int_eq(s.tariffs_paid > 0, i < 3);
	}
	ck_assert_int_eq(w->border_stats[c].checks, 3);
	ck_assert_int_eq(w->border_stats[c].inspections, 3);
	ck_assert_int_eq(w->tel.today.customs_checks, 3);
	ck_assert_uint_eq(w->tel.events_total - events0, 3);
	ck_assert_int_eq(w->ledger.by_reason[SMUG_TX_CUSTOMS_TARIFF] - tariffs0, 3 * probs(w, 0).tariff);
	smug_world_free(w);

	/* in a running world the cap holds every day and is reached */
	w = test_default_at(0);
	w->cfg.customs.max_checks_per_day = 2;
	for (int day = 0; day < 30; day++) {
		smug_cmd_step(w, 1);
		ck_assert_int_le(w->tel.today.customs_checks, 2);
		at_cap += w->tel.today.customs_checks == 2;
	}
	ck_assert_int_gt(at_cap, 20);
	smug_world_free(w);
}
END_TEST

START_TEST(test_customs_seizure_stops_shipment)
{
	struct smug_world *w = tiny();
	int seized_days = 0;

	/* shipments leave under normal customs; then every crossing into
	 * ward:d is inspected and detected, and no officer takes a bribe */
	smug_cmd_step(w, 1);
	ck_assert_int_gt(w->n_shipments, 0);
	w->cfg.customs.base_inspection_rate = 1;
	w->cfg.customs.contraband_detection_base = 1;
	w->wards[smug_world_find_ward(w, "ward:d")].customs.bribe_tolerance = 0;
	w->wards[smug_world_find_ward(w, "ward:d")].sig.corruption = 0;
	w->cfg.customs.bribery_effect_max = 0;
	for (int day = 0; day < 10; day++) {
		int64_t pen0 = w->ledger.by_reason[SMUG_TX_SEIZURE_PENALTY];

		smug_cmd_step(w, 1);
		if (w->tel.today.seized > 0) {
			seized_days++;
			ck_assert_int_gt(w->ledger.by_reason[SMUG_TX_SEIZURE_PENALTY], pen0);
		}
		for (int i = 0; i < w->n_shipments; i++)
			ck_assert_int_eq(smug_shipment_in_transit(w, i)->status, SMUG_OUTCOME_IN_TRANSIT);
	}
	ck_assert_int_gt(seized_days, 0);
	ck_assert_int_eq(w->factions[0].net.delivered +
				 w->factions[0].net.seized + w->factions[0].net.lost + w->factions[0].net.in_transit,
			 w->factions[0].net.shipments);
	smug_world_free(w);
}
END_TEST

/* customs_probs is the header's formulas, term by term, and the public
 * odds are the same formulas without heat or crackdown: tariff rounded to
 * the minor unit and never negative, the officer's own price, the
 * required bribe, the offer ratio (1e9 when nothing is required), the
 * seizure odds, and a network that never bribes gets no acceptance. */
START_TEST(test_customs_probs_are_the_formulas)
{
	static const double biases[] = {0, 0.5, -0.25, -1.0, -3.0};
	struct smug_world *w = tiny();
	const struct smug_customs_config *cc = &w->cfg.customs;
	int c = smug_world_find_corridor(w, "n:b|n:d"), dest = smug_world_find_ward(w, "ward:d");
	struct smug_ward *d = &w->wards[dest];
	struct customs_probs p;
	struct customs_odds o;

	ck_assert_double_gt(cc->base_tariff_rate, 0);
	for (int k = 0; k < 5; k++) {
		double m = 1.0 + biases[k], frac = cc->base_tariff_rate * (m > 0 ? m : 0);
		int64_t tariff = (int64_t)((double)VALUE * frac + 0.5);

		d->customs.tariff_bias = biases[k];
		customs_probs(w, c, dest, 1.0, VALUE, 0, true, &p);
		ck_assert_int_eq(p.tariff, tariff);
		ck_assert_int_eq(p.fallback_bribe,
				 (int64_t)(cc->fallback_bribe_fraction * VALUE + cc->fallback_tariff_share * (double)tariff + 0.5));
		customs_public_odds(w, dest, &o);
		ck_assert_double_eq_tol(o.tariff, frac, 1e-15);
		if (biases[k] > -1)
			ck_assert_int_gt(p.tariff, 0);
		else
			ck_assert_int_eq(p.tariff, 0);
	}
	d->customs.tariff_bias = 0.5;
	for (int heat = 1; heat <= 2; heat++) {
		int64_t offered = heat == 1 ? 0 : VALUE / 7;

		customs_probs(w, c, dest, heat, VALUE, offered, true, &p);
		customs_public_odds(w, dest, &o);
		ck_assert_double_eq(p.corruptibility, customs_corruptibility(w, dest));
		ck_assert_double_eq(p.corruptibility, o.kappa);
		ck_assert_double_gt(p.corruptibility, 0);
		ck_assert_double_lt(p.corruptibility, 1);
		ck_assert_double_eq_tol(p.required, cc->bribe_required_fraction * VALUE * (1 - p.corruptibility), 1e-9);
		ck_assert_double_eq_tol(o.required * VALUE, p.required, 1e-9);
		ck_assert_double_eq_tol(p.offer_ratio, offered > 0 ? (double)offered / p.required : 0, 1e-12);
		ck_assert_double_eq(p.p_accept_base, p.corruptibility);
		ck_assert_double_eq_tol(p.p_accept,
					p.p_accept_base + p.bribe_boost * (1 - p.p_accept_base), 1e-12);
		ck_assert_double_eq_tol(p.p_seize, p.p_inspect * p.p_detect * (1 - p.p_accept), 1e-12);
		ck_assert_double_gt(p.p_seize, 0);
		if (heat == 1)
			ck_assert_double_eq_tol(o.p_found, p.p_inspect * p.p_detect, 1e-12);
		else
			ck_assert_double_gt(p.p_detect, o.p_found / p.p_inspect);
		/* a network that never bribes: no acceptance at all */
		customs_probs(w, c, dest, heat, VALUE, offered, false, &p);
		ck_assert_double_eq(p.p_accept, 0);
		ck_assert_double_eq(p.p_accept_base, 0);
		ck_assert_double_eq(p.bribe_boost, 0);
		ck_assert_double_eq_tol(p.p_seize, p.p_inspect * p.p_detect, 1e-12);
	}
	/* a post that takes anything requires nothing: any offer is lavish */
	d->customs.bribe_tolerance = 1;
	customs_probs(w, c, dest, 1.0, VALUE, 1, true, &p);
	ck_assert_double_eq(p.required, 0);
	ck_assert_double_eq(p.offer_ratio, 1e9);
	ck_assert_double_eq(p.p_accept, 1);
	ck_assert_double_eq(p.p_seize, 0);
	customs_probs(w, c, dest, 1.0, VALUE, 0, true, &p);
	ck_assert_double_eq(p.offer_ratio, 0);
	smug_world_free(w);
}
END_TEST

/* Every crossing into ward:d is inspected and found, and the officer
 * takes whatever is offered (corruptibility 1). */
static struct smug_world *corrupt_post(void)
{
	struct smug_world *w = tiny();
	struct smug_ward *d = &w->wards[smug_world_find_ward(w, "ward:d")];

	w->cfg.customs.base_inspection_rate = 1;
	w->cfg.customs.contraband_detection_base = 1;
	d->customs.inspection_bias = d->customs.contraband_bias = 0;
	d->customs.bribe_tolerance = 1;
	d->customs.enforcement_points = 0;
	d->sig.corruption = 0;
	w->commodities[0].heat = 1;
	ledger_post(&w->ledger, 0, -1, w->factions[0].account, 100000000, SMUG_TX_INITIAL_BALANCE);
	return w;
}

static struct smug_shipment crossing_shipment(uint64_t id)
{
	struct smug_shipment s;

	memset(&s, 0, sizeof s);
	s.id = id;
	s.value = VALUE;
	s.n_nodes = 2;
	return s;
}

/* The newest event's detail. */
static const char *last_detail(const struct smug_world *w)
{
	return event_text(w, smug_event_at(&w->tel, w->tel.event_count - 1));
}

/* A shipment's bribe map says what it offers at each border: crossing a
 * mapped border pays exactly that entry (whichever place it has in the
 * sorted map), an unmapped border the officer's own price; the event, the
 * hop cost, the shipment's, border's and day's sums all carry it. */
START_TEST(test_customs_bribe_map_pays_each_border_its_entry)
{
	struct smug_world *w = corrupt_post();
	int dest = smug_world_find_ward(w, "ward:d");
	int64_t fallback;

	{
		struct customs_probs p;

		customs_probs(w, 0, dest, 1.0, VALUE, 0, true, &p);
		fallback = p.fallback_bribe;
		ck_assert_int_gt(fallback, 0);
	}
	for (int n_map = 0; n_map <= w->n_corridors; n_map++)
		for (int c = 0; c < w->n_corridors; c++) {
			struct smug_shipment s = crossing_shipment((uint64_t)(100 * n_map + c + 1));
			int64_t bm0 = w->ledger.accounts[w->ledger.blackmarket].balance, want = fallback;
			int64_t bribes0 = w->border_stats[c].bribes, today0 = w->tel.today.bribes_spent;
			int64_t net0 = w->factions[0].net.bribes_spent;
			const struct smug_event *e;
			char text[96];
			struct sbuf sb;

			/* the map holds corridors 0 .. n_map-1, each its own amount */
			s.n_bribes = n_map;
			for (int k = 0; k < n_map; k++)
				s.bribe_map[k] = (struct smug_bribe_entry){k, 1000 * (k + 1) + 7};
			if (c < n_map)
				want = 1000 * (c + 1) + 7;
			s.hop = 1;
			w->tel.today.customs_checks = 0;
			ck_assert_msg(customs_cross(w, &s, c, dest) == SMUG_OUTCOME_IN_TRANSIT, "map of %d, corridor %d: %s",
				      n_map, c, last_detail(w));
			ck_assert_int_eq(w->ledger.accounts[w->ledger.blackmarket].balance - bm0, want);
			ck_assert_int_eq(s.bribes_paid, want);
			ck_assert_int_gt(s.tariffs_paid, 0);
			ck_assert_int_eq(s.hop_cost[1], s.tariffs_paid + want);
			ck_assert_int_eq(s.hop_cost[0], 0);
			ck_assert_int_eq(w->border_stats[c].bribes - bribes0, want);
			ck_assert_int_eq(w->tel.today.bribes_spent - today0, want);
			ck_assert_int_eq(w->factions[0].net.bribes_spent - net0, want);
			e = smug_event_at(&w->tel, w->tel.event_count - 1);
			ck_assert_int_eq(e->kind, SMUG_EV_CUSTOMS_CHECK);
			ck_assert_int_eq(e->corridor, c);
			ck_assert_int_eq(e->amount, s.tariffs_paid + want);
			sb_init(&sb, text, sizeof text);
			sb_str(&sb, "inspected, contraband found, bribe taken ", SIZE_MAX);
			sb_money(&sb, want);
			ck_assert_str_eq(event_text(w, e), text);
		}
	smug_world_free(w);
}
END_TEST

/* The event text says what happened at the post: cleared when not
 * inspected; inspected and nothing found; found and seized (no bribe
 * money left, or an officer who takes none). Tariffs are paid whatever
 * happens, and the day's profit and the border's counts follow. */
START_TEST(test_customs_outcome_texts_and_counts)
{
	struct smug_world *w = corrupt_post();
	struct smug_ward *d = &w->wards[smug_world_find_ward(w, "ward:d")];
	int dest = smug_world_find_ward(w, "ward:d"), c = smug_world_find_corridor(w, "n:b|n:d");
	const struct smug_border_stats *b = &w->border_stats[c];
	struct smug_shipment s;
	int64_t profit0;

	/* not inspected: cleared, the tariff only */
	w->cfg.customs.base_inspection_rate = 0;
	s = crossing_shipment(1);
	profit0 = w->tel.today.profit;
	ck_assert_int_eq(customs_cross(w, &s, c, dest), SMUG_OUTCOME_IN_TRANSIT);
	ck_assert_str_eq(last_detail(w), "cleared");
	ck_assert_int_gt(s.tariffs_paid, 0);
	ck_assert_int_eq(w->tel.today.profit - profit0, -s.tariffs_paid);
	ck_assert_int_eq(w->tel.today.tariffs, s.tariffs_paid);
	ck_assert_int_eq(w->factions[0].net.tariffs_paid, s.tariffs_paid);
	ck_assert_int_eq(b->tariffs, s.tariffs_paid);
	ck_assert_int_eq(b->checks, 1);
	ck_assert_int_eq(b->inspections, 0);
	/* inspected, nothing found */
	w->cfg.customs.base_inspection_rate = 1;
	w->cfg.customs.contraband_detection_base = 0;
	s = crossing_shipment(2);
	ck_assert_int_eq(customs_cross(w, &s, c, dest), SMUG_OUTCOME_IN_TRANSIT);
	ck_assert_str_eq(last_detail(w), "inspected");
	ck_assert_int_eq(b->inspections, 1);
	ck_assert_int_eq(b->detections, 0);
	ck_assert_int_eq(s.bribes_paid, 0);
	/* found, bribed: the bribe comes off the day's profit too */
	w->cfg.customs.contraband_detection_base = 1;
	s = crossing_shipment(3);
	profit0 = w->tel.today.profit;
	ck_assert_int_eq(customs_cross(w, &s, c, dest), SMUG_OUTCOME_IN_TRANSIT);
	ck_assert_int_gt(s.bribes_paid, 0);
	ck_assert_int_eq(w->tel.today.profit - profit0, -s.tariffs_paid - s.bribes_paid);
	ck_assert_int_eq(b->detections, 1);
	ck_assert_int_eq(b->seizures, 0);
	ck_assert_int_eq(b->bribes_today, s.bribes_paid);
	ck_assert_int_eq(d->bribes_today, s.bribes_paid);
	/* found, and the officer takes nothing: seized */
	d->customs.bribe_tolerance = 0;
	w->cfg.customs.bribery_effect_max = 0;
	s = crossing_shipment(4);
	ck_assert_int_eq(customs_cross(w, &s, c, dest), SMUG_OUTCOME_SEIZED);
	ck_assert_str_eq(last_detail(w), "inspected, contraband found, SEIZED");
	ck_assert_int_eq(s.bribes_paid, 0);
	ck_assert_int_eq(s.hop_cost[0], s.tariffs_paid);
	ck_assert_int_eq(smug_event_at(&w->tel, w->tel.event_count - 1)->amount, s.tariffs_paid);
	ck_assert_int_eq(b->seizures, 1);
	ck_assert_int_eq(b->seizures_today, 1);
	/* found, the officer would take it, but the faction cannot pay: seized */
	d->customs.bribe_tolerance = 1;
	ledger_post(&w->ledger, 0, w->factions[0].account, w->ledger.treasury,
		    w->ledger.accounts[w->factions[0].account].balance, SMUG_TX_SEIZURE_PENALTY);
	s = crossing_shipment(5);
	ck_assert_int_eq(customs_cross(w, &s, c, dest), SMUG_OUTCOME_SEIZED);
	ck_assert_str_eq(last_detail(w), "inspected, contraband found, SEIZED");
	ck_assert_int_eq(s.tariffs_paid, 0);
	ck_assert_int_eq(b->seizures, 2);
	ck_assert_int_eq(b->checks, 5);
	ck_assert(smug_ledger_conserved(&w->ledger));
	smug_world_free(w);
}
END_TEST

/* Over a real run, day by day: every customs counter agrees with the
 * ledger and with the day's check events (their amounts are tariff plus
 * bribe, their texts name each inspection, find, bribe and seizure), and
 * the day's profit is sales less purchases, tariffs, bribes and fines. */
START_TEST(test_customs_run_counters_agree_with_ledger_and_events)
{
	struct smug_world *w = test_default_at(0);
	const struct smug_ledger *l = &w->ledger;
	int64_t r0[SMUG_TX_REASON_COUNT];
	int bribed_days = 0, seized_days = 0;

	for (int day = 0; day < 60; day++) {
		int64_t checks0 = 0, insp0 = 0, det0 = 0, seiz0 = 0, checks = 0, insp = 0, det = 0, seiz = 0;
		int64_t tariffs = 0, bribes = 0, bribes_today = 0, net_tariffs = 0, net_bribes = 0;
		int64_t ev_amount = 0, ev_checks = 0, ev_insp = 0, ev_found = 0, ev_bribed = 0, ev_seized = 0;
		uint64_t ev0 = w->tel.events_total;

		memcpy(r0, l->by_reason, sizeof r0);
		for (int c = 0; c < w->n_corridors; c++) {
			checks0 += w->border_stats[c].checks;
			insp0 += w->border_stats[c].inspections;
			det0 += w->border_stats[c].detections;
			seiz0 += w->border_stats[c].seizures;
		}
		smug_cmd_step(w, 1);
		for (int c = 0; c < w->n_corridors; c++) {
			const struct smug_border_stats *b = &w->border_stats[c];

			ck_assert_int_le(b->inspections, b->checks);
			ck_assert_int_le(b->detections, b->inspections);
			ck_assert_int_le(b->seizures, b->detections);
			checks += b->checks;
			insp += b->inspections;
			det += b->detections;
			seiz += b->seizures;
			tariffs += b->tariffs;
			bribes += b->bribes;
			bribes_today += b->bribes_today;
		}
		for (int f = 0; f < w->n_factions; f++) {
			net_tariffs += w->factions[f].net.tariffs_paid;
			net_bribes += w->factions[f].net.bribes_spent;
		}
		ck_assert_int_eq(tariffs, l->by_reason[SMUG_TX_CUSTOMS_TARIFF]);
		ck_assert_int_eq(net_tariffs, l->by_reason[SMUG_TX_CUSTOMS_TARIFF]);
		ck_assert_int_eq(bribes, l->by_reason[SMUG_TX_CUSTOMS_BRIBE]);
		ck_assert_int_eq(net_bribes, l->by_reason[SMUG_TX_CUSTOMS_BRIBE]);
		ck_assert_int_eq(bribes_today, l->by_reason[SMUG_TX_CUSTOMS_BRIBE] - r0[SMUG_TX_CUSTOMS_BRIBE]);
		ck_assert_int_eq(w->tel.today.tariffs, l->by_reason[SMUG_TX_CUSTOMS_TARIFF] - r0[SMUG_TX_CUSTOMS_TARIFF]);
		ck_assert_int_eq(w->tel.today.bribes_spent, l->by_reason[SMUG_TX_CUSTOMS_BRIBE] - r0[SMUG_TX_CUSTOMS_BRIBE]);
		ck_assert_int_eq(w->tel.today.customs_checks, checks - checks0);
		ck_assert_int_eq(w->tel.today.seized, seiz - seiz0);
		ck_assert_int_eq(w->tel.today.profit,
				 (l->by_reason[SMUG_TX_SMUGGLING_PROFIT] - r0[SMUG_TX_SMUGGLING_PROFIT]) -
					 (l->by_reason[SMUG_TX_CARGO_PURCHASE] - r0[SMUG_TX_CARGO_PURCHASE]) -
					 (l->by_reason[SMUG_TX_CUSTOMS_TARIFF] - r0[SMUG_TX_CUSTOMS_TARIFF]) -
					 (l->by_reason[SMUG_TX_CUSTOMS_BRIBE] - r0[SMUG_TX_CUSTOMS_BRIBE]) -
					 (l->by_reason[SMUG_TX_SEIZURE_PENALTY] - r0[SMUG_TX_SEIZURE_PENALTY]));
		ck_assert_uint_le(w->tel.events_total - ev0, (uint64_t)w->tel.event_count);
		for (uint64_t q = ev0; q < w->tel.events_total; q++) {
			const struct smug_event *e = smug_event_at(&w->tel, w->tel.event_count - (int)(w->tel.events_total - q));
			bool found, bribed, seized;

			if (e->kind != SMUG_EV_CUSTOMS_CHECK)
				continue;
			found = strstr(event_text(w, e), ", contraband found") != NULL;
			bribed = strstr(event_text(w, e), ", bribe taken ") != NULL;
			seized = strstr(event_text(w, e), ", SEIZED") != NULL;
			ck_assert_msg(strncmp(event_text(w, e), "inspected", 9) == 0 || strcmp(event_text(w, e), "cleared") == 0,
				      "%s", event_text(w, e));
			ck_assert_msg(!(bribed && seized) && (found || !(bribed || seized)), "%s", event_text(w, e));
			ck_assert_msg(found == (bribed || seized), "found but neither bribed nor seized: %s", event_text(w, e));
			ev_checks++;
			ev_insp += strncmp(event_text(w, e), "inspected", 9) == 0;
			ev_found += found;
			ev_bribed += bribed;
			ev_seized += seized;
			ev_amount += e->amount;
		}
		ck_assert_int_eq(ev_checks, checks - checks0);
		ck_assert_int_eq(ev_insp, insp - insp0);
		ck_assert_int_eq(ev_found, det - det0);
		ck_assert_int_eq(ev_seized, seiz - seiz0);
		ck_assert_int_eq(ev_amount, (l->by_reason[SMUG_TX_CUSTOMS_TARIFF] - r0[SMUG_TX_CUSTOMS_TARIFF]) +
						    (l->by_reason[SMUG_TX_CUSTOMS_BRIBE] - r0[SMUG_TX_CUSTOMS_BRIBE]));
		bribed_days += ev_bribed > 0;
		seized_days += ev_seized > 0;
	}
	ck_assert_int_gt(bribed_days, 10);
	ck_assert_int_gt(seized_days, 5);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("customs");
	TCase *t = tcase_create("probabilities");

	tcase_add_test(t, test_customs_dials_move_probabilities);
	tcase_add_test(t, test_customs_bribe_lowers_seizure_within_bound);
	tcase_add_test(t, test_customs_crackdown_shrinks_bribes_to_a_floor);
	tcase_add_test(t, test_customs_empirical_rates_match);
	suite_add_tcase(s, t);
	t = tcase_create("outcomes");
	tcase_add_test(t, test_customs_money_flows);
	tcase_add_test(t, test_customs_checks_per_day_capped);
	tcase_add_test(t, test_customs_seizure_stops_shipment);
	tcase_add_test(t, test_customs_probs_are_the_formulas);
	tcase_add_test(t, test_customs_bribe_map_pays_each_border_its_entry);
	tcase_add_test(t, test_customs_outcome_texts_and_counts);
	tcase_add_test(t, test_customs_run_counters_agree_with_ledger_and_events);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
