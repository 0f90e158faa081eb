/**
 * Every sentence the engine writes about the real catalogue, read as a person would: each
 * criterion and each amount step of every item, in Chinese and English, under generated fact
 * sets (nothing known; every variable given representative values of its type, enums each value,
 * regions inside and outside, booleans both ways, dates before and after, before and during the
 * item's period), so that pass, fail and unknown and every branch of a conditional amount render.
 * A sentence fails on any identifier, code or internal unit a person should never read, and on
 * unbalanced brackets.
 */
import { evaluateItem, type Catalog, type Text } from '@seedbed/rules';
import { describe, expect, it } from 'vitest';
import { loadCatalog, renderingProblems, vocabularyOf } from './index.js';

const catalog: Catalog = loadCatalog().rules;

const NAMES: Record<string, string> = { '450000': '广西壮族自治区', '450100': '南宁市', '450103': '南宁市青秀区', '360100': '南昌市', '360600': '鹰潭市', '530400': '玉溪市', '110101': '北京市东城区' };
const regionName = (code: string): Text | undefined => (NAMES[code] ? { zh: NAMES[code], en: NAMES[code] } : undefined);

/** Facts for every variable of the catalogue: one representative value per type, varied by `k`. */
function factSet(k: number, date: string, inside: string | undefined): Record<string, unknown> {
  const year = Number(date.slice(0, 4));
  const facts: Record<string, unknown> = {};
  for (const [name, v] of catalog.variables) {
    switch (v.type) {
      case 'boolean':
        facts[name] = k % 2 === 0;
        break;
      case 'integer':
        facts[name] = [0, 3, 1, 200, 12][k % 5];
        break;
      case 'number':
        facts[name] = [0.5, 3, 60, 100, 15][k % 5];
        break;
      case 'money':
        facts[name] = [100, 3_000_000, 10_000_000_000, 12_345_67, 50_000_000][k % 5];
        break;
      case 'date':
        facts[name] = [`${year - 1}-03-01`, `${year - 20}-01-15`, date, `${year - 3}-12-31`, `${year}-01-01`][k % 5];
        break;
      case 'enum':
        facts[name] = v.values![k % v.values!.length]!.value;
        break;
      case 'region':
        facts[name] = k % 3 === 2 || !inside ? '110101' : k % 3 === 1 && inside.endsWith('00') ? `${inside.slice(0, 4)}03` : inside;
        break;
      case 'string_list':
        facts[name] = k % 2 === 0 ? [] : (v.values ?? []).map((x) => x.value);
        break;
      default:
        facts[name] = k % 2 === 0 ? '' : '示例';
    }
  }
  return facts;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

describe('the rendering check', () => {
  const vocab = vocabularyOf(catalog);
  const aVariable = [...vocab.names].find((n) => n.includes('_'))!;
  const aCode = [...vocab.codes][0]!;
  it.each([
    ['所招用人员性别（男） = female', 'enum code'],
    [`${aVariable}（3） ≥ 1`, 'variable or parameter name'],
    [`Income (${aVariable}) > 0`, 'variable or parameter name'],
    [`规模 = ${aCode}`, 'enum code'],
    ['登记地属于行政区划 360600 辖区', 'region code'],
    ['未享受过不可同时享受的项目（yx.tech-founder-guaranteed-loan）', 'item id'],
    ['3 × 若是 = 是则 ¥20,000，否则 未计算', '未计算'],
    ['若否则 ¥900', '若否则'],
    ['金额 3000000 分', 'in 分'],
    ['amount 3000000 fen', 'in fen'],
    ['人数（3） × 100（300） ≥ 从业人员', '× 100'],
    ['企业规模（小型', 'unbalanced'],
    ['a)b(', 'unbalanced'],
    ['「甲」乙」', 'unbalanced'],
    ['value undefined', 'undefined'],
  ])('flags %s', (text, what) => {
    const lang = /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en';
    expect(renderingProblems(text, lang, vocab).join('; ')).toContain(what);
  });
  it('passes a plain sentence', () => {
    expect(renderingProblems('小型或微型企业：企业规模：大型（须为小型或微型）——不满足。', 'zh', vocab)).toEqual([]);
    expect(renderingProblems('3 个 × 2 万元 = 6 万元', 'zh', vocab)).toEqual([]);
    expect(renderingProblems('Has a bank loan: Bank-loan principal of the enterprise (¥30,000) > ¥0 — met.', 'en', vocab)).toEqual([]);
  });
});

describe('every sentence of the catalogue reads clean', () => {
  const vocab = vocabularyOf(catalog);
  const problems = new Set<string>();
  const amountsShown = new Set<string>();
  let sentences = 0;
  const check = (item: string, where: string, t: Text): void => {
    sentences++;
    for (const lang of ['zh', 'en'] as const) for (const p of renderingProblems(t[lang], lang, vocab)) problems.add(`${item} ${where} [${lang}] ${p}: ${t[lang]}`);
  };
  for (const [id, item] of catalog.items) {
    const from = item.spec.effective.from;
    const dates = [from, dayBefore(from)];
    for (const date of dates) {
      const sets: Record<string, unknown>[] = [{}, { region: item.spec.region ?? '450103' }];
      for (let k = 0; k < 10; k++) sets.push(factSet(k, date, item.spec.region));
      for (const facts of sets) {
        for (const withNames of [true, false]) {
          const v = evaluateItem(catalog, id, { date, facts, ...(withNames ? { regionName } : {}) });
          for (const c of v.criteria) {
            check(id, `criterion ${c.id}`, c.sentence);
            if (c.sentence.zh.startsWith(`${c.label.zh}：${c.label.zh}：`) || c.sentence.en.startsWith(`${c.label.en}: ${c.label.en}: `)) problems.add(`${id} criterion ${c.id}: the label twice: ${c.sentence.zh}`);
            check(id, `label ${c.id}`, c.label);
            if (c.gap) check(id, `gap ${c.id}`, c.gap.text);
          }
          if (v.gap) check(id, 'gap', v.gap.text);
          for (const s of v.amount?.steps ?? []) check(id, 'amount', s);
          if (v.amount?.status === 'known') amountsShown.add(id);
        }
      }
    }
  }
  it('has no identifier, code, internal unit or unbalanced bracket in any sentence', () => {
    expect(sentences).toBeGreaterThan(10_000);
    expect([...problems].slice(0, 40)).toEqual([]);
  });
  it('rendered the amount of almost every item that has one', () => {
    const withAmount = [...catalog.items.values()].filter((i) => i.amount).map((i) => i.id);
    const notShown = withAmount.filter((i) => !amountsShown.has(i));
    expect(notShown.length / withAmount.length).toBeLessThan(0.1);
  });
});
