import { INVESTMENT_STAGE_LABELS, INVESTOR_KIND_LABELS, type InvestmentStage, type InvestorKind } from '@seedbed/contract';
import { sql } from 'kysely';
import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';

/** Verified investors and funds in the site-wide search (the directory's rows; never their contact). */
export const investorsSearchSource: SearchSource = {
  kind: 'investors',
  label: { zh: '投资机构', en: 'Investors' },
  order: 55,
  async search(db, q) {
    const where = sql`i.search @@ ${q.tsquery}::tsquery AND i.status = 'verified'
      AND (${q.regionPrefix}::text IS NULL OR i.region_code LIKE ${`${q.regionPrefix ?? ''}%`})`;
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM investors i WHERE ${where}`.execute(db);
    const rows = await sql<{ id: string; kind: InvestorKind; name: string; intro: string; region_code: string; stages: InvestmentStage[] }>`
      SELECT i.id, i.kind, i.name, i.intro, i.region_code, i.stages
        FROM investors i
       WHERE ${where}
       ORDER BY ts_rank(i.search, ${q.tsquery}::tsquery) DESC, i.name, i.id
       LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map((r) => ({
        id: r.id,
        title: r.name,
        summary: summaryOf(r.intro),
        regionCode: r.region_code,
        path: `/investors/${r.id}`,
        tags: [INVESTOR_KIND_LABELS[r.kind], ...r.stages.slice(0, 2).map((s) => INVESTMENT_STAGE_LABELS[s])],
      })),
    };
  },
};
