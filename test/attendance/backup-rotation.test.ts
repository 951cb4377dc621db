import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { backupName } from '../../src/attendance/backup/files.ts';
import { planRotation, rotateBackups } from '../../src/attendance/backup/rotate.ts';
import { cli, sqliteBackup } from '../support/backups.ts';
import { migrations } from '../../src/attendance/migrations/index.ts';

/** The code's latest migration: what a backup taken now records. */
const LATEST = Object.keys(migrations).at(-1) as string;

/** Two backups a day, 02:00 and 14:00 UTC, from 1 October to 1 December 2026 (a Tuesday). */
const twiceDaily = Array.from({ length: 62 * 2 }, (_, i) =>
  backupName('sqlite', new Date(Date.UTC(2026, 9, 1, 2 + (i % 2) * 12) + Math.floor(i / 2) * 86_400_000)),
);

function folderOf(names: string[], extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'tejido-rotation-'));
  for (const name of names) for (const suffix of ['', '.json', '.sha256']) writeFileSync(join(dir, name + suffix), 'x');
  for (const name of extra) writeFileSync(join(dir, name), 'x');
  return dir;
}

describe('backup rotation', () => {
  test('keeps the newest backup of each of the last 7 days and of each of the last 4 weeks', () => {
    expect(twiceDaily.at(-1)).toBe('tejido-2026-12-01T140000Z.sqlite');
    const { keep, remove } = planRotation(twiceDaily, { daily: 7, weekly: 4 });
    expect(keep).toEqual([
      // Days: 1 December back to 25 November.
      'tejido-2026-12-01T140000Z.sqlite',
      'tejido-2026-11-30T140000Z.sqlite',
      'tejido-2026-11-29T140000Z.sqlite',
      'tejido-2026-11-28T140000Z.sqlite',
      'tejido-2026-11-27T140000Z.sqlite',
      'tejido-2026-11-26T140000Z.sqlite',
      'tejido-2026-11-25T140000Z.sqlite',
      // Weeks: this one and the last are already kept (1 December, Sunday 29 November); then two Sundays more.
      'tejido-2026-11-22T140000Z.sqlite',
      'tejido-2026-11-15T140000Z.sqlite',
    ]);
    expect(remove).toHaveLength(twiceDaily.length - 9);
  });

  test('days and weeks without a backup are skipped, not counted', () => {
    const sparse = [
      'tejido-2026-12-01T020000Z.sqlite',
      'tejido-2026-11-10T020000Z.sqlite',
      'tejido-2026-10-01T020000Z.sqlite',
      'tejido-2026-06-01T020000Z.sqlite',
      'tejido-2025-01-01T020000Z.sqlite',
    ];
    expect(planRotation(sparse, { daily: 2, weekly: 4 }).keep).toEqual(sparse.slice(0, 4));
    expect(planRotation(sparse, { daily: 0, weekly: 0 }).keep).toEqual([]);
  });

  test('never deletes the copy just taken, even when a later-dated one sits beside it', () => {
    const dir = folderOf(['tejido-2026-12-01T230000Z.sqlite', 'tejido-2026-12-01T020000Z.sqlite']);
    expect(rotateBackups(dir, { daily: 1, weekly: 0 }, 'tejido-2026-12-01T020000Z.sqlite')).toEqual([]);
    expect(rotateBackups(dir, { daily: 1, weekly: 0 })).toEqual(['tejido-2026-12-01T020000Z.sqlite']);
  });

  test('deletes the others with their manifests and checksums, and never touches other files', () => {
    const dir = folderOf(twiceDaily, ['notes.txt', 'tejido-latest.sqlite', 'tejido.sqlite']);
    const removed = rotateBackups(dir, { daily: 7, weekly: 4 });
    expect(removed).toHaveLength(twiceDaily.length - 9);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(9 * 3 + 3);
    expect(left).toEqual(
      expect.arrayContaining([
        'notes.txt',
        'tejido-latest.sqlite',
        'tejido.sqlite',
        'tejido-2026-11-15T140000Z.sqlite.json',
        'tejido-2026-11-15T140000Z.sqlite.sha256',
      ]),
    );
  });

  test('npm run backup -- --keep-daily 7 --keep-weekly 4 takes a new copy and prunes the folder', async () => {
    const { dataDir } = await sqliteBackup();
    // Two a day for 60 days before now: the new copy is the newest.
    const dir = folderOf(
      Array.from({ length: 120 }, (_, i) => backupName('sqlite', new Date(Date.now() - (i + 1) * 12 * 3_600_000))),
    );
    const answer = await cli('backup', ['--to', dir, '--keep-daily', '7', '--keep-weekly', '4'], { DATA_DIR: dataDir });
    expect(answer.code, answer.stderr).toBe(0);
    const [written, removed] = answer.stdout.trim().split('\n');
    expect(written).toMatch(
      new RegExp(
        `^Backup of sqlite written to \\S+\\/tejido-\\d{4}-\\d{2}-\\d{2}T\\d{6}Z\\.sqlite \\(0\\.\\d\\d MB, \\d+\\.\\d s, schema ${LATEST}\\)\\.$`,
      ),
    );
    // The new copy is the newest of its day and week; what stays is what the plan keeps with it.
    expect(removed).toMatch(/^Removed \d+ older backups: tejido-/);
    const backups = readdirSync(dir).filter((f) => f.endsWith('.sqlite'));
    // The copy holds names: readable by its owner only.
    const newest = written!.split(' ')[5]!;
    for (const file of [newest, `${newest}.json`, `${newest}.sha256`])
      expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
    // Nothing left that a second pass would remove: 7 days, and up to 4 older Sundays' copies.
    expect(planRotation(readdirSync(dir), { daily: 7, weekly: 4 }).remove).toEqual([]);
    expect(backups.length).toBeGreaterThanOrEqual(7 + 2);
    expect(backups.length).toBeLessThanOrEqual(7 + 4);
    expect(backups).toContain(basename(newest));
  });

  test('npm run backup without a database says where it looked, and makes no folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tejido-data-'));
    const to = join(dataDir, 'never-made');
    const answer = await cli('backup', ['--to', to], { DATA_DIR: dataDir });
    expect(answer.code).toBe(1);
    expect(answer.stderr.trim()).toBe(
      `No Tejido database at ${join(dataDir, 'tejido.sqlite')}: set DATA_DIR to the server's data folder (or DATABASE_URL for PostgreSQL).`,
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test('--keep-daily must be a whole number', async () => {
    const answer = await cli('backup', ['--keep-daily', 'seven'], {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tejido-data-')),
    });
    expect(answer.code).toBe(2);
    expect(answer.stderr.trim()).toBe(
      '--keep-daily takes a whole number of backups to keep, e.g. --keep-daily 7 (got "seven").',
    );
  });
});
