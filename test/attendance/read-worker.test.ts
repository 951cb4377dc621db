import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect, type Connection } from '../../src/attendance/db/connect.ts';
import { migrateToLatest } from '../../src/attendance/db/migrate.ts';
import { readsOf } from '../../src/attendance/db/reads.ts';
import { ReadWorkerError } from '../../src/attendance/db/read-worker.ts';

/**
 * SQLite reads on a worker thread (db/reads.ts): node:sqlite is synchronous, so a long read on
 * the main connection would stop the event loop and every phone's sync with it. The read here is
 * made slow on purpose (a recursive count to some millions): what is asserted is the order of
 * events, never a duration.
 */
const slowCount = (steps: number) =>
  sql<{
    n: number;
  }>`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${steps}) select count(*) as n from n`;

describe('SQLite heavy reads run on their own read-only connection in a worker thread', () => {
  let connection: Connection;
  const now = new Date().toISOString();

  beforeAll(async () => {
    connection = connect({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tejido-reads-')) });
    await migrateToLatest(connection.db);
  });
  afterAll(() => connection?.db.destroy());

  test('the file is in WAL mode and a SQLite connection has a separate reader', async () => {
    expect(connection.kind).toBe('sqlite');
    const mode = await sql<{ journalMode: string }>`pragma journal_mode`.execute(connection.db);
    expect(mode.rows[0]?.journalMode).toBe('wal');
    expect(readsOf(connection.db)).not.toBe(connection.db);
  });

  test('while a long read runs on the worker, the main thread writes, commits and runs its timers', async () => {
    const events: string[] = [];
    const read = slowCount(3_000_000)
      .execute(readsOf(connection.db))
      .then((r) => {
        events.push('read');
        return Number(r.rows[0]?.n);
      });
    const timer = new Promise<void>((resolve) => setTimeout(() => (events.push('timer'), resolve()), 0));
    await connection.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisations')
        .values({ id: 'org-during-read', name: 'Caja Sumaq', createdAt: now })
        .execute();
    });
    events.push('write');
    await timer;
    expect(await read).toBe(3_000_000);
    expect(events).toEqual(['write', 'timer', 'read']);
    // The reader sees what the main connection committed (WAL: the last commit).
    const seen = await readsOf(connection.db)
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', 'org-during-read')
      .execute();
    expect(seen).toEqual([{ name: 'Caja Sumaq' }]);
  });

  test('the reader cannot write: its connection is read-only, and it takes no transaction', async () => {
    const reads = readsOf(connection.db);
    const refused = await reads
      .insertInto('organisations')
      .values({ id: 'org-by-reader', name: 'x', createdAt: now })
      .execute()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReadWorkerError);
    expect((refused as ReadWorkerError).message).toMatch(/readonly/);
    expect((refused as ReadWorkerError).code).toBe('ERR_SQLITE_ERROR');
    await expect(sql`delete from organisations`.execute(reads)).rejects.toThrow(/readonly/);
    await expect(reads.transaction().execute(async () => 1)).rejects.toThrow(/read_worker/);
    expect(
      await connection.db.selectFrom('organisations').select('id').where('id', '=', 'org-by-reader').execute(),
    ).toEqual([]);
  });

  test('a bad query fails alone, with SQLite’s error; the worker keeps answering', async () => {
    const reads = readsOf(connection.db);
    await expect(sql`select * from no_such_table`.execute(reads)).rejects.toThrow(/no such table/);
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sql<{ i: number }>`select ${i} as i`.execute(reads)),
    );
    expect(many.map((r) => r.rows[0]?.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
