/* Strict JSON text, shared by every JSON loader (scenario, manifest,
 * snapshot, journal lines): before cJSON sees the bytes, a pre-pass
 * refuses what cJSON would let through: NUL bytes, invalid UTF-8 (RFC
 * 3629: no overlong forms, no surrogates, nothing past U+10FFFF), white
 * space other than space, tab, LF and CR between tokens, control
 * characters (U+0000..U+001F) inside strings, escapes other than
 * \" \\ \/ \b \f \n \r \t and \u with four hex digits, a \u0000 escape
 * (it would cut a string short), numbers outside RFC 8259's grammar
 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? (cJSON reads 01, -01,
 * 1. and -.5) and nesting deeper than JSON_DEPTH_MAX; then the whole
 * text must be one JSON value with only white space after it (cJSON
 * checks the order of the tokens). Every problem is reported as
 * "file: line L byte B (offset O): reason". After parsing, no object may
 * hold a key twice: "file: json.path: duplicate key 'K'". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

#include "json.h"

/* "line L byte B (offset O)": line and byte within the line count from
 * 1, the offset from the start of the text counts from 0. */
static void position(const char *text, size_t off, char *buf, size_t size)
{
	int line = 1;
	size_t bol = 0;
	const char *nl;

	while (bol < off && (nl = memchr(text + bol, '\n', off - bol)) != NULL) {
		line++;
		bol = (size_t)(nl - text) + 1;
	}
	snprintf(buf, size, "line %d byte %zu (offset %zu)", line, off - bol + 1, off);
}

static enum smug_status text_error(const char *text, size_t off, const char *file, struct smug_error *err,
				   const char *reason)
{
	char pos[80];

	position(text, off, pos, sizeof pos);
	return smug_error_set(err, SMUG_ERR_PARSE, "%s: %s: %s", file, pos, reason);
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf; /* range of the second byte */

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0)
			lo = 0xa0; /* no overlong forms */
		else if (c == 0xed)
			hi = 0x9f; /* no UTF-16 surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f; /* nothing past U+10FFFF */
	} else {
		return 0;
	}
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return need;
}

/* Bytes the pre-pass must look at: bit 0 outside strings (NUL, control
 * characters but tab, LF and CR, quote, brackets, braces, the minus sign
 * and digits that start a number, bytes past ASCII), bit 1 inside
 * strings (NUL, every control character, quote, backslash, bytes past
 * ASCII). Everything else is skipped eight bytes at a time. */
#define PAST_ASCII_16 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3
static const unsigned char special[256] = {
	['\0'] = 3, 3, 3, 3, 3, 3, 3, 3, 3,	/* U+0001..U+0008 */
	['\t'] = 2, ['\n'] = 2, [0x0b] = 3, 3, ['\r'] = 2,
	[0x0e] = 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* ..U+001F */
	['"'] = 3, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1, ['\\'] = 2,
	['-'] = 1, ['0'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x80] = PAST_ASCII_16, PAST_ASCII_16, PAST_ASCII_16, PAST_ASCII_16,
	PAST_ASCII_16, PAST_ASCII_16, PAST_ASCII_16, PAST_ASCII_16,
};
#undef PAST_ASCII_16

/* The offset of the first byte from i on whose class has a bit of
 * `mask`, or len. */
size_t json_utf8_bad(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n && (k = utf8_len(u + i, n - i)) != 0)
		i += k;
	return i;
}

static size_t skip_plain(const unsigned char *s, size_t i, size_t len, unsigned mask)
{
	while (len - i >= 8) {
		unsigned a = special[s[i]] | special[s[i + 1]] | special[s[i + 2]] | special[s[i + 3]] |
			     special[s[i + 4]] | special[s[i + 5]] | special[s[i + 6]] | special[s[i + 7]];

		if (a & mask)
			break;
		i += 8;
	}
	while (i < len && !(special[s[i]] & mask))
		i++;
	return i;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The number at s[*at] (a minus sign or a digit) in RFC 8259's grammar,
 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?: NULL with *at just past
 * it, or the reason with *at on the byte that breaks the grammar (the
 * leading zero, or where a digit was due: the text's end, if there). */
static const char *number_scan(const unsigned char *s, size_t *at, size_t len)
{
	size_t i = *at;
	const char *why = NULL;

	if (s[i] == '-' && (++i == len || !is_digit(s[i]))) {
		why = "expected a digit after the minus sign";
		goto out;
	}
	if (s[i] == '0') {
		if (++i < len && is_digit(s[i])) {
			i--;
			why = "leading zero in a number";
			goto out;
		}
	} else {
		while (++i < len && is_digit(s[i]))
			;
	}
	if (i < len && s[i] == '.') {
		if (++i == len || !is_digit(s[i])) {
			why = "expected a digit after the decimal point";
			goto out;
		}
		while (++i < len && is_digit(s[i]))
			;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == len || !is_digit(s[i])) {
			why = "expected a digit in the exponent";
			goto out;
		}
		while (++i < len && is_digit(s[i]))
			;
	}
out:
	*at = i;
	return why;
}

/* The escape at s[*at] (a backslash inside a string): NULL with *at just
 * past it, or the reason (written to reason[] when it names a byte) with
 * *at on the backslash (on a NUL byte after it: "NUL byte" wherever it
 * is). A text that ends inside the escape ends an unterminated string,
 * which cJSON refuses. */
static const char *escape_scan(const unsigned char *s, size_t *at, size_t len, char *reason, size_t size)
{
	size_t i = *at;

	if (i + 1 == len) {
		*at = len;
		return NULL;
	}
	switch (s[i + 1]) {
	case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
		*at = i + 2;
		return NULL;
	case 'u':
		break;
	case 0:
		*at = i + 1;
		return "NUL byte";
	default:
		if (s[i + 1] > 0x20 && s[i + 1] < 0x7f)
			snprintf(reason, size, "invalid escape '\\%c' in a string", s[i + 1]);
		else
			snprintf(reason, size, "invalid escape in a string (byte 0x%02x after a backslash)", s[i + 1]);
		return reason;
	}
	for (size_t k = i + 2; k < i + 6; k++) {
		if (k == len) {
			*at = len;
			return NULL;
		}
		if (!is_hex(s[k]))
			return "expected four hex digits after \\u in a string";
	}
	if (memcmp(s + i + 2, "0000", 4) == 0)
		return "\\u0000 in a string";
	*at = i + 6;
	return NULL;
}

enum smug_status json_text_check(const char *text, size_t len, const char *file, struct smug_error *err)
{
	const unsigned char *s = (const unsigned char *)text;
	bool in_string = false;
	int depth = 0;
	char reason[80];
	const char *why;

	for (size_t i = 0; (i = skip_plain(s, i, len, in_string ? 2u : 1u)) < len;) {
		unsigned char c = s[i];
		size_t k;

		if (c == 0)
			return text_error(text, i, file, err, "NUL byte");
		if (c >= 0x80) {
			if ((k = utf8_len(s + i, len - i)) == 0) {
				snprintf(reason, sizeof reason, "invalid UTF-8 (byte 0x%02x)", c);
				return text_error(text, i, file, err, reason);
			}
			i += k;
			continue;
		}
		if (in_string) {
			if (c < 0x20) {
				snprintf(reason, sizeof reason, "control character U+%04X in a string", c);
				return text_error(text, i, file, err, reason);
			}
			if (c == '"') {
				in_string = false;
			} else if (c == '\\') {
				k = i;
				if ((why = escape_scan(s, &k, len, reason, sizeof reason)) != NULL)
					return text_error(text, k, file, err, why);
				i = k;
				continue;
			}
		} else if (c < 0x20) {
			snprintf(reason, sizeof reason, "U+%04X is not JSON white space", c);
			return text_error(text, i, file, err, reason);
		} else if (c == '-' || is_digit(c)) {
			k = i;
			if ((why = number_scan(s, &k, len)) != NULL)
				return text_error(text, k, file, err, why);
			i = k;
			continue;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '[' || c == '{') {
			if (++depth > JSON_DEPTH_MAX) {
				snprintf(reason, sizeof reason, "nesting deeper than %d", JSON_DEPTH_MAX);
				return text_error(text, i, file, err, reason);
			}
		} else if (c == ']' || c == '}') {
			depth--;
		}
		i++;
	}
	return SMUG_OK;
}

enum smug_status smug_json_check(const char *text, size_t len, const char *file, struct smug_error *err)
{
	return json_text_check(text, len, file, err);
}

static bool json_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* ---- duplicate keys ----
 * cJSON keeps every member of an object, duplicates too, and its look-ups
 * take the first: a text whose second "day" says otherwise would be read
 * as the first says, and json_value_hash would hash both. One walk over
 * the tree after parsing refuses them. An object of up to DUP_FEW members
 * compares each key with those before it; a larger one sorts its keys
 * (n log n: a snapshot's objects have under 20 members, a hostile one
 * may have millions). */
#define DUP_FEW 16

struct keyed {
	const char *key;
	size_t at; /* the member's place in its object */
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The place of the first member of object o, of n, whose key an earlier
 * member has, or n. */
static size_t first_repeat(const cJSON *o, size_t n)
{
	size_t first = n, i = 0;
	struct keyed *m;

	if (n <= DUP_FEW) {
		for (const cJSON *k = o->child; k; k = k->next, i++)
			for (const cJSON *j = o->child; j != k; j = j->next)
				if (strcmp(j->string, k->string) == 0)
					return i;
		return n;
	}
	m = xmalloc(n * sizeof *m);
	for (const cJSON *k = o->child; k; k = k->next, i++)
		m[i] = (struct keyed){k->string, i};
	qsort(m, n, sizeof *m, keyed_cmp);
	/* in a run of equal keys, sorted by place, the second is the first
	 * repeat of that key */
	for (i = 1; i < n; i++)
		if (strcmp(m[i - 1].key, m[i].key) == 0 && (i < 2 || strcmp(m[i - 2].key, m[i].key) != 0) &&
		    m[i].at < first)
			first = m[i].at;
	free(m);
	return first;
}

/* The first duplicated member in text order within v (nesting at most
 * JSON_DEPTH_MAX, so the recursion is bounded), or NULL; chain[0..*depth)
 * holds the containers from v down to it. */
static const cJSON *dup_find(const cJSON *v, const cJSON **chain, int *depth)
{
	size_t n = 0, rep, i = 0;

	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return NULL;
	chain[(*depth)++] = v;
	for (const cJSON *k = v->child; k; k = k->next)
		n++;
	rep = cJSON_IsObject(v) ? first_repeat(v, n) : n;
	/* the members before the repeat come first in the text */
	for (const cJSON *k = v->child; k; k = k->next, i++) {
		const cJSON *d;

		if (i == rep)
			return k;
		if ((d = dup_find(k, chain, depth)) != NULL)
			return d;
	}
	(*depth)--;
	return NULL;
}

/* "file: json.path: duplicate key 'K'" for the first duplicated key in
 * root (the path as the loaders write it: "wards[1].name", the key at
 * the end), SMUG_ERR_PARSE; SMUG_OK if there is none. */
enum smug_status smug_json_dup_check(const cJSON *root, const char *file, struct smug_error *err)
{
	const cJSON *chain[JSON_DEPTH_MAX + 2], *d;
	int depth = 0;
	char path[256];
	size_t at = 0;

	if ((d = dup_find(root, chain, &depth)) == NULL)
		return SMUG_OK;
	path[0] = '\0';
	for (int i = 0; i < depth; i++) {
		const cJSON *below = i + 1 < depth ? chain[i + 1] : d;
		int w;

		if (cJSON_IsArray(chain[i])) {
			int k = 0;

			for (const cJSON *e = chain[i]->child; e != below; e = e->next)
				k++;
			w = snprintf(path + at, sizeof path - at, "[%d]", k);
		} else {
			w = snprintf(path + at, sizeof path - at, "%s%s", at ? "." : "", below->string);
		}
		if (w < 0 || (size_t)w >= sizeof path - at)
			break; /* truncated */
		at += (size_t)w;
	}
	return smug_error_set(err, SMUG_ERR_PARSE, "%s: %s: duplicate key '%s'", file, path, d->string);
}

enum smug_status json_parse_span(const char *text, size_t len, const char *where, cJSON **root,
				 struct smug_error *err)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(text, len, &end, false);
	enum smug_status st;

	while (j && end < text + len && json_space(*end))
		end++;
	if (j == NULL || end != text + len) {
		cJSON_Delete(j);
		return smug_error_set(err, SMUG_ERR_PARSE, "%s: malformed JSON", where);
	}
	if ((st = smug_json_dup_check(j, where, err)) != SMUG_OK) {
		cJSON_Delete(j);
		return st;
	}
	*root = j;
	return SMUG_OK;
}

enum smug_status json_parse(const char *text, size_t len, const char *file, cJSON **root,
			    struct smug_error *err)
{
	const char *end = text;
	enum smug_status st;
	cJSON *j;

	if ((st = json_text_check(text, len, file, err)) != SMUG_OK)
		return st;
	j = cJSON_ParseWithLengthOpts(text, len, &end, false);
	/* cJSON points at the byte where it gave up, inside the text: the
	 * last one when the text ends early, the first of an empty text */
	if (j == NULL)
		return text_error(text, (size_t)(end - text), file, err, "malformed JSON");
	while (end < text + len && json_space(*end))
		end++;
	if (end < text + len) {
		cJSON_Delete(j);
		return text_error(text, (size_t)(end - text), file, err, "trailing data after JSON");
	}
	if ((st = smug_json_dup_check(j, file, err)) != SMUG_OK) {
		cJSON_Delete(j);
		return st;
	}
	*root = j;
	return SMUG_OK;
}

/* ---- the canonical hash ---- */

/* The canonical form goes through a buffer, so that XXH3 sees it in
 * blocks rather than a call for every tag and number. */
struct canon {
	XXH3_state_t st;
	size_t at;
	unsigned char buf[4096];
};

static void canon_put(struct canon *c, const void *p, size_t n)
{
	if (c->at + n > sizeof c->buf) {
		XXH3_64bits_update(&c->st, c->buf, c->at);
		c->at = 0;
		if (n > sizeof c->buf) {
			XXH3_64bits_update(&c->st, p, n);
			return;
		}
	}
	memcpy(c->buf + c->at, p, n);
	c->at += n;
}

static void canon_tag(struct canon *c, char tag, uint64_t n)
{
	unsigned char b[9];

	b[0] = (unsigned char)tag;
	put_le64(b + 1, n);
	canon_put(c, b, sizeof b);
}

static void canon_str(struct canon *c, char tag, const char *s)
{
	size_t n = strlen(s);

	canon_tag(c, tag, n);
	canon_put(c, s, n);
}

/* An object's members by key, insertion sort: objects are small. */
static void members_sort(const cJSON **m, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const cJSON *x = m[i];
		size_t j = i;

		for (; j > 0 && strcmp(m[j - 1]->string, x->string) > 0; j--)
			m[j] = m[j - 1];
		m[j] = x;
	}
}

static void canon_value(struct canon *c, const cJSON *v)
{
	const cJSON *k;
	size_t n = 0;

	if (cJSON_IsObject(v)) {
		const cJSON *few[32], **m;

		for (k = v->child; k; k = k->next)
			n++;
		m = n <= sizeof few / sizeof few[0] ? few : xmalloc(n * sizeof *m);
		n = 0;
		for (k = v->child; k; k = k->next)
			m[n++] = k;
		members_sort(m, n);
		canon_tag(c, '{', n);
		for (size_t i = 0; i < n; i++) {
			canon_str(c, 'k', m[i]->string);
			canon_value(c, m[i]);
		}
		if (m != few)
			free(m);
	} else if (cJSON_IsArray(v)) {
		for (k = v->child; k; k = k->next)
			n++;
		canon_tag(c, '[', n);
		for (k = v->child; k; k = k->next)
			canon_value(c, k);
	} else if (cJSON_IsNumber(v)) {
		double d = v->valuedouble == 0 ? 0.0 : v->valuedouble; /* -0 as 0 */
		uint64_t bits;

		memcpy(&bits, &d, sizeof bits);
		canon_tag(c, '#', bits);
	} else if (cJSON_IsString(v)) {
		canon_str(c, '"', v->valuestring);
	} else {
		canon_tag(c, cJSON_IsTrue(v) ? 't' : cJSON_IsFalse(v) ? 'f' : 'z', 0);
	}
}

uint64_t json_value_hash(const cJSON *v)
{
	struct canon c; /* on the stack: XXH3_state_t wants 64-byte alignment */

	XXH3_64bits_reset(&c.st);
	c.at = 0;
	canon_value(&c, v);
	XXH3_64bits_update(&c.st, c.buf, c.at);
	return XXH3_64bits_digest(&c.st);
}

void json_add_u64(cJSON *o, const char *key, uint64_t v)
{
	char digits[24];

	snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
	cJSON_AddRawToObject(o, key, digits);
}
