/**
 * Login cannot be brute-forced (issue #10, point 1):
 * - rate limits count against the socket's address unless a trusted proxy is configured, so a
 *   client cannot pick a fresh address per attempt with X-Forwarded-For, in production too;
 * - the per-account allowance is taken atomically before each check: 60 concurrent wrong
 *   passwords (or one-time codes) get exactly as many checks, and lock the account exactly as
 *   5 sequential ones do;
 * - a lockout ends the login tickets and sessions issued before it; a locked account checks no
 *   codes and acts through no session.
 * The concurrent bursts run on both databases: PGlite interleaves concurrent requests between
 * queries (which is enough to lose a read-then-write increment); on the PostgreSQL server they
 * race on real parallel connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../src/modules/audit/index.js';
import { createOrganisation, createUser, setMembership, totpCode } from '../src/modules/identity/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

const PASSWORD = 'a-long-password-1';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const LOCK_MS = 15 * 60_000;

type Summary = Record<number, number>;
const tally = (statuses: number[]): Summary => statuses.reduce<Summary>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

async function userRow(t: TestContext, username: string) {
  const r = await sql<{ id: string; failed_logins: number; locked_until: Date | null; mfa_last_step: number | null }>`
    SELECT id, failed_logins, locked_until, mfa_last_step FROM identity_users WHERE username = ${username}`.execute(t.database.db);
  return r.rows[0]!;
}

async function auditCount(t: TestContext, userId: string, action: string, reason?: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_log
    WHERE entity_type = 'user' AND entity_id = ${userId} AND action = ${action}
      AND (${reason ?? null}::text IS NULL OR data->>'reason' = ${reason ?? null}::text)`.execute(t.database.db);
  return r.rows[0]!.n;
}

/** A code for the secret that is wrong at every step the verifier accepts around `now`. */
function wrongCode(now: Date): string {
  const near = new Set([-60_000, -30_000, 0, 30_000, 60_000].map((d) => totpCode(SECRET, new Date(now.getTime() + d))));
  for (let i = 0; ; i++) {
    const code = String(i).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

let n = 0;
/** A fresh account: a person (password alone), or an officer of a government department (TOTP). */
async function account(t: TestContext, kind: 'person' | 'officer'): Promise<string> {
  const username = `${kind}.${++n}`;
  const ctx = systemActor('test');
  await t.database.db.transaction().execute(async (trx) => {
    const userId = await createUser(trx, t.deps, ctx, {
      username,
      displayName: username,
      password: PASSWORD,
      ...(kind === 'officer' ? { mfaSecret: SECRET } : {}),
    });
    if (kind === 'officer') {
      const org = await createOrganisation(trx, t.deps, ctx, { name: `测试局${n}`, kind: 'government', regionCode: '450100' });
      await setMembership(trx, t.deps, ctx, org, userId, ['officer']);
    }
  });
  return username;
}

const loginAs = (t: TestContext, username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  new TestClient(t.app).request('POST', '/api/v1/auth/login', { username, password }, headers);

describe('the client address of rate limits', () => {
  it('ignores X-Forwarded-For when no proxy is trusted, in production and out of it', async () => {
    for (const production of [true, false]) {
      const limited = await testApp({ loginRatePerMinute: 5, config: { production } });
      try {
        const c = new TestClient(limited.app);
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
          const r = await c.request('POST', '/api/v1/auth/login', { username: `nobody${i}`, password: 'x' }, { 'x-forwarded-for': `203.0.113.${i + 1}` });
          statuses.push(r.statusCode);
        }
        expect({ production, statuses }).toEqual({ production, statuses: [...Array(5).fill(401), ...Array(7).fill(429)] });
        // What the audit log records as the client is the socket's address, not the header.
        const ips = await sql<{ ip: string }>`SELECT DISTINCT ip FROM audit_log WHERE action = 'auth.login_failed'`.execute(limited.database.db);
        expect(ips.rows.map((r) => r.ip)).toEqual(['127.0.0.1']);
      } finally {
        await limited.close();
      }
    }
  }, 180_000); // two full apps, each with every module's migrations

  it('believes X-Forwarded-For from a configured trusted proxy, and limits each client it names', async () => {
    const proxied = await testApp({ loginRatePerMinute: 5, config: { trustedProxies: ['127.0.0.1'] } });
    try {
      const c = new TestClient(proxied.app);
      const distinct: number[] = [];
      for (let i = 0; i < 12; i++) {
        distinct.push((await c.request('POST', '/api/v1/auth/login', { username: `nobody${i}`, password: 'x' }, { 'x-forwarded-for': `203.0.113.${i + 1}` })).statusCode);
      }
      expect(distinct).toEqual(Array(12).fill(401));
      const same: number[] = [];
      for (let i = 0; i < 6; i++) {
        same.push((await c.request('POST', '/api/v1/auth/login', { username: `again${i}`, password: 'x' }, { 'x-forwarded-for': '198.51.100.7' })).statusCode);
      }
      expect(same).toEqual([...Array(5).fill(401), 429]);
      const ips = await sql<{ ip: string }>`SELECT ip FROM audit_log WHERE action = 'auth.login_failed' AND data->>'username' = 'nobody3'`.execute(proxied.database.db);
      expect(ips.rows.map((r) => r.ip)).toEqual(['203.0.113.4']);
    } finally {
      await proxied.close();
    }
  }, 180_000); // two full apps, each with every module's migrations
});

describe('the per-account allowance', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  /** What a burst of 60 wrong passwords did to an account, sent one after another or all at once. */
  async function wrongPasswordBurst(concurrent: boolean) {
    const username = await account(t, 'person');
    const send = () => loginAs(t, username, 'wrong-password');
    const replies = concurrent ? await Promise.all(Array.from({ length: 60 }, send)) : [];
    for (let i = 0; !concurrent && i < 60; i++) replies.push(await send());
    const row = await userRow(t, username);
    return {
      username,
      outcome: {
        statuses: tally(replies.map((r) => r.statusCode)),
        lockedForMs: row.locked_until ? row.locked_until.getTime() - t.clock.now().getTime() : null,
        failedLogins: row.failed_logins,
        locks: await auditCount(t, row.id, 'auth.locked'),
        refusedPasswords: await auditCount(t, row.id, 'auth.login_failed', 'password'),
      },
    };
  }

  it('60 concurrent wrong passwords lock the account exactly as 60 sequential ones do', async () => {
    const sequential = await wrongPasswordBurst(false);
    const concurrent = await wrongPasswordBurst(true);
    // Exactly five passwords checked: four refused, the fifth locked (once); the rest met the lock.
    const expected = { statuses: { 401: 4, 423: 56 }, lockedForMs: LOCK_MS, failedLogins: 0, locks: 1, refusedPasswords: 4 };
    expect(sequential.outcome).toEqual(expected);
    expect(concurrent.outcome).toEqual(expected);
    expect((await loginAs(t, concurrent.username)).statusCode).toBe(423);
    t.clock.advance(LOCK_MS + 60_000);
    expect((await loginAs(t, concurrent.username)).statusCode).toBe(200);
  });

  it('60 concurrent wrong one-time codes on a ticket get five checks between them and lock the account', async () => {
    const username = await account(t, 'officer');
    const login = await loginAs(t, username);
    expect(login.json()).toMatchObject({ status: 'mfa_required' });
    const { ticket } = login.json<{ ticket: string }>();
    const code = wrongCode(t.clock.now());
    const replies = await Promise.all(Array.from({ length: 60 }, () => new TestClient(t.app).post('/api/v1/auth/mfa', { ticket, code })));
    const codes = tally(replies.map((r) => r.statusCode));
    const problems = replies.map((r) => r.json<{ code: string }>().code);
    // Four wrong codes refused as such, the fifth locked; the others met the lock or the ticket it ended.
    expect(problems.filter((c) => c === 'INVALID_SECOND_FACTOR')).toHaveLength(4);
    expect(problems.every((c) => ['INVALID_SECOND_FACTOR', 'ACCOUNT_LOCKED', 'LOGIN_TICKET_INVALID'].includes(c))).toBe(true);
    expect((codes[401] ?? 0) + (codes[423] ?? 0)).toBe(60);
    const row = await userRow(t, username);
    expect(row.locked_until?.getTime()).toBe(t.clock.now().getTime() + LOCK_MS);
    expect(await auditCount(t, row.id, 'auth.locked')).toBe(1);
    expect(await auditCount(t, row.id, 'auth.login_failed', 'second_factor')).toBe(4);
  });
});

describe('a lockout ends what began before it', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  const lockByWrongPasswords = async (username: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginAs(t, username, 'wrong-password')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
  };

  it('a login ticket issued before a lockout cannot complete after it, even with the right code', async () => {
    const username = await account(t, 'officer');
    const c = new TestClient(t.app);
    const r = await c.post('/api/v1/auth/login', { username, password: PASSWORD });
    expect(r.json()).toMatchObject({ status: 'mfa_required' });
    await lockByWrongPasswords(username);
    t.clock.advance(30_000);
    const late = await c.post('/api/v1/auth/mfa', { ticket: r.json().ticket, code: totpCode(SECRET, t.clock.now()) });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('LOGIN_TICKET_INVALID');
    expect(c.hasSession()).toBe(false);
    const row = await userRow(t, username);
    expect(row.mfa_last_step).toBeNull();
  });

  it('a session issued before a lockout acts no more, also after the lock has run out', async () => {
    const username = await account(t, 'person');
    const c = new TestClient(t.app);
    expect((await c.post('/api/v1/auth/login', { username, password: PASSWORD })).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    await lockByWrongPasswords(username);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    t.clock.advance(LOCK_MS + 60_000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const row = await userRow(t, username);
    const ended = await sql<{ data: { endedSessions: number } }>`
      SELECT data FROM audit_log WHERE action = 'auth.locked' AND entity_id = ${row.id}`.execute(t.database.db);
    expect(ended.rows.map((e) => e.data.endedSessions)).toEqual([1]);
  });

  it('a locked account checks no codes: the right and a wrong code get the same refusal, and nothing is counted or used', async () => {
    const username = await account(t, 'officer');
    const first = await loginAs(t, username);
    const second = await loginAs(t, username);
    // Locked by another process between the password and the code (its tickets outlived the lock).
    const lockedUntil = new Date(t.clock.now().getTime() + LOCK_MS);
    await sql`UPDATE identity_users SET locked_until = ${lockedUntil} WHERE username = ${username}`.execute(t.database.db);
    t.clock.advance(30_000);
    const right = await new TestClient(t.app).post('/api/v1/auth/mfa', { ticket: first.json().ticket, code: totpCode(SECRET, t.clock.now()) });
    const wrong = await new TestClient(t.app).post('/api/v1/auth/mfa', { ticket: second.json().ticket, code: wrongCode(t.clock.now()) });
    for (const r of [right, wrong]) {
      expect(r.statusCode).toBe(423);
      expect(r.json().code).toBe('ACCOUNT_LOCKED');
      expect(r.headers['set-cookie'] ?? '').not.toContain('sb_session');
    }
    const row = await userRow(t, username);
    expect(row.mfa_last_step).toBeNull(); // the right code was not used up
    expect(row.failed_logins).toBe(0); // the wrong one was not counted
    expect(await auditCount(t, row.id, 'auth.login_failed')).toBe(0);
    expect(await auditCount(t, row.id, 'auth.login_refused_locked')).toBe(2);
    // And the tickets that met the lock are gone: they cannot be tried again once it runs out.
    const tickets = await sql<{ n: number }>`SELECT count(*)::int AS n FROM identity_login_tickets WHERE user_id = ${row.id}`.execute(t.database.db);
    expect(tickets.rows[0]!.n).toBe(0);
  });

  it('a session of a locked account is refused even where the lock did not end it', async () => {
    const username = await account(t, 'person');
    const c = new TestClient(t.app);
    expect((await c.post('/api/v1/auth/login', { username, password: PASSWORD })).statusCode).toBe(200);
    await sql`UPDATE identity_users SET locked_until = ${new Date(t.clock.now().getTime() + LOCK_MS)} WHERE username = ${username}`.execute(t.database.db);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});
