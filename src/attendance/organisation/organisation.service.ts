import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseTables, Role } from '../db/tables.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import { hashPassword } from '../auth/password.ts';
import { insertUnique } from '../db/errors.ts';

type Db = Kysely<DatabaseTables>;
const now = () => new Date().toISOString();

export const userView = (u: { id: string; email: string; displayName: string; role: Role; regionId: string | null }) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  regionId: u.regionId,
});

/** The first admin, made from the command line; also creates the organisation row on first use. */
export async function createAdmin(db: Db, input: { organisationName: string; email: string; displayName: string; password: string }) {
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
    await insertUnique(() => trx.insertInto('users').values(user).execute(), { message: `A user with the e-mail ${user.email} already exists.`, field: 'email' });
    await audit(trx, { actorId: user.id, action: 'user.create', entity: 'user', entityId: user.id, detail: { role: 'admin', via: 'command-line' } });
    return userView(user);
  });
}

export async function createUser(db: Db, actor: Principal, input: { id?: string; email: string; displayName: string; role: Role; regionId?: string | null; password: string }, address: string | null) {
  if (input.role === 'coordinator' && !input.regionId) throw new ApiError('invalid_request', 'A coordinator needs a region.', { field: 'regionId' });
  // Said, not dropped: only a coordinator has a region of her own.
  if (input.role !== 'coordinator' && input.regionId) {
    throw new ApiError('invalid_request', `Only a coordinator has a region of her own: a facilitator works where her banks are (give her a bank), an admin everywhere. Leave regionId out for a${input.role === 'admin' ? 'n admin' : ' facilitator'}.`, { field: 'regionId' });
  }
  if (input.regionId) await requireRegion(db, actor, input.regionId);
  const user = {
    id: input.id ?? randomUUID(),
    organisationId: actor.organisationId,
    email: input.email.trim().toLowerCase(),
    displayName: input.displayName,
    role: input.role,
    regionId: input.role === 'coordinator' ? (input.regionId ?? null) : null,
    passwordHash: await hashPassword(input.password),
    createdAt: now(),
    disabledAt: null,
  };
  await db.transaction().execute(async (trx) => {
    await insertUnique(() => trx.insertInto('users').values(user).execute(), { message: `A user with the e-mail ${user.email} already exists.`, field: 'email' });
    await audit(trx, { actorId: actor.userId, action: 'user.create', entity: 'user', entityId: user.id, address, detail: { role: user.role } });
  });
  return userView(user);
}

export async function listUsers(db: Db, actor: Principal) {
  const rows = await db.selectFrom('users').selectAll().where('organisationId', '=', actor.organisationId).orderBy('email').execute();
  return rows.map(userView);
}

async function requireRegion(db: Db, actor: Principal, regionId: string) {
  const region = await db.selectFrom('regions').select('id').where('id', '=', regionId).where('organisationId', '=', actor.organisationId).executeTakeFirst();
  if (!region) throw notFound('The region', 'regionId');
}

export async function createRegion(db: Db, actor: Principal, input: { id?: string; code: string; name: string }, address: string | null) {
  const region = { ...input, id: input.id ?? randomUUID(), organisationId: actor.organisationId, createdAt: now() };
  await db.transaction().execute(async (trx) => {
    await insertUnique(() => trx.insertInto('regions').values(region).execute(), { message: `A region with the id or code ${input.code} already exists.`, field: 'code' });
    await audit(trx, { actorId: actor.userId, action: 'region.create', entity: 'region', entityId: region.id, address });
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
      q.where((eb) => eb.exists(eb.selectFrom('banks').select('banks.id').whereRef('banks.regionId', '=', 'regions.id').where('banks.facilitatorId', '=', actor.userId))),
    )
    .orderBy('regions.code')
    .execute();
}

export async function createBank(db: Db, actor: Principal, input: { id?: string; regionId: string; code: string; name: string; facilitatorId?: string | null }, address: string | null) {
  await requireRegion(db, actor, input.regionId);
  if (input.facilitatorId) {
    const facilitator = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.facilitatorId)
      .where('organisationId', '=', actor.organisationId)
      .where('role', '=', 'facilitator')
      .executeTakeFirst();
    if (!facilitator) throw notFound('The facilitator', 'facilitatorId');
  }
  const bank = { id: input.id ?? randomUUID(), organisationId: actor.organisationId, regionId: input.regionId, code: input.code, name: input.name, facilitatorId: input.facilitatorId ?? null, createdAt: now() };
  await db.transaction().execute(async (trx) => {
    await insertUnique(() => trx.insertInto('banks').values(bank).execute(), { message: `A bank with the id or code ${input.code} already exists.`, field: 'code' });
    await audit(trx, { actorId: actor.userId, action: 'bank.create', entity: 'bank', entityId: bank.id, address });
  });
  return bankView(bank);
}

const bankView = (b: { id: string; regionId: string; code: string; name: string; facilitatorId: string | null }) => ({
  id: b.id,
  regionId: b.regionId,
  code: b.code,
  name: b.name,
  facilitatorId: b.facilitatorId,
});

export async function listBanks(db: Db, actor: Principal) {
  const rows = await db.selectFrom('banks').select(['id', 'regionId', 'code', 'name', 'facilitatorId']).where(banksReadableBy(actor)).orderBy('code').execute();
  return rows.map(bankView);
}
