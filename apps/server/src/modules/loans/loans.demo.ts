/**
 * Demo data of the guaranteed start-up loans (never in production): the lending bank in Nanning is
 * the finance module's demo bank (bank.nanning, 南宁邕江商业银行青秀支行), or where that demo has not
 * run, 广西北部湾银行南宁分行 made here (kind financial_institution, same account); a borrower (borrower.nanning, 蒙志远) whose loan of 100,000 yuan under
 * the Nanning item was reviewed by the HR bureau, guaranteed by the fund and granted four months
 * ago at 4.35 % in equal instalments over 24 months, so that the last quarter's interest
 * subsidy is due: the daily job `loans.quarter_subsidies` (queued once the server runs; demo data
 * are written before the event handlers exist) computes it and it becomes a pending award; the Nanning bad-debt reserve funded with 500,000 yuan; the
 * Yuxi interest-subsidy rule of the year shared province : city : county = 4 : 3 : 3 (document
 * 003), and a Nanning rule 4 : 3 : 3 for the demo quarter's year (demo data); a budget for the Nanning interest-subsidy item, and its publicity period the demo's
 * (SEEDBED_DEMO_PUBLICITY_DAYS, as the new-product subsidy's), so that the browser test carries a
 * quarter's award from approval through publicity to payment without waiting.
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter } from '@seedbed/contract';
import { membershipPermissions, permissionsFor, type Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { setBudget } from '../budgets/index.js';
import { organisationByName, setWorkflow } from '../fulfilment/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { createPersonSubject, recordFacts } from '../subjects/index.js';
import * as repo from './loans.repository.js';
import { addMonths } from './loans.schedule.js';
import { CONDITIONS, fundReserve, GRANTED, REQUESTED } from './loans.service.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
export const DEMO_BANK = '广西北部湾银行南宁分行';
export const DEMO_LOAN_ITEM = 'nn.startup-guaranteed-loan';
export const DEMO_SUBSIDY_ITEM = 'nn.startup-loan-interest-subsidy';

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
};

function financePrincipal(deps: AppDeps, finance: { id: string; name: string }, regionCode: string): Principal {
  const memberships = [{ organisationId: finance.id, organisationName: finance.name, organisationKind: 'government', regionCode, roles: ['finance'], permissions: membershipPermissions(deps.modules, 'government', ['finance']) }];
  return { userId: '', username: 'system:demo-seed', displayName: 'demo', isPlatformAdmin: false, mfaEnabled: true, memberships, permissions: permissionsFor(deps.modules, false, memberships), sessionTokenHash: '' };
}

export async function seedLoansDemo(deps: AppDeps): Promise<boolean> {
  const exists = await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'borrower.nanning'`.execute(deps.db);
  if (exists.rows.length > 0) return false;
  // The finance module's demo bank (its 创业担保贷款 product) lends, where that demo ran first.
  const lender = (
    await sql<{ user_id: string; organisation_id: string }>`
      SELECT u.id AS user_id, m.organisation_id FROM identity_users u
      JOIN identity_memberships m ON m.user_id = u.id
      JOIN identity_organisations o ON o.id = m.organisation_id AND o.kind = 'financial_institution'
      WHERE u.username = 'bank.nanning' LIMIT 1`.execute(deps.db)
  ).rows[0];
  const finance = await organisationByName(deps.db, '南宁市财政局', '450100');
  const yxFinance = await organisationByName(deps.db, '玉溪市财政局', '530400');
  const reviewer = await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'reviewer.hr.nanning'`.execute(deps.db);
  const financeUser = await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'finance.nanning'`.execute(deps.db);
  if (!finance || !yxFinance || !reviewer.rows[0] || !financeUser.rows[0]) return false; // the foundation's and training's demo are not there
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = deps.clock.today();
  const now = deps.clock.now();
  const year = Number(today.slice(0, 4));
  const startOn = addMonths(today, -4);
  await deps.db.transaction().execute(async (trx) => {
    let bankUser = lender?.user_id;
    let bank = lender?.organisation_id;
    if (!bankUser || !bank) {
      bankUser = await createUser(trx, deps, ctx, { username: 'bank.nanning', displayName: '卢信贷（银行客户经理）', password: DEMO_PASSWORD, passwordHash });
      bank = await createOrganisation(trx, deps, ctx, { name: DEMO_BANK, kind: 'financial_institution', regionCode: '450103', creditCode: creditCode('450103', '5BK0601') });
      await setMembership(trx, deps, ctx, bank, bankUser, ['owner']);
    }

    const userId = await createUser(trx, deps, ctx, { username: 'borrower.nanning', displayName: '蒙志远', password: DEMO_PASSWORD, passwordHash });
    const subjectId = await createPersonSubject(trx, deps, ctx, { userId, name: '蒙志远' });
    await recordFacts(trx, deps, ctx, subjectId, { facts: { id_number: '450103199507210015', gender: 'male', region: '450103', education: 'bachelor', graduated_on: '2018-06-30', [REQUESTED]: 10_000_000 } });
    await recordFacts(trx, deps, ctx, subjectId, { facts: { [CONDITIONS]: true, [GRANTED]: 10_000_000 } }, { source: 'registry:loans', verified: true });
    const created = new Date(Date.parse(`${addMonths(startOn, -1)}T02:00:00Z`));
    await repo.insertLoan(trx, {
      subject_id: subjectId,
      user_id: userId,
      item_id: DEMO_LOAN_ITEM,
      subsidy_item_id: DEMO_SUBSIDY_ITEM,
      region_code: '450100',
      amount_fen: 10_000_000,
      term_months: 24,
      purpose: '开办社区生鲜便利店：租金、装修和首批进货',
      status: 'granted',
      reviewed_by: reviewer.rows[0]!.id,
      reviewed_at: created,
      guaranteed_by: financeUser.rows[0]!.id,
      guaranteed_at: created,
      bank_org_id: bank,
      principal_fen: 10_000_000,
      annual_rate_bp: 435,
      start_on: startOn,
      method: 'equal_instalment',
      granted_by: bankUser,
      granted_at: new Date(Date.parse(`${startOn}T02:00:00Z`)),
      created_at: created,
    });
    // Yuxi: the interest subsidy shared by the province, the city and the county 4 : 3 : 3 (003).
    for (const item of ['yx.youth-guaranteed-loan-interest', 'yx.tech-founder-loan-increment-interest']) {
      await repo.upsertRule(trx, { item_id: item, year, rate_cap_bp: null, share_bp: 10_000, weights: [4, 3, 3], set_by: null, set_at: now });
    }
    // Nanning (demo data, not a source's rule): the finance bureau's rule for the year of the demo
    // quarter (the last quarter ended before today, the one the daily job computes) shares the
    // subsidy province : city : county = 4 : 3 : 3 (40 % / 30 % / 30 %), so the pages show a split.
    const month = Number(today.slice(5, 7));
    const quarterYear = month <= 3 ? year - 1 : year;
    await repo.upsertRule(trx, { item_id: DEMO_SUBSIDY_ITEM, year: quarterYear, rate_cap_bp: null, share_bp: 10_000, weights: [4, 3, 3], set_by: null, set_at: now });
    // The quarter's award goes approval → publicity → payment (the defaults for 免申即享); only the publicity period is the demo's.
    await setWorkflow(trx, DEMO_SUBSIDY_ITEM, { publicityDays: deps.config.demoPublicityDays });
    await setBudget(trx, deps, financePrincipal(deps, finance, '450100'), ctx, { itemId: DEMO_SUBSIDY_ITEM, year, amountFen: 50_000_000, secondApprovalThresholdFen: 10_000_000, financeDepartmentId: finance.id });
  });
  await fundReserve(deps, financePrincipal(deps, finance, '450100'), ctx, { regionCode: '450100', amountFen: 50_000_000 });
  return true;
}
