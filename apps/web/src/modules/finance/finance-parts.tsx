/** Pieces the finance pages share: how ranges read, status tags, the engine's criteria, the apply dialog. */
import { useState } from 'react';
import { App as AntApp, Checkbox, Form, Input, InputNumber, Modal, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { NEED_STATUS_LABELS, PRODUCT_KIND_LABELS, REQUEST_STATUS_LABELS, type FinanceRequest, type NeedStatus, type ProductKind, type Verdict } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { useLang, type Lang } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ProblemAlert } from '../../app/ui';
import { postNeed, type ProductSummary } from './finance.api';

export function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

export const kindText = (k: ProductKind, lang: Lang) => PRODUCT_KIND_LABELS[k][lang];
export const rateText = (bp: number) => `${(bp / 100).toFixed(2)}%`;
export function amountRange(p: Pick<ProductSummary, 'amountMinFen' | 'amountMaxFen'>, lang: Lang): string {
  return p.amountMinFen === p.amountMaxFen ? amountText(p.amountMaxFen, lang) : `${amountText(p.amountMinFen, lang)} – ${amountText(p.amountMaxFen, lang)}`;
}
export function rateRange(p: Pick<ProductSummary, 'rateMinBp' | 'rateMaxBp' | 'kind'>, lang: Lang): string {
  if (p.kind === 'equity' && p.rateMaxBp === 0) return lang === 'zh' ? '股权投资，不计利息' : 'Equity: no interest';
  return p.rateMinBp === p.rateMaxBp ? rateText(p.rateMaxBp) : `${rateText(p.rateMinBp)} – ${rateText(p.rateMaxBp)}`;
}
export function termRange(p: Pick<ProductSummary, 'termMinMonths' | 'termMaxMonths'>, lang: Lang): string {
  const r = p.termMinMonths === p.termMaxMonths ? `${p.termMaxMonths}` : `${p.termMinMonths}–${p.termMaxMonths}`;
  return lang === 'zh' ? `${r} 个月` : `${r} months`;
}

const KIND_COLOURS: Record<ProductKind, string> = { credit: 'blue', guarantee: 'cyan', ip_pledge: 'purple', startup_guaranteed: 'green', equity: 'magenta' };
export function KindTag({ kind }: { kind: ProductKind }) {
  const { lang } = useLang();
  return <Tag color={KIND_COLOURS[kind]}>{kindText(kind, lang)}</Tag>;
}

const NEED_COLOURS: Record<NeedStatus, string> = { waiting: 'gold', offered: 'green', refused: 'red', unmatched: 'default' };
export function NeedTag({ status }: { status: NeedStatus }) {
  const { lang } = useLang();
  return <Tag color={NEED_COLOURS[status]}>{NEED_STATUS_LABELS[status][lang]}</Tag>;
}

/** A request's state with its deadline: due by, answered in time, overdue. */
export function RequestTag({ r }: { r: Pick<FinanceRequest, 'status' | 'dueOn' | 'overdue' | 'escalatedOn'> }) {
  const tx = useTx();
  const { lang } = useLang();
  if (r.status === 'pending')
    return r.overdue ? (
      <Tag color="red" style={{ whiteSpace: 'normal' }}>{r.escalatedOn ? tx(`已超期（应于 ${r.dueOn} 前），已报金融办`, `Overdue (due ${r.dueOn}), escalated`) : tx(`已超期（应于 ${r.dueOn} 前）`, `Overdue (due ${r.dueOn})`)}</Tag>
    ) : (
      <Tag color="gold" style={{ whiteSpace: 'normal' }}>{tx(`${r.dueOn} 前答复`, `Answer by ${r.dueOn}`)}</Tag>
    );
  return (
    <Tag color={r.status === 'accepted' ? 'green' : 'default'}>
      {REQUEST_STATUS_LABELS[r.status][lang]}
      {r.overdue ? tx('（超期）', ' (late)') : ''}
    </Tag>
  );
}

const STATUS_TEXT = {
  eligible: { zh: '符合条件', en: 'Eligible', colour: 'green' },
  near_miss: { zh: '差一点', en: 'Near miss', colour: 'orange' },
  unknown: { zh: '需补充信息', en: 'Needs more information', colour: 'blue' },
  ineligible: { zh: '不符合', en: 'Not eligible', colour: 'default' },
} as const;
export function VerdictTag({ status }: { status: Verdict['status'] }) {
  const { lang } = useLang();
  const s = STATUS_TEXT[status];
  return <Tag color={s.colour}>{s[lang]}</Tag>;
}

const ICON = { pass: '✓', fail: '✗', unknown: '?' } as const;
/** The engine's explanation, criterion by criterion, as the policy finder shows it. */
export function VerdictCriteria({ verdict }: { verdict: Verdict }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <>
      {verdict.gap ? (
        <Typography.Paragraph className="sb-gap">
          <strong>{tx('差距：', 'Gap: ')}</strong>
          {verdict.gap.text[lang]}
        </Typography.Paragraph>
      ) : null}
      <ul className="sb-criteria">
        {verdict.criteria.map((c) => (
          <li key={c.id} data-status={c.status}>
            <span aria-hidden>{ICON[c.status]}</span> {c.sentence[lang]}
            {c.status === 'fail' && c.reason ? <Typography.Text type="secondary"> {tx('原因：', 'Why: ')}{c.reason[lang]}</Typography.Text> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

interface NeedValues {
  amountWan: number;
  termMonths: number;
  purpose: string;
  collateral: string;
  consentToShare: boolean;
}
const NEED_FIELDS = [['amountFen'], ['termMonths'], ['purpose'], ['collateral'], ['consentToShare']] as const;

/** Applies to a product, or (without one) posts a need the platform sends to every matching product. */
export function NeedDialog({ subjectId, product, onClose, onDone }: { subjectId: string; product: ProductSummary | null; onClose: () => void; onDone: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const [form] = Form.useForm<NeedValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const submit = async (v: NeedValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const need = await postNeed({ subjectId, productId: product?.id ?? null, amountFen: Math.round(v.amountWan * 1_000_000), termMonths: v.termMonths, purpose: v.purpose ?? '', collateral: v.collateral ?? '', consentToShare: !!v.consentToShare });
      await qc.invalidateQueries({ queryKey: ['finance'] });
      void message.success(product ? tx('已提交申请，请等待机构答复', 'Applied: the institution will answer') : need.requests.length > 0 ? tx(`已发送给 ${need.requests.length} 家机构`, `Sent to ${need.requests.length} institutions`) : tx('已发布，暂无匹配的产品', 'Posted: no product matches yet'));
      onDone();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, NEED_FIELDS.map((f) => [...f])));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={product ? tx(`申请：${product.name}`, `Apply: ${product.name}`) : tx('发布融资需求', 'Post a financing need')} okText={tx('提交', 'Submit')} cancelText={tx('取消', 'Cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'need-submit' } as never}>
      {product ? (
        <Typography.Paragraph type="secondary">
          {product.institution} · {amountRange(product, lang)} · {termRange(product, lang)}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{tx('平台将需求发送给您符合条件、额度和期限相符的产品所属机构，每家机构一笔。', 'The platform sends the need to the institutions of the products you qualify for whose amount and term fit, one request each.')}</Typography.Paragraph>
      )}
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ consentToShare: true, termMonths: product ? product.termMinMonths : 12 }}>
        <Form.Item name="amountWan" label={tx('融资金额（万元）', 'Amount (10,000 yuan)')} rules={[{ required: true, message: tx('请填写金额', 'Enter the amount') }]}>
          <InputNumber min={0.01} max={100000} step={10} style={{ width: '100%' }} data-testid="need-amount" />
        </Form.Item>
        <Form.Item name="termMonths" label={tx('期限（月）', 'Term (months)')} rules={[{ required: true, message: tx('请填写期限', 'Enter the term') }]}>
          <InputNumber min={1} max={360} style={{ width: '100%' }} data-testid="need-term" />
        </Form.Item>
        <Form.Item name="purpose" label={tx('资金用途', 'What the money is for')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="need-purpose" />
        </Form.Item>
        <Form.Item name="collateral" label={tx('可提供的担保或抵押（没有可写“无”）', 'Collateral the firm can offer ("none" if none)')}>
          <Input maxLength={300} data-testid="need-collateral" />
        </Form.Item>
        <Form.Item name="consentToShare" valuePropName="checked">
          <Checkbox data-testid="need-consent">{tx('如被拒绝，同意将需求推送给其他符合条件的产品', 'If refused, offer the need to other matching products')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
