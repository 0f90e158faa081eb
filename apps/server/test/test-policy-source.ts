import type { Catalog } from '@seedbed/rules';
import type { PolicySource } from '../src/modules/fulfilment/index.js';

/**
 * Fulfilment's policy seam over a compiled test catalogue: every item is version 1 of a test
 * document, led by `leadUnit` (a lead unit the demo maps to a department), with no materials.
 */
export function testPolicySource(catalog: Catalog, leadUnit = '市科技局'): PolicySource {
  return {
    currentRules: async () => catalog,
    getPolicyItem: async (_db, id) => {
      const spec = catalog.items.get(id)?.spec;
      if (!spec) return null;
      return {
        id,
        version: 1,
        title: spec.title,
        entity: spec.entity,
        benefit: spec.benefit,
        mode: spec.mode,
        regionCode: spec.region ?? null,
        leadUnit,
        supportingUnits: [],
        requiresMaterials: [],
        effective: { from: spec.effective.from, to: spec.effective.to ?? null },
        document: { key: 'test', title: { zh: '测试', en: 'Test' }, number: null },
        clause: null,
        quote: null,
      };
    },
  };
}
