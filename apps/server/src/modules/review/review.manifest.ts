import type { ModuleManifest } from '../../platform/module.js';

/**
 * Review has no routes of its own: the module that owns a case (fulfilment's applications today)
 * offers reviewing through its own routes and permissions. Its statistics would need the owner's
 * region, so the owners count their reviewed cases instead.
 */
export const reviewManifest = {
  name: 'review',
  label: { zh: '评审', en: 'Review' },
  migrations: new URL('./migrations/', import.meta.url),
} satisfies ModuleManifest;
