import { AuditExportQuery, AuditList, AuditQuery } from '@seedbed/contract';
import { auditXlsx, readableLog, type AuditNameResolver } from '../modules/audit/index.js';
import { budgetsById, paymentAwards } from '../modules/budgets/index.js';
import { attachmentHeader } from '../modules/files/index.js';
import { applicationNames } from '../modules/fulfilment/index.js';
import { itemTitles } from '../modules/policies/index.js';
import type { AppInstance } from '../platform/http.js';

/**
 * The audit log as people read it (sentences naming the actor and the object) spans modules: the
 * log holds ids; fulfilment names an application (applicant and item), budgets a budget (item and
 * year) or a payment (its award), policies an item. The audit module takes these as resolvers and
 * names the core tables' objects (people, organisations, profiles, files) itself.
 */
export const AUDIT_NAMES: Readonly<Record<string, AuditNameResolver>> = {
  application: applicationNames,
  policy_item: async (db, ids) => itemTitles(db, ids),
  budget: async (db, ids) => {
    const budgets = await budgetsById(db, ids);
    const titles = await itemTitles(db, [...budgets.values()].map((b) => b.itemId));
    return new Map(
      [...budgets].map(([id, b]) => {
        const t = titles.get(b.itemId);
        return [id, { zh: `${t?.zh ?? '（未知事项）'} ${b.year} 年度预算`, en: `the ${b.year} budget of ${t?.en ?? '(unknown item)'}` }];
      }),
    );
  },
  payment: async (db, ids) => {
    const awards = await paymentAwards(db, ids);
    const names = await applicationNames(db, [...awards.values()]);
    return new Map(
      [...awards].flatMap(([id, award]) => {
        const n = names.get(award);
        return n ? [[id, { zh: n.zh.replace(/ 申请$/, ' 奖补'), en: n.en.replace(/^the application of /, 'the award to ') }] as const] : [];
      }),
    );
  },
};

export function auditLogRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/admin/audit',
    {
      config: { permission: 'admin.audit' },
      schema: {
        tags: ['audit'],
        summary: '审计日志 / Audit log, newest first, each entry as a sentence; filters: who, kind of action, object, days',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (request) => readableLog(app.deps.db, { ...request.query, limit: request.query.limit ?? 50 }, AUDIT_NAMES),
  );

  app.get(
    '/api/v1/admin/audit.xlsx',
    {
      config: { permission: 'admin.audit' },
      schema: {
        tags: ['audit'],
        summary: '导出审计日志（Excel）/ The filtered audit log as .xlsx (newest first, at most 10,000 entries)',
        querystring: AuditExportQuery,
      },
    },
    async (request, reply) => {
      const buffer = await auditXlsx(app.deps.db, request.query, AUDIT_NAMES);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(`审计日志-${app.deps.clock.today()}.xlsx`))
        .send(buffer);
    },
  );
}
