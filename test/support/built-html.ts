import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Starlight's sidebar in a built page: the `<nav class="sidebar …">` element, from its opening tag
 * to its matching `</nav>` (the sidebar's state script, tree and mobile footer), or '' if absent.
 */
export function sidebarHtml(html: string): string {
  const start = html.search(/<nav class="sidebar[\s"]/);
  if (start < 0) return '';
  const tags = /<(\/?)nav\b/g;
  tags.lastIndex = start;
  let depth = 0;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    depth += tag[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, html.indexOf('>', tag.index) + 1);
  }
  throw new Error('the sidebar <nav> is never closed');
}

/** Every `.html` file under a folder (the build's client output), recursively, as paths. */
export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** Bytes of all HTML a build wrote (uncompressed, as on disk), and how many of them are sidebars. */
export function htmlWeight(clientDir: string): { files: number; bytes: number; sidebarBytes: number } {
  let bytes = 0;
  let sidebarBytes = 0;
  const files = htmlFiles(clientDir);
  for (const file of files) {
    bytes += statSync(file).size;
    sidebarBytes += Buffer.byteLength(sidebarHtml(readFileSync(file, 'utf8')));
  }
  return { files: files.length, bytes, sidebarBytes };
}
