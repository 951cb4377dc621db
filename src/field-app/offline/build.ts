import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Curriculum } from '../../curriculum/resolve.ts';
import { printPages } from '../../print/urls.ts';
import { copyFile, pagesUnder, withAssets } from './files.ts';
import type { CopyIndex, ProgrammeCopy, WorkerConfig } from './manifest.ts';
import { CORE_PAGES, INDEX_URL, MANIFEST_DIR, OFFLINE_PAGE, SERVICE_WORKER_FILE, manifestUrl } from './names.ts';

/** The offline copy as the build writes it: per programme, what it holds and weighs. */
export interface OfflineCopies {
  version: string;
  core: WorkerConfig['core'];
  programmes: ProgrammeCopy[];
}

/**
 * What each programme's copy holds: every page under its folder (its manuals, sessions and
 * handouts, in the site's default language), its sessions' cards and its handouts' large-print
 * views (the PDFs are made after the build; offline the worker answers a PDF link with its
 * printable page), and everything those pages load. The search index is not in it: it is as
 * large as a whole programme, and the manual's own contents lead to every session.
 */
export function programmePages(curriculum: Curriculum, programmeId: string): string[] {
  const programme = curriculum.programmes.find((p) => p.id === programmeId);
  if (!programme) return [];
  const sessions = curriculum.sessions.filter((s) => s.programme === programmeId);
  const handouts = curriculum.handouts.filter((h) => sessions.some((s) => s.handouts.includes(h.id)));
  return [
    `/${programme.slug}/`,
    ...sessions.map((s) => printPages.card(s.id)),
    ...handouts.flatMap((h) => [`/${h.slug}/`, printPages.material(h.id)]),
  ];
}

/** Reads the built client folder: the core (offline page, attendance screen) and each programme's copy. */
export function offlineCopies(clientDir: string, curriculum: Curriculum): OfflineCopies {
  const core = withAssets(clientDir, [
    ...[OFFLINE_PAGE, ...CORE_PAGES].map((p) => `/${p}`),
    '/manifest.webmanifest',
    '/favicon.svg',
  ]).map((url) => copyFile(clientDir, url));
  const drafts = curriculum.programmes.map((programme) => {
    const pages = [...pagesUnder(clientDir, programme.slug), ...programmePages(curriculum, programme.id)];
    const files = withAssets(clientDir, [...new Set(pages)]).map((url) => copyFile(clientDir, url));
    return {
      id: programme.id,
      title: programme.title,
      href: `/${programme.slug}/`,
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      files,
    };
  });
  // The version changes when any file of any copy, or the worker's own code, changes.
  const hash = createHash('sha256').update(JSON.stringify({ core, drafts })).update(workerSource());
  const version = hash.digest('hex').slice(0, 12);
  return { version, core, programmes: drafts.map((d) => ({ ...d, version })) };
}

/** The service worker's code, as written in sw.js next to this file (plain JS: the browser runs it as is). */
const workerSource = () => readFileSync(new URL('./sw.js', import.meta.url), 'utf8');

/**
 * Writes /offline/index.json, /offline/<programme>.json and /sw.js (the worker with its
 * configuration on its first line) into the client folder. Run before the precompress
 * integration, which then writes their brotli and gzip copies too.
 */
export function writeOfflineCopies(clientDir: string, curriculum: Curriculum): OfflineCopies {
  const copies = offlineCopies(clientDir, curriculum);
  mkdirSync(join(clientDir, MANIFEST_DIR), { recursive: true });
  for (const copy of copies.programmes)
    writeFileSync(join(clientDir, manifestUrl(copy.id).slice(1)), JSON.stringify(copy));
  const index: CopyIndex = {
    version: copies.version,
    programmes: copies.programmes.map(({ files, ...copy }) => ({ ...copy, files: files.length })),
  };
  writeFileSync(join(clientDir, INDEX_URL.slice(1)), JSON.stringify(index));
  const config: WorkerConfig = {
    version: copies.version,
    core: copies.core,
    offlinePage: `/${OFFLINE_PAGE}`,
    programmes: copies.programmes.map((p) => p.id),
  };
  writeFileSync(join(clientDir, SERVICE_WORKER_FILE), `const CONFIG = ${JSON.stringify(config)};\n${workerSource()}`);
  return copies;
}
