import type { ModuleManifest } from '../../platform/module.js';
import { dashboardRoutes } from './dashboard.routes.js';

/**
 * No permission of its own: the figures are supervision (fulfilment.supervise, the programme
 * office), within the regions the office covers. No tables and no statistic: it reads the
 * statistics other modules offer.
 */
export const dashboardManifest = {
  name: 'dashboard',
  label: { zh: '数据看板', en: 'Dashboard' },
  routes: dashboardRoutes,
} satisfies ModuleManifest;
