/**
 * Milestones (里程碑) on a target: the programme office sets what should stand by a day (with an
 * optional figure), the lead unit or the office marks one reached, and an unreached one can be
 * removed. States are computed on read (targets.progress.ts `milestoneState`).
 */
import type { TargetDetail, TargetMilestoneBody, TargetMilestoneReachBody } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import * as repo from './targets.repository.js';
import { isOfficeFor, readableTarget, requireOffice, targetDetail, unitIds, type TargetsDeps } from './targets.service.js';

const MILESTONE = { zh: '该里程碑', en: 'Milestone' };

export async function addMilestone(deps: TargetsDeps, principal: Principal, ctx: AuditContext, id: string, body: TargetMilestoneBody): Promise<TargetDetail> {
  const row = await readableTarget(deps, principal, id);
  requireOffice(principal, row.region_code);
  if (body.dueOn < row.period_from || body.dueOn > row.period_to)
    throw invalid([fieldError('dueOn', 'within:target', `里程碑日期须在目标任务的起止日期（${row.period_from} 至 ${row.period_to}）之内`, `the milestone's day lies within the target's period (${row.period_from} to ${row.period_to})`)]);
  await deps.db.transaction().execute(async (trx) => {
    const milestoneId = await repo.insertMilestone(trx, { target_id: id, title: body.title.trim(), due_on: body.dueOn, value: body.value ?? null, reached_on: null, reached_by: null, note: null, created_by: principal.userId, created_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'targets.milestone_set', entityType: 'target', entityId: id, data: { milestoneId, title: body.title, dueOn: body.dueOn, value: body.value ?? null } });
  });
  return targetDetail(deps, principal, id);
}

export async function reachMilestone(deps: TargetsDeps, principal: Principal, ctx: AuditContext, id: string, milestoneId: string, body: TargetMilestoneReachBody): Promise<TargetDetail> {
  const row = await readableTarget(deps, principal, id);
  const isOffice = isOfficeFor(principal, row.region_code);
  const isLead = !!row.lead_org_id && unitIds(principal).includes(row.lead_org_id);
  if (!isOffice && !isLead) throw forbidden('只有牵头单位或双创办可以确认里程碑达成', 'Only the lead unit or the programme office marks a milestone reached');
  const milestone = await repo.findMilestone(deps.db, id, milestoneId);
  if (!milestone) throw notFound(MILESTONE);
  const today = deps.clock.today();
  const reachedOn = body.reachedOn ?? today;
  if (reachedOn > today) throw invalid([fieldError('reachedOn', 'not_future', '达成日期不能晚于今天', 'the day it was reached is not in the future')]);
  if (reachedOn < row.period_from) throw invalid([fieldError('reachedOn', 'within:target', '达成日期不能早于目标任务开始日期', "the day it was reached is not before the target's start")]);
  await deps.db.transaction().execute(async (trx) => {
    const done = await repo.reachMilestone(trx, milestoneId, { reached_on: reachedOn, reached_by: principal.userId, note: body.note?.trim() || null });
    if (!done) throw conflict('MILESTONE_REACHED', '该里程碑已确认达成', 'This milestone is already marked reached');
    await record(trx, deps.clock, ctx, { action: 'targets.milestone_reached', entityType: 'target', entityId: id, data: { milestoneId, reachedOn } });
  });
  return targetDetail(deps, principal, id);
}

export async function removeMilestone(deps: TargetsDeps, principal: Principal, ctx: AuditContext, id: string, milestoneId: string): Promise<TargetDetail> {
  const row = await readableTarget(deps, principal, id);
  requireOffice(principal, row.region_code);
  const milestone = await repo.findMilestone(deps.db, id, milestoneId);
  if (!milestone) throw notFound(MILESTONE);
  await deps.db.transaction().execute(async (trx) => {
    const done = await repo.deleteMilestone(trx, milestoneId);
    if (!done) throw conflict('MILESTONE_REACHED', '已达成的里程碑不能删除', 'A milestone marked reached cannot be removed');
    await record(trx, deps.clock, ctx, { action: 'targets.milestone_removed', entityType: 'target', entityId: id, data: { milestoneId, title: milestone.title } });
  });
  return targetDetail(deps, principal, id);
}
