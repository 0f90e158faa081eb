import { describe, expect, it } from 'vitest';
import type { Me } from '@seedbed/contract';
import { WEB_MODULES } from '../modules';
import { navigationFor } from './module';

const me = (permissions: string[], isPlatformAdmin = false): Me => ({
  user: { id: '00000000-0000-4000-8000-000000000000', username: 'u', displayName: 'U', isPlatformAdmin, mfaEnabled: isPlatformAdmin },
  memberships: [],
  permissions: ['public', 'authenticated', ...permissions],
});
const paths = (who: Me | null) => navigationFor(WEB_MODULES, who).map((e) => e.to);

describe('the main navigation, from the modules\' manifests', () => {
  it('shows the public pages to everyone, in order', () => {
    expect(paths(null)).toEqual(['/', '/policies', '/calculator', '/publicity']);
  });

  it('shows an applicant their overview, matches, applications and profile', () => {
    expect(paths(me([]))).toEqual(['/', '/me', '/policies', '/calculator', '/finder/matches', '/fulfilment/mine', '/publicity', '/profile']);
  });

  it('shows officials their work instead of "my matches" and "my applications"', () => {
    expect(paths(me(['fulfilment.review', 'fulfilment.work', 'subjects.read_any']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/publicity', '/profile']);
    expect(paths(me(['fulfilment.assess', 'fulfilment.work']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/publicity', '/profile']);
    expect(paths(me(['fulfilment.pay', 'fulfilment.work']))).toEqual(['/', '/policies', '/calculator', '/workbench', '/fulfilment/finance', '/publicity', '/profile']);
    expect(paths(me(['fulfilment.supervise', 'calendar.manage']))).toEqual([
      '/', '/policies', '/calculator', '/dashboard', '/fulfilment/inbox', '/calendar', '/publicity', '/profile', '/admin/audit',
    ]);
  });

  it('shows a platform administrator administration and no applications', () => {
    expect(paths(me(['admin.users', 'admin.organisations', 'admin.audit'], true))).toEqual(['/', '/policies', '/calculator', '/publicity', '/profile', '/admin']);
  });

  it('labels every entry in both languages and only the home entry matches its exact path only', () => {
    const all = navigationFor(WEB_MODULES, me(['fulfilment.review', 'fulfilment.pay', 'calendar.manage'], true));
    for (const e of all) expect(e.label.zh && e.label.en).toBeTruthy();
    expect(all.filter((e) => e.end).map((e) => e.to)).toEqual(['/']);
  });

  it('registers every module\'s routes once', () => {
    const routePaths = WEB_MODULES.flatMap((m) => m.routes ?? []).map((r) => r.path ?? '(index)');
    expect(new Set(routePaths).size).toBe(routePaths.length);
    expect(routePaths).toEqual(expect.arrayContaining(['(index)', 'login', 'profile', 'policies', 'calculator', 'publicity', 'calendar', 'admin', 'notifications']));
  });
});
