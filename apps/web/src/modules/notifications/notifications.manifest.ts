import type { WebModule } from '../../app/module';
import { notificationsRoutes } from './notifications.routes';

export const notificationsManifest: WebModule = {
  name: 'notifications',
  routes: notificationsRoutes,
};
