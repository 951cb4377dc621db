import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import { prepareDatabase } from './prepare.ts';
import { setReads, workerReads } from './reads.ts';
import { prepareNames } from '../crypto/names-at-rest.ts';
import type { DatabaseTables } from './tables.ts';

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface Connection {
  db: Kysely<DatabaseTables>;
  kind: DatabaseKind;
}

/**
 * PostgreSQL when DATABASE_URL is set (larger deployments, several API processes);
 * otherwise the embedded SQLite file under DATA_DIR (default ./data), created on first use.
 * DATABASE_URL is the app role's; the owner's (DATABASE_OWNER_URL) is only used to migrate.
 */
export function connect(env: NodeJS.ProcessEnv = process.env): Connection {
  if (env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DATABASE_POOL_SIZE ?? 10) });
    // An idle connection the database ends (a restart, a failover, pg_terminate_backend) is an 'error' event on
    // the pool; unheard, it would end the whole server. The pool drops that client and opens a new one next time.
    pool.on('error', (error: Error & { code?: string }) =>
      console.error(`database: an idle connection was closed (${error.code ?? error.message}); it will be replaced`),
    );
    return { db: new Kysely<DatabaseTables>({ dialect: new PostgresDialect({ pool }), plugins }), kind: 'postgresql' };
  }
  // Without this the server would quietly start on an empty SQLite file instead of PostgreSQL.
  if (env.DATABASE_OWNER_URL)
    throw new Error('database_config: DATABASE_OWNER_URL is set but DATABASE_URL (the app role’s URL) is not.');
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'tejido.sqlite');
  let reads: Kysely<DatabaseTables> | undefined;
  const dialect = nodeSqliteDialect(file, () => void reads?.destroy());
  const db = new Kysely<DatabaseTables>({ dialect, plugins });
  // node:sqlite is synchronous: a long read on this connection would stop the event loop, and
  // with it every phone's sync. Heavy reads go to a worker thread's own read-only connection
  // (reads.ts); under WAL it reads the last commit while this connection keeps writing.
  if (dialect.wal) setReads(db, (reads = workerReads(file)));
  return { db, kind: 'sqlite' };
}

// Migrations use snake_case names directly; application queries use camelCase through this plugin.
const plugins = [new CamelCasePlugin()];

let shared: Promise<Connection> | undefined;

/** The process's one connection, migrated to the latest schema before first use. */
export function getConnection(): Promise<Connection> {
  if (!shared) {
    shared = open();
    // A failure is not kept: once the operator has run `npm run migrate`, the next request succeeds.
    shared.catch(() => (shared = undefined));
  }
  return shared;
}

async function open(): Promise<Connection> {
  const connection = connect();
  try {
    await prepareDatabase(connection);
    // The data key, checked against the sealed names, before any query reads one (names-at-rest.ts).
    await prepareNames(connection.db);
    return connection;
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
}
