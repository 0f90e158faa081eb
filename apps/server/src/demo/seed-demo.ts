import { creditCodeCheckCharacter } from '@seedbed/contract';
import type { AppDeps } from '../platform/http.js';
import { systemActor } from '../modules/audit/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../modules/identity/index.js';
import { seedRenewedItems, shippedCatalogue } from '../modules/policies/index.js';
import { listChildren } from '../modules/regions/index.js';
import { createEnterpriseSubject, createPersonSubject, hasDemoPopulation, insertDemoPopulation, recordFacts } from '../modules/subjects/index.js';
import { DEMO_REGIONS, generatePopulation } from './demo-population.js';
import { tablesOf } from '../platform/database.js';
import type { IdentityTables } from '../modules/identity/index.js';
import { membershipPermissions, permissionsFor, type Principal } from '../platform/access.js';

/**
 * Demo data for a newcomer: departments in the five source cities, one account for every role,
 * and enterprises with profiles. Created only on an empty database and never in production
 * (main.ts only calls this when config.demo is set, which production forbids).
 * The accounts are listed in the README. Then the programme office (office.nanning) renews a
 * few Nanning items for 2026–2027 through the policies module's publish path (policies.demo.ts).
 */
export const DEMO_PASSWORD = 'Seedbed-demo-2026';
/** Second-factor secret shared by the demo's government and admin accounts (README; `npm run demo:totp`). */
export const DEMO_TOTP_SECRET = 'KRSXG5CTMVSWIYTFMQYDEMRWGAYDEMRW';

const WAN = 1_000_000;

/** A valid credit code for a demo enterprise: 91 + region + MA + 7-character serial + check. */
export function demoCreditCode(region: string, serial: string): string {
  const first17 = `91${region}MA${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
}

interface DemoEnterprise {
  username: string;
  owner: string;
  name: string;
  region: string;
  serial: string;
  facts: Record<string, string | number | boolean>;
}

const ENTERPRISES: DemoEnterprise[] = [
  { username: 'ent.nanning', owner: '林晓青', name: '南宁青禾智能科技有限公司', region: '450103', serial: '5KQ0001',
    facts: { founded_on: '2025-06-18', industry: 'I65', employees: 18, revenue: 320 * WAN, total_assets: 260 * WAN, registered_capital: 100 * WAN, is_tech_sme: true, is_small_scale_taxpayer: true } },
  { username: 'ent.nanchang', owner: '胡振宇', name: '南昌赣新材料有限公司', region: '360111', serial: '38A0002',
    facts: { founded_on: '2023-03-09', industry: 'C30', employees: 46, revenue: 1800 * WAN, total_assets: 1500 * WAN, registered_capital: 500 * WAN, is_high_tech_enterprise: true } },
  { username: 'ent.yingtan', owner: '吴丽', name: '鹰潭铜创电子商务有限公司', region: '360602', serial: '35B0003',
    facts: { founded_on: '2026-02-01', industry: 'F52', employees: 6, revenue: 80 * WAN, total_assets: 40 * WAN, registered_capital: 50 * WAN } },
  { username: 'ent.yuxi', owner: '杨建华', name: '玉溪滇云生物科技有限公司', region: '530402', serial: '6KC0004',
    facts: { founded_on: '2024-11-20', industry: 'M73', employees: 12, revenue: 150 * WAN, total_assets: 300 * WAN, registered_capital: 200 * WAN, is_tech_sme: true, yx_is_innovative_enterprise: true } },
  { username: 'ent.yuetang', owner: '周湘', name: '湘潭岳塘智造装备有限公司', region: '430304', serial: '4LD0005',
    facts: { founded_on: '2022-08-15', industry: 'C34', employees: 65, revenue: 2600 * WAN, total_assets: 2200 * WAN, registered_capital: 800 * WAN } },
];

interface DemoDepartment {
  key: string;
  name: string;
  region: string;
}

const DEPARTMENTS: DemoDepartment[] = [
  { key: 'nn.kj', name: '南宁市科学技术局', region: '450100' },
  { key: 'nn.rs', name: '南宁市人力资源和社会保障局', region: '450100' },
  { key: 'nn.cz', name: '南宁市财政局', region: '450100' },
  { key: 'nn.sc', name: '南宁市推进大众创业万众创新工作办公室', region: '450100' },
  { key: 'nc.kj', name: '南昌市科学技术局', region: '360100' },
  { key: 'yt.kj', name: '鹰潭市科学技术局', region: '360600' },
  { key: 'yx.kj', name: '玉溪市科学技术局', region: '530400' },
  { key: 'yx.cz', name: '玉溪市财政局', region: '530400' },
  { key: 'yuetang.rs', name: '岳塘区人力资源和社会保障局', region: '430304' },
];

/** Government accounts: username, display name, department key, roles. */
const OFFICERS: [string, string, string, string[]][] = [
  ['officer.nanning', '王敏（经办）', 'nn.kj', ['officer']],
  // A second officer of the same department: approves a colleague's policy publication above the thresholds.
  ['officer2.nanning', '覃雪（经办）', 'nn.kj', ['officer']],
  ['reviewer.nanning', '李强（审核）', 'nn.kj', ['reviewer']],
  ['finance.nanning', '张华（财务）', 'nn.cz', ['finance']],
  ['finance2.nanning', '赵静（财务复核）', 'nn.cz', ['finance']],
  ['office.nanning', '陈刚（双创办）', 'nn.sc', ['programme_office']],
  ['officer.hr.nanning', '黄丽（人社经办）', 'nn.rs', ['officer', 'reviewer']],
  ['officer.nanchang', '刘洋（经办）', 'nc.kj', ['officer', 'reviewer']],
  ['officer.yingtan', '徐红（经办）', 'yt.kj', ['officer', 'reviewer']],
  ['officer.yuxi', '段云（经办）', 'yx.kj', ['officer', 'reviewer']],
  // Yuxi's finance bureau settles the innovation vouchers: two officers for the two-person rule.
  ['finance.yuxi', '李梅（财务）', 'yx.cz', ['finance']],
  ['finance2.yuxi', '杨帆（财务复核）', 'yx.cz', ['finance']],
  ['officer.yuetang', '彭涛（经办）', 'yuetang.rs', ['officer', 'reviewer']],
];

export async function seedDemo(deps: AppDeps): Promise<boolean> {
  const existing = await tablesOf<IdentityTables>(deps.db).selectFrom('identity_users').select('id').limit(1).execute();
  if (existing.length > 0) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let office: { userId: string; organisationId: string } | undefined;
  await deps.db.transaction().execute(async (trx) => {
    await createUser(trx, deps, ctx, { username: 'admin', displayName: '平台管理员', password: DEMO_PASSWORD, passwordHash, isPlatformAdmin: true, mfaSecret: DEMO_TOTP_SECRET });
    const departments = new Map<string, string>();
    for (const d of DEPARTMENTS) {
      departments.set(d.key, await createOrganisation(trx, deps, ctx, { name: d.name, kind: 'government', regionCode: d.region }));
    }
    for (const [username, displayName, dept, roles] of OFFICERS) {
      const userId = await createUser(trx, deps, ctx, { username, displayName, password: DEMO_PASSWORD, passwordHash, mfaSecret: DEMO_TOTP_SECRET });
      await setMembership(trx, deps, ctx, departments.get(dept)!, userId, roles);
      if (username === 'office.nanning') office = { userId, organisationId: departments.get(dept)! };
    }
    for (const e of ENTERPRISES) {
      const userId = await createUser(trx, deps, ctx, { username: e.username, displayName: e.owner, password: DEMO_PASSWORD, passwordHash });
      const creditCode = demoCreditCode(e.region, e.serial);
      const organisationId = await createOrganisation(trx, deps, ctx, { name: e.name, kind: 'enterprise', regionCode: e.region, creditCode });
      await setMembership(trx, deps, ctx, organisationId, userId, ['owner']);
      const subjectId = await createEnterpriseSubject(trx, deps, ctx, { organisationId, name: e.name, creditCode, regionCode: e.region });
      await recordFacts(trx, deps, ctx, subjectId, { facts: e.facts });
    }
    const founderId = await createUser(trx, deps, ctx, { username: 'founder', displayName: '韦小燕', password: DEMO_PASSWORD, passwordHash });
    const personId = await createPersonSubject(trx, deps, ctx, { userId: founderId, name: '韦小燕' });
    await recordFacts(trx, deps, ctx, personId, {
      facts: { id_number: '450103199803150029', gender: 'female', region: '450103', education: 'bachelor', graduated_on: '2024-06-30', is_registered_unemployed: false },
    });
  });
  const department = DEPARTMENTS.find((d) => d.key === 'nn.sc')!;
  const memberships = [
    { organisationId: office!.organisationId, organisationName: department.name, organisationKind: 'government', regionCode: department.region, roles: ['programme_office'], permissions: membershipPermissions(deps.modules, 'government', ['programme_office']) },
  ];
  const programmeOffice: Principal = {
    userId: office!.userId,
    username: 'office.nanning',
    displayName: '陈刚（双创办）',
    isPlatformAdmin: false,
    mfaEnabled: true,
    memberships,
    permissions: permissionsFor(deps.modules, false, memberships),
    sessionTokenHash: '',
  };
  await seedDemoPopulation(deps);
  await seedRenewedItems(deps, programmeOffice, { ...ctx, actorUserId: office!.userId, actor: 'office.nanning' });
  return true;
}

/** The synthetic population (demo-population.ts) over the districts of the five source regions: config.demoPopulation subjects. */
export async function seedDemoPopulation(deps: AppDeps): Promise<number> {
  if (deps.config.demoPopulation === 0 || (await hasDemoPopulation(deps.db))) return 0;
  const districts = new Map<string, string[]>();
  for (const r of DEMO_REGIONS) districts.set(r.code, (await listChildren(deps.db, r.code)).map((d) => d.code));
  const variables = new Map([...shippedCatalogue().rules.variables].map(([name, v]) => [name, v] as const));
  const subjects = generatePopulation({ count: deps.config.demoPopulation, today: deps.clock.today(), districts, variables });
  return insertDemoPopulation(deps.db, deps, systemActor('demo-seed'), subjects);
}
