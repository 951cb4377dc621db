import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { afterAll } from 'vitest';
import { nodeSqliteDialect } from '../../src/attendance/db/node-sqlite-dialect.ts';
import { migrations } from '../../src/attendance/migrations/index.ts';
import type { databases } from './api-world.ts';
import { startPostgres, testPool, type RunningPostgres } from './postgres.ts';

/**
 * For a migration's own test: an empty database of each kind (a fresh SQLite file, or a new
 * PostgreSQL database in one cluster per test file), a migrator over every migration, and the
 * organisation, region and facilitator every older schema's rows hang from.
 */
export function migrationTestDatabases(name: string) {
  let postgres: RunningPostgres | undefined;
  afterAll(() => postgres?.stop());
  const provider = { getMigrations: async () => migrations as Record<string, Migration> };

  async function open(kind: (typeof databases)[number]): Promise<{ db: Kysely<any>; migrator: Migrator }> {
    const dialect =
      kind === 'sqlite'
        ? nodeSqliteDialect(join(mkdtempSync(join(tmpdir(), `tejido-${name}-`)), 'tejido.sqlite'))
        : new PostgresDialect({
            pool: testPool(
              await (postgres ??= await startPostgres()).createDatabase(
                `${name}_${Math.random().toString(36).slice(2, 8)}`,
              ),
              2,
            ),
          });
    const db = new Kysely<any>({ dialect });
    return { db, migrator: new Migrator({ db, provider }) };
  }
  return { open };
}

/** Organisation o1, region r1 (AYA) and facilitator u1, as every schema since 0001 stores them. */
export async function seedOrganisation(db: Kysely<any>, at: string) {
  await db.insertInto('organisations').values({ id: 'o1', name: 'Org', created_at: at }).execute();
  await db
    .insertInto('regions')
    .values({ id: 'r1', organisation_id: 'o1', code: 'AYA', name: 'Ayacucho', created_at: at })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: 'u1',
      organisation_id: 'o1',
      email: 'f@b.test',
      display_name: 'F',
      role: 'facilitator',
      region_id: null,
      password_hash: 'x',
      created_at: at,
      disabled_at: null,
    })
    .execute();
}

/** An attendance row as the old schemas store it: snake_case columns, `present` as 0/1, recorded by u1 at `at`. */
export const attendanceRow = (at: string) => (id: string, deliveryId: string, memberId: string, present: number) => ({
  id,
  delivery_id: deliveryId,
  member_id: memberId,
  present,
  recorded_by: 'u1',
  recorded_at: at,
});
