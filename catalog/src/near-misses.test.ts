/**
 * The near-miss rules over the whole catalogue: every case of every item, on the interpreter, with
 * the gap of each near miss and the reason of each failure that cannot close read as a person
 * would read them (no variable names, no fen, no "would need to be earlier"), and a gap that time
 * closes giving the day it is met on.
 */
import { evaluateItem, type Text } from '@seedbed/rules';
import { describe, expect, it } from 'vitest';
import { compileRules, readCatalog } from './index.js';

const compiled = compileRules(readCatalog());
const catalog = compiled.catalog!;
const names = [...catalog.variables.keys()];

function clean(t: Text, where: string): void {
  for (const s of [t.zh, t.en]) {
    expect(s, where).not.toMatch(/undefined|NaN|null|\[object|还需早|还需晚|earlier|later\b|\d 分|\bfen\b/);
    for (const n of names) expect(s.includes(n), `${where}: ${s} names ${n}`).toBe(false);
  }
}

describe('near misses across the catalogue', () => {
  it('read as plain words on every case, and time gaps say when they are met', () => {
    let gaps = 0;
    let reasons = 0;
    for (const c of compiled.cases) {
      const v = evaluateItem(catalog, c.item, { date: c.date, facts: c.facts ?? {}, history: c.history ?? [], product: c.product });
      for (const cr of v.criteria) {
        const where = `${c.item} — ${c.name} — ${cr.id}`;
        if (cr.gap) {
          gaps++;
          clean(cr.gap.text, where);
          if (cr.gap.metOn !== undefined) expect(cr.gap.text.zh, where).toContain(`${cr.gap.metOn} 起满足`);
        }
        if (cr.reason) {
          reasons++;
          expect(cr.status, where).toBe('fail');
          clean(cr.reason, where);
        }
      }
      if (v.status === 'near_miss') expect(v.gap, `${c.item} — ${c.name}`).toBeDefined();
    }
    // The catalogue's cases exercise both kinds.
    expect(gaps).toBeGreaterThan(10);
    expect(reasons).toBeGreaterThan(10);
  });
});
