import type { ColumnType, Generated } from 'kysely';

type Numeric = ColumnType<string, string | number, string | number>;
type NullableNumeric = ColumnType<string | null, string | number | null, string | number | null>;
type DateColumn = ColumnType<string, string, string>;

export interface TargetsTable {
  id: Generated<string>;
  region_code: string;
  parent_id: string | null;
  catalogue_id: string | null;
  kind: ColumnType<'target' | 'task', 'target' | 'task' | undefined, 'target' | 'task'>;
  document_key: string | null;
  clause: string | null;
  quote: string | null;
  title_zh: string;
  title_en: string;
  indicator_zh: string;
  indicator_en: string;
  comparison: string;
  value: Numeric;
  unit: string;
  baseline: NullableNumeric;
  period_from: DateColumn;
  period_to: DateColumn;
  statistic: string | null;
  lead_unit_name: string | null;
  lead_org_id: string | null;
  supporting_org_ids: ColumnType<string[], string[] | undefined, string[]>;
  reporting: ColumnType<string, string | undefined, string>;
  status: string | null;
  previous_status: string | null;
  evaluated_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Date;
}

export interface ReportsTable {
  id: Generated<string>;
  target_id: string;
  organisation_id: string;
  period: string;
  value: NullableNumeric;
  progress: string;
  reported_by: string;
  reported_at: Date;
  revised_at: Date | null;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  consolidates: ColumnType<string[], string[] | undefined, string[]>;
}

export interface MilestonesTable {
  id: Generated<string>;
  target_id: string;
  title: string;
  due_on: DateColumn;
  value: NullableNumeric;
  reached_on: ColumnType<string | null, string | null | undefined, string | null>;
  reached_by: string | null;
  note: string | null;
  created_by: string;
  created_at: Date;
}

export interface ChasesTable {
  target_id: string;
  organisation_id: string;
  period: string;
  stage: 'reminded' | 'escalated';
  on_day: string;
}

export interface BriefingsTable {
  id: Generated<string>;
  region_code: string;
  state: ColumnType<'draft' | 'issued', 'draft' | 'issued' | undefined, 'draft' | 'issued'>;
  year: number | null;
  number: number | null;
  period_from: DateColumn;
  period_to: DateColumn;
  masthead: string;
  title: string;
  issuer: string;
  summary: ColumnType<string, string | undefined, string>;
  next_steps: ColumnType<string, string | undefined, string>;
  distribution: ColumnType<string, string | undefined, string>;
  /** BriefingFigures (contract), as JSON. */
  figures: ColumnType<unknown, string, string>;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  issued_by: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SnapshotsTable {
  target_id: string;
  day: DateColumn;
  status: string;
  figure: NullableNumeric;
  progress: NullableNumeric;
}

export interface TargetsTables {
  targets_targets: TargetsTable;
  targets_reports: ReportsTable;
  targets_chases: ChasesTable;
  targets_briefings: BriefingsTable;
  targets_snapshots: SnapshotsTable;
  targets_milestones: MilestonesTable;
}
