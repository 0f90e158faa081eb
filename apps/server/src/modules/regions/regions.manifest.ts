import type { ModuleManifest } from '../../platform/module.js';
import { regionRoutes } from './regions.routes.js';
import { ensureRegions } from './regions.service.js';

/** Regions offer no statistic of their own: they are what the others are counted by. */
export const regionsManifest = {
  name: 'regions',
  label: { zh: '行政区划与行业', en: 'Regions and industries' },
  routes: regionRoutes,
  // Its tables are core tables (src/platform/migrations/): other modules reference them.
  ensureReferenceData: async (db) => void (await ensureRegions(db)),
  statistics: [],
} satisfies ModuleManifest;
