/**
 * Public reads from a PostgreSQL streaming replica (DATABASE_READ_URL): with the replica's replay
 * paused, a change committed on the primary is not yet in what visitors read (the library, a
 * policy page, the documents), while the primary has it; once replay resumes, visitors see it.
 * Writes and signed-in users' reads stay on the primary. Runs in the PostgreSQL server step, with
 * the replica that `scripts/pg-replica.sh` starts (TEST_DATABASE_READ_URL).
 */
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyList } from '@seedbed/contract';
import { openReadPool } from '../src/platform/database.js';
import { readerOf } from '../src/platform/http.js';
import { readConfig } from '../src/platform/config.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

const REPLICA = process.env.TEST_DATABASE_READ_URL;
const enabled = !!REPLICA && !!process.env.DATABASE_URL && process.env.SEEDBED_PG_TESTS === '1';

describe.skipIf(!enabled)('read replica', () => {
  let t: TestContext;
  let replica: ReturnType<typeof openReadPool>;
  let control: pg.Client;
  let anon: TestClient;

  beforeAll(async () => {
    t = await testApp();
    const url = new URL(REPLICA!);
    url.pathname = new URL((t.database as { url?: string }).url!).pathname;
    // The new database reaches the replica by replication: wait until it can be opened there.
    for (let attempt = 0; ; attempt++) {
      try {
        const probe = new pg.Client({ connectionString: url.toString() });
        await probe.connect();
        await probe.end();
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    replica = openReadPool(url.toString());
    t.deps.readDb = replica.db;
    control = new pg.Client({ connectionString: REPLICA });
    await control.connect();
    anon = new TestClient(t.app);
  }, 300_000);

  afterAll(async () => {
    await control?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await control?.end();
    if (t) delete t.deps.readDb;
    await replica?.close();
    await t?.close();
  });

  it('is refused without a primary', () => {
    expect(() => readConfig({ NODE_ENV: 'test', DATABASE_READ_URL: REPLICA })).toThrow(/DATABASE_URL/);
  });

  it('serves visitors from the replica: a change on the primary reaches them once replayed', async () => {
    expect(readerOf(t.deps).db).toBe(replica.db);
    const list = (await anon.get('/api/v1/policies?pageSize=1')).json<PolicyList>();
    const item = list.items[0]!;
    const titleSeen = async () => (await anon.get('/api/v1/policies?pageSize=200')).json<PolicyList>().items.find((i) => i.id === item.id)!.title.zh;
    const before = await titleSeen();

    await control.query('SELECT pg_wal_replay_pause()');
    const renamed = `${item.title.zh}（复制延迟测试）`;
    await sql`UPDATE policy_items SET title_zh = ${renamed} WHERE id = ${item.id}`.execute(t.deps.db);
    const onPrimary = await sql<{ title_zh: string }>`SELECT title_zh FROM policy_items WHERE id = ${item.id}`.execute(t.deps.db);
    expect(onPrimary.rows[0]!.title_zh).toBe(renamed);

    // Replay paused: visitors still read the replica's (older) page.
    expect(await titleSeen()).toBe(before);
    // The same page without a replica reads the primary, which has the change already.
    delete t.deps.readDb;
    expect(await titleSeen()).toBe(renamed);
    t.deps.readDb = replica.db;
    expect(await titleSeen()).toBe(before);

    await control.query('SELECT pg_wal_replay_resume()');
    let fresh = before;
    for (let attempt = 0; attempt < 100 && fresh !== renamed; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      fresh = await titleSeen();
    }
    expect(fresh).toBe(renamed);
  });
});
