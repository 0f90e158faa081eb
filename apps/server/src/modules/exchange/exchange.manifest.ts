import type { ModuleManifest } from '../../platform/module.js';
import { exchangeRoutes } from './exchange.routes.js';
import { exchangeStatistics } from './exchange.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'exchange.report': true;
    'exchange.oversee': true;
  }
}

export const exchangeManifest = {
  name: 'exchange',
  label: { zh: '互联互通', en: 'Interconnection' },
  permissions: [
    { name: 'exchange.report', label: { zh: '向上级平台报送本地区指标', en: "Report this region's indicators to the upstream platform" }, roles: ['programme_office'] },
    { name: 'exchange.oversee', label: { zh: '查看区县报送情况', en: "See which districts reported their indicators" }, roles: ['programme_office'] },
  ],
  routes: exchangeRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  statistics: exchangeStatistics,
} satisfies ModuleManifest;
