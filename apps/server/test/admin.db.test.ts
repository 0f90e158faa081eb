import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let admin: TestClient;
beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = new TestClient(t.app);
  await admin.loginDemo('admin', t.clock);
});
afterAll(async () => t?.close());

describe('administration', () => {
  it('creates a department under a region and lists it with the region name', async () => {
    const r = await admin.post('/api/v1/admin/organisations', { name: '南宁市工业和信息化局', kind: 'government', regionCode: '450100' });
    expect(r.statusCode).toBe(201);
    const list = (await admin.get('/api/v1/admin/organisations?kind=government&limit=100')).json();
    expect(list.items).toContainEqual(expect.objectContaining({ name: '南宁市工业和信息化局', regionName: '南宁市', memberCount: 0 }));
  });

  it('refuses roles that do not belong to the organisation kind', async () => {
    const orgs = (await admin.get('/api/v1/admin/organisations?kind=enterprise')).json();
    const users = (await admin.get('/api/v1/admin/users')).json();
    const founder = users.items.find((u: { username: string }) => u.username === 'founder');
    const r = await admin.post(`/api/v1/admin/organisations/${orgs.items[0].id}/members`, { userId: founder.id, roles: ['finance'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'roles', rule: 'enum' });
  });

  it('refuses an unknown organisation kind and a region that does not exist', async () => {
    const kind = await admin.post('/api/v1/admin/organisations', { name: '某机构', kind: 'club', regionCode: '450100' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0]).toMatchObject({ field: 'kind', rule: 'enum' });
    const region = await admin.post('/api/v1/admin/organisations', { name: '某机构', kind: 'government', regionCode: '450199' });
    expect(region.statusCode).toBe(400);
    expect(region.json().errors[0]).toMatchObject({ field: 'regionCode', rule: 'exists:region' });
  });

  it('is closed to everyone who is not a platform administrator', async () => {
    const founder = new TestClient(t.app);
    await founder.loginDemo('founder', t.clock);
    for (const url of ['/api/v1/admin/organisations', '/api/v1/admin/users', '/api/v1/admin/audit']) {
      expect((await founder.get(url)).statusCode).toBe(403);
      expect((await new TestClient(t.app).get(url)).statusCode).toBe(401);
    }
    expect((await founder.post('/api/v1/admin/users', { username: 'sneaky', displayName: 'S', password: 'long-enough-pass' })).statusCode).toBe(403);
  });

  it('removing a membership ends that user’s sessions', async () => {
    const officer = new TestClient(t.app);
    await officer.loginDemo('officer.yuxi', t.clock);
    const users = (await admin.get('/api/v1/admin/users')).json();
    const u = users.items.find((x: { username: string }) => x.username === 'officer.yuxi');
    const orgId = u.memberships[0].organisationId;
    expect((await admin.delete(`/api/v1/admin/organisations/${orgId}/members/${u.id}`)).statusCode).toBe(200);
    expect((await officer.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});
