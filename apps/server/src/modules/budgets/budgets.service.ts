import type { Budget, BudgetableItem, BudgetChange, FieldError, Payment } from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { BenefitHistorySource } from '../../platform/benefit-history.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { breachesFloor, openAccount, placeHold, postHold, postTransaction, voidHold } from '../ledger/index.js';
import { regionCovers, regionPrefix, rulesSnapshot } from '../policies/index.js';
import * as repo from './budgets.repository.js';
import type { BudgetChangeRow, BudgetRow, GrantRow, PaymentRow } from './budgets.repository.js';

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
  payeeAccount:
    p.payee_account_masked && p.payee_bank && p.payee_name
      ? { bank: p.payee_bank, name: p.payee_name, number: p.payee_account_masked }
      : null,
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
  if (violates(error, 'budget_not_overdrawn') || breachesFloor(error)) {
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
  if (violates(error, 'budget_change_second_person')) {
    return conflict('BUDGET_CHANGE_NEEDS_SECOND_PERSON', '预算的金额、复核阈值和所属财政部门只能经另一名财务人员批准后调整', "A budget's amount, threshold and finance department change only when a second finance officer approves the change");
  }
  if (violates(error, 'budget_changes_one_pending')) return changePending();
  if (violates(error, 'budget_payment_second_person')) {
    return conflict('SECOND_APPROVER_SAME', '复核人不能是申请拨付的同一财务人员', 'The second approver must be a different finance officer');
  }
  return error;
}

// ---------------------------------------------------------------- budgets

/**
 * A finance officer of the department: a member of it whose roles bring `fulfilment.pay`. Administering
 * the platform is not a finance power, so it never stands in for one (nor for the second person).
 */
function isFinanceOf(principal: Principal, departmentId: string | null): boolean {
  return mayAccess(principal, 'fulfilment.pay', { organisationId: departmentId });
}

export async function listBudgetViews(db: Db, principal: Principal, year?: number): Promise<BudgetView[]> {
  const rows = await repo.listBudgets(db, { year, scope: budgetScopeOf(principal) });
  return rows.map(budgetView);
}

/**
 * Whose budgets a person may read: their own finance departments', and those of departments in
 * the regions their programme office supervises. Never platform-wide: administering the platform
 * reads no budget.
 */
function budgetScopeOf(principal: Principal): { financeDepartmentIds: string[]; regionPrefixes: string[] } {
  return {
    financeDepartmentIds: financeDepartmentsOf(principal),
    regionPrefixes: membershipsGranting(principal, 'fulfilment.supervise').map((m) => regionPrefix(m.regionCode)),
  };
}

/**
 * The items a finance officer may open a budget for, chosen from a list rather than typed: every
 * catalogue item whose region one of their finance departments covers (an item without a region
 * is valid everywhere), with the departments that may hold its budget.
 */
export async function budgetableItems(db: Db, principal: Principal): Promise<BudgetableItem[]> {
  const departments = membershipsGranting(principal, 'fulfilment.pay');
  if (departments.length === 0) return [];
  const { views } = await rulesSnapshot(db);
  return [...views.values()]
    .map((item) => ({
      id: item.id,
      title: item.title,
      regionCode: item.regionCode,
      documentNumber: item.document.number,
      financeDepartmentIds: departments
        .filter((d) => item.regionCode === null || regionCovers(d.regionCode, item.regionCode))
        .map((d) => d.organisationId),
    }))
    .filter((x) => x.financeDepartmentIds.length > 0)
    .sort((a, b) => a.title.zh.localeCompare(b.title.zh, 'zh-CN'));
}

/** True when the person may read this budget and its ledger (see `budgetScopeOf`). */
export async function mayReadBudget(db: Db | Tx, principal: Principal, budgetId: string): Promise<boolean> {
  return (await repo.listBudgets(db, { id: budgetId, scope: budgetScopeOf(principal) })).length > 0;
}

const financeDepartmentsOf = (principal: Principal): string[] => membershipsGranting(principal, 'fulfilment.pay').map((m) => m.organisationId);

export async function budgetsOfItems(db: Db | Tx, itemIds: readonly string[], year: number): Promise<BudgetView[]> {
  const rows = await repo.listBudgets(db, { year });
  return rows.filter((b) => itemIds.includes(b.item_id)).map(budgetView);
}

export interface BudgetInput {
  itemId: string;
  year: number;
  amountFen: number;
  secondApprovalThresholdFen: number;
  financeDepartmentId: string;
}

/** A budget change as the API shows it (contract: BudgetChange). */
export type BudgetChangeView = BudgetChange;

export const budgetChangeView = (c: BudgetChangeRow, budget: { item_id: string; year: number }): BudgetChangeView => ({
  id: c.id,
  budgetId: c.budget_id,
  itemId: budget.item_id,
  year: budget.year,
  status: c.status,
  amountFen: c.amount_fen,
  secondApprovalThresholdFen: c.second_approval_threshold_fen,
  financeDepartmentId: c.finance_department_id,
  fromAmountFen: c.from_amount_fen,
  fromSecondApprovalThresholdFen: c.from_second_approval_threshold_fen,
  fromFinanceDepartmentId: c.from_finance_department_id,
  proposedBy: c.proposed_by,
  proposedAt: instantOut(c.proposed_at),
  decidedBy: c.decided_by,
  decidedAt: nullableInstantOut(c.decided_at),
});

const changePending = () =>
  conflict('BUDGET_CHANGE_PENDING', '该预算已有一项待批准的调整：先由另一名财务人员批准或驳回，或由提出人撤回', 'This budget already has a change awaiting approval: a second finance officer approves or rejects it, or its proposer withdraws it, first');

const belowCommitted = (floor: number) =>
  conflict(
    'BUDGET_BELOW_COMMITTED',
    `预算金额不能低于已批复与已拨付之和（${floor} 分）`,
    `A budget's amount cannot be below what is committed and paid (${floor} fen)`,
    [fieldError('amountFen', 'minimum', `不能低于已批复与已拨付之和（${floor} 分）`, `cannot be below what is committed and paid (${floor} fen)`)],
  );

/**
 * A budget exists only for an item of the policy catalogue, held by a government department
 * whose region covers the item's (its own region or an ancestor; an item without a region, valid
 * everywhere, may be held by any department).
 */
async function checkPlacement(trx: Tx, deps: BudgetDeps, input: { itemId: string; financeDepartmentId: string }): Promise<void> {
  const errors: FieldError[] = [];
  const item = (await rulesSnapshot(deps.db, trx)).views.get(input.itemId);
  if (!item) errors.push(fieldError('itemId', 'exists', '应为政策目录中已有的事项', 'must be an item of the policy catalogue'));
  const department = await repo.governmentDepartment(trx, input.financeDepartmentId);
  if (!department) errors.push(fieldError('financeDepartmentId', 'exists', '应为已登记的政府部门', 'must be a registered government department'));
  if (item && department && item.regionCode !== null && !regionCovers(department.region_code, item.regionCode)) {
    errors.push(
      fieldError(
        'financeDepartmentId',
        'covers_item_region',
        `该财政部门的地区（${department.region_code}）不覆盖事项所在地区（${item.regionCode}）`,
        `the finance department's region (${department.region_code}) does not cover the item's region (${item.regionCode})`,
      ),
    );
  }
  if (errors.length > 0) throw invalid(errors);
}

async function createBudget(trx: Tx, deps: BudgetDeps, ctx: AuditContext, input: BudgetInput): Promise<BudgetView | null> {
  const id = await repo.insertBudgetIfAbsent(trx, {
    item_id: input.itemId,
    year: input.year,
    finance_department_id: input.financeDepartmentId,
    amount_fen: input.amountFen,
    second_approval_threshold_fen: input.secondApprovalThresholdFen,
  });
  if (id === null) return null;
  await openLedgerAccounts(trx, deps.clock, id, input.amountFen);
  await record(trx, deps.clock, ctx, {
    action: 'budget.created',
    entityType: 'budget',
    entityId: id,
    data: { itemId: input.itemId, year: input.year, amountFen: input.amountFen, secondApprovalThresholdFen: input.secondApprovalThresholdFen, financeDepartmentId: input.financeDepartmentId },
  });
  return budgetView((await repo.findBudgetById(trx, id))!);
}

// ---------------------------------------------------------------- the budget's ledger accounts

/** The ledger's scope of the budgets' idempotency keys. */
const LEDGER_SCOPE = 'budgets';

interface LedgerAccounts {
  account: string;
  appropriation: string;
  disbursed: string;
}

function accountsOf(budget: BudgetRow): LedgerAccounts {
  if (!budget.account_id || !budget.appropriation_account_id || !budget.disbursed_account_id) {
    throw new Error(`budget ${budget.id} has no ledger accounts`);
  }
  return { account: budget.account_id, appropriation: budget.appropriation_account_id, disbursed: budget.disbursed_account_id };
}

/**
 * A new budget's three ledger accounts (migrations/…_budgets_on_ledger.sql): the budget account (floor
 * 0: what is committed and paid never exceeds the amount), its appropriation and its disbursed
 * account; then its amount, appropriated.
 */
async function openLedgerAccounts(trx: Tx, clock: Clock, budgetId: string, amountFen: number): Promise<void> {
  const reference = `budget:${budgetId}`;
  const account = await openAccount(trx, { ownerModule: 'budgets', kind: 'budget', unit: 'fen', floor: 0, reference });
  const appropriation = await openAccount(trx, { ownerModule: 'budgets', kind: 'budget_appropriation', unit: 'fen', floor: null, reference });
  const disbursed = await openAccount(trx, { ownerModule: 'budgets', kind: 'budget_disbursed', unit: 'fen', floor: null, reference });
  await repo.setBudgetAccounts(trx, budgetId, { account_id: account.id, appropriation_account_id: appropriation.id, disbursed_account_id: disbursed.id });
  await appropriate(trx, clock, { account: account.id, appropriation: appropriation.id, disbursed: disbursed.id }, amountFen, `appropriation:${budgetId}`, reference);
}

/** Moves `deltaFen` from the appropriation to the budget account (negative: back); the ledger refuses going below what is committed and paid. */
async function appropriate(trx: Tx, clock: Clock, accounts: LedgerAccounts, deltaFen: number, idempotencyKey: string, reference: string): Promise<void> {
  if (deltaFen === 0) return;
  await postTransaction(trx, clock, {
    scope: LEDGER_SCOPE,
    idempotencyKey,
    memo: 'appropriation',
    reference,
    postings: [
      { accountId: accounts.appropriation, amount: -deltaFen },
      { accountId: accounts.account, amount: deltaFen },
    ],
  });
}

export type SetBudgetResult = { outcome: 'created' | 'unchanged'; budget: BudgetView } | { outcome: 'proposed'; change: BudgetChangeView };

/**
 * Sets an item's budget for a year. The first time, a finance officer of the department creates
 * it in one step. After that its amount, second-approval threshold and finance department bind
 * the officers who pay from it, so a different value is only proposed (two-person rule): it takes
 * effect when a different finance officer of the department that will own it approves it
 * (approveBudgetChange). Never below what is committed and paid; the same values change nothing.
 */
export async function setBudget(trx: Tx, deps: BudgetDeps, principal: Principal, ctx: AuditContext, input: BudgetInput): Promise<SetBudgetResult> {
  const existing = await repo.findBudget(trx, input.itemId, input.year);
  if (!existing) {
    if (!isFinanceOf(principal, input.financeDepartmentId)) throw forbidden('只有该财政部门的财务人员可以设置预算', 'Only finance officers of that department may set budgets');
    await checkPlacement(trx, deps, input);
    const created = await createBudget(trx, deps, ctx, input);
    if (created) return { outcome: 'created', budget: created };
    // A concurrent request created it first: what this one asks is then a change of it.
  }
  return proposeBudgetChange(trx, deps, principal, ctx, input);
}

async function proposeBudgetChange(trx: Tx, deps: BudgetDeps, principal: Principal, ctx: AuditContext, input: BudgetInput): Promise<SetBudgetResult> {
  const found = (await repo.findBudget(trx, input.itemId, input.year))!;
  // The budget row first (the money path's lock order): proposals for one budget queue here.
  const budget = (await repo.lockBudget(trx, found.id))!;
  if (!isFinanceOf(principal, budget.finance_department_id ?? input.financeDepartmentId)) {
    throw forbidden('只有该预算所属财政部门的财务人员可以提出调整', "Only finance officers of the budget's finance department may propose changing it");
  }
  const same =
    budget.amount_fen === input.amountFen && budget.second_approval_threshold_fen === input.secondApprovalThresholdFen && budget.finance_department_id === input.financeDepartmentId;
  if (same) return { outcome: 'unchanged', budget: budgetView(budget) };
  await checkPlacement(trx, deps, input);
  const floor = budget.committed_fen + budget.paid_fen;
  if (input.amountFen < floor) {
    throw invalid([fieldError('amountFen', 'minimum', `不能低于已批复与已拨付之和（${floor} 分）`, `cannot be below what is committed and paid (${floor} fen)`)]);
  }
  if (await repo.pendingChangeOf(trx, budget.id)) throw changePending();
  let change: BudgetChangeRow;
  try {
    change = await repo.insertBudgetChange(trx, {
      budget_id: budget.id,
      amount_fen: input.amountFen,
      second_approval_threshold_fen: input.secondApprovalThresholdFen,
      finance_department_id: input.financeDepartmentId,
      from_amount_fen: budget.amount_fen,
      from_second_approval_threshold_fen: budget.second_approval_threshold_fen,
      from_finance_department_id: budget.finance_department_id,
      proposed_by: principal.userId,
      proposed_at: deps.clock.now(),
    });
  } catch (error) {
    throw moneyProblem(error);
  }
  const view = budgetChangeView(change, budget);
  await record(trx, deps.clock, ctx, { action: 'budget.change_proposed', entityType: 'budget', entityId: budget.id, data: changeAuditData(view) });
  return { outcome: 'proposed', change: view };
}

const changeAuditData = (c: BudgetChangeView) => ({
  changeId: c.id,
  itemId: c.itemId,
  year: c.year,
  from: { amountFen: c.fromAmountFen, secondApprovalThresholdFen: c.fromSecondApprovalThresholdFen, financeDepartmentId: c.fromFinanceDepartmentId },
  to: { amountFen: c.amountFen, secondApprovalThresholdFen: c.secondApprovalThresholdFen, financeDepartmentId: c.financeDepartmentId },
  proposedBy: c.proposedBy,
});

/** Locks a change and its budget in the money path's order (budget row, change row; the audit chain comes last). */
async function lockChange(trx: Tx, changeId: string): Promise<{ change: BudgetChangeRow; budget: BudgetRow }> {
  const found = await repo.findBudgetChange(trx, changeId);
  if (!found) throw notFound({ zh: '该预算调整', en: 'Budget change' });
  const budget = (await repo.lockBudget(trx, found.budget_id))!;
  const change = (await repo.lockBudgetChange(trx, changeId))!;
  if (change.status !== 'pending') {
    const zh = { approved: '已批准', rejected: '已驳回', withdrawn: '已撤回', pending: '' }[change.status];
    throw conflict('BUDGET_CHANGE_DECIDED', `该预算调整${zh}，不能再次处理`, `This budget change has already been ${change.status}`);
  }
  return { change, budget };
}

/**
 * The second finance officer's approval of a budget change: a finance officer of the department
 * that will own the budget, never the proposer. The change then takes effect, unless the
 * amount would now be below what is committed and paid (409, nothing changes).
 */
export async function approveBudgetChange(trx: Tx, deps: BudgetDeps, principal: Principal, ctx: AuditContext, changeId: string): Promise<{ change: BudgetChangeView; budget: BudgetView }> {
  const { change, budget } = await lockChange(trx, changeId);
  if (!isFinanceOf(principal, change.finance_department_id)) {
    throw forbidden('只有调整后持有该预算的财政部门的财务人员可以批准', 'Only finance officers of the department that will hold the budget may approve the change');
  }
  if (change.proposed_by === principal.userId) {
    throw conflict('BUDGET_CHANGE_SAME_PERSON', '批准人不能是提出调整的同一财务人员', 'The approver must be a different finance officer from the one who proposed the change');
  }
  const floor = budget.committed_fen + budget.paid_fen;
  if (change.amount_fen < floor) throw belowCommitted(floor);
  let updated: BudgetRow;
  let decided: BudgetChangeRow;
  try {
    decided = await repo.decideBudgetChange(trx, change.id, 'approved', principal.userId, deps.clock.now());
    await appropriate(trx, deps.clock, accountsOf(budget), change.amount_fen - budget.amount_fen, `change:${change.id}`, `budget:${budget.id}`);
    updated = await repo.applyBudgetChange(trx, budget.id, { amount_fen: change.amount_fen, second_approval_threshold_fen: change.second_approval_threshold_fen, finance_department_id: change.finance_department_id });
  } catch (error) {
    if (violates(error, 'budget_not_overdrawn') || breachesFloor(error)) throw belowCommitted(floor);
    throw moneyProblem(error);
  }
  const view = budgetChangeView(decided, budget);
  await record(trx, deps.clock, ctx, { action: 'budget.change_approved', entityType: 'budget', entityId: budget.id, data: changeAuditData(view) });
  return { change: view, budget: budgetView(updated) };
}

/**
 * Ends a pending change without effect: its proposer withdraws it, or a finance officer of the
 * budget's department (or of the department it would move to) rejects it.
 */
export async function rejectBudgetChange(trx: Tx, deps: BudgetDeps, principal: Principal, ctx: AuditContext, changeId: string): Promise<BudgetChangeView> {
  const { change, budget } = await lockChange(trx, changeId);
  const withdrawn = change.proposed_by === principal.userId;
  if (!withdrawn && !isFinanceOf(principal, budget.finance_department_id) && !isFinanceOf(principal, change.finance_department_id)) {
    throw forbidden('只有该预算所属财政部门的财务人员可以驳回调整', "Only finance officers of the budget's finance department may reject the change");
  }
  const decided = await repo.decideBudgetChange(trx, change.id, withdrawn ? 'withdrawn' : 'rejected', principal.userId, deps.clock.now());
  const view = budgetChangeView(decided, budget);
  await record(trx, deps.clock, ctx, { action: withdrawn ? 'budget.change_withdrawn' : 'budget.change_rejected', entityType: 'budget', entityId: budget.id, data: changeAuditData(view) });
  return view;
}

/** Changes of the budgets my finance departments hold or would receive. */
export async function listBudgetChanges(db: Db, principal: Principal, query: { status?: BudgetChangeRow['status'] | undefined; budgetId?: string | undefined }): Promise<BudgetChangeView[]> {
  const rows = await repo.listBudgetChanges(db, { departmentIds: financeDepartmentsOf(principal), status: query.status, budgetId: query.budgetId });
  return rows.map((r) => budgetChangeView(r, r));
}

/**
 * Opens an item's budget for a year as the platform (demo data, tests), never over HTTP: the
 * same placement rules as a finance officer's, and only where no budget exists yet.
 */
export async function openBudget(trx: Tx, deps: BudgetDeps, ctx: AuditContext, input: BudgetInput): Promise<BudgetView> {
  await checkPlacement(trx, deps, input);
  const created = await createBudget(trx, deps, ctx, input);
  if (!created) throw conflict('BUDGET_EXISTS', '该事项本年度预算已存在', "The item's budget for the year already exists");
  return created;
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
  const accounts = accountsOf(budget);
  const grant: Omit<GrantRow, 'created_at' | 'hold_id'> = {
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
  let holdId: string;
  try {
    // Budget first: its row lock is the queue that concurrent approvals against one budget wait
    // in. The hold reserves the amount on the budget's account; the ledger refuses it when the
    // account has not enough available.
    const hold = await placeHold(trx, clock, {
      scope: LEDGER_SCOPE,
      idempotencyKey: `grant:${input.awardId}`,
      accountId: accounts.account,
      counterAccountId: accounts.disbursed,
      amount: input.amountFen,
      memo: 'commitment',
      reference: `award:${input.awardId}`,
    });
    holdId = hold.value.id;
    await repo.insertLedgerEntry(trx, { budget_id: budget.id, award_id: input.awardId, kind: 'commitment', amount_fen: input.amountFen, at: clock.now(), actor_user_id: input.actorUserId });
    await repo.insertGrant(trx, { ...grant, hold_id: holdId });
    if (input.subjectYearCapFen !== null) {
      await repo.addToSubjectYear(trx, { item_id: input.itemId, subject_id: input.subjectId, year, cap_fen: input.subjectYearCapFen, amount_fen: input.amountFen });
    }
  } catch (error) {
    throw moneyProblem(error);
  }
  return { ...grant, hold_id: holdId, created_at: clock.now() };
}

/** Gives a committed amount back to the budget (an objection upheld, an award revoked). */
export async function releaseGrant(trx: Tx, clock: Clock, awardId: string, actorUserId: string | null): Promise<void> {
  const grant = await repo.findGrant(trx, awardId);
  if (!grant || grant.state !== 'committed') return;
  await repo.lockBudget(trx, grant.budget_id); // budget row before the caller's audit records
  await voidHold(trx, clock, holdOf(grant));
  await repo.insertLedgerEntry(trx, { budget_id: grant.budget_id, award_id: awardId, kind: 'release', amount_fen: grant.amount_fen, at: clock.now(), actor_user_id: actorUserId });
  await repo.setGrantState(trx, awardId, 'released');
  await repo.subtractFromSubjectYear(trx, { item_id: grant.item_id, subject_id: grant.subject_id, year: grant.year, amount_fen: grant.amount_fen });
}

export const grantOf = repo.findGrant;

/** A committed or paid grant's hold (every one has one; only grants released before the ledger have none). */
function holdOf(grant: GrantRow): string {
  if (!grant.hold_id) throw new Error(`grant of award ${grant.award_id} has no ledger hold`);
  return grant.hold_id;
}

// ---------------------------------------------------------------- payments

export const paymentByKey = repo.findPaymentByKey;
export const paymentOfAward = repo.findPaymentOfAward;

async function settle(trx: Tx, clock: Clock, payment: PaymentRow, approvedBy: string | null): Promise<PaymentRow> {
  try {
    // The hold's amount moves from the budget's account to its disbursed account.
    await postHold(trx, clock, holdOf((await repo.findGrant(trx, payment.award_id))!));
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
  /** Where the money goes (masked), recorded with the payment; null when the applicant gave no account. */
  payee: { bank: string; name: string; number: string } | null = null,
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
      payee_bank: payee?.bank ?? null,
      payee_name: payee?.name ?? null,
      payee_account_masked: payee?.number ?? null,
    });
  } catch (error) {
    throw moneyProblem(error);
  }
  await record(trx, deps.clock, ctx, { action: 'payment.requested', entityType: 'payment', entityId: payment.id, data: { awardId: input.awardId, amountFen: grant.amount_fen, needsSecondApproval: needsSecond, payeeAccount: payee?.number ?? null } });
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

/**
 * The journal in order with the balances after each entry: a commitment (批复) reserves money, a
 * release gives it back, a payment (拨付) turns committed money into paid money. What is left is
 * counted against the budget's amount today (a later change of the amount moves every row's left).
 */
export function journalWithBalances(
  amountFen: number,
  rows: readonly { id: number; award_id: string; kind: 'commitment' | 'release' | 'payment'; amount_fen: number; at: Date }[],
) {
  let committed = 0;
  let paid = 0;
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .map((r) => {
      if (r.kind === 'commitment') committed += r.amount_fen;
      else if (r.kind === 'release') committed -= r.amount_fen;
      else {
        committed -= r.amount_fen;
        paid += r.amount_fen;
      }
      return {
        id: r.id,
        awardId: r.award_id,
        kind: r.kind,
        amountFen: r.amount_fen,
        at: r.at.toISOString(),
        committedFen: committed,
        paidFen: paid,
        leftFen: amountFen - committed - paid,
      };
    });
}
export const findBudgetById = repo.findBudgetById;

