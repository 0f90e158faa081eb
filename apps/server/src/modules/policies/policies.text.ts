/**
 * Plain-language renderings of a rule for the policy page, without any subject's facts: an
 * amount formula ("培训人数 × 每人补贴标准（1,000.00 元）"), caps, the benefit type, how to
 * apply. The rules engine explains evaluations; this explains the rule itself.
 */
import type { Catalog, ItemSpec } from '@seedbed/rules';
import type { PolicyText } from './policies.tables.js';

type Lang = 'zh' | 'en';

export const BENEFIT_LABELS: Record<string, PolicyText> = {
  subsidy: { zh: '补贴', en: 'Subsidy' },
  tax_relief: { zh: '税收减免', en: 'Tax relief' },
  fee_relief: { zh: '费用减免', en: 'Fee relief' },
  loan: { zh: '贷款', en: 'Loan' },
  loan_interest_subsidy: { zh: '贷款贴息', en: 'Loan interest subsidy' },
  voucher: { zh: '创新券/代金券', en: 'Voucher' },
  space: { zh: '场地支持', en: 'Space' },
  reward: { zh: '奖励', en: 'Reward' },
  priority: { zh: '优先支持', en: 'Priority' },
  service: { zh: '服务', en: 'Service' },
};

export const ENTITY_LABELS: Record<string, PolicyText> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  person: { zh: '个人', en: 'Person' },
  carrier: { zh: '载体（众创空间、孵化器等）', en: 'Carrier (maker space, incubator…)' },
  provider: { zh: '服务机构', en: 'Service provider' },
  institution: { zh: '机构（高校、银行等）', en: 'Institution (university, bank…)' },
};

const CAP_LABELS: Record<string, PolicyText> = {
  claim: { zh: '单次上限', en: 'Per-claim cap' },
  subject_year: { zh: '每年度上限', en: 'Annual cap per subject' },
  subject: { zh: '累计上限', en: 'Lifetime cap per subject' },
  product: { zh: '每个产品上限', en: 'Cap per product' },
};

const OPS: Record<string, string> = { '*': '×', '+': '+', '-': '−', '/': '÷', '%': 'mod' };

function yuan(fen: number): string {
  return (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A rendering of an amount or cap expression; money parameters shown in 元. */
export function exprText(expr: unknown, catalog: Catalog, lang: Lang, today: string): string {
  if (typeof expr === 'number') return String(expr);
  if (typeof expr === 'string' || typeof expr === 'boolean') return JSON.stringify(expr);
  if (Array.isArray(expr)) return expr.map((e) => exprText(e, catalog, lang, today)).join(', ');
  if (expr === null || typeof expr !== 'object') return String(expr);
  const [op, raw] = Object.entries(expr as Record<string, unknown>)[0] ?? ['', null];
  const args = Array.isArray(raw) ? raw : [raw];
  const sub = (e: unknown) => {
    const s = exprText(e, catalog, lang, today);
    return e !== null && typeof e === 'object' && !Array.isArray(e) && Object.keys(e as object)[0]! in OPS ? `(${s})` : s;
  };
  switch (op) {
    case 'var': {
      const v = catalog.variables.get(String(args[0]));
      return v ? v.label[lang] : String(args[0]);
    }
    case 'param': {
      const p = catalog.parameters.get(String(args[0]));
      if (!p) return String(args[0]);
      const value = [...p.values].reverse().find((x) => x.from <= dayNumber(today))?.value ?? p.values[p.values.length - 1]?.value;
      const shown = typeof value === 'number' && p.spec.unit === 'fen' ? `${yuan(value)} ${lang === 'zh' ? '元' : 'CNY'}` : String(value);
      return lang === 'zh' ? `${p.spec.label.zh}（${shown}）` : `${p.spec.label.en} (${shown})`;
    }
    case 'min':
      return `${lang === 'zh' ? '取较小值' : 'the smaller of'} (${args.map(sub).join(', ')})`;
    case 'max':
      return `${lang === 'zh' ? '取较大值' : 'the larger of'} (${args.map(sub).join(', ')})`;
    case 'round':
      return sub(args[0]);
    case 'if': {
      const parts: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) parts.push(`${lang === 'zh' ? '若' : 'if'} ${exprText(args[i], catalog, lang, today)}: ${sub(args[i + 1])}`);
      if (args.length % 2 === 1) parts.push(`${lang === 'zh' ? '否则' : 'otherwise'} ${sub(args[args.length - 1])}`);
      return parts.join('; ');
    }
    default:
      if (op in OPS) return args.map(sub).join(` ${OPS[op]} `);
      return `${op}(${args.map((a) => exprText(a, catalog, lang, today)).join(', ')})`;
  }
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export interface AmountRuleText {
  formula: PolicyText | null;
  note: PolicyText | null;
  caps: PolicyText[];
}

export function amountRule(spec: ItemSpec, catalog: Catalog, today: string): AmountRuleText {
  const formula = spec.amount?.formula !== undefined ? { zh: exprText(spec.amount.formula, catalog, 'zh', today), en: exprText(spec.amount.formula, catalog, 'en', today) } : null;
  const caps = (spec.caps ?? []).map((c) => ({
    zh: `${CAP_LABELS[c.per]?.zh ?? c.per}：${exprText(c.amount, catalog, 'zh', today)}`,
    en: `${CAP_LABELS[c.per]?.en ?? c.per}: ${exprText(c.amount, catalog, 'en', today)}`,
  }));
  return { formula, note: spec.amount?.note ?? null, caps };
}

/** How to apply, from the mode, the lead unit and the materials. */
export function howToApply(spec: ItemSpec, leadUnit: string | null): PolicyText {
  const unit = leadUnit ?? '主管部门';
  const unitEn = leadUnit ?? 'the responsible department';
  if (spec.mode === 'automatic')
    return {
      zh: `免申即享：符合条件的主体无需申请，平台根据一企一档自动匹配，由${unit}核定后兑现。请保持档案信息准确。`,
      en: `No application needed (免申即享): the platform matches eligible subjects from their profiles and ${unitEn} confirms and pays. Keep your profile accurate.`,
    };
  const materials = spec.requires_materials ?? [];
  return {
    zh: `在本平台“政策兑现”中向${unit}提出申请${materials.length ? `，提交：${materials.map((m) => m.label.zh).join('、')}` : ''}。`,
    en: `Apply on this platform (policy fulfilment) to ${unitEn}${materials.length ? `, with: ${materials.map((m) => m.label.en).join(', ')}` : ''}.`,
  };
}
