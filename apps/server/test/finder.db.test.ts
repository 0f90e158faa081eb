import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { sql } from 'kysely';
import { questionsFor } from '@seedbed/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckResult } from '@seedbed/contract';
import { currentRules, indexLexemes, searchQuery } from '../src/modules/policies/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let anonymous: TestClient;
let officer: TestClient;
let owner: TestClient;
let enterpriseId: string;
const awards: { itemId: string; subjectId: string; amountFen: number | null; itemVersion: number }[] = [];

beforeAll(async () => {
  t = await testApp({ demo: true });
  t.deps.events.on('award.pending', async (_trx, p) => void awards.push(p));
  anonymous = new TestClient(t.app);
  officer = new TestClient(t.app);
  await officer.loginDemo('officer.nanning', t.clock);
  owner = new TestClient(t.app);
  await owner.loginDemo('ent.nanning', t.clock);
  enterpriseId = (await owner.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
}, 180_000);
afterAll(async () => t?.close());

const NANNING_FIRM = { founded_on: '2025-06-18', industry: 'I65', employees: 18, revenue: 320_000_000, total_assets: 260_000_000, is_tech_sme: true };

describe('anonymous eligibility check', () => {
  it('answers in the documented shape, with reasons, amounts and questions', async () => {
    const r = await anonymous.post('/api/v1/eligibility/check', { profile: NANNING_FIRM, region: '450103', date: '2026-11-20', entity: 'enterprise', detail: 'full' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormatsModule.default(ajv);
    const valid = ajv.validate(CheckResult, body);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const fee = body.items.find((i: { id: string }) => i.id === 'nn.fee-cancellation-suspension');
    expect(fee).toMatchObject({ status: 'eligible', mode: 'automatic' });
    expect(fee.criteria.find((c: { id: string }) => c.id === 'in_nanning')).toMatchObject({ status: 'pass', values: { region: '450103' } });
    expect(fee.criteria[0].sentence.zh.length).toBeGreaterThan(0);
    // Regions are named from the region table, never shown as codes.
    const inNanning = fee.criteria.find((c: { id: string }) => c.id === 'in_nanning').sentence;
    expect(inNanning.zh).toContain('南宁市青秀区（须在南宁市辖区内）');
    for (const item of body.items) for (const c of item.criteria) expect(`${c.label.zh} ${c.sentence.zh} ${c.sentence.en}`).not.toMatch(/(?<![\d,.-])\d{6}(?![\d,])/);
    expect(body.summary.eligible).toBe(body.items.filter((i: { status: string }) => i.status === 'eligible').length);
    // Eligible items come first.
    expect(body.items[0].status).toBe('eligible');
    // The questions are the engine's, in its order.
    const engine = questionsFor(await currentRules(t.deps.db), { ...NANNING_FIRM, region: '450103' }, '2026-11-20').filter((q) =>
      body.items.some((i: { missing: { variable: string }[] }) => i.missing.some((m) => m.variable === q.variable)),
    );
    expect(body.questions.map((q: { variable: string }) => q.variable)).toEqual(engine.slice(0, body.questions.length).map((q) => q.variable));
  });

  it('never shows an item it could not decide as not eligible', async () => {
    const r = await anonymous.post('/api/v1/eligibility/check', { profile: {}, date: '2026-11-20', detail: 'full' });
    expect(r.statusCode).toBe(200);
    for (const item of r.json().items) {
      if (item.status === 'ineligible') expect(item.criteria.some((c: { status: string }) => c.status === 'fail')).toBe(true);
      if (item.status === 'unknown') expect(item.missing.length).toBeGreaterThan(0);
    }
    expect(r.json().summary.unknown).toBeGreaterThan(0);
  });

  it('answers in the summary form by default, agreeing item by item with the full form', async () => {
    // A large, old firm: some Nanning items fail on its facts, not only on its place.
    const request = { profile: { ...NANNING_FIRM, founded_on: '1998-03-01', employees: 2400, revenue: 90_000_000_000, total_assets: 120_000_000_000, is_tech_sme: false, is_listed_neeq: false, is_incubated_in_base: false }, region: '450103', date: '2026-11-20' };
    const lean = await anonymous.post('/api/v1/eligibility/check', request);
    const full = await anonymous.post('/api/v1/eligibility/check', { ...request, detail: 'full' });
    expect(lean.statusCode).toBe(200);
    expect(full.statusCode).toBe(200);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormatsModule.default(ajv);
    expect(ajv.validate(CheckResult, lean.json()) ? [] : ajv.errors).toEqual([]);
    type Lean = { id: string; status: string; amountFen: number | null; gap?: { zh: string; en: string }; missing?: string[] };
    type Full = { id: string; status: string; amount: { status: string; fen: number | null } | null; gap?: { text: { zh: string; en: string } }; missing: { variable: string }[] };
    const leanItems = lean.json().items as Lean[];
    const fullItems = full.json().items as Full[];
    // The items in scope and in effect, in the same order, with the same verdicts, amounts, gaps and missing
    // variables; with the other regions' and the ended items, the whole catalogue.
    expect(leanItems.map((i) => i.id)).toEqual(fullItems.map((i) => i.id));
    expect(leanItems.length + lean.json().outOfScope.count + lean.json().ended.count).toBe((await currentRules(t.deps.db)).items.size);
    expect(lean.json().outOfScope).toEqual(full.json().outOfScope);
    expect(lean.json().ended).toEqual(full.json().ended);
    fullItems.forEach((f, i) => {
      const l = leanItems[i]!;
      expect(l.status, f.id).toBe(f.status);
      expect(l.amountFen, f.id).toBe(f.amount?.status === 'known' ? f.amount.fen : null);
      expect(l.gap, f.id).toEqual(f.gap?.text);
      expect(l.missing ?? [], f.id).toEqual(f.missing.map((m) => m.variable));
      expect(Object.keys(l).filter((k) => !['id', 'status', 'amountFen', 'gap', 'missing', 'conflicts'].includes(k)), f.id).toEqual([]);
    });
    expect(lean.json().summary).toEqual(full.json().summary);
    expect(lean.json().questions).toEqual(full.json().questions);
    expect(lean.json().summary.eligible).toBeGreaterThan(0);
    // No item of another place or out of its period among the verdicts; some ineligible on the firm's own facts.
    type Placed = Full & { regionCode: string | null; criteria: { id: string; status: string }[] };
    for (const i of fullItems as Placed[]) {
      expect(i.regionCode === null || '450103'.startsWith(i.regionCode.replace(/0+$/, '')), i.id).toBe(true);
      expect(i.criteria.find((c) => c.id === 'in_effect')?.status, i.id).not.toBe('fail');
    }
    expect(fullItems.some((i) => i.status === 'ineligible')).toBe(true);
  });

  it('reports a near miss with its gap', async () => {
    // The same firm in 2014: founded later than the evaluation date is a date criterion that can be measured.
    const r = await anonymous.post('/api/v1/eligibility/check', { profile: { ...NANNING_FIRM, employees: 18 }, region: '450103', date: '2026-11-20', detail: 'summary', lang: 'zh' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    for (const i of body.items) expect(Object.keys(i).filter((k) => !['id', 'status', 'amountFen', 'gap', 'missing', 'conflicts'].includes(k))).toEqual([]);
    expect(Object.keys(body.questions[0].label)).toEqual(['zh']);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormatsModule.default(ajv);
    expect(ajv.validate(CheckResult, body) ? [] : ajv.errors).toEqual([]);
    const nearMiss = body.items.filter((i: { status: string }) => i.status === 'near_miss');
    for (const i of nearMiss) expect(i.gap.zh.length).toBeGreaterThan(0);
  });

  it('refuses bad input naming each field and rule', async () => {
    const r = await anonymous.post('/api/v1/eligibility/check', {
      profile: { favourite_colour: 'green', employees: 'many', founded_on: '1800-01-01', revenue: 12.5, size_class: 'tiny' },
      region: '999999',
      date: '2300-01-01',
    });
    expect(r.statusCode).toBe(400);
    const got = r.json().errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'profile.favourite_colour:known_variable',
        'profile.employees:type:integer',
        'profile.founded_on:range:date',
        'profile.revenue:type:money',
        'profile.size_class:enum',
        'region:exists:region',
        'date:range:date',
      ]),
    );
    expect(r.json().errors[0].message.zh).toBeTruthy();
    const unknownField = await anonymous.post('/api/v1/eligibility/check', { profile: {}, colour: 'red' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors[0]).toMatchObject({ field: 'colour', rule: 'unknown_field' });
    const badDate = await anonymous.post('/api/v1/eligibility/check', { profile: { founded_on: '2026-02-30' } });
    expect(badDate.json().errors[0]).toMatchObject({ field: 'profile.founded_on', rule: 'format:date' });
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await anonymous.get('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/eligibility/check'].post.requestBody).toBeTruthy();
    expect(doc.paths['/api/v1/eligibility/check'].post.responses['200']).toBeTruthy();
  });
});

describe('policy library search', () => {
  const ids = async (q: string) => (await anonymous.get(`/api/v1/policies?pageSize=200&q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);

  it('finds Chinese words, pinyin and initials', async () => {
    expect(await ids('创业担保贷款')).toContain('nn.startup-guaranteed-loan');
    expect(await ids('chuangye')).toContain('nn.startup-guaranteed-loan');
    expect(await ids('cydb')).toContain('nn.startup-guaranteed-loan');
    expect(await ids('danbao daikuan')).toContain('nn.startup-guaranteed-loan');
    // A title match ranks first.
    expect((await ids('白蚁'))[0]).toBe('nn.termite-fee-reduction');
    expect(await ids('不存在的政策词语')).toEqual([]);
  });

  it('matches words, not substrings across a word boundary (same on PGlite and PostgreSQL)', async () => {
    expect(indexLexemes('开创业务新局面')).not.toContain('创业');
    const match = async (text: string, q: string) =>
      (await sql<{ m: boolean }>`SELECT array_to_tsvector(${indexLexemes(text)}::text[]) @@ ${searchQuery(q)}::tsquery AS m`.execute(t.deps.db)).rows[0]!.m;
    expect(await match('创业担保贷款', '创业')).toBe(true);
    expect(await match('开创业务新局面', '创业')).toBe(false);
    expect(await match('创业担保贷款', 'chuangye')).toBe(true);
    expect(await match('创业担保贷款', 'cydb')).toBe(true);
  });

  it('filters by region subtree, department, subject type, benefit type and open/closed', async () => {
    const list = async (q: string) => (await anonymous.get(`/api/v1/policies?pageSize=200&${q}`)).json();
    const yuetang = await list('region=430304');
    expect(yuetang.items.every((i: { regionCode: string | null }) => i.regionCode === null || i.regionCode === '430304')).toBe(true);
    expect(yuetang.total).toBeGreaterThan(0);
    const persons = await list('entity=person&benefit=loan');
    expect(persons.items.every((i: { entity: string; benefit: string }) => i.entity === 'person' && i.benefit === 'loan')).toBe(true);
    const closed = await list('open=false');
    expect(closed.items.every((i: { open: boolean }) => !i.open)).toBe(true);
    const dept = await list(`department=${encodeURIComponent('市工信委')}`);
    // A unit under any of its names (policies.departments.ts): 市工信委 and 市工业和信息化委 are one.
    expect(dept.items.every((i: { leadUnit: string; leadUnitName: string }) => ['市工信委', '市工业和信息化委'].includes(i.leadUnit) && i.leadUnitName === '市工业和信息化委员会')).toBe(true);
    const bad = await anonymous.get('/api/v1/policies?region=12');
    expect(bad.statusCode).toBe(400);
  });

  it('shows a policy: source sentence, criteria, amount rule, department, how to apply', async () => {
    const r = await anonymous.get('/api/v1/policies/nn.startup-guaranteed-loan');
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.quote.length).toBeGreaterThan(10);
    expect(p.document.number).toBe('南府办〔2016〕34号');
    expect(p.criteria.length).toBeGreaterThan(0);
    expect(p.amountRule.caps[0].zh).toContain('单次上限');
    expect(p.howToApply.zh).toContain('申请');
    expect(p.canManage).toBe(false);
  });
});

describe('officer: draft, simulate, publish; subjects matched and notified', () => {
  const ITEM = 'nn.fee-cancellation-suspension';

  it('refuses a draft whose rule the engine rejects, naming the path', async () => {
    const v1 = (await officer.get(`/api/v1/policies/${ITEM}/versions/1`)).json();
    const bad = await officer.request('PUT', `/api/v1/policies/${ITEM}/draft`, {
      spec: { ...v1.spec, criteria: [{ id: 'in_nanning', label: { zh: 'x', en: 'x' }, rule: { '>': [{ var: 'no_such_variable' }, 1] } }] },
      note: 'bad',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^spec\.criteria\.0\.rule/);
    const notMine = new TestClient(t.app);
    await notMine.loginDemo('officer.yuxi', t.clock);
    const other = await notMine.request('PUT', `/api/v1/policies/${ITEM}/draft`, { spec: v1.spec, note: 'x' });
    expect(other.statusCode).toBe(403);
    expect((await owner.request('PUT', `/api/v1/policies/${ITEM}/draft`, { spec: v1.spec, note: 'x' })).statusCode).toBe(403);
  });

  it('simulates a new version against the current one, then publishes it with a diff', async () => {
    const v1 = (await officer.get(`/api/v1/policies/${ITEM}/versions/1`)).json();
    const draft = await officer.request('PUT', `/api/v1/policies/${ITEM}/draft`, {
      spec: { ...v1.spec, amount: { formula: { '*': [{ var: 'employees' }, 10000] } } },
      note: '按从业人员每人100元计算减免额',
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ version: 2, status: 'draft' });

    const sim = await officer.post('/api/v1/finder/simulations', { itemId: ITEM, version: 2, date: '2026-11-20' });
    expect(sim.statusCode).toBe(200);
    expect(sim.json().status).toBe('queued');
    await t.app.jobs.drain();
    const done = (await officer.get(`/api/v1/finder/simulations/${sim.json().id}`)).json();
    expect(done.status).toBe('done');
    // Every enterprise registered in Nanning: ent.nanning (18 employees, 450103), the one with an
    // account, and the demo population's synthetic ones (each with its number of employees).
    const nanning = (
      await sql<{ n: number; employees: string }>`SELECT count(*)::int AS n, coalesce(sum((f.value #>> '{}')::numeric), 0) AS employees
          FROM subjects s LEFT JOIN subject_facts f ON f.subject_id = s.id AND f.variable = 'employees' AND f.superseded_at IS NULL
         WHERE s.kind = 'enterprise' AND s.region_code LIKE '4501%'`.execute(t.deps.db)
    ).rows[0]!;
    expect(nanning.n).toBeGreaterThan(1);
    expect(done.result.draft.total.eligible).toBe(nanning.n);
    expect(done.result.draft.total.amountFen).toBe(Number(nanning.employees) * 10000);
    expect(done.result.current.total.eligible).toBe(nanning.n);
    expect(done.result.current.total.amountFen).toBe(0);
    expect(done.result.affected).toBe(0);
    expect(done.result.draft.byDistrict.find((d: { region: string }) => d.region === '450103')).toMatchObject({ eligible: expect.any(Number), amountFen: expect.any(Number) });

    // The server's impact is the simulation's; above the thresholds a second officer approves.
    const impact = (await officer.get(`/api/v1/policies/${ITEM}/versions/2/impact`)).json();
    expect(impact).toMatchObject({ affectedSubjects: 0, costChangeFen: Number(nanning.employees) * 10000 });
    expect(impact.needsApproval).toBe(impact.costChangeFen > t.deps.config.publishApprovalCostFen);
    let published = await officer.post(`/api/v1/policies/${ITEM}/versions/2/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe(impact.needsApproval ? 'awaiting_approval' : 'published');
    if (impact.needsApproval) {
      const colleague = new TestClient(t.app);
      await colleague.loginDemo('officer2.nanning', t.clock);
      published = await colleague.post(`/api/v1/policies/${ITEM}/versions/2/approve`);
      expect(published.statusCode, published.body).toBe(200);
    }
    const diff = (await officer.get(`/api/v1/policies/${ITEM}/diff?from=1&to=2`)).json();
    expect(diff.amounts).toEqual([{ path: 'amount', change: 'added', after: { formula: { '*': [{ var: 'employees' }, 10000] } } }]);
    expect(diff.rules).toEqual([]);
    const detail = (await anonymous.get(`/api/v1/policies/${ITEM}`)).json();
    expect(detail.version).toBe(2);
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    await t.app.jobs.drain();
    const inbox = (await owner.get('/api/v1/notifications')).json();
    expect(inbox.items.some((n: { kind: string; link: string }) => n.kind === 'policy.match' && n.link.includes(ITEM))).toBe(true);
    expect(inbox.items.some((n: { kind: string }) => n.kind === 'award.pending')).toBe(true);
    expect(awards).toContainEqual(expect.objectContaining({ itemId: ITEM, subjectId: enterpriseId, amountFen: 180000, itemVersion: 2 }));
    expect((await owner.get('/api/v1/notifications/unread-count')).json().unread).toBe(inbox.unread);
    const read = await owner.post('/api/v1/notifications/read', { ids: 'all' });
    expect(read.json().marked).toBe(inbox.unread);
    expect((await owner.get('/api/v1/notifications/unread-count')).json().unread).toBe(0);
  });

  it('shows the saved profile its matches, and notifies a profile change that makes it eligible, as chosen', async () => {
    const m = await owner.get(`/api/v1/finder/subjects/${enterpriseId}/matches`);
    expect(m.statusCode).toBe(200);
    expect(m.json().items.find((i: { id: string }) => i.id === ITEM)).toMatchObject({ status: 'eligible', amount: { fen: 180000 } });
    const stranger = new TestClient(t.app);
    await stranger.loginDemo('ent.yuxi', t.clock);
    expect((await stranger.get(`/api/v1/finder/subjects/${enterpriseId}/matches`)).statusCode).toBe(403);

    // Switched off: a change that makes the firm eligible for something new tells nobody.
    const prefs = await owner.request('PUT', '/api/v1/notifications/preferences', { preferences: { 'profile.eligible': false } });
    expect(prefs.json().items.find((p: { kind: string }) => p.kind === 'profile.eligible').enabled).toBe(false);
    const eligibleNotes = async () => (await owner.get('/api/v1/notifications?limit=100')).json().items.filter((n: { kind: string }) => n.kind === 'profile.eligible');
    expect((await owner.patch(`/api/v1/subjects/${enterpriseId}/facts`, { facts: { employees: 25 } })).statusCode).toBe(200);
    expect(await eligibleNotes()).toEqual([]);
    // Switched on: moving away and back makes the Nanning items newly eligible, and that is told.
    await owner.request('PUT', '/api/v1/notifications/preferences', { preferences: { 'profile.eligible': true } });
    await owner.patch(`/api/v1/subjects/${enterpriseId}/facts`, { facts: { region: '360111' } });
    expect(await eligibleNotes()).toEqual([]);
    await owner.patch(`/api/v1/subjects/${enterpriseId}/facts`, { facts: { region: '450103' } });
    const told = await eligibleNotes();
    expect(told.length).toBeGreaterThan(0);
    expect(told.some((n: { link: string }) => n.link.includes('nn.'))).toBe(true);
    const badPref = await owner.request('PUT', '/api/v1/notifications/preferences', { preferences: { nonsense: true } });
    expect(badPref.json().errors[0]).toMatchObject({ field: 'preferences.nonsense', rule: 'known_kind' });
  });
});
