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

/* What name (a file in folder) is to its seed or sweep: OWN_LOADED,
 * read when it loads: manifest.json, a seed's files as its manifest lists
 * them under "files" (smugnet-seed(5)); a seed's manifest that does not
 * read lists none to tell apart: all are taken for its own. OWN_SCRIPT:
 * a sweep's sweep.sbatch, what slurm writes beside it (the sweep loads
 * without it). OWN_NONE: other files there (notes a user keeps beside
 * them) are no part of either. */
enum own { OWN_NONE, OWN_LOADED, OWN_SCRIPT };

static enum own own_file(const char *folder, const char *name)
{
	if (strcmp(name, "manifest.json") == 0)
		return OWN_LOADED;
	if (smug_vault_manifest_names(folder, SWEEP_FORMAT))
		return strcmp(name, "sweep.sbatch") == 0 ? OWN_SCRIPT : OWN_NONE;
	return smug_vault_seed_lists(folder, name) != SMUG_SEED_LISTS_NOT ? OWN_LOADED : OWN_NONE;
}

/* The folders a sweep writes below its manifest (smugnet-sweep(1)):
 * results/I.json through tmp/, collect/ (CSV), charts/ (SVG), logs/. A seed
 * has none: its files lie beside its manifest. */
static const char *const sweep_subfolders[] = {SWEEP_RESULTS, SWEEP_TMP, SWEEP_COLLECT, SWEEP_CHARTS, SWEEP_LOGS};

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

/* Where path leads by real names: the real path of the nearest of it
 * and its folders that is there, and the names below it that are not
 * there yet (folders a save or an export makes before it writes). */
static void output_where(const char *path, char *where, size_t size)
{
	char head[PATH_MAX + 1], real[PATH_MAX], name[PATH_MAX + 1], tail[PATH_MAX + 1] = "";
	char *parent, *base;
	size_t k, n;

	snprintf(head, sizeof head, "%s", path);
	while (realpath(head, real) == NULL) {
		if (strcmp(head, ".") == 0 || strcmp(head, "/") == 0) {
			snprintf(where, size, "%s", path); /* no folder there at all */
			return;
		}
		snprintf(name, sizeof name, "%s", head);
		base = basename(name);
		k = strlen(base);
		n = strlen(tail);
		if (k + 1 + n < sizeof tail) { /* "/NAME" before the names below it */
			memmove(tail + k + 1, tail, n + 1);
			tail[0] = '/';
			memcpy(tail + 1, base, k);
		}
		parent = dirname(head);
		memmove(head, parent, strlen(parent) + 1);
	}
	snprintf(where, size, "%s%s", strcmp(real, "/") == 0 ? "" : real, tail);
}

/* Whether where (output_where's) is the vault's seeds/ folder (its path
 * by output_where put in seeds: the first save makes it) or lies in it:
 * 1 in it, 2 the folder itself. */
static int in_vault_seeds(const char *where, const char *vault, char *seeds, size_t size)
{
	char path[PATH_MAX + 16];
	size_t k;

	if (vault == NULL)
		return 0;
	snprintf(path, sizeof path, "%s/seeds", vault);
	output_where(path, seeds, size);
	k = strlen(seeds);
	if (strncmp(where, seeds, k) != 0 || (where[k] != '\0' && where[k] != '/'))
		return 0;
	return where[k] == '\0' ? 2 : 1;
}

/* Whether where (a real path) is a sweep's results/ folder or lies in it
 * at any depth; the sweep's folder put in sweep. */
static bool in_sweep_results(const char *where, char *sweep, size_t size)
{
	char up[PATH_MAX + 1], *parent;
	const char *sub;

	snprintf(up, sizeof up, "%s", where);
	for (;;) {
		if ((sub = cli_sweep_subfolder(up, sweep, size)) != NULL && strcmp(sub, SWEEP_RESULTS) == 0)
			return true;
		if (strcmp(up, "/") == 0 || strchr(up, '/') == NULL)
			return false;
		parent = dirname(up);
		memmove(up, parent, strlen(parent) + 1);
	}
}

int cli_output_spares(const struct cli_output *o)
{
	char where[PATH_MAX + 1], seeds[PATH_MAX + 1], folder[PATH_MAX + 1], sweep[PATH_MAX + 1];
	char real[PATH_MAX], name[PATH_MAX + 1];
	const char *what = o->folder ? "folder" : "file", *sub;
	struct stat st, out;
	enum own own;
	int in_seeds;

	if (o->input != NULL && !o->folder && cli_same_file(o->path, o->input))
		return cli_usage_error(o->cmd, "%s: '%s' is the file the world is read from; writing there would replace it",
				       o->opt, o->path);
	/* standard output redirected to the file: the file would be
	 * renamed over, and what the command prints would go with the old one */
	if (!o->folder && fstat(STDOUT_FILENO, &out) == 0 && S_ISREG(out.st_mode) && stat(o->path, &st) == 0 &&
	    out.st_dev == st.st_dev && out.st_ino == st.st_ino)
		return cli_usage_error(o->cmd, "%s: '%s' is the file standard output goes to; writing there would replace "
				       "what %s prints", o->opt, o->path, o->cmd);
	/* a file already there: none of a seed's or a sweep's own is replaced
	 * (a folder's files are named by the command, none of them theirs);
	 * another file beside them is no part of either; nor is one in a
	 * folder a sweep writes, but the command's own there (o->sweep's
	 * o->sub/) */
	if (!o->folder && stat(o->path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		cli_output_folder(o->path, folder, sizeof folder);
		snprintf(name, sizeof name, "%s", realpath(o->path, real) != NULL ? real : o->path);
		own = smugnet_folder(folder) ? own_file(folder, basename(name)) : OWN_NONE;
		/* the sweep loads without its script: what is lost is the script
		 * (it said the sweep 'would no longer load') */
		if (own == OWN_SCRIPT)
			return cli_usage_error(o->cmd, "%s: '%s' is the Slurm script of the sweep in '%s' (sweep slurm "
					       "wrote it); writing there would replace it", o->opt, o->path, folder);
		if (own == OWN_LOADED)
			return cli_usage_error(o->cmd,
					       "%s: '%s' would replace a file of the seed or sweep in '%s', which would "
					       "no longer load",
					       o->opt, o->path, folder);
		if ((sub = cli_sweep_subfolder(folder, sweep, sizeof sweep)) != NULL &&
		    !(o->sweep != NULL && strcmp(sub, o->sub) == 0 && cli_same_file(sweep, o->sweep)))
			return cli_usage_error(o->cmd,
					       "%s: '%s' is in the %s/ folder of the sweep in '%s'; writing there would "
					       "replace a file the sweep wrote",
					       o->opt, o->path, sub, sweep);
	}
	/* nor may anything new go where only seeds or only results lie */
	output_where(o->path, where, sizeof where);
	if ((in_seeds = in_vault_seeds(where, o->vault, seeds, sizeof seeds)) != 0)
		return cli_usage_error(o->cmd,
				       "%s: '%s' is %s vault's seeds folder '%s', which holds only seeds "
				       "(smugnet-seed(5)); give a %s outside it",
				       o->opt, o->path, in_seeds == 2 ? "the" : "inside the", seeds, what);
	if (in_sweep_results(where, sweep, sizeof sweep))
		return cli_usage_error(o->cmd,
				       "%s: '%s' is in the results/ folder of the sweep in '%s', which holds only "
				       "results (sweep collect refuses any other file); give a %s outside it",
				       o->opt, o->path, sweep, what);
	/* a folder where a file goes: refused now, not after the work (a
	 * run of many days wrote its journal at the end, then failed) */
	if (!o->folder && stat(o->path, &st) == 0 && S_ISDIR(st.st_mode))
		return cli_usage_error(o->cmd, "%s: '%s' is a folder; give a file", o->opt, o->path);
	/* so is a link that leads to no file, which cli_atomic_open refuses
	 * (what it names is not made through a link) */
	if (!o->folder && stat(o->path, &st) != 0 && lstat(o->path, &st) == 0 && S_ISLNK(st.st_mode))
		return cli_usage_error(o->cmd, "%s: '%s' is a link to nothing; give a file", o->opt, o->path);
	return EXIT_OK;
}

int cli_output_in_spares(struct cli_output o, const char *dir, const char *name)
{
	char path[PATH_MAX + 256];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return EXIT_OK;
	o.path = path;
	return cli_output_spares(&o);
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

/* Whether entry is ".NAME.PID.tmp", the temporary file cli_atomic_open
 * makes for a file NAME: NAME's length in *len (NAME starts at entry + 1). */
static bool tmp_name_of(const char *entry, size_t *len)
{
	size_t n = strlen(entry), k = strlen(".tmp");

	if (entry[0] != '.' || n < 1 + k || strcmp(entry + n - k, ".tmp") != 0)
		return false;
	n -= k; /* past the PID's last digit */
	if (n < 1 || entry[n - 1] < '0' || entry[n - 1] > '9')
		return false;
	while (n > 0 && entry[n - 1] >= '0' && entry[n - 1] <= '9')
		n--;
	if (n < 2 || entry[n - 1] != '.')
		return false;
	*len = n - 2; /* between the leading '.' and the one before PID */
	return true;
}

void cli_tmp_remove_stale(const char *tmp_dir, cli_tmp_stale_fn stale, const void *arg)
{
	char path[8200];
	struct dirent *e;
	DIR *d = opendir(tmp_dir);
	size_t len;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		bool tmp = tmp_name_of(e->d_name, &len);

		if (stale(e->d_name, tmp ? e->d_name + 1 : NULL, tmp ? len : 0, arg)) {
			snprintf(path, sizeof path, "%s/%s", tmp_dir, e->d_name);
			cli_unlink_unheld(path); /* only what no one holds */
		}
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
/* Why a link to real (a regular file) is not written through, or NULL:
 * it leads to a seed's or a sweep's own file, or into a sweep's results/
 * (the last guard, for every writer: a link there in a folder the command
 * writes itself, results/I.json to a seed's journal.jsonl, replaced the
 * seed's file, which then no longer loaded). why is built in buf. */
static const char *link_spares(const char *real, char *buf, size_t size)
{
	char copy[PATH_MAX + 1], folder[PATH_MAX + 1], name[PATH_MAX + 1], sweep[PATH_MAX + 1];

	snprintf(copy, sizeof copy, "%s", real);
	snprintf(folder, sizeof folder, "%s", dirname(copy));
	snprintf(name, sizeof name, "%s", real);
	if (smugnet_folder(folder) && own_file(folder, basename(name)) != OWN_NONE)
		snprintf(buf, size, "it is a link to '%s', a file of the seed or sweep in '%s'", real, folder);
	else if (in_sweep_results(folder, sweep, sizeof sweep))
		snprintf(buf, size, "it is a link into the results/ folder of the sweep in '%s'", sweep);
	else
		return NULL;
	return buf;
}

int cli_atomic_open(struct cli_atomic *a, const char *path, const char *tmp_dir)
{
	struct stat st;
	char dir[4096], name[4096], real[PATH_MAX], because[2 * PATH_MAX + 96];
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
			why = link_spares(real, because, sizeof because);
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
