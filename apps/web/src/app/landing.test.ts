import { describe, expect, it } from 'vitest';
import type { Me } from '@seedbed/contract';
import { landingPathFor } from './landing';

const me = (permissions: string[], isPlatformAdmin = false, kinds: string[] = []) =>
  ({ user: { isPlatformAdmin }, permissions, memberships: kinds.map((organisationKind) => ({ organisationKind, roles: ['owner'] })) }) as unknown as Me;

describe('landingPathFor', () => {
  it('sends each role to its work, the first that applies winning', () => {
    expect(landingPathFor(null)).toBe('/');
    expect(landingPathFor(me(['authenticated'], true))).toBe('/admin');
    expect(landingPathFor(me(['fulfilment.supervise', 'fulfilment.review'], true))).toBe('/admin');
    expect(landingPathFor(me(['fulfilment.supervise', 'fulfilment.export']))).toBe('/dashboard');
    for (const p of ['fulfilment.handle', 'fulfilment.decide', 'fulfilment.assess', 'fulfilment.pay', 'fulfilment.review']) expect(landingPathFor(me([p]))).toBe('/workbench');
    expect(landingPathFor(me(['authenticated']))).toBe('/me');
    expect(landingPathFor(me(['policies.manage']))).toBe('/me');
    // A service provider's people land on their workbench; an enterprise's on the overview.
    expect(landingPathFor(me(['authenticated'], false, ['service_provider']))).toBe('/provider');
    expect(landingPathFor(me(['authenticated'], false, ['carrier_operator']))).toBe('/carriers-mine');
    expect(landingPathFor(me(['authenticated'], false, ['instrument_owner']))).toBe('/instruments/manage');
    expect(landingPathFor(me(['authenticated'], false, ['enterprise']))).toBe('/me');
  });
});
