/**
 * The credit use cases. Officers of a source department (`credit.record`) enter records or import
 * their department's file (credit.import.ts), each row checked like an entered record and refused
 * with its reasons, a row whose decision number the department already holds with the same content
 * counted as unchanged (so re-importing a file changes nothing). A record is linked to the
 * enterprise registered under its credit code. Whether an enterprise is on the serious-violation
 * list (`on_serious_violation_list`) is then no longer its declaration but a verified fact the
 * credit module writes (`syncSeriousViolationFact`) whenever a serious record starts or stops
 * being published: on entry, on an approved repair, and each day for windows that end by
 * themselves (the daily job). The catalogue's items that exclude 失信主体 read that fact, so they
 * refuse through the rules, and a refusal cites the record that gates (`seriousViolationBasis`, the
 * manifest's fact basis: kind, decision number, department, end of publication). The rating A–D is
 * written the same way (`credit_rating`, `syncCreditRatingFact`): fulfilment marks applications of
 * A-rated enterprises not on the list 守信优先 for reviewers (joint rewards). Repair (信用修复):
 * once the shortest window has passed, a member of the enterprise applies with a PDF of evidence;
 * reviewers of the source department holding `credit.repair` score it through the review module
 * (REPAIR_RUBRIC, case `credit.repair`), then one approves (the record stops being published and
 * gating that day) or refuses with a reason.
 */
import { CREDIT_RECORD_KIND_LABELS, creditCodeProblem, isCalendarDate, type CreditInquiryQuery, type CreditInquiryResult, type CreditRatingView, type CreditImportBody, type CreditImportResult, type CreditRecordBody, type CreditRecordView, type CreditRepairBody, type CreditRepairDecisionBody, type CreditRepairReviewBody, type CreditRepairView, type CreditSeverity, type CreditWorkView, type FieldError, type MyCreditView } from '@seedbed/contract';
import { sql } from 'kysely';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { reviewSummary, scoredCount, submitReview, type CaseKey, type Rubric } from '../review/index.js';
import { getFile } from '../files/index.js';
import { creditCodeError, listMine, recordFacts } from '../subjects/index.js';
import { COLUMNS, ImportFileError, KIND_BY_LABEL, readImportFile, SEVERITY_BY_LABEL, type ColumnKey } from './credit.import.js';
import * as repo from './credit.repository.js';
import { rate } from './credit.rating.js';
import { gatesOn, publicationStatus, publicationWindow, repairOpen } from './credit.windows.js';

export type CreditDeps = Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'events' | 'config' | 'modules'>;

export const SERIOUS_VIOLATION = 'on_serious_violation_list';
export const CREDIT_RATING = 'credit_rating';
export const CREDIT_SOURCE = { source: 'registry:credit', verified: true };
const RECORD = { zh: '该信用记录', en: 'Credit record' };

// ---------------------------------------------------------------- views

const isMemberOf = (p: Principal, subjectIds: ReadonlySet<string>, row: repo.RecordRow) => row.subject_id !== null && subjectIds.has(row.subject_id);

/**
 * The rubric a repair application is reviewed against (the review module, case `credit.repair`),
 * after the national rules on credit repair: the breach corrected, the penalty and other legal
 * obligations fulfilled, the evidence genuine and complete. One review without a conflict of
 * interest is enough to decide.
 */
export const REPAIR_RUBRIC: Rubric = {
  minAssessors: 1,
  outlierPoints: 3,
  criteria: [
    { id: 'corrected', label: { zh: '失信行为已纠正', en: 'The breach has been corrected' }, max: 5 },
    { id: 'obligations', label: { zh: '已履行行政处罚等法定义务', en: 'The penalty and other legal obligations are fulfilled' }, max: 5 },
    { id: 'evidence', label: { zh: '证明材料真实完整', en: 'The evidence is genuine and complete' }, max: 5 },
  ],
};
export const repairCase = (repairId: string): CaseKey => ({ owner: 'credit.repair', caseId: repairId });

/** A repair's review as the source department's officers see it (null for anyone else). */
async function repairReview(deps: CreditDeps, principal: Principal | undefined, row: repo.RecordRow, repair: repo.RepairRow, mine: ReadonlySet<string>): Promise<CreditRepairView['review']> {
  if (!principal) return null;
  const reviewer = mayAccess(principal, 'credit.repair', { organisationId: row.source_org_id });
  if (!reviewer && !mayAccess(principal, 'credit.record', { organisationId: row.source_org_id })) return null;
  const key = repairCase(repair.id);
  const interested = repair.applied_by === principal.userId || (row.subject_id !== null && mine.has(row.subject_id));
  const reviewed = (await reviewSummary(deps.db, key, 1, REPAIR_RUBRIC, { userId: principal.userId, mayStillReview: false })).entries.some((e) => e.mine);
  const mayReview = repair.status === 'applied' && reviewer && !interested && !reviewed;
  const s = await reviewSummary(deps.db, key, 1, REPAIR_RUBRIC, { userId: principal.userId, mayStillReview: mayReview });
  return { criteria: s.criteria, minAssessors: s.minAssessors, scored: s.scored, complete: s.complete, entries: s.entries, mayReview };
}

async function views(deps: CreditDeps, principal: Principal | undefined, rows: repo.RecordRow[], mine: ReadonlySet<string> = new Set()): Promise<CreditRecordView[]> {
  const repairs = await repo.repairsOf(deps.db, rows.map((r) => r.id));
  const today = deps.clock.today();
  const reviews = new Map<string, CreditRepairView['review']>();
  for (const r of rows) for (const p of repairs.filter((x) => x.record_id === r.id)) reviews.set(p.id, await repairReview(deps, principal, r, p, mine));
  return rows.map((r) => {
    const w = publicationWindow(r.severity, r.decided_on);
    const own = repairs.filter((p) => p.record_id === r.id);
    const live = own.some((p) => p.status === 'applied' || p.status === 'approved');
    return {
      id: r.id,
      creditCode: r.credit_code,
      subjectName: r.subject_name,
      registered: r.subject_id !== null,
      kind: r.kind,
      severity: r.severity,
      sourceName: r.source_name,
      decisionNumber: r.decision_number,
      decidedOn: r.decided_on,
      legalBasis: r.legal_basis,
      content: r.content,
      status: publicationStatus(r.severity, r.decided_on, today, r.repaired_on),
      publishedFrom: w.from,
      publishedUntil: w.until,
      repairFrom: w.repairFrom,
      gates: gatesOn(r.severity, r.decided_on, today, r.repaired_on),
      mayApplyForRepair: principal !== undefined && isMemberOf(principal, mine, r) && !live && repairOpen(r.severity, r.decided_on, today, r.repaired_on),
      mayDecideRepair: principal !== undefined && own.some((p) => p.status === 'applied') && mayAccess(principal, 'credit.repair', { organisationId: r.source_org_id }),
      repairs: own.map((p) => ({ id: p.id, status: p.status, reason: p.reason, evidenceFileName: p.evidence_name, appliedAt: instantOut(p.applied_at), decidedAt: p.decided_at ? instantOut(p.decided_at) : null, decisionReason: p.decision_reason, review: reviews.get(p.id) ?? null })),
      origin: r.origin,
      recordedAt: instantOut(r.recorded_at),
    };
  });
}

async function recordRow(db: Db | Tx, id: string): Promise<repo.RecordRow> {
  const [row] = await repo.records(db, { ids: [id] });
  if (!row) throw notFound(RECORD);
  return row;
}

const departmentsOf = (p: Principal, permission: 'credit.record' | 'credit.repair') => membershipsGranting(p, permission).map((m) => ({ id: m.organisationId, name: m.organisationName }));

/** The officer's page: their departments' records. */
export async function workView(deps: CreditDeps, principal: Principal): Promise<CreditWorkView> {
  const departments = new Map([...departmentsOf(principal, 'credit.record'), ...departmentsOf(principal, 'credit.repair')].map((d) => [d.id, d]));
  if (departments.size === 0) throw forbidden('只有信用信息来源部门的工作人员可以查看', 'Only officers of a source department may see these records');
  const rows = await repo.records(deps.db, { sourceOrgIds: [...departments.keys()] });
  const subjectIds = [...new Set(rows.map((r) => r.subject_id).filter((x): x is string => x !== null))];
  return { departments: departmentsOf(principal, 'credit.record'), records: await views(deps, principal, rows), ratings: await ratingsOf(deps, subjectIds) };
}

/**
 * The ratings of registered enterprises from all their records (whichever department decided
 * them) and their profile, as of today: computed on demand (credit.rating.ts says why).
 */
export async function ratingsOf(deps: Pick<CreditDeps, 'clock'> & { db: Db | Tx }, subjectIds: readonly string[]): Promise<CreditRatingView[]> {
  if (subjectIds.length === 0) return [];
  const [profiles, rows] = await Promise.all([repo.enterpriseProfiles(deps.db, subjectIds), repo.records(deps.db, { subjectIds })]);
  const today = deps.clock.today();
  return profiles
    .map((p) => ({
      subjectId: p.id,
      name: p.name,
      ...rate({ today, foundedOn: isCalendarDate(p.founded_on ?? '') ? p.founded_on : null, records: rows.filter((r) => r.subject_id === p.id).map((r) => ({ kind: r.kind, severity: r.severity, decidedOn: r.decided_on, repairedOn: r.repaired_on, content: r.content })) }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** The enterprise's page: the records of the subjects it acts for, and whether each is on the list. */
export async function myCredit(deps: CreditDeps, principal: Principal): Promise<MyCreditView> {
  const subjects = (await listMine(deps.db, principal)).filter((s) => s.kind === 'enterprise');
  const ids = new Set(subjects.map((s) => s.id));
  const rows = subjects.length ? await repo.records(deps.db, { subjectIds: [...ids] }) : [];
  const all = await views(deps, principal, rows, ids);
  const ratings = await ratingsOf(deps, [...ids]);
  const profiles = await repo.enterpriseProfiles(deps.db, [...ids]);
  const out: MyCreditView['subjects'] = [];
  for (const s of subjects) {
    const records = all.filter((v, i) => rows[i]!.subject_id === s.id);
    const code = profiles.find((p) => p.id === s.id)?.credit_code ?? null;
    const inquiries = code ? (await repo.inquiriesOf(deps.db, code)).map((q) => ({ organisationName: q.organisation_name, at: instantOut(q.at) })) : [];
    out.push({ subjectId: s.id, name: s.name, onSeriousViolationList: records.some((r) => r.gates), records, rating: ratings.find((r) => r.subjectId === s.id)!, inquiries });
  }
  return { subjects: out };
}

// ---------------------------------------------------------------- the serious-violation list as a verified fact

/**
 * Writes `on_serious_violation_list` on the enterprise's profile as a verified fact of the credit
 * registry when it differs from what the records say today (or is not yet the credit registry's),
 * as of the decision of the record that gates (or today when none does).
 */
export async function syncSeriousViolationFact(trx: Tx, deps: CreditDeps, ctx: AuditContext, subjectId: string): Promise<boolean> {
  const today = deps.clock.today();
  const rows = await repo.records(trx, { subjectIds: [subjectId], severity: 'serious' });
  const gating = rows.filter((r) => gatesOn(r.severity, r.decided_on, today, r.repaired_on));
  const want = gating.length > 0;
  const current = (
    await sql<{ value: unknown; source: string }>`SELECT value, source FROM subject_facts WHERE subject_id = ${subjectId} AND variable = ${SERIOUS_VIOLATION} AND superseded_at IS NULL`.execute(trx)
  ).rows[0];
  if (current && current.value === want && current.source === CREDIT_SOURCE.source) return false;
  // Never wrote it and there is no serious record: leave the profile alone.
  if (!current && !want) return false;
  const asOf = want ? gating.map((r) => r.decided_on).sort().at(-1)! : today;
  await recordFacts(trx, deps, ctx, subjectId, { facts: { [SERIOUS_VIOLATION]: want }, asOf }, CREDIT_SOURCE);
  return true;
}

/**
 * Writes `credit_rating` (A–D, credit.rating.ts) on the enterprise's profile as a verified fact of
 * the credit registry when the grade computed today differs from the one on the profile, so rules
 * and reviewers (守信激励: fulfilment marks applications of A-rated enterprises 守信优先) read the
 * registry's grade, never a declared one. Enterprises the registry holds no record of are left
 * alone (their grade follows only from their age: B at most, never A).
 */
export async function syncCreditRatingFact(trx: Tx, deps: CreditDeps, ctx: AuditContext, subjectId: string): Promise<boolean> {
  const [rating] = await ratingsOf({ clock: deps.clock, db: trx }, [subjectId]);
  if (!rating) return false;
  const current = (
    await sql<{ value: unknown; source: string }>`SELECT value, source FROM subject_facts WHERE subject_id = ${subjectId} AND variable = ${CREDIT_RATING} AND superseded_at IS NULL`.execute(trx)
  ).rows[0];
  if (current && current.value === rating.grade && current.source === CREDIT_SOURCE.source) return false;
  const held = (await repo.records(trx, { subjectIds: [subjectId] })).length > 0;
  if (!current && !held) return false;
  await recordFacts(trx, deps, ctx, subjectId, { facts: { [CREDIT_RATING]: rating.grade }, asOf: deps.clock.today() }, CREDIT_SOURCE);
  return true;
}

/** Both verified facts the records keep: the list status and the rating. */
export async function syncCreditFacts(trx: Tx, deps: CreditDeps, ctx: AuditContext, subjectId: string): Promise<boolean> {
  const listed = await syncSeriousViolationFact(trx, deps, ctx, subjectId);
  const rated = await syncCreditRatingFact(trx, deps, ctx, subjectId);
  return listed || rated;
}

/** The daily job: windows that ended by themselves clear the list status and move the rating. */
export async function syncAllSeriousViolationFacts(deps: CreditDeps, ctx: AuditContext): Promise<number> {
  let changed = 0;
  for (const subjectId of await repo.subjectsWithRecords(deps.db)) {
    if (await deps.db.transaction().execute((trx) => syncCreditFacts(trx, deps, ctx, subjectId))) changed++;
  }
  return changed;
}

// ---------------------------------------------------------------- what the verified facts rest on

/** A gating record as the refusal cites it: kind, decision number, department, decision day and end of publication. */
export function gatingCitation(r: Pick<repo.RecordRow, 'kind' | 'severity' | 'decided_on' | 'decision_number' | 'source_name'>): { zh: string; en: string } {
  const kind = CREDIT_RECORD_KIND_LABELS[r.kind];
  const until = publicationWindow(r.severity, r.decided_on).until ?? '';
  return {
    zh: `${r.source_name} ${r.decided_on} 作出的 ${r.decision_number}（${kind.zh}，严重失信，公示至 ${until} 前）`,
    en: `${kind.en} ${r.decision_number} by ${r.source_name}, decided ${r.decided_on} (serious, published until ${until})`,
  };
}

/**
 * What `on_serious_violation_list: true` rests on (the manifest's fact basis): the records that put
 * the enterprise on the list on `today`, newest decision first, and where repair is applied for.
 */
export async function seriousViolationBasis(db: Db | Tx, subjectId: string, value: unknown, today: string): Promise<{ zh: string; en: string } | null> {
  if (value !== true) return null;
  const gating = (await repo.records(db, { subjectIds: [subjectId], severity: 'serious' })).filter((r) => gatesOn(r.severity, r.decided_on, today, r.repaired_on));
  if (gating.length === 0) return null;
  const cites = gating.map(gatingCitation);
  return {
    zh: `依据 ${cites.map((c) => c.zh).join('；')}；可在“我的信用”申请信用修复`,
    en: `because of ${cites.map((c) => c.en).join('; ')}; repair may be applied for under My credit`,
  };
}

// ---------------------------------------------------------------- entry and import

type Cells = Record<ColumnKey, string>;
interface CheckedRecord { creditCode: string; subjectName: string; kind: repo.RecordRow['kind']; severity: CreditSeverity | null; decisionNumber: string; decidedOn: string; legalBasis: string; content: string }

const columnName = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!;

/** One record's checks, for an entered record and an imported row alike. */
function checkRecord(c: Cells, today: string): { value?: CheckedRecord; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const creditCode = c.creditCode.trim().toUpperCase();
  const problem = creditCodeProblem(creditCode);
  if (problem) errors.push(creditCodeError('creditCode', problem));
  if (c.subjectName.trim().length < 2) errors.push(fieldError('subjectName', 'required', '应填写主体名称', 'must name the enterprise'));
  else if (c.subjectName.trim().length > 200) errors.push(fieldError('subjectName', 'maxLength', '主体名称不能超过200字', 'at most 200 characters'));
  const kind = KIND_BY_LABEL.get(c.kind.trim()) ?? KIND_BY_LABEL.get(c.kind.trim().toLowerCase());
  if (!kind) errors.push(fieldError('kind', 'enum', '信用信息类别应为：行政处罚、严重失信主体名单、经营异常名录、纳税信用等级、司法判决、表彰及良好记录之一', 'must be one of the six kinds'));
  const sevText = c.severity.trim();
  const severity = sevText === '' ? null : (SEVERITY_BY_LABEL.get(sevText) ?? SEVERITY_BY_LABEL.get(sevText.toLowerCase()));
  if (severity === undefined) errors.push(fieldError('severity', 'enum', '失信程度应为：轻微、一般、严重', 'must be minor, ordinary or serious'));
  else if (kind === 'honour' && severity !== null) errors.push(fieldError('severity', 'none_for_honour', '表彰及良好记录不填失信程度', 'an honour has no severity'));
  else if (kind && kind !== 'honour' && severity === null) errors.push(fieldError('severity', 'required', '失信信息应填写失信程度（轻微、一般、严重）', 'required for adverse records (minor, ordinary, serious)'));
  else if (kind === 'serious_violation_list' && severity !== 'serious') errors.push(fieldError('severity', 'serious_for_list', '列入严重失信主体名单的，失信程度应为“严重”', 'the serious-violation list is serious'));
  const decisionNumber = c.decisionNumber.trim();
  if (decisionNumber === '') errors.push(fieldError('decisionNumber', 'required', '应填写决定文书号', 'must give the decision number'));
  else if (decisionNumber.length > 100) errors.push(fieldError('decisionNumber', 'maxLength', '决定文书号不能超过100字', 'at most 100 characters'));
  const decidedOn = c.decidedOn.trim();
  if (!isCalendarDate(decidedOn)) errors.push(fieldError('decidedOn', 'format:date', '决定日期应为有效日期（YYYY-MM-DD）', 'must be a real date (YYYY-MM-DD)'));
  else if (decidedOn > today) errors.push(fieldError('decidedOn', 'not_future', '决定日期不能晚于今天', 'must not be after today'));
  if (c.legalBasis.trim() === '') errors.push(fieldError('legalBasis', 'required', '应填写法律依据', 'must give the legal basis'));
  else if (c.legalBasis.trim().length > 500) errors.push(fieldError('legalBasis', 'maxLength', '法律依据不能超过500字', 'at most 500 characters'));
  if (c.content.trim() === '') errors.push(fieldError('content', 'required', '应填写事由及内容', 'must state the facts and decision'));
  else if (c.content.trim().length > 2000) errors.push(fieldError('content', 'maxLength', '事由及内容不能超过2000字', 'at most 2000 characters'));
  if (errors.length > 0) return { errors };
  return { value: { creditCode, subjectName: c.subjectName.trim(), kind: kind!, severity: severity ?? null, decisionNumber, decidedOn, legalBasis: c.legalBasis.trim(), content: c.content.trim() }, errors };
}

const sameContent = (row: repo.RecordRow, v: CheckedRecord) =>
  row.credit_code === v.creditCode && row.subject_name === v.subjectName && row.kind === v.kind && row.severity === v.severity && row.decided_on === v.decidedOn && row.legal_basis === v.legalBasis && row.content === v.content;

const duplicateError = () => fieldError('decisionNumber', 'unique_per_department', '本部门已登记该文书号的记录，且内容不同；如需更正请联系平台', 'your department already holds this decision number with different content');

/** Writes a checked record in `trx` ('unchanged' when the department holds it already, identical). */
async function writeRecord(trx: Tx, deps: CreditDeps, principal: Principal, ctx: AuditContext, sourceOrgId: string, v: CheckedRecord, origin: 'entered' | 'imported'): Promise<{ id: string; created: boolean }> {
  const existing = await repo.recordByDecision(trx, sourceOrgId, v.decisionNumber);
  if (existing) {
    if (sameContent(existing, v)) return { id: existing.id, created: false };
    throw invalid([duplicateError()]);
  }
  const subject = await repo.enterpriseByCreditCode(trx, v.creditCode);
  const id = await repo.insertRecord(trx, {
    credit_code: v.creditCode,
    subject_name: v.subjectName,
    subject_id: subject?.id ?? null,
    kind: v.kind,
    severity: v.severity,
    source_org_id: sourceOrgId,
    decision_number: v.decisionNumber,
    decided_on: v.decidedOn,
    legal_basis: v.legalBasis,
    content: v.content,
    origin,
    recorded_by: principal.userId,
    recorded_at: deps.clock.now(),
  });
  await record(trx, deps.clock, ctx, { action: 'credit.record_added', entityType: 'credit_record', entityId: id, data: { origin, kind: v.kind, severity: v.severity, decisionNumber: v.decisionNumber, creditCode: v.creditCode } });
  if (subject) await syncCreditFacts(trx, deps, ctx, subject.id);
  return { id, created: true };
}

function sourceDepartment(principal: Principal, requested: string | undefined): string {
  const departments = departmentsOf(principal, 'credit.record');
  if (departments.length === 0) throw forbidden('只有信用信息来源部门的工作人员可以登记信用记录', 'Only officers of a source department may record credit information');
  if (requested === undefined) {
    if (departments.length > 1) throw invalid([fieldError('sourceOrganisationId', 'required', '您属于多个部门，请选择以哪个部门登记', 'you act for several departments: choose one')]);
    return departments[0]!.id;
  }
  if (!departments.some((d) => d.id === requested)) throw invalid([fieldError('sourceOrganisationId', 'own_department', '只能以本人所在的来源部门登记', 'must be a department you record for')]);
  return requested;
}

export async function enterRecord(deps: CreditDeps, principal: Principal, ctx: AuditContext, body: CreditRecordBody): Promise<CreditRecordView> {
  const source = sourceDepartment(principal, body.sourceOrganisationId);
  const kindLabel = body.kind;
  const checked = checkRecord({ ...body, kind: kindLabel, severity: body.severity ?? '' }, deps.clock.today());
  if (!checked.value) throw invalid(checked.errors);
  const existing = await repo.recordByDecision(deps.db, source, checked.value.decisionNumber);
  if (existing) throw conflict('CREDIT_RECORD_EXISTS', '本部门已登记该文书号的记录', 'Your department already holds a record with this decision number', [fieldError('decisionNumber', 'unique_per_department', '本部门已登记该文书号的记录', 'already recorded by your department')]);
  const { id } = await deps.db.transaction().execute((trx) => writeRecord(trx, deps, principal, ctx, source, checked.value!, 'entered'));
  return (await views(deps, principal, [await recordRow(deps.db, id)]))[0]!;
}

const fileProblem = (rule: string, zh: string, en: string) => new AppError(422, 'CREDIT_IMPORT_FILE', { zh, en }, [fieldError('contentBase64', rule, zh, en)]);

/**
 * Imports a department's file: each row checked and written in its own transaction (a refused row
 * never stops the others, and a row is never half written); the refused rows come back with their
 * reasons by column.
 */
export async function importFile(deps: CreditDeps, principal: Principal, ctx: AuditContext, body: CreditImportBody): Promise<CreditImportResult> {
  const source = sourceDepartment(principal, body.sourceOrganisationId);
  const lower = body.fileName.toLowerCase();
  if (!lower.endsWith('.xlsx') && !lower.endsWith('.csv')) throw invalid([fieldError('fileName', 'xlsx_or_csv', '应为 .xlsx 或 .csv 文件（请使用模板）', 'must be an .xlsx or .csv file (use the template)')]);
  if (!/^[A-Za-z0-9+/]+=*$/.test(body.contentBase64)) throw invalid([fieldError('contentBase64', 'base64', '文件内容应为 base64 编码', 'must be base64')]);
  let rows;
  try {
    rows = await readImportFile(body.fileName, Buffer.from(body.contentBase64, 'base64'));
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    if (e.message.startsWith('columns:')) throw fileProblem('template_columns', `文件缺少以下列：${e.message.slice(8)}（请使用模板）`, `The file lacks columns of the template: ${e.message.slice(8)}`);
    throw fileProblem('readable', '无法读取该文件，请使用模板另存为 .xlsx 或 UTF-8 编码的 .csv', 'The file cannot be read: save the template as .xlsx or UTF-8 .csv');
  }
  if (rows.length === 0) throw fileProblem('rows', '文件中没有记录（第一行为表头，记录从第二行起）', 'The file holds no records (headers in row 1, records from row 2)');
  if (rows.length > 5000) throw fileProblem('at_most_5000', '每个文件最多5000行，请分批导入', 'At most 5,000 rows per file: split it');
  const today = deps.clock.today();
  const result: CreditImportResult = { rows: rows.length, created: 0, unchanged: 0, refused: [] };
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const refuse = (errors: FieldError[]) =>
      result.refused.push({ row, decisionNumber: cells.decisionNumber || null, errors: errors.map((e) => ({ column: `${columnName(e.field as ColumnKey)?.zh ?? e.field}`, message: { zh: e.message.zh, en: e.message.en } })) });
    const checked = checkRecord(cells, today);
    if (!checked.value) {
      refuse(checked.errors);
      continue;
    }
    const earlier = seen.get(checked.value.decisionNumber);
    if (earlier !== undefined) {
      refuse([fieldError('decisionNumber', 'unique_in_file', `与第${earlier}行的文书号重复`, `repeats the decision number of row ${earlier}`)]);
      continue;
    }
    seen.set(checked.value.decisionNumber, row);
    try {
      const r = await deps.db.transaction().execute((trx) => writeRecord(trx, deps, principal, ctx, source, checked.value!, 'imported'));
      if (r.created) result.created++;
      else result.unchanged++;
    } catch (e) {
      if (e instanceof AppError && e.fieldErrors) refuse(e.fieldErrors);
      else throw e;
    }
  }
  await deps.db.transaction().execute((trx) => record(trx, deps.clock, ctx, { action: 'credit.file_imported', entityType: 'organisation', entityId: source, data: { fileName: body.fileName, rows: result.rows, created: result.created, unchanged: result.unchanged, refused: result.refused.length } }));
  return result;
}

// ---------------------------------------------------------------- repair

export async function applyForRepair(deps: CreditDeps, principal: Principal, ctx: AuditContext, recordId: string, body: CreditRepairBody): Promise<CreditRecordView> {
  const row = await recordRow(deps.db, recordId);
  const mine = new Set((await listMine(deps.db, principal)).map((s) => s.id));
  if (row.subject_id === null || !mine.has(row.subject_id)) throw notFound(RECORD);
  const today = deps.clock.today();
  const errors: FieldError[] = [];
  if (body.reason.trim().length < 10) errors.push(fieldError('reason', 'minLength', '请说明已如何纠正失信行为（至少10个字）', 'say how the breach was corrected (at least 10 characters)'));
  const file = await getFile(deps.db, body.evidenceFileId).catch(() => undefined);
  if (!file || file.ownerUserId !== principal.userId) errors.push(fieldError('evidenceFileId', 'own_upload', '应为您本人上传的证明材料', 'must be a file you uploaded'));
  else if (file.contentType !== 'application/pdf') errors.push(fieldError('evidenceFileId', 'pdf', '证明材料应为 PDF 文件', 'must be a PDF'));
  if (errors.length > 0) throw invalid(errors);
  const w = publicationWindow(row.severity, row.decided_on);
  if (!repairOpen(row.severity, row.decided_on, today, row.repaired_on)) {
    const when = w.repairFrom && today < w.repairFrom ? { zh: `最短公示期满后（${w.repairFrom} 起）方可申请信用修复`, en: `repair may be applied for from ${w.repairFrom}, when the shortest window has passed` } : { zh: '该记录未在公示中，无需修复', en: 'the record is not published: there is nothing to repair' };
    throw conflict('CREDIT_REPAIR_NOT_OPEN', when.zh, when.en, [fieldError('recordId', 'repair_open', when.zh, when.en)]);
  }
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.lockRecord(trx, recordId);
      const id = await repo.insertRepair(trx, { record_id: recordId, applied_by: principal.userId, reason: body.reason.trim(), evidence_file_id: body.evidenceFileId, status: 'applied', applied_at: deps.clock.now() });
      await record(trx, deps.clock, ctx, { action: 'credit.repair_applied', entityType: 'credit_repair', entityId: id, data: { recordId, evidenceFileId: body.evidenceFileId } });
    });
  } catch (e) {
    if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505')
      throw conflict('CREDIT_REPAIR_OPEN', '该记录已有待审核或已准予的修复申请', 'This record already has a repair under review or approved', [fieldError('recordId', 'one_live_repair', '每条记录只能有一个待审核或已准予的修复申请', 'one live repair per record')]);
    throw e;
  }
  return (await views(deps, principal, [await recordRow(deps.db, recordId)], mine))[0]!;
}

/**
 * A reviewer of the source department reviews a repair application under review through the
 * review module: scores against REPAIR_RUBRIC, or a declared conflict of interest. The applicant
 * and those acting for the enterprise may not review it.
 */
export async function reviewRepair(deps: CreditDeps, principal: Principal, ctx: AuditContext, repairId: string, body: CreditRepairReviewBody): Promise<CreditRecordView> {
  const repair = await repo.repairById(deps.db, repairId);
  if (!repair) throw notFound({ zh: '该修复申请', en: 'Repair application' });
  const row = await recordRow(deps.db, repair.record_id);
  if (!mayAccess(principal, 'credit.repair', { organisationId: row.source_org_id })) throw forbidden('只有作出该记录的来源部门可以评审信用修复', 'Only the department that decided the record reviews its repair');
  const mine = new Set((await listMine(deps.db, principal)).map((s) => s.id));
  const interested = repair.applied_by === principal.userId || (row.subject_id !== null && mine.has(row.subject_id));
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockRecord(trx, row.id);
    if ((await repo.repairById(trx, repairId))!.status !== 'applied')
      throw conflict('CREDIT_REPAIR_STATE', '该申请已有结论，不再评审', 'The application has been decided: no more reviews', [fieldError('status', 'state', '申请状态已变化', 'the application has moved on')]);
    const { total } = await submitReview(trx, deps.clock, repairCase(repairId), 1, { userId: principal.userId, interested }, REPAIR_RUBRIC, body);
    await record(trx, deps.clock, ctx, { action: 'credit.repair_reviewed', entityType: 'credit_repair', entityId: repairId, data: { recordId: row.id, conflict: body.conflict, total } });
  });
  return (await views(deps, principal, [await recordRow(deps.db, row.id)], mine))[0]!;
}

export async function decideRepair(deps: CreditDeps, principal: Principal, ctx: AuditContext, repairId: string, body: CreditRepairDecisionBody): Promise<CreditRecordView> {
  const repair = await repo.repairById(deps.db, repairId);
  if (!repair) throw notFound({ zh: '该修复申请', en: 'Repair application' });
  const row = await recordRow(deps.db, repair.record_id);
  if (!mayAccess(principal, 'credit.repair', { organisationId: row.source_org_id })) throw forbidden('只有作出该记录的来源部门可以审核信用修复', 'Only the department that decided the record reviews its repair');
  if (body.decision === 'refuse' && body.reason.trim().length < 2) throw invalid([fieldError('reason', 'required_on_refusal', '不予修复时应说明理由', 'a refusal must give its reason')]);
  if (repair.applied_by === principal.userId) throw forbidden('不能审核本人提交的申请', 'You may not decide your own application');
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockRecord(trx, row.id);
    // Decided only once reviewed through the review module (at least one review without a conflict of interest).
    if ((await repo.repairById(trx, repairId))!.status === 'applied' && (await scoredCount(trx, repairCase(repairId), 1)) < REPAIR_RUBRIC.minAssessors)
      throw conflict('REVIEW_INCOMPLETE', '须先完成评审（至少一份无利益冲突的评分）', 'Complete the review first (at least one score without a conflict of interest)', [fieldError('decision', 'review_complete', '评审尚未完成', 'the review is not complete')]);
    const n = await repo.decideRepair(trx, repairId, { status: body.decision === 'approve' ? 'approved' : 'refused', decided_by: principal.userId, decided_at: deps.clock.now(), decision_reason: body.reason.trim() });
    if (n === 0) throw conflict('CREDIT_REPAIR_STATE', '该申请已被他人处理，请刷新', 'Someone has already decided this application: refresh', [fieldError('status', 'state', '申请状态已变化', 'the application has moved on')]);
    if (body.decision === 'approve') {
      await repo.setRepairedOn(trx, row.id, deps.clock.today());
      if (row.subject_id) await syncCreditFacts(trx, deps, ctx, row.subject_id);
    }
    await record(trx, deps.clock, ctx, { action: body.decision === 'approve' ? 'credit.repair_approved' : 'credit.repair_refused', entityType: 'credit_repair', entityId: repairId, data: { recordId: row.id, reason: body.reason.trim() } });
  });
  return (await views(deps, principal, [await recordRow(deps.db, row.id)]))[0]!;
}

/** The evidence of a repair: its applicant and the source department's officers may read it. */
export async function repairEvidence(deps: CreditDeps, principal: Principal, repairId: string): Promise<string> {
  const repair = await repo.repairById(deps.db, repairId);
  if (!repair) throw notFound({ zh: '该修复申请', en: 'Repair application' });
  const row = await recordRow(deps.db, repair.record_id);
  const officer = mayAccess(principal, 'credit.repair', { organisationId: row.source_org_id }) || mayAccess(principal, 'credit.record', { organisationId: row.source_org_id });
  if (repair.applied_by !== principal.userId && !officer) throw notFound({ zh: '该修复申请', en: 'Repair application' });
  return repair.evidence_file_id;
}

// ---------------------------------------------------------------- the public inquiry

export const INQUIRY_PAGE_SIZE = 10;

/**
 * The public inquiry (信用查询): by an 18-character credit code (checked) or a part of the name (at
 * least two characters), the subjects found and, of their records, only what may be published
 * today: within the publication window, not repaired, not minor (honours are published without
 * end). Nothing internal: no ids, repairs, who recorded it or how. A lookup by a signed-in member
 * of a government organisation is written to the audit log and to the enterprises' "who looked"
 * list (credit_inquiries), as the first government organisation the officer acts for.
 */
export async function inquiry(deps: CreditDeps, principal: Principal | undefined, ctx: AuditContext, query: CreditInquiryQuery): Promise<CreditInquiryResult> {
  const q = query.q.trim();
  const page = query.page ?? 1;
  const looksLikeCode = /^[0-9A-Z]{18}$/i.test(q);
  if (q.length < 2) throw invalid([fieldError('q', 'minLength', '请输入主体名称（至少2个字）或18位统一社会信用代码', 'give at least two characters of the name, or the 18-character credit code')]);
  if (looksLikeCode) {
    const problem = creditCodeProblem(q.toUpperCase());
    if (problem) throw invalid([creditCodeError('q', problem)]);
  }
  const found = await repo.inquirySubjects(deps.db, { ...(looksLikeCode ? { code: q.toUpperCase() } : { name: q }), limit: INQUIRY_PAGE_SIZE + 1, offset: (page - 1) * INQUIRY_PAGE_SIZE });
  const shown = found.slice(0, INQUIRY_PAGE_SIZE);
  const rows = await repo.recordsByCodes(deps.db, shown.map((s) => s.credit_code));
  const today = deps.clock.today();
  const publishable = rows.filter((r) => r.severity !== 'minor' && publicationStatus(r.severity, r.decided_on, today, r.repaired_on) === 'published');
  const officerOf = principal?.memberships.find((m) => m.organisationKind === 'government');
  if (principal) {
    await deps.db.transaction().execute(async (trx) => {
      await record(trx, deps.clock, ctx, { action: 'credit.inquiry', entityType: 'credit_inquiry', data: { q, page, creditCodes: shown.map((s) => s.credit_code), organisationId: officerOf?.organisationId ?? null } });
      if (officerOf) await repo.insertInquiries(trx, shown.map((s) => ({ credit_code: s.credit_code, organisation_id: officerOf.organisationId, user_id: principal.userId, at: deps.clock.now() })));
    });
  }
  return {
    subjects: shown.map((s) => ({
      creditCode: s.credit_code,
      name: s.name,
      records: publishable
        .filter((r) => r.credit_code === s.credit_code)
        .map((r) => ({ kind: r.kind, severity: r.severity, sourceName: r.source_name, decisionNumber: r.decision_number, decidedOn: r.decided_on, legalBasis: r.legal_basis, content: r.content, publishedUntil: publicationWindow(r.severity, r.decided_on).until })),
    })),
    page,
    pageSize: INQUIRY_PAGE_SIZE,
    hasMore: found.length > INQUIRY_PAGE_SIZE,
  };
}
