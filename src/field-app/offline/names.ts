/**
 * The names the build, the service worker and the pages share for the offline copy. One place,
 * so the page that lists a saved programme and the worker that saved it never disagree.
 */

/** Where the service worker lands in the client folder, and the URL pages register it from. */
export const SERVICE_WORKER_FILE = 'sw.js';

/** Folder of the build's copy manifests: `index.json` and one `<programme id>.json` each. */
export const MANIFEST_DIR = 'offline';

/** URL of a programme's manifest; the saved copy keeps it too, as the mark that it is complete. */
export const manifestUrl = (programmeId: string) => `/${MANIFEST_DIR}/${programmeId}.json`;

/** URL of the list of programmes with their sizes, read by the "Guardar" control. */
export const INDEX_URL = `/${MANIFEST_DIR}/index.json`;

/**
 * Cache Storage names. The build version is part of each name, so a new version is written beside
 * the old one and the old one is deleted only when the new worker takes over. ":" never appears
 * in a programme id (ids are slugs), so a name splits back into its parts.
 */
export const CACHE_PREFIX = 'tejido';
export const coreCacheName = (version: string) => `${CACHE_PREFIX}:core:${version}`;
export const programmeCacheName = (programmeId: string, version: string) =>
  `${CACHE_PREFIX}:programa:${programmeId}:${version}`;
/** The programme id of a programme cache's name, or undefined for any other cache. */
export const programmeOfCache = (name: string) => /^tejido:programa:([^:]+):[^:]+$/.exec(name)?.[1];

/** The channel the worker reports a download's progress on, heard by every open page. */
export const PROGRESS_CHANNEL = 'tejido-copia';

/**
 * Pages that keep themselves for use without signal as soon as they are opened: the attendance
 * screen in each language (a roll call is taken where there is no signal; both share one script,
 * so the English page adds only its HTML). Paths without the leading slash.
 */
export const CORE_PAGES = ['asistencia/', 'en/asistencia/'];

/** The page a phone without signal shows for a page that is not saved (src/pages/sin-senal.astro). */
export const OFFLINE_PAGE = 'sin-senal/';

/** What the page asks the worker, and what the worker answers on the progress channel. */
export type CopyRequest = { type: 'save-copy'; programme: string } | { type: 'SKIP_WAITING' };
export type CopyReport =
  | { type: 'progress'; programme: string; done: number; total: number }
  | { type: 'saved'; programme: string }
  | { type: 'failed'; programme: string; reason: 'network' | 'stale' };
