import { describe, expect, it } from 'vitest';
import { checkValue } from '@seedbed/rules/values';
import { groupsFor, inputFor } from './fact-fields';
import type { ProfileVariable } from './subjects.api';

const v = (name: string, type: string, extra: Partial<ProfileVariable> = {}): ProfileVariable => ({
  name,
  entity: ['enterprise'],
  type,
  format: null,
  unit: null,
  label: { zh: name, en: name },
  values: null,
  min: null,
  max: null,
  maxFutureDays: null,
  personal: false,
  ...extra,
});

const REGISTRY: ProfileVariable[] = [
  v('credit_code', 'string', { format: 'credit_code' }),
  v('employees', 'integer', { unit: '人', min: 0, max: 10_000_000, label: { zh: '从业人员', en: 'Employees' } }),
  v('founded_on', 'date'),
  v('industry', 'string', { format: 'industry' }),
  v('gender', 'enum', { entity: ['person'], values: [{ value: 'female', label: { zh: '女', en: 'Female' } }] }),
  v('region', 'region', { entity: ['enterprise', 'person'] }),
];

describe('profile fields from the registry', () => {
  it('takes the input from the format, else the type', () => {
    expect(REGISTRY.map((x) => inputFor(x))).toEqual(['creditCode', 'integer', 'date', 'industry', 'choice', 'region']);
    expect(inputFor(v('enterprise_name', 'string'))).toBe('text');
  });

  it('groups only the variables the registry holds for the kind, with its labels, unit and values', () => {
    const enterprise = groupsFor('enterprise', REGISTRY).flatMap((g) => g.fields);
    expect(enterprise.map((f) => f.variable)).toEqual(['credit_code', 'founded_on', 'region', 'industry', 'employees']);
    const employees = enterprise.find((f) => f.variable === 'employees')!;
    expect(employees.label).toEqual({ zh: '从业人员（人）', en: 'Employees' });
    expect(checkValue(employees.spec, 10_000_001)?.rule).toBe('type:integer');
    expect(checkValue(employees.spec, 18)).toBeNull();
    const person = groupsFor('person', REGISTRY).flatMap((g) => g.fields);
    expect(person.map((f) => f.variable)).toEqual(['gender', 'region']);
    expect(person[0]!.options).toEqual([{ value: 'female', label: { zh: '女', en: 'Female' } }]);
    expect(checkValue(person[0]!.spec, 'male')?.rule).toBe('enum');
  });
});
