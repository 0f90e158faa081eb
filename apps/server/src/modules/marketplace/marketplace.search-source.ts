import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@seedbed/contract';
import { sql } from 'kysely';
import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';
import { indexLexemes } from '../policies/index.js';

const categoryLabel = (c: string) => SERVICE_CATEGORY_LABELS[c as ServiceCategory] ?? { zh: c, en: c };

/** A certification in force today (the provider's public standing). */
const CERTIFIED_TODAY = (today: string) => sql`c.status = 'certified' AND c.valid_from <= ${today}::date AND c.valid_to >= ${today}::date`;

// Providers' names carry no stored index (they are the organisations'): their lexemes are
// computed here, once per name and scope, and matched in SQL with the same tsquery.
const lexemeCache = new Map<string, string[]>();
function providerLexemes(text: string): string[] {
  let lexemes = lexemeCache.get(text);
  if (!lexemes) {
    if (lexemeCache.size > 5000) lexemeCache.clear();
    lexemes = indexLexemes(text);
    lexemeCache.set(text, lexemes);
  }
  return lexemes;
}

/** Certified providers in the site-wide search: by name and certified categories (words, pinyin), in a district. */
export const providersSearchSource: SearchSource = {
  kind: 'providers',
  label: { zh: '服务机构', en: 'Service providers' },
  order: 40,
  async search(db, q) {
    const certified = await sql<{ id: string; name: string; region_code: string; categories: string[] }>`
      SELECT DISTINCT ON (o.id) o.id, o.name, o.region_code, c.categories
        FROM marketplace_certifications c JOIN identity_organisations o ON o.id = c.organisation_id
       WHERE ${CERTIFIED_TODAY(q.today)} AND (${q.regionPrefix}::text IS NULL OR o.region_code LIKE ${`${q.regionPrefix ?? ''}%`})
       ORDER BY o.id, c.valid_to DESC`.execute(db);
    if (certified.rows.length === 0) return { total: 0, hits: [] };
    const docs = certified.rows.map((r) => ({ id: r.id, lex: providerLexemes([r.name, ...r.categories.map((c) => categoryLabel(c).zh)].join(' ')) }));
    const matched = await sql<{ id: string }>`
      SELECT d.id FROM jsonb_to_recordset(${JSON.stringify(docs)}::jsonb) AS d(id uuid, lex text[])
       WHERE array_to_tsvector(d.lex) @@ ${q.tsquery}::tsquery
       ORDER BY ts_rank(array_to_tsvector(d.lex), ${q.tsquery}::tsquery) DESC`.execute(db);
    const byId = new Map(certified.rows.map((r) => [r.id, r]));
    const ordered = matched.rows.map((m) => byId.get(m.id)!);
    return {
      total: ordered.length,
      hits: ordered.slice(q.offset, q.offset + q.limit).map((r) => ({
        id: r.id,
        title: r.name,
        summary: summaryOf(`认证服务范围：${r.categories.map((c) => categoryLabel(c).zh).join('、')}`),
        regionCode: r.region_code,
        path: `/market/providers/${r.id}`,
        tags: [{ zh: '认证服务机构', en: 'Certified provider' }],
      })),
    };
  },
};

/** Active listings of providers certified today for the listing's category, in the site-wide search. */
export const listingsSearchSource: SearchSource = {
  kind: 'services',
  label: { zh: '服务项目', en: 'Services' },
  order: 45,
  async search(db, q) {
    const where = sql`l.active AND l.search @@ ${q.tsquery}::tsquery
      AND EXISTS (SELECT 1 FROM marketplace_certifications c WHERE c.organisation_id = l.organisation_id AND ${CERTIFIED_TODAY(q.today)} AND l.category = ANY(c.categories))
      AND (${q.regionPrefix}::text IS NULL OR EXISTS (SELECT 1 FROM unnest(l.regions) rr WHERE rr = ANY(${q.regionAncestors ?? []}::text[]) OR rr LIKE ${`${q.regionPrefix ?? ''}%`}))`;
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM marketplace_listings l WHERE ${where}`.execute(db);
    const rows = await sql<{ id: string; organisation_id: string; title: string; description: string; category: string; provider: string; region_code: string }>`
      SELECT l.id, l.organisation_id, l.title, l.description, l.category, o.name AS provider, o.region_code
        FROM marketplace_listings l JOIN identity_organisations o ON o.id = l.organisation_id
       WHERE ${where}
       ORDER BY ts_rank(l.search, ${q.tsquery}::tsquery) DESC, l.created_at DESC, l.id
       LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map((r) => ({
        id: r.id,
        title: r.title,
        summary: summaryOf(`${r.provider} · ${r.description}`),
        regionCode: r.region_code,
        path: `/market/providers/${r.organisation_id}`,
        tags: [categoryLabel(r.category)],
      })),
    };
  },
};
