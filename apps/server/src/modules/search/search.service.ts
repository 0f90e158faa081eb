/**
 * The site-wide search (全站搜索): one query over every public directory the modules declare
 * (`searchSources` in their manifests, platform/search.ts), each asked in turn with the same
 * tsquery (policies' reading of Chinese words, pinyin and initials) and region. The counts of
 * every kind come with either the first hits of each (no kind chosen) or one kind's page.
 */
import type { FieldError, SearchAnswer, SearchHit, SearchQuery as SearchRequest } from '@seedbed/contract';
import { SEARCH_PAGE_SIZE, SEARCH_PREVIEW_SIZE } from '@seedbed/contract';
import { regionAncestors, regionPrefix } from '@seedbed/rules/regions';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import { fieldError, invalid } from '../../platform/problems.js';
import type { SearchQuery, SearchSource } from '../../platform/search.js';
import { regionDisplayName, regionExists } from '../regions/index.js';
import { searchQuery } from '../policies/index.js';

export interface SearchDeps {
  db: Db;
  clock: Clock;
  sources: readonly SearchSource[];
}

export async function search(deps: SearchDeps, request: SearchRequest): Promise<SearchAnswer> {
  const text = request.q.normalize('NFKC').trim();
  const errors: FieldError[] = [];
  if (!text) errors.push(fieldError('q', 'minLength', '请输入要搜索的内容', 'must not be blank'));
  if (request.kind && !deps.sources.some((s) => s.kind === request.kind)) errors.push(fieldError('kind', 'enum', `不是可搜索的类别（可选：${deps.sources.map((s) => s.label.zh).join('、')}）`, `is not a kind of result (${deps.sources.map((s) => s.kind).join(', ')})`));
  if (request.region && !(await regionExists(deps.db, request.region))) errors.push(fieldError('region', 'known_region', '不是已知的行政区划', 'is not a known region'));
  if (errors.length > 0) throw invalid(errors);

  const kind = request.kind ?? null;
  const page = kind ? (request.page ?? 1) : 1;
  const tsquery = searchQuery(text);
  const empty: SearchAnswer = { q: text, kinds: deps.sources.map((s) => ({ kind: s.kind, label: s.label, count: 0 })), total: 0, kind, page, pageSize: kind ? SEARCH_PAGE_SIZE : SEARCH_PREVIEW_SIZE, hits: [] };
  if (!tsquery) return empty;
  const base = {
    tsquery,
    text,
    regionCode: request.region ?? null,
    regionPrefix: request.region ? regionPrefix(request.region) : null,
    regionAncestors: request.region ? regionAncestors(request.region) : null,
    today: deps.clock.today(),
    now: deps.clock.now(),
  } satisfies Omit<SearchQuery, 'limit' | 'offset'>;

  // One source after another: PGlite has one connection, and each answers from its GIN index.
  const kinds: SearchAnswer['kinds'] = [];
  const hits: SearchHit[] = [];
  for (const source of deps.sources) {
    const chosen = kind === source.kind;
    const limit = kind === null ? SEARCH_PREVIEW_SIZE : chosen ? SEARCH_PAGE_SIZE : 0;
    const offset = chosen ? (page - 1) * SEARCH_PAGE_SIZE : 0;
    const found = await source.search(deps.db, { ...base, limit, offset });
    kinds.push({ kind: source.kind, label: source.label, count: found.total });
    for (const h of found.hits.slice(0, limit)) {
      hits.push({ kind: source.kind, id: h.id, title: h.title, summary: h.summary, regionName: h.regionCode ? (regionDisplayName(h.regionCode) ?? null) : null, path: h.path, tags: h.tags });
    }
  }
  return { ...empty, kinds, total: kinds.reduce((n, k) => n + k.count, 0), hits };
}
