import { describe, expect, it } from 'vitest';
import type { Me } from '@seedbed/contract';
import { WEB_MODULES } from '../modules';
import { headerItems, navigationFor } from './module';

const me = (permissions: string[], isPlatformAdmin = false): Me => ({
  user: { id: '00000000-0000-4000-8000-000000000000', username: 'u', displayName: 'U', isPlatformAdmin, mfaEnabled: isPlatformAdmin },
  memberships: [],
  permissions: ['public', 'authenticated', ...permissions],
});
const paths = (who: Me | null) => navigationFor(WEB_MODULES, who).map((e) => e.to);

describe('the main navigation, from the modules\' manifests', () => {
  it('shows the public pages to everyone, in order', () => {
    expect(paths(null)).toEqual(['/', '/policies', '/search', '/news', '/lists', '/calculator', '/crowd', '/enterprises', '/market', '/instruments', '/carriers', '/competitions', '/training', '/mentors', '/projects', '/finance', '/investors', '/roadshow', '/publicity', '/credit-inquiry', '/open-data']);
  });

  it('shows an applicant their overview, matches, applications and profile', () => {
    expect(paths(me([]))).toEqual([
      '/', '/me', '/policies', '/search', '/news', '/lists', '/calculator', '/crowd', '/finder/matches', '/enterprises', '/market', '/instruments', '/carriers', '/competitions', '/training',
      '/fulfilment/mine', '/mentors', '/projects', '/finance', '/investors', '/roadshow', '/vouchers/mine', '/instruments/bookings', '/training/mine', '/mentors/mine', '/loans', '/projects/mine', '/finance/matches', '/finance/needs', '/ipo/mine', '/roadshow/mine', '/publicity', '/credit-inquiry', '/open-data', '/profile',
    ]);
  });

  it('shows officials their work instead of "my matches" and "my applications"', () => {
    expect(paths(me(['fulfilment.review', 'fulfilment.work', 'subjects.read_any']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/publicity', '/credit-inquiry', '/open-data', '/profile']);
    expect(paths(me(['fulfilment.handle', 'fulfilment.work', 'crowd.arbitrate']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/crowd/disputes', '/publicity', '/credit-inquiry', '/open-data', '/profile']);
    expect(paths(me(['fulfilment.assess', 'fulfilment.work']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/publicity', '/credit-inquiry', '/open-data', '/profile']);
    expect(paths(me(['fulfilment.pay', 'fulfilment.work']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/fulfilment/finance', '/publicity', '/credit-inquiry', '/open-data', '/profile']);
    expect(paths(me(['fulfilment.supervise', 'calendar.manage']))).toEqual([
      '/', '/policies', '/calculator', '/dashboard', '/fulfilment/inbox', '/calendar', '/publicity', '/credit-inquiry', '/open-data', '/profile', '/admin/audit',
    ]);
  });

  it('shows an enterprise its orders and a service provider its workbench', () => {
    const member = (organisationKind: string): Me => ({ ...me([]), memberships: [{ organisationId: '00000000-0000-4000-8000-000000000001', organisationName: 'o', organisationKind, roles: ['owner'] }] });
    expect(paths(member('enterprise'))).toContain('/orders');
    expect(paths(member('enterprise'))).not.toContain('/provider');
    expect(paths(member('service_provider'))).toContain('/provider');
    expect(paths(member('service_provider'))).not.toContain('/orders');
    expect(paths(member('service_provider'))).toEqual([
      '/', '/policies', '/search', '/news', '/lists', '/calculator', '/crowd', '/enterprises', '/market', '/instruments', '/carriers', '/competitions', '/training', '/mentors', '/projects', '/finance', '/investors', '/roadshow', '/provider', '/vouchers/receivables', '/training-provider', '/projects/mine', '/publicity', '/credit-inquiry', '/open-data', '/profile',
    ]);
    expect(paths(me(['marketplace.certify']))).toContain('/provider-certification');
    expect(paths(member('carrier_operator'))).toContain('/carriers-mine');
    expect(paths(me(['carriers.recognise']))).toContain('/carriers-office');
    expect(paths(me(['projects.admit']))).toContain('/projects-office');
    expect(paths(member('financial_institution'))).toEqual(expect.arrayContaining(['/finance/incoming', '/finance/products-mine']));
    expect(paths(member('financial_institution'))).not.toContain('/finance/matches');
    expect(paths(me(['finance.supervise']))).toContain('/finance/oversight');
    expect(paths(me(['finance.supervise']))).toContain('/finance/dashboard');
    expect(paths(me(['investors.manage']))).toContain('/investors/review');
    expect(paths(member('investor'))).toEqual(expect.arrayContaining(['/investors/desk', '/investors', '/roadshow']));
    expect(paths(member('investor'))).not.toContain('/roadshow/mine');
    // Every government department has targets to lead or support; nobody else does.
    expect(paths(member('government'))).toContain('/targets');
    expect(paths(member('enterprise'))).not.toContain('/targets');
    expect(paths(null)).not.toContain('/targets');
    // Briefings are the programme office's: a department without targets.manage does not see them.
    expect(paths(member('government'))).not.toContain('/targets/briefings');
    expect(paths(me(['targets.manage']))).toContain('/targets/briefings');
  });

  it('shows a platform administrator administration and no applications', () => {
    expect(paths(me(['admin.users', 'admin.organisations', 'admin.audit'], true))).toEqual(['/', '/policies', '/calculator', '/publicity', '/credit-inquiry', '/open-data', '/profile', '/admin']);
  });

  it('labels every entry in both languages, and only entries with pages of their own below them match their exact path only', () => {
    const all = WEB_MODULES.flatMap((m) => m.nav ?? []);
    for (const e of all) expect(e.label.zh && e.label.en).toBeTruthy();
    // Home, and the lists whose own pages (/instruments/bookings, /training/mine, /mentors/mine…) are other entries.
    expect(all.filter((e) => e.end).map((e) => e.to)).toEqual(['/', '/instruments', '/training', '/mentors', '/projects', '/finance', '/investors', '/roadshow']);
  });

  it('registers every module\'s routes once', () => {
    const routePaths = WEB_MODULES.flatMap((m) => m.routes ?? []).map((r) => r.path ?? '(index)');
    expect(new Set(routePaths).size).toBe(routePaths.length);
    expect(routePaths).toEqual(expect.arrayContaining(['(index)', 'login', 'profile', 'policies', 'calculator', 'publicity', 'calendar', 'admin', 'notifications']));
  });
});

describe('the header, with its groups', () => {
  // 政务公开 (search, news, lists, publicity, open statistics) and 创业服务 take the place of their first entry.
  const OPEN = '政务公开[/search /news /lists /publicity /credit-inquiry /open-data]';
  const SERVICES = '创业服务[/crowd /enterprises /market /instruments /carriers /competitions /training /mentors /projects /finance /investors /roadshow]';
  const header = (who: Me | null) =>
    headerItems(navigationFor(WEB_MODULES, who)).map((i) => (i.kind === 'entry' ? i.entry.to : `${i.label.zh}[${i.entries.map((e) => e.to).join(' ')}]`));
  const member = (organisationKind: string, permissions: string[] = []): Me => ({
    ...me(permissions),
    memberships: [{ organisationId: '00000000-0000-4000-8000-000000000001', organisationName: 'o', organisationKind, roles: ['owner'] }],
  });

  it('gathers an enterprise\'s own pages under 我的 and the market under 创业服务, at the place of their first entry', () => {
    expect(header(member('enterprise'))).toEqual([
      '/',
      '我的[/me /finder/matches /fulfilment/mine /orders /vouchers/mine /instruments/bookings /training/mine /mentors/mine /loans /projects/mine /finance/matches /finance/needs /ipo/mine /roadshow/mine /credit]',
      '/policies',
      '政务公开[/search /news /lists /publicity /credit-inquiry /open-data]',
      '/calculator',
      SERVICES,
      '/profile',
    ]);
  });

  it('gives a service provider its workbench and receivables under 服务机构', () => {
    expect(header(member('service_provider'))).toEqual(['/', '/policies', OPEN, '/calculator', SERVICES, '服务机构[/provider /vouchers/receivables /training-provider /projects/mine]', '/profile']);
  });

  it('shows a group with one visible entry as that entry, and leaves officials\' work where it is', () => {
    // An officer who certifies providers only: 服务监管 has one entry.
    expect(header(me(['fulfilment.handle', 'fulfilment.work', 'marketplace.certify']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/provider-certification', '政务公开[/publicity /credit-inquiry /open-data]', '/profile']);
    expect(header(me(['fulfilment.handle', 'fulfilment.work', 'marketplace.certify', 'crowd.arbitrate', 'vouchers.manage']))).toEqual([
      '/',
      '/policies',
      '/calculator',
      '/workbench',
      '服务监管[/provider-certification /crowd/disputes /vouchers/schemes]',
      '政务公开[/publicity /credit-inquiry /open-data]',
      '/profile',
    ]);
    expect(header(null)).toEqual(['/', '/policies', OPEN, '/calculator', SERVICES]);
    // Instrument owners and carrier operators work from their own page, not as applicants.
    expect(header(member('instrument_owner'))).toEqual(['/', '/policies', OPEN, '/calculator', SERVICES, '/instruments/manage', '/profile']);
    // A carrier operator also finds its carriers' matches and applications (their profiles are the carriers').
    expect(header(member('carrier_operator'))).toEqual(['/', '/policies', OPEN, '/calculator', SERVICES, '服务机构[/carriers-mine /finder/matches /fulfilment/mine]', '/profile']);
  });
});
