// What this phone has saved, read from Cache Storage by the pages themselves (the control and
// the offline page), so it is right with or without signal and without asking the worker.
import type { ProgrammeCopy } from './manifest.ts';
import { CACHE_PREFIX, manifestUrl, programmeOfCache } from './names.ts';

export interface SavedCopy {
  /** The copy's manifest as saved with it; undefined while a download is unfinished. */
  manifest?: ProgrammeCopy;
}

/** Every programme with a cache on this phone: complete ones carry their manifest. */
export async function savedCopies(): Promise<Map<string, SavedCopy>> {
  const saved = new Map<string, SavedCopy>();
  if (!('caches' in window)) return saved;
  for (const name of await caches.keys()) {
    const id = programmeOfCache(name);
    if (!id) continue;
    const stored = await (await caches.open(name)).match(manifestUrl(id));
    const manifest = stored ? ((await stored.json()) as ProgrammeCopy) : undefined;
    if (!saved.get(id)?.manifest) saved.set(id, { manifest });
  }
  return saved;
}

/** Deletes a programme's copy, every version of it. Files it shares with another copy stay in that one. */
export async function removeCopy(programmeId: string): Promise<void> {
  for (const name of await caches.keys())
    if (name.startsWith(`${CACHE_PREFIX}:`) && programmeOfCache(name) === programmeId) await caches.delete(name);
}
