/* Status codes: messages generated from the one X-macro in status.h, and
 * the path-style error record every failing call fills. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core.h"

static const char *const status_msgs[] = {
#define SMUG_STATUS_MSG(name, msg) msg,
	SMUG_STATUS_LIST(SMUG_STATUS_MSG)
#undef SMUG_STATUS_MSG
};

const char *smug_status_str(enum smug_status st)
{
	if ((int)st < 0 || st >= SMUG_STATUS_COUNT)
		return "unknown status";
	return status_msgs[st];
}

enum smug_status smug_error_set(struct smug_error *err, enum smug_status st,
				const char *fmt, ...)
{
	va_list ap;

	char full[SMUG_ERROR_MAX * 16];
	size_t n, head, tail;

	if (err == NULL)
		return st;
	err->status = st;
	va_start(ap, fmt);
	vsnprintf(full, sizeof full, fmt, ap);
	va_end(ap);
	n = strlen(full);
	if (n < sizeof err->msg) {
		memcpy(err->msg, full, n + 1);
		return st;
	}
	/* too long (a file deep in folders): its start and its end, where
	 * the reason is, joined by an ellipsis, each cut between characters */
	head = (sizeof err->msg - 4) / 2;
	tail = n - (sizeof err->msg - 4 - head);
	while (head > 0 && (full[head] & 0xc0) == 0x80)
		head--;
	while (tail < n && (full[tail] & 0xc0) == 0x80)
		tail++;
	memcpy(err->msg, full, head);
	memcpy(err->msg + head, "\xe2\x80\xa6", 3); /* U+2026 */
	memcpy(err->msg + head + 3, full + tail, n - tail + 1);
	return st;
}
