import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface PolicyText {
  zh: string;
  en: string;
}

export interface PolicyDocumentsTable {
  key: string;
  title: Json<PolicyText>;
  issuer: Json<PolicyText>;
  number: string | null;
  region: string;
  issued_on: string | null;
  status: string;
  source: string;
}

export interface PolicyItemsTable {
  id: string;
  document_key: string;
  /** The published version; null while a new item has only its first draft. */
  current_version: number | null;
  title_zh: string;
  title_en: string;
  entity: string;
  benefit: string;
  mode: 'apply' | 'automatic';
  region_code: string | null;
  lead_unit: string | null;
  effective_from: string;
  effective_to: string | null;
  search: ColumnType<string, never, never>;
  updated_at: Generated<Date>;
}

/** Catalogue metadata of one version (what catalog/ keeps in document.yaml item_meta). */
export interface PolicyMeta {
  measure: string | null;
  clause: string | null;
  quote: string;
  leadUnit: string | null;
  supportingUnits: string[];
  reading: PolicyText[];
  /** How to apply (a short text): where, with what, to whom. */
  howToApply: PolicyText;
}

export type VersionStatus = 'draft' | 'awaiting_approval' | 'published' | 'superseded' | 'discarded';

/** What publishing a version changes, as computed when it was submitted (second approval above the thresholds). */
export interface PublishImpact {
  /** Subjects whose eligibility changes (new item: subjects eligible). */
  affectedSubjects: number;
  /** Change of the total amount over eligible subjects, fen (new item: the total). */
  costChangeFen: number;
  /** Registered subjects evaluated. */
  evaluated: number;
}

export interface PolicyVersionsTable {
  item_id: string;
  version: number;
  status: VersionStatus;
  spec: Json<unknown>;
  parameters: Json<Record<string, unknown>>;
  meta: Json<PolicyMeta>;
  note: string;
  created_by: string | null;
  created_at: Generated<Date>;
  published_by: string | null;
  published_at: Date | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approval_department: string | null;
  approved_by: string | null;
  impact: Json<PublishImpact> | null;
}

export interface PolicyTables {
  policy_documents: PolicyDocumentsTable;
  policy_items: PolicyItemsTable;
  policy_versions: PolicyVersionsTable;
}
