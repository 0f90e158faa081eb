/**
 * The committed OpenAPI document (docs/openapi.json): the served document in a canonical text, so
 * that it changes only when the API does. Object keys are sorted at every level (arrays keep
 * their order: `required`, `enum` and the like mean something in order), two-space indentation,
 * one trailing newline. `npm run openapi` writes it; apps/server/test/openapi.db.test.ts fails
 * when the served document differs from it.
 */
export const OPENAPI_FILE = new URL('../../../../docs/openapi.json', import.meta.url);

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) sorted[key] = sortKeys(v);
  }
  return sorted;
}
