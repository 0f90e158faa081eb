import { describe, expect, it } from 'vitest';
import type { MyCreditView } from '@seedbed/contract';
import { gatingCitations, refusedForSeriousViolation } from './credit-citation-logic';

type Rec = MyCreditView['subjects'][number]['records'][number];
const rec = (over: Partial<Rec>): Rec => ({
  id: 'r', creditCode: '91450103MA5CR0601B', subjectName: '南宁诚远商贸有限公司', registered: true, kind: 'administrative_penalty', severity: 'serious', sourceName: '南宁市市场监督管理局', decisionNumber: '南市监处罚〔2025〕88号', decidedOn: '2025-10-20', legalBasis: '法', content: '事由', status: 'published', publishedFrom: '2025-10-20', publishedUntil: '2028-10-20', repairFrom: '2026-10-20', gates: true, mayApplyForRepair: true, mayDecideRepair: false, repairs: [], origin: 'entered', recordedAt: '2025-10-20T00:00:00Z',
  ...over,
});
const view = (records: Rec[]): MyCreditView => ({ subjects: [{ subjectId: 's', name: '南宁诚远商贸有限公司', onSeriousViolationList: records.some((r) => r.gates), records, rating: { subjectId: 's', name: 'x', grade: 'D', score: 40, baseline: 70, indicators: [], cappedBySeriousViolation: true }, inquiries: [] }] });

describe('the serious-violation citation', () => {
  it('cites only when a failing criterion read the status as true', () => {
    expect(refusedForSeriousViolation({ status: 'fail', values: { on_serious_violation_list: true } })).toBe(true);
    expect(refusedForSeriousViolation({ status: 'pass', values: { on_serious_violation_list: false } })).toBe(false);
    expect(refusedForSeriousViolation({ status: 'fail', values: { employees: 3 } })).toBe(false);
    expect(refusedForSeriousViolation({ status: 'fail' })).toBe(false);
  });

  it('cites the gating records with authority, decision number and date, not the others', () => {
    const cited = gatingCitations(view([rec({}), rec({ id: 'o', severity: 'ordinary', decisionNumber: '南市监处罚〔2026〕41号', gates: false }), rec({ id: 'n', decisionNumber: '南市监处罚〔2026〕5号', decidedOn: '2026-01-05' })]));
    expect(cited.map((c) => [c.decisionNumber, c.sourceName, c.decidedOn])).toEqual([
      ['南市监处罚〔2026〕5号', '南宁市市场监督管理局', '2026-01-05'],
      ['南市监处罚〔2025〕88号', '南宁市市场监督管理局', '2025-10-20'],
    ]);
    expect(gatingCitations(view([rec({ gates: false, status: 'repaired' })]))).toEqual([]);
    expect(gatingCitations(undefined)).toEqual([]);
  });
});
