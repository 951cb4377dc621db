import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Connection } from '../db/connect.ts';
import type { DatabaseTables } from '../db/tables.ts';
import { ownsAuditLog } from '../db/roles.ts';
import { retentionCutoff } from '../members/retention.ts';
import { audit } from './audit.ts';

/**
 * The audit log's own retention (`retention.auditLogYears`), an owner's command only:
 * `npm run retention -- --audit-log`. The log is append-only (migrations 0003/0004: triggers
 * refuse UPDATE, DELETE and TRUNCATE) and the server's role may only read and add to it
 * (grants.ts), so neither the server nor its daily run can shorten it; whoever owns the table
 * does it here, in one transaction that switches the delete trigger off, deletes the lines older
 * than the cutoff, switches it on again and adds an `audit.prune` line with the count. Nobody
 * else's write can land while the trigger is off: PostgreSQL's ALTER TABLE holds the table's
 * exclusive lock, SQLite's BEGIN IMMEDIATE the database's write lock, until the commit.
 */
export async function pruneAuditLog(
  app: Connection,
  years: number,
  options: { dryRun?: boolean; now?: Date; env?: NodeJS.ProcessEnv } = {},
) {
  const cutoff = `${retentionCutoff(years, options.now)}T00:00:00.000Z`;
  const env = options.env ?? process.env;
  const owner = app.kind === 'postgresql' && env.DATABASE_OWNER_URL ? ownerDb(env.DATABASE_OWNER_URL) : undefined;
  const db = owner ?? app.db;
  try {
    const old = async (q: Kysely<DatabaseTables>) =>
      Number(
        (
          await q
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('at', '<', cutoff)
            .executeTakeFirstOrThrow()
        ).n,
      );
    if (options.dryRun) return { cutoff, deleted: 0, due: await old(db), dryRun: true };
    if (app.kind === 'postgresql' && !(await ownsAuditLog(db))) {
      throw new Error(
        'audit_log_owner: only the owner of audit_log may prune it; set DATABASE_OWNER_URL (README, "Two database roles").',
      );
    }
    const prune = async (trx: Kysely<DatabaseTables>) => {
      const due = await old(trx);
      const result = await trx.deleteFrom('auditLog').where('at', '<', cutoff).executeTakeFirst();
      return { due, deleted: Number(result.numDeletedRows) };
    };
    let done: { due: number; deleted: number };
    if (app.kind === 'postgresql') {
      done = await db.transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_no_change`.execute(trx);
        const result = await prune(trx);
        await sql`alter table audit_log enable trigger audit_log_no_change`.execute(trx);
        await audit(trx, {
          actorId: null,
          action: 'audit.prune',
          entity: 'audit_log',
          detail: { deleted: result.deleted, cutoff, auditLogYears: years },
        });
        return result;
      });
    } else {
      done = await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const trigger = await sql<{
            sql: string;
          }>`select sql from sqlite_master where type = 'trigger' and name = 'audit_log_no_delete'`.execute(conn);
          const create = trigger.rows[0]?.sql;
          if (!create)
            throw new Error('audit_log_no_delete: the append-only trigger is missing; run npm run migrate first.');
          await sql`drop trigger audit_log_no_delete`.execute(conn);
          const result = await prune(conn);
          await sql.raw(create).execute(conn);
          await audit(conn, {
            actorId: null,
            action: 'audit.prune',
            entity: 'audit_log',
            detail: { deleted: result.deleted, cutoff, auditLogYears: years },
          });
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      });
    }
    return { cutoff, ...done, dryRun: false };
  } finally {
    await owner?.destroy();
  }
}

function ownerDb(url: string) {
  return new Kysely<DatabaseTables>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    plugins: [new CamelCasePlugin()],
  });
}
