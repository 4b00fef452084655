/* What every command shares: usage errors in one voice, option parsing
 * that reports a malformed option once, whole-number options, the vault's
 * folder, and a core status turned into a documented exit code (smugnet(1),
 * EXIT STATUS). main.c holds main() and the cockpit's own options. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	progress_clear(); /* a crackdown schedule can fail in the middle of a run */
	fprintf(stderr, "smugnet%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'smugnet%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

/* The long option of opts that the element "--NAME[=VALUE]" names: NAME
 * itself, else the first that NAME begins (getopt took a unique
 * abbreviation); NULL when none. *count gets how many NAME begins. */
static const struct option *long_option_named(const char *arg, const struct option *opts, int *count)
{
	size_t n = strcspn(arg + 2, "=");
	const struct option *found = NULL;

	*count = 0;
	for (const struct option *o = opts; o->name; o++) {
		if (strncmp(o->name, arg + 2, n) != 0)
			continue;
		if (o->name[n] == '\0') {
			*count = 1;
			return o;
		}
		if ((*count)++ == 0)
			found = o;
	}
	return found;
}

int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts, const struct option *opts)
{
	return cli_getopt_hint(cmd, NULL, argc, argv, shortopts, opts);
}

int cli_getopt_hint(const char *cmd, const char *hint, int argc, char **argv, const char *shortopts,
		    const struct option *opts)
{
	const char *sep = hint ? "; " : "", *more = hint ? hint : "";
	char spec[64];
	const char *arg;
	const struct option *o;
	int c, count;

	/* ':' first: a missing value is told from an unknown option; getopt
	 * itself prints nothing */
	snprintf(spec, sizeof spec, ":%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, spec, opts, NULL);
	if (c != ':' && c != '?')
		return c;
	/* a long option's error always moves optind past its element; a
	 * short one's leaves optopt its letter */
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	o = strncmp(arg, "--", 2) == 0 && arg[2] ? long_option_named(arg, opts, &count) : NULL;
	if (c == ':') {
		if (o && optopt == o->val && strchr(arg, '=') == NULL)
			cli_usage_error(cmd, "--%s: missing value%s%s", o->name, sep, more);
		else
			cli_usage_error(cmd, "-%c: missing value%s%s", optopt, sep, more);
	} else if (o && optopt != 0 && optopt == o->val && o->has_arg == no_argument && strchr(arg, '=')) {
		cli_usage_error(cmd, "--%s: takes no value, got '%s'%s%s", o->name, strchr(arg, '=') + 1, sep, more);
	} else if (optopt > ' ' && optopt < 0x7f) {
		cli_usage_error(cmd, "unknown option '-%c'%s%s", optopt, sep, more);
	} else if (optopt != 0) { /* a byte of a UTF-8 letter: not written alone */
		cli_usage_error(cmd, "unknown option: a '-' before byte 0x%02x%s%s", (unsigned)(optopt & 0xff), sep,
				more);
	} else if (arg[2] == '=') { /* "--=V": no name to be a prefix of any */
		cli_usage_error(cmd, "unknown option '%s': no name before '='%s%s", arg, sep, more);
	} else if (o && count > 1) {
		char names[512];
		size_t len = 0, n = strcspn(arg + 2, "=");

		names[0] = '\0';
		for (o = opts; o->name && len < sizeof names; o++)
			if (strncmp(o->name, arg + 2, n) == 0)
				len += (size_t)snprintf(names + len, sizeof names - len, "%s--%s", len ? ", " : "",
							o->name);
		cli_usage_error(cmd, "ambiguous option '%.*s': %s%s%s", (int)n + 2, arg, names, sep, more);
	} else {
		cli_usage_error(cmd, "unknown option '%.*s'%s%s", (int)strcspn(arg, "="), arg, sep, more);
	}
	return '?';
}

long cli_control_char(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return *p;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return p[1];
	}
	return -1;
}

int cli_name_given(const char *cmd, const char *opt, const char *name)
{
	if (name && *name == '\0')
		return cli_usage_error(cmd, "%s: the name is empty", opt);
	return EXIT_OK;
}

int cli_seed_name_given(const char *cmd, const char *opt, const char *name)
{
	if (name && !smug_seed_name_valid(name))
		return cli_usage_error(cmd, "%s: '%s' is not a valid seed name (" SMUG_SEED_NAME_RULE ")", opt,
				       name);
	return EXIT_OK;
}

bool cli_parse_int(const char *s, long long max, long long *out)
{
	char *end;
	long long v;

	/* digits alone: strtoll would also take " 5", "+5" and "-0" */
	if (*s == '\0' || s[strspn(s, "0123456789")] != '\0')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

int cli_int_option(const char *cmd, const char *opt, const char *s, long long lo, long long hi, long long *out)
{
	long long v;

	if (!cli_parse_int(s, hi, &v) || v < lo)
		return cli_usage_error(cmd, "%s: expected a whole number in [%lld,%lld], got '%s'", opt, lo, hi, s);
	*out = v;
	return EXIT_OK;
}

const char *cli_vault_root(const char *opt, char *buf, size_t size)
{
	const char *env;

	if (opt)
		return opt;
	if ((env = getenv("SMUGNET_VAULT")) && *env)
		return env;
	/* the XDG base directory rules: a relative XDG_DATA_HOME is ignored */
	if ((env = getenv("XDG_DATA_HOME")) && env[0] == '/') {
		snprintf(buf, size, "%s/smugnet", env);
		return buf;
	}
	if (!(env = getenv("HOME")) || env[0] != '/') {
		const struct passwd *pw = getpwuid(getuid());

		env = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
	}
	snprintf(buf, size, "%s/.local/share/smugnet", env ? env : "."); /* no home at all */
	return buf;
}

int cli_status_exit(enum smug_status st, const char *msg)
{
	fprintf(stderr, "%s\n", msg);
	switch (st) {
	case SMUG_OK: return EXIT_OK;
	case SMUG_ERR_WRITE: return EXIT_WRITE;
	case SMUG_ERR_ARG: return EXIT_USAGE;
	case SMUG_ERR_PARSE:
	case SMUG_ERR_SCHEMA:
	case SMUG_ERR_VERSION:
	case SMUG_ERR_HASH:
	case SMUG_ERR_NOT_FOUND:
	case SMUG_ERR_IO: return EXIT_BAD_INPUT;
	default: return EXIT_RUNTIME;
	}
}

bool cli_no_file_nor_seed(const char *arg, const char *vault, enum smug_status st, const struct smug_error *err)
{
	struct stat sb;
	const char *file = "no such file";

	if (st == SMUG_OK || strchr(arg, '/') || !smug_seed_name_valid(arg))
		return false;
	/* a link to nothing is no file either, but is there to be seen */
	if (lstat(arg, &sb) == 0 && S_ISLNK(sb.st_mode) && stat(arg, &sb) != 0 && errno == ENOENT)
		file = "a symbolic link to nothing";
	else if (lstat(arg, &sb) == 0 || errno != ENOENT)
		return false;
	if (st == SMUG_ERR_NOT_FOUND)
		fprintf(stderr, "%s: %s, and no seed '%s' in %s\n", arg, file, arg, vault);
	else
		fprintf(stderr, "%s: %s, and %s\n", arg, file, err->msg);
	return true;
}

/* What a file that failed to load as a scenario is, when its first line
 * is the header of one of smugnet's JSON Lines files (a seed's
 * journal.jsonl, a run's output): the loader's "trailing data after
 * JSON" at line 2 alone did not say. NULL for anything else. */
static const char *json_lines_kind(const char *file)
{
	static const struct {
		const char *format, *what;
	} kinds[] = {
		{"smugnet-journal", "a command journal, JSON Lines, not a scenario: smugnet replay checks it"},
		{"smugnet-run", "the output of smugnet run, JSON Lines, not a scenario"},
		{"smugnet-branch", "the output of smugnet run --branch, JSON Lines, not a scenario"},
	};
	const char *what = NULL;
	const cJSON *format;
	struct smug_error err;
	char *text;
	size_t len;
	cJSON *head;

	if (smug_file_read(file, &text, &len, &err) != SMUG_OK)
		return NULL;
	head = cJSON_ParseWithLength(text, strcspn(text, "\n"));
	free(text);
	format = cJSON_GetObjectItemCaseSensitive(head, "format");
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && cJSON_IsString(format); k++)
		if (strcmp(format->valuestring, kinds[k].format) == 0)
			what = kinds[k].what;
	cJSON_Delete(head);
	return what;
}

int cli_load_world(const char *file, struct smug_world **out)
{
	struct smug_error err;
	enum smug_status st;

	if (file == NULL) {
		if (smug_world_load_default(out, &err) != SMUG_OK) {
			fprintf(stderr, "smugnet: %s\n", err.msg);
			return EXIT_RUNTIME;
		}
		return EXIT_OK;
	}
	if ((st = smug_world_load_file(file, out, &err)) != SMUG_OK) {
		const char *what = st == SMUG_ERR_PARSE ? json_lines_kind(file) : NULL;

		if (what)
			fprintf(stderr, "%s (%s)\n", err.msg, what);
		else
			fprintf(stderr, "%s\n", err.msg);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}

const int cli_stop_signals[CLI_STOP_SIGNALS] = {SIGINT, SIGTERM, SIGHUP};

void cli_stops_catch(void (*handler)(int), struct sigaction old[CLI_STOP_SIGNALS])
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < CLI_STOP_SIGNALS; i++) {
		sigaction(cli_stop_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(cli_stop_signals[i], &sa, NULL);
	}
}

void cli_stops_release(const struct sigaction old[CLI_STOP_SIGNALS])
{
	for (int i = 0; i < CLI_STOP_SIGNALS; i++)
		sigaction(cli_stop_signals[i], &old[i], NULL);
}
