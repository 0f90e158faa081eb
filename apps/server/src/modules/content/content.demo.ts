/**
 * Demo content (never in production): news and a policy interpretation by officer.nanning
 * (南宁市科学技术局), published by reviewer.nanning, so that the portal's news page and the
 * interpreted items show them.
 */
import { sql } from 'kysely';
import type { ContentBody } from '@seedbed/contract';
import type { AppDeps } from '../../platform/http.js';
import { systemActor, record } from '../audit/index.js';
import { indexLexemes } from '../policies/index.js';
import * as repo from './content.repository.js';
import { plainText, sanitiseHtml } from './content.sanitise.js';

const DEMO: (Omit<ContentBody, 'attachmentIds'> & { daysAgo: number })[] = [
  {
    kind: 'news',
    category: 'programme',
    title: '南宁市举办2026年大众创业万众创新活动周',
    summary: '活动周期间举办创业路演、政策宣讲和创业导师一对一辅导。',
    bodyHtml: '<p>南宁市2026年大众创业万众创新活动周在五象新区开幕。活动周期间举办创业路演、政策宣讲和创业导师一对一辅导，30余家创业团队参加路演。</p><h2>政策宣讲</h2><p>市科学技术局、人力资源和社会保障局现场解读创业担保贷款和一次性创业补贴的申请条件。</p>',
    videoUrl: null,
    policyItemIds: [],
    daysAgo: 12,
  },
  {
    kind: 'notice',
    category: 'notice',
    title: '关于开展2026年度创新券申领工作的通知',
    summary: '符合条件的科技型中小企业可在平台申领创新券。',
    bodyHtml: '<p>各有关单位：为支持科技型中小企业购买研发服务，现开展2026年度创新券申领工作。</p><ol><li>申领对象：在本市登记注册的科技型中小企业。</li><li>申领方式：登录本平台，在“政策库”查找创新券事项并申请。</li></ol>',
    videoUrl: null,
    policyItemIds: [],
    daysAgo: 5,
  },
  {
    kind: 'interpretation',
    category: 'policy',
    title: '一图读懂：工业新产品认定奖励',
    summary: '哪些企业可以获得工业新产品奖励，奖励多少，如何申请。',
    bodyHtml: '<p>对当年获得工业新产品认定并在广西新产品推介和交易平台发布的企业给予奖励。</p><h2>谁可以申请</h2><p>在南宁市注册的工业企业。</p><h2>怎么申请</h2><p>在平台的政策库中找到该事项，按提示提交材料。</p>',
    videoUrl: null,
    policyItemIds: ['nn.new-product-subsidy'],
    daysAgo: 3,
  },
];

export async function seedContentDemo(deps: AppDeps): Promise<boolean> {
  const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM content_items`.execute(deps.db);
  if ((existing.rows[0]?.n ?? 0) > 0) return false;
  const users = (
    await sql<{ username: string; id: string; organisation_id: string; department: string }>`
      SELECT u.username, u.id, m.organisation_id, o.name AS department FROM identity_users u
        JOIN identity_memberships m ON m.user_id = u.id JOIN identity_organisations o ON o.id = m.organisation_id
       WHERE u.username IN ('officer.nanning', 'reviewer.nanning')`.execute(deps.db)
  ).rows;
  const author = users.find((u) => u.username === 'officer.nanning');
  const reviewer = users.find((u) => u.username === 'reviewer.nanning');
  if (!author || !reviewer) return false;
  const items = await sql<{ id: string }>`SELECT id FROM policy_items WHERE id = 'nn.new-product-subsidy'`.execute(deps.db);
  const ctx = systemActor('demo-seed');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const d of DEMO) {
      if (d.policyItemIds.length > 0 && items.rows.length === 0) continue;
      const html = sanitiseHtml(d.bodyHtml);
      const at = new Date(now.getTime() - d.daysAgo * 86_400_000);
      const id = await repo.insertItem(
        trx,
        { kind: d.kind, category: d.category, title: d.title, summary: d.summary, body_html: html, video_url: d.videoUrl, organisation_id: author.organisation_id, author_id: author.id, created_at: at, updated_at: at },
        indexLexemes(`${d.title} ${d.summary} ${plainText(html)} ${author.department}`),
      );
      await repo.setPolicies(trx, id, d.policyItemIds);
      await repo.updateItem(trx, id, { status: 'submitted' });
      await repo.updateItem(trx, id, { status: 'published', publish_at: at, reviewer_id: reviewer.id, reviewed_at: at });
      await record(trx, deps.clock, ctx, { action: 'content.published', entityType: 'content', entityId: id, data: { demo: true } });
    }
  });
  return true;
}
