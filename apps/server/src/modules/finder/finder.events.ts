import type { Verdict } from '@seedbed/rules';

/** Events the finder emits (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /**
     * A no-application (免申即享) item matched a registered subject, on publish or on a profile
     * change: fulfilment creates the pending award. `verdict` is the engine's explained verdict.
     */
    'award.pending': { itemId: string; itemVersion: number; subjectId: string; amountFen: number | null; evaluatedOn: string; verdict: Verdict };
  }
}
export {};
