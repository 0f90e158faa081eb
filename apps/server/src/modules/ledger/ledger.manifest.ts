import type { ModuleManifest } from '../../platform/module.js';

/**
 * The ledger has no routes, permissions or statistics of its own: the modules that keep money or
 * quotas on it (budgets today) expose and count them through their own APIs.
 */
export const ledgerManifest = {
  name: 'ledger',
  label: { zh: '账本', en: 'Ledger' },
  migrations: new URL('./migrations/', import.meta.url),
} satisfies ModuleManifest;
