/**
 * Where a signed-in person lands (after login, or on a page meant for others): their work.
 * Platform administrators → /admin; the programme office (fulfilment.supervise) → /dashboard;
 * officials who act on applications (handle, decide, assess, pay, review) → /workbench;
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
  return '/me';
}

/** Whether `me` lands on the applicant's overview (founders, enterprises, persons). */
export const isApplicant = (me: Me | null | undefined): boolean => !!me && landingPathFor(me) === '/me';
