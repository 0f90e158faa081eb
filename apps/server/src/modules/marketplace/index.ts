/**
 * Marketplace (服务超市): third-party service providers certified by officers through the review
 * module, their listings (searched by Chinese words and pinyin), orders from enterprises with an
 * optional service voucher through the `voucherPayments` seam, ratings only from accepted orders,
 * the star grade (星级评选) with its published formula, and misuse flags for officers.
 */
export type { MarketplaceTables } from './marketplace.tables.js';
export { computeGrade, GRADE_FORMULA, type GradeInputs } from './marketplace.grade.js';
export { marketplaceManifest } from './marketplace.manifest.js';
export { DEMO_PROVIDERS } from './marketplace.demo.js';
export { providersSearchSource, listingsSearchSource } from './marketplace.search-source.js';
/** The certified providers, as the public route lists them (open data). */
export { certifiedProviders } from './marketplace.service.js';
