import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, decodeProtectedHeader, type JWK, type CryptoKey } from 'jose';
import { CLIENT_SCOPES, type ClientScope } from '@seedbed/contract';
import { tablesOf, type Db } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { AppError } from '../../platform/problems.js';
import { decryptText, encryptText } from '../../platform/protect.js';
import type { InterconnectTables } from './interconnect.tables.js';

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for machine clients: the secret is 32 random
 * bytes, stored as its SHA-256 (a random secret needs no slow hash); tokens are ES256 JWTs
 * (RFC 7519) signed with this platform's key, published as a JWK set. A token names its client
 * and scopes and lives ten minutes; every call still reads the client's row, so a revocation
 * refuses its tokens at once.
 */
export const TOKEN_SECONDS = 600;
const ISSUER = 'seedbed';
const AUDIENCE = 'seedbed-api';
/** After a rotation the old secret keeps working this long, so the calling system can switch. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

const t = (db: Db) => tablesOf<InterconnectTables>(db);
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
export const newSecret = (): string => `sbs_${randomBytes(32).toString('base64url')}`;
export const newClientId = (): string => `sbc_${randomBytes(12).toString('hex')}`;

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const oauthError = (status: number, error: string, zh: string, en: string): AppError => new AppError(status, error, { zh, en });

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}
const keyCache = new WeakMap<object, Promise<SigningKey>>();

/** This platform's current signing key: made on first use, its private half encrypted with the data key. */
export function signingKey(deps: Pick<AppDeps, 'db' | 'dataKey' | 'clock'>): Promise<SigningKey> {
  let key = keyCache.get(deps.db);
  if (!key) {
    key = loadOrCreateKey(deps);
    keyCache.set(deps.db, key);
    key.catch(() => keyCache.delete(deps.db));
  }
  return key;
}

async function loadOrCreateKey(deps: Pick<AppDeps, 'db' | 'dataKey' | 'clock'>): Promise<SigningKey> {
  const existing = await t(deps.db).selectFrom('interconnect_keys').selectAll().where('retired_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
  if (existing) {
    const privateJwk = JSON.parse(decryptText(deps.dataKey, existing.private_jwk)) as JWK;
    return { kid: existing.kid, privateKey: (await importJWK(privateJwk, 'ES256')) as CryptoKey, publicJwk: existing.public_jwk };
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const privateJwk = await exportJWK(privateKey);
  // Two processes starting together may each make a key: both are published, and a token signed
  // with either verifies, since verification reads the key by its id.
  await t(deps.db)
    .insertInto('interconnect_keys')
    .values({ kid, private_jwk: encryptText(deps.dataKey, JSON.stringify(privateJwk)), public_jwk: JSON.stringify(publicJwk), created_at: deps.clock.now() })
    .execute();
  return { kid, privateKey, publicJwk };
}

export async function jwks(deps: Pick<AppDeps, 'db'>): Promise<{ keys: JWK[] }> {
  const rows = await t(deps.db).selectFrom('interconnect_keys').select('public_jwk').orderBy('created_at', 'desc').execute();
  return { keys: rows.map((r) => r.public_jwk as JWK) };
}

export interface TokenGrant {
  grantType: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  scope: string | undefined;
}

/** The client credentials grant: checks the client and its secret, narrows the scopes, signs a token. */
export async function issueToken(deps: Pick<AppDeps, 'db' | 'dataKey' | 'clock'>, grant: TokenGrant) {
  if (grant.grantType !== 'client_credentials') {
    throw oauthError(400, 'unsupported_grant_type', '仅支持 client_credentials 授权方式（grant_type）', 'grant_type must be client_credentials');
  }
  if (!grant.clientId || !grant.clientSecret) throw oauthError(401, 'invalid_client', '缺少客户端标识或密钥（client_id、client_secret）', 'client_id and client_secret are required');
  const client = await t(deps.db).selectFrom('interconnect_clients').selectAll().where('client_id', '=', grant.clientId).executeTakeFirst();
  const now = deps.clock.now();
  const given = hashSecret(grant.clientSecret);
  const secretOk =
    client !== undefined &&
    (sameHash(given, client.secret_hash) || (client.previous_secret_hash !== null && client.previous_valid_until !== null && client.previous_valid_until > now && sameHash(given, client.previous_secret_hash)));
  if (!client || !secretOk) throw oauthError(401, 'invalid_client', '客户端标识或密钥不正确', 'Unknown client or wrong secret');
  if (client.revoked_at) throw oauthError(401, 'invalid_client', '该客户端已被吊销', 'This client has been revoked');
  let scopes = client.scopes as ClientScope[];
  if (grant.scope !== undefined && grant.scope.trim() !== '') {
    const asked = [...new Set(grant.scope.trim().split(/\s+/))];
    const unknown = asked.filter((s) => !(CLIENT_SCOPES as readonly string[]).includes(s) || !client.scopes.includes(s));
    if (unknown.length) throw oauthError(400, 'invalid_scope', `申请的权限范围未授予该客户端：${unknown.join('、')}`, `Scopes not granted to this client: ${unknown.join(', ')}`);
    scopes = asked as ClientScope[];
  }
  const key = await signingKey(deps);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(client.client_id)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_SECONDS)
    .sign(key.privateKey);
  return { access_token: token, token_type: 'Bearer' as const, expires_in: TOKEN_SECONDS, scope: scopes.join(' ') };
}

const publicKeyCache = new WeakMap<object, Map<string, CryptoKey>>();

async function verificationKey(db: Db, kid: string): Promise<CryptoKey | null> {
  let keys = publicKeyCache.get(db);
  if (!keys) publicKeyCache.set(db, (keys = new Map()));
  const cached = keys.get(kid);
  if (cached) return cached;
  const row = await t(db).selectFrom('interconnect_keys').select('public_jwk').where('kid', '=', kid).executeTakeFirst();
  if (!row) return null;
  const key = (await importJWK(row.public_jwk as JWK, 'ES256')) as CryptoKey;
  keys.set(kid, key);
  return key;
}

/** Verifies a bearer token's signature, issuer, audience and lifetime; the client id and scopes it carries, or null. */
export async function verifyToken(deps: Pick<AppDeps, 'db' | 'clock'>, token: string): Promise<{ clientId: string; scopes: string[] } | null> {
  try {
    const { kid } = decodeProtectedHeader(token);
    if (!kid) return null;
    const key = await verificationKey(deps.db, kid);
    if (!key) return null;
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'], currentDate: deps.clock.now() });
    if (typeof payload.sub !== 'string' || typeof payload.scope !== 'string') return null;
    return { clientId: payload.sub, scopes: payload.scope.split(' ') };
  } catch {
    return null;
  }
}
