/**
 * Regions: the dated GB/T 2260 administrative-division tree (province → city → district/zone)
 * that organisations, subjects and policies are placed on, and the GB/T 4754 industry list.
 */
export type { RegionTables } from './regions.tables.js';
export { ensureRegions, knownRegions, regionExists, findRegion, regionPath, listChildren, type RegionView } from './regions.service.js';
export { isIndustryCode, INDUSTRIES } from './industries.js';
export { regionDisplayName } from './region-data.js';
export { regionsManifest } from './regions.manifest.js';
