/**
 * A subject on the serious-violation list (严重失信名单) is refused where the item's rules say so,
 * with the failing criterion as the reason; the same subject off the list may apply. The item is
 * a test item whose rules read `on_serious_violation_list`, served through fulfilment's policy
 * seam; everything else (profile, department, audit) is the demo's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog, type RuleFileContent } from '@seedbed/rules';
import { submitApplication } from '../src/modules/fulfilment/index.js';
import { resolveSession } from '../src/modules/identity/index.js';
import { AppError } from '../src/platform/problems.js';
import { TestClient, testApp, type TestContext } from './test-app.js';
import { testPolicySource } from './test-policy-source.js';

const rules: RuleFileContent = {
  file: 'test.yaml',
  variables: {
    region: { entity: ['enterprise', 'person'], type: 'region', period: 'eternal', label: { zh: '地区', en: 'Region' }, question: { zh: '在哪里？', en: 'Where?' } },
    on_serious_violation_list: { entity: ['enterprise', 'person'], type: 'boolean', period: 'instant', label: { zh: '列入严重失信名单', en: 'On the serious-violation list' }, question: { zh: '是否失信？', en: 'Listed?' } },
  },
  items: [
    {
      id: 'test.clean-record-grant',
      title: { zh: '守信企业奖励', en: 'Clean-record grant' },
      entity: 'enterprise',
      benefit: 'reward',
      mode: 'apply',
      region: '450100',
      effective: { from: '2020-01-01', to: null },
      criteria: [{ id: 'not_listed', label: { zh: '未列入严重失信名单', en: 'Not on the serious-violation list' }, rule: { '!': { var: 'on_serious_violation_list' } } }],
      amount: { formula: 100000 },
    },
  ],
};

const catalog = compileCatalog([rules]);
const source = testPolicySource(catalog);

let t: TestContext;
let ent: TestClient;
let officer: TestClient;
let subjectId: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  ent = new TestClient(t.app);
  await ent.loginDemo('ent.nanning', t.clock);
  officer = new TestClient(t.app);
  await officer.loginDemo('officer.nanning', t.clock);
  subjectId = (await ent.get('/api/v1/subjects/mine')).json().items[0].id;
});
afterAll(async () => t?.close());

async function principal() {
  const token = (ent as unknown as { cookies: Map<string, string> }).cookies.get('sb_session')!;
  return (await resolveSession(t.deps, token))!;
}

const ctx = { actorUserId: null, actor: 'test', requestId: null, ip: null };
const apply = async () => submitApplication({ ...t.deps, policies: source }, await principal(), ctx, { itemId: 'test.clean-record-grant', subjectId, answers: {}, materials: {} });

describe('serious-violation list', () => {
  it('refuses a listed enterprise with the reason, creating nothing', async () => {
    const listed = await officer.post(`/api/v1/subjects/${subjectId}/verified-facts`, { facts: { on_serious_violation_list: true }, registry: 'credit_china', asOf: '2026-11-01' });
    expect(listed.statusCode).toBe(200);
    const error = await apply().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_ELIGIBLE');
    expect((error as AppError).text.zh).toContain('严重失信');
    expect((error as AppError).fieldErrors?.[0]).toMatchObject({ field: 'criteria.not_listed', rule: 'fail' });
    const mine = (await ent.get('/api/v1/fulfilment/applications/mine')).json().items as { itemId: string; origin: string }[];
    expect(mine.filter((a) => a.itemId === 'test.clean-record-grant')).toEqual([]);
    // The fact change did reach the finder: pending awards (免申即享) of items the enterprise now matches arrived.
    expect(mine.every((a) => a.origin === 'automatic')).toBe(true);
  });

  it('accepts the same enterprise once it is off the list', async () => {
    await officer.post(`/api/v1/subjects/${subjectId}/verified-facts`, { facts: { on_serious_violation_list: false }, registry: 'credit_china', asOf: '2026-11-15' });
    const view = await apply();
    expect(view).toMatchObject({ status: 'acceptance', amountFen: 100000, department: { name: '南宁市科学技术局' } });
  });

  it('routes the pending awards (免申即享) the profile change produced to the finance bureau, where they can be approved', async () => {
    const cz = new TestClient(t.app);
    await cz.loginDemo('officer.cz.nanning', t.clock);
    const items = (await cz.get('/api/v1/fulfilment/inbox')).json().items as { origin: string; subjectId: string; status: string; actions: string[]; department: { name: string } }[];
    const pending = items.filter((i) => i.origin === 'automatic' && i.subjectId === subjectId);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]).toMatchObject({ status: 'approval', department: { name: '南宁市财政局' } });
    expect(pending[0]!.actions).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(pending[0]!.actions).not.toContain('return'); // nothing to return: there is no application
  });
});
