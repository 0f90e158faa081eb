/** The model around the conditions: variables, parameters, items, inputs and verdicts. */

export interface Text {
  readonly zh: string;
  readonly en: string;
}

export const ENTITIES = ['enterprise', 'person', 'carrier', 'provider', 'institution'] as const;
export type Entity = (typeof ENTITIES)[number];
export const VARIABLE_TYPES = ['boolean', 'integer', 'number', 'money', 'date', 'string', 'enum', 'region', 'string_list'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];
export const PERIODS = ['eternal', 'year', 'month', 'instant'] as const;
export type Period = (typeof PERIODS)[number];
export const BENEFITS = ['subsidy', 'tax_relief', 'fee_relief', 'loan', 'loan_interest_subsidy', 'voucher', 'space', 'reward', 'priority', 'service'] as const;
export type Benefit = (typeof BENEFITS)[number];
export const CAP_KINDS = ['claim', 'subject_year', 'subject', 'product'] as const;
export type CapKind = (typeof CAP_KINDS)[number];

/** A JSON Logic expression as stored in a rule file. */
export type Expr = unknown;

/** Identifier formats a string variable may be written in (checked by values.ts through ValueContext.format). */
export const VALUE_FORMATS = ['credit_code', 'id_number', 'industry'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export interface VariableSpec {
  entity: Entity | Entity[];
  type: VariableType;
  unit?: string | null;
  period: Period;
  label: Text;
  question?: Text;
  values?: { value: string; label: Text }[];
  /** Bounds of an integer, number or money (fen) value; values.ts has defaults. */
  min?: number;
  max?: number;
  /** A string written as a national identifier or code. */
  format?: ValueFormat;
  /** How many days after the date the facts describe a date may lie (default 0: not after it). */
  max_future_days?: number;
  /** Held in the profile (一企一档) of each of its entities that has one (enterprise, person). */
  profile?: boolean;
  /** Personal data of a person: shown only to the person and the officials covering their region. */
  personal?: boolean;
  /**
   * Which way the subject can still move a number, for near misses (FORMAT.md §1): absent, both
   * ways; `increase_only`, it only grows (an age, a running total); `fixed`, not at all (a figure
   * of a closed period). Dates are always fixed.
   */
  direction?: VariableDirection;
}

export const VARIABLE_DIRECTIONS = ['increase_only', 'fixed'] as const;
export type VariableDirection = (typeof VARIABLE_DIRECTIONS)[number];

export interface ParameterValueSpec {
  from: string;
  value: number | string | boolean;
  reference: { source: string; clause?: string; note?: string };
}

export interface ParameterSpec {
  unit?: string | null;
  label: Text;
  values: ParameterValueSpec[];
}

export interface CriterionSpec {
  id: string;
  label: Text;
  rule: Expr;
}

export interface CapSpec {
  per: CapKind;
  amount: Expr;
}

export interface ItemSpec {
  id: string;
  title: Text;
  entity: Entity;
  benefit: Benefit;
  mode: 'apply' | 'automatic';
  region?: string;
  effective: { from: string; to?: string | null };
  criteria: CriterionSpec[];
  /** `up_to: true`: the formula gives the most that can be granted ("最高100万元"), not the amount. */
  amount?: { formula?: Expr; note?: Text; up_to?: boolean };
  caps?: CapSpec[];
  once_per?: 'subject' | 'product';
  excludes?: string[];
  requires_materials?: { id: string; label: Text }[];
  source?: { file: string; clause?: string };
}

export interface CaseSpec {
  name: string;
  item: string;
  date: string;
  facts?: Record<string, unknown>;
  history?: HistoryEntry[];
  product?: string;
  expect: { status: VerdictStatus; amount?: number | null; missing?: string[] };
}

/** One parsed, schema-valid rule file. */
export interface RuleFileContent {
  file: string;
  variables?: Record<string, VariableSpec>;
  parameters?: Record<string, ParameterSpec>;
  items?: ItemSpec[];
  cases?: CaseSpec[];
}

export interface HistoryEntry {
  item: string;
  date: string;
  amount: number;
  product?: string;
}

/** Evaluation input for one subject. `date` is the evaluation date; the engine has no clock. */
export interface EvaluationInput {
  date: string;
  facts: Readonly<Record<string, unknown>>;
  /** Payments already received. Absent means none recorded. */
  history?: readonly HistoryEntry[];
  /** The product a per-product cap or once-per-product rule is keyed by. */
  product?: string;
  /**
   * Names of region codes for the explanations (南宁市青秀区); the engine has no region table.
   * Without it, or for a code it does not know, a sentence says "所选地区" / "the selected region".
   */
  regionName?: (code: string) => Text | undefined;
}

export type CriterionStatus = 'pass' | 'fail' | 'unknown';
export type VerdictStatus = 'eligible' | 'ineligible' | 'unknown' | 'near_miss';

export interface Gap {
  /** How much the left-hand side must move for the criterion to pass, in `unit` (money in yuan). */
  readonly amount: number;
  readonly direction: 'increase' | 'decrease';
  readonly unit: Text;
  readonly text: Text;
  /** When time alone closes the gap: the first day (YYYY-MM-DD) the criterion is met on. */
  readonly metOn?: string;
}

export interface CriterionResult {
  readonly id: string;
  readonly label: Text;
  readonly status: CriterionStatus;
  /** Variables and parameters the criterion read, with their values (dates as YYYY-MM-DD). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly sentence: Text;
  readonly missing: readonly string[];
  /** A failure that can still close: what is still needed (the item is a near miss when it is the only failure). */
  readonly gap?: Gap;
  /** A failure that cannot close (a date in the past, a limit time only moves further from), in plain words. */
  readonly reason?: Text;
}

export interface AmountResult {
  readonly status: 'known' | 'unknown';
  readonly fen: number | null;
  /** True when `fen` is a maximum ("up to"), as the item's `amount.up_to` says. */
  readonly upTo: boolean;
  readonly steps: readonly Text[];
  readonly missing: readonly string[];
  readonly note?: Text;
}

export interface Verdict {
  readonly item: string;
  readonly title: Text;
  readonly mode: 'apply' | 'automatic';
  readonly status: VerdictStatus;
  readonly criteria: readonly CriterionResult[];
  readonly missing: readonly string[];
  readonly amount: AmountResult | null;
  readonly gap?: Gap;
  /** Other eligible items this one cannot be granted together with. */
  readonly conflicts: readonly string[];
}
