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
	int day;	 /* -1 when the manifest cannot be read */
	uint64_t digest;
	/* where it was found: 0 the seed folder; n > 0 the generation
	 * .<name>.old.<n> an interrupted save left; -1 the ".<name>.old" an
	 * earlier version left */
	long long generation;
	char problem[160]; /* "" when the manifest reads; else why not */
};

/* A plain name: [A-Za-z0-9._-], no leading dot, no "..", 1..63 bytes. */
bool smug_seed_name_valid(const char *name);
/* The rule, in the words a refusal gives the user. */
#define SMUG_SEED_NAME_RULE "1-63 of A-Z a-z 0-9 . _ -, no leading dot or '..'"

/* The format a seed's manifest.json names (smugnet-seed(5)). */
#define SMUG_SEED_FORMAT "smugnet-seed"

/* Whether folder is one smugnet wrote in format (SMUG_SEED_FORMAT; a
 * sweep's "smugnet-sweep"): its manifest.json, a regular file (a link to
 * one is followed, as for any path), names the format, quoted, within its
 * first 4 KB, where smugnet writes it; another program's manifest.json is
 * none. The same rule keeps a save from replacing a folder that holds no
 * seed. False when the manifest cannot be read. */
bool smug_vault_manifest_names(const char *folder, const char *format);

/* Whether name is one of the files the seed in folder lists under its
 * manifest's "files" (smugnet-seed(5)): a seed's own file, which its
 * hashes cover. SMUG_SEED_LISTS_UNREADABLE when folder/manifest.json (a
 * link to it followed, as for any path) cannot be read, is not strict
 * JSON or holds no "files" object: it lists none to tell apart. */
enum smug_seed_lists {
	SMUG_SEED_LISTS_NOT,
	SMUG_SEED_LISTS_YES,
	SMUG_SEED_LISTS_UNREADABLE,
};
enum smug_seed_lists smug_vault_seed_lists(const char *folder, const char *name);

/* Save w as <root>/seeds/<name>, atomically (temp folder, fsync, rename);
 * an existing seed of that name stays intact until the new one is whole,
 * and after any sequence of interrupted saves a complete seed for the
 * name is what smug_vault_load finds (smugnet-seed(5)). Creates folders
 * as needed. Refuses (SMUG_ERR_WRITE, naming it) when an entry of the
 * name in seeds/ is a symbolic link or holds anything but regular files:
 * the vault never follows, renames through or deletes through a link. */
enum smug_status smug_vault_save(const struct smug_world *w, const char *root,
				 const char *name, struct smug_error *err);

/* Load <root>/seeds/<name> (or, when a crash left no folder of that name,
 * its newest complete generation), verifying version, hashes, every
 * field, the world's invariants (smug_world_check) and that the manifest
 * agrees with the snapshot. No symbolic link is followed. On failure *out
 * is untouched. The caller frees the world. */
enum smug_status smug_vault_load(const char *root, const char *name,
				 struct smug_world **out, struct smug_error *err);

/* Where smug_vault_load would find the seed called name, without loading
 * it: SMUG_OK with *generation (if not NULL) 0 for its folder, n > 0 for the generation
 * .<name>.old.<n> an interrupted save left (-1: an earlier version's
 * .<name>.old); SMUG_ERR_NOT_FOUND when the vault holds no seed of that
 * name (or no seeds at all); SMUG_ERR_ARG for a name no vault could hold;
 * SMUG_ERR_IO, naming it, when the entry or seeds/ is a link, not a
 * folder, or cannot be read. */
enum smug_status smug_vault_locate(const char *root, const char *name, long long *generation,
				   struct smug_error *err);

/* For replay: like smug_vault_load, except that a journal.jsonl edited
 * after the save (its hash is not the manifest's) is still read, so that
 * replaying it can say where it goes wrong; *journal_edited says so. */
enum smug_status smug_vault_load_replay(const char *root, const char *name, struct smug_world **out,
					bool *journal_edited, struct smug_error *err);

/* Load a seed folder by path (for `smugnet validate DIR`). */
enum smug_status smug_vault_load_dir(const char *dir, struct smug_world **out,
				     struct smug_error *err);
/* For replay of a seed folder by path: as smug_vault_load_replay. */
enum smug_status smug_vault_load_dir_replay(const char *dir, struct smug_world **out, bool *journal_edited,
					    struct smug_error *err);

/* List seeds sorted by name, from their manifests: every name that
 * smug_vault_load would look for, including seeds only an interrupted
 * save's generation holds (generation > 0) and entries that cannot be
 * read (problem says why). *out is malloc'd (caller frees with free()).
 * Returns the count, or -1 with err set. */
int smug_vault_list(const char *root, struct smug_seed_info **out,
		    struct smug_error *err);

#endif
