import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Permission, Principal } from './access.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './database.js';
import type { EventBus } from './events.js';
import type { BenefitHistorySource } from './benefit-history.js';
import type { PublishImpactSource } from './publish-impact.js';
import type { VoucherPayments } from './voucher-payments.js';
import type { ApplicationChannelSource } from './application-channels.js';
import type { ModuleCatalogue } from './module.js';
import { unauthenticated } from './problems.js';

export interface ApiRoute {
  method: string;
  url: string;
  permission: Permission;
  hasBody: boolean;
  hasParams: boolean;
  csrf: boolean;
}

/** What every route handler may use; passed in explicitly, never looked up. */
export interface AppDeps {
  db: Db;
  /** A read replica for public reads that tolerate replication lag (DATABASE_READ_URL); absent: the primary. Use through `readerOf`. */
  readDb?: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  config: Config;
  /** Key protecting personal identifiers at rest (AES-256-GCM). */
  dataKey: Buffer;
  /** Typed domain events between modules (handlers run in the emitter's transaction). */
  events: EventBus;
  /** What each subject already received per item (provided by fulfilment; empty until it is wired). */
  benefitHistory: BenefitHistorySource;
  /** What publishing a policy version would change over the registered subjects (provided by the finder). */
  publishImpact: PublishImpactSource;
  /** How each policy item is applied for (online, automatically, not online and why): provided by fulfilment. */
  applicationChannels: ApplicationChannelSource;
  /** Paying marketplace orders with service vouchers: provided by the vouchers module. */
  voucherPayments: VoucherPayments;
  /** The checked module manifests (modules/index.ts): permissions and their roles, events, jobs, notification kinds, statistics. */
  modules: ModuleCatalogue;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** Every /api/v1 route with its permission: for tests and documentation. */
    apiRoutes: ApiRoute[];
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Every /api route states the permission it needs. */
    permission?: Permission;
    /** Mutating routes check a CSRF token unless this is false (anonymous public API). */
    csrf?: boolean;
  }
}

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** The audit context of a request: who, from where, which request. */
export function auditContextOf(request: FastifyRequest) {
  return {
    actorUserId: request.principal?.userId ?? null,
    actor: request.principal?.username ?? null,
    requestId: String(request.id),
    ip: request.ip,
  };
}

/**
 * The dependencies of a public read (the library, policy pages, publicity, statistics): the same,
 * with the database a read replica when one is configured. Never for writes, nor for a page a user
 * reads back right after changing it.
 */
export function readerOf<D extends Pick<AppDeps, 'db' | 'readDb'>>(deps: D): D {
  return deps.readDb ? { ...deps, db: deps.readDb } : deps;
}

/**
 * A public page's reads: from the replica for visitors; from the primary for a signed-in user, who
 * may be reading back what they just changed (a published policy, a decision in publicity).
 */
export function publicReader(app: { deps: AppDeps }, request: { principal: unknown }): AppDeps {
  return request.principal ? app.deps : readerOf(app.deps);
}
