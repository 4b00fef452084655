/* Strict JSON text for every loader of the core (not public API). */
#ifndef SMUGNET_JSON_H
#define SMUGNET_JSON_H

#include <cjson/cJSON.h>

#include "core.h"

#define JSON_DEPTH_MAX 64 /* deepest nesting of arrays and objects accepted */

/* The pre-pass alone: no NUL byte, valid UTF-8, RFC 8259's lexical rules
 * (white space only space, tab, LF, CR; no control character unescaped
 * in a string; only valid escapes; numbers in JSON's grammar), no \u0000
 * escape, nesting at most JSON_DEPTH_MAX. The order of tokens is cJSON's
 * to check. SMUG_ERR_PARSE with "file: line L byte B
 * (offset O): reason". */
enum smug_status json_text_check(const char *text, size_t len, const char *file,
				 struct smug_error *err);
/* Offset of the first byte of s[0..n) that does not begin a valid UTF-8
 * sequence as json_text_check reads them (no overlong form, no
 * surrogate, nothing past U+10FFFF), or n when all of it is valid: a
 * text the core writes into a seed must read back. */
size_t json_utf8_bad(const char *s, size_t n);
/* json_text_check, then the whole text as one JSON value (whitespace may
 * follow) with no key twice in any object (cJSON keeps both members and
 * its look-ups take the first): SMUG_ERR_PARSE with "file: json.path:
 * duplicate key 'K'" for the first in the text. On success *root is the
 * caller's to cJSON_Delete; on failure it is untouched. */
enum smug_status json_parse(const char *text, size_t len, const char *file, cJSON **root,
			    struct smug_error *err);

/* One JSON value filling text[0..len) but for white space, with no key
 * twice in any object, for texts json_text_check has already passed (a
 * line of a JSON Lines file whose whole text was checked). where names
 * the text in messages ("file: line N"): SMUG_ERR_PARSE with "where:
 * malformed JSON" or "where: json.path: duplicate key 'K'". On success
 * *root is the caller's to cJSON_Delete; on failure it is untouched. */
enum smug_status json_parse_span(const char *text, size_t len, const char *where, cJSON **root,
				 struct smug_error *err);

/* XXH3 of a parsed value's canonical form, so that texts holding the same
 * value hash alike whatever their layout: object members in byte order of
 * their keys (json_parse and json_parse_span refuse duplicate keys), numbers by the double
 * they parse to (-0 as 0: 1, 1.0 and 1e0 are one number), strings by their
 * bytes, each value tagged with its type and each string and container
 * with its length. Pretty-printing, re-ordering an object's members or
 * re-spelling a number leaves it unchanged; changing any value does not.
 * Nesting is at most JSON_DEPTH_MAX (json_parse's pre-pass). */
uint64_t json_value_hash(const cJSON *v);

/* o[key] = v in whole digits (a seed): cJSON prints a number as a
 * double with 15 significant digits, which rounds one past 10^15. */
void json_add_u64(cJSON *o, const char *key, uint64_t v);

#endif
