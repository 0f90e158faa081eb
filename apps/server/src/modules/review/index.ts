/**
 * Review: independent assessment of a case against a rubric — assessors, scores per criterion,
 * declared and detected conflicts of interest, outlier detection and blind scoring. A case
 * belongs to another module (`owner`, e.g. `fulfilment.application`), which locks it, decides who
 * may review and when the review is complete enough to move on. Fulfilment's expert review uses it
 * today; competitions, provider certification, carrier assessment and credit repair will.
 */
export type { ReviewTables } from './review.tables.js';
export {
  checkReview,
  hasReviewed,
  outliers,
  reviewersOf,
  reviewSummary,
  scoredCount,
  submitReview,
  type Assessor,
  type CaseKey,
  type ReviewEntry,
  type ReviewInput,
  type ReviewSummary,
  type Rubric,
} from './review.service.js';
export { reviewManifest } from './review.manifest.js';
