/**
 * Lists' use cases: departments keep their fee list (涉企收费目录清单) and power and
 * responsibility list (权责清单) by publishing revisions (legal basis, change note, the rows as
 * they stand); the public reads each list with every revision's changes, row by row and field by
 * field. Anyone may complain of a fee charged but not on the list (乱收费): signed in, or with a
 * name and a phone number; it goes to the list's department, which answers within
 * COMPLAINT_WORKING_DAYS working days (the working calendar); answered complaints are public,
 * without the complainant's name or contact.
 */
import {
  COMPLAINT_WORKING_DAYS,
  LIST_FIELDS,
  LIST_KIND_LABELS,
  isCalendarDate,
  type AnswerBody,
  type ComplaintBody,
  type DepartmentComplaint,
  type FieldError,
  type ListBody,
  type ListKind,
  type ListPage,
  type ListRow,
  type ListSummary,
  type PublicComplaint,
  type Revision,
  type RevisionBody,
  type RevisionDiff,
} from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import { addDays, shanghaiDay } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { workingCalendar } from '../calendar/index.js';
import * as repo from './lists.repository.js';

export type ListsDeps = Pick<AppDeps, 'db' | 'clock'>;

const LIST = { zh: '该清单', en: 'List' };
const COMPLAINT = { zh: '该投诉', en: 'Complaint' };

// ---------------------------------------------------------------- the diff

/** What changed from `before` to `after`: rows matched by their first field (the item's name). */
export function diffRows(kind: ListKind, before: readonly ListRow[], after: readonly ListRow[]): RevisionDiff {
  const fields = LIST_FIELDS[kind].map((f) => f.key);
  const key = (r: ListRow) => (r.item ?? '').trim();
  const old = new Map(before.map((r) => [key(r), r]));
  const now = new Map(after.map((r) => [key(r), r]));
  const changed: RevisionDiff['changed'] = [];
  for (const [k, r] of now) {
    const o = old.get(k);
    if (!o) continue;
    const diffs = fields.filter((f) => (o[f] ?? '') !== (r[f] ?? '')).map((f) => ({ field: f, before: o[f] ?? '', after: r[f] ?? '' }));
    if (diffs.length > 0) changed.push({ item: k, fields: diffs });
  }
  return { added: after.filter((r) => !old.has(key(r))), removed: before.filter((r) => !now.has(key(r))), changed };
}

// ---------------------------------------------------------------- reading

const mayRevise = (p: Principal | undefined, c: repo.CatalogueRow) => p !== undefined && mayAccess(p, 'lists.manage', { organisationId: c.organisation_id });

function summaryOf(c: repo.CatalogueRow, revisions: repo.RevisionRow[]): ListSummary {
  const last = revisions.find((r) => r.catalogue_id === c.id);
  return { id: c.id, kind: c.kind, title: c.title, department: c.department, revision: last?.number ?? null, updatedAt: last ? instantOut(last.published_at) : null, rows: last?.rows.length ?? 0 };
}

export async function publicLists(deps: ListsDeps, kind: ListKind | undefined): Promise<ListSummary[]> {
  const rows = await repo.catalogues(deps.db, { kind: kind ?? null });
  const revisions = await repo.revisionsOf(deps.db, rows.map((r) => r.id));
  return rows.map((c) => summaryOf(c, revisions)).filter((s) => s.revision !== null);
}

export async function myLists(deps: ListsDeps, principal: Principal): Promise<ListSummary[]> {
  const mine = membershipsGranting(principal, 'lists.manage').map((m) => m.organisationId);
  if (mine.length === 0) return [];
  return summariesWithRevisions(deps, await repo.catalogues(deps.db, { organisationIds: mine }));
}

async function summariesWithRevisions(deps: ListsDeps, rows: repo.CatalogueRow[]): Promise<ListSummary[]> {
  const revisions = await repo.revisionsOf(deps.db, rows.map((r) => r.id));
  return rows.map((c) => summaryOf(c, revisions));
}

export async function listPage(deps: ListsDeps, principal: Principal | undefined, id: string): Promise<ListPage> {
  const [c] = await repo.catalogues(deps.db, { id });
  if (!c) throw notFound(LIST);
  const revisions = await repo.revisionsOf(deps.db, [id]);
  if (revisions.length === 0 && !mayRevise(principal, c)) throw notFound(LIST);
  const out: Revision[] = revisions.map((r, i) => ({
    number: r.number,
    legalBasis: r.legal_basis,
    changeNote: r.change_note,
    publishedAt: instantOut(r.published_at),
    publishedBy: r.published_by_name,
    diff: diffRows(c.kind, revisions[i + 1]?.rows ?? [], r.rows),
  }));
  return { ...summaryOf(c, revisions), current: revisions[0]?.rows ?? [], revisions: out, mayRevise: mayRevise(principal, c) };
}

// ---------------------------------------------------------------- departments

export async function createList(deps: ListsDeps, principal: Principal, ctx: AuditContext, body: ListBody): Promise<ListPage> {
  const dept = membershipsGranting(principal, 'lists.manage')[0];
  if (!dept) throw forbidden('只有政府部门可以建立清单', 'Only a department may keep a list');
  const title = body.title.trim() || `${dept.organisationName}${LIST_KIND_LABELS[body.kind].zh}`;
  if (title.length < 2) throw invalid([fieldError('title', 'required', '应填写清单名称', 'must name the list')]);
  const id = await deps.db.transaction().execute(async (trx) => {
    const existing = await repo.catalogues(trx, { kind: body.kind, organisationIds: [dept.organisationId] });
    if (existing.length > 0)
      throw conflict('LIST_EXISTS', '本部门已有此类清单，请在原清单上修订', 'Your department already keeps this list: revise it', [fieldError('kind', 'one_per_department', '每个部门每类清单只有一份', 'one list of each kind per department')]);
    const id = await repo.insertCatalogue(trx, { kind: body.kind, organisation_id: dept.organisationId, title, created_by: principal.userId, created_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'lists.created', entityType: 'list', entityId: id, data: { kind: body.kind, title } });
    return id;
  });
  return listPage(deps, principal, id);
}

function checkRows(kind: ListKind, rows: ListRow[]): { rows: ListRow[]; errors: FieldError[] } {
  const fields = LIST_FIELDS[kind];
  const errors: FieldError[] = [];
  const out: ListRow[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const clean: ListRow = {};
    for (const f of fields) clean[f.key] = (r[f.key] ?? '').trim();
    for (const k of Object.keys(r)) if (!fields.some((f) => f.key === k)) errors.push(fieldError(`rows/${i}/${k}`, 'unknown_field', `${LIST_KIND_LABELS[kind].zh}没有此栏目`, `is not a column of this list`));
    for (const f of fields) if (!clean[f.key]) errors.push(fieldError(`rows/${i}/${f.key}`, 'required', `第 ${i + 1} 行应填写“${f.zh}”`, `row ${i + 1} must give the ${f.en.toLowerCase()}`));
    if (clean.item && seen.has(clean.item)) errors.push(fieldError(`rows/${i}/item`, 'unique', `第 ${i + 1} 行与前面的事项重名`, `row ${i + 1} repeats an earlier item`));
    seen.add(clean.item ?? '');
    out.push(clean);
  });
  return { rows: out, errors };
}

export async function revise(deps: ListsDeps, principal: Principal, ctx: AuditContext, id: string, body: RevisionBody): Promise<ListPage> {
  const [c] = await repo.catalogues(deps.db, { id });
  if (!c) throw notFound(LIST);
  if (!mayRevise(principal, c)) throw forbidden('只有本部门可以修订其清单', 'Only the department may revise its list');
  const { rows, errors } = checkRows(c.kind, body.rows);
  if (body.legalBasis.trim().length < 2) errors.push(fieldError('legalBasis', 'required', '应注明本次修订的依据', 'must give the legal basis of the revision'));
  if (body.changeNote.trim().length < 2) errors.push(fieldError('changeNote', 'required', '应说明修订内容', 'must say what the revision changes'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCatalogue(trx, id);
    const last = await repo.lastRevision(trx, id);
    const diff = diffRows(c.kind, last?.rows ?? [], rows);
    if (last && diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0)
      throw conflict('LIST_UNCHANGED', '清单内容没有变化', 'The list is unchanged', [fieldError('rows', 'changed', '修订应改变清单内容', 'a revision must change the list')]);
    const number = (last?.number ?? 0) + 1;
    await repo.insertRevision(trx, { catalogue_id: id, number, legal_basis: body.legalBasis.trim(), change_note: body.changeNote.trim(), rows, published_by: principal.userId, published_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'lists.revised', entityType: 'list', entityId: id, data: { number, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length } });
  });
  return listPage(deps, principal, id);
}

// ---------------------------------------------------------------- complaints

const isOverdue = (r: repo.ComplaintRow, today: string) => (r.answered_at ? shanghaiDay(r.answered_at) > r.due_on : today > r.due_on);

const publicComplaint = (r: repo.ComplaintRow, today: string): PublicComplaint => ({
  id: r.id,
  list: r.list_title,
  department: r.department,
  chargedBy: r.charged_by,
  what: r.what,
  amountFen: Number(r.amount_fen),
  chargedOn: r.charged_on,
  filedAt: instantOut(r.filed_at),
  dueOn: r.due_on,
  answer: r.answer,
  answeredAt: nullableInstantOut(r.answered_at),
  overdue: isOverdue(r, today),
});

/** The day `n` working days after `day` (the working calendar as entered). */
export async function workingDaysAfter(db: ListsDeps['db'], day: string, n: number): Promise<string> {
  const cal = await workingCalendar(db, day);
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

export async function fileComplaint(deps: ListsDeps, principal: Principal | undefined, ctx: AuditContext, body: ComplaintBody): Promise<PublicComplaint> {
  const [c] = await repo.catalogues(deps.db, { id: body.listId });
  const errors: FieldError[] = [];
  if (!c || c.kind !== 'fee') errors.push(fieldError('listId', 'fee_list', '应选择一份涉企收费目录清单', 'must be a fee list'));
  if (body.chargedBy.trim().length < 2) errors.push(fieldError('chargedBy', 'required', '应填写收费的单位', 'must name who charged'));
  if (body.what.trim().length < 2) errors.push(fieldError('what', 'required', '应说明收取了什么费用', 'must say what was charged'));
  if (body.amountFen <= 0) errors.push(fieldError('amountFen', 'positive', '金额应大于零', 'must be more than zero'));
  const today = deps.clock.today();
  if (!isCalendarDate(body.chargedOn)) errors.push(fieldError('chargedOn', 'format:date', '应为有效日期', 'must be a real date'));
  else if (body.chargedOn > today) errors.push(fieldError('chargedOn', 'not_future', '收费日期不能晚于今天', 'must not lie after today'));
  if (!principal) {
    if (!body.contactName?.trim()) errors.push(fieldError('contactName', 'required', '未登录时应留下姓名', 'must be given when not signed in'));
    if (!body.contactPhone?.trim()) errors.push(fieldError('contactPhone', 'required', '未登录时应留下联系电话', 'must be given when not signed in'));
  }
  const phone = body.contactPhone?.trim() || null;
  if (phone && !/^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$/.test(phone)) errors.push(fieldError('contactPhone', 'phone', '应为手机号或带区号的固定电话', 'must be a mobile number or a landline with its area code'));
  if (errors.length > 0) throw invalid(errors);
  const dueOn = await workingDaysAfter(deps.db, today, COMPLAINT_WORKING_DAYS);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertComplaint(trx, {
      catalogue_id: c!.id,
      organisation_id: c!.organisation_id,
      charged_by: body.chargedBy.trim(),
      what: body.what.trim(),
      amount_fen: body.amountFen,
      charged_on: body.chargedOn,
      complainant_user_id: principal?.userId ?? null,
      contact_name: body.contactName?.trim() || null,
      contact_phone: phone,
      filed_at: deps.clock.now(),
      due_on: dueOn,
    });
    await record(trx, deps.clock, ctx, { action: 'lists.complaint_filed', entityType: 'list_complaint', entityId: id, data: { listId: c!.id, dueOn } });
    return id;
  });
  const [r] = await repo.complaints(deps.db, { id });
  return publicComplaint(r!, today);
}

export async function publicComplaints(deps: ListsDeps): Promise<PublicComplaint[]> {
  const today = deps.clock.today();
  return (await repo.complaints(deps.db, { answeredOnly: true })).map((r) => publicComplaint(r, today));
}

export async function departmentComplaints(deps: ListsDeps, principal: Principal): Promise<DepartmentComplaint[]> {
  const mine = membershipsGranting(principal, 'lists.manage').map((m) => m.organisationId);
  if (mine.length === 0) return [];
  const today = deps.clock.today();
  return (await repo.complaints(deps.db, { organisationIds: mine })).map((r) => ({
    ...publicComplaint(r, today),
    contact: r.complainant ? `${r.complainant}（平台账号）` : `${r.contact_name ?? ''} ${r.contact_phone ?? ''}`.trim(),
  }));
}

export async function answer(deps: ListsDeps, principal: Principal, ctx: AuditContext, id: string, body: AnswerBody): Promise<PublicComplaint> {
  const [r] = await repo.complaints(deps.db, { id });
  if (!r) throw notFound(COMPLAINT);
  if (!mayAccess(principal, 'lists.manage', { organisationId: r.organisation_id })) throw forbidden('只有被投诉清单所属部门可以答复', 'Only the list’s department may answer');
  if (body.answer.trim().length < 2) throw invalid([fieldError('answer', 'required', '应填写答复内容', 'must give the answer')]);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockComplaint(trx, id);
    if (locked?.answer) throw conflict('COMPLAINT_ANSWERED', '该投诉已答复', 'This complaint is already answered', [fieldError('answer', 'once', '每件投诉只答复一次', 'a complaint is answered once')]);
    await repo.answerComplaint(trx, id, body.answer.trim(), principal.userId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'lists.complaint_answered', entityType: 'list_complaint', entityId: id, data: {} });
  });
  const [after] = await repo.complaints(deps.db, { id });
  return publicComplaint(after!, deps.clock.today());
}
