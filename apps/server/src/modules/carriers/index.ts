/**
 * Carriers (双创载体): maker spaces, incubators, accelerators, nurseries and bases run by
 * operator organisations — the public registry (searched in words and pinyin, by district),
 * recognitions over time recorded by the departments covering the carrier (the level the
 * issuing authority's own: province → provincial, city → city), and the tenants an operator
 * records entering, leaving and graduating; these become verified facts on the tenant's profile.
 */
export type { CarrierTables, CarrierAnnualTables, CarrierAssessmentTables, CarrierOutcomeTables } from './carriers.tables.js';
export { carriersManifest } from './carriers.manifest.js';
export { DEMO_CARRIERS } from './carriers.demo.js';
export { carriersSearchSource } from './carriers.search-source.js';
/** The public registry, as the public route lists it (open data). */
export { searchCarriers as publicCarriers } from './carriers.service.js';
