/**
 * Check characters of the two national identifiers Seedbed validates everywhere: the unified
 * social credit code of an organisation (GB 32100-2015) and the resident identity card number
 * of a person (GB 11643-1999). Pure functions, shared by the server and the web app.
 */

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Weights for positions 1–17: 3^(i-1) mod 31.
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a credit code, or null if one is not allowed. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

export type IdentifierProblem = 'length' | 'characters' | 'check_character' | 'date';

/** Validates a unified social credit code; returns null when valid, else what is wrong. */
export function creditCodeProblem(code: string): IdentifierProblem | null {
  if (code.length !== 18) return 'length';
  if (![...code].every((c) => CREDIT_CODE_ALPHABET.includes(c))) return 'characters';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check_character';
}

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(code) === null;

/** Positions 3–8 of a credit code: the registering authority's GB/T 2260 region code. */
export const creditCodeRegion = (code: string): string => code.slice(2, 8);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Validates an 18-character resident identity card number, including its birth date. */
export function idNumberProblem(raw: string): IdentifierProblem | null {
  const id = raw.toUpperCase();
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birth) || birth < '1900-01-01') return 'date';
  return idNumberCheckCharacter(id.slice(0, 17)) === id[17] ? null : 'check_character';
}

export const isValidIdNumber = (id: string): boolean => idNumberProblem(id) === null;

/** Birth date (YYYY-MM-DD) encoded in a valid ID number. */
export const idNumberBirthDate = (id: string): string =>
  `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

/** Masks an ID number for lists and exports: region prefix and last four kept. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
