// Catalogue checks for the 鹰潭 (yt), 玉溪 (yx) and 岳塘区 (yuetang) documents: the same guarantees the
// catalogue suite gives its own documents (schema, lint, verbatim quotes, every measure accounted
// for, cases on both evaluators), plus checks on what these three documents rely on most: deferrals
// to higher rules and reconstructed text.
import { describe, expect, it } from 'vitest';
import { buildReport, compileRules, lintCatalog, quoteOccurs, readCatalog, runAllCases } from '../../src/index.js';

const data = readCatalog();
const KEYS = ['yt-2016-platforms', 'yx-2016-measures', 'yuetang-2016-plan'];

describe.each(KEYS)('document %s', (key) => {
  const doc = data.documents.find((d) => d.key === key)!;
  const problems = lintCatalog(data).filter((p) => p.file.startsWith(`documents/${key}/`));

  it('is loaded with a schema-valid document.yaml and lints clean', () => {
    expect(doc, key).toBeDefined();
    expect(doc.data, JSON.stringify(problems.slice(0, 5))).not.toBeNull();
    expect(problems.map((p) => `${p.file} ${p.path}: ${p.message}`)).toEqual([]);
  });

  it('quotes every item, target and quoted task verbatim from its source', () => {
    const src = data.sources.get(doc.data!.source)!;
    const quotes = [
      ...Object.values(doc.data!.item_meta).map((m) => m.source.quote),
      ...doc.data!.targets.map((t) => t.source.quote),
      ...doc.data!.tasks.flatMap((t) => (t.source.quote ? [t.source.quote] : [])),
    ];
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(quoteOccurs(q, src), q).toBe(true);
  });

  it('accounts for every measure', () => {
    const report = buildReport(data).documents.find((d) => d.key === key)!;
    expect(report.unaccounted).toEqual([]);
    for (const m of doc.data!.measures) {
      if (m.kind === 'context') expect(m.context_note, m.id).toBeDefined();
      else expect(m.items.length + m.targets.length + m.tasks.length, m.id).toBeGreaterThan(0);
    }
  });

  it('gives every item at least two cases, one of which must fail', () => {
    for (const item of doc.items) {
      const cases = doc.caseList.filter((c) => c.item === item.id);
      expect(cases.length, item.id).toBeGreaterThanOrEqual(2);
      expect(cases.some((c) => c.expect?.status === 'ineligible'), item.id).toBe(true);
    }
  });

  it('reads what a higher rule decides from a declared variable that the item uses', () => {
    for (const item of doc.items) {
      const deferral = doc.data!.item_meta[item.id]?.defers_to_higher_rule;
      if (!deferral) continue;
      const used = JSON.stringify([item.criteria, item.amount ?? null]);
      for (const v of deferral.variables) expect(used.includes(`"${v}"`), `${item.id} uses ${v}`).toBe(true);
    }
  });

  it('cites every reconstruction it relies on in the quote that contains it', () => {
    const texts = new Set(doc.data!.document.reconstructions.map((r) => r.text));
    for (const [id, meta] of Object.entries(doc.data!.item_meta)) {
      for (const r of meta.reconstructed ?? []) {
        expect(texts.has(r), `${id}: ${r}`).toBe(true);
        expect(quoteOccurs(r, meta.source.quote ?? ''), `${id}: ${r}`).toBe(true);
      }
    }
  });

  it('compiles with the engine and passes every case on both evaluators', () => {
    const compiled = compileRules(data, [key]);
    expect(compiled.problems.map((p) => `${p.file} ${p.path}: ${p.message}`)).toEqual([]);
    const run = runAllCases(data, compiled);
    expect(run.available).toBe(true);
    expect(run.failures).toEqual([]);
    expect(run.results.filter((r) => r.evaluator === 'interpreter')).toHaveLength(doc.caseList.length);
    expect(run.results.filter((r) => r.evaluator === 'compiler')).toHaveLength(doc.caseList.length);
  });
});
