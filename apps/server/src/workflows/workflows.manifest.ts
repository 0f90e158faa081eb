import type { ModuleManifest } from '../platform/module.js';
import { seedActivityDemo } from '../demo/seed-activity-demo.js';
import { seedDemo } from '../demo/seed-demo.js';
import { applicantPaymentRoute } from './applicant-payment.js';
import { approveAwardRoute } from './approve-award.js';
import { auditLogRoutes } from './audit-log.js';
import { exportAwardsRoute } from './export-awards.js';
import { payAwardRoutes } from './pay-award.js';
import { registerAccountRoute } from './register-account.js';
import { resolveObjectionRoute } from './resolve-objection.js';
import { seedFulfilmentDemo } from './seed-fulfilment-demo.js';

/**
 * The actions that span modules (src/workflows/), registered like a module that owns no table:
 * their routes use the permissions of the modules they drive, and the demo data, which fills
 * several modules at once, is seeded here (accounts and profiles, then the fulfilment demo).
 * `benefitHistory` is wired in the app's dependencies instead (main.ts, the test app).
 */
export const workflowsManifest = {
  name: 'workflows',
  label: { zh: '跨模块业务', en: 'Workflows across modules' },
  routes: (app) => {
    registerAccountRoute(app);
    approveAwardRoute(app);
    payAwardRoutes(app);
    resolveObjectionRoute(app);
    exportAwardsRoute(app);
    auditLogRoutes(app);
    applicantPaymentRoute(app);
  },
  seedDemo: async (deps) => {
    await seedDemo(deps);
    await seedFulfilmentDemo(deps);
    await seedActivityDemo(deps);
  },
} satisfies ModuleManifest;
