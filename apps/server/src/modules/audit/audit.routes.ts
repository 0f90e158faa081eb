import { existsSync, readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { AuditVerification } from '@seedbed/contract';
import type { AppInstance } from '../../platform/http.js';
import { checkpointFileOf, verifyAudit, type AuditAnchor } from './audit.checkpoints.js';
import { loadAuditKey } from './audit.key.js';

export function auditRoutes(app: AppInstance): void {
  // The log itself (GET /api/v1/admin/audit, as sentences) is served by src/workflows/audit-log.ts: it names objects other modules own.

  app.get(
    '/api/v1/admin/audit/verify',
    {
      config: { permission: 'admin.audit' },
      schema: {
        tags: ['audit'],
        summary: '校验审计链 / Verify the audit hash chain and its signed checkpoints; names the first broken record',
        description:
          '重新计算哈希链，并逐一核对签名检查点（签名、检查点链、所记录的链头与条数）。最后一个检查点之后的记录仅受哈希链保护。 / ' +
          'Recomputes the hash chain and checks every signed checkpoint (signature, checkpoint chain, the head and count it signed). ' +
          'Records after the last checkpoint (`checkpoints.unanchored`) are protected by the hash chain only.',
        response: { 200: AuditVerification },
      },
    },
    async () => verifyAudit(app.deps.db, anchorOf(app)),
  );

  app.get(
    '/api/v1/admin/audit/checkpoints',
    {
      config: { permission: 'admin.audit' },
      schema: {
        tags: ['audit'],
        summary: '导出审计检查点文件 / Export the signed audit checkpoints (JSON lines) for safekeeping outside the platform',
        description:
          '返回检查点文件原文，供项目办公室保存；之后可用 npm run audit:verify -- --checkpoints <文件> 对照校验。 / ' +
          'Returns the checkpoint file as written, for the programme office to keep; verify against that copy later with ' +
          '`npm run audit:verify -- --checkpoints <file>`.',
        produces: ['application/x-ndjson'],
        response: { 200: Type.String({ description: 'JSON lines, one signed checkpoint a line' }) },
      },
    },
    async (_request, reply) => {
      const file = checkpointFileOf(app.deps.config.auditDir);
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="seedbed-audit-checkpoints.jsonl"')
        .header('cache-control', 'no-store')
        .send(text);
    },
  );
}

/** The checkpoint folder and key of this app (the key is read only when there are checkpoints to check). */
function anchorOf(app: AppInstance): AuditAnchor {
  return { dir: app.deps.config.auditDir, key: () => loadAuditKey(app.deps.config) };
}
