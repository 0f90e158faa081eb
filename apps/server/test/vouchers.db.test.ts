/**
 * The vouchers module (issue #14, part 1): schemes on the ledger, issuing (award, bulk job, the
 * demo), the voucher-payments seam (quote, hold, redeem, release, expiry), settlement under the
 * two-person rule, bad input naming the field and rule, and who may do what where.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { sentenceOf, systemActor } from '../src/modules/audit/index.js';
import { createOrganisation, createUser, setMembership } from '../src/modules/identity/index.js';
import { createEnterpriseSubject, createPersonSubject, recordFacts } from '../src/modules/subjects/index.js';
import { issueVoucher } from '../src/modules/vouchers/index.js';
import { demoCreditCode } from '../src/demo/seed-demo.js';
import type { Tx } from '../src/platform/database.js';
import { AppError } from '../src/platform/problems.js';
import type { VoucherUse } from '../src/platform/voucher-payments.js';
import { DEMO_PASSWORD, TestClient, testApp, type TestContext } from './test-app.js';

interface Problem {
  code?: string;
  errors?: { field: string; rule: string }[];
}

async function login(t: TestContext, username: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  await client.loginDemo(username, t.clock);
  return client;
}

const rulesOf = (error: unknown): string[] => ((error as AppError).fieldErrors ?? []).map((e) => `${e.field}:${e.rule}`);

async function refusal(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (error) {
    return rulesOf(error);
  }
  throw new Error('expected a refusal');
}

describe('vouchers', () => {
  let t: TestContext;
  let officer: TestClient; // 玉溪市科学技术局
  let finance: TestClient; // 玉溪市财政局
  let finance2: TestClient;
  let enterprise: TestClient; // 玉溪滇云生物科技
  let provider: TestClient;
  let subjectId: string;
  let providerId: string;
  let schemeId: string;
  let voucherId: string;
  const ctx = systemActor('test');

  const account = async (id: string) =>
    (await sql<{ balance: number; held: number }>`SELECT balance::int, held::int FROM ledger_accounts WHERE id = ${id}`.execute(t.database.db)).rows[0]!;

  beforeAll(async () => {
    t = await testApp({ demo: true });
    subjectId = (await sql<{ id: string }>`SELECT id FROM subjects WHERE name = '玉溪滇云生物科技有限公司'`.execute(t.database.db)).rows[0]!.id;
    await t.database.db.transaction().execute(async (trx) => {
      providerId = await createOrganisation(trx, t.deps, ctx, { name: '玉溪知联知识产权代理有限公司', kind: 'service_provider', regionCode: '530402', creditCode: demoCreditCode('530402', '7PV0101') });
      const userId = await createUser(trx, t.deps, ctx, { username: 'provider.test', displayName: '服务机构', password: DEMO_PASSWORD });
      await setMembership(trx, t.deps, ctx, providerId, userId, ['owner']);
    });
    officer = await login(t, 'officer.yuxi');
    finance = await login(t, 'finance.yuxi');
    finance2 = await login(t, 'finance2.yuxi');
    enterprise = await login(t, 'ent.yuxi');
    provider = await login(t, 'provider.test');
  });
  afterAll(async () => t?.close());

  it('seeds the demo scheme for Yuxi and issues a voucher to the demo enterprise', async () => {
    const schemes = (await officer.get('/api/v1/vouchers/schemes')).json<{ items: { id: string; itemId: string; budgetFen: number; leftFen: number; issuedFen: number; vouchersIssued: number; sourceNote: string }[] }>().items;
    const demo = schemes.find((s) => s.itemId === 'yx.innovation-voucher')!;
    expect(demo).toMatchObject({ budgetFen: 50_000_000, issuedFen: 1_000_000, leftFen: 49_000_000, vouchersIssued: 1, redeemedFen: 300_000 });
    expect(demo.sourceNote).toContain('四(二)11');
    schemeId = demo.id;
    const mine = (await enterprise.get('/api/v1/vouchers/mine')).json<{ items: { id: string; faceValueFen: number; leftFen: number; categories: string[]; expiresOn: string }[] }>().items;
    expect(mine).toHaveLength(1);
    // 3000 元 redeemed by the marketplace's demo order, 300 元 held by the instruments' demo booking.
    expect(mine[0]).toMatchObject({ faceValueFen: 1_000_000, leftFen: 670_000, categories: ['ip', 'testing', 'design', 'software'], expiresOn: '2026-12-31' });
    voucherId = mine[0]!.id;
    const inbox = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications WHERE kind = 'voucher.issued' AND subject_id = ${subjectId}`.execute(t.database.db);
    expect(inbox.rows[0]!.n).toBe(1);
  });

  it('refuses bad schemes with the field and the rule', async () => {
    const base = { itemId: 'yx.startup-voucher', year: 2026, faceValueFen: 100_000, categories: ['training'], shareBp: 5000, settlement: 'reimbursed', validDays: 90, budgetFen: 300_000 };
    const errs = async (body: unknown) => (await officer.post('/api/v1/vouchers/schemes', body)).json<Problem>().errors?.map((e) => `${e.field}:${e.rule}`) ?? [];
    expect(await errs({ ...base, itemId: 'yx.startup-training-subsidy' })).toContain('itemId:voucher_item');
    expect(await errs({ ...base, validUntil: '2026-12-31' })).toContain('validUntil:one_of');
    expect(await errs({ ...base, faceValueFen: 400_000 })).toContain('faceValueFen:maximum');
    expect(await errs({ ...base, itemId: 'nc.service-voucher' })).toContain('year:in_force');
    const negative = await officer.post('/api/v1/vouchers/schemes', { ...base, faceValueFen: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toContain('faceValueFen');
    const badCategory = await officer.post('/api/v1/vouchers/schemes', { ...base, categories: ['astrology'] });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.body).toContain('categories');
    // Not the officer's region, not an officer.
    const nanning = await login(t, 'officer.nanning');
    expect((await nanning.post('/api/v1/vouchers/schemes', base)).statusCode).toBe(403);
    expect((await finance.post('/api/v1/vouchers/schemes', base)).statusCode).toBe(403);
    expect((await nanning.get('/api/v1/vouchers/schemes')).json<{ items: unknown[] }>().items).toHaveLength(0);
    expect((await enterprise.get('/api/v1/vouchers/schemes')).statusCode).toBe(403);
    expect((await finance.get(`/api/v1/vouchers/schemes/${schemeId}/vouchers`)).statusCode).toBe(403);
  });

  it('never issues beyond the budget, nor twice per subject', async () => {
    const created = await officer.post('/api/v1/vouchers/schemes', {
      itemId: 'yx.startup-voucher', year: 2026, faceValueFen: 100_000, categories: ['training', 'management'], shareBp: 10000, settlement: 'reimbursed', validDays: 90, budgetFen: 300_000,
    });
    expect(created.statusCode).toBe(201);
    const scheme = created.json<{ id: string }>();
    const again = await officer.post('/api/v1/vouchers/schemes', { itemId: 'yx.startup-voucher', year: 2026, faceValueFen: 100_000, categories: ['training'], shareBp: 10000, settlement: 'reimbursed', validDays: 90, budgetFen: 300_000 });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().errors?.[0]).toMatchObject({ field: 'year', rule: 'unique' });
    const people: string[] = [];
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 4; i++) {
        const userId = await createUser(trx, t.deps, ctx, { username: `founder.yx${i}`, displayName: `创业者${i}`, password: DEMO_PASSWORD });
        people.push(await createPersonSubject(trx, t.deps, ctx, { userId, name: `创业者${i}` }));
      }
    });
    const row = async (trx: Tx) => (await sql<Record<string, unknown>>`SELECT * FROM voucher_schemes WHERE id = ${scheme.id}`.execute(trx)).rows[0] as never;
    for (const p of people.slice(0, 3)) {
      await t.database.db.transaction().execute(async (trx) => {
        const r = await issueVoucher(trx, t.deps, ctx, await row(trx), p, 'platform');
        expect(r.issued).toBe(true);
        expect(r.voucher.expires_on).toBe('2027-02-17');
      });
    }
    // The same subject again: the first voucher stands, nothing moves.
    await t.database.db.transaction().execute(async (trx) => expect((await issueVoucher(trx, t.deps, ctx, await row(trx), people[0]!, 'platform')).issued).toBe(false));
    // The fourth: the scheme account's floor refuses it.
    const refused = await t.database.db
      .transaction()
      .execute(async (trx) => issueVoucher(trx, t.deps, ctx, await row(trx), people[3]!, 'platform'))
      .catch((e: AppError) => e);
    expect((refused as AppError).code).toBe('VOUCHER_BUDGET_EXHAUSTED');
    expect(rulesOf(refused)).toEqual(['budgetFen:budget']);
    const counts = await sql<{ n: number; fen: number }>`SELECT count(*)::int AS n, sum(face_value_fen)::int AS fen FROM vouchers WHERE scheme_id = ${scheme.id}`.execute(t.database.db);
    expect(counts.rows[0]).toEqual({ n: 3, fen: 300_000 });
    // The database refuses a second voucher of a scheme for a subject however it is written.
    await expect(
      sql`INSERT INTO vouchers (scheme_id, subject_id, face_value_fen, issued_on, expires_on, account_id, origin, created_at)
          VALUES (${scheme.id}, ${people[0]!}, 1, '2026-11-20', '2026-12-01', gen_random_uuid(), 'platform', now())`.execute(t.database.db),
    ).rejects.toThrow(/voucher_once_per_subject/);
  });

  it('issues in bulk to the eligible subjects until the budget runs out, with progress', async () => {
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) {
        const creditCode = demoCreditCode('530402', `8BK010${i}`);
        const organisationId = await createOrganisation(trx, t.deps, ctx, { name: `玉溪创新企业${i}有限公司`, kind: 'enterprise', regionCode: '530402', creditCode });
        const userId = await createUser(trx, t.deps, ctx, { username: `ent.bulk${i}`, displayName: `企业${i}`, password: DEMO_PASSWORD });
        await setMembership(trx, t.deps, ctx, organisationId, userId, ['owner']);
        const s = await createEnterpriseSubject(trx, t.deps, ctx, { organisationId, name: `玉溪创新企业${i}有限公司`, creditCode, regionCode: '530402' });
        await recordFacts(trx, t.deps, ctx, s, { facts: { yx_is_innovative_enterprise: true } });
      }
    });
    const eligible = await sql<{ n: number }>`SELECT count(*)::int AS n FROM finder_matches WHERE item_id = 'yx.innovation-voucher' AND status = 'eligible'`.execute(t.database.db);
    expect(eligible.rows[0]!.n).toBe(4); // the demo enterprise and these three
    const created = await officer.post('/api/v1/vouchers/schemes', {
      itemId: 'yx.innovation-voucher', year: 2027, faceValueFen: 500_000, categories: ['ip'], shareBp: 5000, settlement: 'provider_redeems', validUntil: '2027-12-31', budgetFen: 1_000_000,
    });
    expect(created.statusCode).toBe(201);
    const scheme = created.json<{ id: string }>();
    const started = await officer.post(`/api/v1/vouchers/schemes/${scheme.id}/issue`);
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    expect((await finance.get(`/api/v1/vouchers/jobs/${jobId}`)).statusCode).toBe(403);
    await t.app.jobs.drain();
    const job = (await officer.get(`/api/v1/vouchers/jobs/${jobId}`)).json();
    expect(job).toEqual({ status: 'done', progress: 1, issued: 2, alreadyHeld: 0, leftOut: 2, budgetExhausted: true });
    const issued = (await officer.get(`/api/v1/vouchers/schemes/${scheme.id}/vouchers`)).json<{ items: { origin: string; balanceFen: number }[] }>().items;
    expect(issued).toHaveLength(2);
    expect(issued.every((v) => v.origin === 'bulk' && v.balanceFen === 500_000)).toBe(true);
    const view = (await officer.get('/api/v1/vouchers/schemes')).json<{ items: { id: string; leftFen: number }[] }>().items.find((s) => s.id === scheme.id)!;
    expect(view.leftFen).toBe(0);
    // A scheme whose validity has ended issues nothing: the request says why.
    const ended = await officer.post('/api/v1/vouchers/schemes', {
      itemId: 'yx.innovation-voucher', year: 2025, faceValueFen: 500_000, categories: ['ip'], shareBp: 5000, settlement: 'provider_redeems', validUntil: '2025-12-31', budgetFen: 1_000_000,
    });
    expect(ended.statusCode).toBe(201);
    const refused = await officer.post(`/api/v1/vouchers/schemes/${ended.json<{ id: string }>().id}/issue`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().errors?.[0]).toMatchObject({ field: 'validUntil', rule: 'expired' });
  });

  const use = (over: Partial<VoucherUse> = {}): VoucherUse => ({ voucherId, holderSubjectId: subjectId, providerOrganisationId: providerId, category: 'ip', priceFen: 400_000, orderId: 'order-a', ...over });
  const inTx = <T>(work: (trx: never) => Promise<T>) => t.database.db.transaction().execute((trx) => work(trx as never));

  it('quotes and refuses uses naming voucherId and the rule', async () => {
    const vp = t.deps.voucherPayments;
    expect(await vp.quote(t.database.db, use(), '2026-11-20')).toEqual({ voucherPaysFen: 200_000, enterprisePaysFen: 200_000, settlement: 'provider_redeems' });
    expect(await refusal(vp.quote(t.database.db, use({ holderSubjectId: providerId }), '2026-11-20'))).toEqual(['voucherId:holder']);
    expect(await refusal(vp.quote(t.database.db, use({ category: 'legal' }), '2026-11-20'))).toEqual(['voucherId:category']);
    expect(await refusal(vp.quote(t.database.db, use(), '2027-01-01'))).toEqual(['voucherId:expired']);
    expect(await refusal(vp.quote(t.database.db, use(), '2026-11-01'))).toEqual(['voucherId:not_yet_valid']);
    expect(await refusal(vp.quote(t.database.db, use({ voucherId: '00000000-0000-4000-8000-000000000000' }), '2026-11-20'))).toEqual(['voucherId:exists']);
    // A suspended scheme pays for nothing until it is back in force.
    expect((await officer.post(`/api/v1/vouchers/schemes/${schemeId}/status`, { status: 'suspended' })).statusCode).toBe(200);
    expect(await refusal(vp.quote(t.database.db, use(), '2026-11-20'))).toEqual(['voucherId:suspended']);
    expect((await officer.post(`/api/v1/vouchers/schemes/${schemeId}/status`, { status: 'active' })).statusCode).toBe(200);
  });

  it('holds, redeems and releases per order, idempotently, never beyond the balance', async () => {
    const vp = t.deps.voucherPayments;
    const v = (await sql<{ account_id: string }>`SELECT account_id FROM vouchers WHERE id = ${voucherId}`.execute(t.database.db)).rows[0]!;
    expect(await inTx((trx) => vp.hold(trx, use(), '2026-11-20'))).toMatchObject({ voucherPaysFen: 200_000 });
    expect(await inTx((trx) => vp.hold(trx, use(), '2026-11-20'))).toMatchObject({ voucherPaysFen: 200_000 }); // the same order again
    expect(await inTx((trx) => vp.hold(trx, use({ orderId: 'order-b', priceFen: 600_000 }), '2026-11-20'))).toMatchObject({ voucherPaysFen: 300_000, enterprisePaysFen: 300_000 });
    // What is left (1700 元: the instruments' demo booking holds 300 元) is less than half of 10000 元: the voucher pays what is left.
    expect(await inTx((trx) => vp.hold(trx, use({ orderId: 'order-c', priceFen: 1_000_000 }), '2026-11-20'))).toMatchObject({ voucherPaysFen: 170_000, enterprisePaysFen: 830_000 });
    expect(await refusal(inTx((trx) => vp.hold(trx, use({ orderId: 'order-d' }), '2026-11-20')))).toEqual(['voucherId:balance']);
    // The demo's redemption took 3000 元 already; 300 元 of the 7000 元 held is the instrument booking's.
    expect(await account(v.account_id)).toEqual({ balance: 700_000, held: 700_000 });
    // An order id reused with other details is refused.
    expect(await refusal(inTx((trx) => vp.hold(trx, use({ priceFen: 999 }), '2026-11-20')))).toEqual(['orderId:unique']);

    await inTx((trx) => vp.redeem(trx, 'order-a'));
    await inTx((trx) => vp.redeem(trx, 'order-a'));
    await inTx((trx) => vp.release(trx, 'order-b'));
    await inTx((trx) => vp.release(trx, 'order-b'));
    await inTx((trx) => vp.release(trx, 'no-such-order'));
    await expect(inTx((trx) => vp.redeem(trx, 'order-b'))).rejects.toMatchObject({ code: 'VOUCHER_RELEASED' });
    await expect(inTx((trx) => vp.release(trx, 'order-a'))).rejects.toMatchObject({ code: 'VOUCHER_REDEEMED' });
    expect(await account(v.account_id)).toEqual({ balance: 500_000, held: 200_000 });
    const uses = await vp.usesOf(t.database.db, ['order-a', 'order-b', 'order-c', 'order-x']);
    expect([...uses].map(([k, u]) => `${k}:${u.status}:${u.voucherPaysFen}`).sort()).toEqual(['order-a:redeemed:200000', 'order-b:released:300000', 'order-c:held:170000']);
    const mine = (await enterprise.get('/api/v1/vouchers/mine')).json<{ items: { leftFen: number; heldFen: number; uses: unknown[] }[] }>().items[0]!;
    expect(mine).toMatchObject({ leftFen: 300_000, heldFen: 200_000 });
    expect(mine.uses).toHaveLength(5); // with the marketplace's and the instruments' demo uses
    const owed = (await provider.get('/api/v1/vouchers/receivables')).json<{ items: unknown[] }>().items;
    expect(owed).toEqual([expect.objectContaining({ payeeKind: 'provider', heldFen: 170_000, redeemedFen: 200_000, inBatchFen: 0, paidFen: 0 })]);
  });

  it('settles in batches: a second finance officer approves, each redemption is paid once', async () => {
    const nanning = await login(t, 'finance.nanning');
    expect((await nanning.post('/api/v1/vouchers/batches', { schemeId })).statusCode).toBe(403);
    expect((await officer.post('/api/v1/vouchers/batches', { schemeId })).statusCode).toBe(403);
    const overview = (await finance.get('/api/v1/vouchers/settlement')).json<{ schemes: { id: string; unsettledFen: number }[] }>();
    expect(overview.schemes.find((s) => s.id === schemeId)!.unsettledFen).toBe(500_000); // the demo's and order A
    const proposed = await finance.post('/api/v1/vouchers/batches', { schemeId });
    expect(proposed.statusCode).toBe(201);
    const batch = proposed.json<{ id: string; totalFen: number; proposedByMe: boolean }>();
    expect(batch).toMatchObject({ totalFen: 500_000, proposedByMe: true });
    // Nothing more to propose while it is in a batch.
    expect((await finance2.post('/api/v1/vouchers/batches', { schemeId })).json<Problem>().code).toBe('NOTHING_TO_SETTLE');
    expect((await provider.get('/api/v1/vouchers/receivables')).json<{ items: { inBatchFen: number; redeemedFen: number }[] }>().items[0]).toMatchObject({ inBatchFen: 200_000, redeemedFen: 0 });
    const same = await finance.post(`/api/v1/vouchers/batches/${batch.id}/approve`);
    expect(same.statusCode).toBe(409);
    expect(same.json<Problem>().code).toBe('SECOND_APPROVER_SAME');
    const approved = await finance2.post(`/api/v1/vouchers/batches/${batch.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ paidFen: 500_000, batch: { status: 'paid' } });
    const replay = await finance2.post(`/api/v1/vouchers/batches/${batch.id}/approve`);
    expect(replay.json()).toMatchObject({ paidFen: 0, batch: { status: 'paid' } });
    const s = (await sql<{ disbursed_account_id: string }>`SELECT disbursed_account_id FROM voucher_schemes WHERE id = ${schemeId}`.execute(t.database.db)).rows[0]!;
    expect((await account(s.disbursed_account_id)).balance).toBe(500_000);
    expect((await provider.get('/api/v1/vouchers/receivables')).json<{ items: { inBatchFen: number; paidFen: number }[] }>().items[0]).toMatchObject({ inBatchFen: 0, paidFen: 200_000 });
    // In the audit log, as sentences people read.
    const logged = (await sql<{ action: string; entity_type: string; entity_id: string; data: Record<string, unknown>; actor_user_id: string | null; actor: string | null }>`
      SELECT action, entity_type, entity_id, data, actor_user_id, actor FROM audit_log WHERE entity_id = ${batch.id} ORDER BY id`.execute(t.database.db)).rows;
    expect(logged.map((r) => r.action)).toEqual(['voucher_batch.proposed', 'voucher_batch.paid']);
    expect(sentenceOf(logged[1]!, new Map()).zh).toContain('复核并支付了服务券结算批次，金额 5,000.00 元');
    // The database refuses a batch paid by its proposer.
    await expect(sql`UPDATE voucher_batches SET decided_by = proposed_by WHERE id = ${batch.id}`.execute(t.database.db)).rejects.toThrow(/voucher_batch_second_person/);
  });

  it('counts issued, redeemed and settled in the statistics', async () => {
    const stat = (name: string) => t.deps.modules.statistics.get(name)!.compute(t.database.db, { regionCode: '530400', from: '2026-01-01', to: '2026-12-31' });
    // The demo voucher and the two issued in bulk (the founders' person profiles have no region yet).
    expect(await stat('vouchers.issued')).toBe(3);
    expect(await stat('vouchers.redeemed_fen')).toBe(500_000);
    expect(await stat('vouchers.settled_fen')).toBe(500_000);
    expect(await stat('vouchers.settled')).toBe(2);
  });

  it('issues through fulfilment: an approved award of a voucher item gives its subject one voucher', async () => {
    let enterpriseId = '';
    await t.database.db.transaction().execute(async (trx) => {
      const creditCode = demoCreditCode('530402', '8AW0001');
      const organisationId = await createOrganisation(trx, t.deps, ctx, { name: '玉溪获批企业有限公司', kind: 'enterprise', regionCode: '530402', creditCode });
      enterpriseId = await createEnterpriseSubject(trx, t.deps, ctx, { organisationId, name: '玉溪获批企业有限公司', creditCode, regionCode: '530402' });
    });
    const approved = (approvedFen: number, itemId = 'yx.innovation-voucher') =>
      t.database.db.transaction().execute((trx) => t.deps.events.emit(trx, 'award.approved', { applicationId: '00000000-0000-4000-8000-0000000000a1', itemId, subjectId: enterpriseId, approvedFen }));
    // Money approved as well would count the voucher's money twice (the scheme and a budget): refused.
    await expect(approved(100_000)).rejects.toMatchObject({ code: 'VOUCHER_ITEM_WITH_AMOUNT' });
    // An item that is not a voucher item: nothing happens.
    await approved(0, 'yx.startup-training-subsidy');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM vouchers WHERE subject_id = ${enterpriseId}`.execute(t.database.db)).rows[0]!.n).toBe(0);
    // A voucher item with no scheme this year: the approval is refused rather than giving nothing.
    await expect(approved(0, 'nc.service-voucher')).rejects.toMatchObject({ code: 'VOUCHER_SCHEME_MISSING' });
    await approved(0);
    await approved(0); // a second approval: still one voucher
    const rows = (await sql<{ origin: string; application_id: string; face_value_fen: number }>`SELECT origin, application_id, face_value_fen::int FROM vouchers WHERE subject_id = ${enterpriseId}`.execute(t.database.db)).rows;
    expect(rows).toEqual([{ origin: 'award', application_id: '00000000-0000-4000-8000-0000000000a1', face_value_fen: 1_000_000 }]);
  });

  it('expires vouchers: open holds are released and what is left returns to the scheme', async () => {
    const before = (await sql<{ account_id: string }>`SELECT account_id FROM voucher_schemes WHERE id = ${schemeId}`.execute(t.database.db)).rows[0]!;
    const schemeBefore = (await account(before.account_id)).balance;
    t.clock.advance(45 * 24 * 3600 * 1000); // 2027-01-04
    await sql`INSERT INTO platform_jobs (id, kind, payload) VALUES (gen_random_uuid(), 'vouchers.expire', ${JSON.stringify({ date: t.clock.today() })}::jsonb)`.execute(t.database.db);
    await t.app.jobs.drain();
    const v = (await sql<{ status: string; account_id: string }>`SELECT status, account_id FROM vouchers WHERE id = ${voucherId}`.execute(t.database.db)).rows[0]!;
    expect(v.status).toBe('expired');
    expect(await account(v.account_id)).toEqual({ balance: 0, held: 0 });
    // The demo voucher's 5000 元 left and the award's unused 10000 元 voucher come back.
    expect((await account(before.account_id)).balance).toBe(schemeBefore + 500_000 + 1_000_000);
    expect((await t.deps.voucherPayments.usesOf(t.database.db, ['order-c'])).get('order-c')!.status).toBe('released');
    expect(await refusal(t.deps.voucherPayments.quote(t.database.db, use({ orderId: 'order-e' }), t.clock.today()))).toEqual(['voucherId:expired']);
    // Every scheme's money is where it should be: its budget is what is left, what its vouchers
    // hold, what payees are owed and what was paid, to the fen.
    const schemes = (await sql<{ id: string; budget_fen: number; left: number; vouchers: number; payables: number; paid: number }>`
      SELECT s.id, s.budget_fen::int,
             (SELECT balance FROM ledger_accounts WHERE id = s.account_id)::int AS left,
             (SELECT coalesce(sum(a.balance), 0) FROM vouchers v JOIN ledger_accounts a ON a.id = v.account_id WHERE v.scheme_id = s.id)::int AS vouchers,
             (SELECT coalesce(sum(a.balance), 0) FROM voucher_payables p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.scheme_id = s.id)::int AS payables,
             (SELECT balance FROM ledger_accounts WHERE id = s.disbursed_account_id)::int AS paid
        FROM voucher_schemes s`.execute(t.database.db)).rows;
    expect(schemes.length).toBeGreaterThanOrEqual(4);
    for (const x of schemes) expect(x.left + x.vouchers + x.payables + x.paid, x.id).toBe(x.budget_fen);
  });
});
