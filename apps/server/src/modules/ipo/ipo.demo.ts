/**
 * Demo data of the pre-IPO pool (never in production), made through the same use cases people use.
 * The pool in Nanning is kept by finance's demo finance office (南宁市地方金融监督管理局, the
 * catalogue's 市金融办, officer finoffice.nanning, role financial_regulator), which this demo maps
 * as the department fulfilling 市金融办's items there. Two firms: 南宁数联芯创科技股份有限公司
 * (ipo.firm1.nanning, aiming at the 北交所) admitted and at 辅导备案, verified; 广西绿源生物科技股份
 * 有限公司 (ipo.firm2.nanning) listed on the 新三板, verified: Nanning's two NEEQ listing subsidies
 * are pending awards in fulfilment.
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter, type IpoBoard, type IpoStage } from '@seedbed/contract';
import { membershipPermissions, permissionsFor, type MembershipInfo, type Principal } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import { EventBus } from '../../platform/events.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { storeUpload } from '../files/index.js';
import { organisationByName, setDepartment } from '../fulfilment/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { createEnterpriseSubject, recordFacts } from '../subjects/index.js';
import * as service from './ipo.service.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
export const IPO_FINANCE_OFFICE = '南宁市地方金融监督管理局';
export const IPO_DEMO_FIRMS = [
  { username: 'ipo.firm1.nanning', owner: '黄志远', name: '南宁数联芯创科技股份有限公司', region: '450103', serial: '5PA0701', industry: 'I65', board: 'bse' as IpoBoard, entered: 'reform' as IpoStage, reached: 'coaching' as IpoStage, daysAgo: 40 },
  { username: 'ipo.firm2.nanning', owner: '莫晓岚', name: '广西绿源生物科技股份有限公司', region: '450107', serial: '5PA0702', industry: 'C27', board: 'neeq' as IpoBoard, entered: 'filed' as IpoStage, reached: 'listed' as IpoStage, daysAgo: 12 },
] as const;

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
};

/** A one-page PDF standing for the stage's evidence (a filing notice, the listing announcement). */
function demoPdf(text: string): Buffer {
  const stream = Buffer.from(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`, 'latin1');
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

async function principalOf(deps: AppDeps, username: string): Promise<Principal | undefined> {
  const user = (await sql<{ id: string; display_name: string }>`SELECT id, display_name FROM identity_users WHERE username = ${username}`.execute(deps.db)).rows[0];
  if (!user) return undefined;
  const rows = (
    await sql<{ organisation_id: string; name: string; kind: string; region_code: string; roles: string[] }>`
      SELECT m.organisation_id, o.name, o.kind, o.region_code, m.roles FROM identity_memberships m JOIN identity_organisations o ON o.id = m.organisation_id WHERE m.user_id = ${user.id}`.execute(deps.db)
  ).rows;
  const memberships: MembershipInfo[] = rows.map((m) => ({
    organisationId: m.organisation_id,
    organisationName: m.name,
    organisationKind: m.kind,
    regionCode: m.region_code,
    roles: m.roles,
    permissions: membershipPermissions(deps.modules, m.kind, m.roles),
  }));
  return { userId: user.id, username, displayName: user.display_name, isPlatformAdmin: false, mfaEnabled: false, memberships, permissions: permissionsFor(deps.modules, false, memberships), sessionTokenHash: '' };
}

/**
 * The app subscribes the modules' event handlers when it is built, after the demo seeds: the seed
 * verifies stages with fulfilment's `award.pending` handler on a bus of its own, so the listing
 * subsidies reach fulfilment as they do in the running app (other events stay unheard, as in
 * every other module's demo).
 */
function withAwardHandler(deps: AppDeps): AppDeps {
  const bus = new EventBus(deps.modules.events);
  const wired: AppDeps = { ...deps, events: bus };
  for (const module of deps.modules.manifests) for (const subscription of module.events?.handles ?? []) if (subscription.event === 'award.pending') subscription.subscribe(bus, wired);
  return wired;
}

export async function seedIpoDemo(plain: AppDeps): Promise<boolean> {
  const deps = withAwardHandler(plain);
  if (await principalOf(deps, IPO_DEMO_FIRMS[0].username)) return false;
  const officer = await principalOf(deps, 'finoffice.nanning');
  const office = await organisationByName(deps.db, IPO_FINANCE_OFFICE, '450100');
  if (!officer || !office) return false; // finance's demo is not there
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = deps.clock.today();
  await deps.db.transaction().execute(async (trx) => {
    // The catalogue's 市金融办 in Nanning: it approves the NEEQ listing subsidies it verified the listing for.
    await setDepartment(trx, { lead_unit: '市金融办', region_code: '450100', organisation_id: office.id, note: '地方金融监督管理局（金融办） / the local financial regulator' });
    for (const f of IPO_DEMO_FIRMS) {
      const userId = await createUser(trx, deps, ctx, { username: f.username, displayName: f.owner, password: DEMO_PASSWORD, passwordHash });
      const code = creditCode(f.region, f.serial);
      const organisationId = await createOrganisation(trx, deps, ctx, { name: f.name, kind: 'enterprise', regionCode: f.region, creditCode: code });
      await setMembership(trx, deps, ctx, organisationId, userId, ['owner']);
      const subjectId = await createEnterpriseSubject(trx, deps, ctx, { organisationId, name: f.name, creditCode: code, regionCode: f.region });
      await recordFacts(trx, deps, ctx, subjectId, { facts: { founded_on: '2015-04-08', industry: f.industry, employees: 160 } });
    }
  });
  for (const f of IPO_DEMO_FIRMS) {
    const firm = (await principalOf(deps, f.username))!;
    const mine = await service.myIpo(deps, firm);
    const entry = await service.applyToPool(deps, firm, ctx, { subjectId: mine.mayApplyFor[0]!.subjectId, board: f.board, stage: f.entered, note: '主营业务收入连续三年增长，已聘请保荐机构，计划两年内完成挂牌或上市。' });
    await service.decide(deps, officer, ctx, entry.id, { admit: true, reason: null, note: '' });
    const pdf = await storeUpload(deps, firm, ctx, { filename: f.reached === 'listed' ? '挂牌公告.pdf' : '辅导备案受理通知.pdf', bytes: demoPdf(`Stage evidence ${f.serial}`) });
    const recorded = await service.recordStage(deps, firm, ctx, entry.id, { stage: f.reached, reachedOn: addDays(today, -f.daysAgo), evidenceFileId: pdf.id, note: f.reached === 'listed' ? '已在全国中小企业股份转让系统挂牌公开转让。' : '已在广西证监局辅导备案。' });
    await service.verifyStage(deps, officer, ctx, recorded.records.at(-1)!.id, { approve: true, note: '' });
  }
  return true;
}
