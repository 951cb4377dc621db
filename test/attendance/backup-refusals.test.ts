import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeSqliteDialect } from '../../src/attendance/db/node-sqlite-dialect.ts';
import { migrations } from '../../src/attendance/migrations/index.ts';
import { cli, sqliteBackup } from '../support/backups.ts';
import { startPostgres, type RunningPostgres, type TwoRoleDatabase } from '../support/postgres.ts';

/** The code's latest migration: what a backup taken now records. */
const LATEST = Object.keys(migrations).at(-1) as string;

const emptyDir = () => mkdtempSync(join(tmpdir(), 'tejido-restore-'));

/** A copy of a backup (file, manifest, checksum) in a folder of its own, to spoil one part of. */
function copyOf(file: string, name = basename(file)): string {
  const to = join(mkdtempSync(join(tmpdir(), 'tejido-spoilt-')), name);
  for (const suffix of ['', '.json', '.sha256']) copyFileSync(file + suffix, to + suffix);
  return to;
}

/** Writes a manifest and checksum that truly describe `file`, as a forger (or a careless script) would. */
function forgeManifest(file: string, kind: 'sqlite' | 'postgresql', latestMigration = Object.keys(migrations).at(-1)!) {
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(
    `${file}.json`,
    JSON.stringify({
      format: 'tejido-backup',
      kind,
      takenAt: new Date().toISOString(),
      tejidoVersion: '0.1.0',
      latestMigration,
      bytes: bytes.length,
      sha256,
    }),
  );
  writeFileSync(`${file}.sha256`, `${sha256}  ${basename(file)}\n`);
}

async function refused(file: string, env: Record<string, string> = { DATA_DIR: emptyDir() }) {
  const answer = await cli('restore', [file], env);
  expect(answer.code, answer.stdout).toBe(3);
  if (env.DATA_DIR) expect(readdirSync(env.DATA_DIR), 'nothing written').toEqual([]);
  return answer.stderr.trim();
}

describe('npm run restore refuses, and writes nothing', () => {
  let backup: Awaited<ReturnType<typeof sqliteBackup>>;
  beforeAll(async () => {
    backup = await sqliteBackup();
  });

  test('a random file with no manifest beside it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tejido-random-')), 'tejido-2026-12-01T020000Z.sqlite');
    writeFileSync(file, randomBytes(50_000));
    expect(await refused(file)).toMatch(
      /^Refused: not_a_backup: tejido-2026-12-01T020000Z\.sqlite has no manifest \(tejido-2026-12-01T020000Z\.sqlite\.json\) beside it: not a Tejido backup\./,
    );
  });

  test('a random file behind a manifest whose checksum matches', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tejido-random-')), 'notes.sqlite');
    writeFileSync(file, randomBytes(50_000));
    forgeManifest(file, 'sqlite');
    expect(await refused(file)).toBe('Refused: not_a_backup: notes.sqlite is not a SQLite database.');
  });

  test('a SQLite database that is not Tejido’s', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tejido-other-')), 'other.sqlite');
    const other = new DatabaseSync(file);
    other.exec(
      'create table kysely_migration (name text primary key, timestamp text); create table recipes (id integer)',
    );
    other.close();
    forgeManifest(file, 'sqlite');
    expect(await refused(file)).toMatch(
      /^Refused: not_a_backup: other\.sqlite is a SQLite database but not Tejido's: it lacks the tables installation, organisations, users, banks, members, deliveries, attendance, audit_log\.$/,
    );
  });

  test('a truncated backup (its checksum no longer matches)', async () => {
    const file = copyOf(backup.file);
    truncateSync(file, 4096);
    expect(await refused(file)).toMatch(
      /^Refused: checksum_mismatch: tejido-\S+\.sqlite is 4096 bytes with SHA-256 [0-9a-f]{12}…, but its manifest says \d+ bytes, [0-9a-f]{12}…: the copy is truncated or altered\./,
    );
  });

  test('a backup whose manifest names a migration newer than the code', async () => {
    const file = copyOf(backup.file);
    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
    writeFileSync(
      `${file}.json`,
      JSON.stringify({ ...manifest, latestMigration: '2099-01-01-0099-from-the-future', tejidoVersion: '9.0.0' }),
    );
    expect(await refused(file)).toMatch(
      new RegExp(
        `^Refused: newer_than_code: tejido-\\S+\\.sqlite was taken from a newer Tejido \\(its schema reaches migration 2099-01-01-0099-from-the-future; this code knows up to ${LATEST}\\)\\. Upgrade Tejido to version 9\\.0\\.0 or later, then restore\\.$`,
      ),
    );
  });

  test('a backup whose database holds a migration newer than the code', async () => {
    const file = copyOf(backup.file);
    const db = new DatabaseSync(file);
    db.exec(
      "insert into kysely_migration (name, timestamp) values ('2099-01-01-0099-from-the-future', '2099-01-01T00:00:00.000Z')",
    );
    db.close();
    forgeManifest(file, 'sqlite');
    expect(await refused(file)).toMatch(/^Refused: newer_than_code: /);
  });

  test('a data folder that already holds a database', async () => {
    const answer = await cli('restore', [backup.file], { DATA_DIR: backup.dataDir });
    expect(answer.code).toBe(3);
    expect(answer.stderr).toMatch(
      /^Refused: target_not_empty: \S+tejido\.sqlite already exists: a restore never overwrites a database\./,
    );
  });

  test('a SQLite backup when the settings point at PostgreSQL', async () => {
    const answer = await cli('restore', [backup.file], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(answer.code).toBe(3);
    expect(answer.stderr.trim()).toMatch(
      /^Refused: wrong_kind: tejido-\S+\.sqlite is a sqlite backup, but the settings point at postgresql \(DATABASE_URL is set\)\.$/,
    );
  });

  test('a random file behind a PostgreSQL manifest (pg_restore cannot read it)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tejido-random-')), 'tejido-2026-12-01T020000Z.dump');
    writeFileSync(file, randomBytes(50_000));
    forgeManifest(file, 'postgresql');
    expect(await refused(file, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).toMatch(
      /^Refused: not_a_backup: tejido-2026-12-01T020000Z\.dump is not a pg_dump archive \(pg_restore cannot read it: /,
    );
  });

  test('usage without a file', async () => {
    const answer = await cli('restore', [], { DATA_DIR: emptyDir() });
    expect(answer.code).toBe(2);
    expect(answer.stderr).toMatch(/^Usage: npm run restore -- /);
  });
});

describe('npm run restore of an older backup', () => {
  test('runs the newer migrations forward and says which', async () => {
    // A database as an older Tejido left it: every migration but the last.
    const dataDir = emptyDir();
    const names = Object.keys(migrations);
    const older = Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!]));
    const db = new Kysely<any>({ dialect: nodeSqliteDialect(join(dataDir, 'tejido.sqlite')) });
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => older } }).migrateToLatest();
    expect(error).toBeUndefined();
    await db.destroy();
    const backupDir = emptyDir();
    const taken = await cli('backup', ['--to', backupDir], { DATA_DIR: dataDir });
    expect(taken.stdout).toContain(`schema ${names.at(-2)}`);
    const target = emptyDir();
    const restored = await cli(
      'restore',
      [
        join(
          backupDir,
          readdirSync(backupDir).find((f) => f.endsWith('.sqlite'))!,
        ),
      ],
      { DATA_DIR: target },
    );
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Migrated forward: ${names.at(-1)}.`);
    const copy = new DatabaseSync(join(target, 'tejido.sqlite'), { readOnly: true });
    expect(
      (copy.prepare('select name from kysely_migration order by name desc limit 1').get() as { name: string }).name,
    ).toBe(names.at(-1));
    copy.close();
  });
});

describe('npm run restore on PostgreSQL', () => {
  let postgres: RunningPostgres;
  let older: TwoRoleDatabase;
  let olderBackup: string;
  const names = Object.keys(migrations);
  const envOf = (roles: TwoRoleDatabase) => ({ DATABASE_URL: roles.appUrl, DATABASE_OWNER_URL: roles.ownerUrl });
  beforeAll(async () => {
    postgres = await startPostgres();
    // A database as an older Tejido left it (every migration but the last), owned by its owner role.
    older = await postgres.createDatabaseWithRoles('older');
    const db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: older.ownerUrl, max: 1 }) }),
    });
    const subset = Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!]));
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => subset } }).migrateToLatest();
    expect(error).toBeUndefined();
    await db.destroy();
    const taken = await cli('backup', ['--to', emptyDir()], envOf(older));
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(
      new RegExp(
        `^Backup of postgresql written to \\S+\\.dump \\(0\\.\\d\\d MB, \\d+\\.\\d s, schema ${names.at(-2)}\\)\\.$`,
        'm',
      ),
    );
    olderBackup = /written to (\S+) \(/.exec(taken.stdout)![1]!;
  });
  afterAll(() => postgres?.stop());

  test('an older backup goes into an empty database, is migrated forward, and the app role gets exactly its privileges again', async () => {
    const target = await postgres.createDatabaseWithRoles('newer');
    const restored = await cli('restore', [olderBackup], envOf(target));
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Migrated forward: ${names.at(-1)}.`);
    const [latest] = (await postgres.query(
      'newer',
      'select name from kysely_migration order by name desc limit 1',
    )) as { name: string }[];
    expect(latest!.name).toBe(names.at(-1));
    const privileges = (await postgres.query(
      'newer',
      `select has_table_privilege('${target.appRole}', 'deliveries', 'INSERT') as insert_deliveries,
        has_table_privilege('${target.appRole}', 'audit_log', 'UPDATE') as update_audit,
        (select tableowner from pg_tables where tablename = 'audit_log') as owner`,
    )) as Record<string, unknown>[];
    expect(privileges[0]).toEqual({ insert_deliveries: true, update_audit: false, owner: target.ownerRole });
  });

  test('a truncated dump is refused before anything is written', async () => {
    const target = await postgres.createDatabaseWithRoles('truncated');
    const file = copyOf(olderBackup);
    truncateSync(file, 2048);
    const answer = await cli('restore', [file], envOf(target));
    expect(answer.code).toBe(3);
    expect(answer.stderr).toMatch(/^Refused: checksum_mismatch: /);
    expect(await postgres.query('truncated', "select tablename from pg_tables where schemaname = 'public'")).toEqual(
      [],
    );
  });

  test('a pg_dump archive of another database is refused', async () => {
    const otherUrl = await postgres.createDatabase('recipes');
    await postgres.query('recipes', 'create table recipes (id int)');
    const file = join(emptyDir(), 'tejido-2026-12-01T020000Z.dump');
    await promisify(execFile)(join(process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin', 'pg_dump'), [
      '--format=custom',
      `--file=${file}`,
      `--dbname=${otherUrl}`,
    ]);
    forgeManifest(file, 'postgresql');
    const target = await postgres.createDatabaseWithRoles('fromrecipes');
    const answer = await cli('restore', [file], envOf(target));
    expect(answer.code).toBe(3);
    expect(answer.stderr.trim()).toBe(
      'Refused: not_a_backup: tejido-2026-12-01T020000Z.dump is a pg_dump archive but not of Tejido: it lacks the tables kysely_migration, installation, organisations, users, banks, members, deliveries, attendance, audit_log.',
    );
  });

  test('a database that already has tables is refused and left as it was', async () => {
    const answer = await cli('restore', [olderBackup], envOf(older));
    expect(answer.code).toBe(3);
    expect(answer.stderr).toMatch(
      /^Refused: target_not_empty: the database older_\w+ already holds \d+ tables or sequences: a restore never overwrites one\./,
    );
    const [latest] = (await postgres.query(
      'older',
      'select name from kysely_migration order by name desc limit 1',
    )) as { name: string }[];
    expect(latest!.name).toBe(names.at(-2));
  });
});
