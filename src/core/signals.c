/* Signal dynamics (stage 1) and the ward economy. Per ward, from
 * yesterday's bribes, deliveries and raider runs: black-market flow is an
 * average of bribes taken; corruption rises with bribes, falls with audit
 * and is pulled back toward its scenario value; tolerance creeps up with
 * shortage where corruption is high and decays toward its base; each
 * shortage eases with deliveries and regenerates toward its base; raider
 * presence averages the runs of raider factions through the ward (busts
 * count against it) and lifts raider influence at most raider_gain above
 * its base. Every signal's daily change is clamped to ±max_daily_delta
 * and its value to [0,1], so nothing runs away over centuries.
 *
 * The ward economy closes the money loop (no money is created or
 * destroyed after day 0): each day the treasury pays enforcement_pay_rate
 * of its balance to the wards in proportion to their enforcement points
 * (PAY_ENFORCEMENT); each ward spends ward_spend_rate of its account on
 * its people, whose purse is the ward's buyer account (WARD_SPENDING);
 * the state levies levy_rate of each buyer purse (LEVY_THROUGHPUT), of
 * which corruption_leak × corruption leaks to the black market
 * (CORRUPTION_LEAK); the black market spends blackmarket_spend_rate of
 * its balance in the wards in proportion to their corruption
 * (BLACKMARKET_SPENDING). Smuggling factions pay UPKEEP (their crews'
 * wages) into the buyer purse of their home ward. */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static double step_toward(double v, double delta, double max_delta)
{
	return clamp01(v + clampd(delta, -max_delta, max_delta));
}

static int64_t share_of(int64_t amount, double rate)
{
	return amount > 0 && rate > 0 ? (int64_t)((double)amount * rate) : 0;
}

/* The day's parameters, read once for all wards. */
struct signal_terms {
	double md, bribe_norm, bm_alpha, per_bribe, audit_pull, corr_pull;
	double ease, regen, tol_corruption, tol_gain, tol_decay;
	double raider_loss, raider_norm, raider_decay, raider_gain;
};

/* Whether each of the n signals v holds its base's bits and is not -0.0:
 * then a day that only pulls it toward its base (d = rate × (base - v),
 * which is ±0, and v + ±0 is v) leaves it where it is. Compared as bits,
 * a few integer operations a signal: a value equal to its base but not in
 * bits (+0.0 against a base of -0.0; bases are numbers in [0,1], never
 * NaN) takes the step, which leaves it where it is just the same. */
static bool at_base(const double *v, const double *base, int n)
{
	uint64_t off = 0;

#pragma GCC unroll 8 /* n is a constant where it is inlined: no loop left */
	for (int i = 0; i < n; i++) {
		uint64_t a, b;

		memcpy(&a, &v[i], sizeof a);
		memcpy(&b, &base[i], sizeof b);
		off |= (a ^ b) | (a & UINT64_C(0x8000000000000000));
	}
	return off == 0;
}

/* Whether any good was delivered to wa today. */
static bool delivered_any(const struct smug_ward *wa)
{
	int any = 0;

	for (int g = 0; g < SMUG_GOOD_COUNT; g++)
		any |= wa->delivered_today[g];
	return any != 0;
}

/* Corruption's day: bm, the day's bribes against their norm, raise it;
 * audit and the pull toward its base lower it. */
static inline void corruption_step(const struct signal_terms *t, struct smug_signals *s,
				   const struct smug_signals *b, double bm)
{
	double d = t->per_bribe * bm - t->audit_pull * s->audit * s->corruption +
		   t->corr_pull * (b->corruption - s->corruption);

	s->corruption = step_toward(s->corruption, d, t->md);
}

/* The shortages' average as the tolerance step takes it. */
static inline __attribute__((always_inline)) double shortage_avg(const struct smug_signals *s)
{
	double short_avg = 0;

#pragma GCC unroll 8 /* a handful of goods */
	for (int g = 0; g < SMUG_GOOD_COUNT; g++)
		short_avg += s->shortage[g] / SMUG_GOOD_COUNT;
	return short_avg;
}

/* Tolerance's day: it creeps up with the shortages where corruption is
 * high (the average counts only there) and decays toward its base. avg:
 * shortage_avg(s) where the caller holds it, or NULL. */
static inline __attribute__((always_inline)) void tolerance_step(const struct signal_terms *t, struct smug_signals *s,
								    const struct smug_signals *b, const double *avg)
{
	double d = 0.0;

	if (s->corruption > t->tol_corruption)
		d = t->tol_gain * (avg ? *avg : shortage_avg(s));
	d += t->tol_decay * (b->smuggling_tolerance - s->smuggling_tolerance);
	s->smuggling_tolerance = step_toward(s->smuggling_tolerance, d, t->md);
}

static inline __attribute__((always_inline)) void ward_signals(const struct signal_terms *t, struct smug_ward *wa)
{
	struct smug_signals *s = &wa->sig;
	const struct smug_signals *b = &wa->base;
	double md = t->md;
	/* a quiet ward (no bribes, no runs: most wards on most days) skips
	 * the divisions: 0 / norm is +0 for the positive norms config.c
	 * allows, and 0 - raider_loss × 0 is +0 */
	double bm = wa->bribes_today == 0 ? 0.0 : clamp01((double)wa->bribes_today / t->bribe_norm);
	double runs, d;
	bool delivered = delivered_any(wa);

	/* no bribes and a flow of +0.0 (a ward never bribed): alpha × (+0 - +0)
	 * is +0, and the step leaves +0 where it is */
	if (bm != 0 || s->blackmarket_flow != 0 || signbit(s->blackmarket_flow)) {
		d = t->bm_alpha * (bm - s->blackmarket_flow);
		s->blackmarket_flow = step_toward(s->blackmarket_flow, d, md);
	}
	corruption_step(t, s, b, bm);
	if (delivered) {
#pragma GCC unroll 8 /* a handful of goods; gcc -O2 keeps the loop otherwise */
		for (int g = 0; g < SMUG_GOOD_COUNT; g++) {
			d = -t->ease * wa->delivered_today[g] + t->regen * (b->shortage[g] - s->shortage[g]);
			s->shortage[g] = step_toward(s->shortage[g], d, md);
		}
	} else if (!at_base(s->shortage, b->shortage, SMUG_GOOD_COUNT)) {
		/* no deliveries (most wards on most days): -ease × 0 is -0.0
		 * for the ease in [0,1] config.c allows, and -0.0 + x is x for
		 * every x, signed zeros included; and shortages at their base
		 * (a ward never delivered to) stay there */
#pragma GCC unroll 8
		for (int g = 0; g < SMUG_GOOD_COUNT; g++) {
			d = t->regen * (b->shortage[g] - s->shortage[g]);
			s->shortage[g] = step_toward(s->shortage[g], d, md);
		}
	}
	if (s->corruption > t->tol_corruption || !at_base(&s->smuggling_tolerance, &b->smuggling_tolerance, 1))
		tolerance_step(t, s, b, NULL);
	runs = wa->raider_runs_today == 0 && wa->raider_busts_today == 0
		       ? 0.0
		       : clampd(((double)wa->raider_runs_today - t->raider_loss * wa->raider_busts_today) /
					t->raider_norm,
				-1.0, 1.0);
	/* no raiders ever (a presence of +0.0) and an influence at its base
	 * (not -0.0): the presence stays +0, the influence's target is its
	 * base and its step is +0, so both stay where they are */
	if (runs != 0 || wa->raider_presence != 0 || signbit(wa->raider_presence) ||
	    !at_base(&s->raider_influence, &b->raider_influence, 1)) {
		wa->raider_presence += t->raider_decay * (runs - wa->raider_presence);
		d = clamp01(b->raider_influence + t->raider_gain * wa->raider_presence) - s->raider_influence;
		s->raider_influence = step_toward(s->raider_influence, d, md);
	}
	wa->bribes_today = 0;
	wa->raider_runs_today = wa->raider_busts_today = 0;
	for (int g = 0; g < SMUG_GOOD_COUNT; g++)
		wa->delivered_today[g] = 0;
}

/* A quiet ward: nothing happened there today (no bribes, deliveries,
 * raider runs or busts) and every signal but corruption and tolerance
 * sits where a quiet day leaves it: the black-market flow and raider
 * presence +0.0, the shortages and raider influence at their base's bits
 * (not -0.0). Then ward_signals moves corruption, and tolerance where
 * corruption is high or tolerance is off its base, and nothing else:
 * every other step is skipped there, and the day's counts it clears are
 * 0 already. A few 16-byte words tell, in the vector types gcc and clang
 * share: the day's counts and the presence are one run of bytes (the
 * four between the busts and the presence are padding, masked off), and
 * the shortages, the flow and the influence are read two by two. */
_Static_assert(offsetof(struct smug_ward, delivered_today) == offsetof(struct smug_ward, bribes_today) + 8 &&
		       offsetof(struct smug_ward, raider_runs_today) ==
			       offsetof(struct smug_ward, delivered_today) + SMUG_GOOD_COUNT * sizeof(int) &&
		       offsetof(struct smug_ward, raider_busts_today) ==
			       offsetof(struct smug_ward, raider_runs_today) + sizeof(int) &&
		       offsetof(struct smug_ward, raider_presence) ==
			       offsetof(struct smug_ward, raider_busts_today) + 8 &&
		       offsetof(struct smug_ward, raider_presence) - offsetof(struct smug_ward, bribes_today) == 40,
	       "the day's counts and the presence are one run of 48 bytes, 4 of them padding");
_Static_assert(SMUG_GOOD_COUNT == 5 &&
		       offsetof(struct smug_signals, blackmarket_flow) ==
			       offsetof(struct smug_signals, shortage) + SMUG_GOOD_COUNT * sizeof(double) &&
		       offsetof(struct smug_signals, precursor_output) ==
			       offsetof(struct smug_signals, raider_influence) + sizeof(double),
	       "four shortages in pairs, the fifth with the flow, the influence with the next signal");
static bool ward_quiet(const struct smug_ward *wa)
{
	typedef uint64_t u64x2 __attribute__((vector_size(16)));
	const uint64_t sign = UINT64_C(0x8000000000000000), all = ~UINT64_C(0);
	/* read through the ward's bytes: each word spans two fields */
	const unsigned char *ward = (const unsigned char *)wa;
	const unsigned char *today = ward + offsetof(struct smug_ward, bribes_today);
	const unsigned char *sig = ward + offsetof(struct smug_ward, sig);
	const unsigned char *base = ward + offsetof(struct smug_ward, base);
	const size_t shortage = offsetof(struct smug_signals, shortage);
	const size_t influence = offsetof(struct smug_signals, raider_influence);
	const u64x2 counts_mask = {UINT64_C(0xffffffff), all}, sign2 = {sign, sign};
	const u64x2 first = {all, 0}, sign_then_all = {sign, all}, sign_then_none = {sign, 0};
	u64x2 c0, c1, c2, v0, v1, v2, b0, b1, b2, r, rb, o;

	memcpy(&c0, today, 16);
	memcpy(&c1, today + 16, 16);
	memcpy(&c2, today + 32, 16); /* the busts, padding, the presence */
	memcpy(&v0, sig + shortage, 16);
	memcpy(&v1, sig + shortage + 16, 16);
	memcpy(&v2, sig + shortage + 32, 16); /* the last shortage, the flow */
	memcpy(&b0, base + shortage, 16);
	memcpy(&b1, base + shortage + 16, 16);
	memcpy(&b2, base + shortage + 32, 16);
	memcpy(&r, sig + influence, 16);
	memcpy(&rb, base + influence, 16);
	o = c0 | c1 | (c2 & counts_mask);
	o |= (v0 ^ b0) | (v1 ^ b1) | ((v0 | v1) & sign2);
	/* the flow's bits all 0 (+0.0), whatever its base */
	o |= ((v2 ^ b2) & first) | (v2 & sign_then_all);
	o |= ((r ^ rb) & first) | (r & sign_then_none);
	return (o[0] | o[1]) == 0;
}

/* A quiet ward told by its note: signals_step left it at rest with
 * today's rest key (signals_at_rest == key, never 0) and nothing
 * happened there today. The note sits in the padding between the busts
 * and the presence, so the day's counts and the note are the first 40
 * of the bytes ward_quiet reads, and the signals themselves are not
 * read at all. */
_Static_assert(offsetof(struct smug_ward, signals_at_rest) == offsetof(struct smug_ward, raider_busts_today) + 4,
	       "the note in the padding after the busts");
static bool ward_rests(const struct smug_ward *wa, uint32_t key)
{
	typedef uint64_t u64x2 __attribute__((vector_size(16)));
	const unsigned char *today = (const unsigned char *)wa + offsetof(struct smug_ward, bribes_today);
	/* the busts and the note (little-endian, as ward_quiet reads them) */
	const u64x2 counts_and_note = {~UINT64_C(0), 0}, at_rest = {(uint64_t)key << 32, 0};
	u64x2 c0, c1, c2, o;

	memcpy(&c0, today, 16);
	memcpy(&c1, today + 16, 16);
	memcpy(&c2, today + 32, 16);
	o = c0 | c1 | ((c2 & counts_and_note) ^ at_rest);
	return (o[0] | o[1]) == 0;
}

/* ward_signals on a quiet ward: the same steps, the ones a quiet day
 * skips left out; avg as tolerance_step takes it (a ward at rest holds
 * its shortages' average: they do not move). */
static inline __attribute__((always_inline)) void quiet_ward_signals(const struct signal_terms *t,
								       struct smug_ward *wa, const double *avg)
{
	corruption_step(t, &wa->sig, &wa->base, 0.0);
	if (wa->sig.corruption > t->tol_corruption ||
	    !at_base(&wa->sig.smuggling_tolerance, &wa->base.smuggling_tolerance, 1))
		tolerance_step(t, &wa->sig, &wa->base, avg);
}

/* ward_signals out of the loop's way, for the few wards that are not
 * quiet in a world where most are. */
static __attribute__((noinline)) void busy_ward_signals(const struct signal_terms *t, struct smug_ward *wa)
{
	ward_signals(t, wa);
}

/* A world of this many wards or more has most of them quiet on most
 * days (in a generated world of 3,600 nine in ten; in the default world
 * of 36 fewer than one in ten, where the test would only add to the
 * day): below it every ward takes ward_signals inline, from it on the
 * quiet ones take quiet_ward_signals, told by their note (ward_rests)
 * once a day has left them at rest, by ward_quiet until then. Either way
 * gives the same signals. */
#define QUIET_WORLD_WARDS 200

/* From SIGNALS_PREFETCH_WARDS wards on (core.h) the quiet wards' loop
 * asks for the records PREFETCH_AHEAD wards ahead. In a generated world
 * of 36,000 wards (15 MB of records) that took a third off the day's CPU
 * time; at 3,600, 7,200 and 14,400 wards it changed the CPU time by no
 * more than the machine's spread, so smaller worlds are spared its
 * instructions. */
#define PREFETCH_AHEAD 32

/* Ask for the lines of wa that a resting ward's day reads: its
 * enforcement points to its base's corruption (struct smug_ward keeps
 * them together), a line at a time and the last byte. */
static inline __attribute__((always_inline)) void ward_prefetch(const struct smug_ward *wa)
{
	const char *p = (const char *)wa;
	const size_t from = offsetof(struct smug_ward, customs.enforcement_points);
	const size_t to = offsetof(struct smug_ward, base.corruption) + sizeof wa->base.corruption;

	for (size_t off = from; off < to; off += 64)
		__builtin_prefetch(p + off, 1);
	__builtin_prefetch(p + to - 1, 1);
}
_Static_assert(offsetof(struct smug_ward, customs.enforcement_points) < offsetof(struct smug_ward, bribes_today) &&
		       offsetof(struct smug_ward, raider_presence) < offsetof(struct smug_ward, sig) &&
		       offsetof(struct smug_ward, base) - offsetof(struct smug_ward, sig) == sizeof(struct smug_signals) &&
		       offsetof(struct smug_signals, corruption) < 32 && offsetof(struct smug_signals, audit) < 32 &&
		       offsetof(struct smug_signals, smuggling_tolerance) < 32,
	       "what a resting ward reads lies between its enforcement points and its base's corruption");

/* A ward's transfers of the day, in posting order: payer, payee and
 * reason, the accounts named by their part. */
enum econ_party { ECON_BUYERS, ECON_ACCOUNT, ECON_TREASURY, ECON_BLACKMARKET };
#define ECON_WARD_MOVES 5
static const struct econ_move {
	enum econ_party from, to;
	enum smug_tx_reason reason;
} ward_moves[ECON_WARD_MOVES] = {
	{ECON_BUYERS, ECON_BLACKMARKET, SMUG_TX_CORRUPTION_LEAK},
	{ECON_BUYERS, ECON_TREASURY, SMUG_TX_LEVY_THROUGHPUT},
	{ECON_TREASURY, ECON_ACCOUNT, SMUG_TX_PAY_ENFORCEMENT},
	{ECON_ACCOUNT, ECON_BUYERS, SMUG_TX_WARD_SPENDING},
	{ECON_BLACKMARKET, ECON_BUYERS, SMUG_TX_BLACKMARKET_SPENDING},
};

static inline __attribute__((always_inline)) int party(const struct smug_ledger *l, const struct smug_econ_ward *e,
						       enum econ_party p)
{
	switch (p) {
	case ECON_BUYERS: return e->buyers;
	case ECON_ACCOUNT: return e->account;
	case ECON_TREASURY: return l->treasury;
	case ECON_BLACKMARKET: return l->blackmarket;
	}
	return -1;
}

/* A rate for share_part: share_of's rate, or +0 where share_of takes
 * none of the amount (a rate not above 0, NaN included). */
static double share_rate(double rate)
{
	return rate > 0 ? rate : 0.0;
}

/* share_of(amount, rate) for an amount >= 0 and a rate share_rate gave
 * or a product of such rates and numbers in [0,1] (+0 or -0 where
 * share_of's rate is not above 0): a nought amount or rate gives 0 by
 * the product, no test needed. */
static inline int64_t share_part(int64_t amount, double rate)
{
	return (int64_t)((double)amount * rate);
}

/* One of a ward's transfers, between the caller's copies of two
 * balances: what of amount moves from *from to *to, no more than the
 * payer has nor the payee can hold, as ledger_run_hold moves it between
 * two distinct accounts (0: nothing moves, no sequence taken). roomy:
 * the ledger's money adds up to no more than LEDGER_BALANCE_MAX, so no
 * payee can be filled past it by what a payer has (both balances are
 * parts of that sum) and the payee's room need not be tested. */
static inline __attribute__((always_inline)) int64_t econ_move(int64_t *from, int64_t *to, int64_t amount,
							       bool roomy)
{
	/* the amount is never negative (economy_wards), nor the payer's
	 * balance nor the payee's room, so neither is m */
	int64_t m = ledger_fit(amount, *from, roomy ? INT64_MAX : LEDGER_BALANCE_MAX - *to);

	*from -= m;
	*to += m;
	return m;
}

/* The wards' five transfers each, in ward order (ward_moves), as
 * ledger_run_hold would post them one by one, what moved kept in held
 * (ECON_WARD_MOVES a ward) for economy_journal; how many moved nothing.
 * The treasury's and the black market's balances, touched by every
 * ward, are held in locals and the totals per reason summed in the loop:
 * the five accounts of a ward's day are distinct (world_build_accounts
 * gives every ward its own two), so no transfer between two of them is
 * skipped; and every amount is a share of a balance, never negative.
 * shared: the enforcement points and the corruption both sum above 0, so
 * every ward's shares are its part of them, none the even one, and the
 * loop takes no test for it.
 * The wards go in blocks of ECON_BLOCK, each in two passes. The first
 * works out what each ward's transfers ask for that depends on nothing
 * an earlier ward's transfers change (its levy and leak from its buyers'
 * balance at the start, its shares of the enforcement pay and of the
 * black market's spending, and its spending from its account as the pay
 * will leave it if the treasury pays it in full): chains of conversions
 * and divisions of wards that do not wait on each other. The second
 * makes the transfers in ward order, where the treasury's and the black
 * market's balances pass from ward to ward, and works the spending out
 * again where the treasury could not pay in full. The same operations
 * on the same values as one pass, so the same bits. */
#define ECON_BLOCK 64
static inline __attribute__((always_inline)) uint32_t economy_wards(struct smug_world *w, int64_t *held,
								     int64_t moved[ECON_WARD_MOVES],
								     double points, double corruption,
								     bool roomy, bool shared)
{
	const struct smug_economy_config *ec = &w->cfg.economy;
	struct smug_ledger *l = &w->ledger;
	struct smug_account *acc = l->accounts;
	const struct smug_econ_ward *econ = w->econ_wards;
	int n_wards = w->n_wards;
	double levy_rate = share_rate(ec->levy_rate), leak_rate = share_rate(ec->corruption_leak);
	double ward_spend_rate = share_rate(ec->ward_spend_rate), even = 1.0 / n_wards;
	int64_t treasury = acc[l->treasury].balance, blackmarket = acc[l->blackmarket].balance;
	int64_t pay = share_of(treasury, ec->enforcement_pay_rate);
	int64_t spend = share_of(blackmarket, ec->blackmarket_spend_rate);
	int64_t zero = 0; /* negative once a transfer moved nothing */
	int64_t paid = 0, spent = 0, given = 0; /* moved[2], [3] and [4] of these wards */
	uint32_t idle = 0;

	assert(l->treasury != l->blackmarket);
	for (int i0 = 0; i0 < n_wards; i0 += ECON_BLOCK) {
		const int nb = n_wards - i0 < ECON_BLOCK ? n_wards - i0 : ECON_BLOCK;
		struct {
			int64_t buyers, account, levy, leak, pay, spend;
			int64_t spend_if_paid; /* m3's amount if m2 moves all of pay */
		} ask[ECON_BLOCK];

		for (int b = 0; b < nb; b++) {
			const struct smug_econ_ward *e = &econ[i0 + b];
			int64_t buyers = acc[e->buyers].balance, account = acc[e->account].balance;
			int64_t levy = share_part(buyers, levy_rate);
			/* no amount is below 0: the rates are in [0,1] (the knob
			 * table's ranges, checked by every loader and by --set),
			 * the balances and pay and spend are not below 0,
			 * corruption, stepped above, is in [0,1] (or -0.0),
			 * enforcement points are in [0,1e6] (the scenario's and
			 * the snapshot's range; nothing changes them), so points
			 * is above 0 wherever it divides; and the leak is no more
			 * than the levy: the levy, a double truncated, converts
			 * back exactly, and a product with a rate of at most 1 is
			 * no larger */
			double pw = shared || points > 0 ? e->points / points : even;
			double cw = shared || corruption > 0 ? e->corruption / corruption : even;

			ask[b].buyers = buyers;
			ask[b].levy = levy;
			ask[b].leak = share_part(levy, leak_rate * e->corruption);
			ask[b].account = account;
			ask[b].pay = share_part(pay, pw);
			ask[b].spend = share_part(spend, cw);
			/* both are at most LEDGER_BALANCE_MAX: no overflow */
			ask[b].spend_if_paid = share_part(account + ask[b].pay, ward_spend_rate);
		}
		for (int b = 0; b < nb; b++) {
			const struct smug_econ_ward *e = &econ[i0 + b];
			int64_t buyers = ask[b].buyers, account = ask[b].account, leak = ask[b].leak, spending;
			int64_t *h = held + ECON_WARD_MOVES * (i0 + b), m0, m1, m2, m3, m4;

			/* in ward_moves' order */
			m0 = econ_move(&buyers, &blackmarket, leak, roomy);
			m1 = econ_move(&buyers, &treasury, ask[b].levy - leak, roomy);
			m2 = econ_move(&treasury, &account, ask[b].pay, roomy);
			spending = ask[b].spend_if_paid; /* account is what it was worked out from */
			if (__builtin_expect(m2 != ask[b].pay, 0))
				spending = share_part(account, ward_spend_rate);
			m3 = econ_move(&account, &buyers, spending, roomy);
			m4 = econ_move(&blackmarket, &buyers, ask[b].spend, roomy);
			h[0] = m0, h[1] = m1, h[2] = m2, h[3] = m3, h[4] = m4;
			paid += m2, spent += m3, given += m4;
			/* m - 1 is negative just where m, never negative, is 0 */
			zero |= (m0 - 1) | (m1 - 1) | (m2 - 1) | (m3 - 1) | (m4 - 1);
			acc[e->buyers].balance = buyers;
			acc[e->account].balance = account;
		}
	}
	moved[2] += paid, moved[3] += spent, moved[4] += given;
	/* the leaks and levies are what the black market and the treasury
	 * gained besides what they paid out */
	moved[0] += blackmarket - acc[l->blackmarket].balance + moved[4];
	moved[1] += treasury - acc[l->treasury].balance + moved[2];
	acc[l->treasury].balance = treasury;
	acc[l->blackmarket].balance = blackmarket;
	if (zero < 0) /* some transfer moved nothing (rare): count them */
		for (int j = 0; j < ECON_WARD_MOVES * n_wards; j++)
			idle += held[j] == 0;
	return idle;
}

/* The day's transfers, the wards' (economy_wards) and then the factions'
 * upkeep, what moved kept in held (ECON_WARD_MOVES a ward, then one a
 * faction). */
static void economy_moves(struct smug_world *w, struct ledger_run *run, int64_t *held, double points,
			  double corruption)
{
	const struct smug_ledger *l = &w->ledger;
	struct smug_account *acc = w->ledger.accounts;
	int64_t moved[ECON_WARD_MOVES] = {0}, total;
	int n = ECON_WARD_MOVES * w->n_wards;
	uint32_t idle;

	/* sum(balances) is initial_total + minted - burned (ledger.c) */
	if (!__builtin_add_overflow(l->initial_total, l->minted, &total) &&
	    !__builtin_sub_overflow(total, l->burned, &total) && total <= LEDGER_BALANCE_MAX)
		idle = points > 0 && corruption > 0 ? economy_wards(w, held, moved, points, corruption, true, true)
						    : economy_wards(w, held, moved, points, corruption, true, false);
	else
		idle = economy_wards(w, held, moved, points, corruption, false, false);
	for (int k = 0; k < ECON_WARD_MOVES; k++)
		run->moved[ward_moves[k].reason] += moved[k];
	run->seq += (uint32_t)n - idle;
	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_faction *fa = &w->factions[f];
		int to = w->wards[fa->home_ward].buyers;
		int64_t amount = share_of(acc[fa->account].balance, w->cfg.smuggling.upkeep_fraction);

		held[n + f] = fa->runs_network ? ledger_run_hold(run, fa->account, to, amount, SMUG_TX_UPKEEP) : 0;
	}
}

/* Journal the newest of a held day's transfers, as many as the ring
 * keeps, newest first, each with the sequence number it moved with: the
 * records ledger_run_move would have left in the ring, and no others. */
static void economy_journal(const struct smug_world *w, struct ledger_run *run, const int64_t *held)
{
	uint32_t seq = run->seq, left = run->seq - run->seq0;
	const int64_t *upkeep = held + ECON_WARD_MOVES * w->n_wards;

	if (left > SMUG_JOURNAL_CAP)
		left = SMUG_JOURNAL_CAP;
	for (int f = w->n_factions - 1; f >= 0 && left > 0; f--) {
		const struct smug_faction *fa = &w->factions[f];

		if (upkeep[f] > 0) {
			ledger_run_journal(run, --seq, fa->account, w->wards[fa->home_ward].buyers, upkeep[f],
					   SMUG_TX_UPKEEP);
			left--;
		}
	}
	for (int i = w->n_wards - 1; i >= 0 && left > 0; i--) {
		const struct smug_econ_ward *e = &w->econ_wards[i];
		const int64_t *h = held + ECON_WARD_MOVES * i;

#pragma GCC unroll 8 /* the table's entries become constants */
		for (int k = ECON_WARD_MOVES - 1; k >= 0; k--) {
			const struct econ_move *m = &ward_moves[k];

			if (h[k] > 0) {
				ledger_run_journal(run, --seq, party(&w->ledger, e, m->from),
						   party(&w->ledger, e, m->to), h[k], m->reason);
				if (--left == 0)
					break;
			}
		}
	}
}

/* The ward economy's transfers: the day's amounts held back and only the
 * newest records written, the ring's contents when the day is done (a
 * world of more than about 800 wards moves more than the ring keeps). */
static void ward_economy(struct smug_world *w, double points, double corruption)
{
	int n = ECON_WARD_MOVES * w->n_wards + w->n_factions;
	struct ledger_run run;

	if (w->economy_held_cap < n) {
		free(w->economy_held);
		w->economy_held = xmalloc((size_t)n * sizeof *w->economy_held);
		w->economy_held_cap = n;
	}
	ledger_run_begin(&run, &w->ledger, w->day);
	economy_moves(w, &run, w->economy_held, points, corruption);
	economy_journal(w, &run, w->economy_held);
	ledger_run_end(&run);
}

void signals_changed(struct smug_world *w)
{
	/* a key that comes round again after 2^32 changes finds no note */
	if (++w->rest_key == 0) {
		w->rest_key = 1;
		for (int i = 0; i < w->n_wards; i++)
			w->wards[i].signals_at_rest = 0;
	}
}

/* One rule for the pass's per-ward scratch: each array is made once, as
 * the world is (a world's ward count never changes once its wards are
 * read), and smug_world_free frees it. The shortage averages come with a
 * new rest key, so no ward rests before a day has set its average with
 * its note (a clone's notes are its source's, whose averages it does not
 * take). */
void signals_size_scratch(struct smug_world *w)
{
	if (w->econ_wards == NULL) {
		w->econ_wards = xcalloc((size_t)w->n_wards, sizeof *w->econ_wards);
		w->econ_wards_n = w->n_wards;
	}
	if (w->rest_shortage_avg == NULL) {
		w->rest_shortage_avg = xcalloc((size_t)w->n_wards, sizeof *w->rest_shortage_avg);
		w->rest_shortage_n = w->n_wards;
		signals_changed(w);
	}
	assert(w->econ_wards_n == w->n_wards && w->rest_shortage_n == w->n_wards);
	for (int i = 0; i < w->n_wards; i++) {
		w->econ_wards[i].buyers = w->wards[i].buyers;
		w->econ_wards[i].account = w->wards[i].account;
	}
}

/* What the economy reads of wa that a day can change (the account
 * indices are copied with the world: only world_index sets them), copied
 * to e once the day has stepped wa, and summed. */
static inline __attribute__((always_inline)) void econ_ward_note(struct smug_econ_ward *e,
								   const struct smug_ward *wa, double *points,
								   double *corruption)
{
	double p = wa->customs.enforcement_points, c = wa->sig.corruption;

	e->points = p;
	e->corruption = c;
	*points += p;
	*corruption += c;
}

/* The wards of a world of QUIET_WORLD_WARDS or more, in ward order, as
 * that bound's comment says; each noted for the economy and summed into
 * *points and *corruption. prefetch: ask for the records PREFETCH_AHEAD
 * wards ahead (ward_prefetch). */
static inline __attribute__((always_inline)) void quiet_world_signals(struct smug_world *w,
								      const struct signal_terms *t,
								      double *points, double *corruption,
								      bool prefetch)
{
	struct smug_econ_ward *econ = w->econ_wards;
	double *avg = w->rest_shortage_avg;
	uint32_t key = w->rest_key;
	int n = w->n_wards;

	for (int i = 0; i < n; i++) {
		struct smug_ward *wa = &w->wards[i];

		if (prefetch && i + PREFETCH_AHEAD < n)
			ward_prefetch(&w->wards[i + PREFETCH_AHEAD]);
		if (__builtin_expect(ward_rests(wa, key), 1)) {
			quiet_ward_signals(t, wa, &avg[i]);
		} else {
			if (ward_quiet(wa))
				quiet_ward_signals(t, wa, NULL);
			else
				busy_ward_signals(t, wa);
			/* the day's counts now 0: at rest just where quiet */
			wa->signals_at_rest = ward_quiet(wa) ? key : 0;
			avg[i] = shortage_avg(&wa->sig);
		}
		econ_ward_note(&econ[i], wa, points, corruption);
	}
}

void signals_step(struct smug_world *w)
{
	const struct smug_signals_config *c = &w->cfg.signals;
	const struct signal_terms t = {
		c->max_daily_delta,	 c->bribe_norm,	    c->blackmarket_alpha, c->corruption_per_bribe,
		c->audit_pull,		 c->corruption_pull, c->shortage_ease,	   c->shortage_regen,
		c->tolerance_corruption, c->tolerance_gain, c->tolerance_decay,   c->raider_loss,
		c->raider_norm,		 c->raider_decay,   c->raider_gain,
	};
	/* the economy's shares, summed in ward order as the wards are done
	 * (signals_step does not move enforcement points), and what it reads
	 * of each ward copied beside them */
	double points = 0, corruption = 0;
	struct smug_econ_ward *econ;

	/* world_index, smug_world_clone */
	assert(w->econ_wards_n == w->n_wards && w->rest_shortage_n == w->n_wards);
	econ = w->econ_wards;
	if (w->n_wards < QUIET_WORLD_WARDS) {
		for (int i = 0; i < w->n_wards; i++) {
			struct smug_ward *wa = &w->wards[i];

			ward_signals(&t, wa);
			econ_ward_note(&econ[i], wa, &points, &corruption);
		}
	} else if (w->n_wards < SIGNALS_PREFETCH_WARDS) {
		quiet_world_signals(w, &t, &points, &corruption, false);
	} else {
		quiet_world_signals(w, &t, &points, &corruption, true);
	}
	ward_economy(w, points, corruption);
}

/* A raider faction's delivery is a run through every ward on its route;
 * a seizure or loss is a bust where it happened. */
void signals_note_resolutions(struct smug_world *w)
{
	for (int r = 0; r < w->n_resolved; r++) {
		const struct smug_shipment *s = &w->shipment_slots[w->resolved[r]];

		if (w->factions[s->faction].kind != SMUG_FACTION_RAIDER)
			continue;
		if (s->status == SMUG_OUTCOME_DELIVERED) {
			int last = -1;

			for (int i = 0; i < s->n_nodes; i++) {
				int ward = w->nodes[s->nodes[i]].ward;

				if (ward != last)
					w->wards[ward].raider_runs_today++;
				last = ward;
			}
		} else if (s->resolved_corridor >= 0) {
			w->wards[w->nodes[s->nodes[s->hop]].ward].raider_busts_today++;
		}
	}
}
