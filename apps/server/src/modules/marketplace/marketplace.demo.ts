/**
 * Demo data of the marketplace (never in production): in Yuxi a certified provider
 * (provider.yuxi: IP and testing) with listings, settled and rated orders from ent.yuxi (one paid
 * in part with ent.yuxi's demo voucher, redeemed and waiting for finance's settlement) and one
 * order waiting for its confirmation; a second Yuxi provider (provider2.yuxi) whose application
 * is pending; a certified provider in Nanning. Same demo password as every account; providers
 * are not officials, so no second factor.
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter, SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { storeUpload } from '../files/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { indexLexemes } from '../policies/index.js';
import * as repo from './marketplace.repository.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface DemoProvider {
  username: string;
  owner: string;
  name: string;
  region: string;
  serial: string;
  certification: 'certified' | 'pending';
  categories: ServiceCategory[];
  qualifications: string;
  listings: { title: string; description: string; category: ServiceCategory; min: number; max: number; days: number; voucher: boolean }[];
}

export const DEMO_PROVIDERS: DemoProvider[] = [
  {
    username: 'provider.yuxi',
    owner: '李知信',
    name: '玉溪知信知识产权服务有限公司',
    region: '530402',
    serial: '6PR0101',
    certification: 'certified',
    categories: ['ip', 'testing'],
    qualifications: '专利代理机构执业许可证；专职专利代理师5名；近三年代理发明专利申请120件、实用新型280件；CMA检验检测机构资质认定证书。',
    listings: [
      { title: '发明专利申请代理', description: '技术交底、检索分析、撰写与答复审查意见，全程代理发明专利申请。', category: 'ip', min: 500_000, max: 800_000, days: 30, voucher: true },
      { title: '商标注册代理', description: '商标查询、分类建议、注册申请及补正。', category: 'ip', min: 120_000, max: 120_000, days: 10, voucher: true },
      { title: '产品质量检验检测', description: '依据国家标准对食品、生物制品开展理化与微生物检测，出具CMA报告。', category: 'testing', min: 200_000, max: 600_000, days: 15, voucher: false },
    ],
  },
  {
    username: 'provider2.yuxi',
    owner: '赵精测',
    name: '玉溪精测检验检测有限公司',
    region: '530402',
    serial: '6PR0102',
    certification: 'pending',
    categories: ['testing'],
    qualifications: 'CMA检验检测机构资质认定证书；实验室面积800平方米；检测人员12名；年出具检测报告3000余份。',
    listings: [],
  },
  {
    username: 'provider.nanning',
    owner: '覃律信',
    name: '南宁律信法律咨询有限公司',
    region: '450103',
    serial: '5PR0103',
    certification: 'certified',
    categories: ['legal', 'finance'],
    qualifications: '律师事务所合作协议；执业律师4名、注册会计师2名；服务中小企业200余家。',
    listings: [
      { title: '企业法律顾问（年度）', description: '合同审查、劳动用工、股权设计等常年法律顾问服务。', category: 'legal', min: 1_200_000, max: 3_000_000, days: 365, voucher: true },
      { title: '财税健康检查', description: '账务规范、税务风险排查与改进建议。', category: 'finance', min: 300_000, max: 300_000, days: 20, voucher: true },
    ],
  },
];

/** The demo's settled orders of provider.yuxi by ent.yuxi: listing index, price, ratings (quality, timeliness, price), reply. */
const SETTLED: { listing: number; price: number; scores: [number, number, number]; comment: string; reply?: string; daysAgo: number; voucher?: boolean }[] = [
  { listing: 1, price: 120_000, scores: [5, 5, 4], comment: '注册顺利，沟通及时。', reply: '感谢认可，后续续展我们会提前提醒。', daysAgo: 60 },
  { listing: 0, price: 600_000, scores: [4, 4, 4], comment: '撰写质量不错，答复稍慢。', daysAgo: 30, voucher: true },
  { listing: 2, price: 320_000, scores: [5, 4, 5], comment: '报告规范，价格合理。', daysAgo: 12 },
];

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new Error(`demo credit code ${first17}: characters outside the code's alphabet`);
  return first17 + check;
};

export async function seedMarketplaceDemo(deps: AppDeps): Promise<boolean> {
  // Other modules' rows are read, never written: the accounts and the enterprise the demo orders come from.
  const exists = await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'provider.yuxi'`.execute(deps.db);
  if (exists.rows.length > 0) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = deps.clock.today();
  const now = deps.clock.now();
  const people = (await sql<{ id: string; username: string }>`SELECT id, username FROM identity_users WHERE username IN ('officer.yuxi', 'officer.nanning', 'ent.yuxi')`.execute(deps.db)).rows;
  const userId = (u: string) => people.find((p) => p.username === u)?.id;
  const entYuxi = (await sql<{ id: string }>`SELECT id FROM subjects WHERE name = '玉溪滇云生物科技有限公司' AND kind = 'enterprise'`.execute(deps.db)).rows[0];
  // The voucher the vouchers' demo (before this one in MODULES) issued to that enterprise, if any.
  const voucher = entYuxi
    ? (await sql<{ id: string }>`SELECT id FROM vouchers WHERE subject_id = ${entYuxi.id} ORDER BY issued_on DESC LIMIT 1`.execute(deps.db)).rows[0]
    : undefined;
  const made = new Map<string, { userId: string; organisationId: string; listings: string[] }>();
  await deps.db.transaction().execute(async (trx) => {
    for (const p of DEMO_PROVIDERS) {
      const uid = await createUser(trx, deps, ctx, { username: p.username, displayName: p.owner, password: DEMO_PASSWORD, passwordHash });
      const organisationId = await createOrganisation(trx, deps, ctx, { name: p.name, kind: 'service_provider', regionCode: p.region, creditCode: creditCode(p.region, p.serial) });
      await setMembership(trx, deps, ctx, organisationId, uid, ['owner']);
      const officer = userId(p.region.startsWith('53') ? 'officer.yuxi' : 'officer.nanning');
      const certified = p.certification === 'certified' && officer !== undefined;
      await repo.insertCertification(trx, {
        organisation_id: organisationId,
        categories: p.categories,
        regions: [p.region.slice(0, 4) + '00'],
        qualifications: p.qualifications,
        file_ids: [],
        status: certified ? 'certified' : 'pending',
        valid_from: certified ? addDays(today, -300) : null,
        valid_to: certified ? addDays(today, 730) : null,
        applied_by: uid,
        applied_at: new Date(now.getTime() - (certified ? 320 : 3) * 86_400_000),
        decided_by: certified ? officer : null,
        decided_at: certified ? new Date(now.getTime() - 300 * 86_400_000) : null,
      });
      const listings: string[] = [];
      if (certified) {
        for (const l of p.listings) {
          const label = SERVICE_CATEGORY_LABELS[l.category];
          listings.push(
            await repo.insertListing(
              trx,
              { organisation_id: organisationId, title: l.title, description: l.description, category: l.category, price_min_fen: l.min, price_max_fen: l.max, delivery_days: l.days, regions: [p.region.slice(0, 4) + '00'], voucher_payable: l.voucher, created_at: new Date(now.getTime() - 290 * 86_400_000) },
              indexLexemes(`${l.title} ${l.description} ${label.zh} ${label.en}`),
            ),
          );
        }
      }
      made.set(p.username, { userId: uid, organisationId, listings });
    }
  });
  // Settled, rated orders of provider.yuxi by ent.yuxi, each with a delivered report.
  const yuxi = made.get('provider.yuxi')!;
  const orderer = userId('ent.yuxi');
  if (!entYuxi || !orderer) return true;
  const principal = { userId: yuxi.userId } as Principal;
  for (const o of SETTLED) {
    const file = await storeUpload(deps, principal, ctx, { filename: '交付报告.pdf', bytes: PDF });
    const listing = DEMO_PROVIDERS[0]!.listings[o.listing]!;
    const at = new Date(now.getTime() - o.daysAgo * 86_400_000);
    await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertOrder(trx, {
        listing_id: yuxi.listings[o.listing]!,
        provider_organisation_id: yuxi.organisationId,
        subject_id: entYuxi.id,
        ordered_by: orderer,
        category: listing.category,
        title: listing.title,
        note: '',
        price_fen: o.price,
        status: 'accepted',
        delivery_file_id: file.id,
        delivery_note: '报告已上传，请查收。',
        created_at: new Date(at.getTime() - 20 * 86_400_000),
        updated_at: at,
        accepted_at: at,
      });
      await repo.insertRatings(
        trx,
        (['quality', 'timeliness', 'price'] as const).map((dimension, i) => ({ order_id: id, dimension, score: o.scores[i]!, provider_organisation_id: yuxi.organisationId, rated_by: orderer, comment: o.comment, created_at: at })),
      );
      // Paid in part with ent.yuxi's voucher through the seam (held, then redeemed on acceptance):
      // the finance settlement page and the provider's receivables have a real redemption.
      if (o.voucher && voucher && listing.voucher) {
        const use = { voucherId: voucher.id, holderSubjectId: entYuxi.id, providerOrganisationId: yuxi.organisationId, category: listing.category, priceFen: o.price, orderId: id };
        const q = await deps.voucherPayments.hold(trx, use, today);
        await deps.voucherPayments.redeem(trx, id);
        await repo.updateOrder(trx, id, { voucher_id: voucher.id, voucher_pays_fen: q.voucherPaysFen });
      }
      if (o.reply) await repo.insertReply(trx, { order_id: id, text: o.reply, replied_by: yuxi.userId, replied_at: at });
    });
  }
  // One order waiting for the provider's confirmation (its workbench has work).
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertOrder(trx, {
      listing_id: yuxi.listings[1]!,
      provider_organisation_id: yuxi.organisationId,
      subject_id: entYuxi.id,
      ordered_by: orderer,
      category: 'ip',
      title: DEMO_PROVIDERS[0]!.listings[1]!.title,
      note: '第二个商标：滇云',
      price_fen: 120_000,
      status: 'placed',
      created_at: now,
      updated_at: now,
    });
  });
  return true;
}
