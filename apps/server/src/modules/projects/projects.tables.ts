import type { Generated } from 'kysely';
import type { AdoptionStatus, ProjectKind, ProjectOffer, ProjectStatus } from '@seedbed/contract';

export interface ProjectsTable {
  id: Generated<string>;
  poster_user_id: string;
  poster_subject_id: string;
  title: string;
  kind: ProjectKind;
  summary: string;
  industry: string;
  region_code: string;
  offers: ProjectOffer[];
  attachment_file_id: string | null;
  keeper_id: string | null;
  status: ProjectStatus;
  return_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  admitted_on: string | null;
  search: string;
  created_at: Date;
  updated_at: Date;
}
export interface ProjectAdoptionsTable {
  id: Generated<string>;
  project_id: string;
  adopter_subject_id: string;
  requested_by: string;
  plan: string;
  status: AdoptionStatus;
  answered_at: Date | null;
  answer_note: string | null;
  succeeded_on: string | null;
  evidence_file_id: string | null;
  success_note: string | null;
  recorded_by: string | null;
  recorded_at: Date | null;
  return_note: string | null;
  verified_by: string | null;
  verified_at: Date | null;
  verified_on: string | null;
  reward_fen: string | number | null;
  created_at: Date;
}
export interface ProjectRewardVerdictsTable {
  project_id: string;
  item_id: string;
  item_title: unknown;
  status: 'eligible' | 'ineligible' | 'unknown' | 'near_miss' | 'not_payable';
  amount_fen: string | number | null;
  reasons: unknown;
  handed: boolean;
  evaluated_on: string;
}
export interface ProjectTables {
  projects: ProjectsTable;
  project_adoptions: ProjectAdoptionsTable;
  project_reward_verdicts: ProjectRewardVerdictsTable;
}
