/**
 * What a person must never read in a sentence rendered from the catalogue: a variable or
 * parameter name, an enum code, a region code, an item id, an amount in 分, an untaken branch
 * ("未计算"), a "×100" percentage trick, unbalanced brackets. Used by the catalogue-wide rendering
 * test and by the policy page's rendering test.
 */
import type { Catalog } from '@seedbed/rules';

/** What a sentence must not contain, given the catalogue. */
export interface Vocabulary {
  /** Variable and parameter names. */
  readonly names: ReadonlySet<string>;
  /** Enum codes, with the labels that may legitimately contain the same word. */
  readonly codes: ReadonlySet<string>;
  readonly itemIds: readonly string[];
  /** Every label and title of the catalogue, removed before looking for codes in English text. */
  readonly labels: readonly string[];
}

export function vocabularyOf(c: Catalog): Vocabulary {
  const names = new Set<string>();
  const codes = new Set<string>();
  const labels: string[] = [];
  for (const [name, v] of c.variables) {
    names.add(name);
    labels.push(v.label.zh, v.label.en);
    for (const x of v.values ?? []) {
      codes.add(x.value);
      labels.push(x.label.zh, x.label.en);
    }
  }
  for (const [name, p] of c.parameters) {
    names.add(name);
    labels.push(p.spec.label.zh, p.spec.label.en);
  }
  for (const it of c.items.values()) {
    labels.push(it.spec.title.zh, it.spec.title.en);
    for (const cr of it.criteria) labels.push(cr.label.zh, cr.label.en);
    if (it.spec.amount?.note) labels.push(it.spec.amount.note.zh, it.spec.amount.note.en);
  }
  labels.sort((a, b) => b.length - a.length);
  return { names, codes, itemIds: [...c.items.keys()], labels };
}

const PAIRS: readonly (readonly [string, string])[] = [
  ['（', '）'],
  ['(', ')'],
  ['「', '」'],
  ['“', '”'],
  ['[', ']'],
];

function balanced(text: string): boolean {
  const stack: string[] = [];
  for (const ch of text) {
    const open = PAIRS.find((p) => p[0] === ch);
    if (open) stack.push(open[1]);
    else if (PAIRS.some((p) => p[1] === ch)) {
      if (stack.pop() !== ch) return false;
    }
  }
  return stack.length === 0;
}

const word = (w: string): RegExp => new RegExp(`(?<![A-Za-z0-9_.-])${w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?![A-Za-z0-9_-])`);

/** The problems a person would see in one sentence; empty when it reads clean. */
export function renderingProblems(text: string, lang: 'zh' | 'en', vocab: Vocabulary): string[] {
  const out: string[] = [];
  for (const bad of ['未计算', 'not evaluated', '若否则', 'undefined', 'NaN', '[object', '\u0001', '×100', '× 100', '* 100', '*100', '÷ 100']) if (text.includes(bad)) out.push(`contains "${bad}"`);
  if (!balanced(text)) out.push('unbalanced brackets');
  if (/\d\s*分(?!之|钟)/.test(text)) out.push('an amount in 分');
  if (/\d\s*fen\b/i.test(text)) out.push('an amount in fen');
  if (/(?<![\d,.-])\d{6}(?![\d,])/.test(text)) out.push('a region code');
  for (const id of vocab.itemIds) if (text.includes(id)) out.push(`item id ${id}`);
  // Labels are the catalogue's own words: what is left is the engine's wording and the values.
  let rest = text;
  for (const l of vocab.labels) if (l.length > 0 && rest.includes(l)) rest = rest.split(l).join(' ');
  for (const n of vocab.names) if ((lang === 'zh' || n.includes('_')) && word(n).test(rest)) out.push(`variable or parameter name ${n}`);
  for (const c of vocab.codes) if (word(c).test(rest)) out.push(`enum code ${c}`);
  return out;
}

