import { sql } from 'kysely';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';

export const notificationStatistics: StatisticDefinition[] = [
  {
    name: 'notifications.sent_to_subjects',
    label: { zh: '发给企业和个人的通知', en: 'Notifications sent to enterprises and people' },
    unit: { zh: '条', en: 'notifications' },
    // One per person told; officials' reminders concern no subject and no region, so they are not counted.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM notifications n JOIN subjects s ON s.id = n.subject_id
                                    WHERE ${inRegion('s.region_code', q)} AND ${inPeriod('n.created_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
];
