import type { Db, Tx } from './database.js';

/**
 * Whether and how a policy item is applied for: online on this platform, automatically
 * (免申即享, no application), or not online (and why). Fulfilment knows (its departments, the
 * item's mode and dates); the policy library and the finder show it beside each item. A function
 * wired in app construction (like `benefitHistory`), so that neither module imports the other.
 */
export type ApplicationChannelStatus = 'online' | 'automatic' | 'offline' | 'not_started' | 'ended';

export interface ApplicationChannel {
  status: ApplicationChannelStatus;
  /** Why, as people read it: who accepts it online, or why it cannot be applied for here. */
  reason: { zh: string; en: string };
  /** The department that accepts applications online (status online), else null. */
  department: string | null;
}

/** What the channel of an item depends on (a published version's fields). */
export interface ChannelItem {
  id: string;
  mode: 'apply' | 'automatic';
  entity: string;
  leadUnit: string | null;
  regionCode: string | null;
  effective: { from: string; to: string | null };
}

export type ApplicationChannelSource = (db: Db | Tx, items: readonly ChannelItem[], today: string) => Promise<Map<string, ApplicationChannel>>;

let channelsGeneration = 0;

/**
 * What decides channels changed in this process (a department set, an organisation renamed): a
 * source that keeps what it read (fulfilment keeps the departments a few seconds, another
 * process's change is seen within that) reads afresh at once.
 */
export function applicationChannelsChanged(): void {
  channelsGeneration++;
}

/** Bumped by applicationChannelsChanged (part of a channel source's cache key). */
export function applicationChannelsGeneration(): number {
  return channelsGeneration;
}
