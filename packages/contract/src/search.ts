/**
 * The site-wide search (全站搜索) over the public directories — listed enterprises and their
 * products, supply and demand posts, certified providers and their services, carriers,
 * instruments, news, policies (and any directory a module adds later) — in Chinese words,
 * pinyin and initials, by kind and district; each hit links to its page.
 */
import { Type, type Static } from '@sinclair/typebox';
import { RegionCode } from './common.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const SEARCH_PAGE_SIZE = 10;
/** Hits per kind in the overview (no kind chosen). */
export const SEARCH_PREVIEW_SIZE = 3;

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'Chinese words, pinyin or initials' }),
    kind: Type.Optional(Type.String({ pattern: '^[a-z][a-z_]{1,31}$', description: 'one kind of result (see `kinds` in the answer); all kinds when absent' })),
    region: Type.Optional(RegionCode),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchHit = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  regionName: Type.Union([Type.String(), Type.Null()]),
  /** The page of the row in the web app (a client path). */
  path: Type.String(),
  tags: Type.Array(Text),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchKindCount = Type.Object({ kind: Type.String(), label: Text, count: Type.Integer({ minimum: 0 }) });
export type SearchKindCount = Static<typeof SearchKindCount>;

export const SearchAnswer = Type.Object({
  q: Type.String(),
  /** Every kind, in tab order, with how many rows match (the region applied). */
  kinds: Type.Array(SearchKindCount),
  total: Type.Integer({ minimum: 0 }),
  /** The kind shown page by page, or null for the overview (the first hits of every kind). */
  kind: Type.Union([Type.String(), Type.Null()]),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  hits: Type.Array(SearchHit),
});
export type SearchAnswer = Static<typeof SearchAnswer>;
