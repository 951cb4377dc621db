import { relative, resolve } from 'node:path';

/**
 * The folder that holds `content/`: the project itself, or another organisation's copy named by
 * TEJIDO_CONTENT_ROOT (e.g. test/fixtures/caja-ejemplo). Paths are returned relative to the
 * project so Astro's loaders and Starlight's helpers treat them like their own.
 */
export function contentRoot(): string {
  return resolve(process.env.TEJIDO_CONTENT_ROOT ?? process.cwd());
}

export function contentPath(...parts: string[]): string {
  const path = relative(process.cwd(), resolve(contentRoot(), 'content', ...parts));
  return path.startsWith('.') ? path : `./${path}`;
}
