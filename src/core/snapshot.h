/* Snapshots and the vault's internal entry points (not public API). */
#ifndef SMUGNET_SNAPSHOT_H
#define SMUGNET_SNAPSHOT_H

#include "core.h"
#include "smugnet/vault.h"

/* The complete state as canonical JSON; caller frees; NULL on OOM. */
char *snapshot_to_json(const struct smug_world *w);
/* Parse and validate a snapshot; on failure *out is untouched. */
enum smug_status snapshot_from_json(const char *json, size_t len, const char *name,
				    struct smug_world **out, struct smug_error *err);

/* Test-only fault injection for saves: hook is called before each
 * file-system call of a save with the call's name ("rename .x.partial",
 * "write snapshot.json", ...). It returns 0 to let the call happen,
 * VAULT_FAULT_FAIL to make it fail (EIO), or VAULT_FAULT_STOP to stop the
 * save there as a crash would: neither that call nor any later one is
 * made. */
#define VAULT_FAULT_FAIL 1
#define VAULT_FAULT_STOP 2
struct vault_faults {
	int (*hook)(const char *step, void *ctx);
	void *ctx;
};
enum smug_status vault_save_ex(const struct smug_world *w, const char *root, const char *name,
			       const struct vault_faults *faults, struct smug_error *err);

#endif
