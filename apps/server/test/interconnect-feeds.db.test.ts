import { createServer, type IncomingMessage, type Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespacedId } from '../src/modules/feeds/index.js';
import { verifySignature } from '../src/modules/webhooks/index.js';
import { TestClient } from './test-app.js';
import { registerMachineClient, registerUpstream, revokeMachineClient, startInstance } from './two-instances.js';

/**
 * Two platforms over HTTP: the city publishes its policies as a feed; the district subscribes
 * it, pulls, and shows the city's items in its library (上级政策, with the city platform's name)
 * and in its finder (namespaced ids, applied for at the city). A new version at the city arrives
 * at the next pull. A webhook receiver that is down gets the city's event once it is back, signed,
 * after retries with backoff; a replay sends the same event again. A revoked client's pull is refused.
 */
type Instance = Awaited<ReturnType<typeof startInstance>>;
let city: Instance;
let district: Instance;
let cityOfficer: TestClient;
let districtOffice: TestClient;
let anonymous: TestClient;
let upstreamId: string;
let subscriptionId: string;
let cityClient: { id: string; clientId: string; clientSecret: string };

const ITEM = 'nn.fee-cancellation-suspension';
const CITY_NAME = '南宁市创业服务平台';

beforeAll(async () => {
  // Two demo platforms: a small synthetic population keeps them quick to seed.
  [city, district] = await Promise.all([startInstance({ demo: true, config: { demoPopulation: 20 } }), startInstance({ demo: true, config: { demoPopulation: 20 } })]);
  cityOfficer = new TestClient(city.t.app);
  await cityOfficer.loginDemo('officer.nanning', city.t.clock);
  districtOffice = new TestClient(district.t.app);
  await districtOffice.loginDemo('office.nanning', district.t.clock);
  anonymous = new TestClient(district.t.app);
  // The city registers the district as a client that may read its policies and manage webhooks.
  cityClient = await registerMachineClient(city.t, { name: '青秀区创业服务平台', scopes: ['policies:read', 'webhooks:manage'] });
  // The district registers the city as its upstream.
  upstreamId = await registerUpstream(district.t, { name: CITY_NAME, baseUrl: city.url, clientId: cityClient.clientId, clientSecret: cityClient.clientSecret });
}, 600_000);
afterAll(async () => {
  await district?.close();
  await city?.close();
});

async function cityToken(): Promise<string> {
  const r = await fetch(`${city.url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: cityClient.clientId, client_secret: cityClient.clientSecret }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { access_token: string }).access_token;
}

describe('the policy feed', () => {
  it('is refused without a token and served, versioned, with one', async () => {
    expect((await fetch(`${city.url}/api/v1/feed/policies`)).status).toBe(401);
    const token = await cityToken();
    const page = await fetch(`${city.url}/api/v1/feed/policies?limit=5`, { headers: { authorization: `Bearer ${token}` } });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { feedVersion: number; items: { cursor: string; itemId: string; rule: { id: string; criteria: unknown[] }; document: { title: { zh: string } } }[]; nextCursor: string; hasMore: boolean };
    expect(body.feedVersion).toBe(1);
    expect(body.items).toHaveLength(5);
    expect(body.hasMore).toBe(true);
    expect(body.items.every((i) => i.rule.id === i.itemId && Array.isArray(i.rule.criteria) && i.document.title.zh.length > 0)).toBe(true);
    const cursors = body.items.map((i) => Number(i.cursor));
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
    const next = (await (await fetch(`${city.url}/api/v1/feed/policies?limit=5&after=${body.nextCursor}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { cursor: string }[] };
    expect(Number(next.items[0]!.cursor)).toBeGreaterThan(Number(body.nextCursor));
  });
});

describe('a district subscribing the city', () => {
  it('pulls the city items into its library, marked upstream, and its finder', async () => {
    const created = await districtOffice.post('/api/v1/interconnect/feed-subscriptions', { upstreamId, intervalMinutes: 5 });
    expect(created.statusCode, created.body).toBe(200);
    subscriptionId = created.json().id;
    expect((await districtOffice.post('/api/v1/interconnect/feed-subscriptions', { upstreamId })).statusCode).toBe(409);
    // Nobody else's business.
    expect((await anonymous.get('/api/v1/interconnect/feed-subscriptions')).statusCode).toBe(401);

    // The scheduled pull: due at once, then not again before its interval.
    await district.t.app.jobs.queueDailies();
    await district.t.app.jobs.drain();
    const status = (await districtOffice.get(`/api/v1/interconnect/feed-subscriptions/${subscriptionId}`)).json();
    expect(status.lastError).toBeNull();
    expect(status.lastPullAt).not.toBeNull();
    expect(status.itemsHeld).toBeGreaterThan(10);
    expect(status.itemsReceived).toBeGreaterThanOrEqual(status.itemsHeld);
    expect(status.upstreamName).toBe(CITY_NAME);

    // Not copied into the local catalogue.
    const local = await sql<{ n: number }>`SELECT count(*)::int AS n FROM policy_items WHERE id LIKE 'upstream.%'`.execute(district.t.deps.db);
    expect(local.rows[0]!.n).toBe(0);

    const library = (await anonymous.get('/api/v1/upstream-policies')).json();
    const id = namespacedId(upstreamId, ITEM);
    const item = library.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ version: 1, origin: { kind: 'upstream', platform: CITY_NAME, itemId: ITEM, url: `${city.url}/policies/${ITEM}` } });

    const check = (await anonymous.post('/api/v1/eligibility/check', { profile: {}, region: '450103', detail: 'full' })).json();
    const upstreamVerdict = check.items.find((i: { id: string }) => i.id === id);
    expect(upstreamVerdict).toMatchObject({ version: 1, origin: { kind: 'upstream', platform: CITY_NAME } });
    // The local item of the same id is there too, unmarked: the ids never collide.
    expect(check.items.find((i: { id: string }) => i.id === ITEM)?.origin).toBeUndefined();
    // The lean form marks it too.
    const summary = (await anonymous.post('/api/v1/eligibility/check', { profile: {}, region: '450103' })).json();
    expect(summary.items.find((i: { id: string }) => i.id === id)?.origin).toMatchObject({ kind: 'upstream', platform: CITY_NAME });
    // Applied for at the city, not here.
    expect(check.applications[id]).toMatchObject({ status: 'offline' });
    expect(check.applications[id].reason.zh).toContain(CITY_NAME);
  });

  it('shows a new city version after the next pull', async () => {
    const v = (await cityOfficer.get(`/api/v1/policies/${ITEM}/versions`)).json().items.find((x: { status: string }) => x.status === 'published');
    const draft = await cityOfficer.request('PUT', `/api/v1/policies/${ITEM}/draft`, { spec: { ...v.spec, title: { zh: `${v.spec.title.zh}（修订）`, en: `${v.spec.title.en} (revised)` } }, note: '修订标题' });
    expect(draft.statusCode, draft.body).toBe(200);
    const published = await cityOfficer.post(`/api/v1/policies/${ITEM}/versions/${draft.json().version}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');

    // Not before the interval has passed …
    district.t.clock.advance(60_000);
    await district.t.app.jobs.queueDailies();
    await district.t.app.jobs.drain();
    const id = namespacedId(upstreamId, ITEM);
    const before = (await anonymous.get('/api/v1/upstream-policies')).json().items.find((i: { id: string }) => i.id === id);
    expect(before.version).toBe(1);
    // … then at the next pull.
    district.t.clock.advance(5 * 60_000);
    await district.t.app.jobs.queueDailies();
    await district.t.app.jobs.drain();
    const after = (await anonymous.get(`/api/v1/upstream-policies?q=${encodeURIComponent('修订')}`)).json();
    expect(after.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(after.items[0]).toMatchObject({ version: draft.json().version, title: { zh: expect.stringContaining('（修订）') } });
    const check = (await anonymous.post('/api/v1/eligibility/check', { profile: {}, region: '450103', detail: 'full' })).json();
    expect(check.items.find((i: { id: string }) => i.id === id)).toMatchObject({ version: draft.json().version, title: { zh: expect.stringContaining('（修订）') } });
  });
});

describe('webhooks', () => {
  it('retries a receiver that is down with backoff, delivers once when it is back, signed; a replay re-sends the same event', async () => {
    const received: { id: string; topic: string; signature: string | undefined; body: string }[] = [];
    const server: Server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ id: JSON.parse(body).id, topic: JSON.parse(body).topic, signature: req.headers['seedbed-signature'] as string | undefined, body });
        res.writeHead(204).end();
      });
    });
    // A free port, closed again: the receiver is down.
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));

    const token = await cityToken();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const bad = await fetch(`${city.url}/api/v1/webhooks/subscriptions`, { method: 'POST', headers: auth, body: JSON.stringify({ url: 'ftp://example.org/x', topics: ['policy.published'] }) });
    expect(bad.status).toBe(400);
    const reg = await fetch(`${city.url}/api/v1/webhooks/subscriptions`, { method: 'POST', headers: auth, body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, topics: ['policy.published', 'award.published'] }) });
    expect(reg.status).toBe(200);
    const sub = (await reg.json()) as { id: string; secret: string };
    expect(sub.secret).toMatch(/^whsec_/);
    const listed = (await (await fetch(`${city.url}/api/v1/webhooks/subscriptions`, { headers: auth })).json()) as { items: { id: string; secret?: string }[] };
    expect(listed.items.find((s) => s.id === sub.id)?.secret).toBeUndefined();

    // A new version at the city: policy.published.
    const v = (await cityOfficer.get(`/api/v1/policies/${ITEM}/versions`)).json().items.find((x: { status: string }) => x.status === 'published');
    const draft = await cityOfficer.request('PUT', `/api/v1/policies/${ITEM}/draft`, { spec: { ...v.spec, title: { zh: `${v.spec.title.zh}二`, en: `${v.spec.title.en} II` } }, note: '再次修订' });
    expect((await cityOfficer.post(`/api/v1/policies/${ITEM}/versions/${draft.json().version}/publish`)).statusCode).toBe(200);
    await city.t.app.jobs.drain();

    const deliveries = async () =>
      ((await (await fetch(`${city.url}/api/v1/webhooks/subscriptions/${sub.id}/deliveries`, { headers: auth })).json()) as {
        items: { id: string; eventId: string; topic: string; status: string; attempts: number; nextAttemptAt: string | null; attemptLog: { status: number | null; error: string | null; durationMs: number }[] }[];
      }).items;
    let [d] = await deliveries();
    expect(d).toMatchObject({ topic: 'policy.published', status: 'retrying', attempts: 1 });
    expect(d!.attemptLog[0]!.status).toBeNull();
    expect(d!.attemptLog[0]!.error).toBeTruthy();
    // Not before the backoff (10 s) has passed.
    city.t.clock.advance(5_000);
    await city.t.app.jobs.queueDailies();
    await city.t.app.jobs.drain();
    expect((await deliveries())[0]!.attempts).toBe(1);
    city.t.clock.advance(10_000);
    await city.t.app.jobs.queueDailies();
    await city.t.app.jobs.drain();
    [d] = await deliveries();
    expect(d).toMatchObject({ status: 'retrying', attempts: 2 });
    // The next wait is longer (30 s).
    expect(new Date(d!.nextAttemptAt!).getTime() - city.t.clock.now().getTime()).toBe(30_000);

    // The receiver comes back.
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      city.t.clock.advance(30_000);
      await city.t.app.jobs.queueDailies();
      await city.t.app.jobs.drain();
      [d] = await deliveries();
      expect(d).toMatchObject({ status: 'delivered', attempts: 3 });
      expect(d!.attemptLog.map((a) => a.status)).toEqual([null, null, 204]);
      expect(received).toHaveLength(1);
      const got = received[0]!;
      expect(got).toMatchObject({ id: d!.eventId, topic: 'policy.published' });
      expect(JSON.parse(got.body).data).toMatchObject({ itemId: ITEM, version: draft.json().version });
      expect(verifySignature(sub.secret, got.signature, got.body)).toBe(true);
      expect(verifySignature('whsec_wrong', got.signature, got.body)).toBe(false);
      // Nothing more is sent later.
      city.t.clock.advance(3_600_000);
      await city.t.app.jobs.queueDailies();
      await city.t.app.jobs.drain();
      expect(received).toHaveLength(1);

      // Replays send the same event again: a receiver de-duplicating by id still has it once.
      // (A fresh token: the hour that passed outlived the first.)
      Object.assign(auth, { authorization: `Bearer ${await cityToken()}` });
      const bearer = { authorization: auth.authorization };
      const replay = await fetch(`${city.url}/api/v1/webhooks/deliveries/${d!.id}/replay`, { method: 'POST', headers: bearer });
      expect(replay.status).toBe(200);
      await city.t.app.jobs.drain();
      expect(received).toHaveLength(2);
      expect(received[1]!.id).toBe(d!.eventId);
      const since = await fetch(`${city.url}/api/v1/webhooks/subscriptions/${sub.id}/replay?since=${encodeURIComponent('2000-01-01T00:00:00Z')}`, { method: 'POST', headers: bearer });
      expect(since.status).toBe(200);
      expect(((await since.json()) as { replayed: number }).replayed).toBe(1);
      await city.t.app.jobs.drain();
      expect(received).toHaveLength(3);
      expect(new Set(received.map((r) => r.id)).size).toBe(1);
      expect(received.every((r) => verifySignature(sub.secret, r.signature, r.body))).toBe(true);

      // An award enters publicity at the city (fulfilment's 'award.approved'): award.published, delivered once, signed.
      const applicationId = '00000000-0000-4000-8000-0000000000b7';
      await city.t.database.db.transaction().execute((trx) => city.t.deps.events.emit(trx, 'award.approved', { applicationId, itemId: ITEM, subjectId: '00000000-0000-4000-8000-0000000000c7', approvedFen: 1_234_500 }));
      await city.t.app.jobs.drain();
      const awards = received.filter((r) => r.topic === 'award.published');
      expect(awards).toHaveLength(1);
      expect(JSON.parse(awards[0]!.body).data).toEqual({ applicationId, itemId: ITEM, approvedFen: 1_234_500 });
      expect(verifySignature(sub.secret, awards[0]!.signature, awards[0]!.body)).toBe(true);
      expect((await deliveries()).find((x) => x.topic === 'award.published')).toMatchObject({ status: 'delivered', attempts: 1 });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('a revoked client', () => {
  it('is refused at the next pull, and the refusal is recorded on the subscription; what was held stays', async () => {
    const heldBefore = (await districtOffice.get(`/api/v1/interconnect/feed-subscriptions/${subscriptionId}`)).json().itemsHeld;
    await revokeMachineClient(city.t, cityClient.id);
    // The city refuses the client's token at once.
    const refused = await fetch(`${city.url}/api/v1/feed/policies`, { headers: { authorization: 'Bearer nothing' } });
    expect(refused.status).toBe(401);
    district.t.clock.advance(60_000);
    const pulled = await districtOffice.post(`/api/v1/interconnect/feed-subscriptions/${subscriptionId}/pull`);
    expect(pulled.statusCode, pulled.body).toBe(200);
    expect(pulled.json().error).toMatch(/401|unavailable|invalid|revoked/i);
    const status = (await districtOffice.get(`/api/v1/interconnect/feed-subscriptions/${subscriptionId}`)).json();
    expect(status.lastError).toBe(pulled.json().error);
    expect(status.lastErrorAt).not.toBeNull();
    expect(status.recentPulls[0]).toMatchObject({ error: pulled.json().error, received: 0 });
    expect(status.itemsHeld).toBe(heldBefore);
  });
});
