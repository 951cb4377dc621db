import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseTables, Role } from '../db/tables.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import { hashPassword } from '../auth/password.ts';
import { makeSetupCode, unusablePasswordHash } from '../auth/setup-code.ts';
import { storeSetupCode } from '../auth/setup.service.ts';
import { insertUnique } from '../db/errors.ts';

type Db = Kysely<DatabaseTables>;
const now = () => new Date().toISOString();

export const userView = (u: {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  regionId: string | null;
}) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  regionId: u.regionId,
});

/** The first admin, made from the command line; also creates the organisation row on first use. */
export async function createAdmin(
  db: Db,
  input: { organisationName: string; email: string; displayName: string; password: string },
) {
  return db.transaction().execute(async (trx) => {
    let organisation = await trx.selectFrom('organisations').selectAll().executeTakeFirst();
    if (!organisation) {
      organisation = { id: randomUUID(), name: input.organisationName, createdAt: now() };
      await trx.insertInto('organisations').values(organisation).execute();
    }
    const user = {
      id: randomUUID(),
      organisationId: organisation.id,
      email: input.email.trim().toLowerCase(),
      displayName: input.displayName,
      role: 'admin' as const,
      regionId: null,
      passwordHash: await hashPassword(input.password),
      createdAt: now(),
      disabledAt: null,
    };
    await insertUnique(() => trx.insertInto('users').values(user).execute(), {
      message: `A user with the e-mail ${user.email} already exists.`,
      field: 'email',
    });
    await audit(trx, {
      actorId: user.id,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      detail: { role: 'admin', via: 'command-line' },
    });
    return userView(user);
  });
}

/**
 * A new account. Without a password (what the office's form sends), the server makes a
 * one-time set-up code, answered here once: she chooses her own password with it, and until
 * then no password signs her in.
 */
export async function createUser(
  db: Db,
  actor: Principal,
  input: { id?: string; email: string; displayName: string; role: Role; regionId?: string | null; password?: string },
  address: string | null,
) {
  if (input.role === 'coordinator' && !input.regionId)
    throw new ApiError('invalid_request', 'A coordinator needs a region.', {
      field: 'regionId',
      rule: 'user.coordinator_needs_region',
    });
  // Said, not dropped: only a coordinator has a region of her own.
  if (input.role !== 'coordinator' && input.regionId) {
    throw new ApiError(
      'invalid_request',
      `Only a coordinator has a region of her own: a facilitator works where her banks are (give her a bank), ` +
        `an admin everywhere. Leave regionId out for a${input.role === 'admin' ? 'n admin' : ' facilitator'}.`,
      {
        field: 'regionId',
        rule: 'user.region_for_coordinator_only',
      },
    );
  }
  if (input.regionId) await requireRegion(db, actor, input.regionId);
  const setup = input.password === undefined ? await makeSetupCode() : undefined;
  const user = {
    id: input.id ?? randomUUID(),
    organisationId: actor.organisationId,
    email: input.email.trim().toLowerCase(),
    displayName: input.displayName,
    role: input.role,
    regionId: input.role === 'coordinator' ? (input.regionId ?? null) : null,
    passwordHash: input.password === undefined ? await unusablePasswordHash() : await hashPassword(input.password),
    createdAt: now(),
    disabledAt: null,
  };
  await db.transaction().execute(async (trx) => {
    await insertUnique(() => trx.insertInto('users').values(user).execute(), {
      message: `A user with the e-mail ${user.email} already exists.`,
      field: 'email',
      rule: 'user.email_taken',
    });
    if (setup) await storeSetupCode(trx, user.id, actor.userId, setup);
    await audit(trx, {
      actorId: actor.userId,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      address,
      detail: { role: user.role, setupCode: Boolean(setup) },
    });
  });
  return { user: userView(user), ...(setup ? { setupCode: { code: setup.code, expiresAt: setup.expiresAt } } : {}) };
}

/**
 * An account's state, for the admin: active, waiting for her to use her set-up code (until
 * when), or deactivated; and whether the sign-in throttle is holding her back right now.
 */
export type AccountState = 'active' | 'pending' | 'deactivated';

export async function listUsers(db: Db, actor: Principal) {
  const at = now();
  const rows = await db
    .selectFrom('users')
    .leftJoin('setupCodes', 'setupCodes.userId', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.displayName',
      'users.role',
      'users.regionId',
      'users.disabledAt',
      'setupCodes.expiresAt as setupExpiresAt',
    ])
    // Held back: some throttle counter about her account (from one address or from all) makes her wait.
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('loginThrottle')
            .select('loginThrottle.key')
            .whereRef('loginThrottle.account', '=', 'users.email')
            .where('loginThrottle.nextAllowedAt', '>', at),
        )
        .as('locked'),
    )
    .where('users.organisationId', '=', actor.organisationId)
    .orderBy('users.email')
    .execute();
  return rows.map((u) => ({
    ...userView(u),
    state: (u.disabledAt ? 'deactivated' : u.setupExpiresAt ? 'pending' : 'active') as AccountState,
    setupExpiresAt: u.setupExpiresAt ?? null,
    // SQLite answers 0/1, PostgreSQL true/false.
    locked: Boolean(Number(u.locked)),
  }));
}

async function requireRegion(db: Db, actor: Principal, regionId: string) {
  const region = await db
    .selectFrom('regions')
    .select('id')
    .where('id', '=', regionId)
    .where('organisationId', '=', actor.organisationId)
    .executeTakeFirst();
  if (!region) throw notFound('The region', 'regionId');
}

export async function createRegion(
  db: Db,
  actor: Principal,
  input: { id?: string; code: string; name: string },
  address: string | null,
) {
  const region = { ...input, id: input.id ?? randomUUID(), organisationId: actor.organisationId, createdAt: now() };
  await db.transaction().execute(async (trx) => {
    await insertUnique(() => trx.insertInto('regions').values(region).execute(), {
      message: `A region with the id or code ${input.code} already exists.`,
      field: 'code',
      rule: 'region.code_taken',
      params: { code: input.code },
    });
    await audit(trx, {
      actorId: actor.userId,
      action: 'region.create',
      entity: 'region',
      entityId: region.id,
      address,
    });
  });
  return { id: region.id, code: region.code, name: region.name };
}

/** Regions the caller works in: all for an admin, her own for a coordinator, those of her banks for a facilitator. */
export async function listRegions(db: Db, actor: Principal) {
  return db
    .selectFrom('regions')
    .select(['regions.id', 'regions.code', 'regions.name'])
    .where('regions.organisationId', '=', actor.organisationId)
    .$if(actor.role === 'coordinator', (q) => q.where('regions.id', '=', actor.regionId ?? ''))
    .$if(actor.role === 'facilitator', (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('banks')
            .select('banks.id')
            .whereRef('banks.regionId', '=', 'regions.id')
            .where('banks.facilitatorId', '=', actor.userId),
        ),
      ),
    )
    .orderBy('regions.code')
    .execute();
}

/**
 * The user a bank is given to: an active facilitator of the organisation. Each refusal names its
 * rule, so the office can say which of the three it was.
 */
async function requireActiveFacilitator(db: Db, actor: Principal, facilitatorId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'disabledAt'])
    .where('id', '=', facilitatorId)
    .where('organisationId', '=', actor.organisationId)
    .executeTakeFirst();
  if (!user)
    throw new ApiError('not_found', 'The facilitator was not found.', {
      field: 'facilitatorId',
      rule: 'bank.facilitator_unknown',
    });
  if (user.role !== 'facilitator')
    throw new ApiError('unprocessable', 'Only a facilitator takes a bank: this user is not one.', {
      field: 'facilitatorId',
      rule: 'bank.facilitator_not_facilitator',
    });
  if (user.disabledAt)
    throw new ApiError('unprocessable', 'This facilitator is deactivated: reactivate her first, or choose another.', {
      field: 'facilitatorId',
      rule: 'bank.facilitator_inactive',
    });
}

export async function createBank(
  db: Db,
  actor: Principal,
  input: { id?: string; regionId: string; code: string; name: string; facilitatorId?: string | null },
  address: string | null,
) {
  await requireRegion(db, actor, input.regionId);
  if (input.facilitatorId) await requireActiveFacilitator(db, actor, input.facilitatorId);
  const bank = {
    id: input.id ?? randomUUID(),
    organisationId: actor.organisationId,
    regionId: input.regionId,
    code: input.code,
    name: input.name,
    facilitatorId: input.facilitatorId ?? null,
    createdAt: now(),
  };
  await db.transaction().execute(async (trx) => {
    await insertUnique(() => trx.insertInto('banks').values(bank).execute(), {
      message: `A bank with the id or code ${input.code} already exists.`,
      field: 'code',
      rule: 'bank.code_taken',
      params: { code: input.code },
    });
    await audit(trx, { actorId: actor.userId, action: 'bank.create', entity: 'bank', entityId: bank.id, address });
  });
  return bankView(bank);
}

/**
 * Gives a bank to another facilitator (or to none). Who may write it follows at once: every
 * query scopes by the bank's facilitator, so the roster and roll calls move with the bank and
 * the former facilitator's next request about it is a 404. Records she made stay hers as made.
 */
export async function assignFacilitator(
  db: Db,
  actor: Principal,
  bankId: string,
  facilitatorId: string | null,
  address: string | null,
) {
  const bank = await db
    .selectFrom('banks')
    .select(['id', 'regionId', 'code', 'name', 'facilitatorId'])
    .where('id', '=', bankId)
    .where('organisationId', '=', actor.organisationId)
    .executeTakeFirst();
  if (!bank) throw notFound('The bank', 'bankId');
  if (facilitatorId) await requireActiveFacilitator(db, actor, facilitatorId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('banks').set({ facilitatorId }).where('id', '=', bankId).execute();
    await audit(trx, {
      actorId: actor.userId,
      action: 'bank.assign',
      entity: 'bank',
      entityId: bankId,
      address,
      detail: { from: bank.facilitatorId, to: facilitatorId },
    });
  });
  return bankView({ ...bank, facilitatorId });
}

const bankView = (b: { id: string; regionId: string; code: string; name: string; facilitatorId: string | null }) => ({
  id: b.id,
  regionId: b.regionId,
  code: b.code,
  name: b.name,
  facilitatorId: b.facilitatorId,
});

export async function listBanks(db: Db, actor: Principal) {
  const rows = await db
    .selectFrom('banks')
    .select(['id', 'regionId', 'code', 'name', 'facilitatorId'])
    .where(banksReadableBy(actor))
    .orderBy('code')
    .execute();
  return rows.map(bankView);
}
