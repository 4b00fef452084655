/* Progress on long work: one line on stderr, redrawn in place (done/total,
 * rate, time left, failures so far), only when stderr is a terminal and
 * --quiet was not given. Standard output is never touched. */
#include <math.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* s >= 0, rounded to the nearest second */
static void format_duration(double s, char *buf, size_t size)
{
	long t = lround(s);

	if (t >= 3600)
		snprintf(buf, size, "%ldh%02ldm", t / 3600, t / 60 % 60);
	else if (t >= 60)
		snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
	else
		snprintf(buf, size, "%lds", t);
}

/* Whether a progress line is on the screen now, the cursor at its end. */
static bool shown;

void progress_start(struct progress *p, const char *what, const char *unit, long total, bool quiet)
{
	p->on = !quiet && isatty(STDERR_FILENO);
	p->what = what;
	p->unit = unit;
	p->total = total;
	p->done = p->failed = p->missing = 0;
	p->missing_what = NULL;
	p->t0 = now_seconds();
	p->last = 0;
	p->first_t = 0;
	p->first_done = 0;
}

static void progress_draw(struct progress *p, double t)
{
	double dt = t - p->t0, rate = dt > 0 ? (double)p->done / dt : 0;
	char left[32] = "?", failed[48] = "", missing[96] = "";

	/* the time left at the pace of the units after the first ("?" until
	 * one is done): measured from the start, a run's first line read
	 * "1/20000 days, 24.3/s, 13m43s left" for a run of 2 s */
	if (p->done >= p->total)
		format_duration(0, left, sizeof left);
	else if (p->first_t > 0 && p->done > p->first_done && t > p->first_t)
		format_duration((double)(p->total - p->done) * (t - p->first_t) / (double)(p->done - p->first_done),
				left, sizeof left);
	if (p->failed)
		snprintf(failed, sizeof failed, ", %ld failed", p->failed);
	if (p->missing && p->missing_what)
		snprintf(missing, sizeof missing, ", %ld %s", p->missing, p->missing_what);
	fprintf(stderr, "\r%s: %ld/%ld %s%s, %.1f/s, %s left%s\033[K", p->what, p->done, p->total,
		p->unit, missing, rate, left, failed);
	fflush(stderr);
	p->last = t;
	shown = true;
}

void progress_clear(void)
{
	if (!shown)
		return;
	fputs("\r\033[K", stderr);
	shown = false; /* drawn again at the next update, under the message */
}

void progress_update(struct progress *p, long done, long failed)
{
	double t;

	if (!p->on)
		return;
	p->done = done;
	p->failed = failed;
	t = now_seconds();
	if (p->first_t == 0 && done > 0) {
		p->first_t = t;
		p->first_done = done;
	}
	if (t - p->last >= 0.1 || done == p->total || !shown)
		progress_draw(p, t);
}

void progress_erase(struct progress *p)
{
	if (!p->on)
		return;
	progress_clear();
	p->on = false;
}

void progress_end(struct progress *p)
{
	if (!p->on)
		return;
	progress_draw(p, now_seconds());
	fputc('\n', stderr);
	p->on = false;
	shown = false;
}
