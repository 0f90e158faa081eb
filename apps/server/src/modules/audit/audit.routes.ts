import { AuditList, AuditQuery, AuditVerification } from '@seedbed/contract';
import type { AppInstance } from '../../platform/http.js';
import { list, verifyChain } from './audit.service.js';

export function auditRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/admin/audit',
    {
      config: { permission: 'admin.audit' },
      schema: {
        tags: ['audit'],
        summary: '审计日志 / Audit log, newest first',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (request) => {
      const { rows, total } = await list(app.deps.db, { ...request.query, limit: request.query.limit ?? 50 });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUserId: r.actor_user_id,
          actor: r.actor,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          requestId: r.request_id,
        })),
      };
    },
  );

  app.get(
    '/api/v1/admin/audit/verify',
    {
      config: { permission: 'admin.audit' },
      schema: {
        tags: ['audit'],
        summary: '校验审计链 / Verify the audit hash chain; names the first broken record',
        response: { 200: AuditVerification },
      },
    },
    async () => verifyChain(app.deps.db),
  );
}
