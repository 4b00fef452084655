/* libFuzzer harness: the snapshot (seed) loader alone must never crash,
 * leak or misbehave. A snapshot it accepts goes through the world
 * invariant check, as every load does; one that passes has every event's
 * text formatted, as the cockpit's event log and `run --events` read
 * them, and must still pass after a day is simulated from it. */
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
		char text[SMUG_EVENT_TEXT_MAX];

		for (int i = 0; i < w->tel.event_count; i++)
			smug_event_text(w, smug_event_at(&w->tel, i), text, sizeof text);
		smug_cmd_step(w, 1);
		if (smug_world_check(w, NULL, &err) != SMUG_OK) {
			fprintf(stderr, "a day after an accepted snapshot breaks an invariant: %s\n", err.msg);
			abort();
		}
	}
	smug_world_free(w);
	return 0;
}
