import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { brotliTransferSize } from '../../server/static/precompress.ts';
import type { CopyFile } from './manifest.ts';

/**
 * Reading the built client folder for the offline copy: a page's URL ↔ its file, what a page
 * loads (CSS, JS, images, fonts), and each file's revision and size on the wire.
 */

/** `/a/b/` → `a/b/index.html`; an asset's URL is its path. */
export const fileOfUrl = (url: string) => (url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1));

/** `a/b/index.html` → `/a/b/`. */
export const urlOfPage = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** Every `index.html` under a folder of the client, as page URLs. */
export function pagesUnder(clientDir: string, folder: string): string[] {
  const dir = join(clientDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) =>
      urlOfPage(
        posix.join(folder, posix.relative(dir.replaceAll('\\', '/'), e.parentPath.replaceAll('\\', '/')), 'index.html'),
      ),
    )
    .sort();
}

// Files a page needs to look and work as online; links to other pages are not among them. JSON:
// the district picker's services file, which a page names in `data-services-href` (matched below).
const ASSET = /\.(css|js|mjs|svg|png|webp|jpg|jpeg|woff2?|webmanifest|json)$/;
const HTML_REFS = /\b(?:src|href)="(\/[^"#?]+)"/g;
// Vite's chunks import each other by relative path: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`.
const JS_REFS = /\bimport\s*(?:[\w{}*,\s$]*from\s*)?\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
const CSS_REFS = /url\(\s*["']?(?!data:)([^)"'#?]+)/g;

/**
 * The URLs of `urls` plus every same-site asset they load, followed through CSS `url()` and JS
 * imports. URLs whose file does not exist (links to PDFs not made yet, the API) are left out.
 */
export function withAssets(clientDir: string, urls: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...urls];
  while (queue.length) {
    const url = queue.shift() as string;
    if (
      seen.has(url) ||
      !existsSync(join(clientDir, fileOfUrl(url))) ||
      statSync(join(clientDir, fileOfUrl(url))).isDirectory()
    )
      continue;
    seen.add(url);
    const text = /\.(html|css|js|mjs)$/.test(fileOfUrl(url))
      ? readFileSync(join(clientDir, fileOfUrl(url)), 'utf8')
      : '';
    if (url.endsWith('/')) for (const [, ref = ''] of text.matchAll(HTML_REFS)) if (ASSET.test(ref)) queue.push(ref);
    const base = posix.dirname(url);
    if (/\.m?js$/.test(url)) for (const [, ref = ''] of text.matchAll(JS_REFS)) queue.push(posix.resolve(base, ref));
    if (url.endsWith('.css'))
      for (const [, ref = ''] of text.matchAll(CSS_REFS))
        queue.push(ref.startsWith('/') ? ref : posix.resolve(base, ref));
  }
  return [...seen].sort();
}

/** A file's entry in a manifest: its revision (content hash) and what it costs on the wire. */
export function copyFile(clientDir: string, url: string): CopyFile {
  const file = fileOfUrl(url);
  const content = readFileSync(join(clientDir, file));
  return {
    url,
    revision: createHash('sha256').update(content).digest('hex').slice(0, 16),
    bytes: brotliTransferSize(file, content),
  };
}
