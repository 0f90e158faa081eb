/** The only SQL on the loans tables (and reads of the core tables for names). */
import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { LoanRequestsTable, LoanSubsidiesTable, LoansTables } from './loans.tables.js';

const t = (db: Db | Tx) => tablesOf<LoansTables>(db);

export type LoanRow = Selectable<LoanRequestsTable> & { borrower_name: string; borrower_kind: string; bank_name: string | null };
export type SubsidyRow = Selectable<LoanSubsidiesTable>;

export async function loans(db: Db | Tx, f: { ids?: readonly string[]; subjectIds?: readonly string[]; regionPrefixes?: readonly string[]; bankOrgIds?: readonly string[]; statuses?: readonly string[] }): Promise<LoanRow[]> {
  const r = await sql<LoanRow>`
    SELECT l.*, l.start_on::text AS start_on, l.defaulted_on::text AS defaulted_on, s.name AS borrower_name, s.kind AS borrower_kind, o.name AS bank_name
      FROM loan_requests l JOIN subjects s ON s.id = l.subject_id LEFT JOIN identity_organisations o ON o.id = l.bank_org_id
     WHERE (${f.ids ? sql`l.id = ANY(${[...f.ids]}::uuid[])` : sql`true`})
       AND (${f.subjectIds ? sql`l.subject_id = ANY(${[...f.subjectIds]}::uuid[])` : sql`true`})
       AND (${f.bankOrgIds ? sql`l.bank_org_id = ANY(${[...f.bankOrgIds]}::uuid[])` : sql`true`})
       AND (${f.statuses ? sql`l.status = ANY(${[...f.statuses]}::text[])` : sql`true`})
       AND (${f.regionPrefixes ? sql`l.region_code LIKE ANY(${f.regionPrefixes.map((p) => p + '%')}::text[])` : sql`true`})
     ORDER BY l.created_at DESC`.execute(db);
  return r.rows.map((row) => ({ ...row, amount_fen: Number(row.amount_fen), principal_fen: row.principal_fen === null ? null : Number(row.principal_fen), default_loss_fen: row.default_loss_fen === null ? null : Number(row.default_loss_fen) }));
}

export const lockLoan = (trx: Tx, id: string) => sql`SELECT id FROM loan_requests WHERE id = ${id} FOR UPDATE`.execute(trx);

export async function insertLoan(trx: Tx, row: Insertable<LoanRequestsTable>): Promise<string> {
  return (await t(trx).insertInto('loan_requests').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateLoan(trx: Tx, id: string, set: Partial<Selectable<LoanRequestsTable>>): Promise<void> {
  await t(trx).updateTable('loan_requests').set(set).where('id', '=', id).execute();
}

export async function prepaymentsOf(db: Db | Tx, loanId: string) {
  const rows = await t(db).selectFrom('loan_prepayments').select(['after_period', 'principal_fen']).where('loan_id', '=', loanId).orderBy('after_period').execute();
  return rows.map((r) => ({ afterPeriod: r.after_period, principalFen: Number(r.principal_fen) }));
}

export async function insertPrepayment(trx: Tx, row: Insertable<LoansTables['loan_prepayments']>): Promise<void> {
  await t(trx).insertInto('loan_prepayments').values(row).execute();
}

export async function subsidiesOf(db: Db | Tx, loanIds: readonly string[]): Promise<SubsidyRow[]> {
  if (loanIds.length === 0) return [];
  const rows = await t(db).selectFrom('loan_subsidies').selectAll().where('loan_id', 'in', [...loanIds]).orderBy('year').orderBy('quarter').execute();
  return rows.map((r) => ({ ...r, subsidy_fen: Number(r.subsidy_fen), paid_fen: r.paid_fen === null ? null : Number(r.paid_fen) }));
}

/** Inserts a quarter's subsidy unless it is there: true when this call wrote it. */
export async function insertSubsidy(trx: Tx, row: Insertable<LoanSubsidiesTable>): Promise<boolean> {
  const r = await t(trx).insertInto('loan_subsidies').values(row).onConflict((oc) => oc.columns(['loan_id', 'year', 'quarter']).doNothing()).returning('loan_id').executeTakeFirst();
  return r !== undefined;
}

/** The oldest pending subsidy of a subject under an item, locked. */
/** The pending subsidy of a subject's loans under an item: of the quarter given, or the oldest. */
export async function pendingSubsidy(trx: Tx, subjectId: string, itemId: string, of: { year: number; quarter: number } | null) {
  const r = await sql<SubsidyRow & { region_code: string }>`
    SELECT x.*, l.region_code FROM loan_subsidies x JOIN loan_requests l ON l.id = x.loan_id
     WHERE l.subject_id = ${subjectId} AND l.subsidy_item_id = ${itemId} AND x.status = 'pending'
       ${of ? sql`AND x.year = ${of.year} AND x.quarter = ${of.quarter}` : sql``}
     ORDER BY x.year, x.quarter LIMIT 1 FOR UPDATE OF x`.execute(trx);
  return r.rows[0];
}

export async function markSubsidyPaid(trx: Tx, loanId: string, year: number, quarter: number, paidFen: number, shares: number[], at: Date): Promise<void> {
  await t(trx).updateTable('loan_subsidies').set({ status: 'paid', paid_fen: paidFen, shares_fen: shares, paid_at: at }).where('loan_id', '=', loanId).where('year', '=', year).where('quarter', '=', quarter).execute();
}

export async function ruleOf(db: Db | Tx, itemId: string, year: number) {
  return t(db).selectFrom('loan_subsidy_rules').selectAll().where('item_id', '=', itemId).where('year', '=', year).executeTakeFirst();
}

export async function rulesOf(db: Db | Tx, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return t(db).selectFrom('loan_subsidy_rules').selectAll().where('item_id', 'in', [...itemIds]).orderBy('year', 'desc').execute();
}

export async function upsertRule(trx: Tx, row: Insertable<LoansTables['loan_subsidy_rules']>): Promise<void> {
  await t(trx)
    .insertInto('loan_subsidy_rules')
    .values(row)
    .onConflict((oc) => oc.columns(['item_id', 'year']).doUpdateSet({ rate_cap_bp: row.rate_cap_bp ?? null, share_bp: row.share_bp, weights: row.weights, set_by: row.set_by ?? null, set_at: row.set_at }))
    .execute();
}

export async function accountFor(db: Db | Tx, regionCode: string, purpose: string): Promise<string | undefined> {
  return (await t(db).selectFrom('loan_accounts').select('account_id').where('region_code', '=', regionCode).where('purpose', '=', purpose).executeTakeFirst())?.account_id;
}

/** The regions that have a reserve account, by code. */
export async function reserveRegions(db: Db | Tx): Promise<string[]> {
  return (await t(db).selectFrom('loan_accounts').select('region_code').where('purpose', '=', 'reserve').orderBy('region_code').execute()).map((r) => r.region_code);
}

export async function insertAccount(trx: Tx, regionCode: string, purpose: string, accountId: string): Promise<void> {
  await t(trx).insertInto('loan_accounts').values({ region_code: regionCode, purpose, account_id: accountId }).execute();
}

export async function personSubjectOf(db: Db | Tx, userId: string): Promise<{ id: string; name: string } | undefined> {
  return (await sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE user_id = ${userId} AND kind = 'person' LIMIT 1`.execute(db)).rows[0];
}

export async function banksIn(db: Db | Tx, prefix: string): Promise<{ id: string; name: string }[]> {
  return (await sql<{ id: string; name: string }>`SELECT id, name FROM identity_organisations WHERE kind = 'financial_institution' AND region_code LIKE ${prefix + '%'} ORDER BY name`.execute(db)).rows;
}
