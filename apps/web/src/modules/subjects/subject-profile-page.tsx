/**
 * One profile (一企一档 / 一人一档): facts grouped as a person thinks of them, each with its source,
 * verification and as-of date. Verified facts are read-only; money is typed in 元 or 万元 and
 * sent as exact fen; only the facts that changed are sent.
 */
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type FieldPath, type MappedProblem } from '../../app/problem';
import { LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { IndustrySelect, RegionCascader } from '../regions';
import { DirectoryListingPanel } from '../directory';
import { DataSharingCard } from '../exchange';
import { checkValue } from '@seedbed/rules/values';
import { fromFormValue, groupsFor, toFormValue, type FactField, type FormValue } from './fact-fields';
import { FactMeta } from './fact-meta';
import { convertTyped, parseMoney, type MoneyUnit } from './money';
import { useMySubjects, useProfileVariables, useSubject, useUpdateFacts, type FactValue, type ProfileVariable, type SubjectProfile } from './subjects.api';

type ProfileKind = 'enterprise' | 'person' | 'carrier' | 'provider' | 'institution';
const KIND_COLOUR: Record<string, string> = { person: 'purple', enterprise: 'geekblue', carrier: 'green', provider: 'cyan', institution: 'gold' };
/** The profile's kind as a label (载体/服务机构/院所 besides 企业 and 个人). */
const kindLabel = (t: Record<ProfileKind, string>, kind: string): string => (kind in KIND_COLOUR ? t[kind as ProfileKind] : t.enterprise);

const m = defineMessages({
  zh: {
    title: '我的档案',
    enterprise: '企业档案',
    person: '个人档案',
    carrier: '载体档案',
    provider: '服务机构档案',
    institution: '院所档案',
    switchSubject: '切换档案',
    sizeClass: '企业规模（按工信部联企业〔2011〕300号划型）',
    unit: '金额单位',
    yuan: '元',
    wan: '万元',
    yes: '是',
    no: '否',
    unknown: '未填写',
    choose: '请选择',
    asOf: '以上信息截至',
    asOfHelp: '信息所反映的日期，例如营业收入对应的年度末',
    save: '保存修改',
    reset: '撤销修改',
    saved: '档案已保存',
    nothingChanged: '没有需要保存的修改',
    moneyFormat: '请输入不小于 0 的金额，例如 1234.56',
    moneyPrecision: (unit: string) => (unit === 'wan' ? '以万元为单位时最多 6 位小数' : '以元为单位时最多 2 位小数（精确到分）'),
    moneyTooLarge: '金额过大',
    creditCode: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
    idNumber: '身份证号码应为 18 位：17 位数字加 1 位数字或 X',
    idNumberHelp: '为保护隐私仅显示部分号码；输入新号码将替换原号码。',
    idNumberPlaceholder: '输入 18 位身份证号码',
    notFound: '找不到这份档案，或您无权查看。',
    other: '其他信息',
    required: '请填写',
  },
  en: {
    title: 'My profile',
    enterprise: 'Enterprise profile',
    person: 'Personal profile',
    carrier: 'Carrier profile',
    provider: 'Service provider profile',
    institution: 'Institution profile',
    switchSubject: 'Switch profile',
    sizeClass: 'Enterprise size (MIIT classification 〔2011〕300)',
    unit: 'Money unit',
    yuan: 'yuan',
    wan: '10k yuan',
    yes: 'Yes',
    no: 'No',
    unknown: 'Not filled in',
    choose: 'Choose',
    asOf: 'These facts are as of',
    asOfHelp: 'The date the facts describe, e.g. the end of the year the revenue is for',
    save: 'Save changes',
    reset: 'Undo changes',
    saved: 'Profile saved',
    nothingChanged: 'Nothing has changed',
    moneyFormat: 'Enter an amount of 0 or more, e.g. 1234.56',
    moneyPrecision: (unit: string) => (unit === 'wan' ? 'At most 6 decimals in 10k yuan' : 'At most 2 decimals in yuan (to the fen)'),
    moneyTooLarge: 'The amount is too large',
    creditCode: 'A unified social credit code is 18 digits or capital letters (no I, O, S, V, Z)',
    idNumber: 'An ID number is 17 digits followed by a digit or X',
    idNumberHelp: 'Only part of the number is shown, for privacy; typing a new number replaces it.',
    idNumberPlaceholder: 'Enter the 18-character ID number',
    notFound: 'This profile does not exist or you may not see it.',
    other: 'Other facts',
    required: 'Required',
  },
});

type T = (typeof m)['zh'];

interface FormShape {
  facts: Record<string, FormValue>;
  asOf: Dayjs | null;
}

/**
 * The control for one fact. Called as a function, not rendered as a component, so that the
 * antd control is Form.Item's direct child and receives its value, onChange and id.
 */
function factControl(field: FactField, t: T, lang: 'zh' | 'en', disabled: boolean, unit: MoneyUnit, placeholder?: string): ReactNode {
  switch (field.input) {
    case 'money':
      return <Input inputMode="decimal" suffix={unit === 'wan' ? t.wan : t.yuan} disabled={disabled} autoComplete="off" />;
    case 'integer':
      return <InputNumber min={field.spec.min ?? 0} max={field.spec.max} precision={0} style={{ width: '100%' }} disabled={disabled} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabled={disabled} />;
    case 'boolean':
      return (
        <Radio.Group
          disabled={disabled}
          options={[
            { value: 'yes', label: t.yes },
            { value: 'no', label: t.no },
            { value: 'unknown', label: t.unknown },
          ]}
        />
      );
    case 'choice':
      return <Select allowClear placeholder={t.choose} disabled={disabled} options={field.options.map((o) => ({ value: o.value, label: o.label[lang] }))} />;
    case 'region':
      return <RegionCascader disabled={disabled} />;
    case 'industry':
      return <IndustrySelect disabled={disabled} />;
    case 'creditCode':
      return <Input className="sb-mono" maxLength={18} disabled={disabled} autoComplete="off" spellCheck={false} />;
    case 'idNumber':
      return <Input className="sb-mono" maxLength={18} disabled={disabled} autoComplete="off" spellCheck={false} placeholder={placeholder} />;
    default:
      return <Input disabled={disabled} />;
  }
}

/** The registry's check of a value (the server's own checkValue), as a form rule. */
const registryRule = (field: FactField, unit: MoneyUnit, lang: 'zh' | 'en') => ({
  validator: (_: unknown, value: unknown) => {
    const problem = checkValue(field.spec, fromFormValue(field, value as FormValue, unit) ?? null, { today: dayjs().format('YYYY-MM-DD') });
    return problem ? Promise.reject(new Error(problem[lang])) : Promise.resolve();
  },
});

function rulesFor(field: FactField, t: T, unit: MoneyUnit, lang: 'zh' | 'en') {
  switch (field.input) {
    case 'money':
      return [
        {
          validator: (_: unknown, value: unknown) => {
            if (value === undefined || value === null || String(value).trim() === '') return Promise.resolve();
            const parsed = parseMoney(String(value), unit);
            if (parsed.ok) return Promise.resolve();
            const msg = parsed.reason === 'precision' ? t.moneyPrecision(unit) : parsed.reason === 'too_large' ? t.moneyTooLarge : t.moneyFormat;
            return Promise.reject(new Error(msg));
          },
        },
      ];
    case 'creditCode':
      return [{ pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: t.creditCode }];
    case 'idNumber':
      return [{ pattern: /^\d{17}[\dXx]$/, message: t.idNumber }];
    case 'integer':
    case 'date':
    case 'text':
      return [registryRule(field, unit, lang)];
    default:
      return [];
  }
}

function SubjectForm({
  subject,
  registry,
  unit,
  setUnit,
}: {
  subject: SubjectProfile;
  registry: readonly ProfileVariable[];
  unit: MoneyUnit;
  setUnit: (u: MoneyUnit) => void;
}) {
  const t = useMessages(m);
  const { lang } = useLang();
  const localise = useLocalise();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormShape>();
  const update = useUpdateFacts(subject.id);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const groups = useMemo(() => groupsFor(subject.kind, registry), [subject.kind, registry]);
  const allFields = useMemo(() => groups.flatMap((g) => g.fields), [groups]);
  const known = useMemo(() => new Set(allFields.map((f) => f.variable)), [allFields]);
  const otherFacts = Object.entries(subject.facts).filter(([k]) => !known.has(k));
  const fieldPaths: FieldPath[] = useMemo(() => [...allFields.map((f) => ['facts', f.variable]), ['asOf']], [allFields]);
  const hasMoney = allFields.some((f) => f.input === 'money');

  // Built once per subject version (the parent remounts this form on new data); later unit
  // changes convert the typed values instead.
  const [initialValues] = useState<FormShape>(() => ({
    facts: Object.fromEntries(allFields.map((f) => [f.variable, toFormValue(f, subject.facts[f.variable]?.value, unit)])),
    asOf: dayjs(),
  }));

  const changeUnit = (next: MoneyUnit) => {
    if (next === unit) return;
    for (const f of allFields) {
      if (f.input !== 'money') continue;
      const current = form.getFieldValue(['facts', f.variable]) as FormValue;
      if (typeof current === 'string' && current.trim() !== '') form.setFieldValue(['facts', f.variable], convertTyped(current, unit, next));
    }
    setUnit(next);
    // Re-check with the new unit's precision.
    void form.validateFields(allFields.filter((f) => f.input === 'money').map((f) => ['facts', f.variable])).catch(() => undefined);
  };

  const onFinish = async (values: FormShape) => {
    setProblem(null);
    const changed: Record<string, FactValue> = {};
    for (const f of allFields) {
      const fact = subject.facts[f.variable];
      if (fact?.verified) continue;
      const next = fromFormValue(f, values.facts[f.variable], unit);
      if (next === undefined) continue;
      if (f.input === 'idNumber' || next !== (fact?.value ?? null)) changed[f.variable] = next;
    }
    if (Object.keys(changed).length === 0) {
      void message.info(t.nothingChanged);
      return;
    }
    try {
      await update.mutateAsync({ facts: changed, ...(values.asOf ? { asOf: values.asOf.format('YYYY-MM-DD') } : {}) });
      void message.success(t.saved);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, fieldPaths));
    }
  };

  const renderField = (f: FactField): ReactNode => {
    const fact = subject.facts[f.variable];
    const verified = !!fact?.verified;
    const label = localise(fact?.label, f.label[lang]);
    const help = f.input === 'idNumber' ? t.idNumberHelp : f.help?.[lang];
    const masked = f.input === 'idNumber' && typeof fact?.value === 'string' ? fact.value : undefined;
    return (
      <Col xs={24} md={12} key={f.variable}>
        <Form.Item
          label={label}
          name={['facts', f.variable]}
          rules={verified ? [] : rulesFor(f, t, unit, lang)}
          normalize={f.input === 'creditCode' ? (v: string | undefined) => (v ?? '').toUpperCase().replace(/\s/g, '') : undefined}
          extra={
            <>
              {help ? <div>{help}</div> : null}
              <FactMeta fact={fact} quietWhenMissing={f.input === 'boolean'} />
            </>
          }
        >
          {factControl(f, t, lang, verified, unit, masked ?? t.idNumberPlaceholder)}
        </Form.Item>
      </Col>
    );
  };

  return (
    <Form<FormShape>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => void onFinish(v)}
      scrollToFirstError={{ block: 'center', focus: true }}
      aria-label={kindLabel(t, subject.kind)}
    >
      <ProblemAlert problem={problem} />
      {groups.map((g) => (
        <Card
          key={g.key}
          style={{ marginBottom: 16 }}
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {g.title[lang]}
            </Typography.Title>
          }
          extra={
            hasMoney && g.fields.some((f) => f.input === 'money') ? (
              <Flex align="center" gap={8}>
                <span id={`unit-label-${g.key}`}>{t.unit}</span>
                <Segmented<MoneyUnit>
                  aria-labelledby={`unit-label-${g.key}`}
                  value={unit}
                  onChange={changeUnit}
                  options={[
                    { value: 'yuan', label: t.yuan },
                    { value: 'wan', label: t.wan },
                  ]}
                />
              </Flex>
            ) : undefined
          }
        >
          <Row gutter={24}>{g.fields.map(renderField)}</Row>
        </Card>
      ))}

      {otherFacts.length > 0 ? (
        <Card style={{ marginBottom: 16 }} title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t.other}</Typography.Title>}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={otherFacts.map(([k, fact]) => ({
              key: k,
              label: localise(fact.label, k),
              children: (
                <>
                  {fact.value === null ? '—' : fact.value === true ? t.yes : fact.value === false ? t.no : String(fact.value)} <FactMeta fact={fact} />
                </>
              ),
            }))}
          />
        </Card>
      ) : null}

      <Card>
        <Flex wrap gap={16} align="flex-end" justify="space-between">
          <Form.Item label={t.asOf} name="asOf" extra={t.asOfHelp} style={{ marginBottom: 0, minWidth: 220 }}>
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
          <Flex gap={8}>
            <Button
              icon={<UndoOutlined aria-hidden />}
              onClick={() => {
                form.resetFields();
                setProblem(null);
              }}
            >
              {t.reset}
            </Button>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={update.isPending}>
              {t.save}
            </Button>
          </Flex>
        </Flex>
      </Card>
    </Form>
  );
}

export function SubjectProfilePage() {
  const t = useMessages(m);
  const localise = useLocalise();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const subject = useSubject(id);
  const registry = useProfileVariables();
  const mine = useMySubjects();
  const [unit, setUnit] = useState<MoneyUnit>('wan');
  usePageTitle(subject.data?.name ?? t.title);

  if (subject.isPending || registry.isPending) return <PageLoading />;
  if (subject.isError) return <LoadError error={subject.error} onRetry={() => void subject.refetch()} />;
  if (registry.isError) return <LoadError error={registry.error} onRetry={() => void registry.refetch()} />;
  const s = subject.data;
  const size = s.computed.sizeClass;
  const others = mine.data ?? [];

  return (
    <>
      <PageHeading
        title={s.name}
        subtitle={
          <Tag color={KIND_COLOUR[s.kind] ?? 'geekblue'} style={{ marginInlineEnd: 0 }}>
            {kindLabel(t, s.kind)}
          </Tag>
        }
        extra={
          others.length > 1 ? (
            <Flex align="center" gap={8}>
              <span id="subject-switch-label">{t.switchSubject}</span>
              <Segmented<string>
                aria-labelledby="subject-switch-label"
                value={s.id}
                onChange={(next) => void navigate(`/profile/${next}`)}
                options={others.map((o) => ({ value: o.id, label: o.name }))}
              />
            </Flex>
          ) : undefined
        }
      />
      {size ? (
        <Card style={{ marginBottom: 16 }} size="small">
          <Descriptions
            column={1}
            items={[
              {
                key: 'size',
                label: t.sizeClass,
                children: (
                  <span data-testid="size-class">
                    <Typography.Text strong>{localise(size.label, size.value ?? '—')}</Typography.Text>
                    {size.reason ? <Typography.Text type="secondary"> — {localise(size.reason)}</Typography.Text> : null}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      {/* A new form only when the stored facts changed: a background refetch of the same facts
          must not throw away what the person is typing. */}
      <SubjectForm key={JSON.stringify([s.name, s.regionCode, s.facts])} subject={s} registry={registry.data} unit={unit} setUnit={setUnit} />
      {/* An enterprise's members choose here whether it is listed in the public directory. */}
      {s.kind === 'enterprise' ? <DirectoryListingPanel subjectId={s.id} /> : null}
      {/* Which platform may read its verified profile, and who read it (its members only). */}
      {s.kind === 'enterprise' ? <DataSharingCard subjectId={s.id} creditCode={typeof s.facts.credit_code?.value === 'string' ? s.facts.credit_code.value : null} /> : null}
    </>
  );
}
