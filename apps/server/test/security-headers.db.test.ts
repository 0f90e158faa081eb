/**
 * Production headers (issue #10, point 8): a Content-Security-Policy that allows no inline or
 * evaluated script, a Permissions-Policy, HSTS in production only, and Cache-Control: no-store
 * on every API response (personal and financial data) unless a route chose its own caching.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY, securityHeaders } from '../src/plugins/security-headers.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

const WEB_INDEX = new URL('../../web/index.html', import.meta.url);

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** Every <script> of a page loads a file: none carries code inline. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs, body]) => !/\bsrc\s*=/.test(attrs!) || body!.trim() !== '').map(([tag]) => tag);
}

function expectBrowserPolicies(r: LightMyRequestResponse) {
  const csp = directives(r.headers['content-security-policy']);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  // Scripts only from files of our own origin: no 'unsafe-inline', no 'unsafe-eval', no hosts.
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('script-src-attr')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  const permissions = String(r.headers['permissions-policy']).split(/,\s*/);
  expect(permissions).toEqual(expect.arrayContaining(['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']));
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['x-frame-options']).toBe('DENY');
}

describe('outside production', () => {
  let t: TestContext;
  let web: string;
  beforeAll(async () => {
    // A built web app stand-in: the app's own index.html.
    web = mkdtempSync(join(tmpdir(), 'seedbed-web-'));
    writeFileSync(join(web, 'index.html'), readFileSync(WEB_INDEX, 'utf8'));
    t = await testApp({ config: { webDist: web } });
  });
  afterAll(async () => t?.close());

  it('every API answer carries the browser policies, no HSTS, and Cache-Control: no-store', async () => {
    const c = new TestClient(t.app);
    const answers = [
      await c.get('/api/health'),
      await c.get('/api/v1/auth/me'), // 401 problem
      await c.get('/api/v1/no-such-thing'), // 404 problem
      await c.get('/api/openapi.json'),
      await c.post('/api/v1/auth/login', { username: 'nobody', password: 'wrong' }), // 401 after the CSRF token
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 200, 401]);
    for (const r of answers) {
      expectBrowserPolicies(r);
      expect(r.headers['strict-transport-security']).toBeUndefined();
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  it('keeps a safe x-request-id from the client, and replaces one that could inject into logs', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'trace-42.a:b' } });
    expect(kept.headers['x-request-id']).toBe('trace-42.a:b');
    for (const bad of ['a b', 'x'.repeat(65), 'id;DROP', '<script>', '\u202Eevil']) {
      const r = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': bad } });
      expect(r.statusCode).toBe(200);
      expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    // The refused login's audit entry carries the server's id, not the client's.
    const c = new TestClient(t.app);
    await c.request('POST', '/api/v1/auth/login', { username: 'nobody', password: 'wrong' }, { 'x-request-id': 'forged id <b>' });
    const last = await t.database.db.selectFrom('audit_log' as never).select(['request_id' as never]).orderBy('id' as never, 'desc').limit(1).executeTakeFirstOrThrow();
    expect((last as { request_id: string }).request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the web app is served under the same policy, its pages load no inline script', async () => {
    expect(inlineScripts(readFileSync(WEB_INDEX, 'utf8'))).toEqual([]);
    for (const url of ['/', '/finder']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/html');
      expectBrowserPolicies(r);
      expect(inlineScripts(r.body)).toEqual([]);
      expect(r.headers['cache-control']).not.toBe('no-store'); // pages hold no personal data
    }
  });

  it('the API documentation (Swagger UI) renders under the policy: its page loads script files only', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expectBrowserPolicies(page);
    expect(inlineScripts(page.body)).toEqual([]);
    const scripts = [...page.body.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const r = await t.app.inject({ method: 'GET', url: new URL(src, 'http://localhost/api/docs/').pathname });
      expect({ src, status: r.statusCode }).toEqual({ src, status: 200 });
      expect(r.headers['content-type']).toMatch(/javascript/);
    }
  });
});

describe('in production', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await testApp({ config: { production: true } });
  });
  afterAll(async () => t?.close());

  it('adds Strict-Transport-Security to every answer', async () => {
    for (const url of ['/api/health', '/api/v1/auth/me', '/api/docs/']) {
      const r = await t.app.inject({ method: 'GET', url });
      expectBrowserPolicies(r);
      const hsts = String(r.headers['strict-transport-security']);
      expect(hsts).toMatch(/^max-age=(\d+); includeSubDomains$/);
      expect(Number(/max-age=(\d+)/.exec(hsts)![1])).toBeGreaterThanOrEqual(31_536_000);
    }
  });
});

describe('a route of its own mind', () => {
  it('keeps the Content-Security-Policy and Cache-Control a route sets (a sandboxed download, a cacheable public answer)', async () => {
    const app = Fastify();
    app.addHook('onSend', securityHeaders({ production: false }));
    app.get('/api/v1/download', async (_request, reply) =>
      reply.header('content-security-policy', "sandbox; default-src 'none'").header('cache-control', 'private, no-store').send('bytes'),
    );
    app.get('/api/v1/public', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send({ ok: true }));
    app.get('/api/v1/plain', async () => ({ ok: true }));
    try {
      const download = await app.inject({ method: 'GET', url: '/api/v1/download' });
      expect(download.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      expect(download.headers['cache-control']).toBe('private, no-store');
      expect(download.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
      const cached = await app.inject({ method: 'GET', url: '/api/v1/public' });
      expect(cached.headers['cache-control']).toBe('public, max-age=300');
      expect(cached.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      const plain = await app.inject({ method: 'GET', url: '/api/v1/plain?x=1' });
      expect(plain.headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
    }
  });
});
