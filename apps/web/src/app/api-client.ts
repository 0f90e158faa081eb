/**
 * The one way the web app talks to the Seedbed API: same-origin fetch with the session cookie,
 * a CSRF token on every state-changing request, and RFC 9457 problems turned into ApiError.
 */
import type { Problem, StoredFile } from '@seedbed/contract';

export type { Problem };

const API_BASE = '/api/v1';
const REQUEST_TIMEOUT_MS = 60_000;

/** An API call that failed; `problem` is the server's problem document (or one we made up). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.status === 'number' && typeof b.code === 'string' && typeof b.message === 'object' && b.message !== null;
}

/** A problem for failures that never reached the API or came back in a shape we do not know. */
function syntheticProblem(status: number, code: string, zh: string, en: string): Problem {
  return { type: 'about:blank', title: en, status, code, message: { zh, en } };
}

let csrfToken: Promise<string> | null = null;

async function fetchCsrfToken(): Promise<string> {
  const res = await fetch(`${API_BASE}/auth/csrf`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) {
    throw new ApiError(syntheticProblem(res.status, 'CSRF_UNAVAILABLE', '无法获取安全令牌，请刷新页面重试。', 'Could not obtain a security token; reload the page and try again.'));
  }
  const body = (await res.json()) as { token: string };
  return body.token;
}

function getCsrfToken(): Promise<string> {
  if (!csrfToken) {
    csrfToken = fetchCsrfToken().catch((e: unknown) => {
      csrfToken = null;
      throw e;
    });
  }
  return csrfToken;
}

/** Forget the cached CSRF token: the session changed (login, logout) so the server issues a new one. */
export function resetCsrfToken(): void {
  csrfToken = null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await getCsrfToken();

  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // A request that never answers must not leave a spinner forever.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'TimeoutError') {
      throw new ApiError(syntheticProblem(0, 'TIMEOUT', '服务器长时间没有响应，请稍后重试。', 'The server did not answer in time; try again later.'));
    }
    throw new ApiError(syntheticProblem(0, 'NETWORK', '无法连接服务器，请检查网络后重试。', 'Cannot reach the server; check your connection and try again.'));
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (res.ok) return parsed as T;

  if (isProblem(parsed)) {
    if (res.status === 403 && parsed.code === 'CSRF_INVALID' && !retried) {
      resetCsrfToken();
      return request<T>(method, path, body, true);
    }
    throw new ApiError(parsed);
  }
  throw new ApiError(
    syntheticProblem(res.status, `HTTP_${res.status}`, `服务器返回错误（${res.status}），请稍后重试。`, `The server answered with an error (${res.status}); try again later.`),
  );
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Uploads one file (multipart) to the files module: PDF, JPEG or PNG, checked by the server from its
 * bytes and size. Modules keep the returned id and decide who else may read the file.
 */
export async function uploadFile(file: File, retried = false): Promise<StoredFile> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/files`, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': await getCsrfToken(), accept: 'application/json' }, body: form });
  } catch {
    throw new ApiError(syntheticProblem(0, 'NETWORK', '无法连接服务器，请检查网络后重试。', 'Cannot reach the server; check your connection and try again.'));
  }
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (res.ok) return body as StoredFile;
  if (isProblem(body)) {
    if (res.status === 403 && body.code === 'CSRF_INVALID' && !retried) {
      resetCsrfToken();
      return uploadFile(file, true);
    }
    throw new ApiError(body);
  }
  throw new ApiError(syntheticProblem(res.status, `HTTP_${res.status}`, `上传失败（${res.status}），请稍后重试。`, `The upload failed (${res.status}); try again later.`));
}

/** Builds a query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
