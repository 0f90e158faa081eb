import { sql } from 'kysely';
import { membershipPermissions, permissionsFor, type MembershipInfo, type Principal } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { storeUpload } from '../files/index.js';
import { listMine } from '../subjects/index.js';
import * as service from './crowd.service.js';

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

/** A one-page PDF standing for a delivered result. */
function demoPdf(text: string): Buffer {
  const stream = Buffer.from(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`, 'latin1');
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/**
 * Demo data: tasks by the demo enterprises in Yingtan (open, with bids; and one in dispute, for
 * Yingtan's officers to arbitrate), Nanning (completed: picked, delivered, accepted, the reward
 * released) and Yuxi (open), and supply and demand posts.
 * Runs after the demo accounts exist (workflows' demo); does nothing when there are crowd tasks.
 */
export async function seedCrowdDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ n: number }>`SELECT count(*)::int AS n FROM crowd_tasks`.execute(deps.db)).rows[0]!.n > 0) return false;
  const [yingtan, nanning, yuxi, nanchang, founder] = await Promise.all(['ent.yingtan', 'ent.nanning', 'ent.yuxi', 'ent.nanchang', 'founder'].map((u) => principalOf(deps, u)));
  if (!yingtan || !nanning || !yuxi || !nanchang || !founder) return false;
  const ctx = systemActor('demo-seed');
  const subjectOf = async (p: Principal) => (await listMine(deps.db, p))[0]!.id;
  const today = deps.clock.today();

  const open = await service.postTask(deps, yingtan, ctx, {
    posterSubjectId: await subjectOf(yingtan),
    title: '电商直播带货方案策划',
    description: '为铜制工艺品网店策划一场直播带货：选品、脚本、引流方案，并给出预算建议。交付：方案文档（PDF）。',
    category: 'marketing',
    rewardFen: 800_000,
    bidDeadline: addDays(today, 10),
    deliveryDeadline: addDays(today, 30),
    regionCode: '360602',
  });
  await service.bid(deps, nanchang, ctx, open.id, { partyKind: 'subject', partyId: await subjectOf(nanchang), priceFen: 750_000, deliveryDays: 15, message: '我司有电商运营团队，可提供完整直播脚本与投放建议。' });
  await service.bid(deps, founder, ctx, open.id, { partyKind: 'subject', partyId: await subjectOf(founder), priceFen: 600_000, deliveryDays: 12, message: '个人做过三场工艺品直播策划，可先出提纲。' });

  const done = await service.postTask(deps, nanning, ctx, {
    posterSubjectId: await subjectOf(nanning),
    title: '企业官网小程序界面设计',
    description: '为智能硬件产品设计微信小程序的首页、产品页和预约页界面，交付设计稿。',
    category: 'design',
    rewardFen: 500_000,
    bidDeadline: addDays(today, 3),
    deliveryDeadline: addDays(today, 20),
    regionCode: '450103',
  });
  const withBid = await service.bid(deps, yuxi, ctx, done.id, { partyKind: 'subject', partyId: await subjectOf(yuxi), priceFen: 450_000, deliveryDays: 10, message: '设计团队可在十天内交付全部界面。' });
  await service.pick(deps, nanning, ctx, done.id, withBid.bids[0]!.id);
  const file = await storeUpload(deps, yuxi, ctx, { filename: '小程序界面设计稿.pdf', bytes: demoPdf('Mini program design') });
  await service.deliver(deps, yuxi, ctx, done.id, { fileId: file.id, note: '首页、产品页、预约页设计稿。' });
  await service.accept(deps, nanning, ctx, done.id);

  // A dispute for the officers of Yingtan (众包仲裁): delivered late and incomplete, says the poster.
  const disputed = await service.postTask(deps, yingtan, ctx, {
    posterSubjectId: await subjectOf(yingtan),
    title: '产品宣传短视频剪辑',
    description: '将已拍摄的素材剪辑成三条 30 秒的产品宣传短视频，配字幕和背景音乐。',
    category: 'marketing',
    rewardFen: 300_000,
    bidDeadline: addDays(today, 2),
    deliveryDeadline: addDays(today, 12),
    regionCode: '360602',
  });
  const disputedBid = await service.bid(deps, nanchang, ctx, disputed.id, { partyKind: 'subject', partyId: await subjectOf(nanchang), priceFen: 280_000, deliveryDays: 7, message: '有专业剪辑师，一周内交付。' });
  await service.pick(deps, yingtan, ctx, disputed.id, disputedBid.bids[0]!.id);
  const cut = await storeUpload(deps, nanchang, ctx, { filename: '宣传短视频分镜.pdf', bytes: demoPdf('Storyboard only') });
  await service.deliver(deps, nanchang, ctx, disputed.id, { fileId: cut.id, note: '先交付分镜脚本，视频随后补充。' });
  await service.dispute(deps, yingtan, ctx, disputed.id, '只交付了分镜脚本，没有交付约定的三条短视频。');

  await service.postTask(deps, yuxi, ctx, {
    posterSubjectId: await subjectOf(yuxi),
    title: '生物提取工艺检测报告编制',
    description: '委托有资质的机构对三种植物提取物做成分检测，并编制检测报告。',
    category: 'testing',
    rewardFen: 1_200_000,
    bidDeadline: addDays(today, 14),
    deliveryDeadline: addDays(today, 45),
    regionCode: '530402',
  });

  const posts = [
    { who: yingtan, kind: 'supply' as const, title: '铜制工艺品批量供应', body: '可定制铜制摆件、纪念品，起订量 100 件，支持贴牌。', category: 'other' as const, regionCode: '360602' },
    { who: yingtan, kind: 'demand' as const, title: '寻找跨境电商物流合作', body: '需要面向东南亚的小件物流渠道，月发货约 2000 单。', category: 'logistics' as const, regionCode: '360602' },
    { who: nanning, kind: 'demand' as const, title: '招聘嵌入式软件外包团队', body: '智能门锁固件开发，需熟悉低功耗蓝牙。', category: 'software' as const, regionCode: '450103' },
    { who: yuxi, kind: 'supply' as const, title: '植物提取物检测服务', body: '实验室可承接植物提取物成分检测，出具检测报告。', category: 'testing' as const, regionCode: '530402' },
    { who: nanchang, kind: 'supply' as const, title: '新材料样品试用', body: '提供石墨烯导热膜样品，欢迎电子企业试用。', category: 'design' as const, regionCode: '360111' },
  ];
  for (const p of posts) {
    await service.createPost(deps, p.who, ctx, { kind: p.kind, partyKind: 'subject', partyId: await subjectOf(p.who), title: p.title, body: p.body, category: p.category, regionCode: p.regionCode, expiresOn: addDays(today, 90) });
  }
  return true;
}
