/** Rule files: YAML text → schema-valid object, or a RuleError naming the file and JSON path. */
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { RuleError, type RuleProblem } from './errors.js';
import { ruleFileSchema } from './schema.js';
import type { RuleFileContent } from './types.js';

const ajv = new Ajv({ allErrors: true, jsonPointers: true, verbose: true });
const validate = ajv.compile(ruleFileSchema);

interface AjvErr {
  keyword: string;
  dataPath: string;
  message?: string;
  params: Record<string, unknown>;
  data?: unknown;
}

/** Turns ajv's errors into problems a policy author can act on; `anyOf` noise is dropped in favour of the specific error. */
function toProblems(fileName: string, errors: readonly AjvErr[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let path = e.dataPath;
    let message = e.message ?? e.keyword;
    let value: unknown = e.data;
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      path = `${path}/${key}`;
      message = `unknown key "${key}"`;
      value = undefined;
    } else if (
      e.keyword === 'propertyNames' ||
      (e.keyword === 'enum' && errors.some((o) => o.keyword === 'propertyNames' && o.dataPath === e.dataPath))
    ) {
      continue;
    } else if (e.keyword === 'anyOf' || e.keyword === 'type' || e.keyword === 'maxProperties' || e.keyword === 'minProperties') {
      // Reported below when nothing more specific was found at the same place.
      continue;
    }
    const key = `${path}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ file: fileName, path, message, value });
    }
  }
  for (const e of errors) {
    if (e.keyword === 'propertyNames' || typeof e.params.propertyName === 'string') {
      const name = String(e.params.propertyName ?? '');
      const isExprObject = e.dataPath.includes('/rule') || e.dataPath.includes('/formula') || e.dataPath.includes('/amount');
      const problem = isExprObject ? `unknown operator "${name}"` : `invalid name "${name}"`;
      const key = `${e.dataPath}/${name}|${problem}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ file: fileName, path: `${e.dataPath}/${name}`, message: problem });
      }
    }
  }
  // Structural errors of an expression come as an anyOf with one failure per branch; say the
  // most specific thing once per place.
  const rank = ['maxProperties', 'minProperties', 'type', 'anyOf'];
  const byPath = new Map<string, AjvErr>();
  for (const e of errors) {
    if (!rank.includes(e.keyword) || out.some((p) => p.path?.startsWith(e.dataPath))) continue;
    const prev = byPath.get(e.dataPath);
    if (!prev || rank.indexOf(e.keyword) < rank.indexOf(prev.keyword)) byPath.set(e.dataPath, e);
  }
  for (const [path, e] of byPath) {
    const message =
      e.keyword === 'maxProperties'
        ? 'an operation must have exactly one operator key'
        : e.keyword === 'minProperties'
          ? 'an empty object is not an expression'
          : (e.message ?? e.keyword);
    out.push({ file: fileName, path, message, value: e.data });
  }
  return out;
}

export function parseRuleFile(text: string, fileName: string): RuleFileContent {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RuleError(
      doc.errors.map((e) => ({
        file: fileName,
        line: e.linePos?.[0]?.line,
        column: e.linePos?.[0]?.col,
        message: `YAML: ${e.message.split('\n')[0] ?? e.code}`,
      })),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (!validate(data)) throw new RuleError(toProblems(fileName, (validate.errors ?? []) as unknown as AjvErr[]));
  return { ...(data as Omit<RuleFileContent, 'file'>), file: fileName };
}
