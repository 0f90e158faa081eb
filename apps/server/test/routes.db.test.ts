import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, TestClient, testApp, type TestContext } from './test-app.js';

/**
 * A sweep over every /api/v1 route the app registers, present and future: each states a
 * permission, refuses the anonymous and the unauthorised, and refuses malformed input with a
 * problem that names the field — without changing anything.
 */
let t: TestContext;
let admin: TestClient;
let official: TestClient;
let founder: TestClient;
let machine: Pick<TestClient, 'request'>;
/** The client that holds a route's permission: administration is the administrator's; a machine route a client with every scope; the rest an official with every government role. */
const holderOf = (permission: string): Pick<TestClient, 'request'> => (permission.startsWith('admin.') ? admin : permission === 'interconnect.client' ? machine : official);
beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = new TestClient(t.app);
  await admin.loginDemo('admin', t.clock);
  // Platform administration brings no other permission: bodies of the other routes are checked as an official holding every role.
  const { createUser, setMembership } = await import('../src/modules/identity/index.js');
  const { systemActor } = await import('../src/modules/audit/index.js');
  const org = (await t.database.db.selectFrom('identity_organisations' as never).select(['id' as never]).where('name' as never, '=', '南宁市科学技术局' as never).executeTakeFirstOrThrow()) as { id: string };
  await t.database.db.transaction().execute(async (trx) => {
    const userId = await createUser(trx, t.deps, systemActor('test'), { username: 'all.roles', displayName: 'all roles', password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, t.deps, systemActor('test'), org.id, userId, ['officer', 'reviewer', 'expert', 'finance', 'programme_office', 'dept_admin', 'financial_regulator']);
  });
  official = new TestClient(t.app);
  await official.loginDemo('all.roles', t.clock);
  founder = new TestClient(t.app);
  await founder.loginDemo('founder', t.clock);
  // A machine client with every scope and a generous rate, for the machine routes (bearer token, no session).
  const registered = await official.post('/api/v1/interconnect/clients', { name: 'all scopes', scopes: ['policies:read', 'indicators:read', 'subjects:exchange', 'reports:push', 'webhooks:manage'], ratePerMinute: 6000 });
  const { client, clientSecret } = registered.json<{ client: { clientId: string }; clientSecret: string }>();
  const issued = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret } });
  const bearer = { authorization: `Bearer ${issued.json<{ access_token: string }>().access_token}` };
  const caller = new TestClient(t.app);
  machine = { request: (method, url, body, headers = {}) => caller.request(method, url, body, { ...headers, ...bearer }) };
});
afterAll(async () => t?.close());

const FAKE_ID = '00000000-0000-4000-8000-000000000000';
/** Path parameters are ids (checked as UUIDs first), except a calendar year and a policy version. */
const SAMPLE: Record<string, string> = { year: '2027', version: '1', round: '1' };
const MALFORMED_RULE: Record<string, string> = { year: 'type:integer', round: 'type:integer', regionCode: 'pattern', name: 'pattern', creditCode: 'pattern' };
/** A malformed value of each path parameter: 'not-an-id' is not a UUID, but it is a well-formed dataset name. */
const MALFORMED_VALUE: Record<string, string> = { name: 'Not_A_Name' };
const concrete = (url: string) => url.replace(/:([A-Za-z]+)/g, (_m, name: string) => SAMPLE[name] ?? FAKE_ID);
const auditCount = async () =>
  Number((await t.database.db.selectFrom('audit_log' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as { n: number }).n);

describe('every API route', () => {
  it('is registered with a permission', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThan(10);
    for (const r of t.app.apiRoutes) expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('refuses anonymous callers unless public', async () => {
    const anonymous = new TestClient(t.app);
    for (const r of t.app.apiRoutes.filter((x) => x.permission !== 'public')) {
      const res = await anonymous.request(r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      // Machine routes (interconnect.client) ask for a client's bearer token.
      expect(res.json().code).toBe(r.permission === 'interconnect.client' ? 'INVALID_TOKEN' : 'UNAUTHENTICATED');
    }
  });

  it('refuses logged-in users without the permission', async () => {
    for (const r of t.app.apiRoutes.filter((x) => !['public', 'authenticated'].includes(x.permission))) {
      const res = await founder.request(r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
      // A session does not open a machine route: it wants a client's bearer token.
      const machine = r.permission === 'interconnect.client';
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(machine ? 401 : 403);
      expect(res.json().code).toBe(machine ? 'INVALID_TOKEN' : 'FORBIDDEN');
    }
  });

  it('refuses unknown fields in bodies and malformed ids in paths, changing nothing', async () => {
    const before = await auditCount();
    for (const r of t.app.apiRoutes.filter((x) => x.hasBody)) {
      const res = await holderOf(r.permission).request(r.method, concrete(r.url), { unexpectedField: 1 });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toContain('unexpectedField:unknown_field');
      expect(problem.message.zh.length).toBeGreaterThan(0);
      expect(problem.message.en.length).toBeGreaterThan(0);
    }
    for (const r of t.app.apiRoutes.filter((x) => x.hasParams)) {
      const res = await holderOf(r.permission).request(r.method, r.url.replace(/:([A-Za-z]+)/g, (_m, param: string) => MALFORMED_VALUE[param] ?? 'not-an-id'), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(400);
      const param = /:([A-Za-z]+)/.exec(r.url)![1]!;
      expect(res.json().errors[0].rule, `${r.method} ${r.url}`).toBe(MALFORMED_RULE[param] ?? 'format:uuid');
    }
    expect(await auditCount()).toBe(before);
  });

  it('refuses changing requests without a CSRF token when they use a session', async () => {
    for (const r of t.app.apiRoutes.filter((x) => x.method !== 'GET' && x.csrf)) {
      const res = await t.app.inject({ method: r.method as 'POST', url: concrete(r.url), payload: {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().code).toBe('CSRF_INVALID');
    }
  });

  it('publishes an OpenAPI 3.1 document that lists every route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const r of t.app.apiRoutes) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('answers unknown endpoints with a problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('managing policies', () => {
  it('is for officers and the programme office, not finance', async () => {
    const finance = new TestClient(t.app);
    await finance.loginDemo('finance.nanning', t.clock);
    const refused = await finance.request('PUT', '/api/v1/policies/nn.new-product-subsidy/draft', { spec: {}, note: 'x' });
    expect(refused.statusCode, refused.body).toBe(403);
    expect((await finance.get('/api/v1/policy-drafts')).statusCode).toBe(403);
    const officer = new TestClient(t.app);
    await officer.loginDemo('officer.nanning', t.clock);
    expect((await officer.get('/api/v1/policy-drafts')).statusCode).toBe(200);
  });
});
