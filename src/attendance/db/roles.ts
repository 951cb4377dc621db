import { sql, type Kysely } from 'kysely';

/** The role a connection signs in as (the URL may leave the user to PGUSER or the OS user). */
export async function currentRole(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
  return rows[0]!.role;
}

/**
 * True when the connection's role could switch the audit log's triggers off: it is a superuser,
 * or it owns (or is a member of the role that owns) the audit_log table or the schema holding it.
 * A schema's owner may drop any table in it, and in PostgreSQL 15 `public` belongs to the
 * database's owner, so an app role that owns the database counts too. False before the first
 * migration has made the table.
 */
export async function ownsAuditLog(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ owns: boolean }>`
    select r.rolsuper
        or pg_has_role(current_user, c.relowner, 'MEMBER')
        or pg_has_role(current_user, n.nspowner, 'MEMBER') as owns
    from pg_roles r, pg_class c join pg_namespace n on n.oid = c.relnamespace
    where r.rolname = current_user and c.oid = to_regclass('audit_log')`.execute(db);
  return rows[0]?.owns ?? false;
}
