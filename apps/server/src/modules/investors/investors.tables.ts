import type { ColumnType } from 'kysely';
import type { InterestStatus, InvestmentSector, InvestmentStage, InvestorKind, InvestorStatus, RoadshowStatus } from '@seedbed/contract';

type Id = ColumnType<string, string | undefined, never>;

export interface InvestorsTable {
  id: Id;
  organisation_id: string;
  name: string;
  kind: InvestorKind;
  stages: ColumnType<InvestmentStage[], string, string>;
  sectors: ColumnType<InvestmentSector[], string, string>;
  ticket_min_fen: ColumnType<string, number, number>;
  ticket_max_fen: ColumnType<string, number, number>;
  region_code: string;
  intro: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  status: ColumnType<InvestorStatus, InvestorStatus | undefined, InvestorStatus>;
  review_note: ColumnType<string, string | undefined, string>;
  verified_by: string | null;
  verified_at: Date | null;
  search: unknown;
  created_at: Date;
  updated_at: Date;
}
export interface InvestorsProjectsTable {
  id: Id;
  subject_id: string;
  region_code: string;
  name: string;
  sector: InvestmentSector;
  stage: InvestmentStage;
  amount_fen: ColumnType<string, number, number>;
  use_of_funds: string;
  summary: string;
  deck_file_id: string | null;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  status: ColumnType<RoadshowStatus, RoadshowStatus | undefined, RoadshowStatus>;
  review_note: ColumnType<string, string | undefined, string>;
  decided_by: string | null;
  decided_at: Date | null;
  posted_by: string;
  posted_at: Date;
}
export interface InvestorsInterestsTable {
  id: Id;
  project_id: string;
  investor_id: string;
  message: string;
  status: ColumnType<InterestStatus, InterestStatus | undefined, InterestStatus>;
  created_by: string;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}
export interface InvestorsTables {
  investors: InvestorsTable;
  investors_projects: InvestorsProjectsTable;
  investors_interests: InvestorsInterestsTable;
}
