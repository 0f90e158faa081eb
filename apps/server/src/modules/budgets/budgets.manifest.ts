import type { ModuleManifest } from '../../platform/module.js';
import { budgetRoutes } from './budgets.routes.js';
import { budgetStatistics } from './budgets.statistics.js';

/** Budgets use fulfilment's `fulfilment.pay` and `fulfilment.supervise`: the money is part of the fulfilment workflow. */
export const budgetsManifest = {
  name: 'budgets',
  label: { zh: '预算与拨付', en: 'Budgets and payments' },
  routes: budgetRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  statistics: budgetStatistics,
} satisfies ModuleManifest;
