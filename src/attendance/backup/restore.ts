import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { nodeSqliteDialect } from '../db/node-sqlite-dialect.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { migrations } from '../migrations/index.ts';
import { checksumPath, manifestPath } from './files.ts';
import { manifestSchema, sha256Of, type Manifest } from './manifest.ts';
import { archiveContents, pgTool } from './pg-tools.ts';
import { sourceOf } from './take.ts';

export type RefusalCode =
  'not_found' | 'not_a_backup' | 'checksum_mismatch' | 'newer_than_code' | 'wrong_kind' | 'target_not_empty';

/** A restore that was not attempted, and why; nothing was written. */
export class RestoreRefused extends Error {
  readonly code: RefusalCode;
  constructor(code: RefusalCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

/** Tables every Tejido database has had since the first migrations. */
const tejidoTables = [
  'kysely_migration',
  'installation',
  'organisations',
  'users',
  'banks',
  'members',
  'deliveries',
  'attendance',
  'audit_log',
];
const knownMigrations = Object.keys(migrations);
const latestKnown = knownMigrations.at(-1)!;

/** Everything checked before anything is written: the manifest, the checksum, the schema's age, the file's content. */
export async function verifyBackup(file: string): Promise<Manifest> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new RestoreRefused('not_found', `${file} does not exist or is not a file.`);
  const name = basename(file);
  if (!existsSync(manifestPath(file)))
    throw new RestoreRefused(
      'not_a_backup',
      `${name} has no manifest (${basename(manifestPath(file))}) beside it: not a Tejido ` +
        `backup. Restore a file made by \`npm run backup\`, with its .json and .sha256 files.`,
    );
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath(file), 'utf8')));
  } catch {
    throw new RestoreRefused('not_a_backup', `${basename(manifestPath(file))} is not a Tejido backup manifest.`);
  }
  const size = statSync(file).size;
  const sum = await sha256Of(file);
  const listed = existsSync(checksumPath(file))
    ? readFileSync(checksumPath(file), 'utf8').split(/\s+/)[0]
    : manifest.sha256;
  if (size !== manifest.bytes || sum !== manifest.sha256 || listed !== manifest.sha256)
    throw new RestoreRefused(
      'checksum_mismatch',
      `${name} is ${size} bytes with SHA-256 ${sum.slice(0, 12)}…, but its manifest says ${manifest.bytes} bytes, ` +
        `${manifest.sha256.slice(0, 12)}…: the copy is truncated or altered. Take another copy of the file, or restore an older backup.`,
    );
  if (!knownMigrations.includes(manifest.latestMigration)) {
    const newer = manifest.latestMigration > latestKnown;
    throw new RestoreRefused(
      newer ? 'newer_than_code' : 'not_a_backup',
      newer
        ? `${name} was taken from a newer Tejido (its schema reaches migration ${manifest.latestMigration}; this code knows up to ${latestKnown}). ` +
            `Upgrade Tejido to version ${manifest.tejidoVersion} or later, then restore.`
        : `${name} names migration ${manifest.latestMigration}, which this code has never had.`,
    );
  }
  if (manifest.kind === 'sqlite') checkSqliteFile(file, manifest);
  else await checkArchive(file);
  return manifest;
}

function checkSqliteFile(file: string, manifest: Manifest): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0')
    throw new RestoreRefused('not_a_backup', `${basename(file)} is not a SQLite database.`);
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = new Set(
      (database.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = tejidoTables.filter((t) => !tables.has(t));
    if (missing.length > 0)
      throw new RestoreRefused(
        'not_a_backup',
        `${basename(file)} is a SQLite database but not Tejido's: it lacks the tables ${missing.join(', ')}.`,
      );
    const names = (database.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
      (r) => r.name,
    );
    const unknown = names.filter((n) => !knownMigrations.includes(n));
    if (unknown.length > 0)
      throw new RestoreRefused(
        'newer_than_code',
        `${basename(file)} has migrations this code does not know (${unknown.join(', ')}): upgrade Tejido first.`,
      );
    if (names.at(-1) !== manifest.latestMigration)
      throw new RestoreRefused(
        'not_a_backup',
        `${basename(file)} reaches migration ${names.at(-1)}, but its manifest says ${manifest.latestMigration}.`,
      );
  } finally {
    database.close();
  }
}

async function checkArchive(file: string): Promise<void> {
  let contents: string;
  try {
    contents = await archiveContents(file);
  } catch (error) {
    throw new RestoreRefused(
      'not_a_backup',
      `${basename(file)} is not a pg_dump archive (${(error as Error).message}).`,
    );
  }
  const missing = tejidoTables.filter((t) => !new RegExp(`\\bTABLE \\S+ ${t} `).test(contents));
  if (missing.length > 0)
    throw new RestoreRefused(
      'not_a_backup',
      `${basename(file)} is a pg_dump archive but not of Tejido: it lacks the tables ${missing.join(', ')}.`,
    );
}

export interface Restored {
  kind: Manifest['kind'];
  /** Where it went: the SQLite file, or the database's name. */
  into: string;
  manifest: Manifest;
  /** Migrations run after the restore, when the backup was older than the code. */
  migrated: string[];
}

/** Restores a verified backup into the place the settings name, which must be empty. */
export async function restoreBackup(file: string, env: NodeJS.ProcessEnv): Promise<Restored> {
  const manifest = await verifyBackup(file);
  const target = sourceOf(env);
  if (target.kind !== manifest.kind)
    throw new RestoreRefused(
      'wrong_kind',
      `${basename(file)} is a ${manifest.kind} backup, but the settings point at ${target.kind} ` +
        `(${target.kind === 'sqlite' ? 'DATABASE_URL is not set' : 'DATABASE_URL is set'}).`,
    );
  const migrated = knownMigrations.filter((m) => m > manifest.latestMigration);
  if (target.kind === 'sqlite') {
    restoreSqlite(file, target.file);
    const db = new Kysely<any>({ dialect: nodeSqliteDialect(target.file) });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    return { kind: 'sqlite', into: target.file, manifest, migrated };
  }
  await refuseNonEmptyDatabase(target.url);
  await pgTool('pg_restore', target.url, [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    '--no-password',
    file,
  ]);
  // The same path as the server's start: migrations forward, then the app role's grants when
  // DATABASE_OWNER_URL is set (the copy's own grants named roles of another server).
  const connection = connect(env);
  try {
    await prepareDatabase(connection, env);
  } finally {
    await connection.db.destroy();
  }
  return { kind: 'postgresql', into: new URL(target.url).pathname.slice(1), manifest, migrated };
}

function restoreSqlite(file: string, into: string): void {
  for (const existing of [into, `${into}-wal`, `${into}-shm`])
    if (existsSync(existing))
      throw new RestoreRefused(
        'target_not_empty',
        `${existing} already exists: a restore never overwrites a database. Stop the server, ` +
          `move the data folder aside (or set DATA_DIR to an empty folder), then restore.`,
      );
  mkdirSync(resolve(into, '..'), { recursive: true });
  const partial = join(resolve(into, '..'), `.${basename(into)}.restoring`);
  try {
    copyFileSync(file, partial);
    renameSync(partial, into);
  } finally {
    rmSync(partial, { force: true });
  }
}

async function refuseNonEmptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace ' +
        "where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S')",
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0)
      throw new RestoreRefused(
        'target_not_empty',
        `the database ${new URL(url).pathname.slice(1)} already holds ${n} tables or sequences: a restore never overwrites one. ` +
          `Create an empty database (see "Two database roles" in the README) and point DATABASE_URL / DATABASE_OWNER_URL at it.`,
      );
  } finally {
    await client.end();
  }
}
