/* Helpers shared by the Check suites: read a file, load a world, run a
 * suite. Header-only so each test program stays one translation unit. */
#ifndef SMUGNET_TEST_UTIL_H
#define SMUGNET_TEST_UTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#if __GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33)
#define HAVE_MALLINFO2 1 /* test_heap_in_use() below */
#endif
#endif

#include "smugnet/smugnet.h"

/* An event's text, as the cockpit, JSON Lines and CSV show it. One
 * buffer for each of four calls in turn, so an assertion may compare or
 * print up to four texts. */
static inline const char *event_text(const struct smug_world *w, const struct smug_event *e)
{
	static char buf[4][SMUG_EVENT_TEXT_MAX];
	static int next;

	next = (next + 1) % 4;
	return smug_event_text(w, e, buf[next], sizeof buf[next]);
}

#ifdef HAVE_MALLINFO2
/* Heap bytes in use (glibc's own count), for the checks that freed worlds
 * and drawn frames give their memory back. A sanitizer's or valgrind's
 * allocator leaves it still, and such a check then passes: they report
 * leaks themselves. */
static inline size_t test_heap_in_use(void)
{
	struct mallinfo2 m = mallinfo2();

	return m.uordblks + m.hblkhd;
}
#endif

/* The whole file, NUL-terminated, or NULL if it cannot be read; caller frees. */
static inline char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	if (buf)
		buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* A world from a scenario file (failing the test if it does not load). */
static inline struct smug_world *test_load_file(const char *path)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	size_t len;
	char *json = test_slurp(path, &len);

	ck_assert_msg(json != NULL, "cannot read %s", path);
	ck_assert_msg(smug_world_load_json(json, len, path, &w, &err) == SMUG_OK, "%s", err.msg);
	free(json);
	return w;
}

/* The default world after `days` simulated days. */
static inline struct smug_world *test_default_at(int days)
{
	struct smug_world *w = NULL;
	struct smug_error err;

	ck_assert_msg(smug_world_load_default(&w, &err) == SMUG_OK, "%s", err.msg);
	smug_cmd_step(w, days);
	return w;
}

/* The border with the most traffic so far (the first such by index). */
static inline int test_busiest_border(const struct smug_world *w)
{
	int best = -1;

	for (int c = 0; c < w->n_corridors; c++)
		if (w->corridors[c].border && (best < 0 || w->border_stats[c].traffic > w->border_stats[best].traffic))
			best = c;
	return best;
}

/* Remove a test's temporary folder and everything in it. */
static inline void test_remove_tree(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Run a suite; the process exit status. */
static inline int test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
