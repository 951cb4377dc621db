import type { Kysely } from 'kysely';

// The audit log is paged by (at, id), newest first: entries written in the same millisecond are
// told apart by id. One index on both columns serves that order and the cursor's condition.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_at_id').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.dropIndex('audit_log_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.dropIndex('audit_log_at_id').execute();
}
