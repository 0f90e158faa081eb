/** The catalogue records of `documents/<key>/document.yaml` (layout: catalog/README.md). */

export interface Text {
  zh: string;
  en: string;
}

export const DOCUMENT_STATUSES = ['in_force', 'period_ended', 'repealed', 'unknown'] as const;
export const MEASURE_KINDS = ['item', 'target', 'task', 'context'] as const;
export const UNITS_BASES = ['stated', 'derived', 'none'] as const;
/** more_than / less_than: the text says 超过, 突破, 不足 (strict). */
export const COMPARISONS = ['at_least', 'more_than', 'at_most', 'less_than', 'exactly', 'increase_by'] as const;

export type MeasureKind = (typeof MEASURE_KINDS)[number];

export interface SourceRef {
  file?: string;
  clause: string;
  quote?: string;
}

export interface Reconstruction {
  text: string;
  reading: string;
  why: string;
}

export interface DocumentRecord {
  title: Text;
  issuer: Text;
  region: string;
  number: string | null;
  date: string | null;
  status: (typeof DOCUMENT_STATUSES)[number];
  status_note: Text;
  reconstructions: Reconstruction[];
}

export interface Measure {
  id: string;
  clause: string;
  title: Text;
  units_text?: string;
  lead_unit: string | null;
  /** Further lead units when the text names several (市A、市B牵头); the first listed is `lead_unit`. */
  co_lead_units?: string[];
  supporting_units: string[];
  units_basis?: (typeof UNITS_BASES)[number];
  units_note?: Text;
  kind: MeasureKind;
  items: string[];
  targets: string[];
  tasks: string[];
  context_note?: Text;
}

export interface Target {
  id: string;
  measure: string;
  title: Text;
  indicator: Text;
  comparison: (typeof COMPARISONS)[number];
  value: number;
  /** Upper end when the text gives a range ("2-3个"); the target is met at `value`. */
  value_max?: number | null;
  /** The text says 左右 (about): `value` is the figure measured against. */
  approximate?: boolean;
  unit: string;
  baseline?: Text | string | null;
  period: { from: string | null; to: string | null };
  recurring?: 'year' | null;
  responsible_units: string[];
  units_basis?: (typeof UNITS_BASES)[number];
  units_note?: Text;
  source: SourceRef & { quote: string };
  reading: Text[];
  reconstructed?: string[];
}

export interface Task {
  id: string;
  measure: string;
  title: Text;
  lead_unit: string | null;
  supporting_units: string[];
  deadline?: string | null;
  source: SourceRef;
  reading?: Text[];
  reconstructed?: string[];
}

export interface ItemMeta {
  measure: string;
  source: SourceRef & { quote: string };
  lead_unit: string | null;
  supporting_units: string[];
  defers_to_higher_rule: { rule: Text; variables: string[] } | null;
  reading: Text[];
  reconstructed: string[];
}

export interface DocumentFile {
  key: string;
  prefix: string;
  source: string;
  document: DocumentRecord;
  measures: Measure[];
  targets: Target[];
  tasks: Task[];
  item_meta: Record<string, ItemMeta>;
  requests?: unknown[];
}

/** A problem in the catalogue: the file (relative to the catalogue root) and the JSON path inside it. */
export interface CatalogProblem {
  file: string;
  path: string;
  message: string;
}
