import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { backupName, checksumPath, manifestPath, type BackupKind } from './files.ts';
import { sha256Of, tejidoVersion, type Manifest } from './manifest.ts';
import { pgTool } from './pg-tools.ts';

export interface TakenBackup {
  path: string;
  manifest: Manifest;
  /** How long the copy took, in milliseconds. */
  elapsedMs: number;
}

/** Where the copy comes from: the settings the server reads (connect.ts). */
export function sourceOf(
  env: NodeJS.ProcessEnv,
): { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string } {
  // The owner's URL, because in the two-role set-up the app role may not read every table.
  const url = env.DATABASE_OWNER_URL ?? env.DATABASE_URL;
  if (url) return { kind: 'postgresql', url };
  return { kind: 'sqlite', file: join(resolve(env.DATA_DIR ?? 'data'), 'tejido.sqlite') };
}

/**
 * A consistent copy while the server keeps writing. SQLite: VACUUM INTO reads in one transaction,
 * so under WAL it sees one committed state and never blocks the writers (the online backup API
 * would start over each time the server commits). PostgreSQL: pg_dump, which reads in one
 * repeatable-read snapshot. The copy is written under a temporary name and renamed at the end,
 * so a half-written file never looks like a backup.
 */
export async function takeBackup(env: NodeJS.ProcessEnv, toDir: string, now = new Date()): Promise<TakenBackup> {
  const started = performance.now();
  const source = sourceOf(env);
  if (source.kind === 'sqlite' && !existsSync(source.file))
    throw new Error(
      `No Tejido database at ${source.file}: set DATA_DIR to the server's data folder (or DATABASE_URL for PostgreSQL).`,
    );
  // The copy holds the members' names: readable by the server's user only (README, "Backups").
  mkdirSync(toDir, { recursive: true, mode: 0o700 });
  const path = join(resolve(toDir), backupName(source.kind, now));
  // Two runs in the same second would otherwise replace the first copy with the second.
  if (existsSync(path)) throw new Error(`${path} already exists: one backup a second at most; run it again.`);
  const partial = `${path}.partial`;
  let latestMigration: string;
  try {
    if (source.kind === 'sqlite') latestMigration = copySqlite(source.file, partial);
    else {
      latestMigration = await latestPostgresMigration(source.url);
      await pgTool('pg_dump', source.url, ['--format=custom', '--no-password', `--file=${partial}`]);
    }
    chmodSync(partial, 0o600);
    const manifest: Manifest = {
      format: 'tejido-backup',
      kind: source.kind as BackupKind,
      takenAt: now.toISOString(),
      tejidoVersion: tejidoVersion(),
      latestMigration,
      bytes: statSync(partial).size,
      sha256: await sha256Of(partial),
    };
    renameSync(partial, path);
    writeFileSync(checksumPath(path), `${manifest.sha256}  ${basename(path)}\n`, { mode: 0o600 });
    writeFileSync(manifestPath(path), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return { path, manifest, elapsedMs: performance.now() - started };
  } finally {
    rmSync(partial, { force: true });
  }
}

function copySqlite(file: string, into: string): string {
  let database: DatabaseSync;
  try {
    database = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
  } catch (error) {
    throw new Error(
      `No Tejido database at ${file} (set DATA_DIR to the server's data folder): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    // One read transaction: the copy is one committed state, whatever the server writes meanwhile.
    database.prepare('VACUUM INTO ?').run(into);
  } finally {
    database.close();
  }
  // The migration is read from the copy itself, so the manifest names the copy's schema.
  const copy = new DatabaseSync(into, { readOnly: true });
  try {
    const row = copy.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'").get()
      ? (copy.prepare('select name from kysely_migration order by name desc limit 1').get() as
          { name: string } | undefined)
      : undefined;
    if (!row) throw new Error(`${file} has no migrations: not a Tejido database yet.`);
    return row.name;
  } finally {
    copy.close();
  }
}

async function latestPostgresMigration(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port, pathname } = new URL(url);
    throw new Error(
      `Cannot reach the database ${pathname.slice(1)} on ${hostname}:${port || 5432} (DATABASE_OWNER_URL, else DATABASE_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    const { rows } = await client.query<{ name: string }>(
      'select name from kysely_migration order by name desc limit 1',
    );
    if (!rows[0]) throw new Error('The database has no migrations: not a Tejido database yet.');
    return rows[0].name;
  } finally {
    await client.end();
  }
}
