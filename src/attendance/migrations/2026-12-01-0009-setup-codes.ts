import type { Kysely } from 'kysely';

// A new user's first sign-in (issue 19): the admin gives her a one-time set-up code instead of
// a password, and she chooses her own password with it. One code per user at most (a new one
// replaces the old); only its scrypt hash is stored, so a copy of the database does not let
// anyone take over an account that is still waiting to be set up. The row is deleted when the
// code is used: one use, and no secret left behind.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setup_codes')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setup_codes').execute();
}
