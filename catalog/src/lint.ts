/**
 * Lints the whole catalogue beyond structure: ids and prefixes, every measure accounted for,
 * back-references, item metadata for every item, verbatim quotes, reconstructions, cases for every
 * item (with a failing one), variable names unique and prefixed. Each problem names file and path.
 */
import { join, relative } from 'node:path';
import { inRegionSubtree, itemReads, type ReadableItem } from '@seedbed/rules';
import { pointer } from './shape.js';
import { QuoteChecker } from './quotes.js';
import type { CatalogData, LoadedDocument } from './load.js';
import type { CatalogProblem, DocumentFile, SourceRef } from './types.js';

/** GB/T 2260 codes of the catalogue's documents (DESIGN.md §4), with the date the code is known valid from. */
export const CATALOGUE_REGIONS: Readonly<Record<string, { zh: string; en: string; since: string }>> = {
  '360100': { zh: '南昌市', en: 'Nanchang', since: '1980-01-01' },
  '450100': { zh: '南宁市', en: 'Nanning', since: '1980-01-01' },
  '360600': { zh: '鹰潭市', en: 'Yingtan', since: '1983-07-01' },
  '530400': { zh: '玉溪市', en: 'Yuxi', since: '1997-12-01' },
  '430300': { zh: '湘潭市', en: 'Xiangtan', since: '1980-01-01' },
  '430304': { zh: '岳塘区', en: 'Yuetang District', since: '1992-06-01' },
};

const FAILING = new Set(['ineligible', 'near_miss']);

/** The variables an item's criteria, region, amount and caps read: what the calculator may ask for it. */
export const itemVariables = (it: ReadableItem): Set<string> => new Set(itemReads(it));

/** A declared variable as the catalogue looks at it (the engine validates the rest). */
export interface VariableView {
  name: string;
  file: string;
  entity?: string | string[];
  type?: string;
  label?: { zh?: string; en?: string };
  question?: { zh?: string; en?: string };
}

/** Every variable of variables.yaml and of each items.yaml, by name (the first declaration wins). */
export function declaredVariables(data: CatalogData): Map<string, VariableView> {
  const out = new Map<string, VariableView>();
  const take = (file: string, content: unknown): void => {
    const vars = typeof content === 'object' && content !== null ? (content as { variables?: unknown }).variables : undefined;
    if (typeof vars !== 'object' || vars === null) return;
    for (const [name, v] of Object.entries(vars as Record<string, unknown>))
      if (!out.has(name) && typeof v === 'object' && v !== null) out.set(name, { ...(v as Omit<VariableView, 'name' | 'file'>), name, file });
  };
  if (data.variablesFile) take(data.variablesFile.file, data.variablesFile.data);
  for (const d of data.documents) if (d.rules) take(d.rules.file, d.rules.data);
  return out;
}

const HAN = /[\u3400-\u9fff]/u;

/**
 * Labels and questions: zh is Chinese (has Han characters, a question ends with ？), en is English
 * (no Han characters, a question ends with ?). Every variable an item reads needs a question: the
 * policy calculator asks it of the person or enterprise.
 */
function lintVariableTexts(data: CatalogData, problems: CatalogProblem[]): void {
  const decl = declaredVariables(data);
  const readBy = new Map<string, string>();
  for (const d of data.documents) for (const it of d.items) for (const v of itemVariables(it)) if (!readBy.has(v)) readBy.set(v, it.id);
  for (const v of decl.values()) {
    const at = (k: string, lang?: string): string => pointer(['variables', v.name, k, ...(lang ? [lang] : [])]);
    const label = v.label ?? {};
    if (typeof label.zh === 'string' && !HAN.test(label.zh)) problems.push({ file: v.file, path: at('label', 'zh'), message: `zh label "${label.zh}" has no Chinese text` });
    if (typeof label.en === 'string' && HAN.test(label.en.replace(/（[^）]*）|\([^)]*[\u3400-\u9fff][^)]*\)/gu, '')))
      problems.push({ file: v.file, path: at('label', 'en'), message: `en label "${label.en}" contains Chinese outside parentheses` });
    if (!v.question) {
      const item = readBy.get(v.name);
      if (item !== undefined) problems.push({ file: v.file, path: at('question'), message: `variable "${v.name}" is read by item ${item} but has no question {zh, en} for the calculator` });
      continue;
    }
    const q = v.question;
    if (typeof q.zh !== 'string' || !HAN.test(q.zh) || !/？$/u.test(q.zh.trim())) problems.push({ file: v.file, path: at('question', 'zh'), message: 'zh question must be Chinese and end with ？' });
    if (typeof q.en !== 'string' || HAN.test(q.en) || !/\?$/u.test(q.en.trim())) problems.push({ file: v.file, path: at('question', 'en'), message: 'en question must be English (no Chinese characters) and end with ?' });
  }
}

export function lintCatalog(data: CatalogData): CatalogProblem[] {
  const problems: CatalogProblem[] = [...data.problems];
  const quotes = new QuoteChecker(data.sources);
  const seenIds = new Map<string, string>();
  const variableOwner = new Map<string, string>();

  const claim = (id: string, file: string, path: string): void => {
    const prev = seenIds.get(id);
    if (prev !== undefined) problems.push({ file, path, message: `duplicate id "${id}" (also in ${prev})` });
    else seenIds.set(id, `${file} ${path}`);
  };

  // Shared variables first, so that duplicates name the shared file.
  const vf = data.variablesFile;
  if (vf && typeof vf.data === 'object' && vf.data !== null) {
    const vars = (vf.data as { variables?: Record<string, unknown> }).variables ?? {};
    for (const name of Object.keys(vars)) variableOwner.set(name, vf.file);
  }

  for (const d of data.documents) {
    for (const name of d.variableNames) {
      const path = pointer(['variables', name]);
      const owner = variableOwner.get(name);
      if (owner !== undefined) problems.push({ file: d.rules?.file ?? d.key, path, message: `variable "${name}" is already declared in ${owner}` });
      else variableOwner.set(name, d.rules?.file ?? d.key);
    }
    for (const name of d.parameterNames) {
      const path = pointer(['parameters', name]);
      const owner = variableOwner.get(`param:${name}`);
      if (owner !== undefined) problems.push({ file: d.rules?.file ?? d.key, path, message: `parameter "${name}" is already declared in ${owner}` });
      else variableOwner.set(`param:${name}`, d.rules?.file ?? d.key);
    }
  }

  for (const d of data.documents) {
    if (!d.data) continue;
    lintDocument(d, d.data, data, quotes, claim, variableOwner, problems);
  }
  lintVariableTexts(data, problems);
  return problems;
}

function lintDocument(
  d: LoadedDocument,
  doc: DocumentFile,
  data: CatalogData,
  quotes: QuoteChecker,
  claim: (id: string, file: string, path: string) => void,
  variableOwner: Map<string, string>,
  problems: CatalogProblem[],
): void {
  const file = d.record.file;
  const rulesFile = d.rules?.file ?? relative(data.root, join(d.dir, 'items.yaml'));
  const casesFile = d.cases?.file ?? relative(data.root, join(d.dir, 'items.cases.yaml'));
  const p = doc.prefix;
  const add = (path: (string | number)[], message: string, f = file): void => {
    problems.push({ file: f, path: pointer(path), message });
  };

  if (doc.key !== d.key) add(['key'], `key "${doc.key}" differs from the folder name "${d.key}"`);
  if (!data.sources.has(doc.source)) add(['source'], `source file "${doc.source}" is not in sources/`);
  if (!(doc.document.region in CATALOGUE_REGIONS)) add(['document', 'region'], `region ${doc.document.region} is not a catalogue region (${Object.keys(CATALOGUE_REGIONS).join(', ')})`);
  doc.document.reconstructions.forEach((r, i) => {
    if (!quotes.occurs(doc.source, r.text)) add(['document', 'reconstructions', i, 'text'], `reconstructed text "${r.text}" does not occur in ${doc.source}`);
  });
  const reconTexts = new Set(doc.document.reconstructions.map((r) => r.text));

  const checkSource = (path: (string | number)[], src: SourceRef, reconstructed: readonly string[] | undefined): void => {
    const f = src.file ?? doc.source;
    if (!quotes.has(f)) {
      add([...path, 'file'], `source file "${f}" is not in sources/`);
      return;
    }
    if (src.quote !== undefined && !quotes.occurs(f, src.quote))
      add([...path, 'quote'], `quote does not occur in ${f} (whitespace-insensitive): "${src.quote.slice(0, 60)}${src.quote.length > 60 ? '…' : ''}"`);
    (reconstructed ?? []).forEach((r, i) => {
      if (!reconTexts.has(r)) add([...path.slice(0, -1), 'reconstructed', i], `"${r}" is not listed in document.reconstructions`);
      else if (src.quote !== undefined && !src.quote.replace(/\s+/g, '').includes(r.replace(/\s+/g, '')))
        add([...path.slice(0, -1), 'reconstructed', i], `"${r}" does not occur in the record's quote`);
    });
  };

  const measureIds = new Map<string, number>();
  doc.measures.forEach((m, i) => {
    claim(m.id, file, pointer(['measures', i, 'id']));
    measureIds.set(m.id, i);
    if (!m.id.startsWith(`${p}.m.`)) add(['measures', i, 'id'], `measure id "${m.id}" must start with "${p}.m."`);
    const counts = { item: m.items.length, target: m.targets.length, task: m.tasks.length };
    if (m.kind === 'context') {
      if (!m.context_note) add(['measures', i, 'context_note'], 'a context measure needs a context_note saying why it is no measure');
    } else if (counts[m.kind] === 0) {
      add(['measures', i, m.kind === 'item' ? 'items' : `${m.kind}s`], `measure ${m.id} (${m.clause}) is of kind ${m.kind} but lists no ${m.kind}: not accounted for`);
    }
    if (m.units_basis === 'derived' && !m.units_note) add(['measures', i, 'units_note'], 'derived units need a units_note saying where they come from');
    if (m.lead_unit !== null && m.supporting_units.includes(m.lead_unit)) add(['measures', i, 'supporting_units'], `lead unit ${m.lead_unit} is also listed as supporting`);
    if (m.co_lead_units && m.co_lead_units.length > 0) {
      if (m.lead_unit === null) add(['measures', i, 'co_lead_units'], 'co-lead units need a lead unit (the first listed)');
      m.co_lead_units.forEach((u, j) => {
        if (u === m.lead_unit || m.co_lead_units!.indexOf(u) !== j) add(['measures', i, 'co_lead_units', j], `co-lead unit ${u} is listed twice (or is the lead unit)`);
        if (m.supporting_units.includes(u)) add(['measures', i, 'co_lead_units', j], `co-lead unit ${u} is also listed as supporting`);
      });
    }
  });
  const measureById = new Map(doc.measures.map((m) => [m.id, m]));

  const backRef = (kind: 'targets' | 'tasks' | 'items', id: string, measure: string, path: (string | number)[]): void => {
    const m = measureById.get(measure);
    if (!m) add([...path, 'measure'], `measure "${measure}" does not exist in this document`);
    else if (!m[kind].includes(id)) add([...path, 'measure'], `measure ${measure} does not list ${id} under ${kind}`);
  };

  doc.targets.forEach((t, i) => {
    claim(t.id, file, pointer(['targets', i, 'id']));
    if (!t.id.startsWith(`${p}.target.`)) add(['targets', i, 'id'], `target id must start with "${p}.target."`);
    backRef('targets', t.id, t.measure, ['targets', i]);
    checkSource(['targets', i, 'source'], t.source, t.reconstructed);
    if (t.unit === 'fen' && !Number.isInteger(t.value)) add(['targets', i, 'value'], 'a money target is integer fen');
    if (t.comparison === 'increase_by' && (t.baseline === undefined || t.baseline === null)) add(['targets', i, 'baseline'], 'an increase target needs its baseline');
    if (t.value_max !== undefined && t.value_max !== null) {
      if (t.comparison !== 'at_least') add(['targets', i, 'value_max'], 'a range (value_max) goes with comparison at_least: the target is met at value');
      if (!(t.value_max > t.value)) add(['targets', i, 'value_max'], `value_max ${t.value_max} must be greater than value ${t.value}`);
    }
    if (t.period.from && t.period.to && t.period.from > t.period.to) add(['targets', i, 'period'], 'period ends before it starts');
  });
  doc.tasks.forEach((t, i) => {
    claim(t.id, file, pointer(['tasks', i, 'id']));
    if (!t.id.startsWith(`${p}.task.`)) add(['tasks', i, 'id'], `task id must start with "${p}.task."`);
    backRef('tasks', t.id, t.measure, ['tasks', i]);
    checkSource(['tasks', i, 'source'], t.source, t.reconstructed);
  });

  const targetIds = new Set(doc.targets.map((t) => t.id));
  const taskIds = new Set(doc.tasks.map((t) => t.id));
  const itemIds = new Set(d.items.map((it) => it.id));
  doc.measures.forEach((m, i) => {
    m.targets.forEach((id, j) => { if (!targetIds.has(id)) add(['measures', i, 'targets', j], `target "${id}" does not exist`); });
    m.tasks.forEach((id, j) => { if (!taskIds.has(id)) add(['measures', i, 'tasks', j], `task "${id}" does not exist`); });
    m.items.forEach((id, j) => { if (!itemIds.has(id)) add(['measures', i, 'items', j], `item "${id}" does not exist in items.yaml`); });
  });

  // Items: rule file ↔ item_meta, quotes, cases.
  d.items.forEach((it, i) => {
    claim(it.id, rulesFile, pointer(['items', i, 'id']));
    if (!it.id.startsWith(`${p}.`)) add(['items', i, 'id'], `item id must start with "${p}."`, rulesFile);
    const meta = doc.item_meta[it.id];
    if (!meta) {
      add(['items', i, 'id'], `item ${it.id} has no item_meta entry in ${file}`, rulesFile);
      return;
    }
    if (it.source?.clause !== undefined && it.source.clause !== meta.source.clause)
      add(['items', i, 'source', 'clause'], `clause "${it.source.clause}" differs from item_meta (${meta.source.clause})`, rulesFile);
    if (it.source?.file !== undefined && it.source.file !== (meta.source.file ?? doc.source))
      add(['items', i, 'source', 'file'], `file "${it.source.file}" differs from item_meta`, rulesFile);
    if (doc.document.region && it.region !== undefined && !(inRegionSubtree(it.region, doc.document.region) || inRegionSubtree(doc.document.region, it.region)))
      add(['items', i, 'region'], `item region ${it.region} is unrelated to the document region ${doc.document.region}`, rulesFile);
    const cases = d.caseList.filter((c) => c.item === it.id);
    if (cases.length === 0) add(['items', i], `item ${it.id} has no test cases in ${casesFile}`, rulesFile);
    else if (!cases.some((c) => FAILING.has(c.expect?.status ?? ''))) add(['items', i], `item ${it.id} has no case that must fail (ineligible or near_miss)`, rulesFile);
    if (it.amount?.formula !== undefined && !cases.some((c) => typeof c.expect?.amount === 'number'))
      add(['items', i, 'amount'], `item ${it.id} computes an amount but no case checks one`, rulesFile);
  });
  for (const [id, meta] of Object.entries(doc.item_meta)) {
    const path = ['item_meta', id];
    if (!itemIds.has(id)) add(path, `item_meta for "${id}" but no such item in items.yaml`);
    backRef('items', id, meta.measure, path);
    checkSource([...path, 'source'], meta.source, meta.reconstructed);
    const rule = d.items.find((it) => it.id === id);
    const read = rule ? itemVariables(rule) : new Set<string>();
    for (const [j, v] of (meta.defers_to_higher_rule?.variables ?? []).entries()) {
      if (!variableOwner.has(v)) add([...path, 'defers_to_higher_rule', 'variables', j], `variable "${v}" is not declared`);
      else if (rule && !read.has(v))
        add([...path, 'defers_to_higher_rule', 'variables', j], `variable "${v}" (decided by the higher rule) is not read by item ${id}'s criteria, amount or caps`);
    }
  }
  d.caseList.forEach((c, i) => {
    if (!itemIds.has(c.item)) add(['cases', i, 'item'], `case "${c.name}" names unknown item "${c.item}"`, casesFile);
  });
  for (const name of d.variableNames)
    if (!name.startsWith(`${p}_`)) add(['variables', name], `document variable "${name}" must start with "${p}_" (shared ones go in variables.yaml)`, rulesFile);
  for (const name of d.parameterNames)
    if (!name.startsWith(`${p}_`)) add(['parameters', name], `parameter "${name}" must start with "${p}_"`, rulesFile);
}
