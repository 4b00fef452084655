/* libFuzzer harness: the scenario loader must never crash, leak or
 * misbehave on any input; a rejected input leaves the output untouched. */
#include <stddef.h>
#include <stdint.h>

#include "smugnet/smugnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	if (smug_world_load_json((const char *)data, size, "fuzz.json", &w, &err) == SMUG_OK) {
		smug_cmd_step(w, 2);
		smug_world_free(w);
	}
	return 0;
}
