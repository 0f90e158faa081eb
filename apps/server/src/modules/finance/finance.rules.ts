/**
 * Who may apply for a product, through the rules engine: the product's criteria become one
 * benefit item (entity enterprise, region the product's) compiled with the catalogue's variables
 * and parameters, type-checked like an officer's draft; evaluated on a profile it gives the
 * engine's verdict with each criterion explained, as the finder shows it. No evaluator here.
 */
import { compileCatalog, describeCriteria, evaluateItem, parseRuleFile, RuleError, checkValue, type Catalog, type ItemSpec, type ParameterSpec, type RuleFileContent, type RuleProblem, type Verdict, type VariableSpec } from '@seedbed/rules';
import type { CriterionText, EligibilityCriterion, FieldError } from '@seedbed/contract';
import { fieldError } from '../../platform/problems.js';
import { ruleMessageZh, shippedCatalogue } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';

export interface ProductRule {
  id: string;
  name: string;
  region_code: string;
  eligibility: readonly unknown[];
  updated_at: Date;
}

let base: RuleFileContent | undefined;
function baseFile(): RuleFileContent {
  if (base) return base;
  const rules = shippedCatalogue().rules;
  const variables: Record<string, VariableSpec> = {};
  for (const [name, v] of rules.variables) {
    const { name: _n, file: _f, ...spec } = v;
    variables[name] = spec;
  }
  const parameters: Record<string, ParameterSpec> = {};
  for (const [name, p] of rules.parameters) parameters[name] = p.spec;
  return (base = { file: 'catalog', variables, parameters });
}

export const itemIdOf = (productId: string) => `finance.p${productId.replace(/-/g, '')}`;

function itemOf(p: Pick<ProductRule, 'id' | 'name' | 'region_code' | 'eligibility'>): ItemSpec {
  return {
    id: itemIdOf(p.id),
    title: { zh: p.name, en: p.name },
    entity: 'enterprise',
    benefit: 'loan',
    mode: 'apply',
    region: p.region_code,
    effective: { from: '2000-01-01', to: null },
    criteria: p.eligibility,
  } as unknown as ItemSpec;
}

/** /items/0/criteria/1/rule/and/0 → eligibility.1.rule.and.0 */
function problemField(p: RuleProblem): string {
  const m = (p.path ?? '').match(/^\/items\/0\/criteria(\/.*)?$/);
  if (m) return `eligibility${(m[1] ?? '').replace(/\//g, '.')}`;
  return 'eligibility';
}

const problems = (e: unknown): FieldError[] => {
  if (!(e instanceof RuleError)) throw e;
  return e.problems.map((p) => fieldError(problemField(p), 'rule', ruleMessageZh(p.message), `Rule problem: ${p.message}`));
};

/** The problems of a product's criteria (schema, then type checking against the registry), each naming its path. */
export function checkEligibility(criteria: readonly EligibilityCriterion[], regionCode: string): FieldError[] {
  const item = itemOf({ id: '00000000-0000-0000-0000-000000000000', name: 'check', region_code: regionCode, eligibility: criteria });
  try {
    parseRuleFile(JSON.stringify({ items: [item] }), 'product');
    compileCatalog([baseFile(), { file: 'product', items: [item] }]);
    return [];
  } catch (e) {
    return problems(e);
  }
}

const compiled = new Map<string, { version: number; catalog: Catalog }>();
function catalogOf(p: ProductRule): Catalog {
  const hit = compiled.get(p.id);
  if (hit && hit.version === p.updated_at.getTime()) return hit.catalog;
  const catalog = compileCatalog([baseFile(), { file: 'product', items: [itemOf(p)] }]);
  compiled.set(p.id, { version: p.updated_at.getTime(), catalog });
  return catalog;
}

const regionName = (code: string) => {
  const n = regionDisplayName(code);
  return n ? { zh: n, en: n } : undefined;
};

/** The profile's facts the engine may read (the catalogue's variables, values that pass their check). */
export function ruleFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const variables = shippedCatalogue().rules.variables;
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(facts)) {
    const spec = variables.get(name);
    if (!spec || v === null || v === undefined) continue;
    if (checkValue(spec, v) === null) out[name] = v;
  }
  return out;
}

/** The engine's verdict on the product for a profile (facts from `ruleFacts`), with each criterion explained. */
export function evaluateProduct(p: ProductRule, facts: Record<string, unknown>, date: string): Verdict {
  const v = evaluateItem(catalogOf(p), itemIdOf(p.id), { date, facts, history: [], regionName });
  return { ...v, criteria: v.criteria.filter((c) => c.id !== IN_EFFECT) };
}

/** The item's implicit "in effect" criterion (a product is open while it is active): always met, never shown. */
const IN_EFFECT = 'in_effect';

/** Who may apply, in the engine's words. */
export function describeProduct(p: ProductRule, date: string): CriterionText[] {
  return describeCriteria(catalogOf(p), itemIdOf(p.id), { date, regionName })
    .filter((c) => c.id !== IN_EFFECT)
    .map((c) => ({ label: c.label, text: c.text }));
}
