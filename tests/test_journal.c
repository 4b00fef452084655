/* The designer's loop in the core: the command journal records what was
 * done (steps merged), replays to the same digest, and a changed command
 * is caught on its day; knobs set live are journaled and equal a scenario
 * that had them; rewinding through the ring and stepping back gives the
 * same world as never rewinding, within the ring's memory budget. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/core.h"
#include "core/state.h"
#include "smugnet/vault.h"
#include "test_util.h"

/* A session: a knob, a crackdown on the busiest border, the planner on,
 * steps in between, a clear. */
static struct smug_world *session(void)
{
	struct smug_world *w = test_default_at(0);
	struct smug_error err;
	int b;

	smug_cmd_step(w, 5);
	smug_cmd_step(w, 7); /* merges with the step before */
	ck_assert_int_eq(smug_config_set(w, "smuggling.learning_rate", "0.3", &err), SMUG_OK);
	b = test_busiest_border(w);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 0.75, -1, &err), SMUG_OK);
	smug_cmd_step(w, 20);
	smug_cmd_auto_crackdown(w, true);
	smug_cmd_step(w, 50);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[b].id, &err), SMUG_OK);
	smug_cmd_step(w, 13);
	return w;
}

/* Fills the journal to its SMUG_JOURNAL_CMD_CAP commands with
 * auto-crackdown switches and takes one more: the journal stops recording
 * on this day (overflow_day), the world goes on. */
static void fill_journal(struct smug_world *w)
{
	for (int i = w->journal.n_cmds; i <= SMUG_JOURNAL_CMD_CAP; i++)
		smug_cmd_auto_crackdown(w, i % 2 == 0);
	ck_assert_int_eq(w->journal.overflow_day, w->day);
}

static struct smug_replay_report replay_text(const struct smug_world *w, const char *jsonl,
					      const struct smug_world *end)
{
	struct smug_journal_file f = {0};
	struct smug_replay_report r;
	struct smug_error err;
	size_t len = w->scenario_len;
	const char *scenario = w->scenario_text;

	ck_assert_msg(smug_journal_parse(jsonl, strlen(jsonl), "journal.jsonl", &f, &err) == SMUG_OK, "%s",
		      err.msg);
	ck_assert_msg(smug_replay(scenario, len, "scenario.json", &f, end, &r, &err) == SMUG_OK, "%s", err.msg);
	smug_journal_file_done(&f);
	return r;
}

START_TEST(test_journal_records_commands_and_merges_steps)
{
	struct smug_world *w = session();
	const struct smug_journal *j = &w->journal;
	enum smug_cmd_kind want[] = {SMUG_CMD_STEP, SMUG_CMD_SET,  SMUG_CMD_CRACKDOWN, SMUG_CMD_STEP,
				     SMUG_CMD_AUTO, SMUG_CMD_STEP, SMUG_CMD_CLEAR,	SMUG_CMD_STEP};
	int days = 0;

	ck_assert_int_eq(j->n_cmds, 8);
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(j->cmds[i].kind, want[i]);
	ck_assert_int_eq(j->cmds[0].days, 12); /* 5 + 7 in a row */
	ck_assert_int_eq(j->cmds[1].day, 12);
	ck_assert_str_eq(j->cmds[1].target, "smuggling.learning_rate");
	ck_assert_str_eq(j->cmds[1].value, "0.3");
	ck_assert_double_eq(j->cmds[2].intensity, 0.75);
	ck_assert_int_eq(j->cmds[2].end_day, -1);
	for (int i = 0; i < j->n_cmds; i++)
		if (j->cmds[i].kind == SMUG_CMD_STEP)
			days += j->cmds[i].days;
		else
			ck_assert(j->cmds[i].checked);
	ck_assert_int_eq(days, w->day);
	/* periodic checks every 30 days, without the telemetry group;
	 * commands are checked whole */
	ck_assert_int_eq(j->n_checks, w->day / SMUG_JOURNAL_CHECK_EVERY);
	ck_assert_int_eq(j->checks[0].day, 30);
	ck_assert_uint_ne(j->checks[0].skip, 0);
	ck_assert_uint_eq(j->cmds[1].check.skip, 0);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_replays_to_the_same_digest)
{
	struct smug_world *w = session();
	char *text = smug_journal_to_jsonl(w);
	struct smug_replay_report r = replay_text(w, text, w);

	ck_assert_msg(r.ok, "%s", r.what);
	ck_assert_uint_eq(smug_world_digest(r.world), smug_world_digest(w));
	ck_assert_int_eq(r.days, w->day);
	ck_assert_int_eq(r.checks, 3 + 4 + 1); /* days 30, 60, 90; set, crackdown, auto, clear; the end */
	/* the rebuilt world has the same journal, so it replays again */
	{
		char *again = smug_journal_to_jsonl(r.world);

		ck_assert_str_eq(again, text);
		free(again);
	}
	smug_world_free(r.world);
	free(text);
	smug_world_free(w);
}
END_TEST

/* Replace the first occurrence of find by repl in text (new string). */
static char *edit(const char *text, const char *find, const char *repl)
{
	const char *at = strstr(text, find);
	char *out;

	ck_assert_msg(at != NULL, "'%s' not in the journal", find);
	out = malloc(strlen(text) + strlen(repl) + 1);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, repl, at + strlen(find));
	return out;
}

/* Replay the journal with one edit; it must diverge on `day`, naming
 * `group` when given, and no other group. */
static void expect_divergence(const struct smug_world *w, const char *text, const char *find,
			      const char *repl, int day, int line, const char *group)
{
	char *bad = edit(text, find, repl);
	struct smug_replay_report r = replay_text(w, bad, NULL);

	ck_assert_msg(!r.ok, "editing %s went unnoticed", find);
	ck_assert_int_eq(r.diverged_day, day);
	if (line)
		ck_assert_int_eq(r.line, line);
	if (group) {
		const char *list = strstr(r.what, "groups that differ: ");

		ck_assert_msg(list != NULL && strcmp(list + 20, group) == 0, "'%s' does not name %s alone", r.what,
			      group);
	}
	smug_world_free(r.world);
	free(bad);
}

/* A journal an editor saved with CRLF line ends and a space left after a
 * line still replays: white space after each line's object is not part
 * of the line. */
START_TEST(test_journal_replays_with_crlf_line_ends)
{
	struct smug_world *w = session();
	char *text = smug_journal_to_jsonl(w);
	size_t n = strlen(text);
	char *dos = malloc(2 * n + 2), *o = dos;
	struct smug_replay_report r;

	for (const char *c = text; *c; c++) {
		if (*c == '\n') {
			if (c == text + n - 1)
				*o++ = ' '; /* the last line: a space before its CRLF */
			*o++ = '\r';
		}
		*o++ = *c;
	}
	*o = '\0';
	r = replay_text(w, dos, w);
	ck_assert_msg(r.ok, "%s", r.what);
	ck_assert_uint_eq(smug_world_digest(r.world), smug_world_digest(w));
	ck_assert_int_eq(r.checks, 3 + 4 + 1);
	smug_world_free(r.world);
	free(dos);
	free(text);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_tampered_command_names_its_day)
{
	struct smug_world *w = session();
	char *text = smug_journal_to_jsonl(w);

	/* a weaker crackdown than the one applied on day 12 (line 4: header,
	 * step, set, crackdown): the target and its period in the telemetry */
	expect_divergence(w, text, "\"intensity\":0.75", "\"intensity\":0.5", 12, 4, "crackdowns telemetry");
	/* another knob value: the config group differs */
	expect_divergence(w, text, "\"value\":\"0.3\"", "\"value\":\"0.35\"", 12, 3, "config");
	/* one day more in the first step: the next command is out of step */
	expect_divergence(w, text, "\"days\":12", "\"days\":13", 12, 3, NULL);
	free(text);
	smug_world_free(w);
}
END_TEST

/* A periodic check whose digest was changed diverges on its day, and the
 * report names its line in journal.jsonl: the session's lines are the
 * header, four commands, the day-30 check (line 6), two commands, the
 * day-60 check (line 9), two commands and the day-90 check (line 12). */
START_TEST(test_journal_tampered_check_names_its_line)
{
	struct smug_world *w = session();
	char *text = smug_journal_to_jsonl(w);
	static const int line[] = {6, 9, 12};

	ck_assert_int_eq(w->journal.n_checks, 3);
	for (int k = 0; k < 3; k++) {
		char find[24], repl[24];

		snprintf(find, sizeof find, "\"%016llx\"", (unsigned long long)w->journal.checks[k].digest);
		snprintf(repl, sizeof repl, "\"%016llx\"", (unsigned long long)(w->journal.checks[k].digest ^ 1));
		expect_divergence(w, text, find, repl, 30 * (k + 1), line[k], NULL);
	}
	free(text);
	smug_world_free(w);
}
END_TEST

/* A check line whose state digest alone was edited by hand: every group's
 * digest still matches, so the report says that, not an empty list of
 * groups that differ. */
START_TEST(test_journal_edited_check_digest_says_every_group_matches)
{
	struct smug_world *w = session();
	char *text = smug_journal_to_jsonl(w);
	char find[24], repl[24], *bad;
	struct smug_replay_report r;

	snprintf(find, sizeof find, "\"%016llx\"", (unsigned long long)w->journal.checks[0].digest);
	snprintf(repl, sizeof repl, "\"%016llx\"", (unsigned long long)(w->journal.checks[0].digest ^ 1));
	bad = edit(text, find, repl);
	r = replay_text(w, bad, NULL);
	ck_assert_msg(!r.ok && r.diverged_day == 30 && r.line == 6, "%s", r.what);
	ck_assert_msg(strstr(r.what, "groups that differ") == NULL, "'%s' lists no group", r.what);
	ck_assert_msg(strstr(r.what, "every group's digest matches") != NULL, "'%s' does not say every group matches",
		      r.what);
	smug_world_free(r.world);
	free(bad);
	free(text);
	smug_world_free(w);
}
END_TEST

/* A world reseeded before its first day (run --seed) journals the seed
 * and replays with it: a journal holding another seed diverges on day 0,
 * in the world group. */
START_TEST(test_journal_reseed_replays_with_its_seed)
{
	struct smug_world *w = test_default_at(0);
	struct smug_error err;
	struct smug_replay_report r;
	char *text;

	ck_assert_int_eq(smug_world_reseed(w, 4242, &err), SMUG_OK);
	smug_cmd_step(w, 40);
	text = smug_journal_to_jsonl(w);
	ck_assert_msg(strstr(text, "\"op\":\"reseed\",\"seed\":4242,") != NULL, "no reseed command in '%.200s'",
		      strchr(text, '\n') + 1);
	r = replay_text(w, text, w);
	ck_assert_msg(r.ok, "%s", r.what);
	ck_assert_uint_eq(r.world->seed, 4242);
	ck_assert_uint_eq(smug_world_digest(r.world), smug_world_digest(w));
	smug_world_free(r.world);
	expect_divergence(w, text, "\"seed\":4242", "\"seed\":4243", 0, 2, "world");
	free(text);
	smug_world_free(w);
}
END_TEST

/* Where a replay runs out, it says so with the day: a check past the
 * journal's last command, a check recorded for a day before the replay
 * reached it, and an end snapshot at another day (ahead or behind). */
START_TEST(test_journal_replay_names_the_day_it_runs_out)
{
	struct smug_world *w = session(), *other = smug_world_clone(w), *early = test_default_at(10);
	char *text = smug_journal_to_jsonl(w), *cut;
	struct smug_replay_report r;

	ck_assert_int_eq(w->day, 95);
	/* the final check moved to day 96: the replay stops at 95 */
	cut = edit(text, "{\"type\":\"check\",\"day\":95,", "{\"type\":\"check\",\"day\":96,");
	r = replay_text(w, cut, NULL);
	ck_assert_msg(!r.ok && r.diverged_day == 96 && strstr(r.what, "the replay ends at day 95 before this check"),
		      "a check for day 96 after a journal ending on day 95: ok %d, day %d, '%s'", r.ok,
		      r.diverged_day, r.what);
	smug_world_free(r.world);
	free(cut);
	/* the day-30 check, taken during the step from day 12, said day 10 */
	cut = edit(text, "{\"type\":\"check\",\"day\":30,", "{\"type\":\"check\",\"day\":10,");
	r = replay_text(w, cut, NULL);
	ck_assert_msg(!r.ok && r.diverged_day == 10 &&
			      strstr(r.what, "the journal has a check for day 10, the replay is at day 13"),
		      "a check for day 10 after the step from day 12: ok %d, day %d, '%s'", r.ok, r.diverged_day,
		      r.what);
	smug_world_free(r.world);
	free(cut);
	/* the end snapshot three days ahead, and one at day 10 */
	smug_cmd_step(other, 3);
	r = replay_text(w, text, other);
	ck_assert_msg(!r.ok && r.diverged_day == 95 && strstr(r.what, "the replay ends at day 95, the snapshot is at day 98"),
		      "snapshot at day 98: ok %d, day %d, '%s'", r.ok, r.diverged_day, r.what);
	smug_world_free(r.world);
	r = replay_text(w, text, early);
	ck_assert_msg(!r.ok && r.diverged_day == 10 && strstr(r.what, "the replay ends at day 95, the snapshot is at day 10"),
		      "snapshot at day 10: ok %d, day %d, '%s'", r.ok, r.diverged_day, r.what);
	smug_world_free(r.world);
	free(text);
	smug_world_free(early);
	smug_world_free(other);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_replay_compares_the_final_state_field_by_field)
{
	struct smug_world *w = session(), *other = smug_world_clone(w);
	char *text = smug_journal_to_jsonl(w);
	struct smug_journal_file f = {0};
	struct smug_replay_report r;
	struct smug_error err;
	size_t len;
	const char *scenario = smug_default_scenario(&len);
	char *end = NULL;

	/* drop the final check so only the snapshot compare can tell */
	for (char *at = strstr(text, "\n{\"type\":\"check\""); at; at = strstr(at + 1, "\n{\"type\":\"check\""))
		end = at;
	ck_assert_ptr_nonnull(end);
	end[1] = '\0';
	other->wards[3].sig.corruption += 0.125;
	ck_assert_int_eq(smug_journal_parse(text, strlen(text), "j", &f, &err), SMUG_OK);
	ck_assert_int_eq(smug_replay(scenario, len, "d", &f, other, &r, &err), SMUG_OK);
	ck_assert(!r.ok);
	ck_assert_ptr_nonnull(strstr(r.what, "state.wards[3].sig.corruption"));
	smug_world_free(r.world);
	ck_assert_int_eq(smug_replay(scenario, len, "d", &f, w, &r, &err), SMUG_OK);
	ck_assert_msg(r.ok, "%s", r.what);
	smug_world_free(r.world);
	smug_journal_file_done(&f);
	free(text);
	smug_world_free(other);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_rejects_malformed_lines)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"", "empty journal"},
		{"{\"type\":\"command\"}\n", "line 1: type: expected \"header\" first"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":1}\n", "version 1 is not supported"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30,\"overflow_day\":-1}\n"
		 "{\"type\":\"command\",\"day\":0,\"op\":\"fly\"}\n",
		 "line 2: op: unknown command 'fly'"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30,\"overflow_day\":-1}\n"
		 "{\"type\":\"command\",\"day\":0,\"op\":\"step\",\"days\":0}\n",
		 "line 2: days: expected a whole number in [1,1000000000], got 0"},
		{"{\"type\":\"header\"\n", "line 1: malformed JSON"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30,\"overflow_day\":-1}\n"
		 "{\"type\":\"command\",\"op\":\"step\",\"days\":1}\n",
		 "line 2: day: missing"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30,\"overflow_day\":-1}\n"
		 "{\"type\":\"command\",\"day\":0,\"op\":5}\n",
		 "line 2: op: expected string"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30,\"overflow_day\":-1}\n"
		 "{\"type\":\"command\",\"day\":0,\"op\":\"set\",\"key\":\"smuggling.learning_rate\","
		 "\"value\":\"0123456789012345678901234567890123456789012345678901234567890123\"}\n",
		 "line 2: value: longer than 63 bytes"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30,\"overflow_day\":-1}\n"
		 "{\"type\":\"note\"}\n",
		 "line 2: type: expected \"command\" or \"check\", got \"note\""},
		/* the header's day and command count are those of its lines: a
		 * step edited to 100000000 days replayed for hours */
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":41,\"commands\":1,\"check_every\":30,"
		 "\"overflow_day\":-1}\n{\"type\":\"command\",\"day\":0,\"op\":\"step\",\"days\":40}\n",
		 "j.jsonl: line 1: day: the header says 41, the journal's commands end at day 40"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":40,\"commands\":1,\"check_every\":30,"
		 "\"overflow_day\":-1}\n{\"type\":\"command\",\"day\":0,\"op\":\"step\",\"days\":100000000}\n",
		 "j.jsonl: line 1: day: the header says 40, the journal's commands end at day 100000000"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":5,\"day\":45,\"commands\":2,\"check_every\":30,"
		 "\"overflow_day\":-1}\n{\"type\":\"command\",\"day\":5,\"op\":\"step\",\"days\":40}\n",
		 "j.jsonl: line 1: commands: the header says 2, the journal holds 1"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":5,\"day\":6,\"commands\":0,\"check_every\":30,"
		 "\"overflow_day\":-1}\n",
		 "j.jsonl: line 1: day: the header says 6, the journal's commands end at day 5"},
		/* a key twice: cJSON kept both and read the first */
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"commands\":1,"
		 "\"check_every\":30,\"overflow_day\":-1}\n",
		 "j.jsonl: line 1: commands: duplicate key 'commands'"},
		{"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		 "\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":1,\"commands\":1,\"check_every\":30,"
		 "\"overflow_day\":-1}\n{\"type\":\"command\",\"day\":0,\"op\":\"step\",\"days\":1,\"days\":2}\n",
		 "j.jsonl: line 2: days: duplicate key 'days'"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct smug_journal_file f = {0};
		struct smug_error err;

		ck_assert_int_ne(smug_journal_parse(bad[i].text, strlen(bad[i].text), "j.jsonl", &f, &err), SMUG_OK);
		ck_assert_msg(strstr(err.msg, bad[i].msg) != NULL, "'%s' lacks '%s'", err.msg, bad[i].msg);
		ck_assert_int_eq(f.j.n_cmds, 0);
	}
}
END_TEST

/* Each field of a header, a command and a check that is missing or not
 * of its form refuses the journal at its line, naming the field: the
 * header's format, version, scenario hash (16 hexadecimal digits), days
 * and overflow day; a line without a type; a command's corridor, switch,
 * key or seed; a check's skip list (of field groups), day, digest and
 * groups (at most SMUG_STATE_GROUPS digests). */
#define J_HEAD_NO(fields) "{\"type\":\"header\"," fields "}\n"
#define J_HEAD                                                                                                  \
	"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","                  \
	"\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30,\"overflow_day\":-1}\n"
#define J_HEX "\"0000000000000000\""
#define J_HEX4 J_HEX "," J_HEX "," J_HEX "," J_HEX
START_TEST(test_journal_rejects_each_field_out_of_form)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{J_HEAD_NO("\"version\":2"), "line 1: format: missing"},
		{J_HEAD_NO("\"format\":\"smugnet-log\",\"version\":2"), "line 1: format: expected \"smugnet-journal\""},
		{J_HEAD_NO("\"format\":\"smugnet-journal\""), "line 1: version: missing"},
		{J_HEAD_NO("\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\",\"scenario_hash\":\"00\""),
		 "line 1: scenario_hash: expected 16 hexadecimal digits"},
		{J_HEAD_NO("\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
			   "\"scenario_hash\":\"000000000000000z\""),
		 "line 1: scenario_hash: expected 16 hexadecimal digits"},
		{J_HEAD_NO("\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\",\"scenario_hash\":" J_HEX),
		 "line 1: start_day: missing"},
		{J_HEAD_NO("\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\",\"scenario_hash\":" J_HEX
			   ",\"start_day\":0"),
		 "line 1: day: missing"},
		{J_HEAD_NO("\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\",\"scenario_hash\":" J_HEX
			   ",\"start_day\":0,\"day\":0"),
		 "line 1: commands: missing"},
		{J_HEAD_NO("\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\",\"scenario_hash\":" J_HEX
			   ",\"start_day\":0,\"day\":0,\"commands\":0"),
		 "line 1: check_every: missing"},
		{J_HEAD_NO("\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\",\"scenario_hash\":" J_HEX
			   ",\"start_day\":0,\"day\":0,\"commands\":0,\"check_every\":30"),
		 "line 1: overflow_day: missing"},
		{J_HEAD "{\"day\":0}\n", "line 2: type: missing"},
		{J_HEAD "{\"type\":\"command\",\"day\":0,\"op\":\"crackdown\",\"intensity\":0.5,\"end_day\":-1}\n",
		 "line 2: corridor: missing"},
		{J_HEAD "{\"type\":\"command\",\"day\":0,\"op\":\"clear\"}\n", "line 2: corridor: missing"},
		{J_HEAD "{\"type\":\"command\",\"day\":0,\"op\":\"auto\"}\n", "line 2: on: missing"},
		{J_HEAD "{\"type\":\"command\",\"day\":0,\"op\":\"set\",\"value\":\"1\"}\n", "line 2: key: missing"},
		{J_HEAD "{\"type\":\"command\",\"day\":0,\"op\":\"reseed\"}\n", "line 2: seed: missing"},
		{J_HEAD "{\"type\":\"check\",\"day\":0,\"skip\":\"world\",\"digest\":" J_HEX ",\"groups\":[]}\n",
		 "line 2: skip: expected array"},
		{J_HEAD "{\"type\":\"check\",\"day\":0,\"skip\":[\"weather\"],\"digest\":" J_HEX ",\"groups\":[]}\n",
		 "line 2: skip: unknown field group"},
		{J_HEAD "{\"type\":\"check\",\"digest\":" J_HEX ",\"groups\":[]}\n", "line 2: day: missing"},
		{J_HEAD "{\"type\":\"check\",\"day\":0,\"groups\":[]}\n", "line 2: digest: expected 16 hexadecimal digits"},
		{J_HEAD "{\"type\":\"check\",\"day\":0,\"digest\":" J_HEX ",\"groups\":[" J_HEX4 "," J_HEX4 "," J_HEX4
			"," J_HEX4 "," J_HEX4 "," J_HEX4 "," J_HEX4 "," J_HEX4 "," J_HEX "]}\n",
		 "line 2: groups: at most "},
		{J_HEAD "{\"type\":\"check\",\"day\":0,\"digest\":" J_HEX ",\"groups\":[" J_HEX ",7]}\n",
		 "line 2: groups: expected 16 hexadecimal digits"},
	};

	ck_assert_int_lt(SMUG_STATE_GROUPS, 33);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct smug_journal_file f = {0};
		struct smug_error err = {0};

		ck_assert_int_ne(smug_journal_parse(bad[i].text, strlen(bad[i].text), "j.jsonl", &f, &err), SMUG_OK);
		ck_assert_msg(strstr(err.msg, bad[i].msg) != NULL, "'%s' lacks '%s'", err.msg, bad[i].msg);
	}
}
END_TEST
#undef J_HEX4
#undef J_HEX
#undef J_HEAD
#undef J_HEAD_NO

/* A journal holds at most SMUG_JOURNAL_CMD_CAP commands and
 * SMUG_JOURNAL_CHECK_CAP + 1 checks (the periodic ones and the final
 * one): a file with as many loads with every line kept, one with a line
 * more is refused at that line, naming the limit. */
START_TEST(test_journal_refuses_more_lines_than_it_keeps)
{
	/* the header's day and command count: those of the lines below */
	static const char head[] =
		"{\"type\":\"header\",\"format\":\"smugnet-journal\",\"version\":2,\"scenario\":\"x\","
		"\"scenario_hash\":\"0000000000000000\",\"start_day\":0,\"day\":%d,\"commands\":%d,\"check_every\":30,"
		"\"overflow_day\":-1}\n";
	static const char cmd[] = "{\"type\":\"command\",\"day\":0,\"op\":\"step\",\"days\":1}\n";
	static const char check[] = "{\"type\":\"check\",\"day\":0,\"digest\":\"0000000000000000\",\"groups\":[]}\n";
	const struct {
		const char *line, *what;
		int cap;
	} kind[] = {{cmd, "commands", SMUG_JOURNAL_CMD_CAP}, {check, "checks", SMUG_JOURNAL_CHECK_CAP + 1}};

	for (int k = 0; k < 2; k++)
		for (int extra = 0; extra < 2; extra++) {
			int n = kind[k].cap + extra;
			size_t size = sizeof head + 32 + (size_t)n * strlen(kind[k].line) + 1, at = 0;
			char *text = malloc(size), want[80];
			struct smug_journal_file f = {0};
			struct smug_error err = {0};
			enum smug_status st;

			at += (size_t)snprintf(text + at, size - at, head, k ? 0 : 1, k ? 0 : kind[k].cap);
			for (int i = 0; i < n; i++)
				at += (size_t)snprintf(text + at, size - at, "%s", kind[k].line);
			st = smug_journal_parse(text, strlen(text), "j.jsonl", &f, &err);
			if (!extra) {
				ck_assert_msg(st == SMUG_OK, "%d %s: %s", n, kind[k].what, err.msg);
				ck_assert_int_eq(k ? f.j.n_checks : f.j.n_cmds, n);
				smug_journal_file_done(&f);
			} else {
				snprintf(want, sizeof want, "line %d: more than %d %s", n + 1, kind[k].cap, kind[k].what);
				ck_assert_msg(st != SMUG_OK, "%d %s load, more than the %d kept", n, kind[k].what, kind[k].cap);
				ck_assert_msg(strstr(err.msg, want) != NULL, "%d %s: '%s' lacks '%s'", n, kind[k].what, err.msg,
					      want);
			}
			free(text);
		}
}
END_TEST

/* smug_state_groups(names, max) names the first max groups and no more,
 * whatever max (0 to all of them): a caller's shorter list is filled to
 * its end and not past it, and the count is always that of every group. */
START_TEST(test_journal_state_groups_fill_no_more_than_asked)
{
	const char *all[SMUG_STATE_GROUPS], *some[SMUG_STATE_GROUPS + 1];
	static const char guard[] = "guard";
	int n = smug_state_groups(all, SMUG_STATE_GROUPS);

	ck_assert_int_gt(n, 2);
	for (int max = 0; max <= n; max++) {
		for (int i = 0; i <= SMUG_STATE_GROUPS; i++)
			some[i] = guard;
		ck_assert_int_eq(smug_state_groups(some, max), n);
		for (int i = 0; i < max; i++)
			ck_assert_msg(some[i] == all[i], "max %d: name %d is %s, want %s", max, i, some[i], all[i]);
		for (int i = max; i <= SMUG_STATE_GROUPS; i++)
			ck_assert_msg(some[i] == guard, "max %d: name %d written (%s), past the %d asked for", max, i,
				      some[i], max);
	}
}
END_TEST

/* The default scenario with config.SECTION.KEY = v for each given knob. */
static struct smug_world *default_with(const char *const *keys, const double *v, int n)
{
	size_t len;
	const char *def = smug_default_scenario(&len);
	cJSON *root = cJSON_ParseWithLength(def, len), *cfg;
	struct smug_world *w = NULL;
	struct smug_error err;
	char *text;

	cfg = cJSON_GetObjectItemCaseSensitive(root, "config");
	if (cfg == NULL)
		cfg = cJSON_AddObjectToObject(root, "config");
	for (int i = 0; i < n; i++) {
		char section[32];
		const char *dot = strchr(keys[i], '.');
		cJSON *sec;

		snprintf(section, sizeof section, "%.*s", (int)(dot - keys[i]), keys[i]);
		sec = cJSON_GetObjectItemCaseSensitive(cfg, section);
		if (sec == NULL)
			sec = cJSON_AddObjectToObject(cfg, section);
		cJSON_AddNumberToObject(sec, dot + 1, v[i]);
	}
	text = cJSON_Print(root);
	ck_assert_msg(smug_world_load_json(text, strlen(text), "with.json", &w, &err) == SMUG_OK, "%s", err.msg);
	free(text);
	cJSON_Delete(root);
	return w;
}

/* A text knob takes at most the bytes smugnet-scenario(5) documents
 * (deterministic_salt: 39); one more is refused with that number, and
 * the world and its journal stay as they were. */
START_TEST(test_journal_text_knob_refuses_one_byte_too_many)
{
	struct smug_world *w = test_default_at(0);
	struct smug_error err;
	char salt[41];
	uint64_t before = smug_world_digest(w);

	memset(salt, 's', 40);
	salt[40] = '\0';
	ck_assert_int_eq(smug_config_set(w, "smuggling.deterministic_salt", salt, &err), SMUG_ERR_ARG);
	ck_assert_msg(strstr(err.msg, "smuggling.deterministic_salt: too long (at most 39 bytes)") != NULL, "%s",
		      err.msg);
	ck_assert_uint_eq(smug_world_digest(w), before);
	ck_assert_int_eq(w->journal.n_cmds, 0);
	salt[39] = '\0';
	ck_assert_int_eq(smug_config_set(w, "smuggling.deterministic_salt", salt, &err), SMUG_OK);
	ck_assert_str_eq(w->cfg.smuggling.deterministic_salt, salt);
	ck_assert_int_eq(w->journal.n_cmds, 1);
	smug_world_free(w);
}
END_TEST

/* A text knob holds only what a seed holds: bytes that are not UTF-8 (a
 * stray 0xff, a sequence cut short, an overlong form, a surrogate) were
 * taken, and the seed saved with them was refused by every load. Now
 * refused, naming the byte, with the world and its journal as they
 * were; UTF-8 with a tab saves and loads as it was set. */
START_TEST(test_journal_text_knob_refuses_what_a_seed_cannot_hold)
{
	static const char *const bad[] = {"ab\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "x\xf4\x90\x80\x80"};
	static const char *const why[] = {"byte 0xff at offset 2", "byte 0xc3 at offset 0", "byte 0xc0 at offset 0",
					  "byte 0xed at offset 0", "byte 0xf4 at offset 1"};
	struct smug_world *w = test_default_at(0), *loaded = NULL;
	struct smug_error err;
	char root[] = "/tmp/smugnet-journal-XXXXXX";
	uint64_t before = smug_world_digest(w);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(smug_config_set(w, "smuggling.deterministic_salt", bad[i], &err), SMUG_ERR_ARG);
		ck_assert_msg(strstr(err.msg, "smuggling.deterministic_salt: not UTF-8") && strstr(err.msg, why[i]),
			      "'%s': %s", bad[i], err.msg);
	}
	ck_assert_uint_eq(smug_world_digest(w), before);
	ck_assert_int_eq(w->journal.n_cmds, 0);
	ck_assert_int_eq(smug_config_set(w, "smuggling.deterministic_salt", "sel \xc3\xa9\t\xf0\x9f\x82\xa1", &err),
			 SMUG_OK);
	smug_cmd_step(w, 2);
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_msg(smug_vault_save(w, root, "s", &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_vault_load(root, "s", &loaded, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_str_eq(loaded->cfg.smuggling.deterministic_salt, "sel \xc3\xa9\t\xf0\x9f\x82\xa1");
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
	test_remove_tree(root);
	smug_world_free(loaded);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_set_knob_equals_a_scenario_with_it)
{
	static const char *const keys[] = {"customs.base_inspection_rate", "smuggling.bribe_budget_fraction",
					   "crackdown.capacity_per_point"};
	static const char *const text[] = {"0.5", "0.25", "0.02"};
	static const double v[] = {0.5, 0.25, 0.02};
	struct smug_world *a = test_default_at(0), *b = default_with(keys, v, 3);
	struct smug_error err;
	uint64_t before = smug_world_digest(a);

	/* refused: the world and its journal are untouched */
	ck_assert_int_eq(smug_config_set(a, "smuggling.learning_rate", "1.5", &err), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_config_set(a, "smuggling.nope", "1", &err), SMUG_ERR_NOT_FOUND);
	ck_assert_int_eq(smug_config_set(a, "crackdown.max_targets_per_day", "2.5", &err), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_config_set(a, "smuggling.enabled", "yes", &err), SMUG_ERR_ARG);
	ck_assert_uint_eq(smug_world_digest(a), before);
	ck_assert_int_eq(a->journal.n_cmds, 0);
	/* the same values set live at day 0 and written in the scenario */
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(smug_config_set(a, keys[i], text[i], &err), SMUG_OK);
	b->scenario_hash = a->scenario_hash; /* the texts differ; the worlds must not */
	ck_assert_uint_eq(smug_world_digest(a), smug_world_digest(b));
	smug_cmd_step(a, 60);
	smug_cmd_step(b, 60);
	ck_assert_uint_eq(smug_world_digest(a), smug_world_digest(b));
	ck_assert_int_eq(a->journal.n_cmds, 4);
	smug_world_free(a);
	smug_world_free(b);
}
END_TEST

/* The journal a rewound world would save is the one of never rewinding. */
static void same_journal(const struct smug_world *a, const struct smug_world *b)
{
	char *x = smug_journal_to_jsonl(a), *y = smug_journal_to_jsonl(b);

	ck_assert_msg(strcmp(x, y) == 0, "the journals differ");
	free(x);
	free(y);
}

/* A cloned timeline (a what-if branch's) rewinds like its original: back
 * to any day it holds, the same world as the straight run to that day. */
START_TEST(test_journal_cloned_timeline_rewinds_like_its_original)
{
	struct smug_world *w = test_default_at(0);
	struct smug_timeline *t = smug_timeline_new(64u << 20), *c;
	struct smug_error err;

	smug_timeline_reset(t, w);
	smug_timeline_step(t, w, 90);
	c = smug_timeline_clone(t);
	for (int day = 10; day <= 90; day += 40) {
		struct smug_world *r = NULL, *straight = test_default_at(day);

		ck_assert_msg(smug_timeline_rewind(c, w, day, &r, &err) == SMUG_OK, "day %d: %s", day, err.msg);
		ck_assert_msg(smug_world_digest(r) == smug_world_digest(straight),
			      "the clone rewound to day %d differs from the straight run", day);
		smug_world_free(r);
		smug_world_free(straight);
	}
	smug_timeline_free(c);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

#ifdef HAVE_MALLINFO2
/* A journal refused on its last line gives back what its earlier lines
 * took: the commands and checks read before it, and their line numbers
 * (a seed with a damaged journal.jsonl is refused each time the cockpit
 * or `run --load` tries it). */
START_TEST(test_journal_refused_journals_give_their_memory_back)
{
	struct smug_world *w = session();
	char *text = smug_journal_to_jsonl(w), *bad;
	struct smug_journal_file f = {0};
	struct smug_error err;
	size_t before, n;

	bad = malloc(strlen(text) + 16);
	strcpy(bad, text);
	strcat(bad, "{\"type\":7}\n");
	n = strlen(bad);
	ck_assert_int_eq(smug_journal_parse(bad, n, "journal.jsonl", &f, &err), SMUG_ERR_SCHEMA);
	before = test_heap_in_use();
	for (int i = 0; i < 200; i++)
		ck_assert_int_ne(smug_journal_parse(bad, n, "journal.jsonl", &f, &err), SMUG_OK);
	ck_assert_msg(test_heap_in_use() < before + (64u << 10),
		      "200 journals of %d commands and checks refused on their last line: %zu bytes more in use",
		      w->journal.n_cmds + w->journal.n_checks, test_heap_in_use() - before);
	smug_journal_file_done(&f);
	free(bad);
	free(text);
	smug_world_free(w);
}
END_TEST

/* A journal read and freed gives all its memory back, its checks' line
 * numbers too: every seed the cockpit or `run --load` loads reads its
 * journal.jsonl, and a long session loads many. */
START_TEST(test_journal_read_journals_give_their_memory_back)
{
	struct smug_world *w = session();
	char *text = smug_journal_to_jsonl(w);
	struct smug_journal_file f = {0};
	struct smug_error err;
	size_t before;

	ck_assert_int_eq(smug_journal_parse(text, strlen(text), "journal.jsonl", &f, &err), SMUG_OK);
	ck_assert_int_gt(f.j.n_checks, 1);
	smug_journal_file_done(&f);
	before = test_heap_in_use();
	for (int i = 0; i < 200; i++) {
		ck_assert_int_eq(smug_journal_parse(text, strlen(text), "journal.jsonl", &f, &err), SMUG_OK);
		smug_journal_file_done(&f);
	}
	ck_assert_msg(test_heap_in_use() < before + (64u << 10),
		      "200 journals of %d commands and checks read and freed: %zu bytes more in use",
		      w->journal.n_cmds + w->journal.n_checks, test_heap_in_use() - before);
	free(text);
	smug_world_free(w);
}
END_TEST
#endif

#ifdef HAVE_MALLINFO2
/* A timeline gives all its memory back when freed, reset or cloned and
 * freed: a long cockpit session starts what-if branches (a clone each)
 * and rewinds many times, and must not grow by a ring of copies each
 * time. Past day 40 a copy of the default world holds over 256 KiB, so
 * each copy is stored in several blocks. */
START_TEST(test_journal_freed_timelines_return_their_memory)
{
	struct smug_world *w = test_default_at(60);
	struct smug_timeline *t = smug_timeline_new(64u << 20), *c;
	size_t before;

	smug_timeline_reset(t, w);
	smug_timeline_step(t, w, 10);
	smug_timeline_free(smug_timeline_clone(t)); /* the first may keep what later ones reuse */
	before = test_heap_in_use();
	for (int i = 0; i < 20; i++) {
		c = smug_timeline_clone(t);
		smug_timeline_free(c);
	}
	ck_assert_msg(test_heap_in_use() < before + (1u << 20),
		      "20 clones of an 11-copy timeline freed: %zu bytes more in use", test_heap_in_use() - before);
	before = test_heap_in_use();
	for (int i = 0; i < 20; i++) {
		c = smug_timeline_new(64u << 20);
		smug_timeline_reset(c, w);
		smug_timeline_reset(c, w);
		smug_timeline_free(c);
	}
	ck_assert_msg(test_heap_in_use() < before + (1u << 20), "20 timelines reset and freed: %zu bytes more in use",
		      test_heap_in_use() - before);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST
#endif

START_TEST(test_journal_rewind_and_step_back_is_never_rewinding)
{
	struct smug_world *w = test_default_at(0), *r = NULL, *straight;
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	struct smug_error err;
	int b;

	smug_timeline_reset(t, w);
	smug_timeline_step(t, w, 20);
	b = test_busiest_border(w);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	smug_timeline_step(t, w, 25);
	ck_assert_int_eq(smug_config_set(w, "smuggling.learning_rate", "0.25", &err), SMUG_OK);
	smug_timeline_step(t, w, 5);
	straight = smug_world_clone(w);
	/* back to day 20, after the crackdown of that day, then forward */
	ck_assert_int_eq(smug_timeline_rewind(t, w, 20, &r, &err), SMUG_OK);
	ck_assert_int_eq(r->day, 20);
	ck_assert_ptr_nonnull(smug_world_crackdown_on(r, b));
	ck_assert_int_eq(r->journal.n_cmds, 2); /* step 20, crackdown */
	smug_world_free(w);
	w = r;
	smug_timeline_step(t, w, 25);
	ck_assert_int_eq(smug_config_set(w, "smuggling.learning_rate", "0.25", &err), SMUG_OK);
	smug_timeline_step(t, w, 5);
	ck_assert_uint_eq(smug_world_digest(w), smug_world_digest(straight));
	same_journal(w, straight);
	/* one day back and a different future: the old one is gone */
	ck_assert_int_eq(smug_timeline_rewind(t, w, 49, &r, &err), SMUG_OK);
	ck_assert_int_eq(r->day, 49);
	smug_world_free(w);
	w = r;
	smug_timeline_step(t, w, 1);
	ck_assert_uint_eq(smug_world_digest(w), smug_world_digest(straight));
	same_journal(w, straight);
	ck_assert_int_ne(smug_timeline_rewind(t, w, 51, &r, &err), SMUG_OK);
	smug_timeline_free(t);
	smug_world_free(straight);
	smug_world_free(w);
}
END_TEST

/* After 300 days the ring holds no copy of every day (at most 256, the
 * oldest thinned): back to any of the first 12 days, across a knob set
 * on day 5 and a crackdown on day 7 that no kept copy may hold, the
 * world is the straight run's of that day, commands and all. */
START_TEST(test_journal_rewind_past_thinned_copies_replays_the_commands)
{
	struct smug_world *w = test_default_at(0), *ref = test_default_at(0), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	struct smug_error err;
	uint64_t want[13];
	int b = -1;

	for (int c = 0; c < ref->n_corridors && b < 0; c++)
		if (ref->corridors[c].border)
			b = c;
	for (int d = 0; d <= 12; d++) {
		if (d == 5)
			ck_assert_int_eq(smug_config_set(ref, "smuggling.learning_rate", "0.3", &err), SMUG_OK);
		if (d == 7)
			ck_assert_int_eq(smug_cmd_crackdown_set(ref, ref->corridors[b].id, 0.75, -1, &err), SMUG_OK);
		want[d] = smug_world_digest(ref);
		smug_cmd_step(ref, 1);
	}
	smug_timeline_reset(t, w);
	smug_timeline_step(t, w, 5);
	ck_assert_int_eq(smug_config_set(w, "smuggling.learning_rate", "0.3", &err), SMUG_OK);
	smug_timeline_step(t, w, 2);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 0.75, -1, &err), SMUG_OK);
	smug_timeline_step(t, w, 293);
	for (int d = 12; d >= 1; d--) {
		ck_assert_msg(smug_timeline_rewind(t, w, d, &r, &err) == SMUG_OK, "back to day %d: %s", d, err.msg);
		ck_assert_msg(r->day == d && smug_world_digest(r) == want[d],
			      "back to day %d from day 300: day %d, digest %016llx, the straight run's %016llx", d, r->day,
			      (unsigned long long)smug_world_digest(r), (unsigned long long)want[d]);
		smug_world_free(w);
		w = r;
	}
	smug_timeline_free(t);
	smug_world_free(ref);
	smug_world_free(w);
}
END_TEST

/* Back to a day, another future than the first, then back into that new
 * future: the rewound day is the new future's, never a copy kept from
 * the abandoned one. */
START_TEST(test_journal_rewind_into_a_new_future)
{
	struct smug_world *w = test_default_at(0), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	struct smug_error err;
	uint64_t at40;
	int b;

	smug_timeline_reset(t, w);
	smug_timeline_step(t, w, 20);
	b = test_busiest_border(w);
	smug_timeline_step(t, w, 30); /* the first future: no crackdown */
	ck_assert_int_eq(smug_timeline_rewind(t, w, 20, &r, &err), SMUG_OK);
	smug_world_free(w);
	w = r;
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 1.0, -1, &err), SMUG_OK);
	smug_timeline_step(t, w, 20); /* the second: a crackdown from day 21 */
	at40 = smug_world_digest(w);
	smug_timeline_step(t, w, 10);
	ck_assert_msg(smug_timeline_rewind(t, w, 40, &r, &err) == SMUG_OK, "back to day 40: %s", err.msg);
	ck_assert_int_eq(r->day, 40);
	ck_assert_msg(smug_world_crackdown_on(r, b) && smug_world_crackdown_on(r, b)->start_day == 21,
		      "day 40 has no crackdown on %s since day 21", w->corridors[b].id);
	ck_assert_msg(smug_world_digest(r) == at40, "day 40 is not the second future's day 40");
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* session()'s days one at a time: want[d] = the digest of day d, the
 * commands applied on that day included (days 0 to 95). */
static void session_digests(uint64_t want[96])
{
	struct smug_world *w = test_default_at(0);
	struct smug_error err;
	int b = -1;

	for (int d = 0; d <= 95; d++) {
		if (d == 12) {
			ck_assert_int_eq(smug_config_set(w, "smuggling.learning_rate", "0.3", &err), SMUG_OK);
			b = test_busiest_border(w);
			ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 0.75, -1, &err), SMUG_OK);
		}
		if (d == 32)
			smug_cmd_auto_crackdown(w, true);
		if (d == 82)
			ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[b].id, &err), SMUG_OK);
		want[d] = smug_world_digest(w);
		if (d < 95)
			smug_cmd_step(w, 1);
	}
	smug_world_free(w);
}

/* A seed loaded in the cockpit: its ring starts at the load (day 95),
 * and a rewind to any earlier day rebuilds that day from the scenario
 * and the seed's journal, commands and all, refilling the ring on the
 * way so that the next rewinds start from its copies; stepping on from
 * there with the same commands gives the seed again, digest and
 * journal. */
START_TEST(test_journal_rewind_before_a_loaded_seed)
{
	struct smug_world *seed = session(), *w = NULL, *r = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	char root[] = "/tmp/smugnet-journal-XXXXXX";
	static const int days[] = {94, 82, 50, 32, 12, 5, 0};
	struct smug_error err;
	uint64_t want[96];
	int b;

	session_digests(want);
	ck_assert_uint_eq(smug_world_digest(seed), want[95]);
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(smug_vault_save(seed, root, "s", &err), SMUG_OK);
	ck_assert_msg(smug_vault_load(root, "s", &w, &err) == SMUG_OK, "%s", err.msg);
	test_remove_tree(root);
	smug_timeline_reset(t, w);
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		int d = days[i];

		ck_assert_msg(smug_timeline_rewind(t, w, d, &r, &err) == SMUG_OK, "back to day %d: %s", d, err.msg);
		ck_assert_msg(r->day == d && smug_world_digest(r) == want[d],
			      "back to day %d before the load: day %d, digest %016llx, the straight run's %016llx", d,
			      r->day, (unsigned long long)smug_world_digest(r), (unsigned long long)want[d]);
		smug_world_free(w);
		w = r;
		if (d == 94) /* the ring refilled on the way: a copy of each day from 0 */
			ck_assert_msg(smug_timeline_count(t) == 95 && smug_timeline_every(t) == 1,
				      "after the rebuild of day 94 the ring holds %d copies, one every %d days",
				      smug_timeline_count(t), smug_timeline_every(t));
		if (d == 12)
			break;
	}
	/* on from day 12 as the session went: the seed again */
	b = test_busiest_border(w);
	smug_timeline_step(t, w, 20);
	smug_cmd_auto_crackdown(w, true);
	smug_timeline_step(t, w, 50);
	ck_assert_int_eq(smug_cmd_crackdown_clear(w, w->corridors[b].id, &err), SMUG_OK);
	smug_timeline_step(t, w, 13);
	ck_assert_uint_eq(smug_world_digest(w), want[95]);
	same_journal(w, seed);
	/* and back again, before the day the ring restarted from */
	ck_assert_msg(smug_timeline_rewind(t, w, 5, &r, &err) == SMUG_OK, "back to day 5: %s", err.msg);
	ck_assert_uint_eq(smug_world_digest(r), want[5]);
	smug_world_free(r);
	ck_assert_int_eq(smug_world_rebuild(w, 96, &r, &err), SMUG_ERR_ARG);
	ck_assert_int_eq(smug_world_rebuild(w, -1, &r, &err), SMUG_ERR_ARG);
	smug_timeline_free(t);
	smug_world_free(seed);
	smug_world_free(w);
}
END_TEST

/* The session saved to a vault and loaded back, as a seed the cockpit
 * loads (its journal whole, its scenario kept); *set: the index of its
 * knob command (smuggling.learning_rate 0.3 on day 12). */
static struct smug_world *session_loaded(int *set)
{
	struct smug_world *seed = session(), *w = NULL;
	char root[] = "/tmp/smugnet-journal-XXXXXX";
	struct smug_error err;

	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(smug_vault_save(seed, root, "s", &err), SMUG_OK);
	ck_assert_msg(smug_vault_load(root, "s", &w, &err) == SMUG_OK, "%s", err.msg);
	test_remove_tree(root);
	smug_world_free(seed);
	*set = -1;
	for (int i = 0; i < w->journal.n_cmds && *set < 0; i++)
		if (w->journal.cmds[i].kind == SMUG_CMD_SET)
			*set = i;
	ck_assert_int_ge(*set, 0);
	ck_assert_int_eq(w->journal.cmds[*set].day, 12);
	ck_assert_str_eq(w->journal.cmds[*set].value, "0.3");
	return w;
}

/* What a rebuild's progress hook was told; it stops at call stop_at. */
struct told {
	int n, stop_at;
	int day[8], to_day[8];
};

/* The i-th call told day of to_day, and it was the last. */
static void told_last(const struct told *t, int i, int day, int to_day)
{
	ck_assert_int_eq(t->n, i + 1);
	ck_assert_int_eq(t->day[i], day);
	ck_assert_int_eq(t->to_day[i], to_day);
}

static bool told_record(void *ctx, int day, int to_day)
{
	struct told *t = ctx;

	ck_assert_int_lt(t->n, 8);
	t->day[t->n] = day;
	t->to_day[t->n] = to_day;
	return ++t->n != t->stop_at;
}

/* The loaded session (day 95) under a 64 MB ring that tells `told`,
 * stepped on 100 days through it to day 195; want: the straight run's
 * digests of days 0-95. */
static struct smug_world *loaded_and_stepped(struct smug_timeline **t, struct told *told, uint64_t *want)
{
	int set;
	struct smug_world *w = session_loaded(&set);

	session_digests(want);
	*t = smug_timeline_new(64u << 20);
	smug_timeline_reset(*t, w);
	smug_timeline_set_progress(*t, told_record, told);
	ck_assert_int_eq(smug_timeline_step(*t, w, 100), SMUG_OK);
	ck_assert_int_eq(told->n, 0);
	return w;
}

/* A seed whose journal does not rebuild it (here its knob's value edited
 * after the load, as a journal.jsonl edited and resealed would load) gives
 * no past: the rewind before the ring is refused by name, the world shown
 * and its ring stay as they were; rebuilt ahead (smug_timeline_prepare)
 * it fails once and is left. */
START_TEST(test_journal_rewind_refuses_a_journal_that_does_not_rebuild_the_seed)
{
	int set;
	struct smug_world *w = session_loaded(&set), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	struct smug_error err;
	uint64_t before;

	struct told told = {0};

	snprintf(w->journal.cmds[set].value, sizeof w->journal.cmds[set].value, "0.35");
	before = smug_world_digest(w);
	smug_timeline_reset(t, w);
	/* rebuilt ahead, it fails at today (told at day 64 of 95), and is not
	 * tried again ahead: nothing to do, nothing told */
	smug_timeline_set_progress(t, told_record, &told);
	ck_assert_int_eq(smug_timeline_prepare(t, w, 1000), 0);
	ck_assert_int_eq(told.n, 1);
	ck_assert_int_eq(smug_timeline_prepare(t, w, 1000), 0);
	ck_assert_int_eq(told.n, 1);
	ck_assert_int_eq(smug_timeline_count(t), 1);
	/* a rewind tries again, and says why */
	ck_assert_int_eq(smug_timeline_rewind(t, w, 50, &r, &err), SMUG_ERR_HASH);
	ck_assert_int_eq(told.n, 2);
	smug_timeline_set_progress(t, NULL, NULL);
	ck_assert_msg(strstr(err.msg, "the journal does not rebuild this world (day 95 differs") != NULL, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(w), before);
	ck_assert_int_eq(smug_timeline_count(t), 1);
	/* the seed's own journal back: day 50 as it was */
	snprintf(w->journal.cmds[set].value, sizeof w->journal.cmds[set].value, "0.3");
	ck_assert_msg(smug_timeline_rewind(t, w, 50, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(r->day, 50);
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A journal command that fails on the way (a knob's value no longer
 * taken) stops the rebuild: the rewind says which, the world shown and
 * its ring are as they were, and the journal mended rewinds again. */
START_TEST(test_journal_rewind_stops_at_a_journal_command_that_fails)
{
	int set;
	struct smug_world *w = session_loaded(&set), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	struct smug_error err;
	uint64_t before;

	snprintf(w->journal.cmds[set].value, sizeof w->journal.cmds[set].value, "lots");
	before = smug_world_digest(w);
	smug_timeline_reset(t, w);
	ck_assert_int_ne(smug_timeline_rewind(t, w, 50, &r, &err), SMUG_OK);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(err.msg, "journal: command ") != NULL && strstr(err.msg, " (day 12) fails: "
		      "smuggling.learning_rate: expected number in [1e-09,1], got 'lots'") != NULL, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(w), before);
	ck_assert_int_eq(smug_timeline_count(t), 1);
	ck_assert_int_ne(smug_world_rebuild(w, 50, &r, &err), SMUG_OK);
	ck_assert_ptr_null(r);
	/* before the command, the rebuild does not reach it */
	ck_assert_msg(smug_world_rebuild(w, 11, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(r->day, 11);
	smug_world_free(r);
	r = NULL;
	snprintf(w->journal.cmds[set].value, sizeof w->journal.cmds[set].value, "0.3");
	ck_assert_msg(smug_timeline_rewind(t, w, 50, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(r->day, 50);
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A rewind that rebuilds a loaded seed's days tells its progress hook
 * how far it has come every SMUG_TIMELINE_PROGRESS_DAYS days; the hook
 * can stop it, and then the world shown and its ring are as they were:
 * the copies since the load still give their days without a rebuild. The
 * next rewind before the load goes on from the day the stopped one
 * reached and gives the day of the straight run. Days stepped
 * outside a rebuild tell nothing. */
START_TEST(test_journal_rebuild_tells_its_progress_and_stops)
{
	struct smug_timeline *t;
	struct told told = {.stop_at = 2};
	uint64_t want[96], before;
	struct smug_world *w = loaded_and_stepped(&t, &told, want), *r = NULL, *w2 = NULL;
	struct smug_error err;
	int copies, every;

	before = smug_world_digest(w);
	copies = smug_timeline_count(t);
	every = smug_timeline_every(t);
	ck_assert_int_gt(copies, 2);
	ck_assert_int_eq(smug_timeline_rewind(t, w, 50, &r, &err), SMUG_ERR_STOPPED);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err.msg, "rebuild: stopped at day 128 of 195");
	ck_assert_int_eq(told.n, 2);
	ck_assert_int_eq(told.day[0], SMUG_TIMELINE_PROGRESS_DAYS);
	ck_assert_int_eq(told.day[1], 2 * SMUG_TIMELINE_PROGRESS_DAYS);
	ck_assert_int_eq(told.to_day[0], 195);
	ck_assert_int_eq(told.to_day[1], 195);
	ck_assert_uint_eq(smug_world_digest(w), before);
	ck_assert_int_eq(smug_timeline_count(t), copies);
	ck_assert_int_eq(smug_timeline_every(t), every);
	/* the ring's copies since the load: no rebuild, nothing told */
	told = (struct told){0};
	ck_assert_msg(smug_timeline_rewind(t, w, 150, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(r->day, 150);
	ck_assert_int_eq(told.n, 0);
	smug_world_free(r);
	/* not stopped: on from day 128 where the stopped one got (a rewind
	 * to day 150 keeps it), told at 192 of 195, day 50 as it was */
	ck_assert_msg(smug_timeline_rewind(t, w, 50, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(r), want[50]);
	ck_assert_int_eq(told.n, 1);
	ck_assert_int_eq(told.day[0], 3 * SMUG_TIMELINE_PROGRESS_DAYS);
	ck_assert_int_eq(told.to_day[0], 195);
	/* the ring refilled from day 0: an earlier day rebuilds nothing */
	told = (struct told){0};
	ck_assert_int_eq(smug_timeline_step(t, r, 200), SMUG_OK);
	ck_assert_msg(smug_timeline_rewind(t, r, 10, &w2, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(w2), want[10]);
	ck_assert_int_eq(told.n, 0);
	smug_world_free(w2);
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A loaded seed's days rebuilt ahead, a slice at a time (as the cockpit
 * does while it waits for a key): each slice goes on from the last,
 * through days stepped and commands given after the load and a rewind to
 * a day it has not passed; once it reaches today the ring reaches back to
 * day 0, and a rewind before the load rebuilds nothing. */
START_TEST(test_journal_past_is_rebuilt_ahead)
{
	struct smug_timeline *t;
	struct told told = {0};
	uint64_t want[96];
	struct smug_world *w = loaded_and_stepped(&t, &told, want), *r = NULL;
	struct smug_error err;
	int b;

	ck_assert_int_eq(smug_timeline_prepare(t, w, 64), 195 - 64);
	told_last(&told, 0, 64, 195);
	smug_timeline_step(t, w, 10);
	b = test_busiest_border(w);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 0.5, -1, &err), SMUG_OK);
	smug_timeline_step(t, w, 5);
	ck_assert_int_eq(smug_timeline_prepare(t, w, 100), 210 - 164);
	told_last(&told, 1, 128, 210);
	ck_assert_msg(smug_timeline_rewind(t, w, 208, &r, &err) == SMUG_OK, "%s", err.msg);
	smug_world_free(w);
	w = r;
	ck_assert_int_eq(told.n, 2);
	ck_assert_int_eq(smug_timeline_prepare(t, w, 1000), 0);
	told_last(&told, 2, 192, 208);
	ck_assert_int_eq(smug_timeline_prepare(t, w, 1000), 0);
	for (int d = 50; d >= 12; d -= 38) {
		ck_assert_msg(smug_timeline_rewind(t, w, d, &r, &err) == SMUG_OK, "%s", err.msg);
		ck_assert_uint_eq(smug_world_digest(r), want[d]);
		smug_world_free(r);
	}
	ck_assert_int_eq(told.n, 3);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A rewind to a day before the one the rebuild ahead has reached drops
 * it (the journal after that day is about to change): the next one
 * starts again from day 0, and the days it gives are the new journal's. */
START_TEST(test_journal_past_rebuilt_ahead_is_dropped_by_an_earlier_rewind)
{
	struct smug_timeline *t;
	struct told told = {0};
	uint64_t want[96];
	struct smug_world *w = loaded_and_stepped(&t, &told, want), *r = NULL;
	struct smug_error err;
	int b;

	ck_assert_int_eq(smug_timeline_prepare(t, w, 128), 195 - 128);
	ck_assert_msg(smug_timeline_rewind(t, w, 100, &r, &err) == SMUG_OK, "%s", err.msg);
	smug_world_free(w);
	w = r;
	b = test_busiest_border(w);
	ck_assert_int_eq(smug_cmd_crackdown_set(w, w->corridors[b].id, 0.5, -1, &err), SMUG_OK);
	smug_timeline_step(t, w, 20);
	told = (struct told){0};
	ck_assert_int_eq(smug_timeline_prepare(t, w, 1000), 0);
	told_last(&told, 0, 64, 120);
	ck_assert_msg(smug_timeline_rewind(t, w, 50, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(r), want[50]);
	ck_assert_int_eq(told.n, 1);
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A rebuild's ring starts at the spacing its copies will need, taking
 * none its thinning would drop: in a ring of 8 MB (a copy of this world
 * is about 1 MB) the rebuild of the seed's 95 days keeps a copy every
 * few days, within the budget, and every day before the load still
 * rewinds to the straight run's day. */
START_TEST(test_journal_rebuild_into_a_small_ring)
{
	int set;
	struct smug_world *w = session_loaded(&set), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(8u << 20);
	static const int days[] = {94, 50, 49, 33, 17, 1, 0};
	struct smug_error err;
	uint64_t want[96];

	session_digests(want);
	smug_timeline_reset(t, w);
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		int d = days[i];

		ck_assert_msg(smug_timeline_rewind(t, w, d, &r, &err) == SMUG_OK, "back to day %d: %s", d, err.msg);
		ck_assert_msg(smug_world_digest(r) == want[d], "back to day %d in a small ring: not the straight run's",
			      d);
		smug_world_free(r);
		if (i == 0)
			ck_assert_msg(smug_timeline_every(t) > 1 && smug_timeline_count(t) > 2,
				      "the rebuild's ring: %d copies, one every %d days", smug_timeline_count(t),
				      smug_timeline_every(t));
		ck_assert_uint_le(smug_timeline_bytes(t), 8u << 20);
	}
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A ring told where a long step goes (smug_timeline_plan, as the
 * cockpit's `n` tells it) drops at once the copies its thinning would
 * drop on the way and takes the next ones at the spacing it will need:
 * after the step it spaces its copies as a ring stepped without the plan
 * does, or twice as wide, within its budget, and gives every day back as
 * that ring does. A plan never narrows the spacing, and widens a young
 * ring's at once. */
START_TEST(test_journal_planned_ring_spaces_a_long_step)
{
	struct smug_world *w1 = test_default_at(0), *w2 = test_default_at(0), *r1 = NULL, *r2 = NULL;
	struct smug_timeline *t1 = smug_timeline_new(8u << 20), *t2 = smug_timeline_new(8u << 20), *t3;
	static const int days[] = {650, 400, 123, 5};
	struct smug_error err;
	int every, count;

	smug_timeline_reset(t1, w1);
	smug_timeline_reset(t2, w2);
	smug_timeline_step(t1, w1, 100);
	smug_timeline_step(t2, w2, 100);
	ck_assert_int_eq(smug_timeline_every(t2), smug_timeline_every(t1));
	smug_timeline_plan(t2, 700);
	ck_assert_msg(smug_timeline_every(t2) > smug_timeline_every(t1) &&
			      smug_timeline_count(t2) < smug_timeline_count(t1),
		      "planned for day 700 at day 100: %d copies every %d days, unplanned %d every %d",
		      smug_timeline_count(t2), smug_timeline_every(t2), smug_timeline_count(t1),
		      smug_timeline_every(t1));
	smug_timeline_step(t1, w1, 600);
	smug_timeline_step(t2, w2, 600);
	ck_assert_msg(smug_timeline_every(t2) == smug_timeline_every(t1) ||
			      smug_timeline_every(t2) == 2 * smug_timeline_every(t1),
		      "at day 700: planned every %d days, unplanned every %d", smug_timeline_every(t2),
		      smug_timeline_every(t1));
	ck_assert_uint_le(smug_timeline_bytes(t2), 8u << 20);
	every = smug_timeline_every(t2);
	count = smug_timeline_count(t2);
	smug_timeline_plan(t2, 50); /* a plan never narrows the spacing */
	ck_assert_int_eq(smug_timeline_every(t2), every);
	ck_assert_int_eq(smug_timeline_count(t2), count);
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		ck_assert_int_eq(smug_timeline_rewind(t1, w1, days[i], &r1, &err), SMUG_OK);
		ck_assert_msg(smug_timeline_rewind(t2, w2, days[i], &r2, &err) == SMUG_OK, "%s", err.msg);
		ck_assert_int_eq(r2->day, days[i]);
		ck_assert_uint_eq(smug_world_digest(r2), smug_world_digest(r1));
		smug_world_free(r1);
		smug_world_free(r2);
	}
	/* a young ring (10 days, never thinned) told of 100,000 days widens
	 * at once: a copy a day would not fit */
	t3 = smug_timeline_new(64u << 20);
	smug_timeline_reset(t3, w1);
	smug_timeline_step(t3, w1, 10);
	ck_assert_int_eq(smug_timeline_every(t3), 1);
	smug_timeline_plan(t3, w1->day + 100000);
	ck_assert_msg(smug_timeline_every(t3) > 1024 && smug_timeline_count(t3) == 1,
		      "a 10-day ring planned for 100,000 days: %d copies, one every %d days", smug_timeline_count(t3),
		      smug_timeline_every(t3));
	smug_timeline_free(t3);
	smug_timeline_free(t1);
	smug_timeline_free(t2);
	smug_world_free(w1);
	smug_world_free(w2);
}
END_TEST

/* The ring keeps a copy on every multiple of its spacing after its first
 * day, whatever that day: from the loaded session's day 95 (odd) in an
 * 8 MB ring (a copy is about 1 MB), through the thinning of a 60-day
 * step, a long step's plan and the step, the copies held are the first
 * and one on each multiple of the spacing since (a rewind replays at most
 * that many days); none is lost to a spacing the copies are not on. */
static void ring_holds_every_multiple(const struct smug_timeline *t, const struct smug_world *w, const char *when)
{
	int every = smug_timeline_every(t), first = smug_timeline_first_day(t);

	ck_assert_msg(smug_timeline_count(t) == 1 + w->day / every - first / every,
		      "%s (day %d): %d copies from day %d, one every %d days: not one on each multiple", when,
		      w->day, smug_timeline_count(t), first, every);
}

START_TEST(test_journal_ring_from_an_odd_day_keeps_its_spacing)
{
	int set;
	struct smug_world *w = session_loaded(&set);
	struct smug_timeline *t = smug_timeline_new(8u << 20);

	smug_timeline_reset(t, w);
	ck_assert_int_eq(smug_timeline_first_day(t), 95);
	smug_timeline_step(t, w, 60);
	ck_assert_int_gt(smug_timeline_every(t), 2);
	ring_holds_every_multiple(t, w, "thinned");
	smug_timeline_plan(t, 700);
	ring_holds_every_multiple(t, w, "planned for day 700");
	smug_timeline_step(t, w, 100);
	ring_holds_every_multiple(t, w, "stepped on");
	ck_assert_uint_le(smug_timeline_bytes(t), 8u << 20);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A long step stopped early (the cockpit's Esc) ends its plan: the next
 * copies are taken as close as in a ring never planned, so the days
 * stepped after the stop are each a short rewind away. In a 64 MB ring
 * (a copy is about 1 MB): 10 days, a plan for 100,000 more (it keeps
 * the copy of day 0 alone), 54 of them, the plan's end at day 64, then
 * 40 days more. */
START_TEST(test_journal_stopped_long_step_narrows_the_spacing)
{
	struct smug_world *w = test_default_at(0), *plain = test_default_at(0), *r = NULL, *want = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20), *u = smug_timeline_new(64u << 20);
	struct smug_error err;
	int every;

	smug_timeline_reset(t, w);
	smug_timeline_reset(u, plain);
	smug_timeline_step(t, w, 10);
	smug_timeline_plan(t, w->day + 100000);
	smug_timeline_step(t, w, 54);
	smug_timeline_step(u, plain, 64);
	every = smug_timeline_every(t);
	ck_assert_int_eq(smug_timeline_count(t), 1);
	smug_timeline_plan_end(t, w->day + 1000000); /* it never widens */
	ck_assert_int_eq(smug_timeline_every(t), every);
	ck_assert_int_eq(smug_timeline_count(t), 1);
	smug_timeline_plan_end(t, w->day);
	ck_assert_msg(smug_timeline_every(t) <= smug_timeline_every(u),
		      "the plan for 100,000 days ended at day 64: a copy every %d days (planned %d), "
		      "a ring never planned every %d",
		      smug_timeline_every(t), every, smug_timeline_every(u));
	smug_timeline_step(t, w, 40);
	smug_timeline_step(u, plain, 40);
	every = smug_timeline_every(t);
	ck_assert_msg(smug_timeline_count(t) == 1 + w->day / every - 64 / every,
		      "40 days after the stop: %d copies, one every %d days", smug_timeline_count(t), every);
	ck_assert_uint_le(smug_timeline_bytes(t), 64u << 20);
	ck_assert_msg(smug_timeline_rewind(t, w, 103, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_msg(smug_timeline_rewind(u, plain, 103, &want, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(r), smug_world_digest(want));
	smug_world_free(r);
	smug_world_free(want);
	smug_timeline_free(t);
	smug_timeline_free(u);
	smug_world_free(w);
	smug_world_free(plain);
}
END_TEST

/* A rebuild starts from the scenario the world keeps and refuses one
 * that is not the world's: the tiny world, stepped 10 days, given the
 * default world's text (both start on day 0, only the hash differs) is
 * rebuilt neither by smug_world_rebuild nor by a rewind of a ring that
 * holds no copy; no world is given and the message says why. */
START_TEST(test_journal_rebuild_refuses_a_scenario_not_the_worlds)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json"), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	struct smug_error err;
	size_t len;
	const char *other = smug_default_scenario(&len);

	smug_cmd_step(w, 10);
	ck_assert_int_eq(smug_world_rebuild(w, 5, &r, &err), SMUG_OK);
	smug_world_free(r);
	r = NULL;
	world_set_scenario_text(w, other, len);
	ck_assert_int_eq(w->start_day, 0);
	ck_assert_int_eq(smug_world_rebuild(w, 5, &r, &err), SMUG_ERR_ARG);
	ck_assert_str_eq(err.msg, "rebuild: the scenario kept is not the world's");
	ck_assert_ptr_null(r);
	ck_assert_int_eq(smug_timeline_rewind(t, w, 5, &r, &err), SMUG_ERR_ARG);
	ck_assert_str_eq(err.msg, "rebuild: the scenario kept is not the world's");
	ck_assert_ptr_null(r);
	ck_assert_int_eq(smug_timeline_count(t), 0);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

/* A ring that holds no copy (never reset) rewinds as one before a loaded
 * seed's first day: from the scenario, its journal whole or full. */
START_TEST(test_journal_empty_ring_rebuilds_from_the_scenario)
{
	struct smug_world *w = session(), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(64u << 20), *t2 = smug_timeline_new(64u << 20);
	struct smug_error err;
	uint64_t want[96];

	session_digests(want);
	ck_assert_int_eq(smug_timeline_first_day(t), -1);
	ck_assert_msg(smug_timeline_rewind(t, w, 50, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(r), want[50]);
	ck_assert_int_eq(smug_timeline_first_day(t), 0);
	smug_world_free(r);
	fill_journal(w);
	ck_assert_int_eq(w->journal.overflow_day, 95);
	ck_assert_msg(smug_timeline_rewind(t2, w, 40, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(r), want[40]);
	ck_assert_int_eq(smug_timeline_first_day(t2), 0);
	smug_world_free(r);
	smug_timeline_free(t);
	smug_timeline_free(t2);
	smug_world_free(w);
}
END_TEST

/* The bytes a ring holds count a rebuild ahead's ring; a rewind before
 * the ring through a full journal (rebuilt from the scenario to the day,
 * not to today) leaves none: the loaded session rebuilt 40 days ahead,
 * then its journal filled on day 95, holds after the rewind to day 50 the
 * bytes of the same ring without the rebuild ahead. */
START_TEST(test_journal_rebuild_ahead_is_counted_and_dropped_by_a_full_journal_rewind)
{
	int set;
	struct smug_world *w1 = session_loaded(&set), *w2 = session_loaded(&set), *r = NULL;
	struct smug_timeline *t1 = smug_timeline_new(64u << 20), *t2 = smug_timeline_new(64u << 20);
	struct smug_error err;
	uint64_t want[96];

	session_digests(want);
	smug_timeline_reset(t1, w1);
	smug_timeline_reset(t2, w2);
	ck_assert_int_eq(smug_timeline_bytes(t1), smug_timeline_bytes(t2));
	ck_assert_int_eq(smug_timeline_prepare(t1, w1, 40), 55);
	ck_assert_msg(smug_timeline_bytes(t1) > smug_timeline_bytes(t2),
		      "a ring with a rebuild ahead holds %zu bytes, one without %zu", smug_timeline_bytes(t1),
		      smug_timeline_bytes(t2));
	fill_journal(w1);
	fill_journal(w2);
	ck_assert_int_eq(smug_timeline_prepare(t1, w1, 40), 0); /* a full journal rebuilds nothing ahead */
	ck_assert_msg(smug_timeline_rewind(t1, w1, 50, &r, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_uint_eq(smug_world_digest(r), want[50]);
	smug_world_free(r);
	ck_assert_msg(smug_timeline_rewind(t2, w2, 50, &r, &err) == SMUG_OK, "%s", err.msg);
	smug_world_free(r);
	ck_assert_msg(smug_timeline_bytes(t1) == smug_timeline_bytes(t2),
		      "after the rewind: %zu bytes with a rebuild ahead before it, %zu without",
		      smug_timeline_bytes(t1), smug_timeline_bytes(t2));
	smug_timeline_free(t1);
	smug_timeline_free(t2);
	smug_world_free(w1);
	smug_world_free(w2);
}
END_TEST

/* A rewind that replays from a ring's copy through a journal command
 * that fails (here the knob's value of day 5 edited after it was taken)
 * says which, gives no world and leaves the ring as it was; the journal
 * mended, the same rewind goes through. */
START_TEST(test_journal_rewind_from_a_copy_stops_at_a_command_that_fails)
{
	struct smug_world *w = test_default_at(0), *ref = test_default_at(0), *r = NULL;
	struct smug_timeline *t = smug_timeline_new(4u << 20); /* a copy every few days */
	struct smug_error err;
	int set = -1, count;

	smug_timeline_reset(t, w);
	smug_timeline_step(t, w, 5);
	ck_assert_int_eq(smug_config_set(w, "smuggling.learning_rate", "0.3", &err), SMUG_OK);
	smug_timeline_step(t, w, 25);
	ck_assert_int_gt(smug_timeline_every(t), 1);
	for (int i = 0; i < w->journal.n_cmds; i++)
		if (w->journal.cmds[i].kind == SMUG_CMD_SET)
			set = i;
	ck_assert_int_ge(set, 0);
	count = smug_timeline_count(t);
	snprintf(w->journal.cmds[set].value, sizeof w->journal.cmds[set].value, "lots");
	ck_assert_int_ne(smug_timeline_rewind(t, w, 7, &r, &err), SMUG_OK);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(err.msg, " (day 5) fails: smuggling.learning_rate: expected number in [1e-09,1], "
				      "got 'lots'") != NULL, "%s", err.msg);
	ck_assert_int_eq(smug_timeline_count(t), count);
	snprintf(w->journal.cmds[set].value, sizeof w->journal.cmds[set].value, "0.3");
	ck_assert_msg(smug_timeline_rewind(t, w, 7, &r, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(ref, 5);
	ck_assert_int_eq(smug_config_set(ref, "smuggling.learning_rate", "0.3", &err), SMUG_OK);
	smug_cmd_step(ref, 2);
	ck_assert_uint_eq(smug_world_digest(r), smug_world_digest(ref));
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
	smug_world_free(ref);
}
END_TEST

/* A journal that stopped recording on day 3 (its cap reached by the
 * commands of that day, the last of them lost) cannot give day 3 back,
 * by a rewind or a rebuild: the world it would give has the auto
 * planner on, the real one off. Day 2 it still gives. */
START_TEST(test_journal_rewind_stops_before_the_day_the_journal_stopped)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json"), *ref = test_load_file(SRCDIR "/data/tiny.json");
	struct smug_timeline *t = smug_timeline_new(64u << 20);
	struct smug_world *r = NULL;
	struct smug_error err;

	smug_timeline_reset(t, w);
	smug_timeline_step(t, w, 3);
	fill_journal(w);
	ck_assert_int_eq(w->journal.overflow_day, 3);
	smug_timeline_step(t, w, 2);
	ck_assert_int_eq(smug_timeline_rewind(t, w, 3, &r, &err), SMUG_ERR_FULL);
	ck_assert_str_eq(err.msg, "rewind: the journal is full since day 3 (commands of that day are lost); "
				  "that day and later ones cannot be rebuilt");
	ck_assert_int_eq(smug_world_rebuild(w, 3, &r, &err), SMUG_ERR_FULL);
	ck_assert_str_eq(err.msg, "rebuild: the journal is full since day 3 (commands of that day are lost); "
				  "that day and later ones cannot be rebuilt");
	smug_cmd_step(ref, 2);
	ck_assert_int_eq(smug_world_rebuild(w, 2, &r, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(r), smug_world_digest(ref));
	smug_world_free(r);
	ck_assert_int_eq(smug_timeline_rewind(t, w, 2, &r, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(r), smug_world_digest(ref));
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(ref);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_ring_stays_within_its_budget)
{
	struct smug_world *w = test_default_at(0), *r = NULL;
	size_t budget = 16u << 20; /* a copy holds the event log: about 1.1 MB at day 400 */
	struct smug_timeline *t = smug_timeline_new(budget);
	struct smug_error err;
	uint64_t at300 = 0;

	smug_timeline_reset(t, w);
	for (int d = 0; d < 400; d++) {
		smug_timeline_step(t, w, 1);
		if (w->day == 300)
			at300 = smug_world_digest(w);
		ck_assert_uint_le(smug_timeline_bytes(t), budget);
	}
	ck_assert_int_gt(smug_timeline_every(t), 1); /* it thinned */
	ck_assert_int_ge(smug_timeline_count(t), 8);
	/* and still reaches any day, here one between two copies */
	ck_assert_int_eq(smug_timeline_rewind(t, w, 300, &r, &err), SMUG_OK);
	ck_assert_uint_eq(smug_world_digest(r), at300);
	smug_world_free(r);
	smug_timeline_free(t);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_survives_save_and_load)
{
	struct smug_world *w = session(), *loaded = NULL;
	char root[] = "/tmp/smugnet-journal-XXXXXX";
	struct smug_error err;
	char *a, *b;

	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(smug_vault_save(w, root, "s", &err), SMUG_OK);
	ck_assert_msg(smug_vault_load(root, "s", &loaded, &err) == SMUG_OK, "%s", err.msg);
	ck_assert_int_eq(loaded->journal.n_cmds, w->journal.n_cmds);
	ck_assert_uint_eq(loaded->scenario_len, w->scenario_len);
	/* both continue the same way, and the longer journal still replays */
	smug_cmd_step(w, 10);
	smug_cmd_step(loaded, 10);
	ck_assert_uint_eq(smug_world_digest(loaded), smug_world_digest(w));
	a = smug_journal_to_jsonl(w);
	b = smug_journal_to_jsonl(loaded);
	{
		struct smug_replay_report r = replay_text(loaded, b, loaded);

		ck_assert_msg(r.ok, "%s", r.what);
		smug_world_free(r.world);
	}
	free(a);
	free(b);
	{

		test_remove_tree(root);
	}
	smug_world_free(loaded);
	smug_world_free(w);
}
END_TEST

START_TEST(test_journal_stays_bounded)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	char *text;
	struct smug_replay_report r;

	/* daily checks: when the list is full every other one goes and the
	 * spacing doubles, the checks left spanning the whole run evenly, and
	 * the journal still replays */
	smug_journal_set_check_every(w, 1);
	smug_cmd_step(w, SMUG_JOURNAL_CHECK_CAP + 100);
	ck_assert_int_le(w->journal.n_checks, SMUG_JOURNAL_CHECK_CAP);
	ck_assert_int_eq(w->journal.check_every, 2);
	ck_assert_int_eq(w->journal.n_checks, w->day / 2);
	for (int i = 0; i < w->journal.n_checks; i++)
		ck_assert_msg(w->journal.checks[i].day == 2 * (i + 1), "day %d, checks every 2 days: check %d is of day %d",
			      w->day, i, w->journal.checks[i].day);
	ck_assert_int_eq(w->journal.n_cmds, 1);
	text = smug_journal_to_jsonl(w);
	r = replay_text(w, text, w);
	ck_assert_msg(r.ok, "%s", r.what);
	smug_world_free(r.world);
	free(text);
	/* past the command cap the world goes on, the journal says where it
	 * stopped, and replay refuses to vouch for what follows */
	fill_journal(w);
	ck_assert_int_eq(w->journal.n_cmds, SMUG_JOURNAL_CMD_CAP);
	ck_assert_int_eq(w->journal.overflow_day, w->day);
	text = smug_journal_to_jsonl(w);
	r = replay_text(w, text, w);
	ck_assert(!r.ok);
	ck_assert_ptr_nonnull(strstr(r.what, "stopped recording commands"));
	smug_world_free(r.world);
	free(text);
	smug_world_free(w);
}
END_TEST

/* A session that fills the journal's command list before its first step
 * (day 0): the replay says the journal stopped recording on day 0, the
 * day from which it cannot vouch for the world, not that it ended early. */
START_TEST(test_journal_overflow_on_day_zero_names_that_day)
{
	struct smug_world *w = test_load_file(SRCDIR "/data/tiny.json");
	struct smug_replay_report r;
	char *text;

	fill_journal(w);
	ck_assert_int_eq(w->journal.overflow_day, 0);
	smug_cmd_step(w, 40);
	text = smug_journal_to_jsonl(w);
	r = replay_text(w, text, w);
	ck_assert(!r.ok);
	ck_assert_msg(strstr(r.what, "stopped recording commands at day 0") != NULL, "%s", r.what);
	ck_assert_int_eq(r.diverged_day, 0);
	smug_world_free(r.world);
	free(text);
	smug_world_free(w);
}
END_TEST

/* A periodic check (journal.jsonl's check lines between commands) leaves
 * out the telemetry group and only it (smugnet-seed(5)): on day 30 of
 * the default world its digest of every other group is that group's
 * digest in the whole state, so a replay that parts from the journal in
 * any of them, e.g. a shipment in flight worth one minor unit more, is
 * caught at that check, and one that parts from it in telemetry only
 * passes it. */
START_TEST(test_journal_periodic_check_covers_every_group_but_telemetry)
{
	struct smug_world *w = test_default_at(0), *other;
	const char *names[SMUG_STATE_GROUPS];
	int n = smug_state_groups(names, SMUG_STATE_GROUPS), telemetry = -1;
	const struct smug_check *c;
	struct state_digest full, d;

	smug_cmd_step(w, 30);
	ck_assert_int_eq(w->journal.n_checks, 1);
	c = &w->journal.checks[0];
	ck_assert_int_eq(c->day, 30);
	ck_assert_int_eq(c->n_groups, n);
	state_digest(w, &full);
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i], "telemetry") == 0) {
			telemetry = i;
			ck_assert_msg(c->skip >> i & 1u, "the day-30 check does not leave out telemetry");
			continue;
		}
		ck_assert_msg(!(c->skip >> i & 1u), "the day-30 check leaves out %s", names[i]);
		ck_assert_msg(c->groups[i] == full.digest[i],
			      "the day-30 check's %s digest %016llx, the state's %016llx", names[i],
			      (unsigned long long)c->groups[i], (unsigned long long)full.digest[i]);
	}
	ck_assert_int_ge(telemetry, 0);
	ck_assert_int_gt(w->n_shipments, 0);
	other = smug_world_clone(w);
	other->shipment_slots[other->in_transit[0]].value++;
	state_digest_some(other, c->skip, &d);
	ck_assert_msg(d.all != c->digest, "a shipment in flight worth more passes the day-30 check");
	smug_world_free(other);
	/* and a world that parts from it in telemetry only passes it */
	other = smug_world_clone(w);
	other->tel.total.delivered++;
	state_digest_some(other, c->skip, &d);
	ck_assert_msg(d.all == c->digest, "a world with one more delivery counted in telemetry fails the day-30 check");
	smug_world_free(other);
	smug_world_free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("journal");
	TCase *j = tcase_create("journal"), *t = tcase_create("rewind");

	tcase_set_timeout(j, 120);
	tcase_set_timeout(t, 120);
	tcase_add_test(j, test_journal_records_commands_and_merges_steps);
	tcase_add_test(j, test_journal_replays_to_the_same_digest);
	tcase_add_test(j, test_journal_periodic_check_covers_every_group_but_telemetry);
	tcase_add_test(j, test_journal_replays_with_crlf_line_ends);
	tcase_add_test(j, test_journal_tampered_command_names_its_day);
	tcase_add_test(j, test_journal_tampered_check_names_its_line);
	tcase_add_test(j, test_journal_edited_check_digest_says_every_group_matches);
	tcase_add_test(j, test_journal_replay_compares_the_final_state_field_by_field);
	tcase_add_test(j, test_journal_reseed_replays_with_its_seed);
	tcase_add_test(j, test_journal_replay_names_the_day_it_runs_out);
	tcase_add_test(j, test_journal_rejects_malformed_lines);
	tcase_add_test(j, test_journal_rejects_each_field_out_of_form);
	tcase_add_test(j, test_journal_refuses_more_lines_than_it_keeps);
	tcase_add_test(j, test_journal_state_groups_fill_no_more_than_asked);
	tcase_add_test(j, test_journal_set_knob_equals_a_scenario_with_it);
	tcase_add_test(j, test_journal_text_knob_refuses_one_byte_too_many);
	tcase_add_test(j, test_journal_text_knob_refuses_what_a_seed_cannot_hold);
	tcase_add_test(j, test_journal_survives_save_and_load);
	tcase_add_test(j, test_journal_stays_bounded);
	tcase_add_test(j, test_journal_overflow_on_day_zero_names_that_day);
#ifdef HAVE_MALLINFO2
	tcase_add_test(j, test_journal_refused_journals_give_their_memory_back);
	tcase_add_test(j, test_journal_read_journals_give_their_memory_back);
#endif
	tcase_add_test(t, test_journal_rewind_and_step_back_is_never_rewinding);
	tcase_add_test(t, test_journal_cloned_timeline_rewinds_like_its_original);
#ifdef HAVE_MALLINFO2
	tcase_add_test(t, test_journal_freed_timelines_return_their_memory);
#endif
	tcase_add_test(t, test_journal_rewind_into_a_new_future);
	tcase_add_test(t, test_journal_rewind_past_thinned_copies_replays_the_commands);
	tcase_add_test(t, test_journal_ring_stays_within_its_budget);
	tcase_add_test(t, test_journal_rewind_before_a_loaded_seed);
	tcase_add_test(t, test_journal_rebuild_tells_its_progress_and_stops);
	tcase_add_test(t, test_journal_past_is_rebuilt_ahead);
	tcase_add_test(t, test_journal_past_rebuilt_ahead_is_dropped_by_an_earlier_rewind);
	tcase_add_test(t, test_journal_rebuild_into_a_small_ring);
	tcase_add_test(t, test_journal_planned_ring_spaces_a_long_step);
	tcase_add_test(t, test_journal_ring_from_an_odd_day_keeps_its_spacing);
	tcase_add_test(t, test_journal_stopped_long_step_narrows_the_spacing);
	tcase_add_test(t, test_journal_rebuild_refuses_a_scenario_not_the_worlds);
	tcase_add_test(t, test_journal_empty_ring_rebuilds_from_the_scenario);
	tcase_add_test(t, test_journal_rebuild_ahead_is_counted_and_dropped_by_a_full_journal_rewind);
	tcase_add_test(t, test_journal_rewind_refuses_a_journal_that_does_not_rebuild_the_seed);
	tcase_add_test(t, test_journal_rewind_stops_at_a_journal_command_that_fails);
	tcase_add_test(t, test_journal_rewind_from_a_copy_stops_at_a_command_that_fails);
	tcase_add_test(t, test_journal_rewind_stops_before_the_day_the_journal_stopped);
	suite_add_tcase(s, j);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
