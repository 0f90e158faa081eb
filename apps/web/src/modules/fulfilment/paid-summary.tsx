/**
 * What was paid, when and into which account: the applicant's read-only summary of the payment
 * of their award (GET /fulfilment/applications/:id/payment). Shown on the overview and meant for
 * the application page too; an award not yet paid shows nothing, one awaiting the second
 * finance officer says so.
 */
import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ApplicantPayment } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { amountText } from '../../app/amount';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { showInstantDate } from '../../app/time';

const m = defineMessages({
  zh: {
    paid: '已拨付',
    paidLine: (amount: string, date: string) => `${amount}，${date} 拨付`,
    account: (a: string) => `收款账户：${a}`,
    awaiting: (amount: string) => `拨付中：${amount}，等待财务复核`,
  },
  en: {
    paid: 'Paid',
    paidLine: (amount: string, date: string) => `${amount}, paid on ${date}`,
    account: (a: string) => `Into account: ${a}`,
    awaiting: (amount: string) => `Being paid: ${amount}, awaiting finance's second approval`,
  },
});

export const useApplicantPayment = (applicationId: string, enabled = true) =>
  useQuery({
    queryKey: ['fulfilment', 'applicant-payment', applicationId],
    queryFn: async () => (await api.get<{ payment: ApplicantPayment | null }>(`/fulfilment/applications/${encodeURIComponent(applicationId)}/payment`)).payment,
    enabled,
  });

export function PaidSummary({ applicationId, compact = false }: { applicationId: string; compact?: boolean }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const payment = useApplicantPayment(applicationId);
  const p = payment.data;
  if (!p) return null;
  if (p.status !== 'paid')
    return compact ? <span data-testid="paid-summary">{t.awaiting(amountText(p.amountFen, lang))}</span> : <Alert type="info" showIcon data-testid="paid-summary" title={t.awaiting(amountText(p.amountFen, lang))} />;
  const line = t.paidLine(amountText(p.amountFen, lang), showInstantDate(p.paidAt));
  const account = p.payeeAccount ? t.account(p.payeeAccount) : null;
  if (compact)
    return (
      <span data-testid="paid-summary">
        <strong>{t.paid}</strong> {line}
        {account ? `${lang === 'zh' ? '；' : '; '}${account}` : ''}
      </span>
    );
  return <Alert type="success" showIcon data-testid="paid-summary" title={`${t.paid}：${line}`} description={account} />;
}
