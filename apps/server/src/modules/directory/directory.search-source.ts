import type { SearchSource } from '../../platform/search.js';
import { summaryOf } from '../../platform/search.js';
import * as repo from './directory.repository.js';
import { industryName } from './directory.service.js';

/** Listed enterprises in the site-wide search (their name, industry, district, introduction, or a product). */
export const enterprisesSearchSource: SearchSource = {
  kind: 'enterprises',
  label: { zh: '企业', en: 'Enterprises' },
  order: 10,
  async search(db, q) {
    const found = await repo.listed(db, { tsquery: q.tsquery, regionPrefix: q.regionPrefix, limit: q.limit, offset: q.offset });
    return {
      total: found.total,
      hits: found.rows.map((r) => {
        const industry = industryName(r.industry);
        return {
          id: r.organisation_id,
          title: r.name,
          summary: summaryOf(r.introduction),
          regionCode: r.region_code,
          path: `/enterprises/${r.organisation_id}`,
          tags: industry ? [{ zh: industry, en: industry }] : [],
        };
      }),
    };
  },
};

/** Listed enterprises' products in the site-wide search; each opens its enterprise's page. */
export const productsSearchSource: SearchSource = {
  kind: 'products',
  label: { zh: '产品', en: 'Products' },
  order: 20,
  async search(db, q) {
    const found = await repo.matchingProducts(db, { tsquery: q.tsquery, regionPrefix: q.regionPrefix, limit: q.limit, offset: q.offset });
    return {
      total: found.total,
      hits: found.rows.map((r) => ({
        id: r.id,
        title: r.name,
        summary: summaryOf(r.description ? `${r.enterprise} · ${r.description}` : r.enterprise),
        regionCode: r.region_code,
        path: `/enterprises/${r.organisation_id}`,
        tags: [],
      })),
    };
  },
};
