import { sql } from 'kysely';
import { CARRIER_KINDS, CARRIER_KIND_LABELS, RECOGNITION_LEVELS, RECOGNITION_LEVEL_LABELS, type CarrierKind, type RecognitionLevel } from '@seedbed/contract';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition, StatisticQuery, StatisticRecord } from '../../platform/module.js';
import { regionPrefix } from '../policies/index.js';

const inRegion = (q: StatisticQuery) => regionPrefix(q.regionCode) + '%';

/** Carriers in the region registered by the period's end (of one kind, when given). */
async function carriersCount(db: Db | Tx, q: StatisticQuery, kind?: CarrierKind): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM carriers
     WHERE region_code LIKE ${inRegion(q)} AND created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       AND (${kind ?? null}::text IS NULL OR kind = ${kind ?? ''})`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** The carriers `carriersCount` counts, newest first. */
async function carrierRecords(db: Db | Tx, q: StatisticQuery, limit: number, kind?: CarrierKind): Promise<StatisticRecord[]> {
  const r = await sql<{ id: string; name: string; kind: CarrierKind; day: string }>`
    SELECT id, name, kind, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM carriers
     WHERE region_code LIKE ${inRegion(q)} AND created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       AND (${kind ?? null}::text IS NULL OR kind = ${kind ?? ''})
     ORDER BY created_at DESC, name LIMIT ${limit}`.execute(db);
  return r.rows.map((c) => ({ label: `${c.name}（${CARRIER_KIND_LABELS[c.kind].zh}）`, date: c.day, link: `/carriers/${c.id}` }));
}

/** Carriers in the region whose highest recognition valid on the period's last day is `level`. */
async function carriersAtLevel(db: Db | Tx, q: StatisticQuery, level: RecognitionLevel): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM carriers c
     WHERE c.region_code LIKE ${inRegion(q)}
       AND (SELECT x.level FROM carrier_recognitions x
             WHERE x.carrier_id = c.id AND x.recognised_on <= ${q.to}::date AND (x.valid_until IS NULL OR x.valid_until >= ${q.to}::date)
             ORDER BY array_position(ARRAY['national','provincial','city','district'], x.level) LIMIT 1) = ${level}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** The area of the region's carriers registered by the period's end. */
async function area(db: Db | Tx, q: StatisticQuery, column: 'area_total_m2' | 'area_tenant_m2' | 'area_public_m2'): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT coalesce(sum(${sql.ref(column)}), 0)::bigint AS n FROM carriers
     WHERE region_code LIKE ${inRegion(q)} AND created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Firms staying in the region's carriers on the period's last day. */
async function tenants(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(DISTINCT x.subject_id)::int AS n FROM carrier_tenancies x JOIN carriers c ON c.id = x.carrier_id
     WHERE c.region_code LIKE ${inRegion(q)} AND x.entered_on <= ${q.to}::date AND (x.left_on IS NULL OR x.left_on > ${q.to}::date)`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Firms graduating from the region's carriers within the period. */
async function graduates(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM carrier_tenancies x JOIN carriers c ON c.id = x.carrier_id
     WHERE c.region_code LIKE ${inRegion(q)} AND x.exit = 'graduated' AND x.left_on BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Jobs in the region's carriers as their accepted annual statistics of the period's last year report. */
async function jobs(db: Db | Tx, q: StatisticQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT coalesce(sum(a.jobs), 0)::bigint AS n FROM carrier_annual_reports a JOIN carriers c ON c.id = a.carrier_id
     WHERE c.region_code LIKE ${inRegion(q)} AND a.status = 'accepted' AND a.year = ${Number(q.to.slice(0, 4))}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

const CARRIERS = { zh: '家', en: 'carriers' };
const FIRMS = { zh: '家', en: 'firms' };
const M2 = { zh: '平方米', en: 'm²' };

export const carriersStatistics: StatisticDefinition[] = [
  { name: 'carriers.carriers', public: true, label: { zh: '双创载体', en: 'Carriers' }, unit: CARRIERS, compute: (db, q) => carriersCount(db, q), records: (db, q, limit) => carrierRecords(db, q, limit) },
  ...CARRIER_KINDS.map((kind) => ({
    name: `carriers.kind_${kind}`, public: true,
    label: { zh: `双创载体：${CARRIER_KIND_LABELS[kind].zh}`, en: `Carriers: ${CARRIER_KIND_LABELS[kind].en}` },
    unit: CARRIERS,
    compute: (db: Db | Tx, q: StatisticQuery) => carriersCount(db, q, kind),
    records: (db: Db | Tx, q: StatisticQuery, limit: number) => carrierRecords(db, q, limit, kind),
  })),
  ...RECOGNITION_LEVELS.map((level) => ({
    name: `carriers.level_${level}`, public: true,
    label: { zh: `${RECOGNITION_LEVEL_LABELS[level].zh}认定的双创载体`, en: `Carriers recognised at ${RECOGNITION_LEVEL_LABELS[level].en.toLowerCase()} level` },
    unit: CARRIERS,
    compute: (db: Db | Tx, q: StatisticQuery) => carriersAtLevel(db, q, level),
  })),
  { name: 'carriers.area_total', public: true, label: { zh: '载体总面积', en: 'Carriers: total area' }, unit: M2, compute: (db, q) => area(db, q, 'area_total_m2') },
  { name: 'carriers.area_tenants', public: true, label: { zh: '在孵企业用房面积', en: 'Carriers: area for tenants' }, unit: M2, compute: (db, q) => area(db, q, 'area_tenant_m2') },
  { name: 'carriers.area_public', public: true, label: { zh: '公共服务面积', en: 'Carriers: public service area' }, unit: M2, compute: (db, q) => area(db, q, 'area_public_m2') },
  { name: 'carriers.tenants', public: true, label: { zh: '在孵企业', en: 'Tenants' }, unit: FIRMS, compute: tenants },
  { name: 'carriers.graduates', public: true, label: { zh: '毕业企业', en: 'Graduates' }, unit: FIRMS, compute: graduates },
  { name: 'carriers.jobs', public: true, label: { zh: '在孵企业从业人员（年度统计已审核）', en: "Tenants' jobs (accepted annual statistics)" }, unit: { zh: '人', en: 'people' }, compute: jobs },
];
