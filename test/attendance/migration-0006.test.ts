import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { afterAll, describe, expect, test } from 'vitest';
import { authenticate } from '../../src/attendance/auth/sessions.ts';
import { nodeSqliteDialect } from '../../src/attendance/db/node-sqlite-dialect.ts';
import type { DatabaseTables } from '../../src/attendance/db/tables.ts';
import { migrations } from '../../src/attendance/migrations/index.ts';
import { databases } from '../support/api-world.ts';
import { startPostgres, testPool, type RunningPostgres } from '../support/postgres.ts';

/**
 * Migration 0006 on a database that already has users signed in: it runs forward on both
 * databases, and the sessions made before it get a public id and keep working.
 */
const BEFORE = '2026-12-01-0005-audit-log-keyset';
/** Up to 0006 only: later migrations (0007 …) are not this test's subject. */
const UNDER_TEST = '2026-12-01-0006-auth-sessions-throttle';
const provider = { getMigrations: async () => migrations as Record<string, Migration> };
let postgres: RunningPostgres | undefined;
afterAll(() => postgres?.stop());

async function open(kind: (typeof databases)[number]) {
  if (kind === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'tejido-m5-')), 'tejido.sqlite');
    return () => nodeSqliteDialect(file);
  }
  postgres ??= await startPostgres();
  const url = await postgres.createDatabase(`m5_${Math.random().toString(36).slice(2, 8)}`);
  return () => new PostgresDialect({ pool: testPool(url, 2) });
}

describe.each(databases)('migration 0006 on %s', (kind) => {
  test('gives every existing session a unique public id, and an existing session still signs requests in', async () => {
    const dialect = await open(kind);
    const raw = new Kysely<any>({ dialect: dialect() });
    try {
      const migrator = new Migrator({ db: raw, provider });
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      const at = new Date().toISOString();
      const later = new Date(Date.now() + 3_600_000).toISOString();
      await raw.insertInto('organisations').values({ id: 'o1', name: 'Org', created_at: at }).execute();
      await raw
        .insertInto('users')
        .values({
          id: 'u1',
          organisation_id: 'o1',
          email: 'a@b.test',
          display_name: 'A',
          role: 'facilitator',
          region_id: null,
          password_hash: 'x',
          created_at: at,
          disabled_at: null,
        })
        .execute();
      const hash = (t: string) => createHash('sha256').update(t).digest('base64url');
      for (const [token, kind] of [
        ['viejo-cookie', 'cookie'],
        ['viejo-token', 'bearer'],
      ] as const) {
        await raw
          .insertInto('auth_sessions')
          .values({
            token_hash: hash(token),
            user_id: 'u1',
            kind,
            label: null,
            created_at: at,
            expires_at: later,
            revoked_at: null,
          })
          .execute();
      }

      const { error, results } = await migrator.migrateTo(UNDER_TEST);
      expect(error).toBeUndefined();
      // Later migrations run too; this one is what is under test.
      expect(results?.map((r) => [r.migrationName, r.status])).toContainEqual([
        '2026-12-01-0006-auth-sessions-throttle',
        'Success',
      ]);
      expect(results?.every((r) => r.status === 'Success')).toBe(true);
      const ids = (await raw.selectFrom('auth_sessions').select('id').execute()).map((r) => r.id as string | null);
      expect(ids.every((id) => typeof id === 'string' && /^[0-9a-f-]{16,64}$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(2);
      expect(await raw.selectFrom('login_throttle').selectAll().execute()).toEqual([]);
    } finally {
      await raw.destroy();
    }
    const db = new Kysely<DatabaseTables>({ dialect: dialect(), plugins: [new CamelCasePlugin()] });
    try {
      const found = await authenticate(db, 'viejo-token', 'bearer');
      expect(found?.principal.userId).toBe('u1');
      expect(found?.session).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{16,64}$/), kind: 'bearer' });
    } finally {
      await db.destroy();
    }
  });
});
