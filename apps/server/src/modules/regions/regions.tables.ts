export interface RegionsTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  valid_from: string;
  valid_to: string | null;
  source: string;
}
export interface RegionTables {
  core_regions: RegionsTable;
}
