import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemTypeUri, type FieldError, type LocalisedText, type Problem } from '@seedbed/contract';
import type { AppInstance } from '../platform/http.js';
import { AppError, fieldError } from '../platform/problems.js';
import { fieldErrorsFrom } from './validation.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Framework error codes a client can cause, with what we tell them. */
const KNOWN: Record<string, { status: number; code: string; text: LocalisedText }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', text: { zh: '请求内容过大', en: 'The request body is too large' } },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', text: { zh: '不支持的内容类型，请使用 application/json', en: 'Unsupported content type: send application/json' } },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', text: { zh: '请求内容为空', en: 'The request body is empty' } },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', text: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' } },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'CSRF_INVALID', text: { zh: '安全令牌无效，请刷新页面后重试', en: 'Invalid security token: reload the page and try again' } },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'CSRF_INVALID', text: { zh: '缺少安全令牌，请刷新页面后重试', en: 'Missing security token: reload the page and try again' } },
  FST_ERR_RATE_LIMITED: { status: 429, code: 'RATE_LIMITED', text: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests: try again later' } },
};

export function problem(status: number, code: string, text: LocalisedText, request: FastifyRequest, errors?: FieldError[]): Problem {
  return {
    type: problemTypeUri(code),
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail: text.en,
    instance: request.url,
    message: text,
    ...(errors && errors.length ? { errors } : {}),
    requestId: String(request.id),
  };
}

function send(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

export function registerErrorHandling(app: AppInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof AppError) {
      return send(reply, problem(error.status, error.code, error.text, request, error.fieldErrors));
    }
    if (error.validation) {
      const errors = fieldErrorsFrom(error.validation as never, error.validationContext ?? 'body');
      const first = errors[0]!;
      return send(
        reply,
        problem(400, 'VALIDATION_FAILED', { zh: `输入有误：${first.field} — ${first.message.zh}`, en: `Invalid input: ${first.field} — ${first.message.en}` }, request, errors),
      );
    }
    const known = error.code ? KNOWN[error.code] : undefined;
    if (known) return send(reply, problem(known.status, known.code, known.text, request));
    if (error.statusCode === 429) return send(reply, problem(429, 'RATE_LIMITED', KNOWN.FST_ERR_RATE_LIMITED!.text, request));
    const database = databaseProblem(error as unknown as DatabaseErrorFields, request);
    if (database) return send(reply, database);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, problem(error.statusCode, 'BAD_REQUEST', { zh: '请求无效', en: error.message || 'Bad request' }, request));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, problem(500, 'INTERNAL', { zh: '服务器内部错误，已记录，请稍后重试', en: 'Internal error: it has been logged; please try again later' }, request));
  });

}

/** The fields PostgreSQL (and PGlite) errors carry that say what was refused. */
interface DatabaseErrorFields {
  code?: unknown;
  constraint?: string;
  column?: string;
  table?: string;
}

/** Class 22 (data exception): a value the database cannot take. Rule names for the common ones. */
const DATA_EXCEPTIONS: Record<string, { rule: string; zh: string; en: string }> = {
  '22P02': { rule: 'invalid_text_representation', zh: '值的格式无效', en: 'has a value in an invalid format' },
  '22003': { rule: 'numeric_value_out_of_range', zh: '数值超出范围', en: 'has a number out of range' },
  '22021': { rule: 'no_nul', zh: '包含无法存储的字符（如空字符）', en: 'contains a character that cannot be stored (such as NUL)' },
  '22007': { rule: 'invalid_datetime_format', zh: '日期或时间格式无效', en: 'has a date or time in an invalid format' },
  '22008': { rule: 'datetime_field_overflow', zh: '日期或时间超出范围', en: 'has a date or time out of range' },
  '22001': { rule: 'string_too_long', zh: '文本过长', en: 'has text that is too long' },
};

/** Class 23 (integrity constraint violation): what kind of rule the constraint is. */
const INTEGRITY: Record<string, { zh: string; en: string }> = {
  '23502': { zh: '缺少必需的值', en: 'a required value is missing' },
  '23503': { zh: '引用的记录不存在，或该记录仍被引用', en: 'a referenced record does not exist, or this record is still referenced' },
  '23505': { zh: '该记录已存在', en: 'this record already exists' },
  '23514': { zh: '数据不满足规则', en: 'the data breaks a rule' },
  '23P01': { zh: '与已有记录冲突', en: 'it conflicts with an existing record' },
};

/**
 * The safety net under validation: a database refusal is the client's problem, not a 500.
 * Data exceptions (class 22) are 400, integrity constraint violations (class 23) are 409 naming
 * the constraint as the rule, serialisation failures and deadlocks (40001, 40P01) are 503 RETRY.
 * Validation should have caught class 22 earlier, so those are logged as warnings.
 */
export function databaseProblem(error: DatabaseErrorFields, request: FastifyRequest): Problem | null {
  const code = typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : null;
  if (!code) return null;
  if (code === '40001' || code === '40P01') {
    return problem(503, 'RETRY', { zh: '系统繁忙，请重试', en: 'The system is busy: please retry' }, request);
  }
  const field = error.column ?? error.table ?? 'request';
  if (code.startsWith('23')) {
    const kind = INTEGRITY[code] ?? { zh: '数据不满足约束', en: 'the data breaks a constraint' };
    const rule = error.constraint ?? `integrity_${code}`;
    const errors = [fieldError(field, rule, `${kind.zh}（${rule}）`, `${kind.en} (${rule})`)];
    return problem(409, code === '23505' ? 'CONFLICT' : 'CONSTRAINT_VIOLATED', { zh: `数据冲突：${kind.zh}（${rule}）`, en: `Conflict: ${kind.en} (${rule})` }, request, errors);
  }
  if (code.startsWith('22')) {
    request.log.warn({ err: error }, 'database refused a value that validation let through');
    const kind = DATA_EXCEPTIONS[code] ?? { rule: `data_exception_${code}`, zh: '值无效', en: 'has an invalid value' };
    const errors = [fieldError(field, kind.rule, kind.zh, kind.en)];
    return problem(400, 'VALIDATION_FAILED', { zh: `输入有误：${field} — ${kind.zh}`, en: `Invalid input: ${field} — ${kind.en}` }, request, errors);
  }
  return null;
}
