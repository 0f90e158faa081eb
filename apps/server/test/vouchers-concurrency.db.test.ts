/**
 * The vouchers' invariants under concurrency (issue #14), on the PostgreSQL server only
 * (SEEDBED_PG_TESTS=1): PGlite runs one transaction at a time and cannot show a race.
 *   * 50 simultaneous holds for different orders against one voucher whose value covers 3:
 *     exactly 3 are held, the rest refused with the `balance` problem;
 *   * a settlement approval replayed 100 times, one after another and all at once, pays each
 *     redemption once;
 *   * simultaneous issuing never takes a scheme beyond its budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../src/modules/audit/index.js';
import { createOrganisation, createUser } from '../src/modules/identity/index.js';
import { createPersonSubject } from '../src/modules/subjects/index.js';
import { issueVoucher } from '../src/modules/vouchers/index.js';
import { demoCreditCode } from '../src/demo/seed-demo.js';
import type { Tx } from '../src/platform/database.js';
import { AppError } from '../src/platform/problems.js';
import { DEMO_PASSWORD, TestClient, testApp, type TestContext } from './test-app.js';

const onServer = process.env.SEEDBED_PG_TESTS === '1';

describe.runIf(onServer)('vouchers under concurrency (PostgreSQL server)', () => {
  let t: TestContext;
  let finance: TestClient;
  let finance2: TestClient;
  let officer: TestClient;
  let providerId: string;
  const ctx = systemActor('test');
  const today = '2026-11-20';

  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(t.database.db)).rows[0]!;
  const account = (id: string) => one(sql<{ balance: number; held: number }>`SELECT balance::int, held::int FROM ledger_accounts WHERE id = ${id}`);
  const schemeRow = async (trx: Tx, id: string) => (await sql<Record<string, unknown>>`SELECT * FROM voucher_schemes WHERE id = ${id} FOR NO KEY UPDATE`.execute(trx)).rows[0] as never;

  async function people(prefix: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) {
        const userId = await createUser(trx, t.deps, ctx, { username: `${prefix}${i}`, displayName: `${prefix}${i}`, password: DEMO_PASSWORD });
        ids.push(await createPersonSubject(trx, t.deps, ctx, { userId, name: `${prefix}${i}` }));
      }
    });
    return ids;
  }

  beforeAll(async () => {
    t = await testApp({ demo: true });
    await t.database.db.transaction().execute(async (trx) => {
      providerId = await createOrganisation(trx, t.deps, ctx, { name: '玉溪检测服务有限公司', kind: 'service_provider', regionCode: '530402', creditCode: demoCreditCode('530402', '7PV0201') });
    });
    officer = new TestClient(t.app);
    await officer.loginDemo('officer.yuxi', t.clock);
    finance = new TestClient(t.app);
    await finance.loginDemo('finance.yuxi', t.clock);
    finance2 = new TestClient(t.app);
    await finance2.loginDemo('finance2.yuxi', t.clock);
  }, 120_000);
  afterAll(async () => t?.close());

  let schemeId: string;
  let voucher: { id: string; account_id: string; subject_id: string };

  it('holds exactly 3 of 50 simultaneous orders against a voucher worth 3', async () => {
    const created = await officer.post('/api/v1/vouchers/schemes', {
      itemId: 'yx.startup-voucher', year: 2026, faceValueFen: 300_000, categories: ['training'], shareBp: 10000, settlement: 'provider_redeems', validDays: 365, budgetFen: 1_500_000,
    });
    expect(created.statusCode).toBe(201);
    schemeId = created.json<{ id: string }>().id;
    const [holder] = await people('race.holder', 1);
    await t.database.db.transaction().execute(async (trx) => issueVoucher(trx, t.deps, ctx, await schemeRow(trx, schemeId), holder!, 'platform'));
    voucher = await one(sql<{ id: string; account_id: string; subject_id: string }>`SELECT id, account_id, subject_id FROM vouchers WHERE scheme_id = ${schemeId}`);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        t.database.db.transaction().execute((trx) =>
          t.deps.voucherPayments.hold(trx, { voucherId: voucher.id, holderSubjectId: voucher.subject_id, providerOrganisationId: providerId, category: 'training', priceFen: 100_000, orderId: `race-${i}` }, today),
        ),
      ),
    );
    const held = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(held).toHaveLength(3);
    expect(refused).toHaveLength(47);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).fieldErrors?.[0]).toMatchObject({ field: 'voucherId', rule: 'balance' });
    }
    expect(await account(voucher.account_id)).toEqual({ balance: 300_000, held: 300_000 });
    expect((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM voucher_uses WHERE voucher_id = ${voucher.id}`)).n).toBe(3);
  });

  it('pays a settlement once however often its approval is replayed', async () => {
    const orders = (await sql<{ order_id: string }>`SELECT order_id FROM voucher_uses WHERE voucher_id = ${voucher.id} ORDER BY order_id`.execute(t.database.db)).rows.map((r) => r.order_id);
    for (const o of orders) await t.database.db.transaction().execute((trx) => t.deps.voucherPayments.redeem(trx, o));
    // Sequentially: one batch of the first two redemptions… (a batch takes all unsettled; redeem the third later)
    const first = await finance.post('/api/v1/vouchers/batches', { schemeId });
    expect(first.statusCode).toBe(201);
    const batchId = first.json<{ id: string }>().id;
    let paid = 0;
    for (let i = 0; i < 100; i++) {
      const r = await finance2.post(`/api/v1/vouchers/batches/${batchId}/approve`);
      expect(r.statusCode).toBe(200);
      paid += r.json<{ paidFen: number }>().paidFen;
    }
    expect(paid).toBe(300_000);
    const scheme = await one(sql<{ disbursed_account_id: string }>`SELECT disbursed_account_id FROM voucher_schemes WHERE id = ${schemeId}`);
    expect((await account(scheme.disbursed_account_id)).balance).toBe(300_000);

    // Concurrently: a second voucher's three redemptions, one batch, 100 approvals at once.
    const [holder2] = await people('race.holder2.', 1);
    await t.database.db.transaction().execute(async (trx) => issueVoucher(trx, t.deps, ctx, await schemeRow(trx, schemeId), holder2!, 'platform'));
    const v2 = await one(sql<{ id: string; subject_id: string }>`SELECT id, subject_id FROM vouchers WHERE scheme_id = ${schemeId} AND subject_id = ${holder2!}`);
    for (let i = 0; i < 3; i++) {
      await t.database.db.transaction().execute(async (trx) => {
        await t.deps.voucherPayments.hold(trx, { voucherId: v2.id, holderSubjectId: v2.subject_id, providerOrganisationId: providerId, category: 'training', priceFen: 100_000, orderId: `again-${i}` }, today);
        await t.deps.voucherPayments.redeem(trx, `again-${i}`);
      });
    }
    const second = await finance2.post('/api/v1/vouchers/batches', { schemeId });
    expect(second.statusCode).toBe(201);
    const batch2 = second.json<{ id: string }>().id;
    const replies = await Promise.all(Array.from({ length: 100 }, () => finance.post(`/api/v1/vouchers/batches/${batch2}/approve`)));
    expect(replies.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    expect(replies.reduce((n, r) => n + r.json<{ paidFen: number }>().paidFen, 0)).toBe(300_000);
    expect((await account(scheme.disbursed_account_id)).balance).toBe(600_000);
    const settled = await one(sql<{ n: number; postings: number }>`SELECT (SELECT count(*)::int FROM voucher_uses u JOIN vouchers v ON v.id = u.voucher_id WHERE v.scheme_id = ${schemeId} AND u.status = 'settled') AS n,
                                                                        (SELECT count(*)::int FROM ledger_transactions WHERE scope = 'vouchers' AND idempotency_key LIKE 'settle:%') AS postings`);
    expect(settled).toEqual({ n: 6, postings: 6 });
  });

  it('never issues beyond the budget when issuing at once', async () => {
    // The scheme's budget is 15000 元 at 3000 元 a voucher: 2 issued above, room for 3 more.
    const subjects = await people('race.issue', 20);
    const results = await Promise.allSettled(
      subjects.map((s) => t.database.db.transaction().execute(async (trx) => issueVoucher(trx, t.deps, ctx, await schemeRow(trx, schemeId), s, 'platform'))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => (r.reason as AppError).code === 'VOUCHER_BUDGET_EXHAUSTED')).toBe(true);
    const totals = await one(sql<{ n: number; fen: number }>`SELECT count(*)::int AS n, sum(face_value_fen)::int AS fen FROM vouchers WHERE scheme_id = ${schemeId}`);
    expect(totals).toEqual({ n: 5, fen: 1_500_000 });
    const s = await one(sql<{ account_id: string }>`SELECT account_id FROM voucher_schemes WHERE id = ${schemeId}`);
    expect((await account(s.account_id)).balance).toBe(0);
  });

  it('races issuing without the scheme lock too: the ledger floor alone keeps the budget', async () => {
    const created = await officer.post('/api/v1/vouchers/schemes', {
      itemId: 'yx.innovation-voucher', year: 2028, faceValueFen: 100_000, categories: ['ip'], shareBp: 5000, settlement: 'provider_redeems', validUntil: '2028-12-31', budgetFen: 400_000,
    });
    const id = created.json<{ id: string }>().id;
    const subjects = await people('race.nolock', 12);
    const plain = async (trx: Tx) => (await sql<Record<string, unknown>>`SELECT * FROM voucher_schemes WHERE id = ${id}`.execute(trx)).rows[0] as never;
    const results = await Promise.allSettled(subjects.map((s) => t.database.db.transaction().execute(async (trx) => issueVoucher(trx, t.deps, ctx, await plain(trx), s, 'platform'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const totals = await one(sql<{ fen: number }>`SELECT coalesce(sum(face_value_fen), 0)::int AS fen FROM vouchers WHERE scheme_id = ${id}`);
    expect(totals.fen).toBe(400_000);
  });
});
