/** Events the subjects module emits (see platform/events.ts). */
import type { SubjectKind } from './subjects.tables.js';
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** Facts of a profile changed (declared or verified); the finder re-matches the subject. */
    'subject.facts_changed': { subjectId: string; kind: SubjectKind; variables: string[] };
  }
}
export {};
