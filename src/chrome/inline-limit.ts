/**
 * Below this many bytes a stylesheet is cheaper inside the page than as its own file: a request
 * of a hashed file costs ~0.42 KB of response headers on a first visit, more than such a sheet
 * weighs compressed in every page that uses it.
 */
export const INLINE_CSS_BELOW = 600;

/**
 * Vite's `build.assetsInlineLimit`, which Astro also asks about each script and stylesheet of a
 * page (issue 13). Scripts: never inlined. A cached file costs nothing on the next page, while an
 * inlined script (Astro inlines small ones) is paid again on every page, and the CSP must allow
 * each by hash. Stylesheets: only the tiny ones. Other assets (images imported by code): files.
 */
export function inlineInPage(file: string, content: Buffer): boolean {
  return file.endsWith('.css') && content.byteLength < INLINE_CSS_BELOW;
}
