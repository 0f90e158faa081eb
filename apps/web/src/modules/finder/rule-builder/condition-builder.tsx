/**
 * One criterion's rule in react-querybuilder with its Ant Design controls: variables picked by
 * their label (grouped by document, searchable), operators in words, and a value editor per
 * variable type (numbers, money in 元 stored as fen, dates, yes/no, enum values by label,
 * regions with the region cascader, or a policy parameter by its label). The rule is read and
 * written as our JSON Logic through logic.ts.
 */
import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { createContext, useContext, useMemo, useState } from 'react';
import { QueryBuilder, type FieldSelectorProps, type FullField, type RuleGroupType, type ValueEditorProps, type ValueSourceSelectorProps } from 'react-querybuilder';
import { QueryBuilderAntD } from '@react-querybuilder/antd';
import { checkValue } from '@seedbed/rules/values';
import { defineMessages, useLang, useMessages, type Lang } from '../../../app/i18n';
import { RegionCascader } from '../../regions';
import { coerceValue, PARAM_PREFIX, queryToRule, type BuilderVariable, type FieldContext, type Vocabulary } from './logic';

export const builderMessages = defineMessages({
  zh: {
    addRule: '＋ 添加条件',
    addGroup: '＋ 添加条件组',
    remove: '删除',
    and: '并且（全部满足）',
    or: '或者（满足其一）',
    not: '不满足',
    pickVariable: '选择变量（可搜索）',
    fromValue: '填写数值',
    fromParameter: '引用政策参数',
    yes: '是',
    no: '否',
    yuan: '元',
    to: '至',
    pickParameter: '选择政策参数',
    pickValue: '请选择',
  },
  en: {
    addRule: '+ Condition',
    addGroup: '+ Group',
    remove: 'Remove',
    and: 'AND (all of them)',
    or: 'OR (any of them)',
    not: 'Not',
    pickVariable: 'Choose a variable (type to search)',
    fromValue: 'A value',
    fromParameter: 'A policy parameter',
    yes: 'Yes',
    no: 'No',
    yuan: 'CNY',
    to: 'to',
    pickParameter: 'Choose a parameter',
    pickValue: 'Choose',
  },
});

/** Operators in words. */
const OP_LABELS: Record<Lang, Record<string, string>> = {
  zh: { '>=': '大于或等于', '>': '大于', '<=': '小于或等于', '<': '小于', '=': '等于', '!=': '不等于', between: '介于（含两端）', in: '属于其中之一', notIn: '不属于', in_region: '位于（含下辖地区）', contains: '包含', doesNotContain: '不包含' },
  en: { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than', '=': 'is', '!=': 'is not', between: 'between (inclusive)', in: 'is one of', notIn: 'is none of', in_region: 'lies in (or under)', contains: 'contains', doesNotContain: 'does not contain' },
};

interface BuilderEnv {
  vocabulary: Vocabulary;
  variables: ReadonlyMap<string, BuilderVariable>;
  lang: Lang;
}
const BuilderContext = createContext<BuilderEnv | null>(null);

export function useBuilderEnv(vocabulary: Vocabulary): BuilderEnv {
  const { lang } = useLang();
  return useMemo(() => ({ vocabulary, lang, variables: new Map(vocabulary.variables.map((v) => [v.name, v])) }), [vocabulary, lang]);
}

/** A problem with a condition's value (the registry's bounds and values), in the interface language; null when fine. */
export function valueProblem(variable: BuilderVariable | undefined, operator: string, value: unknown, lang: Lang): string | null {
  if (!variable) return null;
  const coerced = coerceValue(variable.type, operator, value);
  if (coerced === undefined) return null;
  const spec = { type: variable.type as never, values: variable.values ?? undefined, min: variable.min ?? undefined, max: variable.max ?? undefined };
  for (const v of Array.isArray(coerced) ? coerced : [coerced]) {
    const p = checkValue(spec, v);
    if (p) return p[lang];
  }
  return null;
}

/** Each condition's value problem in a query, by the variable's label. */
export function queryProblems(query: RuleGroupType, variables: ReadonlyMap<string, BuilderVariable>, lang: Lang): string[] {
  const out: string[] = [];
  const walk = (g: RuleGroupType) => {
    for (const r of g.rules) {
      if (typeof r === 'string') continue;
      if ('rules' in r) walk(r);
      else if (r.valueSource !== 'field') {
        const v = variables.get(r.field);
        const p = valueProblem(v, r.operator, r.value, lang);
        if (p && v) out.push(`${v.label[lang]}：${p}`);
      }
    }
  };
  walk(query);
  return out;
}

function FieldSelector({ options, value, handleOnChange, title }: FieldSelectorProps) {
  const t = useMessages(builderMessages);
  // Parameters are values to compare with, never the left-hand side.
  const groups = (options as { label: string; options: FullField[] }[])
    .map((g) => ({ label: g.label, options: g.options.filter((f) => !f.name.startsWith(PARAM_PREFIX)).map((f) => ({ value: f.name, label: f.label })) }))
    .filter((g) => g.options.length > 0);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={title ?? t.pickVariable}
      placeholder={t.pickVariable}
      value={value === '~' || !value ? undefined : value}
      onChange={(v) => handleOnChange(v)}
      options={groups}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220, maxWidth: 'min(420px, 100%)' }}
      data-testid="rb-field"
    />
  );
}

function OperatorSelector({ options, value, handleOnChange, title }: { options: unknown; value?: string; handleOnChange: (v: string) => void; title?: string }) {
  const { lang } = useLang();
  const list = (options as { name: string }[]).map((o) => ({ value: o.name, label: OP_LABELS[lang][o.name] ?? o.name }));
  return <Select aria-label={title} value={value} onChange={(v) => handleOnChange(v)} options={list} style={{ minWidth: 140 }} popupMatchSelectWidth={false} data-testid="rb-operator" />;
}

function ValueSourceSelector({ value, handleOnChange, title }: ValueSourceSelectorProps) {
  const t = useMessages(builderMessages);
  return (
    <Select aria-label={title} value={value} onChange={(v) => handleOnChange(v)} style={{ minWidth: 120 }} options={[{ value: 'value', label: t.fromValue }, { value: 'field', label: t.fromParameter }]} />
  );
}

function ValueEditor(props: ValueEditorProps) {
  const { field, operator, value, handleOnChange, valueSource, title } = props;
  const env = useContext(BuilderContext)!;
  const t = useMessages(builderMessages);
  const v = env.variables.get(field);
  if (!v) return null;
  const { lang } = env;
  const problem = valueSource === 'field' ? null : valueProblem(v, operator, value, lang);
  const status = problem ? ('error' as const) : undefined;
  const aria = title ?? v.label[lang];
  if (valueSource === 'field') {
    const fits = env.vocabulary.parameters.filter((p) => (v.type === 'date' ? typeof p.value === 'string' : typeof p.value === 'number'));
    return (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t.pickParameter}
        placeholder={t.pickParameter}
        value={typeof value === 'string' && value ? value : undefined}
        onChange={(x) => handleOnChange(x)}
        options={fits.map((p) => ({ value: `${PARAM_PREFIX}${p.name}`, label: `${p.label[lang]}${p.value !== null ? `（${p.unit === 'fen' && typeof p.value === 'number' ? `${(p.value / 100).toLocaleString('zh-CN')} ${t.yuan}` : `${String(p.value)}${p.unit && p.unit !== 'fen' ? ` ${p.unit}` : ''}`}）` : ''}` }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 220 }}
      />
    );
  }
  const one = (x: unknown, set: (y: unknown) => void, label: string) => {
    switch (v.type) {
      case 'money':
        return (
          <InputNumber
            aria-label={label}
            status={status}
            value={typeof x === 'number' ? x / 100 : typeof x === 'string' && x !== '' ? Number(x) / 100 : null}
            onChange={(y) => set(y === null ? '' : Math.round(Number(y) * 100))}
            addonAfter={t.yuan}
            style={{ width: 180 }}
            data-testid="rb-value"
          />
        );
      case 'integer':
      case 'number':
        return (
          <InputNumber
            aria-label={label}
            status={status}
            value={typeof x === 'number' ? x : typeof x === 'string' && x !== '' ? Number(x) : null}
            onChange={(y) => set(y === null ? '' : Number(y))}
            addonAfter={v.unit ?? undefined}
            style={{ width: 160 }}
            data-testid="rb-value"
          />
        );
      case 'date':
        return <DatePicker aria-label={label} status={status} value={typeof x === 'string' && x ? dayjs(x) : null} onChange={(d) => set(d ? d.format('YYYY-MM-DD') : '')} data-testid="rb-value" />;
      default:
        return <Input aria-label={label} status={status} value={typeof x === 'string' ? x : ''} onChange={(e) => set(e.target.value)} style={{ width: 180 }} data-testid="rb-value" />;
    }
  };
  if (v.type === 'boolean')
    return (
      <Select aria-label={aria} value={value === true || value === 'true' ? 'true' : value === false || value === 'false' ? 'false' : undefined} placeholder={t.pickValue} onChange={(x) => handleOnChange(x === 'true')} options={[{ value: 'true', label: t.yes }, { value: 'false', label: t.no }]} style={{ width: 100 }} data-testid="rb-value" />
    );
  if (v.type === 'enum') {
    const options = (v.values ?? []).map((x) => ({ value: x.value, label: x.label[lang] }));
    const multiple = operator === 'in' || operator === 'notIn';
    const current = multiple ? (Array.isArray(value) ? value : typeof value === 'string' && value ? value.split(',') : []) : typeof value === 'string' && value ? value : undefined;
    return <Select aria-label={aria} mode={multiple ? 'multiple' : undefined} value={current} placeholder={t.pickValue} onChange={(x) => handleOnChange(x)} options={options} style={{ minWidth: 160 }} data-testid="rb-value" />;
  }
  if (v.type === 'region') return <RegionCascader aria-label={aria} value={typeof value === 'string' ? value : null} onChange={(code) => handleOnChange(code ?? '')} />;
  if (operator === 'between') {
    const pair = Array.isArray(value) ? value : typeof value === 'string' && value ? value.split(',') : ['', ''];
    return (
      <Space.Compact>
        {one(pair[0], (y) => handleOnChange([y, pair[1] ?? '']), `${aria} ≥`)}
        {one(pair[1], (y) => handleOnChange([pair[0] ?? '', y]), `${aria} ≤`)}
      </Space.Compact>
    );
  }
  return one(value, handleOnChange, aria);
}

/** The builder of one condition (a criterion's rule, or an amount tier's condition). */
export function ConditionBuilder({ env, ctx, initial, onChange, testId }: { env: BuilderEnv; ctx: FieldContext; initial: RuleGroupType; onChange: (rule: unknown, query: RuleGroupType) => void; testId?: string }) {
  const t = useMessages(builderMessages);
  const [query, setQuery] = useState<RuleGroupType>(initial);
  return (
    <BuilderContext.Provider value={env}>
      <div className="sb-rule-builder" data-testid={testId}>
        <QueryBuilderAntD>
          <QueryBuilder
            fields={ctx.fields}
            query={query}
            onQueryChange={(q) => {
              setQuery(q);
              onChange(queryToRule(q, ctx), q);
            }}
            combinators={[{ name: 'and', value: 'and', label: t.and }, { name: 'or', value: 'or', label: t.or }]}
            translations={{
              addRule: { label: t.addRule, title: t.addRule },
              addGroup: { label: t.addGroup, title: t.addGroup },
              removeRule: { label: '×', title: t.remove },
              removeGroup: { label: '×', title: t.remove },
              notToggle: { label: t.not, title: t.not },
              fields: { title: t.pickVariable, placeholderLabel: t.pickVariable, placeholderGroupLabel: t.pickVariable },
            }}
            controlElements={{ fieldSelector: FieldSelector, operatorSelector: OperatorSelector as never, valueEditor: ValueEditor, valueSourceSelector: ValueSourceSelector }}
            autoSelectField={false}
            enableMountQueryChange={false}
            resetOnFieldChange
          />
        </QueryBuilderAntD>
      </div>
    </BuilderContext.Provider>
  );
}
