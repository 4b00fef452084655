/* Whole-file reads and atomic writes for the command line: a file is
 * written to a temporary name in a scratch folder on the same file
 * system, flushed to disk, then renamed into place, so a reader sees the
 * old file or the whole new one, never a part. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

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

int cli_atomic_open(struct cli_atomic *a, const char *path, const char *tmp_dir)
{
	char copy[4096];

	snprintf(a->path, sizeof a->path, "%s", path);
	snprintf(copy, sizeof copy, "%s", path);
	if (tmp_dir && cli_mkdir(tmp_dir) != EXIT_OK)
		return EXIT_WRITE;
	snprintf(a->tmp, sizeof a->tmp, "%s/.%s.%ld.tmp", tmp_dir ? tmp_dir : dirname(copy),
		 basename(copy), (long)getpid());
	if ((a->f = fopen(a->tmp, "wb")) == NULL) {
		/* beside the file: the file's own name (its folder is missing or
		 * closed), not the temporary one the user never gave */
		fprintf(stderr, "%s: cannot write: %s\n", tmp_dir ? a->tmp : path, strerror(errno));
		return EXIT_WRITE;
	}
	return EXIT_OK;
}

void cli_atomic_abort(struct cli_atomic *a)
{
	if (a->f) {
		fclose(a->f);
		unlink(a->tmp);
		a->f = NULL;
	}
}

int cli_atomic_commit(struct cli_atomic *a)
{
	int bad = fflush(a->f) != 0 || ferror(a->f) || fsync(fileno(a->f)) != 0;

	bad = fclose(a->f) != 0 || bad;
	a->f = NULL;
	if (bad || rename(a->tmp, a->path) != 0 || fsync_dir(a->path) != 0) {
		fprintf(stderr, "%s: cannot write: %s\n", a->path, strerror(errno ? errno : EIO));
		unlink(a->tmp);
		return EXIT_WRITE;
	}
	return EXIT_OK;
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
	return cli_atomic_commit(&a);
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
		fprintf(stderr, "%s: cannot create: it exists and is not a folder\n", path);
		return EXIT_WRITE;
	}
	return EXIT_OK;
}
