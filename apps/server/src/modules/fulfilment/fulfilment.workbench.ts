/**
 * The officials' workbench: 待办 (what the reader may act on now, soonest due first) and 已办
 * (the applications they acted on, from the audit log, newest first); and the one batch action
 * that is safe to take over several applications at once, accepting (受理) complete ones, each in
 * its own transaction with every check a single acceptance has, and a result per application.
 */
import type { BatchActionResult, WorkbenchEntry } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { AppError } from '../../platform/problems.js';
import type { AuditContext } from '../audit/index.js';
import * as repo from './fulfilment.repository.js';
import { actOn } from './fulfilment.actions.js';
import { canRead } from './fulfilment.access.js';
import type { FulfilmentDeps } from './fulfilment.items.js';
import { inbox, summaryOf } from './fulfilment.views.js';
import { STATUS_LABELS } from './workflow.js';

/** How many applications 已办 lists (the newest the reader acted on). */
const DONE_LIMIT = 200;

export async function workbench(
  deps: FulfilmentDeps,
  principal: Principal,
): Promise<{ todo: WorkbenchEntry[]; done: WorkbenchEntry[] }> {
  const today = deps.clock.today();
  const acted = await repo.actedOnBy(deps.db, principal.userId, DONE_LIMIT);
  const last = new Map(acted.map((x) => [x.applicationId, { action: x.action, at: x.at.toISOString() }]));
  const open = await inbox(deps, principal);
  // An award in publicity is work only once its period is over, or while an objection waits.
  const objections = await repo.openObjectionCounts(
    deps.db,
    open.filter((a) => a.status === 'publicity').map((a) => a.id),
  );
  const todo = open
    .filter((a) => a.status !== 'publicity' || a.actions.includes('conclude') || (objections.get(a.id) ?? 0) > 0)
    .map((a) => ({
      ...a,
      // Resolving objections is a step only while one is open.
      actions: a.actions.filter((x) => x !== 'resolve_objection' || (objections.get(a.id) ?? 0) > 0),
      myLastAction: last.get(a.id) ?? null,
    }));
  const rows = new Map((await repo.applicationsByIds(deps.db, acted.map((x) => x.applicationId))).map((a) => [a.id, a]));
  // Only what the reader may still read (someone who left the department no longer sees its work).
  const done: WorkbenchEntry[] = [];
  for (const x of acted) {
    const a = rows.get(x.applicationId);
    if (a && (await canRead(deps.db, principal, a)) === 'official')
      done.push({ ...summaryOf(a, today), actions: [], myLastAction: last.get(a.id) ?? null });
  }
  return { todo, done };
}

/**
 * Accepts each application on its own (its own transaction, row lock, stage, role and
 * separation-of-duty checks: `actOn`); one refusal does not stop the others.
 */
export async function acceptMany(
  deps: FulfilmentDeps,
  principal: Principal,
  ctx: AuditContext,
  ids: readonly string[],
): Promise<BatchActionResult> {
  const results: BatchActionResult['results'] = [];
  for (const id of ids) {
    try {
      const view = await actOn(deps, principal, ctx, id, { action: 'accept' });
      results.push({ id, reference: view.reference, ok: true, statusLabel: STATUS_LABELS[view.status], problem: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The reference only of an application the reader may see anyway.
      const found = await repo.findApplication(deps.db, id);
      const visible = found && (await canRead(deps.db, principal, found)) === 'official';
      results.push({
        id,
        reference: visible ? found.reference : null,
        ok: false,
        statusLabel: null,
        problem: { code: error.code, message: error.text },
      });
    }
  }
  return { results };
}
