import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Text files worth compressing. Pagefind's fragments, indexes and WebAssembly are gzip-compressed
 * by Pagefind itself; images, fonts and PDFs are compressed formats already.
 */
export const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|xml|txt|webmanifest|map)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

/**
 * Writes `file.br` (brotli, best quality) and `file.gz` (gzip -9) next to every text file of the
 * built site, once, at build time, so the server never compresses a static file per request
 * (src/server/static/serve-static.ts picks the copy the phone accepts). A copy that would not be
 * smaller than 90% of the original is not written.
 */
export function precompress(dir: string): { files: number; bytes: number; brotliBytes: number; gzipBytes: number } {
  const totals = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const content = readFileSync(path);
    if (content.length < MIN_BYTES) continue;
    const br = brotli(content);
    const gz = gzipSync(content, { level: 9 });
    if (br.length < content.length * 0.9) writeFileSync(`${path}.br`, br);
    if (gz.length < content.length * 0.9) writeFileSync(`${path}.gz`, gz);
    totals.files++;
    totals.bytes += content.length;
    totals.brotliBytes += Math.min(br.length, content.length);
    totals.gzipBytes += Math.min(gz.length, content.length);
  }
  return totals;
}

const brotli = (content: Buffer) =>
  brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });

/**
 * The bytes the server will send for a file with `Accept-Encoding: br`: its brotli copy where
 * `precompress` writes one, the file itself otherwise. Lets the build show a download's size
 * before the copies exist (the offline copy's manifests are written before this integration runs).
 */
export function brotliTransferSize(name: string, content: Buffer): number {
  if (!COMPRESSIBLE.test(name) || content.length < MIN_BYTES) return content.length;
  const size = brotli(content).length;
  return size < content.length * 0.9 ? size : content.length;
}

/** Last in astro.config.mjs: after the service worker and the CSP manifest are written. */
export function precompressIntegration(): AstroIntegration {
  return {
    name: 'tejido:precompress',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const t = precompress(fileURLToPath(dir));
        const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
        logger.info(
          `${t.files} text files precompressed: ${kb(t.bytes)} → ${kb(t.brotliBytes)} brotli, ${kb(t.gzipBytes)} gzip`,
        );
      },
    },
  };
}
