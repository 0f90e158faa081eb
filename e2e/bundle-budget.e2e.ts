/**
 * The web's first load stays small (issue #23, point 5): reads the built app's Vite manifest
 * (apps/web/dist/.vite/manifest.json) and sums the compressed size of the JavaScript that
 * index.html's entry imports statically — the app shell every page loads before its own route —
 * and of the shell plus the home page's and the calculator's route chunks. Dynamic imports (other
 * pages, ECharts, Tiptap, FullCalendar, the query builder, the calculator's question controls and
 * verdicts) are not counted.
 *
 * It lives with the browser tests because it needs the build: scripts/test-all.sh builds the web
 * right before them (unit tests run before the build), and the harness builds it when missing.
 * bench/web/run.sh measures the same in Chromium, with transfer sizes and first paint.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadFiles, firstLoadJs, readManifest, total } from '../bench/web/first-load.js';
import { ensureWebBuilt, REPO_ROOT } from './harness.js';

const DIST = join(REPO_ROOT, 'apps/web/dist');
let manifest: ReturnType<typeof readManifest>;
const routeKey = (suffix: string): string => {
  const key = Object.keys(manifest).find((k) => k.endsWith(suffix));
  if (!key) throw new Error(`${suffix} is not a chunk of the build`);
  return key;
};

beforeAll(() => {
  ensureWebBuilt();
  manifest = readManifest(DIST);
});

describe('first-load JavaScript', () => {
  it('the app shell (index.html entry and its static imports) is within 350 KiB gzip', () => {
    const sizes = firstLoadJs(DIST);
    expect(sizes.length).toBeGreaterThan(1);
    expect(total(sizes, 'gzip')).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('the home page and the calculator are lazily loaded routes, not part of the shell', () => {
    const shell = new Set(firstLoadFiles(DIST));
    for (const page of ['home/home-page.tsx', 'finder/calculator-page.tsx', 'identity/login-page.tsx']) {
      expect(shell.has(manifest[routeKey(page)]!.file), page).toBe(false);
    }
  });

  it('the shell plus the home page is within 350 KiB gzip', () => {
    const sizes = firstLoadJs(DIST, [routeKey('home/home-page.tsx')]);
    expect(total(sizes, 'gzip')).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('the shell plus the calculator is within 350 KiB gzip', () => {
    const sizes = firstLoadJs(DIST, [routeKey('finder/calculator-page.tsx')]);
    // gzip, hence brotli (what the server sends when accepted; 390 KiB before the question
    // controls and verdicts were split off, 285 KiB after).
    expect(total(sizes, 'gzip')).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('the calculator loads its question controls and verdicts on demand, not with its first screen', () => {
    const calculator = new Set(firstLoadFiles(DIST, [routeKey('finder/calculator-page.tsx')]));
    for (const part of ['finder/calculator-controls.tsx', 'finder/verdict-list.tsx']) {
      expect(calculator.has(manifest[routeKey(part)]!.file), part).toBe(false);
      expect(manifest[routeKey('finder/calculator-page.tsx')]!.dynamicImports, part).toContain(routeKey(part));
    }
  });
});
