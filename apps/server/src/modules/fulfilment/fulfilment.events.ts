import type { Verdict } from '@seedbed/rules';

/** Events fulfilment emits and the one it listens to (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** From the finder: a no-application-needed (免申即享) item a subject qualifies for. */
    'award.pending': {
      itemId: string;
      itemVersion: number;
      subjectId: string;
      amountFen: number | null;
      evaluatedOn: string;
      verdict: Verdict;
    };
    /** An application or pending award was approved (批复) for an amount, committed to the budget. */
    'award.approved': { applicationId: string; itemId: string; subjectId: string; approvedFen: number };
    /** An award was paid (拨付). */
    'award.paid': { applicationId: string; itemId: string; subjectId: string; amountFen: number };
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
