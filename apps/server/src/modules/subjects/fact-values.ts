/**
 * The server's one check of a fact's value, for the profile, the eligibility check and
 * applications alike: the rules engine's checkValue (packages/rules/src/values.ts) against the
 * variable's definition in the registry, with the identifier formats the engine does not know
 * (GB 32100 credit codes, GB 11643 ID numbers, GB/T 4754 industry codes). The error names the field.
 */
import { checkValue, type ValueContext, type ValueProblem, type ValueSpec } from '@seedbed/rules';
import { creditCodeProblem, idNumberProblem, type FieldError } from '@seedbed/contract';
import { fieldError } from '../../platform/problems.js';
import { isIndustryCode } from '../regions/index.js';

const CREDIT_CODE_TEXT: Record<string, [string, string]> = {
  length: ['应为18位', 'must be 18 characters long'],
  characters: ['含有不允许的字符（不使用 I、O、S、V、Z）', 'contains characters that are not allowed (I, O, S, V, Z are never used)'],
  check_character: ['校验码不正确', 'has a wrong check character (GB 32100-2015)'],
};

const ID_NUMBER_TEXT: Record<string, [string, string]> = {
  length: ['应为18位', 'must be 18 characters long'],
  characters: ['应为17位数字加1位数字或X', 'must be 17 digits and a digit or X'],
  date: ['出生日期无效', 'contains an impossible birth date'],
  check_character: ['校验码不正确', 'has a wrong check character'],
};

function creditCodeText(problem: string): ValueProblem {
  const [zh, en] = CREDIT_CODE_TEXT[problem] ?? CREDIT_CODE_TEXT.characters!;
  return { rule: problem === 'check_character' ? 'check_character' : 'format:credit_code', zh: `统一社会信用代码${zh}`, en: `The unified social credit code ${en}` };
}

/** What is wrong with a credit code (creditCodeProblem's answer), as a field error. */
export function creditCodeError(field: string, problem: string): FieldError {
  const p = creditCodeText(problem);
  return fieldError(field, p.rule, p.zh, p.en);
}

/** The identifier formats of the registry (VariableSpec.format). */
export function identifierProblem(format: NonNullable<ValueSpec['format']>, value: string): ValueProblem | null {
  switch (format) {
    case 'credit_code': {
      const problem = creditCodeProblem(value);
      return problem ? creditCodeText(problem) : null;
    }
    case 'id_number': {
      const problem = idNumberProblem(value);
      if (!problem) return null;
      const [zh, en] = ID_NUMBER_TEXT[problem]!;
      return { rule: problem === 'check_character' ? 'check_character' : 'format:id_number', zh: `身份证号码${zh}`, en: `The ID number ${en}` };
    }
    case 'industry':
      return isIndustryCode(value) ? null : { rule: 'format:industry', zh: '不是有效的国民经济行业分类代码（如 I65）', en: 'is not a GB/T 4754 industry code (e.g. I65)' };
  }
}

/** Checks one value of a variable; the field error, or null when the value is acceptable. */
export function checkFactValue(field: string, spec: ValueSpec, value: unknown, ctx: Omit<ValueContext, 'format'> = {}): FieldError | null {
  const problem = checkValue(spec, value, { ...ctx, format: identifierProblem });
  return problem ? fieldError(field, problem.rule, problem.zh, problem.en) : null;
}
