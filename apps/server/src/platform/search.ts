import type { Db, Tx } from './database.js';
import type { Text } from './module.js';

/**
 * The site-wide search's seam (全站搜索): each module that keeps a public directory (listed
 * enterprises and their products, supply and demand posts, certified providers and their
 * listings, carriers, instruments, news, policies; investors once the finance module exists)
 * declares a `SearchSource` in its manifest (`searchSources`), built from a function its
 * index.ts exports. The `search` module asks every source with the same query and shows the
 * results by kind; it imports no module. A new directory is one more source in a manifest.
 */
export interface SearchQuery {
  /** What the person typed, as a tsquery (text form, cast with ::tsquery): policies' `searchQuery`. */
  tsquery: string;
  /** What the person typed, as typed (for sources that match names without an index). */
  text: string;
  /** Rows in this region or its districts (a GB/T 2260 prefix: `4501` covers 4501xx), or null for any. */
  regionPrefix: string | null;
  /** The region chosen (six digits), or null. */
  regionCode: string | null;
  /** The chosen region and the regions above it (district → city → province), or null: for rows that cover a region (a city's policy or news applies in its districts). */
  regionAncestors: string[] | null;
  /** Today (YYYY-MM-DD, Beijing time) and now: what is in force, open or published. */
  today: string;
  now: Date;
  limit: number;
  offset: number;
}

export interface SearchHit {
  /** The row's id within its kind (never shown). */
  id: string;
  title: string;
  /** A line under the title: what the row is, in a few words (plain text). */
  summary: string;
  /** The district or city the row is in, as a GB/T 2260 code, or null. */
  regionCode: string | null;
  /** The web page that shows the row (a client path, e.g. `/carriers/<id>`). */
  path: string;
  /** Short labels (a category, a kind), plain text. */
  tags: Text[];
}

export interface SearchResults {
  total: number;
  hits: SearchHit[];
}

export interface SearchSource {
  /** A stable key (`carriers`, `enterprises`): the filter's value and the tab's. */
  kind: string;
  label: Text;
  /** Place among the tabs, lowest first. */
  order: number;
  search(db: Db | Tx, query: SearchQuery): Promise<SearchResults>;
}

/** Cuts a text to a summary line (whitespace folded, at most `max` characters). */
export function summaryOf(text: string | null | undefined, max = 80): string {
  const flat = (text ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
