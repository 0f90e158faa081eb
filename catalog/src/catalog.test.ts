import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateItem } from '@seedbed/rules';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError, DEFAULT_CATALOG_DIR, buildReport, compileRules, declaredVariables, itemVariables, lintCatalog, loadCatalog, quoteOccurs, readCatalog, RENAMED_VARIABLES, runAllCases, underCurrentNames } from './index.js';

const data = readCatalog();
/** Every document folder under catalog/documents/: the checks below run for each of them. */
const KEYS = data.documents.map((d) => d.key);
const lintAll = lintCatalog(data);

describe('sources', () => {
  it('are the verbatim copies listed in SHA256SUMS', () => {
    const sums = readFileSync(join(DEFAULT_CATALOG_DIR, 'sources', 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums).toHaveLength(5);
    for (const line of sums) {
      const [hash, name] = line.split(/\s+/);
      const buf = readFileSync(join(DEFAULT_CATALOG_DIR, 'sources', name!));
      expect(createHash('sha256').update(buf).digest('hex'), name).toBe(hash);
    }
  });
  it('include the seeds README', () => {
    expect(readFileSync(join(DEFAULT_CATALOG_DIR, 'sources', 'README.md'), 'utf8')).toContain('## Reading notes');
  });
  it('each have exactly one document folder', () => {
    expect(KEYS.length).toBe(5);
    expect(new Set(data.documents.map((d) => d.data?.source)).size).toBe(KEYS.length);
  });
});

describe('quotes', () => {
  it('are compared whitespace-insensitively', () => {
    expect(quoteOccurs('补贴标准 最高不超过\n1300//月', '……补贴标准最高不超过1300//月(两项合计)')).toBe(true);
    expect(quoteOccurs('补贴标准最高不超过1300元/户/月', '补贴标准最高不超过1300//月')).toBe(false);
    expect(quoteOccurs('   ', 'anything')).toBe(false);
  });
});

describe('shared variables', () => {
  it('every declared variable has a question in both languages (items may start reading it any time)', () => {
    const missing = [...declaredVariables(data).values()].filter((v) => !v.question?.zh || !v.question?.en).map((v) => `${v.file} ${v.name}`);
    expect(missing).toEqual([]);
  });
  it('ask each fact once: no two variables share a question or a label (one fact, one name)', () => {
    const byText = new Map<string, string[]>();
    for (const v of declaredVariables(data).values()) {
      for (const text of [v.question?.zh, v.label?.zh]) {
        if (!text) continue;
        const names = byText.get(text) ?? [];
        if (!names.includes(v.name)) names.push(v.name);
        byText.set(text, names);
      }
    }
    expect([...byText.entries()].filter(([, names]) => names.length > 1).map(([text, names]) => `${text}: ${names.join(', ')}`)).toEqual([]);
  });
  it('hold the facts several documents asked under their own names (catalog/README.md, "Shared variables")', () => {
    const vars = declaredVariables(data);
    const merged: Record<string, string[]> = {
      founded_firm_region: ['yt_startup_region', 'yx_founded_firm_region'],
      guaranteed_loan_requested: ['nn_startup_loan_requested', 'yt_guaranteed_loan_requested', 'yx_loan_requested', 'yx_enterprise_loan_requested'],
      guaranteed_loan_granted: ['yt_guaranteed_loan_granted', 'yx_loan_granted', 'yx_enterprise_loan_granted', 'nn_has_startup_guaranteed_loan'],
      guaranteed_loan_interest_subsidy_due: ['nn_startup_loan_interest_subsidy_amount', 'yt_guaranteed_loan_interest_subsidy_due', 'yx_loan_interest_subsidy_due', 'yx_enterprise_loan_interest_subsidy_due', 'yuetang_guaranteed_loan_interest_due'],
      attended_startup_training: ['nn_completed_startup_training', 'yx_attended_startup_training'],
      startup_training_subsidy_due: ['nn_training_subsidy_amount', 'yx_startup_training_subsidy_due'],
      entered_base_on: ['nn_entered_base_on'],
    };
    for (const [shared, old] of Object.entries(merged)) {
      expect(vars.get(shared)?.file, shared).toBe(data.variablesFile!.file);
      for (const name of old) expect(vars.has(name), name).toBe(false);
    }
    // Callers still sending an old name are understood under the new one (renamed.ts), except the
    // yes/no that became an amount.
    const expected = Object.fromEntries(Object.entries(merged).flatMap(([shared, old]) => old.filter((o) => o !== 'nn_has_startup_guaranteed_loan').map((o) => [o, shared])));
    expect({ ...RENAMED_VARIABLES }).toEqual(expected);
    expect(underCurrentNames({ yt_startup_region: '360602', nn_pboc_benchmark_rate: 4.35, region: '360602' })).toEqual({ founded_firm_region: '360602', region: '360602' });
    expect(underCurrentNames({ yx_loan_granted: 1, guaranteed_loan_granted: 2 })).toEqual({ guaranteed_loan_granted: 2 });
  });
  it('turn published figures into parameters: the PBoC benchmark rate is dated and cited, not asked', () => {
    const vars = declaredVariables(data);
    expect(vars.has('nn_pboc_benchmark_rate')).toBe(false);
    const nn = data.documents.find((d) => d.key === 'nn-2016-34')!;
    const params = (nn.rules!.data as { parameters: Record<string, { values: { from: string; value: number; reference: { source: string; note?: string } }[] }> }).parameters;
    expect(params.nn_pboc_benchmark_rate!.values).toEqual([
      expect.objectContaining({ from: '2015-10-24', value: 0.0435, reference: expect.objectContaining({ source: expect.stringContaining('中国人民银行') }) }),
    ]);
  });
  it('say where a parameter comes from when it is not one of the five source texts', () => {
    const sources = new Set(data.sources.keys());
    const unexplained: string[] = [];
    for (const d of data.documents) {
      const params = (d.rules?.data as { parameters?: Record<string, { values: { reference: { source: string; note?: string } }[] }> } | undefined)?.parameters ?? {};
      for (const [name, p] of Object.entries(params))
        for (const v of p.values) if (!sources.has(v.reference.source) && !v.reference.note) unexplained.push(`${d.key} ${name}: ${v.reference.source}`);
    }
    expect(unexplained).toEqual([]);
  });
  it('lint clean (variables.yaml and anything outside the document folders)', () => {
    expect(lintAll.filter((p) => !p.file.startsWith('documents/')).map((p) => `${p.file} ${p.path}: ${p.message}`)).toEqual([]);
  });
});

describe.each(KEYS)('document %s', (key) => {
  const doc = data.documents.find((d) => d.key === key)!;
  const problems = lintAll.filter((p) => p.file.startsWith(`documents/${key}/`));

  it('has a schema-valid document.yaml', () => {
    expect(doc.data, JSON.stringify(problems.slice(0, 5))).not.toBeNull();
  });
  it('lints clean (ids, back-references, item metadata, cases, variable names, questions)', () => {
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
  it('accounts for every measure as an item, a target or a task (or context with a note)', () => {
    const report = buildReport(data).documents.find((d) => d.key === key)!;
    expect(report.unaccounted).toEqual([]);
    for (const m of doc.data!.measures) {
      if (m.kind === 'context') expect(m.context_note, m.id).toBeDefined();
      else expect(m.items.length + m.targets.length + m.tasks.length, m.id).toBeGreaterThan(0);
    }
  });
  it('gives every item metadata, cases and a case that must fail', () => {
    expect(doc.items.length).toBeGreaterThan(0);
    for (const it of doc.items) {
      expect(doc.data!.item_meta[it.id], it.id).toBeDefined();
      const cases = doc.caseList.filter((c) => c.item === it.id);
      expect(cases.length, it.id).toBeGreaterThanOrEqual(2);
      expect(cases.some((c) => c.expect?.status === 'ineligible' || c.expect?.status === 'near_miss'), it.id).toBe(true);
    }
  });
  it('reads what a higher rule decides from a declared variable that the item uses', () => {
    for (const it of doc.items) {
      const deferral = doc.data!.item_meta[it.id]?.defers_to_higher_rule;
      if (!deferral) continue;
      const read = itemVariables(it);
      for (const v of deferral.variables) expect(read.has(v), `${it.id} reads ${v}`).toBe(true);
    }
  });
  it('cites every reconstruction it relies on, inside the quote that contains it', () => {
    const texts = new Set(doc.data!.document.reconstructions.map((r) => r.text));
    const records = [
      ...Object.entries(doc.data!.item_meta).map(([id, m]) => [id, m.source.quote, m.reconstructed] as const),
      ...doc.data!.targets.map((t) => [t.id, t.source.quote, t.reconstructed ?? []] as const),
      ...doc.data!.tasks.map((t) => [t.id, t.source.quote ?? '', t.reconstructed ?? []] as const),
    ];
    for (const [id, quote, reconstructed] of records)
      for (const r of reconstructed) {
        expect(texts.has(r), `${id}: ${r}`).toBe(true);
        expect(quoteOccurs(r, quote), `${id}: ${r}`).toBe(true);
      }
  });
  it('asks a plain-language question for every variable an item reads', () => {
    const decl = declaredVariables(data);
    for (const it of doc.items)
      for (const v of itemVariables(it)) {
        const spec = decl.get(v);
        expect(spec, `${it.id} reads undeclared ${v}`).toBeDefined();
        expect(spec!.question?.zh, `${it.id}: ${v}`).toMatch(/[\u4e00-\u9fff].*？$/u);
        expect(spec!.question?.en, `${it.id}: ${v}`).toMatch(/^[^\u4e00-\u9fff]+\?$/u);
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

describe('amounts the text gives only as a maximum', () => {
  const cat = loadCatalog();
  it.each([
    // 三(三)14 "给予最高100万元的市本级挂牌工作经费补助": 1,000,000 CNY is the ceiling, not the grant.
    ['nn.neeq-listing-subsidy-municipal', { region: '450103', is_listed_neeq: true }, 100000000],
    // 三(一)1 "每平米不高于20元的月租金补助": 120.5 m² × 20 CNY is the monthly ceiling.
    ['yt.maker-space-rent-subsidy', { region: '360602', yt_is_maker_space: true, yt_rents_commercial_venue: true, yt_rented_area: 120.5 }, 241000],
  ] as const)('%s says "up to"', (item, facts, fen) => {
    const v = evaluateItem(cat.rules, item, { date: '2017-03-01', facts, history: [] });
    expect(v.status).toBe('eligible');
    expect(v.amount?.fen).toBe(fen);
    expect(v.amount?.upTo).toBe(true);
  });
});

describe('loadCatalog', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'catalog-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** A copy of the catalogue (all documents) to break on purpose. */
  function copyCatalog(): string {
    const dir = mkdtempSync(join(tmp, 'c-'));
    cpSync(join(DEFAULT_CATALOG_DIR, 'sources'), join(dir, 'sources'), { recursive: true });
    cpSync(join(DEFAULT_CATALOG_DIR, 'variables.yaml'), join(dir, 'variables.yaml'));
    for (const k of KEYS) cpSync(join(DEFAULT_CATALOG_DIR, 'documents', k), join(dir, 'documents', k), { recursive: true, filter: (f) => !f.endsWith('.ts') });
    return dir;
  }
  function edit(dir: string, file: string, from: string, to: string): void {
    const f = join(dir, file);
    const text = readFileSync(f, 'utf8');
    expect(text.includes(from), `${file} contains ${from}`).toBe(true);
    writeFileSync(f, text.replace(from, to));
  }

  it('loads every document with its compiled rules', () => {
    const cat = loadCatalog(copyCatalog());
    expect(cat.documents.map((d) => d.key)).toEqual(KEYS);
    expect(cat.rules.items.size).toBe(cat.items.length);
    expect(cat.items.find((i) => i.id === 'nn.incubation-base-rent-subsidy')?.meta?.lead_unit).toBe('市科技局');
  });

  it('names the file and path of a broken quote', () => {
    const dir = copyCatalog();
    const f = join(dir, 'documents', 'nn-2016-34', 'document.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('至2020年底,全市建成众创空间10家以上', '至2020年底,全市建成众创空间12家以上'));
    try {
      loadCatalog(dir);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogError);
      const p = (e as CatalogError).problems.find((x) => x.message.startsWith('quote does not occur'));
      expect(p?.file).toBe('documents/nn-2016-34/document.yaml');
      expect(p?.path).toBe('/targets/0/source/quote');
    }
  });

  it('names the file and path of an unknown key', () => {
    const dir = copyCatalog();
    const f = join(dir, 'documents', 'nc-2015-plan', 'document.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('  status: period_ended\n', '  status: period_ended\n  statut: x\n'));
    const problems = lintCatalog(readCatalog(dir));
    expect(problems).toContainEqual({ file: 'documents/nc-2015-plan/document.yaml', path: '/document/statut', message: 'unknown key "statut"' });
  });

  it('reports a duplicate variable with both files', () => {
    const dir = copyCatalog();
    const f = join(dir, 'documents', 'nn-2016-34', 'items.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('variables:\n', 'variables:\n  monthly_sales:\n    entity: enterprise\n    type: money\n    period: month\n    label: { zh: 月销售额, en: Monthly sales }\n'));
    const problems = lintCatalog(readCatalog(dir));
    expect(problems.some((p) => p.file === 'documents/nn-2016-34/items.yaml' && p.path === '/variables/monthly_sales' && p.message.includes('variables.yaml'))).toBe(true);
  });

  it('reports a measure that is not accounted for', () => {
    const dir = copyCatalog();
    const f = join(dir, 'documents', 'nc-2015-plan', 'document.yaml');
    const text = readFileSync(f, 'utf8');
    const i = text.indexOf('id: nc.m.4.4.18');
    const j = text.indexOf('tasks: [nc.task.three-in-one]', i);
    expect(i).toBeGreaterThan(0);
    expect(j).toBeGreaterThan(i);
    writeFileSync(f, text.slice(0, j) + 'tasks: []' + text.slice(j + 'tasks: [nc.task.three-in-one]'.length));
    const data2 = readCatalog(dir);
    const problems = lintCatalog(data2);
    expect(problems.some((p) => p.message.includes('not accounted for') && p.path.startsWith('/measures/'))).toBe(true);
    expect(buildReport(data2).documents.find((d) => d.key === 'nc-2015-plan')!.unaccounted).toEqual(['nc.m.4.4.18 四(四)18']);
  });

  it('reports a higher-rule variable that the item does not read', () => {
    const dir = copyCatalog();
    edit(dir, 'documents/yx-2016-measures/document.yaml', 'variables: [yx_meets_online_shop_subsidy_rules]', 'variables: [yx_meets_online_shop_subsidy_rules, yx_fee_standard]');
    const problems = lintCatalog(readCatalog(dir));
    expect(problems).toContainEqual({
      file: 'documents/yx-2016-measures/document.yaml',
      path: '/item_meta/yx.graduate-online-shop-subsidy/defers_to_higher_rule/variables/1',
      message: 'variable "yx_fee_standard" (decided by the higher rule) is not read by item yx.graduate-online-shop-subsidy\'s criteria, amount or caps',
    });
  });

  it('reports a reconstruction that the record\'s quote does not contain', () => {
    const dir = copyCatalog();
    edit(dir, 'documents/nn-2016-34/document.yaml', '    reconstructed: [20171231日]\n', '    reconstructed: [20171231日, 13分]\n');
    const problems = lintCatalog(readCatalog(dir));
    expect(problems.some((p) => p.file === 'documents/nn-2016-34/document.yaml' && /^\/item_meta\/[^/]+\/reconstructed\/1$/.test(p.path) && p.message === '"13分" does not occur in the record\'s quote')).toBe(true);
  });

  it('reports a variable an item reads that has no question, and questions or labels in the wrong language', () => {
    const dir = copyCatalog();
    edit(dir, 'variables.yaml', '    question: { zh: 企业是否入驻经认定的创业孵化基地？, en: "Is the enterprise a tenant of a recognised incubation base?" }\n', '');
    edit(dir, 'documents/nn-2016-34/items.yaml', 'en: "Is the product certified as a national first-set major technical equipment?"', 'en: "产品是否获得首台（套）认定?"');
    edit(dir, 'documents/yt-2016-platforms/items.yaml', 'en: "City-level maker space"', 'en: "市级 maker space"');
    const problems = lintCatalog(readCatalog(dir));
    expect(problems).toContainEqual({
      file: 'variables.yaml',
      path: '/variables/is_incubated_in_base/question',
      message: expect.stringMatching(/^variable "is_incubated_in_base" is read by item \S+ but has no question/),
    });
    expect(problems).toContainEqual({ file: 'documents/nn-2016-34/items.yaml', path: '/variables/nn_first_set_certified/question/en', message: 'en question must be English (no Chinese characters) and end with ?' });
    expect(problems.some((p) => p.path === '/variables/yt_is_city_maker_space/label/en' && p.message.includes('contains Chinese'))).toBe(true);
  });

  it('checks ranges, approximate targets and co-lead units', () => {
    const dir = copyCatalog();
    edit(dir, 'documents/yt-2016-platforms/document.yaml', '    comparison: at_least\n    value: 2\n    value_max: 3\n', '    comparison: exactly\n    value: 2\n    value_max: 2\n');
    edit(dir, 'documents/yx-2016-measures/document.yaml', 'co_lead_units: [人行玉溪市中心支行, 银监会玉溪监管分局]\n    supporting_units: [', 'co_lead_units: [人行玉溪市中心支行, 银监会玉溪监管分局]\n    supporting_units: [银监会玉溪监管分局, ');
    edit(dir, 'documents/yuetang-2016-plan/document.yaml', 'approximate: true', 'approximate: 左右');
    const problems = lintCatalog(readCatalog(dir)).map((p) => `${p.file} ${p.path}: ${p.message}`);
    expect(problems.filter((p) => p.includes('/value_max:'))).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('documents/yx-2016-measures/document.yaml /measures/') && p.endsWith('co-lead unit 银监会玉溪监管分局 is also listed as supporting'))).toBe(true);
    expect(problems.some((p) => p.startsWith('documents/yuetang-2016-plan/document.yaml /targets/') && p.includes('/approximate: expected true or false'))).toBe(true);
  });
});

describe('every item, whatever the date and whatever is known', () => {
  const cat = loadCatalog();
  const cases = data.documents.flatMap((d) => d.caseList);

  it('evaluates without an error before, during and after its period, with nothing known', () => {
    for (const id of cat.rules.items.keys()) {
      for (const date of ['2000-01-01', '2016-06-12', '2016-12-31', '2030-01-01']) {
        const v = evaluateItem(cat.rules, id, { date, facts: {} });
        expect(['ineligible', 'unknown', 'eligible', 'near_miss'], `${id} on ${date}`).toContain(v.status);
      }
    }
  });

  it('renders every sentence and amount step of every case without holes', () => {
    expect(cases.length).toBeGreaterThan(400);
    for (const c of cases) {
      const v = evaluateItem(cat.rules, c.item, { date: c.date, facts: c.facts ?? {}, history: c.history ?? [] });
      const text = JSON.stringify([v.amount?.steps ?? [], v.criteria.map((x) => x.sentence), v.gap ?? null]);
      expect(text, `${c.item} / ${c.name}`).not.toMatch(/undefined|NaN|\[object|\\u0001/);
    }
  });
});
