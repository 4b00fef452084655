/* Allocation that treats out-of-memory as fatal (the one place the core
 * may stop the process: a programmer-level failure, like assert), and
 * small numeric and string helpers. */
#include <assert.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static void *oom(void)
{
	/* Out of memory: no status can be honoured without memory. */
	raise(SIGABRT);
	return NULL;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom();
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom();
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom();
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = xmalloc(n);
	memcpy(d, s, n);
	return d;
}

int str_distance(const char *a, const char *b)
{
	enum { MAX = 64 };
	int prev[MAX + 1], cur[MAX + 1];
	size_t na = strnlen(a, MAX), nb = strnlen(b, MAX);

	if (na == MAX || nb == MAX)
		return STR_FAR;
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int del = prev[j] + 1, ins = cur[j - 1] + 1, rep = prev[j - 1] + (a[i - 1] != b[j - 1]);

			cur[j] = del < ins ? (del < rep ? del : rep) : (ins < rep ? ins : rep);
		}
		memcpy(prev, cur, (nb + 1) * sizeof prev[0]);
	}
	return prev[nb];
}

bool str_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	assert(size > 0);
	if (n >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return false;
	}
	memcpy(dst, src, n + 1);
	return true;
}

static void sb_digits(struct sbuf *b, unsigned long long v, int min_digits)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 || n < min_digits);
	while (n > 0 && b->len + 1 < b->size)
		b->buf[b->len++] = tmp[--n];
	b->buf[b->len] = '\0';
}

void sb_int(struct sbuf *b, long long v)
{
	if (v < 0)
		sb_str(b, "-", 1);
	sb_digits(b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, 1);
}

void sb_money(struct sbuf *b, int64_t minor)
{
	uint64_t m = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;

	if (minor < 0)
		sb_str(b, "-", 1);
	sb_digits(b, m / 100, 1);
	sb_str(b, ".", 1);
	sb_digits(b, m % 100, 2);
}

void sb_fixed3(struct sbuf *b, double v)
{
	uint64_t bits, n, q, rest, half;
	int exp, shift;

	memcpy(&bits, &v, sizeof bits);
	if ((bits >> 63) != 0 || !(v <= 1)) { /* negative (-0 too), above 1 or NaN */
		char tmp[512];

		snprintf(tmp, sizeof tmp, "%.3f", v);
		sb_str(b, tmp, SIZE_MAX);
		return;
	}
	/* v = mantissa * 2^-shift exactly (shift >= 52 as v <= 1), so
	 * v * 1000 = n * 2^-shift with n below 2^63: its whole part q and
	 * the rest are exact, and q rounds half to even like printf */
	exp = (int)((bits >> 52) & 0x7ff);
	n = (bits & ((UINT64_C(1) << 52) - 1)) | (exp > 0 ? UINT64_C(1) << 52 : 0);
	shift = 1075 - (exp > 0 ? exp : 1);
	n *= 1000;
	if (shift >= 64) {
		q = 0; /* v * 1000 < 2^63 * 2^-64 = 1/2 */
	} else {
		q = n >> shift;
		rest = n & ((UINT64_C(1) << shift) - 1);
		half = UINT64_C(1) << (shift - 1);
		q += rest > half || (rest == half && (q & 1));
	}
	sb_digits(b, q / 1000, 1);
	sb_str(b, ".", 1);
	sb_digits(b, q % 1000, 3);
}

const char *num_text(double v, char *buf, size_t size)
{
	double mag = v < 0 ? -v : v;

	if (!isfinite(v)) {
		snprintf(buf, size, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
		return buf;
	}
	if (mag < 1e18 && v == (double)(long long)v) {
		snprintf(buf, size, "%lld", (long long)v);
		return buf;
	}
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

void smug_real_format(double v, char *buf, size_t size)
{
	num_text(v, buf, size);
}
