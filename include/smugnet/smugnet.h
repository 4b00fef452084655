/* libsmugnet public API: load a world, step it, steer it, read it.
 * The core never prints, never reads the clock, the environment or a
 * global random source, and never exits; every failure is a status with
 * a path-style message. */
#ifndef SMUGNET_SMUGNET_H
#define SMUGNET_SMUGNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smugnet/knobs.h"
#include "smugnet/status.h"
#include "smugnet/types.h"
#include "smugnet/world.h"

/* ---- creating and freeing worlds ---- */

/* Parse a scenario from memory. name is used as the file part of error
 * messages. On success *out is a new world the caller frees with
 * smug_world_free; on failure *out is untouched and err says why. */
enum smug_status smug_world_load_json(const char *json, size_t len,
				      const char *name,
				      struct smug_world **out,
				      struct smug_error *err);

/* How messages name the embedded default world: it is no file (it is
 * compiled from data/dosadi-36.json, which need not exist beside the
 * program). */
#define SMUG_DEFAULT_WORLD_NAME "the embedded default world"

/* The embedded default world (data/dosadi-36.json). */
enum smug_status smug_world_load_default(struct smug_world **out,
					 struct smug_error *err);
/* The embedded default scenario's bytes (static, not to be freed). */
const char *smug_default_scenario(size_t *len);

/* A scenario file, read with smug_file_read and parsed with
 * smug_world_load_json. */
enum smug_status smug_world_load_file(const char *path, struct smug_world **out,
				      struct smug_error *err);

/* The largest input file any loader reads, in bytes (256 MiB). */
#define SMUG_FILE_MAX 268435456
/* Read a regular file whole: a NUL-terminated copy the caller frees.
 * Directories, FIFOs, devices and files past SMUG_FILE_MAX bytes are
 * refused before anything is read ("file: reason", SMUG_ERR_IO); a
 * missing file is SMUG_ERR_NOT_FOUND. Symbolic links in the path are
 * followed (the vault's own files are read without following them). */
enum smug_status smug_file_read(const char *path, char **text, size_t *len,
				struct smug_error *err);

/* The strict-JSON pre-pass every loader of the core runs before parsing:
 * no NUL byte, valid UTF-8, RFC 8259's lexical rules (white space only
 * space, tab, LF, CR; no control character unescaped in a string; only
 * valid escapes; numbers -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?),
 * no \u0000 escape, nesting at most 64 deep.
 * SMUG_ERR_PARSE with "file: line L byte B (offset O): reason". For
 * hosts that parse JSON of their own. */
enum smug_status smug_json_check(const char *text, size_t len, const char *file,
				 struct smug_error *err);

struct cJSON;
/* The duplicate-key check every loader of the core runs after parsing:
 * cJSON keeps both members of an object whose key comes twice and its
 * look-ups take the first. For a tree parsed from a text smug_json_check
 * passed (nesting at most 64): SMUG_ERR_PARSE with "file: json.path:
 * duplicate key 'K'" for the first repeat in the text (the path as the
 * loaders write it: "wards[1].name"), SMUG_OK when there is none. root
 * is borrowed. */
enum smug_status smug_json_dup_check(const struct cJSON *root, const char *file,
				     struct smug_error *err);

void smug_world_free(struct smug_world *w); /* NULL is a no-op */

/* A deep copy that continues exactly like the original. Caller frees. */
struct smug_world *smug_world_clone(const struct smug_world *w);

/* Replace the world seed. Only before the first step (SMUG_ERR_ARG after). */
enum smug_status smug_world_reseed(struct smug_world *w, uint64_t seed,
				   struct smug_error *err);

/* XXH3 over a canonical encoding of the whole state. */
uint64_t smug_world_digest(const struct smug_world *w);

/* Every invariant of a world that the simulation keeps (check.c lists
 * them): unique sorted ids, indices in range, counters equal to what they
 * count, shipments in transit consistent with their routes and owners,
 * the day consistent with the telemetry history, bounded rings, ledger
 * conservation. SMUG_OK, or SMUG_ERR_SCHEMA with the first violation as
 * "file: state.path: reason" (file may be NULL: then "state.path: ..."). */
enum smug_status smug_world_check(const struct smug_world *w, const char *file,
				  struct smug_error *err);

/* ---- commands: the only ways a host changes a world ---- */

/* Simulate `days` days (>= 0). */
enum smug_status smug_cmd_step(struct smug_world *w, int days);

/* Crackdown on a border or corridor by corridor id. intensity in
 * [SMUG_INTENSITY_MIN,1];
 * end_day is the last active day, or -1 for "until cleared". Replaces an
 * existing target on the same corridor. */
enum smug_status smug_cmd_crackdown_set(struct smug_world *w,
					const char *corridor_id,
					double intensity, int end_day,
					struct smug_error *err);
enum smug_status smug_cmd_crackdown_clear(struct smug_world *w,
					  const char *corridor_id,
					  struct smug_error *err);
void smug_cmd_auto_crackdown(struct smug_world *w, bool on);
/* The end_day argument that makes a crackdown last through simulated day
 * `last_day` (the first simulated day is 1). */
int smug_crackdown_end_day(int last_day);
/* Was a crackdown on corridor c active on simulated day `day` (1 = the
 * first)? Asked of the world right after that day, or during it. */
bool smug_crackdown_active_on(const struct smug_world *w, int corridor, int day);

/* ---- reading ---- */

/* Index by id, or -1. */
int smug_world_find_ward(const struct smug_world *w, const char *id);
int smug_world_find_node(const struct smug_world *w, const char *id);
int smug_world_find_corridor(const struct smug_world *w, const char *id);
int smug_world_find_faction(const struct smug_world *w, const char *id);
/* Up to k (<= 16) corridors whose ids are nearest to id by edit
 * distance, nearest first, borders before other corridors at the same
 * distance, then in id order; returns the count. */
int smug_world_nearest_corridors(const struct smug_world *w, const char *id, int *out, int k);
/* Fill err (SMUG_ERR_NOT_FOUND) with "<what>: unknown corridor 'id';
 * nearest valid ids: ..." naming the three nearest; when id is a
 * corridor's id with its two nodes swapped ("b|a"), "; did you mean
 * 'a|b'? ..." comes before the list, and that id first in it. */
void smug_world_unknown_corridor(const struct smug_world *w, const char *what, const char *id,
				 struct smug_error *err);
int smug_world_find_account(const struct smug_world *w, const char *id);
/* Active crackdown on a corridor, or NULL. */
const struct smug_crackdown *
smug_world_crackdown_on(const struct smug_world *w, int corridor);

/* The i-th shipment in transit, in id order (0 <= i < w->n_shipments),
 * and the i-th resolved during the last simulated day, in the order they
 * ended (0 <= i < w->n_resolved). Borrowed: valid until the next step. */
const struct smug_shipment *smug_shipment_in_transit(const struct smug_world *w, int i);
const struct smug_shipment *smug_shipment_resolved(const struct smug_world *w, int i);
/* A shipment by id: in transit, or resolved during the last simulated
 * day (w->resolved); NULL when it is neither. */
const struct smug_shipment *smug_shipment_find(const struct smug_world *w, uint64_t id);

/* Border crossing: the ward whose customs applies when travelling
 * corridor c from node `from`. */
int smug_corridor_dest_ward(const struct smug_world *w, int corridor, int from);

/* The names of a decision's driver terms, in term order (struct
 * smug_driver_terms): the demand score's and the source score's. */
extern const char *const smug_demand_term_names[SMUG_DEMAND_TERMS];
extern const char *const smug_source_term_names[SMUG_SOURCE_TERMS];

/* Explain decision i of the last simulated day (w->decisions[i]): every
 * candidate route with its per-edge terms, exactly as the plan scored
 * them, and the smallest single estimate change that flips the choice.
 * SMUG_ERR_ARG for a bad index. */
enum smug_status smug_explain_decision(const struct smug_world *w, int i,
				       struct smug_explanation *out);

/* What-if: decision i of the last simulated day re-explained as if the
 * faction knew of a crackdown of `intensity` on `corridor`: its estimate
 * for that corridor, in the direction the route taken crosses it (else
 * the winner's route, so an explored decision's lever too), becomes the
 * seizure chance under the crackdown (with the bribe its shipment
 * offered there). Nothing in w changes: the
 * crackdown lives on a private copy. SMUG_ERR_ARG for bad arguments. */
enum smug_status smug_explain_whatif(const struct smug_world *w, int i, int corridor,
				     double intensity, struct smug_whatif *out);

/* Route id: node ids joined by ">" into buf (truncated safely). */
void smug_route_format(const struct smug_world *w, const int *nodes, int n,
		       char *buf, size_t size);

const char *smug_commodity_name(enum smug_commodity c);
int smug_commodity_from_name(const char *s); /* -1 if unknown */
const char *smug_good_name(enum smug_good g);
int smug_good_from_name(const char *s);	   /* -1 if unknown */
const char *smug_event_kind_name(enum smug_event_kind k);
const char *smug_tx_reason_name(enum smug_tx_reason r);
/* Whether a reason creates money (a mint) or destroys it (a burn). */
bool smug_tx_reason_mints(enum smug_tx_reason r);
bool smug_tx_reason_burns(enum smug_tx_reason r);
const char *smug_outcome_name(enum smug_outcome o);
const char *smug_faction_kind_name(enum smug_faction_kind k);
const char *smug_skip_key(enum smug_skip s);  /* "unprofitable", ... */
const char *smug_skip_text(enum smug_skip s); /* "expected loss and cost ..." */

/* Ledger conservation: sum of balances == initial + minted - burned. */
bool smug_ledger_conserved(const struct smug_ledger *l);
int64_t smug_ledger_total(const struct smug_ledger *l);
/* Minor units as credits with exactly two decimals: -1234567 -> "-12345.67". */
void smug_money_format(int64_t minor, char *buf, size_t size);
/* v exactly, in the shortest form that reads back to the same double:
 * 1 -> "1", 0.123456789 -> "0.123456789", 1e-09 -> "1e-09". */
void smug_real_format(double v, char *buf, size_t size);

/* to += c, field by field. */
void smug_counters_add(struct smug_counters *to, const struct smug_counters *c);

/* Calibration of the factions' beliefs: over every (faction, border,
 * direction) with at least min_crossings resolved crossings, the mean
 * absolute difference between the risk planned with and the share of
 * those crossings that ended in a seizure or loss there. *pairs is how
 * many qualified (0: *mae is 0). */
void smug_calibration(const struct smug_world *w, int min_crossings, double *mae, int *pairs);

/* A TopK list over the last `days` days (1 to telemetry.window_days;
 * larger is clamped): routes by shipments sent, borders by crossings,
 * factions by success rate (delivered / resolved in the window's days
 * simulated since start_day: none listed at the start day, as in the
 * all-time list). Equal scores: borders and factions by key, routes by
 * their nodes' indices. */
void smug_topk_window(const struct smug_world *w, enum smug_topk_kind kind, int days,
		      struct smug_topk *out);
/* The all-time list of a kind (tel.hot_routes, tel.hot_borders,
 * tel.faction_success) as smug_topk_window gives its lists: a route's
 * entry with its text and index -1. */
void smug_topk_all(const struct smug_world *w, enum smug_topk_kind kind, struct smug_topk *out);

/* Success rate of a network: delivered / resolved, 0 when none. */
double smug_network_success_rate(const struct smug_network *n);

/* Events in order, oldest first: i in [0, tel.event_count). */
const struct smug_event *smug_event_at(const struct smug_telemetry *t, int i);
/* An event's text, formatted from its fields when read ("w03->w17 after
 * 4 days, buyers paid 12.00"): what the cockpit, JSON Lines and CSV show.
 * At most SMUG_EVENT_TEXT_MAX - 1 bytes, fewer if size is smaller.
 * Returns buf. */
const char *smug_event_text(const struct smug_world *w, const struct smug_event *e, char *buf,
			    size_t size);
/* Crackdown periods, oldest first: i in [0, tel.crackdown_log_count). */
const struct smug_crackdown_period *smug_crackdown_period_at(const struct smug_telemetry *t, int i);
/* A faction's flows of one commodity over the last `days` days
 * (1..SMUG_FLOW_DAYS, ending with w->day), or all time when days <= 0. */
void smug_flow_sum(const struct smug_world *w, int faction, int commodity, int days,
		   struct smug_flow *out);
/* A border's counters summed over days [first_day, last_day], clipped to
 * the last SMUG_BORDER_WINDOW_DAYS days (out->day = last_day). */
void smug_border_window_sum(const struct smug_world *w, int corridor, int first_day,
			    int last_day, struct smug_border_day *out);
/* A faction's chart bucket of `day`, or NULL when not held. */
const struct smug_faction_day *smug_faction_chart(const struct smug_world *w, int faction,
						  int day);
/* A border's chart values of `day` into out; false when that day is not
 * known (the border was not tracked then and the day left its window). */
bool smug_border_chart(const struct smug_world *w, int corridor, int day,
		       struct smug_border_day *out);
/* First day of a border's chart history, -1 when it has none. */
int smug_border_chart_since(const struct smug_world *w, int corridor);
/* History records, oldest first. */
const struct smug_day_record *smug_history_at(const struct smug_telemetry *t,
					      int i);

/* The most wards smug_scenario_generate makes: its text takes about 1,163
 * bytes a ward, so 200,000 wards are 232.5 MB, under SMUG_FILE_MAX, and
 * every command that reads a scenario loads what it writes. */
#define SMUG_GEN_WARDS_MAX 200000

/* A generated scenario of n_wards wards in rings and n_factions smuggling
 * factions, deterministic in seed: JSON text the caller frees, or NULL
 * when the arguments are out of range (1 <= n_wards <= SMUG_GEN_WARDS_MAX,
 * 0 <= n_factions < SMUG_FACTIONS_MAX). */
char *smug_scenario_generate(int n_wards, uint64_t seed, int n_factions);

/* ---- comparing two worlds (what-if branches, seed diff) ---- */

#define SMUG_CMP_ROUTES 64 /* changed lane routes reported */
/* A route as text: the ids of a route's SMUG_ROUTE_MAX_NODES nodes (at
 * most SMUG_ID_MAX - 1 bytes each) with a '>' between them, NUL
 * included, so no route is cut (512 bytes cut long ids' routes mid-id). */
#define SMUG_ROUTE_TEXT_MAX (SMUG_ROUTE_MAX_NODES * SMUG_ID_MAX)

struct smug_cmp_faction {
	char id[SMUG_ID_MAX];
	bool in[2];			   /* present in a, in b */
	int64_t balance[2];		   /* minor units */
	int64_t shipments[2], delivered[2], seized[2], lost[2];
	int64_t bribes[2];		   /* minor units */
	double success[2];
};

struct smug_cmp_border {
	char id[SMUG_ID_MAX * 2];
	bool in[2];
	int64_t traffic[2], seizures[2], bribes[2]; /* bribes in minor units */
	bool crackdown[2];
};

/* Shipments of one commodity, all factions together, since the world
 * began: sent, delivered, seized, lost and the cargo value delivered. */
struct smug_cmp_commodity {
	enum smug_commodity commodity;
	int64_t sent[2], delivered[2], seized[2], lost[2];
	int64_t value_delivered[2]; /* minor units */
};

/* A lane (faction, commodity, source, demand) whose last route differs. */
struct smug_cmp_route {
	char faction[SMUG_ID_MAX];
	enum smug_commodity commodity;
	char src[SMUG_ID_MAX], dst[SMUG_ID_MAX];
	char route[2][SMUG_ROUTE_TEXT_MAX]; /* node ids joined by ">", "" when the lane is unused */
	int last_day[2];
	char why[2][256];    /* the faction's risk_est on the edges one route has and the other lacks,
			      * whole parts joined by ", ", then "N more" when some do not fit */
};

struct smug_comparison {
	bool same_scenario;
	int day[2];
	uint64_t digest[2];
	struct smug_cmp_faction factions[2 * SMUG_FACTIONS_MAX]; /* networks; largest |balance change| first */
	int n_factions;
	struct smug_cmp_border *borders; /* that differ; largest |traffic change| first */
	int n_borders;
	struct smug_cmp_commodity commodities[SMUG_COMMODITY_COUNT]; /* largest |delivered change| first */
	struct smug_cmp_route routes[SMUG_CMP_ROUTES];
	int n_routes, routes_total; /* shown, and all that changed */
};

/* Compare world a with world b (b minus a), matching factions, borders
 * and lanes by id. Free with smug_comparison_done, which leaves it empty
 * (no borders). */
void smug_compare(const struct smug_world *a, const struct smug_world *b, struct smug_comparison *out);
void smug_comparison_done(struct smug_comparison *c);

/* Version string of the library. */
const char *smug_version(void);

#endif
