/** Counts per document and per responsible unit, and measures not accounted for. */
import { flatten, type CatalogData } from './load.js';

export interface DocumentCounts {
  key: string;
  title: string;
  measures: number;
  byKind: Record<'item' | 'target' | 'task' | 'context', number>;
  items: number;
  targets: number;
  tasks: number;
  cases: number;
  unaccounted: string[];
}

export interface UnitCounts {
  /** Units are counted per document: 市财政局 of Nanchang and of Nanning are different bodies. */
  document: string;
  unit: string;
  /** Measures where the unit is lead / co-lead / supporting. */
  leads: number;
  coLeads: number;
  supports: number;
  items: number;
  targets: number;
  tasks: number;
}

export interface CatalogReport {
  documents: DocumentCounts[];
  units: UnitCounts[];
  totals: { documents: number; measures: number; items: number; targets: number; tasks: number; cases: number; unaccounted: number };
}

export function buildReport(data: CatalogData): CatalogReport {
  const flat = flatten(data);
  const documents: DocumentCounts[] = [];
  for (const d of data.documents) {
    if (!d.data) continue;
    const byKind = { item: 0, target: 0, task: 0, context: 0 };
    const unaccounted: string[] = [];
    for (const m of d.data.measures) {
      byKind[m.kind] += 1;
      const n = m.items.length + m.targets.length + m.tasks.length;
      if (m.kind === 'context' ? !m.context_note : n === 0) unaccounted.push(`${m.id} ${m.clause}`);
    }
    documents.push({
      key: d.key,
      title: d.data.document.title.zh,
      measures: d.data.measures.length,
      byKind,
      items: d.items.length,
      targets: d.data.targets.length,
      tasks: d.data.tasks.length,
      cases: d.caseList.length,
      unaccounted,
    });
  }
  const units = new Map<string, UnitCounts>();
  const unit = (document: string, name: string): UnitCounts => {
    const key = `${document}\u0000${name}`;
    let u = units.get(key);
    if (!u) units.set(key, (u = { document, unit: name, leads: 0, coLeads: 0, supports: 0, items: 0, targets: 0, tasks: 0 }));
    return u;
  };
  for (const m of flat.measures) {
    if (m.lead_unit) unit(m.document, m.lead_unit).leads += 1;
    for (const c of new Set(m.co_lead_units ?? [])) unit(m.document, c).coLeads += 1;
    for (const s of new Set(m.supporting_units)) unit(m.document, s).supports += 1;
  }
  for (const it of flat.items) for (const s of new Set([it.meta?.lead_unit, ...(it.meta?.supporting_units ?? [])])) if (s) unit(it.document, s).items += 1;
  for (const t of flat.targets) for (const s of new Set(t.responsible_units)) unit(t.document, s).targets += 1;
  for (const t of flat.tasks) for (const s of new Set([t.lead_unit, ...t.supporting_units])) if (s) unit(t.document, s).tasks += 1;
  const sum = (f: (d: DocumentCounts) => number): number => documents.reduce((a, d) => a + f(d), 0);
  return {
    documents,
    units: [...units.values()].sort((a, b) => a.document.localeCompare(b.document) || b.leads + b.coLeads - (a.leads + a.coLeads) || b.items + b.targets + b.tasks - (a.items + a.targets + a.tasks) || a.unit.localeCompare(b.unit, 'zh')),
    totals: {
      documents: documents.length,
      measures: sum((d) => d.measures),
      items: sum((d) => d.items),
      targets: sum((d) => d.targets),
      tasks: sum((d) => d.tasks),
      cases: sum((d) => d.cases),
      unaccounted: sum((d) => d.unaccounted.length),
    },
  };
}
