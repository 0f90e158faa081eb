/**
 * A carrier's annual statistics (火炬统计 shape): tenants, firms ever entered and graduates are
 * computed from the tenancy records; jobs, revenue, R&D, IP and investment are what the carrier
 * files. Cross-field checks name their rule; the science bureau (carriers.recognise over the
 * carrier's region) accepts or returns with a reason; officials export a year as .xlsx.
 */
import { sql, type Selectable } from 'kysely';
import ExcelJS from 'exceljs';
import { CARRIER_KIND_LABELS, type AnnualBody, type AnnualReport, type AnnualReviewBody, type FieldError } from '@seedbed/contract';
import { inRegionSubtree } from '@seedbed/rules/regions';
import { mayAccess, membershipsGranting, requireAccess, type Principal } from '../../platform/access.js';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { regionDisplayName } from '../regions/index.js';
import * as repo from './carriers.repository.js';
import type { CarrierAnnualReportsTable, CarrierAnnualTables } from './carriers.tables.js';
import type { CarriersDeps } from './carriers.service.js';

const t = (db: Db | Tx) => tablesOf<CarrierAnnualTables>(db);
type Row = Selectable<CarrierAnnualReportsTable>;
const CARRIER = { zh: '该双创载体', en: 'Carrier' };

/** From the records: firms staying at some time in the year, ever entered by its end, graduating within it. */
async function computed(db: Db | Tx, carrierId: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const r = await sql<{ tenants: number; tenants_ever: number; graduates: number }>`
    SELECT count(DISTINCT subject_id) FILTER (WHERE entered_on <= ${to}::date AND (left_on IS NULL OR left_on > ${from}::date))::int AS tenants,
           count(DISTINCT subject_id) FILTER (WHERE entered_on <= ${to}::date)::int AS tenants_ever,
           count(*) FILTER (WHERE exit = 'graduated' AND left_on BETWEEN ${from}::date AND ${to}::date)::int AS graduates
      FROM carrier_tenancies WHERE carrier_id = ${carrierId}`.execute(db);
  const row = r.rows[0];
  return { tenants: row?.tenants ?? 0, tenantsEver: row?.tenants_ever ?? 0, graduates: row?.graduates ?? 0 };
}

const reportOf = (db: Db | Tx, carrierId: string, year: number) => t(db).selectFrom('carrier_annual_reports').selectAll().where('carrier_id', '=', carrierId).where('year', '=', year).executeTakeFirst();

const filedOut = (r: Row): NonNullable<AnnualReport['filed']> => ({
  tenants: r.tenants,
  tenantsEver: r.tenants_ever,
  graduates: r.graduates,
  jobs: r.jobs,
  revenueFen: Number(r.revenue_fen),
  rdFen: Number(r.rd_fen),
  ipCount: r.ip_count,
  investmentFen: Number(r.investment_fen),
  status: r.status,
  returnReason: r.return_reason,
  filedAt: instantOut(r.filed_at),
});

const isOperator = (principal: Principal, organisationId: string) => principal.memberships.some((m) => m.organisationKind === 'carrier_operator' && m.organisationId === organisationId);

export async function annualReport(deps: CarriersDeps, principal: Principal, carrierId: string, year: number): Promise<AnnualReport> {
  const carrier = await repo.carrierById(deps.db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  const operator = isOperator(principal, carrier.organisation_id);
  const reviewer = mayAccess(principal, 'carriers.recognise', { regionCode: carrier.region_code });
  if (!operator && !reviewer) throw forbidden('只有载体运营机构和主管部门可以查看年度统计', "Only the carrier's operator and the departments covering it may see its annual statistics");
  const filed = await reportOf(deps.db, carrierId, year);
  return {
    carrierId,
    carrierName: carrier.name,
    year,
    computed: await computed(deps.db, carrierId, year),
    filed: filed ? filedOut(filed) : null,
    mayFile: operator && (!filed || filed.status === 'returned'),
    mayReview: reviewer && filed?.status === 'filed',
  };
}

/** The carrier files (or, once returned, refiles) a year's statistics. */
export async function fileAnnual(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, year: number, body: AnnualBody): Promise<AnnualReport> {
  const carrier = await repo.carrierById(deps.db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  if (!isOperator(principal, carrier.organisation_id)) throw forbidden('只有该载体的运营机构人员可以报送年度统计', "Only the carrier's operator may file its annual statistics");
  const thisYear = Number(deps.clock.today().slice(0, 4));
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCarrier(trx, carrierId);
    const c = await computed(trx, carrierId, year);
    const errors: FieldError[] = [];
    if (year > thisYear) errors.push(fieldError('year', 'not_future', '不能报送未来年度的统计', 'must not be a future year'));
    if (body.jobs < c.tenants)
      errors.push(fieldError('jobs', 'jobs_at_least_tenants', `在孵企业从业人员数不应少于在孵企业数（${c.tenants}家，每家至少1人）`, `must be at least the number of tenants (${c.tenants}; each employs at least one person)`));
    if (body.rdFen > 0 && c.tenants === 0) errors.push(fieldError('rdFen', 'tenants_for_rd', '年内没有在孵企业，研发投入应为0', 'with no tenant in the year, R&D spending must be 0'));
    if (body.revenueFen > 0 && c.tenants === 0) errors.push(fieldError('revenueFen', 'tenants_for_revenue', '年内没有在孵企业，营业收入应为0', 'with no tenant in the year, revenue must be 0'));
    if (errors.length > 0) throw invalid(errors);
    const existing = await reportOf(trx, carrierId, year);
    if (existing && existing.status !== 'returned')
      throw conflict('ANNUAL_FILED', '该年度统计已报送', "This year's statistics are already filed", [fieldError('year', 'once', existing.status === 'accepted' ? '该年度统计已审核通过' : '该年度统计已报送，待审核', existing.status === 'accepted' ? 'has been accepted' : 'is filed and awaiting review')]);
    const values = {
      tenants: c.tenants,
      tenants_ever: c.tenantsEver,
      graduates: c.graduates,
      jobs: body.jobs,
      revenue_fen: body.revenueFen,
      rd_fen: body.rdFen,
      ip_count: body.ipCount,
      investment_fen: body.investmentFen,
      status: 'filed' as const,
      return_reason: null,
      filed_by: principal.userId,
      filed_at: deps.clock.now(),
      reviewed_by: null,
      reviewed_at: null,
    };
    if (existing) await t(trx).updateTable('carrier_annual_reports').set(values).where('id', '=', existing.id).execute();
    else await t(trx).insertInto('carrier_annual_reports').values({ carrier_id: carrierId, year, ...values }).execute();
    await record(trx, deps.clock, ctx, { action: 'carrier.annual_filed', entityType: 'carrier', entityId: carrierId, data: { year, ...c, jobs: body.jobs } });
  });
  return annualReport(deps, principal, carrierId, year);
}

export async function reviewAnnual(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, year: number, body: AnnualReviewBody): Promise<AnnualReport> {
  const carrier = await repo.carrierById(deps.db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  requireAccess({ principal, permission: 'carriers.recognise', regionCode: carrier.region_code }, { zh: '只有主管该载体所在地区的部门可以审核', en: "Only a department covering the carrier's region may review its statistics" });
  const reason = body.reason?.trim() ?? '';
  if (body.decision === 'return' && reason === '') throw invalid([fieldError('reason', 'required', '退回应说明理由', 'a return must give its reason')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCarrier(trx, carrierId);
    const existing = await reportOf(trx, carrierId, year);
    if (!existing) throw notFound({ zh: '该年度统计', en: "The year's statistics" });
    if (existing.status !== 'filed') throw conflict('ANNUAL_NOT_FILED', '该年度统计不在待审核状态', "The year's statistics are not awaiting review");
    await t(trx)
      .updateTable('carrier_annual_reports')
      .set({ status: body.decision === 'accept' ? 'accepted' : 'returned', return_reason: body.decision === 'accept' ? null : reason, reviewed_by: principal.userId, reviewed_at: deps.clock.now() })
      .where('id', '=', existing.id)
      .execute();
    await record(trx, deps.clock, ctx, { action: body.decision === 'accept' ? 'carrier.annual_accepted' : 'carrier.annual_returned', entityType: 'carrier', entityId: carrierId, data: { year, reason: body.decision === 'accept' ? null : reason } });
  });
  return annualReport(deps, principal, carrierId, year);
}

/** A year's statistics of every carrier in the regions the principal's departments cover, as .xlsx. */
export async function annualXlsx(deps: CarriersDeps, principal: Principal, year: number): Promise<Buffer> {
  const regions = membershipsGranting(principal, 'carriers.recognise').map((m) => m.regionCode);
  if (regions.length === 0) throw forbidden();
  const carriers = (await repo.searchCarriers(deps.db, { today: deps.clock.today() })).filter((c) => regions.some((r) => inRegionSubtree(c.region_code, r)));
  const reports = new Map(
    (carriers.length ? await t(deps.db).selectFrom('carrier_annual_reports').selectAll().where('year', '=', year).where('carrier_id', 'in', carriers.map((c) => c.id)).execute() : []).map((r) => [r.carrier_id, r]),
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const ws = wb.addWorksheet(`${year}`);
  const columns: [string, number][] = [
    ['载体 Carrier', 30], ['类型 Kind', 14], ['区县 District', 16], ['在孵企业 Tenants', 12], ['累计入驻 Ever entered', 12], ['毕业企业 Graduates', 12],
    ['从业人员 Jobs', 12], ['营业收入（元）Revenue (yuan)', 18], ['研发投入（元）R&D (yuan)', 18], ['知识产权 IP', 10], ['获得投资（元）Investment (yuan)', 18], ['状态 Status', 16],
  ];
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = `${year}年双创载体年度统计 / Carriers' annual statistics ${year}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getRow(2).values = columns.map(([h]) => h);
  ws.getRow(2).font = { bold: true };
  columns.forEach(([, w], i) => (ws.getColumn(i + 1).width = w));
  const STATUS = { filed: '待审核 Filed', accepted: '已通过 Accepted', returned: '已退回 Returned' } as const;
  let row = 3;
  for (const c of carriers) {
    const r = reports.get(c.id);
    const live = r ? null : await computed(deps.db, c.id, year);
    ws.getRow(row++).values = [
      c.name,
      CARRIER_KIND_LABELS[c.kind].zh,
      regionDisplayName(c.region_code) ?? c.region_code,
      r ? r.tenants : live!.tenants,
      r ? r.tenants_ever : live!.tenantsEver,
      r ? r.graduates : live!.graduates,
      r ? r.jobs : null,
      r ? Number(r.revenue_fen) / 100 : null,
      r ? Number(r.rd_fen) / 100 : null,
      r ? r.ip_count : null,
      r ? Number(r.investment_fen) / 100 : null,
      r ? STATUS[r.status] : '未报送 Not filed',
    ];
  }
  for (const col of [8, 9, 11]) ws.getColumn(col).numFmt = '#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
