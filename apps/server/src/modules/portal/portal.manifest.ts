import type { ModuleManifest } from '../../platform/module.js';
import { portalRoutes } from './portal.routes.js';

export const portalManifest = {
  name: 'portal',
  label: { zh: '门户', en: 'Portal' },
  routes: portalRoutes,
} satisfies ModuleManifest;
