/* The one description of the state and the visitor that walks it.
 * state.c lists every field of the world once, in one order, with its key,
 * range and kind; visit.c runs that list in every direction the program
 * needs: canonical JSON out and in (snapshot.json), the digest and its
 * field groups, a compact binary form (the cockpit's rewind ring), the
 * leaf values a field-by-field compare walks, and an all-zero test (sparse
 * JSON). A field added to state.c is therefore saved, loaded, hashed,
 * packed and compared, and cannot be forgotten in one of them. */
#ifndef SMUGNET_STATE_H
#define SMUGNET_STATE_H

#include <string.h>

#include "core.h"

enum sv_mode {
	SV_WRITE,  /* build canonical JSON */
	SV_READ,   /* parse and validate canonical JSON into a fresh world */
	SV_HASH,   /* XXH3 over the canonical encoding: the state digest */
	SV_PACK,   /* compact binary encoding */
	SV_UNPACK, /* and back, into a fresh world */
	SV_LEAVES, /* record every leaf's 64-bit value in order */
	SV_FIND,   /* stop at leaf number `find` and keep its path */
	SV_ZERO,   /* is every leaf zero? */
};

#define SV_DEPTH 16
#define SV_PATH 256
#define SV_GROUP_MAX 16
#define SV_INT_LIMIT 9007199254740991.0 /* 2^53 - 1: exact in a JSON number */

struct sv_hash; /* XXH3 states of the whole digest and of the current group */

struct sv {
	enum sv_mode mode;
	bool failed;
	enum smug_status st;
	struct smug_error *err;
	const char *file;
	int depth;
	/* JSON (SV_READ; SV_WRITE writes text into buf) */
	void *stack[SV_DEPTH]; /* cJSON * */
	bool wmore[SV_DEPTH];  /* SV_WRITE, text: the object or array at each level has a member */
	bool warray[SV_DEPTH]; /* SV_WRITE, text: and it is an array */
	bool text;	       /* SV_READ from the canonical text at tp, not from the tree */
	const char *tp, *tend;
	void *cur[SV_DEPTH];   /* last array element read at each level */
	int cur_i[SV_DEPTH];
	int next[SV_DEPTH]; /* next keyless element of the array at each level */
	/* path of the current position (SV_READ, SV_FIND) */
	char path[SV_PATH];
	size_t plen[SV_DEPTH];
	/* SV_HASH */
	struct sv_hash *h;
	unsigned char hbuf[16384]; /* XXH3 takes a long feed for far fewer instructions a byte than 1 KB ones */
	size_t hlen;
	int n_groups;
	unsigned skip; /* SV_HASH: groups (bit per index) left out */
	bool leafwise; /* SV_HASH: the block fast paths off, every leaf walked */
	const char *group_name[SV_GROUP_MAX];
	uint64_t group_digest[SV_GROUP_MAX];
	/* SV_PACK / SV_UNPACK; SV_WRITE's text */
	unsigned char *buf;
	size_t len, cap, at;
	/* SV_LEAVES / SV_FIND */
	uint64_t *leaf;
	size_t n_leaves, leaf_cap, find;
	int leaf_group; /* SV_FIND: group of the leaf found */
	char found[SV_PATH];
	/* SV_ZERO */
	bool zero;
};

/* True in the directions that fill a fresh world (allocate, then read). */
static inline bool sv_reading(const struct sv *s)
{
	return s->mode == SV_READ || s->mode == SV_UNPACK;
}

static inline bool sv_ok(const struct sv *s)
{
	return !s->failed;
}

/* Fail with "file: path.key: reason" (reading only); returns false. */
bool sv_fail(struct sv *s, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- leaves: key names the member; NULL inside a list means "the next
 * element". lo and hi bound what reading accepts. ---- */
/* The digest's words go little-endian into the hash buffer. */
void sv_hash_flush(struct sv *s);
/* The digest's buffer with room for n more bytes (n at most its size;
 * the buffer fed to the hash first if it has less): a fast path writes a
 * record there with put_le64 and put_le64s (core.h; doubles by their
 * bits) and sv_put_text, the bytes sv_hash_words and sv_str's hash would
 * copy, and sv_hash_put_end takes what it wrote. No word goes through a
 * record on the stack. */
static inline unsigned char *sv_hash_put(struct sv *s, size_t n)
{
	if (s->hlen + n > sizeof s->hbuf)
		sv_hash_flush(s);
	return s->hbuf + s->hlen;
}
static inline void sv_hash_put_end(struct sv *s, const unsigned char *end)
{
	s->hlen = (size_t)(end - s->hbuf);
}
/* The digest's leaf: one word through the buffer (inline, so hashing
 * the state makes no call per number). */
static inline void sv_hash_u64(struct sv *s, uint64_t v)
{
	sv_hash_put_end(s, put_le64(sv_hash_put(s, 8), v));
}
/* A text as sv_str hashes it (its length, then its bytes), from
 * v[size]; b past it. All size bytes of v are copied (a fixed copy, no
 * call): those past the text lie beyond the returned end, where the next
 * put writes over them, so sv_hash_put must allow for size. */
static inline unsigned char *sv_put_text(unsigned char *b, const char *v, size_t size)
{
	size_t n = strlen(v);

	b = put_le64(b, n);
	memcpy(b, v, size);
	return b + n;
}
/* A double as the digest and the packed form hold it: its 64 bits. */
static inline uint64_t sv_f_bits(double v)
{
	uint64_t bits;

	memcpy(&bits, &v, sizeof bits);
	return bits;
}
/* The packed form's buffer with room for n more bytes (grown as needed,
 * visit.c): a number leaf is packed inline, as it is hashed, with no
 * call per number (after a failure it goes to its walk, which stops). */
void sv_pack_grow(struct sv *s, size_t n);
static inline unsigned char *sv_pack_room(struct sv *s, size_t n)
{
	if (s->cap - s->len < n)
		sv_pack_grow(s, n);
	return s->buf + s->len;
}
/* A double packed: its 64 bits, little-endian. */
static inline void sv_pack_f(struct sv *s, double v)
{
	s->len = (size_t)(put_le64(sv_pack_room(s, 8), sv_f_bits(v)) - s->buf);
}
/* A number packed as a varint: 7 bits a byte (at most 10), low bits
 * first, the high bit set on every byte but the last. */
static inline void sv_pack_varint(struct sv *s, uint64_t v)
{
	unsigned char *b = sv_pack_room(s, 10), *p = b;

	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	s->len += (size_t)(p - b);
}
/* An integer packed: zigzag (0, -1, 1, -2, ... as 0, 1, 2, 3, ...),
 * then a varint. */
static inline void sv_pack_i64(struct sv *s, int64_t v)
{
	sv_pack_varint(s, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}
/* Packing, and nothing has failed: the leaves go into the packed form
 * (sv_pack_f_array packs the list of n doubles at v as sv_f packs them
 * one by one: their 8 bytes each, little-endian; a list adds no bytes of
 * its own). */
static inline bool sv_packing(const struct sv *s)
{
	return s->mode == SV_PACK && !s->failed;
}
static inline void sv_pack_f_array(struct sv *s, const double *v, size_t n)
{
	if (n > 0) /* the buffer may not be there yet when n is 0 */
		s->len = (size_t)(put_le64s(sv_pack_room(s, 8 * n), v, n) - s->buf);
}
/* The number leaves in the other directions (visit.c). */
void sv_f_walk(struct sv *s, const char *key, double *v, double lo, double hi);
void sv_i64_walk(struct sv *s, const char *key, int64_t *v, double lo, double hi);
void sv_int_walk(struct sv *s, const char *key, int *v, double lo, double hi);
static inline void sv_f(struct sv *s, const char *key, double *v, double lo, double hi)
{
	if (s->mode == SV_HASH)
		sv_hash_u64(s, sv_f_bits(*v));
	else if (sv_packing(s))
		sv_pack_f(s, *v);
	else
		sv_f_walk(s, key, v, lo, hi);
}
static inline void sv_i64(struct sv *s, const char *key, int64_t *v, double lo, double hi)
{
	if (s->mode == SV_HASH)
		sv_hash_u64(s, (uint64_t)*v);
	else if (sv_packing(s))
		sv_pack_i64(s, *v);
	else
		sv_i64_walk(s, key, v, lo, hi);
}
static inline void sv_int(struct sv *s, const char *key, int *v, double lo, double hi)
{
	if (s->mode == SV_HASH)
		sv_hash_u64(s, (uint64_t)(int64_t)*v);
	else if (sv_packing(s))
		sv_pack_i64(s, *v);
	else
		sv_int_walk(s, key, v, lo, hi);
}
void sv_u32(struct sv *s, const char *key, uint32_t *v);
void sv_u64(struct sv *s, const char *key, uint64_t *v, double lo); /* up to 2^53-1 */
void sv_bool(struct sv *s, const char *key, bool *v);
void sv_str(struct sv *s, const char *key, char *v, size_t size);
void sv_hex(struct sv *s, const char *key, uint64_t *v); /* 16 hex digits in JSON */
/* An enum field, read back as an int in [lo, hi]. */
#define SV_ENUM(s, key, field, lo, hi)                                         \
	do {                                                                   \
		int e_ = (int)(field);                                         \
		sv_int(s, key, &e_, lo, hi);                                   \
		(field) = (__typeof__(field))e_;                               \
	} while (0)

/* The digest's fast path for long lists of small records: while hashing,
 * a record's leaves may be fed as 64-bit words (an integer as int64, a
 * double by its bits) and strings as sv_str hashes them, in the order the
 * other directions visit them; the digest is the same as leaf by leaf. */
bool sv_hashing(const struct sv *s);
/* sv_hashing, and the fast paths that must give the same digest as the
 * leaf walk are on (state_digest_leafwise turns them off). */
bool sv_hashing_blocks(const struct sv *s);
void sv_hash_words(struct sv *s, const uint64_t *v, size_t n);

/* Derived values: hashed and compared, never saved (rebuilt on load). */
void sv_derived_i(struct sv *s, const char *key, int64_t v);
void sv_derived_f(struct sv *s, const char *key, double v);
void sv_derived_s(struct sv *s, const char *key, const char *v);
/* A constant that only the digest sees (its format tag). */
void sv_tag(struct sv *s, const char *v);

/* ---- structure ---- */
/* Start a field group (a top-level section): the digest keeps a digest
 * per group, and a compare names the group of the first difference.
 * False when this walk leaves the group out (a partial digest): the
 * section's visit function returns at once. */
bool sv_group(struct sv *s, const char *name);
/* The length of list `key`, where the encoding puts it (JSON: the
 * array's own length, so nothing is written here). */
void sv_count(struct sv *s, const char *key, int *n, int max);
/* Enter an object member. */
bool sv_obj(struct sv *s, const char *key);
/* Enter an array member: JSON reading sets *n from it (at most max). */
bool sv_list(struct sv *s, const char *key, int *n, int max);
/* Enter an array that must have exactly n elements. */
bool sv_list_n(struct sv *s, const char *key, int n);
/* Enter element i (an object) of the current array. */
bool sv_item(struct sv *s, int i);
void sv_end(struct sv *s);
/* A member written only when not all zero; absent reads as zero. */
void sv_sparse(struct sv *s, const char *key, void (*fn)(struct sv *, void *), void *ctx);

/* Element k (0 = oldest) of a ring of cap slots whose next write is at
 * head and which holds count entries. On reading, entries are stored
 * from slot 0 and head becomes count % cap: the same ring. */
static inline int sv_ring_slot(int head, int count, int cap, int k)
{
	return ((head - count + k) % cap + 2 * cap) % cap;
}

/* ---- the description (state.c) ---- */
void state_visit(struct sv *s, struct smug_world *w);

/* ---- the directions (visit.c) ---- */
/* The state's digest and one digest per field group. */
struct state_digest {
	uint64_t all;
	int n_groups;
	const char *group[SV_GROUP_MAX]; /* static names */
	uint64_t digest[SV_GROUP_MAX];
};
void state_digest(const struct smug_world *w, struct state_digest *out);
/* The same with the groups of `skip` (bit per group index) left out:
 * their digests are 0 and the whole digest covers the others only. */
void state_digest_some(const struct smug_world *w, unsigned skip, struct state_digest *out);
/* The same digest with every block fast path off, leaf by leaf: for the
 * test that the fast paths hash exactly the leaves' words. */
void state_digest_leafwise(const struct smug_world *w, struct state_digest *out);
/* Compact binary copy of the whole state; caller frees *out (allocated
 * to its exact length). */
size_t state_pack(const struct smug_world *w, unsigned char **out);
/* The same into a reusable buffer *buf of *cap bytes, grown as needed
 * (both updated); returns the length written. */
size_t state_pack_into(const struct smug_world *w, unsigned char **buf, size_t *cap);
/* A new world from state_pack's bytes; NULL if they are not valid. */
struct smug_world *state_unpack(const unsigned char *buf, size_t len);
/* First leaf where a and b differ: false when equal, else its path in
 * path ("state.factions[2].network.edge_stats[5].risk_est") and its group. */
bool state_compare(const struct smug_world *a, const struct smug_world *b, char *path,
		   size_t size, const char **group);

#endif
