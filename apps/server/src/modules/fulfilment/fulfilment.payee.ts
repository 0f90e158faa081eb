/**
 * The payee's bank account (收款账户): given by the applicant with the application, checked,
 * stored encrypted with a masked copy for display, and read by the payment workflow so that a
 * payment records (and the finance officer confirms) where the money goes.
 */
import type { FieldError, PayeeAccount, PayeeAccountBody } from '@seedbed/contract';
import type { Db, Tx } from '../../platform/database.js';
import { fieldError, invalid } from '../../platform/problems.js';
import { encryptText } from '../../platform/protect.js';
import * as repo from './fulfilment.repository.js';

/** A checked account: the number as digits only. */
export interface CheckedPayee {
  bank: string;
  name: string;
  digits: string;
}

/** First four and last four digits, the rest hidden: 6222 **** **** 1234 reads as 6222••••1234. */
export const maskAccount = (digits: string): string => `${digits.slice(0, 4)} **** ${digits.slice(-4)}`;

/**
 * Checks the account an applicant gives: the bank and the holder's name filled in, the number
 * 9 to 30 digits (spaces and dashes people type between groups are ignored), and the holder the
 * applicant itself (an award is paid to the subject that applied, never to a third party; a carrier,
 * which is not a legal person, is paid through its operator's account: `holders` names both).
 */
export function checkPayee(input: PayeeAccountBody, subjectName: string, holders: readonly string[] = [subjectName]): CheckedPayee {
  const errors: FieldError[] = [];
  const bank = input.bank.trim();
  const name = input.name.trim();
  const digits = input.number.replace(/[\s-]/g, '');
  if (bank.length < 2)
    errors.push(fieldError('payeeAccount.bank', 'required', '请填写开户银行（含支行）', 'name the bank and branch'));
  if (!/^\d{9,30}$/.test(digits))
    errors.push(
      fieldError('payeeAccount.number', 'format:bank_account', '银行账号应为9至30位数字', 'a bank account number is 9 to 30 digits'),
    );
  if (!holders.some((h) => h.trim() === name))
    errors.push(
      fieldError(
        'payeeAccount.name',
        'equals:subject_name',
        `户名须与申请主体名称一致（${holders.join('或')}）：奖补只拨付到申请主体本身的账户`,
        `the account holder must be the applicant (${holders.join(' or ')}): awards are paid to the applicant's own account only`,
      ),
    );
  if (errors.length) throw invalid(errors);
  return { bank, name, digits };
}

export async function putPayee(trx: Tx, dataKey: Buffer, applicationId: string, p: CheckedPayee, now: Date): Promise<void> {
  await repo.upsertPayee(trx, {
    application_id: applicationId,
    bank: p.bank,
    holder: p.name,
    number_enc: encryptText(dataKey, p.digits),
    number_masked: maskAccount(p.digits),
    given_at: now,
  });
}

/** The account an award is paid to, masked; null when none was given. */
export async function payeeOf(db: Db | Tx, applicationId: string): Promise<PayeeAccount | null> {
  const r = await repo.payeeRow(db, applicationId);
  return r ? { bank: r.bank, name: r.holder, number: r.number_masked } : null;
}
