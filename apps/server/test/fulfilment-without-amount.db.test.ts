/**
 * An award without money (a priority, a voucher; or an amount approved at 0) has no budget grant,
 * yet "once per subject" must hold for it: approving it records a grant without amount, the
 * benefit history counts it (so the rules see the subject has received the item), and the
 * database refuses a second live grant under the same once-key. The item is a test item served
 * through fulfilment's policy seam; the department, roles and audit are the demo's.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog, type RuleFileContent } from '@seedbed/rules';
import { submitApplication } from '../src/modules/fulfilment/index.js';
import { actOn } from '../src/modules/fulfilment/fulfilment.actions.js';
import { previewVerdict } from '../src/modules/fulfilment/fulfilment.answers.js';
import { resolveSession } from '../src/modules/identity/index.js';
import { approveAward } from '../src/workflows/approve-award.js';
import { benefitHistory } from '../src/workflows/benefit-history.js';
import { TestClient, testApp, type TestContext } from './test-app.js';
import { testPolicySource } from './test-policy-source.js';

const ITEM = 'test.priority-listing';
const OTHER = 'test.other-service';
const rules: RuleFileContent = {
  file: 'test.yaml',
  variables: {
    region: {
      entity: ['enterprise', 'person'],
      type: 'region',
      period: 'eternal',
      label: { zh: '地区', en: 'Region' },
      question: { zh: '在哪里？', en: 'Where?' },
    },
  },
  items: [
    {
      id: ITEM,
      title: { zh: '优先列入推荐名单', en: 'Priority listing' },
      entity: 'enterprise',
      benefit: 'priority',
      mode: 'apply',
      region: '450100',
      effective: { from: '2020-01-01', to: null },
      once_per: 'subject',
      criteria: [],
    },
    {
      id: OTHER,
      title: { zh: '另一项', en: 'Another item' },
      entity: 'enterprise',
      benefit: 'service',
      mode: 'apply',
      region: '450100',
      effective: { from: '2020-01-01', to: null },
      criteria: [],
    },
  ],
};
const catalog = compileCatalog([rules]);
const source = testPolicySource(catalog);

let t: TestContext;
const clients: Record<string, TestClient> = {};
let subjectId: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  for (const u of ['ent.nanning', 'officer.nanning', 'reviewer.nanning']) {
    clients[u] = new TestClient(t.app);
    await clients[u].loginDemo(u, t.clock);
  }
  subjectId = (await clients['ent.nanning']!.get('/api/v1/subjects/mine')).json().items[0].id;
}, 180_000);
afterAll(async () => t?.close());

async function principal(user: string) {
  const token = (clients[user] as unknown as { cookies: Map<string, string> }).cookies.get('sb_session')!;
  return (await resolveSession(t.deps, token))!;
}
const ctx = { actorUserId: null, actor: 'test', requestId: null, ip: null };
const deps = () => ({ ...t.deps, policies: source });

describe('an award without an amount', () => {
  it('is recorded when approved, counts in the benefit history, and is granted once', async () => {
    const applied = await submitApplication(deps(), await principal('ent.nanning'), ctx, {
      itemId: ITEM,
      subjectId,
      answers: {},
      materials: {},
    });
    expect(applied).toMatchObject({
      status: 'acceptance',
      amountFen: null,
      department: { name: '南宁市科学技术局' },
    });
    await actOn(deps(), await principal('officer.nanning'), ctx, applied.id, { action: 'accept' });
    await actOn(deps(), await principal('reviewer.nanning'), ctx, applied.id, { action: 'pass' });
    expect((await benefitHistory(t.deps.db, subjectId)).filter((h) => h.item === ITEM)).toEqual([]);

    const approved = await approveAward(
      { ...t.app.deps, policies: source } as never,
      await principal('reviewer.nanning'),
      ctx,
      applied.id,
      {},
    );
    expect(approved).toMatchObject({ status: 'publicity', approvedFen: 0 });
    expect((await benefitHistory(t.deps.db, subjectId)).filter((h) => h.item === ITEM)).toEqual([
      { item: ITEM, date: t.clock.today(), amount: 0 },
    ]);

    // The rules now see it: once per subject fails for a second one.
    const again = await previewVerdict(deps(), await principal('ent.nanning'), {
      itemId: ITEM,
      subjectId,
      answers: {},
    });
    expect(again.status).toBe('ineligible');
    expect(again.criteria.find((c) => c.id === 'not_received_before')?.status).toBe('fail');

    // And the database refuses a second live grant under the same once-key, whatever the route.
    const other = await submitApplication(deps(), await principal('ent.nanning'), ctx, {
      itemId: OTHER,
      subjectId,
      answers: {},
      materials: {},
    });
    await expect(
      sql`INSERT INTO fulfilment_grants_without_amount (application_id, item_id, subject_id, once_key, granted_on) VALUES (${other.id}, ${ITEM}, ${subjectId}, 'subject', ${t.clock.today()})`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/fulfilment_grants_without_amount_once/);
  });
});
