import { statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Astro's content-hashed scripts and stylesheets: loaded by pages, never run as a worker, and
 * never rendered as a document (nosniff keeps a browser from reading one as HTML).
 */
const HASHED_BUNDLE = /^\/_astro\/[^/]+\.(?:css|js)$/;
/** SVG images (the favicon, every page): an SVG opened as a document could run script, so it keeps a short policy. */
const SVG = /^\/(?:_astro\/)?[^/]+\.svg$/;

/**
 * Whether this request path is one of the built site's hashed bundles, as a file that exists: a
 * path that only looks like one gets the 404 page, a document, with every header of a document.
 */
export function isHashedBundle(clientDir: string, path: string): boolean {
  if (!HASHED_BUNDLE.test(path)) return false;
  try {
    return statSync(join(clientDir, path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Headers every response carries, whatever produced it: a prerendered page, a hashed asset, the
 * service worker, a PDF, an API answer or a 404. They are set before Astro or the adapter's
 * static file handler run, and any header those set themselves wins.
 */
export function securityHeaders(options: {
  csp: string;
  https: boolean;
  path: string;
  /** The path is a hashed bundle that exists (isHashedBundle). */
  bundle?: boolean;
}): Record<string, string> {
  const api = options.path.startsWith('/api/');
  // A hashed bundle needs nosniff only. A policy, frame and opener headers act on documents and
  // workers, and a referrer policy on what a document asks for: on a script or stylesheet they do
  // nothing, and a first visit loads half a dozen of them (~0.2 KB of headers each, issue 13).
  // Referrer-Policy stays on stylesheets: a stylesheet's own url() requests follow it.
  if (options.bundle)
    return {
      'x-content-type-options': 'nosniff',
      ...(options.path.endsWith('.css') ? { 'referrer-policy': 'same-origin' } : {}),
    };
  return {
    // An API answer is data, never a document: nothing in it may load or run, in a frame or not
    // (and the phone's sync saves the 800 bytes of the site's policy on every call). The same for
    // an SVG image: opened as a document, the short policy only forbids more.
    'content-security-policy':
      api || SVG.test(options.path) ? "default-src 'none'; frame-ancestors 'none'" : options.csp,
    'x-content-type-options': 'nosniff',
    // Not "no-referrer": with it a browser sends `Origin: null` on a form post, and the
    // coordinator page's sign-in form is refused by its own origin check.
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    // Only over HTTPS (a browser ignores it over http anyway); no includeSubDomains: an
    // organisation's other sites on subdomains may not all have certificates.
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
    // Answers about women must not stay in a shared phone's or a proxy's cache.
    ...(api ? { 'cache-control': 'no-store' } : {}),
  };
}
