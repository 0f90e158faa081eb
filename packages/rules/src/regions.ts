/**
 * GB/T 2260 region codes as a tree by prefix: 450000 (province) ⊃ 450100 (city) ⊃ 450103
 * (district). The one subtree test of the platform: rules (`in_region`), the finder, access
 * checks on the server, the web's region pickers and the catalogue's lint all use it.
 */

/** The significant prefix of a code: trailing "00" pairs are wildcards (450000 → 45, 450100 → 4501, 450103 → 450103). */
export function regionPrefix(code: string): string {
  // 000000 is no GB/T 2260 code: the statistics' "whole platform" (every region), the empty prefix.
  if (code === '000000') return '';
  let p = code;
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2);
  return p;
}

/** Whether `region` lies in the subtree of `code` (450103 in 450100, in 450000; a code is in its own subtree). */
export const inRegionSubtree = (region: string, code: string): boolean => region.startsWith(regionPrefix(code));

/** The code and its ancestors, nearest first: 450103 → [450103, 450100, 450000] (a province is its own only ancestor). */
export function regionAncestors(code: string): string[] {
  const out = [code];
  const city = `${code.slice(0, 4)}00`;
  const province = `${code.slice(0, 2)}0000`;
  if (!out.includes(city)) out.push(city);
  if (!out.includes(province)) out.push(province);
  return out;
}
