import type { ModuleManifest } from '../../platform/module.js';
import { opendataRoutes } from './opendata.routes.js';

/**
 * No tables, no permission of its own (every route is `public`) and no statistic: it reads the
 * statistics the other modules declare `public: true`.
 */
export const opendataManifest = {
  name: 'opendata',
  label: { zh: '数据开放', en: 'Open statistics' },
  routes: opendataRoutes,
} satisfies ModuleManifest;
