import { paymentsOf } from '../modules/budgets/index.js';
import { attachmentHeader } from '../modules/files/index.js';
import { awardListXlsx, awardRows } from '../modules/fulfilment/index.js';
import { requirePrincipal, type AppInstance } from '../platform/http.js';

/** The award list officials use (奖补名单, .xlsx): awards from fulfilment with their payments from budgets. */
export function exportAwardsRoute(app: AppInstance): void {
  app.get(
    '/api/v1/fulfilment/awards.xlsx',
    {
      config: { permission: 'fulfilment.export' },
      schema: { tags: ['fulfilment'], summary: '奖补名单（Excel）/ The award list as .xlsx' },
    },
    async (request, reply) => {
      const rows = await awardRows(app.deps, requirePrincipal(request));
      const payments = await paymentsOf(app.deps.db, rows.map((r) => r.id));
      const byAward = new Map(
        payments.map((p) => [
          p.awardId,
          { paidAt: p.paidAt, payeeAccount: p.payeeAccount ? `${p.payeeAccount.bank} ${p.payeeAccount.number}` : null },
        ]),
      );
      const buffer = await awardListXlsx(rows, byAward);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(`奖补名单-${app.deps.clock.today()}.xlsx`))
        .send(buffer);
    },
  );
}
