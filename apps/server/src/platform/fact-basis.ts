import type { Db, Tx } from './database.js';

/**
 * What a verified fact rests on, for explanations: a module that keeps a profile fact true from
 * its own records (credit keeps `on_serious_violation_list` from the records that gate) declares a
 * `FactBasisSource` in its manifest (`factBases`), and a refusal or a finder explanation that read
 * the fact cites the record ("依据 南宁市市场监督管理局 南市监处罚〔2025〕88号（行政处罚），公示至
 * 2028-10-20"). Read-only and per subject; null when nothing of the module's supports the value.
 */
export interface FactBasisSource {
  /** The catalogue variable the module verifies. */
  variable: string;
  basis(db: Db | Tx, subjectId: string, value: unknown, today: string): Promise<{ zh: string; en: string } | null>;
}

interface CriterionLike {
  status: string;
  values?: Readonly<Record<string, unknown>>;
}

/**
 * The criteria of `criteria` that failed while reading a variable with a declared basis, given
 * their `basis` (a new array; the others unchanged). One basis per criterion: the sources' texts
 * joined when it read several such variables.
 */
export async function withFactBases<C extends CriterionLike>(sources: readonly FactBasisSource[], db: Db | Tx, subjectId: string, today: string, criteria: readonly C[]): Promise<(C & { basis?: { zh: string; en: string } })[]> {
  if (sources.length === 0) return [...criteria] as (C & { basis?: { zh: string; en: string } })[];
  const cache = new Map<string, Promise<{ zh: string; en: string } | null>>();
  const out: (C & { basis?: { zh: string; en: string } })[] = [];
  for (const c of criteria) {
    if (c.status !== 'fail' || !c.values) {
      out.push(c as C & { basis?: { zh: string; en: string } });
      continue;
    }
    const texts: { zh: string; en: string }[] = [];
    for (const s of sources) {
      if (!(s.variable in c.values)) continue;
      const value = c.values[s.variable];
      const key = `${s.variable}\u0000${JSON.stringify(value)}`;
      if (!cache.has(key)) cache.set(key, s.basis(db, subjectId, value, today));
      const b = await cache.get(key)!;
      if (b) texts.push(b);
    }
    out.push(texts.length ? { ...c, basis: { zh: texts.map((t) => t.zh).join('；'), en: texts.map((t) => t.en).join('; ') } } : (c as C & { basis?: { zh: string; en: string } }));
  }
  return out;
}
