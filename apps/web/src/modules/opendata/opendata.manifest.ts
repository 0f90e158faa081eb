import type { WebModule } from '../../app/module';
import { opendataRoutes } from './opendata.routes';

export const opendataManifest: WebModule = {
  name: 'opendata',
  routes: opendataRoutes,
  nav: [{ to: '/open-data', label: { zh: '数据开放', en: 'Open statistics' }, order: 81, audience: 'everyone', group: 'open' }],
};
