/* The visitor: runs the one description of the state (state.c) in every
 * direction. JSON: members in a fixed order, doubles with 17 significant
 * digits so they read back bit-exactly, every field checked for type and
 * range on reading ("file: json.path: reason"). Digest: each leaf as a
 * little-endian int64 (doubles by their bit pattern, strings as length
 * and bytes) into XXH3, once for the whole state and once for its group.
 * Pack: the same leaves as zigzag varints, raw doubles and counted
 * strings. Leaves and find: every leaf's 64-bit value, and the path of
 * leaf k, for the field-by-field compare. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>
#ifdef SMUG_XXH_DISPATCH
/* the library's XXH3 with the widest vectors this CPU has, chosen once
 * (configure found xxh_x86dispatch.h): the same hash as XXH3_64bits_update */
#define XXH_DISPATCH_DISABLE_REPLACE
#include <xxh_x86dispatch.h>
#define digest_update XXH3_64bits_update_dispatch
#else
#define digest_update XXH3_64bits_update
#endif

#include "state.h"

struct sv_hash {
	XXH3_state_t all, grp;
};

/* ---- paths and failures ---- */

static bool track_path(const struct sv *s)
{
	return (s->mode == SV_READ && !s->text) || s->mode == SV_FIND;
}

static void join(char *out, size_t size, const char *path, const char *key)
{
	int k = snprintf(out, size, "%s", path);

	if (key && k >= 0 && (size_t)k < size)
		snprintf(out + k, size - (size_t)k, "%s%s", *path && key[0] != '[' ? "." : "", key);
}

bool sv_fail(struct sv *s, const char *key, const char *fmt, ...)
{
	char reason[256], where[SV_PATH + 80];
	va_list ap;

	if (s->failed)
		return false;
	s->failed = true;
	if (s->mode != SV_READ && s->mode != SV_UNPACK)
		return false;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	join(where, sizeof where, s->path, key);
	s->st = smug_error_set(s->err, SMUG_ERR_SCHEMA, "%s: %s: %s", s->file ? s->file : "state", where,
			       reason);
	return false;
}

static void push(struct sv *s, const char *key, int index)
{
	if (track_path(s)) {
		size_t n = strlen(s->path);

		s->plen[s->depth] = n;
		if (key)
			snprintf(s->path + n, SV_PATH - n, "%s%s", n ? "." : "", key);
		else
			snprintf(s->path + n, SV_PATH - n, "[%d]", index);
	}
	s->next[s->depth + 1] = 0;
	s->cur[s->depth + 1] = NULL;
	s->depth++;
}

static void pop(struct sv *s)
{
	s->depth--;
	if (track_path(s))
		s->path[s->plen[s->depth]] = '\0';
}

/* The key of a leaf for messages: its member name, or "[i]" in a list. */
static const char *leaf_key(const struct sv *s, const char *key, char *buf, size_t size)
{
	if (key)
		return key;
	snprintf(buf, size, "[%d]", s->next[s->depth] - 1);
	return buf;
}

/* ---- JSON ---- */

static cJSON *top(struct sv *s)
{
	return s->stack[s->depth];
}

static cJSON *item(struct sv *s, int i)
{
	int d = s->depth;
	cJSON *c;

	if (s->cur[d] != NULL && s->cur_i[d] == i - 1)
		c = ((cJSON *)s->cur[d])->next;
	else
		c = cJSON_GetArrayItem(top(s), i);
	s->cur[d] = c;
	s->cur_i[d] = i;
	return c;
}

/* ---- canonical JSON read where it lies (SV_READ with s->text) ----
 * snapshot.json as the walk writes it: members in the walk's order, no
 * white space, strings without escapes, numbers in JSON's own form. The
 * first thing that differs (a member out of order or unknown, a space, an
 * escape, a value the checks refuse) ends the walk, and the loader reads
 * the text again as a tree, which takes any order and names the problem;
 * so what this read takes, the tree read takes with the same values. */
static bool t_off(struct sv *s)
{
	s->failed = true;
	s->st = SMUG_ERR_SCHEMA;
	return false;
}

static bool t_lit(struct sv *s, const char *lit, size_t n)
{
	if ((size_t)(s->tend - s->tp) < n || memcmp(s->tp, lit, n) != 0)
		return t_off(s);
	s->tp += n;
	return true;
}

/* The bytes that start member key if it comes next in the current
 * object (the comma after the first member, the quoted name, the
 * colon), or 0 when another member or the object's end comes. */
static size_t t_key_at(const struct sv *s, const char *key)
{
	const char *p = s->tp;
	size_t n = strlen(key);
	bool comma = s->wmore[s->depth];

	if (comma && (p >= s->tend || *p++ != ','))
		return 0;
	if ((size_t)(s->tend - p) < n + 3 || p[0] != '"' || memcmp(p + 1, key, n) != 0 || p[n + 1] != '"' ||
	    p[n + 2] != ':')
		return 0;
	return comma + n + 3;
}

/* The start of a member (its name) or of an element, after a comma but
 * for the first. */
static bool t_member(struct sv *s, const char *key)
{
	if (key) {
		size_t n = t_key_at(s, key);

		if (n == 0)
			return t_off(s);
		s->tp += n;
	} else if (s->wmore[s->depth] && !t_lit(s, ",", 1)) {
		return false;
	}
	s->wmore[s->depth] = true;
	return true;
}

/* A number in JSON's grammar, -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?, as
 * strtod reads it (cJSON's value for the same text). */
static bool t_number(struct sv *s, double *out)
{
	const char *p = s->tp, *e = s->tend;
	char buf[64], *end;
	size_t n;

	if (p < e && *p == '-')
		p++;
	if (p < e && *p == '0')
		p++;
	else if (p < e && *p >= '1' && *p <= '9')
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	else
		return t_off(s);
	if (p < e && *p == '.') {
		if (++p >= e || *p < '0' || *p > '9')
			return t_off(s);
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		if (++p < e && (*p == '+' || *p == '-'))
			p++;
		if (p >= e || *p < '0' || *p > '9')
			return t_off(s);
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	n = (size_t)(p - s->tp);
	if (n >= sizeof buf)
		return t_off(s);
	memcpy(buf, s->tp, n);
	buf[n] = '\0';
	*out = strtod(buf, &end);
	if (end != buf + n)
		return t_off(s);
	s->tp = p;
	return true;
}

/* A string without escapes: its bytes stay in the text. */
static bool t_string(struct sv *s, const char **str, size_t *len)
{
	const char *q;

	if (s->tp >= s->tend || *s->tp != '"')
		return t_off(s);
	for (q = s->tp + 1; q < s->tend && *q != '"' && *q != '\\'; q++)
		;
	if (q >= s->tend || *q != '"')
		return t_off(s);
	*str = s->tp + 1;
	*len = (size_t)(q - *str);
	s->tp = q + 1;
	return true;
}

/* The elements of the array just entered: commas outside any inner
 * string, array or object, plus one (the walk checks each as it reads
 * it); -1 when the text ends first. */
static int t_count(const struct sv *s)
{
	int depth = 0, n = 1;

	if (s->tp < s->tend && *s->tp == ']')
		return 0;
	for (const char *p = s->tp; p < s->tend; p++) {
		switch (*p) {
		case '"':
			for (p++; p < s->tend && *p != '"'; p++)
				if (*p == '\\')
					p++;
			break;
		case '[':
		case '{': depth++; break;
		case ']':
		case '}':
			if (depth-- == 0)
				return n;
			break;
		case ',': n += depth == 0; break;
		default: break;
		}
	}
	return -1;
}

/* The JSON value of a leaf being read: a member, or the next element. */
static const cJSON *read_leaf(struct sv *s, const char *key)
{
	const cJSON *j;

	if (key) {
		j = cJSON_GetObjectItemCaseSensitive(top(s), key);
		if (j == NULL)
			sv_fail(s, key, "missing");
		return j;
	}
	j = item(s, s->next[s->depth]++);
	if (j == NULL)
		sv_fail(s, NULL, "[%d]: missing", s->next[s->depth] - 1);
	return j;
}

/* ---- canonical JSON written as text (SV_WRITE) ----
 * The bytes cJSON_PrintUnformatted made of the tree this direction once
 * built: members in the order walked, no spaces, numbers as their raw
 * text, strings escaped as cJSON escapes them; the text grows in s->buf
 * (a snapshot's events alone are tens of MB as a tree). */
static void w_raw(struct sv *s, const char *t, size_t n)
{
	memcpy(sv_pack_room(s, n), t, n);
	s->len += n;
}

/* cJSON's escaping: quote, backslash and the controls \b \f \n \r \t by
 * a letter, any other byte under 32 as \u00xx, the rest as they are. */
static void w_string(struct sv *s, const char *v)
{
	const unsigned char *p = (const unsigned char *)v;

	w_raw(s, "\"", 1);
	for (;;) {
		size_t n = 0;
		char esc[8];

		while (p[n] > 31 && p[n] != '"' && p[n] != '\\')
			n++;
		w_raw(s, (const char *)p, n);
		p += n;
		if (*p == '\0')
			break;
		switch (*p) {
		case '"': w_raw(s, "\\\"", 2); break;
		case '\\': w_raw(s, "\\\\", 2); break;
		case '\b': w_raw(s, "\\b", 2); break;
		case '\f': w_raw(s, "\\f", 2); break;
		case '\n': w_raw(s, "\\n", 2); break;
		case '\r': w_raw(s, "\\r", 2); break;
		case '\t': w_raw(s, "\\t", 2); break;
		default: w_raw(s, esc, (size_t)snprintf(esc, sizeof esc, "\\u%04x", *p)); break;
		}
		p++;
	}
	w_raw(s, "\"", 1);
}

/* What goes before a value in the current object or array: a comma
 * unless it is the first, and the member's name. */
static void w_member(struct sv *s, const char *key)
{
	if (s->wmore[s->depth])
		w_raw(s, ",", 1);
	s->wmore[s->depth] = true;
	if (key) {
		w_string(s, key);
		w_raw(s, ":", 1);
	} else {
		s->next[s->depth]++;
	}
}

static void write_leaf(struct sv *s, const char *key, const char *text)
{
	w_member(s, key);
	w_raw(s, text, strlen(text));
}

static double read_num(struct sv *s, const char *key, double lo, double hi)
{
	const cJSON *j;
	char kb[24], a[32], b[32], v[32];

	if (s->text) {
		double d;

		if (!t_member(s, key) || !t_number(s, &d))
			return lo;
		if (!isfinite(d) || d < lo || d > hi) {
			t_off(s); /* the tree reads it again and names it */
			return lo; /* not d: a caller converts it to an integer */
		}
		return d;
	}
	if ((j = read_leaf(s, key)) == NULL)
		return lo;
	key = leaf_key(s, key, kb, sizeof kb);
	if (!cJSON_IsNumber(j)) {
		sv_fail(s, key, "expected number in [%s,%s]", num_text(lo, a, sizeof a), num_text(hi, b, sizeof b));
		return lo;
	}
	if (!isfinite(j->valuedouble) || j->valuedouble < lo || j->valuedouble > hi) {
		sv_fail(s, key, "expected number in [%s,%s], got %s", num_text(lo, a, sizeof a),
			num_text(hi, b, sizeof b), num_text(j->valuedouble, v, sizeof v));
		return lo;
	}
	return j->valuedouble;
}

static double read_whole(struct sv *s, const char *key, double lo, double hi)
{
	double d;
	char kb[24], t[32];

	if (hi > SV_INT_LIMIT)
		hi = SV_INT_LIMIT;
	if (lo < -SV_INT_LIMIT)
		lo = -SV_INT_LIMIT;
	d = read_num(s, key, lo, hi);
	if (!s->failed && d != (double)(int64_t)d)
		sv_fail(s, leaf_key(s, key, kb, sizeof kb), "expected integer, got %s", num_text(d, t, sizeof t));
	return d;
}

/* cJSON's own number printing compares with an epsilon and is not
 * bit-exact: doubles get 17 significant digits, integers print whole. */
static void write_f(struct sv *s, const char *key, double v)
{
	char buf[40];

	snprintf(buf, sizeof buf, "%.17g", v);
	write_leaf(s, key, buf);
}

static void write_i(struct sv *s, const char *key, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)v);
	write_leaf(s, key, buf);
}

/* ---- the digest ---- */

void sv_hash_flush(struct sv *s)
{
	if (s->hlen) {
		digest_update(&s->h->all, s->hbuf, s->hlen);
		digest_update(&s->h->grp, s->hbuf, s->hlen);
		s->hlen = 0;
	}
}

static inline void hash_u64(struct sv *s, uint64_t v)
{
	sv_hash_u64(s, v);
}

/* Bytes into the buffer, which goes to the hash whenever it is full
 * (XXH3's streaming value does not depend on where its input is cut):
 * the way for a block across the buffer's end, out of the common way. */
static __attribute__((noinline)) void hash_bytes_across(struct sv *s, const unsigned char *b, size_t n)
{
	while (n > sizeof s->hbuf - s->hlen) {
		size_t room = sizeof s->hbuf - s->hlen;

		memcpy(s->hbuf + s->hlen, b, room);
		s->hlen = sizeof s->hbuf;
		sv_hash_flush(s);
		b += room;
		n -= room;
	}
	memcpy(s->hbuf + s->hlen, b, n);
	s->hlen += n;
}

static void hash_bytes_in(struct sv *s, const void *p, size_t n)
{
	if (n > sizeof s->hbuf - s->hlen) {
		hash_bytes_across(s, p, n);
		return;
	}
	memcpy(s->hbuf + s->hlen, p, n);
	s->hlen += n;
}

bool sv_hashing(const struct sv *s)
{
	return s->mode == SV_HASH && !s->failed;
}

bool sv_hashing_blocks(const struct sv *s)
{
	return sv_hashing(s) && !s->leafwise;
}

void sv_hash_words(struct sv *s, const uint64_t *v, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* the words' little-endian bytes are the words in memory: one copy
	 * (or, for a block larger than the buffer, one update) */
	hash_bytes_in(s, v, n * 8);
#else
	for (size_t i = 0; i < n; i++)
		hash_u64(s, v[i]);
#endif
}

static void group_close(struct sv *s)
{
	if (s->mode == SV_HASH && s->n_groups > 0) {
		sv_hash_flush(s);
		s->group_digest[s->n_groups - 1] = XXH3_64bits_digest(&s->h->grp);
	}
}

bool sv_group(struct sv *s, const char *name)
{
	group_close(s);
	if (s->n_groups < SV_GROUP_MAX) {
		s->group_name[s->n_groups++] = name;
		if (s->mode == SV_HASH)
			XXH3_64bits_reset(&s->h->grp);
	}
	return !(s->mode == SV_HASH && (s->skip >> (s->n_groups - 1) & 1u));
}

/* ---- the packed form ---- */

void sv_pack_grow(struct sv *s, size_t n)
{
	size_t cap = s->cap ? s->cap : 4096;

	while (cap - s->len < n)
		cap *= 2;
	if (cap != s->cap) {
		s->buf = xrealloc(s->buf, cap);
		s->cap = cap;
	}
}

static uint64_t unpack_varint(struct sv *s)
{
	uint64_t v = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		unsigned char c;

		if (s->at >= s->len) {
			sv_fail(s, NULL, "packed state ends early");
			return 0;
		}
		c = s->buf[s->at++];
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	sv_fail(s, NULL, "packed state: bad number");
	return 0;
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* ---- leaves: one function per direction, then the typed fronts ---- */

static void leaf_value(struct sv *s, const char *key, uint64_t v)
{
	if (s->mode == SV_LEAVES) {
		if (s->n_leaves == s->leaf_cap) {
			s->leaf_cap = s->leaf_cap ? s->leaf_cap * 2 : 4096;
			s->leaf = xrealloc(s->leaf, s->leaf_cap * sizeof *s->leaf);
		}
		s->leaf[s->n_leaves++] = v;
	} else if (s->mode == SV_FIND) {
		if (s->n_leaves++ == s->find) {
			char kb[24];

			join(s->found, sizeof s->found, s->path, leaf_key(s, key, kb, sizeof kb));
			s->leaf_group = s->n_groups - 1;
			s->failed = true; /* stop the walk; not an error */
		}
	}
}

/* An integer leaf in the non-JSON directions; returns the value read. */
static int64_t leaf_int(struct sv *s, const char *key, int64_t v, double lo, double hi)
{
	switch (s->mode) {
	case SV_HASH: hash_u64(s, (uint64_t)v); break;
	case SV_PACK: sv_pack_i64(s, v); break;
	case SV_UNPACK:
		v = unzigzag(unpack_varint(s));
		if (!s->failed && ((double)v < lo || (double)v > hi))
			sv_fail(s, key, "packed value %lld out of range", (long long)v);
		break;
	case SV_ZERO: s->zero &= v == 0; break;
	default: leaf_value(s, key, (uint64_t)v); break;
	}
	return v;
}

static double leaf_double(struct sv *s, const char *key, double v)
{
	uint64_t bits = sv_f_bits(v);

	switch (s->mode) {
	case SV_HASH: hash_u64(s, bits); break;
	case SV_PACK: sv_pack_f(s, v); break;
	case SV_UNPACK:
		if (s->at + 8 > s->len) {
			sv_fail(s, key, "packed state ends early");
			return 0;
		}
		bits = 0;
		for (int i = 0; i < 8; i++)
			bits |= (uint64_t)s->buf[s->at++] << (8 * i);
		memcpy(&v, &bits, sizeof v);
		break;
	case SV_ZERO: s->zero &= v == 0; break;
	default: leaf_value(s, key, bits); break;
	}
	return v;
}

/* sv_f, sv_i64 and sv_int hash inline (state.h); the other directions: */
void sv_f_walk(struct sv *s, const char *key, double *v, double lo, double hi)
{
	if (s->failed)
		return;
	if (s->mode == SV_WRITE)
		write_f(s, key, *v);
	else if (s->mode == SV_READ)
		*v = read_num(s, key, lo, hi);
	else
		*v = leaf_double(s, key, *v);
}

void sv_i64_walk(struct sv *s, const char *key, int64_t *v, double lo, double hi)
{
	if (s->failed)
		return;
	if (s->mode == SV_WRITE)
		write_i(s, key, *v);
	else if (s->mode == SV_READ)
		*v = (int64_t)read_whole(s, key, lo, hi);
	else
		*v = leaf_int(s, key, *v, lo, hi);
}

void sv_int_walk(struct sv *s, const char *key, int *v, double lo, double hi)
{
	int64_t x = *v;

	sv_i64_walk(s, key, &x, lo, hi);
	*v = (int)x;
}

void sv_u32(struct sv *s, const char *key, uint32_t *v)
{
	int64_t x = *v;

	sv_i64(s, key, &x, 0, 4294967295.0);
	*v = (uint32_t)x;
}

void sv_u64(struct sv *s, const char *key, uint64_t *v, double lo)
{
	int64_t x = (int64_t)*v;

	sv_i64(s, key, &x, lo, SV_INT_LIMIT);
	*v = (uint64_t)x;
}

void sv_bool(struct sv *s, const char *key, bool *v)
{
	const cJSON *j;

	if (s->failed)
		return;
	if (s->mode == SV_WRITE) {
		write_leaf(s, key, *v ? "true" : "false");
	} else if (s->mode == SV_READ && s->text) {
		if (!t_member(s, key))
			return;
		if (s->tend - s->tp >= 4 && memcmp(s->tp, "true", 4) == 0) {
			s->tp += 4;
			*v = true;
		} else if (t_lit(s, "false", 5)) {
			*v = false;
		}
	} else if (s->mode == SV_READ) {
		if ((j = read_leaf(s, key)) == NULL)
			return;
		if (!cJSON_IsBool(j))
			sv_fail(s, key, "expected boolean");
		*v = cJSON_IsTrue(j);
	} else {
		*v = leaf_int(s, key, *v, 0, 1) != 0;
	}
}

void sv_str(struct sv *s, const char *key, char *v, size_t size)
{
	const cJSON *j;
	size_t n;

	if (s->failed)
		return;
	switch (s->mode) {
	case SV_WRITE:
		w_member(s, key);
		w_string(s, v);
		break;
	case SV_READ:
		if (s->text) {
			const char *t;

			if (t_member(s, key) && t_string(s, &t, &n)) {
				if (n >= size) {
					t_off(s);
				} else {
					memcpy(v, t, n);
					v[n] = '\0';
				}
			}
			break;
		}
		if ((j = read_leaf(s, key)) == NULL)
			return;
		if (!cJSON_IsString(j))
			sv_fail(s, key, "expected string");
		else if (strlen(j->valuestring) >= size)
			sv_fail(s, key, "longer than %zu bytes", size - 1);
		else
			str_copy(v, size, j->valuestring);
		break;
	case SV_HASH:
		n = strlen(v);
		hash_u64(s, n);
		hash_bytes_in(s, v, n);
		break;
	case SV_PACK:
		n = strlen(v);
		sv_pack_varint(s, n);
		memcpy(sv_pack_room(s, n), v, n);
		s->len += n;
		break;
	case SV_UNPACK:
		n = (size_t)unpack_varint(s);
		if (s->failed || n >= size || s->at + n > s->len) {
			sv_fail(s, key, "packed string too long");
			return;
		}
		memcpy(v, s->buf + s->at, n);
		v[n] = '\0';
		s->at += n;
		break;
	case SV_ZERO: s->zero &= v[0] == '\0'; break;
	default: leaf_value(s, key, XXH3_64bits(v, strlen(v))); break;
	}
}

void sv_hex(struct sv *s, const char *key, uint64_t *v)
{
	char buf[20], *end;

	if (s->failed)
		return;
	if (s->mode != SV_WRITE && s->mode != SV_READ) {
		*v = (uint64_t)leaf_int(s, key, (int64_t)*v, -9.3e18, 9.3e18);
		return;
	}
	snprintf(buf, sizeof buf, "%016llx", (unsigned long long)*v);
	sv_str(s, key, buf, sizeof buf);
	if (s->mode == SV_WRITE || s->failed)
		return;
	*v = strtoull(buf, &end, 16);
	if (strlen(buf) != 16 || *end)
		sv_fail(s, key, "expected 16 hexadecimal digits");
}

void sv_derived_i(struct sv *s, const char *key, int64_t v)
{
	if (!s->failed && s->mode != SV_WRITE && s->mode != SV_READ && s->mode != SV_PACK &&
	    s->mode != SV_UNPACK)
		leaf_int(s, key, v, 0, 0);
}

void sv_derived_f(struct sv *s, const char *key, double v)
{
	if (!s->failed && s->mode != SV_WRITE && s->mode != SV_READ && s->mode != SV_PACK &&
	    s->mode != SV_UNPACK)
		leaf_double(s, key, v);
}

void sv_derived_s(struct sv *s, const char *key, const char *v)
{
	if (s->failed)
		return;
	if (s->mode == SV_HASH || s->mode == SV_LEAVES || s->mode == SV_FIND || s->mode == SV_ZERO)
		sv_str(s, key, (char *)(uintptr_t)v, strlen(v) + 1);
}

void sv_tag(struct sv *s, const char *v)
{
	if (s->mode == SV_HASH)
		sv_derived_s(s, NULL, v);
}

/* ---- structure ---- */

void sv_count(struct sv *s, const char *key, int *n, int max)
{
	char k[64];

	if (s->failed || s->mode == SV_WRITE || s->mode == SV_READ)
		return;
	/* the key is for messages and paths only */
	if (s->mode == SV_HASH) {
		hash_u64(s, (uint64_t)(int64_t)*n);
		return;
	}
	if (s->mode == SV_PACK) {
		sv_pack_i64(s, *n);
		return;
	}
	snprintf(k, sizeof k, "%s.length", key);
	*n = (int)leaf_int(s, k, *n, 0, max);
}

static bool enter_json(struct sv *s, const char *key, int index, bool array)
{
	cJSON *child;

	if (s->mode == SV_WRITE) {
		w_member(s, key);
		w_raw(s, array ? "[" : "{", 1);
		push(s, key, index);
		s->wmore[s->depth] = false;
		s->warray[s->depth] = array;
		return true;
	} else if (s->text) {
		if (!t_member(s, key) || !t_lit(s, array ? "[" : "{", 1))
			return false;
		push(s, key, index);
		s->wmore[s->depth] = false;
		s->warray[s->depth] = array;
		return true;
	} else {
		if (key) {
			child = cJSON_GetObjectItemCaseSensitive(top(s), key);
			if (child == NULL)
				return sv_fail(s, key, "missing");
		} else {
			child = item(s, index);
			if (child == NULL)
				return sv_fail(s, NULL, "missing element %d", index);
		}
		if (array ? !cJSON_IsArray(child) : !cJSON_IsObject(child)) {
			char kb[24];

			snprintf(kb, sizeof kb, "[%d]", index);
			return sv_fail(s, key ? key : kb, "expected %s", array ? "array" : "object");
		}
	}
	push(s, key, index);
	s->stack[s->depth] = child;
	return true;
}

static bool enter(struct sv *s, const char *key, int index, bool array)
{
	if (s->failed)
		return false;
	if (s->depth + 1 >= SV_DEPTH)
		return sv_fail(s, key, "nested too deeply");
	if (s->mode == SV_WRITE || s->mode == SV_READ)
		return enter_json(s, key, index, array);
	push(s, key, index);
	return true;
}

bool sv_obj(struct sv *s, const char *key)
{
	return enter(s, key, 0, false);
}

bool sv_item(struct sv *s, int i)
{
	return enter(s, NULL, i, false);
}

bool sv_list(struct sv *s, const char *key, int *n, int max)
{
	if (!enter(s, key, 0, true))
		return false;
	if (s->mode == SV_READ) {
		int k = s->text ? t_count(s) : cJSON_GetArraySize(top(s));

		if (s->text && (k < 0 || k > max))
			return t_off(s);

		if (k > max) {
			sv_end(s);
			return sv_fail(s, key, "at most %d entries, got %d", max, k);
		}
		*n = k;
	} else if (s->mode == SV_UNPACK && (*n < 0 || *n > max)) {
		sv_end(s);
		return sv_fail(s, key, "packed length %d out of range", *n);
	}
	return true;
}

bool sv_list_n(struct sv *s, const char *key, int n)
{
	int k = n;

	if (!sv_list(s, key, &k, n))
		return false;
	if (k != n) {
		sv_end(s);
		return sv_fail(s, key, "expected %d entries, got %d", n, k);
	}
	return true;
}

void sv_end(struct sv *s)
{
	if (s->depth > 0) {
		if (s->mode == SV_WRITE)
			w_raw(s, s->warray[s->depth] ? "]" : "}", 1);
		else if (s->mode == SV_READ && s->text && !s->failed)
			t_lit(s, s->warray[s->depth] ? "]" : "}", 1);
		pop(s);
	}
}

void sv_sparse(struct sv *s, const char *key, void (*fn)(struct sv *, void *), void *ctx)
{
	if (s->failed)
		return;
	if (s->mode == SV_WRITE) {
		struct sv z = {.mode = SV_ZERO, .zero = true};

		fn(&z, ctx);
		if (z.zero)
			return;
	} else if (s->mode == SV_READ) {
		if (s->text ? t_key_at(s, key) == 0 : cJSON_GetObjectItemCaseSensitive(top(s), key) == NULL)
			return;
	}
	if (sv_obj(s, key)) {
		fn(s, ctx);
		sv_end(s);
	}
}

/* ---- the directions ---- */

void state_digest(const struct smug_world *w, struct state_digest *out)
{
	state_digest_some(w, 0, out);
}

static void digest_walk(const struct smug_world *w, unsigned skip, bool leafwise, struct state_digest *out)
{
	struct sv_hash h;
	struct sv s = {.mode = SV_HASH, .h = &h, .skip = skip, .leafwise = leafwise};

	XXH3_64bits_reset(&h.all);
	XXH3_64bits_reset(&h.grp);
	state_visit(&s, (struct smug_world *)(uintptr_t)w);
	group_close(&s);
	sv_hash_flush(&s);
	out->all = XXH3_64bits_digest(&h.all);
	out->n_groups = s.n_groups;
	for (int i = 0; i < s.n_groups; i++) {
		out->group[i] = s.group_name[i];
		out->digest[i] = s.group_digest[i];
	}
}

void state_digest_some(const struct smug_world *w, unsigned skip, struct state_digest *out)
{
	digest_walk(w, skip, false, out);
}

void state_digest_leafwise(const struct smug_world *w, struct state_digest *out)
{
	digest_walk(w, 0, true, out);
}

size_t state_pack_into(const struct smug_world *w, unsigned char **buf, size_t *cap)
{
	struct sv s = {.mode = SV_PACK, .buf = *buf, .cap = *cap};

	state_visit(&s, (struct smug_world *)(uintptr_t)w);
	*buf = s.buf;
	*cap = s.cap;
	return s.len;
}

size_t state_pack(const struct smug_world *w, unsigned char **out)
{
	unsigned char *buf = NULL;
	size_t cap = 0, len = state_pack_into(w, &buf, &cap);

	*out = xrealloc(buf, len ? len : 1); /* no spare capacity kept */
	return len;
}

struct smug_world *state_unpack(const unsigned char *buf, size_t len)
{
	struct sv s = {.mode = SV_UNPACK, .buf = (unsigned char *)(uintptr_t)buf, .len = len};
	struct smug_world *w = world_alloc();

	state_visit(&s, w);
	if (s.failed || s.at != len) {
		smug_world_free(w);
		return NULL;
	}
	return w;
}

static void leaves(const struct smug_world *w, struct sv *s)
{
	*s = (struct sv){.mode = SV_LEAVES};
	state_visit(s, (struct smug_world *)(uintptr_t)w);
}

bool state_compare(const struct smug_world *a, const struct smug_world *b, char *path, size_t size,
		   const char **group)
{
	struct sv la, lb, f;
	size_t k = 0, n;

	leaves(a, &la);
	leaves(b, &lb);
	n = la.n_leaves < lb.n_leaves ? la.n_leaves : lb.n_leaves;
	while (k < n && la.leaf[k] == lb.leaf[k])
		k++;
	free(la.leaf);
	free(lb.leaf);
	if (k == n && la.n_leaves == lb.n_leaves)
		return false;
	f = (struct sv){.mode = SV_FIND, .find = k, .leaf_group = -1};
	snprintf(f.path, sizeof f.path, "state");
	state_visit(&f, (struct smug_world *)(uintptr_t)(k < la.n_leaves ? a : b));
	if (path)
		snprintf(path, size, "%s", f.found);
	if (group)
		*group = f.leaf_group >= 0 ? f.group_name[f.leaf_group] : "?";
	return true;
}
