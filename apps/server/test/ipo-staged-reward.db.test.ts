import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/modules/audit/index.js';
import { databasePolicySource, setDepartment } from '../src/modules/fulfilment/index.js';
import { storeUpload } from '../src/modules/files/index.js';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { createOrganisation, createUser, setMembership } from '../src/modules/identity/index.js';
import * as ipoRepo from '../src/modules/ipo/ipo.repository.js';
import { rewardStage, stagedRewardFen } from '../src/modules/ipo/ipo.rewards.js';
import { rulesSnapshot } from '../src/modules/policies/index.js';
import { createEnterpriseSubject } from '../src/modules/subjects/index.js';
import { demoCreditCode } from '../src/demo/seed-demo.js';
import type { DomainEvents, EventName } from '../src/platform/events.js';
import type { Tx } from '../src/platform/database.js';
import { DEMO_PASSWORD, testApp, type TestContext } from './test-app.js';

/**
 * 岳塘's staged listing reward (004 三(五)3: "对进入上市程序的企业分不同阶段给予10万元以内的奖励"),
 * in 2016 when the item is in force. The catalogue's reading (yuetang_ipo_reward_coaching,
 * yuetang_ipo_reward_filed, yuetang_ipo_reward_max): 辅导备案 3万元, 申报受理 3万元, 挂牌/上市 10万元
 * less what the firm's earlier stages were handed; no stage goes above what is left under the
 * 10万元 ceiling. Each verified stage hands a pending award with that amount (the `award.pending`
 * events are read as they are emitted) and keeps the verdict in ipo_reward_verdicts.
 */
let t: TestContext;
const ctx = systemActor('test');
const ITEM = 'yuetang.ipo-stage-reward';
const pending: DomainEvents['award.pending'][] = [];

async function yuetangFirm(serial: string): Promise<{ subjectId: string; userId: string }> {
  return t.deps.db.transaction().execute(async (trx) => {
    const creditCode = demoCreditCode('430304', serial);
    const name = `湘潭岳塘上市后备企业${serial}有限公司`;
    const organisationId = await createOrganisation(trx, t.deps, ctx, { name, kind: 'enterprise', regionCode: '430304', creditCode });
    const userId = await createUser(trx, t.deps, ctx, { username: `ent.ipo.${serial.toLowerCase()}`, displayName: '上市后备企业', password: DEMO_PASSWORD });
    await setMembership(trx, t.deps, ctx, organisationId, userId, ['owner']);
    const subjectId = await createEnterpriseSubject(trx, t.deps, ctx, { organisationId, name, creditCode, regionCode: '430304' });
    return { subjectId, userId };
  });
}

async function admittedEntry(firm: { subjectId: string; userId: string }): Promise<string> {
  const r = await sql<{ id: string }>`
    INSERT INTO ipo_entries (subject_id, region_code, board, stage, status, note, enrolled_by_office, applied_by, applied_at, admitted_on)
    VALUES (${firm.subjectId}, '430304', 'main', 'cultivation', 'admitted', '', true, ${firm.userId}, now(), '2016-03-01') RETURNING id`.execute(t.deps.db);
  return r.rows[0]!.id;
}

/** Verifies `stage` of the entry as `verifyStage` does after its checks: under the entry's row lock. */
async function verify(entryId: string, stage: 'coaching' | 'filed' | 'listed', evidenceFileId = '00000000-0000-4000-8000-000000000000'): Promise<number> {
  return t.deps.db.transaction().execute(async (trx: Tx) => {
    const entry = (await ipoRepo.entryById(trx, entryId, true))!;
    return rewardStage(trx, t.deps, ctx, entry, { stage, reachedOn: '2016-08-01', evidenceFileId });
  });
}

const verdicts = async (subjectId: string) =>
  (
    await sql<{ stage: string; status: string; amount_fen: string | null; handed: boolean; reasons: { zh: string }[] }>`
      SELECT stage, status, amount_fen, handed, reasons FROM ipo_reward_verdicts WHERE subject_id = ${subjectId} AND item_id = ${ITEM} ORDER BY evaluated_on, stage`.execute(t.deps.db)
  ).rows.map((r) => ({ ...r, amount_fen: r.amount_fen === null ? null : Number(r.amount_fen) }));
const awardsOf = (subjectId: string) => pending.filter((p) => p.subjectId === subjectId && p.itemId === ITEM).map((p) => [p.outcome?.productKey, p.amountFen]);
const total = (subjectId: string) => pending.filter((p) => p.subjectId === subjectId && p.itemId === ITEM).reduce((s, p) => s + (p.amountFen ?? 0), 0);

beforeAll(async () => {
  t = await testApp({ now: '2016-09-01T02:00:00Z' });
  const emit = t.deps.events.emit.bind(t.deps.events);
  t.deps.events.emit = (async (trx: Tx, name: EventName, payload: never) => {
    if (name === 'award.pending') pending.push(payload as DomainEvents['award.pending']);
    return emit(trx, name, payload);
  }) as typeof t.deps.events.emit;
}, 240_000);
afterAll(async () => t?.close());

describe('岳塘 staged listing reward', () => {
  it('fixes each stage from the catalogue: 3万, 3万, then the ceiling less what was handed', async () => {
    const { catalog } = await rulesSnapshot(t.deps.db);
    expect(stagedRewardFen(catalog, 'coaching', '2016-09-01', 0)).toBe(3_000_000);
    expect(stagedRewardFen(catalog, 'filed', '2016-09-01', 3_000_000)).toBe(3_000_000);
    expect(stagedRewardFen(catalog, 'listed', '2016-09-01', 6_000_000)).toBe(4_000_000);
    expect(stagedRewardFen(catalog, 'coaching', '2016-09-01', 8_000_000)).toBe(2_000_000);
    expect(stagedRewardFen(catalog, 'filed', '2016-09-01', 10_000_000)).toBe(0);
    expect(stagedRewardFen(catalog, 'reform', '2016-09-01', 0)).toBeNull();
    // Before the item's rules were in force there is no amount.
    expect(stagedRewardFen(catalog, 'coaching', '2015-12-31', 0)).toBeNull();
  });

  it('gives a firm passing every stage 30,000, 30,000 and 40,000 yuan: 100,000 in total', async () => {
    const firm = await yuetangFirm('7YT0101');
    const entryId = await admittedEntry(firm);
    expect(await verify(entryId, 'coaching')).toBe(1);
    expect(await verify(entryId, 'filed')).toBe(1);
    expect(await verify(entryId, 'listed')).toBe(1);
    expect(awardsOf(firm.subjectId)).toEqual([
      ['main:coaching', 3_000_000],
      ['main:filed', 3_000_000],
      ['main:listed', 4_000_000],
    ]);
    expect(total(firm.subjectId)).toBe(10_000_000);
    expect((await verdicts(firm.subjectId)).map((v) => [v.stage, v.status, v.amount_fen, v.handed])).toEqual([
      ['coaching', 'eligible', 3_000_000, true],
      ['filed', 'eligible', 3_000_000, true],
      ['listed', 'eligible', 4_000_000, true],
    ]);
    // A stage verified again hands nothing more.
    expect(await verify(entryId, 'listed')).toBe(0);
    expect(total(firm.subjectId)).toBe(10_000_000);
  });

  it('never goes above 100,000 yuan whatever the order: a stage verified after listing gets nothing, with the reason', async () => {
    const firm = await yuetangFirm('7YT0102');
    const entryId = await admittedEntry(firm);
    expect(await verify(entryId, 'filed')).toBe(1);
    expect(await verify(entryId, 'listed')).toBe(1);
    expect(await verify(entryId, 'coaching')).toBe(0);
    expect(awardsOf(firm.subjectId)).toEqual([
      ['main:filed', 3_000_000],
      ['main:listed', 7_000_000],
    ]);
    expect(total(firm.subjectId)).toBe(10_000_000);
    const late = (await verdicts(firm.subjectId)).find((v) => v.stage === 'coaching')!;
    expect(late).toMatchObject({ status: 'already_rewarded', amount_fen: 0, handed: false });
    expect(late.reasons.map((r) => r.zh)).toEqual(['本企业各阶段奖励已达合计上限（10万元以内）']);
  });

  it('counts a later entry of the same firm against the same ceiling', async () => {
    const firm = await yuetangFirm('7YT0103');
    const first = await admittedEntry(firm);
    expect(await verify(first, 'coaching')).toBe(1);
    await sql`UPDATE ipo_entries SET status = 'refused', admitted_on = NULL, refusal_reason = 'other', refusal_note = '测试' WHERE id = ${first}`.execute(t.deps.db);
    const second = await admittedEntry(firm);
    expect(await verify(second, 'listed')).toBe(1);
    expect(awardsOf(firm.subjectId)).toEqual([
      ['main:coaching', 3_000_000],
      ['main:listed', 7_000_000],
    ]);
    expect(total(firm.subjectId)).toBe(10_000_000);
  });
  it('leaves out of the ceiling an earlier stage’s award that fulfilment refused', async () => {
    const firm = await yuetangFirm('7YT0104');
    const entryId = await admittedEntry(firm);
    // The item's lead unit gets a department here, so that its awards enter fulfilment.
    const item = (await databasePolicySource.getPolicyItem(t.deps.db, ITEM))!;
    const department = await t.deps.db.transaction().execute((trx) => createOrganisation(trx, t.deps, ctx, { name: `${item.leadUnit}（测试）`, kind: 'government', regionCode: item.regionCode! }));
    await t.deps.db.transaction().execute((trx) => setDepartment(trx, { lead_unit: item.leadUnit!, region_code: item.regionCode!, organisation_id: department, note: null }));
    // Awards in fulfilment carry the stage's evidence: a real stored file.
    const owner = { userId: firm.userId, username: 'ent.ipo.7yt0104', displayName: '上市后备企业', isPlatformAdmin: false, mfaEnabled: false, memberships: [], permissions: new Set<never>(), sessionTokenHash: '' };
    const evidence = (await storeUpload(t.deps, owner, ctx, { filename: '辅导备案受理通知.pdf', bytes: samplePdf() })).id;
    expect(await verify(entryId, 'coaching', evidence)).toBe(1);
    const applications = async () =>
      (await sql<{ id: string; product_key: string; amount_fen: string }>`SELECT id, product_key, amount_fen FROM fulfilment_applications WHERE subject_id = ${firm.subjectId} AND item_id = ${ITEM}`.execute(t.deps.db)).rows;
    const [coaching] = await applications();
    expect(coaching).toMatchObject({ product_key: 'main:coaching' });
    // Refused by the department: the 3万 of the coaching stage is never paid.
    await sql`UPDATE fulfilment_applications SET status = 'rejected' WHERE id = ${coaching!.id}`.execute(t.deps.db);
    expect(await verify(entryId, 'listed', evidence)).toBe(1);
    expect(awardsOf(firm.subjectId)).toEqual([
      ['main:coaching', 3_000_000],
      ['main:listed', 10_000_000],
    ]);
    // An award still open counts: a stage after it is held to what is left.
    expect(await verify(entryId, 'filed', evidence)).toBe(0);
    const filed = (await verdicts(firm.subjectId)).find((v) => v.stage === 'filed')!;
    expect(filed).toMatchObject({ status: 'already_rewarded', amount_fen: 0, handed: false });
  });
});
