/**
 * A web module's manifest: its client routes and its entries in the main navigation. The
 * router and the header loop over the list in `modules/index.ts`; a new module is its folder
 * and one line there.
 */
import type { RouteObject } from 'react-router';
import type { Me } from './auth';
import { hasPermission } from './auth';
import type { Localised } from './i18n';

/**
 * Who sees a navigation entry: everyone; anyone signed in; applicants (signed in, neither an
 * official of fulfilment nor a platform administrator); platform administrators; or holders of
 * any of the listed permissions.
 */
export type NavAudience = 'everyone' | 'signed-in' | 'applicants' | 'administrators' | { anyPermission: readonly string[] };

export interface NavEntry {
  to: string;
  label: Localised;
  /** Place in the header, lowest first (home is 0). */
  order: number;
  /** Highlighted only on this exact path (not its children). */
  end?: boolean;
  audience: NavAudience;
}

export interface WebModule {
  name: string;
  routes?: RouteObject[];
  nav?: NavEntry[];
}

/** Officials of fulfilment act on applications rather than file them: they get no "My applications". */
const OFFICIAL_PERMISSIONS = ['fulfilment.review', 'fulfilment.assess', 'fulfilment.work', 'fulfilment.pay', 'fulfilment.supervise'];

export function canSee(audience: NavAudience, me: Me | null | undefined): boolean {
  if (audience === 'everyone') return true;
  if (audience === 'signed-in') return !!me;
  if (audience === 'administrators') return !!me?.user.isPlatformAdmin;
  if (audience === 'applicants') return !!me && !me.user.isPlatformAdmin && !OFFICIAL_PERMISSIONS.some((p) => hasPermission(me, p));
  return audience.anyPermission.some((p) => hasPermission(me, p));
}

/** The navigation of every module, in order, as `me` may see it. */
export function navigationFor(modules: readonly WebModule[], me: Me | null | undefined): NavEntry[] {
  return modules
    .flatMap((m) => m.nav ?? [])
    .filter((entry) => canSee(entry.audience, me))
    .sort((a, b) => a.order - b.order);
}
