/* One simulated day in the fixed stage order of DESIGN §4, and the step
 * command. Stages: telemetry roll, signals and the ward economy,
 * crackdowns, smuggling plan (wards, routes, bribes, shipments queued,
 * explain), logistics (launches, predation, customs, outcomes filed),
 * learning and raider runs from the filed outcomes, estimate drift,
 * telemetry close. Each stage reads what the one before wrote into the
 * world; none calls another.
 * Day numbering: days count from 1. The day counter moves first, so all
 * that happens during the N-th simulated day is stamped N, and after it
 * w->day == N ("the end of day N"); a fresh world is at its start day. */
#include "core.h"

static void sim_day(struct smug_world *w)
{
	w->day++;
	draw_head_prepare(w);
	telemetry_begin_day(w);
	logistics_release_resolved(w); /* the last day's outcomes are read */
	signals_step(w);
	crackdown_step(w);
	if (w->cfg.smuggling.enabled) {
		smuggling_refresh_wards(w);
		smuggling_plan(w);
	} else {
		w->n_decisions = 0;
		w->decisions_day = w->day;
	}
	logistics_step(w);
	smuggling_learn_day(w);
	signals_note_resolutions(w);
	smuggling_drift(w);
	telemetry_end_day(w);
}

enum smug_status smug_cmd_step(struct smug_world *w, int days)
{
	if (days < 0)
		return SMUG_ERR_ARG;
	if (days > 0)
		telemetry_reserve(w); /* a simulating world's footprint is fixed */
	for (int i = 0; i < days; i++) {
		int before = w->day;

		sim_day(w);
		journal_step_day(w, before);
	}
	return SMUG_OK;
}
