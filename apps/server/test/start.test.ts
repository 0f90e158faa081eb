import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The real start command, as a process: it serves /api/health on an embedded database, refuses
 * a second process on the same data folder with a clear message, and creates demo accounts
 * only outside production.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'seedbed-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

function start(env: Record<string, string>, script = 'apps/server/src/main.ts', args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

// Generous: a fresh folder runs every migration and seeds every module's demo, on a CI machine
// that may be running other test files at the same time.
async function waitHealthy(port: number, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server on ${port} did not become healthy`);
}

const port = () => 20000 + Math.floor(Math.random() * 20000);

async function loginStatus(p: number, username: string): Promise<number> {
  const csrf = await fetch(`http://127.0.0.1:${p}/api/v1/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { token } = (await csrf.json()) as { token: string };
  const r = await fetch(`http://127.0.0.1:${p}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
    body: JSON.stringify({ username, password: 'Seedbed-demo-2026' }),
  });
  return r.status;
}

describe('the start command', () => {
  it('serves the API on PGlite with demo data, and a second process on the same folder stops with a clear message', async () => {
    const dataDir = join(tmp, 'demo', 'pglite');
    const p = port();
    const first = start({ PORT: String(p), SEEDBED_DATA_DIR: dataDir });
    await waitHealthy(p);
    const health = (await (await fetch(`http://127.0.0.1:${p}/api/health`)).json()) as { database: string };
    expect(health.database).toBe('pglite');
    expect(await loginStatus(p, 'founder')).toBe(200);

    const second = start({ PORT: String(port()), SEEDBED_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('only one Seedbed process may open it');
    expect(second.output()).toContain(String(first.child.pid));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // The server signed audit checkpoints outside the database, the last one on the way down:
    // the CLI finds the chain and every checkpoint intact, with no record left unanchored.
    const verify = start({ SEEDBED_DATA_DIR: dataDir }, 'apps/server/src/cli/audit-verify.ts');
    expect(await verify.exited).toBe(0);
    expect(verify.output()).toContain('audit chain intact');
    expect(verify.output()).toMatch(/[1-9]\d* signed checkpoints verified/);
    expect(verify.output()).not.toContain('protected by the hash chain only');
  }, 300_000);

  it('never creates demo accounts in production', async () => {
    const p = port();
    const prod = start({
      PORT: String(p),
      SEEDBED_DATA_DIR: join(tmp, 'prod', 'pglite'),
      NODE_ENV: 'production',
      SEEDBED_DATA_KEY: randomBytes(32).toString('base64'),
      SEEDBED_AUDIT_KEY: randomBytes(32).toString('base64'),
      SEEDBED_DEMO: '1',
    });
    await waitHealthy(p);
    expect(await loginStatus(p, 'founder')).toBe(401);
    expect(await loginStatus(p, 'admin')).toBe(401);
    prod.child.kill('SIGTERM');
    await prod.exited;
  }, 240_000);

  it('refuses to start in production without a data key', async () => {
    const run = start({ PORT: String(port()), SEEDBED_DATA_DIR: join(tmp, 'nokey', 'pglite'), NODE_ENV: 'production', SEEDBED_DATA_KEY: '' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('SEEDBED_DATA_KEY');
  }, 60_000);

  it('refuses to start in production without an audit checkpoint key', async () => {
    const run = start({
      PORT: String(port()),
      SEEDBED_DATA_DIR: join(tmp, 'noauditkey', 'pglite'),
      NODE_ENV: 'production',
      SEEDBED_DATA_KEY: randomBytes(32).toString('base64'),
      SEEDBED_AUDIT_KEY: '',
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('SEEDBED_AUDIT_KEY');
    expect(run.output()).toContain('required in production');
  }, 60_000);

  it('refuses to start on a database that records a migration this release does not have', async () => {
    const dataDir = join(tmp, 'newer-pglite');
    const client = await PGlite.create({ dataDir });
    await client.exec(
      "CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_migrations (name) VALUES ('29991231235959_from_the_future.sql');",
    );
    await client.close();
    const run = start({ PORT: String(port()), SEEDBED_DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('数据库记录了本版本没有的迁移：29991231235959_from_the_future.sql');
    expect(run.output()).toContain('The database records migrations this release does not have: 29991231235959_from_the_future.sql');
  }, 120_000);
});
