/** Which refusal cites a credit record, and which records it cites (pure: unit-tested). */
import type { MyCreditView } from '@seedbed/contract';

export const SERIOUS_VIOLATION_VARIABLE = 'on_serious_violation_list';

/** A failing criterion that read the enterprise's serious-violation status as true. */
export const refusedForSeriousViolation = (c: { status: string; values?: Readonly<Record<string, unknown>> }): boolean =>
  c.status === 'fail' && c.values?.[SERIOUS_VIOLATION_VARIABLE] === true;

export interface Citation {
  key: string;
  subjectName: string;
  sourceName: string;
  decisionNumber: string;
  decidedOn: string;
  publishedUntil: string | null;
  mayApplyForRepair: boolean;
}

/** The records that put the enterprises the person acts for on the list today, newest decision first. */
export function gatingCitations(view: MyCreditView | undefined): Citation[] {
  return (view?.subjects ?? []).flatMap((s) =>
    s.records
      .filter((r) => r.gates)
      .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn))
      .map((r) => ({ key: r.id, subjectName: s.name, sourceName: r.sourceName, decisionNumber: r.decisionNumber, decidedOn: r.decidedOn, publishedUntil: r.publishedUntil, mayApplyForRepair: r.mayApplyForRepair })),
  );
}
