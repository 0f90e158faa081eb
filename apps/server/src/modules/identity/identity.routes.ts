import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfToken, LoginBody, LoginResult, Me, MfaBody, Ok, Problem, SignedIn } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { completeSecondFactor, describePrincipal, login, logout, SESSION_HOURS } from './identity.service.js';

export const SESSION_COOKIE = 'sb_session';

/** Login attempts per client address and minute, on top of the per-account lockout. */
export const loginRateLimit = (app: AppInstance) => ({ max: app.deps.config.loginRatePerMinute, timeWindow: '1 minute' });

export function setSessionCookie(app: AppInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: app.deps.config.secureCookies,
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

const meta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

export function identityRoutes(app: AppInstance): void {
  const deps = () => ({ db: app.deps.db, clock: app.deps.clock, modules: app.deps.modules });

  app.get(
    '/api/v1/auth/csrf',
    {
      config: { permission: 'public' },
      schema: { tags: ['auth'], summary: 'CSRF 令牌 / A CSRF token to send as x-csrf-token on every change', response: { 200: CsrfToken } },
    },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public', rateLimit: loginRateLimit(app) },
      schema: {
        tags: ['auth'],
        summary: '登录 / Log in (government roles continue with a second factor)',
        body: LoginBody,
        response: { 200: LoginResult, 401: Problem, 423: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const outcome = await login(deps(), auditContextOf(request), request.body, meta(request));
      if (outcome.status !== 'ok') return outcome;
      setSessionCookie(app, reply, outcome.sessionToken);
      return { status: 'ok' as const, user: outcome.user };
    },
  );

  app.post(
    '/api/v1/auth/mfa',
    {
      config: { permission: 'public', rateLimit: loginRateLimit(app) },
      schema: {
        tags: ['auth'],
        summary: '动态验证码 / Complete login (or enrolment) with a TOTP code',
        body: MfaBody,
        response: { 200: SignedIn, 401: Problem },
      },
    },
    async (request, reply) => {
      const { user, sessionToken } = await completeSecondFactor(deps(), auditContextOf(request), request.body, meta(request));
      setSessionCookie(app, reply, sessionToken);
      return { status: 'ok' as const, user };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: '退出登录 / Log out', response: { 200: Ok } },
    },
    async (request, reply) => {
      await logout(deps(), auditContextOf(request), requirePrincipal(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: '当前用户 / Who I am, my organisations, roles and permissions', response: { 200: Me, 401: Problem } },
    },
    async (request) => describePrincipal(requirePrincipal(request)),
  );
}
