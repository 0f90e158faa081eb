import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/modules/audit/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(async () => t?.close());

describe('audit log', () => {
  it('records authentication events and state changes and the chain verifies', async () => {
    const admin = new TestClient(t.app);
    await admin.loginDemo('admin', t.clock);
    await new TestClient(t.app).post('/api/v1/auth/login', { username: 'founder', password: 'wrong-password' });
    const list = (await admin.get('/api/v1/admin/audit?limit=500')).json();
    const actions = list.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'user.created', 'organisation.created', 'subject.facts_declared']));
    const v = (await admin.get('/api/v1/admin/audit/verify')).json();
    expect(v.ok).toBe(true);
    expect(v.checked).toBe(list.total);
  });

  it('refuses updates and deletes', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = 2`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('names the first record altered behind its back', async () => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.database.db);
    await sql`UPDATE audit_log SET data = '{"username":"mallory"}'::jsonb WHERE id = 3`.execute(t.database.db);
    await sql`UPDATE audit_log SET actor = 'someone-else' WHERE id = 7`.execute(t.database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.database.db);
    const v = await verifyChain(t.database.db);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ id: 3, reason: expect.stringContaining('altered') });
    expect(v.checked).toBe(2);
  });

  it('notices a record removed from the middle', async () => {
    const fresh = await testApp({ demo: true });
    try {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(fresh.database.db);
      await sql`DELETE FROM audit_log WHERE id = 5`.execute(fresh.database.db);
      const v = await verifyChain(fresh.database.db);
      expect(v.firstBroken?.id).toBe(5);
      expect(v.firstBroken?.reason).toContain('missing');
    } finally {
      await fresh.close();
    }
  });
});
