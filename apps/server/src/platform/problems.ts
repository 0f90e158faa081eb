import type { FieldError, LocalisedText } from '@seedbed/contract';

/**
 * The one error type services throw for anything a client did wrong. The HTTP layer renders it
 * as RFC 9457 problem details; `code` is stable and documented, `message` is what a person reads.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalisedText,
    readonly fieldErrors?: FieldError[],
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'AppError';
  }
}

export const fieldError = (field: string, rule: string, zh: string, en: string): FieldError => ({
  field,
  rule,
  message: { zh, en },
});

/** Bad input: names every field and the rule it broke. */
export function invalid(errors: FieldError[]): AppError {
  const first = errors[0];
  const summary = first
    ? { zh: `输入有误：${first.field} — ${first.message.zh}`, en: `Invalid input: ${first.field} — ${first.message.en}` }
    : { zh: '输入有误', en: 'Invalid input' };
  return new AppError(400, 'VALIDATION_FAILED', summary, errors);
}

export const notFound = (what: LocalisedText): AppError =>
  new AppError(404, 'NOT_FOUND', { zh: `未找到${what.zh}`, en: `${what.en} not found` });

export const forbidden = (zh = '您没有执行此操作的权限', en = 'You do not have permission to do this'): AppError =>
  new AppError(403, 'FORBIDDEN', { zh, en });

export const unauthenticated = (): AppError =>
  new AppError(401, 'UNAUTHENTICATED', { zh: '请先登录', en: 'Please log in first' });

export const conflict = (code: string, zh: string, en: string, errors?: FieldError[]): AppError =>
  new AppError(409, code, { zh, en }, errors);
