import { precachedFiles } from '../src/field-app/precache.ts';

/** One offline copy a facilitator can download: its name and weight on disk and gzipped. */
export interface OfflineCopy {
  name: string;
  files: number;
  bytes: number;
  gzipBytes: number;
}

/**
 * The offline copies a build offers, read from what the build wrote (the service worker's
 * precache list), never recomputed. Today there is one, the whole site. When the copy is split
 * per programme (issue 13, item 2), return one entry per programme's copy here: bench/scale.ts
 * then reports the largest and the sum.
 */
export function offlineCopies(clientDir: string): OfflineCopy[] {
  const files = precachedFiles(clientDir);
  const sum = (key: 'bytes' | 'gzipBytes') => files.reduce((n, f) => n + f[key], 0);
  return [{ name: 'whole site', files: files.length, bytes: sum('bytes'), gzipBytes: sum('gzipBytes') }];
}
