/**
 * Training's use cases: providers (organisations of kind service_provider) publish courses with
 * their sessions and the catalogue's training-subsidy item whose standard applies; persons enrol
 * up to the capacity (the database's rule); the provider records attendance per session and
 * closes the course: a trainee present for at least 80% of the hours completes it, and the
 * completion becomes verified facts on the trainee's profile (`attended_startup_training`, and
 * the assessed subsidy `startup_training_subsidy_due`) through the subjects module, in the same
 * transaction. From there the catalogue item's own path applies: the trainee qualifies and applies
 * once through fulfilment, or a 免申即享 item becomes a pending award. Six months after completion
 * a follow-up (created by a daily job) records whether the trainee started a business or found work.
 */
import {
  COMPLETION_SHARE,
  COURSE_KIND_LABELS,
  isCalendarDate,
  type AttendanceBody,
  type CourseBody,
  type CoursePage,
  type CourseQuery,
  type CourseSummary,
  type FieldError,
  type FollowUp,
  type FollowUpBody,
  type MyEnrolment,
  type RosterEntry,
  type SubsidyItem,
} from '@seedbed/contract';
import { itemReads } from '@seedbed/rules';
import { inRegionSubtree } from '@seedbed/rules/regions';
import { membershipsGranting, mayAccess, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { currentRules, itemTitles, regionPrefix } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { recordFacts } from '../subjects/index.js';
import * as repo from './training.repository.js';

export type TrainingDeps = Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'events' | 'config'>;

/** The profile fact a completion proves, and the subsidy it carries (catalog/variables.yaml). */
export const TRAINED = 'attended_startup_training';
export const SUBSIDY_DUE = 'startup_training_subsidy_due';
const SOURCE = { source: 'registry:training', verified: true };
const COURSE = { zh: '该培训班', en: 'Course' };

const providerMemberships = (p: Principal) => p.memberships.filter((m) => m.organisationKind === 'service_provider');
const runs = (p: Principal | undefined, organisationId: string) => p !== undefined && providerMemberships(p).some((m) => m.organisationId === organisationId);
const oversees = (p: Principal | undefined, regionCode: string) => p !== undefined && mayAccess(p, 'training.oversee', { regionCode });

// ---------------------------------------------------------------- the catalogue's training-subsidy items

/** Items in force today that read the training fact: the standards a course may name. */
export async function subsidyItems(db: Db | Tx, today: string): Promise<SubsidyItem[]> {
  const catalog = await currentRules(db);
  const items = [...catalog.items.values()].filter(
    (i) => itemReads(i.spec).includes(TRAINED) && i.spec.effective.from <= today && (i.spec.effective.to == null || i.spec.effective.to >= today),
  );
  return items
    .map((i) => ({ id: i.id, title: { zh: i.spec.title.zh, en: i.spec.title.en }, regionCode: i.spec.region ?? null, regionName: i.spec.region ? (regionDisplayName(i.spec.region) ?? '') : '', mode: i.spec.mode }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------- courses

async function summaries(db: Db | Tx, rows: repo.CourseRow[], today: string): Promise<CourseSummary[]> {
  const titles = await itemTitles(db, rows.map((r) => r.item_id));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    providerName: r.provider_name,
    regionCode: r.region_code,
    regionName: regionDisplayName(r.region_code) ?? r.region_code,
    place: r.place,
    online: r.online,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    hours: r.hours,
    capacity: r.capacity,
    enrolled: r.enrolled,
    withdrawn: r.withdrawn,
    itemTitle: titles.get(r.item_id) ? { zh: titles.get(r.item_id)!.zh, en: titles.get(r.item_id)!.en } : { zh: r.item_id, en: r.item_id },
    subsidyFen: r.subsidy_fen,
    open: r.completed_at === null && r.enrolled < r.capacity && r.ends_on >= today,
    completedAt: r.completed_at ? instantOut(r.completed_at) : null,
  }));
}

export async function listCourses(deps: TrainingDeps, q: CourseQuery): Promise<CourseSummary[]> {
  return summaries(deps.db, await repo.courses(deps.db, { regionPrefix: q.region ? regionPrefix(q.region) : null }), deps.clock.today());
}

/** The courses the principal's provider organisations run. */
export async function myCourses(deps: TrainingDeps, principal: Principal): Promise<CourseSummary[]> {
  const mine = providerMemberships(principal).map((m) => m.organisationId);
  if (mine.length === 0) return [];
  return summaries(deps.db, await repo.courses(deps.db, { organisationIds: mine }), deps.clock.today());
}

async function courseRow(db: Db | Tx, id: string): Promise<repo.CourseRow> {
  const [row] = await repo.courses(db, { ids: [id] });
  if (!row) throw notFound(COURSE);
  return row;
}

function myEnrolmentOut(e: repo.EnrolmentRow, c: repo.CourseRow, titles: Map<string, { zh: string; en: string }>, followUp: MyEnrolment['followUp']): MyEnrolment {
  const title = titles.get(c.item_id);
  return {
    id: e.id,
    courseId: c.id,
    courseTitle: c.title,
    providerName: c.provider_name,
    status: e.status,
    attendedHours: e.attended_hours,
    hours: c.hours,
    completedOn: e.completed_on,
    itemId: c.item_id,
    itemTitle: title ? { zh: title.zh, en: title.en } : { zh: c.item_id, en: c.item_id },
    subsidyFen: c.subsidy_fen,
    followUp,
  };
}

export async function coursePage(deps: TrainingDeps, principal: Principal | undefined, id: string): Promise<CoursePage> {
  const today = deps.clock.today();
  const row = await courseRow(deps.db, id);
  const [summary] = await summaries(deps.db, [row], today);
  const person = principal ? await repo.personSubjectOf(deps.db, principal.userId) : undefined;
  const mine = person ? (await repo.enrolmentsOfSubjects(deps.db, [person.id])).find((e) => e.course_id === id) : undefined;
  const titles = await itemTitles(deps.db, [row.item_id]);
  return {
    ...summary!,
    sessions: (await repo.sessionsOf(deps.db, id)).map((s) => ({ id: s.id, heldOn: s.held_on, hours: s.hours, topic: s.topic, recorded: s.recorded })),
    mayManage: runs(principal, row.organisation_id),
    mayEnrol: person !== undefined && (mine === undefined || mine.status === 'withdrawn') && summary!.open,
    mayWithdraw: mine?.status === 'enrolled' && row.completed_at === null && today < row.starts_on,
    mine: mine ? myEnrolmentOut(mine, row, titles, null) : null,
  };
}

export async function createCourse(deps: TrainingDeps, principal: Principal, ctx: AuditContext, body: CourseBody): Promise<CoursePage> {
  const provider = providerMemberships(principal)[0];
  if (!provider) throw forbidden('只有培训机构（服务机构）可以开设培训班', 'Only a training provider may open a course');
  const today = deps.clock.today();
  const errors: FieldError[] = [];
  const title = body.title.trim();
  if (title.length < 2) errors.push(fieldError('title', 'required', '应填写培训班名称', 'must name the course'));
  if (!body.online && body.place.trim().length < 2) errors.push(fieldError('place', 'required_offline', '线下培训应填写培训地点', 'a course held in person must give its place'));
  const level = await repo.regionLevel(deps.db, body.regionCode);
  if (level === undefined) errors.push(fieldError('regionCode', 'known_region', '不是有效的行政区划', 'is not a current region'));
  else if (level !== 3) errors.push(fieldError('regionCode', 'district', '应选择培训所在的区县', 'must be the district the course is held in'));
  const items = await subsidyItems(deps.db, today);
  const item = items.find((i) => i.id === body.itemId);
  if (!item) errors.push(fieldError('itemId', 'training_subsidy_item', '应选择现行有效的创业培训补贴事项', 'must be a training-subsidy item in force'));
  else if (item.regionCode !== null && !inRegionSubtree(body.regionCode, item.regionCode))
    errors.push(fieldError('itemId', 'item_covers_region', '该补贴事项不适用于培训所在地区', "the item does not apply in the course's region"));
  const days = new Set<string>();
  body.sessions.forEach((s, i) => {
    if (!isCalendarDate(s.heldOn)) errors.push(fieldError(`sessions/${i}/heldOn`, 'format:date', '应为有效日期', 'must be a real date'));
    if (days.has(s.heldOn)) errors.push(fieldError(`sessions/${i}/heldOn`, 'one_a_day', '同一天只能安排一次课', 'one session a day'));
    days.add(s.heldOn);
    if (s.topic.trim().length < 2) errors.push(fieldError(`sessions/${i}/topic`, 'required', '应填写课程内容', 'must give the topic'));
  });
  if (errors.length > 0) throw invalid(errors);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertCourse(trx, {
      organisation_id: provider.organisationId,
      title,
      kind: body.kind,
      region_code: body.regionCode,
      place: body.online ? body.place.trim() : body.place.trim(),
      online: body.online,
      capacity: body.capacity,
      item_id: body.itemId,
      subsidy_fen: body.subsidyFen,
      completed_at: null,
      created_by: principal.userId,
      created_at: deps.clock.now(),
    });
    await repo.insertSessions(trx, id, body.sessions.map((s) => ({ held_on: s.heldOn, hours: s.hours, topic: s.topic.trim() })));
    await record(trx, deps.clock, ctx, { action: 'training.course_opened', entityType: 'training_course', entityId: id, data: { title, kind: body.kind, label: COURSE_KIND_LABELS[body.kind].zh, capacity: body.capacity, itemId: body.itemId } });
    return id;
  });
  return coursePage(deps, principal, id);
}

// ---------------------------------------------------------------- enrolment

const FULL = () => conflict('COURSE_FULL', '该培训班名额已满', 'The course is full', [fieldError('courseId', 'capacity', '报名人数已达培训班容量', 'the course has reached its capacity')]);
const isCheck = (e: unknown, constraint: string) =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23514' && JSON.stringify((e as { constraint?: unknown; message?: unknown }).constraint ?? (e as { message?: unknown }).message ?? '').includes(constraint);
const isUnique = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

export async function enrol(deps: TrainingDeps, principal: Principal, ctx: AuditContext, courseId: string): Promise<CoursePage> {
  const person = await repo.personSubjectOf(deps.db, principal.userId);
  if (!person) throw forbidden('只有个人用户可以报名参加培训', 'Only a person may enrol in a course');
  const row = await courseRow(deps.db, courseId);
  const today = deps.clock.today();
  if (row.completed_at !== null || row.ends_on < today)
    throw conflict('COURSE_ENDED', '该培训班已结束，不能报名', 'The course has ended', [fieldError('courseId', 'open', '培训班已结束', 'the course has ended')]);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const before = (await repo.enrolmentsOfSubjects(trx, [person.id])).find((e) => e.course_id === courseId);
      let id: string;
      if (before?.status === 'withdrawn') {
        // Enrolling again after a withdrawal: the same row, back under the capacity.
        await repo.reEnrol(trx, before.id, deps.clock.now());
        id = before.id;
      } else id = await repo.insertEnrolment(trx, { course_id: courseId, subject_id: person.id, user_id: principal.userId, status: 'enrolled', enrolled_at: deps.clock.now(), completed_on: null });
      await record(trx, deps.clock, ctx, { action: 'training.enrolled', entityType: 'training_course', entityId: courseId, data: { enrolmentId: id, subjectId: person.id, again: before?.status === 'withdrawn' } });
    });
  } catch (e) {
    if (isCheck(e, 'training_courses_capacity')) throw FULL();
    if (isUnique(e)) throw conflict('ALREADY_ENROLLED', '您已报名该培训班', 'You are already enrolled', [fieldError('courseId', 'once', '每人只能报名一次', 'one enrolment a person')]);
    throw e;
  }
  return coursePage(deps, principal, courseId);
}

/**
 * The trainee withdraws before the course starts (before its first session's day): the seat is
 * freed by the count trigger, the provider sees the withdrawal on the roster. From the first
 * session's day on, a withdrawal is refused (409): attendance decides completion from then.
 */
export async function withdraw(deps: TrainingDeps, principal: Principal, ctx: AuditContext, courseId: string): Promise<CoursePage> {
  const person = await repo.personSubjectOf(deps.db, principal.userId);
  if (!person) throw forbidden('只有个人用户可以退出培训报名', 'Only a person may withdraw from a course');
  const row = await courseRow(deps.db, courseId);
  const notEnrolled = () => conflict('NOT_ENROLLED', '您没有报名该培训班', 'You are not enrolled in this course', [fieldError('courseId', 'enrolled', '没有在学的报名可退出', 'no live enrolment to withdraw')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCourse(trx, courseId);
    const mine = (await repo.enrolmentsOfSubjects(trx, [person.id])).find((e) => e.course_id === courseId);
    if (!mine || mine.status !== 'enrolled') throw notEnrolled();
    const today = deps.clock.today();
    if (row.completed_at !== null || today >= row.starts_on)
      throw conflict('COURSE_STARTED', `培训班已于${row.starts_on}开课，开课后不能退出报名`, `The course started on ${row.starts_on}: a trainee withdraws only before the start`, [
        fieldError('courseId', 'before_start', `只能在开课日（${row.starts_on}）之前退出报名`, `a withdrawal is possible only before the first session (${row.starts_on})`),
      ]);
    await repo.withdrawEnrolment(trx, mine.id, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'training.withdrawn', entityType: 'training_course', entityId: courseId, data: { enrolmentId: mine.id, subjectId: person.id, startsOn: row.starts_on } });
  });
  return coursePage(deps, principal, courseId);
}

// ---------------------------------------------------------------- roster and attendance (the provider)

async function courseForProvider(db: Db | Tx, principal: Principal, courseId: string): Promise<repo.CourseRow> {
  const row = await courseRow(db, courseId);
  if (!runs(principal, row.organisation_id)) throw forbidden('只有开设该培训班的培训机构可以办理此事项', 'Only the provider running the course may do this');
  return row;
}

export async function roster(deps: TrainingDeps, principal: Principal, courseId: string): Promise<RosterEntry[]> {
  const row = await courseRow(deps.db, courseId);
  if (!runs(principal, row.organisation_id) && !oversees(principal, row.region_code))
    throw forbidden('只有培训机构和主管部门可以查看学员名单', 'Only the provider and the departments covering the course may see its trainees');
  const present = await repo.presentAt(deps.db, courseId);
  return (await repo.enrolmentsOf(deps.db, courseId)).map((e) => ({
    id: e.id,
    traineeName: e.trainee_name,
    status: e.status,
    present: present.filter((p) => p.enrolment_id === e.id).map((p) => p.session_id),
    attendedHours: e.attended_hours,
    completedOn: e.completed_on,
    withdrawnAt: e.withdrawn_at ? instantOut(e.withdrawn_at) : null,
  }));
}

export async function recordAttendance(deps: TrainingDeps, principal: Principal, ctx: AuditContext, courseId: string, sessionId: string, body: AttendanceBody): Promise<RosterEntry[]> {
  const row = await courseForProvider(deps.db, principal, courseId);
  const session = (await repo.sessionsOf(deps.db, courseId)).find((s) => s.id === sessionId);
  if (!session) throw notFound({ zh: '该课次', en: 'Session' });
  if (row.completed_at !== null) throw conflict('COURSE_COMPLETED', '培训班已结业，考勤不能再修改', 'The course is closed: its attendance is final', [fieldError('present', 'open_course', '培训班已结业', 'the course is closed')]);
  if (session.held_on > deps.clock.today()) throw invalid([fieldError('present', 'session_held', '课次尚未举行，不能登记考勤', 'the session has not been held yet')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCourse(trx, courseId);
    const live = (await repo.enrolmentsOf(trx, courseId)).filter((e) => e.status === 'enrolled');
    const liveIds = new Set(live.map((e) => e.id));
    const unknown = body.present.filter((id) => !liveIds.has(id));
    if (unknown.length > 0) throw invalid([fieldError('present', 'enrolled_trainee', '名单中有不是本班在学学员的人', 'lists someone not enrolled in the course')]);
    const present = new Set(body.present);
    await repo.writeAttendance(trx, sessionId, live.map((e) => ({ enrolment_id: e.id, present: present.has(e.id) })), principal.userId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'training.attendance_recorded', entityType: 'training_course', entityId: courseId, data: { sessionId, heldOn: session.held_on, present: body.present.length, of: live.length } });
  });
  return roster(deps, principal, courseId);
}

/**
 * Closes the course after its last session, every session's attendance recorded: each trainee
 * present for at least 80% of the hours completes it, and their profile gets the verified facts.
 */
export async function completeCourse(deps: TrainingDeps, principal: Principal, ctx: AuditContext, courseId: string): Promise<RosterEntry[]> {
  const row = await courseForProvider(deps.db, principal, courseId);
  const today = deps.clock.today();
  if (row.completed_at !== null) throw conflict('COURSE_COMPLETED', '培训班已结业', 'The course is already closed');
  if (row.ends_on > today) throw invalid([fieldError('courseId', 'after_last_session', `最后一次课（${row.ends_on}）之后才能结业`, `the course closes after its last session (${row.ends_on})`)]);
  const sessions = await repo.sessionsOf(deps.db, courseId);
  const missing = sessions.filter((s) => !s.recorded);
  if (missing.length > 0)
    throw invalid([fieldError('sessions', 'attendance_recorded', `尚有课次未登记考勤：${missing.map((s) => s.held_on).join('、')}`, `attendance is not recorded for: ${missing.map((s) => s.held_on).join(', ')}`)]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCourse(trx, courseId);
    const completed: string[] = [];
    for (const e of await repo.enrolmentsOf(trx, courseId)) {
      if (e.status !== 'enrolled') continue;
      const passed = row.hours > 0 && e.attended_hours >= COMPLETION_SHARE * row.hours;
      await repo.setEnrolmentStatus(trx, e.id, passed ? 'completed' : 'not_completed', passed ? today : null);
      if (passed) {
        completed.push(e.id);
        await recordFacts(trx, deps, ctx, e.subject_id, { facts: { [TRAINED]: true, [SUBSIDY_DUE]: row.subsidy_fen } }, SOURCE);
      }
    }
    await repo.markCompleted(trx, courseId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'training.course_completed', entityType: 'training_course', entityId: courseId, data: { completed, threshold: COMPLETION_SHARE } });
  });
  return roster(deps, principal, courseId);
}

// ---------------------------------------------------------------- the trainee

export async function myEnrolments(deps: TrainingDeps, principal: Principal): Promise<MyEnrolment[]> {
  const person = await repo.personSubjectOf(deps.db, principal.userId);
  if (!person) return [];
  const rows = await repo.enrolmentsOfSubjects(deps.db, [person.id]);
  const courses = new Map((await repo.courses(deps.db, { ids: [...new Set(rows.map((r) => r.course_id))] })).map((c) => [c.id, c]));
  const titles = await itemTitles(deps.db, [...courses.values()].map((c) => c.item_id));
  const out: MyEnrolment[] = [];
  for (const e of rows) {
    const c = courses.get(e.course_id);
    if (!c) continue;
    const f = e.status === 'completed' ? (await repo.followUps(deps.db, { enrolmentId: e.id, organisationIds: [c.organisation_id] }))[0] : undefined;
    out.push(myEnrolmentOut(e, c, titles, f?.outcome ?? null));
  }
  return out;
}

/** What the certificate prints, for the trainee, the provider, or the departments covering the course. */
export async function certificateOf(deps: TrainingDeps, principal: Principal, enrolmentId: string) {
  const e = await repo.enrolmentById(deps.db, enrolmentId);
  if (!e) throw notFound({ zh: '该培训记录', en: 'Enrolment' });
  const c = await courseRow(deps.db, e.course_id);
  if (e.user_id !== principal.userId && !runs(principal, c.organisation_id) && !oversees(principal, c.region_code))
    throw forbidden('只有学员本人、培训机构和主管部门可以打印结业证书', 'Only the trainee, the provider and the departments covering the course may print the certificate');
  if (e.status !== 'completed' || e.completed_on === null)
    throw conflict('NOT_COMPLETED', '尚未结业，没有结业证书', 'The trainee has not completed the course', [fieldError('enrolmentId', 'completed', '未结业', 'not completed')]);
  return { trainee: e.trainee_name, course: c, attendedHours: e.attended_hours, completedOn: e.completed_on, number: `${e.completed_on.replaceAll('-', '')}-${e.id.slice(0, 8).toUpperCase()}` };
}

// ---------------------------------------------------------------- follow-ups

/** The daily job: completions six months old get their follow-up. */
export async function createFollowUps(deps: Pick<AppDeps, 'db'>, day: string): Promise<number> {
  return deps.db.transaction().execute((trx) => repo.createDueFollowUps(trx, day));
}

const followUpOut = (r: repo.FollowUpRow): FollowUp => ({
  enrolmentId: r.enrolment_id,
  traineeName: r.trainee_name,
  courseTitle: r.course_title,
  providerName: r.provider_name,
  completedOn: r.completed_on,
  dueOn: r.due_on,
  outcome: r.outcome,
  recordedAt: r.recorded_at ? instantOut(r.recorded_at) : null,
});

/** The follow-ups the principal answers: its provider's trainees, or the regions its departments oversee. */
export async function listFollowUps(deps: TrainingDeps, principal: Principal): Promise<FollowUp[]> {
  const organisationIds = providerMemberships(principal).map((m) => m.organisationId);
  const regionPrefixes = membershipsGranting(principal, 'training.oversee').map((m) => regionPrefix(m.regionCode));
  return (await repo.followUps(deps.db, { organisationIds, regionPrefixes })).map(followUpOut);
}

export async function answerFollowUp(deps: TrainingDeps, principal: Principal, ctx: AuditContext, enrolmentId: string, body: FollowUpBody): Promise<FollowUp[]> {
  const [row] = await repo.followUps(deps.db, { enrolmentId, organisationIds: providerMemberships(principal).map((m) => m.organisationId), regionPrefixes: membershipsGranting(principal, 'training.oversee').map((m) => regionPrefix(m.regionCode)) });
  if (!row) throw notFound({ zh: '该回访', en: 'Follow-up' });
  await deps.db.transaction().execute(async (trx) => {
    await repo.recordFollowUp(trx, enrolmentId, body.outcome, body.note.trim(), principal.userId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'training.follow_up_recorded', entityType: 'training_enrolment', entityId: enrolmentId, data: { outcome: body.outcome } });
  });
  return listFollowUps(deps, principal);
}
