import type { Kysely } from 'kysely';

// An erasure (on request, or by the retention run) moves a member's earlier roll-call marks and
// workshop days to her anonymous id and then deletes her row, whose foreign keys are checked in
// these tables too. Without an index on member_id each of those is a scan of the whole table:
// 10,000 erasures over 20,000 marks took 50 s on SQLite.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attendance_versions_member').on('attendance_versions').column('member_id').execute();
  await db.schema.createIndex('workshop_participants_member').on('workshop_participants').column('member_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('workshop_participants_member').execute();
  await db.schema.dropIndex('attendance_versions_member').execute();
}
