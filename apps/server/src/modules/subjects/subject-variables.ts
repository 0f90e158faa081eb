/**
 * The facts a subject profile (一企一档) holds: the registry's variables (catalog/variables.yaml)
 * marked `profile: true`, under the names the rules engine reads, so a profile can be evaluated
 * as it stands. Which of them are a person's personal data is the registry's `personal` flag.
 */
import type { ProfileVariableList } from '@seedbed/contract';
import { declaredVariableRegistry, variableRegistry, type RegisteredVariable } from '@seedbed/catalog';

export type SubjectVariable = RegisteredVariable;

/** A fact's type as the profile reports it: the identifier format where there is one (credit_code, id_number, industry), else the value type. */
export const factType = (variable: SubjectVariable): string => variable.format ?? variable.type;

const entitiesOf = (v: SubjectVariable): readonly string[] => (Array.isArray(v.entity) ? v.entity : [v.entity]);

/**
 * The organisations' kinds of profile (载体, 服务机构, 院所/金融机构). Their facts are mostly declared by
 * one document (a city's recognition, a year's figures): such a profile holds every variable the
 * catalogue declares for its entity. Enterprises and persons hold the registry's `profile: true` ones.
 */
export const ORGANISATION_PROFILE_KINDS: ReadonlySet<string> = new Set(['carrier', 'provider', 'institution']);

const holds = (kind: string, v: SubjectVariable): boolean =>
  entitiesOf(v).includes(kind) && (v.profile === true || ORGANISATION_PROFILE_KINDS.has(kind));

const registryOf = (kind: string) => (ORGANISATION_PROFILE_KINDS.has(kind) ? declaredVariableRegistry() : variableRegistry());

/** The profile's variables of each kind of subject. */
export function subjectVariables(kind: string): SubjectVariable[] {
  return [...registryOf(kind).values()].filter((v) => holds(kind, v));
}

export function variableFor(kind: string, name: string): SubjectVariable | undefined {
  const v = registryOf(kind).get(name);
  return v && holds(kind, v) ? v : undefined;
}

/** Whether a fact is a person's personal data: shown only to the person and the officials covering their region. */
export const isPersonalFact = (name: string): boolean => variableRegistry().get(name)?.personal === true;

/** Every variable a profile holds, as the API serves the registry to the web. */
export function profileVariableList(): ProfileVariableList {
  return {
    items: [...declaredVariableRegistry().values()]
      .filter((v) => v.profile === true || entitiesOf(v).some((e) => ORGANISATION_PROFILE_KINDS.has(e)))
      .map((v) => ({
        name: v.name,
        entity: [...entitiesOf(v)].filter((e) => v.profile === true || ORGANISATION_PROFILE_KINDS.has(e)),
        type: v.type,
        format: v.format ?? null,
        unit: v.unit ?? null,
        label: v.label,
        values: v.values ? v.values.map((x) => ({ value: x.value, label: x.label })) : null,
        min: v.min ?? null,
        max: v.max ?? null,
        maxFutureDays: v.max_future_days ?? null,
        personal: v.personal === true,
      })),
  };
}
