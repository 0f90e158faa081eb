/**
 * Changes of a budget under the two-person rule. A budget's amount, second-approval threshold
 * and finance department bind the finance officers who pay from it, so none of them changes
 * them alone: setting an existing budget (PUT /budgets with other values) proposes a change; it
 * takes effect when a different finance officer of the department that will own the budget
 * approves it. The `from…` fields are the budget as it was when the change was proposed.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Budget } from './fulfilment.js';
import { Instant } from './time.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const BudgetChangeStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')]);
export type BudgetChangeStatus = Static<typeof BudgetChangeStatus>;

export const BudgetChange = Type.Object({
  id: Type.String(),
  budgetId: Type.String(),
  itemId: Type.String(),
  year: Type.Integer(),
  status: BudgetChangeStatus,
  amountFen: Type.Integer(),
  secondApprovalThresholdFen: Type.Integer(),
  financeDepartmentId: Type.String(),
  fromAmountFen: Type.Integer(),
  fromSecondApprovalThresholdFen: Type.Integer(),
  fromFinanceDepartmentId: Nullable(Type.String()),
  proposedBy: Type.String(),
  proposedAt: Instant,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Instant),
});
export type BudgetChange = Static<typeof BudgetChange>;

export const BudgetChangeQuery = Type.Object(
  {
    status: Type.Optional(BudgetChangeStatus),
    budgetId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type BudgetChangeQuery = Static<typeof BudgetChangeQuery>;

/** An approved change and the budget as it now is. */
export const BudgetChangeDecision = Type.Object({ change: BudgetChange, budget: Budget });
export type BudgetChangeDecision = Static<typeof BudgetChangeDecision>;

/** An item a finance officer may open a budget for: of the catalogue, in a region one of their finance departments covers. */
export const BudgetableItem = Type.Object({
  id: Type.String(),
  title: Type.Object({ zh: Type.String(), en: Type.String() }),
  regionCode: Nullable(Type.String()),
  documentNumber: Nullable(Type.String()),
  /** The finance departments (of the reader's) whose region covers the item. */
  financeDepartmentIds: Type.Array(Type.String()),
});
export type BudgetableItem = Static<typeof BudgetableItem>;
