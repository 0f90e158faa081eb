import { CROWD_POST_KIND_LABELS, SERVICE_CATEGORY_LABELS, type CrowdCategory, type CrowdPostKind, type ServiceCategory } from '@seedbed/contract';
import { sql } from 'kysely';
import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';

/** Open, unexpired supply and demand posts in the site-wide search (the public list's rows). */
export const crowdPostsSearchSource: SearchSource = {
  kind: 'posts',
  label: { zh: '供需信息', en: 'Supply and demand' },
  order: 30,
  async search(db, q) {
    const where = sql`p.search @@ ${q.tsquery}::tsquery AND p.closed_at IS NULL AND p.expires_on >= ${q.today}::date
      AND (${q.regionPrefix}::text IS NULL OR p.region_code LIKE ${`${q.regionPrefix ?? ''}%`})`;
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM crowd_posts p WHERE ${where}`.execute(db);
    const rows = await sql<{ id: string; kind: CrowdPostKind; title: string; body: string; category: CrowdCategory; region_code: string }>`
      SELECT p.id, p.kind, p.title, p.body, p.category, p.region_code
        FROM crowd_posts p
       WHERE ${where}
       ORDER BY ts_rank(p.search, ${q.tsquery}::tsquery) DESC, p.created_at DESC, p.id
       LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map((r) => ({
        id: r.id,
        title: r.title,
        summary: summaryOf(r.body),
        regionCode: r.region_code,
        path: `/crowd/posts/${r.id}`,
        tags: [CROWD_POST_KIND_LABELS[r.kind], r.category === 'other' ? { zh: '其他', en: 'Other' } : SERVICE_CATEGORY_LABELS[r.category as ServiceCategory]],
      })),
    };
  },
};
