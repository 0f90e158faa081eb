/**
 * Who may read and act on an application: the applicant, the lead department's roles at each stage,
 * the finance bureau of the region, the programme office above it; and the separation of duties
 * (assessing, accepting and approving are held by different people).
 */
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, forbidden } from '../../platform/problems.js';
import { reviewersOf, type CaseKey } from '../review/index.js';
import { regionCovers, regionPrefix } from '../policies/index.js';
import { listMine } from '../subjects/index.js';
import * as repo from './fulfilment.repository.js';
import type { ApplicationRow } from './fulfilment.repository.js';
import { type Text } from './policy-source.js';
import {
  actionsFrom,
  stageOf,
  type Action,
  type StageDefinition,
  type Status,
  type WorkflowDefinition,
  STAGE_PERMISSION,
  TERMINAL,
} from './workflow.js';

export function isApplicant(principal: Principal, a: ApplicationRow, mine: readonly string[]): boolean {
  return a.applicant_user_id === principal.userId || mine.includes(a.subject_id);
}

/** Whether the principal holds, in the department, what the role a stage names stands for. */
export const actsAtStage = (principal: Principal, organisationId: string, stage: StageDefinition | undefined): boolean =>
  !!stage?.role && mayAccess(principal, STAGE_PERMISSION[stage.role], { organisationId });

export const inDepartment = (principal: Principal, organisationId: string): boolean =>
  principal.memberships.some((m) => m.organisationId === organisationId);

export async function isFinanceFor(db: Db | Tx, principal: Principal, regionCode: string): Promise<boolean> {
  const orgs = membershipsGranting(principal, 'fulfilment.pay').map((m) => m.organisationId);
  return (await repo.regionsPaidBy(db, orgs)).includes(regionCode);
}

/** The regions a principal supervises: those of their programme offices (each covers its districts). */
export const supervisedRegions = (principal: Principal): string[] =>
  membershipsGranting(principal, 'fulfilment.supervise').map((m) => m.regionCode);

/**
 * Whose applications an official lists: their departments', those awaiting payment in the regions
 * where they are the finance bureau, and (with `supervise`) everything inside the regions their
 * programme office covers. Never the whole platform: an official of another city sees nothing.
 */
export async function officialScope(
  db: Db | Tx,
  principal: Principal,
  include: { finance: boolean; supervise: boolean },
): Promise<repo.ListScope> {
  const financeOrgs = membershipsGranting(principal, 'fulfilment.pay').map((m) => m.organisationId);
  return {
    departmentIds: principal.memberships
      .filter((m) => m.organisationKind === 'government')
      .map((m) => m.organisationId),
    regionCodes:
      include.finance && principal.permissions.has('fulfilment.pay')
        ? await repo.regionsPaidBy(db, financeOrgs)
        : [],
    regionPrefixes: include.supervise ? supervisedRegions(principal).map(regionPrefix) : [],
  };
}

/**
 * Officers of the lead department, finance of the region, the programme office covering the
 * application's region, the applicant. Platform administration reads no application.
 */
export async function canRead(
  db: Db | Tx,
  principal: Principal,
  a: ApplicationRow,
): Promise<'applicant' | 'official' | null> {
  if (supervisedRegions(principal).some((r) => regionCovers(r, a.region_code))) return 'official';
  if (
    inDepartment(principal, a.department_id) &&
    (principal.permissions.has('fulfilment.review') || principal.permissions.has('fulfilment.assess'))
  )
    return 'official';
  if (principal.permissions.has('fulfilment.pay') && (await isFinanceFor(db, principal, a.region_code)))
    return 'official';
  const mine = (await listMine(db, principal)).map((s) => s.id);
  if (isApplicant(principal, a, mine)) return 'applicant';
  return null;
}

export function allowedActions(
  principal: Principal,
  a: ApplicationRow,
  def: WorkflowDefinition,
  role: 'applicant' | 'official',
  assessedByMe: boolean,
  financeHere: boolean,
  duties: Duties,
  today: string,
): string[] {
  const available = actionsFrom(a.status as Status);
  if (role === 'applicant')
    // A pending award (no application form) takes its payee account while it is open.
    return a.origin === 'application' ? available.filter((x) => x === 'withdraw' || x === 'resubmit') : TERMINAL.includes(a.status as Status) ? [] : ['give_payee'];
  const stage = stageOf(def, a.status);
  const acts = actsAtStage(principal, a.department_id, stage);
  const free = (duty: Duty) => !dutyInConflict(duties, principal.userId, duty);
  const handles = mayAccess(principal, 'fulfilment.handle', { organisationId: a.department_id });
  // Deciding at approval is the approver's duty, whichever way it goes.
  const decides = acts && (a.status !== 'approval' || free('approver'));
  const official: Record<Action, boolean> = {
    accept: acts && free('acceptor'),
    pass: acts,
    return: decides && a.origin === 'application',
    reject: decides,
    approve: decides,
    // Not offered before the publicity period ends (concludePublicity refuses it too).
    conclude: handles && !publicityRunning(a, today),
    pay: financeHere,
    // The applicant's, and an upheld objection's (resolve_objection below).
    withdraw: false,
    resubmit: false,
    revoke: false,
  };
  const out: string[] = [];
  // Scoring is not a transition: an assessor scores once per round while the stage lasts.
  if (
    a.status === 'expert_review' &&
    !assessedByMe &&
    mayAccess(principal, 'fulfilment.assess', { organisationId: a.department_id }) &&
    free('assessor')
  )
    out.push('assess');
  out.push(...available.filter((x) => official[x]));
  if (available.includes('revoke') && handles) out.push('resolve_objection');
  return out;
}

/** Whether the award is still within its publicity period on `today` (it may be concluded from its last day on). */
export const publicityRunning = (a: Pick<ApplicationRow, 'publicity_until'>, today: string): boolean =>
  !!a.publicity_until && today < a.publicity_until;

/** The review case of an application (the review module keeps its assessors' scores). */
export const reviewCase = (applicationId: string): CaseKey => ({
  owner: 'fulfilment.application',
  caseId: applicationId,
});

// ---------------------------------------------------------------- separation of duties

/**
 * The duties a person can hold on one application. An assessor scored it or declared a conflict of
 * interest at its expert review; an acceptor accepted it (受理); an approver decided at its approval
 * stage (批复: approved, returned or rejected it). Each counts across all review rounds.
 */
export type Duty = 'assessor' | 'acceptor' | 'approver';

export type Duties = Readonly<Record<Duty, ReadonlySet<string>>>;

/**
 * The rule: one person holds at most one of {assessor, approver} and at most one of {acceptor,
 * approver} on an application. Experts score and never decide the approval of what they scored;
 * whoever decided at approval never assesses the application (in a later round) nor accepts it
 * again; the acceptor never approves what they accepted. First review and approval belong to
 * the same role in the workflow and are not separated. Each exclusion, both ways, with the
 * problem that names it:
 */
export const EXCLUSIONS: readonly { taking: Duty; held: Duty; code: string; zh: string; en: string }[] = [
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

export const NO_DUTIES: Duties = { assessor: new Set(), acceptor: new Set(), approver: new Set() };

export async function dutiesOf(db: Db | Tx, applicationId: string): Promise<Duties> {
  const actors = await repo.stageActorsOf(db, applicationId);
  return {
    assessor: new Set(await reviewersOf(db, reviewCase(applicationId))),
    acceptor: new Set(actors.filter((x) => x.action === 'application.accepted').map((x) => x.userId)),
    approver: new Set(actors.filter((x) => x.from === 'approval').map((x) => x.userId)),
  };
}

/** The exclusion that forbids the user taking `duty`, if they hold a duty it excludes. */
export const dutyInConflict = (duties: Duties, userId: string, duty: Duty) =>
  EXCLUSIONS.find((e) => e.taking === duty && duties[e.held].has(userId)) ?? null;

/** Refuses (403, naming the rule) a user taking `duty` on an application while holding a duty it excludes. Call under the application's row lock. */
export async function requireDuty(
  trx: Tx,
  principal: Principal,
  applicationId: string,
  duty: Duty,
): Promise<void> {
  const refusal = dutyInConflict(await dutiesOf(trx, applicationId), principal.userId, duty);
  if (refusal) throw new AppError(403, refusal.code, { zh: refusal.zh, en: refusal.en });
}

export function requireActor(
  principal: Principal,
  a: ApplicationRow,
  stage: StageDefinition | undefined,
): void {
  if (!actsAtStage(principal, a.department_id, stage)) {
    throw forbidden(
      `只有${a.department_name}的${roleLabel(stage?.role ?? null).zh}可以办理此环节`,
      `Only a ${roleLabel(stage?.role ?? null).en} of ${a.department_name} may act at this stage`,
    );
  }
}

export const roleLabel = (role: string | null): Text =>
  ({
    officer: { zh: '经办人员', en: 'officer' },
    reviewer: { zh: '审核人员', en: 'reviewer' },
    expert: { zh: '评审专家', en: 'expert assessor' },
    finance: { zh: '财务人员', en: 'finance officer' },
  })[role ?? ''] ?? { zh: '工作人员', en: 'official' };
