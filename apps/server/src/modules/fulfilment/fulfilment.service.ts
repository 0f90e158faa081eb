import { evaluateItem, type Catalog, type CompiledItem, type Verdict } from '@seedbed/rules';
import type {
  ApplicationAssessment,
  ApplicationForm,
  ApplicationFormQuestion,
  ApplicationObjection,
  ApplicationStage,
  ApplicationTimelineEntry,
  ApplicationView as ApplicationViewBody,
  FieldError,
  PublicityEntry as PublicityEntryBody,
} from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { BenefitHistorySource } from '../../platform/benefit-history.js';
import { addDays, type Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Db, Tx } from '../../platform/database.js';
import type { EventBus } from '../../platform/events.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { workingCalendar } from '../calendar/index.js';
import { record, systemActor, type AuditContext } from '../audit/index.js';
import { getFiles, type StoredFile } from '../files/index.js';
import { notify, type NotifyDeps } from '../notifications/index.js';
import { regionCovers, regionPrefix } from '../policies/index.js';
import { factsForRules, listMine } from '../subjects/index.js';
import './fulfilment.events.js';
import * as repo from './fulfilment.repository.js';
import type { ApplicationRow } from './fulfilment.repository.js';
import { databasePolicySource, needsProduct, onceKeyOf, subjectYearCap, variablesOf, type PolicyItemView, type PolicySource, type Text } from './policy-source.js';
import {
  dueDate,
  firstStage,
  nextStage,
  outliers,
  stageOf,
  STATUS_LABELS,
  TERMINAL,
  workflowFor,
  type StageDefinition,
  type StageKey,
  type Status,
  type WorkflowDefinition,
} from './workflow.js';

export interface FulfilmentDeps {
  db: Db;
  clock: Clock;
  config: Config;
  dataKey: Buffer;
  events: EventBus;
  benefitHistory: BenefitHistorySource;
  modules: NotifyDeps['modules'];
  /** Where items and rules come from: the policies module unless a test passes another. */
  policies?: PolicySource;
}

/** The unit whose mapping names the finance department of a region. */
export const FINANCE_UNIT = '市财政局';

const policiesOf = (deps: FulfilmentDeps): PolicySource => deps.policies ?? databasePolicySource;

// ---------------------------------------------------------------- items

export interface LoadedItem {
  item: PolicyItemView;
  compiled: CompiledItem;
  catalog: Catalog;
  workflow: WorkflowDefinition;
}

export async function loadItem(deps: FulfilmentDeps, db: Db | Tx, itemId: string): Promise<LoadedItem> {
  const source = policiesOf(deps);
  const item = await source.getPolicyItem(db, itemId).catch(() => null);
  const catalog = await source.currentRules(db);
  const compiled = catalog.items.get(itemId);
  if (!item || !compiled) throw notFound({ zh: '该政策事项', en: 'Policy item' });
  const stored = (await repo.storedWorkflow(db, itemId)) as Partial<WorkflowDefinition> | null;
  return { item, compiled, catalog, workflow: workflowFor(item.mode, stored) };
}

/**
 * The item of an application, read before a transaction opens: the policies module reads (and
 * caches) through the root connection, which must not be used inside a transaction on PGlite.
 */
export async function preloadApplication(deps: FulfilmentDeps, id: string): Promise<LoadedItem> {
  const row = await repo.findApplication(deps.db, id);
  if (!row) throw notFound({ zh: '该申请', en: 'Application' });
  return loadItem(deps, deps.db, row.item_id);
}

async function departmentOf(db: Db | Tx, item: PolicyItemView) {
  if (!item.leadUnit || !item.regionCode) return undefined;
  return repo.findDepartment(db, item.leadUnit, item.regionCode);
}

const noDepartment = (item: PolicyItemView) =>
  new AppError(422, 'NO_DEPARTMENT', {
    zh: `该事项的牵头单位（${item.leadUnit ?? '未载明'}）尚未在本平台配置受理部门，暂不能在线申请`,
    en: `The item's lead unit (${item.leadUnit ?? 'not stated'}) has no department on this platform yet: it cannot be applied for online`,
  });

// ---------------------------------------------------------------- subjects and answers

async function ownSubject(db: Db, principal: Principal, subjectId: string) {
  const mine = await listMine(db, principal);
  const subject = mine.find((s) => s.id === subjectId);
  if (!subject) throw forbidden('只能为本人或本企业的档案申请', 'You can apply only for your own profile or your enterprise');
  return subject;
}

/** A question of the application form (contract: ApplicationFormQuestion). */
export type FormQuestion = ApplicationFormQuestion;

const COMPUTED = new Set(['size_class']);

function questionsOf(catalog: Catalog, compiled: CompiledItem, facts: Record<string, unknown>): FormQuestion[] {
  return variablesOf(compiled).map((name) => {
    const spec = catalog.variables.get(name);
    const value = facts[name] ?? null;
    return {
      variable: name,
      type: spec?.type ?? 'string',
      unit: spec?.unit ?? null,
      label: spec?.label ?? { zh: name, en: name },
      question: spec?.question ?? spec?.label ?? { zh: name, en: name },
      values: spec?.values ? spec.values.map((v) => ({ value: v.value, label: v.label })) : null,
      fromProfile: value !== null || COMPUTED.has(name),
      value,
    };
  });
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function checkAnswer(field: string, type: string, values: FormQuestion['values'], v: unknown): FieldError | null {
  const bad = (zh: string, en: string, rule: string) => fieldError(field, rule, zh, en);
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean' ? null : bad('应为“是”或“否”', 'must be true or false', 'type:boolean');
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e9 ? null : bad('应为非负整数', 'must be a non-negative whole number', 'type:integer');
    case 'money':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e15 ? null : bad('金额应为以分计的非负整数', 'must be a non-negative whole number of fen', 'type:money');
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : bad('应为数字', 'must be a number', 'type:number');
    case 'date':
      return typeof v === 'string' && DATE_RE.test(v) && !Number.isNaN(Date.parse(v)) ? null : bad('应为有效日期（YYYY-MM-DD）', 'must be a date written YYYY-MM-DD', 'format:date');
    case 'region':
      return typeof v === 'string' && /^\d{6}$/.test(v) ? null : bad('应为6位行政区划代码', 'must be a 6-digit region code', 'format:region');
    case 'enum':
      return typeof v === 'string' && (values ?? []).some((x) => x.value === v) ? null : bad(`应为以下之一：${(values ?? []).map((x) => x.value).join('、')}`, `must be one of: ${(values ?? []).map((x) => x.value).join(', ')}`, 'enum');
    case 'string_list':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : bad('应为文本列表', 'must be a list of texts', 'type:string_list');
    default:
      return typeof v === 'string' && v.trim().length > 0 && v.length <= 500 ? null : bad('应为1至500个字符的文本', 'must be text of 1 to 500 characters', 'type:string');
  }
}

/** Only the item's own, non-profile variables may be answered; each is checked against its type. */
function validateAnswers(questions: FormQuestion[], answers: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const byName = new Map(questions.map((q) => [q.variable, q]));
  for (const [name, value] of Object.entries(answers)) {
    const q = byName.get(name);
    if (!q) {
      errors.push(fieldError(`answers.${name}`, 'unknown_field', '不是本事项需要填写的内容', 'is not asked by this item'));
      continue;
    }
    if (q.fromProfile) {
      errors.push(fieldError(`answers.${name}`, 'from_profile', '该项来自档案，请在档案中修改', 'comes from the profile: change it there'));
      continue;
    }
    if (value === null) continue;
    const e = checkAnswer(`answers.${name}`, q.type, q.values, value);
    if (e) errors.push(e);
  }
  return errors;
}

interface Evaluation {
  verdict: Verdict;
  questions: FormQuestion[];
  facts: Record<string, unknown>;
}

async function evaluateFor(deps: FulfilmentDeps, db: Db | Tx, loaded: LoadedItem, subjectId: string, answers: Record<string, unknown>, productKey: string | null): Promise<Evaluation> {
  const profile = await factsForRules(deps, db, subjectId);
  const questions = questionsOf(loaded.catalog, loaded.compiled, profile);
  const errors = validateAnswers(questions, answers);
  if (errors.length) throw invalid(errors);
  // The profile holds more than the rules know (names, identifiers): the engine gets only its variables.
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(profile)) if (loaded.catalog.variables.has(k)) facts[k] = v;
  for (const [k, v] of Object.entries(answers)) if (v !== null) facts[k] = v;
  const history = await deps.benefitHistory(db, subjectId);
  const verdict = evaluateItem(loaded.catalog, loaded.compiled.id, { date: deps.clock.today(), facts, history, ...(productKey ? { product: productKey } : {}) });
  return { verdict, questions, facts };
}

/** Refuses anything but an eligible verdict, with each failing criterion's reason or each missing answer. */
function requireEligible(verdict: Verdict): void {
  if (verdict.status === 'eligible') return;
  if (verdict.status === 'unknown') {
    throw new AppError(
      422,
      'ELIGIBILITY_UNKNOWN',
      { zh: '还缺少判断资格所需的信息，请补充后再提交', en: 'Information needed to decide eligibility is missing: complete it and submit again' },
      verdict.missing.map((m) => fieldError(`answers.${m}`, 'required', '判断资格需要此项', 'is needed to decide eligibility')),
    );
  }
  const failing = verdict.criteria.filter((c) => c.status === 'fail');
  const reasons = failing.map((c) => c.sentence);
  throw new AppError(
    422,
    'NOT_ELIGIBLE',
    { zh: `不符合申请条件：${reasons.map((r) => r.zh).join('；')}`, en: `Not eligible: ${reasons.map((r) => r.en).join('; ')}` },
    failing.map((c) => fieldError(`criteria.${c.id}`, 'fail', c.sentence.zh, c.sentence.en)),
  );
}

// ---------------------------------------------------------------- the application form

/** The application form (contract: ApplicationForm), with the item whole and the engine's verdict. */
export type ApplicationFormView = Omit<ApplicationForm, 'item' | 'verdict'> & { item: PolicyItemView; verdict: Verdict };

export type StageView = ApplicationStage;

const stageViews = (def: WorkflowDefinition): StageView[] => def.stages.map((s) => ({ key: s.key, label: STATUS_LABELS[s.key], role: s.role, deadline: s.deadline }));

export async function applicationForm(deps: FulfilmentDeps, principal: Principal, itemId: string, subjectId: string): Promise<ApplicationFormView> {
  const subject = await ownSubject(deps.db, principal, subjectId);
  const loaded = await loadItem(deps, deps.db, itemId);
  const { verdict, questions } = await evaluateFor(deps, deps.db, loaded, subjectId, {}, null);
  const dept = await departmentOf(deps.db, loaded.item);
  const open = (await repo.listForSubjects(deps.db, [subjectId])).find((a) => a.item_id === itemId && !TERMINAL.includes(a.status));
  return {
    item: loaded.item,
    department: dept ? { id: dept.organisation_id, name: dept.name } : null,
    subject: { id: subject.id, name: subject.name, kind: subject.kind },
    questions,
    materials: loaded.item.requiresMaterials,
    productRequired: needsProduct(loaded.compiled),
    verdict,
    stages: stageViews(loaded.workflow),
    openApplicationId: open?.id ?? null,
  };
}

export interface ApplyInput {
  itemId: string;
  subjectId: string;
  answers: Record<string, unknown>;
  productKey?: string | undefined;
  materials: Record<string, string>;
}

/** The verdict for the answers so far, shown before submitting. Changes nothing. */
export async function previewVerdict(deps: FulfilmentDeps, principal: Principal, input: Omit<ApplyInput, 'materials'>): Promise<Verdict> {
  await ownSubject(deps.db, principal, input.subjectId);
  const loaded = await loadItem(deps, deps.db, input.itemId);
  return (await evaluateFor(deps, deps.db, loaded, input.subjectId, input.answers, input.productKey ?? null)).verdict;
}

async function checkMaterials(db: Db | Tx, principal: Principal, item: PolicyItemView, materials: Record<string, string>, existing: Record<string, string> = {}): Promise<void> {
  const errors: FieldError[] = [];
  const wanted = new Map(item.requiresMaterials.map((m) => [m.id, m]));
  for (const id of Object.keys(materials)) {
    if (!wanted.has(id)) errors.push(fieldError(`materials.${id}`, 'unknown_field', '不是本事项要求的材料', 'is not a material this item requires'));
  }
  const files = new Map((await getFiles(db, Object.values(materials))).map((f) => [f.id, f]));
  for (const [id, m] of wanted) {
    const fileId = materials[id];
    if (!fileId) {
      if (!existing[id]) errors.push(fieldError(`materials.${id}`, 'required', `请上传“${m.label.zh}”`, `upload "${m.label.en}"`));
      continue;
    }
    const file = files.get(fileId);
    if (!file || file.ownerUserId !== principal.userId) {
      errors.push(fieldError(`materials.${id}`, 'exists:file', '文件不存在或不是您上传的', 'the file does not exist or was not uploaded by you'));
    }
  }
  if (errors.length) throw invalid(errors);
}

async function stageEntry(trx: Tx, def: WorkflowDefinition, key: StageKey, today: string) {
  return { status: key as Status, stage_due_on: dueDate(today, stageOf(def, key)?.deadline ?? null, await workingCalendar(trx, today)) };
}

export async function submitApplication(deps: FulfilmentDeps, principal: Principal, ctx: AuditContext, input: ApplyInput): Promise<ApplicationView> {
  const subject = await ownSubject(deps.db, principal, input.subjectId);
  const loaded = await loadItem(deps, deps.db, input.itemId);
  const { item, compiled, workflow } = loaded;
  if (item.mode !== 'apply') {
    throw conflict('NO_APPLICATION_NEEDED', '该事项免申即享，无需申请：符合条件的主体将自动进入兑现流程', 'This item needs no application (免申即享): qualifying subjects enter fulfilment automatically');
  }
  if (item.entity !== subject.kind) {
    throw new AppError(422, 'ENTITY_MISMATCH', { zh: `该事项面向${item.entity === 'person' ? '个人' : '企业'}，不能以此档案申请`, en: `This item is for ${item.entity === 'person' ? 'persons' : 'enterprises'}: it cannot be applied for with this profile` });
  }
  const productKey = input.productKey?.trim() || null;
  if (needsProduct(compiled) && !productKey) throw invalid([fieldError('productKey', 'required', '本事项按产品奖励，请填写产品名称或编号', 'this item rewards per product: name the product')]);
  const dept = await departmentOf(deps.db, item);
  if (!dept) throw noDepartment(item);
  const { verdict } = await evaluateFor(deps, deps.db, loaded, input.subjectId, input.answers, productKey);
  requireEligible(verdict);
  await checkMaterials(deps.db, principal, item, input.materials);
  const today = deps.clock.today();
  const now = deps.clock.now();
  const first = firstStage(workflow);
  const id = await deps.db.transaction().execute(async (trx) => {
    const newId = await repo.insertApplication(trx, {
      reference: await repo.nextReference(trx, today.slice(0, 4)),
      origin: 'application',
      item_id: item.id,
      item_version: item.version,
      item_title: item.title,
      subject_id: subject.id,
      subject_name: subject.name,
      applicant_user_id: principal.userId,
      department_id: dept.organisation_id,
      region_code: item.regionCode!,
      ...(await stageEntry(trx, workflow, first, today)),
      stage_entered_at: now,
      answers: input.answers,
      product_key: productKey,
      verdict,
      evaluated_on: today,
      amount_fen: verdict.amount?.fen ?? null,
      approved_fen: null,
      approved_on: null,
      publicity_from: null,
      publicity_until: null,
      created_at: now,
      updated_at: now,
    });
    if (!newId) {
      throw conflict('APPLICATION_OPEN', '已有一份尚未办结的同一事项申请，请在原申请上继续', 'An application for this item is already open: continue with that one');
    }
    await repo.putMaterials(trx, newId, input.materials, now);
    await record(trx, deps.clock, ctx, {
      action: 'application.submitted',
      entityType: 'application',
      entityId: newId,
      data: { itemId: item.id, subjectId: subject.id, to: first, department: dept.name, departmentId: dept.organisation_id, amountFen: verdict.amount?.fen ?? null },
    });
    await deps.events.emit(trx, 'application.stage_changed', { applicationId: newId, subjectId: subject.id, from: 'new', to: first, reason: null });
    return newId;
  });
  return getApplication(deps, principal, id);
}

// ---------------------------------------------------------------- reading

// The shapes the contract documents (packages/contract/src/fulfilment.ts); the server keeps its
// closed vocabulary of statuses.
export type TimelineEntry = ApplicationTimelineEntry;
export type AssessmentSummary = ApplicationAssessment;
export type ObjectionView = ApplicationObjection;
export type ApplicationView = Omit<ApplicationViewBody, 'status'> & { status: Status };

const isOverdue = (a: Pick<ApplicationRow, 'status' | 'stage_due_on'>, today: string): boolean =>
  !!a.stage_due_on && a.stage_due_on < today && !TERMINAL.includes(a.status) && a.status !== 'returned';

function isApplicant(principal: Principal, a: ApplicationRow, mine: readonly string[]): boolean {
  return a.applicant_user_id === principal.userId || mine.includes(a.subject_id);
}

const memberWith = (principal: Principal, organisationId: string, role: string): boolean =>
  principal.memberships.some((m) => m.organisationId === organisationId && m.roles.includes(role));

const inDepartment = (principal: Principal, organisationId: string): boolean => principal.memberships.some((m) => m.organisationId === organisationId);

async function isFinanceFor(db: Db | Tx, principal: Principal, regionCode: string): Promise<boolean> {
  const orgs = principal.memberships.filter((m) => m.roles.includes('finance')).map((m) => m.organisationId);
  return (await repo.regionsActedFor(db, orgs, FINANCE_UNIT)).includes(regionCode);
}

/** The regions a principal supervises: those of their programme offices (each covers its districts). */
const supervisedRegions = (principal: Principal): string[] => membershipsGranting(principal, 'fulfilment.supervise').map((m) => m.regionCode);

/**
 * Whose applications an official lists: their departments', those awaiting payment in the regions
 * where they are the finance bureau, and (with `supervise`) everything inside the regions their
 * programme office covers. Never the whole platform: an official of another city sees nothing.
 */
async function officialScope(db: Db | Tx, principal: Principal, include: { finance: boolean; supervise: boolean }): Promise<repo.ListScope> {
  const financeOrgs = principal.memberships.filter((m) => m.roles.includes('finance')).map((m) => m.organisationId);
  return {
    departmentIds: principal.memberships.filter((m) => m.organisationKind === 'government').map((m) => m.organisationId),
    regionCodes: include.finance && principal.permissions.has('fulfilment.pay') ? await repo.regionsActedFor(db, financeOrgs, FINANCE_UNIT) : [],
    regionPrefixes: include.supervise ? supervisedRegions(principal).map(regionPrefix) : [],
  };
}

/**
 * Officers of the lead department, finance of the region, the programme office covering the
 * application's region, the applicant. Platform administration reads no application.
 */
async function canRead(db: Db | Tx, principal: Principal, a: ApplicationRow): Promise<'applicant' | 'official' | null> {
  if (supervisedRegions(principal).some((r) => regionCovers(r, a.region_code))) return 'official';
  if (inDepartment(principal, a.department_id) && (principal.permissions.has('fulfilment.review') || principal.permissions.has('fulfilment.assess'))) return 'official';
  if (principal.permissions.has('fulfilment.pay') && (await isFinanceFor(db, principal, a.region_code))) return 'official';
  const mine = (await listMine(db, principal)).map((s) => s.id);
  if (isApplicant(principal, a, mine)) return 'applicant';
  return null;
}

function allowedActions(principal: Principal, a: ApplicationRow, def: WorkflowDefinition, role: 'applicant' | 'official', assessedByMe: boolean, financeHere: boolean, duties: Duties): string[] {
  const out: string[] = [];
  if (role === 'applicant' && a.origin === 'application') {
    if (['acceptance', 'first_review', 'expert_review', 'returned'].includes(a.status)) out.push('withdraw');
    if (a.status === 'returned') out.push('resubmit');
    return out;
  }
  const stage = stageOf(def, a.status);
  const acts = stage?.role ? memberWith(principal, a.department_id, stage.role) : false;
  switch (a.status) {
    case 'acceptance':
      if (acts) out.push(...(dutyInConflict(duties, principal.userId, 'acceptor') ? [] : ['accept']), 'return', 'reject');
      break;
    case 'first_review':
      if (acts) out.push('pass', 'return', 'reject');
      break;
    case 'expert_review':
      if (!assessedByMe && memberWith(principal, a.department_id, 'reviewer') && !dutyInConflict(duties, principal.userId, 'assessor')) out.push('assess');
      if (acts) out.push('pass', 'return', 'reject');
      break;
    case 'approval':
      if (acts && !dutyInConflict(duties, principal.userId, 'approver')) out.push('approve', ...(a.origin === 'application' ? ['return'] : []), 'reject');
      break;
    case 'publicity':
      if (memberWith(principal, a.department_id, 'officer')) out.push('conclude', 'resolve_objection');
      break;
    case 'payment':
      if (financeHere) out.push('pay');
      break;
  }
  return out;
}

function assessmentSummary(principal: Principal, def: WorkflowDefinition, round: number, rows: repo.AssessmentRow[]): AssessmentSummary | null {
  if (!def.assessment) return null;
  const scoredRows = rows.filter((r) => !r.conflict);
  const flags = outliers(scoredRows.map((r) => r.total ?? 0), def.assessment.outlierPoints);
  return {
    round,
    minAssessors: def.assessment.minAssessors,
    criteria: def.assessment.criteria,
    entries: rows.map((r) => ({
      assessorName: r.assessor_name,
      conflict: r.conflict,
      conflictNote: r.conflict_note,
      scores: r.scores,
      total: r.total,
      comment: r.comment,
      outlier: r.conflict ? false : flags[scoredRows.indexOf(r)] ?? false,
      mine: r.assessor_user_id === principal.userId,
    })),
    scored: scoredRows.length,
    complete: scoredRows.length >= def.assessment.minAssessors,
  };
}

function timelineOf(rows: { at: Date; action: string; data: Record<string, unknown> }[]): TimelineEntry[] {
  return rows.map((r) => {
    const d = r.data;
    const from = typeof d.from === 'string' ? d.from : null;
    const to = typeof d.to === 'string' ? d.to : null;
    const stageKey = (from ?? to) as Status | null;
    return {
      at: r.at.toISOString(),
      action: r.action,
      from,
      to,
      stageLabel: stageKey && STATUS_LABELS[stageKey] ? STATUS_LABELS[stageKey] : null,
      department: typeof d.department === 'string' ? d.department : null,
      reason: typeof d.reason === 'string' ? d.reason : null,
    };
  });
}

export function summaryOf(a: ApplicationRow, today: string) {
  return {
    id: a.id,
    reference: a.reference,
    origin: a.origin,
    itemId: a.item_id,
    itemTitle: a.item_title,
    subjectId: a.subject_id,
    subjectName: a.subject_name,
    department: { id: a.department_id, name: a.department_name },
    status: a.status,
    statusLabel: STATUS_LABELS[a.status],
    stageDueOn: a.stage_due_on,
    overdue: isOverdue(a, today),
    amountFen: a.amount_fen,
    approvedFen: a.approved_fen,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
  };
}
export type ApplicationSummary = ReturnType<typeof summaryOf>;

export async function getApplication(deps: FulfilmentDeps, principal: Principal, id: string): Promise<ApplicationView> {
  const a = await repo.findApplication(deps.db, id);
  if (!a) throw notFound({ zh: '该申请', en: 'Application' });
  const role = await canRead(deps.db, principal, a);
  if (!role) throw notFound({ zh: '该申请', en: 'Application' });
  const loaded = await loadItem(deps, deps.db, a.item_id).catch(() => null);
  const def = loaded?.workflow ?? workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null);
  const materialRows = await repo.materialsOf(deps.db, id);
  const files = new Map((await getFiles(deps.db, materialRows.map((m) => m.file_id))).map((f) => [f.id, f]));
  const labels = new Map((loaded?.item.requiresMaterials ?? []).map((m) => [m.id, m.label]));
  const assessments = role === 'official' ? await repo.assessmentsOf(deps.db, id, a.review_round) : [];
  const financeHere = principal.permissions.has('fulfilment.pay') && (await isFinanceFor(deps.db, principal, a.region_code));
  const objections = role === 'official' ? await repo.objectionsOf(deps.db, id) : null;
  const today = deps.clock.today();
  return {
    ...summaryOf(a, today),
    itemVersion: a.item_version,
    reviewRound: a.review_round,
    answers: a.answers,
    answerLabels: Object.fromEntries(Object.keys(a.answers).map((k) => [k, loaded?.catalog.variables.get(k)?.label ?? { zh: k, en: k }])),
    productKey: a.product_key,
    verdict: a.verdict,
    evaluatedOn: a.evaluated_on,
    approvedOn: a.approved_on,
    publicity: a.publicity_from && a.publicity_until ? { from: a.publicity_from, until: a.publicity_until } : null,
    stages: stageViews(def),
    materials: materialRows.map((m) => {
      const f = files.get(m.file_id);
      return { materialId: m.material_id, label: labels.get(m.material_id) ?? { zh: m.material_id, en: m.material_id }, file: f ? { id: f.id, name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256, uploadedAt: f.uploadedAt } : null };
    }),
    timeline: timelineOf(await repo.auditEntriesOf(deps.db, id)),
    assessment: role === 'official' ? assessmentSummary(principal, def, a.review_round, assessments) : null,
    objections: objections?.map(objectionView) ?? null,
    allowedActions: allowedActions(principal, a, def, role, assessments.some((s) => s.assessor_user_id === principal.userId), financeHere, role === 'official' ? await dutiesOf(deps.db, id) : NO_DUTIES),
  };
}

const objectionView = (o: repo.ObjectionRow): ObjectionView => ({
  id: o.id,
  filedAt: o.filed_at.toISOString(),
  filerName: o.filer_name,
  filerContact: o.filer_contact,
  text: o.text,
  status: o.status,
  resolution: o.resolution,
  resolvedAt: o.resolved_at?.toISOString() ?? null,
});

/** A material file of an application, for those who may read the application. */
export async function materialFile(deps: FulfilmentDeps, principal: Principal, id: string, materialId: string): Promise<StoredFile> {
  const a = await repo.findApplication(deps.db, id);
  if (!a || !(await canRead(deps.db, principal, a))) throw notFound({ zh: '该申请', en: 'Application' });
  const m = (await repo.materialsOf(deps.db, id)).find((x) => x.material_id === materialId);
  if (!m) throw notFound({ zh: '该材料', en: 'Material' });
  const [file] = await getFiles(deps.db, [m.file_id]);
  if (!file) throw notFound({ zh: '该材料', en: 'Material' });
  return file;
}

export async function myApplications(deps: FulfilmentDeps, principal: Principal): Promise<ApplicationSummary[]> {
  const mine = (await listMine(deps.db, principal)).map((s) => s.id);
  const today = deps.clock.today();
  return (await repo.listForSubjects(deps.db, mine)).map((a) => summaryOf(a, today));
}

/** The stages at which an application waits for an official (and can become overdue). */
const ACTIVE_STAGES: Status[] = ['acceptance', 'first_review', 'expert_review', 'approval', 'payment'];

/** An application's workflow: its item's, or the default of its origin when the item cannot be loaded. */
async function workflowOfApplication(deps: FulfilmentDeps, a: ApplicationRow): Promise<WorkflowDefinition> {
  const loaded = await loadItem(deps, deps.db, a.item_id).catch(() => null);
  return loaded?.workflow ?? workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null);
}

/** What the officer can act on now: their departments' applications at a stage their role acts at. */
export async function inbox(deps: FulfilmentDeps, principal: Principal): Promise<(ApplicationSummary & { actions: string[] })[]> {
  const today = deps.clock.today();
  const deptIds = principal.memberships.filter((m) => m.organisationKind === 'government').map((m) => m.organisationId);
  const rows = await repo.listApplications(deps.db, { departmentIds: deptIds, statuses: ['acceptance', 'first_review', 'expert_review', 'approval', 'publicity'] });
  const financeOrgs = principal.memberships.filter((m) => m.roles.includes('finance')).map((m) => m.organisationId);
  const regions = await repo.regionsActedFor(deps.db, financeOrgs, FINANCE_UNIT);
  const payable = regions.length ? await repo.listApplications(deps.db, { regionCodes: regions, statuses: ['payment'] }) : [];
  const out: (ApplicationSummary & { actions: string[] })[] = [];
  for (const a of [...rows, ...payable]) {
    const def = await workflowOfApplication(deps, a);
    const assessed = a.status === 'expert_review' ? (await repo.assessmentsOf(deps.db, a.id, a.review_round)).some((s) => s.assessor_user_id === principal.userId) : false;
    const duties = ['acceptance', 'expert_review', 'approval'].includes(a.status) ? await dutiesOf(deps.db, a.id) : NO_DUTIES;
    const actions = allowedActions(principal, a, def, 'official', assessed, a.status === 'payment', duties);
    if (actions.length) out.push({ ...summaryOf(a, today), actions });
  }
  return out;
}

/** Overdue work: for the programme office everything in the region it covers; for an officer their departments'. */
export async function overdueWork(deps: FulfilmentDeps, principal: Principal): Promise<ApplicationSummary[]> {
  const today = deps.clock.today();
  const rows = await repo.listApplications(deps.db, {
    scope: await officialScope(deps.db, principal, { finance: false, supervise: true }),
    statuses: ACTIVE_STAGES,
    overdueOn: today,
  });
  return rows.map((a) => summaryOf(a, today));
}

/** Awards approved without money, as benefit history (amount 0): once-per counts grants, not fen. */
export const grantsWithoutAmountHistory: BenefitHistorySource = async (db, subjectId) =>
  (await repo.liveGrantsWithoutAmountOf(db, subjectId)).map((g) => ({ item: g.item_id, date: g.granted_on, amount: 0, ...(g.product_key ? { product: g.product_key } : {}) }));

/**
 * Daily job 'fulfilment.overdue_reminders': every application whose stage is past its due date
 * is brought to the officials who act at that stage (the lead department's members with the
 * stage's role; at payment, the finance department's) and to the programme office covering its
 * region — once per application, stage and due date (the notification's dedupe key), as each
 * person chose to be told.
 */
export async function remindOverdue(deps: FulfilmentDeps, date: string): Promise<{ overdue: number; notified: number }> {
  const rows = await repo.listApplications(deps.db, { statuses: ACTIVE_STAGES, overdueOn: date, limit: 10_000 });
  const office = await repo.programmeOffice(deps.db);
  let notified = 0;
  for (const a of rows) {
    const def = await workflowOfApplication(deps, a);
    const role = stageOf(def, a.status)?.role ?? null;
    let actors: string[] = [];
    if (a.status === 'payment') {
      const finance = await repo.departmentFor(deps.db, FINANCE_UNIT, a.region_code);
      actors = finance ? await repo.membersWithRole(deps.db, [finance], 'finance') : [];
    } else if (role) actors = await repo.membersWithRole(deps.db, [a.department_id], role);
    const supervisors = office.filter((o) => regionCovers(o.region_code, a.region_code)).map((o) => o.user_id);
    const stage = STATUS_LABELS[a.status];
    const title = a.item_title as Text;
    await deps.db.transaction().execute(async (trx) => {
      for (const userId of new Set([...actors, ...supervisors])) {
        notified += await notify(trx, deps, {
          userId,
          kind: 'fulfilment.overdue',
          title: { zh: `超期待办：${a.reference}`, en: `Overdue: ${a.reference}` },
          body: {
            zh: `${a.subject_name}申请的“${title.zh}”在“${stage.zh}”环节应于${a.stage_due_on}前办结（${a.department_name}），现已超期。`,
            en: `${a.subject_name}'s application for "${title.en}" was due at "${stage.en}" by ${a.stage_due_on} (${a.department_name}) and is overdue.`,
          },
          link: `/fulfilment/applications/${a.id}`,
          dedupeKey: `overdue:${a.id}:${a.status}:${a.stage_due_on}`,
        });
      }
    });
  }
  return { overdue: rows.length, notified };
}

// ---------------------------------------------------------------- separation of duties

/**
 * The duties a person can hold on one application. An assessor scored it or declared a conflict of
 * interest at its expert review; an acceptor accepted it (受理); an approver decided at its approval
 * stage (批复: approved, returned or rejected it). Each counts across all review rounds.
 */
type Duty = 'assessor' | 'acceptor' | 'approver';
type Duties = Readonly<Record<Duty, ReadonlySet<string>>>;

/**
 * The rule: one person holds at most one of {assessor, approver} and at most one of {acceptor,
 * approver} on an application. Experts score and never decide the approval of what they scored;
 * whoever decided at approval never assesses the application (in a later round) nor accepts it
 * again; the acceptor never approves what they accepted. First review and approval belong to
 * the same role in the workflow and are not separated. Each exclusion, both ways, with the
 * problem that names it:
 */
const EXCLUSIONS: readonly { taking: Duty; held: Duty; code: string; zh: string; en: string }[] = [
  {
    taking: 'approver',
    held: 'assessor',
    code: 'ASSESSOR_CANNOT_APPROVE',
    zh: '您已在本申请的专家评审中评分或声明利益冲突，不能再对其作出批复决定（评审与批复须由不同人员承担）',
    en: "You scored or declared a conflict of interest in this application's expert review: you may not decide its approval (assessing and approving are held by different people)",
  },
  {
    taking: 'assessor',
    held: 'approver',
    code: 'APPROVER_CANNOT_ASSESS',
    zh: '您已在本申请的批复环节作出过决定，不能再担任其评审专家（评审与批复须由不同人员承担）',
    en: 'You decided on this application at approval: you may not assess it (assessing and approving are held by different people)',
  },
  {
    taking: 'approver',
    held: 'acceptor',
    code: 'ACCEPTOR_CANNOT_APPROVE',
    zh: '您受理了本申请，不能再对其作出批复决定（受理与批复须由不同人员承担）',
    en: 'You accepted this application: you may not decide its approval (accepting and approving are held by different people)',
  },
  {
    taking: 'acceptor',
    held: 'approver',
    code: 'APPROVER_CANNOT_ACCEPT',
    zh: '您已在本申请的批复环节作出过决定，不能再受理它（受理与批复须由不同人员承担）',
    en: 'You decided on this application at approval: you may not accept it (accepting and approving are held by different people)',
  },
];

const NO_DUTIES: Duties = { assessor: new Set(), acceptor: new Set(), approver: new Set() };

async function dutiesOf(db: Db | Tx, applicationId: string): Promise<Duties> {
  const actors = await repo.stageActorsOf(db, applicationId);
  return {
    assessor: new Set(await repo.assessorIdsOf(db, applicationId)),
    acceptor: new Set(actors.filter((x) => x.action === 'application.accepted').map((x) => x.userId)),
    approver: new Set(actors.filter((x) => x.from === 'approval').map((x) => x.userId)),
  };
}

/** The exclusion that forbids the user taking `duty`, if they hold a duty it excludes. */
const dutyInConflict = (duties: Duties, userId: string, duty: Duty) => EXCLUSIONS.find((e) => e.taking === duty && duties[e.held].has(userId)) ?? null;

/** Refuses (403, naming the rule) a user taking `duty` on an application while holding a duty it excludes. Call under the application's row lock. */
async function requireDuty(trx: Tx, principal: Principal, applicationId: string, duty: Duty): Promise<void> {
  const refusal = dutyInConflict(await dutiesOf(trx, applicationId), principal.userId, duty);
  if (refusal) throw new AppError(403, refusal.code, { zh: refusal.zh, en: refusal.en });
}

// ---------------------------------------------------------------- stage actions

export interface ActionInput {
  action: 'accept' | 'pass' | 'return' | 'reject';
  reason?: string | undefined;
}

const actionNotAllowed = (status: Status, action: string) =>
  conflict('ACTION_NOT_ALLOWED', `当前环节（${STATUS_LABELS[status].zh}）不能执行此操作：${action}`, `This action (${action}) is not possible at the current stage (${STATUS_LABELS[status].en})`);

const needReason = () => invalid([fieldError('reason', 'required', '退回或不予支持必须说明理由，申请人将看到该理由', 'a return or rejection needs a reason, which the applicant sees')]);

async function lockForAction(trx: Tx, id: string): Promise<ApplicationRow> {
  const a = await repo.lockApplication(trx, id);
  if (!a) throw notFound({ zh: '该申请', en: 'Application' });
  return a;
}

function requireActor(principal: Principal, a: ApplicationRow, stage: StageDefinition | undefined): void {
  if (!stage?.role || !memberWith(principal, a.department_id, stage.role)) {
    throw forbidden(
      `只有${a.department_name}的${roleLabel(stage?.role ?? null).zh}可以办理此环节`,
      `Only a ${roleLabel(stage?.role ?? null).en} of ${a.department_name} may act at this stage`,
    );
  }
}

const roleLabel = (role: string | null): Text =>
  ({ officer: { zh: '经办人员', en: 'officer' }, reviewer: { zh: '审核人员', en: 'reviewer' }, finance: { zh: '财务人员', en: 'finance officer' } })[role ?? ''] ?? { zh: '工作人员', en: 'official' };

async function transition(trx: Tx, deps: FulfilmentDeps, ctx: AuditContext, a: ApplicationRow, def: WorkflowDefinition, to: Status, action: string, extra: { reason?: string | null; data?: Record<string, unknown>; patch?: repo.ApplicationPatch } = {}): Promise<void> {
  const today = deps.clock.today();
  const now = deps.clock.now();
  const due = stageOf(def, to) ? dueDate(today, stageOf(def, to)!.deadline, await workingCalendar(trx, today)) : null;
  await repo.updateApplication(trx, a.id, { status: to, stage_entered_at: now, stage_due_on: due, ...extra.patch }, now);
  await record(trx, deps.clock, ctx, {
    action: `application.${action}`,
    entityType: 'application',
    entityId: a.id,
    data: { from: a.status, to, department: a.department_name, departmentId: a.department_id, reason: extra.reason ?? null, dueOn: due, ...extra.data },
  });
  await deps.events.emit(trx, 'application.stage_changed', { applicationId: a.id, subjectId: a.subject_id, from: a.status, to, reason: extra.reason ?? null });
}

/** Accept (受理), pass a review, return to the applicant or reject: the officer's stage actions. */
export async function actOn(deps: FulfilmentDeps, principal: Principal, ctx: AuditContext, id: string, input: ActionInput): Promise<ApplicationView> {
  const reason = input.reason?.trim() || null;
  if ((input.action === 'return' || input.action === 'reject') && !reason) throw needReason();
  const loaded = await preloadApplication(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    const def = loaded.workflow;
    const stage = stageOf(def, a.status);
    const allowed: Record<ActionInput['action'], Status[]> = {
      accept: ['acceptance'],
      pass: ['first_review', 'expert_review'],
      return: ['acceptance', 'first_review', 'expert_review', 'approval'],
      reject: ['acceptance', 'first_review', 'expert_review', 'approval'],
    };
    if (!allowed[input.action].includes(a.status)) throw actionNotAllowed(a.status, input.action);
    if (input.action === 'return' && a.origin === 'automatic') throw actionNotAllowed(a.status, input.action);
    requireActor(principal, a, stage);
    if (input.action === 'accept') await requireDuty(trx, principal, id, 'acceptor');
    if (a.status === 'approval') await requireDuty(trx, principal, id, 'approver');
    if (input.action === 'pass' && a.status === 'expert_review' && def.assessment) {
      const scored = (await repo.assessmentsOf(trx, id, a.review_round)).filter((s) => !s.conflict).length;
      if (scored < def.assessment.minAssessors) {
        throw conflict('ASSESSMENT_INCOMPLETE', `专家评分不足：需要至少 ${def.assessment.minAssessors} 位无利益冲突的评审专家评分，目前 ${scored} 位`, `Not enough scores: at least ${def.assessment.minAssessors} assessors without a conflict of interest must score (now ${scored})`);
      }
    }
    const to: Status = input.action === 'return' ? 'returned' : input.action === 'reject' ? 'rejected' : nextStage(def, a.status as StageKey, true);
    const verb = { accept: 'accepted', pass: 'passed', return: 'returned', reject: 'rejected' }[input.action];
    await transition(trx, deps, ctx, a, def, to, verb, { reason });
  });
  return getApplication(deps, principal, id);
}

export async function withdraw(deps: FulfilmentDeps, principal: Principal, ctx: AuditContext, id: string, reason: string | null): Promise<ApplicationView> {
  const loaded = await preloadApplication(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    const mine = (await listMine(trx, principal)).map((s) => s.id);
    if (!isApplicant(principal, a, mine)) throw notFound({ zh: '该申请', en: 'Application' });
    if (a.origin !== 'application' || !['acceptance', 'first_review', 'expert_review', 'returned'].includes(a.status)) throw actionNotAllowed(a.status, 'withdraw');
    await transition(trx, deps, ctx, a, loaded.workflow, 'withdrawn', 'withdrawn', { reason });
  });
  return getApplication(deps, principal, id);
}

export interface ResubmitInput {
  answers: Record<string, unknown>;
  productKey?: string | undefined;
  materials: Record<string, string>;
}

/** Amends a returned application and resubmits it: it starts again at the first stage. */
export async function resubmit(deps: FulfilmentDeps, principal: Principal, ctx: AuditContext, id: string, input: ResubmitInput): Promise<ApplicationView> {
  const current = await repo.findApplication(deps.db, id);
  const mine = (await listMine(deps.db, principal)).map((s) => s.id);
  if (!current || !isApplicant(principal, current, mine)) throw notFound({ zh: '该申请', en: 'Application' });
  if (current.status !== 'returned') throw actionNotAllowed(current.status, 'resubmit');
  const loaded = await loadItem(deps, deps.db, current.item_id);
  const productKey = input.productKey?.trim() || current.product_key;
  const { verdict } = await evaluateFor(deps, deps.db, loaded, current.subject_id, input.answers, productKey);
  requireEligible(verdict);
  const existing = Object.fromEntries((await repo.materialsOf(deps.db, id)).map((m) => [m.material_id, m.file_id]));
  await checkMaterials(deps.db, principal, loaded.item, input.materials, existing);
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    if (a.status !== 'returned') throw actionNotAllowed(a.status, 'resubmit');
    await repo.putMaterials(trx, id, input.materials, deps.clock.now());
    const first = firstStage(loaded.workflow);
    await transition(trx, deps, ctx, a, loaded.workflow, first, 'resubmitted', {
      data: { amended: Object.keys(input.materials), answers: Object.keys(input.answers) },
      patch: { answers: input.answers, product_key: productKey, verdict, evaluated_on: deps.clock.today(), amount_fen: verdict.amount?.fen ?? null, review_round: a.review_round + 1 },
    });
  });
  return getApplication(deps, principal, id);
}

// ---------------------------------------------------------------- expert review

export interface AssessmentInput {
  conflict: boolean;
  conflictNote?: string | undefined;
  scores?: Record<string, number> | undefined;
  comment?: string | undefined;
}

export async function assess(deps: FulfilmentDeps, principal: Principal, ctx: AuditContext, id: string, input: AssessmentInput): Promise<ApplicationView> {
  const def = (await preloadApplication(deps, id)).workflow;
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    if (a.status !== 'expert_review') throw actionNotAllowed(a.status, 'assess');
    if (!def.assessment) throw actionNotAllowed(a.status, 'assess');
    if (!memberWith(principal, a.department_id, 'reviewer')) throw forbidden(`只有${a.department_name}的评审人员可以评分`, `Only assessors (reviewers) of ${a.department_name} may score`);
    await requireDuty(trx, principal, id, 'assessor');
    const errors: FieldError[] = [];
    let total: number | null = null;
    const scores: Record<string, number> = {};
    if (input.conflict) {
      if (!input.conflictNote?.trim()) errors.push(fieldError('conflictNote', 'required', '声明利益冲突须说明情况', 'describe the conflict of interest'));
    } else {
      total = 0;
      for (const c of def.assessment.criteria) {
        const v = input.scores?.[c.id];
        if (v === undefined) errors.push(fieldError(`scores.${c.id}`, 'required', `请为“${c.label.zh}”评分`, `score "${c.label.en}"`));
        else if (!Number.isInteger(v) || v < 0 || v > c.max) errors.push(fieldError(`scores.${c.id}`, 'maximum', `应为0至${c.max}的整数`, `must be a whole number from 0 to ${c.max}`));
        else {
          scores[c.id] = v;
          total += v;
        }
      }
      for (const k of Object.keys(input.scores ?? {})) {
        if (!def.assessment.criteria.some((c) => c.id === k)) errors.push(fieldError(`scores.${k}`, 'unknown_field', '不是评分标准', 'is not a criterion'));
      }
    }
    if (errors.length) throw invalid(errors);
    const inserted = await repo.putAssessment(trx, {
      application_id: id,
      round: a.review_round,
      assessor_user_id: principal.userId,
      conflict: input.conflict,
      conflict_note: input.conflict ? input.conflictNote!.trim() : null,
      scores,
      total,
      comment: input.comment?.trim() || null,
      submitted_at: deps.clock.now(),
    });
    if (!inserted) throw conflict('ALREADY_ASSESSED', '您已提交过本轮评审意见', 'You have already assessed this round');
    await record(trx, deps.clock, ctx, { action: 'application.assessed', entityType: 'application', entityId: id, data: { round: a.review_round, conflict: input.conflict, total, department: a.department_name } });
  });
  return getApplication(deps, principal, id);
}

// ---------------------------------------------------------------- approval (driven by workflows/approve-award.ts)

export interface PreparedApproval {
  application: ApplicationRow;
  workflow: WorkflowDefinition;
  approvedFen: number;
  /** The item's once-per key for this award (subject or product), or null when it grants repeatedly. */
  onceKey: string | null;
  /** What the budget must commit; null when nothing is to be paid. */
  grant: { itemId: string; subjectId: string; grantedOn: string; productKey: string | null; onceKey: string | null; amountFen: number; subjectYearCapFen: number | null } | null;
}

export async function prepareApproval(trx: Tx, deps: FulfilmentDeps, principal: Principal, id: string, amountFen: number | undefined, loaded: LoadedItem): Promise<PreparedApproval> {
  const a = await lockForAction(trx, id);
  if (a.status !== 'approval') throw actionNotAllowed(a.status, 'approve');
  requireActor(principal, a, stageOf(loaded.workflow, 'approval'));
  await requireDuty(trx, principal, id, 'approver');
  const entitled = a.amount_fen ?? 0;
  const approvedFen = amountFen ?? entitled;
  if (!Number.isInteger(approvedFen) || approvedFen < 0 || approvedFen > entitled) {
    throw invalid([fieldError('amountFen', 'maximum', `批复金额应为0至${entitled}分之间的整数（不超过按政策计算的金额）`, `must be a whole number of fen from 0 to ${entitled} (at most the amount the rules compute)`)]);
  }
  const today = deps.clock.today();
  const onceKey = onceKeyOf(loaded.compiled, a.product_key);
  return {
    application: a,
    workflow: loaded.workflow,
    approvedFen,
    onceKey,
    grant:
      approvedFen > 0
        ? {
            itemId: a.item_id,
            subjectId: a.subject_id,
            grantedOn: today,
            productKey: a.product_key,
            onceKey,
            amountFen: approvedFen,
            subjectYearCapFen: subjectYearCap(loaded.catalog, loaded.compiled, today),
          }
        : null,
  };
}

export async function completeApproval(trx: Tx, deps: FulfilmentDeps, ctx: AuditContext, p: PreparedApproval, note: string | null): Promise<void> {
  const today = deps.clock.today();
  // An award without money has no budget grant: it is recorded here, counts in the benefit
  // history, and the database refuses a second live one under the same once-key.
  if (p.approvedFen === 0) {
    const a = p.application;
    const recorded = await repo.insertGrantWithoutAmount(trx, { application_id: a.id, item_id: a.item_id, subject_id: a.subject_id, product_key: a.product_key, once_key: p.onceKey, granted_on: today });
    if (!recorded) throw conflict('ALREADY_GRANTED', '该主体（或该产品）已获得过此项奖补，只能奖励一次', 'The subject (or this product) has already received this benefit, which is granted only once');
  }
  const until = addDays(today, p.workflow.publicityDays);
  await transition(trx, deps, ctx, p.application, p.workflow, 'publicity', 'approved', {
    reason: note,
    data: { approvedFen: p.approvedFen, publicityFrom: today, publicityUntil: until },
    patch: { approved_fen: p.approvedFen, approved_on: today, publicity_from: today, publicity_until: until, stage_due_on: until },
  });
  await deps.events.emit(trx, 'award.approved', { applicationId: p.application.id, itemId: p.application.item_id, subjectId: p.application.subject_id, approvedFen: p.approvedFen });
}

// ---------------------------------------------------------------- publicity and objections

export async function concludePublicity(deps: FulfilmentDeps, principal: Principal, ctx: AuditContext, id: string): Promise<ApplicationView> {
  const def = (await preloadApplication(deps, id)).workflow;
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    if (a.status !== 'publicity') throw actionNotAllowed(a.status, 'conclude');
    if (!memberWith(principal, a.department_id, 'officer')) throw forbidden(`只有${a.department_name}的经办人员可以结束公示`, `Only an officer of ${a.department_name} may conclude publicity`);
    const today = deps.clock.today();
    if (a.publicity_until && today < a.publicity_until) {
      throw conflict('PUBLICITY_RUNNING', `公示期至 ${a.publicity_until} 结束，期满后方可进入下一环节`, `Publicity runs until ${a.publicity_until}; the award moves on only after it ends`);
    }
    const open = (await repo.openObjectionCounts(trx, [id])).get(id) ?? 0;
    if (open > 0) throw conflict('OBJECTION_OPEN', `尚有 ${open} 件异议未处理，处理完毕后方可拨付`, `${open} objection(s) are still open: resolve them before payment`);
    const to = nextStage(def, 'publicity', (a.approved_fen ?? 0) > 0);
    await transition(trx, deps, ctx, a, def, to, 'publicity_concluded');
  });
  return getApplication(deps, principal, id);
}

export type PublicityEntry = PublicityEntryBody;

/** The public publicity list: awards in publicity now (no personal contact data). */
export async function publicityList(deps: FulfilmentDeps): Promise<PublicityEntry[]> {
  const rows = await repo.listApplications(deps.db, { statuses: ['publicity'] });
  return rows.map((a) => ({
    id: a.id,
    reference: a.reference,
    itemTitle: a.item_title,
    subjectName: a.subject_name,
    department: a.department_name,
    approvedFen: a.approved_fen,
    publicityFrom: a.publicity_from!,
    publicityUntil: a.publicity_until!,
    origin: a.origin,
  }));
}

export async function fileObjection(deps: FulfilmentDeps, ctx: AuditContext, id: string, input: { name: string; contact: string; text: string }): Promise<{ id: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id).catch(() => null);
    if (!a || a.status !== 'publicity') {
      throw conflict('NOT_IN_PUBLICITY', '该项目不在公示期内，不能提出异议', 'This award is not in publicity: objections cannot be filed');
    }
    const objectionId = await repo.insertObjection(trx, { application_id: id, filed_at: deps.clock.now(), filer_name: input.name.trim(), filer_contact: input.contact.trim(), text: input.text.trim() });
    // The filer's contact stays out of the audit data that feeds the applicant's timeline.
    await record(trx, deps.clock, ctx, { action: 'application.objection_filed', entityType: 'application', entityId: id, data: { objectionId, department: a.department_name } });
    return { id: objectionId };
  });
}

export interface PreparedResolution {
  application: ApplicationRow;
  workflow: WorkflowDefinition;
  objectionId: string;
  outcome: 'upheld' | 'dismissed';
  resolution: string;
}

export async function prepareObjectionResolution(trx: Tx, deps: FulfilmentDeps, principal: Principal, objectionId: string, outcome: 'upheld' | 'dismissed', resolution: string): Promise<PreparedResolution> {
  if (!resolution.trim()) throw invalid([fieldError('resolution', 'required', '处理异议须说明理由', 'a resolution needs its reasons')]);
  const o = await repo.lockObjection(trx, objectionId);
  if (!o) throw notFound({ zh: '该异议', en: 'Objection' });
  const a = await lockForAction(trx, o.application_id);
  if (!memberWith(principal, a.department_id, 'officer') && !memberWith(principal, a.department_id, 'reviewer')) {
    throw forbidden(`只有${a.department_name}的工作人员可以处理异议`, `Only officials of ${a.department_name} may resolve objections`);
  }
  if (o.status !== 'open') throw conflict('OBJECTION_RESOLVED', '该异议已处理', 'This objection has already been resolved');
  if (a.status !== 'publicity') throw actionNotAllowed(a.status, 'resolve_objection');
  // An upheld objection ends the award (a terminal status has no stage, no deadline).
  return { application: a, workflow: workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null), objectionId, outcome, resolution: resolution.trim() };
}

export async function completeObjectionResolution(trx: Tx, deps: FulfilmentDeps, principal: Principal, ctx: AuditContext, p: PreparedResolution): Promise<void> {
  await repo.resolveObjection(trx, p.objectionId, p.outcome, p.resolution, principal.userId, deps.clock.now());
  await record(trx, deps.clock, ctx, {
    action: 'application.objection_resolved',
    entityType: 'application',
    entityId: p.application.id,
    data: { objectionId: p.objectionId, outcome: p.outcome, reason: p.resolution, department: p.application.department_name },
  });
  if (p.outcome === 'upheld') {
    await transition(trx, deps, ctx, p.application, p.workflow, 'rejected', 'revoked', { reason: p.resolution });
    await repo.releaseGrantWithoutAmount(trx, p.application.id);
  }
}

// ---------------------------------------------------------------- payment (driven by workflows/pay-award.ts)

/** Locks an award for payment: concurrent payment requests for one award queue here. */
export const lockAward = lockForAction;

export function assertPayable(a: ApplicationRow): void {
  if (a.status === 'closed') throw conflict('ALREADY_PAID', '该奖补已拨付办结，不能重复拨付', 'The award has already been paid and closed; it is never paid twice');
  if (a.status !== 'payment') throw actionNotAllowed(a.status, 'pay');
}

/** Payment steps on the application's timeline, under the finance department that acts. */
export async function recordPaymentStep(trx: Tx, deps: FulfilmentDeps, ctx: AuditContext, a: ApplicationRow, step: 'requested' | 'paid', amountFen: number, needsSecond: boolean, financeDepartment: string | null): Promise<void> {
  const department = financeDepartment ?? a.department_name;
  if (step === 'requested') {
    await record(trx, deps.clock, ctx, { action: 'application.payment_requested', entityType: 'application', entityId: a.id, data: { from: 'payment', amountFen, needsSecondApproval: needsSecond, department } });
    return;
  }
  await transition(trx, deps, ctx, a, workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null), 'closed', 'paid', { data: { amountFen, department } });
  await deps.events.emit(trx, 'award.paid', { applicationId: a.id, itemId: a.item_id, subjectId: a.subject_id, amountFen });
}

// ---------------------------------------------------------------- awards list (exports)

/** The awards an official may list: their departments', where they pay, and inside the regions they supervise. */
export async function awardRows(deps: FulfilmentDeps, principal: Principal) {
  const rows = await repo.listApplications(deps.db, {
    scope: await officialScope(deps.db, principal, { finance: true, supervise: true }),
    statuses: ['publicity', 'payment', 'closed'],
    limit: 10000,
  });
  return rows.filter((a) => a.approved_on !== null);
}

export async function applicationRowFor(deps: FulfilmentDeps, principal: Principal, id: string): Promise<ApplicationView> {
  return getApplication(deps, principal, id);
}

// ---------------------------------------------------------------- pending awards (免申即享)

/** A pending award from the finder: no application; it enters at approval. Idempotent per open award. */
export async function createPendingAward(trx: Tx, deps: FulfilmentDeps, payload: { itemId: string; itemVersion: number; subjectId: string; amountFen: number | null; evaluatedOn: string; verdict: unknown }): Promise<string | null> {
  const loaded = await loadItem(deps, trx, payload.itemId).catch(() => null);
  if (!loaded || loaded.item.mode !== 'automatic') return null;
  const dept = await departmentOf(trx, loaded.item);
  const ctx = systemActor('fulfilment');
  if (!dept) {
    await record(trx, deps.clock, ctx, { action: 'award.pending_unrouted', entityType: 'subject', entityId: payload.subjectId, data: { itemId: payload.itemId, leadUnit: loaded.item.leadUnit } });
    return null;
  }
  const facts = await factsForRules(deps, trx, payload.subjectId).catch(() => ({}) as Record<string, unknown>);
  const name = String(facts.enterprise_name ?? facts.person_name ?? payload.subjectId);
  const today = deps.clock.today();
  const now = deps.clock.now();
  const id = await repo.insertApplication(trx, {
    reference: await repo.nextReference(trx, today.slice(0, 4)),
    origin: 'automatic',
    item_id: payload.itemId,
    item_version: payload.itemVersion,
    item_title: loaded.item.title,
    subject_id: payload.subjectId,
    subject_name: name,
    applicant_user_id: null,
    department_id: dept.organisation_id,
    region_code: loaded.item.regionCode!,
    ...(await stageEntry(trx, loaded.workflow, 'approval', today)),
    stage_entered_at: now,
    answers: {},
    product_key: null,
    verdict: payload.verdict,
    evaluated_on: payload.evaluatedOn,
    amount_fen: payload.amountFen,
    approved_fen: null,
    approved_on: null,
    publicity_from: null,
    publicity_until: null,
    created_at: now,
    updated_at: now,
  });
  if (!id) return null;
  await record(trx, deps.clock, ctx, {
    action: 'application.pending_award',
    entityType: 'application',
    entityId: id,
    data: { itemId: payload.itemId, subjectId: payload.subjectId, to: 'approval', department: dept.name, amountFen: payload.amountFen },
  });
  return id;
}

// ---------------------------------------------------------------- configuration (demo seed, administration)

export const setDepartment = repo.upsertDepartment;
export const setWorkflow = repo.upsertWorkflow;
export const organisationByName = repo.organisationByName;
