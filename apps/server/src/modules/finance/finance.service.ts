/**
 * Finance's use cases. Institutions (members of an organisation of kind financial_institution)
 * publish products, pause, resume and withdraw them; anyone searches the active ones. An
 * enterprise's people see every active product evaluated on its profile by the rules engine, and
 * post a need: applied to one product, or sent to every matching product (eligible, amount and
 * term in range), one request per institution, each due `config.financeAnswerWorkingDays` working
 * days after it is sent (the working calendar). The institution answers once: an offer, or a
 * refusal with a reason from the fixed list (「其他原因」 with a note). With the firm's consent a
 * refused need goes to the other matching products' institutions. The finance office of the
 * region (`finance.supervise`) sees overdue requests and each institution's record; a daily job
 * escalates each overdue request once, notifying the office and the institution.
 */
import {
  PRODUCT_KIND_LABELS,
  REFUSAL_REASON_LABELS,
  type AcceptBody,
  type FieldError,
  type FinanceOversight,
  type FinanceRequest,
  type IncomingRequest,
  type InstitutionRecord,
  type Need,
  type FinanceNeedBody,
  type NeedStatus,
  type ProductBody,
  type ProductMatches,
  type ProductPage,
  type ProductQuery,
  type ProductStatus,
  type ProductStatusBody,
  type ProductSummary,
  type RefuseBody,
} from '@seedbed/contract';
import { formatMoney } from '@seedbed/rules';
import { membershipsGranting, rolesGranting, type Principal } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { workingCalendar } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { indexLexemes, regionCovers, regionPrefix, searchQuery } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { factsForRules, listMine } from '../subjects/index.js';
import * as repo from './finance.repository.js';
import { checkEligibility, describeProduct, evaluateProduct, ruleFacts } from './finance.rules.js';

export type FinanceDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'modules'>;

const PRODUCT = { zh: '该金融产品', en: 'Product' };
const NEED = { zh: '该融资需求', en: 'Financing need' };
const REQUEST = { zh: '该融资申请', en: 'Financing request' };
const INSTITUTION_KIND = 'financial_institution';

// ---------------------------------------------------------------- who acts

/** The institutions the principal works for. */
const institutionsOf = (p: Principal | undefined) => (p?.memberships ?? []).filter((m) => m.organisationKind === INSTITUTION_KIND);
const actsForInstitution = (p: Principal | undefined, organisationId: string) => institutionsOf(p).some((m) => m.organisationId === organisationId);
const enterprisesOf = async (db: Db | Tx, p: Principal) => (await listMine(db, p)).filter((s) => s.kind === 'enterprise');
/** The regions (prefixes) the principal supervises finance in. */
const supervisedPrefixes = (p: Principal | undefined) => (p ? membershipsGranting(p, 'finance.supervise').map((m) => regionPrefix(m.regionCode)) : []);
const supervises = (p: Principal | undefined, regionCode: string) => (p ? membershipsGranting(p, 'finance.supervise').some((m) => regionCovers(m.regionCode, regionCode)) : false);

const regionName = (code: string) => regionDisplayName(code) ?? '';

// ---------------------------------------------------------------- deadlines

/** The day `n` working days after `day` on the working calendar as entered (holidays off, exchanged weekend days on). */
export async function workingDaysAfter(db: Db | Tx, day: string, n: number): Promise<string> {
  const cal = await workingCalendar(db, day);
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

// ---------------------------------------------------------------- products

const summaryOf = (r: repo.ProductRow): ProductSummary => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  status: r.status,
  institution: r.institution,
  regionName: regionName(r.region_code),
  amountMinFen: Number(r.amount_min_fen),
  amountMaxFen: Number(r.amount_max_fen),
  rateMinBp: r.rate_min_bp,
  rateMaxBp: r.rate_max_bp,
  termMinMonths: r.term_min_months,
  termMaxMonths: r.term_max_months,
  collateral: r.collateral,
});

export async function searchProducts(deps: FinanceDeps, q: ProductQuery): Promise<ProductSummary[]> {
  const tsquery = q.q ? searchQuery(q.q) : null;
  if (q.q?.trim() && !tsquery) return [];
  return (await repo.products(deps.db, { activeOnly: true, kind: q.kind, amountFen: q.amountFen, tsquery })).map(summaryOf);
}

export async function myProducts(deps: FinanceDeps, principal: Principal): Promise<ProductSummary[]> {
  const mine = institutionsOf(principal).map((m) => m.organisationId);
  if (mine.length === 0) return [];
  return (await repo.products(deps.db, { organisationIds: mine })).map(summaryOf);
}

export async function productPage(deps: FinanceDeps, principal: Principal | undefined, id: string): Promise<ProductPage> {
  const [r] = await repo.products(deps.db, { id });
  const mayManage = !!r && actsForInstitution(principal, r.organisation_id);
  if (!r || (r.status === 'withdrawn' && !mayManage)) throw notFound(PRODUCT);
  return {
    ...summaryOf(r),
    description: r.description,
    criteria: describeProduct(r, deps.clock.today()),
    eligibility: mayManage ? (r.eligibility as ProductPage['eligibility']) : null,
    mayManage,
    updatedAt: instantOut(r.updated_at),
  };
}

function checkProduct(body: ProductBody, regionCode: string): FieldError[] {
  const errors: FieldError[] = [];
  if (body.name.trim().length < 2) errors.push(fieldError('name', 'required', '应填写产品名称（至少 2 个字）', 'must name the product (at least 2 characters)'));
  if (body.amountMaxFen <= 0) errors.push(fieldError('amountMaxFen', 'positive', '最高额度应大于零', 'must be more than zero'));
  if (body.amountMinFen > body.amountMaxFen) errors.push(fieldError('amountMinFen', 'not_above_max', '最低额度不能高于最高额度', 'must not exceed the highest amount'));
  if (body.rateMinBp > body.rateMaxBp) errors.push(fieldError('rateMinBp', 'not_above_max', '最低年利率不能高于最高年利率', 'must not exceed the highest rate'));
  if (body.termMinMonths > body.termMaxMonths) errors.push(fieldError('termMinMonths', 'not_above_max', '最短期限不能长于最长期限', 'must not exceed the longest term'));
  if (body.collateral.trim().length < 2) errors.push(fieldError('collateral', 'required', '应说明担保方式（如“纯信用，无需抵押”）', 'must state the collateral (e.g. "none: credit only")'));
  if (body.description.trim().length < 2) errors.push(fieldError('description', 'required', '应填写产品说明', 'must describe the product'));
  const ids = new Set<string>();
  body.eligibility.forEach((c, i) => {
    if (ids.has(c.id)) errors.push(fieldError(`eligibility.${i}.id`, 'unique', '条件编号重复', 'repeats another criterion'));
    ids.add(c.id);
  });
  if (errors.length === 0) errors.push(...checkEligibility(body.eligibility, regionCode));
  return errors;
}

const productLexemes = (body: ProductBody, institution: string) =>
  indexLexemes(`${body.name} ${institution} ${PRODUCT_KIND_LABELS[body.kind].zh} ${body.collateral} ${body.description}`);

/** The city (or the region itself above it) an institution's products are offered in. */
const offeredIn = (regionCode: string) => (/^\d{4}00$/.test(regionCode) ? regionCode : `${regionCode.slice(0, 4)}00`);

export async function createProduct(deps: FinanceDeps, principal: Principal, ctx: AuditContext, body: ProductBody): Promise<ProductPage> {
  const inst = institutionsOf(principal)[0];
  if (!inst) throw forbidden('只有金融机构可以发布金融产品', 'Only a financial institution may publish products');
  const region = offeredIn(inst.regionCode);
  const errors = checkProduct(body, region);
  if (errors.length > 0) throw invalid(errors);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertProduct(
      trx,
      {
        organisation_id: inst.organisationId,
        name: body.name.trim(),
        kind: body.kind,
        region_code: region,
        amount_min_fen: body.amountMinFen,
        amount_max_fen: body.amountMaxFen,
        rate_min_bp: body.rateMinBp,
        rate_max_bp: body.rateMaxBp,
        term_min_months: body.termMinMonths,
        term_max_months: body.termMaxMonths,
        collateral: body.collateral.trim(),
        description: body.description.trim(),
        eligibility: body.eligibility,
        catalogue_item_id: null,
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      },
      productLexemes(body, inst.organisationName),
    );
    await record(trx, deps.clock, ctx, { action: 'finance.product_published', entityType: 'finance_product', entityId: id, data: { kind: body.kind, name: body.name.trim() } });
    return id;
  });
  return productPage(deps, principal, id);
}

export async function updateProduct(deps: FinanceDeps, principal: Principal, ctx: AuditContext, id: string, body: ProductBody): Promise<ProductPage> {
  const [r] = await repo.products(deps.db, { id });
  if (!r) throw notFound(PRODUCT);
  if (!actsForInstitution(principal, r.organisation_id)) throw forbidden('只有发布该产品的机构可以修改', 'Only the institution that published the product may change it');
  if (r.status === 'withdrawn') throw conflict('PRODUCT_WITHDRAWN', '该产品已下架，不能修改', 'The product is withdrawn', [fieldError('status', 'not_withdrawn', '已下架的产品不能修改', 'a withdrawn product cannot change')]);
  const errors = checkProduct(body, r.region_code);
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockProduct(trx, id);
    await repo.updateProduct(
      trx,
      id,
      {
        name: body.name.trim(),
        kind: body.kind,
        amount_min_fen: body.amountMinFen,
        amount_max_fen: body.amountMaxFen,
        rate_min_bp: body.rateMinBp,
        rate_max_bp: body.rateMaxBp,
        term_min_months: body.termMinMonths,
        term_max_months: body.termMaxMonths,
        collateral: body.collateral.trim(),
        description: body.description.trim(),
        eligibility: body.eligibility,
        catalogue_item_id: null,
        updated_at: deps.clock.now(),
      },
      productLexemes(body, r.institution),
    );
    await record(trx, deps.clock, ctx, { action: 'finance.product_changed', entityType: 'finance_product', entityId: id, data: { kind: body.kind } });
  });
  return productPage(deps, principal, id);
}

const STATUS_CHANGES: Record<ProductStatus, readonly ProductStatus[]> = { active: ['paused', 'withdrawn'], paused: ['active', 'withdrawn'], withdrawn: [] };

export async function setProductStatus(deps: FinanceDeps, principal: Principal, ctx: AuditContext, id: string, body: ProductStatusBody): Promise<ProductPage> {
  const [r] = await repo.products(deps.db, { id });
  if (!r) throw notFound(PRODUCT);
  if (!actsForInstitution(principal, r.organisation_id)) throw forbidden('只有发布该产品的机构可以暂停或下架', 'Only the institution that published the product may pause or withdraw it');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockProduct(trx, id);
    if (!STATUS_CHANGES[locked!.status].includes(body.status))
      throw conflict('PRODUCT_STATUS', '产品当前状态不能这样改变', 'The product cannot change to that status now', [fieldError('status', 'transition', locked!.status === 'withdrawn' ? '已下架的产品不能恢复' : '状态没有变化', locked!.status === 'withdrawn' ? 'a withdrawn product stays withdrawn' : 'the status is unchanged')]);
    await repo.setProductStatus(trx, id, body.status, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'finance.product_status', entityType: 'finance_product', entityId: id, data: { from: locked!.status, to: body.status, note: body.note.trim() } });
  });
  return productPage(deps, principal, id);
}

// ---------------------------------------------------------------- matching

async function subjectFacts(deps: FinanceDeps, db: Db | Tx, subjectId: string) {
  return ruleFacts(await factsForRules(deps, db, subjectId));
}

export async function matches(deps: FinanceDeps, principal: Principal, subjectId: string | undefined): Promise<ProductMatches> {
  const mine = await enterprisesOf(deps.db, principal);
  const subject = subjectId ? mine.find((s) => s.id === subjectId) : mine[0];
  if (!subject) {
    if (subjectId) throw forbidden('您不能代表该企业', 'You do not act for this enterprise');
    throw new AppError(403, 'NO_ENTERPRISE', { zh: '产品匹配针对企业：请以企业账号登录', en: 'Matching is for enterprises: sign in as an enterprise' });
  }
  const facts = await subjectFacts(deps, deps.db, subject.id);
  const today = deps.clock.today();
  const items = (await repo.products(deps.db, { activeOnly: true })).map((p) => ({ product: summaryOf(p), verdict: evaluateProduct(p, facts, today) }));
  const order = { eligible: 0, near_miss: 1, unknown: 2, ineligible: 3 } as const;
  items.sort((a, b) => order[a.verdict.status] - order[b.verdict.status]);
  return { subject: { id: subject.id, name: subject.name }, eligible: items.filter((i) => i.verdict.status === 'eligible').length, total: items.length, items };
}

/** The active products a need fits: the engine says eligible, the amount and the term in the product's range; one per institution (the first), minus those excluded. */
async function fittingProducts(deps: FinanceDeps, trx: Tx, need: { subject_id: string; amount_fen: number; term_months: number }, excludeInstitutions: ReadonlySet<string>): Promise<repo.ProductRow[]> {
  const facts = await subjectFacts(deps, trx, need.subject_id);
  const today = deps.clock.today();
  const out: repo.ProductRow[] = [];
  const seen = new Set(excludeInstitutions);
  for (const p of await repo.products(trx, { activeOnly: true, amountFen: need.amount_fen })) {
    if (seen.has(p.organisation_id)) continue;
    if (need.term_months < p.term_min_months || need.term_months > p.term_max_months) continue;
    if (evaluateProduct(p, facts, today).status !== 'eligible') continue;
    seen.add(p.organisation_id);
    out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- needs

const requestOut = (r: repo.RequestRow, today: string): FinanceRequest => ({
  id: r.id,
  product: { id: r.product_id, name: r.product_name, kind: r.product_kind },
  institution: r.institution,
  origin: r.origin,
  sentAt: instantOut(r.sent_at),
  dueOn: r.due_on,
  status: r.status,
  overdue: r.answered_on ? r.answered_on > r.due_on : today > r.due_on,
  escalatedOn: r.escalated_on,
  answeredAt: nullableInstantOut(r.answered_at),
  offer: r.status === 'accepted' ? { amountFen: Number(r.offer_amount_fen), rateBp: r.offer_rate_bp!, termMonths: r.offer_term_months!, note: r.note } : null,
  refusal: r.status === 'refused' ? { reason: r.refusal_reason!, note: r.note } : null,
});

const incomingOut = (r: repo.RequestRow, today: string, mayAnswer: boolean): IncomingRequest => ({
  ...requestOut(r, today),
  needId: r.need_id,
  subjectName: r.subject_name,
  regionName: regionName(r.region_code),
  amountFen: Number(r.amount_fen),
  termMonths: r.term_months,
  purpose: r.purpose,
  collateral: r.collateral,
  mayAnswer: mayAnswer && r.status === 'pending',
});

function needStatus(requests: readonly FinanceRequest[]): NeedStatus {
  if (requests.length === 0) return 'unmatched';
  if (requests.some((r) => r.status === 'accepted')) return 'offered';
  if (requests.some((r) => r.status === 'pending')) return 'waiting';
  return 'refused';
}

async function needsOut(deps: FinanceDeps, rows: repo.NeedRow[]): Promise<Need[]> {
  const today = deps.clock.today();
  const reqs = rows.length ? await repo.requests(deps.db, { needIds: rows.map((r) => r.id) }) : [];
  return rows.map((n) => {
    const requests = reqs.filter((r) => r.need_id === n.id).map((r) => requestOut(r, today));
    return {
      id: n.id,
      subjectName: n.subject_name,
      regionName: regionName(n.region_code),
      amountFen: Number(n.amount_fen),
      termMonths: n.term_months,
      purpose: n.purpose,
      collateral: n.collateral,
      consentToShare: n.consent_to_share,
      postedAt: instantOut(n.posted_at),
      status: needStatus(requests),
      requests,
    };
  });
}

export async function myNeeds(deps: FinanceDeps, principal: Principal): Promise<Need[]> {
  const mine = (await enterprisesOf(deps.db, principal)).map((s) => s.id);
  if (mine.length === 0) return [];
  return needsOut(deps, await repo.needs(deps.db, { subjectIds: mine }));
}

/** Sends the need to a product's institution: a request due in working days, and a notification to its people. */
async function sendRequest(deps: FinanceDeps, trx: Tx, need: { id: string; subject_name: string; amount_fen: number }, p: repo.ProductRow, origin: 'applied' | 'matched' | 'referred'): Promise<string> {
  const dueOn = await workingDaysAfter(trx, deps.clock.today(), deps.config.financeAnswerWorkingDays);
  const id = await repo.insertRequest(trx, { need_id: need.id, product_id: p.id, organisation_id: p.organisation_id, origin, sent_at: deps.clock.now(), due_on: dueOn });
  for (const userId of await repo.membersOf(trx, [p.organisation_id])) {
    await notify(trx, deps, {
      userId,
      kind: 'finance.request',
      title: { zh: `新的融资申请：${p.name}`, en: `New financing request: ${p.name}` },
      body: {
        zh: `${need.subject_name}申请融资 ${formatMoney(need.amount_fen, 'zh')}，请于 ${dueOn} 前答复。`,
        en: `${need.subject_name} asks for ${formatMoney(need.amount_fen, 'en')}; please answer by ${dueOn}.`,
      },
      link: '/finance/incoming',
      dedupeKey: `finance-request:${id}`,
    });
  }
  return id;
}

export async function postNeed(deps: FinanceDeps, principal: Principal, ctx: AuditContext, body: FinanceNeedBody): Promise<Need> {
  const subject = (await enterprisesOf(deps.db, principal)).find((s) => s.id === body.subjectId);
  const errors: FieldError[] = [];
  if (!subject) errors.push(fieldError('subjectId', 'acts_for', '应选择您所代表的企业', 'must be an enterprise you act for'));
  else if (!subject.regionCode) errors.push(fieldError('subjectId', 'region', '企业档案应先填写登记地', "the enterprise's profile must give its place of registration"));
  if (body.amountFen <= 0) errors.push(fieldError('amountFen', 'positive', '融资金额应大于零', 'must be more than zero'));
  if (body.purpose.trim().length < 2) errors.push(fieldError('purpose', 'required', '应说明资金用途', 'must say what the money is for'));
  if (body.collateral.trim().length < 1) errors.push(fieldError('collateral', 'required', '应说明可提供的担保（没有可写“无”）', 'must say what collateral the firm has ("none" if none)'));
  let product: repo.ProductRow | undefined;
  if (body.productId) {
    [product] = await repo.products(deps.db, { id: body.productId });
    if (!product || product.status !== 'active') errors.push(fieldError('productId', 'active', '该产品不存在或暂停受理', 'is not a product open to applications'));
    else {
      if (body.amountFen > 0 && (body.amountFen < Number(product.amount_min_fen) || body.amountFen > Number(product.amount_max_fen)))
        errors.push(fieldError('amountFen', 'in_product_range', `应在 ${formatMoney(Number(product.amount_min_fen), 'zh')} 至 ${formatMoney(Number(product.amount_max_fen), 'zh')} 之间`, `must lie between ${formatMoney(Number(product.amount_min_fen), 'en')} and ${formatMoney(Number(product.amount_max_fen), 'en')}`));
      if (body.termMonths < product.term_min_months || body.termMonths > product.term_max_months)
        errors.push(fieldError('termMonths', 'in_product_range', `应在 ${product.term_min_months} 至 ${product.term_max_months} 个月之间`, `must lie between ${product.term_min_months} and ${product.term_max_months} months`));
    }
  }
  if (errors.length > 0) throw invalid(errors);
  if (product) {
    const verdict = evaluateProduct(product, await subjectFacts(deps, deps.db, subject!.id), deps.clock.today());
    if (verdict.status === 'ineligible' || verdict.status === 'near_miss') {
      const failed = verdict.criteria.find((c) => c.status === 'fail');
      throw new AppError(422, 'NOT_ELIGIBLE', { zh: `不符合该产品的申请条件${failed ? `：${failed.sentence.zh}` : ''}`, en: `Not eligible for this product${failed ? `: ${failed.sentence.en}` : ''}` }, [fieldError('productId', 'eligible', '企业不符合该产品的申请条件', 'the enterprise does not meet the product’s conditions')]);
    }
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertNeed(trx, {
      subject_id: subject!.id,
      region_code: subject!.regionCode!,
      amount_fen: body.amountFen,
      term_months: body.termMonths,
      purpose: body.purpose.trim(),
      collateral: body.collateral.trim(),
      consent_to_share: body.consentToShare,
      posted_by: principal.userId,
      posted_at: deps.clock.now(),
    });
    const need = { id, subject_name: subject!.name, amount_fen: body.amountFen };
    const targets = product ? [product] : await fittingProducts(deps, trx, { subject_id: subject!.id, amount_fen: body.amountFen, term_months: body.termMonths }, new Set());
    for (const p of targets) await sendRequest(deps, trx, need, p, product ? 'applied' : 'matched');
    await record(trx, deps.clock, ctx, { action: 'finance.need_posted', entityType: 'finance_need', entityId: id, data: { amountFen: body.amountFen, productId: product?.id ?? null, sentTo: targets.length } });
    return id;
  });
  return (await needsOut(deps, await repo.needs(deps.db, { id })))[0]!;
}

/** A refused need, with the firm's consent, goes to the other matching products' institutions (each once). */
async function referOnward(deps: FinanceDeps, trx: Tx, needId: string): Promise<number> {
  const need = await repo.lockNeed(trx, needId);
  if (!need?.consent_to_share) return 0;
  const existing = await repo.requests(trx, { needIds: [needId] });
  if (!existing.some((r) => r.status === 'refused') || existing.some((r) => r.status !== 'refused')) return 0;
  const asked = new Set(existing.map((r) => r.organisation_id));
  const [n] = await repo.needs(trx, { id: needId });
  const targets = await fittingProducts(deps, trx, { subject_id: need.subject_id, amount_fen: Number(need.amount_fen), term_months: need.term_months }, asked);
  for (const p of targets) await sendRequest(deps, trx, { id: needId, subject_name: n!.subject_name, amount_fen: Number(need.amount_fen) }, p, 'referred');
  return targets.length;
}

export async function setConsent(deps: FinanceDeps, principal: Principal, ctx: AuditContext, needId: string, consent: boolean): Promise<Need> {
  const [n] = await repo.needs(deps.db, { id: needId });
  if (!n) throw notFound(NEED);
  if (!(await enterprisesOf(deps.db, principal)).some((s) => s.id === n.subject_id)) throw forbidden('只有提出需求的企业可以更改', 'Only the enterprise that posted the need may change it');
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockNeed(trx, needId);
    await repo.setConsent(trx, needId, consent);
    const referred = consent ? await referOnward(deps, trx, needId) : 0;
    await record(trx, deps.clock, ctx, { action: 'finance.need_consent', entityType: 'finance_need', entityId: needId, data: { consent, referred } });
  });
  return (await needsOut(deps, await repo.needs(deps.db, { id: needId })))[0]!;
}

// ---------------------------------------------------------------- institutions answer

export async function incoming(deps: FinanceDeps, principal: Principal): Promise<IncomingRequest[]> {
  const mine = institutionsOf(principal).map((m) => m.organisationId);
  if (mine.length === 0) return [];
  const today = deps.clock.today();
  return (await repo.requests(deps.db, { organisationIds: mine })).map((r) => incomingOut(r, today, true));
}

export async function requestPage(deps: FinanceDeps, principal: Principal, id: string): Promise<IncomingRequest> {
  const [r] = await repo.requests(deps.db, { id });
  if (!r) throw notFound(REQUEST);
  const institution = actsForInstitution(principal, r.organisation_id);
  const own = !institution && (await enterprisesOf(deps.db, principal)).some((s) => s.id === r.subject_id);
  if (!institution && !own && !supervises(principal, r.region_code)) throw notFound(REQUEST);
  return incomingOut(r, deps.clock.today(), institution);
}

async function answer(
  deps: FinanceDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  a: { status: 'accepted' | 'refused'; offer_amount_fen: number | null; offer_rate_bp: number | null; offer_term_months: number | null; refusal_reason: RefuseBody['reason'] | null; note: string },
): Promise<IncomingRequest> {
  const [r] = await repo.requests(deps.db, { id });
  // Another institution's request is not theirs to read: the same answer as one that does not exist.
  if (!r || !actsForInstitution(principal, r.organisation_id)) throw notFound(REQUEST);
  const today = deps.clock.today();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRequest(trx, id);
    if (locked!.status !== 'pending') throw conflict('REQUEST_ANSWERED', '该申请已答复', 'This request is already answered', [fieldError('status', 'once', '每笔申请只答复一次', 'a request is answered once')]);
    await repo.answerRequest(trx, id, { ...a, answered_by: principal.userId, answered_at: deps.clock.now(), answered_on: today });
    await record(trx, deps.clock, ctx, { action: a.status === 'accepted' ? 'finance.request_accepted' : 'finance.request_refused', entityType: 'finance_request', entityId: id, data: { onTime: today <= r.due_on, amountFen: a.offer_amount_fen, reason: a.refusal_reason } });
    await notify(trx, deps, {
      subjectId: r.subject_id,
      kind: 'finance.request',
      title: a.status === 'accepted' ? { zh: `${r.institution}同意了您的融资申请`, en: `${r.institution} made an offer` } : { zh: `${r.institution}未同意您的融资申请`, en: `${r.institution} refused your request` },
      body:
        a.status === 'accepted'
          ? { zh: `${r.product_name}：${formatMoney(a.offer_amount_fen!, 'zh')}，年利率 ${(a.offer_rate_bp! / 100).toFixed(2)}%，期限 ${a.offer_term_months} 个月。`, en: `${r.product_name}: ${formatMoney(a.offer_amount_fen!, 'en')} at ${(a.offer_rate_bp! / 100).toFixed(2)}% a year for ${a.offer_term_months} months.` }
          : { zh: `${r.product_name}：${REFUSAL_REASON_LABELS[a.refusal_reason!].zh}${a.note ? `（${a.note}）` : ''}`, en: `${r.product_name}: ${REFUSAL_REASON_LABELS[a.refusal_reason!].en}${a.note ? ` (${a.note})` : ''}` },
      link: '/finance/needs',
      dedupeKey: `finance-answer:${id}`,
    });
    if (a.status === 'refused') await referOnward(deps, trx, r.need_id);
  });
  return requestPage(deps, principal, id);
}

export async function accept(deps: FinanceDeps, principal: Principal, ctx: AuditContext, id: string, body: AcceptBody): Promise<IncomingRequest> {
  const errors: FieldError[] = [];
  if (body.amountFen <= 0) errors.push(fieldError('amountFen', 'positive', '授信金额应大于零', 'must be more than zero'));
  if (errors.length > 0) throw invalid(errors);
  return answer(deps, principal, ctx, id, { status: 'accepted', offer_amount_fen: body.amountFen, offer_rate_bp: body.rateBp, offer_term_months: body.termMonths, refusal_reason: null, note: body.note.trim() });
}

export async function refuse(deps: FinanceDeps, principal: Principal, ctx: AuditContext, id: string, body: RefuseBody): Promise<IncomingRequest> {
  if (body.reason === 'other' && body.note.trim().length < 2) throw invalid([fieldError('note', 'required', '选择“其他原因”时应写明原因', 'must explain an "other" reason')]);
  return answer(deps, principal, ctx, id, { status: 'refused', offer_amount_fen: null, offer_rate_bp: null, offer_term_months: null, refusal_reason: body.reason, note: body.note.trim() });
}

// ---------------------------------------------------------------- the finance office

export async function oversight(deps: FinanceDeps, principal: Principal): Promise<FinanceOversight> {
  const m = membershipsGranting(principal, 'finance.supervise');
  if (m.length === 0) throw forbidden('只有金融监管部门可以查看', 'Only the finance office may see this');
  const today = deps.clock.today();
  const rows = await repo.requests(deps.db, { regionPrefixes: supervisedPrefixes(principal) });
  const by = new Map<string, InstitutionRecord>();
  for (const r of rows) {
    const x = by.get(r.organisation_id) ?? { institution: r.institution, requests: 0, answered: 0, answeredInTime: 0, overdue: 0, grantedFen: 0 };
    x.requests++;
    if (r.answered_on) {
      x.answered++;
      if (r.answered_on <= r.due_on) x.answeredInTime++;
      else x.overdue++;
    } else if (today > r.due_on) x.overdue++;
    if (r.status === 'accepted') x.grantedFen += Number(r.offer_amount_fen);
    by.set(r.organisation_id, x);
  }
  return {
    regionName: m.map((x) => regionName(x.regionCode)).join('、'),
    overdue: rows.filter((r) => r.status === 'pending' && today > r.due_on).map((r) => incomingOut(r, today, false)),
    institutions: [...by.values()].sort((a, b) => b.overdue - a.overdue || b.requests - a.requests),
  };
}

/**
 * Daily job 'finance.escalate_overdue': every request still unanswered after its due date is
 * escalated once (the row's `escalated_on`, which the database keeps once): the finance office
 * covering the need's region and the institution's people are notified.
 */
export async function escalateOverdue(deps: FinanceDeps, date: string): Promise<{ overdue: number; escalated: number }> {
  const rows = await repo.requests(deps.db, { overdueOn: date, unescalated: true });
  const office = await repo.governmentMembersWithAnyRole(deps.db, rolesGranting(deps.modules, 'finance.supervise'));
  let escalated = 0;
  for (const r of rows) {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.markEscalated(trx, r.id, date))) return;
      escalated++;
      const supervisors = office.filter((o) => regionCovers(o.region_code, r.region_code)).map((o) => ({ userId: o.user_id, link: '/finance/oversight' }));
      const bank = (await repo.membersOf(trx, [r.organisation_id])).map((userId) => ({ userId, link: '/finance/incoming' }));
      for (const to of [...supervisors, ...bank]) {
        await notify(trx, deps, {
          userId: to.userId,
          kind: 'finance.overdue',
          title: { zh: `融资申请超期未答复：${r.institution}`, en: `Financing request overdue: ${r.institution}` },
          body: {
            zh: `${r.subject_name}向${r.institution}申请的“${r.product_name}”（${formatMoney(Number(r.amount_fen), 'zh')}）应于 ${r.due_on} 前答复，已超期，已报送金融监管部门。`,
            en: `${r.subject_name}'s request to ${r.institution} for "${r.product_name}" (${formatMoney(Number(r.amount_fen), 'en')}) was due by ${r.due_on}: it is overdue and escalated to the finance office.`,
          },
          link: to.link,
          dedupeKey: `finance-overdue:${r.id}`,
        });
      }
    });
  }
  return { overdue: rows.length, escalated };
}
