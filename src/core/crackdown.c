/* Crackdowns (stage 2; spec §15 "Crackdown Strategy"): manual targets set
 * through the command API, and an auto planner that reads yesterday's
 * per-border telemetry (bribes, seizures, traffic) of the borders touched
 * yesterday only, keeps the TopK, and spends the enforcement capacity of
 * the wards on intensity levels, with cooldowns after expiry and a
 * periodic low-intensity exploration target. Targets are kept sorted by
 * corridor; both kinds apply the same customs/predation modifiers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static int target_index(const struct smug_world *w, int corridor)
{
	int lo = 0, hi = w->n_crackdowns - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (w->crackdowns[mid].corridor == corridor)
			return mid;
		if (w->crackdowns[mid].corridor < corridor)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -(lo + 1);
}

double crackdown_intensity(const struct smug_world *w, int corridor)
{
	int i = target_index(w, corridor);

	return i >= 0 ? w->crackdowns[i].intensity : 0.0;
}

static bool target_add(struct smug_world *w, const struct smug_crackdown *t)
{
	int i = target_index(w, t->corridor);

	if (i >= 0) {
		w->crackdowns[i] = *t;
		return true;
	}
	if (w->n_crackdowns >= SMUG_CRACKDOWN_CAP)
		return false;
	i = -i - 1;
	memmove(&w->crackdowns[i + 1], &w->crackdowns[i],
		(size_t)(w->n_crackdowns - i) * sizeof w->crackdowns[0]);
	w->crackdowns[i] = *t;
	w->n_crackdowns++;
	return true;
}

static void target_remove(struct smug_world *w, int i)
{
	memmove(&w->crackdowns[i], &w->crackdowns[i + 1],
		(size_t)(w->n_crackdowns - i - 1) * sizeof w->crackdowns[0]);
	w->n_crackdowns--;
}

static int cooldown_index(const struct smug_world *w, int corridor)
{
	for (int i = 0; i < w->n_cooldowns; i++)
		if (w->cooldowns[i].corridor == corridor)
			return i;
	return -1;
}

/* A cooldown for `corridor`, which has none: it starts when a planner
 * target expires, and the planner targets only corridors off cooldown (a
 * state with both does not load: smug_world_check). */
static void cooldown_add(struct smug_world *w, int corridor, int until)
{
	int at;

	if (w->n_cooldowns == SMUG_COOLDOWN_CAP) {
		int v = 0; /* drop the soonest-ending, ties by corridor */

		for (int j = 1; j < w->n_cooldowns; j++)
			if (w->cooldowns[j].until_day < w->cooldowns[v].until_day)
				v = j;
		memmove(&w->cooldowns[v], &w->cooldowns[v + 1],
			(size_t)(w->n_cooldowns - v - 1) * sizeof w->cooldowns[0]);
		w->n_cooldowns--;
	}
	for (at = 0; at < w->n_cooldowns && w->cooldowns[at].corridor < corridor; at++)
		;
	memmove(&w->cooldowns[at + 1], &w->cooldowns[at],
		(size_t)(w->n_cooldowns - at) * sizeof w->cooldowns[0]);
	w->cooldowns[at] = (struct smug_cooldown){corridor, until};
	w->n_cooldowns++;
}

/* why: SMUG_EVF_MANUAL, SMUG_EVF_PLANNER (with the planner's score,
 * bribes, seizures and traffic in planner[4]) or 0 (exploration). */
static void activated_event(struct smug_world *w, const struct smug_crackdown *t, unsigned why,
			    const double *planner)
{
	struct smug_event *ev = telemetry_event(w, SMUG_EV_CRACKDOWN_ACTIVATED, -1, t->corridor, 0, -1, 0);

	ev->flags = why | (t->end_day < 0 ? 0u : SMUG_EVF_TIMED);
	ev->u.v.figure[0] = t->intensity;
	if (planner)
		memcpy(&ev->u.v.figure[1], planner, 4 * sizeof *planner);
	telemetry_crackdown_started(w, t);
}

enum smug_status smug_cmd_crackdown_set(struct smug_world *w, const char *corridor_id,
					double intensity, int end_day, struct smug_error *err)
{
	int c = smug_world_find_corridor(w, corridor_id);
	struct smug_crackdown t;

	if (c < 0) {
		smug_world_unknown_corridor(w, "crackdown", corridor_id, err);
		return SMUG_ERR_NOT_FOUND;
	}
	if (!(intensity >= SMUG_INTENSITY_MIN && intensity <= 1)) { /* a seed holds no less */
		char got[32];

		return smug_error_set(err, SMUG_ERR_ARG, "crackdown: intensity must be in [1e-09,1], got %s",
				      num_text(intensity, got, sizeof got));
	}
	if (end_day != -1 && end_day <= w->day)
		return smug_error_set(err, SMUG_ERR_ARG,
				      "crackdown: end day %d is not after day %d, the last simulated day",
				      end_day, w->day);
	t = (struct smug_crackdown){
		.kind = w->corridors[c].border ? SMUG_CRACKDOWN_BORDER : SMUG_CRACKDOWN_CORRIDOR,
		.corridor = c, .intensity = intensity, .start_day = w->day + 1, .end_day = end_day,
		.manual = true, .exploration = false,
	};
	if (crackdown_intensity(w, c) > 0) /* replaced: the old period ends today */
		telemetry_crackdown_ended(w, c, w->day);
	if (!target_add(w, &t))
		return smug_error_set(err, SMUG_ERR_FULL, "crackdown: at most %d targets",
				      SMUG_CRACKDOWN_CAP);
	activated_event(w, &t, SMUG_EVF_MANUAL, NULL);
	{
		struct smug_cmd cmd = {.kind = SMUG_CMD_CRACKDOWN, .intensity = intensity, .end_day = end_day};

		str_copy(cmd.target, sizeof cmd.target, corridor_id);
		journal_cmd(w, &cmd);
	}
	return SMUG_OK;
}

enum smug_status smug_cmd_crackdown_clear(struct smug_world *w, const char *corridor_id,
					  struct smug_error *err)
{
	int c = smug_world_find_corridor(w, corridor_id), i;

	if (c < 0) {
		smug_world_unknown_corridor(w, "crackdown", corridor_id, err);
		return SMUG_ERR_NOT_FOUND;
	}
	i = target_index(w, c);
	if (i < 0)
		return smug_error_set(err, SMUG_ERR_NOT_FOUND, "crackdown: no crackdown on '%s'",
				      corridor_id);
	target_remove(w, i);
	telemetry_crackdown_ended(w, c, w->day);
	telemetry_event(w, SMUG_EV_CRACKDOWN_CLEARED, -1, c, 0, -1, 0);
	{
		struct smug_cmd cmd = {.kind = SMUG_CMD_CLEAR};

		str_copy(cmd.target, sizeof cmd.target, corridor_id);
		journal_cmd(w, &cmd);
	}
	return SMUG_OK;
}

void smug_cmd_auto_crackdown(struct smug_world *w, bool on)
{
	w->cfg.crackdown.auto_enabled = on;
	journal_cmd(w, &(struct smug_cmd){.kind = SMUG_CMD_AUTO, .on = on});
}

struct candidate {
	int corridor;
	double score, bribes, seizures, traffic;
};

static int cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->corridor > y->corridor) - (x->corridor < y->corridor);
}

static bool blocked(const struct smug_world *w, int corridor)
{
	return target_index(w, corridor) >= 0 || cooldown_index(w, corridor) >= 0;
}

static void plan_targets(struct smug_world *w)
{
	const struct smug_crackdown_config *k = &w->cfg.crackdown;
	static const double levels[] = {1.0, 0.75, 0.5, 0.25};
	struct candidate cand[SMUG_TOUCHED_CAP];
	int nc = 0, planner = 0;
	double capacity = w->enforcement_capacity;

	for (int i = 0; i < w->n_crackdowns; i++)
		if (!w->crackdowns[i].manual) {
			planner++;
			if (!w->crackdowns[i].exploration)
				capacity -= w->crackdowns[i].intensity;
		}
	for (int i = 0; i < w->tel.n_touched_yday; i++) {
		int c = w->tel.touched_yday[i];
		const struct smug_border_stats *b = &w->border_stats[c];
		struct candidate x = {c, 0, (double)b->bribes_yday / w->cfg.signals.bribe_norm,
				      (double)b->seizures_yday, (double)b->traffic_yday};

		x.score = 0.5 * x.bribes + 0.7 * x.seizures + 0.3 * x.traffic;
		if (x.score > 0 && !blocked(w, c))
			cand[nc++] = x;
	}
	qsort(cand, (size_t)nc, sizeof cand[0], cmp_candidate);
	if (nc > k->border_topk)
		nc = k->border_topk;
	for (int i = 0; i < nc && planner < k->max_targets_per_day && capacity >= 0.25; i++) {
		struct smug_crackdown t = {SMUG_CRACKDOWN_BORDER, cand[i].corridor, 0, w->day,
					   w->day + k->duration_days - 1, false, false};
		double why[4];

		for (int l = 0; l < 4 && t.intensity == 0; l++)
			if (levels[l] <= capacity + 1e-12)
				t.intensity = levels[l];
		if (!target_add(w, &t))
			break;
		capacity -= t.intensity;
		planner++;
		why[0] = cand[i].score;
		why[1] = cand[i].bribes;
		why[2] = cand[i].seizures;
		why[3] = cand[i].traffic;
		activated_event(w, &t, SMUG_EVF_PLANNER, why);
	}
	if (k->exploration_every > 0 && w->day % k->exploration_every == 0 &&
	    planner < k->max_targets_per_day) {
		int open[SMUG_TOUCHED_CAP], no = 0;

		for (int i = 0; i < w->tel.n_touched_yday; i++)
			if (!blocked(w, w->tel.touched_yday[i]))
				open[no++] = w->tel.touched_yday[i];
		if (no > 0) {
			int pick = open[(int)(draw_u01(w, "crackdown-explore", w->day, 0, 0, 0) * no)];
			struct smug_crackdown t = {SMUG_CRACKDOWN_BORDER, pick, k->exploration_intensity,
						   w->day, w->day + k->duration_days - 1, false, true};

			if (target_add(w, &t))
				activated_event(w, &t, 0, NULL);
		}
	}
}

void crackdown_step(struct smug_world *w)
{
	for (int i = 0; i < w->n_crackdowns;) {
		const struct smug_crackdown *t = &w->crackdowns[i];

		if (t->end_day >= 0 && t->end_day < w->day) {
			struct smug_event *ev = telemetry_event(w, SMUG_EV_CRACKDOWN_EXPIRED, -1,
							       t->corridor, 0, -1, 0);

			ev->u.v.count = t->end_day - t->start_day + 1;
			if (!t->manual)
				cooldown_add(w, t->corridor, w->day + w->cfg.crackdown.cooldown_days);
			telemetry_crackdown_ended(w, t->corridor, t->end_day);
			target_remove(w, i);
		} else {
			i++;
		}
	}
	for (int i = 0; i < w->n_cooldowns;) {
		if (w->cooldowns[i].until_day < w->day) {
			memmove(&w->cooldowns[i], &w->cooldowns[i + 1],
				(size_t)(w->n_cooldowns - i - 1) * sizeof w->cooldowns[0]);
			w->n_cooldowns--;
		} else {
			i++;
		}
	}
	if (w->cfg.crackdown.auto_enabled)
		plan_targets(w);
}

/* Day numbers count simulated days from 1 in the core as for the
 * designer (w->day is the last simulated day); a target is active on the
 * days [start_day, end_day]. These two helpers are the only place that
 * reads a designer's day against a target. */
int smug_crackdown_end_day(int last_day)
{
	return last_day;
}

bool smug_crackdown_active_on(const struct smug_world *w, int corridor, int day)
{
	const struct smug_crackdown *t = smug_world_crackdown_on(w, corridor);

	return t && t->start_day <= day && (t->end_day < 0 || day <= t->end_day);
}
