import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { Principal } from '../principal.ts';

type Db = Kysely<DatabaseTables>;
export type SessionKind = 'cookie' | 'bearer';

/** How the caller is signed in: which session or token (by its public id), and of which kind. */
export interface SessionRef {
  id: string;
  kind: SessionKind;
}

const lifetimes = { cookie: 12 * 60 * 60 * 1000, bearer: 30 * 24 * 60 * 60 * 1000 } as const;
/** lastUsedAt is written at most this often per session: a read does not become a write each time. */
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

/** Only the token's hash is stored: a copy of the database does not give anyone a session. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const iso = (ms = Date.now()) => new Date(ms).toISOString();

/** A new session or token. A bearer token records the cookie session it was minted from. */
export async function createSession(
  db: Db,
  userId: string,
  kind: SessionKind,
  options: { label?: string; parentId?: string } = {},
) {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const now = Date.now();
  const expiresAt = iso(now + lifetimes[kind]);
  await db
    .insertInto('authSessions')
    .values({
      tokenHash: hashToken(token),
      id,
      userId,
      kind,
      label: options.label ?? null,
      parentId: options.parentId ?? null,
      createdAt: iso(now),
      expiresAt,
      lastUsedAt: iso(now),
      revokedAt: null,
    })
    .execute();
  return { id, token, expiresAt };
}

/** The caller behind a token of the given kind, if it is live and her account is active. */
export async function authenticate(
  db: Db,
  token: string,
  kind: SessionKind,
): Promise<{ principal: Principal; session: SessionRef } | undefined> {
  const now = Date.now();
  const row = await db
    .selectFrom('authSessions')
    .innerJoin('users', 'users.id', 'authSessions.userId')
    .select([
      'users.id as userId',
      'users.organisationId',
      'users.role',
      'users.regionId',
      'users.displayName',
      'authSessions.id as sessionId',
      'authSessions.lastUsedAt',
    ])
    .where('authSessions.tokenHash', '=', hashToken(token))
    .where('authSessions.kind', '=', kind)
    .where('authSessions.revokedAt', 'is', null)
    .where('authSessions.expiresAt', '>', iso(now))
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
  if (!row?.sessionId) return undefined;
  if (!row.lastUsedAt || Date.parse(row.lastUsedAt) < now - LAST_USED_RESOLUTION_MS) {
    await db
      .updateTable('authSessions')
      .set({ lastUsedAt: iso(now) })
      .where('id', '=', row.sessionId)
      .execute();
  }
  const { userId, organisationId, role, regionId, displayName } = row;
  return { principal: { userId, organisationId, role, regionId, displayName }, session: { id: row.sessionId, kind } };
}

export async function principalFor(db: Db, token: string, kind: SessionKind): Promise<Principal | undefined> {
  return (await authenticate(db, token, kind))?.principal;
}

/**
 * Ends one session of a user and every token minted from it. Scoped to the user, so an id from
 * someone else's list ends nothing. Returns how many were live.
 */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<number> {
  const result = await db
    .updateTable('authSessions')
    .set({ revokedAt: iso() })
    .where('userId', '=', userId)
    .where((eb) => eb.or([eb('id', '=', sessionId), eb('parentId', '=', sessionId)]))
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every session and token of a user, but the one given (the owner's own, after she changes her password). */
export async function revokeAllSessions(db: Db, userId: string, except?: string): Promise<number> {
  const result = await db
    .updateTable('authSessions')
    .set({ revokedAt: iso() })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .$if(Boolean(except), (q) => q.where('id', '!=', except ?? ''))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A user's live sessions and tokens, newest first, without their secrets or hashes. */
export async function listSessions(db: Db, userId: string, current?: string) {
  const rows = await db
    .selectFrom('authSessions')
    .select(['id', 'kind', 'label', 'createdAt', 'expiresAt', 'lastUsedAt'])
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', iso())
    .where('id', 'is not', null)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id ?? '',
    kind: r.kind,
    label: r.label,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    current: r.id === current,
  }));
}
