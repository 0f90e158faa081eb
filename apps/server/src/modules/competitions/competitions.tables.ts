import type { ColumnType, Generated } from 'kysely';
import type { CompetitionStage, ExclusionReasonCode, TieRelationCode } from '@seedbed/contract';

type Json<T> = ColumnType<T, string, string>;

export interface StoredCriterion {
  id: string;
  label: { zh: string; en: string };
  max: number;
}

export interface CompetitionCallsTable {
  id: Generated<string>;
  region_code: string;
  organisation_id: string;
  title: string;
  rules: string;
  tracks: Json<string[]>;
  rubric: Json<StoredCriterion[]>;
  opens_on: string;
  closes_on: string;
  final_on: string;
  finalists: number;
  prizes: number;
  stage: CompetitionStage;
  published_at: Date | null;
  created_by: string;
  created_at: Date;
}
export interface CompetitionEntriesTable {
  id: Generated<string>;
  call_id: string;
  subject_id: string;
  organisation_id: string;
  track: string;
  project: string;
  summary: string;
  team: Json<{ name: string; role: string }[]>;
  region_code: string;
  deck_file_id: string;
  entered_by: string;
  entered_at: Date;
  finalist: Generated<boolean>;
  rank: number | null;
  winner: Generated<boolean>;
}
export interface CompetitionExpertsTable {
  id: Generated<string>;
  user_id: string;
  region_code: string;
  employer_name: string;
  employer_credit_code: string | null;
  fields: string;
  created_by: string;
  created_at: Date;
}
export interface CompetitionExpertTiesTable {
  expert_id: string;
  credit_code: string;
  enterprise_name: string;
  relation: TieRelationCode;
}
export interface CompetitionJudgesTable {
  call_id: string;
  round: number;
  expert_id: string;
  assigned_by: string;
  assigned_at: Date;
}
export interface CompetitionExclusionsTable {
  call_id: string;
  round: number;
  entry_id: string;
  expert_id: string;
  reason: ExclusionReasonCode;
  detail_zh: string;
  detail_en: string;
  recorded_at: Date;
}
/** Core tables, read for names and credit codes (only their owners write them). */
interface CoreSubjects {
  id: string;
  kind: string;
  name: string;
  credit_code: string | null;
  organisation_id: string | null;
  region_code: string | null;
}
interface CoreUsers {
  id: string;
  display_name: string;
}

export interface CompetitionTables {
  subjects: CoreSubjects;
  identity_users: CoreUsers;
  competition_calls: CompetitionCallsTable;
  competition_entries: CompetitionEntriesTable;
  competition_experts: CompetitionExpertsTable;
  competition_expert_ties: CompetitionExpertTiesTable;
  competition_judges: CompetitionJudgesTable;
  competition_exclusions: CompetitionExclusionsTable;
}
