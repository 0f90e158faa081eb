/**
 * Every web module, in the order of their routes. The router (app/router.tsx) and the header's
 * navigation (app/layout.tsx) loop over this list; a new module is its folder and one line here.
 */
import type { WebModule } from '../app/module';
import { adminManifest } from './admin';
import { calendarManifest } from './calendar';
import { dashboardManifest } from './dashboard';
import { finderManifest } from './finder';
import { fulfilmentManifest } from './fulfilment';
import { homeManifest } from './home';
import { identityManifest } from './identity';
import { notificationsManifest } from './notifications';
import { policiesManifest } from './policies';
import { regionsManifest } from './regions';
import { subjectsManifest } from './subjects';

export const WEB_MODULES: readonly WebModule[] = [
  homeManifest,
  identityManifest,
  subjectsManifest,
  policiesManifest,
  finderManifest,
  notificationsManifest,
  fulfilmentManifest,
  calendarManifest,
  dashboardManifest,
  adminManifest,
  regionsManifest,
];
