import { GOVERNMENT_ROLES, type GovernmentRole, type Permission } from './access.js';
import type { Db, Tx } from './database.js';
import type { DomainEvents, EventBus, EventName } from './events.js';
import type { AppDeps, AppInstance } from './http.js';
import type { ChunkedJob, JobContext, JobRunner } from './jobs.js';
import type { SearchSource } from './search.js';
import type { FactBasisSource } from './fact-basis.js';

/**
 * A module manifest: everything a module brings to the app, declared in one place. The app
 * (app.ts), start-up (main.ts) and the test app loop over the list in `src/manifests.ts`;
 * `assembleModules` checks the list and refuses to start on a contradiction (a name declared
 * twice, a handler of an event nobody emits, a permission nobody holds, a daily job with no
 * handler). Names that other code uses are also typed from the declarations, so a typo does
 * not compile:
 *
 *   declare module '../../platform/access.js' { interface ModulePermissions { 'calendar.manage': true } }
 *   declare module '../../platform/module.js' { interface NotificationKinds { 'award.pending': true } }
 *   declare module '../../platform/module.js' { interface JobKinds { 'finder.simulate': SimulationPayload } }
 *   declare module '../../platform/events.js' { interface DomainEvents { 'policy.published': {…} } }
 *
 * and `src/manifests.ts` does not compile while one of those names has no manifest entry.
 */
export interface Text {
  zh: string;
  en: string;
}

/** Kinds of notification, augmented by the module that sends them (the value is unused). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NotificationKinds {}
export type NotificationKind = keyof NotificationKinds;

/** Kinds of persisted job and their payloads, augmented by the module that runs them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobKinds {}
export type JobKind = keyof JobKinds;

export interface PermissionDeclaration {
  name: Exclude<Permission, 'public' | 'authenticated'>;
  label: Text;
  /** The government roles whose holders have it (for the regions their departments cover). */
  roles: readonly GovernmentRole[];
  /** Platform administrators have it too (accounts, organisations, the audit log: nothing else). */
  administrators?: boolean;
  /** Held by no person: machine clients with a bearer token and the route's scope (the interconnect module's). */
  machine?: boolean;
}

export interface NotificationKindDeclaration {
  kind: NotificationKind;
  /** What a person switches on or off in their preferences. */
  label: Text;
  description: Text;
}

/** A handler of another module's event, run inside the emitter's transaction. */
export interface EventSubscription {
  readonly event: EventName;
  subscribe(bus: EventBus, deps: AppDeps): void;
}

/** Subscribes to `event`: `handle` gets the emitter's transaction, the typed payload and the app's dependencies. */
export function on<K extends EventName>(event: K, handle: (trx: Tx, payload: DomainEvents[K], deps: AppDeps) => Promise<void>): EventSubscription {
  return { event, subscribe: (bus, deps) => bus.on(event, (trx, payload) => handle(trx, payload, deps)) };
}

export interface JobDefinition<K extends JobKind = JobKind> {
  readonly kind: K;
  register(runner: JobRunner, deps: AppDeps): void;
}

/** A persisted job of `kind` with its typed payload (see platform/jobs.ts); `C` is the checkpoint it saves. */
export function defineJob<K extends JobKind, C = never, R = unknown>(kind: K, run: (deps: AppDeps, ctx: JobContext<JobKinds[K], C>) => Promise<R>): JobDefinition<K> {
  return { kind, register: (runner, deps) => runner.register<JobKinds[K], C, R>(kind, (ctx) => run(deps, ctx)) };
}

/** A persisted job of `kind` split into parts that any runner of any process works on (see platform/jobs.ts). */
export function defineChunkedJob<K extends JobKind, S = unknown, R = unknown, M = unknown>(kind: K, make: (deps: AppDeps) => ChunkedJob<JobKinds[K], S, R, M>): JobDefinition<K> {
  return { kind, register: (runner, deps) => runner.registerChunked<JobKinds[K], S, R, M>(kind, make(deps)) };
}

export interface DailyJobDefinition<K extends JobKind = JobKind> {
  readonly kind: K;
  schedule(runner: JobRunner, deps: AppDeps): void;
}

/** Queues a job of `kind` once a day (the day of `deps.clock`), with the payload made for that day. */
export function dailyJob<K extends JobKind>(kind: K, payload: (day: string) => JobKinds[K]): DailyJobDefinition<K> {
  return { kind, schedule: (runner, deps) => runner.daily(kind, () => deps.clock.today(), payload) };
}

/** The period and region a statistic is computed for: dates YYYY-MM-DD, both included; a region covers its districts. */
export interface StatisticQuery {
  regionCode: string;
  from: string;
  to: string;
}

/** A number a module offers to dashboards and targets. */
export interface StatisticDefinition {
  /** `<module>.<name>`, e.g. `fulfilment.applications_submitted`. */
  name: string;
  label: Text;
  /** e.g. 件 / applications, 分 / fen, 天 / days */
  unit: Text;
  /**
   * Shown to everyone on the open statistics page (`opendata`) and its downloads. Only a count,
   * sum or average over many records that holds no personal data and cannot single out a person
   * (a person's follow-up outcome, a judge's conflicts of interest are not); absent: internal.
   */
  public?: boolean;
  compute(db: Db | Tx, query: StatisticQuery): Promise<number>;
  /**
   * The records behind the figure, newest first, at most `limit` (the drill-down of a target bound
   * to it): what the count counts. Absent: the statistic offers no drill-down.
   */
  records?(db: Db | Tx, query: StatisticQuery, limit: number): Promise<StatisticRecord[]>;
}

/** One record behind a statistic: what it is (no identifiers), its day, and the page that shows it. */
export interface StatisticRecord {
  label: string;
  date: string;
  link: string | null;
}

export interface ModuleManifest {
  /** The folder's name under src/modules (or `workflows`). */
  name: string;
  label: Text;
  /** Permissions the module's routes need (besides `public` and `authenticated`), with the roles that hold them. */
  permissions?: readonly PermissionDeclaration[];
  /** Registers the module's HTTP routes (each states its `config.permission`). */
  routes?: (app: AppInstance) => void;
  events?: {
    /** The events this module emits (their payload types are in its `*.events.ts`). */
    emits?: readonly EventName[];
    /** Other modules' events this module reacts to. */
    handles?: readonly EventSubscription[];
  };
  jobs?: readonly JobDefinition[];
  dailyJobs?: readonly DailyJobDefinition[];
  notificationKinds?: readonly NotificationKindDeclaration[];
  /**
   * The folder of the module's SQL migrations (platform/migrator.ts applies every module's in one
   * global order; a test checks that the folders declared here are the folders it finds).
   */
  migrations?: URL;
  /** Reference data every installation needs (run on start, before demo data). */
  ensureReferenceData?: (db: Db) => Promise<void>;
  /** Demo data (only when config.demo is set; never in production), in list order; tuned by `deps.config` (e.g. demoPublicityDays). */
  seedDemo?: (deps: AppDeps) => Promise<unknown>;
  statistics?: readonly StatisticDefinition[];
  /** The module's public directories in the site-wide search (platform/search.ts), one per kind of row. */
  searchSources?: readonly SearchSource[];
  /** The verified facts the module keeps from its records, with what each value rests on (platform/fact-basis.ts). */
  factBases?: readonly FactBasisSource[];
}

/** The checked union of every manifest: what the app builds from. */
export interface ModuleCatalogue {
  readonly manifests: readonly ModuleManifest[];
  /** Every declared permission, `public` and `authenticated` included. */
  readonly permissions: ReadonlySet<Permission>;
  /** The permissions each government role brings. */
  readonly rolePermissions: ReadonlyMap<GovernmentRole, readonly Permission[]>;
  /** The permissions platform administration brings. */
  readonly administration: readonly Permission[];
  /** The permissions no person holds: machine clients' routes, each checked by its scope. */
  readonly machine: readonly Permission[];
  readonly events: ReadonlySet<EventName>;
  readonly notificationKinds: readonly NotificationKindDeclaration[];
  readonly jobKinds: ReadonlySet<JobKind>;
  readonly statistics: ReadonlyMap<string, StatisticDefinition>;
  /** Every module's search sources, in their `order`. */
  readonly searchSources: readonly SearchSource[];
  /** Every module's fact bases (one module per variable). */
  readonly factBases: readonly FactBasisSource[];
}

/** Thrown when the manifests contradict each other or themselves: the app does not start. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(`模块清单有误 / Module manifests: ${message}`);
    this.name = 'ManifestError';
  }
}

function unique<T>(what: string, entries: [T, string][]): Set<T> {
  const seen = new Map<T, string>();
  for (const [name, module] of entries) {
    const first = seen.get(name);
    if (first !== undefined) throw new ManifestError(`${what} "${String(name)}" is declared by ${first === module ? `${module} twice` : `both ${first} and ${module}`}`);
    seen.set(name, module);
  }
  return new Set(seen.keys());
}

/** Checks the manifests against each other and gathers what the app needs from them. */
export function assembleModules(manifests: readonly ModuleManifest[]): ModuleCatalogue {
  unique('module', manifests.map((m) => [m.name, m.name]));
  const declared = manifests.flatMap((m) => (m.permissions ?? []).map((p) => ({ ...p, module: m.name })));
  const permissions = unique<Permission>('permission', [['public', 'platform'], ['authenticated', 'platform'], ...declared.map((p): [Permission, string] => [p.name, p.module])]);
  const rolePermissions = new Map<GovernmentRole, Permission[]>(GOVERNMENT_ROLES.map((r) => [r, []]));
  const administration: Permission[] = [];
  const machine: Permission[] = [];
  for (const p of declared) {
    if (p.machine && (p.roles.length > 0 || p.administrators)) throw new ManifestError(`permission "${p.name}" (${p.module}) is a machine permission: no role or administrator holds it`);
    if (p.roles.length === 0 && !p.administrators && !p.machine) throw new ManifestError(`permission "${p.name}" (${p.module}) is held by no role`);
    for (const role of p.roles) {
      const list = rolePermissions.get(role);
      if (!list) throw new ManifestError(`permission "${p.name}" (${p.module}) names the unknown role "${role}"`);
      list.push(p.name);
    }
    if (p.administrators) administration.push(p.name);
    if (p.machine) machine.push(p.name);
  }
  const events = unique<EventName>('emitted event', manifests.flatMap((m) => (m.events?.emits ?? []).map((e): [EventName, string] => [e, m.name])));
  for (const m of manifests) {
    for (const s of m.events?.handles ?? []) {
      if (!events.has(s.event)) throw new ManifestError(`${m.name} handles "${s.event}", which no module declares that it emits`);
    }
  }
  const jobKinds = unique<JobKind>('job kind', manifests.flatMap((m) => (m.jobs ?? []).map((j): [JobKind, string] => [j.kind, m.name])));
  for (const m of manifests) {
    for (const d of m.dailyJobs ?? []) if (!jobKinds.has(d.kind)) throw new ManifestError(`${m.name} queues the daily job "${d.kind}", which has no handler`);
  }
  const notificationKinds = manifests.flatMap((m) => m.notificationKinds ?? []);
  unique('notification kind', manifests.flatMap((m) => (m.notificationKinds ?? []).map((k): [string, string] => [k.kind, m.name])));
  const statisticList = manifests.flatMap((m) => m.statistics ?? []);
  unique('statistic', manifests.flatMap((m) => (m.statistics ?? []).map((s): [string, string] => [s.name, m.name])));
  unique('search source', manifests.flatMap((m) => (m.searchSources ?? []).map((s): [string, string] => [s.kind, m.name])));
  const searchSources = manifests.flatMap((m) => m.searchSources ?? []).sort((a, b) => a.order - b.order);
  unique('fact basis', manifests.flatMap((m) => (m.factBases ?? []).map((b): [string, string] => [b.variable, m.name])));
  const factBases = manifests.flatMap((m) => m.factBases ?? []);
  return {
    manifests,
    permissions,
    rolePermissions,
    administration,
    machine,
    events,
    notificationKinds,
    jobKinds,
    statistics: new Map(statisticList.map((s) => [s.name, s])),
    searchSources,
    factBases,
  };
}
