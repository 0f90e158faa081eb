import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticQuery } from '../../platform/module.js';
import { inRegion } from '../../platform/statistics.js';

/**
 * A loan's district: where its borrower is registered (the enterprise's registration, the person's
 * region) when that lies inside the loan's region, else the loan's region (a city's item). So a
 * district office sees the loans of its borrowers, and a city's figures are unchanged.
 */
export const LOAN_DISTRICT = sql<string>`(CASE WHEN b.region_code LIKE (CASE WHEN l.region_code LIKE '%0000' THEN left(l.region_code, 2) WHEN l.region_code LIKE '%00' THEN left(l.region_code, 4) ELSE l.region_code END) || '%' THEN b.region_code ELSE l.region_code END)`;
/** The tables LOAN_DISTRICT reads: the loan `l` and its borrower `b`. */
export const LOANS_WITH_BORROWER = sql`loan_requests l JOIN subjects b ON b.id = l.subject_id`;

export interface LoanFigures {
  /** A bank (organisation id) or a district (region code), its name left to the reader for districts. */
  key: string;
  name: string;
  loans: number;
  principalFen: number;
  subsidyFen: number;
}

/**
 * The guaranteed loans of a region and period broken down by lending bank and by district (the
 * borrower's, LOAN_DISTRICT), on the
 * same definitions as the declared statistics: a loan counts when granted with its start in the
 * period (`loans.granted`, `loans.granted_amount`), a subsidy when computed in the period
 * (`loans.subsidies_computed`); so each breakdown adds up to those statistics.
 */
export async function loanFigures(db: Db | Tx, q: StatisticQuery): Promise<{ byBank: LoanFigures[]; byDistrict: LoanFigures[] }> {
  const rows = await sql<{ bank_id: string; bank: string; region_code: string; loans: number; principal_fen: string; subsidy_fen: string }>`
    WITH granted AS (
      SELECT bank_org_id, region_code, count(*)::int AS loans, sum(principal_fen) AS principal_fen
        FROM (SELECT l.bank_org_id, ${LOAN_DISTRICT} AS region_code, l.principal_fen, l.granted_at, l.start_on FROM ${LOANS_WITH_BORROWER}) l
       WHERE ${inRegion('l.region_code', q)} AND l.granted_at IS NOT NULL AND l.start_on BETWEEN ${q.from}::date AND ${q.to}::date
       GROUP BY bank_org_id, region_code
    ), subsidised AS (
      SELECT l.bank_org_id, l.region_code, sum(x.subsidy_fen) AS subsidy_fen
        FROM loan_subsidies x JOIN (SELECT l.id, l.bank_org_id, ${LOAN_DISTRICT} AS region_code FROM ${LOANS_WITH_BORROWER}) l ON l.id = x.loan_id
       WHERE ${inRegion('l.region_code', q)} AND (x.computed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date
       GROUP BY l.bank_org_id, l.region_code
    )
    SELECT coalesce(g.bank_org_id, s.bank_org_id) AS bank_id, o.name AS bank, coalesce(g.region_code, s.region_code) AS region_code,
           coalesce(g.loans, 0) AS loans, coalesce(g.principal_fen, 0) AS principal_fen, coalesce(s.subsidy_fen, 0) AS subsidy_fen
      FROM granted g FULL JOIN subsidised s ON s.bank_org_id = g.bank_org_id AND s.region_code = g.region_code
      JOIN identity_organisations o ON o.id = coalesce(g.bank_org_id, s.bank_org_id)`.execute(db);
  const group = (key: (r: (typeof rows.rows)[number]) => string, name: (r: (typeof rows.rows)[number]) => string) => {
    const by = new Map<string, LoanFigures>();
    for (const r of rows.rows) {
      const k = key(r);
      const x = by.get(k) ?? { key: k, name: name(r), loans: 0, principalFen: 0, subsidyFen: 0 };
      x.loans += Number(r.loans);
      x.principalFen += Number(r.principal_fen);
      x.subsidyFen += Number(r.subsidy_fen);
      by.set(k, x);
    }
    return [...by.values()].sort((a, b) => b.principalFen - a.principalFen || a.key.localeCompare(b.key));
  };
  return { byBank: group((r) => r.bank_id, (r) => r.bank), byDistrict: group((r) => r.region_code, () => '') };
}
