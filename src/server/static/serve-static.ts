import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import type http from 'node:http';
import { join, normalize, sep } from 'node:path';
import sirv from 'sirv';
import { SERVICES_FILE } from '../../components/local-services/data.ts';

type Next = () => void;

/**
 * How long a phone may keep a file without asking again. Files whose name carries a hash of
 * their content never change under that name: a year, immutable (Astro's /_astro/ bundles,
 * Pagefind's fragments, indexes and filters, the district picker's services files). Everything
 * else (pages, the service worker, PDFs, Pagefind's entry file) is checked each time with its
 * ETag: a 304 costs a few hundred bytes; the favicon, asked for by every page, is kept a week.
 */
export function cacheControl(pathname: string): string {
  if (
    pathname.startsWith('/_astro/') ||
    /^\/pagefind\/(fragment|index|filter)\/[^/]+\.pf_(fragment|index|filter)$/.test(pathname) ||
    SERVICES_FILE.test(pathname)
  )
    return 'public, max-age=31536000, immutable';
  // The browser asks for the icon on every page: a week without asking again saves each next page a
  // 304 (~0.4 KB), and a new icon taking a week to show is harmless.
  if (pathname === '/favicon.svg') return 'public, max-age=604800';
  return 'public, no-cache';
}

const IMMUTABLE = /\bimmutable\b/;

const ENCODINGS = [
  { name: 'br', suffix: '.br', token: /\bbr\b/ },
  { name: 'gzip', suffix: '.gz', token: /\bgzip\b/ },
] as const;

/**
 * The built site's static files, served by sirv (the static server of SvelteKit's and Vite's
 * previews): the precompressed brotli or gzip copy the request accepts (`Vary: Accept-Encoding`),
 * the cache policy above, and an ETag made from the file's content, not its modification time,
 * so a redeploy of an unchanged file is still a 304. Files are looked up on each request (sirv's
 * `dev` lookup), so a build written over a running server is served as it now is; a compressed
 * copy older than its file is never sent. GET and HEAD only; anything else, and any path that is
 * not a file, goes to `next` (Astro).
 */
export function staticFiles(clientDir: string) {
  const root = normalize(clientDir + sep);
  const tags = new ContentTags();
  const serve = sirv(clientDir, {
    dev: true,
    brotli: true,
    gzip: true,
    etag: false,
    dotfiles: false,
    setHeaders: (res, pathname) => {
      const chosen = res.req
        ? representation(root, pathname, String(res.req.headers['accept-encoding'] ?? ''))
        : undefined;
      // A hashed file is never asked for again (immutable), so an ETag would be ~35 bytes for nothing.
      if (chosen && !IMMUTABLE.test(cacheControl(pathname))) res.setHeader('ETag', tags.of(chosen));
      res.setHeader('Cache-Control', cacheControl(pathname));
      withoutLastModified(res);
    },
  });
  return (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const pathname = decodePath((req.url ?? '/').split('?')[0] ?? '/');
    const chosen =
      pathname === undefined ? undefined : representation(root, pathname, String(req.headers['accept-encoding'] ?? ''));
    if (!chosen) return next();
    // Offer sirv only the encoding chosen here (a stale compressed copy is left out).
    req.headers['accept-encoding'] = chosen.encoding ?? 'identity';
    const tag = tags.of(chosen);
    if (req.headers['if-none-match'] === tag) {
      res.writeHead(304, { ETag: tag, 'Cache-Control': cacheControl(pathname as string), Vary: 'Accept-Encoding' });
      return res.end();
    }
    serve(req, res, next);
  };
}

/**
 * sirv always sends Last-Modified, but here it says nothing a phone can use: a hashed file is never
 * asked for again, and every other file is revalidated by its content ETag (a date from the build
 * would even change on each deploy). 46 bytes on every response, so every page (issue 13).
 */
function withoutLastModified(res: http.ServerResponse) {
  const writeHead = res.writeHead.bind(res) as (
    status: number,
    headers?: http.OutgoingHttpHeaders,
  ) => http.ServerResponse;
  res.writeHead = ((status: number, headers?: http.OutgoingHttpHeaders) => {
    if (headers) delete headers['Last-Modified'];
    return writeHead(status, headers);
  }) as typeof res.writeHead;
}

interface Representation {
  /** The file as built (its content names the ETag). */
  file: string;
  stats: Stats;
  encoding?: 'br' | 'gzip';
}

function decodePath(path: string): string | undefined {
  try {
    return decodeURI(path);
  } catch {
    return undefined;
  }
}

const fileStats = (path: string) => {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The file sirv will send for this path (the same lookup: the path, `path/index.html`,
 * `path.html`) and the encoding: the first the request accepts whose copy is at least as new
 * as the file. Paths that leave the client folder find nothing.
 */
function representation(root: string, pathname: string, acceptEncoding: string): Representation | undefined {
  const base = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  for (const candidate of [pathname, `${base}/index.html`, `${base}.html`]) {
    const file = normalize(join(root, candidate));
    if (!file.startsWith(root)) return undefined;
    const stats = fileStats(file);
    if (!stats) continue;
    for (const e of ENCODINGS) {
      if (!e.token.test(acceptEncoding)) continue;
      const copy = fileStats(file + e.suffix);
      if (copy && copy.mtimeMs >= stats.mtimeMs) return { file, stats, encoding: e.name };
    }
    return { file, stats };
  }
  return undefined;
}

/** sha256 of a file's content, kept while its size and modification time stay the same. */
class ContentTags {
  private readonly known = new Map<string, { mtimeMs: number; size: number; hash: string }>();
  of({ file, stats, encoding }: Representation): string {
    let entry = this.known.get(file);
    if (!entry || entry.mtimeMs !== stats.mtimeMs || entry.size !== stats.size) {
      entry = {
        mtimeMs: stats.mtimeMs,
        size: stats.size,
        hash: createHash('sha256').update(readFileSync(file)).digest('base64url').slice(0, 22),
      };
      this.known.set(file, entry);
    }
    return `"${entry.hash}${encoding ? `-${encoding}` : ''}"`;
  }
}
