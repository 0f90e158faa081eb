/**
 * Explanations rendered from the rule itself and the values the interpreter used: one plain
 * sentence per criterion in Chinese and in English, money in yuan (the gap of a near miss and the
 * reason a failure cannot close are gaps.ts's).
 *
 * Sentences come from templates per operator and per variable type, so that a person never reads
 * a variable name, an enum code, a region code, an item id or an internal unit: an enum value is
 * shown by its label ("企业规模：大型（须为小型或微型）"), a yes/no fact as a statement with its
 * answer, a region by its name (the caller passes names: the engine has no region table), a
 * percentage as a percentage, money in yuan (6 万元 in Chinese, ¥60,000 in English). Only values
 * the evaluation read or computed are shown; a branch not taken shows its wording without values.
 */
import { formatDate } from './calendar.js';
import type { Catalog, CompiledCriterion } from './catalog.js';
import type { Env } from './interpreter.js';
import type { Node } from './type-checker.js';
import { UNKNOWN, type Value } from './typed-operators.js';
import type { Text } from './types.js';

export type Lang = 'zh' | 'en';

/** Thousands separators without Intl: toLocaleString costs microseconds, and a verdict formats hundreds of numbers. */
function groupDigits(intPart: string): string {
  let out = '';
  const n = intPart.length;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 === 0) out += ',';
    out += intPart[i];
  }
  return out;
}

export function formatYuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${neg ? '-' : ''}¥${groupDigits(String(yuan))}${cents === 0 ? '' : '.' + String(cents).padStart(2, '0')}`;
}

/** A whole number of hundredths as "12,345.6". */
function hundredths(h: number): string {
  const whole = Math.floor(h / 100);
  const frac = h % 100;
  const w = whole < 1000 ? String(whole) : groupDigits(String(whole));
  return frac === 0 ? w : frac % 10 === 0 ? `${w}.${frac / 10}` : `${w}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * Money as a person writes it. Chinese: whole hundreds of yuan from 1 万 up as 万元 ("6 万元",
 * "1.05 万元"), whole millions from 1 亿 up as 亿元, anything else in 元 ("2,700 元"). English: ¥60,000.
 */
export function formatMoney(fen: number, lang: Lang): string {
  if (lang === 'en') return formatYuan(fen);
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  let s: string;
  if (abs >= 1e10 && abs % 1e8 === 0) s = `${hundredths(abs / 1e8)} 亿元`;
  else if (abs >= 1e6 && abs % 1e4 === 0) s = `${hundredths(abs / 1e4)} 万元`;
  else s = `${hundredths(abs)} 元`;
  return neg ? `-${s}` : s;
}

function formatNumber(x: number): string {
  if (x > -1000 && x < 1000) return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return (x < 0 ? '-' : '') + groupDigits(String(Math.abs(x)));
  return String(Math.round(x * 1e6) / 1e6);
}

/** How a quantity in a unit reads after its number (zh, en, en singular). */
const QUANTITY_UNIT: Record<string, readonly [string, string, string]> = {
  month: [' 个月', ' months', ' month'],
  月: [' 个月', ' months', ' month'],
  year: [' 年', ' years', ' year'],
  年: [' 年', ' years', ' year'],
  day: [' 天', ' days', ' day'],
  人: [' 人', ' people', ' person'],
  个: [' 个', '', ''],
  次: [' 次', ' times', ' time'],
  学年: [' 学年', ' academic years', ' academic year'],
  '人·月': [' 人·月', ' person-months', ' person-month'],
  'm²': [' m²', ' m²', ' m²'],
};

/** A number in its unit: money in yuan, `%` and `ratio` as percentages, counts with their unit. */
export function formatQuantity(x: number, unit: string | undefined, lang: Lang): string {
  if (!unit) return formatNumber(x);
  if (unit === 'fen') return formatMoney(x, lang);
  if (unit === '%') return `${formatNumber(x)}%`;
  if (unit === 'ratio') return `${formatNumber(Math.round(x * 1e8) / 1e6)}%`;
  const u = QUANTITY_UNIT[unit];
  if (!u) return `${formatNumber(x)} ${unit}`;
  return formatNumber(x) + (lang === 'zh' ? u[0] : x === 1 ? u[2] : u[1]);
}

/** A value for display, given the type and unit of the node that produced it. */
export function formatValue(node: Node, v: Value, lang: Lang): string {
  if (v === UNKNOWN) return lang === 'zh' ? '未知' : 'unknown';
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (typeof v === 'number') {
    if (node.type === 'date') return formatDate(v);
    return formatQuantity(v, node.unit, lang);
  }
  if (Array.isArray(v)) return v.join(lang === 'zh' ? '、' : ', ');
  return String(v);
}

/** "A、B或C" / "A, B or C". */
function listText(parts: readonly string[], lang: Lang): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const last = parts[parts.length - 1]!;
  const rest = parts.slice(0, -1).join(lang === 'zh' ? '、' : ', ');
  return lang === 'zh' ? `${rest}或${last}` : `${rest} or ${last}`;
}

const SYMBOL: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '===': '=', '!=': '≠', '!==': '≠', '+': '+', '-': '−', '*': '×', '/': '÷', '%': 'mod' };
const EQUALITY = new Set(['==', '===', '!=', '!==']);
const RELATIONAL = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);

export interface RenderContext {
  readonly catalog: Catalog;
  readonly env: Env;
  readonly lang: Lang;
  /** In amount computations, show values only (70% × 90 万元) rather than labels. */
  readonly terse?: boolean;
  /** When set, values are not read: each becomes a slot, and the text a reusable template. */
  readonly slots?: Slot[];
  /** In terse text, the node rendered is an amount in fen: a bare number in it is money ("900 元"). */
  readonly money?: boolean;
}

/** A place in a rendered template where a value of the current evaluation goes. */
interface Slot {
  readonly node: Node;
  /**
   * value: the node's value as displayed (enum label, region name, quantity in its unit);
   * paren: the same in brackets after a label, or nothing when the evaluation did not reach the node;
   * area: the name of the region code an `in_region` node tests;
   * branch: the branch an `if` took in an amount, with the condition that chose it.
   */
  readonly kind: 'value' | 'paren' | 'area' | 'branch';
  /** For a branch: the amount it gives is in fen. */
  readonly money?: boolean;
  /** For a variable, resolved once when the template is built: its enum values, or that it is a region. */
  readonly values?: readonly { readonly value: string; readonly label: Text }[];
  readonly region?: boolean;
}

const MARK = '\u0001';

/** The value a node had in this evaluation, if it can be known without evaluating anything new. */
function known(node: Node, rc: RenderContext): Value | undefined {
  const v = rc.env.memo[node.id];
  if (v !== undefined) return v;
  switch (node.op) {
    case 'const':
      return node.value as Value;
    case 'var':
      return rc.env.facts.get(node.value as string) ?? UNKNOWN;
    case 'param': {
      // As parameterValue, without its error: a parameter not in force on the date shows no value.
      let found: Value | undefined;
      for (const x of rc.catalog.parameters.get(node.value as string)?.values ?? []) if (x.from <= rc.env.today) found = x.value;
      return found;
    }
  }
  return undefined;
}

function regionText(code: string | undefined, rc: RenderContext, fallback: Text): string {
  const name = code === undefined ? undefined : rc.env.regionName?.(code);
  return name ? name[rc.lang] : fallback[rc.lang];
}

const SELECTED_REGION: Text = { zh: '所选地区', en: 'the selected region' };
const POLICY_REGION: Text = { zh: '本政策适用地区', en: "the policy's region" };

/** A known value as a person reads it: enum values by label, regions by name, quantities in their unit. */
function display(slot: Slot, v: Value, rc: RenderContext): string {
  const node = slot.node;
  if (v === UNKNOWN) return rc.lang === 'zh' ? '未知' : 'unknown';
  if (slot.values) for (const x of slot.values) if (x.value === v) return x.label[rc.lang];
  if (slot.region && typeof v === 'string') return regionText(v, rc, SELECTED_REGION);
  if (rc.terse && node.op === 'param' && !node.unit && typeof v === 'number' && v > 0 && v < 1) return `${Math.round(v * 1e4) / 100}%`;
  return formatValue(node, v, rc.lang);
}

/**
 * Set by `fill` when a slot's text may still change later in the same evaluation: a value not
 * reached yet, or the branch an `if` took. `ruleText` clears it before filling a template and
 * keeps the text only if it stayed false (the engine is synchronous: nothing fills in between).
 */
let unsettled = false;

function fill(slot: Slot, rc: RenderContext): string {
  const node = slot.node;
  switch (slot.kind) {
    case 'area':
      return regionText(node.value as string, rc, POLICY_REGION);
    case 'branch':
      unsettled = true;
      return takenBranch(node, rc, slot.money === true);
    case 'paren': {
      const v = known(node, rc);
      if (v === undefined) {
        unsettled = true;
        return '';
      }
      return rc.lang === 'zh' ? `（${display(slot, v, rc)}）` : ` (${display(slot, v, rc)})`;
    }
    default: {
      const v = known(node, rc);
      if (v === undefined) unsettled = true;
      return v === undefined ? '…' : display(slot, v, rc);
    }
  }
}

/** Text for a value of the current evaluation: a slot when building a template, else the text itself. */
function put(node: Node, kind: Slot['kind'], rc: RenderContext): string {
  let slot: Slot = kind === 'branch' && rc.money ? { node, kind, money: true } : { node, kind };
  if (node.op === 'var') {
    const spec = rc.catalog.variables.get(node.value as string);
    if (spec?.values) slot = { node, kind, values: spec.values };
    else if (spec?.type === 'region') slot = { node, kind, region: true };
  }
  if (rc.slots) {
    rc.slots.push(slot);
    return MARK;
  }
  return fill(slot, rc);
}

/**
 * In an amount, an `if` shows the branch taken and why ("900 元（见习期满留用率（30%） ≥ 50% 不成立）"),
 * never the untaken branch. Rendered per evaluation: which branch it is depends on the values.
 */
function takenBranch(node: Node, rc: RenderContext, money: boolean): string {
  const zh = rc.lang === 'zh';
  const plain: RenderContext = { catalog: rc.catalog, env: rc.env, lang: rc.lang };
  const terse: RenderContext = { ...plain, terse: true, money };
  const notes: string[] = [];
  let i = 0;
  for (; i + 1 < node.args.length; i += 2) {
    const c = node.args[i]!;
    const holds = rc.env.memo[c.id] === true;
    const cond = render(c, plain, true);
    // A yes/no fact shows its answer ("…：否"); any other condition says whether it holds.
    const answered = c.op === 'var' || ((c.op === '==' || c.op === '===') && c.args[0]!.op === 'var' && c.args[1]!.op === 'const');
    if (holds) {
      notes.push(zh ? cond : `as ${cond}`);
      break;
    }
    notes.push(answered ? (zh ? cond : `as ${cond}`) : zh ? `${cond}不成立` : `as ${cond} does not hold`);
  }
  const branch = node.args[i + 1 < node.args.length ? i + 1 : node.args.length - 1]!;
  let b = render(branch, terse, false);
  if (branch.args.length > 0 && branch.op !== 'round') b = zh ? `（${b}）` : `(${b})`;
  return zh ? `${b}（因${notes.join('，')}）` : `${b} (${notes.join(', ')})`;
}

function itemTitle(rc: RenderContext, id: string): string {
  const it = rc.catalog.items.get(id);
  return it ? it.spec.title[rc.lang] : rc.lang === 'zh' ? '另一项政策' : 'another item';
}

/** A label followed by the node's value in brackets; in terse text, the value alone. */
function withValue(node: Node, s: string, rc: RenderContext): string {
  if (rc.terse) {
    // `s` is dropped in terse text: drop the template slots its rendering pushed, or the
    // template's values would shift onto the wrong places.
    if (rc.slots) {
      let marks = 0;
      for (let i = s.indexOf(MARK); i !== -1; i = s.indexOf(MARK, i + 1)) marks++;
      rc.slots.length -= marks;
    }
    return put(node, 'value', rc);
  }
  return s + put(node, 'paren', rc);
}

/** Operators whose text needs brackets as an operand: logic inside logic, sums inside products, "X中较小者" inside arithmetic or another min/max. */
function needsBrackets(parent: string, child: Node, rc: RenderContext): boolean {
  switch (parent) {
    case 'and':
    case 'or':
      return child.op === 'and' || child.op === 'or';
    case '*':
    case '/':
      return child.op === '+' || child.op === '-' || child.op === 'min' || child.op === 'max' || (child.op === 'if' && !rc.terse);
    case '+':
    case '-':
    case 'min':
    case 'max':
      return child.op === 'min' || child.op === 'max' || (child.op === 'if' && !rc.terse) || ((parent === 'min' || parent === 'max') && rc.terse === true && (child.op === '+' || child.op === '-' || child.op === '*' || child.op === '/'));
  }
  return false;
}

/**
 * Whether an operand of an amount is itself money: every operand of a sum, minimum or maximum;
 * the dividend; in a product, an operand in fen, or, when none is (3 人 × 900), the last one without a unit.
 */
function moneyOperand(parent: string, nodes: readonly Node[], i: number, rc: RenderContext): boolean {
  if (!rc.money) return false;
  switch (parent) {
    case '+':
    case '-':
    case 'min':
    case 'max':
      return true;
    case '/':
      return i === 0;
    case '*': {
      const a = nodes[i]!;
      if (a.unit === 'fen') return true;
      let last = -1;
      for (let j = 0; j < nodes.length; j++) {
        if (nodes[j]!.unit === 'fen') return false;
        if (!nodes[j]!.unit) last = j;
      }
      return last === i;
    }
  }
  return false;
}

function joinRendered(nodes: readonly Node[], rc: RenderContext, sep: string, parent: string): string {
  let out = '';
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!;
    const money = moneyOperand(parent, nodes, i, rc);
    const t = render(a, money === (rc.money === true) ? rc : { ...rc, money }, false);
    if (i > 0) out += sep;
    out += needsBrackets(parent, a, rc) ? (rc.lang === 'zh' ? `（${t}）` : `(${t})`) : t;
  }
  return out;
}

function variableLabel(node: Node, rc: RenderContext): string {
  const spec = rc.catalog.variables.get(node.value as string);
  return spec ? spec.label[rc.lang] : rc.lang === 'zh' ? '所需信息' : 'an input';
}

function enumLabel(varNode: Node, code: string, rc: RenderContext): string {
  const spec = rc.catalog.variables.get(varNode.value as string);
  for (const x of spec?.values ?? []) if (x.value === code) return x.label[rc.lang];
  return code;
}

function isEnumVar(n: Node, rc: RenderContext): boolean {
  return n.op === 'var' && rc.catalog.variables.get(n.value as string)?.values !== undefined;
}

/** A constant shown in the unit of the quantity it is compared with ("24 个月", "80%", "100 万元"). */
function renderOperand(n: Node, unit: string | undefined, rc: RenderContext): string {
  if (n.op === 'const' && typeof n.value === 'number' && !n.unit && unit && n.type === 'number') return formatQuantity(n.value, unit, rc.lang);
  return render(n, rc, false);
}

/** Comparisons read as "what it is (what it must be)" when one side is a fact with a fixed requirement. */
function renderComparison(node: Node, rc: RenderContext): string | undefined {
  const zh = rc.lang === 'zh';
  const [l, r] = node.args as [Node, Node];
  if (node.args.length !== 2 || rc.terse) return undefined;
  const colon = zh ? '：' : ': ';
  if (EQUALITY.has(node.op) && r.op === 'const') {
    const positive = node.op === '==' || node.op === '===';
    if (isEnumVar(l, rc) && typeof r.value === 'string') {
      const want = enumLabel(l, r.value, rc);
      return `${variableLabel(l, rc)}${colon}${put(l, 'value', rc)}${zh ? `（须${positive ? '为' : '不为'}${want}）` : ` (must ${positive ? 'be' : 'not be'} ${want})`}`;
    }
    if (l.op === 'var' && l.type === 'boolean' && typeof r.value === 'boolean') {
      const required = positive === r.value;
      return `${variableLabel(l, rc)}${colon}${put(l, 'value', rc)}${required ? '' : zh ? '（须为否）' : ' (must be no)'}`;
    }
    if (l.op === 'granted' && r.value === 0 && positive) {
      const [item, period] = l.value as readonly string[];
      const t = itemTitle(rc, item!);
      return zh
        ? `${period === 'product' ? '该产品' : ''}此前获得「${t}」的次数：${put(l, 'value', rc)}（须为 0）`
        : `times “${t}” was granted before${period === 'product' ? ' for this product' : ''}: ${put(l, 'value', rc)} (must be 0)`;
    }
  }
  return undefined;
}

// Hot path when templates are built; values are filled by `fill`. No closures are created inside,
// since the TypeScript loader used to run the server wraps every function creation in a naming helper.
export function render(node: Node, rc: RenderContext, top = true): string {
  const zh = rc.lang === 'zh';
  switch (node.op) {
    case 'const':
      if (rc.terse && rc.money && typeof node.value === 'number' && Number.isInteger(node.value)) return formatMoney(node.value, rc.lang);
      if (node.type === 'number' && !node.unit && typeof node.value === 'number' && node.value > 0 && node.value < 1 && rc.terse) return `${Math.round(node.value * 1e4) / 100}%`;
      return formatValue(node, node.value as Value, rc.lang);
    case 'var': {
      if (rc.terse) return put(node, 'value', rc);
      const label = variableLabel(node, rc);
      if (node.type === 'boolean') return `${label}${zh ? '：' : ': '}${put(node, 'value', rc)}`;
      return label + put(node, 'paren', rc);
    }
    case 'param': {
      if (rc.terse) return put(node, 'value', rc);
      const p = rc.catalog.parameters.get(node.value as string);
      return (p ? p.spec.label[rc.lang] : zh ? '规定标准' : 'the set standard') + put(node, 'paren', rc);
    }
    case 'today':
      return rc.terse ? put(node, 'value', rc) : withValue(node, zh ? '评估日' : 'the evaluation date', rc);
    case 'received': {
      const [item, period] = node.value as readonly string[];
      const t = itemTitle(rc, item!);
      const s = zh ? `${period === 'year' ? '本年度' : '累计'}已从「${t}」获得的金额` : `amount already received from “${t}”${period === 'year' ? ' this year' : ''}`;
      return withValue(node, s, rc);
    }
    case 'granted': {
      const [item, period] = node.value as readonly string[];
      const t = itemTitle(rc, item!);
      const s = zh ? `${period === 'product' ? '该产品' : ''}此前获得「${t}」的次数` : `times “${t}” was granted before${period === 'product' ? ' for this product' : ''}`;
      return withValue(node, s, rc);
    }
    case 'and':
    case 'or':
      return joinRendered(node.args, rc, zh ? (node.op === 'and' ? '，且' : '，或') : node.op === 'and' ? ', and ' : ', or ', node.op);
    case '!': {
      const a = node.args[0]!;
      if (a.op === 'var' && a.type === 'boolean' && !rc.terse) return `${variableLabel(a, rc)}${zh ? '：' : ': '}${put(a, 'value', rc)}${zh ? '（须为否）' : ' (must be no)'}`;
      return zh ? `并非（${render(a, rc, false)}）` : `not (${render(a, rc, false)})`;
    }
    case '!!': {
      const a = node.args[0]!;
      if (a.op === 'var') return render(a, rc, false);
      return zh ? `${render(a, rc, false)}成立` : `${render(a, rc, false)} holds`;
    }
    case 'if': {
      if (rc.terse) return put(node, 'branch', rc);
      let s = '';
      for (let i = 0; i + 1 < node.args.length; i += 2) s += zh ? `若${render(node.args[i]!, rc, false)}，则${render(node.args[i + 1]!, rc, false)}；否则` : `if ${render(node.args[i]!, rc, false)} then ${render(node.args[i + 1]!, rc, false)}; otherwise `;
      s += render(node.args[node.args.length - 1]!, rc, false);
      return top ? s : (zh ? `（${s}）` : `(${s})`) + put(node, 'paren', rc);
    }
    case 'in': {
      const [a, b] = node.args as [Node, Node];
      if (b.type === 'string') return zh ? `「${render(b, rc, false)}」包含「${render(a, rc, false)}」` : `“${render(b, rc, false)}” contains “${render(a, rc, false)}”`;
      if (isEnumVar(a, rc) && b.op === 'const' && Array.isArray(b.value) && !rc.terse) {
        const labels: string[] = [];
        for (const code of b.value as readonly string[]) labels.push(enumLabel(a, code, rc));
        return `${variableLabel(a, rc)}${zh ? '：' : ': '}${put(a, 'value', rc)}${zh ? `（须为${listText(labels, 'zh')}）` : ` (must be ${listText(labels, 'en')})`}`;
      }
      return zh ? `${render(a, rc, false)}为 ${render(b, rc, false)} 之一` : `${render(a, rc, false)} is one of ${render(b, rc, false)}`;
    }
    case 'min':
    case 'max': {
      const parts = joinRendered(node.args, rc, zh ? '、' : ' and ', node.op);
      const s = zh ? `${parts}中${node.op === 'min' ? '较小' : '较大'}者` : `the ${node.op === 'min' ? 'lesser' : 'greater'} of ${parts}`;
      return top || rc.terse ? s : withValue(node, s, rc);
    }
    case 'cat':
      return withValue(node, joinRendered(node.args, rc, ' + ', 'cat'), rc);
    case 'missing':
    case 'missing_some':
      return withValue(node, zh ? `缺少的信息` : 'missing information', rc);
    case 'months_between':
    case 'years_between': {
      const months = node.op === 'months_between';
      const from = render(node.args[0]!, rc, false);
      const to = render(node.args[1]!, rc, false);
      if (node.value === 'floor') return withValue(node, zh ? `从${from}到${to}已满的${months ? '整月数' : '整年数'}` : `full ${months ? 'months' : 'years'} from ${from} to ${to}`, rc);
      return withValue(node, zh ? `从${from}到${to}的${months ? '月数（不足一个月按一个月计）' : '年数（不足一年按一年计）'}` : `${months ? 'months' : 'years'} from ${from} to ${to}, a part ${months ? 'month' : 'year'} counting as one,`, rc);
    }
    case 'days_between':
      return withValue(node, zh ? `从${render(node.args[0]!, rc, false)}到${render(node.args[1]!, rc, false)}的天数` : `days from ${render(node.args[0]!, rc, false)} to ${render(node.args[1]!, rc, false)}`, rc);
    case 'within_years':
      return zh ? `${render(node.args[0]!, rc, false)}在评估日前 ${renderOperand(node.args[1]!, 'year', rc)}以内` : `${render(node.args[0]!, rc, false)} is within ${renderOperand(node.args[1]!, 'year', rc)} before the evaluation date`;
    case 'add_months':
      return withValue(node, zh ? `${render(node.args[0]!, rc, false)}加 ${renderOperand(node.args[1]!, 'month', rc)}` : `${render(node.args[0]!, rc, false)} plus ${renderOperand(node.args[1]!, 'month', rc)}`, rc);
    case 'in_region': {
      const a = node.args[0]!;
      const subject = a.op === 'var' && !rc.terse ? `${variableLabel(a, rc)}${zh ? '：' : ': '}${put(a, 'value', rc)}` : render(a, rc, false);
      return zh ? `${subject}（须在${put(node, 'area', rc)}辖区内）` : `${subject} (must lie within ${put(node, 'area', rc)})`;
    }
    case 'round':
      // The amount's steps state the rounding once; in terse text the rounded expression stands for itself.
      if (rc.terse) return render(node.args[0]!, rc, top);
      return withValue(node, zh ? `${render(node.args[0]!, rc, false)}四舍五入到${node.value === 'fen' ? '分' : '元'}` : `${render(node.args[0]!, rc, false)} rounded half up to the ${node.value === 'fen' ? 'cent' : 'yuan'}`, rc);
  }
  if (RELATIONAL.has(node.op)) {
    const special = renderComparison(node, rc);
    if (special !== undefined) return special;
    // A bare number beside a quantity reads in that quantity's unit: "≥ 24 个月", "≥ 80%".
    let unit: string | undefined;
    for (const a of node.args) if (a.op !== 'const' && a.unit) unit = unit ?? a.unit;
    let s = '';
    for (let i = 0; i < node.args.length; i++) {
      const a = node.args[i]!;
      // "1 分 ≤ 贷款 ≤ 上限" is how a rule says "a loan above zero": it reads "0 元 < 贷款 ≤ 上限".
      const aboveZero = i === 0 && node.op === '<=' && unit === 'fen' && node.args.length === 3 && a.op === 'const' && a.value === 1;
      s += (i > 0 ? (i === 1 && s.endsWith('<') ? ' ' : ` ${SYMBOL[node.op]} `) : '') + (aboveZero ? `${formatQuantity(0, 'fen', rc.lang)} <` : renderOperand(a, unit, rc));
    }
    return s;
  }
  const sym = SYMBOL[node.op] ?? node.op;
  let s: string;
  const [l, r] = node.args as [Node, Node];
  if (node.op === '/' && r.op === 'const' && r.value === 100 && l.op === '*' && l.args.some((a) => a.unit === '%')) {
    // "× 3% ÷ 100" is how a rule multiplies by a percentage; a person reads "× 3%".
    s = joinRendered(l.args, rc, ' × ', '*');
  } else s = node.args.length === 1 && node.op === '-' ? `−${render(node.args[0]!, rc, false)}` : joinRendered(node.args, rc, ` ${sym} `, node.op);
  if (node.type === 'boolean' || top) return s;
  return rc.terse ? s : withValue(node, s, rc);
}

interface Template {
  readonly parts: readonly string[];
  readonly slots: readonly Slot[];
}

function templateOf(node: Node, rc: RenderContext): Template {
  const key = node.id * 4 + (rc.lang === 'zh' ? 0 : 1) + (rc.terse ? 2 : 0);
  const cache = rc.env.cache.templates;
  let t = cache[key] as Template | undefined;
  if (!t) {
    const slots: Slot[] = [];
    const text = render(node, { ...rc, slots }, true);
    t = { parts: text.split(MARK), slots };
    cache[key] = t;
  }
  return t;
}

/** The template's text with this evaluation's values put in its slots. */
function filled(t: Template, parts: readonly string[], rc: RenderContext): string {
  let out = parts[0]!;
  for (let i = 0; i < t.slots.length; i++) out += fill(t.slots[i]!, rc) + parts[i + 1]!;
  return out;
}

/**
 * `filled` for a criterion's rule, shared by the criteria with that rule in one evaluation over
 * many items (`Env.texts`, at `key`). Kept only when every slot had a value: a slot the evaluation
 * has not reached yet (an untaken branch) may be reached by a later item, and then shows its value.
 */
function ruleText(t: Template, rc: RenderContext, texts: (string | undefined)[] | undefined, key: number): string {
  unsettled = false;
  const out = filled(t, t.parts, rc);
  if (texts && !unsettled) texts[key] = flat(out);
  return out;
}

/**
 * Same text as `render`, from a template built once per node and language: the wording depends
 * only on the rule, so only the values are formatted per evaluation.
 */
export function renderCached(node: Node, rc: RenderContext): string {
  const t = templateOf(node, rc);
  return filled(t, t.parts, rc);
}

/** The label a person reads for an amount that is a single figure ("创业培训补贴标准"), if it is one. */
export function amountLabel(node: Node, catalog: Catalog): Text | undefined {
  const n = node.op === 'round' ? node.args[0]! : node;
  if (n.op === 'var') return catalog.variables.get(n.value as string)?.label;
  if (n.op === 'param') return catalog.parameters.get(n.value as string)?.spec.label;
  return undefined;
}

/**
 * A criterion's label as shown: the engine's region criterion names the region when the caller
 * knows its name ("注册地在南宁市辖区内"); its compiled label says "本政策适用地区".
 */
export function criterionLabel(c: CompiledCriterion, env: Env): Text {
  if (c.implicit && c.id === 'in_region' && env.regionName && c.node.op === 'in_region') {
    const name = env.regionName(c.node.value as string);
    if (name) return { zh: `注册地在${name.zh}辖区内`, en: `Registered within ${name.en}` };
  }
  return c.label;
}

function missingNames(missing: readonly string[], catalog: Catalog, lang: Lang): string {
  let out = '';
  for (const m of missing) out += (out ? (lang === 'zh' ? '、' : ', ') : '') + (catalog.variables.get(m)?.label[lang] ?? (lang === 'zh' ? '所需信息' : 'an input'));
  return out;
}

/**
 * What a criterion's sentence starts with: its label ("科技型中小企业："), or nothing when the rule's
 * own text already starts with it ("科技型中小企业：科技型中小企业：是" says the label twice).
 */
function leadOf(t: Template, label: Text, lang: Lang): string {
  const lead = lang === 'zh' ? `${label.zh}：` : `${label.en}: `;
  return t.parts[0]!.startsWith(lead) ? '' : lead;
}

const ENDING = {
  zh: { pass: '——满足。', fail: '——不满足。' },
  en: { pass: ' — met.', fail: ' — not met.' },
} as const;

/**
 * A criterion's sentence in one language: its lead, the rule's text with this evaluation's values,
 * the verdict. The rule's text comes from its node's template, shared by every criterion with the
 * same rule; only the lead is kept per criterion and language (`NodeCache.leads`), so a large
 * catalogue keeps one copy of each rule's wording, not one per criterion and verdict. A label made
 * for this evaluation (the region's name) is not the criterion's own, so its lead is not kept.
 */
function sentence(c: CompiledCriterion, label: Text, status: 'pass' | 'fail' | 'unknown', missing: readonly string[], catalog: Catalog, env: Env, lang: Lang): string {
  const ending = status === 'unknown' ? (lang === 'zh' ? `——无法判断，缺少：${missingNames(missing, catalog, 'zh')}。` : ` — cannot tell yet, missing: ${missingNames(missing, catalog, 'en')}.`) : ENDING[lang][status];
  const li = lang === 'zh' ? 0 : 1;
  // Another criterion with this rule may have made its text already, and this criterion its lead:
  // the template is then not needed.
  const textKey = c.node.id * 2 + li;
  let body = env.texts?.[textKey];
  const own = label === c.label;
  const leadKey = c.seq * 2 + li;
  let lead = own ? env.cache.leads[leadKey] : undefined;
  if (body === undefined || lead === undefined) {
    const rc: RenderContext = { catalog, env, lang };
    const t = templateOf(c.node, rc);
    body ??= ruleText(t, rc, env.texts, textKey);
    if (lead === undefined) {
      lead = leadOf(t, label, lang);
      if (own) env.cache.leads[leadKey] = flat(lead);
    }
  }
  return lead + body + ending;
}

/**
 * A string built by concatenation is a tree of pieces in V8 (a rope, ~5× its characters' size);
 * reading a character of it flattens it in place into one contiguous string and the pieces become
 * garbage at once. A verdict keeps its sentences until the caller is done with the whole answer,
 * so over a large catalogue ropes would be most of what every garbage collection copies. The
 * character read goes to a module variable: an expression whose result is unused (`s | 0`) is
 * removed by the optimising compiler, and with it the flattening. (Measured: joining an array of
 * the pieces instead makes a flat string too, but costs a third more per verdict.)
 */
let _flatSink = 0;
function flat(s: string): string {
  if (s.length > 0) _flatSink ^= s.charCodeAt(0);
  return s;
}

export function criterionSentence(c: CompiledCriterion, label: Text, status: 'pass' | 'fail' | 'unknown', missing: readonly string[], catalog: Catalog, env: Env): Text {
  return { zh: flat(sentence(c, label, status, missing, catalog, env, 'zh')), en: flat(sentence(c, label, status, missing, catalog, env, 'en')) };
}
