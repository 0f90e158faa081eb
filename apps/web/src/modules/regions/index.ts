/**
 * Reference data the other modules pick from: GB/T 2260 administrative regions (loaded level by
 * level) and GB/T 4754 industries. Components only; no pages of its own.
 */
export { regionsManifest } from './regions.manifest';
export { RegionCascader, type RegionCascaderProps } from './region-cascader';
export { IndustrySelect, type IndustrySelectProps } from './industry-select';
export { regionCodePath, useIndustries, type Industry, type Region } from './regions.api';
export { RegionName } from './region-name';
