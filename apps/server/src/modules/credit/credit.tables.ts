import type { Generated } from 'kysely';
import type { CreditRecordKind, CreditRepairStatus, CreditSeverity } from '@seedbed/contract';

export interface CreditRecordsTable {
  id: Generated<string>;
  credit_code: string;
  subject_name: string;
  subject_id: string | null;
  kind: CreditRecordKind;
  severity: CreditSeverity | null;
  source_org_id: string;
  decision_number: string;
  decided_on: string;
  legal_basis: string;
  content: string;
  origin: 'entered' | 'imported';
  repaired_on: string | null;
  recorded_by: string;
  recorded_at: Date;
}
export interface CreditRepairsTable {
  id: Generated<string>;
  record_id: string;
  applied_by: string;
  reason: string;
  evidence_file_id: string;
  status: CreditRepairStatus;
  applied_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}
export interface CreditInquiriesTable {
  id: Generated<string>;
  credit_code: string;
  organisation_id: string;
  user_id: string;
  at: Date;
}
export interface CreditTables {
  credit_records: CreditRecordsTable;
  credit_repairs: CreditRepairsTable;
  credit_inquiries: CreditInquiriesTable;
}
