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
});
