/* libFuzzer harness: journal.jsonl from fuzzed bytes. The journal parser
 * must never crash, leak or misbehave; a journal that parses is replayed
 * on the tiny scenario (data/tiny.json, whose hash the corpus journals
 * name) when its steps add up to at most MAX_DAYS days, and the world the
 * replay rebuilds must pass smug_world_check: commands applied through
 * the command API never break an invariant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smugnet/journal.h"
#include "smugnet/smugnet.h"

#ifndef TINY_SCENARIO
#define TINY_SCENARIO "data/tiny.json"
#endif
#define MAX_DAYS 60 /* keeps one execution short */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char *scenario;
static size_t scenario_len;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct smug_error err;

	(void)argc;
	(void)argv;
	if (smug_file_read(TINY_SCENARIO, &scenario, &scenario_len, &err) != SMUG_OK) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smug_journal_file f = {0};
	struct smug_replay_report r;
	struct smug_error err;
	long long days = 0;

	if (smug_journal_parse((const char *)data, size, "journal.jsonl", &f, &err) != SMUG_OK)
		return 0;
	for (int i = 0; i < f.j.n_cmds; i++)
		if (f.j.cmds[i].kind == SMUG_CMD_STEP)
			days += f.j.cmds[i].days;
	if (days <= MAX_DAYS && smug_replay(scenario, scenario_len, "tiny.json", &f, NULL, &r, &err) == SMUG_OK) {
		if (r.world && smug_world_check(r.world, NULL, &err) != SMUG_OK) {
			fprintf(stderr, "a replayed world breaks an invariant: %s\n", err.msg);
			abort();
		}
		smug_world_free(r.world);
	}
	smug_journal_file_done(&f);
	return 0;
}
