/**
 * Money is integer fen (分) on the wire; people read and type it in 元 or 万元. Conversion is done
 * on decimal strings with BigInt so that no amount is ever rounded by floating point.
 */

export type MoneyUnit = 'yuan' | 'wan';

/** Fen per unit, and the decimals a unit can carry without losing a fen. */
const UNITS: Record<MoneyUnit, { fen: bigint; decimals: number }> = {
  yuan: { fen: 100n, decimals: 2 },
  wan: { fen: 1_000_000n, decimals: 6 },
};

/** Formats fen in the unit: 123456 fen → "1234.56" 元 or "0.123456" 万元 (no grouping, no trailing zeros in 万元). */
export function formatFen(fen: number | bigint, unit: MoneyUnit): string {
  const { fen: per, decimals } = UNITS[unit];
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / per;
  let frac = (abs % per).toString().padStart(decimals, '0');
  if (unit === 'wan') frac = frac.replace(/0+$/, '');
  else if (frac === '00') frac = '';
  return `${negative ? '-' : ''}${whole.toString()}${frac ? `.${frac}` : ''}`;
}

/** Formats fen for reading, with thousands separators: 12345600 fen → "123,456.00". */
export function displayFen(fen: number | bigint, unit: MoneyUnit, locale: string): string {
  const [whole = '0', frac] = formatFen(fen, unit).split('.');
  const negative = whole.startsWith('-');
  const grouped = BigInt(negative ? whole.slice(1) : whole).toLocaleString(locale);
  const fracPart = unit === 'yuan' ? `.${(frac ?? '').padEnd(2, '0')}` : frac ? `.${frac}` : '';
  return `${negative ? '-' : ''}${grouped}${fracPart}`;
}

export type MoneyParse = { ok: true; fen: number } | { ok: false; reason: 'format' | 'precision' | 'too_large' };

/** Parses what a person typed ("1,234.5", "１２") in the unit into fen; refuses what would lose a fen. */
export function parseMoney(input: string, unit: MoneyUnit): MoneyParse {
  const s = input
    .trim()
    // Full-width digits and dot, as typed with a Chinese input method.
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E/g, '.')
    .replace(/[,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!match) return { ok: false, reason: 'format' };
  const { fen: per, decimals } = UNITS[unit];
  const whole = match[1]!;
  const frac = (match[2] ?? '').replace(/0+$/, '');
  if (frac.length > decimals) return { ok: false, reason: 'precision' };
  const fen = BigInt(whole) * per + BigInt(frac.padEnd(decimals, '0') || '0');
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'too_large' };
  return { ok: true, fen: Number(fen) };
}

/** Re-expresses a typed amount in another unit, or returns it unchanged if it does not parse. */
export function convertTyped(input: string, from: MoneyUnit, to: MoneyUnit): string {
  const parsed = parseMoney(input, from);
  return parsed.ok ? formatFen(parsed.fen, to) : input;
}
