/**
 * 服务机构认证 (officers and reviewers of the provider's region): review applications against the
 * rubric and decide (certify with validity, or reject with a reason), suspend, reinstate or revoke
 * certifications, decide disputes, and handle misuse flags (dismiss, or revoke the provider).
 * The programme office computes the year's star grades here too.
 */
import { App as AntApp, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Radio, Space, Tabs, Tag, Typography } from 'antd';
import { FLAG_KIND_LABELS, SERVICE_CATEGORY_LABELS } from '@seedbed/contract';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { hasPermission, useMe } from '../../app/auth';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { certificationAction, computeGrades, orderAction, resolveFlag, useCertificationCase, useCertifications, useDisputes, useFlags, type Certification, type Flag, type Order } from './marketplace.api';
import { CertificationStatusTag, useTx } from './marketplace-parts';
import { OrderPrice, ReasonModal } from './orders-page';

export function OfficerPage() {
  const tx = useTx();
  usePageTitle(tx('服务机构认证', 'Provider certification'));
  const me = useMe().data;
  const certify = hasPermission(me, 'marketplace.certify');
  return (
    <div>
      <PageHeading title={tx('服务机构认证', 'Provider certification')} subtitle={tx('本部门辖区内服务机构的认证、争议裁定与违规线索。', 'Certification, disputes and misuse flags of providers in your regions.')} />
      {hasPermission(me, 'marketplace.grade') && <GradesCard />}
      {certify && (
        <Tabs
          items={[
            { key: 'pending', label: tx('待审核', 'To review'), children: <CertificationList status="pending" /> },
            { key: 'certified', label: tx('已认证', 'Certified'), children: <CertificationList status="certified" /> },
            { key: 'suspended', label: tx('已暂停', 'Suspended'), children: <CertificationList status="suspended" /> },
            { key: 'disputes', label: tx('争议裁定', 'Disputes'), children: <Disputes /> },
            { key: 'flags', label: tx('违规线索', 'Misuse flags'), children: <Flags /> },
          ]}
        />
      )}
    </div>
  );
}

function GradesCard() {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  return (
    <Card size="small" title={tx('年度星级评选', 'Annual star grades')} style={{ marginBottom: 16 }}>
      <Space wrap>
        <InputNumber min={2000} max={2100} value={year} onChange={setYear} addonAfter={tx('年', 'year')} />
        <Button type="primary" onClick={async () => {
          try {
            const r = await computeGrades(year!);
            message.success(tx(`已评定 ${r.providers} 家机构`, `${r.providers} providers graded`));
          } catch (e) {
            message.error(problemMessage(e, lang));
          }
        }}>{tx('按公式评定', 'Grade by the formula')}</Button>
      </Space>
    </Card>
  );
}

function CertificationList({ status }: { status: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const list = useCertifications(status);
  const [open, setOpen] = useState<string | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <ResponsiveList<Certification>
        rows={list.data ?? []}
        loading={list.isLoading}
        rowKey={(c) => c.id}
        testId={`certifications-${status}`}
        empty={<EmptyState description={tx('没有记录。', 'Nothing here.')} />}
        columns={[
          { key: 'n', title: tx('机构', 'Provider'), primary: true, render: (c) => <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(c.id)}>{c.providerName}</Button> },
          { key: 'r', title: tx('所在地', 'Based in'), render: (c) => c.providerRegionName },
          { key: 'c', title: tx('申请类别', 'Categories'), render: (c) => c.categories.map((x) => SERVICE_CATEGORY_LABELS[x][lang]).join('、') },
          { key: 's', title: tx('状态', 'Status'), render: (c) => <CertificationStatusTag status={c.status} /> },
          { key: 'v', title: tx('有效期', 'Valid'), render: (c) => (c.validFrom ? `${c.validFrom} – ${c.validTo}` : '—') },
          { key: 'a', title: tx('申请时间', 'Applied'), render: (c) => showInstant(c.appliedAt, lang) },
        ]}
      />
      {open && <CaseDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function CaseDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const c = useCertificationCase(id);
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  const [decision, setDecision] = useState<'certify' | 'reject'>('certify');
  const [validFrom, setValidFrom] = useState(dayjs().format('YYYY-MM-DD'));
  const [validTo, setValidTo] = useState(dayjs().add(2, 'year').subtract(1, 'day').format('YYYY-MM-DD'));
  const [reason, setReason] = useState('');
  const [standing, setStanding] = useState<'suspend' | 'revoke' | 'reinstate' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['marketplace'] });
  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      await refresh();
      message.success(done);
    } catch (e) {
      message.error(problemMessage(e, lang));
    }
  };
  return (
    <Drawer open width={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)} onClose={onClose} title={c.data?.certification.providerName ?? tx('认证案卷', 'Certification')}>
      {c.isLoading || !c.data ? (
        c.error ? <LoadError error={c.error} /> : <PageLoading />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="certification-case">
          <Descriptions size="small" column={1} items={[
            { key: 's', label: tx('状态', 'Status'), children: <CertificationStatusTag status={c.data.certification.status} /> },
            { key: 'c', label: tx('申请类别', 'Categories'), children: c.data.certification.categories.map((x) => SERVICE_CATEGORY_LABELS[x][lang]).join('、') },
            { key: 'r', label: tx('服务地区', 'Regions'), children: c.data.certification.regions.map((r) => r.name).join('、') },
            { key: 'q', label: tx('资质说明', 'Qualifications'), children: c.data.certification.qualifications },
            { key: 'f', label: tx('资质文件', 'Documents'), children: c.data.certification.files.length ? c.data.certification.files.map((f) => <div key={f.id}><a href={`/api/v1/marketplace/certifications/${id}/files/${f.id}`}>{f.name}</a></div>) : tx('未上传', 'None') },
            ...(c.data.certification.reason ? [{ key: 'reason', label: tx('理由', 'Reason'), children: c.data.certification.reason }] : []),
          ]} />
          <Card size="small" title={tx(`评审（${c.data.review.scored}/${c.data.review.minAssessors}）`, `Review (${c.data.review.scored}/${c.data.review.minAssessors})`)}>
            {c.data.review.entries.map((e, i) => (
              <div key={i}>{e.sealed ? tx('（一份评审意见，提交本人意见后可见）', '(a review, visible once yours is in)') : `${e.assessorName}：${e.conflict ? tx('声明利益冲突', 'declared a conflict') : `${e.total} ${tx('分', 'points')}`}${e.comment ? ` · ${e.comment}` : ''}`}</div>
            ))}
            {c.data.mayReview && (
              <Form layout="inline" style={{ marginTop: 8, rowGap: 8 }}>
                {c.data.review.criteria.map((k) => (
                  <Form.Item key={k.id} label={`${k.label[lang]}（0–${k.max}）`}>
                    <InputNumber min={0} max={k.max} value={scores[k.id] ?? null} onChange={(v) => setScores({ ...scores, [k.id]: v })} data-testid={`score-${k.id}`} />
                  </Form.Item>
                ))}
                <Form.Item label={tx('意见', 'Comment')}><Input value={comment} onChange={(e) => setComment(e.target.value)} /></Form.Item>
                <Button type="primary" data-testid="submit-review" disabled={c.data.review.criteria.some((k) => scores[k.id] === null || scores[k.id] === undefined)} onClick={() => void run(() => certificationAction(id, 'review', { conflict: false, scores, comment }), tx('已提交评审', 'Review submitted'))}>
                  {tx('提交评分', 'Submit scores')}
                </Button>
              </Form>
            )}
          </Card>
          {c.data.certification.status === 'pending' && (
            <Card size="small" title={tx('认证决定', 'Decision')}>
              {!c.data.mayDecide && <Typography.Paragraph type="secondary">{tx('评审完成后方可决定。', 'Decide once the review is complete.')}</Typography.Paragraph>}
              <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as 'certify' | 'reject')}>
                <Radio value="certify">{tx('予以认证', 'Certify')}</Radio>
                <Radio value="reject">{tx('不予认证', 'Reject')}</Radio>
              </Radio.Group>
              <div style={{ marginTop: 8 }}>
                {decision === 'certify' ? (
                  <Space wrap>
                    {tx('有效期', 'Valid')}
                    <DatePicker value={dayjs(validFrom)} onChange={(d) => d && setValidFrom(d.format('YYYY-MM-DD'))} allowClear={false} />
                    –
                    <DatePicker value={dayjs(validTo)} onChange={(d) => d && setValidTo(d.format('YYYY-MM-DD'))} allowClear={false} />
                  </Space>
                ) : (
                  <Input.TextArea placeholder={tx('不予认证的理由', 'Why not')} value={reason} onChange={(e) => setReason(e.target.value)} />
                )}
              </div>
              <Button style={{ marginTop: 8 }} type="primary" data-testid="decide" disabled={!c.data.mayDecide} onClick={() => void run(() => certificationAction(id, 'decide', decision === 'certify' ? { decision, validFrom, validTo } : { decision, reason }), tx('已作出决定', 'Decided'))}>
                {tx('确定', 'Decide')}
              </Button>
            </Card>
          )}
          {['certified', 'suspended'].includes(c.data.certification.status) && (
            <Space wrap>
              {c.data.certification.status === 'certified' && <Button onClick={() => setStanding('suspend')}>{tx('暂停认证', 'Suspend')}</Button>}
              {c.data.certification.status === 'suspended' && <Button onClick={() => setStanding('reinstate')}>{tx('恢复认证', 'Reinstate')}</Button>}
              <Button danger onClick={() => setStanding('revoke')}>{tx('撤销认证', 'Revoke')}</Button>
            </Space>
          )}
          {standing && (
            <ReasonModal
              title={{ suspend: tx('暂停认证', 'Suspend'), revoke: tx('撤销认证', 'Revoke'), reinstate: tx('恢复认证', 'Reinstate') }[standing]}
              label={tx('理由', 'Reason')}
              onClose={() => setStanding(null)}
              onSubmit={async (r) => {
                await certificationAction(id, standing, { reason: r });
                await refresh();
              }}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}

function Disputes() {
  const tx = useTx();
  const qc = useQueryClient();
  const list = useDisputes();
  const [deciding, setDeciding] = useState<{ order: Order; decision: 'provider' | 'enterprise' } | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <ResponsiveList<Order>
        rows={list.data ?? []}
        loading={list.isLoading}
        rowKey={(o) => o.id}
        testId="disputes"
        empty={<EmptyState description={tx('没有待裁定的争议。', 'No dispute to decide.')} />}
        columns={[
          { key: 't', title: tx('服务', 'Service'), primary: true, render: (o) => o.title },
          { key: 'p', title: tx('服务机构', 'Provider'), render: (o) => o.providerName },
          { key: 'e', title: tx('企业', 'Enterprise'), render: (o) => o.enterpriseName },
          { key: 'price', title: tx('价格', 'Price'), render: (o) => <OrderPrice order={o} /> },
          { key: 'r', title: tx('争议理由', 'Dispute'), render: (o) => o.disputeReason },
          { key: 'f', title: tx('交付', 'Delivery'), render: (o) => (o.deliveryFile ? <a href={`/api/v1/marketplace/orders/${o.id}/delivery`}>{o.deliveryFile.name}</a> : '—') },
          {
            key: 'x',
            title: tx('裁定', 'Decide'),
            render: (o) => (
              <Space wrap>
                <Button size="small" onClick={() => setDeciding({ order: o, decision: 'provider' })}>{tx('支持服务机构', 'For the provider')}</Button>
                <Button size="small" onClick={() => setDeciding({ order: o, decision: 'enterprise' })}>{tx('支持企业', 'For the enterprise')}</Button>
              </Space>
            ),
          },
        ]}
      />
      {deciding && (
        <ReasonModal
          title={deciding.decision === 'provider' ? tx('裁定支持服务机构（视为验收）', 'For the provider (counts as accepted)') : tx('裁定支持企业（订单取消，服务券退回）', 'For the enterprise (cancelled, voucher released)')}
          label={tx('裁定理由', 'Reason')}
          onClose={() => setDeciding(null)}
          onSubmit={async (reason) => {
            await orderAction(deciding.order.id, 'decide-dispute', { decision: deciding.decision, reason });
            await qc.invalidateQueries({ queryKey: ['marketplace'] });
          }}
        />
      )}
    </>
  );
}

function Flags() {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const list = useFlags();
  const [acting, setActing] = useState<{ flag: Flag; action: 'dismiss' | 'revoke' } | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {tx(
          '系统能识别：同一账户同时代表企业与服务机构、双方负责人同名（仅凭姓名，须核实）、同一对象之间反复的整千元订单、未验收即尝试评价。无法识别线下的关联关系。',
          'Detected: one account acting for both sides, owners with the same name (by name only: verify), repeated whole-thousand-yuan orders between one pair, rating attempts before acceptance. Ties outside the platform cannot be seen.',
        )}
      </Typography.Paragraph>
      <ResponsiveList<Flag>
        rows={list.data ?? []}
        loading={list.isLoading}
        rowKey={(f) => f.id}
        testId="flags"
        empty={<EmptyState description={tx('没有违规线索。', 'No flags.')} />}
        columns={[
          { key: 'k', title: tx('类型', 'Kind'), primary: true, render: (f) => FLAG_KIND_LABELS[f.kind][lang] },
          { key: 'p', title: tx('服务机构', 'Provider'), render: (f) => f.providerName },
          { key: 'e', title: tx('企业', 'Enterprise'), render: (f) => f.enterpriseName ?? '—' },
          { key: 'd', title: tx('情况', 'Detail'), render: (f) => f.detail },
          { key: 's', title: tx('状态', 'Status'), render: (f) => (f.status === 'open' ? <Tag color="red">{tx('待处理', 'Open')}</Tag> : <Tag>{f.status === 'acted' ? tx('已撤销认证', 'Provider revoked') : tx('已排除', 'Dismissed')}</Tag>) },
          {
            key: 'x',
            title: tx('处理', 'Act'),
            render: (f) =>
              f.status === 'open' ? (
                <Space wrap>
                  <Button size="small" onClick={() => setActing({ flag: f, action: 'dismiss' })}>{tx('排除', 'Dismiss')}</Button>
                  <Button size="small" danger onClick={() => setActing({ flag: f, action: 'revoke' })}>{tx('查实并撤销认证', 'Confirmed: revoke')}</Button>
                </Space>
              ) : (f.resolution ?? '—'),
          },
        ]}
      />
      {acting && (
        <ReasonModal
          title={acting.action === 'revoke' ? tx('查实并撤销该机构认证', 'Revoke the provider’s certification') : tx('排除线索', 'Dismiss the flag')}
          label={tx('处理意见', 'Note')}
          onClose={() => setActing(null)}
          onSubmit={async (note) => {
            await resolveFlag(acting.flag.id, { action: acting.action, note });
            await qc.invalidateQueries({ queryKey: ['marketplace'] });
          }}
        />
      )}
    </>
  );
}
