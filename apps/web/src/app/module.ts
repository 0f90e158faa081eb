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
 * official of fulfilment, a platform administrator nor a service provider's member);
 * non-officials (visitors, applicants and service providers: public pages officials have no use
 * for, keeping their header on one line); platform administrators; holders of any of the listed
 * permissions; or members of an organisation of a kind (e.g. service providers).
 */
export type NavAudience =
  | 'everyone'
  | 'signed-in'
  | 'applicants'
  | 'non-officials'
  | 'administrators'
  | { anyPermission: readonly string[] }
  | { organisationKind: string };

export interface NavEntry {
  to: string;
  label: Localised;
  /** Place in the header, lowest first (home is 0). */
  order: number;
  /** Highlighted only on this exact path (not its children). */
  end?: boolean;
  audience: NavAudience;
  /** Entries of one group share one place in the header (a menu) when two or more of them show. */
  group?: NavGroupKey;
}

/**
 * The header's groups: an applicant's own pages (overview, matches, applications, orders,
 * vouchers), the services of the market (the marketplace, crowdsourcing), an officer's
 * oversight of the market (certification, arbitration, voucher schemes) and the programme
 * office's records (working calendar, audit log), a provider's workbench and receivables, so that every role's header stays on one
 * line; on phones the drawer lists them under their label.
 */
export const NAV_GROUPS = {
  mine: { zh: '我的', en: 'Mine' },
  open: { zh: '政务公开', en: 'Public information' },
  services: { zh: '创业服务', en: 'Services' },
  oversight: { zh: '服务监管', en: 'Service oversight' },
  office: { zh: '管理', en: 'Manage' },
  provider: { zh: '服务机构', en: 'Provider' },
} as const satisfies Record<string, Localised>;
export type NavGroupKey = keyof typeof NAV_GROUPS;

export interface WebModule {
  name: string;
  routes?: RouteObject[];
  nav?: NavEntry[];
}

/** Officials of fulfilment act on applications rather than file them: they get no "My applications". */
const OFFICIAL_PERMISSIONS = ['fulfilment.review', 'fulfilment.assess', 'fulfilment.work', 'fulfilment.pay', 'fulfilment.supervise'];

const isNonOfficial = (me: Me) => !me.user.isPlatformAdmin && !OFFICIAL_PERMISSIONS.some((p) => hasPermission(me, p));
// The people of a service provider, an instrument owner, a carrier operator or a bank work from
// their organisation's workbench (an investor too): they have no profile to apply with.
const WORKING_KINDS = ['service_provider', 'instrument_owner', 'carrier_operator', 'financial_institution', 'investor'];
const isProvider = (me: Me) => me.memberships.some((m) => WORKING_KINDS.includes(m.organisationKind));

export function canSee(audience: NavAudience, me: Me | null | undefined): boolean {
  if (audience === 'everyone') return true;
  if (audience === 'signed-in') return !!me;
  if (audience === 'administrators') return !!me?.user.isPlatformAdmin;
  if (audience === 'applicants') return !!me && isNonOfficial(me) && !isProvider(me);
  if (audience === 'non-officials') return !me || isNonOfficial(me);
  if ('organisationKind' in audience) return !!me?.memberships.some((m) => m.organisationKind === audience.organisationKind);
  return audience.anyPermission.some((p) => hasPermission(me, p));
}

/** The navigation of every module, in order, as `me` may see it. */
export function navigationFor(modules: readonly WebModule[], me: Me | null | undefined): NavEntry[] {
  return modules
    .flatMap((m) => m.nav ?? [])
    .filter((entry) => canSee(entry.audience, me))
    .sort((a, b) => a.order - b.order);
}

/** One place in the header: an entry, or a group's entries under its label (in their order). */
export type HeaderItem = { kind: 'entry'; entry: NavEntry } | { kind: 'group'; key: NavGroupKey; label: Localised; entries: NavEntry[] };

/**
 * The header's places, in order: entries without a group, and each group with two or more
 * visible entries at the place of its first one (a group with one visible entry is that entry).
 */
export function headerItems(entries: readonly NavEntry[]): HeaderItem[] {
  const items: HeaderItem[] = [];
  const placed = new Set<NavGroupKey>();
  for (const entry of entries) {
    const key = entry.group;
    const members = key ? entries.filter((e) => e.group === key) : [];
    if (!key || members.length < 2) items.push({ kind: 'entry', entry });
    else if (!placed.has(key)) {
      placed.add(key);
      items.push({ kind: 'group', key, label: NAV_GROUPS[key], entries: members });
    }
  }
  return items;
}
