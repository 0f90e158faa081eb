/**
 * Credit (信用): the enterprise sees its credit records, whether it is on the serious-violation list
 * and because of which record, and applies for repair once the shortest window has passed; an
 * officer of a source department imports the department's file (template, refused rows with their
 * reasons), enters a record, and decides repair applications.
 */
export { creditManifest } from './credit.manifest';
export { SeriousViolationCitation } from './credit-citation';
export { refusedForSeriousViolation } from './credit-citation-logic';
