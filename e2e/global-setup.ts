/**
 * vitest's global set-up for the browser tests: a folder for this run's seeded server homes
 * (e2e/harness.ts `startServer`), removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'seedbed-e2e-cache-'));
  // Test processes start after this and inherit the environment.
  process.env.SEEDBED_E2E_CACHE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
