import { basename } from 'node:path';

export type BackupKind = 'sqlite' | 'postgresql';

/** The copy's extension: a SQLite database file, or a pg_dump custom-format archive. */
export const extensionOf: Record<BackupKind, string> = { sqlite: '.sqlite', postgresql: '.dump' };

const namePattern = /^tejido-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z\.(sqlite|dump)$/;

/** `tejido-2026-12-01T132800Z.sqlite`: sorts by time, and has no colon (Windows, scp). */
export function backupName(kind: BackupKind, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '');
  return `tejido-${stamp}${extensionOf[kind]}`;
}

/** The time in a backup's name; undefined for any other file, which rotation never touches. */
export function timeOfBackup(fileName: string): Date | undefined {
  const m = namePattern.exec(basename(fileName));
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The two small files written beside each copy. */
export const manifestPath = (copy: string) => `${copy}.json`;
export const checksumPath = (copy: string) => `${copy}.sha256`;
