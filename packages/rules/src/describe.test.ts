import { describe, expect, it } from 'vitest';
import { describeCriteria } from './describe.js';
import { catalogWith } from './test-support.js';

describe('describeCriteria', () => {
  it('words each criterion as the engine does, with no "unknown" where a value would go', () => {
    const catalog = catalogWith({ staff: { '>=': [{ var: 'employees' }, 10] } }, { region: '450100' });
    const [staff, ...implicit] = describeCriteria(catalog, 't.item', { date: '2026-12-04', regionName: (c) => (c === '450100' ? { zh: '南宁市', en: 'Nanning' } : undefined) });
    expect(staff!.text.zh).toMatch(/≥ 10 人$/);
    expect(staff!.text.zh).not.toContain('未知');
    expect(staff!.text.en).not.toContain('unknown');
    expect(staff!.implicit).toBe(false);
    expect(implicit.every((c) => c.implicit)).toBe(true);
    expect(describeCriteria(catalog, 'no.such-item', { date: '2026-12-04' })).toEqual([]);
  });
});
