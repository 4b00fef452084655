/* The knob table: every configuration value with its key path, type,
 * default, range and meaning, in the canonical order the snapshot and the
 * digest walk. Nothing else lists the knobs: the scenario loader, the
 * snapshot, `run --set`, the cockpit's config view and the man page's
 * table all read this one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "json.h"

#define OFF(sec, field) offsetof(struct smug_config, sec.field)
#define SIZE(sec, field) sizeof(((struct smug_config *)0)->sec.field)
#define BOOL(sec, field, key, def, what) \
	{#sec "." key, SMUG_KNOB_BOOL, OFF(sec, field), SIZE(sec, field), def, 0, 1, NULL, what}
#define INT(sec, field, key, def, lo, hi, what) \
	{#sec "." key, SMUG_KNOB_INT, OFF(sec, field), SIZE(sec, field), def, lo, hi, NULL, what}
#define REAL(sec, field, key, def, lo, hi, what) \
	{#sec "." key, SMUG_KNOB_REAL, OFF(sec, field), SIZE(sec, field), def, lo, hi, NULL, what}
#define MONEY(sec, field, key, def, lo, hi, what) \
	{#sec "." key, SMUG_KNOB_MONEY, OFF(sec, field), SIZE(sec, field), def, lo, hi, NULL, what}
#define TEXT(sec, field, key, def, what) \
	{#sec "." key, SMUG_KNOB_TEXT, OFF(sec, field), SIZE(sec, field), 0, 0, 0, def, what}

static const struct smug_knob knobs[] = {
	BOOL(smuggling, enabled, "enabled", 0, "smuggling networks plan and send shipments"),
	INT(smuggling, max_active_factions, "max_active_factions", 8, 0, SMUG_FACTIONS_MAX,
	    "factions that plan shipments each day, in id order"),
	INT(smuggling, max_shipments_per_day, "max_shipments_per_day", 12, 0, SMUG_SHIPMENTS_PER_DAY_MAX,
	    "shipments created per day, all factions together"),
	INT(smuggling, commodity_topk, "commodity_topk", 8, 1, 64,
	    "commodities a faction considers per day, by preference"),
	INT(smuggling, route_topk, "route_topk", 24, 1, SMUG_ROUTE_TOPK_MAX,
	    "candidate routes (loopless shortest paths) scored per decision"),
	INT(smuggling, border_topk, "border_topk", 128, 1, SMUG_EDGE_STATS_MAX,
	    "edge statistics (one per corridor and direction) a faction keeps; the least recently used go first"),
	INT(smuggling, ward_topk, "ward_topk", 4, 1, SMUG_WARD_TOPK_MAX,
	    "demand and source wards kept per commodity"),
	REAL(smuggling, learning_rate, "learning_rate", 0.15, 1e-9, 1,
	     "how far one outcome moves risk_est and cost_est"),
	TEXT(smuggling, deterministic_salt, "deterministic_salt", "smuggling-v1",
	     "salt of every keyed draw; another salt reshuffles all outcomes"),
	REAL(smuggling, bribe_budget_fraction, "bribe_budget_fraction", 0.004, 0, 1,
	     "share of its balance a faction may offer in bribes per day; 0: it pays no bribe at all"),
	REAL(smuggling, bribe_offer_ratio, "bribe_offer_ratio", 2.0, 0, 4,
	     "offer at a border, times the required bribe the faction estimates; the border's cap"),
	REAL(smuggling, prior_drift, "prior_drift", 0.01, 0, 1,
	     "daily pull of unrefreshed estimates back toward their calibrated prior"),
	REAL(smuggling, travel_weight, "travel_weight", 0.002, 0, 1,
	     "route score per travel day, times the cargo value"),
	REAL(smuggling, upkeep_fraction, "upkeep_fraction", 0.0005, 0, 1,
	     "share of its balance a faction pays its crews each day (to its home ward's buyers)"),
	REAL(smuggling, exploration_rate, "exploration_rate", 0.05, 0, 1,
	     "share of decisions that re-test the best candidate crossing a stale edge"),
	INT(smuggling, exploration_stale_days, "exploration_stale_days", 14, 0, 3650,
	    "an edge estimate not refreshed for this many days is stale"),
	REAL(smuggling, hazard_loss_share, "hazard_loss_share", 0.4, 0, 1,
	     "share of predation events on a corridor that lose the cargo; the rest delay it"),
	INT(smuggling, max_delays, "max_delays", 10, 0, 1000,
	    "delays a shipment can suffer; after that a delay roll lets it through"),

	REAL(customs, base_inspection_rate, "base_inspection_rate", 0.15, 0, 1,
	     "chance a crossing is inspected, before ward bias and crackdowns"),
	REAL(customs, base_tariff_rate, "base_tariff_rate", 0.02, 0, 1,
	     "tariff as a share of the declared cargo value"),
	REAL(customs, contraband_detection_base, "contraband_detection_base", 0.30, 0, 1,
	     "chance an inspection finds contraband of heat 1"),
	REAL(customs, bribery_effect_max, "bribery_effect_max", 0.6, 0, 1,
	     "most a bribe-map offer adds to the officer's acceptance"),
	REAL(customs, bribe_required_fraction, "bribe_required_fraction", 0.25, 1e-9, 2,
	     "required bribe, times cargo value x alert x (1 - corruptibility)"),
	REAL(customs, bribe_accept, "bribe_accept", 0.6, 0, 1,
	     "acceptance an offer of exactly the required bribe adds (2r/(1+r) of it for r times)"),
	REAL(customs, corruption_detection, "corruption_detection", 0.5, 0, 1,
	     "detection x (1 - this x the ward's corruption)"),
	REAL(customs, corruption_accept, "corruption_accept", 0.4, 0, 10,
	     "corruptibility: bribe_tolerance + this x corruption - ..."),
	REAL(customs, enforcement_accept, "enforcement_accept", 0.02, 0, 1,
	     "... - this x the ward's enforcement points"),
	REAL(customs, fallback_bribe_fraction, "fallback_bribe_fraction", 0.25, 0, 2,
	     "an officer's own price without an offer: this x value + ..."),
	REAL(customs, fallback_tariff_share, "fallback_tariff_share", 0.5, 0, 10,
	     "... + this x the tariff"),
	INT(customs, max_checks_per_day, "max_checks_per_day", 5000, 0, 1e9,
	    "customs checks per day at all borders together"),

	BOOL(crackdown, auto_enabled, "auto", 0, "the enforcement planner picks crackdown targets"),
	INT(crackdown, border_topk, "border_topk", 24, 1, 256, "border candidates the planner scores"),
	INT(crackdown, max_targets_per_day, "max_targets_per_day", 6, 0, SMUG_CRACKDOWN_CAP,
	    "new targets the planner may start per day"),
	INT(crackdown, duration_days, "duration_days", 7, 1, 3650, "days a planned target lasts"),
	INT(crackdown, cooldown_days, "cooldown_days", 7, 0, 3650,
	    "days before the planner may target a border again"),
	REAL(crackdown, capacity_per_point, "capacity_per_point", 0.01, 0, 10,
	     "crackdown intensity per ward enforcement point"),
	INT(crackdown, exploration_every, "exploration_every", 7, 0, 3650,
	    "days between low-intensity probe targets; 0 = never"),
	REAL(crackdown, exploration_intensity, "exploration_intensity", 0.25, 1e-9, 1,
	     "intensity of a probe target"),
	REAL(crackdown, inspection_gain, "inspection_gain", 3.0, 0, 10,
	     "inspection x (1 + gain x intensity) under a border crackdown"),
	REAL(crackdown, detection_gain, "detection_gain", 1.0, 0, 10,
	     "detection x (1 + gain x intensity) under a border crackdown"),
	REAL(crackdown, bribe_shrink, "bribe_shrink", 0.7, 0, 1,
	     "bribe acceptance x max(floor, 1 - shrink x intensity)"),
	REAL(crackdown, bribe_floor, "bribe_floor", 0.05, 0, 1,
	     "least factor a crackdown leaves on bribe acceptance"),
	REAL(crackdown, hazard_shrink, "hazard_shrink", 0.6, 0, 1,
	     "corridor predation x max(0.1, 1 - shrink x intensity)"),
	REAL(crackdown, alert_gain, "alert_gain", 1.0, 0, 10,
	     "required bribe x (1 + gain x intensity) under a border crackdown"),
	REAL(crackdown, score_bribes, "score_bribes", 0.5, 0, 100,
	     "planner's border score per normalised bribe taken yesterday"),
	REAL(crackdown, score_seizures, "score_seizures", 0.7, 0, 100,
	     "planner's border score per seizure yesterday"),
	REAL(crackdown, score_traffic, "score_traffic", 0.3, 0, 100,
	     "planner's border score per crossing yesterday"),

	REAL(signals, corruption_per_bribe, "corruption_per_bribe", 0.002, 0, 1,
	     "corruption rise per normalised bribe taken at a ward's borders"),
	REAL(signals, audit_pull, "audit_pull", 0.001, 0, 1, "corruption fall per unit of audit per day"),
	REAL(signals, max_daily_delta, "max_daily_delta", 0.01, 0, 1,
	     "largest change of any ward signal in one day"),
	MONEY(signals, bribe_norm, "bribe_norm", 100, 1e-9, 1e13,
	      "bribes taken in a day that count as 1 (credits)"),
	REAL(signals, blackmarket_alpha, "blackmarket_alpha", 0.05, 0, 1,
	     "weight of today's bribes in the black-market flow average"),
	REAL(signals, shortage_ease, "shortage_ease", 0.01, 0, 1,
	     "shortage fall per delivery of the related contraband"),
	REAL(signals, shortage_regen, "shortage_regen", 0.01, 0, 1,
	     "daily pull of shortage back toward its scenario value"),
	REAL(signals, corruption_pull, "corruption_pull", 0.01, 0, 1,
	     "daily pull of corruption back toward its scenario value"),
	REAL(signals, tolerance_gain, "tolerance_gain", 0.002, 0, 1,
	     "daily tolerance rise per unit of mean shortage where corruption is high"),
	REAL(signals, tolerance_corruption, "tolerance_corruption", 0.4, 0, 1,
	     "corruption above which tolerance rises with shortage"),
	REAL(signals, tolerance_decay, "tolerance_decay", 0.01, 0, 1,
	     "daily pull of smuggling tolerance back toward its scenario value"),
	REAL(signals, raider_gain, "raider_gain", 0.05, 0, 1,
	     "most raider influence rises above its scenario value at full raider presence"),
	REAL(signals, raider_loss, "raider_loss", 1.5, 0, 100,
	     "a raider shipment seized or lost counts as this many runs against presence"),
	REAL(signals, raider_decay, "raider_decay", 0.02, 0, 1,
	     "weight of today's raider runs in the presence average"),
	REAL(signals, raider_norm, "raider_norm", 4, 1e-9, 1e6,
	     "raider runs through a ward per day that count as full presence"),

	REAL(economy, levy_rate, "levy_rate", 0.05, 0, 1,
	     "share of each ward's buyer purse the treasury levies per day"),
	REAL(economy, corruption_leak, "corruption_leak", 0.05, 0, 1,
	     "share of the levy x the ward's corruption that leaks to the black market"),
	REAL(economy, enforcement_pay_rate, "enforcement_pay_rate", 0.02, 0, 1,
	     "share of the treasury paid to the wards per day, by enforcement points"),
	REAL(economy, ward_spend_rate, "ward_spend_rate", 0.05, 0, 1,
	     "share of a ward's account spent on its people (its buyers) per day"),
	REAL(economy, blackmarket_spend_rate, "blackmarket_spend_rate", 0.02, 0, 1,
	     "share of the black market spent in the wards per day, by corruption"),
	REAL(economy, auction_price, "auction_price", 0.5, 0, 2,
	     "seized cargo sells to the seizing ward's buyers for this x its value"),
	REAL(economy, diversion_weight, "diversion_weight", 1.0, 0, 10,
	     "seized cargo goes to the black market with chance this x corruption, else to auction"),

	INT(telemetry, window_days, "window_days", 30, 1, 365,
	    "days of the rolling TopK lists (routes, borders, factions)"),
};

#define N_KNOBS ((int)(sizeof knobs / sizeof knobs[0]))

const struct smug_knob *smug_knob_table(int *n)
{
	*n = N_KNOBS;
	return knobs;
}

const struct smug_knob *smug_knob_find(const char *key)
{
	for (int i = 0; i < N_KNOBS; i++)
		if (strcmp(knobs[i].key, key) == 0)
			return &knobs[i];
	return NULL;
}

const char *smug_knob_type_name(enum smug_knob_type t)
{
	switch (t) {
	case SMUG_KNOB_BOOL: return "bool";
	case SMUG_KNOB_INT: return "int";
	case SMUG_KNOB_REAL: return "real";
	case SMUG_KNOB_MONEY: return "credits";
	case SMUG_KNOB_TEXT: return "text";
	}
	return "?";
}

/* The shortest "%.*g" that reads back to exactly v. */
static void format_real(double v, char *buf, size_t size)
{
	for (int p = 6; p <= 17; p++) {
		snprintf(buf, size, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static void format_value(const struct smug_knob *k, const void *field, char *buf, size_t size)
{
	switch (k->type) {
	case SMUG_KNOB_BOOL: snprintf(buf, size, "%s", *(const bool *)field ? "true" : "false"); break;
	case SMUG_KNOB_INT: snprintf(buf, size, "%d", *(const int *)field); break;
	case SMUG_KNOB_REAL: format_real(*(const double *)field, buf, size); break;
	case SMUG_KNOB_MONEY: format_real(*(const double *)field / SMUG_MINOR_PER_CREDIT, buf, size); break;
	case SMUG_KNOB_TEXT: snprintf(buf, size, "%s", (const char *)field); break;
	}
}

void smug_knob_format(const struct smug_config *cfg, const struct smug_knob *k, char *buf, size_t size)
{
	format_value(k, (const char *)cfg + k->offset, buf, size);
}

void smug_knob_format_default(const struct smug_knob *k, char *buf, size_t size)
{
	struct smug_config c;

	smug_config_defaults(&c);
	smug_knob_format(&c, k, buf, size);
}

void smug_knob_format_range(const struct smug_knob *k, char *buf, size_t size)
{
	char lo[32], hi[32];

	format_real(k->lo, lo, sizeof lo);
	format_real(k->hi, hi, sizeof hi);
	switch (k->type) {
	case SMUG_KNOB_BOOL: snprintf(buf, size, "true|false"); break;
	case SMUG_KNOB_INT: /* whole digits, as --set takes them (not 1e+09) */
		snprintf(buf, size, "%.0f..%.0f", k->lo, k->hi);
		break;
	case SMUG_KNOB_REAL:
	case SMUG_KNOB_MONEY: snprintf(buf, size, "[%s,%s]", lo, hi); break;
	case SMUG_KNOB_TEXT: snprintf(buf, size, "up to %zu bytes", k->size - 1); break;
	}
}

/* How many decimal digits text starts with. */
static size_t digits_at(const char *text)
{
	return strspn(text, "0123456789");
}

/* The text is checked before strtod reads it: strtod would also take
 * " 0.2", "+0.2", "0x1p-3", "inf" and "nan", while "0.2 " was refused.
 * "-0" is 0: the same setting must give the same digest. */
bool smug_decimal_parse(const char *text, double *out)
{
	const char *p = text + (text[0] == '-');
	size_t whole = digits_at(p), fraction = 0;
	char *end;

	p += whole;
	if (*p == '.') {
		fraction = digits_at(p + 1);
		p += 1 + fraction;
	}
	if (whole + fraction == 0)
		return false;
	if (*p == 'e' || *p == 'E') {
		p += 1 + (p[1] == '+' || p[1] == '-');
		if (digits_at(p) == 0)
			return false;
		p += digits_at(p);
	}
	if (*p != '\0')
		return false;
	errno = 0;
	*out = strtod(text, &end);
	if (*out == 0)
		*out = 0;
	return *end == '\0' && errno == 0;
}

/* A whole number as a designer writes it: an optional minus and decimal
 * digits, nothing else (strtod would read "0x10" as 16 and "1e1" as 10). */
static bool decimal_integer(const char *text)
{
	const char *p = text + (text[0] == '-');

	if (*p == '\0')
		return false;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* The offset of the first control character in the UTF-8 text of n
 * bytes (C0 but the tab, DEL, or C1 as U+0080..U+009F), or n. A tab
 * breaks no line and has always been kept (test_journal sets one). */
static size_t control_at(const char *text, size_t n)
{
	const unsigned char *u = (const unsigned char *)text;

	for (size_t i = 0; i < n; i++)
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f ||
		    (u[i] == 0xc2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f))
			return i;
	return n;
}

bool knob_text_ok(const char *text, size_t n, char *why, size_t size)
{
	size_t bad;

	/* a seed is strict JSON: it would hold a text no load reads */
	if ((bad = json_utf8_bad(text, n)) < n) {
		snprintf(why, size, "not UTF-8 (byte 0x%02x at offset %zu)", (unsigned char)text[bad], bad);
		return false;
	}
	/* one line of printable text: a newline or an escape in it broke
	 * the lines of diff's and config's text output */
	if ((bad = control_at(text, n)) < n) {
		snprintf(why, size, "control character U+%04X at offset %zu; a text knob is printable text on one line",
			 (unsigned)(unsigned char)text[bad + ((unsigned char)text[bad] == 0xc2)], bad);
		return false;
	}
	return true;
}

enum smug_status smug_knob_parse(struct smug_config *cfg, const struct smug_knob *k, const char *text,
				 struct smug_error *err)
{
	void *field = (char *)cfg + k->offset;
	double v;

	switch (k->type) {
	case SMUG_KNOB_BOOL:
		if (strcmp(text, "true") != 0 && strcmp(text, "false") != 0)
			return smug_error_set(err, SMUG_ERR_ARG, "%s: expected true or false, got '%s'", k->key,
					      text);
		*(bool *)field = text[0] == 't';
		return SMUG_OK;
	case SMUG_KNOB_TEXT: {
		size_t n = strlen(text);
		char why[128];

		if (n >= k->size)
			return smug_error_set(err, SMUG_ERR_ARG, "%s: too long (at most %zu bytes)", k->key,
					      k->size - 1);
		if (!knob_text_ok(text, n, why, sizeof why))
			return smug_error_set(err, SMUG_ERR_ARG, "%s: %s", k->key, why);
		str_copy(field, k->size, text);
		return SMUG_OK;
	}
	default: break;
	}
	if ((k->type == SMUG_KNOB_INT && !decimal_integer(text)) || !smug_decimal_parse(text, &v) || v < k->lo ||
	    v > k->hi) {
		char a[32], b[32];

		return smug_error_set(err, SMUG_ERR_ARG, "%s: expected %s in [%s,%s], got '%s'", k->key,
				      k->type == SMUG_KNOB_INT ? "whole number" : "number", num_text(k->lo, a, sizeof a),
				      num_text(k->hi, b, sizeof b), text);
	}
	if (k->type == SMUG_KNOB_INT) {
		if (v != (double)(int)v)
			return smug_error_set(err, SMUG_ERR_ARG, "%s: expected whole number, got '%s'", k->key,
					      text);
		*(int *)field = (int)v;
	} else if (k->type == SMUG_KNOB_MONEY) {
		*(double *)field = v * SMUG_MINOR_PER_CREDIT;
	} else {
		*(double *)field = v;
	}
	return SMUG_OK;
}

void smug_config_defaults(struct smug_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	for (int i = 0; i < N_KNOBS; i++) {
		const struct smug_knob *k = &knobs[i];
		void *field = (char *)cfg + k->offset;

		switch (k->type) {
		case SMUG_KNOB_BOOL: *(bool *)field = k->def != 0; break;
		case SMUG_KNOB_INT: *(int *)field = (int)k->def; break;
		case SMUG_KNOB_REAL: *(double *)field = k->def; break;
		case SMUG_KNOB_MONEY: *(double *)field = k->def * SMUG_MINOR_PER_CREDIT; break;
		case SMUG_KNOB_TEXT: str_copy(field, k->size, k->def_text); break;
		}
	}
}

/* The knob a mistyped key most likely meant: the nearest key (str_near),
 * a key's name without its section counting as that key ("route_topk"
 * for smuggling.route_topk); NULL when none is near. */
static const struct smug_knob *knob_nearest(const char *key)
{
	const struct smug_knob *near = NULL;
	int best = STR_FAR;

	for (int i = 0; i < N_KNOBS; i++) {
		const char *name = strchr(knobs[i].key, '.');
		int d = str_distance(key, knobs[i].key), e;

		if (strchr(key, '.') == NULL && name && (e = str_distance(key, name + 1)) < d)
			d = e;
		if (d < best) {
			best = d;
			near = &knobs[i];
		}
	}
	return near && str_near(key, best) ? near : NULL;
}

enum smug_status smug_config_set(struct smug_world *w, const char *key, const char *value,
				 struct smug_error *err)
{
	const struct smug_knob *k = smug_knob_find(key);
	struct smug_config c = w->cfg;
	double old_fraction = w->cfg.smuggling.bribe_budget_fraction;
	struct smug_cmd cmd = {.kind = SMUG_CMD_SET};
	enum smug_status st;

	if (k == NULL) {
		const struct smug_knob *near = knob_nearest(key);

		if (near)
			return smug_error_set(err, SMUG_ERR_NOT_FOUND,
					      "%s: no such knob; did you mean %s? (smugnet config lists them)", key,
					      near->key);
		return smug_error_set(err, SMUG_ERR_NOT_FOUND, "%s: no such knob (smugnet config lists them)",
				      key);
	}
	if ((st = smug_knob_parse(&c, k, value, err)) != SMUG_OK)
		return st;
	w->cfg = c;
	/* what depends on the knobs follows them */
	world_refresh_capacity(w);
	for (int f = 0; f < w->n_factions; f++)
		if (w->factions[f].net.bribe_budget_fraction == old_fraction)
			w->factions[f].net.bribe_budget_fraction = c.smuggling.bribe_budget_fraction;
	str_copy(cmd.target, sizeof cmd.target, key);
	smug_knob_format(&w->cfg, k, cmd.value, sizeof cmd.value);
	journal_cmd(w, &cmd);
	return SMUG_OK;
}
