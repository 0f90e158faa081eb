/** Rule test cases (FORMAT.md §6), run on both evaluators; each case reports what differed. */
import type { Catalog } from './catalog.js';
import { compilePopulation } from './compiler.js';
import { evaluateItem } from './evaluate.js';
import { populationFromInputs } from './population.js';
import type { CaseSpec, EvaluationInput, VerdictStatus } from './types.js';

export interface CaseResult {
  readonly name: string;
  readonly item: string;
  readonly evaluator: 'interpreter' | 'compiler';
  readonly passed: boolean;
  /** One line per difference: `status: expected eligible, got unknown`. Empty when passed. */
  readonly diff: readonly string[];
}

function inputOf(c: CaseSpec): EvaluationInput {
  return { date: c.date, facts: c.facts ?? {}, history: c.history ?? [], ...(c.product !== undefined ? { product: c.product } : {}) };
}

function compare(c: CaseSpec, got: { status: VerdictStatus; amount: number | null | undefined; missing?: readonly string[] }): string[] {
  const diff: string[] = [];
  if (got.status !== c.expect.status) diff.push(`status: expected ${c.expect.status}, got ${got.status}`);
  if (c.expect.amount !== undefined && got.amount !== undefined && (got.amount ?? null) !== c.expect.amount)
    diff.push(`amount: expected ${String(c.expect.amount)}, got ${String(got.amount ?? null)}`);
  if (c.expect.missing !== undefined && got.missing !== undefined) {
    const want = [...c.expect.missing].sort().join(', ');
    const have = [...got.missing].sort().join(', ');
    if (want !== have) diff.push(`missing: expected [${want}], got [${have}]`);
  }
  return diff;
}

/**
 * Runs each case through the interpreter and through the population compiler (a population of one
 * row). The compiler has no per-row status beyond counts, so its status is derived from them:
 * eligible/unknown/near_miss/ineligible; it does not list missing variables.
 */
export function runCases(catalog: Catalog, cases: readonly CaseSpec[]): CaseResult[] {
  const out: CaseResult[] = [];
  for (const c of cases) {
    const input = inputOf(c);
    let diff: string[];
    try {
      const v = evaluateItem(catalog, c.item, input);
      diff = compare(c, { status: v.status, amount: v.amount?.fen ?? null, missing: v.missing });
    } catch (e) {
      diff = [`error: ${(e as Error).message}`];
    }
    out.push({ name: c.name, item: c.item, evaluator: 'interpreter', passed: diff.length === 0, diff });
    try {
      const r = compilePopulation(catalog, [c.item]).evaluate(populationFromInputs(catalog, [input]), c.date).items[0]!;
      const status: VerdictStatus = r.eligible ? 'eligible' : r.unknown ? 'unknown' : r.nearMissTotal ? 'near_miss' : 'ineligible';
      // The compiler totals amounts of eligible rows only; for other statuses there is nothing to compare.
      const hasFormula = catalog.items.get(c.item)?.amount !== undefined;
      const amount = r.eligible ? (hasFormula && !r.amountUnknown ? r.amountFen : null) : undefined;
      diff = compare(c, { status, amount });
    } catch (e) {
      diff = [`error: ${(e as Error).message}`];
    }
    out.push({ name: c.name, item: c.item, evaluator: 'compiler', passed: diff.length === 0, diff });
  }
  return out;
}
