/* jsonl_check: read JSON Lines on stdin and check the smugnet-run
 * contract: every line parses as an object with a "type"; the first is
 * the header, the last the summary, day records and events in between.
 * Exit 0 when all holds, 1 with a message otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	long n = 0, days = 0;
	ssize_t len;
	char last[16] = "";

	while ((len = getline(&line, &cap, stdin)) > 0) {
		cJSON *o = cJSON_ParseWithLength(line, (size_t)len);
		const cJSON *t = o ? cJSON_GetObjectItemCaseSensitive(o, "type") : NULL;

		n++;
		if (!cJSON_IsObject(o) || !cJSON_IsString(t)) {
			fprintf(stderr, "jsonl_check: line %ld: not a JSON object with a type\n", n);
			return 1;
		}
		if (n == 1 && strcmp(t->valuestring, "header") != 0) {
			fprintf(stderr, "jsonl_check: line 1: expected the header\n");
			return 1;
		}
		if (n > 1 && strcmp(t->valuestring, "header") == 0) {
			fprintf(stderr, "jsonl_check: line %ld: a second header\n", n);
			return 1;
		}
		if (strcmp(last, "summary") == 0) {
			fprintf(stderr, "jsonl_check: line %ld: a line after the summary\n", n);
			return 1;
		}
		if (strcmp(t->valuestring, "day") == 0) {
			if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "profit")) ||
			    !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "delivered"))) {
				fprintf(stderr, "jsonl_check: line %ld: day record without counts\n", n);
				return 1;
			}
			days++;
		}
		snprintf(last, sizeof last, "%s", t->valuestring);
		cJSON_Delete(o);
	}
	free(line);
	if (strcmp(last, "summary") != 0) {
		fprintf(stderr, "jsonl_check: the last line is not the summary\n");
		return 1;
	}
	printf("%ld lines, %ld day records\n", n, days);
	return 0;
}
