/* Keyed deterministic draws. A draw is a pure function of its key
 * (seed, salt, purpose, day, ids): XXH3_64bits over a packed little-endian
 * encoding, top 53 bits scaled to [0,1). No stream, nothing to persist,
 * and no draw depends on how many came before. A world's draws copy the
 * key's packed head (seed, salt) made once a day, while it is current. */
#include <string.h>

#include <xxhash.h>

#include "core.h"

#define KEY_MAX 256

static size_t put_u64(unsigned char *b, size_t at, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(b + at, &v, 8); /* the same bytes, one store */
#else
	for (int i = 0; i < 8; i++)
		b[at + (size_t)i] = (unsigned char)(v >> (8 * i));
#endif
	return at + 8;
}

static size_t put_str(unsigned char *b, size_t at, const char *s)
{
	size_t n = strnlen(s, 64); /* salts and purposes are short names */

	memcpy(b + at, s, n);
	b[at + n] = 0; /* terminator keeps ("ab","c") apart from ("a","bc") */
	return at + n + 1;
}

double hash_draw(uint64_t seed, const char *salt, const char *purpose,
		 int day, const uint64_t *ids, int n_ids)
{
	unsigned char key[KEY_MAX];
	size_t at = 0;
	uint64_t h;

	if (n_ids > 8)
		n_ids = 8;
	at = put_u64(key, at, seed);
	at = put_str(key, at, salt);
	at = put_str(key, at, purpose);
	at = put_u64(key, at, (uint64_t)(int64_t)day);
	for (int i = 0; i < n_ids; i++)
		at = put_u64(key, at, ids[i]);
	h = XXH3_64bits(key, at);
	return (double)(h >> 11) * (1.0 / 9007199254740992.0); /* 2^53 */
}

/* True while h was made from w's seed and salt (the salt's whole array
 * compared; a compare of known length that compilers inline). */
static bool head_current(const struct smug_draw_head *h, const struct smug_world *w)
{
	_Static_assert(sizeof h->salt == sizeof w->cfg.smuggling.deterministic_salt, "the salt's array");
	return h->len > 0 && h->seed == w->seed &&
	       memcmp(h->salt, w->cfg.smuggling.deterministic_salt, sizeof h->salt) == 0;
}

void draw_head_prepare(struct smug_world *w)
{
	struct smug_draw_head *h = &w->draw_head;
	const char *salt = w->cfg.smuggling.deterministic_salt;
	size_t n = strnlen(salt, sizeof h->salt);

	if (head_current(h, w))
		return;
	memset(h, 0, sizeof *h);
	if (n == sizeof h->salt)
		return; /* no terminator in the array: each draw packs its own */
	h->seed = w->seed;
	memcpy(h->salt, salt, sizeof h->salt);
	h->len = (int)put_str(h->key, put_u64(h->key, 0, w->seed), salt);
}

double draw_keyed(const struct smug_world *w, const char *purpose, size_t purpose_len, int day,
		  uint64_t id0, uint64_t id1, uint64_t id2)
{
	const struct smug_draw_head *h = &w->draw_head;
	unsigned char key[KEY_MAX];
	size_t at;

	if (head_current(h, w)) {
		memcpy(key, h->key, sizeof h->key);
		at = (size_t)h->len;
	} else {
		at = put_u64(key, 0, w->seed);
		at = put_str(key, at, w->cfg.smuggling.deterministic_salt);
	}
	if (purpose_len > 64)
		purpose_len = 64; /* as put_str cuts it */
	memcpy(key + at, purpose, purpose_len);
	key[at + purpose_len] = 0;
	at += purpose_len + 1;
	at = put_u64(key, at, (uint64_t)(int64_t)day);
	at = put_u64(key, at, id0);
	at = put_u64(key, at, id1);
	at = put_u64(key, at, id2);
	return (double)(XXH3_64bits(key, at) >> 11) * (1.0 / 9007199254740992.0); /* 2^53 */
}

uint64_t hash_bytes(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}
