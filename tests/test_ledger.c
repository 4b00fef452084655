/* Ledger: conservation under random transfers and mints; no
 * negative balance; payments capped at the payer's balance; a bounded
 * journal holding the newest entries; accounts created for every world. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test_util.h"

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

START_TEST(test_ledger_random_sequences_conserve)
{
	struct smug_ledger l;
	uint64_t seed = 12345;

	memset(&l, 0, sizeof l);
	ledger_init(&l, 8);
	for (int i = 0; i < 8; i++)
		ledger_post(&l, 0, -1, i, (int64_t)(lcg(&seed) % 100000), SMUG_TX_INITIAL_BALANCE);
	for (int k = 0; k < 20000; k++) {
		int from = (int)(lcg(&seed) % 8), to = (int)(lcg(&seed) % 8);
		int64_t amount = (int64_t)(lcg(&seed) % 150000) - 1000;
		int kind = (int)(lcg(&seed) % 10);
		int64_t fb, tb, moved;

		if (kind == 0) {
			tb = l.accounts[to].balance;
			moved = ledger_post(&l, k / 100, -1, to, amount, SMUG_TX_INITIAL_BALANCE);
			ck_assert_int_eq(l.accounts[to].balance, tb + moved);
		} else {
			fb = l.accounts[from].balance;
			tb = l.accounts[to].balance;
			moved = ledger_post(&l, k / 100, from, to, amount, SMUG_TX_CUSTOMS_BRIBE);
			if (from != to) {
				ck_assert_int_eq(l.accounts[from].balance, fb - moved);
				ck_assert_int_eq(l.accounts[to].balance, tb + moved);
				ck_assert_int_eq(moved, amount <= 0 ? 0 : amount < fb ? amount : fb);
			} else {
				ck_assert_int_eq(moved, 0);
			}
		}
		ck_assert_int_ge(moved, 0);
		ck_assert_msg(smug_ledger_conserved(&l), "conservation broken at step %d", k);
		ck_assert_int_le(l.journal_count, SMUG_JOURNAL_CAP);
	}
	ck_assert_int_eq(l.journal_count, SMUG_JOURNAL_CAP);
	ledger_done(&l);
}
END_TEST

START_TEST(test_ledger_payment_capped_and_journal_newest)
{
	struct smug_ledger l;
	const struct smug_tx *last;

	memset(&l, 0, sizeof l);
	ledger_init(&l, 2);
	ledger_post(&l, 0, -1, 0, 500, SMUG_TX_INITIAL_BALANCE);
	ck_assert_int_eq(ledger_post(&l, 1, 0, 1, 800, SMUG_TX_CUSTOMS_TARIFF), 500);
	ck_assert_int_eq(l.accounts[0].balance, 0);
	ck_assert_int_eq(l.accounts[1].balance, 500);
	ck_assert_int_eq(ledger_post(&l, 1, 0, 1, 10, SMUG_TX_CUSTOMS_TARIFF), 0);
	ck_assert_int_eq(ledger_post(&l, 1, 1, 0, 0, SMUG_TX_CUSTOMS_TARIFF), 0);
	ck_assert_int_eq(ledger_post(&l, 1, 1, 0, -5, SMUG_TX_CUSTOMS_TARIFF), 0);
	ck_assert_int_eq(l.journal_count, 2); /* nothing journaled for moves of 0 */
	last = &l.journal[(l.journal_head + SMUG_JOURNAL_CAP - 1) % SMUG_JOURNAL_CAP];
	ck_assert_int_eq(last->amount, 500);
	ck_assert_int_eq(last->reason, SMUG_TX_CUSTOMS_TARIFF);
	ck_assert_int_eq(last->day, 1);
	ck_assert_int_eq(l.by_reason[SMUG_TX_CUSTOMS_TARIFF], 500);
	ledger_done(&l);
}
END_TEST

/* After more posts than the ring holds, the journal keeps exactly the
 * newest SMUG_JOURNAL_CAP transfers, oldest first from journal_head - count,
 * each once and in the order they were posted (the ring wrapped, possibly
 * more than once, without losing or repeating a slot). */
START_TEST(test_ledger_journal_ring_wraps_in_order)
{
	struct smug_ledger l;
	const int extra[] = {1, SMUG_JOURNAL_CAP - 1, SMUG_JOURNAL_CAP + 7, 2 * SMUG_JOURNAL_CAP + 123};

	for (size_t e = 0; e < sizeof extra / sizeof extra[0]; e++) {
		int posts = SMUG_JOURNAL_CAP + extra[e];

		memset(&l, 0, sizeof l);
		ledger_init(&l, 2);
		/* transfer k (1-based) moves k minor units on day k / 100 */
		for (int k = 1; k <= posts; k++)
			ck_assert_int_eq(ledger_post(&l, k / 100, -1, k % 2, k, SMUG_TX_INITIAL_BALANCE), k);
		ck_assert_int_eq(l.journal_count, SMUG_JOURNAL_CAP);
		ck_assert_int_ge(l.journal_head, 0);
		ck_assert_int_lt(l.journal_head, SMUG_JOURNAL_CAP);
		for (int i = 0; i < SMUG_JOURNAL_CAP; i++) {
			int slot = ((l.journal_head - l.journal_count + i) % SMUG_JOURNAL_CAP + SMUG_JOURNAL_CAP) %
				   SMUG_JOURNAL_CAP;
			int64_t want = posts - SMUG_JOURNAL_CAP + 1 + i;
			const struct smug_tx *t = &l.journal[slot];

			ck_assert_msg(t->amount == want,
				      "%d posts: journal entry %d (slot %d) holds transfer %lld, want %lld", posts, i,
				      slot, (long long)t->amount, (long long)want);
			ck_assert_int_eq(t->day, (int)(want / 100));
			ck_assert_int_eq(t->to, (int)(want % 2));
		}
		ledger_done(&l);
	}
}
END_TEST

START_TEST(test_ledger_world_accounts)
{
	struct smug_world *w = NULL;
	struct smug_error err;
	const char *ids[] = {"acct:blackmarket", "acct:buyers:ward:01", "acct:fac:raiders",
			     "acct:state:treasury", "acct:ward:ward:01"};

	ck_assert(smug_world_load_default(&w, &err) == SMUG_OK);
	for (int i = 1; i < w->ledger.n_accounts; i++)
		ck_assert_int_lt(strcmp(w->ledger.accounts[i - 1].id, w->ledger.accounts[i].id), 0);
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		ck_assert_msg(smug_world_find_account(w, ids[i]) >= 0, "no account %s", ids[i]);
	ck_assert_int_eq(w->ledger.accounts[smug_world_find_account(w, "acct:fac:raiders")].balance, 25000000);
	ck_assert_int_eq(w->ledger.by_reason[SMUG_TX_INITIAL_BALANCE], w->ledger.minted);
	ck_assert(smug_ledger_conserved(&w->ledger));
	smug_world_free(w);
}
END_TEST

START_TEST(test_ledger_money_format)
{
	char b[32];

	smug_money_format(0, b, sizeof b);
	ck_assert_str_eq(b, "0.00");
	smug_money_format(5, b, sizeof b);
	ck_assert_str_eq(b, "0.05");
	smug_money_format(-1234567, b, sizeof b);
	ck_assert_str_eq(b, "-12345.67");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ledger");
	TCase *t = tcase_create("transfers");

	tcase_add_test(t, test_ledger_random_sequences_conserve);
	tcase_add_test(t, test_ledger_payment_capped_and_journal_newest);
	tcase_add_test(t, test_ledger_journal_ring_wraps_in_order);
	suite_add_tcase(s, t);
	t = tcase_create("accounts");
	tcase_add_test(t, test_ledger_world_accounts);
	tcase_add_test(t, test_ledger_money_format);
	suite_add_tcase(s, t);
	return test_run_suite(s);
}
