/* The state digest: XXH3 over the canonical encoding of the whole world
 * that the one description of the state (state.c) defines, never over raw
 * structs, whose padding is unspecified. It is the test oracle for
 * determinism; the per-group digests say which part of two states
 * differs. */
#include "core.h"
#include "state.h"

uint64_t world_digest(const struct smug_world *w)
{
	struct state_digest d;

	state_digest(w, &d);
	return d.all;
}

uint64_t smug_world_digest(const struct smug_world *w)
{
	return world_digest(w);
}
