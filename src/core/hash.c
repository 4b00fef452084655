/* Keyed deterministic draws. A draw is a pure function of its key
 * (seed, salt, purpose, day, ids): XXH3_64bits over a packed little-endian
 * encoding, top 53 bits scaled to [0,1). No stream, nothing to persist,
 * and no draw depends on how many came before. A world's draws copy the
 * key's packed head (seed, salt) made once a day, while it is current
 * (draw_keyed, inline in core.h, packs the rest). */
#include <string.h>

#include <xxhash.h>

#include "core.h"

static size_t put_u64(unsigned char *b, size_t at, uint64_t v)
{
	return (size_t)(put_le64(b + at, v) - b);
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
	unsigned char key[DRAW_KEY_MAX];
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

void draw_head_prepare(struct smug_world *w)
{
	struct smug_draw_head *h = &w->draw_head;
	const char *salt = w->cfg.smuggling.deterministic_salt;
	size_t n = strnlen(salt, sizeof h->salt);

	if (draw_head_current(h, w))
		return;
	memset(h, 0, sizeof *h);
	if (n == sizeof h->salt)
		return; /* no terminator in the array: each draw packs its own */
	h->seed = w->seed;
	memcpy(h->salt, salt, sizeof h->salt);
	h->len = (int)put_str(h->key, put_u64(h->key, 0, w->seed), salt);
}

size_t draw_head_pack(const struct smug_world *w, unsigned char *key)
{
	return put_str(key, put_u64(key, 0, w->seed), w->cfg.smuggling.deterministic_salt);
}

uint64_t hash_bytes(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}
