/* Input files and JSON text: the one routine every loader reads files
 * with (regular files only, a size limit, links refused for the vault's
 * own files, FIFOs never waited on) and the strict-JSON pre-pass (NUL
 * bytes, invalid UTF-8, \u0000, nesting depth, and RFC 8259's lexical
 * rules cJSON lets through: white space, control characters and escapes
 * in strings, the form of numbers) with exact positions and numbers in
 * the messages. */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core.h"
#include "core/json.h"
#include "test_util.h"

static char dir[256];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/smugnet-input-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
	test_remove_tree(dir);
}

static void path_of(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

static void write_text(const char *name, const char *text)
{
	char p[300];
	FILE *f;

	path_of(p, sizeof p, name);
	ck_assert_ptr_nonnull(f = fopen(p, "wb"));
	fputs(text, f);
	fclose(f);
}

/* Read name from dir; the status, and the message in err. */
static enum smug_status read_named(const char *name, struct smug_error *err)
{
	char p[300], *text = NULL;
	size_t len = 0;
	enum smug_status st;

	path_of(p, sizeof p, name);
	st = smug_file_read(p, &text, &len, err);
	free(text);
	return st;
}

START_TEST(test_input_regular_file_whole)
{
	char p[300], *text = NULL;
	size_t len = 0;
	struct smug_error err;

	make_dir();
	write_text("a.json", "{\"x\": 1}\n");
	path_of(p, sizeof p, "a.json");
	ck_assert_int_eq(smug_file_read(p, &text, &len, &err), SMUG_OK);
	ck_assert_uint_eq(len, 9);
	ck_assert_str_eq(text, "{\"x\": 1}\n");
	free(text);
	remove_dir();
}
END_TEST

/* Reads path in a child with errno left at EINTR and an alarm that ends
 * the child if the read never returns. want is the text the read must
 * give, or NULL when it must be refused with a message holding refusal.
 * Returns the child's wait status: exited 0 when the read ended as wanted. */
static int read_with_stale_eintr(const char *path, const char *want, const char *refusal)
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char *text = NULL;
		size_t len = 0;
		struct smug_error err;
		enum smug_status st;
		bool ok;

		signal(SIGALRM, SIG_DFL);
		alarm(3);
		errno = EINTR;
		st = smug_file_read(path, &text, &len, &err);
		ok = want != NULL ? st == SMUG_OK && len == strlen(want) && strcmp(text, want) == 0
				  : st == SMUG_ERR_IO && strstr(err.msg, refusal) != NULL;
		_exit(ok ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

/* errno left at EINTR by an earlier interrupted call (the cockpit's
 * getch after a resize, say) is not taken for an interrupted read: a
 * file, empty or not, is read whole and the read returns, and a file that
 * reads shorter than the size it states (a sysfs file states 4096 bytes)
 * is refused as changed while being read. */
START_TEST(test_input_read_ends_with_a_stale_eintr)
{
	static const char *const texts[] = {"{\"x\": 1}\n", ""};
	static const char sysf[] = "/sys/kernel/mm/transparent_hugepage/enabled";
	struct stat sb;
	char buf[4096];
	ssize_t got = -1;
	int fd, status;

	make_dir();
	for (int i = 0; i < 2; i++) {
		char p[300];

		write_text("e.json", texts[i]);
		path_of(p, sizeof p, "e.json");
		status = read_with_stale_eintr(p, texts[i], NULL);
		ck_assert_msg(WIFEXITED(status), "%zu-byte file, errno EINTR before the read: no return in 3 s",
			      strlen(texts[i]));
		ck_assert_msg(WEXITSTATUS(status) == 0, "%zu-byte file, errno EINTR before the read: not read whole",
			      strlen(texts[i]));
	}
	remove_dir();
	if ((fd = open(sysf, O_RDONLY)) >= 0) {
		got = read(fd, buf, sizeof buf);
		close(fd);
	}
	if (got < 0 || stat(sysf, &sb) != 0 || sb.st_size <= got)
		return; /* no file here that reads short */
	status = read_with_stale_eintr(sysf, NULL, ": changed size while being read");
	ck_assert_msg(WIFEXITED(status), "%s (%jd bytes stated, %zd read), errno EINTR before the read: no return in 3 s",
		      sysf, (intmax_t)sb.st_size, got);
	ck_assert_msg(WEXITSTATUS(status) == 0,
		      "%s (%jd bytes stated, %zd read), errno EINTR before the read: not refused as changed size", sysf,
		      (intmax_t)sb.st_size, got);
}
END_TEST

START_TEST(test_input_refuses_what_is_not_a_regular_file)
{
	char p[300];
	struct smug_error err;
	int fd;

	make_dir();
	path_of(p, sizeof p, "sub.json");
	ck_assert_int_eq(mkdir(p, 0700), 0);
	ck_assert_int_eq(read_named("sub.json", &err), SMUG_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "sub.json: not a regular file (a directory)"));
	/* a FIFO nobody writes to: refused at once, not waited on */
	path_of(p, sizeof p, "pipe.json");
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	ck_assert_int_eq(read_named("pipe.json", &err), SMUG_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "pipe.json: not a regular file (a FIFO)"));
	ck_assert_int_eq(smug_file_read("/dev/null", &(char *){NULL}, &(size_t){0}, &err), SMUG_ERR_IO);
	ck_assert_str_eq(err.msg, "/dev/null: not a regular file (a character device)");
	ck_assert_int_eq(read_named("missing.json", &err), SMUG_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "missing.json: cannot read (No such file or directory)"));
	/* one byte past the limit, refused before anything is read */
	path_of(p, sizeof p, "big.json");
	ck_assert_int_ge(fd = open(p, O_WRONLY | O_CREAT, 0600), 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)SMUG_FILE_MAX + 1), 0);
	close(fd);
	ck_assert_int_eq(read_named("big.json", &err), SMUG_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "big.json: 268435457 bytes, more than the limit of 268435456 bytes"));
	/* exactly the limit: read, every byte */
	path_of(p, sizeof p, "limit.json");
	ck_assert_int_ge(fd = open(p, O_WRONLY | O_CREAT, 0600), 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)SMUG_FILE_MAX), 0);
	close(fd);
	{
		char *text = NULL;
		size_t len = 0;

		ck_assert_msg(smug_file_read(p, &text, &len, &err) == SMUG_OK, "a file of the limit's size: %s", err.msg);
		ck_assert_uint_eq(len, SMUG_FILE_MAX);
		free(text);
	}
	ck_assert_int_eq(unlink(p), 0);
	/* a socket someone left where a scenario was expected */
	{
		struct sockaddr_un sa = {.sun_family = AF_UNIX};
		int sk = socket(AF_UNIX, SOCK_STREAM, 0);

		ck_assert_int_ge(sk, 0);
		path_of(p, sizeof p, "sock.json");
		ck_assert_uint_lt(strlen(p), sizeof sa.sun_path);
		memcpy(sa.sun_path, p, strlen(p) + 1);
		ck_assert_int_eq(bind(sk, (struct sockaddr *)&sa, sizeof sa), 0);
		ck_assert_int_eq(read_named("sock.json", &err), SMUG_ERR_IO);
		ck_assert_ptr_nonnull(strstr(err.msg, "sock.json: not a regular file (a socket)"));
		close(sk);
	}
	/* a block device, where the machine has one to look at */
	{
		struct stat sb;

		if (stat("/dev/loop0", &sb) == 0 && S_ISBLK(sb.st_mode)) {
			ck_assert_int_eq(smug_file_read("/dev/loop0", &(char *){NULL}, &(size_t){0}, &err), SMUG_ERR_IO);
			ck_assert_str_eq(err.msg, "/dev/loop0: not a regular file (a block device)");
		}
	}
	remove_dir();
}
END_TEST

/* A user's path may lead through a link; the vault's own files may not. */
START_TEST(test_input_links_followed_only_for_user_paths)
{
	char p[300], target[300], *text = NULL;
	size_t len = 0;
	struct smug_error err;

	make_dir();
	write_text("real.json", "[]");
	path_of(target, sizeof target, "real.json");
	path_of(p, sizeof p, "link.json");
	ck_assert_int_eq(symlink(target, p), 0);
	ck_assert_int_eq(smug_file_read(p, &text, &len, &err), SMUG_OK);
	ck_assert_str_eq(text, "[]");
	free(text);
	text = NULL;
	ck_assert_int_eq(file_read_at(AT_FDCWD, p, "link.json", FILE_NOFOLLOW, &text, &len, &err), SMUG_ERR_IO);
	ck_assert_str_eq(err.msg, "link.json: is a symbolic link (the vault never follows links)");
	ck_assert_ptr_null(text);
	/* a user's path through a loop of links is unreadable, not "a link
	 * the vault refuses"; and a vault path that fails for another
	 * reason says that reason */
	{
		char a[300], b[300], want[400], under[320];

		path_of(a, sizeof a, "loop-a.json");
		path_of(b, sizeof b, "loop-b.json");
		ck_assert_int_eq(symlink(b, a), 0);
		ck_assert_int_eq(symlink(a, b), 0);
		ck_assert_int_eq(smug_file_read(a, &text, &len, &err), SMUG_ERR_IO);
		snprintf(want, sizeof want, "%s: cannot read (%s)", a, strerror(ELOOP));
		ck_assert_str_eq(err.msg, want);
		snprintf(under, sizeof under, "%s/x.json", target);
		ck_assert_int_eq(file_read_at(AT_FDCWD, under, "x.json", FILE_NOFOLLOW, &text, &len, &err), SMUG_ERR_IO);
		snprintf(want, sizeof want, "x.json: cannot read (%s)", strerror(ENOTDIR));
		ck_assert_str_eq(err.msg, want);
		ck_assert_ptr_null(text);
		unlink(a);
		unlink(b);
	}
	remove_dir();
}
END_TEST

/* ---- strict JSON text, through the scenario loader ---- */

static char *tiny(size_t *len)
{
	char *t = test_slurp(SRCDIR "/data/tiny.json", len);

	ck_assert_ptr_nonnull(t);
	return t;
}

/* tiny.json with the bytes at its first `find` replaced by repl (of
 * repl_len bytes); the loader's status and message. */
static enum smug_status load_with(const char *find, const char *repl, size_t repl_len, struct smug_error *err,
				  size_t *offset)
{
	size_t len, flen = strlen(find);
	char *t = tiny(&len), *at = strstr(t, find), *buf;
	struct smug_world *w = NULL;
	enum smug_status st;

	ck_assert_msg(at != NULL, "'%s' not in tiny.json", find);
	buf = malloc(len + repl_len + 1);
	memcpy(buf, t, (size_t)(at - t));
	memcpy(buf + (at - t), repl, repl_len);
	memcpy(buf + (at - t) + repl_len, at + flen, len - (size_t)(at - t) - flen + 1);
	if (offset)
		*offset = (size_t)(at - t);
	st = smug_world_load_json(buf, len - flen + repl_len, "t.json", &w, err);
	smug_world_free(w);
	free(buf);
	free(t);
	return st;
}

/* "line L byte B (offset O)" of offset off in tiny.json. */
static void position_in_tiny(size_t off, char *out, size_t size)
{
	size_t len, bol = 0;
	char *t = tiny(&len);
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (t[i] == '\n') {
			line++;
			bol = i + 1;
		}
	snprintf(out, size, "t.json: line %d byte %zu (offset %zu)", line, off - bol + 1, off);
	free(t);
}

START_TEST(test_input_nul_byte_refused_with_its_position)
{
	struct smug_error err;
	char want[128];
	size_t off;

	ck_assert_int_eq(load_with("\"id\"", "\0\"id\"", 5, &err, &off), SMUG_ERR_PARSE);
	position_in_tiny(off, want, sizeof want);
	strcat(want, ": NUL byte");
	ck_assert_str_eq(err.msg, want);
	/* after the JSON too (it used to pass as white space) */
	{
		size_t len;
		char *t = tiny(&len);
		struct smug_world *w = NULL;

		t = realloc(t, len + 2);
		t[len] = '\0';
		ck_assert_int_eq(smug_world_load_json(t, len + 1, "t.json", &w, &err), SMUG_ERR_PARSE);
		ck_assert_ptr_nonnull(strstr(err.msg, ": NUL byte"));
		free(t);
	}
}
END_TEST

struct utf8_case {
	const char *bytes, *why;
};

static const struct utf8_case bad_utf8[] = {
	{"\xff", "invalid UTF-8 (byte 0xff)"},
	{"\xc0\xaf", "invalid UTF-8 (byte 0xc0)"},	   /* overlong '/' */
	{"\xe0\x80\xaf", "invalid UTF-8 (byte 0xe0)"},	   /* overlong, 3 bytes */
	{"\xed\xa0\x80", "invalid UTF-8 (byte 0xed)"},	   /* a UTF-16 surrogate */
	{"\xf4\x90\x80\x80", "invalid UTF-8 (byte 0xf4)"}, /* past U+10FFFF */
	{"\xc3", "invalid UTF-8 (byte 0xc3)"},		   /* cut short */
	{"\x80", "invalid UTF-8 (byte 0x80)"},		   /* a lone continuation */
};

START_TEST(test_input_invalid_utf8_refused_with_its_position)
{
	const struct utf8_case *c = &bad_utf8[_i];
	char repl[64], want[160];
	struct smug_error err;
	size_t off;

	/* inside the scenario's name */
	snprintf(repl, sizeof repl, "\"name\": \"T%s", c->bytes);
	ck_assert_int_eq(load_with("\"name\": \"", repl, strlen(repl), &err, &off), SMUG_ERR_PARSE);
	position_in_tiny(off + 10, want, sizeof want);
	strcat(want, ": ");
	strcat(want, c->why);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(test_input_valid_utf8_names_load)
{
	static const char *const good[] = {"Ward \xc3\xa9", "\xe2\x82\xac 5", "\xf0\x9f\x98\x80", "\xef\xbb\xbf"};
	struct smug_error err;

	for (int i = 0; i < 4; i++) {
		char repl[64];

		snprintf(repl, sizeof repl, "\"name\": \"%s", good[i]);
		ck_assert_msg(load_with("\"name\": \"", repl, strlen(repl), &err, NULL) == SMUG_OK, "%s", err.msg);
	}
}
END_TEST

START_TEST(test_input_escaped_nul_refused)
{
	struct smug_error err;

	ck_assert_int_eq(load_with("\"name\": \"", "\"name\": \"a\\u0000b", 17, &err, NULL), SMUG_ERR_PARSE);
	ck_assert_ptr_nonnull(strstr(err.msg, ": \\u0000 in a string"));
	/* an escaped backslash before "u0000" is not the escape */
	ck_assert_msg(load_with("\"name\": \"", "\"name\": \"a\\\\u0000b", 18, &err, NULL) == SMUG_OK, "%s", err.msg);
}
END_TEST

/* depth nested arrays as the value of the scenario's name */
static enum smug_status nested(int depth, struct smug_error *err)
{
	char repl[600];
	size_t n = 0;

	n += (size_t)snprintf(repl, sizeof repl, "\"name\": ");
	for (int i = 0; i < depth; i++)
		repl[n++] = '[';
	for (int i = 0; i < depth; i++)
		repl[n++] = ']';
	n += (size_t)snprintf(repl + n, sizeof repl - n, ", \"x\": \"");
	return load_with("\"name\": \"", repl, n, err, NULL);
}

START_TEST(test_input_nesting_depth_named_exactly)
{
	struct smug_error err;

	/* the root object is level 1: 63 arrays inside it are 64 levels, the
	 * limit; the scenario is then refused for its content, not its text */
	ck_assert_int_eq(nested(63, &err), SMUG_ERR_SCHEMA);
	ck_assert_int_eq(nested(64, &err), SMUG_ERR_PARSE);
	ck_assert_ptr_nonnull(strstr(err.msg, ": nesting deeper than 64"));
	ck_assert_int_eq(nested(250, &err), SMUG_ERR_PARSE);
	ck_assert_ptr_nonnull(strstr(err.msg, ": nesting deeper than 64"));
}
END_TEST

START_TEST(test_input_numbers_printed_exactly)
{
	struct smug_error err;

	ck_assert_int_eq(load_with("\"seed\": 1", "\"seed\": 9007199254740993", 24, &err, NULL), SMUG_ERR_SCHEMA);
	ck_assert_str_eq(err.msg, "t.json: seed: expected number in [0,9007199254740991], got 9007199254740992");
	ck_assert_int_eq(load_with("\"seed\": 1", "\"seed\": 0.1", 11, &err, NULL), SMUG_ERR_SCHEMA);
	ck_assert_str_eq(err.msg, "t.json: seed: expected integer, got 0.1");
	ck_assert_int_eq(load_with("\"seed\": 1", "\"seed\": 123456789.125", 21, &err, NULL), SMUG_ERR_SCHEMA);
	ck_assert_str_eq(err.msg, "t.json: seed: expected integer, got 123456789.125");
}
END_TEST

/* A refused number is echoed whole while it is below 10^18 in
 * magnitude (every digit, the largest double below 10^18 too) and from
 * 10^18 on in the shortest exponent form that reads back to it. */
START_TEST(test_input_large_numbers_echoed_whole_below_1e18)
{
	static const struct {
		const char *text, *got;
	} cases[] = {
		{"1e17", "100000000000000000"},
		{"999999999999999872", "999999999999999872"},
		{"-999999999999999872", "-999999999999999872"},
		{"1e18", "1e+18"},
		{"-1e18", "-1e+18"},
		{"1.5e18", "1.5e+18"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct smug_error err;
		char repl[64], want[160];
		int n = snprintf(repl, sizeof repl, "\"seed\": %s", cases[i].text);

		ck_assert_int_eq(load_with("\"seed\": 1", repl, (size_t)n, &err, NULL), SMUG_ERR_SCHEMA);
		snprintf(want, sizeof want, "t.json: seed: expected number in [0,9007199254740991], got %s", cases[i].got);
		ck_assert_str_eq(err.msg, want);
	}
}
END_TEST

/* An independent UTF-8 reader (RFC 3629 from its definition: the lead
 * byte gives the length, continuations are 10xxxxxx, the code point must
 * need that length, no surrogates, nothing past U+10FFFF): the length of
 * the valid sequence at s[0..n), or 0. */
static size_t ref_utf8_len(const unsigned char *s, size_t n)
{
	static const unsigned long min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t need;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		need = 2, cp = s[0] & 0x1fu;
	else if ((s[0] & 0xf0) == 0xe0)
		need = 3, cp = s[0] & 0x0fu;
	else if ((s[0] & 0xf8) == 0xf0)
		need = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (n < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if (cp < min_cp[need] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return need;
}

/* Every lead byte with every second byte (two bytes), and every lead
 * byte with continuation bytes after it (every one after the lead of a
 * three- or four-byte form, the range's edges after any other) and then
 * bytes at the edges of each range, inside a JSON string: accepted
 * exactly when the reference reader accepts the sequence, else refused
 * naming the first bad byte at its offset. */
START_TEST(test_input_utf8_matches_the_definition)
{
	static const unsigned char edge[] = {0x00, 0x20, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
	unsigned char text[16];
	struct smug_error err;
	int checked = 0, good = 0;

	for (int a = 0; a < 256; a++)
		for (int b = 0; b < 256; b++)
			for (size_t c = 0; c < sizeof edge; c++)
				for (size_t d = 0; d < sizeof edge; d++) {
					unsigned char seq[4] = {(unsigned char)a, (unsigned char)b, edge[c], edge[d]};
					size_t n = c || d ? 4 : 2, k, bad;
					enum smug_status st;
					char want[96];

					/* b takes every value only where it decides alone */
					if ((c || d) && ((b & 0xc0) != 0x80 ||
							 ((a < 0xe0 || a > 0xf4) && b != 0x80 && b != 0xbf)))
						continue;
					if (memchr(seq, '"', n) || memchr(seq, '\\', n))
						continue;
					/* NUL and control characters: refused for themselves */
					if (seq[0] < 0x20 || seq[1] < 0x20 || (n == 4 && (seq[2] < 0x20 || seq[3] < 0x20)))
						continue;
					text[0] = '"';
					memcpy(text + 1, seq, n);
					text[1 + n] = '"';
					for (bad = 0; bad < n; bad += k)
						if ((k = ref_utf8_len(seq + bad, n - bad)) == 0)
							break;
					st = smug_json_check((const char *)text, n + 2, "u.json", &err);
					checked++;
					if (bad == n) {
						good++;
						ck_assert_msg(st == SMUG_OK, "%02x %02x %02x %02x refused: %s", seq[0], seq[1],
							      seq[2], seq[3], err.msg);
						continue;
					}
					snprintf(want, sizeof want,
						 "u.json: line 1 byte %zu (offset %zu): invalid UTF-8 (byte 0x%02x)", bad + 2,
						 bad + 1, seq[bad]);
					ck_assert_msg(st == SMUG_ERR_PARSE && strcmp(err.msg, want) == 0,
						      "%02x %02x %02x %02x: status %d '%s', expected '%s'", seq[0], seq[1],
						      seq[2], seq[3], st, st == SMUG_OK ? "" : err.msg, want);
				}
	ck_assert_int_gt(checked, 60000);
	ck_assert_int_gt(good, 1000);
}
END_TEST

/* The pre-pass skips plain bytes eight at a time: a NUL or a bad byte is
 * found at every offset of a long second line, in white space and inside
 * a string, and the position names the line and byte. */
START_TEST(test_input_problem_found_at_every_offset)
{
	char text[128], want[128];
	struct smug_error err;

	for (int in_string = 0; in_string < 2; in_string++)
		for (size_t at = in_string ? 21 : 4; at < 79; at++)
			for (int kind = 0; kind < 2; kind++) {
				memset(text, ' ', 80);
				text[3] = '\n'; /* line 2 starts at offset 4 */
				if (in_string) {
					memset(text + 21, 'x', 58);
					text[20] = text[79] = '"';
				}
				text[at] = kind ? '\xfe' : '\0';
				ck_assert_int_eq(smug_json_check(text, 80, "p.json", &err), SMUG_ERR_PARSE);
				snprintf(want, sizeof want, "p.json: line 2 byte %zu (offset %zu): %s", at - 3, at,
					 kind ? "invalid UTF-8 (byte 0xfe)" : "NUL byte");
				ck_assert_str_eq(err.msg, want);
			}
	/* a text cut right after a backslash in a string is read no further
	 * than its end (the sanitizer build sees a read past the buffer) */
	{
		char *cut = malloc(3);

		memcpy(cut, "\"a\\", 3);
		ck_assert_int_eq(smug_json_check(cut, 3, "p.json", &err), SMUG_OK);
		free(cut);
	}
	/* closing brackets give their depth back: 64 levels twice over pass */
	{
		char deep[256];
		size_t n = 0;

		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 64; i++)
				deep[n++] = '[';
			for (int i = 0; i < 64; i++)
				deep[n++] = ']';
		}
		ck_assert_int_eq(smug_json_check(deep, n, "p.json", &err), SMUG_OK);
	}
}
END_TEST

/* What cJSON reads but RFC 8259 does not allow, put into tiny.json:
 * refused by the pre-pass with its reason, at the byte `at` of the
 * replacement (where tiny.json has no new line before it). */
struct lexical_case {
	const char *find, *repl;
	size_t at;
	const char *why;
};

#define LC(find, repl, at, why) {find, repl, at, why}
static const struct lexical_case bad_lexical[] = {
	/* raw control characters inside a string */
	LC("\"name\": \"", "\"name\": \"a\tb", 10, "control character U+0009 in a string"),
	LC("\"name\": \"", "\"name\": \"a\x01" "b", 10, "control character U+0001 in a string"),
	LC("\"name\": \"", "\"name\": \"a\nb", 10, "control character U+000A in a string"),
	LC("\"name\": \"", "\"name\": \"a\x1f" "b", 10, "control character U+001F in a string"),
	/* control bytes as white space between tokens */
	LC("\"seed\": 1", "\"seed\":\x01\x02\x1f" "1", 7, "U+0001 is not JSON white space"),
	LC("\"seed\": 1", "\"seed\":\f1", 7, "U+000C is not JSON white space"),
	LC("\"seed\": 1", "\"seed\":\v1", 7, "U+000B is not JSON white space"),
	LC("\"seed\": 1", "\"seed\": 1\x1f", 9, "U+001F is not JSON white space"),
	/* numbers */
	LC("\"seed\": 1", "\"seed\": 01", 8, "leading zero in a number"),
	LC("\"hazard\": 0.02", "\"hazard\": 00.02", 10, "leading zero in a number"),
	LC("\"seed\": 1", "\"seed\": -01", 9, "leading zero in a number"),
	LC("\"seed\": 1", "\"seed\": -00", 9, "leading zero in a number"),
	LC("\"seed\": 1", "\"seed\": 1.", 10, "expected a digit after the decimal point"),
	LC("\"seed\": 1", "\"seed\": 1.e0", 10, "expected a digit after the decimal point"),
	LC("\"seed\": 1", "\"seed\": 0.", 10, "expected a digit after the decimal point"),
	LC("\"seed\": 1", "\"seed\": -", 9, "expected a digit after the minus sign"),
	LC("\"hazard\": 0.02", "\"hazard\": -.5", 11, "expected a digit after the minus sign"),
	LC("\"seed\": 1", "\"seed\": 1e", 10, "expected a digit in the exponent"),
	LC("\"seed\": 1", "\"seed\": 1E+", 11, "expected a digit in the exponent"),
	LC("\"seed\": 1", "\"seed\": 1.5e-x", 13, "expected a digit in the exponent"),
	/* escapes */
	LC("\"name\": \"", "\"name\": \"a\\x", 10, "invalid escape '\\x' in a string"),
	LC("\"name\": \"", "\"name\": \"a\\'", 10, "invalid escape '\\'' in a string"),
	LC("\"name\": \"", "\"name\": \"a\\U00e9", 10, "invalid escape '\\U' in a string"),
	LC("\"name\": \"", "\"name\": \"a\\\t", 10, "invalid escape in a string (byte 0x09 after a backslash)"),
	LC("\"name\": \"", "\"name\": \"a\\u12\", \"x\": \"", 10, "expected four hex digits after \\u in a string"),
	LC("\"name\": \"", "\"name\": \"a\\u12zz", 10, "expected four hex digits after \\u in a string"),
	LC("\"name\": \"", "\"name\": \"a\\u00g9", 10, "expected four hex digits after \\u in a string"),
};
#undef LC

START_TEST(test_input_lexical_rules_refused_with_their_position)
{
	const struct lexical_case *c = &bad_lexical[_i];
	struct smug_error err;
	char want[200];
	size_t off, len, bol = 0;
	char *t = tiny(&len);
	int line = 1;

	ck_assert_msg(load_with(c->find, c->repl, strlen(c->repl), &err, &off) == SMUG_ERR_PARSE, "'%s' not refused",
		      c->repl);
	/* the line of the replacement's start; no new line in it before at */
	for (size_t i = 0; i < off; i++)
		if (t[i] == '\n') {
			line++;
			bol = i + 1;
		}
	free(t);
	ck_assert_ptr_null(memchr(c->repl, '\n', c->at));
	snprintf(want, sizeof want, "t.json: line %d byte %zu (offset %zu)", line, off + c->at - bol + 1, off + c->at);
	strcat(want, ": ");
	strcat(want, c->why);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

/* What cJSON already refuses stays refused (as malformed JSON). */
START_TEST(test_input_other_bad_numbers_refused)
{
	static const char *const bad[] = {"\"hazard\": .5", "\"hazard\": +1", "\"hazard\": 0x10", "\"hazard\": 1.5.5",
					  "\"hazard\": Infinity"};
	struct smug_error err;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(load_with("\"hazard\": 0.02", bad[i], strlen(bad[i]), &err, NULL) == SMUG_ERR_PARSE,
			      "'%s' not refused", bad[i]);
		ck_assert_msg(strstr(err.msg, ": malformed JSON") != NULL, "%s: %s", bad[i], err.msg);
	}
}
END_TEST

/* Every form RFC 8259 allows still passes: numbers, escapes, raw UTF-8,
 * the four white space bytes between tokens, and JSON Lines (a value a
 * line, CR LF too). */
START_TEST(test_input_strict_forms_accepted)
{
	static const char *const good[] = {
		"[0, -0, 0.5, 1e5, 1E+5, -1.25e-3, 10, 1.5e+05, 0e0, -0.0E-0, 123456789012345678901234567890]",
		"[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u00E9 \\uD83D\\uDE00 \xc3\xa9 \x7f\"]",
		" \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ \t\r\n1 \t\r\n, \t\r\n\"01\" \t\r\n] \t\r\n} \t\r\n",
		"{\"type\":\"header\",\"n\":1}\n{\"type\":\"command\",\"x\":-2.5}\r\n{\"type\":\"check\"}\n",
		"[\"1. 01 -.5 \\\\x\"]", /* what numbers may not be is fine inside a string */
	};
	struct smug_error err;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(smug_json_check(good[i], strlen(good[i]), "g.json", &err) == SMUG_OK, "%s: %s", good[i],
			      err.msg);
	/* and through the scenario loader */
	{
		static const struct {
			const char *find, *repl;
		} loads[] = {
			{"\"seed\": 1", "\"seed\": 1E+0"},
			{"\"seed\": 1", "\"seed\":\t\r\n 1"},
			{"\"hazard\": 0.02", "\"hazard\": 2e-2"},
			{"\"name\": \"", "\"name\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \xc3\xa9"},
		};

		for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++)
			ck_assert_msg(load_with(loads[i].find, loads[i].repl, strlen(loads[i].repl), &err, NULL) ==
					      SMUG_OK,
				      "%s: %s", loads[i].repl, err.msg);
	}
	/* a number on a later line of JSON Lines is named by its line */
	ck_assert_int_eq(smug_json_check("{\"a\":1}\n{\"b\":1.}\n", 18, "j.jsonl", &err), SMUG_ERR_PARSE);
	ck_assert_str_eq(err.msg, "j.jsonl: line 2 byte 8 (offset 15): expected a digit after the decimal point");
	/* a number or escape cut by the text's end is named at the end */
	ck_assert_int_eq(smug_json_check("[1,\n-", 5, "e.json", &err), SMUG_ERR_PARSE);
	ck_assert_str_eq(err.msg, "e.json: line 2 byte 2 (offset 5): expected a digit after the minus sign");
}
END_TEST

/* Control bytes and a leading zero are found at every offset of a long
 * second line (the pre-pass skips plain bytes eight at a time), in
 * white space and inside a string; digits inside a string are no number. */
START_TEST(test_input_lexical_problem_found_at_every_offset)
{
	char text[128], want[160];
	struct smug_error err;

	for (int in_string = 0; in_string < 2; in_string++)
		for (size_t at = in_string ? 21 : 4; at < 78; at++)
			for (int kind = 0; kind < 3; kind++) {
				enum smug_status st;

				memset(text, ' ', 80);
				text[3] = '\n';
				if (in_string) {
					memset(text + 21, 'x', 58);
					text[20] = text[79] = '"';
				}
				if (kind == 2)
					memcpy(text + at, "01", 2);
				else
					text[at] = kind ? '\x1f' : '\t';
				st = smug_json_check(text, 80, "p.json", &err);
				if (kind == 0 && !in_string) { /* a tab is white space */
					ck_assert_int_eq(st, SMUG_OK);
					continue;
				}
				if (kind == 2 && in_string) {
					ck_assert_int_eq(st, SMUG_OK);
					continue;
				}
				ck_assert_int_eq(st, SMUG_ERR_PARSE);
				snprintf(want, sizeof want, "p.json: line 2 byte %zu (offset %zu): %s", at - 3, at,
					 kind == 2 ? "leading zero in a number"
					 : in_string ? (kind ? "control character U+001F in a string"
							     : "control character U+0009 in a string")
						     : "U+001F is not JSON white space");
				ck_assert_str_eq(err.msg, want);
			}
}
END_TEST

START_TEST(test_input_json_check_for_hosts)
{
	struct smug_error err;

	ck_assert_int_eq(smug_json_check("{\"a\": [1, 2]}", 13, "x.json", &err), SMUG_OK);
	ck_assert_int_eq(smug_json_check("{\"a\":\n\"\xfe\"}", 10, "x.json", &err), SMUG_ERR_PARSE);
	ck_assert_str_eq(err.msg, "x.json: line 2 byte 2 (offset 7): invalid UTF-8 (byte 0xfe)");
}
END_TEST

/* A text cJSON cannot read is refused at the byte where it gave up: its
 * first when that one starts no value, the last when the text ends early. */
START_TEST(test_input_malformed_json_named_where_it_fails)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"x\n", "m.json: line 1 byte 1 (offset 0): malformed JSON"},
		{"@ {}", "m.json: line 1 byte 1 (offset 0): malformed JSON"},
		{"\n\n  nope", "m.json: line 3 byte 3 (offset 4): malformed JSON"},
		{"{\"a\":\n[1,", "m.json: line 2 byte 3 (offset 8): malformed JSON"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct smug_world *w = NULL;
		struct smug_error err;

		ck_assert_int_eq(smug_world_load_json(cases[i].text, strlen(cases[i].text), "m.json", &w, &err),
				 SMUG_ERR_PARSE);
		ck_assert_msg(strcmp(err.msg, cases[i].msg) == 0, "'%s': '%s', want '%s'", cases[i].text, err.msg,
			      cases[i].msg);
		ck_assert_ptr_null(w);
	}
}
END_TEST

/* A key twice in an object is refused after parsing (cJSON keeps both
 * members and its look-ups take the first), in any object at any depth,
 * with the path of the second member: the first such member in the text
 * when there are several, also in objects large enough to be sorted. */
START_TEST(test_input_duplicate_keys_refused_with_their_path)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"{\"a\":1,\"a\":1}", "d.json: a: duplicate key 'a'"},
		{"{\"\":1,\"b\":2,\"\":3}", "d.json: : duplicate key ''"},
		{"{\"a\":{\"b\":[0,{\"c\":1,\"d\":2,\"c\":3}]}}", "d.json: a.b[1].c: duplicate key 'c'"},
		{"[{\"x\":1},{\"x\":1,\"x\":1}]", "d.json: [1].x: duplicate key 'x'"},
		/* the nested one comes first in the text, then the outer one */
		{"{\"a\":1,\"b\":{\"c\":1,\"c\":2},\"a\":2}", "d.json: b.c: duplicate key 'c'"},
		{"{\"a\":1,\"b\":{\"c\":1},\"a\":2,\"d\":{\"e\":1,\"e\":2}}", "d.json: a: duplicate key 'a'"},
		/* one key, escaped and not */
		{"{\"k\\u00e9\":1,\"k\xc3\xa9\":2}", "d.json: k\xc3\xa9: duplicate key 'k\xc3\xa9'"},
	};
	struct smug_error err;
	cJSON *root = NULL;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(json_parse(cases[i].text, strlen(cases[i].text), "d.json", &root, &err), SMUG_ERR_PARSE);
		ck_assert_msg(strcmp(err.msg, cases[i].msg) == 0, "'%s': '%s', want '%s'", cases[i].text, err.msg,
			      cases[i].msg);
		ck_assert_ptr_null(root);
	}
	ck_assert_int_eq(json_parse_span("{\"a\":[{\"b\":1,\"b\":1}]}", 21, "j.jsonl: line 4", &root, &err),
			 SMUG_ERR_PARSE);
	ck_assert_str_eq(err.msg, "j.jsonl: line 4: a[0].b: duplicate key 'b'");
	ck_assert_int_eq(json_parse_span("{\"a\":1,\"A\":1} ", 14, "j.jsonl: line 4", &root, &err), SMUG_OK);
	cJSON_Delete(root);
	root = NULL;
	ck_assert_int_eq(json_parse_span("{\"a\":1", 6, "j.jsonl: line 4", &root, &err), SMUG_ERR_PARSE);
	ck_assert_str_eq(err.msg, "j.jsonl: line 4: malformed JSON");
	ck_assert_ptr_null(root);
}
END_TEST

/* An object of many members (sorted, not compared pair by pair): 100,000
 * distinct keys are read, in well under a second; one repeated among
 * them is named, the first repeat in the text when there are two. */
START_TEST(test_input_many_distinct_keys_accepted)
{
	enum { N = 100000 };
	size_t cap = (size_t)N * 24 + 64, at = 0;
	char *text = malloc(cap);
	struct smug_error err;
	cJSON *root = NULL;

	ck_assert_ptr_nonnull(text);
	text[at++] = '{';
	for (int i = N - 1; i >= 0; i--) /* out of order, so that sorting moves them */
		at += (size_t)snprintf(text + at, cap - at, "\"key%d\":%d,", i, i);
	at += (size_t)snprintf(text + at, cap - at, "\"last\":{\"x\":1}}");
	ck_assert_int_eq(json_parse(text, at, "many.json", &root, &err), SMUG_OK);
	ck_assert_int_eq(cJSON_GetArraySize(root), N + 1);
	cJSON_Delete(root);
	root = NULL;
	/* key9 again, then key0 (before key9 in sorted order, after it in
	 * the text): key9 is named */
	memcpy(text + at - 1, ",\"key9\":0,\"key0\":0}", 20);
	at += 18;
	ck_assert_int_eq(json_parse(text, at, "many.json", &root, &err), SMUG_ERR_PARSE);
	ck_assert_str_eq(err.msg, "many.json: key9: duplicate key 'key9'");
	ck_assert_ptr_null(root);
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("input");
	TCase *t;

	t = tcase_create("files");
	tcase_add_test(t, test_input_regular_file_whole);
	tcase_add_test(t, test_input_read_ends_with_a_stale_eintr);
	tcase_add_test(t, test_input_refuses_what_is_not_a_regular_file);
	tcase_add_test(t, test_input_links_followed_only_for_user_paths);
	/* reading a file of the 256 MiB limit takes 1.1 s of system time on
	 * an idle machine: past Check's default 4 s when other builds share
	 * the cores */
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	t = tcase_create("strict JSON");
	tcase_add_test(t, test_input_nul_byte_refused_with_its_position);
	tcase_add_loop_test(t, test_input_invalid_utf8_refused_with_its_position, 0,
			    (int)(sizeof bad_utf8 / sizeof bad_utf8[0]));
	tcase_add_test(t, test_input_valid_utf8_names_load);
	tcase_add_test(t, test_input_escaped_nul_refused);
	tcase_add_test(t, test_input_nesting_depth_named_exactly);
	tcase_add_test(t, test_input_numbers_printed_exactly);
	tcase_add_test(t, test_input_large_numbers_echoed_whole_below_1e18);
	tcase_add_test(t, test_input_json_check_for_hosts);
	tcase_add_test(t, test_input_malformed_json_named_where_it_fails);
	tcase_add_test(t, test_input_duplicate_keys_refused_with_their_path);
	tcase_add_test(t, test_input_many_distinct_keys_accepted);
	tcase_add_test(t, test_input_utf8_matches_the_definition);
	tcase_add_test(t, test_input_problem_found_at_every_offset);
	tcase_add_loop_test(t, test_input_lexical_rules_refused_with_their_position, 0,
			    (int)(sizeof bad_lexical / sizeof bad_lexical[0]));
	tcase_add_test(t, test_input_other_bad_numbers_refused);
	tcase_add_test(t, test_input_strict_forms_accepted);
	tcase_add_test(t, test_input_lexical_problem_found_at_every_offset);
	/* the UTF-8 definition sweep checks 134,400 strings: 1 s alone,
	 * past Check's default 4 s on a loaded machine under the sanitizers */
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
