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
    const users = (await admin.get('/api/v1/admin/users?q=founder')).json();
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

  it('lists users newest first, searches username and name, pages, and lists one organisation’s members', async () => {
    const created = await admin.post('/api/v1/admin/users', { username: 'zz_newest', displayName: '最新的人', password: 'long-enough-pass' });
    expect(created.statusCode).toBe(201);
    const first = (await admin.get('/api/v1/admin/users?limit=1')).json();
    expect(first.items.map((u: { username: string }) => u.username)).toEqual(['zz_newest']);
    expect(first.total).toBeGreaterThan(20);

    // By name, by part of a username, case-insensitive; LIKE's wildcards are only themselves.
    expect((await admin.get(`/api/v1/admin/users?q=${encodeURIComponent('最新')}`)).json().items.map((u: { username: string }) => u.username)).toEqual(['zz_newest']);
    const byPart = (await admin.get('/api/v1/admin/users?q=OFFICER.Y')).json();
    expect(byPart.items.map((u: { username: string }) => u.username)).toContain('officer.yuxi');
    expect(byPart.items.every((u: { username: string; displayName: string }) => /officer\.y/i.test(u.username) || /officer\.y/i.test(u.displayName))).toBe(true);
    expect((await admin.get('/api/v1/admin/users?q=%25')).json().total).toBe(0);

    // Pages do not overlap and add up to the total.
    const all = (await admin.get('/api/v1/admin/users?limit=500')).json();
    const p1 = (await admin.get('/api/v1/admin/users?limit=10&offset=0')).json();
    const p2 = (await admin.get('/api/v1/admin/users?limit=10&offset=10')).json();
    expect([...p1.items, ...p2.items].map((u: { id: string }) => u.id)).toEqual(all.items.slice(0, 20).map((u: { id: string }) => u.id));
    expect(all.items).toHaveLength(all.total);

    // One organisation's members, whoever else there is.
    const yuxi = all.items.find((u: { username: string }) => u.username === 'officer.yuxi');
    const orgId = yuxi.memberships[0].organisationId;
    const members = (await admin.get(`/api/v1/admin/users?organisationId=${orgId}`)).json();
    expect(members.items.map((u: { username: string }) => u.username)).toContain('officer.yuxi');
    expect(members.items.every((u: { memberships: { organisationId: string }[] }) => u.memberships.some((m) => m.organisationId === orgId))).toBe(true);
    expect(members.total).toBe(all.items.filter((u: { memberships: { organisationId: string }[] }) => u.memberships.some((m) => m.organisationId === orgId)).length);

    const bad = await admin.get('/api/v1/admin/users?organisationId=not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'querystring.organisationId' });
  });

  it('searches organisations on the server by name or credit code, wildcards literal, with the total', async () => {
    const byName = (await admin.get(`/api/v1/admin/organisations?q=${encodeURIComponent('玉溪市')}`)).json();
    expect(byName.items.length).toBeGreaterThan(1);
    expect(byName.items.every((o: { name: string }) => o.name.includes('玉溪市'))).toBe(true);
    expect(byName.total).toBe(byName.items.length);
    const withCode = (await admin.get('/api/v1/admin/organisations?limit=500')).json().items.find((o: { creditCode: string | null }) => o.creditCode);
    const byCode = (await admin.get(`/api/v1/admin/organisations?q=${withCode.creditCode.slice(2, 12).toLowerCase()}`)).json();
    expect(byCode.items.map((o: { id: string }) => o.id)).toContain(withCode.id);
    expect((await admin.get(`/api/v1/admin/organisations?q=${encodeURIComponent('局')}&kind=enterprise`)).json().items).toEqual([]);
    expect((await admin.get('/api/v1/admin/organisations?q=%25')).json().total).toBe(0);
    const page = (await admin.get('/api/v1/admin/organisations?limit=3')).json();
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(3);
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
    const users = (await admin.get('/api/v1/admin/users?q=officer.yuxi')).json();
    const u = users.items.find((x: { username: string }) => x.username === 'officer.yuxi');
    const orgId = u.memberships[0].organisationId;
    expect((await admin.delete(`/api/v1/admin/organisations/${orgId}/members/${u.id}`)).statusCode).toBe(200);
    expect((await officer.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});
