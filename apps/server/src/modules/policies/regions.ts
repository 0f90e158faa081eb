/** GB/T 2260 codes as a tree by prefix: 450000 (province) ⊃ 450100 (city) ⊃ 450103 (district). */
import { inRegionSubtree } from '@seedbed/rules';

export { regionPrefix } from '@seedbed/rules';

/** True when `code` lies in the subtree of `root` (a code is in its own subtree): the rules' inRegionSubtree, root first. */
export const regionCovers = (root: string, code: string): boolean => inRegionSubtree(code, root);

/** The code and its ancestors, nearest first: 450103 → [450103, 450100, 450000]. */
export function regionAncestors(code: string): string[] {
  const out = [code];
  const city = `${code.slice(0, 4)}00`;
  const province = `${code.slice(0, 2)}0000`;
  if (!out.includes(city)) out.push(city);
  if (!out.includes(province)) out.push(province);
  return out;
}
