import { CONTENT_CATEGORY_LABELS, CONTENT_KIND_LABELS, type ContentCategory, type ContentKind } from '@seedbed/contract';
import { sql } from 'kysely';
import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';

/**
 * Published news, notices, interpretations and videos in the site-wide search. A region keeps
 * what its own departments and those above it published (the city's news concern its districts).
 */
export const contentSearchSource: SearchSource = {
  kind: 'news',
  label: { zh: '资讯', en: 'News' },
  order: 70,
  async search(db, q) {
    const where = sql`c.search @@ ${q.tsquery}::tsquery AND c.status = 'published' AND c.publish_at <= ${q.now}
      AND (${q.regionPrefix}::text IS NULL OR o.region_code LIKE ${`${q.regionPrefix ?? ''}%`} OR o.region_code = ANY(${q.regionAncestors ?? []}::text[]))`;
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM content_items c JOIN identity_organisations o ON o.id = c.organisation_id WHERE ${where}`.execute(db);
    const rows = await sql<{ id: string; kind: ContentKind; category: ContentCategory; title: string; summary: string; department: string; region_code: string }>`
      SELECT c.id, c.kind, c.category, c.title, c.summary, o.name AS department, o.region_code
        FROM content_items c JOIN identity_organisations o ON o.id = c.organisation_id
       WHERE ${where}
       ORDER BY ts_rank(c.search, ${q.tsquery}::tsquery) DESC, c.publish_at DESC, c.id
       LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map((r) => ({
        id: r.id,
        title: r.title,
        summary: summaryOf(r.summary || r.department),
        regionCode: r.region_code,
        path: `/news/${r.id}`,
        tags: [CONTENT_KIND_LABELS[r.kind], CONTENT_CATEGORY_LABELS[r.category]].filter((x) => x !== undefined),
      })),
    };
  },
};
