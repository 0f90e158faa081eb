/**
 * A rule in plain words without any subject's facts, in the engine's own sentences (explain.ts):
 * "从业人员 ≥ 10 人". For an officer editing criteria (a live preview of what the rule says),
 * where an evaluation's sentences would add "cannot tell yet" to every line. Pure.
 */
import type { Catalog } from './catalog.js';
import { renderCached } from './explain.js';
import { makeEnv } from './interpreter.js';
import type { EvaluationInput, Text } from './types.js';

export interface CriterionDescription {
  readonly id: string;
  readonly label: Text;
  /** The rule as the engine words it. */
  readonly text: Text;
  /** Added by the engine (effective period, region, exclusions), not written by the officer. */
  readonly implicit: boolean;
}

/** The item's criteria in the engine's words, on `date` (for parameters in force), regions named by `regionName`. */
export function describeCriteria(catalog: Catalog, itemId: string, options: { date: string; regionName?: EvaluationInput['regionName'] }): CriterionDescription[] {
  const item = catalog.items.get(itemId);
  if (!item) return [];
  const env = makeEnv(catalog, { date: options.date, facts: {}, ...(options.regionName ? { regionName: options.regionName } : {}) });
  return item.criteria.map((c) => ({
    id: c.id,
    label: c.label,
    implicit: c.implicit,
    text: { zh: withoutValues(renderCached(c.node, { catalog, env, lang: 'zh' }), 'zh'), en: withoutValues(renderCached(c.node, { catalog, env, lang: 'en' }), 'en') },
  }));
}

/** The sentences of an evaluation without facts say "unknown" where a value would go: leave it out. */
function withoutValues(text: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return text.replace(/：未知（([^（）]+)）/g, '：$1').replace(/（未知）/g, '').replace(/：未知/g, '');
  return text.replace(/: unknown \(([^()]+)\)/g, ': $1').replace(/ \(unknown\)/g, '').replace(/: unknown/g, '');
}
