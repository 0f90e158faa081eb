/** GB/T 2260 codes as a tree by prefix: 450000 (province) ⊃ 450100 (city) ⊃ 450103 (district). */

/** The significant prefix of a code: 450000 → 45, 450100 → 4501, 450103 → 450103. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** True when `code` lies in the subtree of `root` (a code is in its own subtree). */
export const regionCovers = (root: string, code: string): boolean => code.startsWith(regionPrefix(root));

/** The code and its ancestors, nearest first: 450103 → [450103, 450100, 450000]. */
export function regionAncestors(code: string): string[] {
  const out = [code];
  const city = `${code.slice(0, 4)}00`;
  const province = `${code.slice(0, 2)}0000`;
  if (!out.includes(city)) out.push(city);
  if (!out.includes(province)) out.push(province);
  return out;
}
