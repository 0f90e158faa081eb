import type { ModuleManifest } from '../../platform/module.js';
import { searchRoutes } from './search.routes.js';

export const searchManifest = {
  name: 'search',
  label: { zh: '全站搜索', en: 'Site search' },
  routes: searchRoutes,
} satisfies ModuleManifest;
