import { extname } from 'node:path';
import { slug as githubSlug } from 'github-slugger';

/**
 * A docs page's entry id exactly as Astro's glob loader makes it (astro/dist/content/loaders/glob.js
 * `generateIdDefault` and content/utils.js `getContentEntryIdAndSlug`): a frontmatter `slug:` wins
 * as written; otherwise the path without its extension, each segment through github-slugger (the
 * function Astro itself calls), and a trailing `/index` dropped. `pathInDocs` uses "/".
 */
export function entryIdOf(pathInDocs: string, frontmatterSlug?: unknown): string {
  // Astro tests `if (data.slug)`: an empty slug, false or 0 falls back to the path.
  if (frontmatterSlug) return String(frontmatterSlug);
  // As Astro writes it, the extension as a pattern included (its dot matches any character).
  const withoutExtension = pathInDocs.replace(new RegExp(extname(pathInDocs) + '$'), '');
  return withoutExtension
    .split('/')
    .map((segment) => githubSlug(segment))
    .join('/')
    .replace(/\/index$/, '');
}

/**
 * The page's route, as Starlight makes it from the entry id (utils/routing `normalizeIndexSlug`):
 * the root `index` is the home page, "". This is the `slug` every curriculum link is built from.
 */
export function routeOfEntryId(id: string): string {
  return id === 'index' ? '' : id;
}

/** A docs file's route: `entryIdOf` then `routeOfEntryId`. */
export function slugOf(pathInDocs: string, frontmatterSlug?: unknown): string {
  return routeOfEntryId(entryIdOf(pathInDocs, frontmatterSlug));
}
