/**
 * The facts a subject profile (一企一档) holds: the registry's variables (catalog/variables.yaml)
 * marked `profile: true`, under the names the rules engine reads, so a profile can be evaluated
 * as it stands. Which of them are a person's personal data is the registry's `personal` flag.
 */
import type { ProfileVariableList } from '@seedbed/contract';
import { variableRegistry, type RegisteredVariable } from '@seedbed/catalog';

export type SubjectVariable = RegisteredVariable;

/** A fact's type as the profile reports it: the identifier format where there is one (credit_code, id_number, industry), else the value type. */
export const factType = (variable: SubjectVariable): string => variable.format ?? variable.type;

const entitiesOf = (v: SubjectVariable): readonly string[] => (Array.isArray(v.entity) ? v.entity : [v.entity]);

/** The profile's variables of each kind of subject (enterprise, person). */
export function subjectVariables(kind: string): SubjectVariable[] {
  return [...variableRegistry().values()].filter((v) => v.profile === true && entitiesOf(v).includes(kind));
}

export function variableFor(kind: string, name: string): SubjectVariable | undefined {
  const v = variableRegistry().get(name);
  return v && v.profile === true && entitiesOf(v).includes(kind) ? v : undefined;
}

/** Whether a fact is a person's personal data: shown only to the person and the officials covering their region. */
export const isPersonalFact = (name: string): boolean => variableRegistry().get(name)?.personal === true;

/** Every variable a profile holds, as the API serves the registry to the web. */
export function profileVariableList(): ProfileVariableList {
  return {
    items: [...variableRegistry().values()]
      .filter((v) => v.profile === true)
      .map((v) => ({
        name: v.name,
        entity: [...entitiesOf(v)],
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
