import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { audit } from '../audit/audit.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { clearFailures, isBlocked, loginLimits, recordFailure } from './rate-limit.ts';

export const SESSION_COOKIE = 'tejido_session';
const lifetimes = { cookie: 12 * 60 * 60 * 1000, bearer: 30 * 24 * 60 * 60 * 1000 } as const;

/** Only the token's hash is stored: a copy of the database does not give anyone a session. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function login(db: Kysely<DatabaseTables>, input: { email: string; password: string; address: string | null }) {
  const email = input.email.trim().toLowerCase();
  const keys = { account: `account:${email}`, address: `address:${input.address ?? 'unknown'}` };
  for (const [kind, key] of Object.entries(keys) as [keyof typeof loginLimits, string][]) {
    const retryAfter = await isBlocked(db, key, loginLimits[kind]);
    if (retryAfter) {
      await audit(db, { actorId: null, action: 'login.blocked', address: input.address, detail: { by: kind } });
      throw new ApiError('rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, { extra: { retryAfterSeconds: retryAfter } });
    }
  }
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).where('disabledAt', 'is', null).executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) {
    await recordFailure(db, keys.account, loginLimits.account);
    await recordFailure(db, keys.address, loginLimits.address);
    await audit(db, { actorId: null, action: 'login.failed', address: input.address });
    // One message for an unknown e-mail and a wrong password: the API does not confirm who has an account.
    throw new ApiError('unauthenticated', 'The e-mail or the password is not right.', { field: 'password' });
  }
  await clearFailures(db, keys.account);
  await audit(db, { actorId: user.id, action: 'login', entity: 'user', entityId: user.id, address: input.address });
  return { user, token: await createSession(db, user.id, 'cookie') };
}

export async function createSession(db: Kysely<DatabaseTables>, userId: string, kind: 'cookie' | 'bearer', label?: string) {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = new Date(now + lifetimes[kind]).toISOString();
  await db
    .insertInto('authSessions')
    .values({ tokenHash: hashToken(token), userId, kind, label: label ?? null, createdAt: new Date(now).toISOString(), expiresAt, revokedAt: null })
    .execute();
  return { token, expiresAt };
}

export async function principalFor(db: Kysely<DatabaseTables>, token: string, kind: 'cookie' | 'bearer'): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('authSessions')
    .innerJoin('users', 'users.id', 'authSessions.userId')
    .select(['users.id', 'users.organisationId', 'users.role', 'users.regionId', 'users.displayName'])
    .where('authSessions.tokenHash', '=', hashToken(token))
    .where('authSessions.kind', '=', kind)
    .where('authSessions.revokedAt', 'is', null)
    .where('authSessions.expiresAt', '>', new Date().toISOString())
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
  return row ? { userId: row.id, organisationId: row.organisationId, role: row.role, regionId: row.regionId, displayName: row.displayName } : undefined;
}

export async function revokeSession(db: Kysely<DatabaseTables>, token: string): Promise<void> {
  await db.updateTable('authSessions').set({ revokedAt: new Date().toISOString() }).where('tokenHash', '=', hashToken(token)).execute();
}
