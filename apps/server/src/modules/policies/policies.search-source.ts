import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';
import { BENEFIT_LABELS } from './policies.text.js';
import * as repo from './policies.repository.js';

/**
 * Published policy items in the site-wide search, found as the library finds them (words,
 * pinyin and initials); a region keeps the items that apply there (the province's and the
 * city's items apply in a district) and those of its districts. In force first.
 */
export const policiesSearchSource: SearchSource = {
  kind: 'policies',
  label: { zh: '政策', en: 'Policies' },
  order: 80,
  async search(db, q) {
    const regions = q.regionCode && q.regionPrefix ? { ancestors: q.regionAncestors ?? [q.regionCode], prefix: q.regionPrefix } : null;
    const found = await repo.search(db, { tsquery: q.tsquery, regions, departments: null, entity: null, benefit: null, mode: null, open: null, today: q.today, limit: q.limit, offset: q.offset });
    return {
      total: found.total,
      hits: found.rows.map((r) => {
        const ended = r.effective_to !== null && r.effective_to < q.today;
        const benefit = BENEFIT_LABELS[r.benefit] ?? { zh: r.benefit, en: r.benefit };
        return {
          id: r.id,
          title: r.title_zh,
          summary: summaryOf([r.lead_unit, r.effective_to ? `有效期至 ${r.effective_to}` : null].filter(Boolean).join(' · ')),
          regionCode: r.region_code,
          path: `/policies/${r.id}`,
          tags: ended ? [benefit, { zh: '已失效', en: 'Ended' }] : [benefit],
        };
      }),
    };
  },
};
