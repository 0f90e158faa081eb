import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps, AppInstance } from './platform/http.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling, problem } from './plugins/errors.js';
import { securityHeaders } from './plugins/security-headers.js';
import { compileValidator } from './plugins/validation.js';
import { JobRunner } from './platform/jobs.js';

export const API_VERSION = '0.1.0';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Builds the Seedbed HTTP application: cross-cutting plugins first (errors, cookies, CSRF, rate
 * limits, auth, OpenAPI), then each module of `deps.modules` (its manifest: routes, event
 * handlers, jobs), then the web app's static files. Everything it needs arrives in `deps`;
 * nothing is looked up globally. A route whose permission no manifest declares stops it.
 */
export async function buildApp(deps: AppDeps): Promise<AppInstance> {
  const app = Fastify({
    logger: { level: deps.config.logLevel },
    bodyLimit: 1024 * 1024,
    // A client's x-request-id (a proxy's trace id) is kept only when it is a short token of safe
    // characters: it is echoed in answers and written to the audit log.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    // X-Forwarded-For is believed only from the proxies named in SEEDBED_TRUSTED_PROXIES; with
    // none (the default, in production too) request.ip is the socket's address, so a client
    // cannot choose the address its rate limits count against.
    trustProxy: deps.config.trustedProxies.length > 0 ? deps.config.trustedProxies : false,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as AppInstance;

  app.decorate('deps', deps);
  app.setValidatorCompiler(({ schema, httpPart }) => compileValidator(schema, httpPart));
  app.addHook('onSend', securityHeaders({ production: deps.config.production }));
  registerErrorHandling(app);

  await app.register(cookie);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { httpOnly: true, sameSite: 'strict', path: '/', secure: deps.config.secureCookies, signed: false },
  });
  await app.register(rateLimit, {
    global: false,
    // The client address as trustProxy above decides it, never a header the client chose.
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`Rate limit: retry in ${context.after}`) as Error & { statusCode: number; code: string };
      error.statusCode = 429;
      error.code = 'FST_ERR_RATE_LIMITED';
      return error;
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Seedbed API',
        version: API_VERSION,
        description:
          '双创服务平台开放接口 / The open API of Seedbed, the platform for a city\'s entrepreneurship-and-innovation programme. ' +
          'Errors are RFC 9457 problem details (application/problem+json) with a stable `code` and messages in Chinese and English. ' +
          'Changing requests from a browser session send the token from GET /api/v1/auth/csrf as `x-csrf-token`. Money is integer fen (分).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sb_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    { schema: { tags: ['platform'], summary: '健康检查 / Health check', response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String(), version: Type.String() }) } } },
    async () => {
      await app.deps.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok' as const, database: deps.dbKind, version: API_VERSION };
    },
  );

  // The modules, as their manifests declare them (src/manifests.ts, checked by assembleModules):
  // routes, handlers of other modules' events, persisted jobs and the daily ones.
  const jobs = new JobRunner(deps.db, { singleProcess: deps.dbKind === 'pglite', log: (msg, data) => app.log.warn(data ?? {}, msg) });
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());
  for (const module of deps.modules.manifests) {
    module.routes?.(app);
    for (const subscription of module.events?.handles ?? []) subscription.subscribe(deps.events, deps);
    for (const job of module.jobs ?? []) job.register(jobs, deps);
  }
  for (const module of deps.modules.manifests) for (const daily of module.dailyJobs ?? []) daily.schedule(jobs, deps);

  await serveWebApp(app, deps.config.webDist);
  return app;
}

/** Cache lifetime of the build's content-hashed files (dist/assets/): a changed file gets a new name. */
export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * The built single-page app, with client-side routes falling back to index.html. The build
 * writes .br and .gz beside each compressible file (scripts/precompress.mjs); they are sent to
 * clients that accept them. Content-hashed files under assets/ are cached for a year; every
 * other file, index.html and the fallback above all, is revalidated on each use (no-cache), so
 * a new release is seen at once.
 */
async function serveWebApp(app: AppInstance, dist: string): Promise<void> {
  const index = join(dist, 'index.html');
  const hasWeb = existsSync(index);
  const assets = join(dist, 'assets') + sep;
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.startsWith(assets) ? HASHED_ASSET_CACHE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api') && request.method === 'GET' && hasWeb) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const text = { zh: `没有此接口：${request.method} ${path}`, en: `No such endpoint: ${request.method} ${path}` };
    return reply.code(404).type('application/problem+json; charset=utf-8').send(problem(404, 'ROUTE_NOT_FOUND', text, request));
  });
}
