/* The configuration knobs, described once: key path, type, default, range
 * and meaning. The scenario loader validates "config" against this table,
 * the snapshot saves it, `smugnet run --set` and the cockpit's config view
 * change knobs through smug_config_set, and smugnet-scenario(5)'s table is
 * checked against it by a test. */
#ifndef SMUGNET_KNOBS_H
#define SMUGNET_KNOBS_H

#include <stddef.h>

#include "smugnet/status.h"
#include "smugnet/types.h"

struct smug_world;

enum smug_knob_type {
	SMUG_KNOB_BOOL,	 /* true / false */
	SMUG_KNOB_INT,	 /* whole number */
	SMUG_KNOB_REAL,	 /* number */
	SMUG_KNOB_MONEY, /* credits in scenarios and --set; minor units inside */
	SMUG_KNOB_TEXT,	 /* string */
};

struct smug_knob {
	const char *key;	  /* "smuggling.learning_rate": the path under "config" */
	enum smug_knob_type type;
	size_t offset, size;	  /* of the field inside struct smug_config */
	double def, lo, hi;	  /* default and inclusive range (MONEY: credits) */
	const char *def_text;	  /* TEXT: the default */
	const char *meaning;	  /* one line, for the man page and the config view */
};

/* The table, in the canonical order (sections smuggling, customs,
 * crackdown, signals). */
const struct smug_knob *smug_knob_table(int *n);
/* The knob of a key path, or NULL. */
const struct smug_knob *smug_knob_find(const char *key);
/* Name of a type: "bool", "int", "real", "credits", "text". */
const char *smug_knob_type_name(enum smug_knob_type t);
/* The knob's value in cfg as text: "true", "12", "0.15", "100.00" (credits),
 * "smuggling-v1". Reals print in the shortest form that reads back exactly. */
void smug_knob_format(const struct smug_config *cfg, const struct smug_knob *k, char *buf,
		      size_t size);
/* Its default as text, formatted the same way. */
void smug_knob_format_default(const struct smug_knob *k, char *buf, size_t size);
/* Its range as text: "[0,1]", "0..64", "true|false", "up to 39 bytes". */
void smug_knob_format_range(const struct smug_knob *k, char *buf, size_t size);
/* A decimal number, the whole text: an optional minus, digits with at
 * most one point, an optional exponent (e or E, an optional sign,
 * digits); no space, '+', hexadecimal, inf or nan. "-0" reads as 0.
 * False on any other text or when the value overflows. Real and credits
 * knobs and a crackdown's intensity are read by it. */
bool smug_decimal_parse(const char *text, double *out);
/* Parse text into cfg after checking type and range. On failure cfg is
 * untouched and err says "KEY: expected number in [lo,hi], got TEXT". */
enum smug_status smug_knob_parse(struct smug_config *cfg, const struct smug_knob *k,
				 const char *text, struct smug_error *err);
/* Every knob at its default. */
void smug_config_defaults(struct smug_config *cfg);

/* The command: set knob `key` of w to `value` (text as for
 * smug_knob_parse). It takes effect from the next simulated day and is
 * recorded in the journal. SMUG_ERR_NOT_FOUND for an unknown key,
 * SMUG_ERR_ARG for a bad value; the world is unchanged on failure. */
enum smug_status smug_config_set(struct smug_world *w, const char *key, const char *value,
				 struct smug_error *err);

#endif
