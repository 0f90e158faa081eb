import { CARRIER_KIND_LABELS, type CarrierKind } from '@seedbed/contract';
import { sql } from 'kysely';
import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';

/** The carriers' registry in the site-wide search: each carrier, by words and pinyin, in a district. */
export const carriersSearchSource: SearchSource = {
  kind: 'carriers',
  label: { zh: '双创载体', en: 'Carriers' },
  order: 50,
  async search(db, q) {
    const where = sql`c.search @@ ${q.tsquery}::tsquery AND (${q.regionPrefix}::text IS NULL OR c.region_code LIKE ${`${q.regionPrefix ?? ''}%`})`;
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM carriers c WHERE ${where}`.execute(db);
    const rows = await sql<{ id: string; name: string; kind: CarrierKind; address: string; region_code: string; operator_name: string }>`
      SELECT c.id, c.name, c.kind, c.address, c.region_code, o.name AS operator_name
        FROM carriers c JOIN identity_organisations o ON o.id = c.organisation_id
       WHERE ${where}
       ORDER BY ts_rank(c.search, ${q.tsquery}::tsquery) DESC, c.name, c.id
       LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map((r) => ({
        id: r.id,
        title: r.name,
        summary: summaryOf(`${r.operator_name} · ${r.address}`),
        regionCode: r.region_code,
        path: `/carriers/${r.id}`,
        tags: [CARRIER_KIND_LABELS[r.kind] ?? { zh: r.kind, en: r.kind }],
      })),
    };
  },
};
