/**
 * Errors of the rules engine. Every problem names where it comes from (file, JSON path, item,
 * criterion) so that a policy author can fix the rule file without reading engine code.
 */

export interface RuleProblem {
  /** Rule file name, when the problem comes from a file. */
  readonly file?: string;
  /** JSON path inside the file or the expression, e.g. `/items/0/criteria/2/rule`. */
  readonly path?: string;
  /** Benefit item id, when known. */
  readonly item?: string;
  /** Criterion id, when known. */
  readonly criterion?: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** Line/column of a YAML syntax error (1-based). */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

function describe(p: RuleProblem): string {
  const where: string[] = [];
  if (p.file !== undefined) where.push(p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file);
  if (p.item !== undefined) where.push(`item ${p.item}`);
  if (p.criterion !== undefined) where.push(`criterion ${p.criterion}`);
  if (p.path !== undefined && p.path !== '') where.push(`at ${p.path}`);
  const value = p.value === undefined ? '' : ` (value: ${safeJson(p.value)})`;
  return `${where.length > 0 ? where.join(' ') + ': ' : ''}${p.message}${value}`;
}

export function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 200 ? s.slice(0, 197) + '...' : s;
  } catch {
    return String(v);
  }
}

/** One problem with a rule file, a catalogue or an evaluation input. */
export class RuleError extends Error {
  readonly problem: RuleProblem;
  readonly problems: readonly RuleProblem[];
  constructor(problem: RuleProblem | readonly RuleProblem[]) {
    const list: readonly RuleProblem[] = Array.isArray(problem) ? problem : [problem as RuleProblem];
    const first = list[0] ?? { message: 'unknown rule error' };
    super(list.length === 1 ? describe(first) : `${list.length} problems:\n` + list.map((p) => '  - ' + describe(p)).join('\n'));
    this.name = 'RuleError';
    this.problem = first;
    this.problems = list;
  }
  get file(): string | undefined {
    return this.problem.file;
  }
  get path(): string | undefined {
    return this.problem.path;
  }
}

/**
 * An error raised by JSON Logic semantics itself (`NaN`, `Invalid Arguments`, a `throw`).
 * The conformance suites expect these by `type`; `try` catches only these.
 */
export class LogicError extends Error {
  readonly type: string;
  readonly payload: unknown;
  constructor(type: string, payload?: unknown, detail?: string) {
    super(detail ?? type);
    this.name = 'LogicError';
    this.type = type;
    this.payload = payload ?? { type };
  }
}

export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
