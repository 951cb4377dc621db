import { describe, expect, test } from 'vitest';
import { databases } from '../support/api-world.ts';
import { migrationTestDatabases, seedOrganisation, attendanceRow } from '../support/migration-db.ts';

/**
 * Migration 0008 on a database saved before it: a meeting with two roll calls stops it, naming
 * them, with nothing changed and no row lost; once the operator keeps one, it runs, and every
 * roll call saved before becomes its own version 1.
 */
const BEFORE = '2026-12-01-0006-auth-sessions-throttle';
const THIS = '2026-12-01-0008-one-roll-call-per-meeting';
const { open } = migrationTestDatabases('m8');

describe.each(databases)('migration 0008 on %s', (kind) => {
  test('stops on two roll calls of one meeting, naming them, and changes nothing; runs once one is kept', async () => {
    const { db, migrator } = await open(kind);
    try {
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      const at = '2026-05-01T10:00:00.000Z';
      await seedOrganisation(db, at);
      await db
        .insertInto('banks')
        .values({
          id: 'b1',
          organisation_id: 'o1',
          region_id: 'r1',
          code: 'BC-WARMI',
          name: 'Warmi',
          facilitator_id: 'u1',
          created_at: at,
        })
        .execute();
      await db
        .insertInto('members')
        .values(
          ['m1', 'm2'].map((id) => ({
            id,
            bank_id: 'b1',
            member_code: id.toUpperCase(),
            display_name: id,
            enrolled_on: '2026-03-01',
            created_at: at,
          })),
        )
        .execute();
      const delivery = (id: string, on: string, created: string) => ({
        id,
        bank_id: 'b1',
        session_id: 'gv-espacio',
        curriculum_version: '1.0',
        delivered_on: on,
        facilitator_id: 'u1',
        created_at: created,
      });
      await db
        .insertInto('deliveries')
        .values([
          delivery('d-first', '2026-04-12', at),
          delivery('d-again', '2026-04-12', '2026-05-02T08:00:00.000Z'),
          delivery('d-other', '2026-04-19', at),
        ])
        .execute();
      const mark = attendanceRow(at);
      await db
        .insertInto('attendance')
        .values([
          mark('a1', 'd-first', 'm1', 1),
          mark('a2', 'd-first', 'm2', 0),
          mark('a3', 'd-again', 'm1', 1),
          mark('a4', 'd-other', 'm2', 1),
        ])
        .execute();

      const stopped = await migrator.migrateToLatest();
      expect(stopped.results?.find((r) => r.migrationName === THIS)?.status).toBe('Error');
      expect(String(stopped.error)).toContain('1 meeting(s) have more than one roll call');
      expect(String(stopped.error)).toContain(
        'bank BC-WARMI, session gv-espacio, 2026-04-12: delivery d-first (saved 2026-05-01T10:00:00.000Z, 2 rows); delivery d-again (saved 2026-05-02T08:00:00.000Z, 1 rows)',
      );
      // Nothing was changed, nothing lost.
      expect((await db.selectFrom('attendance').select('id').execute()).length).toBe(4);
      expect((await db.selectFrom('deliveries').select('id').execute()).length).toBe(3);
      expect((await migrator.getMigrations()).find((m) => m.name === THIS)?.executedAt).toBeUndefined();
      await expect(db.selectFrom('roll_call_versions').selectAll().execute()).rejects.toThrow();

      // The operator keeps the first roll call, as the message says.
      await db.deleteFrom('attendance').where('delivery_id', '=', 'd-again').execute();
      await db.deleteFrom('deliveries').where('id', '=', 'd-again').execute();
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(
        await db.selectFrom('deliveries').select(['id', 'version', 'reopened_until']).orderBy('id').execute(),
      ).toEqual([
        { id: 'd-first', version: 1, reopened_until: null },
        { id: 'd-other', version: 1, reopened_until: null },
      ]);
      expect(
        await db
          .selectFrom('roll_call_versions')
          .select(['id', 'delivery_id', 'version', 'recorded_by', 'changed'])
          .orderBy('id')
          .execute(),
      ).toEqual([
        { id: 'd-first', delivery_id: 'd-first', version: 1, recorded_by: 'u1', changed: 0 },
        { id: 'd-other', delivery_id: 'd-other', version: 1, recorded_by: 'u1', changed: 0 },
      ]);
      expect(
        await db.selectFrom('attendance_versions').selectAll().orderBy('delivery_id').orderBy('member_id').execute(),
      ).toEqual([
        { delivery_id: 'd-first', version: 1, member_id: 'm1', present: 1 },
        { delivery_id: 'd-first', version: 1, member_id: 'm2', present: 0 },
        { delivery_id: 'd-other', version: 1, member_id: 'm2', present: 1 },
      ]);
      // And from now on the database itself refuses a second roll call of a meeting.
      await expect(
        db
          .insertInto('deliveries')
          .values(delivery('d-third', '2026-04-12', at))
          .execute(),
      ).rejects.toThrow();
    } finally {
      await db.destroy();
    }
  });
});
