/* Double-entry ledger in integer minor units. Invariants: no balance is
 * ever negative (a payment is capped at the payer's balance); money enters
 * only through mint reasons and leaves only through burn reasons, so
 * sum(balances) == initial_total + minted - burned at all times; the
 * journal is a bounded ring of the newest SMUG_JOURNAL_CAP transfers. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define BALANCE_MAX (INT64_MAX / 4)

static const bool reason_mint[] = {
#define SMUG_TX_MINT(name, str, mint, burn) mint,
	SMUG_TX_REASON_LIST(SMUG_TX_MINT)
#undef SMUG_TX_MINT
};
static const bool reason_burn[] = {
#define SMUG_TX_BURN(name, str, mint, burn) burn,
	SMUG_TX_REASON_LIST(SMUG_TX_BURN)
#undef SMUG_TX_BURN
};

bool ledger_reason_is_mint(enum smug_tx_reason r)
{
	return (unsigned)r < SMUG_TX_REASON_COUNT && reason_mint[r];
}

bool ledger_reason_is_burn(enum smug_tx_reason r)
{
	return (unsigned)r < SMUG_TX_REASON_COUNT && reason_burn[r];
}

bool smug_tx_reason_mints(enum smug_tx_reason r)
{
	return ledger_reason_is_mint(r);
}

bool smug_tx_reason_burns(enum smug_tx_reason r)
{
	return ledger_reason_is_burn(r);
}

void ledger_init(struct smug_ledger *l, int n_accounts)
{
	ledger_done(l);
	memset(l, 0, sizeof *l);
	l->accounts = xcalloc((size_t)(n_accounts > 0 ? n_accounts : 1), sizeof *l->accounts);
	l->n_accounts = n_accounts;
	l->blackmarket = l->treasury = -1;
	l->day_seq_day = -1;
}

void ledger_done(struct smug_ledger *l)
{
	free(l->accounts);
	l->accounts = NULL;
	l->n_accounts = 0;
}

int64_t ledger_post(struct smug_ledger *l, int day, int from, int to, int64_t amount,
		    enum smug_tx_reason reason)
{
	bool mint = ledger_reason_is_mint(reason), burn = ledger_reason_is_burn(reason);
	struct smug_tx *t;

	assert(mint ? from == -1 : (from >= 0 && from < l->n_accounts));
	assert(burn ? to == -1 : (to >= 0 && to < l->n_accounts));
	if (amount <= 0 || from == to)
		return 0;
	if (!mint && amount > l->accounts[from].balance)
		amount = l->accounts[from].balance;
	if (!burn && amount > BALANCE_MAX - l->accounts[to].balance)
		amount = BALANCE_MAX - l->accounts[to].balance;
	if (amount <= 0)
		return 0;
	if (mint)
		l->minted += amount;
	else
		l->accounts[from].balance -= amount;
	if (burn)
		l->burned += amount;
	else
		l->accounts[to].balance += amount;
	l->by_reason[reason] += amount;
	if (l->day_seq_day != day) {
		l->day_seq_day = day;
		l->day_seq = 0;
	}
	t = &l->journal[l->journal_head];
	*t = (struct smug_tx){day, l->day_seq++, from, to, amount, reason};
	if (++l->journal_head == SMUG_JOURNAL_CAP) /* a compare, not a division */
		l->journal_head = 0;
	if (l->journal_count < SMUG_JOURNAL_CAP)
		l->journal_count++;
	return amount;
}

int64_t smug_ledger_total(const struct smug_ledger *l)
{
	int64_t sum = 0;

	for (int i = 0; i < l->n_accounts; i++)
		sum += l->accounts[i].balance;
	return sum;
}

bool smug_ledger_conserved(const struct smug_ledger *l)
{
	if (smug_ledger_total(l) != l->initial_total + l->minted - l->burned)
		return false;
	for (int i = 0; i < l->n_accounts; i++)
		if (l->accounts[i].balance < 0)
			return false;
	return true;
}

void smug_money_format(int64_t minor, char *buf, size_t size)
{
	struct sbuf b;

	if (size == 0)
		return;
	sb_init(&b, buf, size);
	sb_money(&b, minor);
}
