import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Organisation } from '../curriculum/schemas/index.ts';
import { contentRoot } from '../curriculum/astro/content-root.ts';

const types: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/**
 * The organisation's logo (a file inside content/) as a data: URI, so a printed page needs no
 * other request. Read at build time.
 */
export function logoDataUri(organisation: Organisation): string | undefined {
  if (!organisation.logo) return undefined;
  // The content folder may be another organisation's (TEJIDO_CONTENT_ROOT), not this project's.
  const file = join(contentRoot(), 'content', organisation.logo);
  return `data:${types[extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${readFileSync(file).toString('base64')}`;
}
