/**
 * 我的订单 (enterprises): each order's status, what a voucher pays and what the enterprise pays,
 * and the next step: accept a quote, cancel, accept or dispute a delivery, rate an accepted order.
 */
import { App as AntApp, Button, Form, Input, Modal, Rate, Space, Typography } from 'antd';
import { RATING_DIMENSIONS, RATING_DIMENSION_LABELS } from '@seedbed/contract';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading } from '../../app/ui';
import { orderAction, useMyOrders, type Order } from './marketplace.api';
import { Money, OrderStatusTag, Stars, useTx } from './marketplace-parts';
import { VoucherPicker, voucherStateText } from './voucher-picker';

/** The voucher's part and the enterprise's part of an order's price. */
export function OrderPrice({ order }: { order: Order }) {
  const tx = useTx();
  if (order.priceFen === null) return <span>{tx('待报价', 'Awaiting a quote')}</span>;
  return (
    <Space direction="vertical" size={0}>
      <Money fen={order.priceFen} />
      {order.voucher && (
        <Typography.Text type="secondary" data-testid="voucher-split">
          {tx('服务券支付', 'Voucher pays')} <Money fen={order.voucher.voucherPaysFen} /> · {tx('企业自付', 'You pay')} <Money fen={order.voucher.enterprisePaysFen} />
          <br />
          <span data-testid="voucher-state">{tx('服务券：', 'Voucher: ')}{voucherStateText(order.voucher.status, tx)}</span>
        </Typography.Text>
      )}
    </Space>
  );
}

export function OrdersPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('我的订单', 'My orders'));
  const orders = useMyOrders();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [rating, setRating] = useState<Order | null>(null);
  const [disputing, setDisputing] = useState<Order | null>(null);
  const [accepting, setAccepting] = useState<Order | null>(null);
  const act = async (o: Order, action: string, body: unknown = {}, done?: string) => {
    try {
      await orderAction(o.id, action, body);
      await qc.invalidateQueries({ queryKey: ['marketplace'] });
      if (done) message.success(done);
    } catch (e) {
      message.error(problemMessage(e, lang));
    }
  };
  if (orders.error) return <LoadError error={orders.error} onRetry={() => void orders.refetch()} />;
  return (
    <div>
      <PageHeading title={tx('我的订单', 'My orders')} subtitle={tx('在服务超市下单的服务；交付后请验收或提出争议，验收后可评价。', 'Services ordered in the marketplace: accept or dispute a delivery, then rate it.')} extra={<Link to="/market">{tx('去服务超市', 'To the marketplace')}</Link>} />
      <ResponsiveList<Order>
        rows={orders.data ?? []}
        loading={orders.isLoading}
        rowKey={(o) => o.id}
        testId="orders"
        empty={<EmptyState description={tx('还没有订单。', 'No orders yet.')}><Link to="/market">{tx('去服务超市看看', 'Browse the marketplace')}</Link></EmptyState>}
        columns={[
          { key: 'title', title: tx('服务', 'Service'), primary: true, render: (o) => <Space direction="vertical" size={0}><Typography.Text strong>{o.title}</Typography.Text><Link to={`/market/providers/${o.providerOrganisationId}`}>{o.providerName}</Link></Space> },
          { key: 'status', title: tx('状态', 'Status'), render: (o) => <span data-testid="order-status"><OrderStatusTag status={o.status} /></span> },
          { key: 'price', title: tx('价格', 'Price'), render: (o) => <OrderPrice order={o} /> },
          { key: 'delivery', title: tx('交付', 'Delivery'), render: (o) => (o.deliveryFile ? <a href={`/api/v1/marketplace/orders/${o.id}/delivery`}>{o.deliveryFile.name}</a> : '—') },
          {
            key: 'rating',
            title: tx('评价', 'Rating'),
            render: (o) => (o.rated ? <Space direction="vertical" size={0}>{RATING_DIMENSIONS.map((d) => <span key={d}>{RATING_DIMENSION_LABELS[d][lang]} <Stars n={o.ratings[d] ?? 0} /></span>)}{o.reply && <Typography.Text type="secondary">{tx('机构回复：', 'Reply: ')}{o.reply}</Typography.Text>}</Space> : '—'),
          },
          { key: 'updated', title: tx('更新', 'Updated'), render: (o) => showInstant(o.updatedAt, lang) },
          {
            key: 'actions',
            title: tx('操作', 'Actions'),
            render: (o) => (
              <Space wrap>
                {o.status === 'quoted' && <Button size="small" type="primary" data-testid="accept-quote" onClick={() => setAccepting(o)}>{tx('接受报价', 'Accept the quote')}</Button>}
                {o.status === 'delivered' && (
                  <>
                    <Button size="small" type="primary" data-testid="accept-delivery" onClick={() => void act(o, 'accept', {}, tx('已验收', 'Accepted'))}>{tx('验收', 'Accept')}</Button>
                    <Button size="small" danger onClick={() => setDisputing(o)}>{tx('提出争议', 'Dispute')}</Button>
                  </>
                )}
                {o.status === 'accepted' && !o.rated && <Button size="small" type="primary" data-testid="rate-order" onClick={() => setRating(o)}>{tx('评价', 'Rate')}</Button>}
                {['quote_requested', 'quoted', 'placed', 'confirmed'].includes(o.status) && <Button size="small" onClick={() => void act(o, 'cancel', {}, tx('订单已取消', 'Cancelled'))}>{tx('取消订单', 'Cancel')}</Button>}
                {o.status === 'disputed' && <Typography.Text type="secondary">{tx('等待主管部门裁定', 'Awaiting the officer’s decision')}</Typography.Text>}
                {o.decisionReason && <Typography.Text type="secondary">{tx('裁定：', 'Decision: ')}{o.decisionReason}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
      {rating && <RateModal order={rating} onClose={() => setRating(null)} />}
      {accepting && <AcceptQuoteModal order={accepting} onClose={() => setAccepting(null)} />}
      {disputing && (
        <ReasonModal
          title={tx('对交付提出争议', 'Dispute the delivery')}
          label={tx('争议理由', 'Why')}
          onClose={() => setDisputing(null)}
          onSubmit={async (reason) => {
            await orderAction(disputing.id, 'dispute', { reason });
            await qc.invalidateQueries({ queryKey: ['marketplace'] });
          }}
        />
      )}
    </div>
  );
}

/** Accepting a quote confirms the order; the enterprise may pay part of it with one of its vouchers. */
function AcceptQuoteModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [voucherId, setVoucherId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={tx(`接受报价：${order.title}`, `Accept the quote: ${order.title}`)}
      okText={tx('接受报价', 'Accept the quote')}
      cancelText={tx('取消', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'accept-quote-submit' } as never}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await orderAction(order.id, 'accept-quote', voucherId ? { voucherId } : {});
          await qc.invalidateQueries({ queryKey: ['marketplace'] });
          await qc.invalidateQueries({ queryKey: ['vouchers'] });
          message.success(tx('已接受报价', 'Quote accepted'));
          onClose();
        } catch (e) {
          setError(problemMessage(e, lang));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {tx('报价', 'Quoted price')}: {order.priceFen === null ? '—' : <Money fen={order.priceFen} />}
        </Typography.Text>
        <VoucherPicker target={{ listingId: order.listingId, category: order.category, voucherPayable: order.voucherPayable }} subjectId={order.subjectId} subjectName={order.enterpriseName} priceFen={order.priceFen} value={voucherId} onChange={setVoucherId} />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Space>
    </Modal>
  );
}

function RateModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [scores, setScores] = useState<Record<string, number>>({ quality: 0, timeliness: 0, price: 0 });
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const missing = RATING_DIMENSIONS.filter((d) => !scores[d]);
  return (
    <Modal
      open
      title={tx(`评价：${order.title}`, `Rate: ${order.title}`)}
      okText={tx('提交评价', 'Submit')}
      cancelText={tx('取消', 'Cancel')}
      okButtonProps={{ disabled: missing.length > 0, 'data-testid': 'rate-submit' } as never}
      onCancel={onClose}
      onOk={async () => {
        try {
          await orderAction(order.id, 'rate', { quality: scores.quality, timeliness: scores.timeliness, price: scores.price, comment });
          await qc.invalidateQueries({ queryKey: ['marketplace'] });
          onClose();
        } catch (e) {
          setError(problemMessage(e, lang));
        }
      }}
    >
      <Form layout="vertical">
        {RATING_DIMENSIONS.map((d) => (
          <Form.Item key={d} label={RATING_DIMENSION_LABELS[d][lang]} required>
            <Rate value={scores[d]} onChange={(v) => setScores({ ...scores, [d]: v })} data-testid={`rate-${d}`} />
          </Form.Item>
        ))}
        <Form.Item label={tx('评语（选填）', 'Comment (optional)')}>
          <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
        </Form.Item>
        <Typography.Text type="secondary">{tx('每个订单每项只能评价一次，提交后不能修改。', 'One rating per order and dimension; it cannot be changed.')}</Typography.Text>
        {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}

/** Asks for a reason (dispute, decline, suspension, revocation…) and submits it. */
export function ReasonModal({ title, label, onClose, onSubmit, testId }: { title: string; label: string; onClose: () => void; onSubmit: (reason: string) => Promise<void>; testId?: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={title}
      okText={tx('提交', 'Submit')}
      cancelText={tx('取消', 'Cancel')}
      okButtonProps={{ disabled: !reason.trim(), 'data-testid': testId ? `${testId}-submit` : undefined } as never}
      onCancel={onClose}
      onOk={async () => {
        try {
          await onSubmit(reason.trim());
          onClose();
        } catch (e) {
          setError(problemMessage(e, lang));
        }
      }}
    >
      <Form layout="vertical">
        <Form.Item label={label} required>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} data-testid={testId ? `${testId}-reason` : undefined} />
        </Form.Item>
        {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}
