/** The finder's API: the anonymous check, a subject's matches, variables, simulations. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Localised } from '../../app/i18n';

export interface Variable {
  name: string;
  entity: string[];
  type: string;
  unit: string | null;
  label: Localised;
  question: Localised | null;
  values?: { value: string; label: Localised }[];
}

export interface Criterion {
  id: string;
  label: Localised;
  status: 'pass' | 'fail' | 'unknown';
  sentence: Localised;
  missing: string[];
  gap?: { text: Localised };
}

export interface ItemVerdict {
  id: string;
  version: number;
  title: Localised;
  entity: string;
  benefit: string;
  mode: 'apply' | 'automatic';
  regionCode: string | null;
  leadUnit: string | null;
  document: { key: string; title: Localised; number: string | null };
  status: 'eligible' | 'ineligible' | 'near_miss' | 'unknown';
  criteria: Criterion[];
  amount: { status: 'known' | 'unknown'; fen: number | null; steps: Localised[]; missing: string[]; note?: Localised } | null;
  gap?: { text: Localised };
  missing: { variable: string; label: Localised }[];
  conflicts: string[];
}

export interface Question {
  variable: string;
  type: string;
  unit: string | null;
  label: Localised;
  question: Localised;
  values?: { value: string; label: Localised }[];
  decides: number;
}

export interface CheckResult {
  date: string;
  region: string | null;
  entity: string | null;
  summary: { eligible: number; nearMiss: number; unknown: number; ineligible: number; totalFen: number; totalIsLowerBound: boolean };
  items: ItemVerdict[];
  questions: Question[];
}

export interface CheckRequest {
  profile: Record<string, unknown>;
  region?: string;
  date?: string;
  entity?: string;
  /** The interface language: texts come in that language only (half the bytes on a phone). */
  lang?: 'zh' | 'en';
}

export const useVariables = () =>
  useQuery({ queryKey: ['finder', 'variables'], queryFn: () => api.get<{ items: Variable[] }>('/eligibility/variables'), staleTime: 5 * 60_000 });

/** The calculator shows every item with its explained criteria (printable), so it asks for the full form. */
export const useCheck = (request: CheckRequest | null) =>
  useQuery({
    queryKey: ['finder', 'check', request],
    queryFn: () => api.post<CheckResult>('/eligibility/check', { ...request, detail: 'full' }),
    enabled: request !== null,
    placeholderData: (previous) => previous,
  });

export const useMatches = (subjectId: string) =>
  useQuery({
    queryKey: ['finder', 'matches', subjectId],
    queryFn: () => api.get<CheckResult & { subject: { id: string; kind: string; name: string; regionCode: string | null }; profile: Record<string, unknown> }>(`/finder/subjects/${subjectId}/matches`),
  });

export interface Tally {
  eligible: number;
  nearMiss: number;
  unknown: number;
  ineligible: number;
  amountFen: number;
  amountUnknown: number;
}
export interface SimulationSide {
  version: number;
  total: Tally;
  nearMissByCriterion: Record<string, number>;
  byDistrict: (Tally & { region: string; name: string | null })[];
}
export interface Simulation {
  id: string;
  itemId: string;
  version: number;
  baseVersion: number | null;
  date: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error: string | null;
  createdAt: string;
  result: { rows: number; elapsedMs: number; draft: SimulationSide; current: SimulationSide | null } | null;
}

/** What a version of a policy item carries besides its rule: where it comes from and who runs it. */
export interface PolicyMeta {
  measure?: string | null;
  clause: string | null;
  quote: string;
  leadUnit: string | null;
  supportingUnits: string[];
}

/** One version of a policy item (GET /policies/:id/versions, /policy-drafts). */
export interface VersionView {
  itemId: string;
  version: number;
  status: string;
  spec: unknown;
  parameters: Record<string, unknown>;
  meta?: PolicyMeta;
  note: string;
  createdAt: string;
  publishedAt: string | null;
}

/** A source document new items can be created from (GET /policy-documents). */
export interface PolicyDocument {
  key: string;
  title: Localised;
  number: string | null;
  region: string;
  issuedOn: string | null;
}

/** 元 with two decimals from fen. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
