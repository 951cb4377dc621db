import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError, notFound, type RowError } from '../errors.ts';
import { readsMemberActivity, type Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { chunks, requireReadableBank, requireWritableBank } from '../members/member.service.ts';
import type { attendanceBatchBody } from '../api-schemas.ts';
import { isAfterToday } from './meeting-date.ts';

type Db = Kysely<DatabaseTables>;
export type AttendanceBatch = z.output<typeof attendanceBatchBody>;

/**
 * Saves one session's roll call: the delivery and every member's present/absent, in one
 * transaction. Made for poor signal: every record carries the phone's own UUID, so resending the
 * same batch changes nothing, even when the resends arrive at the same moment. Any bad row
 * refuses the whole batch and names every bad row.
 */
export async function saveAttendanceBatch(db: Db, actor: Principal, curriculum: CurriculumIndex, batch: AttendanceBatch, address: string | null) {
  const { delivery, records } = batch;
  const session = curriculum.sessions.get(delivery.sessionId);
  if (!session) throw new ApiError('unprocessable', `There is no curriculum session with the id "${delivery.sessionId}".`, { field: 'delivery.sessionId' });
  if (isAfterToday(delivery.deliveredOn)) {
    throw new ApiError('unprocessable', `The meeting date ${delivery.deliveredOn} is after today: a roll call records a meeting that has been held.`, { field: 'delivery.deliveredOn' });
  }
  const repeated = repeatedRows(records);
  if (repeated.length) throw rowsError(repeated);

  return db.transaction().execute(async (trx) => {
    await requireWritableBank(trx, actor, delivery.bankId, 'delivery.bankId');
    const saved = await saveDelivery(trx, actor, delivery, session.version);

    const memberIds = records.map((r) => r.memberId);
    const members = new Set((await trx.selectFrom('members').select('id').where('bankId', '=', delivery.bankId).where('id', 'in', memberIds).execute()).map((m) => m.id));
    const stored = await storedRecords(trx, delivery.id, records);
    const rows = recordProblems(records, stored, delivery.id, members);
    if (rows.length) throw rowsError(rows);

    // Insert in id order (two transactions wait for each other instead of deadlocking) and let
    // the unique constraints skip what a simultaneous resend stored after our read.
    const recordedAt = new Date().toISOString();
    const fresh = records.filter((r) => !stored.byId.has(r.id));
    const inserted = new Set<string>();
    for (const chunk of chunks([...fresh].sort((a, b) => (a.id < b.id ? -1 : 1)), 200)) {
      const done = await trx
        .insertInto('attendance')
        .values(chunk.map((r) => ({ id: r.id, deliveryId: delivery.id, memberId: r.memberId, present: r.present ? 1 : 0, recordedBy: actor.userId, recordedAt })))
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const { id } of done) inserted.add(id);
    }
    // What was skipped must now be stored exactly as sent; read after the insert, so PostgreSQL
    // shows the other transaction's committed rows.
    if (inserted.size < fresh.length) {
      const raced = recordProblems(records, await storedRecords(trx, delivery.id, records), delivery.id, members);
      if (raced.length) throw rowsError(raced);
    }

    const created = inserted.size;
    if (saved.status === 'created' || created) {
      await audit(trx, { actorId: actor.userId, action: 'attendance.save', entity: 'delivery', entityId: delivery.id, address, detail: { created, unchanged: records.length - created } });
    }
    return { delivery: { id: delivery.id, status: saved.status, curriculumVersion: saved.curriculumVersion }, records: { created, unchanged: records.length - created } };
  });
}

type Trx = Transaction<DatabaseTables>;
type BatchRecord = AttendanceBatch['records'][number];

/** The delivery row: inserted, or found stored with the same bank, session and date (a resend). */
async function saveDelivery(trx: Trx, actor: Principal, delivery: AttendanceBatch['delivery'], curriculumVersion: string) {
  const read = () => trx.selectFrom('deliveries').selectAll().where('id', '=', delivery.id).executeTakeFirst();
  let stored = await read();
  if (!stored) {
    const inserted = await trx
      .insertInto('deliveries')
      .values({ ...delivery, curriculumVersion, facilitatorId: actor.userId, createdAt: new Date().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    if (inserted.length) return { status: 'created' as const, curriculumVersion };
    stored = await read();
  }
  if (!stored || stored.bankId !== delivery.bankId || stored.sessionId !== delivery.sessionId || stored.deliveredOn !== delivery.deliveredOn) {
    throw new ApiError('conflict', `Delivery ${delivery.id} is already stored with another bank, session or date. Use a new id for a new delivery.`, {
      field: 'delivery.id',
      extra: { storedId: stored?.id ?? delivery.id },
    });
  }
  return { status: 'unchanged' as const, curriculumVersion: stored.curriculumVersion };
}

/** Two rows of one batch with the same record id, or the same member: refused before any read. */
function repeatedRows(records: BatchRecord[]): RowError[] {
  const rows: RowError[] = [];
  const ids = new Map<string, number>();
  const members = new Map<string, number>();
  records.forEach((r, row) => {
    const sameId = ids.get(r.id);
    const sameMember = members.get(r.memberId);
    if (sameId !== undefined) rows.push({ row, field: 'id', message: `record ${r.id} is also in row ${sameId}` });
    else if (sameMember !== undefined) rows.push({ row, field: 'memberId', message: `member ${r.memberId} is also in row ${sameMember}` });
    ids.set(r.id, ids.get(r.id) ?? row);
    members.set(r.memberId, members.get(r.memberId) ?? row);
  });
  return rows;
}

async function storedRecords(trx: Trx, deliveryId: string, records: BatchRecord[]) {
  const existing = await trx
    .selectFrom('attendance')
    .select(['id', 'deliveryId', 'memberId', 'present'])
    .where((eb) => eb.or([eb('id', 'in', records.map((r) => r.id)), eb('deliveryId', '=', deliveryId)]))
    .execute();
  return { byId: new Map(existing.map((a) => [a.id, a])), byMember: new Map(existing.filter((a) => a.deliveryId === deliveryId).map((a) => [a.memberId, a])) };
}

/** Rows that cannot be saved as sent: not a member of the bank, or stored before with other content. */
function recordProblems(records: BatchRecord[], stored: Awaited<ReturnType<typeof storedRecords>>, deliveryId: string, members: Set<string>): RowError[] {
  const rows: RowError[] = [];
  records.forEach((r, row) => {
    if (!members.has(r.memberId)) return void rows.push({ row, field: 'memberId', message: 'is not a member of this bank' });
    const same = stored.byId.get(r.id);
    if (same) {
      if (same.deliveryId !== deliveryId || same.memberId !== r.memberId || Boolean(same.present) !== r.present)
        rows.push({ row, field: 'id', message: `record ${r.id} is already stored with other content (stored id ${same.id})` });
      return;
    }
    const other = stored.byMember.get(r.memberId);
    if (other) rows.push({ row, field: 'memberId', message: `this member's attendance for this delivery is already stored as record ${other.id}` });
  });
  return rows;
}

function rowsError(rows: RowError[]) {
  rows.sort((a, b) => a.row - b.row);
  const first = rows[0];
  const conflict = rows.every((r) => r.message.includes('already stored'));
  return new ApiError(conflict ? 'conflict' : 'invalid_rows', `${rows.length} row(s) cannot be saved; nothing was saved. First: records[${first?.row}].${first?.field} ${first?.message}.`, {
    field: `records[${first?.row}].${first?.field}`,
    extra: { rows },
  });
}

/**
 * The sessions a bank held. Head counts are what a woman did, summed over one meeting: only the
 * bank's facilitator reads them (above her, a head count beside the bank's figures would give a
 * small one away). Everyone who may read the bank sees which session was held and when.
 */
export async function listDeliveries(db: Db, actor: Principal, bankId: string) {
  await requireReadableBank(db, actor, bankId);
  const withCounts = readsMemberActivity(actor);
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .leftJoin('attendance', 'attendance.deliveryId', 'deliveries.id')
    .select((eb) => [
      'deliveries.id',
      'deliveries.bankId',
      'deliveries.sessionId',
      'deliveries.curriculumVersion',
      'deliveries.deliveredOn',
      eb.fn.coalesce(eb.fn.sum<number>('attendance.present'), eb.lit(0)).as('present'),
      eb.fn.count<number>('attendance.id').as('recorded'),
    ])
    .where('deliveries.bankId', '=', bankId)
    .where(banksReadableBy(actor))
    .groupBy(['deliveries.id', 'deliveries.bankId', 'deliveries.sessionId', 'deliveries.curriculumVersion', 'deliveries.deliveredOn'])
    .orderBy('deliveries.deliveredOn')
    .execute();
  return rows.map(({ recorded, present, ...d }) => (withCounts ? { ...d, present: Number(present), absent: Number(recorded) - Number(present) } : d));
}

/** Who came to one meeting: the bank's facilitator's alone (the contract admits no other role). */
export async function readAttendance(db: Db, actor: Principal, deliveryId: string) {
  if (!readsMemberActivity(actor)) throw new ApiError('forbidden', 'Who came to a meeting is for the bank’s facilitator only.');
  const delivery = await db
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select('deliveries.id')
    .where('deliveries.id', '=', deliveryId)
    .where(banksReadableBy(actor))
    .executeTakeFirst();
  if (!delivery) throw notFound('The delivery', 'deliveryId');
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('members', 'members.id', 'attendance.memberId')
    .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .select(['attendance.id', 'attendance.memberId', 'members.memberCode', 'attendance.present', 'members.displayName'])
    .where('attendance.deliveryId', '=', deliveryId)
    .where(banksReadableBy(actor))
    .orderBy('members.memberCode')
    .execute();
  return rows.map((r) => ({ ...r, present: Boolean(r.present) }));
}
