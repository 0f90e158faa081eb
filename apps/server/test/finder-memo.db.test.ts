import { evaluateItem } from '@seedbed/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentRules } from '../src/modules/policies/index.js';
import { testApp, type TestContext } from './test-app.js';

/**
 * The anonymous check memoises verdicts per item under the facts the item reads (items of other
 * regions and items out of their period are listed apart, per date and region). Whatever the order
 * of requests, every verdict it returns must equal a fresh evaluation of the same profile, and
 * every item of the catalogue is either evaluated, out of scope or ended.
 */
let t: TestContext;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

const REGIONS = ['450103', '450107', '360111', '360602', '530402', '430304', '110101'];
const DATES = ['2016-05-01', '2016-12-01', '2019-03-15', '2026-11-20'];

describe('the check memo', () => {
  it('answers like a fresh evaluation across regions, dates and profiles, in any order', async () => {
    const catalog = await currentRules(t.database.db);
    let compared = 0;
    for (let i = 0; i < 40; i++) {
      const region = REGIONS[(i * 3) % REGIONS.length]!;
      const date = DATES[i % DATES.length]!;
      const profile = {
        founded_on: `${2012 + (i % 12)}-0${1 + (i % 9)}-15`,
        employees: 2 + ((i * 13) % 90),
        revenue: ((i * 41) % 2000) * 1_000_000,
        is_tech_sme: i % 2 === 0,
      };
      // Both response forms, alternately: each keeps its own encodings of the same memoised verdicts.
      const detail = i % 3 === 0 ? 'full' : 'summary';
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/eligibility/check', payload: { profile, region, date, detail } });
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json<{
        items: { id: string; status: string; amountFen?: number | null; amount?: { status: string; fen: number | null } | null; missing?: unknown[] }[];
        outOfScope: { items: { id: string }[] };
        ended: { items: { id: string }[] };
      }>();
      const items = body.items;
      const all = [...items, ...body.outOfScope.items, ...body.ended.items].map((x) => x.id).sort();
      expect(all).toEqual([...catalog.items.keys()].sort());
      for (const x of body.ended.items) {
        const fresh = evaluateItem(catalog, x.id, { date, facts: { ...profile, region } });
        expect(fresh.criteria.find((c) => c.id === 'in_effect')?.status, x.id).toBe('fail');
      }
      for (const item of items) {
        const fresh = evaluateItem(catalog, item.id, { date, facts: { ...profile, region } });
        expect(item.status, `${item.id} ${region} ${date}`).toBe(fresh.status);
        const fen = detail === 'full' ? (item.amount?.status === 'known' ? item.amount.fen : null) : item.amountFen;
        expect(fen, `${item.id} ${region} ${date}`).toBe(fresh.amount?.status === 'known' ? fresh.amount.fen : null);
        expect((item.missing ?? []).length, `${item.id} ${region} ${date}`).toBe(fresh.missing.length);
        compared++;
      }
    }
    // Most of the 40 × 113 items are other places' or ended on these dates; the rest are compared one by one.
    expect(compared).toBeGreaterThan(500);
  });
});

describe('a page of the check', () => {
  const ask = (extra: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/eligibility/check', payload: { profile: { employees: 12, revenue: 300_000_000, is_tech_sme: true }, region: '450103', date: '2026-11-20', ...extra } });
  type Answer = { summary: object; page?: { offset: number; limit: number; total: number }; items: { id: string }[]; questions: unknown[]; progress: object; applications: Record<string, unknown> };

  it('is the same slice of the same order, with the summary, questions and progress of every item', async () => {
    const whole = (await ask({})).json<Answer>();
    expect(whole.page).toBeUndefined();
    expect(whole.items.length).toBeGreaterThan(12);
    const pages: Answer[] = [];
    for (let offset = 0; offset < whole.items.length; offset += 5) {
      const r = await ask({ limit: 5, offset });
      expect(r.statusCode, r.body).toBe(200);
      pages.push(r.json<Answer>());
    }
    expect(pages.flatMap((p) => p.items)).toEqual(whole.items);
    for (const [k, p] of pages.entries()) {
      expect(p.page).toEqual({ offset: k * 5, limit: 5, total: whole.items.length });
      expect(p.summary).toEqual(whole.summary);
      expect(p.questions).toEqual(whole.questions);
      expect(p.progress).toEqual(whole.progress);
      // The ways to apply cover the page's items only.
      expect(Object.keys(p.applications).sort()).toEqual(p.items.map((x) => x.id).filter((id) => id in whole.applications).sort());
    }
    // The lists apart are capped at the page size, their counts whole.
    const other = (await ask({ limit: 2 })).json<Answer & { outOfScope: { count: number; items: { id: string }[] } }>();
    const all = (await ask({})).json<Answer & { outOfScope: { count: number; items: { id: string }[] } }>();
    expect(all.outOfScope.count).toBeGreaterThan(2);
    expect(other.outOfScope).toEqual({ count: all.outOfScope.count, items: all.outOfScope.items.slice(0, 2) });
    // Past the end: an empty page that still counts everything.
    const past = (await ask({ limit: 5, offset: whole.items.length + 10 })).json<Answer>();
    expect(past.items).toEqual([]);
    expect(past.page).toEqual({ offset: whole.items.length, limit: 5, total: whole.items.length });
  });

  it('refuses a limit out of range, naming the field', async () => {
    for (const limit of [0, 1001, 2.5]) {
      const r = await ask({ limit });
      expect(r.statusCode, r.body).toBe(400);
      expect(JSON.stringify(r.json().errors ?? r.json())).toContain('limit');
    }
    const r = await ask({ limit: 5, offset: -1 });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json().errors ?? r.json())).toContain('offset');
  });
});
