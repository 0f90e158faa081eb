/**
 * Demo data of training (never in production): trainer.nanning runs 南宁市青秀区创业职业培训学校 (a
 * training provider, organisation kind service_provider) with an SYB course in Qingxiu whose three
 * sessions end today, at the Nanning start-up training subsidy's standard of 1,000 yuan a
 * trainee; reviewer.hr.nanning (a second reviewer of the Nanning human-resources bureau) approves
 * what officer.hr.nanning accepts; the subsidy item has a budget for the year and the demo's
 * publicity period (SEEDBED_DEMO_PUBLICITY_DAYS). Operators are not officials: no second factor.
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter } from '@seedbed/contract';
import { addDays } from '../../platform/clock.js';
import { membershipPermissions, permissionsFor, type Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { setBudget } from '../budgets/index.js';
import { organisationByName, setWorkflow } from '../fulfilment/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import * as repo from './training.repository.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
const DEMO_TOTP_SECRET = 'KRSXG5CTMVSWIYTFMQYDEMRWGAYDEMRW';
export const DEMO_TRAINING_ITEM = 'nn.startup-training-subsidy';

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
};

export async function seedTrainingDemo(deps: AppDeps): Promise<boolean> {
  const exists = await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'trainer.nanning'`.execute(deps.db);
  if (exists.rows.length > 0) return false;
  const hr = await organisationByName(deps.db, '南宁市人力资源和社会保障局', '450100');
  const finance = await organisationByName(deps.db, '南宁市财政局', '450100');
  if (!hr || !finance) return false; // the foundation's demo is not there
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = deps.clock.today();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const uid = await createUser(trx, deps, ctx, { username: 'trainer.nanning', displayName: '莫培训', password: DEMO_PASSWORD, passwordHash });
    const org = await createOrganisation(trx, deps, ctx, { name: '南宁市青秀区创业职业培训学校', kind: 'service_provider', regionCode: '450103', creditCode: creditCode('450103', '5TR0301') });
    await setMembership(trx, deps, ctx, org, uid, ['owner']);
    // A second reviewer of the bureau: whoever accepted an application does not approve it.
    const reviewer = await createUser(trx, deps, ctx, { username: 'reviewer.hr.nanning', displayName: '蒋宁（人社审核）', password: DEMO_PASSWORD, passwordHash, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, deps, ctx, hr.id, reviewer, ['reviewer']);

    const courseId = await repo.insertCourse(trx, {
      organisation_id: org,
      title: '2026年第四期SYB创业培训班',
      kind: 'syb',
      region_code: '450103',
      place: '南宁市青秀区民族大道136号孵化楼A座3楼培训室',
      online: false,
      capacity: 30,
      item_id: DEMO_TRAINING_ITEM,
      subsidy_fen: 100_000,
      completed_at: null,
      created_by: uid,
      created_at: new Date(now.getTime() - 20 * 86_400_000),
    });
    await repo.insertSessions(trx, courseId, [
      { held_on: addDays(today, -2), hours: 8, topic: '创业意识与创业构思' },
      { held_on: addDays(today, -1), hours: 8, topic: '市场评估与企业组织' },
      { held_on: today, hours: 8, topic: '财务计划与创业计划书' },
    ]);

    await setWorkflow(trx, DEMO_TRAINING_ITEM, { publicityDays: deps.config.demoPublicityDays });
    const memberships = [{ organisationId: finance.id, organisationName: finance.name, organisationKind: 'government', regionCode: '450100', roles: ['finance'], permissions: membershipPermissions(deps.modules, 'government', ['finance']) }];
    const seeder: Principal = {
      userId: '',
      username: 'system:demo-seed',
      displayName: 'demo',
      isPlatformAdmin: false,
      mfaEnabled: true,
      memberships,
      permissions: permissionsFor(deps.modules, false, memberships),
      sessionTokenHash: '',
    };
    await setBudget(trx, deps, seeder, ctx, {
      itemId: DEMO_TRAINING_ITEM,
      year: Number(today.slice(0, 4)),
      amountFen: 10_000_000, // 10万元
      secondApprovalThresholdFen: 5_000_000,
      financeDepartmentId: finance.id,
    });
  });
  return true;
}
