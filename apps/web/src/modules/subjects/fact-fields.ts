/**
 * How each profile fact is grouped, edited and converted between the API's value and the form's.
 * The server is the authority on a fact's label and type; the labels here are the fallback and
 * the grouping is the interface's own.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { Localised } from '../../app/i18n';
import { formatFen, parseMoney, type MoneyUnit } from './money';
import type { FactValue } from './subjects.api';

export type FactInput =
  | 'text'
  | 'creditCode'
  | 'idNumber'
  | 'date'
  | 'region'
  | 'industry'
  | 'money'
  | 'integer'
  | 'boolean'
  | 'gender'
  | 'education';

export interface FactField {
  variable: string;
  input: FactInput;
  label: Localised;
  help?: Localised;
}

export interface FactGroup {
  key: string;
  title: Localised;
  fields: FactField[];
}

const f = (variable: string, input: FactInput, zh: string, en: string, help?: Localised): FactField => ({
  variable,
  input,
  label: { zh, en },
  ...(help ? { help } : {}),
});

export const ENTERPRISE_GROUPS: FactGroup[] = [
  {
    key: 'basic',
    title: { zh: '基本信息', en: 'Basic information' },
    fields: [
      f('credit_code', 'creditCode', '统一社会信用代码', 'Unified social credit code'),
      f('enterprise_name', 'text', '企业名称', 'Enterprise name'),
      f('founded_on', 'date', '成立日期', 'Date founded'),
      f('region', 'region', '注册地', 'Registered in'),
      f('industry', 'industry', '所属行业', 'Industry', { zh: '国民经济行业分类（GB/T 4754）', en: 'GB/T 4754 classification of economic activities' }),
    ],
  },
  {
    key: 'scale',
    title: { zh: '规模与经营', en: 'Size and operations' },
    fields: [
      f('employees', 'integer', '从业人员（人）', 'Employees (persons)'),
      f('revenue', 'money', '营业收入', 'Revenue', { zh: '上一年度营业收入', en: 'Revenue for the last financial year' }),
      f('total_assets', 'money', '资产总额', 'Total assets'),
      f('registered_capital', 'money', '注册资本', 'Registered capital'),
    ],
  },
  {
    key: 'qualifications',
    title: { zh: '资质与认定', en: 'Qualifications' },
    fields: [
      // Each status beside the date it began (policies count years from it).
      f('is_high_tech_enterprise', 'boolean', '高新技术企业', 'High and new technology enterprise'),
      f('high_tech_certified_on', 'date', '高新技术企业认定日期', 'High-tech enterprise certified on'),
      f('is_tech_sme', 'boolean', '科技型中小企业', 'Technology-based SME'),
      f('tech_sme_registered_on', 'date', '科技型中小企业入库日期', 'Technology-based SME registered on'),
      f('is_small_scale_taxpayer', 'boolean', '小规模纳税人', 'Small-scale taxpayer'),
    ],
  },
];

export const PERSON_GROUPS: FactGroup[] = [
  {
    key: 'identity',
    title: { zh: '身份信息', en: 'Identity' },
    fields: [
      f('person_name', 'text', '姓名', 'Name'),
      f('id_number', 'idNumber', '居民身份证号码', 'Resident ID number'),
      f('birth_date', 'date', '出生日期', 'Date of birth'),
      f('gender', 'gender', '性别', 'Gender'),
      f('region', 'region', '户籍或常住地', 'Region of residence'),
    ],
  },
  {
    key: 'education',
    title: { zh: '学历', en: 'Education' },
    fields: [f('education', 'education', '最高学历', 'Highest education'), f('graduated_on', 'date', '毕业日期', 'Date of graduation')],
  },
  {
    key: 'status',
    title: { zh: '人员类别', en: 'Categories' },
    fields: [
      f('is_registered_unemployed', 'boolean', '登记失业人员', 'Registered unemployed'),
      f('unemployment_registered_on', 'date', '失业登记日期', 'Unemployment registered on'),
      f('is_veteran', 'boolean', '退役军人', 'Veteran'),
      f('veteran_discharged_on', 'date', '退役日期', 'Discharged from service on'),
      f('is_returning_migrant_worker', 'boolean', '返乡创业农民工', 'Returning migrant worker'),
      f('returned_home_on', 'date', '返乡日期', 'Returned home on'),
      f('is_disabled', 'boolean', '残疾人', 'Person with a disability'),
      f('disability_certified_on', 'date', '残疾人证核发日期', 'Disability certificate issued on'),
    ],
  },
];

export const groupsFor = (kind: string): FactGroup[] => (kind === 'person' ? PERSON_GROUPS : ENTERPRISE_GROUPS);

export const EDUCATION_LEVELS: { value: string; label: Localised }[] = [
  { value: 'none', label: { zh: '无学历', en: 'None' } },
  { value: 'secondary', label: { zh: '中学', en: 'Secondary school' } },
  { value: 'vocational', label: { zh: '中专 / 技校', en: 'Vocational school' } },
  { value: 'associate', label: { zh: '大专', en: 'Associate degree' } },
  { value: 'bachelor', label: { zh: '本科', en: "Bachelor's degree" } },
  { value: 'master', label: { zh: '硕士研究生', en: "Master's degree" } },
  { value: 'doctorate', label: { zh: '博士研究生', en: 'Doctorate' } },
];

export const GENDERS: { value: string; label: Localised }[] = [
  { value: 'male', label: { zh: '男', en: 'Male' } },
  { value: 'female', label: { zh: '女', en: 'Female' } },
];

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
