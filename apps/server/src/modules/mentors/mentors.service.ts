/**
 * Mentors' use cases: the library (entered by the programme office, linked to the mentor's own
 * account when there is one); suggestions for a founder's need, scored in the open (expertise,
 * industry, region, load: each term with its points and its reason); a founder's request, the
 * mentor's answer; sessions booked by either side and confirmed by both with a short record (a
 * session counts only then); ratings by either side; ending a pairing; the office's view of
 * each mentor's confirmed sessions against the yearly commitment.
 */
import {
  MENTOR_FIELD_LABELS,
  MENTOR_INDUSTRY_LABELS,
  isCalendarDate,
  type Commitment,
  type DecideBody,
  type EndBody,
  type FieldError,
  type ManagedMentor,
  type Mentor,
  type MentorBody,
  type MentorField,
  type NeedBody,
  type Pairing,
  type PairingBody,
  type MentorRateBody,
  type SessionBookBody,
  type SessionConfirmBody,
  type Suggestion,
} from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { regionPrefix } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { listMine } from '../subjects/index.js';
import * as repo from './mentors.repository.js';

export type MentorsDeps = Pick<AppDeps, 'db' | 'clock'>;
const PAIRING = { zh: '该辅导关系', en: 'Pairing' };

const mentorOut = (m: repo.MentorRow): Mentor => ({
  id: m.id,
  name: m.name,
  organisation: m.organisation,
  title: m.title,
  regionCode: m.region_code,
  regionName: regionDisplayName(m.region_code) ?? m.region_code,
  fields: m.fields,
  industries: m.industries,
  availability: m.availability,
  yearlySessions: m.yearly_sessions,
  bio: m.bio,
  activePairings: m.active_pairings,
  rating: m.rating === null ? null : Math.round(m.rating * 10) / 10,
  hasAccount: m.user_id !== null,
});

export async function listMentors(deps: MentorsDeps): Promise<Mentor[]> {
  return (await repo.mentors(deps.db)).map(mentorOut);
}

const officeRegions = (p: Principal) => membershipsGranting(p, 'mentors.manage').map((m) => regionPrefix(m.regionCode));

/** The office's checks of a mentor's record: its region within the office's, a known account. */
async function checkMentorBody(deps: MentorsDeps, principal: Principal, body: MentorBody): Promise<{ userId: string | null }> {
  const regions = officeRegions(principal);
  const errors: FieldError[] = [];
  if (!regions.some((r) => body.regionCode.startsWith(r))) errors.push(fieldError('regionCode', 'office_region', '只能登记本辖区的导师', "must lie in the region your office covers"));
  if (body.name.trim().length < 2) errors.push(fieldError('name', 'required', '应填写导师姓名（至少2个字）', "must give the mentor's name (at least 2 characters)"));
  if (body.organisation.trim().length < 2) errors.push(fieldError('organisation', 'required', '应填写导师所在单位（至少2个字）', "must give the mentor's organisation (at least 2 characters)"));
  if (body.availability.trim().length < 2) errors.push(fieldError('availability', 'required', '应填写可辅导时间（至少2个字）', 'must say when the mentor is available (at least 2 characters)'));
  let userId: string | null = null;
  if (body.username !== undefined && body.username.trim() !== '') {
    const user = await repo.userNamed(deps.db, body.username.trim());
    if (!user) errors.push(fieldError('username', 'known_account', '没有这个用户名的账号', 'no account has this username'));
    else userId = user.id;
  }
  if (errors.length > 0) throw invalid(errors);
  return { userId };
}

const ALREADY_MENTOR = () => conflict('MENTOR_EXISTS', '该账号已是导师', 'This account is already a mentor', [fieldError('username', 'unique', '该账号已关联另一位导师', 'is linked to another mentor already')]);

const mentorColumns = (body: MentorBody, userId: string | null) => ({
  user_id: userId,
  name: body.name.trim(),
  organisation: body.organisation.trim(),
  title: body.title.trim(),
  region_code: body.regionCode,
  fields: body.fields,
  industries: body.industries,
  availability: body.availability.trim(),
  yearly_sessions: body.yearlySessions,
  bio: body.bio.trim(),
});

export async function addMentor(deps: MentorsDeps, principal: Principal, ctx: AuditContext, body: MentorBody): Promise<Mentor> {
  const { userId } = await checkMentorBody(deps, principal, body);
  const id = await deps.db.transaction().execute(async (trx) => {
    if (userId !== null && (await repo.mentors(trx, { userId })).length > 0) throw ALREADY_MENTOR();
    const id = await repo.insertMentor(trx, { ...mentorColumns(body, userId), created_by: principal.userId, created_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'mentor.added', entityType: 'mentor', entityId: id, data: { name: body.name, fields: body.fields, yearlySessions: body.yearlySessions } });
    return id;
  });
  return mentorOut((await repo.mentors(deps.db, { ids: [id] }))[0]!);
}

const MENTOR = { zh: '该导师', en: 'Mentor' };

/** The mentors of the regions the office covers, with the linked account's username (for editing). */
export async function managedMentors(deps: MentorsDeps, principal: Principal): Promise<ManagedMentor[]> {
  return (await repo.mentors(deps.db, { regionPrefixes: officeRegions(principal) })).map((m) => ({ ...mentorOut(m), username: m.username }));
}

/**
 * The office corrects a mentor of its region. The linked account changes only while the mentor
 * has no live request or pairing (the account is who answers them).
 */
export async function updateMentor(deps: MentorsDeps, principal: Principal, ctx: AuditContext, id: string, body: MentorBody): Promise<ManagedMentor> {
  const regions = officeRegions(principal);
  const [before] = await repo.mentors(deps.db, { ids: [id], regionPrefixes: regions });
  if (!before) throw notFound(MENTOR);
  const { userId } = await checkMentorBody(deps, principal, body);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockMentor(trx, id);
    const [now] = await repo.mentors(trx, { ids: [id] });
    if (!now) throw notFound(MENTOR);
    if (userId !== now.user_id) {
      if (now.active_pairings > 0)
        throw conflict('MENTOR_LIVE_PAIRINGS', '导师有待答复或进行中的辅导，不能更换关联账号', 'The mentor has live requests or pairings: the linked account cannot change', [
          fieldError('username', 'no_live_pairings', `导师有${now.active_pairings}个待答复或进行中的辅导，结束后才能更换关联账号`, `the mentor has ${now.active_pairings} live request(s) or pairing(s); change the account once they end`),
        ]);
      if (userId !== null && (await repo.mentors(trx, { userId })).some((m) => m.id !== id)) throw ALREADY_MENTOR();
    }
    await repo.updateMentor(trx, id, mentorColumns(body, userId));
    await record(trx, deps.clock, ctx, { action: 'mentor.updated', entityType: 'mentor', entityId: id, data: { name: body.name.trim(), fields: body.fields, yearlySessions: body.yearlySessions, accountChanged: userId !== now.user_id } });
  });
  const [after] = await repo.mentors(deps.db, { ids: [id] });
  return { ...mentorOut(after!), username: after!.username };
}

// ---------------------------------------------------------------- the score

const POINTS = { field: 10, industry: 6, district: 4, city: 2, load: -2 } as const;
const fieldNames = (fields: readonly MentorField[], lang: 'zh' | 'en') => fields.map((f) => MENTOR_FIELD_LABELS[f][lang]).join(lang === 'zh' ? '、' : ', ');

/** The score of one mentor for a need: each term with its points and why. */
export function score(m: Pick<repo.MentorRow, 'fields' | 'industries' | 'region_code' | 'active_pairings'>, need: NeedBody): { score: number; terms: Suggestion['terms'] } {
  const terms: Suggestion['terms'] = [];
  const shared = need.fields.filter((f) => m.fields.includes(f));
  if (shared.length > 0)
    terms.push({ points: POINTS.field * shared.length, reason: { zh: `擅长您需要的${shared.length}个领域：${fieldNames(shared, 'zh')}（每个${POINTS.field}分）`, en: `Covers ${shared.length} of your fields: ${fieldNames(shared, 'en')} (${POINTS.field} each)` } });
  if (need.industry !== null && m.industries.includes(need.industry))
    terms.push({ points: POINTS.industry, reason: { zh: `熟悉${MENTOR_INDUSTRY_LABELS[need.industry].zh}`, en: `Knows ${MENTOR_INDUSTRY_LABELS[need.industry].en.toLowerCase()}` } });
  if (need.regionCode !== null) {
    if (m.region_code === need.regionCode) terms.push({ points: POINTS.district, reason: { zh: '与您同在一个区县，便于面谈', en: 'In your district: easy to meet' } });
    else if (m.region_code.slice(0, 4) === need.regionCode.slice(0, 4)) terms.push({ points: POINTS.city, reason: { zh: '与您同在一个城市', en: 'In your city' } });
  }
  if (m.active_pairings > 0)
    terms.push({ points: POINTS.load * m.active_pairings, reason: { zh: `正在辅导或待答复${m.active_pairings}位创业者（每位${POINTS.load}分）`, en: `Already mentoring or asked by ${m.active_pairings} founder(s) (${POINTS.load} each)` } });
  return { score: terms.reduce((s, x) => s + x.points, 0), terms };
}

/** The best matches for a need: mentors covering at least one of its fields, best score first. */
export async function suggest(deps: MentorsDeps, need: NeedBody): Promise<Suggestion[]> {
  const rows = await repo.mentors(deps.db);
  return rows
    .filter((m) => need.fields.some((f) => m.fields.includes(f)))
    .map((m) => ({ mentor: mentorOut(m), ...score(m, need) }))
    .sort((a, b) => b.score - a.score || a.mentor.name.localeCompare(b.mentor.name, 'zh'))
    .slice(0, 5);
}

// ---------------------------------------------------------------- pairings

async function sideOf(deps: MentorsDeps, principal: Principal, p: repo.PairingRow): Promise<'mentor' | 'founder' | null> {
  if (p.mentor_user_id === principal.userId) return 'mentor';
  if ((await listMine(deps.db, principal)).some((s) => s.id === p.subject_id)) return 'founder';
  return null;
}

async function pairingsOut(deps: MentorsDeps, principal: Principal, rows: repo.PairingRow[]): Promise<Pairing[]> {
  const sessions = await repo.sessionsOf(deps.db, rows.map((r) => r.id));
  const ratings = await repo.ratingsOf(deps.db, rows.map((r) => r.id));
  const out: Pairing[] = [];
  for (const p of rows) {
    const side = await sideOf(deps, principal, p);
    if (!side) continue;
    const other = side === 'mentor' ? 'founder' : 'mentor';
    out.push({
      id: p.id,
      side,
      mentorName: p.mentor_name,
      founderName: p.founder_name,
      need: p.need,
      fields: p.fields,
      status: p.status,
      score: p.score,
      terms: (typeof p.terms === 'string' ? JSON.parse(p.terms) : p.terms) as Pairing['terms'],
      requestedAt: instantOut(p.created_at),
      endReason: p.end_reason,
      sessions: sessions
        .filter((s) => s.pairing_id === p.id)
        .map((s) => ({
          id: s.id,
          heldOn: s.held_on,
          mode: s.mode,
          place: s.place,
          mentorRecord: s.mentor_record,
          founderRecord: s.founder_record,
          mentorConfirmedAt: s.mentor_confirmed_at ? instantOut(s.mentor_confirmed_at) : null,
          founderConfirmedAt: s.founder_confirmed_at ? instantOut(s.founder_confirmed_at) : null,
          confirmed: s.mentor_confirmed_at !== null && s.founder_confirmed_at !== null,
        })),
      myRating: ratings.find((r) => r.pairing_id === p.id && r.side === side)?.stars ?? null,
      theirRating: ratings.find((r) => r.pairing_id === p.id && r.side === other)?.stars ?? null,
    });
  }
  return out;
}

export async function myPairings(deps: MentorsDeps, principal: Principal): Promise<Pairing[]> {
  const subjects = (await listMine(deps.db, principal)).map((s) => s.id);
  return pairingsOut(deps, principal, await repo.pairingsFor(deps.db, { userId: principal.userId, subjectIds: subjects }));
}

async function onePairing(deps: MentorsDeps, principal: Principal, id: string): Promise<Pairing> {
  const row = await repo.pairingById(deps.db, id);
  if (!row) throw notFound(PAIRING);
  const [out] = await pairingsOut(deps, principal, [row]);
  if (!out) throw notFound(PAIRING);
  return out;
}

export async function requestMentor(deps: MentorsDeps, principal: Principal, ctx: AuditContext, body: PairingBody): Promise<Pairing> {
  const subject = (await listMine(deps.db, principal)).find((s) => s.id === body.subjectId);
  const [mentor] = await repo.mentors(deps.db, { ids: [body.mentorId] });
  const errors: FieldError[] = [];
  if (!subject) errors.push(fieldError('subjectId', 'acts_for', '只能以本人或您所代表的企业申请', 'must be yourself or an enterprise you act for'));
  if (!mentor) errors.push(fieldError('mentorId', 'known_mentor', '没有这位导师', 'no such mentor'));
  else if (mentor.user_id === principal.userId) errors.push(fieldError('mentorId', 'not_self', '不能申请自己做导师', 'you cannot be your own mentor'));
  if (errors.length > 0) throw invalid(errors);
  const { score: points, terms } = score(mentor!, { fields: body.fields, industry: body.industry, regionCode: subject!.regionCode });
  let id: string;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertPairing(trx, { mentor_id: mentor!.id, subject_id: subject!.id, requested_by: principal.userId, need: body.need.trim(), fields: body.fields, score: points, terms, status: 'requested', created_at: deps.clock.now() });
      await record(trx, deps.clock, ctx, { action: 'mentor.requested', entityType: 'mentor_pairing', entityId: id, data: { mentorId: mentor!.id, subjectId: subject!.id, score: points } });
      return id;
    });
  } catch (e) {
    if ((e as { code?: unknown }).code === '23505')
      throw conflict('PAIRING_LIVE', '您已向这位导师提出申请或正在接受其辅导', 'You already asked this mentor or are being mentored by them', [fieldError('mentorId', 'one_live_pairing', '与同一位导师只能有一个进行中的辅导关系', 'one live pairing per mentor')]);
    throw e;
  }
  return onePairing(deps, principal, id);
}


async function loadForAction(deps: MentorsDeps, principal: Principal, id: string) {
  const p = await repo.pairingById(deps.db, id);
  if (!p) throw notFound(PAIRING);
  const side = await sideOf(deps, principal, p);
  if (!side) throw notFound(PAIRING);
  return { p, side };
}

export async function decide(deps: MentorsDeps, principal: Principal, ctx: AuditContext, id: string, body: DecideBody): Promise<Pairing> {
  const { p, side } = await loadForAction(deps, principal, id);
  if (side !== 'mentor') throw forbidden('只有导师本人可以答复辅导申请', 'Only the mentor answers a request');
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.pairingById(trx, id, true);
    if (now?.status !== 'requested') throw conflict('NOT_REQUESTED', '该申请已答复', 'The request has been answered already');
    await repo.setPairingStatus(trx, id, { status: body.accept ? 'accepted' : 'declined', decided_at: deps.clock.now(), decision_note: body.note.trim() || null });
    await record(trx, deps.clock, ctx, { action: body.accept ? 'mentor.accepted' : 'mentor.declined', entityType: 'mentor_pairing', entityId: id, data: { mentorId: p.mentor_id } });
  });
  return onePairing(deps, principal, id);
}

export async function bookSession(deps: MentorsDeps, principal: Principal, ctx: AuditContext, id: string, body: SessionBookBody): Promise<Pairing> {
  await loadForAction(deps, principal, id);
  const errors: FieldError[] = [];
  if (!isCalendarDate(body.heldOn)) errors.push(fieldError('heldOn', 'format:date', '应为有效日期', 'must be a real date'));
  if (body.mode === 'in_person' && body.place.trim().length < 2) errors.push(fieldError('place', 'required_in_person', '面谈应填写地点', 'a meeting in person gives its place'));
  if (errors.length > 0) throw invalid(errors);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const now = await repo.pairingById(trx, id, true);
      if (now?.status !== 'accepted') throw conflict('NOT_ACCEPTED', '导师接受后才能预约辅导', 'Sessions are booked once the mentor has accepted', [fieldError('heldOn', 'accepted_pairing', '辅导关系未生效', 'the pairing is not live')]);
      const sid = await repo.insertSession(trx, { pairing_id: id, held_on: body.heldOn, mode: body.mode, place: body.place.trim(), booked_by: principal.userId, created_at: deps.clock.now(), mentor_record: null, mentor_confirmed_at: null, founder_record: null, founder_confirmed_at: null });
      await record(trx, deps.clock, ctx, { action: 'mentor.session_booked', entityType: 'mentor_pairing', entityId: id, data: { sessionId: sid, heldOn: body.heldOn, mode: body.mode } });
    });
  } catch (e) {
    if ((e as { code?: unknown }).code === '23505') throw conflict('SESSION_EXISTS', '这一天已预约辅导', 'A session is already booked that day', [fieldError('heldOn', 'one_a_day', '同一天只能预约一次', 'one session a day')]);
    throw e;
  }
  return onePairing(deps, principal, id);
}

export async function confirmSession(deps: MentorsDeps, principal: Principal, ctx: AuditContext, id: string, sessionId: string, body: SessionConfirmBody): Promise<Pairing> {
  const { side } = await loadForAction(deps, principal, id);
  const session = (await repo.sessionsOf(deps.db, [id])).find((s) => s.id === sessionId);
  if (!session) throw notFound({ zh: '该次辅导', en: 'Session' });
  if (session.held_on > deps.clock.today()) throw invalid([fieldError('record', 'held', '辅导举行后才能确认', 'a session is confirmed once held')]);
  if ((side === 'mentor' ? session.mentor_confirmed_at : session.founder_confirmed_at) !== null) throw conflict('CONFIRMED', '您已确认过这次辅导', 'You have confirmed this session already');
  await deps.db.transaction().execute(async (trx) => {
    await repo.pairingById(trx, id, true);
    await repo.confirmSession(trx, sessionId, side, body.record.trim(), deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'mentor.session_confirmed', entityType: 'mentor_pairing', entityId: id, data: { sessionId, side } });
  });
  return onePairing(deps, principal, id);
}

export async function rate(deps: MentorsDeps, principal: Principal, ctx: AuditContext, id: string, body: MentorRateBody): Promise<Pairing> {
  const { p, side } = await loadForAction(deps, principal, id);
  if (p.status === 'requested' || p.status === 'declined') throw conflict('NOT_PAIRED', '辅导开始后才能评价', 'A pairing is rated once it has started', [fieldError('stars', 'started_pairing', '辅导尚未开始', 'the pairing has not started')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertRating(trx, { pairing_id: id, side, stars: body.stars, comment: body.comment.trim(), rated_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'mentor.rated', entityType: 'mentor_pairing', entityId: id, data: { side, stars: body.stars } });
  });
  return onePairing(deps, principal, id);
}

export async function endPairing(deps: MentorsDeps, principal: Principal, ctx: AuditContext, id: string, body: EndBody): Promise<Pairing> {
  await loadForAction(deps, principal, id);
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.pairingById(trx, id, true);
    if (now?.status !== 'accepted' && now?.status !== 'requested') throw conflict('NOT_LIVE', '该辅导关系已结束', 'The pairing has ended already');
    await repo.setPairingStatus(trx, id, { status: 'ended', ended_at: deps.clock.now(), ended_by: principal.userId, end_reason: body.reason.trim() });
    await record(trx, deps.clock, ctx, { action: 'mentor.ended', entityType: 'mentor_pairing', entityId: id, data: { reason: body.reason.trim() } });
  });
  return onePairing(deps, principal, id);
}

export async function commitments(deps: MentorsDeps, principal: Principal, year: number): Promise<Commitment[]> {
  const rows = await repo.commitments(deps.db, officeRegions(principal), year);
  return rows.map((r) => ({ mentorId: r.mentor_id, name: r.name, organisation: r.organisation, regionName: regionDisplayName(r.region_code) ?? r.region_code, yearlySessions: r.yearly_sessions, confirmed: r.confirmed, booked: r.booked }));
}
