import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './content-root.ts';

const run = promisify(execFile);
const pgBin = { PG_BIN: process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin' };

/** Runs `npm run backup`, `restore` or `migrate`'s command as an operator would; its exit code and output. */
export async function cli(name: 'backup' | 'restore' | 'migrate', args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(projectRoot, `src/attendance/cli/${name}.ts`), ...args],
      { cwd: projectRoot, env: { ...process.env, ...pgBin, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A fresh SQLite data folder migrated by `npm run migrate`, and one backup of it taken by `npm run backup`. */
export async function sqliteBackup(): Promise<{ dataDir: string; backupDir: string; file: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tejido-data-'));
  const backupDir = mkdtempSync(join(tmpdir(), 'tejido-backups-'));
  const migrated = await cli('migrate', [], { DATA_DIR: dataDir });
  if (migrated.code !== 0) throw new Error(migrated.stderr);
  const taken = await cli('backup', ['--to', backupDir], { DATA_DIR: dataDir });
  if (taken.code !== 0) throw new Error(taken.stderr);
  return { dataDir, backupDir, file: /written to (\S+) \(/.exec(taken.stdout)![1]! };
}
