import { CamelCasePlugin, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  admitAttempt,
  afterSuccess,
  PER_ACCOUNT_AT_ADDRESS,
  throttleKeys,
} from '../../src/attendance/auth/login-throttle.ts';
import type { DatabaseTables } from '../../src/attendance/db/tables.ts';
import { databases } from '../support/api-world.ts';
import { migrationTestDatabases } from '../support/migration-db.ts';

/**
 * The throttle's waits, on a clock the test holds: `admitAttempt` takes `now`, so "after the
 * window" is a date one millisecond past it, not a sleep, and a busy machine cannot move the
 * result. Real SQLite and real PostgreSQL, with every migration, as the server runs them.
 */
const { open } = migrationTestDatabases('throttle_window');
const LIMIT = PER_ACCOUNT_AT_ADDRESS.free;
const FIRST_WAIT = PER_ACCOUNT_AT_ADDRESS.firstDelayMs;
const T0 = Date.parse('2026-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

describe.each(databases)('the sign-in throttle’s windows on %s', (kind) => {
  let db: Kysely<DatabaseTables>;
  let n = 0;
  /** A key set nobody else in this file uses: its own account at its own address. */
  const fresh = () => throttleKeys(`ventana-${++n}@tejido.test`, `127.0.9.${n}`);

  beforeAll(async () => {
    const opened = await open(kind);
    const { error } = await opened.migrator.migrateToLatest();
    expect(error).toBeUndefined();
    // The app's own view of the tables: camelCase names, as src/attendance/db/connect.ts opens them.
    db = opened.db.withPlugin(new CamelCasePlugin()) as Kysely<DatabaseTables>;
  });
  afterAll(() => db?.destroy());

  test(`the attempt after ${LIMIT} is refused for the first wait; a millisecond before its end still refused, at its end admitted`, async () => {
    const keys = fresh();
    for (let i = 0; i < LIMIT; i++) expect(await admitAttempt(db, keys, at(i))).toEqual({ allowed: true });
    // The 6th, at once: refused at the strict key, with the whole first wait to go.
    expect(await admitAttempt(db, keys, at(LIMIT))).toEqual({
      allowed: false,
      kind: 'account-address',
      refused: 1,
      retryAfterSeconds: FIRST_WAIT / 1000,
    });
    // The wait is counted from the last judged attempt (the 5th, at T0 + 4 ms), and refusals do not move it.
    const end = LIMIT - 1 + FIRST_WAIT;
    expect(await admitAttempt(db, keys, at(end - 1))).toEqual({
      allowed: false,
      kind: 'account-address',
      refused: 2,
      retryAfterSeconds: 1,
    });
    expect(await admitAttempt(db, keys, at(end))).toEqual({ allowed: true });
    // The next wait doubles, from the attempt just admitted.
    expect(await admitAttempt(db, keys, at(end + 1))).toEqual({
      allowed: false,
      kind: 'account-address',
      refused: 1,
      retryAfterSeconds: (2 * FIRST_WAIT) / 1000,
    });
    expect(await admitAttempt(db, keys, at(end + 2 * FIRST_WAIT - 1))).toMatchObject({ allowed: false });
    expect(await admitAttempt(db, keys, at(end + 2 * FIRST_WAIT))).toEqual({ allowed: true });
  });

  test('an attacker cannot shorten the wait by hammering: a thousand refusals later it ends at the same moment', async () => {
    const keys = fresh();
    for (let i = 0; i < LIMIT; i++) await admitAttempt(db, keys, at(0));
    for (let i = 1; i <= 1000; i++)
      expect(await admitAttempt(db, keys, at((i * FIRST_WAIT) / 1001))).toMatchObject({ allowed: false, refused: i });
    expect(await admitAttempt(db, keys, at(FIRST_WAIT))).toEqual({ allowed: true });
  });

  test('a key left alone for longer than its policy remembers starts again with every free attempt', async () => {
    const keys = fresh();
    for (let i = 0; i <= LIMIT; i++) await admitAttempt(db, keys, at(0));
    expect(await admitAttempt(db, keys, at(1))).toMatchObject({ allowed: false });
    const later = PER_ACCOUNT_AT_ADDRESS.forgetAfterMs + 2;
    for (let i = 0; i < LIMIT; i++) expect(await admitAttempt(db, keys, at(later + i))).toEqual({ allowed: true });
    expect(await admitAttempt(db, keys, at(later + LIMIT))).toMatchObject({ allowed: false, refused: 1 });
  });

  test('a good sign-in starts the account-at-address counter again; a refusal at the strict key costs the looser ones nothing', async () => {
    const keys = fresh();
    // Four typos, then the right password (the fifth attempt, admitted like any other), then its success.
    for (let i = 0; i < LIMIT; i++) await admitAttempt(db, keys, at(0));
    await afterSuccess(db, keys, at(0));
    for (let i = 0; i < LIMIT; i++) expect(await admitAttempt(db, keys, at(1))).toEqual({ allowed: true });
    for (let i = 0; i < 50; i++) expect(await admitAttempt(db, keys, at(2))).toMatchObject({ allowed: false });
    const rows = await db
      .selectFrom('loginThrottle')
      .select(['key', 'attempts'])
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .execute();
    // The looser keys hold the four typos and the five since (the good sign-in gave its attempt
    // back), and none of the 50 refused at the strict key.
    expect(Object.fromEntries(rows.map((r) => [r.key.split(':')[0], Number(r.attempts)]))).toEqual({
      'account-address': LIMIT,
      address: 2 * LIMIT - 1,
      account: 2 * LIMIT - 1,
    });
  });
});
