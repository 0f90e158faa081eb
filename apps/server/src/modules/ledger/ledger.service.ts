import { createHash } from 'node:crypto';
import type { FieldError } from '@seedbed/contract';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, conflict, fieldError, invalid, notFound } from '../../platform/problems.js';
import * as repo from './ledger.repository.js';
import type { AccountRow, HoldRow, PostingRow, TransactionRow } from './ledger.repository.js';
import type { HoldStatus, LedgerUnit } from './ledger.tables.js';

// ---------------------------------------------------------------- views

export interface AccountView {
  id: string;
  ownerModule: string;
  kind: string;
  unit: LedgerUnit;
  /** The lowest the balance and the available amount may go; null: no floor. */
  floor: number | null;
  balance: number;
  /** The sum of the account's pending holds. */
  held: number;
  /** balance − held. */
  available: number;
  reference: string | null;
}

export interface PostingView {
  accountId: string;
  amount: number;
}

export interface TransactionView {
  id: string;
  scope: string;
  idempotencyKey: string;
  memo: string;
  reference: string | null;
  createdAt: string;
  postings: PostingView[];
}

export interface HoldView {
  id: string;
  accountId: string;
  counterAccountId: string;
  amount: number;
  status: HoldStatus;
  expiresAt: string | null;
  scope: string;
  idempotencyKey: string;
  memo: string;
  reference: string | null;
  createdAt: string;
  settledAt: string | null;
  /** The transaction that moved the amount, once posted. */
  transactionId: string | null;
}

/** What a write returns: the entry, and whether it was already there (a retry with the same key and content). */
export interface Written<T> {
  value: T;
  replayed: boolean;
}

export const accountView = (a: AccountRow): AccountView => ({
  id: a.id,
  ownerModule: a.owner_module,
  kind: a.kind,
  unit: a.unit,
  floor: a.floor_amount,
  balance: a.balance,
  held: a.held,
  available: a.balance - a.held,
  reference: a.reference,
});

const transactionView = (x: TransactionRow, postings: readonly PostingRow[]): TransactionView => ({
  id: x.id,
  scope: x.scope,
  idempotencyKey: x.idempotency_key,
  memo: x.memo,
  reference: x.reference,
  createdAt: x.created_at.toISOString(),
  postings: postings.filter((p) => p.transaction_id === x.id).map((p) => ({ accountId: p.account_id, amount: p.amount })),
});

export const holdView = (h: HoldRow): HoldView => ({
  id: h.id,
  accountId: h.account_id,
  counterAccountId: h.counter_account_id,
  amount: h.amount,
  status: h.status,
  expiresAt: h.expires_at?.toISOString() ?? null,
  scope: h.scope,
  idempotencyKey: h.idempotency_key,
  memo: h.memo,
  reference: h.reference,
  createdAt: h.created_at.toISOString(),
  settledAt: h.settled_at?.toISOString() ?? null,
  transactionId: h.transaction_id,
});

// ---------------------------------------------------------------- database refusals → problems

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
}

const violates = (error: unknown, name: string): boolean => {
  const e = error as PgLikeError;
  return (e.code === '23514' || e.code === '23505') && (e.constraint === name || (e.message ?? '').includes(name));
};

/**
 * True when a posting or hold was refused because it would take an account below its floor:
 * the database's refusal, or the problem this module made of it (LEDGER_FLOOR), so a caller can
 * name the refusal in its own terms.
 */
export const breachesFloor = (error: unknown): boolean => violates(error, 'ledger_account_floor') || (error instanceof AppError && error.code === 'LEDGER_FLOOR');

const floorProblem = (): AppError =>
  conflict('LEDGER_FLOOR', '账户可用余额不足：此笔记账将使余额或可用余额低于该账户的下限', "The account has not enough available: this would take its balance or available amount below the account's floor");

const keyReused = (what: { zh: string; en: string }): AppError =>
  conflict(
    'IDEMPOTENCY_KEY_REUSED',
    `该幂等键已用于内容不同的另一笔${what.zh}`,
    `This idempotency key was already used for a different ${what.en}`,
    [fieldError('idempotencyKey', 'unique', `同一幂等键只能用于内容相同的${what.zh}（重试）`, `an idempotency key is reused only to retry the same ${what.en}`)],
  );

/** The ledger's refusals by the database, as the problems a person reads; anything else is returned as is. */
export function ledgerProblem(error: unknown): unknown {
  if (breachesFloor(error)) return floorProblem();
  if (violates(error, 'ledger_transaction_balanced')) {
    return invalid([fieldError('postings', 'balanced', '一笔记账的各分录金额之和必须为零', "a transaction's postings must sum to zero")]);
  }
  if (violates(error, 'ledger_transaction_one_unit')) {
    return invalid([fieldError('postings', 'unit', '一笔记账只能涉及同一计量单位的账户', "a transaction's accounts must share one unit")]);
  }
  if (violates(error, 'ledger_hold_transition')) return holdSettled();
  return error;
}

const holdSettled = (status?: HoldStatus): AppError => {
  const zh = status ? { posted: '已入账', voided: '已作废', expired: '已过期', pending: '待处理' }[status] : '已结束';
  return conflict('LEDGER_HOLD_SETTLED', `该预留${zh}，只能由待处理转为入账、作废或过期`, `This hold is ${status ?? 'settled'}: a hold moves only from pending to posted, voided or expired`);
};

// ---------------------------------------------------------------- input checks

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

const checkText = (errors: FieldError[], field: string, value: string | null | undefined, max: number, required: boolean): void => {
  if (value === null || value === undefined) {
    if (required) errors.push(fieldError(field, 'required', '必填', 'is required'));
    return;
  }
  if (value.length < 1 || value.length > max) errors.push(fieldError(field, 'length', `长度应为 1 至 ${max} 个字符`, `must be 1 to ${max} characters long`));
};

const isAmount = (n: number): boolean => Number.isSafeInteger(n);

const fingerprintOf = (content: unknown): string => createHash('sha256').update(JSON.stringify(content)).digest('hex');

// ---------------------------------------------------------------- accounts

export interface AccountInput {
  /** The module that owns the account (its name, e.g. `budgets`). */
  ownerModule: string;
  /** What the account is for, e.g. `budget`, `voucher`, `quota`. */
  kind: string;
  unit: LedgerUnit;
  /** The lowest the balance and available amount may go (0: never below zero); null: no floor. */
  floor: number | null;
  /** The business object the account belongs to, e.g. a budget's id. */
  reference?: string | null;
}

export async function openAccount(trx: Tx, input: AccountInput): Promise<AccountView> {
  const errors: FieldError[] = [];
  if (!NAME.test(input.ownerModule)) errors.push(fieldError('ownerModule', 'pattern', '应为小写字母开头的模块名', 'must be a lower-case module name'));
  if (!NAME.test(input.kind)) errors.push(fieldError('kind', 'pattern', '应为小写字母开头的类别名', 'must be a lower-case kind name'));
  if (input.unit !== 'fen' && input.unit !== 'count') errors.push(fieldError('unit', 'enum', '计量单位应为 fen（分）或 count（个数）', 'must be fen or count'));
  if (input.floor !== null && (!isAmount(input.floor) || input.floor > 0)) errors.push(fieldError('floor', 'maximum', '下限应为不大于零的整数', 'must be an integer not above zero'));
  checkText(errors, 'reference', input.reference, 200, false);
  if (errors.length) throw invalid(errors);
  return accountView(await repo.insertAccount(trx, { owner_module: input.ownerModule, kind: input.kind, unit: input.unit, floor_amount: input.floor, reference: input.reference ?? null }));
}

export async function accountOf(db: Db | Tx, id: string): Promise<AccountView | undefined> {
  const a = await repo.findAccount(db, id);
  return a && accountView(a);
}

/** Locks accounts (in id order) for the rest of the caller's transaction and returns them. */
export async function lockAccounts(trx: Tx, ids: readonly string[]): Promise<AccountView[]> {
  return (await repo.lockAccounts(trx, [...new Set(ids)])).map(accountView);
}

/** Moves an account's floor; the database refuses a floor the account is already below. */
export async function setAccountFloor(trx: Tx, id: string, floor: number | null): Promise<AccountView> {
  if (floor !== null && (!isAmount(floor) || floor > 0)) throw invalid([fieldError('floor', 'maximum', '下限应为不大于零的整数', 'must be an integer not above zero')]);
  if (!(await repo.lockAccounts(trx, [id])).length) throw notFound({ zh: '该账户', en: 'Account' });
  try {
    return accountView(await repo.setFloor(trx, id, floor));
  } catch (error) {
    throw ledgerProblem(error);
  }
}

// ---------------------------------------------------------------- transactions

export interface TransactionInput {
  /** Where the idempotency key is unique: e.g. the owning module, or `budgets:<budget id>`. */
  scope: string;
  idempotencyKey: string;
  memo?: string;
  /** The business object, e.g. `award:<id>`. */
  reference?: string | null;
  postings: readonly PostingView[];
}

async function accountsFor(trx: Tx, ids: readonly string[], field: string): Promise<AccountRow[]> {
  const accounts = await repo.lockAccounts(trx, ids);
  const missing = ids.filter((id) => !accounts.some((a) => a.id === id));
  if (missing.length) throw invalid([fieldError(field, 'exists', `账户不存在：${missing.join('、')}`, `no such account: ${missing.join(', ')}`)]);
  return accounts;
}

const transactionContent = (input: TransactionInput) => ({
  memo: input.memo ?? '',
  reference: input.reference ?? null,
  postings: [...input.postings].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)).map((p) => [p.accountId, p.amount]),
});

async function transactionWithPostings(db: Db | Tx, x: TransactionRow): Promise<TransactionView> {
  return transactionView(x, await repo.postingsOf(db, [x.id]));
}

async function replayTransaction(trx: Tx, existing: TransactionRow, fingerprint: string): Promise<Written<TransactionView>> {
  if (existing.fingerprint !== fingerprint) throw keyReused({ zh: '记账', en: 'ledger transaction' });
  return { value: await transactionWithPostings(trx, existing), replayed: true };
}

/**
 * Posts a balanced transaction inside the caller's transaction. The accounts are locked in id
 * order first; the database then refuses anything unbalanced (at COMMIT) and anything taking an
 * account below its floor (at once; the caller's transaction must then roll back). The same
 * idempotency key in the same scope with the same content returns the original transaction; with
 * different content it is a 409.
 */
export async function postTransaction(trx: Tx, clock: Clock, input: TransactionInput): Promise<Written<TransactionView>> {
  const errors: FieldError[] = [];
  checkText(errors, 'scope', input.scope, 200, true);
  checkText(errors, 'idempotencyKey', input.idempotencyKey, 200, true);
  checkText(errors, 'reference', input.reference, 200, false);
  if ((input.memo ?? '').length > 500) errors.push(fieldError('memo', 'maxLength', '不超过 500 个字符', 'must be at most 500 characters'));
  input.postings.forEach((p, i) => {
    if (!isAmount(p.amount) || p.amount === 0) errors.push(fieldError(`postings/${i}/amount`, 'integer', '金额应为非零整数', 'must be a non-zero integer'));
  });
  if (input.postings.length < 2) errors.push(fieldError('postings', 'minItems', '一笔记账至少有两条分录', 'a transaction has at least two postings'));
  if (new Set(input.postings.map((p) => p.accountId)).size !== input.postings.length) {
    errors.push(fieldError('postings', 'uniqueAccounts', '同一账户在一笔记账中只能出现一次', 'each account appears at most once in a transaction'));
  }
  if (errors.length === 0 && input.postings.reduce((s, p) => s + p.amount, 0) !== 0) {
    errors.push(fieldError('postings', 'balanced', '一笔记账的各分录金额之和必须为零', "a transaction's postings must sum to zero"));
  }
  if (errors.length) throw invalid(errors);
  const fingerprint = fingerprintOf(transactionContent(input));
  const earlier = await repo.findTransactionByKey(trx, input.scope, input.idempotencyKey);
  if (earlier) return replayTransaction(trx, earlier, fingerprint);
  const accounts = await accountsFor(
    trx,
    input.postings.map((p) => p.accountId),
    'postings',
  );
  if (new Set(accounts.map((a) => a.unit)).size !== 1) throw invalid([fieldError('postings', 'unit', '一笔记账只能涉及同一计量单位的账户', "a transaction's accounts must share one unit")]);
  const x = await repo.insertTransactionIfNew(trx, {
    scope: input.scope,
    idempotency_key: input.idempotencyKey,
    fingerprint,
    memo: input.memo ?? '',
    reference: input.reference ?? null,
    created_at: clock.now(),
  });
  // Someone else's transaction took the key while we waited for the accounts: theirs stands.
  if (!x) return replayTransaction(trx, (await repo.findTransactionByKey(trx, input.scope, input.idempotencyKey))!, fingerprint);
  try {
    await repo.insertPostings(
      trx,
      input.postings.map((p) => ({ transaction_id: x.id, account_id: p.accountId, amount: p.amount })),
    );
  } catch (error) {
    throw ledgerProblem(error);
  }
  return { value: await transactionWithPostings(trx, x), replayed: false };
}

export async function transactionByKey(db: Db | Tx, scope: string, key: string): Promise<TransactionView | undefined> {
  const x = await repo.findTransactionByKey(db, scope, key);
  return x && transactionWithPostings(db, x);
}

export async function transactionOf(db: Db | Tx, id: string): Promise<TransactionView | undefined> {
  const x = await repo.findTransaction(db, id);
  return x && transactionWithPostings(db, x);
}

/** An account's postings in order, each with its transaction's time, memo and reference. */
export async function statementOf(db: Db | Tx, accountId: string): Promise<{ transactionId: string; amount: number; at: string; memo: string; reference: string | null }[]> {
  return (await repo.postingsOfAccount(db, accountId)).map((p) => ({ transactionId: p.transaction_id, amount: p.amount, at: p.created_at.toISOString(), memo: p.memo, reference: p.reference }));
}

// ---------------------------------------------------------------- holds

export interface HoldInput {
  scope: string;
  idempotencyKey: string;
  /** The account the amount is reserved on (and taken from when the hold is posted). */
  accountId: string;
  /** The account that receives the amount when the hold is posted. */
  counterAccountId: string;
  amount: number;
  /** After this, the hold no longer reserves anything (it is expired, never posted). */
  expiresAt?: Date | null;
  memo?: string;
  reference?: string | null;
}

const holdContent = (input: HoldInput) => ({
  accountId: input.accountId,
  counterAccountId: input.counterAccountId,
  amount: input.amount,
  expiresAt: input.expiresAt?.toISOString() ?? null,
  memo: input.memo ?? '',
  reference: input.reference ?? null,
});

function replayHold(existing: HoldRow, fingerprint: string): Written<HoldView> {
  if (existing.fingerprint !== fingerprint) throw keyReused({ zh: '预留', en: 'hold' });
  return { value: holdView(existing), replayed: true };
}

/**
 * Reserves an amount on an account: its available amount (balance − pending holds) drops at
 * once, and the database refuses a hold that takes it below the account's floor. Holds on the
 * account that are past their expiry are expired first, so they stop reserving.
 */
export async function placeHold(trx: Tx, clock: Clock, input: HoldInput): Promise<Written<HoldView>> {
  const errors: FieldError[] = [];
  checkText(errors, 'scope', input.scope, 200, true);
  checkText(errors, 'idempotencyKey', input.idempotencyKey, 200, true);
  checkText(errors, 'reference', input.reference, 200, false);
  if ((input.memo ?? '').length > 500) errors.push(fieldError('memo', 'maxLength', '不超过 500 个字符', 'must be at most 500 characters'));
  if (!isAmount(input.amount) || input.amount <= 0) errors.push(fieldError('amount', 'exclusiveMinimum', '金额应为正整数', 'must be a positive integer'));
  if (input.accountId === input.counterAccountId) errors.push(fieldError('counterAccountId', 'distinct', '对方账户不能是同一账户', 'must differ from the account'));
  const now = clock.now();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) errors.push(fieldError('expiresAt', 'future', '过期时间应晚于当前时间', 'must be in the future'));
  if (errors.length) throw invalid(errors);
  const fingerprint = fingerprintOf(holdContent(input));
  const earlier = await repo.findHoldByKey(trx, input.scope, input.idempotencyKey);
  if (earlier) return replayHold(earlier, fingerprint);
  const accounts = await accountsFor(trx, [input.accountId, input.counterAccountId], 'accountId');
  if (new Set(accounts.map((a) => a.unit)).size !== 1) throw invalid([fieldError('counterAccountId', 'unit', '对方账户的计量单位应与账户相同', "must have the account's unit")]);
  await expire(trx, now, [input.accountId]);
  let hold: HoldRow | undefined;
  try {
    hold = await repo.insertHoldIfNew(trx, {
      account_id: input.accountId,
      counter_account_id: input.counterAccountId,
      amount: input.amount,
      status: 'pending',
      expires_at: input.expiresAt ?? null,
      scope: input.scope,
      idempotency_key: input.idempotencyKey,
      fingerprint,
      memo: input.memo ?? '',
      reference: input.reference ?? null,
      created_at: now,
    });
  } catch (error) {
    throw ledgerProblem(error);
  }
  if (!hold) return replayHold((await repo.findHoldByKey(trx, input.scope, input.idempotencyKey))!, fingerprint);
  return { value: holdView(hold), replayed: false };
}

/** Locks a hold after its account (the ledger's lock order: accounts, then holds). */
async function lockedHold(trx: Tx, holdId: string): Promise<HoldRow> {
  const found = await repo.findHold(trx, holdId);
  if (!found) throw notFound({ zh: '该预留', en: 'Hold' });
  await repo.lockAccounts(trx, [found.account_id, found.counter_account_id]);
  return (await repo.lockHold(trx, holdId))!;
}

/**
 * Posts a pending hold: one balanced transaction moves its amount from its account to its
 * counter-account (scope and key derived from the hold, so a retry finds it), and the
 * reservation ends. Posting a posted hold again returns it as it is; a voided or expired hold,
 * or one past its expiry, is a 409.
 */
export async function postHold(trx: Tx, clock: Clock, holdId: string): Promise<Written<{ hold: HoldView; transaction: TransactionView }>> {
  const hold = await lockedHold(trx, holdId);
  const now = clock.now();
  if (hold.status === 'posted') {
    return { value: { hold: holdView(hold), transaction: (await transactionOf(trx, hold.transaction_id!))! }, replayed: true };
  }
  // Past its expiry it is never posted (the database refuses it too); the sweep expires it.
  if (hold.status === 'pending' && hold.expires_at && hold.expires_at.getTime() <= now.getTime()) throw holdSettled('expired');
  if (hold.status !== 'pending') throw holdSettled(hold.status);
  const x = (await repo.insertTransactionIfNew(trx, {
    scope: hold.scope,
    idempotency_key: `hold:${hold.id}`,
    fingerprint: fingerprintOf({ hold: hold.id }),
    memo: hold.memo,
    reference: hold.reference,
    created_at: now,
  }))!;
  try {
    // The reservation ends before the amount moves, so the account's available amount is
    // counted once; the database checks at COMMIT that the transaction matches the hold.
    const posted = await repo.settleHold(trx, hold.id, { status: 'posted', settled_at: now, transaction_id: x.id });
    await repo.insertPostings(trx, [
      { transaction_id: x.id, account_id: hold.account_id, amount: -hold.amount },
      { transaction_id: x.id, account_id: hold.counter_account_id, amount: hold.amount },
    ]);
    return { value: { hold: holdView(posted), transaction: await transactionWithPostings(trx, x) }, replayed: false };
  } catch (error) {
    throw ledgerProblem(error);
  }
}

/** Voids a pending hold: the reservation ends, nothing moves. Voiding a voided hold returns it; otherwise a settled hold is a 409. */
export async function voidHold(trx: Tx, clock: Clock, holdId: string): Promise<Written<HoldView>> {
  const hold = await lockedHold(trx, holdId);
  if (hold.status === 'voided') return { value: holdView(hold), replayed: true };
  if (hold.status !== 'pending') throw holdSettled(hold.status);
  return { value: holdView(await repo.settleHold(trx, hold.id, { status: 'voided', settled_at: clock.now(), transaction_id: null })), replayed: false };
}

async function expire(trx: Tx, at: Date, accountIds?: readonly string[]): Promise<HoldView[]> {
  const due = await repo.lockDueHolds(trx, at, accountIds);
  const expired: HoldView[] = [];
  for (const h of due) expired.push(holdView(await repo.settleHold(trx, h.id, { status: 'expired', settled_at: at, transaction_id: null })));
  return expired;
}

/**
 * Expires the pending holds that are past their expiry (of some accounts, or of all), so they
 * stop reserving. The accounts are locked first, in id order, then the holds: the ledger's one
 * lock order, so a sweep never deadlocks with a posting or a new hold.
 */
export async function expireDueHolds(trx: Tx, clock: Clock, accountIds?: readonly string[]): Promise<HoldView[]> {
  const now = clock.now();
  const accounts = accountIds ? [...new Set(accountIds)] : await repo.accountsWithDueHolds(trx, now);
  await repo.lockAccounts(trx, accounts);
  return expire(trx, now, accounts);
}

export async function holdOf(db: Db | Tx, id: string): Promise<HoldView | undefined> {
  const h = await repo.findHold(db, id);
  return h && holdView(h);
}

export async function holdByKey(db: Db | Tx, scope: string, key: string): Promise<HoldView | undefined> {
  const h = await repo.findHoldByKey(db, scope, key);
  return h && holdView(h);
}

export async function holdsOf(db: Db | Tx, accountId: string, status?: HoldStatus): Promise<HoldView[]> {
  return (await repo.holdsOfAccount(db, accountId, status)).map(holdView);
}
