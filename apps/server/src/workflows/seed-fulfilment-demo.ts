import type { AppDeps } from '../platform/http.js';
import { systemActor } from '../modules/audit/index.js';
import { setBudget } from '../modules/budgets/index.js';
import { organisationByName, setDepartment, setPayingDepartment, setWorkflow, type WorkflowDefinition } from '../modules/fulfilment/index.js';
import { createOrganisation, createUser, setMembership } from '../modules/identity/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/seed-demo.js';
import { membershipPermissions, permissionsFor, type Principal } from '../platform/access.js';

/**
 * Demo data for fulfilment, after the foundation's demo (src/demo/seed-demo.ts): which demo
 * department acts for which catalogue unit (牵头单位) in which region, a department for the
 * catalogue's 市工信委 in Nanning (南宁市工业和信息化委员会, the name the 2016 document uses; the 2019
 * reform renamed it 市工业和信息化局) with an
 * officer, a reviewer and three expert assessors (role `expert`: they score, reviewers decide), the workflow of the Nanning new-product subsidy
 * (with expert review), and its budget for the current year. Runs once on a demo database.
 *
 * `config.demoPublicityDays` (SEEDBED_DEMO_PUBLICITY_DAYS) sets that item's publicity period (default 5 days); the browser
 * test sets 0 so that a walk from application to payment needs no waiting. Demo only.
 */
export const DEMO_ITEM = 'nn.new-product-subsidy';
export const DEMO_GXJ = '南宁市工业和信息化委员会';

/** Catalogue unit → demo organisation, per region (the mapping table, documented in the README). */
const MAPPINGS: [unit: string, region: string, organisation: string, note: string | null][] = [
  ['市科技局', '450100', '南宁市科学技术局', null],
  ['市人社局', '450100', '南宁市人力资源和社会保障局', null],
  ['市人力资源社会保障局', '450100', '南宁市人力资源和社会保障局', null],
  ['市财政局', '450100', '南宁市财政局', null],
  ['市工信委', '450100', DEMO_GXJ, '2019年机构改革后为市工业和信息化局 / renamed in the 2019 reform'],
  ['市科技局', '360100', '南昌市科学技术局', null],
  ['市科技局', '360600', '鹰潭市科学技术局', null],
  ['市科技局', '530400', '玉溪市科学技术局', null],
  // Yuxi's finance bureau pays the guaranteed-loan interest subsidies (its items' lead unit).
  ['市财政局', '530400', '玉溪市财政局', null],
];

export async function seedFulfilmentDemo(deps: AppDeps): Promise<boolean> {
  if (await organisationByName(deps.db, DEMO_GXJ, '450100')) return false;
  if (!(await organisationByName(deps.db, '南宁市财政局', '450100'))) return false; // the foundation's demo is not there
  const ctx = systemActor('demo-seed');
  await deps.db.transaction().execute(async (trx) => {
    const gxj = await createOrganisation(trx, deps, ctx, { name: DEMO_GXJ, kind: 'government', regionCode: '450100' });
    const people: [string, string, string[]][] = [
      ['officer.gxj.nanning', '蒙佳（工信经办）', ['officer']],
      ['reviewer.gxj.nanning', '韦东（工信审核）', ['reviewer']],
      // Experts score (fulfilment.assess); reviewers decide. Neither holds the other's role.
      ['expert1.nanning', '覃敏（评审专家）', ['expert']],
      ['expert2.nanning', '陆洋（评审专家）', ['expert']],
      // A third assessor: whoever declares a conflict of interest on an application still leaves two to score it.
      ['expert3.nanning', '梁宇（评审专家）', ['expert']],
    ];
    for (const [username, displayName, roles] of people) {
      const userId = await createUser(trx, deps, ctx, { username, displayName, password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
      await setMembership(trx, deps, ctx, gxj, userId, roles);
    }
    // 免申即享 items led by 市财政局 become pending awards of the finance bureau: someone there approves them.
    const finance = (await organisationByName(trx, '南宁市财政局', '450100'))!;
    const czOfficer = await createUser(trx, deps, ctx, { username: 'officer.cz.nanning', displayName: '农红（财政经办审核）', password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, deps, ctx, finance.id, czOfficer, ['officer', 'reviewer']);
    for (const [unit, region, name, note] of MAPPINGS) {
      const org = await organisationByName(trx, name, region);
      if (org) await setDepartment(trx, { lead_unit: unit, region_code: region, organisation_id: org.id, note });
    }
    // Awarded money in Nanning is paid (拨付) by the finance bureau.
    await setPayingDepartment(trx, { region_code: '450100', organisation_id: finance.id, note: '拨付由市财政局办理 / payments by the finance bureau' });
    const workflow: Partial<WorkflowDefinition> = {
      stages: [
        { key: 'acceptance', role: 'officer', department: 'lead', deadline: { days: 5, working: true } },
        { key: 'first_review', role: 'reviewer', department: 'lead', deadline: { days: 10, working: true } },
        { key: 'expert_review', role: 'officer', department: 'lead', deadline: { days: 10, working: true } },
        { key: 'approval', role: 'reviewer', department: 'lead', deadline: { days: 5, working: true } },
        { key: 'publicity', role: null, department: 'lead', deadline: null },
        { key: 'payment', role: 'finance', department: 'finance', deadline: { days: 15, working: true } },
      ],
      publicityDays: deps.config.demoPublicityDays,
    };
    await setWorkflow(trx, DEMO_ITEM, workflow);
    // Budgets are set by a finance officer of the finance bureau: the seed acts as one (platform administration sets no budget).
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
      itemId: DEMO_ITEM,
      year: Number(deps.clock.today().slice(0, 4)),
      amountFen: 50_000_000, // 50万元
      secondApprovalThresholdFen: 5_000_000, // above 5万元 a second finance officer approves
      financeDepartmentId: finance.id,
    });
  });
  return true;
}
