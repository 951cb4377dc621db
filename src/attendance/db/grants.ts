import { sql, type Kysely } from 'kysely';

/** A table privilege, or UPDATE of named columns only (`update (member_id)`). */
type Privilege = 'select' | 'insert' | 'update' | 'delete' | `update (${string})`;

/**
 * What the app role may do, table by table. Tables not named here get the four privileges a
 * service needs; none ever gets TRUNCATE, TRIGGER or REFERENCES, and the app role owns nothing,
 * so it cannot ALTER, DISABLE TRIGGER or DROP either.
 */
export const appRolePrivileges: Record<string, readonly Privilege[]> = {
  // Append-only even against the application itself: a taken-over server can add lines, not rewrite them.
  audit_log: ['select', 'insert'],
  // Earlier versions of a roll call: a correction adds a version, it never rewrites one.
  roll_call_versions: ['select', 'insert'],
  // …except the one column an erasure moves to her anonymous id (member.service.ts eraseMember):
  // a mark's delivery, version and value can never be rewritten.
  attendance_versions: ['select', 'insert', 'update (member_id)'],
  // The steps each version says were done: like the marks, a correction adds, never rewrites.
  delivery_steps: ['select', 'insert'],
  installation: ['select'],
  // Read-only, so a server started with the app role alone can tell whether migrations are pending.
  kysely_migration: ['select'],
  kysely_migration_lock: [],
};
const serviceTable: readonly Privilege[] = ['select', 'insert', 'update', 'delete'];
/** Any fixed number, distinct from Kysely's migration lock. */
const GRANTS_LOCK = 7_406_220_618;

/**
 * Run as the schema's owner after every migration: takes every privilege from the app role and
 * gives back exactly those above, in one transaction, so a privilege someone granted by hand does
 * not survive the next start and a table added by a new migration is covered.
 */
export async function grantAppRole(owner: Kysely<any>, appRole: string): Promise<void> {
  await owner.transaction().execute(async (trx) => {
    // Two processes starting together would GRANT on the same rows of the catalog at once, which
    // PostgreSQL answers with "tuple concurrently updated": one at a time (released at commit).
    await sql`select pg_advisory_xact_lock(${sql.lit(GRANTS_LOCK)})`.execute(trx);
    const { rows } = await sql<{ schema: string; table: string }>`
      select schemaname as schema, tablename as table from pg_tables where schemaname = current_schema() order by tablename`.execute(
      trx,
    );
    const schema = rows[0]?.schema;
    if (!schema) return;
    const role = sql.id(appRole);
    await sql`grant usage on schema ${sql.id(schema)} to ${role}`.execute(trx);
    await sql`revoke all on all tables in schema ${sql.id(schema)} from ${role}`.execute(trx);
    await sql`revoke all on all sequences in schema ${sql.id(schema)} from ${role}`.execute(trx);
    for (const { table } of rows) {
      const privileges = appRolePrivileges[table] ?? serviceTable;
      if (privileges.length === 0) continue;
      await sql`grant ${sql.raw(privileges.join(', '))} on ${sql.id(schema, table)} to ${role}`.execute(trx);
    }
    // Sequences (none today) are for ids a new table may take from one: usage allows nextval only.
    await sql`grant usage on all sequences in schema ${sql.id(schema)} to ${role}`.execute(trx);
  });
}
