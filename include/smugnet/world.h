/* The world object: everything one simulation holds. Hosts own it (they
 * create it with smug_world_load_* and free it), read it through a const
 * pointer, and change it only through the commands of smugnet.h. */
#ifndef SMUGNET_WORLD_H
#define SMUGNET_WORLD_H

#include "smugnet/journal.h"
#include "smugnet/types.h"

struct smug_route_cache; /* core-internal, never part of the state */
struct smug_plan_memo;  /* core-internal, never part of the state */
struct smug_econ_ward;  /* core-internal, never part of the state */

/* The packed head of every keyed draw's key: the seed, then the salt and
 * its terminator (hash.c). Made at the start of each simulated day; a
 * draw uses it only while seed and salt are still the ones it was made
 * from. Never part of the state. */
struct smug_draw_head {
	uint64_t seed;
	char salt[SMUG_ID_MAX]; /* the salt's whole array as it was */
	unsigned char key[8 + SMUG_ID_MAX];
	int len; /* bytes of key in use; 0 = none made */
};

struct smug_world {
	char scenario_id[SMUG_ID_MAX];
	char scenario_name[SMUG_NAME_MAX * 2];
	uint64_t scenario_hash; /* XXH3 of the parsed scenario, canonical form (json_value_hash) */
	uint64_t seed;		/* world seed: keys every draw */
	int day;		/* the last simulated day (days count from 1;
				   a fresh world is at start_day) */
	int start_day;		/* day the scenario starts at: the first simulated
				   day is start_day + 1 */
	int64_t initial_blackmarket; /* minor units, scenario "ledger" */
	int64_t initial_treasury;    /* minor units, scenario "ledger" */
	int64_t initial_buyers;	     /* minor units per ward's buyers, scenario "ledger" */
	struct smug_config cfg;
	struct smug_commodity_def commodities[SMUG_COMMODITY_COUNT];

	struct smug_ward *wards; /* sorted by id */
	int n_wards;
	struct smug_node *nodes; /* sorted by id */
	int n_nodes;
	struct smug_adj *adj; /* CSR adjacency, see smug_node */
	int n_adj;
	double span2_max; /* largest squared map distance one corridor spans */
	int64_t route_wmax; /* heaviest corridor route_weight (derived, set with the weights) */
	struct smug_corridor *corridors; /* sorted by id */
	int n_corridors;
	struct smug_border_stats *border_stats; /* parallel to corridors */
	struct smug_faction *factions;		/* sorted by id */
	int n_factions;
	struct smug_ledger ledger;

	/* Shipments live in slots and never move while they exist: the road
	 * and the day's queues below are lists of slot indices. In use: the
	 * slots on the road, in launch and in resolved; the rest are on the
	 * free stack. SMUG_SHIPMENT_CAP slots, touched when the world is made. */
	struct smug_shipment *shipment_slots;
	int *free_slots; /* stack of unused slot indices */
	int n_free_slots;
	int *in_transit; /* slots of the shipments on the road, sorted by id */
	int n_shipments; /* shipments in transit */
	uint64_t next_shipment_id;

	struct smug_crackdown crackdowns[SMUG_CRACKDOWN_CAP]; /* sorted by corridor */
	int n_crackdowns;
	struct smug_cooldown cooldowns[SMUG_COOLDOWN_CAP]; /* sorted by corridor */
	int n_cooldowns;

	struct smug_telemetry tel;
	double enforcement_capacity; /* crackdown intensity units, from wards' points */

	/* demand/source TopK wards per commodity, refreshed once a day */
	int demand_ward[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX];
	struct smug_driver_terms demand_terms[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX];
	int n_demand[SMUG_COMMODITY_COUNT];
	int source_ward[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX];
	struct smug_driver_terms source_terms[SMUG_COMMODITY_COUNT][SMUG_WARD_TOPK_MAX];
	int n_source[SMUG_COMMODITY_COUNT];
	int ward_cursor; /* round-robin slice of wards re-scored each day */

	/* explain: the last simulated day's decisions, plus compact history */
	struct smug_decision decisions[SMUG_SHIPMENTS_PER_DAY_MAX];
	int n_decisions;
	int decisions_day;
	struct smug_decision_summary explain_hist[SMUG_EXPLAIN_HISTORY]; /* ring */
	int explain_head, explain_count;
	int64_t route_evals_today; /* candidate routes scored today */
	int max_route_evals_per_decision; /* largest count seen, for tests */

	/* the day's pipeline (DESIGN §4), not state: the plan queues the
	 * shipments it sends (launch, empty between days), logistics puts
	 * them on the road and files the ones that end (resolved: the last
	 * simulated day's, read by learning, signals and event printers) */
	int launch[SMUG_SHIPMENTS_PER_DAY_MAX]; /* slots */
	int n_launch;
	int *resolved; /* slots, SMUG_SHIPMENT_CAP entries */
	int n_resolved;

	/* not state: what was done to the world, and the scenario it came from */
	struct smug_journal journal;
	const char *scenario_text; /* the scenario file's bytes, for replay */
	size_t scenario_len;
	bool scenario_owned;	   /* false for the compiled-in default world */

	struct smug_route_cache *route_cache; /* results never depend on it */
	struct smug_plan_memo *plan_memo;     /* per-day estimate memo, likewise */
	int64_t *economy_held;		      /* the ward economy's day of amounts, likewise */
	int economy_held_cap;
	/* what the ward economy reads of each ward, written by the signals
	 * pass as it steps the ward (econ_wards_n of them, sized with the
	 * world when it is made, loaded or copied), likewise */
	struct smug_econ_ward *econ_wards;
	int econ_wards_n;
	/* beside each ward's signals_at_rest, read only with it: the
	 * shortages' average as the tolerance step takes it, of the
	 * shortages at rest (rest_shortage_n of them, sized as econ_wards
	 * is), likewise */
	double *rest_shortage_avg;
	int rest_shortage_n;
	/* the key a ward's note holds when it is at rest: never 0 once the
	 * world is made, loaded or copied, changed by signals_changed */
	uint32_t rest_key;
	struct smug_draw_head draw_head;      /* draws' key head, likewise */
};

#endif
