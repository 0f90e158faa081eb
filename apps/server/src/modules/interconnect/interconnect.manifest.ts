import type { ModuleManifest } from '../../platform/module.js';
import { interconnectRoutes } from './interconnect.routes.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'interconnect.manage': true;
    'interconnect.client': true;
  }
}

export const interconnectManifest = {
  name: 'interconnect',
  label: { zh: '互联互通', en: 'Interconnection' },
  permissions: [
    {
      name: 'interconnect.manage',
      label: { zh: '管理平台对接：对接客户端与上级平台', en: 'Manage interconnection: machine clients and upstream platforms' },
      roles: ['programme_office', 'dept_admin'],
    },
    {
      name: 'interconnect.client',
      label: { zh: '对接客户端调用（按授权范围）', en: 'Machine calls by registered clients (by scope)' },
      roles: [],
      machine: true,
    },
  ],
  routes: interconnectRoutes,
  migrations: new URL('./migrations/', import.meta.url),
} satisfies ModuleManifest;
