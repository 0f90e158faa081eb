/**
 * Reads the catalogue folder: sources, shared variables, and per document its record
 * (document.yaml), rule file (items.yaml) and cases (items.cases.yaml). Reading never throws on
 * content: every problem is collected with the file and JSON path; `loadCatalog` throws them all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { checkShape } from './shape.js';
import { documentFileShape } from './schema.js';
import type { CatalogProblem, DocumentFile, ItemMeta, Measure, Target, Task } from './types.js';

export const DEFAULT_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A YAML file as read: its path relative to the catalogue root, text and parsed value (undefined when unreadable). */
export interface YamlFile {
  file: string;
  text: string;
  data: unknown;
}

/** The raw parts of a rule file the catalogue itself looks at (the engine validates the rest). */
export interface RuleItemView {
  id: string;
  entity?: string;
  benefit?: string;
  mode?: string;
  region?: string;
  effective?: { from?: string; to?: string | null };
  criteria?: unknown;
  amount?: { formula?: unknown; note?: unknown };
  caps?: unknown;
  source?: { file?: string; clause?: string };
}

export interface CaseView {
  name: string;
  item: string;
  date: string;
  facts?: Record<string, unknown>;
  history?: { item: string; date: string; amount: number; product?: string }[];
  expect?: { status?: string; amount?: number | null };
}

export interface LoadedDocument {
  key: string;
  dir: string;
  record: YamlFile;
  rules: YamlFile | null;
  cases: YamlFile | null;
  data: DocumentFile | null;
  items: RuleItemView[];
  caseList: CaseView[];
  variableNames: string[];
  parameterNames: string[];
}

export interface CatalogData {
  root: string;
  sources: Map<string, string>;
  variablesFile: YamlFile | null;
  documents: LoadedDocument[];
  problems: CatalogProblem[];
}

function readYaml(root: string, path: string, problems: CatalogProblem[]): YamlFile | null {
  const file = relative(root, path);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      problems.push({ file, path: pos ? `line ${pos.line}:${pos.col}` : '', message: `YAML: ${e.message.split('\n')[0] ?? e.code}` });
    }
    return { file, text, data: undefined };
  }
  return { file, text, data: doc.toJS({ maxAliasCount: 100 }) ?? {} };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads everything under `root` (default: this package's folder). Never throws for content problems. */
export function readCatalog(root: string = DEFAULT_CATALOG_DIR): CatalogData {
  const problems: CatalogProblem[] = [];
  const sources = new Map<string, string>();
  const srcDir = join(root, 'sources');
  if (existsSync(srcDir)) {
    for (const f of readdirSync(srcDir).sort()) if (f.endsWith('.txt')) sources.set(f, readFileSync(join(srcDir, f), 'utf8'));
  } else {
    problems.push({ file: 'sources', path: '', message: 'the sources folder is missing' });
  }
  const variablesFile = readYaml(root, join(root, 'variables.yaml'), problems);
  if (!variablesFile) problems.push({ file: 'variables.yaml', path: '', message: 'the shared variables file is missing' });

  const documents: LoadedDocument[] = [];
  const docsDir = join(root, 'documents');
  const keys = existsSync(docsDir) ? readdirSync(docsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  for (const key of keys) {
    const dir = join(docsDir, key);
    const record = readYaml(root, join(dir, 'document.yaml'), problems);
    if (!record) {
      problems.push({ file: relative(root, join(dir, 'document.yaml')), path: '', message: 'document.yaml is missing' });
      continue;
    }
    const rules = readYaml(root, join(dir, 'items.yaml'), problems);
    const cases = readYaml(root, join(dir, 'items.cases.yaml'), problems);
    let data: DocumentFile | null = null;
    if (record.data !== undefined) {
      const shapeProblems = checkShape(record.data, documentFileShape);
      for (const [path, message] of shapeProblems) problems.push({ file: record.file, path, message });
      if (shapeProblems.length === 0) data = record.data as DocumentFile;
    }
    const items: RuleItemView[] = [];
    const variableNames: string[] = [];
    const parameterNames: string[] = [];
    if (rules && isRecord(rules.data)) {
      if (Array.isArray(rules.data.items)) for (const it of rules.data.items) if (isRecord(it) && typeof it.id === 'string') items.push(it as unknown as RuleItemView);
      if (isRecord(rules.data.variables)) variableNames.push(...Object.keys(rules.data.variables));
      if (isRecord(rules.data.parameters)) parameterNames.push(...Object.keys(rules.data.parameters));
    }
    const caseList: CaseView[] = [];
    if (cases && isRecord(cases.data) && Array.isArray(cases.data.cases))
      for (const c of cases.data.cases) if (isRecord(c) && typeof c.item === 'string') caseList.push(c as unknown as CaseView);
    documents.push({ key, dir, record, rules, cases, data, items, caseList, variableNames, parameterNames });
  }
  return { root, sources, variablesFile, documents, problems };
}

export interface CatalogEntryRef {
  document: string;
}

export type MeasureEntry = Measure & CatalogEntryRef;
export type TargetEntry = Target & CatalogEntryRef;
export type TaskEntry = Task & CatalogEntryRef;
export interface ItemEntry extends CatalogEntryRef {
  id: string;
  rule: RuleItemView;
  meta: ItemMeta | undefined;
  cases: CaseView[];
}

/** Flat lists across all documents (documents whose record failed its shape check are left out). */
export function flatten(data: CatalogData): { measures: MeasureEntry[]; targets: TargetEntry[]; tasks: TaskEntry[]; items: ItemEntry[] } {
  const measures: MeasureEntry[] = [];
  const targets: TargetEntry[] = [];
  const tasks: TaskEntry[] = [];
  const items: ItemEntry[] = [];
  for (const d of data.documents) {
    if (!d.data) continue;
    for (const m of d.data.measures) measures.push({ ...m, document: d.key });
    for (const t of d.data.targets) targets.push({ ...t, document: d.key });
    for (const t of d.data.tasks) tasks.push({ ...t, document: d.key });
    for (const it of d.items)
      items.push({ document: d.key, id: it.id, rule: it, meta: d.data.item_meta[it.id], cases: d.caseList.filter((c) => c.item === it.id) });
  }
  return { measures, targets, tasks, items };
}
