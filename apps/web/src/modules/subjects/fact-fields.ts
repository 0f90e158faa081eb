/**
 * How each profile fact is grouped, edited and converted between the API's value and the form's.
 * What a fact is (label, type, unit, bounds, values with labels, format) comes from the registry
 * the server serves (GET /api/v1/subjects/variables, catalog/variables.yaml); the grouping and
 * the order are the interface's own. Values are checked with the server's own checkValue.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { ProfileVariable } from '@seedbed/contract';
import type { ValueSpec } from '@seedbed/rules/values';
import type { Localised } from '../../app/i18n';
import { formatFen, parseMoney, type MoneyUnit } from './money';
import type { FactValue } from './subjects.api';

export type FactInput = 'text' | 'creditCode' | 'idNumber' | 'date' | 'region' | 'industry' | 'money' | 'integer' | 'boolean' | 'choice';

export interface FactField {
  variable: string;
  input: FactInput;
  label: Localised;
  help?: Localised;
  /** The values of a choice, with their labels. */
  options: { value: string; label: Localised }[];
  /** What the registry says a value may be (checkValue's input). */
  spec: ValueSpec;
}

export interface FactGroup {
  key: string;
  title: Localised;
  fields: FactField[];
}

interface GroupLayout {
  key: string;
  title: Localised;
  /** Variable names in the order shown, with help where the label needs it. */
  fields: (string | [string, Localised])[];
}

const ENTERPRISE_LAYOUT: GroupLayout[] = [
  {
    key: 'basic',
    title: { zh: '基本信息', en: 'Basic information' },
    fields: ['credit_code', 'enterprise_name', 'founded_on', 'region', ['industry', { zh: '国民经济行业分类（GB/T 4754）', en: 'GB/T 4754 classification of economic activities' }]],
  },
  {
    key: 'scale',
    title: { zh: '规模与经营', en: 'Size and operations' },
    fields: ['employees', ['revenue', { zh: '上一年度营业收入', en: 'Revenue for the last financial year' }], 'total_assets', 'registered_capital'],
  },
  {
    key: 'qualifications',
    title: { zh: '资质与认定', en: 'Qualifications' },
    // Each status beside the date it began (policies count years from it).
    fields: ['is_high_tech_enterprise', 'high_tech_certified_on', 'is_tech_sme', 'tech_sme_registered_on', 'is_small_scale_taxpayer', 'yx_is_innovative_enterprise', 'is_incubated_in_base'],
  },
];

const PERSON_LAYOUT: GroupLayout[] = [
  { key: 'identity', title: { zh: '身份信息', en: 'Identity' }, fields: ['person_name', 'id_number', 'birth_date', 'gender', 'region'] },
  { key: 'education', title: { zh: '学历', en: 'Education' }, fields: ['education', 'graduated_on'] },
  {
    key: 'status',
    title: { zh: '人员类别', en: 'Categories' },
    fields: [
      'is_registered_unemployed',
      'unemployment_registered_on',
      'is_veteran',
      'veteran_discharged_on',
      'is_returning_migrant_worker',
      'returned_home_on',
      'is_disabled',
      'disability_certified_on',
    ],
  },
];

const FORMAT_INPUTS: Record<string, FactInput> = { credit_code: 'creditCode', id_number: 'idNumber', industry: 'industry' };
const TYPE_INPUTS: Record<string, FactInput> = { date: 'date', region: 'region', money: 'money', integer: 'integer', boolean: 'boolean', enum: 'choice' };

/** The input for a registry variable: its identifier format, else its type; anything else is text. */
export const inputFor = (v: ProfileVariable): FactInput => (v.format ? FORMAT_INPUTS[v.format] : undefined) ?? TYPE_INPUTS[v.type] ?? 'text';

/** The registry's definition as checkValue reads it. */
export function specOf(v: ProfileVariable): ValueSpec {
  return {
    type: v.type as ValueSpec['type'],
    ...(v.values ? { values: v.values } : {}),
    ...(v.min !== null ? { min: v.min } : {}),
    ...(v.max !== null ? { max: v.max } : {}),
    ...(v.format ? { format: v.format as NonNullable<ValueSpec['format']> } : {}),
    ...(v.maxFutureDays !== null ? { max_future_days: v.maxFutureDays } : {}),
  };
}

function fieldOf(v: ProfileVariable, help: Localised | undefined): FactField {
  const unit = v.unit && v.type === 'integer' ? v.unit : null;
  return {
    variable: v.name,
    input: inputFor(v),
    label: unit ? { zh: `${v.label.zh}（${unit}）`, en: v.label.en } : v.label,
    ...(help ? { help } : {}),
    options: v.values ?? [],
    spec: specOf(v),
  };
}

/** The groups of a kind of profile, each field as the registry defines it (variables it does not hold are left out). */
/** The kinds of profile an organisation holds (载体, 服务机构, 院所): their facts come from the policies that name them. */
export const ORGANISATION_KINDS: ReadonlySet<string> = new Set(['carrier', 'provider', 'institution']);

/**
 * An organisation's profile: every variable the registry gives its entity, the place first, then
 * statuses and recognitions (yes/no, levels, dates), then figures (amounts, counts, areas), each
 * in the order of its label.
 */
function organisationLayout(kind: string, registry: readonly ProfileVariable[]): GroupLayout[] {
  const own = registry.filter((v) => v.entity.includes(kind) && v.name !== 'region').sort((a, b) => a.label.zh.localeCompare(b.label.zh, 'zh'));
  const figures = (v: ProfileVariable) => v.type === 'money' || v.type === 'integer' || v.type === 'number';
  return [
    { key: 'basic', title: { zh: '基本信息', en: 'Basic information' }, fields: ['region'] },
    { key: 'status', title: { zh: '资质与认定', en: 'Status and recognitions' }, fields: own.filter((v) => !figures(v)).map((v) => v.name) },
    { key: 'figures', title: { zh: '经营数据', en: 'Figures' }, fields: own.filter(figures).map((v) => v.name) },
  ];
}

export function groupsFor(kind: string, registry: readonly ProfileVariable[]): FactGroup[] {
  const byName = new Map(registry.filter((v) => v.entity.includes(kind)).map((v) => [v.name, v]));
  const layout = kind === 'person' ? PERSON_LAYOUT : ORGANISATION_KINDS.has(kind) ? organisationLayout(kind, registry) : ENTERPRISE_LAYOUT;
  return layout.map((g) => ({
    key: g.key,
    title: g.title,
    fields: g.fields.flatMap((entry) => {
      const [name, help] = typeof entry === 'string' ? [entry, undefined] : entry;
      const v = byName.get(name);
      return v ? [fieldOf(v, help)] : [];
    }),
  }));
}

/** The form's representation of a fact value. Booleans are tri-state: missing is not false. */
export type FormValue = string | number | Dayjs | null | undefined;

export function toFormValue(field: FactField, value: FactValue | undefined, unit: MoneyUnit): FormValue {
  if (value === null || value === undefined) return field.input === 'boolean' ? 'unknown' : undefined;
  switch (field.input) {
    case 'money':
      return typeof value === 'number' ? formatFen(value, unit) : String(value);
    case 'date':
      return typeof value === 'string' && dayjs(value, 'YYYY-MM-DD').isValid() ? dayjs(value) : undefined;
    case 'boolean':
      return value === true ? 'yes' : value === false ? 'no' : 'unknown';
    case 'integer':
      return typeof value === 'number' ? value : Number(value);
    case 'idNumber':
      // The server only ever sends the masked number; the input replaces it.
      return undefined;
    default:
      return String(value);
  }
}

/** The API value for a form value; `undefined` means "leave unchanged" (only for id numbers). */
export function fromFormValue(field: FactField, value: FormValue, unit: MoneyUnit): FactValue | undefined {
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  switch (field.input) {
    case 'idNumber':
      return empty ? undefined : String(value).trim().toUpperCase();
    case 'boolean':
      return value === 'yes' ? true : value === 'no' ? false : null;
    case 'money': {
      if (empty) return null;
      const parsed = parseMoney(String(value), unit);
      return parsed.ok ? parsed.fen : null;
    }
    case 'integer':
      return empty ? null : Number(value);
    case 'date':
      return empty ? null : dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : String(value);
    case 'creditCode':
      return empty ? null : String(value).trim().toUpperCase();
    default:
      return empty ? null : String(value).trim();
  }
}
