import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';
import { LOAN_DISTRICT, LOANS_WITH_BORROWER } from './loans.figures.js';

const inRegion = (q: StatisticQuery) => regionPrefix(q.regionCode) + '%';
const COUNT = { zh: '笔', en: 'loans' };
const FEN = { zh: '分', en: 'fen' };

/** The loans with their district (the borrower's inside the loan's region, loans.figures.ts) as `district`. */
const LOANS = sql`(SELECT l.*, ${LOAN_DISTRICT} AS district FROM ${LOANS_WITH_BORROWER}) l`;
const one = async (db: Db | Tx, query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]?.n ?? 0);

export const loansStatistics: StatisticDefinition[] = [
  {
    name: 'loans.requested',
    public: true,
    label: { zh: '创业担保贷款申请', en: 'Guaranteed loan requests' },
    unit: COUNT,
    compute: (db, q) => one(db, sql<{ n: number }>`SELECT count(*)::int AS n FROM ${LOANS} WHERE district LIKE ${inRegion(q)} AND (created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`),
  },
  {
    name: 'loans.granted',
    public: true,
    label: { zh: '创业担保贷款发放笔数', en: 'Guaranteed loans granted' },
    unit: COUNT,
    compute: (db, q) => one(db, sql<{ n: number }>`SELECT count(*)::int AS n FROM ${LOANS} WHERE district LIKE ${inRegion(q)} AND start_on BETWEEN ${q.from}::date AND ${q.to}::date AND granted_at IS NOT NULL`),
  },
  {
    name: 'loans.granted_amount',
    public: true,
    label: { zh: '创业担保贷款发放金额', en: 'Guaranteed loans granted, amount' },
    unit: FEN,
    compute: (db, q) => one(db, sql<{ n: number }>`SELECT coalesce(sum(principal_fen), 0)::bigint AS n FROM ${LOANS} WHERE district LIKE ${inRegion(q)} AND start_on BETWEEN ${q.from}::date AND ${q.to}::date AND granted_at IS NOT NULL`),
  },
  {
    name: 'loans.subsidies_computed',
    public: true,
    label: { zh: '核定的贷款贴息', en: 'Interest subsidies assessed' },
    unit: FEN,
    compute: (db, q) => one(db, sql<{ n: number }>`SELECT coalesce(sum(x.subsidy_fen), 0)::bigint AS n FROM loan_subsidies x JOIN ${LOANS} ON l.id = x.loan_id WHERE l.district LIKE ${inRegion(q)} AND (x.computed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`),
  },
];
