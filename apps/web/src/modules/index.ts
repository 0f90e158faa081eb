/**
 * Every web module, in the order of their routes. The router (app/router.tsx) and the header's
 * navigation (app/layout.tsx) loop over this list; a new module is its folder and one line here.
 */
import type { WebModule } from '../app/module';
import { adminManifest } from './admin';
import { calendarManifest } from './calendar';
import { carriersManifest } from './carriers';
import { competitionsManifest } from './competitions';
import { contentManifest } from './content';
import { crowdManifest } from './crowd';
import { directoryManifest } from './directory';
import { exchangeManifest } from './exchange';
import { dashboardManifest } from './dashboard';
import { feedsManifest } from './feeds';
import { financeManifest } from './finance';
import { finderManifest } from './finder';
import { fulfilmentManifest } from './fulfilment';
import { homeManifest } from './home';
import { identityManifest } from './identity';
import { instrumentsManifest } from './instruments';
import { interconnectManifest } from './interconnect';
import { investorsManifest } from './investors';
import { listsManifest } from './lists';
import { marketplaceManifest } from './marketplace';
import { mentorsManifest } from './mentors';
import { notificationsManifest } from './notifications';
import { opendataManifest } from './opendata';
import { policiesManifest } from './policies';
import { projectsManifest } from './projects';
import { regionsManifest } from './regions';
import { searchManifest } from './search';
import { subjectsManifest } from './subjects';
import { trainingManifest } from './training';
import { ipoManifest } from './ipo';
import { loansManifest } from './loans';
import { creditManifest } from './credit';
import { targetsManifest } from './targets';
import { vouchersManifest } from './vouchers';

export const WEB_MODULES: readonly WebModule[] = [
  homeManifest,
  identityManifest,
  subjectsManifest,
  policiesManifest,
  contentManifest,
  listsManifest,
  finderManifest,
  notificationsManifest,
  fulfilmentManifest,
  marketplaceManifest,
  carriersManifest,
  competitionsManifest,
  vouchersManifest,
  instrumentsManifest,
  calendarManifest,
  interconnectManifest,
  exchangeManifest,
  feedsManifest,
  trainingManifest,
  mentorsManifest,
  projectsManifest,
  financeManifest,
  loansManifest,
  ipoManifest,
  creditManifest,
  targetsManifest,
  investorsManifest,
  crowdManifest,
  dashboardManifest,
  opendataManifest,
  adminManifest,
  regionsManifest,
  directoryManifest,
  searchManifest,
];
