/**
 * Astro's hashed bundles, loaded by pages, never opened as a document nor run as a worker; and
 * SVG images (the favicon, every page): opened as a document, the short policy only forbids more.
 */
const SUBRESOURCE = /^\/(?:_astro\/[^/]+\.(?:css|js|svg)|[^/]+\.svg)$/;

/**
 * Headers every response carries, whatever produced it: a prerendered page, a hashed asset, the
 * service worker, a PDF, an API answer or a 404. They are set before Astro or the adapter's
 * static file handler run, and any header those set themselves wins.
 */
export function securityHeaders(options: { csp: string; https: boolean; path: string }): Record<string, string> {
  const api = options.path.startsWith('/api/');
  return {
    // An API answer is data, never a document: nothing in it may load or run, in a frame or not
    // (and the phone's sync saves the 800 bytes of the site's policy on every call). The same
    // for Astro's hashed CSS and JS: a policy acts on documents and workers only, and a first
    // visit loads about ten of them, so the full policy would add some 10 KB to her first page.
    'content-security-policy':
      api || SUBRESOURCE.test(options.path) ? "default-src 'none'; frame-ancestors 'none'" : options.csp,
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
