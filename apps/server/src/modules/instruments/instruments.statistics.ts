import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

/** Instruments listed in the region (by the instrument's district), on the period's last day. */
async function instruments(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM instruments_instruments i WHERE ${inRegion('i.region_code', q)} AND (i.created_at AT TIME ZONE 'Asia/Shanghai')::date <= ${q.to}::date`.execute(db);
  return asNumber(r.rows[0]?.n);
}

/** Bookings made in the period of instruments in the region (neither cancelled nor rejected). */
async function bookings(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM instruments_bookings b JOIN instruments_instruments i ON i.id = b.instrument_id
     WHERE ${inRegion('i.region_code', q)} AND ${inPeriod('b.created_at', q)} AND b.status NOT IN ('cancelled','rejected')`.execute(db);
  return asNumber(r.rows[0]?.n);
}

/** Seconds of recorded use in the period (by the use's start), all or only by external users. */
async function usedSeconds(db: Db | Tx, q: StatisticQuery, externalOnly: boolean): Promise<number> {
  const r = await sql<{ s: string | null }>`
    SELECT coalesce(sum(extract(epoch FROM b.actual_end - b.actual_start)), 0)::bigint AS s
      FROM instruments_bookings b JOIN instruments_instruments i ON i.id = b.instrument_id
     WHERE b.status = 'completed' AND ${inRegion('i.region_code', q)} AND ${inPeriod('b.actual_start', q)} ${externalOnly ? sql`AND b.external` : sql``}`.execute(db);
  return asNumber(r.rows[0]?.s);
}

export const instrumentsStatistics: StatisticDefinition[] = [
  { name: 'instruments.instruments', public: true, label: { zh: '共享仪器数', en: 'Shared instruments' }, unit: { zh: '台（套）', en: 'instruments' }, compute: instruments },
  { name: 'instruments.bookings', public: true, label: { zh: '仪器预约数', en: 'Instrument bookings' }, unit: { zh: '次', en: 'bookings' }, compute: bookings },
  {
    name: 'instruments.effective_hours', public: true,
    label: { zh: '仪器有效机时', en: 'Effective instrument hours' },
    unit: { zh: '小时', en: 'hours' },
    compute: async (db, q) => Math.round(((await usedSeconds(db, q, false)) / 3600) * 100) / 100,
  },
  {
    name: 'instruments.sharing_rate', public: true,
    label: { zh: '仪器共享率（对外服务机时÷有效机时）', en: 'Sharing rate (external ÷ effective hours)' },
    unit: { zh: '%', en: '%' },
    compute: async (db, q) => {
      const all = await usedSeconds(db, q, false);
      return all > 0 ? Math.round(((await usedSeconds(db, q, true)) / all) * 10_000) / 100 : 0;
    },
  },
];
