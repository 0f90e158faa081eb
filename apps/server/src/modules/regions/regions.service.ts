import type { Db, Tx } from '../../platform/database.js';
import { regionSeedRows } from './region-data.js';
import * as repo from './regions.repository.js';

/** Loads the region tree on first start (and adds codes a newer data package brings). */
export async function ensureRegions(db: Db): Promise<number> {
  const rows = regionSeedRows();
  if ((await repo.count(db)) < rows.length) await repo.insertMissing(db, rows);
  return rows.length;
}

export interface RegionView {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

export async function listChildren(db: Db, parent: string | null): Promise<RegionView[]> {
  return (await repo.children(db, parent)).map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}

export async function findRegion(db: Db, code: string): Promise<RegionView | undefined> {
  const r = await repo.byCode(db, code);
  return r && { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code };
}

/** True when `code` is a current region code. */
export async function regionExists(db: Db | Tx, code: string): Promise<boolean> {
  const r = await repo.byCode(db, code);
  return r !== undefined && r.valid_to === null;
}

// Region existence cached per connection (or transaction): the tree changes rarely.
const regionCache = new WeakMap<Db | Tx, Map<string, boolean>>();

/**
 * Which of `values` are current region codes, as the synchronous test the value check takes
 * (ValueContext.regionKnown): each six-digit string among them is looked up once.
 */
export async function knownRegions(db: Db | Tx, values: readonly unknown[]): Promise<(code: string) => boolean> {
  let memo = regionCache.get(db);
  if (!memo) regionCache.set(db, (memo = new Map()));
  for (const c of values) {
    if (typeof c !== 'string' || !/^\d{6}$/.test(c) || memo.has(c)) continue;
    if (memo.size > 10_000) memo.clear();
    memo.set(c, await regionExists(db, c));
  }
  const m = memo;
  return (code) => m.get(code) === true;
}

/** The code and its ancestors, nearest first (450103 → 450100 → 450000). */
export async function regionPath(db: Db, code: string): Promise<RegionView[]> {
  const path: RegionView[] = [];
  let next: string | null = code;
  while (next) {
    const r = await findRegion(db, next);
    if (!r) break;
    path.push(r);
    next = r.parentCode;
  }
  return path;
}
