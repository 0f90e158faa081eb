import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';

export const feedsStatistics: StatisticDefinition[] = [
  {
    name: 'feeds.upstream_items',
    label: { zh: '订阅的上级政策事项', en: 'Policy items subscribed from other platforms' },
    unit: { zh: '项', en: 'items' },
    // Held now (not per period or region): what the library and the finder show from elsewhere.
    compute: async (db) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM feeds_upstream_items WHERE NOT coalesce((payload->>'withdrawn')::boolean, false)`.execute(db)).rows[0]?.n ?? 0,
  },
];
