import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { StatisticDefinition } from '../../platform/module.js';
import { asNumber, inPeriod, inRegion } from '../../platform/statistics.js';
import type { Status } from './workflow.js';

export const fulfilmentStatistics: StatisticDefinition[] = [
  {
    name: 'fulfilment.applications_submitted', public: true,
    label: { zh: '提交的兑现申请', en: 'Applications submitted' },
    unit: { zh: '件', en: 'applications' },
    // Applications only: pending awards of no-application items (免申即享) are nobody's submission.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM fulfilment_applications
                                    WHERE origin = 'application' AND ${inRegion('region_code', q)} AND ${inPeriod('created_at', q)}`.execute(db)
        ).rows[0]?.n,
      ),
    records: async (db, q, limit) =>
      (
        await sql<{ reference: string; title: string; day: string }>`
          SELECT reference, item_title->>'zh' AS title, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
            FROM fulfilment_applications
           WHERE origin = 'application' AND ${inRegion('region_code', q)} AND ${inPeriod('created_at', q)}
           ORDER BY created_at DESC, reference LIMIT ${limit}`.execute(db)
      ).rows.map((r) => ({ label: `${r.reference} ${r.title}`, date: r.day, link: null })),
  },
  {
    name: 'fulfilment.approved_fen', public: true,
    label: { zh: '批复兑现金额', en: 'Amount approved' },
    unit: { zh: '分', en: 'fen' },
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string | null }>`SELECT sum(approved_fen) AS n FROM fulfilment_applications
                                           WHERE approved_on BETWEEN ${q.from}::date AND ${q.to}::date AND ${inRegion('region_code', q)}`.execute(db)
        ).rows[0]?.n,
      ),
  },
  {
    name: 'fulfilment.applications_decided', public: true,
    label: { zh: '办结的兑现申请', en: 'Applications decided' },
    unit: { zh: '件', en: 'applications' },
    // Decided in the period: approved (the approval date) or not supported (the day of the decision); applications and pending awards alike.
    compute: async (db, q) =>
      asNumber(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM fulfilment_applications
                                    WHERE ${inRegion('region_code', q)}
                                      AND ((approved_on BETWEEN ${q.from}::date AND ${q.to}::date) OR (status = 'rejected' AND ${inPeriod('updated_at', q)}))`.execute(db)
        ).rows[0]?.n,
      ),
  },
];

// ---------------------------------------------------------------- the programme office's dashboard

/**
 * Where and when the dashboard looks: applications of items inside `scopeRegion` (the office's
 * subtree), whose applicant is in `regionCode` (the region chosen, a district or the whole
 * subtree; an applicant without a region counts where the item is), over calendar days
 * `from`–`to` in Asia/Shanghai.
 */
export interface DashboardScope {
  scopeRegion: string;
  regionCode: string;
  from: string;
  to: string;
}

const prefixOf = (code: string) => (code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code);

const inScope = (q: DashboardScope) =>
  sql<boolean>`a.region_code LIKE ${`${prefixOf(q.scopeRegion)}%`} AND coalesce(s.region_code, a.region_code) LIKE ${`${prefixOf(q.regionCode)}%`}`;
const submittedIn = (q: DashboardScope) => sql<boolean>`(a.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date`;

/** Applications submitted in the period (pending awards included), by current status. */
export async function applicationsByStatus(db: Db | Tx, q: DashboardScope): Promise<{ status: Status; n: number }[]> {
  const r = await sql<{ status: Status; n: string }>`SELECT a.status, count(*) AS n FROM fulfilment_applications a LEFT JOIN subjects s ON s.id = a.subject_id
                                                       WHERE ${inScope(q)} AND ${submittedIn(q)} GROUP BY a.status`.execute(db);
  return r.rows.map((x) => ({ status: x.status, n: asNumber(x.n) }));
}

/** Applications submitted in the period by lead department: all, and those not yet ended. */
export async function applicationsByDepartment(db: Db | Tx, q: DashboardScope): Promise<{ departmentId: string; name: string; n: number; open: number }[]> {
  const r = await sql<{ department_id: string; name: string; n: string; open: string }>`
    SELECT a.department_id, o.name, count(*) AS n, count(*) FILTER (WHERE a.status NOT IN ('withdrawn','rejected','closed')) AS open
      FROM fulfilment_applications a JOIN identity_organisations o ON o.id = a.department_id LEFT JOIN subjects s ON s.id = a.subject_id
     WHERE ${inScope(q)} AND ${submittedIn(q)}
     GROUP BY a.department_id, o.name ORDER BY count(*) DESC, o.name`.execute(db);
  return r.rows.map((x) => ({ departmentId: x.department_id, name: x.name, n: asNumber(x.n), open: asNumber(x.open) }));
}

/** Applications at each active stage whose deadline has passed (today, whatever the period). */
export async function overdueByStage(db: Db | Tx, q: Omit<DashboardScope, 'from' | 'to'>, today: string): Promise<{ status: Status; n: number }[]> {
  const r = await sql<{ status: Status; n: string }>`SELECT a.status, count(*) AS n FROM fulfilment_applications a LEFT JOIN subjects s ON s.id = a.subject_id
                                                       WHERE ${inScope({ ...q, from: today, to: today })} AND a.stage_due_on < ${today}::date
                                                         AND a.status IN ('acceptance','first_review','expert_review','approval','payment')
                                                       GROUP BY a.status`.execute(db);
  return r.rows.map((x) => ({ status: x.status, n: asNumber(x.n) }));
}

/**
 * Each stay of an application in a status that ended within the period, from the application's
 * audit entries (an entry with a `to` starts a stay, the application's next such entry ends it).
 */
export async function stageStays(db: Db | Tx, q: DashboardScope): Promise<{ applicationId: string; status: Status; enteredAt: Date; leftAt: Date }[]> {
  const r = await sql<{ application_id: string; status: Status; entered_at: Date; left_at: Date }>`
    WITH e AS (
      SELECT l.entity_id AS application_id, l.data->>'to' AS status, l.at AS entered_at,
             lead(l.at) OVER (PARTITION BY l.entity_id ORDER BY l.id) AS left_at
        FROM audit_log l
       WHERE l.entity_type = 'application' AND l.data->>'to' IS NOT NULL
    )
    SELECT e.application_id, e.status, e.entered_at, e.left_at
      FROM e JOIN fulfilment_applications a ON a.id::text = e.application_id LEFT JOIN subjects s ON s.id = a.subject_id
     WHERE e.left_at IS NOT NULL AND ${inScope(q)}
       AND (e.left_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date
     ORDER BY e.application_id, e.entered_at`.execute(db);
  return r.rows.map((x) => ({ applicationId: x.application_id, status: x.status, enteredAt: new Date(x.entered_at), leftAt: new Date(x.left_at) }));
}

/** Who has applied online for what (any time, any status): pairs of item and subject. */
export async function appliedPairs(db: Db | Tx, q: Omit<DashboardScope, 'from' | 'to'>): Promise<{ itemId: string; subjectId: string }[]> {
  const r = await sql<{ item_id: string; subject_id: string }>`SELECT DISTINCT a.item_id, a.subject_id FROM fulfilment_applications a LEFT JOIN subjects s ON s.id = a.subject_id
                                                               WHERE a.origin = 'application' AND ${inScope({ ...q, from: '', to: '' })}`.execute(db);
  return r.rows.map((x) => ({ itemId: x.item_id, subjectId: x.subject_id }));
}

export interface DashboardApplicationRow {
  id: string;
  reference: string;
  subjectName: string;
  itemTitle: { zh: string; en: string };
  department: string;
  status: Status;
  submittedOn: string;
  stageDueOn: string | null;
  amountFen: number | null;
  approvedFen: number | null;
}

/** The applications behind a bar: submitted in the period (or, with `overdueOn`, overdue that day), optionally of one status, department or item. */
export async function dashboardApplications(
  db: Db | Tx,
  q: DashboardScope,
  f: { status?: Status | undefined; departmentId?: string | undefined; itemId?: string | undefined; overdueOn?: string | undefined; ids?: readonly string[] | undefined },
): Promise<DashboardApplicationRow[]> {
  const when = f.overdueOn ? sql<boolean>`a.stage_due_on < ${f.overdueOn}::date` : f.ids ? sql<boolean>`true` : submittedIn(q);
  if (f.ids && f.ids.length === 0) return [];
  const r = await sql<{
    id: string;
    reference: string;
    subject_name: string;
    item_title: { zh: string; en: string };
    department: string;
    status: Status;
    submitted_on: string;
    stage_due_on: string | null;
    amount_fen: string | null;
    approved_fen: string | null;
  }>`SELECT a.id, a.reference, a.subject_name, a.item_title, o.name AS department, a.status,
            to_char((a.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS submitted_on,
            to_char(a.stage_due_on, 'YYYY-MM-DD') AS stage_due_on, a.amount_fen, a.approved_fen
       FROM fulfilment_applications a JOIN identity_organisations o ON o.id = a.department_id LEFT JOIN subjects s ON s.id = a.subject_id
      WHERE ${inScope(q)} AND ${when}
        ${f.status ? sql`AND a.status = ${f.status}` : sql``}
        ${f.departmentId ? sql`AND a.department_id::text = ${f.departmentId}` : sql``}
        ${f.itemId ? sql`AND a.item_id = ${f.itemId}` : sql``}
        ${f.ids ? sql`AND a.id::text = ANY(${[...f.ids]}::text[])` : sql``}
      ORDER BY a.created_at DESC LIMIT 5000`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    reference: x.reference,
    subjectName: x.subject_name,
    itemTitle: typeof x.item_title === 'string' ? (JSON.parse(x.item_title) as { zh: string; en: string }) : x.item_title,
    department: x.department,
    status: x.status,
    submittedOn: x.submitted_on,
    stageDueOn: x.stage_due_on,
    amountFen: x.amount_fen === null ? null : asNumber(x.amount_fen),
    approvedFen: x.approved_fen === null ? null : asNumber(x.approved_fen),
  }));
}

/** Applications by human name for the audit log: "南宁某某科技有限公司 的 工业新产品补助 申请". */
export async function applicationNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, { zh: string; en: string }>> {
  const wanted = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return new Map();
  const r = await sql<{ id: string; subject_name: string; item_title: { zh: string; en: string } | string }>`
    SELECT id, subject_name, item_title FROM fulfilment_applications WHERE id::text = ANY(${wanted}::text[])`.execute(db);
  return new Map(
    r.rows.map((x) => {
      const title = typeof x.item_title === 'string' ? (JSON.parse(x.item_title) as { zh: string; en: string }) : x.item_title;
      return [x.id, { zh: `${x.subject_name} 的 ${title.zh} 申请`, en: `the application of ${x.subject_name} for ${title.en}` }];
    }),
  );
}
