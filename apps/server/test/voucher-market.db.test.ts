/**
 * Vouchers × marketplace (issue #14), end to end through HTTP on the real voucher-payments seam
 * (no test double): an order paid in part with a voucher holds the voucher's part when the
 * provider confirms it, redeems it to the provider's receivable when the enterprise accepts the
 * delivery, and releases it when the order is cancelled or a dispute is decided for the
 * enterprise; bad uses are refused naming the field and the rule; and, on the PostgreSQL server
 * only (SEEDBED_PG_TESTS=1), 50 simultaneous confirmations against one voucher worth 3 orders hold
 * exactly 3.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/modules/audit/index.js';
import { issueVoucher } from '../src/modules/vouchers/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

const onServer = process.env.SEEDBED_PG_TESTS === '1';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let t: TestContext;
const clients = new Map<string, TestClient>();
async function as(username: string): Promise<TestClient> {
  let c = clients.get(username);
  if (!c) {
    c = new TestClient(t.app);
    await c.loginDemo(username, t.clock);
    clients.set(username, c);
  }
  return c;
}
type Res = { statusCode: number; body: string; json: () => { errors?: { field: string; rule: string }[] } };
const fields = (r: Res) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);
async function upload(c: TestClient): Promise<string> {
  const boundary = '----seedbed';
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="报告.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

interface Mine {
  id: string;
  schemeTitle: { zh: string };
  leftFen: number;
  heldFen: number;
  expiresOn: string;
  uses: { orderId: string; status: string; voucherPaysFen: number }[];
}
const myVoucher = async (id: string): Promise<Mine> => ((await (await as('ent.yuxi')).get('/api/v1/vouchers/mine')).json().items as Mine[]).find((v) => v.id === id)!;
const receivable = async (): Promise<{ redeemedFen: number; heldFen: number; paidFen: number }> => {
  const items = (await (await as('provider.yuxi')).get('/api/v1/vouchers/receivables')).json().items as { schemeTitle: { zh: string }; redeemedFen: number; heldFen: number; paidFen: number }[];
  return items.find((r) => r.schemeTitle.zh.includes('创新券')) ?? { redeemedFen: 0, heldFen: 0, paidFen: 0 };
};
const listingId = async (q: string): Promise<string> => ((await new TestClient(t.app).get(`/api/v1/marketplace/listings?q=${encodeURIComponent(q)}`)).json() as { id: string; title: string }[]).find((l) => l.title === q)!.id;

let entSubject: string;
let demoVoucher: string;
let patent: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  entSubject = (await (await as('ent.yuxi')).get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
  demoVoucher = ((await (await as('ent.yuxi')).get('/api/v1/vouchers/mine')).json().items as Mine[]).find((v) => v.schemeTitle.zh.includes('创新券'))!.id;
  patent = await listingId('发明专利申请代理');
}, 240_000);
afterAll(async () => t?.close());

async function order(priceFen: number, voucherId: string | undefined = demoVoucher, listing = patent) {
  const r = await (await as('ent.yuxi')).post('/api/v1/marketplace/orders', { listingId: listing, subjectId: entSubject, priceFen, ...(voucherId ? { voucherId } : {}) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as unknown as { id: string; status: string; voucher: { voucherPaysFen: number; enterprisePaysFen: number; status: string } | null };
}

describe('an order paid in part with a voucher', () => {
  it('holds on confirmation, redeems to the provider’s receivable on acceptance', async () => {
    // The demo: 1万元, half of each price for IP, testing, design, software; 3000 元 already redeemed;
    // 300 元 held by lab.yuxi's GC-MS booking whose use is not yet recorded (the instruments' demo).
    const start = await myVoucher(demoVoucher);
    expect(start).toMatchObject({ leftFen: 670_000, heldFen: 30_000, expiresOn: '2026-12-31' });
    const owedBefore = await receivable();
    expect(owedBefore.redeemedFen).toBe(300_000);

    const quote = await (await as('ent.yuxi')).post('/api/v1/marketplace/voucher-quote', { listingId: patent, subjectId: entSubject, priceFen: 600_000, voucherId: demoVoucher });
    expect(quote.json()).toEqual({ voucherPaysFen: 300_000, enterprisePaysFen: 300_000, settlement: 'provider_redeems' });
    const o = await order(600_000);
    expect(o.voucher).toMatchObject({ voucherPaysFen: 300_000, enterprisePaysFen: 300_000, status: 'quoted' });
    // Placing holds nothing yet.
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 670_000, heldFen: 30_000 });

    const provider = await as('provider.yuxi');
    const confirmed = await provider.post(`/api/v1/marketplace/orders/${o.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', voucher: { voucherPaysFen: 300_000, status: 'held' } });
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 370_000, heldFen: 330_000 });
    expect((await receivable()).heldFen).toBe(300_000);
    // Confirming twice holds nothing more.
    expect((await provider.post(`/api/v1/marketplace/orders/${o.id}/confirm`)).statusCode).toBe(409);
    expect((await myVoucher(demoVoucher)).heldFen).toBe(330_000);

    expect((await provider.post(`/api/v1/marketplace/orders/${o.id}/deliver`, { fileId: await upload(provider), note: '检索报告' })).json()).toMatchObject({ status: 'delivered' });
    const accepted = await (await as('ent.yuxi')).post(`/api/v1/marketplace/orders/${o.id}/accept`);
    expect(accepted.json()).toMatchObject({ status: 'accepted', voucher: { status: 'redeemed' } });
    const after = await myVoucher(demoVoucher);
    expect(after).toMatchObject({ leftFen: 370_000, heldFen: 30_000 });
    expect(after.uses.find((u) => u.orderId === o.id)).toMatchObject({ status: 'redeemed', voucherPaysFen: 300_000 });
    expect(await receivable()).toMatchObject({ redeemedFen: 600_000, heldFen: 0 });
  });

  it('releases the held part when the enterprise cancels after confirmation', async () => {
    const o = await order(500_000);
    await (await as('provider.yuxi')).post(`/api/v1/marketplace/orders/${o.id}/confirm`);
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 120_000, heldFen: 280_000 });
    const cancelled = await (await as('ent.yuxi')).post(`/api/v1/marketplace/orders/${o.id}/cancel`, { reason: '需求变更' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', voucher: { status: 'released' } });
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 370_000, heldFen: 30_000 });
    expect((await receivable()).heldFen).toBe(0);
  });

  it('releases the held part when a dispute is decided for the enterprise', async () => {
    const provider = await as('provider.yuxi');
    const ent = await as('ent.yuxi');
    const o = await order(800_000);
    await provider.post(`/api/v1/marketplace/orders/${o.id}/confirm`);
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 0, heldFen: 400_000 }); // what was left (3700 元) is less than half the price
    await provider.post(`/api/v1/marketplace/orders/${o.id}/deliver`, { fileId: await upload(provider) });
    expect((await ent.post(`/api/v1/marketplace/orders/${o.id}/dispute`, { reason: '检索范围不全' })).json()).toMatchObject({ status: 'disputed' });
    const decided = await (await as('officer.yuxi')).post(`/api/v1/marketplace/orders/${o.id}/decide-dispute`, { decision: 'enterprise', reason: '交付不符合约定' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'cancelled', disputeDecision: 'enterprise', voucher: { status: 'released' } });
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 370_000, heldFen: 30_000 });
    expect(await receivable()).toMatchObject({ redeemedFen: 600_000, heldFen: 0 });
  });

  it('holds when a quote is accepted with the voucher', async () => {
    const ent = await as('ent.yuxi');
    const asked = (await ent.post('/api/v1/marketplace/orders', { listingId: patent, subjectId: entSubject, priceFen: null })).json() as unknown as { id: string; voucherPayable: boolean };
    expect(asked.voucherPayable).toBe(true);
    expect((await (await as('provider.yuxi')).post(`/api/v1/marketplace/orders/${asked.id}/quote`, { priceFen: 700_000 })).json()).toMatchObject({ status: 'quoted' });
    const accepted = await ent.post(`/api/v1/marketplace/orders/${asked.id}/accept-quote`, { voucherId: demoVoucher });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'confirmed', voucher: { voucherPaysFen: 350_000, enterprisePaysFen: 350_000, status: 'held' } });
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 20_000, heldFen: 380_000 });
    expect((await ent.post(`/api/v1/marketplace/orders/${asked.id}/cancel`, { reason: '预算调整' })).json()).toMatchObject({ status: 'cancelled', voucher: { status: 'released' } });
    expect(await myVoucher(demoVoucher)).toMatchObject({ leftFen: 370_000, heldFen: 30_000 });
  });
});

describe('bad uses of a voucher, each a problem naming the field and the rule', () => {
  it('refuses another enterprise’s voucher', async () => {
    const nanning = await as('ent.nanning');
    const subject = (await nanning.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
    const r = await nanning.post('/api/v1/marketplace/orders', { listingId: patent, subjectId: subject, priceFen: 600_000, voucherId: demoVoucher });
    expect(r.statusCode).toBe(409);
    expect(fields(r)).toEqual(['voucherId:holder']);
    const q = await nanning.post('/api/v1/marketplace/voucher-quote', { listingId: patent, subjectId: subject, priceFen: 600_000, voucherId: demoVoucher });
    expect(fields(q)).toEqual(['voucherId:holder']);
    // Nor may it quote for an enterprise it does not act for.
    expect((await nanning.post('/api/v1/marketplace/voucher-quote', { listingId: patent, subjectId: entSubject, priceFen: 600_000, voucherId: demoVoucher })).statusCode).toBe(403);
  });

  it('refuses a voucher for another category of service', async () => {
    const legal = await listingId('企业法律顾问（年度）');
    const r = await (await as('ent.yuxi')).post('/api/v1/marketplace/orders', { listingId: legal, subjectId: entSubject, priceFen: 1_500_000, voucherId: demoVoucher });
    expect(r.statusCode).toBe(409);
    expect(fields(r)).toEqual(['voucherId:category']);
    expect(r.body).toContain('该服务券不能用于此类服务');
  });

  it('refuses a voucher on a listing that does not accept vouchers', async () => {
    const testing = await listingId('产品质量检验检测');
    const r = await (await as('ent.yuxi')).post('/api/v1/marketplace/orders', { listingId: testing, subjectId: entSubject, priceFen: 300_000, voucherId: demoVoucher });
    expect(fields(r)).toEqual(['voucherId:voucher_payable']);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM marketplace_orders WHERE listing_id = ${testing} AND voucher_id IS NOT NULL`.execute(t.deps.db)).rows[0]!.n).toBe(0);
  });
});

describe.runIf(onServer)('under concurrency (PostgreSQL server)', () => {
  it('confirms exactly 3 of 50 simultaneous orders against one voucher worth 3', async () => {
    // A second scheme paying half of IP services, 9000 元 a voucher: three 6000 元 orders use it up.
    const officer = await as('officer.yuxi');
    const created = await officer.post('/api/v1/vouchers/schemes', {
      itemId: 'yx.startup-voucher', year: 2026, faceValueFen: 900_000, categories: ['ip'], shareBp: 5000, settlement: 'provider_redeems', validDays: 365, budgetFen: 900_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    const schemeId = created.json<{ id: string }>().id;
    const voucher = await t.database.db.transaction().execute(async (trx) => {
      const scheme = (await sql<Record<string, unknown>>`SELECT * FROM voucher_schemes WHERE id = ${schemeId} FOR NO KEY UPDATE`.execute(trx)).rows[0] as never;
      return (await issueVoucher(trx, t.deps, systemActor('test'), scheme, entSubject, 'platform')).voucher.id;
    });
    const orders: string[] = [];
    for (let i = 0; i < 50; i++) orders.push((await order(600_000, voucher)).id);
    const provider = await as('provider.yuxi');
    const results = await Promise.all(orders.map((id) => provider.post(`/api/v1/marketplace/orders/${id}/confirm`)));
    const ok = results.filter((r) => r.statusCode === 200);
    const refused = results.filter((r) => r.statusCode !== 200);
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(47);
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(409);
      expect(fields(r)).toEqual(['voucherId:balance']);
    }
    const statuses = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM marketplace_orders WHERE voucher_id = ${voucher} GROUP BY status ORDER BY status`.execute(t.deps.db);
    expect(statuses.rows).toEqual([{ status: 'confirmed', n: 3 }, { status: 'placed', n: 47 }]);
    expect(await myVoucher(voucher)).toMatchObject({ leftFen: 0, heldFen: 900_000 });
    const uses = await sql<{ n: number }>`SELECT count(*)::int AS n FROM voucher_uses WHERE voucher_id = ${voucher}`.execute(t.deps.db);
    expect(uses.rows[0]!.n).toBe(3);
  }, 180_000);
});

describe('a suspended provider and an expired voucher', () => {
  it('refuses an order on a suspended provider', async () => {
    const officer = await as('officer.yuxi');
    const cert = ((await officer.get('/api/v1/marketplace/certifications?status=certified')).json() as unknown as { id: string; providerName: string }[]).find((c) => c.providerName === '玉溪知信知识产权服务有限公司')!;
    const suspended = await officer.post(`/api/v1/marketplace/certifications/${cert.id}/suspend`, { reason: '资质年检未通过' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const r = await (await as('ent.yuxi')).post('/api/v1/marketplace/orders', { listingId: patent, subjectId: entSubject, priceFen: 600_000, voucherId: demoVoucher });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(fields(r)).toContain('listingId:provider_suspended');
    expect((await myVoucher(demoVoucher)).heldFen).toBe(30_000); // only the instruments' demo booking's hold
    expect((await officer.post(`/api/v1/marketplace/certifications/${cert.id}/reinstate`, { reason: '整改完成' })).statusCode).toBe(200);
  });

  it('refuses an expired voucher', async () => {
    // The demo voucher is valid to 2026-12-31; the clock moves into the next year.
    t.clock.advance(45 * 86_400_000);
    clients.clear();
    const r = await (await as('ent.yuxi')).post('/api/v1/marketplace/orders', { listingId: patent, subjectId: entSubject, priceFen: 600_000, voucherId: demoVoucher });
    expect(r.statusCode, r.body).toBe(409);
    expect(fields(r)).toEqual(['voucherId:expired']);
    expect(r.body).toContain('服务券已于 2026-12-31 到期');
  });
});
