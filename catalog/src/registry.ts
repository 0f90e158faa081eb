/**
 * The registry of variables: catalog/variables.yaml, as the engine's schema reads it. What a
 * value of each shared variable may be (type, bounds, values, format) and which facts a subject's
 * profile holds; packages/rules/src/values.ts checks values against it.
 */
import { readFileSync } from 'node:fs';
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
