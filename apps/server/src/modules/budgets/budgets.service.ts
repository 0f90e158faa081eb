import type { Budget, Payment } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import type { BenefitHistorySource } from '../../platform/benefit-history.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import * as repo from './budgets.repository.js';
import type { BudgetRow, GrantRow, PaymentRow } from './budgets.repository.js';

export interface BudgetDeps {
  db: Db;
  clock: Clock;
}

/** A budget as the API shows it (contract: Budget). */
export type BudgetView = Budget;

export const budgetView = (b: BudgetRow): BudgetView => ({
  id: b.id,
  itemId: b.item_id,
  year: b.year,
  financeDepartmentId: b.finance_department_id,
  amountFen: b.amount_fen,
  committedFen: b.committed_fen,
  paidFen: b.paid_fen,
  leftFen: b.amount_fen - b.committed_fen - b.paid_fen,
  secondApprovalThresholdFen: b.second_approval_threshold_fen,
});

/** A payment as the API shows it (contract: Payment). */
export type PaymentView = Payment;

export const paymentView = (p: PaymentRow): PaymentView => ({
  id: p.id,
  awardId: p.award_id,
  amountFen: p.amount_fen,
  status: p.status,
  needsSecondApproval: p.needs_second_approval,
  requestedBy: p.requested_by,
  requestedAt: p.requested_at.toISOString(),
  approvedBy: p.approved_by,
  paidAt: p.paid_at?.toISOString() ?? null,
});

// ---------------------------------------------------------------- database refusals → problems

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
}

const violates = (error: unknown, constraint: string): boolean => {
  const e = error as PgLikeError;
  return (e.code === '23514' || e.code === '23505') && (e.constraint === constraint || (e.message ?? '').includes(constraint));
};

/** The database's refusals, as the problems a person reads. Anything else is rethrown as is. */
export function moneyProblem(error: unknown): unknown {
  if (violates(error, 'budget_not_overdrawn')) {
    return conflict('BUDGET_EXCEEDED', '该事项本年度预算余额不足，不能批复此金额', "The item's budget for the year has not enough left for this amount");
  }
  if (violates(error, 'budget_subject_cap')) {
    return conflict('SUBJECT_CAP_EXCEEDED', '超过该主体本年度在此事项下的奖补上限', "This would exceed the subject's yearly cap for the item");
  }
  if (violates(error, 'budget_grants_once')) {
    return conflict('ALREADY_GRANTED', '该主体（或该产品）已获得过此项奖补，只能奖励一次', 'The subject (or this product) has already received this benefit, which is granted only once');
  }
  if (violates(error, 'budget_payments_idempotency_key_key')) {
    return conflict('IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一笔拨付', 'This idempotency key was already used for another payment');
  }
  if (violates(error, 'budget_payments_award_id_key')) {
    return conflict('ALREADY_PAID', '该奖补已申请过拨付，不能重复拨付', 'A payment for this award has already been requested; it is never paid twice');
  }
  if (violates(error, 'budget_payment_second_person')) {
    return conflict('SECOND_APPROVER_SAME', '复核人不能是申请拨付的同一财务人员', 'The second approver must be a different finance officer');
  }
  return error;
}

// ---------------------------------------------------------------- budgets

function isFinanceOf(principal: Principal, departmentId: string | null): boolean {
  return principal.isPlatformAdmin || principal.memberships.some((m) => m.organisationId === departmentId && m.roles.includes('finance'));
}

export async function listBudgetViews(db: Db, principal: Principal, year?: number): Promise<BudgetView[]> {
  const all = principal.isPlatformAdmin || principal.permissions.has('fulfilment.supervise');
  const rows = await repo.listBudgets(db, { year, financeDepartmentIds: all ? undefined : principal.memberships.filter((m) => m.roles.includes('finance')).map((m) => m.organisationId) });
  return rows.map(budgetView);
}

export async function budgetsOfItems(db: Db | Tx, itemIds: readonly string[], year: number): Promise<BudgetView[]> {
  const rows = await repo.listBudgets(db, { year });
  return rows.filter((b) => itemIds.includes(b.item_id)).map(budgetView);
}

/** Sets an item's budget for a year. It can never be set below what is already committed and paid. */
export async function setBudget(
  trx: Tx,
  deps: BudgetDeps,
  principal: Principal,
  ctx: AuditContext,
  input: { itemId: string; year: number; amountFen: number; secondApprovalThresholdFen: number; financeDepartmentId: string },
): Promise<BudgetView> {
  if (!isFinanceOf(principal, input.financeDepartmentId)) throw forbidden('只有该财政部门的财务人员可以设置预算', 'Only finance officers of that department may set budgets');
  const existing = await repo.findBudget(trx, input.itemId, input.year);
  if (existing && input.amountFen < existing.committed_fen + existing.paid_fen) {
    throw invalid([fieldError('amountFen', 'minimum', `不能低于已批复与已拨付之和（${existing.committed_fen + existing.paid_fen} 分）`, `cannot be below what is committed and paid (${existing.committed_fen + existing.paid_fen} fen)`)]);
  }
  const id = await repo.upsertBudget(trx, {
    item_id: input.itemId,
    year: input.year,
    finance_department_id: input.financeDepartmentId,
    amount_fen: input.amountFen,
    second_approval_threshold_fen: input.secondApprovalThresholdFen,
  });
  await record(trx, deps.clock, ctx, { action: 'budget.set', entityType: 'budget', entityId: id, data: { itemId: input.itemId, year: input.year, amountFen: input.amountFen, secondApprovalThresholdFen: input.secondApprovalThresholdFen } });
  return budgetView((await repo.findBudgetById(trx, id))!);
}

// ---------------------------------------------------------------- grants (commitments)

export interface GrantInput {
  awardId: string;
  itemId: string;
  subjectId: string;
  grantedOn: string;
  productKey: string | null;
  onceKey: string | null;
  amountFen: number;
  /** The subject's yearly cap for the item, when the rules state one. */
  subjectYearCapFen: number | null;
  actorUserId: string | null;
}

/**
 * Commits an approved amount against the item's budget for the year of approval. The database
 * refuses overdrawing the budget, passing the subject's yearly cap and a second grant where
 * the item grants once; the caller's transaction then rolls back and nothing is changed.
 */
export async function commitGrant(trx: Tx, clock: Clock, input: GrantInput): Promise<GrantRow> {
  const year = Number(input.grantedOn.slice(0, 4));
  const found = await repo.findBudget(trx, input.itemId, year);
  // Lock the budget row before the caller appends to the audit chain (the money path's one lock order).
  const budget = found && (await repo.lockBudget(trx, found.id));
  if (!budget) throw conflict('NO_BUDGET', `该事项尚未安排 ${year} 年度预算，不能批复金额`, `The item has no budget for ${year}: no amount can be approved`);
  const grant: Omit<GrantRow, 'created_at'> = {
    award_id: input.awardId,
    budget_id: budget.id,
    item_id: input.itemId,
    subject_id: input.subjectId,
    year,
    product_key: input.productKey,
    once_key: input.onceKey,
    amount_fen: input.amountFen,
    state: 'committed',
    granted_on: input.grantedOn,
  };
  try {
    // Budget first: its row lock is the queue that concurrent approvals against one budget wait in.
    await repo.insertLedgerEntry(trx, { budget_id: budget.id, award_id: input.awardId, kind: 'commitment', amount_fen: input.amountFen, at: clock.now(), actor_user_id: input.actorUserId });
    await repo.insertGrant(trx, grant);
    if (input.subjectYearCapFen !== null) {
      await repo.addToSubjectYear(trx, { item_id: input.itemId, subject_id: input.subjectId, year, cap_fen: input.subjectYearCapFen, amount_fen: input.amountFen });
    }
  } catch (error) {
    throw moneyProblem(error);
  }
  return { ...grant, created_at: clock.now() };
}

/** Gives a committed amount back to the budget (an objection upheld, an award revoked). */
export async function releaseGrant(trx: Tx, clock: Clock, awardId: string, actorUserId: string | null): Promise<void> {
  const grant = await repo.findGrant(trx, awardId);
  if (!grant || grant.state !== 'committed') return;
  await repo.lockBudget(trx, grant.budget_id); // budget row before the caller's audit records
  await repo.insertLedgerEntry(trx, { budget_id: grant.budget_id, award_id: awardId, kind: 'release', amount_fen: grant.amount_fen, at: clock.now(), actor_user_id: actorUserId });
  await repo.setGrantState(trx, awardId, 'released');
  await repo.subtractFromSubjectYear(trx, { item_id: grant.item_id, subject_id: grant.subject_id, year: grant.year, amount_fen: grant.amount_fen });
}

export const grantOf = repo.findGrant;

// ---------------------------------------------------------------- payments

export const paymentByKey = repo.findPaymentByKey;
export const paymentOfAward = repo.findPaymentOfAward;

async function settle(trx: Tx, clock: Clock, payment: PaymentRow, approvedBy: string | null): Promise<PaymentRow> {
  try {
    await repo.insertLedgerEntry(trx, { budget_id: payment.budget_id, award_id: payment.award_id, kind: 'payment', amount_fen: payment.amount_fen, at: clock.now(), actor_user_id: approvedBy ?? payment.requested_by });
    await repo.setGrantState(trx, payment.award_id, 'paid');
    return await repo.markPaymentPaid(trx, payment.id, approvedBy, clock.now());
  } catch (error) {
    throw moneyProblem(error);
  }
}

/**
 * Requests the payment of an award's committed amount. At or below the budget's threshold it is
 * paid at once; above it, it waits for a second, different finance officer. The caller has
 * already checked the idempotency key and locked the award.
 */
export async function requestPayment(
  trx: Tx,
  deps: BudgetDeps,
  principal: Principal,
  ctx: AuditContext,
  input: { awardId: string; idempotencyKey: string },
): Promise<PaymentRow> {
  const grant = await repo.findGrant(trx, input.awardId);
  if (!grant || grant.state === 'released') throw conflict('NO_COMMITMENT', '该奖补没有已批复的金额，无需拨付', 'The award has no committed amount to pay');
  if (grant.state === 'paid') throw conflict('ALREADY_PAID', '该奖补已拨付，不能重复拨付', 'The award has already been paid; it is never paid twice');
  // The budget row before anything is appended to the audit chain: the one lock order of the money path.
  const budget = (await repo.lockBudget(trx, grant.budget_id))!;
  if (!isFinanceOf(principal, budget.finance_department_id)) throw forbidden('只有该预算所属财政部门的财务人员可以拨付', "Only finance officers of the budget's finance department may pay");
  const needsSecond = grant.amount_fen > budget.second_approval_threshold_fen;
  let payment: PaymentRow;
  try {
    payment = await repo.insertPayment(trx, {
      award_id: input.awardId,
      budget_id: budget.id,
      amount_fen: grant.amount_fen,
      idempotency_key: input.idempotencyKey,
      needs_second_approval: needsSecond,
      status: 'awaiting_second_approval',
      requested_by: principal.userId,
      requested_at: deps.clock.now(),
      approved_by: null,
      paid_at: null,
    });
  } catch (error) {
    throw moneyProblem(error);
  }
  await record(trx, deps.clock, ctx, { action: 'payment.requested', entityType: 'payment', entityId: payment.id, data: { awardId: input.awardId, amountFen: grant.amount_fen, needsSecondApproval: needsSecond } });
  if (needsSecond) return payment;
  payment = await settle(trx, deps.clock, payment, null);
  await record(trx, deps.clock, ctx, { action: 'payment.paid', entityType: 'payment', entityId: payment.id, data: { awardId: input.awardId, amountFen: payment.amount_fen } });
  return payment;
}

/** The second finance officer's approval of a payment above the threshold; then it is paid. */
export async function approvePayment(trx: Tx, deps: BudgetDeps, principal: Principal, ctx: AuditContext, paymentId: string): Promise<PaymentRow> {
  const payment = await repo.lockPayment(trx, paymentId);
  if (!payment) throw notFound({ zh: '该拨付', en: 'Payment' });
  if (payment.status === 'paid') throw conflict('ALREADY_PAID', '该笔拨付已完成', 'This payment has already been made');
  const budget = (await repo.lockBudget(trx, payment.budget_id))!;
  if (!isFinanceOf(principal, budget.finance_department_id)) throw forbidden('只有该预算所属财政部门的财务人员可以复核', "Only finance officers of the budget's finance department may approve");
  if (payment.requested_by === principal.userId) {
    throw conflict('SECOND_APPROVER_SAME', '复核人不能是申请拨付的同一财务人员', 'The second approver must be a different finance officer from the one who requested the payment');
  }
  const paid = await settle(trx, deps.clock, payment, principal.userId);
  await record(trx, deps.clock, ctx, { action: 'payment.approved', entityType: 'payment', entityId: paid.id, data: { awardId: paid.award_id, amountFen: paid.amount_fen } });
  return paid;
}

export async function paymentsOf(db: Db | Tx, awardIds: readonly string[]): Promise<PaymentView[]> {
  return (await repo.paymentsOfAwards(db, awardIds)).map(paymentView);
}

export const findPayment = repo.findPaymentById;

/** What each subject has received, for the rules engine's caps (wired as deps.benefitHistory). */
export const benefitHistoryOf: BenefitHistorySource = async (db, subjectId) =>
  (await repo.liveGrantsOf(db, subjectId)).map((g) => ({
    item: g.item_id,
    date: g.granted_on,
    amount: g.amount_fen,
    ...(g.product_key ? { product: g.product_key } : {}),
  }));

export const ledgerOf = repo.ledgerOf;
export const findBudgetById = repo.findBudgetById;

