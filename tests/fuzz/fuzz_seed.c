/* libFuzzer harness: the snapshot (seed) loader must never crash, leak or
 * accept a state that breaks the ledger; accepted states keep running. */
#include <stddef.h>
#include <stdint.h>

#include "core/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	if (snapshot_from_json((const char *)data, size, "snapshot.json", &w, &err) == SMUG_OK) {
		smug_cmd_step(w, 1);
		smug_world_free(w);
	}
	return 0;
}
