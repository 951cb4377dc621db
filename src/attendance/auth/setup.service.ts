import type { Kysely, Transaction } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { audit } from '../audit/audit.ts';
import { admitOrRefuse, normaliseEmail } from './auth.service.ts';
import { afterSuccess, giveBack, unlockAccount } from './login-throttle.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import { createSession, revokeAllSessions } from './sessions.ts';
import { makeSetupCode, normaliseSetupCode, unusablePasswordHash } from './setup-code.ts';

/**
 * A user's first sign-in without e-mail: the admin gets a one-time set-up code (shown once),
 * gives it to her in person or by phone, and she chooses her own password with it. The same
 * code is how an admin resets a forgotten password: nobody but her ever knows her password.
 */
type Db = Kysely<DatabaseTables>;

/** One sentence for an unknown e-mail, a wrong code and a used one: the page does not confirm who has an account. */
const WRONG_CODE = 'The e-mail or the set-up code is not right. Check both, or ask the administration for a new code.';

/** Stores a new code for a user, replacing any earlier one (inside the caller's transaction). */
export async function storeSetupCode(
  trx: Transaction<DatabaseTables>,
  userId: string,
  actorId: string,
  made: Awaited<ReturnType<typeof makeSetupCode>>,
) {
  await trx.deleteFrom('setupCodes').where('userId', '=', userId).execute();
  await trx
    .insertInto('setupCodes')
    .values({
      userId,
      codeHash: made.codeHash,
      expiresAt: made.expiresAt,
      createdAt: new Date().toISOString(),
      createdBy: actorId,
    })
    .execute();
}

/**
 * An admin's reset: a new set-up code for a user of her organisation. Her password stops
 * working, every session and token of hers ends (the phone's next sync is refused), and the
 * sign-in counters about her account are cleared, so the code works at once. Not for the
 * admin's own account: she changes her own password knowing the current one.
 */
export async function issueSetupCode(db: Db, actor: Principal, userId: string, address: string | null) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', '=', userId)
    .where('organisationId', '=', actor.organisationId)
    .executeTakeFirst();
  if (!user) throw notFound('The user', 'userId');
  if (user.id === actor.userId)
    throw new ApiError('own_account', 'You cannot give yourself a set-up code: change your own password instead.', {
      field: 'userId',
      rule: 'user.own_setup_code',
    });
  // Hashed before the transaction: SQLite holds its write lock for the whole of one.
  const [made, passwordHash] = await Promise.all([makeSetupCode(), unusablePasswordHash()]);
  const revoked = await db.transaction().execute(async (trx) => {
    await storeSetupCode(trx, userId, actor.userId, made);
    await trx.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
    const ended = await revokeAllSessions(trx, userId);
    await audit(trx, {
      actorId: actor.userId,
      action: 'setup-code.issue',
      entity: 'user',
      entityId: userId,
      address,
      detail: { revoked: ended, expiresAt: made.expiresAt },
    });
    return ended;
  });
  await unlockAccount(db, user.email);
  return { setupCode: { code: made.code, expiresAt: made.expiresAt }, revoked };
}

/**
 * She chooses her password with her e-mail and set-up code. Each try counts against the same
 * throttle as a sign-in (the code is a guess at her account like a password is), BEFORE the
 * hash runs. The code is used up in the same transaction that sets the password, so two tries
 * at once cannot both use it. Ends any session she had, then signs her in (a cookie session).
 */
export async function activateAccount(
  db: Db,
  input: { email: string; setupCode: string; newPassword: string; address: string | null },
) {
  const email = normaliseEmail(input.email);
  const keys = await admitOrRefuse(db, email, input.address);
  const found = await db
    .selectFrom('users')
    .innerJoin('setupCodes', 'setupCodes.userId', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.displayName',
      'users.role',
      'users.regionId',
      'setupCodes.codeHash',
      'setupCodes.expiresAt',
    ])
    .where('users.email', '=', email)
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
  let ok: boolean;
  try {
    ok = await verifyPassword(normaliseSetupCode(input.setupCode), found?.codeHash ?? (await decoyHash));
  } catch (error) {
    // Not judged (no hash slot): the attempt gives its count back.
    await giveBack(db, keys);
    throw error;
  }
  if (!found || !ok) {
    await audit(db, {
      actorId: null,
      action: 'setup.failed',
      entity: found ? 'user' : undefined,
      entityId: found?.id,
      address: input.address,
    });
    throw new ApiError('unauthenticated', WRONG_CODE, { field: 'setupCode', rule: 'setup.code_wrong' });
  }
  // Said only to someone who knows the code: she is the one who needs to hear it.
  if (found.expiresAt <= new Date().toISOString()) {
    await audit(db, {
      actorId: null,
      action: 'setup.expired',
      entity: 'user',
      entityId: found.id,
      address: input.address,
    });
    throw new ApiError('unauthenticated', 'This set-up code has expired. Ask the administration for a new one.', {
      field: 'setupCode',
      rule: 'setup.code_expired',
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const used = await db.transaction().execute(async (trx) => {
    // The row is the code: deleting it is using it up, and only one request can delete it.
    const deleted = await trx
      .deleteFrom('setupCodes')
      .where('userId', '=', found.id)
      .where('codeHash', '=', found.codeHash)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) return false;
    await trx.updateTable('users').set({ passwordHash }).where('id', '=', found.id).execute();
    const revoked = await revokeAllSessions(trx, found.id);
    await audit(trx, {
      actorId: found.id,
      action: 'account.activate',
      entity: 'user',
      entityId: found.id,
      address: input.address,
      detail: { revoked },
    });
    return true;
  });
  if (!used) throw new ApiError('unauthenticated', WRONG_CODE, { field: 'setupCode', rule: 'setup.code_wrong' });
  await afterSuccess(db, keys);
  await audit(db, {
    actorId: found.id,
    action: 'login',
    entity: 'user',
    entityId: found.id,
    address: input.address,
    detail: { via: 'setup-code' },
  });
  const user = {
    id: found.id,
    email: found.email,
    displayName: found.displayName,
    role: found.role,
    regionId: found.regionId,
  };
  return { user, token: await createSession(db, found.id, 'cookie') };
}
