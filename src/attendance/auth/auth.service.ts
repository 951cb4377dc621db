import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import { busy, hashSlotsFull } from './hash-slots.ts';
import { admitAttempt, afterSuccess, giveBack, throttleKeys, worthRecording } from './login-throttle.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { MAX_PASSWORD_BYTES, passwordFits } from './password-limit.ts';
import { createSession } from './sessions.ts';

export { authenticate, createSession, principalFor, type SessionRef } from './sessions.ts';
export const SESSION_COOKIE = 'tejido_session';

type Db = Kysely<DatabaseTables>;
const WRONG_CREDENTIALS = 'The e-mail or the password is not right.';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Checks an e-mail and password under the sign-in throttle. The attempt is counted in the
 * database BEFORE the hash runs, so concurrent guesses cannot outrun the limit; a hash runs
 * only in a free slot of this process. Answers the active user, or throws: `rate_limited`
 * (429), `server_busy` (503), `unauthenticated` (401; the same for an unknown e-mail).
 */
export async function checkCredentials(db: Db, input: { email: string; password: string; address: string | null }) {
  // The routes' schemas already refuse this; the check here covers every other caller (the coordinator page's form).
  if (!passwordFits(input.password))
    throw new ApiError('invalid_request', `password: must be at most ${MAX_PASSWORD_BYTES} bytes`, {
      field: 'password',
    });
  const email = normaliseEmail(input.email);
  const keys = await admitOrRefuse(db, email, input.address);
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
  let ok: boolean;
  try {
    ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  } catch (error) {
    // Not judged (no hash slot): the attempt gives its count back.
    await giveBack(db, keys);
    throw error;
  }
  if (!user || !ok) {
    await audit(db, {
      actorId: null,
      action: 'login.failed',
      entity: user ? 'user' : undefined,
      entityId: user?.id,
      address: input.address,
    });
    // One message for an unknown e-mail and a wrong password: the API does not confirm who has an account.
    throw new ApiError('unauthenticated', WRONG_CREDENTIALS, { field: 'password' });
  }
  await afterSuccess(db, keys);
  return user;
}

/**
 * Counts one attempt at an account (a password, or a set-up code: both are guesses at the same
 * account) under the sign-in throttle, before any hash runs. Answers the throttle keys to give
 * the attempt back with, or throws `server_busy` or `rate_limited`.
 */
export async function admitOrRefuse(db: Db, email: string, address: string | null) {
  // Refused before counting: a full process says so without spending anyone's attempts.
  if (hashSlotsFull()) throw busy();
  const keys = throttleKeys(email, address);
  const admission = await admitAttempt(db, keys);
  if (!admission.allowed) {
    if (worthRecording(admission.refused)) {
      const target = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      await audit(db, {
        actorId: null,
        action: 'login.blocked',
        entity: target ? 'user' : undefined,
        entityId: target?.id,
        address,
        detail: { by: admission.kind, refused: admission.refused, retryAfterSeconds: admission.retryAfterSeconds },
      });
    }
    const minutes = Math.ceil(admission.retryAfterSeconds / 60);
    throw new ApiError(
      'rate_limited',
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { extra: { retryAfterSeconds: admission.retryAfterSeconds } },
    );
  }
  return keys;
}

export async function login(db: Db, input: { email: string; password: string; address: string | null }) {
  const user = await checkCredentials(db, input);
  await audit(db, { actorId: user.id, action: 'login', entity: 'user', entityId: user.id, address: input.address });
  return { user, token: await createSession(db, user.id, 'cookie') };
}
