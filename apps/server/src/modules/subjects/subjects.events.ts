/** Events the subjects module emits (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** Facts of a profile changed (declared or verified); the finder re-matches the subject. */
    'subject.facts_changed': { subjectId: string; kind: 'enterprise' | 'person'; variables: string[] };
  }
}
export {};
