// `npm run copy-to-postgres`: moves an installation from its SQLite file (DATA_DIR/tejido.sqlite)
// to an empty PostgreSQL database (DATABASE_OWNER_URL when set, else DATABASE_URL). Stop the
// server first. Migrates PostgreSQL, copies every table in one transaction, then compares row
// counts and checksums table by table; any difference rolls the copy back and exits 1.
// The SQLite file is only read: it stays as it was, to go back to.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { connect } from '../db/connect.ts';
import { copySqliteToPostgres, CopyMismatchError, matches, type TableCopied } from '../db/copy.ts';
import { nodeSqliteDialect } from '../db/node-sqlite-dialect.ts';
import { prepareDatabase } from '../db/prepare.ts';

function table(rows: TableCopied[]): string {
  const lines = [
    ['table', 'SQLite', 'PostgreSQL', 'sha256', ''],
    ...rows.map((r) => [
      r.table,
      String(r.sqliteRows),
      String(r.postgresRows),
      r.sqliteChecksum.slice(0, 12),
      matches(r) ? 'same' : 'DIFFERENT',
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map((l) =>
      l
        .map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const file = join(resolve(env.DATA_DIR ?? 'data'), 'tejido.sqlite');
  const targetUrl = env.DATABASE_OWNER_URL || env.DATABASE_URL;
  if (!targetUrl) {
    console.error('Set DATABASE_URL (or DATABASE_OWNER_URL) to the empty PostgreSQL database to copy into.');
    return 2;
  }
  // Never create an empty SQLite file and copy nothing from it.
  if (!existsSync(file)) {
    console.error(`No SQLite database at ${file}. Set DATA_DIR to the directory that holds tejido.sqlite.`);
    return 2;
  }
  const source = new Kysely<any>({ dialect: nodeSqliteDialect(file) });
  const target = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: targetUrl, max: 1 }) }),
  });
  try {
    console.log(`Copying ${file} into PostgreSQL…`);
    const report = await copySqliteToPostgres(source, target);
    console.log(table(report.tables));
    const rows = report.tables.reduce((sum, t) => sum + t.sqliteRows, 0);
    console.log(
      `Copied ${rows} rows in ${report.tables.length} tables in ${(report.milliseconds / 1000).toFixed(1)} s; every count and checksum is the same on both.`,
    );
  } catch (error) {
    if (error instanceof CopyMismatchError) console.error(table(error.tables));
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await source.destroy();
    await target.destroy();
  }
  // With two roles, give the app role its privileges on the tables just made (as `npm run migrate` does).
  if (env.DATABASE_URL && env.DATABASE_OWNER_URL) {
    const app = connect(env);
    try {
      const prepared = await prepareDatabase(app, env);
      if (prepared.grantedTo)
        console.log(`Role ${prepared.grantedTo} may read and write the tables, and only add to audit_log.`);
    } catch (error) {
      console.error(
        `The copy is done, but the app role’s privileges were not set: ${error instanceof Error ? error.message : error}. Run \`npm run migrate\`.`,
      );
      return 1;
    } finally {
      await app.db.destroy();
    }
  }
  console.log(
    'Now set DATABASE_URL for the server and start it. Keep the SQLite file until you have checked the figures.',
  );
  return 0;
}

process.exitCode = await main(process.env);
