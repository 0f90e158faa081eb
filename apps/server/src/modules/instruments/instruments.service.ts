import { randomUUID } from 'node:crypto';
import {
  INSTRUMENT_CATEGORY_LABELS,
  isCalendarDate,
  type Booking,
  type BookingBody,
  type Closure,
  type FieldError,
  type Instrument,
  type InstrumentBody,
  type InstrumentCategory,
  type InstrumentQuery,
  type InstantRange,
  type OwnerWorkbench,
  type SharingStatistics,
} from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantIn, nullableInstantOut, rangeOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { indexLexemes, regionPrefix, searchQuery } from '../policies/index.js';
import { listMine } from '../subjects/index.js';
import { busyCalendar } from './instruments.ics.js';
import * as repo from './instruments.repository.js';
import type { BookingRow, InstrumentRow } from './instruments.tables.js';

/**
 * Shared large instruments: owners (organisations of kind instrument_owner) list instruments
 * with their rules; people and enterprises book half-open slots, which the database keeps from
 * overlapping (`instruments_bookings_no_overlap`); usage makes the bill, paid with an
 * innovation voucher through `deps.voucherPayments` (hold at booking, in the booking's
 * transaction; redeem on usage) or invoiced. Times of day are Asia/Shanghai's.
 */
export type InstrumentsDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'voucherPayments' | 'modules'>;

const SHANGHAI_MS = 8 * 3_600_000;
/** The voucher's order id of a booking: its estimate, and the actual bill when that differs. */
export const voucherOrderId = (bookingId: string, usage = false) => `instrument-booking:${bookingId}${usage ? ':usage' : ''}`;

/** Day (YYYY-MM-DD), ISO weekday (1 = Monday) and minute of the day of an instant, in Asia/Shanghai. */
export function shanghai(at: Date): { day: string; weekday: number; minute: number } {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  const d = local.getUTCDay();
  return { day: local.toISOString().slice(0, 10), weekday: d === 0 ? 7 : d, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
export const num = (v: string | number | null): number => Number(v ?? 0);
export const ownerMemberships = (principal: Principal) => principal.memberships.filter((m) => m.organisationKind === 'instrument_owner');
export const manages = (principal: Principal | null, organisationId: string) => !!principal && ownerMemberships(principal).some((m) => m.organisationId === organisationId);
/** The price of `minutes` at an hourly rate, rounded to the fen. */
export const priceOf = (rateFen: number, minutes: number) => Math.round((rateFen * minutes) / 60);

// ------------------------------------------------------------------ views

function instrumentView(r: InstrumentRow, closures: Closure[], photos: Instrument['photos'], principal: Principal | null): Instrument {
  return {
    id: r.id,
    name: r.name,
    model: r.model,
    maker: r.maker,
    category: r.category as InstrumentCategory,
    categoryLabel: INSTRUMENT_CATEGORY_LABELS[r.category as InstrumentCategory],
    location: r.location,
    regionCode: r.region_code,
    regionName: r.region_name,
    ownerName: r.owner_name,
    originalValueFen: num(r.original_value_fen),
    specifications: r.specifications,
    services: r.services,
    internalRateFen: r.internal_rate_fen,
    externalRateFen: r.external_rate_fen,
    openingHours: r.opening_hours,
    minMinutes: r.min_minutes,
    maxMinutes: r.max_minutes,
    cancelCutoffHours: r.cancel_cutoff_hours,
    cancelFeeFen: r.cancel_fee_fen,
    noShowFeeFen: r.no_show_fee_fen,
    maxFutureBookings: r.max_future_bookings,
    approvalRequired: r.approval_required,
    operation: r.operation,
    qualification: r.qualification,
    closures,
    photos,
    mayManage: manages(principal, r.organisation_id),
  };
}

async function instrumentViews(db: Db | Tx, rows: InstrumentRow[], principal: Principal | null): Promise<Instrument[]> {
  const ids = rows.map((r) => r.id);
  const closures = await repo.closuresOf(db, ids);
  const photos = await repo.photosOf(db, ids);
  return rows.map((r) =>
    instrumentView(
      r,
      closures.filter((c) => c.instrument_id === r.id).map((c) => ({ from: c.from_day, to: c.to_day, reason: c.reason })),
      photos.filter((p) => p.instrument_id === r.id).map((p) => ({ fileId: p.file_id, name: p.name })),
      principal,
    ),
  );
}

export async function bookingViews(deps: InstrumentsDeps, db: Db | Tx, rows: BookingRow[], principal: Principal): Promise<Booking[]> {
  const uses = await deps.voucherPayments.usesOf(db, rows.flatMap((r) => (r.voucher_order_id ? [r.voucher_order_id] : [])));
  const now = deps.clock.now();
  return rows.map((r) => {
    const during = rangeOut(r.during);
    return {
      id: r.id,
      instrumentId: r.instrument_id,
      instrumentName: r.instrument_name,
      ownerName: r.owner_name,
      bookedBy: r.booked_by,
      subjectName: r.subject_name,
      during,
      status: r.status,
      external: r.external,
      rateFen: r.rate_fen,
      estimateFen: num(r.estimate_fen),
      purpose: r.purpose,
      paidWithVoucher: r.voucher_id !== null,
      voucherPaysFen: r.voucher_order_id ? (uses.get(r.voucher_order_id)?.voucherPaysFen ?? null) : null,
      actualStart: nullableInstantOut(r.actual_start),
      actualEnd: nullableInstantOut(r.actual_end),
      billFen: r.bill_fen === null ? null : num(r.bill_fen),
      feeFen: r.fee_fen === null ? null : num(r.fee_fen),
      reason: r.reason,
      mayCancel: r.user_id === principal.userId && (r.status === 'requested' || r.status === 'confirmed') && instantIn(during.start) > now && r.actual_start === null,
      mayStart: r.user_id === principal.userId && startable(r, now) === null,
      mayStop: r.user_id === principal.userId && r.status === 'confirmed' && r.actual_start !== null && r.actual_end === null,
    };
  });
}

// ------------------------------------------------------------------ catalogue

function checkInstrument(body: InstrumentBody): FieldError[] {
  const errors: FieldError[] = [];
  if (body.minMinutes > body.maxMinutes) errors.push(fieldError('maxMinutes', 'not_below_min', '最长预约时长不能短于最短时长', 'must not be shorter than the minimum length'));
  body.openingHours.forEach((h, i) => {
    if (h && h.close <= h.open) errors.push(fieldError(`openingHours.${i}.close`, 'after_open', '关门时间应晚于开门时间', 'must be after the opening time'));
  });
  if (body.operation === 'self' && body.qualification.trim() === '')
    errors.push(fieldError('qualification', 'required_for_self_operation', '用户自行操作时应写明所需资质', 'must say which qualification a user needs to operate it'));
  const seen = new Set<string>();
  body.services.forEach((sv, i) => {
    if (!sv.name.trim()) errors.push(fieldError(`services.${i}.name`, 'required', '请填写测试项目名称', 'must not be blank'));
    else if (seen.has(sv.name.trim())) errors.push(fieldError(`services.${i}.name`, 'unique', '测试项目名称不能重复', 'must differ from the other services'));
    seen.add(sv.name.trim());
  });
  if (!body.name.trim()) errors.push(fieldError('name', 'required', '请填写仪器名称', 'must not be blank'));
  if (!body.location.trim()) errors.push(fieldError('location', 'required', '请填写存放地点', 'must not be blank'));
  return errors;
}

const fieldsOf = (body: InstrumentBody) => ({
  name: body.name.trim(),
  model: body.model.trim(),
  maker: body.maker.trim(),
  category: body.category,
  location: body.location.trim(),
  region_code: body.regionCode,
  original_value_fen: body.originalValueFen,
  specifications: body.specifications,
  services: body.services.map((sv) => ({ ...sv, name: sv.name.trim(), sampleRequirements: sv.sampleRequirements.trim() })),
  internal_rate_fen: body.internalRateFen,
  external_rate_fen: body.externalRateFen,
  opening_hours: body.openingHours,
  min_minutes: body.minMinutes,
  max_minutes: body.maxMinutes,
  cancel_cutoff_hours: body.cancelCutoffHours,
  cancel_fee_fen: body.cancelFeeFen,
  no_show_fee_fen: body.noShowFeeFen,
  max_future_bookings: body.maxFutureBookings,
  approval_required: body.approvalRequired,
  operation: body.operation,
  qualification: body.qualification.trim(),
});
const lexemesOf = (body: InstrumentBody) => {
  const label = INSTRUMENT_CATEGORY_LABELS[body.category];
  return indexLexemes(`${body.name} ${body.model} ${body.maker} ${label.zh} ${label.en} ${body.specifications} ${body.services.map((s) => s.name).join(' ')}`);
};

/** A region must exist (a foreign key would refuse it too, less clearly). */
async function regionExists(db: Db | Tx, code: string): Promise<boolean> {
  return (await repo.regionName(db, code)) !== null;
}

export async function createInstrument(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, body: InstrumentBody): Promise<Instrument> {
  const owner = ownerMemberships(principal).find((m) => m.roles.includes('owner')) ?? ownerMemberships(principal)[0];
  if (!owner) throw forbidden('只有仪器所有单位可以发布仪器', 'Only an instrument owner may list instruments');
  const errors = checkInstrument(body);
  if (!(await regionExists(deps.db, body.regionCode))) errors.push(fieldError('regionCode', 'exists', '行政区划不存在', 'is not a known region'));
  if (errors.length > 0) throw invalid(errors);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertInstrument(trx, { organisation_id: owner.organisationId, ...fieldsOf(body) }, lexemesOf(body), deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'instruments.instrument_listed', entityType: 'instrument', entityId: id, data: { name: body.name, organisationId: owner.organisationId } });
    return id;
  });
  return getInstrument(deps, principal, id);
}

export async function loadManaged(db: Db | Tx, principal: Principal, id: string, lock = false): Promise<InstrumentRow> {
  const row = await repo.findInstrument(db, id, lock);
  if (!row) throw notFound({ zh: '仪器', en: 'Instrument' });
  if (!manages(principal, row.organisation_id)) throw forbidden('只有仪器所有单位可以管理该仪器', "Only the instrument's owner may manage it");
  return row;
}

export async function updateInstrument(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, id: string, body: InstrumentBody): Promise<Instrument> {
  await loadManaged(deps.db, principal, id);
  const errors = checkInstrument(body);
  if (!(await regionExists(deps.db, body.regionCode))) errors.push(fieldError('regionCode', 'exists', '行政区划不存在', 'is not a known region'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await loadManaged(trx, principal, id, true);
    await repo.updateInstrument(trx, id, fieldsOf(body), lexemesOf(body), deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'instruments.instrument_updated', entityType: 'instrument', entityId: id, data: { name: body.name } });
  });
  return getInstrument(deps, principal, id);
}

export async function setClosures(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, id: string, closures: Closure[]): Promise<Instrument> {
  const errors: FieldError[] = [];
  closures.forEach((c, i) => {
    if (!isCalendarDate(c.from)) errors.push(fieldError(`closures.${i}.from`, 'format:date', '应为有效日期', 'must be a real date'));
    if (!isCalendarDate(c.to)) errors.push(fieldError(`closures.${i}.to`, 'format:date', '应为有效日期', 'must be a real date'));
    else if (c.to < c.from) errors.push(fieldError(`closures.${i}.to`, 'not_before_from', '结束日期不能早于开始日期', 'must not be before the start'));
    if (!c.reason.trim()) errors.push(fieldError(`closures.${i}.reason`, 'required', '请说明停用原因', 'must give the reason'));
  });
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await loadManaged(trx, principal, id, true);
    await repo.replaceClosures(trx, id, closures.map((c) => ({ ...c, reason: c.reason.trim() })));
    await record(trx, deps.clock, ctx, { action: 'instruments.closures_set', entityType: 'instrument', entityId: id, data: { closures: closures.length } });
  });
  return getInstrument(deps, principal, id);
}

export async function getInstrument(deps: InstrumentsDeps, principal: Principal | null, id: string): Promise<Instrument> {
  const row = await repo.findInstrument(deps.db, id);
  if (!row) throw notFound({ zh: '仪器', en: 'Instrument' });
  return (await instrumentViews(deps.db, [row], principal))[0]!;
}

/** Minutes of [from, to) free in the day's opening hours of the instrument (0 when closed). */
function freeMinutesOn(row: InstrumentRow, closures: Closure[], day: string, busy: InstantRange[]): number {
  if (closures.some((c) => c.from <= day && day <= c.to)) return 0;
  const hours = row.opening_hours[shanghai(dayStart(day)).weekday - 1];
  if (!hours) return 0;
  const open = dayStart(day).getTime() + hours.open * 60_000;
  const close = dayStart(day).getTime() + hours.close * 60_000;
  let taken = 0;
  for (const b of busy) {
    const s = Math.max(open, instantIn(b.start).getTime());
    const e = Math.min(close, instantIn(b.end).getTime());
    if (e > s) taken += e - s;
  }
  return Math.floor((close - open - taken) / 60_000);
}

export async function searchInstruments(deps: InstrumentsDeps, principal: Principal | null, q: InstrumentQuery): Promise<Instrument[]> {
  const tsquery = q.q ? searchQuery(q.q) : null;
  if (q.q && q.q.trim() && tsquery === null) return [];
  if (q.freeOn !== undefined && !isCalendarDate(q.freeOn)) throw invalid([fieldError('freeOn', 'format:date', '应为有效日期', 'must be a real date')]);
  const rows = await repo.searchInstruments(deps.db, { tsquery, category: q.category, regionPrefix: q.region ? regionPrefix(q.region) : undefined, maxRateFen: q.maxRateFen });
  const views = await instrumentViews(deps.db, rows, principal);
  if (!q.freeOn) return views;
  const day = q.freeOn;
  const out: Instrument[] = [];
  for (const [i, v] of views.entries()) {
    const busy = (await repo.busyRanges(deps.db, v.id, dayStart(day), new Date(dayStart(day).getTime() + 86_400_000))).map((b) => rangeOut(b.during));
    if (freeMinutesOn(rows[i]!, v.closures, day, busy) >= v.minMinutes) out.push(v);
  }
  return out;
}

export async function busy(deps: InstrumentsDeps, id: string, from: string, to: string): Promise<{ busy: InstantRange[]; closures: Closure[] }> {
  const errors: FieldError[] = [];
  if (!isCalendarDate(from)) errors.push(fieldError('from', 'format:date', '应为有效日期', 'must be a real date'));
  if (!isCalendarDate(to)) errors.push(fieldError('to', 'format:date', '应为有效日期', 'must be a real date'));
  else if (isCalendarDate(from) && (to < from || dayStart(to).getTime() - dayStart(from).getTime() > 62 * 86_400_000))
    errors.push(fieldError('to', 'range', '结束日期应不早于开始日期，且跨度不超过62天', 'must not be before from, at most 62 days after it'));
  if (errors.length > 0) throw invalid(errors);
  const instrument = await getInstrument(deps, null, id);
  const rows = await repo.busyRanges(deps.db, id, dayStart(from), new Date(dayStart(to).getTime() + 86_400_000));
  return { busy: rows.map((r) => rangeOut(r.during)), closures: instrument.closures.filter((c) => c.to >= from && c.from <= to) };
}

/** The public iCalendar feed of an instrument's busy times, 30 days back to 180 days ahead; who booked is not said. */
export async function busyIcs(deps: InstrumentsDeps, id: string): Promise<string> {
  const row = await repo.findInstrument(deps.db, id);
  if (!row) throw notFound({ zh: '仪器', en: 'Instrument' });
  const now = deps.clock.now();
  const rows = await repo.busyRanges(deps.db, id, new Date(now.getTime() - 30 * 86_400_000), new Date(now.getTime() + 180 * 86_400_000));
  return busyCalendar(
    `${row.name}（${row.owner_name}）`,
    rows.map((r) => {
      const d = rangeOut(r.during);
      return { uid: `${r.id}@seedbed.instruments`, start: instantIn(d.start), end: instantIn(d.end), summary: '已预约' };
    }),
    now,
  );
}

// ------------------------------------------------------------------ qualifications

export async function declareQualification(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, id: string, statement: string): Promise<void> {
  const row = await repo.findInstrument(deps.db, id);
  if (!row) throw notFound({ zh: '仪器', en: 'Instrument' });
  if (row.operation !== 'self') throw conflict('STAFF_OPERATED', '该仪器由本单位人员操作，无需资质', 'This instrument is operated by its staff: no qualification is needed', [fieldError('statement', 'self_operation', '该仪器不允许自行操作', 'the instrument is not self-operated')]);
  if (!statement.trim()) throw invalid([fieldError('statement', 'required', '请说明您的操作资质', 'must describe your qualification')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.declareQualification(trx, id, principal.userId, statement.trim(), deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'instruments.qualification_declared', entityType: 'instrument', entityId: id, data: {} });
  });
}

export async function confirmQualification(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, id: string, userId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await loadManaged(trx, principal, id, true);
    if (!(await repo.confirmQualification(trx, id, userId, principal.userId, deps.clock.now())))
      throw conflict('NOTHING_TO_CONFIRM', '没有待确认的资质声明', 'No declared qualification to confirm', [fieldError('userId', 'declared', '该用户未声明资质或已确认', 'has declared nothing, or was confirmed already')]);
    await record(trx, deps.clock, ctx, { action: 'instruments.qualification_confirmed', entityType: 'instrument', entityId: id, data: { userId } });
  });
}

// ------------------------------------------------------------------ booking

/**
 * Whether [start, end) lies in the opening hours (Beijing time): within one day's hours, or across
 * midnight when each day it touches is open up to (and from) midnight.
 */
export function withinOpeningHours(openingHours: InstrumentRow['opening_hours'], start: Date, end: Date): boolean {
  let from = start;
  while (from < end) {
    const s = shanghai(from);
    const hours = openingHours[s.weekday - 1];
    const midnight = new Date(dayStart(s.day).getTime() + 24 * 3_600_000);
    const until = end < midnight ? end : midnight;
    const untilMinute = until === midnight ? 1440 : shanghai(until).minute;
    if (!hours || s.minute < hours.open || untilMinute > hours.close) return false;
    from = until;
  }
  return true;
}

/** Every rule a new booking of `during` breaks, each naming its field and rule. */
async function bookingErrors(db: Db | Tx, row: InstrumentRow, closures: Closure[], principal: Principal, during: InstantRange, now: Date): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const start = instantIn(during.start);
  const end = instantIn(during.end);
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (start < now) errors.push(fieldError('during.start', 'not_past', '不能预约已经过去的时间', 'must not lie in the past'));
  if (minutes < row.min_minutes) errors.push(fieldError('during', 'min_length', `每次预约不少于${row.min_minutes}分钟`, `must be at least ${row.min_minutes} minutes long`));
  if (minutes > row.max_minutes) errors.push(fieldError('during', 'max_length', `每次预约不超过${row.max_minutes}分钟`, `must be at most ${row.max_minutes} minutes long`));
  const s = shanghai(start);
  const e = shanghai(new Date(end.getTime() - 1));
  const closure = closures.find((c) => (c.from <= s.day && s.day <= c.to) || (c.from <= e.day && e.day <= c.to));
  if (closure) errors.push(fieldError('during', 'closure', `该时段仪器停用（${closure.reason}）`, `falls in a closure of the instrument (${closure.reason})`));
  if (!withinOpeningHours(row.opening_hours, start, end))
    errors.push(fieldError('during', 'opening_hours', '预约时段应在仪器当天的开放时间内', "must lie within the day's opening hours"));
  if (row.operation === 'self' && !manages(principal, row.organisation_id) && (await repo.qualificationOf(db, row.id, principal.userId))?.status !== 'confirmed')
    errors.push(fieldError('qualification', 'self_operation_qualified', '该仪器须由具备资质的用户自行操作，您的资质尚未经仪器所有单位确认', "the instrument is operated by its users: the owner has not confirmed your qualification"));
  return errors;
}

/** The problem of a booking the exclusion constraint refused: the slot overlaps a live booking. */
export const overlapProblem = (): AppError =>
  conflict('SLOT_TAKEN', '该时段已被预约', 'The slot is taken', [fieldError('during', 'no_overlap', '与已有预约时间重叠，可加入候补名单', 'overlaps an existing booking (you may join the waiting list)')]);
const isOverlap = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23P01';

export async function book(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, instrumentId: string, body: BookingBody): Promise<Booking> {
  const row = await repo.findInstrument(deps.db, instrumentId);
  if (!row) throw notFound({ zh: '仪器', en: 'Instrument' });
  const closures = (await repo.closuresOf(deps.db, [row.id])).map((c) => ({ from: c.from_day, to: c.to_day, reason: c.reason }));
  const now = deps.clock.now();
  const errors = await bookingErrors(deps.db, row, closures, principal, body.during, now);
  if (body.subjectId !== undefined && !(await listMine(deps.db, principal)).some((s) => s.id === body.subjectId && s.kind === 'enterprise'))
    errors.push(fieldError('subjectId', 'acts_for', '只能以您所代表的企业预约', 'must be an enterprise you act for'));
  if (body.voucherId !== undefined && body.subjectId === undefined)
    errors.push(fieldError('subjectId', 'required_with_voucher', '使用创新券时须选择持券企业', 'must name the enterprise holding the voucher'));
  const externalUser = !manages(principal, row.organisation_id);
  if (body.voucherId !== undefined && (externalUser ? row.external_rate_fen : row.internal_rate_fen) === 0)
    errors.push(fieldError('voucherId', 'nothing_to_pay', '该仪器对您免费，无需使用创新券', 'the instrument is free for you: there is nothing for a voucher to pay'));
  if (errors.length > 0) throw invalid(errors);

  const external = !manages(principal, row.organisation_id);
  const rate = external ? row.external_rate_fen : row.internal_rate_fen;
  const minutes = (instantIn(body.during.end).getTime() - instantIn(body.during.start).getTime()) / 60_000;
  const estimate = priceOf(rate, minutes);
  const id = randomUUID();
  const orderId = body.voucherId ? voucherOrderId(id) : null;
  if (body.voucherId && body.subjectId)
    await deps.voucherPayments.quote(deps.db, { voucherId: body.voucherId, holderSubjectId: body.subjectId, providerOrganisationId: row.organisation_id, category: 'testing', priceFen: estimate, orderId: orderId! }, deps.clock.today());
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.lockUserOnInstrument(trx, instrumentId, principal.userId);
      if ((await repo.futureBookingsOf(trx, instrumentId, principal.userId, now)) >= row.max_future_bookings)
        throw conflict('BOOKING_CAP', '预约数已达上限', 'Too many future bookings', [
          fieldError('during', 'max_future_bookings', `每位用户最多同时持有${row.max_future_bookings}个未来预约`, `a user may hold at most ${row.max_future_bookings} future bookings of this instrument`),
        ]);
      await repo.insertBooking(
        trx,
        {
          id,
          instrument_id: instrumentId,
          user_id: principal.userId,
          subject_id: body.subjectId ?? null,
          during: body.during,
          status: row.approval_required && external ? 'requested' : 'confirmed',
          external,
          rate_fen: rate,
          estimate_fen: estimate,
          purpose: body.purpose.trim(),
          voucher_id: body.voucherId ?? null,
          voucher_order_id: orderId,
        },
        now,
      );
      // The voucher's hold commits with the booking, or neither does.
      if (body.voucherId && body.subjectId)
        await deps.voucherPayments.hold(trx, { voucherId: body.voucherId, holderSubjectId: body.subjectId, providerOrganisationId: row.organisation_id, category: 'testing', priceFen: estimate, orderId: orderId! }, deps.clock.today());
      await record(trx, deps.clock, ctx, { action: 'instruments.booked', entityType: 'instrument_booking', entityId: id, data: { instrumentId, during: body.during, estimateFen: estimate, voucher: !!body.voucherId } });
    });
  } catch (e) {
    if (isOverlap(e)) throw overlapProblem();
    throw e;
  }
  return (await bookingViews(deps, deps.db, [(await repo.findBooking(deps.db, id))!], principal))[0]!;
}

export async function joinWaitlist(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, instrumentId: string, during: InstantRange): Promise<void> {
  const row = await repo.findInstrument(deps.db, instrumentId);
  if (!row) throw notFound({ zh: '仪器', en: 'Instrument' });
  if (instantIn(during.start) < deps.clock.now()) throw invalid([fieldError('during.start', 'not_past', '不能候补已经过去的时间', 'must not lie in the past')]);
  const taken = await repo.busyRanges(deps.db, instrumentId, instantIn(during.start), instantIn(during.end));
  if (taken.length === 0) throw conflict('SLOT_FREE', '该时段空闲，可直接预约', 'The slot is free: book it', [fieldError('during', 'taken', '只有已被预约的时段才能候补', 'only a taken slot has a waiting list')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertWaiter(trx, instrumentId, principal.userId, during, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'instruments.waitlisted', entityType: 'instrument', entityId: instrumentId, data: { during } });
  });
}

/** A booking freed its slot: those waiting for an overlapping time are told (once). */
async function freeSlot(trx: Tx, deps: InstrumentsDeps, b: BookingRow): Promise<void> {
  for (const w of await repo.takeWaiters(trx, b.instrument_id, b.during, deps.clock.now())) {
    await notify(trx, deps, {
      userId: w.user_id,
      kind: 'instruments.booking',
      title: { zh: `您候补的${b.instrument_name}时段已空出`, en: `A slot you waited for on ${b.instrument_name} is free` },
      body: { zh: '请尽快预约。', en: 'Book it soon.' },
      link: `/instruments/${b.instrument_id}`,
    });
  }
}

async function tell(trx: Tx, deps: InstrumentsDeps, b: BookingRow, zh: string, en: string): Promise<void> {
  await notify(trx, deps, { userId: b.user_id, kind: 'instruments.booking', title: { zh: `${b.instrument_name}：${zh}`, en: `${b.instrument_name}: ${en}` }, body: { zh, en }, link: '/instruments/bookings' });
}

type Act = 'cancel' | 'approve' | 'reject' | 'no_show';

/** Cancel (the booker), approve or reject (the owner, a requested booking), record a no-show (the owner, once the slot began). */
export async function act(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, bookingId: string, what: Act, reason?: string): Promise<Booking> {
  await deps.db.transaction().execute(async (trx) => {
    const b = await repo.findBooking(trx, bookingId, true);
    if (!b) throw notFound({ zh: '预约', en: 'Booking' });
    const owner = manages(principal, b.organisation_id);
    const now = deps.clock.now();
    const start = instantIn(rangeOut(b.during).start);
    const state = (allowed: BookingRow['status'][]) => {
      if (!allowed.includes(b.status)) throw conflict('BOOKING_STATE', '该预约当前状态不允许此操作', 'The booking is not in a state that allows this', [fieldError('status', `in:${allowed.join(',')}`, '预约状态不符', 'the booking is not in a state that allows this')]);
    };
    if (what === 'cancel') {
      if (b.user_id !== principal.userId) throw forbidden('只能取消自己的预约', 'Cancel only your own bookings');
      state(['requested', 'confirmed']);
      if (start <= now) throw conflict('BOOKING_STARTED', '预约已开始，不能取消', 'The booking has begun', [fieldError('during.start', 'not_begun', '已开始的预约不能取消', 'a booking that has begun cannot be cancelled')]);
      const row = (await repo.findInstrument(trx, b.instrument_id))!;
      const late = start.getTime() - now.getTime() < row.cancel_cutoff_hours * 3_600_000;
      const fee = late && b.status === 'confirmed' ? row.cancel_fee_fen : 0;
      await repo.updateBooking(trx, b.id, { status: 'cancelled', at: now, fee_fen: fee, reason: reason ?? null });
      if (b.voucher_order_id) await deps.voucherPayments.release(trx, b.voucher_order_id);
      await freeSlot(trx, deps, b);
    } else {
      if (!owner) throw forbidden('只有仪器所有单位可以处理预约', "Only the instrument's owner may do this");
      if (what === 'approve') {
        state(['requested']);
        await repo.updateBooking(trx, b.id, { status: 'confirmed', at: now });
        await tell(trx, deps, b, '预约已确认', 'booking confirmed');
      } else if (what === 'reject') {
        state(['requested']);
        if (!reason?.trim()) throw invalid([fieldError('reason', 'required', '请说明不予通过的理由', 'must give the reason')]);
        await repo.updateBooking(trx, b.id, { status: 'rejected', at: now, reason: reason.trim() });
        if (b.voucher_order_id) await deps.voucherPayments.release(trx, b.voucher_order_id);
        await tell(trx, deps, b, '预约未通过', 'booking rejected');
        await freeSlot(trx, deps, b);
      } else {
        state(['confirmed']);
        if (b.actual_start !== null) throw conflict('SESSION_STARTED', '用户已开始使用，不是爽约', 'The user started a session: not a no-show', [fieldError('status', 'not_started', '已开始使用的预约不能登记爽约', 'a booking whose session started is not a no-show')]);
        if (start > now) throw conflict('NOT_BEGUN', '预约尚未开始', 'The booking has not begun', [fieldError('during.start', 'begun', '预约开始后才能登记爽约', 'a no-show is recorded once the slot has begun')]);
        const row = (await repo.findInstrument(trx, b.instrument_id))!;
        await repo.updateBooking(trx, b.id, { status: 'no_show', at: now, fee_fen: row.no_show_fee_fen, reason: reason ?? null });
        if (b.voucher_order_id) await deps.voucherPayments.release(trx, b.voucher_order_id);
        await tell(trx, deps, b, '已登记爽约', 'recorded as a no-show');
      }
    }
    await record(trx, deps.clock, ctx, { action: `instruments.booking_${what}`, entityType: 'instrument_booking', entityId: b.id, data: { reason: reason ?? null } });
  });
  return (await bookingViews(deps, deps.db, [(await repo.findBooking(deps.db, bookingId))!], principal))[0]!;
}

/**
 * A booking's use from `start` to `end` completes it: the bill is the booking's rate for the
 * minutes used. With a voucher: the estimate's hold is redeemed when the bill equals it;
 * otherwise it is released and the bill held under a second id and redeemed, all in the caller's
 * transaction (the booking row locked).
 */
async function complete(trx: Tx, deps: InstrumentsDeps, ctx: AuditContext, b: BookingRow, start: Date, end: Date, action: string): Promise<void> {
  const now = deps.clock.now();
  const bill = priceOf(b.rate_fen, (end.getTime() - start.getTime()) / 60_000);
  let orderId = b.voucher_order_id;
  if (orderId && b.subject_id && b.voucher_id && bill === 0) {
    // Nothing to pay: the estimate's hold returns to the voucher.
    await deps.voucherPayments.release(trx, orderId);
  } else if (orderId && b.subject_id && b.voucher_id) {
    if (bill !== num(b.estimate_fen)) {
      await deps.voucherPayments.release(trx, orderId);
      orderId = voucherOrderId(b.id, true);
      await deps.voucherPayments.hold(trx, { voucherId: b.voucher_id, holderSubjectId: b.subject_id, providerOrganisationId: b.organisation_id, category: 'testing', priceFen: bill, orderId }, deps.clock.today());
    }
    await deps.voucherPayments.redeem(trx, orderId);
  }
  await repo.updateBooking(trx, b.id, { status: 'completed', at: now, actual_start: start, actual_end: end, bill_fen: bill, voucher_order_id: orderId });
  await tell(trx, deps, b, `已登记使用，费用${(bill / 100).toFixed(2)}元`, `use recorded, bill ${(bill / 100).toFixed(2)} yuan`);
  await record(trx, deps.clock, ctx, { action, entityType: 'instrument_booking', entityId: b.id, data: { start: start.toISOString(), end: end.toISOString(), billFen: bill } });
}

/** The owner records the actual use (staff-operated instruments, or for a user who did not start and stop): the bill follows. */
export async function recordUsage(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, bookingId: string, usage: { start: string; end: string }): Promise<Booking> {
  const start = instantIn(usage.start);
  const end = instantIn(usage.end);
  const now = deps.clock.now();
  const errors: FieldError[] = [];
  if (end <= start) errors.push(fieldError('end', 'after_start', '结束时间应晚于开始时间', 'must be after the start'));
  if (end > now) errors.push(fieldError('end', 'not_future', '结束时间不能晚于现在', 'must not lie in the future'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const b = await repo.findBooking(trx, bookingId, true);
    if (!b) throw notFound({ zh: '预约', en: 'Booking' });
    if (!manages(principal, b.organisation_id)) throw forbidden('只有仪器所有单位可以登记使用', "Only the instrument's owner records use");
    if (b.status !== 'confirmed') throw conflict('BOOKING_STATE', '只有已确认的预约可以登记使用', 'Only a confirmed booking has its use recorded', [fieldError('status', 'in:confirmed', '预约状态不符', 'the booking is not confirmed')]);
    await complete(trx, deps, ctx, b, start, end, 'instruments.usage_recorded');
  });
  return (await bookingViews(deps, deps.db, [(await repo.findBooking(deps.db, bookingId))!], principal))[0]!;
}

/** How early before its slot a self-operated session may start. */
const EARLY_START_MS = 15 * 60_000;

/** Why the booked user may not start a self-operated session now (a field error), or null. */
function startable(b: BookingRow, now: Date): FieldError | null {
  const d = rangeOut(b.during);
  if (b.operation !== 'self') return fieldError('operation', 'self_operation', '该仪器由本单位人员操作，由仪器所有单位登记使用', 'the instrument is operated by its staff, who record the use');
  if (b.status !== 'confirmed') return fieldError('status', 'in:confirmed', '只有已确认的预约可以开始使用', 'only a confirmed booking can start');
  if (b.actual_start !== null) return fieldError('status', 'not_started', '本次预约已开始使用', 'the session has started already');
  if (now.getTime() < instantIn(d.start).getTime() - EARLY_START_MS) return fieldError('during.start', 'start_window', '最早可在预约开始前15分钟开始使用', 'a session starts at most 15 minutes before the slot');
  if (now >= instantIn(d.end)) return fieldError('during.end', 'start_window', '预约时段已结束，不能再开始使用', 'the slot has ended');
  return null;
}

/** Self-operation: the booked, qualified user starts the session (the actual start is now). */
export async function startSession(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, bookingId: string): Promise<Booking> {
  await deps.db.transaction().execute(async (trx) => {
    const b = await repo.findBooking(trx, bookingId, true);
    if (!b) throw notFound({ zh: '预约', en: 'Booking' });
    if (b.user_id !== principal.userId) throw forbidden('只有预约人可以开始使用', 'Only the booked user starts the session');
    const now = deps.clock.now();
    const why = startable(b, now);
    if (why) throw conflict('CANNOT_START', '现在不能开始使用', 'The session cannot start now', [why]);
    if (!manages(principal, b.organisation_id) && (await repo.qualificationOf(trx, b.instrument_id, principal.userId))?.status !== 'confirmed')
      throw conflict('CANNOT_START', '现在不能开始使用', 'The session cannot start now', [
        fieldError('qualification', 'self_operation_qualified', '您的操作资质尚未经仪器所有单位确认', 'the owner has not confirmed your qualification'),
      ]);
    await repo.startSession(trx, b.id, now);
    await record(trx, deps.clock, ctx, { action: 'instruments.session_started', entityType: 'instrument_booking', entityId: b.id, data: {} });
  });
  return (await bookingViews(deps, deps.db, [(await repo.findBooking(deps.db, bookingId))!], principal))[0]!;
}

/** Self-operation: the booked user stops the session; the actual use (start to now) becomes the usage record and the bill. */
export async function stopSession(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, bookingId: string): Promise<Booking> {
  await deps.db.transaction().execute(async (trx) => {
    const b = await repo.findBooking(trx, bookingId, true);
    if (!b) throw notFound({ zh: '预约', en: 'Booking' });
    if (b.user_id !== principal.userId) throw forbidden('只有预约人可以结束使用', 'Only the booked user stops the session');
    if (b.status !== 'confirmed' || b.actual_start === null)
      throw conflict('NOT_STARTED', '本次预约尚未开始使用', 'The session has not started', [fieldError('status', 'started', '请先开始使用', 'start the session first')]);
    const now = deps.clock.now();
    // At least one minute is billed.
    const end = new Date(Math.max(now.getTime(), b.actual_start.getTime() + 60_000));
    await complete(trx, deps, ctx, b, b.actual_start, end, 'instruments.session_stopped');
  });
  return (await bookingViews(deps, deps.db, [(await repo.findBooking(deps.db, bookingId))!], principal))[0]!;
}

// ------------------------------------------------------------------ lists, statistics

export async function myBookings(deps: InstrumentsDeps, principal: Principal): Promise<Booking[]> {
  const subjects = (await listMine(deps.db, principal)).map((s) => s.id);
  return bookingViews(deps, deps.db, await repo.bookingsOfUser(deps.db, principal.userId, subjects), principal);
}

export async function workbench(deps: InstrumentsDeps, principal: Principal): Promise<Omit<OwnerWorkbench, 'tests'>> {
  const orgs = ownerMemberships(principal);
  if (orgs.length === 0) throw forbidden('只有仪器所有单位可以使用仪器管理', 'Only instrument owners have this workbench');
  const ids = orgs.map((o) => o.organisationId);
  const instruments = await instrumentViews(deps.db, await repo.searchInstruments(deps.db, { tsquery: null, organisationIds: ids }), principal);
  return {
    organisations: orgs.map((o) => ({ id: o.organisationId, name: o.organisationName })),
    instruments,
    bookings: await bookingViews(deps, deps.db, await repo.bookingsOfOrganisations(deps.db, ids), principal),
    qualifications: (await repo.qualificationsOfOrganisations(deps.db, ids)).map((q) => ({
      instrumentId: q.instrument_id,
      instrumentName: q.instrument_name,
      userId: q.user_id,
      userName: q.user_name,
      statement: q.statement,
      status: q.status,
    })),
  };
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

/** The national evaluation's sharing figures of the owner's instruments for a year. */
export async function sharingStatistics(deps: InstrumentsDeps, principal: Principal, year: number): Promise<SharingStatistics> {
  const orgs = ownerMemberships(principal);
  if (orgs.length === 0) throw forbidden('只有仪器所有单位可以查看共享统计', 'Only instrument owners see their sharing statistics');
  const rows = await repo.sharing(
    deps.db,
    orgs.map((o) => o.organisationId),
    year,
  );
  let eff = 0;
  let ext = 0;
  let income = 0;
  let testIncome = 0;
  let samples = 0;
  const users = new Set<string>();
  const out = rows.map((r) => {
    eff += num(r.effective_seconds);
    ext += num(r.external_seconds);
    income += num(r.income_fen);
    testIncome += num(r.test_income_fen);
    samples += num(r.samples_tested);
    return {
      instrumentId: r.instrument_id,
      instrumentName: r.instrument_name,
      ownerName: r.owner_name,
      effectiveHours: hours(num(r.effective_seconds)),
      externalHours: hours(num(r.external_seconds)),
      sharingRate: num(r.effective_seconds) > 0 ? Math.round((num(r.external_seconds) / num(r.effective_seconds)) * 10_000) / 10_000 : 0,
      incomeFen: num(r.income_fen),
      testIncomeFen: num(r.test_income_fen),
      samplesTested: num(r.samples_tested),
      usersServed: r.users_served,
    };
  });
  for (const u of await repo.usersServed(deps.db, orgs.map((o) => o.organisationId), year)) users.add(u);
  return {
    year,
    rows: out,
    total: {
      ownerName: orgs.map((o) => o.organisationName).join('、'),
      effectiveHours: hours(eff),
      externalHours: hours(ext),
      sharingRate: eff > 0 ? Math.round((ext / eff) * 10_000) / 10_000 : 0,
      incomeFen: income,
      testIncomeFen: testIncome,
      samplesTested: samples,
      usersServed: users.size,
    },
  };
}
