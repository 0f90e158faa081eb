/**
 * Demo data of investors (never in production): three investors of Nanning with their accounts —
 * inv.angel.nanning (南宁邕创天使投资合伙企业, angel), inv.vc.nanning (广西北部湾创新创业投资有限公司,
 * venture) and inv.fund.nanning (南宁市科技成果转化引导基金, government guidance fund) — each
 * verified by the finance office (finoffice.nanning, from the finance demo); ent.nanning's firm
 * posted a roadshow project that the office published; inv.angel.nanning expressed interest and
 * the firm has not answered yet.
 */
import { sql } from 'kysely';
import type { InvestmentSector, InvestmentStage, InvestorKind } from '@seedbed/contract';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { indexLexemes } from '../policies/index.js';
import * as repo from './investors.repository.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
const WAN = 1_000_000; // 1 万元 in fen

interface DemoInvestor {
  username: string;
  person: string;
  name: string;
  kind: InvestorKind;
  stages: InvestmentStage[];
  sectors: InvestmentSector[];
  min: number;
  max: number;
  region: string;
  intro: string;
  phone: string;
  email: string;
}
const INVESTORS: DemoInvestor[] = [
  { username: 'inv.angel.nanning', person: '黄以宁（合伙人）', name: '南宁邕创天使投资合伙企业', kind: 'angel', stages: ['seed', 'angel'], sectors: ['digital', 'new_materials'], min: 50 * WAN, max: 300 * WAN, region: '450103', intro: '专注南宁本地早期科技项目的天使投资机构，已投资电子信息、新材料领域初创企业 20 余家，可提供创业辅导与后续融资对接。', phone: '0771-5801234', email: 'angel@yongchuang.example.cn' },
  { username: 'inv.vc.nanning', person: '覃思远（投资总监）', name: '广西北部湾创新创业投资有限公司', kind: 'venture', stages: ['series_a', 'series_b', 'growth'], sectors: ['manufacturing', 'new_energy', 'biomedicine'], min: 500 * WAN, max: 3000 * WAN, region: '450107', intro: '面向北部湾经济区成长期企业的创业投资机构，重点关注先进制造、新能源和生物医药，单笔投资 500 万元至 3000 万元。', phone: '0771-5802345', email: 'vc@bbwvc.example.cn' },
  { username: 'inv.fund.nanning', person: '陆晓岚（基金管理人）', name: '南宁市科技成果转化引导基金', kind: 'guidance_fund', stages: ['angel', 'series_a'], sectors: ['digital', 'biomedicine', 'agriculture'], min: 100 * WAN, max: 1000 * WAN, region: '450100', intro: '由市财政出资设立的政府引导基金，通过参股子基金和直接跟投支持科技成果在南宁转化，优先支持本市高新技术企业和科技型中小企业。', phone: '0771-5803456', email: 'fund@nnkjjj.example.cn' },
];

export async function seedInvestorsDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'inv.angel.nanning'`.execute(deps.db)).rows.length > 0) return false;
  const office = (await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'finoffice.nanning'`.execute(deps.db)).rows[0];
  const ent = (
    await sql<{ subject_id: string; region_code: string; user_id: string; name: string }>`
      SELECT s.id AS subject_id, s.region_code, u.id AS user_id, s.name FROM identity_users u JOIN identity_memberships m ON m.user_id = u.id JOIN subjects s ON s.organisation_id = m.organisation_id AND s.kind = 'enterprise'
       WHERE u.username = 'ent.nanning'`.execute(deps.db)
  ).rows[0];
  if (!office || !ent) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  await deps.db.transaction().execute(async (trx) => {
    const ids: { investor: string; user: string }[] = [];
    for (const d of INVESTORS) {
      const user = await createUser(trx, deps, ctx, { username: d.username, displayName: d.person, password: DEMO_PASSWORD, passwordHash });
      const org = await createOrganisation(trx, deps, ctx, { name: d.name, kind: 'investor', regionCode: d.region });
      await setMembership(trx, deps, ctx, org, user, ['owner']);
      const at = daysAgo(40);
      const investor = await repo.insertInvestor(
        trx,
        { organisation_id: org, name: d.name, kind: d.kind, stages: JSON.stringify(d.stages), sectors: JSON.stringify(d.sectors), ticket_min_fen: d.min, ticket_max_fen: d.max, region_code: d.region, intro: d.intro, contact_name: d.person.replace(/（.*）/, ''), contact_phone: d.phone, contact_email: d.email, created_at: at, updated_at: at },
        indexLexemes(`${d.name} ${d.intro}`),
      );
      await repo.decideInvestor(trx, investor, 'verified', '', office.id, daysAgo(38));
      ids.push({ investor, user });
    }
    const project = await repo.insertProject(trx, {
      subject_id: ent.subject_id,
      region_code: ent.region_code,
      name: '工业视觉缺陷检测系统 A 轮融资',
      sector: 'digital',
      stage: 'series_a',
      amount_fen: 800 * WAN,
      use_of_funds: '扩充算法研发团队（约 50%），建设南宁中试产线（约 30%），市场推广与补充流动资金（约 20%）。',
      summary: '基于深度学习的工业视觉缺陷检测系统，已在广西 12 家制造企业落地，检出率 99.2%，2026 年营业收入预计 1800 万元。本轮拟出让不超过 15% 的股权。',
      deck_file_id: null,
      contact_name: '李明（创始人）',
      contact_phone: '0771-5806789',
      contact_email: 'bp@example-firm.cn',
      posted_by: ent.user_id,
      posted_at: daysAgo(20),
    });
    await repo.decideProject(trx, project, 'published', '', office.id, daysAgo(18));
    await repo.insertInterest(trx, { project_id: project, investor_id: ids[0]!.investor, message: '我们关注工业视觉赛道，希望约时间到贵公司实地了解产线和客户情况。', created_by: ids[0]!.user, created_at: daysAgo(3) });
  });
  return true;
}
