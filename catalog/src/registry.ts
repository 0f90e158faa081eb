/**
 * The registry of variables: catalog/variables.yaml, as the engine's schema reads it. What a
 * value of each shared variable may be (type, bounds, values, format) and which facts a subject's
 * profile holds; packages/rules/src/values.ts checks values against it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleFile, type VariableSpec } from '@seedbed/rules';
import { DEFAULT_CATALOG_DIR } from './load.js';

export type RegisteredVariable = VariableSpec & { readonly name: string };

const read = new Map<string, ReadonlyMap<string, RegisteredVariable>>();

/** The shared variables by name (read once per folder; default: this package). */
export function variableRegistry(root: string = DEFAULT_CATALOG_DIR): ReadonlyMap<string, RegisteredVariable> {
  let registry = read.get(root);
  if (!registry) {
    const file = parseRuleFile(readFileSync(join(root, 'variables.yaml'), 'utf8'), 'variables.yaml');
    registry = new Map(Object.entries(file.variables ?? {}).map(([name, spec]) => [name, { ...spec, name }]));
    read.set(root, registry);
  }
  return registry;
}

const declared = new Map<string, ReadonlyMap<string, RegisteredVariable>>();

/**
 * Every variable the catalogue declares: the shared ones, then each document's own (its rule file's
 * `variables`), by name. An organisation's profile (carrier, provider, institution) holds the facts
 * of its entity wherever they are declared: they are mostly document-specific (a city's recognition,
 * a year's figures), so the shared registry alone would leave such a profile empty.
 */
export function declaredVariableRegistry(root: string = DEFAULT_CATALOG_DIR): ReadonlyMap<string, RegisteredVariable> {
  let all = declared.get(root);
  if (!all) {
    const out = new Map(variableRegistry(root));
    const documents = join(root, 'documents');
    for (const key of readdirSync(documents).sort()) {
      const path = join(documents, key, 'items.yaml');
      if (!existsSync(path)) continue;
      const file = parseRuleFile(readFileSync(path, 'utf8'), path);
      for (const [name, spec] of Object.entries(file.variables ?? {})) if (!out.has(name)) out.set(name, { ...spec, name });
    }
    all = out;
    declared.set(root, all);
  }
  return all;
}
