/**
 * The workflow as data. Each item has an ordered list of stages (defaults by application mode,
 * overridable per item in fulfilment_workflows); each stage names who may act (a role in the
 * item's lead department, or in the finance department) and its deadline in working days or
 * calendar days. The statuses and legal transitions live in fulfilment_transitions, which a
 * database trigger enforces; the service additionally keeps each application to its own item's
 * stage order.
 */
import type { Permission } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import { WEEKDAYS, type WorkingCalendar } from '../calendar/index.js';
import type { Rubric } from '../review/index.js';
import type { Text } from './policy-source.js';

export const STAGE_ORDER = [
  'acceptance',
  'first_review',
  'expert_review',
  'approval',
  'publicity',
  'payment',
] as const;
export type StageKey = (typeof STAGE_ORDER)[number];
export type Status = StageKey | 'returned' | 'withdrawn' | 'rejected' | 'closed';
/** Ended without anything paid: withdrawn by the applicant or refused by the department. */
export const REFUSED: readonly Status[] = ['withdrawn', 'rejected'];
export const TERMINAL: readonly Status[] = [...REFUSED, 'closed'];

/** What moves an application from one status to another. */
export type Action =
  | 'accept'
  | 'pass'
  | 'return'
  | 'reject'
  | 'withdraw'
  | 'resubmit'
  | 'approve'
  | 'conclude'
  | 'revoke'
  | 'pay';

/**
 * The legal transitions, once: the rows of `fulfilment_transitions`, which a database trigger
 * enforces on every status change (a test keeps the two equal). Who may take an action is
 * `allowedActions`' business; whether it exists at a status is this table's. Rows of one status
 * are in the order actions are offered.
 */
export const TRANSITIONS: readonly (readonly [from: Status, action: Action, to: Status])[] = [
  ['acceptance', 'accept', 'first_review'],
  ['acceptance', 'accept', 'expert_review'],
  ['acceptance', 'accept', 'approval'],
  ['acceptance', 'return', 'returned'],
  ['acceptance', 'reject', 'rejected'],
  ['acceptance', 'withdraw', 'withdrawn'],
  ['first_review', 'pass', 'expert_review'],
  ['first_review', 'pass', 'approval'],
  ['first_review', 'return', 'returned'],
  ['first_review', 'reject', 'rejected'],
  ['first_review', 'withdraw', 'withdrawn'],
  ['expert_review', 'pass', 'approval'],
  ['expert_review', 'return', 'returned'],
  ['expert_review', 'reject', 'rejected'],
  ['expert_review', 'withdraw', 'withdrawn'],
  ['returned', 'withdraw', 'withdrawn'],
  ['returned', 'resubmit', 'acceptance'],
  ['approval', 'approve', 'publicity'],
  ['approval', 'return', 'returned'],
  ['approval', 'reject', 'rejected'],
  ['publicity', 'conclude', 'payment'],
  ['publicity', 'conclude', 'closed'],
  ['publicity', 'revoke', 'rejected'],
  ['payment', 'pay', 'closed'],
];

/** The actions that exist at a status, in the order they are offered. */
export function actionsFrom(status: Status): Action[] {
  return [...new Set(TRANSITIONS.filter(([from]) => from === status).map(([, action]) => action))];
}

export interface StageDefinition {
  key: StageKey;
  /** Role that acts; null for publicity (the public objects, an officer concludes). */
  role: 'officer' | 'reviewer' | 'finance' | null;
  department: 'lead' | 'finance';
  deadline: { days: number; working: boolean } | null;
}

/**
 * What the role a stage names must hold, in the department that acts: a stage definition (data,
 * overridable per item) names the role; access is checked by the permission it stands for.
 */
export const STAGE_PERMISSION: Readonly<Record<NonNullable<StageDefinition['role']>, Permission>> = {
  officer: 'fulfilment.handle',
  reviewer: 'fulfilment.decide',
  finance: 'fulfilment.pay',
};

/** The rubric of an item's expert review (the review module's). */
export type AssessmentDefinition = Rubric;

export interface WorkflowDefinition {
  stages: StageDefinition[];
  publicityDays: number;
  assessment: AssessmentDefinition | null;
}

export const STATUS_LABELS: Record<Status, Text> = {
  acceptance: { zh: '受理', en: 'Acceptance' },
  first_review: { zh: '初审', en: 'First review' },
  expert_review: { zh: '专家评审', en: 'Expert review' },
  approval: { zh: '批复', en: 'Approval' },
  publicity: { zh: '公示', en: 'Publicity' },
  payment: { zh: '拨付', en: 'Payment' },
  returned: { zh: '退回补正', en: 'Returned for amendment' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  rejected: { zh: '不予支持', en: 'Rejected' },
  closed: { zh: '已办结', en: 'Closed' },
};

const stage = (
  key: StageKey,
  role: StageDefinition['role'],
  days: number | null,
  working = true,
  department: 'lead' | 'finance' = 'lead',
): StageDefinition => ({
  key,
  role,
  department,
  deadline: days === null ? null : { days, working },
});

export const DEFAULT_PUBLICITY_DAYS = 7;

export const DEFAULT_ASSESSMENT: AssessmentDefinition = {
  minAssessors: 2,
  criteria: [
    { id: 'merit', label: { zh: '项目水平与创新性', en: 'Merit and innovation' }, max: 40 },
    { id: 'evidence', label: { zh: '材料真实完整', en: 'Evidence complete and genuine' }, max: 30 },
    { id: 'impact', label: { zh: '经济社会效益', en: 'Economic and social benefit' }, max: 30 },
  ],
  outlierPoints: 20,
};

/** Defaults by mode: applications start at acceptance; pending awards (免申即享) at approval. */
export function defaultWorkflow(mode: 'apply' | 'automatic'): WorkflowDefinition {
  const tail = [
    stage('approval', 'reviewer', 5),
    stage('publicity', null, null),
    stage('payment', 'finance', 15, true, 'finance'),
  ];
  return {
    stages:
      mode === 'apply'
        ? [stage('acceptance', 'officer', 5), stage('first_review', 'reviewer', 10), ...tail]
        : tail,
    publicityDays: DEFAULT_PUBLICITY_DAYS,
    assessment: null,
  };
}

/** An item's stored override merged over the defaults; an expert-review stage brings an assessment. */
export function workflowFor(
  mode: 'apply' | 'automatic',
  stored: Partial<WorkflowDefinition> | null,
): WorkflowDefinition {
  const base = defaultWorkflow(mode);
  if (!stored) return base;
  const stages = (stored.stages ?? base.stages).filter(
    (s) => mode === 'apply' || !['acceptance', 'first_review', 'expert_review'].includes(s.key),
  );
  const hasExpert = stages.some((s) => s.key === 'expert_review');
  return {
    stages: [...stages].sort((a, b) => STAGE_ORDER.indexOf(a.key) - STAGE_ORDER.indexOf(b.key)),
    publicityDays: stored.publicityDays ?? base.publicityDays,
    assessment: hasExpert ? (stored.assessment ?? DEFAULT_ASSESSMENT) : null,
  };
}

/** The stage that follows `current` in this workflow (skipping payment when nothing is to be paid). */
export function nextStage(def: WorkflowDefinition, current: StageKey, payable: boolean): StageKey | 'closed' {
  const keys = def.stages.map((s) => s.key).filter((k) => k !== 'payment' || payable);
  const i = keys.indexOf(current);
  return keys[i + 1] ?? 'closed';
}

export const firstStage = (def: WorkflowDefinition): StageKey => def.stages[0]!.key;

export const stageOf = (def: WorkflowDefinition, key: string): StageDefinition | undefined =>
  def.stages.find((s) => s.key === key);

/**
 * The due date of a stage entered on `from`. Working days are counted on the working calendar
 * (Monday–Friday except the holidays of the year's arrangement, plus the weekend days worked in
 * exchange: the calendar module); without one, Monday to Friday.
 */
export function dueDate(
  from: string,
  deadline: StageDefinition['deadline'],
  calendar: WorkingCalendar = WEEKDAYS,
): string | null {
  if (!deadline) return null;
  if (!deadline.working) return addDays(from, deadline.days);
  let d = from;
  let left = deadline.days;
  while (left > 0) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) left--;
  }
  return d;
}
