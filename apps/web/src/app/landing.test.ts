import { describe, expect, it } from 'vitest';
import type { Me } from '@seedbed/contract';
import { landingPathFor } from './landing';

const me = (permissions: string[], isPlatformAdmin = false) => ({ user: { isPlatformAdmin }, permissions }) as unknown as Me;

describe('landingPathFor', () => {
  it('sends each role to its work, the first that applies winning', () => {
    expect(landingPathFor(null)).toBe('/');
    expect(landingPathFor(me(['authenticated'], true))).toBe('/admin');
    expect(landingPathFor(me(['fulfilment.supervise', 'fulfilment.review'], true))).toBe('/admin');
    expect(landingPathFor(me(['fulfilment.supervise', 'fulfilment.export']))).toBe('/dashboard');
    for (const p of ['fulfilment.handle', 'fulfilment.decide', 'fulfilment.assess', 'fulfilment.pay', 'fulfilment.review']) expect(landingPathFor(me([p]))).toBe('/workbench');
    expect(landingPathFor(me(['authenticated']))).toBe('/me');
    expect(landingPathFor(me(['policies.manage']))).toBe('/me');
  });
});
