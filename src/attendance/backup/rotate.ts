import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checksumPath, manifestPath, timeOfBackup } from './files.ts';

export interface Keep {
  /** The newest backup of each of the last N days that have one. */
  daily: number;
  /** The newest backup of each of the last N ISO weeks (Monday to Sunday, UTC) that have one. */
  weekly: number;
}

/** Monday of the UTC week holding `at`, as YYYY-MM-DD. */
function weekOf(at: Date): string {
  const monday = new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/**
 * Which backups (file names) to keep: the newest of each of the last `daily` days and of each of
 * the last `weekly` weeks. A backup may count for both. Files whose names are not a backup's are
 * not returned by either list: rotation never touches them.
 */
export function planRotation(fileNames: string[], keep: Keep): { keep: string[]; remove: string[] } {
  const dated = fileNames
    .map((name) => ({ name, at: timeOfBackup(name) }))
    .filter((f): f is { name: string; at: Date } => f.at !== undefined)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const kept = new Set<string>();
  const newestPer = (bucket: (at: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const f of dated) {
      const key = bucket(f.at);
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      kept.add(f.name);
    }
  };
  newestPer((at) => at.toISOString().slice(0, 10), keep.daily);
  newestPer(weekOf, keep.weekly);
  return {
    keep: dated.filter((f) => kept.has(f.name)).map((f) => f.name),
    remove: dated.filter((f) => !kept.has(f.name)).map((f) => f.name),
  };
}

/**
 * Deletes the backups `planRotation` does not keep, with their manifests and checksums, but never
 * `justTaken` (a copy dated later by a wrong clock must not make the new one go). Returns the names removed.
 */
export function rotateBackups(dir: string, keep: Keep, justTaken?: string): string[] {
  const remove = planRotation(readdirSync(dir), keep).remove.filter((name) => name !== justTaken);
  for (const name of remove) {
    const path = join(dir, name);
    for (const file of [path, manifestPath(path), checksumPath(path)]) rmSync(file, { force: true });
  }
  return remove;
}
