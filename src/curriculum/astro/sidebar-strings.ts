import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixed sidebar label: the default language's text and Starlight's per-language `translations`. */
export type SidebarLabel = { label: string; translations: Record<string, string> };
/** Looks a content/i18n key up in every language file. */
export type SidebarStrings = (key: string) => SidebarLabel;

/**
 * The sidebar is configured in astro.config.mjs, before Astro's content collections exist, so its
 * fixed labels are read here straight from content/i18n/<lang>.json (the same files Starlight's
 * `t()` reads). A key missing from the default language shows as the key, as `t()` would.
 */
export function sidebarStrings(i18nDir: string, defaultLanguage: string): SidebarStrings {
  const files = existsSync(i18nDir) ? readdirSync(i18nDir).filter((f) => f.endsWith('.json')) : [];
  const languages = new Map(
    files.map((f) => [
      f.replace(/\.json$/, ''),
      JSON.parse(readFileSync(join(i18nDir, f), 'utf8')) as Record<string, string>,
    ]),
  );
  return (key) => {
    const translations: Record<string, string> = {};
    for (const [lang, strings] of languages)
      if (lang !== defaultLanguage && strings[key]) translations[lang] = strings[key];
    return { label: languages.get(defaultLanguage)?.[key] ?? key, translations };
  };
}
