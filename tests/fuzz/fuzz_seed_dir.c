/* libFuzzer harness: a whole seed folder from fuzzed bytes. The input is
 * a mode byte, then the seed's files in a fixed order (manifest.json,
 * snapshot.json, smuggling.json, ledger_accounts.json,
 * customs_borders.json, journal.jsonl, scenario.json) separated by the
 * line "#FILE#"; missing sections are missing files. Mode bit 0 reseals
 * the manifest's file hashes (so mutations reach the snapshot and
 * invariant checks instead of stopping at a hash), bit 1 also the
 * digest, bit 2 loads for replay (an edited journal tolerated). The
 * folder is written to a private vault on a memory file system, then
 * loaded by name, by path and listed. Oracles: no crash, leak or
 * undefined behaviour; a seed that loads passes smug_world_check, and
 * still does after a day is simulated from it. */
#define _GNU_SOURCE /* memmem, nftw */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core/snapshot.h"
#include "smugnet/journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *const files[] = {"manifest.json", "snapshot.json", "smuggling.json", "ledger_accounts.json",
				    "customs_borders.json", "journal.jsonl", "scenario.json"};
#define N_FILES 7
#define SEPARATOR "\n#FILE#\n"

static char root[256], dir[320];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void remove_root(void)
{
	if (root[0])
		remove_tree(root);
}

/* A worker stopped by Ctrl-C or killed leaves its scratch vault behind
 * (libFuzzer leaves through _Exit then, past atexit): each start removes
 * the folders of workers that are no longer running. */
static void remove_stale(const char *base)
{
	DIR *d = opendir(base);
	struct dirent *e;
	char path[512];
	long pid;
	int used;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (sscanf(e->d_name, "smugnet-fuzz-%ld-%n", &pid, &used) != 1 || used == 0 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "%s/%s", base, e->d_name);
		remove_tree(path);
	}
	closedir(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	(void)argc;
	(void)argv;
	remove_stale(base);
	snprintf(root, sizeof root, "%s/smugnet-fuzz-%ld-XXXXXX", base, (long)getpid());
	if (mkdtemp(root) == NULL)
		abort();
	atexit(remove_root);
	snprintf(dir, sizeof dir, "%s/seeds", root);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/seeds/s", root);
	mkdir(dir, 0700);
	return 0;
}

static void put(const char *name, const char *p, size_t n)
{
	char path[400];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
	if (p == NULL)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		abort();
	if (n && write(fd, p, n) != (ssize_t)n)
		abort();
	close(fd);
}

/* The manifest with files.X = hash of section X (and the digest of the
 * snapshot when asked), or NULL when it is not a JSON object. */
static char *reseal(const char *manifest, size_t n, const char **sec, const size_t *len, bool digest)
{
	cJSON *m = cJSON_ParseWithLength(manifest, n), *fl;
	char hex[17], *out;

	if (!cJSON_IsObject(m)) {
		cJSON_Delete(m);
		return NULL;
	}
	fl = cJSON_GetObjectItemCaseSensitive(m, "files");
	if (!cJSON_IsObject(fl)) {
		cJSON_DeleteItemFromObjectCaseSensitive(m, "files");
		fl = cJSON_AddObjectToObject(m, "files");
	}
	for (int i = 1; i < N_FILES; i++) {
		if (sec[i] == NULL)
			continue;
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash_bytes(sec[i], len[i]));
		cJSON_DeleteItemFromObjectCaseSensitive(fl, files[i]);
		cJSON_AddStringToObject(fl, files[i], hex);
	}
	if (digest && sec[1]) {
		struct smug_world *w = NULL;
		struct smug_error err;

		if (snapshot_from_json(sec[1], len[1], "snapshot.json", &w, &err) == SMUG_OK) {
			snprintf(hex, sizeof hex, "%016llx", (unsigned long long)smug_world_digest(w));
			cJSON_DeleteItemFromObjectCaseSensitive(m, "digest");
			cJSON_AddStringToObject(m, "digest", hex);
			smug_world_free(w);
		}
	}
	out = cJSON_PrintUnformatted(m);
	cJSON_Delete(m);
	return out;
}

static void check_world(struct smug_world *w)
{
	struct smug_error err;

	if (smug_world_check(w, NULL, &err) != SMUG_OK) {
		fprintf(stderr, "a loaded seed breaks an invariant: %s\n", err.msg);
		abort();
	}
	smug_cmd_step(w, 1);
	if (smug_world_check(w, NULL, &err) != SMUG_OK) {
		fprintf(stderr, "a day after a loaded seed breaks an invariant: %s\n", err.msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sec[N_FILES] = {NULL}, *p, *end;
	size_t len[N_FILES] = {0};
	struct smug_world *w = NULL;
	struct smug_seed_info *info = NULL;
	struct smug_error err;
	char *manifest = NULL;
	unsigned mode;
	int n = 0;

	if (size < 1)
		return 0;
	mode = data[0];
	p = (const char *)data + 1;
	end = (const char *)data + size;
	while (n < N_FILES) {
		const char *sep = memmem(p, (size_t)(end - p), SEPARATOR, sizeof SEPARATOR - 1);

		sec[n] = p;
		len[n] = (size_t)((sep ? sep : end) - p);
		n++;
		if (sep == NULL)
			break;
		p = sep + sizeof SEPARATOR - 1;
	}
	if (mode & 1)
		manifest = reseal(sec[0], len[0], sec, len, mode & 2);
	put(files[0], manifest ? manifest : sec[0], manifest ? strlen(manifest) : len[0]);
	free(manifest);
	for (int i = 1; i < N_FILES; i++)
		put(files[i], sec[i], len[i]);

	if (mode & 4) {
		bool edited;

		if (smug_vault_load_replay(root, "s", &w, &edited, &err) == SMUG_OK) {
			check_world(w);
			smug_world_free(w);
		}
	} else if (smug_vault_load(root, "s", &w, &err) == SMUG_OK) {
		check_world(w);
		smug_world_free(w);
	}
	if (smug_vault_list(root, &info, &err) >= 0)
		free(info);
	return 0;
}
