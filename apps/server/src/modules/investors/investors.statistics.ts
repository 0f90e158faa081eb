import { sql, type RawBuilder } from 'kysely';
import { INVESTOR_KINDS, INVESTOR_KIND_LABELS } from '@seedbed/contract';
import type { StatisticDefinition, StatisticQuery } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

const count =
  (query: (q: StatisticQuery) => RawBuilder<{ n: string }>): StatisticDefinition['compute'] =>
  async (db, q) =>
    asNumber((await query(q).execute(db)).rows[0]?.n);

/** Verified investors of each kind in the region at the period's end (by their verification time). */
const byKind: StatisticDefinition[] = INVESTOR_KINDS.map((kind) => ({
  name: `investors.verified_${kind}`,
  public: true,
  label: { zh: `名录中的${INVESTOR_KIND_LABELS[kind].zh}`, en: `${INVESTOR_KIND_LABELS[kind].en}s listed` },
  unit: { zh: '家', en: 'investors' },
  compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM investors i WHERE ${inRegion('i.region_code', q)} AND i.kind = ${kind} AND i.status = 'verified' AND i.verified_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`),
}));

export const investorsStatistics: StatisticDefinition[] = [
  ...byKind,
  {
    name: 'investors.projects_posted',
    public: true,
    label: { zh: '企业提交的路演项目', en: 'Roadshow projects posted' },
    unit: { zh: '个', en: 'projects' },
    compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM investors_projects p WHERE ${inRegion('p.region_code', q)} AND ${inPeriod('p.posted_at', q)}`),
  },
  {
    name: 'investors.projects_published',
    public: true,
    label: { zh: '发布路演的项目', en: 'Roadshow projects published' },
    unit: { zh: '个', en: 'projects' },
    compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM investors_projects p WHERE ${inRegion('p.region_code', q)} AND p.status = 'published' AND ${inPeriod('p.decided_at', q)}`),
  },
  {
    name: 'investors.interests_expressed',
    public: true,
    label: { zh: '投资机构表达的投资意向', en: 'Expressions of interest' },
    unit: { zh: '次', en: 'interests' },
    compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM investors_interests x JOIN investors_projects p ON p.id = x.project_id WHERE ${inRegion('p.region_code', q)} AND ${inPeriod('x.created_at', q)}`),
  },
  {
    name: 'investors.contacts_accepted',
    public: true,
    label: { zh: '企业同意交换联系方式', en: 'Contacts accepted by firms' },
    unit: { zh: '次', en: 'contacts' },
    compute: count((q) => sql<{ n: string }>`SELECT count(*) AS n FROM investors_interests x JOIN investors_projects p ON p.id = x.project_id WHERE ${inRegion('p.region_code', q)} AND x.status = 'accepted' AND ${inPeriod('x.decided_at', q)}`),
  },
];
