import { describe, expect, it } from 'vitest';
import { AppError } from './problems.js';
import { mayAccess, requireAccess, type MembershipInfo } from './access.js';

const membership = (organisationId: string, regionCode: string, permissions: MembershipInfo['permissions'], organisationKind = 'government'): MembershipInfo => ({
  organisationId,
  organisationName: organisationId,
  organisationKind,
  regionCode,
  roles: [],
  permissions,
});

const nanningFinance = { memberships: [membership('cz.nanning', '450100', ['fulfilment.pay'])] };

describe('object-level access in one vocabulary', () => {
  it('needs the permission through a membership, wherever the object is', () => {
    expect(mayAccess(nanningFinance, 'fulfilment.pay')).toBe(true);
    expect(mayAccess(nanningFinance, 'fulfilment.review')).toBe(false);
    // An enterprise membership brings no government permission, whatever it lists.
    expect(mayAccess({ memberships: [membership('ent', '450100', ['fulfilment.pay'], 'enterprise')] }, 'fulfilment.pay')).toBe(false);
  });

  it("holds it for the membership's own department only; an object of no department is nobody's", () => {
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { organisationId: 'cz.nanning' })).toBe(true);
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { organisationId: 'cz.nanchang' })).toBe(false);
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { organisationId: null })).toBe(false);
  });

  it("holds it within the department's region and its districts, not above or beside it", () => {
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { regionCode: '450100' })).toBe(true);
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { regionCode: '450103' })).toBe(true);
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { regionCode: '450000' })).toBe(false);
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { regionCode: '360100' })).toBe(false);
    expect(mayAccess(nanningFinance, 'fulfilment.pay', { organisationId: 'cz.nanning', regionCode: '360100' })).toBe(false);
  });

  it('refuses with the reason in both languages', () => {
    const refusal = { zh: '只有本部门财务人员可以拨付', en: 'Only finance officers of the department may pay' };
    expect(() => requireAccess({ principal: nanningFinance, permission: 'fulfilment.pay', organisationId: 'cz.nanning' }, refusal)).not.toThrow();
    try {
      requireAccess({ principal: nanningFinance, permission: 'fulfilment.pay', organisationId: 'cz.nanchang' }, refusal);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN', text: refusal });
    }
  });
});
