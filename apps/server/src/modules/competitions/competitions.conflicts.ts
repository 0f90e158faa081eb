/**
 * Conflicts of interest between a judge and an entry (pure: no I/O). A judge is excluded from
 * an entry, each time with its reason, when
 * - they work for the entrant (their employer's credit code is the entrant's), `same_organisation`;
 * - they are tied to the entrant as its legal representative, a shareholder, a director or a
 *   relative of its founder, or the entrant shares a legal representative or shareholder with
 *   their employer, as the expert pool records it, `related_enterprise`;
 * - they declared a conflict with the entry, `declared`.
 */

export type ExclusionReason = 'same_organisation' | 'related_enterprise' | 'declared';
export type TieRelation = 'legal_representative' | 'shareholder' | 'director' | 'relative' | 'employer_related';

export interface JudgeProfile {
  expertId: string;
  employerName: string;
  /** The employer's unified social credit code, when it has one (a university or an enterprise). */
  employerCreditCode: string | null;
  /** Enterprises the judge is tied to, by credit code, as the expert pool records them. */
  ties: { creditCode: string; relation: TieRelation; enterpriseName: string }[];
}

export interface EntrantProfile {
  entryId: string;
  organisationName: string;
  creditCode: string | null;
  /** Entries the judge declared a conflict with (their note). */
  declared?: ReadonlyMap<string, string>;
}

export interface Exclusion {
  expertId: string;
  entryId: string;
  reason: ExclusionReason;
  detail: { zh: string; en: string };
}

const RELATION: Record<TieRelation, { zh: string; en: string }> = {
  legal_representative: { zh: '法定代表人', en: 'legal representative' },
  shareholder: { zh: '股东', en: 'shareholder' },
  director: { zh: '董事或高管', en: 'director or officer' },
  relative: { zh: '创始人近亲属', en: "close relative of a founder" },
  employer_related: { zh: '所在单位的关联企业（同一法定代表人或股东）', en: "related to the judge's employer (same legal representative or shareholder)" },
};
export const TIE_RELATION_LABELS = RELATION;

const norm = (code: string | null) => (code ? code.trim().toUpperCase() : null);

/** The exclusions of one judge from one entry: every reason that applies, in the order above. */
export function exclusionsOf(judge: JudgeProfile, entrant: EntrantProfile, declaredNote?: string): Exclusion[] {
  const out: Exclusion[] = [];
  const code = norm(entrant.creditCode);
  if (code !== null && norm(judge.employerCreditCode) === code)
    out.push({
      expertId: judge.expertId,
      entryId: entrant.entryId,
      reason: 'same_organisation',
      detail: { zh: `评委任职于参赛单位“${entrant.organisationName}”`, en: `The judge works for the entrant, ${entrant.organisationName}` },
    });
  if (code !== null) {
    const tie = judge.ties.find((t) => norm(t.creditCode) === code);
    if (tie)
      out.push({
        expertId: judge.expertId,
        entryId: entrant.entryId,
        reason: 'related_enterprise',
        detail: { zh: `评委与参赛单位“${entrant.organisationName}”存在关联：${RELATION[tie.relation].zh}`, en: `The judge is tied to the entrant, ${entrant.organisationName}: ${RELATION[tie.relation].en}` },
      });
  }
  if (declaredNote !== undefined)
    out.push({
      expertId: judge.expertId,
      entryId: entrant.entryId,
      reason: 'declared',
      detail: { zh: `评委声明利益冲突：${declaredNote}`, en: `The judge declared a conflict of interest: ${declaredNote}` },
    });
  return out;
}

/** Every exclusion of a panel from a round's entries. */
export function panelExclusions(judges: readonly JudgeProfile[], entrants: readonly EntrantProfile[]): Exclusion[] {
  return judges.flatMap((j) => entrants.flatMap((e) => exclusionsOf(j, e, e.declared?.get(j.expertId))));
}
