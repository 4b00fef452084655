/* Rolling windows: rings of day buckets. A bucket type starts with its
 * int day (-1 = empty); day d lives in slot d % n. Writing a day's bucket
 * recycles whatever older day held the slot, and a reader takes a bucket
 * only while its day lies inside the window asked for, so windows roll
 * forward without any daily scan. One mechanism for every windowed
 * counter: faction flows, border windows and chart history. */
#include <string.h>

#include "core.h"

void *window_bucket_head(void *ring, int n, size_t size, size_t head, int day)
{
	char *b = (char *)ring + (size_t)(day % n) * size;

	if (*(int *)b != day) {
		memset(b, 0, head);
		*(int *)b = day;
	}
	return b;
}

void *window_bucket(void *ring, int n, size_t size, int day)
{
	return window_bucket_head(ring, n, size, size, day);
}

const void *window_find(const void *ring, int n, size_t size, int day)
{
	const char *b;

	if (day < 0)
		return NULL;
	b = (const char *)ring + (size_t)(day % n) * size;
	return *(const int *)b == day ? b : NULL;
}

void window_mark_empty(void *ring, int n, size_t size)
{
	for (int i = 0; i < n; i++)
		*(int *)((char *)ring + (size_t)i * size) = -1;
}

void window_clear(void *ring, int n, size_t size)
{
	memset(ring, 0, (size_t)n * size);
	window_mark_empty(ring, n, size);
}
