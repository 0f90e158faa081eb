/**
 * Chinese full-text search without substring scans: texts are segmented into words with jieba
 * (the dictionary ships inside @node-rs/jieba, nothing is downloaded at run time), each word
 * also indexed by its pinyin and its initials (pinyin-pro), and runs of up to three words by
 * their joined pinyin and initials, so that `chuangye`, `cydb` and `创业` all find 创业担保贷款
 * while 开创业务 (开创 / 业务) does not match 创业. Lexemes go into a `tsvector` built with
 * array_to_tsvector (no dictionary, no locale), which behaves the same on PGlite and PostgreSQL.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';

let jieba: Jieba | undefined;
const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

const CJK = /[\u3400-\u9fff]/;
const WORD = /^[\p{L}\p{N}]+$/u;
/** Longest run of consecutive words whose joined pinyin and initials are indexed. */
const RUN = 3;

function pinyinOf(word: string): { full: string; initials: string } {
  const full = pinyin(word, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
  const initials = pinyin(word, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
  return { full: full.replace(/[^a-z0-9]/g, ''), initials: initials.replace(/[^a-z0-9]/g, '') };
}

/** The words of a text: jieba's search-mode cut for Chinese, lower-cased alphanumerics otherwise. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const w of segmenter().cutForSearch(text, true)) {
    const t = w.trim().toLowerCase();
    if (t && WORD.test(t)) out.push(t);
  }
  return out;
}

export type Weight = 'A' | 'B' | 'C' | 'D';

/** Index lexemes of one text: its words, and for Chinese runs of words their pinyin and initials. */
export function indexLexemes(text: string): string[] {
  const lexemes = new Set<string>();
  for (const w of words(text)) lexemes.add(w);
  // Runs use the exact (non-overlapping) cut, so joined pinyin follows the text's own order.
  const cut = segmenter()
    .cut(text, true)
    .map((w) => w.trim())
    .filter((w) => w && WORD.test(w));
  const py = cut.map((w) => (CJK.test(w) ? pinyinOf(w) : null));
  for (let i = 0; i < cut.length; i++) {
    let full = '';
    let initials = '';
    for (let j = i; j < Math.min(cut.length, i + RUN); j++) {
      const p = py[j];
      if (!p) break;
      full += p.full;
      initials += p.initials;
      if (full) lexemes.add(full);
      if (initials.length >= 2) lexemes.add(initials);
    }
  }
  return [...lexemes];
}

/** Quotes a lexeme for a tsquery literal. */
const quote = (lexeme: string): string => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A tsquery (text form, to cast with ::tsquery) for what a person typed, or null when nothing
 * searchable is left. Chinese is segmented like the index (every word must match as a word);
 * Latin letters are read as words, pinyin or initials (matched as prefixes, spaces optional).
 */
export function searchQuery(input: string): string | null {
  const text = input.normalize('NFKC').trim().slice(0, 100);
  if (!text) return null;
  const parts: string[] = [];
  const chinese = text.replace(/[^\u3400-\u9fff]+/g, ' ').trim();
  if (chinese) for (const w of new Set(segmenter().cut(chinese, true).map((x) => x.trim()).filter((x) => x && WORD.test(x)))) parts.push(quote(w.toLowerCase()));
  const latin = text
    .replace(/[\u3400-\u9fff]+/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (latin.length > 0) {
    const each = latin.map((w) => `${quote(w)}:*`).join(' & ');
    const joined = latin.length > 1 ? ` | ${quote(latin.join(''))}:*` : '';
    parts.push(latin.length > 1 || joined ? `(${each}${joined})` : each);
  }
  return parts.length > 0 ? parts.join(' & ') : null;
}

/**
 * Where what a person typed matches a text, as [start, end) ranges (UTF-16 offsets, merged), for
 * highlighting a result: Chinese words wherever they occur; Latin letters against each word
 * itself (English), its pinyin or initials, and runs of up to three words whose joined pinyin or
 * initials begin with what was typed (`cydb` marks 创业担保). The same reading as searchQuery.
 */
export function markRanges(text: string, input: string): [number, number][] {
  const typed = input.normalize('NFKC').trim().slice(0, 100);
  if (!typed || !text) return [];
  const ranges: [number, number][] = [];
  const chinese = typed.replace(/[^\u3400-\u9fff]+/g, ' ').trim();
  if (chinese) {
    for (const w of new Set(segmenter().cut(chinese, true).map((x) => x.trim()).filter((x) => x && WORD.test(x)))) {
      for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) ranges.push([at, at + w.length]);
    }
  }
  const latin = typed
    .replace(/[\u3400-\u9fff]+/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const terms = latin.length > 1 ? [...latin, latin.join('')] : latin;
  if (terms.length > 0) {
    const cut = segmenter().cut(text, true);
    const starts: number[] = [];
    let offset = 0;
    for (const w of cut) {
      starts.push(offset);
      offset += w.length;
    }
    const py = cut.map((w) => (CJK.test(w) && WORD.test(w) ? pinyinOf(w) : null));
    for (let i = 0; i < cut.length; i++) {
      const w = cut[i]!;
      if (!WORD.test(w.trim())) continue;
      if (!py[i]) {
        const lower = w.toLowerCase();
        if (terms.some((t) => lower.startsWith(t))) ranges.push([starts[i]!, starts[i]! + w.length]);
        continue;
      }
      let full = '';
      let initials = '';
      for (let j = i; j < Math.min(cut.length, i + RUN); j++) {
        const p = py[j];
        if (!p) break;
        const before = { full: full.length, initials: initials.length };
        full += p.full;
        initials += p.initials;
        // The term begins with this run's pinyin and reaches into its last word (or it is one word).
        const hit = terms.some(
          (t) => (full.startsWith(t) && (j === i || t.length > before.full)) || (initials.startsWith(t) && t.length >= 2 && (j === i || t.length > before.initials)),
        );
        if (hit) ranges.push([starts[i]!, starts[j]! + cut[j]!.length]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
