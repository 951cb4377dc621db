import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';

/**
 * Loads the programme office's interface words: content/i18n/office/<lang>/<area>.json, one
 * entry per language with every area merged. Spanish (the default language's folder) is the
 * reference: a key in another language that Spanish lacks is a misspelling and fails the build,
 * naming the file and the key; a key another language lacks falls back to Spanish at run time.
 */
export function officeStringsLoader(base: string, defaultLanguage: string): Loader {
  return {
    name: 'tejido-office-strings',
    load: async ({ store, parseData }) => {
      store.clear();
      if (!existsSync(base)) return;
      const languages = readdirSync(base, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      const read = (lang: string) => {
        const merged: Record<string, string> = {};
        const origin: Record<string, string> = {};
        for (const file of readdirSync(join(base, lang))
          .filter((f) => f.endsWith('.json'))
          .sort()) {
          const path = join(base, lang, file);
          const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
          for (const [key, value] of Object.entries(data)) {
            if (typeof value !== 'string')
              throw new Error(`${path}: "${key}" must be a text (string), not ${typeof value}.`);
            if (key in merged)
              throw new Error(`${path}: "${key}" is also in ${origin[key]}; keep each key in one file.`);
            merged[key] = value;
            origin[key] = path;
          }
        }
        return { merged, origin };
      };
      const reference = languages.includes(defaultLanguage) ? read(defaultLanguage).merged : {};
      for (const lang of languages) {
        const { merged, origin } = read(lang);
        for (const key of Object.keys(merged)) {
          if (!(key in reference))
            throw new Error(
              `${origin[key]}: "${key}" is not a key of content/i18n/office/${defaultLanguage}/ (misspelt, or missing there).`,
            );
        }
        store.set({ id: lang, data: await parseData({ id: lang, data: merged }) });
      }
    },
  };
}
