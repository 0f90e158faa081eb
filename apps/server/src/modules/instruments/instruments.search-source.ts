import { INSTRUMENT_CATEGORY_LABELS, type InstrumentCategory } from '@seedbed/contract';
import { sql } from 'kysely';
import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';

/** The shared instruments in the site-wide search: name, model, maker, owner, by words and pinyin, in a district. */
export const instrumentsSearchSource: SearchSource = {
  kind: 'instruments',
  label: { zh: '共享仪器', en: 'Instruments' },
  order: 60,
  async search(db, q) {
    const where = sql`i.search @@ ${q.tsquery}::tsquery AND (${q.regionPrefix}::text IS NULL OR i.region_code LIKE ${`${q.regionPrefix ?? ''}%`})`;
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM instruments_instruments i WHERE ${where}`.execute(db);
    const rows = await sql<{ id: string; name: string; model: string; category: InstrumentCategory; location: string; region_code: string; owner_name: string }>`
      SELECT i.id, i.name, i.model, i.category, i.location, i.region_code, o.name AS owner_name
        FROM instruments_instruments i JOIN identity_organisations o ON o.id = i.organisation_id
       WHERE ${where}
       ORDER BY ts_rank(i.search, ${q.tsquery}::tsquery) DESC, i.name, i.id
       LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map((r) => ({
        id: r.id,
        title: r.model ? `${r.name}（${r.model}）` : r.name,
        summary: summaryOf(`${r.owner_name} · ${r.location}`),
        regionCode: r.region_code,
        path: `/instruments/${r.id}`,
        tags: [INSTRUMENT_CATEGORY_LABELS[r.category] ?? { zh: r.category, en: r.category }],
      })),
    };
  },
};
