/**
 * What the officer's rule editor needs from the server: the vocabulary (every variable of the
 * registry and the documents, grouped and labelled, with its type, unit, values and bounds; the
 * parameters with their value in force) and a live preview of a draft: each criterion in the
 * engine's words (describeCriteria) and the engine's problems, each naming the criterion's path.
 */
import { describeCriteria, type VariableSpec } from '@seedbed/rules';
import type { FieldError, PolicyRuleVocabulary } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import { AppError } from '../../platform/problems.js';
import { regionDisplayName } from '../regions/index.js';
import { shippedCatalogue, validateDraft, type DraftInput } from './policies.service.js';
import { amountRule, type AmountRuleText } from './policies.text.js';

interface Text {
  zh: string;
  en: string;
}

export type RuleVocabulary = PolicyRuleVocabulary;

const SHARED: Text = { zh: '通用信息', en: 'Shared' };
let vocabulary: RuleVocabulary | undefined;

/** Every variable a rule may read and every parameter, for the visual rule builder (computed once). */
export function ruleVocabulary(today: string): RuleVocabulary {
  if (vocabulary) return vocabulary;
  const cat = shippedCatalogue();
  const groups = new Map(cat.documents.map((d) => [d.prefix, { zh: `${d.document.number ?? ''} ${d.document.title.zh}`.trim(), en: d.document.title.en }]));
  const groupOf = (name: string): Text => {
    const prefix = [...groups.keys()].filter((p) => name.startsWith(`${p}_`)).sort((a, b) => b.length - a.length)[0];
    return prefix ? groups.get(prefix)! : SHARED;
  };
  const variables = [...cat.rules.variables.values()].map((v: VariableSpec & { name: string }) => ({
    name: v.name,
    type: v.type,
    unit: v.unit ?? null,
    label: v.label,
    entity: Array.isArray(v.entity) ? [...v.entity] : [v.entity],
    values: v.values ? v.values.map((x) => ({ value: x.value, label: x.label })) : null,
    min: v.min ?? null,
    max: v.max ?? null,
    group: groupOf(v.name),
  }));
  const parameters = [...cat.rules.parameters.values()].map((p) => {
    const inForce = [...p.spec.values].filter((x) => x.from <= today).sort((a, b) => a.from.localeCompare(b.from)).pop() ?? p.spec.values[0];
    return { name: p.name, label: p.spec.label, unit: p.spec.unit ?? null, value: inForce?.value ?? null };
  });
  return (vocabulary = { variables, parameters });
}

export interface RulePreview {
  criteria: { id: string; label: Text; text: Text; implicit: boolean }[];
  amount: AmountRuleText | null;
  errors: FieldError[];
}

/** The draft's criteria in the engine's words, or its problems (each field naming the criterion's path). */
export async function previewDraft(deps: { db: Db; clock: Clock }, _principal: Principal, itemId: string, input: Omit<DraftInput, 'note'>): Promise<RulePreview> {
  try {
    const { spec, catalog } = await validateDraft(deps.db, itemId, { ...input, note: 'preview' });
    const today = deps.clock.today();
    const name = (code: string) => {
      const n = regionDisplayName(code);
      return n ? { zh: n, en: n } : undefined;
    };
    return { criteria: describeCriteria(catalog, itemId, { date: today, regionName: name }).map((c) => ({ ...c })), amount: amountRule(spec, catalog, today), errors: [] };
  } catch (e) {
    if (e instanceof AppError && e.fieldErrors) return { criteria: [], amount: null, errors: e.fieldErrors };
    throw e;
  }
}
