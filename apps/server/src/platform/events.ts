import type { Tx } from './database.js';

/**
 * Typed domain events between modules. A module declares its events by augmenting
 * `DomainEvents` in its own `*.events.ts`:
 *
 *   declare module '../../platform/events.js' {
 *     interface DomainEvents { 'policy.published': { itemId: string; version: number } }
 *   }
 *
 * Handlers run inside the emitter's transaction, so the change and everything it causes in
 * other modules (a notification, a pending award) commit or roll back together. Work that must
 * outlive the request goes to a persisted job from a handler, not into the handler itself.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type EventName = keyof DomainEvents;
export type EventHandler<K extends EventName> = (trx: Tx, payload: DomainEvents[K]) => Promise<void>;

/**
 * The bus knows the events the manifests declare (`events.emits`): emitting or handling any
 * other name is refused with an error, so an undeclared event fails the first test that reaches it.
 */
export class EventBus {
  private readonly handlers = new Map<EventName, EventHandler<never>[]>();
  private readonly declared: ReadonlySet<string>;

  constructor(declared: Iterable<EventName>) {
    this.declared = new Set(declared);
  }

  private refuseUndeclared(name: string): void {
    if (!this.declared.has(name)) throw new Error(`事件未在模块清单中声明 / The event "${name}" is not declared by any module manifest (events.emits)`);
  }

  on<K extends EventName>(name: K, handler: EventHandler<K>): void {
    this.refuseUndeclared(name);
    const list = this.handlers.get(name) ?? [];
    list.push(handler as EventHandler<never>);
    this.handlers.set(name, list);
  }

  async emit<K extends EventName>(trx: Tx, name: K, payload: DomainEvents[K]): Promise<void> {
    this.refuseUndeclared(name);
    for (const handler of this.handlers.get(name) ?? []) await (handler as EventHandler<K>)(trx, payload);
  }
}
