import type { Verdict } from '@seedbed/rules';

/** Events the finder emits (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /**
     * A no-application (免申即享) item matched a registered subject, on publish or on a profile
     * change: fulfilment creates the pending award. `verdict` is the engine's explained verdict.
     * The carriers module emits it too, with `outcome`, for an item paid as soon as a verified
     * outcome meets it (即达即兑, e.g. a reward to a carrier per incubated firm listing on the
     * NEEQ): the product the award is once per, and the outcome's evidence (a file), if any (the
     * loans module's quarterly interest subsidy: the quarter is the product, the schedule its proof).
     */
    'award.pending': {
      itemId: string;
      itemVersion: number;
      subjectId: string;
      amountFen: number | null;
      evaluatedOn: string;
      verdict: Verdict;
      outcome?: { productKey: string; evidenceFileId?: string; source: string };
    };
  }
}
export {};
