/**
 * Exchange between two platforms over HTTP (the city and a district): a firm consents at the city
 * and the district reads and imports its verified profile; without consent only public data; the
 * district pushes its indicators (idempotent per version, lower versions and bad digests refused);
 * the city's statistics, the open statistics' breakdown and a bound target show the sum and the
 * district's share; an expected district that did not report shows missing; a revoked client is 401.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { DataSharing, DistrictReports, ExchangedProfile, ImportSubjectResult, IndicatorReceipt, OpenBreakdown, PushIndicatorsResult, SubjectProfile, TargetDetail } from '@seedbed/contract';
import { systemActor } from '../src/modules/audit/index.js';
import { createOrganisation, createUser, setMembership } from '../src/modules/identity/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, TestClient, errorFields, type TestContext } from './test-app.js';
import { registerMachineClient, registerUpstream, revokeMachineClient, startInstance, type Instance } from './two-instances.js';

let city: Instance;
let district: Instance;
/** The city's machine client for Qingxiu district (reads profiles, reports) and Xingning's (reports only). */
let qingxiu: { id: string; clientId: string; clientSecret: string };
let xingning: { id: string; clientId: string; clientSecret: string };
let upstreamId: string;
let creditCode: string;
let citySubjectId: string;

const signIn = async (t: TestContext, username: string): Promise<TestClient> => {
  const c = new TestClient(t.app);
  await c.loginDemo(username, t.clock);
  return c;
};

/** A district department of the city with its programme office (who registers the district's client). */
async function districtOffice(t: TestContext, name: string, regionCode: string, username: string): Promise<void> {
  const ctx = systemActor('test');
  await t.deps.db.transaction().execute(async (trx) => {
    const org = await createOrganisation(trx, t.deps, ctx, { name, kind: 'government', regionCode });
    const user = await createUser(trx, t.deps, ctx, { username, displayName: `${name}双创办`, password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, t.deps, ctx, org, user, ['programme_office']);
  });
}

const tokenFor = async (client: { clientId: string; clientSecret: string }): Promise<string> => {
  const r = await fetch(`${city.url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).toString(),
  });
  if (r.status !== 200) throw new Error(`token: ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
};

const digestOf = (text: string) => createHash('sha256').update(text).digest('base64');

/** A report sent straight to the city's machine route, with the digest of `digestBody` (default: the body). */
async function report(client: { clientId: string; clientSecret: string }, body: unknown, digestBody?: string | null) {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(client)}`, 'content-type': 'application/json' };
  if (digestBody !== null) headers['content-digest'] = `sha-256=:${digestOf(digestBody ?? text)}:`;
  const r = await fetch(`${city.url}/api/v1/exchange/indicators`, { method: 'POST', headers, body: text });
  return { status: r.status, json: (await r.json()) as IndicatorReceipt & { code?: string; errors?: { field: string; rule: string }[] } };
}

beforeAll(async () => {
  [city, district] = await Promise.all([startInstance(), startInstance()]);
  await districtOffice(city.t, '青秀区科学技术局', '450103', 'office.qingxiu');
  await districtOffice(city.t, '兴宁区科学技术局', '450102', 'office.xingning');
  qingxiu = await registerMachineClient(city.t, { name: '青秀区双创服务平台', scopes: ['subjects:exchange', 'reports:push'], username: 'office.qingxiu' });
  xingning = await registerMachineClient(city.t, { name: '兴宁区双创服务平台', scopes: ['reports:push'], username: 'office.xingning' });
  upstreamId = await registerUpstream(district.t, { name: '南宁市双创服务平台', baseUrl: city.url, clientId: qingxiu.clientId, clientSecret: qingxiu.clientSecret });
}, 400_000);
afterAll(async () => {
  await Promise.all([city?.close(), district?.close()]);
});

describe('an enterprise profile with consent', () => {
  it('is verified at the city, consented to by the firm, read and imported by the district', async () => {
    const firm = await signIn(city.t, 'ent.nanning');
    const mine = (await firm.get('/api/v1/subjects/mine')).json<{ items: { id: string; kind: string }[] }>().items;
    citySubjectId = mine.find((s) => s.kind === 'enterprise')!.id;
    const officer = await signIn(city.t, 'officer.nanning');
    const verified = await officer.post(`/api/v1/subjects/${citySubjectId}/verified-facts`, { facts: { employees: 23, registered_capital: 2_000_000_00 }, registry: 'market_regulation', asOf: '2026-11-02' });
    expect(verified.statusCode, verified.body).toBe(200);
    creditCode = String(verified.json<SubjectProfile>().facts.credit_code!.value);

    // The district cannot import before the firm consents.
    const districtOfficer = await signIn(district.t, 'officer.nanning');
    const early = await districtOfficer.post('/api/v1/exchange/import-subject', { upstreamId, creditCode });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().code).toBe('CONSENT_MISSING');

    // Only the firm's members manage its consent.
    expect((await officer.get(`/api/v1/exchange/sharing/${citySubjectId}`)).statusCode).toBe(403);
    const sharing = (await firm.get(`/api/v1/exchange/sharing/${citySubjectId}`)).json<DataSharing>();
    expect(sharing.platforms.map((p) => [p.name, p.organisationName])).toEqual([['青秀区双创服务平台', '青秀区科学技术局']]);
    expect(sharing.reads).toMatchObject([{ platformName: '青秀区双创服务平台', withConsent: false }]);
    const bad = await firm.post(`/api/v1/exchange/sharing/${citySubjectId}/grant`, { clientId: xingning.clientId });
    expect(errorFields(bad)).toEqual(['clientId:platform']);
    const granted = await firm.post(`/api/v1/exchange/sharing/${citySubjectId}/grant`, { clientId: qingxiu.clientId });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json<DataSharing>().live).toMatchObject([{ platformName: '青秀区双创服务平台', action: 'granted', scope: 'verified_profile', by: '林晓青' }]);
    // Granting again changes nothing.
    expect((await firm.post(`/api/v1/exchange/sharing/${citySubjectId}/grant`, { clientId: qingxiu.clientId })).json<DataSharing>().history).toHaveLength(1);

    const imported = await districtOfficer.post('/api/v1/exchange/import-subject', { upstreamId, creditCode });
    expect(imported.statusCode, imported.body).toBe(200);
    const result = imported.json<ImportSubjectResult>();
    // What the city verified today, and what it had verified before (the demo's incubation facts); nothing declared.
    expect(result.imported).toEqual(expect.arrayContaining(['employees', 'registered_capital']));
    expect(result.imported).not.toContain('industry');
    const districtProfile = (await districtOfficer.get(`/api/v1/subjects/${result.subjectId}`)).json<SubjectProfile>();
    expect(result.imported.every((v) => districtProfile.facts[v]?.verified && districtProfile.facts[v]?.source.includes('_via_'))).toBe(true);
    expect(districtProfile.facts.employees).toMatchObject({ value: 23, verified: true, asOf: '2026-11-02', source: `registry:market_regulation_via_${new URL(city.url).host.replace(/[^a-z0-9_]+/g, '_')}` });
    // The district's firm cannot overwrite what was imported as verified.
    const districtFirm = await signIn(district.t, 'ent.nanning');
    expect((await districtFirm.patch(`/api/v1/subjects/${result.subjectId}/facts`, { facts: { employees: 1 } })).statusCode).toBe(409);

    // The firm sees who read its profile, and when.
    const after = (await firm.get(`/api/v1/exchange/sharing/${citySubjectId}`)).json<DataSharing>();
    expect(after.reads.map((r) => r.withConsent)).toEqual([true, false]);
    const audit = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.profile_read' AND entity_id = ${citySubjectId}`.execute(city.t.deps.db)).rows[0]!.n;
    expect(audit).toBe(2);
  });

  it('gives only public data once consent is revoked', async () => {
    const firm = await signIn(city.t, 'ent.nanning');
    const revoked = await firm.post(`/api/v1/exchange/sharing/${citySubjectId}/revoke`, { clientId: qingxiu.clientId });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<DataSharing>().live).toEqual([]);
    expect(revoked.json<DataSharing>().history.map((h) => h.action)).toEqual(['revoked', 'granted']);

    const r = await fetch(`${city.url}/api/v1/exchange/subjects/${creditCode}`, { headers: { authorization: `Bearer ${await tokenFor(qingxiu)}` } });
    expect(r.status).toBe(200);
    const profile = (await r.json()) as ExchangedProfile;
    expect(profile).toMatchObject({ name: '南宁青禾智能科技有限公司', creditCode, regionCode: '450103', consent: 'missing', verifiedFacts: [] });
    const districtOfficer = await signIn(district.t, 'officer.nanning');
    expect((await districtOfficer.post('/api/v1/exchange/import-subject', { upstreamId, creditCode })).json().code).toBe('CONSENT_MISSING');
    // A client without the scope is refused.
    const other = await fetch(`${city.url}/api/v1/exchange/subjects/${creditCode}`, { headers: { authorization: `Bearer ${await tokenFor(xingning)}` } });
    expect(other.status).toBe(403);
  });
});

describe('indicator reports', () => {
  const period = '2026-11';

  it('are pushed by the district, stored once per version, lower versions and bad digests refused', async () => {
    const office = await signIn(district.t, 'office.nanning');
    const pushed = await office.post('/api/v1/exchange/push-indicators', { upstreamId, period, indicators: [{ name: 'market_subjects_new', value: 120 }, { name: 'jobs_created', value: 300 }, { name: 'carriers', value: 7 }] });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const first = pushed.json<PushIndicatorsResult>();
    expect(first).toMatchObject({ status: 201, version: 1, receipt: { version: 1, period, regionCode: '450103', late: false } });
    // Without a typed value, an indicator comes from the district's own statistic.
    expect(first.sent.find((s) => s.name === 'enterprises_new')).toMatchObject({ from: 'statistic' });

    // The same version again: the stored receipt, nothing stored twice.
    const body = { period, version: 1, indicators: first.sent.map(({ name, value, unit }) => ({ name, value, unit })) };
    const again = await report(qingxiu, body);
    expect(again.status).toBe(200);
    expect(again.json.receiptId).toBe(first.receipt!.receiptId);
    const stored = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM exchange_indicator_reports WHERE period = ${period}`.execute(city.t.deps.db)).rows[0]!.n;
    expect(await stored()).toBe(1);

    // A correction is a higher version; the lower one is then refused.
    const second = (await office.post('/api/v1/exchange/push-indicators', { upstreamId, period, indicators: [{ name: 'market_subjects_new', value: 150 }, { name: 'jobs_created', value: 320 }, { name: 'carriers', value: 8 }] })).json<PushIndicatorsResult>();
    expect(second).toMatchObject({ status: 201, version: 2 });
    const lower = await report(qingxiu, body);
    expect(lower.status).toBe(409);
    expect(lower.json.code).toBe('VERSION_SUPERSEDED');
    expect(await stored()).toBe(2);
    // Each stored version is an indicator.updated event for the city's webhook subscribers; the repeat and the refusal are not.
    const events = await sql<{ version: number }>`SELECT (data->>'version')::int AS version FROM webhooks_events WHERE topic = 'indicator.updated' AND data->>'period' = ${period} ORDER BY occurred_at`.execute(city.t.deps.db);
    expect(events.rows.map((r) => r.version)).toEqual([1, 2]);

    // The digest must be of the body as sent.
    const tampered = await report(qingxiu, { ...body, version: 3 }, JSON.stringify({ ...body, version: 4 }));
    expect(tampered.status).toBe(400);
    expect(tampered.json.code).toBe('DIGEST_MISMATCH');
    expect((await report(qingxiu, { ...body, version: 3 }, null)).json.code).toBe('DIGEST_REQUIRED');
    const unknown = await report(qingxiu, { period, version: 3, indicators: [{ name: 'nonsense', value: 1, unit: '个' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors!.map((e) => `${e.field}:${e.rule}`)).toEqual(['indicators.0.name:known_indicator']);
    expect(await stored()).toBe(2);
  });

  it('add up in the city’s statistics, its open breakdown by district and a target bound to them', async () => {
    const stat = city.t.deps.modules.statistics.get('exchange.market_subjects_new')!;
    expect(await stat.compute(city.t.deps.db, { regionCode: '450100', from: '2026-11-01', to: '2026-11-30' })).toBe(150);
    expect(await stat.compute(city.t.deps.db, { regionCode: '450102', from: '2026-11-01', to: '2026-11-30' })).toBe(0);
    // Xingning reports too (straight to the machine route): the city's sum is both.
    expect((await report(xingning, { period, version: 1, indicators: [{ name: 'market_subjects_new', value: 50, unit: '户' }, { name: 'carriers', value: 2, unit: '家' }] })).status).toBe(201);
    expect(await stat.compute(city.t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' })).toBe(200);

    const anon = new TestClient(city.t.app);
    const breakdown = (await anon.get(`/api/v1/public/statistics/breakdown?name=exchange.market_subjects_new&regionCode=450100&period=${period}`)).json<OpenBreakdown>();
    expect(breakdown.figure.value).toBe(200);
    expect(breakdown.byRegion.filter((r) => r.value > 0).map((r) => [r.code, r.value])).toEqual([['450102', 50], ['450103', 150]]);

    const office = await signIn(city.t, 'office.nanning');
    expect((await office.post('/api/v1/targets/load', { document: 'nn-2016-34' })).statusCode).toBe(200);
    const id = (await sql<{ id: string }>`SELECT id FROM targets_targets WHERE catalogue_id = 'nn.target.maker-spaces-2020' AND parent_id IS NULL`.execute(city.t.deps.db)).rows[0]!.id;
    const bound = await office.patch(`/api/v1/targets/${id}`, { statistic: 'exchange.carriers' });
    expect(bound.statusCode, bound.body).toBe(200);
    // Carriers are a stock: each district's latest period (8 + 2), not a sum over months.
    expect(bound.json<TargetDetail>().target.figure).toBe(10);
  });

  it('shows the city which expected district reported, late or not at all', async () => {
    const office = await signIn(city.t, 'office.nanning');
    const now = (await office.get(`/api/v1/exchange/district-reports?period=${period}`)).json<DistrictReports>();
    expect(now.deadline).toBe('2026-12-10');
    expect(now.districts.map((d) => [d.regionCode, d.status, d.version])).toEqual([['450102', 'received', 1], ['450103', 'received', 2]]);
    const sums = now.indicators.find((i) => i.name === 'market_subjects_new')!;
    expect(sums.total).toBe(200);
    expect(sums.shares.map((s) => [s.regionCode, s.value])).toEqual([['450102', 50], ['450103', 150]]);

    // October: Qingxiu reports after its deadline (10 November), Xingning not at all.
    const districtOffice = await signIn(district.t, 'office.nanning');
    const late = (await districtOffice.post('/api/v1/exchange/push-indicators', { upstreamId, period: '2026-10', indicators: [{ name: 'market_subjects_new', value: 90 }] })).json<PushIndicatorsResult>();
    expect(late.receipt).toMatchObject({ late: true });
    const october = (await office.get('/api/v1/exchange/district-reports?period=2026-10')).json<DistrictReports>();
    expect(october.districts.map((d) => [d.regionCode, d.status])).toEqual([['450102', 'missing'], ['450103', 'late']]);
    // Only the region's departments see it.
    expect((await (await signIn(city.t, 'officer.yingtan')).get('/api/v1/exchange/district-reports?period=2026-10&regionCode=450100')).statusCode).toBe(403);
  });

  it('refuses a revoked client with 401', async () => {
    const xingningToken = await tokenFor(xingning);
    await revokeMachineClient(city.t, xingning.id, 'office.xingning');
    const token = await fetch(`${city.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: xingning.clientId, client_secret: xingning.clientSecret }).toString(),
    });
    expect(token.status).toBe(401);
    // A token issued before the revocation is refused too.
    const body = JSON.stringify({ period, version: 2, indicators: [{ name: 'market_subjects_new', value: 1, unit: '户' }] });
    const r = await fetch(`${city.url}/api/v1/exchange/indicators`, { method: 'POST', headers: { authorization: `Bearer ${xingningToken}`, 'content-type': 'application/json', 'content-digest': `sha-256=:${digestOf(body)}:` }, body });
    expect(r.status).toBe(401);
  });
});
