/**
 * Lists (清单) on the demo data: a department revises its fee list (legal basis, change note) and
 * the public page shows the revision's diff row by row and field by field; revisions are
 * append-only and numbered in order; a visitor complains of a fee not on the list, routed to the
 * department with a due date in working days on the working calendar; the department answers;
 * the answer is public without the complainant's name or phone; overdue ones are flagged.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentComplaint, ListPage, ListSummary, PublicComplaint } from '@seedbed/contract';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

let t: TestContext;
const as = demoSignIns(() => t);

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

let feeList: ListSummary;
describe('revisions and their public diff', () => {
  it('lists the published lists', async () => {
    const anon = new TestClient(t.app);
    const lists = (await anon.get('/api/v1/public/lists')).json() as ListSummary[];
    expect(lists.map((l) => [l.kind, l.department, l.revision, l.rows])).toEqual([
      ['fee', '南宁市科学技术局', 1, 2],
      ['power', '南宁市科学技术局', 1, 2],
    ]);
    feeList = lists[0]!;
  });

  it('a department revises its fee list; the public diff shows added, removed and changed fields', async () => {
    const officer = await as('officer.nanning');
    const page = (await officer.get(`/api/v1/lists/${feeList.id}`)).json<ListPage>();
    expect(page.mayRevise).toBe(true);
    const rows = page.current.map((r) => ({ ...r }));
    rows[1] = { ...rows[1]!, standard: '每项 1500 元' };
    rows.splice(0, 1);
    rows.push({ item: '科技查新服务费', body: '南宁市科技情报所', basis: '桂价费〔2016〕3号', standard: '每项 300 元', scope: '自愿委托查新' });
    const bad = await officer.post(`/api/v1/lists/${feeList.id}/revisions`, { legalBasis: ' ', changeNote: '调整', rows: [...rows, { item: '', body: 'x', basis: 'y', standard: 'z', scope: 'w' }] });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['legalBasis:required', 'rows/2/item:required']);
    const r = await officer.post(`/api/v1/lists/${feeList.id}/revisions`, { legalBasis: '南宁市发展和改革委员会关于调整科技服务收费的通知', changeNote: '降低科技成果评价费；取消技术合同认定登记费；新增科技查新服务费', rows });
    expect(r.statusCode, r.body).toBe(201);
    const anon = new TestClient(t.app);
    const pub = (await anon.get(`/api/v1/lists/${feeList.id}`)).json<ListPage>();
    expect(pub.revision).toBe(2);
    expect(pub.mayRevise).toBe(false);
    const diff = pub.revisions[0]!.diff;
    expect(diff.added.map((x) => x.item)).toEqual(['科技查新服务费']);
    expect(diff.removed.map((x) => x.item)).toEqual(['技术合同认定登记费']);
    expect(diff.changed).toEqual([{ item: '科技成果评价费', fields: [{ field: 'standard', before: '每项 2000 元', after: '每项 1500 元' }] }]);
    expect(pub.revisions[1]!.diff.added.length).toBe(2); // revision 1 against nothing
    // unchanged: refused; another department: refused
    expect((await officer.post(`/api/v1/lists/${feeList.id}/revisions`, { legalBasis: '同上文件', changeNote: '无变化', rows })).statusCode).toBe(409);
    expect((await (await as('officer.yuxi')).post(`/api/v1/lists/${feeList.id}/revisions`, { legalBasis: '某文件', changeNote: '改动', rows: [] })).statusCode).toBe(403);
  });

  it('keeps revisions append-only and in order (the database)', async () => {
    await expect(sql`UPDATE lists_revisions SET change_note = '改写' WHERE catalogue_id = ${feeList.id}`.execute(t.deps.db)).rejects.toThrow(/never changed/);
    await expect(sql`DELETE FROM lists_revisions WHERE catalogue_id = ${feeList.id}`.execute(t.deps.db)).rejects.toThrow(/never changed/);
    const u = (await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'officer.nanning'`.execute(t.deps.db)).rows[0]!.id;
    await expect(sql`INSERT INTO lists_revisions (catalogue_id, number, legal_basis, change_note, rows, published_by, published_at) VALUES (${feeList.id}, 5, '依据', '说明', '[]', ${u}, now())`.execute(t.deps.db)).rejects.toThrow(/out of order/);
  });
});

describe('complaints of fees not on the list', () => {
  let complaintId = '';
  it('a visitor with a contact files one; it is due in 15 working days', async () => {
    const anon = new TestClient(t.app);
    const body = { listId: feeList.id, chargedBy: '某科技服务中心', what: '收取“项目申报辅导费”', amountFen: 50_000, chargedOn: '2026-11-18', contactName: null, contactPhone: null };
    const bad = await anon.post('/api/v1/public/complaints', { ...body, chargedOn: '2026-12-30' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['chargedOn:not_future', 'contactName:required', 'contactPhone:required']);
    expect(fields(await anon.post('/api/v1/public/complaints', { ...body, contactName: '王先生', contactPhone: '12345' }))).toEqual(['contactPhone:phone']);
    const r = await anon.post('/api/v1/public/complaints', { ...body, contactName: '王先生', contactPhone: '13800000000' });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json<PublicComplaint>();
    complaintId = c.id;
    // filed Friday 2026-11-20: 15 working days later (no holidays entered for the period) is Friday 2026-12-11
    expect(c.dueOn).toBe('2026-12-11');
    expect(JSON.stringify(c)).not.toMatch(/王先生|13800000000/);
    // not public until answered
    expect(((await anon.get('/api/v1/public/complaints')).json() as PublicComplaint[]).map((x) => x.id)).not.toContain(complaintId);
  });

  it('goes to the department, which sees the contact, is flagged when overdue, and answers; the answer is public without personal data', async () => {
    const officer = await as('officer.nanning');
    const mine = (await officer.get('/api/v1/lists-complaints')).json() as DepartmentComplaint[];
    const c = mine.find((x) => x.id === complaintId)!;
    expect(c.contact).toBe('王先生 13800000000');
    expect(c.overdue).toBe(false);
    expect(((await (await as('officer.yuxi')).get('/api/v1/lists-complaints')).json() as unknown[]).length).toBe(0);
    t.clock.advance(22 * 86_400_000); // 2026-12-12: a day past due (sessions have expired meanwhile: sign in again)
    as.clear();
    expect(((await (await as('officer.nanning')).get('/api/v1/lists-complaints')).json() as DepartmentComplaint[]).find((x) => x.id === complaintId)!.overdue).toBe(true);
    expect((await (await as('officer.yuxi')).post(`/api/v1/lists-complaints/${complaintId}/answer`, { answer: '已核查' })).statusCode).toBe(403);
    const again = await as('officer.nanning');
    expect(fields(await again.post(`/api/v1/lists-complaints/${complaintId}/answer`, { answer: ' ' }))).toEqual(['answer:required']);
    const a = await again.post(`/api/v1/lists-complaints/${complaintId}/answer`, { answer: '经核查，该中心已退还所收费用，并责令停止收取。' });
    expect(a.statusCode, a.body).toBe(200);
    expect((await again.post(`/api/v1/lists-complaints/${complaintId}/answer`, { answer: '再答一次' })).statusCode).toBe(409);
    const pub = (await new TestClient(t.app).get('/api/v1/public/complaints')).json() as PublicComplaint[];
    const p = pub.find((x) => x.id === complaintId)!;
    expect(p.answer).toContain('已退还');
    expect(p.overdue).toBe(true); // answered after the due date
    expect(JSON.stringify(pub)).not.toMatch(/王先生|13800000000|contact/);
  });
});
