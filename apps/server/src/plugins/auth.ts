import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../platform/access.js';
import type { AppInstance } from '../platform/http.js';
import { forbidden, unauthenticated } from '../platform/problems.js';
import { resolveSession, SESSION_COOKIE } from '../modules/identity/index.js';
import { authenticateApiClient, recordCall } from '../modules/interconnect/index.js';
import { AppError } from '../platform/problems.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication, CSRF and permissions for every route:
 * - every /api/v1 route must declare `config.permission`, one a module manifest declares (the app
 *   refuses to start otherwise);
 * - the session cookie resolves to a principal before the handler runs;
 * - a changing request (POST, PATCH, PUT, DELETE) must carry a CSRF token unless its route
 *   opts out with `config.csrf: false` (anonymous public API that reads no cookie);
 * - the permission is checked before validation and the handler;
 * - a machine route (`permission: 'interconnect.client'` with its `clientScope`) reads no cookie:
 *   it needs an OAuth 2.0 bearer token of a live client with that scope, and every such call is
 *   recorded with its status.
 */
/**
 * Runs the CSRF check of @fastify/csrf-protection and returns its error instead of letting it
 * reply, so the error goes through our problem-details handler like every other. The secret
 * cookie is unsigned (httpOnly, SameSite=Strict), so the check reads only the request.
 */
function csrfFailure(app: AppInstance, request: FastifyRequest): Error | null {
  let passed = false;
  let failure: Error | null = null;
  const capture = { send: (error: Error) => void (failure = error) } as unknown as FastifyReply;
  app.csrfProtection(request, capture, () => {
    passed = true;
  });
  return passed ? null : (failure ?? new Error('CSRF check did not complete'));
}

export function registerAuth(app: AppInstance): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('apiClient', null);
  app.decorateRequest('apiClientAttempt', null);
  app.decorate('apiRoutes', []);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`Route ${String(route.method)} ${route.url} must declare a config.permission`);
    if ((permission === 'interconnect.client') !== (route.config?.clientScope !== undefined)) {
      throw new Error(`Route ${String(route.method)} ${route.url}: a machine route (permission "interconnect.client") and only it names a clientScope`);
    }
    if (permission === 'interconnect.client' && route.config?.csrf !== false) throw new Error(`Route ${String(route.method)} ${route.url}: a machine route takes no cookie and so no CSRF token (csrf: false)`);
    if (!app.deps.modules.permissions.has(permission)) {
      throw new Error(`Route ${String(route.method)} ${route.url} needs the permission "${permission}", which no module manifest declares`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.apiRoutes.push({
        method,
        url: route.url,
        permission: permission as Permission,
        hasBody: Boolean(route.schema?.body),
        hasParams: Boolean(route.schema?.params),
        csrf: route.config?.csrf !== false,
      });
    }
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const client = request.apiClient?.id ?? request.apiClientAttempt;
    if (!client) return;
    try {
      await recordCall(app.deps, client, request.method, request.url, reply.statusCode);
    } catch (error) {
      request.log.error({ err: error }, 'machine call not recorded');
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (!config?.permission) return; // static files, docs, health, not-found
    if (config.clientScope) {
      try {
        await authenticateApiClient(app.deps, request, config.clientScope);
      } catch (error) {
        if (error instanceof AppError && error.status === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
        const retryAfter = (error as { retryAfter?: number }).retryAfter;
        if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
        throw error;
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.principal = await resolveSession(app.deps, token);
    if (!SAFE_METHODS.has(request.method) && config.csrf !== false) {
      const failure = csrfFailure(app, request);
      if (failure) throw failure;
    }
    if (config.permission === 'public') return;
    if (!request.principal) throw unauthenticated();
    if (!request.principal.permissions.has(config.permission)) throw forbidden();
  });
}
