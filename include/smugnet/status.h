/* smugnet status codes and error records.
 * One X-macro generates both the enum and its messages, so a new status
 * cannot be added without a message. */
#ifndef SMUGNET_STATUS_H
#define SMUGNET_STATUS_H

#define SMUG_STATUS_LIST(X)                                            \
	X(SMUG_OK, "ok")                                               \
	X(SMUG_ERR_IO, "input/output error")                           \
	X(SMUG_ERR_PARSE, "malformed JSON")                            \
	X(SMUG_ERR_SCHEMA, "invalid content")                          \
	X(SMUG_ERR_VERSION, "unsupported format version")              \
	X(SMUG_ERR_HASH, "hash mismatch")                              \
	X(SMUG_ERR_NOT_FOUND, "not found")                             \
	X(SMUG_ERR_ARG, "invalid argument")                            \
	X(SMUG_ERR_FULL, "capacity reached")                           \
	X(SMUG_ERR_WRITE, "write failed")                              \
	X(SMUG_ERR_STOPPED, "stopped")

enum smug_status {
#define SMUG_STATUS_ENUM(name, msg) name,
	SMUG_STATUS_LIST(SMUG_STATUS_ENUM)
#undef SMUG_STATUS_ENUM
	SMUG_STATUS_COUNT
};

#define SMUG_ERROR_MAX 512

/* A failure's description, path-style: "file: json.path: reason". */
struct smug_error {
	enum smug_status status;
	char msg[SMUG_ERROR_MAX];
};

/* Static message of a status; never NULL. */
const char *smug_status_str(enum smug_status st);

/* Fill err (if non-NULL) and return st. fmt is printf-style. */
enum smug_status smug_error_set(struct smug_error *err, enum smug_status st,
				const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
