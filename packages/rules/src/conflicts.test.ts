import { describe, expect, it } from 'vitest';
import { compileCatalog, type Catalog } from './catalog.js';
import { conflictsAmong, evaluateAll, evaluateItem, verdictsOf } from './evaluate.js';
import { parseRuleFile } from './parser.js';
import { variablesFile } from './test-support.js';

/** The definition evaluateAll's conflicts had: every eligible pair compared, in order. */
function pairwise(catalog: Catalog, eligible: readonly string[]): string[][] {
  return eligible.map((id) => eligible.filter((o) => o !== id && (catalog.items.get(id)!.excludes.includes(o) || catalog.items.get(o)!.excludes.includes(id))));
}

/** 40 items, eligible or not by headcount, with exclusions in both directions, repeated and on themselves. */
function exclusionCatalog(): Catalog {
  const id = (k: number): string => `t.item-${String(k).padStart(2, '0')}`;
  const items = Array.from({ length: 40 }, (_, k) => ({
    id: id(k),
    title: { zh: `项目 ${k}`, en: `Item ${k}` },
    entity: 'enterprise',
    benefit: 'subsidy',
    mode: 'apply',
    effective: { from: '2000-01-01' },
    criteria: [{ id: 'staff', label: { zh: '人数', en: 'Staff' }, rule: { '>=': [{ var: 'employees' }, k % 4] } }],
    // Later and earlier ids, one named twice, one item excluding itself, most items none.
    ...(k % 3 === 0 ? { excludes: [id((k * 7 + 5) % 40), id((k + 38) % 40), id((k * 7 + 5) % 40), ...(k === 9 ? [id(9)] : [])] } : {}),
  }));
  return compileCatalog([variablesFile(), parseRuleFile(JSON.stringify({ items }), 't.yaml')]);
}

describe('conflicts between eligible items', () => {
  const catalog = exclusionCatalog();
  const all = [...catalog.items.keys()];

  it('are those of every eligible pair compared, whatever items are eligible and in whatever order', () => {
    let nonEmpty = 0;
    for (let seed = 1; seed < 60; seed++) {
      // A pseudo-random subset in a pseudo-random order.
      const eligible = all.filter((_, k) => ((k + 1) * seed) % 7 < 4).sort((a, b) => ((a.charCodeAt(8) * seed) % 11) - ((b.charCodeAt(8) * seed) % 11) || (a < b ? -1 : 1));
      const got = conflictsAmong(catalog, eligible);
      expect(got).toEqual(pairwise(catalog, eligible));
      nonEmpty += got.filter((c) => c.length > 0).length;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('an item listed twice is compared pair by pair, as listed', () => {
    const eligible = ['t.item-00', 't.item-05', 't.item-00', 't.item-38'];
    expect(conflictsAmong(catalog, eligible)).toEqual(pairwise(catalog, eligible));
    expect(conflictsAmong(catalog, eligible)[1]).toEqual(['t.item-00', 't.item-00']);
  });

  it('evaluateAll gives each eligible verdict the eligible items it cannot be combined with', () => {
    for (const employees of [0, 1, 2, 3]) {
      const vs = evaluateAll(catalog, { date: '2024-05-01', facts: { employees } });
      const eligible = vs.filter((v) => v.status === 'eligible').map((v) => v.item);
      const expected = pairwise(catalog, eligible);
      expect(vs.filter((v) => v.status === 'eligible').map((v) => v.conflicts)).toEqual(expected);
      expect(vs.filter((v) => v.status !== 'eligible').every((v) => v.conflicts.length === 0)).toBe(true);
      if (employees === 3) expect(expected.flat().length).toBeGreaterThan(10);
    }
  });

  it('verdictsOf hands over, one at a time and in order, each item as evaluated alone, with the conflicts among the items selected', () => {
    const some = all.filter((_, k) => k % 5 !== 2).reverse();
    let conflicted = 0;
    for (const employees of [0, 1, 2, 3])
      for (const ids of [undefined, some]) {
        const input = { date: '2024-05-01', facts: { employees } };
        const streamed: ReturnType<typeof evaluateItem>[] = [];
        for (const v of verdictsOf(catalog, input, ids ? { ids } : undefined)) streamed.push(v);
        expect(streamed.map((v) => ({ ...v, conflicts: [] }))).toEqual((ids ?? all).map((id) => evaluateItem(catalog, id, input)));
        const eligible = streamed.filter((v) => v.status === 'eligible').map((v) => v.item);
        expect(streamed.filter((v) => v.status === 'eligible').map((v) => v.conflicts)).toEqual(pairwise(catalog, eligible));
        conflicted += streamed.filter((v) => v.conflicts.length > 0).length;
      }
    expect(conflicted).toBeGreaterThan(10);
  });
});
