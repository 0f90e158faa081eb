import { Type } from '@sinclair/typebox';
import {
  Booking,
  BookingBody,
  BookingReasonBody,
  BusyQuery,
  BusyRanges,
  Closure,
  IdParams,
  Instrument,
  InstrumentBody,
  InstrumentQuery,
  Ok,
  OwnerWorkbench,
  PhotoBody,
  QualificationBody,
  SharingQuery,
  SharingStatistics,
  TestReasonBody,
  TestRequest,
  TestRequestBody,
  TestResultBody,
  UsageBody,
  Uuid,
  WaitBody,
} from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { attachmentHeader, getFile, openFileBytes, sendStoredFile } from '../files/index.js';
import { cjkFont } from '../fulfilment/index.js';
import { statementPdf } from './instruments.pdf.js';
import * as s from './instruments.service.js';
import { bookingStatement, testStatement } from './instruments.statements.js';
import * as t from './instruments.testing.js';
import { sharingXlsx } from './instruments.xlsx.js';

const tags = ['instruments'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ClosuresBody = Type.Object({ closures: Type.Array(Closure, { maxItems: 100 }) }, { additionalProperties: false });
const QualificationParams = Type.Object({ id: Uuid, userId: Uuid }, { additionalProperties: false });
const PhotoParams = Type.Object({ id: Uuid, fileId: Uuid }, { additionalProperties: false });

export function instrumentsRoutes(app: AppInstance): void {
  const d = app.deps;
  const ok = { ok: true as const };

  // ------------------------------------------------------------ public
  app.get('/api/v1/instruments', { config: { permission: 'public' }, schema: { tags, summary: '搜索共享仪器 / Search shared instruments (Chinese, pinyin; category, region, rate, free on a day)', querystring: InstrumentQuery, response: { 200: Type.Array(Instrument) } } }, async (request) =>
    s.searchInstruments(d, request.principal ?? null, request.query),
  );
  app.get('/api/v1/instruments/:id', { config: { permission: 'public' }, schema: { tags, summary: '仪器详情 / An instrument: rules, rates, services, closures', params: IdParams, response: { 200: Instrument } } }, async (request) =>
    s.getInstrument(d, request.principal ?? null, request.params.id),
  );
  app.get('/api/v1/instruments/:id/busy', { config: { permission: 'public' }, schema: { tags, summary: '仪器占用时段 / Busy times and closures between two days (who booked is not said)', params: IdParams, querystring: BusyQuery, response: { 200: BusyRanges } } }, async (request) =>
    s.busy(d, request.params.id, request.query.from, request.query.to),
  );
  app.get('/api/v1/instruments/:id/busy.ics', { config: { permission: 'public' }, schema: { tags, summary: '仪器占用日历（iCalendar）/ Busy times as an RFC 5545 feed', params: IdParams } }, async (request, reply) =>
    reply.type('text/calendar; charset=utf-8').send(await s.busyIcs(d, request.params.id)),
  );

  app.get('/api/v1/instruments/:id/photos/:fileId', { config: { permission: 'public' }, schema: { tags, summary: '仪器照片 / A photo of the instrument', params: PhotoParams } }, async (request, reply) => {
    const fileId = await t.photoFileOf(d, request.params.id, request.params.fileId);
    return sendStoredFile(reply, await getFile(d.db, fileId), openFileBytes(d.config, fileId));
  });

  // ------------------------------------------------------------ users
  app.post('/api/v1/instruments/:id/tests', { config: { permission: 'authenticated' }, schema: { tags, summary: '申请测试项目 / Request a test service with N samples (optionally paying with a voucher, held now)', params: IdParams, body: TestRequestBody, response: { 200: TestRequest } } }, async (request) =>
    t.requestTest(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get('/api/v1/instruments/tests/mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的测试申请 / My test requests, results and bills', response: { 200: Type.Array(TestRequest) } } }, async (request) =>
    t.myTests(d, requirePrincipal(request)),
  );
  for (const [path, what, summary] of [
    ['cancel', 'cancel', '取消测试申请 / Cancel a test request before its result (a voucher hold is released)'],
    ['accept', 'accept', '受理测试申请 / Accept a test request (owner)'],
    ['decline', 'decline', '不予受理 / Decline a test request with a reason (owner; a voucher hold is released)'],
  ] as const) {
    app.post(`/api/v1/instruments/tests/:id/${path}`, { config: { permission: 'authenticated' }, schema: { tags, summary, params: IdParams, body: TestReasonBody, response: { 200: TestRequest } } }, async (request) =>
      t.actOnTest(d, requirePrincipal(request), auditContextOf(request), request.params.id, what, request.body.reason),
    );
  }
  app.post('/api/v1/instruments/tests/:id/result', { config: { permission: 'authenticated' }, schema: { tags, summary: '出具检测结果 / Record the result: the PDF report and the samples tested; the bill is per sample (owner)', params: IdParams, body: TestResultBody, response: { 200: TestRequest } } }, async (request) =>
    t.recordResult(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get('/api/v1/instruments/tests/:id/report', { config: { permission: 'authenticated' }, schema: { tags, summary: '下载检测报告 / Download the test report (requester or owner)', params: IdParams } }, async (request, reply) => {
    const fileId = await t.reportFileOf(d, requirePrincipal(request), request.params.id);
    return sendStoredFile(reply, await getFile(d.db, fileId), openFileBytes(d.config, fileId));
  });
  app.get('/api/v1/instruments/tests/:id/statement.pdf', { config: { permission: 'authenticated' }, schema: { tags, summary: '测试费用结算单（PDF）/ The test service’s statement of what is not paid by a voucher', params: IdParams } }, async (request, reply) => {
    const st = await testStatement(d, requirePrincipal(request), request.params.id);
    return reply.type('application/pdf').header('content-disposition', attachmentHeader(`结算单-${st.number}.pdf`, true)).send(await statementPdf(st, cjkFont(d.config.cjkFont)));
  });
  app.get('/api/v1/instruments/bookings/:id/statement.pdf', { config: { permission: 'authenticated' }, schema: { tags, summary: '机时费用结算单（PDF）/ The booking’s statement of what is not paid by a voucher', params: IdParams } }, async (request, reply) => {
    const st = await bookingStatement(d, requirePrincipal(request), request.params.id);
    return reply.type('application/pdf').header('content-disposition', attachmentHeader(`结算单-${st.number}.pdf`, true)).send(await statementPdf(st, cjkFont(d.config.cjkFont)));
  });
  app.post('/api/v1/instruments/bookings/:id/start', { config: { permission: 'authenticated' }, schema: { tags, summary: '开始使用 / Start a self-operated session (the booked, qualified user)', params: IdParams, response: { 200: Booking } } }, async (request) =>
    s.startSession(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post('/api/v1/instruments/bookings/:id/stop', { config: { permission: 'authenticated' }, schema: { tags, summary: '结束使用 / Stop the session: the actual use becomes the usage record and the bill', params: IdParams, response: { 200: Booking } } }, async (request) =>
    s.stopSession(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post('/api/v1/instruments/:id/bookings', { config: { permission: 'authenticated' }, schema: { tags, summary: '预约仪器 / Book a slot (optionally paying with an innovation voucher, held now)', params: IdParams, body: BookingBody, response: { 200: Booking } } }, async (request) =>
    s.book(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.post('/api/v1/instruments/:id/waitlist', { config: { permission: 'authenticated' }, schema: { tags, summary: '候补 / Wait for a taken slot (told when it frees)', params: IdParams, body: WaitBody, response: { 200: Ok } } }, async (request) => {
    await s.joinWaitlist(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.during);
    return ok;
  });
  app.post('/api/v1/instruments/:id/qualification', { config: { permission: 'authenticated' }, schema: { tags, summary: '声明操作资质 / Declare a qualification to operate the instrument yourself', params: IdParams, body: QualificationBody, response: { 200: Ok } } }, async (request) => {
    await s.declareQualification(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.statement);
    return ok;
  });
  app.get('/api/v1/instruments/bookings/mine', { config: { permission: 'authenticated' }, schema: { tags, summary: '我的预约 / My bookings and bills', response: { 200: Type.Array(Booking) } } }, async (request) =>
    s.myBookings(d, requirePrincipal(request)),
  );
  app.post('/api/v1/instruments/bookings/:id/cancel', { config: { permission: 'authenticated' }, schema: { tags, summary: '取消预约 / Cancel a booking (after the cutoff the fee applies; a voucher hold is released)', params: IdParams, body: BookingReasonBody, response: { 200: Booking } } }, async (request) =>
    s.act(d, requirePrincipal(request), auditContextOf(request), request.params.id, 'cancel', request.body.reason),
  );

  // ------------------------------------------------------------ owners
  app.get('/api/v1/instruments/owner', { config: { permission: 'authenticated' }, schema: { tags, summary: '仪器管理 / The owner workbench: instruments, bookings, test requests, qualifications', response: { 200: OwnerWorkbench } } }, async (request) => {
    const principal = requirePrincipal(request);
    return { ...(await s.workbench(d, principal)), tests: await t.ownerTests(d, principal) };
  });
  app.post('/api/v1/instruments/:id/photos', { config: { permission: 'authenticated' }, schema: { tags, summary: '添加仪器照片 / Add a photo (a JPEG or PNG you uploaded; its owner)', params: IdParams, body: PhotoBody, response: { 200: Instrument } } }, async (request) =>
    t.addPhoto(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.fileId),
  );
  app.delete('/api/v1/instruments/:id/photos/:fileId', { config: { permission: 'authenticated' }, schema: { tags, summary: '删除仪器照片 / Remove a photo (its owner)', params: PhotoParams, response: { 200: Instrument } } }, async (request) =>
    t.removePhoto(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.fileId),
  );
  app.post('/api/v1/instruments', { config: { permission: 'authenticated' }, schema: { tags, summary: '发布仪器 / List an instrument (an instrument owner)', body: InstrumentBody, response: { 200: Instrument } } }, async (request) =>
    s.createInstrument(d, requirePrincipal(request), auditContextOf(request), request.body),
  );
  app.put('/api/v1/instruments/:id', { config: { permission: 'authenticated' }, schema: { tags, summary: '修改仪器 / Edit an instrument and its rules (its owner)', params: IdParams, body: InstrumentBody, response: { 200: Instrument } } }, async (request) =>
    s.updateInstrument(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.put('/api/v1/instruments/:id/closures', { config: { permission: 'authenticated' }, schema: { tags, summary: '设置停用时段 / Set the closures (its owner)', params: IdParams, body: ClosuresBody, response: { 200: Instrument } } }, async (request) =>
    s.setClosures(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body.closures),
  );
  app.post('/api/v1/instruments/:id/qualifications/:userId/confirm', { config: { permission: 'authenticated' }, schema: { tags, summary: '确认用户资质 / Confirm a user’s declared qualification (its owner)', params: QualificationParams, response: { 200: Ok } } }, async (request) => {
    await s.confirmQualification(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.userId);
    return ok;
  });
  for (const [path, what, summary] of [
    ['approve', 'approve', '批准预约 / Approve a requested booking (owner)'],
    ['reject', 'reject', '不予通过 / Reject a requested booking with a reason (owner)'],
    ['no-show', 'no_show', '登记爽约 / Record a no-show (owner; the fee applies)'],
  ] as const) {
    app.post(`/api/v1/instruments/bookings/:id/${path}`, { config: { permission: 'authenticated' }, schema: { tags, summary, params: IdParams, body: BookingReasonBody, response: { 200: Booking } } }, async (request) =>
      s.act(d, requirePrincipal(request), auditContextOf(request), request.params.id, what, request.body.reason),
    );
  }
  app.post('/api/v1/instruments/bookings/:id/usage', { config: { permission: 'authenticated' }, schema: { tags, summary: '登记使用 / Record the actual use: the bill follows (a voucher pays its part)', params: IdParams, body: UsageBody, response: { 200: Booking } } }, async (request) =>
    s.recordUsage(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
  app.get('/api/v1/instruments/sharing', { config: { permission: 'authenticated' }, schema: { tags, summary: '共享统计 / Sharing statistics of the owner’s instruments for a year', querystring: SharingQuery, response: { 200: SharingStatistics } } }, async (request) =>
    s.sharingStatistics(d, requirePrincipal(request), request.query.year),
  );
  app.get('/api/v1/instruments/sharing.xlsx', { config: { permission: 'authenticated' }, schema: { tags, summary: '共享统计（Excel）/ Sharing statistics as .xlsx', querystring: SharingQuery } }, async (request, reply) => {
    const stats = await s.sharingStatistics(d, requirePrincipal(request), request.query.year);
    return reply.type(XLSX).header('content-disposition', attachmentHeader(`仪器共享统计-${stats.year}.xlsx`)).send(await sharingXlsx(stats));
  });
}
