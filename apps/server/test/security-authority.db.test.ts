/**
 * Object-level authority (issue #10, point 2), through HTTP with the demo's accounts:
 * - verified facts are written only by officials whose department's region covers the subject;
 * - a person's personal data (the registry's `personal` facts, the full name) is read only by the person and the
 *   officials covering their region, in the profile, the matches worked out from it, and the
 *   applications, lists and exports that name the subject;
 * - platform administration is not a finance, review or approval power;
 * - separation of duties on one application: {assessor, approver} and {acceptor, approver} are
 *   never held by one person, whichever comes first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, setMembership } from '../src/modules/identity/index.js';
import { systemActor } from '../src/modules/audit/index.js';
import { setPayingDepartment } from '../src/modules/fulfilment/index.js';
import { subjectVariables } from '../src/modules/subjects/subject-variables.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
const ITEM = 'nn.new-product-subsidy';
const GXJ = '南宁市工业和信息化委员会';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const clients = new Map<string, TestClient>();
/** One logged-in client per account (the test clock never jumps days here, so sessions last). */
async function as(username: string): Promise<TestClient> {
  let c = clients.get(username);
  if (!c) {
    c = new TestClient(t.app);
    await c.loginDemo(username, t.clock);
    clients.set(username, c);
  }
  return c;
}

/** A government account made for this test: `roles` in the organisation called `organisation`. */
async function official(username: string, organisation: string, roles: string[]): Promise<TestClient> {
  const org = (await t.database.db.selectFrom('identity_organisations' as never).select(['id' as never]).where('name' as never, '=', organisation as never).executeTakeFirstOrThrow()) as { id: string };
  await t.database.db.transaction().execute(async (trx) => {
    const userId = await createUser(trx, t.deps, systemActor('test'), { username, displayName: username, password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, t.deps, systemActor('test'), org.id, userId, roles);
  });
  return as(username);
}

const count = async (table: string) =>
  Number(((await t.database.db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: number }).n);

async function subjectOf(username: string, kind: 'enterprise' | 'person'): Promise<string> {
  return ((await (await as(username)).get('/api/v1/subjects/mine')).json().items as { id: string; kind: string }[]).find((s) => s.kind === kind)!.id;
}

beforeAll(async () => {
  t = await testApp({ demo: true, publicityDays: 0 });
});
afterAll(async () => t?.close());

describe('verified facts only within the region a department covers', () => {
  it('refuses an officer of another city (403 naming the rule) and changes nothing; the covering officer records them', async () => {
    const enterprise = await subjectOf('ent.nanning', 'enterprise'); // 450103, in Nanning
    const body = { facts: { employees: 20 }, registry: 'market_regulation', asOf: '2026-11-01' };
    const before = await count('subject_facts');
    const nanchang = await as('officer.nanchang'); // 南昌市科学技术局, 360100
    const refused = await nanchang.post(`/api/v1/subjects/${enterprise}/verified-facts`, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('REGION_NOT_COVERED');
    expect(refused.json().message.zh).toContain('450103');
    expect(await count('subject_facts')).toBe(before);
    const ok = await (await as('officer.nanning')).post(`/api/v1/subjects/${enterprise}/verified-facts`, body); // 南宁市科学技术局, 450100
    expect(ok.statusCode).toBe(200);
    expect(ok.json().facts.employees).toMatchObject({ value: 20, verified: true });
  });

  it('lets a district office verify in its district only, and nobody a subject with no region', async () => {
    const yuetang = await as('officer.yuetang'); // 岳塘区, 430304
    const enterprise = await subjectOf('ent.yuetang', 'enterprise'); // 430304
    const nanningEnterprise = await subjectOf('ent.nanning', 'enterprise');
    const body = { facts: { is_tech_sme: true }, registry: 'science_and_technology', asOf: '2026-11-01' };
    expect((await yuetang.post(`/api/v1/subjects/${enterprise}/verified-facts`, body)).statusCode).toBe(200);
    expect((await yuetang.post(`/api/v1/subjects/${nanningEnterprise}/verified-facts`, body)).json().code).toBe('REGION_NOT_COVERED');
    // A person who has declared no region yet is in nobody's region.
    const person = new TestClient(t.app);
    const registered = await person.post('/api/v1/auth/register', { accountType: 'person', username: 'person.noregion', password: 'a-long-enough-pass', displayName: '无地区' });
    expect(registered.statusCode, registered.body).toBeLessThan(300);
    const personId = ((await person.get('/api/v1/subjects/mine')).json().items as { id: string }[])[0]!.id;
    const refused = await (await as('officer.nanning')).post(`/api/v1/subjects/${personId}/verified-facts`, { facts: { education: 'bachelor' }, registry: 'education', asOf: '2026-11-01' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('REGION_NOT_COVERED');
  });
});

describe("a person's personal data only within their region", () => {
  let founder: string;
  beforeAll(async () => {
    founder = await subjectOf('founder', 'person'); // 韦小燕, region 450103
    // A special-category fact (health) beside the identifying ones.
    const declared = await (await as('founder')).patch(`/api/v1/subjects/${founder}/facts`, { facts: { is_disabled: true, disability_certified_on: '2020-05-01' } });
    expect(declared.statusCode).toBe(200);
  });

  it('names exactly which facts are personal', () => {
    expect(subjectVariables('person').filter((v) => v.personal).map((v) => v.name).sort()).toEqual(['birth_date', 'disability_certified_on', 'gender', 'id_number', 'is_disabled', 'person_name']);
  });

  it('shows an official of another city the profile without them and the name masked; the person and the covering officials everything', async () => {
    const p = (await (await as('officer.nanchang')).get(`/api/v1/subjects/${founder}`)).json();
    expect(p.name).toBe('韦**');
    expect(Object.keys(p.facts).sort()).toEqual(['education', 'graduated_on', 'is_registered_unemployed', 'region']);
    expect(JSON.stringify(p)).not.toMatch(/韦小燕|1998-03-15|female|0029/);
    // Enterprises have no personal data: another city's official reads them whole.
    const enterprise = (await (await as('officer.nanchang')).get(`/api/v1/subjects/${await subjectOf('ent.nanning', 'enterprise')}`)).json();
    expect(enterprise.name).toBe('南宁青禾智能科技有限公司');
    expect(enterprise.facts.credit_code).toBeDefined();
    for (const username of ['officer.nanning', 'office.nanning', 'founder']) {
      const whole = (await (await as(username)).get(`/api/v1/subjects/${founder}`)).json();
      expect(whole.name, username).toBe('韦小燕');
      expect(whole.facts.birth_date.value, username).toBe('1998-03-15');
      expect(whole.facts.gender.value, username).toBe('female');
      expect(whole.facts.is_disabled.value, username).toBe(true);
      expect(whole.facts.id_number.value, username).toBe('4501**********0029');
    }
  });

  it("refuses another city's official the person's matches (worked out from the personal data)", async () => {
    const refused = await (await as('officer.nanchang')).get(`/api/v1/finder/subjects/${founder}/matches`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PERSONAL_DATA_OUT_OF_REGION');
    expect((await (await as('officer.nanning')).get(`/api/v1/finder/subjects/${founder}/matches`)).statusCode).toBe(200);
  });
});

describe('one application: administration, other cities and separation of duties', () => {
  let id: string;
  let dual: TestClient;
  let dual2: TestClient;
  let expertReviewer: TestClient;
  let admin: TestClient;
  let otherOffice: TestClient;
  const act = async (username: string, action: string, reason?: string) =>
    (await as(username)).post(`/api/v1/fulfilment/applications/${id}/actions`, reason ? { action, reason } : { action });
  const score = async (c: TestClient) => c.post(`/api/v1/fulfilment/applications/${id}/assessments`, { conflict: false, scores: { merit: 30, evidence: 20, impact: 20 } });
  const statusOf = async () => (await (await as('officer.gxj.nanning')).get(`/api/v1/fulfilment/applications/${id}`)).json().status as string;

  beforeAll(async () => {
    // Officials of the item's department who hold several roles: the rule on duties holds whatever roles a person has.
    dual = await official('dual.gxj', GXJ, ['officer', 'reviewer', 'expert']);
    dual2 = await official('dual2.gxj', GXJ, ['officer', 'reviewer']);
    expertReviewer = await official('expertrev.gxj', GXJ, ['reviewer', 'expert']);
    // A programme office in another city.
    otherOffice = await official('office.nanchang', '南昌市科学技术局', ['programme_office']);
    admin = await as('admin');
    const ent = await as('ent.nanning');
    const m = { boundary: '----authority' };
    const body = Buffer.concat([
      Buffer.from(`--${m.boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${m.boundary}--\r\n`),
    ]);
    const file = (await ent.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${m.boundary}` })).json().id as string;
    const subjectId = await subjectOf('ent.nanning', 'enterprise');
    const r = await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 3 }, materials: { new_product_certificate: file } });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
  });

  it('gives the platform administrator the administration permissions and nothing else', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json();
    expect([...me.permissions].sort()).toEqual(['admin.audit', 'admin.organisations', 'admin.users', 'authenticated', 'public']);
    expect((await admin.get('/api/v1/fulfilment/inbox')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/fulfilment/payables')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/fulfilment/awards.xlsx')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/budgets')).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/fulfilment/applications/${id}`)).statusCode).toBe(404);
    const subject = await subjectOf('ent.nanning', 'enterprise');
    expect((await admin.get(`/api/v1/subjects/${subject}`)).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/subjects/${subject}/verified-facts`, { facts: { employees: 1 }, registry: 'market_regulation', asOf: '2026-11-01' })).statusCode).toBe(403);
    // Administration itself still works.
    expect((await admin.get('/api/v1/admin/users')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/admin/audit?limit=1')).statusCode).toBe(200);
  });

  it("keeps the application from another city's programme office, in reads, lists and exports", async () => {
    expect((await otherOffice.get(`/api/v1/fulfilment/applications/${id}`)).statusCode).toBe(404);
    expect((await otherOffice.get(`/api/v1/fulfilment/applications/${id}/print.pdf`)).statusCode).toBe(404);
    expect((await (await as('office.nanning')).get(`/api/v1/fulfilment/applications/${id}`)).statusCode).toBe(200);
  });

  it('round 1: an assessor cannot decide the approval; a dual-role official returns it at approval', async () => {
    expect((await act('officer.gxj.nanning', 'accept')).json().status).toBe('first_review');
    expect((await act('reviewer.gxj.nanning', 'pass')).json().status).toBe('expert_review');
    // Reviewers decide, experts score: the reviewer may not score at all.
    const byReviewer = await score(await as('reviewer.gxj.nanning'));
    expect(byReviewer.statusCode).toBe(403);
    expect((await score(expertReviewer)).statusCode).toBe(200);
    expect((await score(await as('expert2.nanning'))).statusCode).toBe(200);
    expect((await act('officer.gxj.nanning', 'pass')).json().status).toBe('approval');

    // An expert never approves (the role does not decide).
    const plainExpert = await as('expert2.nanning');
    expect((await plainExpert.get(`/api/v1/fulfilment/applications/${id}`)).json().allowedActions).toEqual([]);
    expect((await plainExpert.post(`/api/v1/fulfilment/applications/${id}/approve`, {})).statusCode).toBe(403);
    // expertrev.gxj also holds the reviewer role, which acts at approval, but scored this application.
    const expert = expertReviewer;
    expect((await expert.get(`/api/v1/fulfilment/applications/${id}`)).json().allowedActions).toEqual([]);
    const before = await count('audit_log');
    const approve = await expert.post(`/api/v1/fulfilment/applications/${id}/approve`, {});
    expect(approve.statusCode).toBe(403);
    expect(approve.json().code).toBe('ASSESSOR_CANNOT_APPROVE');
    const reject = await expert.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'reject', reason: '不符合' });
    expect(reject.statusCode).toBe(403);
    expect(reject.json().code).toBe('ASSESSOR_CANNOT_APPROVE');
    expect(await count('audit_log')).toBe(before);
    expect(await statusOf()).toBe('approval');
    // Nor does the inbox offer it to them.
    expect(((await expert.get('/api/v1/fulfilment/inbox')).json().items as { id: string }[]).some((i) => i.id === id)).toBe(false);

    expect((await dual.get(`/api/v1/fulfilment/applications/${id}`)).json().allowedActions).toEqual(['approve', 'return', 'reject']);
    expect((await act('dual.gxj', 'return', '请补充新产品销售证明')).json().status).toBe('returned');
  });

  it('round 2: whoever decided at approval neither accepts nor assesses it; the acceptor cannot approve it', async () => {
    const ent = await as('ent.nanning');
    expect((await ent.post(`/api/v1/fulfilment/applications/${id}/resubmit`, { answers: { nn_new_products_certified: 3 }, materials: {} })).json().status).toBe('acceptance');

    expect((await dual.get(`/api/v1/fulfilment/applications/${id}`)).json().allowedActions).toEqual(['return', 'reject']);
    const accept = await dual.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'accept' });
    expect(accept.statusCode).toBe(403);
    expect(accept.json().code).toBe('APPROVER_CANNOT_ACCEPT');
    expect((await act('dual2.gxj', 'accept')).json().status).toBe('first_review');
    expect((await act('reviewer.gxj.nanning', 'pass')).json().status).toBe('expert_review');

    expect((await dual.get(`/api/v1/fulfilment/applications/${id}`)).json().allowedActions).not.toContain('assess');
    const assess = await score(dual);
    expect(assess.statusCode).toBe(403);
    expect(assess.json().code).toBe('APPROVER_CANNOT_ASSESS');
    expect(await count('review_scores')).toBe(2);
    expect((await score(await as('expert1.nanning'))).statusCode).toBe(200);
    expect((await score(await as('expert3.nanning'))).statusCode).toBe(200);
    expect((await act('officer.gxj.nanning', 'pass')).json().status).toBe('approval');

    const byAcceptor = await dual2.post(`/api/v1/fulfilment/applications/${id}/approve`, {});
    expect(byAcceptor.statusCode).toBe(403);
    expect(byAcceptor.json().code).toBe('ACCEPTOR_CANNOT_APPROVE');
    // An assessor of round 1 only is still an assessor of the application.
    expect((await expertReviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {})).json().code).toBe('ASSESSOR_CANNOT_APPROVE');
    // The reviewer passed first review (the same role as approval in this workflow) and holds no excluded duty.
    const approved = await (await as('reviewer.gxj.nanning')).post(`/api/v1/fulfilment/applications/${id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('publicity');
  });

  it('lets the administrator neither pay nor approve a payment; two finance officers do', async () => {
    expect((await act('officer.gxj.nanning', 'accept')).statusCode).toBe(409); // not at acceptance: nothing else moves
    expect((await (await as('officer.gxj.nanning')).post(`/api/v1/fulfilment/applications/${id}/conclude-publicity`)).json().status).toBe('payment');
    // The department that pays is configuration per region: moved to another department, the award
    // is that department's finance officer's to pay and no longer the bureau's; moved back, the bureau's.
    const orgId = async (name: string) =>
      ((await t.database.db.selectFrom('identity_organisations' as never).select(['id' as never]).where('name' as never, '=', name as never).executeTakeFirstOrThrow()) as { id: string }).id;
    const payTo = (organisation: string) => t.database.db.transaction().execute(async (trx) => setPayingDepartment(trx, { region_code: '450100', organisation_id: organisation, note: null }));
    const moved = await official('finance.kjj.nanning', '南宁市科学技术局', ['finance']);
    expect((await moved.get(`/api/v1/fulfilment/applications/${id}`)).statusCode).toBe(404);
    await payTo(await orgId('南宁市科学技术局'));
    expect((await (await as('finance.nanning')).get(`/api/v1/fulfilment/applications/${id}`)).statusCode).toBe(404);
    expect((await moved.get(`/api/v1/fulfilment/applications/${id}`)).json().allowedActions).toEqual(['pay']);
    await payTo(await orgId('南宁市财政局'));
    expect((await moved.get(`/api/v1/fulfilment/applications/${id}`)).statusCode).toBe(404);
    expect((await (await as('finance.nanning')).get(`/api/v1/fulfilment/applications/${id}`)).json().allowedActions).toEqual(['pay']);
    const before = await count('budget_payments');
    const byAdmin = await admin.post('/api/v1/budgets/payments', { awardId: id, idempotencyKey: `admin-${id}` });
    expect(byAdmin.statusCode).toBe(403);
    expect(await count('budget_payments')).toBe(before);
    const requested = await (await as('finance.nanning')).post('/api/v1/budgets/payments', { awardId: id, idempotencyKey: `pay-${id}` });
    expect(requested.statusCode).toBe(201);
    const payment = requested.json().payment as { id: string; status: string };
    expect(payment.status).toBe('awaiting_second_approval');
    const approvedByAdmin = await admin.post(`/api/v1/budgets/payments/${payment.id}/approve`);
    expect(approvedByAdmin.statusCode).toBe(403);
    expect((await (await as('finance2.nanning')).post(`/api/v1/budgets/payments/${payment.id}/approve`)).json().status).toBe('paid');
  });

  it("keeps the award out of another city's lists and exports, and in the covering office's", async () => {
    const exportOf = async (c: TestClient) => {
      const x = await c.get('/api/v1/fulfilment/awards.xlsx');
      expect(x.statusCode).toBe(200);
      return x.rawPayload;
    };
    const reference = (await (await as('office.nanning')).get(`/api/v1/fulfilment/applications/${id}`)).json().reference as string;
    expect(await xlsxText(await exportOf(await as('office.nanning')))).toContain(reference);
    expect(await xlsxText(await exportOf(otherOffice))).not.toContain(reference);
  });
});

/** The shared strings of an .xlsx (where its cell texts are), read with the library the exports use. */
async function xlsxText(buffer: Buffer): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as never);
  const out: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => out.push(JSON.stringify(row.values))));
  return out.join('\n');
}

describe('budgets only within one’s own departments and supervised regions', () => {
  it("keeps Nanning's budgets from a Nanchang official who both pays and supervises; Nanning's finance officer sees them", async () => {
    const nanchang = await official('finance.office.nanchang', '南昌市科学技术局', ['finance', 'programme_office']);
    const listed = await nanchang.get('/api/v1/budgets');
    expect(listed.statusCode, listed.body).toBe(200);
    const theirs = listed.json().items as { itemId: string }[];
    expect(theirs.map((b) => b.itemId)).not.toContain('nn.new-product-subsidy');
    const ours = (await (await as('finance.nanning')).get('/api/v1/budgets')).json().items as { id: string; itemId: string }[];
    const budget = ours.find((b) => b.itemId === 'nn.new-product-subsidy');
    expect(budget).toBeDefined();
    expect((await nanchang.get(`/api/v1/budgets/${budget!.id}/ledger`)).statusCode).toBe(403);
    expect((await (await as('finance.nanning')).get(`/api/v1/budgets/${budget!.id}/ledger`)).statusCode).toBe(200);
  });
});

describe('personal data in the audit log', () => {
  it('keeps personal facts out of the audit log in clear (a keyed digest instead), while the person still reads them', async () => {
    const founder = await subjectOf('founder', 'person');
    const declared = await (await as('founder')).patch(`/api/v1/subjects/${founder}/facts`, { facts: { person_name: '韦小雁', gender: 'female', birth_date: '1998-03-15' } });
    expect(declared.statusCode, declared.body).toBe(200);
    // What anyone holding the database or a backup reads: every audit record of the person.
    const rows = (
      await t.database.db
        .selectFrom('audit_log' as never)
        .select(['action' as never, 'data' as never])
        .where('entity_id' as never, '=', founder as never)
        .orderBy('id' as never)
        .execute()
    ) as { action: string; data: { facts?: Record<string, unknown> } }[];
    const last = rows.filter((r) => r.action === 'subject.facts_declared').at(-1);
    expect(last?.data.facts, JSON.stringify(rows)).toBeDefined();
    for (const name of ['person_name', 'gender', 'birth_date']) {
      expect(last!.data.facts![name]).toEqual({ digest: expect.stringMatching(/^[0-9a-f]{32}$/) });
    }
    const text = JSON.stringify(rows);
    for (const secret of ['韦小雁', '1998-03-15', '450103199803150029', 'female']) expect(text).not.toContain(secret);
    // The person still reads them on their profile.
    expect((await (await as('founder')).get(`/api/v1/subjects/${founder}`)).body).toContain('韦小雁');
  });
});
