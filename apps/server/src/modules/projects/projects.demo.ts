/**
 * Demo data of the project library (never in production), in Yingtan: the city's human-resources
 * bureau (鹰潭市人力资源和社会保障局, `officer.hr.yingtan`, officer and reviewer, second factor)
 * keeps the library and is the department of the catalogue's 市人社局 there (so the project reward
 * reaches fulfilment); `research.yingtan` runs 鹰潭市铜产业技术服务中心 (a service provider with its
 * provider profile) and `inventor.yingtan` (程思远) is a person. Three projects are in the library,
 * one awaits admission, and ent.yingtan's firm has adopted the copper-alloy patent (accepted:
 * the successful start-up is still to record). Posters are not officials: no second factor.
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter, type ProjectKind, type ProjectOffer } from '@seedbed/contract';
import { addDays } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { setDepartment } from '../fulfilment/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { createOrganisationSubject, createPersonSubject, recordFacts } from '../subjects/index.js';
import * as repo from './projects.repository.js';
import { lexemesOf } from './projects.service.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
const DEMO_TOTP_SECRET = 'KRSXG5CTMVSWIYTFMQYDEMRWGAYDEMRW';
export const DEMO_HR_YINGTAN = '鹰潭市人力资源和社会保障局';
export const DEMO_PROVIDER_YINGTAN = '鹰潭市铜产业技术服务中心';

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
};

interface DemoProject {
  poster: 'provider' | 'person';
  title: string;
  kind: ProjectKind;
  summary: string;
  industry: string;
  region: string;
  offers: ProjectOffer[];
  /** Days ago it was admitted; null: still awaiting admission. */
  admittedDaysAgo: number | null;
}

const PROJECTS: DemoProject[] = [
  {
    poster: 'provider',
    title: '高导电铜合金线材制备专利',
    kind: 'patent',
    summary: '一种高导电、高强度铜合金线材的连续挤压制备方法（发明专利），适用于新能源汽车线束与电子连接器，可降低能耗约15%。提供工艺包与技术指导。',
    industry: 'C32',
    region: '360602',
    offers: ['transfer', 'licence'],
    admittedDaysAgo: 40,
  },
  {
    poster: 'provider',
    title: '废杂铜短流程再生利用技术',
    kind: 'research',
    summary: '市级科研项目成果：废杂铜经预处理后直接熔炼精炼成再生铜杆，流程短、排放低，已完成中试，适合中小企业建设再生铜生产线。',
    industry: 'C42',
    region: '360681',
    offers: ['licence', 'cooperation'],
    admittedDaysAgo: 25,
  },
  {
    poster: 'person',
    title: '乡村特产直播电商创业项目',
    kind: 'idea',
    summary: '以贵溪、余江的农特产品为货源，建设村级直播间，培训返乡青年主播，线上销售并统一品控与物流。提供完整的运营方案与供应商名单。',
    industry: 'F52',
    region: '360603',
    offers: ['cooperation', 'free'],
    admittedDaysAgo: 12,
  },
  {
    poster: 'person',
    title: '铜工艺文创礼品设计',
    kind: 'idea',
    summary: '以鹰潭铜文化和龙虎山道教文化为题材，设计铜制书签、摆件等文创礼品，面向景区与企业定制市场，已有十余款设计稿。',
    industry: 'C24',
    region: '360602',
    offers: ['cooperation'],
    admittedDaysAgo: null,
  },
];

export async function seedProjectsDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'research.yingtan'`.execute(deps.db)).rows.length > 0) return false;
  const adopter = (await sql<{ id: string; name: string; user_id: string }>`
    SELECT s.id, s.name, m.user_id FROM subjects s JOIN identity_memberships m ON m.organisation_id = s.organisation_id JOIN identity_users u ON u.id = m.user_id
     WHERE s.kind = 'enterprise' AND u.username = 'ent.yingtan'`.execute(deps.db)).rows[0];
  if (!adopter) return false; // the foundation's demo is not there
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = deps.clock.today();
  const now = deps.clock.now();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
  await deps.db.transaction().execute(async (trx) => {
    const hr = await createOrganisation(trx, deps, ctx, { name: DEMO_HR_YINGTAN, kind: 'government', regionCode: '360600' });
    const officer = await createUser(trx, deps, ctx, { username: 'officer.hr.yingtan', displayName: '邱敏（人社经办）', password: DEMO_PASSWORD, passwordHash, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, deps, ctx, hr, officer, ['officer', 'reviewer']);
    // The catalogue's 市人社局 in Yingtan: it keeps the project library and approves the project rewards.
    await setDepartment(trx, { lead_unit: '市人社局', region_code: '360600', organisation_id: hr, note: null });

    const providerUser = await createUser(trx, deps, ctx, { username: 'research.yingtan', displayName: '方志诚', password: DEMO_PASSWORD, passwordHash });
    const providerOrg = await createOrganisation(trx, deps, ctx, { name: DEMO_PROVIDER_YINGTAN, kind: 'service_provider', regionCode: '360602', creditCode: creditCode('360602', '3PJ0401') });
    await setMembership(trx, deps, ctx, providerOrg, providerUser, ['owner']);
    const providerSubject = (await createOrganisationSubject(trx, deps, ctx, { organisationId: providerOrg, organisationKind: 'service_provider', name: DEMO_PROVIDER_YINGTAN, regionCode: '360602' }))!;

    const personUser = await createUser(trx, deps, ctx, { username: 'inventor.yingtan', displayName: '程思远', password: DEMO_PASSWORD, passwordHash });
    const personSubject = await createPersonSubject(trx, deps, ctx, { userId: personUser, name: '程思远' });
    await recordFacts(trx, deps, ctx, personSubject, { facts: { region: '360602', gender: 'male', education: 'master' } });

    const ids: string[] = [];
    for (const p of PROJECTS) {
      const [subject, user, posterName] = p.poster === 'provider' ? [providerSubject, providerUser, DEMO_PROVIDER_YINGTAN] : [personSubject, personUser, '程思远'];
      const postedDaysAgo = (p.admittedDaysAgo ?? 0) + 5;
      ids.push(
        await repo.insertProject(
          trx,
          {
            poster_user_id: user,
            poster_subject_id: subject,
            title: p.title,
            kind: p.kind,
            summary: p.summary,
            industry: p.industry,
            region_code: p.region,
            offers: p.offers,
            attachment_file_id: null,
            keeper_id: hr,
            status: p.admittedDaysAgo === null ? 'submitted' : 'admitted',
            return_reason: null,
            decided_by: p.admittedDaysAgo === null ? null : officer,
            decided_at: p.admittedDaysAgo === null ? null : at(p.admittedDaysAgo),
            admitted_on: p.admittedDaysAgo === null ? null : addDays(today, -p.admittedDaysAgo),
            created_at: at(postedDaysAgo),
            updated_at: at(postedDaysAgo),
          },
          lexemesOf({ title: p.title, summary: p.summary, kind: p.kind, industry: p.industry, regionCode: p.region, offers: p.offers }, posterName),
        ),
      );
    }
    // ent.yingtan's firm adopted the patent; the poster agreed; the start-up is still to record.
    await repo.insertAdoption(trx, {
      project_id: ids[0]!,
      adopter_subject_id: adopter.id,
      requested_by: adopter.user_id,
      plan: '拟引进该专利技术，建设一条新能源汽车线束用铜合金线材生产线，预计带动就业20人。',
      status: 'accepted',
      answered_at: at(20),
      answer_note: '欢迎合作，可提供工艺包与现场指导。',
      created_at: at(22),
    });
  });
  return true;
}
