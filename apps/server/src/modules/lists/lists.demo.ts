/**
 * Demo lists (never in production): 南宁市科学技术局's fee list (two fees) and power list (two
 * powers), each at revision 1, published by officer.nanning.
 */
import { sql } from 'kysely';
import type { AppDeps } from '../../platform/http.js';
import * as repo from './lists.repository.js';

const FEES = [
  { item: '技术合同认定登记费', body: '南宁市科学技术局', basis: '《技术合同认定登记管理办法》', standard: '免收', scope: '在本市登记的技术合同' },
  { item: '科技成果评价费', body: '南宁市科技成果评价中心', basis: '桂价费〔2015〕12号', standard: '每项 2000 元', scope: '自愿委托评价的科技成果' },
];
const POWERS = [
  { item: '高新技术企业认定推荐', kind: '行政确认', basis: '《高新技术企业认定管理办法》', department: '南宁市科学技术局' },
  { item: '科技计划项目立项', kind: '其他行政权力', basis: '《南宁市科技计划项目管理办法》', department: '南宁市科学技术局' },
];

export async function seedListsDemo(deps: AppDeps): Promise<boolean> {
  const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM lists_catalogues`.execute(deps.db);
  if ((existing.rows[0]?.n ?? 0) > 0) return false;
  const officer = (
    await sql<{ id: string; organisation_id: string }>`SELECT u.id, m.organisation_id FROM identity_users u JOIN identity_memberships m ON m.user_id = u.id WHERE u.username = 'officer.nanning'`.execute(deps.db)
  ).rows[0];
  if (!officer) return false;
  const at = new Date(deps.clock.now().getTime() - 30 * 86_400_000);
  await deps.db.transaction().execute(async (trx) => {
    for (const [kind, title, rows] of [
      ['fee', '南宁市科学技术局涉企收费目录清单', FEES],
      ['power', '南宁市科学技术局权责清单', POWERS],
    ] as const) {
      const id = await repo.insertCatalogue(trx, { kind, organisation_id: officer.organisation_id, title, created_by: officer.id, created_at: at });
      await repo.insertRevision(trx, { catalogue_id: id, number: 1, legal_basis: '南宁市人民政府关于公布2026年清单的通知', change_note: '首次公布', rows: rows.map((r) => ({ ...r })), published_by: officer.id, published_at: at });
    }
  });
  return true;
}
