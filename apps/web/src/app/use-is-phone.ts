/**
 * `useIsPhone()` (re-exported by responsive.tsx, documented there) in a file of its own: the app
 * shell's header uses it, and the shell is in every page's first load, while `ResponsiveList`
 * beside it needs Ant Design's Table, which only some pages do.
 */
import { useEffect, useState } from 'react';

const PHONE = '(max-width: 767.98px)';

const matches = (query: string): boolean => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;

export function useIsPhone(): boolean {
  const [phone, setPhone] = useState(() => matches(PHONE));
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia(PHONE);
    const on = () => setPhone(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return phone;
}
