/**
 * package.json's `engines` is a promise: every Node version it admits runs every installed
 * package. A dependency that needs a newer Node (cookie@2 and content-disposition@3 need 22)
 * makes `npm ci` warn EBADENGINE and breaks that promise; pin an older version in `overrides`.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('engines', () => {
  it('package.json and the lockfile agree on the Node versions, and they include the one running', () => {
    expect(lock.packages['']?.engines).toEqual(pkg.engines);
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it('every locked package runs on every Node version package.json admits', () => {
    const excluding = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, p]) => {
        const node = !p.engines || Array.isArray(p.engines) ? undefined : p.engines.node;
        return node && !semver.subset(pkg.engines.node, node) ? [`${path}@${p.version}: node ${node}`] : [];
      });
    expect(excluding).toEqual([]);
  });
});
