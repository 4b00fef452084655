/* The seed vault: named, atomic, verified saves of a whole world.
 * <root>/seeds/<name>/{manifest.json,snapshot.json,smuggling.json,...}.
 * The host resolves the root (the core never reads the environment). */
#ifndef SMUGNET_VAULT_H
#define SMUGNET_VAULT_H

#include <stdbool.h>
#include <stdint.h>

#include "smugnet/status.h"
#include "smugnet/world.h"

#define SMUG_SEED_NAME_MAX 64

struct smug_seed_info {
	char name[SMUG_SEED_NAME_MAX];
	char scenario_id[SMUG_ID_MAX];
	int day;
	uint64_t digest;
};

/* A plain name: [A-Za-z0-9._-], no leading dot, no "..", 1..63 bytes. */
bool smug_seed_name_valid(const char *name);

/* Save w as <root>/seeds/<name>, atomically (temp folder, fsync, rename);
 * an existing seed of that name stays intact until the new one is whole.
 * Creates folders as needed. */
enum smug_status smug_vault_save(const struct smug_world *w, const char *root,
				 const char *name, struct smug_error *err);

/* Load <root>/seeds/<name>, verifying version, hashes and every field.
 * On failure *out is untouched. The caller frees the world. */
enum smug_status smug_vault_load(const char *root, const char *name,
				 struct smug_world **out, struct smug_error *err);

/* For replay: like smug_vault_load, except that a journal.jsonl edited
 * after the save (its hash is not the manifest's) is still read, so that
 * replaying it can say where it goes wrong; *journal_edited says so. */
enum smug_status smug_vault_load_replay(const char *root, const char *name, struct smug_world **out,
					bool *journal_edited, struct smug_error *err);

/* Load a seed folder by path (for `smugnet validate DIR`). */
enum smug_status smug_vault_load_dir(const char *dir, struct smug_world **out,
				     struct smug_error *err);

/* List seeds sorted by name; *out is malloc'd (caller frees with free()).
 * Returns the count, or -1 with err set. */
int smug_vault_list(const char *root, struct smug_seed_info **out,
		    struct smug_error *err);

#endif
