/* Opening input files: the one primitive every loader reads through.
 * Only regular files are read: the path is looked at first (so a device
 * is never even opened), then opened non-blocking (so a FIFO cannot hang
 * the program) and checked again on the descriptor, which must be the
 * same regular file; files past SMUG_FILE_MAX bytes are refused before a
 * byte is read, and the bytes come from that descriptor. The vault's own
 * files are opened with O_NOFOLLOW: a symbolic link is refused, never
 * followed. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"

const char *file_kind_name(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISREG(mode))
		return "a regular file";
	return "not a regular file";
}

static enum smug_status open_error(const char *shown, int e, unsigned flags, struct smug_error *err)
{
	if (e == ENOENT)
		return smug_error_set(err, SMUG_ERR_NOT_FOUND, "%s: cannot read (%s)", shown, strerror(e));
	if ((flags & FILE_NOFOLLOW) && e == ELOOP)
		return smug_error_set(err, SMUG_ERR_IO,
				      "%s: is a symbolic link (the vault never follows links)", shown);
	return smug_error_set(err, SMUG_ERR_IO, "%s: cannot read (%s)", shown, strerror(e));
}

static enum smug_status check_kind(const char *shown, const struct stat *sb, struct smug_error *err)
{
	if (S_ISLNK(sb->st_mode))
		return smug_error_set(err, SMUG_ERR_IO,
				      "%s: is a symbolic link (the vault never follows links)", shown);
	if (!S_ISREG(sb->st_mode))
		return smug_error_set(err, SMUG_ERR_IO, "%s: not a regular file (%s)", shown,
				      file_kind_name(sb->st_mode));
	if (sb->st_size < 0 || (uintmax_t)sb->st_size > SMUG_FILE_MAX)
		return smug_error_set(err, SMUG_ERR_IO, "%s: %jd bytes, more than the limit of %d bytes",
				      shown, (intmax_t)sb->st_size, SMUG_FILE_MAX);
	return SMUG_OK;
}

enum smug_status file_read_at(int dirfd, const char *name, const char *shown, unsigned flags, char **text,
			      size_t *len, struct smug_error *err)
{
	struct stat before, sb;
	enum smug_status st;
	size_t size, got = 0;
	char *p, extra;
	int fd;

	if (fstatat(dirfd, name, &before, (flags & FILE_NOFOLLOW) ? AT_SYMLINK_NOFOLLOW : 0) != 0)
		return open_error(shown, errno, flags, err);
	if ((st = check_kind(shown, &before, err)) != SMUG_OK)
		return st;
	fd = openat(dirfd, name,
		    O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | ((flags & FILE_NOFOLLOW) ? O_NOFOLLOW : 0));
	if (fd < 0)
		return open_error(shown, errno, flags, err);
	if (fstat(fd, &sb) != 0) {
		st = smug_error_set(err, SMUG_ERR_IO, "%s: cannot read (%s)", shown, strerror(errno));
		close(fd);
		return st;
	}
	if ((st = check_kind(shown, &sb, err)) != SMUG_OK) {
		close(fd);
		return st;
	}
	if (sb.st_dev != before.st_dev || sb.st_ino != before.st_ino) {
		close(fd);
		return smug_error_set(err, SMUG_ERR_IO, "%s: replaced while being opened", shown);
	}
	size = (size_t)sb.st_size;
	p = xmalloc(size + 1);
	while (got < size) {
		ssize_t k = read(fd, p + got, size - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			st = k < 0 ? smug_error_set(err, SMUG_ERR_IO, "%s: cannot read (%s)", shown, strerror(errno))
				   : smug_error_set(err, SMUG_ERR_IO, "%s: changed size while being read", shown);
			free(p);
			close(fd);
			return st;
		}
		got += (size_t)k;
	}
	/* one more byte: a file that grew while we read is not what we checked */
	for (;;) {
		ssize_t k = read(fd, &extra, 1);

		if (k < 0 && errno == EINTR)
			continue;
		if (k != 0) {
			free(p);
			close(fd);
			return smug_error_set(err, SMUG_ERR_IO, "%s: changed size while being read", shown);
		}
		break;
	}
	close(fd);
	p[size] = '\0';
	*text = p;
	*len = size;
	return SMUG_OK;
}

enum smug_status smug_file_read(const char *path, char **text, size_t *len, struct smug_error *err)
{
	return file_read_at(AT_FDCWD, path, path, 0, text, len, err);
}

enum smug_status smug_world_load_file(const char *path, struct smug_world **out, struct smug_error *err)
{
	char *text;
	size_t len;
	enum smug_status st;

	if ((st = smug_file_read(path, &text, &len, err)) != SMUG_OK)
		return st;
	st = smug_world_load_json(text, len, path, out, err);
	free(text);
	return st;
}
