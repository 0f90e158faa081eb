import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * A carrier's yearly assessment on the demo data: office.nanning (the programme office covering
 * Nanning) opens 2026's round for 南宁青秀创业孵化基地; the experts covering Nanning score it through
 * the review module (blind until one has scored, a declared conflict carries no score and does not
 * count); the office closes it with the mean of the totals and its grade, shown to everyone.
 */
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
const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);
interface Round { year: number; status: string; score: number | null; grade: string | null; scored: number; entries: { sealed: boolean; total: number | null; conflict: boolean }[]; mayReview: boolean; mayClose: boolean }
let carrierId: string;
const url = (tail = '') => `/api/v1/carriers/${carrierId}/assessments${tail}`;
const scores = (a: number, b: number, c: number, d: number) => ({ conflict: false, scores: { facilities: a, services: b, results: c, management: d } });

beforeAll(async () => {
  t = await testApp({ demo: true });
  carrierId = ((await new TestClient(t.app).get('/api/v1/carriers?q=青秀')).json() as { id: string }[])[0]!.id;
}, 240_000);
afterAll(async () => t?.close());

describe("a carrier's yearly assessment", () => {
  it('is opened by the programme office covering the carrier, once a year, never for a future year', async () => {
    expect((await (await as('officer.nanning')).post(url(), { year: 2026 })).statusCode).toBe(403);
    expect((await (await as('carrier.nanning')).post(url(), { year: 2026 })).statusCode).toBe(403);
    const office = await as('office.nanning');
    expect(fields(await office.post(url(), { year: 2027 }))).toEqual(['year:not_future']);
    const r = await office.post(url(), { year: 2026 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ mayOpen: true, items: [{ year: 2026, status: 'open', score: null, scored: 0, mayClose: false }] });
    const again = await office.post(url(), { year: 2026 });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['year:once']);
  });

  it('is scored by experts: bad scores name the indicator, a conflict carries no score, others are sealed until one has scored', async () => {
    const e1 = await as('expert1.nanning');
    expect((await (await as('carrier.nanning')).post(url('/2026/review'), scores(18, 25, 25, 18))).statusCode).toBe(403);
    expect(fields(await e1.post(url('/2026/review'), { conflict: false, scores: { facilities: 30, services: 25, results: 25 } })).sort()).toEqual(['scores.facilities:maximum', 'scores.management:required']);
    expect((await e1.post(url('/2026/review'), scores(18, 27, 26, 18))).statusCode).toBe(200);
    expect((await e1.post(url('/2026/review'), scores(18, 27, 26, 18))).statusCode).toBe(409);
    const e3 = await as('expert3.nanning');
    expect(fields(await e3.post(url('/2026/review'), { conflict: true, scores: { facilities: 10 } })).sort()).toEqual(['conflictNote:required', 'scores:not_allowed']);
    const e2 = await as('expert2.nanning');
    const before = ((await e2.get(url())).json() as { items: Round[] }).items[0]!;
    expect(before.mayReview).toBe(true);
    expect(before.entries.map((e) => e.sealed)).toEqual([true]);
    expect((await e3.post(url('/2026/review'), { conflict: true, conflictNote: '曾为该基地提供咨询服务' })).statusCode).toBe(200);
    // One score and a conflict: not enough to close.
    const office = await as('office.nanning');
    const early = await office.post(url('/2026/close'));
    expect(early.statusCode).toBe(409);
    expect(fields(early)).toEqual(['year:min_assessors']);
    expect((await e2.post(url('/2026/review'), scores(16, 24, 22, 15))).statusCode).toBe(200);
  });

  it('is closed by the office with the mean of the totals and its grade, visible to everyone; the operator never sees the reviews', async () => {
    const office = await as('office.nanning');
    const r = await office.post(url('/2026/close'));
    expect(r.statusCode, r.body).toBe(200);
    // (89 + 77) / 2 = 83: 良好.
    expect(r.json().items[0]).toMatchObject({ status: 'closed', score: 83, grade: 'good', scored: 2 });
    expect((await office.post(url('/2026/close'))).statusCode).toBe(409);
    expect((await (await as('expert2.nanning')).post(url('/2026/review'), scores(20, 30, 30, 20))).statusCode).toBe(409);
    const anon = ((await new TestClient(t.app).get(url())).json() as { items: Round[]; mayOpen: boolean });
    expect(anon).toMatchObject({ mayOpen: false, items: [{ year: 2026, score: 83, grade: 'good', entries: [] }] });
    expect(((await (await as('carrier.nanning')).get(url())).json() as { items: Round[] }).items[0]!.entries).toEqual([]);
  });
});
