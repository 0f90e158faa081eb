/**
 * Demo data of the competitions (never in production), made through the same use cases people
 * use: 南宁市双创办 (office.nanning) keeps an expert pool of the three demo experts — 梁宇
 * (expert3.nanning) is a shareholder of 南宁青禾智能科技有限公司 (ent.nanning) — and runs a call
 * in progress, “南宁市第二届创新创业大赛”, open for entries, with entries of ent.nanning and two
 * young firms whose owners sign in as startup1.nanning and startup2.nanning.
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter } from '@seedbed/contract';
import { membershipPermissions, permissionsFor, type MembershipInfo, type Principal } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { storeUpload } from '../files/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { createEnterpriseSubject, listMine, recordFacts } from '../subjects/index.js';
import * as service from './competitions.service.js';

/** A demo account as a principal (the demo acts through the same use cases as people do). */
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

/** A one-page PDF standing for a pitch deck. */
export function demoDeck(text: string): Buffer {
  const stream = Buffer.from(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`, 'latin1');
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

const DEMO_PASSWORD = 'Seedbed-demo-2026';

/** Two young Nanning firms that enter the demo call (their owners sign in as startup1/2.nanning). */
export const DEMO_STARTUPS = [
  { username: 'startup1.nanning', owner: '苏明', name: '南宁精工智造装备有限公司', region: '450107', serial: '5CP0301', founded: '2023-03-15' },
  { username: 'startup2.nanning', owner: '蓝海', name: '南宁智控能源科技有限公司', region: '450105', serial: '5CP0302', founded: '2024-08-01' },
] as const;

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new Error(`demo credit code ${first17}: characters outside the code's alphabet`);
  return first17 + check;
};

const creditCodeOf = async (deps: AppDeps, name: string) =>
  (await sql<{ credit_code: string | null }>`SELECT credit_code FROM subjects WHERE kind = 'enterprise' AND name = ${name}`.execute(deps.db)).rows[0]?.credit_code ?? null;

export const DEMO_CALL_TITLE = '南宁市第二届创新创业大赛';

export async function seedCompetitionsDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ n: number }>`SELECT count(*)::int AS n FROM competition_calls`.execute(deps.db)).rows[0]!.n > 0) return false;
  const office = await principalOf(deps, 'office.nanning');
  if (!office || !(await principalOf(deps, 'ent.nanning')) || !(await principalOf(deps, 'expert3.nanning'))) return false;
  const ctx = systemActor('demo-seed');
  if (!(await principalOf(deps, DEMO_STARTUPS[0].username))) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await deps.db.transaction().execute(async (trx) => {
      for (const e of DEMO_STARTUPS) {
        const userId = await createUser(trx, deps, ctx, { username: e.username, displayName: e.owner, password: DEMO_PASSWORD, passwordHash });
        const code = creditCode(e.region, e.serial);
        const organisationId = await createOrganisation(trx, deps, ctx, { name: e.name, kind: 'enterprise', regionCode: e.region, creditCode: code });
        await setMembership(trx, deps, ctx, organisationId, userId, ['owner']);
        const subjectId = await createEnterpriseSubject(trx, deps, ctx, { organisationId, name: e.name, creditCode: code, regionCode: e.region });
        await recordFacts(trx, deps, ctx, subjectId, { facts: { founded_on: e.founded, industry: 'C34', employees: 18 } });
      }
    });
  }
  const entrants = await Promise.all(['ent.nanning', ...DEMO_STARTUPS.map((s) => s.username)].map((u) => principalOf(deps, u)));
  const qinghe = await creditCodeOf(deps, '南宁青禾智能科技有限公司');
  await service.addExpert(deps, office, ctx, { username: 'expert1.nanning', employerName: '广西大学', employerCreditCode: null, fields: '电子信息、智能制造', ties: [] });
  await service.addExpert(deps, office, ctx, { username: 'expert2.nanning', employerName: '广西科技大学', employerCreditCode: null, fields: '新材料、先进制造', ties: [] });
  await service.addExpert(deps, office, ctx, {
    username: 'expert3.nanning',
    employerName: '南宁市生产力促进中心',
    employerCreditCode: null,
    fields: '创业投资、企业管理',
    ties: qinghe ? [{ creditCode: qinghe, enterpriseName: '南宁青禾智能科技有限公司', relation: 'shareholder' }] : [],
  });
  const today = deps.clock.today();
  const call = await service.createCall(deps, office, ctx, {
    title: DEMO_CALL_TITLE,
    rules: '参赛对象为在南宁市注册、成立不超过5年的企业。每家企业限报一个项目，须提交商业计划书（路演材料PDF）。初赛由评审组按评分标准书面评审，排名前列者进入决赛现场路演。',
    regionCode: '450100',
    tracks: ['电子信息', '先进制造', '现代服务'],
    criteria: [
      { name: '创新性', max: 40 },
      { name: '市场前景', max: 30 },
      { name: '团队', max: 30 },
    ],
    opensOn: addDays(today, -20),
    closesOn: addDays(today, 10),
    finalOn: addDays(today, 40),
    finalists: 2,
    prizes: 1,
  });
  const projects = [
    { track: '电子信息', project: '青禾边缘AI视觉质检盒', summary: '面向中小制造企业的边缘计算视觉质检设备，部署一天即可上线，误检率低于千分之五。', team: [{ name: '林晓青', role: '负责人' }, { name: '韦峰', role: '算法' }] },
    { track: '先进制造', project: '精工数控成型机远程运维平台', summary: '为数控成型机提供远程监测、预测性维护和备件调度，降低停机时间三成。', team: [{ name: '苏明', role: '负责人' }, { name: '黄磊', role: '硬件' }] },
    { track: '现代服务', project: '智控园区能耗托管服务', summary: '为产业园区提供能耗监测与托管运营服务，按节能效益分成收费。', team: [{ name: '蓝海', role: '负责人' }] },
  ];
  for (const [i, p] of projects.entries()) {
    const who = entrants[i]!;
    const subjectId = (await listMine(deps.db, who)).find((s) => s.kind === 'enterprise')!.id;
    const deck = await storeUpload(deps, who, ctx, { filename: `${p.project}-商业计划书.pdf`, bytes: demoDeck(`Pitch deck ${i + 1}`) });
    await service.enter(deps, who, ctx, call.id, { subjectId, ...p, deckFileId: deck.id });
  }
  return true;
}
