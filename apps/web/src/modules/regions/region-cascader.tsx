/**
 * Picks a GB/T 2260 region (province → city → district), loading each level from the API as the
 * person opens it. The value is a single region code, as the API stores it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { defineMessages, useMessages } from '../../app/i18n';
import { loadRegions, regionCodePath, type Region } from './regions.api';

const m = defineMessages({
  zh: { placeholder: '请选择省 / 市 / 区县', loadFailed: '地区列表加载失败，请重试', loading: '正在加载地区…' },
  en: { placeholder: 'Choose province / city / district', loadFailed: 'Could not load regions; try again', loading: 'Loading regions…' },
});

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

export interface RegionCascaderProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  disabled?: boolean;
  /** Allow choosing a province or city, not only a district. */
  anyLevel?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  status?: '' | 'error' | 'warning';
}

export function RegionCascader({ id, value, onChange, disabled, anyLevel = true, status, ...aria }: RegionCascaderProps) {
  const t = useMessages(m);
  const qc = useQueryClient();
  // Children by parent code ('' = provinces); absent = not loaded yet.
  const [levels, setLevels] = useState<Map<string, Region[]>>(() => new Map());
  const [failed, setFailed] = useState(false);

  const remember = (parent: string, items: Region[]) =>
    setLevels((prev) => {
      const next = new Map(prev);
      next.set(parent, items);
      return next;
    });

  // Provinces, plus every level above the current value so that its names can be shown.
  const path = useMemo(() => (value ? regionCodePath(value) : []), [value]);
  useEffect(() => {
    let cancelled = false;
    const parents: (string | null)[] = [null, ...path.slice(0, -1)];
    Promise.all(parents.map((p) => loadRegions(qc, p).then((items) => ({ p, items }))))
      .then((loaded) => {
        if (cancelled) return;
        setFailed(false);
        setLevels((prev) => {
          const next = new Map(prev);
          for (const { p, items } of loaded) next.set(p ?? '', items);
          return next;
        });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [qc, path]);

  const options = useMemo(() => {
    const build = (parent: string): Option[] | undefined =>
      levels.get(parent)?.map((r) => {
        const children = build(r.code);
        return {
          value: r.code,
          label: r.name,
          isLeaf: r.level >= 3 || (children !== undefined && children.length === 0),
          ...(children && children.length > 0 ? { children } : {}),
        };
      });
    return build('') ?? [];
  }, [levels]);

  // The value is shown once the names of its levels are here: before that the cascader would
  // print the bare codes.
  const named = path.length > 0 && ['', ...path.slice(0, -1)].every((parent) => levels.has(parent));

  const loadData = (selected: Option[]) => {
    const last = selected[selected.length - 1];
    if (!last || levels.has(last.value)) return;
    loadRegions(qc, last.value)
      .then((items) => remember(last.value, items))
      .catch(() => setFailed(true));
  };

  return (
    <Cascader<Option>
      id={id}
      {...aria}
      status={failed ? 'error' : status}
      options={options}
      loadData={loadData}
      value={named ? path : undefined}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        onChange?.(list.length > 0 ? list[list.length - 1]! : null);
      }}
      changeOnSelect={anyLevel}
      disabled={disabled}
      placeholder={failed ? t.loadFailed : path.length > 0 && !named ? t.loading : t.placeholder}
      style={{ width: '100%' }}
      allowClear
    />
  );
}
