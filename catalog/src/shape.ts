/**
 * A small structural checker for the catalogue's own files (document.yaml). Every problem names the
 * JSON path; unknown keys are errors, as in rule files.
 */

export type Shape =
  | { kind: 'string'; nullable?: boolean; pattern?: RegExp }
  | { kind: 'number'; nullable?: boolean }
  | { kind: 'boolean' }
  | { kind: 'date'; nullable?: boolean }
  | { kind: 'enum'; values: readonly string[]; nullable?: boolean }
  | { kind: 'array'; of: Shape }
  | { kind: 'map'; of: Shape }
  | { kind: 'object'; fields: Record<string, Shape>; optional?: readonly string[]; nullable?: boolean }
  | { kind: 'any' };

export const str = (pattern?: RegExp): Shape => ({ kind: 'string', pattern });
export const strOrNull: Shape = { kind: 'string', nullable: true };
export const num: Shape = { kind: 'number' };
export const numOrNull: Shape = { kind: 'number', nullable: true };
export const bool: Shape = { kind: 'boolean' };
export const date: Shape = { kind: 'date' };
export const dateOrNull: Shape = { kind: 'date', nullable: true };
export const oneOf = (values: readonly string[], nullable = false): Shape => ({ kind: 'enum', values, nullable });
export const arr = (of: Shape): Shape => ({ kind: 'array', of });
export const map = (of: Shape): Shape => ({ kind: 'map', of });
export const obj = (fields: Record<string, Shape>, optional: readonly string[] = [], nullable = false): Shape => ({
  kind: 'object',
  fields,
  optional,
  nullable,
});
export const any: Shape = { kind: 'any' };
export const text: Shape = obj({ zh: str(/\S/), en: str(/\S/) });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(v: unknown): boolean {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function pointer(path: readonly (string | number)[]): string {
  return path.length === 0 ? '' : '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** Returns one message per problem, each as [json pointer, message]. */
export function checkShape(value: unknown, shape: Shape, path: (string | number)[] = []): [string, string][] {
  const out: [string, string][] = [];
  const at = pointer(path);
  const nullable = 'nullable' in shape && shape.nullable === true;
  if (value === null || value === undefined) {
    if (nullable || shape.kind === 'any') return out;
    out.push([at, 'required value is missing or null']);
    return out;
  }
  switch (shape.kind) {
    case 'any':
      return out;
    case 'string':
      if (typeof value !== 'string') out.push([at, `expected a string, got ${JSON.stringify(value)}`]);
      else if (shape.pattern && !shape.pattern.test(value)) out.push([at, `"${value}" does not match ${String(shape.pattern)}`]);
      return out;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push([at, `expected a number, got ${JSON.stringify(value)}`]);
      return out;
    case 'boolean':
      if (typeof value !== 'boolean') out.push([at, `expected true or false, got ${JSON.stringify(value)}`]);
      return out;
    case 'date':
      if (!isDate(value)) out.push([at, `expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`]);
      return out;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value))
        out.push([at, `expected one of ${shape.values.join(' | ')}, got ${JSON.stringify(value)}`]);
      return out;
    case 'array':
      if (!Array.isArray(value)) {
        out.push([at, 'expected a list']);
        return out;
      }
      value.forEach((v, i) => out.push(...checkShape(v, shape.of, [...path, i])));
      return out;
    case 'map':
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push([at, 'expected a mapping']);
        return out;
      }
      const rec = value as Record<string, unknown>;
      if (shape.kind === 'map') {
        for (const [k, v] of Object.entries(rec)) out.push(...checkShape(v, shape.of, [...path, k]));
        return out;
      }
      for (const k of Object.keys(rec)) if (!(k in shape.fields)) out.push([pointer([...path, k]), `unknown key "${k}"`]);
      for (const [k, s] of Object.entries(shape.fields)) {
        if (!(k in rec)) {
          if (!(shape.optional ?? []).includes(k)) out.push([pointer([...path, k]), `missing key "${k}"`]);
          continue;
        }
        out.push(...checkShape(rec[k], s, [...path, k]));
      }
      return out;
    }
  }
}
