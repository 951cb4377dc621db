import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Sessions and tokens get a public id (what an owner or an admin lists and revokes by; the
// token's hash never leaves the server), the session that minted them (signing out of a cookie
// session ends the tokens made from it) and when they were last used.
// Sign-in throttling moves to `login_throttle`: one row per key, counted before the password
// hash runs, so the count itself is the gate (see auth/login-throttle.ts). `rate_limits` stays
// for now, unused, so that nothing reading it breaks.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('auth_sessions').addColumn('id', 'text').execute();
  await db.schema.alterTable('auth_sessions').addColumn('parent_id', 'text').execute();
  await db.schema.alterTable('auth_sessions').addColumn('last_used_at', 'text').execute();
  // Sessions made before this migration get an id of their own, so they can be listed and revoked.
  const randomId =
    db.getExecutor().adapter instanceof SqliteAdapter ? sql`lower(hex(randomblob(16)))` : sql`gen_random_uuid()::text`;
  await db.updateTable('auth_sessions').set({ id: randomId }).where('id', 'is', null).execute();
  await db.schema.createIndex('auth_sessions_id').unique().on('auth_sessions').column('id').execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();
  await db.schema.createIndex('auth_sessions_parent').on('auth_sessions').column('parent_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // The e-mail the key is about (null for a per-address key), so an admin's unlock finds its rows.
    .addColumn('account', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('refused', 'integer', (c) => c.notNull())
    .addColumn('next_allowed_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_account').on('login_throttle').column('account').execute();
  await db.schema.createIndex('login_throttle_last_at').on('login_throttle').column('last_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropIndex('auth_sessions_parent').execute();
  await db.schema.dropIndex('auth_sessions_user').execute();
  await db.schema.dropIndex('auth_sessions_id').execute();
  for (const column of ['last_used_at', 'parent_id', 'id'])
    await db.schema.alterTable('auth_sessions').dropColumn(column).execute();
}
