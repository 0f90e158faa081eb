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

export class EventBus {
  private readonly handlers = new Map<EventName, EventHandler<never>[]>();

  on<K extends EventName>(name: K, handler: EventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as EventHandler<never>);
    this.handlers.set(name, list);
  }

  async emit<K extends EventName>(trx: Tx, name: K, payload: DomainEvents[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await (handler as EventHandler<K>)(trx, payload);
  }
}
