import { Type } from '@sinclair/typebox';
import {
  AddMemberBody,
  AdminUser,
  CreateOrganisationBody,
  CreateUserBody,
  IdParams,
  ListOf,
  MemberParams,
  Ok,
  Organisation,
  UpdateOrganisationBody,
  creditCodeProblem,
} from '@seedbed/contract';
import { auditContextOf, type AppInstance } from '../../platform/http.js';
import { invalid } from '../../platform/problems.js';
import { findRegion } from '../regions/index.js';
import { creditCodeError } from '../subjects/index.js';
import {
  createOrganisation,
  createUser,
  listOrganisationViews,
  listUsersWithMemberships,
  removeMembership,
  setMembership,
  updateOrganisation,
} from './identity.service.js';

const Paging = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    kind: Type.Optional(Type.String({ maxLength: 40 })),
    q: Type.Optional(Type.String({ maxLength: 64, description: '名称或统一社会信用代码包含 / Name or credit code contains' })),
  },
  { additionalProperties: false },
);

const UserQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    q: Type.Optional(Type.String({ maxLength: 64, description: '用户名或姓名包含 / Username or name contains' })),
    organisationId: Type.Optional(Type.String({ format: 'uuid', description: '只列该机构的成员 / Members of this organisation only' })),
  },
  { additionalProperties: false },
);

export function adminRoutes(app: AppInstance): void {
  const deps = () => ({ db: app.deps.db, clock: app.deps.clock, modules: app.deps.modules });
  const regionName = async (code: string) => (await findRegion(app.deps.db, code))?.name ?? null;

  app.get(
    '/api/v1/admin/organisations',
    {
      config: { permission: 'admin.organisations' },
      schema: { tags: ['admin'], summary: '组织列表 / Organisations: `q` searches the name or credit code (case-insensitive, wildcards literal), `kind` filters', querystring: Paging, response: { 200: ListOf(Organisation) } },
    },
    async (request) =>
      listOrganisationViews(app.deps.db, { kind: request.query.kind, q: request.query.q?.trim() || undefined, limit: request.query.limit ?? 100, offset: request.query.offset ?? 0 }, regionName),
  );

  app.post(
    '/api/v1/admin/organisations',
    {
      config: { permission: 'admin.organisations' },
      schema: { tags: ['admin'], summary: '新建组织 / Create an organisation (department, enterprise, provider …)', body: CreateOrganisationBody, response: { 201: Type.Object({ id: Type.String() }) } },
    },
    async (request, reply) => {
      const problem = request.body.creditCode ? creditCodeProblem(request.body.creditCode) : null;
      if (problem) throw invalid([creditCodeError('creditCode', problem)]);
      const id = await app.deps.db.transaction().execute((trx) => createOrganisation(trx, deps(), auditContextOf(request), request.body));
      return reply.code(201).send({ id });
    },
  );

  app.patch(
    '/api/v1/admin/organisations/:id',
    {
      config: { permission: 'admin.organisations' },
      schema: { tags: ['admin'], summary: '修改组织 / Update an organisation', params: IdParams, body: UpdateOrganisationBody, response: { 200: Ok } },
    },
    async (request) => {
      await updateOrganisation(deps(), auditContextOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/admin/users',
    {
      config: { permission: 'admin.users' },
      schema: { tags: ['admin'], summary: '用户列表（新建在前）/ Users with their memberships, newest first', querystring: UserQuery, response: { 200: ListOf(AdminUser) } },
    },
    async (request) =>
      listUsersWithMemberships(app.deps.db, {
        q: request.query.q?.trim() || undefined,
        organisationId: request.query.organisationId,
        limit: request.query.limit ?? 100,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/api/v1/admin/users',
    {
      config: { permission: 'admin.users' },
      schema: { tags: ['admin'], summary: '新建用户 / Create a user account', body: CreateUserBody, response: { 201: Type.Object({ id: Type.String() }) } },
    },
    async (request, reply) => {
      const id = await app.deps.db.transaction().execute((trx) => createUser(trx, deps(), auditContextOf(request), request.body));
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/admin/organisations/:id/members',
    {
      config: { permission: 'admin.users' },
      schema: { tags: ['admin'], summary: '设置成员角色 / Add a member or change their roles', params: IdParams, body: AddMemberBody, response: { 200: Ok } },
    },
    async (request) => {
      await app.deps.db.transaction().execute((trx) =>
        setMembership(trx, deps(), auditContextOf(request), request.params.id, request.body.userId, request.body.roles),
      );
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/v1/admin/organisations/:id/members/:userId',
    {
      config: { permission: 'admin.users' },
      schema: { tags: ['admin'], summary: '移除成员 / Remove a member', params: MemberParams, response: { 200: Ok } },
    },
    async (request) => {
      await removeMembership(deps(), auditContextOf(request), request.params.id, request.params.userId);
      return { ok: true as const };
    },
  );
}
