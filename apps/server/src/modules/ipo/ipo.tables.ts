import type { Generated } from 'kysely';
import type { IpoBoard, IpoEntryStatus, IpoRecordStatus, IpoRefusalReason, IpoStage } from '@seedbed/contract';

export interface IpoEntriesTable {
  id: Generated<string>;
  subject_id: string;
  region_code: string;
  board: IpoBoard;
  stage: IpoStage;
  status: IpoEntryStatus;
  note: string;
  enrolled_by_office: boolean;
  applied_by: string;
  applied_at: Date;
  refusal_reason: IpoRefusalReason | null;
  refusal_note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  admitted_on: string | null;
}
export interface IpoStageRecordsTable {
  id: Generated<string>;
  entry_id: string;
  stage: IpoStage;
  reached_on: string;
  evidence_file_id: string;
  note: string;
  status: IpoRecordStatus;
  recorded_by: string;
  recorded_at: Date;
  return_note: string | null;
  verified_by: string | null;
  verified_at: Date | null;
  verified_on: string | null;
}
export interface IpoRewardVerdictsTable {
  entry_id: string;
  subject_id: string;
  stage: IpoStage;
  item_id: string;
  product_key: string;
  item_title: unknown;
  status: string;
  amount_fen: string | number | null;
  up_to: boolean;
  reasons: unknown;
  handed: boolean;
  evaluated_on: string;
}
export interface IpoTables {
  ipo_entries: IpoEntriesTable;
  ipo_stage_records: IpoStageRecordsTable;
  ipo_reward_verdicts: IpoRewardVerdictsTable;
}
