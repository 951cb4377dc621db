import {
  CamelCasePlugin,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DatabaseTables } from './tables.ts';
import { ReadWorker } from './read-worker.ts';

type Db = Kysely<DatabaseTables>;

/**
 * A Kysely for reads only, whose queries run on a ReadWorker (read-worker.ts): the same query
 * builder and compiler as the main SQLite connection, another thread to run them on. No
 * transactions: a read that must see its own writes stays on the main connection.
 */
export function workerReads(path: string): Db {
  const worker = new ReadWorker(path);
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      return { rows: (await worker.all(query.sql, query.parameters)) as R[] };
    },
    streamQuery() {
      throw new Error('read_worker: streaming is not offered by the read worker.');
    },
  };
  const noTransactions = () =>
    Promise.reject(new Error('read_worker: the read worker runs single reads, not transactions.'));
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: noTransactions,
    commitTransaction: noTransactions,
    rollbackTransaction: noTransactions,
    releaseConnection: async () => {},
    destroy: () => worker.close(),
  };
  const dialect: Dialect = {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
  return new Kysely<DatabaseTables>({ dialect, plugins: [new CamelCasePlugin()] });
}

const readsByDb = new WeakMap<Db, Db>();

/** Says that `reads` answers read queries for `db` (connect.ts, for a SQLite file under WAL). */
export function setReads(db: Db, reads: Db): void {
  readsByDb.set(db, reads);
}

/**
 * Where a heavy read (the indicators) should run: the worker registered for this connection, or
 * the connection itself (PostgreSQL is asynchronous already; a transaction reads its own writes).
 */
export function readsOf(db: Db): Db {
  return readsByDb.get(db) ?? db;
}
