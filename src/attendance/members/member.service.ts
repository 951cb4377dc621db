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
    const existing = await trx
      .selectFrom('members')
      .select(['id', 'bankId', 'memberCode', 'displayName', 'enrolledOn'])
      .where((eb) => eb.or([eb('id', 'in', members.map((m) => m.id)), eb.and([eb('bankId', '=', bankId), eb('memberCode', 'in', members.map((m) => m.memberCode))])]))
      .execute();
    const byId = new Map(existing.map((m) => [m.id, m]));
    const byCode = new Map(existing.filter((m) => m.bankId === bankId).map((m) => [m.memberCode, m]));
    const rows: RowError[] = [];
    const toInsert: MemberInput[] = [];
    members.forEach((m, row) => {
      const stored = byId.get(m.id);
      if (stored) {
        const same = stored.bankId === bankId && stored.memberCode === m.memberCode && stored.displayName === m.displayName && stored.enrolledOn === m.enrolledOn;
        if (!same) rows.push({ row: rowOf(row), field: 'id', message: `id ${m.id} is already stored with other content; send a new id for a new member` });
        return;
      }
      const sameCode = byCode.get(m.memberCode);
      if (sameCode) rows.push({ row: rowOf(row), field: csvLines ? 'member_code' : 'memberCode', message: `member code ${m.memberCode} already belongs to another member of this bank (id ${sameCode.id})` });
      else toInsert.push(m);
    });
    if (rows.length) throw new ApiError('conflict', 'Some members conflict with ones already stored; nothing was saved.', { field: csvLines ? rows[0]?.field : `members[${rows[0]?.row}].${rows[0]?.field}`, extra: { rows } });
    const createdAt = new Date().toISOString();
    for (const chunk of chunks(toInsert, 200)) {
      await trx.insertInto('members').values(chunk.map((m) => ({ ...m, bankId, createdAt }))).execute();
    }
    await audit(trx, { actorId: actor.userId, action: source === 'csv' ? 'members.import' : 'members.save', entity: 'bank', entityId: bankId, address, detail: { created: toInsert.length, unchanged: members.length - toInsert.length } });
    return { created: toInsert.length, unchanged: members.length - toInsert.length };
  });
}

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
