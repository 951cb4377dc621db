import type { Kysely, Transaction } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound, type RowError } from '../errors.ts';
import { readsRoster, type Principal } from '../principal.ts';
import { banksReadableBy, banksWritableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';

type Db = Kysely<DatabaseTables>;

export interface MemberInput {
  id: string;
  memberCode: string;
  displayName: string;
  enrolledOn: string;
}

/** The bank, if the caller may write to it; otherwise 404, never a hint that it exists. */
export async function requireWritableBank(db: Db | Transaction<DatabaseTables>, actor: Principal, bankId: string, field = 'bankId') {
  const bank = await db.selectFrom('banks').select(['banks.id', 'banks.regionId', 'banks.code']).where('banks.id', '=', bankId).where(banksWritableBy(actor)).executeTakeFirst();
  if (bank) return bank;
  // A coordinator or admin who can read the bank is told why she cannot write; others learn nothing.
  const readable = await db.selectFrom('banks').select('banks.id').where('banks.id', '=', bankId).where(banksReadableBy(actor)).executeTakeFirst();
  if (readable) throw new ApiError('forbidden', 'Only the bank’s own facilitator records its roster, attendance and activities.');
  throw notFound('The bank', field);
}

export async function requireReadableBank(db: Db, actor: Principal, bankId: string) {
  const bank = await db.selectFrom('banks').select(['banks.id', 'banks.code', 'banks.regionId']).where('banks.id', '=', bankId).where(banksReadableBy(actor)).executeTakeFirst();
  if (!bank) throw notFound('The bank', 'bankId');
  return bank;
}

/**
 * A bank's roster, for those who keep it (principal.ts `readModel.roster`): its facilitator and
 * the admin. For anyone else no column is even selected.
 */
export async function listMembers(db: Db, actor: Principal, bankId: string) {
  await requireReadableBank(db, actor, bankId);
  if (!readsRoster(actor)) throw new ApiError('forbidden', 'A bank’s roster is for its facilitator and the admin.');
  const rows = await db
    .selectFrom('members')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select(['members.id', 'members.memberCode', 'members.enrolledOn', 'members.displayName'])
    .where('members.bankId', '=', bankId)
    .where(banksReadableBy(actor))
    .orderBy('members.memberCode')
    .execute();
  return rows.map((r) => ({ id: r.id, memberCode: r.memberCode, enrolledOn: r.enrolledOn, displayName: r.displayName }));
}

/**
 * Adds members to a bank, idempotently: a member already stored with the same id and content is
 * left as it is, so a phone can resend. All rows or none: the first conflicting row stops the lot.
 * `csvLines` (one per member) makes row errors name the CSV line instead of the 0-based index.
 */
export async function saveMembers(db: Db, actor: Principal, bankId: string, members: MemberInput[], address: string | null, source: 'api' | 'csv' = 'api', csvLines?: number[]) {
  const rowOf = (index: number) => csvLines?.[index] ?? index;
  const duplicates = findDuplicates(members, rowOf);
  if (duplicates.length) throw new ApiError('invalid_rows', 'Some rows repeat a member code or an id.', { field: duplicates[0]?.field, extra: { rows: duplicates } });
  return db.transaction().execute(async (trx) => {
    await requireWritableBank(trx, actor, bankId);
    // Read first, to name every conflicting row at once; then insert what is new, letting the
    // unique constraints settle any request that saved the same members meanwhile (see below).
    const stored = await storedMembers(trx, bankId, members);
    const rows = conflicts(members, stored, bankId, rowOf, Boolean(csvLines));
    if (rows.length) throw membersConflict(rows, csvLines);
    const fresh = members.filter((m) => !stored.byId.has(m.id));
    const createdAt = new Date().toISOString();
    const inserted = new Set<string>();
    // In id order, so two transactions inserting the same members wait for each other instead of deadlocking.
    for (const chunk of chunks([...fresh].sort((a, b) => (a.id < b.id ? -1 : 1)), 200)) {
      const done = await trx
        .insertInto('members')
        .values(chunk.map((m) => ({ ...m, bankId, createdAt })))
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const { id } of done) inserted.add(id);
    }
    // Rows another request stored between our read and our insert: the same content is a resend,
    // anything else a conflict. Read after the insert, so PostgreSQL shows the other transaction's rows.
    const raced = fresh.filter((m) => !inserted.has(m.id));
    if (raced.length) {
      const position = new Map(members.map((m, i) => [m, i]));
      const rows = conflicts(raced, await storedMembers(trx, bankId, raced), bankId, (i) => rowOf(position.get(raced[i] as MemberInput) ?? i), Boolean(csvLines));
      if (rows.length) throw membersConflict(rows, csvLines);
    }
    const created = inserted.size;
    await audit(trx, { actorId: actor.userId, action: source === 'csv' ? 'members.import' : 'members.save', entity: 'bank', entityId: bankId, address, detail: { created, unchanged: members.length - created } });
    return { created, unchanged: members.length - created };
  });
}

type StoredMember = Pick<DatabaseTables['members'], 'id' | 'bankId' | 'memberCode' | 'displayName' | 'enrolledOn'>;

/**
 * Members already stored with one of these ids, or with one of these codes in this bank. In
 * chunks: a 20,000-row roster would otherwise pass SQLite's limit of 32,766 variables per statement.
 */
async function storedMembers(trx: Transaction<DatabaseTables>, bankId: string, members: MemberInput[]) {
  const found: StoredMember[] = [];
  for (const chunk of chunks(members, LOOKUP_CHUNK)) {
    found.push(
      ...(await trx
        .selectFrom('members')
        .select(['id', 'bankId', 'memberCode', 'displayName', 'enrolledOn'])
        .where((eb) => eb.or([eb('id', 'in', chunk.map((m) => m.id)), eb.and([eb('bankId', '=', bankId), eb('memberCode', 'in', chunk.map((m) => m.memberCode))])]))
        .execute()),
    );
  }
  return { byId: new Map(found.map((m) => [m.id, m])), byCode: new Map(found.filter((m) => m.bankId === bankId).map((m) => [m.memberCode, m])) };
}

function conflicts(members: MemberInput[], stored: Awaited<ReturnType<typeof storedMembers>>, bankId: string, rowOf: (index: number) => number, csv: boolean): RowError[] {
  const rows: RowError[] = [];
  members.forEach((m, row) => {
    const same = stored.byId.get(m.id);
    if (same) {
      const identical = same.bankId === bankId && same.memberCode === m.memberCode && same.displayName === m.displayName && same.enrolledOn === m.enrolledOn;
      if (!identical) rows.push({ row: rowOf(row), field: 'id', message: `id ${m.id} is already stored with other content; send a new id for a new member` });
      return;
    }
    const sameCode = stored.byCode.get(m.memberCode);
    if (sameCode) rows.push({ row: rowOf(row), field: csv ? 'member_code' : 'memberCode', message: `member code ${m.memberCode} already belongs to another member of this bank (id ${sameCode.id})` });
  });
  return rows;
}

function membersConflict(rows: RowError[], csvLines?: number[]) {
  return new ApiError('conflict', 'Some members conflict with ones already stored; nothing was saved.', { field: csvLines ? rows[0]?.field : `members[${rows[0]?.row}].${rows[0]?.field}`, extra: { rows } });
}

/** Ids per `where … in (…)` lookup: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const LOOKUP_CHUNK = 500;

function findDuplicates(members: MemberInput[], rowOf: (index: number) => number): RowError[] {
  const seen = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const errors: RowError[] = [];
  members.forEach((m, index) => {
    const first = seen.get(m.memberCode);
    if (first !== undefined) errors.push({ row: rowOf(index), field: 'memberCode', message: `member code ${m.memberCode} is also in row ${rowOf(first)}` });
    else seen.set(m.memberCode, index);
    // Two rows with one id would both be inserted and break the primary key (a 500): refuse them here.
    const firstId = seenIds.get(m.id);
    if (firstId !== undefined) errors.push({ row: rowOf(index), field: 'id', message: `id ${m.id} is also in row ${rowOf(firstId)}` });
    else seenIds.set(m.id, index);
  });
  return errors;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
