import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/modules/identity/index.js';
import { demoCreditCode } from '../src/demo/seed-demo.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(async () => t?.close());

const count = async (table: string) =>
  Number((await t.database.db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as { n: number }).n);

describe('registration', () => {
  it('registers an enterprise: account, organisation, owner role, profile, and logs in', async () => {
    const c = new TestClient(t.app);
    const creditCode = demoCreditCode('450103', 'T000001');
    const r = await c.post('/api/v1/auth/register', {
      accountType: 'enterprise',
      username: 'green.sprout',
      password: 'a-long-password-1',
      displayName: '吴青',
      enterprise: { creditCode, name: '南宁绿芽科技有限公司', regionCode: '450103' },
    });
    expect(r.statusCode).toBe(201);
    expect(c.hasSession()).toBe(true);
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me.user.username).toBe('green.sprout');
    expect(me.memberships).toEqual([expect.objectContaining({ organisationName: '南宁绿芽科技有限公司', organisationKind: 'enterprise', roles: ['owner'] })]);
    const mine = (await c.get('/api/v1/subjects/mine')).json();
    expect(mine.items).toEqual([expect.objectContaining({ kind: 'enterprise', name: '南宁绿芽科技有限公司', regionCode: '450103' })]);
    const profile = (await c.get(`/api/v1/subjects/${mine.items[0].id}`)).json();
    expect(profile.facts.credit_code.value).toBe(creditCode);
  });

  it('refuses a credit code with a wrong check character, naming the field, and writes nothing', async () => {
    const before = [await count('identity_users'), await count('identity_organisations'), await count('subjects'), await count('audit_log')];
    const good = demoCreditCode('450103', 'T000002');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = await new TestClient(t.app).post('/api/v1/auth/register', {
      accountType: 'enterprise',
      username: 'bad.code',
      password: 'a-long-password-1',
      displayName: '某人',
      enterprise: { creditCode: bad, name: '某某有限公司', regionCode: '450103' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const p = r.json();
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.errors[0]).toMatchObject({ field: 'enterprise.creditCode', rule: 'check_character' });
    expect(p.message.zh).toContain('校验码');
    expect(p.message.en).toContain('check character');
    expect([await count('identity_users'), await count('identity_organisations'), await count('subjects'), await count('audit_log')]).toEqual(before);
  });

  it('rolls back the account when the enterprise region does not exist', async () => {
    const users = await count('identity_users');
    const r = await new TestClient(t.app).post('/api/v1/auth/register', {
      accountType: 'enterprise',
      username: 'no.region',
      password: 'a-long-password-1',
      displayName: '某人',
      enterprise: { creditCode: demoCreditCode('450103', 'T000003'), name: '无区划有限公司', regionCode: '459999' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'enterprise.regionCode', rule: 'exists:region' });
    expect(await count('identity_users')).toBe(users);
  });

  it('names unknown fields, short passwords and duplicate usernames', async () => {
    const c = new TestClient(t.app);
    const unknown = await c.post('/api/v1/auth/register', { accountType: 'person', username: 'p1', password: 'x', displayName: 'P', role: 'admin' });
    expect(unknown.statusCode).toBe(400);
    const fields = unknown.json().errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['role:unknown_field', 'password:minLength', 'username:minLength']));
    const dup = await c.post('/api/v1/auth/register', { accountType: 'person', username: 'ADMIN', password: 'a-long-password-1', displayName: 'P' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'USERNAME_TAKEN', errors: [{ field: 'username', rule: 'unique' }] });
  });

  it('answers malformed JSON and oversize bodies with problems, not 500s', async () => {
    const c = new TestClient(t.app);
    const malformed = await c.request('POST', '/api/v1/auth/login', undefined, { 'content-type': 'application/json' });
    expect(malformed.statusCode).toBe(400);
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect([400, 403]).toContain(broken.statusCode);
    const huge = await c.request('POST', '/api/v1/auth/login', { username: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('BODY_TOO_LARGE');
  });
});

describe('login', () => {
  it('refuses a changing request without a CSRF token', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'founder', password: DEMO_PASSWORD } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CSRF_INVALID');
  });

  it('logs a founder in with a password alone and out again', async () => {
    const c = new TestClient(t.app);
    await c.loginDemo('founder', t.clock);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('does not let an officer in without the second factor', async () => {
    const c = new TestClient(t.app);
    const r = await c.post('/api/v1/auth/login', { username: 'officer.nanning', password: DEMO_PASSWORD });
    expect(r.json()).toMatchObject({ status: 'mfa_required' });
    expect(c.hasSession()).toBe(false);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const wrong = await c.post('/api/v1/auth/mfa', { ticket: r.json().ticket, code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_SECOND_FACTOR');
    t.clock.advance(30_000);
    const right = await c.post('/api/v1/auth/mfa', { ticket: r.json().ticket, code: totpCode(DEMO_TOTP_SECRET, t.clock.now()) });
    expect(right.statusCode).toBe(200);
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me.permissions).toContain('subjects.verify');
  });

  it('does not accept the same one-time code twice', async () => {
    t.clock.advance(30_000);
    const code = totpCode(DEMO_TOTP_SECRET, t.clock.now());
    const first = new TestClient(t.app);
    const a = await first.post('/api/v1/auth/login', { username: 'reviewer.nanning', password: DEMO_PASSWORD });
    expect((await first.post('/api/v1/auth/mfa', { ticket: a.json().ticket, code })).statusCode).toBe(200);
    const second = new TestClient(t.app);
    const b = await second.post('/api/v1/auth/login', { username: 'reviewer.nanning', password: DEMO_PASSWORD });
    expect((await second.post('/api/v1/auth/mfa', { ticket: b.json().ticket, code })).statusCode).toBe(401);
  });

  it('enrols a new government member in TOTP before any session', async () => {
    const admin = new TestClient(t.app);
    await admin.loginDemo('admin', t.clock);
    const created = await admin.post('/api/v1/admin/users', { username: 'new.officer', displayName: '新经办', password: 'another-long-pass' });
    expect(created.statusCode).toBe(201);
    const orgs = (await admin.get('/api/v1/admin/organisations?kind=government')).json();
    const dept = orgs.items.find((o: { name: string }) => o.name === '南宁市科学技术局');
    expect((await admin.post(`/api/v1/admin/organisations/${dept.id}/members`, { userId: created.json().id, roles: ['officer'] })).statusCode).toBe(200);

    const c = new TestClient(t.app);
    const r = await c.post('/api/v1/auth/login', { username: 'new.officer', password: 'another-long-pass' });
    const body = r.json();
    expect(body.status).toBe('mfa_enrol');
    expect(body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(c.hasSession()).toBe(false);
    t.clock.advance(30_000);
    expect((await c.post('/api/v1/auth/mfa', { ticket: body.ticket, code: totpCode(body.secret, t.clock.now()) })).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).json().user.mfaEnabled).toBe(true);
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    const c = new TestClient(t.app);
    for (let i = 0; i < 4; i++) {
      expect((await c.post('/api/v1/auth/login', { username: 'ent.yuxi', password: 'wrong-password' })).statusCode).toBe(401);
    }
    const fifth = await c.post('/api/v1/auth/login', { username: 'ent.yuxi', password: 'wrong-password' });
    expect(fifth.statusCode).toBe(423);
    const right = await c.post('/api/v1/auth/login', { username: 'ent.yuxi', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(16 * 60_000);
    expect((await c.post('/api/v1/auth/login', { username: 'ent.yuxi', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  it('refuses the eleventh attempt in a minute from one address', async () => {
    const limited = await testApp({ loginRatePerMinute: 10 });
    try {
      const c = new TestClient(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await c.post('/api/v1/auth/login', { username: `nobody${i}`, password: 'x' })).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
