/** Quotes are compared with the source text whitespace-insensitively (the scrape's spacing is noise). */

const WS = /[\s\u00a0\u3000\ufeff]+/gu;

export function squeeze(s: string): string {
  return s.replace(WS, '');
}

/** True when `quote` occurs in `source`, ignoring all whitespace (including full-width and no-break spaces). */
export function quoteOccurs(quote: string, source: string): boolean {
  const q = squeeze(quote);
  return q.length > 0 && squeeze(source).includes(q);
}

/** A cache of squeezed sources so that hundreds of quotes are checked without re-squeezing. */
export class QuoteChecker {
  private readonly squeezed = new Map<string, string>();
  constructor(private readonly sources: ReadonlyMap<string, string>) {}

  has(file: string): boolean {
    return this.sources.has(file);
  }

  occurs(file: string, quote: string): boolean {
    let s = this.squeezed.get(file);
    if (s === undefined) {
      const raw = this.sources.get(file);
      if (raw === undefined) return false;
      s = squeeze(raw);
      this.squeezed.set(file, s);
    }
    const q = squeeze(quote);
    return q.length > 0 && s.includes(q);
  }
}
