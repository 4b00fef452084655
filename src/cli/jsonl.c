/* JSON Lines output helpers: escaped strings, money as a JSON number in
 * credits with exactly two decimals, and a checked close of stdout so a
 * failed write becomes exit code 4. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

void jsonl_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void jsonl_money(FILE *f, const char *key, int64_t minor, bool comma)
{
	char buf[32];

	smug_money_format(minor, buf, sizeof buf);
	fprintf(f, "%s\"%s\":%s", comma ? "," : "", key, buf);
}

int jsonl_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "smugnet: write error on standard output\n");
		return EXIT_WRITE;
	}
	return EXIT_OK;
}
