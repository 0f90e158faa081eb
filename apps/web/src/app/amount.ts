/**
 * An amount as people read it in a list: whole 万元 as 万元 ("50 万元"), otherwise 元 with
 * separators ("1,234.56 元"); English in yuan ("CNY 500,000"). Fen in, no floating point.
 */
import type { Lang } from './i18n';

export function amountText(fen: number, lang: Lang): string {
  const whole = Math.round(fen);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  if (lang === 'zh' && whole >= 1_000_000 && whole % 10_000 === 0) {
    const wan = whole / 1_000_000;
    return `${wan.toLocaleString(locale, { maximumFractionDigits: 2 })} 万元`;
  }
  const yuan = (whole / 100).toLocaleString(locale, { minimumFractionDigits: whole % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `${yuan} 元` : `CNY ${yuan}`;
}
