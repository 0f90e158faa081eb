import type { ServiceCategory } from '@seedbed/contract';
import { Tag } from 'antd';
import { amountText } from '../../app/amount';
import { useLang } from '../../app/i18n';
import { categoryName } from './vouchers.api';

export function Yuan({ fen }: { fen: number }) {
  const { lang } = useLang();
  return <span style={{ whiteSpace: 'nowrap' }}>{amountText(fen, lang)}</span>;
}

export function Categories({ codes }: { codes: readonly ServiceCategory[] }) {
  const { lang } = useLang();
  return (
    <span>
      {codes.map((c) => (
        <Tag key={c} style={{ marginBottom: 4 }}>
          {categoryName(c, lang)}
        </Tag>
      ))}
    </span>
  );
}

export const shareText = (bp: number, lang: 'zh' | 'en'): string => (lang === 'zh' ? `抵扣价格的 ${bp / 100}%` : `pays ${bp / 100}% of a price`);

export const settlementText = (s: 'provider_redeems' | 'reimbursed', lang: 'zh' | 'en'): string =>
  s === 'provider_redeems' ? (lang === 'zh' ? '通兑（服务机构兑付）' : 'Provider redeems (通兑)') : lang === 'zh' ? '通用（企业先付后报销）' : 'Reimbursed (通用)';

export const useStatusText = () => {
  const { lang } = useLang();
  const zh = { held: '已占用', redeemed: '已兑付', released: '已释放', settled: '已结算', active: '有效', expired: '已过期', suspended: '已暂停', proposed: '待复核', paid: '已支付', rejected: '已驳回' } as const;
  const en = { held: 'Held', redeemed: 'Redeemed', released: 'Released', settled: 'Settled', active: 'Valid', expired: 'Expired', suspended: 'Suspended', proposed: 'Awaiting approval', paid: 'Paid', rejected: 'Rejected' } as const;
  return (s: keyof typeof zh) => (lang === 'zh' ? zh : en)[s];
};
