import type { ModuleManifest } from '../../platform/module.js';
import { seedInstrumentsDemo } from './instruments.demo.js';
import { instrumentsRoutes } from './instruments.routes.js';
import { instrumentsStatistics } from './instruments.statistics.js';
import { instrumentsSearchSource } from './instruments.search-source.js';

declare module '../../platform/module.js' {
  interface NotificationKinds {
    'instruments.booking': true;
  }
}

export const instrumentsManifest = {
  name: 'instruments',
  label: { zh: '仪器共享', en: 'Shared instruments' },
  routes: instrumentsRoutes,
  notificationKinds: [
    { kind: 'instruments.booking', label: { zh: '仪器预约', en: 'Instrument bookings' }, description: { zh: '预约确认、不予通过、使用与费用、候补时段空出', en: 'Confirmations, rejections, use and bills, freed slots you waited for' } },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedInstrumentsDemo,
  statistics: instrumentsStatistics,
  searchSources: [instrumentsSearchSource],
} satisfies ModuleManifest;
