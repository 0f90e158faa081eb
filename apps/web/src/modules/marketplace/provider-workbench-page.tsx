/**
 * 服务机构工作台: the provider's certification (apply, status, validity, reasons), its listings
 * (publish in a certified category, withdraw), orders to quote, confirm, decline and deliver
 * (upload the result), and ratings with one reply each; its current grade explained.
 */
import { App as AntApp, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Tabs, Typography, Upload } from 'antd';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@seedbed/contract';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { RegionCascader } from '../regions';
import { applyCertification, createListing, orderAction, uploadFile, useWorkbench, withdrawListing, type Listing, type Order, type ProviderWorkbench } from './marketplace.api';
import { CategoryTag, CertificationStatusTag, GradeExplained, OrderStatusTag, PriceRange, Stars, useTx } from './marketplace-parts';
import { OrderPrice, ReasonModal } from './orders-page';

export function ProviderWorkbenchPage() {
  const tx = useTx();
  usePageTitle(tx('服务机构工作台', 'Provider workbench'));
  const wb = useWorkbench();
  if (wb.isLoading) return <PageLoading />;
  if (wb.error || !wb.data) return <LoadError error={wb.error} onRetry={() => void wb.refetch()} />;
  const d = wb.data;
  const toDo = d.orders.filter((o) => ['quote_requested', 'placed', 'confirmed'].includes(o.status)).length;
  return (
    <div>
      <PageHeading
        title={tx('服务机构工作台', 'Provider workbench')}
        subtitle={
          <Space wrap>
            <span>{d.name}</span>
            {d.certification ? <CertificationStatusTag status={d.certification.status} /> : <Typography.Text type="warning">{tx('尚未认证', 'Not certified')}</Typography.Text>}
            {d.certification?.validTo && d.certification.status === 'certified' && <span>{tx(`有效期至 ${d.certification.validTo}`, `valid until ${d.certification.validTo}`)}</span>}
            <Stars n={d.grade.stars} />
          </Space>
        }
      />
      <Tabs
        items={[
          { key: 'orders', label: tx(`订单${toDo ? `（待办 ${toDo}）` : ''}`, `Orders${toDo ? ` (${toDo} to do)` : ''}`), children: <ProviderOrders orders={d.orders} /> },
          { key: 'cert', label: tx('认证', 'Certification'), children: <CertificationPanel wb={d} /> },
          { key: 'listings', label: tx('服务项目', 'Listings'), children: <ListingsPanel wb={d} /> },
          { key: 'ratings', label: tx('评价与星级', 'Ratings & grade'), children: <RatingsPanel wb={d} /> },
        ]}
      />
    </div>
  );
}

function CertificationPanel({ wb }: { wb: ProviderWorkbench }) {
  const tx = useTx();
  const { lang } = useLang();
  const c = wb.certification;
  const mayApply = !c || ['rejected', 'revoked'].includes(c.status);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {c ? (
        <Card size="small" title={tx('当前认证', 'Current certification')} data-testid="certification-status">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 's', label: tx('状态', 'Status'), children: <CertificationStatusTag status={c.status} /> },
            { key: 'c', label: tx('认证类别', 'Categories'), children: c.categories.map((x) => SERVICE_CATEGORY_LABELS[x][lang]).join('、') },
            { key: 'v', label: tx('有效期', 'Valid'), children: c.validFrom ? `${c.validFrom} – ${c.validTo}` : '—' },
            { key: 'r', label: tx('服务地区', 'Regions'), children: c.regions.map((r) => r.name).join('、') },
            { key: 'a', label: tx('申请时间', 'Applied'), children: showInstant(c.appliedAt, lang) },
            ...(c.reason ? [{ key: 'reason', label: tx('理由', 'Reason'), children: c.reason }] : []),
          ]} />
        </Card>
      ) : (
        <EmptyState description={tx('尚未申请认证。认证通过后才能发布服务。', 'Not certified yet: certification comes before listing services.')} />
      )}
      {mayApply && <ApplyForm />}
    </Space>
  );
}

function ApplyForm() {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [categories, setCategories] = useState<string[]>([]);
  const [region, setRegion] = useState<string | null>(null);
  const [qualifications, setQualifications] = useState('');
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card size="small" title={tx('申请认证', 'Apply for certification')}>
      <Form layout="vertical">
        <Form.Item label={tx('认证类别', 'Categories')} required>
          <Checkbox.Group value={categories} onChange={(v) => setCategories(v as string[])} options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c][lang] }))} />
        </Form.Item>
        <Form.Item label={tx('服务地区', 'Region served')} required>
          <RegionCascader value={region} onChange={setRegion} />
        </Form.Item>
        <Form.Item label={tx('资质说明', 'Qualifications')} required>
          <Input.TextArea rows={4} value={qualifications} onChange={(e) => setQualifications(e.target.value)} maxLength={4000} placeholder={tx('资格证书、专业人员、服务业绩等', 'Licences, staff, track record')} />
        </Form.Item>
        <Form.Item label={tx('资质文件（PDF、JPEG、PNG）', 'Documents (PDF, JPEG, PNG)')}>
          <Upload
            showUploadList={false}
            customRequest={async ({ file }) => {
              try {
                const stored = await uploadFile(file as File);
                setFiles((f) => [...f, { id: stored.id, name: stored.name }]);
              } catch (e) {
                message.error(problemMessage(e, lang));
              }
            }}
          >
            <Button>{tx('上传文件', 'Upload')}</Button>
          </Upload>
          <ul>{files.map((f) => <li key={f.id}>{f.name}</li>)}</ul>
        </Form.Item>
        {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
        <Button
          type="primary"
          disabled={categories.length === 0 || !region || !qualifications.trim()}
          onClick={async () => {
            try {
              await applyCertification({ categories, regions: [region!], qualifications, fileIds: files.map((f) => f.id) });
              await qc.invalidateQueries({ queryKey: ['marketplace'] });
              message.success(tx('已提交认证申请', 'Application submitted'));
            } catch (e) {
              setError(problemMessage(e, lang));
            }
          }}
        >
          {tx('提交申请', 'Submit')}
        </Button>
      </Form>
    </Card>
  );
}

function ListingsPanel({ wb }: { wb: ProviderWorkbench }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const certified = wb.certification?.status === 'certified';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {certified ? (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="new-listing">{tx('发布服务', 'Publish a service')}</Button>
      ) : (
        <Typography.Text type="secondary">{tx('认证有效时才能发布服务。', 'Services can be listed while the certification is in force.')}</Typography.Text>
      )}
      <ResponsiveList<Listing>
        rows={wb.listings}
        rowKey={(l) => l.id}
        testId="my-listings"
        empty={<EmptyState description={tx('还没有发布服务。', 'No services listed yet.')} />}
        columns={[
          { key: 't', title: tx('服务', 'Service'), primary: true, render: (l) => l.title },
          { key: 'c', title: tx('类别', 'Category'), render: (l) => <CategoryTag category={l.category} /> },
          { key: 'p', title: tx('价格', 'Price'), render: (l) => <PriceRange min={l.priceMinFen} max={l.priceMaxFen} /> },
          { key: 'v', title: tx('服务券', 'Voucher'), render: (l) => (l.voucherPayable ? tx('可用', 'Accepted') : tx('不可用', 'Not accepted')) },
          { key: 'a', title: tx('状态', 'Status'), render: (l) => (l.active ? tx('在售', 'Listed') : tx('已下架', 'Withdrawn')) },
          {
            key: 'x',
            title: tx('操作', 'Actions'),
            render: (l) =>
              l.active ? (
                <Button size="small" onClick={async () => {
                  try {
                    await withdrawListing(l.id);
                    await qc.invalidateQueries({ queryKey: ['marketplace'] });
                  } catch (e) {
                    message.error(problemMessage(e, lang));
                  }
                }}>{tx('下架', 'Withdraw')}</Button>
              ) : '—',
          },
        ]}
      />
      {adding && wb.certification && <ListingModal categories={wb.certification.categories} defaultRegion={wb.certification.regions[0]?.code ?? null} onClose={() => setAdding(false)} />}
    </Space>
  );
}

function ListingModal({ categories, defaultRegion, onClose }: { categories: ServiceCategory[]; defaultRegion: string | null; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<ServiceCategory | undefined>(categories[0]);
  const [min, setMin] = useState<number | null>(null);
  const [max, setMax] = useState<number | null>(null);
  const [days, setDays] = useState<number | null>(10);
  const [region, setRegion] = useState<string | null>(defaultRegion);
  const [voucher, setVoucher] = useState(true);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={tx('发布服务', 'Publish a service')}
      okText={tx('发布', 'Publish')}
      cancelText={tx('取消', 'Cancel')}
      okButtonProps={{ disabled: !title.trim() || min === null || !category || !region || !days, 'data-testid': 'listing-submit' } as never}
      onCancel={onClose}
      onOk={async () => {
        try {
          await createListing({ title, description, category, priceMinFen: Math.round(min! * 100), priceMaxFen: Math.round((max ?? min!) * 100), deliveryDays: days, regions: [region], voucherPayable: voucher });
          await qc.invalidateQueries({ queryKey: ['marketplace'] });
          onClose();
        } catch (e) {
          setError(problemMessage(e, lang));
        }
      }}
    >
      <Form layout="vertical">
        <Form.Item label={tx('服务名称', 'Title')} required><Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} data-testid="listing-title" /></Form.Item>
        <Form.Item label={tx('服务内容', 'Description')}><Input.TextArea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} /></Form.Item>
        <Form.Item label={tx('类别（仅限认证类别）', 'Category (certified ones only)')} required>
          <Select value={category} onChange={setCategory} options={categories.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c][lang] }))} />
        </Form.Item>
        <Form.Item label={tx('价格（元）：最低 – 最高（一口价只填最低）', 'Price (yuan): from – to (a fixed price: "from" only)')} required>
          <Space.Compact>
            <InputNumber min={0} value={min} onChange={setMin} data-testid="listing-min" />
            <InputNumber min={0} value={max} onChange={setMax} data-testid="listing-max" />
          </Space.Compact>
        </Form.Item>
        <Form.Item label={tx('交付周期（天）', 'Delivery (days)')} required><InputNumber min={1} max={365} value={days} onChange={setDays} /></Form.Item>
        <Form.Item label={tx('服务地区', 'Region served')} required><RegionCascader value={region} onChange={setRegion} /></Form.Item>
        <Form.Item label={tx('接受服务券支付', 'Accept vouchers')}><Switch checked={voucher} onChange={setVoucher} /></Form.Item>
        {error && <Typography.Paragraph type="danger" data-testid="listing-error">{error}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}

function ProviderOrders({ orders }: { orders: Order[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [quoting, setQuoting] = useState<Order | null>(null);
  const [declining, setDeclining] = useState<Order | null>(null);
  const act = async (o: Order, action: string, body: unknown = {}) => {
    try {
      await orderAction(o.id, action, body);
      await qc.invalidateQueries({ queryKey: ['marketplace'] });
    } catch (e) {
      message.error(problemMessage(e, lang));
    }
  };
  return (
    <>
      <ResponsiveList<Order>
        rows={orders}
        rowKey={(o) => o.id}
        testId="provider-orders"
        empty={<EmptyState description={tx('还没有订单。', 'No orders yet.')} />}
        columns={[
          { key: 't', title: tx('服务', 'Service'), primary: true, render: (o) => <Space direction="vertical" size={0}><Typography.Text strong>{o.title}</Typography.Text><span>{o.enterpriseName}</span></Space> },
          { key: 's', title: tx('状态', 'Status'), render: (o) => <OrderStatusTag status={o.status} /> },
          { key: 'p', title: tx('价格', 'Price'), render: (o) => <OrderPrice order={o} /> },
          { key: 'n', title: tx('需求说明', 'Request'), render: (o) => o.note || '—' },
          { key: 'd', title: tx('争议', 'Dispute'), render: (o) => o.disputeReason ?? '—' },
          {
            key: 'x',
            title: tx('操作', 'Actions'),
            render: (o) => (
              <Space wrap>
                {o.status === 'quote_requested' && <Button size="small" type="primary" onClick={() => setQuoting(o)}>{tx('报价', 'Quote')}</Button>}
                {o.status === 'placed' && <Button size="small" type="primary" data-testid="confirm-order" onClick={() => void act(o, 'confirm')}>{tx('确认接单', 'Confirm')}</Button>}
                {['quote_requested', 'placed'].includes(o.status) && <Button size="small" onClick={() => setDeclining(o)}>{tx('拒绝', 'Decline')}</Button>}
                {o.status === 'confirmed' && (
                  <Upload
                    showUploadList={false}
                    customRequest={async ({ file }) => {
                      try {
                        const stored = await uploadFile(file as File);
                        await orderAction(o.id, 'deliver', { fileId: stored.id });
                        await qc.invalidateQueries({ queryKey: ['marketplace'] });
                        message.success(tx('已交付，等待企业验收', 'Delivered: the enterprise will accept'));
                      } catch (e) {
                        message.error(problemMessage(e, lang));
                      }
                    }}
                  >
                    <Button size="small" type="primary" data-testid="deliver-order">{tx('上传交付成果', 'Upload the result')}</Button>
                  </Upload>
                )}
              </Space>
            ),
          },
        ]}
      />
      {quoting && <QuoteModal order={quoting} onClose={() => setQuoting(null)} />}
      {declining && (
        <ReasonModal title={tx('拒绝订单', 'Decline the order')} label={tx('理由', 'Reason')} onClose={() => setDeclining(null)} onSubmit={async (reason) => {
          await orderAction(declining.id, 'decline', { reason });
          await qc.invalidateQueries({ queryKey: ['marketplace'] });
        }} />
      )}
    </>
  );
}

function QuoteModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [price, setPrice] = useState<number | null>(order.priceMinFen / 100);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal open title={tx('报价', 'Quote')} okText={tx('提交报价', 'Send the quote')} cancelText={tx('取消', 'Cancel')} onCancel={onClose} okButtonProps={{ disabled: price === null }} onOk={async () => {
      try {
        await orderAction(order.id, 'quote', { priceFen: Math.round(price! * 100) });
        await qc.invalidateQueries({ queryKey: ['marketplace'] });
        onClose();
      } catch (e) {
        setError(problemMessage(e, lang));
      }
    }}>
      <label>{tx('价格（元）', 'Price (yuan)')} <InputNumber min={0} value={price} onChange={setPrice} /></label>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
    </Modal>
  );
}

function RatingsPanel({ wb }: { wb: ProviderWorkbench }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [replying, setReplying] = useState<string | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={tx('当前星级', 'Current grade')}><GradeExplained grade={wb.grade} /></Card>
      <ResponsiveList<ProviderWorkbench['ratings'][number]>
        rows={wb.ratings}
        rowKey={(r) => r.orderId}
        testId="my-ratings"
        empty={<EmptyState description={tx('暂无评价。', 'No ratings yet.')} />}
        columns={[
          { key: 'o', title: tx('订单', 'Order'), primary: true, render: (r) => r.orderTitle },
          { key: 'q', title: tx('质量', 'Quality'), render: (r) => <Stars n={r.scores.quality ?? 0} /> },
          { key: 't', title: tx('及时性', 'Timeliness'), render: (r) => <Stars n={r.scores.timeliness ?? 0} /> },
          { key: 'p', title: tx('价格', 'Price'), render: (r) => <Stars n={r.scores.price ?? 0} /> },
          { key: 'c', title: tx('评语', 'Comment'), render: (r) => r.comment || '—' },
          { key: 'r', title: tx('回复', 'Reply'), render: (r) => r.reply ?? <Button size="small" onClick={() => setReplying(r.orderId)}>{tx('回复', 'Reply')}</Button> },
          { key: 'at', title: tx('时间', 'When'), render: (r) => showInstant(r.ratedAt, lang) },
        ]}
      />
      {replying && (
        <ReasonModal title={tx('回复评价（仅一次）', 'Reply (once)')} label={tx('回复内容', 'Reply')} onClose={() => setReplying(null)} onSubmit={async (text) => {
          await orderAction(replying, 'reply', { text });
          await qc.invalidateQueries({ queryKey: ['marketplace'] });
        }} />
      )}
    </Space>
  );
}
