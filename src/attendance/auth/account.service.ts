import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { audit } from '../audit/audit.ts';
import { checkCredentials } from './auth.service.ts';
import { unlockAccount } from './login-throttle.ts';
import { hashPassword } from './password.ts';
import { createSession, listSessions, revokeAllSessions, revokeSession, type SessionRef } from './sessions.ts';

/**
 * What a user does with her own sessions and password, and what an admin does with the accounts
 * of her organisation. Every change that should end access ends it at once, in the database:
 * the next request with an old cookie or token is a 401.
 */
type Db = Kysely<DatabaseTables>;
const now = () => new Date().toISOString();

// ——— the signed-in user, on her own account ———

/** A bearer token for the offline app. Only a cookie session mints one: a stolen token cannot renew itself. */
export async function mintToken(
  db: Db,
  actor: Principal,
  session: SessionRef,
  label: string | undefined,
  address: string | null,
) {
  if (session.kind !== 'cookie')
    throw new ApiError(
      'token_from_token',
      'A token cannot make another token. Sign in with your password to get a new one.',
    );
  const token = await createSession(db, actor.userId, 'bearer', { label, parentId: session.id });
  await audit(db, {
    actorId: actor.userId,
    action: 'token.create',
    entity: 'session',
    entityId: token.id,
    address,
    detail: { parentId: session.id },
  });
  return { id: token.id, token: token.token, expiresAt: token.expiresAt };
}

/** Sign-out: this session, and (for a cookie session) every token minted from it. */
export async function signOut(db: Db, actor: Principal, session: SessionRef, address: string | null) {
  const revoked = await revokeSession(db, actor.userId, session.id);
  await audit(db, {
    actorId: actor.userId,
    action: 'logout',
    entity: 'session',
    entityId: session.id,
    address,
    detail: { kind: session.kind, revoked },
  });
}

export const listOwnSessions = (db: Db, actor: Principal, session: SessionRef) =>
  listSessions(db, actor.userId, session.id);

export async function revokeOwnSession(db: Db, actor: Principal, sessionId: string, address: string | null) {
  const revoked = await revokeSession(db, actor.userId, sessionId);
  // Another user's id, a revoked one and a made-up one look the same.
  if (!revoked) throw notFound('The session or token', 'tokenId');
  await audit(db, {
    actorId: actor.userId,
    action: 'token.revoke',
    entity: 'session',
    entityId: sessionId,
    address,
    detail: { by: 'owner', revoked },
  });
  return { revoked };
}

/** A new password, given the current one (under the sign-in throttle). Every other session and token ends. */
export async function changeOwnPassword(
  db: Db,
  actor: Principal,
  session: SessionRef,
  input: { currentPassword: string; newPassword: string },
  address: string | null,
) {
  const me = await db.selectFrom('users').select('email').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  try {
    await checkCredentials(db, { email: me.email, password: input.currentPassword, address });
  } catch (error) {
    // A 401 here would read as "signed out" to a client; the session is fine, the password is not.
    if (error instanceof ApiError && error.code === 'unauthenticated')
      throw new ApiError('wrong_password', 'The current password is not right.', { field: 'currentPassword' });
    throw error;
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.updateTable('users').set({ passwordHash }).where('id', '=', actor.userId).execute();
  const revoked = await revokeAllSessions(db, actor.userId, session.id);
  await audit(db, {
    actorId: actor.userId,
    action: 'password.change',
    entity: 'user',
    entityId: actor.userId,
    address,
    detail: { revoked },
  });
  return { revoked };
}

// ——— an admin, on a user of her organisation ———

async function requireUser(db: Db, actor: Principal, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'disabledAt'])
    .where('id', '=', userId)
    .where('organisationId', '=', actor.organisationId)
    .executeTakeFirst();
  if (!user) throw notFound('The user', 'userId');
  return user;
}

export async function listUserSessions(db: Db, actor: Principal, userId: string) {
  await requireUser(db, actor, userId);
  return listSessions(db, userId);
}

export async function revokeUserSession(
  db: Db,
  actor: Principal,
  userId: string,
  sessionId: string,
  address: string | null,
) {
  await requireUser(db, actor, userId);
  const revoked = await revokeSession(db, userId, sessionId);
  if (!revoked) throw notFound('The session or token', 'tokenId');
  await audit(db, {
    actorId: actor.userId,
    action: 'token.revoke',
    entity: 'session',
    entityId: sessionId,
    address,
    detail: { by: 'admin', userId, revoked },
  });
  return { revoked };
}

export async function revokeUserSessions(db: Db, actor: Principal, userId: string, address: string | null) {
  await requireUser(db, actor, userId);
  const revoked = await revokeAllSessions(db, userId);
  await audit(db, {
    actorId: actor.userId,
    action: 'session.revoke-all',
    entity: 'user',
    entityId: userId,
    address,
    detail: { revoked },
  });
  return { revoked };
}

export async function resetPassword(
  db: Db,
  actor: Principal,
  userId: string,
  newPassword: string,
  address: string | null,
) {
  await requireUser(db, actor, userId);
  const passwordHash = await hashPassword(newPassword);
  await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
  // Even the admin's own sessions, when she resets her own password here: a reset is a clean start.
  const revoked = await revokeAllSessions(db, userId);
  await audit(db, {
    actorId: actor.userId,
    action: 'password.reset',
    entity: 'user',
    entityId: userId,
    address,
    detail: { revoked },
  });
  return { revoked };
}

export async function deactivateUser(db: Db, actor: Principal, userId: string, address: string | null) {
  const user = await requireUser(db, actor, userId);
  // Only an admin deactivates, and never herself: the organisation always keeps an active admin.
  if (user.id === actor.userId)
    throw new ApiError('own_account', 'You cannot deactivate your own account. Ask another admin.', {
      field: 'userId',
    });
  if (!user.disabledAt) await db.updateTable('users').set({ disabledAt: now() }).where('id', '=', userId).execute();
  // Revoked, not only refused while inactive: reactivating her must not bring old tokens back.
  const revoked = await revokeAllSessions(db, userId);
  await audit(db, {
    actorId: actor.userId,
    action: 'user.deactivate',
    entity: 'user',
    entityId: userId,
    address,
    detail: { revoked },
  });
  return { revoked };
}

export async function reactivateUser(db: Db, actor: Principal, userId: string, address: string | null) {
  await requireUser(db, actor, userId);
  await db.updateTable('users').set({ disabledAt: null }).where('id', '=', userId).execute();
  await audit(db, { actorId: actor.userId, action: 'user.reactivate', entity: 'user', entityId: userId, address });
  return { ok: true as const };
}

/** Clears every sign-in counter about her account, from every address. */
export async function unlockUser(db: Db, actor: Principal, userId: string, address: string | null) {
  const user = await requireUser(db, actor, userId);
  const cleared = await unlockAccount(db, user.email);
  await audit(db, {
    actorId: actor.userId,
    action: 'login.unlock',
    entity: 'user',
    entityId: userId,
    address,
    detail: { cleared },
  });
  return { cleared };
}
