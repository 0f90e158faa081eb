import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const policyStatistics: StatisticDefinition[] = [
  {
    name: 'policies.versions_published', public: true,
    label: { zh: '发布的政策版本', en: 'Policy versions published' },
    unit: { zh: '个', en: 'versions' },
    // Items of the region or its districts; the catalogue's own import (no publisher) is not a publication.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM policy_versions v JOIN policy_items i ON i.id = v.item_id
                                    WHERE v.published_at IS NOT NULL AND v.published_by IS NOT NULL
                                      AND ${inRegion('i.region_code', q)} AND ${inPeriod('v.published_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
  {
    name: 'policies.items_in_force', public: true,
    label: { zh: '有效政策事项', en: 'Policy items in force' },
    unit: { zh: '项', en: 'items' },
    // Published items in force on the period's last day; items without a region (province-wide texts) count only for every region.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM policy_items i
                                    WHERE i.current_version IS NOT NULL AND i.effective_from <= ${q.to}::date AND (i.effective_to IS NULL OR i.effective_to >= ${q.to}::date)
                                      AND ${inRegion('i.region_code', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
];

/** Items by id with their titles, mode and region: dashboards and the audit log name items by title. */
export async function itemTitles(db: Db | Tx, ids: readonly string[]): Promise<Map<string, { zh: string; en: string; mode: 'apply' | 'automatic'; regionCode: string | null }>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; title_zh: string; title_en: string; mode: 'apply' | 'automatic'; region_code: string | null }>`
    SELECT id, title_zh, title_en, mode, region_code FROM policy_items WHERE id = ANY(${[...new Set(ids)]}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, { zh: x.title_zh, en: x.title_en, mode: x.mode, regionCode: x.region_code }]));
}

/**
 * The latest publications of the catalogue (new items and new versions, the catalogue's own
 * import included), newest first: what the portal's feed of new policies lists.
 */
export async function recentlyPublished(db: Db | Tx, limit: number): Promise<{ id: string; version: number; zh: string; en: string; publishedAt: Date }[]> {
  const r = await sql<{ id: string; version: number; title_zh: string; title_en: string; published_at: Date }>`
    SELECT i.id, v.version, i.title_zh, i.title_en, v.published_at FROM policy_versions v JOIN policy_items i ON i.id = v.item_id
     WHERE v.published_at IS NOT NULL AND v.status IN ('published', 'superseded')
     ORDER BY v.published_at DESC, i.id LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ id: x.id, version: x.version, zh: x.title_zh, en: x.title_en, publishedAt: x.published_at }));
}

/** The keys of the items with a published version (the public library's pages). */
export async function publishedItemIds(db: Db | Tx): Promise<string[]> {
  return (await sql<{ id: string }>`SELECT id FROM policy_items WHERE current_version IS NOT NULL ORDER BY id`.execute(db)).rows.map((r) => r.id);
}
