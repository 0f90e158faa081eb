/**
 * Test services (测试项目) of an instrument: an enterprise (or a person) requests one with N
 * samples; the owner accepts or declines it with a reason, then records the result (a PDF report
 * uploaded through the files module) and the samples actually tested; the bill is per sample at
 * the rate of the requester (internal or external). Paid with an innovation voucher through
 * `deps.voucherPayments`: held at the request (in its transaction), redeemed on the result
 * (re-held for the actual bill when it differs), released on a decline or a cancellation.
 * Photos of an instrument, and who may read a test's report.
 */
import { randomUUID } from 'node:crypto';
import type { FieldError, TestRequest, TestRequestBody } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFiles } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { listMine } from '../subjects/index.js';
import * as repo from './instruments.repository.js';
import { getInstrument, loadManaged, manages, num, ownerMemberships, type InstrumentsDeps } from './instruments.service.js';
import type { TestRequestRow } from './instruments.tables.js';
import type { Instrument } from '@seedbed/contract';

/** The voucher's order id of a test request: its estimate, and the actual bill when that differs. */
export const testOrderId = (id: string, result = false) => `instrument-test:${id}${result ? ':result' : ''}`;

export async function testViews(deps: InstrumentsDeps, db: Db | Tx, rows: TestRequestRow[], principal: Principal): Promise<TestRequest[]> {
  const uses = await deps.voucherPayments.usesOf(db, rows.flatMap((r) => (r.voucher_order_id ? [r.voucher_order_id] : [])));
  return rows.map((r) => ({
    id: r.id,
    instrumentId: r.instrument_id,
    instrumentName: r.instrument_name,
    ownerName: r.owner_name,
    serviceName: r.service_name,
    requestedBy: r.requested_by,
    subjectName: r.subject_name,
    samples: r.samples,
    note: r.note,
    status: r.status,
    external: r.external,
    pricePerSampleFen: r.price_per_sample_fen,
    estimateFen: num(r.estimate_fen),
    paidWithVoucher: r.voucher_id !== null,
    voucherPaysFen: r.voucher_order_id ? (uses.get(r.voucher_order_id)?.voucherPaysFen ?? null) : null,
    samplesTested: r.samples_tested,
    billFen: r.bill_fen === null ? null : num(r.bill_fen),
    reason: r.reason,
    hasReport: r.report_file_id !== null,
    requestedAt: r.created_at.toISOString(),
    mayCancel: r.user_id === principal.userId && (r.status === 'requested' || r.status === 'accepted'),
  }));
}

async function view(deps: InstrumentsDeps, principal: Principal, id: string): Promise<TestRequest> {
  return (await testViews(deps, deps.db, [(await repo.findTestRequest(deps.db, id))!], principal))[0]!;
}

async function tellRequester(trx: Tx, deps: InstrumentsDeps, t: TestRequestRow, zh: string, en: string): Promise<void> {
  await notify(trx, deps, { userId: t.user_id, kind: 'instruments.booking', title: { zh: `${t.instrument_name}·${t.service_name}：${zh}`, en: `${t.instrument_name}, ${t.service_name}: ${en}` }, body: { zh, en }, link: '/instruments/bookings' });
}

/** An enterprise (or a person) requests a test service with N samples, optionally paying with a voucher (held now, with the request). */
export async function requestTest(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, instrumentId: string, body: TestRequestBody): Promise<TestRequest> {
  const row = await repo.findInstrument(deps.db, instrumentId);
  if (!row) throw notFound({ zh: '仪器', en: 'Instrument' });
  const errors: FieldError[] = [];
  const service = row.services.find((s) => s.name === body.serviceName);
  if (!service) errors.push(fieldError('serviceName', 'offered', '该仪器没有这个测试项目', 'is not a test service of this instrument'));
  if (body.subjectId !== undefined && !(await listMine(deps.db, principal)).some((s) => s.id === body.subjectId && s.kind === 'enterprise'))
    errors.push(fieldError('subjectId', 'acts_for', '只能以您所代表的企业申请', 'must be an enterprise you act for'));
  if (body.voucherId !== undefined && body.subjectId === undefined)
    errors.push(fieldError('subjectId', 'required_with_voucher', '使用创新券时须选择持券企业', 'must name the enterprise holding the voucher'));
  const external = !manages(principal, row.organisation_id);
  const price = service ? (external ? service.pricePerSampleFen : (service.internalPricePerSampleFen ?? service.pricePerSampleFen)) : 0;
  if (service && body.voucherId !== undefined && price === 0)
    errors.push(fieldError('voucherId', 'nothing_to_pay', '该测试项目对您免费，无需使用创新券', 'the service is free for you: there is nothing for a voucher to pay'));
  if (errors.length > 0) throw invalid(errors);
  const id = randomUUID();
  const estimate = price * body.samples;
  const orderId = body.voucherId ? testOrderId(id) : null;
  const use = body.voucherId && body.subjectId ? { voucherId: body.voucherId, holderSubjectId: body.subjectId, providerOrganisationId: row.organisation_id, category: 'testing', priceFen: estimate, orderId: orderId! } : null;
  if (use) await deps.voucherPayments.quote(deps.db, use, deps.clock.today());
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertTestRequest(
      trx,
      { id, instrument_id: row.id, service_name: service!.name, user_id: principal.userId, subject_id: body.subjectId ?? null, samples: body.samples, note: body.note.trim(), external, price_per_sample_fen: price, estimate_fen: estimate, voucher_id: body.voucherId ?? null, voucher_order_id: orderId },
      deps.clock.now(),
    );
    // The voucher's hold commits with the request, or neither does.
    if (use) await deps.voucherPayments.hold(trx, use, deps.clock.today());
    await record(trx, deps.clock, ctx, { action: 'instruments.test_requested', entityType: 'instrument_test', entityId: id, data: { instrumentId, service: service!.name, samples: body.samples, estimateFen: estimate, voucher: !!use } });
  });
  return view(deps, principal, id);
}

type TestAct = 'cancel' | 'accept' | 'decline';

/** The requester cancels (before the result); the owner accepts a request, or declines it with a reason. A voucher hold is released on a decline or a cancellation. */
export async function actOnTest(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, id: string, what: TestAct, reason?: string): Promise<TestRequest> {
  await deps.db.transaction().execute(async (trx) => {
    const t = await repo.findTestRequest(trx, id, true);
    if (!t) throw notFound({ zh: '测试申请', en: 'Test request' });
    const now = deps.clock.now();
    const state = (allowed: TestRequestRow['status'][]) => {
      if (!allowed.includes(t.status))
        throw conflict('TEST_STATE', '该测试申请当前状态不允许此操作', 'The test request is not in a state that allows this', [fieldError('status', `in:${allowed.join(',')}`, '测试申请状态不符', 'the request is not in a state that allows this')]);
    };
    if (what === 'cancel') {
      if (t.user_id !== principal.userId) throw forbidden('只能取消自己的测试申请', 'Cancel only your own test requests');
      state(['requested', 'accepted']);
      await repo.updateTestRequest(trx, t.id, { status: 'cancelled', at: now, reason: reason?.trim() || null });
      if (t.voucher_order_id) await deps.voucherPayments.release(trx, t.voucher_order_id);
    } else {
      if (!manages(principal, t.organisation_id)) throw forbidden('只有仪器所有单位可以处理测试申请', "Only the instrument's owner may do this");
      state(['requested']);
      if (what === 'accept') {
        await repo.updateTestRequest(trx, t.id, { status: 'accepted', at: now });
        await tellRequester(trx, deps, t, '已受理，请按样品要求送样', 'accepted: send the samples as required');
      } else {
        if (!reason?.trim()) throw invalid([fieldError('reason', 'required', '请说明不予受理的理由', 'must give the reason')]);
        await repo.updateTestRequest(trx, t.id, { status: 'declined', at: now, reason: reason.trim() });
        if (t.voucher_order_id) await deps.voucherPayments.release(trx, t.voucher_order_id);
        await tellRequester(trx, deps, t, `不予受理：${reason.trim()}`, `declined: ${reason.trim()}`);
      }
    }
    await record(trx, deps.clock, ctx, { action: `instruments.test_${what}`, entityType: 'instrument_test', entityId: t.id, data: { reason: reason ?? null } });
  });
  return view(deps, principal, id);
}

/**
 * The owner records the result of an accepted request: the report (a PDF the owner uploaded) and
 * the samples actually tested; the bill is the price per sample times those. A voucher's hold is
 * redeemed (re-held for the bill first when it differs; released when nothing is to pay).
 */
export async function recordResult(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, id: string, body: { fileId: string; samplesTested: number }): Promise<TestRequest> {
  const [file] = await getFiles(deps.db, [body.fileId]);
  const errors: FieldError[] = [];
  if (!file || file.ownerUserId !== principal.userId) errors.push(fieldError('fileId', 'own_upload', '应为您本人上传的检测报告', 'must be a report you uploaded'));
  else if (file.contentType !== 'application/pdf') errors.push(fieldError('fileId', 'pdf', '检测报告应为 PDF 文件', 'the report must be a PDF'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const t = await repo.findTestRequest(trx, id, true);
    if (!t) throw notFound({ zh: '测试申请', en: 'Test request' });
    if (!manages(principal, t.organisation_id)) throw forbidden('只有仪器所有单位可以出具结果', "Only the instrument's owner records the result");
    if (t.status !== 'accepted')
      throw conflict('TEST_STATE', '只有已受理的测试申请可以出具结果', 'Only an accepted request gets a result', [fieldError('status', 'in:accepted', '测试申请状态不符', 'the request is not accepted')]);
    if (body.samplesTested > t.samples)
      throw invalid([fieldError('samplesTested', 'at_most_requested', `实测样品数不能多于申请的${t.samples}个`, `must not exceed the ${t.samples} samples requested`)]);
    const bill = t.price_per_sample_fen * body.samplesTested;
    let orderId = t.voucher_order_id;
    if (orderId && t.voucher_id && t.subject_id) {
      if (bill === 0) await deps.voucherPayments.release(trx, orderId);
      else {
        if (bill !== num(t.estimate_fen)) {
          await deps.voucherPayments.release(trx, orderId);
          orderId = testOrderId(t.id, true);
          await deps.voucherPayments.hold(trx, { voucherId: t.voucher_id, holderSubjectId: t.subject_id, providerOrganisationId: t.organisation_id, category: 'testing', priceFen: bill, orderId }, deps.clock.today());
        }
        await deps.voucherPayments.redeem(trx, orderId);
      }
    }
    const now = deps.clock.now();
    await repo.updateTestRequest(trx, t.id, { status: 'completed', at: now, samples_tested: body.samplesTested, bill_fen: bill, report_file_id: body.fileId, completed_at: now, voucher_order_id: orderId });
    await tellRequester(trx, deps, t, `已出具检测报告，费用${(bill / 100).toFixed(2)}元`, `report issued, bill ${(bill / 100).toFixed(2)} yuan`);
    await record(trx, deps.clock, ctx, { action: 'instruments.test_result', entityType: 'instrument_test', entityId: t.id, data: { fileId: body.fileId, samplesTested: body.samplesTested, billFen: bill } });
  });
  return view(deps, principal, id);
}

export async function myTests(deps: InstrumentsDeps, principal: Principal): Promise<TestRequest[]> {
  const subjects = (await listMine(deps.db, principal)).map((s) => s.id);
  return testViews(deps, deps.db, await repo.testRequestsOfUser(deps.db, principal.userId, subjects), principal);
}

export async function ownerTests(deps: InstrumentsDeps, principal: Principal): Promise<TestRequest[]> {
  return testViews(deps, deps.db, await repo.testRequestsOfOrganisations(deps.db, ownerMemberships(principal).map((o) => o.organisationId)), principal);
}

/** A test request its requester (or an enterprise they act for) or the instrument's owner may read. */
export async function readableTest(deps: InstrumentsDeps, principal: Principal, id: string): Promise<TestRequestRow> {
  const t = await repo.findTestRequest(deps.db, id);
  if (!t) throw notFound({ zh: '测试申请', en: 'Test request' });
  if (t.user_id === principal.userId || manages(principal, t.organisation_id)) return t;
  if (t.subject_id && (await listMine(deps.db, principal)).some((s) => s.id === t.subject_id)) return t;
  throw notFound({ zh: '测试申请', en: 'Test request' });
}

/** The report file of a completed test, for its requester or the owner. */
export async function reportFileOf(deps: InstrumentsDeps, principal: Principal, id: string): Promise<string> {
  const t = await readableTest(deps, principal, id);
  if (!t.report_file_id) throw notFound({ zh: '检测报告', en: 'Report' });
  return t.report_file_id;
}

export async function testForStatement(deps: InstrumentsDeps, principal: Principal, id: string): Promise<TestRequest> {
  const t = await readableTest(deps, principal, id);
  return (await testViews(deps, deps.db, [t], principal))[0]!;
}

// ------------------------------------------------------------------ photos

const MAX_PHOTOS = 12;

export async function addPhoto(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, instrumentId: string, fileId: string): Promise<Instrument> {
  const [file] = await getFiles(deps.db, [fileId]);
  if (!file || file.ownerUserId !== principal.userId) throw invalid([fieldError('fileId', 'own_upload', '应为您本人上传的照片', 'must be a photo you uploaded')]);
  if (file.contentType !== 'image/jpeg' && file.contentType !== 'image/png') throw invalid([fieldError('fileId', 'image', '照片应为 JPEG 或 PNG 图片', 'must be a JPEG or PNG image')]);
  await deps.db.transaction().execute(async (trx) => {
    await loadManaged(trx, principal, instrumentId, true);
    if ((await repo.countPhotos(trx, instrumentId)) >= MAX_PHOTOS)
      throw conflict('TOO_MANY_PHOTOS', `每台仪器最多${MAX_PHOTOS}张照片`, `At most ${MAX_PHOTOS} photos an instrument`, [fieldError('fileId', 'max_photos', `每台仪器最多${MAX_PHOTOS}张照片，请先删除一张`, `at most ${MAX_PHOTOS} photos: remove one first`)]);
    await repo.addPhoto(trx, instrumentId, fileId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'instruments.photo_added', entityType: 'instrument', entityId: instrumentId, data: { fileId } });
  });
  return getInstrument(deps, principal, instrumentId);
}

export async function removePhoto(deps: InstrumentsDeps, principal: Principal, ctx: AuditContext, instrumentId: string, fileId: string): Promise<Instrument> {
  await deps.db.transaction().execute(async (trx) => {
    await loadManaged(trx, principal, instrumentId, true);
    if (!(await repo.removePhoto(trx, instrumentId, fileId))) throw notFound({ zh: '照片', en: 'Photo' });
    await record(trx, deps.clock, ctx, { action: 'instruments.photo_removed', entityType: 'instrument', entityId: instrumentId, data: { fileId } });
  });
  return getInstrument(deps, principal, instrumentId);
}

/** A photo of an instrument (public, as the instrument is). */
export async function photoFileOf(deps: InstrumentsDeps, instrumentId: string, fileId: string): Promise<string> {
  const photos = await repo.photosOf(deps.db, [instrumentId]);
  if (!photos.some((p) => p.file_id === fileId)) throw notFound({ zh: '照片', en: 'Photo' });
  return fileId;
}
