import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConformanceReport, runConformance } from './conformance.js';
import { isLogicOperator } from './operators.js';

describe('JSON Logic conformance suites', () => {
  const report = runConformance();
  it('every case of every supported operator passes on both evaluators', () => {
    const failures = report.suites.flatMap((s) => s.failed.map((f) => `${s.suite} [${f.evaluator}] ${f.description}`));
    expect(failures).toEqual([]);
    expect(report.totals.failed).toBe(0);
    expect(report.totals.passed).toBeGreaterThan(1000);
  });
  it('lists every suite of the index', () => {
    expect(report.suites.map((s) => s.suite)).toContain('compatible.json');
    expect(report.suites.length).toBe(48);
  });
  it('reports unsupported operators with the reason instead of skipping silently', () => {
    const r = runConformance(undefined, (op) => op !== 'throw' && isLogicOperator(op));
    const s = r.suites.find((x) => x.suite === 'throw.json')!;
    expect(s.unsupported).toBe(s.cases);
    expect(s.unsupportedReasons['operator "throw" not supported']).toBe(s.cases);
    expect(formatConformanceReport(r)).toMatch(/throw\.json\s+unsupported/);
  });
  it('a wrong answer is reported as a failure of both evaluators', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conf-'));
    writeFileSync(join(dir, 'index.json'), JSON.stringify(['bad.json']));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(['# wrong on purpose', { description: '1+1', rule: { '+': [1, 1] }, data: null, result: 3 }]));
    const r = runConformance(dir);
    expect(r.totals.failed).toBe(1);
    expect(r.suites[0]!.failed.map((f) => f.evaluator)).toEqual(['interpreter', 'compiler']);
    expect(formatConformanceReport(r)).toContain('FAILED');
  });
});
