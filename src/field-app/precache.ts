import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { GenerateSWOptions, GetManifestOptions } from 'workbox-build';

/** Where the service worker lands in the client folder, and the URL pages register it from. */
export const SERVICE_WORKER_FILE = 'sw.js';

export interface PrecacheScope {
  /** URL folders of the site's translations (e.g. ["en"]): kept when visited, not downloaded ahead. */
  translationPaths: string[];
}

/**
 * What a facilitator's phone keeps for use without signal: every prerendered page in the site's
 * default language (manuals, sessions, session cards, the attendance screen), the CSS
 * and JS they load, and the Pagefind index. Translations would double the download for every
 * facilitator, so their pages are cached only once opened (see `translationCaching`).
 * Never /api (answers there are personal and must not outlive a sign-out) and never the
 * Pagefind UI variants Starlight does not load (it bundles its own from @pagefind/default-ui).
 */
export function precacheGlobs(clientDir: string, scope: PrecacheScope): GetManifestOptions {
  return {
    globDirectory: clientDir,
    globPatterns: [
      '**/*.html',
      '_astro/**/*.{js,css,svg,woff2,png,webp}',
      '*.{svg,webmanifest}',
      'pagefind/pagefind.js',
      'pagefind/pagefind-worker.js',
      'pagefind/pagefind-entry.json',
      'pagefind/wasm.*.pagefind',
      'pagefind/*.pf_meta',
      'pagefind/index/*.pf_index',
      'pagefind/filter/*.pf_filter',
      'pagefind/fragment/*.pf_fragment',
    ],
    // Whole printed books (about 1.3 MB of HTML) are printed at the office, not read on a phone;
    // so are the kits of visual aids (sheets to print and cut, about 10 KB each, in every language).
    globIgnores: [
      'api/**',
      'print/books/**',
      'print/aids/**',
      SERVICE_WORKER_FILE,
      'workbox-*.js',
      ...scope.translationPaths.map((path) => `${path}/**`),
    ],
    manifestTransforms: [async (entries) => ({ manifest: entries.filter(searchIndexFor(clientDir, scope)), warnings: [] })],
    // Hashed names change with their content: no revision query needed to bust them.
    dontCacheBustURLsMatching: /^_astro\//,
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  };
}

/**
 * The Workbox service worker. It waits (no skipWaiting) until the facilitator taps "Actualizar":
 * an open page never mixes files of two versions, and the old version's files stay in the cache
 * until the new worker takes over and cleans them up.
 */
export function serviceWorkerOptions(clientDir: string, scope: PrecacheScope): GenerateSWOptions {
  return {
    ...precacheGlobs(clientDir, scope),
    swDest: join(clientDir, SERVICE_WORKER_FILE),
    cacheId: 'tejido',
    skipWaiting: false,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // "/imagen-peru/x/" is served from the precached "/imagen-peru/x/index.html".
    directoryIndex: 'index.html',
    // Pages are static: a query string never changes the HTML.
    ignoreURLParametersMatching: [/.*/],
    // One file: the worker and the Workbox runtime it needs, nothing fetched besides.
    inlineWorkboxRuntime: true,
    mode: 'production',
    sourcemap: false,
    runtimeCaching: translationCaching(scope),
  };
}

/** A translated page is fetched from the network first, and the copy kept for the next time without signal. */
function translationCaching({ translationPaths }: PrecacheScope): GenerateSWOptions['runtimeCaching'] {
  if (!translationPaths.length) return undefined;
  const folders = translationPaths.map((p) => p.replace(/[^\w-]/g, '')).join('|');
  return [
    {
      urlPattern: new RegExp(`^https?://[^/]+/(?:${folders})/`),
      handler: 'NetworkFirst',
      options: { cacheName: 'tejido-translations', networkTimeoutSeconds: 5, expiration: { maxEntries: 300 } },
    },
  ];
}

/**
 * The files a built service worker precaches, read back from the worker itself (so a figure or
 * a test measures what phones really download), with their size on disk and gzipped.
 */
export function precachedFiles(clientDir: string): { url: string; bytes: number; gzipBytes: number }[] {
  const worker = readFileSync(join(clientDir, SERVICE_WORKER_FILE), 'utf8');
  return [...worker.matchAll(/\{url:"([^"]+)",revision:/g)].map(([, url]) => {
    const body = readFileSync(join(clientDir, url as string));
    return { url: url as string, bytes: body.length, gzipBytes: gzipSync(body).length };
  });
}

/**
 * Pagefind writes one index per language into one folder. The offline copy keeps the default
 * language's: its word index, filters and wasm by file name, its result fragments by the page
 * URL inside each (gzipped JSON after a "pagefind_dcd" signature). Translations' search works
 * online.
 */
function searchIndexFor(clientDir: string, { translationPaths }: PrecacheScope): (entry: { url: string }) => boolean {
  if (!translationPaths.length) return () => true;
  const entryFile = join(clientDir, 'pagefind', 'pagefind-entry.json');
  const languages: Record<string, { wasm: string }> = existsSync(entryFile) ? JSON.parse(readFileSync(entryFile, 'utf8')).languages : {};
  const dropped = new Set(translationPaths);
  const wasmKept = new Set(Object.entries(languages).filter(([code]) => !dropped.has(code)).map(([, l]) => l.wasm));
  const byName = new RegExp(`^pagefind/(?:index/|filter/|pagefind\\.)(?:${[...dropped].map((p) => p.replace(/[^\w-]/g, '')).join('|')})_`);
  const pageOf = (file: string) => JSON.parse(gunzipSync(readFileSync(join(clientDir, file))).toString('utf8').replace(/^pagefind_dcd/, '')).url as string;
  return ({ url }) => {
    if (!url.startsWith('pagefind/')) return true;
    if (byName.test(url)) return false;
    const wasm = /^pagefind\/wasm\.(.+)\.pagefind$/.exec(url)?.[1];
    if (wasm) return wasmKept.size === 0 || wasmKept.has(wasm);
    if (url.endsWith('.pf_fragment')) return !translationPaths.some((path) => pageOf(url).startsWith(`/${path}/`));
    return true;
  };
}
