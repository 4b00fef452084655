/* The command journal: every command applied to a world, in order, with
 * the day it applied, and digests of the state taken along the way.
 * (scenario, journal) rebuilds the world exactly; replay checks that it
 * does. The journal lives in the world but is not part of the state: the
 * digest does not cover it. */
#ifndef SMUGNET_JOURNAL_H
#define SMUGNET_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smugnet/status.h"
#include "smugnet/types.h"

#define SMUG_JOURNAL_CMD_CAP 4096  /* commands kept; steps in a row are one */
#define SMUG_JOURNAL_CHECK_CAP 512 /* periodic checks kept (thinned when full) */
#define SMUG_JOURNAL_CHECK_EVERY 30 /* default days between periodic checks */
#define SMUG_STATE_GROUPS 16	   /* field groups of the state digest, at most */

struct smug_world;

enum smug_cmd_kind {
	SMUG_CMD_STEP,	    /* simulate `days` days */
	SMUG_CMD_CRACKDOWN, /* crackdown on `target` at `intensity` until `end_day` */
	SMUG_CMD_CLEAR,	    /* clear the crackdown on `target` */
	SMUG_CMD_AUTO,	    /* auto-crackdown planner `on` / off */
	SMUG_CMD_SET,	    /* config knob `target` = `value` */
	SMUG_CMD_RESEED,    /* world seed = `seed` */
};

/* The state digest at one moment, whole and per field group. Periodic
 * checks leave out the telemetry group (the event log and the charts,
 * which follow from the rest and would cost more than the days checked):
 * skip has a bit per group left out. */
struct smug_check {
	int day;
	int after_cmds; /* taken when the journal held this many commands */
	unsigned skip;	/* groups left out (bit per group index) */
	uint64_t digest;
	int n_groups;
	uint64_t groups[SMUG_STATE_GROUPS];
};

struct smug_cmd {
	enum smug_cmd_kind kind;
	int day;		       /* w->day when it was applied */
	int days;		       /* STEP */
	char target[SMUG_ID_MAX * 2];  /* corridor id, or knob key */
	char value[64];		       /* SET: the value as text */
	double intensity;	       /* CRACKDOWN, (0,1] */
	int end_day;		       /* CRACKDOWN: last active day, -1 = until cleared */
	bool on;		       /* AUTO */
	uint64_t seed;		       /* RESEED */
	bool checked;		       /* every command but STEP: the state after it */
	struct smug_check check;
};

struct smug_journal {
	struct smug_cmd *cmds; /* in order; consecutive steps merged */
	int n_cmds, cap_cmds;
	struct smug_check *checks; /* periodic, in order of (after_cmds, day) */
	int n_checks;
	int check_every;  /* days between periodic checks (0 = none); doubles when full */
	int overflow_day; /* -1, or the day commands stopped being recorded (cap reached) */
};

/* Names of the field groups, in order (static strings); their count. */
int smug_state_groups(const char **names, int max);

/* Days between periodic checks of w's journal from now on (0: none).
 * A world starts at SMUG_JOURNAL_CHECK_EVERY, which the cockpit and a
 * run that saves a seed or writes its journal keep; a run that keeps no
 * journal, explain and sweep tasks set 0. */
void smug_journal_set_check_every(struct smug_world *w, int days);

/* The journal as JSON Lines (journal.jsonl, smugnet-seed(5)): a header,
 * then commands and checks in the order they happened, then a check of
 * the state now. Caller frees. */
char *smug_journal_to_jsonl(const struct smug_world *w);

/* A journal file read back. */
struct smug_journal_file {
	char scenario_id[SMUG_ID_MAX];
	uint64_t scenario_hash;
	int start_day;
	struct smug_journal j;
	int *cmd_line, *check_line; /* line of each command and check in the file */
};
/* Parse journal.jsonl; errors name "name: line N: key: reason". On
 * failure *out is left empty. Free with smug_journal_file_done. */
enum smug_status smug_journal_parse(const char *text, size_t len, const char *name,
				    struct smug_journal_file *out, struct smug_error *err);
void smug_journal_file_done(struct smug_journal_file *f);

/* What a replay found. */
struct smug_replay_report {
	bool ok;
	int days;	     /* days simulated */
	int commands;	     /* commands applied */
	int checks;	     /* digests compared */
	int diverged_day;    /* first day whose state differs, -1 if none */
	int prev_match_day;  /* last day a check still matched, -1 if none */
	int line;	     /* journal.jsonl line of the first mismatch, 0 if none */
	char what[512];	     /* the mismatch: groups or the field that differ */
	struct smug_world *world; /* the rebuilt world; caller frees */
};

/* Rebuild a world from its scenario (JSON text) and a journal, comparing
 * the digest at every command and check the journal recorded; when end
 * is given (the saved snapshot), also compare the final state field by
 * field. A mismatch is not an error: report->ok is false and
 * report->what names the first day and the field groups (or the field)
 * that differ. Errors (a scenario that does not load or whose hash is not
 * the journal's, a command that fails) return a status. */
enum smug_status smug_replay(const char *scenario, size_t scenario_len, const char *scenario_name,
			     const struct smug_journal_file *jf, const struct smug_world *end,
			     struct smug_replay_report *report, struct smug_error *err);

/* *out = a new world equal to w as it stood at `day` (start_day <= day <=
 * w->day; the commands applied on that day included), rebuilt from w's
 * scenario and its journal, which holds every command from the start (a
 * loaded seed's too). It costs the days up to `day` simulated again.
 * SMUG_ERR_FULL past the day the journal stopped recording. */
enum smug_status smug_world_rebuild(const struct smug_world *w, int day, struct smug_world **out,
				    struct smug_error *err);

/* ---- rewinding: a bounded ring of packed copies of the state ---- */

struct smug_timeline;

/* The cockpit's budget for its ring: under 64 MB on a 400-ward world
 * with room to spare (measured by `make bench`). */
#define SMUG_TIMELINE_BUDGET (48u << 20)

/* A ring whose packed copies stay within budget bytes: it keeps a copy
 * every `every` days and, when full, drops every other copy and doubles
 * `every`, so it always spans the whole history. */
struct smug_timeline *smug_timeline_new(size_t budget);
void smug_timeline_free(struct smug_timeline *t); /* NULL is a no-op */
/* A copy with the same snapshots (for a what-if branch). */
struct smug_timeline *smug_timeline_clone(const struct smug_timeline *t);
/* Start over from w as it is now (a new or loaded world). */
void smug_timeline_reset(struct smug_timeline *t, const struct smug_world *w);
/* smug_cmd_step, keeping copies as the days pass. */
enum smug_status smug_timeline_step(struct smug_timeline *t, struct smug_world *w, int days);
/* *out = a new world equal to w as it stood at `day` (start_day <= day <=
 * w->day; the commands applied on that day included): the nearest
 * earlier copy, then w's journal replayed up to that day. Copies after
 * `day` are dropped: they belong to the future the caller discards. A day
 * before the ring's first copy (a loaded seed's past): the scenario and
 * the journal rebuild today (SMUG_ERR_HASH unless that gives w), the ring
 * refilled with copies on the way as if the world had been stepped from
 * its start, and the day comes from the ring; the new copies are made
 * beside the old (up to twice the budget while it works) and replace them
 * only once today is proved, so a rebuild that fails or is stopped
 * leaves the ring as it was. A stopped rebuild is kept with the ring:
 * the next rewind before the ring goes on from the day it reached. */
enum smug_status smug_timeline_rewind(struct smug_timeline *t, const struct smug_world *w, int day,
				      struct smug_world **out, struct smug_error *err);
/* A rewind to a day before the ring's first copy rebuilds the world's
 * days from its scenario (seconds on a long seed): fn is told the day
 * the rebuild has reached and the day it goes to, every
 * SMUG_TIMELINE_PROGRESS_DAYS days. Returning false stops it: the rewind
 * fails with SMUG_ERR_STOPPED, gives no world and leaves the ring as it
 * was. fn NULL: no calls (the default). A clone keeps the ring's fn. */
#define SMUG_TIMELINE_PROGRESS_DAYS 64
void smug_timeline_set_progress(struct smug_timeline *t, bool (*fn)(void *ctx, int day, int to_day), void *ctx);
/* The days before the ring (a loaded seed's past), which a rewind there
 * rebuilds, rebuilt ahead by up to `days` more days (the front end calls
 * it while it waits for a key): the rebuild is kept with the ring, and
 * once it reaches w's today and gives w the ring takes its copies, so a
 * rewind before the load costs what it costs in a world stepped from its
 * start. w is the ring's world; stepping it on, adding commands, and
 * rewinds to days the rebuild has not passed keep the rebuild, a rewind
 * to an earlier day or a reset drops it. Returns the days still to
 * rebuild; 0 when none, and when the days cannot be rebuilt (a journal
 * that is full or does not rebuild w, no scenario kept): a rewind there
 * says why, and until one has been tried again this does nothing. The
 * rebuild holds a world and a ring of up to the budget beside this one;
 * a clone has its own copy of both. The progress hook is told as in a
 * rewind (the day reached, w's today), and stops it likewise. */
int smug_timeline_prepare(struct smug_timeline *t, const struct smug_world *w, int days);
/* The world is about to be stepped on to to_day (a long step): the
 * copies the ring's thinning would drop on the way go now, and the next
 * ones are taken at the spacing it will need by then (the smallest power
 * of two at which copies of its newest copy's size, from its first day to
 * to_day, fit the budget), so the step packs none it would drop. It
 * never narrows the spacing. */
void smug_timeline_plan(struct smug_timeline *t, int to_day);
/* The long step planned for stopped at `day` (the world's today): the
 * next copies are taken at the spacing the days from the first copy to
 * `day` need (the same rule), not at the one planned for days that did
 * not come, so a rewind into the days stepped after it replays few days.
 * The copies the plan dropped stay dropped. It never widens the spacing. */
void smug_timeline_plan_end(struct smug_timeline *t, int day);
/* Bytes held (with a rebuild ahead's ring, smug_timeline_prepare, but
 * not its world), copies held, days between copies. */
size_t smug_timeline_bytes(const struct smug_timeline *t);
int smug_timeline_count(const struct smug_timeline *t);
int smug_timeline_every(const struct smug_timeline *t);
/* The day of the ring's first copy (-1 when it holds none). */
int smug_timeline_first_day(const struct smug_timeline *t);
/* Halve or restore the budget (a branch shares the cockpit's memory). */
void smug_timeline_set_budget(struct smug_timeline *t, size_t budget);

#endif
