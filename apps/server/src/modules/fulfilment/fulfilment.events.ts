import type { Verdict } from '@seedbed/rules';

/** Events fulfilment emits and the one it listens to (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /**
     * From the finder: a no-application-needed (免申即享) item a subject qualifies for; from the
     * carriers, with `outcome`: an item a verified outcome meets (即达即兑), per product, with evidence.
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
    /** An application or pending award was approved (批复) for an amount, committed to the budget. */
    'award.approved': { applicationId: string; itemId: string; subjectId: string; approvedFen: number };
    /** An award was paid (拨付). */
    'award.paid': { applicationId: string; itemId: string; subjectId: string; amountFen: number; /** The product of a once-per-product award (e.g. a loan's quarter), or null. */ productKey: string | null };
    /** An application changed stage; notifications tell the applicant. */
    'application.stage_changed': {
      applicationId: string;
      subjectId: string;
      from: string;
      to: string;
      reason: string | null;
    };
  }
}
export {};
