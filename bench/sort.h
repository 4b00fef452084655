/* What the bench programs share: sorting their samples. */
#ifndef SMUGNET_BENCH_SORT_H
#define SMUGNET_BENCH_SORT_H

#include <stdlib.h>

/* qsort's order of doubles, ascending. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* v[0..n) sorted in place, ascending. */
static inline void sort_doubles(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
}

#endif
