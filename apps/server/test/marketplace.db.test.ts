import { sql } from 'kysely';
import { creditCodeCheckCharacter } from '@seedbed/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoucherPayments, VoucherUse } from '../src/platform/voucher-payments.js';
import { fieldError, invalid } from '../src/platform/problems.js';
import { computeGrade } from '../src/modules/marketplace/index.js';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

/**
 * The marketplace on the demo data: provider2.yuxi is certified through a review, lists a
 * service, ent.yuxi orders it, it is delivered, accepted and rated; the voucher path runs on a
 * test double of the vouchers seam; bad input is a problem naming the field and the rule.
 */
let t: TestContext;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const as = demoSignIns(() => t);
async function upload(c: TestClient): Promise<string> {
  const boundary = '----seedbed';
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="报告.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

/** The vouchers seam as a double: pays 80 % up to 5,000 元 for `ip` only; records every call. */
const calls: string[] = [];
const VOUCHER = '11111111-1111-4111-8111-111111111111';
const double: VoucherPayments = {
  quote: async (_db, use: VoucherUse) => {
    if (use.category !== 'ip') throw invalid([fieldError('voucherId', 'category', '该服务券不适用于此类服务', 'the voucher does not pay for this category')]);
    const pays = Math.min(Math.round(use.priceFen * 0.8), 500_000);
    return { voucherPaysFen: pays, enterprisePaysFen: use.priceFen - pays, settlement: 'provider_redeems' };
  },
  hold: async (_trx, use: VoucherUse) => {
    calls.push(`hold:${use.orderId}`);
    const pays = Math.min(Math.round(use.priceFen * 0.8), 500_000);
    return { voucherPaysFen: pays, enterprisePaysFen: use.priceFen - pays, settlement: 'provider_redeems' };
  },
  redeem: async (_trx, orderId) => void calls.push(`redeem:${orderId}`),
  release: async (_trx, orderId) => void calls.push(`release:${orderId}`),
  usesOf: async () => new Map(),
};

let entSubject: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  t.deps.voucherPayments = double;
  entSubject = (await (await as('ent.yuxi')).get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
}, 240_000);
afterAll(async () => t?.close());

describe('the grade formula', () => {
  it('explains each term and turns points into stars', () => {
    const g = computeGrade({ averageRating: 5, ratingCount: 3, settledOrders: 3, upheldDisputes: 0, standing: 'certified' });
    expect(g.terms.map((x) => [x.term, x.points])).toEqual([['rating', 50], ['volume', 3], ['disputes', -0], ['standing', 30]]);
    expect(g).toMatchObject({ points: 83, stars: 4 });
    expect(computeGrade({ averageRating: null, ratingCount: 0, settledOrders: 0, upheldDisputes: 0, standing: 'certified' }).stars).toBe(1);
    expect(computeGrade({ averageRating: 5, ratingCount: 60, settledOrders: 25, upheldDisputes: 0, standing: 'certified' })).toMatchObject({ points: 100, stars: 5 });
    const disputed = computeGrade({ averageRating: 5, ratingCount: 60, settledOrders: 25, upheldDisputes: 5, standing: 'suspended' });
    expect(disputed.terms.find((x) => x.term === 'disputes')!.points).toBe(-30);
    expect(disputed).toMatchObject({ points: 40, stars: 2 });
  });
});

describe('certification', () => {
  let certId: string;
  it('lists only certified providers publicly, with their grade', async () => {
    const anon = new TestClient(t.app);
    const list = (await anon.get('/api/v1/marketplace/providers')).json() as { name: string; stars: number; averageRating: number | null }[];
    expect(list.map((p) => p.name).sort()).toEqual(['南宁律信法律咨询有限公司', '玉溪知信知识产权服务有限公司']);
    const yuxi = list.find((p) => p.name.startsWith('玉溪'))!;
    expect(yuxi.averageRating).toBeCloseTo(40 / 9, 2);
    expect((await anon.get('/api/v1/marketplace/grade-formula')).json().terms).toHaveLength(4);
  });

  it('is reviewed and decided by an officer of the region only, with validity; bad decisions name the field', async () => {
    const p2 = await as('provider2.yuxi');
    const wb = (await p2.get('/api/v1/marketplace/provider')).json();
    expect(wb.certification.status).toBe('pending');
    certId = wb.certification.id;
    // Another region's officer neither sees nor decides it; an enterprise may not.
    expect((await (await as('officer.nanning')).get('/api/v1/marketplace/certifications?status=pending')).json().map((c: { id: string }) => c.id)).not.toContain(certId);
    expect((await (await as('officer.nanning')).post(`/api/v1/marketplace/certifications/${certId}/decide`, { decision: 'reject', reason: '不符合' })).statusCode).toBe(403);
    expect((await (await as('ent.yuxi')).get('/api/v1/marketplace/certifications')).statusCode).toBe(403);
    // A provider cannot list before it is certified.
    const early = await p2.post('/api/v1/marketplace/listings', { title: '食品检测', description: '', category: 'testing', priceMinFen: 100_000, priceMaxFen: 200_000, deliveryDays: 10, regions: ['530400'], voucherPayable: false });
    expect(fields(early)).toEqual(['category:certified_provider']);

    const officer = await as('officer.yuxi');
    expect((await officer.get('/api/v1/marketplace/certifications?status=pending')).json().map((c: { id: string }) => c.id)).toContain(certId);
    const tooEarly = await officer.post(`/api/v1/marketplace/certifications/${certId}/decide`, { decision: 'certify', validFrom: '2026-11-20', validTo: '2028-11-19' });
    expect(tooEarly.statusCode).toBe(409);
    expect(fields(tooEarly)).toEqual(['decision:review_complete']);
    const badScore = await officer.post(`/api/v1/marketplace/certifications/${certId}/review`, { conflict: false, scores: { qualifications: 11, capacity: 8 } });
    expect(fields(badScore)).toEqual(['scores.qualifications:maximum', 'scores.track_record:required']);
    const reviewed = await officer.post(`/api/v1/marketplace/certifications/${certId}/review`, { conflict: false, scores: { qualifications: 9, capacity: 8, track_record: 7 }, comment: '资质齐全' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ mayDecide: true, review: { scored: 1, complete: true } });

    const noDates = await officer.post(`/api/v1/marketplace/certifications/${certId}/decide`, { decision: 'certify' });
    expect(fields(noDates)).toEqual(['validFrom:required', 'validTo:required']);
    const backwards = await officer.post(`/api/v1/marketplace/certifications/${certId}/decide`, { decision: 'certify', validFrom: '2027-01-01', validTo: '2026-12-01' });
    expect(fields(backwards)).toEqual(['validTo:after_valid_from']);
    const noReason = await officer.post(`/api/v1/marketplace/certifications/${certId}/decide`, { decision: 'reject' });
    expect(fields(noReason)).toEqual(['reason:required']);
    const decided = await officer.post(`/api/v1/marketplace/certifications/${certId}/decide`, { decision: 'certify', validFrom: '2026-11-20', validTo: '2028-11-19' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().certification).toMatchObject({ status: 'certified', validFrom: '2026-11-20', validTo: '2028-11-19' });
    // Decided once.
    expect((await officer.post(`/api/v1/marketplace/certifications/${certId}/decide`, { decision: 'reject', reason: 'x' })).statusCode).toBe(409);
    // The provider is told.
    const inbox = (await p2.get('/api/v1/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('服务机构认证已通过');
  });

  it('refuses a second live application and applications by non-providers', async () => {
    const again = await (await as('provider2.yuxi')).post('/api/v1/marketplace/certifications', { categories: ['testing'], regions: ['530400'], qualifications: '再次申请', fileIds: [] });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['categories:one_live_certification']);
    expect((await (await as('ent.yuxi')).post('/api/v1/marketplace/certifications', { categories: ['ip'], regions: ['530400'], qualifications: 'x', fileIds: [] })).statusCode).toBe(403);
    const badCategory = await (await as('provider2.yuxi')).post('/api/v1/marketplace/certifications', { categories: ['astrology'], regions: ['530400'], qualifications: 'x', fileIds: [] });
    expect(badCategory.statusCode).toBe(400);
  });
});

describe('a service provider registers and applies', () => {
  it('registers with a checked credit code, without a profile, and applies with its own documents', async () => {
    const c = new TestClient(t.app);
    const first17 = '91530402MA6PR0199';
    const check = creditCodeCheckCharacter(first17)!;
    const body = { accountType: 'service_provider', username: 'provider.new', password: 'a-long-password-1', displayName: '王新', enterprise: { creditCode: first17 + (check === '0' ? '1' : '0'), name: '玉溪新知管理咨询有限公司', regionCode: '530402' } };
    const bad = await c.post('/api/v1/auth/register', body);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['enterprise.creditCode:check_character']);
    const ok = await c.post('/api/v1/auth/register', { ...body, enterprise: { ...body.enterprise, creditCode: first17 + check } });
    expect(ok.statusCode, ok.body).toBe(201);
    // Its 服务机构 profile (policies reward providers too), made with the organisation.
    expect((await c.get('/api/v1/subjects/mine')).json().items).toMatchObject([{ kind: 'provider', name: '玉溪新知管理咨询有限公司', regionCode: '530402' }]);
    const wb = (await c.get('/api/v1/marketplace/provider')).json();
    expect(wb).toMatchObject({ name: '玉溪新知管理咨询有限公司', certification: null, listings: [], orders: [] });
    const othersFile = await upload(await as('ent.yuxi'));
    const refused = await c.post('/api/v1/marketplace/certifications', { categories: ['management'], regions: ['530400'], qualifications: '管理咨询师3名', fileIds: [othersFile] });
    expect(fields(refused)).toEqual(['fileIds.0:own_upload']);
    const applied = await c.post('/api/v1/marketplace/certifications', { categories: ['management'], regions: ['530400'], qualifications: '管理咨询师3名', fileIds: [await upload(c)] });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'pending', providerName: '玉溪新知管理咨询有限公司', providerRegionName: expect.stringContaining('红塔') });
    expect(applied.json().files).toHaveLength(1);
    // The officer of the region reads its documents; another region's officer does not.
    const file = applied.json().files[0].id;
    expect((await (await as('officer.yuxi')).get(`/api/v1/marketplace/certifications/${applied.json().id}/files/${file}`)).statusCode).toBe(200);
    expect((await (await as('officer.nanning')).get(`/api/v1/marketplace/certifications/${applied.json().id}/files/${file}`)).statusCode).toBe(403);
  });
});

describe('an instrument owner and a carrier operator register', () => {
  it('each with its organisation (credit code checked), its own work page, and a 服务机构 profile for the owner (an operator gets its carriers\' profiles as it registers them)', async () => {
    for (const [accountType, serial, name, page] of [
      ['instrument_owner', '91530402MA6YQ0199', '玉溪新材检测实验室有限公司', '/api/v1/instruments/owner'],
      ['carrier_operator', '91530402MA6KJ0199', '玉溪星火众创空间管理有限公司', '/api/v1/carriers-mine'],
    ] as const) {
      const c = new TestClient(t.app);
      const check = creditCodeCheckCharacter(serial)!;
      const body = { accountType, username: `${accountType}.new`, password: 'a-long-password-1', displayName: '李新', enterprise: { creditCode: serial + (check === '0' ? '1' : '0'), name, regionCode: '530402' } };
      const bad = await c.post('/api/v1/auth/register', body);
      expect(fields(bad)).toEqual(['enterprise.creditCode:check_character']);
      const missing = await c.post('/api/v1/auth/register', { ...body, enterprise: undefined });
      expect(fields(missing)).toEqual(['enterprise:required']);
      const ok = await c.post('/api/v1/auth/register', { ...body, enterprise: { ...body.enterprise, creditCode: serial + check } });
      expect(ok.statusCode, ok.body).toBe(201);
      expect((await c.get('/api/v1/subjects/mine')).json().items).toMatchObject(accountType === 'instrument_owner' ? [{ kind: 'provider', name }] : []);
      const me = (await c.get('/api/v1/auth/me')).json();
      expect(me.memberships).toEqual([expect.objectContaining({ organisationName: name, organisationKind: accountType, roles: ['owner'] })]);
      const own = await c.get(page);
      expect(own.statusCode, own.body).toBe(200);
    }
  });
});

describe('listings, orders and ratings', () => {
  let listingId: string;
  let orderId: string;
  it('lists only in certified categories, with prices that make sense', async () => {
    const p2 = await as('provider2.yuxi');
    const base = { title: '食品微生物检测', description: '菌落总数、大肠菌群等微生物指标检测', category: 'testing', priceMinFen: 150_000, priceMaxFen: 300_000, deliveryDays: 7, regions: ['530400'], voucherPayable: false };
    const negative = await p2.post('/api/v1/marketplace/listings', { ...base, priceMinFen: -100 });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json())).toContain('priceMinFen');
    expect(fields(await p2.post('/api/v1/marketplace/listings', { ...base, priceMinFen: 400_000 }))).toEqual(['priceMaxFen:at_least_min']);
    expect(fields(await p2.post('/api/v1/marketplace/listings', { ...base, category: 'ip' }))).toEqual(['category:certified_category']);
    expect(fields(await p2.post('/api/v1/marketplace/listings', { ...base, regions: ['539999'] }))).toEqual(['regions.0:region_exists']);
    const created = await p2.post('/api/v1/marketplace/listings', base);
    expect(created.statusCode, created.body).toBe(200);
    listingId = created.json().id;
  });

  it('is found by Chinese words, pinyin and filters', async () => {
    const anon = new TestClient(t.app);
    const titles = async (q: string) => ((await anon.get(`/api/v1/marketplace/listings?${q}`)).json() as { title: string }[]).map((l) => l.title);
    expect(await titles(`q=${encodeURIComponent('菌落')}`)).toEqual(['食品微生物检测']);
    expect(await titles('q=junluo')).toEqual(['食品微生物检测']);
    expect((await titles('q=weishengwu')).sort()).toEqual(['产品质量检验检测', '食品微生物检测']);
    expect(await titles(`q=${encodeURIComponent('专利')}`)).toEqual(['发明专利申请代理']);
    expect(await titles('category=ip&voucherPayable=true')).toEqual(expect.arrayContaining(['发明专利申请代理', '商标注册代理']));
    expect(await titles('category=ip&voucherPayable=true')).not.toContain('产品质量检验检测');
    expect(await titles('category=legal&region=450103')).toEqual(['企业法律顾问（年度）']);
    expect(await titles('category=legal&region=530402')).toEqual([]);
    expect(await titles('maxPriceFen=130000')).toEqual(['商标注册代理']);
    expect(await titles('minStars=5')).toEqual([]);
  });

  it('runs an order from placing to rating; each bad step is a problem naming the field and rule', async () => {
    const ent = await as('ent.yuxi');
    const p2 = await as('provider2.yuxi');
    const outside = await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 100_000 });
    expect(fields(outside)).toEqual(['priceFen:within_listing_range']);
    expect(outside.json().errors[0].message.zh).toContain('1500 元至 3000 元');
    const voucherNo = await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 200_000, voucherId: VOUCHER });
    expect(fields(voucherNo)).toEqual(['voucherId:voucher_payable']);
    // Someone else's subject.
    expect((await (await as('ent.nanning')).post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 200_000 })).statusCode).toBe(403);

    const placed = await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 200_000, note: '两个批次' });
    expect(placed.statusCode, placed.body).toBe(200);
    orderId = placed.json().id;
    expect(placed.json()).toMatchObject({ status: 'placed', priceFen: 200_000, enterpriseName: '玉溪滇云生物科技有限公司' });
    // Only the provider confirms; the enterprise cannot deliver; ratings wait for acceptance (and the attempt is flagged).
    expect((await ent.post(`/api/v1/marketplace/orders/${orderId}/confirm`)).statusCode).toBe(403);
    expect((await (await as('provider.yuxi')).post(`/api/v1/marketplace/orders/${orderId}/confirm`)).statusCode).toBe(403);
    expect((await p2.post(`/api/v1/marketplace/orders/${orderId}/confirm`)).json().status).toBe('confirmed');
    const early = await ent.post(`/api/v1/marketplace/orders/${orderId}/rate`, { quality: 5, timeliness: 5, price: 5 });
    expect(early.statusCode).toBe(409);
    expect(fields(early)).toEqual(['status:accepted_only']);
    expect((await ent.post(`/api/v1/marketplace/orders/${orderId}/accept`)).statusCode).toBe(409);

    const file = await upload(p2);
    const notMine = await p2.post(`/api/v1/marketplace/orders/${orderId}/deliver`, { fileId: await upload(ent) });
    expect(fields(notMine)).toEqual(['fileId:own_upload']);
    expect((await p2.post(`/api/v1/marketplace/orders/${orderId}/deliver`, { fileId: file, note: '检测报告' })).json().status).toBe('delivered');
    const download = await ent.get(`/api/v1/marketplace/orders/${orderId}/delivery`);
    expect(download.statusCode).toBe(200);
    expect((await (await as('ent.nanning')).get(`/api/v1/marketplace/orders/${orderId}/delivery`)).statusCode).toBe(403);
    expect((await ent.post(`/api/v1/marketplace/orders/${orderId}/accept`)).json().status).toBe('accepted');

    const before = (await p2.get('/api/v1/marketplace/provider')).json().grade;
    expect(before.terms.find((x: { term: string }) => x.term === 'rating').points).toBe(0);
    const badRate = await ent.post(`/api/v1/marketplace/orders/${orderId}/rate`, { quality: 6, timeliness: 0, price: 3 });
    expect(badRate.statusCode).toBe(400);
    const rated = await ent.post(`/api/v1/marketplace/orders/${orderId}/rate`, { quality: 5, timeliness: 4, price: 3, comment: '专业' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().ratings).toEqual({ quality: 5, timeliness: 4, price: 3 });
    const twice = await ent.post(`/api/v1/marketplace/orders/${orderId}/rate`, { quality: 1, timeliness: 1, price: 1 });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['orderId:once_per_dimension']);
    const after = (await p2.get('/api/v1/marketplace/provider')).json().grade;
    const ratingTerm = after.terms.find((x: { term: string }) => x.term === 'rating');
    expect(ratingTerm.points).toBe(37.5);
    expect(ratingTerm.value).toContain('4.00');
    expect(after.points).toBeGreaterThan(before.points);

    expect((await p2.post(`/api/v1/marketplace/orders/${orderId}/reply`, { text: '感谢评价' })).json().reply).toBe('感谢评价');
    expect((await p2.post(`/api/v1/marketplace/orders/${orderId}/reply`, { text: '再次回复' })).statusCode).toBe(409);
    const page = (await new TestClient(t.app).get(`/api/v1/marketplace/providers/${after ? (await p2.get('/api/v1/marketplace/provider')).json().organisationId : ''}`)).json();
    expect(page.ratings[0]).toMatchObject({ scores: { quality: 5, timeliness: 4, price: 3 }, reply: '感谢评价' });
    expect(page.grade.terms).toHaveLength(4);
  });

  it('keeps ratings in the database to accepted orders, once per dimension', async () => {
    const o = (await sql<{ id: string; provider_organisation_id: string; ordered_by: string }>`SELECT id, provider_organisation_id, ordered_by FROM marketplace_orders WHERE status = 'placed' LIMIT 1`.execute(t.deps.db)).rows[0]!;
    await expect(
      sql`INSERT INTO marketplace_ratings (order_id, dimension, score, provider_organisation_id, rated_by, created_at) VALUES (${o.id}, 'quality', 5, ${o.provider_organisation_id}, ${o.ordered_by}, now())`.execute(t.deps.db),
    ).rejects.toThrow(/accepted order/);
    const r = (await sql<{ order_id: string; provider_organisation_id: string; rated_by: string }>`SELECT order_id, provider_organisation_id, rated_by FROM marketplace_ratings LIMIT 1`.execute(t.deps.db)).rows[0]!;
    await expect(
      sql`INSERT INTO marketplace_ratings (order_id, dimension, score, provider_organisation_id, rated_by, created_at) VALUES (${r.order_id}, 'quality', 5, ${r.provider_organisation_id}, ${r.rated_by}, now())`.execute(t.deps.db),
    ).rejects.toThrow();
    await expect(sql`UPDATE marketplace_ratings SET score = 1 WHERE order_id = ${r.order_id}`.execute(t.deps.db)).rejects.toThrow(/written once/);
    await expect(sql`UPDATE marketplace_listings SET price_min_fen = price_max_fen + 1`.execute(t.deps.db)).rejects.toThrow();
    await expect(sql`UPDATE marketplace_listings SET price_min_fen = -1, price_max_fen = 0`.execute(t.deps.db)).rejects.toThrow();
  });
});

describe('vouchers, disputes, suspension and misuse', () => {
  const ipListing = async () => ((await new TestClient(t.app).get(`/api/v1/marketplace/listings?q=${encodeURIComponent('发明专利')}`)).json() as { id: string }[])[0]!.id;

  it('quotes, holds on confirmation, releases when a dispute goes to the enterprise, redeems on acceptance', async () => {
    const ent = await as('ent.yuxi');
    const provider = await as('provider.yuxi');
    const listingId = await ipListing();
    const quote = await ent.post('/api/v1/marketplace/voucher-quote', { listingId, subjectId: entSubject, priceFen: 600_000, voucherId: VOUCHER });
    expect(quote.json()).toEqual({ voucherPaysFen: 480_000, enterprisePaysFen: 120_000, settlement: 'provider_redeems' });

    const disputed = (await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 600_000, voucherId: VOUCHER })).json();
    expect(disputed.voucher).toMatchObject({ voucherPaysFen: 480_000, enterprisePaysFen: 120_000 });
    expect(calls).toEqual([]);
    await provider.post(`/api/v1/marketplace/orders/${disputed.id}/confirm`);
    expect(calls).toEqual([`hold:${disputed.id}`]);
    await provider.post(`/api/v1/marketplace/orders/${disputed.id}/deliver`, { fileId: await upload(provider) });
    expect(fields(await ent.post(`/api/v1/marketplace/orders/${disputed.id}/dispute`, { reason: '' }))).toContain('reason:minLength');
    expect((await ent.post(`/api/v1/marketplace/orders/${disputed.id}/dispute`, { reason: '撰写质量不达标' })).json().status).toBe('disputed');
    const officer = await as('officer.yuxi');
    expect((await officer.get('/api/v1/marketplace/disputes')).json().map((o: { id: string }) => o.id)).toContain(disputed.id);
    expect((await (await as('officer.nanning')).post(`/api/v1/marketplace/orders/${disputed.id}/decide-dispute`, { decision: 'provider', reason: 'x' })).statusCode).toBe(403);
    const decided = await officer.post(`/api/v1/marketplace/orders/${disputed.id}/decide-dispute`, { decision: 'enterprise', reason: '交付不符合约定' });
    expect(decided.json()).toMatchObject({ status: 'cancelled', disputeDecision: 'enterprise' });
    expect(calls).toEqual([`hold:${disputed.id}`, `release:${disputed.id}`]);

    // A quote request: the provider quotes; the enterprise accepts with the voucher (held then), then accepts delivery (redeemed).
    const asked = (await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: null })).json();
    expect(asked.status).toBe('quote_requested');
    expect((await provider.post(`/api/v1/marketplace/orders/${asked.id}/quote`, { priceFen: 700_000 })).json().status).toBe('quoted');
    expect((await ent.post(`/api/v1/marketplace/orders/${asked.id}/accept-quote`, { voucherId: VOUCHER })).json().status).toBe('confirmed');
    await provider.post(`/api/v1/marketplace/orders/${asked.id}/deliver`, { fileId: await upload(provider) });
    await ent.post(`/api/v1/marketplace/orders/${asked.id}/accept`);
    expect(calls.slice(2)).toEqual([`hold:${asked.id}`, `redeem:${asked.id}`]);
  });

  it('refuses orders on a suspended provider and a voucher the seam refuses, naming field and rule', async () => {
    const ent = await as('ent.yuxi');
    const listingId = await ipListing();
    const testing = ((await new TestClient(t.app).get('/api/v1/marketplace/listings?category=testing')).json() as { id: string; title: string }[]).find((l) => l.title === '产品质量检验检测')!.id;
    expect(fields(await ent.post('/api/v1/marketplace/voucher-quote', { listingId: testing, subjectId: entSubject, priceFen: 300_000, voucherId: VOUCHER }))).toEqual(['voucherId:voucher_payable']);

    const officer = await as('officer.yuxi');
    const cert = (await (await as('provider.yuxi')).get('/api/v1/marketplace/provider')).json().certification.id;
    expect(fields(await officer.post(`/api/v1/marketplace/certifications/${cert}/suspend`, { reason: '' }))).toContain('reason:minLength');
    expect((await officer.post(`/api/v1/marketplace/certifications/${cert}/suspend`, { reason: '年检材料逾期未交' })).json().certification.status).toBe('suspended');
    const refused = await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 600_000 });
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(['listingId:provider_suspended']);
    expect(refused.json().errors[0].message.zh).toContain('暂停');
    // Off the public list and search while suspended; back when reinstated.
    expect(((await new TestClient(t.app).get('/api/v1/marketplace/providers')).json() as { name: string }[]).map((p) => p.name)).not.toContain('玉溪知信知识产权服务有限公司');
    expect((await officer.post(`/api/v1/marketplace/certifications/${cert}/reinstate`, { reason: '已补交' })).json().certification.status).toBe('certified');
  });

  it('flags repeated round amounts and ratings without delivery; an officer revokes a colluding provider', async () => {
    const ent = await as('ent.yuxi');
    const listingId = ((await new TestClient(t.app).get('/api/v1/marketplace/listings?category=testing')).json() as { id: string; title: string }[]).find((l) => l.title === '产品质量检验检测')!.id;
    for (let i = 0; i < 3; i++) expect((await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 300_000 })).statusCode).toBe(200);
    const officer = await as('officer.yuxi');
    const flags = (await officer.get('/api/v1/marketplace/flags')).json() as { id: string; kind: string; providerName: string }[];
    expect([...new Set(flags.map((f) => f.kind))].sort()).toEqual(['rating_without_delivery', 'round_amounts']);
    expect((await (await as('officer.nanning')).get('/api/v1/marketplace/flags')).json()).toEqual([]);
    const round = flags.find((f) => f.kind === 'round_amounts')!;
    expect(round.providerName).toBe('玉溪知信知识产权服务有限公司');
    expect(fields(await officer.post(`/api/v1/marketplace/flags/${round.id}/resolve`, { action: 'revoke', note: '' }))).toContain('note:minLength');
    expect((await officer.post(`/api/v1/marketplace/flags/${round.id}/resolve`, { action: 'revoke', note: '经核查属实' })).json()).toEqual({ ok: true });
    const wb = (await (await as('provider.yuxi')).get('/api/v1/marketplace/provider')).json();
    expect(wb.certification.status).toBe('revoked');
    expect(wb.certification.reason).toContain('经核查属实');
    expect((await officer.post(`/api/v1/marketplace/flags/${round.id}/resolve`, { action: 'dismiss', note: 'x' })).statusCode).toBe(409);
    const refused = await ent.post('/api/v1/marketplace/orders', { listingId, subjectId: entSubject, priceFen: 300_000 });
    expect(fields(refused)).toEqual(['listingId:provider_revoked']);
  });

  it('computes a year’s grades for the programme office’s region, and the statistics', async () => {
    const office = await as('office.nanning');
    expect((await (await as('officer.yuxi')).post('/api/v1/marketplace/grades/2026')).statusCode).toBe(403);
    expect(fields(await office.post('/api/v1/marketplace/grades/2030'))).toEqual(['year:not_future']);
    const run = await office.post('/api/v1/marketplace/grades/2026');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ year: 2026, providers: 1 });
    const nanning = ((await new TestClient(t.app).get('/api/v1/marketplace/providers')).json() as { organisationId: string; name: string }[]).find((p) => p.name.startsWith('南宁'))!;
    const page = (await new TestClient(t.app).get(`/api/v1/marketplace/providers/${nanning.organisationId}`)).json();
    expect(page.annualGrades).toHaveLength(1);
    expect(page.annualGrades[0]).toMatchObject({ year: 2026, provisional: false });
    const stat = (name: string, regionCode: string) => t.deps.modules.statistics.get(name)!.compute(t.deps.db, { regionCode, from: '2026-01-01', to: '2026-12-31' });
    expect(await stat('marketplace.orders_accepted', '530400')).toBe(5);
    expect(await stat('marketplace.orders_accepted_fen', '530400')).toBe(120_000 + 600_000 + 320_000 + 200_000 + 700_000);
    expect(await stat('marketplace.average_rating', '530400')).toBeGreaterThan(4);
    expect(await stat('marketplace.certified_legal', '450100')).toBe(1);
    expect(await stat('marketplace.certified_testing', '530400')).toBe(1);
    expect(await stat(`marketplace.providers_${run.json().byStars['1'] ? 1 : 2}_stars`, '450100')).toBeGreaterThanOrEqual(0);
  });
});

describe('related parties', () => {
  it('flags a voucher order where one account acts for both the enterprise and the provider', async () => {
    t.deps.voucherPayments = { ...double, quote: async (_db, use) => ({ voucherPaysFen: use.priceFen, enterprisePaysFen: 0, settlement: 'provider_redeems' }) };
    // 林晓青, the owner of 南宁青禾, is also made a member of the Nanning provider.
    await sql`INSERT INTO identity_memberships (organisation_id, user_id, roles)
              SELECT o.id, u.id, '{member}' FROM identity_organisations o, identity_users u
               WHERE o.name = '南宁律信法律咨询有限公司' AND u.username = 'ent.nanning'`.execute(t.deps.db);
    const ent = new TestClient(t.app);
    await ent.loginDemo('ent.nanning', t.clock);
    const subjectId = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
    const listing = ((await new TestClient(t.app).get('/api/v1/marketplace/listings?category=finance')).json() as { id: string }[])[0]!.id;
    expect((await ent.post('/api/v1/marketplace/orders', { listingId: listing, subjectId, priceFen: 300_000 })).statusCode).toBe(200);
    expect((await (await as('officer.nanning')).get('/api/v1/marketplace/flags')).json()).toEqual([]);
    expect((await ent.post('/api/v1/marketplace/orders', { listingId: listing, subjectId, priceFen: 300_000, voucherId: VOUCHER })).statusCode).toBe(200);
    const flags = (await (await as('officer.nanning')).get('/api/v1/marketplace/flags')).json() as { kind: string; detail: string; enterpriseName: string }[];
    expect(flags.map((f) => f.kind)).toEqual(['related_parties']);
    expect(flags[0]!.detail).toContain('林晓青');
    expect(flags[0]!.enterpriseName).toBe('南宁青禾智能科技有限公司');
    await sql`DELETE FROM identity_memberships WHERE user_id = (SELECT id FROM identity_users WHERE username = 'ent.nanning') AND organisation_id = (SELECT id FROM identity_organisations WHERE name = '南宁律信法律咨询有限公司')`.execute(t.deps.db);
    t.deps.voucherPayments = double;
  });
});

/** Races need real connections: on PGlite requests queue one at a time and cannot show one. */
describe.runIf(process.env.SEEDBED_PG_TESTS === '1')('at once, on the PostgreSQL server', () => {
  it('holds a voucher once however many confirmations race, and keeps one rating per dimension', async () => {
    const holds: string[] = [];
    t.deps.voucherPayments = {
      ...double,
      quote: async (_db, use) => ({ voucherPaysFen: Math.round(use.priceFen / 2), enterprisePaysFen: use.priceFen - Math.round(use.priceFen / 2), settlement: 'provider_redeems' }),
      hold: async (_trx, use) => {
        holds.push(use.orderId);
        return { voucherPaysFen: Math.round(use.priceFen / 2), enterprisePaysFen: use.priceFen - Math.round(use.priceFen / 2), settlement: 'provider_redeems' };
      },
    };
    const ent = await as('ent.nanning');
    const provider = await as('provider.nanning');
    const subjectId = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
    const listing = ((await new TestClient(t.app).get('/api/v1/marketplace/listings?category=finance')).json() as { id: string }[])[0]!.id;
    const order = (await ent.post('/api/v1/marketplace/orders', { listingId: listing, subjectId, priceFen: 300_000, voucherId: VOUCHER })).json();
    const confirms = await Promise.all(Array.from({ length: 20 }, () => provider.post(`/api/v1/marketplace/orders/${order.id}/confirm`)));
    expect(confirms.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(confirms.filter((r) => r.statusCode === 409)).toHaveLength(19);
    expect(holds).toEqual([order.id]);

    await provider.post(`/api/v1/marketplace/orders/${order.id}/deliver`, { fileId: await upload(provider) });
    await ent.post(`/api/v1/marketplace/orders/${order.id}/accept`);
    const rates = await Promise.all(Array.from({ length: 20 }, (_, i) => ent.post(`/api/v1/marketplace/orders/${order.id}/rate`, { quality: 1 + (i % 5), timeliness: 3, price: 3 })));
    expect(rates.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM marketplace_ratings WHERE order_id = ${order.id}`.execute(t.deps.db);
    expect(rows.rows[0]!.n).toBe(3);
    t.deps.voucherPayments = double;
  });
});

describe('the demo providers', () => {
  it('have valid credit codes', async () => {
    const rows = (await sql<{ credit_code: string }>`SELECT credit_code FROM identity_organisations WHERE kind = 'service_provider'`.execute(t.deps.db)).rows;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.credit_code.slice(17)).toBe(creditCodeCheckCharacter(r.credit_code.slice(0, 17)));
  });
});
