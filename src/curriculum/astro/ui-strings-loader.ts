import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';

/**
 * Loads content/i18n/<lang>.json for Starlight's translation system. Starlight keys each file by
 * its path relative to src/content/i18n when an entry has a filePath, which a top-level content/
 * folder cannot match; entries without a filePath are keyed by id, so this loader sets only ids.
 */
export function uiStringsLoader(base: string): Loader {
  return {
    name: 'tejido-ui-strings',
    load: async ({ store, parseData }) => {
      store.clear();
      for (const file of readdirSync(base)
        .filter((f) => f.endsWith('.json'))
        .sort()) {
        const id = file.replace(/\.json$/, '');
        const path = join(base, file);
        const data = await parseData({ id, data: JSON.parse(readFileSync(path, 'utf8')) }).catch((error: unknown) => {
          // Without a filePath Astro names only the entry ("en"): say which file to open.
          throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        });
        store.set({ id, data });
      }
    },
  };
}
