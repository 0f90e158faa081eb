/**
 * The officer's editor of an item's rule: criteria in the visual builder (one condition builder
 * per criterion, with its name), the amount in the builder for the common shapes (fixed, rate or
 * unit amount × base with a cap, tiers by condition), a live plain-language preview in the rules
 * engine's own words (POST /policies/:id/preview) and the problems named by criterion; the whole
 * rule as JSON in a second tab for experts (editable, validated). Criteria and amounts the builder
 * cannot show exactly stay as JSON in their card, with the reason.
 */
import { Alert, Button, Card, Empty, Flex, Input, InputNumber, List, Radio, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { FieldError, PolicyRulePreview, PolicyRuleVocabulary } from '@seedbed/contract';
import { api } from '../../../app/api-client';
import { defineMessages, useLang, useMessages, type Lang } from '../../../app/i18n';
import { useDebounced } from '../../../app/use-debounced';
import { ConditionBuilder, queryProblems, useBuilderEnv } from './condition-builder';
import { amountFormula, amountShape, fieldContext, ruleToQuery, whyNotRepresentable, type AmountShape, type FieldContext, type Figure } from './logic';

const m = defineMessages({
  zh: {
    visual: '可视化编辑',
    json: 'JSON（专家）',
    jsonHelp: '整条规则的 JSON Logic（规则格式见 FORMAT.md）；修改后即时校验，合法时可视化编辑同步更新。',
    jsonError: (msg: string) => `JSON 语法错误：${msg}`,
    criteria: '申请条件',
    criterion: (n: number) => `条件 ${n}`,
    nameZh: '条件名称（中文）',
    nameEn: '条件名称（英文）',
    addCriterion: '＋ 添加申请条件',
    removeCriterion: '删除此条件',
    notInBuilder: (why: string) => `此条件含有可视化编辑器不支持的写法（${why}），请在下方 JSON 中编辑。`,
    ruleJson: '条件的 JSON Logic',
    incomplete: '条件尚未填写完整',
    amount: '补助金额',
    kindNone: '不涉及金额',
    kindFixed: '固定金额',
    kindProduct: '比例或单价 × 基数',
    kindTiers: '分档（按条件）',
    amountJson: '金额公式含可视化编辑器不支持的写法，请在 JSON 中编辑：',
    fixed: '金额',
    base: '基数（变量）',
    rate: '比例',
    perUnit: '每单位金额',
    cap: '单次最高（可选）',
    tier: (n: number) => `第 ${n} 档：满足条件时`,
    otherwise: '以上都不满足时',
    addTier: '＋ 添加一档',
    parameter: (label: string) => `按政策参数：${label}`,
    yuan: '元',
    preview: '规则预览（规则引擎的表述）',
    previewEmpty: '填写条件后在此显示',
    implicit: '自动',
    amountRule: '金额：',
    problems: '规则有误',
    inCriterion: (n: number, label: string) => `条件 ${n}「${label || '未命名'}」`,
    other: '规则',
  },
  en: {
    visual: 'Visual editor',
    json: 'JSON (experts)',
    jsonHelp: 'The whole rule as JSON Logic (rule format: FORMAT.md); checked as you type, and the visual editor follows when it is valid.',
    jsonError: (msg: string) => `JSON syntax error: ${msg}`,
    criteria: 'Criteria',
    criterion: (n: number) => `Criterion ${n}`,
    nameZh: 'Name (Chinese)',
    nameEn: 'Name (English)',
    addCriterion: '+ Add a criterion',
    removeCriterion: 'Remove this criterion',
    notInBuilder: (why: string) => `This criterion uses what the visual editor does not offer (${why}); edit it as JSON below.`,
    ruleJson: 'The criterion as JSON Logic',
    incomplete: 'The condition is not complete',
    amount: 'Amount',
    kindNone: 'No amount',
    kindFixed: 'Fixed amount',
    kindProduct: 'Rate or unit amount × base',
    kindTiers: 'Tiers by condition',
    amountJson: 'The amount formula uses what the visual editor does not offer; edit it as JSON:',
    fixed: 'Amount',
    base: 'Base (variable)',
    rate: 'Rate',
    perUnit: 'Amount per unit',
    cap: 'At most per claim (optional)',
    tier: (n: number) => `Tier ${n}: when`,
    otherwise: 'Otherwise',
    addTier: '+ Add a tier',
    parameter: (label: string) => `By the policy parameter: ${label}`,
    yuan: 'CNY',
    preview: 'Preview (in the rules engine’s words)',
    previewEmpty: 'Shown once the criteria are filled in',
    implicit: 'automatic',
    amountRule: 'Amount: ',
    problems: 'Rule problems',
    inCriterion: (n: number, label: string) => `Criterion ${n} “${label || 'unnamed'}”`,
    other: 'Rule',
  },
});

type Spec = Record<string, unknown>;
interface Criterion {
  id: string;
  label: { zh: string; en: string };
  rule: unknown;
}

const criteriaOf = (spec: Spec): Criterion[] => (Array.isArray(spec.criteria) ? (spec.criteria as Criterion[]) : []);

/** The criterion index a server field names (spec.criteria.2.rule.>=.1 → 2). */
export function criterionIndexOf(field: string): number | null {
  const m = field.replace(/^body\./, '').match(/^spec\.criteria\.(\d+)(\.|$)/);
  return m ? Number(m[1]) : null;
}

/** The part of a criterion a server field names, in words ("条件名称（英文）："), or nothing for its rule. */
function partOf(field: string, t: { nameZh: string; nameEn: string }): string {
  if (/\.label\.zh$/.test(field)) return `${t.nameZh}：`;
  if (/\.label\.en$/.test(field)) return `${t.nameEn}：`;
  return '';
}

function FigureInput({ value, onChange, ctx, lang, money, percent, label }: { value: Figure; onChange: (f: Figure) => void; ctx: FieldContext; lang: Lang; money?: boolean; percent?: boolean; label: string }) {
  const t = useMessages(m);
  if (typeof value !== 'number') {
    const p = ctx.flat.find((f) => f.name === `@param:${value.param}`);
    return <Tag>{t.parameter(p?.label ?? (lang === 'zh' ? '政策参数' : 'parameter'))}</Tag>;
  }
  if (percent)
    return <InputNumber aria-label={label} value={Math.round(value * 10000) / 100} onChange={(x) => onChange(x === null ? 0 : Number(x) / 100)} addonAfter="%" min={0} style={{ width: 140 }} />;
  return (
    <InputNumber aria-label={label} value={money ? value / 100 : value} onChange={(x) => onChange(x === null ? 0 : money ? Math.round(Number(x) * 100) : Number(x))} addonAfter={money ? t.yuan : undefined} min={0} style={{ width: 180 }} data-testid="amount-figure" />
  );
}

function AmountEditor({ spec, onChange, ctx, env }: { spec: Spec; onChange: (spec: Spec) => void; ctx: FieldContext; env: ReturnType<typeof useBuilderEnv> }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const amount = (spec.amount ?? undefined) as { formula?: unknown } | undefined;
  const shape = amountShape(amount?.formula, ctx);
  const [json, setJson] = useState(JSON.stringify(amount?.formula ?? null));
  const set = (s: AmountShape) => {
    const formula = amountFormula(s);
    const rest = { ...(amount ?? {}) } as Record<string, unknown>;
    delete rest.formula;
    onChange({ ...spec, amount: formula === undefined ? (Object.keys(rest).length ? rest : undefined) : { ...rest, formula } });
  };
  if (!shape)
    return (
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t.amountJson}</Typography.Text>
        <Input.TextArea
          aria-label={t.amount}
          value={json}
          onChange={(e) => {
            setJson(e.target.value);
            try {
              onChange({ ...spec, amount: { ...(amount ?? {}), formula: JSON.parse(e.target.value) } });
            } catch {
              // Kept as typed until it parses.
            }
          }}
          autoSize={{ minRows: 2, maxRows: 8 }}
          style={{ fontFamily: 'monospace' }}
        />
      </Flex>
    );
  const moneyVars = env.vocabulary.variables.filter((v) => v.type === 'money' || v.type === 'integer' || v.type === 'number');
  return (
    <Flex vertical gap={12} data-testid="amount-builder">
      <Radio.Group
        value={shape.kind}
        onChange={(e) => {
          const k = e.target.value as AmountShape['kind'];
          set(k === 'none' ? { kind: 'none' } : k === 'fixed' ? { kind: 'fixed', amount: 0 } : k === 'product' ? { kind: 'product', base: moneyVars[0]?.name ?? 'employees', factor: 0, round: true, cap: null } : { kind: 'tiers', tiers: [], otherwise: 0 });
        }}
        options={[{ value: 'none', label: t.kindNone }, { value: 'fixed', label: t.kindFixed }, { value: 'product', label: t.kindProduct }, { value: 'tiers', label: t.kindTiers }]}
        optionType="button"
      />
      {shape.kind === 'fixed' ? (
        <Space wrap>
          <span>{t.fixed}</span>
          <FigureInput label={t.fixed} value={shape.amount} onChange={(a) => set({ ...shape, amount: a })} ctx={ctx} lang={lang} money />
        </Space>
      ) : null}
      {shape.kind === 'product' ? (
        <Space wrap align="center">
          <span>{t.base}</span>
          <Select
            aria-label={t.base}
            showSearch={{ optionFilterProp: 'label' }}
            value={shape.base}
            onChange={(b) => set({ ...shape, base: b, round: env.variables.get(b)?.type === 'money' })}
            options={moneyVars.map((v) => ({ value: v.name, label: v.label[lang] }))}
            style={{ minWidth: 240 }}
            popupMatchSelectWidth={false}
          />
          <span>×</span>
          {env.variables.get(shape.base)?.type === 'money' ? (
            <FigureInput label={t.rate} value={shape.factor} onChange={(f) => set({ ...shape, factor: f })} ctx={ctx} lang={lang} percent />
          ) : (
            <FigureInput label={t.perUnit} value={shape.factor} onChange={(f) => set({ ...shape, factor: f })} ctx={ctx} lang={lang} money />
          )}
          <span>{t.cap}</span>
          {shape.cap === null ? (
            <InputNumber aria-label={t.cap} value={null} onChange={(x) => set({ ...shape, cap: x === null ? null : Math.round(Number(x) * 100) })} addonAfter={t.yuan} min={0} style={{ width: 180 }} />
          ) : (
            <FigureInput label={t.cap} value={shape.cap} onChange={(c) => set({ ...shape, cap: c })} ctx={ctx} lang={lang} money />
          )}
        </Space>
      ) : null}
      {shape.kind === 'tiers' ? (
        <Flex vertical gap={8}>
          {shape.tiers.map((tier, i) => (
            <Card size="small" key={i} title={t.tier(i + 1)} extra={<Button size="small" onClick={() => set({ ...shape, tiers: shape.tiers.filter((_, j) => j !== i) })}>×</Button>}>
              <ConditionBuilder env={env} ctx={ctx} initial={ruleToQuery(tier.when, ctx) ?? { combinator: 'and', rules: [] }} onChange={(rule) => rule !== undefined && set({ ...shape, tiers: shape.tiers.map((x, j) => (j === i ? { ...x, when: rule } : x)) })} />
              <Space style={{ marginTop: 8 }}>
                <span>{t.fixed}</span>
                <FigureInput label={`${t.tier(i + 1)} ${t.fixed}`} value={tier.amount} onChange={(a) => set({ ...shape, tiers: shape.tiers.map((x, j) => (j === i ? { ...x, amount: a } : x)) })} ctx={ctx} lang={lang} money />
              </Space>
            </Card>
          ))}
          <Button onClick={() => set({ ...shape, tiers: [...shape.tiers, { when: { '>=': [{ var: 'employees' }, 1] }, amount: 0 }] })}>{t.addTier}</Button>
          <Space>
            <span>{t.otherwise}</span>
            <FigureInput label={t.otherwise} value={shape.otherwise} onChange={(a) => set({ ...shape, otherwise: a })} ctx={ctx} lang={lang} money />
          </Space>
        </Flex>
      ) : null}
    </Flex>
  );
}

function CriterionCard({ index, criterion, env, ctx, onChange, onRemove, problems }: { index: number; criterion: Criterion; env: ReturnType<typeof useBuilderEnv>; ctx: FieldContext; onChange: (c: Criterion) => void; onRemove: () => void; problems: string[] }) {
  const t = useMessages(m);
  const { lang } = useLang();
  // Decided once per card: a criterion the builder shows stays in the builder while it is edited.
  const [initial] = useState(() => (criterion.rule === null ? { combinator: 'and', rules: [] } : ruleToQuery(criterion.rule, ctx)));
  const [json, setJson] = useState(() => JSON.stringify(criterion.rule ?? null));
  const [local, setLocal] = useState<string[]>(() => (initial ? queryProblems(initial, env.variables, lang) : []));
  const all = [...local, ...problems];
  return (
    <Card
      size="small"
      title={t.criterion(index + 1)}
      extra={<Button size="small" onClick={onRemove}>{t.removeCriterion}</Button>}
      data-testid={`criterion-${index}`}
      style={all.length ? { borderColor: '#ff4d4f' } : undefined}
    >
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Input aria-label={t.nameZh} placeholder={t.nameZh} value={criterion.label.zh} onChange={(e) => onChange({ ...criterion, label: { ...criterion.label, zh: e.target.value } })} style={{ flex: '1 1 240px' }} data-testid="criterion-name" />
        <Input aria-label={t.nameEn} placeholder={t.nameEn} value={criterion.label.en} onChange={(e) => onChange({ ...criterion, label: { ...criterion.label, en: e.target.value } })} style={{ flex: '1 1 240px' }} />
      </Flex>
      {initial ? (
        <ConditionBuilder
          env={env}
          ctx={ctx}
          initial={initial}
          testId={`criterion-builder-${index}`}
          onChange={(rule, q) => {
            setLocal(queryProblems(q, env.variables, lang));
            onChange({ ...criterion, rule: rule ?? null });
          }}
        />
      ) : (
        <>
          <Alert type="info" showIcon title={t.notInBuilder(whyNotRepresentable(criterion.rule))} style={{ marginBottom: 8 }} />
          <Input.TextArea
            aria-label={t.ruleJson}
            value={json}
            onChange={(e) => {
              setJson(e.target.value);
              try {
                onChange({ ...criterion, rule: JSON.parse(e.target.value) });
              } catch {
                // Kept as typed until it parses.
              }
            }}
            autoSize={{ minRows: 2, maxRows: 10 }}
            style={{ fontFamily: 'monospace' }}
          />
        </>
      )}
      {all.length ? (
        <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="criterion-problem" title={`${t.inCriterion(index + 1, criterion.label[lang])}：${all.join('；')}`} />
      ) : criterion.rule === null ? (
        <Typography.Text type="warning">{t.incomplete}</Typography.Text>
      ) : null}
    </Card>
  );
}

export function SpecEditor({ itemId, spec, parameters, onChange }: { itemId: string; spec: Spec; parameters?: Record<string, unknown>; onChange: (spec: Spec) => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const vocabulary = useQuery({ queryKey: ['policies', 'rule-vocabulary'], queryFn: () => api.get<PolicyRuleVocabulary>('/policy-rule-vocabulary'), staleTime: 10 * 60_000 });
  const [tab, setTab] = useState('visual');
  const [text, setText] = useState(() => JSON.stringify(spec, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // Cards are keyed by a generation so that a JSON edit rebuilds them from the new rule.
  const [generation, setGeneration] = useState(0);
  const debounced = useDebounced(spec, 400);
  const preview = useQuery({
    queryKey: ['policies', itemId, 'preview', debounced, parameters],
    queryFn: () => api.post<PolicyRulePreview>(`/policies/${itemId}/preview`, { spec: debounced, ...(parameters ? { parameters } : {}) }),
    placeholderData: (previous) => previous,
  });
  const env = useBuilderEnv(vocabulary.data ?? { variables: [], parameters: [] });
  const ctx = useMemo(() => fieldContext(vocabulary.data ?? { variables: [], parameters: [] }, lang), [vocabulary.data, lang]);
  if (!vocabulary.data) return <Empty description="…" />;
  const criteria = criteriaOf(spec);
  const setCriteria = (list: Criterion[]) => {
    const next = { ...spec, criteria: list };
    onChange(next);
    setText(JSON.stringify(next, null, 2));
  };
  const setSpec = (next: Spec) => {
    onChange(next);
    setText(JSON.stringify(next, null, 2));
  };
  const errors: FieldError[] = preview.data?.errors ?? [];
  const byCriterion = (i: number) => errors.filter((e) => criterionIndexOf(e.field) === i).map((e) => `${partOf(e.field, t)}${e.message[lang] || e.message.zh}`);
  const general = errors.filter((e) => criterionIndexOf(e.field) === null);

  const visual = (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t.criteria}</Typography.Title>
      {criteria.map((c, i) => (
        <CriterionCard
          key={`${generation}:${c.id}`}
          index={i}
          criterion={c}
          env={env}
          ctx={ctx}
          problems={byCriterion(i)}
          onChange={(next) => setCriteria(criteria.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setCriteria(criteria.filter((_, j) => j !== i))}
        />
      ))}
      <Button
        onClick={() => {
          const used = new Set(criteria.map((c) => c.id));
          let n = criteria.length + 1;
          while (used.has(`criterion_${n}`)) n++;
          setCriteria([...criteria, { id: `criterion_${n}`, label: { zh: '', en: '' }, rule: null }]);
        }}
        data-testid="add-criterion"
      >
        {t.addCriterion}
      </Button>
      <Typography.Title level={3} style={{ fontSize: 16, margin: '8px 0 0' }}>{t.amount}</Typography.Title>
      <AmountEditor key={generation} spec={spec} onChange={setSpec} ctx={ctx} env={env} />
    </Flex>
  );

  const json = (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t.jsonHelp}</Typography.Text>
      <label htmlFor="spec-json" className="sb-visually-hidden">{t.json}</label>
      <Input.TextArea
        id="spec-json"
        data-testid="spec-json"
        value={text}
        status={jsonError ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const next = JSON.parse(e.target.value) as unknown;
            if (typeof next !== 'object' || next === null || Array.isArray(next)) throw new Error(lang === 'zh' ? '应为一个对象' : 'must be an object');
            setJsonError(null);
            onChange(next as Spec);
            setGeneration((g) => g + 1);
          } catch (err) {
            setJsonError(t.jsonError((err as Error).message));
          }
        }}
        autoSize={{ minRows: 10, maxRows: 30 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
      />
      {jsonError ? <Alert type="error" showIcon title={jsonError} data-testid="spec-json-error" /> : null}
    </Flex>
  );

  return (
    <div className="sb-spec-editor">
      <Tabs activeKey={tab} onChange={setTab} items={[{ key: 'visual', label: t.visual, children: visual }, { key: 'json', label: t.json, children: json }]} />
      <Card size="small" title={t.preview} style={{ marginTop: 12 }} data-testid="rule-preview">
        {errors.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t.problems}
            data-testid="rule-problems"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {errors.map((e, i) => {
                  const ci = criterionIndexOf(e.field);
                  const where = ci !== null ? t.inCriterion(ci + 1, criteria[ci]?.label[lang] ?? '') : t.other;
                  return <li key={i}>{where}：{partOf(e.field, t)}{e.message[lang] || e.message.zh}</li>;
                })}
              </ul>
            }
            style={{ marginBottom: 8 }}
          />
        ) : null}
        {general.length === 0 && preview.data && preview.data.criteria.length > 0 ? (
          <List
            size="small"
            dataSource={preview.data.criteria}
            renderItem={(c) => (
              <List.Item data-testid="preview-sentence">
                <span>
                  {c.implicit ? <Tag>{t.implicit}</Tag> : null}
                  {c.text[lang].startsWith(c.label[lang]) ? c.text[lang] : <><strong>{c.label[lang]}</strong>：{c.text[lang]}</>}
                </span>
              </List.Item>
            )}
            footer={preview.data.amount?.formula ? <span data-testid="preview-amount">{t.amountRule}{preview.data.amount.formula[lang]}{preview.data.amount.caps.length ? `；${preview.data.amount.caps.map((c) => c[lang]).join('；')}` : ''}</span> : undefined}
          />
        ) : errors.length === 0 ? (
          <Typography.Text type="secondary">{t.previewEmpty}</Typography.Text>
        ) : null}
      </Card>
    </div>
  );
}
