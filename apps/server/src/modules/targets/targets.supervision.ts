/**
 * Supervision (督查督办) on targets. The programme office issues a supervision item (督办件) on a
 * target to its lead unit (or a supporting unit) with a subject, a request and a deadline; the
 * unit's members answer; the office closes the item with a closing record (结案意见) or returns it
 * with a reason, and the unit answers again. Every step is kept (targets_supervision_steps,
 * append-only) and audited. The daily job 'targets.daily' tells the unit and escalates to the
 * programme offices, once per item, an item still awaiting the unit's answer after its deadline
 * (through the same escalation as late progress reports).
 */
import type { SupervisionIssueBody, SupervisionItemView, SupervisionList, SupervisionQuery, SupervisionStatus, SupervisionTextBody } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { regionPrefix } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import * as repo from './targets.repository.js';
import { escalateToOffices, isOfficeFor, mayRead, officeRegions, programmeOffices, requireOffice, unitIds, type TargetsDeps } from './targets.service.js';
import * as srepo from './targets.supervision.repository.js';
import type { SupervisionItemRow } from './targets.supervision.repository.js';

const ITEM = { zh: '该督办件', en: 'Supervision item' };
const AWAITING_UNIT: readonly SupervisionStatus[] = ['open', 'returned'];

/** Past its deadline and not closed. */
const overdueOn = (row: SupervisionItemRow, today: string) => row.status !== 'closed' && row.deadline < today;

async function viewsOf(deps: TargetsDeps, principal: Principal, rows: readonly SupervisionItemRow[]): Promise<SupervisionItemView[]> {
  if (rows.length === 0) return [];
  const today = deps.clock.today();
  const targets = new Map<string, repo.TargetRow>();
  for (const id of new Set(rows.map((r) => r.target_id))) {
    const t = await repo.findTarget(deps.db, id);
    if (t) targets.set(id, t);
  }
  const steps = await srepo.stepsOf(deps.db, rows.map((r) => r.id));
  const orgNames = await repo.organisationNames(deps.db, [...rows.map((r) => r.organisation_id), ...steps.map((s) => s.organisation_id).filter((x): x is string => !!x)]);
  const people = await repo.userNames(deps.db, [...rows.map((r) => r.issued_by), ...steps.map((s) => s.actor_id).filter((x): x is string => !!x)]);
  const mine = new Set(unitIds(principal));
  return rows.map((r) => {
    const target = targets.get(r.target_id)!;
    return {
      id: r.id,
      target: { id: target.id, title: { zh: target.title_zh, en: target.title_en }, regionName: regionDisplayName(target.region_code) ?? target.region_code },
      organisation: { organisationId: r.organisation_id, name: orgNames.get(r.organisation_id) ?? '' },
      subject: r.subject,
      request: r.request,
      level: r.level,
      deadline: r.deadline,
      status: r.status,
      overdue: overdueOn(r, today),
      escalated: r.escalated_on !== null,
      issuedBy: people.get(r.issued_by) ?? '',
      issuedAt: r.issued_at.toISOString(),
      closedAt: r.closed_at ? r.closed_at.toISOString() : null,
      canAnswer: mine.has(r.organisation_id) && AWAITING_UNIT.includes(r.status),
      canDecide: isOfficeFor(principal, target.region_code) && r.status === 'answered',
      history: steps
        .filter((s) => s.item_id === r.id)
        .map((s) => ({
          action: s.action,
          text: s.text,
          by: s.actor_id ? (people.get(s.actor_id) ?? '') : '',
          organisation: s.organisation_id ? (orgNames.get(s.organisation_id) ?? '') : null,
          at: s.at.toISOString(),
        })),
    };
  });
}

/** The item if the principal may read it: the programme office covering its target, or a member of its unit. */
async function readable(deps: TargetsDeps, principal: Principal, id: string): Promise<{ row: SupervisionItemRow; target: repo.TargetRow }> {
  const row = await srepo.findItem(deps.db, id);
  const target = row ? await repo.findTarget(deps.db, row.target_id) : undefined;
  if (!row || !target || !(isOfficeFor(principal, target.region_code) || unitIds(principal).includes(row.organisation_id))) throw notFound(ITEM);
  return { row, target };
}

export async function supervisionItem(deps: TargetsDeps, principal: Principal, id: string): Promise<SupervisionItemView> {
  const { row } = await readable(deps, principal, id);
  return (await viewsOf(deps, principal, [row]))[0]!;
}

/**
 * The items in view: the office's region's and its units' own (a unit: those it is responsible for);
 * on one target (targetId) only where the principal may read that target.
 */
export async function listSupervision(deps: TargetsDeps, principal: Principal, query: SupervisionQuery): Promise<SupervisionList> {
  const today = deps.clock.today();
  const offices = officeRegions(principal);
  const units = unitIds(principal);
  if (query.targetId) {
    const target = await repo.findTarget(deps.db, query.targetId);
    if (!target || !mayRead(principal, target)) throw notFound({ zh: '该目标任务', en: 'Target' });
  }
  const rows = await srepo.itemsWhere(deps.db, { regionPrefixes: [...new Set(offices.map((c) => regionPrefix(c)))], organisationIds: units, ...(query.targetId ? { targetId: query.targetId } : {}) });
  // A region's prefix may be wider than the office's region: keep what the principal may read.
  const visible: SupervisionItemRow[] = [];
  for (const r of rows) {
    if (units.includes(r.organisation_id)) visible.push(r);
    else {
      const target = await repo.findTarget(deps.db, r.target_id);
      if (target && isOfficeFor(principal, target.region_code)) visible.push(r);
    }
  }
  const counts = new Map<SupervisionStatus, number>();
  for (const r of visible) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const filtered = visible.filter((r) => !query.status || (query.status === 'overdue' ? overdueOn(r, today) : r.status === query.status));
  return {
    asOf: today,
    items: await viewsOf(deps, principal, filtered),
    byStatus: [...counts].map(([status, count]) => ({ status, count })),
    overdue: visible.filter((r) => overdueOn(r, today)).length,
  };
}

// ---------------------------------------------------------------- the office issues

export async function issueSupervision(deps: TargetsDeps, principal: Principal, ctx: AuditContext, body: SupervisionIssueBody): Promise<SupervisionItemView> {
  const target = await repo.findTarget(deps.db, body.targetId);
  if (!target) throw invalid([fieldError('targetId', 'exists', '要督办的目标任务不存在', 'the target to supervise does not exist')]);
  requireOffice(principal, target.region_code);
  const errors = [];
  const subject = body.subject.trim();
  const request = body.request.trim();
  if (!subject) errors.push(fieldError('subject', 'required', '请填写督办事项', 'the subject is required'));
  if (!request) errors.push(fieldError('request', 'required', '请填写督办要求', 'the request is required'));
  if (body.deadline < deps.clock.today()) errors.push(fieldError('deadline', 'not_past', '办理期限不能早于今天', 'the deadline cannot be in the past'));
  const units = [target.lead_org_id, ...target.supporting_org_ids].filter((x): x is string => !!x);
  const organisationId = body.organisationId ?? target.lead_org_id;
  if (!organisationId) errors.push(fieldError('organisationId', 'required:no_lead', '该目标任务尚未指派牵头单位，请选择承办单位', 'the target has no lead unit: choose the responsible unit'));
  else if (!units.includes(organisationId)) errors.push(fieldError('organisationId', 'within:target_units', '承办单位须为该目标任务的牵头或配合单位', "the responsible unit is the target's lead or a supporting unit"));
  if (errors.length) throw invalid(errors);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await srepo.insertItem(trx, {
      target_id: target.id,
      organisation_id: organisationId!,
      subject,
      request,
      level: body.level ?? 'general',
      deadline: body.deadline,
      status: 'open',
      issued_by: principal.userId,
      issued_at: now,
      closed_at: null,
    });
    await srepo.insertStep(trx, { item_id: id, action: 'issued', text: request, actor_id: principal.userId, organisation_id: null, at: now });
    for (const userId of await repo.membersOf(trx, [organisationId!])) {
      await notify(trx, deps, {
        userId,
        kind: 'targets.supervision_issued',
        title: { zh: `督办件：${subject}`, en: `Supervision item: ${subject}` },
        body: { zh: `双创办就“${target.title_zh}”交办督办件，请于 ${body.deadline} 前答复。`, en: `The programme office issued a supervision item on "${target.title_en}": answer by ${body.deadline}.` },
        link: `/targets/supervision/${id}`,
        dedupeKey: `targets-supervision-issued:${id}`,
      });
    }
    await record(trx, deps.clock, ctx, { action: 'targets.supervision_issued', entityType: 'supervision_item', entityId: id, data: { targetId: target.id, organisationId, subject, deadline: body.deadline, level: body.level ?? 'general' } });
    return id;
  });
  return supervisionItem(deps, principal, id);
}

// ---------------------------------------------------------------- the unit answers, the office decides

const notAwaiting = (status: SupervisionStatus, awaited: 'answer' | 'decision') => {
  const zh = status === 'closed' ? '该督办件已办结' : awaited === 'answer' ? '该督办件已答复，正等待双创办审核' : '该督办件正等待承办单位答复';
  const en = status === 'closed' ? 'This item is closed' : awaited === 'answer' ? 'This item is answered and awaits the programme office' : "This item awaits the unit's answer";
  return conflict('SUPERVISION_STATUS', zh, en, [fieldError('status', awaited === 'answer' ? 'awaiting:answer' : 'awaiting:decision', zh, en)]);
};

export async function answerSupervision(deps: TargetsDeps, principal: Principal, ctx: AuditContext, id: string, body: SupervisionTextBody): Promise<SupervisionItemView> {
  const { row } = await readable(deps, principal, id);
  if (!unitIds(principal).includes(row.organisation_id)) throw forbidden('只有承办单位可以答复督办件', 'Only the responsible unit answers a supervision item');
  const text = body.text.trim();
  if (!text) throw invalid([fieldError('text', 'required', '请填写答复内容', 'the answer is required')]);
  await deps.db.transaction().execute(async (trx) => {
    const locked = (await srepo.lockItem(trx, id))!;
    if (!AWAITING_UNIT.includes(locked.status)) throw notAwaiting(locked.status, 'answer');
    const now = deps.clock.now();
    await srepo.updateItem(trx, id, { status: 'answered' });
    await srepo.insertStep(trx, { item_id: id, action: 'answered', text, actor_id: principal.userId, organisation_id: locked.organisation_id, at: now });
    const unit = (await repo.organisationNames(trx, [locked.organisation_id])).get(locked.organisation_id) ?? '';
    await notify(trx, deps, {
      userId: locked.issued_by,
      kind: 'targets.supervision_answered',
      title: { zh: `督办件已答复：${locked.subject}`, en: `Supervision item answered: ${locked.subject}` },
      body: { zh: `${unit}已答复，请审核办结或退回。`, en: `${unit} has answered: close the item or return it.` },
      link: `/targets/supervision/${id}`,
    });
    await record(trx, deps.clock, ctx, { action: 'targets.supervision_answered', entityType: 'supervision_item', entityId: id, data: { organisationId: locked.organisation_id } });
  });
  return supervisionItem(deps, principal, id);
}

export async function decideSupervision(deps: TargetsDeps, principal: Principal, ctx: AuditContext, id: string, decision: 'close' | 'return', body: SupervisionTextBody): Promise<SupervisionItemView> {
  const { target } = await readable(deps, principal, id);
  requireOffice(principal, target.region_code);
  const text = body.text.trim();
  if (!text) throw invalid([fieldError('text', 'required', decision === 'close' ? '请填写结案意见' : '请填写退回理由', decision === 'close' ? 'the closing record is required' : 'the reason for returning is required')]);
  await deps.db.transaction().execute(async (trx) => {
    const locked = (await srepo.lockItem(trx, id))!;
    if (locked.status !== 'answered') throw notAwaiting(locked.status, 'decision');
    const now = deps.clock.now();
    await srepo.updateItem(trx, id, decision === 'close' ? { status: 'closed', closed_at: now } : { status: 'returned' });
    await srepo.insertStep(trx, { item_id: id, action: decision === 'close' ? 'closed' : 'returned', text, actor_id: principal.userId, organisation_id: null, at: now });
    for (const userId of await repo.membersOf(trx, [locked.organisation_id])) {
      await notify(trx, deps, {
        userId,
        kind: 'targets.supervision_issued',
        title: decision === 'close' ? { zh: `督办件已办结：${locked.subject}`, en: `Supervision item closed: ${locked.subject}` } : { zh: `督办件被退回：${locked.subject}`, en: `Supervision item returned: ${locked.subject}` },
        body: decision === 'close' ? { zh: `结案意见：${text}`, en: `Closing record: ${text}` } : { zh: `退回理由：${text}。请于 ${locked.deadline} 前重新答复。`, en: `Reason: ${text}. Answer again by ${locked.deadline}.` },
        link: `/targets/supervision/${id}`,
      });
    }
    await record(trx, deps.clock, ctx, { action: decision === 'close' ? 'targets.supervision_closed' : 'targets.supervision_returned', entityType: 'supervision_item', entityId: id, data: { text } });
  });
  return supervisionItem(deps, principal, id);
}

// ---------------------------------------------------------------- the daily job

/**
 * Part of the daily job 'targets.daily': an item still awaiting the unit's answer after its
 * deadline is escalated once — the unit's members told (targets.supervision_overdue) and the
 * programme offices covering the target told through the report escalation's path
 * (targets.supervision_escalated); a step 'escalated' joins the history.
 */
export async function dailySupervision(deps: TargetsDeps, day: string): Promise<{ escalated: number }> {
  const rows = await srepo.overdueUnescalated(deps.db, day);
  if (rows.length === 0) return { escalated: 0 };
  const offices = await programmeOffices(deps);
  let escalated = 0;
  for (const row of rows) {
    const target = (await repo.findTarget(deps.db, row.target_id))!;
    await deps.db.transaction().execute(async (trx) => {
      if (!(await srepo.markEscalated(trx, row.id, day))) return;
      escalated++;
      await srepo.insertStep(trx, { item_id: row.id, action: 'escalated', text: null, actor_id: null, organisation_id: null, at: deps.clock.now() });
      const unit = (await repo.organisationNames(trx, [row.organisation_id])).get(row.organisation_id) ?? '';
      for (const userId of await repo.membersOf(trx, [row.organisation_id])) {
        await notify(trx, deps, {
          userId,
          kind: 'targets.supervision_overdue',
          title: { zh: `督办件逾期未答复：${row.subject}`, en: `Supervision item overdue: ${row.subject}` },
          body: { zh: `应于 ${row.deadline} 前答复，已逾期，已报双创办。请尽快答复。`, en: `The answer was due by ${row.deadline}; it is overdue and the programme office has been told. Please answer.` },
          link: `/targets/supervision/${row.id}`,
          dedupeKey: `targets-supervision-overdue:${row.id}`,
        });
      }
      await escalateToOffices(trx, deps, offices, target.region_code, {
        kind: 'targets.supervision_escalated',
        title: { zh: `督办件逾期：${unit}`, en: `Supervision item overdue: ${unit}` },
        body: { zh: `“${row.subject}”（${target.title_zh}）应于 ${row.deadline} 前答复，${unit}逾期未答复。`, en: `"${row.subject}" (${target.title_en}) was due by ${row.deadline}; ${unit} has not answered.` },
        link: `/targets/supervision/${row.id}`,
        dedupeKey: `targets-supervision-escalated:${row.id}`,
      });
    });
  }
  return { escalated };
}
