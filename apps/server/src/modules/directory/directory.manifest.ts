import { on, type ModuleManifest } from '../../platform/module.js';
import { seedDirectoryDemo } from './directory.demo.js';
import { directoryRoutes } from './directory.routes.js';
import { enterprisesSearchSource, productsSearchSource } from './directory.search-source.js';
import { reindexSubject } from './directory.service.js';
import { directoryStatistics } from './directory.statistics.js';

export const directoryManifest = {
  name: 'directory',
  label: { zh: '企业名录', en: 'Enterprise directory' },
  routes: directoryRoutes,
  events: {
    handles: [on('subject.facts_changed', async (trx, payload) => (payload.kind === 'enterprise' && payload.variables.includes('industry') ? reindexSubject(trx, payload.subjectId) : undefined))],
  },
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedDirectoryDemo,
  statistics: directoryStatistics,
  searchSources: [enterprisesSearchSource, productsSearchSource],
} satisfies ModuleManifest;
