/**
 * The ledger's invariants are the database's: unbalanced transactions, floors breached, balances
 * written by hand and illegal hold transitions are refused even through raw SQL; holds reserve
 * and release; idempotency keys replay or refuse; on a PostgreSQL server (DATABASE_URL),
 * concurrent holds never take an account below its floor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { fixedClock } from '../src/platform/clock.js';
import type { Database, Tx } from '../src/platform/database.js';
import { AppError } from '../src/platform/problems.js';
import {
  accountOf,
  expireDueHolds,
  holdOf,
  openAccount,
  placeHold,
  postHold,
  postTransaction,
  statementOf,
  voidHold,
  type AccountView,
} from '../src/modules/ledger/index.js';
import { testDatabase } from './test-app.js';

const onServer = !!process.env.DATABASE_URL;
let database: Database;
const clock = fixedClock('2026-11-20T02:00:00Z');
let n = 0;
const key = (what: string) => `${what}-${++n}`;

const inTx = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> => database.db.transaction().execute(fn);

/** The problem a rejected promise carries (or the raw error). */
async function refusal(p: Promise<unknown>): Promise<{ status?: number; code?: string; message: string; fields: string[] }> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message, fields: (error.fieldErrors ?? []).map((f) => `${f.field}:${f.rule}`) };
    return { message: String((error as Error).message), fields: [] };
  }
  throw new Error('expected a refusal');
}

async function account(floor: number | null, unit: 'fen' | 'count' = 'fen'): Promise<AccountView> {
  return inTx((trx) => openAccount(trx, { ownerModule: 'tests', kind: floor === null ? 'source' : 'budget', unit, floor }));
}

/** A budget-like account (floor 0) funded with `amount` from a source account without a floor. */
async function funded(amount: number): Promise<{ budget: AccountView; source: AccountView; sink: AccountView }> {
  const source = await account(null);
  const sink = await account(null);
  const budget = await account(0);
  await inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('fund'), memo: 'appropriation', postings: [{ accountId: source.id, amount: -amount }, { accountId: budget.id, amount }] }));
  return { budget: (await accountOf(database.db, budget.id))!, source, sink };
}

const balanceOf = async (id: string) => {
  const a = (await accountOf(database.db, id))!;
  return { balance: a.balance, held: a.held, available: a.available };
};

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database?.close());

describe('balanced transactions', () => {
  it('accepts balanced postings and moves both balances', async () => {
    const { budget, source } = await funded(10_000);
    expect(await balanceOf(budget.id)).toEqual({ balance: 10_000, held: 0, available: 10_000 });
    expect(await balanceOf(source.id)).toEqual({ balance: -10_000, held: 0, available: -10_000 });
    const statement = await statementOf(database.db, budget.id);
    expect(statement.map((s) => [s.amount, s.memo])).toEqual([[10_000, 'appropriation']]);
  });

  it('refuses unbalanced postings in the service, naming the field and rule', async () => {
    const { budget, source } = await funded(1_000);
    const r = await refusal(inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('x'), postings: [{ accountId: source.id, amount: -100 }, { accountId: budget.id, amount: 99 }] })));
    expect(r.status).toBe(400);
    expect(r.fields).toEqual(['postings:balanced']);
    expect(await balanceOf(budget.id)).toEqual({ balance: 1_000, held: 0, available: 1_000 });
  });

  it('refuses an unbalanced transaction written by raw SQL at COMMIT, and a transaction without postings', async () => {
    const { budget } = await funded(1_000);
    const unbalanced = inTx(async (trx) => {
      const x = await sql<{ id: string }>`INSERT INTO ledger_transactions (scope, idempotency_key, fingerprint, created_at) VALUES ('raw', ${key('raw')}, 'f', now()) RETURNING id`.execute(trx);
      await sql`INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (${x.rows[0]!.id}, ${budget.id}, 5)`.execute(trx);
    });
    expect((await refusal(unbalanced)).message).toContain('ledger_transaction_balanced');
    const empty = inTx(async (trx) => {
      await sql`INSERT INTO ledger_transactions (scope, idempotency_key, fingerprint, created_at) VALUES ('raw', ${key('raw')}, 'f', now())`.execute(trx);
    });
    expect((await refusal(empty)).message).toContain('ledger_transaction_balanced');
    // A posting added later to an already balanced transaction unbalances it: refused too.
    const [a, b] = [await account(null), await account(null)];
    const x = await inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('ok'), postings: [{ accountId: budget.id, amount: -10 }, { accountId: a.id, amount: 10 }] }).then((w) => w.value));
    const late = inTx(async (trx) => {
      await sql`INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (${x.id}, ${b.id}, 7)`.execute(trx);
    });
    expect((await refusal(late)).message).toContain('ledger_transaction_balanced');
    expect(await balanceOf(budget.id)).toEqual({ balance: 990, held: 0, available: 990 });
  });

  it('refuses mixing units, in the service and in the database', async () => {
    const fen = await account(null);
    const count = await account(null, 'count');
    const r = await refusal(inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('u'), postings: [{ accountId: fen.id, amount: -1 }, { accountId: count.id, amount: 1 }] })));
    expect(r.fields).toEqual(['postings:unit']);
    const raw = inTx(async (trx) => {
      const x = await sql<{ id: string }>`INSERT INTO ledger_transactions (scope, idempotency_key, fingerprint, created_at) VALUES ('raw', ${key('raw')}, 'f', now()) RETURNING id`.execute(trx);
      await sql`INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (${x.rows[0]!.id}, ${fen.id}, -1), (${x.rows[0]!.id}, ${count.id}, 1)`.execute(trx);
    });
    expect((await refusal(raw)).message).toContain('ledger_transaction_one_unit');
  });

  it('keeps postings and transactions append-only and balances out of reach of hand-written updates', async () => {
    const { budget } = await funded(500);
    expect((await refusal(sql`UPDATE ledger_postings SET amount = amount + 1`.execute(database.db))).message).toContain('ledger_append_only');
    expect((await refusal(sql`DELETE FROM ledger_transactions`.execute(database.db))).message).toContain('ledger_append_only');
    expect((await refusal(sql`UPDATE ledger_accounts SET balance = 1000000 WHERE id = ${budget.id}`.execute(database.db))).message).toContain('ledger_balance_by_postings');
    expect((await refusal(sql`UPDATE ledger_accounts SET held = 500 WHERE id = ${budget.id}`.execute(database.db))).message).toContain('ledger_balance_by_postings');
    expect((await refusal(sql`UPDATE ledger_accounts SET unit = 'count' WHERE id = ${budget.id}`.execute(database.db))).message).toContain('ledger_account_fixed');
    expect(await balanceOf(budget.id)).toEqual({ balance: 500, held: 0, available: 500 });
  });
});

describe('floors', () => {
  it('refuses a transaction that takes an account below its floor (409), and the same by raw SQL', async () => {
    const { budget, sink } = await funded(1_000);
    const r = await refusal(inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('pay'), postings: [{ accountId: budget.id, amount: -1_001 }, { accountId: sink.id, amount: 1_001 }] })));
    expect(r).toMatchObject({ status: 409, code: 'LEDGER_FLOOR' });
    const raw = inTx(async (trx) => {
      const x = await sql<{ id: string }>`INSERT INTO ledger_transactions (scope, idempotency_key, fingerprint, created_at) VALUES ('raw', ${key('raw')}, 'f', now()) RETURNING id`.execute(trx);
      await sql`INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (${x.rows[0]!.id}, ${sink.id}, 1001), (${x.rows[0]!.id}, ${budget.id}, -1001)`.execute(trx);
    });
    expect((await refusal(raw)).message).toContain('ledger_account_floor');
    await inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('pay'), postings: [{ accountId: budget.id, amount: -1_000 }, { accountId: sink.id, amount: 1_000 }] }));
    expect(await balanceOf(budget.id)).toEqual({ balance: 0, held: 0, available: 0 });
  });

  it('counts pending holds against the floor: available never goes below it, even by a raw hold', async () => {
    const { budget, sink } = await funded(1_000);
    await inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 600 }));
    expect(await balanceOf(budget.id)).toEqual({ balance: 1_000, held: 600, available: 400 });
    const r = await refusal(inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 401 })));
    expect(r).toMatchObject({ status: 409, code: 'LEDGER_FLOOR' });
    const raw = sql`INSERT INTO ledger_holds (account_id, counter_account_id, amount, status, scope, idempotency_key, fingerprint, created_at)
      VALUES (${budget.id}, ${sink.id}, 401, 'pending', 'raw', ${key('raw')}, 'f', now())`.execute(database.db);
    expect((await refusal(raw)).message).toContain('ledger_account_floor');
    // Spending what is held elsewhere is refused too: the balance may not drop below what holds reserve.
    const spend = await refusal(inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('pay'), postings: [{ accountId: budget.id, amount: -401 }, { accountId: sink.id, amount: 401 }] })));
    expect(spend.code).toBe('LEDGER_FLOOR');
    expect(await balanceOf(budget.id)).toEqual({ balance: 1_000, held: 600, available: 400 });
  });
});

describe('holds', () => {
  it('posts a hold as one balanced transaction and ends its reservation', async () => {
    const { budget, sink } = await funded(1_000);
    const { value: hold } = await inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 300, reference: 'award:1' }));
    expect(hold.status).toBe('pending');
    const { value: posted } = await inTx((trx) => postHold(trx, clock, hold.id));
    expect(posted.hold).toMatchObject({ status: 'posted', transactionId: posted.transaction.id, settledAt: clock.now().toISOString() });
    expect(posted.transaction.postings).toEqual([{ accountId: budget.id, amount: -300 }, { accountId: sink.id, amount: 300 }]);
    expect(posted.transaction.reference).toBe('award:1');
    expect(await balanceOf(budget.id)).toEqual({ balance: 700, held: 0, available: 700 });
    expect(await balanceOf(sink.id)).toEqual({ balance: 300, held: 0, available: 300 });
    // Posting again is a retry: the same transaction, nothing moves twice.
    const again = await inTx((trx) => postHold(trx, clock, hold.id));
    expect(again.replayed).toBe(true);
    expect(again.value.transaction.id).toBe(posted.transaction.id);
    expect(await balanceOf(budget.id)).toEqual({ balance: 700, held: 0, available: 700 });
    // A posted hold is never voided.
    expect(await refusal(inTx((trx) => voidHold(trx, clock, hold.id)))).toMatchObject({ status: 409, code: 'LEDGER_HOLD_SETTLED' });
  });

  it('voids a hold: the reservation ends and nothing moves', async () => {
    const { budget, sink } = await funded(1_000);
    const { value: hold } = await inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 1_000 }));
    expect(await balanceOf(budget.id)).toEqual({ balance: 1_000, held: 1_000, available: 0 });
    expect((await inTx((trx) => voidHold(trx, clock, hold.id))).value.status).toBe('voided');
    expect(await balanceOf(budget.id)).toEqual({ balance: 1_000, held: 0, available: 1_000 });
    expect(await balanceOf(sink.id)).toEqual({ balance: 0, held: 0, available: 0 });
    expect(await refusal(inTx((trx) => postHold(trx, clock, hold.id)))).toMatchObject({ status: 409, code: 'LEDGER_HOLD_SETTLED' });
  });

  it('expires a hold at its expiry, not before; an expired hold is never posted and frees the account', async () => {
    const { budget, sink } = await funded(1_000);
    const expiresAt = new Date(clock.now().getTime() + 60 * 60_000);
    const { value: hold } = await inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 800, expiresAt }));
    expect(await inTx((trx) => expireDueHolds(trx, clock, [budget.id]))).toEqual([]);
    // Expiring it early by hand is refused by the database.
    const early = sql`UPDATE ledger_holds SET status = 'expired', settled_at = ${clock.now()} WHERE id = ${hold.id}`.execute(database.db);
    expect((await refusal(early)).message).toContain('ledger_hold_expiry');
    clock.advance(60 * 60_000);
    expect(await refusal(inTx((trx) => postHold(trx, clock, hold.id)))).toMatchObject({ status: 409, code: 'LEDGER_HOLD_SETTLED' });
    // Placing another hold on the account expires the due one first, so its amount is free again.
    const { value: next } = await inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 900 }));
    expect(next.status).toBe('pending');
    expect((await holdOf(database.db, hold.id))!.status).toBe('expired');
    expect(await balanceOf(budget.id)).toEqual({ balance: 1_000, held: 900, available: 100 });
    // Posting an expired hold by hand is refused by the database.
    const late = sql`UPDATE ledger_holds SET status = 'posted', settled_at = ${clock.now()}, transaction_id = NULL WHERE id = ${hold.id}`.execute(database.db);
    expect((await refusal(late)).message).toContain('ledger_hold_transition');
  });

  it('the sweep expires due holds of every account', async () => {
    const { budget, sink } = await funded(100);
    const { value: hold } = await inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 100, expiresAt: new Date(clock.now().getTime() + 1000) }));
    clock.advance(1000);
    const expired = await inTx((trx) => expireDueHolds(trx, clock));
    expect(expired.map((h) => h.id)).toContain(hold.id);
    expect(await balanceOf(budget.id)).toEqual({ balance: 100, held: 0, available: 100 });
  });

  it('refuses illegal transitions and edits by raw SQL', async () => {
    const { budget, sink } = await funded(1_000);
    const place = (amount: number) => inTx((trx) => placeHold(trx, clock, { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount })).then((w) => w.value);
    const voided = await place(100);
    await inTx((trx) => voidHold(trx, clock, voided.id));
    const back = sql`UPDATE ledger_holds SET status = 'pending', settled_at = NULL WHERE id = ${voided.id}`.execute(database.db);
    expect((await refusal(back)).message).toContain('ledger_hold_transition');
    const toPosted = sql`UPDATE ledger_holds SET status = 'expired' WHERE id = ${voided.id}`.execute(database.db);
    expect((await refusal(toPosted)).message).toContain('ledger_hold_transition');
    const pending = await place(100);
    const bigger = sql`UPDATE ledger_holds SET amount = 1 WHERE id = ${pending.id}`.execute(database.db);
    expect((await refusal(bigger)).message).toContain('ledger_hold_transition');
    const born = sql`INSERT INTO ledger_holds (account_id, counter_account_id, amount, status, scope, idempotency_key, fingerprint, created_at, settled_at)
      VALUES (${budget.id}, ${sink.id}, 1, 'voided', 'raw', ${key('raw')}, 'f', now(), now())`.execute(database.db);
    expect((await refusal(born)).message).toContain('ledger_hold_transition');
    // Posting by hand with a transaction that does not move the hold's amount is refused at COMMIT.
    const other = await inTx((trx) => postTransaction(trx, clock, { scope: 'tests', idempotencyKey: key('t'), postings: [{ accountId: budget.id, amount: -1 }, { accountId: sink.id, amount: 1 }] })).then((w) => w.value);
    const forged = sql`UPDATE ledger_holds SET status = 'posted', settled_at = now(), transaction_id = ${other.id} WHERE id = ${pending.id}`.execute(database.db);
    expect((await refusal(forged)).message).toContain('ledger_hold_posted');
    expect((await refusal(sql`DELETE FROM ledger_holds WHERE id = ${pending.id}`.execute(database.db))).message).toContain('ledger_append_only');
    expect(await balanceOf(budget.id)).toEqual({ balance: 999, held: 100, available: 899 });
  });
});

describe('idempotency', () => {
  it('returns the original transaction for the same key and content, and 409 for different content', async () => {
    const { budget, sink } = await funded(1_000);
    const input = { scope: 'tests', idempotencyKey: key('pay'), memo: 'pay', postings: [{ accountId: budget.id, amount: -250 }, { accountId: sink.id, amount: 250 }] };
    const first = await inTx((trx) => postTransaction(trx, clock, input));
    clock.advance(1000);
    // The same content in another order of postings is the same request.
    const again = await inTx((trx) => postTransaction(trx, clock, { ...input, postings: [...input.postings].reverse() }));
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ value: first.value, replayed: true });
    expect(await balanceOf(budget.id)).toEqual({ balance: 750, held: 0, available: 750 });
    const r = await refusal(inTx((trx) => postTransaction(trx, clock, { ...input, postings: [{ accountId: budget.id, amount: -251 }, { accountId: sink.id, amount: 251 }] })));
    expect(r).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED', fields: ['idempotencyKey:unique'] });
    expect(r.message).toContain('different ledger transaction');
    // The key is unique per scope: another scope may use it.
    const elsewhere = await inTx((trx) => postTransaction(trx, clock, { ...input, scope: 'elsewhere' }));
    expect(elsewhere.replayed).toBe(false);
    expect(await balanceOf(budget.id)).toEqual({ balance: 500, held: 0, available: 500 });
  });

  it('returns the original hold for the same key and content, and 409 for different content', async () => {
    const { budget, sink } = await funded(1_000);
    const input = { scope: 'tests', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 400 };
    const first = await inTx((trx) => placeHold(trx, clock, input));
    const again = await inTx((trx) => placeHold(trx, clock, input));
    expect(again).toEqual({ value: first.value, replayed: true });
    expect(await balanceOf(budget.id)).toEqual({ balance: 1_000, held: 400, available: 600 });
    const r = await refusal(inTx((trx) => placeHold(trx, clock, { ...input, amount: 401 })));
    expect(r).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(r.message).toContain('different hold');
    // The database refuses a second use of the key even when written by hand.
    const raw = sql`INSERT INTO ledger_holds (account_id, counter_account_id, amount, status, scope, idempotency_key, fingerprint, created_at)
      VALUES (${budget.id}, ${sink.id}, 1, 'pending', 'tests', ${input.idempotencyKey}, 'f', now())`.execute(database.db);
    expect((await refusal(raw)).message).toContain('ledger_holds_key');
  });
});

describe.runIf(onServer)('concurrency on the PostgreSQL server (PGlite runs one transaction at a time and cannot show races)', () => {
  it('20 concurrent holds against an account that can afford 7: exactly 7 succeed, the rest are LEDGER_FLOOR', async () => {
    const { budget, sink } = await funded(7 * 1_000 + 999);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => inTx((trx) => placeHold(trx, clock, { scope: 'race', idempotencyKey: `race-${i}`, accountId: budget.id, counterAccountId: sink.id, amount: 1_000 }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as AppError).code] : []));
    expect(codes).toEqual(Array.from({ length: 13 }, () => 'LEDGER_FLOOR'));
    expect(await balanceOf(budget.id)).toEqual({ balance: 7_999, held: 7_000, available: 999 });
  });

  it('concurrent retries with one idempotency key move the money once and all return the same transaction', async () => {
    const { budget, sink } = await funded(10_000);
    const input = { scope: 'race', idempotencyKey: key('same'), postings: [{ accountId: budget.id, amount: -3_000 }, { accountId: sink.id, amount: 3_000 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => inTx((trx) => postTransaction(trx, clock, input))));
    expect(new Set(results.map((r) => r.value.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await balanceOf(budget.id)).toEqual({ balance: 7_000, held: 0, available: 7_000 });
  });

  it('a sweep of expired holds racing new holds and postings on the same accounts neither deadlocks nor double-counts', async () => {
    const { budget, sink } = await funded(10_000);
    const expiring = await Promise.all(
      Array.from({ length: 5 }, () =>
        inTx((trx) => placeHold(trx, clock, { scope: 'race', idempotencyKey: key('e'), accountId: budget.id, counterAccountId: sink.id, amount: 1_000, expiresAt: new Date(clock.now().getTime() + 1000) })).then((w) => w.value),
      ),
    );
    const lasting = await inTx((trx) => placeHold(trx, clock, { scope: 'race', idempotencyKey: key('l'), accountId: budget.id, counterAccountId: sink.id, amount: 2_000 })).then((w) => w.value);
    clock.advance(1000);
    const results = await Promise.allSettled([
      inTx((trx) => expireDueHolds(trx, clock)),
      inTx((trx) => postHold(trx, clock, lasting.id)),
      ...Array.from({ length: 5 }, () => inTx((trx) => placeHold(trx, clock, { scope: 'race', idempotencyKey: key('n'), accountId: budget.id, counterAccountId: sink.id, amount: 1_500 }))),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const h of expiring) expect((await holdOf(database.db, h.id))!.status).toBe('expired');
    expect(await balanceOf(budget.id)).toEqual({ balance: 8_000, held: 7_500, available: 500 });
  });

  it('concurrent postings of holds and payments from one account never breach its floor', async () => {
    const { budget, sink } = await funded(5_000);
    const holds = await Promise.all(
      Array.from({ length: 5 }, () => inTx((trx) => placeHold(trx, clock, { scope: 'race', idempotencyKey: key('h'), accountId: budget.id, counterAccountId: sink.id, amount: 600 })).then((w) => w.value)),
    );
    const work = [
      ...holds.map((h) => inTx((trx) => postHold(trx, clock, h.id))),
      ...Array.from({ length: 10 }, () => inTx((trx) => postTransaction(trx, clock, { scope: 'race', idempotencyKey: key('p'), postings: [{ accountId: budget.id, amount: -500 }, { accountId: sink.id, amount: 500 }] }))),
    ];
    const results = await Promise.allSettled(work);
    expect(results.slice(0, 5).every((r) => r.status === 'fulfilled')).toBe(true);
    // 3 000 held by holds that are all posted; 2 000 left for payments of 500: exactly 4.
    expect(results.slice(5).filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(await balanceOf(budget.id)).toEqual({ balance: 0, held: 0, available: 0 });
  });
});
