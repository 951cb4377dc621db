import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity?: string;
  entityId?: string;
  address?: string | null;
  /** Ids and counts only: never names, never content of a record. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Appends one line to the audit log, inside the caller's transaction when there is one. */
export async function audit(
  db: Kysely<DatabaseTables> | Transaction<DatabaseTables>,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: randomUUID(),
      at: new Date().toISOString(),
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity ?? null,
      entityId: entry.entityId ?? null,
      address: entry.address ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

/**
 * One page of the log, newest first, in the order (at desc, id desc). `next` is the position of
 * the page's last entry: the following page starts strictly after it, so entries written in the
 * same millisecond are neither skipped nor repeated. Null on the last page.
 */
export async function readAudit(
  db: Kysely<DatabaseTables>,
  organisationId: string,
  options: { limit: number; before?: string; cursor?: string },
) {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  // Stored times are toISOString() text; "10:00:00Z" must become "10:00:00.000Z" to compare as a time.
  const before = options.before ? new Date(options.before).toISOString() : undefined;
  const rows = await db
    .selectFrom('auditLog')
    .leftJoin('users', 'users.id', 'auditLog.actorId')
    .select([
      'auditLog.id',
      'auditLog.at',
      'auditLog.actorId',
      'users.email as actorEmail',
      'auditLog.action',
      'auditLog.entity',
      'auditLog.entityId',
      'auditLog.address',
      'auditLog.detail',
    ])
    // Entries without an actor (failed logins) belong to no organisation yet; admins see them too.
    .where((eb) => eb.or([eb('users.organisationId', '=', organisationId), eb('auditLog.actorId', 'is', null)]))
    .$if(Boolean(before), (q) => q.where('auditLog.at', '<', before ?? ''))
    // A row value: SQLite and PostgreSQL both compare (at, id) pairs, and the (at, id) index serves it.
    .$if(Boolean(after), (q) =>
      q.where((eb) => eb(eb.refTuple('auditLog.at', 'auditLog.id'), '<', eb.tuple(after?.at ?? '', after?.id ?? ''))),
    )
    .orderBy('auditLog.at', 'desc')
    .orderBy('auditLog.id', 'desc')
    // One more than asked tells whether there is a next page without another query.
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null })),
    next: rows.length > options.limit && last ? encodeCursor(last) : null,
  };
}
