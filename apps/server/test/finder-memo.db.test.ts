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
