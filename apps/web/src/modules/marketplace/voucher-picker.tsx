/**
 * Paying part of an order with a service voucher (服务券): the ordering enterprise's vouchers,
 * each with its scheme, what is left and its expiry; those that cannot pay for this listing are
 * shown disabled with the reason; the chosen one's quote (服务券支付 / 企业自付) from the server.
 */
import { Alert, Radio, Space, Typography } from 'antd';
import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@seedbed/contract';
import { useQuery } from '@tanstack/react-query';
import { useLang } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { shanghaiToday } from '../../app/time';
import { useMyVouchersForMarket, voucherQuote, type MyVoucher } from './marketplace.api';
import { Money, useTx } from './marketplace-parts';

export interface VoucherTarget {
  listingId: string;
  category: ServiceCategory;
  voucherPayable: boolean;
}

/** Why a voucher cannot pay for the listing (zh, en), or null when it can. */
export function voucherUnusable(v: MyVoucher, target: VoucherTarget, today: string): [string, string] | null {
  if (!target.voucherPayable) return ['该服务不接受服务券支付', 'this service does not accept vouchers'];
  if (v.status === 'expired' || v.expiresOn < today) return [`已于 ${v.expiresOn} 到期`, `expired on ${v.expiresOn}`];
  if (v.validFrom > today) return [`${v.validFrom} 起可用`, `usable from ${v.validFrom}`];
  if (!v.categories.includes(target.category)) {
    const label = SERVICE_CATEGORY_LABELS[target.category];
    return [`不适用于“${label.zh}”类服务`, `does not pay for ${label.en} services`];
  }
  if (v.leftFen <= 0) return ['余额已用完', 'nothing left on it'];
  return null;
}

export function VoucherPicker({
  target,
  subjectId,
  subjectName,
  priceFen,
  value,
  onChange,
}: {
  target: VoucherTarget;
  subjectId: string;
  subjectName: string;
  /** The price to pay (fen), or null while it is not known (a quote is asked for). */
  priceFen: number | null;
  value: string | null;
  onChange: (voucherId: string | null) => void;
}) {
  const tx = useTx();
  const { lang } = useLang();
  const mine = useMyVouchersForMarket(true);
  const today = shanghaiToday();
  const vouchers = (mine.data ?? []).filter((v) => v.subjectName === subjectName);
  const quote = useQuery({
    queryKey: ['marketplace', 'voucher-quote', target.listingId, subjectId, value, priceFen],
    enabled: value !== null && priceFen !== null,
    retry: false,
    queryFn: () => voucherQuote({ listingId: target.listingId, subjectId, priceFen: priceFen!, voucherId: value! }),
  });
  if (mine.isLoading) return null;
  if (vouchers.length === 0) {
    return <Typography.Text type="secondary">{tx('本企业暂无服务券。', 'This enterprise holds no voucher.')}</Typography.Text>;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="voucher-picker">
      <Typography.Text strong>{tx('服务券支付', 'Pay with a voucher')}</Typography.Text>
      <Radio.Group value={value ?? ''} onChange={(e) => onChange((e.target.value as string) || null)}>
        <Space direction="vertical">
          <Radio value="">{tx('不使用服务券', 'No voucher')}</Radio>
          {vouchers.map((v) => {
            const reason = voucherUnusable(v, target, today);
            return (
              <Radio key={v.id} value={v.id} disabled={reason !== null} data-testid="voucher-option">
                <Space direction="vertical" size={0}>
                  <span>
                    {v.schemeTitle[lang]}（{v.year}）
                  </span>
                  <Typography.Text type="secondary">
                    {tx('剩余', 'Left')} <Money fen={v.leftFen} /> · {tx(`有效期至 ${v.expiresOn}`, `valid until ${v.expiresOn}`)} · {tx(`支付价款的 ${v.shareBp / 100}%`, `pays ${v.shareBp / 100}% of a price`)}
                  </Typography.Text>
                  {reason && <Typography.Text type="warning">{tx(`不可用：${reason[0]}`, `Not usable: ${reason[1]}`)}</Typography.Text>}
                </Space>
              </Radio>
            );
          })}
        </Space>
      </Radio.Group>
      {value !== null && priceFen === null && (
        <Typography.Text type="secondary">{tx('价格确定后显示服务券支付金额。', 'The voucher’s part is shown once the price is known.')}</Typography.Text>
      )}
      {value !== null && quote.error && <Alert type="error" showIcon message={problemMessage(quote.error, lang)} />}
      {value !== null && quote.data && (
        <Alert
          type="info"
          data-testid="voucher-quote"
          message={
            <span>
              {tx('服务券支付', 'Voucher pays')} <Money fen={quote.data.voucherPaysFen} /> · {tx('企业自付', 'You pay')} <Money fen={quote.data.enterprisePaysFen} />
            </span>
          }
          description={
            quote.data.settlement === 'provider_redeems'
              ? tx('服务券部分由服务机构向财政兑付，企业只需支付自付部分。', 'The provider is paid the voucher’s part by the scheme; you pay your part.')
              : tx('企业先全额支付，服务券部分验收后报销给企业。', 'You pay in full and are reimbursed the voucher’s part after acceptance.')
          }
        />
      )}
    </Space>
  );
}

/** The state of an order's voucher part, in words. */
export function voucherStateText(status: string, tx: (zh: string, en: string) => string): string {
  switch (status) {
    case 'quoted':
      return tx('机构确认后占用', 'held once the provider confirms');
    case 'held':
      return tx('已占用', 'held');
    case 'redeemed':
      return tx('已兑付，待财政结算', 'redeemed, to be settled');
    case 'settled':
      return tx('已结算', 'settled');
    case 'released':
      return tx('已释放，额度退回服务券', 'released back to the voucher');
    default:
      return status;
  }
}
