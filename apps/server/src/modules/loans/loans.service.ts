/**
 * The guaranteed start-up loan's use cases. A person, or a small enterprise through a member who
 * acts for it (创业担保贷款 lends to both), requests a loan under a catalogue loan item of its kind
 * that the rules engine does not rule out for it (the failing criteria named when it does); the human-resources bureau (`loans.review`)
 * approves (writing the verified fact `meets_guaranteed_loan_conditions`) or refuses with a
 * reason; the guarantee fund, a fiscal fund the finance bureau administers (`loans.guarantee`),
 * guarantees it and names the cooperating bank (an organisation of kind financial_institution in
 * the region), or refuses; the bank's members grant it (principal, rate, start, method: the
 * schedule of loans.schedule.ts; the verified fact `guaranteed_loan_granted`), record early
 * repayments (the schedule is recomputed) and report a default, whose loss the region's bad-debt
 * reserve on the ledger covers (floor 0: never overdrawn). Each quarter's interest subsidy is
 * computed once (the daily job, idempotent per loan and quarter) from the schedule and the
 * subsidy item's rule for the year (finance; default: full subsidy, all from the first level),
 * written as the verified fact `guaranteed_loan_interest_subsidy_due` and handed to fulfilment as
 * a pending award whose product is the quarter; when fulfilment pays it, the split between the
 * levels is posted to the ledger.
 */
import { evaluateAll, itemReads, RuleError, type Verdict } from '@seedbed/rules';
import { isCalendarDate, type BankOption, type LoanBorrowerKind, type DefaultBody, type FieldError, type LoanGrantBody, type LoanGuaranteeBody, type LoanFinanceView, type LoanItem, type LoanRequestBody, type LoanReviewBody, type LoanView, type PrepaymentBody, type ReserveFundBody, type ReserveView, type SubsidyRuleBody } from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, systemActor, type AuditContext } from '../audit/index.js';
import { accountOf, breachesFloor, ledgerProblem, openAccount, postTransaction, statementOf } from '../ledger/index.js';
import { notify } from '../notifications/index.js';
import { currentRules, regionPrefix, rulesSnapshot } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { factsForRules, listMine, recordFacts, variableFor } from '../subjects/index.js';
import { addMonths, periodSubsidies, quarterSubsidy, repaymentSchedule, ScheduleError, splitBetweenLevels, type LoanTerms, type SubsidyRule } from './loans.schedule.js';
import * as repo from './loans.repository.js';

export type LoansDeps = Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'events' | 'config' | 'benefitHistory' | 'modules'>;

export const CONDITIONS = 'meets_guaranteed_loan_conditions';
export const REQUESTED = 'guaranteed_loan_requested';
export const GRANTED = 'guaranteed_loan_granted';
export const SUBSIDY_DUE = 'guaranteed_loan_interest_subsidy_due';
const SOURCE = { source: 'registry:loans', verified: true };
const LOAN = { zh: '该贷款', en: 'Loan' };
/** Without a rule for the item and year: the whole interest, all from the first level. */
export const DEFAULT_RULE = { rateCapBp: null, shareBp: 10_000, weights: [1, 0, 0] };

const regionName = (code: string) => regionDisplayName(code) ?? code;
/** Yuan with separators and two decimals, as a message reads it ("100,000.00"). */
const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const banksOf = (p: Principal) => p.memberships.filter((m) => m.organisationKind === 'financial_institution').map((m) => m.organisationId);

// ---------------------------------------------------------------- the catalogue's loan items

interface ItemPair { id: string; entity: LoanBorrowerKind; title: { zh: string; en: string }; region: string; subsidyId: string; subsidyTitle: { zh: string; en: string } }

const borrowerKind = (entity: string): LoanBorrowerKind | undefined => (entity === 'person' || entity === 'enterprise' ? entity : undefined);

/**
 * Loan items in force, of persons and of (small) enterprises, that read the requested amount, each
 * with its interest-subsidy item (same region and kind of borrower, reads the granted loan).
 */
async function loanItemPairs(db: Db | Tx, today: string): Promise<ItemPair[]> {
  const snap = await rulesSnapshot(db);
  const inForce = [...snap.catalog.items.values()].filter((i) => borrowerKind(i.spec.entity) && i.spec.effective.from <= today && (i.spec.effective.to == null || i.spec.effective.to >= today));
  const out: ItemPair[] = [];
  for (const i of inForce) {
    if (i.spec.benefit !== 'loan' || !itemReads(i.spec).includes(REQUESTED) || !i.spec.region) continue;
    const sub = inForce.find((s) => s.spec.benefit === 'loan_interest_subsidy' && s.spec.entity === i.spec.entity && s.spec.region === i.spec.region && itemReads(s.spec).includes(GRANTED) && itemReads(s.spec).includes(SUBSIDY_DUE));
    if (!sub) continue;
    out.push({ id: i.id, entity: borrowerKind(i.spec.entity)!, title: { zh: i.spec.title.zh, en: i.spec.title.en }, region: i.spec.region, subsidyId: sub.id, subsidyTitle: { zh: sub.spec.title.zh, en: sub.spec.title.en } });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

async function verdictFor(deps: LoansDeps, db: Db | Tx, subjectId: string, itemId: string, extra: Record<string, unknown>): Promise<{ verdict: Verdict; version: number } | undefined> {
  const snap = await rulesSnapshot(deps.db, db);
  const facts = { ...(await factsForRules(deps, db, subjectId)), ...extra };
  const history = await deps.benefitHistory(db as Tx, subjectId);
  try {
    const [v] = evaluateAll(snap.catalog, { date: deps.clock.today(), facts, history, regionName: (c) => { const n = regionDisplayName(c); return n ? { zh: n, en: n } : undefined; } }, { ids: [itemId] });
    return v ? { verdict: v, version: snap.versions.get(itemId) ?? 1 } : undefined;
  } catch (e) {
    if (e instanceof RuleError) return undefined;
    throw e;
  }
}

interface Borrower { id: string; name: string; kind: LoanBorrowerKind }

/** Whom the user may borrow for: their own person profile, and the enterprises they act for. */
async function borrowersOf(db: Db | Tx, principal: Principal): Promise<Borrower[]> {
  const out: Borrower[] = [];
  const person = await repo.personSubjectOf(db, principal.userId);
  if (person) out.push({ ...person, kind: 'person' });
  for (const s of await listMine(db, principal)) if (s.kind === 'enterprise') out.push({ id: s.id, name: s.name, kind: 'enterprise' });
  return out;
}

/** The failing criteria of a verdict, as one sentence of their labels. */
const failing = (v: Verdict) => {
  const f = v.criteria.filter((c) => c.status === 'fail');
  return { zh: f.map((c) => c.label.zh).join('；'), en: f.map((c) => c.label.en).join('; ') };
};

/**
 * The loan items: signed in, one row per item and borrower (the user, an enterprise they act for)
 * of the item's kind that the rules engine does not rule out; anonymous, every item.
 */
export async function loanItems(deps: LoansDeps, principal: Principal | undefined): Promise<LoanItem[]> {
  const pairs = await loanItemPairs(deps.db, deps.clock.today());
  const out: LoanItem[] = [];
  const row = (p: ItemPair, b: Borrower | null): LoanItem => ({ id: p.id, title: p.title, regionName: regionName(p.region), maxFen: null, subsidyTitle: p.subsidyTitle, borrowerKind: p.entity, subjectId: b?.id ?? null, borrowerName: b?.name ?? null });
  if (!principal) return pairs.map((p) => row(p, null));
  const borrowers = await borrowersOf(deps.db, principal);
  for (const b of borrowers) {
    for (const p of pairs) {
      if (p.entity !== b.kind) continue;
      const v = await verdictFor(deps, deps.db, b.id, p.id, { [REQUESTED]: 1 });
      if (v?.verdict.status === 'ineligible') continue;
      out.push(row(p, b));
    }
  }
  return out;
}

// ---------------------------------------------------------------- views

function termsOf(l: repo.LoanRow): LoanTerms | null {
  if (l.principal_fen === null || l.annual_rate_bp === null || l.start_on === null || l.method === null) return null;
  return { principalFen: l.principal_fen, annualRateBp: l.annual_rate_bp, termMonths: l.term_months, startOn: l.start_on, method: l.method, interestEveryMonths: l.method === 'interest_only' ? 3 : 1 };
}

async function ruleFor(db: Db | Tx, itemId: string, year: number): Promise<{ rateCapBp: number | null; shareBp: number; weights: number[] }> {
  const r = await repo.ruleOf(db, itemId, year);
  return r ? { rateCapBp: r.rate_cap_bp, shareBp: r.share_bp, weights: r.weights } : DEFAULT_RULE;
}

async function views(deps: LoansDeps, principal: Principal | undefined, rows: repo.LoanRow[]): Promise<LoanView[]> {
  const snap = await rulesSnapshot(deps.db);
  const subsidies = await repo.subsidiesOf(deps.db, rows.map((r) => r.id));
  const today = deps.clock.today();
  const out: LoanView[] = [];
  for (const l of rows) {
    const terms = termsOf(l);
    const schedule = terms ? repaymentSchedule(terms, await repo.prepaymentsOf(deps.db, l.id)) : [];
    const rule = await ruleFor(deps.db, l.subsidy_item_id, Number(today.slice(0, 4)));
    const perPeriod = terms ? periodSubsidies(terms, schedule, rule) : [];
    const next = schedule.find((p) => p.dueOn >= today);
    const item = snap.catalog.items.get(l.item_id)?.spec.title;
    const subsidy = snap.catalog.items.get(l.subsidy_item_id)?.spec.title;
    out.push({
      id: l.id,
      borrowerName: l.borrower_name,
      itemTitle: item ? { zh: item.zh, en: item.en } : { zh: '创业担保贷款', en: 'Guaranteed start-up loan' },
      subsidyTitle: subsidy ? { zh: subsidy.zh, en: subsidy.en } : { zh: '创业担保贷款贴息', en: 'Interest subsidy' },
      regionName: regionName(l.region_code),
      amountFen: l.amount_fen,
      termMonths: l.term_months,
      purpose: l.purpose,
      status: l.status,
      refusalReason: l.refusal_reason,
      requestedAt: instantOut(l.created_at),
      bankName: l.bank_name,
      principalFen: l.principal_fen,
      annualRateBp: l.annual_rate_bp,
      startOn: l.start_on,
      method: l.method,
      nextDueOn: l.status === 'granted' ? (next?.dueOn ?? null) : null,
      outstandingFen: l.status === 'granted' ? (next ? next.openingFen : 0) : null,
      schedule: schedule.map((p, i) => ({ ...p, subsidyFen: perPeriod[i] ?? 0 })),
      subsidies: subsidies.filter((s) => s.loan_id === l.id).map((s) => ({ year: s.year, quarter: s.quarter, subsidyFen: s.subsidy_fen, weights: s.weights, sharesFen: s.shares_fen, status: s.status, paidFen: s.paid_fen })),
      mayReview: principal !== undefined && l.status === 'requested' && mayAccess(principal, 'loans.review', { regionCode: l.region_code }),
      mayGuarantee: principal !== undefined && l.status === 'approved' && mayAccess(principal, 'loans.guarantee', { regionCode: l.region_code }),
      mayGrant: principal !== undefined && l.bank_org_id !== null && banksOf(principal).includes(l.bank_org_id) && (l.status === 'guaranteed' || l.status === 'granted'),
      defaultLossFen: l.status === 'defaulted' ? l.default_loss_fen : null,
      defaultedOn: l.status === 'defaulted' ? l.defaulted_on : null,
    });
  }
  return out;
}

async function loanRow(db: Db | Tx, id: string): Promise<repo.LoanRow> {
  const [row] = await repo.loans(db, { ids: [id] });
  if (!row) throw notFound(LOAN);
  return row;
}

const mayRead = (p: Principal, l: repo.LoanRow, borrowers: readonly Borrower[]) =>
  l.user_id === p.userId ||
  borrowers.some((b) => b.id === l.subject_id) ||
  mayAccess(p, 'loans.review', { regionCode: l.region_code }) ||
  mayAccess(p, 'loans.guarantee', { regionCode: l.region_code }) ||
  (l.bank_org_id !== null && banksOf(p).includes(l.bank_org_id));

export async function loanPage(deps: LoansDeps, principal: Principal, id: string): Promise<LoanView> {
  const row = await loanRow(deps.db, id);
  if (!mayRead(principal, row, await borrowersOf(deps.db, principal))) throw notFound(LOAN);
  return (await views(deps, principal, [row]))[0]!;
}

export async function myLoans(deps: LoansDeps, principal: Principal): Promise<LoanView[]> {
  const borrowers = await borrowersOf(deps.db, principal);
  if (borrowers.length === 0) return [];
  return views(deps, principal, await repo.loans(deps.db, { subjectIds: borrowers.map((b) => b.id) }));
}

/** The officers' and banks' list: the regions of the departments granting review or guarantee, and the bank's own loans. */
export async function workList(deps: LoansDeps, principal: Principal): Promise<LoanView[]> {
  const prefixes = [...membershipsGranting(principal, 'loans.review'), ...membershipsGranting(principal, 'loans.guarantee')].map((m) => regionPrefix(m.regionCode));
  const banks = banksOf(principal);
  const rows = new Map<string, repo.LoanRow>();
  if (prefixes.length > 0) for (const r of await repo.loans(deps.db, { regionPrefixes: prefixes })) rows.set(r.id, r);
  if (banks.length > 0) for (const r of await repo.loans(deps.db, { bankOrgIds: banks })) rows.set(r.id, r);
  if (prefixes.length === 0 && banks.length === 0) throw forbidden('只有人社部门、担保基金和经办银行可以查看贷款清单', 'Only the HR bureau, the guarantee fund and the lending banks may see the loans');
  return views(deps, principal, [...rows.values()]);
}

export async function banks(deps: LoansDeps, principal: Principal, loanId: string): Promise<BankOption[]> {
  const row = await loanRow(deps.db, loanId);
  if (!mayAccess(principal, 'loans.guarantee', { regionCode: row.region_code })) throw forbidden('只有担保基金可以选择经办银行', 'Only the guarantee fund chooses the lending bank');
  return repo.banksIn(deps.db, regionPrefix(row.region_code));
}

// ---------------------------------------------------------------- request, review, guarantee, grant

export async function requestLoan(deps: LoansDeps, principal: Principal, ctx: AuditContext, body: LoanRequestBody): Promise<LoanView> {
  const borrowers = await borrowersOf(deps.db, principal);
  const person = body.subjectId === undefined ? borrowers.find((b) => b.kind === 'person') : borrowers.find((b) => b.id === body.subjectId);
  if (!person) {
    if (body.subjectId !== undefined) throw forbidden('您不能代表该企业申请贷款', 'You do not act for this borrower');
    throw forbidden('只有个人或其所代表的小微企业可以申请创业担保贷款', 'Only a person, or a small enterprise they act for, may request a guaranteed start-up loan');
  }
  const errors: FieldError[] = [];
  const pair = (await loanItemPairs(deps.db, deps.clock.today())).find((p) => p.id === body.itemId);
  if (!pair) errors.push(fieldError('itemId', 'loan_item', '应选择现行有效的创业担保贷款事项', 'must be a guaranteed-loan item in force'));
  else if (pair.entity !== person.kind)
    errors.push(person.kind === 'person' ? fieldError('itemId', 'borrower_kind', '该事项面向小微企业，应以企业名义申请', 'this item lends to small enterprises: request it for the enterprise') : fieldError('itemId', 'borrower_kind', '该事项面向个人，企业不能申请', 'this item lends to persons, not to enterprises'));
  if (body.purpose.trim().length < 2) errors.push(fieldError('purpose', 'required', '应说明贷款用途', 'must say what the loan is for'));
  if (pair && pair.entity === person.kind) {
    const v = await verdictFor(deps, deps.db, person.id, pair.id, { [REQUESTED]: body.amountFen });
    if (!v) errors.push(fieldError('itemId', 'may_qualify', '按档案中的信息，不符合该贷款事项的条件', 'by the profile the borrower does not qualify for this loan item'));
    else if (v.verdict.status === 'ineligible' || v.verdict.status === 'near_miss') {
      const f = failing(v.verdict);
      errors.push(fieldError('itemId', 'may_qualify', `按档案中的信息，不符合该贷款事项的条件：${f.zh}`, `by the profile the borrower does not qualify for this loan item: ${f.en}`));
    } else if (v.verdict.amount?.status === 'known' && v.verdict.amount.fen !== null && v.verdict.amount.fen < body.amountFen)
      errors.push(fieldError('amountFen', 'item_cap', `申请金额超过该事项的上限（${yuan(v.verdict.amount.fen)} 元）`, `exceeds the item's ceiling (CNY ${yuan(v.verdict.amount.fen)})`));
  }
  if (errors.length > 0) throw invalid(errors);
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertLoan(trx, { subject_id: person.id, user_id: principal.userId, item_id: pair!.id, subsidy_item_id: pair!.subsidyId, region_code: pair!.region, amount_fen: body.amountFen, term_months: body.termMonths, purpose: body.purpose.trim(), status: 'requested', created_at: deps.clock.now() });
      await recordFacts(trx, deps, ctx, person.id, { facts: { [REQUESTED]: body.amountFen } }, { source: 'declared', verified: false });
      await record(trx, deps.clock, ctx, { action: 'loans.requested', entityType: 'loan', entityId: id, data: { itemId: pair!.id, amountFen: body.amountFen, termMonths: body.termMonths } });
      return id;
    });
    return loanPage(deps, principal, id);
  } catch (e) {
    if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505')
      throw conflict('LOAN_OPEN', '您在该事项下已有未结清的贷款申请', 'You already have an open loan under this item', [fieldError('itemId', 'one_open_loan', '同一事项只能有一笔在办或未结清的贷款', 'one open loan per item')]);
    throw e;
  }
}

async function decide(deps: LoansDeps, id: string, expected: string, check: (row: repo.LoanRow) => void, write: (trx: Tx, row: repo.LoanRow) => Promise<void>): Promise<void> {
  const row = await loanRow(deps.db, id);
  check(row);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockLoan(trx, id);
    const fresh = await loanRow(trx, id);
    if (fresh.status !== expected) throw conflict('LOAN_STATE', '该贷款已被他人办理，请刷新', 'Someone has already acted on this loan: refresh', [fieldError('status', 'state', '贷款状态已变化', 'the loan has moved on')]);
    await write(trx, fresh);
  });
}

const reasonRequired = (reason: string) => (reason.trim().length < 2 ? [fieldError('reason', 'required_on_refusal', '不予通过时应说明理由', 'a refusal must give its reason')] : []);

export async function review(deps: LoansDeps, principal: Principal, ctx: AuditContext, id: string, body: LoanReviewBody): Promise<LoanView> {
  await decide(deps, id, 'requested', (row) => {
    if (!mayAccess(principal, 'loans.review', { regionCode: row.region_code })) throw forbidden('只有贷款所在地人社部门的审核人员可以审核资格', 'Only the HR bureau covering the loan reviews eligibility');
    if (body.decision === 'refuse' && reasonRequired(body.reason).length) throw invalid(reasonRequired(body.reason));
  }, async (trx, row) => {
    const now = deps.clock.now();
    if (body.decision === 'approve') {
      await repo.updateLoan(trx, id, { status: 'approved', reviewed_by: principal.userId, reviewed_at: now });
      // A person's conditions are a fact of their profile; an enterprise's item reads its own facts (hires, size).
      if (variableFor(row.borrower_kind, CONDITIONS)) await recordFacts(trx, deps, ctx, row.subject_id, { facts: { [CONDITIONS]: true } }, SOURCE);
    } else await repo.updateLoan(trx, id, { status: 'refused', refusal_reason: body.reason.trim(), reviewed_by: principal.userId, reviewed_at: now });
    await record(trx, deps.clock, ctx, { action: body.decision === 'approve' ? 'loans.eligibility_approved' : 'loans.eligibility_refused', entityType: 'loan', entityId: id, data: { reason: body.reason.trim() } });
  });
  return loanPage(deps, principal, id);
}

export async function guarantee(deps: LoansDeps, principal: Principal, ctx: AuditContext, id: string, body: LoanGuaranteeBody): Promise<LoanView> {
  await decide(deps, id, 'approved', (row) => {
    if (!mayAccess(principal, 'loans.guarantee', { regionCode: row.region_code })) throw forbidden('只有贷款所在地的担保基金（财政部门）可以作出担保决定', 'Only the guarantee fund covering the loan decides the guarantee');
    if (body.decision === 'refuse' && reasonRequired(body.reason).length) throw invalid(reasonRequired(body.reason));
  }, async (trx, row) => {
    const now = deps.clock.now();
    if (body.decision === 'guarantee') {
      const bank = (await repo.banksIn(trx, regionPrefix(row.region_code))).find((b) => b.id === body.bankOrganisationId);
      if (!bank) throw invalid([fieldError('bankOrganisationId', 'bank_in_region', '应选择贷款所在地区的经办银行', 'must be a lending bank in the loan\'s region')]);
      await repo.updateLoan(trx, id, { status: 'guaranteed', bank_org_id: bank.id, guaranteed_by: principal.userId, guaranteed_at: now });
    } else await repo.updateLoan(trx, id, { status: 'refused', refusal_reason: body.reason.trim(), guaranteed_by: principal.userId, guaranteed_at: now });
    await record(trx, deps.clock, ctx, { action: body.decision === 'guarantee' ? 'loans.guaranteed' : 'loans.guarantee_refused', entityType: 'loan', entityId: id, data: { bank: body.bankOrganisationId, reason: body.reason.trim() } });
  });
  return loanPage(deps, principal, id);
}

const requireBank = (principal: Principal, row: repo.LoanRow) => {
  if (row.bank_org_id === null || !banksOf(principal).includes(row.bank_org_id)) throw forbidden('只有担保基金指定的经办银行可以办理', 'Only the lending bank the guarantee fund named may do this');
};

const scheduleProblem = (e: unknown, field: string) => {
  if (e instanceof ScheduleError) return invalid([fieldError(field, 'schedule', `还款计划无法生成：${e.message}`, `no repayment schedule: ${e.message}`)]);
  return e;
};

export async function grant(deps: LoansDeps, principal: Principal, ctx: AuditContext, id: string, body: LoanGrantBody): Promise<LoanView> {
  const today = deps.clock.today();
  await decide(deps, id, 'guaranteed', (row) => {
    requireBank(principal, row);
    const errors: FieldError[] = [];
    if (body.principalFen > row.amount_fen) errors.push(fieldError('principalFen', 'at_most_requested', `放款金额不能超过申请并经审核的金额（${(row.amount_fen / 100).toFixed(2)}元）`, `must not exceed the amount requested and reviewed (${(row.amount_fen / 100).toFixed(2)} CNY)`));
    if (!isCalendarDate(body.startOn)) errors.push(fieldError('startOn', 'format:date', '应为有效日期', 'must be a real date'));
    else if (body.startOn > today) errors.push(fieldError('startOn', 'not_future', '放款日期不能晚于今天', 'must not be after today'));
    if (body.method === 'interest_only' && row.term_months % 3 !== 0) errors.push(fieldError('method', 'quarterly_term', '按季付息的贷款期限应为3的整数倍（月）', 'an interest-quarterly loan runs whole quarters'));
    if (errors.length) throw invalid(errors);
    try {
      repaymentSchedule({ principalFen: body.principalFen, annualRateBp: body.annualRateBp, termMonths: row.term_months, startOn: body.startOn, method: body.method, interestEveryMonths: body.method === 'interest_only' ? 3 : 1 });
    } catch (e) {
      throw scheduleProblem(e, 'principalFen');
    }
  }, async (trx, row) => {
    await repo.updateLoan(trx, id, { status: 'granted', principal_fen: body.principalFen, annual_rate_bp: body.annualRateBp, start_on: body.startOn, method: body.method, granted_by: principal.userId, granted_at: deps.clock.now() });
    await recordFacts(trx, deps, ctx, row.subject_id, { facts: { [GRANTED]: body.principalFen } }, SOURCE);
    await record(trx, deps.clock, ctx, { action: 'loans.granted', entityType: 'loan', entityId: id, data: { principalFen: body.principalFen, annualRateBp: body.annualRateBp, startOn: body.startOn, method: body.method } });
  });
  return loanPage(deps, principal, id);
}

export async function prepay(deps: LoansDeps, principal: Principal, ctx: AuditContext, id: string, body: PrepaymentBody): Promise<LoanView> {
  await decide(deps, id, 'granted', (row) => requireBank(principal, row), async (trx, row) => {
    const earlier = await repo.prepaymentsOf(trx, id);
    if (earlier.some((p) => p.afterPeriod === body.afterPeriod)) throw invalid([fieldError('afterPeriod', 'one_per_period', '每期只能登记一次提前还款', 'one early repayment per period')]);
    const terms = termsOf(row)!;
    const all = [...earlier, { afterPeriod: body.afterPeriod, principalFen: body.principalFen }].sort((a, b) => a.afterPeriod - b.afterPeriod);
    let schedule;
    try {
      schedule = repaymentSchedule(terms, all);
    } catch (e) {
      if (e instanceof ScheduleError) throw invalid([fieldError(e.field.includes('afterPeriod') ? 'afterPeriod' : 'principalFen', 'schedule', `提前还款无法登记：${e.message}`, `the early repayment cannot be recorded: ${e.message}`)]);
      throw e;
    }
    await repo.insertPrepayment(trx, { loan_id: id, after_period: body.afterPeriod, principal_fen: body.principalFen, recorded_by: principal.userId, recorded_at: deps.clock.now() });
    if (schedule[schedule.length - 1]!.closingFen === 0 && schedule.length < terms.termMonths / (terms.method === 'interest_only' ? 3 : 1)) await repo.updateLoan(trx, id, { status: 'repaid' });
    await record(trx, deps.clock, ctx, { action: 'loans.prepaid', entityType: 'loan', entityId: id, data: { ...body } });
  });
  return loanPage(deps, principal, id);
}

// ---------------------------------------------------------------- the ledger: levels, reserve

async function account(trx: Tx, regionCode: string, purpose: string): Promise<string> {
  const existing = await repo.accountFor(trx, regionCode, purpose);
  if (existing) return existing;
  const a = await openAccount(trx, { ownerModule: 'loans', kind: purpose, unit: 'fen', floor: purpose === 'reserve' ? 0 : null, reference: `${regionCode}:${purpose}` });
  await repo.insertAccount(trx, regionCode, purpose, a.id);
  return a.id;
}

export async function fundReserve(deps: LoansDeps, principal: Principal, ctx: AuditContext, body: ReserveFundBody): Promise<ReserveView> {
  if (!mayAccess(principal, 'loans.fund', { regionCode: body.regionCode })) throw forbidden('只有该地区的财政部门可以拨入风险准备金', 'Only the finance bureau of the region funds its reserve');
  await deps.db.transaction().execute(async (trx) => {
    const reserve = await account(trx, body.regionCode, 'reserve');
    const funding = await account(trx, body.regionCode, 'reserve_funding');
    await postTransaction(trx, deps.clock, { scope: 'loans:reserve', idempotencyKey: `fund:${body.regionCode}:${deps.clock.now().toISOString()}`, memo: '拨入风险准备金', reference: `region:${body.regionCode}`, postings: [{ accountId: funding, amount: -body.amountFen }, { accountId: reserve, amount: body.amountFen }] });
    await record(trx, deps.clock, ctx, { action: 'loans.reserve_funded', entityType: 'region', entityId: body.regionCode, data: { amountFen: body.amountFen } });
  });
  return reserveOf(deps, principal, body.regionCode);
}

/** The banks among the principal's organisations that lend, under the guarantee, in a region (the reserve covers their loans there). */
async function lendsIn(deps: LoansDeps, principal: Principal, regionCode: string): Promise<boolean> {
  const banks = banksOf(principal);
  return banks.length > 0 && (await repo.loans(deps.db, { bankOrgIds: banks })).some((l) => l.region_code === regionCode);
}

/**
 * A region's reserve, read-only: for the finance bureau that funds it, the guarantee fund whose
 * guarantees it backs, and a bank the guarantee fund named for a loan there.
 */
export async function reserveOf(deps: LoansDeps, principal: Principal, regionCode: string): Promise<ReserveView> {
  if (!mayAccess(principal, 'loans.fund', { regionCode }) && !mayAccess(principal, 'loans.guarantee', { regionCode }) && !(await lendsIn(deps, principal, regionCode)))
    throw forbidden('只有该地区的财政部门、担保基金和经办银行可以查看风险准备金', "Only the region's finance bureau, its guarantee fund and the banks lending there see its reserve");
  const balance = async (purpose: string) => {
    const id = await repo.accountFor(deps.db, regionCode, purpose);
    return id ? ((await accountOf(deps.db, id))?.balance ?? 0) : 0;
  };
  const reserve = await repo.accountFor(deps.db, regionCode, 'reserve');
  // Newest first; a funding's memo and reference say what it was (the default's names its loan).
  const movements = reserve ? (await statementOf(deps.db, reserve)).map((m) => ({ at: m.at, amountFen: m.amount, kind: m.reference?.startsWith('loan:') ? ('default' as const) : m.reference?.startsWith('region:') ? ('funding' as const) : ('other' as const) })).reverse() : [];
  return { regionCode, regionName: regionName(regionCode), balanceFen: await balance('reserve'), lossesFen: await balance('default_losses'), movements };
}

/**
 * The reserves the principal may see, one per region that has one: the regions covered by their
 * finance bureau or guarantee fund memberships, and those where their bank lends under a guarantee.
 */
export async function reserves(deps: LoansDeps, principal: Principal): Promise<ReserveView[]> {
  const banks = banksOf(principal);
  const lent = new Set(banks.length > 0 ? (await repo.loans(deps.db, { bankOrgIds: banks })).map((l) => l.region_code) : []);
  const out: ReserveView[] = [];
  for (const code of await repo.reserveRegions(deps.db)) {
    if (mayAccess(principal, 'loans.fund', { regionCode: code }) || mayAccess(principal, 'loans.guarantee', { regionCode: code }) || lent.has(code)) out.push(await reserveOf(deps, principal, code));
  }
  return out;
}

/** The finance bureau's desk: the regions it funds the reserve of, and the subsidy items of those regions with the rules set for them. */
export async function financeDesk(deps: LoansDeps, principal: Principal): Promise<LoanFinanceView> {
  const granting = membershipsGranting(principal, 'loans.fund');
  const regions = [...new Set(granting.map((m) => m.regionCode))].sort().map((regionCode) => ({ regionCode, regionName: regionName(regionCode) }));
  const pairs = (await loanItemPairs(deps.db, deps.clock.today())).filter((p) => mayAccess(principal, 'loans.fund', { regionCode: p.region }));
  const rules = await repo.rulesOf(deps.db, pairs.map((p) => p.subsidyId));
  return {
    regions,
    items: pairs.map((p) => ({
      itemId: p.subsidyId,
      title: p.subsidyTitle,
      loanTitle: p.title,
      regionName: regionName(p.region),
      regionCode: p.region,
      rules: rules.filter((r) => r.item_id === p.subsidyId).map((r) => ({ year: r.year, rateCapBp: r.rate_cap_bp, shareBp: r.share_bp, weights: r.weights })),
    })),
  };
}

export async function reportDefault(deps: LoansDeps, principal: Principal, ctx: AuditContext, id: string, body: DefaultBody): Promise<LoanView> {
  await decide(deps, id, 'granted', (row) => {
    requireBank(principal, row);
    const errors: FieldError[] = [];
    if (!isCalendarDate(body.defaultedOn) || body.defaultedOn > deps.clock.today() || body.defaultedOn < row.start_on!) errors.push(fieldError('defaultedOn', 'within_loan', '违约日期应在放款日与今天之间', 'must lie between the loan\'s start and today'));
    if (body.lossFen > row.principal_fen!) errors.push(fieldError('lossFen', 'at_most_principal', '代偿损失不能超过贷款本金', 'must not exceed the principal'));
    if (errors.length) throw invalid(errors);
  }, async (trx, row) => {
    await repo.updateLoan(trx, id, { status: 'defaulted', default_loss_fen: body.lossFen, defaulted_on: body.defaultedOn });
    const reserve = await account(trx, row.region_code, 'reserve');
    const losses = await account(trx, row.region_code, 'default_losses');
    try {
      await postTransaction(trx, deps.clock, { scope: 'loans:reserve', idempotencyKey: `default:${id}`, memo: '风险准备金代偿', reference: `loan:${id}`, postings: [{ accountId: reserve, amount: -body.lossFen }, { accountId: losses, amount: body.lossFen }] });
    } catch (e) {
      if (!breachesFloor(e)) throw ledgerProblem(e);
      throw conflict('RESERVE_SHORT', '风险准备金余额不足以代偿，请先由财政部门补充', 'The bad-debt reserve cannot cover the loss: the finance bureau must top it up first', [fieldError('lossFen', 'reserve_floor', '超过风险准备金余额', 'exceeds the reserve balance')]);
    }
    await record(trx, deps.clock, ctx, { action: 'loans.defaulted', entityType: 'loan', entityId: id, data: { ...body } });
  });
  return loanPage(deps, principal, id);
}

// ---------------------------------------------------------------- subsidy rules

export async function setRule(deps: LoansDeps, principal: Principal, ctx: AuditContext, body: SubsidyRuleBody): Promise<SubsidyRuleBody> {
  const snap = await rulesSnapshot(deps.db);
  const item = snap.catalog.items.get(body.itemId);
  const errors: FieldError[] = [];
  if (!item || item.spec.benefit !== 'loan_interest_subsidy') errors.push(fieldError('itemId', 'subsidy_item', '应为贷款贴息事项', 'must be an interest-subsidy item'));
  else if (!item.spec.region || !mayAccess(principal, 'loans.fund', { regionCode: item.spec.region })) throw forbidden('只有事项所在地区的财政部门可以设定贴息规则', 'Only the finance bureau of the item\'s region sets its subsidy rule');
  if (body.weights.every((w) => w === 0)) errors.push(fieldError('weights', 'one_positive', '至少一级财政承担贴息', 'at least one level must fund the subsidy'));
  if (errors.length) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertRule(trx, { item_id: body.itemId, year: body.year, rate_cap_bp: body.rateCapBp, share_bp: body.shareBp, weights: body.weights, set_by: principal.userId, set_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'loans.subsidy_rule_set', entityType: 'policy_item', entityId: body.itemId, data: { ...body } });
  });
  return body;
}

// ---------------------------------------------------------------- the quarter's subsidy (daily job)

const quarterEnd = (year: number, q: number) => addMonths(`${year}-${String(q * 3).padStart(2, '0')}-01`, 1).slice(0, 8) + '01';
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The quarters that ended on or before `day` since the loan started, as [year, quarter]. */
function endedQuarters(startOn: string, day: string): [number, 1 | 2 | 3 | 4][] {
  const out: [number, 1 | 2 | 3 | 4][] = [];
  let y = Number(startOn.slice(0, 4));
  let q = Math.floor((Number(startOn.slice(5, 7)) - 1) / 3) + 1;
  for (;;) {
    if (dayBefore(quarterEnd(y, q)) > day) break;
    out.push([y, q as 1 | 2 | 3 | 4]);
    q += 1;
    if (q > 4) { q = 1; y += 1; }
  }
  return out;
}

/**
 * The daily job: for every loan being repaid (or repaid, or defaulted after a quarter), each
 * quarter that has ended by `day` and has no subsidy yet gets one, once (the row's key); a
 * positive subsidy is written on the borrower's profile and handed to fulfilment as a pending
 * award whose product is the quarter. Returns how many quarters it computed.
 */
export async function computeQuarterSubsidies(deps: LoansDeps, day: string): Promise<number> {
  const rows = await repo.loans(deps.db, { statuses: ['granted', 'repaid', 'defaulted'] });
  // The policies module reads (and caches) the catalogue through the root connection, which must
  // not be used inside a transaction on PGlite: warm it here (fulfilment reads it for the award).
  await currentRules(deps.db);
  await rulesSnapshot(deps.db);
  const ctx = systemActor('loans');
  let computed = 0;
  for (const l of rows) {
    const terms = termsOf(l);
    if (!terms) continue;
    for (const [year, quarter] of endedQuarters(terms.startOn, day)) {
      if (l.status === 'defaulted' && l.defaulted_on !== null && dayBefore(quarterEnd(year, quarter)) > l.defaulted_on) break;
      const wrote = await deps.db.transaction().execute(async (trx) => {
        await repo.lockLoan(trx, l.id);
        const rule = await ruleFor(trx, l.subsidy_item_id, year);
        const schedule = repaymentSchedule(terms, await repo.prepaymentsOf(trx, l.id));
        const { periods, subsidyFen } = quarterSubsidy(terms, schedule, rule as SubsidyRule, year, quarter);
        const shares = splitBetweenLevels(subsidyFen, rule.weights);
        const inserted = await repo.insertSubsidy(trx, { loan_id: l.id, year, quarter, periods, subsidy_fen: subsidyFen, rate_cap_bp: rule.rateCapBp, share_bp: rule.shareBp, weights: rule.weights, shares_fen: shares, status: subsidyFen > 0 ? 'pending' : 'nil', paid_fen: null, computed_at: deps.clock.now(), paid_at: null });
        if (!inserted || subsidyFen === 0) return inserted;
        await recordFacts(trx, deps, ctx, l.subject_id, { facts: { [GRANTED]: terms.principalFen, [SUBSIDY_DUE]: subsidyFen } }, SOURCE);
        const v = await verdictFor(deps, trx, l.subject_id, l.subsidy_item_id, {});
        const label = `${year}年第${quarter}季度贴息`;
        if (v && v.verdict.status === 'eligible') {
          await deps.events.emit(trx, 'award.pending', {
            itemId: l.subsidy_item_id,
            itemVersion: v.version,
            subjectId: l.subject_id,
            amountFen: v.verdict.amount?.status === 'known' ? v.verdict.amount.fen : subsidyFen,
            evaluatedOn: deps.clock.today(),
            verdict: v.verdict,
            outcome: { productKey: label, source: 'loans' },
          });
          await notify(trx, deps, {
            subjectId: l.subject_id,
            kind: 'award.pending',
            title: { zh: `创业担保贷款${label}已核定`, en: `Interest subsidy for ${year} Q${quarter} assessed` },
            body: { zh: `本季度贴息${(subsidyFen / 100).toFixed(2)}元已进入兑现流程，由主管部门批复后拨付。`, en: `This quarter's subsidy of ${(subsidyFen / 100).toFixed(2)} CNY has entered fulfilment: the department approves and pays it.` },
            link: `/loans/${l.id}`,
            dedupeKey: `loan-subsidy:${l.id}:${year}Q${quarter}`,
          });
        }
        await record(trx, deps.clock, ctx, { action: 'loans.subsidy_computed', entityType: 'loan', entityId: l.id, data: { year, quarter, periods, subsidyFen, shares, eligible: v?.verdict.status === 'eligible' } });
        return true;
      });
      if (wrote) computed += 1;
    }
  }
  return computed;
}

/** Fulfilment paid an award: if it is a loan subsidy, the quarter is paid and its split between the levels posted. */
export async function onAwardPaid(trx: Tx, deps: Pick<AppDeps, 'clock'>, payload: { applicationId: string; itemId: string; subjectId: string; amountFen: number; productKey: string | null }): Promise<void> {
  // The award's product is its quarter (“2026年第3季度贴息”); an award without one pays the oldest.
  const quarter = payload.productKey?.match(/^(\d{4})年第([1-4])季度贴息$/);
  const s = await repo.pendingSubsidy(trx, payload.subjectId, payload.itemId, quarter ? { year: Number(quarter[1]), quarter: Number(quarter[2]) } : null);
  if (!s) return;
  const shares = splitBetweenLevels(payload.amountFen, s.weights);
  await repo.markSubsidyPaid(trx, s.loan_id, s.year, s.quarter, payload.amountFen, shares, deps.clock.now());
  if (payload.amountFen === 0) return;
  const postings = [];
  for (const [i, fen] of shares.entries()) if (fen > 0) postings.push({ accountId: await account(trx, s.region_code, `level_${i + 1}`), amount: -fen });
  postings.push({ accountId: await account(trx, s.region_code, 'subsidies_paid'), amount: payload.amountFen });
  await postTransaction(trx, deps.clock, { scope: 'loans:subsidies', idempotencyKey: `${s.loan_id}:${s.year}Q${s.quarter}`, memo: `贷款贴息 ${s.year}年第${s.quarter}季度`, reference: `award:${payload.applicationId}`, postings });
}
