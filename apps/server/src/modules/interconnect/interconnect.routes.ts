import { Type } from '@sinclair/typebox';
import {
  ApiCallList,
  ApiClientCreateBody,
  ApiClientList,
  ApiClientParams,
  ApiClientSecret,
  ApiClientView,
  Jwks,
  OAuthError,
  TokenRequest,
  TokenResponse,
  UpstreamCheck,
  UpstreamCreateBody,
  UpstreamList,
  UpstreamView,
} from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { AppError } from '../../platform/problems.js';
import { listClients, recentCalls, registerClient, revokeClient, rotateClientSecret } from './interconnect.service.js';
import { issueToken, jwks } from './interconnect.tokens.js';
import { checkUpstream, registerUpstream, removeUpstream, upstreamViews } from './interconnect.upstreams.js';

const tags = ['interconnect'];

/** HTTP Basic credentials (RFC 6749 §2.3.1: client_id and secret form-urlencoded, then Basic). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

export function interconnectRoutes(app: AppInstance): void {
  // The token endpoint takes the standard form encoding as well as JSON; only here.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      const params = new URLSearchParams(body as string);
      const out: Record<string, string> = {};
      for (const [k, v] of params) out[k] = v;
      done(null, out);
    });
    scope.post(
      '/api/v1/oauth/token',
      {
        config: { permission: 'public', csrf: false, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: '获取访问令牌 / OAuth 2.0 client credentials: a bearer token (ES256 JWT, 10 minutes) for a registered client; client_id and client_secret in the body or by HTTP Basic',
          body: TokenRequest,
          response: { 200: TokenResponse, 400: OAuthError, 401: OAuthError },
        },
      },
      async (request, reply) => {
        const body = request.body as TokenRequest;
        const basic = basicCredentials(request.headers.authorization);
        reply.header('cache-control', 'no-store');
        try {
          return await issueToken(app.deps, {
            grantType: body.grant_type,
            clientId: basic?.id ?? body.client_id,
            clientSecret: basic?.secret ?? body.client_secret,
            scope: body.scope,
          });
        } catch (error) {
          // RFC 6749 §5.2: `error` and `error_description` beside the problem details.
          if (error instanceof AppError && /^(invalid_|unsupported_)/.test(error.code)) {
            if (error.status === 401) reply.header('www-authenticate', 'Basic realm="seedbed"');
            return reply
              .code(error.status as 400 | 401)
              .type('application/json; charset=utf-8')
              .send({ error: error.code, error_description: error.text.en, status: error.status, code: error.code, title: error.text.en, detail: error.text.en, message: error.text });
          }
          throw error;
        }
      },
    );
  });

  app.get(
    '/api/v1/oauth/jwks',
    { config: { permission: 'public' }, schema: { tags, summary: '签名公钥 / The public keys (JWK set) this platform signs its access tokens with', response: { 200: Jwks } } },
    async () => jwks(app.deps) as Promise<Jwks>,
  );

  app.get(
    '/api/v1/interconnect/clients',
    { config: { permission: 'interconnect.manage' }, schema: { tags, summary: '对接客户端 / The machine clients registered by my organisation, with their use in the last 24 hours', response: { 200: ApiClientList } } },
    async (request) => listClients(app.deps, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/interconnect/clients',
    {
      config: { permission: 'interconnect.manage' },
      schema: { tags, summary: '登记对接客户端 / Register a machine client (another platform or system) with scopes: its secret is shown once', body: ApiClientCreateBody, response: { 200: ApiClientSecret } },
    },
    async (request) => registerClient(app.deps, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.post(
    '/api/v1/interconnect/clients/:id/rotate',
    {
      config: { permission: 'interconnect.manage' },
      schema: { tags, summary: '更换密钥 / Rotate a client\'s secret: the new one is shown once, the old one works 24 more hours', params: ApiClientParams, response: { 200: ApiClientSecret } },
    },
    async (request) => rotateClientSecret(app.deps, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post(
    '/api/v1/interconnect/clients/:id/revoke',
    { config: { permission: 'interconnect.manage' }, schema: { tags, summary: '吊销客户端 / Revoke a client: its tokens are refused at once', params: ApiClientParams, response: { 200: ApiClientView } } },
    async (request) => revokeClient(app.deps, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.get(
    '/api/v1/interconnect/calls',
    { config: { permission: 'interconnect.manage' }, schema: { tags, summary: '调用记录 / The last 100 machine calls of my organisation\'s clients', response: { 200: ApiCallList } } },
    async (request) => recentCalls(app.deps, requirePrincipal(request)),
  );

  app.get(
    '/api/v1/interconnect/upstreams',
    { config: { permission: 'interconnect.manage' }, schema: { tags, summary: '上级平台 / The platforms my organisation calls', response: { 200: UpstreamList } } },
    async (request) => upstreamViews(app.deps, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/interconnect/upstreams',
    {
      config: { permission: 'interconnect.manage' },
      schema: { tags, summary: '登记上级平台 / Register a platform to call, with the client credentials it issued (the secret is kept encrypted)', body: UpstreamCreateBody, response: { 200: UpstreamView } },
    },
    async (request) => registerUpstream(app.deps, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.post(
    '/api/v1/interconnect/upstreams/:id/check',
    { config: { permission: 'interconnect.manage' }, schema: { tags, summary: '测试连接 / Fetch a token from the upstream with the stored credentials', params: ApiClientParams, response: { 200: UpstreamCheck } } },
    async (request) => checkUpstream(app.deps, requirePrincipal(request), request.params.id),
  );
  app.delete(
    '/api/v1/interconnect/upstreams/:id',
    { config: { permission: 'interconnect.manage' }, schema: { tags, summary: '移除上级平台 / Stop calling a platform', params: ApiClientParams, response: { 200: Type.Object({ removed: Type.Boolean() }) } } },
    async (request) => {
      await removeUpstream(app.deps, requirePrincipal(request), auditContextOf(request), request.params.id);
      return { removed: true };
    },
  );
}
