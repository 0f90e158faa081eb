import type { ModuleManifest } from '../../platform/module.js';
import { filesRoutes } from './files.routes.js';

/** No statistic: a file has an owner, not a region, and the number of uploads measures nothing a target names. */
export const filesManifest = {
  name: 'files',
  label: { zh: '文件', en: 'Files' },
  routes: filesRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  statistics: [],
} satisfies ModuleManifest;
