/**
 * Interconnection's core between two instances over HTTP: the city registers the district as a
 * machine client, the district registers the city as an upstream and gets a token; wrong secrets,
 * unknown scopes and revoked clients are refused with RFC 6749 errors; a rotated secret keeps
 * the old one working for 24 hours; the tokens verify against the published JWK set.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientList, ApiClientSecret, UpstreamCheck } from '@seedbed/contract';
import { TestClient } from './test-app.js';
import { registerMachineClient, registerUpstream, revokeMachineClient, startInstance, type Instance } from './two-instances.js';

let city: Instance;
let district: Instance;

beforeAll(async () => {
  [city, district] = await Promise.all([startInstance(), startInstance()]);
}, 400_000);
afterAll(async () => {
  await Promise.all([city?.close(), district?.close()]);
});

const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${city.url}/api/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body).toString() });

describe('client credentials', () => {
  it('issues a signed token with the granted scopes, by form body or HTTP Basic', async () => {
    const client = await registerMachineClient(city.t, { name: '青秀区双创服务平台', scopes: ['policies:read', 'reports:push'] });
    const r = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = (await r.json()) as { access_token: string; token_type: string; expires_in: number; scope: string };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(600);
    expect(body.scope).toBe('policies:read reports:push');
    const keys = (await (await fetch(`${city.url}/api/v1/oauth/jwks`)).json()) as { keys: [] };
    const { payload } = await jwtVerify(body.access_token, createLocalJWKSet(keys), { issuer: 'seedbed', audience: 'seedbed-api', currentDate: city.t.clock.now() });
    expect(payload.sub).toBe(client.clientId);

    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    const narrowed = await token({ grant_type: 'client_credentials', scope: 'policies:read' }, { authorization: `Basic ${basic}` });
    expect(narrowed.status).toBe(200);
    expect(((await narrowed.json()) as { scope: string }).scope).toBe('policies:read');
  });

  it('refuses a wrong secret, another grant and a scope not granted, in the standard error shape', async () => {
    const client = await registerMachineClient(city.t, { name: '高新区平台', scopes: ['policies:read'] });
    const wrong = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'sbs_wrong' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    const grant = await token({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret });
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const scope = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'subjects:exchange' });
    expect(scope.status).toBe(400);
    expect(((await scope.json()) as { error: string }).error).toBe('invalid_scope');
  });

  it('keeps the old secret for 24 hours after a rotation, and refuses everything once revoked', async () => {
    const client = await registerMachineClient(city.t, { name: '经开区平台', scopes: ['indicators:read'] });
    const office = new TestClient(city.t.app);
    await office.loginDemo('office.nanning', city.t.clock);
    const rotated = await office.post(`/api/v1/interconnect/clients/${client.id}/rotate`);
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json<ApiClientSecret>().clientSecret;
    expect(fresh).not.toBe(client.clientSecret);
    expect((await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })).status).toBe(200);
    expect((await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: fresh })).status).toBe(200);
    city.t.clock.advance(24 * 3600_000 + 1000);
    expect((await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })).status).toBe(401);
    expect((await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: fresh })).status).toBe(200);

    await revokeMachineClient(city.t, client.id);
    const refused = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: fresh });
    expect(refused.status).toBe(401);
    const office2 = new TestClient(city.t.app);
    await office2.loginDemo('office.nanning', city.t.clock);
    const list = (await office2.get('/api/v1/interconnect/clients')).json<ApiClientList>();
    expect(list.items.find((c) => c.id === client.id)?.revokedAt).not.toBeNull();
  });

  it('is for the programme office: an enterprise cannot register a client', async () => {
    const ent = new TestClient(city.t.app);
    await ent.loginDemo('ent.nanning', city.t.clock);
    const r = await ent.post('/api/v1/interconnect/clients', { name: 'x', scopes: ['policies:read'] });
    expect(r.statusCode).toBe(403);
    const bad = new TestClient(city.t.app);
    await bad.loginDemo('office.nanning', city.t.clock);
    const invalid = await bad.post('/api/v1/interconnect/clients', { name: '平台', scopes: ['everything'] });
    expect(invalid.statusCode).toBe(400);
  });
});

describe('upstreams', () => {
  it('the district calls the city with the credentials the city issued, and sees a revoked client refused', async () => {
    const client = await registerMachineClient(city.t, { name: '青秀区平台（上行）', scopes: ['policies:read'] });
    const upstreamId = await registerUpstream(district.t, { name: '南宁市双创服务平台', baseUrl: `${city.url}/`, ...client });
    const office = new TestClient(district.t.app);
    await office.loginDemo('office.nanning', district.t.clock);
    const ok = await office.post(`/api/v1/interconnect/upstreams/${upstreamId}/check`);
    expect(ok.json<UpstreamCheck>()).toMatchObject({ ok: true, scopes: ['policies:read'] });
    await revokeMachineClient(city.t, client.id);
    const refused = (await office.post(`/api/v1/interconnect/upstreams/${upstreamId}/check`)).json<UpstreamCheck>();
    expect(refused.ok).toBe(false);
    expect(refused.message.en).toContain('401');
    const bad = await office.post('/api/v1/interconnect/upstreams', { name: 'x', baseUrl: 'ftp://example', clientId: 'a', clientSecret: 'b' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('baseUrl');
  });
});
