/**
 * Credit (信用): records about enterprises from the departments that decided them (administrative
 * penalties, the serious-violation list, the abnormal-operation list, tax credit grades, court
 * judgements, honours), entered by those departments' officers or imported from their files, each
 * with the publication window its severity sets (credit.windows.ts); the enterprise's
 * `on_serious_violation_list` as a verified fact the records keep true, so catalogue items that
 * exclude 失信主体 refuse through the rules, citing the record (the manifest's `factBases`); the
 * rating A–D as the verified fact `credit_rating` (守信优先 in fulfilment's lists for A); repair
 * (信用修复) once the shortest window has passed, reviewed through the review module.
 */
export type { CreditTables } from './credit.tables.js';
export { creditManifest } from './credit.manifest.js';
export { seriousViolationBasis } from './credit.service.js';
