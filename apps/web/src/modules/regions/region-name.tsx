/**
 * A region as people name it (广西壮族自治区南宁市青秀区), never its GB/T 2260 code: the names of
 * the code and its ancestors, read level by level from the cached region lists.
 */
import { useQueryClient, useQuery } from '@tanstack/react-query';
import { loadRegions, regionCodePath } from './regions.api';

export function RegionName({ code }: { code: string }) {
  const qc = useQueryClient();
  const name = useQuery({
    queryKey: ['regions', 'name', code],
    queryFn: async () => {
      const names: string[] = [];
      let parent: string | null = null;
      for (const c of regionCodePath(code)) {
        const found = (await loadRegions(qc, parent)).find((r) => r.code === c);
        if (!found) break;
        names.push(found.name);
        parent = c;
      }
      return names.join('');
    },
    staleTime: Infinity,
  });
  return <span>{name.data || '…'}</span>;
}
