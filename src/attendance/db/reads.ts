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
 * How many read workers a SQLite file gets: one read of the indicators sends ten or so queries at
 * once (organisation-figures.ts); two threads answer them side by side on a two-core machine,
 * while the main thread takes writes. Each worker is a thread with its own heap and connection.
 */
const READ_WORKERS = 2;

/**
 * A Kysely for reads only, whose queries run on a few ReadWorkers (read-worker.ts): the same query
 * builder and compiler as the main SQLite connection, other threads to run them on. No
 * transactions: a read that must see its own writes stays on the main connection.
 */
export function workerReads(path: string, size = READ_WORKERS): Db {
  const workers = Array.from({ length: Math.max(1, size) }, () => new ReadWorker(path));
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // The least busy worker: the indicators' queries of one read run side by side, not in one queue.
      const worker = workers.reduce((a, b) => (b.pending < a.pending ? b : a));
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
    destroy: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
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
