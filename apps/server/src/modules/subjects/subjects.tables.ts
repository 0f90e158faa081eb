import type { ColumnType, Generated } from 'kysely';

export interface SubjectsTable {
  id: Generated<string>;
  kind: 'enterprise' | 'person';
  name: string;
  region_code: string | null;
  organisation_id: string | null;
  user_id: string | null;
  credit_code: string | null;
  id_number_hash: string | null;
  /** A synthetic subject of the demo's population (no account; never counted, matched or notified). */
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type StoredValue = string | number | boolean | { enc: string } | null;

export interface SubjectFactsTable {
  id: Generated<number>;
  subject_id: string;
  variable: string;
  value: ColumnType<StoredValue, string, string>;
  source: string;
  verified: boolean;
  as_of: string | null;
  recorded_at: Generated<Date>;
  recorded_by: string | null;
  superseded_at: Date | null;
}

export interface SubjectTables {
  subjects: SubjectsTable;
  subject_facts: SubjectFactsTable;
}
