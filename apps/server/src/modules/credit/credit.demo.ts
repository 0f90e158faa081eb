/**
 * Demo data of credit (never in production): the Nanning market regulator (南宁市市场监督管理局,
 * made here where no other demo made it) with its officer credit.officer (王信, roles officer:
 * enters, imports, decides repairs); the enterprise credit.ent (南宁诚远商贸有限公司, owner 黄诚远)
 * with a serious administrative penalty decided 13 months ago (so it is on the serious-violation
 * list today and may apply for repair), an ordinary one 2 months ago (published, not yet
 * repairable) and an honour. In Yingtan, the city's market regulator (鹰潭市市场监督管理局) with its
 * officer credit.officer.yingtan (程立, officer): the source department whose records gate the
 * Yingtan items that exclude 失信主体 (it holds no record at first; e2e/credit-gate.e2e.ts enters one).
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter } from '@seedbed/contract';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { organisationByName } from '../fulfilment/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { createEnterpriseSubject, recordFacts } from '../subjects/index.js';
import * as repo from './credit.repository.js';
import { syncCreditFacts } from './credit.service.js';
import { addMonths } from './credit.windows.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
const DEMO_TOTP_SECRET = 'KRSXG5CTMVSWIYTFMQYDEMRWGAYDEMRW';
export const DEMO_REGULATOR = '南宁市市场监督管理局';
export const DEMO_CREDIT_ENTERPRISE = '南宁诚远商贸有限公司';
export const DEMO_REGULATOR_YINGTAN = '鹰潭市市场监督管理局';

export const demoCreditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
};

export async function seedCreditDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'credit.officer'`.execute(deps.db)).rows.length > 0) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = deps.clock.today();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const regulator = (await organisationByName(trx, DEMO_REGULATOR, '450100'))?.id ?? (await createOrganisation(trx, deps, ctx, { name: DEMO_REGULATOR, kind: 'government', regionCode: '450100' }));
    const officer = await createUser(trx, deps, ctx, { username: 'credit.officer', displayName: '王信（市场监管信用科）', password: DEMO_PASSWORD, passwordHash, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, deps, ctx, regulator, officer, ['officer']);
    const yingtan = (await organisationByName(trx, DEMO_REGULATOR_YINGTAN, '360600'))?.id ?? (await createOrganisation(trx, deps, ctx, { name: DEMO_REGULATOR_YINGTAN, kind: 'government', regionCode: '360600' }));
    const yingtanOfficer = await createUser(trx, deps, ctx, { username: 'credit.officer.yingtan', displayName: '程立（市场监管信用科）', password: DEMO_PASSWORD, passwordHash, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, deps, ctx, yingtan, yingtanOfficer, ['officer']);

    const owner = await createUser(trx, deps, ctx, { username: 'credit.ent', displayName: '黄诚远', password: DEMO_PASSWORD, passwordHash });
    const creditCode = demoCreditCode('450103', '5CR0601');
    const org = await createOrganisation(trx, deps, ctx, { name: DEMO_CREDIT_ENTERPRISE, kind: 'enterprise', regionCode: '450103', creditCode });
    await setMembership(trx, deps, ctx, org, owner, ['owner']);
    const subjectId = await createEnterpriseSubject(trx, deps, ctx, { organisationId: org, name: DEMO_CREDIT_ENTERPRISE, creditCode, regionCode: '450103' });
    await recordFacts(trx, deps, ctx, subjectId, { facts: { founded_on: '2021-04-12', industry: 'F51', employees: 22, revenue: 900 * 1_000_000, total_assets: 600 * 1_000_000, registered_capital: 200 * 1_000_000 } });

    const records = [
      { kind: 'administrative_penalty' as const, severity: 'serious' as const, decision_number: '南市监处罚〔2025〕88号', decided_on: addMonths(today, -13), legal_basis: '《中华人民共和国产品质量法》第四十九条', content: '销售不合格电线电缆，货值金额较大，没收违法所得并处罚款三十万元' },
      { kind: 'administrative_penalty' as const, severity: 'ordinary' as const, decision_number: '南市监处罚〔2026〕41号', decided_on: addMonths(today, -2), legal_basis: '《中华人民共和国价格法》第四十二条', content: '未按规定明码标价，罚款五千元' },
      { kind: 'honour' as const, severity: null, decision_number: '南市监〔2024〕12号', decided_on: '2024-03-15', legal_basis: '《广西壮族自治区守合同重信用企业公示办法》', content: '2023年度“守合同重信用”企业' },
    ];
    for (const r of records) {
      await repo.insertRecord(trx, { ...r, credit_code: creditCode, subject_name: DEMO_CREDIT_ENTERPRISE, subject_id: subjectId, source_org_id: regulator, origin: 'entered', recorded_by: officer, recorded_at: now });
    }
    await syncCreditFacts(trx, deps, ctx, subjectId);
  });
  return true;
}
