/**
 * Demo data of the mentors (never in production): mentor.nanning (a person account, 覃导师) and
 * two mentors the programme office entered without accounts, in Nanning. No second factor.
 */
import { sql } from 'kysely';
import type { MentorField, MentorIndustry } from '@seedbed/contract';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { createPersonSubject } from '../subjects/index.js';
import { createUser, hashPassword } from '../identity/index.js';
import * as repo from './mentors.repository.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';

const MENTORS: { username?: string; name: string; organisation: string; title: string; region: string; fields: MentorField[]; industries: MentorIndustry[]; availability: string; yearly: number; bio: string }[] = [
  { username: 'mentor.nanning', name: '覃志远', organisation: '广西创业投资有限公司', title: '投资总监', region: '450103', fields: ['business_plan', 'financing', 'finance_tax'], industries: ['I', 'M'], availability: '每周三下午，可面谈或线上', yearly: 12, bio: '十五年创业投资经验，辅导初创企业完善商业计划、对接天使投资。' },
  { name: '黎晓红', organisation: '广西大学商学院', title: '副教授', region: '450107', fields: ['marketing', 'ecommerce', 'business_plan'], industries: ['F', 'R'], availability: '每月第一、三周周五', yearly: 8, bio: '研究小微企业市场营销与电子商务，曾指导多个大学生创业团队。' },
  { name: '卢建国', organisation: '南宁市律师协会', title: '执业律师', region: '450102', fields: ['legal', 'hr'], industries: ['C', 'E'], availability: '预约后两周内', yearly: 6, bio: '专注公司设立、股权架构与劳动用工合规。' },
];

export async function seedMentorsDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'mentor.nanning'`.execute(deps.db)).rows.length > 0) return false;
  const office = (await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'office.nanning'`.execute(deps.db)).rows[0];
  if (!office) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const m of MENTORS) {
      let userId: string | null = null;
      if (m.username) {
        userId = await createUser(trx, deps, ctx, { username: m.username, displayName: m.name, password: DEMO_PASSWORD, passwordHash });
        await createPersonSubject(trx, deps, ctx, { userId, name: m.name });
      }
      await repo.insertMentor(trx, { user_id: userId, name: m.name, organisation: m.organisation, title: m.title, region_code: m.region, fields: m.fields, industries: m.industries, availability: m.availability, yearly_sessions: m.yearly, bio: m.bio, created_by: office.id, created_at: now });
    }
  });
  return true;
}
