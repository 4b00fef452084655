/* JSON Lines output helpers: escaped strings that are always UTF-8,
 * money as a JSON number in credits with exactly two decimals, a line
 * built in memory and written with one call, and a checked close of
 * stdout so a failed write becomes exit code 4. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* The length of the UTF-8 sequence s begins (2-4 bytes; RFC 3629: no
 * overlong form, surrogate or code point past U+10FFFF), 0 when it begins
 * none. A NUL ends the check: it is no continuation byte. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, lo = s[0] == 0xe0 ? 0xa0 : 0x80, hi = s[0] == 0xed ? 0x9f : 0xbf;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, lo = s[0] == 0xf0 ? 0x90 : 0x80, hi = s[0] == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* The length of s's head that JSON takes as it is: no quote, backslash
 * or control character, and only whole UTF-8 sequences (RFC 8259 text is
 * UTF-8: a byte of another encoding, a file name's in Latin-1, is
 * written as U+FFFD). */
static size_t plain_span(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, k;

	for (;;) {
		unsigned char c = u[n];

		if (c == 0 || c == '"' || c == '\\' || c < 0x20)
			return n;
		if (c < 0x80)
			n++;
		else if ((k = utf8_seq(u + n)) != 0)
			n += k;
		else
			return n;
	}
}

void jsonl_string(FILE *f, const char *s)
{
	struct jsonl_buf b; /* not zeroed: only b.p[0..len) is read */

	b.f = f;
	b.len = 0;
	jb_string(&b, s);
	jb_flush(&b);
}

size_t jsonl_string_len(const char *s)
{
	size_t len = 2; /* the quotes */

	for (;;) {
		size_t n = plain_span(s);

		len += n;
		s += n;
		if (*s == 0)
			return len;
		len += *s == '"' || *s == '\\' ? 2 : 6; /* \" \\, \u00XX or \ufffd, as jb_string */
		s++;
	}
}

void jsonl_money(FILE *f, const char *key, int64_t minor, bool comma)
{
	char buf[32];

	smug_money_format(minor, buf, sizeof buf);
	fprintf(f, "%s\"%s\":%s", comma ? "," : "", key, buf);
}

void jb_raw(struct jsonl_buf *b, const char *s, size_t n)
{
	if (b->len + n > sizeof b->p) {
		fwrite(b->p, 1, b->len, b->f);
		b->len = 0;
		if (n > sizeof b->p) {
			fwrite(s, 1, n, b->f);
			return;
		}
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

void jb_string(struct jsonl_buf *b, const char *s)
{
	jb_raw(b, "\"", 1);
	for (;;) {
		size_t n = plain_span(s);
		unsigned char c;
		char esc[8];

		jb_raw(b, s, n);
		s += n;
		if ((c = (unsigned char)*s) == 0)
			break;
		if (c == '"' || c == '\\')
			jb_raw(b, esc, (size_t)snprintf(esc, sizeof esc, "\\%c", c));
		else if (c < 0x20)
			jb_raw(b, esc, (size_t)snprintf(esc, sizeof esc, "\\u%04x", c));
		else
			jb_raw(b, "\\ufffd", 6); /* a byte that begins no UTF-8 sequence */
		s++;
	}
	jb_raw(b, "\"", 1);
}

void jb_uint(struct jsonl_buf *b, unsigned long long v)
{
	char digits[24];
	int n = (int)sizeof digits;

	do
		digits[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	jb_raw(b, digits + n, sizeof digits - (size_t)n);
}

void jb_int(struct jsonl_buf *b, long long v)
{
	if (v < 0) {
		jb_raw(b, "-", 1);
		jb_uint(b, 0ULL - (unsigned long long)v);
	} else {
		jb_uint(b, (unsigned long long)v);
	}
}

void jb_money(struct jsonl_buf *b, int64_t minor)
{
	char buf[32];

	smug_money_format(minor, buf, sizeof buf);
	jb_raw(b, buf, strlen(buf));
}

void jb_flush(struct jsonl_buf *b)
{
	fwrite(b->p, 1, b->len, b->f);
	b->len = 0;
}

int jsonl_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "smugnet: write error on standard output\n");
		return EXIT_WRITE;
	}
	return EXIT_OK;
}
