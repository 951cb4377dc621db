import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { memberInputSchema, memberRecordSchema } from '../api-schemas.ts';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound, type RowError } from '../errors.ts';
import { randomUUID } from 'node:crypto';
import { readsMemberActivity, readsRoster, type Principal } from '../principal.ts';
import { banksReadableBy, banksWritableBy, rosterWritableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import { isAfterToday } from '../deliveries/meeting-date.ts';
import { nameBasedUuid } from '../ids.ts';
import { invalidRows, readRosterFile, rowErrorsOf, type RosterRow } from './roster-csv.ts';
import { nameCipher } from '../crypto/name-cipher.ts';
import { moveMemberSessions } from '../indicators/member-sessions.ts';

type Db = Kysely<DatabaseTables>;

/** A roster row as the API and the CSV import hand it in: its fields are `memberInputSchema`'s. */
export type MemberInput = z.output<typeof memberInputSchema>;

/** One bank by id, if `scope` (one of scope.ts's conditions) lets the caller at it. */
function bankWhere(db: Db | Transaction<DatabaseTables>, bankId: string, scope: ReturnType<typeof banksReadableBy>) {
  return db
    .selectFrom('banks')
    .select(['banks.id', 'banks.regionId', 'banks.code'])
    .where('banks.id', '=', bankId)
    .where(scope)
    .executeTakeFirst();
}

/** The bank, if the caller may write to it; otherwise 404, never a hint that it exists. */
export async function requireWritableBank(
  db: Db | Transaction<DatabaseTables>,
  actor: Principal,
  bankId: string,
  field = 'bankId',
) {
  const bank = await bankWhere(db, bankId, banksWritableBy(actor));
  if (bank) return bank;
  // A coordinator or admin who can read the bank is told why she cannot write; others learn nothing.
  if (await bankWhere(db, bankId, banksReadableBy(actor)))
    throw new ApiError('forbidden', 'Only the bank’s own facilitator records its roster, attendance and activities.');
  throw notFound('The bank', field);
}

export async function requireReadableBank(db: Db, actor: Principal, bankId: string) {
  const bank = await bankWhere(db, bankId, banksReadableBy(actor));
  if (!bank) throw notFound('The bank', 'bankId');
  return bank;
}

/**
 * The bank, if the caller keeps its roster (scope.ts `rosterWritableBy`: its facilitator, or the
 * admin); otherwise 404, never a hint that it exists.
 */
export async function requireRosterBank(
  db: Db | Transaction<DatabaseTables>,
  actor: Principal,
  bankId: string,
  field = 'bankId',
) {
  const bank = await bankWhere(db, bankId, rosterWritableBy(actor));
  if (!bank) throw notFound('The bank', field);
  return bank;
}

/**
 * A bank's roster, for those who keep it (principal.ts `readModel.roster`): its facilitator and
 * the admin. For anyone else no column is even selected. Erased members are not listed: nothing
 * about them is left to show.
 */
export async function listMembers(db: Db, actor: Principal, bankId: string) {
  await requireReadableBank(db, actor, bankId);
  if (!readsRoster(actor)) throw new ApiError('forbidden', 'A bank’s roster is for its facilitator and the admin.');
  const rows = await db
    .selectFrom('members')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select(memberColumns)
    .where('members.bankId', '=', bankId)
    .where('members.erasedAt', 'is', null)
    .where(banksReadableBy(actor))
    .orderBy('members.memberCode')
    .execute();
  return rows.map((r) => memberView(opened(r)));
}

const memberColumns = [
  'members.id',
  'members.bankId',
  'members.memberCode',
  'members.enrolledOn',
  'members.displayName',
  'members.withdrawnOn',
] as const;

/**
 * Names are sealed in the database (crypto/name-cipher.ts: AES-256-GCM, the member's bank and id
 * as associated data). Only these two functions touch a stored name: every read that may show
 * one opens it, every write seals it.
 */
const opened = <T extends { id: string; bankId: string; displayName: string }>(row: T): T => ({
  ...row,
  displayName: nameCipher().open(row, row.displayName),
});
const sealed = (owner: { id: string; bankId: string }, name: string) => nameCipher().seal(owner, name);
const memberView = (
  r: Pick<DatabaseTables['members'], 'id' | 'memberCode' | 'enrolledOn' | 'displayName' | 'withdrawnOn'>,
) => ({
  id: r.id,
  memberCode: r.memberCode,
  enrolledOn: r.enrolledOn,
  displayName: r.displayName,
  withdrawnOn: r.withdrawnOn,
});

/**
 * Adds members to a bank, idempotently: a member already stored with the same id and content is
 * left as it is, so a phone can resend. All rows or none: the first conflicting row stops the lot.
 * Codes are compared without case (`s-01` is `S-01`), as the database's unique index does.
 * `csvLines` (one per member) makes row errors name the CSV line instead of the 0-based index.
 */
export async function saveMembers(
  db: Db,
  actor: Principal,
  bankId: string,
  members: MemberInput[],
  address: string | null,
  source: 'api' | 'csv' = 'api',
  csvLines?: number[],
) {
  const rowOf = (index: number) => csvLines?.[index] ?? index;
  const duplicates = findDuplicates(members, rowOf);
  if (duplicates.length)
    throw new ApiError('invalid_rows', 'Some rows repeat a member code or an id.', {
      field: duplicates[0]?.field,
      rule: 'member.invalid_rows',
      params: { count: duplicates.length },
      extra: { rows: duplicates },
    });
  return db.transaction().execute(async (trx) => {
    await requireRosterBank(trx, actor, bankId);
    // Read first, to name every conflicting row at once; then insert what is new, letting the
    // unique constraints settle any request that saved the same members meanwhile (see below).
    const stored = await storedMembers(trx, bankId, members);
    const rows = conflicts(members, stored, bankId, rowOf, Boolean(csvLines));
    if (rows.length) throw membersConflict(rows, csvLines);
    const fresh = members.filter((m) => !stored.byId.has(m.id));
    const createdAt = new Date().toISOString();
    const inserted = new Set<string>();
    // In id order, so two transactions inserting the same members wait for each other instead of deadlocking.
    for (const chunk of chunks(
      [...fresh].sort((a, b) => (a.id < b.id ? -1 : 1)),
      200,
    )) {
      // No conflict target: a row that breaks the id, or the code in any case, is skipped and settled below.
      const done = await trx
        .insertInto('members')
        .values(
          chunk.map((m) => ({ ...m, displayName: sealed({ id: m.id, bankId }, m.displayName), bankId, createdAt })),
        )
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
      const rows = conflicts(
        raced,
        await storedMembers(trx, bankId, raced),
        bankId,
        (i) => rowOf(position.get(raced[i] as MemberInput) ?? i),
        Boolean(csvLines),
      );
      if (rows.length) throw membersConflict(rows, csvLines);
    }
    const created = inserted.size;
    await audit(trx, {
      actorId: actor.userId,
      action: source === 'csv' ? 'members.import' : 'members.save',
      entity: 'bank',
      entityId: bankId,
      address,
      detail: { created, unchanged: members.length - created },
    });
    return { created, unchanged: members.length - created };
  });
}

type StoredMember = Pick<DatabaseTables['members'], 'id' | 'bankId' | 'memberCode' | 'displayName' | 'enrolledOn'>;

/**
 * Members already stored with one of these ids, or with one of these codes (in any case) in this
 * bank. In chunks: a 20,000-row roster would otherwise pass SQLite's limit of 32,766 variables per statement.
 */
async function storedMembers(
  db: Db | Transaction<DatabaseTables>,
  bankId: string,
  members: Pick<MemberInput, 'id' | 'memberCode'>[],
) {
  const found: StoredMember[] = [];
  for (const chunk of chunks(members, LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('members')
      .select(['id', 'bankId', 'memberCode', 'displayName', 'enrolledOn'])
      .where((eb) =>
        eb.or([
          eb(
            'id',
            'in',
            chunk.map((m) => m.id),
          ),
          eb.and([
            eb('bankId', '=', bankId),
            eb(
              eb.fn('lower', ['memberCode']),
              'in',
              chunk.map((m) => m.memberCode.toLowerCase()),
            ),
          ]),
        ]),
      )
      .execute();
    // Opened, so a resend compares names, not two sealings of one name (each has its own nonce).
    found.push(...rows.map(opened));
  }
  return {
    byId: new Map(found.map((m) => [m.id, m])),
    byCode: new Map(found.filter((m) => m.bankId === bankId).map((m) => [m.memberCode.toLowerCase(), m])),
  };
}

/** Why a member cannot be saved next to those stored: her id holds other content, or her code is another woman's. */
function storedProblem(
  m: MemberInput,
  stored: Awaited<ReturnType<typeof storedMembers>>,
  bankId: string,
  csv: boolean,
): Omit<RowError, 'row'> | 'unchanged' | undefined {
  const same = stored.byId.get(m.id);
  if (same) {
    const identical =
      same.bankId === bankId &&
      same.memberCode === m.memberCode &&
      same.displayName === m.displayName &&
      same.enrolledOn === m.enrolledOn;
    if (identical) return 'unchanged';
    return {
      field: 'id',
      message: `id ${m.id} is already stored with other content; send a new id for a new member`,
      rule: csv ? 'roster.member_changed' : 'member.id_taken',
      params: { code: m.memberCode, id: m.id },
    };
  }
  const sameCode = stored.byCode.get(m.memberCode.toLowerCase());
  if (sameCode)
    return {
      field: csv ? 'member_code' : 'memberCode',
      message: `member code ${m.memberCode} already belongs to another member of this bank (id ${sameCode.id})`,
      rule: csv ? 'roster.code_taken' : 'member.code_taken',
      params: { code: m.memberCode },
    };
  return undefined;
}

function conflicts(
  members: MemberInput[],
  stored: Awaited<ReturnType<typeof storedMembers>>,
  bankId: string,
  rowOf: (index: number) => number,
  csv: boolean,
): RowError[] {
  return members.flatMap((m, row) => {
    const problem = storedProblem(m, stored, bankId, csv);
    return problem && problem !== 'unchanged' ? [{ row: rowOf(row), ...problem }] : [];
  });
}

function membersConflict(rows: RowError[], csvLines?: number[]) {
  return new ApiError('conflict', 'Some members conflict with ones already stored; nothing was saved.', {
    field: csvLines ? rows[0]?.field : `members[${rows[0]?.row}].${rows[0]?.field}`,
    // A form adds one member: its one problem is the whole answer.
    rule: csvLines ? 'roster.invalid_rows' : rows.length === 1 ? rows[0]?.rule : 'member.invalid_rows',
    params: csvLines || rows.length !== 1 ? { count: rows.length } : rows[0]?.params,
    extra: { rows },
  });
}

/** A CSV row's id: its own column, or one made from the bank and the code, so that importing a file again is idempotent. */
const idOf = (bankId: string, row: RosterRow) => row.id ?? nameBasedUuid(bankId, row.memberCode);

/**
 * What importing a file would do, row by row, with nothing saved: the file's own problems
 * (roster-csv.ts) and those against the stored roster (a code that is another woman's).
 */
export async function previewRoster(db: Db, actor: Principal, bankId: string, bytes: Uint8Array) {
  await requireRosterBank(db, actor, bankId);
  const file = readRosterFile(bytes);
  const good = file.rows.filter((r) => r.problems.length === 0);
  const stored = await storedMembers(
    db,
    bankId,
    good.map((r) => ({ id: idOf(bankId, r), memberCode: r.memberCode })),
  );
  const rows = file.rows.map((r) => {
    if (r.problems.length) return { ...r, status: 'invalid' as const };
    const problem = storedProblem(
      { id: idOf(bankId, r), memberCode: r.memberCode, displayName: r.displayName, enrolledOn: r.enrolledOn },
      stored,
      bankId,
      true,
    );
    if (problem === 'unchanged') return { ...r, status: 'unchanged' as const };
    if (problem)
      return {
        ...r,
        status: 'invalid' as const,
        problems: [
          {
            field: problem.field,
            rule: problem.rule ?? 'roster.code_taken',
            params: problem.params ?? {},
            message: problem.message,
          },
        ],
      };
    return { ...r, status: 'new' as const };
  });
  const invalid = rows.filter((r) => r.status === 'invalid').length;
  return {
    encoding: file.encoding,
    delimiter: file.delimiter,
    ignoredColumns: file.ignoredColumns,
    valid: rows.length - invalid,
    invalid,
    rows: rows.map((r) => ({
      line: r.line,
      memberCode: r.memberCode,
      displayName: r.displayName,
      enrolledOn: r.enrolledOn,
      status: r.status,
      problems: r.problems,
    })),
  };
}

/** Imports a roster file: every row good, or nothing saved (422 naming every bad line; 409 for stored conflicts). */
export async function importRoster(
  db: Db,
  actor: Principal,
  bankId: string,
  bytes: Uint8Array,
  address: string | null,
) {
  // Scope before reading: someone else's bank gets 404 whatever the file holds.
  await requireRosterBank(db, actor, bankId);
  const file = readRosterFile(bytes);
  const errors = rowErrorsOf(file.rows);
  if (errors.length) throw invalidRows(errors);
  const members = file.rows.map((r) => ({
    id: idOf(bankId, r),
    memberCode: r.memberCode,
    displayName: r.displayName,
    enrolledOn: r.enrolledOn,
  }));
  return saveMembers(
    db,
    actor,
    bankId,
    members,
    address,
    'csv',
    file.rows.map((r) => r.line),
  );
}

/** One member the caller keeps the roster of, not erased; otherwise 404, as if she did not exist. */
async function requireRosterMember(db: Db | Transaction<DatabaseTables>, actor: Principal, memberId: string) {
  const member = await db
    .selectFrom('members')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select([...memberColumns, 'members.createdAt'])
    .where('members.id', '=', memberId)
    .where('members.erasedAt', 'is', null)
    .where(rosterWritableBy(actor))
    .executeTakeFirst();
  if (!member) throw notFound('The member', 'memberId');
  return opened(member);
}

/**
 * Corrects a member's code, name or enrolment date. A code is refused when another woman of the
 * bank has it in any case; her own code may change case. The audit log names the fields changed,
 * never their values.
 */
export async function editMember(
  db: Db,
  actor: Principal,
  memberId: string,
  changes: Partial<Pick<MemberInput, 'memberCode' | 'displayName' | 'enrolledOn'>>,
  address: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const member = await requireRosterMember(trx, actor, memberId);
    const next = {
      memberCode: changes.memberCode ?? member.memberCode,
      displayName: changes.displayName ?? member.displayName,
      enrolledOn: changes.enrolledOn ?? member.enrolledOn,
    };
    if (isAfterToday(next.enrolledOn))
      throw new ApiError('unprocessable', 'enrolledOn must not be after today.', {
        field: 'enrolledOn',
        rule: 'member.enrolled_on_future',
        params: { date: next.enrolledOn },
      });
    if (member.withdrawnOn && next.enrolledOn > member.withdrawnOn) {
      throw new ApiError('unprocessable', `enrolledOn must not be after the day she left (${member.withdrawnOn}).`, {
        field: 'enrolledOn',
        rule: 'member.enrolled_after_withdrawn',
        params: { date: member.withdrawnOn },
      });
    }
    if (next.memberCode.toLowerCase() !== member.memberCode.toLowerCase()) {
      const taken = await trx
        .selectFrom('members')
        .select('id')
        .where('bankId', '=', member.bankId)
        .where((eb) => eb(eb.fn('lower', ['memberCode']), '=', next.memberCode.toLowerCase()))
        .executeTakeFirst();
      if (taken)
        throw new ApiError(
          'conflict',
          `member code ${next.memberCode} already belongs to another member of this bank.`,
          { field: 'memberCode', rule: 'member.code_taken', params: { code: next.memberCode } },
        );
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== member[k]);
    if (changed.length) {
      await trx
        .updateTable('members')
        .set({ ...next, displayName: sealed(member, next.displayName) })
        .where('id', '=', memberId)
        .execute();
      await audit(trx, {
        actorId: actor.userId,
        action: 'member.update',
        entity: 'member',
        entityId: memberId,
        address,
        detail: { fields: changed.join(',') },
      });
    }
    return { member: memberView({ ...member, ...next }) };
  });
}

/** A baja: the day she left, not after today and not before she enrolled. Sending it again moves the date. */
export async function withdrawMember(
  db: Db,
  actor: Principal,
  memberId: string,
  withdrawnOn: string,
  address: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const member = await requireRosterMember(trx, actor, memberId);
    if (isAfterToday(withdrawnOn))
      throw new ApiError('unprocessable', 'withdrawnOn must not be after today.', {
        field: 'withdrawnOn',
        rule: 'member.withdrawn_on_future',
        params: { date: withdrawnOn },
      });
    if (withdrawnOn < member.enrolledOn) {
      throw new ApiError('unprocessable', `withdrawnOn must not be before she enrolled (${member.enrolledOn}).`, {
        field: 'withdrawnOn',
        rule: 'member.withdrawn_before_enrolled',
        params: { date: member.enrolledOn },
      });
    }
    await trx.updateTable('members').set({ withdrawnOn }).where('id', '=', memberId).execute();
    await audit(trx, {
      actorId: actor.userId,
      action: 'member.withdraw',
      entity: 'member',
      entityId: memberId,
      address,
      detail: { withdrawnOn },
    });
    return { member: memberView({ ...member, withdrawnOn }) };
  });
}

/** Undoes a baja (a withdrawal recorded by mistake). */
export async function reinstateMember(db: Db, actor: Principal, memberId: string, address: string | null) {
  return db.transaction().execute(async (trx) => {
    const member = await requireRosterMember(trx, actor, memberId);
    if (member.withdrawnOn !== null) {
      await trx.updateTable('members').set({ withdrawnOn: null }).where('id', '=', memberId).execute();
      await audit(trx, {
        actorId: actor.userId,
        action: 'member.reinstate',
        entity: 'member',
        entityId: memberId,
        address,
      });
    }
    return { member: memberView({ ...member, withdrawnOn: null }) };
  });
}

/**
 * Her right to have her data erased (Ley 29733, personal data protection): her name and her code leave the database, and
 * so does her id, because an imported member's id is made from the bank and her code
 * (ids.ts nameBasedUuid): anyone with the old file could work it out again. Her row is copied to
 * a new random id with no name and a placeholder code (`~` + that id: no real code has a `~`),
 * her attendance and workshop rows move to it, and the old row is deleted, in one transaction.
 * The indicators count the same rows as before. The audit line names the anonymous id only.
 * A table added later that points at members must be moved here too (the erase test scans every table).
 */
export async function eraseMember(db: Db, actor: Principal, memberId: string, address: string | null) {
  return db.transaction().execute(async (trx) => {
    const member = await requireRosterMember(trx, actor, memberId);
    await eraseMemberRow(trx, member, { actorId: actor.userId, address });
    return { erased: true as const };
  });
}

/**
 * The erasure itself, inside the caller's transaction, for a member the caller has already found
 * and may erase: the API through `requireRosterMember`, the retention run (retention.ts) as the
 * system, with no actor and `reason: 'retention'` in the audit line. No route calls it: their
 * role checks stay in `eraseMember`.
 */
export async function eraseMemberRow(
  trx: Db | Transaction<DatabaseTables>,
  member: Pick<DatabaseTables['members'], 'id' | 'bankId' | 'enrolledOn' | 'createdAt' | 'withdrawnOn'>,
  by: { actorId: string | null; address: string | null; reason?: 'retention' },
) {
  const memberId = member.id;
  const anonymousId = randomUUID();
  await trx
    .insertInto('members')
    .values({
      id: anonymousId,
      bankId: member.bankId,
      memberCode: `~${anonymousId}`,
      displayName: '',
      enrolledOn: member.enrolledOn,
      createdAt: member.createdAt,
      withdrawnOn: member.withdrawnOn,
      erasedAt: new Date().toISOString(),
    })
    .execute();
  await trx.updateTable('attendance').set({ memberId: anonymousId }).where('memberId', '=', memberId).execute();
  // What the indicators count of her moves with her marks (indicators/member-sessions.ts).
  await moveMemberSessions(trx, memberId, anonymousId);
  await trx
    .updateTable('workshopParticipants')
    .set({ memberId: anonymousId })
    .where('memberId', '=', memberId)
    .execute();
  // Earlier versions of her roll calls too (migration 0008): the only column of that
  // append-only table the app role may update (grants.ts).
  await trx.updateTable('attendanceVersions').set({ memberId: anonymousId }).where('memberId', '=', memberId).execute();
  await trx.deleteFrom('members').where('id', '=', memberId).execute();
  await audit(trx, {
    actorId: by.actorId,
    action: 'member.erase',
    entity: 'member',
    entityId: anonymousId,
    address: by.address,
    detail: { bankId: member.bankId, ...(by.reason ? { reason: by.reason } : {}) },
  });
  return anonymousId;
}

/**
 * What we keep about one woman (her right of access under Ley 29733): her roster fields and bank,
 * for those who keep the roster; her roll calls only for her bank's facilitator (readModel.memberActivity):
 * the admin keeps the client list, not what a woman did.
 */
export async function memberRecord(
  db: Db,
  actor: Principal,
  memberId: string,
): Promise<z.output<typeof memberRecordSchema>> {
  const member = await db
    .selectFrom('members')
    .innerJoin('banks', 'banks.id', 'members.bankId')
    .select([...memberColumns, 'banks.code as bankCode', 'banks.name as bankName'])
    .where('members.id', '=', memberId)
    .where('members.erasedAt', 'is', null)
    .where(banksReadableBy(actor))
    .executeTakeFirst();
  if (!member || !readsRoster(actor)) throw notFound('The member', 'memberId');
  const record = {
    member: memberView(opened(member)),
    bank: { id: member.bankId, code: member.bankCode, name: member.bankName },
  };
  if (!readsMemberActivity(actor)) return record;
  const sessions = await db
    .selectFrom('attendance')
    .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select(['deliveries.deliveredOn', 'deliveries.sessionId', 'attendance.present'])
    .where('attendance.memberId', '=', memberId)
    .where(banksReadableBy(actor))
    .orderBy('deliveries.deliveredOn')
    .execute();
  return {
    ...record,
    sessions: sessions.map((s) => ({
      deliveredOn: s.deliveredOn,
      sessionId: s.sessionId,
      present: Boolean(s.present),
    })),
  };
}

/** Ids per `where … in (…)` lookup: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const LOOKUP_CHUNK = 500;

function findDuplicates(members: MemberInput[], rowOf: (index: number) => number): RowError[] {
  const seen = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const errors: RowError[] = [];
  members.forEach((m, index) => {
    // One code in any case: `s-01` repeats `S-01`.
    const code = m.memberCode.toLowerCase();
    const first = seen.get(code);
    if (first !== undefined)
      errors.push({
        row: rowOf(index),
        field: 'memberCode',
        message: `member code ${m.memberCode} is also in row ${rowOf(first)}`,
        rule: 'member.code_repeated',
        params: { code: m.memberCode, first: rowOf(first) },
      });
    else seen.set(code, index);
    // Two rows with one id would both be inserted and break the primary key (a 500): refuse them here.
    const firstId = seenIds.get(m.id);
    if (firstId !== undefined)
      errors.push({
        row: rowOf(index),
        field: 'id',
        message: `id ${m.id} is also in row ${rowOf(firstId)}`,
        rule: 'member.id_repeated',
        params: { id: m.id, first: rowOf(firstId) },
      });
    else seenIds.set(m.id, index);
  });
  return errors;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
