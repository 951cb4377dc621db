import type { Kysely } from 'kysely';

// Where a leaders' workshop is held, so the office can say it next to its dates (issue 19).
// Nullable: workshops recorded before this have no place, and the API still accepts one without.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workshops').addColumn('place', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workshops').dropColumn('place').execute();
}
