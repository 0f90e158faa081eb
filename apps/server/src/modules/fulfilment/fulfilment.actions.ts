/**
 * The stage actions: submit, accept/pass/return/reject, withdraw, resubmit, assess, the fulfilment
 * side of approval and payment (driven by src/workflows/), publicity and objections, pending awards
 * (免申即享). Each runs in one transaction with the application locked and leaves an audit entry.
 */
import { withFactBases } from '../../platform/fact-basis.js';
import { mayAccess, requireAccess, rolesGranting, type Principal } from '../../platform/access.js';
import { notify } from '../notifications/index.js';
import { addDays } from '../../platform/clock.js';
import type { Tx } from '../../platform/database.js';
import type { DomainEvents } from '../../platform/events.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { workingCalendar } from '../calendar/index.js';
import { record, systemActor, type AuditContext } from '../audit/index.js';
import { scoredCount, submitReview, type ReviewInput } from '../review/index.js';
import { accountHolders, factsForRules, listMine, subjectName } from '../subjects/index.js';
import './fulfilment.events.js';
import * as repo from './fulfilment.repository.js';
import type { ApplicationRow } from './fulfilment.repository.js';
import { needsProduct, onceKeyOf, subjectYearCap } from './policy-source.js';
import {
  actionsFrom,
  dueDate,
  firstStage,
  nextStage,
  stageOf,
  STATUS_LABELS,
  TERMINAL,
  workflowFor,
  type StageKey,
  type Status,
  type WorkflowDefinition,
} from './workflow.js';
import { requireActor, requireDuty, reviewCase, isApplicant, publicityRunning } from './fulfilment.access.js';
import {
  type ApplyInput,
  ownSubject,
  evaluateFor,
  requireEligible,
  checkMaterials,
} from './fulfilment.answers.js';
import {
  type FulfilmentDeps,
  loadItem,
  departmentOf,
  noDepartment,
  preloadApplication,
  OUTCOME_EVIDENCE,
  type LoadedItem,
} from './fulfilment.items.js';
import { getApplication, type ApplicationView } from './fulfilment.views.js';
import { checkPayee, maskAccount, putPayee } from './fulfilment.payee.js';
import type { PayeeAccountBody } from '@seedbed/contract';

export async function stageEntry(trx: Tx, def: WorkflowDefinition, key: StageKey, today: string) {
  return {
    status: key as Status,
    stage_due_on: dueDate(today, stageOf(def, key)?.deadline ?? null, await workingCalendar(trx, today)),
  };
}

/** Who an item is for, as the refusal of another kind of profile names it. */
const APPLICANT_LABEL: Readonly<Record<string, { zh: string; en: string }>> = {
  enterprise: { zh: '企业', en: 'enterprises' },
  person: { zh: '个人', en: 'persons' },
  carrier: { zh: '双创载体', en: 'carriers' },
  provider: { zh: '服务机构', en: 'service providers' },
  institution: { zh: '院所和金融机构', en: 'institutions' },
};

export async function submitApplication(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  input: ApplyInput,
): Promise<ApplicationView> {
  const subject = await ownSubject(deps.db, principal, input.subjectId);
  const loaded = await loadItem(deps, deps.db, input.itemId);
  const { item, compiled, workflow } = loaded;
  if (item.mode !== 'apply') {
    throw conflict(
      'NO_APPLICATION_NEEDED',
      '该事项免申即享，无需申请：符合条件的主体将自动进入兑现流程',
      'This item needs no application (免申即享): qualifying subjects enter fulfilment automatically',
    );
  }
  if (item.entity !== subject.kind) {
    throw new AppError(422, 'ENTITY_MISMATCH', {
      zh: `该事项面向${APPLICANT_LABEL[item.entity]?.zh ?? item.entity}，不能以此档案申请`,
      en: `This item is for ${APPLICANT_LABEL[item.entity]?.en ?? item.entity}: it cannot be applied for with this profile`,
    });
  }
  const productKey = input.productKey?.trim() || null;
  if (needsProduct(compiled) && !productKey)
    throw invalid([
      fieldError(
        'productKey',
        'required',
        '本事项按产品奖励，请填写产品名称或编号',
        'this item rewards per product: name the product',
      ),
    ]);
  const dept = await departmentOf(deps.db, item);
  if (!dept) throw noDepartment(item);
  const { verdict } = await evaluateFor(deps, deps.db, loaded, input.subjectId, input.answers, productKey);
  requireEligible(verdict, await withFactBases(deps.modules.factBases ?? [], deps.db, input.subjectId, deps.clock.today(), verdict.criteria));
  await checkMaterials(deps.db, principal, item, input.materials);
  const payee = input.payeeAccount ? checkPayee(input.payeeAccount, subject.name, await accountHolders(deps.db, subject.id)) : null;
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
      throw conflict(
        'APPLICATION_OPEN',
        '已有一份尚未办结的同一事项申请，请在原申请上继续',
        'An application for this item is already open: continue with that one',
      );
    }
    await repo.putMaterials(trx, newId, input.materials, now);
    if (payee) await putPayee(trx, deps.dataKey, newId, payee, now);
    await record(trx, deps.clock, ctx, {
      action: 'application.submitted',
      entityType: 'application',
      entityId: newId,
      data: {
        itemId: item.id,
        subjectId: subject.id,
        to: first,
        department: dept.name,
        departmentId: dept.organisation_id,
        amountFen: verdict.amount?.fen ?? null,
        payeeAccount: payee ? maskAccount(payee.digits) : null,
      },
    });
    await deps.events.emit(trx, 'application.stage_changed', {
      applicationId: newId,
      subjectId: subject.id,
      from: 'new',
      to: first,
      reason: null,
    });
    return newId;
  });
  return getApplication(deps, principal, id);
}

// ---------------------------------------------------------------- stage actions

export interface ActionInput {
  action: 'accept' | 'pass' | 'return' | 'reject';
  reason?: string | undefined;
}

export const actionNotAllowed = (status: Status, action: string) =>
  conflict(
    'ACTION_NOT_ALLOWED',
    `当前环节（${STATUS_LABELS[status].zh}）不能执行此操作：${action}`,
    `This action (${action}) is not possible at the current stage (${STATUS_LABELS[status].en})`,
  );

export const needReason = () =>
  invalid([
    fieldError(
      'reason',
      'required',
      '退回或不予支持必须说明理由，申请人将看到该理由',
      'a return or rejection needs a reason, which the applicant sees',
    ),
  ]);

export async function lockForAction(trx: Tx, id: string): Promise<ApplicationRow> {
  const a = await repo.lockApplication(trx, id);
  if (!a) throw notFound({ zh: '该申请', en: 'Application' });
  return a;
}

export async function transition(
  trx: Tx,
  deps: FulfilmentDeps,
  ctx: AuditContext,
  a: ApplicationRow,
  def: WorkflowDefinition,
  to: Status,
  action: string,
  extra: { reason?: string | null; data?: Record<string, unknown>; patch?: repo.ApplicationPatch } = {},
): Promise<void> {
  const today = deps.clock.today();
  const now = deps.clock.now();
  const due = stageOf(def, to)
    ? dueDate(today, stageOf(def, to)!.deadline, await workingCalendar(trx, today))
    : null;
  await repo.updateApplication(
    trx,
    a.id,
    { status: to, stage_entered_at: now, stage_due_on: due, ...extra.patch },
    now,
  );
  await record(trx, deps.clock, ctx, {
    action: `application.${action}`,
    entityType: 'application',
    entityId: a.id,
    data: {
      from: a.status,
      to,
      department: a.department_name,
      departmentId: a.department_id,
      reason: extra.reason ?? null,
      dueOn: due,
      ...extra.data,
    },
  });
  await deps.events.emit(trx, 'application.stage_changed', {
    applicationId: a.id,
    subjectId: a.subject_id,
    from: a.status,
    to,
    reason: extra.reason ?? null,
  });
}

/** Accept (受理), pass a review, return to the applicant or reject: the officer's stage actions. */
export async function actOn(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  input: ActionInput,
): Promise<ApplicationView> {
  const reason = input.reason?.trim() || null;
  if ((input.action === 'return' || input.action === 'reject') && !reason) throw needReason();
  const loaded = await preloadApplication(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    const def = loaded.workflow;
    const stage = stageOf(def, a.status);
    if (!actionsFrom(a.status).includes(input.action)) throw actionNotAllowed(a.status, input.action);
    if (input.action === 'return' && a.origin === 'automatic') throw actionNotAllowed(a.status, input.action);
    requireActor(principal, a, stage);
    if (input.action === 'accept') await requireDuty(trx, principal, id, 'acceptor');
    if (a.status === 'approval') await requireDuty(trx, principal, id, 'approver');
    if (input.action === 'pass' && a.status === 'expert_review' && def.assessment) {
      const scored = await scoredCount(trx, reviewCase(id), a.review_round);
      if (scored < def.assessment.minAssessors) {
        throw conflict(
          'ASSESSMENT_INCOMPLETE',
          `专家评分不足：需要至少 ${def.assessment.minAssessors} 位无利益冲突的评审专家评分，目前 ${scored} 位`,
          `Not enough scores: at least ${def.assessment.minAssessors} assessors without a conflict of interest must score (now ${scored})`,
        );
      }
    }
    const to: Status =
      input.action === 'return'
        ? 'returned'
        : input.action === 'reject'
          ? 'rejected'
          : nextStage(def, a.status as StageKey, true);
    const verb = { accept: 'accepted', pass: 'passed', return: 'returned', reject: 'rejected' }[input.action];
    await transition(trx, deps, ctx, a, def, to, verb, { reason });
  });
  return getApplication(deps, principal, id);
}

export async function withdraw(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  reason: string | null,
): Promise<ApplicationView> {
  const loaded = await preloadApplication(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    const mine = (await listMine(trx, principal)).map((s) => s.id);
    if (!isApplicant(principal, a, mine)) throw notFound({ zh: '该申请', en: 'Application' });
    if (a.origin !== 'application' || !actionsFrom(a.status).includes('withdraw'))
      throw actionNotAllowed(a.status, 'withdraw');
    await transition(trx, deps, ctx, a, loaded.workflow, 'withdrawn', 'withdrawn', { reason });
  });
  return getApplication(deps, principal, id);
}

export interface ResubmitInput {
  answers: Record<string, unknown>;
  productKey?: string | undefined;
  materials: Record<string, string>;
  payeeAccount?: PayeeAccountBody | undefined;
}

/** An application the principal applied for (as the person or for their organisation's subject); any other is not found. */
async function applicantsApplication(deps: FulfilmentDeps, principal: Principal, id: string) {
  const current = await repo.findApplication(deps.db, id);
  const mine = (await listMine(deps.db, principal)).map((s) => s.id);
  if (!current || !isApplicant(principal, current, mine)) throw notFound({ zh: '该申请', en: 'Application' });
  return current;
}

/** Amends a returned application and resubmits it: it starts again at the first stage. */
export async function resubmit(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  input: ResubmitInput,
): Promise<ApplicationView> {
  const current = await applicantsApplication(deps, principal, id);
  if (!actionsFrom(current.status).includes('resubmit')) throw actionNotAllowed(current.status, 'resubmit');
  const loaded = await loadItem(deps, deps.db, current.item_id);
  const productKey = input.productKey?.trim() || current.product_key;
  const { verdict } = await evaluateFor(deps, deps.db, loaded, current.subject_id, input.answers, productKey);
  requireEligible(verdict, await withFactBases(deps.modules.factBases ?? [], deps.db, current.subject_id, deps.clock.today(), verdict.criteria));
  const existing = Object.fromEntries(
    (await repo.materialsOf(deps.db, id)).map((m) => [m.material_id, m.file_id]),
  );
  await checkMaterials(deps.db, principal, loaded.item, input.materials, existing);
  const payee = input.payeeAccount ? checkPayee(input.payeeAccount, current.subject_name, await accountHolders(deps.db, current.subject_id)) : null;
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    if (!actionsFrom(a.status).includes('resubmit')) throw actionNotAllowed(a.status, 'resubmit');
    await repo.putMaterials(trx, id, input.materials, deps.clock.now());
    if (payee) await putPayee(trx, deps.dataKey, id, payee, deps.clock.now());
    const first = firstStage(loaded.workflow);
    await transition(trx, deps, ctx, a, loaded.workflow, first, 'resubmitted', {
      data: { amended: Object.keys(input.materials), answers: Object.keys(input.answers) },
      patch: {
        answers: input.answers,
        product_key: productKey,
        verdict,
        evaluated_on: deps.clock.today(),
        amount_fen: verdict.amount?.fen ?? null,
        review_round: a.review_round + 1,
      },
    });
  });
  return getApplication(deps, principal, id);
}

/**
 * The applicant gives (or corrects) the payee account of an open application or award with the
 * same check and storage as at submission (`fulfilment.payee`): above all for pending awards that
 * enter at approval without an application form (a guaranteed loan's quarter subsidy, an outcome's
 * reward), whose subject had no step at which to give one. A payment already requested keeps the
 * account it was requested with; a closed, rejected or withdrawn one takes none.
 */
export async function givePayee(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  input: PayeeAccountBody,
): Promise<ApplicationView> {
  const current = await applicantsApplication(deps, principal, id);
  const payee = checkPayee(input, current.subject_name, await accountHolders(deps.db, current.subject_id));
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    if (TERMINAL.includes(a.status))
      throw conflict('PAYEE_CLOSED', '该申请已办结、不予支持或已撤回，不能再填写收款账户', 'The application is closed, rejected or withdrawn: it takes no payee account');
    await putPayee(trx, deps.dataKey, id, payee, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'application.payee_given', entityType: 'application', entityId: id, data: { bank: payee.bank, number: maskAccount(payee.digits) } });
  });
  return getApplication(deps, principal, id);
}

// ---------------------------------------------------------------- expert review

export type AssessmentInput = ReviewInput;

/**
 * An assessor's review of the application's current round (the review module checks the scores
 * against the item's rubric and stores them). The applicant, or anyone acting for its subject,
 * may not review it.
 */
export async function assess(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  input: AssessmentInput,
): Promise<ApplicationView> {
  const def = (await preloadApplication(deps, id)).workflow;
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    if (a.status !== 'expert_review') throw actionNotAllowed(a.status, 'assess');
    if (!def.assessment) throw actionNotAllowed(a.status, 'assess');
    requireAccess(
      { principal, permission: 'fulfilment.assess', organisationId: a.department_id },
      {
        zh: `只有${a.department_name}的评审人员可以评分`,
        en: `Only assessors (reviewers) of ${a.department_name} may score`,
      },
    );
    await requireDuty(trx, principal, id, 'assessor');
    const mine = (await listMine(trx, principal)).map((s) => s.id);
    const { total } = await submitReview(
      trx,
      deps.clock,
      reviewCase(id),
      a.review_round,
      { userId: principal.userId, interested: isApplicant(principal, a, mine) },
      def.assessment,
      input,
    );
    await record(trx, deps.clock, ctx, {
      action: 'application.assessed',
      entityType: 'application',
      entityId: id,
      data: { round: a.review_round, conflict: input.conflict, total, department: a.department_name },
    });
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
  grant: {
    itemId: string;
    subjectId: string;
    grantedOn: string;
    productKey: string | null;
    onceKey: string | null;
    amountFen: number;
    subjectYearCapFen: number | null;
  } | null;
}

export async function prepareApproval(
  trx: Tx,
  deps: FulfilmentDeps,
  principal: Principal,
  id: string,
  amountFen: number | undefined,
  loaded: LoadedItem,
): Promise<PreparedApproval> {
  const a = await lockForAction(trx, id);
  if (!actionsFrom(a.status).includes('approve')) throw actionNotAllowed(a.status, 'approve');
  requireActor(principal, a, stageOf(loaded.workflow, 'approval'));
  await requireDuty(trx, principal, id, 'approver');
  const entitled = a.amount_fen ?? 0;
  const approvedFen = amountFen ?? entitled;
  if (!Number.isInteger(approvedFen) || approvedFen < 0 || approvedFen > entitled) {
    throw invalid([
      fieldError(
        'amountFen',
        'maximum',
        `批复金额应为0至${entitled}分之间的整数（不超过按政策计算的金额）`,
        `must be a whole number of fen from 0 to ${entitled} (at most the amount the rules compute)`,
      ),
    ]);
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

export async function completeApproval(
  trx: Tx,
  deps: FulfilmentDeps,
  ctx: AuditContext,
  p: PreparedApproval,
  note: string | null,
): Promise<void> {
  const today = deps.clock.today();
  // An award without money has no budget grant: it is recorded here, counts in the benefit
  // history, and the database refuses a second live one under the same once-key.
  if (p.approvedFen === 0) {
    const a = p.application;
    const recorded = await repo.insertGrantWithoutAmount(trx, {
      application_id: a.id,
      item_id: a.item_id,
      subject_id: a.subject_id,
      product_key: a.product_key,
      once_key: p.onceKey,
      granted_on: today,
    });
    if (!recorded)
      throw conflict(
        'ALREADY_GRANTED',
        '该主体（或该产品）已获得过此项奖补，只能奖励一次',
        'The subject (or this product) has already received this benefit, which is granted only once',
      );
  }
  const until = addDays(today, p.workflow.publicityDays);
  await transition(trx, deps, ctx, p.application, p.workflow, 'publicity', 'approved', {
    reason: note,
    data: { approvedFen: p.approvedFen, publicityFrom: today, publicityUntil: until },
    patch: {
      approved_fen: p.approvedFen,
      approved_on: today,
      publicity_from: today,
      publicity_until: until,
      stage_due_on: until,
    },
  });
  await deps.events.emit(trx, 'award.approved', {
    applicationId: p.application.id,
    itemId: p.application.item_id,
    subjectId: p.application.subject_id,
    approvedFen: p.approvedFen,
  });
}

// ---------------------------------------------------------------- publicity and objections

export async function concludePublicity(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
): Promise<ApplicationView> {
  const def = (await preloadApplication(deps, id)).workflow;
  await deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id);
    if (!actionsFrom(a.status).includes('conclude')) throw actionNotAllowed(a.status, 'conclude');
    requireAccess(
      { principal, permission: 'fulfilment.handle', organisationId: a.department_id },
      { zh: `只有${a.department_name}的经办人员可以结束公示`, en: `Only an officer of ${a.department_name} may conclude publicity` },
    );
    if (publicityRunning(a, deps.clock.today())) {
      throw conflict(
        'PUBLICITY_RUNNING',
        `公示期至 ${a.publicity_until} 结束，${a.publicity_until} 起方可结束公示、进入下一环节`,
        `Publicity runs until ${a.publicity_until}; it can be concluded from ${a.publicity_until} on`,
      );
    }
    const open = (await repo.openObjectionCounts(trx, [id])).get(id) ?? 0;
    if (open > 0)
      throw conflict(
        'OBJECTION_OPEN',
        `尚有 ${open} 件异议未处理，处理完毕后方可拨付`,
        `${open} objection(s) are still open: resolve them before payment`,
      );
    const to = nextStage(def, 'publicity', (a.approved_fen ?? 0) > 0);
    await transition(trx, deps, ctx, a, def, to, 'publicity_concluded');
  });
  return getApplication(deps, principal, id);
}

export async function fileObjection(
  deps: FulfilmentDeps,
  ctx: AuditContext,
  id: string,
  input: { name: string; contact: string; text: string },
): Promise<{ id: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, id).catch(() => null);
    if (!a || a.status !== 'publicity') {
      throw conflict(
        'NOT_IN_PUBLICITY',
        '该项目不在公示期内，不能提出异议',
        'This award is not in publicity: objections cannot be filed',
      );
    }
    const objectionId = await repo.insertObjection(trx, {
      application_id: id,
      filed_at: deps.clock.now(),
      filer_name: input.name.trim(),
      filer_contact: input.contact.trim(),
      text: input.text.trim(),
    });
    // The filer's contact stays out of the audit data that feeds the applicant's timeline.
    await record(trx, deps.clock, ctx, {
      action: 'application.objection_filed',
      entityType: 'application',
      entityId: id,
      data: { objectionId, department: a.department_name },
    });
    await notifyObjection(trx, deps, a);
    return { id: objectionId };
  });
}

/**
 * The officers who resolve objections (those holding `fulfilment.handle` in the lead department)
 * hear of a new one at once: it blocks the award until it is resolved. The filer's name and
 * contact stay on the application page, out of the notification.
 */
async function notifyObjection(trx: Tx, deps: FulfilmentDeps, a: ApplicationRow): Promise<void> {
  const officers = await repo.membersWithAnyRole(trx, [a.department_id], rolesGranting(deps.modules, 'fulfilment.handle'));
  const title = a.item_title as { zh: string; en: string };
  for (const userId of new Set(officers)) {
    await notify(trx, deps, {
      userId,
      kind: 'fulfilment.objection',
      title: { zh: `公示异议：${a.reference}`, en: `Objection: ${a.reference}` },
      body: {
        zh: `${a.subject_name}的“${title.zh}”在公示期内收到一件异议，处理前不能进入拨付。请尽快核实处理。`,
        en: `An objection was filed against ${a.subject_name}'s award "${title.en}" during publicity; it cannot be paid until the objection is resolved.`,
      },
      link: `/fulfilment/applications/${a.id}`,
    });
  }
}

export interface PreparedResolution {
  application: ApplicationRow;
  workflow: WorkflowDefinition;
  objectionId: string;
  outcome: 'upheld' | 'dismissed';
  resolution: string;
}

export async function prepareObjectionResolution(
  trx: Tx,
  deps: FulfilmentDeps,
  principal: Principal,
  objectionId: string,
  outcome: 'upheld' | 'dismissed',
  resolution: string,
): Promise<PreparedResolution> {
  if (!resolution.trim())
    throw invalid([
      fieldError('resolution', 'required', '处理异议须说明理由', 'a resolution needs its reasons'),
    ]);
  const o = await repo.lockObjection(trx, objectionId);
  if (!o) throw notFound({ zh: '该异议', en: 'Objection' });
  const a = await lockForAction(trx, o.application_id);
  if (
    !mayAccess(principal, 'fulfilment.handle', { organisationId: a.department_id }) &&
    !mayAccess(principal, 'fulfilment.decide', { organisationId: a.department_id })
  ) {
    throw forbidden(
      `只有${a.department_name}的工作人员可以处理异议`,
      `Only officials of ${a.department_name} may resolve objections`,
    );
  }
  if (o.status !== 'open')
    throw conflict('OBJECTION_RESOLVED', '该异议已处理', 'This objection has already been resolved');
  if (!actionsFrom(a.status).includes('revoke')) throw actionNotAllowed(a.status, 'resolve_objection');
  // An upheld objection ends the award (a terminal status has no stage, no deadline).
  return {
    application: a,
    workflow: workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null),
    objectionId,
    outcome,
    resolution: resolution.trim(),
  };
}

export async function completeObjectionResolution(
  trx: Tx,
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  p: PreparedResolution,
): Promise<void> {
  await repo.resolveObjection(
    trx,
    p.objectionId,
    p.outcome,
    p.resolution,
    principal.userId,
    deps.clock.now(),
  );
  await record(trx, deps.clock, ctx, {
    action: 'application.objection_resolved',
    entityType: 'application',
    entityId: p.application.id,
    data: {
      objectionId: p.objectionId,
      outcome: p.outcome,
      reason: p.resolution,
      department: p.application.department_name,
    },
  });
  if (p.outcome === 'upheld') {
    await transition(trx, deps, ctx, p.application, p.workflow, 'rejected', 'revoked', {
      reason: p.resolution,
    });
    await repo.releaseGrantWithoutAmount(trx, p.application.id);
  }
}

// ---------------------------------------------------------------- payment (driven by workflows/pay-award.ts)

/** Locks an award for payment: concurrent payment requests for one award queue here. */
export const lockAward = lockForAction;

export function assertPayable(a: ApplicationRow): void {
  if (a.status === 'closed')
    throw conflict(
      'ALREADY_PAID',
      '该奖补已拨付办结，不能重复拨付',
      'The award has already been paid and closed; it is never paid twice',
    );
  if (!actionsFrom(a.status).includes('pay')) throw actionNotAllowed(a.status, 'pay');
}

/** Payment steps on the application's timeline, under the finance department that acts. */
export async function recordPaymentStep(
  trx: Tx,
  deps: FulfilmentDeps,
  ctx: AuditContext,
  a: ApplicationRow,
  step: 'requested' | 'paid',
  amountFen: number,
  needsSecond: boolean,
  financeDepartment: string | null,
): Promise<void> {
  const department = financeDepartment ?? a.department_name;
  if (step === 'requested') {
    await record(trx, deps.clock, ctx, {
      action: 'application.payment_requested',
      entityType: 'application',
      entityId: a.id,
      data: { from: 'payment', amountFen, needsSecondApproval: needsSecond, department },
    });
    return;
  }
  await transition(
    trx,
    deps,
    ctx,
    a,
    workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null),
    'closed',
    'paid',
    { data: { amountFen, department } },
  );
  await deps.events.emit(trx, 'award.paid', {
    applicationId: a.id,
    itemId: a.item_id,
    subjectId: a.subject_id,
    amountFen,
    productKey: a.product_key,
  });
}

// ---------------------------------------------------------------- pending awards (免申即享)

/**
 * A pending award: no application; it enters at approval. From the finder for 免申即享 items; from
 * a module that verified an outcome (`payload.outcome`) for an item paid once that outcome meets
 * it, per product, with the outcome's evidence attached. Idempotent per open award (and product).
 */
export async function createPendingAward(
  trx: Tx,
  deps: FulfilmentDeps,
  payload: DomainEvents['award.pending'],
): Promise<string | null> {
  const loaded = await loadItem(deps, trx, payload.itemId).catch(() => null);
  if (!loaded || (loaded.item.mode !== 'automatic' && !payload.outcome)) return null;
  const dept = await departmentOf(trx, loaded.item);
  const ctx = systemActor('fulfilment');
  if (!dept) {
    await record(trx, deps.clock, ctx, {
      action: 'award.pending_unrouted',
      entityType: 'subject',
      entityId: payload.subjectId,
      data: { itemId: payload.itemId, leadUnit: loaded.item.leadUnit },
    });
    return null;
  }
  const facts = await factsForRules(deps, trx, payload.subjectId).catch(
    () => ({}) as Record<string, unknown>,
  );
  const name = (await subjectName(trx, payload.subjectId)) ?? String(facts.enterprise_name ?? facts.person_name ?? payload.subjectId);
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
    product_key: payload.outcome?.productKey ?? null,
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
  if (payload.outcome?.evidenceFileId) await repo.putMaterials(trx, id, { [OUTCOME_EVIDENCE.id]: payload.outcome.evidenceFileId }, now);
  await record(trx, deps.clock, ctx, {
    action: 'application.pending_award',
    entityType: 'application',
    entityId: id,
    data: {
      itemId: payload.itemId,
      subjectId: payload.subjectId,
      to: 'approval',
      department: dept.name,
      amountFen: payload.amountFen,
      ...(payload.outcome ? { productKey: payload.outcome.productKey, source: payload.outcome.source } : {}),
    },
  });
  return id;
}

// ---------------------------------------------------------------- configuration (demo seed, administration)

export const setDepartment = repo.upsertDepartment;
export const findDepartmentByName = repo.findDepartmentByName;

export const setWorkflow = repo.upsertWorkflow;
/** Sets the department that pays awarded money in a region (拨付). */
export const setPayingDepartment = repo.upsertPayingDepartment;

export const organisationByName = repo.organisationByName;
