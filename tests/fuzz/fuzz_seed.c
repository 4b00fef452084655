/* libFuzzer harness: the snapshot (seed) loader alone must never crash,
 * leak or misbehave. A snapshot it accepts goes through the world
 * invariant check, as every load does; one that passes must still pass
 * after a day is simulated from it. */
#include <stdio.h>
#include <stdlib.h>

#include "core/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	if (snapshot_from_json((const char *)data, size, "snapshot.json", &w, &err) != SMUG_OK)
		return 0;
	if (smug_world_check(w, NULL, &err) == SMUG_OK) {
		smug_cmd_step(w, 1);
		if (smug_world_check(w, NULL, &err) != SMUG_OK) {
			fprintf(stderr, "a day after an accepted snapshot breaks an invariant: %s\n", err.msg);
			abort();
		}
	}
	smug_world_free(w);
	return 0;
}
