import { sql, type RawBuilder } from 'kysely';
import type { StatisticQuery } from './module.js';

/**
 * SQL conditions shared by the modules' statistics (`<m>.statistics.ts`): a period of calendar
 * days in Asia/Shanghai (both ends included), and a region with the districts inside it.
 */
export function inPeriod(column: string, q: StatisticQuery): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`;
}

/** The whole platform, every region (no GB/T 2260 code is 000000): the public figures of the home page. */
export const ALL_REGIONS = '000000';

/** `column` is the region or one of its districts (450100 covers 4501xx; 450000 covers 45xxxx); ALL_REGIONS: any row. */
export function inRegion(column: string, q: StatisticQuery): RawBuilder<boolean> {
  const code = q.regionCode;
  if (code === ALL_REGIONS) return sql<boolean>`TRUE`;
  const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
  return sql<boolean>`${sql.ref(column)} LIKE ${`${prefix}%`}`;
}

/** Reads a count or sum that PostgreSQL returns as bigint text. */
export const asNumber = (value: string | number | bigint | null | undefined): number => Number(value ?? 0);
