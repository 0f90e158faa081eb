/** GB/T 2260 codes as a tree by prefix: 450000 (province) ⊃ 450100 (city) ⊃ 450103 (district). */
import { inRegionSubtree } from '@seedbed/rules';

export { regionAncestors, regionPrefix } from '@seedbed/rules';

/** True when `code` lies in the subtree of `root` (a code is in its own subtree): the rules' inRegionSubtree, root first. */
export const regionCovers = (root: string, code: string): boolean => inRegionSubtree(code, root);
