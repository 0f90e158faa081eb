/**
 * Where a signed-in person lands (after login, or on a page meant for others): their work.
 * Platform administrators → /admin; the programme office (fulfilment.supervise) → /dashboard;
 * officials who act on applications (handle, decide, assess, pay, review) → /workbench;
 * service providers' people → /provider, their workbench (orders to confirm and deliver, certification);
 * carrier operators' people → /carriers-mine (载体管理);
 * instrument owners' people → /instruments/manage (bookings to approve, usage to record);
 * financial institutions' people → /finance/incoming (requests to answer before their due date);
 * the finance office (finance.supervise) → /finance/oversight;
 * everyone else (founders, enterprises, persons) → /me, their overview. The first that applies
 * wins, in that order: someone who administers the platform and supervises lands on /admin.
 */
import type { Me } from '@seedbed/contract';

const WORKBENCH_PERMISSIONS = ['fulfilment.handle', 'fulfilment.decide', 'fulfilment.assess', 'fulfilment.pay', 'fulfilment.review'] as const;

export function landingPathFor(me: Me | null | undefined): string {
  if (!me) return '/';
  if (me.user.isPlatformAdmin) return '/admin';
  if (me.permissions.includes('fulfilment.supervise')) return '/dashboard';
  if (WORKBENCH_PERMISSIONS.some((p) => me.permissions.includes(p))) return '/workbench';
  if (me.memberships.some((m) => m.organisationKind === 'service_provider')) return '/provider';
  if (me.memberships.some((m) => m.organisationKind === 'carrier_operator')) return '/carriers-mine';
  if (me.memberships.some((m) => m.organisationKind === 'instrument_owner')) return '/instruments/manage';
  if (me.memberships.some((m) => m.organisationKind === 'financial_institution')) return '/finance/incoming';
  if (me.memberships.some((m) => m.organisationKind === 'investor')) return '/investors/desk';
  if (me.permissions.includes('finance.supervise')) return '/finance/oversight';
  return '/me';
}

/** Whether `me` lands on the applicant's overview (founders, enterprises, persons). */
export const isApplicant = (me: Me | null | undefined): boolean => !!me && landingPathFor(me) === '/me';
