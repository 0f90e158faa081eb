/**
 * The calculator asks only what matters (issue #12): the region first, other regions' items out of
 * scope, ended items apart with their end date, today (Asia/Shanghai) by default, the demo's
 * renewed items current, progress and skip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemReads } from '@seedbed/rules';
import { evaluateProfile } from '../src/modules/finder/index.js';
import { currentRules, DEMO_RENEWED_ITEMS, DEMO_RENEWED_UNTIL, DEMO_RENEWAL_NOTE, rulesSnapshot } from '../src/modules/policies/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let anonymous: TestClient;

// 17:00 UTC on 31 December is already 1 January in Shanghai.
beforeAll(async () => {
  t = await testApp({ demo: true, now: '2026-12-31T17:00:00Z' });
  anonymous = new TestClient(t.app);
}, 180_000);
afterAll(async () => t?.close());

interface Body {
  date: string;
  region: string | null;
  regionName: string | null;
  summary: { eligible: number; nearMiss: number; unknown: number; ineligible: number; totalFen: number };
  items: { id: string; status: string; version?: number; regionCode?: string | null; amountFen?: number | null; amount?: { status: string; fen: number | null } | null; missing?: (string | { variable: string })[] }[];
  questions: { variable: string }[];
  outOfScope: { count: number; items: { id: string; title: { zh: string }; regionCode: string; regionName: string }[] };
  ended: { count: number; items: { id: string; endedOn: string | null; beginsOn: string | null }[] };
  progress: { answered: number; skipped: number; remaining: number };
  answers: { variable: string; label: { zh: string }; text: { zh: string; en: string } }[];
}
const check = async (body: object): Promise<Body> => {
  const r = await anonymous.post('/api/v1/eligibility/check', body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const missingOf = (i: Body['items'][number]) => (i.missing ?? []).map((m) => (typeof m === 'string' ? m : m.variable));
const inNanning = (code: string | null) => code === null || '450103'.startsWith(code.replace(/0+$/, ''));

describe('the region first, other regions out of scope', () => {
  it('asks for the region first while it is unknown, and lists no item as out of scope yet', async () => {
    const b = await check({ profile: {}, entity: 'person' });
    expect(b.questions[0]?.variable).toBe('region');
    expect(b.outOfScope).toEqual({ count: 0, items: [] });
    expect(b.region).toBeNull();
  });

  it('once in Nanning, evaluates only Nanning, Guangxi and national items and asks nothing for other cities', async () => {
    const catalog = await currentRules(t.deps.db);
    const b = await check({ profile: {}, region: '450103', entity: 'person' });
    expect(b.regionName).toBe('南宁市青秀区');
    expect(b.items.length).toBeGreaterThan(0);
    for (const i of b.items) expect(catalog.items.get(i.id)!.spec.region ?? null, i.id).toSatisfy(inNanning);
    // Items of other cities are listed apart with the place they serve, named.
    expect(b.outOfScope.count).toBe(b.outOfScope.items.length);
    expect(b.outOfScope.count).toBeGreaterThan(10);
    for (const o of b.outOfScope.items) {
      expect(inNanning(o.regionCode), o.id).toBe(false);
      expect(o.regionName, o.id).toMatch(/^[\u4e00-\u9fa5]+$/);
    }
    expect(b.outOfScope.items.map((o) => o.regionName)).toEqual(expect.arrayContaining(['玉溪市', '鹰潭市', '湘潭市岳塘区']));
    // An item without a region whose criteria name another city (鹰潭's graduate subsidy) is out of scope too.
    expect(b.outOfScope.items.map((o) => o.id)).toContain('yt.graduate-startup-subsidy');
    // So is one whose document is another city's (玉溪's measures for inventors in its public units).
    expect(b.outOfScope.items.find((o) => o.id === 'yx.invention-transfer-income-share')).toMatchObject({ regionCode: '530400', regionName: '玉溪市' });
    // Not counted in the summary.
    expect(b.summary.eligible + b.summary.nearMiss + b.summary.unknown + b.summary.ineligible).toBe(b.items.length);
    // No question is read only by items out of scope: each asked variable is missing in an evaluated item.
    const missing = new Set(b.items.flatMap(missingOf));
    for (const q of b.questions) expect(missing.has(q.variable), q.variable).toBe(true);
    const elsewhereOnly = new Set(b.outOfScope.items.flatMap((o) => itemReads(catalog.items.get(o.id)!.spec)));
    for (const i of b.items) for (const v of itemReads(catalog.items.get(i.id)!.spec)) elsewhereOnly.delete(v);
    expect(elsewhereOnly.size).toBeGreaterThan(0);
    for (const q of b.questions) expect(elsewhereOnly.has(q.variable), q.variable).toBe(false);
  });

  it('keeps a province item in scope for its districts', async () => {
    const b = await check({ profile: {}, region: '450103', entity: 'enterprise' });
    expect(b.items.map((i) => i.id)).toContain('nn.first-set-equipment-buyer-subsidy'); // region 450000, 广西
    expect(b.outOfScope.items.map((o) => o.id)).not.toContain('nn.first-set-equipment-buyer-subsidy');
  });

  it('answers items named in `items` with their verdict, wherever they are', async () => {
    const b = await check({ profile: {}, region: '450202', items: ['nn.new-product-subsidy'], date: '2017-03-01' });
    expect(b.items).toMatchObject([{ id: 'nn.new-product-subsidy', status: 'ineligible' }]);
    expect(b.outOfScope.count).toBe(0);
  });
});

describe('today by default, ended items apart', () => {
  it('evaluates on today in Asia/Shanghai unless a date is given', async () => {
    expect((await check({ profile: {} })).date).toBe('2027-01-01');
    expect((await check({ profile: {}, date: '2017-03-01' })).date).toBe('2017-03-01');
  });

  it('lists ended items with their end date, not as not eligible, and asks nothing for them', async () => {
    const b = await check({ profile: {}, region: '450103', entity: 'enterprise', detail: 'full' });
    const vat = b.ended.items.find((e) => e.id === 'nn.small-taxpayer-vat-exemption');
    expect(vat).toEqual({ id: 'nn.small-taxpayer-vat-exemption', title: expect.anything(), endedOn: '2017-12-31', beginsOn: null });
    expect(b.ended.count).toBe(b.ended.items.length);
    expect(b.items.map((i) => i.id)).not.toContain('nn.small-taxpayer-vat-exemption');
    // The most recently ended first.
    const ends = b.ended.items.map((e) => e.endedOn ?? '');
    expect(ends).toEqual([...ends].sort().reverse());
    // As of a date in its period, the same item is evaluated again.
    const then = await check({ profile: {}, region: '450103', entity: 'enterprise', date: '2017-03-01' });
    expect(then.items.map((i) => i.id)).toContain('nn.small-taxpayer-vat-exemption');
    expect(then.ended.items.map((e) => e.id)).not.toContain('nn.small-taxpayer-vat-exemption');
    // Before an item begins it is apart too, with its first day.
    const early = await check({ profile: {}, region: '450103', entity: 'enterprise', date: '2016-01-01' });
    expect(early.ended.items.find((e) => e.id === 'nn.new-product-subsidy')).toMatchObject({ endedOn: null, beginsOn: '2016-06-13' });
  });

  it('refuses an evaluation date that is not a real date, naming the field', async () => {
    const r = await anonymous.post('/api/v1/eligibility/check', { profile: {}, date: '2026-02-30' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'date', rule: 'format:date' });
  });
});

describe("the programme office's renewals in the demo", () => {
  it('publishes new versions through the publish path, with the renewal note', async () => {
    for (const id of DEMO_RENEWED_ITEMS) {
      const versions = (await anonymous.get(`/api/v1/policies/${id}`)).json();
      expect(versions.version, id).toBe(2);
      expect(versions.effective, id).toMatchObject({ to: DEMO_RENEWED_UNTIL });
    }
    const audit = await t.deps.db.selectFrom('audit_log' as never).selectAll().where('action' as never, '=', 'policy.published' as never).execute();
    expect(audit.length).toBeGreaterThanOrEqual(DEMO_RENEWED_ITEMS.length);
    expect(DEMO_RENEWAL_NOTE).toContain('延续执行');
  });

  it("shows a Nanning graduate the renewed items as current, with an amount, on today's date", async () => {
    const b = await check({
      profile: { meets_guaranteed_loan_conditions: true, guaranteed_loan_requested: 10_000_000 },
      region: '450103',
      entity: 'person',
      detail: 'full',
    });
    const loan = b.items.find((i) => i.id === 'nn.startup-guaranteed-loan')!;
    expect(loan).toMatchObject({ status: 'eligible', version: 2, amount: { status: 'known', fen: 10_000_000 } });
    expect(b.ended.items.map((e) => e.id)).not.toContain('nn.startup-guaranteed-loan');
  });

  it('reads a fact sent under the name the catalogue consolidated as the shared one, and ignores a figure that became a parameter', async () => {
    const b = await check({
      profile: { meets_guaranteed_loan_conditions: true, nn_startup_loan_requested: 10_000_000, nn_pboc_benchmark_rate: 9.99 },
      region: '450103',
      entity: 'person',
      detail: 'full',
    });
    expect(b.items.find((i) => i.id === 'nn.startup-guaranteed-loan')).toMatchObject({ status: 'eligible', amount: { fen: 10_000_000 } });
    // Asked once, under the shared name only: never again under the old one.
    expect(b.questions.map((q) => q.variable)).not.toContain('guaranteed_loan_requested');
    const unknown = await anonymous.post('/api/v1/eligibility/check', { profile: { nn_no_such_fact: 1 }, region: '450103' });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('progress, skip and answers', () => {
  it('counts answered, skipped and remaining; a skipped variable stays unknown and is not asked again', async () => {
    const first = await check({ profile: {}, region: '450103', entity: 'person' });
    expect(first.progress.answered).toBe(1);
    expect(first.progress.skipped).toBe(0);
    const remaining = new Set(first.items.flatMap(missingOf));
    expect(first.progress.remaining).toBe(remaining.size);
    const asked = first.questions[0]!.variable;
    const skipped = await check({ profile: {}, region: '450103', entity: 'person', skip: [asked] });
    expect(skipped.questions.map((q) => q.variable)).not.toContain(asked);
    expect(skipped.progress).toEqual({ answered: 1, skipped: 1, remaining: first.progress.remaining - 1 });
    // Still unknown: the items that needed it still need it.
    expect(skipped.items.filter((i) => missingOf(i).includes(asked)).length).toBe(first.items.filter((i) => missingOf(i).includes(asked)).length);
    const bad = await anonymous.post('/api/v1/eligibility/check', { profile: {}, skip: ['favourite_colour'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'skip.0', rule: 'known_variable' });
  });

  it("agrees with a saved profile's matches (the interpreter's path): scope, ended, progress and questions", async () => {
    const request = { profile: { region: '450103', founded_on: '2025-06-18', employees: 18 }, entity: 'enterprise', skip: ['revenue'] };
    const b = await check({ ...request, detail: 'full' });
    const names = new Map([...b.outOfScope.items.map((o) => [o.regionCode, o.regionName] as const), ['450103', '南宁市青秀区']]);
    const { result } = evaluateProfile(await rulesSnapshot(t.deps.db), request, b.date, [], 10, names);
    expect(result.items.map((i) => [i.id, i.status])).toEqual(b.items.map((i) => [i.id, i.status]));
    expect(result.outOfScope).toEqual(b.outOfScope);
    expect(result.ended).toEqual(b.ended);
    expect(result.progress).toEqual(b.progress);
    expect(result.questions).toEqual(b.questions);
    expect(result.summary).toEqual(b.summary);
  });

  it('shows the answers as people read them: labels, region names, yuan and dates', async () => {
    const b = await check({
      profile: { founded_on: '2025-06-18', revenue: 320_000_000, is_tech_sme: true, industry: 'I65' },
      region: '450103',
      entity: 'enterprise',
      lang: 'zh',
    });
    const text = Object.fromEntries(b.answers.map((a) => [a.variable, a.text.zh]));
    expect(text).toEqual({ founded_on: '2025年6月18日', revenue: '3,200,000 元', is_tech_sme: '是', industry: '软件和信息技术服务业', region: '南宁市青秀区' });
    expect(b.progress.answered).toBe(5);
  });
});
