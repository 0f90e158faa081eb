/**
 * Interconnection (互联互通): other platforms — a district's or a park's Seedbed, a department's
 * system — call this one as machine clients with OAuth 2.0 client credentials and scopes; this
 * platform calls others through registered upstreams.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Instant } from './time.js';

export const CLIENT_SCOPES = ['policies:read', 'indicators:read', 'subjects:exchange', 'reports:push', 'webhooks:manage'] as const;
export const ClientScope = Type.Union(
  [Type.Literal('policies:read'), Type.Literal('indicators:read'), Type.Literal('subjects:exchange'), Type.Literal('reports:push'), Type.Literal('webhooks:manage')],
  { description: 'what a machine client may do' },
);
export type ClientScope = Static<typeof ClientScope>;

export const ApiClientCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'the platform or system that will call, e.g. 青秀区双创服务平台' }),
    scopes: Type.Array(ClientScope, { minItems: 1, maxItems: CLIENT_SCOPES.length, uniqueItems: true }),
    ratePerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 6000, description: 'calls a minute before 429 (default 120)' })),
  },
  { additionalProperties: false },
);
export type ApiClientCreateBody = Static<typeof ApiClientCreateBody>;

export const ApiClientView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  clientId: Type.String({ description: 'the OAuth client_id' }),
  name: Type.String(),
  organisationName: Type.String(),
  scopes: Type.Array(ClientScope),
  ratePerMinute: Type.Integer(),
  createdAt: Instant,
  lastUsedAt: Type.Union([Instant, Type.Null()]),
  /** The previous secret still accepted after a rotation, until this instant. */
  previousSecretValidUntil: Type.Union([Instant, Type.Null()]),
  revokedAt: Type.Union([Instant, Type.Null()]),
  callsLast24h: Type.Integer(),
});
export type ApiClientView = Static<typeof ApiClientView>;

export const ApiClientSecret = Type.Object({
  client: ApiClientView,
  clientSecret: Type.String({ description: 'shown once: store it in the calling system' }),
});
export type ApiClientSecret = Static<typeof ApiClientSecret>;

export const ApiClientList = Type.Object({ items: Type.Array(ApiClientView) });
export type ApiClientList = Static<typeof ApiClientList>;

export const ApiClientParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export type ApiClientParams = Static<typeof ApiClientParams>;

export const ApiCallView = Type.Object({
  at: Instant,
  clientName: Type.String(),
  method: Type.String(),
  path: Type.String(),
  status: Type.Integer(),
});
export type ApiCallView = Static<typeof ApiCallView>;
export const ApiCallList = Type.Object({ items: Type.Array(ApiCallView) });
export type ApiCallList = Static<typeof ApiCallList>;

export const TokenRequest = Type.Object(
  {
    grant_type: Type.Optional(Type.String({ maxLength: 40 })),
    client_id: Type.Optional(Type.String({ maxLength: 100 })),
    client_secret: Type.Optional(Type.String({ maxLength: 200 })),
    scope: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type TokenRequest = Static<typeof TokenRequest>;

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});
export type TokenResponse = Static<typeof TokenResponse>;

/** RFC 6749 §5.2 error, with the platform's problem fields beside it. */
export const OAuthError = Type.Object({
  error: Type.String(),
  error_description: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  detail: Type.String(),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
});
export type OAuthError = Static<typeof OAuthError>;

export const Jwks = Type.Object({
  keys: Type.Array(Type.Object({ kty: Type.String(), kid: Type.String(), alg: Type.String(), use: Type.String(), crv: Type.String(), x: Type.String(), y: Type.String() })),
});
export type Jwks = Static<typeof Jwks>;

export const UpstreamCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'e.g. 南宁市双创服务平台' }),
    baseUrl: Type.String({ minLength: 1, maxLength: 300, description: 'the platform\'s address, http(s)://host[:port]' }),
    clientId: Type.String({ minLength: 1, maxLength: 100 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type UpstreamCreateBody = Static<typeof UpstreamCreateBody>;

export const UpstreamView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  baseUrl: Type.String(),
  clientId: Type.String(),
  organisationName: Type.String(),
  createdAt: Instant,
});
export type UpstreamView = Static<typeof UpstreamView>;
export const UpstreamList = Type.Object({ items: Type.Array(UpstreamView) });
export type UpstreamList = Static<typeof UpstreamList>;

export const UpstreamCheck = Type.Object({
  ok: Type.Boolean(),
  scopes: Type.Array(Type.String(), { description: 'granted by the upstream' }),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
});
export type UpstreamCheck = Static<typeof UpstreamCheck>;
