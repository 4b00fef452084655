/* Numbers for the screen: every value is written whole in the width it
 * is given, dropping decimals and then switching to k/M/G before it
 * would ever be cut. Money is minor units shown as credits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* v (credits or a count) scaled with a suffix, in at most width columns. */
static void fmt_scaled(char *buf, size_t size, double v, int width)
{
	static const char *const suffix[] = {"k", "M", "G", "T", "P"};
	double a = v < 0 ? -v : v;

	for (int s = 0; s < 5; s++) {
		a /= 1000.0;
		v /= 1000.0;
		if (a >= 999.95 && s < 4)
			continue;
		for (int dec = 2; dec >= 0; dec--) {
			if (dec == 0 && a >= 999.5 && s < 4)
				break; /* it would read 1000k: the next suffix */
			snprintf(buf, size, "%.*f%s", dec, v, suffix[s]);
			if ((int)strlen(buf) <= width)
				return;
		}
	}
	snprintf(buf, size, "%s", width >= 1 ? "#" : ""); /* nothing fits */
}

void fmt_money(char *buf, size_t size, int64_t minor, int width)
{
	double credits = (double)minor / SMUG_MINOR_PER_CREDIT;

	smug_money_format(minor, buf, size);
	if ((int)strlen(buf) <= width)
		return;
	snprintf(buf, size, "%.0f", credits);
	if ((int)strlen(buf) <= width)
		return;
	fmt_scaled(buf, size, credits, width);
}

int fmt_cents(char *buf, size_t size, double v)
{
	return snprintf(buf, size, "%.2f", v);
}

int64_t minor_of_credits(double v)
{
	char text[64], *dot;

	if (!(fabs(v) < 1e15)) /* past the cents a double holds, or NaN */
		return isnan(v) ? 0 : (int64_t)llround(fmax(fmin(v * SMUG_MINOR_PER_CREDIT, 9e18), -9e18));
	fmt_cents(text, sizeof text, v);
	dot = strchr(text, '.');
	if (dot) /* "-12.34" -> "-1234" */
		memmove(dot, dot + 1, strlen(dot + 1) + 1);
	return strtoll(text, NULL, 10);
}

void fmt_count(char *buf, size_t size, int64_t n, int width)
{
	snprintf(buf, size, "%lld", (long long)n);
	if ((int)strlen(buf) <= width)
		return;
	fmt_scaled(buf, size, (double)n, width);
}

void fmt_credits(char *buf, size_t size, int64_t minor)
{
	char plain[40], out[64];
	int len, at = 0, digits, lead;
	const char *p = plain;

	smug_money_format(minor, plain, sizeof plain);
	if (*p == '-')
		out[at++] = *p++;
	len = (int)strlen(p);
	digits = len - 3; /* before ".dd" */
	lead = digits % 3 ? digits % 3 : 3;
	for (int i = 0; i < digits; i++) {
		if (i > 0 && (i - lead) % 3 == 0)
			out[at++] = ',';
		out[at++] = p[i];
	}
	snprintf(out + at, sizeof out - (size_t)at, "%s", p + digits);
	snprintf(buf, size, "%s", out);
}
