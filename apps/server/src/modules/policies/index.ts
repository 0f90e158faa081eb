/**
 * Policies: the policy catalogue in the database. On start the catalogue shipped in catalog/ is
 * imported as version 1 of every item not yet present; officers then save a draft of a new
 * version (the rule's criteria, amount, caps and parameters as JSON, checked by the rules
 * engine), simulate it with the finder, and publish it, keeping a version history with diffs
 * of rules and amounts. The public library searches Chinese text by words, pinyin and initials.
 * `currentRules` is what every evaluation uses; 'policy.published' tells the finder to re-match.
 */
import './policies.events.js';
export type { PolicyTables, PolicyMeta, PolicyText } from './policies.tables.js';
export {
  currentRules,
  compileProblem,
  extendFinderRules,
  finderSnapshot,
  type ExtraPolicyItem,
  type ItemOrigin,
  type RulesExtension,
  diffJson,
  diffVersions,
  ensurePolicies,
  getPolicyItem,
  invalidateFinderRules,
  invalidateRules,
  policyItemExists,
  rulesSnapshot,
  rulesWithVersion,
  shippedCatalogue,
  type PolicyItemView,
  type RulesSnapshot,
} from './policies.service.js';
export { policiesManifest } from './policies.manifest.js';
export { seedRenewedItems, DEMO_RENEWED_ITEMS, DEMO_RENEWED_UNTIL, DEMO_RENEWAL_NOTE } from './policies.demo.js';
export { regionCovers, regionAncestors, regionPrefix } from './regions.js';
export { indexLexemes, searchQuery } from './policies.search.js';
export { itemTitles, publishedItemIds, recentlyPublished } from './policies.statistics.js';
export { policiesSearchSource } from './policies.search-source.js';
export { ruleMessageZh } from './policies.service.js';
export { canonicalUnit, namesOfUnit } from './policies.departments.js';
/** The source documents as the public route lists them (open data). */
export { listDocuments as publicPolicyDocuments } from './policies.service.js';
