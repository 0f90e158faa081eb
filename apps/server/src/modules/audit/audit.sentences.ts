/**
 * The audit log as sentences: "蒙佳 受理了 南宁某某科技有限公司 的 工业新产品补助 申请". One template
 * per action, in Chinese and English, over the actor's name and the object's human name (resolved
 * by the caller: an application is its applicant and item, a budget its item and year, a user
 * their name). Codes never reach the page: an action without a template reads as its kind.
 */
import type { AuditRow } from './audit.repository.js';

export interface Text {
  zh: string;
  en: string;
}

/** Human names of objects, by entity type then id (what `namesNeeded` asks for). */
export type AuditNames = ReadonlyMap<string, ReadonlyMap<string, Text>>;

/** Kinds of action people filter by: each is a set of action prefixes. */
export const AUDIT_KINDS: readonly { key: string; label: Text; prefixes: readonly string[] }[] = [
  { key: 'application', label: { zh: '兑现申请办理', en: 'Applications' }, prefixes: ['application.', 'award.'] },
  { key: 'money', label: { zh: '预算与拨付', en: 'Budgets and payments' }, prefixes: ['budget.', 'payment.'] },
  { key: 'voucher', label: { zh: '服务券', en: 'Service vouchers' }, prefixes: ['voucher.', 'voucher_scheme.', 'voucher_batch.'] },
  { key: 'policy', label: { zh: '政策发布与测算', en: 'Policies and simulations' }, prefixes: ['policy.', 'finder.'] },
  { key: 'subject', label: { zh: '企业与个人档案', en: 'Profiles' }, prefixes: ['subject.'] },
  { key: 'account', label: { zh: '账号、机构与角色', en: 'Accounts, organisations and roles' }, prefixes: ['user.', 'organisation.', 'membership.', 'notification.'] },
  { key: 'auth', label: { zh: '登录与安全', en: 'Sign-in and security' }, prefixes: ['auth.'] },
  { key: 'interconnect', label: { zh: '互联互通', en: 'Interconnection' }, prefixes: ['interconnect.'] },
  { key: 'other', label: { zh: '日历与文件', en: 'Calendar and files' }, prefixes: ['calendar.', 'file.'] },
];

export const auditKindOf = (action: string) => AUDIT_KINDS.find((k) => k.prefixes.some((p) => action.startsWith(p)));

/** The objects a row names, to be resolved to human names: [entity type, id]. */
export function namesNeeded(row: Pick<AuditRow, 'entity_type' | 'entity_id' | 'data'>): [string, string][] {
  const out: [string, string][] = [];
  if (row.entity_id) out.push([row.entity_type, row.entity_id]);
  const d = row.data;
  if (typeof d.userId === 'string') out.push(['user', d.userId]);
  if (typeof d.itemId === 'string') out.push(['policy_item', d.itemId]);
  if (typeof d.subjectId === 'string') out.push(['subject', d.subjectId]);
  if (typeof d.financeDepartmentId === 'string') out.push(['organisation', d.financeDepartmentId]);
  return out;
}

/** 1234567 fen → "12,345.67". */
export function yuanText(fen: unknown): string | null {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return null;
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

const STAGES: Record<string, Text> = {
  acceptance: { zh: '受理', en: 'acceptance' },
  first_review: { zh: '初审', en: 'first review' },
  expert_review: { zh: '专家评审', en: 'expert review' },
  approval: { zh: '批复', en: 'approval' },
  publicity: { zh: '公示', en: 'publicity' },
  payment: { zh: '拨付', en: 'payment' },
  returned: { zh: '退回补正', en: 'returned for amendment' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  rejected: { zh: '不予支持', en: 'rejected' },
  closed: { zh: '已办结', en: 'closed' },
};

type Template = (p: {
  object: Text;
  data: Record<string, unknown>;
  name: (type: string, id: unknown, fallback: Text) => Text;
}) => Text;

const SOMETHING: Text = { zh: '（已删除的对象）', en: '(an object no longer present)' };
const money = (fen: unknown): Text => {
  const y = yuanText(fen);
  return y ? { zh: `，金额 ${y} 元`, en: `, ${y} CNY` } : { zh: '', en: '' };
};
const because = (data: Record<string, unknown>): Text =>
  typeof data.reason === 'string' && data.reason ? { zh: `，理由：${data.reason}`, en: `, reason: ${data.reason}` } : { zh: '', en: '' };
const stageOf = (v: unknown): Text => (typeof v === 'string' && STAGES[v]) || { zh: '办理', en: 'processing' };
const join = (...parts: Text[]): Text => ({ zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join('') });
const t = (zh: string, en: string): Text => ({ zh, en });

/** What the actor did, after the actor's name ("受理了 X 的 Y 申请"). */
const TEMPLATES: Record<string, Template> = {
  'application.submitted': ({ object, data }) => join(t(`提交了 ${object.zh}`, `submitted ${object.en}`), money(data.amountFen)),
  'application.accepted': ({ object }) => t(`受理了 ${object.zh}`, `accepted ${object.en}`),
  'application.passed': ({ object, data }) => t(`在${stageOf(data.from).zh}环节审核通过了 ${object.zh}`, `passed ${object.en} at ${stageOf(data.from).en}`),
  'application.returned': ({ object, data }) => join(t(`退回了 ${object.zh}，请申请人补正`, `returned ${object.en} for amendment`), because(data)),
  'application.rejected': ({ object, data }) => join(t(`对 ${object.zh} 作出不予支持的决定`, `rejected ${object.en}`), because(data)),
  'application.withdrawn': ({ object }) => t(`撤回了 ${object.zh}`, `withdrew ${object.en}`),
  'application.resubmitted': ({ object }) => t(`补正后重新提交了 ${object.zh}`, `amended and resubmitted ${object.en}`),
  'application.assessed': ({ object, data }) =>
    data.conflict ? t(`对 ${object.zh} 声明了利益冲突，回避评审`, `declared a conflict of interest on ${object.en}`) : t(`评审了 ${object.zh}`, `assessed ${object.en}`),
  'application.approved': ({ object, data }) => join(t(`批复了 ${object.zh}`, `approved ${object.en}`), money(data.approvedFen), t('，进入公示', ', publicity begins')),
  'application.publicity_concluded': ({ object }) => t(`结束了 ${object.zh} 的公示`, `concluded the publicity of ${object.en}`),
  'application.objection_filed': ({ object }) => t(`对 ${object.zh} 提出了公示异议`, `objected to ${object.en} during publicity`),
  'application.objection_resolved': ({ object, data }) =>
    t(`处理了 ${object.zh} 的公示异议（${data.outcome === 'upheld' ? '异议成立' : '异议不成立'}）`, `resolved an objection to ${object.en} (${data.outcome === 'upheld' ? 'upheld' : 'dismissed'})`),
  'application.revoked': ({ object, data }) => join(t(`撤销了 ${object.zh} 的奖补`, `revoked the award of ${object.en}`), because(data)),
  'application.payee_given': ({ object }) => t(`填写了 ${object.zh} 的收款账户`, `gave the payee account of ${object.en}`),
  'application.payment_requested': ({ object, data }) => join(t(`申请拨付 ${object.zh}`, `requested payment of ${object.en}`), money(data.amountFen)),
  'application.paid': ({ object, data }) => join(t(`拨付了 ${object.zh}`, `paid ${object.en}`), money(data.amountFen), t('，办结', ', closed')),
  'application.pending_award': ({ object, data }) => join(t(`生成了免申即享待批奖补：${object.zh}`, `created a pending award (no application needed): ${object.en}`), money(data.amountFen)),
  'award.pending_unrouted': ({ data, name }) =>
    t(
      `未能为 ${name('subject', data.subjectId, SOMETHING).zh} 的 ${name('policy_item', data.itemId, SOMETHING).zh} 免申即享奖补找到办理部门`,
      `found no department for the pending award of ${name('policy_item', data.itemId, SOMETHING).en} to ${name('subject', data.subjectId, SOMETHING).en}`,
    ),
  'budget.created': ({ object, data }) => join(t(`设立了 ${object.zh}`, `set up ${object.en}`), money(data.amountFen)),
  'budget.change_proposed': ({ object, data }) => join(t(`提出调整 ${object.zh}`, `proposed a change of ${object.en}`), money(data.amountFen)),
  'budget.change_approved': ({ object, data }) => join(t(`复核同意调整 ${object.zh}`, `approved the change of ${object.en}`), money(data.amountFen)),
  'budget.change_rejected': ({ object }) => t(`驳回了 ${object.zh} 的调整`, `rejected the change of ${object.en}`),
  'budget.change_withdrawn': ({ object }) => t(`撤回了 ${object.zh} 的调整`, `withdrew the change of ${object.en}`),
  'payment.requested': ({ object, data }) => join(t(`发起了 ${object.zh} 的拨付`, `requested the payment of ${object.en}`), money(data.amountFen)),
  'payment.approved': ({ object, data }) => join(t(`复核并拨付了 ${object.zh}`, `approved the payment of ${object.en}`), money(data.amountFen)),
  'payment.paid': ({ object, data }) => join(t(`拨付了 ${object.zh}`, `paid ${object.en}`), money(data.amountFen)),
  'voucher_scheme.created': ({ data, name }) =>
    join(t(`设立了 ${name('policy_item', data.itemId, SOMETHING).zh} ${String(data.year)} 年服务券方案，预算`, `set up the ${String(data.year)} voucher scheme of ${name('policy_item', data.itemId, SOMETHING).en}, budget`), money(data.budgetFen)),
  'voucher_scheme.suspended': () => t('暂停了一个服务券方案', 'suspended a voucher scheme'),
  'voucher_scheme.resumed': () => t('恢复了一个服务券方案', 'resumed a voucher scheme'),
  'voucher_scheme.bulk_issue_requested': () => t('发起了服务券批量发放', 'started issuing vouchers in bulk'),
  'voucher.issued': ({ data, name }) => join(t(`向 ${name('subject', data.subjectId, SOMETHING).zh} 发放了一张服务券`, `issued a voucher to ${name('subject', data.subjectId, SOMETHING).en}`), money(data.faceValueFen)),
  'voucher.expired': ({ data }) => join(t('将一张到期服务券的余额退回方案', "returned an expired voucher's balance to its scheme"), money(data.returnedFen)),
  'voucher_batch.proposed': ({ data }) => join(t('提出了服务券结算批次', 'proposed a voucher settlement batch'), money(data.totalFen)),
  'voucher_batch.paid': ({ data }) => join(t('复核并支付了服务券结算批次', 'approved and paid a voucher settlement batch'), money(data.paidFen)),
  'voucher_batch.rejected': ({ data }) => (data.withdrawn ? t('撤回了服务券结算批次', 'withdrew a voucher settlement batch') : t('驳回了服务券结算批次', 'rejected a voucher settlement batch')),
  'policy.published': ({ object, data }) => t(`发布了 ${object.zh}${typeof data.version === 'number' ? ` 第 ${data.version} 版` : ''}`, `published ${object.en}${typeof data.version === 'number' ? `, version ${data.version}` : ''}`),
  'policy.draft_saved': ({ object }) => t(`保存了 ${object.zh} 的修订草稿`, `saved a draft of ${object.en}`),
  'policy.draft_discarded': ({ object }) => t(`放弃了 ${object.zh} 的修订草稿`, `discarded the draft of ${object.en}`),
  'policy.item_created': ({ object }) => t(`新建了政策事项 ${object.zh}`, `created the policy item ${object.en}`),
  'policy.imported': ({ data }) => {
    const n = Array.isArray(data.items) ? data.items.length : 0;
    return t(`从政策目录导入了 ${n} 项政策事项`, `imported ${n} policy items from the catalogue`);
  },
  'finder.simulation_requested': ({ object }) => t(`对 ${object.zh} 发起了政策模拟测算`, `started a simulation of ${object.en}`),
  'subject.created': ({ object }) => t(`建立了 ${object.zh} 的档案`, `created the profile of ${object.en}`),
  'subject.facts_declared': ({ object }) => t(`申报了 ${object.zh} 的档案信息`, `declared facts in the profile of ${object.en}`),
  'subject.facts_verified': ({ object }) => t(`核验了 ${object.zh} 的档案信息`, `verified facts in the profile of ${object.en}`),
  'user.created': ({ object }) => t(`创建了用户 ${object.zh}`, `created the user ${object.en}`),
  'organisation.created': ({ object }) => t(`创建了机构 ${object.zh}`, `created the organisation ${object.en}`),
  'organisation.updated': ({ object }) => t(`修改了机构 ${object.zh} 的信息`, `updated the organisation ${object.en}`),
  'membership.set': ({ object, data, name }) => {
    const who = name('user', data.userId, SOMETHING);
    return t(`设置了 ${who.zh} 在 ${object.zh} 的角色`, `set the roles of ${who.en} in ${object.en}`);
  },
  'membership.removed': ({ object, data, name }) => {
    const who = name('user', data.userId, SOMETHING);
    return t(`将 ${who.zh} 移出了 ${object.zh}`, `removed ${who.en} from ${object.en}`);
  },
  'notification.preferences_changed': () => t('修改了自己的通知设置', 'changed their notification choices'),
  'auth.login': () => t('登录了平台', 'signed in'),
  'auth.logout': () => t('退出了登录', 'signed out'),
  'auth.login_failed': ({ data }) => t(`登录失败${typeof data.username === 'string' ? `（账号 ${data.username}）` : ''}`, `failed to sign in${typeof data.username === 'string' ? ` (account ${data.username})` : ''}`),
  'auth.login_refused_locked': () => t('在账号锁定期间尝试登录，被拒绝', 'tried to sign in while the account was locked'),
  'auth.locked': () => t('的账号因多次登录失败被锁定', "'s account was locked after repeated failed sign-ins"),
  'auth.mfa_enrolled': () => t('启用了双重验证', 'enrolled two-step verification'),
  'calendar.year_set': ({ object }) => t(`设置了 ${object.zh} 的放假调休安排`, `set the holiday arrangement of ${object.en}`),
  'interconnect.client_registered': ({ data }) => t(`登记了对接客户端 ${String(data.name ?? '')}`, `registered the machine client ${String(data.name ?? '')}`),
  'interconnect.client_rotated': ({ data }) => t(`更换了对接客户端 ${String(data.name ?? '')} 的密钥`, `rotated the secret of the machine client ${String(data.name ?? '')}`),
  'interconnect.client_revoked': ({ data }) => t(`吊销了对接客户端 ${String(data.name ?? '')}`, `revoked the machine client ${String(data.name ?? '')}`),
  'interconnect.upstream_registered': ({ data }) => t(`登记了上级平台 ${String(data.name ?? '')}`, `registered the upstream platform ${String(data.name ?? '')}`),
  'interconnect.upstream_removed': ({ data }) => t(`移除了上级平台 ${String(data.name ?? '')}`, `removed the upstream platform ${String(data.name ?? '')}`),
  'file.uploaded': ({ object }) => t(`上传了文件 ${object.zh}`, `uploaded the file ${object.en}`),
};

/** The object's own name when it has no resolved name (a calendar year is its year). */
function objectOf(row: Pick<AuditRow, 'entity_type' | 'entity_id'>, names: AuditNames): Text {
  if (!row.entity_id) return SOMETHING;
  const found = names.get(row.entity_type)?.get(row.entity_id);
  if (found) return found;
  if (row.entity_type === 'calendar_year' && /^\d{4}$/.test(row.entity_id)) return t(`${row.entity_id} 年`, `${row.entity_id}`);
  return SOMETHING;
}

/** Who acted, as people read it: a person's name, the platform itself, or a member of the public. */
export function actorOf(row: Pick<AuditRow, 'actor_user_id' | 'actor'>, names: AuditNames): Text {
  if (row.actor_user_id) {
    const n = names.get('user')?.get(row.actor_user_id);
    if (n) return n;
  }
  if (row.actor?.startsWith('system:')) return t('系统', 'The platform');
  if (!row.actor_user_id) return t('公众', 'A member of the public');
  return t('（已删除的用户）', '(a deleted user)');
}

/** One row as a sentence in both languages. */
export function sentenceOf(row: Pick<AuditRow, 'action' | 'entity_type' | 'entity_id' | 'data' | 'actor_user_id' | 'actor'>, names: AuditNames): Text {
  const actor = actorOf(row, names);
  const template = TEMPLATES[row.action];
  const name = (type: string, id: unknown, fallback: Text) => (typeof id === 'string' && names.get(type)?.get(id)) || fallback;
  const what = template
    ? template({ object: objectOf(row, names), data: row.data, name })
    : (() => {
        const kind = auditKindOf(row.action)?.label ?? t('其他', 'other');
        return t(`进行了一项操作（${kind.zh}）`, `took an action (${kind.en})`);
      })();
  // "'s account was locked" attaches to the name; everything else follows a space.
  const glue = (s: string) => (s.startsWith("'") || s.startsWith('的') ? '' : ' ');
  return { zh: `${actor.zh}${glue(what.zh)}${what.zh}`, en: `${actor.en}${glue(what.en)}${what.en}` };
}

export const hasTemplate = (action: string): boolean => action in TEMPLATES;

/** Kinds of object, for the "object" filter. */
export const AUDIT_OBJECT_TYPES: readonly { key: string; label: Text }[] = [
  { key: 'application', label: { zh: '兑现申请', en: 'Application' } },
  { key: 'budget', label: { zh: '预算', en: 'Budget' } },
  { key: 'payment', label: { zh: '拨付', en: 'Payment' } },
  { key: 'policy_item', label: { zh: '政策事项', en: 'Policy item' } },
  { key: 'subject', label: { zh: '企业或个人档案', en: 'Profile' } },
  { key: 'user', label: { zh: '用户', en: 'User' } },
  { key: 'organisation', label: { zh: '机构', en: 'Organisation' } },
  { key: 'calendar_year', label: { zh: '工作日历', en: 'Working calendar' } },
  { key: 'file', label: { zh: '文件', en: 'File' } },
];
