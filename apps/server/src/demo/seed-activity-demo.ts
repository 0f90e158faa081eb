/**
 * Demo only: a year of work in Nanning, so the programme office's dashboard and the audit log
 * have something to show on a fresh demo. Four more demo enterprises (clearly named 演示) in
 * four districts apply for three items led by three departments; the departments' demo officers
 * accept, review, return, reject, approve and pay them through the same services the pages use,
 * each step on its own day in the past (a clock set to that day), so the audit log, the stage
 * times, the overdue work and the budgets are what that history would leave.
 *
 * Runs once, after the fulfilment demo, when `config.demoActivity` is on (SEEDBED_DEMO_ACTIVITY;
 * off under NODE_ENV=test and in browser tests unless they ask for it). It leaves the item the
 * fulfilment walk-through uses (工业新产品补助) and its budget alone, and puts no work in the inbox
 * of 南宁市工业和信息化委员会 (its applications here are all concluded).
 */
import type { AppDeps } from '../platform/http.js';
import { membershipPermissions, permissionsFor, type MembershipInfo, type Principal } from '../platform/access.js';
import { addDays, fixedClock } from '../platform/clock.js';
import { tablesOf } from '../platform/database.js';
import type { AuditContext } from '../modules/audit/index.js';
import { setBudget } from '../modules/budgets/index.js';
import { actOn, concludePublicity, organisationByName, submitApplication, withdraw } from '../modules/fulfilment/index.js';
import { createOrganisation, createUser, hashPassword, setMembership, type IdentityTables } from '../modules/identity/index.js';
import { matchSubject } from '../modules/finder/index.js';
import { createEnterpriseSubject, recordFacts } from '../modules/subjects/index.js';
import { approveAward } from '../workflows/approve-award.js';
import { requestAwardPayment } from '../workflows/pay-award.js';
import { DEMO_PASSWORD, demoCreditCode } from './seed-demo.js';

const WAN = 1_000_000;

/** The demo's enterprises of activity: username, owner, name, district, serial for the credit code. */
export const ACTIVITY_ENTERPRISES = [
  { key: 'E1', username: 'ent.demo1.nanning', owner: '苏明', name: '南宁演示精工装备有限公司', region: '450107', serial: '7AC0101' },
  { key: 'E2', username: 'ent.demo2.nanning', owner: '蓝海', name: '南宁演示智控科技有限公司', region: '450105', serial: '7AC0102' },
  { key: 'E3', username: 'ent.demo3.nanning', owner: '梁芳', name: '南宁演示云创信息有限公司', region: '450102', serial: '7AC0103' },
  { key: 'E4', username: 'ent.demo4.nanning', owner: '黄晓', name: '南宁演示新材科技有限公司', region: '450103', serial: '7AC0104' },
] as const;
type EnterpriseKey = (typeof ACTIVITY_ENTERPRISES)[number]['key'];

export const FIRST_SET = 'nn.first-set-equipment-reward';
export const COMPETITION = 'nn.competition-winner-project-priority';
export const UTILITY = 'nn.tenant-utility-subsidy';

type Step =
  | { do: 'accept' | 'pass'; by: string; daysAgo: number }
  | { do: 'return' | 'reject'; by: string; daysAgo: number; reason: string }
  | { do: 'approve'; by: string; daysAgo: number }
  | { do: 'conclude'; by: string; daysAgo: number }
  | { do: 'pay'; by: string; daysAgo: number }
  | { do: 'withdraw'; daysAgo: number };

interface Script {
  enterprise: EnterpriseKey;
  item: string;
  answers: Record<string, unknown>;
  productKey?: string;
  submittedDaysAgo: number;
  steps: Step[];
}

const firstSet = (salePriceYuan: number) => ({ nn_first_set_certified: true, nn_first_set_sold: true, nn_first_set_sale_price: salePriceYuan * 100 });
const utility = { is_incubated_in_base: true, nn_has_site_lease_contract: true, nn_months_in_quarter_in_base: 3, nn_utility_cost_quarter: 3_000_00 };
const competition = { nn_won_renowned_competition: true };

/**
 * The history, oldest first within each application. 工信委: two first-set rewards paid, one
 * rejected. 科技局: one concluded without money, one awaiting approval, two at acceptance.
 * 人社局: one at first review, one at acceptance, one returned, one rejected, one withdrawn.
 */
export const ACTIVITY: readonly Script[] = [
  { enterprise: 'E1', item: FIRST_SET, answers: firstSet(160_000), productKey: '演示数控成型机 SK-1', submittedDaysAgo: 140,
    steps: [{ do: 'accept', by: 'officer.gxj.nanning', daysAgo: 137 }, { do: 'pass', by: 'reviewer.gxj.nanning', daysAgo: 128 }, { do: 'approve', by: 'reviewer.gxj.nanning', daysAgo: 123 }, { do: 'conclude', by: 'officer.gxj.nanning', daysAgo: 115 }, { do: 'pay', by: 'finance.nanning', daysAgo: 110 }] },
  { enterprise: 'E2', item: FIRST_SET, answers: firstSet(240_000), productKey: '演示智能分拣线 ZK-2', submittedDaysAgo: 90,
    steps: [{ do: 'accept', by: 'officer.gxj.nanning', daysAgo: 86 }, { do: 'pass', by: 'reviewer.gxj.nanning', daysAgo: 79 }, { do: 'approve', by: 'reviewer.gxj.nanning', daysAgo: 75 }, { do: 'conclude', by: 'officer.gxj.nanning', daysAgo: 67 }, { do: 'pay', by: 'finance.nanning', daysAgo: 60 }] },
  { enterprise: 'E3', item: FIRST_SET, answers: firstSet(90_000), productKey: '演示巡检机器人 YC-3', submittedDaysAgo: 45,
    steps: [{ do: 'accept', by: 'officer.gxj.nanning', daysAgo: 44 }, { do: 'reject', by: 'reviewer.gxj.nanning', daysAgo: 40, reason: '该装备未列入国内首台（套）重大技术装备推广应用指导目录' }] },
  { enterprise: 'E3', item: COMPETITION, answers: competition, submittedDaysAgo: 60,
    steps: [{ do: 'accept', by: 'officer.nanning', daysAgo: 58 }, { do: 'pass', by: 'reviewer.nanning', daysAgo: 50 }, { do: 'approve', by: 'reviewer.nanning', daysAgo: 45 }, { do: 'conclude', by: 'officer.nanning', daysAgo: 37 }] },
  { enterprise: 'E1', item: COMPETITION, answers: competition, submittedDaysAgo: 30,
    steps: [{ do: 'accept', by: 'officer.nanning', daysAgo: 27 }, { do: 'pass', by: 'reviewer.nanning', daysAgo: 20 }] },
  { enterprise: 'E2', item: COMPETITION, answers: competition, submittedDaysAgo: 12, steps: [] },
  { enterprise: 'E4', item: COMPETITION, answers: competition, submittedDaysAgo: 1, steps: [] },
  { enterprise: 'E2', item: UTILITY, answers: utility, submittedDaysAgo: 100,
    steps: [{ do: 'accept', by: 'officer.hr.nanning', daysAgo: 97 }, { do: 'reject', by: 'officer.hr.nanning', daysAgo: 90, reason: '租用合同不在本季度有效期内' }] },
  { enterprise: 'E1', item: UTILITY, answers: utility, submittedDaysAgo: 70, steps: [{ do: 'return', by: 'officer.hr.nanning', daysAgo: 66, reason: '请补充本季度水电费缴费凭证' }] },
  { enterprise: 'E3', item: UTILITY, answers: utility, submittedDaysAgo: 20, steps: [{ do: 'accept', by: 'officer.hr.nanning', daysAgo: 18 }] },
  { enterprise: 'E2', item: UTILITY, answers: utility, submittedDaysAgo: 15, steps: [{ do: 'withdraw', daysAgo: 14 }] },
  { enterprise: 'E4', item: UTILITY, answers: utility, submittedDaysAgo: 8, steps: [] },
];

/** A demo account as the services see it (what a session would carry). */
async function principalOf(deps: AppDeps, username: string): Promise<Principal> {
  const t = tablesOf<IdentityTables>(deps.db);
  const user = await t.selectFrom('identity_users').select(['id', 'display_name', 'is_platform_admin']).where('username', '=', username).executeTakeFirstOrThrow();
  const rows = await t
    .selectFrom('identity_memberships as m')
    .innerJoin('identity_organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name', 'o.kind', 'o.region_code', 'm.roles'])
    .where('m.user_id', '=', user.id)
    .execute();
  const memberships: MembershipInfo[] = rows.map((r) => ({
    organisationId: r.id,
    organisationName: r.name,
    organisationKind: r.kind,
    regionCode: r.region_code,
    roles: r.roles,
    permissions: membershipPermissions(deps.modules, r.kind, r.roles),
  }));
  return {
    userId: user.id,
    username,
    displayName: user.display_name,
    isPlatformAdmin: user.is_platform_admin,
    mfaEnabled: true,
    memberships,
    permissions: permissionsFor(deps.modules, user.is_platform_admin, memberships),
    sessionTokenHash: '',
  };
}

const contextOf = (p: Principal): AuditContext => ({ actorUserId: p.userId, actor: p.username, requestId: null, ip: null });

export async function seedActivityDemo(deps: AppDeps): Promise<boolean> {
  if (!deps.config.demoActivity) return false;
  if (!(await organisationByName(deps.db, '南宁市工业和信息化委员会', '450100'))) return false; // the fulfilment demo is not there
  if (await organisationByName(deps.db, ACTIVITY_ENTERPRISES[0].name, ACTIVITY_ENTERPRISES[0].region)) return false;
  const today = deps.clock.today();
  const onDay = (daysAgo: number) => ({ ...deps, clock: fixedClock(`${addDays(today, -daysAgo)}T02:00:00Z`) });
  const seed = { actorUserId: null, actor: 'system:demo-seed', requestId: null, ip: null };

  // The enterprises, registered on the day before their first application.
  const subjects = new Map<EnterpriseKey, string>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const registered = onDay(Math.max(...ACTIVITY.map((s) => s.submittedDaysAgo)) + 1);
  await deps.db.transaction().execute(async (trx) => {
    for (const e of ACTIVITY_ENTERPRISES) {
      const userId = await createUser(trx, registered, seed, { username: e.username, displayName: e.owner, password: DEMO_PASSWORD, passwordHash });
      const creditCode = demoCreditCode(e.region, e.serial);
      const organisationId = await createOrganisation(trx, registered, seed, { name: e.name, kind: 'enterprise', regionCode: e.region, creditCode });
      await setMembership(trx, registered, seed, organisationId, userId, ['owner']);
      const subjectId = await createEnterpriseSubject(trx, registered, seed, { organisationId, name: e.name, creditCode, regionCode: e.region });
      await recordFacts(trx, registered, seed, subjectId, {
        facts: { founded_on: '2021-05-10', employees: 30, revenue: 1200 * WAN, total_assets: 900 * WAN, registered_capital: 300 * WAN, industry: e.key === 'E1' ? 'C34' : 'I65', is_tech_sme: e.key !== 'E4' },
      });
      subjects.set(e.key, subjectId);
    }
  });

  // The first-set reward's budget for each year the history pays in, set by the finance bureau.
  const finance = await principalOf(deps, 'finance.nanning');
  const financeDepartment = (await organisationByName(deps.db, '南宁市财政局', '450100'))!;
  const years = new Set(ACTIVITY.flatMap((s) => s.steps.filter((x) => x.do === 'approve').map((x) => Number(addDays(today, -x.daysAgo).slice(0, 4)))));
  years.add(Number(today.slice(0, 4)));
  for (const year of years) {
    await deps.db.transaction().execute((trx) =>
      setBudget(trx, deps, finance, contextOf(finance), { itemId: FIRST_SET, year, amountFen: 1_000_000_00, secondApprovalThresholdFen: 500_000_00, financeDepartmentId: financeDepartment.id }),
    );
  }

  const owners = new Map<EnterpriseKey, Principal>();
  for (const e of ACTIVITY_ENTERPRISES) owners.set(e.key, await principalOf(deps, e.username));
  const officials = new Map<string, Principal>();
  const official = async (username: string) => {
    if (!officials.has(username)) officials.set(username, await principalOf(deps, username));
    return officials.get(username)!;
  };

  for (const script of ACTIVITY) {
    const owner = owners.get(script.enterprise)!;
    const submitted = await submitApplication(onDay(script.submittedDaysAgo), owner, contextOf(owner), {
      itemId: script.item,
      subjectId: subjects.get(script.enterprise)!,
      answers: script.answers,
      ...(script.productKey ? { productKey: script.productKey } : {}),
      materials: {},
    });
    for (const step of script.steps) {
      const on = onDay(step.daysAgo);
      if (step.do === 'withdraw') {
        await withdraw(on, owner, contextOf(owner), submitted.id, null);
        continue;
      }
      const who = await official(step.by);
      const ctx = contextOf(who);
      if (step.do === 'approve') await approveAward(on, who, ctx, submitted.id, {});
      else if (step.do === 'conclude') await concludePublicity(on, who, ctx, submitted.id);
      else if (step.do === 'pay') await requestAwardPayment(on, who, ctx, { awardId: submitted.id, idempotencyKey: `demo-activity-${submitted.id}` });
      else await actOn(on, who, ctx, submitted.id, { action: step.do, ...('reason' in step ? { reason: step.reason } : {}) });
    }
  }
  // The finder's matches of these enterprises (what it records when a profile changes; no handler
  // hears the seed's events): the dashboard compares them with the applications.
  await deps.db.transaction().execute(async (trx) => {
    for (const subjectId of subjects.values()) await matchSubject(trx, deps, { subjectId, kind: 'enterprise' });
  });
  return true;
}
