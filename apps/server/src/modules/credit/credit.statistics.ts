import { sql } from 'kysely';
import { CREDIT_GRADES, CREDIT_GRADE_LABELS, CREDIT_RECORD_KIND_LABELS, CREDIT_SEVERITY_LABELS, type CreditRecordKind, type CreditSeverity } from '@seedbed/contract';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';
import { rate } from './credit.rating.js';
import { allEnterprisesForRating } from './credit.repository.js';

// Records count by the source department's region and the decision day; repairs by the day applied or decided.
const inRegion = (q: StatisticQuery) => regionPrefix(q.regionCode) + '%';
const RECORDS = { zh: '条', en: 'records' };
const REPAIRS = { zh: '件', en: 'applications' };
const one = async (db: Db | Tx, query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]?.n ?? 0);

const records = (q: StatisticQuery, where: ReturnType<typeof sql>) =>
  sql<{ n: number }>`SELECT count(*)::int AS n FROM credit_records c JOIN identity_organisations o ON o.id = c.source_org_id WHERE o.region_code LIKE ${inRegion(q)} AND c.decided_on BETWEEN ${q.from}::date AND ${q.to}::date AND ${where}`;

export const creditStatistics: StatisticDefinition[] = [
  { name: 'credit.records', public: true, label: { zh: '信用记录', en: 'Credit records' }, unit: RECORDS, compute: (db, q) => one(db, records(q, sql`true`)) },
  ...(Object.entries(CREDIT_RECORD_KIND_LABELS) as [CreditRecordKind, { zh: string; en: string }][]).map(([kind, label]): StatisticDefinition => ({
    name: `credit.records_${kind}`,
    public: true,
    label: { zh: `信用记录：${label.zh}`, en: `Credit records: ${label.en}` },
    unit: RECORDS,
    compute: (db, q) => one(db, records(q, sql`c.kind = ${kind}`)),
  })),
  ...(Object.entries(CREDIT_SEVERITY_LABELS) as [CreditSeverity, { zh: string; en: string }][]).map(([severity, label]): StatisticDefinition => ({
    name: `credit.records_${severity}`,
    public: true,
    label: { zh: `失信记录（${label.zh}）`, en: `Adverse records, ${label.en.toLowerCase()}` },
    unit: RECORDS,
    compute: (db, q) => one(db, records(q, sql`c.severity = ${severity}`)),
  })),
  {
    name: 'credit.repairs_applied',
    public: true,
    label: { zh: '信用修复申请', en: 'Credit repair applications' },
    unit: REPAIRS,
    compute: (db, q) => one(db, sql<{ n: number }>`SELECT count(*)::int AS n FROM credit_repairs p JOIN credit_records c ON c.id = p.record_id JOIN identity_organisations o ON o.id = c.source_org_id WHERE o.region_code LIKE ${inRegion(q)} AND (p.applied_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`),
  },
  {
    name: 'credit.repairs_approved',
    public: true,
    label: { zh: '准予信用修复', en: 'Credit repairs approved' },
    unit: REPAIRS,
    compute: (db, q) => one(db, sql<{ n: number }>`SELECT count(*)::int AS n FROM credit_repairs p JOIN credit_records c ON c.id = p.record_id JOIN identity_organisations o ON o.id = c.source_org_id WHERE o.region_code LIKE ${inRegion(q)} AND p.status = 'approved' AND (p.decided_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`),
  },
  // Ratings by grade: the registered enterprises of the region rated as of the period's last day
  // (the rating is computed, never stored: credit.rating.ts). Internal: a small district's D count
  // could point at one firm.
  ...CREDIT_GRADES.map((grade): StatisticDefinition => ({
    name: `credit.ratings_${grade}`,
    label: { zh: `信用评级：${CREDIT_GRADE_LABELS[grade].zh}`, en: `Credit rating ${CREDIT_GRADE_LABELS[grade].en}` },
    unit: { zh: '家', en: 'enterprises' },
    compute: async (db, q) => {
      const firms = await allEnterprisesForRating(db, inRegion(q));
      return firms.filter((f) => rate({ today: q.to, foundedOn: f.founded_on && /^\d{4}-\d{2}-\d{2}$/.test(f.founded_on) ? f.founded_on : null, records: f.records.map((r) => ({ kind: r.kind as never, severity: r.severity as never, decidedOn: r.decided_on, repairedOn: r.repaired_on, content: r.content })) }).grade === grade).length;
    },
  })),
];
