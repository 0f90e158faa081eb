import type { ModuleManifest } from '../../platform/module.js';
import { notificationRoutes } from './notifications.routes.js';
import { notificationStatistics } from './notifications.statistics.js';

/** The kinds are declared by the modules that send them; this module keeps the inbox and the preferences. */
export const notificationsManifest = {
  name: 'notifications',
  label: { zh: '通知', en: 'Notifications' },
  routes: notificationRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  statistics: notificationStatistics,
} satisfies ModuleManifest;
