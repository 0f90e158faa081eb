/**
 * Explanations rendered from the rule itself and the values the interpreter used: one plain
 * sentence per criterion in Chinese and in English, money as ¥ yuan. The gap of a near miss and
 * the reason a failure cannot close are gaps.ts's.
 */
import { formatDate } from './calendar.js';
import type { Catalog } from './catalog.js';
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

function formatNumber(x: number): string {
  if (x > -1000 && x < 1000) return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return (x < 0 ? '-' : '') + groupDigits(String(Math.abs(x)));
  return String(Math.round(x * 1e6) / 1e6);
}

/** A value for display, given the type and unit of the node that produced it. */
export function formatValue(node: Node, v: Value, lang: Lang): string {
  if (v === UNKNOWN) return lang === 'zh' ? '未知' : 'unknown';
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (typeof v === 'number') {
    if (node.type === 'date') return formatDate(v);
    if (node.unit === 'fen') return formatYuan(v);
    return formatNumber(v);
  }
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return String(v);
}

const SYMBOL: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '===': '=', '!=': '≠', '!==': '≠', '+': '+', '-': '−', '*': '×', '/': '÷', '%': 'mod' };

export interface RenderContext {
  readonly catalog: Catalog;
  readonly env: Env;
  readonly lang: Lang;
  /** In amount computations, show values only (70% × ¥900,000) rather than labels. */
  readonly terse?: boolean;
  /** When set, values are not read: each becomes a slot, and the text a reusable template. */
  readonly slots?: Slot[];
}

/** A place in a rendered template where a value of the current evaluation goes. */
interface Slot {
  readonly node: Node;
  /** value: formatted value; enum: the enum value's label; pct: a unitless parameter in (0, 1) as a percentage. */
  readonly kind: 'value' | 'enum' | 'pct';
}

const MARK = '\u0001';

/** Only values the evaluation computed are shown: evaluating an untaken branch here could raise an error the verdict never met. */
function valueOf(node: Node, rc: RenderContext): string {
  if (node.op === 'const') return formatValue(node, node.value as Value, rc.lang);
  if (rc.slots) {
    rc.slots.push({ node, kind: 'value' });
    return MARK;
  }
  if (rc.env.memo[node.id] === undefined) return rc.lang === 'zh' ? '未计算' : 'not evaluated';
  return formatValue(node, rc.env.memo[node.id] as Value, rc.lang);
}

function itemTitle(rc: RenderContext, id: string): string {
  const it = rc.catalog.items.get(id);
  return it ? it.spec.title[rc.lang] : id;
}

/** Renders an expression as text; computed sub-results appear in parentheses. */
function withValue(node: Node, s: string, rc: RenderContext): string {
  if (rc.terse) {
    // `s` is dropped in terse text: drop the template slots its rendering pushed, or the
    // template's values would shift onto the wrong places.
    if (rc.slots) {
      let marks = 0;
      for (let i = s.indexOf(MARK); i !== -1; i = s.indexOf(MARK, i + 1)) marks++;
      rc.slots.length -= marks;
    }
    return valueOf(node, rc);
  }
  return rc.lang === 'zh' ? `${s}（${valueOf(node, rc)}）` : `${s} (${valueOf(node, rc)})`;
}

function joinRendered(nodes: readonly Node[], rc: RenderContext, sep: string, parenthesiseLogic: boolean): string {
  let out = '';
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!;
    const t = render(a, rc, false);
    if (i > 0) out += sep;
    out += parenthesiseLogic && (a.op === 'and' || a.op === 'or') ? `(${t})` : t;
  }
  return out;
}

// Hot path (hundreds of calls per verdict): no closures are created inside, since the TypeScript
// loader used to run the server wraps every function creation in a naming helper.
export function render(node: Node, rc: RenderContext, top = true): string {
  const zh = rc.lang === 'zh';
  switch (node.op) {
    case 'const':
      if (node.type === 'number' && !node.unit && typeof node.value === 'number' && node.value > 0 && node.value < 1 && rc.terse) return `${Math.round(node.value * 1e4) / 100}%`;
      return formatValue(node, node.value as Value, rc.lang);
    case 'var': {
      const spec = rc.catalog.variables.get(node.value as string);
      if (spec?.values && rc.slots) {
        rc.slots.push({ node, kind: 'enum' });
        return rc.terse ? MARK : rc.lang === 'zh' ? `${spec.label.zh}（${MARK}）` : `${spec.label.en} (${MARK})`;
      }
      const v = rc.env.memo[node.id];
      let enumLabel: string | undefined;
      if (spec?.values) for (const x of spec.values) if (x.value === v) enumLabel = x.label[rc.lang];
      if (enumLabel !== undefined) return rc.terse ? enumLabel : `${spec!.label[rc.lang]}${rc.lang === 'zh' ? `（${enumLabel}）` : ` (${enumLabel})`}`;
      return withValue(node, spec ? spec.label[rc.lang] : String(node.value), rc);
    }
    case 'param': {
      const p = rc.catalog.parameters.get(node.value as string);
      if (rc.terse && rc.slots) {
        rc.slots.push({ node, kind: 'pct' });
        return MARK;
      }
      const pv = rc.env.memo[node.id];
      if (rc.terse && typeof pv === 'number' && !node.unit && pv > 0 && pv < 1) return `${Math.round(pv * 1e4) / 100}%`;
      return withValue(node, p ? p.spec.label[rc.lang] : String(node.value), rc);
    }
    case 'today':
      return rc.terse ? valueOf(node, rc) : withValue(node, zh ? '评估日' : 'the evaluation date', rc);
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
      return joinRendered(node.args, rc, zh ? (node.op === 'and' ? '，且 ' : '，或 ') : node.op === 'and' ? ', and ' : ', or ', true);
    case '!':
      return zh ? `并非（${render(node.args[0]!, rc, false)}）` : `not (${render(node.args[0]!, rc, false)})`;
    case '!!':
      return zh ? `${render(node.args[0]!, rc, false)}为真` : `${render(node.args[0]!, rc, false)} holds`;
    case 'if': {
      const a: string[] = [];
      for (const x of node.args) a.push(render(x, rc, false));
      let s = '';
      for (let i = 0; i + 1 < a.length; i += 2) s += zh ? `若${a[i]}则 ${a[i + 1]}，否则 ` : `if ${a[i]} then ${a[i + 1]}, otherwise `;
      return (rc.terse || top ? s + a[a.length - 1] : withValue(node, s + a[a.length - 1], rc));
    }
    case 'in':
      if (node.args[1]!.type === 'string') return zh ? `「${render(node.args[1]!, rc, false)}」包含「${render(node.args[0]!, rc, false)}」` : `“${render(node.args[1]!, rc, false)}” contains “${render(node.args[0]!, rc, false)}”`;
      return zh ? `${render(node.args[0]!, rc, false)}属于 ${render(node.args[1]!, rc, false)}` : `${render(node.args[0]!, rc, false)} is one of ${render(node.args[1]!, rc, false)}`;
    case 'min':
    case 'max': {
      const s = `${node.op}(${joinRendered(node.args, rc, ', ', false)})`;
      return top ? s : withValue(node, s, rc);
    }
    case 'cat':
      return withValue(node, joinRendered(node.args, rc, ' + ', false), rc);
    case 'missing':
    case 'missing_some':
      return withValue(node, zh ? `缺少的信息` : 'missing information', rc);
    case 'months_between':
    case 'years_between': {
      const unit = node.op === 'months_between' ? (zh ? '整月数' : 'whole months') : zh ? '整年数' : 'whole years';
      const rnd = node.value === 'floor' ? (zh ? '不足整数舍去' : 'rounded down') : zh ? '不足整数进一' : 'rounded up';
      return withValue(node, zh ? `从${render(node.args[0]!, rc, false)}到${render(node.args[1]!, rc, false)}的${unit}（${rnd}）` : `${unit} from ${render(node.args[0]!, rc, false)} to ${render(node.args[1]!, rc, false)}, ${rnd}`, rc);
    }
    case 'days_between':
      return withValue(node, zh ? `从${render(node.args[0]!, rc, false)}到${render(node.args[1]!, rc, false)}的天数` : `days from ${render(node.args[0]!, rc, false)} to ${render(node.args[1]!, rc, false)}`, rc);
    case 'within_years':
      return zh ? `${render(node.args[0]!, rc, false)}在评估日前 ${render(node.args[1]!, rc, false)} 年以内` : `${render(node.args[0]!, rc, false)} is within ${render(node.args[1]!, rc, false)} years before the evaluation date`;
    case 'add_months':
      return withValue(node, zh ? `${render(node.args[0]!, rc, false)}加 ${render(node.args[1]!, rc, false)} 个月` : `${render(node.args[0]!, rc, false)} plus ${render(node.args[1]!, rc, false)} months`, rc);
    case 'in_region':
      return zh ? `${render(node.args[0]!, rc, false)}属于行政区划 ${String(node.value)} 辖区` : `${render(node.args[0]!, rc, false)} lies within region ${String(node.value)}`;
    case 'round':
      // The amount's steps state the rounding once; in terse text the rounded expression stands for itself.
      if (rc.terse) return render(node.args[0]!, rc, top);
      return withValue(node, zh ? `${render(node.args[0]!, rc, false)}四舍五入到${node.value === 'fen' ? '分' : '元'}` : `${render(node.args[0]!, rc, false)} rounded half up to the ${node.value === 'fen' ? 'fen' : 'yuan'}`, rc);
  }
  const sym = SYMBOL[node.op] ?? node.op;
  const s = node.args.length === 1 && node.op === '-' ? `−${render(node.args[0]!, rc, false)}` : joinRendered(node.args, rc, ` ${sym} `, false);
  if (node.type === 'boolean' || top) return s;
  return rc.terse ? s : withValue(node, s, rc);
}

interface Template {
  readonly parts: readonly string[];
  readonly slots: readonly Slot[];
}


function fillSlot(slot: Slot, rc: RenderContext): string {
  const node = slot.node;
  if (rc.env.memo[node.id] === undefined) return rc.lang === 'zh' ? '未计算' : 'not evaluated';
  const v = rc.env.memo[node.id] as Value;
  if (slot.kind === 'enum') {
    const spec = rc.catalog.variables.get(node.value as string);
    if (spec?.values) for (const x of spec.values) if (x.value === v) return x.label[rc.lang];
  } else if (slot.kind === 'pct' && typeof v === 'number' && !node.unit && v > 0 && v < 1) return `${Math.round(v * 1e4) / 100}%`;
  return formatValue(node, v, rc.lang);
}

/**
 * Same text as `render`, from a template built once per node and language: the wording depends
 * only on the rule, so only the values are formatted per evaluation.
 */
export function renderCached(node: Node, rc: RenderContext): string {
  const key = node.id * 4 + (rc.lang === 'zh' ? 0 : 1) + (rc.terse ? 2 : 0);
  const cache = rc.env.cache.templates;
  let t = cache[key] as Template | undefined;
  if (!t) {
    const slots: Slot[] = [];
    const text = render(node, { ...rc, slots }, true);
    t = { parts: text.split(MARK), slots };
    cache[key] = t;
  }
  let out = t.parts[0]!;
  for (let i = 0; i < t.slots.length; i++) out += fillSlot(t.slots[i]!, rc) + t.parts[i + 1]!;
  return out;
}

function missingNames(missing: readonly string[], catalog: Catalog, lang: Lang): string {
  let out = '';
  for (const m of missing) out += (out ? (lang === 'zh' ? '、' : ', ') : '') + (catalog.variables.get(m)?.label[lang] ?? m);
  return out;
}

function sentence(label: Text, node: Node, status: 'pass' | 'fail' | 'unknown', missing: readonly string[], catalog: Catalog, env: Env, lang: Lang): string {
  const body = renderCached(node, { catalog, env, lang });
  if (lang === 'zh') return `${label.zh}：${body}——${status === 'pass' ? '满足' : status === 'fail' ? '不满足' : `无法判断，缺少：${missingNames(missing, catalog, 'zh')}`}。`;
  return `${label.en}: ${body} — ${status === 'pass' ? 'met' : status === 'fail' ? 'not met' : `cannot tell yet, missing: ${missingNames(missing, catalog, 'en')}`}.`;
}

export function criterionSentence(label: Text, node: Node, status: 'pass' | 'fail' | 'unknown', missing: readonly string[], catalog: Catalog, env: Env): Text {
  return { zh: sentence(label, node, status, missing, catalog, env, 'zh'), en: sentence(label, node, status, missing, catalog, env, 'en') };
}
