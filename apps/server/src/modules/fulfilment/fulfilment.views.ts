/** What people read: an application with its timeline and review, lists, the inbox, overdue work, the publicity list, award rows. */
import { type Verdict } from '@seedbed/rules';
import type {
  ApplicationAssessment,
  ApplicationObjection,
  ApplicationTimelineEntry,
  ApplicationView as ApplicationViewBody,
  PublicityEntry as PublicityEntryBody,
} from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { BenefitHistorySource } from '../../platform/benefit-history.js';
import { notFound } from '../../platform/problems.js';
import type { Tx } from '../../platform/database.js';
import { getFiles, type StoredFile } from '../files/index.js';
import { hasReviewed, reviewSummary } from '../review/index.js';
import { listMine } from '../subjects/index.js';
import * as repo from './fulfilment.repository.js';
import type { ApplicationRow } from './fulfilment.repository.js';
import { REFUSED, STATUS_LABELS, TERMINAL, workflowFor, type Status } from './workflow.js';
import {
  canRead,
  reviewCase,
  isFinanceFor,
  allowedActions,
  dutiesOf,
  NO_DUTIES,
  officialScope,
} from './fulfilment.access.js';
import { stageViews } from './fulfilment.answers.js';
import { payeeOf } from './fulfilment.payee.js';
import {
  type FulfilmentDeps,
  loadItem,
  workflowOfApplication,
  ACTIVE_STAGES,
  OUTCOME_EVIDENCE,
} from './fulfilment.items.js';

// ---------------------------------------------------------------- reading

// The shapes the contract documents (packages/contract/src/fulfilment.ts); the server keeps its
// closed vocabulary of statuses.
export type TimelineEntry = ApplicationTimelineEntry;

export type AssessmentSummary = ApplicationAssessment;

export type ObjectionView = ApplicationObjection;

export type ApplicationView = Omit<ApplicationViewBody, 'status'> & { status: Status };

export const isOverdue = (a: Pick<ApplicationRow, 'status' | 'stage_due_on'>, today: string): boolean =>
  !!a.stage_due_on && a.stage_due_on < today && !TERMINAL.includes(a.status) && a.status !== 'returned';

export function timelineOf(
  rows: { at: Date; action: string; data: Record<string, unknown> }[],
): TimelineEntry[] {
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
    creditPriority: a.credit_priority,
  };
}

export type ApplicationSummary = ReturnType<typeof summaryOf>;

export async function getApplication(
  deps: FulfilmentDeps,
  principal: Principal,
  id: string,
): Promise<ApplicationView> {
  const a = await repo.findApplication(deps.db, id);
  if (!a) throw notFound({ zh: '该申请', en: 'Application' });
  const role = await canRead(deps.db, principal, a);
  if (!role) throw notFound({ zh: '该申请', en: 'Application' });
  const loaded = await loadItem(deps, deps.db, a.item_id).catch(() => null);
  const def = loaded?.workflow ?? workflowFor(a.origin === 'automatic' ? 'automatic' : 'apply', null);
  const materialRows = await repo.materialsOf(deps.db, id);
  const files = new Map(
    (
      await getFiles(
        deps.db,
        materialRows.map((m) => m.file_id),
      )
    ).map((f) => [f.id, f]),
  );
  const labels = new Map([[OUTCOME_EVIDENCE.id, OUTCOME_EVIDENCE.label], ...(loaded?.item.requiresMaterials ?? []).map((m): [string, { zh: string; en: string }] => [m.id, m.label])]);
  const assessedByMe =
    role === 'official' &&
    def.assessment !== null &&
    (await hasReviewed(deps.db, reviewCase(id), a.review_round, principal.userId));
  const financeHere =
    principal.permissions.has('fulfilment.pay') && (await isFinanceFor(deps.db, principal, a.region_code));
  const objections = role === 'official' ? await repo.objectionsOf(deps.db, id) : null;
  const today = deps.clock.today();
  const actions = allowedActions(
    principal,
    a,
    def,
    role,
    assessedByMe,
    financeHere,
    role === 'official' ? await dutiesOf(deps.db, id) : NO_DUTIES,
    deps.clock.today(),
  );
  return {
    ...summaryOf(a, today),
    itemVersion: a.item_version,
    reviewRound: a.review_round,
    answers: a.answers,
    answerLabels: Object.fromEntries(
      Object.keys(a.answers).map((k) => [k, loaded?.catalog.variables.get(k)?.label ?? { zh: k, en: k }]),
    ),
    productKey: a.product_key,
    verdict: a.verdict as Verdict, // stored as the engine gave it (at submission, or with a pending award)
    evaluatedOn: a.evaluated_on,
    approvedOn: a.approved_on,
    publicity:
      a.publicity_from && a.publicity_until ? { from: a.publicity_from, until: a.publicity_until } : null,
    // A pending award (origin automatic) enters at approval: only the stages it goes through are shown.
    stages: stageViews(a.origin === 'automatic' ? { ...def, stages: def.stages.slice(Math.max(0, def.stages.findIndex((st) => st.key === 'approval'))) } : def),
    materials: materialRows.map((m) => {
      const f = files.get(m.file_id);
      return {
        materialId: m.material_id,
        label: labels.get(m.material_id) ?? { zh: m.material_id, en: m.material_id },
        file: f
          ? {
              id: f.id,
              name: f.name,
              contentType: f.contentType,
              size: f.size,
              sha256: f.sha256,
              uploadedAt: f.uploadedAt,
            }
          : null,
      };
    }),
    timeline: timelineOf(await repo.auditEntriesOf(deps.db, id)),
    assessment:
      role === 'official' && def.assessment
        ? await reviewSummary(deps.db, reviewCase(id), a.review_round, def.assessment, {
            userId: principal.userId,
            mayStillReview: actions.includes('assess'),
          })
        : null,
    objections: objections?.map(objectionView) ?? null,
    allowedActions: actions,
    payeeAccount: await payeeOf(deps.db, id),
  };
}

export const objectionView = (o: repo.ObjectionRow): ObjectionView => ({
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
export async function materialFile(
  deps: FulfilmentDeps,
  principal: Principal,
  id: string,
  materialId: string,
): Promise<StoredFile> {
  const a = await repo.findApplication(deps.db, id);
  if (!a || !(await canRead(deps.db, principal, a))) throw notFound({ zh: '该申请', en: 'Application' });
  const m = (await repo.materialsOf(deps.db, id)).find((x) => x.material_id === materialId);
  if (!m) throw notFound({ zh: '该材料', en: 'Material' });
  const [file] = await getFiles(deps.db, [m.file_id]);
  if (!file) throw notFound({ zh: '该材料', en: 'Material' });
  return file;
}

export async function myApplications(
  deps: FulfilmentDeps,
  principal: Principal,
): Promise<ApplicationSummary[]> {
  const mine = (await listMine(deps.db, principal)).map((s) => s.id);
  const today = deps.clock.today();
  return (await repo.listForSubjects(deps.db, mine)).map((a) => summaryOf(a, today));
}

/** What the officer can act on now: their departments' applications at a stage their role acts at. */
export async function inbox(
  deps: FulfilmentDeps,
  principal: Principal,
): Promise<(ApplicationSummary & { actions: string[] })[]> {
  const today = deps.clock.today();
  const deptIds = principal.memberships
    .filter((m) => m.organisationKind === 'government')
    .map((m) => m.organisationId);
  const rows = await repo.listApplications(deps.db, {
    departmentIds: deptIds,
    statuses: ['acceptance', 'first_review', 'expert_review', 'approval', 'publicity'],
  });
  const financeOrgs = membershipsGranting(principal, 'fulfilment.pay').map((m) => m.organisationId);
  const regions = await repo.regionsPaidBy(deps.db, financeOrgs);
  const payable = regions.length
    ? await repo.listApplications(deps.db, { regionCodes: regions, statuses: ['payment'] })
    : [];
  const out: (ApplicationSummary & { actions: string[] })[] = [];
  for (const a of [...rows, ...payable]) {
    const def = await workflowOfApplication(deps, a);
    const assessed =
      a.status === 'expert_review'
        ? await hasReviewed(deps.db, reviewCase(a.id), a.review_round, principal.userId)
        : false;
    const duties = ['acceptance', 'expert_review', 'approval'].includes(a.status)
      ? await dutiesOf(deps.db, a.id)
      : NO_DUTIES;
    const actions = allowedActions(principal, a, def, 'official', assessed, a.status === 'payment', duties, today);
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
  (await repo.liveGrantsWithoutAmountOf(db, subjectId)).map((g) => ({
    item: g.item_id,
    date: g.granted_on,
    amount: 0,
    ...(g.product_key ? { product: g.product_key } : {}),
  }));

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

export async function applicationRowFor(
  deps: FulfilmentDeps,
  principal: Principal,
  id: string,
): Promise<ApplicationView> {
  return getApplication(deps, principal, id);
}

/**
 * Where fulfilment has the awards a module handed it for verified outcomes (`award.pending` with
 * `outcome`): the latest application per subject, item and product key, with its status and
 * whether it ended without anything paid (`refused`). Keyed by `outcomeAwardKey`.
 */
export async function outcomeAwardStatuses(
  db: FulfilmentDeps['db'] | Tx,
  keys: readonly OutcomeAward[],
): Promise<Map<string, { status: Status; label: { zh: string; en: string }; refused: boolean }>> {
  const out = new Map<string, { status: Status; label: { zh: string; en: string }; refused: boolean }>();
  for (const r of await repo.outcomeApplications(db, keys)) {
    const status = r.status as Status;
    out.set(outcomeAwardKey({ subjectId: r.subject_id, itemId: r.item_id, productKey: r.product_key }), { status, label: STATUS_LABELS[status], refused: REFUSED.includes(status) });
  }
  return out;
}

export interface OutcomeAward {
  subjectId: string;
  itemId: string;
  productKey: string;
}

/** The key of an outcome award in `outcomeAwardStatuses`' answer. */
export const outcomeAwardKey = (a: OutcomeAward): string => `${a.subjectId}|${a.itemId}|${a.productKey}`;
