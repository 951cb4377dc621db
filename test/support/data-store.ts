import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './content-root.ts';

/** Where `astro build` keeps its content layer: the cache folder (TEJIDO_CACHE_DIR, else Astro's default). */
export const defaultCacheDir = join(projectRoot, process.env.TEJIDO_CACHE_DIR ?? 'node_modules/.astro');

/**
 * The docs collection as Astro's content layer stored it in the last build: entry id by source
 * file (relative to the project root). Read with the `devalue` that Astro itself writes the store
 * with, so nothing here guesses its format.
 */
export async function storedDocsIds(cacheDir = defaultCacheDir): Promise<Map<string, string>> {
  const astroRequire = createRequire(join(projectRoot, 'node_modules/astro/package.json'));
  const devalue = (await import(pathToFileURL(astroRequire.resolve('devalue')).href)) as {
    parse(text: string): Map<string, Map<string, { id: string; filePath?: string }>>;
  };
  const store = devalue.parse(readFileSync(join(cacheDir, 'data-store.json'), 'utf8'));
  const docs = store.get('docs');
  if (!docs) throw new Error(`no docs collection in ${cacheDir}/data-store.json — build first`);
  return new Map([...docs.values()].map((entry) => [entry.filePath ?? '', entry.id]));
}
