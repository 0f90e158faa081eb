/** questionsFor: which unanswered variable to ask next in the policy calculator. */
import type { Catalog } from './catalog.js';
import { evaluateAll } from './evaluate.js';
import type { Text, VariableType, Verdict } from './types.js';

export interface Question {
  readonly variable: string;
  readonly type: VariableType;
  readonly unit: string | null;
  readonly label: Text;
  readonly question: Text;
  readonly values?: readonly { value: string; label: Text }[];
  /** How many currently undecided items need this variable. */
  readonly decides: number;
  /** Those items. */
  readonly items: readonly string[];
}

/**
 * The variables still needed, most useful first: the variable needed by the most items that are
 * neither eligible nor ruled out yet (ties: fewer other missing variables in those items, so that
 * one answer can settle an item; then name).
 */
export function questionsFor(catalog: Catalog, facts: Readonly<Record<string, unknown>>, date: string): Question[] {
  return questionsFromVerdicts(catalog, evaluateAll(catalog, { date, facts }));
}

/** The same ranking over verdicts a caller already has (the finder keeps memoised ones). */
export function questionsFromVerdicts(catalog: Catalog, verdicts: readonly Verdict[]): Question[] {
  const need = new Map<string, { items: string[]; load: number }>();
  for (const v of verdicts) {
    if (!awaitsAnswers(v)) continue;
    for (const m of v.missing) {
      const e = need.get(m) ?? { items: [], load: 0 };
      e.items.push(v.item);
      e.load += v.missing.length;
      need.set(m, e);
    }
  }
  return [...need.entries()]
    .sort((a, b) => b[1].items.length - a[1].items.length || a[1].load - b[1].load || a[0].localeCompare(b[0]))
    .map(([name, e]) => ({ ...questionOf(catalog, name), decides: e.items.length, items: e.items }));
}

/** Whether a verdict still waits for answers: undecided, or eligible with an amount not yet computable. */
export function awaitsAnswers(v: Verdict): boolean {
  return v.status === 'unknown' || (v.status === 'eligible' && v.amount?.status === 'unknown');
}

/** The question that asks for a variable (its own wording, or one made from its label). */
export function questionOf(catalog: Catalog, name: string): Omit<Question, 'decides' | 'items'> {
  const spec = catalog.variables.get(name)!;
  return {
    variable: name,
    type: spec.type,
    unit: spec.unit ?? null,
    label: spec.label,
    question: spec.question ?? { zh: `${spec.label.zh}是多少？`, en: `${spec.label.en}?` },
    ...(spec.values ? { values: spec.values } : {}),
  };
}
