import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

/**
 * The vouchers' figures, by the holder's region and a period: issued (on the day of issue),
 * redeemed (delivery accepted) and settled (paid by finance), each as a count and in fen.
 */
const issued = (db: Db | Tx, q: StatisticQuery) =>
  sql<{ n: string; fen: string | null }>`SELECT count(*) AS n, sum(v.face_value_fen) AS fen FROM vouchers v JOIN subjects s ON s.id = v.subject_id
    WHERE ${inRegion('s.region_code', q)} AND v.issued_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);

const used = (db: Db | Tx, q: StatisticQuery, column: 'redeemed_at' | 'settled_at') =>
  sql<{ n: string; fen: string | null }>`SELECT count(*) AS n, sum(u.voucher_pays_fen) AS fen FROM voucher_uses u JOIN vouchers v ON v.id = u.voucher_id JOIN subjects s ON s.id = v.subject_id
    WHERE ${inRegion('s.region_code', q)} AND u.${sql.raw(column)} IS NOT NULL AND ${inPeriod(`u.${column}`, q)}`.execute(db);

export const voucherStatistics: StatisticDefinition[] = [
  {
    name: 'vouchers.issued', public: true,
    label: { zh: '发放服务券', en: 'Vouchers issued' },
    unit: { zh: '张', en: 'vouchers' },
    compute: async (db, q) => asNumber((await issued(db, q)).rows[0]?.n),
  },
  {
    name: 'vouchers.issued_fen', public: true,
    label: { zh: '发放服务券面额', en: 'Face value of vouchers issued' },
    unit: { zh: '分', en: 'fen' },
    compute: async (db, q) => asNumber((await issued(db, q)).rows[0]?.fen),
  },
  {
    name: 'vouchers.redeemed', public: true,
    label: { zh: '服务券兑付笔数', en: 'Voucher redemptions' },
    unit: { zh: '笔', en: 'redemptions' },
    compute: async (db, q) => asNumber((await used(db, q, 'redeemed_at')).rows[0]?.n),
  },
  {
    name: 'vouchers.redeemed_fen', public: true,
    label: { zh: '服务券兑付金额', en: 'Amount redeemed with vouchers' },
    unit: { zh: '分', en: 'fen' },
    compute: async (db, q) => asNumber((await used(db, q, 'redeemed_at')).rows[0]?.fen),
  },
  {
    name: 'vouchers.settled', public: true,
    label: { zh: '服务券结算笔数', en: 'Voucher redemptions settled' },
    unit: { zh: '笔', en: 'settlements' },
    compute: async (db, q) => asNumber((await used(db, q, 'settled_at')).rows[0]?.n),
  },
  {
    name: 'vouchers.settled_fen', public: true,
    label: { zh: '服务券结算金额', en: 'Amount settled for vouchers' },
    unit: { zh: '分', en: 'fen' },
    compute: async (db, q) => asNumber((await used(db, q, 'settled_at')).rows[0]?.fen),
  },
];

export interface VoucherFigureRow {
  schemeId: string;
  itemId: string;
  year: number;
  category: string | null;
  issued: number;
  issuedFen: number;
  redeemed: number;
  redeemedFen: number;
  settled: number;
  settledFen: number;
}

/**
 * The same figures broken down by scheme and service category (issued vouchers have no
 * category: their rows carry `category: null`), for a region and a period: for dashboards.
 */
export async function voucherFigures(db: Db | Tx, q: StatisticQuery): Promise<VoucherFigureRow[]> {
  const r = await sql<{ scheme_id: string; item_id: string; year: number; category: string | null; issued: string; issued_fen: string | null; redeemed: string; redeemed_fen: string | null; settled: string; settled_fen: string | null }>`
    SELECT sc.id AS scheme_id, sc.item_id, sc.year, NULL::text AS category, count(*) AS issued, sum(v.face_value_fen) AS issued_fen, 0 AS redeemed, 0 AS redeemed_fen, 0 AS settled, 0 AS settled_fen
      FROM vouchers v JOIN voucher_schemes sc ON sc.id = v.scheme_id JOIN subjects s ON s.id = v.subject_id
     WHERE ${inRegion('s.region_code', q)} AND v.issued_on BETWEEN ${q.from}::date AND ${q.to}::date
     GROUP BY sc.id, sc.item_id, sc.year
    UNION ALL
    SELECT sc.id, sc.item_id, sc.year, u.category, 0, 0,
           count(*) FILTER (WHERE u.redeemed_at IS NOT NULL AND ${inPeriod('u.redeemed_at', q)}),
           coalesce(sum(u.voucher_pays_fen) FILTER (WHERE u.redeemed_at IS NOT NULL AND ${inPeriod('u.redeemed_at', q)}), 0),
           count(*) FILTER (WHERE u.settled_at IS NOT NULL AND ${inPeriod('u.settled_at', q)}),
           coalesce(sum(u.voucher_pays_fen) FILTER (WHERE u.settled_at IS NOT NULL AND ${inPeriod('u.settled_at', q)}), 0)
      FROM voucher_uses u JOIN vouchers v ON v.id = u.voucher_id JOIN voucher_schemes sc ON sc.id = v.scheme_id JOIN subjects s ON s.id = v.subject_id
     WHERE ${inRegion('s.region_code', q)}
     GROUP BY sc.id, sc.item_id, sc.year, u.category`.execute(db);
  return r.rows.map((x) => ({
    schemeId: x.scheme_id,
    itemId: x.item_id,
    year: Number(x.year),
    category: x.category,
    issued: asNumber(x.issued),
    issuedFen: asNumber(x.issued_fen),
    redeemed: asNumber(x.redeemed),
    redeemedFen: asNumber(x.redeemed_fen),
    settled: asNumber(x.settled),
    settledFen: asNumber(x.settled_fen),
  }));
}
