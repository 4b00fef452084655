/* Status codes: messages generated from the one X-macro in status.h, and
 * the path-style error record every failing call fills. */
#include <stdarg.h>
#include <stdio.h>

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

	if (err == NULL)
		return st;
	err->status = st;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return st;
}
