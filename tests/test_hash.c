/* Keyed draws: uniform, independent across key fields, in [0,1), and
 * stable — the golden values below are a contract, since saved seeds
 * replay only if the same key gives the same draw forever. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

START_TEST(test_hash_uniform_chi_square)
{
	int bins[100] = {0};
	double chi = 0, expect = 100000.0 / 100;

	for (uint64_t i = 0; i < 100000; i++) {
		double u = hash_draw(7, "smuggling-v1", "inspect", 3, &i, 1);

		ck_assert(u >= 0.0 && u < 1.0);
		bins[(int)(u * 100)]++;
	}
	for (int b = 0; b < 100; b++)
		chi += (bins[b] - expect) * (bins[b] - expect) / expect;
	ck_assert_msg(chi < 149.4, "chi-square %.1f over the 99.9%% bound for 99 dof", chi);
}
END_TEST

START_TEST(test_hash_key_fields_independent)
{
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, r;
	int n = 10000;
	uint64_t one = 1;

	for (uint64_t i = 0; i < (uint64_t)n; i++) {
		double x = hash_draw(7, "s", "inspect", 3, &i, 1), y = hash_draw(7, "s", "detect", 3, &i, 1);

		sx += x;
		sy += y;
		sxx += x * x;
		syy += y * y;
		sxy += x * y;
	}
	/* squared correlation coefficient: cov^2 / (var_x var_y) */
	r = (sxy - sx * sy / n) * (sxy - sx * sy / n) / ((sxx - sx * sx / n) * (syy - sy * sy / n));
	ck_assert_msg(r < 0.03 * 0.03, "draws of different purposes correlate: r^2 = %g", r);
	/* every key field changes the value */
	ck_assert(hash_draw(7, "s", "p", 3, &one, 1) != hash_draw(8, "s", "p", 3, &one, 1));
	ck_assert(hash_draw(7, "s", "p", 3, &one, 1) != hash_draw(7, "t", "p", 3, &one, 1));
	ck_assert(hash_draw(7, "s", "p", 3, &one, 1) != hash_draw(7, "s", "q", 3, &one, 1));
	ck_assert(hash_draw(7, "s", "p", 3, &one, 1) != hash_draw(7, "s", "p", 4, &one, 1));
	ck_assert(hash_draw(7, "s", "p", 3, &one, 1) != hash_draw(7, "s", "p", 3, NULL, 0));
	/* field boundaries are part of the key */
	ck_assert(hash_draw(7, "ab", "c", 3, &one, 1) != hash_draw(7, "a", "bc", 3, &one, 1));
}
END_TEST

static uint64_t bits(double v)
{
	uint64_t b;

	memcpy(&b, &v, sizeof b);
	return b;
}

START_TEST(test_hash_golden_values)
{
	uint64_t ids[3] = {1, 2, 3};

	ck_assert_uint_eq(bits(hash_draw(7, "smuggling-v1", "inspect", 10, ids, 3)), 0x3fde01b5e5b0874aULL);
	ck_assert_uint_eq(bits(hash_draw(7, "smuggling-v1", "detect", 10, ids, 3)), 0x3feaaa6862b40fa2ULL);
	ck_assert_uint_eq(bits(hash_draw(7, "smuggling-v1", "bribe", 10, ids, 3)), 0x3fd8e41f321431ecULL);
	ck_assert_uint_eq(bits(hash_draw(7, "smuggling-v1", "predation", 10, ids, 3)), 0x3fe71da216e58757ULL);
}
END_TEST

/* The world's draws (the simulation's inspections, predation, picks) are
 * hash_draw of the world's own seed and salt: before any day, after days
 * have packed the key's head once a day, and at once after the salt or
 * the seed changes (a head packed from the old ones is not used). */
static void expect_world_draws(const struct smug_world *w, const char *when)
{
	const char *salt = w->cfg.smuggling.deterministic_salt;

	for (uint64_t i = 0; i < 50; i++) {
		uint64_t ids[3] = {i, 3 * i + 1, 0};
		int day = (int)(i % 7);

		ck_assert_msg(bits(draw_u01(w, "inspect", day, ids[0], ids[1], ids[2])) ==
				      bits(hash_draw(w->seed, salt, "inspect", day, ids, 3)),
			      "%s: draw %d of 'inspect' is not hash_draw of seed %llu and salt '%s'", when, (int)i,
			      (unsigned long long)w->seed, salt);
		ck_assert_msg(bits(draw_u01(w, "crackdown-explore", day, ids[0], ids[1], ids[2])) ==
				      bits(hash_draw(w->seed, salt, "crackdown-explore", day, ids, 3)),
			      "%s: draw %d of 'crackdown-explore' is not hash_draw of seed %llu and salt '%s'", when,
			      (int)i, (unsigned long long)w->seed, salt);
	}
}

START_TEST(test_hash_world_draws_follow_seed_and_salt)
{
	struct smug_world *w = NULL, *c;
	struct smug_error err;
	double before;

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	expect_world_draws(w, "a fresh world");
	ck_assert_int_eq(smug_cmd_step(w, 3), SMUG_OK);
	expect_world_draws(w, "after 3 days");
	c = smug_world_clone(w);
	expect_world_draws(c, "a clone");
	smug_world_free(c);
	before = draw_u01(w, "inspect", 1, 2, 3, 4);
	ck_assert_int_eq(smug_config_set(w, "smuggling.deterministic_salt", "another-salt", &err), SMUG_OK);
	expect_world_draws(w, "after the salt changed");
	ck_assert(draw_u01(w, "inspect", 1, 2, 3, 4) != before);
	ck_assert_int_eq(smug_cmd_step(w, 1), SMUG_OK);
	expect_world_draws(w, "a day after the salt changed");
	w->seed ^= 0x5a5a; /* no command moves the seed once days ran: as a load would */
	expect_world_draws(w, "after the seed changed");
	smug_world_free(w);
}
END_TEST

/* The bounded text copy every fixed-size id, key and name goes through:
 * a text too long for its field is cut to the field's size less one and
 * ended there, and the bytes after the field (the next field of the
 * record) are left as they were; a text that fits is copied whole. */
START_TEST(test_text_copy_cuts_within_its_field)
{
	struct {
		char field[8];
		char next[8];
	} r;
	bool whole;

	memset(r.next, 'Z', sizeof r.next);
	whole = str_copy(r.field, sizeof r.field, "abcdefghijkl");
	ck_assert_msg(!whole, "a 12-byte text said to fit an 8-byte field");
	ck_assert_str_eq(r.field, "abcdefg");
	for (size_t i = 0; i < sizeof r.next; i++)
		ck_assert_msg(r.next[i] == 'Z', "the byte %zu after the field was written: '%c'", i, r.next[i]);
	ck_assert(str_copy(r.field, sizeof r.field, "abcdefg"));
	ck_assert_str_eq(r.field, "abcdefg");
	ck_assert_msg(r.next[0] == 'Z', "a text that fits wrote past its field");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hash");
	TCase *t = tcase_create("draws");

	tcase_add_test(t, test_hash_uniform_chi_square);
	tcase_add_test(t, test_hash_key_fields_independent);
	tcase_add_test(t, test_hash_golden_values);
	tcase_add_test(t, test_hash_world_draws_follow_seed_and_salt);
	suite_add_tcase(s, t);
	t = tcase_create("text");
	tcase_add_test(t, test_text_copy_cuts_within_its_field);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
