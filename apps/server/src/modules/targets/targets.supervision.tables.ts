import type { ColumnType, Generated } from 'kysely';
import type { TargetsTables } from './targets.tables.js';

type DateColumn = ColumnType<string, string, string>;

export interface SupervisionItemsTable {
  id: Generated<string>;
  target_id: string;
  organisation_id: string;
  subject: string;
  request: string;
  level: 'general' | 'key';
  deadline: DateColumn;
  status: 'open' | 'answered' | 'returned' | 'closed';
  issued_by: string;
  issued_at: Date;
  closed_at: Date | null;
  escalated_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SupervisionStepsTable {
  id: Generated<string>;
  item_id: string;
  action: 'issued' | 'answered' | 'returned' | 'closed' | 'escalated';
  text: string | null;
  actor_id: string | null;
  organisation_id: string | null;
  at: Date;
}

export interface SupervisionTables extends Pick<TargetsTables, 'targets_targets'> {
  targets_supervision_items: SupervisionItemsTable;
  targets_supervision_steps: SupervisionStepsTable;
}
