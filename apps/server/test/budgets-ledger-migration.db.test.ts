/**
 * Budgets moved onto the ledger (budgets/migrations/20261203000300_budgets_on_ledger.sql): a database written by the budgets
 * module before the move keeps its numbers. Rows of the old shape (budgets, grants, the journal
 * of commitments, releases and payments, payments) are written first, then the migration runs;
 * every budget then has ledger accounts that agree with it, committed grants are pending holds,
 * paid grants posted ones, and the money paths work on the migrated rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../src/modules/audit/index.js';
import { approvePayment, budgetView, commitGrant, findBudgetById, releaseGrant } from '../src/modules/budgets/index.js';
import { accountOf, holdOf, transactionOf } from '../src/modules/ledger/index.js';
import type { Principal } from '../src/platform/access.js';
import { fixedClock } from '../src/platform/clock.js';
import type { Database } from '../src/platform/database.js';
import { AppError } from '../src/platform/problems.js';
import { testDatabase } from './test-app.js';

const MIGRATION = '20261203000300_budgets_on_ledger.sql';
const clock = fixedClock('2026-11-20T02:00:00Z');
let database: Database;

const rows = async <T>(q: ReturnType<typeof sql<T>>): Promise<T[]> => (await q.execute(database.db)).rows;
const one = async <T>(q: ReturnType<typeof sql<T>>): Promise<T> => (await rows(q))[0]!;

const award = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let dept: string;
let finance1: string;
let finance2: string;
const subjects: string[] = [];
const budgets: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
let awaitingPayment: string;

type BudgetNumbers = { id: string; item_id: string; amount_fen: number; committed_fen: number; paid_fen: number };
let before: BudgetNumbers[];

async function writeOldShape(): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const q = async <T>(s: ReturnType<typeof sql<T>>) => (await s.execute(trx)).rows;
    await q(sql`INSERT INTO core_regions (code, name, level, valid_from, source) VALUES ('450100', '南宁市', 2, '2020-01-01', 'test')`);
    dept = (await q(sql<{ id: string }>`INSERT INTO identity_organisations (name, kind, region_code) VALUES ('南宁市财政局', 'government', '450100') RETURNING id`))[0]!.id;
    const user = async (name: string) => (await q(sql<{ id: string }>`INSERT INTO identity_users (username, display_name, password_hash) VALUES (${name}, ${name}, 'x') RETURNING id`))[0]!.id;
    finance1 = await user('finance1');
    finance2 = await user('finance2');
    for (let i = 0; i < 6; i++) {
      const u = await user(`person${i}`);
      subjects.push((await q(sql<{ id: string }>`INSERT INTO subjects (kind, name, user_id) VALUES ('person', ${`个体${i}`}, ${u}) RETURNING id`))[0]!.id);
    }
    const budget = async (item: string, amount: number) =>
      (
        await q(sql<{ id: string }>`INSERT INTO budget_budgets (item_id, year, finance_department_id, amount_fen, second_approval_threshold_fen, created_at)
          VALUES (${item}, 2026, ${dept}, ${amount}, 15000, '2026-01-05T00:00:00Z') RETURNING id`)
      )[0]!.id;
    budgets.a = await budget('item.a', 100_000);
    budgets.b = await budget('item.b', 0);
    budgets.c = await budget('item.c', 50_000);
    const grant = async (n: number, budgetId: string, item: string, amount: number, state: 'committed' | 'paid' | 'released') => {
      await q(sql`INSERT INTO budget_grants (award_id, budget_id, item_id, subject_id, year, amount_fen, state, granted_on, created_at)
        VALUES (${award(n)}, ${budgetId}, ${item}, ${subjects[n - 1]}, 2026, ${amount}, ${state}, '2026-03-01', '2026-03-01T00:00:00Z')`);
      const entry = (kind: string) => q(sql`INSERT INTO budget_ledger_entries (budget_id, award_id, kind, amount_fen, at, actor_user_id) VALUES (${budgetId}, ${award(n)}, ${kind}, ${amount}, '2026-03-01T00:00:00Z', ${finance1})`);
      await entry('commitment');
      if (state === 'released') await entry('release');
      if (state === 'paid') {
        await q(sql`INSERT INTO budget_payments (award_id, budget_id, amount_fen, idempotency_key, needs_second_approval, status, requested_by, requested_at, paid_at)
          VALUES (${award(n)}, ${budgetId}, ${amount}, ${`pay-${award(n)}`}, false, 'paid', ${finance1}, '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z')`);
        await entry('payment');
      }
    };
    await grant(1, budgets.a, 'item.a', 30_000, 'committed');
    await grant(2, budgets.a, 'item.a', 20_000, 'paid');
    await grant(3, budgets.a, 'item.a', 40_000, 'released');
    await grant(4, budgets.a, 'item.a', 10_000, 'committed');
    awaitingPayment = (
      await q(sql<{ id: string }>`INSERT INTO budget_payments (award_id, budget_id, amount_fen, idempotency_key, needs_second_approval, status, requested_by, requested_at)
        VALUES (${award(4)}, ${budgets.a}, 10000, 'pay-awaiting-0004', true, 'awaiting_second_approval', ${finance1}, '2026-04-02T00:00:00Z') RETURNING id`)
    )[0]!.id;
    await grant(5, budgets.c, 'item.c', 50_000, 'paid');
  });
}

const numbers = () => rows(sql<BudgetNumbers>`SELECT id, item_id, amount_fen, committed_fen, paid_fen FROM budget_budgets ORDER BY item_id`);

beforeAll(async () => {
  database = await testDatabase({ migrateBefore: MIGRATION });
  await writeOldShape();
  before = await numbers();
  expect((await database.migrate())[0]).toBe(MIGRATION);
});
afterAll(async () => database?.close());

const accountsOf = (budgetId: string) =>
  one(sql<{ account_id: string; appropriation_account_id: string; disbursed_account_id: string }>`
    SELECT account_id, appropriation_account_id, disbursed_account_id FROM budget_budgets WHERE id = ${budgetId}`);

const principal = (userId: string): Principal => ({
  userId,
  username: userId,
  displayName: userId,
  isPlatformAdmin: false,
  mfaEnabled: true,
  memberships: [{ organisationId: dept, organisationName: '南宁市财政局', organisationKind: 'government', regionCode: '450100', roles: ['finance'], permissions: ['fulfilment.pay'] }],
  permissions: new Set(),
  sessionTokenHash: 'x',
});

describe('the migration of existing budgets onto the ledger', () => {
  it('keeps every budget number as it was', async () => {
    expect(before).toEqual([
      { id: budgets.a, item_id: 'item.a', amount_fen: 100_000, committed_fen: 40_000, paid_fen: 20_000 },
      { id: budgets.b, item_id: 'item.b', amount_fen: 0, committed_fen: 0, paid_fen: 0 },
      { id: budgets.c, item_id: 'item.c', amount_fen: 50_000, committed_fen: 0, paid_fen: 50_000 },
    ]);
    expect(await numbers()).toEqual(before);
  });

  it('gives each budget ledger accounts that agree with it', async () => {
    for (const b of before) {
      const ids = await accountsOf(b.id);
      const account = (await accountOf(database.db, ids.account_id))!;
      expect(account).toMatchObject({ ownerModule: 'budgets', kind: 'budget', unit: 'fen', floor: 0, reference: `budget:${b.id}` });
      expect({ balance: account.balance, held: account.held, available: account.available }).toEqual({
        balance: b.amount_fen - b.paid_fen,
        held: b.committed_fen,
        available: b.amount_fen - b.committed_fen - b.paid_fen,
      });
      expect((await accountOf(database.db, ids.appropriation_account_id))).toMatchObject({ kind: 'budget_appropriation', floor: null, balance: 0 - b.amount_fen });
      expect((await accountOf(database.db, ids.disbursed_account_id))).toMatchObject({ kind: 'budget_disbursed', floor: null, balance: b.paid_fen });
    }
  });

  it('turns committed grants into pending holds and paid grants into posted ones; released grants moved nothing', async () => {
    const ids = await accountsOf(budgets.a);
    const grants = await rows(sql<{ award_id: string; hold_id: string | null }>`SELECT award_id, hold_id FROM budget_grants ORDER BY award_id`);
    const holdOfAward = (n: number) => grants.find((g) => g.award_id === award(n))!.hold_id;
    expect(await holdOf(database.db, holdOfAward(1)!)).toMatchObject({ status: 'pending', amount: 30_000, accountId: ids.account_id, counterAccountId: ids.disbursed_account_id, scope: 'budgets', idempotencyKey: `grant:${award(1)}` });
    const paid = (await holdOf(database.db, holdOfAward(2)!))!;
    expect(paid).toMatchObject({ status: 'posted', amount: 20_000, settledAt: '2026-04-01T00:00:00.000Z' });
    expect((await transactionOf(database.db, paid.transactionId!))!.postings).toEqual([
      { accountId: ids.account_id, amount: -20_000 },
      { accountId: ids.disbursed_account_id, amount: 20_000 },
    ]);
    expect(holdOfAward(3)).toBeNull();
    expect(await holdOf(database.db, holdOfAward(4)!)).toMatchObject({ status: 'pending', amount: 10_000 });
    // A budget of 0 has no appropriation; the others one each.
    const appropriations = await rows(sql<{ reference: string }>`SELECT reference FROM ledger_transactions WHERE idempotency_key LIKE 'appropriation:%' ORDER BY reference`);
    expect(appropriations.map((r) => r.reference).sort()).toEqual([`budget:${budgets.a}`, `budget:${budgets.c}`].sort());
  });

  it('the money paths work on migrated rows: a second approval posts the migrated hold, a release voids one, the floor holds', async () => {
    const deps = { db: database.db, clock };
    const ctx = systemActor('test');
    const paid = await database.db.transaction().execute((trx) => approvePayment(trx, deps, principal(finance2), ctx, awaitingPayment));
    expect(paid.status).toBe('paid');
    await database.db.transaction().execute((trx) => releaseGrant(trx, clock, award(1), finance1));
    const view = budgetView((await findBudgetById(database.db, budgets.a))!);
    expect(view).toMatchObject({ amountFen: 100_000, committedFen: 0, paidFen: 30_000, leftFen: 70_000 });
    const grantInput = (n: number, amountFen: number) => ({ awardId: award(n), itemId: 'item.a', subjectId: subjects[5]!, grantedOn: '2026-11-20', productKey: null, onceKey: null, amountFen, subjectYearCapFen: null, actorUserId: finance1 });
    const refused = await database.db.transaction().execute((trx) => commitGrant(trx, clock, grantInput(90, 70_001))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('BUDGET_EXCEEDED');
    await database.db.transaction().execute((trx) => commitGrant(trx, clock, grantInput(91, 70_000)));
    const account = (await accountOf(database.db, (await accountsOf(budgets.a)).account_id))!;
    expect({ balance: account.balance, held: account.held, available: account.available }).toEqual({ balance: 70_000, held: 70_000, available: 0 });
    expect(await numbers()).toEqual([
      { id: budgets.a, item_id: 'item.a', amount_fen: 100_000, committed_fen: 70_000, paid_fen: 30_000 },
      before[1],
      before[2],
    ]);
  });

  it('the database refuses a budget row that disagrees with its ledger accounts, at COMMIT', async () => {
    const error = await sql`UPDATE budget_budgets SET committed_fen = committed_fen - 1 WHERE id = ${budgets.a}`.execute(database.db).then(
      () => null,
      (e: { message?: string }) => e,
    );
    expect(error?.message).toContain('budget_matches_ledger');
    const moved = await sql`UPDATE budget_budgets SET account_id = ${(await accountsOf(budgets.c)).account_id} WHERE id = ${budgets.a}`.execute(database.db).then(
      () => null,
      (e: { message?: string }) => e,
    );
    expect(moved?.message).toContain('budget_accounts_fixed');
    expect(await numbers()).toEqual([{ id: budgets.a, item_id: 'item.a', amount_fen: 100_000, committed_fen: 70_000, paid_fen: 30_000 }, before[1], before[2]]);
  });
});
