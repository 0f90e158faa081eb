import { Type } from '@sinclair/typebox';
import { AttendanceBody, CourseBody, CoursePage, CourseQuery, CourseSummary, FollowUp, FollowUpBody, IdParams, MyEnrolment, RosterEntry, SessionParams, SubsidyItem } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { attachmentHeader } from '../files/index.js';
import { cjkFont } from '../fulfilment/index.js';
import { certificatePdf } from './training.certificate.js';
import * as s from './training.service.js';

const tags = ['training'];

export function trainingRoutes(app: AppInstance): void {
  const d = app.deps;

  // ------------------------------------------------------------ public
  app.get(
    '/api/v1/training/courses',
    { config: { permission: 'public' }, schema: { tags, summary: '创业培训班 / Start-up training courses (by region)', querystring: CourseQuery, response: { 200: Type.Array(CourseSummary) } } },
    async (request) => s.listCourses(d, request.query),
  );
  app.get(
    '/api/v1/training/courses/:id',
    { config: { permission: 'public' }, schema: { tags, summary: '培训班详情 / A course: sessions, capacity, the subsidy standard; one\'s own enrolment', params: IdParams, response: { 200: CoursePage } } },
    async (request) => s.coursePage(d, request.principal ?? undefined, request.params.id),
  );
  app.get(
    '/api/v1/training/subsidy-items',
    { config: { permission: 'public' }, schema: { tags, summary: '创业培训补贴事项 / The catalogue\'s training-subsidy items in force', response: { 200: Type.Array(SubsidyItem) } } },
    async () => s.subsidyItems(d.db, d.clock.today()),
  );

  // ------------------------------------------------------------ trainees
  app.post(
    '/api/v1/training/courses/:id/enrol',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '报名 / Enrol (a person; up to the capacity)', params: IdParams, response: { 200: CoursePage } } },
    async (request) => s.enrol(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.post(
    '/api/v1/training/courses/:id/withdraw',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '退出报名 / Withdraw before the course starts (frees the seat; refused from the first session on)', params: IdParams, response: { 200: CoursePage } } },
    async (request) => s.withdraw(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );
  app.get(
    '/api/v1/training/mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的培训 / My enrolments: attendance, completion, the subsidy', response: { 200: Type.Array(MyEnrolment) } } },
    async (request) => s.myEnrolments(d, requirePrincipal(request)),
  );
  app.get(
    '/api/v1/training/enrolments/:id/certificate.pdf',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '结业证书（PDF）/ The completion certificate', params: IdParams } },
    async (request, reply) => {
      const cert = await s.certificateOf(d, requirePrincipal(request), request.params.id);
      const pdf = await certificatePdf(cert, cjkFont(d.config.cjkFont));
      return reply.type('application/pdf').header('content-disposition', attachmentHeader(`结业证书-${cert.trainee}.pdf`)).send(pdf);
    },
  );

  // ------------------------------------------------------------ providers
  app.get(
    '/api/v1/training/courses-mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '本机构的培训班 / The courses my provider runs', response: { 200: Type.Array(CourseSummary) } } },
    async (request) => s.myCourses(d, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/training/courses',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '开设培训班 / Open a course (a training provider)', body: CourseBody, response: { 201: CoursePage } } },
    async (request, reply) => reply.code(201).send(await s.createCourse(d, requirePrincipal(request), auditContextOf(request), request.body)),
  );
  app.get(
    '/api/v1/training/courses/:id/roster',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '学员与考勤 / Trainees and attendance (the provider; departments covering the course)', params: IdParams, response: { 200: Type.Array(RosterEntry) } } },
    async (request) => s.roster(d, requirePrincipal(request), request.params.id),
  );
  app.put(
    '/api/v1/training/courses/:id/sessions/:sessionId/attendance',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记考勤 / Record a session\'s attendance (the provider)', params: SessionParams, body: AttendanceBody, response: { 200: Type.Array(RosterEntry) } } },
    async (request) => s.recordAttendance(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.params.sessionId, request.body),
  );
  app.post(
    '/api/v1/training/courses/:id/complete',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '结业 / Close the course: trainees at 80% of the hours complete it', params: IdParams, response: { 200: Type.Array(RosterEntry) } } },
    async (request) => s.completeCourse(d, requirePrincipal(request), auditContextOf(request), request.params.id),
  );

  // ------------------------------------------------------------ follow-ups (providers, the programme office)
  app.get(
    '/api/v1/training/follow-ups',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '结业半年回访 / Follow-ups six months after completion', response: { 200: Type.Array(FollowUp) } } },
    async (request) => s.listFollowUps(d, requirePrincipal(request)),
  );
  app.put(
    '/api/v1/training/follow-ups/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '登记回访结果 / Record whether the trainee started a business or found work', params: IdParams, body: FollowUpBody, response: { 200: Type.Array(FollowUp) } } },
    async (request) => s.answerFollowUp(d, requirePrincipal(request), auditContextOf(request), request.params.id, request.body),
  );
}
