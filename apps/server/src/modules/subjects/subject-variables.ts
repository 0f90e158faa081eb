/**
 * The facts a subject profile (一企一档) holds, under the same names the rules engine's
 * variables use (packages/rules/FORMAT.md §1), so a profile can be evaluated as it stands.
 */
export type FactType =
  | 'string'
  | 'date'
  | 'integer'
  | 'money'
  | 'boolean'
  | 'enum'
  | 'region'
  | 'industry'
  | 'credit_code'
  | 'id_number';

export interface SubjectVariable {
  name: string;
  entity: 'enterprise' | 'person';
  type: FactType;
  label: { zh: string; en: string };
  values?: readonly string[];
  /** How far into the future a date may lie (default 0: not after today). */
  maxFutureDays?: number;
  /** Stored encrypted and shown masked (personal identifiers). */
  protected?: boolean;
  /**
   * Personal data of a person (who they are, or a special category such as health): shown only
   * to the person and to officials of a department whose region covers the person's; anyone
   * else reading the profile sees it without these facts (subjects.service: profileOf).
   */
  personal?: boolean;
}

const v = (
  name: string,
  entity: SubjectVariable['entity'],
  type: FactType,
  zh: string,
  en: string,
  extra: Partial<SubjectVariable> = {},
): SubjectVariable => ({ name, entity, type, label: { zh, en }, ...extra });

export const EDUCATION_LEVELS = ['none', 'secondary', 'vocational', 'associate', 'bachelor', 'master', 'doctorate'] as const;

export const SUBJECT_VARIABLES: readonly SubjectVariable[] = [
  v('credit_code', 'enterprise', 'credit_code', '统一社会信用代码', 'Unified social credit code'),
  v('enterprise_name', 'enterprise', 'string', '企业名称', 'Enterprise name'),
  v('founded_on', 'enterprise', 'date', '成立日期', 'Date founded'),
  v('region', 'enterprise', 'region', '注册地行政区划', 'Registered region'),
  v('industry', 'enterprise', 'industry', '所属行业', 'Industry (GB/T 4754)'),
  v('registered_capital', 'enterprise', 'money', '注册资本', 'Registered capital'),
  v('employees', 'enterprise', 'integer', '从业人员数', 'Employees'),
  v('revenue', 'enterprise', 'money', '上年营业收入', "Last year's revenue"),
  v('total_assets', 'enterprise', 'money', '资产总额', 'Total assets'),
  v('is_high_tech_enterprise', 'enterprise', 'boolean', '高新技术企业', 'High-tech enterprise'),
  v('high_tech_certified_on', 'enterprise', 'date', '高新技术企业认定日期', 'High-tech enterprise certified on'),
  v('is_tech_sme', 'enterprise', 'boolean', '科技型中小企业', 'Technology-based SME'),
  v('tech_sme_registered_on', 'enterprise', 'date', '科技型中小企业入库日期', 'Technology-based SME registered on'),
  v('is_small_scale_taxpayer', 'enterprise', 'boolean', '小规模纳税人', 'Small-scale VAT taxpayer'),
  v('on_serious_violation_list', 'enterprise', 'boolean', '列入严重失信名单', 'On a serious-violation list'),
  v('id_number', 'person', 'id_number', '居民身份证号码', 'Resident ID number', { protected: true, personal: true }),
  v('person_name', 'person', 'string', '姓名', 'Name', { personal: true }),
  v('birth_date', 'person', 'date', '出生日期', 'Date of birth', { personal: true }),
  v('gender', 'person', 'enum', '性别', 'Gender', { values: ['female', 'male'], personal: true }),
  v('region', 'person', 'region', '户籍或常住地', 'Region of residence'),
  v('education', 'person', 'enum', '学历', 'Education', { values: EDUCATION_LEVELS }),
  v('graduated_on', 'person', 'date', '毕业日期', 'Graduation date', { maxFutureDays: 366 }),
  v('is_registered_unemployed', 'person', 'boolean', '登记失业人员', 'Registered unemployed'),
  v('unemployment_registered_on', 'person', 'date', '失业登记日期', 'Unemployment registered on'),
  v('is_veteran', 'person', 'boolean', '退役军人', 'Veteran'),
  v('veteran_discharged_on', 'person', 'date', '退役日期', 'Discharged from service on'),
  v('is_returning_migrant_worker', 'person', 'boolean', '返乡农民工', 'Returning migrant worker'),
  v('returned_home_on', 'person', 'date', '返乡日期', 'Returned home on'),
  v('is_disabled', 'person', 'boolean', '残疾人', 'Person with a disability', { personal: true }),
  v('disability_certified_on', 'person', 'date', '残疾人证核发日期', 'Disability certificate issued on', { personal: true }),
  v('on_serious_violation_list', 'person', 'boolean', '列入严重失信名单', 'On a serious-violation list'),
];

/** The facts of a person that are personal data (see SubjectVariable.personal). */
export const PERSONAL_FACTS: readonly string[] = SUBJECT_VARIABLES.filter((x) => x.entity === 'person' && x.personal).map((x) => x.name);

export function variableFor(entity: string, name: string): SubjectVariable | undefined {
  return SUBJECT_VARIABLES.find((x) => x.entity === entity && x.name === name);
}
