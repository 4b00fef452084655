/* Whole-file reads and atomic writes for the command line: a file is
 * written to a temporary name in a scratch folder on the same file
 * system, flushed to disk, then renamed into place, so a reader sees the
 * old file or the whole new one, never a part. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/sweep.h"
#include "smugnet/vault.h"

int cli_read_file(const char *file, char **out, size_t *len)
{
	struct smug_error err;
	enum smug_status st = smug_file_read(file, out, len, &err);

	if (st != SMUG_OK) {
		progress_clear();
		fprintf(stderr, "%s\n", err.msg);
	}
	return st == SMUG_OK ? EXIT_OK : EXIT_BAD_INPUT;
}

bool cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void cli_output_folder(const char *path, char *buf, size_t size)
{
	char real[PATH_MAX], copy[PATH_MAX + 1];

	snprintf(copy, sizeof copy, "%s", realpath(path, real) != NULL ? real : path);
	snprintf(buf, size, "%s", dirname(copy));
}

/* Whether the folder holds a seed's or a sweep's manifest.json (the
 * vault's rule: its format named within its first bytes, where both
 * write it; another program's manifest.json is none). */
static bool smugnet_folder(const char *folder)
{
	return smug_vault_manifest_names(folder, SMUG_SEED_FORMAT) || smug_vault_manifest_names(folder, SWEEP_FORMAT);
}

/* The folders a sweep writes below its manifest (smugnet-sweep(1)):
 * results/I.json through tmp/, collect/ (CSV), charts/ (SVG), logs/. A seed
 * has none: its files lie beside its manifest. */
static const char *const sweep_subfolders[] = {"results", "tmp", "collect", "charts", "logs"};

const char *cli_sweep_subfolder(const char *folder, char *sweep, size_t size)
{
	char real[PATH_MAX], name[PATH_MAX + 1];
	const char *base;

	if (realpath(folder, real) != NULL)
		folder = real;
	snprintf(sweep, size, "%s", folder);
	snprintf(name, sizeof name, "%s", folder);
	base = basename(name);
	for (size_t i = 0; i < sizeof sweep_subfolders / sizeof *sweep_subfolders; i++)
		if (strcmp(base, sweep_subfolders[i]) == 0) {
			snprintf(sweep, size, "%s", dirname(name));
			return smug_vault_manifest_names(sweep, SWEEP_FORMAT) ? sweep_subfolders[i] : NULL;
		}
	return NULL;
}

int cli_output_spares(const char *cmd, const char *opt, const char *path, const char *input)
{
	char folder[PATH_MAX + 1], sweep[PATH_MAX + 1];
	const char *sub;
	struct stat st;
	bool exists;

	if (input != NULL && cli_same_file(path, input))
		return cli_usage_error(cmd, "%s: '%s' is the file the world is read from; writing there would replace it",
				       opt, path);
	cli_output_folder(path, folder, sizeof folder);
	exists = stat(path, &st) == 0;
	if (exists && smugnet_folder(folder))
		return cli_usage_error(cmd,
				       "%s: '%s' would replace a file of the seed or sweep in '%s', which would no "
				       "longer load",
				       opt, path, folder);
	/* results/ holds only results: a new file there is a foreign one
	 * that sweep collect refuses, so it is spared too */
	if ((sub = cli_sweep_subfolder(folder, sweep, sizeof sweep)) != NULL && (exists || strcmp(sub, "results") == 0))
		return cli_usage_error(cmd, "%s: '%s' is in the %s/ folder of the sweep in '%s'; writing there would %s",
				       opt, path, sub, sweep,
				       strcmp(sub, "results") == 0 ? "spoil its results (sweep collect would refuse them)"
								   : "replace a file the sweep wrote");
	return EXIT_OK;
}

bool cli_fd_named(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

bool cli_unlink_unheld(const char *path)
{
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	bool gone = false;

	if (fd < 0)
		return errno == ENOENT;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 && cli_fd_named(fd, path))
		gone = unlink(path) == 0 || errno == ENOENT;
	close(fd); /* and its lock */
	return gone;
}

/* Whether entry is ".NAME.PID.tmp", the temporary file of path NAME. */
static bool tmp_name_of(const char *entry, const char *name)
{
	size_t k = strlen(name);
	const char *p;

	if (entry[0] != '.' || strncmp(entry + 1, name, k) != 0 || entry[1 + k] != '.')
		return false;
	p = entry + k + 2;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return strcmp(p, ".tmp") == 0;
}

void cli_tmp_remove_stale(const char *tmp_dir, const char *const *names, int n)
{
	char path[8200];
	struct dirent *e;
	DIR *d = opendir(tmp_dir);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		for (int i = 0; i < n; i++)
			if (tmp_name_of(e->d_name, names[i])) {
				snprintf(path, sizeof path, "%s/%s", tmp_dir, e->d_name);
				cli_unlink_unheld(path);
				break;
			}
	closedir(d);
}

static int fsync_dir(const char *path)
{
	char copy[4096];
	int fd, rc;

	snprintf(copy, sizeof copy, "%s", path);
	if ((fd = open(dirname(copy), O_RDONLY)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Where an output path leads: a regular file or nothing is replaced
 * through a temporary file and a rename; a link to a regular file
 * replaces the file it names (its temporary file beside it, on its file
 * system), the link stays; a device, FIFO or socket is written into as
 * it stands (a rename would put a plain file in its place: as root,
 * --journal /dev/null replaced /dev/null); a folder or a link to nothing
 * is refused. */
int cli_atomic_open(struct cli_atomic *a, const char *path, const char *tmp_dir)
{
	struct stat st;
	char dir[4096], name[4096], real[PATH_MAX];
	const char *why = NULL;

	a->f = NULL;
	a->direct = false;
	a->tmp[0] = '\0';
	snprintf(a->path, sizeof a->path, "%s", path);
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			why = strerror(EISDIR);
		else if (!S_ISREG(st.st_mode))
			a->direct = true;
		else if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real) != NULL) {
			snprintf(a->path, sizeof a->path, "%s", real);
			tmp_dir = NULL;
		}
	} else if (lstat(path, &st) == 0) {
		why = "it is a link to nothing";
	}
	if (why != NULL) {
		fprintf(stderr, "%s: cannot write: %s\n", path, why);
		return EXIT_WRITE;
	}
	if (a->direct) {
		if ((a->f = fopen(path, "wb")) == NULL) {
			fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
			return EXIT_WRITE;
		}
		return EXIT_OK;
	}
	if (tmp_dir && cli_mkdir(tmp_dir) != EXIT_OK)
		return EXIT_WRITE;
	snprintf(dir, sizeof dir, "%s", a->path);
	snprintf(name, sizeof name, "%s", a->path);
	snprintf(a->tmp, sizeof a->tmp, "%s/.%s.%ld.tmp", tmp_dir ? tmp_dir : dirname(dir), basename(name),
		 (long)getpid());
	/* locked while it is written, so that cli_tmp_remove_stale removes
	 * only what a killed writer left; one that another process removed
	 * between its creation and the lock is made again */
	for (int k = 0;; k++) {
		if ((a->f = fopen(a->tmp, "wb")) == NULL) {
			/* beside the file: the file's own name (its folder is missing
			 * or closed), not the temporary one the user never gave */
			fprintf(stderr, "%s: cannot write: %s\n", tmp_dir ? a->tmp : path, strerror(errno));
			a->tmp[0] = '\0';
			return EXIT_WRITE;
		}
		/* without locks here, no one removes it either */
		if (k == 2 || flock(fileno(a->f), LOCK_EX | LOCK_NB) != 0 || cli_fd_named(fileno(a->f), a->tmp))
			return EXIT_OK;
		fclose(a->f);
	}
}

void cli_atomic_abort(struct cli_atomic *a)
{
	if (a->f) {
		fclose(a->f);
		if (!a->direct)
			unlink(a->tmp);
		a->f = NULL;
	}
}

static int commit_failed(const struct cli_atomic *a, int err, int replaced)
{
	fprintf(stderr, "%s: cannot write: %s%s\n", a->path, strerror(err ? err : EIO),
		replaced ? " (the files before it are already replaced)" : "");
	return EXIT_WRITE;
}

int cli_atomic_commit(struct cli_atomic *a, int n)
{
	struct stat st;
	int rc = EXIT_OK, i;

	/* every file whole on disk first (a device or FIFO: all handed on) */
	for (i = 0; i < n; i++) {
		int bad = fflush(a[i].f) != 0 || ferror(a[i].f) || (!a[i].direct && fsync(fileno(a[i].f)) != 0);

		bad = fclose(a[i].f) != 0 || bad;
		a[i].f = NULL;
		if (bad && rc == EXIT_OK)
			rc = commit_failed(&a[i], errno, 0);
	}
	/* then every name free for a file before the first rename, so a
	 * folder in the way of the last one replaces none of them */
	for (i = 0; i < n && rc == EXIT_OK; i++)
		if (!a[i].direct && lstat(a[i].path, &st) == 0 && S_ISDIR(st.st_mode))
			rc = commit_failed(&a[i], EISDIR, 0);
	for (i = 0; i < n && rc == EXIT_OK; i++)
		if (!a[i].direct && (rename(a[i].tmp, a[i].path) != 0 || fsync_dir(a[i].path) != 0))
			rc = commit_failed(&a[i], errno, i);
	if (rc != EXIT_OK)
		for (i = 0; i < n; i++)
			if (!a[i].direct)
				unlink(a[i].tmp);
	return rc;
}

int cli_write_atomic(const char *path, const char *tmp_dir, const char *bytes, size_t len)
{
	struct cli_atomic a;
	int rc;

	if ((rc = cli_atomic_open(&a, path, tmp_dir)) != EXIT_OK)
		return rc;
	if (fwrite(bytes, 1, len, a.f) != len) {
		fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno ? errno : EIO));
		cli_atomic_abort(&a);
		return EXIT_WRITE;
	}
	return cli_atomic_commit(&a, 1);
}

int cli_mkdir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return EXIT_OK;
	if (errno != EEXIST) {
		fprintf(stderr, "%s: cannot create: %s\n", path, strerror(errno));
		return EXIT_WRITE;
	}
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		/* a link to nothing is there too, but is no folder to make */
		fprintf(stderr, "%s: cannot create: %s\n", path,
			errno == ENOENT ? "it is a link to nothing" : "it exists and is not a folder");
		return EXIT_WRITE;
	}
	return EXIT_OK;
}
