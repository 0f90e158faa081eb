import type { ColumnType, Generated } from 'kysely';

/** One grant or revocation of consent (append-only: the live consent is the latest event per subject and client). */
export interface ExchangeConsentEventsTable {
  id: Generated<number>;
  subject_id: string;
  client_id: string;
  /** The platform and its organisation as they were named when consent was given (kept for the history). */
  platform_name: string;
  organisation_name: string;
  action: 'granted' | 'revoked';
  scope: string;
  by_user_id: string;
  by_name: string;
  at: ColumnType<Date, Date, never>;
}

/** One read of a subject's profile by a machine client (谁读取了我的档案). */
export interface ExchangeProfileReadsTable {
  id: Generated<number>;
  subject_id: string;
  client_id: string;
  platform_name: string;
  organisation_name: string;
  with_consent: boolean;
  at: ColumnType<Date, Date, never>;
}

/** One version of a district's indicator report for a period, as received (the city side). */
export interface ExchangeIndicatorReportsTable {
  id: Generated<string>;
  client_id: string;
  platform_name: string;
  organisation_id: string;
  region_code: string;
  period: string;
  /** First and last day of the period (YYYY-MM-DD), for the statistics. */
  period_from: string;
  period_to: string;
  version: number;
  indicators: ColumnType<{ name: string; value: number; unit: string }[], string, never>;
  digest: string;
  late: boolean;
  received_at: ColumnType<Date, Date, never>;
}

/** One push of indicators to an upstream (the district side): what was sent and the city's answer. */
export interface ExchangeIndicatorPushesTable {
  id: Generated<number>;
  upstream_id: string;
  period: string;
  version: number;
  indicators: ColumnType<{ name: string; value: number; unit: string }[], string, never>;
  status: number;
  pushed_by: string;
  at: ColumnType<Date, Date, never>;
}

export interface ExchangeTables {
  exchange_consent_events: ExchangeConsentEventsTable;
  exchange_profile_reads: ExchangeProfileReadsTable;
  exchange_indicator_reports: ExchangeIndicatorReportsTable;
  exchange_indicator_pushes: ExchangeIndicatorPushesTable;
}
