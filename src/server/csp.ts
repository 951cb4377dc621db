import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * The Content-Security-Policy, sent as a header on every response by src/server/serve.ts.
 *
 * Astro 7's own `security.csp` was not used: it hashes only the scripts Astro bundles, not
 * Starlight's `is:inline` ones (theme, sidebar state: withastro/astro#16678), so it would block
 * them; it writes a <meta> tag, where `frame-ancestors` is ignored; and the adapter's
 * `staticHeaders` header covers prerendered pages only, not assets, the service worker or PDFs.
 * Instead, after the build, every inline script in the built pages is hashed here, and only
 * those scripts (plus files from the site itself) may run. Inline styles stay allowed: Starlight
 * and the SVG charts use style attributes, and a style cannot run code.
 */
export const SECURITY_FILE = 'security.json';

export interface SecurityManifest {
  /** 'sha256-…' of every inline <script> the build wrote. */
  scriptHashes: string[];
}

export function contentSecurityPolicy({ scriptHashes }: SecurityManifest): string {
  return [
    "default-src 'self'",
    // Pagefind's search index is WebAssembly: 'wasm-unsafe-eval' allows compiling it, not eval().
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'${h}'`).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // No connect-src, manifest-src or worker-src: each would say 'self', which they take from
    // default-src (workers through script-src, whose hashes never match a worker's URL) anyway,
    // and every page would pay 59 bytes more for the same policy (issue 13).
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Hashes of the inline scripts in every HTML file under `dir` (data blocks such as JSON-LD are not scripts). */
export function inlineScriptHashes(dir: string): string[] {
  const hashes = new Set<string>();
  for (const file of htmlFiles(dir)) {
    for (const [, attributes = '', body = ''] of readFileSync(file, 'utf8').matchAll(
      /<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
    )) {
      if (
        /\bsrc\s*=/i.test(attributes) ||
        /\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attributes) ||
        body === ''
      )
        continue;
      hashes.add(`sha256-${createHash('sha256').update(body).digest('base64')}`);
    }
  }
  return [...hashes].sort();
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Writes security.json next to the server entry once the site is built. */
export function cspIntegration(): AstroIntegration {
  let serverDir = '';
  return {
    name: 'tejido:csp',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = fileURLToPath(config.build.server);
      },
      'astro:build:done': ({ dir, logger }) => {
        const manifest: SecurityManifest = { scriptHashes: inlineScriptHashes(fileURLToPath(dir)) };
        writeFileSync(join(serverDir, SECURITY_FILE), JSON.stringify(manifest, null, 2));
        logger.info(`content security policy: ${manifest.scriptHashes.length} inline scripts allowed by hash`);
      },
    },
  };
}
