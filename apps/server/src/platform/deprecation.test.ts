import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { deprecate } from './deprecation.js';

describe('deprecate', () => {
  it('adds Deprecation, Sunset and Link headers and marks the operation deprecated', async () => {
    const app = Fastify();
    await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } } });
    app.get('/old', deprecate({ since: '2027-01-01', sunset: '2027-07-01', link: '/api/docs#new' }, { schema: { summary: 'old' } }), async () => ({ ok: true }));
    app.get('/new', { schema: { summary: 'new' } }, async () => ({ ok: true }));
    await app.ready();
    const old = await app.inject({ url: '/old' });
    expect(old.statusCode).toBe(200);
    expect(old.json()).toEqual({ ok: true });
    expect(old.headers.deprecation).toBe(`@${Date.UTC(2027, 0, 1) / 1000}`);
    expect(old.headers.sunset).toBe('Thu, 01 Jul 2027 00:00:00 GMT');
    expect(old.headers.link).toBe('</api/docs#new>; rel="deprecation"');
    const fresh = await app.inject({ url: '/new' });
    expect(fresh.headers.deprecation).toBeUndefined();
    const doc = app.swagger() as { paths: Record<string, { get: { deprecated?: boolean } }> };
    expect(doc.paths['/old']!.get.deprecated).toBe(true);
    expect(doc.paths['/new']!.get.deprecated).toBeUndefined();
    await app.close();
  });

  it('refuses a sunset sooner than the policy’s notice', () => {
    expect(() => deprecate({ since: '2027-01-01', sunset: '2027-06-30' }, {})).toThrow(/at least 6 months/);
    expect(() => deprecate({ since: '2027-1-1', sunset: '2027-09-01' }, {})).toThrow(/ISO dates/);
  });
});
