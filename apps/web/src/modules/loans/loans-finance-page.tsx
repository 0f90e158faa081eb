/**
 * The finance bureau's page for guaranteed start-up loans (permission loans.fund): the bad-debt
 * reserve (风险准备金) of each of its regions — its balance, the losses it has covered, its
 * movements, and a form to fund it — and the interest-subsidy rule of each subsidy item for a
 * year: the share of the interest subsidised, an optional rate cap, and the shares of the
 * province, city and county (percentages that must add up to 100, e.g. 40:30:30 for 4:3:3).
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Col, Form, InputNumber, Row, Select, Space, Statistic, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { FUNDING_LEVEL_LABELS, type ReserveMovement, type SubsidyRuleView } from '@seedbed/contract';
import { Link } from 'react-router';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { showInstant } from '../../app/time';
import { fundReserve, setSubsidyRule, useFinanceDesk, useReserve, type LoanFinanceView } from './loans.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const yuanText = (fen: number, lang: 'zh' | 'en') => {
  const yuan = (fen / 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `${yuan} 元` : `CNY ${yuan}`;
};
const pct = (bp: number) => `${(bp / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
/** A rule's weights as percentages of the whole (4:3:3 → 40, 30, 30), rounded to whole percent. */
export const weightsAsPercent = (weights: readonly number[]): number[] => {
  const sum = weights.reduce((a, b) => a + b, 0);
  return sum > 0 ? weights.map((w) => Math.round((w * 100) / sum)) : weights.map(() => 0);
};
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------- the reserve

function Reserve({ regions }: { regions: LoanFinanceView['regions'] }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [regionCode, setRegionCode] = useState(regions[0]?.regionCode);
  const reserve = useReserve(regionCode);
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const submit = async (v: { amountFen: number }) => {
    if (!regionCode) return;
    setProblem(null);
    try {
      const after = await fundReserve(regionCode, Math.round((v.amountFen ?? 0) * 100));
      form.resetFields();
      message.success(tx(`已拨入，风险准备金余额 ${yuanText(after.balanceFen, lang)}`, `Funded: the reserve now holds ${yuanText(after.balanceFen, lang)}`));
      qc.setQueryData(['loans', 'reserve', regionCode], after);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['amountFen']]));
    }
  };
  const kindLabel = (m: ReserveMovement) =>
    m.kind === 'funding' ? <Tag color="green">{tx('财政拨入', 'Funded')}</Tag> : m.kind === 'default' ? <Tag color="orange">{tx('违约代偿', 'Default covered')}</Tag> : <Tag>{tx('其他调整', 'Adjustment')}</Tag>;
  return (
    <Card
      size="small"
      title={tx('风险准备金', 'Bad-debt reserve')}
      style={{ marginBottom: 16 }}
      data-testid="reserve-card"
      extra={
        regions.length > 1 ? (
          <Select size="small" value={regionCode} onChange={setRegionCode} style={{ minWidth: 140 }} data-testid="reserve-region" options={regions.map((r) => ({ value: r.regionCode, label: r.regionName }))} />
        ) : (
          regions[0]?.regionName
        )
      }
    >
      {reserve.error ? (
        <LoadError error={reserve.error} onRetry={() => void reserve.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={8}>
              <Statistic title={tx('当前余额', 'Balance')} value={reserve.data ? yuanText(reserve.data.balanceFen, lang) : '—'} loading={reserve.isLoading} valueRender={(v) => <span data-testid="reserve-balance">{v}</span>} />
            </Col>
            <Col xs={12} md={8}>
              <Statistic title={tx('累计代偿', 'Defaults covered')} value={reserve.data ? yuanText(reserve.data.lossesFen, lang) : '—'} loading={reserve.isLoading} valueRender={(v) => <span data-testid="reserve-losses">{v}</span>} />
            </Col>
          </Row>
          <ProblemAlert problem={problem} />
          <Form form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ marginBottom: 16, rowGap: 8 }}>
            <Form.Item name="amountFen" label={tx('拨入金额（元）', 'Amount (CNY)')} rules={[{ required: true, message: tx('请填写拨入金额', 'Give the amount') }]}>
              <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="reserve-amount" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="fund-reserve">
              {tx('拨入风险准备金', 'Fund the reserve')}
            </Button>
          </Form>
          <ResponsiveList<ReserveMovement>
            rows={reserve.data?.movements ?? []}
            loading={reserve.isLoading}
            rowKey={(m) => `${m.at}:${m.amountFen}`}
            testId="reserve-movements"
            empty={<EmptyState description={tx('风险准备金尚无收支记录。', 'No movement of the reserve yet.')} />}
            columns={[
              { key: 'at', title: tx('时间', 'When'), primary: true, render: (m) => showInstant(m.at, lang) },
              { key: 'kind', title: tx('类别', 'Kind'), render: kindLabel },
              { key: 'amount', title: tx('金额', 'Amount'), render: (m) => <span style={{ color: m.amountFen < 0 ? '#d4380d' : undefined }}>{`${m.amountFen > 0 ? '+' : '−'}${yuanText(Math.abs(m.amountFen), lang)}`}</span> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------- subsidy rules

/** Three percentages, province : city : county, edited together as the form's `weights`. */
function SharesInput({ value, onChange }: { value?: (number | null)[]; onChange?: (v: (number | null)[]) => void }) {
  const { lang } = useLang();
  const v = value ?? [null, null, null];
  return (
    <Space wrap>
      {FUNDING_LEVEL_LABELS.map((level, i) => (
          <InputNumber
            key={level.en}
            addonBefore={level[lang]}
            min={0}
            max={100}
            precision={0}
            value={v[i]}
            onChange={(n) => onChange?.(v.map((x, j) => (j === i ? n : x)))}
            addonAfter="%"
            style={{ width: 170 }}
            data-testid={`share-${i + 1}`}
            aria-label={level[lang]}
          />
      ))}
    </Space>
  );
}

interface RuleForm {
  itemId: string;
  year: number;
  /** Percent in the form (100 = the whole interest), basis points on the wire. */
  shareBp: number;
  /** Annual percent in the form, basis points on the wire; empty for no cap. */
  rateCapBp: number | null;
  weights: (number | null)[];
}

function Rules({ items }: { items: LoanFinanceView['items'] }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RuleForm>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const itemId = Form.useWatch('itemId', form);
  const year = Form.useWatch('year', form);
  const item = items.find((i) => i.itemId === itemId);
  // Choosing an item and a year that has a rule fills the form with it, to be changed.
  useEffect(() => {
    const rule = item?.rules.find((r) => r.year === year);
    if (rule) form.setFieldsValue({ shareBp: rule.shareBp / 100, rateCapBp: rule.rateCapBp === null ? null : rule.rateCapBp / 100, weights: weightsAsPercent(rule.weights) });
  }, [item, year, form]);
  const submit = async (v: RuleForm) => {
    setProblem(null);
    try {
      await setSubsidyRule({ itemId: v.itemId, year: v.year, shareBp: Math.round((v.shareBp ?? 0) * 100), rateCapBp: v.rateCapBp === null || v.rateCapBp === undefined ? null : Math.round(v.rateCapBp * 100), weights: (v.weights ?? []).map((w) => w ?? 0) });
      message.success(tx(`已保存 ${v.year} 年的贴息规则`, `The ${v.year} subsidy rule is saved`));
      await qc.invalidateQueries({ queryKey: ['loans'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['itemId'], ['year'], ['shareBp'], ['rateCapBp'], ['weights']]));
    }
  };
  type RuleRow = SubsidyRuleView & { title: string };
  const rows: RuleRow[] = items.flatMap((i) => i.rules.map((r) => ({ ...r, title: `${i.title[lang]}（${i.regionName}）` })));
  return (
    <Card size="small" title={tx('贴息规则', 'Interest-subsidy rules')} data-testid="rules-card">
      <ResponsiveList<RuleRow>
        rows={rows}
        rowKey={(r) => `${r.title}:${r.year}`}
        testId="rules"
        empty={<EmptyState description={tx('尚未设定贴息规则：未设定的年度按全额贴息、全部由省级承担计算。', 'No rule set yet: a year without one subsidises the whole interest, all from the province.')} />}
        columns={[
          { key: 'item', title: tx('贴息事项', 'Subsidy item'), primary: true, render: (r) => r.title },
          { key: 'year', title: tx('年度', 'Year'), render: (r) => tx(`${r.year}年`, String(r.year)) },
          { key: 'share', title: tx('贴息比例', 'Share subsidised'), render: (r) => tx(`利息的 ${pct(r.shareBp)}`, `${pct(r.shareBp)} of the interest`) },
          { key: 'cap', title: tx('贴息利率上限', 'Rate cap'), render: (r) => (r.rateCapBp === null ? tx('不设上限', 'None') : pct(r.rateCapBp)) },
          {
            key: 'split',
            title: tx('分担（省:市:县）', 'Shares (province:city:county)'),
            render: (r) => <span data-testid="rule-split">{weightsAsPercent(r.weights).map((w, i) => `${FUNDING_LEVEL_LABELS[i]![lang]} ${w}%`).join(' · ')}</span>,
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <ProblemAlert problem={problem} />
        <Form<RuleForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ itemId: items[0]?.itemId, year: Number(beijingToday().slice(0, 4)), shareBp: 100, rateCapBp: null, weights: [40, 30, 30] }}
          style={{ maxWidth: 640 }}
        >
          <Form.Item name="itemId" label={tx('贴息事项', 'Subsidy item')} rules={[{ required: true, message: tx('请选择贴息事项', 'Choose the item') }]}>
            <Select data-testid="rule-item" options={items.map((i) => ({ value: i.itemId, label: `${i.title[lang]}（${i.regionName}）` }))} />
          </Form.Item>
          <Form.Item name="year" label={tx('年度', 'Year')} rules={[{ required: true, message: tx('请填写年度', 'Give the year') }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="rule-year" />
          </Form.Item>
          <Form.Item name="shareBp" label={tx('贴息比例（占利息的 %）', 'Share of the interest subsidised (%)')} rules={[{ required: true, message: tx('请填写贴息比例', 'Give the share') }]}>
            <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} data-testid="rule-share" />
          </Form.Item>
          <Form.Item name="rateCapBp" label={tx('贴息利率上限（年利率 %，留空为不设上限）', 'Rate cap (annual %, empty for none)')}>
            <InputNumber min={0} max={24} precision={2} style={{ width: '100%' }} data-testid="rule-cap" />
          </Form.Item>
          <Form.Item
            name="weights"
            label={tx('各级财政分担比例（%，合计应为 100，如 4:3:3 填 40、30、30）', 'Shares of the levels (%, adding up to 100; 4:3:3 is 40, 30, 30)')}
            rules={[
              {
                validator: async (_, value: (number | null)[] | undefined) => {
                  const sum = (value ?? []).reduce<number>((a, b) => a + (b ?? 0), 0);
                  if (sum !== 100) throw new Error(tx(`各级分担比例合计应为 100%，当前为 ${sum}%`, `The shares must add up to 100%; they add up to ${sum}%`));
                },
              },
            ]}
          >
            <SharesInput />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="save-rule">
            {tx('保存贴息规则', 'Save the rule')}
          </Button>
        </Form>
      </div>
    </Card>
  );
}

export function FinancePage() {
  const tx = useTx();
  usePageTitle(tx('担保贷款财政管理', 'Guaranteed loans: finance'));
  const desk = useFinanceDesk();
  if (desk.isLoading) return <PageLoading />;
  if (desk.error || !desk.data) return <LoadError error={desk.error} onRetry={() => void desk.refetch()} />;
  const { regions, items } = desk.data;
  return (
    <div>
      <PageHeading
        title={tx('担保贷款财政管理', 'Guaranteed loans: finance')}
        subtitle={tx('拨入风险准备金（违约时由其代偿），设定各年度的贴息规则：贴息比例、利率上限和省、市、县三级的分担比例。', 'Fund the bad-debt reserve (it covers defaults) and set each year’s interest-subsidy rule: the share subsidised, the rate cap and the shares of province, city and county.')}
        extra={<Link to="/loans-work">{tx('担保贷款办理', 'Guaranteed loans')}</Link>}
      />
      {regions.length > 0 ? <Reserve regions={regions} /> : <EmptyState description={tx('您所在的部门没有可管理的风险准备金。', 'Your department keeps no reserve.')} />}
      {items.length > 0 ? <Rules items={items} /> : <Card size="small" title={tx('贴息规则', 'Interest-subsidy rules')}><EmptyState description={tx('本地区暂无现行的创业担保贷款贴息事项。', 'No guaranteed-loan subsidy item in force in your region.')} /></Card>}
    </div>
  );
}
