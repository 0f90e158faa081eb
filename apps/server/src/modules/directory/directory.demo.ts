/**
 * Demo data of the directory (never in production): two of the demo's enterprises chose to be
 * listed, with their products; 南宁青禾智能科技 is not (its owner lists it in the browser test).
 */
import { sql } from 'kysely';
import type { AppDeps } from '../../platform/http.js';
import { indexLexemes } from '../policies/index.js';
import * as repo from './directory.repository.js';
import { enterpriseLexemes } from './directory.service.js';

const LISTINGS: { username: string; introduction: string; products: { name: string; description: string }[] }[] = [
  {
    username: 'ent.nanchang',
    introduction: '专注高性能陶瓷与新型建筑材料的研发和生产，为建筑、电子行业提供耐高温、轻量化的材料方案。',
    products: [
      { name: '氧化铝陶瓷基板', description: '用于功率电子器件散热，导热好、绝缘强。' },
      { name: '轻质保温砌块', description: '适用于装配式建筑外墙，节能环保。' },
    ],
  },
  {
    username: 'ent.yuxi',
    introduction: '依托云南特色植物资源，从事生物活性成分提取与检测服务，产品销往全国。',
    products: [
      { name: '三七皂苷提取物', description: '高纯度提取，可提供检测报告。' },
      { name: '植物成分检测服务', description: '液相色谱、质谱分析，三个工作日出报告。' },
    ],
  },
];

export async function seedDirectoryDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ n: number }>`SELECT count(*)::int AS n FROM directory_enterprises`.execute(deps.db)).rows[0]!.n > 0) return false;
  let seeded = false;
  await deps.db.transaction().execute(async (trx) => {
    for (const l of LISTINGS) {
      const member = (
        await sql<{ user_id: string; organisation_id: string }>`
          SELECT m.user_id, m.organisation_id FROM identity_memberships m JOIN identity_users u ON u.id = m.user_id
            JOIN identity_organisations o ON o.id = m.organisation_id AND o.kind = 'enterprise' WHERE u.username = ${l.username} LIMIT 1`.execute(trx)
      ).rows[0];
      if (!member) continue;
      const [org] = await repo.enterprisesOf(trx, [member.organisation_id]);
      if (!org) continue;
      await repo.upsertListing(trx, { organisationId: member.organisation_id, introduction: l.introduction, by: member.user_id, at: deps.clock.now() }, enterpriseLexemes({ ...org, introduction: l.introduction }));
      await repo.replaceProducts(trx, member.organisation_id, l.products.map((p) => ({ ...p, lexemes: indexLexemes(`${p.name} ${p.description}`) })));
      seeded = true;
    }
  });
  return seeded;
}
