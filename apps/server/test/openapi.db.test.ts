import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, OPENAPI_FILE } from '../src/platform/openapi.js';
import { testApp, type TestContext } from './test-app.js';

/**
 * The committed OpenAPI document (docs/openapi.json) is the one the server serves: a change of a
 * route or of a contract schema without `npm run openapi` fails here, naming what differs.
 */
let t: TestContext;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

type Doc = { paths: Record<string, Record<string, unknown>>; [key: string]: unknown };

/** The operations (and top-level parts) whose text differs between two documents. */
function differences(served: Doc, committed: Doc): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(served), ...Object.keys(committed)])) {
    if (key !== 'paths' && canonicalJson(served[key]) !== canonicalJson(committed[key])) out.push(key);
  }
  const paths = new Set([...Object.keys(served.paths ?? {}), ...Object.keys(committed.paths ?? {})]);
  for (const path of [...paths].sort()) {
    const a = served.paths?.[path] ?? {};
    const b = committed.paths?.[path] ?? {};
    for (const method of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(method in b)) out.push(`${method.toUpperCase()} ${path} (not in docs/openapi.json)`);
      else if (!(method in a)) out.push(`${method.toUpperCase()} ${path} (no longer served)`);
      else if (canonicalJson(a[method]) !== canonicalJson(b[method])) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return out;
}

describe('docs/openapi.json', () => {
  it('is the document the server serves, in canonical form', async () => {
    const served = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Doc>();
    const text = readFileSync(OPENAPI_FILE, 'utf8');
    const committed = JSON.parse(text) as Doc;
    const stale = 'docs/openapi.json differs from the served OpenAPI document: run `npm run openapi` and commit the result';
    expect(differences(served, committed), stale).toEqual([]);
    expect(text === canonicalJson(served), `${stale} (same content, not in canonical form)`).toBe(true);
  });

  it("documents the rules engine's verdict where an application or a preview carries it, not as unknown", async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Doc>();
    type Schema = { properties?: Record<string, Schema>; required?: string[]; items?: Schema };
    const json = (path: string, method: string, status: string) =>
      (doc.paths[path]?.[method] as { responses: Record<string, { content: Record<string, { schema: Schema }> }> }).responses[status]!.content['application/json']!.schema;
    const verdicts = [
      json('/api/v1/fulfilment/applications/{id}', 'get', '200').properties!.verdict!,
      json('/api/v1/fulfilment/form', 'get', '200').properties!.verdict!,
      json('/api/v1/fulfilment/verdict', 'post', '200'),
    ];
    for (const verdict of verdicts) {
      expect(verdict.required).toEqual(expect.arrayContaining(['item', 'status', 'criteria', 'missing', 'amount']));
      expect(Object.keys(verdict.properties!.criteria!.items!.properties!)).toEqual(expect.arrayContaining(['id', 'label', 'status', 'sentence', 'missing']));
    }
  });
});
