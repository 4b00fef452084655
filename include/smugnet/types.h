/* smugnet world model: the state a host reads through a const pointer.
 * The core alone writes these structures; hosts change the world only
 * through the command API in smugnet.h. Every array kept in state has a
 * fixed cap; every id-ordered array is sorted by id (strcmp). */
#ifndef SMUGNET_TYPES_H
#define SMUGNET_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SMUG_ID_MAX 40		   /* bytes of an id, NUL included */
#define SMUG_NAME_MAX 48	   /* bytes of a display name, NUL included */
#define SMUG_ROUTE_MAX_NODES 48	   /* nodes of one route */
#define SMUG_ROUTE_TOPK_MAX 64	   /* largest allowed route_topk */
#define SMUG_EDGE_STATS_MAX 256	   /* largest allowed border_topk */
#define SMUG_FACTIONS_MAX 64	   /* factions in a scenario */
#define SMUG_SHIPMENTS_PER_DAY_MAX 64 /* largest max_shipments_per_day */
#define SMUG_SHIPMENT_CAP 2048	   /* shipments in transit at once */
#define SMUG_EVENT_CAP 100000	   /* event log ring (on the heap) */
#define SMUG_HISTORY_DAYS 365	   /* daily history ring */
#define SMUG_RECENT_OUTCOMES 32	   /* per-network recent outcomes ring */
#define SMUG_LANE_CAP 128	   /* per-network remembered lane choices */
#define SMUG_CRACKDOWN_CAP 64	   /* active crackdown targets */
#define SMUG_INTENSITY_MIN 1e-9	   /* least crackdown intensity (a seed holds) */
#define SMUG_COOLDOWN_CAP 64	   /* remembered crackdown cooldowns */
#define SMUG_TOPK 10		   /* telemetry TopK lists */
#define SMUG_JOURNAL_CAP 4096	   /* ledger journal ring */
#define SMUG_TOUCHED_CAP 256	   /* borders touched in one day */
#define SMUG_WARD_TOPK_MAX 16	   /* demand/source TopK wards per commodity */
#define SMUG_EXPLAIN_HISTORY 64	   /* compact decision summaries kept */
#define SMUG_MINOR_PER_CREDIT 100  /* ledger minor units in one credit */

/* ---- commodities and goods -------------------------------------------- */

#define SMUG_COMMODITY_LIST(X)                                                 \
	X(SMUG_COMMODITY_UNLICENSED_SUIT_MODS, "UNLICENSED_SUIT_MODS")          \
	X(SMUG_COMMODITY_NARCOTICS, "NARCOTICS")                                 \
	X(SMUG_COMMODITY_WEAPON_PARTS, "WEAPON_PARTS")                           \
	X(SMUG_COMMODITY_STOLEN_GOODS, "STOLEN_GOODS")                           \
	X(SMUG_COMMODITY_RAIDER_SUPPLIES, "RAIDER_SUPPLIES")

enum smug_commodity {
#define SMUG_C_ENUM(name, str) name,
	SMUG_COMMODITY_LIST(SMUG_C_ENUM)
#undef SMUG_C_ENUM
	SMUG_COMMODITY_COUNT
};

/* Goods whose shortage drives contraband demand (scenario key in quotes). */
#define SMUG_GOOD_LIST(X)                                                      \
	X(SMUG_GOOD_WATER, "water")                                              \
	X(SMUG_GOOD_FOOD, "food")                                                \
	X(SMUG_GOOD_MEDICINE, "medicine")                                        \
	X(SMUG_GOOD_SUITS, "suits")                                              \
	X(SMUG_GOOD_PARTS, "parts")

enum smug_good {
#define SMUG_G_ENUM(name, str) name,
	SMUG_GOOD_LIST(SMUG_G_ENUM)
#undef SMUG_G_ENUM
	SMUG_GOOD_COUNT
};

struct smug_commodity_def {
	int64_t value_density;	  /* minor units per unit of cargo */
	int units_per_shipment;	  /* cargo units in one shipment, >= 1 */
	double seizure_penalty;	  /* [0,2] fine on seizure, × value */
	double heat;		  /* [0,5] contraband heat: customs detection × heat */
	enum smug_good related_good; /* whose shortage drives demand */
	double sale_markup;	  /* [0,10] sale = value × (1 + markup × demand) */
	/* demand drivers, weights >= 0 */
	double demand_w_tolerance, demand_w_shortage, demand_w_corruption,
		demand_w_raider, demand_w_war;
	/* source drivers, weights >= 0 */
	double source_w_raider, source_w_precursor, source_w_blackmarket;
};

/* ---- wards, nodes, corridors ------------------------------------------- */

struct smug_signals {
	double smuggling_tolerance; /* [0,1] culture */
	double corruption;	    /* [0,1] institutions */
	double legitimacy;	    /* [0,1] */
	double audit;		    /* [0,1] */
	double raider_influence;    /* [0,1] factions */
	double precursor_output;    /* [0,1] facilities */
	double war_pressure;	    /* [0,1] */
	double shortage[SMUG_GOOD_COUNT]; /* [0,1] per good */
	double blackmarket_flow;    /* [0,1] normalised EMA of bribes taken here */
};

struct smug_customs_policy {
	double inspection_bias;	   /* [-1,1] */
	double tariff_bias;	   /* [-1,1] */
	double contraband_bias;	   /* [-1,1] */
	double bribe_tolerance;	   /* [0,1] */
	double enforcement_points; /* >= 0 */
};

struct smug_ward {
	char id[SMUG_ID_MAX];
	char name[SMUG_NAME_MAX];
	int ring;		  /* 1 = innermost */
	double pos[2];		  /* map position, scenario units */
	/* From the enforcement points to the signals' heads, in this order,
	 * lie all a resting ward's day reads (signals_step): its points,
	 * its day's counts and note, its corruption, audit and tolerance and
	 * their bases, about 200 bytes of the record. Moving them apart
	 * costs a 36,000-ward world's day cache misses, not its result. */
	struct smug_customs_policy customs;
	int gate_node;		  /* index of the smallest node id in the ward */
	int account;		  /* index of acct:ward:<id> (the ward's government) */
	int buyers;		  /* index of acct:buyers:<id> (its contraband buyers) */
	int64_t bribes_today;	  /* minor units taken at this ward's borders */
	int delivered_today[SMUG_GOOD_COUNT]; /* deliveries easing each good, today */
	/* raider presence: runs of raider factions through the ward today
	 * (deliveries along their routes, minus busts there) feed an average
	 * in [-1,1] that lifts raider influence above its base by at most
	 * signals.raider_gain */
	int raider_runs_today, raider_busts_today;
	/* signals_step's note, not state (neither saved nor hashed; 0 in a
	 * ward loaded or made): the world's rest key (rest_key) on the day
	 * it last stepped the ward, when that day left the black-market flow
	 * and raider presence +0.0 and the shortages and raider influence at
	 * their base's bits; else 0. A day without bribes, deliveries or
	 * raider runs keeps them so. Whatever else sets those signals or
	 * their base calls signals_changed, which changes the key, so no
	 * note written before rests. The world holds the shortages' average
	 * beside it (rest_shortage_avg) */
	uint32_t signals_at_rest;
	double raider_presence;
	struct smug_signals sig;  /* current, evolves daily */
	struct smug_signals base; /* as loaded; drift anchors */
};

struct smug_node {
	char id[SMUG_ID_MAX];
	int ward;      /* ward index */
	int adj_first; /* into world.adj, CSR; neighbours sorted by node id */
	int adj_count;
};

/* One adjacency entry: the corridor and the node at its other end. */
struct smug_adj {
	int corridor;
	int node;
};

struct smug_corridor {
	char id[SMUG_ID_MAX * 2]; /* "<a>|<b>", a < b by strcmp */
	int a, b;		  /* node indices, id(a) < id(b) */
	int travel_days;	  /* >= 1 */
	double hazard;		  /* [0,1] predation base per crossing */
	int64_t route_weight;	  /* routing cost, integer milli-days */
	bool border;		  /* endpoints in different wards */
};

/* ---- factions, ledger --------------------------------------------------- */

enum smug_faction_kind {
	SMUG_FACTION_CRIMINAL,
	SMUG_FACTION_RAIDER,
	SMUG_FACTION_STATE,
	SMUG_FACTION_GUILD
};

/* What a faction believes about crossing one corridor in one direction
 * (entered from from_node; at a border the destination's customs apply).
 * Key: 2 × corridor + (from_node is the corridor's b end). */
struct smug_edge_stats {
	int corridor;		/* corridor index (a border or a corridor) */
	int from_node;		/* the end it is entered from */
	double risk_est;	/* [0,1] seizure/loss per crossing, for the faction's cargo mix */
	double cost_est;	/* [0,1] tariff+bribe per unit of cargo value */
	int last_update_day;	/* -1 = never observed */
	int uses;		/* observations folded in */
	/* calibration since the statistic was created: crossings resolved,
	 * how many failed there, and the sum of the risk the faction planned
	 * each of them with */
	int64_t cal_n, cal_fail;
	double cal_risk;
};

enum smug_outcome {
	SMUG_OUTCOME_IN_TRANSIT,
	SMUG_OUTCOME_DELIVERED,
	SMUG_OUTCOME_DELAYED, /* only as an event; the shipment goes on */
	SMUG_OUTCOME_SEIZED,
	SMUG_OUTCOME_LOST
};

struct smug_recent_outcome {
	int day;
	uint64_t shipment;
	enum smug_commodity commodity;
	enum smug_outcome outcome;
	int at_corridor; /* where it was seized/lost, -1 otherwise */
	int64_t value;	 /* minor units */
};

/* The last route a faction chose for a lane (commodity, source, demand). */
struct smug_lane {
	enum smug_commodity commodity;
	int src_ward, dst_ward;
	int route_nodes[SMUG_ROUTE_MAX_NODES];
	int route_len; /* nodes */
	int last_day;
};

struct smug_network {
	double commodity_prefs[SMUG_COMMODITY_COUNT]; /* >= 0 */
	double bribe_budget_fraction;		      /* [0,1] of balance/day */
	double offer_fill; /* [0,1] average share of its intended offers the budget covered */
	double plan_offer_fill; /* offer_fill when today's plan was made (its priors use it) */
	int last_run_day;
	struct smug_edge_stats edge_stats[SMUG_EDGE_STATS_MAX];
	int n_edge_stats; /* <= cfg.border_topk (more after it was set lower,
			   * until new edges evict them); sorted by corridor index */
	/* preferred_borders: EMA of bribe allocation weight, bounded like
	 * edge_stats (same corridor set, parallel array) */
	double preferred_border_weight[SMUG_EDGE_STATS_MAX];
	/* derived, not saved (rebuilt when a state is read): each entry's
	 * key, 2 × corridor + (from_node is the corridor's b end), for the
	 * searches and the plan memo (parallel array, like the weights) */
	int edge_keys[SMUG_EDGE_STATS_MAX];
	struct smug_recent_outcome recent[SMUG_RECENT_OUTCOMES];
	int recent_head, recent_count;
	struct smug_lane lanes[SMUG_LANE_CAP];
	int n_lanes;
	/* derived, not saved (rebuilt when a state is read): each lane's two
	 * wards as one number, smuggling_lane_key(), so the plan looks for a
	 * lane in a short array instead of striding over the lanes (parallel
	 * array) */
	uint64_t lane_keys[SMUG_LANE_CAP];
	/* totals since the world began */
	int64_t shipments, delivered, seized, lost, delayed;
	int64_t bribes_spent, tariffs_paid, purchases, sales; /* minor units */
	int in_transit;
	/* the estimates as they stood when today's plan was made, so the
	 * day's decisions can be explained after learning has moved on */
	struct smug_edge_stats plan_stats[SMUG_EDGE_STATS_MAX];
	int n_plan_stats; /* sorted by corridor */
};

struct smug_faction {
	char id[SMUG_ID_MAX];
	char name[SMUG_NAME_MAX];
	enum smug_faction_kind kind;
	int home_ward;
	int account; /* index of acct:fac:<id> */
	double profile[SMUG_COMMODITY_COUNT]; /* smuggling_profile as loaded */
	bool runs_network; /* criminal or raider */
	int64_t initial_balance; /* minor units, from the scenario */
	double bribe_budget_fraction; /* the scenario's own, or -1: config's, as it is set */
	struct smug_network net;
};

/* Every way money moves (name, text, mints, burns). Money enters only at
 * creation (INITIAL_BALANCE); nothing mints or burns afterwards, so the
 * money loop is closed: buyers pay smugglers, smugglers pay suppliers,
 * customs and fines, and the ward economy (levy, enforcement pay, ward
 * spending, black-market spending) carries it back to the buyers. */
#define SMUG_TX_REASON_LIST(X)                                                 \
	X(SMUG_TX_INITIAL_BALANCE, "INITIAL_BALANCE", 1, 0)                     \
	X(SMUG_TX_CARGO_PURCHASE, "CARGO_PURCHASE", 0, 0)                       \
	X(SMUG_TX_CUSTOMS_TARIFF, "CUSTOMS_TARIFF", 0, 0)                       \
	X(SMUG_TX_CUSTOMS_BRIBE, "CUSTOMS_BRIBE", 0, 0)                         \
	X(SMUG_TX_SEIZURE_PENALTY, "SEIZURE_PENALTY", 0, 0)                     \
	X(SMUG_TX_SMUGGLING_PROFIT, "SMUGGLING_PROFIT", 0, 0)                   \
	X(SMUG_TX_UPKEEP, "UPKEEP", 0, 0)                                       \
	X(SMUG_TX_WARD_SPENDING, "WARD_SPENDING", 0, 0)                         \
	X(SMUG_TX_LEVY_THROUGHPUT, "LEVY_THROUGHPUT", 0, 0)                     \
	X(SMUG_TX_CORRUPTION_LEAK, "CORRUPTION_LEAK", 0, 0)                     \
	X(SMUG_TX_PAY_ENFORCEMENT, "PAY_ENFORCEMENT", 0, 0)                     \
	X(SMUG_TX_BLACKMARKET_SPENDING, "BLACKMARKET_SPENDING", 0, 0)           \
	X(SMUG_TX_SEIZED_AUCTION, "SEIZED_AUCTION", 0, 0)                       \
	X(SMUG_TX_SEIZED_DIVERSION, "SEIZED_DIVERSION", 0, 0)

enum smug_tx_reason {
#define SMUG_TX_ENUM(name, str, mint, burn) name,
	SMUG_TX_REASON_LIST(SMUG_TX_ENUM)
#undef SMUG_TX_ENUM
	SMUG_TX_REASON_COUNT
};

struct smug_account {
	char id[SMUG_ID_MAX + 12]; /* "acct:fac:<id>", "acct:ward:<id>", ... */
	int64_t balance;	   /* minor units, >= 0 */
};

struct smug_tx {
	int day;
	uint32_t seq;	/* per-day counter: tx id "<day>:<seq:06d>" */
	int from, to;	/* account indices; -1 = outside (mint/burn) */
	int64_t amount; /* minor units actually moved, > 0 */
	enum smug_tx_reason reason;
};

struct smug_ledger {
	struct smug_account *accounts; /* sorted by id */
	int n_accounts;
	int blackmarket, treasury; /* account indices */
	struct smug_tx journal[SMUG_JOURNAL_CAP]; /* ring */
	int journal_head, journal_count;
	uint32_t day_seq;  /* tx posted today */
	int day_seq_day;   /* which day day_seq counts */
	int64_t minted, burned; /* totals through mint/burn reasons */
	int64_t initial_total;	/* sum of balances at creation (before mint) */
	int64_t by_reason[SMUG_TX_REASON_COUNT]; /* total moved per reason */
};

/* ---- shipments ------------------------------------------------------------ */

struct smug_bribe_entry {
	int corridor;	/* border corridor index */
	int64_t amount; /* minor units offered at that border */
};

/* The scalars come first and the per-node and per-hop arrays last: a day
 * of travel reads the head and one hop of the arrays. A shipment lives in
 * one slot of w->shipment_slots from launch until the day after it ends
 * and is never copied (world.h). */
struct smug_shipment {
	uint64_t id; /* world-unique, increasing */
	int faction;
	enum smug_commodity commodity;
	int units;
	int64_t value;	   /* declared cargo value, minor units */
	int64_t sale_price;/* expected sale at the demand ward */
	int src_ward, dst_ward;
	int n_nodes;
	int hop;	   /* index of the corridor being travelled */
	int days_left;	   /* on the current hop */
	int created_day;
	int delays;
	int64_t bribe_budget_total; /* smuggling_bribe_budget_total */
	int n_bribes;	   /* smuggling_bribe_map entries, sorted by corridor */
	int64_t bribes_paid, tariffs_paid; /* minor units */
	int64_t purchase; /* what the cargo cost at the source */
	bool explore;	  /* sent by the exploration policy */
	enum smug_outcome status;
	int resolved_corridor; /* where it was seized/lost, -1 otherwise */
	/* arrays: keep them last (see above) */
	int nodes[SMUG_ROUTE_MAX_NODES];
	int corridors[SMUG_ROUTE_MAX_NODES - 1];
	struct smug_bribe_entry bribe_map[SMUG_ROUTE_MAX_NODES - 1];
	int64_t hop_cost[SMUG_ROUTE_MAX_NODES - 1]; /* tariff+bribe paid per hop */
	double plan_risk[SMUG_ROUTE_MAX_NODES - 1]; /* risk the faction planned each hop with */
};

/* ---- customs, crackdowns, telemetry -------------------------------------- */

struct smug_border_stats {
	int64_t traffic;     /* crossings */
	int64_t checks;	     /* customs checks (one per crossing) */
	int64_t inspections; /* inspection rolls that hit */
	int64_t detections;  /* contraband found */
	int64_t seizures;
	int64_t bribes;	     /* minor units taken */
	int64_t tariffs;     /* minor units */
	/* yesterday's and today's counts, for the planner and heatmaps */
	int traffic_today, seizures_today, traffic_yday, seizures_yday;
	int64_t bribes_today, bribes_yday;
};

enum smug_crackdown_kind { SMUG_CRACKDOWN_BORDER, SMUG_CRACKDOWN_CORRIDOR };

struct smug_crackdown {
	enum smug_crackdown_kind kind;
	int corridor;
	double intensity; /* [SMUG_INTENSITY_MIN,1] */
	int start_day;
	int end_day;	  /* last active day; -1 = until cleared */
	bool manual;	  /* set by the user, not the planner */
	bool exploration; /* low-intensity probe by the planner */
};

struct smug_cooldown {
	int corridor;
	int until_day; /* may be targeted again after this day */
};

struct smug_counters {
	int64_t shipments_created, delivered, seized, lost, delayed;
	int64_t bribes_spent, tariffs, profit; /* minor units; profit = sales -
						  purchases - bribes - tariffs - penalties */
	int64_t customs_checks;
};

struct smug_day_record {
	int day;
	struct smug_counters c;
	int in_transit;
	int crackdowns_manual, crackdowns_auto; /* targets active that day */
};

#define SMUG_EVENT_KIND_LIST(X)                                                \
	X(SMUG_EV_SHIPMENT_CREATED, "SMUGGLING_SHIPMENT_CREATED")               \
	X(SMUG_EV_SHIPMENT_SEIZED, "SMUGGLING_SHIPMENT_SEIZED")                 \
	X(SMUG_EV_SHIPMENT_DELIVERED, "SMUGGLING_SHIPMENT_DELIVERED")           \
	X(SMUG_EV_SHIPMENT_LOST, "SMUGGLING_SHIPMENT_LOST")                     \
	X(SMUG_EV_SHIPMENT_DELAYED, "SMUGGLING_SHIPMENT_DELAYED")               \
	X(SMUG_EV_ROUTE_UPDATE, "SMUGGLING_ROUTE_UPDATE")                       \
	X(SMUG_EV_CUSTOMS_CHECK, "CUSTOMS_CHECK")                               \
	X(SMUG_EV_CRACKDOWN_ACTIVATED, "CRACKDOWN_TARGET_ACTIVATED")            \
	X(SMUG_EV_CRACKDOWN_EXPIRED, "CRACKDOWN_TARGET_EXPIRED")                \
	X(SMUG_EV_CRACKDOWN_CLEARED, "CRACKDOWN_TARGET_CLEARED")

enum smug_event_kind {
#define SMUG_EV_ENUM(name, str) name,
	SMUG_EVENT_KIND_LIST(SMUG_EV_ENUM)
#undef SMUG_EV_ENUM
	SMUG_EVENT_KIND_COUNT
};

/* What an event's text says beyond its fields (smug_event_text), by kind. */
#define SMUG_EVF_INSPECTED 0x1u	 /* customs check: inspected, not waved through */
#define SMUG_EVF_FOUND 0x2u	 /* customs check: contraband found */
#define SMUG_EVF_SEIZED 0x4u	 /* customs check: the shipment seized */
#define SMUG_EVF_EXPLORING 0x8u	 /* shipment created on an exploring route */
#define SMUG_EVF_SHORT 0x10u	 /* delivered: the buyers paid less than the price */
#define SMUG_EVF_DIVERTED 0x20u	 /* seized: the cargo went to the black market */
#define SMUG_EVF_TIMED 0x40u	 /* crackdown activated with an end day */
#define SMUG_EVF_MANUAL 0x80u	 /* crackdown activated by a command */
#define SMUG_EVF_PLANNER 0x100u	 /* crackdown activated by the planner */
#define SMUG_EVF_ALL 0x1ffu
#define SMUG_EVENT_TEXT_MAX 96	 /* bytes of an event's text, NUL included */
#define SMUG_EVENT_ROUTE_NODES 20 /* a route update keeps its route's first nodes: as many as its text shows */

struct smug_event {
	int day;
	enum smug_event_kind kind;
	int faction;	   /* -1 if none */
	int corridor;	   /* -1 if none; a route update's moved edge */
	uint64_t shipment; /* 0 if none */
	int commodity;	   /* -1 if none */
	int64_t amount;	   /* minor units, meaning by kind */
	int src_ward, dst_ward; /* a shipment's (a lane's) source and demand wards, -1 if none */
	unsigned flags;	   /* SMUG_EVF_* */
	union {
		struct {
			int64_t money;	/* bribe taken; buyers paid (short); auction or
					 * diversion proceeds; bribes planned */
			int count;	/* hops; days on the road; days a crackdown ran */
			double figure[5]; /* the moved edge's risk; a crackdown's intensity,
					   * then the planner's score, bribes, seizures, traffic */
		} v;
		struct {
			int n;		/* nodes kept */
			int nodes[SMUG_EVENT_ROUTE_NODES];
		} route;		/* a route update without a moved edge: the new route */
	} u;
};

struct smug_topk_entry {
	char key[SMUG_ID_MAX * 3]; /* route text, border id, faction id */
	int index;		   /* corridor / faction index; -1 for routes as read (below) */
	double score;
};
/* tel.hot_routes is kept by route: an entry's index is its route's slot
 * in tel.routes and its key is empty. smug_topk_all() and
 * smug_topk_window() give routes with their text and index -1. */

struct smug_topk {
	struct smug_topk_entry e[SMUG_TOPK]; /* score desc, then key asc (hot routes: route order) */
	int n;
};

/* Why a decision sent no shipment (name, key in the run summary, text). */
#define SMUG_SKIP_LIST(X)                                                      \
	X(SMUG_SKIP_NONE, "sent", "")                                           \
	X(SMUG_SKIP_NO_SOURCE, "no_source", "no source ward")                   \
	X(SMUG_SKIP_NO_DEMAND, "no_demand", "no demand ward apart from the source") \
	X(SMUG_SKIP_NO_BUYERS, "no_buyers", "no demand ward whose buyers can pay") \
	X(SMUG_SKIP_NO_REACH, "no_reach", "no demand ward whose buyers can pay within reach of the source") \
	X(SMUG_SKIP_UNPROFITABLE, "unprofitable", "expected loss and cost exceed the margin") \
	X(SMUG_SKIP_CANNOT_AFFORD, "cannot_afford", "cannot afford the cargo")  \
	X(SMUG_SKIP_TRANSIT_FULL, "transit_full", "too many shipments in transit")

enum smug_skip {
#define SMUG_SKIP_ENUM(name, key, text) name,
	SMUG_SKIP_LIST(SMUG_SKIP_ENUM)
#undef SMUG_SKIP_ENUM
	SMUG_SKIP_COUNT
};

/* How the daily plans went, since the world began (the run summary's
 * health block takes differences over a run). */
struct smug_plan_counters {
	int64_t days;		  /* days with smuggling enabled */
	int64_t decisions;	  /* decisions scored */
	int64_t sent, explored;	  /* shipments planned; of them by exploration */
	int64_t skipped[SMUG_SKIP_COUNT]; /* decisions without a shipment, by reason */
	int64_t cap_days;	  /* days max_shipments_per_day was reached */
	int64_t budget_days;	  /* days with borders to bribe */
	int64_t budget_short_days; /* of them: some border got less than its cap */
};

/* ---- rolling windows and chart history (telemetry.c, window.c) ----------
 * A window is a ring of day buckets whose first member is the bucket's
 * day (-1 = empty): day d lives in slot d % n, and a bucket is part of a
 * window only while its day is inside it, so nothing is ever scanned to
 * roll a window forward. */
#define SMUG_FLOW_DAYS 30	   /* per-faction commodity flows: last 30 days */
#define SMUG_BORDER_WINDOW_DAYS 7  /* per-border counters: last 7 days */
#define SMUG_CHART_DAYS 365	   /* chart history per faction / tracked border */
#define SMUG_CHART_BORDERS 96	   /* borders with a chart history at once */
#define SMUG_CRACKDOWN_LOG 256	   /* crackdown periods remembered */

enum smug_flow_kind {
	SMUG_FLOW_SENT,
	SMUG_FLOW_DELIVERED,
	SMUG_FLOW_SEIZED,
	SMUG_FLOW_LOST,
	SMUG_FLOW_KINDS
};

/* Shipments of one faction and commodity, and their declared cargo value. */
struct smug_flow {
	int64_t n[SMUG_FLOW_KINDS];
	int64_t value[SMUG_FLOW_KINDS]; /* minor units */
};

struct smug_flow_day {
	int day; /* -1 = empty */
	struct smug_flow c[SMUG_COMMODITY_COUNT];
};

/* One day of a faction's chart history. */
struct smug_faction_day {
	int day;	 /* -1 = empty */
	int sent, delivered, seized, lost;
	int in_transit;	 /* at the end of the day */
	int64_t balance; /* minor units, at the end of the day */
	int64_t bribes, tariffs; /* minor units paid that day */
};

struct smug_faction_tel {
	struct smug_flow total[SMUG_COMMODITY_COUNT]; /* since the world began */
	int64_t transit_n[SMUG_COMMODITY_COUNT];      /* in transit now */
	int64_t transit_value[SMUG_COMMODITY_COUNT];  /* minor units */
	struct smug_flow_day days[SMUG_FLOW_DAYS];    /* window */
	struct smug_faction_day chart[SMUG_CHART_DAYS]; /* window */
	int64_t bribes_seen, tariffs_seen; /* network totals at the last chart day */
};

/* One day of one border. */
struct smug_border_day {
	int day; /* -1 = empty */
	int traffic, checks, inspections, seizures;
	int64_t bribes, tariffs; /* minor units */
	int crackdown_pct;	 /* chart only: intensity x 100 that day, 0 = none */
};

/* The last days of one border, in a pool slot. A slot is free when its
 * corridor is -1 or its newest day left the window; the pool holds
 * min(borders, SMUG_BORDER_WINDOW_DAYS x SMUG_SHIPMENT_CAP) slots, which
 * is more than the borders that can be crossed within a window (a
 * shipment crosses at most one border a day). */
struct smug_border_window {
	int corridor; /* -1 = free */
	int last_day; /* newest day held */
	struct smug_border_day d[SMUG_BORDER_WINDOW_DAYS];
};

/* The chart history of a tracked border (crackdown targets, the hottest
 * borders, and borders crossed while a slot is free). */
struct smug_border_chart {
	int corridor;	  /* -1 = free */
	int since_day;	  /* first day held */
	int relevant_day; /* last day crossed, hot or under crackdown */
	struct smug_border_day d[SMUG_CHART_DAYS];
};

/* A crackdown from its first to its last active day. */
struct smug_crackdown_period {
	int corridor;
	int start_day;
	int end_day; /* last active day; -1 while active */
	double intensity;
	bool manual, exploration;
};

/* A route as telemetry counts it: its nodes, which tell routes apart
 * whatever their length. Its text (the nodes' ids joined by '>',
 * smug_route_format) is formatted only when it is read. */
struct smug_route_key {
	int n_nodes;
	int nodes[SMUG_ROUTE_MAX_NODES];
};

/* One day of the rolling TopK window (telemetry.window_days days, a ring
 * of day buckets as in window.c): the routes taken by the shipments sent
 * that day and the borders crossed. */
#define SMUG_TOPK_WINDOW_MAX 365
struct smug_topk_day {
	int day; /* -1 = empty */
	int n_routes, n_borders;
	struct {
		struct smug_route_key route;
		int count;
	} routes[SMUG_SHIPMENTS_PER_DAY_MAX];
	struct {
		int corridor, traffic;
	} borders[SMUG_TOUCHED_CAP];
};

enum smug_topk_kind { SMUG_TOPK_ROUTES, SMUG_TOPK_BORDERS, SMUG_TOPK_FACTIONS, SMUG_TOPK_KINDS };

/* All-time shipments per route, for the hottest-routes list: a
 * space-saving tally of SMUG_ROUTE_TALLY routes (a route not yet tallied
 * takes the place of the least-counted one and inherits its count, so a
 * count overstates by at most shipments / SMUG_ROUTE_TALLY). */
#define SMUG_ROUTE_TALLY 512
struct smug_route_tally {
	struct smug_route_key route;
	int64_t count;
};

struct smug_telemetry {
	struct smug_counters total, today;
	struct smug_plan_counters plan;
	struct smug_topk_day *topk_days; /* ring of n_topk_days (= window_days) buckets */
	int n_topk_days;
	struct smug_route_tally *routes; /* SMUG_ROUTE_TALLY slots, n_routes used */
	int n_routes;
	int *route_index; /* derived, not state: open-addressed slots by a hash of the nodes */
	struct smug_day_record history[SMUG_HISTORY_DAYS]; /* ring */
	int history_head, history_count;
	struct smug_event *events; /* ring of SMUG_EVENT_CAP; final once their day ends */
	int event_head, event_count;
	int events_cap; /* slots allocated (derived, not state): grown as events
			 * arrive, all SMUG_EVENT_CAP from a world's first day */
	/* the digest's summary of the event log, derived (never saved, rebuilt
	 * on load): the sum of a keyed hash of every event kept whose sequence
	 * number is below events_folded (the rest is added when hashed) */
	uint64_t events_sum, events_folded;
	/* derived, not state: [events_cap] the hash each folded event was
	 * summed with, by ring slot, taken back out when it leaves the ring */
	uint64_t *event_hashes;
	uint64_t events_total;
	struct smug_topk hot_routes, hot_borders, faction_success;
	int touched[SMUG_TOUCHED_CAP]; /* borders crossed today */
	int n_touched;
	int touched_yday[SMUG_TOUCHED_CAP];
	int n_touched_yday;
	/* rolling windows and chart history */
	struct smug_faction_tel *factions; /* parallel to world.factions */
	struct smug_border_window *bwin;   /* pool, n_bwin slots */
	int n_bwin;
	struct smug_border_chart *bchart;  /* SMUG_CHART_BORDERS slots */
	struct smug_crackdown_period crackdown_log[SMUG_CRACKDOWN_LOG]; /* ring */
	int crackdown_log_head, crackdown_log_count;
	/* derived indices, rebuilt on load, never part of the state */
	int *bwin_of;	/* corridor -> pool slot or -1 */
	int *bchart_of; /* corridor -> chart slot or -1 */
	int bwin_cursor;
};

/* ---- explain ---------------------------------------------------------------- */

struct smug_explain_edge {
	int corridor;
	bool border;
	bool known;	 /* from edge_stats, else the public prior */
	double risk_est, cost_est;
	double expected_loss, expected_cost; /* credits-equivalent, minor units */
};

struct smug_explain_candidate {
	int nodes[SMUG_ROUTE_MAX_NODES];
	int n_nodes;
	struct smug_explain_edge edges[SMUG_ROUTE_MAX_NODES - 1];
	int travel_days;
	double expected_loss, expected_cost, travel_term, score;
};

/* Weighted driver terms of a ward's score for one commodity.
 * demand: term[0..4] = tolerance, shortage, corruption, raider, war;
 * source: term[0..2] = raider, precursor, blackmarket (3, 4 unused).
 * score = sum of terms. */
#define SMUG_DEMAND_TERMS 5
#define SMUG_SOURCE_TERMS 3
struct smug_driver_terms {
	double term[5];
	double score;
};

/* One decision of the daily plan. The per-candidate, per-edge terms are
 * not kept: smug_explain_decision() rebuilds them on demand, exactly, from
 * the candidate routes and the faction's plan-time estimates. */
struct smug_decision {
	int day;
	int faction;
	enum smug_commodity commodity;
	int src_ward, dst_ward;
	struct smug_driver_terms demand, source;
	int64_t value;		/* cargo value, minor units */
	int64_t bribe_budget;	/* faction's budget today, minor units */
	int n_cand;		/* candidate routes scored, <= route_topk */
	int winner;		/* index of the chosen candidate, -1 = none */
	int runner;		/* index of the runner-up, -1 = none */
	double winner_score;	/* expected loss + cost + travel term */
	double margin;		/* runner-up score minus winner score */
	int route[SMUG_ROUTE_MAX_NODES]; /* the nodes of the route sent (chosen) */
	int route_len;
	int route_borders;	/* borders it crosses */
	char skipped[96];	/* why no shipment was sent, "" if sent */
	enum smug_skip skip;	/* the same as a code */
	int chosen;		/* candidate sent: the winner, or the exploration pick */
	bool explore;		/* the exploration policy chose the route */
	double explore_score;	/* the pick's score with its stale edges at their prior */
	uint64_t shipment;	/* created shipment id, 0 if none */
	int64_t bribe_total;	/* smuggling_bribe_budget_total of the shipment */
	double expected_profit;	/* sale - purchase - the sent route's loss and cost, minor units */
};

/* A decision explained: every candidate with its per-edge terms, the
 * winner, the runner-up and the smallest single change that flips it. */
struct smug_explanation {
	struct smug_explain_candidate cand[SMUG_ROUTE_TOPK_MAX];
	int n_cand;
	int winner, runner;	/* as in the decision */
	double margin;
	char flip[160];
	/* the flip as numbers: corridor -1 when nothing single flips it */
	int flip_corridor;
	bool flip_cost;		/* cost_est (else risk_est) */
	double flip_from, flip_to;
	/* the border only the winner crosses whose risk_est needs the
	 * smallest rise to flip the choice (the crackdown lever), or -1 */
	int lever_corridor;
	double lever_from, lever_to;
};

/* A decision re-explained as if the faction knew of a crackdown: its
 * estimate for one border replaced by the seizure chance a crackdown
 * there would give (what the faction learns once it meets it). */
struct smug_whatif {
	int corridor;
	double intensity;
	double risk_before;	/* the faction's risk_est at plan time */
	double risk_after;	/* seizure chance per crossing under the crackdown */
	int winner_before, winner_after;
	struct smug_explanation x; /* the re-explained decision */
};

struct smug_decision_summary {
	int day, faction;
	enum smug_commodity commodity;
	int src_ward, dst_ward;
	int n_cand;
	double winner_score, margin;
	uint64_t shipment;
};

/* ---- configuration ---------------------------------------------------------- */

struct smug_smuggling_config {
	bool enabled;
	int max_active_factions;   /* [0,SMUG_FACTIONS_MAX] */
	int max_shipments_per_day; /* [0,SMUG_SHIPMENTS_PER_DAY_MAX] */
	int commodity_topk;	   /* [1,SMUG_COMMODITY_COUNT] effective */
	int route_topk;		   /* [1,SMUG_ROUTE_TOPK_MAX] */
	int border_topk;	   /* [1,SMUG_EDGE_STATS_MAX] */
	int ward_topk;		   /* [1,SMUG_WARD_TOPK_MAX] */
	double learning_rate;	   /* (0,1] */
	char deterministic_salt[SMUG_ID_MAX];
	double bribe_budget_fraction; /* [0,1] default for networks */
	double bribe_offer_ratio;     /* [0,4] offer per border, × the required bribe the
					 faction estimates; also the border's cap */
	double prior_drift;	      /* [0,1] per day toward the prior */
	double travel_weight;	      /* score term per travel day, × value */
	double upkeep_fraction;	      /* [0,1] of balance paid per day */
	double exploration_rate;      /* [0,1] share of decisions that explore */
	int exploration_stale_days;   /* an estimate older than this is re-tested */
	double hazard_loss_share;     /* [0,1] predation events that lose the cargo */
	int max_delays;		      /* delays a shipment can suffer; then it passes */
};

struct smug_customs_config {
	double base_inspection_rate;	  /* [0,1] */
	double base_tariff_rate;	  /* [0,1] */
	double contraband_detection_base; /* [0,1] */
	double bribery_effect_max;	  /* [0,1] bound of the bribe-map boost */
	double bribe_required_fraction;	  /* [0,2] required bribe base, × value × alert
					     × (1 − corruptibility) */
	double bribe_accept;		  /* [0,1] boost of an offer equal to the required bribe */
	double corruption_detection;	  /* [0,1] detection × (1 − this × corruption) */
	double corruption_accept;	  /* corruptibility: + this × corruption */
	double enforcement_accept;	  /* corruptibility: − this × enforcement point */
	double fallback_bribe_fraction;	  /* unplanned bribe: this × value ... */
	double fallback_tariff_share;	  /* ... + this × tariff */
	int max_checks_per_day;		  /* >= 0 */
};

struct smug_crackdown_config {
	bool auto_enabled;
	int border_topk;	  /* candidates kept */
	int max_targets_per_day;
	int duration_days;
	int cooldown_days;
	double capacity_per_point; /* intensity units per enforcement point */
	int exploration_every;	   /* days; 0 = never */
	double exploration_intensity;
	/* modifiers at intensity i */
	double inspection_gain; /* inspection ×(1 + gain·i) */
	double detection_gain;	/* detection ×(1 + gain·i) */
	double bribe_shrink;	/* bribe acceptance ×max(floor, 1 − shrink·i) */
	double bribe_floor;
	double hazard_shrink;	/* corridor predation ×max(.1, 1 − shrink·i) */
	double alert_gain;	/* required bribe × (1 + gain·i) */
	/* planner's border score = bribes·w_b + seizures·w_s + traffic·w_t */
	double score_bribes, score_seizures, score_traffic;
};

struct smug_signals_config {
	double corruption_per_bribe; /* corruption rise per normalised bribe */
	double audit_pull;	     /* corruption fall per unit audit */
	double max_daily_delta;	     /* clamp of any signal's daily change */
	double bribe_norm;	     /* minor units of bribes per day that count as 1 */
	double blackmarket_alpha;    /* EMA weight of today's bribes */
	double shortage_ease;	     /* shortage fall per delivery */
	double shortage_regen;	     /* daily pull back toward base shortage */
	double corruption_pull;	     /* daily pull of corruption back toward its base */
	double tolerance_gain;	     /* tolerance rise per unit shortage where corrupt */
	double tolerance_corruption; /* corruption above which tolerance grows */
	double tolerance_decay;	     /* daily pull back toward base tolerance */
	double raider_gain;	     /* raider influence above base at full presence */
	double raider_loss;	     /* a bust counts this many runs against presence */
	double raider_decay;	     /* weight of today in the presence average */
	double raider_norm;	     /* raider runs a day that count as full presence */
};

/* The ward economy that closes the money loop (smugnet-scenario(5)). */
struct smug_economy_config {
	double levy_rate;	      /* [0,1] of the buyers' purse levied per day */
	double corruption_leak;	      /* share of the levy × corruption that leaks */
	double enforcement_pay_rate;  /* [0,1] of the treasury paid to wards per day */
	double ward_spend_rate;	      /* [0,1] of a ward's account spent on its people */
	double blackmarket_spend_rate; /* [0,1] of the black market spent per day */
	double auction_price;	      /* [0,2] seized cargo fetches this × value */
	double diversion_weight;      /* seized cargo diverted w.p. this × corruption */
};

struct smug_telemetry_config {
	int window_days; /* rolling window of the TopK lists */
};

struct smug_config {
	struct smug_smuggling_config smuggling;
	struct smug_customs_config customs;
	struct smug_crackdown_config crackdown;
	struct smug_signals_config signals;
	struct smug_economy_config economy;
	struct smug_telemetry_config telemetry;
};

#endif
