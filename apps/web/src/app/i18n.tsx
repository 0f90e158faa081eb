/**
 * Interface language: Chinese first, English one click away. The choice is remembered in
 * localStorage and mirrored on <html lang>, so screen readers pronounce the page correctly.
 * Each module keeps its own messages beside its pages (defineMessages) in both languages.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
const STORAGE_KEY = 'seedbed.lang';

/** BCP 47 tag for <html lang>. */
export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-CN' : 'en');

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // Storage can be unavailable (privacy mode); Chinese is the default.
  }
  return 'zh';
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but still switched.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);

  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangContextValue {
  const ctx = useContext(LangContext);
  if (!ctx) throw new Error('useLang outside LangProvider');
  return ctx;
}

type MessageValue = string | ((...args: never[]) => string);
export type Messages = Record<string, MessageValue>;

/** The same shape with literal strings widened, for the other language's messages. */
export type Translation<M extends Messages> = {
  [K in keyof M]: M[K] extends string ? string : M[K] extends (...args: infer A) => string ? (...args: A) => string : never;
};

/** Declares one module's messages; the English set must have exactly the Chinese keys. */
export function defineMessages<M extends Messages>(m: { zh: M; en: Translation<M> }): { zh: Translation<M>; en: Translation<M> } {
  // Literal types in the Chinese set are widened so both languages share one type.
  return { zh: m.zh as unknown as Translation<M>, en: m.en };
}

/** The messages of the current language. */
export function useMessages<M extends Messages>(m: { zh: M; en: M }): M {
  const { lang } = useLang();
  return m[lang];
}

/** A text that comes from the server in both languages. */
export interface Localised {
  zh: string;
  en: string;
}

/**
 * The text in the interface language. A response asked for in one language carries only that key
 * (the eligibility check's `lang`), so a missing key falls back to the other language.
 */
export function useLocalise(): (text: Partial<Localised> | null | undefined, fallback?: string) => string {
  const { lang } = useLang();
  return useCallback((text, fallback = '') => (text ? text[lang] || text.zh || text.en || fallback : fallback), [lang]);
}

/** Sets document.title for a page, in the current language. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Seedbed` : 'Seedbed';
  }, [title]);
}
