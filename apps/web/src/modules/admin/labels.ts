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
};

export const KIND_COLOURS: Record<OrganisationKind, string> = {
  government: 'red',
  enterprise: 'blue',
  service_provider: 'cyan',
  carrier_operator: 'green',
  financial_institution: 'gold',
  instrument_owner: 'purple',
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
} satisfies Record<Role, Localised>;

export const isKind = (k: string): k is OrganisationKind => k in KIND_LABELS;

/** Audit actions in words; an action not listed here is shown by its code. */
export const AUDIT_ACTION_LABELS: Record<string, Localised> = {
  'auth.login': { zh: '登录', en: 'Logged in' },
  'auth.login_failed': { zh: '登录失败', en: 'Failed login' },
  'auth.locked': { zh: '账号被锁定', en: 'Account locked' },
  'auth.login_refused_locked': { zh: '锁定期间尝试登录', en: 'Login refused while locked' },
  'auth.logout': { zh: '退出登录', en: 'Logged out' },
  'auth.mfa_enrolled': { zh: '启用双重验证', en: 'Enrolled two-step verification' },
  'user.created': { zh: '新建用户', en: 'User created' },
  'organisation.created': { zh: '新建机构', en: 'Organisation created' },
  'organisation.updated': { zh: '修改机构', en: 'Organisation updated' },
  'membership.set': { zh: '设置成员角色', en: 'Member roles set' },
  'membership.removed': { zh: '移除成员', en: 'Member removed' },
  'subject.created': { zh: '建立档案', en: 'Profile created' },
  'subject.facts_declared': { zh: '申报档案信息', en: 'Facts declared' },
  'subject.facts_changed': { zh: '修改档案信息', en: 'Facts changed' },
  'subject.facts_verified': { zh: '核验档案信息', en: 'Facts verified' },
  'application.submitted': { zh: '提交申请', en: 'Application submitted' },
  'application.assessed': { zh: '专家评分', en: 'Assessed by an expert' },
  'application.objection_filed': { zh: '公示期异议', en: 'Objection filed' },
  'application.objection_resolved': { zh: '异议处理', en: 'Objection resolved' },
  'application.payment_requested': { zh: '申请拨付', en: 'Payment requested' },
  'application.pending_award': { zh: '免申即享待批', en: 'Pending award (no application needed)' },
  'award.pending_unrouted': { zh: '免申即享待分派', en: 'Pending award without a department' },
  'budget.created': { zh: '新建预算', en: 'Budget created' },
  'budget.change_proposed': { zh: '提出预算调整', en: 'Budget change proposed' },
  'budget.change_approved': { zh: '批准预算调整', en: 'Budget change approved' },
  'budget.change_rejected': { zh: '驳回预算调整', en: 'Budget change rejected' },
  'budget.change_withdrawn': { zh: '撤回预算调整', en: 'Budget change withdrawn' },
  'calendar.year_set': { zh: '设置年度工作日历', en: 'Working calendar set' },
  'file.uploaded': { zh: '上传文件', en: 'File uploaded' },
  'finder.simulation_requested': { zh: '发起政策模拟', en: 'Simulation requested' },
  'notification.preferences_changed': { zh: '修改通知设置', en: 'Notification choices changed' },
  'payment.requested': { zh: '发起拨付', en: 'Payment requested' },
  'payment.approved': { zh: '复核拨付', en: 'Payment approved' },
  'payment.paid': { zh: '已拨付', en: 'Paid' },
  'policy.draft_saved': { zh: '保存政策草稿', en: 'Policy draft saved' },
  'policy.draft_discarded': { zh: '放弃政策草稿', en: 'Policy draft discarded' },
  'policy.imported': { zh: '导入政策', en: 'Policy imported' },
  'policy.item_created': { zh: '新建政策事项', en: 'Policy item created' },
  'policy.published': { zh: '发布政策', en: 'Policy published' },
};
