import { getEntry } from 'astro:content';

/** A sentence of the office in the reader's language; `{{name}}` is replaced by `vars.name`. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface OfficeLanguage {
  lang: string;
  t: Translate;
  /** Does this language (or the default) have the key? For optional, more specific sentences. */
  has: (key: string) => boolean;
  /** A number written the reader's way (1.001 in Spanish, 1,001 in English). */
  number: (value: number) => string;
  /** A date (YYYY-MM-DD or ISO time) written the reader's way. */
  date: (value: string) => string;
}

/**
 * The office's words (content/i18n/office/<lang>/*.json) for one language, falling back to the
 * organisation's default language key by key. A key nobody wrote shows as itself, so a missing
 * sentence is visible on the page rather than silently blank.
 */
export async function officeLanguage(lang: string, defaultLang: string): Promise<OfficeLanguage> {
  const own = ((await getEntry('officeStrings', lang))?.data ?? {}) as Record<string, string>;
  const fallback =
    lang === defaultLang
      ? {}
      : (((await getEntry('officeStrings', defaultLang))?.data ?? {}) as Record<string, string>);
  const lookup = (key: string) => own[key] ?? fallback[key];
  // 'always': Spanish rules leave four-digit numbers ungrouped (1001); staff read 1.001 as a thousand at a glance.
  const numbers = new Intl.NumberFormat(lang, { useGrouping: 'always' });
  const dates = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return {
    lang,
    has: (key) => lookup(key) !== undefined,
    t: (key, vars = {}) =>
      (lookup(key) ?? key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
        name in vars ? String(vars[name]) : whole,
      ),
    number: (value) => numbers.format(value),
    date: (value) => {
      const time = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
      return Number.isNaN(time.getTime()) ? value : dates.format(time);
    },
  };
}
