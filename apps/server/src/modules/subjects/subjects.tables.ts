import type { SubjectKind } from '@seedbed/contract';
import type { ColumnType, Generated } from 'kysely';

export type { SubjectKind };

export interface SubjectsTable {
  id: Generated<string>;
  kind: SubjectKind;
  name: string;
  region_code: string | null;
  organisation_id: string | null;
  user_id: string | null;
  /** A carrier's profile: the carriers module's row (its operator is `organisation_id`). */
  carrier_id: ColumnType<string | null, string | null | undefined, string | null>;
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
