/* Distribution figures for sweeps: mean, standard deviation (n - 1) and
 * the 5/25/50/75/95 percentiles, linearly interpolated between the
 * sorted values (the method spreadsheets and numpy use by default). */
#include <math.h>
#include <stdlib.h>

#include "cli/sweep.h"

const double sweep_quantiles[5] = {0.05, 0.25, 0.50, 0.75, 0.95};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void sweep_stats_of(double *v, long long n, struct sweep_stats *s)
{
	double sum = 0, ss = 0;

	s->n = n;
	s->mean = s->sd = 0;
	for (int q = 0; q < 5; q++)
		s->p[q] = 0;
	if (n == 0)
		return;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	for (long long i = 0; i < n; i++)
		sum += v[i];
	s->mean = sum / (double)n;
	for (long long i = 0; i < n; i++)
		ss += (v[i] - s->mean) * (v[i] - s->mean);
	s->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	/* every quantile is below 1, so with two values or more the one
	 * after position at is in v (lo <= n - 2); one value is every
	 * percentile */
	for (int q = 0; q < 5; q++) {
		double at = sweep_quantiles[q] * (double)(n - 1);
		long long lo = (long long)floor(at);

		s->p[q] = n < 2 ? v[0] : v[lo] + (v[lo + 1] - v[lo]) * (at - (double)lo);
	}
}
