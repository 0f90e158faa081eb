/** The daily reminder of overdue work: the officers who act at the stage, and the programme office of the region. */
import { rolesGranting } from '../../platform/access.js';
import { notify } from '../notifications/index.js';
import { regionCovers } from '../policies/index.js';
import * as repo from './fulfilment.repository.js';
import { type Text } from './policy-source.js';
import { STAGE_PERMISSION, stageOf, STATUS_LABELS } from './workflow.js';
import { type FulfilmentDeps, ACTIVE_STAGES, workflowOfApplication } from './fulfilment.items.js';

/**
 * Daily job 'fulfilment.overdue_reminders': every application whose stage is past its due date
 * is brought to the officials who act at that stage (the lead department's members with the
 * stage's role; at payment, the finance department's) and to the programme office covering its
 * region — once per application, stage and due date (the notification's dedupe key), as each
 * person chose to be told.
 */
export async function remindOverdue(
  deps: FulfilmentDeps,
  date: string,
): Promise<{ overdue: number; notified: number }> {
  const rows = await repo.listApplications(deps.db, {
    statuses: ACTIVE_STAGES,
    overdueOn: date,
    limit: 10_000,
  });
  // Those who supervise fulfilment (the programme office) in the regions their departments cover.
  const office = await repo.governmentMembersWithAnyRole(
    deps.db,
    rolesGranting(deps.modules, 'fulfilment.supervise'),
  );
  let notified = 0;
  for (const a of rows) {
    const def = await workflowOfApplication(deps, a);
    const role = stageOf(def, a.status)?.role ?? null;
    // Whoever holds, in the department that acts, what the stage's role stands for.
    const acting =
      a.status === 'payment' ? await repo.payingDepartmentOf(deps.db, a.region_code) : a.department_id;
    const actors =
      role && acting
        ? await repo.membersWithAnyRole(
            deps.db,
            [acting],
            rolesGranting(deps.modules, STAGE_PERMISSION[role]),
          )
        : [];
    const supervisors = office
      .filter((o) => regionCovers(o.region_code, a.region_code))
      .map((o) => o.user_id);
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
