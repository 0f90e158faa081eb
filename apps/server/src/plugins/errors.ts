import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemTypeUri, type FieldError, type LocalisedText, type Problem } from '@seedbed/contract';
import type { AppInstance } from '../platform/http.js';
import { AppError } from '../platform/problems.js';
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
    const pgCode = (error as unknown as { code?: string }).code;
    if (pgCode === '23505') {
      return send(reply, problem(409, 'CONFLICT', { zh: '数据冲突：该记录已存在', en: 'Conflict: this record already exists' }, request));
    }
    if (pgCode === '40001' || pgCode === '40P01') {
      return send(reply, problem(503, 'RETRY', { zh: '系统繁忙，请重试', en: 'The system is busy: please retry' }, request));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, problem(error.statusCode, 'BAD_REQUEST', { zh: '请求无效', en: error.message || 'Bad request' }, request));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, problem(500, 'INTERNAL', { zh: '服务器内部错误，已记录，请稍后重试', en: 'Internal error: it has been logged; please try again later' }, request));
  });

}
