/**
 * Demo data of finance (never in production): two institutions in Nanning with accounts —
 * bank.nanning (南宁邕江商业银行青秀支行: a credit loan for tech SMEs, an IP-pledge loan, the
 * start-up guaranteed loan) and bank2.nanning (南宁桂信融资担保有限公司: a guaranteed growth loan
 * and an equity product) — and the finance office, finoffice.nanning (南宁市地方金融监督管理局,
 * 市金融办, role financial_regulator, second factor). ent.nanning applied to the credit loan twelve
 * days ago and bank.nanning answered within the deadline with an offer; a month ago it applied to
 * the equity product and bank2.nanning never answered: the request is overdue and escalated.
 */
import { sql } from 'kysely';
import { creditCodeCheckCharacter, type EligibilityCriterion, type ProductBody } from '@seedbed/contract';
import { addDays, shanghaiDay } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { systemActor } from '../audit/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../identity/index.js';
import { indexLexemes } from '../policies/index.js';
import { createOrganisationSubject } from '../subjects/index.js';
import * as repo from './finance.repository.js';
import { escalateOverdue, workingDaysAfter } from './finance.service.js';

const DEMO_PASSWORD = 'Seedbed-demo-2026';
const DEMO_TOTP_SECRET = 'KRSXG5CTMVSWIYTFMQYDEMRWGAYDEMRW';
const WAN = 1_000_000; // 1 万元 in fen

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}MA${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
};

const techSme: EligibilityCriterion = { id: 'tech_sme', label: { zh: '科技型中小企业', en: 'Registered tech SME' }, rule: { '==': [{ var: 'is_tech_sme' }, true] } };
const sme: EligibilityCriterion = { id: 'sme', label: { zh: '中小微企业', en: 'An SME' }, rule: { in: [{ var: 'size_class' }, ['micro', 'small', 'medium']] } };

type DemoProduct = ProductBody;
const BANK_PRODUCTS: DemoProduct[] = [
  { name: '科创信用贷', kind: 'credit', amountMinFen: 10 * WAN, amountMaxFen: 300 * WAN, rateMinBp: 345, rateMaxBp: 435, termMinMonths: 6, termMaxMonths: 36, collateral: '纯信用，无需抵押', description: '面向科技型中小企业的信用贷款，随借随还，线上申请、三个工作日内给出审批意见。', eligibility: [techSme, sme] },
  { name: '知识产权质押贷', kind: 'ip_pledge', amountMinFen: 50 * WAN, amountMaxFen: 1000 * WAN, rateMinBp: 380, rateMaxBp: 480, termMinMonths: 12, termMaxMonths: 36, collateral: '发明专利、商标专用权质押', description: '以有效发明专利或注册商标质押，按评估价值的 30%—50% 授信，市级专利质押贴息政策可叠加享受。', eligibility: [{ id: 'high_tech', label: { zh: '高新技术企业', en: 'Certified high-tech enterprise' }, rule: { '==': [{ var: 'is_high_tech_enterprise' }, true] } }] },
  { name: '创业担保贷款（小微企业）', kind: 'startup_guaranteed', amountMinFen: 10 * WAN, amountMaxFen: 300 * WAN, rateMinBp: 0, rateMaxBp: 435, termMinMonths: 12, termMaxMonths: 36, collateral: '由市创业贷款担保基金提供担保', description: '符合条件的小微企业可申请创业担保贷款，财政按规定给予贴息（贴息的申请与拨付将另行开通）。', eligibility: [{ id: 'young', label: { zh: '成立不满两年', en: 'Founded within two years' }, rule: { within_years: [{ var: 'founded_on' }, 2] } }, sme] },
];
const GUARANTEE_PRODUCTS: DemoProduct[] = [
  { name: '成长贷', kind: 'guarantee', amountMinFen: 100 * WAN, amountMaxFen: 1000 * WAN, rateMinBp: 400, rateMaxBp: 550, termMinMonths: 12, termMaxMonths: 36, collateral: '担保公司保证，股东个人连带责任', description: '为营业收入稳定增长的企业提供融资担保，担保费率不高于 1%。', eligibility: [{ id: 'revenue', label: { zh: '上年营业收入不低于 500 万元', en: 'Revenue last year of at least 5 million yuan' }, rule: { '>=': [{ var: 'revenue' }, 500 * WAN] } }] },
  { name: '天使跟投计划', kind: 'equity', amountMinFen: 50 * WAN, amountMaxFen: 500 * WAN, rateMinBp: 0, rateMaxBp: 0, termMinMonths: 36, termMaxMonths: 84, collateral: '股权投资，无需担保', description: '联合天使投资人对早期科技企业进行股权投资，单笔不超过 500 万元。', eligibility: [techSme, { id: 'small_team', label: { zh: '员工不超过 200 人', en: 'At most 200 employees' }, rule: { '<=': [{ var: 'employees' }, 200] } }] },
];

export async function seedFinanceDemo(deps: AppDeps): Promise<boolean> {
  if ((await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'bank.nanning'`.execute(deps.db)).rows.length > 0) return false;
  const ent = (
    await sql<{ subject_id: string; region_code: string; user_id: string }>`
      SELECT s.id AS subject_id, s.region_code, u.id AS user_id FROM identity_users u JOIN identity_memberships m ON m.user_id = u.id JOIN subjects s ON s.organisation_id = m.organisation_id AND s.kind = 'enterprise'
       WHERE u.username = 'ent.nanning'`.execute(deps.db)
  ).rows[0];
  if (!ent) return false;
  const ctx = systemActor('demo-seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();
  const today = deps.clock.today();
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  await deps.db.transaction().execute(async (trx) => {
    const office = await createOrganisation(trx, deps, ctx, { name: '南宁市地方金融监督管理局', kind: 'government', regionCode: '450100' });
    const officer = await createUser(trx, deps, ctx, { username: 'finoffice.nanning', displayName: '甘露（市金融办）', password: DEMO_PASSWORD, passwordHash, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, deps, ctx, office, officer, ['financial_regulator']);

    const institutions: { username: string; person: string; name: string; region: string; serial: string; products: DemoProduct[] }[] = [
      { username: 'bank.nanning', person: '蒙嘉（客户经理）', name: '南宁邕江商业银行青秀支行', region: '450103', serial: '5FB0601', products: BANK_PRODUCTS },
      { username: 'bank2.nanning', person: '韦林（业务经理）', name: '南宁桂信融资担保有限公司', region: '450107', serial: '5FG0602', products: GUARANTEE_PRODUCTS },
    ];
    const ids: { org: string; user: string; products: string[] }[] = [];
    for (const inst of institutions) {
      const user = await createUser(trx, deps, ctx, { username: inst.username, displayName: inst.person, password: DEMO_PASSWORD, passwordHash });
      const org = await createOrganisation(trx, deps, ctx, { name: inst.name, kind: 'financial_institution', regionCode: inst.region, creditCode: creditCode(inst.region, inst.serial) });
      await setMembership(trx, deps, ctx, org, user, ['owner']);
      await createOrganisationSubject(trx, deps, ctx, { organisationId: org, organisationKind: 'financial_institution', name: inst.name, regionCode: inst.region });
      const products: string[] = [];
      for (const p of inst.products) {
        const at = daysAgo(60);
        products.push(
          await repo.insertProduct(
            trx,
            { organisation_id: org, name: p.name, kind: p.kind, region_code: '450100', amount_min_fen: p.amountMinFen, amount_max_fen: p.amountMaxFen, rate_min_bp: p.rateMinBp, rate_max_bp: p.rateMaxBp, term_min_months: p.termMinMonths, term_max_months: p.termMaxMonths, collateral: p.collateral, description: p.description, eligibility: p.eligibility, catalogue_item_id: null, created_by: user, created_at: at, updated_at: at },
            indexLexemes(`${p.name} ${inst.name} ${p.collateral} ${p.description}`),
          ),
        );
      }
      ids.push({ org, user, products });
    }
    const [bank, guarantee] = ids as [(typeof ids)[0], (typeof ids)[0]];
    const n = deps.config.financeAnswerWorkingDays;

    // Answered within the deadline: 12 days ago, an offer 5 days ago.
    const posted1 = daysAgo(12);
    const need1 = await repo.insertNeed(trx, { subject_id: ent.subject_id, region_code: ent.region_code, amount_fen: 200 * WAN, term_months: 12, purpose: '采购研发测试设备、补充流动资金', collateral: '无抵押物，可提供应收账款', consent_to_share: true, posted_by: ent.user_id, posted_at: posted1 });
    const r1 = await repo.insertRequest(trx, { need_id: need1, product_id: bank.products[0]!, organisation_id: bank.org, origin: 'applied', sent_at: posted1, due_on: await workingDaysAfter(trx, shanghaiDay(posted1), n) });
    await repo.answerRequest(trx, r1, { status: 'accepted', offer_amount_fen: 150 * WAN, offer_rate_bp: 385, offer_term_months: 12, refusal_reason: null, note: '首期授信 150 万元，按季付息', answered_by: bank.user, answered_at: daysAgo(5), answered_on: addDays(today, -5) });

    // Never answered: a month ago, to the equity product.
    const posted2 = daysAgo(30);
    const need2 = await repo.insertNeed(trx, { subject_id: ent.subject_id, region_code: ent.region_code, amount_fen: 100 * WAN, term_months: 60, purpose: '引入天使投资，扩充研发团队', collateral: '可出让不超过 10% 的股权', consent_to_share: false, posted_by: ent.user_id, posted_at: posted2 });
    await repo.insertRequest(trx, { need_id: need2, product_id: guarantee.products[1]!, organisation_id: guarantee.org, origin: 'applied', sent_at: posted2, due_on: await workingDaysAfter(trx, shanghaiDay(posted2), n) });
  });
  await escalateOverdue(deps, today);
  return true;
}
