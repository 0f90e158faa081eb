/** Picks a GB/T 4754 industry, grouped by section (门类), searchable by name or code. */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { defineMessages, useMessages } from '../../app/i18n';
import { useIndustries, type Industry } from './regions.api';

const m = defineMessages({
  zh: { placeholder: '搜索或选择行业（国民经济行业分类）', loadFailed: '行业列表加载失败', section: '门类' },
  en: { placeholder: 'Search or choose an industry (GB/T 4754)', loadFailed: 'Could not load industries', section: 'Section' },
});

interface Node {
  value: string;
  title: string;
  selectable: boolean;
  children?: Node[];
}

export function industryTree(items: readonly Industry[], sectionLabel: string): Node[] {
  const sections = new Map<string, Node>();
  const sectionOf = (i: Industry) => i.section || i.code.slice(0, 1);
  for (const i of items) {
    const s = sectionOf(i);
    if (!sections.has(s)) sections.set(s, { value: `section:${s}`, title: `${s} ${sectionLabel}`, selectable: false, children: [] });
    const section = sections.get(s)!;
    if (i.code === s) {
      // The section itself is an item: it can be chosen and names the group.
      section.value = i.code;
      section.title = `${i.code} ${i.name}`;
      section.selectable = true;
    } else {
      section.children!.push({ value: i.code, title: `${i.code} ${i.name}`, selectable: true });
    }
  }
  return [...sections.values()].sort((a, b) => a.title.localeCompare(b.title));
}

export interface IndustrySelectProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  disabled?: boolean;
  status?: '' | 'error' | 'warning';
}

export function IndustrySelect({ id, value, onChange, disabled, status }: IndustrySelectProps) {
  const t = useMessages(m);
  const industries = useIndustries();
  const tree = useMemo(() => industryTree(industries.data ?? [], t.section), [industries.data, t.section]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={tree}
      loading={industries.isPending}
      status={industries.isError ? 'error' : status}
      placeholder={industries.isError ? t.loadFailed : t.placeholder}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      style={{ width: '100%' }}
      listHeight={320}
    />
  );
}
