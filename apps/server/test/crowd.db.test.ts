/**
 * Crowd (众包 and 供需对接): a task's reward held in escrow on the ledger, bids, pick, delivery,
 * acceptance (released exactly once), dispute and arbitration, cancellation; bad input as
 * problems naming the field and rule; supply and demand posts, search in words and pinyin,
 * contact through the platform. On PGlite and, with DATABASE_URL, on the server; the race of
 * 20 simultaneous accept/arbitrate attempts runs only with SEEDBED_PG_TESTS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

const onServer = process.env.SEEDBED_PG_TESTS === '1';
const BOUNDARY = '----seedbedcrowdtest';

let t: TestContext;
let yingtan: TestClient; // 鹰潭铜创电子商务有限公司 (360602)
let nanchang: TestClient; // 南昌赣新材料有限公司
let founder: TestClient; // a person
let officerYingtan: TestClient; // 鹰潭市科学技术局, officer
let officerYuxi: TestClient; // 玉溪市科学技术局, officer (does not cover Yingtan)
let anonymous: TestClient;

interface Party {
  kind: 'subject' | 'organisation';
  id: string;
  name: string;
}
interface Task {
  id: string;
  status: string;
  bids: { id: string; mine: boolean; priceFen: number }[];
  can: Record<string, boolean>;
  role: string;
  deliveries: { id: string }[];
}
interface Problem {
  code: string;
  errors?: { field: string; rule: string; message: { zh: string; en: string } }[];
}

async function login(username: string): Promise<TestClient> {
  const c = new TestClient(t.app);
  await c.loginDemo(username, t.clock);
  return c;
}
const partyOf = async (c: TestClient): Promise<Party> => (await c.get('/api/v1/crowd/parties')).json<{ items: Party[] }>().items[0]!;
const today = () => t.clock.now().toISOString().slice(0, 10);
const day = (n: number) => new Date(t.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);

async function postTask(c: TestClient, over: Record<string, unknown> = {}) {
  const poster = await partyOf(c);
  return c.post('/api/v1/crowd/tasks', {
    posterSubjectId: poster.id,
    title: '铜工艺品包装设计',
    description: '设计一套礼盒包装。',
    category: 'design',
    rewardFen: 100_000,
    bidDeadline: day(5),
    deliveryDeadline: day(20),
    regionCode: '360602',
    ...over,
  });
}
async function bidAs(c: TestClient, taskId: string, priceFen: number) {
  const p = await partyOf(c);
  return c.post(`/api/v1/crowd/tasks/${taskId}/bids`, { partyKind: p.kind, partyId: p.id, priceFen, deliveryDays: 7, message: '可以按期交付' });
}
async function upload(c: TestClient, seed: number): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="result.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf(200, seed),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
/** A task through to `delivered`: posted by Yingtan, the founder's bid picked, a file delivered. */
async function deliveredTask(reward = 100_000, price = 80_000): Promise<string> {
  const task = (await postTask(yingtan, { rewardFen: reward })).json<Task>();
  const bid = (await bidAs(founder, task.id, price)).json<Task>().bids[0]!;
  expect((await yingtan.post(`/api/v1/crowd/tasks/${task.id}/pick`, { bidId: bid.id })).statusCode).toBe(200);
  const fileId = await upload(founder, Math.floor(Math.random() * 1e6) + 1);
  const r = await founder.post(`/api/v1/crowd/tasks/${task.id}/deliveries`, { fileId, note: '成果见附件' });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json<Task>().status).toBe('delivered');
  return task.id;
}

async function balance(key: string): Promise<number> {
  const r = await sql<{ balance: number }>`SELECT a.balance::int AS balance FROM crowd_accounts c JOIN ledger_accounts a ON a.id = c.account_id WHERE c.key = ${key}`.execute(t.database.db);
  return r.rows[0]?.balance ?? 0;
}
async function escrow(taskId: string): Promise<number> {
  return (await sql<{ balance: number }>`SELECT a.balance::int AS balance FROM crowd_tasks k JOIN ledger_accounts a ON a.id = k.escrow_account_id WHERE k.id = ${taskId}`.execute(t.database.db)).rows[0]!.balance;
}
async function settlements(taskId: string): Promise<number> {
  return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_transactions WHERE scope = 'crowd' AND idempotency_key = ${`task:${taskId}:settlement`}`.execute(t.database.db)).rows[0]!.n;
}
const problem = (r: { json<T>(): T }) => r.json<Problem>();
const fieldsOf = (r: { json<T>(): T }) => (problem(r).errors ?? []).map((e) => `${e.field}:${e.rule}`);

beforeAll(async () => {
  t = await testApp({ demo: true });
  yingtan = await login('ent.yingtan');
  nanchang = await login('ent.nanchang');
  founder = await login('founder');
  officerYingtan = await login('officer.yingtan');
  officerYuxi = await login('officer.yuxi');
  anonymous = new TestClient(t.app);
}, 120_000);
afterAll(async () => t?.close());

describe('demo data and public lists', () => {
  it('lists the demo tasks publicly, searchable by Chinese words and pinyin, without contact details', async () => {
    const all = (await anonymous.get('/api/v1/crowd/tasks')).json<{ items: { title: string; status: string; posterName: string }[] }>();
    expect(all.items.map((i) => i.status).sort()).toEqual(expect.arrayContaining(['completed', 'open', 'open']));
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const word = (await anonymous.get(`/api/v1/crowd/tasks?q=${encodeURIComponent('直播')}`)).json<{ items: { title: string }[] }>();
    expect(word.items.map((i) => i.title)).toEqual(['电商直播带货方案策划']);
    const py = (await anonymous.get('/api/v1/crowd/tasks?q=zhibo')).json<{ items: { title: string }[] }>();
    expect(py.items.map((i) => i.title)).toEqual(['电商直播带货方案策划']);
    const posts = (await anonymous.get('/api/v1/crowd/posts?q=jiance')).json<{ items: { title: string; kind: string }[] }>();
    expect(posts.items.map((i) => i.title)).toEqual(['植物提取物检测服务']);
    const demand = (await anonymous.get('/api/v1/crowd/posts?kind=demand&category=software')).json<{ items: { title: string }[] }>();
    expect(demand.items.map((i) => i.title)).toEqual(['招聘嵌入式软件外包团队']);
    const byRegion = (await anonymous.get('/api/v1/crowd/posts?regionCode=360600')).json<{ items: unknown[] }>();
    expect(byRegion.items).toHaveLength(2);
    // No one's phone, e-mail or account name in the public answers.
    expect(JSON.stringify(all) + JSON.stringify(posts)).not.toMatch(/ent\.|@|1[3-9]\d{9}/);
  });

  it('shows a visitor a task without anyone’s bid prices; the poster sees them', async () => {
    const open = (await anonymous.get(`/api/v1/crowd/tasks?q=${encodeURIComponent('直播')}`)).json<{ items: { id: string }[] }>().items[0]!;
    const visitor = (await anonymous.get(`/api/v1/crowd/tasks/${open.id}`)).json<Task & { bidCount: number }>();
    expect(visitor.bidCount).toBe(2);
    expect(visitor.bids).toEqual([]);
    expect(visitor.role).toBe('visitor');
    const poster = (await yingtan.get(`/api/v1/crowd/tasks/${open.id}`)).json<Task>();
    expect(poster.role).toBe('poster');
    expect(poster.bids.map((b) => b.priceFen).sort()).toEqual([600_000, 750_000]);
  });
});

describe('a task from posting to acceptance', () => {
  it('holds the reward in escrow, releases the bid price to the winner and the rest to the poster, once', async () => {
    const depositsBefore = await balance('deposits');
    const r = await postTask(yingtan);
    expect(r.statusCode, r.body).toBe(201);
    const task = r.json<Task>();
    expect(await escrow(task.id)).toBe(100_000);
    expect(await balance('deposits')).toBe(depositsBefore - 100_000);

    const b = await bidAs(founder, task.id, 80_000);
    expect(b.statusCode, b.body).toBe(200);
    const founderBid = b.json<Task>().bids.find((x) => x.mine)!;
    expect((await bidAs(founder, task.id, 70_000)).statusCode).toBe(409); // one bid per bidder
    expect((await bidAs(nanchang, task.id, 90_000)).statusCode).toBe(200);

    // The poster is told about bids.
    const inboxR = await yingtan.get('/api/v1/notifications');
    expect(inboxR.statusCode, inboxR.body).toBe(200);
    const inbox = inboxR.json<{ items: { kind: string; title: { zh: string } }[] }>();
    expect(inbox.items.some((n) => n.kind === 'crowd.task' && n.title.zh.includes('新投标'))).toBe(true);

    expect((await founder.post(`/api/v1/crowd/tasks/${task.id}/pick`, { bidId: founderBid.id })).statusCode).toBe(403);
    const picked = await yingtan.post(`/api/v1/crowd/tasks/${task.id}/pick`, { bidId: founderBid.id });
    expect(picked.json<Task>().status).toBe('awarded');
    const late = await bidAs(nanchang, task.id, 10);
    expect(late.statusCode).toBe(409); // bids close once a bid is picked
    expect(fieldsOf(late)).toEqual(['status:one_of:open']);

    // Only the winner delivers, with their own upload.
    const nanchangFile = await upload(nanchang, 5);
    expect((await nanchang.post(`/api/v1/crowd/tasks/${task.id}/deliveries`, { fileId: nanchangFile, note: '' })).statusCode).toBe(403);
    const stolen = await founder.post(`/api/v1/crowd/tasks/${task.id}/deliveries`, { fileId: nanchangFile, note: '' });
    expect(fieldsOf(stolen)).toEqual(['fileId:own_upload']);
    const fileId = await upload(founder, 6);
    const delivered = (await founder.post(`/api/v1/crowd/tasks/${task.id}/deliveries`, { fileId, note: '设计稿' })).json<Task>();
    expect(delivered.status).toBe('delivered');
    const download = await yingtan.get(`/api/v1/crowd/tasks/${task.id}/deliveries/${delivered.deliveries[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((await nanchang.get(`/api/v1/crowd/tasks/${task.id}/deliveries/${delivered.deliveries[0]!.id}`)).statusCode).toBe(403);

    const founderKey = `subject:${(await partyOf(founder)).id}`;
    const posterKey = `subject:${(await partyOf(yingtan)).id}`;
    const [founderBefore, posterBefore] = [await balance(founderKey), await balance(posterKey)];
    const accepted = await yingtan.post(`/api/v1/crowd/tasks/${task.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Task>().status).toBe('completed');
    expect(await escrow(task.id)).toBe(0);
    expect(await balance(founderKey)).toBe(founderBefore + 80_000);
    expect(await balance(posterKey)).toBe(posterBefore + 20_000);

    // Accepting twice: a clear 409 naming the rule; nothing moves.
    const again = await yingtan.post(`/api/v1/crowd/tasks/${task.id}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('CROWD_TASK_SETTLED');
    expect(fieldsOf(again)).toEqual(['status:settled_once']);
    expect(await balance(founderKey)).toBe(founderBefore + 80_000);
    expect(await settlements(task.id)).toBe(1);

    const told = (await founder.get('/api/v1/notifications')).json<{ items: { title: { zh: string } }[] }>();
    expect(told.items.some((n) => n.title.zh.includes('已验收'))).toBe(true);
    const mine = (await founder.get('/api/v1/crowd/mine')).json<{ bids: { task: { id: string }; won: boolean }[] }>();
    expect(mine.bids.find((x) => x.task.id === task.id)?.won).toBe(true);
  });

  it('refunds the whole reward on cancellation before a pick, and refuses a pick after it', async () => {
    const task = (await postTask(yingtan, { rewardFen: 30_000 })).json<Task>();
    const bid = (await bidAs(nanchang, task.id, 30_000)).json<Task>().bids[0]!; // the price may equal the reward
    const posterKey = `subject:${(await partyOf(yingtan)).id}`;
    const before = await balance(posterKey);
    const cancelled = await yingtan.post(`/api/v1/crowd/tasks/${task.id}/cancel`, {});
    expect(cancelled.json<Task>().status).toBe('cancelled');
    expect(await balance(posterKey)).toBe(before + 30_000);
    expect(await escrow(task.id)).toBe(0);
    const pick = await yingtan.post(`/api/v1/crowd/tasks/${task.id}/pick`, { bidId: bid.id });
    expect(pick.statusCode).toBe(409);
    expect(fieldsOf(pick)).toEqual(['status:one_of:open']);
    expect((await yingtan.post(`/api/v1/crowd/tasks/${task.id}/cancel`, {})).statusCode).toBe(409);
    expect(await settlements(task.id)).toBe(1);
  });

  it('goes to arbitration on a dispute: only an officer covering the region decides, once', async () => {
    const taskId = await deliveredTask(50_000, 40_000);
    expect(fieldsOf(await yingtan.post(`/api/v1/crowd/tasks/${taskId}/dispute`, { reason: '   ' }))).toEqual(['reason:minLength']);
    const disputed = await yingtan.post(`/api/v1/crowd/tasks/${taskId}/dispute`, { reason: '交付的设计稿与需求不符' });
    expect(disputed.json<Task>().status).toBe('disputed');
    expect((await yingtan.post(`/api/v1/crowd/tasks/${taskId}/accept`, {})).statusCode).toBe(409);
    expect((await officerYuxi.post(`/api/v1/crowd/tasks/${taskId}/arbitrate`, { decision: 'release', note: '同意' })).statusCode).toBe(403);
    expect((await founder.post(`/api/v1/crowd/tasks/${taskId}/arbitrate`, { decision: 'release', note: '同意' })).statusCode).toBe(403);
    const list = (await officerYingtan.get('/api/v1/crowd/disputes')).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).toContain(taskId);
    expect((await officerYuxi.get('/api/v1/crowd/disputes')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(taskId);
    const posterKey = `subject:${(await partyOf(yingtan)).id}`;
    const before = await balance(posterKey);
    const decided = await officerYingtan.post(`/api/v1/crowd/tasks/${taskId}/arbitrate`, { decision: 'refund', note: '成果不符合任务要求，退还赏金' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<Task>().status).toBe('refunded');
    expect(await balance(posterKey)).toBe(before + 50_000);
    const twice = await officerYingtan.post(`/api/v1/crowd/tasks/${taskId}/arbitrate`, { decision: 'release', note: '改判' });
    expect(twice.statusCode).toBe(409);
    expect(problem(twice).code).toBe('CROWD_TASK_SETTLED');
    expect(await settlements(taskId)).toBe(1);
  });
});

describe('bad input', () => {
  it('names the field and the rule, in Chinese and English, and writes nothing', async () => {
    const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM crowd_tasks`.execute(t.database.db)).rows[0]!.n;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ rewardFen: 0 }, 'rewardFen'],
      [{ rewardFen: -5 }, 'rewardFen'],
      [{ bidDeadline: day(-1) }, 'bidDeadline:not_past'],
      [{ deliveryDeadline: day(3) }, 'deliveryDeadline:after_bid_deadline'],
      [{ deliveryDeadline: day(5) }, 'deliveryDeadline:after_bid_deadline'],
      [{ regionCode: '369999' }, 'regionCode:exists'],
      [{ title: '  ' }, 'title'],
      [{ category: 'astrology' }, 'category'],
      [{ posterSubjectId: (await partyOf(founder)).id }, 'posterSubjectId:acts_for'],
      [{ bidDeadline: '2026-02-30' }, 'bidDeadline'],
      [{ extra: 1 }, ''],
    ];
    for (const [over, expected] of cases) {
      const r = await postTask(yingtan, over);
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      const p = problem(r);
      expect(p.code).toBe('VALIDATION_FAILED');
      if (expected) expect(fieldsOf(r).some((f) => f.startsWith(expected) || f.includes(expected.split(':')[0]!)), `${JSON.stringify(over)} → ${fieldsOf(r).join(', ')}`).toBe(true);
      for (const e of p.errors ?? []) expect(e.message.zh && e.message.en).toBeTruthy();
    }
    expect(await count()).toBe(before);
  });

  it('refuses a bid above the reward and a bid on one’s own task', async () => {
    const task = (await postTask(yingtan, { rewardFen: 10_000 })).json<Task>();
    const above = await bidAs(founder, task.id, 10_001);
    expect(above.statusCode).toBe(400);
    expect(fieldsOf(above)).toEqual(['priceFen:maximum:reward']);
    const own = await bidAs(yingtan, task.id, 5_000);
    expect(own.statusCode).toBe(400);
    expect(fieldsOf(own)).toContain('partyId:not_own_task');
    const zero = await bidAs(founder, task.id, 0);
    expect(zero.statusCode).toBe(400);
  });

  it('keeps the invariants in the database: a settled task never changes, a bid never exceeds the reward', async () => {
    const done = (await sql<{ id: string }>`SELECT id FROM crowd_tasks WHERE status = 'completed' LIMIT 1`.execute(t.database.db)).rows[0]!;
    await expect(sql`UPDATE crowd_tasks SET status = 'refunded' WHERE id = ${done.id}`.execute(t.database.db)).rejects.toThrow(/cannot go from completed/);
    await expect(sql`UPDATE crowd_tasks SET settlement_transaction_id = gen_random_uuid() WHERE id = ${done.id}`.execute(t.database.db)).rejects.toThrow(/already settled/);
    const open = (await sql<{ id: string }>`SELECT id FROM crowd_tasks WHERE status = 'open' LIMIT 1`.execute(t.database.db)).rows[0]!;
    await expect(sql`UPDATE crowd_tasks SET status = 'completed' WHERE id = ${open.id}`.execute(t.database.db)).rejects.toThrow();
    await expect(sql`UPDATE crowd_bids SET price_fen = 999999999 WHERE task_id = ${open.id}`.execute(t.database.db)).rejects.toThrow(/above the task reward/);
  });
});

describe('supply and demand', () => {
  it('publishes a post, lets a signed-in person contact the owner in a thread both read, and closes it', async () => {
    const p = await partyOf(nanchang);
    const bad = await nanchang.post('/api/v1/crowd/posts', { kind: 'supply', partyKind: p.kind, partyId: p.id, title: '石墨烯散热片', body: '批量供应', category: 'design', regionCode: '360111', expiresOn: day(-1) });
    expect(fieldsOf(bad)).toEqual(['expiresOn:not_past']);
    const created = await nanchang.post('/api/v1/crowd/posts', { kind: 'supply', partyKind: p.kind, partyId: p.id, title: '石墨烯散热片', body: '批量供应，支持定制尺寸', category: 'design', regionCode: '360111', expiresOn: day(60) });
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json<{ id: string; mine: boolean }>();
    expect(post.mine).toBe(true);
    expect((await anonymous.get('/api/v1/crowd/posts?q=shimoxi')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(post.id);

    expect((await anonymous.post(`/api/v1/crowd/posts/${post.id}/contact`, { body: '你好' })).statusCode).toBe(401);
    expect(fieldsOf(await nanchang.post(`/api/v1/crowd/posts/${post.id}/contact`, { body: '你好' }))).toEqual(['postId:not_own_post']);
    const thread = (await yingtan.post(`/api/v1/crowd/posts/${post.id}/contact`, { body: '想采购 500 片，请报价' })).json<{ id: string; messages: { body: string }[] }>();
    expect(thread.messages.map((m) => m.body)).toEqual(['想采购 500 片，请报价']);
    // The same contact again: the same thread.
    expect((await yingtan.post(`/api/v1/crowd/posts/${post.id}/contact`, { body: '补充：需要发票' })).json<{ id: string }>().id).toBe(thread.id);

    const inbox = (await nanchang.get('/api/v1/notifications')).json<{ items: { kind: string }[] }>();
    expect(inbox.items.some((n) => n.kind === 'crowd.message')).toBe(true);
    const ownerThreads = (await nanchang.get('/api/v1/crowd/threads')).json<{ items: { id: string; asOwner: boolean; counterpartName: string }[] }>();
    expect(ownerThreads.items.find((x) => x.id === thread.id)?.asOwner).toBe(true);
    const replied = (await nanchang.post(`/api/v1/crowd/threads/${thread.id}/messages`, { body: '每片 3 元' })).json<{ messages: { fromMe: boolean }[] }>();
    expect(replied.messages.map((m) => m.fromMe)).toEqual([false, false, true]);
    expect((await founder.get(`/api/v1/crowd/threads/${thread.id}`)).statusCode).toBe(403);
    expect((await yingtan.get(`/api/v1/crowd/threads/${thread.id}`)).json<{ messages: unknown[] }>().messages).toHaveLength(3);

    expect((await yingtan.post(`/api/v1/crowd/posts/${post.id}/close`, {})).statusCode).toBe(403);
    expect((await nanchang.post(`/api/v1/crowd/posts/${post.id}/close`, {})).json<{ open: boolean }>().open).toBe(false);
    expect((await anonymous.get('/api/v1/crowd/posts?q=shimoxi')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(post.id);
    expect((await founder.post(`/api/v1/crowd/posts/${post.id}/contact`, { body: '还有货吗' })).statusCode).toBe(409);
    // The owner still finds the closed post among their own.
    const own = (await nanchang.get('/api/v1/crowd/posts/mine')).json<{ items: { id: string; open: boolean }[] }>();
    expect(own.items.find((i) => i.id === post.id)?.open).toBe(false);
    expect((await yingtan.get('/api/v1/crowd/posts/mine')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(post.id);
  });
});

describe('statistics', () => {
  it('counts tasks posted and completed, escrow held and posts by kind and category', async () => {
    const stat = (name: string) => t.deps.modules.statistics.get(name)!.compute(t.database.db, { regionCode: '000000', from: '2026-01-01', to: today() });
    const held = (await sql<{ n: number }>`SELECT coalesce(sum(a.balance), 0)::int AS n FROM crowd_tasks k JOIN ledger_accounts a ON a.id = k.escrow_account_id`.execute(t.database.db)).rows[0]!.n;
    expect(await stat('crowd.escrow_held_fen')).toBe(held);
    expect(await stat('crowd.tasks_completed')).toBeGreaterThanOrEqual(2);
    expect(await stat('crowd.tasks_posted')).toBe((await sql<{ n: number }>`SELECT count(*)::int AS n FROM crowd_tasks`.execute(t.database.db)).rows[0]!.n);
    expect(await stat('crowd.posts_supply.testing')).toBe(1);
    expect(await stat('crowd.posts_demand')).toBe(2);
  });
});

describe.runIf(onServer)('on the PostgreSQL server: escrow released exactly once', () => {
  it('settles once under 20 simultaneous accept and arbitrate attempts', async () => {
    const accepted = await deliveredTask(60_000, 50_000);
    const founderKey = `subject:${(await partyOf(founder)).id}`;
    const before = await balance(founderKey);
    const acceptAll = await Promise.all(Array.from({ length: 20 }, () => yingtan.post(`/api/v1/crowd/tasks/${accepted}/accept`, {})));
    expect(acceptAll.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(acceptAll.filter((r) => r.statusCode === 409)).toHaveLength(19);
    expect(await balance(founderKey)).toBe(before + 50_000);
    expect(await escrow(accepted)).toBe(0);
    expect(await settlements(accepted)).toBe(1);

    const disputed = await deliveredTask(70_000, 70_000);
    expect((await yingtan.post(`/api/v1/crowd/tasks/${disputed}/dispute`, { reason: '逾期且不完整' })).statusCode).toBe(200);
    const posterKey = `subject:${(await partyOf(yingtan)).id}`;
    const [f0, p0] = [await balance(founderKey), await balance(posterKey)];
    const mixed = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 3 === 0
          ? yingtan.post(`/api/v1/crowd/tasks/${disputed}/accept`, {})
          : officerYingtan.post(`/api/v1/crowd/tasks/${disputed}/arbitrate`, { decision: i % 2 ? 'release' : 'refund', note: `裁决 ${i}` }),
      ),
    );
    expect(mixed.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(mixed.filter((r) => r.statusCode >= 500)).toHaveLength(0);
    expect(await escrow(disputed)).toBe(0);
    expect(await settlements(disputed)).toBe(1);
    expect(await balance(founderKey) - f0 + (await balance(posterKey)) - p0).toBe(70_000);
  }, 60_000);
});
