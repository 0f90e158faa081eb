import { breachesFloor } from '../ledger/index.js';
import { AppError, conflict, fieldError } from '../../platform/problems.js';

/** A voucher cannot pay for an order: the problem names `voucherId` and the rule. */
export const voucherRefused = (rule: string, zh: string, en: string): AppError =>
  conflict('VOUCHER_REFUSED', `该服务券不能用于此订单：${zh}`, `This voucher cannot pay for this order: ${en}`, [fieldError('voucherId', rule, zh, en)]);

export const nothingLeft = (): AppError => voucherRefused('balance', '服务券余额已用完（或已被其他订单占用）', 'nothing is left on the voucher (or the rest is held by other orders)');

export const budgetExhausted = (): AppError =>
  conflict('VOUCHER_BUDGET_EXHAUSTED', '该服务券方案的预算已用完，不能再发放', "The scheme's budget is used up: no more vouchers can be issued", [
    fieldError('budgetFen', 'budget', '方案预算余额不足一张券的面额', "what is left of the scheme's budget is less than one voucher's face value"),
  ]);

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
}

const violates = (error: unknown, name: string): boolean => {
  const e = error as PgLikeError;
  return (e.code === '23514' || e.code === '23505') && (e.constraint === name || (e.message ?? '').includes(name));
};

/** The database's refusals on the vouchers' paths, as problems a person reads; anything else as is. */
export function voucherProblem(error: unknown): unknown {
  if (error instanceof AppError && error.code !== 'LEDGER_FLOOR') return error;
  if (violates(error, 'voucher_scheme_per_item_year')) {
    return conflict('VOUCHER_SCHEME_EXISTS', '该事项本年度已有服务券方案', 'The item already has a voucher scheme for that year', [
      fieldError('year', 'unique', '每个事项每年只有一个服务券方案', 'one scheme per item and year'),
    ]);
  }
  if (violates(error, 'voucher_once_per_subject')) {
    return conflict('VOUCHER_ALREADY_ISSUED', '该主体已持有此方案的服务券', 'The subject already holds a voucher of this scheme', [
      fieldError('subjectId', 'unique', '每个方案每个主体只发一张券', 'one voucher per scheme and subject'),
    ]);
  }
  if (violates(error, 'voucher_batch_lines_once')) {
    return conflict('VOUCHER_ALREADY_IN_BATCH', '部分兑付已在另一结算批次中', 'Some redemptions are already in another settlement batch');
  }
  if (violates(error, 'voucher_batch_second_person')) {
    return conflict('SECOND_APPROVER_SAME', '复核人不能是提出结算批次的同一财务人员', 'The approver must be a different finance officer from the proposer');
  }
  if (breachesFloor(error)) return conflict('VOUCHER_FUNDS', '账户余额不足，此笔记账被拒绝', 'Not enough on the account: the posting was refused');
  return error;
}
