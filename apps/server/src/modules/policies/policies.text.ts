/**
 * Plain-language renderings of a rule for the policy page, without any subject's facts: an
 * amount formula ("培训人数 × 每人补贴标准（1,000 元）"), caps, the benefit type, how to
 * apply. The rules engine explains evaluations; this explains the rule itself.
 */
import { formatMoney, formatQuantity, type Catalog, type ItemSpec } from '@seedbed/rules';
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

const OPS: Record<string, string> = { '*': '×', '+': '+', '-': '−', '/': '÷', '%': 'mod', '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '===': '=', '!=': '≠', '!==': '≠' };
const ARITHMETIC = new Set(['*', '+', '-', '/', '%', 'min', 'max', 'if']);

function paramValue(catalog: Catalog, name: string, today: string): number | string | boolean | undefined {
  const p = catalog.parameters.get(name);
  if (!p) return undefined;
  return [...p.values].reverse().find((x) => x.from <= dayNumber(today))?.value ?? p.values[p.values.length - 1]?.value;
}

/** The unit an expression's value is in, when it is a variable or parameter ('fen' for money). */
function unitOf(expr: unknown, catalog: Catalog): string | undefined {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return undefined;
  const [op, raw] = Object.entries(expr as Record<string, unknown>)[0] ?? ['', null];
  const name = String(Array.isArray(raw) ? raw[0] : raw);
  if (op === 'var') {
    const v = catalog.variables.get(name);
    return v?.type === 'money' ? 'fen' : (v?.unit ?? undefined);
  }
  if (op === 'param') return catalog.parameters.get(name)?.spec.unit ?? undefined;
  return undefined;
}

/**
 * A rendering of an amount or cap expression as a person writes it: labels, parameters with their
 * value in force (money in 元, rates as percentages), bare numbers in an amount as money.
 * `money`: the expression's value is an amount in fen.
 */
export function exprText(expr: unknown, catalog: Catalog, lang: Lang, today: string, money = true): string {
  const zh = lang === 'zh';
  if (typeof expr === 'number') return money && Number.isInteger(expr) ? formatMoney(expr, lang) : String(expr);
  if (typeof expr === 'boolean') return zh ? (expr ? '是' : '否') : expr ? 'yes' : 'no';
  if (typeof expr === 'string') return expr;
  if (Array.isArray(expr)) return expr.map((e) => exprText(e, catalog, lang, today, false)).join(zh ? '、' : ', ');
  if (expr === null || typeof expr !== 'object') return String(expr);
  const [op, raw] = Object.entries(expr as Record<string, unknown>)[0] ?? ['', null];
  const args = Array.isArray(raw) ? raw : [raw];
  const sub = (e: unknown, m: boolean) => {
    const s = exprText(e, catalog, lang, today, m);
    const inner = e !== null && typeof e === 'object' && !Array.isArray(e) ? Object.keys(e as object)[0]! : '';
    return ARITHMETIC.has(inner) && inner !== op ? (zh ? `（${s}）` : `(${s})`) : s;
  };
  switch (op) {
    case 'var': {
      const v = catalog.variables.get(String(args[0]));
      return v ? v.label[lang] : zh ? '所需信息' : 'an input';
    }
    case 'param': {
      const p = catalog.parameters.get(String(args[0]));
      if (!p) return zh ? '规定标准' : 'the set standard';
      const value = paramValue(catalog, String(args[0]), today);
      // A unitless parameter between 0 and 1 is a share, as the engine's amount steps show it.
      const unit = p.spec.unit ?? (typeof value === 'number' && value > 0 && value < 1 ? 'ratio' : undefined);
      const shown = typeof value === 'number' ? formatQuantity(value, unit, lang) : typeof value === 'boolean' ? (zh ? (value ? '是' : '否') : value ? 'yes' : 'no') : String(value);
      return zh ? `${p.spec.label.zh}（${shown}）` : `${p.spec.label.en} (${shown})`;
    }
    case 'min':
    case 'max': {
      const parts = args.map((a) => sub(a, money));
      const which = op === 'min' ? (zh ? '较小者' : 'the lesser of ') : zh ? '较大者' : 'the greater of ';
      return zh ? `${parts.join('、')}中${which}` : `${which}${parts.join(' and ')}`;
    }
    case 'round':
      return exprText(args[0], catalog, lang, today, money);
    case 'if': {
      let s = '';
      for (let i = 0; i + 1 < args.length; i += 2) s += zh ? `若${exprText(args[i], catalog, lang, today, false)}，则${sub(args[i + 1], money)}；否则` : `if ${exprText(args[i], catalog, lang, today, false)}, ${sub(args[i + 1], money)}; otherwise `;
      return s + sub(args[args.length - 1], money);
    }
    case 'and':
    case 'or':
      return args.map((a) => sub(a, false)).join(zh ? (op === 'and' ? '，且' : '，或') : op === 'and' ? ', and ' : ', or ');
    case '*': {
      // A product is money through the one factor in 元 or, with none, its last factor without a unit (3 人 × 900 元).
      const units = args.map((a) => unitOf(a, catalog));
      const fen = units.indexOf('fen');
      let last = -1;
      for (let i = 0; i < args.length; i++) if (units[i] === undefined) last = i;
      return args.map((a, i) => sub(a, money && (fen >= 0 ? i === fen : i === last))).join(' × ');
    }
    case '/': {
      // "× 3% ÷ 100" is how a rule multiplies by a percentage: a person reads "× 3%".
      const [a, b] = args;
      const inner = a !== null && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>)['*'] : undefined;
      if (b === 100 && Array.isArray(inner) && inner.some((x) => unitOf(x, catalog) === '%')) return exprText(a, catalog, lang, today, money);
      return `${sub(a, money)} ÷ ${sub(b, false)}`;
    }
    default:
      if (op in OPS) {
        if (op === '+' || op === '-') return args.map((a) => sub(a, money)).join(` ${OPS[op]} `);
        // A comparison: a bare number reads in the unit of the quantity beside it.
        const unit = args.map((a) => unitOf(a, catalog)).find((u) => u);
        return args.map((a) => (typeof a === 'number' && unit ? formatQuantity(a, unit, lang) : sub(a, false))).join(` ${OPS[op]} `);
      }
      return zh ? '按规定计算的金额' : 'an amount set by the rules';
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

/**
 * The most one award can be, in fen, as far as the rule states it without a subject's facts: a
 * fixed amount (a number, a parameter, the lesser of several with one known), capped by the
 * lowest stated cap. Null when the amount depends on facts without a stated bound (so "worth
 * most" lists only what the rules bound, never a guess).
 */
export function maxAmountFen(spec: ItemSpec, catalog: Catalog, today: string): number | null {
  const bound = (expr: unknown): number | null => {
    if (typeof expr === 'number') return Number.isFinite(expr) ? expr : null;
    if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return null;
    const [op, raw] = Object.entries(expr as Record<string, unknown>)[0] ?? ['', null];
    const args = Array.isArray(raw) ? raw : [raw];
    if (op === 'param') {
      // Money only: a rate or a count is no amount.
      if (catalog.parameters.get(String(args[0]))?.spec.unit !== 'fen') return null;
      const v = paramValue(catalog, String(args[0]), today);
      return typeof v === 'number' ? v : null;
    }
    if (op === 'round') return bound(args[0]);
    if (op === 'min') {
      // The lesser of several is at most any one of them that is known.
      const known = args.map(bound).filter((x): x is number => x !== null);
      return known.length ? Math.min(...known) : null;
    }
    if (op === 'max' || op === 'if') {
      const outcomes = op === 'if' ? args.filter((_, i) => i % 2 === 1 || i === args.length - 1) : args;
      const values = outcomes.map(bound);
      return values.every((x): x is number => x !== null) && values.length ? Math.max(...values) : null;
    }
    return null;
  };
  const candidates = [spec.amount?.formula !== undefined ? bound(spec.amount.formula) : null, ...(spec.caps ?? []).map((c) => bound(c.amount))].filter(
    (x): x is number => x !== null && x >= 0,
  );
  return candidates.length ? Math.round(Math.min(...candidates)) : null;
}
