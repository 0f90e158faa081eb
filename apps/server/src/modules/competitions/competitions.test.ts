import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exclusionsOf, panelExclusions, type JudgeProfile } from './competitions.conflicts.js';
import { median, rankEntries, topCriterion, type ScoredEntry } from './competitions.ranking.js';

const CRITERIA = [
  { id: 'c1', max: 30 },
  { id: 'c2', max: 40 },
  { id: 'c3', max: 30 },
];
const review = (c1: number, c2: number, c3: number) => ({ total: c1 + c2 + c3, scores: { c1, c2, c3 } });
const entry = (id: string, enteredAt: string, ...reviews: ReturnType<typeof review>[]): ScoredEntry => ({ id, enteredAt, reviews });

describe('ranking and its tie-breaks', () => {
  it('ranks by the mean total, highest first', () => {
    const r = rankEntries([entry('a', '2026-01-01T00:00:00Z', review(10, 10, 10)), entry('b', '2026-01-02T00:00:00Z', review(20, 20, 20))], CRITERIA);
    expect(r.map((x) => [x.id, x.rank, x.mean])).toEqual([
      ['b', 1, 60],
      ['a', 2, 30],
    ]);
    expect(r[1]!.decidedBy).toBeNull();
  });
  it('breaks an equal mean by the higher median', () => {
    // a: 50, 50, 80 → mean 60, median 50; b: 60, 60, 60 → mean 60, median 60
    const a = entry('a', '2026-01-01T00:00:00Z', review(10, 20, 20), review(10, 20, 20), review(20, 40, 20));
    const b = entry('b', '2026-01-02T00:00:00Z', review(20, 20, 20), review(20, 20, 20), review(20, 20, 20));
    const r = rankEntries([a, b], CRITERIA);
    expect(r.map((x) => x.id)).toEqual(['b', 'a']);
    expect(r[1]!.decidedBy).toBe('median');
  });
  it('then by the higher mean on the top criterion (the one worth most points)', () => {
    expect(topCriterion(CRITERIA)!.id).toBe('c2');
    const a = entry('a', '2026-01-01T00:00:00Z', review(25, 10, 25), review(25, 10, 25));
    const b = entry('b', '2026-01-02T00:00:00Z', review(10, 30, 20), review(10, 30, 20));
    const r = rankEntries([a, b], CRITERIA);
    expect(r.map((x) => x.id)).toEqual(['b', 'a']);
    expect(r[1]!.decidedBy).toBe('top_criterion');
  });
  it('then by the earlier entry', () => {
    const a = entry('a', '2026-01-02T00:00:00Z', review(10, 10, 10));
    const b = entry('b', '2026-01-01T00:00:00Z', review(10, 10, 10));
    const r = rankEntries([a, b], CRITERIA);
    expect(r.map((x) => x.id)).toEqual(['b', 'a']);
    expect(r[1]!.decidedBy).toBe('entered_at');
  });
  it('puts unscored entries last', () => {
    const r = rankEntries([entry('a', '2026-01-01T00:00:00Z'), entry('b', '2026-01-02T00:00:00Z', review(0, 0, 0))], CRITERIA);
    expect(r.map((x) => x.id)).toEqual(['b', 'a']);
  });
  it('median of an even count is the middle pair’s mean', () => {
    expect(median([1, 9, 3, 5])).toBe(4);
    expect(median([])).toBeNull();
  });

  const reviews = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 30 })).map(([a, b, c]) => review(a, b, c)), { minLength: 1, maxLength: 5 });
  const entries = fc.uniqueArray(fc.record({ id: fc.uuid(), enteredAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString()), reviews }), { selector: (e) => e.id, maxLength: 12 });

  it('property: places are 1..n, each entry once, means never rise down the list', () => {
    fc.assert(
      fc.property(entries, (es) => {
        const r = rankEntries(es, CRITERIA);
        expect(r.map((x) => x.rank)).toEqual(es.map((_, i) => i + 1));
        expect(new Set(r.map((x) => x.id))).toEqual(new Set(es.map((e) => e.id)));
        for (let i = 1; i < r.length; i++) expect(r[i]!.mean!).toBeLessThanOrEqual(r[i - 1]!.mean! + 1e-9);
      }),
    );
  });
  it('property: the order does not depend on the input order', () => {
    fc.assert(
      fc.property(entries, fc.integer(), (es, seed) => {
        const shuffled = [...es].sort((a, b) => ((a.id.charCodeAt(seed & 7) ?? 0) ^ seed) - ((b.id.charCodeAt(seed & 7) ?? 0) ^ seed));
        expect(rankEntries(shuffled, CRITERIA).map((x) => x.id)).toEqual(rankEntries(es, CRITERIA).map((x) => x.id));
      }),
    );
  });
  it('property: among equal means, a higher median is never placed below', () => {
    fc.assert(
      fc.property(entries, (es) => {
        const r = rankEntries(es, CRITERIA);
        for (let i = 1; i < r.length; i++) if (Math.abs(r[i]!.mean! - r[i - 1]!.mean!) < 1e-9) expect(r[i]!.median!).toBeLessThanOrEqual(r[i - 1]!.median!);
      }),
    );
  });
});

const CODE_A = '91450103MA5KQ00017';
const CODE_B = '91450107MA7AC01012';
const judge = (over: Partial<JudgeProfile> = {}): JudgeProfile => ({ expertId: 'j', employerName: '广西大学', employerCreditCode: null, ties: [], ...over });

describe('conflict-of-interest exclusion', () => {
  it('excludes a judge who works for the entrant', () => {
    const x = exclusionsOf(judge({ employerCreditCode: CODE_A.toLowerCase() }), { entryId: 'e', organisationName: '青禾', creditCode: CODE_A });
    expect(x.map((e) => e.reason)).toEqual(['same_organisation']);
    expect(x[0]!.detail.zh).toContain('青禾');
  });
  it('excludes a judge tied to the entrant (shareholder, legal representative, related to their employer)', () => {
    for (const relation of ['shareholder', 'legal_representative', 'employer_related'] as const) {
      const x = exclusionsOf(judge({ ties: [{ creditCode: CODE_A, relation, enterpriseName: '青禾' }] }), { entryId: 'e', organisationName: '青禾', creditCode: CODE_A });
      expect(x.map((e) => e.reason)).toEqual(['related_enterprise']);
    }
  });
  it('records a declared conflict with the judge’s note, alongside other reasons', () => {
    const x = exclusionsOf(judge({ employerCreditCode: CODE_A }), { entryId: 'e', organisationName: '青禾', creditCode: CODE_A }, '曾为其提供咨询');
    expect(x.map((e) => e.reason)).toEqual(['same_organisation', 'declared']);
    expect(x[1]!.detail.zh).toContain('曾为其提供咨询');
  });
  it('keeps an unrelated judge', () => {
    expect(exclusionsOf(judge({ employerCreditCode: CODE_B, ties: [{ creditCode: CODE_B, relation: 'director', enterpriseName: '别家' }] }), { entryId: 'e', organisationName: '青禾', creditCode: CODE_A })).toEqual([]);
    expect(exclusionsOf(judge(), { entryId: 'e', organisationName: '个人团队', creditCode: null })).toEqual([]);
  });
  it('property: a judge is excluded from an entry exactly when a tie, the employer or a declaration links them', () => {
    const code = fc.constantFrom(CODE_A, CODE_B, '91360602MA35B00030');
    fc.assert(
      fc.property(code, fc.option(code, { nil: null }), fc.array(code, { maxLength: 2 }), fc.boolean(), (entrant, employer, ties, declared) => {
        const j = judge({ employerCreditCode: employer, ties: ties.map((c) => ({ creditCode: c, relation: 'shareholder' as const, enterpriseName: 'x' })) });
        const x = panelExclusions([j], [{ entryId: 'e', organisationName: 'x', creditCode: entrant, ...(declared ? { declared: new Map([['j', '说明']]) } : {}) }]);
        expect(x.length > 0).toBe(employer === entrant || ties.includes(entrant) || declared);
        expect(x.every((e) => e.expertId === 'j' && e.entryId === 'e' && e.detail.zh.length > 0 && e.detail.en.length > 0)).toBe(true);
      }),
    );
  });
});
