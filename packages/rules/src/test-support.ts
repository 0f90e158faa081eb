/** Shared by the tests: the fixture catalogue under test/fixtures. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCatalog, type Catalog } from './catalog.js';
import { parseRuleFile } from './parser.js';
import type { RuleFileContent } from './types.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

export function fixture(name: string): RuleFileContent {
  return parseRuleFile(readFileSync(join(FIXTURES, name), 'utf8'), name);
}

export function variablesFile(): RuleFileContent {
  return fixture('variables.yaml');
}

export function demoCatalog(): Catalog {
  return compileCatalog([variablesFile(), fixture('demo.yaml')]);
}

/** A one-item catalogue over the fixture variables, for operator tests. */
export function catalogWith(criteria: Record<string, unknown>, extra: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}): Catalog {
  const item = {
    id: 't.item',
    title: { zh: '测试', en: 'Test' },
    entity: 'enterprise',
    benefit: 'subsidy',
    mode: 'apply',
    effective: { from: '2000-01-01' },
    criteria: Object.entries(criteria).map(([id, rule]) => ({ id, label: { zh: id, en: id }, rule })),
    ...extra,
  };
  return compileCatalog([variablesFile(), parseRuleFile(JSON.stringify({ items: [item], parameters }), 't.yaml')]);
}
