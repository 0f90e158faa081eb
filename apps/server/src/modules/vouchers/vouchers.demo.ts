import { sql } from 'kysely';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { matchSubject } from '../finder/index.js';
import * as repo from './vouchers.repository.js';
import { createScheme, issueVoucher } from './vouchers.service.js';

/** Where Yuxi's innovation vouchers come from, cited in the demo scheme. */
export const DEMO_SCHEME_NOTE =
  '依据：《南昌市小微企业创业创新基地城市示范三年行动计划（2015年—2017年）》四(二)11“探索设立小微企业创业、创新服务代金券……企业可用代金券向各类专业服务机构购买兑换相关服务”；' +
  '玉溪市推进大众创业万众创新政策措施（二十）“探索通过创业券、创新券等方式对创业者和创新企业提供社会培训、管理咨询、检验检测、软件开发、研发设计等服务”。';

/**
 * The demo's voucher scheme (after the accounts exist: this module comes after the workflows'
 * demo in MODULES): Yuxi's 创新券 for the current year, held by 玉溪市科学技术局, budget 50万元,
 * 1万元 a voucher paying half of a price for IP, testing, design and software services (通兑),
 * valid to the year's end; one voucher to 玉溪滇云生物科技. The marketplace's demo (after this one
 * in MODULES) pays part of one of that enterprise's orders with it through the voucher seam, so
 * the settlement page has a real redemption to settle. Idempotent; demo only.
 */
export async function seedVouchersDemo(deps: AppDeps): Promise<void> {
  const year = Number(deps.clock.today().slice(0, 4));
  const dept = (await sql<{ id: string }>`SELECT id FROM identity_organisations WHERE name = '玉溪市科学技术局' AND kind = 'government'`.execute(deps.db)).rows[0];
  const subject = (await sql<{ id: string }>`SELECT id FROM subjects WHERE name = '玉溪滇云生物科技有限公司'`.execute(deps.db)).rows[0];
  if (!dept || !subject) return;
  if (await repo.findSchemeOfItem(deps.db, 'yx.innovation-voucher', year)) return;
  const ctx = systemActor('demo-seed');
  await deps.db.transaction().execute(async (trx) => {
    // The demo's profiles are written before the finder listens: record the enterprise's matches
    // now, so that it counts among the eligible subjects (e.g. of a bulk issue).
    await matchSubject(trx, deps, { subjectId: subject.id, kind: 'enterprise' });
    const view = await createScheme(
      trx,
      deps,
      null,
      ctx,
      {
        itemId: 'yx.innovation-voucher',
        year,
        faceValueFen: 1_000_000,
        categories: ['ip', 'testing', 'design', 'software'],
        shareBp: 5000,
        settlement: 'provider_redeems',
        validUntil: `${year}-12-31`,
        budgetFen: 50_000_000,
        sourceNote: DEMO_SCHEME_NOTE,
      },
      dept.id,
    );
    const scheme = (await repo.lockScheme(trx, view.id))!;
    await issueVoucher(trx, deps, ctx, scheme, subject.id, 'platform');
  });
}
