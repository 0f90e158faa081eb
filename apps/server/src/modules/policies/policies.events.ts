/** Events the policies module emits (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /**
     * A version of a benefit item became the published one (an officer published a draft). The
     * finder re-matches every registered subject against it; `previousVersion` is null for a new item.
     */
    'policy.published': { itemId: string; version: number; previousVersion: number | null; publishedBy: string | null };
  }
}
export {};
