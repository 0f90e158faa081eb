import type { ColumnType, Generated } from 'kysely';
import type { Status } from './workflow.js';

type Json<T> = ColumnType<T, string, string>;

export interface ApplicationsTable {
  id: Generated<string>;
  reference: string;
  origin: 'application' | 'automatic';
  item_id: string;
  item_version: number;
  item_title: Json<{ zh: string; en: string }>;
  subject_id: string;
  subject_name: string;
  applicant_user_id: string | null;
  department_id: string;
  region_code: string;
  status: Status;
  stage_entered_at: Date;
  stage_due_on: string | null;
  review_round: Generated<number>;
  answers: Json<Record<string, unknown>>;
  product_key: string | null;
  verdict: Json<unknown>;
  evaluated_on: string;
  amount_fen: number | null;
  approved_fen: number | null;
  approved_on: string | null;
  publicity_from: string | null;
  publicity_until: string | null;
  row_version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface PayeeAccountsTable {
  application_id: string;
  bank: string;
  holder: string;
  number_enc: string;
  number_masked: string;
  given_at: Date;
}

export interface MaterialsTable {
  application_id: string;
  material_id: string;
  file_id: string;
  added_at: Date;
}

export interface ObjectionsTable {
  id: Generated<string>;
  application_id: string;
  filed_at: Date;
  filer_name: string;
  filer_contact: string;
  text: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

export interface DepartmentsTable {
  lead_unit: string;
  region_code: string;
  organisation_id: string;
  note: string | null;
}

/** The department that pays awarded money in a region (拨付). */
export interface PayingDepartmentsTable {
  region_code: string;
  organisation_id: string;
  note: string | null;
}

export interface WorkflowsTable {
  item_id: string;
  definition: Json<unknown>;
  updated_at: Generated<Date>;
}

/** Core tables fulfilment reads (names of organisations and people, its own audit entries). */
interface CoreOrganisations {
  id: string;
  name: string;
  region_code: string;
}
interface CoreUsers {
  id: string;
  display_name: string;
}
interface CoreMemberships {
  organisation_id: string;
  user_id: string;
  roles: string[];
}
interface CoreAudit {
  id: number;
  at: Date;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
}

export interface GrantsWithoutAmountTable {
  application_id: string;
  item_id: string;
  subject_id: string;
  product_key: string | null;
  once_key: string | null;
  granted_on: string;
  released: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface FulfilmentTables {
  fulfilment_grants_without_amount: GrantsWithoutAmountTable;
  fulfilment_applications: ApplicationsTable;
  fulfilment_materials: MaterialsTable;
  fulfilment_payee_accounts: PayeeAccountsTable;
  fulfilment_objections: ObjectionsTable;
  fulfilment_departments: DepartmentsTable;
  fulfilment_paying_departments: PayingDepartmentsTable;
  fulfilment_workflows: WorkflowsTable;
  identity_organisations: CoreOrganisations;
  identity_users: CoreUsers;
  identity_memberships: CoreMemberships;
  audit_log: CoreAudit;
}
