/** Names of organisation kinds and roles, in both languages. */
import type { Localised } from '../../app/i18n';
import type { Role } from '@seedbed/contract';
import type { OrganisationKind } from './admin.api';

export { ROLES_BY_KIND } from '@seedbed/contract';

export const KIND_LABELS: Record<OrganisationKind, Localised> = {
  government: { zh: '政府部门', en: 'Government department' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  service_provider: { zh: '服务机构', en: 'Service provider' },
  carrier_operator: { zh: '创业载体运营方', en: 'Incubator / space operator' },
  financial_institution: { zh: '金融机构', en: 'Financial institution' },
  instrument_owner: { zh: '仪器设备单位', en: 'Instrument owner' },
  investor: { zh: '投资机构', en: 'Investor' },
};

export const KIND_COLOURS: Record<OrganisationKind, string> = {
  government: 'red',
  enterprise: 'blue',
  service_provider: 'cyan',
  carrier_operator: 'green',
  financial_institution: 'gold',
  instrument_owner: 'purple',
  investor: 'magenta',
};

export const ORGANISATION_KIND_LIST = Object.keys(KIND_LABELS) as OrganisationKind[];

/** Every role's name (a role the server adds without a label here fails to compile); looked up by the strings the server sends. */
export const ROLE_LABELS: Readonly<Partial<Record<string, Localised>>> = {
  owner: { zh: '负责人', en: 'Owner' },
  member: { zh: '成员', en: 'Member' },
  officer: { zh: '经办', en: 'Officer' },
  reviewer: { zh: '审核', en: 'Reviewer' },
  expert: { zh: '评审专家', en: 'Expert assessor' },
  finance: { zh: '财务', en: 'Finance' },
  programme_office: { zh: '双创办', en: 'Programme office' },
  dept_admin: { zh: '部门管理员', en: 'Department administrator' },
  financial_regulator: { zh: '金融监管', en: 'Financial regulator' },
} satisfies Record<Role, Localised>;

export const isKind = (k: string): k is OrganisationKind => k in KIND_LABELS;
