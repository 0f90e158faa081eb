/**
 * Two Seedbed instances side by side for the interconnection tests: each a test app with its own
 * PGlite database, listening on 127.0.0.1 on a free port, so that they talk over real HTTP.
 */
import type { ApiClientSecret, ClientScope, UpstreamView } from '@seedbed/contract';
import { TestClient, testApp, type TestContext } from './test-app.js';

export interface Instance {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  t: TestContext;
  close(): Promise<void>;
}

export async function startInstance(options: Parameters<typeof testApp>[0] = { demo: true }): Promise<Instance> {
  const t = await testApp(options);
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, t, close: () => t.close() };
}

/** Signs in the demo's Nanning programme office (it holds interconnect.manage). */
async function office(t: TestContext, username = 'office.nanning'): Promise<TestClient> {
  const c = new TestClient(t.app);
  await c.loginDemo(username, t.clock);
  return c;
}

/** Registers a machine client on `t` as its programme office: the credentials another platform uses. */
export async function registerMachineClient(t: TestContext, options: { name: string; scopes: ClientScope[]; ratePerMinute?: number; username?: string }): Promise<{ id: string; clientId: string; clientSecret: string }> {
  const c = await office(t, options.username);
  const r = await c.post('/api/v1/interconnect/clients', { name: options.name, scopes: options.scopes, ...(options.ratePerMinute ? { ratePerMinute: options.ratePerMinute } : {}) });
  if (r.statusCode !== 200) throw new Error(`register client: ${r.statusCode} ${r.body}`);
  const body = r.json<ApiClientSecret>();
  return { id: body.client.id, clientId: body.client.clientId, clientSecret: body.clientSecret };
}

/** Registers `baseUrl` as an upstream of `t` (as its programme office) with the credentials the upstream issued. */
export async function registerUpstream(t: TestContext, options: { name: string; baseUrl: string; clientId: string; clientSecret: string; username?: string }): Promise<string> {
  const c = await office(t, options.username);
  const r = await c.post('/api/v1/interconnect/upstreams', { name: options.name, baseUrl: options.baseUrl, clientId: options.clientId, clientSecret: options.clientSecret });
  if (r.statusCode !== 200) throw new Error(`register upstream: ${r.statusCode} ${r.body}`);
  return r.json<UpstreamView>().id;
}

/** Revokes a client on `t` as its programme office. */
export async function revokeMachineClient(t: TestContext, id: string, username?: string): Promise<void> {
  const c = await office(t, username);
  const r = await c.post(`/api/v1/interconnect/clients/${id}/revoke`);
  if (r.statusCode !== 200) throw new Error(`revoke client: ${r.statusCode} ${r.body}`);
}
