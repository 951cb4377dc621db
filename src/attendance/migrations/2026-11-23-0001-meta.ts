import { sql, type Kysely } from 'kysely';

// A one-row table telling which installation this database belongs to, so the health
// endpoint can prove a real read and write path works on either database.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('installation')
    .values({ id: 1, created_at: sql`CURRENT_TIMESTAMP` })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installation').execute();
}
