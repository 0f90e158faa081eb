import { parseDate, type Catalog, type CompiledItem } from '@seedbed/rules';
import type { Db, Tx } from '../../platform/database.js';
import { currentRules, getPolicyItem } from '../policies/index.js';

/**
 * Where fulfilment reads policy items and rules: the policies module owns the published versions
 * in the database (`getPolicyItem`, `currentRules`). A seam, so that a test can pass its own rules.
 */
export interface Text {
  zh: string;
  en: string;
}

export interface PolicyItemView {
  id: string;
  version: number;
  title: Text;
  entity: string;
  benefit: string;
  mode: 'apply' | 'automatic';
  regionCode: string | null;
  leadUnit: string | null;
  supportingUnits: string[];
  requiresMaterials: { id: string; label: Text }[];
  effective: { from: string; to: string | null };
  document: { key: string; title: Text; number: string | null };
  clause: string | null;
  quote: string | null;
}

export interface PolicySource {
  getPolicyItem(db: Db | Tx, itemId: string): Promise<PolicyItemView | null>;
  currentRules(db: Db | Tx): Promise<Catalog>;
}

/** The policies module's current published versions (cached there, invalidated on publish). */
export const databasePolicySource: PolicySource = {
  getPolicyItem: async (db, itemId) => (await getPolicyItem(db, itemId)) ?? null,
  currentRules: (db) => currentRules(db),
};

/** Whether an application must name the product (once per product, cap per product). */
export const needsProduct = (item: CompiledItem): boolean =>
  item.spec.once_per === 'product' || (item.spec.caps ?? []).some((c) => c.per === 'product');

/** The yearly cap per subject in fen on a date, when the item states one as a number or a parameter. */
export function subjectYearCap(catalog: Catalog, item: CompiledItem, date: string): number | null {
  const cap = (item.spec.caps ?? []).find((c) => c.per === 'subject_year');
  if (!cap) return null;
  if (typeof cap.amount === 'number') return cap.amount;
  const name = (cap.amount as { param?: unknown } | null)?.param;
  if (typeof name !== 'string') return null;
  const day = parseDate(date);
  const param = catalog.parameters.get(name);
  if (!param || day === undefined) return null;
  let value: unknown = null;
  for (const v of param.values) if (v.from <= day) value = v.value;
  return typeof value === 'number' ? value : null;
}

/** The "once" key enforced by the ledger's unique index: once per subject, or per product. */
export function onceKeyOf(item: CompiledItem, productKey: string | null): string | null {
  if (item.spec.once_per === 'subject') return 'subject';
  if (item.spec.once_per === 'product') return `product:${productKey ?? ''}`;
  return null;
}
