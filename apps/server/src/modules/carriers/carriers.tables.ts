import type { ColumnType, Generated } from 'kysely';
import type { AssessmentGrade, CarrierKind, GraduationReason, OutcomeKind, RecognitionLevel } from '@seedbed/contract';

export interface CarriersTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  kind: CarrierKind;
  address: string;
  region_code: string;
  area_total_m2: number;
  area_tenant_m2: number;
  area_public_m2: number;
  services: string;
  search: ColumnType<string, string, string>;
  created_by: string;
  created_at: Date;
}
export interface CarrierRecognitionsTable {
  id: Generated<string>;
  carrier_id: string;
  level: RecognitionLevel;
  issuer: string;
  issuer_region_code: string | null;
  recognised_on: string;
  valid_until: string | null;
  recorded_by: string;
  recorded_at: Date;
}
export interface CarrierTenanciesTable {
  id: Generated<string>;
  carrier_id: string;
  subject_id: string;
  lease: string;
  area_m2: number;
  entered_on: string;
  left_on: string | null;
  exit: 'left' | 'graduated' | null;
  graduation_reason: GraduationReason | null;
  recorded_by: string;
  created_at: Date;
}
export interface CarrierTables {
  carriers: CarriersTable;
  carrier_recognitions: CarrierRecognitionsTable;
  carrier_tenancies: CarrierTenanciesTable;
}
export interface CarrierAnnualReportsTable {
  id: Generated<string>;
  carrier_id: string;
  year: number;
  tenants: number;
  tenants_ever: number;
  graduates: number;
  jobs: number;
  revenue_fen: number;
  rd_fen: number;
  ip_count: number;
  investment_fen: number;
  status: 'filed' | 'accepted' | 'returned';
  return_reason: string | null;
  filed_by: string;
  filed_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}
export interface CarrierAnnualTables {
  carrier_annual_reports: CarrierAnnualReportsTable;
}
export interface CarrierOutcomesTable {
  id: Generated<string>;
  carrier_id: string;
  tenancy_id: string;
  subject_id: string;
  kind: OutcomeKind;
  achieved_on: string;
  competition_level: string | null;
  region_code: string | null;
  evidence_file_id: string;
  recorded_by: string;
  recorded_at: Date;
}
export interface CarrierOutcomeVerdictsTable {
  outcome_id: string;
  item_id: string;
  item_title: ColumnType<unknown, string, string>;
  status: 'eligible' | 'ineligible' | 'unknown' | 'near_miss';
  amount_fen: ColumnType<string | number | null, number | null, number | null>;
  reasons: ColumnType<unknown, string, string>;
  evaluated_on: string;
}
export interface CarrierOutcomeTables {
  carrier_outcomes: CarrierOutcomesTable;
  carrier_outcome_verdicts: CarrierOutcomeVerdictsTable;
}
export interface CarrierAssessmentsTable {
  id: Generated<string>;
  carrier_id: string;
  year: number;
  status: 'open' | 'closed';
  score: ColumnType<string | number | null, number | null, number | null>;
  grade: AssessmentGrade | null;
  opened_by: string;
  opened_at: Date;
  closed_by: string | null;
  closed_at: Date | null;
}
export interface CarrierAssessmentTables {
  carrier_assessments: CarrierAssessmentsTable;
}
