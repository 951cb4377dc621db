import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { copyIndexSchema, programmeCopySchema } from '../src/field-app/offline/manifest.ts';

/** One offline copy a facilitator can download: its name, files, weight on disk and on the wire (brotli). */
export interface OfflineCopy {
  name: string;
  files: number;
  bytes: number;
  wireBytes: number;
  /** Each file's address and size on disk: copies share files (the page script, the styles), counted once here. */
  sizes: Map<string, number>;
}

/**
 * The offline copies a build offers, one per programme, read from what the build wrote
 * (/offline/index.json and /offline/<programme>.json), never recomputed: the wire bytes are the
 * manifest's own (what the "Guardar" button says before she taps), the disk bytes those of the files.
 */
export function offlineCopies(clientDir: string): OfflineCopy[] {
  const index = copyIndexSchema.parse(JSON.parse(readFileSync(join(clientDir, 'offline', 'index.json'), 'utf8')));
  return index.programmes.map((programme) => {
    const copy = programmeCopySchema.parse(
      JSON.parse(readFileSync(join(clientDir, 'offline', `${programme.id}.json`), 'utf8')),
    );
    const sizes = new Map(copy.files.map((file) => [file.url, sizeOf(clientDir, file.url)]));
    const onDisk = [...sizes.values()].reduce((n, size) => n + size, 0);
    return { name: copy.title, files: copy.files.length, bytes: onDisk, wireBytes: copy.bytes, sizes };
  });
}

/** A page `/a/b/` is the file a/b/index.html; anything else is its own path. */
function sizeOf(clientDir: string, url: string): number {
  const path = join(clientDir, url.endsWith('/') ? `${url}index.html` : url);
  return existsSync(path) ? statSync(path).size : 0;
}
