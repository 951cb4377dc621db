import { sql, SqliteAdapter, type Kysely } from 'kysely';

// 0003 stops UPDATE and DELETE, but on PostgreSQL a TRUNCATE fires neither trigger and emptied
// the whole log. SQLite has no TRUNCATE (its DELETE already meets the 0003 trigger).
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
}
