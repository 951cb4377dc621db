import { describe, expect, test } from 'vitest';
import { databases } from '../support/api-world.ts';
import { migrationTestDatabases, seedOrganisation, attendanceRow } from '../support/migration-db.ts';

/**
 * Migration 0012 on a database saved before it: member_sessions is filled from the present
 * marks, one row per bank, member and session, with the number of meetings; absent marks and
 * sessions she never came to leave no row.
 */
const BEFORE = '2026-12-01-0011-member-id-indexes';
const { open } = migrationTestDatabases('m12');

describe.each(databases)('migration 0012 on %s', (kind) => {
  test('fills member_sessions from the marks saved before it, and refuses a row of no meeting', async () => {
    const { db, migrator } = await open(kind);
    try {
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      const at = '2026-05-01T10:00:00.000Z';
      await seedOrganisation(db, at);
      for (const b of ['b1', 'b2'])
        await db
          .insertInto('banks')
          .values({
            id: b,
            organisation_id: 'o1',
            region_id: 'r1',
            code: b,
            name: b,
            facilitator_id: 'u1',
            created_at: at,
          })
          .execute();
      await db
        .insertInto('members')
        .values(
          ['m1', 'm2', 'm3'].map((id) => ({
            id,
            bank_id: id === 'm3' ? 'b2' : 'b1',
            member_code: id,
            display_name: id,
            enrolled_on: '2026-03-01',
            created_at: at,
          })),
        )
        .execute();
      const delivery = (id: string, bank: string, session: string, on: string) => ({
        id,
        bank_id: bank,
        session_id: session,
        curriculum_version: '1.0',
        delivered_on: on,
        facilitator_id: 'u1',
        created_at: at,
      });
      // d1 and d2 are two meetings of one session (a make-up); d3 another session; d4 in the other bank.
      await db
        .insertInto('deliveries')
        .values([
          delivery('d1', 'b1', 'gv-1', '2026-04-05'),
          delivery('d2', 'b1', 'gv-1', '2026-04-12'),
          delivery('d3', 'b1', 'gv-2', '2026-04-19'),
          delivery('d4', 'b2', 'gv-1', '2026-04-19'),
        ])
        .execute();
      const mark = attendanceRow(at);
      await db
        .insertInto('attendance')
        .values([
          mark('a1', 'd1', 'm1', 1),
          mark('a2', 'd2', 'm1', 1),
          mark('a3', 'd1', 'm2', 0),
          mark('a4', 'd3', 'm2', 1),
          mark('a5', 'd3', 'm1', 0),
          mark('a6', 'd4', 'm3', 1),
          mark('a7', 'd2', 'm2', 0),
        ])
        .execute();

      const migrated = await migrator.migrateToLatest();
      expect(migrated.error).toBeUndefined();
      const rows = await db
        .selectFrom('member_sessions')
        .select(['bank_id', 'member_id', 'session_id', 'meetings'])
        .orderBy('bank_id')
        .orderBy('member_id')
        .orderBy('session_id')
        .execute();
      expect(rows.map((r) => ({ ...r, meetings: Number(r.meetings) }))).toEqual([
        { bank_id: 'b1', member_id: 'm1', session_id: 'gv-1', meetings: 2 },
        { bank_id: 'b1', member_id: 'm2', session_id: 'gv-2', meetings: 1 },
        { bank_id: 'b2', member_id: 'm3', session_id: 'gv-1', meetings: 1 },
      ]);
      // The attacker's rows: a count of zero, and a member who does not exist.
      await expect(
        db
          .insertInto('member_sessions')
          .values({ bank_id: 'b1', member_id: 'm2', session_id: 'gv-9', meetings: 0 })
          .execute(),
      ).rejects.toThrow(/check|constraint/i);
      await expect(
        db
          .insertInto('member_sessions')
          .values({ bank_id: 'b1', member_id: 'nobody', session_id: 'gv-9', meetings: 1 })
          .execute(),
      ).rejects.toThrow(/foreign key/i);
      // And it goes back down.
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      await expect(db.selectFrom('member_sessions').selectAll().execute()).rejects.toThrow();
    } finally {
      await db.destroy();
    }
  });
});
