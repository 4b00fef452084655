/* Double-entry ledger in integer minor units. Invariants: no balance is
 * ever negative (a payment is capped at the payer's balance); money enters
 * only through mint reasons and leaves only through burn reasons, so
 * sum(balances) == initial_total + minted - burned at all times; the
 * journal is a bounded ring of the newest SMUG_JOURNAL_CAP transfers.
 * ledger_post itself is inline in core.h (the hottest call of a day). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

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
