/**
 * Runs the JSON Logic conformance suites (conformance/jsonlogic) through both evaluators: the
 * plain interpreter and the closure compiler over columns. A case whose rule uses an operator we
 * do not support is counted as unsupported, with the operator named; a supported case that
 * fails is a failure (the test in conformance.test.ts fails on any).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogicError } from './errors.js';
import { compileLogic, toLogicColumns } from './logic-compiler.js';
import { evaluateLogic } from './logic-interpreter.js';
import { isLogicOperator, isPlainObject, operatorOf } from './operators.js';

export const CONFORMANCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'jsonlogic', 'suites');

export interface FailedCase {
  readonly evaluator: 'interpreter' | 'compiler';
  readonly description: string;
  readonly rule: unknown;
  readonly data: unknown;
  readonly expected: unknown;
  readonly got: unknown;
}

export interface SuiteReport {
  readonly suite: string;
  readonly cases: number;
  /** Cases passed by both evaluators. */
  readonly passed: number;
  readonly failed: readonly FailedCase[];
  readonly unsupported: number;
  /** Why cases were not run: operator → count. */
  readonly unsupportedReasons: Readonly<Record<string, number>>;
}

export interface ConformanceReport {
  readonly suites: readonly SuiteReport[];
  readonly totals: { cases: number; passed: number; failed: number; unsupported: number };
}

interface Case {
  description?: string;
  rule: unknown;
  data?: unknown;
  result?: unknown;
  error?: { type: string };
}

function operatorsIn(rule: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(rule)) rule.forEach((r) => operatorsIn(r, out));
  else if (isPlainObject(rule)) {
    const op = operatorOf(rule);
    if (op !== undefined) {
      out.add(op);
      if (op !== 'preserve') operatorsIn(rule[op], out);
    }
  }
  return out;
}

type Outcome = { result: unknown } | { error: string };

function run(f: () => unknown): Outcome {
  try {
    return { result: f() };
  } catch (e) {
    if (e instanceof LogicError) return { error: e.type };
    return { error: `crash: ${(e as Error).message}` };
  }
}

function matches(c: Case, o: Outcome): boolean {
  if (c.error) return 'error' in o && o.error === c.error.type;
  return 'result' in o && JSON.stringify(o.result) === JSON.stringify(c.result ?? null);
}

export function runConformance(dir = CONFORMANCE_DIR, isSupported: (op: string) => boolean = isLogicOperator): ConformanceReport {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as string[];
  const suites: SuiteReport[] = [];
  for (const suite of index) {
    const cases = (JSON.parse(readFileSync(join(dir, suite), 'utf8')) as unknown[]).filter((c): c is Case => isPlainObject(c));
    let passed = 0;
    let unsupported = 0;
    const reasons: Record<string, number> = {};
    const failed: FailedCase[] = [];
    for (const c of cases) {
      const unknownOps = [...operatorsIn(c.rule, new Set())].filter((op) => !isSupported(op));
      if (unknownOps.length > 0) {
        unsupported++;
        for (const op of unknownOps) reasons[`operator "${op}" not supported`] = (reasons[`operator "${op}" not supported`] ?? 0) + 1;
        continue;
      }
      const data = c.data ?? null;
      const byInterpreter = run(() => evaluateLogic(c.rule, data));
      const byCompiler = run(() => compileLogic(c.rule)(toLogicColumns([data]), 0));
      let ok = true;
      for (const [evaluator, o] of [['interpreter', byInterpreter], ['compiler', byCompiler]] as const) {
        if (!matches(c, o)) {
          ok = false;
          failed.push({ evaluator, description: c.description ?? '', rule: c.rule, data, expected: c.error ? { error: c.error.type } : { result: c.result ?? null }, got: o });
        }
      }
      if (ok) passed++;
    }
    suites.push({ suite, cases: cases.length, passed, failed, unsupported, unsupportedReasons: reasons });
  }
  const totals = suites.reduce(
    (t, s) => ({ cases: t.cases + s.cases, passed: t.passed + s.passed, failed: t.failed + (s.cases - s.passed - s.unsupported), unsupported: t.unsupported + s.unsupported }),
    { cases: 0, passed: 0, failed: 0, unsupported: 0 },
  );
  return { suites, totals };
}

export function formatConformanceReport(r: ConformanceReport): string {
  const lines = ['JSON Logic conformance (interpreter + closure compiler)', ''];
  const w = Math.max(...r.suites.map((s) => s.suite.length));
  for (const s of r.suites) {
    const failedCases = s.cases - s.passed - s.unsupported;
    const state = failedCases > 0 ? 'FAILED' : s.unsupported === s.cases ? 'unsupported' : s.unsupported > 0 ? 'partial' : 'passed';
    const why = Object.entries(s.unsupportedReasons).map(([k, n]) => `${k} (${n})`).join('; ');
    lines.push(`${s.suite.padEnd(w)}  ${state.padEnd(11)} ${s.passed}/${s.cases} passed, ${failedCases} failed, ${s.unsupported} unsupported${why ? ' — ' + why : ''}`);
    for (const f of s.failed) lines.push(`    ✗ [${f.evaluator}] ${f.description}: ${JSON.stringify(f.rule)} data ${JSON.stringify(f.data)} expected ${JSON.stringify(f.expected)} got ${JSON.stringify(f.got)}`);
  }
  const t = r.totals;
  lines.push('', `total: ${t.passed}/${t.cases} passed, ${t.failed} failed, ${t.unsupported} unsupported`);
  return lines.join('\n');
}
