/**
 * Explanations rendered from the rule itself and the values the interpreter used: one plain
 * sentence per criterion in Chinese and in English, the gap of a near miss, money as ¥ yuan.
 */
import { formatDate } from './calendar.js';
import type { Catalog } from './catalog.js';
import type { Env } from './interpreter.js';
import { evalNode } from './interpreter.js';
import type { Node } from './type-checker.js';
import { UNKNOWN, type Value } from './typed-operators.js';
import type { Gap, Text } from './types.js';

export type Lang = 'zh' | 'en';

export function formatYuan(fen: number): string {
  const yuan = fen / 100;
  const s = Number.isInteger(yuan)
    ? Math.abs(yuan).toLocaleString('en-US')
    : Math.abs(yuan).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${yuan < 0 ? '-' : ''}¥${s}`;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : String(Math.round(x * 1e6) / 1e6);
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
}

/** Only values the evaluation computed are shown: evaluating an untaken branch here could raise an error the verdict never met. */
function valueOf(node: Node, rc: RenderContext): string {
  if (node.op === 'const') return formatValue(node, node.value as Value, rc.lang);
  if (!rc.env.memo.has(node.id)) return rc.lang === 'zh' ? '未计算' : 'not evaluated';
  return formatValue(node, rc.env.memo.get(node.id) as Value, rc.lang);
}

function itemTitle(rc: RenderContext, id: string): string {
  const it = rc.catalog.items.get(id);
  return it ? it.spec.title[rc.lang] : id;
}

/** Renders an expression as text; computed sub-results appear in parentheses. */
export function render(node: Node, rc: RenderContext, top = true): string {
  const zh = rc.lang === 'zh';
  const r = (n: Node): string => render(n, rc, false);
  const withValue = (s: string): string => (rc.terse ? valueOf(node, rc) : `${s}（${valueOf(node, rc)}）`.replace('（', zh ? '（' : ' (').replace(/）$/, zh ? '）' : ')'));
  switch (node.op) {
    case 'const':
      if (node.type === 'number' && !node.unit && typeof node.value === 'number' && node.value > 0 && node.value < 1 && rc.terse) return `${Math.round(node.value * 1e4) / 100}%`;
      return formatValue(node, node.value as Value, rc.lang);
    case 'var': {
      const spec = rc.catalog.variables.get(node.value as string);
      const v = rc.env.memo.get(node.id);
      const enumLabel = spec?.values?.find((x) => x.value === v)?.label[rc.lang];
      if (enumLabel !== undefined) return rc.terse ? enumLabel : `${spec!.label[rc.lang]}${rc.lang === 'zh' ? `（${enumLabel}）` : ` (${enumLabel})`}`;
      return withValue(spec ? spec.label[rc.lang] : String(node.value));
    }
    case 'param': {
      const p = rc.catalog.parameters.get(node.value as string);
      const pv = rc.env.memo.get(node.id);
      if (rc.terse && typeof pv === 'number' && !node.unit && pv > 0 && pv < 1) return `${Math.round(pv * 1e4) / 100}%`;
      return withValue(p ? p.spec.label[rc.lang] : String(node.value));
    }
    case 'today':
      return rc.terse ? valueOf(node, rc) : withValue(zh ? '评估日' : 'the evaluation date');
    case 'received': {
      const [item, period] = node.value as readonly string[];
      const t = itemTitle(rc, item!);
      const s = zh ? `${period === 'year' ? '本年度' : '累计'}已从「${t}」获得的金额` : `amount already received from “${t}”${period === 'year' ? ' this year' : ''}`;
      return withValue(s);
    }
    case 'received_product':
      return withValue(zh ? '该产品已获得的金额' : 'amount already received for this product');
    case 'and':
    case 'or':
      return node.args.map((a) => (a.op === 'and' || a.op === 'or' ? `(${r(a)})` : r(a))).join(zh ? (node.op === 'and' ? '，且 ' : '，或 ') : node.op === 'and' ? ', and ' : ', or ');
    case '!':
      return zh ? `并非（${r(node.args[0]!)}）` : `not (${r(node.args[0]!)})`;
    case '!!':
      return zh ? `${r(node.args[0]!)}为真` : `${r(node.args[0]!)} holds`;
    case 'if': {
      const a = node.args.map(r);
      let s = '';
      for (let i = 0; i + 1 < a.length; i += 2) s += zh ? `若${a[i]}则 ${a[i + 1]}，否则 ` : `if ${a[i]} then ${a[i + 1]}, otherwise `;
      return (rc.terse || top ? s + a[a.length - 1] : withValue(s + a[a.length - 1]));
    }
    case 'in':
      if (node.args[1]!.type === 'string') return zh ? `「${r(node.args[1]!)}」包含「${r(node.args[0]!)}」` : `“${r(node.args[1]!)}” contains “${r(node.args[0]!)}”`;
      return zh ? `${r(node.args[0]!)}属于 ${r(node.args[1]!)}` : `${r(node.args[0]!)} is one of ${r(node.args[1]!)}`;
    case 'min':
    case 'max': {
      const s = `${node.op}(${node.args.map(r).join(', ')})`;
      return top ? s : withValue(s);
    }
    case 'cat':
      return withValue(node.args.map(r).join(' + '));
    case 'missing':
    case 'missing_some':
      return withValue(zh ? `缺少的信息` : 'missing information');
    case 'months_between':
    case 'years_between': {
      const unit = node.op === 'months_between' ? (zh ? '整月数' : 'whole months') : zh ? '整年数' : 'whole years';
      const rnd = node.value === 'floor' ? (zh ? '不足整数舍去' : 'rounded down') : zh ? '不足整数进一' : 'rounded up';
      return withValue(zh ? `从${r(node.args[0]!)}到${r(node.args[1]!)}的${unit}（${rnd}）` : `${unit} from ${r(node.args[0]!)} to ${r(node.args[1]!)}, ${rnd}`);
    }
    case 'days_between':
      return withValue(zh ? `从${r(node.args[0]!)}到${r(node.args[1]!)}的天数` : `days from ${r(node.args[0]!)} to ${r(node.args[1]!)}`);
    case 'within_years':
      return zh ? `${r(node.args[0]!)}在评估日前 ${r(node.args[1]!)} 年以内` : `${r(node.args[0]!)} is within ${r(node.args[1]!)} years before the evaluation date`;
    case 'add_months':
      return withValue(zh ? `${r(node.args[0]!)}加 ${r(node.args[1]!)} 个月` : `${r(node.args[0]!)} plus ${r(node.args[1]!)} months`);
    case 'in_region':
      return zh ? `${r(node.args[0]!)}属于行政区划 ${String(node.value)} 辖区` : `${r(node.args[0]!)} lies within region ${String(node.value)}`;
    case 'round':
      return withValue(zh ? `${r(node.args[0]!)}四舍五入到${node.value === 'fen' ? '分' : '元'}` : `${r(node.args[0]!)} rounded half up to the ${node.value === 'fen' ? 'fen' : 'yuan'}`);
  }
  const sym = SYMBOL[node.op] ?? node.op;
  const s = node.args.length === 1 && node.op === '-' ? `−${r(node.args[0]!)}` : node.args.map(r).join(` ${sym} `);
  if (node.type === 'boolean' || top) return s;
  return rc.terse ? s : withValue(s);
}

export function criterionSentence(label: Text, node: Node, status: 'pass' | 'fail' | 'unknown', missing: readonly string[], catalog: Catalog, env: Env): Text {
  const names = (lang: Lang): string => missing.map((m) => catalog.variables.get(m)?.label[lang] ?? m).join(lang === 'zh' ? '、' : ', ');
  const out = (lang: Lang): string => {
    const body = render(node, { catalog, env, lang });
    const verdict =
      lang === 'zh'
        ? status === 'pass' ? '满足' : status === 'fail' ? '不满足' : `无法判断，缺少：${names('zh')}`
        : status === 'pass' ? 'met' : status === 'fail' ? 'not met' : `cannot tell yet, missing: ${names('en')}`;
    return lang === 'zh' ? `${label.zh}：${body}——${verdict}。` : `${label.en}: ${body} — ${verdict}.`;
  };
  return { zh: out('zh'), en: out('en') };
}

const UNIT_TEXT: Record<string, Text> = {
  month: { zh: '个月', en: 'months' },
  year: { zh: '年', en: 'years' },
  day: { zh: '天', en: 'days' },
  人: { zh: '人', en: 'people' },
  个: { zh: '个', en: 'items' },
  月: { zh: '个月', en: 'months' },
  年: { zh: '年', en: 'years' },
};

/**
 * The distance to passing for a failed comparison `lhs OP rhs` with known values: how far the
 * left side must move. Whole-number quantities (months, counts) need one more unit for a strict
 * inequality; dates are measured in days.
 */
export function computeGap(node: Node, catalog: Catalog, env: Env): Gap | undefined {
  const [l, rr] = node.args as [Node, Node];
  const lv = evalNode(l, env);
  const rv = evalNode(rr, env);
  if (typeof lv !== 'number' || typeof rv !== 'number') return undefined;
  const integral = Number.isInteger(lv) && Number.isInteger(rv);
  const eps = integral ? 1 : 0;
  let amount: number;
  switch (node.op) {
    case '>=':
      amount = rv - lv;
      break;
    case '>':
      amount = rv - lv + eps;
      break;
    case '<=':
      amount = rv - lv;
      break;
    case '<':
      amount = rv - lv - eps;
      break;
    default:
      amount = rv - lv;
  }
  if (amount === 0) {
    // A strict inequality between equal non-whole values: any move in the right direction passes.
    const up = node.op === '>';
    const edge = formatValue(rr, rv, 'en');
    return {
      amount: 0,
      direction: up ? 'increase' : 'decrease',
      unit: { zh: '', en: '' },
      text: up ? { zh: `需高于 ${edge}`, en: `must be above ${edge}` } : { zh: `需低于 ${edge}`, en: `must be below ${edge}` },
    };
  }
  const direction = amount > 0 ? 'increase' : 'decrease';
  const size = Math.abs(amount);
  const unitKey = l.type === 'date' ? 'day' : (l.unit ?? '');
  const label = l.op === 'var' ? catalog.variables.get(l.value as string)?.label : undefined;
  if (unitKey === 'fen') {
    const y = formatYuan(size);
    return {
      amount: size,
      direction,
      unit: { zh: '分', en: 'fen' },
      text: direction === 'increase' ? { zh: `还差 ${y}${label ? `（${label.zh}）` : ''}`, en: `${y} more${label ? ` (${label.en})` : ''}` } : { zh: `需减少 ${y}${label ? `（${label.zh}）` : ''}`, en: `${y} less${label ? ` (${label.en})` : ''}` },
    };
  }
  const unit = UNIT_TEXT[unitKey] ?? { zh: unitKey, en: unitKey };
  const n = formatNumber(size);
  const what = l.type === 'date' ? { zh: label ? `${label.zh}` : '日期', en: label ? label.en : 'the date' } : undefined;
  const text: Text =
    l.type === 'date'
      ? direction === 'increase'
        ? { zh: `${what!.zh}还需晚 ${n} 天`, en: `${what!.en} would need to be ${n} days later` }
        : { zh: `${what!.zh}还需早 ${n} 天`, en: `${what!.en} would need to be ${n} days earlier` }
      : direction === 'increase'
        ? { zh: `还差 ${n}${unit.zh ? ' ' + unit.zh : ''}${label ? `（${label.zh}）` : ''}`, en: `${n} more${unit.en ? ' ' + unit.en : ''}${label ? ` (${label.en})` : ''}` }
        : { zh: `需减少 ${n}${unit.zh ? ' ' + unit.zh : ''}${label ? `（${label.zh}）` : ''}`, en: `${n} fewer${unit.en ? ' ' + unit.en : ''}${label ? ` (${label.en})` : ''}` };
  return { amount: size, direction, unit, text };
}
